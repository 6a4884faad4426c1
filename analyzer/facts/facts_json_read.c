/* Facts as JSON, the reading side (the format: facts_json.c).
 *
 * Each reader takes a slot (the value, and its name for a message) and stops
 * at the first surprise: it says what is wrong (fl_problem, or a check such
 * as fl_is_object) and adds its slot to where it is (fl_inside), so that the
 * path is whole once the outermost reader returns.  Both return false, hence
 * `return fl_problem(...) || fl_inside(reader, slot);`. */

#include "facts/facts_json.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct fl_reader {
	struct fl_tu_facts *facts; /* being read: strings go to its table */
	size_t file_count;         /* "files", read first */
	const char **files;
	char *problem;
	char *where; /* ".functions[2].calls[0].l" */
};

/* A value to read: a member of an object or a position in an array. */
struct fl_slot {
	const json_t *json; /* NULL when left out: the default */
	const char *key;    /* the member's name; NULL for a position */
	size_t index;
};

static struct fl_slot fl_member(const json_t *object, const char *key)
{
	return (struct fl_slot){ .json = json_object_get(object, key), .key = key };
}

static struct fl_slot fl_position(const json_t *array, size_t index)
{
	return (struct fl_slot){ .json = json_array_get(array, index), .index = index };
}

static bool fl_problem(struct fl_reader *reader, const char *format, ...) __attribute__((format(printf, 2, 3)));
static bool fl_problem(struct fl_reader *reader, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	free(reader->problem);
	reader->problem = fl_xvasprintf(format, args);
	va_end(args);
	return false;
}

static bool fl_inside(struct fl_reader *reader, struct fl_slot slot)
{
	const char *after = reader->where ? reader->where : "";
	char *where = slot.key ? fl_xasprintf(".%s%s", slot.key, after) : fl_xasprintf("[%zu]%s", slot.index, after);
	free(reader->where);
	reader->where = where;
	return false;
}

