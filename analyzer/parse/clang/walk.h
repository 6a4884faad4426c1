/* The one walk of a translation unit that turns libclang's AST and token
 * stream into facts (facts.h), in parts (walk.c names them).  The walk and
 * parse_clang.c are all that see libclang. */
#ifndef FL_WALK_H
#define FL_WALK_H

#include <clang-c/Index.h>

#include "facts/facts.h"

/* Walks `unit`, parsed from `clang_path`; facts name the file `path` (the
 * path as the run names it).  Returns new facts, which the caller frees with
 * fl_tu_facts_free. */
struct fl_tu_facts *fl_walk_unit(CXTranslationUnit unit, const char *clang_path, const char *path);

#endif
