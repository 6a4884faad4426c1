/* Paths of a function under Filter Manager's contract (irql_paths.h).
 *
 * A path's state is what it has learnt of the operands its tests read (a
 * parameter, a field of one, KeGetCurrentIrql()) as a small conjunction of
 * facts, the set of major functions still possible, and the statuses the
 * locals it follows may hold.  A test that contradicts the state is a way
 * the path cannot take.  Facts are compared pairwise, which misses some
 * contradictions (x != 1 && x != 2 for an x of two values) but never makes
 * one up: a missed contradiction keeps a path, and so a finding. */
#include "irql_paths.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "knowledge/api.h"
#include "rule.h"
#include "util.h"

/* FLT_PREOP_CALLBACK_STATUS (fltKernel.h). */
#define FL_PREOP_SUCCESS_WITH_CALLBACK 0
#define FL_PREOP_PENDING 2
#define FL_PREOP_SYNCHRONIZE 5
#define FL_IRP_MJ_CREATE 0
#define FL_IRP_MJ_READ 3
#define FL_IRP_MJ_WRITE 4
#define FL_SKIP_PAGING_IO 0x1            /* FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO */
#define FL_POSTOP_FLAGS_PARAM 3          /* PFLT_POST_OPERATION_CALLBACK's Flags */
#define FL_POST_OPERATION_DRAINING 0x1   /* FLTFL_POST_OPERATION_DRAINING */

#define FL_OPERAND_IRQL (-2)     /* KeGetCurrentIrql()'s value */
#define FL_FACTS_MAX 16
#define FL_VARS_MAX 8
#define FL_RETURNS_MAX 64
#define FL_VALUE_OTHER (1u << 31) /* a value outside 0..30, or one not known */
#define FL_VALUES_ALL FL_VALUE_OTHER  /* not known: any value, none of them certain */

struct fl_fact {
	int param; /* position, or FL_OPERAND_IRQL */
	const char *field;
	enum fl_flow_test test;
	long long value;
	bool holds;
};

struct fl_path_state {
	uint64_t majors; /* the major functions still possible (fl_major_bit) */
	unsigned fact_count, var_count;
	/* A digest of facts[0..fact_count), kept as facts come (they are only
	 * ever added): the walk asks for the state's digest at every node. */
	uint64_t facts_digest;
	struct fl_fact facts[FL_FACTS_MAX];
	struct fl_path_var {
		const char *name;
		uint64_t name_digest;
		uint32_t values;
	} vars[FL_VARS_MAX];
	struct fl_irql_stack regions; /* open on the path (a region walk only) */
};

/* A way out of a function: the statuses it may return there, and what the
 * path learnt on the way. */
struct fl_return_path {
	uint32_t values;
	struct fl_path_state state;
};

struct fl_returns {
	bool done, busy, overflow; /* overflow: not every path is recorded (or none could be) */
	uint32_t values;           /* union over the paths */
	size_t count, capacity;
	struct fl_return_path *paths;
};

/* One walk's calls, kept: the slot's walk at `level`, entered as its
 * registrations at that level (`with_entries`) and through calls with
 * `call_majors` possible. */
struct fl_feasible_memo {
	int level;
	bool with_entries;
	uint64_t call_majors;
	uint64_t *calls;
	struct fl_feasible_memo *next;
};

struct fl_irql_paths {
	const struct fl_program *program;
	struct fl_returns *returns; /* by slot */
	struct fl_feasible_memo **feasible; /* by slot */
	uint64_t **entry_feasible;  /* by entry * 2 + (level == DISPATCH): one entry's paths */
	bool *entry_done;
	uint32_t pended;            /* statuses passed to FltCompletePendedPreOperation */
	/* Per slot, per parameter: the constant every caller passes, when
	 * there is one (known[slot][p]). */
	long long **param_value;
	bool **param_known;
	/* Per slot: the parameter holding the operation's callback data (0 in
	 * a pre- or post-operation callback; in a helper, where its callers
	 * hand theirs, 0 when none does), or -1 when callers disagree. */
	int *data_param;
};

uint64_t fl_major_bit(long long major)
{
	if (major >= 0 && major < 32)
		return 1ull << major;
	if (major >= 250 && major <= 255) /* Filter Manager's own operations, as UCHAR */
		return 1ull << (major - 250 + 32);
	if (major >= -6 && major <= -1) /* the same read as a signed char */
		return 1ull << (major + 256 - 250 + 32);
	return 1ull << 63;
}

static uint32_t fl_value_bit(long long value)
{
	return value >= 0 && value < 31 ? 1u << value : FL_VALUE_OTHER;
}

static bool fl_same_operand(const struct fl_fact *a, const struct fl_fact *b)
{
	return a->param == b->param && (a->field == b->field || (a->field && b->field && strcmp(a->field, b->field) == 0));
}