static const char *fl_json_kind(const json_t *json)
{
	switch (json_typeof(json)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a real number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/* `json` (NULL: left out) is not the `expected` kind of value. */
static bool fl_expected(struct fl_reader *reader, const json_t *json, const char *expected)
{
	return fl_problem(reader, "expected %s, found %s", expected, json ? fl_json_kind(json) : "nothing");
}

static bool fl_is_object(struct fl_reader *reader, const json_t *json)
{
	return json_is_object(json) || fl_expected(reader, json, "an object");
}

/* An array of `min` to `max` items: a positional record. */
static bool fl_is_tuple(struct fl_reader *reader, const json_t *json, size_t min, size_t max)
{
	if (!json_is_array(json))
		return fl_expected(reader, json, "an array");
	size_t size = json_array_size(json);
	return (size >= min && size <= max) ||
	       fl_problem(reader, "expected %zu to %zu items, found %zu", min, max, size);
}

/* An integer from `low` to `high`; `fallback` when left out. */
static bool fl_read_number(struct fl_reader *reader, struct fl_slot slot, long long low, long long high,
			   long long fallback, long long *out)
{
	*out = fallback;
	if (!slot.json)
		return true;
	if (!json_is_integer(slot.json))
		return fl_expected(reader, slot.json, "an integer") || fl_inside(reader, slot);
	long long number = json_integer_value(slot.json);
	if (number < low || number > high)
		return fl_problem(reader, "%lld is out of range (%lld to %lld)", number, low, high) ||
		       fl_inside(reader, slot);
	*out = number;
	return true;
}

static bool fl_read_int(struct fl_reader *reader, struct fl_slot slot, int low, int high, int fallback, int *out)
{
	long long number;
	bool ok = fl_read_number(reader, slot, low, high, fallback, &number);
	*out = (int)number;
	return ok;
}

static bool fl_read_unsigned(struct fl_reader *reader, struct fl_slot slot, unsigned *out)
{
	long long number;
	bool ok = fl_read_number(reader, slot, 0, UINT_MAX, 0, &number);
	*out = (unsigned)number;
	return ok;
}

static bool fl_read_flag(struct fl_reader *reader, struct fl_slot slot, bool *out)
{
	*out = json_is_true(slot.json);
	return !slot.json || json_is_boolean(slot.json) || fl_expected(reader, slot.json, "a boolean") ||
	       fl_inside(reader, slot);
}

/* A string, or NULL when left out or null; the unit's copy. */
static bool fl_read_optional_string(struct fl_reader *reader, struct fl_slot slot, const char **out)
{
	*out = NULL;
	if (!slot.json || json_is_null(slot.json))
		return true;
	if (!json_is_string(slot.json))
		return fl_expected(reader, slot.json, "a string") || fl_inside(reader, slot);
	*out = fl_facts_string(reader->facts, json_string_value(slot.json));
	return true;
}

static bool fl_read_string(struct fl_reader *reader, struct fl_slot slot, const char **out)
{
	if (!fl_read_optional_string(reader, slot, out))
		return false;
	return *out || fl_expected(reader, slot.json, "a string") || fl_inside(reader, slot);
}

/* An index into the unit's list of other files. */
static bool fl_read_listed_file(struct fl_reader *reader, struct fl_slot slot, const char **file)
{
	long long index;
	if (!fl_read_number(reader, slot, 0, LLONG_MAX, 0, &index))
		return false;
	if ((unsigned long long)index >= reader->file_count)
		return fl_problem(reader, "file %lld is not in the unit's list of %zu other files", index,
				  reader->file_count) ||
		       fl_inside(reader, slot);
	*file = reader->files[index];
	return true;
}

static bool fl_read_loc(struct fl_reader *reader, struct fl_slot slot, struct fl_loc *loc)
{
	*loc = (struct fl_loc){ 0 };
	if (!slot.json || json_is_null(slot.json))
		return true;
	const json_t *json = slot.json;
	size_t has_file = json_array_size(json) == 3; /* [file, line, column] */
	loc->file = reader->facts->path;
	bool ok = fl_is_tuple(reader, json, 2, 3) &&
		  (!has_file || fl_read_listed_file(reader, fl_position(json, 0), &loc->file)) &&
		  fl_read_unsigned(reader, fl_position(json, has_file), &loc->line) &&
		  fl_read_unsigned(reader, fl_position(json, has_file + 1), &loc->column);
	return ok || fl_inside(reader, slot);
}

typedef bool (*fl_item_reader)(struct fl_reader *reader, struct fl_slot slot, void *item);

/* Allocates *items for the array in `slot` (none when left out) and reads
 * each element with `read`.  *count covers every element even on failure, so
 * that fl_tu_facts_clear releases what was read. */
static bool fl_read_array(struct fl_reader *reader, struct fl_slot slot, void *items, size_t *count, size_t size,
			  fl_item_reader read)
{
	void **array = items;
	*array = NULL;
	*count = 0;
	if (!slot.json)
		return true;
	if (!json_is_array(slot.json))
		return fl_expected(reader, slot.json, "an array") || fl_inside(reader, slot);
	*count = json_array_size(slot.json);
	*array = *count ? fl_xcalloc(*count, size) : NULL;
	for (size_t i = 0; i < *count; i++)
		if (!read(reader, fl_position(slot.json, i), (char *)*array + i * size))
			return fl_inside(reader, slot);
	return true;
}

static bool fl_read_extent(struct fl_reader *reader, struct fl_slot slot, struct fl_extent *span)
{
	*span = (struct fl_extent){ 0 };
	if (!slot.json || json_is_null(slot.json))
		return true;
	const json_t *json = slot.json;
	bool ok = fl_is_tuple(reader, json, 4, 4) && fl_read_unsigned(reader, fl_position(json, 0), &span->line) &&
		  fl_read_unsigned(reader, fl_position(json, 1), &span->column) &&
		  fl_read_unsigned(reader, fl_position(json, 2), &span->end_line) &&
		  fl_read_unsigned(reader, fl_position(json, 3), &span->end_column);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_value(struct fl_reader *reader, struct fl_slot slot, struct fl_value *value)
{
	const json_t *json = slot.json;
	int kind = FL_VALUE_UNKNOWN;
	long long known_set = 0, known_clear = 0;
	bool ok = fl_is_tuple(reader, json, 1, 12) &&
		  fl_read_int(reader, fl_position(json, 0), FL_VALUE_UNKNOWN, FL_VALUE_STRING, FL_VALUE_UNKNOWN,
			      &kind) &&
		  fl_read_optional_string(reader, fl_position(json, 1), &value->text) &&
		  fl_read_number(reader, fl_position(json, 2), LLONG_MIN, LLONG_MAX, 0, &value->integer) &&
		  fl_read_optional_string(reader, fl_position(json, 3), &value->name) &&
		  fl_read_optional_string(reader, fl_position(json, 4), &value->key) &&
		  fl_read_flag(reader, fl_position(json, 5), &value->address_of) &&
		  fl_read_flag(reader, fl_position(json, 6), &value->via_variable) &&
		  fl_read_number(reader, fl_position(json, 7), LLONG_MIN, LLONG_MAX, 0, &known_set) &&
		  fl_read_number(reader, fl_position(json, 8), LLONG_MIN, LLONG_MAX, 0, &known_clear) &&
		  fl_read_extent(reader, fl_position(json, 9), &value->extent) &&
		  fl_read_flag(reader, fl_position(json, 10), &value->local) &&
		  fl_read_flag(reader, fl_position(json, 11), &value->of_this);
	value->kind = (enum fl_value_kind)kind;
	value->known_set = (unsigned long long)known_set;
	value->known_clear = (unsigned long long)known_clear;
	return ok || fl_inside(reader, slot);
}

static bool fl_read_arg(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_arg *arg = item;
	bool ok = fl_is_tuple(reader, slot.json, 1, 2) &&
		  fl_read_value(reader, fl_position(slot.json, 0), &arg->value) &&
		  fl_read_loc(reader, fl_position(slot.json, 1), &arg->loc);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_call(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_call *call = item;
	const json_t *json = slot.json;
	bool ok = fl_is_object(reader, json) &&
		  fl_read_optional_string(reader, fl_member(json, "callee"), &call->callee) &&
		  fl_read_optional_string(reader, fl_member(json, "key"), &call->callee_key) &&
		  fl_read_optional_string(reader, fl_member(json, "obj"), &call->object) &&
		  fl_read_loc(reader, fl_member(json, "l"), &call->loc) &&
		  fl_read_array(reader, fl_member(json, "args"), &call->args, &call->arg_count, sizeof(*call->args),
				fl_read_arg);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_loc_item(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	return fl_read_loc(reader, slot, item);
}

static bool fl_read_string_item(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	return fl_read_string(reader, slot, item);
}

static bool fl_read_return(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	return fl_read_number(reader, slot, LLONG_MIN, LLONG_MAX, 0, item);
}

static bool fl_read_irql(struct fl_reader *reader, struct fl_slot slot, struct fl_irql_annotation *irql)
{
	int *levels[] = { &irql->requires_max, &irql->requires_min, &irql->requires_exact, &irql->raises_to };
	bool ok = !slot.json || fl_is_tuple(reader, slot.json, 4, 4);
	for (size_t i = 0; i < 4 && ok; i++)
		ok = fl_read_int(reader, fl_position(slot.json, i), -1, 31, -1, levels[i]);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_store(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_field_store *store = item;
	const json_t *json = slot.json;
	int op = FL_STORE_ASSIGN;
	bool ok = fl_is_object(reader, json) && fl_read_string(reader, fl_member(json, "type"), &store->type) &&
		  fl_read_string(reader, fl_member(json, "field"), &store->field) &&
		  fl_read_optional_string(reader, fl_member(json, "base"), &store->base) &&
		  fl_read_int(reader, fl_member(json, "param"), -1, 255, -1, &store->base_param) &&
		  fl_read_int(reader, fl_member(json, "op"), FL_STORE_ASSIGN, FL_STORE_AND, FL_STORE_ASSIGN, &op) &&
		  fl_read_value(reader, fl_member(json, "v"), &store->value) &&
		  fl_read_loc(reader, fl_member(json, "l"), &store->loc);
	store->op = (enum fl_store_op)op;
	return ok || fl_inside(reader, slot);
}

/* One flow node; its edges and call index are checked against the whole
 * function once every node is read (fl_check_flow). */
static bool fl_read_flow_node(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_flow_node *node = item;
	const json_t *json = slot.json;
	int kind = FL_FLOW_NOP, source_kind = FL_FLOW_SOURCE_OTHER, test = FL_FLOW_TEST_UNKNOWN;
	bool ok = fl_is_tuple(reader, json, 4, 14) &&
		  fl_read_int(reader, fl_position(json, 0), FL_FLOW_NOP, FL_FLOW_RETURN, FL_FLOW_NOP, &kind) &&
		  fl_read_int(reader, fl_position(json, 1), FL_FLOW_EXIT, INT_MAX, FL_FLOW_EXIT, &node->next) &&
		  fl_read_unsigned(reader, fl_position(json, 2), &node->line) &&
		  fl_read_unsigned(reader, fl_position(json, 3), &node->column) &&
		  fl_read_int(reader, fl_position(json, 4), FL_FLOW_EXIT, INT_MAX, FL_FLOW_EXIT, &node->other) &&
		  fl_read_int(reader, fl_position(json, 5), -1, INT_MAX, -1, &node->call) &&
		  fl_read_flag(reader, fl_position(json, 6), &node->system_callee) &&
		  fl_read_optional_string(reader, fl_position(json, 7), &node->var) &&
		  fl_read_int(reader, fl_position(json, 8), FL_FLOW_SOURCE_OTHER, FL_FLOW_SOURCE_CONSTANT,
			      FL_FLOW_SOURCE_OTHER, &source_kind) &&
		  fl_read_optional_string(reader, fl_position(json, 9), &node->source) &&
		  fl_read_int(reader, fl_position(json, 10), FL_FLOW_TEST_UNKNOWN, FL_FLOW_TEST_AT_MOST,
			      FL_FLOW_TEST_UNKNOWN, &test) &&
		  fl_read_number(reader, fl_position(json, 11), LLONG_MIN, LLONG_MAX, 0, &node->value) &&
		  fl_read_int(reader, fl_position(json, 12), -1, 255, -1, &node->param) &&
		  fl_read_optional_string(reader, fl_position(json, 13), &node->field);
	node->kind = (enum fl_flow_kind)kind;
	node->source_kind = (enum fl_flow_source)source_kind;
	node->test = (enum fl_flow_test)test;
	return ok || fl_inside(reader, slot);
}

/* What is wrong with a node of `function`'s flow, or NULL. */
static const char *fl_flow_node_problem(const struct fl_function *function, const struct fl_flow_node *node)
{
	long long count = (long long)function->flow_count;
	if (node->next >= count || node->other >= count)
		return "an edge leads past the last node";
	if (node->call >= (long long)function->call_count)
		return "it names a call the function does not make";
	if (node->kind == FL_FLOW_CALL && node->call < 0)
		return "a call node names no call";
	if (node->kind == FL_FLOW_USE && !node->var)
		return "a use of no variable";
	if (node->kind == FL_FLOW_ASSIGN && (node->source_kind == FL_FLOW_SOURCE_VARIABLE) != (node->source != NULL))
		return "an assignment's source variable and source kind disagree";
	return NULL;
}

/* Every edge lands on a node or the exit, every call index names a call,
 * and each kind has what it needs. */
static bool fl_check_flow(struct fl_reader *reader, const json_t *json, const struct fl_function *function)
{
	struct fl_slot flow = fl_member(json, "flow");
	if (function->flow_count > FL_FLOW_MAX_NODES)
		return fl_problem(reader, "%zu nodes, more than a summary holds (%d)", function->flow_count,
				  FL_FLOW_MAX_NODES) ||
		       fl_inside(reader, flow);
	if (function->flow_entry >= (long long)function->flow_count)
		return fl_problem(reader, "no node %d in a flow of %zu", function->flow_entry, function->flow_count) ||
		       fl_inside(reader, fl_member(json, "flow_entry"));
	for (size_t i = 0; i < function->flow_count; i++) {
		const char *problem = fl_flow_node_problem(function, &function->flow[i]);
		if (problem)
			return fl_problem(reader, "%s", problem) || fl_inside(reader, fl_position(flow.json, i)) ||
			       fl_inside(reader, flow);
	}
	return true;
}

/* A function's name, link key and placement. */
static bool fl_read_function_head(struct fl_reader *reader, const json_t *json, struct fl_function *function)
{
	int section_source = FL_SECTION_NONE, member = FL_MEMBER_NONE;
	bool ok = fl_read_string(reader, fl_member(json, "name"), &function->name) &&
		  fl_read_string(reader, fl_member(json, "key"), &function->key) &&
		  fl_read_flag(reader, fl_member(json, "static"), &function->is_static) &&
		  fl_read_flag(reader, fl_member(json, "forceinline"), &function->is_forceinline) &&
		  fl_read_int(reader, fl_member(json, "member"), FL_MEMBER_NONE, FL_MEMBER_DESTRUCTOR, FL_MEMBER_NONE,
			      &member) &&
		  fl_read_loc(reader, fl_member(json, "l"), &function->loc) &&
		  fl_read_loc(reader, fl_member(json, "start"), &function->start) &&
		  fl_read_loc(reader, fl_member(json, "body"), &function->body_loc) &&
		  fl_read_loc(reader, fl_member(json, "end"), &function->end_loc) &&
		  fl_read_loc(reader, fl_member(json, "first"), &function->first_statement) &&
		  fl_read_optional_string(reader, fl_member(json, "section"), &function->section) &&
		  fl_read_int(reader, fl_member(json, "section_source"), FL_SECTION_NONE, FL_SECTION_DECLSPEC,
			      FL_SECTION_NONE, &section_source) &&
		  fl_read_loc(reader, fl_member(json, "section_l"), &function->section_loc) &&
		  fl_read_irql(reader, fl_member(json, "irql"), &function->irql);
	function->section_source = (enum fl_section_source)section_source;
	function->member = (enum fl_member_kind)member;
	return ok;
}

static bool fl_read_extent_item(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	return fl_read_extent(reader, slot, item);
}

/* One cut per assertion. */
static bool fl_read_paged_code_cuts(struct fl_reader *reader, struct fl_slot slot, struct fl_function *function)
{
	size_t count;
	if (!fl_read_array(reader, slot, &function->paged_code_cuts, &count, sizeof(struct fl_extent),
			   fl_read_extent_item))
		return false;
	return count == function->paged_code_count ||
	       fl_problem(reader, "%zu PAGED_CODE cuts for %zu assertions", count, function->paged_code_count) ||
	       fl_inside(reader, slot);
}

/* What a function's body does, its flow summary aside. */
static bool fl_read_function_body(struct fl_reader *reader, const json_t *json, struct fl_function *function)
{
	return fl_read_array(reader, fl_member(json, "paged_code"), &function->paged_code,
			     &function->paged_code_count, sizeof(struct fl_loc), fl_read_loc_item) &&
	       fl_read_paged_code_cuts(reader, fl_member(json, "paged_code_cuts"), function) &&
	       fl_read_array(reader, fl_member(json, "calls"), &function->calls, &function->call_count,
			     sizeof(struct fl_call), fl_read_call) &&
	       fl_read_array(reader, fl_member(json, "stores"), &function->field_stores,
			     &function->field_store_count, sizeof(struct fl_field_store), fl_read_store) &&
	       fl_read_array(reader, fl_member(json, "params"), &function->params, &function->param_count,
			     sizeof(char *), fl_read_string_item) &&
	       fl_read_array(reader, fl_member(json, "returns"), &function->returns, &function->return_count,
			     sizeof(long long), fl_read_return) &&
	       fl_read_flag(reader, fl_member(json, "returns_unknown"), &function->returns_unknown);
}

/* The flow summary, read after the calls its nodes name. */
static bool fl_read_flow(struct fl_reader *reader, const json_t *json, struct fl_function *function)
{
	return fl_read_array(reader, fl_member(json, "flow"), &function->flow, &function->flow_count,
			     sizeof(struct fl_flow_node), fl_read_flow_node) &&
	       fl_read_int(reader, fl_member(json, "flow_entry"), FL_FLOW_EXIT, INT_MAX, FL_FLOW_EXIT,
			   &function->flow_entry) &&
	       fl_read_flag(reader, fl_member(json, "flow_incomplete"), &function->flow_incomplete) &&
	       fl_check_flow(reader, json, function);
}

static bool fl_read_function(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_function *function = item;
	bool ok = fl_is_object(reader, slot.json) && fl_read_function_head(reader, slot.json, function) &&
		  fl_read_function_body(reader, slot.json, function) && fl_read_flow(reader, slot.json, function);
	return ok || fl_inside(reader, slot);
}

/* The [name, location] pairs of an alloc_text, into its parallel arrays. */
static bool fl_read_pragma_names(struct fl_reader *reader, struct fl_slot slot, struct fl_alloc_text *pragma)
{
	if (slot.json && !json_is_array(slot.json))
		return fl_expected(reader, slot.json, "an array") || fl_inside(reader, slot);
	pragma->name_count = json_array_size(slot.json);
	if (!pragma->name_count)
		return true;
	pragma->names = fl_xcalloc(pragma->name_count, sizeof(char *));
	pragma->name_locs = fl_xcalloc(pragma->name_count, sizeof(struct fl_loc));
	for (size_t i = 0; i < pragma->name_count; i++) {
		struct fl_slot pair = fl_position(slot.json, i);
		bool ok = fl_is_tuple(reader, pair.json, 1, 2) &&
			  fl_read_string(reader, fl_position(pair.json, 0), &pragma->names[i]) &&
			  fl_read_loc(reader, fl_position(pair.json, 1), &pragma->name_locs[i]);
		if (!ok)
			return fl_inside(reader, pair) || fl_inside(reader, slot);
	}
	return true;
}

static bool fl_read_alloc_text(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_alloc_text *pragma = item;
	const json_t *json = slot.json;
	bool ok = fl_is_object(reader, json) && fl_read_string(reader, fl_member(json, "section"), &pragma->section) &&
		  fl_read_loc(reader, fl_member(json, "l"), &pragma->loc) &&
		  fl_read_extent(reader, fl_member(json, "cut"), &pragma->cut) &&
		  fl_read_pragma_names(reader, fl_member(json, "names"), pragma);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_declaration(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_declaration *decl = item;
	const json_t *json = slot.json;
	bool ok = fl_is_object(reader, json) && fl_read_string(reader, fl_member(json, "name"), &decl->name) &&
		  fl_read_flag(reader, fl_member(json, "cxx"), &decl->cxx_linkage) &&
		  fl_read_loc(reader, fl_member(json, "decl"), &decl->first_decl) &&
		  fl_read_loc(reader, fl_member(json, "def"), &decl->definition) &&
		  fl_read_loc(reader, fl_member(json, "place"), &decl->alloc_text_place);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_field(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_field *field = item;
	const json_t *json = slot.json;
	bool ok = fl_is_tuple(reader, json, 2, 3) && fl_read_string(reader, fl_position(json, 0), &field->name) &&
		  fl_read_value(reader, fl_position(json, 1), &field->value) &&
		  fl_read_loc(reader, fl_position(json, 2), &field->loc);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_element(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_element *element = item;
	const json_t *json = slot.json;
	bool ok = fl_is_object(reader, json) && fl_read_loc(reader, fl_member(json, "l"), &element->loc) &&
		  fl_read_loc(reader, fl_member(json, "e"), &element->end) &&
		  fl_read_array(reader, fl_member(json, "fields"), &element->fields, &element->field_count,
				sizeof(struct fl_field), fl_read_field);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_initializer(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_initializer *init = item;
	const json_t *json = slot.json;
	bool ok = fl_is_object(reader, json) && fl_read_string(reader, fl_member(json, "var"), &init->variable) &&
		  fl_read_string(reader, fl_member(json, "type"), &init->type) &&
		  fl_read_optional_string(reader, fl_member(json, "function"), &init->function) &&
		  fl_read_flag(reader, fl_member(json, "array"), &init->is_array) &&
		  fl_read_flag(reader, fl_member(json, "static"), &init->is_static) &&
		  fl_read_loc(reader, fl_member(json, "l"), &init->loc) &&
		  fl_read_array(reader, fl_member(json, "elements"), &init->elements, &init->element_count,
				sizeof(struct fl_element), fl_read_element);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_diagnostic(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	struct fl_diagnostic *diagnostic = item;
	const json_t *json = slot.json;
	bool ok = fl_is_object(reader, json) && fl_read_loc(reader, fl_member(json, "l"), &diagnostic->loc) &&
		  fl_read_flag(reader, fl_member(json, "error"), &diagnostic->is_error) &&
		  fl_read_string(reader, fl_member(json, "message"), &diagnostic->message);
	return ok || fl_inside(reader, slot);
}

/* Includes are the unit's own strings, one by one (facts.h). */
static bool fl_read_include(struct fl_reader *reader, struct fl_slot slot, void *item)
{
	if (!json_is_string(slot.json))
		return fl_expected(reader, slot.json, "a string") || fl_inside(reader, slot);
	*(char **)item = fl_xstrdup(json_string_value(slot.json));
	return true;
}

static bool fl_read_macros(struct fl_reader *reader, struct fl_slot slot, struct fl_unit_macros *macros)
{
	if (!slot.json)
		return true;
	const json_t *json = slot.json;
	bool ok = fl_is_object(reader, json) &&
		  fl_read_number(reader, fl_member(json, "nx_optin"), LLONG_MIN, LLONG_MAX, 0, &macros->pool_nx_optin) &&
		  fl_read_loc(reader, fl_member(json, "nx_optin_at"), &macros->pool_nx_optin_loc) &&
		  fl_read_number(reader, fl_member(json, "nx_optin_auto"), LLONG_MIN, LLONG_MAX, 0,
				 &macros->pool_nx_optin_auto) &&
		  fl_read_number(reader, fl_member(json, "ntddi"), LLONG_MIN, LLONG_MAX, 0, &macros->ntddi_version);
	return ok || fl_inside(reader, slot);
}

static bool fl_read_unit(struct fl_reader *reader, const json_t *json)
{
	struct fl_tu_facts *facts = reader->facts;
	long long errors = 0;
	bool ok = fl_read_string(reader, fl_member(json, "path"), &facts->path) &&
		  fl_read_optional_string(reader, fl_member(json, "hash"), &facts->source_hash) &&
		  fl_read_array(reader, fl_member(json, "files"), &reader->files, &reader->file_count, sizeof(char *),
				fl_read_string_item) &&
		  fl_read_array(reader, fl_member(json, "functions"), &facts->functions, &facts->function_count,
				sizeof(struct fl_function), fl_read_function) &&
		  fl_read_array(reader, fl_member(json, "alloc_texts"), &facts->alloc_texts, &facts->alloc_text_count,
				sizeof(struct fl_alloc_text), fl_read_alloc_text) &&
		  fl_read_array(reader, fl_member(json, "declarations"), &facts->declarations,
				&facts->declaration_count, sizeof(struct fl_declaration), fl_read_declaration) &&
		  fl_read_array(reader, fl_member(json, "initializers"), &facts->initializers,
				&facts->initializer_count, sizeof(struct fl_initializer), fl_read_initializer) &&
		  fl_read_array(reader, fl_member(json, "diagnostics"), &facts->diagnostics, &facts->diagnostic_count,
				sizeof(struct fl_diagnostic), fl_read_diagnostic) &&
		  fl_read_number(reader, fl_member(json, "errors"), 0, LLONG_MAX, 0, &errors) &&
		  fl_read_macros(reader, fl_member(json, "macros"), &facts->macros) &&
		  fl_read_array(reader, fl_member(json, "includes"), &facts->includes, &facts->include_count,
				sizeof(char *), fl_read_include);
	facts->error_count = (size_t)errors;
	return ok;
}

struct fl_tu_facts *fl_facts_from_json(const json_t *json, char **error)
{
	*error = NULL;
	const json_t *format = json_object_get(json, "format");
	if (!json_is_integer(format)) {
		*error = fl_xstrdup("not fltlint facts (no format number)");
		return NULL;
	}
	if (json_integer_value(format) != FL_FACTS_FORMAT) {
		*error = fl_xasprintf("facts of format %lld; this fltlint reads format %d",
				      (long long)json_integer_value(format), FL_FACTS_FORMAT);
		return NULL;
	}
	struct fl_reader reader = { .facts = fl_xcalloc(1, sizeof(struct fl_tu_facts)) };
	if (!fl_read_unit(&reader, json)) {
		const char *where = reader.where ? reader.where + (reader.where[0] == '.') : "";
		*error = fl_xasprintf("malformed facts: %s: %s", where, reader.problem);
		fl_tu_facts_free(reader.facts);
		reader.facts = NULL;
	}
	free(reader.files);
	free(reader.problem);
	free(reader.where);
	return reader.facts;
}
