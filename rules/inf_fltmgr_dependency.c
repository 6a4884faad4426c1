/* inf-fltmgr-dependency: a minifilter service that does not depend on FltMgr.
 *
 * Why: "All minifilter drivers must specify FltMgr, which is the service name
 * of the filter manager" in Dependencies (WDD ifs/creating-an-inf-file-for-a-
 * minifilter-driver).  Without it the service control manager may start the
 * driver before Filter Manager, and FltRegisterFilter fails: the product
 * loads but filters nothing, typically only on some boots.
 *
 * How: the ServiceInstall section of each minifilter service must have a
 * Dependencies entry (else reported on the section's header) naming FltMgr,
 * case-insensitively, among its comma-separated values after %strkey%
 * substitution (else reported on the Dependencies line).
 *
 * Limits: a dependency on another service that itself depends on FltMgr is
 * still reported: the documentation asks for FltMgr itself.
 */
#include "inf_rule.h"

static void fl_check_fltmgr_dependency(const struct fl_inf_check *check)
{
	const struct fl_inf_service *service = check->service;
	if (!service->dependencies_line) {
		fl_inf_report(check, service->section_line,
			      "minifilter service '%s' has no Dependencies entry; it must depend on FltMgr",
			      service->name);
		return;
	}
	for (size_t i = 0; i < service->dependencies.count; i++)
		if (fl_str_iequal(service->dependencies.items[i], "FltMgr"))
			return;
	fl_inf_report(check, service->dependencies_line,
		      "Dependencies of minifilter service '%s' do not include FltMgr", service->name);
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_fltmgr_dependency);
}

const struct fl_rule fl_rule_inf_fltmgr_dependency = {
	.id = "inf-fltmgr-dependency",
	.severity = FL_SEVERITY_ERROR,
	.summary = "The minifilter service's Dependencies do not include FltMgr",
	.msvc_warning = 0,
	.check = fl_check,
};
