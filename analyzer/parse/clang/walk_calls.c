/* Calls and returns of a function body, and what its locals hold.
 * Facts: fl_call with its arguments (from each CallExpr), fl_function's
 * returns / returns_unknown (from each ReturnStmt).  Assignments, `++`, `--`
 * and `&` (BinaryOperator, UnaryOperator)
 * feed the locals, so that an argument, a field store or a return naming a
 * local resolves to a constant: only once the whole body is walked
 * (fl_body_resolve_locals), and only when every store into the local is
 * that constant and its address never escapes (`status = STATUS_X; ...
 * return status;`). */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_internal.h"

static size_t fl_local_index(struct fl_body *body, CXCursor decl, bool add)
{
	for (size_t i = 0; i < body->local_count; i++)
		if (clang_equalCursors(body->locals[i].decl, decl))
			return i;
	if (!add)
		return (size_t)-1;
	FL_GROW(body->locals, body->local_capacity, body->local_count + 1);
	body->locals[body->local_count] = (struct fl_local){ .decl = decl };
	return body->local_count++;
}

const struct fl_local *fl_local_find(const struct fl_body *body, CXCursor decl)
{
	for (size_t i = 0; i < body->local_count; i++)
		if (clang_equalCursors(body->locals[i].decl, decl))
			return &body->locals[i];
	return NULL;
}

bool fl_is_local_variable(CXCursor decl)
{
	/* Global storage: file scope, namespaces, static locals, and a class's
	 * static members (`Config::Filter`, whose definition has no `static`). */
	return clang_getCursorKind(decl) == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(decl) == 0;
}

/* Records that `decl` is given `source` (an expression; a null cursor for
 * anything that is not a plain constant store). */
static void fl_local_note_value(struct fl_local *local, long long value)
{
	for (size_t i = 0; i < local->value_count; i++)
		if (local->values[i] == value)
			return;
	if (local->value_count == sizeof(local->values) / sizeof(local->values[0]))
		local->opaque = true;
	else
		local->values[local->value_count++] = value;
}

void fl_local_store(struct fl_body *body, CXCursor decl, CXCursor source)
{
	if (!fl_is_local_variable(decl))
		return;
	size_t index = fl_local_index(body, decl, true); /* may move body->locals */
	struct fl_local *local = &body->locals[index];
	local->store_count++;
	long long value;
	if (clang_Cursor_isNull(source) || !fl_eval_int(source, &value)) {
		local->conflicting = true;
		local->opaque = true;
		return;
	}
	fl_local_note_value(local, value);
	if (local->has_value && local->value != value)
		local->conflicting = true;
	local->has_value = true;
	local->value = value;
}

/* Notes that `value`, which names `decl`, may resolve through the local. */
void fl_pend(struct fl_body *body, CXCursor decl, const struct fl_value *value, size_t call, size_t arg)
{
	if (clang_Cursor_isNull(decl) || !fl_is_local_variable(decl))
		return;
	size_t local = fl_local_index(body, decl, true);
	if (value->address_of) {
		fl_local_store(body, decl, clang_getNullCursor());
		return;
	}
	FL_GROW(body->pending, body->pending_capacity, body->pending_count + 1);
	body->pending[body->pending_count++] = (struct fl_pending_arg){ .call = call, .arg = arg, .local = local };
}

/* ++x, x--, &x: the variable no longer holds one known constant. */
void fl_body_unary(struct fl_body *body, CXCursor expression)
{
	CXCursor operand[1];
	if (fl_children(expression, operand, 1) != 1)
		return;
	CXCursor target = fl_referenced_variable(operand[0]);
	if (clang_Cursor_isNull(target))
		return;
	switch (clang_getCursorUnaryOperatorKind(expression)) {
	case CXUnaryOperator_PostInc:
	case CXUnaryOperator_PostDec:
	case CXUnaryOperator_PreInc:
	case CXUnaryOperator_PreDec:
	case CXUnaryOperator_AddrOf:
		fl_local_store(body, target, clang_getNullCursor());
		break;
	default:
		break;
	}
}

/* The callee as the rules look it up: a kernel routine (declared in a
 * system header) by its plain name, which the API table knows; the
 * driver's own function by its qualified name. */
void fl_call_names_callee(struct fl_walk *walk, struct fl_call *record, CXCursor callee)
{
	bool system = clang_Location_isInSystemHeader(clang_getCursorLocation(clang_getCanonicalCursor(callee)));
	record->callee = system ? fl_unit_string(walk, clang_getCursorSpelling(callee))
				: fl_facts_take_string(walk->facts, fl_function_name(walk, callee));
	record->callee_key = fl_facts_take_string(walk->facts, fl_function_key(walk, callee));
}

