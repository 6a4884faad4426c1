/* The flow summary of a function body, for context-leak (facts.h:
 * fl_flow_node, flow_entry, flow_incomplete): statements, loops, switch,
 * goto, break/continue and __try/__finally/__leave lowered to a small graph
 * of the events a reference's life is made of.  walk_flow_expr.c builds the
 * expressions and conditions.
 *
 * A second pass over a body, after fl_visit_body has recorded its calls:
 * first the variables of interest (fl_flow_scan), then the graph, built
 * backwards: each statement is built knowing where control goes after it
 * (`next`), and returns the node control enters it by.  A statement that
 * leaves no node returns `next` itself, which is what keeps the graph small.
 * When the node cap is hit or a statement cannot be followed (asm, computed
 * goto, an undefined label), flow_incomplete tells the rule not to trust it. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_flow.h"
#include "walk_internal.h"

static enum CXChildVisitResult fl_flow_collect(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cursor_list *list = data;
	FL_GROW(list->items, list->capacity, list->count + 1);
	list->items[list->count++] = cursor;
	return CXChildVisit_Continue;
}

struct fl_cursor_list fl_flow_children(CXCursor cursor)
{
	struct fl_cursor_list list = { 0 };
	clang_visitChildren(cursor, fl_flow_collect, &list);
	return list;
}

/* Makes a node, and may move function->flow: callers hold node indexes, and
 * store into a node only once the calls that make others have returned.  Not
 * `flow[head].next = fl_flow_cond(...)`: C leaves it open whether flow[head]
 * is located before or after the call, and gcc -O2 locates it before, so the
 * store went into the freed block, corrupting malloc's lists in the worker
 * (a later unit's parse then crashed inside libclang). */
int fl_flow_node_new(struct fl_flow *flow, enum fl_flow_kind kind, CXCursor where, int next)
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
	node->param = -1;
	if (!clang_Cursor_isNull(where)) {
		CXFile file;
		fl_expansion_point(clang_getCursorLocation(where), &file, &node->line, &node->column, NULL);
	}
	return (int)function->flow_count++;
}

const char *fl_flow_name(struct fl_flow *flow, CXCursor decl)
{
	return fl_unit_string(flow->body->walk, clang_getCursorSpelling(decl));
}


/* The events of each cursor of `list` from `first` on, in order. */
static int fl_flow_sequence(struct fl_flow *flow, const struct fl_cursor_list *list, size_t first, int next,
			    bool statements)
{
	for (size_t i = list->count; i > first; i--)
		next = statements ? fl_flow_stmt(flow, list->items[i - 1], next)
				  : fl_flow_expr(flow, list->items[i - 1], next);
	return next;
}

