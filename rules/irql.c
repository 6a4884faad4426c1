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

#include <stdlib.h>
#include <string.h>

/* FLT_PREOP_CALLBACK_STATUS values after which the post-operation callback
 * is not called, or is called synchronously in the pre-operation's thread
 * (fltKernel.h): SUCCESS_NO_CALLBACK, DISALLOW_FASTIO, COMPLETE, SYNCHRONIZE,
 * DISALLOW_FSFILTER_IO. */
static bool fl_preop_status_keeps_thread(long long status)
{
	return status == 1 || status == 3 || status == 4 || status == 5 || status == 6;
}

#define FL_IRP_MJ_CREATE 0
#define FL_IRP_MJ_CLOSE 2
#define FL_IRP_MJ_READ 3
#define FL_IRP_MJ_WRITE 4
#define FL_SKIP_PAGING_IO 0x1

/* Per function (by link slot): the level of the region each call is made
 * in, or -1, and the call that opened that region. */
struct fl_irql_regions {
	int *call_level;
	size_t *call_raise;
};

struct fl_irql_map {
	const struct fl_program *program;
	struct fl_irql_regions *regions;   /* by slot */
	struct fl_reach_map *dispatch, *apc;
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
static int fl_preop_level(int major, long long flags)
{
	if ((major == FL_IRP_MJ_READ || major == FL_IRP_MJ_WRITE) && !(flags & FL_SKIP_PAGING_IO))
		return FL_IRQL_APC;
	if (major >= 250 && major <= 255)
		return FL_IRQL_APC;
	return FL_IRQL_PASSIVE;
}

int fl_irql_entry_level(const struct fl_program *program, const struct fl_entry *entry)
{
	switch (entry->role) {
	case FL_ROLE_DPC:
	case FL_ROLE_ASYNC_IO:
		return FL_IRQL_DISPATCH;
	case FL_ROLE_CONTEXT_CLEANUP:
	case FL_ROLE_CONTEXT_ALLOCATE:
	case FL_ROLE_CONTEXT_FREE:
	case FL_ROLE_SAFE_POST:
	case FL_ROLE_GENERATE_FILE_NAME:
	case FL_ROLE_NORMALIZE_NAME_COMPONENT:
	case FL_ROLE_NORMALIZE_CONTEXT_CLEANUP:
		return FL_IRQL_APC;
	case FL_ROLE_PREOP:
		return fl_preop_level(entry->major_function, entry->operation_flags);
	case FL_ROLE_POSTOP:
		break;
	default:
		return FL_IRQL_PASSIVE;
	}
	if (entry->major_function == FL_IRP_MJ_CREATE)
		return FL_IRQL_PASSIVE; /* post-create: PASSIVE_LEVEL, in the pre-create's thread */
	if (entry->major_function == FL_IRP_MJ_CLOSE)
		return FL_IRQL_DISPATCH;
	/* Called in the pre-operation's thread at its level only if every
	 * pre-operation callback of this major function is known to return
	 * nothing but FLT_PREOP_SYNCHRONIZE (or statuses after which no
	 * post-operation callback comes). */
	bool any_preop = false;
	for (size_t e = 0; e < program->entry_count; e++) {
		const struct fl_entry *pre = &program->entries[e];
		if (pre->role != FL_ROLE_PREOP || pre->major_function != entry->major_function)
			continue;
		struct fl_function_ref ref = fl_program_function(program, pre->key);
		if (!ref.function || ref.function->returns_unknown || ref.function->return_count == 0)
			return FL_IRQL_DISPATCH;
		for (size_t r = 0; r < ref.function->return_count; r++)
			if (!fl_preop_status_keeps_thread(ref.function->returns[r]))
				return FL_IRQL_DISPATCH;
		any_preop = true;
	}
	return any_preop ? fl_preop_level(entry->major_function, entry->operation_flags) : FL_IRQL_DISPATCH;
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
	int level = 0, open = 0;
	bool lowers = false;
	for (size_t c = 0; c < function->call_count && depth < FL_IRQL_MAX_WRAPPER_DEPTH; c++) {
		int effect = fl_call_effect_at(program, &function->calls[c], depth + 1);
		if (effect > 0) {
			open++;
			level = effect > level ? effect : level;
		} else if (effect < 0 && open) {
			open--;
		} else if (effect < 0) {
			lowers = true;
		}
	}
	return open ? level : lowers ? -1 : 0;
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

/* Regions of one function, in source order of its calls. */
static void fl_compute_regions(const struct fl_program *program, const struct fl_function *function,
			       struct fl_irql_regions *slot)
{
	size_t count = function->call_count;
	slot->call_level = fl_xcalloc(count ? count : 1, sizeof(*slot->call_level));
	slot->call_raise = fl_xcalloc(count ? count : 1, sizeof(*slot->call_raise));
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
			if (before->line < at->line || (before->line == at->line && before->column <= at->column))
				break;
			order[j] = order[j - 1];
			j--;
		}
		order[j] = item;
	}
	/* A stack of open regions: level and the raising call. */
	int levels[16];
	size_t raises[16];
	size_t depth = 0;
	for (size_t i = 0; i < count; i++) {
		size_t c = order[i];
		int effect = fl_call_effect(program, &function->calls[c]);
		slot->call_level[c] = depth ? levels[depth - 1] : -1;
		slot->call_raise[c] = depth ? raises[depth - 1] : 0;
		if (effect > 0 && depth < 16) {
			int level = depth && levels[depth - 1] > effect ? levels[depth - 1] : effect;
			levels[depth] = level;
			raises[depth++] = c;
		} else if (effect < 0 && depth) {
			depth--;
		}
	}
	free(order);
}

