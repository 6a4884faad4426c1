/* discover.c on real temporary trees. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sources/discover.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

static char *fl_root;

static void fl_setup(void)
{
	fl_root = fl_test_tempdir();
}

static void fl_teardown(void)
{
	fl_test_rmtree(fl_root);
	free(fl_root);
	fl_root = NULL;
}

static char *fl_path(const char *name)
{
	return fl_xasprintf("%s/%s", fl_root, name);
}

/* Discovers `names` (relative to the tree, NULL-terminated). */
static size_t fl_run(const char *const *names, struct fl_sources *sources,
		     struct fl_input_errors *errors)
{
	struct fl_strv paths = {0};
	for (size_t i = 0; names[i]; i++)
		fl_strv_push_owned(&paths, fl_path(names[i]));
	size_t added = fl_discover(&paths, sources, errors);
	fl_strv_free(&paths);
	return added;
}

/* Asserts that `list` holds exactly `want` (relative to the tree). */
static void fl_assert_list(const struct fl_strv *list, const char *const *want)
{
	size_t count = 0;
	while (want[count])
		count++;
	for (size_t i = 0; i < list->count && i < count; i++) {
		char *expected = fl_path(want[i]);
		ck_assert_str_eq(list->items[i], expected);
		free(expected);
	}
	ck_assert_uint_eq(list->count, count);
}

static void fl_touch(const char *name)
{
	free(fl_test_write(fl_root, name, "int x;\n"));
}

