/* context-not-registered: FltAllocateContext of a context type that no
 * registered FLT_CONTEXT_REGISTRATION entry covers, or of a fixed size that
 * no entry of that type allows.
 *
 * Why: Filter Manager allocates a context from the definitions the filter
 * registered with FltRegisterFilter.  A type with no definition, or a size
 * no fixed-size definition matches, makes FltAllocateContext fail every
 * time: the driver silently runs without its contexts (or, where the error
 * path was never tested, dereferences the NULL it got back).
 *
 * How: the context registration arrays named by the ContextRegistration
 * field of every FLT_REGISTRATION initializer, in any unit, up to their
 * FLT_CONTEXT_END.  Each FltAllocateContext whose ContextType argument is a
 * constant is checked against them: no entry of that type is an error on the
 * type argument; with a constant size, an error on the size argument when
 * every entry of the type has a constant fixed Size that differs (an entry
 * with FLT_VARIABLE_SIZED_CONTEXTS, a ContextAllocateCallback, or
 * FLTFL_CONTEXT_REGISTRATION_NO_EXACT_SIZE_MATCH with a Size at least as
 * large allows it), per the DDI page of FLT_CONTEXT_REGISTRATION and WDD
 * ifs/registering-context-types.
 *
 * Limits: nothing is reported when the driver has no FLT_REGISTRATION
 * initializer, or one whose ContextRegistration is not a variable fltlint
 * sees initialized (a table built at run time); an entry whose ContextType or
 * Size is not a constant counts as covering everything.
 */
#include <stdlib.h>
#include <string.h>

#include "knowledge/api.h"
#include "rule.h"

#define FL_CONTEXT_END 0xffff
#define FL_NO_EXACT_SIZE_MATCH 0x0001

struct fl_registered {
	size_t count, capacity;
	const struct fl_element **items;
	bool unsure;     /* a registration fltlint cannot follow */
	bool any_filter; /* an FLT_REGISTRATION was seen */
};

struct fl_array_lookup {
	const char *name;
	struct fl_registered *out;
	bool found;
};

static void fl_take_array(const struct fl_tu_facts *unit, const struct fl_initializer *array, void *data)
{
	struct fl_array_lookup *lookup = data;
	if (!array->is_array || strcmp(array->variable, lookup->name) != 0)
		return;
	lookup->found = true;
	for (size_t e = 0; e < array->element_count; e++) {
		const struct fl_field *type = fl_element_field(&array->elements[e], "ContextType");
		if (type && type->value.kind == FL_VALUE_INT && type->value.integer == FL_CONTEXT_END)
			break;
		FL_GROW(lookup->out->items, lookup->out->capacity, lookup->out->count + 1);
		lookup->out->items[lookup->out->count++] = &array->elements[e];
	}
}

struct fl_filter_scan {
	const struct fl_program *program;
	struct fl_registered *out;
};

static void fl_take_filter(const struct fl_tu_facts *unit, const struct fl_initializer *init, void *data)
{
	struct fl_filter_scan *scan = data;
	if (init->is_array || init->element_count != 1)
		return;
	scan->out->any_filter = true;
	const struct fl_field *field = fl_element_field(&init->elements[0], "ContextRegistration");
	if (fl_field_is_null(field))
		return; /* no contexts registered */
	if (field->value.kind != FL_VALUE_VARIABLE) {
		scan->out->unsure = true;
		return;
	}
	struct fl_array_lookup lookup = { .name = field->value.name, .out = scan->out };
	fl_program_each_initializer(scan->program, "_FLT_CONTEXT_REGISTRATION", fl_take_array, &lookup);
	if (!lookup.found)
		scan->out->unsure = true;
}

static bool fl_int_of(const struct fl_element *element, const char *name, long long *out)
{
	const struct fl_field *field = fl_element_field(element, name);
	if (!field) {
		*out = 0; /* fields left out of an initializer are zero */
		return true;
	}
	if (field->value.kind != FL_VALUE_INT)
		return false;
	*out = field->value.integer;
	return true;
}

/* Whether registration entry `element` (of the right type) can serve an
 * allocation of `size` bytes. */
static void fl_squeeze(const char *text, char *out, size_t size)
{
	size_t used = 0;
	for (; text && *text && used + 1 < size; text++)
		if (*text != ' ' && *text != '\t')
			out[used++] = *text;
	out[used] = '\0';
}

/* The same expression on both sides (`sizeof(CTX)` or the driver's
 * CTX_SIZE macro): equal whatever the bundled headers make of the layout,
 * which may differ from unit to unit where MSVC's would not. */
