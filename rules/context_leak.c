/* context-leak: a Filter Manager context reference that some path out of
 * the function neither releases nor hands on: one from FltAllocateContext,
 * FltGet<Type>Context or FltReferenceContext, or the OldContext that
 * FltSet<Type>Context returns.
 *
 * Why: every such reference must be dropped with FltReleaseContext (DDI
 * fltreleasecontext; FltSet*Context takes a reference of its own, so the
 * allocation's reference is dropped after a set too).  A reference that is
 * never dropped keeps the context, and what it is attached to, alive: a
 * volume or instance context held this way keeps the instance from tearing
 * down and the volume from dismounting, a stream context pins its cleanup
 * callback forever, and the pool behind each one is never freed.  The leak
 * shows only on the path that forgets (an error return, a second loop
 * iteration, a lost set race), so it survives testing.
 *
 * How: the link stage's path walker (fl_walk_paths) follows every path of
 * each function's flow summary (facts.h, fl_flow_node), loops until their
 * state repeats; this rule gives it the path state and its transfer.
 * The API table's context columns say which call acquires a reference into
 * which variable (the out-parameter `&ctx` of an allocation or get, the
 * OldContext of a set, the argument of FltReferenceContext) and which
 * releases one.  An out-parameter reference is pending until the code tells
 * whether the call worked: NT_SUCCESS(status), `status == X`, or a NULL test
 * of the variable; a get or allocation holds a reference when the status is
 * a success, an OldContext when the status is STATUS_FLT_CONTEXT_ALREADY_DEFINED.
 * A pending reference is taken as held only where the code goes on to use
 * the context (dereferences it), since the code then believes it holds it.
 * A reference is handed on when it is stored anywhere but a local variable
 * (a field, `*Out`, a global), returned, given to an API that registers a
 * callback (the work-item context), given to a function whose address is
 * passed, or given to a driver function whose own summary releases or
 * hands on that parameter on some path (looked up across units; one that
 * never does only borrows it).  A local copy (`p = ctx`) holds the same
 * reference.  A held reference reaching the exit is reported on the
 * acquiring call, with the exit (the return) as a related location; a held
 * reference whose variable is overwritten by a new acquisition is reported
 * with the overwriting call.  Paths the tests rule out are dropped: a
 * variable known NULL, a status already tested.
 *
 * C++: the walker adds a destructor call at each exit of a local object's
 * scope; a constructor given a held reference makes the object a holder
 * of it, and a destructor that calls FltReleaseContext (itself or through
 * driver functions) drops what its object holds.
 *
 * Limits: intra-procedural but for the helper summaries; a reference an
 * out-parameter of a driver helper returns (`LgrGetX(&ctx)`) is not tracked;
 * a context whose address escapes (`&ctx` given to anything but the
 * acquiring API) is taken as handed on; variables are told apart by name;
 * kernel and C library routines are taken to borrow what they are given
 * (InterlockedExchangePointer storing a context is not seen as a store);
 * exceptions are taken at the start of a __try only; `goto` out of a
 * __try skips its __finally.  When a function's summary is incomplete
 * (a construct the walker does not model, a size cap) or its paths exceed
 * the cap, nothing is said about it.
 */
#include <stdlib.h>
#include <string.h>

#include "knowledge/api.h"
#include "rule.h"

/* STATUS_FLT_CONTEXT_ALREADY_DEFINED (ntstatus.h): a set with
 * FLT_SET_CONTEXT_KEEP_IF_EXISTS found a context, returned in OldContext. */
#define FL_STATUS_FLT_CONTEXT_ALREADY_DEFINED ((int)0xC01C0002u)

#define FL_LEAK_MAX_REFS 16
#define FL_LEAK_MAX_HOLDERS 4
#define FL_LEAK_MAX_FACTS 16
#define FL_LEAK_MAX_DEPTH 3      /* helper summaries inside helper summaries */

enum fl_ref_state {
	FL_REF_PENDING, /* acquired if the call worked; not yet known */
	FL_REF_HELD,
	FL_REF_GONE,    /* released, handed on, or never acquired */
};

enum fl_ref_kind {
	FL_REF_OUT,       /* allocation or get: held when the status is a success */
	FL_REF_OLD,       /* OldContext of a set: held when ALREADY_DEFINED */
	FL_REF_REFERENCE, /* FltReferenceContext, or a parameter in a helper summary: held */
};

