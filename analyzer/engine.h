/* The engine: discover -> parse (per unit, in parallel) -> facts -> link ->
 * rules.  The CLI and the fixture harness both run a whole analysis through
 * fl_engine_run and then report what it returns. */
#ifndef FL_ENGINE_H
#define FL_ENGINE_H

#include <stdbool.h>
#include <stdio.h>

#include "findings.h"
#include "link/program.h"
#include "results.h"
#include "sources/unit_args.h"
#include "util.h"

enum fl_skip {
	FL_SKIP_NONE,      /* analyze it */
	FL_SKIP_EXCLUDED,  /* the config excludes it */
	FL_SKIP_USER_MODE, /* a user-mode program beside the driver: a note, and a count */
};

struct fl_engine_options {
	struct fl_strv paths;        /* files and folders to analyze */
	struct fl_strv clang_args;   /* the user's extra -I, -D, -U, -include ... */
	struct fl_strv wdk_include;  /* --wdk-include: real WDK header folders */
	unsigned jobs;               /* parallel units; 0 = number of cores */
	double timeout_seconds;      /* per unit; 0 = none */
	bool verbose;                /* print each unit's clang arguments */
	FILE *log;                   /* where --verbose goes (stderr when NULL) */

	/* Speed and scale (cache.h, docs/ci-sharding.md). */
	const char *cache_dir;       /* the facts cache; NULL = none (tests pass none) */
	unsigned shard_index;        /* --shard K/N: analyze only units whose path */
	unsigned shard_count;        /*   hashes to K of N (1-based); 0 = all units */
	const char *facts_out;       /* write the units' facts to this folder for
				      * `fltlint link`, instead of linking and checking */

	/* Hostile input (README "Security"). */
	unsigned max_memory_mb;      /* a worker's address space; 0 = no limit */
	struct fl_strv allow_include;/* --allow-include: folders units may include
				      * from besides the tree and header folders */
	/* CI and editors (compdb.h, vcxproj.h, docs/config.md). */
	const struct fl_unit_args_list *unit_args; /* per-source arguments from a
						    * compile_commands.json or .vcxproj; NULL = none */
	/* Called on each discovered source: whether to leave it out (config
	 * excludes, user-mode programs).  `tree_headers`: the analyzed tree's
	 * headers, canonical (the only ones a source's includes are followed
	 * into).  NULL keeps every source. */
	enum fl_skip (*skip_source)(void *context, const char *path, const struct fl_strv *tree_headers);
	void *skip_context;
	/* Called after each unit a worker parsed (done of total): a progress line. */
	void (*progress)(void *context, size_t done, size_t total);
	void *progress_context;
};

/* The CLI's bounds on one unit.  A real unit parses in well under 10 s even
 * on a slow runner; two minutes bounds a hostile one without ever failing a
 * real driver.  2 GB of address space holds libclang, the PCH and the
 * largest real unit several times over.  A sanitizer build keeps no memory
 * bound: its shadow memory alone is terabytes of address space. */
#define FL_DEFAULT_TIMEOUT_SECONDS 120
#ifdef FL_SANITIZED
#define FL_DEFAULT_MAX_MEMORY_MB 0
#else
#define FL_DEFAULT_MAX_MEMORY_MB 2048
#endif

void fl_engine_options_free(struct fl_engine_options *options);

/* Runs the analysis.  Returns 0, or -1 on an internal error (reported on
 * stderr); input problems are in result->errors, not a failure of the run. */
int fl_engine_run(const struct fl_engine_options *options, struct fl_engine_result *result);
void fl_engine_result_free(struct fl_engine_result *result);

/* `fltlint link DIR...`: joins the facts that runs with `facts_out` wrote
 * (every shard K/N of one N, from the same tree and arguments) and runs the
 * rules, giving what one whole run gives.  Returns 0, or -1 when the facts
 * are unreadable, of another version, or a shard is missing or repeated
 * (said on stderr): findings from a partial set would look complete. */
int fl_engine_link(const struct fl_strv *dirs, struct fl_engine_result *result);

/* ---- a session: the language server's engine (analyzer/lsp/) ----
 * One full run, after which the session keeps every unit's facts, the
 * prepared parse (PCH) and a warm worker pool, so that an edit re-parses
 * only its unit (from the editor's buffer) and re-links the rest. */
struct fl_engine_session;

/* Discovers, parses every unit (the cache answers what it can) and keeps
 * them.  `options` and what it points to are borrowed for the session's
 * life.  NULL after an internal error said in options->log. */
struct fl_engine_session *fl_engine_session_open(const struct fl_engine_options *options);
void fl_engine_session_free(struct fl_engine_session *session);

/* Is `path` (as discovery names it) a unit or an INF of the session? */
bool fl_engine_session_has(const struct fl_engine_session *session, const char *path);

/* `path` holds `text` now (an editor's buffer; NULL: read the file again).
 * A unit is parsed again at once; an INF is read at the next check.
 * Returns 0, 1 when `path` is not in the session, -1 when no worker could
 * be started. */
int fl_engine_session_update(struct fl_engine_session *session, const char *path, const char *text,
			     size_t length);

/* Links the units kept and runs the rules, as fl_engine_run ends.  The
 * result's program borrows the session's units: free it with
 * fl_engine_session_result_free, before the next update. */
void fl_engine_session_check(struct fl_engine_session *session, struct fl_engine_result *result);
void fl_engine_session_result_free(struct fl_engine_result *result);

/* The shard (0-based, below `count`) a unit belongs to: FNV-1a 64 of its
 * path as the run names it, modulo `count`.  Stable whatever else the tree
 * holds. */
unsigned fl_engine_shard_of(const char *path, unsigned count);

#endif
