/* The link step: joins the units of a driver.
 *
 * Functions are indexed by key (name, or unit path plus name for statics),
 * and the functions the driver hands to the system are collected with their
 * role from wherever they are named: the registration structures, and the
 * calls that take callbacks. */
#include "link/program.h"

#include <stdlib.h>
#include <string.h>

#include "knowledge/api.h"
#include "findings.h"
#include "inf/inf.h"
#include "util.h"

struct fl_function_slot {
	const char *key;
	struct fl_function_ref ref;
	size_t *callees; /* per call: the callee's slot, or FL_NO_FUNCTION */
};

struct fl_function_index {
	size_t count;
	struct fl_function_slot *slots; /* sorted by key, one per key */
	size_t *caller_start;           /* per slot, into call_sites; count + 1 of them */
	struct fl_call_site *call_sites; /* by callee slot */
};

static const char *const fl_role_names[FL_ROLE_COUNT] = {
	[FL_ROLE_DRIVER_ENTRY] = "driver entry",
	[FL_ROLE_PREOP] = "pre-operation callback",
	[FL_ROLE_POSTOP] = "post-operation callback",
	[FL_ROLE_FILTER_UNLOAD] = "filter unload callback",
	[FL_ROLE_INSTANCE_SETUP] = "instance setup callback",
	[FL_ROLE_INSTANCE_QUERY_TEARDOWN] = "instance query teardown callback",
	[FL_ROLE_INSTANCE_TEARDOWN_START] = "instance teardown start callback",
	[FL_ROLE_INSTANCE_TEARDOWN_COMPLETE] = "instance teardown complete callback",
	[FL_ROLE_CONTEXT_CLEANUP] = "context cleanup callback",
	[FL_ROLE_CONTEXT_ALLOCATE] = "context allocate callback",
	[FL_ROLE_CONTEXT_FREE] = "context free callback",
	[FL_ROLE_GENERATE_FILE_NAME] = "generate file name callback",
	[FL_ROLE_NORMALIZE_NAME_COMPONENT] = "normalize name component callback",
	[FL_ROLE_NORMALIZE_CONTEXT_CLEANUP] = "normalize context cleanup callback",
	[FL_ROLE_TRANSACTION_NOTIFICATION] = "transaction notification callback",
	[FL_ROLE_SECTION_NOTIFICATION] = "section notification callback",
	[FL_ROLE_PORT_CONNECT] = "communication port connect callback",
	[FL_ROLE_PORT_DISCONNECT] = "communication port disconnect callback",
	[FL_ROLE_PORT_MESSAGE] = "communication port message callback",
	[FL_ROLE_WORK_ITEM] = "work item",
	[FL_ROLE_SYSTEM_THREAD] = "system thread",
	[FL_ROLE_DPC] = "DPC routine",
	[FL_ROLE_ASYNC_IO] = "I/O completion callback",
	[FL_ROLE_SAFE_POST] = "safe post-operation callback",
};

/* The role of a function an API call registers (api.h). */
static const enum fl_role fl_callback_roles[] = {
	[FL_API_CALLBACK_WORK_ITEM] = FL_ROLE_WORK_ITEM,
	[FL_API_CALLBACK_SYSTEM_THREAD] = FL_ROLE_SYSTEM_THREAD,
	[FL_API_CALLBACK_DPC] = FL_ROLE_DPC,
	[FL_API_CALLBACK_ASYNC_IO] = FL_ROLE_ASYNC_IO,
	[FL_API_CALLBACK_SAFE_POST] = FL_ROLE_SAFE_POST,
	[FL_API_CALLBACK_PORT_CONNECT] = FL_ROLE_PORT_CONNECT,
	[FL_API_CALLBACK_PORT_DISCONNECT] = FL_ROLE_PORT_DISCONNECT,
	[FL_API_CALLBACK_PORT_MESSAGE] = FL_ROLE_PORT_MESSAGE,
};

const char *fl_role_name(enum fl_role role)
{
	return role < FL_ROLE_COUNT ? fl_role_names[role] : "callback";
}

