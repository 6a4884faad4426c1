/* The Check suites of fltlint_tests, one per tests/check_*.c.  A new suite
 * is declared here and added to fl_suite_makers[] in tests/main.c. */
#ifndef FL_TEST_SUITES_H
#define FL_TEST_SUITES_H

#include <check.h>

Suite *fl_findings_suite(void);
Suite *fl_discover_suite(void);
Suite *fl_report_suite(void);
Suite *fl_expect_suite(void);
Suite *fl_cli_suite(void);
Suite *fl_fixtures_suite(void);
Suite *fl_inf_suite(void);
Suite *fl_engine_suite(void);
Suite *fl_docs_suite(void);
Suite *fl_hostile_suite(void);
Suite *fl_mutation_suite(void);
Suite *fl_speed_suite(void);
Suite *fl_api_suite(void);
Suite *fl_ci_suite(void);
Suite *fl_flow_suite(void);
Suite *fl_lsp_suite(void);
Suite *fl_fix_suite(void);

#endif
