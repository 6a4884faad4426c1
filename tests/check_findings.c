/* findings.c: reporting, UTF-8 cleaning, ordering, input errors. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "suites.h"
#include "util.h"

static const struct fl_rule fl_test_rule_a = {"aaa-rule", FL_SEVERITY_WARNING, "A.", 0, NULL};
static const struct fl_rule fl_test_rule_b = {"bbb-rule", FL_SEVERITY_ERROR, "B.", 0, NULL};

static void fl_add(struct fl_findings *findings, const struct fl_rule *rule, const char *file,
		   unsigned line, unsigned column, const char *message)
{
	struct fl_loc loc = {(char *)file, line, column};
	fl_report(findings, rule, rule->severity, &loc, "%s", message);
}

START_TEST(test_report_formats_and_copies)
{
	struct fl_findings findings = {0};
	char file[] = "drv/a.c";
	struct fl_loc loc = {file, 12, 5};
	struct fl_finding *finding =
		fl_report(&findings, &fl_test_rule_a, FL_SEVERITY_ERROR, &loc, "%s needs %d", "Foo", 3);
	file[0] = 'X'; /* the finding keeps its own copy */
	fl_finding_set_function(finding, "DriverEntry");
	struct fl_loc where = {"drv/b.c", 3, 1};
	fl_finding_add_related(finding, &where, "registered here as %s", "PreCreate");
	fl_finding_add_related(finding, &where, "second");

	ck_assert_uint_eq(findings.count, 1);
	finding = &findings.items[0];
	ck_assert_str_eq(finding->rule, "aaa-rule");
	ck_assert_int_eq(finding->severity, FL_SEVERITY_ERROR);
	ck_assert_str_eq(finding->loc.file, "drv/a.c");
	ck_assert_uint_eq(finding->loc.line, 12);
	ck_assert_uint_eq(finding->loc.column, 5);
	ck_assert_str_eq(finding->message, "Foo needs 3");
	ck_assert_str_eq(finding->function, "DriverEntry");
	ck_assert_uint_eq(finding->related_count, 2);
	ck_assert_str_eq(finding->related[0].message, "registered here as PreCreate");
	ck_assert_str_eq(finding->related[0].loc.file, "drv/b.c");
	ck_assert_uint_eq(finding->related[1].loc.line, 3);
	fl_findings_free(&findings);
	ck_assert_uint_eq(findings.count, 0);
	fl_findings_free(&findings); /* twice is harmless */
	fl_findings_free(NULL);
}
END_TEST

START_TEST(test_report_repairs_utf8)
{
	struct fl_findings findings = {0};
	struct fl_loc loc = {"drv/caf\xe9.c", 1, 1}; /* Latin-1 é */
	struct fl_finding *finding = fl_report(&findings, &fl_test_rule_a, FL_SEVERITY_WARNING, &loc,
					       "name '%s'", "\xc4\xe3\xba\xc3"); /* GBK */
	fl_finding_set_function(finding, "f\xff");
	fl_finding_add_related(finding, &loc, "%s", "\xc0\x80"); /* overlong NUL */
	ck_assert(fl_utf8_valid(finding->loc.file, strlen(finding->loc.file)));
	ck_assert(fl_utf8_valid(finding->message, strlen(finding->message)));
	ck_assert(fl_utf8_valid(finding->function, strlen(finding->function)));
	ck_assert(fl_utf8_valid(finding->related[0].message, strlen(finding->related[0].message)));
	ck_assert_str_eq(finding->loc.file, "drv/caf\xef\xbf\xbd.c");
	ck_assert_str_eq(finding->function, "f\xef\xbf\xbd");
	/* Valid UTF-8 passes unchanged. */
	fl_report(&findings, &fl_test_rule_a, FL_SEVERITY_WARNING, &loc, "caf\xc3\xa9 \xe2\x9c\x93");
	ck_assert_str_eq(findings.items[1].message, "caf\xc3\xa9 \xe2\x9c\x93");
	fl_findings_free(&findings);
}
END_TEST

