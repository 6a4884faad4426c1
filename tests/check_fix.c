/* fltlint --fix and --fix --diff on a copy of each fixture with fixable
 * findings: the findings that carried a fix are gone, no other finding and
 * no clang error appears, a second --fix changes nothing, and the diff is
 * one `patch -p0 --dry-run` accepts.  Where a finding has several fixes
 * (paged-code-section), each is applied alone, as an editor's code action
 * would, with the same checks; and none is preferred, so --fix leaves it,
 * where placing the function in PAGE would make it fault at DISPATCH_LEVEL. */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

struct fl_fix_case {
	const char *fixture;
	const char *rule;
};

static const struct fl_fix_case fl_fix_cases[] = {
	{ "fixtures/context-end/forms.c", "context-end" },
	{ "fixtures/operation-end/bad_missing_end.c", "operation-end" },
	{ "fixtures/registration-fields/bad_fields.c", "registration-fields" },
	{ "fixtures/volume-context-pool/bad_paged_pool.c", "volume-context-pool" },
	{ "fixtures/nx-pool/bad_pool_types.c", "nx-pool" },
	{ "fixtures/kernel-handle/roles.c", "kernel-handle" },
	{ "fixtures/kernel-handle/macro_forms.c", "kernel-handle" },
	{ "fixtures/kernel-handle/flag_bits.c", "kernel-handle" },
	{ "fixtures/page-section-assert/bad_alloc_text.c", "page-section-assert" },
	{ "fixtures/paged-code-section/bad_alloc_text_missing_name.c", "paged-code-section" },
	{ "fixtures/paged-code-section/bad_alloc_text_lost_two.c", "paged-code-section" },
	{ "fixtures/paged-code-section/bad_alloc_text_inactive.c", "paged-code-section" },
	{ "fixtures/paged-code-section/bad_no_section.c", "paged-code-section" },
	{ "fixtures/paged-code-section/bad_cpp_member.cpp", "paged-code-section" },
	{ "fixtures/alloc-text-after-definition/bad_after_definition.c", "alloc-text-after-definition" },
};

/* Fixtures whose every fix, preferred or not, is applied alone. */
static const struct fl_fix_case fl_each_fix_cases[] = {
	{ "fixtures/paged-code-section/bad_alloc_text_missing_name.c", "paged-code-section" },
	{ "fixtures/paged-code-section/bad_alloc_text_inactive.c", "paged-code-section" },
	{ "fixtures/paged-code-section/bad_cpp_member.cpp", "paged-code-section" },
	{ "fixtures/paged-code-section/bad_other_section.c", "paged-code-section" },
	{ "fixtures/alloc-text-after-definition/bad_after_definition.c", "alloc-text-after-definition" },
};

/* What a JSON run says of the file in the current folder. */
struct fl_fix_state {
	size_t fixable;        /* findings of the case's rule with a fix */
	size_t others;         /* findings without a fix */
	size_t parse_errors;   /* units analyzed with clang errors */
};

/* The JSON report of a run over `name`; the caller frees it. */
static json_t *fl_report_of(const char *name)
{
	const char *args[] = { "--no-cache", "-f", "json", name, NULL };
	struct fl_test_run run = fl_test_run_cli(args);
	json_error_t error;
	json_t *report = json_loads(run.out, 0, &error);
	ck_assert_msg(report, "no JSON report for %s: %s", name, run.err);
	fl_test_run_free(&run);
	return report;
}

static struct fl_fix_state fl_state_of(const char *name, const char *rule)
{
	json_t *report = fl_report_of(name);
	struct fl_fix_state state = { 0 };
	size_t i;
	json_t *finding;
	json_array_foreach(json_object_get(report, "findings"), i, finding) {
		if (json_array_size(json_object_get(finding, "fixes")))
			state.fixable += strcmp(json_string_value(json_object_get(finding, "rule")), rule) == 0;
		else
			state.others++;
	}
	json_t *input_error;
	json_array_foreach(json_object_get(report, "errors"), i, input_error)
		state.parse_errors++;
	json_decref(report);
	return state;
}

/* A copy of the fixture in a fresh folder, which becomes the current one
 * (paths as --diff prints them are then what `patch -p0` wants). */
