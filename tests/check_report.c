/* report.c: the text format to the byte, the JSON format parsed back. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "report/report.h"
#include "rule.h"
#include "suites.h"
#include "util.h"

static const struct fl_rule fl_rule_x = {"context-end", FL_SEVERITY_ERROR, "X.", 0, NULL};
static const struct fl_rule fl_rule_y = {"aaa-rule", FL_SEVERITY_WARNING, "Y.", 0, NULL};

/* A result as the engine would return it, without running one. */
static void fl_sample(struct fl_engine_result *result)
{
	memset(result, 0, sizeof(*result));
	struct fl_loc a = {"drv/a.c", 10, 27}, a2 = {"drv/a.c", 14, 5}, b = {"drv/b.c", 3, 1};
	struct fl_finding *finding = fl_report(&result->findings, &fl_rule_x, FL_SEVERITY_ERROR, &a,
					       "'Contexts' does not end with FLT_CONTEXT_END");
	fl_finding_add_related(finding, &a2, "last element here");
	finding = fl_report(&result->findings, &fl_rule_y, FL_SEVERITY_WARNING, &b, "caf\xc3\xa9 \"q\"");
	fl_finding_set_function(finding, "DriverEntry");
	fl_input_error_add(&result->errors, "drv/broken.c", "cannot read: Permission denied; not analyzed");
	fl_input_error_add_parse(&result->errors, "drv/c.c", 7, "analyzed with 1 clang error");
	result->sources_seen = 4;
	result->sources_analyzed = 2;
	result->analyzed_with_errors = 1;
	result->skipped_user_mode = 1;
}

static void fl_sample_free(struct fl_engine_result *result)
{
	fl_findings_free(&result->findings);
	fl_input_errors_free(&result->errors);
}

/* Runs `write` into memory and returns the text. */
static char *fl_capture_text(const struct fl_engine_result *result, bool color)
{
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);
	ck_assert_int_eq(fl_report_text(out, result, color), 0);
	fclose(out);
	return text;
}

START_TEST(test_text_exact)
{
	struct fl_engine_result result;
	fl_sample(&result);
	char *text = fl_capture_text(&result, false);
	ck_assert_str_eq(text,
			 "drv/a.c:10:27: error: 'Contexts' does not end with FLT_CONTEXT_END [context-end]\n"
			 "drv/a.c:14:5: note: last element here\n"
			 "drv/b.c:3:1: warning: caf\xc3\xa9 \"q\" [aaa-rule]\n"
			 "drv/broken.c: error: cannot read: Permission denied; not analyzed\n"
			 "drv/c.c:7: warning: analyzed with 1 clang error\n"
			 "fltlint: 4 files, 2 analyzed (1 with errors), 1 user-mode skipped: 2 findings (1 error, "
			 "1 warning), 1 input error\n");
	free(text);
	fl_sample_free(&result);
}
END_TEST

START_TEST(test_text_color_only_when_asked)
{
	struct fl_engine_result result;
	fl_sample(&result);
	char *plain = fl_capture_text(&result, false);
	char *colored = fl_capture_text(&result, true);
	ck_assert_ptr_null(strchr(plain, '\033'));
	ck_assert_ptr_nonnull(strstr(colored, "\033[1;31merror:\033[0m"));
	ck_assert_ptr_nonnull(strstr(colored, "\033[1;35mwarning:\033[0m"));
	ck_assert_ptr_nonnull(strstr(colored, "\033[1;36mnote:\033[0m"));
	/* Without the escapes, the same text. */
	char *stripped = fl_xstrdup(colored);
	char *to = stripped;
	for (const char *from = colored; *from;) {
		if (*from == '\033') {
			from = strchr(from, 'm') + 1;
			continue;
		}
		*to++ = *from++;
	}
	*to = '\0';
	ck_assert_str_eq(stripped, plain);
	free(plain);
	free(colored);
	free(stripped);
	fl_sample_free(&result);
}
END_TEST

START_TEST(test_summary_forms)
{
	struct fl_engine_result result = {0};
	result.sources_seen = 1;
	result.sources_analyzed = 1;
	char *text = fl_capture_text(&result, false);
	ck_assert_str_eq(text, "fltlint: 1 file, 1 analyzed: no findings, no input errors\n");
	free(text);
	struct fl_loc loc = {"a.c", 1, 1};
	fl_report(&result.findings, &fl_rule_y, FL_SEVERITY_NOTE, &loc, "n");
	fl_report(&result.findings, &fl_rule_y, FL_SEVERITY_NOTE, &loc, "n");
	fl_input_error_add(&result.errors, "b.c", "x");
	char *summary = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&summary, &length);
	fl_report_summary(out, &result);
	fclose(out);
	ck_assert_str_eq(summary, "fltlint: 1 file, 1 analyzed: 2 findings (2 notes), 1 input error\n");
	free(summary);
	fl_sample_free(&result);
}
END_TEST

static json_t *fl_capture_json(const struct fl_engine_result *result)
{
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);
	ck_assert_int_eq(fl_report_json(out, result), 0);
	fclose(out);
	json_error_t error;
	json_t *root = json_loadb(text, length, 0, &error);
	ck_assert_msg(root != NULL, "JSON does not parse back: %s (line %d)\n%s", error.text,
		      error.line, text);
	free(text);
	return root;
}

