/* nx-opt-in-ineffective: a driver built with POOL_NX_OPTIN=1 that never
 * calls ExInitializeDriverRuntime(DrvRtPoolNxOptIn) from DriverEntry, or
 * calls it only after DriverEntry has already allocated pool.
 *
 * Why: POOL_NX_OPTIN makes wdm.h's NonPagedPool (and the MDL mapping
 * priorities) read a driver-wide variable that starts out executable;
 * "Device drivers must call ExInitializeDriverRuntime (DrvRtPoolNxOptIn)
 * during driver initialization to dynamically opt-in" (DDI
 * wdm/nf-wdm-exinitializedriverruntime).  MSVC's C30030 page
 * (devtest/30030-parameter-indicates-executable-memory) gives the same
 * fix: define POOL_NX_OPTIN "and call ExInitializeDriverRuntime
 * (DrvRtPoolNxOptIn) from the driver initialization function", "before any
 * memory allocation".  Without the call the define changes nothing at run
 * time, every NonPagedPool allocation stays executable, and nx-pool, which
 * trusts the define, says nothing.
 *
 * How: when some unit's facts say it is built with POOL_NX_OPTIN non-zero
 * (and not POOL_NX_OPTIN_AUTO, which needs no call), the link stage's
 * reach from the DriverEntry entries, and from the functions that call
 * DriverEntry (a runtime's entry point, the linker's /ENTRY, that sets up
 * its heap and then calls DriverEntry: fl_program_start_seeds), must
 * contain a call to
 * ExInitializeDriverRuntime whose flags include DrvRtPoolNxOptIn (or do not
 * resolve).  Reported at the first #define of POOL_NX_OPTIN in the
 * driver's files, or at DriverEntry when it comes from the command line.
 * When the call is there, a pool allocation the function where its chain
 * starts (DriverEntry, or the runtime's entry) makes itself before the call
 * that leads to it is reported at that allocation.
 *
 * C++: a `new` of the driver's operator new that hands its pool to an
 * allocator counts as an allocation.
 *
 * Limits: a driver without DriverEntry among the analyzed files (a library,
 * DllInitialize) is not judged; allocations made by helpers DriverEntry
 * calls before the opt-in are not seen; the order is the order of calls in
 * DriverEntry's text, not of paths.
 */
#include <string.h>

#include "rule.h"

#include "api_calls.h"
#include "knowledge/api.h"
#include "nx_opt_in.h"
#include "util.h"

/* The first unit built with POOL_NX_OPTIN (and not _AUTO), preferring one
 * whose #define is in a file; NULL when none is. */
static const struct fl_tu_facts *fl_opted_in_unit(const struct fl_program *program)
{
	const struct fl_tu_facts *found = NULL;
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		if (!unit->macros.pool_nx_optin || unit->macros.pool_nx_optin_auto)
			continue;
		if (unit->macros.pool_nx_optin_loc.file)
			return unit;
		if (!found)
			found = unit;
	}
	return found;
}

/* DriverEntry's call that leads to the opt-in (the call itself, or the
 * first call on the chain), as an index into its calls. */
static size_t fl_opt_in_index(const struct fl_nx_opt_in *run, const struct fl_function *entry)
{
	const char *key = run->caller_key;
	const struct fl_call *call = run->call;
	for (const struct fl_reach *reach = fl_reach_get(run->reach, key); reach && reach->caller_key;
	     reach = fl_reach_get(run->reach, key)) {
		call = reach->call;
		key = reach->caller_key;
	}
	for (size_t c = 0; c < entry->call_count; c++)
		if (&entry->calls[c] == call)
			return c;
	return entry->call_count;
}

/* An allocator call (or a lookaside list's with an NX flag), or a `new`
 * of the driver's operator new that hands its pool to one (C++). */
static bool fl_allocates_pool(const struct fl_program *program, const struct fl_call *call)
{
	const struct fl_api *api = fl_api_find(call->callee);
	if (api)
		return api->pool_arg != FL_NO_ARG || api->nx_flag == FL_NX_FLAG_POOL_NX_ALLOCATION;
	const struct fl_function *callee =
		call->callee_key ? fl_program_function(program, call->callee_key).function : NULL;
	int param;
	return callee && fl_operator_new_pool_call(callee, NULL, &param);
}

static void fl_check_order(const struct fl_rule *rule, const struct fl_program *program,
			   const struct fl_nx_opt_in *run, struct fl_findings *out)
{
	const struct fl_reach *reach = fl_reach_get(run->reach, run->caller_key);
	struct fl_function_ref entry = fl_program_function_at(program, reach->seed->function);
	size_t opt_in = fl_opt_in_index(run, entry.function);
	for (size_t c = 0; c < opt_in; c++) {
		const struct fl_call *call = &entry.function->calls[c];
		if (!fl_allocates_pool(program, call))
			continue;
		struct fl_finding *finding = fl_report(
			out, rule, FL_SEVERITY_ERROR, &call->loc,
			"%s runs before ExInitializeDriverRuntime(DrvRtPoolNxOptIn): under POOL_NX_OPTIN, "
			"NonPagedPool is still executable here; opt in first thing in %s",
			call->callee, entry.function->name);
		fl_finding_set_function(finding, entry.function->name);
		fl_finding_add_related(finding, &run->call->loc, "the opt-in");
		return;
	}
}

static void fl_check_nx_opt_in(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	const struct fl_tu_facts *opted = fl_opted_in_unit(program);
	if (!opted)
		return;
	struct fl_nx_opt_in run = fl_nx_opt_in_find(program);
	const struct fl_entry *driver_entry = NULL;
	for (size_t e = 0; e < program->entry_count && !driver_entry; e++)
		if (program->entries[e].role == FL_ROLE_DRIVER_ENTRY)
			driver_entry = &program->entries[e];
	if (driver_entry) {
		if (run.call) {
			fl_check_order(rule, program, &run, out);
		} else {
			const struct fl_loc *define = &opted->macros.pool_nx_optin_loc;
			bool on_command_line = define->file == NULL;
			struct fl_finding *finding = fl_report(
				out, rule, FL_SEVERITY_ERROR, on_command_line ? &driver_entry->registered : define,
				"POOL_NX_OPTIN=%lld is defined%s but ExInitializeDriverRuntime(DrvRtPoolNxOptIn) is "
				"never called from DriverEntry: the define alone changes nothing at run time and "
				"NonPagedPool stays executable; call it first thing in DriverEntry, or build with "
				"POOL_NX_OPTIN_AUTO=1 (Windows 8 and later only)",
				opted->macros.pool_nx_optin, on_command_line ? " on the command line" : "");
			if (!on_command_line)
				fl_finding_add_related(finding, &driver_entry->registered, "DriverEntry");
		}
	}
	fl_reach_free(run.reach);
}

const struct fl_rule fl_rule_nx_opt_in_ineffective = {
	.id = "nx-opt-in-ineffective",
	.severity = FL_SEVERITY_ERROR,
	.summary = "POOL_NX_OPTIN is defined but DriverEntry never calls ExInitializeDriverRuntime(DrvRtPoolNxOptIn), "
		   "or calls it after allocating",
	.msvc_warning = 0,
	.check = fl_check_nx_opt_in,
};