int fl_flow_children_events(struct fl_flow *flow, CXCursor cursor, int next)
{
	struct fl_cursor_list list = fl_flow_children(cursor);
	next = fl_flow_sequence(flow, &list, 0, next, false);
	free(list.items);
	return next;
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

/* The destructor calls of the objects in scope above `depth`, innermost
 * first, located at `where`, then `next`. */
static int fl_flow_destroy(struct fl_flow *flow, size_t depth, struct fl_loc where, int next)
{
	for (size_t i = depth; i < flow->object_count; i++) {
		const struct fl_flow_object *object = &flow->objects[i];
		int node = fl_flow_node_new(flow, FL_FLOW_CALL, clang_getNullCursor(), next);
		if (node == FL_FLOW_NO_TARGET)
			return next;
		int call = (int)fl_cxx_destructor_call(flow->body, object->variable, object->destructor, object->type,
						       where);
		struct fl_flow_node *record = &flow->function->flow[node];
		record->call = call;
		record->line = where.line;
		record->column = where.column;
		next = node;
	}
	return next;
}

static struct fl_loc fl_flow_loc(struct fl_flow *flow, CXCursor statement)
{
	return fl_make_loc(flow->body->walk, clang_getCursorLocation(statement));
}

/* A block: each object declared in it is destroyed where the block ends
 * and wherever control leaves it (return, break, continue). */
static int fl_flow_block(struct fl_flow *flow, const struct fl_cursor_list *list, size_t first, struct fl_loc end,
			 int next)
{
	size_t depth = flow->object_count;
	size_t declared = first;
	for (; declared < list->count; declared++) {
		CXCursor statement = list->items[declared];
		if (clang_getCursorKind(statement) != CXCursor_DeclStmt)
			continue;
		struct fl_cursor_list variables = fl_flow_children(statement);
		for (size_t v = 0; v < variables.count && flow->object_count < FL_FLOW_MAX_OBJECTS; v++) {
			CXCursor variable = variables.items[v];
			if (!fl_is_local_variable(variable))
				continue;
			/* In the order they run, last first: pushed the other way, as
			 * the innermost object is destroyed first. */
			CXCursor destructors[FL_FLOW_MAX_OBJECTS];
			CXType types[FL_FLOW_MAX_OBJECTS];
			size_t count = fl_cxx_destructors(clang_getCursorType(variable), destructors, types,
							  FL_FLOW_MAX_OBJECTS - flow->object_count);
			while (count-- > 0)
				flow->objects[flow->object_count++] =
					(struct fl_flow_object){ variable, destructors[count], types[count] };
		}
		free(variables.items);
		if (flow->object_count > depth)
			break;
	}
	if (declared == list->count)
		return fl_flow_sequence(flow, list, first, next, true);
	/* Objects from statement `declared` on: what follows it runs with them
	 * in scope and ends with their destructors. */
	int after = fl_flow_block(flow, list, declared + 1, end, fl_flow_destroy(flow, depth, end, next));
	flow->object_count = depth;
	int entry = fl_flow_stmt(flow, list->items[declared], after);
	struct fl_cursor_list before = { .count = declared, .items = list->items };
	return fl_flow_sequence(flow, &before, first, entry, true);
}

/* The way out of the function from inside the __try blocks now open: each
 * __finally block, innermost first, then the exit; from inside C++
 * scopes, each object's destructor (MSVC forbids __try where objects need
 * unwinding, so the two do not mix). */
static int fl_flow_exit_path(struct fl_flow *flow, struct fl_loc where)
{
	if (flow->object_count)
		return fl_flow_destroy(flow, 0, where, FL_FLOW_EXIT);
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
	size_t saved_break_objects = flow->break_objects, saved_continue_objects = flow->continue_objects;
	flow->break_target = next;
	flow->continue_target = continue_target;
	flow->break_objects = flow->continue_objects = flow->object_count;
	int entry = fl_flow_stmt(flow, body, continue_target);
	flow->break_target = saved_break;
	flow->continue_target = saved_continue;
	flow->break_objects = saved_break_objects;
	flow->continue_objects = saved_continue_objects;
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
		int either = fl_flow_either(flow, statement, body_entry, next);
		flow->function->flow[head].next = either;
		parts.count--; /* all but the body */
		int entry = fl_flow_sequence(flow, &parts, 0, head, false);
		free(parts.items);
		flow->function->flow_incomplete = true;
		return entry;
	}
	int cond_entry = clang_Cursor_isNull(cond) ? body_entry : fl_flow_cond(flow, cond, body_entry, next);
	flow->function->flow[head].next = cond_entry;
	free(parts.items);
	return clang_Cursor_isNull(init) ? head : fl_flow_stmt(flow, init, head);
}

/* A switch: a chain of unknown branches, one per case; on a parameter or
 * a field of one (`switch (Data->Iopb->MajorFunction)`), a chain of EQUALS
 * tests of it, so that a rule may tell which case a path took. */
