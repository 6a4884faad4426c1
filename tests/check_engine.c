/* The engine: determinism across -j, per-unit timeouts, facts transport,
 * the include overlay, and units parsed without the precompiled prelude. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "facts/facts_json.h"
#include "sources/includes.h"
#include "suites.h"
#include "testutil.h"

static void fl_run_engine(const char *const *paths, unsigned jobs, double timeout,
			  struct fl_engine_result *result)
{
	struct fl_engine_options options = { .jobs = jobs, .timeout_seconds = timeout };
	for (size_t i = 0; paths[i]; i++)
		fl_strv_push(&options.paths, paths[i]);
	ck_assert_int_eq(fl_engine_run(&options, result), 0);
	fl_engine_options_free(&options);
}

/* One line per finding and input error, in output order. */
static char *fl_result_text(const struct fl_engine_result *result)
{
	char *text = fl_xstrdup("");
	for (size_t i = 0; i < result->findings.count; i++) {
		const struct fl_finding *f = &result->findings.items[i];
		char *longer = fl_xasprintf("%s%s:%u:%u %s %s\n", text, f->loc.file, f->loc.line,
					    f->loc.column, f->rule, f->message);
		free(text);
		text = longer;
	}
	for (size_t i = 0; i < result->errors.count; i++) {
		char *longer = fl_xasprintf("%s%s: %s\n", text, result->errors.items[i].file,
					    result->errors.items[i].message);
		free(text);
		text = longer;
	}
	return text;
}

START_TEST(test_same_output_whatever_jobs)
{
	const char *const paths[] = { "fixtures/reference", "fixtures/parse", "fixtures/context-end", NULL };
	struct fl_engine_result one, two;
	fl_run_engine(paths, 1, 0, &one);
	fl_run_engine(paths, 2, 0, &two);
	char *a = fl_result_text(&one), *b = fl_result_text(&two);
	ck_assert_msg(one.findings.count > 0, "the fixtures should yield findings");
	ck_assert_str_eq(a, b);
	ck_assert_uint_eq(one.sources_analyzed, two.sources_analyzed);
	free(a);
	free(b);
	fl_engine_result_free(&one);
	fl_engine_result_free(&two);
}
END_TEST

START_TEST(test_timeout_is_an_input_error)
{
	const char *const paths[] = { "fixtures/parse/msvc_habits.c", NULL };
	struct fl_engine_result result;
	fl_run_engine(paths, 1, 0.000001, &result);
	ck_assert_uint_eq(result.errors.count, 1);
	ck_assert_str_eq(result.errors.items[0].file, "fixtures/parse/msvc_habits.c");
	ck_assert_ptr_nonnull(strstr(result.errors.items[0].message, "--timeout"));
	ck_assert_uint_eq(result.sources_analyzed, 0);
	fl_engine_result_free(&result);
}
END_TEST

/* A unit clang reports errors in is analyzed from what clang recovered,
 * and said to be; one that could not be analyzed at all is another kind. */
START_TEST(test_unit_with_clang_errors_analyzed_and_reported)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", "#include <fltKernel.h>\nint Good;\n"));
	char *bad = fl_test_write(dir, "bad.c", "#include <fltKernel.h>\nint Broken = ;\n");
	const char *const paths[] = { dir, NULL };
	struct fl_engine_result result;
	fl_run_engine(paths, 2, 0, &result);
	ck_assert_uint_eq(result.sources_seen, 2);
	ck_assert_uint_eq(result.sources_analyzed, 2);
	ck_assert_uint_eq(result.analyzed_with_errors, 1);
	ck_assert_uint_eq(result.errors.count, 1);
	ck_assert_str_eq(result.errors.items[0].file, bad);
	ck_assert_int_eq(result.errors.items[0].kind, FL_INPUT_PARSE);
	ck_assert_uint_eq(result.errors.items[0].line, 2);
	ck_assert_ptr_nonnull(strstr(result.errors.items[0].message, "analyzed with 1 clang error"));
	ck_assert_ptr_nonnull(strstr(result.errors.items[0].message, "bad.c:2: expected expression"));
	fl_engine_result_free(&result);
	free(bad);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* Two units parsed cold by one worker (-j1, no cache): whatever walking
 * the first does to the worker's heap, the second must still parse.  The
 * first's long loop conditions grow a flow array under a pending store
 * (walk.c, fl_flow_node_new), which corrupted malloc's lists and made
 * libclang crash on the next unit. */
