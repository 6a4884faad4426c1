/* inf-instance-flags: an instance Flags value that is not a valid REG_DWORD
 * of defined bits.
 *
 * Why: Flags tells Filter Manager which attachments to suppress for the
 * instance: 0x1 automatic attachment (the samples' "Suppress automatic
 * attachments"), 0x2 manual attachment (FilterAttach, FltAttachVolume); 0x0
 * allows both (WDD ifs/creating-an-inf-file-for-a-minifilter-driver and the
 * samples' INFs).  Written as a string, or with other bits, it does not mean
 * what its author thinks; 0x3 suppresses both and the instance never attaches.
 *
 * How: when an instance has a Flags value, its AddReg type must be REG_DWORD
 * (0x00010001; reported on the AddReg line), its text a number (decimal or
 * 0x hex) with no bit outside 0x3, and not 0x3 (reported where the text is
 * written).  An absent Flags is fine (0).
 *
 * Limits: the documentation shows only 0x0 and 0x1; 0x2 is taken from the
 * Filter Manager's instance flags as the samples' comments describe them.
 */
#include "inf_rule.h"

static void fl_check_instance_flags(const struct fl_inf_check *check)
{
	for (size_t i = 0; i < check->service->instance_count; i++) {
		const struct fl_inf_instance *instance = &check->service->instances[i];
		const struct fl_inf_value *flags = &instance->flags;
		if (!flags->text)
			continue;
		if (flags->reg_type != FL_ADDREG_TYPE_DWORD)
			fl_inf_report(check, flags->directive_line,
				      "Flags of instance '%s' is written with AddReg type 0x%08lx; it must be a "
				      "REG_DWORD (0x00010001)",
				      instance->name, flags->reg_type);
		unsigned long value;
		if (!fl_inf_parse_number(flags->text, &value))
			fl_inf_report(check, flags->line, "Flags '%s' of instance '%s' is not a number", flags->text,
				      instance->name);
		else if (value & ~0x3UL)
			fl_inf_report(check, flags->line,
				      "Flags %s of instance '%s' sets undefined bits; only 0x1 (no automatic "
				      "attachment) and 0x2 (no manual attachment) exist",
				      flags->text, instance->name);
		else if (value == 0x3)
			fl_inf_report(check, flags->line,
				      "Flags %s of instance '%s' suppresses both automatic and manual attachment: "
				      "the instance can never attach",
				      flags->text, instance->name);
	}
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_instance_flags);
}

const struct fl_rule fl_rule_inf_instance_flags = {
	.id = "inf-instance-flags",
	.severity = FL_SEVERITY_WARNING,
	.summary = "An instance Flags value is not a REG_DWORD of the defined attachment bits (0x1, 0x2)",
	.msvc_warning = 0,
	.check = fl_check,
};
