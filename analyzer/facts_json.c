#include "facts_json.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- writing ---- */

static json_t *fl_str(const char *text)
{
	return text ? json_string(text) : json_null();
}

static json_t *fl_loc_json(const struct fl_loc *loc)
{
	return json_pack("[o, i, i]", fl_str(loc->file), (json_int_t)loc->line, (json_int_t)loc->column);
}

static json_t *fl_value_json(const struct fl_value *value)
{
	return json_pack("{s:i, s:I, s:o, s:o, s:b, s:b, s:o}", "k", (int)value->kind,
			 "i", (json_int_t)value->integer, "n", fl_str(value->name), "key",
			 fl_str(value->key), "a", value->address_of, "v", value->via_variable,
			 "t", fl_str(value->text));
}

static json_t *fl_call_json(const struct fl_call *call)
{
	json_t *args = json_array();
	for (size_t i = 0; i < call->arg_count; i++)
		json_array_append_new(args, json_pack("{s:o, s:o}", "v", fl_value_json(&call->args[i].value),
						      "l", fl_loc_json(&call->args[i].loc)));
	return json_pack("{s:o, s:o, s:o, s:o}", "callee", fl_str(call->callee), "key",
			 fl_str(call->callee_key), "l", fl_loc_json(&call->loc), "args", args);
}

static json_t *fl_locs_json(const struct fl_loc *locs, size_t count)
{
	json_t *array = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(array, fl_loc_json(&locs[i]));
	return array;
}

static json_t *fl_store_json(const struct fl_field_store *store)
{
	return json_pack("{s:o, s:o, s:o, s:i, s:i, s:o, s:o}", "type", fl_str(store->type), "field",
			 fl_str(store->field), "base", fl_str(store->base), "param", store->base_param,
			 "op", (int)store->op, "v", fl_value_json(&store->value), "l", fl_loc_json(&store->loc));
}

static json_t *fl_flow_node_json(const struct fl_flow_node *node)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:o, s:i, s:o, s:i, s:I, s:b, s:[i,i]}", "k", (int)node->kind,
			 "n", node->next, "o", node->other, "c", node->call, "v", fl_str(node->var),
			 "sk", (int)node->source_kind, "s", fl_str(node->source), "t", (int)node->test,
			 "x", (json_int_t)node->value, "sys", node->system_callee,
			 "p", (json_int_t)node->line, (json_int_t)node->column);
}

static json_t *fl_function_json(const struct fl_function *function)
{
	json_t *calls = json_array();
	for (size_t i = 0; i < function->call_count; i++)
		json_array_append_new(calls, fl_call_json(&function->calls[i]));
	json_t *stores = json_array();
	for (size_t i = 0; i < function->field_store_count; i++)
		json_array_append_new(stores, fl_store_json(&function->field_stores[i]));
	json_t *params = json_array();
	for (size_t i = 0; i < function->param_count; i++)
		json_array_append_new(params, fl_str(function->params[i]));
	json_t *returns = json_array();
	for (size_t i = 0; i < function->return_count; i++)
		json_array_append_new(returns, json_integer(function->returns[i]));
	const struct fl_irql_annotation *irql = &function->irql;
	json_t *packed = json_pack("{s:o, s:o, s:b, s:b, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:o, s:o, s:b, s:[i,i,i,i]}",
			 "name", fl_str(function->name), "key", fl_str(function->key),
			 "static", function->is_static, "forceinline", function->is_forceinline,
			 "l", fl_loc_json(&function->loc), "body", fl_loc_json(&function->body_loc),
			 "end", fl_loc_json(&function->end_loc), "section", fl_str(function->section),
			 "section_source", (int)function->section_source,
			 "section_l", fl_loc_json(&function->section_loc),
			 "paged_code", fl_locs_json(function->paged_code, function->paged_code_count),
			 "calls", calls, "returns", returns, "returns_unknown", function->returns_unknown,
			 "irql", irql->requires_max, irql->requires_min, irql->requires_exact, irql->raises_to);
	json_object_set_new(packed, "stores", stores);
	json_object_set_new(packed, "params", params);
	json_t *flow = json_array();
	for (size_t i = 0; i < function->flow_count; i++)
		json_array_append_new(flow, fl_flow_node_json(&function->flow[i]));
	json_object_set_new(packed, "flow", flow);
	json_object_set_new(packed, "flow_entry", json_integer(function->flow_entry));
	json_object_set_new(packed, "flow_incomplete", json_boolean(function->flow_incomplete));
	return packed;
}

