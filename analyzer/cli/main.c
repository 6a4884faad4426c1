/* fltlint's command line: options in, fl_engine_run, a report out, an exit
 * code.  Nothing here knows about C or libclang; keep it that way. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "parse/cache.h"
#include "cli/ci.h"
#include "cli/fix.h"
#include "cli/lsp_host.h"
#include "cli/options.h"
#include "sources/discover.h"
#include "engine.h"
#include "findings.h"
#include "inf/inf.h"
#include "report/report.h"
#include "rule.h"
#include "util.h"
#include "parse/wdk.h"

/* Exit codes (README.md "Exit codes"). */
enum {
	FL_EXIT_CLEAN = 0,    /* nothing at or above --fail-on */
	FL_EXIT_FINDINGS = 1, /* something at or above --fail-on */
	FL_EXIT_TROUBLE = 2,  /* usage, internal error, or a file not analyzed */
};

/* Usage errors: one line saying what, one saying where to look.  Returns
 * -1 for fl_parse_args to pass on. */
static int fl_usage_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

static int fl_usage_error(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fputs("fltlint: ", stderr);
	vfprintf(stderr, format, args);
	va_end(args);
	fputs("\nTry 'fltlint --help' for more information.\n", stderr);
	return -1;
}

enum fl_action {
	FL_ACTION_ANALYZE,
	FL_ACTION_HELP,
	FL_ACTION_VERSION,
	FL_ACTION_LIST_RULES,
	FL_ACTION_SHOW_HEADERS,
	FL_ACTION_STACK,
	FL_ACTION_EXPLAIN, /* --explain RULE */
};

struct fl_cli {
	enum fl_action action;
	bool json;
	const char *output;
	enum fl_severity fail_on;
	struct fl_engine_options engine;
	/* speed and scale */
	bool link;       /* `fltlint link DIR...` */
	bool no_cache;
	char *cache_dir; /* --cache, or the default folder */
	int stats;       /* --stats: 1 text, 2 json */
	/* CI and editors (ci.h) */
	bool sarif;      /* --format sarif */
	bool fix;        /* --fix: apply the fixes (fix.h) instead of a report */
	bool diff;       /* --diff: with --fix, print them as a diff */
	struct fl_ci ci;
};

/* --cache, --no-cache, --stats, --facts-out, --shard.  Returns -1 after a
 * usage error. */
static int fl_speed_option(int option, const char *arg, struct fl_cli *cli);

/* --max-memory, --allow-include.  Returns -1 after a usage error. */
static int fl_bounds_option(int option, const char *arg, struct fl_cli *cli);

static bool fl_parse_jobs(const char *text, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long value = strtoul(text, &end, 10);
	if (errno || end == text || *end || text[0] == '-' || value < 1 || value > 4096)
		return false;
	*out = (unsigned)value;
	return true;
}

static bool fl_parse_seconds(const char *text, double *out)
{
	char *end;
	errno = 0;
	double value = strtod(text, &end);
	if (errno || end == text || *end || !isfinite(value) || value <= 0)
		return false;
	*out = value;
	return true;
}

/* One option, as its id (or getopt_long's ':' or '?'); returns -1 after
 * printing a usage error. */
