/* inf-altitude-format: an instance Altitude that is not a decimal string.
 *
 * Why: the altitude is "an infinite-precision string interpreted as a decimal
 * number" (WDD ifs/load-order-groups-and-altitudes-for-minifilter-drivers):
 * digits, optionally a fraction (325000.5).  Anything else ("370,000",
 * "0x5A550", a %strkey% left empty) is not an altitude; a value written as
 * REG_DWORD or binary is not a string at all and Filter Manager does not
 * read it as one.
 *
 * How: the Altitude text after %strkey% substitution must be digits with at
 * most one '.' followed by digits, nothing else (no blanks, no sign); its
 * AddReg flags must give a string type (0x00000000 REG_SZ, or
 * 0x00020000 REG_EXPAND_SZ).  The text is reported where it is written (its
 * [Strings] entry), the type on the AddReg line.
 *
 * Limits: a syntactically valid altitude can still be wrong; see
 * inf-altitude-range and inf-sample-altitude.
 */
#include "inf_rule.h"

static void fl_check_altitude_format(const struct fl_inf_check *check)
{
	for (size_t i = 0; i < check->service->instance_count; i++) {
		const struct fl_inf_instance *instance = &check->service->instances[i];
		const struct fl_inf_value *altitude = &instance->altitude;
		if (!altitude->text)
			continue; /* inf-altitude-missing */
		if (!fl_inf_altitude_valid(altitude->text))
			fl_inf_report(check, altitude->line,
				      "Altitude '%s' of instance '%s' is not a decimal number (digits, optionally "
				      "a fraction such as 325000.5)",
				      altitude->text, instance->name);
		if (altitude->reg_type != FL_ADDREG_TYPE_SZ && altitude->reg_type != FL_ADDREG_TYPE_EXPAND_SZ)
			fl_inf_report(check, altitude->directive_line,
				      "Altitude of instance '%s' is written with AddReg type 0x%08lx; it must be a "
				      "string (0x00000000, REG_SZ)",
				      instance->name, altitude->reg_type);
	}
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_altitude_format);
}

const struct fl_rule fl_rule_inf_altitude_format = {
	.id = "inf-altitude-format",
	.severity = FL_SEVERITY_ERROR,
	.summary = "An instance Altitude in the INF is not a decimal string written as REG_SZ",
	.msvc_warning = 0,
	.check = fl_check,
};
