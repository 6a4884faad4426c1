/* The worker pool (workers.h).
 *
 * Between the engine and a worker: two pipes.  The engine writes a unit's
 * index and the length of an unsaved buffer (two uint64_t; FL_NO_TEXT for
 * none), then the buffer, when the worker is idle; the worker answers with one
 * frame, a uint64_t length and that many bytes of JSON (the facts, or
 * {"error", "line"}).  A worker that dies mid-unit leaves a short frame and
 * an end of file, which is how a crash, a kill on timeout or an exhausted
 * memory bound is told apart from an answer. */
#include "parse/workers.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef FL_SANITIZED
#include <sanitizer/lsan_interface.h>
#endif

#include "facts/facts_json.h"

#define FL_NO_TEXT UINT64_MAX

struct fl_worker {
	pid_t pid;        /* 0: not running */
	int request_fd;   /* unit indexes, to the worker */
	int reply_fd;     /* frames, from the worker */
	bool busy;        /* on `unit`, since `started` */
	size_t unit;
	double started;
	bool timed_out;
	char *buffer;     /* the frame so far */
	size_t length, capacity;
};

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

/* Did a worker that died run out of memory?  The kernel says nothing when
 * an allocation is refused; a worker whose peak resident set reached half
 * its address space was out of room (a real unit peaks at a few hundred MB,
 * far from any sane bound). */
static bool fl_worker_out_of_memory(const struct fl_worker_options *options, const struct rusage *usage)
{
	return options->max_memory_mb > 0 &&
	       (unsigned long long)usage->ru_maxrss * 1024 >= ((unsigned long long)options->max_memory_mb << 20) / 2;
}

static char *fl_memory_limit_message(const struct fl_worker_options *options)
{
	return fl_xasprintf("exceeded the memory limit (--max-memory %u MB); not analyzed", options->max_memory_mb);
}

/* ---- the worker's side ---- */