/* The APC_LEVEL reach does not enter what the DISPATCH_LEVEL one reached. */
static bool fl_not_at_dispatch(const struct fl_program *program, size_t caller, const struct fl_call *call,
			       size_t callee, void *data)
{
	const struct fl_irql_map *map = data;
	return !fl_reach_at(map->dispatch, callee);
}

/* The reach at `level`: from the entries of that level, the functions
 * annotated to run at it (DISPATCH_LEVEL only), and the callees of calls
 * made inside a region of that level; none already at DISPATCH_LEVEL. */
static struct fl_reach_map *fl_reach_level(struct fl_irql_map *map, int level)
{
	const struct fl_program *program = map->program;
	size_t count = fl_program_function_count(program);
	size_t seed_count = 0, seed_capacity = 0;
	struct fl_reach_seed *seeds = NULL;
	bool dispatch = level == FL_IRQL_DISPATCH;
	for (size_t e = 0; e < program->entry_count; e++) {
		const struct fl_entry *entry = &program->entries[e];
		size_t slot = fl_program_function_slot(program, entry->key);
		if (slot == FL_NO_FUNCTION || (!dispatch && fl_reach_at(map->dispatch, slot)) ||
		    fl_irql_entry_level(program, entry) != level)
			continue;
		FL_GROW(seeds, seed_capacity, seed_count + 1);
		seeds[seed_count++] = (struct fl_reach_seed){ .function = slot, .entry = entry };
	}
	for (size_t s = 0; s < count && dispatch; s++) {
		const struct fl_irql_annotation *irql = &fl_program_function_at(program, s).function->irql;
		int annotated = irql->requires_exact > irql->requires_min ? irql->requires_exact : irql->requires_min;
		if (annotated < level)
			continue;
		FL_GROW(seeds, seed_capacity, seed_count + 1);
		seeds[seed_count++] = (struct fl_reach_seed){ .function = s };
	}
	for (size_t s = 0; s < count; s++) {
		const struct fl_function *function = fl_program_function_at(program, s).function;
		for (size_t c = 0; c < function->call_count; c++) {
			size_t callee = fl_program_callee(program, s, c);
			if (map->regions[s].call_level[c] != level || callee == FL_NO_FUNCTION ||
			    (!dispatch && fl_reach_at(map->dispatch, callee)))
				continue;
			FL_GROW(seeds, seed_capacity, seed_count + 1);
			seeds[seed_count++] = (struct fl_reach_seed){
				.function = callee, .caller = s, .call = &function->calls[c],
				.origin = &function->calls[map->regions[s].call_raise[c]],
			};
		}
	}
	struct fl_reach_map *reach =
		fl_reach_from(program, seeds, seed_count, dispatch ? NULL : fl_not_at_dispatch, map);
	free(seeds);
	return reach;
}