static char *fl_enter_copy(const struct fl_fix_case *c, const char **name, char **home)
{
	char *text = fl_read_file(c->fixture, NULL);
	ck_assert_msg(text, "cannot read %s", c->fixture);
	char *dir = fl_test_tempdir();
	*name = strrchr(c->fixture, '/') + 1;
	free(fl_test_write(dir, *name, text));
	free(text);
	*home = getcwd(NULL, 0);
	ck_assert(chdir(dir) == 0);
	return dir;
}

static void fl_leave_copy(char *dir, char *home)
{
	ck_assert(chdir(home) == 0);
	fl_test_rmtree(dir);
	free(dir);
	free(home);
}

START_TEST(test_fix_applies)
{
	const struct fl_fix_case *c = &fl_fix_cases[_i];
	const char *name;
	char *home;
	char *dir = fl_enter_copy(c, &name, &home);
	struct fl_fix_state before = fl_state_of(name, c->rule);
	ck_assert_msg(before.fixable > 0, "%s: no %s finding with a fix", c->fixture, c->rule);

	const char *fix[] = { "--no-cache", "--fix", name, NULL };
	struct fl_test_run run = fl_test_run_cli(fix);
	ck_assert_msg(strstr(run.out, "fixed ["), "%s: --fix printed no change: %s", c->fixture, run.err);
	fl_test_run_free(&run);

	struct fl_fix_state after = fl_state_of(name, c->rule);
	ck_assert_msg(after.fixable == 0, "%s: %zu %s findings with a fix remain", c->fixture, after.fixable, c->rule);
	ck_assert_msg(after.others <= before.others, "%s: the fix made new findings", c->fixture);
	ck_assert_msg(after.parse_errors <= before.parse_errors, "%s: the fixed file has clang errors", c->fixture);

	run = fl_test_run_cli(fix);
	ck_assert_msg(run.out[0] == '\0', "%s: a second --fix changed: %s", c->fixture, run.out);
	fl_test_run_free(&run);
	fl_leave_copy(dir, home);
}
END_TEST

START_TEST(test_diff_is_a_patch)
{
	const struct fl_fix_case *c = &fl_fix_cases[_i];
	const char *name;
	char *home;
	char *dir = fl_enter_copy(c, &name, &home);
	char *before = fl_read_file(name, NULL);
	const char *diff[] = { "--no-cache", "--fix", "--diff", name, NULL };
	struct fl_test_run run = fl_test_run_cli(diff);
	ck_assert_msg(fl_str_starts_with(run.out, "--- "), "%s: no diff: %s", c->fixture, run.err);
	char *after = fl_read_file(name, NULL);
	ck_assert_msg(strcmp(before, after) == 0, "%s: --diff changed the file", c->fixture);
	free(fl_test_write(dir, "fix.diff", run.out));
	ck_assert_msg(system("patch -s -p0 --dry-run < fix.diff") == 0, "%s: patch refuses the diff:\n%s",
		      c->fixture, run.out);
	fl_test_run_free(&run);
	free(before);
	free(after);
	fl_leave_copy(dir, home);
}
END_TEST

/* Byte offset of a JSON edit's (line, column) pair in `text`. */
static size_t fl_edit_offset(const char *text, json_t *edit, const char *line_key, const char *column_key)
{
	json_int_t line = json_integer_value(json_object_get(edit, line_key));
	size_t at = 0;
	for (json_int_t l = 1; l < line; l++) {
		const char *newline = strchr(text + at, '\n');
		ck_assert_msg(newline, "an edit beyond the end of the file");
		at = (size_t)(newline - text) + 1;
	}
	return at + (size_t)json_integer_value(json_object_get(edit, column_key)) - 1;
}

