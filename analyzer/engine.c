/* The engine: discover -> parse (the worker pool, workers.h) -> link ->
 * rules.  Results land by unit index, so the output is the same whatever
 * -j. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "link/drivers.h"
#include "parse/cache.h"
#include "sources/discover.h"
#include "inf/inf.h"
#include "parse/parse.h"
#include "rule.h"
#include "parse/shard.h"
#include "parse/workers.h"

void fl_engine_options_free(struct fl_engine_options *options)
{
	fl_strv_free(&options->paths);
	fl_strv_free(&options->clang_args);
	fl_strv_free(&options->wdk_include);
	fl_strv_free(&options->allow_include);
}

struct fl_arrival {
	struct fl_cache *cache;
	const struct fl_strv *sources;
	struct fl_engine_stats *stats;
};

/* A unit's facts have arrived: they go to the cache at once, and the list
 * of headers the unit read, which only the cache needs and which is the
 * bulk of a unit's facts, is dropped (the run holds every unit's facts until
 * the rules run; this keeps that peak down). */
static void fl_unit_arrived(void *context, size_t index, struct fl_unit_result *unit)
{
	struct fl_arrival *arrival = context;
	struct fl_cache *cache = arrival->cache;
	struct fl_engine_stats *stats = arrival->stats;
	const char *path = arrival->sources->items[index];
	struct fl_tu_facts *facts = unit->facts;
	if (!facts)
		return;
	if (cache) {
		double started = fl_monotonic_seconds();
		fl_cache_store(cache, path, facts);
		stats->store += fl_monotonic_seconds() - started;
	}
	for (size_t i = 0; i < facts->include_count; i++)
		free(facts->includes[i]);
	free(facts->includes);
	facts->includes = NULL;
	facts->include_count = 0;
}

/* A unit clang reported errors in is analyzed from what clang recovered
 * (MSVC accepts more than clang, and a project header may be missing
 * here), and reported with its first errors, so that it is never shown as
 * clean.  *line: its first error in the unit's own file, or 0. */
