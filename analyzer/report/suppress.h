/* Inline suppressions, read from a source file's text (docs/suppressions.md).
 *
 *     x = y;  // fltlint: ignore[kernel-handle] -- closed by the caller
 *     // fltlint: ignore[kernel-handle, context-end]      (covers the next line)
 *     // fltlint: ignore-file[inf-sample-altitude]         (the whole file)
 *     #pragma warning(suppress: 28170)                     (the next line)
 *     #pragma warning(disable: 28170)  ...  #pragma warning(default: 28170)
 *     #pragma warning(push) ... #pragma warning(pop)
 *     #pragma prefast(suppress: 28170, "why")               (the next line)
 *
 * A `fltlint:` comment names rule ids; an MSVC pragma names warning numbers,
 * which match the rules whose `msvc_warning` is that number.  Pragmas and
 * comments inside `#if 0` regions count for nothing; other conditions cannot
 * be decided from the text and are taken as active.
 *
 * Like expect.c, the parser takes any bytes (it is fuzzed) and fails only
 * for memory: what it cannot read becomes a problem of the file. */
#ifndef FL_SUPPRESS_H
#define FL_SUPPRESS_H

#include "util.h"
#include <stdbool.h>
#include <stddef.h>

#include "findings.h"

struct fl_rule;

enum fl_suppression_kind {
	FL_SUPPRESS_LINE,          /* // fltlint: ignore[...] */
	FL_SUPPRESS_FILE,          /* // fltlint: ignore-file[...] */
	FL_SUPPRESS_MSVC_SUPPRESS, /* #pragma warning(suppress: N), prefast(suppress: N) */
	FL_SUPPRESS_MSVC_DISABLE,  /* #pragma warning(disable: N) until default or pop */
};

struct fl_suppression {
	enum fl_suppression_kind kind;
	unsigned line;        /* where it is written (1-based) */
	unsigned first, last; /* the lines it covers; last is UINT_MAX for "to the end" */
	bool all_rules;       /* `fltlint: ignore` without a list */
	struct fl_strv rules; /* rule ids (fltlint comments) */
	bool *rule_used;      /* per rule id (or [0] for all_rules) */
	int warning;          /* the MSVC warning number (pragmas), else 0 */
	bool used;
	char *reason;         /* after `--`, or the prefast justification; may be NULL */
};

/* A comment that starts `fltlint:` and does not parse, or names an unknown
 * rule. */
struct fl_suppress_problem {
	unsigned line;
	char *message;
};

struct fl_suppressions {
	size_t count, capacity;
	struct fl_suppression *items;
	size_t problem_count, problem_capacity;
	struct fl_suppress_problem *problems;
};

/* Reads the suppressions of one file's text (any bytes). */
struct fl_suppressions *fl_suppressions_parse(const char *text, size_t length);
void fl_suppressions_free(struct fl_suppressions *suppressions);

/* Whether a finding of rule `rule_id` (whose MSVC warning is `msvc_warning`,
 * or 0) on `line` is suppressed; marks what suppressed it as used. */
bool fl_suppressions_match(struct fl_suppressions *suppressions, const char *rule_id, int msvc_warning,
			   unsigned line);

/* Applies the suppressions written in the findings' files: removes the
 * suppressed findings and returns how many.  With `unused_rule`, adds a
 * finding of that rule for each `fltlint:` suppression (or rule id in one)
 * that suppressed nothing and each malformed one, in the findings' files
 * and in `more_files` (every analyzed source and project header).  MSVC
 * pragmas are never reported unused: they are there for MSVC too.  Findings
 * come out sorted. */
size_t fl_suppress_apply(struct fl_findings *findings, const struct fl_strv *more_files,
			 const struct fl_rule *unused_rule);

#endif