/* Fields of Filter Manager's registration structures that name a callback. */
static const struct {
	const char *type;
	const char *field;
	enum fl_role role;
} fl_registration_fields[] = {
	{ "_FLT_REGISTRATION", "FilterUnloadCallback", FL_ROLE_FILTER_UNLOAD },
	{ "_FLT_REGISTRATION", "InstanceSetupCallback", FL_ROLE_INSTANCE_SETUP },
	{ "_FLT_REGISTRATION", "InstanceQueryTeardownCallback", FL_ROLE_INSTANCE_QUERY_TEARDOWN },
	{ "_FLT_REGISTRATION", "InstanceTeardownStartCallback", FL_ROLE_INSTANCE_TEARDOWN_START },
	{ "_FLT_REGISTRATION", "InstanceTeardownCompleteCallback", FL_ROLE_INSTANCE_TEARDOWN_COMPLETE },
	{ "_FLT_REGISTRATION", "GenerateFileNameCallback", FL_ROLE_GENERATE_FILE_NAME },
	{ "_FLT_REGISTRATION", "NormalizeNameComponentCallback", FL_ROLE_NORMALIZE_NAME_COMPONENT },
	{ "_FLT_REGISTRATION", "NormalizeNameComponentExCallback", FL_ROLE_NORMALIZE_NAME_COMPONENT },
	{ "_FLT_REGISTRATION", "NormalizeContextCleanupCallback", FL_ROLE_NORMALIZE_CONTEXT_CLEANUP },
	{ "_FLT_REGISTRATION", "TransactionNotificationCallback", FL_ROLE_TRANSACTION_NOTIFICATION },
	{ "_FLT_REGISTRATION", "SectionNotificationCallback", FL_ROLE_SECTION_NOTIFICATION },
	{ "_FLT_OPERATION_REGISTRATION", "PreOperation", FL_ROLE_PREOP },
	{ "_FLT_OPERATION_REGISTRATION", "PostOperation", FL_ROLE_POSTOP },
	{ "_FLT_CONTEXT_REGISTRATION", "ContextCleanupCallback", FL_ROLE_CONTEXT_CLEANUP },
	{ "_FLT_CONTEXT_REGISTRATION", "ContextAllocateCallback", FL_ROLE_CONTEXT_ALLOCATE },
	{ "_FLT_CONTEXT_REGISTRATION", "ContextFreeCallback", FL_ROLE_CONTEXT_FREE },
};

static int fl_compare_slots(const void *a, const void *b)
{
	const struct fl_function_slot *x = a, *y = b;
	int order = strcmp(x->key, y->key);
	if (order)
		return order;
	/* The same key twice (a definition in a header included by two units):
	 * the earlier unit wins, so the order stays the same from run to run. */
	return x->ref.unit < y->ref.unit ? -1 : x->ref.unit > y->ref.unit;
}

/* The slot of the function with `key`, or FL_NO_FUNCTION. */
static size_t fl_index_find(const struct fl_function_index *index, const char *key)
{
	if (!key)
		return FL_NO_FUNCTION;
	size_t low = 0, high = index->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (strcmp(index->slots[middle].key, key) < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return low < index->count && strcmp(index->slots[low].key, key) == 0 ? low : FL_NO_FUNCTION;
}

/* The slot of `function` when it is its key's definition in the index. */
static size_t fl_index_slot_of(const struct fl_function_index *index, const struct fl_function *function)
{
	size_t slot = fl_index_find(index, function->key);
	return slot != FL_NO_FUNCTION && index->slots[slot].ref.function == function ? slot : FL_NO_FUNCTION;
}

/* The callers of each function: call sites by callee, each callee's in
 * unit, definition and call order. */
static void fl_index_callers(const struct fl_program *program, struct fl_function_index *index)
{
	index->caller_start = fl_xcalloc(index->count + 1, sizeof(*index->caller_start));
	for (size_t s = 0; s < index->count; s++)
		for (size_t c = 0; c < index->slots[s].ref.function->call_count; c++)
			if (index->slots[s].callees[c] != FL_NO_FUNCTION)
				index->caller_start[index->slots[s].callees[c] + 1]++;
	for (size_t s = 0; s < index->count; s++)
		index->caller_start[s + 1] += index->caller_start[s];
	index->call_sites = fl_xcalloc(index->caller_start[index->count] + 1, sizeof(*index->call_sites));
	size_t *filled = fl_xcalloc(index->count + 1, sizeof(*filled));
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t f = 0; f < unit->function_count; f++) {
			size_t caller = fl_index_slot_of(index, &unit->functions[f]);
			for (size_t c = 0; caller != FL_NO_FUNCTION && c < unit->functions[f].call_count; c++) {
				size_t callee = index->slots[caller].callees[c];
				if (callee != FL_NO_FUNCTION)
					index->call_sites[index->caller_start[callee] + filled[callee]++] =
						(struct fl_call_site){ caller, c, &unit->functions[f].calls[c] };
			}
		}
	}
	free(filled);
}

