/* expect.c: the expectation grammar and the verifier. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "harness/expect.h"
#include "rule.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

static bool fl_test_known(const char *id)
{
	return strcmp(id, "rule-a") == 0 || strcmp(id, "rule-b") == 0 ||
	       strcmp(id, "context-end") == 0;
}

static void fl_parse(struct fl_expectations *out, const char *file, const char *text)
{
	memset(out, 0, sizeof(*out));
	fl_expect_parse(out, file, text, strlen(text), fl_expect_syntax_for(file), fl_test_known);
}

static void fl_assert_problem(const char *text, enum fl_mismatch_kind kind, unsigned line,
			      const char *needle);

static void fl_assert_expectation(const struct fl_expectations *e, size_t i,
				  enum fl_expect_kind kind, unsigned line, const char *rule)
{
	ck_assert_msg(i < e->count, "only %zu expectations", e->count);
	ck_assert_int_eq(e->items[i].kind, kind);
	ck_assert_uint_eq(e->items[i].line, line);
	if (rule)
		ck_assert_str_eq(e->items[i].rule, rule);
	else
		ck_assert_ptr_null(e->items[i].rule);
}

START_TEST(test_parse_c)
{
	struct fl_expectations e;
	fl_parse(&e, "a.c",
		 "int a; // expect: rule-a\r\n"
		 "\n"
		 "int b;   //expect:rule-a,rule-b  \n"
		 "int c; /* x */ // expect-miss: rule-b\n"
		 "int d = ; // expect-error: expected expression\n"
		 "int e; // expected to be fine, expects nothing\n"
		 "int f; // expect the worst\n"
		 "const char *g = \"http://x\"; // expect: context-end\n"
		 "int h; /// expect-error");
	ck_assert_uint_eq(e.problems.count, 0);
	ck_assert_uint_eq(e.count, 7);
	fl_assert_expectation(&e, 0, FL_EXPECT_FINDING, 1, "rule-a");
	fl_assert_expectation(&e, 1, FL_EXPECT_FINDING, 3, "rule-a");
	fl_assert_expectation(&e, 2, FL_EXPECT_FINDING, 3, "rule-b");
	fl_assert_expectation(&e, 3, FL_EXPECT_MISS, 4, "rule-b");
	fl_assert_expectation(&e, 4, FL_EXPECT_ERROR, 5, NULL);
	fl_assert_expectation(&e, 5, FL_EXPECT_FINDING, 8, "context-end");
	fl_assert_expectation(&e, 6, FL_EXPECT_ERROR, 9, NULL);
	ck_assert_uint_eq(e.harness_rejects, 0);
	fl_expectations_free(&e);
	fl_expectations_free(NULL);
}
END_TEST

START_TEST(test_parse_severity_and_fragment)
{
	struct fl_expectations e;
	fl_parse(&e, "s.c",
		 "a; // expect: rule-a error \"OBJ_KERNEL_HANDLE\"\n"
		 "b; // expect: rule-a, rule-b warning\n"
		 "c; // expect: rule-b \"a, b\", rule-a note\n"
		 "// harness-run: report-unused-suppressions\n");
	ck_assert_uint_eq(e.problems.count, 0);
	ck_assert_uint_eq(e.count, 5);
	fl_assert_expectation(&e, 0, FL_EXPECT_FINDING, 1, "rule-a");
	ck_assert_int_eq(e.items[0].severity, FL_SEVERITY_ERROR);
	ck_assert_str_eq(e.items[0].fragment, "OBJ_KERNEL_HANDLE");
	ck_assert_int_eq(e.items[1].severity, -1); /* each item states its own */
	ck_assert_ptr_null(e.items[1].fragment);
	ck_assert_int_eq(e.items[2].severity, FL_SEVERITY_WARNING);
	ck_assert_str_eq(e.items[3].fragment, "a, b"); /* a comma inside quotes */
	ck_assert_int_eq(e.items[3].severity, -1);
	fl_assert_expectation(&e, 4, FL_EXPECT_FINDING, 3, "rule-a");
	ck_assert_int_eq(e.items[4].severity, FL_SEVERITY_NOTE);
	ck_assert(e.report_unused_suppressions);
	fl_expectations_free(&e);

	fl_assert_problem("x; // expect: rule-a fatal\n", FL_MISMATCH_MALFORMED, 1, "'rule-a fatal'");
	fl_assert_problem("x; // expect: rule-a \"open\n", FL_MISMATCH_MALFORMED, 1, "'rule-a \"open'");
	fl_assert_problem("x; // expect: rule-a \"\"\n", FL_MISMATCH_MALFORMED, 1, "in 'expect:'");
	fl_assert_problem("x; // expect: rule-a \"m\" error\n", FL_MISMATCH_MALFORMED, 1, "'rule-a \"m\" error'");
	fl_assert_problem("x; // expect-miss: rule-a error\n", FL_MISMATCH_MALFORMED, 1, "in 'expect-miss:'");
	fl_assert_problem("// harness-run: fast\n", FL_MISMATCH_MALFORMED, 1, "no harness-run option 'fast'");
}
END_TEST