struct fl_irql_map *fl_irql_map_new(const struct fl_program *program)
{
	struct fl_irql_map *map = fl_xcalloc(1, sizeof(*map));
	map->program = program;
	size_t count = fl_program_function_count(program);
	map->regions = fl_xcalloc(count + 1, sizeof(*map->regions));
	for (size_t s = 0; s < count; s++)
		fl_compute_regions(program, fl_program_function_at(program, s).function, &map->regions[s]);
	map->dispatch = fl_reach_level(map, FL_IRQL_DISPATCH);
	map->apc = fl_reach_level(map, FL_IRQL_APC);
	return map;
}

void fl_irql_map_free(struct fl_irql_map *map)
{
	if (!map)
		return;
	for (size_t s = 0; s < fl_program_function_count(map->program); s++) {
		free(map->regions[s].call_level);
		free(map->regions[s].call_raise);
	}
	free(map->regions);
	fl_reach_free(map->dispatch);
	fl_reach_free(map->apc);
	free(map);
}

/* The level the function in `slot` is reached at, and the reach that
 * places it there (NULL at PASSIVE_LEVEL). */
static int fl_irql_reach(const struct fl_irql_map *map, size_t slot, const struct fl_reach_map **reach)
{
	*reach = fl_reach_at(map->dispatch, slot) ? map->dispatch : fl_reach_at(map->apc, slot) ? map->apc : NULL;
	return *reach == map->dispatch ? FL_IRQL_DISPATCH : *reach ? FL_IRQL_APC : FL_IRQL_PASSIVE;
}

int fl_irql_level(const struct fl_irql_map *map, const char *key)
{
	const struct fl_reach_map *reach;
	return fl_irql_reach(map, fl_program_function_slot(map->program, key), &reach);
}

int fl_irql_at_call(const struct fl_irql_map *map, const struct fl_function *function, size_t index,
		    const struct fl_call **raise)
{
	*raise = NULL;
	size_t slot = fl_program_function_slot(map->program, function->key);
	if (slot == FL_NO_FUNCTION || fl_program_function_at(map->program, slot).function != function ||
	    index >= function->call_count)
		return FL_IRQL_PASSIVE;
	const struct fl_reach_map *reach;
	int level = fl_irql_reach(map, slot, &reach);
	const struct fl_irql_regions *regions = &map->regions[slot];
	if (regions->call_level[index] > level) {
		level = regions->call_level[index];
		*raise = &function->calls[regions->call_raise[index]];
	}
	return level;
}

char *fl_irql_chain_text(const struct fl_irql_map *map, const char *key)
{
	const struct fl_program *program = map->program;
	const struct fl_reach_map *reach_map;
	fl_irql_reach(map, fl_program_function_slot(program, key), &reach_map);
	if (!reach_map)
		return fl_xstrdup(fl_program_function_name(program, key));
	const struct fl_reach_seed *seed = fl_reach_get(reach_map, key)->seed;
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

void fl_irql_add_related(const struct fl_irql_map *map, const char *key, struct fl_finding *finding)
{
	const struct fl_reach_map *reach_map;
	int level = fl_irql_reach(map, fl_program_function_slot(map->program, key), &reach_map);
	if (!reach_map)
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
