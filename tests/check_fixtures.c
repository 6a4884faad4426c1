/* The fixture harness: every case under fixtures/ run through the engine and
 * held against the expectations written in it (tests/harness/expect.h).
 *
 * fixtures/reference/ and fixtures/reference_cpp/ (its C++ twin) are each
 * one multi-file driver.  Every other folder
 * fixtures/<group>/ holds cases: a source or INF file is a single-file
 * driver, a folder a multi-file one; other files there (shared headers,
 * notes) are not cases.  Every rule runs on every case, so each clean line
 * of each case tests every rule for false alarms.  fixtures/harness/ holds
 * cases built to be rejected, which test the verifier itself.
 *
 * INF files are decoded as the INF reader decodes them (fl_inf_decode_text):
 * sample INFs are UTF-16LE, and their `; expect:` comments must be seen. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sources/discover.h"
#include "engine.h"
#include "harness/expect.h"
#include "inf/inf.h"
#include "report/finding_filter.h"
#include "rule.h"
#include "suites.h"
#include "util.h"

#define FL_FIXTURES "fixtures" /* relative to FL_SOURCE_DIR */
#define FL_HARNESS "harness"
#define FL_REFERENCE "reference"
#define FL_REFERENCE_CPP "reference_cpp" /* its C++ twin: one driver too */

/* Case paths, relative to FL_SOURCE_DIR so that messages stay short. */
static struct fl_strv fl_cases;
static struct fl_strv fl_harness_cases;

static int fl_name_cmp(const void *left, const void *right)
{
	return strcmp(*(char *const *)left, *(char *const *)right);
}

/* The visible entries of `dir` (relative to FL_SOURCE_DIR), sorted. */
static void fl_list_dir(const char *dir, struct fl_strv *out)
{
	char *full = fl_xasprintf("%s/%s", FL_SOURCE_DIR, dir);
	DIR *stream = opendir(full);
	free(full);
	if (!stream)
		return;
	for (struct dirent *entry; (entry = readdir(stream));)
		if (entry->d_name[0] != '.')
			fl_strv_push_owned(out, fl_xasprintf("%s/%s", dir, entry->d_name));
	closedir(stream);
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(char *), fl_name_cmp);
}

static bool fl_is_dir(const char *path)
{
	char *full = fl_xasprintf("%s/%s", FL_SOURCE_DIR, path);
	struct stat info;
	bool is_dir = stat(full, &info) == 0 && S_ISDIR(info.st_mode);
	free(full);
	return is_dir;
}

static bool fl_is_case(const char *path)
{
	enum fl_file_kind kind = fl_file_kind(path);
	return fl_is_dir(path) || kind == FL_FILE_SOURCE || kind == FL_FILE_INF;
}

static void fl_find_cases(void)
{
	if (fl_cases.count || fl_harness_cases.count)
		return;
	struct fl_strv groups = {0};
	fl_list_dir(FL_FIXTURES, &groups);
	for (size_t g = 0; g < groups.count; g++) {
		const char *group = groups.items[g];
		if (!fl_is_dir(group))
			continue;
		struct fl_strv entries = {0};
		fl_list_dir(group, &entries);
		if (strcmp(group, FL_FIXTURES "/" FL_REFERENCE) == 0 ||
		    strcmp(group, FL_FIXTURES "/" FL_REFERENCE_CPP) == 0) {
			if (entries.count) /* git keeps no empty folder: absent until written */
				fl_strv_push(&fl_cases, group);
		} else {
			struct fl_strv *into = strcmp(group, FL_FIXTURES "/" FL_HARNESS) == 0
						       ? &fl_harness_cases
						       : &fl_cases;
			for (size_t e = 0; e < entries.count; e++)
				if (fl_is_case(entries.items[e]))
					fl_strv_push(into, entries.items[e]);
		}
		fl_strv_free(&entries);
	}
	fl_strv_free(&groups);
}

/* A case's files and the expectations written in them. */
struct fl_case {
	struct fl_strv paths; /* the case, as the engine is given it */
	struct fl_sources files;
	size_t count;
	struct fl_expectations *expectations;
	unsigned declared; /* the union of its harness-rejects kinds */
	bool report_unused_suppressions; /* a `harness-run:` option of any file */
};

