/* nx-pool: executable memory asked for where non-executable would do:
 * NonPagedPool (or NonPagedPoolCacheAligned, NonPagedPoolMustSucceed,
 * NonPagedPoolSession ...: nonpaged without the Nx modifier) as the pool
 * type of an allocator or lookaside list, lookaside Flags without
 * POOL_NX_ALLOCATION, and MDL mappings whose priority lacks
 * MdlMappingNoExecute, in a unit built without POOL_NX_OPTIN or
 * POOL_NX_OPTIN_AUTO.
 *
 * Why: since Windows 8 drivers are expected to keep data in non-executable
 * memory (WDD kernel/no-execute-nonpaged-pool); executable pool is writable
 * code for any attacker who controls its contents, and HVCI-compatible
 * drivers must not allocate it.  MSVC's Code Analysis reports these forms as
 * C30030 (devtest/30030-parameter-indicates-executable-memory: "parameters
 * ... that result in executable NonPagedPool being allocated", for POOL_TYPE
 * and MM_PAGE_PRIORITY arguments), and ExInitializeNPagedLookasideList
 * with a driver's own Allocate routine and no POOL_NX_ALLOCATION as C30034
 * (devtest/30034-passing-flag-value-to-allocating-function).  The fixes
 * those pages give: NonPagedPoolNx, POOL_NX_ALLOCATION, `| MdlMappingNoExecute`
 * (DDI wdm/nf-wdm-mmgetsystemaddressformdlsafe, Priority: "drivers written
 * for Windows 8 and later versions of Windows should always specify
 * nonexecutable memory unless executable memory is explicitly required"),
 * or POOL_NX_OPTIN=1 with ExInitializeDriverRuntime(DrvRtPoolNxOptIn) in
 * DriverEntry (DDI wdm/nf-wdm-exinitializedriverruntime), or
 * POOL_NX_OPTIN_AUTO=1 for Windows 8 and later only.
 *
 * How: every call to an API whose table entry (analyzer/knowledge) has a
 * POOL_TYPE argument (pool_arg: the ExAllocatePool family and its wdm.h
 * wrappers, FltAllocatePoolAlignedWithTag, FltAllocateContext,
 * ExInitializeLookasideListEx) or a flags argument with an NX bit (nx_flag:
 * ExInitializeNPagedLookasideList, MmMapLockedPagesSpecifyCache,
 * MmGetSystemAddressForMdlSafe), in a unit whose facts say it is not built
 * with POOL_NX_OPTIN or POOL_NX_OPTIN_AUTO (walk_unit_macros.c), whose
 * argument resolves to a constant that asks for executable memory.  A driver
 * whose DriverEntry reaches ExInitializeDriverRuntime(DrvRtPoolNxOptIn) is
 * taken to be built with POOL_NX_OPTIN (the call means nothing without it,
 * and the define usually lives in a project fltlint may not have been
 * given): none of its units is judged.  Reported
 * on the argument's line.  A unit that opts in with POOL_NX_OPTIN but never
 * calls the runtime routine is nx-opt-in-ineffective's.
 *
 * C++: `new (NonPagedPool, tag) T` calls the driver's operator new; when
 * that operator new hands one of its parameters to an allocator as the
 * pool type, the `new` is judged on that argument (api_calls.h).
 *
 * Limits: an argument that does not resolve (a parameter, a value chosen at
 * run time) is not judged, so a driver's allocation wrapper is judged where
 * it passes a constant only if the wrapper is a macro; a custom lookaside
 * Allocate routine's own pool is judged at its own allocation call.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"

#include "api_calls.h"
#include "nx_opt_in.h"
#include "util.h"

#define FL_NX_FIX "use NonPagedPoolNx, or build with POOL_NX_OPTIN=1 and call " \
		  "ExInitializeDriverRuntime(DrvRtPoolNxOptIn) first in DriverEntry"

struct fl_nx_pool_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
	bool runtime_opt_in; /* DriverEntry reaches ExInitializeDriverRuntime(DrvRtPoolNxOptIn) */
};

static const char *fl_written(const struct fl_arg *arg)
{
	return arg->value.text && arg->value.text[0] ? arg->value.text : "?";
}

/* 'NonPagedPool', or 'RECORD_POOL' (NonPagedPool) when spelled another way. */
static char *fl_pool_text(const struct fl_arg *arg)
{
	const char *written = fl_written(arg);
	const char *name = fl_pool_type_name(arg->value.integer);
	const char *via = arg->value.via_variable ? ", through a local variable" : "";
	if (name && strcmp(written, name) != 0)
		return fl_xasprintf("'%s' (%s%s)", written, name, via);
	return arg->value.via_variable ? fl_xasprintf("'%s' (through a local variable)", written)
				       : fl_xasprintf("'%s'", written);
}

/* `pool` of `call`; for a `new` of the driver's operator new, `through` is
 * the allocator call inside it that takes the pool. */
