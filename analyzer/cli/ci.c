/* The CI and editor options (ci.h). */
#include "cli/ci.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "parse/wdk.h"
#include "sources/compdb.h"
#include "report/finding_filter.h"
#include "sources/project.h"
#include "rule.h"
#include "report/ruledoc.h"
#include "sources/vcxproj.h"

static int fl_ci_usage(const char *format, const char *arg)
{
	fputs("fltlint: ", stderr);
	fprintf(stderr, format, arg);
	fputs("\nTry 'fltlint --help' for more information.\n", stderr);
	return -1;
}

static bool fl_is_vs_file(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (fl_str_iequal(dot, ".vcxproj") || fl_str_iequal(dot, ".sln"));
}

int fl_ci_option(int option, const char *arg, struct fl_ci *ci)
{
	switch (option) {
	case FL_OPT_EXPLAIN:
		ci->explain = arg;
		break;
	case FL_OPT_EXIT_ZERO:
		ci->exit_zero = true;
		break;
	case FL_OPT_REPORT_UNUSED:
		ci->report_unused = true;
		break;
	case FL_OPT_BASELINE:
		ci->baseline_path = arg;
		break;
	case FL_OPT_WRITE_BASELINE:
		ci->write_baseline = arg;
		break;
	case FL_OPT_CONFIG:
		ci->config_path = arg;
		ci->no_config = false;
		break;
	case FL_OPT_NO_CONFIG:
		ci->no_config = true;
		ci->config_path = NULL;
		break;
	case FL_OPT_ROOT:
		if (access(arg, F_OK) != 0)
			return fl_ci_usage("--root wants an existing folder, not '%s'", arg);
		ci->root_option = arg;
		break;
	case FL_OPT_COMPILE_COMMANDS:
		fl_strv_push(&ci->compile_commands, arg);
		break;
	case FL_OPT_PROJECT:
		if (!fl_is_vs_file(arg))
			return fl_ci_usage("--project wants a .vcxproj or .sln file, not '%s'", arg);
		fl_strv_push(&ci->projects, arg);
		break;
	case FL_OPT_CONFIGURATION:
		ci->configuration = arg;
		break;
	case FL_OPT_PLATFORM:
		ci->platform = arg;
		break;
	case FL_OPT_INCLUDE_USER_MODE:
		ci->include_user_mode = true;
		break;
	case FL_OPT_STRICT_PARSE:
		ci->strict_parse = true;
		break;
	}
	return 0;
}

bool fl_ci_input_failed(const struct fl_ci *ci, const struct fl_input_errors *errors)
{
	bool strict = ci->strict_parse || (ci->has_config && ci->config.strict_parse);
	return fl_input_errors_count(errors, FL_INPUT_NOT_ANALYZED) > 0 ||
	       (strict && fl_input_errors_count(errors, FL_INPUT_PARSE) > 0);
}

bool fl_ci_has_project(const struct fl_ci *ci)
{
	return ci->compile_commands.count || ci->projects.count;
}

/* The engine's source filter: config excludes, then user-mode sources met
 * inside folders (a file named on the command line or by a project file is
 * always analyzed). */
static enum fl_skip fl_ci_skip_source(void *context, const char *path, const struct fl_strv *tree_headers)
{
	struct fl_ci *ci = context;
	if (ci->has_config && fl_config_excludes(&ci->config, path))
		return FL_SKIP_EXCLUDED;
	if (ci->include_user_mode)
		return FL_SKIP_NONE;
	for (size_t i = 0; i < ci->named.count; i++)
		if (strcmp(ci->named.items[i], path) == 0)
			return FL_SKIP_NONE;
	return fl_project_is_user_mode(path, tree_headers) ? FL_SKIP_USER_MODE : FL_SKIP_NONE;
}

/* A progress line on a terminal, once a run has taken a second; erased at
 * the end so that the report's lines stay clean. */
static void fl_ci_progress(void *context, size_t done, size_t total)
{
	struct fl_ci *ci = context;
	if (!ci->progress_started)
		ci->progress_started = fl_monotonic_seconds();
	if (done >= total) {
		if (ci->progress_shown)
			fputs("\r\033[K", stderr);
		ci->progress_shown = false;
		return;
	}
	if (fl_monotonic_seconds() - ci->progress_started < 1.0)
		return;
	fprintf(stderr, "\r\033[Kfltlint: parsed %zu of %zu units", done, total);
	fflush(stderr);
	ci->progress_shown = true;
}

