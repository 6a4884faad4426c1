/* The IRQL each function may run at (irql.h).
 *
 * Two reaches over direct calls (the link stage's fl_reach_from), highest
 * level first: DISPATCH_LEVEL from post-operation callbacks (but see
 * fl_irql_entry_level), DPCs, I/O completions, spin-lock regions and
 * functions annotated to run at DISPATCH_LEVEL; then APC_LEVEL from the
 * callbacks documented at <= APC_LEVEL, not entering what the first reached.
 * A function keeps the first (highest) level it is reached at, with its
 * shortest chain at that level.
 *
 * A region is read in source order within one function: from a call the API
 * table marks as raising (KeAcquireSpinLock, KeAcquireInStackQueuedSpinLock,
 * ExAcquireSpinLockExclusive, KeRaiseIrql, ExAcquireFastMutex ...) or a
 * driver function annotated _IRQL_raises_, to the next lowering call.  An
 * early release on one branch ends the region for the rest of the text, so
 * a region is never longer than the code really holds the lock.  A driver
 * function that returns with a lock taken (a C++ lock guard's constructor,
 * a C helper) raises where it is called, one that releases what it did not
 * take (the guard's destructor, run at each exit of its scope) lowers. */
#include "irql.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "irql_paths.h"

#define FL_IRP_MJ_CREATE 0
#define FL_IRP_MJ_CLOSE 2

/* The entries seeded at one level, by slot, and the major functions the
 * function is also entered with there through calls (0: not entered so;
 * every major for a function seeded without an entry, whose paths start
 * knowing nothing). */
struct fl_irql_level_seeds {
	const struct fl_entry ***entries; /* by slot: the entries seeded there */
	size_t *entry_count;
	uint64_t *call_majors;
};

/* The chains shown at one level: a reach from each entry alone (its own
 * paths only, so that a chain through a shared callback's `case
 * IRP_MJ_WRITE:` starts at its IRP_MJ_WRITE registration, and a helper
 * reached from it is walked knowing the major function), and one from the
 * other seeds (regions, annotations).  A call's chain is the shortest of
 * those on which a path makes the call that are certain, else the
 * shortest of those. */
struct fl_irql_chains {
	size_t count;
	struct fl_reach_map **reach;
	const struct fl_entry **entry; /* NULL for the other seeds */
	uint64_t **majors;             /* by slot: the majors the chain enters the function with */
};

struct fl_irql_map {
	const struct fl_program *program;
	struct fl_irql_paths *paths;
	struct fl_irql_regions *regions;   /* by slot */
	enum fl_preop_defers *defers;      /* by entry: how a post-operation's pre-operations defer it */
	bool *drains_only;                 /* by entry: at APC_LEVEL only while draining */
	struct fl_irql_level_seeds seeds[2]; /* APC_LEVEL, DISPATCH_LEVEL */
	struct fl_reach_map *dispatch, *apc;
	struct fl_irql_chains chains[2];     /* APC_LEVEL, DISPATCH_LEVEL */
};

const char *fl_irql_name(int level)
{
	switch (level) {
	case FL_IRQL_PASSIVE:
		return "PASSIVE_LEVEL";
	case FL_IRQL_APC:
		return "APC_LEVEL";
	case FL_IRQL_DISPATCH:
		return "DISPATCH_LEVEL";
	default:
		return level > FL_IRQL_DISPATCH ? "above DISPATCH_LEVEL" : "an unknown IRQL";
	}
}