START_TEST(test_units_after_long_loop_conditions_in_one_worker)
{
	const char *const paths[] = { "fixtures/parse/long_loop_conditions", NULL };
	struct fl_engine_result result;
	fl_run_engine(paths, 1, 0, &result);
	char *text = fl_result_text(&result);
	ck_assert_msg(result.errors.count == 0, "%s", text);
	ck_assert_uint_eq(result.sources_seen, 2);
	ck_assert_uint_eq(result.sources_analyzed, 2);
	free(text);
	fl_engine_result_free(&result);
}
END_TEST

/* The findings of a unit analyzed through MSVC-only code (a missing
 * generated header, a prototype that differs from its definition, an
 * lvalue cast) are those of the same file fixed by hand, line for line. */
START_TEST(test_findings_through_errors_match_fixed_copy)
{
	const char *const broken_paths[] = { "fixtures/parse/msvc_only.c", NULL };
	const char *const fixed_paths[] = { "fixtures/parse/msvc_only_fixed.c", NULL };
	struct fl_engine_result broken, fixed;
	fl_run_engine(broken_paths, 1, 0, &broken);
	fl_run_engine(fixed_paths, 1, 0, &fixed);
	ck_assert_uint_eq(broken.analyzed_with_errors, 1);
	ck_assert_uint_eq(fixed.errors.count, 0);
	ck_assert_uint_gt(fixed.findings.count, 0);
	ck_assert_uint_eq(broken.findings.count, fixed.findings.count);
	for (size_t i = 0; i < fixed.findings.count; i++) {
		const struct fl_finding *a = &broken.findings.items[i], *b = &fixed.findings.items[i];
		ck_assert_str_eq(a->rule, b->rule);
		ck_assert_uint_eq(a->loc.line, b->loc.line);
		ck_assert_uint_eq(a->loc.column, b->loc.column);
		ck_assert_str_eq(a->message, b->message);
		ck_assert_uint_eq(a->related_count, b->related_count);
	}
	fl_engine_result_free(&broken);
	fl_engine_result_free(&fixed);
}
END_TEST

/* Every location in the unit's own file points at the unit's one copy of
 * its path; returns how many there are. */
static size_t fl_count_own_file_locs(const struct fl_tu_facts *facts)
{
	size_t own = 0;
	for (size_t i = 0; i < facts->function_count; i++) {
		const struct fl_function *function = &facts->functions[i];
		if (strcmp(function->loc.file, facts->path) != 0)
			continue;
		ck_assert_ptr_eq(function->loc.file, facts->path);
		ck_assert_ptr_eq(function->body_loc.file, facts->path);
		for (size_t c = 0; c < function->call_count; c++)
			ck_assert_ptr_eq(function->calls[c].loc.file, facts->path);
		own++;
	}
	return own;
}

/* Facts survive the trip through JSON unchanged, and anything that is not
 * facts of this format is refused. */
START_TEST(test_facts_round_trip)
{
	struct fl_tu_facts *facts = fl_test_walk("fixtures/reference/context.c");
	char *error = NULL;
	ck_assert_uint_gt(facts->function_count, 3);
	json_t *first = fl_facts_to_json(facts);
	ck_assert_ptr_nonnull(first);
	struct fl_tu_facts *back = fl_facts_from_json(first, &error);
	ck_assert_msg(back != NULL, "%s", error ? error : "");
	json_t *second = fl_facts_to_json(back);
	ck_assert(json_equal(first, second));
	ck_assert_uint_gt(fl_count_own_file_locs(facts), 3);
	ck_assert_uint_eq(fl_count_own_file_locs(back), fl_count_own_file_locs(facts));
	/* The header's functions and declarations name it through the unit's list of files. */
	json_t *files = json_pack("[s]", "fixtures/reference/ledger.h");
	ck_assert(json_equal(json_object_get(first, "files"), files));
	json_decref(files);

	json_t *foreign = json_deep_copy(first);
	json_object_set_new(foreign, "format", json_integer(FL_FACTS_FORMAT + 1));
	ck_assert_ptr_null(fl_facts_from_json(foreign, &error));
	free(error);
	json_t *broken = json_deep_copy(first);
	json_object_set_new(json_array_get(json_object_get(broken, "functions"), 0), "l", json_string("x"));
	ck_assert_ptr_null(fl_facts_from_json(broken, &error));
	free(error);

	json_decref(first);
	json_decref(second);
	json_decref(foreign);
	json_decref(broken);
	fl_tu_facts_free(facts);
	fl_tu_facts_free(back);
}
END_TEST

