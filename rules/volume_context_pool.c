/* volume-context-pool: FltAllocateContext of a volume context
 * (FLT_VOLUME_CONTEXT) from a pool other than NonPagedPool or NonPagedPoolNx.
 *
 * Why: "Volume contexts must be allocated from nonpaged pool" (DDI
 * FltAllocateContext; WDD "Managing contexts in a minifilter driver").
 * Filter Manager reaches volume contexts at DISPATCH_LEVEL (and drivers do
 * from post-operation callbacks, which run up to DISPATCH_LEVEL); a paged
 * volume context that is paged out there is a page fault at raised IRQL:
 * bugcheck DRIVER_IRQL_NOT_LESS_OR_EQUAL (0xD1) or PAGE_FAULT_IN_NONPAGED_AREA
 * (0x50), seen only under memory pressure.  Other pool types
 * (NonPagedPoolCacheAligned, session pools ...) are not among the values
 * FltAllocateContext documents.
 *
 * How: every call to an API whose table entry (analyzer/knowledge) has both a
 * context-type and a pool argument, i.e. FltAllocateContext, in active code.
 * The context type must resolve to a constant including FL_FLT_VOLUME_CONTEXT
 * (a mask with it counts); the pool type is resolved by the walker through
 * macros, enum values, const variables and a local variable whose every
 * assignment stores the same constant.  A pool other than NonPagedPool or
 * NonPagedPoolNx is an error on the pool argument's line; a pool that does
 * not resolve is a note there, since fltlint cannot vouch for it.
 *
 * C++: `new (filter, pool) T` is a call of the chosen `operator new` with
 * the size first (the walker, walk_cxx.c); when that operator new hands
 * one of its parameters to FltAllocateContext as a volume context's pool,
 * the `new` is judged on that argument instead of the call inside.
 *
 * Limits: a context type that does not resolve (a parameter, a variable
 * assigned in several ways) is not judged; a driver's own wrapper around
 * FltAllocateContext is judged at the call inside the wrapper, where the
 * pool is usually a parameter (a note), not at the wrapper's callers; a
 * pool chosen at run time (`cond ? NonPagedPoolNx : PagedPool`) is a note.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"

#include "api_calls.h"
#include "util.h"

struct fl_volume_context_pool_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
};

static void fl_judge_pool(struct fl_volume_context_pool_run *run, const struct fl_function *function,
			  const struct fl_call *call, const struct fl_arg *pool, const struct fl_arg *type_arg,
			  const struct fl_call *through);

static bool fl_allocates_volume_context(const struct fl_call *call, const struct fl_api *api)
{
	if (api->context_type_arg == FL_NO_ARG || (size_t)api->context_type_arg >= call->arg_count)
		return false;
	const struct fl_value *type = &call->args[api->context_type_arg].value;
	return type->kind == FL_VALUE_INT && (type->integer & FL_FLT_VOLUME_CONTEXT);
}

static void fl_check_call(struct fl_volume_context_pool_run *run, const struct fl_function *function,
			  const struct fl_call *call, const struct fl_api *api)
{
	if ((size_t)api->context_type_arg >= call->arg_count || (size_t)api->pool_arg >= call->arg_count)
		return;
	const struct fl_value *type = &call->args[api->context_type_arg].value;
	if (type->kind != FL_VALUE_INT || !(type->integer & FL_FLT_VOLUME_CONTEXT))
		return;
	int param;
	if (fl_operator_new_pool_call(function, fl_allocates_volume_context, &param) == call)
		return;
	fl_judge_pool(run, function, call, &call->args[api->pool_arg], &call->args[api->context_type_arg], NULL);
}

/* Judges the pool `pool` of a volume context allocation `call` (for a
 * `new`, `through`: the FltAllocateContext inside the operator new). */
