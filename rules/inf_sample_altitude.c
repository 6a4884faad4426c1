/* inf-sample-altitude: an instance altitude allocated to one of Microsoft's
 * public minifilter samples.
 *
 * Why: a product that ships a sample's altitude (370000 of minispy, 265000 of
 * scanner...) was started from the sample and never got its own.  Two
 * products doing so collide: Filter Manager attaches only one instance at an
 * altitude on a volume (STATUS_FLT_INSTANCE_ALTITUDE_COLLISION), so one
 * product silently stops filtering.  Altitudes are allocated by Microsoft
 * (WDD ifs/minifilter-altitude-request, ifs/allocated-altitudes).
 *
 * How: each valid altitude is compared, as a decimal, with the samples'
 * allocations (api/inf_knowledge.c); reported where the altitude is written,
 * once even when both the Instances and Parameters\Instances layouts use it.
 *
 * Limits: a fraction of a sample's altitude (370000.5) is not reported: it is
 * a different altitude, though deriving it from Microsoft's integer is not
 * how fractions are meant to be used.  The altitudes in the documentation's
 * own minispy example (365000, 385000) are allocated to other filters, not
 * samples, and are not reported by this rule.  The samples themselves report
 * this finding: it is expected there.
 */
#include "inf_rule.h"

static void fl_check_sample_altitude(const struct fl_inf_check *check)
{
	for (size_t i = 0; i < check->service->instance_count; i++) {
		const struct fl_inf_instance *instance = &check->service->instances[i];
		if (!fl_inf_altitude_valid(instance->altitude.text))
			continue;
		const char *owner = fl_sample_altitude_owner(instance->altitude.text);
		if (owner)
			fl_inf_report(check, instance->altitude.line,
				      "altitude %s is a sample's altitude (Microsoft's %s): request your own",
				      instance->altitude.text, owner);
	}
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_sample_altitude);
}

const struct fl_rule fl_rule_inf_sample_altitude = {
	.id = "inf-sample-altitude",
	.severity = FL_SEVERITY_WARNING,
	.summary = "An instance altitude is one allocated to a Microsoft sample minifilter",
	.msvc_warning = 0,
	.check = fl_check,
};