/* Applies the edits of one fix (they do not overlap), the last first. */
static void fl_apply_fix(const char *dir, const char *name, json_t *fix)
{
	char *text = fl_read_file(name, NULL);
	json_t *edits = json_object_get(fix, "edits");
	size_t count = json_array_size(edits), done = 0;
	bool *applied = fl_xcalloc(count ? count : 1, sizeof(bool));
	while (done < count) {
		size_t last = count, last_start = 0;
		for (size_t i = 0; i < count; i++) {
			size_t start = fl_edit_offset(text, json_array_get(edits, i), "line", "column");
			if (!applied[i] && (last == count || start >= last_start)) {
				last = i;
				last_start = start;
			}
		}
		json_t *edit = json_array_get(edits, last);
		size_t end = fl_edit_offset(text, edit, "end_line", "end_column");
		char *edited = fl_xasprintf("%.*s%s%s", (int)last_start, text,
					    json_string_value(json_object_get(edit, "text")), text + end);
		free(text);
		text = edited;
		applied[last] = true;
		done++;
	}
	free(fl_test_write(dir, name, text));
	free(applied);
	free(text);
}

static size_t fl_count(json_t *report, const char *key)
{
	return json_array_size(json_object_get(report, key));
}

START_TEST(test_each_fix_alone)
{
	const struct fl_fix_case *c = &fl_each_fix_cases[_i];
	const char *name;
	char *home;
	char *dir = fl_enter_copy(c, &name, &home);
	char *original = fl_read_file(name, NULL);
	json_t *before = fl_report_of(name);
	size_t tried = 0, i;
	json_t *finding;
	json_array_foreach(json_object_get(before, "findings"), i, finding) {
		if (strcmp(json_string_value(json_object_get(finding, "rule")), c->rule) != 0)
			continue;
		size_t j;
		json_t *fix;
		json_array_foreach(json_object_get(finding, "fixes"), j, fix) {
			const char *what = json_string_value(json_object_get(fix, "description"));
			fl_apply_fix(dir, name, fix);
			json_t *after = fl_report_of(name);
			ck_assert_msg(fl_count(after, "findings") + 1 == fl_count(before, "findings"),
				      "%s: '%s' left %zu findings of %zu", c->fixture, what, fl_count(after, "findings"),
				      fl_count(before, "findings"));
			ck_assert_msg(fl_count(after, "errors") <= fl_count(before, "errors"),
				      "%s: after '%s' the file has clang errors", c->fixture, what);
			json_decref(after);
			free(fl_test_write(dir, name, original));
			tried++;
		}
	}
	ck_assert_msg(tried > 0, "%s: no %s fix", c->fixture, c->rule);
	json_decref(before);
	free(original);
	fl_leave_copy(dir, home);
}
END_TEST

/* A helper reached from a post-operation callback: both fixes offered,
 * neither preferred, and --fix leaves the file alone. */
START_TEST(test_no_preferred_fix_at_dispatch)
{
	const struct fl_fix_case c = { "fixtures/paged-code-section/bad_reached_at_dispatch.c", "paged-code-section" };
	const char *name;
	char *home;
	char *dir = fl_enter_copy(&c, &name, &home);
	json_t *report = fl_report_of(name);
	ck_assert_uint_eq(fl_count(report, "findings"), 1);
	json_t *fixes = json_object_get(json_array_get(json_object_get(report, "findings"), 0), "fixes");
	ck_assert_uint_eq(json_array_size(fixes), 2);
	for (size_t i = 0; i < 2; i++)
		ck_assert(!json_is_true(json_object_get(json_array_get(fixes, i), "preferred")));
	json_decref(report);
	const char *fix[] = { "--no-cache", "--fix", name, NULL };
	struct fl_test_run run = fl_test_run_cli(fix);
	ck_assert_msg(run.out[0] == '\0', "--fix changed: %s", run.out);
	fl_test_run_free(&run);
	fl_leave_copy(dir, home);
}
END_TEST

Suite *fl_fix_suite(void)
{
	Suite *suite = suite_create("fix");
	TCase *cases = tcase_create("fixtures");
	tcase_set_timeout(cases, 300);
	size_t count = sizeof(fl_fix_cases) / sizeof(fl_fix_cases[0]);
	tcase_add_loop_test(cases, test_fix_applies, 0, (int)count);
	tcase_add_loop_test(cases, test_diff_is_a_patch, 0, (int)count);
	tcase_add_loop_test(cases, test_each_fix_alone, 0,
			    (int)(sizeof(fl_each_fix_cases) / sizeof(fl_each_fix_cases[0])));
	tcase_add_test(cases, test_no_preferred_fix_at_dispatch);
	suite_add_tcase(suite, cases);
	return suite;
}
