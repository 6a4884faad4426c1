/* The unit's build settings (POOL_NX_OPTIN, NTDDI_VERSION ...) from its
 * macro definitions: walk_unit_macros.c. */
#ifndef FL_WALK_UNIT_MACROS_H
#define FL_WALK_UNIT_MACROS_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "facts/facts.h"

/* Fills facts->macros from `unit`, whose main file is `main_file`, parsed
 * with the clang arguments `args`. */
void fl_walk_unit_macros(CXTranslationUnit unit, CXFile main_file, const char *const *args, size_t arg_count,
			 struct fl_tu_facts *facts);

#endif
