/* alloc-text-not-defined: a `#pragma alloc_text` that names a function not
 * defined in the same source file.
 *
 * Why: alloc_text places only definitions that follow it in the same
 * translation unit.  MSVC's documentation: "Functions referenced in an
 * alloc_text pragma should be defined in the same module as the pragma ...
 * the error may or may not be caught ... the function won't be allocated in
 * the intended sections."  The function silently stays where its own file
 * puts it: a callback meant to be pageable stays resident (wasted nonpaged
 * memory, and its PAGED_CODE() is then paged-code-section's finding), and
 * INIT code meant to be discarded stays loaded.  A warning, not an error:
 * MSVC usually builds it, and nothing faults.
 *
 * How: for each name of each alloc_text in active code, the unit has no
 * definition of that name in active code, though the file or one of the
 * driver's headers declares it (a name declared nowhere is MSVC's C2157:
 * alloc-text-undeclared).  Reported on the name in the pragma; when
 * another file of the driver defines it, that definition is a related
 * location.
 *
 * Limits: pragmas in headers are not read.
 */
#include "sections.h"

struct fl_alloc_text_not_defined_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
};

/* A definition of `name` with external linkage elsewhere in the driver. */
static const struct fl_function *fl_defined_elsewhere(const struct fl_program *program, const char *name)
{
	struct fl_function_ref ref = fl_program_function(program, name);
	return ref.function;
}

static void fl_check_name(const struct fl_tu_facts *unit, const struct fl_alloc_text *pragma, size_t n,
			  void *data)
{
	struct fl_alloc_text_not_defined_run *run = data;
	const struct fl_declaration *declaration;
	if (fl_alloc_text_problem(unit, pragma, n, &declaration) != FL_ALLOC_TEXT_NOT_DEFINED)
		return;
	const char *name = pragma->names[n];
	struct fl_finding *finding;
	if (declaration->cxx_linkage)
		finding = fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &pragma->name_locs[n],
				    "#pragma alloc_text(%s, ...) names '%s', which is not defined in this file "
				    "and has C++ linkage (alloc_text takes only extern \"C\" functions): the "
				    "pragma places nothing; place it with __declspec(code_seg(\"%s\")) or "
				    "#pragma code_seg where it is defined",
				    pragma->section, name, pragma->section);
	else
		finding = fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &pragma->name_locs[n],
				    "#pragma alloc_text(%s, ...) names '%s', which is not defined in this file: "
				    "the pragma places nothing and the function stays in its own file's section",
				    pragma->section, name);
	fl_finding_set_function(finding, name);
	const struct fl_function *elsewhere = fl_defined_elsewhere(run->program, name);
	if (elsewhere)
		fl_finding_add_related(finding, &elsewhere->loc,
				       declaration->cxx_linkage
					       ? "defined here: place it with code_seg in this file instead"
					       : "defined here: place it with a pragma in this file instead");
}

static void fl_check_alloc_text_not_defined(const struct fl_rule *rule, const struct fl_program *program,
					    struct fl_findings *out)
{
	struct fl_alloc_text_not_defined_run run = { .rule = rule, .program = program, .out = out };
	fl_each_alloc_text_name(program, fl_check_name, &run);
}

const struct fl_rule fl_rule_alloc_text_not_defined = {
	.id = "alloc-text-not-defined",
	.severity = FL_SEVERITY_WARNING,
	.summary = "#pragma alloc_text names a function that is not defined in the same file",
	.msvc_warning = 0,
	.check = fl_check_alloc_text_not_defined,
};