/* Whether `value` passes the test `fact` says holds (or not). */
static bool fl_value_meets(long long value, const struct fl_fact *fact)
{
	switch (fact->test) {
	case FL_FLOW_TEST_EQUALS:
		return (value == fact->value) == fact->holds;
	case FL_FLOW_TEST_NONNULL:
		return (value != 0) == fact->holds;
	case FL_FLOW_TEST_BITS:
		return ((value & fact->value) != 0) == fact->holds;
	case FL_FLOW_TEST_AT_MOST:
		return (value <= fact->value) == fact->holds;
	default:
		return true;
	}
}

/* Whether two facts of one operand may hold together. */
static bool fl_compatible(const struct fl_fact *a, const struct fl_fact *b)
{
	if (a->test == FL_FLOW_TEST_EQUALS && a->holds)
		return fl_value_meets(a->value, b);
	if (b->test == FL_FLOW_TEST_EQUALS && b->holds)
		return fl_value_meets(b->value, a);
	if (a->test == b->test && a->value == b->value)
		return a->holds == b->holds;
	if (a->test == FL_FLOW_TEST_AT_MOST && b->test == FL_FLOW_TEST_AT_MOST && a->holds != b->holds) {
		const struct fl_fact *most = a->holds ? a : b, *above = a->holds ? b : a;
		return most->value > above->value; /* x <= M and x > A */
	}
	return true;
}

/* Adds `fact` to the state; false when it contradicts what is known. */
static bool fl_learn(struct fl_path_state *state, const struct fl_fact *fact)
{
	for (unsigned i = 0; i < state->fact_count; i++)
		if (fl_same_operand(&state->facts[i], fact) && !fl_compatible(&state->facts[i], fact))
			return false;
	if (state->fact_count < FL_FACTS_MAX) { /* beyond: forgotten, which keeps paths */
		state->facts[state->fact_count++] = *fact;
		uint64_t digest = fl_hash_int(state->facts_digest, fact->param);
		digest = fl_hash_int(digest, fact->value);
		digest = fl_hash_int(digest, fact->test * 2 + fact->holds);
		state->facts_digest = fl_hash_text(digest, fact->field);
	}
	return true;
}

static bool fl_is_major_field(const struct fl_irql_paths *paths, size_t slot, int param, const char *field)
{
	return param == paths->data_param[slot] && field && strcmp(field, "->Iopb->MajorFunction") == 0;
}

/* The statuses local `name` may hold. */
static uint32_t fl_var_values(const struct fl_path_state *state, const char *name)
{
	for (unsigned i = 0; name && i < state->var_count; i++)
		if (strcmp(state->vars[i].name, name) == 0)
			return state->vars[i].values;
	return FL_VALUES_ALL;
}

static void fl_var_set(struct fl_path_state *state, const char *name, uint32_t values)
{
	for (unsigned i = 0; i < state->var_count; i++)
		if (strcmp(state->vars[i].name, name) == 0) {
			state->vars[i].values = values;
			return;
		}
	if (state->var_count < FL_VARS_MAX) /* beyond: unknown, which is what fl_var_values says */
		state->vars[state->var_count++] = (struct fl_path_var){ name, fl_hash_text(FL_HASH_START, name), values };
}

static const struct fl_returns *fl_returns_of(struct fl_irql_paths *paths, size_t slot);

/* The statuses call `index` of `function` (in `slot`) may return. */
static uint32_t fl_call_values(struct fl_irql_paths *paths, size_t slot, int index)
{
	size_t callee = fl_program_callee(paths->program, slot, (size_t)index);
	if (callee == FL_NO_FUNCTION)
		return FL_VALUES_ALL;
	const struct fl_returns *returns = fl_returns_of(paths, callee);
	return returns->overflow ? FL_VALUES_ALL : returns->values;
}

/* The argument of call `index` of the function in `slot` that hands on
 * its callback data (data_param), or -1. */
static int fl_callback_data_arg(const struct fl_irql_paths *paths, size_t slot, size_t index)
{
	const struct fl_function *function = fl_program_function_at(paths->program, slot).function;
	int param = paths->data_param[slot];
	if (param < 0 || (size_t)param >= function->param_count || !function->params[param][0])
		return -1;
	const struct fl_call *call = &function->calls[index];
	for (size_t a = 0; a < call->arg_count; a++) {
		const struct fl_value *arg = &call->args[a].value;
		if (arg->kind == FL_VALUE_VARIABLE && !arg->address_of && !arg->local && arg->name &&
		    strcmp(arg->name, function->params[param]) == 0)
			return (int)a;
	}
	return -1;
}

/* Whether call `index` of the function in `slot` hands its callback data
 * to the callee's own: the callee's tests of its Data->Iopb->MajorFunction
 * then test the caller's operation. */
static bool fl_passes_callback_data(const struct fl_irql_paths *paths, size_t slot, size_t index)
{
	size_t callee = fl_program_callee(paths->program, slot, index);
	int arg = fl_callback_data_arg(paths, slot, index);
	return callee != FL_NO_FUNCTION && arg >= 0 && arg == paths->data_param[callee];
}

/* ---- one walk: the visitor ---- */

