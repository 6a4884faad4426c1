/* The command line's CI and editor options (README "CI and editors"),
 * kept out of main.c: --format sarif's companions, gating, config, project
 * files, --explain (their rows are in options.c).  main.c hands them to
 * fl_ci_option and calls, in order, fl_ci_prepare (before the engine),
 * fl_ci_after_run (between the engine and the report). */
#ifndef FL_CI_H
#define FL_CI_H

#include <stdbool.h>

#include "cli/options.h"
#include "report/baseline.h"
#include "sources/config.h"
#include "engine.h"
#include "report/report.h"
#include "sources/unit_args.h"

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

/* One of the options from FL_OPT_EXIT_ZERO on.  Returns -1 after a usage
 * error. */
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
