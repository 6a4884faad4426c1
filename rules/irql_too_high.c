/* irql-too-high: a call to an API (or to a driver function annotated
 * _IRQL_requires_max_) whose maximum IRQL is below the IRQL the calling code
 * may run at.
 *
 * Why: a PASSIVE_LEVEL-only routine (FltCreateFile, ZwCreateFile,
 * FltReadFile, FltQueryInformationFile ...) or an APC_LEVEL-only one
 * (FltGetFileNameInformation, FltAllocateContext, FltGet/Set/Delete*Context)
 * called at DISPATCH_LEVEL waits or touches pageable memory where neither is
 * allowed: IRQL_NOT_LESS_OR_EQUAL (0xA) or a deadlock, under load only.
 * Filter Manager's callback types carry no IRQL annotations, so MSVC's
 * C28120 family sees nothing; fltlint knows each callback by its role.
 *
 * How: the IRQL model of irql.h (post-operation callbacks up to DISPATCH
 * unless every pre-operation of that operation only synchronizes or skips
 * the post; post-create PASSIVE; DPCs and I/O completions DISPATCH; spin-lock
 * and raised-IRQL regions; SafePostCallbacks, context callbacks and paging
 * pre-operations APC), followed down direct calls across files.  Each call
 * whose callee's documented limit (the API table) is below that level is
 * reported once, with the chain from the callback: an error when the code
 * may run at DISPATCH_LEVEL, a warning when at APC_LEVEL.  Pool allocations
 * from paged pool count as APC_LEVEL-only; FltReleaseContext of a context
 * the function got from FltAllocateContext with paged pool, or from
 * FltGet<Type>Context for a type every allocation of which is paged, too.
 *
 * Limits: calls through function pointers are not followed; a region is a
 * stretch of source text within one function (a lock taken in one function
 * and released in another is not seen); a pre-operation callback of an
 * operation other than read, write and the acquire/release callbacks is
 * taken to run at PASSIVE_LEVEL, although the documentation allows APC_LEVEL;
 * code that tests KeGetCurrentIrql() before calling is still reported; a
 * context that reaches FltReleaseContext from another function (a parameter,
 * a field) is known paged only when every context the driver allocates is.
 */
#include <stdlib.h>
#include <string.h>

#include "irql.h"

struct fl_irql_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
	struct fl_irql_map *map;
};

#define FL_ANY_CONTEXT_TYPE (-1LL)

/* Every FltAllocateContext of context type `type` (FL_ANY_CONTEXT_TYPE: of
 * any type) in the driver is known to use paged pool (and there is one);
 * *where gets one of them. */
static bool fl_type_always_paged(const struct fl_program *program, long long type, const struct fl_loc **where)
{
	bool any = false;
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t f = 0; f < unit->function_count; f++) {
			const struct fl_function *function = &unit->functions[f];
			for (size_t c = 0; c < function->call_count; c++) {
				const struct fl_call *call = &function->calls[c];
				const struct fl_api *api = fl_api_find(call->callee);
				if (!api || api->context_op != FL_CONTEXT_OP_ALLOCATE ||
				    (size_t)api->context_type_arg >= call->arg_count ||
				    (size_t)api->pool_arg >= call->arg_count)
					continue;
				const struct fl_value *kind = &call->args[api->context_type_arg].value;
				const struct fl_value *pool = &call->args[api->pool_arg].value;
				if (kind->kind != FL_VALUE_INT)
					return false; /* an allocation of a type fltlint cannot read */
				if (type != FL_ANY_CONTEXT_TYPE && kind->integer != type)
					continue;
				if (pool->kind != FL_VALUE_INT || !fl_pool_type_is_paged(pool->integer))
					return false;
				any = true;
				*where = &call->loc;
			}
		}
	}
	return any;
}

/* Whether the context FltReleaseContext releases at `release` is known to
 * live in paged pool: got in the same function from an allocation with
 * paged pool, or from FltGet<Type>Context of an always-paged type; a
 * context that comes from elsewhere (a parameter, as an asynchronous I/O
 * completion gets its context, a field of a completion context) when every
 * context the driver allocates is paged. */
