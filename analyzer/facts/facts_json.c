/* Facts as JSON, compact: a unit's facts cross a pipe, sit in the cache and
 * in shards, and are decoded once per unit per run.
 *
 * - A unit lists in "files" the files other than its own that its locations
 *   name.  A location is [line, column] in the unit's own file,
 *   [file, line, column] in files[file], and null (or left out) for none.
 * - A member at its default (null, false, 0, an empty array; -1 for an index
 *   or an IRQL level) is left out, and the reader fills it in.
 * - Small fixed records are arrays, trailing defaults left out:
 *     value      [kind, text, integer, name, key, address_of, via_variable,
 *                 known_set, known_clear, extent, local, of_this]
 *                 (masks as signed 64-bit numbers)
 *     extent     [line, column, end_line, end_column]
 *     flow node  [kind, next, line, column, other, call, system_callee, var,
 *                 source_kind, source, test, value], the first four always
 *     argument   [value, location]
 *     field      [name, value, location]
 *     alloc_text name  [name, location]
 * The reader (facts_json_read.c) checks every type and range, and names the
 * first thing wrong and where it is ("functions[2].calls[0].l: file 3 is not
 * in ...").
 */
#include "facts/facts_json.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- writing ---- */

struct fl_writer {
	const char *path; /* the unit's own file */
	json_t *files;    /* the other files its locations name, in order of first use */
};

static json_t *fl_str(const char *text)
{
	return text ? json_string(text) : json_null();
}

/* The position of `file` in the unit's list of other files, added on first use. */
static json_int_t fl_file_index(struct fl_writer *writer, const char *file)
{
	size_t i;
	const json_t *name;
	json_array_foreach(writer->files, i, name)
		if (strcmp(json_string_value(name), file) == 0)
			return (json_int_t)i;
	json_array_append_new(writer->files, json_string(file));
	return (json_int_t)json_array_size(writer->files) - 1;
}

static json_t *fl_loc_json(struct fl_writer *writer, const struct fl_loc *loc)
{
	if (!loc->file)
		return json_null();
	json_int_t line = loc->line, column = loc->column;
	if (writer->path && strcmp(loc->file, writer->path) == 0)
		return json_pack("[I, I]", line, column);
	return json_pack("[I, I, I]", fl_file_index(writer, loc->file), line, column);
}

/* Members at their default are left out. */
static void fl_set_text(json_t *object, const char *key, const char *text)
{
	if (text)
		json_object_set_new(object, key, json_string(text));
}

static void fl_set_flag(json_t *object, const char *key, bool flag)
{
	if (flag)
		json_object_set_new(object, key, json_true());
}

static void fl_set_number(json_t *object, const char *key, long long number, long long fallback)
{
	if (number != fallback)
		json_object_set_new(object, key, json_integer(number));
}

static void fl_set_loc(struct fl_writer *writer, json_t *object, const char *key, const struct fl_loc *loc)
{
	if (loc->file)
		json_object_set_new(object, key, fl_loc_json(writer, loc));
}

/* Takes `array`. */
static void fl_set_array(json_t *object, const char *key, json_t *array)
{
	if (json_array_size(array))
		json_object_set_new(object, key, array);
	else
		json_decref(array);
}

/* An element of a positional record, and whether it is not at its default. */
struct fl_item {
	json_t *json;
	bool set;
};

/* A positional record of `items` (taken), cut after the last one set. */
static json_t *fl_tuple(const struct fl_item *items, size_t count)
{
	size_t length = count;
	while (length > 0 && !items[length - 1].set)
		length--;
	json_t *tuple = json_array();
	for (size_t i = 0; i < count; i++) {
		if (i < length)
			json_array_append_new(tuple, items[i].json);
		else
			json_decref(items[i].json);
	}
	return tuple;
}

static json_t *fl_extent_json(const struct fl_extent *span)
{
	return span->line ? json_pack("[iiii]", span->line, span->column, span->end_line, span->end_column)
			  : json_null();
}

