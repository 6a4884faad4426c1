/* The IRQL each function may run at (irql.h).
 *
 * Two passes of a breadth-first walk over direct calls, highest level first:
 * DISPATCH_LEVEL from post-operation callbacks (but see
 * fl_irql_entry_level), DPCs, I/O completions, spin-lock regions and
 * functions annotated to run at DISPATCH_LEVEL; then APC_LEVEL from the
 * callbacks documented at <= APC_LEVEL.  A function keeps the first (highest)
 * level it is reached at, with its shortest chain at that level.
 *
 * A region is read in source order within one function: from a call the API
 * table marks as raising (KeAcquireSpinLock, KeAcquireInStackQueuedSpinLock,
 * ExAcquireSpinLockExclusive, KeRaiseIrql, ExAcquireFastMutex ...) or a
 * driver function annotated _IRQL_raises_, to the next lowering call.  An
 * early release on one branch ends the region for the rest of the text, so
 * a region is never longer than the code really holds the lock. */
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

/* Per function: its facts, how it is reached, and its regions (computed once). */
struct fl_irql_slot {
	const char *key;
	const struct fl_function *function;
	struct fl_irql_reach reach; /* level 0: not reached above PASSIVE */
	int *call_level;            /* per call: the region's level, or -1 */
	size_t *call_raise;         /* per call: index of the raising call */
};

struct fl_irql_map {
	const struct fl_program *program;
	size_t count;
	struct fl_irql_slot *slots; /* sorted by key */
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

static int fl_compare_slots(const void *a, const void *b)
{
	return strcmp(((const struct fl_irql_slot *)a)->key, ((const struct fl_irql_slot *)b)->key);
}

static struct fl_irql_slot *fl_slot(const struct fl_irql_map *map, const char *key)
{
	if (!key)
		return NULL;
	struct fl_irql_slot probe = { .key = key };
	return bsearch(&probe, map->slots, map->count, sizeof(*map->slots), fl_compare_slots);
}

static void fl_collect_slot(const struct fl_function_ref *ref, void *data)
{
	struct fl_irql_map *map = data;
	map->slots[map->count++] = (struct fl_irql_slot){ .key = ref->function->key, .function = ref->function };
}

/* What call `call` does to the IRQL: the level it raises to (> 0), -1 when
 * it lowers, 0 when neither. */
static int fl_call_effect(const struct fl_irql_map *map, const struct fl_call *call)
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
		struct fl_irql_slot *callee = fl_slot(map, call->callee_key);
		if (callee && callee->function->irql.raises_to > 0)
			return callee->function->irql.raises_to > FL_IRQL_DISPATCH ? FL_IRQL_DISPATCH
										   : callee->function->irql.raises_to;
	}
	return 0;
}

