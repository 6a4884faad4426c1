/* The option table (options.h). */
#include "cli/options.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define FL_NONE no_argument
#define FL_ARG required_argument
#define FL_OPTIONAL_ARG optional_argument
/* A section heading of --help. */
#define FL_HEADING(text) {NULL, 0, FL_OPT_NONE, 0, NULL, text}
/* A line of --help that is no option of its own. */
#define FL_HELP_ONLY(usage, help) {NULL, 0, FL_OPT_NONE, 0, usage, help}

/* In --help's order.  Columns: long name, argument, id, short letter,
 * --help's left column, its right column. */
const struct fl_option fl_options[] = {
	{"jobs", FL_ARG, FL_OPT_JOBS, 'j', "-j, --jobs N", "units parsed in parallel (default: number of cores)"},
	{"format", FL_ARG, FL_OPT_FORMAT, 'f', "-f, --format FORMAT", "text (default), json or sarif"},
	{"output", FL_ARG, FL_OPT_OUTPUT, 'o', "-o, --output FILE",
	 "write the report to FILE (replaced only when complete)"},
	{NULL, FL_ARG, FL_OPT_INCLUDE_DIR, 'I', "-I DIR", "add an include folder"},
	{NULL, FL_ARG, FL_OPT_DEFINE, 'D', "-D NAME[=VALUE]", "define a macro"},
	{NULL, FL_ARG, FL_OPT_UNDEFINE, 'U', "-U NAME", "undefine a macro"},
	{"include", FL_ARG, FL_OPT_INCLUDE, 0, "--include FILE", "include FILE before each source"},
	{"wdk-include", FL_ARG, FL_OPT_WDK_INCLUDE, 0, "--wdk-include DIR",
	 "parse against the real WDK headers in DIR (repeatable)\ninstead of the bundled ones"},
	{"fail-on", FL_ARG, FL_OPT_FAIL_ON, 0, "--fail-on SEVERITY",
	 "exit 1 on findings of note, warning (default) or error"},
	{"timeout", FL_ARG, FL_OPT_TIMEOUT, 0, "--timeout SECONDS",
	 "give up on a unit parsing longer than this (default 120)"},
	{"max-memory", FL_ARG, FL_OPT_MAX_MEMORY, 0, "--max-memory MB",
	 "give up on a unit needing more memory (default 2048; 0: none)"},
	{"allow-include", FL_ARG, FL_OPT_ALLOW_INCLUDE, 0, "--allow-include DIR",
	 "let units include files from DIR (by default only the\nanalyzed tree and the header folders may be read)"},
	{"verbose", FL_NONE, FL_OPT_VERBOSE, 0, "--verbose", "print each unit's clang arguments on stderr"},
	{"show-headers", FL_NONE, FL_OPT_SHOW_HEADERS, 0, "--show-headers",
	 "print the folder of the bundled WDK headers"},
	{"list-rules", FL_NONE, FL_OPT_LIST_RULES, 0, "--list-rules",
	 "list the rules: id, severity, MSVC warning, summary"},
	/* The INFs are the PATHs. */
	{"stack", FL_NONE, FL_OPT_STACK, 0, "--stack INF...", "print the filter stack the INF files describe"},
	{"fix", FL_NONE, FL_OPT_FIX, 0, "--fix",
	 "apply the fixes of the findings that have one, in place,\nand print what changed"},
	{"diff", FL_NONE, FL_OPT_DIFF, 0, "--diff", "with --fix: print a unified diff instead, change nothing"},
	{"help", FL_NONE, FL_OPT_HELP, 'h', "-h, --help", "show this help"},
	{"version", FL_NONE, FL_OPT_VERSION, 0, "--version", "show the version"},

	FL_HEADING("Speed and scale (docs/ci-sharding.md):"),
	{"cache", FL_ARG, FL_OPT_CACHE, 0, "--cache DIR",
	 "keep parsed facts in DIR (default: $XDG_CACHE_HOME/fltlint\n"
	 "or ~/.cache/fltlint); an unchanged file is not parsed again"},
	{"no-cache", FL_NONE, FL_OPT_NO_CACHE, 0, "--no-cache", "neither read nor write the cache"},
	{"stats", FL_OPTIONAL_ARG, FL_OPT_STATS, 0, "--stats[=json]", "print where the time went on stderr"},
	{"facts-out", FL_ARG, FL_OPT_FACTS_OUT, 0, "--facts-out DIR",
	 "parse, write the facts to DIR for 'fltlint link'; no rules"},
	{"shard", FL_ARG, FL_OPT_SHARD, 0, "--shard K/N", "only the units whose path hashes to K of N"},
	FL_HELP_ONLY("fltlint lsp", "a language server on stdin/stdout (docs/editors.md)"),
	FL_HELP_ONLY("fltlint link [-f FORMAT] [-o FILE] [--fail-on S] DIR...",
		     "join the facts of every shard and check them"),

	FL_HEADING("CI and editors (docs/sarif.md, docs/suppressions.md, docs/config.md):"),
	{"exit-zero", FL_NONE, FL_OPT_EXIT_ZERO, 0, "--exit-zero",
	 "exit 0 even when findings are at or above --fail-on"},
	{"report-unused-suppressions", FL_NONE, FL_OPT_REPORT_UNUSED, 0, "--report-unused-suppressions",
	 "report fltlint: ignore comments that\nsuppress nothing"},
	{"write-baseline", FL_ARG, FL_OPT_WRITE_BASELINE, 0, "--write-baseline FILE",
	 "record today's findings in FILE"},
	{"baseline", FL_ARG, FL_OPT_BASELINE, 0, "--baseline FILE",
	 "report (and fail on) only findings FILE does not hold"},
	{"config", FL_ARG, FL_OPT_CONFIG, 0, "--config FILE",
	 "read FILE instead of the .fltlint found above the PATHs"},
	{"no-config", FL_NONE, FL_OPT_NO_CONFIG, 0, "--no-config", "read no config file"},
	{"root", FL_ARG, FL_OPT_ROOT, 0, "--root DIR",
	 "the project root SARIF paths and fingerprints are\n"
	 "relative to (default: config folder, else git top)"},
	{"compile-commands", FL_ARG, FL_OPT_COMPILE_COMMANDS, 'p', "-p DIR, --compile-commands FILE",
	 "analyze what compile_commands.json lists,\nwith each source's include folders and defines"},
	{"project", FL_ARG, FL_OPT_PROJECT, 0, "--project FILE",
	 "analyze a .vcxproj or .sln (also accepted as a PATH)"},
	{"configuration", FL_ARG, FL_OPT_CONFIGURATION, 0, "--configuration C",
	 "its configuration (default Release)"},
	{"platform", FL_ARG, FL_OPT_PLATFORM, 0, "--platform P", "its platform (default x64)"},
	{"include-user-mode", FL_NONE, FL_OPT_INCLUDE_USER_MODE, 0, "--include-user-mode",
	 "also analyze sources that include <windows.h> and no\n"
	 "kernel header (skipped in folders by default)"},
	{"strict-parse", FL_NONE, FL_OPT_STRICT_PARSE, 0, "--strict-parse",
	 "exit 2 also for a unit analyzed with clang errors\n(code MSVC accepts, a header missing here)"},
	{"explain", FL_ARG, FL_OPT_EXPLAIN, 0, "--explain RULE", "print the rule's documentation page"},
	FL_HELP_ONLY("--list-rules -f json", "the rules as JSON"),
};

