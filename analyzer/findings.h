/* Findings and input errors: what a run reports.
 *
 * Rules add findings through fl_report(); the engine adds input errors (a file
 * that could not be read or parsed).  Both lists own their strings.  The report
 * stage sorts findings (fl_findings_sort) so that output does not depend on the
 * order units were parsed in.
 */
#ifndef FL_FINDINGS_H
#define FL_FINDINGS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "facts/facts.h"

enum fl_severity {
	FL_SEVERITY_NOTE,
	FL_SEVERITY_WARNING,
	FL_SEVERITY_ERROR,
};

const char *fl_severity_name(enum fl_severity severity);
/* Returns 0 and sets *out for "note", "warning" or "error"; -1 otherwise. */
int fl_severity_parse(const char *name, enum fl_severity *out);

/* A further place a finding points at: a step of a call chain, the
 * registration that made a function a callback. */
struct fl_related {
	struct fl_loc loc;
	char *message;
	bool step; /* a step of a call chain (fl_finding_add_step): SARIF codeFlows */
};

/* One text edit of a fix: the text from `start` up to (end_line,
 * end_column), one past the last character replaced, becomes `text`; an
 * insertion where the end is the start.  Lines and columns are 1-based,
 * columns in bytes, as clang counts them. */
struct fl_edit {
	struct fl_loc start;
	unsigned end_line, end_column;
	char *text;
};

/* A repair of a finding that is mechanical: edits applied together.
 * `preferred` when it is the one right repair (LSP isPreferred). */
struct fl_fix {
	char *description;
	bool preferred;
	size_t edit_count;
	struct fl_edit *edits;
};

struct fl_finding {
	const char *rule; /* the rule's id (static storage) */
	enum fl_severity severity;
	struct fl_loc loc;
	char *message;
	char *function; /* the function the finding is in, or NULL */
	size_t related_count;
	struct fl_related *related;
	size_t fix_count;
	struct fl_fix *fixes;
	/* Filled after the rules ran (finding_filter.h), for the reports: */
	char *fingerprint;   /* "<32 hex>:<occurrence>" (fingerprint.h), or NULL */
	unsigned end_line;   /* end of the reported token, 1-based; 0 = unknown */
	unsigned end_column; /* one past its last character, as SARIF's endColumn */
};

struct fl_findings {
	size_t count;
	size_t capacity;
	struct fl_finding *items;
};

/* What an input error means for the analysis.  MSVC accepts what clang
 * rejects (lvalue casts, some non-constant initializers, a prototype that
 * differs from its definition), and a project header may be missing here:
 * clang recovers, and such a unit is analyzed from what it recovered.  A
 * unit that could not be analyzed at all (missing, unreadable, crashed,
 * timed out, over memory, an include refused) is another matter: only that
 * kind makes the exit code 2, unless the user asks for a clean parse
 * (--strict-parse). */
enum fl_input_error_kind {
	FL_INPUT_NOT_ANALYZED, /* nothing of the file was analyzed */
	FL_INPUT_PARSE,        /* analyzed with clang errors: its findings are reported */
};

/* A file that could not be read or parsed.  `line` is where the first error
 * is (1-based), or 0 when the problem is the whole file (missing, unreadable). */
struct fl_input_error {
	char *file;
	unsigned line;
	char *message;
	enum fl_input_error_kind kind;
};

struct fl_input_errors {
	size_t count;
	size_t capacity;
	struct fl_input_error *items;
};

/* Adds a finding of the rule whose id is `rule_id` (static storage) at
 * `loc`; the message is printf-formatted.  Rules report through fl_report
 * (rule.h).  Returns the finding so that the caller may add a function name
 * and related locations; the pointer is valid until the next finding is
 * added to the list. */
struct fl_finding *fl_findings_vadd(struct fl_findings *out, const char *rule_id, enum fl_severity severity,
				    const struct fl_loc *loc, const char *format, va_list args)
	__attribute__((format(printf, 5, 0)));
void fl_finding_set_function(struct fl_finding *finding, const char *function);
void fl_finding_add_related(struct fl_finding *finding, const struct fl_loc *loc,
			    const char *format, ...) __attribute__((format(printf, 3, 4)));
/* The same, for one step of a call chain (entry first): the SARIF report
 * turns a finding's steps, then its own location, into a code flow. */
void fl_finding_add_step(struct fl_finding *finding, const struct fl_loc *loc,
			 const char *format, ...) __attribute__((format(printf, 3, 4)));

/* Adds a fix to the finding, described by a printf-formatted sentence
 * ("Append { FLT_CONTEXT_END }"); the pointer is valid until the next fix
 * is added to the finding.  A fix with no edit is dropped by the reports. */
struct fl_fix *fl_finding_add_fix(struct fl_finding *finding, bool preferred, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
/* Adds an edit that replaces the text from `start` to (end_line, end_column) with `text`. */
void fl_fix_replace(struct fl_fix *fix, const struct fl_loc *start, unsigned end_line, unsigned end_column,
		    const char *text);
/* Adds an edit that inserts `text` at `at`. */
void fl_fix_insert(struct fl_fix *fix, const struct fl_loc *at, const char *text);

/* Keeps the findings `keep` says yes to (it may also adjust them: a
 * configured severity) and frees the others; returns how many went. */
size_t fl_findings_keep(struct fl_findings *findings,
			bool (*keep)(struct fl_finding *finding, void *data), void *data);

/* Orders findings by file, line, column, rule and message. */
/* After fl_findings_sort: drops findings equal to the one before them (the
 * same rule, place and message), as code shared by several drivers of a tree
 * is checked with each (link/drivers.h). */
void fl_findings_unique(struct fl_findings *findings);
void fl_findings_sort(struct fl_findings *findings);
void fl_findings_free(struct fl_findings *findings);
/* Frees what one finding holds (for a stage that drops findings from a list). */
void fl_finding_clear(struct fl_finding *finding);
/* How many findings are at `severity` or above (for --fail-on). */
size_t fl_findings_count_at_least(const struct fl_findings *findings, enum fl_severity severity);

void fl_input_error_add(struct fl_input_errors *errors, const char *file,
			const char *format, ...) __attribute__((format(printf, 3, 4)));
/* The same, at a line of the file (a parse error's first location), so that
 * fixtures can expect the error on the line it concerns. */
void fl_input_error_add_at(struct fl_input_errors *errors, const char *file, unsigned line,
			   const char *format, ...) __attribute__((format(printf, 4, 5)));
/* A unit analyzed with clang errors (FL_INPUT_PARSE), at the line of its
 * first error in the unit's own file (0 when that is in a header). */
void fl_input_error_add_parse(struct fl_input_errors *errors, const char *file, unsigned line,
			      const char *format, ...) __attribute__((format(printf, 4, 5)));
/* Adds a copy of `error` (its kind kept). */
void fl_input_error_copy(struct fl_input_errors *errors, const struct fl_input_error *error);
/* How many of `errors` are of `kind`. */
size_t fl_input_errors_count(const struct fl_input_errors *errors, enum fl_input_error_kind kind);
/* Orders input errors by file, line and message. */
void fl_input_errors_sort(struct fl_input_errors *errors);
void fl_input_errors_free(struct fl_input_errors *errors);

#endif