struct fl_paths_walk {
	struct fl_irql_paths *paths;
	size_t slot;
	const struct fl_function *function;
	uint64_t *calls;              /* per call, the majors of the feasible paths making it, or NULL */
	struct fl_returns *returns;   /* ways out recorded, or NULL */
	struct fl_irql_regions *regions; /* a region walk, or NULL */
	/* A region walk: whether a path may return with a region open (a
	 * helper that takes a lock for its caller), or release where it took
	 * nothing (one that releases its caller's); and whether a path did
	 * what the function's role does not explain. */
	bool may_leave_open, may_release_unopened, unbalanced;
};

/* The locals a walk follows the values of: statuses for the returns, and
 * flags for the regions (`if (locked) Release(...)`). */
static bool fl_follows_vars(const struct fl_paths_walk *walk)
{
	return walk->returns || walk->regions;
}

/* Whether `call` takes the very lock `open` took (fl_irql_stack_step). */
static bool fl_reacquires(const struct fl_call *open, const struct fl_call *call)
{
	const struct fl_api *api = call->callee ? fl_api_find(call->callee) : NULL;
	if (!api || api->irql_effect != FL_IRQL_EFFECT_RAISE || api->raises_to == FL_IRQL_FROM_ARG)
		return false;
	if (!open->callee || strcmp(open->callee, call->callee) != 0 || !open->arg_count || !call->arg_count)
		return false;
	const char *held = open->args[0].value.text, *taken = call->args[0].value.text;
	return held && taken && strcmp(held, taken) == 0;
}

enum fl_irql_step fl_irql_stack_step(struct fl_irql_stack *stack, const struct fl_function *function, size_t index,
				     int effect)
{
	if (effect < 0) {
		if (!stack->count)
			return FL_IRQL_STEP_RELEASES_UNOPENED;
		stack->count--;
		return FL_IRQL_STEP_CLOSES;
	}
	if (effect == 0 || stack->count == FL_REGIONS_MAX)
		return FL_IRQL_STEP_NONE;
	for (unsigned r = 0; r < stack->count; r++)
		if (fl_reacquires(&function->calls[stack->raises[r]], &function->calls[index]))
			return FL_IRQL_STEP_NONE;
	int outer = stack->count ? stack->levels[stack->count - 1] : 0;
	stack->levels[stack->count] = outer > effect ? outer : effect;
	stack->raises[stack->count++] = index;
	return FL_IRQL_STEP_OPENS;
}

void fl_irql_regions_note(struct fl_irql_regions *regions, const struct fl_irql_stack *stack, size_t index)
{
	if (stack->count && stack->levels[stack->count - 1] > regions->call_level[index]) {
		regions->call_level[index] = stack->levels[stack->count - 1];
		regions->call_raise[index] = stack->raises[stack->count - 1];
	}
}

/* A region walk's step at call `index`: the call is made in the innermost
 * open region; then it opens one, closes the innermost, or neither. */
static void fl_region_step(struct fl_paths_walk *walk, struct fl_path_state *state, size_t index)
{
	fl_irql_regions_note(walk->regions, &state->regions, index);
	if (fl_irql_stack_step(&state->regions, walk->function, index, walk->regions->effects[index]) ==
		    FL_IRQL_STEP_RELEASES_UNOPENED &&
	    !walk->may_release_unopened)
		walk->unbalanced = true; /* a release where this path took nothing */
}

static bool fl_walk_step(void *rule, void *data, int index)
{
	struct fl_paths_walk *walk = rule;
	struct fl_path_state *state = data;
	const struct fl_flow_node *node = &walk->function->flow[index];
	switch (node->kind) {
	case FL_FLOW_CALL: {
		const struct fl_call *call = &walk->function->calls[node->call];
		if (walk->calls)
			walk->calls[node->call] |= fl_passes_callback_data(walk->paths, walk->slot, (size_t)node->call)
				? state->majors : FL_MAJORS_ALL;
		for (size_t a = 0; a < call->arg_count; a++) /* &status handed to a call */
			if (call->args[a].value.kind == FL_VALUE_VARIABLE && call->args[a].value.address_of)
				if (fl_var_values(state, call->args[a].value.name) != FL_VALUES_ALL)
					fl_var_set(state, call->args[a].value.name, FL_VALUES_ALL);
		if (node->var && fl_follows_vars(walk))
			fl_var_set(state, node->var,
				   walk->returns ? fl_call_values(walk->paths, walk->slot, node->call) : FL_VALUES_ALL);
		if (walk->regions)
			fl_region_step(walk, state, (size_t)node->call);
		break;
	}
	case FL_FLOW_ASSIGN:
		if (!node->var || !fl_follows_vars(walk))
			break;
		fl_var_set(state, node->var,
			   node->source_kind == FL_FLOW_SOURCE_CONSTANT ? fl_value_bit(node->value)
			   : node->source_kind == FL_FLOW_SOURCE_NULL	 ? fl_value_bit(0)
			   : node->source_kind == FL_FLOW_SOURCE_VARIABLE ? fl_var_values(state, node->source)
									  : FL_VALUES_ALL);
		break;
	case FL_FLOW_RETURN: {
		struct fl_returns *returns = walk->returns;
		if (!returns)
			break;
		uint32_t values = node->source_kind == FL_FLOW_SOURCE_CONSTANT ? fl_value_bit(node->value)
				  : node->source_kind == FL_FLOW_SOURCE_VARIABLE ? fl_var_values(state, node->source)
				  : node->call >= 0 ? fl_call_values(walk->paths, walk->slot, node->call)
						    : FL_VALUES_ALL;
		returns->values |= values;
		if (returns->count == FL_RETURNS_MAX) {
			returns->overflow = true;
			break;
		}
		FL_GROW(returns->paths, returns->capacity, returns->count + 1);
		returns->paths[returns->count++] = (struct fl_return_path){ .values = values, .state = *state };
		break;
	}
	default:
		break;
	}
	return true;
}