struct fl_ref {
	int node; /* the acquiring CALL node */
	enum fl_ref_kind kind;
	enum fl_ref_state state;
	const char *status; /* the variable holding the call's status, or NULL */
	int status_call;    /* the call whose value is tested directly, or -1 */
	bool used;
	size_t holder_count;
	const char *holders[FL_LEAK_MAX_HOLDERS];
};

/* What the path knows of a status (a variable, or a call's value) or of a
 * pointer variable. */
struct fl_fact {
	const char *name; /* NULL: the value of call `call` */
	int call;
	int success;      /* -1 unknown, 0 failure, 1 success */
	bool has_value;
	long long value;
	bool null;        /* a pointer variable known to be NULL */
};

/* One path's state.  Only live references are kept (a reference that goes
 * is dropped), so that a loop comes back to a state already seen. */
struct fl_path {
	size_t ref_count;
	struct fl_ref refs[FL_LEAK_MAX_REFS];
	size_t fact_count;
	struct fl_fact facts[FL_LEAK_MAX_FACTS];
	unsigned exit_line, exit_column; /* the return the path leaves by; 0 when none yet */
	bool param_gone;                 /* helper summary: the parameter's reference went */
};

/* What one exploration found about each acquiring node. */
struct fl_leak {
	int node;
	unsigned line, column; /* the exit, or the overwriting node */
	int by_node;           /* the node overwriting the variable (CALL or ASSIGN), or -1 */
};

/* One walk of one function. */
struct fl_explore {
	const struct fl_program *program;
	const struct fl_function *function;
	unsigned depth;
	bool summary;   /* summarizing a helper: only the parameter's reference counts */
	bool truncated; /* a path held more references than it can keep */
	size_t leak_count, leak_capacity;
	struct fl_leak *leaks;
	size_t gone_exits; /* helper summary: exits the parameter's reference did not reach */
};

enum fl_param_use {
	FL_PARAM_BORROWS,  /* never releases or hands on the reference */
	FL_PARAM_CONSUMES, /* releases or hands it on, on some path at least */
};

static enum fl_param_use fl_param_summary(const struct fl_program *program, const struct fl_function *function,
					  size_t param, unsigned depth);

static bool fl_same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* ---- the path state ---- */

static struct fl_fact *fl_fact_find(struct fl_path *path, const char *name, int call, bool add)
{
	for (size_t i = 0; i < path->fact_count; i++) {
		struct fl_fact *fact = &path->facts[i];
		if (name ? fl_same(fact->name, name) : (!fact->name && fact->call == call))
			return fact;
	}
	if (!add || path->fact_count == FL_LEAK_MAX_FACTS)
		return NULL;
	struct fl_fact *fact = &path->facts[path->fact_count++];
	*fact = (struct fl_fact){ .name = name, .call = call, .success = -1 };
	return fact;
}

/* `name` gets a new value: what was known of it goes. */
static void fl_fact_forget(struct fl_path *path, const char *name)
{
	for (size_t i = 0; i < path->fact_count; i++)
		if (fl_same(path->facts[i].name, name)) {
			path->facts[i] = path->facts[--path->fact_count];
			return;
		}
}

static bool fl_ref_live(const struct fl_ref *ref)
{
	return ref->state != FL_REF_GONE;
}

static bool fl_ref_holds(const struct fl_ref *ref, const char *name)
{
	for (size_t h = 0; h < ref->holder_count; h++)
		if (fl_same(ref->holders[h], name))
			return true;
	return false;
}

/* The live reference `name` holds: a held one before a pending one, the
 * latest first. */
static struct fl_ref *fl_ref_of(struct fl_path *path, const char *name)
{
	struct fl_ref *pending = NULL;
	for (size_t i = path->ref_count; i > 0; i--) {
		struct fl_ref *ref = &path->refs[i - 1];
		if (!fl_ref_live(ref) || !fl_ref_holds(ref, name))
			continue;
		if (ref->state == FL_REF_HELD)
			return ref;
		if (!pending)
			pending = ref;
	}
	return pending;
}

static void fl_ref_drop_holder(struct fl_path *path, const char *name)
{
	for (size_t i = 0; i < path->ref_count; i++) {
		struct fl_ref *ref = &path->refs[i];
		for (size_t h = 0; h < ref->holder_count; h++)
			if (fl_same(ref->holders[h], name)) {
				ref->holders[h] = ref->holders[--ref->holder_count];
				break;
			}
	}
}

