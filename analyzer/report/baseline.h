/* Baselines: today's findings recorded, so that a CI job fails only on new
 * ones (docs/baseline in README.md, "Baselines").
 *
 * A baseline is JSON: {"fltlint_baseline": 1, "version", "findings":
 * [{"rule", "path", "fingerprint", "count", "message"}]}, where `path` is
 * relative to the project root and `fingerprint` the base of the finding's
 * fingerprint (fingerprint.h: no line number), `count` how many findings
 * share it.  A later run drops up to `count` findings of each (rule, path,
 * fingerprint): moved lines and unrelated edits leave them matched. */
#ifndef FL_BASELINE_H
#define FL_BASELINE_H

#include "findings.h"

struct fl_baseline;

/* Writes the fingerprinted findings' baseline to `path` (through a
 * temporary file and a rename).  Returns 0, or -1 with errno. */
int fl_baseline_write(const char *path, const struct fl_findings *findings, const char *root);

/* NULL with a message in *error (caller frees) when the file cannot be
 * read or is not a baseline. */
struct fl_baseline *fl_baseline_read(const char *path, char **error);
void fl_baseline_free(struct fl_baseline *baseline);

/* Removes the findings the baseline knows (they must be fingerprinted);
 * returns how many. */
size_t fl_baseline_filter(struct fl_baseline *baseline, struct fl_findings *findings, const char *root);

/* Writes `length` bytes to `path` atomically: a temporary file beside it,
 * synced, renamed over it.  On failure the old file is intact.  Returns 0,
 * or -1 with errno. */
int fl_write_file_atomic(const char *path, const char *text, size_t length);

#endif