/* A test of a local whose values the path knows (a flag given only
 * constants): the way no value takes is ruled out, and the others keep the
 * values that lead there. */
static bool fl_var_assume(struct fl_path_state *state, const struct fl_flow_node *node, bool holds)
{
	uint32_t values = fl_var_values(state, node->var);
	if (values & FL_VALUE_OTHER)
		return true;
	struct fl_fact fact = { .test = node->test, .value = node->value, .holds = holds };
	uint32_t kept = 0;
	for (long long value = 0; value < 31; value++)
		if ((values & (1u << value)) && fl_value_meets(value, &fact))
			kept |= 1u << value;
	fl_var_set(state, node->var, kept);
	return kept != 0;
}

static bool fl_walk_assume(void *rule, void *data, int index, bool holds)
{
	struct fl_paths_walk *walk = rule;
	struct fl_path_state *state = data;
	const struct fl_flow_node *node = &walk->function->flow[index];
	if (node->test == FL_FLOW_TEST_UNKNOWN || node->test == FL_FLOW_TEST_SUCCESS)
		return true;
	if (walk->regions && node->var && !node->field && node->param < 0)
		return fl_var_assume(state, node, holds);
	struct fl_fact fact = { .param = node->param, .field = node->field, .test = node->test,
				.value = node->value, .holds = holds };
	if (node->param < 0) {
		const struct fl_call *call = node->call >= 0 ? &walk->function->calls[node->call] : NULL;
		if (!call || !call->callee || strcmp(call->callee, "KeGetCurrentIrql") != 0)
			return true;
		fact.param = FL_OPERAND_IRQL;
	}
	if (fl_is_major_field(walk->paths, walk->slot, fact.param, fact.field) && fact.test == FL_FLOW_TEST_EQUALS) {
		uint64_t bit = fl_major_bit(fact.value);
		state->majors &= holds ? bit : ~bit;
		return state->majors != 0;
	}
	return fl_learn(state, &fact);
}

static uint64_t fl_walk_digest(const void *data)
{
	const struct fl_path_state *state = data;
	uint64_t hash = fl_hash_int(FL_HASH_START, (long long)state->majors);
	hash = fl_hash_int(hash, (long long)state->facts_digest);
	for (unsigned i = 0; i < state->var_count; i++)
		hash = fl_hash_int(fl_hash_int(hash, (long long)state->vars[i].name_digest), state->vars[i].values);
	for (unsigned r = 0; r < state->regions.count; r++)
		hash = fl_hash_int(fl_hash_int(hash, state->regions.levels[r]), (long long)state->regions.raises[r]);
	return hash;
}

static void fl_walk_exit(void *rule, void *data)
{
	struct fl_paths_walk *walk = rule;
	const struct fl_path_state *state = data;
	if (walk->regions && state->regions.count && !walk->may_leave_open)
		walk->unbalanced = true;
}

static const struct fl_path_visitor fl_paths_visitor = {
	.state_size = sizeof(struct fl_path_state),
	.step = fl_walk_step,
	.assume = fl_walk_assume,
	.digest = fl_walk_digest,
	.exit = fl_walk_exit,
};

/* The facts every path of `slot` starts with: parameters every caller
 * passes the same constant for (dead code behind a test of them). */
static void fl_start_state(const struct fl_irql_paths *paths, size_t slot, struct fl_path_state *state)
{
	memset(state, 0, sizeof(*state));
	state->majors = FL_MAJORS_ALL;
	const struct fl_function *function = fl_program_function_at(paths->program, slot).function;
	for (size_t p = 0; p < function->param_count && paths->param_known[slot]; p++)
		if (paths->param_known[slot][p])
			fl_learn(state, &(struct fl_fact){ .param = (int)p, .test = FL_FLOW_TEST_EQUALS,
							   .value = paths->param_value[slot][p], .holds = true });
}

