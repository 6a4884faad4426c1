/* Speed and scale: the facts cache (used, rebuilt when corrupt, only changed
 * files parsed again) and shards (a 3-shard run linked equals a whole run).
 * Nothing here measures time. */
#define _GNU_SOURCE

#include <check.h>
#include <jansson.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "parse/shard.h"
#include "report/report.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

/* The JSON report of a result: everything a user sees, to compare runs. */
static char *fl_report_of(const struct fl_engine_result *result)
{
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(fl_report_json(out, result), 0);
	fclose(out);
	return text;
}

/* Runs the engine over `paths` (NULL-terminated) with `cache_dir`; returns
 * the report, and the stats in *stats. */
static char *fl_run(const char *const *paths, const char *cache_dir, struct fl_engine_stats *stats)
{
	struct fl_engine_options options = { .jobs = 2, .cache_dir = cache_dir };
	for (size_t i = 0; paths[i]; i++)
		fl_strv_push(&options.paths, paths[i]);
	struct fl_engine_result result = { 0 };
	ck_assert_int_eq(fl_engine_run(&options, &result), 0);
	char *report = fl_report_of(&result);
	if (stats)
		*stats = result.stats;
	fl_engine_result_free(&result);
	fl_engine_options_free(&options);
	return report;
}

/* Every file in `dir`/v1/r (result entries), sorted. */
static void fl_result_entries(const char *cache, struct fl_strv *out)
{
	char *root = fl_xasprintf("%s/v1/r", cache);
	DIR *top = opendir(root);
	ck_assert_ptr_nonnull(top);
	for (struct dirent *sub; (sub = readdir(top));) {
		if (sub->d_name[0] == '.')
			continue;
		char *folder = fl_xasprintf("%s/%s", root, sub->d_name);
		DIR *inner = opendir(folder);
		for (struct dirent *entry; inner && (entry = readdir(inner));)
			if (entry->d_name[0] != '.')
				fl_strv_push_owned(out, fl_xasprintf("%s/%s", folder, entry->d_name));
		if (inner)
			closedir(inner);
		free(folder);
	}
	closedir(top);
	free(root);
}

START_TEST(test_cache_is_used_and_corrupt_entries_rebuilt)
{
	char *cache = fl_test_tempdir();
	const char *paths[] = { "fixtures/reference", NULL };
	struct fl_engine_stats cold, warm, repaired, again;
	char *cold_report = fl_run(paths, cache, &cold);
	ck_assert_uint_gt(cold.units, 3);
	ck_assert_uint_eq(cold.cache_misses, cold.units);
	ck_assert_uint_eq(cold.cache_stored, cold.units);
	ck_assert_uint_eq(cold.parsed, cold.units);

	char *warm_report = fl_run(paths, cache, &warm);
	ck_assert_uint_eq(warm.cache_hits, warm.units);
	ck_assert_uint_eq(warm.parsed, 0);
	ck_assert_str_eq(warm_report, cold_report);

	/* One entry garbled, one replaced by a well-formed entry of another
	 * key (a foreign or misplaced entry), one truncated. */
	struct fl_strv entries = { 0 };
	fl_result_entries(cache, &entries);
	ck_assert_uint_eq(entries.count, cold.units);
	FILE *file = fopen(entries.items[0], "w");
	fputs("{\"cache\": 1, garbage", file);
	fclose(file);
	size_t length;
	char *other = fl_read_file(entries.items[2], &length);
	file = fopen(entries.items[1], "w");
	fputs(other, file);
	fclose(file);
	free(other);
	ck_assert_int_eq(truncate(entries.items[3], 40), 0);

	char *repaired_report = fl_run(paths, cache, &repaired);
	ck_assert_uint_eq(repaired.cache_rejected, 3);
	ck_assert_uint_eq(repaired.cache_hits, repaired.units - 3);
	ck_assert_uint_eq(repaired.parsed, 3);
	ck_assert_uint_eq(repaired.cache_stored, 3);
	ck_assert_str_eq(repaired_report, cold_report);

	char *again_report = fl_run(paths, cache, &again);
	ck_assert_uint_eq(again.cache_hits, again.units);
	ck_assert_uint_eq(again.cache_rejected, 0);
	ck_assert_str_eq(again_report, cold_report);

	fl_strv_free(&entries);
	free(cold_report);
	free(warm_report);
	free(repaired_report);
	free(again_report);
	fl_test_rmtree(cache);
	free(cache);
}
END_TEST

