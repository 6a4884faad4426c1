/* fltlint_tests: every suite in one runner, so that ctest has one test to
 * run and Check's summary counts everything.  CK_RUN_SUITE / CK_RUN_CASE
 * (Check's own variables) narrow a run while debugging. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	Suite *(*const fl_suite_makers[])(void) = {
		fl_findings_suite,
		fl_discover_suite,
		fl_report_suite,
		fl_expect_suite,
		fl_cli_suite,
		fl_fixtures_suite,
		fl_inf_suite,
		fl_api_suite,
		fl_engine_suite,
		fl_docs_suite,
		fl_mutation_suite,
	};
	SRunner *runner = srunner_create(NULL);
	for (size_t i = 0; i < sizeof(fl_suite_makers) / sizeof(fl_suite_makers[0]); i++)
		srunner_add_suite(runner, fl_suite_makers[i]());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