static const struct fl_returns *fl_returns_of(struct fl_irql_paths *paths, size_t slot)
{
	struct fl_returns *returns = &paths->returns[slot];
	if (returns->done)
		return returns;
	if (returns->busy) { /* recursion: not known */
		static const struct fl_returns unknown = { .done = true, .overflow = true, .values = FL_VALUES_ALL };
		return &unknown;
	}
	returns->busy = true;
	const struct fl_function *function = fl_program_function_at(paths->program, slot).function;
	struct fl_paths_walk walk = { .paths = paths, .slot = slot, .function = function, .returns = returns };
	struct fl_path_state start;
	fl_start_state(paths, slot, &start);
	if (!fl_walk_paths(function, &fl_paths_visitor, &walk, &start) || returns->count == 0) {
		returns->overflow = true;
		returns->values = FL_VALUES_ALL;
	}
	returns->busy = false;
	returns->done = true;
	return returns;
}

/* The statuses a pre-operation's status `values` stands for once a pended
 * operation is completed. */
static uint32_t fl_settled(const struct fl_irql_paths *paths, uint32_t values)
{
	if (!(values & (1u << FL_PREOP_PENDING)))
		return values;
	return (values & ~(1u << FL_PREOP_PENDING)) | (paths->pended ? paths->pended : FL_VALUES_ALL);
}

static bool fl_path_allows(const struct fl_return_path *path, int major)
{
	return (path->state.majors & fl_major_bit(major)) != 0;
}

enum fl_preop_defers fl_preop_defers(struct fl_irql_paths *paths, size_t slot, int major)
{
	const struct fl_returns *returns = fl_returns_of(paths, slot);
	bool unknown = returns->overflow;
	for (size_t i = 0; i < returns->count; i++) {
		uint32_t values = fl_settled(paths, returns->paths[i].values);
		if (!fl_path_allows(&returns->paths[i], major))
			continue;
		if (values & (1u << FL_PREOP_SUCCESS_WITH_CALLBACK))
			return FL_PREOP_DEFERS;
		unknown = unknown || (values & FL_VALUE_OTHER);
	}
	return unknown ? FL_PREOP_MAY_DEFER : FL_PREOP_NEVER_DEFERS;
}

bool fl_preop_may_synchronize(struct fl_irql_paths *paths, size_t slot, int major)
{
	const struct fl_returns *returns = fl_returns_of(paths, slot);
	if (returns->overflow)
		return true;
	for (size_t i = 0; i < returns->count; i++)
		if (fl_path_allows(&returns->paths[i], major) &&
		    (fl_settled(paths, returns->paths[i].values) & ((1u << FL_PREOP_SYNCHRONIZE) | FL_VALUE_OTHER)))
			return true;
	return false;
}

/* Walks `slot` from `start`, marking the calls of its feasible paths. */
static bool fl_mark_calls(struct fl_irql_paths *paths, size_t slot, const struct fl_path_state *start,
			  uint64_t *calls)
{
	const struct fl_function *function = fl_program_function_at(paths->program, slot).function;
	struct fl_paths_walk walk = { .paths = paths, .slot = slot, .function = function, .calls = calls };
	return fl_walk_paths(function, &fl_paths_visitor, &walk, start);
}

/* What a path of a post-operation at DISPATCH_LEVEL starts knowing from a
 * way its pre-operation defers it: the pre-operation's tests of the
 * callback data and related objects (parameters 0 and 1 of both). */
static void fl_carry_preop(struct fl_path_state *state, const struct fl_return_path *path)
{
	state->majors &= path->state.majors;
	for (unsigned i = 0; i < path->state.fact_count; i++)
		if (path->state.facts[i].param == 0 || path->state.facts[i].param == 1)
			if (!fl_learn(state, &path->state.facts[i]))
				state->majors = 0; /* cannot meet: a start no path takes */
}

/* The pre-operation level for a major function: paging reads and writes
 * and Filter Manager's acquire/release callbacks (IRP_MJ_ACQUIRE_FOR_* and
 * IRP_MJ_RELEASE_FOR_*, 250-255 as UCHAR) come at APC_LEVEL; other
 * operations arrive at PASSIVE_LEVEL in practice (the documentation says
 * "PASSIVE or APC": fltlint takes the lower, see the rules' limits).
 * IRP_MJ_CLOSE is sent wherever the last reference to the file object
 * drops, but its pre-operation callback is still documented at <= APC_LEVEL
 * (pflt_pre_operation_callback), and Microsoft's ctx sample keeps it
 * pageable: fltlint reads it as a pre-operation like any other; its
 * post-operation callback is taken as DISPATCH_LEVEL. */
int fl_preop_irql(int major, long long flags)
{
	if ((major == FL_IRP_MJ_READ || major == FL_IRP_MJ_WRITE) && !(flags & FL_SKIP_PAGING_IO))
		return FL_IRQL_APC;
	if (major >= 250 && major <= 255)
		return FL_IRQL_APC;
	return FL_IRQL_PASSIVE;
}

/* Whether some pre-operation of `major` may synchronize it (or there is
 * one fltlint cannot read): then its post-operation may come at the
 * pre-operation's level on any path. */
