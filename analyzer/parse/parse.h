/* Parse: one translation unit through libclang, into facts.
 *
 * A run prepares once (fl_parse_setup_new): the clang arguments every unit
 * shares, a VFS overlay for Windows-style includes, and a precompiled header
 * of the WDK prelude, so that the headers (about 90% of a unit's parse time)
 * are parsed once per run rather than once per file.  Each unit is then
 * parsed and walked on its own (fl_parse_unit), in a worker process. */
#ifndef FL_PARSE_H
#define FL_PARSE_H

#include <stdbool.h>
#include <stdio.h>

#include "facts/facts.h"
#include "findings.h"
#include "sources/discover.h"
#include "sources/unit_args.h"
#include "util.h"

/* What the parse stage takes of the run's options: everything that decides
 * how a unit is parsed, and so its facts (fl_run_identity, cache.h, hashes
 * it all but `verbose`).  The engine fills it from its own options; the
 * lists are borrowed from them. */
struct fl_parse_options {
	struct fl_strv paths;         /* the PATHs named: units may include from them */
	struct fl_strv clang_args;    /* the user's extra -I, -D, -U, -include ... */
	struct fl_strv wdk_include;   /* --wdk-include: real WDK header folders */
	struct fl_strv allow_include; /* more folders units may include from */
	const struct fl_unit_args_list *unit_args; /* per-source arguments, or NULL */
	bool verbose;                 /* keep the include overlay the printed command lines name */
	bool parallel_pch;            /* build the C and C++ PCHs at once (more than one job; not hashed) */
};

struct fl_parse_setup;

struct fl_cache;

/* NULL only on an internal error (a temporary folder that cannot be made);
 * a prelude that does not precompile just means no PCH (said in `log`).
 * With a cache, the PCH is taken from it or kept in it (cache.h). */
struct fl_parse_setup *fl_parse_setup_new(const struct fl_parse_options *options,
					  const struct fl_sources *sources, struct fl_cache *cache, FILE *log);
void fl_parse_setup_free(struct fl_parse_setup *setup);

/* The clang command line unit `path` is parsed with, for --verbose: plain
 * clang given these reproduces the parse (the PCH, a pure speed-up that is
 * deleted with the run, is left out). */
char *fl_parse_command_line(const struct fl_parse_setup *setup, const char *path);
/* Whether `path` is parsed first with its language's PCH: one exists, the
 * unit defines nothing before the WDK headers and its own arguments keep
 * their meaning. */
bool fl_unit_uses_pch(const struct fl_parse_setup *setup, const char *path);

/* Parses and walks `path`.  Returns its facts (parse errors are in
 * facts->diagnostics), or NULL and a message in *error when libclang could
 * not parse it at all. */
struct fl_tu_facts *fl_parse_unit(const struct fl_parse_setup *setup, const char *path, char **error);
/* The same, and *error_line: where in `path` the error is, or 0.  Both
 * refuse a unit that includes a file outside the analyzed tree and the
 * header folders (includes.h): before clang reads anything when the include
 * is spelled out, after the parse (nothing walked, diagnostics dropped) when
 * it comes through a macro.  *crashed is set when libclang caught itself
 * crashing: the caller's heap is then not to be trusted with another unit. */
struct fl_tu_facts *fl_parse_unit_at(const struct fl_parse_setup *setup, const char *path, char **error,
				     unsigned *error_line, bool *crashed);
/* How a unit met the precompiled WDK headers (--stats counts each). */
enum fl_pch_use {
	FL_PCH_USED,       /* parsed with its language's PCH */
	FL_PCH_UNFIT,      /* parsed without: it defines something before the WDK headers, or its own
			      arguments change them */
	FL_PCH_RETRIED,    /* clang errors with the PCH, parsed again without it */
	FL_PCH_ABSENT,     /* its language has no PCH (it did not precompile), or not parsed at all */
	FL_PCH_USE_COUNT
};

/* The same, from `text` (an editor's unsaved buffer of `path`) when it is
 * not NULL.  The include check before the parse reads the file as saved;
 * the one after the parse sees what the buffer included. */
struct fl_tu_facts *fl_parse_unit_text(const struct fl_parse_setup *setup, const char *path, const char *text,
				       size_t text_length, char **error, unsigned *error_line, bool *crashed,
				       enum fl_pch_use *pch_use);

/* Where the parser module (parse_setup.h) is loaded from: next to the
 * executable (a build folder), else where `make install` put it. */
char *fl_parse_module_path(void);

/* Is `arg` a clang argument that reads or runs something besides the unit:
 * a response file (@file), a plugin (-Xclang, -load, -fplugin), -mllvm,
 * --config, a VFS overlay?  Arguments from compile_commands.json or a
 * .vcxproj are data: any such argument is refused. */
bool fl_clang_arg_refused(const char *arg);

#endif
