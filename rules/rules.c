/* The rule table, built from rule_list.h. */
#include <ctype.h>
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
