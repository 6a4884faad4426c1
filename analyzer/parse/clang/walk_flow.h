/* What the two halves of the flow summary share: walk_flow.c builds the
 * statements, walk_flow_expr.c the expressions and conditions, each calling
 * the other (a statement holds expressions, `({ ... })` holds statements).
 * Private to them; the rest of the walk knows only fl_flow_build. */
#ifndef FL_WALK_FLOW_H
#define FL_WALK_FLOW_H

#include "walk_internal.h"

#define FL_FLOW_NO_TARGET (-2) /* no enclosing loop, switch or __try */
#define FL_FLOW_MAX_FINALLY 8
#define FL_FLOW_MAX_OBJECTS 16

/* A destructor the driver wrote that runs at each exit of a local
 * object's scope (C++): the object's, or, when the compiler makes the
 * object's, one of a member's (`type`: the member's class). */
struct fl_flow_object {
	CXCursor variable;
	CXCursor destructor;
	CXType type;
};

struct fl_flow_label {
	char *name;
	int node;
	bool defined;
};

struct fl_flow_cases {
	size_t count, capacity, value_capacity;
	int *entries;
	long long *values; /* each case's constant */
	bool all_known;    /* every case's constant is known (no case ranges) */
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
	/* Objects in scope, outermost first; how many were in scope where the
	 * innermost loop or switch began (break and continue destroy the rest). */
	size_t object_count, break_objects, continue_objects;
	struct fl_flow_object objects[FL_FLOW_MAX_OBJECTS];
};

/* Every child of `cursor`, in order (fl_children keeps eight). */
struct fl_cursor_list {
	size_t count, capacity;
	CXCursor *items;
};

/* A node that failed to be made (the cap) leaves control where it was. */
#define FL_FLOW_OR(node, next) ((node) == FL_FLOW_NO_TARGET ? (next) : (node))

/* walk_flow.c */
struct fl_cursor_list fl_flow_children(CXCursor cursor);
int fl_flow_node_new(struct fl_flow *flow, enum fl_flow_kind kind, CXCursor where, int next);
const char *fl_flow_name(struct fl_flow *flow, CXCursor decl);
int fl_flow_children_events(struct fl_flow *flow, CXCursor cursor, int next);
int fl_flow_stmt(struct fl_flow *flow, CXCursor statement, int next);

/* walk_flow_expr.c */
CXCursor fl_flow_variable(CXCursor expression);
bool fl_flow_is_pointer(CXCursor decl);
bool fl_flow_is_interesting(const struct fl_flow *flow, CXCursor decl);
void fl_flow_note_interesting(struct fl_flow *flow, CXCursor decl);
enum CXChildVisitResult fl_flow_scan(CXCursor cursor, CXCursor parent, CXClientData data);
int fl_flow_call(struct fl_flow *flow, CXCursor call, CXCursor result, int next);
void fl_flow_source(struct fl_flow *flow, struct fl_flow_node *record, CXCursor target, CXCursor source,
		    CXCursor inner);
int fl_flow_expr(struct fl_flow *flow, CXCursor expression, int next);
int fl_flow_cond(struct fl_flow *flow, CXCursor expression, int if_true, int if_false);
int fl_flow_call_index(struct fl_body *body, CXCursor call);
bool fl_flow_param_operand(struct fl_flow *flow, CXCursor expression, int *param, const char **field);

#endif
