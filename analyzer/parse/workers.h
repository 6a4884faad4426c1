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

#include "engine.h"
#include "facts/facts.h"
#include "parse/parse.h"

/* What a unit came to: facts, or an error message. */
struct fl_unit_result {
	struct fl_tu_facts *facts;
	char *error;
	unsigned error_line; /* where in the unit, when the error has a place */
};

/* Called as each unit's result lands, in the order they finish. */
typedef void fl_unit_arrived_fn(void *context, size_t unit, struct fl_unit_result *result);

/* Parses sources->items[todo[0..todo_count)] with up to options->jobs
 * workers; each result lands at results[its source's index], so the output
 * is the same whatever -j.  -1 when workers cannot be started at all. */
int fl_workers_parse(const struct fl_engine_options *options, const struct fl_parse_setup *setup,
		     const struct fl_strv *sources, const size_t *todo, size_t todo_count,
		     struct fl_unit_result *results, fl_unit_arrived_fn *arrived, void *arrived_context,
		     struct fl_engine_stats *stats);

#endif
