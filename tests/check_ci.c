/* fltlint in CI and editors: SARIF (held to the OASIS schema by a real
 * validator and to GitHub's limits), the JSON contract (held to
 * docs/fltlint.schema.json), suppressions, baselines, the config file,
 * compile_commands.json, .vcxproj/.sln, user-mode skipping, exit codes,
 * --list-rules and --explain.  Real files: the fixtures, copied into temp
 * trees where a test edits them, and tests/data/projects. */
#include <check.h>
#include <jansson.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sources/compdb.h"
#include "engine.h"
#include "report/report.h"
#include "report/fingerprint.h"
#include "rule.h"
#include "suites.h"
#include "report/suppress.h"
#include "testutil.h"
#include "util.h"

#define FL_RUN(...) fl_test_run_cli((const char *const[]){__VA_ARGS__, NULL})

extern char **environ;

/* ---- helpers ---- */

static char *fl_slurp(const char *path)
{
	size_t length;
	char *text = fl_read_file(path, &length);
	ck_assert_msg(text != NULL, "read %s", path);
	return text;
}

/* A copy of fixture file `from` (relative to the source tree) at dir/name. */
static char *fl_copy_fixture(const char *dir, const char *name, const char *from)
{
	char *text = fl_slurp(from);
	char *path = fl_test_write(dir, name, text);
	free(text);
	return path;
}

/* Runs tests/validate_json.py SCHEMA DOCUMENT; returns its exit code. */
static int fl_validate(const char *schema, const char *document)
{
	char script[PATH_MAX], schema_path[PATH_MAX];
	snprintf(script, sizeof(script), "%s/tests/validate_json.py", FL_SOURCE_DIR);
	snprintf(schema_path, sizeof(schema_path), "%s", schema);
	char *argv[] = { "python3", script, schema_path, (char *)document, NULL };
	pid_t pid;
	ck_assert_int_eq(posix_spawnp(&pid, "python3", NULL, NULL, argv, environ), 0);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static json_t *fl_parse_json(const char *text);

/* Validates the SARIF file `document` with Microsoft's SARIF Multitool
 * (npm: @microsoft/sarif-multitool-linux; scripts/install-deps.sh installs
 * it): the OASIS schema and the Multitool's rules.  Fails the test on any
 * error or warning it reports. */
static void fl_validate_sarif(const char *document)
{
	char *log = fl_xasprintf("%s.validation", document);
	char *argv[] = { "sarif-multitool-linux", "validate", (char *)document, "-o", log, "--log", "ForceOverwrite", NULL };
	pid_t pid;
	ck_assert_msg(posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ) == 0,
		      "cannot run sarif-multitool-linux: scripts/install-deps.sh installs it");
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "sarif-multitool-linux validate %s failed",
		      document);
	char *text = fl_slurp(log);
	json_t *validation = fl_parse_json(text);
	json_t *results = json_object_get(json_array_get(json_object_get(validation, "runs"), 0), "results");
	size_t index, problems = 0;
	json_t *result;
	json_array_foreach(results, index, result) {
		const char *level = json_string_value(json_object_get(result, "level"));
		if (level && strcmp(level, "error") != 0 && strcmp(level, "warning") != 0)
			continue; /* absent means warning */
		fprintf(stderr, "%s: %s %s: %s\n", document, level ? level : "warning",
			json_string_value(json_object_get(result, "ruleId")),
			json_string_value(json_object_get(json_object_get(result, "message"), "text")));
		problems++;
	}
	ck_assert_msg(problems == 0, "the SARIF Multitool reports %zu problems in %s (see stderr)", problems,
		      document);
	json_decref(validation);
	free(text);
	free(log);
}

static json_t *fl_parse_json(const char *text)
{
	json_error_t error;
	json_t *root = json_loads(text, 0, &error);
	ck_assert_msg(root != NULL, "bad JSON: %s\n%s", error.text, text);
	return root;
}

/* A temp tree holding a copy of fixtures/kernel-handle and of
 * fixtures/paged-code-repeated/bad_repeated.c, with a .git so that it is its
 * own project root; the current folder moves into it (each Check test runs
 * in its own process). */
static char *fl_tree(void)
{
	char *dir = fl_test_tempdir();
	free(fl_copy_fixture(dir, "drv/roles.c", FL_SOURCE_DIR "/fixtures/kernel-handle/roles.c"));
	free(fl_copy_fixture(dir, "drv/good.c", FL_SOURCE_DIR "/fixtures/kernel-handle/good.c"));
	free(fl_copy_fixture(dir, "paged/bad_repeated.c", FL_SOURCE_DIR "/fixtures/paged-code-repeated/bad_repeated.c"));
	free(fl_test_write(dir, ".git/HEAD", "ref: refs/heads/main\n"));
	ck_assert_int_eq(chdir(dir), 0);
	return dir;
}

static size_t fl_count(const char *text, const char *needle)
{
	size_t count = 0;
	for (const char *at = strstr(text, needle); at; at = strstr(at + 1, needle))
		count++;
	return count;
}

/* Replaces the first `old` in file `path` with `new`. */
static void fl_edit(const char *path, const char *old, const char *new)
{
	char *text = fl_slurp(path);
	char *at = strstr(text, old);
	ck_assert_msg(at != NULL, "'%s' not in %s", old, path);
	char *edited = fl_xasprintf("%.*s%s%s", (int)(at - text), text, new, at + strlen(old));
	FILE *file = fopen(path, "w");
	fputs(edited, file);
	fclose(file);
	free(edited);
	free(text);
}

/* ---- the suppression parser ---- */

static struct fl_suppressions *fl_parse_text(const char *text)
{
	return fl_suppressions_parse(text, strlen(text));
}