static void fl_case_read(const char *path, struct fl_case *out)
{
	ck_assert_msg(chdir(FL_SOURCE_DIR) == 0, "cannot enter %s", FL_SOURCE_DIR);
	memset(out, 0, sizeof(*out));
	fl_strv_push(&out->paths, path);
	struct fl_input_errors errors = {0};
	fl_discover(&out->paths, &out->files, &errors);
	ck_assert_msg(errors.count == 0, "%s: %s", errors.count ? errors.items[0].file : "",
		      errors.count ? errors.items[0].message : "");
	ck_assert_msg(out->files.sources.count + out->files.infs.count > 0,
		      "%s: no source or INF file in the case", path);

	/* Every file of the case, headers included. */
	const struct fl_strv *lists[] = {&out->files.sources, &out->files.infs, &out->files.headers};
	out->expectations = fl_xcalloc(out->files.sources.count + out->files.infs.count +
					       out->files.headers.count,
				       sizeof(*out->expectations));
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		for (size_t i = 0; i < lists[l]->count; i++) {
			const char *file = lists[l]->items[i];
			size_t length;
			char *text = fl_read_file(file, &length);
			ck_assert_msg(text != NULL, "cannot read %s", file);
			if (lists[l] == &out->files.infs) {
				char *decoded = fl_inf_decode_text(text, length, &length);
				free(text);
				text = decoded;
			}
			struct fl_expectations *e = &out->expectations[out->count++];
			fl_expect_parse(e, file, text, length, fl_expect_syntax_for(file), NULL);
			out->declared |= e->harness_rejects;
			out->report_unused_suppressions |= e->report_unused_suppressions;
			free(text);
		}
	}
}

static void fl_case_free(struct fl_case *c)
{
	for (size_t i = 0; i < c->count; i++)
		fl_expectations_free(&c->expectations[i]);
	free(c->expectations);
	fl_sources_free(&c->files);
	fl_strv_free(&c->paths);
}

/* Runs the case at `path` through the engine, one job, and verifies it. */
static void fl_case_run(const char *path, struct fl_mismatches *mismatches, unsigned *declared)
{
	struct fl_case c;
	fl_case_read(path, &c);
	*declared = c.declared;
	struct fl_engine_options options = {.jobs = 1};
	fl_strv_push(&options.paths, path);
	struct fl_engine_result result = {0};
	ck_assert_msg(fl_engine_run(&options, &result) == 0, "%s: the engine failed", path);
	if (c.report_unused_suppressions) {
		/* Suppressions, and the unused ones reported, as the CLI does;
		 * other cases hold the rules' raw findings to the fixture. */
		struct fl_finding_filter filter = {.root = FL_SOURCE_DIR, .report_unused_suppressions = true};
		struct fl_report_info info;
		char *error = NULL;
		ck_assert_msg(fl_finding_filter_apply(&filter, &result, &info, &error) == 0, "%s: %s", path, error);
	}
	fl_expect_verify(c.expectations, c.count, &result.findings, &result.errors, mismatches);
	/* A rule grades a finding at its registered default or below (rule.h):
	 * the config's mapping of severities rests on it. */
	for (size_t i = 0; i < result.findings.count; i++) {
		const struct fl_finding *finding = &result.findings.items[i];
		const struct fl_rule *rule = fl_rule_find(finding->rule);
		ck_assert_msg(rule && finding->severity <= rule->severity,
			      "%s:%u: %s graded %s, above its default", finding->loc.file, finding->loc.line,
			      finding->rule, fl_severity_name(finding->severity));
	}
	fl_engine_result_free(&result);
	fl_engine_options_free(&options);
	fl_case_free(&c);
}

/* Every mismatch, one per line, also on stderr: Check's own message has a
 * size limit, the log has none. */
static char *fl_describe(const char *path, const struct fl_mismatches *mismatches)
{
	char *all = fl_xasprintf("%s: %zu mismatch%s", path, mismatches->count,
				 mismatches->count == 1 ? "" : "es");
	for (size_t i = 0; i < mismatches->count; i++) {
		char *next = fl_xasprintf("%s\n  %s", all, mismatches->items[i].text);
		free(all);
		all = next;
	}
	fprintf(stderr, "%s\n", all);
	if (strlen(all) > 3000)
		strcpy(all + 2980, "\n  ... (see stderr)");
	return all;
}

