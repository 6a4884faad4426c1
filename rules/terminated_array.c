#include "terminated_array.h"

#include <stdlib.h>

struct fl_terminated_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
	const struct fl_terminated_array *spec;
};

static bool fl_is_terminator(const struct fl_terminated_array *spec, const struct fl_element *element)
{
	const struct fl_field *field = fl_element_field(element, spec->field);
	return field && field->value.kind == FL_VALUE_INT && field->value.integer == spec->terminator;
}

static void fl_check_array(const struct fl_tu_facts *unit, const struct fl_initializer *array, void *data)
{
	const struct fl_terminated_run *run = data;
	const struct fl_terminated_array *spec = run->spec;
	if (!array->is_array)
		return;
	size_t end = 0;
	while (end < array->element_count && !fl_is_terminator(spec, &array->elements[end]))
		end++;
	if (end == array->element_count) {
		struct fl_finding *finding =
			fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &array->loc,
				  "%s array '%s' does not end with { %s }: FltRegisterFilter reads past its end",
				  spec->what, array->variable, spec->terminator_name);
		if (array->element_count) {
			const struct fl_element *last = &array->elements[array->element_count - 1];
			fl_finding_add_related(finding, &last->loc, "last element");
			if (last->end.line) {
				char *text = fl_xasprintf(",\n%s{ %s }", fl_fix_indent(last->loc.column),
							  spec->terminator_name);
				fl_fix_insert(fl_finding_add_fix(finding, true, "Append { %s }", spec->terminator_name),
					      &last->end, text);
				free(text);
			}
		}
		return;
	}
	for (size_t after = end + 1; after < array->element_count; after++) {
		struct fl_finding *finding =
			fl_report(run->out, run->rule, FL_SEVERITY_WARNING, &array->elements[after].loc,
				  "element after %s in '%s' is never registered", spec->terminator_name,
				  array->variable);
		fl_finding_add_related(finding, &array->elements[end].loc, "the array ends here");
	}
}

void fl_check_terminated_arrays(const struct fl_rule *rule, const struct fl_program *program,
				struct fl_findings *out, const struct fl_terminated_array *spec)
{
	struct fl_terminated_run run = { .rule = rule, .out = out, .spec = spec };
	fl_program_each_initializer(program, spec->type, fl_check_array, &run);
}