static void fl_judge_pool(struct fl_volume_context_pool_run *run, const struct fl_function *function,
			  const struct fl_call *call, const struct fl_arg *pool, const struct fl_arg *type_arg,
			  const struct fl_call *through)
{
	const struct fl_value *type = &type_arg->value;
	const char *written = pool->value.text && pool->value.text[0] ? pool->value.text : "?";
	struct fl_finding *finding;
	if (pool->value.kind != FL_VALUE_INT) {
		finding = fl_report(run->out, run->rule, FL_SEVERITY_NOTE, &pool->loc,
				    "%s allocates a volume context from pool type '%s', which fltlint "
				    "cannot resolve to a constant: volume contexts must come from "
				    "NonPagedPool or NonPagedPoolNx",
				    call->callee, written);
	} else {
		long long value = pool->value.integer;
		if (value == FL_POOL_NON_PAGED || value == FL_POOL_NON_PAGED_NX)
			return;
		const char *name = fl_pool_type_name(value);
		char number[32];
		if (!name) {
			snprintf(number, sizeof(number), "%lld", value);
			name = number;
		}
		/* 'PagedPool', or 'VOLUME_POOL' (PagedPool) when spelled another way. */
		char *what = strcmp(written, name) == 0
			? fl_xasprintf("'%s'%s", name, pool->value.via_variable ? " (through a local variable)" : "")
			: fl_xasprintf("'%s' (%s%s)", written, name,
				       pool->value.via_variable ? ", through a local variable" : "");
		if (fl_pool_type_is_paged(value))
			finding = fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &pool->loc,
					    "%s allocates a volume context from paged pool %s: volume "
					    "contexts must come from NonPagedPool or NonPagedPoolNx",
					    call->callee, what);
		else
			finding = fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &pool->loc,
					    "%s allocates a volume context from pool type %s, which it does "
					    "not accept: use NonPagedPool or NonPagedPoolNx",
					    call->callee, what);
		free(what);
	}
	fl_finding_set_function(finding, function->name);
	if (pool->value.kind == FL_VALUE_INT)
		fl_fix_value_replace(finding, &pool->loc, &pool->value, "NonPagedPoolNx",
				     "Allocate the volume context from NonPagedPoolNx");
	const char *type_text = type->text && type->text[0] ? type->text : "?";
	if (through)
		fl_finding_add_related(finding, &through->loc, "%s allocates it with %s, from the pool it is given",
				       call->callee, through->callee);
	else if (strcmp(type_text, "FLT_VOLUME_CONTEXT") != 0)
		fl_finding_add_related(finding, &type_arg->loc, "context type '%s' includes FLT_VOLUME_CONTEXT",
				       type_text);
}

static void fl_visit_call(const struct fl_function_ref *ref, const struct fl_call *call, const struct fl_api *api,
			  void *data)
{
	struct fl_volume_context_pool_run *run = data;
	if (api) {
		if (api->context_type_arg != FL_NO_ARG && api->pool_arg != FL_NO_ARG)
			fl_check_call(run, ref->function, call, api);
		return;
	}
	/* A `new` of the driver's operator new that takes the pool (C++). */
	const struct fl_function *callee =
		call->callee_key ? fl_program_function(run->program, call->callee_key).function : NULL;
	int param;
	const struct fl_call *inner =
		callee ? fl_operator_new_pool_call(callee, fl_allocates_volume_context, &param) : NULL;
	if (inner && (size_t)param < call->arg_count) {
		const struct fl_api *inner_api = fl_api_find(inner->callee);
		fl_judge_pool(run, ref->function, call, &call->args[param], &inner->args[inner_api->context_type_arg],
			      inner);
	}
}

static void fl_check_volume_context_pool(const struct fl_rule *rule, const struct fl_program *program,
					 struct fl_findings *out)
{
	struct fl_volume_context_pool_run run = { .rule = rule, .program = program, .out = out };
	fl_each_call(program, fl_visit_call, &run);
}

const struct fl_rule fl_rule_volume_context_pool = {
	.id = "volume-context-pool",
	.severity = FL_SEVERITY_ERROR,
	.summary = "Volume context allocated from a pool other than NonPagedPool or NonPagedPoolNx",
	.msvc_warning = 0,
	.check = fl_check_volume_context_pool,
};
