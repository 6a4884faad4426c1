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
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef FL_SANITIZED
#include <sanitizer/lsan_interface.h>
#endif

#include "cache.h"
#include "discover.h"
#include "facts_json.h"
#include "inf.h"
#include "parse.h"
#include "rule.h"
#include "shard.h"

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
	unsigned error_line; /* where in the unit, when the error has a place */
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
	fl_strv_free(&options->allow_include);
}

/* ---- hostile input: a worker's memory bound ---- */

/* In the worker, before anything is parsed: its address space is capped,
 * so that a macro explosion or a huge file ends in this worker (an
 * allocation fails, libclang or we abort) rather than in the OOM killer's
 * choice of process. */
static void fl_worker_limit_memory(unsigned max_memory_mb)
{
	if (max_memory_mb == 0)
		return;
	rlim_t bytes = (rlim_t)max_memory_mb << 20;
	struct rlimit limit = { .rlim_cur = bytes, .rlim_max = bytes };
	setrlimit(RLIMIT_AS, &limit);
}

/* Did a worker that failed die of its memory bound?  The kernel says
 * nothing when an allocation is refused; a worker whose peak resident set
 * reached half its address space was out of room (a real unit peaks at a
 * few hundred MB, far from any sane bound). */
static bool fl_worker_out_of_memory(const struct fl_engine_options *options, const struct rusage *usage)
{
	return options->max_memory_mb > 0 &&
	       (unsigned long long)usage->ru_maxrss * 1024 >= ((unsigned long long)options->max_memory_mb << 20) / 2;
}

/* speed: the JSON in one buffer and as few writes as the pipe allows.
 * json_dumpfd writes each token on its own, and every write woke the engine
 * (about 1,400 context switches per unit). */
static int fl_write_all(int fd, const json_t *message)
{
	char *text = json_dumps(message, JSON_COMPACT);
	if (!text)
		return -1;
	size_t length = strlen(text), done = 0;
	while (done < length) {
		ssize_t wrote = write(fd, text + done, length - done);
		if (wrote < 0 && errno == EINTR)
			continue;
		if (wrote <= 0)
			break;
		done += (size_t)wrote;
	}
	free(text);
	return done == length ? 0 : -1;
}

/* In the worker: parse, walk, write the facts (or an error) to `fd`. */
/* In the worker: libclang and LLVM write to stderr (a crash's dump, "LLVM
 * ERROR: out of memory").  It goes to a temporary file instead, so that a
 * hostile unit's noise does not reach the user's terminal and an exhausted
 * memory limit can be told from other crashes.  Returns the saved stderr. */
static int fl_worker_capture_stderr(FILE **capture)
{
	*capture = tmpfile();
	int saved = dup(STDERR_FILENO);
	if (*capture && saved >= 0)
		dup2(fileno(*capture), STDERR_FILENO);
	return saved;
}

/* Restores stderr; returns what was written to it meanwhile (at most 64 KiB). */
static char *fl_worker_release_stderr(FILE *capture, int saved)
{
	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	char *text = fl_xcalloc(65536, 1);
	if (capture) {
		rewind(capture);
		size_t got = fread(text, 1, 65535, capture);
		text[got] = '\0';
		fclose(capture);
	}
	return text;
}

static void fl_worker_main(const struct fl_engine_options *options, const struct fl_parse_setup *setup,
			   const char *path, int fd)
{
	fl_worker_limit_memory(options->max_memory_mb);
	char *error = NULL;
	unsigned error_line = 0;
	FILE *capture;
	int saved = fl_worker_capture_stderr(&capture);
	struct fl_tu_facts *facts = fl_parse_unit_at(setup, path, &error, &error_line);
	char *noise = fl_worker_release_stderr(capture, saved);
#ifdef FL_SANITIZED
	fputs(noise, stderr); /* a sanitizer's report must be seen */
#endif
	if (!facts && options->max_memory_mb && strstr(noise, "out of memory")) {
		free(error);
		error = fl_xasprintf("exceeded the memory limit (--max-memory %u MB); not analyzed",
				     options->max_memory_mb);
		error_line = 0;
	}
	free(noise);
	json_t *message = facts ? fl_facts_to_json(facts)
				: json_pack("{s:s, s:i}", "error", error, "line", (json_int_t)error_line);
	int status = fl_write_all(fd, message) == 0 ? 0 : 1;
	close(fd);
#ifdef FL_SANITIZED
	/* _exit skips LeakSanitizer's check at exit: a sanitizer build frees
	 * what the worker made and checks here, so that the walk is covered. */
	json_decref(message);
	fl_tu_facts_free(facts);
	free(error);
	if (__lsan_do_recoverable_leak_check())
		status = 1;
#endif
	_exit(status);
}

