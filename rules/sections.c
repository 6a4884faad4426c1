/* Section helpers shared by the section and PAGED_CODE rules (sections.h). */
#include "sections.h"

#include <string.h>

bool fl_section_is_pageable(const char *section)
{
	return section && strncmp(section, "PAGE", 4) == 0;
}

bool fl_section_is_init(const char *section)
{
	return section && strncmp(section, "INIT", 4) == 0 && (section[4] == '\0' || section[4] == '$');
}

const char *fl_section_source_phrase(enum fl_section_source source)
{
	switch (source) {
	case FL_SECTION_ALLOC_TEXT:
		return "#pragma alloc_text";
	case FL_SECTION_CODE_SEG:
		return "#pragma code_seg";
	case FL_SECTION_DECLSPEC:
		return "__declspec(code_seg)";
	case FL_SECTION_NONE:
		break;
	}
	return "";
}

bool fl_function_in_main_file(const struct fl_function_ref *ref)
{
	const char *file = ref->function->loc.file;
	return file && ref->unit->path && strcmp(file, ref->unit->path) == 0;
}

bool fl_function_cxx_linkage(const struct fl_function_ref *ref)
{
	for (size_t d = 0; d < ref->unit->declaration_count; d++)
		if (strcmp(ref->unit->declarations[d].name, ref->function->name) == 0)
			return ref->unit->declarations[d].cxx_linkage;
	return false;
}

bool fl_loc_before(const struct fl_loc *a, const struct fl_loc *b)
{
	return a->line < b->line || (a->line == b->line && a->column < b->column);
}

enum fl_alloc_text_problem fl_alloc_text_problem(const struct fl_tu_facts *unit,
						 const struct fl_alloc_text *pragma, size_t n,
						 const struct fl_declaration **declaration)
{
	const struct fl_declaration *found = NULL;
	for (size_t d = 0; d < unit->declaration_count && !found; d++)
		if (strcmp(unit->declarations[d].name, pragma->names[n]) == 0)
			found = &unit->declarations[d];
	*declaration = found;
	/* Declared nowhere the walker can see (this file, the driver's
	 * headers): MSVC's C2157. */
	if (!found)
		return FL_ALLOC_TEXT_UNDECLARED;
	/* Declared, but defined in another file or not at all: the pragma
	 * places nothing here. */
	if (found->definition.line == 0)
		return FL_ALLOC_TEXT_NOT_DEFINED;
	if (fl_loc_before(&found->definition, &pragma->loc))
		return FL_ALLOC_TEXT_AFTER_DEFINITION;
	/* A declaration in a header came before anything in this file. */
	if (found->first_decl.line && strcmp(found->first_decl.file, unit->path) != 0)
		return found->cxx_linkage ? FL_ALLOC_TEXT_CXX_LINKAGE : FL_ALLOC_TEXT_OK;
	if (found->first_decl.line == 0 || !fl_loc_before(&found->first_decl, &pragma->loc))
		return FL_ALLOC_TEXT_UNDECLARED;
	return found->cxx_linkage ? FL_ALLOC_TEXT_CXX_LINKAGE : FL_ALLOC_TEXT_OK;
}

void fl_each_alloc_text_name(const struct fl_program *program,
			     void (*visit)(const struct fl_tu_facts *unit,
					   const struct fl_alloc_text *pragma, size_t n, void *data),
			     void *data)
{
	for (size_t u = 0; u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t p = 0; p < unit->alloc_text_count; p++)
			for (size_t n = 0; n < unit->alloc_texts[p].name_count; n++)
				visit(unit, &unit->alloc_texts[p], n, data);
	}
}
