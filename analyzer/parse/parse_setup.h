/* Parse, inside: what the engine's side of parsing (parse.c) shares with
 * the side that runs libclang (clang/parse_clang.c, built as the module
 * fltlint-clang.so).
 *
 * speed: libclang and LLVM take ~30 ms and ~60 MB to load.  The engine
 * never loads them: only the processes that parse (the PCH builder, the
 * workers) open the module, so a run the cache answers, and the engine that
 * holds every unit's facts, stay small. */
#ifndef FL_PARSE_SETUP_H
#define FL_PARSE_SETUP_H

#include <stdbool.h>
#include <stdio.h>

#include "facts/facts.h"
#include "sources/unit_args.h"
#include "util.h"

enum fl_language { FL_LANGUAGE_C, FL_LANGUAGE_CXX, FL_LANGUAGE_COUNT };

struct fl_parse_setup {
	struct fl_strv args; /* shared by every unit */
	char *work_dir;      /* temporary: overlay, prelude and PCHs */
	char *pch[FL_LANGUAGE_COUNT];
	struct fl_strv pch_includes[FL_LANGUAGE_COUNT]; /* the headers each PCH holds (cache keys) */
	bool keep_overlay;   /* --verbose: command lines name the overlay and the prelude: they outlive the run */
	/* Hostile input: where a unit may read from (canonical paths). */
	struct fl_strv roots;        /* the tree, header folders, --allow-include */
	struct fl_strv trusted_dirs; /* system header folders: not scanned for includes */
	struct fl_strv search_dirs;  /* -I and system folders, as clang searches them */
	/* CI and editors: per-source arguments (unit_args.h), owned by the options. */
	const struct fl_unit_args_list *unit_args;
};

enum fl_language fl_language_of(const char *path);
extern const char *const fl_language_flag[FL_LANGUAGE_COUNT];   /* -x for a unit */
extern const char *const fl_header_flag[FL_LANGUAGE_COUNT];     /* -x for the prelude */
extern const char *const fl_language_name[FL_LANGUAGE_COUNT];   /* for messages */

/* `-x LANGUAGE` (of a header when `header`: the PCH) and what units of that
 * language add to the shared arguments. */
void fl_language_args(enum fl_language language, bool header, struct fl_strv *args);
/* The arguments for one unit, with the PCH when `use_pch` and one exists. */
void fl_unit_args(const struct fl_parse_setup *setup, const char *path, bool use_pch, struct fl_strv *args);

/* The module's entry points.  `size_check` guards against a module from
 * another build: the structures above cross between the two as they are. */
struct fl_parse_module {
	size_t size_check;
	/* Precompiles `prelude` into setup->work_dir; on success sets
	 * setup->pch[language] and the headers it read; else says why in `log`. */
	void (*build_pch)(struct fl_parse_setup *setup, enum fl_language language, const char *prelude, FILE *log);
	/* Parses and walks `path` (see fl_parse_unit_at), from `text` instead
	 * of the file when `text` is not NULL (an editor's unsaved buffer);
	 * *refused is set when the unit read a file outside the roots (another
	 * parse would not change that answer); *errors_touch_pch when a clang
	 * error, or a note of one, lies in a header the PCH read (spelled or
	 * expanded there: a macro or a declaration the PCH brought). */
	struct fl_tu_facts *(*parse)(const struct fl_parse_setup *setup, const char *path, const char *text,
				     size_t text_length, bool use_pch, char **error, unsigned *error_line,
				     bool *refused, bool *errors_touch_pch);
};

/* The error of a unit libclang caught itself crashing on: the process that
 * parsed it may have a corrupted heap (parse.c, workers.c). */
#define FL_PARSE_CRASHED "libclang crashed while parsing this file"

#define FL_PARSE_MODULE_SIZE_CHECK \
	(sizeof(struct fl_parse_module) * 1000003u + sizeof(struct fl_parse_setup) * 1009u + \
	 sizeof(struct fl_tu_facts) * 31u + sizeof(struct fl_function))

/* The symbol the module exports. */
#define FL_PARSE_MODULE_SYMBOL "fl_parse_module_entry"

#endif