static json_t *fl_element_json(const struct fl_element *element)
{
	json_t *fields = json_array();
	for (size_t i = 0; i < element->field_count; i++)
		json_array_append_new(fields, json_pack("{s:o, s:o, s:o}", "name", fl_str(element->fields[i].name),
							"v", fl_value_json(&element->fields[i].value),
							"l", fl_loc_json(&element->fields[i].loc)));
	return json_pack("{s:o, s:o}", "l", fl_loc_json(&element->loc), "fields", fields);
}

json_t *fl_facts_to_json(const struct fl_tu_facts *facts)
{
	json_t *functions = json_array();
	for (size_t i = 0; i < facts->function_count; i++)
		json_array_append_new(functions, fl_function_json(&facts->functions[i]));
	json_t *pragmas = json_array();
	for (size_t i = 0; i < facts->alloc_text_count; i++) {
		const struct fl_alloc_text *pragma = &facts->alloc_texts[i];
		json_t *names = json_array();
		for (size_t n = 0; n < pragma->name_count; n++)
			json_array_append_new(names, json_pack("{s:o, s:o}", "name", fl_str(pragma->names[n]),
							       "l", fl_loc_json(&pragma->name_locs[n])));
		json_array_append_new(pragmas, json_pack("{s:o, s:o, s:o}", "section", fl_str(pragma->section),
							 "l", fl_loc_json(&pragma->loc), "names", names));
	}
	json_t *declarations = json_array();
	for (size_t i = 0; i < facts->declaration_count; i++) {
		const struct fl_declaration *decl = &facts->declarations[i];
		json_array_append_new(declarations, json_pack("{s:o, s:o, s:o}", "name", fl_str(decl->name),
							      "decl", fl_loc_json(&decl->first_decl),
							      "def", fl_loc_json(&decl->definition)));
	}
	json_t *initializers = json_array();
	for (size_t i = 0; i < facts->initializer_count; i++) {
		const struct fl_initializer *init = &facts->initializers[i];
		json_t *elements = json_array();
		for (size_t e = 0; e < init->element_count; e++)
			json_array_append_new(elements, fl_element_json(&init->elements[e]));
		json_array_append_new(initializers,
				      json_pack("{s:o, s:o, s:o, s:b, s:b, s:o, s:o}", "var", fl_str(init->variable),
						"type", fl_str(init->type), "function", fl_str(init->function),
						"array", init->is_array, "static", init->is_static,
						"l", fl_loc_json(&init->loc), "elements", elements));
	}
	json_t *diagnostics = json_array();
	for (size_t i = 0; i < facts->diagnostic_count; i++)
		json_array_append_new(diagnostics,
				      json_pack("{s:o, s:b, s:o}", "l", fl_loc_json(&facts->diagnostics[i].loc),
						"error", facts->diagnostics[i].is_error,
						"message", fl_str(facts->diagnostics[i].message)));
	json_t *packed = json_pack("{s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:I}", "format", FL_FACTS_FORMAT,
			 "path", fl_str(facts->path), "functions", functions, "alloc_texts", pragmas,
			 "declarations", declarations, "initializers", initializers,
			 "diagnostics", diagnostics, "errors", (json_int_t)facts->error_count);
	json_t *includes = json_array();
	for (size_t i = 0; i < facts->include_count; i++)
		json_array_append_new(includes, fl_str(facts->includes[i]));
	json_object_set_new(packed, "includes", includes);
	return packed;
}

/* ---- reading ----
 * Every reader checks shapes and types and fails on the first surprise. */