START_TEST(test_sort_order)
{
	struct fl_findings findings = {0};
	/* Inserted in an order that is wrong on every key. */
	fl_add(&findings, &fl_test_rule_b, "b.c", 1, 1, "m");
	fl_add(&findings, &fl_test_rule_a, "a.c", 10, 1, "m");
	fl_add(&findings, &fl_test_rule_a, "a.c", 2, 9, "m");
	fl_add(&findings, &fl_test_rule_b, "a.c", 2, 3, "m");
	fl_add(&findings, &fl_test_rule_a, "a.c", 2, 3, "zz");
	fl_add(&findings, &fl_test_rule_a, "a.c", 2, 3, "aa");
	fl_findings_sort(&findings);
	static const struct {
		const char *file;
		unsigned line, column;
		const char *rule, *message;
	} want[] = {
		{"a.c", 2, 3, "aaa-rule", "aa"}, {"a.c", 2, 3, "aaa-rule", "zz"},
		{"a.c", 2, 3, "bbb-rule", "m"},  {"a.c", 2, 9, "aaa-rule", "m"},
		{"a.c", 10, 1, "aaa-rule", "m"}, {"b.c", 1, 1, "bbb-rule", "m"},
	};
	ck_assert_uint_eq(findings.count, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < findings.count; i++) {
		const struct fl_finding *finding = &findings.items[i];
		ck_assert_str_eq(finding->loc.file, want[i].file);
		ck_assert_uint_eq(finding->loc.line, want[i].line);
		ck_assert_uint_eq(finding->loc.column, want[i].column);
		ck_assert_str_eq(finding->rule, want[i].rule);
		ck_assert_str_eq(finding->message, want[i].message);
	}
	fl_findings_free(&findings);
}
END_TEST

START_TEST(test_input_errors)
{
	struct fl_input_errors errors = {0};
	fl_input_error_add(&errors, "z.c", "cannot read: %s", "Permission denied");
	fl_input_error_add_at(&errors, "a.c", 9, "does not parse");
	fl_input_error_add_at(&errors, "a.c", 2, "does not parse");
	fl_input_error_add(&errors, "bad\xfe.c", "cannot read");
	fl_input_errors_sort(&errors);
	ck_assert_uint_eq(errors.count, 4);
	ck_assert_str_eq(errors.items[0].file, "a.c");
	ck_assert_uint_eq(errors.items[0].line, 2);
	ck_assert_uint_eq(errors.items[1].line, 9);
	ck_assert_str_eq(errors.items[2].file, "bad\xef\xbf\xbd.c");
	ck_assert_uint_eq(errors.items[2].line, 0);
	ck_assert_str_eq(errors.items[3].file, "z.c");
	ck_assert_str_eq(errors.items[3].message, "cannot read: Permission denied");
	fl_input_errors_free(&errors);
	ck_assert_uint_eq(errors.count, 0);
	fl_input_errors_free(NULL);
}
END_TEST

START_TEST(test_severity)
{
	enum fl_severity severity = FL_SEVERITY_NOTE;
	ck_assert_str_eq(fl_severity_name(FL_SEVERITY_NOTE), "note");
	ck_assert_str_eq(fl_severity_name(FL_SEVERITY_WARNING), "warning");
	ck_assert_str_eq(fl_severity_name(FL_SEVERITY_ERROR), "error");
	ck_assert_int_eq(fl_severity_parse("error", &severity), 0);
	ck_assert_int_eq(severity, FL_SEVERITY_ERROR);
	ck_assert_int_eq(fl_severity_parse("warning", &severity), 0);
	ck_assert_int_eq(severity, FL_SEVERITY_WARNING);
	ck_assert_int_eq(fl_severity_parse("Error", &severity), -1);
	ck_assert_int_eq(fl_severity_parse("", &severity), -1);
	ck_assert_int_eq(severity, FL_SEVERITY_WARNING); /* untouched on failure */

	struct fl_findings findings = {0};
	fl_add(&findings, &fl_test_rule_a, "a.c", 1, 1, "warning");
	fl_add(&findings, &fl_test_rule_b, "a.c", 2, 1, "error");
	ck_assert_uint_eq(fl_findings_count_at_least(&findings, FL_SEVERITY_NOTE), 2);
	ck_assert_uint_eq(fl_findings_count_at_least(&findings, FL_SEVERITY_WARNING), 2);
	ck_assert_uint_eq(fl_findings_count_at_least(&findings, FL_SEVERITY_ERROR), 1);
	fl_findings_free(&findings);
}
END_TEST

Suite *fl_findings_suite(void)
{
	Suite *suite = suite_create("findings");
	TCase *tcase = tcase_create("findings");
	tcase_add_test(tcase, test_report_formats_and_copies);
	tcase_add_test(tcase, test_report_repairs_utf8);
	tcase_add_test(tcase, test_sort_order);
	tcase_add_test(tcase, test_input_errors);
	tcase_add_test(tcase, test_severity);
	suite_add_tcase(suite, tcase);
	return suite;
}
