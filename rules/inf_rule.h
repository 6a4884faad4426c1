/* The loop and report helpers every inf-* rule shares, on top of what
 * fltlint knows of minifilter installation (knowledge/inf_knowledge.h). */
#ifndef FL_INF_RULE_H
#define FL_INF_RULE_H

#include "knowledge/inf_knowledge.h"
#include "rule.h"

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
