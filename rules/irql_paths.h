/* Which paths of a function Filter Manager's contract lets run at an IRQL
 * (used by irql.c; not a rule itself).
 *
 * Over the flow summaries (facts.h) with the link stage's path walker:
 * - the statuses each pre-operation callback returns, per path, with the
 *   tests of its callback data that lead there (a switch on
 *   FsControlCode returning FLT_PREOP_SYNCHRONIZE for the codes its post
 *   handles); a pended operation counts by the statuses the driver passes
 *   to FltCompletePendedPreOperation;
 * - the calls a function makes on some path feasible at DISPATCH_LEVEL or
 *   APC_LEVEL: not under a test of the major function that the callback's
 *   registrations rule out, nor under a test its pre-operation rules out
 *   on every path that defers the post-operation, nor under a documented
 *   guard (KeGetCurrentIrql() <= APC_LEVEL; RequestorMode == UserMode at
 *   the paging level), nor under a test of a parameter every caller passes
 *   the same constant (or NULL) for. */
#ifndef FL_IRQL_PATHS_H
#define FL_IRQL_PATHS_H

#include <stdbool.h>

#include "link/program.h"

struct fl_irql_paths;

struct fl_irql_paths *fl_irql_paths_new(const struct fl_program *program);
void fl_irql_paths_free(struct fl_irql_paths *paths);

/* The IRQL a pre-operation of `major` registered with `flags` comes at
 * (PASSIVE_LEVEL or APC_LEVEL). */
int fl_preop_irql(int major, long long flags);

/* How a pre-operation callback leaves the post-operation of `major`. */
enum fl_preop_defers {
	FL_PREOP_NEVER_DEFERS, /* no path returns SUCCESS_WITH_CALLBACK (or pends so) */
	FL_PREOP_DEFERS,       /* some path does */
	FL_PREOP_MAY_DEFER,    /* only a status fltlint cannot read might */
};
enum fl_preop_defers fl_preop_defers(struct fl_irql_paths *paths, size_t slot, int major);
/* Whether some path of the pre-operation in `slot` synchronizes (returns
 * FLT_PREOP_SYNCHRONIZE, or a status fltlint cannot read). */
bool fl_preop_may_synchronize(struct fl_irql_paths *paths, size_t slot, int major);

/* For the function in `slot` at `level` (APC_LEVEL or DISPATCH_LEVEL),
 * entered as each entry of `entries` (its registrations at that level; may
 * be none) and, when `from_calls`, as a callee: per call, whether some
 * feasible path makes it.  NULL when every call may be made (no summary).
 * Owned by `paths`. */
const bool *fl_irql_feasible_calls(struct fl_irql_paths *paths, size_t slot, int level,
				   const struct fl_entry *const *entries, size_t entry_count, bool from_calls);

/* The same for the function in `slot` entered as `entry` alone (the
 * paths a chain from that registration takes). */
const bool *fl_irql_entry_feasible_calls(struct fl_irql_paths *paths, size_t slot, int level,
					 const struct fl_entry *entry);

#endif
