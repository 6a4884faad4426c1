#include "api_calls.h"

#include <string.h>

struct fl_api_call_walk {
	const struct fl_program *program;
	void (*visit)(const struct fl_function_ref *ref, const struct fl_call *call, const struct fl_api *api,
		      void *data);
	void *data;
};

static bool fl_defined_in_earlier_unit(const struct fl_program *program, const struct fl_function_ref *ref)
{
	const struct fl_loc *loc = &ref->function->loc;
	if (strcmp(loc->file, ref->unit->path) == 0)
		return false;
	for (const struct fl_tu_facts *unit = program->units; unit < ref->unit; unit++)
		for (size_t f = 0; f < unit->function_count; f++) {
			const struct fl_loc *other = &unit->functions[f].loc;
			if (other->line == loc->line && other->column == loc->column &&
			    strcmp(other->file, loc->file) == 0)
				return true;
		}
	return false;
}

static void fl_visit_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_api_call_walk *walk = data;
	if (fl_defined_in_earlier_unit(walk->program, ref))
		return;
	for (size_t c = 0; c < ref->function->call_count; c++) {
		const struct fl_call *call = &ref->function->calls[c];
		walk->visit(ref, call, fl_api_find(call->callee), walk->data);
	}
}

void fl_each_call(const struct fl_program *program,
		      void (*visit)(const struct fl_function_ref *ref, const struct fl_call *call,
				    const struct fl_api *api, void *data),
		      void *data)
{
	struct fl_api_call_walk walk = { .program = program, .visit = visit, .data = data };
	fl_program_each_function(program, fl_visit_function, &walk);
}

/* The parameter of `function` that `value` names, or -1. */
static int fl_param_of(const struct fl_function *function, const struct fl_value *value)
{
	if (value->kind != FL_VALUE_VARIABLE || value->address_of)
		return -1;
	for (size_t i = 0; i < function->param_count; i++)
		if (strcmp(function->params[i], value->name) == 0)
			return (int)i;
	return -1;
}

static bool fl_is_operator_new(const char *name)
{
	const char *at = name ? strstr(name, "operator new") : NULL;
	return at && (at == name || at[-1] == ':');
}

const struct fl_call *fl_operator_new_pool_call(const struct fl_function *function,
						bool (*accept)(const struct fl_call *call, const struct fl_api *api),
						int *param)
{
	if (!fl_is_operator_new(function->name))
		return NULL;
	for (size_t c = 0; c < function->call_count; c++) {
		const struct fl_call *call = &function->calls[c];
		const struct fl_api *api = fl_api_find(call->callee);
		if (!api || api->pool_arg == FL_NO_ARG || (size_t)api->pool_arg >= call->arg_count ||
		    (accept && !accept(call, api)))
			continue;
		*param = fl_param_of(function, &call->args[api->pool_arg].value);
		if (*param >= 0)
			return call;
	}
	return NULL;
}
