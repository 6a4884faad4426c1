/* The flow summary's expressions and conditions (walk_flow.c has the
 * statements).  Decides which variables are of interest (out parameters,
 * pointers handed to calls, statuses, constant flags), then makes the CALL,
 * ASSIGN, USE and BRANCH nodes of an expression, with `&&`, `||` and `!`
 * lowered to branches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_flow.h"
#include "walk_internal.h"


/* The local variable or parameter `expression` names (through parentheses
 * and casts), or a null cursor. */
CXCursor fl_flow_variable(CXCursor expression)
{
	CXCursor inner = fl_strip(expression);
	if (clang_getCursorKind(inner) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	CXCursor target = clang_getCursorReferenced(inner);
	if (clang_getCursorKind(target) == CXCursor_ParmDecl || fl_is_local_variable(target))
		return target;
	return clang_getNullCursor();
}

bool fl_flow_is_pointer(CXCursor decl)
{
	return clang_getCanonicalType(clang_getCursorType(decl)).kind == CXType_Pointer;
}

bool fl_flow_is_interesting(const struct fl_flow *flow, CXCursor decl)
{
	if (clang_Cursor_isNull(decl))
		return false;
	for (size_t i = 0; i < flow->interesting_count; i++)
		if (clang_equalCursors(flow->interesting[i], decl))
			return true;
	return false;
}

void fl_flow_note_interesting(struct fl_flow *flow, CXCursor decl)
{
	if (clang_Cursor_isNull(decl) || fl_flow_is_interesting(flow, decl))
		return;
	FL_GROW(flow->interesting, flow->interesting_capacity, flow->interesting_count + 1);
	flow->interesting[flow->interesting_count++] = decl;
}

/* `&x` (through casts): x's declaration, else a null cursor. */
static CXCursor fl_flow_address_of(CXCursor expression)
{
	CXCursor inner = fl_strip(expression);
	CXCursor operand[1];
	if (clang_getCursorKind(inner) != CXCursor_UnaryOperator || fl_children(inner, operand, 1) != 1)
		return clang_getNullCursor();
	char *op = fl_unary_operator(inner);
	bool address = strcmp(op, "&") == 0;
	free(op);
	return address ? fl_flow_variable(operand[0]) : clang_getNullCursor();
}

/* The position of parameter `decl` in the function being walked, or -1. */
static int fl_flow_param_index(struct fl_flow *flow, CXCursor decl)
{
	if (clang_getCursorKind(decl) != CXCursor_ParmDecl)
		return -1;
	int count = clang_Cursor_getNumArguments(flow->body->decl);
	for (int i = 0; i < count; i++)
		if (clang_equalCursors(clang_Cursor_getArgument(flow->body->decl, (unsigned)i), decl))
			return i;
	return -1;
}

/* The alias `decl` is (see fl_flow_alias), or NULL. */
static struct fl_flow_alias *fl_flow_alias_find(struct fl_flow *flow, CXCursor decl)
{
	for (size_t i = 0; i < flow->alias_count; i++)
		if (clang_equalCursors(flow->aliases[i].decl, decl))
			return &flow->aliases[i];
	return NULL;
}

static const struct fl_flow_alias *fl_flow_alias_of(struct fl_flow *flow, CXCursor decl)
{
	const struct fl_flow_alias *alias = fl_flow_alias_find(flow, decl);
	return alias && !alias->stored ? alias : NULL;
}

/* A local pointer whose initializer is a field reached from a parameter
 * (`Data->Iopb`, checked when a test names it) becomes a candidate alias. */
static void fl_flow_note_alias(struct fl_flow *flow, CXCursor decl)
{
	CXCursor children[8];
	unsigned count = fl_children(decl, children, 8);
	if (!count || count > 8 || !fl_is_local_variable(decl) || !fl_flow_is_pointer(decl))
		return;
	CXCursor init = fl_strip(children[count - 1]);
	if (clang_getCursorKind(init) != CXCursor_MemberRefExpr)
		return;
	FL_GROW(flow->aliases, flow->alias_capacity, flow->alias_count + 1);
	flow->aliases[flow->alias_count++] = (struct fl_flow_alias){ .decl = decl, .init = init };
}

/* A store into `target` (an assignment, ++, &target) ends its alias. */
static void fl_flow_alias_stored(struct fl_flow *flow, CXCursor target)
{
	CXCursor inner = fl_strip(target);
	if (clang_getCursorKind(inner) != CXCursor_DeclRefExpr)
		return;
	struct fl_flow_alias *alias = fl_flow_alias_find(flow, clang_getCursorReferenced(inner));
	if (alias)
		alias->stored = true;
}

/* A parameter, or a field reached from one through -> and . (`Data->Iopb->
 * MajorFunction`): the parameter's position (*param) and the path after it
 * (*path, a buffer of `size` bytes: "" for the parameter itself; facts.h,
 * fl_flow_node.field, says how it is written).  False for anything else. */
static bool fl_flow_param_path(struct fl_flow *flow, CXCursor expression, int *param, char *path, size_t size,
			       bool *through_union)
{
	CXCursor inner = fl_strip(expression);
	enum CXCursorKind kind = clang_getCursorKind(inner);
	if (kind == CXCursor_DeclRefExpr) {
		CXCursor decl = clang_getCursorReferenced(inner);
		const struct fl_flow_alias *alias = fl_flow_alias_of(flow, decl);
		if (alias)
			return fl_flow_param_path(flow, alias->init, param, path, size, through_union);
		*param = fl_flow_param_index(flow, decl);
		path[0] = '\0';
		*through_union = false;
		return *param >= 0;
	}
	CXCursor base[1];
	if (kind != CXCursor_MemberRefExpr || fl_children(inner, base, 1) != 1 ||
	    !fl_flow_param_path(flow, base[0], param, path, size, through_union))
		return false;
	CXCursor member = clang_getCursorReferenced(inner);
	if (clang_getCursorKind(member) != CXCursor_FieldDecl)
		return false;
	CXType base_type = clang_getCanonicalType(clang_getCursorType(fl_strip(base[0])));
	bool arrow = base_type.kind == CXType_Pointer;
	if (arrow)
		base_type = clang_getCanonicalType(clang_getPointeeType(base_type));
	bool in_union = clang_getCursorKind(clang_getTypeDeclaration(base_type)) == CXCursor_UnionDecl;
	*through_union = *through_union || in_union;
	char *name = fl_cxstring(clang_getCursorSpelling(member));
	size_t used = strlen(path);
	snprintf(path + used, size - used, "%s%s", arrow ? "->" : ".", in_union ? "|" : name);
	free(name);
	return strlen(path) + 1 < size;
}

/* The parameter or parameter field `expression` tests: *param and the
 * unit's copy of its path, or false. */
bool fl_flow_param_operand(struct fl_flow *flow, CXCursor expression, int *param, const char **field)
{
	char path[512];
	bool through_union = false;
	if (!fl_flow_param_path(flow, expression, param, path, sizeof(path), &through_union))
		return false;
	if (through_union) {
		/* The last field's offset tells apart fields of the same name at
		 * different places of the union's members. */
		long long offset = clang_Cursor_getOffsetOfField(clang_getCursorReferenced(fl_strip(expression)));
		size_t used = strlen(path);
		snprintf(path + used, sizeof(path) - used, "@%lld", offset);
	}
	*field = path[0] ? fl_facts_string(flow->body->walk->facts, path) : NULL;
	return true;
}

/* Variables of interest: those whose address a call is given (out
 * parameters), pointers a call is given, and those a call's value is
 * stored in (statuses). */
enum CXChildVisitResult fl_flow_scan(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_flow *flow = data;
	CXCursor children[8];
	switch (clang_getCursorKind(cursor)) {
	case CXCursor_CallExpr: {
		int count = clang_Cursor_getNumArguments(cursor);
		for (int i = 0; i < count; i++) {
			CXCursor argument = clang_Cursor_getArgument(cursor, (unsigned)i);
			CXCursor variable = fl_flow_variable(argument);
			if (!clang_Cursor_isNull(variable) && fl_flow_is_pointer(variable))
				fl_flow_note_interesting(flow, variable);
			fl_flow_note_interesting(flow, fl_flow_address_of(argument));
		}
		break;
	}
	case CXCursor_BinaryOperator:
		if (fl_children(cursor, children, 2) == 2 &&
		    clang_getCursorKind(fl_strip(children[1])) == CXCursor_CallExpr)
			fl_flow_note_interesting(flow, fl_flow_variable(children[0]));
		if (clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_Assign && fl_children(cursor, children, 2) == 2)
			fl_flow_alias_stored(flow, children[0]);
		break;
	case CXCursor_CompoundAssignOperator:
		if (fl_children(cursor, children, 1) == 1)
			fl_flow_alias_stored(flow, children[0]);
		break;
	case CXCursor_UnaryOperator: {
		enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(cursor);
		if ((op == CXUnaryOperator_AddrOf || op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PreDec ||
		     op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PostDec) &&
		    fl_children(cursor, children, 1) == 1)
			fl_flow_alias_stored(flow, children[0]);
		break;
	}
	case CXCursor_ReturnStmt: {
		/* A returned integer local: every store to it is followed (a
		 * status a callback returns). */
		CXCursor variable = fl_children(cursor, children, 1) == 1 ? fl_flow_variable(children[0])
									     : clang_getNullCursor();
		if (fl_is_local_variable(variable) && fl_is_integer_type(clang_getCursorType(variable)))
			fl_flow_note_interesting(flow, variable);
		break;
	}
	case CXCursor_VarDecl: {
		unsigned count = fl_children(cursor, children, 8);
		if (count && count <= 8 && clang_getCursorKind(fl_strip(children[count - 1])) == CXCursor_CallExpr &&
		    fl_is_local_variable(cursor))
			fl_flow_note_interesting(flow, cursor);
		fl_flow_note_alias(flow, cursor);
		break;
	}
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

/* The index of `call` among the calls fl_body_call recorded, or -1.  By
 * extent: the same call reached by another walk need not be an equal
 * cursor (libclang keeps the parent it came through). */
int fl_flow_call_index(struct fl_body *body, CXCursor call)
{
	CXSourceRange extent = clang_getCursorExtent(call);
	for (size_t i = 0; i < body->call_cursor_count; i++)
		if (clang_equalRanges(clang_getCursorExtent(body->call_cursors[i]), extent))
			return (int)i;
	return -1;
}

/* A call: its arguments' events, then the call itself (`result`: the
 * variable its value is stored in, or a null cursor). */
int fl_flow_call(struct fl_flow *flow, CXCursor call, CXCursor result, int next)
{
	int index = fl_flow_call_index(flow->body, call);
	int after = next;
	if (index >= 0) {
		int node = fl_flow_node_new(flow, FL_FLOW_CALL, call, next);
		if (node != FL_FLOW_NO_TARGET) {
			struct fl_flow_node *record = &flow->function->flow[node];
			record->call = index;
			if (!clang_Cursor_isNull(result))
				record->var = fl_flow_name(flow, result);
			CXCursor callee = clang_getCursorReferenced(call);
			record->system_callee = fl_is_function(callee) &&
				clang_Location_isInSystemHeader(clang_getCursorLocation(clang_getCanonicalCursor(callee)));
			after = node;
		}
	}
	return fl_flow_children_events(flow, call, after);
}

/* What an ASSIGN to `target` stores, from the right side `inner` (stripped)
 * or the variable `source` it names. */
void fl_flow_source(struct fl_flow *flow, struct fl_flow_node *record, CXCursor target, CXCursor source,
			   CXCursor inner)
{
	long long constant;
	if (!clang_Cursor_isNull(source)) {
		record->source_kind = FL_FLOW_SOURCE_VARIABLE;
		record->source = fl_flow_name(flow, source);
	} else if (fl_eval_int(inner, &constant)) {
		bool pointer = !clang_Cursor_isNull(target) && fl_flow_is_pointer(target);
		if (pointer && constant == 0) {
			record->source_kind = FL_FLOW_SOURCE_NULL;
		} else if (!pointer) {
			record->source_kind = FL_FLOW_SOURCE_CONSTANT;
			record->value = constant;
		}
	}
}

/* `target = source`: a CALL node naming the target when the source is a
 * call, else an ASSIGN when either side is of interest. */
static int fl_flow_assign(struct fl_flow *flow, CXCursor expression, CXCursor lhs, CXCursor rhs, int next)
{
	CXCursor target = fl_flow_variable(lhs);
	CXCursor source = fl_flow_variable(rhs);
	CXCursor inner = fl_strip(rhs);
	bool target_interesting = fl_flow_is_interesting(flow, target);
	if (clang_getCursorKind(inner) == CXCursor_CallExpr && target_interesting)
		return fl_flow_call(flow, inner, target, next);
	bool source_pointer = !clang_Cursor_isNull(source) && fl_flow_is_pointer(source);
	int after = next;
	if (target_interesting || source_pointer) {
		int node = fl_flow_node_new(flow, FL_FLOW_ASSIGN, expression, next);
		if (node != FL_FLOW_NO_TARGET) {
			struct fl_flow_node *record = &flow->function->flow[node];
			if (!clang_Cursor_isNull(target))
				record->var = fl_flow_name(flow, target);
			fl_flow_source(flow, record, target, source, inner);
			after = node;
		}
	}
	/* The right side runs first; a store through `p->f` uses p. */
	after = clang_Cursor_isNull(target) ? fl_flow_expr(flow, lhs, after) : after;
	return fl_flow_expr(flow, rhs, after);
}

/* A dereference of `base` (p->f, *p, p[i]) when it names a variable of interest. */
static int fl_flow_use(struct fl_flow *flow, CXCursor where, CXCursor base, int next)
{
	CXCursor variable = fl_flow_variable(base);
	if (!fl_flow_is_interesting(flow, variable) || !fl_flow_is_pointer(variable))
		return next;
	const char *name = fl_flow_name(flow, variable);
	/* p->a; p->b; ... is one use. */
	if (next >= 0 && flow->function->flow[next].kind == FL_FLOW_USE &&
	    strcmp(flow->function->flow[next].var, name) == 0)
		return next;
	int node = fl_flow_node_new(flow, FL_FLOW_USE, where, next);
	if (node == FL_FLOW_NO_TARGET)
		return next;
	flow->function->flow[node].var = name;
	return node;
}

int fl_flow_expr(struct fl_flow *flow, CXCursor expression, int next)
{
	CXCursor children[3];
	switch (clang_getCursorKind(expression)) {
	case CXCursor_CallExpr:
		return fl_flow_call(flow, expression, clang_getNullCursor(), next);
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator: {
		if (fl_children(expression, children, 2) != 2)
			break;
		char *op = fl_binary_operator(expression);
		bool assign = strcmp(op, "=") == 0;
		bool compound = clang_getCursorKind(expression) == CXCursor_CompoundAssignOperator;
		free(op);
		if (assign)
			return fl_flow_assign(flow, expression, children[0], children[1], next);
		if (compound && fl_flow_is_interesting(flow, fl_flow_variable(children[0]))) {
			int node = fl_flow_node_new(flow, FL_FLOW_ASSIGN, expression, next);
			if (node != FL_FLOW_NO_TARGET)
				flow->function->flow[node].var = fl_flow_name(flow, fl_flow_variable(children[0]));
			return fl_flow_children_events(flow, expression, FL_FLOW_OR(node, next));
		}
		break;
	}
	case CXCursor_MemberRefExpr:
		if (fl_children(expression, children, 1) == 1)
			return fl_flow_expr(flow, children[0], fl_flow_use(flow, expression, children[0], next));
		break;
	case CXCursor_ArraySubscriptExpr:
		if (fl_children(expression, children, 2) == 2)
			return fl_flow_children_events(flow, expression, fl_flow_use(flow, expression, children[0], next));
		break;
	case CXCursor_UnaryOperator: {
		if (fl_children(expression, children, 1) != 1)
			break;
		char *op = fl_unary_operator(expression);
		int after = next;
		if (strcmp(op, "*") == 0)
			after = fl_flow_use(flow, expression, children[0], next);
		free(op);
		return fl_flow_expr(flow, children[0], after);
	}
	case CXCursor_ConditionalOperator:
		if (fl_children(expression, children, 3) == 3)
			return fl_flow_cond(flow, children[0], fl_flow_expr(flow, children[1], next),
					    fl_flow_expr(flow, children[2], next));
		break;
	case CXCursor_StmtExpr:
		return fl_flow_children_events(flow, expression, next); /* ({ ... }) */
	case CXCursor_CompoundStmt:
		return fl_flow_stmt(flow, expression, next);
	default:
		break;
	}
	return fl_flow_children_events(flow, expression, next);
}

/* Whether `expression` (stripped) is the expansion of NT_SUCCESS(...): its
 * `>=` comes from the macro's body, whose tokens libclang 14 does not show. */
static bool fl_flow_is_nt_success(struct fl_walk *walk, CXCursor expression)
{
	CXFile file;
	unsigned offset = fl_offset(clang_getRangeStart(clang_getCursorExtent(expression)), &file);
	for (size_t i = 0; i < walk->expansion_count; i++)
		if (walk->expansions[i].offset == offset && clang_File_isEqual(walk->expansions[i].file, file) &&
		    strcmp(walk->expansions[i].name, "NT_SUCCESS") == 0)
			return true;
	return false;
}

/* The operand of a test: a variable of interest (*variable) or a call whose
 * value is tested directly (*call). */
static bool fl_flow_operand(struct fl_flow *flow, CXCursor expression, CXCursor *variable, int *call)
{
	*variable = fl_flow_variable(expression);
	*call = -1;
	if (fl_flow_is_interesting(flow, *variable))
		return true;
	CXCursor inner = fl_strip(expression);
	if (clang_getCursorKind(inner) != CXCursor_CallExpr)
		return false;
	*variable = clang_getNullCursor();
	*call = fl_flow_call_index(flow->body, inner);
	return *call >= 0;
}

/* `x & K` (stripped) with a constant side: x, with *mask = K. */
static bool fl_flow_masked(CXCursor inner, CXCursor *operand, long long *mask)
{
	CXCursor children[2];
	if (clang_getCursorKind(inner) != CXCursor_BinaryOperator || fl_children(inner, children, 2) != 2)
		return false;
	char *op = fl_binary_operator(inner);
	bool is_and = strcmp(op, "&") == 0;
	free(op);
	if (!is_and)
		return false;
	if (fl_eval_int(fl_strip(children[1]), mask))
		*operand = children[0];
	else if (fl_eval_int(fl_strip(children[0]), mask))
		*operand = children[1];
	else
		return false;
	return true;
}

/* The test a condition makes of a parameter or a parameter's field, or of a
 * call's value by an ordering (KeGetCurrentIrql() <= APC_LEVEL): fills
 * `record` (test, value, param, field, call) and tells whether the test
 * holds when `record`'s test does not (*negate).  False when the condition
 * is none of these. */
static bool fl_flow_operand_test(struct fl_flow *flow, CXCursor inner, struct fl_flow_node *record, bool *negate)
{
	CXCursor children[2], operand;
	long long constant = 0, mask = 0;
	enum CXCursorKind kind = clang_getCursorKind(inner);
	*negate = false;
	if (fl_flow_masked(inner, &operand, &mask)) { /* FlagOn(x, K) */
		record->test = FL_FLOW_TEST_BITS;
		record->value = mask;
		return fl_flow_param_operand(flow, operand, &record->param, &record->field);
	}
	if (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr) { /* `if (p)`, `if (Data->Flag)` */
		if (!fl_flow_param_operand(flow, inner, &record->param, &record->field))
			return false;
		bool pointer = clang_getCanonicalType(clang_getCursorType(inner)).kind == CXType_Pointer;
		record->test = pointer ? FL_FLOW_TEST_NONNULL : FL_FLOW_TEST_EQUALS;
		*negate = !pointer;
		return true;
	}
	if (kind != CXCursor_BinaryOperator || fl_children(inner, children, 2) != 2)
		return false;
	char *op = fl_binary_operator(inner);
	CXCursor side = children[0];
	bool constant_right = fl_eval_int(fl_strip(children[1]), &constant);
	if (!constant_right && fl_eval_int(fl_strip(children[0]), &constant))
		side = children[1];
	else if (!constant_right) {
		free(op);
		return false;
	}
	bool equality = strcmp(op, "==") == 0 || strcmp(op, "!=") == 0;
	bool ordering = constant_right && (strcmp(op, "<=") == 0 || strcmp(op, "<") == 0 || strcmp(op, ">") == 0 ||
					   strcmp(op, ">=") == 0);
	bool found = false;
	if (equality && constant == 0 && fl_flow_masked(fl_strip(side), &operand, &mask)) {
		record->test = FL_FLOW_TEST_BITS; /* (x & K) != 0 */
		record->value = mask;
		*negate = strcmp(op, "==") == 0;
		found = fl_flow_param_operand(flow, operand, &record->param, &record->field);
	} else if (equality && fl_flow_param_operand(flow, side, &record->param, &record->field)) {
		bool pointer = clang_getCanonicalType(clang_getCursorType(fl_strip(side))).kind == CXType_Pointer;
		record->test = pointer && constant == 0 ? FL_FLOW_TEST_NONNULL : FL_FLOW_TEST_EQUALS;
		record->value = record->test == FL_FLOW_TEST_EQUALS ? constant : 0;
		*negate = (strcmp(op, "!=") == 0) != (record->test == FL_FLOW_TEST_NONNULL);
		found = true;
	} else if (ordering) {
		CXCursor variable;
		int call = -1;
		found = fl_flow_param_operand(flow, side, &record->param, &record->field) ||
			(fl_flow_operand(flow, side, &variable, &call) && call >= 0);
		record->call = found && record->param < 0 ? call : -1;
		record->test = FL_FLOW_TEST_AT_MOST;
		bool strict = op[0] == '<' ? op[1] == '\0' : op[1] == '=';
		record->value = strict ? constant - 1 : constant; /* x < K: x <= K-1; x >= K: !(x <= K-1) */
		*negate = op[0] == '>';
	}
	free(op);
	if (!found)
		record->param = -1, record->field = NULL;
	return found;
}

/* A test that is not && || !: one BRANCH node after the events of the
 * expression.  An unknown test with both ways leading to the same place
 * leaves none; a known one stays, since what it tells (`if (p != NULL) {}`:
 * p holds a reference from here) matters even when nothing follows. */
static int fl_flow_atom(struct fl_flow *flow, CXCursor expression, CXCursor inner, int if_true, int if_false)
{
	struct fl_walk *walk = flow->body->walk;
	enum fl_flow_test test = FL_FLOW_TEST_UNKNOWN;
	bool negate = false;
	CXCursor variable = clang_getNullCursor();
	int call = -1;
	long long value = 0;
	CXCursor children[2];
	enum CXCursorKind kind = clang_getCursorKind(inner);
	if (kind == CXCursor_DeclRefExpr) {
		variable = fl_flow_variable(inner);
		if (fl_flow_is_interesting(flow, variable)) {
			/* `if (p)`: p != NULL; `if (flag)`: !(flag == 0) */
			negate = !fl_flow_is_pointer(variable);
			test = negate ? FL_FLOW_TEST_EQUALS : FL_FLOW_TEST_NONNULL;
		}
	} else if (kind == CXCursor_BinaryOperator && fl_children(inner, children, 2) == 2) {
		char *op = fl_binary_operator(inner);
		long long constant = 0;
		CXCursor side = children[0];
		/* NULL is ((void *)0): a pointer, evaluated inside its cast. */
		bool constant_right = fl_eval_int(fl_strip(children[1]), &constant);
		if (!constant_right && fl_eval_int(fl_strip(children[0]), &constant))
			side = children[1];
		else if (!constant_right)
			op[0] = '\0', side = clang_getNullCursor();
		if (!clang_Cursor_isNull(side) && fl_flow_operand(flow, side, &variable, &call)) {
			bool pointer = !clang_Cursor_isNull(variable) && fl_flow_is_pointer(variable);
			bool equality = strcmp(op, "==") == 0 || strcmp(op, "!=") == 0;
			if (equality && pointer && constant == 0) {
				test = FL_FLOW_TEST_NONNULL;
				negate = strcmp(op, "==") == 0;
			} else if (equality && !pointer) {
				test = FL_FLOW_TEST_EQUALS;
				value = constant;
				negate = strcmp(op, "!=") == 0;
			} else if (!pointer && constant == 0 && clang_equalCursors(side, children[0]) &&
				   (strcmp(op, ">=") == 0 || strcmp(op, "<") == 0 ||
				    (!op[0] && fl_flow_is_nt_success(walk, inner)))) {
				test = FL_FLOW_TEST_SUCCESS;
				negate = strcmp(op, "<") == 0;
			}
		}
		free(op);
	}
	/* A test of a parameter or of its fields (or an ordering of a call's
	 * value): the same test of a variable of interest keeps its variable. */
	struct fl_flow_node operand = { .param = -1, .call = -1 };
	bool operand_negate = false;
	bool by_operand = fl_flow_operand_test(flow, inner, &operand, &operand_negate) &&
			  (test == FL_FLOW_TEST_UNKNOWN || (operand.test == test && operand_negate == negate));
	if (by_operand && test == FL_FLOW_TEST_UNKNOWN) {
		test = operand.test;
		value = operand.value;
		negate = operand_negate;
		call = operand.call;
		variable = clang_getNullCursor();
	}
	if (test == FL_FLOW_TEST_UNKNOWN) {
		if (if_true == if_false)
			return fl_flow_expr(flow, expression, if_true);
		variable = clang_getNullCursor();
		call = -1;
	}
	int node = fl_flow_node_new(flow, FL_FLOW_BRANCH, inner, negate ? if_false : if_true);
	if (node == FL_FLOW_NO_TARGET)
		return fl_flow_expr(flow, expression, if_true);
	struct fl_flow_node *record = &flow->function->flow[node];
	record->other = negate ? if_true : if_false;
	record->test = test;
	record->call = call;
	record->value = value;
	if (by_operand) {
		record->param = operand.param;
		record->field = operand.field;
	}
	if (!clang_Cursor_isNull(variable))
		record->var = fl_flow_name(flow, variable);
	return fl_flow_expr(flow, expression, node);
}

/* A condition, short-circuits lowered: control goes to `if_true` or `if_false`. */
int fl_flow_cond(struct fl_flow *flow, CXCursor expression, int if_true, int if_false)
{
	long long constant;
	if (fl_eval_int(expression, &constant))
		return constant ? if_true : if_false;
	CXCursor inner = fl_strip(expression);
	CXCursor children[2];
	enum CXCursorKind kind = clang_getCursorKind(inner);
	if (kind == CXCursor_UnaryOperator && fl_children(inner, children, 1) == 1) {
		char *op = fl_unary_operator(inner);
		bool is_not = strcmp(op, "!") == 0;
		free(op);
		if (is_not)
			return fl_flow_cond(flow, children[0], if_false, if_true);
	} else if (kind == CXCursor_BinaryOperator && fl_children(inner, children, 2) == 2) {
		char *op = fl_binary_operator(inner);
		bool is_and = strcmp(op, "&&") == 0, is_or = strcmp(op, "||") == 0;
		free(op);
		if (is_and)
			return fl_flow_cond(flow, children[0], fl_flow_cond(flow, children[1], if_true, if_false), if_false);
		if (is_or)
			return fl_flow_cond(flow, children[0], if_true, fl_flow_cond(flow, children[1], if_true, if_false));
	}
	return fl_flow_atom(flow, expression, inner, if_true, if_false);
}