static int fl_worker_start(struct fl_worker *worker, const struct fl_engine_options *options,
			   const struct fl_parse_setup *setup, const char *path, size_t unit,
			   const struct fl_worker *others, size_t other_count)
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
		fl_worker_main(options, setup, path, pipe_fds[1]);
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

static void fl_worker_finish(struct fl_worker *worker, const struct fl_engine_options *options,
			     struct fl_unit_result *result, struct fl_engine_stats *stats)
{
	close(worker->fd);
	int status = 0;
	struct rusage usage = { 0 };
	while (wait4(worker->pid, &status, 0, &usage) < 0 && errno == EINTR)
		;
	/* speed: what the worker cost */
	stats->worker_cpu += (double)usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
			     (double)usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
	if (usage.ru_maxrss > stats->worker_max_rss_kb)
		stats->worker_max_rss_kb = usage.ru_maxrss;
	double decode_started = fl_now();
	if (worker->timed_out) {
		result->error = fl_xasprintf("gave up after %g s (--timeout)", options->timeout_seconds);
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
			json_int_t line = json_integer_value(json_object_get(message, "line"));
			result->error_line = line > 0 && line <= UINT_MAX ? (unsigned)line : 0;
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
	if (result->error && !worker->timed_out && fl_worker_out_of_memory(options, &usage)) {
		free(result->error);
		result->error = fl_xasprintf("exceeded the memory limit (--max-memory %u MB); not analyzed",
					     options->max_memory_mb);
		result->error_line = 0;
	}
	stats->facts += fl_now() - decode_started;
	free(worker->buffer);
	worker->pid = 0;
}

/* Parses sources->items[todo[0..todo_count)] with up to `jobs` workers at
 * once; each result lands at its source's index. */
/* A unit's facts have arrived: they go to the cache at once, and the list
 * of headers the unit read, which only the cache needs and which is the
 * bulk of a unit's facts, is dropped (the run holds every unit's facts until
 * the rules run; this keeps that peak down). */
static void fl_unit_arrived(struct fl_cache *cache, const char *path, struct fl_unit_result *unit,
			    struct fl_engine_stats *stats)
{
	struct fl_tu_facts *facts = unit->facts;
	if (!facts)
		return;
	if (cache) {
		double started = fl_now();
		fl_cache_store(cache, path, facts);
		stats->store += fl_now() - started;
	}
	for (size_t i = 0; i < facts->include_count; i++)
		free(facts->includes[i]);
	free(facts->includes);
	facts->includes = NULL;
	facts->include_count = 0;
}

static int fl_parse_all(const struct fl_engine_options *options, const struct fl_parse_setup *setup,
			const struct fl_strv *sources, const size_t *todo, size_t todo_count,
			struct fl_unit_result *results, struct fl_cache *cache, struct fl_engine_stats *stats)
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
	while (next < todo_count || active > 0) {
		for (unsigned w = 0; w < jobs && next < todo_count; w++) {
			if (workers[w].pid > 0)
				continue;
			if (fl_worker_start(&workers[w], options, setup, sources->items[todo[next]], todo[next], workers,
					    jobs) != 0) {
				fprintf(stderr, "fltlint: cannot start a worker: %s\n", strerror(errno));
				status = -1;
				next = todo_count;
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
				fl_worker_finish(worker, options, &results[worker->unit], stats);
				fl_unit_arrived(cache, sources->items[worker->unit], &results[worker->unit], stats);
				active--;
				if (options->progress) /* CI and editors: a progress line */
					options->progress(options->progress_context, next - active, todo_count);
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

/* The end of every analysis: link the units (taken) and the INFs, run the
 * rules, sort what they found. */
static void fl_engine_check(struct fl_tu_facts *units, size_t unit_count, const struct fl_strv *inf_paths,
			    struct fl_engine_result *result)
{
	double started = fl_now();
	struct fl_inf **infs;
	size_t inf_count;
	fl_read_infs(inf_paths, &result->errors, &infs, &inf_count);
	result->program = fl_program_new(units, unit_count, infs, inf_count);
	double linked = fl_now();
	result->stats.link += linked - started;
	for (size_t i = 0; fl_rules[i]; i++)
		fl_rules[i]->check(fl_rules[i], result->program, &result->findings);
	fl_findings_sort(&result->findings);
	fl_input_errors_sort(&result->errors);
	result->stats.rules = fl_now() - linked;
}

/* ---- CI and editors: sources the config excludes or that are user-mode ---- */

static void fl_engine_skip_sources(const struct fl_engine_options *options, struct fl_strv *sources)
{
	if (!options->skip_source)
		return;
	size_t kept = 0;
	for (size_t i = 0; i < sources->count; i++) {
		if (options->skip_source(options->skip_context, sources->items[i]))
			free(sources->items[i]);
		else
			sources->items[kept++] = sources->items[i];
	}
	sources->count = kept;
}

/* ---- speed: shards and the cache (cache.h, shard.h) ---- */

unsigned fl_engine_shard_of(const char *path, unsigned count)
{
	unsigned long long hash = 1469598103934665603ULL; /* FNV-1a 64 */
	for (const unsigned char *c = (const unsigned char *)path; *c; c++)
		hash = (hash ^ *c) * 1099511628211ULL;
	return count ? (unsigned)(hash % count) : 0;
}

/* Keeps in `sources` only the units of shard K of N. */
static void fl_engine_keep_shard(const struct fl_engine_options *options, struct fl_strv *sources)
{
	if (options->shard_count <= 1)
		return;
	size_t kept = 0;
	for (size_t i = 0; i < sources->count; i++) {
		if (fl_engine_shard_of(sources->items[i], options->shard_count) == options->shard_index - 1)
			sources->items[kept++] = sources->items[i];
		else
			free(sources->items[i]);
	}
	sources->count = kept;
}

/* --facts-out: this run's units, errors and the tree's INFs, for `link`. */
static int fl_engine_write_facts(const struct fl_engine_options *options, const struct fl_sources *sources,
				 const struct fl_strv *all_sources, size_t discover_errors,
				 struct fl_tu_facts *units, size_t unit_count, struct fl_engine_result *result)
{
	struct fl_shard shard = {
		.index = options->shard_count > 1 ? options->shard_index : 1,
		.count = options->shard_count > 1 ? options->shard_count : 1,
		.run_id = fl_shard_run_id(options, all_sources),
		.sources_seen = sources->sources.count,
		.infs = sources->infs,
		.unit_count = unit_count,
		.units = units,
	};
	/* Discovery errors travel once, with shard 1. */
	for (size_t i = shard.index == 1 ? 0 : discover_errors; i < result->errors.count; i++) {
		const struct fl_input_error *error = &result->errors.items[i];
		fl_input_error_add_at(&shard.errors, error->file, error->line, "%s", error->message);
	}
	int status = fl_shard_write(options->facts_out, &shard);
	fl_input_errors_free(&shard.errors);
	free(shard.run_id);
	for (size_t i = 0; i < unit_count; i++)
		fl_tu_facts_clear(&units[i]);
	free(units);
	return status;
}

int fl_engine_run(const struct fl_engine_options *options, struct fl_engine_result *result)
{
	memset(result, 0, sizeof(*result));
	struct fl_engine_stats *stats = &result->stats;
	double run_started = fl_now();
	FILE *log = options->log ? options->log : stderr;
	struct fl_sources sources = { 0 };
	fl_discover(&options->paths, &sources, &result->errors);
	fl_engine_skip_sources(options, &sources.sources);
	size_t discover_errors = result->errors.count;
	struct fl_strv all_sources = { 0 };
	if (options->facts_out)
		for (size_t i = 0; i < sources.sources.count; i++)
			fl_strv_push(&all_sources, sources.sources.items[i]);
	fl_engine_keep_shard(options, &sources.sources);
	result->sources_seen = sources.sources.count;
	stats->units = sources.sources.count;
	stats->discover = fl_now() - run_started;

	struct fl_tu_facts *units = fl_xcalloc(sources.sources.count, sizeof(*units));
	size_t unit_count = 0;
	int status = 0;
	if (sources.sources.count) {
		struct fl_unit_result *results = fl_xcalloc(sources.sources.count, sizeof(*results));
		/* speed: the cache answers what it can before anything is prepared */
		double lookup_started = fl_now();
		struct fl_cache *cache = options->cache_dir
						 ? fl_cache_open(options->cache_dir, options, &sources.headers, log)
						 : NULL;
		size_t *todo = fl_xcalloc(sources.sources.count, sizeof(*todo));
		size_t todo_count = 0;
		for (size_t i = 0; i < sources.sources.count; i++) {
			results[i].facts = cache ? fl_cache_lookup(cache, sources.sources.items[i]) : NULL;
			if (!results[i].facts)
				todo[todo_count++] = i;
		}
		stats->lookup = fl_now() - lookup_started;

		if (todo_count || options->verbose) {
			/* The include overlay and the PCH languages come from the units
			 * to parse (all of them for --verbose's command lines). */
			double prepare_started = fl_now();
			struct fl_sources to_parse = { .headers = sources.headers };
			for (size_t i = 0; i < todo_count; i++)
				fl_strv_push(&to_parse.sources, sources.sources.items[todo[i]]);
			struct fl_parse_setup *setup =
				fl_parse_setup_new(options, options->verbose ? &sources : &to_parse, log);
			fl_strv_free(&to_parse.sources);
			stats->prepare = fl_now() - prepare_started;
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
				double parse_started = fl_now();
				status = fl_parse_all(options, setup, &sources.sources, todo, todo_count, results, cache,
						      stats);
				stats->parse = fl_now() - parse_started;
				stats->parsed = todo_count;
				fl_parse_setup_free(setup);
			}
		}
		if (cache) {
			const struct fl_cache_stats *counts = fl_cache_stats(cache);
			stats->cache_hits = counts->hits;
			stats->cache_misses = counts->misses;
			stats->cache_rejected = counts->rejected;
			stats->cache_stored = counts->stored;
			fl_cache_close(cache);
		}
		free(todo);

		for (size_t i = 0; i < sources.sources.count; i++) {
			struct fl_unit_result *unit = &results[i];
			const char *path = sources.sources.items[i];
			if (unit->error) {
				fl_input_error_add_at(&result->errors, path, unit->error_line, "%s", unit->error);
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
	}
	result->sources_analyzed = unit_count;

	if (options->facts_out) {
		if (status == 0) {
			status = fl_engine_write_facts(options, &sources, &all_sources, discover_errors, units,
						       unit_count, result);
		} else {
			for (size_t i = 0; i < unit_count; i++)
				fl_tu_facts_clear(&units[i]);
			free(units);
		}
		fl_input_errors_sort(&result->errors);
	} else {
		fl_engine_check(units, unit_count, &sources.infs, result);
	}
	fl_strv_free(&all_sources);
	fl_sources_free(&sources);
	stats->total = fl_now() - run_started;
	return status;
}

int fl_engine_link(const struct fl_strv *dirs, struct fl_engine_result *result)
{
	memset(result, 0, sizeof(*result));
	double started = fl_now();
	struct fl_shard all;
	if (fl_shard_read_all(dirs, &all) != 0)
		return -1;
	result->stats.link = fl_now() - started;
	result->sources_seen = all.sources_seen;
	result->sources_analyzed = all.unit_count;
	result->stats.units = all.sources_seen;
	result->errors = all.errors;
	memset(&all.errors, 0, sizeof(all.errors));
	fl_engine_check(all.units, all.unit_count, &all.infs, result);
	all.units = NULL;
	all.unit_count = 0;
	fl_shard_clear(&all);
	result->stats.total = fl_now() - started;
	return 0;
}

void fl_engine_result_free(struct fl_engine_result *result)
{
	fl_program_free(result->program);
	fl_findings_free(&result->findings);
	fl_input_errors_free(&result->errors);
	memset(result, 0, sizeof(*result));
}
