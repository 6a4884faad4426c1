/* Section helpers shared by the section and PAGED_CODE rules (sections.h). */
#include "sections.h"

#include <ctype.h>
#include <stdlib.h>
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

const struct fl_declaration *fl_unit_declaration(const struct fl_tu_facts *unit, const char *name)
{
	for (size_t d = 0; d < unit->declaration_count; d++)
		if (strcmp(unit->declarations[d].name, name) == 0)
			return &unit->declarations[d];
	return NULL;
}

bool fl_function_cxx_linkage(const struct fl_function_ref *ref)
{
	const struct fl_declaration *declaration = fl_unit_declaration(ref->unit, ref->function->name);
	return declaration && declaration->cxx_linkage;
}

enum fl_alloc_text_problem fl_alloc_text_problem(const struct fl_tu_facts *unit,
						 const struct fl_alloc_text *pragma, size_t n,
						 const struct fl_declaration **declaration)
{
	const struct fl_declaration *found = fl_unit_declaration(unit, pragma->names[n]);
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

bool fl_fix_cut(struct fl_fix *fix, const char *file, const struct fl_extent *cut)
{
	if (!cut->line)
		return false;
	struct fl_loc start = { file, cut->line, cut->column };
	fl_fix_replace(fix, &start, cut->end_line, cut->end_column, "");
	return true;
}

void fl_fix_insert_alloc_text(struct fl_fix *fix, const struct fl_loc *place, const char *section,
			      const char *names)
{
	bool identifier = true;
	for (const char *c = section; *c; c++)
		identifier = identifier && (isalnum((unsigned char)*c) || *c == '_');
	char *text = fl_xasprintf("\n#ifdef ALLOC_PRAGMA\n#pragma alloc_text(%s%s%s, %s)\n#endif\n",
				  identifier ? "" : "\"", section, identifier ? "" : "\"", names);
	fl_fix_insert(fix, place, text);
	free(text);
}