static void fl_ref_add_holder(struct fl_ref *ref, const char *name)
{
	if (!fl_ref_holds(ref, name) && ref->holder_count < FL_LEAK_MAX_HOLDERS)
		ref->holders[ref->holder_count++] = name;
}

/* Settles pending references by what the path now knows of their status. */
static void fl_settle(struct fl_path *path)
{
	for (size_t i = 0; i < path->ref_count; i++) {
		struct fl_ref *ref = &path->refs[i];
		if (ref->state != FL_REF_PENDING || (!ref->status && ref->status_call < 0))
			continue;
		struct fl_fact *fact = fl_fact_find(path, ref->status, ref->status_call, false);
		if (!fact)
			continue;
		if (ref->kind == FL_REF_OUT && fact->success >= 0)
			ref->state = fact->success ? FL_REF_HELD : FL_REF_GONE;
		else if (ref->kind == FL_REF_OLD && fact->has_value)
			ref->state = (int)fact->value == FL_STATUS_FLT_CONTEXT_ALREADY_DEFINED ? FL_REF_HELD : FL_REF_GONE;
	}
}

static bool fl_nt_success(long long value)
{
	return (int)value >= 0;
}

/* Takes the BRANCH `node` one way (`holds`: its test holds); false when the
 * path already knows that way is impossible. */
static bool fl_assume(struct fl_path *path, const struct fl_flow_node *node, bool holds)
{
	if (!node->var && node->call < 0)
		return true; /* a test of a parameter's field: nothing a reference depends on */
	switch (node->test) {
	case FL_FLOW_TEST_UNKNOWN:
	case FL_FLOW_TEST_BITS:
	case FL_FLOW_TEST_AT_MOST:
		return true;
	case FL_FLOW_TEST_NONNULL: {
		struct fl_fact *fact = fl_fact_find(path, node->var, -1, false);
		if (fact && fact->null && holds)
			return false;
		struct fl_ref *ref = fl_ref_of(path, node->var);
		if (ref && ref->state == FL_REF_HELD && !holds)
			return false;
		if (ref && ref->state == FL_REF_PENDING)
			ref->state = holds ? FL_REF_HELD : FL_REF_GONE;
		if (!holds && !ref) {
			fact = fl_fact_find(path, node->var, -1, true);
			if (fact)
				fact->null = true;
		}
		return true;
	}
	case FL_FLOW_TEST_SUCCESS:
	case FL_FLOW_TEST_EQUALS: {
		struct fl_fact *fact = fl_fact_find(path, node->call >= 0 ? NULL : node->var, node->call, true);
		if (!fact)
			return true;
		if (node->test == FL_FLOW_TEST_SUCCESS) {
			if (fact->success >= 0 && fact->success != holds)
				return false;
			if (fact->has_value && fl_nt_success(fact->value) != holds)
				return false;
			fact->success = holds;
		} else if (holds) {
			if ((fact->has_value && fact->value != node->value) ||
			    (fact->success >= 0 && fact->success != fl_nt_success(node->value)))
				return false;
			fact->has_value = true;
			fact->value = node->value;
			fact->success = fl_nt_success(node->value);
		} else {
			if (fact->has_value && fact->value == node->value)
				return false;
			if (node->value == 0) /* != STATUS_SUCCESS: some other code, perhaps a success */
				return true;
		}
		fl_settle(path);
		return true;
	}
	}
	return true;
}

/* ---- events ---- */

static void fl_record_leak(struct fl_explore *run, const struct fl_ref *ref, unsigned line, unsigned column,
			   int by_node)
{
	if (run->summary)
		return;
	for (size_t i = 0; i < run->leak_count; i++)
		if (run->leaks[i].node == ref->node)
			return; /* the first path found stands for the rest */
	FL_GROW(run->leaks, run->leak_capacity, run->leak_count + 1);
	run->leaks[run->leak_count++] =
		(struct fl_leak){ .node = ref->node, .line = line, .column = column, .by_node = by_node };
}

/* Drops references that went (keeping the state small and canonical). */
static void fl_compact(struct fl_path *path)
{
	size_t kept = 0;
	for (size_t i = 0; i < path->ref_count; i++) {
		if (path->refs[i].state == FL_REF_GONE) {
			if (path->refs[i].node < 0)
				path->param_gone = true;
			continue;
		}
		path->refs[kept++] = path->refs[i];
	}
	path->ref_count = kept;
}

