/* fltlint_tests [SUITE]: the Check suites.  With no argument every suite
 * runs; with a suite's name (tests/check_<name>.c builds the suite <name>)
 * only that one, so that ctest lists and times each suite as a test of its
 * own.  CK_RUN_CASE (Check's own variable) narrows a run while debugging. */
#include <stdio.h>
#include <stdlib.h>

#include "suites.h"
#include "testutil.h"

static Suite *(*const fl_suite_makers[])(void) = {
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
	fl_lsp_suite,
	fl_fix_suite,
};

int main(int argc, char **argv)
{
	/* No test may read or fill the user's own facts cache: the CLI's
	 * default folder is $XDG_CACHE_HOME/fltlint, so point it at a fresh
	 * folder of this run (the engine's own tests pass a folder or none). */
	char cache_home[] = "/tmp/fltlint-test-cache-XXXXXX";
	if (mkdtemp(cache_home))
		setenv("XDG_CACHE_HOME", cache_home, 1);
	SRunner *runner = srunner_create(NULL);
	for (size_t i = 0; i < sizeof(fl_suite_makers) / sizeof(fl_suite_makers[0]); i++)
		srunner_add_suite(runner, fl_suite_makers[i]());
	const char *suite = argc > 1 ? argv[1] : NULL; /* NULL: CK_RUN_SUITE or all */
	srunner_run(runner, suite, NULL, CK_NORMAL);
	int status = srunner_ntests_failed(runner) ? EXIT_FAILURE : EXIT_SUCCESS;
	/* A check_<name>.c whose suite is missing from fl_suite_makers[] (or is
	 * named otherwise) must not pass by running nothing. */
	if (suite && srunner_ntests_run(runner) == 0) {
		fprintf(stderr, "fltlint_tests: no suite '%s' (or it has no test)\n", suite);
		status = EXIT_FAILURE;
	}
	srunner_free(runner);
	fl_test_rmtree(cache_home);
	return status;
}
