#include "facts.h"

#include <stdlib.h>
#include <string.h>

void fl_loc_free(struct fl_loc *loc)
{
	free(loc->file);
	loc->file = NULL;
}

void fl_value_free(struct fl_value *value)
{
	free(value->name);
	free(value->key);
	free(value->text);
}

static void fl_call_free(struct fl_call *call)
{
	free(call->callee);
	free(call->callee_key);
	fl_loc_free(&call->loc);
	for (size_t i = 0; i < call->arg_count; i++) {
		fl_value_free(&call->args[i].value);
		fl_loc_free(&call->args[i].loc);
	}
	free(call->args);
}

static void fl_function_free(struct fl_function *function)
{
	free(function->name);
	free(function->key);
	fl_loc_free(&function->loc);
	fl_loc_free(&function->body_loc);
	fl_loc_free(&function->end_loc);
	free(function->section);
	fl_loc_free(&function->section_loc);
	for (size_t i = 0; i < function->paged_code_count; i++)
		fl_loc_free(&function->paged_code[i]);
	free(function->paged_code);
	for (size_t i = 0; i < function->call_count; i++)
		fl_call_free(&function->calls[i]);
	free(function->calls);
	for (size_t i = 0; i < function->field_store_count; i++) {
		struct fl_field_store *store = &function->field_stores[i];
		free(store->type);
		free(store->field);
		free(store->base);
		fl_value_free(&store->value);
		fl_loc_free(&store->loc);
	}
	free(function->field_stores);
	for (size_t i = 0; i < function->param_count; i++)
		free(function->params[i]);
	free(function->params);
	free(function->returns);
	for (size_t i = 0; i < function->flow_count; i++) {
		free(function->flow[i].var);
		free(function->flow[i].source);
	}
	free(function->flow);
}

static void fl_element_free(struct fl_element *element)
{
	fl_loc_free(&element->loc);
	for (size_t i = 0; i < element->field_count; i++) {
		free(element->fields[i].name);
		fl_value_free(&element->fields[i].value);
		fl_loc_free(&element->fields[i].loc);
	}
	free(element->fields);
}

void fl_tu_facts_free(struct fl_tu_facts *facts)
{
	if (!facts)
		return;
	fl_tu_facts_clear(facts);
	free(facts);
}

void fl_tu_facts_clear(struct fl_tu_facts *facts)
{
	free(facts->path);
	for (size_t i = 0; i < facts->function_count; i++)
		fl_function_free(&facts->functions[i]);
	free(facts->functions);
	for (size_t i = 0; i < facts->alloc_text_count; i++) {
		struct fl_alloc_text *pragma = &facts->alloc_texts[i];
		free(pragma->section);
		fl_loc_free(&pragma->loc);
		for (size_t n = 0; n < pragma->name_count; n++) {
			free(pragma->names[n]);
			fl_loc_free(&pragma->name_locs[n]);
		}
		free(pragma->names);
		free(pragma->name_locs);
	}
	free(facts->alloc_texts);
	for (size_t i = 0; i < facts->declaration_count; i++) {
		free(facts->declarations[i].name);
		fl_loc_free(&facts->declarations[i].first_decl);
		fl_loc_free(&facts->declarations[i].definition);
	}
	free(facts->declarations);
	for (size_t i = 0; i < facts->initializer_count; i++) {
		struct fl_initializer *init = &facts->initializers[i];
		free(init->variable);
		free(init->type);
		free(init->function);
		fl_loc_free(&init->loc);
		for (size_t e = 0; e < init->element_count; e++)
			fl_element_free(&init->elements[e]);
		free(init->elements);
	}
	free(facts->initializers);
	for (size_t i = 0; i < facts->diagnostic_count; i++) {
		fl_loc_free(&facts->diagnostics[i].loc);
		free(facts->diagnostics[i].message);
	}
	free(facts->diagnostics);
	for (size_t i = 0; i < facts->include_count; i++)
		free(facts->includes[i]);
	free(facts->includes);
	memset(facts, 0, sizeof(*facts));
}