START_TEST(test_parse_inf)
{
	struct fl_expectations e;
	fl_parse(&e, "drv.INF",
		 "[Version]\r\n"
		 "Signature = \"$WINDOWS NT$\" ; expect: rule-a\r\n"
		 "Altitude = ; expect-error\r\n"
		 "X = 1 // expect: rule-b\r\n"
		 ";expect-miss: rule-b\r\n");
	ck_assert_uint_eq(e.problems.count, 0);
	ck_assert_uint_eq(e.count, 3); /* `//` is no comment in an INF */
	fl_assert_expectation(&e, 0, FL_EXPECT_FINDING, 2, "rule-a");
	fl_assert_expectation(&e, 1, FL_EXPECT_ERROR, 3, NULL);
	fl_assert_expectation(&e, 2, FL_EXPECT_MISS, 5, "rule-b");
	fl_expectations_free(&e);
	ck_assert_int_eq(fl_expect_syntax_for("x.inx"), FL_EXPECT_SYNTAX_INF);
	ck_assert_int_eq(fl_expect_syntax_for("x.h"), FL_EXPECT_SYNTAX_C);
}
END_TEST

/* Asserts that `text` yields exactly one problem, of `kind`, on `line`,
 * whose text contains `needle`. */
static void fl_assert_problem(const char *text, enum fl_mismatch_kind kind, unsigned line,
			      const char *needle)
{
	struct fl_expectations e;
	fl_parse(&e, "p.c", text);
	ck_assert_msg(e.problems.count == 1, "%zu problems for: %s", e.problems.count, text);
	ck_assert_int_eq(e.problems.items[0].kind, kind);
	ck_assert_uint_eq(e.problems.items[0].line, line);
	ck_assert_msg(strstr(e.problems.items[0].text, needle), "'%s' lacks '%s'",
		      e.problems.items[0].text, needle);
	fl_expectations_free(&e);
}

START_TEST(test_parse_problems)
{
	fl_assert_problem("x; // expect: no-such-rule\n", FL_MISMATCH_UNKNOWN_RULE, 1,
			  "p.c:1: unknown rule 'no-such-rule' in expectation");
	fl_assert_problem("\nx; // expect:\n", FL_MISMATCH_MALFORMED, 2, "nothing after 'expect:'");
	fl_assert_problem("x; // expect: rule-a,\n", FL_MISMATCH_MALFORMED, 1, "'' in 'expect:'");
	fl_assert_problem("x; // expect: Rule_A\n", FL_MISMATCH_MALFORMED, 1, "'Rule_A'");
	fl_assert_problem("x; // expect: rule-a because\n", FL_MISMATCH_MALFORMED, 1,
			  "'rule-a because'");
	fl_assert_problem("x; // expect-warning: rule-a\n", FL_MISMATCH_MALFORMED, 1,
			  "unknown directive 'expect-warning'");
	fl_assert_problem("x; // expect-miss rule-a\n", FL_MISMATCH_MALFORMED, 1, "needs ':'");
	fl_assert_problem("x;\n// harness-rejects: missing\n", FL_MISMATCH_MALFORMED, 2, "line 1");
	fl_assert_problem("// harness-rejects: nothing-like-this\n", FL_MISMATCH_MALFORMED, 1,
			  "no mismatch kind 'nothing-like-this'");

	/* An unknown rule does not also become an expectation. */
	struct fl_expectations e;
	fl_parse(&e, "p.c", "x; // expect: rule-a, bogus\n");
	ck_assert_uint_eq(e.count, 1);
	ck_assert_uint_eq(e.problems.count, 1);
	fl_expectations_free(&e);

	/* Without a callback, fltlint's own rules decide. */
	const char text[] = "x; // expect: context-end, rule-a\n";
	memset(&e, 0, sizeof(e));
	fl_expect_parse(&e, "p.c", text, strlen(text), FL_EXPECT_SYNTAX_C, NULL);
	ck_assert_uint_eq(e.count, 1);
	ck_assert_str_eq(e.items[0].rule, fl_rules[0]->id);
	ck_assert_uint_eq(e.problems.count, 1);
	fl_expectations_free(&e);
}
END_TEST

