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
};

struct fl_function_index {
	size_t count;
	struct fl_function_slot *slots; /* sorted by key */
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

static struct fl_function_index *fl_index_new(const struct fl_program *program)
{
	struct fl_function_index *index = fl_xcalloc(1, sizeof(*index));
	size_t total = 0;
	for (size_t u = 0; u < program->unit_count; u++)
		total += program->units[u].function_count;
	index->slots = fl_xcalloc(total, sizeof(*index->slots));
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t f = 0; f < unit->function_count; f++)
			index->slots[index->count++] = (struct fl_function_slot){
				.key = unit->functions[f].key,
				.ref = { .unit = unit, .function = &unit->functions[f] },
			};
	}
	qsort(index->slots, index->count, sizeof(*index->slots), fl_compare_slots);
	return index;
}

/* The slot of the first function with `key`, or index->count. */
static size_t fl_index_find(const struct fl_function_index *index, const char *key)
{
	size_t low = 0, high = index->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (strcmp(index->slots[middle].key, key) < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return low < index->count && strcmp(index->slots[low].key, key) == 0 ? low : index->count;
}

struct fl_function_ref fl_program_function(const struct fl_program *program, const char *key)
{
	size_t slot = key ? fl_index_find(program->index, key) : program->index->count;
	if (slot < program->index->count)
		return program->index->slots[slot].ref;
	return (struct fl_function_ref){ NULL, NULL };
}

struct fl_reach_map {
	const struct fl_program *program;
	struct fl_reach *reach; /* parallel to the index's slots */
};

struct fl_reach_map *fl_reach_new(const struct fl_program *program,
				  bool (*accept)(const struct fl_entry *entry, void *data), void *data)
{
	const struct fl_function_index *index = program->index;
	struct fl_reach_map *map = fl_xcalloc(1, sizeof(*map));
	map->program = program;
	map->reach = fl_xcalloc(index->count, sizeof(*map->reach));
	size_t *queue = fl_xcalloc(index->count, sizeof(*queue));
	size_t head = 0, tail = 0;
	for (size_t e = 0; e < program->entry_count; e++) {
		const struct fl_entry *entry = &program->entries[e];
		size_t slot = fl_index_find(index, entry->key);
		if (slot == index->count || map->reach[slot].entry || !accept(entry, data))
			continue;
		map->reach[slot].entry = entry;
		queue[tail++] = slot;
	}
	/* Breadth first, so that each function keeps its shortest chain. */
	while (head < tail) {
		size_t slot = queue[head++];
		const struct fl_function *function = index->slots[slot].ref.function;
		for (size_t c = 0; c < function->call_count; c++) {
			const struct fl_call *call = &function->calls[c];
			size_t target = call->callee_key ? fl_index_find(index, call->callee_key) : index->count;
			if (target == index->count || map->reach[target].entry)
				continue;
			map->reach[target] = (struct fl_reach){
				.entry = map->reach[slot].entry,
				.caller_key = index->slots[slot].key,
				.call = call,
				.depth = map->reach[slot].depth + 1,
			};
			queue[tail++] = target;
		}
	}
	free(queue);
	return map;
}

void fl_reach_free(struct fl_reach_map *map)
{
	if (!map)
		return;
	free(map->reach);
	free(map);
}

const struct fl_reach *fl_reach_get(const struct fl_reach_map *map, const char *key)
{
	size_t slot = fl_index_find(map->program->index, key);
	if (slot == map->program->index->count || !map->reach[slot].entry)
		return NULL;
	return &map->reach[slot];
}

const char *fl_program_function_name(const struct fl_program *program, const char *key)
{
	struct fl_function_ref ref = fl_program_function(program, key);
	return ref.function ? ref.function->name : key;
}

struct fl_chain_link *fl_chain_links(const void *map, fl_chain_back back, const char *key, size_t limit,
				     size_t *count)
{
	struct fl_chain_link *links = fl_xcalloc(limit + 1, sizeof(*links));
	size_t found = 0;
	struct fl_chain_link link;
	while (found < limit && back(map, key, &link)) {
		links[found++] = link;
		key = link.caller_key;
		if (link.starts)
			break;
	}
	/* Walked back from the end: turn them first call first. */
	for (size_t a = 0, b = found; a + 1 < b; a++, b--) {
		struct fl_chain_link swap = links[a];
		links[a] = links[b - 1];
		links[b - 1] = swap;
	}
	*count = found;
	return links;
}

char *fl_chain_rest(const struct fl_program *program, const struct fl_chain_link *links, size_t count)
{
	char *text = fl_xstrdup("");
	for (size_t i = 0; i < count; i++) {
		char *longer = fl_xasprintf("%s -> %s", text, fl_program_function_name(program, links[i].callee_key));
		free(text);
		text = longer;
	}
	return text;
}

void fl_chain_add_steps(const struct fl_program *program, const struct fl_chain_link *links, size_t count,
			struct fl_finding *finding)
{
	for (size_t i = 0; i < count; i++)
		fl_finding_add_step(finding, &links[i].call->loc, "%s calls %s",
				    fl_program_function_name(program, links[i].caller_key),
				    fl_program_function_name(program, links[i].callee_key));
}

static bool fl_reach_back(const void *map, const char *key, struct fl_chain_link *link)
{
	const struct fl_reach *reach = fl_reach_get(map, key);
	if (!reach || !reach->caller_key)
		return false;
	*link = (struct fl_chain_link){ .caller_key = reach->caller_key, .callee_key = key, .call = reach->call };
	return true;
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
	size_t count;
	struct fl_chain_link *links = fl_chain_links(map, fl_reach_back, key, reach->depth, &count);
	char *rest = fl_chain_rest(map->program, links, count);
	const struct fl_entry *entry = reach->entry;
	const char *major = fl_major_function_name(entry->major_function);
	/* "Name (role, IRP_MJ_X) -> ...": the entry's name starts the chain. */
	char *described = fl_xasprintf("%s (%s%s%s)%s", fl_program_function_name(map->program, entry->key),
				       fl_role_name(entry->role), major ? ", " : "", major ? major : "", rest);
	free(rest);
	free(links);
	return described;
}

void fl_reach_add_related(const struct fl_reach_map *map, const char *key, struct fl_finding *finding)
{
	const struct fl_reach *reach = fl_reach_get(map, key);
	if (!reach)
		return;
	size_t count;
	struct fl_chain_link *links = fl_chain_links(map, fl_reach_back, key, reach->depth, &count);
	fl_finding_add_step(finding, &reach->entry->registered, "%s registered as %s here",
			    fl_program_function_name(map->program, reach->entry->key), fl_role_name(reach->entry->role));
	fl_chain_add_steps(map->program, links, count, finding);
	free(links);
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

struct fl_program *fl_program_new(struct fl_tu_facts *units, size_t unit_count,
				  struct fl_inf **infs, size_t inf_count)
{
	struct fl_program *program = fl_xcalloc(1, sizeof(*program));
	program->units = units;
	program->unit_count = unit_count;
	program->infs = infs;
	program->inf_count = inf_count;
	program->index = fl_index_new(program);
	fl_collect_entries(program);
	return program;
}

void fl_program_free(struct fl_program *program)
{
	if (!program)
		return;
	for (size_t i = 0; i < program->unit_count; i++)
		fl_tu_facts_clear(&program->units[i]);
	free(program->units);
	for (size_t i = 0; i < program->inf_count; i++)
		fl_inf_free(program->infs[i]);
	free(program->infs);
	for (size_t i = 0; i < program->entry_count; i++)
		free(program->entries[i].key);
	free(program->entries);
	if (program->index)
		free(program->index->slots);
	free(program->index);
	free(program);
}