static struct fl_function_index *fl_index_new(const struct fl_program *program)
{
	struct fl_function_index *index = fl_xcalloc(1, sizeof(*index));
	size_t total = 0;
	for (size_t u = 0; u < program->unit_count; u++)
		total += program->units[u].function_count;
	index->slots = fl_xcalloc(total + 1, sizeof(*index->slots));
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t f = 0; f < unit->function_count; f++)
			index->slots[index->count++] = (struct fl_function_slot){
				.key = unit->functions[f].key,
				.ref = { .unit = unit, .function = &unit->functions[f] },
			};
	}
	qsort(index->slots, index->count, sizeof(*index->slots), fl_compare_slots);
	size_t kept = 0;
	for (size_t s = 0; s < index->count; s++)
		if (!kept || strcmp(index->slots[kept - 1].key, index->slots[s].key) != 0)
			index->slots[kept++] = index->slots[s];
	index->count = kept;
	for (size_t s = 0; s < index->count; s++) {
		const struct fl_function *function = index->slots[s].ref.function;
		index->slots[s].callees = fl_xcalloc(function->call_count + 1, sizeof(*index->slots[s].callees));
		for (size_t c = 0; c < function->call_count; c++)
			index->slots[s].callees[c] = fl_index_find(index, function->calls[c].callee_key);
	}
	fl_index_callers(program, index);
	return index;
}

static void fl_index_free(struct fl_function_index *index)
{
	if (!index)
		return;
	for (size_t s = 0; s < index->count; s++)
		free(index->slots[s].callees);
	free(index->slots);
	free(index->caller_start);
	free(index->call_sites);
	free(index);
}

size_t fl_program_function_count(const struct fl_program *program)
{
	return program->index->count;
}

struct fl_function_ref fl_program_function_at(const struct fl_program *program, size_t slot)
{
	return program->index->slots[slot].ref;
}

size_t fl_program_function_slot(const struct fl_program *program, const char *key)
{
	return fl_index_find(program->index, key);
}

struct fl_function_ref fl_program_function(const struct fl_program *program, const char *key)
{
	size_t slot = fl_index_find(program->index, key);
	if (slot != FL_NO_FUNCTION)
		return program->index->slots[slot].ref;
	return (struct fl_function_ref){ NULL, NULL };
}

struct fl_function_ref fl_program_function_named(const struct fl_program *program, const struct fl_tu_facts *unit,
						 const char *name)
{
	/* The key of a static function, as the walker makes it. */
	char *static_key = fl_xasprintf("%s::%s", unit->path, name);
	struct fl_function_ref ref = fl_program_function(program, static_key);
	free(static_key);
	return ref.function ? ref : fl_program_function(program, name);
}

size_t fl_program_callee(const struct fl_program *program, size_t slot, size_t call)
{
	return program->index->slots[slot].callees[call];
}

const struct fl_call_site *fl_program_callers(const struct fl_program *program, size_t slot, size_t *count)
{
	const struct fl_function_index *index = program->index;
	*count = index->caller_start[slot + 1] - index->caller_start[slot];
	return &index->call_sites[index->caller_start[slot]];
}

struct fl_reach_map {
	const struct fl_program *program;
	size_t seed_count;
	struct fl_reach_seed *seeds;
	struct fl_reach *reach; /* by slot; seed NULL: not reached */
};

struct fl_reach_map *fl_reach_from(const struct fl_program *program, const struct fl_reach_seed *seeds,
				   size_t seed_count, fl_reach_follow follow, void *data)
{
	const struct fl_function_index *index = program->index;
	struct fl_reach_map *map = fl_xcalloc(1, sizeof(*map));
	map->program = program;
	map->seed_count = seed_count;
	map->seeds = fl_xcalloc(seed_count + 1, sizeof(*map->seeds));
	if (seed_count)
		memcpy(map->seeds, seeds, seed_count * sizeof(*seeds));
	map->reach = fl_xcalloc(index->count + 1, sizeof(*map->reach));
	size_t *queue = fl_xcalloc(index->count + 1, sizeof(*queue));
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < seed_count; i++) {
		const struct fl_reach_seed *seed = &map->seeds[i];
		if (map->reach[seed->function].seed)
			continue;
		map->reach[seed->function] = (struct fl_reach){
			.seed = seed,
			.caller_key = seed->call ? index->slots[seed->caller].key : NULL,
			.call = seed->call,
			.depth = seed->call ? 1 : 0,
		};
		queue[tail++] = seed->function;
	}
	/* Breadth first, so that each function keeps its shortest chain. */
	while (head < tail) {
		size_t slot = queue[head++];
		const struct fl_function *function = index->slots[slot].ref.function;
		for (size_t c = 0; c < function->call_count; c++) {
			size_t target = index->slots[slot].callees[c];
			if (target == FL_NO_FUNCTION || map->reach[target].seed ||
			    (follow && !follow(program, slot, &function->calls[c], target, data)))
				continue;
			map->reach[target] = (struct fl_reach){
				.seed = map->reach[slot].seed,
				.caller_key = index->slots[slot].key,
				.call = &function->calls[c],
				.depth = map->reach[slot].depth + 1,
			};
			queue[tail++] = target;
		}
	}
	free(queue);
	return map;
}