static bool fl_read_str(const json_t *json, char **out)
{
	if (json_is_null(json)) {
		*out = NULL;
		return true;
	}
	if (!json_is_string(json))
		return false;
	*out = fl_xstrdup(json_string_value(json));
	return true;
}

static bool fl_read_uint(const json_t *json, unsigned *out)
{
	if (!json_is_integer(json) || json_integer_value(json) < 0 || json_integer_value(json) > 0xffffffffLL)
		return false;
	*out = (unsigned)json_integer_value(json);
	return true;
}

static bool fl_read_loc(const json_t *json, struct fl_loc *loc)
{
	return json_is_array(json) && json_array_size(json) == 3 &&
	       fl_read_str(json_array_get(json, 0), &loc->file) &&
	       fl_read_uint(json_array_get(json, 1), &loc->line) &&
	       fl_read_uint(json_array_get(json, 2), &loc->column);
}

static bool fl_read_bool(const json_t *json, bool *out)
{
	if (!json_is_boolean(json))
		return false;
	*out = json_is_true(json);
	return true;
}

static bool fl_read_value(const json_t *json, struct fl_value *value)
{
	const json_t *kind = json_object_get(json, "k");
	const json_t *integer = json_object_get(json, "i");
	if (!json_is_integer(kind) || json_integer_value(kind) < FL_VALUE_UNKNOWN ||
	    json_integer_value(kind) > FL_VALUE_STRING || !json_is_integer(integer))
		return false;
	value->kind = (enum fl_value_kind)json_integer_value(kind);
	value->integer = json_integer_value(integer);
	return fl_read_str(json_object_get(json, "n"), &value->name) &&
	       fl_read_str(json_object_get(json, "key"), &value->key) &&
	       fl_read_bool(json_object_get(json, "a"), &value->address_of) &&
	       fl_read_bool(json_object_get(json, "v"), &value->via_variable) &&
	       fl_read_str(json_object_get(json, "t"), &value->text);
}

/* Allocates *items for the array `json` and reads each element with `read`. */
static bool fl_read_array(const json_t *json, void **items, size_t *count, size_t size,
			  bool (*read)(const json_t *json, void *item))
{
	if (!json_is_array(json))
		return false;
	*count = json_array_size(json);
	*items = fl_xcalloc(*count, size);
	for (size_t i = 0; i < *count; i++)
		if (!read(json_array_get(json, i), (char *)*items + i * size))
			return false;
	return true;
}

static bool fl_read_arg(const json_t *json, void *item)
{
	struct fl_arg *arg = item;
	return fl_read_value(json_object_get(json, "v"), &arg->value) &&
	       fl_read_loc(json_object_get(json, "l"), &arg->loc);
}

static bool fl_read_call(const json_t *json, void *item)
{
	struct fl_call *call = item;
	return fl_read_str(json_object_get(json, "callee"), &call->callee) &&
	       fl_read_str(json_object_get(json, "key"), &call->callee_key) &&
	       fl_read_loc(json_object_get(json, "l"), &call->loc) &&
	       fl_read_array(json_object_get(json, "args"), (void **)&call->args, &call->arg_count,
			     sizeof(*call->args), fl_read_arg);
}

static bool fl_read_loc_item(const json_t *json, void *item)
{
	return fl_read_loc(json, item);
}

static bool fl_read_return(const json_t *json, void *item)
{
	if (!json_is_integer(json))
		return false;
	*(long long *)item = json_integer_value(json);
	return true;
}

static bool fl_read_irql(const json_t *json, struct fl_irql_annotation *irql)
{
	int *fields[] = { &irql->requires_max, &irql->requires_min, &irql->requires_exact, &irql->raises_to };
	if (!json_is_array(json) || json_array_size(json) != 4)
		return false;
	for (size_t i = 0; i < 4; i++) {
		const json_t *level = json_array_get(json, i);
		if (!json_is_integer(level) || json_integer_value(level) < -1 || json_integer_value(level) > 31)
			return false;
		*fields[i] = (int)json_integer_value(level);
	}
	return true;
}

