/* The rule table, built from rule_list.h, and how rules report. */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "rule.h"

#define FL_RULE(name) &fl_rule_##name,
const struct fl_rule *const fl_rules[] = {
#include "rule_list.h"
	NULL,
};
#undef FL_RULE

size_t fl_rule_count(void)
{
	return sizeof(fl_rules) / sizeof(fl_rules[0]) - 1;
}

const struct fl_rule *fl_rule_find(const char *id)
{
	for (size_t i = 0; fl_rules[i]; i++)
		if (strcmp(fl_rules[i]->id, id) == 0)
			return fl_rules[i];
	return NULL;
}

struct fl_finding *fl_report(struct fl_findings *out, const struct fl_rule *rule,
			     enum fl_severity severity, const struct fl_loc *loc,
			     const char *format, ...)
{
	va_list args;
	va_start(args, format);
	struct fl_finding *finding =
		fl_findings_vadd(out, rule ? rule->id : "unknown", severity, loc, format, args);
	va_end(args);
	return finding;
}

enum fl_severity fl_severity_configured(const struct fl_rule *rule, enum fl_severity grade,
					enum fl_severity setting)
{
	if (grade >= rule->severity)
		return setting;
	return grade < setting ? grade : setting;
}

char *fl_rule_name(const struct fl_rule *rule)
{
	char *name = fl_xstrdup(rule->id), *out = name;
	bool word_start = true;
	for (const char *in = rule->id; *in; in++) {
		if (*in == '-') {
			word_start = true;
			continue;
		}
		*out++ = word_start ? (char)toupper((unsigned char)*in) : *in;
		word_start = false;
	}
	*out = '\0';
	return name;
}
