/* compile_commands.json (-p DIR, --compile-commands FILE): each entry's
 * source and the include folders, defines and forced includes of its
 * command.  Commands are parsed, never executed.
 *
 * Both forms ("arguments" and "command"), relative "directory" (against the
 * database's folder) and relative files; a cl.exe or clang-cl command (or
 * --driver-mode=cl) is read with cl's syntax: /I /D /U /FI /external:I,
 * Windows quoting.  `@response` files and -Xclang, -load, -fplugin are
 * refused as input errors: they would make the parse depend on what we do
 * not read, or load code. */
#ifndef FL_COMPDB_H
#define FL_COMPDB_H

#include <stdbool.h>

#include "findings.h"
#include "sources/unit_args.h"

/* `path` is the database file, or a folder holding compile_commands.json.
 * Returns 0 (entries in `out`; refused commands and missing files as input
 * errors), or -1 when the database itself cannot be read (in *error). */
int fl_compdb_load(const char *path, struct fl_unit_args_list *out, struct fl_input_errors *errors,
		   char **error);

/* Splits a command line: POSIX shell quoting, or Windows' (CommandLineToArgvW)
 * when `windows`. */
void fl_compdb_split(const char *command, bool windows, struct fl_strv *out);

/* Translates one compiler command (argv[0] the compiler) run in `directory`
 * into clang arguments.  Returns 0, or -1 with *error set for a refused
 * argument. */
int fl_compdb_translate(const struct fl_strv *argv, const char *directory, struct fl_strv *out, char **error);

#endif
