/* inf-service-type: a minifilter service whose ServiceType is not 2.
 *
 * Why: "Minifilter drivers should specify a value of 2
 * (SERVICE_FILE_SYSTEM_DRIVER)" (WDD ifs/creating-an-inf-file-for-a-
 * minifilter-driver).  With 1 (SERVICE_KERNEL_DRIVER) the service control
 * manager treats the driver as a device driver: it is not started in the file
 * system driver phase, and `fltmc`/FilterLoad tooling that expects a file
 * system service misbehaves.
 *
 * How: the ServiceInstall section of each minifilter service must have a
 * ServiceType entry (else reported on the section's header) whose value,
 * decimal or 0x hex, is 2 (else reported where the value is written).
 *
 * Limits: services that show no sign of being a minifilter (no FltMgr
 * dependency, no FSFilter group, no instances) are not checked: a helper
 * Win32 service in the same INF is fine.
 */
#include "inf_rule.h"

static void fl_check_service_type(const struct fl_inf_check *check)
{
	const struct fl_inf_service *service = check->service;
	const struct fl_inf_value *value = &service->service_type;
	unsigned long type;
	if (!value->text)
		fl_inf_report(check, service->section_line,
			      "minifilter service '%s' has no ServiceType; it must be 2 (SERVICE_FILE_SYSTEM_DRIVER)",
			      service->name);
	else if (!fl_inf_parse_number(value->text, &type) || type != 2)
		fl_inf_report(check, value->line,
			      "ServiceType '%s' of minifilter service '%s' must be 2 (SERVICE_FILE_SYSTEM_DRIVER)",
			      value->text, service->name);
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_service_type);
}

const struct fl_rule fl_rule_inf_service_type = {
	.id = "inf-service-type",
	.severity = FL_SEVERITY_ERROR,
	.summary = "The minifilter service's ServiceType is missing or not 2 (SERVICE_FILE_SYSTEM_DRIVER)",
	.msvc_warning = 0,
	.check = fl_check,
};
