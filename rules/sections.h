/* What the section rules share: which sections are pageable or discarded,
 * how a function came to be placed, and which functions a unit judges.
 *
 * Used by paged-code-section, page-section-assert, paged-code-repeated and
 * the alloc-text-* rules; not a rule itself. */
#ifndef FL_SECTIONS_H
#define FL_SECTIONS_H

#include <stdbool.h>

#include "rule.h"

/* A section whose name begins with "PAGE" (PAGE, PAGEfoo, PAGELK ...).
 * Case-sensitive: the loader compares the first four bytes of the section
 * name with 'PAGE' (as ReactOS's MiFindInitializationCode does, after the
 * Windows loader), and MSVC's C28170/C28172 "infer that a section is pageable
 * when the section name begins with PAGE": a section named "page" is ordinary
 * resident code.  NULL (the default .text) is not pageable. */
bool fl_section_is_pageable(const char *section);

/* The INIT section ("INIT", or "INIT$x", which the linker merges into it):
 * discarded once DriverEntry returns, its code run only at PASSIVE_LEVEL
 * during initialization.  Not "INITKDBG" and the like, which the loader keeps. */
bool fl_section_is_init(const char *section);

/* How a placement is written, for messages: "#pragma alloc_text",
 * "#pragma code_seg", "__declspec(code_seg)", or "" for none. */
const char *fl_section_source_phrase(enum fl_section_source source);

/* Whether the function is defined in its unit's own source file rather than
 * in a header it includes.  Only those are placed by the unit's pragmas,
 * and a header's function would otherwise be judged once per includer. */
bool fl_function_in_main_file(const struct fl_function_ref *ref);

/* The unit's record of the function `name` (fl_declaration), or NULL. */
const struct fl_declaration *fl_unit_declaration(const struct fl_tu_facts *unit, const char *name);

/* Whether the function has C++ language linkage (a C++ function not
 * declared extern "C", members included): alloc_text cannot name it, and
 * __declspec(code_seg) or #pragma code_seg places it instead. */
bool fl_function_cxx_linkage(const struct fl_function_ref *ref);

/* What is wrong with one name of a `#pragma alloc_text`, by the rules of
 * MSVC's alloc_text documentation (preprocessor/alloc-text): the pragma must
 * come after a declaration of the function and before its definition, and
 * the function must be defined in the same file. */
enum fl_alloc_text_problem {
	FL_ALLOC_TEXT_OK,
	FL_ALLOC_TEXT_UNDECLARED,        /* no declaration before the pragma (C2157) */
	FL_ALLOC_TEXT_AFTER_DEFINITION,  /* defined before the pragma (C2200) */
	FL_ALLOC_TEXT_NOT_DEFINED,       /* not defined in this file: the pragma places nothing */
	FL_ALLOC_TEXT_CXX_LINKAGE,       /* a C++ function not declared extern "C": MSVC rejects it */
};

/* The problem with name `n` of `pragma` in `unit`; *declaration gets the
 * unit's declaration record of that name, or NULL when the file never
 * declares nor defines it. */
enum fl_alloc_text_problem fl_alloc_text_problem(const struct fl_tu_facts *unit,
						 const struct fl_alloc_text *pragma, size_t n,
						 const struct fl_declaration **declaration);

/* Calls `visit` for every name of every active alloc_text of every unit. */
void fl_each_alloc_text_name(const struct fl_program *program,
			     void (*visit)(const struct fl_tu_facts *unit,
					   const struct fl_alloc_text *pragma, size_t n, void *data),
			     void *data);

/* Fixes of the section rules.  An edit that deletes what `cut` (facts.h)
 * covers in `file`; false, and nothing added, when the cut is all 0. */
bool fl_fix_cut(struct fl_fix *fix, const char *file, const struct fl_extent *cut);
/* An edit that inserts, at `place` (a line's start), `#pragma
 * alloc_text(SECTION, NAMES)` under `#ifdef ALLOC_PRAGMA`, after a blank line. */
void fl_fix_insert_alloc_text(struct fl_fix *fix, const struct fl_loc *place, const char *section,
			      const char *names);

#endif
