/* What the INF rules know about minifilter installation, written once:
 * the load order groups and their altitude ranges, the altitudes of
 * Microsoft's public samples, and the loop and report helpers every INF rule
 * shares.  Sources are cited in inf_knowledge.c. */
#ifndef FL_INF_KNOWLEDGE_H
#define FL_INF_KNOWLEDGE_H

#include <stdbool.h>

#include "inf/inf.h"
#include "rule.h"

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

/* What an INF rule's per-service check gets. */
struct fl_inf_check {
	const struct fl_rule *rule;
	struct fl_findings *out;
	const struct fl_inf *inf;
	const struct fl_inf_service *service;
};

/* Calls `check` for every minifilter service of every INF of the program. */
void fl_inf_each_minifilter(const struct fl_rule *rule, const struct fl_program *program,
			    struct fl_findings *out, void (*check)(const struct fl_inf_check *check));

/* Reports at `line` of the check's INF with the rule's severity, unless the
 * same rule already reported the same message there: an instance written
 * under both layouts takes its values from the same [Strings] lines, and
 * one mistake is one finding.  Returns the finding, or NULL when merged. */
struct fl_finding *fl_inf_report(const struct fl_inf_check *check, unsigned line, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

#endif