struct fl_reach_map *fl_reach_new(const struct fl_program *program,
				  bool (*accept)(const struct fl_entry *entry, void *data), void *data)
{
	struct fl_reach_seed *seeds = fl_xcalloc(program->entry_count + 1, sizeof(*seeds));
	size_t count = 0;
	for (size_t e = 0; e < program->entry_count; e++) {
		const struct fl_entry *entry = &program->entries[e];
		size_t slot = fl_index_find(program->index, entry->key);
		if (slot != FL_NO_FUNCTION && accept(entry, data))
			seeds[count++] = (struct fl_reach_seed){ .function = slot, .entry = entry };
	}
	struct fl_reach_map *map = fl_reach_from(program, seeds, count, NULL, NULL);
	free(seeds);
	return map;
}

struct fl_seed_list {
	size_t count, capacity;
	struct fl_reach_seed *items;
};

static void fl_seed_slot(struct fl_seed_list *list, size_t slot, const struct fl_entry *entry)
{
	FL_GROW(list->items, list->capacity, list->count + 1);
	list->items[list->count++] = (struct fl_reach_seed){ .function = slot, .entry = entry };
}

/* The function a value names (its address taken), if the driver defines it. */
struct fl_reach_seed *fl_program_start_seeds(const struct fl_program *program, size_t *count)
{
	const struct fl_function_index *index = program->index;
	struct fl_seed_list entries = { 0 }, wrappers = { 0 };
	bool *seen = fl_xcalloc(index->count + 1, sizeof(*seen));
	for (size_t e = 0; e < program->entry_count; e++) {
		const struct fl_entry *entry = &program->entries[e];
		size_t slot = fl_index_find(index, entry->key);
		if (entry->role == FL_ROLE_DRIVER_ENTRY && slot != FL_NO_FUNCTION && !seen[slot]) {
			seen[slot] = true;
			fl_seed_slot(&entries, slot, entry);
		}
	}
	/* Their callers, transitively (breadth first over the growing list). */
	for (size_t i = 0; i < entries.count + wrappers.count; i++) {
		size_t slot = i < entries.count ? entries.items[i].function : wrappers.items[i - entries.count].function;
		size_t caller_count;
		const struct fl_call_site *sites = fl_program_callers(program, slot, &caller_count);
		for (size_t c = 0; c < caller_count; c++)
			if (!seen[sites[c].caller]) {
				seen[sites[c].caller] = true;
				fl_seed_slot(&wrappers, sites[c].caller, NULL);
			}
	}
	free(seen);
	for (size_t i = 0; i < entries.count; i++)
		fl_seed_slot(&wrappers, entries.items[i].function, entries.items[i].entry);
	free(entries.items);
	*count = wrappers.count;
	return wrappers.items;
}

static void fl_note_taken(const struct fl_program *program, const struct fl_value *value, bool *taken)
{
	size_t slot = value->kind == FL_VALUE_FUNCTION && value->key ? fl_index_find(program->index, value->key)
								     : FL_NO_FUNCTION;
	if (slot != FL_NO_FUNCTION)
		taken[slot] = true;
}