/* The level of a callback role by its DDI page (IRQL requirement):
 * - context cleanup / allocate / free: <= APC_LEVEL
 *   (nc-fltkernel-pflt_context_cleanup_callback, _allocate_callback,
 *   _free_callback; FLT_CONTEXT_REGISTRATION);
 * - normalize name component (and _EX), generate file name: PASSIVE_LEVEL
 *   (nc-fltkernel-pflt_normalize_name_component,
 *   nc-fltkernel-pflt_normalize_name_component_ex,
 *   nc-fltkernel-pflt_generate_file_name): Filter Manager calls the name
 *   provider from its name query at PASSIVE_LEVEL;
 * - normalize context cleanup: taken as <= APC_LEVEL (its page names no
 *   level; the higher one is the safe reading);
 * - SafePostCallback of FltDoCompletionProcessingWhenSafe: <= APC_LEVEL
 *   (nf-fltkernel-fltdocompletionprocessingwhensafe);
 * - DPC: DISPATCH_LEVEL (KDEFERRED_ROUTINE); completion of
 *   FltPerformAsynchronousIo / FltReadFile / FltWriteFile: <= DISPATCH_LEVEL
 *   (nc-fltkernel-pflt_completed_async_io_callback);
 * - pre-operation: PASSIVE or APC (pflt_pre_operation_callback, see
 *   fl_preop_level); post-operation: <= DISPATCH_LEVEL
 *   (pflt_post_operation_callback) unless its pre-operation synchronizes,
 *   post-create PASSIVE_LEVEL (fl_entry_levels);
 * - instance setup / teardown, filter unload, port callbacks, work items,
 *   system threads, transaction and section notifications: PASSIVE_LEVEL
 *   (their pages: pflt_instance_setup_callback, pflt_filter_unload_callback,
 *   pflt_connect_notify, pflt_message_notify, fltqueuegenericworkitem,
 *   pscreatesystemthread ...). */
static int fl_role_level(const struct fl_entry *entry)
{
	switch (entry->role) {
	case FL_ROLE_DPC:
	case FL_ROLE_ASYNC_IO:
		return FL_IRQL_DISPATCH;
	case FL_ROLE_CONTEXT_CLEANUP:
	case FL_ROLE_CONTEXT_ALLOCATE:
	case FL_ROLE_CONTEXT_FREE:
	case FL_ROLE_SAFE_POST:
	case FL_ROLE_NORMALIZE_CONTEXT_CLEANUP:
		return FL_IRQL_APC;
	case FL_ROLE_PREOP:
		return fl_preop_irql(entry->major_function, entry->operation_flags);
	default:
		return FL_IRQL_PASSIVE;
	}
}

/* The levels entry `e` is seeded at (a post-operation may come at both:
 * DISPATCH_LEVEL after a pre-operation that lets it come later, its
 * pre-operation's level after one that synchronizes): bit 1 << level. */
static unsigned fl_entry_levels(struct fl_irql_map *map, size_t e)
{
	const struct fl_program *program = map->program;
	const struct fl_entry *entry = &program->entries[e];
	map->defers[e] = FL_PREOP_NEVER_DEFERS;
	if (entry->role != FL_ROLE_POSTOP)
		return 1u << fl_role_level(entry);
	if (entry->major_function == FL_IRP_MJ_CREATE)
		return 1u << FL_IRQL_PASSIVE; /* post-create: PASSIVE_LEVEL, in the pre-create's thread */
	/* A deferred post-operation is also called while the instance drains,
	 * at <= APC_LEVEL (FLTFL_POST_OPERATION_DRAINING, irql_paths.c). */
	if (entry->major_function == FL_IRP_MJ_CLOSE) {
		map->defers[e] = FL_PREOP_DEFERS;
		map->drains_only[e] = true;
		return 1u << FL_IRQL_DISPATCH | 1u << FL_IRQL_APC;
	}
	/* Filter Manager calls the post-operation later, at up to
	 * DISPATCH_LEVEL, after SUCCESS_WITH_CALLBACK (or a pended operation
	 * completed so); after SYNCHRONIZE in the pre-operation's thread at its
	 * level (pflt_pre_operation_callback). */
	bool any_preop = false, synchronizes = false;
	enum fl_preop_defers defers = FL_PREOP_NEVER_DEFERS;
	for (size_t p = 0; p < program->entry_count; p++) {
		const struct fl_entry *pre = &program->entries[p];
		if (pre->role != FL_ROLE_PREOP || pre->major_function != entry->major_function)
			continue;
		any_preop = true;
		size_t slot = fl_program_function_slot(program, pre->key);
		enum fl_preop_defers this_one =
			slot == FL_NO_FUNCTION ? FL_PREOP_MAY_DEFER : fl_preop_defers(map->paths, slot, pre->major_function);
		if (this_one == FL_PREOP_DEFERS || (this_one == FL_PREOP_MAY_DEFER && defers == FL_PREOP_NEVER_DEFERS))
			defers = this_one;
		synchronizes = synchronizes || slot == FL_NO_FUNCTION ||
			       fl_preop_may_synchronize(map->paths, slot, pre->major_function);
	}
	if (!any_preop)
		defers = FL_PREOP_DEFERS; /* no pre-operation: nothing synchronizes it */
	map->defers[e] = defers;
	unsigned levels = 0;
	if (defers != FL_PREOP_NEVER_DEFERS)
		levels |= 1u << FL_IRQL_DISPATCH | 1u << FL_IRQL_APC;
	if (synchronizes)
		levels |= 1u << fl_preop_irql(entry->major_function, entry->operation_flags);
	map->drains_only[e] = defers != FL_PREOP_NEVER_DEFERS &&
			      !(synchronizes && fl_preop_irql(entry->major_function, entry->operation_flags) == FL_IRQL_APC);
	return levels ? levels : 1u << FL_IRQL_PASSIVE;
}

