/* fltlint's command line: options in, fl_engine_run, a report out, an exit
 * code.  Nothing here knows about C or libclang; keep it that way. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "discover.h"
#include "engine.h"
#include "findings.h"
#include "inf.h"
#include "report.h"
#include "rule.h"
#include "util.h"
#include "wdk.h"

/* Exit codes (README.md "Exit codes"). */
enum {
	FL_EXIT_CLEAN = 0,    /* nothing at or above --fail-on */
	FL_EXIT_FINDINGS = 1, /* something at or above --fail-on */
	FL_EXIT_TROUBLE = 2,  /* usage, internal error, or a file not analyzed */
};

static const char fl_usage[] =
	"Usage: fltlint [OPTIONS] PATH...\n"
	"Checks Windows file-system minifilter drivers: PATHs are source files, INF\n"
	"files or folders (searched recursively; .git, .vs and build output skipped).\n"
	"\n"
	"  -j, --jobs N            units parsed in parallel (default: number of cores)\n"
	"  -f, --format FORMAT     text (default) or json\n"
	"  -o, --output FILE       write the report to FILE (replaced only when complete)\n"
	"  -I DIR                  add an include folder\n"
	"  -D NAME[=VALUE]         define a macro\n"
	"  -U NAME                 undefine a macro\n"
	"      --include FILE      include FILE before each source\n"
	"      --wdk-include DIR   parse against the real WDK headers in DIR (repeatable)\n"
	"                          instead of the bundled ones\n"
	"      --fail-on SEVERITY  exit 1 on findings of note, warning (default) or error\n"
	"      --timeout SECONDS   give up on a unit parsing longer than this\n"
	"      --verbose           print each unit's clang arguments on stderr\n"
	"      --show-headers      print the folder of the bundled WDK headers\n"
	"      --list-rules        list the rules: id, severity, MSVC warning, summary\n"
	"      --stack INF...      print the filter stack the INF files describe\n"
	"  -h, --help              show this help\n"
	"      --version           show the version\n"
	"\n"
	"Exit status: 0 nothing at or above --fail-on; 1 something was; 2 usage or\n"
	"internal error, or a file that could not be analyzed.\n";

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

/* Long options without a short form. */
enum {
	FL_OPT_INCLUDE = 256,
	FL_OPT_WDK_INCLUDE,
	FL_OPT_VERBOSE,
	FL_OPT_SHOW_HEADERS,
	FL_OPT_FAIL_ON,
	FL_OPT_TIMEOUT,
	FL_OPT_LIST_RULES,
	FL_OPT_STACK,
	FL_OPT_VERSION,
};

static const struct option fl_options[] = {
	{"jobs", required_argument, NULL, 'j'},
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"include", required_argument, NULL, FL_OPT_INCLUDE},
	{"wdk-include", required_argument, NULL, FL_OPT_WDK_INCLUDE},
	{"verbose", no_argument, NULL, FL_OPT_VERBOSE},
	{"show-headers", no_argument, NULL, FL_OPT_SHOW_HEADERS},
	{"fail-on", required_argument, NULL, FL_OPT_FAIL_ON},
	{"timeout", required_argument, NULL, FL_OPT_TIMEOUT},
	{"list-rules", no_argument, NULL, FL_OPT_LIST_RULES},
	{"stack", no_argument, NULL, FL_OPT_STACK},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, FL_OPT_VERSION},
	{NULL, 0, NULL, 0},
};

enum fl_action {
	FL_ACTION_ANALYZE,
	FL_ACTION_HELP,
	FL_ACTION_VERSION,
	FL_ACTION_LIST_RULES,
	FL_ACTION_SHOW_HEADERS,
	FL_ACTION_STACK,
};

struct fl_cli {
	enum fl_action action;
	bool json;
	const char *output;
	enum fl_severity fail_on;
	struct fl_engine_options engine;
};

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

/* Fills `cli`; returns -1 after printing a usage error. */
static int fl_parse_args(int argc, char **argv, struct fl_cli *cli)
{
	opterr = 0; /* our own messages, in the usage-error form */
	int option;
	while ((option = getopt_long(argc, argv, ":j:f:o:I:D:U:h", fl_options, NULL)) != -1) {
		switch (option) {
		case 'j':
			if (!fl_parse_jobs(optarg, &cli->engine.jobs))
				return fl_usage_error("--jobs wants a number from 1 to 4096, not '%s'",
						      optarg);
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				cli->json = true;
			else if (strcmp(optarg, "text") == 0)
				cli->json = false;
			else
				return fl_usage_error("--format wants text or json, not '%s'", optarg);
			break;
		case 'o':
			cli->output = optarg;
			break;
		case 'I':
			fl_strv_push_owned(&cli->engine.clang_args, fl_xasprintf("-I%s", optarg));
			break;
		case 'D':
			fl_strv_push_owned(&cli->engine.clang_args, fl_xasprintf("-D%s", optarg));
			break;
		case 'U':
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
		case 'h':
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
		default:
			if (optopt)
				return fl_usage_error("unknown option '-%c'", optopt);
			return fl_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	for (int i = optind; i < argc; i++)
		fl_strv_push(&cli->engine.paths, argv[i]);
	if ((cli->action == FL_ACTION_ANALYZE || cli->action == FL_ACTION_STACK) &&
	    !cli->engine.paths.count)
		return fl_usage_error("no PATH to analyze");
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
	bool ok = fl_engine_run(&cli->engine, &result) == 0;
	if (ok) {
		bool color = !cli->output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
		int written = cli->json ? fl_report_json(out, &result)
					: fl_report_text(out, &result, color);
		if (written != 0 || fflush(out) != 0) {
			fprintf(stderr, "fltlint: cannot write the report: %s\n", strerror(errno));
			ok = false;
		}
	}
	if (cli->output && fl_output_close(&output, ok) != 0)
		ok = false;

	int status = FL_EXIT_CLEAN;
	if (!ok || result.errors.count)
		status = FL_EXIT_TROUBLE;
	else if (fl_findings_count_at_least(&result.findings, cli->fail_on))
		status = FL_EXIT_FINDINGS;
	fl_engine_result_free(&result);
	return status;
}

int main(int argc, char **argv)
{
	struct fl_cli cli = {.fail_on = FL_SEVERITY_WARNING};
	int status;
	if (fl_parse_args(argc, argv, &cli) != 0) {
		status = FL_EXIT_TROUBLE;
	} else {
		switch (cli.action) {
		case FL_ACTION_HELP:
			fputs(fl_usage, stdout);
			status = FL_EXIT_CLEAN;
			break;
		case FL_ACTION_VERSION:
			printf("fltlint %s\n", FL_VERSION);
			status = FL_EXIT_CLEAN;
			break;
		case FL_ACTION_LIST_RULES:
			status = fl_list_rules();
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
	return status;
}
