#include "facts/facts.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The slot that holds `text`, or the empty one it would go in. */
static char **fl_strings_slot(const struct fl_strings *strings, const char *text)
{
	size_t mask = strings->capacity - 1;
	size_t slot = fl_fnv1a(text) & mask;
	while (strings->slots[slot] && strcmp(strings->slots[slot], text) != 0)
		slot = (slot + 1) & mask;
	return &strings->slots[slot];
}

/* Keeps the table at most half full, so that probes stay short. */
static void fl_strings_reserve(struct fl_strings *strings)
{
	if (strings->count * 2 < strings->capacity)
		return;
	size_t capacity = strings->capacity ? strings->capacity * 2 : 64;
	struct fl_strings larger = { .count = strings->count, .capacity = capacity };
	larger.slots = fl_xcalloc(larger.capacity, sizeof(char *));
	for (size_t i = 0; i < strings->capacity; i++)
		if (strings->slots[i])
			*fl_strings_slot(&larger, strings->slots[i]) = strings->slots[i];
	free(strings->slots);
	*strings = larger;
}

/* The table's copy of `text`: `owned` when the caller hands over its own
 * allocation of the text (freed if the table holds it already), else a copy
 * made on first use. */
static const char *fl_strings_intern(struct fl_strings *strings, const char *text, char *owned)
{
	if (!text)
		return NULL;
	fl_strings_reserve(strings);
	char **slot = fl_strings_slot(strings, text);
	if (*slot) {
		free(owned);
	} else {
		*slot = owned ? owned : fl_xstrdup(text);
		strings->count++;
	}
	return *slot;
}

const char *fl_facts_take_string(struct fl_tu_facts *facts, char *text)
{
	return fl_strings_intern(&facts->strings, text, text);
}

const char *fl_facts_string(struct fl_tu_facts *facts, const char *text)
{
	return fl_strings_intern(&facts->strings, text, NULL);
}

static void fl_function_free(struct fl_function *function)
{
	free(function->paged_code);
	free(function->paged_code_cuts);
	for (size_t i = 0; i < function->call_count; i++)
		free(function->calls[i].args);
	free(function->calls);
	free(function->field_stores);
	free(function->params);
	free(function->returns);
	free(function->flow);
}

static void fl_initializer_free(struct fl_initializer *init)
{
	for (size_t e = 0; e < init->element_count; e++)
		free(init->elements[e].fields);
	free(init->elements);
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
	for (size_t i = 0; i < facts->function_count; i++)
		fl_function_free(&facts->functions[i]);
	free(facts->functions);
	for (size_t i = 0; i < facts->alloc_text_count; i++) {
		free(facts->alloc_texts[i].names);
		free(facts->alloc_texts[i].name_locs);
	}
	free(facts->alloc_texts);
	free(facts->declarations);
	for (size_t i = 0; i < facts->initializer_count; i++)
		fl_initializer_free(&facts->initializers[i]);
	free(facts->initializers);
	free(facts->diagnostics);
	for (size_t i = 0; i < facts->include_count; i++)
		free(facts->includes[i]);
	free(facts->includes);
	for (size_t i = 0; i < facts->strings.capacity; i++)
		free(facts->strings.slots[i]);
	free(facts->strings.slots);
	memset(facts, 0, sizeof(*facts));
}

void fl_value_bits(const struct fl_value *value, unsigned long long *set, unsigned long long *clear)
{
	*set = *clear = 0;
	if (value->kind == FL_VALUE_INT) {
		*set = (unsigned long long)value->integer;
		*clear = ~*set;
	} else if (value->kind == FL_VALUE_UNKNOWN) {
		*set = value->known_set;
		*clear = value->known_clear;
	}
}

enum fl_flag_state fl_value_flag(const struct fl_value *value, unsigned long long flag)
{
	unsigned long long set, clear;
	fl_value_bits(value, &set, &clear);
	if ((set & flag) == flag)
		return FL_FLAG_SET;
	return clear & flag ? FL_FLAG_CLEAR : FL_FLAG_UNKNOWN;
}