static bool fl_some_preop_synchronizes(struct fl_irql_paths *paths, int major)
{
	for (size_t e = 0; e < paths->program->entry_count; e++) {
		const struct fl_entry *pre = &paths->program->entries[e];
		if (pre->role != FL_ROLE_PREOP || pre->major_function != major)
			continue;
		size_t pre_slot = fl_program_function_slot(paths->program, pre->key);
		if (pre_slot == FL_NO_FUNCTION || fl_preop_may_synchronize(paths, pre_slot, major))
			return true;
	}
	return false;
}

/* The paths of a post-operation its pre-operations defer (return
 * SUCCESS_WITH_CALLBACK, or a status fltlint cannot read), from `start`:
 * one start per such way out of a pre-operation, knowing what that way
 * tested.  Without a pre-operation (or with one fltlint cannot read),
 * every path from `start`. */
static bool fl_mark_deferred(struct fl_irql_paths *paths, size_t slot, const struct fl_entry *entry,
			     const struct fl_path_state *start, uint64_t *calls)
{
	bool complete = true, any = false;
	for (size_t e = 0; e < paths->program->entry_count; e++) {
		const struct fl_entry *pre = &paths->program->entries[e];
		if (pre->role != FL_ROLE_PREOP || pre->major_function != entry->major_function)
			continue;
		size_t pre_slot = fl_program_function_slot(paths->program, pre->key);
		const struct fl_returns *returns = pre_slot == FL_NO_FUNCTION ? NULL : fl_returns_of(paths, pre_slot);
		if (!returns || returns->overflow)
			return start->majors == 0 || fl_mark_calls(paths, slot, start, calls);
		any = true;
		for (size_t i = 0; i < returns->count; i++) {
			uint32_t values = fl_settled(paths, returns->paths[i].values);
			if (!(values & ((1u << FL_PREOP_SUCCESS_WITH_CALLBACK) | FL_VALUE_OTHER)))
				continue;
			struct fl_path_state deferred = *start;
			fl_carry_preop(&deferred, &returns->paths[i]);
			if (deferred.majors)
				complete = fl_mark_calls(paths, slot, &deferred, calls) && complete;
		}
	}
	if (!any) /* no pre-operation: the post-operation comes for every operation */
		return start->majors == 0 || fl_mark_calls(paths, slot, start, calls);
	return complete;
}

/* The facts a path starts with when entered as `entry` at `level`, one
 * start per way its pre-operation may defer it (post-operations), through
 * `mark`. */
static bool fl_mark_entry(struct fl_irql_paths *paths, size_t slot, int level, const struct fl_entry *entry,
			  const struct fl_path_state *generic, uint64_t *calls)
{
	struct fl_path_state start = *generic;
	if (entry->major_function >= 0)
		start.majors &= fl_major_bit(entry->major_function);
	/* Paging I/O is kernel-mode I/O: a read or write whose requestor is
	 * user mode is not paging I/O, and comes at PASSIVE_LEVEL
	 * (FLT_CALLBACK_DATA RequestorMode; the paging level is APC_LEVEL). */
	if (entry->role == FL_ROLE_PREOP && level == FL_IRQL_APC)
		fl_learn(&start, &(struct fl_fact){ .param = 0, .field = "->RequestorMode", .test = FL_FLOW_TEST_EQUALS,
						    .value = 0, .holds = true });
	if (entry->role != FL_ROLE_POSTOP || entry->major_function == FL_IRP_MJ_CREATE)
		return start.majors == 0 || fl_mark_calls(paths, slot, &start, calls);
	/* A post-operation called with FLTFL_POST_OPERATION_DRAINING (its
	 * Flags, parameter 3) runs at <= APC_LEVEL while the instance detaches
	 * (pflt_post_operation_callback), for an operation it awaits, one its
	 * pre-operation deferred ("Performing Completion Processing for an I/O
	 * Operation"; Microsoft's samples assert the flag clear after
	 * SYNCHRONIZE): at DISPATCH_LEVEL the flag is clear; at APC_LEVEL it is
	 * set on the deferred paths, clear after a pre-operation at APC_LEVEL
	 * synchronized. */
	struct fl_fact draining = { .param = FL_POSTOP_FLAGS_PARAM, .test = FL_FLOW_TEST_BITS,
				    .value = FL_POST_OPERATION_DRAINING, .holds = level != FL_IRQL_DISPATCH };
	struct fl_path_state deferred = start;
	bool complete = !fl_learn(&deferred, &draining) || fl_mark_deferred(paths, slot, entry, &deferred, calls);
	if (level == FL_IRQL_APC && fl_preop_irql(entry->major_function, entry->operation_flags) == FL_IRQL_APC &&
	    fl_some_preop_synchronizes(paths, entry->major_function)) {
		draining.holds = false;
		complete = complete && (!fl_learn(&start, &draining) || start.majors == 0 ||
					fl_mark_calls(paths, slot, &start, calls));
	}
	return complete;
}

static uint64_t *fl_compute_feasible(struct fl_irql_paths *paths, size_t slot, int level,
				     const struct fl_entry *const *entries, size_t entry_count, uint64_t call_majors);