static json_t *fl_value_json(const struct fl_value *value)
{
	const struct fl_item items[] = {
		{ json_integer(value->kind), true },
		{ fl_str(value->text), value->text != NULL },
		{ json_integer(value->integer), value->integer != 0 },
		{ fl_str(value->name), value->name != NULL },
		{ fl_str(value->key), value->key != NULL },
		{ json_boolean(value->address_of), value->address_of },
		{ json_boolean(value->via_variable), value->via_variable },
		{ json_integer((json_int_t)value->known_set), value->known_set != 0 },
		{ json_integer((json_int_t)value->known_clear), value->known_clear != 0 },
		{ fl_extent_json(&value->extent), value->extent.line != 0 },
		{ json_boolean(value->local), value->local },
		{ json_boolean(value->of_this), value->of_this },
	};
	return fl_tuple(items, sizeof(items) / sizeof(items[0]));
}

static json_t *fl_flow_node_json(const struct fl_flow_node *node)
{
	const struct fl_item items[] = {
		{ json_integer(node->kind), true },
		{ json_integer(node->next), true },
		{ json_integer(node->line), true },
		{ json_integer(node->column), true },
		{ json_integer(node->other), node->other != FL_FLOW_EXIT },
		{ json_integer(node->call), node->call != -1 },
		{ json_boolean(node->system_callee), node->system_callee },
		{ fl_str(node->var), node->var != NULL },
		{ json_integer(node->source_kind), node->source_kind != FL_FLOW_SOURCE_OTHER },
		{ fl_str(node->source), node->source != NULL },
		{ json_integer(node->test), node->test != FL_FLOW_TEST_UNKNOWN },
		{ json_integer(node->value), node->value != 0 },
		{ json_integer(node->param), node->param != -1 },
		{ fl_str(node->field), node->field != NULL },
	};
	return fl_tuple(items, sizeof(items) / sizeof(items[0]));
}

/* [value, location]: an argument, and a field after its name. */
static json_t *fl_valued_json(struct fl_writer *writer, const struct fl_value *value, const struct fl_loc *loc)
{
	const struct fl_item items[] = {
		{ fl_value_json(value), true },
		{ fl_loc_json(writer, loc), loc->file != NULL },
	};
	return fl_tuple(items, 2);
}

/* `count` records of `size` bytes from `items`, each written by `write`. */
static json_t *fl_records_json(struct fl_writer *writer, const void *items, size_t count, size_t size,
			       json_t *(*write)(struct fl_writer *writer, const void *item))
{
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, write(writer, (const char *)items + i * size));
	return array;
}

/* The writers of records take `const void *`, as fl_records_json hands
 * them out. */
static json_t *fl_call_json(struct fl_writer *writer, const void *item)
{
	const struct fl_call *call = item;
	json_t *object = json_object();
	fl_set_text(object, "callee", call->callee);
	fl_set_text(object, "key", call->callee_key);
	fl_set_text(object, "obj", call->object);
	fl_set_loc(writer, object, "l", &call->loc);
	json_t *args = json_array();
	for (size_t i = 0; i < call->arg_count; i++)
		json_array_append_new(args, fl_valued_json(writer, &call->args[i].value, &call->args[i].loc));
	fl_set_array(object, "args", args);
	return object;
}

static json_t *fl_store_json(struct fl_writer *writer, const void *item)
{
	const struct fl_field_store *store = item;
	json_t *object = json_object();
	fl_set_text(object, "type", store->type);
	fl_set_text(object, "field", store->field);
	fl_set_text(object, "base", store->base);
	fl_set_number(object, "param", store->base_param, -1);
	fl_set_number(object, "op", store->op, FL_STORE_ASSIGN);
	json_object_set_new(object, "v", fl_value_json(&store->value));
	fl_set_loc(writer, object, "l", &store->loc);
	return object;
}

static json_t *fl_locs_json(struct fl_writer *writer, const struct fl_loc *locs, size_t count)
{
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, fl_loc_json(writer, &locs[i]));
	return array;
}

static json_t *fl_texts_json(const char *const *texts, size_t count)
{
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, fl_str(texts[i]));
	return array;
}

