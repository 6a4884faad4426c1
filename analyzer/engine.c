/* The engine: discover -> parse (worker processes) -> link -> rules.
 *
 * Each unit is parsed and walked in a forked worker that sends its facts
 * back as JSON over a pipe.  A process per unit costs little next to the
 * parse, and buys what threads cannot: a crash or a hang inside libclang on
 * one hostile file takes down only that worker, which is reported as an input
 * error while the run goes on; a per-unit timeout is a kill; memory goes back
 * to the system when the worker exits.  Results land by unit index, so the
 * output is the same whatever -j. */
#include "engine.h"

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "discover.h"
#include "facts_json.h"
#include "inf.h"
#include "parse.h"
#include "rule.h"

struct fl_worker {
	pid_t pid;
	int fd;
	size_t unit;
	char *buffer;
	size_t length, capacity;
	double started;
	bool timed_out;
};

/* What a worker's unit came to: facts, or an error message. */
struct fl_unit_result {
	struct fl_tu_facts *facts;
	char *error;
};

static double fl_now(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

void fl_engine_options_free(struct fl_engine_options *options)
{
	fl_strv_free(&options->paths);
	fl_strv_free(&options->clang_args);
	fl_strv_free(&options->wdk_include);
}

/* In the worker: parse, walk, write the facts (or an error) to `fd`. */
static void fl_worker_main(const struct fl_parse_setup *setup, const char *path, int fd)
{
	char *error = NULL;
	struct fl_tu_facts *facts = fl_parse_unit(setup, path, &error);
	json_t *message = facts ? fl_facts_to_json(facts) : json_pack("{s:s}", "error", error);
	int status = json_dumpfd(message, fd, JSON_COMPACT) == 0 ? 0 : 1;
	close(fd);
	_exit(status);
}

static int fl_worker_start(struct fl_worker *worker, const struct fl_parse_setup *setup,
			   const char *path, size_t unit, const struct fl_worker *others, size_t other_count)
{
	int pipe_fds[2];
	if (pipe(pipe_fds) != 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(pipe_fds[0]);
		close(pipe_fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(pipe_fds[0]);
		for (size_t i = 0; i < other_count; i++)
			if (others[i].pid > 0)
				close(others[i].fd);
		fl_worker_main(setup, path, pipe_fds[1]);
	}
	close(pipe_fds[1]);
	*worker = (struct fl_worker){ .pid = pid, .fd = pipe_fds[0], .unit = unit, .started = fl_now() };
	return 0;
}

/* Reads what the worker wrote; true at end of file. */
static bool fl_worker_read(struct fl_worker *worker)
{
	FL_GROW(worker->buffer, worker->capacity, worker->length + 65536);
	ssize_t got = read(worker->fd, worker->buffer + worker->length, worker->capacity - worker->length);
	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return false;
	if (got <= 0)
		return true;
	worker->length += (size_t)got;
	return false;
}

static void fl_worker_finish(struct fl_worker *worker, double timeout, struct fl_unit_result *result)
{
	close(worker->fd);
	int status = 0;
	while (waitpid(worker->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (worker->timed_out) {
		result->error = fl_xasprintf("gave up after %g s (--timeout)", timeout);
	} else if (WIFSIGNALED(status)) {
		result->error = fl_xasprintf("the parser crashed on this file (signal %d); "
					     "rerun with --verbose for the clang command line",
					     WTERMSIG(status));
	} else {
		json_error_t json_error;
		json_t *message = json_loadb(worker->buffer ? worker->buffer : "", worker->length, 0, &json_error);
		const json_t *error = json_object_get(message, "error");
		if (json_is_string(error)) {
			result->error = fl_xstrdup(json_string_value(error));
		} else if (message) {
			char *problem = NULL;
			result->facts = fl_facts_from_json(message, &problem);
			if (!result->facts)
				result->error = fl_xasprintf("internal error: %s", problem);
			free(problem);
		} else {
			result->error = fl_xasprintf("the parser exited (status %d) without facts",
						     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		}
		json_decref(message);
	}
	free(worker->buffer);
	worker->pid = 0;
}

/* Parses every source with up to `jobs` workers at once. */
static int fl_parse_all(const struct fl_engine_options *options, const struct fl_parse_setup *setup,
			const struct fl_strv *sources, struct fl_unit_result *results)
{
	unsigned jobs = options->jobs;
	if (jobs == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = cores > 0 ? (unsigned)cores : 1;
	}
	struct fl_worker *workers = fl_xcalloc(jobs, sizeof(*workers));
	struct pollfd *polls = fl_xcalloc(jobs, sizeof(*polls));
	size_t next = 0, active = 0;
	int status = 0;
	while (next < sources->count || active > 0) {
		for (unsigned w = 0; w < jobs && next < sources->count; w++) {
			if (workers[w].pid > 0)
				continue;
			if (fl_worker_start(&workers[w], setup, sources->items[next], next, workers, jobs) != 0) {
				fprintf(stderr, "fltlint: cannot start a worker: %s\n", strerror(errno));
				status = -1;
				next = sources->count;
				break;
			}
			next++;
			active++;
		}
		for (unsigned w = 0; w < jobs; w++)
			polls[w] = (struct pollfd){ .fd = workers[w].pid > 0 ? workers[w].fd : -1, .events = POLLIN };
		if (poll(polls, jobs, 200) < 0 && errno != EINTR) {
			status = -1;
			break;
		}
		double now = fl_now();
		for (unsigned w = 0; w < jobs; w++) {
			struct fl_worker *worker = &workers[w];
			if (worker->pid <= 0)
				continue;
			if (options->timeout_seconds > 0 && !worker->timed_out &&
			    now - worker->started > options->timeout_seconds) {
				kill(worker->pid, SIGKILL);
				worker->timed_out = true;
			}
			if ((polls[w].revents & (POLLIN | POLLHUP | POLLERR)) && fl_worker_read(worker)) {
				fl_worker_finish(worker, options->timeout_seconds, &results[worker->unit]);
				active--;
			}
		}
	}
	free(workers);
	free(polls);
	return status;
}

/* A unit clang could not parse cleanly is reported with its first errors
 * and kept out of the analysis: it is never shown as clean. */
static char *fl_parse_error_message(const struct fl_tu_facts *facts)
{
	char *message = fl_xasprintf("does not parse (%zu error%s); not analyzed", facts->error_count,
				     facts->error_count == 1 ? "" : "s");
	for (size_t i = 0; i < facts->diagnostic_count && i < 3; i++) {
		const struct fl_diagnostic *diagnostic = &facts->diagnostics[i];
		char *longer = fl_xasprintf("%s\n  %s:%u: %s", message, diagnostic->loc.file,
					    diagnostic->loc.line, diagnostic->message);
		free(message);
		message = longer;
	}
	return message;
}

static void fl_read_infs(const struct fl_strv *paths, struct fl_input_errors *errors,
			 struct fl_inf ***infs, size_t *count)
{
	*infs = fl_xcalloc(paths->count, sizeof(**infs));
	*count = 0;
	for (size_t i = 0; i < paths->count; i++) {
		struct fl_inf *inf = fl_inf_read(paths->items[i], errors);
		if (inf)
			(*infs)[(*count)++] = inf;
	}
}

int fl_engine_run(const struct fl_engine_options *options, struct fl_engine_result *result)
{
	memset(result, 0, sizeof(*result));
	FILE *log = options->log ? options->log : stderr;
	struct fl_sources sources = { 0 };
	fl_discover(&options->paths, &sources, &result->errors);
	result->sources_seen = sources.sources.count;

	struct fl_tu_facts *units = fl_xcalloc(sources.sources.count, sizeof(*units));
	size_t unit_count = 0;
	int status = 0;
	if (sources.sources.count) {
		struct fl_parse_setup *setup = fl_parse_setup_new(options, &sources, log);
		if (!setup) {
			status = -1;
		} else {
			if (options->verbose) {
				for (size_t i = 0; i < sources.sources.count; i++) {
					char *line = fl_parse_command_line(setup, sources.sources.items[i]);
					fprintf(log, "fltlint: %s: %s\n", sources.sources.items[i], line);
					free(line);
				}
			}
			struct fl_unit_result *results = fl_xcalloc(sources.sources.count, sizeof(*results));
			status = fl_parse_all(options, setup, &sources.sources, results);
			for (size_t i = 0; i < sources.sources.count; i++) {
				struct fl_unit_result *unit = &results[i];
				const char *path = sources.sources.items[i];
				if (unit->error) {
					fl_input_error_add(&result->errors, path, "%s", unit->error);
				} else if (unit->facts && unit->facts->error_count > 0) {
					char *message = fl_parse_error_message(unit->facts);
					fl_input_error_add(&result->errors, path, "%s", message);
					free(message);
				} else if (unit->facts) {
					/* The facts move into the array; only the shell is freed. */
					units[unit_count++] = *unit->facts;
					free(unit->facts);
					unit->facts = NULL;
				}
				fl_tu_facts_free(unit->facts);
				free(unit->error);
			}
			free(results);
			fl_parse_setup_free(setup);
		}
	}
	result->sources_analyzed = unit_count;

	struct fl_inf **infs;
	size_t inf_count;
	fl_read_infs(&sources.infs, &result->errors, &infs, &inf_count);
	result->program = fl_program_new(units, unit_count, infs, inf_count);
	for (size_t i = 0; fl_rules[i]; i++)
		fl_rules[i]->check(fl_rules[i], result->program, &result->findings);
	fl_findings_sort(&result->findings);
	fl_input_errors_sort(&result->errors);
	fl_sources_free(&sources);
	return status;
}

void fl_engine_result_free(struct fl_engine_result *result)
{
	fl_program_free(result->program);
	fl_findings_free(&result->findings);
	fl_input_errors_free(&result->errors);
	memset(result, 0, sizeof(*result));
}
