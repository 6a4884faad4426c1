/* The fltlint binary, run as a user runs it: options, output, exit codes. */
#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"
#include "parse/wdk.h"

#define FL_RUN(...) fl_test_run_cli((const char *const[]){__VA_ARGS__, NULL})

static size_t fl_count_lines(const char *text)
{
	size_t lines = 0;
	for (; *text; text++)
		lines += *text == '\n';
	return lines;
}

START_TEST(test_version_and_help)
{
	struct fl_test_run run = FL_RUN("--version");
	ck_assert_int_eq(run.status, 0);
	ck_assert_str_eq(run.out, "fltlint " FL_VERSION "\n");
	fl_test_run_free(&run);
	run = FL_RUN("--help");
	ck_assert_int_eq(run.status, 0);
	ck_assert(fl_str_starts_with(run.out, "Usage: fltlint [OPTIONS] PATH...\n"));
	ck_assert_ptr_nonnull(strstr(run.out, "--fail-on"));
	ck_assert_str_eq(run.err, "");
	fl_test_run_free(&run);
}
END_TEST

/* A -D on the command line wins over the default of the same macro
 * (NTDDI_VERSION 0x0A000000): the driver then targets Windows 10 2004. */
START_TEST(test_user_define_wins_over_default)
{
	const char *path = "fixtures/deprecated-pool-api/good_older_target.c";
	struct fl_test_run run = FL_RUN("--no-cache", path);
	ck_assert_int_eq(run.status, 0);
	ck_assert_ptr_null(strstr(run.out, "[deprecated-pool-api]"));
	fl_test_run_free(&run);
	run = FL_RUN("--no-cache", "-DNTDDI_VERSION=0x0A000008", path);
	ck_assert_ptr_nonnull(strstr(run.out, "[deprecated-pool-api]"));
	fl_test_run_free(&run);
}
END_TEST

/* Usage errors: exit 2, nothing on stdout, what went wrong plus "try --help". */
static const struct {
	const char *args[4];
	const char *says;
} fl_usage_cases[] = {
	{{"--jobs=1", NULL}, "no PATH to analyze"},
	{{"--bogus", "x.c", NULL}, "unknown option '--bogus'"},
	{{"-q", "x.c", NULL}, "unknown option '-q'"},
	{{"--format", "xml", "x.c", NULL}, "--format wants text, json or sarif, not 'xml'"},
	{{"-j", "0", "x.c", NULL}, "--jobs wants a number"},
	{{"-j", "2x", "x.c", NULL}, "--jobs wants a number"},
	{{"--fail-on", "fatal", "x.c", NULL}, "--fail-on wants note, warning or error"},
	{{"--timeout", "-1", "x.c", NULL}, "--timeout wants a number of seconds"},
	{{"x.c", "--jobs", NULL}, "option '--jobs' needs an argument"},
};

START_TEST(test_usage_errors)
{
	struct fl_test_run run = fl_test_run_cli(fl_usage_cases[_i].args);
	ck_assert_int_eq(run.status, 2);
	ck_assert_str_eq(run.out, "");
	ck_assert_msg(strstr(run.err, fl_usage_cases[_i].says), "stderr: %s", run.err);
	ck_assert_ptr_nonnull(strstr(run.err, "Try 'fltlint --help'"));
	ck_assert_uint_eq(fl_count_lines(run.err), 2);
	fl_test_run_free(&run);
}
END_TEST

START_TEST(test_list_rules_and_headers)
{
	struct fl_test_run run = FL_RUN("--list-rules");
	ck_assert_int_eq(run.status, 0);
	ck_assert_uint_eq(fl_count_lines(run.out), fl_rule_count());
	for (size_t i = 0; fl_rules[i]; i++) {
		char *line = fl_xasprintf("%s ", fl_rules[i]->id);
		ck_assert_msg(strstr(run.out, line), "%s not listed:\n%s", fl_rules[i]->id, run.out);
		ck_assert_ptr_nonnull(strstr(run.out, fl_rules[i]->summary));
		free(line);
	}
	fl_test_run_free(&run);
	run = FL_RUN("--show-headers");
	ck_assert_int_eq(run.status, 0);
	char *want = fl_xasprintf("%s\n", fl_wdk_bundled_dir());
	ck_assert_str_eq(run.out, want);
	free(want);
	fl_test_run_free(&run);
}
END_TEST

