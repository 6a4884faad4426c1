/* The one header a rule needs.
 *
 * A rule is a file under rules/ that defines one `const struct fl_rule
 * fl_rule_<name>` and is listed once in rule_list.h.  Its check function reads
 * the linked program (facts of every unit, the call graph, the callbacks the
 * driver registers) and reports through fl_report(); it never sees libclang.
 *
 * Severity has one model (docs/config.md "Severity"): the rule registers its
 * default, the severity of a finding it is sure of; it may grade a finding
 * lower (a note for a pool it could not resolve), never higher; the config
 * then maps every finding through fl_severity_configured().
 */
#ifndef FL_RULE_H
#define FL_RULE_H

#include "findings.h"
#include "link/program.h"
#include "util.h"

struct fl_rule {
	const char *id;              /* public: typed in suppressions and configs */
	enum fl_severity severity;   /* default: the highest grade the rule gives */
	const char *summary;         /* one sentence: drives --list-rules and the docs */
	int msvc_warning;            /* the MSVC /analyze warning it matches, or 0 */
	void (*check)(const struct fl_rule *rule, const struct fl_program *program,
		      struct fl_findings *out);
};

#define FL_RULE(name) extern const struct fl_rule fl_rule_##name;
#include "rule_list.h"
#undef FL_RULE

/* Adds a finding of `rule` at `loc`; the message is printf-formatted.
 * Returns the finding so that the caller may add a function name and related
 * locations; the pointer is valid until the next fl_report on the list. */
struct fl_finding *fl_report(struct fl_findings *out, const struct fl_rule *rule,
			     enum fl_severity severity, const struct fl_loc *loc,
			     const char *format, ...) __attribute__((format(printf, 5, 6)));

/* Fixes (findings.h) for a value a rule reads from the facts, written at
 * `at` (an argument's or a field's location): a preferred fix, described by
 * `description`, that writes `text` in its place, or after it.  Nothing is
 * added, and false returned, when the value is not written there as one
 * range (a macro's body, a local variable's earlier assignment). */
bool fl_fix_value_replace(struct fl_finding *finding, const struct fl_loc *at, const struct fl_value *value,
			  const char *text, const char *description);
bool fl_fix_value_append(struct fl_finding *finding, const struct fl_loc *at, const struct fl_value *value,
			 const char *text, const char *description);
/* The indentation of a line whose first character is at `column`, for a
 * line a fix inserts beside it: a tab for column 2, spaces otherwise. */
const char *fl_fix_indent(unsigned column);

/* Every rule, in rule_list.h order; NULL-terminated. */
extern const struct fl_rule *const fl_rules[];
size_t fl_rule_count(void);
const struct fl_rule *fl_rule_find(const char *id);

/* The rule's name for people and for SARIF's `name` (which must differ
 * from its `id`): the id in PascalCase, "context-end" -> "ContextEnd".
 * The caller frees it. */
char *fl_rule_name(const struct fl_rule *rule);

/* The severity a finding the rule graded `grade` gets when the config sets
 * the rule to `setting`: a finding at the rule's default takes `setting`; a
 * finding graded lower keeps its grade, capped at `setting`.  So a setting
 * lowers or raises the rule's sure findings and never raises an uncertain
 * one (a note stays a note under "error"). */
enum fl_severity fl_severity_configured(const struct fl_rule *rule, enum fl_severity grade,
					enum fl_severity setting);

#endif
