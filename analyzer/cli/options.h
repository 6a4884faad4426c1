/* fltlint's command-line options, one table (options.c): getopt_long's
 * arguments and the --help text are made from it, and tests/check_docs.c
 * holds the man page and the README to it. */
#ifndef FL_CLI_OPTIONS_H
#define FL_CLI_OPTIONS_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

/* What fl_parse_args switches on.  Above 255, so that no id is a short
 * letter or getopt's ':' and '?'; a short option comes back as its row's id. */
enum fl_option_id {
	FL_OPT_NONE = 0, /* headings and rows of help only */
	FL_OPT_JOBS = 256,
	FL_OPT_FORMAT,
	FL_OPT_OUTPUT,
	FL_OPT_INCLUDE_DIR, /* -I */
	FL_OPT_DEFINE,      /* -D */
	FL_OPT_UNDEFINE,    /* -U */
	FL_OPT_INCLUDE,
	FL_OPT_WDK_INCLUDE,
	FL_OPT_FAIL_ON,
	FL_OPT_TIMEOUT,
	FL_OPT_MAX_MEMORY,
	FL_OPT_ALLOW_INCLUDE,
	FL_OPT_VERBOSE,
	FL_OPT_SHOW_HEADERS,
	FL_OPT_LIST_RULES,
	FL_OPT_STACK,
	FL_OPT_HELP,
	FL_OPT_VERSION,
	FL_OPT_FIX,
	FL_OPT_DIFF,
	/* speed and scale */
	FL_OPT_CACHE,
	FL_OPT_NO_CACHE,
	FL_OPT_STATS,
	FL_OPT_FACTS_OUT,
	FL_OPT_SHARD,
	/* CI and editors: handled by fl_ci_option (ci.h) */
	FL_OPT_EXIT_ZERO,
	FL_OPT_REPORT_UNUSED,
	FL_OPT_WRITE_BASELINE,
	FL_OPT_BASELINE,
	FL_OPT_CONFIG,
	FL_OPT_NO_CONFIG,
	FL_OPT_ROOT,
	FL_OPT_COMPILE_COMMANDS, /* and -p */
	FL_OPT_PROJECT,
	FL_OPT_CONFIGURATION,
	FL_OPT_PLATFORM,
	FL_OPT_INCLUDE_USER_MODE,
	FL_OPT_STRICT_PARSE,
	FL_OPT_EXPLAIN,
};

/* One row of the table: an option, a section heading (only `help`), or a
 * line of help that is no option of its own (only `usage` and `help`). */
struct fl_option {
	const char *name;           /* the long name, or NULL */
	int argument;               /* no_argument, required_argument, optional_argument */
	enum fl_option_id id;
	char letter;                /* the short option, or 0 */
	const char *usage;          /* --help's left column as written: "-j, --jobs N" */
	const char *help;           /* its right column; '\n' starts an indented line */
};

extern const struct fl_option fl_options[];
extern const size_t fl_options_count;

/* getopt_long's long options (ending with a zero row) and short-option
 * string (":" first: a missing argument is reported as ':'). */
struct fl_getopt {
	struct option *long_options;
	char *short_options;
};

void fl_getopt_make(struct fl_getopt *args);
void fl_getopt_free(struct fl_getopt *args);

/* What getopt_long returned, as an id: a short letter becomes its row's id;
 * anything else (an id, ':' or '?') is returned as it is. */
int fl_option_id_of(int returned);

/* --help. */
void fl_options_print_help(FILE *out);

#endif
