/* paged-code-section: a function that asserts PAGED_CODE() or
 * PAGED_CODE_LOCKED() but is not placed in a pageable (PAGE...) section
 * (MSVC C28172).
 *
 * Why: the assertion and the placement disagree, and one of them is wrong.
 * Usually the pragma was lost (a typo, a rename, a pragma under the wrong
 * #ifdef): the function its author reasons about as pageable is resident,
 * and the day the pragma comes back, a caller added meanwhile at
 * DISPATCH_LEVEL faults on paged-out code (bugcheck 0xD1 or 0xA, under
 * memory pressure only).  Otherwise the function was made resident on
 * purpose because it now runs at raised IRQL, and its stale PAGED_CODE()
 * stops every debug build and Driver Verifier run at that call.
 *
 * How: every function defined in a unit's own source file whose body has at
 * least one PAGED_CODE()/PAGED_CODE_LOCKED() in active code, placed by no
 * pragma or declspec in a section whose name begins with "PAGE"
 * (case-sensitive).  A function in INIT (discarded after DriverEntry, run at
 * PASSIVE_LEVEL) may assert PAGED_CODE too, as Microsoft's samples do; a
 * __forceinline function is not judged (it is inlined into its callers, and
 * its assertion checks theirs; MSVC does not report it either).  Reported on
 * the first PAGED_CODE line.
 *
 * C++: for a function of C++ linkage (members included) the message points
 * to __declspec(code_seg) and #pragma code_seg, since MSVC's alloc_text
 * takes only extern "C" functions.
 *
 * Limits: a function defined in a header is not judged (its placement
 * belongs to each file that includes it); a section set by a
 * a linker /SECTION or /MERGE option is not seen, so such a function is
 * reported as unplaced.
 */
#include "sections.h"

struct fl_paged_code_section_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
};

static void fl_check_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_paged_code_section_run *run = data;
	const struct fl_function *function = ref->function;
	if (function->paged_code_count == 0 || function->is_forceinline ||
	    !fl_function_in_main_file(ref))
		return;
	if (fl_section_is_pageable(function->section) || fl_section_is_init(function->section))
		return;
	struct fl_finding *finding;
	if (function->section)
		finding = fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &function->paged_code[0],
				    "'%s' asserts PAGED_CODE but is placed in section '%s', which is not "
				    "pageable (a pageable section's name begins with PAGE)",
				    function->name, function->section);
	else if (fl_function_cxx_linkage(ref))
		finding = fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &function->paged_code[0],
				    "'%s' asserts PAGED_CODE but is not placed in a PAGE section: place it with "
				    "__declspec(code_seg(\"PAGE\")) or in a #pragma code_seg(\"PAGE\") region "
				    "(alloc_text cannot name a function of C++ linkage), or remove the assertion",
				    function->name);
	else
		finding = fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &function->paged_code[0],
				    "'%s' asserts PAGED_CODE but is not placed in a PAGE section: "
				    "add it to a #pragma alloc_text(PAGE, ...) or remove the assertion",
				    function->name);
	fl_finding_set_function(finding, function->name);
	if (function->section)
		fl_finding_add_related(finding, &function->section_loc, "placed in '%s' by %s",
				       function->section,
				       fl_section_source_phrase(function->section_source));
}

static void fl_check_paged_code_section(const struct fl_rule *rule, const struct fl_program *program,
					struct fl_findings *out)
{
	struct fl_paged_code_section_run run = { .rule = rule, .out = out };
	fl_program_each_function(program, fl_check_function, &run);
}

const struct fl_rule fl_rule_paged_code_section = {
	.id = "paged-code-section",
	.severity = FL_SEVERITY_WARNING,
	.summary = "Function asserts PAGED_CODE() but is not placed in a PAGE section",
	.msvc_warning = 28172,
	.check = fl_check_paged_code_section,
};
