/* page-section-assert: a function placed in a pageable (PAGE...) section
 * whose body does not assert PAGED_CODE() or PAGED_CODE_LOCKED() (MSVC
 * C28170).
 *
 * Why: code in a PAGE section can be paged out.  Touching it at
 * DISPATCH_LEVEL or above while it is not resident is a page fault the
 * kernel cannot service: bugcheck IRQL_NOT_LESS_OR_EQUAL (0xA) or
 * DRIVER_IRQL_NOT_LESS_OR_EQUAL (0xD1), typically only under memory
 * pressure, so it escapes testing.  PAGED_CODE() at the top of the body turns
 * that rare crash into an immediate assertion in every checked or Driver
 * Verifier run, at the first call from the wrong IRQL.  A post-operation
 * callback (up to DISPATCH_LEVEL) placed in PAGE is the classic case.
 *
 * How: every function defined in a unit's own source file and placed, by
 * `#pragma alloc_text`, a `#pragma code_seg` region or
 * `__declspec(code_seg(...))`, in a section whose name begins with "PAGE"
 * (case-sensitive), with no PAGED_CODE()/PAGED_CODE_LOCKED() anywhere in its
 * body in active code.  __forceinline functions are exempt (as in MSVC).
 * Reported on the function's name in its definition, with the placing
 * pragma or declspec as a related location.
 *
 * Limits: an assertion anywhere in the body counts (MSVC wants it before the
 * first conditional statement); an assertion inside an inactive `#if DBG`
 * does not count; a driver's own macro that checks the IRQL some other way
 * (`NT_ASSERT(KeGetCurrentIrql() <= APC_LEVEL)`) is not recognized; functions
 * defined in headers are not judged; placement by linker options is not
 * seen (missed).
 */
#include <stdlib.h>

#include "sections.h"

struct fl_page_section_assert_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
};

static void fl_check_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_page_section_assert_run *run = data;
	const struct fl_function *function = ref->function;
	if (!fl_section_is_pageable(function->section) || function->paged_code_count ||
	    function->is_forceinline || !fl_function_in_main_file(ref))
		return;
	struct fl_finding *finding =
		fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &function->loc,
			  "'%s' is placed in pageable section '%s' but does not assert PAGED_CODE(): "
			  "a call at DISPATCH_LEVEL would fault on paged-out code without warning",
			  function->name, function->section);
	fl_finding_set_function(finding, function->name);
	fl_finding_add_related(finding, &function->section_loc, "placed in '%s' by %s", function->section,
			       fl_section_source_phrase(function->section_source));
	/* The first statement after the declarations: C89 bodies declare first. */
	const struct fl_loc *first = &function->first_statement;
	if (first->line) {
		char *text = fl_xasprintf("PAGED_CODE();\n%s", fl_fix_indent(first->column));
		fl_fix_insert(fl_finding_add_fix(finding, true, "Assert PAGED_CODE() first in '%s'", function->name),
			      first, text);
		free(text);
	}
}

static void fl_check_page_section_assert(const struct fl_rule *rule, const struct fl_program *program,
					 struct fl_findings *out)
{
	struct fl_page_section_assert_run run = { .rule = rule, .out = out };
	fl_program_each_function(program, fl_check_function, &run);
}

const struct fl_rule fl_rule_page_section_assert = {
	.id = "page-section-assert",
	.severity = FL_SEVERITY_WARNING,
	.summary = "Function in a PAGE section does not assert PAGED_CODE()",
	.msvc_warning = 28170,
	.check = fl_check_page_section_assert,
};