/* Whether the reference counts as held at a leak point: held, or pending
 * with the context used as if held. */
static bool fl_ref_sure(const struct fl_ref *ref)
{
	return ref->state == FL_REF_HELD || (ref->state == FL_REF_PENDING && ref->used);
}

/* `name` gets a new value at node `by`: a reference only it held is lost,
 * a leak when it was surely held. */
static void fl_overwrite(struct fl_explore *run, struct fl_path *path, const char *name, int by)
{
	const struct fl_flow_node *node = &run->function->flow[by];
	for (size_t i = 0; i < path->ref_count; i++) {
		struct fl_ref *ref = &path->refs[i];
		if (!fl_ref_live(ref) || !fl_ref_holds(ref, name) || ref->holder_count != 1)
			continue;
		if (fl_ref_sure(ref))
			fl_record_leak(run, ref, node->line, node->column, by);
		ref->state = FL_REF_GONE;
	}
	fl_ref_drop_holder(path, name);
	fl_fact_forget(path, name);
	/* A pending reference whose status this was can no longer be told by it. */
	for (size_t i = 0; i < path->ref_count; i++)
		if (fl_same(path->refs[i].status, name))
			path->refs[i].status = NULL;
}

static void fl_new_ref(struct fl_explore *run, struct fl_path *path, int node, enum fl_ref_kind kind,
		       const char *holder)
{
	const struct fl_flow_node *call = &run->function->flow[node];
	if (kind != FL_REF_REFERENCE)
		fl_overwrite(run, path, holder, node);
	fl_compact(path);
	if (path->ref_count == FL_LEAK_MAX_REFS) {
		run->truncated = true;
		return;
	}
	struct fl_ref *ref = &path->refs[path->ref_count++];
	*ref = (struct fl_ref){
		.node = node,
		.kind = kind,
		.state = kind == FL_REF_REFERENCE ? FL_REF_HELD : FL_REF_PENDING,
		.status = call->var,
		.status_call = call->var ? -1 : call->call,
		.holder_count = 1,
		.holders = { holder },
	};
}

static void fl_hand_on(struct fl_path *path, const char *name)
{
	struct fl_ref *ref = fl_ref_of(path, name);
	if (ref)
		ref->state = FL_REF_GONE;
}

static void fl_use(struct fl_path *path, const char *name)
{
	for (size_t i = 0; i < path->ref_count; i++)
		if (fl_ref_live(&path->refs[i]) && fl_ref_holds(&path->refs[i], name))
			path->refs[i].used = true;
}

/* Whether `function` releases a context (FltReleaseContext), itself or
 * through the driver functions it calls: a destructor that does releases
 * what its object holds. */
static bool fl_releases_context(const struct fl_program *program, const struct fl_function *function,
				unsigned depth)
{
	for (size_t c = 0; c < function->call_count; c++) {
		const struct fl_call *call = &function->calls[c];
		const struct fl_api *api = fl_api_find(call->callee);
		if (api && api->context_op == FL_CONTEXT_OP_RELEASE)
			return true;
		if (api || !call->callee_key || depth >= FL_LEAK_MAX_DEPTH)
			continue;
		const struct fl_function *callee = fl_program_function(program, call->callee_key).function;
		if (callee && callee != function && fl_releases_context(program, callee, depth + 1))
			return true;
	}
	return false;
}

/* C++ objects (the walker's `object` of a call): a constructor given a
 * reference makes its object hold it too (a holder class); the object's
 * destructor, run at each exit of its scope, drops it if it releases a
 * context.  True when the call is a constructor, whose arguments are
 * settled here. */
static bool fl_object_event(struct fl_explore *run, struct fl_path *path, const struct fl_call *call,
			    const struct fl_function *callee)
{
	if (!call->object || !callee)
		return false;
	if (callee->member == FL_MEMBER_DESTRUCTOR) {
		if (fl_releases_context(run->program, callee, run->depth))
			fl_hand_on(path, call->object);
		return false;
	}
	if (callee->member != FL_MEMBER_CONSTRUCTOR)
		return false;
	for (size_t a = 0; a < call->arg_count; a++) {
		const struct fl_value *value = &call->args[a].value;
		struct fl_ref *ref = value->kind == FL_VALUE_VARIABLE && !value->address_of
			? fl_ref_of(path, value->name) : NULL;
		if (ref)
			fl_ref_add_holder(ref, call->object);
	}
	return true;
}