static int fl_take_option(int option, char **argv, struct fl_cli *cli)
{
	switch (option) {
	case FL_OPT_JOBS:
		if (!fl_parse_jobs(optarg, &cli->engine.jobs))
			return fl_usage_error("--jobs wants a number from 1 to 4096, not '%s'",
					      optarg);
		break;
	case FL_OPT_FORMAT:
		cli->json = cli->sarif = false;
		if (strcmp(optarg, "json") == 0)
			cli->json = true;
		else if (strcmp(optarg, "sarif") == 0)
			cli->sarif = true;
		else if (strcmp(optarg, "text") != 0)
			return fl_usage_error("--format wants text, json or sarif, not '%s'", optarg);
		break;
	case FL_OPT_OUTPUT:
		cli->output = optarg;
		break;
	case FL_OPT_INCLUDE_DIR:
		fl_strv_push_owned(&cli->engine.clang_args, fl_xasprintf("-I%s", optarg));
		break;
	case FL_OPT_DEFINE:
		fl_strv_push_owned(&cli->engine.clang_args, fl_xasprintf("-D%s", optarg));
		break;
	case FL_OPT_UNDEFINE:
		fl_strv_push_owned(&cli->engine.clang_args, fl_xasprintf("-U%s", optarg));
		break;
	case FL_OPT_INCLUDE:
		fl_strv_push(&cli->engine.clang_args, "-include");
		fl_strv_push(&cli->engine.clang_args, optarg);
		break;
	case FL_OPT_WDK_INCLUDE:
		fl_strv_push(&cli->engine.wdk_include, optarg);
		break;
	case FL_OPT_VERBOSE:
		cli->engine.verbose = true;
		break;
	case FL_OPT_FAIL_ON:
		if (fl_severity_parse(optarg, &cli->fail_on) != 0)
			return fl_usage_error("--fail-on wants note, warning or error, not '%s'",
					      optarg);
		break;
	case FL_OPT_TIMEOUT:
		if (!fl_parse_seconds(optarg, &cli->engine.timeout_seconds))
			return fl_usage_error("--timeout wants a number of seconds above 0, not '%s'",
					      optarg);
		break;
	case FL_OPT_CACHE:
	case FL_OPT_NO_CACHE:
	case FL_OPT_STATS:
	case FL_OPT_FACTS_OUT:
	case FL_OPT_SHARD:
		if (fl_speed_option(option, optarg, cli) != 0)
			return -1;
		break;
	case FL_OPT_MAX_MEMORY:
	case FL_OPT_ALLOW_INCLUDE:
		if (fl_bounds_option(option, optarg, cli) != 0)
			return -1;
		break;
	case FL_OPT_FIX:
		cli->fix = true;
		break;
	case FL_OPT_DIFF:
		cli->diff = true;
		break;
	case FL_OPT_HELP:
		cli->action = FL_ACTION_HELP;
		break;
	case FL_OPT_VERSION:
		cli->action = FL_ACTION_VERSION;
		break;
	case FL_OPT_LIST_RULES:
		cli->action = FL_ACTION_LIST_RULES;
		break;
	case FL_OPT_SHOW_HEADERS:
		cli->action = FL_ACTION_SHOW_HEADERS;
		break;
	case FL_OPT_STACK:
		cli->action = FL_ACTION_STACK;
		break;
	case ':':
		return fl_usage_error("option '%s' needs an argument", argv[optind - 1]);
	case '?':
		if (optopt)
			return fl_usage_error("unknown option '-%c'", optopt);
		return fl_usage_error("unknown option '%s'", argv[optind - 1]);
	default: /* the rest, from FL_OPT_EXIT_ZERO on, are the CI and editor options */
		if (fl_ci_option(option, optarg, &cli->ci) != 0)
			return -1;
		if (option == FL_OPT_EXPLAIN)
			cli->action = FL_ACTION_EXPLAIN;
		break;
	}
	return 0;
}

/* Fills `cli`; returns -1 after printing a usage error. */
static int fl_parse_args(int argc, char **argv, struct fl_cli *cli)
{
	opterr = 0; /* our own messages, in the usage-error form */
	struct fl_getopt options;
	fl_getopt_make(&options);
	int status = 0, returned;
	while (status == 0 && (returned = getopt_long(argc, argv, options.short_options,
						       options.long_options, NULL)) != -1)
		status = fl_take_option(fl_option_id_of(returned), argv, cli);
	fl_getopt_free(&options);
	if (status != 0)
		return status;
	for (int i = optind; i < argc; i++)
		fl_strv_push(&cli->engine.paths, argv[i]);
	if ((cli->action == FL_ACTION_ANALYZE || cli->action == FL_ACTION_STACK) &&
	    !cli->engine.paths.count && !fl_ci_has_project(&cli->ci))
		return fl_usage_error("no PATH to analyze");
	if (cli->diff && !cli->fix)
		return fl_usage_error("--diff goes with --fix");
	if (cli->fix && (cli->link || cli->engine.facts_out))
		return fl_usage_error("--fix needs the sources: it does not go with 'link' or --facts-out");
	return 0;
}