START_TEST(test_fixture)
{
	const char *path = fl_cases.items[_i];
	struct fl_mismatches mismatches = {0};
	unsigned declared = 0;
	fl_case_run(path, &mismatches, &declared);
	ck_assert_msg(declared == 0, "%s: harness-rejects belongs only under fixtures/harness", path);
	if (mismatches.count) {
		char *text = fl_describe(path, &mismatches);
		ck_abort_msg("%s", text);
		free(text);
	}
	fl_mismatches_free(&mismatches);
}
END_TEST

/* The kinds in a bit set, by name, comma-separated. */
static char *fl_kind_names(unsigned kinds)
{
	char *all = fl_xstrdup("");
	for (int k = 0; k < FL_MISMATCH_KIND_COUNT; k++) {
		if (!(kinds & (1u << k)))
			continue;
		char *next = fl_xasprintf("%s%s%s", all, *all ? ", " : "", fl_mismatch_kind_name(k));
		free(all);
		all = next;
	}
	return all;
}

START_TEST(test_harness_rejects)
{
	const char *path = fl_harness_cases.items[_i];
	struct fl_mismatches mismatches = {0};
	unsigned declared = 0;
	fl_case_run(path, &mismatches, &declared);
	ck_assert_msg(declared != 0, "%s: no '// harness-rejects: KIND' on a first line", path);
	unsigned got = 0;
	for (size_t i = 0; i < mismatches.count; i++)
		got |= 1u << mismatches.items[i].kind;
	if (got != declared) {
		char *want_names = fl_kind_names(declared), *got_names = fl_kind_names(got);
		char *text = fl_describe(path, &mismatches);
		ck_abort_msg("%s must be rejected as {%s}, was {%s}\n%s", path, want_names,
			     got_names, text);
	}
	fl_mismatches_free(&mismatches);
}
END_TEST

START_TEST(test_harness_covers_every_kind)
{
	/* The verifier's tests must not pass by finding no case: every kind a
	 * fixture can be rejected for has a case built for it. */
	unsigned covered = 0;
	for (size_t i = 0; i < fl_harness_cases.count; i++) {
		struct fl_case c;
		fl_case_read(fl_harness_cases.items[i], &c);
		covered |= c.declared;
		fl_case_free(&c);
	}
	unsigned all = (1u << FL_MISMATCH_KIND_COUNT) - 1;
	char *missing = fl_kind_names(all & ~covered);
	ck_assert_msg(covered == all, "no fixtures/harness case is rejected as: %s", missing);
	free(missing);
}
END_TEST

START_TEST(test_every_rule_has_a_fixture)
{
	/* A rule no fixture expects is a rule no test holds to its job. */
	bool *expected = fl_xcalloc(fl_rule_count(), sizeof(*expected));
	for (size_t i = 0; i < fl_cases.count; i++) {
		struct fl_case c;
		fl_case_read(fl_cases.items[i], &c);
		for (size_t f = 0; f < c.count; f++)
			for (size_t e = 0; e < c.expectations[f].count; e++)
				for (size_t r = 0; fl_rules[r]; r++)
					if (c.expectations[f].items[e].kind == FL_EXPECT_FINDING &&
					    strcmp(c.expectations[f].items[e].rule, fl_rules[r]->id) == 0)
						expected[r] = true;
		fl_case_free(&c);
	}
	char *missing = fl_xstrdup("");
	for (size_t r = 0; fl_rules[r]; r++) {
		if (expected[r])
			continue;
		char *next = fl_xasprintf("%s %s", missing, fl_rules[r]->id);
		free(missing);
		missing = next;
	}
	ck_assert_msg(!missing[0], "no fixture under fixtures/ expects:%s", missing);
	free(missing);
	free(expected);
}
END_TEST

Suite *fl_fixtures_suite(void)
{
	fl_find_cases();
	Suite *suite = suite_create("fixtures");
	TCase *cases = tcase_create("cases");
	tcase_set_timeout(cases, 300); /* a multi-file driver through libclang */
	tcase_add_loop_test(cases, test_fixture, 0, (int)fl_cases.count);
	suite_add_tcase(suite, cases);
	TCase *harness = tcase_create("harness");
	tcase_set_timeout(harness, 120);
	tcase_add_test(harness, test_harness_covers_every_kind);
	tcase_add_test(harness, test_every_rule_has_a_fixture);
	tcase_add_loop_test(harness, test_harness_rejects, 0, (int)fl_harness_cases.count);
	suite_add_tcase(suite, harness);
	return suite;
}