bool *fl_program_address_taken(const struct fl_program *program)
{
	bool *taken = fl_xcalloc(program->index->count + 1, sizeof(*taken));
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t f = 0; f < unit->function_count; f++) {
			const struct fl_function *function = &unit->functions[f];
			for (size_t c = 0; c < function->call_count; c++)
				for (size_t a = 0; a < function->calls[c].arg_count; a++)
					fl_note_taken(program, &function->calls[c].args[a].value, taken);
			for (size_t i = 0; i < function->field_store_count; i++)
				fl_note_taken(program, &function->field_stores[i].value, taken);
		}
		for (size_t i = 0; i < unit->initializer_count; i++) {
			const struct fl_initializer *initializer = &unit->initializers[i];
			for (size_t e = 0; e < initializer->element_count; e++)
				for (size_t f = 0; f < initializer->elements[e].field_count; f++)
					fl_note_taken(program, &initializer->elements[e].fields[f].value, taken);
		}
	}
	for (size_t e = 0; e < program->entry_count; e++) {
		size_t slot = fl_index_find(program->index, program->entries[e].key);
		if (slot != FL_NO_FUNCTION)
			taken[slot] = true;
	}
	return taken;
}

struct fl_reach_map *fl_reach_live(const struct fl_program *program)
{
	struct fl_seed_list list = { 0 };
	list.items = fl_program_start_seeds(program, &list.count);
	list.capacity = list.count;
	for (size_t e = 0; e < program->entry_count; e++) {
		size_t slot = fl_index_find(program->index, program->entries[e].key);
		if (slot != FL_NO_FUNCTION)
			fl_seed_slot(&list, slot, &program->entries[e]);
	}
	bool *taken = fl_program_address_taken(program);
	for (size_t slot = 0; slot < program->index->count; slot++) {
		const struct fl_function *function = program->index->slots[slot].ref.function;
		if (taken[slot] || (function->member != FL_MEMBER_NONE && function->member != FL_MEMBER_STATIC))
			fl_seed_slot(&list, slot, NULL);
	}
	free(taken);
	struct fl_reach_map *map = fl_reach_from(program, list.items, list.count, NULL, NULL);
	free(list.items);
	return map;
}

void fl_reach_free(struct fl_reach_map *map)
{
	if (!map)
		return;
	free(map->seeds);
	free(map->reach);
	free(map);
}

const struct fl_reach *fl_reach_at(const struct fl_reach_map *map, size_t slot)
{
	return slot != FL_NO_FUNCTION && map->reach[slot].seed ? &map->reach[slot] : NULL;
}

const struct fl_reach *fl_reach_get(const struct fl_reach_map *map, const char *key)
{
	return fl_reach_at(map, fl_index_find(map->program->index, key));
}

const char *fl_program_function_name(const struct fl_program *program, const char *key)
{
	struct fl_function_ref ref = fl_program_function(program, key);
	return ref.function ? ref.function->name : key;
}

/* A call on a chain: `caller_key` calls `callee_key` at `call`. */
struct fl_chain_link {
	const char *caller_key;
	const char *callee_key;
	const struct fl_call *call;
};

/* The links of the chain to `key`, first call first; the caller frees them. */
static struct fl_chain_link *fl_reach_links(const struct fl_reach_map *map, const char *key, size_t *count)
{
	const struct fl_reach *reach = fl_reach_get(map, key);
	size_t limit = reach ? reach->depth : 0;
	struct fl_chain_link *links = fl_xcalloc(limit + 1, sizeof(*links));
	size_t found = 0;
	/* Walked back from the end; a seed with a call is the chain's first
	 * link, whatever reaches its caller. */
	while (found < limit && reach && reach->caller_key) {
		links[found++] = (struct fl_chain_link){ reach->caller_key, key, reach->call };
		if (reach->depth == 1 && reach->seed->call)
			break;
		key = reach->caller_key;
		reach = fl_reach_get(map, key);
	}
	for (size_t a = 0, b = found; a + 1 < b; a++, b--) {
		struct fl_chain_link swap = links[a];
		links[a] = links[b - 1];
		links[b - 1] = swap;
	}
	*count = found;
	return links;
}

char *fl_reach_chain_rest(const struct fl_reach_map *map, const char *key)
{
	size_t count;
	struct fl_chain_link *links = fl_reach_links(map, key, &count);
	char *text = fl_xstrdup("");
	for (size_t i = 0; i < count; i++) {
		char *longer = fl_xasprintf("%s -> %s", text, fl_program_function_name(map->program, links[i].callee_key));
		free(text);
		text = longer;
	}
	free(links);
	return text;
}

size_t fl_reach_chain_start(const struct fl_reach_map *map, const char *key)
{
	const struct fl_reach *reach = fl_reach_get(map, key);
	return reach->seed->call ? reach->seed->caller : reach->seed->function;
}