static bool fl_read_full(int fd, void *data, size_t length)
{
	size_t done = 0;
	while (done < length) {
		ssize_t got = read(fd, (char *)data + done, length - done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		done += (size_t)got;
	}
	return true;
}

/* speed: the JSON in one buffer and as few writes as the pipe allows
 * (json_dumpfd writes each token on its own, and every write woke the
 * engine). */
static bool fl_write_frame(int fd, const json_t *message)
{
	char *text = json_dumps(message, JSON_COMPACT);
	if (!text)
		return false;
	uint64_t length = strlen(text);
	bool written = fl_write_all(fd, &length, sizeof(length)) && fl_write_all(fd, text, length);
	free(text);
	return written;
}

/* libclang and LLVM write to stderr (a crash's dump, "LLVM ERROR: out of
 * memory").  During a unit it goes to a temporary file instead, so that a
 * hostile unit's noise does not reach the user's terminal and an exhausted
 * memory limit can be told from other failures.  Returns the saved stderr. */
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

/* One unit, in the worker: its facts, or an error.  *broken is set when
 * libclang ran out of memory or caught itself crashing, after which the
 * worker's heap is not to be trusted with another unit: the worker answers
 * and exits, and a fresh one takes the next unit. */
static json_t *fl_worker_unit(const struct fl_worker_options *options, const struct fl_parse_setup *setup,
			      const char *path, const char *text, size_t text_length, bool *broken)
{
	char *error = NULL;
	unsigned error_line = 0;
	FILE *capture;
	int saved = fl_worker_capture_stderr(&capture);
	bool crashed;
	enum fl_pch_use pch_use;
	struct fl_tu_facts *facts =
		fl_parse_unit_text(setup, path, text, text_length, &error, &error_line, &crashed, &pch_use);
	char *noise = fl_worker_release_stderr(capture, saved);
#ifdef FL_SANITIZED
	fputs(noise, stderr); /* a sanitizer's report must be seen */
#endif
	/* LLVM's handler says "out of memory"; an allocation that fails on
	 * libclang's own side throws std::bad_alloc. */
	bool out_of_memory = !facts && (strstr(noise, "out of memory") || strstr(noise, "std::bad_alloc"));
	*broken = out_of_memory || crashed;
	if (out_of_memory && options->max_memory_mb) {
		free(error);
		error = fl_memory_limit_message(options);
		error_line = 0;
	}
	free(noise);
	json_t *message = facts ? fl_facts_to_json(facts)
				: json_pack("{s:s, s:i, s:b}", "error", error ? error : "not analyzed", "line",
					    (json_int_t)error_line, "exiting", *broken);
	json_object_set_new(message, "pch_use", json_integer(pch_use));
	fl_tu_facts_free(facts);
	free(error);
	return message;
}

static void fl_worker_main(const struct fl_worker_options *options, const struct fl_parse_setup *setup,
			   const struct fl_strv *sources, int request_fd, int reply_fd)
{
	fl_worker_limit_memory(options->max_memory_mb);
	/* libclang parses each unit on a thread of its own, for crash recovery
	 * and stack room; a worker is that isolation already.  One thread per
	 * unit, thousands per worker, also tripped LeakSanitizer's tracer now
	 * and then in the sanitizer build. */
	setenv("LIBCLANG_NOTHREADS", "1", 1);
	int status = 0;
	uint64_t request[2]; /* unit, unsaved length */
	while (fl_read_full(request_fd, request, sizeof(request)) && request[0] < sources->count) {
		char *text = NULL;
		if (request[1] != FL_NO_TEXT) {
			text = malloc(request[1] + 1);
			if (!text || !fl_read_full(request_fd, text, request[1])) {
				status = 1;
				break;
			}
			text[request[1]] = '\0';
		}
		bool broken;
		json_t *message = fl_worker_unit(options, setup, sources->items[request[0]], text,
						 text ? request[1] : 0, &broken);
		free(text);
		bool answered = fl_write_frame(reply_fd, message);
		json_decref(message);
		if (!answered || broken) {
			status = 1;
			break;
		}
	}
#ifdef FL_SANITIZED
	/* _exit skips LeakSanitizer's check at exit: check here, so that the
	 * walk is covered. */
	if (__lsan_do_recoverable_leak_check())
		status = 1;
#endif
	_exit(status);
}

/* ---- the engine's side ---- */

struct fl_worker_pool {
	const struct fl_worker_options *options;
	const struct fl_parse_setup *setup;
	const struct fl_strv *sources;
	struct fl_worker *workers;
	unsigned count;
	struct fl_worker_stats *stats;
};

static int fl_worker_start(struct fl_worker_pool *pool, struct fl_worker *worker)
{
	int requests[2], replies[2];
	if (pipe(requests) != 0)
		return -1;
	if (pipe(replies) != 0) {
		close(requests[0]);
		close(requests[1]);
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(requests[0]);
		close(requests[1]);
		close(replies[0]);
		close(replies[1]);
		return -1;
	}
	if (pid == 0) {
		close(requests[1]);
		close(replies[0]);
		for (unsigned i = 0; i < pool->count; i++)
			if (pool->workers[i].pid > 0) {
				close(pool->workers[i].request_fd);
				close(pool->workers[i].reply_fd);
			}
		fl_worker_main(pool->options, pool->setup, pool->sources, requests[0], replies[1]);
	}
	close(requests[0]);
	close(replies[1]);
	*worker = (struct fl_worker){ .pid = pid, .request_fd = requests[1], .reply_fd = replies[0] };
	pool->stats->workers_started++;
	return 0;
}

/* Waits for a worker that has exited or is exiting, and counts its cost. */
static int fl_worker_reap(struct fl_worker_pool *pool, struct fl_worker *worker, struct rusage *usage)
{
	close(worker->request_fd);
	close(worker->reply_fd);
	int status = 0;
	while (wait4(worker->pid, &status, 0, usage) < 0 && errno == EINTR)
		;
	pool->stats->worker_cpu += (double)usage->ru_utime.tv_sec + usage->ru_utime.tv_usec / 1e6 +
				   (double)usage->ru_stime.tv_sec + usage->ru_stime.tv_usec / 1e6;
	if (usage->ru_maxrss > pool->stats->worker_max_rss_kb)
		pool->stats->worker_max_rss_kb = usage->ru_maxrss;
	free(worker->buffer);
	*worker = (struct fl_worker){ 0 };
	return status;
}

static bool fl_worker_send(struct fl_worker *worker, size_t unit, const struct fl_unsaved *unsaved)
{
	bool with_text = unsaved && unsaved->unit == unit;
	uint64_t request[2] = { unit, with_text ? unsaved->length : FL_NO_TEXT };
	if (!fl_write_all(worker->request_fd, request, sizeof(request)) ||
	    (with_text && !fl_write_all(worker->request_fd, unsaved->text, unsaved->length)))
		return false;
	worker->busy = true;
	worker->unit = unit;
	worker->started = fl_monotonic_seconds();
	worker->timed_out = false;
	worker->length = 0;
	return true;
}

/* The frame's payload, once all of it has arrived. */
static bool fl_frame_complete(const struct fl_worker *worker, const char **payload, size_t *length)
{
	uint64_t declared;
	if (worker->length < sizeof(declared))
		return false;
	memcpy(&declared, worker->buffer, sizeof(declared));
	if (worker->length - sizeof(declared) < declared)
		return false;
	*payload = worker->buffer + sizeof(declared);
	*length = (size_t)declared;
	return true;
}

/* Fills `result` from a worker's answer; true when the worker said it
 * exits after it (see fl_worker_unit). */
static bool fl_decode_answer(const char *payload, size_t length, struct fl_unit_result *result,
			      struct fl_worker_stats *stats)
{
	json_error_t json_error;
	json_t *message = json_loadb(payload, length, 0, &json_error);
	json_int_t pch_use = json_integer_value(json_object_get(message, "pch_use"));
	if (message && pch_use >= 0 && pch_use < FL_PCH_USE_COUNT)
		stats->pch_units[pch_use]++;
	const json_t *error = json_object_get(message, "error");
	bool exiting = json_is_true(json_object_get(message, "exiting"));
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
		result->error = fl_xasprintf("internal error: a worker's answer is not JSON (%s)", json_error.text);
	}
	json_decref(message);
	return exiting;
}