static int fl_call_effect_at(const struct fl_program *program, const struct fl_call *call, unsigned depth);

/* What a driver function leaves done to the IRQL when it returns, from its
 * calls in order: a lock guard's constructor (C++) or a C helper that
 * acquires a spin lock raises; its destructor, or a helper that releases
 * what it did not acquire, lowers. */
#define FL_IRQL_MAX_WRAPPER_DEPTH 3
static int fl_function_effect(const struct fl_program *program, const struct fl_function *function,
			      unsigned depth)
{
	struct fl_irql_stack stack = { 0 };
	int level = 0;
	bool lowers = false;
	for (size_t c = 0; c < function->call_count && depth < FL_IRQL_MAX_WRAPPER_DEPTH; c++) {
		int effect = fl_call_effect_at(program, &function->calls[c], depth + 1);
		enum fl_irql_step step = fl_irql_stack_step(&stack, function, c, effect);
		if (step == FL_IRQL_STEP_OPENS)
			level = effect > level ? effect : level;
		lowers = lowers || step == FL_IRQL_STEP_RELEASES_UNOPENED;
	}
	return stack.count ? level : lowers ? -1 : 0;
}

/* What call `call` does to the IRQL: the level it raises to (> 0), -1 when
 * it lowers, 0 when neither. */
static int fl_call_effect(const struct fl_program *program, const struct fl_call *call)
{
	return fl_call_effect_at(program, call, 0);
}

static int fl_call_effect_at(const struct fl_program *program, const struct fl_call *call, unsigned depth)
{
	const struct fl_api *api = fl_api_find(call->callee);
	if (api && api->irql_effect == FL_IRQL_EFFECT_LOWER)
		return -1;
	if (api && api->irql_effect == FL_IRQL_EFFECT_RAISE) {
		if (api->raises_to != FL_IRQL_FROM_ARG)
			return api->raises_to;
		if ((size_t)api->raise_level_arg < call->arg_count &&
		    call->args[api->raise_level_arg].value.kind == FL_VALUE_INT) {
			long long level = call->args[api->raise_level_arg].value.integer;
			return level > 0 ? (int)(level > FL_IRQL_DISPATCH ? FL_IRQL_DISPATCH : level) : 0;
		}
		return 0; /* a level fltlint cannot read: no region */
	}
	if (!api) {
		const struct fl_function *callee = fl_program_function(program, call->callee_key).function;
		if (callee && callee->irql.raises_to > 0)
			return callee->irql.raises_to > FL_IRQL_DISPATCH ? FL_IRQL_DISPATCH : callee->irql.raises_to;
		if (callee)
			return fl_function_effect(program, callee, depth);
	}
	return 0;
}

/* Regions of one function, in source order of its calls: what
 * fl_compute_regions falls back to. */
static void fl_source_order_regions(const struct fl_function *function, struct fl_irql_regions *slot)
{
	size_t count = function->call_count;
	size_t *order = fl_xcalloc(count ? count : 1, sizeof(*order));
	for (size_t i = 0; i < count; i++)
		order[i] = i;
	/* Insertion sort by position: calls come in walk order, which is source
	 * order but for arguments that are calls themselves. */
	for (size_t i = 1; i < count; i++) {
		size_t item = order[i], j = i;
		const struct fl_loc *at = &function->calls[item].loc;
		while (j > 0) {
			const struct fl_loc *before = &function->calls[order[j - 1]].loc;
			if (!fl_loc_before(at, before))
				break;
			order[j] = order[j - 1];
			j--;
		}
		order[j] = item;
	}
	struct fl_irql_stack stack = { 0 };
	for (size_t i = 0; i < count; i++) {
		size_t c = order[i];
		slot->call_level[c] = -1; /* what a path walk that gave up left is not kept */
		slot->call_raise[c] = 0;
		fl_irql_regions_note(slot, &stack, c);
		fl_irql_stack_step(&stack, function, c, slot->effects[c]);
	}
	free(order);
}