START_TEST(test_json_structure)
{
	struct fl_engine_result result;
	fl_sample(&result);
	json_t *root = fl_capture_json(&result);
	json_error_t error;
	const char *version;
	json_t *findings, *errors;
	json_int_t files, analyzed, finding_count, error_count, format, with_errors, skipped;
	/* JSON_STRICT: no key we did not document (docs/json-format.md). */
	ck_assert_msg(json_unpack_ex(root, &error, JSON_STRICT,
				     "{s:s, s:I, s:o, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I}}", "version", &version,
				     "format", &format, "findings", &findings, "errors", &errors, "summary", "files",
				     &files, "analyzed", &analyzed, "findings", &finding_count,
				     "errors", &error_count, "analyzed_with_errors", &with_errors,
				     "skipped_user_mode", &skipped) == 0,
		      "%s", error.text);
	ck_assert_str_eq(version, FL_VERSION);
	ck_assert_int_eq(format, 1);
	ck_assert_int_eq(files, 4);
	ck_assert_int_eq(analyzed, 2);
	ck_assert_int_eq(finding_count, 2);
	ck_assert_int_eq(error_count, 2);
	ck_assert_uint_eq(json_array_size(findings), 2);

	const char *rule, *severity, *file, *message, *function = NULL;
	json_int_t line, column;
	json_t *related;
	ck_assert_msg(json_unpack_ex(json_array_get(findings, 0), &error, JSON_STRICT,
				     "{s:s, s:s, s:s, s:I, s:I, s:s, s?s, s:o}", "rule", &rule,
				     "severity", &severity, "file", &file, "line", &line, "column",
				     &column, "message", &message, "function", &function, "related",
				     &related) == 0,
		      "%s", error.text);
	ck_assert_str_eq(rule, "context-end");
	ck_assert_str_eq(severity, "error");
	ck_assert_str_eq(file, "drv/a.c");
	ck_assert_int_eq(line, 10);
	ck_assert_int_eq(column, 27);
	ck_assert_ptr_null(function); /* absent, not null */
	ck_assert_uint_eq(json_array_size(related), 1);
	ck_assert_msg(json_unpack_ex(json_array_get(related, 0), &error, JSON_STRICT,
				     "{s:s, s:I, s:I, s:s}", "file", &file, "line", &line, "column",
				     &column, "message", &message) == 0,
		      "%s", error.text);
	ck_assert_int_eq(line, 14);
	ck_assert_str_eq(message, "last element here");

	json_t *second = json_array_get(findings, 1);
	ck_assert_str_eq(json_string_value(json_object_get(second, "function")), "DriverEntry");
	ck_assert_str_eq(json_string_value(json_object_get(second, "message")), "caf\xc3\xa9 \"q\"");
	ck_assert_uint_eq(json_array_size(json_object_get(second, "related")), 0);

	ck_assert_int_eq(with_errors, 1);
	ck_assert_int_eq(skipped, 1);
	ck_assert_uint_eq(json_array_size(errors), 2);
	const char *kind;
	ck_assert_msg(json_unpack_ex(json_array_get(errors, 0), &error, JSON_STRICT, "{s:s, s:s, s:s}",
				     "file", &file, "message", &message, "kind", &kind) == 0,
		      "%s", error.text);
	ck_assert_str_eq(file, "drv/broken.c");
	ck_assert_str_eq(kind, "not-analyzed");
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(errors, 1), "line")), 7);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "kind")), "parse");
	json_decref(root);
	fl_sample_free(&result);
}
END_TEST

START_TEST(test_json_always_utf8)
{
	/* A finding built by hand, past fl_report's cleaning. */
	struct fl_engine_result result = {0};
	struct fl_loc loc = {"ok.c", 1, 2};
	fl_report(&result.findings, &fl_rule_y, FL_SEVERITY_WARNING, &loc, "clean");
	free(result.findings.items[0].message);
	result.findings.items[0].message = fl_xstrdup("bad \xff byte");
	free((char *)result.findings.items[0].loc.file);
	result.findings.items[0].loc.file = fl_xstrdup("gbk\xc4\xe3.c");
	json_t *root = fl_capture_json(&result);
	json_t *finding = json_array_get(json_object_get(root, "findings"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(finding, "message")),
			 "bad \xef\xbf\xbd byte");
	ck_assert_str_eq(json_string_value(json_object_get(finding, "file")),
			 "gbk\xef\xbf\xbd\xef\xbf\xbd.c");
	json_decref(root);
	fl_sample_free(&result);
}
END_TEST

START_TEST(test_write_failure_is_reported)
{
	FILE *full = fopen("/dev/full", "w");
	if (!full)
		return; /* no /dev/full in this sandbox */
	struct fl_engine_result result;
	fl_sample(&result);
	setvbuf(full, NULL, _IONBF, 0);
	ck_assert_int_eq(fl_report_text(full, &result, false), -1);
	clearerr(full);
	ck_assert_int_eq(fl_report_json(full, &result), -1);
	fclose(full);
	fl_sample_free(&result);
}
END_TEST

Suite *fl_report_suite(void)
{
	Suite *suite = suite_create("report");
	TCase *tcase = tcase_create("report");
	tcase_add_test(tcase, test_text_exact);
	tcase_add_test(tcase, test_text_color_only_when_asked);
	tcase_add_test(tcase, test_summary_forms);
	tcase_add_test(tcase, test_json_structure);
	tcase_add_test(tcase, test_json_always_utf8);
	tcase_add_test(tcase, test_write_failure_is_reported);
	suite_add_tcase(suite, tcase);
	return suite;
}
