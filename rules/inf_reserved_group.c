/* inf-reserved-group: a minifilter in a load order group reserved for
 * Microsoft (FSFilter System, FSFilter Infrastructure).
 *
 * Why: both groups are "reserved for internal use" (WDD ifs/load-order-groups-
 * and-altitudes-for-minifilter-drivers); Filter Manager itself loads in FSFilter
 * Infrastructure.  A third-party filter there sits below filters that assume
 * they are next to the file system, and holds an altitude nobody allocated.
 *
 * How: the service's LoadOrderGroup, compared case-insensitively with the
 * reserved entries of the group table (api/inf_knowledge.c); reported on the
 * LoadOrderGroup line.
 *
 * Limits: Microsoft's own filters legitimately use these groups: suppress
 * the rule there.  An altitude below 30000 in another group is
 * inf-altitude-range's finding.
 */
#include "inf_rule.h"

static void fl_check_reserved_group(const struct fl_inf_check *check)
{
	const struct fl_inf_value *value = &check->service->load_order_group;
	const struct fl_load_order_group *group = fl_load_order_group_find(value->text);
	if (group && group->reserved)
		fl_inf_report(check, value->line,
			      "LoadOrderGroup '%s' of service '%s' is reserved for Microsoft; choose the group "
			      "of your filter's type and request an altitude in it",
			      group->name, check->service->name);
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_reserved_group);
}

const struct fl_rule fl_rule_inf_reserved_group = {
	.id = "inf-reserved-group",
	.severity = FL_SEVERITY_WARNING,
	.summary = "The minifilter's LoadOrderGroup is one reserved for Microsoft (FSFilter System or Infrastructure)",
	.msvc_warning = 0,
	.check = fl_check,
};