START_TEST(test_suppress_comments)
{
	struct fl_suppressions *s = fl_parse_text(
		"int a; // fltlint: ignore[kernel-handle] -- closed by the caller\n" /* 1: this line */
		"// fltlint: ignore[context-end, kernel-handle]\n"                  /* 2: covers 3 */
		"int b;\n"
		"/* fltlint: ignore-file[inf-sample-altitude] */\n"                 /* 4: whole file */
		"char *s = \"// fltlint: ignore[context-end]\";\n"                  /* 5: a string */
		"// fltlint: ignore\n"                                              /* 6: all rules, 7 */
		"int c;\n"
		"// fltlint: ignore[no-such-rule]\n"                                /* 8: unknown */
		"// fltlint: ignore[context-end\n"                                  /* 9: malformed */
		"// fltlint: ignroe[context-end]\n"                                 /* 10: malformed */
		"#if 0\n// fltlint: ignore-file[context-end]\n#endif\n");            /* 12: dead */
	ck_assert(fl_suppressions_match(s, "kernel-handle", 0, 1));
	ck_assert(!fl_suppressions_match(s, "context-end", 0, 1));
	ck_assert(!fl_suppressions_match(s, "kernel-handle", 0, 2));
	ck_assert(fl_suppressions_match(s, "context-end", 0, 3));
	ck_assert(fl_suppressions_match(s, "inf-sample-altitude", 0, 500));
	ck_assert(!fl_suppressions_match(s, "context-end", 0, 5));
	ck_assert(fl_suppressions_match(s, "anything", 0, 7));
	ck_assert(!fl_suppressions_match(s, "context-end", 0, 20));
	ck_assert_str_eq(s->items[0].reason, "closed by the caller");
	ck_assert_uint_eq(s->problem_count, 3);
	ck_assert_uint_eq(s->problems[0].line, 8);
	ck_assert_ptr_nonnull(strstr(s->problems[0].message, "unknown rule 'no-such-rule'"));
	ck_assert_uint_eq(s->problems[1].line, 9);
	ck_assert_uint_eq(s->problems[2].line, 10);
	/* kernel-handle on line 3 was listed but, with context-end, used: only
	 * context-end's use is recorded for the rule matched. */
	ck_assert(s->items[1].rule_used[0]);
	ck_assert(!s->items[1].rule_used[1]);
	fl_suppressions_free(s);
}
END_TEST

START_TEST(test_suppress_pragmas)
{
	struct fl_suppressions *s = fl_parse_text(
		"#pragma warning(suppress: 28170)\n"         /* 1 -> 2 */
		"x();\n"
		"#pragma warning(suppress: 28171 28172)\n"   /* 3 */
		"#pragma prefast(suppress: 28121, \"why\")\n"  /* 4: both cover 5 */
		"y();\n"
		"#pragma warning(push)\n"                    /* 6 */
		"#pragma warning(disable: 28170; once: 4001)\n" /* 7: 8.. until pop */
		"z();\n"
		"#pragma warning(pop)\n"                     /* 9 */
		"w();\n"                                     /* 10 */
		"#pragma warning(disable: 28172)\n"          /* 11 */
		"v();\n"
		"#pragma warning(default: 28172)\n"          /* 13 */
		"u();\n"                                     /* 14 */
		"#if 0\n#pragma warning(disable: 28121)\n#endif\n"
		"t();\n"                                     /* 18 */
		"#  pragma   warning ( disable : 28121 ) \\\n"
		"   // continued\n"
		"s();\n");                                   /* 21 */
	ck_assert(fl_suppressions_match(s, "x", 28170, 2));
	ck_assert(!fl_suppressions_match(s, "x", 28170, 3));
	ck_assert(fl_suppressions_match(s, "x", 28171, 5));
	ck_assert(fl_suppressions_match(s, "x", 28172, 5));
	ck_assert(fl_suppressions_match(s, "x", 28121, 5));
	ck_assert(!fl_suppressions_match(s, "x", 28170, 5));
	ck_assert(fl_suppressions_match(s, "x", 28170, 8));
	ck_assert(!fl_suppressions_match(s, "x", 28170, 10));
	ck_assert(fl_suppressions_match(s, "x", 28172, 12));
	ck_assert(!fl_suppressions_match(s, "x", 28172, 14));
	ck_assert(!fl_suppressions_match(s, "x", 28121, 18));
	ck_assert(fl_suppressions_match(s, "x", 28121, 21));
	ck_assert(!fl_suppressions_match(s, "x", 0, 2)); /* a rule with no MSVC number */
	fl_suppressions_free(s);
}
END_TEST