static bool fl_same_text(const struct fl_field *field, const struct fl_value *size)
{
	char left[160], right[160];
	if (!field || !field->value.text || !size->text)
		return false;
	fl_squeeze(field->value.text, left, sizeof(left));
	fl_squeeze(size->text, right, sizeof(right));
	return left[0] && strcmp(left, right) == 0;
}

static bool fl_entry_allows(const struct fl_element *element, const struct fl_value *size_value)
{
	long long size = size_value->integer;
	if (fl_same_text(fl_element_field(element, "Size"), size_value))
		return true;
	if (!fl_field_is_null(fl_element_field(element, "ContextAllocateCallback")))
		return true;
	long long fixed, flags;
	if (!fl_int_of(element, "Size", &fixed) || !fl_int_of(element, "Flags", &flags))
		return true;
	if (fixed == -1) /* FLT_VARIABLE_SIZED_CONTEXTS, (SIZE_T)-1 */
		return true;
	return fixed == size || ((flags & FL_NO_EXACT_SIZE_MATCH) && (unsigned long long)fixed >= (unsigned long long)size);
}

struct fl_context_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
	const struct fl_registered *registered;
};

static void fl_check_call(struct fl_context_run *run, const struct fl_function *function, const struct fl_call *call,
			  const struct fl_api *api)
{
	if ((size_t)api->context_type_arg >= call->arg_count || call->arg_count < 3)
		return;
	const struct fl_arg *type = &call->args[api->context_type_arg];
	if (type->value.kind != FL_VALUE_INT || type->value.integer <= 0 ||
	    (type->value.integer & (type->value.integer - 1)) != 0)
		return;
	const struct fl_arg *size = &call->args[2]; /* FltAllocateContext(Filter, Type, Size, Pool, &Context) */
	size_t of_type = 0;
	bool size_ok = size->value.kind != FL_VALUE_INT;
	const struct fl_element *example = NULL;
	for (size_t i = 0; i < run->registered->count; i++) {
		const struct fl_element *element = run->registered->items[i];
		long long registered_type;
		if (!fl_int_of(element, "ContextType", &registered_type))
			return; /* an entry fltlint cannot read covers everything */
		if (registered_type != type->value.integer)
			continue;
		of_type++;
		example = element;
		if (!size_ok && fl_entry_allows(element, &size->value))
			size_ok = true;
	}
	const char *type_text = type->value.text && type->value.text[0] ? type->value.text : "this type";
	if (!of_type) {
		struct fl_finding *finding = fl_report(
			run->out, run->rule, FL_SEVERITY_ERROR, &type->loc,
			"FltAllocateContext of %s, which no registered FLT_CONTEXT_REGISTRATION entry covers: "
			"the allocation fails every time", type_text);
		fl_finding_set_function(finding, function->name);
		return;
	}
	if (!size_ok) {
		struct fl_finding *finding = fl_report(
			run->out, run->rule, FL_SEVERITY_ERROR, &size->loc,
			"FltAllocateContext of %s with size %s (%lld bytes), which no registered entry of that type "
			"allows (fixed sizes must match, or the entry must be FLT_VARIABLE_SIZED_CONTEXTS): the "
			"allocation fails every time", type_text, size->value.text ? size->value.text : "?",
			size->value.integer);
		fl_finding_set_function(finding, function->name);
		long long fixed = 0;
		(void)fl_int_of(example, "Size", &fixed);
		fl_finding_add_related(finding, &example->loc, "%s is registered here with size %lld", type_text, fixed);
	}
}

static void fl_visit_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_context_run *run = data;
	for (size_t c = 0; c < ref->function->call_count; c++) {
		const struct fl_call *call = &ref->function->calls[c];
		const struct fl_api *api = fl_api_find(call->callee);
		if (api && api->context_op == FL_CONTEXT_OP_ALLOCATE && api->context_type_arg != FL_NO_ARG)
			fl_check_call(run, ref->function, call, api);
	}
}

static void fl_check_context_not_registered(const struct fl_rule *rule, const struct fl_program *program,
					    struct fl_findings *out)
{
	struct fl_registered registered = { 0 };
	struct fl_filter_scan scan = { .program = program, .out = &registered };
	fl_program_each_initializer(program, "_FLT_REGISTRATION", fl_take_filter, &scan);
	if (registered.any_filter && !registered.unsure) {
		struct fl_context_run run = { .rule = rule, .out = out, .registered = &registered };
		fl_program_each_function(program, fl_visit_function, &run);
	}
	free(registered.items);
}

const struct fl_rule fl_rule_context_not_registered = {
	.id = "context-not-registered",
	.severity = FL_SEVERITY_ERROR,
	.summary = "FltAllocateContext of a context type or size no FLT_CONTEXT_REGISTRATION entry registers",
	.msvc_warning = 0,
	.check = fl_check_context_not_registered,
};
