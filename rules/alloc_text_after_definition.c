/* alloc-text-after-definition: a `#pragma alloc_text` that names a function
 * already defined above it (MSVC error C2200, "function has already been
 * defined").
 *
 * Why: MSVC rejects the file; code emitted before the pragma cannot be moved
 * into its section.  The pragma belongs between the declaration and the
 * definition, which is why drivers put it right after the prototypes, under
 * `#ifdef ALLOC_PRAGMA`.  A pragma added at the bottom of a file "to make
 * the function pageable" would otherwise fail only on the Windows build.
 *
 * How: for each name of each alloc_text in active code, the unit's record of
 * the function: its definition (the name in it) comes before the pragma in
 * the same file.  Reported on the name in the pragma.
 *
 * Limits: pragmas in headers are not read; a definition in an inactive #if
 * branch is no definition, so a pragma naming it is alloc-text-not-defined.
 */
#include "sections.h"

struct fl_alloc_text_after_definition_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
};

static void fl_check_name(const struct fl_tu_facts *unit, const struct fl_alloc_text *pragma, size_t n,
			  void *data)
{
	struct fl_alloc_text_after_definition_run *run = data;
	const struct fl_declaration *declaration;
	if (fl_alloc_text_problem(unit, pragma, n, &declaration) != FL_ALLOC_TEXT_AFTER_DEFINITION)
		return;
	struct fl_finding *finding;
	if (declaration->cxx_linkage)
		finding = fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &pragma->name_locs[n],
				    "#pragma alloc_text(%s, ...) names '%s', which is already defined above it "
				    "and has C++ linkage: MSVC rejects both (C2200; alloc_text takes only extern "
				    "\"C\" functions); place it with __declspec(code_seg(\"%s\")) or "
				    "#pragma code_seg instead",
				    pragma->section, pragma->names[n], pragma->section);
	else
		finding = fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &pragma->name_locs[n],
				    "#pragma alloc_text(%s, ...) names '%s', which is already defined above it: "
				    "MSVC rejects this (C2200); move the pragma between the declaration and "
				    "the definition",
				    pragma->section, pragma->names[n]);
	fl_finding_set_function(finding, pragma->names[n]);
	fl_finding_add_related(finding, &declaration->definition, "defined here");
}

static void fl_check_alloc_text_after_definition(const struct fl_rule *rule,
						 const struct fl_program *program, struct fl_findings *out)
{
	struct fl_alloc_text_after_definition_run run = { .rule = rule, .out = out };
	fl_each_alloc_text_name(program, fl_check_name, &run);
}

const struct fl_rule fl_rule_alloc_text_after_definition = {
	.id = "alloc-text-after-definition",
	.severity = FL_SEVERITY_ERROR,
	.summary = "#pragma alloc_text names a function already defined before it (MSVC error C2200)",
	.msvc_warning = 0, /* C2200 is a compiler error: no #pragma warning applies */
	.check = fl_check_alloc_text_after_definition,
};
