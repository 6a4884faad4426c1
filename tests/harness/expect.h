/* Expectations written inside fixtures, and the verifier that holds a run's
 * findings against them.
 *
 * A fixture says what fltlint must report on the line it concerns, in a
 * comment at the end of that line (`//` in C, C++ and headers, `;` in INFs):
 *
 *     FLT_CONTEXT_REGISTRATION Contexts[] = {   // expect: context-end
 *     ZwCreateFile(&h, 0, &oa, ...);            // expect: kernel-handle error "OBJ_KERNEL_HANDLE"
 *     int x = ;                                 // expect-error
 *     ...                                       // expect-miss: context-end
 *
 * `expect: a, b` lists rules that must report on the line; an item may add
 * the severity the finding must have and a "fragment" its message must
 * contain (`expect: a, b warning "pool"`: b is a warning); `expect-error`
 * marks a line where an input error (a parse error) must be reported;
 * `expect-miss: a` records a known miss: accepted while absent, an error once
 * found, so that a fixed miss is noticed (CodeQL's MISSING:).  A fixture built
 * for the verifier to reject says so on its first line:
 * `// harness-rejects: unexpected` (a comma-separated list of mismatch kinds).
 * A fixture run with an option says so anywhere:
 * `// harness-run: report-unused-suppressions` (the one option so far).
 *
 * The parser takes any bytes (it is fuzzed) and never fails but for memory:
 * what it cannot read becomes a mismatch of the fixture itself.
 */
#ifndef FL_EXPECT_H
#define FL_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"

enum fl_expect_kind {
	FL_EXPECT_FINDING, /* expect: rule */
	FL_EXPECT_ERROR,   /* expect-error */
	FL_EXPECT_MISS,    /* expect-miss: rule */
};

struct fl_expectation {
	enum fl_expect_kind kind;
	char *rule; /* NULL for FL_EXPECT_ERROR */
	unsigned line;
	int severity;   /* the enum fl_severity the finding must have, or -1: any */
	char *fragment; /* what its message must contain, or NULL: anything */
};

/* Why a fixture and a run disagree, or why a fixture is itself wrong. */
enum fl_mismatch_kind {
	FL_MISMATCH_UNEXPECTED,       /* a finding no expectation names */
	FL_MISMATCH_MISSING,          /* an expectation no finding meets */
	FL_MISMATCH_PARSE_ERROR,      /* an input error no expect-error names */
	FL_MISMATCH_MISSING_ERROR,    /* an expect-error with no input error */
	FL_MISMATCH_KNOWN_MISS_FOUND, /* an expect-miss whose finding now appears */
	FL_MISMATCH_UNKNOWN_RULE,     /* an expectation names no rule fltlint has */
	FL_MISMATCH_MALFORMED,        /* an expectation comment that does not parse */
	FL_MISMATCH_WRONG_SEVERITY,   /* the expected finding, at another severity */
	FL_MISMATCH_WRONG_MESSAGE,    /* the expected finding, without the fragment */
	FL_MISMATCH_KIND_COUNT
};

/* "unexpected", "missing", "parse-error", "missing-error", "known-miss-found",
 * "unknown-rule", "malformed", "wrong-severity", "wrong-message". */
const char *fl_mismatch_kind_name(enum fl_mismatch_kind kind);
int fl_mismatch_kind_parse(const char *name, enum fl_mismatch_kind *out);

struct fl_mismatch {
	enum fl_mismatch_kind kind;
	char *file;
	unsigned line; /* 0 when the mismatch concerns the whole file */
	char *text;    /* one line for people: "file:line: missing rule-id" */
};

struct fl_mismatches {
	size_t count;
	size_t capacity;
	struct fl_mismatch *items;
};

void fl_mismatches_free(struct fl_mismatches *mismatches);

/* The expectations of one file. */
struct fl_expectations {
	char *file;
	size_t count;
	size_t capacity;
	struct fl_expectation *items;
	/* Problems of the fixture itself (unknown-rule, malformed). */
	struct fl_mismatches problems;
	/* `harness-rejects:` on the first line: the kinds the verifier must
	 * report, as a bit set of 1 << enum fl_mismatch_kind; 0 when absent. */
	unsigned harness_rejects;
	/* `harness-run:` options the case is run with. */
	bool report_unused_suppressions;
};

/* Which comment starts an expectation: `//` or `;`. */
enum fl_expect_syntax {
	FL_EXPECT_SYNTAX_C,
	FL_EXPECT_SYNTAX_INF,
};

/* The syntax for a file name (INF for .inf and .inx, C otherwise). */
enum fl_expect_syntax fl_expect_syntax_for(const char *path);

/* Reads the expectations in `length` bytes of `text` (NUL bytes allowed,
 * CRLF or LF) of `file` into `out` (zeroed by the caller).  A rule id that
 * `known_rule` rejects is a FL_MISMATCH_UNKNOWN_RULE problem; with NULL,
 * fltlint's own rules (fl_rule_find) decide. */
void fl_expect_parse(struct fl_expectations *out, const char *file, const char *text,
		     size_t length, enum fl_expect_syntax syntax,
		     bool (*known_rule)(const char *id));
void fl_expectations_free(struct fl_expectations *expectations);

/* Holds findings and input errors against the expectations of every file of
 * a case, by (file, line, rule), then severity and message fragment where the
 * expectation states them, and appends each disagreement, and each
 * problem of the fixtures, to `out`, sorted by file and line.  Files are
 * compared by what they resolve to, so "a/./b.c" meets "a/b.c".  An input
 * error without a line meets any expect-error of its file. */
void fl_expect_verify(const struct fl_expectations *files, size_t file_count,
		      const struct fl_findings *findings, const struct fl_input_errors *errors,
		      struct fl_mismatches *out);

#endif