void fl_reach_add_steps(const struct fl_reach_map *map, const char *key, struct fl_finding *finding)
{
	size_t count;
	struct fl_chain_link *links = fl_reach_links(map, key, &count);
	for (size_t i = 0; i < count; i++)
		fl_finding_add_step(finding, &links[i].call->loc, "%s calls %s",
				    fl_program_function_name(map->program, links[i].caller_key),
				    fl_program_function_name(map->program, links[i].callee_key));
	free(links);
}

/* Well-known IRP_MJ_ names, for messages. */
const char *fl_major_function_name(int major)
{
	static const char *const names[] = {
		"IRP_MJ_CREATE", "IRP_MJ_CREATE_NAMED_PIPE", "IRP_MJ_CLOSE", "IRP_MJ_READ", "IRP_MJ_WRITE",
		"IRP_MJ_QUERY_INFORMATION", "IRP_MJ_SET_INFORMATION", "IRP_MJ_QUERY_EA", "IRP_MJ_SET_EA",
		"IRP_MJ_FLUSH_BUFFERS", "IRP_MJ_QUERY_VOLUME_INFORMATION", "IRP_MJ_SET_VOLUME_INFORMATION",
		"IRP_MJ_DIRECTORY_CONTROL", "IRP_MJ_FILE_SYSTEM_CONTROL", "IRP_MJ_DEVICE_CONTROL",
		"IRP_MJ_INTERNAL_DEVICE_CONTROL", "IRP_MJ_SHUTDOWN", "IRP_MJ_LOCK_CONTROL", "IRP_MJ_CLEANUP",
		"IRP_MJ_CREATE_MAILSLOT", "IRP_MJ_QUERY_SECURITY", "IRP_MJ_SET_SECURITY", "IRP_MJ_POWER",
		"IRP_MJ_SYSTEM_CONTROL", "IRP_MJ_DEVICE_CHANGE", "IRP_MJ_QUERY_QUOTA", "IRP_MJ_SET_QUOTA",
		"IRP_MJ_PNP",
	};
	/* FltMgr's own operations are small negative numbers as UCHAR. */
	if (major >= 0 && major < (int)(sizeof(names) / sizeof(names[0])))
		return names[major];
	return NULL;
}

char *fl_reach_chain_text(const struct fl_reach_map *map, const char *key)
{
	const struct fl_reach *reach = fl_reach_get(map, key);
	if (!reach)
		return fl_xstrdup(fl_program_function_name(map->program, key));
	char *rest = fl_reach_chain_rest(map, key);
	const struct fl_entry *entry = reach->seed->entry;
	const char *start = map->program->index->slots[fl_reach_chain_start(map, key)].key;
	char *described;
	if (entry) {
		/* "Name (role, IRP_MJ_X) -> ...": the entry's name starts the chain. */
		const char *major = fl_major_function_name(entry->major_function);
		described = fl_xasprintf("%s (%s%s%s)%s", fl_program_function_name(map->program, entry->key),
					 fl_role_name(entry->role), major ? ", " : "", major ? major : "", rest);
	} else {
		described = fl_xasprintf("%s%s", fl_program_function_name(map->program, start), rest);
	}
	free(rest);
	return described;
}

void fl_reach_add_related(const struct fl_reach_map *map, const char *key, struct fl_finding *finding)
{
	const struct fl_reach *reach = fl_reach_get(map, key);
	if (!reach)
		return;
	const struct fl_entry *entry = reach->seed->entry;
	if (entry)
		fl_finding_add_step(finding, &entry->registered, "%s registered as %s here",
				    fl_program_function_name(map->program, entry->key), fl_role_name(entry->role));
	fl_reach_add_steps(map, key, finding);
}

struct fl_path_walk {
	const struct fl_function *function;
	const struct fl_path_visitor *visitor;
	void *rule;
	size_t steps;
	size_t nesting;
	bool stopped;
	/* States already followed from a node: digests of (state, node); 0 marks a free slot. */
	size_t seen_count, seen_capacity;
	uint64_t *seen;
};

