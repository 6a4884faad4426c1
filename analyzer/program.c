/* The link step: joins the units of a driver.
 *
 * Functions are indexed by key (name, or unit path plus name for statics),
 * and the functions the driver hands to the system are collected with their
 * role from wherever they are named: the registration structures, and the
 * calls that take callbacks. */
#include "program.h"

#include <stdlib.h>
#include <string.h>

#include "inf.h"
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
	[FL_ROLE_DRIVER_ENTRY] = "DriverEntry",
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

/* Calls that register a callback, by argument position (0-based). */
static const struct {
	const char *callee;
	size_t arg;
	enum fl_role role;
} fl_registration_args[] = {
	{ "FltCreateCommunicationPort", 4, FL_ROLE_PORT_CONNECT },
	{ "FltCreateCommunicationPort", 5, FL_ROLE_PORT_DISCONNECT },
	{ "FltCreateCommunicationPort", 6, FL_ROLE_PORT_MESSAGE },
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

struct fl_function_ref fl_program_function(const struct fl_program *program, const char *key)
{
	const struct fl_function_index *index = program->index;
	size_t low = 0, high = index->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (strcmp(index->slots[middle].key, key) < 0)
			low = middle + 1;
		else
			high = middle;
	}
	if (low < index->count && strcmp(index->slots[low].key, key) == 0)
		return index->slots[low].ref;
	return (struct fl_function_ref){ NULL, NULL };
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
		.registered = { .file = fl_xstrdup(where->file), .line = where->line, .column = where->column },
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
				for (size_t r = 0; r < sizeof(fl_registration_args) / sizeof(fl_registration_args[0]); r++) {
					if (!call->callee || strcmp(call->callee, fl_registration_args[r].callee) != 0 ||
					    fl_registration_args[r].arg >= call->arg_count)
						continue;
					const struct fl_arg *arg = &call->args[fl_registration_args[r].arg];
					if (arg->value.kind == FL_VALUE_FUNCTION)
						fl_add_entry(program, fl_registration_args[r].role, arg->value.key, &arg->loc, -1, 0);
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
	for (size_t i = 0; i < program->entry_count; i++) {
		free(program->entries[i].key);
		fl_loc_free(&program->entries[i].registered);
	}
	free(program->entries);
	if (program->index)
		free(program->index->slots);
	free(program->index);
	free(program);
}