const uint64_t *fl_irql_feasible_calls(struct fl_irql_paths *paths, size_t slot, int level,
				       const struct fl_entry *const *entries, size_t entry_count, uint64_t call_majors)
{
	bool with_entries = entry_count > 0;
	for (const struct fl_feasible_memo *memo = paths->feasible[slot]; memo; memo = memo->next)
		if (memo->level == level && memo->with_entries == with_entries && memo->call_majors == call_majors)
			return memo->calls;
	struct fl_feasible_memo *memo = fl_xcalloc(1, sizeof(*memo));
	*memo = (struct fl_feasible_memo){ .level = level, .with_entries = with_entries, .call_majors = call_majors,
					   .next = paths->feasible[slot] };
	memo->calls = fl_compute_feasible(paths, slot, level, entries, entry_count, call_majors);
	paths->feasible[slot] = memo;
	return memo->calls;
}

const uint64_t *fl_irql_entry_feasible_calls(struct fl_irql_paths *paths, size_t slot, int level,
					     const struct fl_entry *entry)
{
	size_t memo = (size_t)(entry - paths->program->entries) * 2 + (level == FL_IRQL_DISPATCH ? 1 : 0);
	if (!paths->entry_done[memo]) {
		paths->entry_done[memo] = true;
		paths->entry_feasible[memo] = fl_compute_feasible(paths, slot, level, &entry, 1, 0);
	}
	return paths->entry_feasible[memo];
}

/* The calls of `slot` made on a feasible path at `level`, with the majors
 * of those paths; NULL when every call may be made with any (no summary,
 * or a walk that gave up). */
static uint64_t *fl_compute_feasible(struct fl_irql_paths *paths, size_t slot, int level,
				     const struct fl_entry *const *entries, size_t entry_count, uint64_t call_majors)
{
	const struct fl_function *function = fl_program_function_at(paths->program, slot).function;
	if (function->flow_incomplete || function->call_count == 0)
		return NULL;
	uint64_t *calls = fl_xcalloc(function->call_count, sizeof(*calls));
	struct fl_path_state generic;
	fl_start_state(paths, slot, &generic);
	/* The level itself: a guard of KeGetCurrentIrql() rules out paths. */
	fl_learn(&generic, &(struct fl_fact){ .param = FL_OPERAND_IRQL, .test = FL_FLOW_TEST_EQUALS, .value = level,
					      .holds = true });
	struct fl_path_state called = generic;
	called.majors = call_majors;
	bool complete = !call_majors || fl_mark_calls(paths, slot, &called, calls);
	for (size_t e = 0; e < entry_count && complete; e++)
		complete = fl_mark_entry(paths, slot, level, entries[e], &generic, calls);
	if (!complete) { /* a walk that gave up concludes nothing */
		free(calls);
		return NULL;
	}
	return calls;
}

bool fl_irql_path_regions(struct fl_irql_paths *paths, size_t slot, struct fl_irql_regions *regions,
			  int own_effect)
{
	const struct fl_function *function = fl_program_function_at(paths->program, slot).function;
	bool raises = false, lowers = false;
	for (size_t c = 0; c < function->call_count; c++) {
		regions->call_level[c] = -1;
		raises = raises || regions->effects[c] > 0;
		lowers = lowers || regions->effects[c] < 0;
	}
	/* A helper that only takes (or only releases) a lock is one by its
	 * role; one that does both leaves the IRQL as it found it on a path
	 * read right, whatever its calls in source order suggest. */
	struct fl_paths_walk walk = { .paths = paths, .slot = slot, .function = function, .regions = regions,
				      .may_leave_open = own_effect > 0 && !lowers,
				      .may_release_unopened = own_effect < 0 && !raises };
	struct fl_path_state start;
	fl_start_state(paths, slot, &start);
	return fl_walk_paths(function, &fl_paths_visitor, &walk, &start) && !walk.unbalanced;
}

/* Parameters every direct caller passes the same constant for, of
 * functions whose address is never taken. */
static void fl_find_constant_params(struct fl_irql_paths *paths)
{
	const struct fl_program *program = paths->program;
	size_t count = fl_program_function_count(program);
	bool *taken = fl_program_address_taken(program);
	for (size_t s = 0; s < count; s++) {
		const struct fl_function *function = fl_program_function_at(program, s).function;
		size_t caller_count;
		const struct fl_call_site *sites = fl_program_callers(program, s, &caller_count);
		if (taken[s] || caller_count == 0 || function->param_count == 0)
			continue;
		paths->param_value[s] = fl_xcalloc(function->param_count, sizeof(long long));
		paths->param_known[s] = fl_xcalloc(function->param_count, sizeof(bool));
		for (size_t p = 0; p < function->param_count; p++) {
			bool known = true;
			long long value = 0;
			for (size_t i = 0; i < caller_count && known; i++) {
				if (p >= sites[i].call->arg_count) {
					known = false;
					break;
				}
				const struct fl_value *arg = &sites[i].call->args[p].value;
				struct fl_field as_field = { .value = *arg };
				long long this_value;
				if (arg->kind == FL_VALUE_INT)
					this_value = arg->integer;
				else if (fl_field_is_null(&as_field))
					this_value = 0;
				else {
					known = false;
					break;
				}
				known = i == 0 || this_value == value;
				value = this_value;
			}
			paths->param_known[s][p] = known;
			paths->param_value[s][p] = value;
		}
	}
	free(taken);
}