START_TEST(test_missing_path_exits_2)
{
	struct fl_test_run run = FL_RUN("/nonexistent/fltlint/x.c");
	ck_assert_int_eq(run.status, 2);
	ck_assert_msg(strstr(run.out, "/nonexistent/fltlint/x.c: error: cannot read: No such file or directory\n"),
		      "stdout: %s", run.out);
	fl_test_run_free(&run);
}
END_TEST

static char *fl_slurp(const char *path)
{
	char *text = fl_read_file(path, NULL);
	ck_assert_msg(text != NULL, "cannot read %s", path);
	return text;
}

/* The names in a folder other than . and .. */
static size_t fl_entries(const char *dir)
{
	DIR *stream = opendir(dir);
	ck_assert_ptr_nonnull(stream);
	size_t count = 0;
	for (struct dirent *entry; (entry = readdir(stream));)
		count += strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..");
	closedir(stream);
	return count;
}

START_TEST(test_output_file)
{
	char *dir = fl_test_tempdir();
	char *report = fl_test_write(dir, "report.json", "OLD");

	/* A run that fails before reporting leaves the old report. */
	struct fl_test_run run = FL_RUN("-o", report, "--format", "xml", "x.c");
	ck_assert_int_eq(run.status, 2);
	fl_test_run_free(&run);
	char *text = fl_slurp(report);
	ck_assert_str_eq(text, "OLD");
	free(text);

	/* A complete run replaces it, and leaves no temporary file behind. */
	run = FL_RUN("-o", report, "-f", "json", "/nonexistent/fltlint/y.c");
	ck_assert_int_eq(run.status, 2);
	ck_assert_str_eq(run.out, "");
	fl_test_run_free(&run);
	json_error_t error;
	json_t *root = json_load_file(report, 0, &error);
	ck_assert_msg(root != NULL, "%s", error.text);
	json_t *first = json_array_get(json_object_get(root, "errors"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(first, "file")), "/nonexistent/fltlint/y.c");
	json_decref(root);
	ck_assert_uint_eq(fl_entries(dir), 1);

	/* A folder that does not exist: refused before analyzing. */
	char *nowhere = fl_xasprintf("%s/no/such/folder/r.txt", dir);
	run = FL_RUN("--output", nowhere, "x.c");
	ck_assert_int_eq(run.status, 2);
	ck_assert_msg(strstr(run.err, "cannot write"), "stderr: %s", run.err);
	fl_test_run_free(&run);

	fl_test_rmtree(dir);
	free(nowhere);
	free(report);
	free(dir);
}
END_TEST

/* A small driver with a context registration array whose ending varies. */
static char *fl_driver(const char *dir, const char *name, const char *ending)
{
	char *text = fl_xasprintf("#include <fltKernel.h>\n"
				  "\n"
				  "const FLT_CONTEXT_REGISTRATION Contexts[] = {\n"
				  "    { FLT_STREAM_CONTEXT, 0, NULL, 64, 'xtcS' },\n"
				  "%s"
				  "};\n",
				  ending);
	char *path = fl_test_write(dir, name, text);
	free(text);
	return path;
}