static bool fl_read_store(const json_t *json, void *item)
{
	struct fl_field_store *store = item;
	const json_t *param = json_object_get(json, "param");
	const json_t *op = json_object_get(json, "op");
	if (!json_is_integer(param) || json_integer_value(param) < -1 || json_integer_value(param) > 255 ||
	    !json_is_integer(op) || json_integer_value(op) < FL_STORE_ASSIGN || json_integer_value(op) > FL_STORE_OTHER)
		return false;
	store->base_param = (int)json_integer_value(param);
	store->op = (enum fl_store_op)json_integer_value(op);
	return fl_read_str(json_object_get(json, "type"), &store->type) && store->type &&
	       fl_read_str(json_object_get(json, "field"), &store->field) && store->field &&
	       fl_read_str(json_object_get(json, "base"), &store->base) &&
	       fl_read_value(json_object_get(json, "v"), &store->value) &&
	       fl_read_loc(json_object_get(json, "l"), &store->loc);
}

static bool fl_read_param(const json_t *json, void *item)
{
	return fl_read_str(json, item) && *(char **)item;
}

static bool fl_read_enum(const json_t *json, int low, int high, int *out)
{
	if (!json_is_integer(json) || json_integer_value(json) < low || json_integer_value(json) > high)
		return false;
	*out = (int)json_integer_value(json);
	return true;
}

/* One flow node; its edges and call index are checked against the whole
 * function once every node is read (fl_flow_valid). */
static bool fl_read_flow_node(const json_t *json, void *item)
{
	struct fl_flow_node *node = item;
	int kind, source_kind, test;
	const json_t *value = json_object_get(json, "x");
	const json_t *where = json_object_get(json, "p");
	if (!fl_read_enum(json_object_get(json, "k"), FL_FLOW_NOP, FL_FLOW_RETURN, &kind) ||
	    !fl_read_enum(json_object_get(json, "sk"), FL_FLOW_SOURCE_OTHER, FL_FLOW_SOURCE_CONSTANT, &source_kind) ||
	    !fl_read_enum(json_object_get(json, "t"), FL_FLOW_TEST_UNKNOWN, FL_FLOW_TEST_NONNULL, &test) ||
	    !fl_read_enum(json_object_get(json, "n"), FL_FLOW_EXIT, 0x7fffffff, &node->next) ||
	    !fl_read_enum(json_object_get(json, "o"), FL_FLOW_EXIT, 0x7fffffff, &node->other) ||
	    !fl_read_enum(json_object_get(json, "c"), -1, 0x7fffffff, &node->call) || !json_is_integer(value) ||
	    !json_is_array(where) || json_array_size(where) != 2)
		return false;
	node->kind = (enum fl_flow_kind)kind;
	node->source_kind = (enum fl_flow_source)source_kind;
	node->test = (enum fl_flow_test)test;
	node->value = json_integer_value(value);
	return fl_read_str(json_object_get(json, "v"), &node->var) &&
	       fl_read_str(json_object_get(json, "s"), &node->source) &&
	       fl_read_bool(json_object_get(json, "sys"), &node->system_callee) &&
	       fl_read_uint(json_array_get(where, 0), &node->line) &&
	       fl_read_uint(json_array_get(where, 1), &node->column);
}

/* Every edge lands on a node or the exit, every call index names a call,
 * and each kind has what it needs. */
static bool fl_flow_valid(const struct fl_function *function)
{
	long long count = (long long)function->flow_count;
	if (count > FL_FLOW_MAX_NODES || function->flow_entry >= count ||
	    (count == 0 && function->flow_entry != FL_FLOW_EXIT))
		return false;
	for (size_t i = 0; i < function->flow_count; i++) {
		const struct fl_flow_node *node = &function->flow[i];
		if (node->next >= count || node->other >= count || node->call >= (long long)function->call_count)
			return false;
		if (node->kind == FL_FLOW_CALL && node->call < 0)
			return false;
		if (node->kind == FL_FLOW_USE && !node->var)
			return false;
		if (node->kind == FL_FLOW_ASSIGN && (node->source_kind == FL_FLOW_SOURCE_VARIABLE) != (node->source != NULL))
			return false;
	}
	return true;
}