/* Whether `state` was already followed from `node`; notes it if not. */
static bool fl_path_seen(struct fl_path_walk *walk, const void *state, int node)
{
	if (walk->seen_count * 2 >= walk->seen_capacity) {
		size_t capacity = walk->seen_capacity ? walk->seen_capacity * 2 : 1024;
		uint64_t *table = fl_xcalloc(capacity, sizeof(*table));
		for (size_t i = 0; i < walk->seen_capacity; i++)
			if (walk->seen[i])
				for (size_t slot = walk->seen[i] & (capacity - 1);; slot = (slot + 1) & (capacity - 1))
					if (!table[slot]) {
						table[slot] = walk->seen[i];
						break;
					}
		free(walk->seen);
		walk->seen = table;
		walk->seen_capacity = capacity;
	}
	uint64_t digest = fl_hash_int(walk->visitor->digest(state), node) | 1;
	size_t mask = walk->seen_capacity - 1; /* a power of two */
	for (size_t slot = digest & mask;; slot = (slot + 1) & mask) {
		if (walk->seen[slot] == digest)
			return true;
		if (!walk->seen[slot]) {
			walk->seen[slot] = digest;
			walk->seen_count++;
			return false;
		}
	}
}

/* Follows every path from node `index`; owns `state`. */
static void fl_path_follow(struct fl_path_walk *walk, int index, void *state)
{
	const struct fl_path_visitor *visitor = walk->visitor;
	while (!walk->stopped) {
		if (index == FL_FLOW_EXIT) {
			visitor->exit(walk->rule, state);
			break;
		}
		if (++walk->steps > FL_PATHS_MAX_STEPS) {
			walk->stopped = true;
			break;
		}
		if (visitor->canonical)
			visitor->canonical(walk->rule, state);
		if (fl_path_seen(walk, state, index))
			break; /* followed from here before, in this very state */
		const struct fl_flow_node *node = &walk->function->flow[index];
		if (node->kind == FL_FLOW_BRANCH) {
			if (walk->nesting >= FL_PATHS_MAX_NESTING) {
				walk->stopped = true;
				break;
			}
			void *other = fl_xmalloc(visitor->state_size);
			memcpy(other, state, visitor->state_size);
			walk->nesting++;
			if (visitor->assume(walk->rule, other, index, false))
				fl_path_follow(walk, node->other, other);
			else
				free(other);
			walk->nesting--;
			if (!visitor->assume(walk->rule, state, index, true))
				break;
		} else if (node->kind != FL_FLOW_NOP && !visitor->step(walk->rule, state, index)) {
			walk->stopped = true;
		}
		index = node->next;
	}
	free(state);
}

bool fl_walk_paths(const struct fl_function *function, const struct fl_path_visitor *visitor, void *rule,
		   const void *start)
{
	if (function->flow_incomplete)
		return false;
	struct fl_path_walk walk = { .function = function, .visitor = visitor, .rule = rule };
	void *state = fl_xmalloc(visitor->state_size);
	memcpy(state, start, visitor->state_size);
	fl_path_follow(&walk, function->flow_entry, state);
	free(walk.seen);
	return !walk.stopped;
}

void fl_program_each_function(const struct fl_program *program,
			      void (*visit)(const struct fl_function_ref *ref, void *data), void *data)
{
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t f = 0; f < unit->function_count; f++) {
			struct fl_function_ref ref = { .unit = unit, .function = &unit->functions[f] };
			visit(&ref, data);
		}
	}
}

void fl_program_each_initializer(const struct fl_program *program, const char *type,
				 void (*visit)(const struct fl_tu_facts *unit,
					       const struct fl_initializer *initializer, void *data),
				 void *data)
{
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t i = 0; i < unit->initializer_count; i++)
			if (strcmp(unit->initializers[i].type, type) == 0)
				visit(unit, &unit->initializers[i], data);
	}
}

const struct fl_field *fl_element_field(const struct fl_element *element, const char *name)
{
	for (size_t i = 0; i < element->field_count; i++)
		if (strcmp(element->fields[i].name, name) == 0)
			return &element->fields[i];
	return NULL;
}

bool fl_value_is_null(const struct fl_value *value)
{
	if (value->kind == FL_VALUE_INT && value->integer == 0)
		return true;
	const char *text = value->text;
	return value->kind == FL_VALUE_UNKNOWN && text &&
	       (strcmp(text, "NULL") == 0 || strcmp(text, "0") == 0 || strcmp(text, "((void *)0)") == 0);
}

bool fl_field_is_null(const struct fl_field *field)
{
	return !field || fl_value_is_null(&field->value);
}

static void fl_add_entry(struct fl_program *program, enum fl_role role, const char *key,
			 const struct fl_loc *where, int major_function, long long flags)
{
	FL_GROW(program->entries, program->entry_capacity, program->entry_count + 1);
	program->entries[program->entry_count++] = (struct fl_entry){
		.role = role,
		.key = fl_xstrdup(key),
		.registered = *where,
		.major_function = major_function,
		.operation_flags = flags,
	};
}

