/* paged-at-dispatch: a function placed in a pageable (PAGE...) section that
 * may run at DISPATCH_LEVEL.
 *
 * Why: code in a PAGE section can be paged out; touching it at DISPATCH_LEVEL
 * (where the memory manager cannot bring it back) bugchecks with
 * IRQL_NOT_LESS_OR_EQUAL / DRIVER_IRQL_NOT_LESS_OR_EQUAL (0xA, 0xD1) - only
 * when memory is tight, so in the field rather than on the test machine.
 * Post-operation callbacks "cannot be made pageable" (DDI
 * pflt_post_operation_callback) and run at up to DISPATCH_LEVEL, and so does
 * everything they call.
 *
 * How: the IRQL model of irql.h: post-operation callbacks (except post-create
 * and those whose pre-operations only return FLT_PREOP_SYNCHRONIZE or skip
 * the post), I/O completions, DPCs, functions the driver annotates to run at
 * DISPATCH_LEVEL, and calls between a spin-lock acquire (KeAcquireSpinLock,
 * the in-stack queued and Ex variants, KeRaiseIrql) and its release, followed
 * down direct calls across files.  Work posted through
 * FltDoCompletionProcessingWhenSafe or FltQueueDeferredIoWorkItem /
 * FltQueueGenericWorkItem is a separate entry at its own level and is not
 * followed.  Reported once per paged function, at its name, with the
 * shortest chain from the callback.  An API whose own code is pageable is
 * reported by irql-too-high (its IRQL limit is below DISPATCH_LEVEL).
 *
 * Limits: as irql-too-high: calls through function pointers are not
 * followed, a region is a stretch of source text within one function, and a
 * post-operation callback that checks FLTFL_POST_OPERATION_DRAINING or
 * KeGetCurrentIrql() is judged by its worst case.
 */
#include <stdlib.h>

#include "irql.h"
#include "sections.h"

struct fl_paged_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
	struct fl_irql_map *map;
};

static void fl_visit_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_paged_run *run = data;
	const struct fl_function *function = ref->function;
	if (!fl_section_is_pageable(function->section) ||
	    fl_program_function(run->program, function->key).function != function)
		return;
	if (fl_irql_level(run->map, function->key) < FL_IRQL_DISPATCH)
		return;
	char *chain = fl_irql_chain_text(run->map, function->key, NULL, FL_IRQL_DISPATCH);
	bool uncertain = fl_irql_chain_uncertain(run->map, function->key, NULL, FL_IRQL_DISPATCH);
	struct fl_finding *finding = fl_report(
		run->out, run->rule, uncertain ? FL_SEVERITY_WARNING : FL_SEVERITY_ERROR, &function->loc,
		"'%s' is in pageable section %s but may run at DISPATCH_LEVEL, reached from %s%s", function->name,
		function->section, chain,
		uncertain ? " (if a pre-operation status fltlint cannot read lets the post-operation come later)" : "");
	free(chain);
	fl_finding_set_function(finding, function->name);
	fl_finding_add_related(finding, &function->section_loc, "placed in %s by %s here", function->section,
			       fl_section_source_phrase(function->section_source));
	fl_irql_add_related(run->map, function->key, NULL, FL_IRQL_DISPATCH, finding);
}

static void fl_check_paged_at_dispatch(const struct fl_rule *rule, const struct fl_program *program,
				       struct fl_findings *out)
{
	struct fl_paged_run run = { .rule = rule, .program = program, .out = out };
	run.map = fl_irql_map_of(program);
	fl_program_each_function(program, fl_visit_function, &run);
}

const struct fl_rule fl_rule_paged_at_dispatch = {
	.id = "paged-at-dispatch",
	.severity = FL_SEVERITY_ERROR,
	.summary = "function in a PAGE section reachable from code that may run at DISPATCH_LEVEL",
	.msvc_warning = 0,
	.check = fl_check_paged_at_dispatch,
};