/* Any bytes: no crash, no problem invented from binary noise. */
START_TEST(test_suppress_any_bytes)
{
	char text[4096];
	unsigned seed = 7;
	for (int round = 0; round < 200; round++) {
		for (size_t i = 0; i < sizeof(text); i++) {
			seed = seed * 1103515245 + 12345;
			static const char alphabet[] = "/*#\"'\\\n fltin:gore[],-pamwsuc0128(;)";
			text[i] = (round % 2) ? (char)(seed >> 16) : alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		struct fl_suppressions *s = fl_suppressions_parse(text, sizeof(text));
		fl_suppressions_match(s, "context-end", 28170, 3);
		fl_suppressions_free(s);
	}
}
END_TEST

/* ---- fingerprints ---- */

START_TEST(test_fingerprint_whitespace_and_parts)
{
	char a[33], b[33], c[33], d[33];
	fl_fingerprint_base("kernel-handle", "drv/a.c", "    Foo(x,  y);  \r", "F", a);
	fl_fingerprint_base("kernel-handle", "drv/a.c", "\tFoo(x, y);", "F", b);
	fl_fingerprint_base("kernel-handle", "drv/a.c", "Foo(x, z);", "F", c);
	fl_fingerprint_base("kernel-handle", "drv/a.c", "Foo(x, y);", "G", d);
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	ck_assert_str_ne(a, d);
	ck_assert_uint_eq(strlen(a), 32);
}
END_TEST

/* ---- compile commands: splitting and cl.exe ---- */

START_TEST(test_compdb_split_and_translate)
{
	struct fl_strv argv = { 0 }, args = { 0 };
	fl_compdb_split("cl.exe /nologo /I\"C:\\Program Files\\inc\" /I inc /DNAME#1 /D \"Q=\\\"x\\\"\" "
			"-external:I ext /FIpre.h /Ufoo /c drv.c", true, &argv);
	ck_assert_str_eq(argv.items[2], "/IC:\\Program Files\\inc");
	ck_assert_str_eq(argv.items[7], "Q=\"x\"");
	char *error = NULL;
	ck_assert_int_eq(fl_compdb_translate(&argv, "/work", &args, &error), 0);
	ck_assert_str_eq(args.items[0], "-IC:/Program Files/inc");
	ck_assert_str_eq(args.items[1], "-I/work/inc");
	ck_assert_str_eq(args.items[2], "-DNAME=1");
	ck_assert_str_eq(args.items[3], "-DQ=\"x\"");
	ck_assert_str_eq(args.items[4], "-isystem");
	ck_assert_str_eq(args.items[5], "/work/ext");
	ck_assert_str_eq(args.items[6], "-include");
	ck_assert_str_eq(args.items[7], "/work/pre.h");
	ck_assert_str_eq(args.items[8], "-Ufoo");
	ck_assert_uint_eq(args.count, 9);
	fl_strv_free(&argv);
	fl_strv_free(&args);

	fl_compdb_split("clang -I 'my inc' -DA=\"b c\" -isystem /sys -include x.h -o out.o -c a.c", false, &argv);
	ck_assert_str_eq(argv.items[2], "my inc");
	ck_assert_str_eq(argv.items[3], "-DA=b c");
	ck_assert_int_eq(fl_compdb_translate(&argv, "/d", &args, &error), 0);
	ck_assert_str_eq(args.items[0], "-I/d/my inc");
	ck_assert_str_eq(args.items[1], "-DA=b c");
	ck_assert_str_eq(args.items[3], "/sys");
	ck_assert_str_eq(args.items[5], "/d/x.h");
	ck_assert_uint_eq(args.count, 6);
	fl_strv_free(&argv);
	fl_strv_free(&args);

	static const char *const refused[] = { "clang @flags.rsp -c a.c", "clang -Xclang -load -Xclang x.so a.c",
					       "clang -fplugin=x.so a.c", "cl.exe /clang:-fplugin=x.so a.c" };
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		fl_compdb_split(refused[i], i == 3, &argv);
		ck_assert_int_eq(fl_compdb_translate(&argv, "/d", &args, &error), -1);
		ck_assert_ptr_nonnull(strstr(error, "refused"));
		free(error);
		error = NULL;
		fl_strv_free(&argv);
		fl_strv_free(&args);
	}
}
END_TEST

/* ---- SARIF ---- */

/* GitHub's documented limits (docs.github.com, code scanning, "SARIF
 * results exceed limit") and what its upload requires of each result. */
static void fl_check_github_limits(json_t *sarif)
{
	json_t *runs = json_object_get(sarif, "runs");
	ck_assert_uint_le(json_array_size(runs), 20);
	ck_assert_uint_eq(json_array_size(runs), 1);
	json_t *run = json_array_get(runs, 0);
	json_t *rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
	json_t *results = json_object_get(run, "results");
	ck_assert_uint_le(json_array_size(results), 25000);
	ck_assert_uint_le(json_array_size(rules), 25000);
	ck_assert_uint_le(json_array_size(json_object_get(json_object_get(run, "tool"), "extensions")), 100);
	size_t index;
	json_t *rule;
	json_array_foreach(rules, index, rule) {
		json_t *tags = json_object_get(json_object_get(rule, "properties"), "tags");
		ck_assert_uint_le(json_array_size(tags), 10); /* 20 accepted, 10 shown */
		ck_assert(json_is_string(json_object_get(json_object_get(rule, "help"), "markdown")));
		ck_assert(json_is_string(json_object_get(json_object_get(rule, "fullDescription"), "text")));
		ck_assert(json_is_string(json_object_get(json_object_get(rule, "defaultConfiguration"), "level")));
	}
	json_t *result;
	json_array_foreach(results, index, result) {
		size_t rule_index = (size_t)json_integer_value(json_object_get(result, "ruleIndex"));
		ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rules, rule_index), "id")),
				 json_string_value(json_object_get(result, "ruleId")));
		json_t *locations = json_object_get(result, "locations");
		ck_assert_uint_ge(json_array_size(locations), 1);
		ck_assert_uint_le(json_array_size(locations) + json_array_size(json_object_get(result, "relatedLocations")),
				  1000);
		json_t *physical = json_object_get(json_array_get(locations, 0), "physicalLocation");
		json_t *artifact = json_object_get(physical, "artifactLocation");
		const char *uri = json_string_value(json_object_get(artifact, "uri"));
		ck_assert_msg(uri && uri[0] != '/' && !strstr(uri, ".."), "uri %s", uri);
		ck_assert_str_eq(json_string_value(json_object_get(artifact, "uriBaseId")), "%SRCROOT%");
		json_t *region = json_object_get(physical, "region");
		ck_assert_int_ge(json_integer_value(json_object_get(region, "startLine")), 1);
		ck_assert_int_ge(json_integer_value(json_object_get(region, "startColumn")), 1);
		ck_assert(json_is_string(json_object_get(json_object_get(result, "partialFingerprints"),
							 "fltlintFingerprint/v1")));
		json_t *flows = json_object_get(result, "codeFlows");
		for (size_t f = 0; f < json_array_size(flows); f++) {
			json_t *threads = json_object_get(json_array_get(flows, f), "threadFlows");
			for (size_t t = 0; t < json_array_size(threads); t++)
				ck_assert_uint_le(json_array_size(json_object_get(json_array_get(threads, t), "locations")),
						  10000);
		}
	}
}