static const char fl_shared_header[] =
	"#include <fltKernel.h>\n"
	"#define SHARED_TAG 'tgaT'\n"
	"NTSTATUS SharedHelper(ULONG Value);\n";

static const char fl_one[] =
	"#include \"shared.h\"\n"
	"NTSTATUS SharedHelper(ULONG Value) { return Value ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL; }\n";

static const char fl_two[] =
	"#include \"shared.h\"\n"
	"NTSTATUS Two(void) { return SharedHelper(2); }\n";

static const char fl_three[] =
	"#include <fltKernel.h>\n"
	"NTSTATUS Three(void) { return STATUS_SUCCESS; }\n";

/* Sets a file's times an hour back: written by this test an instant ago, it
 * would otherwise count as changed during the run, which is never cached. */
static void fl_age(const char *path)
{
	struct stat info;
	ck_assert_int_eq(stat(path, &info), 0);
	struct timespec times[2] = { { info.st_mtim.tv_sec - 3600, 0 }, { info.st_mtim.tv_sec - 3600, 0 } };
	ck_assert_int_eq(utimensat(AT_FDCWD, path, times, 0), 0);
}

/* Removes a test's tree and cache folders, and frees their names and the
 * names of the `count` files written in the tree. */
static void fl_drop_tree_and_cache(char *tree, char *cache, char **files, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(files[i]);
	fl_test_rmtree(tree);
	fl_test_rmtree(cache);
	free(tree);
	free(cache);
}

START_TEST(test_cache_parses_only_what_changed)
{
	char *tree = fl_test_tempdir();
	char *cache = fl_test_tempdir();
	char *files[] = { fl_test_write(tree, "shared.h", fl_shared_header), fl_test_write(tree, "one.c", fl_one),
			  fl_test_write(tree, "two.c", fl_two), fl_test_write(tree, "three.c", fl_three) };
	for (size_t i = 0; i < 4; i++)
		fl_age(files[i]);
	const char *paths[] = { tree, NULL };
	struct fl_engine_stats stats;
	free(fl_run(paths, cache, &stats));
	ck_assert_uint_eq(stats.parsed, 3);
	ck_assert_uint_eq(stats.cache_stored, 3);

	/* A source changes: only it is parsed again. */
	free(fl_test_write(tree, "two.c", "#include \"shared.h\"\nNTSTATUS Two(void) { return SharedHelper(3); }\n"));
	fl_age(files[2]);
	free(fl_run(paths, cache, &stats));
	ck_assert_uint_eq(stats.parsed, 1);
	ck_assert_uint_eq(stats.cache_hits, 2);

	/* The shared header changes: the two files that include it. */
	free(fl_test_write(tree, "shared.h", "#include <fltKernel.h>\nNTSTATUS SharedHelper(ULONG Value);\n"));
	fl_age(files[0]);
	free(fl_run(paths, cache, &stats));
	ck_assert_uint_eq(stats.parsed, 2);
	ck_assert_uint_eq(stats.cache_hits, 1);

	/* A file changed during the run (newer than its start) is not stored. */
	free(fl_test_write(tree, "three.c", "#include <fltKernel.h>\nNTSTATUS Three(void) { return 0; }\n"));
	free(fl_run(paths, cache, &stats));
	ck_assert_uint_eq(stats.parsed, 1);
	ck_assert_uint_eq(stats.cache_stored, 0);

	/* No cache folder: nothing looked up, everything parsed. */
	free(fl_run(paths, NULL, &stats));
	ck_assert_uint_eq(stats.parsed, 3);
	ck_assert_uint_eq(stats.cache_hits + stats.cache_misses, 0);

	fl_drop_tree_and_cache(tree, cache, files, 4);
}
END_TEST

/* A header rewritten between runs with the same size and modification time
 * (a checkout, an editor that keeps times): its change time differs, so
 * the file index does not take its old hash, and its units are parsed. */