/* A call: acquisition, release, or what it does to each variable it is given. */
static void fl_call_event(struct fl_explore *run, struct fl_path *path, int index)
{
	const struct fl_flow_node *node = &run->function->flow[index];
	const struct fl_call *call = &run->function->calls[node->call];
	const struct fl_api *api = fl_api_find(call->callee);
	if (node->var)
		fl_overwrite(run, path, node->var, index);
	else
		for (size_t i = 0; i < path->fact_count; i++)
			if (!path->facts[i].name && path->facts[i].call == node->call)
				path->facts[i] = path->facts[--path->fact_count]; /* the call runs again */
	int context_arg = api && api->context_op != FL_CONTEXT_OP_NONE ? api->context_arg : -1;
	bool registers_callback = api && api->callbacks[0].kind != FL_API_CALLBACK_NONE;
	struct fl_function_ref callee = { 0 };
	if (!api && call->callee_key)
		callee = fl_program_function(run->program, call->callee_key);
	if (fl_object_event(run, path, call, callee.function))
		return;
	for (size_t a = 0; a < call->arg_count; a++) {
		const struct fl_value *value = &call->args[a].value;
		if (value->kind != FL_VALUE_VARIABLE)
			continue;
		if ((int)a == context_arg) {
			switch (api->context_op) {
			case FL_CONTEXT_OP_ALLOCATE:
			case FL_CONTEXT_OP_GET:
			case FL_CONTEXT_OP_SET:
				if (value->address_of)
					fl_new_ref(run, path, index,
						   api->context_op == FL_CONTEXT_OP_SET ? FL_REF_OLD : FL_REF_OUT, value->name);
				continue;
			case FL_CONTEXT_OP_REFERENCE:
				if (!value->address_of)
					fl_new_ref(run, path, index, FL_REF_REFERENCE, value->name);
				continue;
			case FL_CONTEXT_OP_RELEASE:
				if (!value->address_of)
					fl_hand_on(path, value->name);
				continue;
			case FL_CONTEXT_OP_NONE:
				break;
			}
		}
		if (!fl_ref_of(path, value->name))
			continue;
		if (value->address_of) {
			fl_hand_on(path, value->name); /* whatever it does with the variable */
		} else if (registers_callback) {
			fl_hand_on(path, value->name); /* the context of the routine it queues */
		} else if (api || node->system_callee) {
			fl_use(path, value->name);
		} else if (callee.function && fl_param_summary(run->program, callee.function, a, run->depth + 1) ==
							   FL_PARAM_BORROWS) {
			fl_use(path, value->name);
		} else {
			fl_hand_on(path, value->name);
		}
	}
}

static void fl_assign_event(struct fl_explore *run, struct fl_path *path, int index)
{
	const struct fl_flow_node *node = &run->function->flow[index];
	if (!node->var) {
		/* A store anywhere but a local: the reference is handed on. */
		if (node->source_kind == FL_FLOW_SOURCE_VARIABLE)
			fl_hand_on(path, node->source);
		return;
	}
	if (node->source_kind == FL_FLOW_SOURCE_VARIABLE && fl_same(node->source, node->var))
		return;
	/* The source's reference first: `p = p2` keeps what p2 holds. */
	struct fl_ref *source_ref =
		node->source_kind == FL_FLOW_SOURCE_VARIABLE ? fl_ref_of(path, node->source) : NULL;
	int source_node = source_ref ? source_ref->node : -2;
	fl_overwrite(run, path, node->var, index);
	source_ref = NULL;
	for (size_t i = 0; source_node != -2 && i < path->ref_count && !source_ref; i++)
		if (path->refs[i].node == source_node && fl_ref_holds(&path->refs[i], node->source))
			source_ref = &path->refs[i];
	if (node->source_kind == FL_FLOW_SOURCE_NULL) {
		struct fl_fact *fact = fl_fact_find(path, node->var, -1, true);
		if (fact)
			fact->null = true;
	} else if (node->source_kind == FL_FLOW_SOURCE_CONSTANT) {
		struct fl_fact *fact = fl_fact_find(path, node->var, -1, true);
		if (fact) {
			fact->has_value = true;
			fact->value = node->value;
			fact->success = fl_nt_success(node->value);
		}
	} else if (node->source_kind == FL_FLOW_SOURCE_VARIABLE) {
		if (source_ref && fl_ref_live(source_ref))
			fl_ref_add_holder(source_ref, node->var);
		struct fl_fact *source = fl_fact_find(path, node->source, -1, false);
		if (source && source->null) {
			struct fl_fact *fact = fl_fact_find(path, node->var, -1, true);
			if (fact)
				fact->null = true;
		}
	}
}