static int fl_list_rules(void)
{
	int width = 0;
	for (size_t i = 0; fl_rules[i]; i++)
		if ((int)strlen(fl_rules[i]->id) > width)
			width = (int)strlen(fl_rules[i]->id);
	for (size_t i = 0; fl_rules[i]; i++) {
		const struct fl_rule *rule = fl_rules[i];
		char msvc[16] = "-";
		if (rule->msvc_warning)
			snprintf(msvc, sizeof(msvc), "C%d", rule->msvc_warning);
		printf("%-*s  %-7s  %-6s  %s\n", width, rule->id, fl_severity_name(rule->severity), msvc,
		       rule->summary);
	}
	return ferror(stdout) ? FL_EXIT_TROUBLE : FL_EXIT_CLEAN;
}

/* --stack: the filter stack the named INF files (or the INFs in named
 * folders) describe, highest altitude first.  No code is parsed. */
static int fl_stack(const struct fl_cli *cli)
{
	struct fl_sources found = {0};
	struct fl_input_errors errors = {0};
	fl_discover(&cli->engine.paths, &found, &errors);
	size_t count = 0;
	struct fl_inf **infs = fl_xcalloc(found.infs.count, sizeof(*infs));
	for (size_t i = 0; i < found.infs.count; i++) {
		struct fl_inf *inf = fl_inf_read(found.infs.items[i], &errors);
		if (inf)
			infs[count++] = inf;
	}
	if (!found.infs.count && !errors.count)
		fl_input_error_add(&errors, cli->engine.paths.items[0], "no INF file (.inf, .inx) to read");
	int status = FL_EXIT_CLEAN;
	if (count && fl_inf_print_stack(stdout, infs, count) != 0) {
		fprintf(stderr, "fltlint: cannot write the stack: %s\n", strerror(errno));
		status = FL_EXIT_TROUBLE;
	}
	fl_input_errors_sort(&errors);
	fl_report_input_errors(stderr, &errors, false);
	if (errors.count)
		status = FL_EXIT_TROUBLE;
	for (size_t i = 0; i < count; i++)
		fl_inf_free(infs[i]);
	free(infs);
	fl_input_errors_free(&errors);
	fl_sources_free(&found);
	return status;
}

/* --output: the report goes to a temporary file beside FILE, renamed over it
 * once complete, so that a failed or interrupted run leaves the previous
 * report and no partial one. */
struct fl_output {
	char *path;
	char *temp;
	FILE *file;
};

/* The temporary file's name, for the signal handler; only the process that
 * created it removes it (engine workers inherit the handler). */
static char *volatile fl_output_temp;
static pid_t fl_output_owner;

static void fl_output_on_signal(int signal_number)
{
	if (fl_output_temp && getpid() == fl_output_owner)
		unlink(fl_output_temp);
	signal(signal_number, SIG_DFL);
	raise(signal_number);
}