static void fl_set_irql(json_t *object, const struct fl_irql_annotation *irql)
{
	if (irql->requires_max != -1 || irql->requires_min != -1 || irql->requires_exact != -1 ||
	    irql->raises_to != -1)
		json_object_set_new(object, "irql", json_pack("[i, i, i, i]", irql->requires_max, irql->requires_min,
							      irql->requires_exact, irql->raises_to));
}

/* What a function's body does, its flow summary aside. */
static void fl_set_body(struct fl_writer *writer, json_t *object, const struct fl_function *function)
{
	fl_set_array(object, "paged_code", fl_locs_json(writer, function->paged_code, function->paged_code_count));
	json_t *cuts = json_array();
	for (size_t i = 0; i < function->paged_code_count; i++)
		json_array_append_new(cuts, fl_extent_json(&function->paged_code_cuts[i]));
	fl_set_array(object, "paged_code_cuts", cuts);
	fl_set_array(object, "calls", fl_records_json(writer, function->calls, function->call_count,
						      sizeof(struct fl_call), fl_call_json));
	fl_set_array(object, "stores", fl_records_json(writer, function->field_stores, function->field_store_count,
						       sizeof(struct fl_field_store), fl_store_json));
	fl_set_array(object, "params", fl_texts_json(function->params, function->param_count));
	json_t *returns = json_array();
	for (size_t i = 0; i < function->return_count; i++)
		json_array_append_new(returns, json_integer(function->returns[i]));
	fl_set_array(object, "returns", returns);
	fl_set_flag(object, "returns_unknown", function->returns_unknown);
}

static void fl_set_flow(json_t *object, const struct fl_function *function)
{
	json_t *flow = json_array();
	for (size_t i = 0; i < function->flow_count; i++)
		json_array_append_new(flow, fl_flow_node_json(&function->flow[i]));
	fl_set_array(object, "flow", flow);
	fl_set_number(object, "flow_entry", function->flow_entry, FL_FLOW_EXIT);
	fl_set_flag(object, "flow_incomplete", function->flow_incomplete);
}

static json_t *fl_function_json(struct fl_writer *writer, const void *item)
{
	const struct fl_function *function = item;
	json_t *object = json_object();
	fl_set_text(object, "name", function->name);
	fl_set_text(object, "key", function->key);
	fl_set_flag(object, "static", function->is_static);
	fl_set_flag(object, "forceinline", function->is_forceinline);
	fl_set_number(object, "member", function->member, FL_MEMBER_NONE);
	fl_set_loc(writer, object, "l", &function->loc);
	fl_set_loc(writer, object, "start", &function->start);
	fl_set_loc(writer, object, "body", &function->body_loc);
	fl_set_loc(writer, object, "end", &function->end_loc);
	fl_set_loc(writer, object, "first", &function->first_statement);
	fl_set_text(object, "section", function->section);
	fl_set_number(object, "section_source", function->section_source, FL_SECTION_NONE);
	fl_set_loc(writer, object, "section_l", &function->section_loc);
	fl_set_irql(object, &function->irql);
	fl_set_body(writer, object, function);
	fl_set_flow(object, function);
	return object;
}

static json_t *fl_alloc_text_json(struct fl_writer *writer, const void *item)
{
	const struct fl_alloc_text *pragma = item;
	json_t *object = json_object();
	fl_set_text(object, "section", pragma->section);
	fl_set_loc(writer, object, "l", &pragma->loc);
	if (pragma->cut.line)
		json_object_set_new(object, "cut", fl_extent_json(&pragma->cut));
	json_t *names = json_array();
	for (size_t n = 0; n < pragma->name_count; n++) {
		const struct fl_item items[] = {
			{ fl_str(pragma->names[n]), true },
			{ fl_loc_json(writer, &pragma->name_locs[n]), pragma->name_locs[n].file != NULL },
		};
		json_array_append_new(names, fl_tuple(items, 2));
	}
	fl_set_array(object, "names", names);
	return object;
}

static json_t *fl_declaration_json(struct fl_writer *writer, const void *item)
{
	const struct fl_declaration *decl = item;
	json_t *object = json_object();
	fl_set_text(object, "name", decl->name);
	fl_set_flag(object, "cxx", decl->cxx_linkage);
	fl_set_loc(writer, object, "decl", &decl->first_decl);
	fl_set_loc(writer, object, "def", &decl->definition);
	fl_set_loc(writer, object, "place", &decl->alloc_text_place);
	return object;
}