START_TEST(test_parse_harness_and_bytes)
{
	struct fl_expectations e;
	fl_parse(&e, "h.c", "// harness-rejects: missing, known-miss-found\nint x;\n");
	ck_assert_uint_eq(e.problems.count, 0);
	ck_assert_uint_eq(e.harness_rejects,
			  (1u << FL_MISMATCH_MISSING) | (1u << FL_MISMATCH_KNOWN_MISS_FOUND));
	fl_expectations_free(&e);

	/* NUL bytes, invalid UTF-8, no final newline: lines still count. */
	static const char bytes[] = "a\0b // expect: rule-a\n\xff\xfe // expect: r\xff\n\0// expect: rule-b";
	memset(&e, 0, sizeof(e));
	fl_expect_parse(&e, "b.c", bytes, sizeof(bytes) - 1, FL_EXPECT_SYNTAX_C, fl_test_known);
	ck_assert_uint_eq(e.count, 2);
	fl_assert_expectation(&e, 0, FL_EXPECT_FINDING, 1, "rule-a");
	fl_assert_expectation(&e, 1, FL_EXPECT_FINDING, 3, "rule-b");
	ck_assert_uint_eq(e.problems.count, 1);
	ck_assert(fl_utf8_valid(e.problems.items[0].text, strlen(e.problems.items[0].text)));
	fl_expectations_free(&e);

	memset(&e, 0, sizeof(e));
	fl_expect_parse(&e, "empty.c", "", 0, FL_EXPECT_SYNTAX_C, fl_test_known);
	ck_assert_uint_eq(e.count + e.problems.count, 0);
	fl_expectations_free(&e);

	enum fl_mismatch_kind kind;
	for (int i = 0; i < FL_MISMATCH_KIND_COUNT; i++) {
		ck_assert_int_eq(fl_mismatch_kind_parse(fl_mismatch_kind_name(i), &kind), 0);
		ck_assert_int_eq(kind, i);
	}
	ck_assert_int_eq(fl_mismatch_kind_parse("Missing", &kind), -1);
}
END_TEST

static const struct fl_rule fl_rule_a = {"rule-a", FL_SEVERITY_WARNING, "A.", 0, NULL};
static const struct fl_rule fl_rule_b = {"rule-b", FL_SEVERITY_ERROR, "B.", 0, NULL};

static void fl_find(struct fl_findings *findings, const struct fl_rule *rule, const char *file,
		    unsigned line)
{
	struct fl_loc loc = {(char *)file, line, 1};
	fl_report(findings, rule, rule->severity, &loc, "message of %s", rule->id);
}

/* The mismatch texts, one per line, for exact comparison. */
static char *fl_texts(const struct fl_mismatches *mismatches)
{
	char *all = fl_xstrdup("");
	for (size_t i = 0; i < mismatches->count; i++) {
		char *next = fl_xasprintf("%s%s\n", all, mismatches->items[i].text);
		free(all);
		all = next;
	}
	return all;
}

START_TEST(test_verify)
{
	struct fl_expectations e[2];
	fl_parse(&e[0], "v.c",
		 "a; // expect: rule-a\n"        /* 1: met */
		 "b; // expect: rule-b\n"        /* 2: missing */
		 "c; // expect-miss: rule-a\n"   /* 3: known miss, absent: fine */
		 "d; // expect-miss: rule-b\n"   /* 4: known miss, found */
		 "e; // expect-error\n"          /* 5: met by a line error */
		 "f; // expect-error\n"          /* 6: missing */
		 "g; // expect: rule-a, rule-b\n" /* 7: rule-b met, rule-a missing */
		 "h; // expect: bogus\n");       /* 8: unknown rule */
	fl_parse(&e[1], "w.h", "x; // expect-error\n");
	struct fl_findings findings = {0};
	fl_find(&findings, &fl_rule_a, "v.c", 1);
	fl_find(&findings, &fl_rule_a, "v.c", 1); /* twice on a line: one expectation serves */
	fl_find(&findings, &fl_rule_b, "v.c", 4);
	fl_find(&findings, &fl_rule_b, "v.c", 7);
	fl_find(&findings, &fl_rule_a, "v.c", 2); /* right line, wrong rule */
	fl_find(&findings, &fl_rule_b, "other.c", 1);
	struct fl_input_errors errors = {0};
	fl_input_error_add_at(&errors, "v.c", 5, "does not parse");
	fl_input_error_add_at(&errors, "v.c", 9, "stray error");
	fl_input_error_add(&errors, "w.h", "does not parse"); /* no line: any expect-error of w.h */
	fl_input_error_add(&errors, "z.c", "cannot read: Permission denied");

	struct fl_mismatches mismatches = {0};
	fl_expect_verify(e, 2, &findings, &errors, &mismatches);
	char *texts = fl_texts(&mismatches);
	ck_assert_str_eq(texts,
			 "other.c:1: unexpected rule-b: message of rule-b\n"
			 "v.c:2: unexpected rule-a: message of rule-a\n"
			 "v.c:2: missing rule-b\n"
			 "v.c:4: known miss now found: remove expect-miss: rule-b\n"
			 "v.c:6: missing input error (expect-error)\n"
			 "v.c:7: missing rule-a\n"
			 "v.c:8: unknown rule 'bogus' in expectation\n"
			 "v.c:9: unexpected input error: stray error\n"
			 "z.c: unexpected input error: cannot read: Permission denied\n");
	ck_assert_int_eq(mismatches.items[0].kind, FL_MISMATCH_UNEXPECTED);
	ck_assert_int_eq(mismatches.items[2].kind, FL_MISMATCH_MISSING);
	ck_assert_int_eq(mismatches.items[3].kind, FL_MISMATCH_KNOWN_MISS_FOUND);
	ck_assert_int_eq(mismatches.items[4].kind, FL_MISMATCH_MISSING_ERROR);
	ck_assert_int_eq(mismatches.items[6].kind, FL_MISMATCH_UNKNOWN_RULE);
	ck_assert_int_eq(mismatches.items[7].kind, FL_MISMATCH_PARSE_ERROR);
	ck_assert_int_eq(mismatches.items[8].kind, FL_MISMATCH_PARSE_ERROR);
	free(texts);
	fl_mismatches_free(&mismatches);
	fl_findings_free(&findings);
	fl_input_errors_free(&errors);
	fl_expectations_free(&e[0]);
	fl_expectations_free(&e[1]);
}
END_TEST

