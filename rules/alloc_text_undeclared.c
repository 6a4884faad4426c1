/* alloc-text-undeclared: a `#pragma alloc_text` that names a function not
 * declared before it (MSVC error C2157, "must be declared before use in
 * pragma list").
 *
 * Why: MSVC rejects the file, so the driver does not build; fltlint says so
 * on Linux, before the Windows build does.  The usual cause is a static
 * helper whose prototype is missing or comes after the pragma; the usual
 * wrong fix (dropping the name from the pragma) leaves a function that was
 * meant to be pageable, or discarded after DriverEntry, resident instead.
 *
 * How: for each name of each alloc_text in active code, the unit's record of
 * the function (fl_declaration): the function is defined in the file after
 * the pragma, and its first declaration is neither in a header the file
 * includes nor earlier in the file (a definition is not a declaration the
 * pragma can use).  Reported on the name in the pragma.
 *
 * A name declared nowhere (not in the file, not in the driver's own
 * headers) is reported too: MSVC rejects it the same way.
 *
 * C++: a function of C++ linkage (not declared `extern "C"`) is reported
 * too: MSVC's alloc_text documentation says the pragma applies only to
 * functions with C linkage and gives a compiler error otherwise (members
 * and overloads cannot be named at all); `#pragma code_seg` and
 * `__declspec(code_seg(...))` are the C++ forms.
 *
 * Limits: a header counts as coming before every pragma, even one included
 * after it; a declaration only in the WDK's headers is not seen; pragmas in
 * headers are not read.
 */
#include "sections.h"

struct fl_alloc_text_undeclared_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
};

static void fl_check_name(const struct fl_tu_facts *unit, const struct fl_alloc_text *pragma, size_t n,
			  void *data)
{
	struct fl_alloc_text_undeclared_run *run = data;
	const struct fl_declaration *declaration;
	enum fl_alloc_text_problem problem = fl_alloc_text_problem(unit, pragma, n, &declaration);
	if (problem == FL_ALLOC_TEXT_CXX_LINKAGE) {
		struct fl_finding *finding =
			fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &pragma->name_locs[n],
				  "#pragma alloc_text(%s, ...) names '%s', which has C++ linkage: MSVC takes "
				  "alloc_text only for functions declared extern \"C\"; declare it extern \"C\" "
				  "or place it with __declspec(code_seg(\"%s\")) or #pragma code_seg",
				  pragma->section, pragma->names[n], pragma->section);
		fl_finding_set_function(finding, pragma->names[n]);
		fl_finding_add_related(finding, declaration->first_decl.line ? &declaration->first_decl
										: &declaration->definition,
				       "declared here without extern \"C\"");
		return;
	}
	if (problem != FL_ALLOC_TEXT_UNDECLARED)
		return;
	struct fl_finding *finding =
		fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &pragma->name_locs[n],
			  "#pragma alloc_text(%s, ...) names '%s'%s: MSVC rejects this (C2157); "
			  "declare the function above the pragma",
			  pragma->section, pragma->names[n],
			  declaration ? " before any declaration of it" : ", which is declared nowhere");
	fl_finding_set_function(finding, pragma->names[n]);
	if (!declaration)
		return; /* declared nowhere at all */
	if (declaration->first_decl.line)
		fl_finding_add_related(finding, &declaration->first_decl, "first declared here");
	fl_finding_add_related(finding, &declaration->definition, "defined here");
}

static void fl_check_alloc_text_undeclared(const struct fl_rule *rule, const struct fl_program *program,
					   struct fl_findings *out)
{
	struct fl_alloc_text_undeclared_run run = { .rule = rule, .out = out };
	fl_each_alloc_text_name(program, fl_check_name, &run);
}

const struct fl_rule fl_rule_alloc_text_undeclared = {
	.id = "alloc-text-undeclared",
	.severity = FL_SEVERITY_ERROR,
	.summary = "#pragma alloc_text names a function that is not declared before it (MSVC error C2157)",
	.msvc_warning = 0, /* C2157 is a compiler error: no #pragma warning applies */
	.check = fl_check_alloc_text_undeclared,
};
