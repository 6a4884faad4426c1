/* fltlint --fix and --fix --diff on a copy of each fixture with fixable
 * findings: the findings that carried a fix are gone, no other finding and
 * no clang error appears, a second --fix changes nothing, and the diff is
 * one `patch -p0 --dry-run` accepts. */
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
	{ "fixtures/page-section-assert/bad_alloc_text.c", "page-section-assert" },
};

/* What a JSON run says of the file in the current folder. */
struct fl_fix_state {
	size_t fixable;        /* findings of the case's rule with a fix */
	size_t others;         /* findings without a fix */
	size_t parse_errors;   /* units analyzed with clang errors */
};

static struct fl_fix_state fl_state_of(const char *name, const char *rule)
{
	const char *args[] = { "--no-cache", "-f", "json", name, NULL };
	struct fl_test_run run = fl_test_run_cli(args);
	json_error_t error;
	json_t *report = json_loads(run.out, 0, &error);
	ck_assert_msg(report, "no JSON report for %s: %s", name, run.err);
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
	fl_test_run_free(&run);
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

Suite *fl_fix_suite(void)
{
	Suite *suite = suite_create("fix");
	TCase *cases = tcase_create("fixtures");
	tcase_set_timeout(cases, 300);
	size_t count = sizeof(fl_fix_cases) / sizeof(fl_fix_cases[0]);
	tcase_add_loop_test(cases, test_fix_applies, 0, (int)count);
	tcase_add_loop_test(cases, test_diff_is_a_patch, 0, (int)count);
	suite_add_tcase(suite, cases);
	return suite;
}