void fl_body_call(struct fl_body *body, CXCursor call, CXCursor parent)
{
	struct fl_walk *walk = body->walk;
	struct fl_function *function = body->function;
	FL_GROW(function->calls, body->call_capacity, function->call_count + 1);
	size_t index = function->call_count++;
	FL_GROW(body->call_cursors, body->call_cursor_capacity, body->call_cursor_count + 1);
	body->call_cursors[body->call_cursor_count++] = call;
	struct fl_call *record = &function->calls[index];
	memset(record, 0, sizeof(*record));
	record->loc = fl_make_loc(walk, clang_getCursorLocation(call));

	CXCursor callee = clang_getCursorReferenced(call);
	if (clang_Cursor_isNull(callee))
		callee = fl_cxx_dependent_callee(walk, call);
	if (fl_is_function(callee))
		fl_call_names_callee(walk, record, callee);
	else if (clang_getCursorKind(callee) == CXCursor_NonTypeTemplateParameter)
		fl_cxx_argument_callee(walk, callee, record);
	record->object = fl_cxx_call_object(walk, call, parent);
	int count = clang_Cursor_getNumArguments(call);
	if (count <= 0)
		return;
	record->args = fl_xcalloc((size_t)count, sizeof(*record->args));
	record->arg_count = (size_t)count;
	for (int i = 0; i < count; i++) {
		CXCursor argument = clang_Cursor_getArgument(call, (unsigned)i);
		struct fl_arg *arg = &record->args[i];
		CXCursor decl;
		fl_make_value(walk, argument, &arg->value, &decl);
		arg->loc = fl_make_loc(walk, clang_getRangeStart(clang_getCursorExtent(argument)));
		fl_pend(body, decl, &arg->value, index, (size_t)i);
	}
}

static void fl_add_return(struct fl_body *body, long long result);

/* `return status;` of a local variable: noted, to be resolved to the
 * constants stored into it once the whole body is walked. */
static bool fl_return_local(struct fl_body *body, CXCursor expression)
{
	CXCursor target = fl_referenced_variable(expression);
	if (clang_Cursor_isNull(target) || !fl_is_local_variable(target))
		return false;
	size_t local = fl_local_index(body, target, true);
	FL_GROW(body->return_locals, body->return_local_capacity, body->return_local_count + 1);
	body->return_locals[body->return_local_count++] = local;
	return true;
}

/* A local returned holds one of the constants stored into it, unless
 * something else was stored or its address escaped. */
static void fl_resolve_return_locals(struct fl_body *body)
{
	for (size_t i = 0; i < body->return_local_count; i++) {
		const struct fl_local *local = &body->locals[body->return_locals[i]];
		if (local->opaque || local->value_count == 0) {
			body->function->returns_unknown = true;
			continue;
		}
		for (size_t v = 0; v < local->value_count; v++)
			fl_add_return(body, local->values[v]);
	}
}

void fl_body_return(struct fl_body *body, CXCursor statement)
{
	CXCursor value[1];
	if (fl_children(statement, value, 1) != 1)
		return;
	long long result;
	if (!fl_eval_int(value[0], &result)) {
		if (!fl_return_local(body, value[0]))
			body->function->returns_unknown = true;
		return;
	}
	fl_add_return(body, result);
}

/* Adds a constant to the function's returns, once. */
static void fl_add_return(struct fl_body *body, long long result)
{
	struct fl_function *function = body->function;
	for (size_t i = 0; i < function->return_count; i++)
		if (function->returns[i] == result)
			return;
	FL_GROW(function->returns, body->return_capacity, function->return_count + 1);
	function->returns[function->return_count++] = result;
}

/* Once the whole body is walked: an argument or field store that names a
 * local holding one constant gets that constant; a returned local, every
 * constant stored into it. */
void fl_body_resolve_locals(struct fl_body *body)
{
	struct fl_function *function = body->function;
	for (size_t i = 0; i < body->pending_count; i++) {
		const struct fl_pending_arg *pending = &body->pending[i];
		struct fl_local *local = &body->locals[pending->local];
		struct fl_value *value = pending->call == FL_STORE_VALUE
			? &function->field_stores[pending->arg].value
			: &function->calls[pending->call].args[pending->arg].value;
		if (local->has_value && !local->conflicting) {
			value->kind = FL_VALUE_INT;
			value->integer = local->value;
			value->via_variable = true;
		}
	}
	fl_resolve_return_locals(body);
}