static void fl_check_pool_type(struct fl_nx_pool_run *run, const struct fl_function_ref *ref,
			       const struct fl_call *call, const struct fl_arg *pool, const struct fl_call *through)
{
	if (pool->value.kind != FL_VALUE_INT || !fl_pool_type_is_executable(pool->value.integer))
		return;
	char *what = fl_pool_text(pool);
	bool lookaside = strstr(call->callee, "Lookaside") != NULL;
	struct fl_finding *finding = fl_report(
		run->out, run->rule, FL_SEVERITY_WARNING, &pool->loc, "%s %s executable nonpaged pool %s: " FL_NX_FIX,
		call->callee, lookaside ? "takes its entries from" : "allocates", what);
	fl_finding_set_function(finding, ref->function->name);
	fl_fix_value_replace(finding, &pool->loc, &pool->value, "NonPagedPoolNx", "Allocate from NonPagedPoolNx");
	if (through)
		fl_finding_add_related(finding, &through->loc, "%s allocates it with %s, from the pool it is given",
				       call->callee, through->callee);
	free(what);
}

/* A `new` of the driver's operator new that hands its pool to an allocator (C++). */
static void fl_check_operator_new(struct fl_nx_pool_run *run, const struct fl_function_ref *ref,
				  const struct fl_call *call)
{
	const struct fl_function *callee =
		call->callee_key ? fl_program_function(run->program, call->callee_key).function : NULL;
	int param;
	const struct fl_call *inner = callee ? fl_operator_new_pool_call(callee, NULL, &param) : NULL;
	if (inner && (size_t)param < call->arg_count)
		fl_check_pool_type(run, ref, call, &call->args[param], inner);
}

/* A lookaside list's Allocate argument: NULL (the system allocates), or a routine. */
static bool fl_has_allocate_routine(const struct fl_call *call)
{
	if (call->arg_count < 2)
		return false;
	return call->args[1].value.kind == FL_VALUE_FUNCTION;
}

static void fl_check_nx_flag(struct fl_nx_pool_run *run, const struct fl_function_ref *ref,
			     const struct fl_call *call, const struct fl_api *api)
{
	const struct fl_arg *flags = &call->args[api->nx_flag_arg];
	long long bit = api->nx_flag == FL_NX_FLAG_MDL_NO_EXECUTE ? FL_MDL_MAPPING_NO_EXECUTE : FL_POOL_NX_ALLOCATION;
	if (flags->value.kind != FL_VALUE_INT || (flags->value.integer & bit))
		return;
	struct fl_finding *finding;
	if (api->nx_flag == FL_NX_FLAG_MDL_NO_EXECUTE) {
		/* The WDK's MmGetSystemAddressForMdlSafe is a macro: the call is
		 * MmMapLockedPagesSpecifyCache, its argument spelled as the whole macro. */
		const char *written = fl_written(flags);
		bool through_macro = fl_str_starts_with(written, "MmGetSystemAddressForMdlSafe");
		finding = fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &flags->loc,
				    "%s maps the MDL as executable memory: %s%s%s lacks MdlMappingNoExecute; "
				    "OR it into the priority, or build with POOL_NX_OPTIN=1 and call "
				    "ExInitializeDriverRuntime(DrvRtPoolNxOptIn) first in DriverEntry",
				    through_macro ? "MmGetSystemAddressForMdlSafe" : call->callee,
				    through_macro ? "its priority" : "priority '", through_macro ? "" : written,
				    through_macro ? "" : "'");
	} else {
		finding = fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &flags->loc,
				    "%s takes its entries from executable nonpaged pool: Flags '%s' lack "
				    "POOL_NX_ALLOCATION; add it%s",
				    call->callee, fl_written(flags),
				    fl_has_allocate_routine(call)
					    ? " (with its own Allocate routine, MSVC reports this form as C30034)"
					    : "");
	}
	fl_finding_set_function(finding, ref->function->name);
}

static void fl_visit_call(const struct fl_function_ref *ref, const struct fl_call *call, const struct fl_api *api,
			  void *data)
{
	const struct fl_unit_macros *macros = &ref->unit->macros;
	if (macros->pool_nx_optin || macros->pool_nx_optin_auto || ((struct fl_nx_pool_run *)data)->runtime_opt_in)
		return;
	if (!api) {
		fl_check_operator_new(data, ref, call);
		return;
	}
	if (api->pool_arg != FL_NO_ARG && (size_t)api->pool_arg < call->arg_count)
		fl_check_pool_type(data, ref, call, &call->args[api->pool_arg], NULL);
	if (api->nx_flag != FL_NX_FLAG_NONE && (size_t)api->nx_flag_arg < call->arg_count)
		fl_check_nx_flag(data, ref, call, api);
}

static void fl_check_nx_pool(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	struct fl_nx_opt_in opt_in = fl_nx_opt_in_find(program);
	struct fl_nx_pool_run run = { .rule = rule, .program = program, .out = out,
				      .runtime_opt_in = opt_in.call != NULL };
	fl_reach_free(opt_in.reach);
	fl_each_call(program, fl_visit_call, &run);
}

const struct fl_rule fl_rule_nx_pool = {
	.id = "nx-pool",
	.severity = FL_SEVERITY_WARNING,
	.summary = "Executable nonpaged pool or MDL mapping asked for (NonPagedPool, lookaside Flags without "
		   "POOL_NX_ALLOCATION, priority without MdlMappingNoExecute) without POOL_NX_OPTIN",
	.msvc_warning = 30030,
	.check = fl_check_nx_pool,
};