static bool fl_release_is_paged(const struct fl_irql_run *run, const struct fl_function *function,
				const struct fl_call *release, const struct fl_api *api, const struct fl_loc **where)
{
	if ((size_t)api->context_arg >= release->arg_count)
		return false;
	const struct fl_value *released = &release->args[api->context_arg].value;
	if (released->kind != FL_VALUE_VARIABLE || released->address_of)
		return fl_type_always_paged(run->program, FL_ANY_CONTEXT_TYPE, where);
	for (size_t c = 0; c < function->call_count; c++) {
		const struct fl_call *call = &function->calls[c];
		const struct fl_api *source = fl_api_find(call->callee);
		if (!source || (source->context_op != FL_CONTEXT_OP_ALLOCATE && source->context_op != FL_CONTEXT_OP_GET) ||
		    (size_t)source->context_arg >= call->arg_count)
			continue;
		const struct fl_value *out = &call->args[source->context_arg].value;
		if (out->kind != FL_VALUE_VARIABLE || !out->address_of || strcmp(out->name, released->name) != 0)
			continue;
		if (source->context_op == FL_CONTEXT_OP_ALLOCATE) {
			const struct fl_value *pool = (size_t)source->pool_arg < call->arg_count
				? &call->args[source->pool_arg].value : NULL;
			*where = &call->loc;
			return pool && pool->kind == FL_VALUE_INT && fl_pool_type_is_paged(pool->integer);
		}
		return source->context_type && fl_type_always_paged(run->program, source->context_type, where);
	}
	return fl_type_always_paged(run->program, FL_ANY_CONTEXT_TYPE, where);
}

static void fl_report_call(struct fl_irql_run *run, const struct fl_function *function, const struct fl_call *call,
			   int level, const struct fl_call *raise, int limit, const char *why,
			   const struct fl_loc *why_loc)
{
	char *context;
	bool uncertain = !raise && fl_irql_chain_uncertain(run->map, function->key, call, level);
	if (raise)
		context = fl_xasprintf("between %s (line %u) and the matching release in %s", raise->callee ? raise->callee : "a raise",
				       raise->loc.line, function->name);
	else {
		char *chain = fl_irql_chain_text(run->map, function->key, call, level);
		context = fl_xasprintf("reached from %s%s", chain,
				       uncertain ? " (if a pre-operation status fltlint cannot read lets the "
						   "post-operation come later)" : "");
		free(chain);
	}
	struct fl_finding *finding =
		fl_report(run->out, run->rule,
			  level >= FL_IRQL_DISPATCH && !uncertain ? FL_SEVERITY_ERROR : FL_SEVERITY_WARNING,
			  &call->loc, "%s must be called at IRQL <= %s%s, but this call may run at %s, %s", call->callee,
			  fl_irql_name(limit), why, fl_irql_name(level), context);
	free(context);
	fl_finding_set_function(finding, function->name);
	if (raise)
		fl_finding_add_related(finding, &raise->loc, "%s raises the IRQL to %s here",
				       raise->callee ? raise->callee : "this call", fl_irql_name(level));
	else
		fl_irql_add_related(run->map, function->key, call, level, finding);
	if (why_loc)
		fl_finding_add_related(finding, why_loc, "the memory comes from paged pool here");
}

static void fl_visit_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_irql_run *run = data;
	const struct fl_function *function = ref->function;
	/* A function defined in a header several units include is judged once. */
	if (fl_program_function(run->program, function->key).function != function)
		return;
	for (size_t c = 0; c < function->call_count; c++) {
		const struct fl_call *raise;
		int level = fl_irql_at_call(run->map, function, c, &raise);
		if (level <= FL_IRQL_PASSIVE)
			continue;
		const struct fl_call *call = &function->calls[c];
		const struct fl_api *api = fl_api_find(call->callee);
		const char *why = "";
		const struct fl_loc *why_loc = NULL;
		int limit;
		if (api && api->max_irql >= 0) {
			limit = api->max_irql;
			if (api->apc_if_paged && limit > FL_IRQL_APC) {
				if (api->pool_arg >= 0 && (size_t)api->pool_arg < call->arg_count &&
				    call->args[api->pool_arg].value.kind == FL_VALUE_INT &&
				    fl_pool_type_is_paged(call->args[api->pool_arg].value.integer)) {
					limit = FL_IRQL_APC;
					why = " for paged pool";
				} else if (api->context_op == FL_CONTEXT_OP_RELEASE &&
					   fl_release_is_paged(run, function, call, api, &why_loc)) {
					limit = FL_IRQL_APC;
					why = " for a context in paged pool";
				}
			}
		} else if (!api) {
			struct fl_function_ref callee = fl_program_function(run->program, call->callee_key);
			if (!callee.function || callee.function->irql.requires_max < 0)
				continue;
			limit = callee.function->irql.requires_max;
			why = " (its _IRQL_requires_max_)";
		} else {
			continue;
		}
		if (level > limit)
			fl_report_call(run, function, call, level, raise, limit, why, why_loc);
	}
}

static void fl_check_irql_too_high(const struct fl_rule *rule, const struct fl_program *program,
				   struct fl_findings *out)
{
	struct fl_irql_run run = { .rule = rule, .program = program, .out = out };
	run.map = fl_irql_map_of(program);
	fl_program_each_function(program, fl_visit_function, &run);
}

const struct fl_rule fl_rule_irql_too_high = {
	.id = "irql-too-high",
	.severity = FL_SEVERITY_ERROR,
	.summary = "API called from code that may run above the IRQL it allows (post-operation, DPC, spin lock)",
	.msvc_warning = 28121,
	.check = fl_check_irql_too_high,
};