static json_t *fl_element_json(struct fl_writer *writer, const void *item)
{
	const struct fl_element *element = item;
	json_t *object = json_object();
	fl_set_loc(writer, object, "l", &element->loc);
	fl_set_loc(writer, object, "e", &element->end);
	json_t *fields = json_array();
	for (size_t i = 0; i < element->field_count; i++) {
		const struct fl_field *field = &element->fields[i];
		json_t *record = fl_valued_json(writer, &field->value, &field->loc);
		json_array_insert_new(record, 0, fl_str(field->name));
		json_array_append_new(fields, record);
	}
	fl_set_array(object, "fields", fields);
	return object;
}

static json_t *fl_initializer_json(struct fl_writer *writer, const void *item)
{
	const struct fl_initializer *init = item;
	json_t *object = json_object();
	fl_set_text(object, "var", init->variable);
	fl_set_text(object, "type", init->type);
	fl_set_text(object, "function", init->function);
	fl_set_flag(object, "array", init->is_array);
	fl_set_flag(object, "static", init->is_static);
	fl_set_loc(writer, object, "l", &init->loc);
	fl_set_array(object, "elements", fl_records_json(writer, init->elements, init->element_count,
							 sizeof(struct fl_element), fl_element_json));
	return object;
}

static json_t *fl_diagnostic_json(struct fl_writer *writer, const void *item)
{
	const struct fl_diagnostic *diagnostic = item;
	json_t *object = json_object();
	fl_set_loc(writer, object, "l", &diagnostic->loc);
	fl_set_flag(object, "error", diagnostic->is_error);
	fl_set_text(object, "message", diagnostic->message);
	return object;
}

/* "macros": {"nx_optin": v, "nx_optin_at": loc, "nx_optin_auto": v, "ntddi": v}, left out when all are 0. */
static void fl_set_macros(struct fl_writer *writer, json_t *unit, const struct fl_unit_macros *macros)
{
	json_t *object = json_object();
	fl_set_number(object, "nx_optin", macros->pool_nx_optin, 0);
	fl_set_loc(writer, object, "nx_optin_at", &macros->pool_nx_optin_loc);
	fl_set_number(object, "nx_optin_auto", macros->pool_nx_optin_auto, 0);
	fl_set_number(object, "ntddi", macros->ntddi_version, 0);
	if (json_object_size(object))
		json_object_set_new(unit, "macros", object);
	else
		json_decref(object);
}

json_t *fl_facts_to_json(const struct fl_tu_facts *facts)
{
	struct fl_writer writer = { .path = facts->path, .files = json_array() };
	json_t *object = json_pack("{s:i, s:o}", "format", FL_FACTS_FORMAT, "path", fl_str(facts->path));
	fl_set_text(object, "hash", facts->source_hash);
	fl_set_array(object, "functions",
		     fl_records_json(&writer, facts->functions, facts->function_count, sizeof(struct fl_function),
				     fl_function_json));
	fl_set_array(object, "alloc_texts",
		     fl_records_json(&writer, facts->alloc_texts, facts->alloc_text_count,
				     sizeof(struct fl_alloc_text), fl_alloc_text_json));
	fl_set_array(object, "declarations",
		     fl_records_json(&writer, facts->declarations, facts->declaration_count,
				     sizeof(struct fl_declaration), fl_declaration_json));
	fl_set_array(object, "initializers",
		     fl_records_json(&writer, facts->initializers, facts->initializer_count,
				     sizeof(struct fl_initializer), fl_initializer_json));
	fl_set_array(object, "diagnostics",
		     fl_records_json(&writer, facts->diagnostics, facts->diagnostic_count,
				     sizeof(struct fl_diagnostic), fl_diagnostic_json));
	fl_set_number(object, "errors", (long long)facts->error_count, 0);
	fl_set_macros(&writer, object, &facts->macros);
	fl_set_array(object, "includes", fl_texts_json((const char *const *)facts->includes, facts->include_count));
	fl_set_array(object, "files", writer.files);
	return object;
}