/* A unit keeps one copy of each text, wherever it grows its table. */
START_TEST(test_unit_strings_stored_once)
{
	struct fl_tu_facts facts = { 0 };
	const char *ctx = fl_facts_string(&facts, "ctx");
	ck_assert_ptr_eq(fl_facts_string(&facts, "ctx"), ctx);
	ck_assert_ptr_eq(fl_facts_take_string(&facts, fl_xstrdup("ctx")), ctx);
	ck_assert_ptr_null(fl_facts_string(&facts, NULL));
	ck_assert_ptr_null(fl_facts_take_string(&facts, NULL));
	const char *stored[500];
	char text[16];
	for (int i = 0; i < 500; i++) {
		snprintf(text, sizeof(text), "s%d", i);
		stored[i] = i % 2 ? fl_facts_string(&facts, text) : fl_facts_take_string(&facts, fl_xstrdup(text));
	}
	for (int i = 0; i < 500; i++) {
		snprintf(text, sizeof(text), "s%d", i);
		ck_assert_str_eq(stored[i], text);
		ck_assert_ptr_eq(fl_facts_string(&facts, text), stored[i]);
	}
	ck_assert_ptr_eq(fl_facts_string(&facts, "ctx"), ctx);
	ck_assert_uint_eq(facts.strings.count, 501);
	fl_tu_facts_clear(&facts);
}
END_TEST

START_TEST(test_defines_before_wdk_include)
{
	char *dir = fl_test_tempdir();
	char *avl = fl_test_write(dir, "avl.c", "#define RTL_USE_AVL_TABLES 0\n#include <fltKernel.h>\n");
	char *guarded = fl_test_write(dir, "guarded.h", "#ifndef GUARDED_H\n#define GUARDED_H\n#include <fltKernel.h>\n#endif\n");
	char *user = fl_test_write(dir, "user.c", "#include \"GUARDED.H\"\n#define AFTER 1\n");
	char *early = fl_test_write(dir, "early.h", "#pragma once\n#define POOL_NX_OPTIN 1\n#include <fltKernel.h>\n");
	char *via = fl_test_write(dir, "via.c", "#include \"early.h\"\n");
	ck_assert(fl_include_defines_before_system(avl));
	ck_assert(!fl_include_defines_before_system(user));
	ck_assert(fl_include_defines_before_system(via));
	/* A system header other than the prelude's may change what it means. */
	char *guid = fl_test_write(dir, "guid.c", "#include <initguid.h>\n#include <fltKernel.h>\n");
	char *after = fl_test_write(dir, "after.c", "#include <FltKernel.h>\n#include <initguid.h>\n#define LATE 1\n");
	ck_assert(fl_include_defines_before_system(guid));
	ck_assert(!fl_include_defines_before_system(after));
	free(guid);
	free(after);
	free(avl);
	free(guarded);
	free(user);
	free(early);
	free(via);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* Headers that include each other through `../` paths: scanned once each,
 * whatever the spelling (this once spun for ever, before any parse). */
START_TEST(test_include_scan_relative_cycle)
{
	const char *const root = "fixtures/parse/relative_cycle";
	struct fl_strv sources = { 0 }, headers = { 0 }, dirs = { 0 };
	fl_strv_push(&sources, "fixtures/parse/relative_cycle/driver/cycle.c");
	fl_strv_push(&headers, "fixtures/parse/relative_cycle/std/string/kstring.h");
	fl_strv_push(&headers, "fixtures/parse/relative_cycle/std/list/klist.h");
	char *dir = fl_test_tempdir();
	char *overlay = fl_xasprintf("%s/includes.json", dir);
	double started = fl_monotonic_seconds();
	ck_assert_int_eq(fl_include_overlay_write(&sources, &dirs, &headers, overlay, stderr), 0);
	ck_assert_msg(fl_monotonic_seconds() - started < 5, "the scan of %s took too long", root);
	free(overlay);
	fl_test_rmtree(dir);
	free(dir);
	fl_strv_free(&sources);
	fl_strv_free(&headers);
}
END_TEST

Suite *fl_engine_suite(void)
{
	Suite *suite = suite_create("engine");
	TCase *engine = tcase_create("engine");
	tcase_set_timeout(engine, 300);
	tcase_add_test(engine, test_same_output_whatever_jobs);
	tcase_add_test(engine, test_timeout_is_an_input_error);
	tcase_add_test(engine, test_unit_with_clang_errors_analyzed_and_reported);
	tcase_add_test(engine, test_units_after_long_loop_conditions_in_one_worker);
	tcase_add_test(engine, test_findings_through_errors_match_fixed_copy);
	tcase_add_test(engine, test_facts_round_trip);
	tcase_add_test(engine, test_unit_strings_stored_once);
	tcase_add_test(engine, test_defines_before_wdk_include);
	tcase_add_test(engine, test_include_scan_relative_cycle);
	suite_add_tcase(suite, engine);
	return suite;
}
