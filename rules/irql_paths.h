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
 *   the same constant (or NULL) for;
 * - the major functions each call is made for, so that a helper handed the
 *   callback data only under `case IRP_MJ_CREATE:` (or only by callbacks
 *   registered for one major function) has its own tests of the major
 *   function pruned by those. */
#ifndef FL_IRQL_PATHS_H
#define FL_IRQL_PATHS_H

#include <stdbool.h>
#include <stdint.h>

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
 * be none) and through calls made with the major functions `call_majors`
 * possible (fl_major_bit; 0: not through calls): per call, the major
 * functions of the feasible paths that make it (0: none does; every major
 * when the call does not hand on the callback data, see
 * fl_passes_callback_data).  NULL when every call may be made with any
 * (no summary).  Owned by `paths`. */
const uint64_t *fl_irql_feasible_calls(struct fl_irql_paths *paths, size_t slot, int level,
				       const struct fl_entry *const *entries, size_t entry_count, uint64_t call_majors);

/* The same for the function in `slot` entered as `entry` alone (the
 * paths a chain from that registration takes). */
const uint64_t *fl_irql_entry_feasible_calls(struct fl_irql_paths *paths, size_t slot, int level,
					     const struct fl_entry *entry);

/* The raised regions open at a point of a function, innermost last: the
 * level each raises to and the call that opened it.  Plain data: a path's
 * state carries one. */
#define FL_REGIONS_MAX 16
struct fl_irql_stack {
	unsigned count;
	int levels[FL_REGIONS_MAX];
	size_t raises[FL_REGIONS_MAX];
};

/* What a call did to the regions of fl_irql_stack_step. */
enum fl_irql_step {
	FL_IRQL_STEP_NONE,
	FL_IRQL_STEP_OPENS,
	FL_IRQL_STEP_CLOSES,            /* the innermost */
	FL_IRQL_STEP_RELEASES_UNOPENED, /* a release with no region open */
};

/* Call `index` of `function`, whose effect on the IRQL is `effect` (the
 * level it raises to, > 0; -1 when it lowers; else 0), applied to `stack`.
 * A call that takes again the lock an open region took (same routine, lock
 * argument spelled the same) opens no region: spin locks and fast mutexes
 * are not recursive, so it is the same lock read on another branch
 * (`if (...) Acquire(L); else Acquire(L); ... Release(L)`), and counting it
 * twice would leave the region open after the one release.  Beyond
 * FL_REGIONS_MAX open regions a raise opens none. */
enum fl_irql_step fl_irql_stack_step(struct fl_irql_stack *stack, const struct fl_function *function, size_t index,
				     int effect);

/* The raised regions of a function: per call, the level of the innermost
 * region it is made in (-1: none) and the call that opened it. */
struct fl_irql_regions {
	const int *effects; /* in: per call, as fl_irql_stack_step takes it */
	int *call_level;    /* out */
	size_t *call_raise; /* out */
};

/* Records in `regions` that call `index` is made inside the innermost
 * region of `stack`, when that is higher than what is recorded. */
void fl_irql_regions_note(struct fl_irql_regions *regions, const struct fl_irql_stack *stack, size_t index);

/* Fills `regions` for the function in `slot` path by path: a call is in a
 * region when some feasible path makes it there (a release on an early
 * return closes the region on that path only; the case a goto leaves from
 * does not hold the lock in the next case).  A path that returns with a
 * region still open, or releases where it took nothing, says the walk
 * misread the function (a lock taken and released under tests it cannot
 * relate, such as a recursive lock's owner and count), unless the
 * function's `own_effect` (what it leaves done to the IRQL: > 0 raised,
 * < 0 lowered) explains it for a helper that only takes (or only
 * releases) a lock: then, or when the walk gives up, false, and the caller
 * falls back to reading the calls in source order. */
bool fl_irql_path_regions(struct fl_irql_paths *paths, size_t slot, struct fl_irql_regions *regions,
			  int own_effect);

/* The bit of major function `major` in a set of them; every bit: all. */
uint64_t fl_major_bit(long long major);
#define FL_MAJORS_ALL UINT64_MAX

#endif
