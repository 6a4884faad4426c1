/* What the INF rules know about minifilter installation, written once:
 * the load order groups and their altitude ranges, the altitudes of
 * Microsoft's public samples.  Sources are cited in inf_knowledge.c; the
 * loop and report helpers the INF rules share are in rules/inf_rule.h. */
#ifndef FL_INF_KNOWLEDGE_H
#define FL_INF_KNOWLEDGE_H

#include <stdbool.h>

#include "inf/inf.h"

struct fl_load_order_group {
	const char *name;     /* as the LoadOrderGroup entry spells it */
	const char *low;      /* lowest altitude of the range */
	const char *high;     /* highest integer altitude of the range (fractions of it included) */
	bool reserved;        /* reserved for Microsoft's internal use */
};

/* The documented group named `name` (case-insensitive), or NULL. */
const struct fl_load_order_group *fl_load_order_group_find(const char *name);
/* A documented group whose name differs from `name` only in case, blanks or
 * hyphens ("FSFilter AntiVirus"), for "did you mean"; NULL when none. */
const struct fl_load_order_group *fl_load_order_group_near(const char *name);
/* Whether a valid altitude lies in the group's range: low <= a < high + 1. */
bool fl_load_order_group_contains(const struct fl_load_order_group *group, const char *altitude);
/* The group whose range holds a valid altitude, or NULL (a gap). */
const struct fl_load_order_group *fl_load_order_group_of(const char *altitude);

/* The Microsoft sample a valid altitude was allocated to, or NULL. */
const char *fl_sample_altitude_owner(const char *altitude);

#endif