START_TEST(test_nested_sorted_by_kind)
{
	static const char *const files[] = {
		"z.c", "a/b/deep.cc", "a/One.C", "a/two.cpp", "a/three.CXX", "drv.INF", "a/drv.inx",
		"a/x.h", "a/b/y.HPP", "README.md", "a/notes.txt", "a/c.cs", "a/.c",
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		fl_touch(files[i]);
	struct fl_sources sources = {0};
	struct fl_input_errors errors = {0};
	ck_assert_uint_eq(fl_run((const char *const[]){".", NULL}, &sources, &errors), 0);
	ck_assert_uint_eq(errors.count, 0);
	/* "." joined to the tree: the walk keeps the spelling it was given. */
	fl_assert_list(&sources.sources,
		       (const char *const[]){"./a/One.C", "./a/b/deep.cc", "./a/three.CXX",
					     "./a/two.cpp", "./z.c", NULL});
	fl_assert_list(&sources.infs, (const char *const[]){"./a/drv.inx", "./drv.INF", NULL});
	fl_assert_list(&sources.headers, (const char *const[]){"./a/b/y.HPP", "./a/x.h", NULL});
	fl_sources_free(&sources);
	fl_sources_free(NULL);
}
END_TEST

START_TEST(test_skips_build_and_vcs_folders)
{
	static const char *const skipped[] = {
		".git/a.c", ".vs/b.c", "build/c.c", "build-x64/d.c", "Build/e.c", "x64/f.c",
		"ARM64/g.c", "arm64/h.c", "Debug/i.c", "Release/j.c", "obj/k.c", "out/l.c",
		"sub/Release/m.c", "sub/.git/objects/n.c",
	};
	for (size_t i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++)
		fl_touch(skipped[i]);
	fl_touch("keep.c");
	fl_touch("sub/keep.c");
	fl_touch("outer/keep.c"); /* only the exact names, and build* */
	fl_touch("debugging/keep.c");
	struct fl_sources sources = {0};
	struct fl_input_errors errors = {0};
	fl_run((const char *const[]){"", NULL}, &sources, &errors);
	fl_assert_list(&sources.sources,
		       (const char *const[]){"debugging/keep.c", "keep.c", "outer/keep.c",
					     "sub/keep.c", NULL});
	fl_sources_free(&sources);

	/* A folder the user names is walked whatever its name. */
	memset(&sources, 0, sizeof(sources));
	fl_run((const char *const[]){"build", "sub/Release", NULL}, &sources, &errors);
	fl_assert_list(&sources.sources, (const char *const[]){"build/c.c", "sub/Release/m.c", NULL});
	ck_assert_uint_eq(errors.count, 0);
	fl_sources_free(&sources);
}
END_TEST

START_TEST(test_skip_names)
{
	ck_assert(fl_discover_skips_folder(".git"));
	ck_assert(fl_discover_skips_folder("build"));
	ck_assert(fl_discover_skips_folder("build-cli"));
	ck_assert(fl_discover_skips_folder("DEBUG"));
	ck_assert(!fl_discover_skips_folder("src"));
	ck_assert(!fl_discover_skips_folder("rebuild"));
	ck_assert(!fl_discover_skips_folder("output"));
	ck_assert_int_eq(fl_file_kind("a/b.Cpp"), FL_FILE_SOURCE);
	ck_assert_int_eq(fl_file_kind("a.inl"), FL_FILE_HEADER);
	ck_assert_int_eq(fl_file_kind("x.InX"), FL_FILE_INF);
	ck_assert_int_eq(fl_file_kind("a.c/readme"), FL_FILE_OTHER);
	ck_assert_int_eq(fl_file_kind("a.cs"), FL_FILE_OTHER);
	ck_assert_int_eq(fl_file_kind(".c"), FL_FILE_OTHER);
}
END_TEST

START_TEST(test_missing_path_is_an_error_and_the_walk_goes_on)
{
	fl_touch("ok.c");
	struct fl_sources sources = {0};
	struct fl_input_errors errors = {0};
	size_t added = fl_run((const char *const[]){"nope", "ok.c", "gone/x.c", NULL}, &sources,
			      &errors);
	ck_assert_uint_eq(added, 2);
	ck_assert_uint_eq(errors.count, 2);
	fl_input_errors_sort(&errors);
	char *nope = fl_path("nope");
	char *gone = fl_path("gone/x.c");
	ck_assert_str_eq(errors.items[0].file, gone);
	ck_assert_str_eq(errors.items[1].file, nope);
	ck_assert_str_eq(errors.items[1].message, "cannot read: No such file or directory");
	fl_assert_list(&sources.sources, (const char *const[]){"ok.c", NULL});
	free(nope);
	free(gone);
	fl_input_errors_free(&errors);
	fl_sources_free(&sources);
}
END_TEST

START_TEST(test_symlinks)
{
	fl_touch("real/a.c");
	fl_touch("outside/o.c");
	char *target = fl_path("outside");
	char *link_in = fl_path("real/linked");
	char *loop = fl_path("real/loop");
	char *dangling_in = fl_path("real/dangling.c");
	char *dangling = fl_path("dangling.c");
	char *named = fl_path("named.c");
	char *real_a = fl_path("real/a.c");
	ck_assert_int_eq(symlink(target, link_in), 0);
	ck_assert_int_eq(symlink("..", loop), 0);
	ck_assert_int_eq(symlink("missing.c", dangling_in), 0);
	ck_assert_int_eq(symlink("missing.c", dangling), 0);
	ck_assert_int_eq(symlink(real_a, named), 0);

	/* Inside a folder, links are not followed: no loop, no error. */
	struct fl_sources sources = {0};
	struct fl_input_errors errors = {0};
	fl_run((const char *const[]){"real", NULL}, &sources, &errors);
	ck_assert_uint_eq(errors.count, 0);
	fl_assert_list(&sources.sources, (const char *const[]){"real/a.c", NULL});
	fl_sources_free(&sources);

	/* A link the user names is followed; a dangling one is an error. */
	memset(&sources, 0, sizeof(sources));
	fl_run((const char *const[]){"named.c", "dangling.c", NULL}, &sources, &errors);
	fl_assert_list(&sources.sources, (const char *const[]){"named.c", NULL});
	ck_assert_uint_eq(errors.count, 1);
	ck_assert_str_eq(errors.items[0].file, dangling);
	ck_assert_str_eq(errors.items[0].message, "cannot read: No such file or directory");
	fl_sources_free(&sources);
	fl_input_errors_free(&errors);
	free(target);
	free(link_in);
	free(loop);
	free(dangling_in);
	free(dangling);
	free(named);
	free(real_a);
}
END_TEST

START_TEST(test_odd_names)
{
	static const char *const names[] = {
		"with space/my file.c", "\xc3\xbcnic\xc3\xb6" "de.c", "raw\xff\xfe.c", "semi;colon.cpp",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		fl_touch(names[i]);
	struct fl_sources sources = {0};
	struct fl_input_errors errors = {0};
	fl_run((const char *const[]){"", NULL}, &sources, &errors);
	ck_assert_uint_eq(errors.count, 0);
	/* Raw bytes kept: the run must open these files again. */
	fl_assert_list(&sources.sources,
		       (const char *const[]){"raw\xff\xfe.c", "semi;colon.cpp", "with space/my file.c",
					     "\xc3\xbcnic\xc3\xb6" "de.c", NULL});
	for (size_t i = 0; i < sources.sources.count; i++)
		ck_assert_int_eq(access(sources.sources.items[i], R_OK), 0);
	fl_sources_free(&sources);
}
END_TEST

START_TEST(test_deduplicates)
{
	fl_touch("d/a.c");
	fl_touch("d/b.c");
	struct fl_sources sources = {0};
	struct fl_input_errors errors = {0};
	fl_run((const char *const[]){"d/b.c", "d", "d/./a.c", "d/a.c", "d/b.c", NULL}, &sources,
	       &errors);
	ck_assert_uint_eq(errors.count, 0);
	fl_assert_list(&sources.sources, (const char *const[]){"d/./a.c", "d/b.c", NULL});
	fl_sources_free(&sources);
}
END_TEST

START_TEST(test_named_files_of_other_kinds)
{
	fl_touch("x.h");
	fl_touch("notes.txt");
	struct fl_sources sources = {0};
	struct fl_input_errors errors = {0};
	ck_assert_uint_eq(fl_run((const char *const[]){"x.h", "notes.txt", NULL}, &sources, &errors), 2);
	fl_input_errors_sort(&errors);
	ck_assert_ptr_nonnull(strstr(errors.items[0].message, "not a C/C++ source"));
	ck_assert_ptr_nonnull(strstr(errors.items[1].message, "header is not a translation unit"));
	ck_assert_uint_eq(sources.sources.count + sources.headers.count, 0);
	fl_input_errors_free(&errors);
	fl_sources_free(&sources);
}
END_TEST

START_TEST(test_unreadable)
{
	/* root reads everything: permissions cannot be tested there. */
	if (geteuid() == 0)
		return;
	fl_touch("locked/a.c");
	fl_touch("open/secret.c");
	fl_touch("open/fine.c");
	char *locked = fl_path("locked");
	char *secret = fl_path("open/secret.c");
	ck_assert_int_eq(chmod(locked, 0), 0);
	ck_assert_int_eq(chmod(secret, 0), 0);
	struct fl_sources sources = {0};
	struct fl_input_errors errors = {0};
	ck_assert_uint_eq(fl_run((const char *const[]){"", NULL}, &sources, &errors), 2);
	fl_input_errors_sort(&errors);
	char *locked_shown = fl_path("locked");
	char *secret_shown = fl_path("open/secret.c");
	ck_assert_str_eq(errors.items[0].file, locked_shown);
	ck_assert_str_eq(errors.items[0].message, "cannot read: Permission denied");
	ck_assert_str_eq(errors.items[1].file, secret_shown);
	fl_assert_list(&sources.sources, (const char *const[]){"open/fine.c", NULL});
	chmod(locked, 0755);
	free(locked);
	free(secret);
	free(locked_shown);
	free(secret_shown);
	fl_input_errors_free(&errors);
	fl_sources_free(&sources);
}
END_TEST

Suite *fl_discover_suite(void)
{
	Suite *suite = suite_create("discover");
	TCase *tcase = tcase_create("discover");
	tcase_add_checked_fixture(tcase, fl_setup, fl_teardown);
	tcase_add_test(tcase, test_nested_sorted_by_kind);
	tcase_add_test(tcase, test_skips_build_and_vcs_folders);
	tcase_add_test(tcase, test_skip_names);
	tcase_add_test(tcase, test_missing_path_is_an_error_and_the_walk_goes_on);
	tcase_add_test(tcase, test_symlinks);
	tcase_add_test(tcase, test_odd_names);
	tcase_add_test(tcase, test_deduplicates);
	tcase_add_test(tcase, test_named_files_of_other_kinds);
	tcase_add_test(tcase, test_unreadable);
	suite_add_tcase(suite, tcase);
	return suite;
}
