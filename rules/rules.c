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

static bool fl_value_written_at(const struct fl_loc *at, const struct fl_value *value)
{
	return at && at->file && value->extent.line && !value->via_variable;
}

bool fl_fix_value_replace(struct fl_finding *finding, const struct fl_loc *at, const struct fl_value *value,
			  const char *text, const char *description)
{
	if (!fl_value_written_at(at, value))
		return false;
	struct fl_fix *fix = fl_finding_add_fix(finding, true, "%s", description);
	struct fl_loc start = { at->file, value->extent.line, value->extent.column };
	fl_fix_replace(fix, &start, value->extent.end_line, value->extent.end_column, text);
	return true;
}

bool fl_fix_value_append(struct fl_finding *finding, const struct fl_loc *at, const struct fl_value *value,
			 const char *text, const char *description)
{
	if (!fl_value_written_at(at, value))
		return false;
	struct fl_fix *fix = fl_finding_add_fix(finding, true, "%s", description);
	struct fl_loc end = { at->file, value->extent.end_line, value->extent.end_column };
	fl_fix_insert(fix, &end, text);
	return true;
}

const char *fl_fix_indent(unsigned column)
{
	static const char spaces[] = "                                ";
	if (column == 2)
		return "\t";
	size_t width = column > 1 ? column - 1 : 0;
	return width < sizeof(spaces) ? spaces + sizeof(spaces) - 1 - width : spaces;
}
