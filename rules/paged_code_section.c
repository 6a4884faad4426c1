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
 * Fixes: place it in PAGE - its name appended to an alloc_text(PAGE, ...)
 * of the file that comes after its declaration and before its definition,
 * else a new `#pragma alloc_text(PAGE, f)` under `#ifdef ALLOC_PRAGMA`
 * after its last declaration (after the #includes when a header declares
 * it), else (C++ linkage, or no declaration before the definition)
 * `__declspec(code_seg("PAGE"))` before the definition; or remove its
 * PAGED_CODE() statements.  Placing it is preferred (and what --fix does)
 * only when the IRQL model of paged-at-dispatch does not reach it at
 * DISPATCH_LEVEL; placed in another section, it gets the removal alone.
 *
 * Limits: a function defined in a header is not judged (its placement
 * belongs to each file that includes it); a section set by a
 * a linker /SECTION or /MERGE option is not seen, so such a function is
 * reported as unplaced.
 */
#include <stdlib.h>
#include <string.h>

#include "irql.h"
#include "sections.h"

struct fl_paged_code_section_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
};

/* An alloc_text(PAGE, ...) of the unit written as a #pragma that may name
 * the function: after its declaration, before its definition. */
static const struct fl_alloc_text *fl_page_pragma_for(const struct fl_tu_facts *unit,
						      const struct fl_declaration *declaration)
{
	bool header_declared = strcmp(declaration->first_decl.file, unit->path) != 0;
	for (size_t p = 0; p < unit->alloc_text_count; p++) {
		const struct fl_alloc_text *pragma = &unit->alloc_texts[p];
		if (strcmp(pragma->section, "PAGE") == 0 && pragma->cut.line && pragma->name_count &&
		    (header_declared || fl_loc_before(&declaration->first_decl, &pragma->loc)) &&
		    fl_loc_before(&pragma->loc, &declaration->definition))
			return pragma;
	}
	return NULL;
}

/* Adds the fix that places the function in PAGE. */
static void fl_add_placement(const struct fl_function_ref *ref, struct fl_finding *finding, bool preferred)
{
	const struct fl_function *function = ref->function;
	const struct fl_declaration *declaration = fl_unit_declaration(ref->unit, function->name);
	bool alloc_text = declaration && !declaration->cxx_linkage && declaration->first_decl.line &&
			  declaration->definition.line;
	const struct fl_alloc_text *pragma = alloc_text ? fl_page_pragma_for(ref->unit, declaration) : NULL;
	if (pragma) {
		size_t last = pragma->name_count - 1;
		struct fl_loc end = pragma->name_locs[last];
		end.column += (unsigned)strlen(pragma->names[last]);
		char *text = fl_xasprintf(", %s", function->name);
		fl_fix_insert(fl_finding_add_fix(finding, preferred, "Add '%s' to the #pragma alloc_text(PAGE, ...) "
						 "of line %u", function->name, pragma->loc.line),
			      &end, text);
		free(text);
	} else if (alloc_text && declaration->alloc_text_place.line) {
		fl_fix_insert_alloc_text(fl_finding_add_fix(finding, preferred, "Place '%s' in PAGE with a "
							    "#pragma alloc_text", function->name),
					 &declaration->alloc_text_place, "PAGE", function->name);
	} else if (function->start.line) {
		char *text = fl_xasprintf("__declspec(code_seg(\"PAGE\"))\n%s", fl_fix_indent(function->start.column));
		fl_fix_insert(fl_finding_add_fix(finding, preferred, "Place '%s' in PAGE with "
						 "__declspec(code_seg(\"PAGE\"))", function->name),
			      &function->start, text);
		free(text);
	}
}

/* Adds the fix that removes every PAGED_CODE() of the function, when each
 * is a statement of its own. */
static void fl_add_removal(const struct fl_function *function, struct fl_finding *finding)
{
	for (size_t i = 0; i < function->paged_code_count; i++)
		if (!function->paged_code_cuts[i].line)
			return;
	struct fl_fix *fix = fl_finding_add_fix(finding, false, "Remove the PAGED_CODE() assertion%s of '%s'",
						function->paged_code_count > 1 ? "s" : "", function->name);
	for (size_t i = 0; i < function->paged_code_count; i++)
		fl_fix_cut(fix, function->paged_code[i].file, &function->paged_code_cuts[i]);
}

static bool fl_reached_at_dispatch(struct fl_paged_code_section_run *run, const struct fl_function *function)
{
	return fl_irql_level(fl_irql_map_of(run->program), function->key) >= FL_IRQL_DISPATCH;
}

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
	else
		fl_add_placement(ref, finding, !fl_reached_at_dispatch(run, function));
	fl_add_removal(function, finding);
}

static void fl_check_paged_code_section(const struct fl_rule *rule, const struct fl_program *program,
					struct fl_findings *out)
{
	struct fl_paged_code_section_run run = { .rule = rule, .program = program, .out = out };
	fl_program_each_function(program, fl_check_function, &run);
}

const struct fl_rule fl_rule_paged_code_section = {
	.id = "paged-code-section",
	.severity = FL_SEVERITY_WARNING,
	.summary = "Function asserts PAGED_CODE() but is not placed in a PAGE section",
	.msvc_warning = 28172,
	.check = fl_check_paged_code_section,
};