/* Regions of the function in `slot`: path by path where its flow summary
 * allows (irql_paths.h), else in source order. */
static void fl_compute_regions(struct fl_irql_map *map, size_t slot)
{
	const struct fl_program *program = map->program;
	const struct fl_function *function = fl_program_function_at(program, slot).function;
	size_t count = function->call_count;
	int *effects = fl_xcalloc(count ? count : 1, sizeof(*effects));
	bool raises = false;
	for (size_t c = 0; c < count; c++) {
		effects[c] = fl_call_effect(program, &function->calls[c]);
		raises = raises || effects[c] > 0;
	}
	struct fl_irql_regions *regions = &map->regions[slot];
	*regions = (struct fl_irql_regions){
		.effects = effects,
		.call_level = fl_xcalloc(count ? count : 1, sizeof(*regions->call_level)),
		.call_raise = fl_xcalloc(count ? count : 1, sizeof(*regions->call_raise)),
	};
	/* Without a raise there is no region, on any path: no walk. */
	if (!raises || !fl_irql_path_regions(map->paths, slot, regions, fl_function_effect(program, function, 0)))
		fl_source_order_regions(function, regions);
	regions->effects = NULL;
	free(effects);
}

static struct fl_irql_level_seeds *fl_level_seeds(struct fl_irql_map *map, int level)
{
	return &map->seeds[level == FL_IRQL_DISPATCH ? 1 : 0];
}

/* The calls of `slot` some feasible path makes at `level`, with their
 * majors, or NULL (all, with any). */
static const uint64_t *fl_feasible(const struct fl_irql_map *map, size_t slot, int level)
{
	const struct fl_irql_level_seeds *seeds = &map->seeds[level == FL_IRQL_DISPATCH ? 1 : 0];
	return fl_irql_feasible_calls(map->paths, slot, level, seeds->entries[slot], seeds->entry_count[slot],
				      seeds->call_majors[slot]);
}

/* The majors call `index` of the function in `slot` is made with at
 * `level` (0: no feasible path makes it). */
static uint64_t fl_call_majors(const uint64_t *feasible, size_t index)
{
	return feasible ? feasible[index] : FL_MAJORS_ALL;
}

/* How a reach follows calls: the level's whole reach (`majors` NULL), or
 * one chain, whose functions are walked entered with the majors the call
 * that reached them was made with (`majors`, by slot; the chain's first
 * function as `entry` alone when it has one). */
struct fl_follow_data {
	const struct fl_irql_map *map;
	int level;
	const struct fl_entry *entry;
	size_t entry_slot;
	uint64_t *majors;
};

/* The reach follows a call only when a feasible path at its level makes it. */
static bool fl_follow_feasible(const struct fl_program *program, size_t caller, const struct fl_call *call,
			       size_t callee, void *data)
{
	const struct fl_follow_data *follow = data;
	const uint64_t *feasible =
		!follow->majors ? fl_feasible(follow->map, caller, follow->level)
		: follow->entry && caller == follow->entry_slot
		? fl_irql_entry_feasible_calls(follow->map->paths, caller, follow->level, follow->entry)
		: fl_irql_feasible_calls(follow->map->paths, caller, follow->level, NULL, 0, follow->majors[caller]);
	const struct fl_function *function = fl_program_function_at(program, caller).function;
	uint64_t majors = fl_call_majors(feasible, (size_t)(call - function->calls));
	if (majors && follow->majors) /* the reach goes on into `callee` from here (fl_reach_from) */
		follow->majors[callee] = majors;
	return majors != 0;
}