/* The worker died on its unit: why, as the unit's error. */
static void fl_worker_died(struct fl_worker_pool *pool, struct fl_worker *worker, struct fl_unit_result *result)
{
	bool timed_out = worker->timed_out;
	struct rusage usage = { 0 };
	int status = fl_worker_reap(pool, worker, &usage);
	if (timed_out)
		result->error = fl_xasprintf("gave up after %g s (--timeout)", pool->options->timeout_seconds);
	else if (fl_worker_out_of_memory(pool->options, &usage))
		result->error = fl_memory_limit_message(pool->options);
	else if (WIFSIGNALED(status))
		result->error = fl_xasprintf("the parser crashed on this file (signal %d); "
					     "rerun with --verbose for the clang command line",
					     WTERMSIG(status));
	else
		result->error = fl_xasprintf("the parser exited (status %d) without facts",
					     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Reads what a busy worker wrote; true when its unit is settled (an
 * answer, or the worker's death) and `result` filled. */
static bool fl_worker_read(struct fl_worker_pool *pool, struct fl_worker *worker, struct fl_unit_result *result)
{
	FL_GROW(worker->buffer, worker->capacity, worker->length + 65536);
	ssize_t got = read(worker->reply_fd, worker->buffer + worker->length, worker->capacity - worker->length);
	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return false;
	if (got <= 0 || worker->timed_out) { /* a late answer does not undo the kill */
		fl_worker_died(pool, worker, result);
		return true;
	}
	worker->length += (size_t)got;
	const char *payload;
	size_t length;
	if (!fl_frame_complete(worker, &payload, &length))
		return false;
	double decode_started = fl_monotonic_seconds();
	bool exiting = fl_decode_answer(payload, length, result, pool->stats);
	pool->stats->facts += fl_monotonic_seconds() - decode_started;
	worker->busy = false;
	if (exiting) {
		struct rusage usage;
		fl_worker_reap(pool, worker, &usage);
	}
	return true;
}

/* Gives an idle worker (started if need be) the unit; false when no
 * worker can be started. */
static bool fl_pool_dispatch(struct fl_worker_pool *pool, struct fl_worker *worker, size_t unit,
			     const struct fl_unsaved *unsaved)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (worker->pid <= 0 && fl_worker_start(pool, worker) != 0)
			return false;
		if (fl_worker_send(worker, unit, unsaved))
			return true;
		/* It died idle (killed from outside): a fresh one takes the unit. */
		struct rusage usage;
		fl_worker_reap(pool, worker, &usage);
	}
	return false;
}

struct fl_worker_pool *fl_worker_pool_new(const struct fl_worker_options *options,
					  const struct fl_parse_setup *setup, const struct fl_strv *sources,
					  struct fl_worker_stats *stats)
{
	unsigned jobs = fl_jobs(options->jobs);
	struct fl_worker_pool *pool = fl_xcalloc(1, sizeof(*pool));
	*pool = (struct fl_worker_pool){ .options = options, .setup = setup, .sources = sources,
					 .workers = fl_xcalloc(jobs, sizeof(struct fl_worker)), .count = jobs,
					 .stats = stats };
	return pool;
}

int fl_worker_pool_parse(struct fl_worker_pool *pool, const size_t *todo, size_t todo_count,
			 const struct fl_unsaved *unsaved, struct fl_unit_result *results,
			 fl_unit_arrived_fn *arrived, void *arrived_context)
{
	const struct fl_worker_options *options = pool->options;
	unsigned jobs = pool->count;
	struct pollfd *polls = fl_xcalloc(jobs, sizeof(*polls));
	/* A worker that died idle must not kill the engine with SIGPIPE. */
	struct sigaction ignore = { .sa_handler = SIG_IGN }, previous;
	sigaction(SIGPIPE, &ignore, &previous);
	size_t next = 0, done = 0;
	int status = 0;
	while (done < todo_count) {
		for (unsigned w = 0; w < jobs && next < todo_count; w++) {
			if (pool->workers[w].busy)
				continue;
			if (!fl_pool_dispatch(pool, &pool->workers[w], todo[next], unsaved)) {
				fprintf(stderr, "fltlint: cannot start a worker: %s\n", strerror(errno));
				status = -1;
				break;
			}
			next++;
		}
		if (status != 0)
			break;
		for (unsigned w = 0; w < jobs; w++)
			polls[w] = (struct pollfd){ .fd = pool->workers[w].busy ? pool->workers[w].reply_fd : -1,
						    .events = POLLIN };
		if (poll(polls, jobs, 200) < 0 && errno != EINTR) {
			status = -1;
			break;
		}
		double now = fl_monotonic_seconds();
		for (unsigned w = 0; w < jobs; w++) {
			struct fl_worker *worker = &pool->workers[w];
			if (!worker->busy)
				continue;
			if (options->timeout_seconds > 0 && !worker->timed_out &&
			    now - worker->started > options->timeout_seconds) {
				kill(worker->pid, SIGKILL);
				worker->timed_out = true;
			}
			size_t unit = worker->unit;
			if ((polls[w].revents & (POLLIN | POLLHUP | POLLERR)) &&
			    fl_worker_read(pool, worker, &results[unit])) {
				done++;
				arrived(arrived_context, unit, &results[unit]);
				if (options->progress) /* CI and editors: a progress line */
					options->progress(options->progress_context, done, todo_count);
			}
		}
	}
	/* Only after a failure above: a worker still busy is not to be trusted. */
	for (unsigned w = 0; w < jobs; w++) {
		if (pool->workers[w].pid > 0 && pool->workers[w].busy) {
			kill(pool->workers[w].pid, SIGKILL);
			struct rusage usage;
			fl_worker_reap(pool, &pool->workers[w], &usage);
		}
	}
	sigaction(SIGPIPE, &previous, NULL);
	free(polls);
	return status;
}

void fl_worker_pool_free(struct fl_worker_pool *pool)
{
	if (!pool)
		return;
	/* The end of the requests is the workers' signal to exit. */
	for (unsigned w = 0; w < pool->count; w++) {
		if (pool->workers[w].pid <= 0)
			continue;
		struct rusage usage;
		fl_worker_reap(pool, &pool->workers[w], &usage);
	}
	free(pool->workers);
	free(pool);
}

int fl_workers_parse(const struct fl_worker_options *options, const struct fl_parse_setup *setup,
		     const struct fl_strv *sources, const size_t *todo, size_t todo_count,
		     struct fl_unit_result *results, fl_unit_arrived_fn *arrived, void *arrived_context,
		     struct fl_worker_stats *stats)
{
	/* No more workers than units. */
	struct fl_worker_options bounded = *options;
	bounded.jobs = fl_jobs(bounded.jobs);
	if (bounded.jobs > todo_count)
		bounded.jobs = todo_count ? (unsigned)todo_count : 1;
	struct fl_worker_pool *pool = fl_worker_pool_new(&bounded, setup, sources, stats);
	int status = fl_worker_pool_parse(pool, todo, todo_count, NULL, results, arrived, arrived_context);
	fl_worker_pool_free(pool);
	return status;
}
