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

/* Why a function may run at its level: the start of its shortest chain and
 * the step that reaches it. */
struct fl_irql_reach {
	int level;                     /* FL_IRQL_APC or FL_IRQL_DISPATCH */
	const struct fl_entry *entry;  /* the callback the chain starts at, or NULL */
	const char *origin_key;        /* no entry: the function holding the lock or annotated */
	const struct fl_call *raise;   /* no entry: the acquire / raise call, or NULL (annotation) */
	const char *caller_key;        /* previous function on the chain; NULL at its start */
	const struct fl_call *call;    /* the call from caller_key */
	unsigned depth;
};

struct fl_irql_map;

struct fl_irql_map *fl_irql_map_new(const struct fl_program *program);
void fl_irql_map_free(struct fl_irql_map *map);

/* How `key` comes to run above PASSIVE_LEVEL, or NULL when it does not
 * (or fltlint cannot tell). */
const struct fl_irql_reach *fl_irql_get(const struct fl_irql_map *map, const char *key);

/* The IRQL call `index` of `function` may run at: the function's own level,
 * or higher inside a spin-lock (or raised-IRQL) region; *raise gets the call
 * that opened that region, or NULL. */
int fl_irql_at_call(const struct fl_irql_map *map, const struct fl_function *function, size_t index,
		    const struct fl_call **raise);

/* The level a callback of `entry`'s role runs at, by the documented facts. */
int fl_irql_entry_level(const struct fl_program *program, const struct fl_entry *entry);

/* "PostWrite (post-operation callback, IRP_MJ_WRITE) -> UpdateCounters":
 * the chain to `key`, which must be reached. */
char *fl_irql_chain_text(const struct fl_irql_map *map, const char *key);
/* Adds the chain as related locations: the registration or the raise, then
 * each call on the way. */
void fl_irql_add_related(const struct fl_irql_map *map, const char *key, struct fl_finding *finding);

/* "PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL". */
const char *fl_irql_name(int level);

#endif