/* The path leaves the function. */
static void fl_exit(struct fl_explore *run, struct fl_path *path)
{
	fl_compact(path);
	if (path->param_gone)
		run->gone_exits++;
	for (size_t i = 0; i < path->ref_count; i++) {
		const struct fl_ref *ref = &path->refs[i];
		if (!fl_ref_sure(ref))
			continue;
		unsigned line = path->exit_line ? path->exit_line : run->function->end_loc.line;
		unsigned column = path->exit_line ? path->exit_column : run->function->end_loc.column;
		fl_record_leak(run, ref, line, column, -1);
	}
}

/* ---- the walk: fl_walk_paths with this rule's state ---- */

/* A digest of the state: references and facts whatever their order in the arrays. */
static uint64_t fl_digest(const void *state)
{
	const struct fl_path *path = state;
	uint64_t refs = 0, facts = 0;
	for (size_t i = 0; i < path->ref_count; i++) {
		const struct fl_ref *ref = &path->refs[i];
		uint64_t one = fl_hash_int(FL_HASH_START, ref->node);
		one = fl_hash_int(one, ref->kind * 16 + ref->state * 4 + ref->used * 2);
		one = fl_hash_text(one, ref->status);
		one = fl_hash_int(one, ref->status_call);
		uint64_t holders = 0;
		for (size_t h = 0; h < ref->holder_count; h++)
			holders += fl_hash_text(FL_HASH_START, ref->holders[h]);
		refs += fl_hash_int(one, (long long)holders);
	}
	for (size_t i = 0; i < path->fact_count; i++) {
		const struct fl_fact *fact = &path->facts[i];
		uint64_t one = fl_hash_text(FL_HASH_START, fact->name);
		one = fl_hash_int(one, fact->call);
		one = fl_hash_int(one, fact->success * 4 + fact->has_value * 2 + fact->null);
		facts += fl_hash_int(one, fact->has_value ? fact->value : 0);
	}
	uint64_t hash = fl_hash_int(FL_HASH_START, (long long)refs);
	hash = fl_hash_int(hash, (long long)facts);
	hash = fl_hash_int(hash, path->exit_line * 4096LL + path->exit_column);
	return fl_hash_int(hash, path->param_gone);
}

static bool fl_step(void *rule, void *state, int index)
{
	struct fl_explore *run = rule;
	struct fl_path *path = state;
	const struct fl_flow_node *node = &run->function->flow[index];
	switch (node->kind) {
	case FL_FLOW_CALL:
		fl_call_event(run, path, index);
		break;
	case FL_FLOW_ASSIGN:
		fl_assign_event(run, path, index);
		break;
	case FL_FLOW_USE:
		fl_use(path, node->var);
		break;
	case FL_FLOW_RETURN:
		if (node->var)
			fl_hand_on(path, node->var);
		path->exit_line = node->line;
		path->exit_column = node->column;
		break;
	case FL_FLOW_NOP:
	case FL_FLOW_BRANCH:
		break;
	}
	return !run->truncated;
}

static bool fl_take_branch(void *rule, void *state, int index, bool holds)
{
	const struct fl_explore *run = rule;
	return fl_assume(state, &run->function->flow[index], holds);
}

static void fl_canonical(void *rule, void *state)
{
	fl_compact(state);
}

static void fl_path_exit(void *rule, void *state)
{
	fl_exit(rule, state);
}

static const struct fl_path_visitor fl_leak_visitor = {
	.state_size = sizeof(struct fl_path),
	.step = fl_step,
	.assume = fl_take_branch,
	.canonical = fl_canonical,
	.digest = fl_digest,
	.exit = fl_path_exit,
};

/* ---- helper summaries ---- */

/* How `function` treats the reference its parameter `param` brings: by
 * the same exploration, the parameter holding a reference at the entry. */