const size_t fl_options_count = sizeof(fl_options) / sizeof(fl_options[0]);

static const char fl_help_intro[] =
	"Usage: fltlint [OPTIONS] PATH...\n"
	"Checks Windows file-system minifilter drivers: PATHs are source files, INF\n"
	"files or folders (searched recursively; .git, .vs and build output skipped).\n"
	"\n";

static const char fl_help_outro[] =
	"\n"
	"Exit status: 0 nothing at or above --fail-on; 1 something was; 2 usage or\n"
	"internal error, or a file that could not be analyzed.\n";

void fl_getopt_make(struct fl_getopt *args)
{
	args->long_options = fl_xcalloc(fl_options_count + 1, sizeof(*args->long_options));
	args->short_options = fl_xcalloc(2 + 3 * fl_options_count, 1);
	size_t longs = 0;
	char *shorts = args->short_options;
	*shorts++ = ':';
	for (size_t i = 0; i < fl_options_count; i++) {
		const struct fl_option *option = &fl_options[i];
		if (option->name)
			args->long_options[longs++] =
				(struct option){option->name, option->argument, NULL, option->id};
		if (option->letter) {
			*shorts++ = option->letter;
			if (option->argument != no_argument)
				*shorts++ = ':';
			if (option->argument == optional_argument)
				*shorts++ = ':';
		}
	}
}

void fl_getopt_free(struct fl_getopt *args)
{
	free(args->long_options);
	free(args->short_options);
}

int fl_option_id_of(int returned)
{
	for (size_t i = 0; returned > 0 && returned < 256 && i < fl_options_count; i++)
		if (fl_options[i].letter == returned)
			return (int)fl_options[i].id;
	return returned;
}

/* The help column; a left column that reaches it is followed by two
 * spaces, or by a new line when the help would not fit in the width. */
enum { FL_HELP_COLUMN = 26, FL_HELP_WIDTH = 80 };

static void fl_print_help_row(FILE *out, const char *usage, const char *help)
{
	/* Long-only options line up with the long names of "-j, --jobs". */
	int column = fprintf(out, "%s%s", strncmp(usage, "--", 2) == 0 ? "      " : "  ", usage);
	size_t first_line = strcspn(help, "\n");
	if (column < FL_HELP_COLUMN)
		fprintf(out, "%*s", FL_HELP_COLUMN - column, "");
	else if (column + 2 + (int)first_line <= FL_HELP_WIDTH)
		fputs("  ", out);
	else
		fprintf(out, "\n%*s", FL_HELP_COLUMN, "");
	for (const char *line = help;;) {
		size_t length = strcspn(line, "\n");
		fprintf(out, "%.*s\n", (int)length, line);
		if (!line[length])
			break;
		line += length + 1;
		fprintf(out, "%*s", FL_HELP_COLUMN, "");
	}
}

void fl_options_print_help(FILE *out)
{
	fputs(fl_help_intro, out);
	for (size_t i = 0; i < fl_options_count; i++) {
		if (fl_options[i].usage)
			fl_print_help_row(out, fl_options[i].usage, fl_options[i].help);
		else
			fprintf(out, "\n%s\n", fl_options[i].help);
	}
	fputs(fl_help_outro, out);
}