/* The chains of `level` (struct fl_irql_chains) from its `seeds`. */
static void fl_chain_reaches(struct fl_irql_map *map, int level, const struct fl_reach_seed *seeds, size_t seed_count)
{
	struct fl_irql_chains *chains = &map->chains[level == FL_IRQL_DISPATCH ? 1 : 0];
	chains->reach = fl_xcalloc(seed_count + 1, sizeof(*chains->reach));
	chains->entry = fl_xcalloc(seed_count + 1, sizeof(*chains->entry));
	struct fl_reach_seed *others = fl_xcalloc(seed_count + 1, sizeof(*others));
	size_t other_count = 0;
	chains->majors = fl_xcalloc(seed_count + 1, sizeof(*chains->majors));
	size_t count = fl_program_function_count(map->program);
	for (size_t i = 0; i < seed_count; i++) {
		if (!seeds[i].entry) {
			others[other_count++] = seeds[i];
			continue;
		}
		uint64_t *majors = fl_xcalloc(count + 1, sizeof(*majors));
		majors[seeds[i].function] = seeds[i].entry->major_function >= 0
			? fl_major_bit(seeds[i].entry->major_function) : FL_MAJORS_ALL;
		struct fl_follow_data follow = { .map = map, .level = level, .entry = seeds[i].entry,
						 .entry_slot = seeds[i].function, .majors = majors };
		chains->entry[chains->count] = seeds[i].entry;
		chains->majors[chains->count] = majors;
		chains->reach[chains->count++] = fl_reach_from(map->program, &seeds[i], 1, fl_follow_feasible, &follow);
	}
	if (other_count) {
		uint64_t *majors = fl_xcalloc(count + 1, sizeof(*majors));
		for (size_t i = 0; i < other_count; i++)
			majors[others[i].function] = FL_MAJORS_ALL;
		struct fl_follow_data follow = { .map = map, .level = level, .majors = majors };
		chains->majors[chains->count] = majors;
		chains->reach[chains->count++] = fl_reach_from(map->program, others, other_count, fl_follow_feasible,
							       &follow);
	}
	free(others);
}

/* The majors each function is entered with through calls at `level`,
 * from the seeds onwards: a callee gets those of the feasible paths of its
 * callers that make the call, until nothing grows. */
static void fl_spread_majors(struct fl_irql_map *map, int level, const struct fl_reach_seed *seeds, size_t seed_count)
{
	const struct fl_program *program = map->program;
	size_t count = fl_program_function_count(program);
	uint64_t *call_majors = fl_level_seeds(map, level)->call_majors;
	size_t *queue = fl_xcalloc(count + 1, sizeof(*queue)); /* a ring: each slot in it at most once */
	bool *queued = fl_xcalloc(count + 1, sizeof(*queued));
	size_t head = 0, length = 0;
	for (size_t i = 0; i < seed_count; i++)
		if (!queued[seeds[i].function]) {
			queued[seeds[i].function] = true;
			queue[(head + length++) % (count + 1)] = seeds[i].function;
		}
	while (length) {
		size_t slot = queue[head];
		head = (head + 1) % (count + 1);
		length--;
		queued[slot] = false;
		const uint64_t *feasible = fl_feasible(map, slot, level);
		const struct fl_function *function = fl_program_function_at(program, slot).function;
		for (size_t c = 0; c < function->call_count; c++) {
			size_t callee = fl_program_callee(program, slot, c);
			uint64_t majors = fl_call_majors(feasible, c);
			if (callee == FL_NO_FUNCTION || (call_majors[callee] | majors) == call_majors[callee])
				continue;
			call_majors[callee] |= majors;
			if (!queued[callee]) {
				queued[callee] = true;
				queue[(head + length++) % (count + 1)] = callee;
			}
		}
	}
	free(queue);
	free(queued);
}

/* The reach at `level`: from the entries of that level, the functions
 * annotated to run at it (DISPATCH_LEVEL only), and the callees of calls
 * made inside a region of that level. */
