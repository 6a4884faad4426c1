/* inf-default-instance: a DefaultInstance that is missing or names no
 * instance.
 *
 * Why: FltAttachVolume with no instance name "attempts to read the minifilter
 * driver's default instance name from the registry" (DDI fltattachvolume), as
 * does FilterAttach; automatic attachment uses it too.  A DefaultInstance
 * naming an instance that is not defined (a renamed instance, a typo in
 * [Strings]) leaves those attachments without an altitude.
 *
 * How: per layout (`Instances`, and `Parameters\Instances` read from Windows
 * 11 24H2), when the service's AddReg sections write under that layout, a
 * DefaultInstance value must be there (else reported on the header of the
 * first AddReg section that writes the layout) and must name, case-
 * insensitively as registry keys are named, an instance defined under the
 * same layout (else reported where the name is written).
 *
 * Limits: one layout's DefaultInstance is not accepted for the other: each is
 * read on different Windows versions.
 */
#include "inf_rule.h"

#include <stdlib.h>
#include <string.h>

/* "'A', 'B'" for the message, or "none". */
static char *fl_instance_names(const struct fl_inf_service *service, enum fl_inf_layout layout)
{
	char *names = NULL;
	for (size_t i = 0; i < service->instance_count; i++) {
		if (service->instances[i].layout != layout)
			continue;
		char *more = fl_xasprintf("%s%s'%s'", names ? names : "", names ? ", " : "", service->instances[i].name);
		free(names);
		names = more;
	}
	return names ? names : fl_xstrdup("none");
}

static void fl_check_default_instance(const struct fl_inf_check *check)
{
	const struct fl_inf_service *service = check->service;
	for (int layout = 0; layout < FL_INF_LAYOUT_COUNT; layout++) {
		if (!service->layout_section_line[layout])
			continue;
		const struct fl_inf_value *value = &service->default_instance[layout];
		if (!value->text) {
			fl_inf_report(check, service->layout_section_line[layout],
				      "service '%s' writes instances under %s but no DefaultInstance there",
				      service->name, fl_inf_layout_name(layout));
			continue;
		}
		bool found = false;
		for (size_t i = 0; i < service->instance_count && !found; i++)
			found = service->instances[i].layout == (enum fl_inf_layout)layout &&
				fl_str_iequal(service->instances[i].name, value->text);
		if (found)
			continue;
		char *names = fl_instance_names(service, layout);
		/* The layout stays out of the message: both layouts usually take
		 * the name from one [Strings] entry, and that is one finding. */
		fl_inf_report(check, value->line, "DefaultInstance '%s' names no instance the service defines "
			      "(instances: %s)", value->text, names);
		free(names);
	}
}

static void fl_check(const struct fl_rule *rule, const struct fl_program *program, struct fl_findings *out)
{
	fl_inf_each_minifilter(rule, program, out, fl_check_default_instance);
}

const struct fl_rule fl_rule_inf_default_instance = {
	.id = "inf-default-instance",
	.severity = FL_SEVERITY_WARNING,
	.summary = "The minifilter's DefaultInstance is missing or names an instance the INF does not define",
	.msvc_warning = 0,
	.check = fl_check,
};
