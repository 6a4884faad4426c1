/* inf-altitude-range: an instance altitude outside the range of the
 * service's LoadOrderGroup.
 *
 * Why: each load order group owns an altitude range, and Microsoft allocates
 * altitudes within the group a filter's type belongs to (WDD ifs/load-order-
 * groups-and-altitudes-for-minifilter-drivers).  An anti-virus filter at an
 * Activity Monitor altitude sees I/O above or below the filters it must
 * interoperate with, and its LoadOrderGroup (used when it loads at boot
 * among legacy filters) contradicts its place in the minifilter stack.
 *
 * How: for each instance with a valid altitude whose service names a known
 * group (table in api/inf_knowledge.c), low <= altitude < high + 1 (a fraction of
 * the range's last integer stays in it: 329999.5 is Anti-Virus).  Reported
 * where the altitude is written, naming the group it does fall in.
 *
 * Limits: a missing or unknown group is inf-load-order-group's finding, an
 * invalid altitude inf-altitude-format's; whether Microsoft actually
 * allocated this altitude to you is not known here.
 */
#include "inf_rule.h"

static void fl_check_altitude_range(const struct fl_inf_check *check)
{
	const struct fl_load_order_group *group = fl_load_order_group_find(check->service->load_order_group.text);
	if (!group)
		return;
	for (size_t i = 0; i < check->service->instance_count; i++) {
		const struct fl_inf_instance *instance = &check->service->instances[i];
		const char *altitude = instance->altitude.text;
		if (!fl_inf_altitude_valid(altitude) || fl_load_order_group_contains(group, altitude))
			continue;
		const struct fl_load_order_group *actual = fl_load_order_group_of(altitude);
		fl_inf_report(check, instance->altitude.line,
			      "altitude %s of instance '%s' is outside %s (%s-%s); it lies %s%s%s", altitude,
			      instance->name, group->name, group->low, group->high,
			      actual ? "in " : "in no load order group's range", actual ? actual->name : "",
			      actual ? "'s range" : "");
	}
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_altitude_range);
}

const struct fl_rule fl_rule_inf_altitude_range = {
	.id = "inf-altitude-range",
	.severity = FL_SEVERITY_WARNING,
	.summary = "An instance altitude lies outside the range of the service's LoadOrderGroup",
	.msvc_warning = 0,
	.check = fl_check,
};
