/* Findings and input errors (findings.h).
 *
 * Every string that enters these lists passes through fl_clean: paths and
 * messages come from source files and the file system, in whatever encoding
 * the driver's authors used, and the reports promise valid UTF-8. */
#include "findings.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const fl_severity_names[] = {
	[FL_SEVERITY_NOTE] = "note",
	[FL_SEVERITY_WARNING] = "warning",
	[FL_SEVERITY_ERROR] = "error",
};

const char *fl_severity_name(enum fl_severity severity)
{
	if ((unsigned)severity < sizeof(fl_severity_names) / sizeof(fl_severity_names[0]))
		return fl_severity_names[severity];
	return "unknown";
}

int fl_severity_parse(const char *name, enum fl_severity *out)
{
	for (size_t i = 0; i < sizeof(fl_severity_names) / sizeof(fl_severity_names[0]); i++) {
		if (name && strcmp(name, fl_severity_names[i]) == 0) {
			*out = (enum fl_severity)i;
			return 0;
		}
	}
	return -1;
}

/* A valid UTF-8 copy of `text`; NULL stays NULL. */
static char *fl_clean(const char *text)
{
	return text ? fl_utf8_repair(text, strlen(text)) : NULL;
}

/* Formats, then cleans: a %s argument may carry raw bytes from a source. */
static char *fl_clean_vformat(const char *format, va_list args)
{
	char *raw = fl_xvasprintf(format, args);
	char *clean = fl_clean(raw);
	free(raw);
	return clean;
}

static void fl_loc_copy(struct fl_loc *to, const struct fl_loc *from)
{
	to->file = fl_clean(from && from->file ? from->file : "");
	to->line = from ? from->line : 0;
	to->column = from ? from->column : 0;
}

struct fl_finding *fl_findings_vadd(struct fl_findings *out, const char *rule_id, enum fl_severity severity,
				    const struct fl_loc *loc, const char *format, va_list args)
{
	FL_GROW(out->items, out->capacity, out->count + 1);
	struct fl_finding *finding = &out->items[out->count++];
	memset(finding, 0, sizeof(*finding));
	finding->rule = rule_id;
	finding->severity = severity;
	fl_loc_copy(&finding->loc, loc);
	finding->message = fl_clean_vformat(format, args);
	return finding;
}

void fl_finding_set_function(struct fl_finding *finding, const char *function)
{
	free(finding->function);
	finding->function = fl_clean(function);
}

static void fl_finding_add(struct fl_finding *finding, const struct fl_loc *loc, bool step,
			   const char *format, va_list args)
{
	finding->related = fl_xrealloc(finding->related,
				       (finding->related_count + 1) * sizeof(*finding->related));
	struct fl_related *related = &finding->related[finding->related_count++];
	fl_loc_copy(&related->loc, loc);
	related->message = fl_clean_vformat(format, args);
	related->step = step;
}

void fl_finding_add_related(struct fl_finding *finding, const struct fl_loc *loc,
			    const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fl_finding_add(finding, loc, false, format, args);
	va_end(args);
}

void fl_finding_add_step(struct fl_finding *finding, const struct fl_loc *loc, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fl_finding_add(finding, loc, true, format, args);
	va_end(args);
}

struct fl_fix *fl_finding_add_fix(struct fl_finding *finding, bool preferred, const char *format, ...)
{
	finding->fixes = fl_xrealloc(finding->fixes, (finding->fix_count + 1) * sizeof(*finding->fixes));
	struct fl_fix *fix = &finding->fixes[finding->fix_count++];
	memset(fix, 0, sizeof(*fix));
	va_list args;
	va_start(args, format);
	fix->description = fl_clean_vformat(format, args);
	va_end(args);
	fix->preferred = preferred;
	return fix;
}

void fl_fix_replace(struct fl_fix *fix, const struct fl_loc *start, unsigned end_line, unsigned end_column,
		    const char *text)
{
	fix->edits = fl_xrealloc(fix->edits, (fix->edit_count + 1) * sizeof(*fix->edits));
	struct fl_edit *edit = &fix->edits[fix->edit_count++];
	fl_loc_copy(&edit->start, start);
	edit->end_line = end_line;
	edit->end_column = end_column;
	edit->text = fl_clean(text);
}

void fl_fix_insert(struct fl_fix *fix, const struct fl_loc *at, const char *text)
{
	fl_fix_replace(fix, at, at->line, at->column, text);
}

/* strcmp that orders NULL first, so that a hand-built finding cannot crash
 * the sort. */