static long long fl_int_field(const struct fl_element *element, const char *name, long long otherwise)
{
	const struct fl_field *field = fl_element_field(element, name);
	return field && field->value.kind == FL_VALUE_INT ? field->value.integer : otherwise;
}

static void fl_collect_entries(struct fl_program *program)
{
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t i = 0; i < unit->initializer_count; i++) {
			const struct fl_initializer *init = &unit->initializers[i];
			for (size_t r = 0; r < sizeof(fl_registration_fields) / sizeof(fl_registration_fields[0]); r++) {
				if (strcmp(init->type, fl_registration_fields[r].type) != 0)
					continue;
				for (size_t e = 0; e < init->element_count; e++) {
					const struct fl_element *element = &init->elements[e];
					const struct fl_field *field = fl_element_field(element, fl_registration_fields[r].field);
					if (!field || field->value.kind != FL_VALUE_FUNCTION)
						continue;
					bool operation = strcmp(init->type, "_FLT_OPERATION_REGISTRATION") == 0;
					fl_add_entry(program, fl_registration_fields[r].role, field->value.key, &field->loc,
						     operation ? (int)fl_int_field(element, "MajorFunction", -1) : -1,
						     operation ? fl_int_field(element, "Flags", 0) : 0);
				}
			}
		}
		for (size_t f = 0; f < unit->function_count; f++) {
			const struct fl_function *function = &unit->functions[f];
			if (strcmp(function->name, "DriverEntry") == 0 && !function->is_static)
				fl_add_entry(program, FL_ROLE_DRIVER_ENTRY, function->key, &function->loc, -1, 0);
			for (size_t c = 0; c < function->call_count; c++) {
				const struct fl_call *call = &function->calls[c];
				const struct fl_api *api = fl_api_find(call->callee);
				for (size_t r = 0; api && r < 3 && api->callbacks[r].kind != FL_API_CALLBACK_NONE; r++) {
					size_t position = (size_t)api->callbacks[r].arg;
					if (position >= call->arg_count || call->args[position].value.kind != FL_VALUE_FUNCTION)
						continue;
					const struct fl_arg *arg = &call->args[position];
					fl_add_entry(program, fl_callback_roles[api->callbacks[r].kind], arg->value.key,
						     &arg->loc, -1, 0);
				}
			}
		}
	}
}

struct fl_shared_analyses {
	size_t count;
	struct fl_shared_analysis {
		const void *key;
		void *analysis;
		void (*release)(void *analysis);
	} *items;
};

void *fl_program_shared(const struct fl_program *program, const void *key,
			void *(*build)(const struct fl_program *program), void (*release)(void *analysis))
{
	struct fl_shared_analyses *shared = program->shared;
	for (size_t i = 0; i < shared->count; i++)
		if (shared->items[i].key == key)
			return shared->items[i].analysis;
	void *analysis = build(program);
	shared->items = fl_xrealloc(shared->items, (shared->count + 1) * sizeof(*shared->items));
	shared->items[shared->count++] = (struct fl_shared_analysis){ key, analysis, release };
	return analysis;
}

struct fl_program *fl_program_new(struct fl_tu_facts *units, size_t unit_count,
				  struct fl_inf **infs, size_t inf_count)
{
	struct fl_program *program = fl_xcalloc(1, sizeof(*program));
	program->units = units;
	program->unit_count = unit_count;
	program->infs = infs;
	program->inf_count = inf_count;
	program->index = fl_index_new(program);
	program->shared = fl_xcalloc(1, sizeof(*program->shared));
	fl_collect_entries(program);
	return program;
}

void fl_program_free(struct fl_program *program)
{
	if (!program)
		return;
	for (size_t i = 0; i < program->shared->count; i++) /* before what they point into */
		program->shared->items[i].release(program->shared->items[i].analysis);
	free(program->shared->items);
	free(program->shared);
	for (size_t i = 0; !program->borrowed && i < program->unit_count; i++)
		fl_tu_facts_clear(&program->units[i]);
	free(program->units);
	for (size_t i = 0; !program->borrowed && i < program->inf_count; i++)
		fl_inf_free(program->infs[i]);
	free(program->infs);
	for (size_t i = 0; i < program->entry_count; i++)
		free(program->entries[i].key);
	free(program->entries);
	fl_index_free(program->index);
	free(program);
}