static bool fl_read_function(const json_t *json, void *item)
{
	struct fl_function *function = item;
	const json_t *source = json_object_get(json, "section_source");
	if (!json_is_integer(source) || json_integer_value(source) < FL_SECTION_NONE ||
	    json_integer_value(source) > FL_SECTION_DECLSPEC)
		return false;
	function->section_source = (enum fl_section_source)json_integer_value(source);
	return fl_read_str(json_object_get(json, "name"), &function->name) && function->name &&
	       fl_read_str(json_object_get(json, "key"), &function->key) && function->key &&
	       fl_read_bool(json_object_get(json, "static"), &function->is_static) &&
	       fl_read_bool(json_object_get(json, "forceinline"), &function->is_forceinline) &&
	       fl_read_loc(json_object_get(json, "l"), &function->loc) &&
	       fl_read_loc(json_object_get(json, "body"), &function->body_loc) &&
	       fl_read_loc(json_object_get(json, "end"), &function->end_loc) &&
	       fl_read_str(json_object_get(json, "section"), &function->section) &&
	       fl_read_loc(json_object_get(json, "section_l"), &function->section_loc) &&
	       fl_read_array(json_object_get(json, "paged_code"), (void **)&function->paged_code,
			     &function->paged_code_count, sizeof(struct fl_loc), fl_read_loc_item) &&
	       fl_read_array(json_object_get(json, "calls"), (void **)&function->calls,
			     &function->call_count, sizeof(struct fl_call), fl_read_call) &&
	       fl_read_array(json_object_get(json, "stores"), (void **)&function->field_stores,
			     &function->field_store_count, sizeof(struct fl_field_store), fl_read_store) &&
	       fl_read_array(json_object_get(json, "params"), (void **)&function->params,
			     &function->param_count, sizeof(char *), fl_read_param) &&
	       fl_read_array(json_object_get(json, "returns"), (void **)&function->returns,
			     &function->return_count, sizeof(long long), fl_read_return) &&
	       fl_read_bool(json_object_get(json, "returns_unknown"), &function->returns_unknown) &&
	       fl_read_irql(json_object_get(json, "irql"), &function->irql) &&
	       fl_read_array(json_object_get(json, "flow"), (void **)&function->flow, &function->flow_count,
			     sizeof(struct fl_flow_node), fl_read_flow_node) &&
	       fl_read_enum(json_object_get(json, "flow_entry"), FL_FLOW_EXIT, 0x7fffffff, &function->flow_entry) &&
	       fl_read_bool(json_object_get(json, "flow_incomplete"), &function->flow_incomplete) &&
	       fl_flow_valid(function);
}

static bool fl_read_pragma_name(const json_t *json, void *item)
{
	/* Names and their locations are parallel arrays; read as pairs. */
	struct { char *name; struct fl_loc loc; } *pair = item;
	return fl_read_str(json_object_get(json, "name"), &pair->name) && pair->name &&
	       fl_read_loc(json_object_get(json, "l"), &pair->loc);
}

static bool fl_read_alloc_text(const json_t *json, void *item)
{
	struct fl_alloc_text *pragma = item;
	struct { char *name; struct fl_loc loc; } *pairs = NULL;
	size_t count = 0;
	bool ok = fl_read_str(json_object_get(json, "section"), &pragma->section) && pragma->section &&
		  fl_read_loc(json_object_get(json, "l"), &pragma->loc) &&
		  fl_read_array(json_object_get(json, "names"), (void **)&pairs, &count, sizeof(*pairs),
				fl_read_pragma_name);
	pragma->names = fl_xcalloc(count, sizeof(char *));
	pragma->name_locs = fl_xcalloc(count, sizeof(struct fl_loc));
	pragma->name_count = count;
	for (size_t i = 0; i < count; i++) {
		pragma->names[i] = pairs[i].name;
		pragma->name_locs[i] = pairs[i].loc;
	}
	free(pairs);
	return ok;
}

