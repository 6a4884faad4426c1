/* fltlint --fix: applies the findings' fixes (findings.h) to the files.
 *
 * Each finding contributes its preferred fix (a fix not preferred is a
 * choice for the author: an editor's code action).  A file is
 * changed only when its text is still the text the run parsed (the unit's
 * source hash, facts.h); a file that is no unit's own source (a header) is
 * left alone.  Fixes whose edits overlap (or insert at one place, unless
 * one rule made both: names appended to one list) are none of them
 * applied, and said so.  A file is written beside itself and renamed over, so that it is
 * either the old text or the new one. */
#ifndef FL_CLI_FIX_H
#define FL_CLI_FIX_H

#include <stdbool.h>
#include <stdio.h>

#include "results.h"

/* Applies the fixes, printing on `out` what it changed; with `diff`,
 * changes nothing and prints a unified diff (paths as the run names them,
 * for `patch -p0`) instead.  Problems go to `log`.  Returns 0, or -1 when
 * some file could not be fixed (changed since the parse, unwritable). */
int fl_fix_apply(const struct fl_engine_result *result, bool diff, FILE *out, FILE *log);

#endif
