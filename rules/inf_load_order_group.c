/* inf-load-order-group: a minifilter service without a LoadOrderGroup, or
 * with one that is not a documented group.
 *
 * Why: "You must specify a LoadOrderGroup value, even if your minifilter
 * driver's start type isn't SERVICE_BOOT_START" (WDD ifs/creating-an-inf-file-
 * for-a-minifilter-driver); Filter Manager uses it to interoperate with legacy
 * filters, and at boot it decides when the driver loads.  A misspelt group
 * ("FSFilter AntiVirus") is a group nobody orders: the driver loads at the
 * end of its start type, after the filters it should precede.
 *
 * How: the ServiceInstall section of every minifilter service must have a
 * LoadOrderGroup entry (else reported on the section's header) whose value
 * (after %strkey% substitution) is a group of the table in api/inf_knowledge.c,
 * compared case-insensitively (else reported where the value is written,
 * with the nearest group when only case, blanks or hyphens differ).
 *
 * Limits: Microsoft's reserved groups are accepted here and reported by
 * inf-reserved-group; whether the group fits what the filter does is not
 * judged.
 */
#include "inf_rule.h"

static void fl_check_load_order_group(const struct fl_inf_check *check)
{
	const struct fl_inf_service *service = check->service;
	const struct fl_inf_value *value = &service->load_order_group;
	if (!value->text) {
		fl_inf_report(check, service->section_line,
			      "service '%s' has no LoadOrderGroup: minifilters must name one (e.g. "
			      "\"FSFilter Activity Monitor\")",
			      service->name);
		return;
	}
	if (fl_load_order_group_find(value->text))
		return;
	const struct fl_load_order_group *near = fl_load_order_group_near(value->text);
	if (near)
		fl_inf_report(check, value->line, "LoadOrderGroup '%s' is not a load order group; did you mean '%s'?",
			      value->text, near->name);
	else
		fl_inf_report(check, value->line,
			      "LoadOrderGroup '%s' is not one of the minifilter load order groups", value->text);
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_load_order_group);
}

const struct fl_rule fl_rule_inf_load_order_group = {
	.id = "inf-load-order-group",
	.severity = FL_SEVERITY_ERROR,
	.summary = "The minifilter service has no LoadOrderGroup, or one that is not a documented group",
	.msvc_warning = 0,
	.check = fl_check,
};