static enum fl_param_use fl_param_summary(const struct fl_program *program, const struct fl_function *function,
					  size_t param, unsigned depth)
{
	if (depth > FL_LEAK_MAX_DEPTH || param >= function->param_count || !function->params[param][0])
		return FL_PARAM_CONSUMES; /* not known: taken as handed on, so nothing is said */
	struct fl_explore run = { .program = program, .function = function, .depth = depth, .summary = true };
	struct fl_path start = {
		.ref_count = 1,
		.refs[0] = { .node = -1, .kind = FL_REF_REFERENCE, .state = FL_REF_HELD, .status_call = -1,
			     .holder_count = 1, .holders = { function->params[param] } },
	};
	bool complete = fl_walk_paths(function, &fl_leak_visitor, &run, &start);
	free(run.leaks);
	return complete && run.gone_exits == 0 ? FL_PARAM_BORROWS : FL_PARAM_CONSUMES;
}

/* ---- the rule ---- */

struct fl_context_leak_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
};

static void fl_check_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_context_leak_run *rule_run = data;
	const struct fl_function *function = ref->function;
	if (fl_program_function(rule_run->program, function->key).function != function)
		return;
	bool acquires = false;
	for (size_t i = 0; i < function->flow_count && !acquires; i++) {
		const struct fl_flow_node *node = &function->flow[i];
		const struct fl_api *api = node->kind == FL_FLOW_CALL ? fl_api_find(function->calls[node->call].callee) : NULL;
		acquires = api && api->context_op != FL_CONTEXT_OP_NONE && api->context_op != FL_CONTEXT_OP_RELEASE;
	}
	if (!acquires)
		return;
	struct fl_explore run = { .program = rule_run->program, .function = function };
	struct fl_path start = { 0 };
	bool complete = fl_walk_paths(function, &fl_leak_visitor, &run, &start);
	for (size_t i = 0; i < run.leak_count && complete; i++) {
		const struct fl_leak *leak = &run.leaks[i];
		const struct fl_flow_node *node = &function->flow[leak->node];
		const struct fl_call *call = &function->calls[node->call];
		const struct fl_api *api = fl_api_find(call->callee);
		const char *holder = (size_t)api->context_arg < call->arg_count && call->args[api->context_arg].value.name
			? call->args[api->context_arg].value.name : "the context";
		const char *what = api->context_op == FL_CONTEXT_OP_SET ? "the OldContext reference" : "the context reference";
		struct fl_finding *finding;
		struct fl_loc where = { .file = function->body_loc.file, .line = leak->line, .column = leak->column };
		if (leak->by_node >= 0) {
			const struct fl_flow_node *by = &function->flow[leak->by_node];
			char *how = leak->by_node == leak->node
				? fl_xstrdup("the same call, run again (a loop), overwrites it")
				: by->kind == FL_FLOW_CALL
				? fl_xasprintf("%s (line %u) overwrites it", function->calls[by->call].callee, leak->line)
				: fl_xasprintf("it is overwritten at line %u", leak->line);
			finding = fl_report(rule_run->out, rule_run->rule, rule_run->rule->severity, &call->loc,
					    "%s %s puts in '%s' is not released before %s", what, call->callee, holder, how);
			free(how);
			fl_finding_set_function(finding, function->name);
			fl_finding_add_related(finding, &where, "'%s' is overwritten here while it still holds a reference",
					       holder);
		} else {
			finding = fl_report(rule_run->out, rule_run->rule, rule_run->rule->severity, &call->loc,
					    "%s %s puts in '%s' is neither released with FltReleaseContext nor handed on "
					    "on a path that leaves %s at line %u",
					    what, call->callee, holder, function->name, leak->line);
			fl_finding_set_function(finding, function->name);
			fl_finding_add_related(finding, &where, "the path leaves the function here holding the reference");
		}
	}
	free(run.leaks);
}

static void fl_check_context_leak(const struct fl_rule *rule, const struct fl_program *program,
				  struct fl_findings *out)
{
	struct fl_context_leak_run run = { .rule = rule, .program = program, .out = out };
	fl_program_each_function(program, fl_check_function, &run);
}

const struct fl_rule fl_rule_context_leak = {
	.id = "context-leak",
	.severity = FL_SEVERITY_WARNING,
	.summary = "Context reference (FltAllocateContext, FltGet*Context, FltReferenceContext, a set's OldContext) not released on some path out of the function",
	.msvc_warning = 0,
	.check = fl_check_context_leak,
};
