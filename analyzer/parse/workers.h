/* The worker pool: units are parsed and walked in worker processes.
 *
 * A worker is forked once and parses unit after unit, answering each with
 * its facts as JSON.  Processes buy what threads cannot: a crash or a hang
 * inside libclang on one hostile file costs only that worker (the unit is
 * reported as an input error and a fresh worker takes the rest); a per-unit
 * timeout is a kill.  Keeping workers for the whole run (rather than a fork
 * per unit) keeps them from inheriting the engine's growing heap of facts
 * and spares each unit a fork and the loading of libclang. */
#ifndef FL_WORKERS_H
#define FL_WORKERS_H

#include <stddef.h>

#include <stdbool.h>

#include "facts/facts.h"
#include "parse/parse.h"
#include "util.h"

/* What the pool takes of the run's options (the engine fills it). */
struct fl_worker_options {
	unsigned jobs;          /* workers; 0 = number of cores */
	double timeout_seconds; /* per unit; 0 = none */
	unsigned max_memory_mb; /* a worker's address space; 0 = no limit */
	/* Called after each unit a worker parsed (done of total), or NULL. */
	void (*progress)(void *context, size_t done, size_t total);
	void *progress_context;
};

/* What the workers cost. */
struct fl_worker_stats {
	double facts;           /* seconds decoding workers' JSON facts */
	double worker_cpu;      /* user + system seconds of all workers */
	long worker_max_rss_kb; /* the largest worker's peak resident set */
	size_t workers_started; /* one per job, and one for each that exited on a broken heap or died */
	size_t pch_units[FL_PCH_USE_COUNT]; /* units that answered, by how they met the PCH */
};

/* What a unit came to: facts, or an error message. */
struct fl_unit_result {
	struct fl_tu_facts *facts;
	char *error;
	unsigned error_line; /* where in the unit, when the error has a place */
};

/* Called as each unit's result lands, in the order they finish. */
typedef void fl_unit_arrived_fn(void *context, size_t unit, struct fl_unit_result *result);

/* An editor's unsaved buffer for one source: that unit is parsed from
 * `text` instead of the file (libclang's unsaved files). */
struct fl_unsaved {
	size_t unit;      /* the source's index */
	const char *text;
	size_t length;
};

/* A pool that outlives one batch of units: the language server parses one
 * unit per edit, and a worker kept between edits has libclang loaded and
 * warm.  The workers are forked on first use with `sources` as they are
 * then; the pool borrows all three. */
struct fl_worker_pool;
struct fl_worker_pool *fl_worker_pool_new(const struct fl_worker_options *options,
					  const struct fl_parse_setup *setup, const struct fl_strv *sources,
					  struct fl_worker_stats *stats);
/* Parses sources->items[todo[0..todo_count)] as fl_workers_parse does,
 * `unsaved` (or NULL) from its buffer. */
int fl_worker_pool_parse(struct fl_worker_pool *pool, const size_t *todo, size_t todo_count,
			 const struct fl_unsaved *unsaved, struct fl_unit_result *results,
			 fl_unit_arrived_fn *arrived, void *arrived_context);
/* Ends the workers. */
void fl_worker_pool_free(struct fl_worker_pool *pool);

/* Parses sources->items[todo[0..todo_count)] with up to options->jobs
 * workers; each result lands at results[its source's index], so the output
 * is the same whatever -j.  -1 when workers cannot be started at all. */
int fl_workers_parse(const struct fl_worker_options *options, const struct fl_parse_setup *setup,
		     const struct fl_strv *sources, const size_t *todo, size_t todo_count,
		     struct fl_unit_result *results, fl_unit_arrived_fn *arrived, void *arrived_context,
		     struct fl_worker_stats *stats);

#endif