static char *fl_parse_error_message(const struct fl_tu_facts *facts, unsigned *line)
{
	char *message = fl_xasprintf("analyzed with %zu clang error%s; findings may be incomplete",
				     facts->error_count, facts->error_count == 1 ? "" : "s");
	*line = 0;
	size_t shown = 0;
	for (size_t i = 0; i < facts->diagnostic_count && shown < 3; i++) {
		const struct fl_diagnostic *diagnostic = &facts->diagnostics[i];
		if (!diagnostic->is_error)
			continue;
		if (!*line && diagnostic->loc.file && strcmp(diagnostic->loc.file, facts->path) == 0)
			*line = diagnostic->loc.line;
		char *longer = fl_xasprintf("%s\n  %s:%u: %s", message, diagnostic->loc.file,
					    diagnostic->loc.line, diagnostic->message);
		free(message);
		message = longer;
		shown++;
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

/* The end of every analysis: link the units and the INFs (both taken), run
 * the rules, sort what they found. */
static void fl_engine_link_check(struct fl_tu_facts *units, size_t unit_count, struct fl_inf **infs,
				 size_t inf_count, struct fl_engine_result *result, double started)
{
	result->program = fl_program_new(units, unit_count, infs, inf_count);
	struct fl_drivers drivers;
	fl_drivers_find(result->program, &drivers);
	struct fl_program **programs = fl_xcalloc(drivers.count + 1, sizeof(*programs));
	for (size_t d = 0; d < drivers.count; d++)
		programs[d] = fl_program_of_driver(result->program, &drivers.items[d]);
	size_t program_count = drivers.count ? drivers.count : 1;
	if (!drivers.count)
		programs[0] = result->program;
	double linked = fl_monotonic_seconds();
	result->stats.link += linked - started;
	for (size_t d = 0; d < program_count; d++)
		for (size_t i = 0; fl_rules[i]; i++)
			fl_rules[i]->check(fl_rules[i], programs[d], &result->findings);
	for (size_t d = 0; d < drivers.count; d++)
		fl_program_free(programs[d]);
	free(programs);
	fl_drivers_free(&drivers);
	fl_findings_sort(&result->findings);
	fl_findings_unique(&result->findings);
	fl_input_errors_sort(&result->errors);
	result->stats.rules = fl_monotonic_seconds() - linked;
}

static void fl_engine_check(struct fl_tu_facts *units, size_t unit_count, const struct fl_strv *inf_paths,
			    struct fl_engine_result *result)
{
	double started = fl_monotonic_seconds();
	struct fl_inf **infs;
	size_t inf_count;
	fl_read_infs(inf_paths, &result->errors, &infs, &inf_count);
	fl_engine_link_check(units, unit_count, infs, inf_count, result, started);
}

/* ---- CI and editors: sources the config excludes or that are user-mode ---- */

static void fl_engine_skip_sources(const struct fl_engine_options *options, struct fl_strv *sources,
				   const struct fl_strv *headers, struct fl_engine_result *result, FILE *log)
{
	if (!options->skip_source)
		return;
	struct fl_strv canonical = { 0 };
	for (size_t i = 0; i < headers->count; i++) {
		char *path = realpath(headers->items[i], NULL);
		if (path)
			fl_strv_push_owned(&canonical, path);
	}
	size_t kept = 0;
	for (size_t i = 0; i < sources->count; i++) {
		enum fl_skip skip = options->skip_source(options->skip_context, sources->items[i], &canonical);
		if (skip == FL_SKIP_USER_MODE) {
			/* Not an error: a control app or test beside the driver. */
			fprintf(log, "%s: note: a user-mode program (<windows.h> or the C++ library, no kernel "
				"header); skipped (--include-user-mode analyzes it)\n", sources->items[i]);
			result->skipped_user_mode++;
		}
		if (skip != FL_SKIP_NONE)
			free(sources->items[i]);
		else
			sources->items[kept++] = sources->items[i];
	}
	sources->count = kept;
	fl_strv_free(&canonical);
}

/* ---- each stage's options, from the engine's ---- */

static struct fl_parse_options fl_engine_parse_options(const struct fl_engine_options *options)
{
	return (struct fl_parse_options){
		.paths = options->paths,
		.clang_args = options->clang_args,
		.wdk_include = options->wdk_include,
		.allow_include = options->allow_include,
		.unit_args = options->unit_args,
		.verbose = options->verbose,
		.parallel_pch = options->jobs != 1,
	};
}

static struct fl_worker_options fl_engine_worker_options(const struct fl_engine_options *options)
{
	return (struct fl_worker_options){
		.jobs = options->jobs,
		.timeout_seconds = options->timeout_seconds,
		.max_memory_mb = options->max_memory_mb,
		.progress = options->progress,
		.progress_context = options->progress_context,
	};
}

/* ---- speed: shards and the cache (cache.h, shard.h) ---- */

unsigned fl_engine_shard_of(const char *path, unsigned count)
{
	return count ? (unsigned)(fl_fnv1a(path) % count) : 0;
}

/* What the cache holds for each source (all NULL without a cache), found
 * -j at a time; the caller frees the array. */
static struct fl_tu_facts **fl_engine_lookup(struct fl_cache *cache, const struct fl_strv *sources, unsigned jobs)
{
	struct fl_tu_facts **found = fl_xcalloc(sources->count + 1, sizeof(*found));
	if (cache)
		fl_cache_lookup_all(cache, sources, jobs, found);
	return found;
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
static int fl_engine_write_facts(const struct fl_engine_options *options,
				 const struct fl_parse_options *parse_options, const struct fl_sources *sources,
				 const struct fl_strv *all_sources, size_t discover_errors,
				 struct fl_tu_facts *units, size_t unit_count, struct fl_engine_result *result)
{
	struct fl_shard shard = {
		.index = options->shard_count > 1 ? options->shard_index : 1,
		.count = options->shard_count > 1 ? options->shard_count : 1,
		.run_id = fl_shard_run_id(parse_options, &sources->headers, all_sources),
		.sources_seen = sources->sources.count,
		.infs = sources->infs,
		.unit_count = unit_count,
		.units = units,
	};
	/* Discovery errors travel once, with shard 1. */
	for (size_t i = shard.index == 1 ? 0 : discover_errors; i < result->errors.count; i++)
		fl_input_error_copy(&shard.errors, &result->errors.items[i]);
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
	const struct fl_parse_options parse_options = fl_engine_parse_options(options);
	double run_started = fl_monotonic_seconds();
	FILE *log = options->log ? options->log : stderr;
	struct fl_sources sources = { 0 };
	fl_discover(&options->paths, &sources, &result->errors);
	fl_engine_skip_sources(options, &sources.sources, &sources.headers, result, log);
	size_t discover_errors = result->errors.count;
	struct fl_strv all_sources = { 0 };
	if (options->facts_out)
		for (size_t i = 0; i < sources.sources.count; i++)
			fl_strv_push(&all_sources, sources.sources.items[i]);
	fl_engine_keep_shard(options, &sources.sources);
	result->sources_seen = sources.sources.count;
	stats->units = sources.sources.count;
	stats->discover = fl_monotonic_seconds() - run_started;

	struct fl_tu_facts *units = fl_xcalloc(sources.sources.count, sizeof(*units));
	size_t unit_count = 0;
	int status = 0;
	if (sources.sources.count) {
		struct fl_unit_result *results = fl_xcalloc(sources.sources.count, sizeof(*results));
		/* speed: the cache answers what it can before anything is prepared */
		double lookup_started = fl_monotonic_seconds();
		struct fl_cache *cache = options->cache_dir
						 ? fl_cache_open(options->cache_dir, &parse_options, &sources.headers, log)
						 : NULL;
		struct fl_tu_facts **found = fl_engine_lookup(cache, &sources.sources, options->jobs);
		size_t *todo = fl_xcalloc(sources.sources.count, sizeof(*todo));
		size_t todo_count = 0;
		for (size_t i = 0; i < sources.sources.count; i++) {
			results[i].facts = found[i];
			if (!results[i].facts)
				todo[todo_count++] = i;
		}
		free(found);
		stats->lookup = fl_monotonic_seconds() - lookup_started;

		if (todo_count || options->verbose) {
			/* The include overlay and the PCH languages come from the units
			 * to parse (all of them for --verbose's command lines). */
			double prepare_started = fl_monotonic_seconds();
			struct fl_sources to_parse = { .headers = sources.headers };
			for (size_t i = 0; i < todo_count; i++)
				fl_strv_push(&to_parse.sources, sources.sources.items[todo[i]]);
			struct fl_parse_setup *setup =
				fl_parse_setup_new(&parse_options, options->verbose ? &sources : &to_parse, cache, log);
			fl_strv_free(&to_parse.sources);
			stats->prepare = fl_monotonic_seconds() - prepare_started;
			if (!setup) {
				status = -1;
			} else {
				if (options->verbose) {
					for (size_t i = 0; i < sources.sources.count; i++) {
						char *line = fl_parse_command_line(setup, sources.sources.items[i]);
						fprintf(log, "fltlint: %s: %s\n", sources.sources.items[i], line);
						if (!fl_unit_uses_pch(setup, sources.sources.items[i]))
							fprintf(log, "fltlint: %s: parsed without the precompiled WDK "
								"headers\n", sources.sources.items[i]);
						free(line);
					}
				}
				double parse_started = fl_monotonic_seconds();
				struct fl_arrival arrival = { .cache = cache, .sources = &sources.sources, .stats = stats };
				const struct fl_worker_options worker_options = fl_engine_worker_options(options);
				struct fl_worker_stats worker_stats = { 0 };
				status = fl_workers_parse(&worker_options, setup, &sources.sources, todo, todo_count,
							  results, fl_unit_arrived, &arrival, &worker_stats);
				stats->facts = worker_stats.facts;
				stats->worker_cpu = worker_stats.worker_cpu;
				stats->worker_max_rss_kb = worker_stats.worker_max_rss_kb;
				stats->workers_started = worker_stats.workers_started;
				stats->pch_used = worker_stats.pch_units[FL_PCH_USED];
				stats->pch_unfit = worker_stats.pch_units[FL_PCH_UNFIT];
				stats->pch_retried = worker_stats.pch_units[FL_PCH_RETRIED];
				stats->pch_absent = worker_stats.pch_units[FL_PCH_ABSENT];
				stats->parse = fl_monotonic_seconds() - parse_started;
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
			stats->pch_hits = counts->pch_hits;
			stats->pch_stored = counts->pch_stored;
			fl_cache_close(cache);
		}
		free(todo);

		for (size_t i = 0; i < sources.sources.count; i++) {
			struct fl_unit_result *unit = &results[i];
			const char *path = sources.sources.items[i];
			if (unit->error) {
				fl_input_error_add_at(&result->errors, path, unit->error_line, "%s", unit->error);
			} else if (unit->facts) {
				if (unit->facts->error_count > 0) {
					unsigned line;
					char *message = fl_parse_error_message(unit->facts, &line);
					fl_input_error_add_parse(&result->errors, path, line, "%s", message);
					free(message);
					result->analyzed_with_errors++;
				}
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
			status = fl_engine_write_facts(options, &parse_options, &sources, &all_sources, discover_errors, units,
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
	stats->total = fl_monotonic_seconds() - run_started;
	return status;
}

int fl_engine_link(const struct fl_strv *dirs, struct fl_engine_result *result)
{
	memset(result, 0, sizeof(*result));
	double started = fl_monotonic_seconds();
	struct fl_shard all;
	if (fl_shard_read_all(dirs, &all) != 0)
		return -1;
	result->stats.link = fl_monotonic_seconds() - started;
	result->sources_seen = all.sources_seen;
	result->sources_analyzed = all.unit_count;
	result->stats.units = all.sources_seen;
	result->errors = all.errors;
	result->analyzed_with_errors = fl_input_errors_count(&result->errors, FL_INPUT_PARSE);
	memset(&all.errors, 0, sizeof(all.errors));
	fl_engine_check(all.units, all.unit_count, &all.infs, result);
	all.units = NULL;
	all.unit_count = 0;
	fl_shard_clear(&all);
	result->stats.total = fl_monotonic_seconds() - started;
	return 0;
}

void fl_engine_result_free(struct fl_engine_result *result)
{
	fl_program_free(result->program);
	fl_findings_free(&result->findings);
	fl_input_errors_free(&result->errors);
	memset(result, 0, sizeof(*result));
}

/* ---- a session (engine.h): the language server's engine ---- */

struct fl_engine_session {
	const struct fl_engine_options *options;
	struct fl_parse_options parse_options;
	struct fl_worker_options worker_options;
	struct fl_worker_stats worker_stats;
	struct fl_sources sources;
	struct fl_input_errors discover_errors;
	size_t skipped_user_mode;
	struct fl_parse_setup *setup;   /* NULL when every unit came from the cache, until an edit */
	struct fl_worker_pool *pool;
	struct fl_unit_result *units;   /* by source index: facts, or why there are none */
	char **inf_texts;               /* by INF index: an editor's buffer, or NULL */
	size_t *inf_lengths;
};

/* Keeps a unit's facts without the headers it read (only the cache needs them). */
static void fl_session_arrived(void *context, size_t index, struct fl_unit_result *unit)
{
	struct fl_arrival *arrival = context;
	if (arrival->cache)
		fl_unit_arrived(context, index, unit);
	else if (unit->facts) {
		for (size_t i = 0; i < unit->facts->include_count; i++)
			free(unit->facts->includes[i]);
		free(unit->facts->includes);
		unit->facts->includes = NULL;
		unit->facts->include_count = 0;
	}
}

/* The parse setup and the pool, made on first need: for every source, so
 * that any unit can be parsed again with its language's PCH. */
static int fl_session_prepare(struct fl_engine_session *session, struct fl_cache *cache)
{
	if (session->pool)
		return 0;
	FILE *log = session->options->log ? session->options->log : stderr;
	session->setup = fl_parse_setup_new(&session->parse_options, &session->sources, cache, log);
	if (!session->setup)
		return -1;
	session->pool = fl_worker_pool_new(&session->worker_options, session->setup, &session->sources.sources,
					   &session->worker_stats);
	return 0;
}

struct fl_engine_session *fl_engine_session_open(const struct fl_engine_options *options)
{
	struct fl_engine_session *session = fl_xcalloc(1, sizeof(*session));
	session->options = options;
	session->parse_options = fl_engine_parse_options(options);
	session->worker_options = fl_engine_worker_options(options);
	FILE *log = options->log ? options->log : stderr;
	struct fl_engine_result skipped = { 0 };
	fl_discover(&options->paths, &session->sources, &session->discover_errors);
	fl_engine_skip_sources(options, &session->sources.sources, &session->sources.headers, &skipped, log);
	session->skipped_user_mode = skipped.skipped_user_mode;
	size_t count = session->sources.sources.count;
	session->units = fl_xcalloc(count ? count : 1, sizeof(*session->units));
	session->inf_texts = fl_xcalloc(session->sources.infs.count + 1, sizeof(char *));
	session->inf_lengths = fl_xcalloc(session->sources.infs.count + 1, sizeof(size_t));

	struct fl_cache *cache = options->cache_dir
					 ? fl_cache_open(options->cache_dir, &session->parse_options,
							 &session->sources.headers, log)
					 : NULL;
	struct fl_tu_facts **found = fl_engine_lookup(cache, &session->sources.sources, options->jobs);
	size_t *todo = fl_xcalloc(count ? count : 1, sizeof(*todo));
	size_t todo_count = 0;
	for (size_t i = 0; i < count; i++) {
		session->units[i].facts = found[i];
		if (session->units[i].facts)
			fl_session_arrived(&(struct fl_arrival){ 0 }, i, &session->units[i]);
		else
			todo[todo_count++] = i;
	}
	int status = 0;
	if (todo_count) {
		status = fl_session_prepare(session, cache);
		struct fl_engine_stats stats = { 0 };
		struct fl_arrival arrival = { .cache = cache, .sources = &session->sources.sources, .stats = &stats };
		if (status == 0)
			status = fl_worker_pool_parse(session->pool, todo, todo_count, NULL, session->units,
						      fl_session_arrived, &arrival);
	}
	free(found);
	free(todo);
	fl_cache_close(cache);
	if (status != 0) {
		fl_engine_session_free(session);
		return NULL;
	}
	return session;
}

void fl_engine_session_free(struct fl_engine_session *session)
{
	if (!session)
		return;
	fl_worker_pool_free(session->pool);
	fl_parse_setup_free(session->setup);
	for (size_t i = 0; i < session->sources.sources.count; i++) {
		fl_tu_facts_free(session->units[i].facts);
		free(session->units[i].error);
	}
	free(session->units);
	for (size_t i = 0; i < session->sources.infs.count; i++)
		free(session->inf_texts[i]);
	free(session->inf_texts);
	free(session->inf_lengths);
	fl_input_errors_free(&session->discover_errors);
	fl_sources_free(&session->sources);
	free(session);
}

static bool fl_strv_find(const struct fl_strv *list, const char *item, size_t *index)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i], item) == 0) {
			*index = i;
			return true;
		}
	return false;
}

bool fl_engine_session_has(const struct fl_engine_session *session, const char *path)
{
	size_t index;
	return fl_strv_find(&session->sources.sources, path, &index) ||
	       fl_strv_find(&session->sources.infs, path, &index);
}

int fl_engine_session_update(struct fl_engine_session *session, const char *path, const char *text,
			     size_t length)
{
	size_t index;
	if (fl_strv_find(&session->sources.infs, path, &index)) {
		free(session->inf_texts[index]);
		session->inf_texts[index] = NULL;
		if (text) {
			session->inf_texts[index] = fl_xmalloc(length + 1);
			memcpy(session->inf_texts[index], text, length);
		}
		session->inf_lengths[index] = length;
		return 0;
	}
	if (!fl_strv_find(&session->sources.sources, path, &index))
		return 1;
	if (fl_session_prepare(session, NULL) != 0)
		return -1;
	/* Never stale facts: what this parse gives, or its error, replaces them. */
	struct fl_unit_result *unit = &session->units[index];
	fl_tu_facts_free(unit->facts);
	free(unit->error);
	*unit = (struct fl_unit_result){ 0 };
	struct fl_unsaved unsaved = { .unit = index, .text = text, .length = length };
	struct fl_arrival arrival = { 0 };
	return fl_worker_pool_parse(session->pool, &index, 1, text ? &unsaved : NULL, session->units,
				    fl_session_arrived, &arrival);
}

void fl_engine_session_check(struct fl_engine_session *session, struct fl_engine_result *result)
{
	memset(result, 0, sizeof(*result));
	for (size_t i = 0; i < session->discover_errors.count; i++)
		fl_input_error_copy(&result->errors, &session->discover_errors.items[i]);
	result->skipped_user_mode = session->skipped_user_mode;
	size_t count = session->sources.sources.count;
	result->sources_seen = count;
	/* Shallow copies: the program borrows the session's facts. */
	struct fl_tu_facts *units = fl_xcalloc(count ? count : 1, sizeof(*units));
	size_t unit_count = 0;
	for (size_t i = 0; i < count; i++) {
		const struct fl_unit_result *unit = &session->units[i];
		const char *path = session->sources.sources.items[i];
		if (unit->error)
			fl_input_error_add_at(&result->errors, path, unit->error_line, "%s", unit->error);
		if (!unit->facts)
			continue;
		if (unit->facts->error_count > 0) {
			unsigned line;
			char *message = fl_parse_error_message(unit->facts, &line);
			fl_input_error_add_parse(&result->errors, path, line, "%s", message);
			free(message);
			result->analyzed_with_errors++;
		}
		units[unit_count++] = *unit->facts;
	}
	result->sources_analyzed = unit_count;
	double started = fl_monotonic_seconds();
	struct fl_inf **infs = fl_xcalloc(session->sources.infs.count + 1, sizeof(*infs));
	size_t inf_count = 0;
	for (size_t i = 0; i < session->sources.infs.count; i++) {
		const char *path = session->sources.infs.items[i];
		struct fl_inf *inf = session->inf_texts[i]
					     ? fl_inf_parse(path, session->inf_texts[i], session->inf_lengths[i],
							    &result->errors)
					     : fl_inf_read(path, &result->errors);
		if (inf)
			infs[inf_count++] = inf;
	}
	fl_engine_link_check(units, unit_count, infs, inf_count, result, started);
}

void fl_engine_session_result_free(struct fl_engine_result *result)
{
	if (result->program) {
		/* The facts are the session's: only the array of copies goes. */
		free(result->program->units);
		result->program->units = NULL;
		result->program->unit_count = 0;
	}
	fl_engine_result_free(result);
}