START_TEST(test_exit_codes_follow_findings)
{
	char *dir = fl_test_tempdir();
	char *clean = fl_driver(dir, "clean.c", "    { FLT_CONTEXT_END }\n");
	/* Terminated, then one element too many: a warning, not an error. */
	char *warn = fl_driver(dir, "warn.c",
			       "    { FLT_CONTEXT_END },\n"
			       "    { FLT_STREAM_CONTEXT, 0, NULL, 32, 'xtcS' },\n"
			       "    { FLT_CONTEXT_END }\n");
	char *error = fl_driver(dir, "error.c", "");
	char *broken = fl_test_write(dir, "broken.c", "#include <fltKernel.h>\nint x = ;\n");

	struct fl_test_run run = FL_RUN("-j", "1", clean);
	ck_assert_msg(run.status == 0, "exit %d\n%s%s", run.status, run.out, run.err);
	fl_test_run_free(&run);

	run = FL_RUN(warn);
	ck_assert_msg(run.status == 1, "exit %d\n%s%s", run.status, run.out, run.err);
	char *line = fl_xasprintf("%s:6:", warn);
	ck_assert_msg(strstr(run.out, line) && strstr(run.out, ": warning: ") &&
			      strstr(run.out, " [context-end]\n"),
		      "stdout: %s", run.out);
	free(line);
	fl_test_run_free(&run);
	run = FL_RUN("--fail-on", "error", warn);
	ck_assert_int_eq(run.status, 0);
	fl_test_run_free(&run);
	run = FL_RUN("--fail-on=note", warn);
	ck_assert_int_eq(run.status, 1);
	fl_test_run_free(&run);

	run = FL_RUN("--fail-on", "error", error);
	ck_assert_msg(run.status == 1, "exit %d\n%s%s", run.status, run.out, run.err);
	fl_test_run_free(&run);

	/* A file with clang errors is never clean: it is analyzed and said to
	 * be analyzed with errors; --strict-parse makes that exit 2. */
	run = FL_RUN(clean, broken);
	ck_assert_msg(run.status == 0, "exit %d\n%s%s", run.status, run.out, run.err);
	ck_assert_ptr_nonnull(strstr(run.out, "broken.c:2: warning: analyzed with 1 clang error"));
	ck_assert_ptr_nonnull(strstr(run.out, "2 analyzed (1 with errors)"));
	fl_test_run_free(&run);
	run = FL_RUN("--strict-parse", clean, broken);
	ck_assert_msg(run.status == 2, "exit %d\n%s%s", run.status, run.out, run.err);
	fl_test_run_free(&run);

	/* -I, -D, -U and --include reach clang; --verbose shows its arguments
	 * on stderr, not in the report. */
	char *prelude = fl_test_write(dir, "inc/prelude.h", "#define FL_FROM_PRELUDE 1\n");
	char *inc = fl_xasprintf("%s/inc", dir);
	char *inc_arg = fl_xasprintf("-I%s", inc);
	run = FL_RUN("--verbose", "-DFL_TEST_MACRO=1", "-I", inc, "-U", "FL_OTHER", "--include",
		     prelude, "-f", "json", clean);
	ck_assert_msg(run.status == 0, "exit %d\n%s%s", run.status, run.out, run.err);
	ck_assert_msg(strstr(run.err, "-DFL_TEST_MACRO=1") && strstr(run.err, inc_arg) &&
			      strstr(run.err, "-UFL_OTHER") && strstr(run.err, prelude),
		      "stderr: %s", run.err);
	ck_assert_ptr_null(strstr(run.out, "FL_TEST_MACRO"));
	fl_test_run_free(&run);
	free(prelude);
	free(inc);
	free(inc_arg);

	fl_test_rmtree(dir);
	free(clean);
	free(warn);
	free(error);
	free(broken);
	free(dir);
}
END_TEST

START_TEST(test_stack)
{
	struct fl_test_run run = FL_RUN("--stack", FL_SOURCE_DIR "/fixtures/reference");
	ck_assert_msg(run.status == 0, "exit %d\n%s", run.status, run.err);
	ck_assert_ptr_nonnull(strstr(run.out, "ledger.inf"));
	fl_test_run_free(&run);
	/* Nothing to stack is an error, not an empty stack. */
	run = FL_RUN("--stack", FL_SOURCE_DIR "/fixtures/harness/missing.c");
	ck_assert_int_eq(run.status, 2);
	ck_assert_ptr_nonnull(strstr(run.err, "error: no INF file"));
	fl_test_run_free(&run);
}
END_TEST

Suite *fl_cli_suite(void)
{
	Suite *suite = suite_create("cli");
	TCase *tcase = tcase_create("cli");
	tcase_set_timeout(tcase, 120); /* runs libclang on real headers */
	tcase_add_test(tcase, test_version_and_help);
	tcase_add_test(tcase, test_user_define_wins_over_default);
	tcase_add_loop_test(tcase, test_usage_errors, 0,
			    sizeof(fl_usage_cases) / sizeof(fl_usage_cases[0]));
	tcase_add_test(tcase, test_list_rules_and_headers);
	tcase_add_test(tcase, test_missing_path_exits_2);
	tcase_add_test(tcase, test_output_file);
	tcase_add_test(tcase, test_exit_codes_follow_findings);
	tcase_add_test(tcase, test_stack);
	suite_add_tcase(suite, tcase);
	return suite;
}
