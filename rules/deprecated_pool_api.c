/* deprecated-pool-api: ExAllocatePool, ExAllocatePoolWithTag,
 * ExAllocatePoolWithQuota(Tag) and ExAllocatePoolWithTagPriority in a unit
 * that targets Windows 10 2004 or later (NTDDI_VERSION >= NTDDI_WIN10_VB).
 *
 * Why: these routines are deprecated from Windows 10 2004 on; drivers that
 * target it should use ExAllocatePool2 (ExAllocatePool3 for the Priority
 * form), which zero the memory by default "to help avoid possible memory
 * disclosure bugs" (WDD kernel/updating-deprecated-exallocatepool-calls;
 * DDI wdm/nf-wdm-exallocatepoolwithtag and the others, "Warning" section).
 * MSVC reports the same calls as C28751 (devtest/28751-banned-exallocatepool-
 * usage, "Banned usage of ExAllocatePool and its variants"), CodeQL's
 * driver suite as WdkDeprecatedApi.  A driver that also runs on older
 * Windows cannot call ExAllocatePool2 and should not be told to.
 *
 * How: every call to an API whose table entry names a replacement
 * (replaced_by), in a unit whose NTDDI_VERSION (facts: the last definition,
 * walk_unit_macros.c) is at least 0x0A000008.  A note: the code is not wrong,
 * only older than it needs to be; notes do not fail a run unless
 * `--fail-on note`.
 *
 * Limits: an NTDDI_VERSION that does not resolve to a constant counts as an
 * older target; the wdm.h wrappers (ExAllocatePoolZero ...) are not
 * reported, since they exist for drivers that run on both.
 */
#include "rule.h"

#include "api_calls.h"

#define FL_NTDDI_WIN10_VB 0x0A000008LL

struct fl_deprecated_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
};

static void fl_visit_call(const struct fl_function_ref *ref, const struct fl_call *call, const struct fl_api *api,
			  void *data)
{
	struct fl_deprecated_run *run = data;
	long long target = ref->unit->macros.ntddi_version;
	if (!api || !api->replaced_by || target < FL_NTDDI_WIN10_VB)
		return;
	struct fl_finding *finding =
		fl_report(run->out, run->rule, FL_SEVERITY_NOTE, &call->loc,
			  "%s is deprecated for drivers that target Windows 10 2004 and later (NTDDI_VERSION "
			  "0x%08llX): use %s, which zeroes the memory (POOL_FLAG_UNINITIALIZED opts out)",
			  call->callee, target, api->replaced_by);
	fl_finding_set_function(finding, ref->function->name);
}

static void fl_check_deprecated_pool_api(const struct fl_rule *rule, const struct fl_program *program,
					 struct fl_findings *out)
{
	struct fl_deprecated_run run = { .rule = rule, .out = out };
	fl_each_call(program, fl_visit_call, &run);
}

const struct fl_rule fl_rule_deprecated_pool_api = {
	.id = "deprecated-pool-api",
	.severity = FL_SEVERITY_NOTE,
	.summary = "ExAllocatePool/ExAllocatePoolWithTag/...WithQuota(Tag)/...WithTagPriority in a driver that "
		   "targets Windows 10 2004 or later, where ExAllocatePool2/3 replace them",
	.msvc_warning = 28751,
	.check = fl_check_deprecated_pool_api,
};
