/* Per-source clang arguments, from a compile_commands.json (compdb.h) or a
 * Visual Studio project (vcxproj.h): what one unit adds to the arguments
 * every unit shares. */
#ifndef FL_UNIT_ARGS_H
#define FL_UNIT_ARGS_H

#include <stddef.h>

#include "util.h"

struct fl_unit_args {
	char *path;          /* the source, as the run names it */
	struct fl_strv args; /* clang form: -I<dir>, -isystem <dir>, -D.., -U.., -include <file> */
};

struct fl_unit_args_list {
	size_t count, capacity;
	struct fl_unit_args *items;
};

/* Adds (or, for a path already there, keeps the first: a source compiled
 * twice is analyzed once, as first listed).  Takes `args`. */
void fl_unit_args_add(struct fl_unit_args_list *list, const char *path, struct fl_strv *args);
/* The entry for `path` (by spelling, then by identity), or NULL. */
const struct fl_unit_args *fl_unit_args_find(const struct fl_unit_args_list *list, const char *path);
void fl_unit_args_free(struct fl_unit_args_list *list);

/* `absolute` as the run shows it: relative to the current folder when
 * inside it. */
char *fl_unit_display_path(const char *absolute);

#endif
