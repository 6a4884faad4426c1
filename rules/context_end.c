/* context-end: a FLT_CONTEXT_REGISTRATION array that does not end in
 * { FLT_CONTEXT_END }.
 *
 * Why: FltRegisterFilter walks the array until it meets a ContextType of
 * FLT_CONTEXT_END (0xffff).  Without it, Filter Manager reads past the array
 * into whatever follows, registering garbage or faulting in DriverEntry; an
 * element after the terminator is never registered, so allocating that
 * context type fails at run time.
 *
 * How: every initialized array of _FLT_CONTEXT_REGISTRATION in active code,
 * its ContextType fields evaluated as constants (macros, enum values,
 * const variables).  An array with no terminator is an error on the array's
 * name; each element after the first terminator is a warning on its line.
 *
 * Limits: an element whose ContextType is not a constant does not count as
 * a terminator; an array filled at run time, or declared with more elements
 * than its initializer lists (the rest are zero, not FLT_CONTEXT_END), is
 * judged by what its initializer lists.
 */
#include "rule.h"

#define FL_CONTEXT_END 0xffff

static bool fl_is_terminator(const struct fl_element *element)
{
	const struct fl_field *type = fl_element_field(element, "ContextType");
	return type && type->value.kind == FL_VALUE_INT && type->value.integer == FL_CONTEXT_END;
}

struct fl_context_end_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
};

static void fl_check_array(const struct fl_tu_facts *unit, const struct fl_initializer *array, void *data)
{
	struct fl_context_end_run *run = data;
	if (!array->is_array)
		return;
	size_t end = 0;
	while (end < array->element_count && !fl_is_terminator(&array->elements[end]))
		end++;
	if (end == array->element_count) {
		struct fl_finding *finding =
			fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &array->loc,
				  "context registration array '%s' does not end with { FLT_CONTEXT_END }: "
				  "FltRegisterFilter reads past its end",
				  array->variable);
		if (array->element_count)
			fl_finding_add_related(finding, &array->elements[array->element_count - 1].loc,
					       "last element");
		return;
	}
	for (size_t after = end + 1; after < array->element_count; after++) {
		struct fl_finding *finding =
			fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &array->elements[after].loc,
				  "element after FLT_CONTEXT_END in '%s' is never registered", array->variable);
		fl_finding_add_related(finding, &array->elements[end].loc, "the array ends here");
	}
}

static void fl_check_context_end(const struct fl_rule *rule, const struct fl_program *program,
				 struct fl_findings *out)
{
	struct fl_context_end_run run = { .rule = rule, .out = out };
	fl_program_each_initializer(program, "_FLT_CONTEXT_REGISTRATION", fl_check_array, &run);
}

const struct fl_rule fl_rule_context_end = {
	.id = "context-end",
	.severity = FL_SEVERITY_ERROR,
	.summary = "FLT_CONTEXT_REGISTRATION array not terminated by { FLT_CONTEXT_END }",
	.msvc_warning = 0,
	.check = fl_check_context_end,
};
