/* What the IRQL rules share: the highest IRQL each function of the driver
 * may run at, and why.
 *
 * Filter Manager's callback types carry no SAL IRQL annotations, so the
 * level comes from each callback's role (domain facts: post-operation up to
 * DISPATCH_LEVEL, pre-operation PASSIVE or APC, work items PASSIVE ...), from
 * code between a spin-lock acquire and its release, and from the driver's own
 * _IRQL_requires_(DISPATCH_LEVEL)-style annotations; it flows down direct
 * calls.  Used by irql-too-high and paged-at-dispatch; not a rule itself. */
#ifndef FL_IRQL_H
#define FL_IRQL_H

#include "knowledge/api.h"
#include "rule.h"

struct fl_irql_map;

/* The program's map, built by the first rule that asks and freed with the
 * program (fl_program_shared): its walks cost the same for every rule. */
struct fl_irql_map *fl_irql_map_of(const struct fl_program *program);

/* The highest level `key` may run at: APC_LEVEL or DISPATCH_LEVEL when it
 * is reached there (through calls feasible at that level: irql_paths.h),
 * PASSIVE_LEVEL when it is not (or fltlint cannot tell). */
int fl_irql_level(const struct fl_irql_map *map, const char *key);

/* The IRQL call `index` of `function` may run at: the highest level the
 * function is reached at on which some feasible path makes the call, or
 * higher inside a spin-lock (or raised-IRQL) region; *raise gets the call
 * that opened that region, or NULL. */
int fl_irql_at_call(const struct fl_irql_map *map, const struct fl_function *function, size_t index,
		    const struct fl_call **raise);

/* "PostWrite (post-operation callback, IRP_MJ_WRITE) -> UpdateCounters":
 * the chain that places `key` at `level` (APC_LEVEL or DISPATCH_LEVEL);
 * every call on it is made on a path feasible at that level, and so is
 * `call` of `key` at its end where one makes it (NULL: any chain). */
char *fl_irql_chain_text(const struct fl_irql_map *map, const char *key, const struct fl_call *call, int level);
/* Adds that chain as related locations: the registration or the raise,
 * then each call on the way. */
void fl_irql_add_related(const struct fl_irql_map *map, const char *key, const struct fl_call *call, int level,
			 struct fl_finding *finding);
/* Whether that chain starts at a post-operation callback that comes at
 * DISPATCH_LEVEL only if a pre-operation status fltlint cannot read lets
 * it come later. */
bool fl_irql_chain_uncertain(const struct fl_irql_map *map, const char *key, const struct fl_call *call, int level);

/* "PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL". */
const char *fl_irql_name(int level);

#endif