static struct fl_reach_map *fl_reach_level(struct fl_irql_map *map, int level)
{
	const struct fl_program *program = map->program;
	size_t count = fl_program_function_count(program);
	size_t seed_count = 0, seed_capacity = 0;
	struct fl_reach_seed *seeds = NULL;
	bool dispatch = level == FL_IRQL_DISPATCH;
	struct fl_irql_level_seeds *level_seeds = fl_level_seeds(map, level);
	for (size_t e = 0; e < program->entry_count; e++) {
		const struct fl_entry *entry = &program->entries[e];
		size_t slot = fl_program_function_slot(program, entry->key);
		if (slot == FL_NO_FUNCTION || !(fl_entry_levels(map, e) & (1u << level)))
			continue;
		FL_GROW(seeds, seed_capacity, seed_count + 1);
		seeds[seed_count++] = (struct fl_reach_seed){ .function = slot, .entry = entry };
	}
	for (size_t s = 0; s < count && dispatch; s++) {
		const struct fl_irql_annotation *irql = &fl_program_function_at(program, s).function->irql;
		int annotated = irql->requires_exact > irql->requires_min ? irql->requires_exact : irql->requires_min;
		if (annotated < level)
			continue;
		level_seeds->call_majors[s] = FL_MAJORS_ALL; /* its paths start knowing nothing */
		FL_GROW(seeds, seed_capacity, seed_count + 1);
		seeds[seed_count++] = (struct fl_reach_seed){ .function = s };
	}
	for (size_t s = 0; s < count; s++) {
		const struct fl_function *function = fl_program_function_at(program, s).function;
		for (size_t c = 0; c < function->call_count; c++) {
			size_t callee = fl_program_callee(program, s, c);
			if (map->regions[s].call_level[c] != level || callee == FL_NO_FUNCTION)
				continue;
			level_seeds->call_majors[callee] = FL_MAJORS_ALL;
			FL_GROW(seeds, seed_capacity, seed_count + 1);
			seeds[seed_count++] = (struct fl_reach_seed){
				.function = callee, .caller = s, .call = &function->calls[c],
				.origin = &function->calls[map->regions[s].call_raise[c]],
			};
		}
	}
	fl_spread_majors(map, level, seeds, seed_count);
	struct fl_follow_data follow = { .map = map, .level = level };
	struct fl_reach_map *reach = fl_reach_from(program, seeds, seed_count, fl_follow_feasible, &follow);
	fl_chain_reaches(map, level, seeds, seed_count);
	free(seeds);
	return reach;
}

/* The entries of each function at each level, for the path walks. */
static void fl_collect_level_entries(struct fl_irql_map *map)
{
	const struct fl_program *program = map->program;
	size_t count = fl_program_function_count(program);
	for (int i = 0; i < 2; i++) {
		map->seeds[i].entries = fl_xcalloc(count + 1, sizeof(*map->seeds[i].entries));
		map->seeds[i].entry_count = fl_xcalloc(count + 1, sizeof(size_t));
		map->seeds[i].call_majors = fl_xcalloc(count + 1, sizeof(*map->seeds[i].call_majors));
	}
	for (size_t e = 0; e < program->entry_count; e++) {
		size_t slot = fl_program_function_slot(program, program->entries[e].key);
		if (slot == FL_NO_FUNCTION)
			continue;
		unsigned levels = fl_entry_levels(map, e);
		for (int i = 0; i < 2; i++) {
			int level = i ? FL_IRQL_DISPATCH : FL_IRQL_APC;
			if (!(levels & (1u << level)))
				continue;
			struct fl_irql_level_seeds *seeds = &map->seeds[i];
			seeds->entries[slot] = fl_xrealloc(seeds->entries[slot],
							   (seeds->entry_count[slot] + 1) * sizeof(*seeds->entries[slot]));
			seeds->entries[slot][seeds->entry_count[slot]++] = &program->entries[e];
		}
	}
}

static void *fl_irql_map_new(const struct fl_program *program)
{
	struct fl_irql_map *map = fl_xcalloc(1, sizeof(*map));
	map->program = program;
	map->paths = fl_irql_paths_new(program);
	map->defers = fl_xcalloc(program->entry_count + 1, sizeof(*map->defers));
	map->drains_only = fl_xcalloc(program->entry_count + 1, sizeof(*map->drains_only));
	size_t count = fl_program_function_count(program);
	map->regions = fl_xcalloc(count + 1, sizeof(*map->regions));
	for (size_t s = 0; s < count; s++)
		fl_compute_regions(map, s);
	fl_collect_level_entries(map);
	map->dispatch = fl_reach_level(map, FL_IRQL_DISPATCH);
	map->apc = fl_reach_level(map, FL_IRQL_APC);
	return map;
}

