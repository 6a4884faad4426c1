/* What a run found, as the engine returns it (engine.h) and the reports
 * read it (report/report.h): the reports see results, never the engine. */
#ifndef FL_RESULTS_H
#define FL_RESULTS_H

#include <stddef.h>

#include "findings.h"

struct fl_program;

/* Where a run's time went (seconds, wall clock), and what the cache did. */
struct fl_engine_stats {
	double discover;  /* walking the paths */
	double lookup;    /* cache lookups (hashing sources and headers) */
	double prepare;   /* shared arguments, include overlay, precompiled prelude */
	double parse;     /* the worker pool, wall clock */
	double facts;     /* decoding workers' JSON facts (inside `parse`) */
	double store;     /* cache stores */
	double link;      /* joining units (or reading shard facts) */
	double rules;
	double total;     /* fl_engine_run / fl_engine_link as a whole */
	size_t units;           /* units this run (this shard) was responsible for */
	size_t parsed;          /* of those, parsed by a worker */
	size_t cache_hits, cache_misses, cache_rejected, cache_stored;
	size_t pch_hits, pch_stored; /* precompiled preludes from the cache / kept in it */
	double worker_cpu;      /* user + system seconds of all workers */
	long worker_max_rss_kb; /* the largest worker's peak resident set */
	size_t workers_started; /* worker processes, replacements included */
	/* Parsed units by how they met the precompiled WDK headers (fl_pch_use):
	 * with them, without (a define first, or their own arguments), again
	 * without after clang errors with them, none for their language. */
	size_t pch_used, pch_unfit, pch_retried, pch_absent;
};

struct fl_engine_result {
	struct fl_program *program;   /* the linked driver (units that parsed) */
	struct fl_findings findings;  /* sorted */
	struct fl_input_errors errors;/* sorted by file */
	size_t sources_seen;          /* translation units discovered */
	size_t sources_analyzed;      /* of those, parsed and checked */
	size_t analyzed_with_errors;  /* of those, with clang errors (FL_INPUT_PARSE) */
	size_t skipped_user_mode;     /* user-mode programs left out (not in sources_seen) */
	struct fl_engine_stats stats;
};

#endif