static int fl_flow_switch(struct fl_flow *flow, CXCursor statement, int next)
{
	CXCursor children[2];
	if (fl_children(statement, children, 2) != 2)
		return next;
	struct fl_flow_cases cases = { .default_entry = FL_FLOW_NO_TARGET, .all_known = true };
	struct fl_flow_cases *saved_cases = flow->cases;
	int saved_break = flow->break_target;
	size_t saved_break_objects = flow->break_objects;
	flow->cases = &cases;
	flow->break_target = next;
	flow->break_objects = flow->object_count;
	fl_flow_stmt(flow, children[1], next);
	flow->cases = saved_cases;
	flow->break_target = saved_break;
	flow->break_objects = saved_break_objects;
	int param = -1;
	const char *field = NULL;
	bool tested = cases.all_known && fl_flow_param_operand(flow, children[0], &param, &field);
	int chain = cases.default_entry != FL_FLOW_NO_TARGET ? cases.default_entry : next;
	for (size_t i = cases.count; i > 0; i--) {
		if (!tested) {
			chain = fl_flow_either(flow, statement, cases.entries[i - 1], chain);
			continue;
		}
		int node = fl_flow_node_new(flow, FL_FLOW_BRANCH, statement, cases.entries[i - 1]);
		if (node == FL_FLOW_NO_TARGET)
			break;
		struct fl_flow_node *record = &flow->function->flow[node];
		record->other = chain;
		record->test = FL_FLOW_TEST_EQUALS;
		record->value = cases.values[i - 1];
		record->param = param;
		record->field = field;
		chain = node;
	}
	free(cases.entries);
	free(cases.values);
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

/* `return value;` (`value` a null cursor for none): a RETURN node saying
 * what is returned (a constant, a variable, a call's value), then the way
 * out through the open __finally blocks. */
static int fl_flow_return(struct fl_flow *flow, CXCursor statement, CXCursor value)
{
	int node = fl_flow_node_new(flow, FL_FLOW_RETURN, statement, FL_FLOW_EXIT);
	if (node == FL_FLOW_NO_TARGET)
		return FL_FLOW_EXIT;
	int exit_path = fl_flow_exit_path(flow, fl_flow_loc(flow, statement));
	struct fl_flow_node *record = &flow->function->flow[node];
	record->next = exit_path;
	if (clang_Cursor_isNull(value))
		return node;
	CXCursor variable = fl_flow_variable(value), inner = fl_strip(value);
	long long constant;
	if (!clang_Cursor_isNull(variable)) {
		if (fl_flow_is_pointer(variable))
			record->var = fl_flow_name(flow, variable);
		record->source_kind = FL_FLOW_SOURCE_VARIABLE;
		record->source = fl_flow_name(flow, variable);
	} else if (fl_eval_int(inner, &constant)) {
		record->source_kind = FL_FLOW_SOURCE_CONSTANT;
		record->value = constant;
	} else if (clang_getCursorKind(inner) == CXCursor_CallExpr) {
		record->call = fl_flow_call_index(flow->body, inner);
	}
	return fl_flow_expr(flow, value, node);
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

int fl_flow_stmt(struct fl_flow *flow, CXCursor statement, int next)
{
	enum CXCursorKind kind = clang_getCursorKind(statement);
	CXCursor children[3];
	unsigned count;
	if (clang_isExpression(kind))
		return fl_flow_expr(flow, statement, next);
	switch (kind) {
	case CXCursor_CompoundStmt: {
		struct fl_cursor_list list = fl_flow_children(statement);
		struct fl_loc end = fl_make_loc(flow->body->walk, clang_getRangeEnd(clang_getCursorExtent(statement)));
		if (end.column > 1)
			end.column--; /* the range ends past the brace */
		next = fl_flow_block(flow, &list, 0, end, next);
		free(list.items);
		return next;
	}
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
		int cond_entry = fl_flow_cond(flow, children[0], body, next);
		flow->function->flow[head].next = cond_entry;
		return head;
	}
	case CXCursor_DoStmt: {
		if (fl_children(statement, children, 3) != 2)
			break;
		int head = fl_flow_node_new(flow, FL_FLOW_NOP, statement, next);
		if (head == FL_FLOW_NO_TARGET)
			return next;
		int test = fl_flow_cond(flow, children[1], head, next);
		int body = fl_flow_loop_body(flow, children[0], next, test);
		flow->function->flow[head].next = body;
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
			struct fl_flow_cases *cases = flow->cases;
			long long value = 0;
			if (count != 2 || !fl_eval_int(children[0], &value))
				cases->all_known = false; /* a case range (GNU), or a value not read */
			FL_GROW(cases->entries, cases->capacity, cases->count + 1);
			FL_GROW(cases->values, cases->value_capacity, cases->count + 1);
			cases->values[cases->count] = value;
			cases->entries[cases->count++] = node;
		}
		return node;
	}
	case CXCursor_BreakStmt:
		return fl_flow_destroy(flow, flow->break_objects, fl_flow_loc(flow, statement),
				       fl_flow_jump(flow, flow->break_target, next));
	case CXCursor_ContinueStmt:
		return fl_flow_destroy(flow, flow->continue_objects, fl_flow_loc(flow, statement),
				       fl_flow_jump(flow, flow->continue_target, next));
	case CXCursor_SEHLeaveStmt:
		return fl_flow_jump(flow, flow->leave_target, next);
	case CXCursor_ReturnStmt: {
		if (fl_children(statement, children, 1) != 1)
			return fl_flow_return(flow, statement, clang_getNullCursor());
		CXCursor inner = fl_strip(children[0]), parts[3];
		if (clang_getCursorKind(inner) == CXCursor_ConditionalOperator && fl_children(inner, parts, 3) == 3) {
			int then_return = fl_flow_return(flow, statement, parts[1]);
			int else_return = fl_flow_return(flow, statement, parts[2]);
			return fl_flow_cond(flow, parts[0], then_return, else_return);
		}
		return fl_flow_return(flow, statement, children[0]);
	}
	case CXCursor_GotoStmt: {
		if (fl_children(statement, children, 1) != 1)
			break;
		if (flow->object_count)
			flow->function->flow_incomplete = true; /* which destructors it runs is not followed */
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
void fl_flow_build(struct fl_body *body, CXCursor body_cursor)
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
