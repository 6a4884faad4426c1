/* The one walk of a translation unit: libclang's AST and tokens -> facts.
 *
 * Three sources feed it, because libclang 14 exposes each fact in only one:
 * - the AST: function definitions, calls and their arguments (resolved to
 *   constants with clang_Cursor_Evaluate), initialized registration arrays,
 *   return values, SAL IRQL annotations (as `annotate` attributes);
 * - the preprocessing record: PAGED_CODE()/PAGED_CODE_LOCKED() expansions,
 *   which are empty macros in the real WDK and leave nothing in the AST;
 * - the main file's raw tokens: `#pragma alloc_text` (ignored by clang) and
 *   `#pragma code_seg` / `__declspec(code_seg)` (applied, but not exposed),
 *   with tokens in inactive `#if` regions dropped.
 */
#include "walk.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "walk_internal.h"

static bool fl_in_project(CXCursor cursor)
{
	return !clang_Location_isInSystemHeader(clang_getCursorLocation(cursor));
}

static enum CXChildVisitResult fl_visit_body(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_body *body = data;
	switch (clang_getCursorKind(cursor)) {
	case CXCursor_CallExpr:
		fl_body_call(body, cursor);
		break;
	case CXCursor_ReturnStmt:
		fl_body_return(body, cursor);
		break;
	case CXCursor_VarDecl: {
		CXCursor children[8];
		unsigned count = fl_children(cursor, children, 8);
		if (count && clang_isExpression(clang_getCursorKind(children[count - 1])))
			fl_local_store(body, cursor, children[count - 1]);
		fl_walk_initializer(body->walk, cursor, body->function->key);
		break;
	}
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		fl_body_assignment(body, cursor, parent);
		break;
	case CXCursor_UnaryOperator:
		fl_body_unary(body, cursor);
		break;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

/* ---- the flow summary (facts.h: fl_flow_node) ----
 *
 * A second pass over a body, after fl_visit_body has recorded its calls:
 * first the variables of interest (fl_flow_scan), then the graph, built
 * backwards: each statement is built knowing where control goes after it
 * (`next`), and returns the node control enters it by.  A statement that
 * leaves no node returns `next` itself, which is what keeps the graph small. */

#define FL_FLOW_NO_TARGET (-2) /* no enclosing loop, switch or __try */
#define FL_FLOW_MAX_FINALLY 8

struct fl_flow_label {
	char *name;
	int node;
	bool defined;
};

struct fl_flow_cases {
	size_t count, capacity;
	int *entries;
	int default_entry;
};

struct fl_flow {
	struct fl_body *body;
	struct fl_function *function;
	size_t capacity;
	size_t interesting_count, interesting_capacity;
	CXCursor *interesting;
	size_t label_count, label_capacity;
	struct fl_flow_label *labels;
	int break_target, continue_target, leave_target;
	struct fl_flow_cases *cases; /* the innermost switch's cases */
	size_t finally_depth;
	CXCursor finally_blocks[FL_FLOW_MAX_FINALLY];
};

/* Every child of `cursor`, in order (fl_children keeps eight). */
struct fl_cursor_list {
	size_t count, capacity;
	CXCursor *items;
};

static enum CXChildVisitResult fl_flow_collect(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cursor_list *list = data;
	FL_GROW(list->items, list->capacity, list->count + 1);
	list->items[list->count++] = cursor;
	return CXChildVisit_Continue;
}

static struct fl_cursor_list fl_flow_children(CXCursor cursor)
{
	struct fl_cursor_list list = { 0 };
	clang_visitChildren(cursor, fl_flow_collect, &list);
	return list;
}

/* The local variable or parameter `expression` names (through parentheses
 * and casts), or a null cursor. */
static CXCursor fl_flow_variable(CXCursor expression)
{
	CXCursor inner = fl_strip(expression);
	if (clang_getCursorKind(inner) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	CXCursor target = clang_getCursorReferenced(inner);
	if (clang_getCursorKind(target) == CXCursor_ParmDecl || fl_is_local_variable(target))
		return target;
	return clang_getNullCursor();
}

static bool fl_flow_is_pointer(CXCursor decl)
{
	return clang_getCanonicalType(clang_getCursorType(decl)).kind == CXType_Pointer;
}

static bool fl_flow_is_interesting(const struct fl_flow *flow, CXCursor decl)
{
	if (clang_Cursor_isNull(decl))
		return false;
	for (size_t i = 0; i < flow->interesting_count; i++)
		if (clang_equalCursors(flow->interesting[i], decl))
			return true;
	return false;
}

static void fl_flow_note_interesting(struct fl_flow *flow, CXCursor decl)
{
	if (clang_Cursor_isNull(decl) || fl_flow_is_interesting(flow, decl))
		return;
	FL_GROW(flow->interesting, flow->interesting_capacity, flow->interesting_count + 1);
	flow->interesting[flow->interesting_count++] = decl;
}

/* `&x` (through casts): x's declaration, else a null cursor. */
static CXCursor fl_flow_address_of(struct fl_walk *walk, CXCursor expression)
{
	CXCursor inner = fl_strip(expression);
	CXCursor operand[1];
	if (clang_getCursorKind(inner) != CXCursor_UnaryOperator || fl_children(inner, operand, 1) != 1)
		return clang_getNullCursor();
	char *op = fl_first_token(walk, inner);
	bool address = strcmp(op, "&") == 0;
	free(op);
	return address ? fl_flow_variable(operand[0]) : clang_getNullCursor();
}

/* Variables of interest: those whose address a call is given (out
 * parameters), pointers a call is given, and those a call's value is
 * stored in (statuses). */
static enum CXChildVisitResult fl_flow_scan(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_flow *flow = data;
	struct fl_walk *walk = flow->body->walk;
	CXCursor children[8];
	switch (clang_getCursorKind(cursor)) {
	case CXCursor_CallExpr: {
		int count = clang_Cursor_getNumArguments(cursor);
		for (int i = 0; i < count; i++) {
			CXCursor argument = clang_Cursor_getArgument(cursor, (unsigned)i);
			CXCursor variable = fl_flow_variable(argument);
			if (!clang_Cursor_isNull(variable) && fl_flow_is_pointer(variable))
				fl_flow_note_interesting(flow, variable);
			fl_flow_note_interesting(flow, fl_flow_address_of(walk, argument));
		}
		break;
	}
	case CXCursor_BinaryOperator:
		if (fl_children(cursor, children, 2) == 2 &&
		    clang_getCursorKind(fl_strip(children[1])) == CXCursor_CallExpr)
			fl_flow_note_interesting(flow, fl_flow_variable(children[0]));
		break;
	case CXCursor_VarDecl: {
		unsigned count = fl_children(cursor, children, 8);
		if (count && count <= 8 && clang_getCursorKind(fl_strip(children[count - 1])) == CXCursor_CallExpr &&
		    fl_is_local_variable(cursor))
			fl_flow_note_interesting(flow, cursor);
		break;
	}
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

static int fl_flow_node_new(struct fl_flow *flow, enum fl_flow_kind kind, CXCursor where, int next)
{
	struct fl_function *function = flow->function;
	if (function->flow_count >= FL_FLOW_MAX_NODES) {
		function->flow_incomplete = true;
		return FL_FLOW_NO_TARGET;
	}
	FL_GROW(function->flow, flow->capacity, function->flow_count + 1);
	struct fl_flow_node *node = &function->flow[function->flow_count];
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	node->next = next;
	node->other = FL_FLOW_EXIT;
	node->call = -1;
	if (!clang_Cursor_isNull(where)) {
		CXFile file;
		fl_expansion_point(clang_getCursorLocation(where), &file, &node->line, &node->column, NULL);
	}
	return (int)function->flow_count++;
}

static const char *fl_flow_name(struct fl_flow *flow, CXCursor decl)
{
	return fl_unit_string(flow->body->walk, clang_getCursorSpelling(decl));
}

static char *fl_flow_operator(struct fl_walk *walk, CXCursor expression, CXCursor lhs, CXCursor rhs);
static int fl_flow_expr(struct fl_flow *flow, CXCursor expression, int next);
static int fl_flow_cond(struct fl_flow *flow, CXCursor expression, int if_true, int if_false);
static int fl_flow_stmt(struct fl_flow *flow, CXCursor statement, int next);

/* A node that failed to be made (the cap) leaves control where it was. */
#define FL_FLOW_OR(node, next) ((node) == FL_FLOW_NO_TARGET ? (next) : (node))

/* The events of each cursor of `list` from `first` on, in order. */
static int fl_flow_sequence(struct fl_flow *flow, const struct fl_cursor_list *list, size_t first, int next,
			    bool statements)
{
	for (size_t i = list->count; i > first; i--)
		next = statements ? fl_flow_stmt(flow, list->items[i - 1], next)
				  : fl_flow_expr(flow, list->items[i - 1], next);
	return next;
}

static int fl_flow_children_events(struct fl_flow *flow, CXCursor cursor, int next)
{
	struct fl_cursor_list list = fl_flow_children(cursor);
	next = fl_flow_sequence(flow, &list, 0, next, false);
	free(list.items);
	return next;
}

/* The index of `call` among the calls fl_body_call recorded, or -1.  By
 * extent: the same call reached by another walk need not be an equal
 * cursor (libclang keeps the parent it came through). */
static int fl_flow_call_index(struct fl_body *body, CXCursor call)
{
	CXSourceRange extent = clang_getCursorExtent(call);
	for (size_t i = 0; i < body->call_cursor_count; i++)
		if (clang_equalRanges(clang_getCursorExtent(body->call_cursors[i]), extent))
			return (int)i;
	return -1;
}

/* A call: its arguments' events, then the call itself if it touches a
 * variable of interest or its value is stored in one (`result`). */
static int fl_flow_call(struct fl_flow *flow, CXCursor call, CXCursor result, int next)
{
	struct fl_body *body = flow->body;
	int index = fl_flow_call_index(body, call);
	bool relevant = !clang_Cursor_isNull(result);
	int count = clang_Cursor_getNumArguments(call);
	for (int i = 0; i < count && !relevant; i++) {
		CXCursor argument = clang_Cursor_getArgument(call, (unsigned)i);
		relevant = fl_flow_is_interesting(flow, fl_flow_variable(argument)) ||
			   fl_flow_is_interesting(flow, fl_flow_address_of(body->walk, argument));
	}
	int after = next;
	if (relevant && index >= 0) {
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
static void fl_flow_source(struct fl_flow *flow, struct fl_flow_node *record, CXCursor target, CXCursor source,
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

static int fl_flow_expr(struct fl_flow *flow, CXCursor expression, int next)
{
	struct fl_walk *walk = flow->body->walk;
	CXCursor children[3];
	switch (clang_getCursorKind(expression)) {
	case CXCursor_CallExpr:
		return fl_flow_call(flow, expression, clang_getNullCursor(), next);
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator: {
		if (fl_children(expression, children, 2) != 2)
			break;
		char *op = fl_flow_operator(walk, expression, children[0], children[1]);
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
		char *op = fl_first_token(walk, expression);
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

/* The operator of `lhs OP rhs`.  fl_binary_operator reads the tokens of
 * the whole expression, which libclang 14 does not give when it starts in
 * a macro (`NULL != p`, `NT_SUCCESS(s) && p`); then the file's tokens
 * between the operands are read.  "" when the operator is itself inside a
 * macro's body. */
static char *fl_flow_operator(struct fl_walk *walk, CXCursor expression, CXCursor lhs, CXCursor rhs)
{
	char *op = fl_binary_operator(walk, expression, lhs);
	if (op[0])
		return op;
	CXFile file, rhs_file;
	unsigned from = fl_offset(clang_getRangeEnd(clang_getCursorExtent(lhs)), &file);
	unsigned to = fl_offset(clang_getRangeStart(clang_getCursorExtent(rhs)), &rhs_file);
	if (!file || !clang_File_isEqual(file, rhs_file) || to <= from)
		return op;
	CXToken *tokens = NULL;
	unsigned count = 0;
	clang_tokenize(walk->tu, clang_getRange(clang_getLocationForOffset(walk->tu, file, from),
						 clang_getLocationForOffset(walk->tu, file, to)),
		       &tokens, &count);
	for (unsigned i = 0; i < count; i++)
		if (clang_getTokenKind(tokens[i]) == CXToken_Punctuation) {
			free(op);
			op = fl_cxstring(clang_getTokenSpelling(walk->tu, tokens[i]));
			break;
		}
	clang_disposeTokens(walk->tu, tokens, count);
	return op;
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
		char *op = fl_flow_operator(walk, inner, children[0], children[1]);
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
	if (!clang_Cursor_isNull(variable))
		record->var = fl_flow_name(flow, variable);
	return fl_flow_expr(flow, expression, node);
}

/* A condition, short-circuits lowered: control goes to `if_true` or `if_false`. */
static int fl_flow_cond(struct fl_flow *flow, CXCursor expression, int if_true, int if_false)
{
	long long constant;
	if (fl_eval_int(expression, &constant))
		return constant ? if_true : if_false;
	CXCursor inner = fl_strip(expression);
	CXCursor children[2];
	enum CXCursorKind kind = clang_getCursorKind(inner);
	if (kind == CXCursor_UnaryOperator && fl_children(inner, children, 1) == 1) {
		char *op = fl_first_token(flow->body->walk, inner);
		bool is_not = strcmp(op, "!") == 0;
		free(op);
		if (is_not)
			return fl_flow_cond(flow, children[0], if_false, if_true);
	} else if (kind == CXCursor_BinaryOperator && fl_children(inner, children, 2) == 2) {
		char *op = fl_flow_operator(flow->body->walk, inner, children[0], children[1]);
		bool is_and = strcmp(op, "&&") == 0, is_or = strcmp(op, "||") == 0;
		free(op);
		if (is_and)
			return fl_flow_cond(flow, children[0], fl_flow_cond(flow, children[1], if_true, if_false), if_false);
		if (is_or)
			return fl_flow_cond(flow, children[0], if_true, fl_flow_cond(flow, children[1], if_true, if_false));
	}
	return fl_flow_atom(flow, expression, inner, if_true, if_false);
}


/* A branch either way of which may be taken (switch cases, exceptions). */
static int fl_flow_either(struct fl_flow *flow, CXCursor where, int first, int second)
{
	if (first == second)
		return first;
	int node = fl_flow_node_new(flow, FL_FLOW_BRANCH, where, first);
	if (node == FL_FLOW_NO_TARGET)
		return first;
	flow->function->flow[node].other = second;
	return node;
}

static int fl_flow_label(struct fl_flow *flow, const char *name)
{
	for (size_t i = 0; i < flow->label_count; i++)
		if (strcmp(flow->labels[i].name, name) == 0)
			return flow->labels[i].node;
	int node = fl_flow_node_new(flow, FL_FLOW_NOP, clang_getNullCursor(), FL_FLOW_EXIT);
	FL_GROW(flow->labels, flow->label_capacity, flow->label_count + 1);
	flow->labels[flow->label_count++] = (struct fl_flow_label){ .name = fl_xstrdup(name), .node = node };
	return node;
}

/* The way out of the function from inside the __try blocks now open: each
 * __finally block, innermost first, then the exit. */
static int fl_flow_exit_path(struct fl_flow *flow)
{
	int next = FL_FLOW_EXIT;
	size_t depth = flow->finally_depth;
	for (size_t i = 0; i < depth; i++) {
		flow->finally_depth = i; /* a return inside block i leaves through the outer ones */
		next = fl_flow_stmt(flow, flow->finally_blocks[i], next);
	}
	flow->finally_depth = depth;
	return next;
}

/* A loop: `head` is where each iteration starts.  The targets of break and
 * continue are set while its body is built. */
static int fl_flow_loop_body(struct fl_flow *flow, CXCursor body, int next, int continue_target)
{
	int saved_break = flow->break_target, saved_continue = flow->continue_target;
	flow->break_target = next;
	flow->continue_target = continue_target;
	int entry = fl_flow_stmt(flow, body, continue_target);
	flow->break_target = saved_break;
	flow->continue_target = saved_continue;
	return entry;
}

/* for (init; cond; step) body: which children are which, from the two
 * semicolons of the header (libclang leaves out the parts not written). */
static int fl_flow_for(struct fl_flow *flow, CXCursor statement, int next)
{
	struct fl_walk *walk = flow->body->walk;
	struct fl_cursor_list parts = fl_flow_children(statement);
	if (parts.count == 0) {
		free(parts.items);
		return next;
	}
	CXCursor body = parts.items[parts.count - 1];
	CXCursor init = clang_getNullCursor(), cond = clang_getNullCursor(), step = clang_getNullCursor();
	CXToken *tokens = NULL;
	unsigned count = 0, semicolons[2] = { 0, 0 }, found = 0, depth = 0;
	clang_tokenize(walk->tu, clang_getCursorExtent(statement), &tokens, &count);
	for (unsigned i = 0; i < count && found < 2; i++) {
		char *text = fl_cxstring(clang_getTokenSpelling(walk->tu, tokens[i]));
		if (strcmp(text, "(") == 0)
			depth++;
		else if (strcmp(text, ")") == 0)
			depth--;
		else if (strcmp(text, ";") == 0 && depth == 1)
			semicolons[found++] = fl_offset(clang_getTokenLocation(walk->tu, tokens[i]), &(CXFile){ 0 });
		free(text);
	}
	clang_disposeTokens(walk->tu, tokens, count);
	bool known = found == 2;
	if (parts.count == 4 || parts.count == 1) {
		/* All three parts, or none: no need to place them (a header from a
		 * macro, LIST_FOR_EACH, has no tokens of its own). */
		known = true;
		if (parts.count == 4)
			init = parts.items[0], cond = parts.items[1], step = parts.items[2];
	}
	for (size_t i = 0; known && found == 2 && parts.count != 4 && i + 1 < parts.count; i++) {
		unsigned offset = fl_offset(clang_getRangeStart(clang_getCursorExtent(parts.items[i])), &(CXFile){ 0 });
		CXCursor *slot = offset < semicolons[0] ? &init : offset < semicolons[1] ? &cond : &step;
		known = clang_Cursor_isNull(*slot);
		*slot = parts.items[i];
	}
	int head = fl_flow_node_new(flow, FL_FLOW_NOP, statement, next);
	if (head == FL_FLOW_NO_TARGET) {
		free(parts.items);
		return next;
	}
	int step_entry = !clang_Cursor_isNull(step) ? fl_flow_expr(flow, step, head) : head;
	int body_entry = fl_flow_loop_body(flow, body, next, step_entry);
	if (!known) {
		/* Parts not told apart (a header from a macro): their events are
		 * put before the loop, which may run or not; not to be trusted. */
		flow->function->flow[head].next = fl_flow_either(flow, statement, body_entry, next);
		parts.count--; /* all but the body */
		int entry = fl_flow_sequence(flow, &parts, 0, head, false);
		free(parts.items);
		flow->function->flow_incomplete = true;
		return entry;
	}
	flow->function->flow[head].next = clang_Cursor_isNull(cond) ? body_entry : fl_flow_cond(flow, cond, body_entry, next);
	free(parts.items);
	return clang_Cursor_isNull(init) ? head : fl_flow_stmt(flow, init, head);
}

static int fl_flow_switch(struct fl_flow *flow, CXCursor statement, int next)
{
	CXCursor children[2];
	if (fl_children(statement, children, 2) != 2)
		return next;
	struct fl_flow_cases cases = { .default_entry = FL_FLOW_NO_TARGET };
	struct fl_flow_cases *saved_cases = flow->cases;
	int saved_break = flow->break_target;
	flow->cases = &cases;
	flow->break_target = next;
	fl_flow_stmt(flow, children[1], next);
	flow->cases = saved_cases;
	flow->break_target = saved_break;
	/* Which case runs is not known: a chain of unknown branches. */
	int chain = cases.default_entry != FL_FLOW_NO_TARGET ? cases.default_entry : next;
	for (size_t i = cases.count; i > 0; i--)
		chain = fl_flow_either(flow, statement, cases.entries[i - 1], chain);
	free(cases.entries);
	return fl_flow_expr(flow, children[0], chain);
}

static int fl_flow_try(struct fl_flow *flow, CXCursor statement, int next)
{
	CXCursor children[2];
	if (fl_children(statement, children, 2) != 2)
		return next;
	CXCursor handler[2];
	unsigned handler_count = fl_children(children[1], handler, 2);
	int saved_leave = flow->leave_target;
	int entry;
	if (clang_getCursorKind(children[1]) == CXCursor_SEHFinallyStmt && handler_count == 1 &&
	    flow->finally_depth < FL_FLOW_MAX_FINALLY) {
		int normal = fl_flow_stmt(flow, handler[0], next);
		flow->finally_blocks[flow->finally_depth++] = handler[0];
		flow->leave_target = normal;
		entry = fl_flow_stmt(flow, children[0], normal);
		flow->finally_depth--;
	} else if (clang_getCursorKind(children[1]) == CXCursor_SEHExceptStmt && handler_count == 2) {
		/* An exception is taken to be raised before the body does anything. */
		int except = fl_flow_stmt(flow, handler[1], next);
		flow->leave_target = next;
		int body = fl_flow_stmt(flow, children[0], next);
		entry = fl_flow_either(flow, statement, body, except);
	} else {
		flow->function->flow_incomplete = true;
		entry = fl_flow_stmt(flow, children[0], next);
	}
	flow->leave_target = saved_leave;
	return entry;
}

/* A jump to `target`, which must exist. */
static int fl_flow_jump(struct fl_flow *flow, int target, int next)
{
	if (target == FL_FLOW_NO_TARGET) {
		flow->function->flow_incomplete = true;
		return next;
	}
	return target;
}

static int fl_flow_stmt(struct fl_flow *flow, CXCursor statement, int next)
{
	enum CXCursorKind kind = clang_getCursorKind(statement);
	CXCursor children[3];
	unsigned count;
	if (clang_isExpression(kind))
		return fl_flow_expr(flow, statement, next);
	switch (kind) {
	case CXCursor_CompoundStmt:
	case CXCursor_DeclStmt: {
		struct fl_cursor_list list = fl_flow_children(statement);
		next = fl_flow_sequence(flow, &list, 0, next, true);
		free(list.items);
		return next;
	}
	case CXCursor_VarDecl: {
		count = fl_children(statement, children, 3);
		if (count == 0 || count > 3 || !clang_isExpression(clang_getCursorKind(children[count - 1])) ||
		    !fl_is_local_variable(statement))
			return next;
		CXCursor init = children[count - 1];
		if (clang_getCursorKind(init) == CXCursor_InitListExpr)
			return fl_flow_expr(flow, init, next);
		CXCursor inner = fl_strip(init);
		if (fl_flow_is_interesting(flow, statement) && clang_getCursorKind(inner) == CXCursor_CallExpr)
			return fl_flow_call(flow, inner, statement, next);
		CXCursor source = fl_flow_variable(init);
		if (fl_flow_is_interesting(flow, statement) || (!clang_Cursor_isNull(source) && fl_flow_is_pointer(source))) {
			int node = fl_flow_node_new(flow, FL_FLOW_ASSIGN, statement, next);
			if (node != FL_FLOW_NO_TARGET) {
				struct fl_flow_node *record = &flow->function->flow[node];
				record->var = fl_flow_name(flow, statement);
				fl_flow_source(flow, record, statement, source, inner);
				next = node;
			}
		}
		return fl_flow_expr(flow, init, next);
	}
	case CXCursor_IfStmt: {
		count = fl_children(statement, children, 3);
		if (count < 2 || count > 3)
			break;
		int then_entry = fl_flow_stmt(flow, children[1], next);
		int else_entry = count == 3 ? fl_flow_stmt(flow, children[2], next) : next;
		return fl_flow_cond(flow, children[0], then_entry, else_entry);
	}
	case CXCursor_WhileStmt: {
		if (fl_children(statement, children, 3) != 2)
			break;
		int head = fl_flow_node_new(flow, FL_FLOW_NOP, statement, next);
		if (head == FL_FLOW_NO_TARGET)
			return next;
		int body = fl_flow_loop_body(flow, children[1], next, head);
		flow->function->flow[head].next = fl_flow_cond(flow, children[0], body, next);
		return head;
	}
	case CXCursor_DoStmt: {
		if (fl_children(statement, children, 3) != 2)
			break;
		int head = fl_flow_node_new(flow, FL_FLOW_NOP, statement, next);
		if (head == FL_FLOW_NO_TARGET)
			return next;
		int test = fl_flow_cond(flow, children[1], head, next);
		flow->function->flow[head].next = fl_flow_loop_body(flow, children[0], next, test);
		return head;
	}
	case CXCursor_ForStmt:
		return fl_flow_for(flow, statement, next);
	case CXCursor_SwitchStmt:
		return fl_flow_switch(flow, statement, next);
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt: {
		count = fl_children(statement, children, 3);
		if (count == 0 || count > 3)
			break;
		int entry = fl_flow_stmt(flow, children[count - 1], next);
		if (!flow->cases) {
			flow->function->flow_incomplete = true;
			return entry;
		}
		/* Each case gets its own node, so that two cases falling into the
		 * same code stay two ways in. */
		int node = fl_flow_node_new(flow, FL_FLOW_NOP, statement, entry);
		node = FL_FLOW_OR(node, entry);
		if (kind == CXCursor_DefaultStmt) {
			flow->cases->default_entry = node;
		} else {
			FL_GROW(flow->cases->entries, flow->cases->capacity, flow->cases->count + 1);
			flow->cases->entries[flow->cases->count++] = node;
		}
		return node;
	}
	case CXCursor_BreakStmt:
		return fl_flow_jump(flow, flow->break_target, next);
	case CXCursor_ContinueStmt:
		return fl_flow_jump(flow, flow->continue_target, next);
	case CXCursor_SEHLeaveStmt:
		return fl_flow_jump(flow, flow->leave_target, next);
	case CXCursor_ReturnStmt: {
		int node = fl_flow_node_new(flow, FL_FLOW_RETURN, statement, FL_FLOW_EXIT);
		if (node == FL_FLOW_NO_TARGET)
			return next;
		int exit_path = fl_flow_exit_path(flow);
		flow->function->flow[node].next = exit_path;
		count = fl_children(statement, children, 1);
		if (count != 1)
			return node;
		CXCursor variable = fl_flow_variable(children[0]);
		if (!clang_Cursor_isNull(variable) && fl_flow_is_pointer(variable))
			flow->function->flow[node].var = fl_flow_name(flow, variable);
		return fl_flow_expr(flow, children[0], node);
	}
	case CXCursor_GotoStmt: {
		if (fl_children(statement, children, 1) != 1)
			break;
		char *name = fl_cxstring(clang_getCursorSpelling(children[0]));
		int label = fl_flow_label(flow, name);
		free(name);
		return fl_flow_jump(flow, label, next);
	}
	case CXCursor_LabelStmt: {
		char *name = fl_cxstring(clang_getCursorSpelling(statement));
		int label = fl_flow_label(flow, name);
		free(name);
		count = fl_children(statement, children, 1);
		int entry = count == 1 ? fl_flow_stmt(flow, children[0], next) : next;
		if (label == FL_FLOW_NO_TARGET)
			return entry;
		flow->function->flow[label].next = entry;
		for (size_t i = 0; i < flow->label_count; i++)
			if (flow->labels[i].node == label)
				flow->labels[i].defined = true;
		return label;
	}
	case CXCursor_SEHTryStmt:
		return fl_flow_try(flow, statement, next);
	case CXCursor_IndirectGotoStmt:
	case CXCursor_AsmStmt:
	case CXCursor_MSAsmStmt:
		flow->function->flow_incomplete = true;
		return next;
	case CXCursor_NullStmt:
		return next;
	default:
		break;
	}
	return next;
}

/* Builds the flow summary of `body_cursor` into the function. */
static void fl_flow_build(struct fl_body *body, CXCursor body_cursor)
{
	struct fl_flow flow = {
		.body = body,
		.function = body->function,
		.break_target = FL_FLOW_NO_TARGET,
		.continue_target = FL_FLOW_NO_TARGET,
		.leave_target = FL_FLOW_NO_TARGET,
	};
	struct fl_function *function = body->function;
	clang_visitChildren(body_cursor, fl_flow_scan, &flow);
	/* Flags: integer locals given nothing but constants (fl_visit_body's
	 * bookkeeping), whose tests tell paths apart (`found`, `retValue`). */
	for (size_t i = 0; i < body->local_count; i++) {
		const struct fl_local *local = &body->locals[i];
		if (!local->opaque && local->value_count > 0 && fl_is_integer_type(clang_getCursorType(local->decl)))
			fl_flow_note_interesting(&flow, local->decl);
	}
	function->flow_entry = fl_flow_stmt(&flow, body_cursor, FL_FLOW_EXIT);
	for (size_t i = 0; i < flow.label_count; i++) {
		if (!flow.labels[i].defined)
			function->flow_incomplete = true;
		free(flow.labels[i].name);
	}
	free(flow.labels);
	free(flow.interesting);
	/* An edge to a node the cap kept from being made goes nowhere. */
	for (size_t i = 0; i < function->flow_count; i++) {
		struct fl_flow_node *node = &function->flow[i];
		if (node->next < FL_FLOW_EXIT || node->other < FL_FLOW_EXIT) {
			node->next = node->next < FL_FLOW_EXIT ? FL_FLOW_EXIT : node->next;
			node->other = node->other < FL_FLOW_EXIT ? FL_FLOW_EXIT : node->other;
			function->flow_incomplete = true;
		}
	}
	if (function->flow_entry < FL_FLOW_EXIT || function->flow_count == 0) {
		function->flow_incomplete = function->flow_incomplete || function->flow_entry < FL_FLOW_EXIT;
		function->flow_entry = FL_FLOW_EXIT;
	}
}

static enum CXChildVisitResult fl_find_body(CXCursor cursor, CXCursor parent, CXClientData data)
{
	if (clang_getCursorKind(cursor) == CXCursor_CompoundStmt) {
		*(CXCursor *)data = cursor;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

static void fl_walk_function(struct fl_walk *walk, CXCursor decl)
{
	CXCursor body_cursor = clang_getNullCursor();
	clang_visitChildren(decl, fl_find_body, &body_cursor);
	if (clang_Cursor_isNull(body_cursor))
		return;

	struct fl_tu_facts *facts = walk->facts;
	FL_GROW(facts->functions, walk->function_capacity, facts->function_count + 1);
	struct fl_function *function = &facts->functions[facts->function_count++];
	memset(function, 0, sizeof(*function));
	function->name = fl_unit_string(walk, clang_getCursorSpelling(decl));
	function->key = fl_facts_take_string(facts, fl_function_key(walk, decl));
	function->is_static = clang_Cursor_getStorageClass(clang_getCanonicalCursor(decl)) == CX_SC_Static;
	function->is_forceinline = fl_is_forceinline(walk, decl);
	function->loc = fl_make_loc(walk, clang_getCursorLocation(decl));
	CXSourceRange body_extent = clang_getCursorExtent(body_cursor);
	function->body_loc = fl_make_loc(walk, clang_getRangeStart(body_extent));
	function->end_loc = fl_make_loc(walk, clang_getRangeEnd(body_extent));
	if (function->end_loc.column > 1)
		function->end_loc.column--; /* the range ends past the brace */
	function->irql = (struct fl_irql_annotation){ -1, -1, -1, -1 };
	fl_typedef_annotations(walk, function->name, &function->irql);
	clang_visitChildren(decl, fl_visit_annotation, &function->irql);

	int param_count = clang_Cursor_getNumArguments(decl);
	if (param_count > 0) {
		function->params = fl_xcalloc((size_t)param_count, sizeof(char *));
		function->param_count = (size_t)param_count;
		for (int i = 0; i < param_count; i++) {
			CXCursor param = clang_Cursor_getArgument(decl, (unsigned)i);
			function->params[i] = fl_unit_string(walk, clang_getCursorSpelling(param));
		}
	}

	struct fl_body body = { .walk = walk, .function = function, .decl = decl };
	clang_visitChildren(body_cursor, fl_visit_body, &body);
	fl_body_resolve_locals(&body);
	fl_flow_build(&body, body_cursor);
	free(body.call_cursors);
	free(body.return_locals);
	free(body.locals);
	free(body.pending);
}

/* ---- the top level ---- */

static enum CXChildVisitResult fl_visit_top(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_walk *walk = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind == CXCursor_MacroDefinition || kind == CXCursor_InclusionDirective)
		return CXChildVisit_Continue;
	if (!fl_in_project(cursor))
		return CXChildVisit_Continue;
	if (kind == CXCursor_MacroExpansion) {
		FL_GROW(walk->expansions, walk->expansion_capacity, walk->expansion_count + 1);
		struct fl_expansion *expansion = &walk->expansions[walk->expansion_count++];
		expansion->cursor = cursor;
		expansion->offset = fl_offset(clang_getCursorLocation(cursor), &expansion->file);
		expansion->name = fl_cxstring(clang_getCursorSpelling(cursor));
		return CXChildVisit_Continue;
	}
	if (kind == CXCursor_LinkageSpec || kind == CXCursor_Namespace)
		return CXChildVisit_Recurse;
	if (fl_is_function(cursor)) {
		bool definition = clang_isCursorDefinition(cursor);
		if (clang_Location_isFromMainFile(clang_getCursorLocation(cursor))) {
			fl_note_declaration(walk, cursor, definition);
			FL_GROW(walk->decls, walk->decl_capacity, walk->decl_count + 1);
			walk->decls[walk->decl_count++] = cursor;
		} else {
			FL_GROW(walk->header_decls, walk->header_decl_capacity, walk->header_decl_count + 1);
			walk->header_decls[walk->header_decl_count++] = cursor;
		}
		if (definition)
			fl_walk_function(walk, cursor);
	} else if (kind == CXCursor_VarDecl) {
		fl_walk_initializer(walk, cursor, NULL);
	}
	return CXChildVisit_Continue;
}

static void fl_collect_diagnostics(struct fl_walk *walk)
{
	struct fl_tu_facts *facts = walk->facts;
	unsigned count = clang_getNumDiagnostics(walk->tu);
	for (unsigned i = 0; i < count; i++) {
		CXDiagnostic diagnostic = clang_getDiagnostic(walk->tu, i);
		enum CXDiagnosticSeverity severity = clang_getDiagnosticSeverity(diagnostic);
		if (severity >= CXDiagnostic_Error) {
			facts->error_count++;
			/* The first errors say enough; a broken header can add thousands. */
			if (facts->diagnostic_count < 20) {
				FL_GROW(facts->diagnostics, walk->diagnostic_capacity, facts->diagnostic_count + 1);
				struct fl_diagnostic *record = &facts->diagnostics[facts->diagnostic_count++];
				CXFile file;
				unsigned line, column;
				clang_getSpellingLocation(clang_getDiagnosticLocation(diagnostic), &file,
							  &line, &column, NULL);
				record->loc = (struct fl_loc){ .file = fl_file_name(walk, file),
							       .line = line, .column = column };
				record->is_error = true;
				record->message = fl_unit_string(walk, clang_getDiagnosticSpelling(diagnostic));
			}
		}
		clang_disposeDiagnostic(diagnostic);
	}
}

struct fl_tu_facts *fl_walk_unit(CXTranslationUnit unit, const char *clang_path, const char *path)
{
	struct fl_walk walk = { .tu = unit, .path = path };
	walk.facts = fl_xcalloc(1, sizeof(*walk.facts));
	walk.facts->path = fl_facts_take_string(walk.facts, fl_utf8_repair(path, strlen(path)));
	walk.main_file = clang_getFile(unit, clang_path);
	char *cwd = getcwd(NULL, 0);
	walk.cwd = fl_xasprintf("%s/", cwd ? cwd : "");
	free(cwd);

	fl_collect_diagnostics(&walk);
	if (walk.main_file) {
		fl_collect_skipped(&walk);
		clang_visitChildren(clang_getTranslationUnitCursor(unit), fl_visit_top, &walk);
		fl_collect_pragmas(&walk);
		fl_note_header_declarations(&walk);
		fl_place_functions(&walk);
		fl_assign_paged_code(&walk);
	}

	for (size_t i = 0; i < walk.expansion_count; i++)
		free(walk.expansions[i].name);
	free(walk.expansions);
	for (size_t i = 0; i < walk.seg_count; i++)
		free(walk.segs[i].section);
	free(walk.segs);
	free(walk.skipped);
	free(walk.decls);
	free(walk.header_decls);
	free(walk.cwd);
	return walk.facts;
}
