/* inf-altitude-missing: a minifilter instance, or a whole minifilter, with no
 * altitude in its INF.
 *
 * Why: Filter Manager places each instance by the `Altitude` value under the
 * service's Instances key; an instance without one cannot attach, and a
 * service with no instance at all has nothing to attach (WDD ifs/creating-an-
 * inf-file-for-a-minifilter-driver: "Minifilter drivers use AddRegistry
 * sections to define minifilter instances").
 *
 * How: for every minifilter service of every INF (api/inf_knowledge.h), each
 * instance named under `Instances\<name>` or `Parameters\Instances\<name>` in
 * its AddReg sections must have an "Altitude" value; a service whose AddReg
 * sections name no instance is reported at its ServiceInstall header.
 *
 * Limits: instances created only in code (FltAttachVolumeAtAltitude, an
 * InstanceSetup that always fails) are not seen; registry writes outside the
 * service's AddReg sections (HKLM paths, a separate installer) neither.
 */
#include "inf_rule.h"

static void fl_check_altitude_missing(const struct fl_inf_check *check)
{
	const struct fl_inf_service *service = check->service;
	if (service->instance_count == 0) {
		fl_inf_report(check, service->section_line,
			      "minifilter service '%s' defines no instance with an Altitude (no HKR "
			      "\"Instances\\<name>\" or \"Parameters\\Instances\\<name>\" entry in its AddReg sections)",
			      service->name);
		return;
	}
	for (size_t i = 0; i < service->instance_count; i++) {
		const struct fl_inf_instance *instance = &service->instances[i];
		if (!instance->altitude.text)
			fl_inf_report(check, instance->line, "instance '%s' (under %s) has no Altitude value",
				      instance->name, fl_inf_layout_name(instance->layout));
	}
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_altitude_missing);
}

const struct fl_rule fl_rule_inf_altitude_missing = {
	.id = "inf-altitude-missing",
	.severity = FL_SEVERITY_ERROR,
	.summary = "A minifilter instance in the INF has no Altitude, or the minifilter defines no instance at all",
	.msvc_warning = 0,
	.check = fl_check,
};
