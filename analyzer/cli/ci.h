/* The command line's CI and editor options (README "CI and editors"),
 * kept out of main.c: --format sarif's companions, gating, config, project
 * files, --explain.  main.c parses with these and calls, in order,
 * fl_ci_prepare (before the engine), fl_ci_after_run (between the engine
 * and the report). */
#ifndef FL_CI_H
#define FL_CI_H

#include <getopt.h>
#include <stdbool.h>

#include "report/baseline.h"
#include "sources/config.h"
#include "engine.h"
#include "report/report.h"
#include "sources/unit_args.h"

/* Long option ids, above main.c's own. */
enum {
	FL_OPT_EXPLAIN = 1000,
	FL_OPT_EXIT_ZERO,
	FL_OPT_REPORT_UNUSED,
	FL_OPT_BASELINE,
	FL_OPT_WRITE_BASELINE,
	FL_OPT_CONFIG,
	FL_OPT_NO_CONFIG,
	FL_OPT_ROOT,
	FL_OPT_COMPILE_COMMANDS,
	FL_OPT_PROJECT,
	FL_OPT_CONFIGURATION,
	FL_OPT_PLATFORM,
	FL_OPT_INCLUDE_USER_MODE,
	FL_OPT_STRICT_PARSE,
};

#define FL_CI_LONG_OPTIONS                                                          \
	{"explain", required_argument, NULL, FL_OPT_EXPLAIN},                       \
	{"exit-zero", no_argument, NULL, FL_OPT_EXIT_ZERO},                         \
	{"report-unused-suppressions", no_argument, NULL, FL_OPT_REPORT_UNUSED},    \
	{"baseline", required_argument, NULL, FL_OPT_BASELINE},                     \
	{"write-baseline", required_argument, NULL, FL_OPT_WRITE_BASELINE},         \
	{"config", required_argument, NULL, FL_OPT_CONFIG},                         \
	{"no-config", no_argument, NULL, FL_OPT_NO_CONFIG},                         \
	{"root", required_argument, NULL, FL_OPT_ROOT},                             \
	{"compile-commands", required_argument, NULL, FL_OPT_COMPILE_COMMANDS},     \
	{"project", required_argument, NULL, FL_OPT_PROJECT},                       \
	{"configuration", required_argument, NULL, FL_OPT_CONFIGURATION},           \
	{"platform", required_argument, NULL, FL_OPT_PLATFORM},                     \
	{"include-user-mode", no_argument, NULL, FL_OPT_INCLUDE_USER_MODE},        \
	{"strict-parse", no_argument, NULL, FL_OPT_STRICT_PARSE},

#define FL_CI_OPTION_CASES                                                          \
	case FL_OPT_EXPLAIN: case FL_OPT_EXIT_ZERO: case FL_OPT_REPORT_UNUSED:      \
	case FL_OPT_BASELINE: case FL_OPT_WRITE_BASELINE: case FL_OPT_CONFIG:       \
	case FL_OPT_NO_CONFIG: case FL_OPT_ROOT: case FL_OPT_COMPILE_COMMANDS:      \
	case FL_OPT_PROJECT: case FL_OPT_CONFIGURATION: case FL_OPT_PLATFORM:       \
	case FL_OPT_INCLUDE_USER_MODE: case FL_OPT_STRICT_PARSE:

#define FL_CI_USAGE                                                                           \
	"\n"                                                                                  \
	"CI and editors (docs/sarif.md, docs/suppressions.md, docs/config.md):\n"            \
	"      --exit-zero         exit 0 even when findings are at or above --fail-on\n"    \
	"      --report-unused-suppressions  report fltlint: ignore comments that\n"         \
	"                          suppress nothing\n"                                       \
	"      --write-baseline FILE  record today's findings in FILE\n"                     \
	"      --baseline FILE     report (and fail on) only findings FILE does not hold\n"  \
	"      --config FILE       read FILE instead of the .fltlint found above the PATHs\n" \
	"      --no-config         read no config file\n"                                    \
	"      --root DIR          the project root SARIF paths and fingerprints are\n"      \
	"                          relative to (default: config folder, else git top)\n"     \
	"  -p DIR, --compile-commands FILE  analyze what compile_commands.json lists,\n"     \
	"                          with each source's include folders and defines\n"        \
	"      --project FILE      analyze a .vcxproj or .sln (also accepted as a PATH)\n"   \
	"      --configuration C   its configuration (default Release)\n"                   \
	"      --platform P        its platform (default x64)\n"                            \
	"      --include-user-mode also analyze sources that include <windows.h> and no\n"   \
	"                          kernel header (skipped in folders by default)\n"          \
	"      --strict-parse      exit 2 also for a unit analyzed with clang errors\n"      \
	"                          (code MSVC accepts, a header missing here)\n"            \
	"      --explain RULE      print the rule's documentation page\n"                    \
	"      --list-rules -f json  the rules as JSON\n"                                    \
	"\n"

struct fl_ci {
	bool exit_zero;
	bool report_unused;
	bool no_config;
	bool include_user_mode;
	bool strict_parse;        /* --strict-parse, or the config's "strict_parse" */
	const char *explain;
	const char *baseline_path, *write_baseline;
	const char *config_path;  /* --config */
	const char *root_option;  /* --root */
	struct fl_strv compile_commands; /* -p, --compile-commands */
	struct fl_strv projects;  /* --project, and .vcxproj/.sln PATHs */
	const char *configuration, *platform;

	/* Filled by fl_ci_prepare. */
	struct fl_config config;
	bool has_config;
	char *root;
	struct fl_baseline *baseline;
	struct fl_unit_args_list unit_args;
	struct fl_input_errors errors;  /* project files' problems, merged into the result */
	struct fl_strv named;           /* PATHs as named: never skipped as user-mode */
	bool progress_shown;
	size_t progress_total;
	double progress_started;
};

/* One option (or -p).  Returns -1 after a usage error. */
int fl_ci_option(int option, const char *arg, struct fl_ci *ci);
bool fl_ci_has_project(const struct fl_ci *ci);

/* Before the engine: reads the config, project files and baseline; fills
 * the engine's paths, per-unit arguments, extra -I/-D, source filter and
 * progress line.  Returns -1 after an error said on stderr (exit 2). */
int fl_ci_prepare(struct fl_ci *ci, struct fl_engine_options *engine);

/* After the engine, before the report (finding_filter.h).  Returns -1 after an error
 * said on stderr. */
int fl_ci_after_run(struct fl_ci *ci, struct fl_engine_result *result, struct fl_report_info *info);

/* Whether the run's input errors make the exit code 2: a unit that could
 * not be analyzed always does; one analyzed with clang errors only under
 * --strict-parse. */
bool fl_ci_input_failed(const struct fl_ci *ci, const struct fl_input_errors *errors);

/* --explain: prints the page; 0, or 2 for an unknown rule. */
int fl_ci_explain(const struct fl_ci *ci);

void fl_ci_free(struct fl_ci *ci);

#endif
