/* paged-code-repeated: a function that asserts PAGED_CODE() or
 * PAGED_CODE_LOCKED() more than once (MSVC C28171).
 *
 * Why: the assertion belongs once, at the top of the body, where it checks
 * the IRQL every caller arrives at.  A second one is usually a merge or
 * copy-paste leftover; where it guards only some paths it suggests the
 * first is missing on others, and with PAGED_CODE_LOCKED mixed in it says
 * two different things about the same function.  No crash of its own: a
 * consistency check that keeps the other two section rules meaningful.
 *
 * How: every function defined in a unit's own source file with two or more
 * PAGED_CODE()/PAGED_CODE_LOCKED() expansions in its body in active code
 * (in any nested block), reported once, on the second, with the first as a
 * related location.
 *
 * Limits: an assertion in an inactive #if branch does not count, so
 * `#if A PAGED_CODE(); #else PAGED_CODE(); #endif` is one; assertions reached
 * through a called function are the callee's own; functions defined in
 * headers are not judged.
 */
#include "sections.h"

struct fl_paged_code_repeated_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
};

static void fl_check_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_paged_code_repeated_run *run = data;
	const struct fl_function *function = ref->function;
	if (function->paged_code_count < 2 || !fl_function_in_main_file(ref))
		return;
	struct fl_finding *finding =
		fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &function->paged_code[1],
			  "'%s' asserts PAGED_CODE %zu times: once, at the top of the body, is enough",
			  function->name, function->paged_code_count);
	fl_finding_set_function(finding, function->name);
	fl_finding_add_related(finding, &function->paged_code[0], "first assertion");
}

static void fl_check_paged_code_repeated(const struct fl_rule *rule, const struct fl_program *program,
					 struct fl_findings *out)
{
	struct fl_paged_code_repeated_run run = { .rule = rule, .out = out };
	fl_program_each_function(program, fl_check_function, &run);
}

const struct fl_rule fl_rule_paged_code_repeated = {
	.id = "paged-code-repeated",
	.severity = FL_SEVERITY_WARNING,
	.summary = "Function asserts PAGED_CODE() more than once",
	.msvc_warning = 28171,
	.check = fl_check_paged_code_repeated,
};
