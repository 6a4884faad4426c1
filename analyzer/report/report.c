/* Report (report.h): what a run found, as gcc-style text or as JSON.
 *
 * Text follows gcc's shape so that editors and CI log parsers that know
 * `file:line:col: warning: ...` pick findings up without configuration. */
#include "report/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "link/program.h"
#include "util.h"

/* gcc's colours, so that a mixed build log reads as one. */
#define FL_BOLD "\033[1m"
#define FL_RESET "\033[0m"

static const char *fl_severity_color(enum fl_severity severity)
{
	switch (severity) {
	case FL_SEVERITY_ERROR:
		return "\033[1;31m";
	case FL_SEVERITY_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/* Writes "path:line:col: " (fields left out when zero, as gcc does for a
 * whole-file problem) and "severity: ". */
static void fl_text_head(FILE *out, const char *file, unsigned line, unsigned column,
			 enum fl_severity severity, bool color)
{
	fprintf(out, "%s%s", color ? FL_BOLD : "", file);
	if (line)
		fprintf(out, ":%u", line);
	if (line && column)
		fprintf(out, ":%u", column);
	fprintf(out, ":%s %s%s:%s ", color ? FL_RESET : "", color ? fl_severity_color(severity) : "",
		fl_severity_name(severity), color ? FL_RESET : "");
}

static const char *fl_plural(size_t count, const char *one, const char *many)
{
	return count == 1 ? one : many;
}

void fl_report_summary(FILE *out, const struct fl_engine_result *result)
{
	fprintf(out, "fltlint: %zu %s, %zu analyzed", result->sources_seen,
		fl_plural(result->sources_seen, "file", "files"), result->sources_analyzed);
	if (result->analyzed_with_errors)
		fprintf(out, " (%zu with errors)", result->analyzed_with_errors);
	if (result->skipped_user_mode)
		fprintf(out, ", %zu user-mode skipped", result->skipped_user_mode);
	size_t infs = result->program ? result->program->inf_count : 0;
	if (infs)
		fprintf(out, ", %zu %s", infs, fl_plural(infs, "INF", "INFs"));
	fputs(": ", out);
	const struct fl_findings *findings = &result->findings;
	if (!findings->count) {
		fputs("no findings", out);
	} else {
		fprintf(out, "%zu %s (", findings->count,
			fl_plural(findings->count, "finding", "findings"));
		static const struct {
			enum fl_severity severity;
			const char *one, *many;
		} kinds[] = {
			{FL_SEVERITY_ERROR, "error", "errors"},
			{FL_SEVERITY_WARNING, "warning", "warnings"},
			{FL_SEVERITY_NOTE, "note", "notes"},
		};
		const char *separator = "";
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			size_t count = 0;
			for (size_t i = 0; i < findings->count; i++)
				count += findings->items[i].severity == kinds[k].severity;
			if (count) {
				fprintf(out, "%s%zu %s", separator, count,
					fl_plural(count, kinds[k].one, kinds[k].many));
				separator = ", ";
			}
		}
		fputc(')', out);
	}
	/* Units analyzed with errors are counted above, not as input errors. */
	size_t errors = fl_input_errors_count(&result->errors, FL_INPUT_NOT_ANALYZED);
	if (errors)
		fprintf(out, ", %zu %s\n", errors, fl_plural(errors, "input error", "input errors"));
	else
		fputs(", no input errors\n", out);
}

int fl_report_input_errors(FILE *out, const struct fl_input_errors *errors, bool color)
{
	for (size_t i = 0; i < errors->count; i++) {
		const struct fl_input_error *error = &errors->items[i];
		fl_text_head(out, error->file, error->line, 0,
			     error->kind == FL_INPUT_PARSE ? FL_SEVERITY_WARNING : FL_SEVERITY_ERROR, color);
		fprintf(out, "%s\n", error->message);
	}
	return ferror(out) ? -1 : 0;
}

int fl_report_text(FILE *out, const struct fl_engine_result *result, bool color)
{
	for (size_t i = 0; i < result->findings.count; i++) {
		const struct fl_finding *finding = &result->findings.items[i];
		fl_text_head(out, finding->loc.file, finding->loc.line, finding->loc.column,
			     finding->severity, color);
		fprintf(out, "%s [%s%s%s]\n", finding->message, color ? FL_BOLD : "", finding->rule,
			color ? FL_RESET : "");
		for (size_t j = 0; j < finding->related_count; j++) {
			const struct fl_related *related = &finding->related[j];
			fl_text_head(out, related->loc.file, related->loc.line, related->loc.column,
				     FL_SEVERITY_NOTE, color);
			fprintf(out, "%s\n", related->message);
		}
	}
	fl_report_input_errors(out, &result->errors, color);
	fl_report_summary(out, result);
	return ferror(out) ? -1 : 0;
}

/* A JSON string that is valid UTF-8 whatever it was given: Jansson refuses
 * invalid UTF-8 (json_string returns NULL), and a hand-built finding may
 * carry some. */
json_t *fl_json_text(const char *text)
{
	if (!text)
		return json_null();
	size_t length = strlen(text);
	if (fl_utf8_valid(text, length))
		return json_stringn(text, length);
	char *clean = fl_utf8_repair(text, length);
	json_t *value = json_string(clean);
	free(clean);
	return value;
}

static void fl_json_loc(json_t *object, const struct fl_loc *loc)
{
	json_object_set_new(object, "file", fl_json_text(loc->file ? loc->file : ""));
	json_object_set_new(object, "line", json_integer(loc->line));
	json_object_set_new(object, "column", json_integer(loc->column));
}

/* The end of the reported token, when known (fingerprint.c). */
static void fl_json_end(json_t *object, const struct fl_finding *finding)
{
	if (!finding->end_line)
		return;
	json_object_set_new(object, "end_line", json_integer(finding->end_line));
	json_object_set_new(object, "end_column", json_integer(finding->end_column));
}

/* [{description, preferred, edits: [{file, line, column, end_line, end_column, text}]}] */
static json_t *fl_json_fixes(const struct fl_finding *finding)
{
	json_t *fixes = json_array();
	for (size_t f = 0; f < finding->fix_count; f++) {
		const struct fl_fix *fix = &finding->fixes[f];
		json_t *edits = json_array();
		for (size_t e = 0; e < fix->edit_count; e++) {
			const struct fl_edit *edit = &fix->edits[e];
			json_t *object = json_object();
			fl_json_loc(object, &edit->start);
			json_object_set_new(object, "end_line", json_integer(edit->end_line));
			json_object_set_new(object, "end_column", json_integer(edit->end_column));
			json_object_set_new(object, "text", fl_json_text(edit->text));
			json_array_append_new(edits, object);
		}
		json_array_append_new(fixes, json_pack("{s:o, s:b, s:o}", "description", fl_json_text(fix->description),
						       "preferred", fix->preferred, "edits", edits));
	}
	return fixes;
}

static json_t *fl_json_finding(const struct fl_finding *finding)
{
	json_t *object = json_object();
	json_object_set_new(object, "rule", fl_json_text(finding->rule));
	json_object_set_new(object, "severity", json_string(fl_severity_name(finding->severity)));
	fl_json_loc(object, &finding->loc);
	fl_json_end(object, finding);
	json_object_set_new(object, "message", fl_json_text(finding->message));
	if (finding->function)
		json_object_set_new(object, "function", fl_json_text(finding->function));
	if (finding->fingerprint)
		json_object_set_new(object, "fingerprint", json_string(finding->fingerprint));
	json_t *related = json_array();
	for (size_t i = 0; i < finding->related_count; i++) {
		json_t *step = json_object();
		fl_json_loc(step, &finding->related[i].loc);
		json_object_set_new(step, "message", fl_json_text(finding->related[i].message));
		if (finding->related[i].step)
			json_object_set_new(step, "step", json_true());
		json_array_append_new(related, step);
	}
	json_object_set_new(object, "related", related);
	if (finding->fix_count)
		json_object_set_new(object, "fixes", fl_json_fixes(finding));
	return object;
}

int fl_report_json(FILE *out, const struct fl_engine_result *result)
{
	return fl_report_json_ex(out, result, NULL);
}

int fl_report_json_ex(FILE *out, const struct fl_engine_result *result, const struct fl_report_info *info)
{
	json_t *root = json_object();
	json_object_set_new(root, "version", json_string(FL_VERSION));
	json_object_set_new(root, "format", json_integer(1)); /* docs/json-format.md */

	json_t *findings = json_array();
	for (size_t i = 0; i < result->findings.count; i++)
		json_array_append_new(findings, fl_json_finding(&result->findings.items[i]));
	json_object_set_new(root, "findings", findings);

	json_t *errors = json_array();
	for (size_t i = 0; i < result->errors.count; i++) {
		const struct fl_input_error *error = &result->errors.items[i];
		json_t *object = json_object();
		json_object_set_new(object, "file", fl_json_text(error->file));
		if (error->line)
			json_object_set_new(object, "line", json_integer(error->line));
		json_object_set_new(object, "message", fl_json_text(error->message));
		json_object_set_new(object, "kind", json_string(error->kind == FL_INPUT_PARSE ? "parse" : "not-analyzed"));
		json_array_append_new(errors, object);
	}
	json_object_set_new(root, "errors", errors);

	json_t *summary = json_object();
	json_object_set_new(summary, "files", json_integer((json_int_t)result->sources_seen));
	json_object_set_new(summary, "analyzed", json_integer((json_int_t)result->sources_analyzed));
	json_object_set_new(summary, "findings", json_integer((json_int_t)result->findings.count));
	json_object_set_new(summary, "errors", json_integer((json_int_t)result->errors.count));
	json_object_set_new(summary, "analyzed_with_errors", json_integer((json_int_t)result->analyzed_with_errors));
	json_object_set_new(summary, "skipped_user_mode", json_integer((json_int_t)result->skipped_user_mode));
	if (info) {
		json_object_set_new(summary, "suppressed", json_integer((json_int_t)info->suppressed));
		json_object_set_new(summary, "baselined", json_integer((json_int_t)info->baselined));
	}
	json_object_set_new(root, "summary", summary);

	int failed = json_dumpf(root, out, JSON_INDENT(2));
	json_decref(root);
	if (failed)
		return -1;
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}
