/* The facts cache: a unit parsed once is not parsed again while nothing it
 * read has changed.
 *
 * Keys, ccache-style:
 *  - the run key: the run identity (fl_run_identity), the SHA-256 of
 *    fltlint's own executable and parser module (a rebuild is a new
 *    fltlint), libclang's identity (its library's size and time) and the
 *    working folder (facts name files relative to it);
 *  - a manifest per source, at hash(run key, path as named): up to
 *    FL_CACHE_MANIFEST_ENTRIES entries, newest first, each the SHA-256 of the
 *    source and of every header the unit read (the precompiled prelude's
 *    headers included), and the name of the result they give.  A lookup
 *    hashes the source and the listed headers (each header once per run) and
 *    takes the first entry that matches, without parsing anything;
 *  - the file index: each file's hash with its stamp (device, inode, size,
 *    modification and change times) when hashed; a file whose stamp is the
 *    same is not read again (one written less than a second before the run
 *    that hashed it is not indexed: a write in the same clock tick would
 *    keep the stamp);
 *  - a result per entry, at hash(manifest key, source hash, every header path
 *    and hash): the unit's facts.
 *
 * Entries are written to a temporary file in the same folder and renamed into
 * place, so that a reader sees a whole entry or none, and concurrent runs are
 * safe (the last manifest written wins; a lost entry is only a miss).  Each
 * entry carries the cache format, fltlint's identity and its own key, and its
 * facts go through the strict facts reader: anything off is a miss, and the
 * entry is written again after the parse.
 *
 * Units analyzed with clang errors are cached with their errors, which a
 * hit reports again: an include clang did not find is in the manifest as a
 * header of the tree once it appears there (the run key lists them), but not
 * when it appears in an -I folder outside the tree (--no-cache, or touching
 * the unit, parses it again).  Not cached: units any of whose files changed
 * while the run was going on (modified after the run began). */
#ifndef FL_CACHE_H
#define FL_CACHE_H

#include <stdbool.h>
#include <stdio.h>

#include "facts/facts.h"
#include "parse/parse.h"
#include "util.h"

#define FL_CACHE_FORMAT 1
#define FL_CACHE_MANIFEST_ENTRIES 8

struct fl_cache;

/* The identity of a run, as 64 hex digits and a NUL: a SHA-256 of
 * everything besides a unit's files and the fltlint build that decides the
 * unit's facts: fltlint's version, the facts format, clang's resource
 * folder, every clang argument the units share except temporary paths (the
 * user's -I/-D/-U/--include, --wdk-include, the WDK defaults), the PATHs
 * named and the --allow-include folders (they decide what a unit may
 * include), every per-source argument list (compile_commands.json,
 * .vcxproj), and the list of headers in the analyzed tree (a header added
 * or removed can change how a Windows-spelled include resolves).  The
 * cache's run key and a shard's identity (shard.h) are both made from it. */
void fl_run_identity(const struct fl_parse_options *options, const struct fl_strv *tree_headers, char out[65]);

/* Opens the cache in `dir` (created when missing) for a run with `options`
 * over a tree whose headers are `tree_headers`.  NULL, after a warning in
 * `log`, when the folder cannot be used: the run then goes on without. */
struct fl_cache *fl_cache_open(const char *dir, const struct fl_parse_options *options,
			       const struct fl_strv *tree_headers, FILE *log);
void fl_cache_close(struct fl_cache *cache);

/* The facts stored for each source, looked up `jobs` at a time (0: one per
 * core): found[i] gets those of sources->items[i] when a valid entry matches
 * the source and every header it read, else NULL.  speed: reading and
 * decoding entries is most of a warm run. */
void fl_cache_lookup_all(struct fl_cache *cache, const struct fl_strv *sources, unsigned jobs,
			 struct fl_tu_facts **found);

/* Stores the facts `path` was parsed into (facts->includes lists the headers
 * it read).  Returns true when stored; false when the unit is not cacheable
 * or the write failed (a cache is never a reason for a run to fail). */
bool fl_cache_store(struct fl_cache *cache, const char *path, const struct fl_tu_facts *facts);

/* ---- the precompiled prelude, kept between runs ----
 * A PCH costs a cold run ~0.15 s, as much as parsing a dozen units with it,
 * and after one file changes it would be the only thing parsed besides that
 * file.  `language` is clang's -x name, `prelude` the prelude's text,
 * `overlay` the include overlay's text (NULL for none): with the run key,
 * they name the PCH. */

/* The prelude as a file in the cache (written once, never rewritten: a PCH
 * names its main file and checks its time); NULL when it cannot be. */
char *fl_cache_prelude_file(struct fl_cache *cache, const char *prelude);

/* The PCH kept for these, when it and every file it read are as when it was
 * built: its path, and the headers it read in `includes`; else NULL. */
char *fl_cache_pch_find(struct fl_cache *cache, const char *language, const char *prelude, const char *overlay,
			struct fl_strv *includes);

/* Keeps a copy of the PCH just built at `built` from `prelude_file`, with
 * the headers it read. */
void fl_cache_pch_keep(struct fl_cache *cache, const char *language, const char *prelude, const char *overlay,
		       const char *prelude_file, const char *built, const struct fl_strv *includes);

/* What a run did with the cache. */
struct fl_cache_stats {
	size_t hits, misses;
	size_t rejected;     /* entries present but corrupt, foreign or stale: rebuilt */
	size_t stored;
	size_t files_hashed; /* distinct sources and headers read and hashed */
	size_t pch_hits;     /* precompiled preludes taken from the cache */
	size_t pch_stored;   /* ... built by this run and kept */
};
const struct fl_cache_stats *fl_cache_stats(const struct fl_cache *cache);

/* The default folder: $XDG_CACHE_HOME/fltlint, else $HOME/.cache/fltlint;
 * NULL when neither is set.  The caller frees it. */
char *fl_cache_default_dir(void);

/* SHA-256 of `length` bytes, as 64 hex digits and a NUL. */
void fl_sha256_hex(const void *data, size_t length, char out[65]);

#endif