static void fl_irql_map_free(void *analysis)
{
	struct fl_irql_map *map = analysis;
	if (!map)
		return;
	for (size_t s = 0; s < fl_program_function_count(map->program); s++) {
		free(map->regions[s].call_level);
		free(map->regions[s].call_raise);
		for (int i = 0; i < 2; i++)
			free(map->seeds[i].entries[s]);
	}
	for (int i = 0; i < 2; i++) {
		free(map->seeds[i].entries);
		free(map->seeds[i].entry_count);
		free(map->seeds[i].call_majors);
	}
	for (int i = 0; i < 2; i++) {
		for (size_t c = 0; c < map->chains[i].count; c++) {
			fl_reach_free(map->chains[i].reach[c]);
			free(map->chains[i].majors[c]);
		}
		free(map->chains[i].reach);
		free(map->chains[i].majors);
		free(map->chains[i].entry);
	}
	free(map->regions);
	free(map->defers);
	free(map->drains_only);
	fl_irql_paths_free(map->paths);
	fl_reach_free(map->dispatch);
	fl_reach_free(map->apc);
	free(map);
}

struct fl_irql_map *fl_irql_map_of(const struct fl_program *program)
{
	static const char key; /* the map's name among the program's shared analyses */
	return fl_program_shared(program, &key, fl_irql_map_new, fl_irql_map_free);
}

static const struct fl_reach_map *fl_reach_of(const struct fl_irql_map *map, int level)
{
	return level == FL_IRQL_DISPATCH ? map->dispatch : level == FL_IRQL_APC ? map->apc : NULL;
}

int fl_irql_level(const struct fl_irql_map *map, const char *key)
{
	size_t slot = fl_program_function_slot(map->program, key);
	return fl_reach_at(map->dispatch, slot) ? FL_IRQL_DISPATCH
	       : fl_reach_at(map->apc, slot)	 ? FL_IRQL_APC
						 : FL_IRQL_PASSIVE;
}

int fl_irql_at_call(const struct fl_irql_map *map, const struct fl_function *function, size_t index,
		    const struct fl_call **raise)
{
	*raise = NULL;
	size_t slot = fl_program_function_slot(map->program, function->key);
	if (slot == FL_NO_FUNCTION || fl_program_function_at(map->program, slot).function != function ||
	    index >= function->call_count)
		return FL_IRQL_PASSIVE;
	/* The highest level some feasible path makes the call at. */
	int level = FL_IRQL_PASSIVE;
	for (int candidate = FL_IRQL_DISPATCH; candidate >= FL_IRQL_APC && level == FL_IRQL_PASSIVE; candidate--) {
		if (!fl_reach_at(fl_reach_of(map, candidate), slot))
			continue;
		const uint64_t *feasible = fl_feasible(map, slot, candidate);
		if (!feasible || feasible[index])
			level = candidate;
	}
	const struct fl_irql_regions *regions = &map->regions[slot];
	if (regions->call_level[index] > level) {
		level = regions->call_level[index];
		*raise = &function->calls[regions->call_raise[index]];
	}
	return level;
}

/* Whether a chain from `entry` at `level` depends on a pre-operation
 * status fltlint cannot read. */
static bool fl_entry_uncertain(const struct fl_irql_map *map, const struct fl_entry *entry, int level)
{
	return entry && level == FL_IRQL_DISPATCH && map->defers[entry - map->program->entries] == FL_PREOP_MAY_DEFER;
}

/* Whether chain `c` of `chains` makes call `index` of the function in
 * `slot` on some path (any call: index SIZE_MAX). */
static bool fl_chain_makes(const struct fl_irql_map *map, const struct fl_irql_chains *chains, size_t c,
			   size_t slot, int level, size_t index)
{
	if (index == SIZE_MAX)
		return true;
	const struct fl_reach *reach = fl_reach_at(chains->reach[c], slot);
	const uint64_t *feasible = chains->entry[c] && !reach->caller_key
		? fl_irql_entry_feasible_calls(map->paths, slot, level, chains->entry[c])
		: fl_irql_feasible_calls(map->paths, slot, level, NULL, 0, chains->majors[c][slot]);
	return fl_call_majors(feasible, index) != 0;
}

/* The reach whose chain to `key` is shown for call `index` of it (SIZE_MAX:
 * the function): the shortest certain chain on which a path makes the
 * call, else the shortest such; the shortest of all when none makes it
 * (fltlint placed the call by the level's whole reach); the level's whole
 * reach when no single seed's reaches `key`. */