int fl_ci_prepare(struct fl_ci *ci, struct fl_engine_options *engine)
{
	/* .vcxproj and .sln named as PATHs are project files. */
	size_t kept = 0;
	for (size_t i = 0; i < engine->paths.count; i++) {
		if (fl_is_vs_file(engine->paths.items[i])) {
			fl_strv_push_owned(&ci->projects, engine->paths.items[i]);
		} else {
			fl_strv_push(&ci->named, engine->paths.items[i]);
			engine->paths.items[kept++] = engine->paths.items[i];
		}
	}
	engine->paths.count = kept;

	/* The config: named, or found above the paths (or the project files). */
	char *config_path = NULL;
	if (ci->config_path) {
		config_path = fl_xstrdup(ci->config_path);
	} else if (!ci->no_config) {
		struct fl_strv around = { 0 };
		for (size_t i = 0; i < engine->paths.count; i++)
			fl_strv_push(&around, engine->paths.items[i]);
		for (size_t i = 0; i < ci->projects.count; i++)
			fl_strv_push(&around, ci->projects.items[i]);
		for (size_t i = 0; i < ci->compile_commands.count; i++)
			fl_strv_push(&around, ci->compile_commands.items[i]);
		config_path = fl_config_find(&around);
		fl_strv_free(&around);
	}
	if (config_path) {
		char *error = NULL;
		if (fl_config_load(config_path, &ci->config, &error) != 0) {
			fprintf(stderr, "fltlint: bad config: %s\n", error);
			free(error);
			free(config_path);
			return -1;
		}
		ci->has_config = true;
		for (size_t i = 0; i < ci->config.include_dirs.count; i++)
			fl_strv_push_owned(&engine->clang_args, fl_xasprintf("-I%s", ci->config.include_dirs.items[i]));
		for (size_t i = 0; i < ci->config.defines.count; i++)
			fl_strv_push_owned(&engine->clang_args, fl_xasprintf("-D%s", ci->config.defines.items[i]));
		if (engine->verbose)
			fprintf(stderr, "fltlint: config %s\n", config_path);
	}
	ci->root = fl_project_root(ci->root_option, config_path);
	free(config_path);

	/* Project files: their sources become PATHs, with their own arguments. */
	struct fl_strv notes = { 0 };
	for (size_t i = 0; i < ci->compile_commands.count; i++) {
		char *error = NULL;
		if (fl_compdb_load(ci->compile_commands.items[i], &ci->unit_args, &ci->errors, &error) != 0) {
			fprintf(stderr, "fltlint: %s\n", error);
			free(error);
			return -1;
		}
	}
	struct fl_vs_options vs = { ci->configuration, ci->platform };
	for (size_t i = 0; i < ci->projects.count; i++) {
		char *error = NULL;
		if (fl_vs_load(ci->projects.items[i], &vs, &ci->unit_args, &ci->errors, &notes, &error) != 0) {
			fprintf(stderr, "fltlint: %s\n", error);
			free(error);
			fl_strv_free(&notes);
			return -1;
		}
	}
	/* Without a project, the configuration and platform still mean their
	 * implicit defines: `--configuration Debug` sees code under `#if DBG`. */
	if (!ci->projects.count)
		fl_vs_implicit_defines(ci->configuration, ci->platform, &engine->clang_args);
	for (size_t i = 0; engine->verbose && i < notes.count; i++)
		fprintf(stderr, "fltlint: project: %s\n", notes.items[i]);
	fl_strv_free(&notes);
	for (size_t i = 0; i < ci->unit_args.count; i++) {
		fl_strv_push(&engine->paths, ci->unit_args.items[i].path);
		fl_strv_push(&ci->named, ci->unit_args.items[i].path);
	}
	if (fl_ci_has_project(ci)) {
		engine->unit_args = &ci->unit_args;
		/* The facts cache keys on the shared arguments only: a unit's own
		 * would not be part of its key, so no cache with project files. */
		engine->cache_dir = NULL;
		if (!engine->paths.count && !ci->errors.count) {
			fprintf(stderr, "fltlint: the project files list no C/C++ source\n");
			return -1;
		}
	}

	if (ci->baseline_path) {
		char *error = NULL;
		ci->baseline = fl_baseline_read(ci->baseline_path, &error);
		if (!ci->baseline) {
			fprintf(stderr, "fltlint: %s\n", error);
			free(error);
			return -1;
		}
	}
	engine->skip_source = fl_ci_skip_source;
	engine->skip_context = ci;
	if (isatty(STDERR_FILENO) && !engine->verbose) {
		engine->progress = fl_ci_progress;
		engine->progress_context = ci;
	}
	return 0;
}

int fl_ci_after_run(struct fl_ci *ci, struct fl_engine_result *result, struct fl_report_info *info)
{
	/* The project files' problems are input errors of the run. */
	for (size_t i = 0; i < ci->errors.count; i++)
		fl_input_error_add_at(&result->errors, ci->errors.items[i].file, ci->errors.items[i].line, "%s",
				      ci->errors.items[i].message);
	fl_input_errors_sort(&result->errors);
	if (!ci->root)
		ci->root = fl_project_root(ci->root_option, NULL);
	struct fl_finding_filter filter = {
		.config = ci->has_config ? &ci->config : NULL,
		.root = ci->root,
		.wdk_dir = fl_wdk_bundled_dir(),
		.report_unused_suppressions = ci->report_unused,
		.baseline = ci->baseline,
		.write_baseline = ci->write_baseline,
	};
	char *error = NULL;
	if (fl_finding_filter_apply(&filter, result, info, &error) != 0) {
		fprintf(stderr, "fltlint: %s\n", error);
		free(error);
		return -1;
	}
	return 0;
}

int fl_ci_explain(const struct fl_ci *ci)
{
	const struct fl_rule *rule = fl_rule_find(ci->explain);
	const char *page = fl_rule_doc(ci->explain);
	if (!rule) {
		fprintf(stderr, "fltlint: no rule '%s' (see fltlint --list-rules)\n", ci->explain);
		return 2;
	}
	if (page)
		fputs(page, stdout);
	else
		printf("# %s\n\n%s\n\n(This rule has no documentation page yet.)\n", rule->id, rule->summary);
	return ferror(stdout) ? 2 : 0;
}

void fl_ci_free(struct fl_ci *ci)
{
	fl_strv_free(&ci->compile_commands);
	fl_strv_free(&ci->projects);
	fl_strv_free(&ci->named);
	if (ci->has_config)
		fl_config_free(&ci->config);
	free(ci->root);
	fl_baseline_free(ci->baseline);
	fl_unit_args_free(&ci->unit_args);
	fl_input_errors_free(&ci->errors);
	memset(ci, 0, sizeof(*ci));
}