/* Where each function holds the callback data (data_param): from the
 * pre- and post-operation callbacks down the calls that hand it on, until
 * nothing changes (a position first, -1 once two callers disagree). */
static void fl_find_data_params(struct fl_irql_paths *paths)
{
	const struct fl_program *program = paths->program;
	size_t count = fl_program_function_count(program);
	bool *fixed = fl_xcalloc(count + 1, sizeof(*fixed));   /* a callback: parameter 0 */
	bool *learnt = fl_xcalloc(count + 1, sizeof(*learnt)); /* set from a caller */
	size_t *queue = fl_xcalloc(count + 1, sizeof(*queue)); /* a ring: each slot in it at most once */
	bool *queued = fl_xcalloc(count + 1, sizeof(*queued));
	size_t head = 0, length = 0;
	for (size_t e = 0; e < program->entry_count; e++) {
		const struct fl_entry *entry = &program->entries[e];
		size_t slot = fl_program_function_slot(program, entry->key);
		if (slot == FL_NO_FUNCTION || (entry->role != FL_ROLE_PREOP && entry->role != FL_ROLE_POSTOP) ||
		    queued[slot])
			continue;
		fixed[slot] = queued[slot] = true;
		queue[(head + length++) % (count + 1)] = slot;
	}
	while (length) {
		size_t slot = queue[head];
		head = (head + 1) % (count + 1);
		length--;
		queued[slot] = false;
		const struct fl_function *function = fl_program_function_at(program, slot).function;
		for (size_t c = 0; c < function->call_count; c++) {
			size_t callee = fl_program_callee(program, slot, c);
			int arg = fl_callback_data_arg(paths, slot, c);
			if (callee == FL_NO_FUNCTION || arg < 0 || fixed[callee])
				continue;
			int param = !learnt[callee] || paths->data_param[callee] == arg ? arg : -1;
			if (learnt[callee] && param == paths->data_param[callee])
				continue;
			paths->data_param[callee] = param;
			learnt[callee] = true;
			if (!queued[callee]) {
				queued[callee] = true;
				queue[(head + length++) % (count + 1)] = callee;
			}
		}
	}
	free(fixed);
	free(learnt);
	free(queue);
	free(queued);
}

struct fl_irql_paths *fl_irql_paths_new(const struct fl_program *program)
{
	struct fl_irql_paths *paths = fl_xcalloc(1, sizeof(*paths));
	paths->program = program;
	size_t count = fl_program_function_count(program);
	paths->returns = fl_xcalloc(count + 1, sizeof(*paths->returns));
	paths->feasible = fl_xcalloc(count + 1, sizeof(*paths->feasible));
	paths->entry_feasible = fl_xcalloc(program->entry_count * 2 + 1, sizeof(*paths->entry_feasible));
	paths->entry_done = fl_xcalloc(program->entry_count * 2 + 1, sizeof(*paths->entry_done));
	paths->param_value = fl_xcalloc(count + 1, sizeof(*paths->param_value));
	paths->param_known = fl_xcalloc(count + 1, sizeof(*paths->param_known));
	paths->data_param = fl_xcalloc(count + 1, sizeof(*paths->data_param));
	fl_find_data_params(paths);
	/* FltCompletePendedPreOperation(Data, CallbackStatus, Context): the
	 * status a pended pre-operation ends with. */
	for (size_t s = 0; s < count; s++) {
		const struct fl_function *function = fl_program_function_at(program, s).function;
		for (size_t c = 0; c < function->call_count; c++) {
			const struct fl_call *call = &function->calls[c];
			if (!call->callee || strcmp(call->callee, "FltCompletePendedPreOperation") != 0)
				continue;
			paths->pended |= call->arg_count > 1 && call->args[1].value.kind == FL_VALUE_INT
				? fl_value_bit(call->args[1].value.integer) : FL_VALUES_ALL;
		}
	}
	fl_find_constant_params(paths);
	return paths;
}

void fl_irql_paths_free(struct fl_irql_paths *paths)
{
	if (!paths)
		return;
	size_t count = fl_program_function_count(paths->program);
	for (size_t s = 0; s < count; s++) {
		free(paths->returns[s].paths);
		free(paths->param_value[s]);
		free(paths->param_known[s]);
		for (struct fl_feasible_memo *memo = paths->feasible[s], *next; memo; memo = next) {
			next = memo->next;
			free(memo->calls);
			free(memo);
		}
	}
	for (size_t m = 0; m < paths->program->entry_count * 2; m++)
		free(paths->entry_feasible[m]);
	free(paths->entry_feasible);
	free(paths->entry_done);
	free(paths->returns);
	free(paths->feasible);
	free(paths->param_value);
	free(paths->param_known);
	free(paths->data_param);
	free(paths);
}
