/* registration-fields: an FLT_REGISTRATION whose Size is not
 * sizeof(FLT_REGISTRATION) or whose Version is not FLT_REGISTRATION_VERSION,
 * and a pre-operation callback that returns FLT_PREOP_SYNCHRONIZE for an
 * operation registered without a post-operation callback.
 *
 * Why: FltRegisterFilter checks Size and Version and fails with
 * STATUS_INVALID_PARAMETER otherwise (the driver never loads); a wrong
 * sizeof copied from another structure, or a version typed by hand, is the
 * usual cause.  FLT_PREOP_SYNCHRONIZE asks Filter Manager to call the
 * post-operation callback in the same thread; with none registered the
 * status makes no sense, asserts on checked builds, and stalls the
 * operation for nothing (DDI pflt_pre_operation_callback).
 *
 * How: every initialized _FLT_REGISTRATION: Size must be written as
 * sizeof(FLT_REGISTRATION) (or of struct _FLT_REGISTRATION); Version must be
 * written as FLT_REGISTRATION_VERSION[_02xx] or be one of the documented
 * values 0x0200-0x0203.  Every element of an _FLT_OPERATION_REGISTRATION
 * array with a PreOperation and no PostOperation: the pre-operation
 * callback's returned constants (also through a local variable) must not
 * include FLT_PREOP_SYNCHRONIZE.
 *
 * Limits: a registration filled at run time is not seen; a pre-operation
 * whose return values fltlint cannot resolve is not judged.
 */
#include <ctype.h>
#include <string.h>

#include "rule.h"

#define FL_PREOP_SYNCHRONIZE 5

struct fl_fields_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
};

/* `text` with white space removed, into `out` (at most `size` bytes). */
static void fl_squeeze(const char *text, char *out, size_t size)
{
	size_t used = 0;
	for (; text && *text && used + 1 < size; text++)
		if (!isspace((unsigned char)*text))
			out[used++] = *text;
	out[used] = '\0';
}

static void fl_check_filter(const struct fl_tu_facts *unit, const struct fl_initializer *init, void *data)
{
	struct fl_fields_run *run = data;
	if (init->is_array || init->element_count != 1)
		return;
	const struct fl_element *element = &init->elements[0];
	const struct fl_field *size = fl_element_field(element, "Size");
	char text[128];
	fl_squeeze(size ? size->value.text : "", text, sizeof(text));
	if (strcmp(text, "sizeof(FLT_REGISTRATION)") != 0 && strcmp(text, "sizeof(struct_FLT_REGISTRATION)") != 0) {
		struct fl_finding *finding =
			fl_report(run->out, run->rule, FL_SEVERITY_ERROR, size ? &size->loc : &init->loc,
				  "FLT_REGISTRATION '%s' has Size %s, not sizeof(FLT_REGISTRATION): FltRegisterFilter "
				  "rejects it", init->variable, size && size->value.text ? size->value.text : "0");
		if (size)
			fl_fix_value_replace(finding, &size->loc, &size->value, "sizeof(FLT_REGISTRATION)",
					     "Set Size to sizeof(FLT_REGISTRATION)");
	}
	const struct fl_field *version = fl_element_field(element, "Version");
	fl_squeeze(version ? version->value.text : "", text, sizeof(text));
	bool named = strncmp(text, "FLT_REGISTRATION_VERSION", strlen("FLT_REGISTRATION_VERSION")) == 0;
	bool documented = version && version->value.kind == FL_VALUE_INT && version->value.integer >= 0x0200 &&
			  version->value.integer <= 0x0203;
	if (!named && !documented) {
		struct fl_finding *finding =
			fl_report(run->out, run->rule, FL_SEVERITY_ERROR, version ? &version->loc : &init->loc,
				  "FLT_REGISTRATION '%s' has Version %s, not FLT_REGISTRATION_VERSION: FltRegisterFilter "
				  "rejects it", init->variable, version && version->value.text ? version->value.text : "0");
		if (version)
			fl_fix_value_replace(finding, &version->loc, &version->value, "FLT_REGISTRATION_VERSION",
					     "Set Version to FLT_REGISTRATION_VERSION");
	}
}

static void fl_check_operations(const struct fl_tu_facts *unit, const struct fl_initializer *array, void *data)
{
	struct fl_fields_run *run = data;
	if (!array->is_array)
		return;
	for (size_t e = 0; e < array->element_count; e++) {
		const struct fl_element *element = &array->elements[e];
		const struct fl_field *pre = fl_element_field(element, "PreOperation");
		if (!pre || pre->value.kind != FL_VALUE_FUNCTION || !fl_field_is_null(fl_element_field(element, "PostOperation")))
			continue;
		struct fl_function_ref ref = fl_program_function(run->program, pre->value.key);
		if (!ref.function)
			continue;
		for (size_t r = 0; r < ref.function->return_count; r++) {
			if (ref.function->returns[r] != FL_PREOP_SYNCHRONIZE)
				continue;
			struct fl_finding *finding = fl_report(
				run->out, run->rule, FL_SEVERITY_ERROR, &pre->loc,
				"'%s' returns FLT_PREOP_SYNCHRONIZE, but this operation has no post-operation callback "
				"to synchronize with", ref.function->name);
			fl_finding_add_related(finding, &ref.function->loc, "%s is defined here", ref.function->name);
			break;
		}
	}
}

static void fl_check_registration_fields(const struct fl_rule *rule, const struct fl_program *program,
					 struct fl_findings *out)
{
	struct fl_fields_run run = { .rule = rule, .program = program, .out = out };
	fl_program_each_initializer(program, "_FLT_REGISTRATION", fl_check_filter, &run);
	fl_program_each_initializer(program, "_FLT_OPERATION_REGISTRATION", fl_check_operations, &run);
}

const struct fl_rule fl_rule_registration_fields = {
	.id = "registration-fields",
	.severity = FL_SEVERITY_ERROR,
	.summary = "FLT_REGISTRATION Size or Version wrong, or FLT_PREOP_SYNCHRONIZE without a post-operation callback",
	.msvc_warning = 0,
	.check = fl_check_registration_fields,
};
