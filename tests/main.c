/* fltlint_tests: every suite in one runner, so that ctest has one test to
 * run and Check's summary counts everything.  CK_RUN_SUITE / CK_RUN_CASE
 * (Check's own variables) narrow a run while debugging. */
#include <stdlib.h>

#include "suites.h"
#include "testutil.h"

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
		fl_hostile_suite,
		fl_mutation_suite,
		fl_speed_suite,
		fl_ci_suite,
		fl_flow_suite,
	};
	/* No test may read or fill the user's own facts cache: the CLI's
	 * default folder is $XDG_CACHE_HOME/fltlint, so point it at a fresh
	 * folder of this run (the engine's own tests pass a folder or none). */
	char cache_home[] = "/tmp/fltlint-test-cache-XXXXXX";
	if (mkdtemp(cache_home))
		setenv("XDG_CACHE_HOME", cache_home, 1);
	SRunner *runner = srunner_create(NULL);
	for (size_t i = 0; i < sizeof(fl_suite_makers) / sizeof(fl_suite_makers[0]); i++)
		srunner_add_suite(runner, fl_suite_makers[i]());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	fl_test_rmtree(cache_home);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