START_TEST(test_sarif_valid_and_within_limits)
{
	char *dir = fl_tree();
	struct fl_test_run run = FL_RUN("--no-cache", "-f", "sarif", "-o", "out.sarif", "drv", "paged");
	ck_assert_msg(run.status == 1, "status %d: %s", run.status, run.err);
	ck_assert_str_eq(run.out, "");
	fl_validate_sarif("out.sarif");
	char *text = fl_slurp("out.sarif");
	json_t *sarif = fl_parse_json(text);
	ck_assert_str_eq(json_string_value(json_object_get(sarif, "version")), "2.1.0");
	fl_check_github_limits(sarif);
	json_t *run0 = json_array_get(json_object_get(sarif, "runs"), 0);
	json_t *results = json_object_get(run0, "results");
	ck_assert_uint_ge(json_array_size(results), 4);
	json_t *first_rule = json_array_get(json_object_get(json_object_get(json_object_get(run0, "tool"), "driver"),
							    "rules"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(first_rule, "id")), fl_rules[0]->id);
	char *name = fl_rule_name(fl_rules[0]);
	ck_assert_str_eq(json_string_value(json_object_get(first_rule, "name")), name);
	free(name);
	ck_assert_str_eq(json_string_value(json_object_get(first_rule, "name")), "ContextEnd");
	/* Repository-relative, and related locations carried. */
	ck_assert_ptr_nonnull(strstr(text, "\"uri\": \"drv/roles.c\""));
	ck_assert_ptr_nonnull(strstr(text, "\"relatedLocations\""));
	json_decref(sarif);
	free(text);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* A call chain's steps become a code flow; the document still validates. */
START_TEST(test_sarif_code_flow_from_steps)
{
	char *dir = fl_test_tempdir();
	ck_assert_int_eq(chdir(dir), 0);
	struct fl_engine_result result = { 0 };
	struct fl_loc at = { "a.c", 9, 5 }, entry = { "a.c", 2, 1 }, call = { "a.c", 5, 3 };
	const struct fl_rule *rule = fl_rule_find("kernel-handle");
	struct fl_finding *finding = fl_report(&result.findings, rule, FL_SEVERITY_ERROR, &at, "opened here");
	fl_finding_add_step(finding, &entry, "A registered as a pre-operation callback here");
	fl_finding_add_step(finding, &call, "A calls B");
	fl_finding_add_related(finding, &call, "not a step");
	FILE *out = fopen("flow.sarif", "w");
	struct fl_report_info info = { .root = dir };
	ck_assert_int_eq(fl_report_sarif(out, &result, &info), 0);
	fclose(out);
	fl_validate_sarif("flow.sarif");
	char *text = fl_slurp("flow.sarif");
	json_t *sarif = fl_parse_json(text);
	json_t *res = json_array_get(json_object_get(json_array_get(json_object_get(sarif, "runs"), 0), "results"), 0);
	json_t *flow = json_object_get(json_array_get(json_object_get(json_array_get(json_object_get(res, "codeFlows"), 0),
								      "threadFlows"), 0), "locations");
	ck_assert_uint_eq(json_array_size(flow), 3); /* two steps, then the finding */
	ck_assert_uint_eq(json_array_size(json_object_get(res, "relatedLocations")), 3);
	json_decref(sarif);
	free(text);
	fl_findings_free(&result.findings);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* Input errors are notifications: a unit analyzed with clang errors a
 * warning, one not analyzed an error (and then the run is incomplete). */
START_TEST(test_sarif_notifications_by_kind)
{
	char *dir = fl_test_tempdir();
	ck_assert_int_eq(chdir(dir), 0);
	struct fl_engine_result result = { 0 };
	fl_input_error_add_parse(&result.errors, "a.c", 3, "analyzed with 1 clang error");
	struct fl_report_info info = { .root = dir };
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			fl_input_error_add(&result.errors, "b.c", "cannot read; not analyzed");
		FILE *out = fopen("errors.sarif", "w");
		ck_assert_int_eq(fl_report_sarif(out, &result, &info), 0);
		fclose(out);
		fl_validate_sarif("errors.sarif");
		char *text = fl_slurp("errors.sarif");
		json_t *sarif = fl_parse_json(text);
		json_t *invocation = json_array_get(
			json_object_get(json_array_get(json_object_get(sarif, "runs"), 0), "invocations"), 0);
		json_t *notes = json_object_get(invocation, "toolExecutionNotifications");
		ck_assert_uint_eq(json_array_size(notes), (size_t)pass + 1);
		ck_assert_str_eq(json_string_value(json_object_get(json_array_get(notes, 0), "level")), "warning");
		if (pass == 1)
			ck_assert_str_eq(json_string_value(json_object_get(json_array_get(notes, 1), "level")), "error");
		ck_assert(json_is_true(json_object_get(invocation, "executionSuccessful")) == (pass == 0));
		json_decref(sarif);
		free(text);
	}
	fl_input_errors_free(&result.errors);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- JSON contract ---- */

START_TEST(test_json_schema_and_fields)
{
	char *dir = fl_tree();
	struct fl_test_run run = FL_RUN("--no-cache", "-f", "json", "-o", "out.json", "drv", "paged");
	ck_assert_int_eq(run.status, 1);
	ck_assert_int_eq(fl_validate(FL_SOURCE_DIR "/docs/fltlint.schema.json", "out.json"), 0);
	char *text = fl_slurp("out.json");
	json_t *root = fl_parse_json(text);
	json_t *findings = json_object_get(root, "findings");
	size_t index;
	json_t *finding;
	bool some_function = false, some_end = false;
	json_array_foreach(findings, index, finding) {
		ck_assert(json_is_string(json_object_get(finding, "fingerprint")));
		ck_assert_int_ge(json_integer_value(json_object_get(finding, "line")), 1);
		some_function |= json_is_string(json_object_get(finding, "function"));
		some_end |= json_is_integer(json_object_get(finding, "end_column"));
	}
	ck_assert(some_function);
	ck_assert(some_end);
	json_decref(root);
	free(text);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- baselines ---- */

START_TEST(test_baseline_survives_edits_and_catches_new_bug)
{
	char *dir = fl_tree();
	struct fl_test_run run = FL_RUN("--no-cache", "--write-baseline", "fltlint-baseline.json", "drv", "paged");
	ck_assert_int_eq(run.status, 1);
	fl_test_run_free(&run);
	run = FL_RUN("--no-cache", "--baseline", "fltlint-baseline.json", "drv", "paged");
	ck_assert_msg(run.status == 0, "%s%s", run.out, run.err);
	fl_test_run_free(&run);

	/* Unrelated edits: lines inserted above, a function re-indented, a
	 * comment changed: every old finding moved, none is new. */
	fl_edit("drv/roles.c", "PFLT_FILTER KhFilter;", "/* Added:\n * two lines. */\nPFLT_FILTER KhFilter;\n\n");
	fl_edit("drv/roles.c", "    OBJECT_ATTRIBUTES attributes;\n    IO_STATUS_BLOCK iosb;",
		"        OBJECT_ATTRIBUTES attributes;\n\n\n        IO_STATUS_BLOCK iosb;");
	fl_edit("paged/bad_repeated.c", "VOID Twice (VOID);", "VOID Twice (VOID); /* edited */\n");
	run = FL_RUN("--no-cache", "-f", "json", "--baseline", "fltlint-baseline.json", "drv", "paged");
	ck_assert_msg(run.status == 0, "%s%s", run.out, run.err);
	json_t *root = fl_parse_json(run.out);
	ck_assert_int_eq(json_array_size(json_object_get(root, "findings")), 0);
	ck_assert_int_ge(json_integer_value(json_object_get(json_object_get(root, "summary"), "baselined")), 4);
	json_decref(root);
	fl_test_run_free(&run);

	/* A new bug: the same open, spelled the same, in another function. */
	fl_edit("drv/roles.c", "FLT_PREOP_CALLBACK_STATUS KhPreCreate(_Inout_ PFLT_CALLBACK_DATA Data,\n    _In_ PCFLT_RELATED_OBJECTS FltObjects, _Flt_CompletionContext_Outptr_ PVOID *CompletionContext)\n{",
		"static NTSTATUS KhOpenLogAgain(_Out_ PHANDLE Handle)\n{\n"
		"    OBJECT_ATTRIBUTES attributes;\n    IO_STATUS_BLOCK iosb;\n"
		"    InitializeObjectAttributes(&attributes, &KhLogName, OBJ_CASE_INSENSITIVE, NULL, NULL);\n"
		"    return ZwCreateFile(Handle, FILE_APPEND_DATA | SYNCHRONIZE, &attributes, &iosb, NULL, "
		"FILE_ATTRIBUTE_NORMAL,\n                        FILE_SHARE_READ, FILE_OPEN_IF, "
		"FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);\n}\n\n"
		"FLT_PREOP_CALLBACK_STATUS KhPreCreate(_Inout_ PFLT_CALLBACK_DATA Data,\n    _In_ PCFLT_RELATED_OBJECTS "
		"FltObjects, _Flt_CompletionContext_Outptr_ PVOID *CompletionContext)\n{\n"
		"    HANDLE again;\n    if (NT_SUCCESS(KhOpenLogAgain(&again)))\n        ZwClose(again);");
	run = FL_RUN("--no-cache", "--baseline", "fltlint-baseline.json", "drv", "paged");
	ck_assert_msg(run.status == 1, "%s%s", run.out, run.err);
	ck_assert_uint_eq(fl_count(run.out, "[kernel-handle]"), 1);
	ck_assert_ptr_nonnull(strstr(run.out, "KhOpenLogAgain"));
	fl_test_run_free(&run);
	/* A baseline that is not one: exit 2. */
	free(fl_test_write(dir, "bad.json", "{\"findings\": []}"));
	run = FL_RUN("--no-cache", "--baseline", "bad.json", "drv");
	ck_assert_int_eq(run.status, 2);
	ck_assert_ptr_nonnull(strstr(run.err, "not an fltlint baseline"));
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- suppressions through the CLI ---- */

START_TEST(test_cli_suppressions)
{
	char *dir = fl_tree();
	struct fl_test_run run = FL_RUN("--no-cache", "drv", "paged");
	size_t handles = fl_count(run.out, "[kernel-handle]"), repeated = fl_count(run.out, "[paged-code-repeated]");
	ck_assert_uint_ge(handles, 2);
	ck_assert_uint_ge(repeated, 3);
	fl_test_run_free(&run);
	/* A comment on the line, a comment on the line before, an MSVC pragma
	 * (paged-code-repeated is C28171), and one that suppresses nothing. */
	fl_edit("drv/roles.c", "OBJ_CASE_INSENSITIVE, NULL, NULL); // expect: kernel-handle",
		"OBJ_CASE_INSENSITIVE, NULL, NULL); // fltlint: ignore[kernel-handle] -- closed at once");
	fl_edit("drv/roles.c", "    attributes.Attributes = flags;",
		"    // fltlint: ignore[kernel-handle, context-end]\n    attributes.Attributes = flags;");
	fl_edit("paged/bad_repeated.c", "    PAGED_CODE();\n    PAGED_CODE();  // expect: paged-code-repeated",
		"    PAGED_CODE();\n#pragma warning(suppress: 28171)\n    PAGED_CODE();");
	run = FL_RUN("--no-cache", "-f", "json", "drv", "paged");
	json_t *root = fl_parse_json(run.out);
	json_t *summary = json_object_get(root, "summary");
	ck_assert_int_eq(json_integer_value(json_object_get(summary, "suppressed")), 3);
	ck_assert_uint_eq(fl_count(run.out, "\"kernel-handle\""), handles - 2);
	ck_assert_uint_eq(fl_count(run.out, "\"paged-code-repeated\""), repeated - 1);
	json_decref(root);
	fl_test_run_free(&run);
	/* context-end in the second comment suppressed nothing. */
	run = FL_RUN("--no-cache", "--report-unused-suppressions", "drv", "paged");
	ck_assert_uint_eq(fl_count(run.out, "[unused-suppression]"), 1);
	ck_assert_ptr_nonnull(strstr(run.out, "no 'context-end' finding here"));
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* INF files carry the comment form after `;`. */
START_TEST(test_inf_suppression)
{
	char *dir = fl_test_tempdir();
	ck_assert_int_eq(chdir(dir), 0);
	free(fl_copy_fixture(dir, "s.inf", FL_SOURCE_DIR "/fixtures/inf/bad_sample_altitude.inf"));
	struct fl_test_run run = FL_RUN("--no-cache", "s.inf");
	ck_assert_uint_eq(fl_count(run.out, "[inf-sample-altitude]"), 2);
	fl_test_run_free(&run);
	fl_edit("s.inf", "; expect: inf-sample-altitude", "; fltlint: ignore[inf-sample-altitude] -- lab only");
	run = FL_RUN("--no-cache", "s.inf");
	ck_assert_uint_eq(fl_count(run.out, "[inf-sample-altitude]"), 1);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- exit codes and the config file ---- */

START_TEST(test_exit_codes)
{
	char *dir = fl_tree();
	struct fl_test_run run = FL_RUN("--no-cache", "--exit-zero", "drv");
	ck_assert_int_eq(run.status, 0);
	ck_assert_ptr_nonnull(strstr(run.out, "[kernel-handle]"));
	fl_test_run_free(&run);
	run = FL_RUN("--no-cache", "--fail-on", "error", "paged"); /* paged-code-repeated: warnings */
	ck_assert_int_eq(run.status, 0);
	fl_test_run_free(&run);
	run = FL_RUN("--no-cache", "--exit-zero", "missing.c");
	ck_assert_int_eq(run.status, 2); /* --exit-zero is for findings, not for what could not be read */
	fl_test_run_free(&run);
	run = FL_RUN("--no-cache", "-f", "xml", "drv");
	ck_assert_int_eq(run.status, 2);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_config_file)
{
	char *dir = fl_tree();
	free(fl_test_write(dir, ".fltlint",
			   "{ \"rules\": { \"kernel-handle\": \"off\", \"paged-code-repeated\": \"error\" },\n"
			   "  \"exclude\": [\"drv/good.c\"], \"defines\": [\"FLTLINT_CONFIG=1\"],\n"
			   "  \"include_dirs\": [\"inc\"] }\n"));
	free(fl_test_write(dir, "inc/.keep", ""));
	/* Found walking up from the paths (here: from a subfolder). */
	ck_assert_int_eq(chdir("drv"), 0);
	struct fl_test_run run = FL_RUN("--no-cache", "--verbose", "-f", "json", ".", "../paged");
	ck_assert_int_eq(run.status, 1);
	ck_assert_uint_eq(fl_count(run.out, "\"kernel-handle\""), 0);
	ck_assert_uint_ge(fl_count(run.out, "\"severity\": \"error\""), 3);
	ck_assert_ptr_nonnull(strstr(run.err, "-DFLTLINT_CONFIG=1"));
	ck_assert_ptr_null(strstr(run.err, "good.c:")); /* excluded: not parsed */
	fl_test_run_free(&run);
	ck_assert_int_eq(chdir(".."), 0);
	free(fl_test_write(dir, "strict.json", "{ \"rulez\": {} }"));
	run = FL_RUN("--no-cache", "--config", "strict.json", "drv");
	ck_assert_int_eq(run.status, 2);
	ck_assert_ptr_nonnull(strstr(run.err, "unknown key 'rulez'"));
	fl_test_run_free(&run);
	free(fl_test_write(dir, "typo.json", "{ \"rules\": { \"kernel-handel\": \"off\" } }"));
	run = FL_RUN("--no-cache", "--config", "typo.json", "drv");
	ck_assert_int_eq(run.status, 2);
	ck_assert_ptr_nonnull(strstr(run.err, "unknown rule 'kernel-handel'"));
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* volume-context-pool grades: errors for a paged pool, notes for a pool it
 * cannot resolve.  A setting moves the sure findings and caps the others;
 * it never raises a note (docs/config.md "Severity"). */
START_TEST(test_config_severity_keeps_grades)
{
	char *dir = fl_test_tempdir();
	free(fl_copy_fixture(dir, "drv/paged.c", FL_SOURCE_DIR "/fixtures/volume-context-pool/bad_paged_pool.c"));
	free(fl_copy_fixture(dir, "drv/unresolved.c",
			     FL_SOURCE_DIR "/fixtures/volume-context-pool/note_unresolved_pool.c"));
	ck_assert_int_eq(chdir(dir), 0);
	static const struct {
		const char *setting;
		const char *summary;
	} cases[] = {
		{ "on", "4 findings (2 errors, 2 notes)" },
		{ "error", "4 findings (2 errors, 2 notes)" },
		{ "warning", "4 findings (2 warnings, 2 notes)" },
		{ "note", "4 findings (4 notes)" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *config = fl_xasprintf("{ \"rules\": { \"volume-context-pool\": \"%s\" } }\n",
					    cases[i].setting);
		free(fl_test_write(dir, ".fltlint", config));
		free(config);
		struct fl_test_run run = FL_RUN("--no-cache", "--fail-on", "error", "drv");
		ck_assert_msg(strstr(run.out, cases[i].summary), "\"%s\": want %s in\n%s", cases[i].setting,
			      cases[i].summary, run.out);
		ck_assert_int_eq(run.status, strstr(cases[i].summary, "error") ? 1 : 0);
		fl_test_run_free(&run);
	}
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- where the sources come from ---- */

static const char *const fl_reference_sources[] = { "cleanup.c", "config.c", "context.c", "create.c",
						    "driver.c", "names.c", "port.c", "readwrite.c",
						    "registration.c", "setinfo.c", "workitem.c" };

/* The reference driver copied to dir/src, its header in dir/src/inc. */
static void fl_copy_reference(const char *dir)
{
	for (size_t i = 0; i < sizeof(fl_reference_sources) / sizeof(fl_reference_sources[0]); i++) {
		char *from = fl_xasprintf("%s/fixtures/reference/%s", FL_SOURCE_DIR, fl_reference_sources[i]);
		char *to = fl_xasprintf("src/%s", fl_reference_sources[i]);
		free(fl_copy_fixture(dir, to, from));
		free(from);
		free(to);
	}
	free(fl_copy_fixture(dir, "src/inc/ledger.h", FL_SOURCE_DIR "/fixtures/reference/ledger.h"));
}

START_TEST(test_compile_commands)
{
	char *dir = fl_test_tempdir();
	ck_assert_int_eq(chdir(dir), 0);
	fl_copy_reference(dir);
	/* ledger.h lives in src/inc, which the database's -I names.  Both
	 * forms, a relative directory, a cl.exe command. */
	char *json = fl_xstrdup("[\n");
	for (size_t i = 0; i < sizeof(fl_reference_sources) / sizeof(fl_reference_sources[0]); i++) {
		const char *name = fl_reference_sources[i];
		char *entry;
		if (i % 3 == 0)
			entry = fl_xasprintf("{\"directory\": \"../src\", \"file\": \"%s\", \"arguments\": "
					     "[\"clang\", \"-Iinc\", \"-DLEDGER_CC=1\", \"-c\", \"%s\"]}", name, name);
		else if (i % 3 == 1)
			entry = fl_xasprintf("{\"directory\": \"%s/src\", \"file\": \"%s/src/%s\", \"command\": "
					     "\"cc -I inc -O2 -o %s.o -c %s\"}", dir, dir, name, name, name);
		else
			entry = fl_xasprintf("{\"directory\": \"../src\", \"file\": \"%s\", \"command\": "
					     "\"cl.exe /nologo /I inc /DPOOL_NX_OPTIN#1 /c %s\"}", name, name);
		char *longer = fl_xasprintf("%s%s%s\n", json, i ? "," : "", entry);
		free(json);
		free(entry);
		json = longer;
	}
	char *full = fl_xasprintf("%s]\n", json);
	free(fl_test_write(dir, "build/compile_commands.json", full));
	free(json);
	free(full);
	struct fl_test_run run = FL_RUN("--no-cache", "--verbose", "-p", "build");
	ck_assert_msg(run.status == 0, "%s%s", run.out, run.err);
	ck_assert_ptr_nonnull(strstr(run.out, "11 files, 11 analyzed"));
	ck_assert_ptr_nonnull(strstr(run.err, "-DPOOL_NX_OPTIN=1"));
	ck_assert_ptr_nonnull(strstr(run.err, "-DLEDGER_CC=1"));
	char *include = fl_xasprintf("-I%s/src/inc -x c", dir);
	ck_assert_msg(strstr(run.err, include) != NULL, "%s", run.err);
	free(include);
	fl_test_run_free(&run);
	/* A response file is refused: an input error, exit 2. */
	free(fl_test_write(dir, "bad/compile_commands.json",
			   "[{\"directory\": \"../src\", \"file\": \"driver.c\", \"command\": \"cc @flags.rsp -c driver.c\"}]"));
	run = FL_RUN("--no-cache", "--compile-commands", "bad/compile_commands.json");
	ck_assert_int_eq(run.status, 2);
	ck_assert_ptr_nonnull(strstr(run.out, "refused: response file"));
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_vcxproj_and_sln)
{
	struct fl_test_run run = FL_RUN("--no-cache", "--verbose", "tests/data/projects/ledger.vcxproj");
	ck_assert_msg(run.status == 0, "%s%s", run.out, run.err);
	ck_assert_ptr_nonnull(strstr(run.out, "11 files, 11 analyzed, 1 INF: no findings"));
	ck_assert_ptr_nonnull(strstr(run.err, "-DPOOL_NX_OPTIN=1 -DLEDGER_RELEASE_BUILD=1"));
	ck_assert_ptr_nonnull(strstr(run.err, "-DLEDGER_WORKITEM=1"));
	ck_assert_ptr_null(strstr(run.err, "unused_tool.c"));
	ck_assert_ptr_nonnull(strstr(run.err, "left out (a macro only MSBuild's imports define): $(DDK_INC_PATH)"));
	fl_test_run_free(&run);
	run = FL_RUN("--no-cache", "--verbose", "--configuration", "Debug", "tests/data/projects/ledger.sln");
	ck_assert_msg(run.status == 0, "%s%s", run.out, run.err);
	ck_assert_ptr_nonnull(strstr(run.err, "-DLEDGER_DEBUG_BUILD=1"));
	ck_assert_ptr_nonnull(strstr(run.err, "-DDBG=1"));
	ck_assert_ptr_null(strstr(run.err, "POOL_NX_OPTIN"));
	ck_assert_ptr_null(strstr(run.err, "LEDGER_WORKITEM"));
	fl_test_run_free(&run);
}
END_TEST

START_TEST(test_user_mode_skipped_in_folders)
{
	char *dir = fl_test_tempdir();
	ck_assert_int_eq(chdir(dir), 0);
	free(fl_copy_fixture(dir, "tree/drv/good.c", FL_SOURCE_DIR "/fixtures/kernel-handle/good.c"));
	free(fl_test_write(dir, "tree/tool/main.c",
			   "#include <windows.h>\n#include <stdio.h>\nint main(void) { return 0; }\n"));
	/* Recognised in any case, and through the project headers it includes:
	 * a C++ control app whose precompiled header brings the C++ library,
	 * one whose own header brings <Windows.h>. */
	free(fl_test_write(dir, "tree/app/StdAfx.h", "#pragma once\n#include <sstream>\n#include <string>\n"));
	free(fl_test_write(dir, "tree/app/control.cpp", "#include \"stdafx.h\"\nint main() { return 0; }\n"));
	free(fl_test_write(dir, "tree/svc/svc.h", "#pragma once\n#include <Windows.h>\n"));
	free(fl_test_write(dir, "tree/svc/svc.c", "#include \"..\\svc\\SVC.H\"\nint main(void) { return 0; }\n"));
	/* Saved by Visual Studio: a byte order mark before the first include. */
	free(fl_test_write(dir, "tree/gui/gui.cpp", "\xEF\xBB\xBF#include \"gui.h\"\nint main() { return 0; }\n"));
	free(fl_test_write(dir, "tree/gui/gui.h", "#pragma once\n#include <iostream>\n"));
	/* A unit that reaches a kernel header through a project header stays,
	 * whatever user-mode header it names besides. */
	free(fl_test_write(dir, "tree/drv/shared.h", "#pragma once\n#include <fltKernel.h>\n"));
	free(fl_test_write(dir, "tree/drv/shared.c",
			   "#include \"shared.h\"\n#ifdef SHARED_USER_TEST\n#include <windows.h>\n#endif\nint Shared;\n"));
	struct fl_test_run run = FL_RUN("--no-cache", "tree");
	ck_assert_msg(run.status == 0 || run.status == 1, "%s%s", run.out, run.err);
	ck_assert_msg(strstr(run.out, "2 files, 2 analyzed, 4 user-mode skipped"), "%s", run.out);
	ck_assert_msg(strstr(run.err, "tree/app/control.cpp: note: a user-mode program") &&
			      strstr(run.err, "tree/svc/svc.c: note:") && strstr(run.err, "tree/tool/main.c: note:") &&
			      strstr(run.err, "tree/gui/gui.cpp: note:"),
		      "%s", run.err);
	ck_assert_ptr_null(strstr(run.err, "shared.c"));
	fl_test_run_free(&run);
	run = FL_RUN("--no-cache", "--include-user-mode", "tree");
	ck_assert_ptr_nonnull(strstr(run.out, "6 files"));
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* The PCH is one per language: a C++ unit whose WDK headers do not
 * precompile as C++ leaves the C units theirs, and the message says which. */
START_TEST(test_pch_kept_beside_a_conflicting_unit)
{
	char *dir = fl_test_tempdir();
	ck_assert_int_eq(chdir(dir), 0);
	free(fl_copy_fixture(dir, "tree/drv/good.c", FL_SOURCE_DIR "/fixtures/kernel-handle/good.c"));
	free(fl_test_write(dir, "tree/drv/helper.cpp",
			   "#include <fltKernel.h>\nextern \"C\" ULONG Helper(void) { return 0; }\n"));
	struct fl_test_run run = FL_RUN("--cache", "cache", "--stats=json", "tree");
	json_t *stats = fl_parse_json(strstr(run.err, "{\"fltlint_stats\""));
	ck_assert_msg(json_integer_value(json_object_get(stats, "pch_stored")) >= 1, "%s", run.err);
	ck_assert_msg(!strstr(run.err, "did not precompile as C "), "%s", run.err);
	ck_assert_msg(!strstr(run.err, "did not precompile (") , "%s", run.err);
	json_decref(stats);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- rules, for people and tools ---- */

START_TEST(test_list_rules_json_and_explain)
{
	struct fl_test_run run = FL_RUN("--list-rules", "-f", "json");
	ck_assert_int_eq(run.status, 0);
	json_t *rules = fl_parse_json(run.out);
	ck_assert_uint_eq(json_array_size(rules), fl_rule_count());
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rules, 0), "id")), fl_rules[0]->id);
	json_decref(rules);
	fl_test_run_free(&run);
	run = FL_RUN("--explain", "context-end");
	ck_assert_int_eq(run.status, 0);
	char *page = fl_slurp(FL_SOURCE_DIR "/docs/rules/context-end.md");
	ck_assert_str_eq(run.out, page);
	free(page);
	fl_test_run_free(&run);
	run = FL_RUN("--explain", "no-such-rule");
	ck_assert_int_eq(run.status, 2);
	fl_test_run_free(&run);
}
END_TEST

Suite *fl_ci_suite(void)
{
	Suite *suite = suite_create("ci");
	TCase *parsers = tcase_create("parsers");
	tcase_add_test(parsers, test_suppress_comments);
	tcase_add_test(parsers, test_suppress_pragmas);
	tcase_add_test(parsers, test_suppress_any_bytes);
	tcase_add_test(parsers, test_fingerprint_whitespace_and_parts);
	tcase_add_test(parsers, test_compdb_split_and_translate);
	suite_add_tcase(suite, parsers);
	TCase *runs = tcase_create("runs");
	tcase_set_timeout(runs, 300);
	tcase_add_test(runs, test_sarif_valid_and_within_limits);
	tcase_add_test(runs, test_sarif_code_flow_from_steps);
	tcase_add_test(runs, test_sarif_notifications_by_kind);
	tcase_add_test(runs, test_json_schema_and_fields);
	tcase_add_test(runs, test_baseline_survives_edits_and_catches_new_bug);
	tcase_add_test(runs, test_cli_suppressions);
	tcase_add_test(runs, test_inf_suppression);
	tcase_add_test(runs, test_exit_codes);
	tcase_add_test(runs, test_config_file);
	tcase_add_test(runs, test_config_severity_keeps_grades);
	tcase_add_test(runs, test_compile_commands);
	tcase_add_test(runs, test_vcxproj_and_sln);
	tcase_add_test(runs, test_user_mode_skipped_in_folders);
	tcase_add_test(runs, test_pch_kept_beside_a_conflicting_unit);
	tcase_add_test(runs, test_list_rules_json_and_explain);
	suite_add_tcase(suite, runs);
	return suite;
}
