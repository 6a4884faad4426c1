/* operation-end: an FLT_OPERATION_REGISTRATION array that does not end in
 * { IRP_MJ_OPERATION_END }.
 *
 * Why: FltRegisterFilter walks the operation array until it meets
 * IRP_MJ_OPERATION_END (0x80).  Without it Filter Manager reads whatever
 * follows the array as more operations, registering garbage callbacks or
 * faulting in DriverEntry; an element after the terminator is silently
 * never registered.
 *
 * How: every initialized array of _FLT_OPERATION_REGISTRATION in active
 * code, its MajorFunction fields evaluated as constants.  No terminator is an
 * error on the array's name; each element after the first terminator is a
 * warning on its line.
 *
 * Limits: a MajorFunction that is not a constant does not count as a
 * terminator; an array filled at run time, or declared larger than its
 * initializer (the rest are zero: IRP_MJ_CREATE, not the terminator), is
 * judged by what the initializer lists.
 */
#include "rule.h"

#define FL_IRP_MJ_OPERATION_END 0x80

struct fl_operation_end_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
};

static bool fl_is_terminator(const struct fl_element *element)
{
	const struct fl_field *major = fl_element_field(element, "MajorFunction");
	return major && major->value.kind == FL_VALUE_INT && major->value.integer == FL_IRP_MJ_OPERATION_END;
}

static void fl_check_array(const struct fl_tu_facts *unit, const struct fl_initializer *array, void *data)
{
	struct fl_operation_end_run *run = data;
	if (!array->is_array)
		return;
	size_t end = 0;
	while (end < array->element_count && !fl_is_terminator(&array->elements[end]))
		end++;
	if (end == array->element_count) {
		struct fl_finding *finding =
			fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &array->loc,
				  "operation registration array '%s' does not end with { IRP_MJ_OPERATION_END }: "
				  "FltRegisterFilter reads past its end", array->variable);
		if (array->element_count)
			fl_finding_add_related(finding, &array->elements[array->element_count - 1].loc, "last element");
		return;
	}
	for (size_t after = end + 1; after < array->element_count; after++) {
		struct fl_finding *finding =
			fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &array->elements[after].loc,
				  "element after IRP_MJ_OPERATION_END in '%s' is never registered", array->variable);
		fl_finding_add_related(finding, &array->elements[end].loc, "the array ends here");
	}
}

static void fl_check_operation_end(const struct fl_rule *rule, const struct fl_program *program,
				   struct fl_findings *out)
{
	struct fl_operation_end_run run = { .rule = rule, .out = out };
	fl_program_each_initializer(program, "_FLT_OPERATION_REGISTRATION", fl_check_array, &run);
}

const struct fl_rule fl_rule_operation_end = {
	.id = "operation-end",
	.severity = FL_SEVERITY_ERROR,
	.summary = "FLT_OPERATION_REGISTRATION array not terminated by { IRP_MJ_OPERATION_END }",
	.msvc_warning = 0,
	.check = fl_check_operation_end,
};