static int fl_strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int fl_unsigned_cmp(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

static int fl_finding_cmp(const void *left, const void *right)
{
	const struct fl_finding *a = left, *b = right;
	int order = fl_strcmp_null(a->loc.file, b->loc.file);
	if (!order)
		order = fl_unsigned_cmp(a->loc.line, b->loc.line);
	if (!order)
		order = fl_unsigned_cmp(a->loc.column, b->loc.column);
	if (!order)
		order = fl_strcmp_null(a->rule, b->rule);
	if (!order)
		order = fl_strcmp_null(a->message, b->message);
	return order;
}

size_t fl_findings_keep(struct fl_findings *findings,
			bool (*keep)(struct fl_finding *finding, void *data), void *data)
{
	size_t kept = 0, removed = 0;
	for (size_t i = 0; i < findings->count; i++) {
		struct fl_finding *finding = &findings->items[i];
		if (keep(finding, data)) {
			findings->items[kept++] = *finding;
		} else {
			fl_finding_clear(finding);
			removed++;
		}
	}
	findings->count = kept;
	return removed;
}

void fl_findings_sort(struct fl_findings *findings)
{
	if (findings->count > 1)
		qsort(findings->items, findings->count, sizeof(*findings->items), fl_finding_cmp);
}

void fl_findings_unique(struct fl_findings *findings)
{
	size_t kept = 0;
	for (size_t i = 0; i < findings->count; i++) {
		if (kept && fl_finding_cmp(&findings->items[kept - 1], &findings->items[i]) == 0)
			fl_finding_clear(&findings->items[i]);
		else
			findings->items[kept++] = findings->items[i];
	}
	findings->count = kept;
}

void fl_finding_clear(struct fl_finding *finding)
{
	/* Locations hold the finding's own copies of file names (fl_loc_copy). */
	free((char *)finding->loc.file);
	free(finding->message);
	free(finding->function);
	free(finding->fingerprint);
	for (size_t j = 0; j < finding->related_count; j++) {
		free((char *)finding->related[j].loc.file);
		free(finding->related[j].message);
	}
	free(finding->related);
	for (size_t f = 0; f < finding->fix_count; f++) {
		struct fl_fix *fix = &finding->fixes[f];
		for (size_t e = 0; e < fix->edit_count; e++) {
			free((char *)fix->edits[e].start.file);
			free(fix->edits[e].text);
		}
		free(fix->edits);
		free(fix->description);
	}
	free(finding->fixes);
	memset(finding, 0, sizeof(*finding));
}

void fl_findings_free(struct fl_findings *findings)
{
	if (!findings)
		return;
	for (size_t i = 0; i < findings->count; i++)
		fl_finding_clear(&findings->items[i]);
	free(findings->items);
	memset(findings, 0, sizeof(*findings));
}

static void fl_input_error_vadd(struct fl_input_errors *errors, enum fl_input_error_kind kind, const char *file,
				unsigned line, const char *format, va_list args)
{
	FL_GROW(errors->items, errors->capacity, errors->count + 1);
	struct fl_input_error *error = &errors->items[errors->count++];
	error->file = fl_clean(file ? file : "");
	error->line = line;
	error->message = fl_clean_vformat(format, args);
	error->kind = kind;
}

void fl_input_error_add(struct fl_input_errors *errors, const char *file, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fl_input_error_vadd(errors, FL_INPUT_NOT_ANALYZED, file, 0, format, args);
	va_end(args);
}

void fl_input_error_add_at(struct fl_input_errors *errors, const char *file, unsigned line,
			   const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fl_input_error_vadd(errors, FL_INPUT_NOT_ANALYZED, file, line, format, args);
	va_end(args);
}

void fl_input_error_add_parse(struct fl_input_errors *errors, const char *file, unsigned line,
			      const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fl_input_error_vadd(errors, FL_INPUT_PARSE, file, line, format, args);
	va_end(args);
}

void fl_input_error_copy(struct fl_input_errors *errors, const struct fl_input_error *error)
{
	if (error->kind == FL_INPUT_PARSE)
		fl_input_error_add_parse(errors, error->file, error->line, "%s", error->message);
	else
		fl_input_error_add_at(errors, error->file, error->line, "%s", error->message);
}

size_t fl_input_errors_count(const struct fl_input_errors *errors, enum fl_input_error_kind kind)
{
	size_t count = 0;
	for (size_t i = 0; i < errors->count; i++)
		count += errors->items[i].kind == kind;
	return count;
}

static int fl_input_error_cmp(const void *left, const void *right)
{
	const struct fl_input_error *a = left, *b = right;
	int order = fl_strcmp_null(a->file, b->file);
	if (!order)
		order = fl_unsigned_cmp(a->line, b->line);
	if (!order)
		order = fl_strcmp_null(a->message, b->message);
	return order;
}

void fl_input_errors_sort(struct fl_input_errors *errors)
{
	if (errors->count > 1)
		qsort(errors->items, errors->count, sizeof(*errors->items), fl_input_error_cmp);
}

void fl_input_errors_free(struct fl_input_errors *errors)
{
	if (!errors)
		return;
	for (size_t i = 0; i < errors->count; i++) {
		free(errors->items[i].file);
		free(errors->items[i].message);
	}
	free(errors->items);
	memset(errors, 0, sizeof(*errors));
}

size_t fl_findings_count_at_least(const struct fl_findings *findings, enum fl_severity severity)
{
	size_t count = 0;
	for (size_t i = 0; i < findings->count; i++)
		count += findings->items[i].severity >= severity;
	return count;
}