static int fl_output_open(struct fl_output *output, const char *path)
{
	output->path = fl_xstrdup(path);
	const char *slash = strrchr(path, '/');
	if (slash)
		output->temp = fl_xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		output->temp = fl_xasprintf(".%s.XXXXXX", path);
	int fd = mkstemp(output->temp);
	if (fd < 0) {
		fprintf(stderr, "fltlint: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* mkstemp makes the file private; a report is as readable as any file
	 * the user creates. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	output->file = fdopen(fd, "w");
	if (!output->file) {
		close(fd);
		unlink(output->temp);
		fprintf(stderr, "fltlint: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	fl_output_owner = getpid();
	fl_output_temp = output->temp;
	struct sigaction action = {.sa_handler = fl_output_on_signal};
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGHUP, &action, NULL);
	/* A file size limit (RLIMIT_FSIZE) reached is a write error like a
	 * full disk, which removes the partial report, not a kill that leaves it. */
	signal(SIGXFSZ, SIG_IGN);
	return 0;
}

/* Renames the complete report into place when `ok`, else removes it. */
static int fl_output_close(struct fl_output *output, bool ok)
{
	int status = 0;
	if (output->file) {
		int error = 0;
		if (fflush(output->file) != 0 || ferror(output->file) || fsync(fileno(output->file)) != 0)
			error = errno ? errno : EIO;
		if (fclose(output->file) != 0 && !error)
			error = errno;
		if (ok && !error && rename(output->temp, output->path) != 0)
			error = errno;
		if (ok && error)
			fprintf(stderr, "fltlint: cannot write %s: %s\n", output->path, strerror(error));
		if (!ok || error) {
			unlink(output->temp);
			status = -1;
		}
		fl_output_temp = NULL;
	}
	free(output->path);
	free(output->temp);
	return status;
}

/* ---- hostile input: a unit's bounds, and what it may include ---- */

static int fl_bounds_option(int option, const char *arg, struct fl_cli *cli)
{
	if (option == FL_OPT_MAX_MEMORY) {
		char *end;
		errno = 0;
		unsigned long value = strtoul(arg, &end, 10);
		/* At least 256 MB: libclang and the PCH need that much to start. */
		if (errno || end == arg || *end || arg[0] == '-' || (value != 0 && value < 256) || value > 1048576)
			return fl_usage_error("--max-memory wants megabytes from 256 to 1048576, or 0 for no "
					      "limit, not '%s'", arg);
		cli->engine.max_memory_mb = (unsigned)value;
	} else {
		struct stat info;
		if (stat(arg, &info) != 0 || !S_ISDIR(info.st_mode))
			return fl_usage_error("--allow-include wants a folder, not '%s'", arg);
		fl_strv_push(&cli->engine.allow_include, arg);
	}
	return 0;
}

/* ---- speed and scale: the cache, --stats, shards and `link` ---- */

static bool fl_parse_shard(const char *text, unsigned *index, unsigned *count)
{
	char *slash, *end;
	errno = 0;
	unsigned long k = strtoul(text, &slash, 10);
	if (errno || slash == text || *slash != '/' || text[0] == '-' || slash[1] == '-')
		return false;
	unsigned long n = strtoul(slash + 1, &end, 10);
	if (errno || end == slash + 1 || *end || k < 1 || n < 1 || k > n || n > 100000)
		return false;
	*index = (unsigned)k;
	*count = (unsigned)n;
	return true;
}

static int fl_speed_option(int option, const char *arg, struct fl_cli *cli)
{
	switch (option) {
	case FL_OPT_CACHE:
		if (!arg[0])
			return fl_usage_error("--cache wants a folder");
		free(cli->cache_dir);
		cli->cache_dir = fl_xstrdup(arg);
		cli->no_cache = false;
		break;
	case FL_OPT_NO_CACHE:
		cli->no_cache = true;
		break;
	case FL_OPT_STATS:
		if (!arg || strcmp(arg, "text") == 0)
			cli->stats = 1;
		else if (strcmp(arg, "json") == 0)
			cli->stats = 2;
		else
			return fl_usage_error("--stats wants text or json, not '%s'", arg);
		break;
	case FL_OPT_FACTS_OUT:
		if (!arg[0])
			return fl_usage_error("--facts-out wants a folder");
		cli->engine.facts_out = arg;
		break;
	case FL_OPT_SHARD:
		if (!fl_parse_shard(arg, &cli->engine.shard_index, &cli->engine.shard_count))
			return fl_usage_error("--shard wants K/N with 1 <= K <= N, not '%s'", arg);
		break;
	}
	return 0;
}

/* After the options: the cache folder, and what `link` cannot take. */
static int fl_speed_finish(struct fl_cli *cli)
{
	if (cli->link && (cli->engine.facts_out || cli->engine.shard_count))
		return fl_usage_error("link takes the facts folders, not --facts-out or --shard");
	if (cli->no_cache || cli->link) {
		free(cli->cache_dir);
		cli->cache_dir = NULL;
	} else if (!cli->cache_dir) {
		cli->cache_dir = fl_cache_default_dir();
	}
	cli->engine.cache_dir = cli->cache_dir;
	return 0;
}

static void fl_shard_summary(const struct fl_cli *cli, const struct fl_engine_result *result)
{
	const struct fl_engine_stats *stats = &result->stats;
	fprintf(stderr, "fltlint: shard %u/%u: %zu of the units (%zu parsed, %zu from the cache), "
			"%zu not analyzed; facts in %s\n",
		cli->engine.shard_count ? cli->engine.shard_index : 1,
		cli->engine.shard_count ? cli->engine.shard_count : 1, stats->units, stats->parsed,
		stats->cache_hits, result->errors.count, cli->engine.facts_out);
}

/* --stats: where the time went, and memory (peak resident sets: this process;
 * the largest worker, from wait4). */
static void fl_print_stats(const struct fl_cli *cli, const struct fl_engine_result *result, double report)
{
	const struct fl_engine_stats *s = &result->stats;
	struct rusage self, children;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &children);
	double cpu = (double)self.ru_utime.tv_sec + self.ru_utime.tv_usec / 1e6 +
		     (double)self.ru_stime.tv_sec + self.ru_stime.tv_usec / 1e6;
	if (cli->stats == 2) {
		fprintf(stderr,
			"{\"fltlint_stats\": 1, \"units\": %zu, \"parsed\": %zu, \"cache_hits\": %zu, "
			"\"cache_misses\": %zu, \"cache_rejected\": %zu, \"cache_stored\": %zu, "
			"\"pch_hits\": %zu, \"pch_stored\": %zu, \"workers_started\": %zu, "
			"\"pch_units\": {\"used\": %zu, \"unfit\": %zu, \"retried\": %zu, \"absent\": %zu}, "
			"\"seconds\": {\"discover\": %.6f, \"cache_lookup\": %.6f, \"prepare\": %.6f, "
			"\"parse\": %.6f, \"facts\": %.6f, \"cache_store\": %.6f, \"link\": %.6f, "
			"\"rules\": %.6f, \"report\": %.6f, \"engine_total\": %.6f}, "
			"\"cpu_seconds\": {\"main\": %.6f, \"workers\": %.6f}, "
			"\"max_rss_kb\": {\"main\": %ld, \"largest_worker\": %ld}}\n",
			s->units, s->parsed, s->cache_hits, s->cache_misses, s->cache_rejected, s->cache_stored,
			s->pch_hits, s->pch_stored, s->workers_started, s->pch_used, s->pch_unfit, s->pch_retried,
			s->pch_absent, s->discover, s->lookup, s->prepare, s->parse, s->facts, s->store, s->link, s->rules, report,
			s->total, cpu, s->worker_cpu, self.ru_maxrss, children.ru_maxrss);
		return;
	}
	fprintf(stderr,
		"fltlint: stats: %zu units, %zu parsed, cache %zu hit%s %zu miss%s (%zu rejected, %zu stored), "
		"precompiled WDK headers %zu from the cache, %zu stored; parsed with them %zu, without %zu "
		"(a define first or own arguments), again without after errors %zu, none for the language %zu\n"
		"fltlint: stats: seconds: discover %.3f, cache lookup %.3f, prepare %.3f, parse %.3f "
		"(of which facts %.3f), cache store %.3f, link %.3f, rules %.3f, report %.3f, total %.3f\n"
		"fltlint: stats: cpu: main %.3f s, workers %.3f s; peak RSS: main %ld KB, largest worker %ld KB\n",
		s->units, s->parsed, s->cache_hits, s->cache_hits == 1 ? "" : "s", s->cache_misses,
		s->cache_misses == 1 ? "" : "es", s->cache_rejected, s->cache_stored, s->pch_hits, s->pch_stored,
		s->pch_used, s->pch_unfit, s->pch_retried, s->pch_absent, s->discover, s->lookup,
		s->prepare, s->parse, s->facts, s->store, s->link, s->rules, report, s->total + report, cpu,
		s->worker_cpu, self.ru_maxrss, children.ru_maxrss);
}

static int fl_analyze(struct fl_cli *cli)
{
	struct fl_output output = {0};
	FILE *out = stdout;
	if (cli->output) {
		/* Opened before the analysis: a folder we cannot write to should
		 * stop the run before it spends minutes. */
		if (fl_output_open(&output, cli->output) != 0) {
			fl_output_close(&output, false);
			return FL_EXIT_TROUBLE;
		}
		out = output.file;
	}
	cli->engine.log = stderr;

	struct fl_engine_result result = {0};
	bool ok = (cli->link ? fl_engine_link(&cli->engine.paths, &result)
			     : fl_engine_run(&cli->engine, &result)) == 0;
	if (ok && cli->engine.facts_out) {
		/* No report: the facts are the output (an -o file is not made). */
		if (cli->output)
			fl_output_close(&output, false);
		fl_shard_summary(cli, &result);
		if (cli->stats)
			fl_print_stats(cli, &result, 0);
		fl_engine_result_free(&result);
		return FL_EXIT_CLEAN; /* input errors travel with the facts to `link` */
	}
	double report_started = fl_monotonic_seconds();
	/* CI and editors: config, suppressions, fingerprints, baselines. */
	struct fl_report_info info = {0};
	if (ok && fl_ci_after_run(&cli->ci, &result, &info) != 0)
		ok = false;
	if (ok && cli->fix) {
		if (fl_fix_apply(&result, cli->diff, out, stderr) != 0)
			ok = false;
	} else if (ok) {
		bool color = !cli->output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
		int written = cli->sarif  ? fl_report_sarif(out, &result, &info)
			      : cli->json ? fl_report_json_ex(out, &result, &info)
					  : fl_report_text(out, &result, color);
		if (written != 0 || fflush(out) != 0) {
			fprintf(stderr, "fltlint: cannot write the report: %s\n", strerror(errno));
			ok = false;
		}
	}
	if (cli->output && fl_output_close(&output, ok) != 0)
		ok = false;
	if (cli->stats)
		fl_print_stats(cli, &result, fl_monotonic_seconds() - report_started);

	int status = FL_EXIT_CLEAN;
	if (!ok || fl_ci_input_failed(&cli->ci, &result.errors))
		status = FL_EXIT_TROUBLE;
	else if (!cli->ci.exit_zero && fl_findings_count_at_least(&result.findings, cli->fail_on))
		status = FL_EXIT_FINDINGS;
	fl_engine_result_free(&result);
	return status;
}

int main(int argc, char **argv)
{
	struct fl_cli cli = {.fail_on = FL_SEVERITY_WARNING,
			     .engine = {.timeout_seconds = FL_DEFAULT_TIMEOUT_SECONDS,
					.max_memory_mb = FL_DEFAULT_MAX_MEMORY_MB}};
	int status;
	if (argc > 1 && strcmp(argv[1], "lsp") == 0) /* the language server (docs/editors.md) */
		return fl_cli_lsp(argc - 1, argv + 1);
	/* `fltlint link DIR...`: the same options, DIRs for PATHs. */
	if (argc > 1 && strcmp(argv[1], "link") == 0) {
		cli.link = true;
		argc--;
		argv++;
	}
	if (fl_parse_args(argc, argv, &cli) != 0 || fl_speed_finish(&cli) != 0 ||
	    (cli.action == FL_ACTION_ANALYZE && !cli.link && fl_ci_prepare(&cli.ci, &cli.engine) != 0)) {
		status = FL_EXIT_TROUBLE;
	} else {
		switch (cli.action) {
		case FL_ACTION_HELP:
			fl_options_print_help(stdout);
			status = FL_EXIT_CLEAN;
			break;
		case FL_ACTION_VERSION:
			printf("fltlint %s\n", FL_VERSION);
			status = FL_EXIT_CLEAN;
			break;
		case FL_ACTION_LIST_RULES:
			status = cli.json ? (fl_report_rules_json(stdout) == 0 ? FL_EXIT_CLEAN : FL_EXIT_TROUBLE)
					  : fl_list_rules();
			break;
		case FL_ACTION_EXPLAIN:
			status = fl_ci_explain(&cli.ci);
			break;
		case FL_ACTION_SHOW_HEADERS:
			printf("%s\n", fl_wdk_bundled_dir());
			status = FL_EXIT_CLEAN;
			break;
		case FL_ACTION_STACK:
			status = fl_stack(&cli);
			break;
		default:
			status = fl_analyze(&cli);
			break;
		}
	}
	fl_engine_options_free(&cli.engine);
	free(cli.cache_dir);
	fl_ci_free(&cli.ci);
	return status;
}