START_TEST(test_cache_sees_a_header_edited_with_the_same_size)
{
	char *tree = fl_test_tempdir();
	char *cache = fl_test_tempdir();
	char *files[] = { fl_test_write(tree, "shared.h", fl_shared_header), fl_test_write(tree, "one.c", fl_one),
			  fl_test_write(tree, "three.c", fl_three) };
	for (size_t i = 0; i < 3; i++)
		fl_age(files[i]);
	/* The index keeps only files whose change time is a second before the
	 * run (a write in the same tick would keep the stamp). */
	sleep(2);
	const char *paths[] = { tree, NULL };
	struct fl_engine_stats stats;
	free(fl_run(paths, cache, &stats));
	ck_assert_uint_eq(stats.parsed, 2);
	free(fl_run(paths, cache, &stats));
	ck_assert_uint_eq(stats.cache_hits, 2);

	struct stat before, after;
	ck_assert_int_eq(stat(files[0], &before), 0);
	char *edited = fl_xstrdup(fl_shared_header);
	*strstr(edited, "'tgaT'") = '"'; /* the tag as a string: same length */
	*(strstr(edited, "tgaT'") + 4) = '"';
	free(fl_test_write(tree, "shared.h", edited));
	free(edited);
	struct timespec times[2] = { before.st_atim, before.st_mtim };
	ck_assert_int_eq(utimensat(AT_FDCWD, files[0], times, 0), 0);
	ck_assert_int_eq(stat(files[0], &after), 0);
	ck_assert_int_eq(after.st_size, before.st_size);
	ck_assert_int_eq(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	ck_assert_int_eq(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	free(fl_run(paths, cache, &stats));
	ck_assert_uint_eq(stats.parsed, 1);
	ck_assert_uint_eq(stats.cache_hits, 1);

	fl_drop_tree_and_cache(tree, cache, files, 3);
}
END_TEST

/* The one file ending in `suffix` under `cache`/v1/p and its subfolders. */
static char *fl_pch_entry(const char *cache, const char *suffix)
{
	struct fl_strv found = { 0 };
	char *root = fl_xasprintf("%s/v1/p", cache);
	DIR *top = opendir(root);
	ck_assert_ptr_nonnull(top);
	for (struct dirent *sub; (sub = readdir(top));) {
		char *path = fl_xasprintf("%s/%s", root, sub->d_name);
		if (sub->d_name[0] != '.' && fl_str_ends_with(sub->d_name, suffix))
			fl_strv_push(&found, path);
		DIR *inner = sub->d_name[0] != '.' ? opendir(path) : NULL;
		for (struct dirent *entry; inner && (entry = readdir(inner));)
			if (fl_str_ends_with(entry->d_name, suffix))
				fl_strv_push_owned(&found, fl_xasprintf("%s/%s", path, entry->d_name));
		if (inner)
			closedir(inner);
		free(path);
	}
	closedir(top);
	free(root);
	ck_assert_uint_eq(found.count, 1);
	char *one = fl_xstrdup(found.items[0]);
	fl_strv_free(&found);
	return one;
}

START_TEST(test_precompiled_headers_kept_between_runs)
{
	char *tree = fl_test_tempdir();
	char *cache = fl_test_tempdir();
	char *files[] = { fl_test_write(tree, "shared.h", fl_shared_header), fl_test_write(tree, "one.c", fl_one),
			  fl_test_write(tree, "two.c", fl_two) };
	for (size_t i = 0; i < 3; i++)
		fl_age(files[i]);
	const char *paths[] = { tree, NULL };
	struct fl_engine_stats stats;
	free(fl_run(paths, cache, &stats));
	ck_assert_uint_eq(stats.pch_hits, 0);
	ck_assert_uint_eq(stats.pch_stored, 1);

	/* Three reruns after two.c changes, each as right as a run without a
	 * cache: the kept PCH is used; then, corrupt, rejected and rebuilt;
	 * then rebuilt when the prelude it was built from has another time
	 * (clang would refuse it, and every unit would be parsed the long way). */
	char *pch = fl_pch_entry(cache, ".pch"), *prelude = fl_pch_entry(cache, ".h");
	for (int step = 0; step < 3; step++) {
		char *text = fl_xasprintf("#include \"shared.h\"\nNTSTATUS Two(void) { return SharedHelper(%d); }\n", step + 10);
		free(fl_test_write(tree, "two.c", text));
		free(text);
		fl_age(files[2]);
		if (step == 1) {
			FILE *file = fopen(pch, "r+");
			ck_assert_ptr_nonnull(file);
			fseek(file, 4096, SEEK_SET);
			fputs("not a precompiled header", file);
			fclose(file);
		} else if (step == 2) {
			fl_age(prelude);
		}
		char *kept = fl_run(paths, cache, &stats);
		ck_assert_uint_eq(stats.parsed, 1);
		ck_assert_uint_eq(stats.pch_hits, step == 0 ? 1 : 0);
		ck_assert_uint_eq(stats.pch_stored, step == 0 ? 0 : 1);
		char *fresh = fl_run(paths, NULL, NULL);
		ck_assert_str_eq(kept, fresh);
		free(kept);
		free(fresh);
	}

	free(pch);
	free(prelude);
	fl_drop_tree_and_cache(tree, cache, files, 3);
}
END_TEST

START_TEST(test_three_shards_equal_a_whole_run)
{
	/* Several drivers' worth of files, with findings, a file that does not
	 * parse, and INFs: everything a report holds. */
	const char *paths[] = { "fixtures/reference", "fixtures/volume-context-pool",
				"fixtures/paged-code-section", "fixtures/harness/parse_error.c",
				"fixtures/inf/two_filters", NULL };
	char *whole = fl_run(paths, NULL, NULL);

	char *out = fl_test_tempdir();
	size_t units = 0;
	for (unsigned k = 1; k <= 3; k++) {
		struct fl_engine_options options = { .jobs = 2, .shard_index = k, .shard_count = 3, .facts_out = out };
		for (size_t i = 0; paths[i]; i++)
			fl_strv_push(&options.paths, paths[i]);
		struct fl_engine_result result = { 0 };
		ck_assert_int_eq(fl_engine_run(&options, &result), 0);
		ck_assert_uint_eq(result.findings.count, 0); /* no rules in a shard */
		units += result.stats.units;
		fl_engine_result_free(&result);
		fl_engine_options_free(&options);
	}

	struct fl_strv dirs = { 0 };
	fl_strv_push(&dirs, out);
	struct fl_engine_result linked = { 0 };
	ck_assert_int_eq(fl_engine_link(&dirs, &linked), 0);
	ck_assert_uint_eq(linked.sources_seen, units);
	ck_assert_uint_gt(linked.findings.count, 0);
	ck_assert_uint_gt(linked.errors.count, 0);
	char *joined = fl_report_of(&linked);
	ck_assert_str_eq(joined, whole);
	fl_engine_result_free(&linked);

	/* A missing shard is an error, never a partial result. */
	char *second = fl_xasprintf("%s/fltlint-facts-2-of-3.json", out);
	ck_assert_int_eq(unlink(second), 0);
	ck_assert_int_eq(fl_engine_link(&dirs, &linked), -1);
	fl_engine_result_free(&linked);

	free(second);
	free(joined);
	free(whole);
	fl_strv_free(&dirs);
	fl_test_rmtree(out);
	free(out);
}
END_TEST

START_TEST(test_shard_assignment_is_stable)
{
	/* By path alone: the same file lands in the same shard whatever else
	 * the tree holds, and every shard count covers every file once. */
	unsigned first = fl_engine_shard_of("drivers/minispy/mspyKern.c", 3);
	ck_assert_uint_eq(fl_engine_shard_of("drivers/minispy/mspyKern.c", 3), first);
	ck_assert_uint_lt(first, 3);
	unsigned seen[4] = { 0 };
	char path[64];
	for (unsigned i = 0; i < 400; i++) {
		snprintf(path, sizeof(path), "src/file%u.c", i);
		seen[fl_engine_shard_of(path, 4)]++;
	}
	for (unsigned k = 0; k < 4; k++)
		ck_assert_uint_gt(seen[k], 60); /* roughly even */
}
END_TEST

/* Every shard of one run agrees on its identity, and anything that decides
 * a unit's facts changes it: the cache's run key is made from the same
 * identity (fl_run_identity), so this covers both. */
START_TEST(test_shard_identity_covers_what_decides_facts)
{
	struct fl_strv sources = { 0 }, headers = { 0 };
	fl_strv_push(&sources, "drivers/one.c");
	fl_strv_push(&headers, "drivers/one.h");
	struct fl_parse_options options = { 0 };
	fl_strv_push(&options.paths, "drivers");
	char *base = fl_shard_run_id(&options, &headers, &sources);
	char *again = fl_shard_run_id(&options, &headers, &sources);
	ck_assert_str_eq(base, again);

	struct fl_parse_options allowing = options;
	struct fl_strv allowed = { 0 };
	fl_strv_push(&allowed, "/opt/shared");
	allowing.allow_include = allowed;
	char *with_allowed = fl_shard_run_id(&allowing, &headers, &sources);
	ck_assert_str_ne(base, with_allowed);

	struct fl_unit_args_list unit_args = { 0 };
	struct fl_strv args = { 0 };
	fl_strv_push(&args, "-DDBG=1");
	fl_unit_args_add(&unit_args, "drivers/one.c", &args);
	struct fl_parse_options per_source = options;
	per_source.unit_args = &unit_args;
	char *with_unit_args = fl_shard_run_id(&per_source, &headers, &sources);
	ck_assert_str_ne(base, with_unit_args);
	/* The same arguments for the same source: the same run. */
	char *same_unit_args = fl_shard_run_id(&per_source, &headers, &sources);
	ck_assert_str_eq(with_unit_args, same_unit_args);
	free(same_unit_args);

	struct fl_strv more_headers = { 0 };
	fl_strv_push(&more_headers, "drivers/one.h");
	fl_strv_push(&more_headers, "drivers/two.h");
	char *with_header = fl_shard_run_id(&options, &more_headers, &sources);
	ck_assert_str_ne(base, with_header);

	free(base);
	free(again);
	free(with_allowed);
	free(with_unit_args);
	free(with_header);
	fl_strv_free(&more_headers);
	fl_unit_args_free(&unit_args);
	fl_strv_free(&allowed);
	fl_strv_free(&options.paths);
	fl_strv_free(&headers);
	fl_strv_free(&sources);
}
END_TEST

/* How units meet the precompiled WDK headers, in a run without a cache over
 * C and C++: each language keeps its PCH (writing the prelude again for the
 * second language once made the first one's PCH unreadable, and all its
 * units parsed the long way); a unit whose errors are its own is not
 * parsed twice; one whose error lies in a header only the PCH brought (a
 * variable named like stdio.h's EOF, which <ntstrsafe.h> includes) is
 * parsed again without the PCH, and comes out clean. */
START_TEST(test_pch_kept_across_languages_and_errors)
{
	char *tree = fl_test_tempdir();
	char *files[] = {
		fl_test_write(tree, "plain.c", "#include <fltKernel.h>\nNTSTATUS Plain(void) { return 0; }\n"),
		fl_test_write(tree, "plain.cpp", "#include <fltKernel.h>\nNTSTATUS PlainCxx() { return 0; }\n"),
		fl_test_write(tree, "own_error.c", "#include <fltKernel.h>\nint Twice(int a);\n"
						 "long Twice(int a) { return a; }\n"),
		fl_test_write(tree, "named_eof.c", "#include <fltKernel.h>\n"
						   "ULONG Count(void) { ULONG EOF = 1; return EOF; }\n"),
	};
	const char *paths[] = { tree, NULL };
	struct fl_engine_stats stats;
	for (int run = 0; run < 2; run++) {
		free(fl_run(paths, NULL, &stats));
		ck_assert_uint_eq(stats.parsed, 4);
		ck_assert_uint_eq(stats.pch_absent, 0);
		ck_assert_uint_eq(stats.pch_unfit, 0);
		ck_assert_uint_eq(stats.pch_used, 3);
		ck_assert_uint_eq(stats.pch_retried, 1);
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		unlink(files[i]);
		free(files[i]);
	}
	rmdir(tree);
	free(tree);
}
END_TEST

Suite *fl_speed_suite(void)
{
	Suite *suite = suite_create("speed");
	TCase *cache = tcase_create("cache");
	tcase_set_timeout(cache, 300);
	tcase_add_test(cache, test_cache_is_used_and_corrupt_entries_rebuilt);
	tcase_add_test(cache, test_cache_parses_only_what_changed);
	tcase_add_test(cache, test_cache_sees_a_header_edited_with_the_same_size);
	tcase_add_test(cache, test_precompiled_headers_kept_between_runs);
	tcase_add_test(cache, test_pch_kept_across_languages_and_errors);
	suite_add_tcase(suite, cache);
	TCase *shards = tcase_create("shards");
	tcase_set_timeout(shards, 300);
	tcase_add_test(shards, test_three_shards_equal_a_whole_run);
	tcase_add_test(shards, test_shard_assignment_is_stable);
	tcase_add_test(shards, test_shard_identity_covers_what_decides_facts);
	suite_add_tcase(suite, shards);
	return suite;
}
