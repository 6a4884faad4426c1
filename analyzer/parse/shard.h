/* Shards: facts as the unit of distribution (docs/ci-sharding.md).
 *
 * `fltlint --facts-out DIR [--shard K/N] PATH...` parses its share of the
 * units and writes DIR/fltlint-facts-K-of-N.json: the facts of each unit it
 * parsed cleanly, the input errors of its units (shard 1 also carries the
 * discovery errors, once), the INF files of the tree, and an identity of the
 * run (the run identity of cache.h: everything that decides a unit's facts;
 * and the tree's sources) that every shard of one run shares.  `fltlint link DIR...`
 * reads them back, checks that exactly shards 1..N of one run are there, and
 * hands the whole to the link step and the rules. */
#ifndef FL_SHARD_H
#define FL_SHARD_H

#include <stdbool.h>

#include "facts/facts.h"
#include "findings.h"
#include "parse/parse.h"
#include "util.h"

#define FL_SHARD_FORMAT 2 /* 2: each error says whether its unit was analyzed */

/* One shard's output, as written and as read back. */
struct fl_shard {
	unsigned index, count; /* K and N, 1-based K */
	char *run_id;
	size_t sources_seen;   /* units of this shard */
	struct fl_strv infs;
	struct fl_input_errors errors;
	size_t unit_count;
	struct fl_tu_facts *units;
};

/* The identity of a run over `sources` (every shard's) and a tree with
 * `tree_headers`, with `options`: the same in every shard of it (caller
 * frees). */
char *fl_shard_run_id(const struct fl_parse_options *options, const struct fl_strv *tree_headers,
		      const struct fl_strv *sources);

/* Writes `shard` into `dir` (created when missing), atomically.  Returns 0,
 * or -1 after a message on stderr. */
int fl_shard_write(const char *dir, const struct fl_shard *shard);

/* Reads every fltlint-facts-*.json in `dirs` and joins them into `out`
 * (units, errors and counts summed, INFs from shard 1).  Returns 0, or -1
 * after a message on stderr when one is unreadable or foreign, or the set is
 * not exactly shards 1..N of one run. */
int fl_shard_read_all(const struct fl_strv *dirs, struct fl_shard *out);

void fl_shard_clear(struct fl_shard *shard);

#endif
