/* unused-suppression: a `// fltlint: ignore[...]` that suppresses nothing,
 * or one that names no rule or does not parse.
 *
 * Why it matters: a suppression outlives the finding it silenced (the code
 * was fixed, the rule got smarter, the line moved); left in place it would
 * silence the next real finding on that line.  A misspelt rule id
 * suppresses nothing while looking like it does.
 *
 * How it decides: it reports nothing by itself.  The suppression stage
 * (analyzer/report/suppress.c) reports through this registration when the run asks
 * for it (--report-unused-suppressions), after every other rule ran.
 *
 * Limits: MSVC pragmas (#pragma warning / prefast) are never reported: they
 * are there for MSVC's /analyze as well. */
#include "rule.h"

static void fl_check_unused_suppression(const struct fl_rule *rule, const struct fl_program *program,
					struct fl_findings *out)
{
	(void)rule;
	(void)program;
	(void)out;
}

const struct fl_rule fl_rule_unused_suppression = {
	.id = "unused-suppression",
	.severity = FL_SEVERITY_WARNING,
	.summary = "A fltlint suppression comment that suppresses nothing or names no rule "
		   "(with --report-unused-suppressions)",
	.msvc_warning = 0,
	.check = fl_check_unused_suppression,
};