static bool fl_read_declaration(const json_t *json, void *item)
{
	struct fl_declaration *decl = item;
	return fl_read_str(json_object_get(json, "name"), &decl->name) && decl->name &&
	       fl_read_loc(json_object_get(json, "decl"), &decl->first_decl) &&
	       fl_read_loc(json_object_get(json, "def"), &decl->definition);
}

static bool fl_read_field(const json_t *json, void *item)
{
	struct fl_field *field = item;
	return fl_read_str(json_object_get(json, "name"), &field->name) && field->name &&
	       fl_read_value(json_object_get(json, "v"), &field->value) &&
	       fl_read_loc(json_object_get(json, "l"), &field->loc);
}

static bool fl_read_element(const json_t *json, void *item)
{
	struct fl_element *element = item;
	return fl_read_loc(json_object_get(json, "l"), &element->loc) &&
	       fl_read_array(json_object_get(json, "fields"), (void **)&element->fields,
			     &element->field_count, sizeof(struct fl_field), fl_read_field);
}

static bool fl_read_initializer(const json_t *json, void *item)
{
	struct fl_initializer *init = item;
	return fl_read_str(json_object_get(json, "var"), &init->variable) && init->variable &&
	       fl_read_str(json_object_get(json, "type"), &init->type) && init->type &&
	       fl_read_str(json_object_get(json, "function"), &init->function) &&
	       fl_read_bool(json_object_get(json, "array"), &init->is_array) &&
	       fl_read_bool(json_object_get(json, "static"), &init->is_static) &&
	       fl_read_loc(json_object_get(json, "l"), &init->loc) &&
	       fl_read_array(json_object_get(json, "elements"), (void **)&init->elements,
			     &init->element_count, sizeof(struct fl_element), fl_read_element);
}

static bool fl_read_diagnostic(const json_t *json, void *item)
{
	struct fl_diagnostic *diagnostic = item;
	return fl_read_loc(json_object_get(json, "l"), &diagnostic->loc) &&
	       fl_read_bool(json_object_get(json, "error"), &diagnostic->is_error) &&
	       fl_read_str(json_object_get(json, "message"), &diagnostic->message) && diagnostic->message;
}

struct fl_tu_facts *fl_facts_from_json(const json_t *json, char **error)
{
	*error = NULL;
	const json_t *format = json_object_get(json, "format");
	if (!json_is_integer(format) || json_integer_value(format) != FL_FACTS_FORMAT) {
		*error = fl_xstrdup("not fltlint facts of this version");
		return NULL;
	}
	struct fl_tu_facts *facts = fl_xcalloc(1, sizeof(*facts));
	const json_t *errors = json_object_get(json, "errors");
	bool ok = fl_read_str(json_object_get(json, "path"), &facts->path) && facts->path &&
		  json_is_integer(errors) && json_integer_value(errors) >= 0 &&
		  fl_read_array(json_object_get(json, "functions"), (void **)&facts->functions,
				&facts->function_count, sizeof(struct fl_function), fl_read_function) &&
		  fl_read_array(json_object_get(json, "alloc_texts"), (void **)&facts->alloc_texts,
				&facts->alloc_text_count, sizeof(struct fl_alloc_text), fl_read_alloc_text) &&
		  fl_read_array(json_object_get(json, "declarations"), (void **)&facts->declarations,
				&facts->declaration_count, sizeof(struct fl_declaration), fl_read_declaration) &&
		  fl_read_array(json_object_get(json, "initializers"), (void **)&facts->initializers,
				&facts->initializer_count, sizeof(struct fl_initializer), fl_read_initializer) &&
		  fl_read_array(json_object_get(json, "diagnostics"), (void **)&facts->diagnostics,
				&facts->diagnostic_count, sizeof(struct fl_diagnostic), fl_read_diagnostic) &&
		  fl_read_array(json_object_get(json, "includes"), (void **)&facts->includes,
				&facts->include_count, sizeof(char *), fl_read_param);
	if (!ok) {
		fl_tu_facts_free(facts);
		*error = fl_xstrdup("malformed facts");
		return NULL;
	}
	facts->error_count = (size_t)json_integer_value(errors);
	return facts;
}