static const struct fl_reach_map *fl_chain_of(const struct fl_irql_map *map, const char *key, int level,
					      size_t index)
{
	const struct fl_reach_map *whole = fl_reach_of(map, level);
	if (!whole)
		return NULL;
	size_t slot = fl_program_function_slot(map->program, key);
	const struct fl_irql_chains *chains = &map->chains[level == FL_IRQL_DISPATCH ? 1 : 0];
	const struct fl_reach_map *best = NULL;
	const struct fl_reach *best_reach = NULL;
	bool best_uncertain = true, best_makes = false;
	for (size_t c = 0; c < chains->count; c++) {
		const struct fl_reach *reach = fl_reach_get(chains->reach[c], key);
		if (!reach)
			continue;
		bool uncertain = fl_entry_uncertain(map, chains->entry[c], level);
		bool makes = fl_chain_makes(map, chains, c, slot, level, index);
		if (!best || (!best_makes && makes) ||
		    (best_makes == makes && ((best_uncertain && !uncertain) ||
					     (best_uncertain == uncertain && reach->depth < best_reach->depth)))) {
			best = chains->reach[c];
			best_reach = reach;
			best_uncertain = uncertain;
			best_makes = makes;
		}
	}
	return best ? best : whole;
}

/* The index of `call` in the function with link key `key`, or SIZE_MAX. */
static size_t fl_call_index(const struct fl_irql_map *map, const char *key, const struct fl_call *call)
{
	const struct fl_function *function = fl_program_function(map->program, key).function;
	if (!call || !function || call < function->calls || call >= function->calls + function->call_count)
		return SIZE_MAX;
	return (size_t)(call - function->calls);
}

bool fl_irql_chain_uncertain(const struct fl_irql_map *map, const char *key, const struct fl_call *call, int level)
{
	const struct fl_reach_map *reach_map = fl_chain_of(map, key, level, fl_call_index(map, key, call));
	const struct fl_reach *reach = reach_map ? fl_reach_get(reach_map, key) : NULL;
	return reach && fl_entry_uncertain(map, reach->seed->entry, level);
}

char *fl_irql_chain_text(const struct fl_irql_map *map, const char *key, const struct fl_call *call, int level)
{
	const struct fl_program *program = map->program;
	const struct fl_reach_map *reach_map = fl_chain_of(map, key, level, fl_call_index(map, key, call));
	if (!reach_map || !fl_reach_get(reach_map, key))
		return fl_xstrdup(fl_program_function_name(program, key));
	const struct fl_reach_seed *seed = fl_reach_get(reach_map, key)->seed;
	if (seed->entry && level == FL_IRQL_APC && seed->entry->role == FL_ROLE_POSTOP &&
	    map->drains_only[seed->entry - program->entries]) {
		char *chain = fl_reach_chain_text(reach_map, key);
		char *described = fl_xasprintf("%s, while Filter Manager drains the instance "
					       "(FLTFL_POST_OPERATION_DRAINING)", chain);
		free(chain);
		return described;
	}
	if (seed->entry)
		return fl_reach_chain_text(reach_map, key);
	const char *start = fl_program_function_at(program, fl_reach_chain_start(reach_map, key)).function->name;
	const struct fl_call *raise = seed->origin;
	char *rest = fl_reach_chain_rest(reach_map, key);
	char *described = raise
		? fl_xasprintf("%s (after %s at line %u, before its release)%s", start,
			       raise->callee ? raise->callee : "a raise", raise->loc.line, rest)
		: fl_xasprintf("%s (annotated to run at DISPATCH_LEVEL)%s", start, rest);
	free(rest);
	return described;
}

void fl_irql_add_related(const struct fl_irql_map *map, const char *key, const struct fl_call *call, int level,
			 struct fl_finding *finding)
{
	const struct fl_reach_map *reach_map = fl_chain_of(map, key, level, fl_call_index(map, key, call));
	if (!reach_map || !fl_reach_get(reach_map, key))
		return;
	const struct fl_reach_seed *seed = fl_reach_get(reach_map, key)->seed;
	const struct fl_call *raise = seed->origin;
	if (seed->entry) {
		fl_reach_add_related(reach_map, key, finding);
		return;
	}
	if (raise)
		fl_finding_add_step(finding, &raise->loc, "%s raises the IRQL to %s here",
				    raise->callee ? raise->callee : "this call", fl_irql_name(level));
	fl_reach_add_steps(reach_map, key, finding);
}