/* Regions of one function, in source order of its calls. */
static void fl_compute_regions(const struct fl_irql_map *map, struct fl_irql_slot *slot)
{
	const struct fl_function *function = slot->function;
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
		int effect = fl_call_effect(map, &function->calls[c]);
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

static void fl_set_reach(struct fl_irql_slot *slot, struct fl_irql_reach reach, size_t *queue, size_t *tail,
			 const struct fl_irql_map *map)
{
	slot->reach = reach;
	queue[(*tail)++] = (size_t)(slot - map->slots);
}

/* One breadth-first pass at `level`: seeds first, then direct calls. */
static void fl_pass(struct fl_irql_map *map, int level)
{
	const struct fl_program *program = map->program;
	size_t *queue = fl_xcalloc(map->count ? map->count : 1, sizeof(*queue));
	size_t head = 0, tail = 0;
	for (size_t e = 0; e < program->entry_count; e++) {
		const struct fl_entry *entry = &program->entries[e];
		struct fl_irql_slot *slot = fl_slot(map, entry->key);
		if (!slot || slot->reach.level || fl_irql_entry_level(program, entry) != level)
			continue;
		fl_set_reach(slot, (struct fl_irql_reach){ .level = level, .entry = entry }, queue, &tail, map);
	}
	/* Functions annotated to run at this level or above, and the callees of
	 * calls made inside a region of this level. */
	for (size_t s = 0; s < map->count; s++) {
		struct fl_irql_slot *slot = &map->slots[s];
		const struct fl_irql_annotation *irql = &slot->function->irql;
		int annotated = irql->requires_exact > irql->requires_min ? irql->requires_exact : irql->requires_min;
		if (!slot->reach.level && annotated >= level && level == FL_IRQL_DISPATCH)
			fl_set_reach(slot, (struct fl_irql_reach){ .level = level, .origin_key = slot->key }, queue,
				     &tail, map);
	}
	for (size_t s = 0; s < map->count; s++) {
		struct fl_irql_slot *slot = &map->slots[s];
		for (size_t c = 0; c < slot->function->call_count; c++) {
			if (slot->call_level[c] != level)
				continue;
			struct fl_irql_slot *callee = fl_slot(map, slot->function->calls[c].callee_key);
			if (!callee || callee->reach.level)
				continue;
			fl_set_reach(callee,
				     (struct fl_irql_reach){ .level = level, .origin_key = slot->key,
							     .raise = &slot->function->calls[slot->call_raise[c]],
							     .caller_key = slot->key, .call = &slot->function->calls[c],
							     .depth = 1 },
				     queue, &tail, map);
		}
	}
	while (head < tail) {
		struct fl_irql_slot *slot = &map->slots[queue[head++]];
		for (size_t c = 0; c < slot->function->call_count; c++) {
			const struct fl_call *call = &slot->function->calls[c];
			struct fl_irql_slot *callee = fl_slot(map, call->callee_key);
			if (!callee || callee->reach.level)
				continue;
			struct fl_irql_reach reach = slot->reach;
			reach.caller_key = slot->key;
			reach.call = call;
			reach.depth++;
			fl_set_reach(callee, reach, queue, &tail, map);
		}
	}
	free(queue);
}

struct fl_irql_map *fl_irql_map_new(const struct fl_program *program)
{
	struct fl_irql_map *map = fl_xcalloc(1, sizeof(*map));
	map->program = program;
	size_t total = 0;
	for (size_t u = 0; u < program->unit_count; u++)
		total += program->units[u].function_count;
	map->slots = fl_xcalloc(total ? total : 1, sizeof(*map->slots));
	fl_program_each_function(program, fl_collect_slot, map);
	/* Keep the first definition of a key (a function defined in a header
	 * that several units include), as the link step does. */
	qsort(map->slots, map->count, sizeof(*map->slots), fl_compare_slots);
	size_t kept = 0;
	for (size_t s = 0; s < map->count; s++) {
		struct fl_function_ref ref = fl_program_function(program, map->slots[s].key);
		if (kept && strcmp(map->slots[kept - 1].key, map->slots[s].key) == 0) {
			if (ref.function == map->slots[s].function)
				map->slots[kept - 1] = map->slots[s];
			continue;
		}
		map->slots[kept++] = map->slots[s];
	}
	map->count = kept;
	for (size_t s = 0; s < map->count; s++)
		fl_compute_regions(map, &map->slots[s]);
	fl_pass(map, FL_IRQL_DISPATCH);
	fl_pass(map, FL_IRQL_APC);
	return map;
}

void fl_irql_map_free(struct fl_irql_map *map)
{
	if (!map)
		return;
	for (size_t s = 0; s < map->count; s++) {
		free(map->slots[s].call_level);
		free(map->slots[s].call_raise);
	}
	free(map->slots);
	free(map);
}

const struct fl_irql_reach *fl_irql_get(const struct fl_irql_map *map, const char *key)
{
	struct fl_irql_slot *slot = fl_slot(map, key);
	return slot && slot->reach.level ? &slot->reach : NULL;
}

int fl_irql_at_call(const struct fl_irql_map *map, const struct fl_function *function, size_t index,
		    const struct fl_call **raise)
{
	*raise = NULL;
	struct fl_irql_slot *slot = fl_slot(map, function->key);
	if (!slot || slot->function != function || index >= function->call_count)
		return FL_IRQL_PASSIVE;
	int level = slot->reach.level;
	if (slot->call_level[index] > level) {
		level = slot->call_level[index];
		*raise = &function->calls[slot->call_raise[index]];
	}
	return level;
}

/* A region's first link starts at its holder, whose own reach may be
 * anything: the chain stops there. */
static bool fl_irql_back(const void *map, const char *key, struct fl_chain_link *link)
{
	const struct fl_irql_reach *reach = fl_irql_get(map, key);
	if (!reach || !reach->caller_key)
		return false;
	*link = (struct fl_chain_link){ .caller_key = reach->caller_key, .callee_key = key, .call = reach->call,
					 .starts = reach->depth <= 1 && !reach->entry };
	return true;
}

char *fl_irql_chain_text(const struct fl_irql_map *map, const char *key)
{
	const struct fl_program *program = map->program;
	const struct fl_irql_reach *reach = fl_irql_get(map, key);
	if (!reach)
		return fl_xstrdup(fl_program_function_name(program, key));
	size_t count;
	struct fl_chain_link *links = fl_chain_links(map, fl_irql_back, key, reach->depth + 1, &count);
	char *rest = fl_chain_rest(program, links, count);
	char *described;
	if (reach->entry) {
		const char *major = fl_major_function_name(reach->entry->major_function);
		described = fl_xasprintf("%s (%s%s%s)%s", fl_program_function_name(program, reach->entry->key),
					 fl_role_name(reach->entry->role), major ? ", " : "", major ? major : "", rest);
	} else if (reach->raise) {
		described = fl_xasprintf("%s (after %s at line %u, before its release)%s",
					 fl_program_function_name(program, reach->origin_key),
					 reach->raise->callee ? reach->raise->callee : "a raise", reach->raise->loc.line,
					 rest);
	} else {
		described = fl_xasprintf("%s (annotated to run at DISPATCH_LEVEL)%s",
					 fl_program_function_name(program, reach->origin_key), rest);
	}
	free(rest);
	free(links);
	return described;
}

void fl_irql_add_related(const struct fl_irql_map *map, const char *key, struct fl_finding *finding)
{
	const struct fl_irql_reach *reach = fl_irql_get(map, key);
	if (!reach)
		return;
	size_t count;
	struct fl_chain_link *links = fl_chain_links(map, fl_irql_back, key, reach->depth + 1, &count);
	if (reach->entry)
		fl_finding_add_step(finding, &reach->entry->registered, "%s registered as %s here",
				    fl_program_function_name(map->program, reach->entry->key),
				    fl_role_name(reach->entry->role));
	else if (reach->raise)
		fl_finding_add_step(finding, &reach->raise->loc, "%s raises the IRQL to %s here",
				    reach->raise->callee ? reach->raise->callee : "this call",
				    fl_irql_name(reach->level));
	fl_chain_add_steps(map->program, links, count, finding);
	free(links);
}