START_TEST(test_verify_severity_and_fragment)
{
	struct fl_expectations e;
	fl_parse(&e, "g.c",
		 "a; // expect: rule-b error \"of rule-b\"\n" /* 1: met */
		 "b; // expect: rule-b warning\n"             /* 2: wrong severity */
		 "c; // expect: rule-b \"of rule-a\"\n"       /* 3: wrong message */
		 "d; // expect: rule-a note\n");              /* 4: missing: no finding */
	struct fl_findings findings = {0};
	for (unsigned line = 1; line <= 3; line++)
		fl_find(&findings, &fl_rule_b, "g.c", line);
	struct fl_input_errors errors = {0};
	struct fl_mismatches mismatches = {0};
	fl_expect_verify(&e, 1, &findings, &errors, &mismatches);
	char *texts = fl_texts(&mismatches);
	ck_assert_str_eq(texts,
			 "g.c:2: rule-b is error, expected warning: message of rule-b\n"
			 "g.c:3: rule-b lacks \"of rule-a\": message of rule-b\n"
			 "g.c:4: missing rule-a\n");
	ck_assert_int_eq(mismatches.items[0].kind, FL_MISMATCH_WRONG_SEVERITY);
	ck_assert_int_eq(mismatches.items[1].kind, FL_MISMATCH_WRONG_MESSAGE);
	free(texts);
	fl_mismatches_free(&mismatches);
	fl_findings_free(&findings);
	fl_expectations_free(&e);
}
END_TEST

START_TEST(test_verify_resolves_paths)
{
	char *dir = fl_test_tempdir();
	char *source = fl_test_write(dir, "inc/x.h", "int x; // expect: rule-a\n");
	struct fl_expectations e;
	fl_parse(&e, source, "int x; // expect: rule-a\n");
	char *other_spelling = fl_xasprintf("%s/inc/../inc/./x.h", dir);
	struct fl_findings findings = {0};
	fl_find(&findings, &fl_rule_a, other_spelling, 1);
	struct fl_input_errors errors = {0};
	struct fl_mismatches mismatches = {0};
	fl_expect_verify(&e, 1, &findings, &errors, &mismatches);
	ck_assert_uint_eq(mismatches.count, 0);
	fl_findings_free(&findings);
	fl_expectations_free(&e);
	fl_test_rmtree(dir);
	free(dir);
	free(source);
	free(other_spelling);
}
END_TEST

Suite *fl_expect_suite(void)
{
	Suite *suite = suite_create("expect");
	TCase *tcase = tcase_create("expect");
	tcase_add_test(tcase, test_parse_c);
	tcase_add_test(tcase, test_parse_severity_and_fragment);
	tcase_add_test(tcase, test_parse_inf);
	tcase_add_test(tcase, test_parse_problems);
	tcase_add_test(tcase, test_parse_harness_and_bytes);
	tcase_add_test(tcase, test_verify);
	tcase_add_test(tcase, test_verify_severity_and_fragment);
	tcase_add_test(tcase, test_verify_resolves_paths);
	suite_add_tcase(suite, tcase);
	return suite;
}
