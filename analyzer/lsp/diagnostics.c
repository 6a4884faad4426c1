/* Findings and errors as LSP diagnostics (diagnostics.h). */
#include "lsp/diagnostics.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "link/program.h"
#include "lsp/protocol.h"

enum { FL_LSP_ERROR = 1, FL_LSP_WARNING = 2, FL_LSP_INFORMATION = 3 };
enum { FL_LSP_TAG_UNNECESSARY = 1 };

static int fl_lsp_severity(enum fl_severity severity)
{
	return severity == FL_SEVERITY_ERROR ? FL_LSP_ERROR
	       : severity == FL_SEVERITY_WARNING ? FL_LSP_WARNING
						  : FL_LSP_INFORMATION;
}

/* LSP positions are 0-based; fltlint's 1-based (0: unknown).  Characters
 * are bytes: the server asks for UTF-8 positions (server.c). */
static json_t *fl_lsp_position(unsigned line, unsigned column)
{
	return json_pack("{s:i, s:i}", "line", (json_int_t)(line ? line - 1 : 0), "character",
			 (json_int_t)(column ? column - 1 : 0));
}

/* From `loc` to the end the report has, else one character. */
static json_t *fl_lsp_range(const struct fl_loc *loc, unsigned end_line, unsigned end_column)
{
	bool has_end = end_line > 0 && end_column > 0;
	return json_pack("{s:o, s:o}", "start", fl_lsp_position(loc->line, loc->column), "end",
			 has_end ? fl_lsp_position(end_line, end_column)
				 : fl_lsp_position(loc->line, (loc->column ? loc->column : 1) + 1));
}

static char *fl_lsp_file_uri(const char *file)
{
	char *absolute = fl_absolute_path(file);
	char *uri = fl_lsp_path_to_uri(absolute ? absolute : file);
	free(absolute);
	return uri;
}

/* The rule's page: the installed or bundled docs/rules/<id>.md, else the
 * project's copy on its home page. */
static char *fl_lsp_rule_page(const char *rule)
{
	char *dir = fl_executable_dir();
	char *candidates[] = {
		fl_xasprintf("%s/docs/rules/%s.md", FL_SOURCE_DIR, rule),
		dir ? fl_xasprintf("%s/../share/doc/fltlint/rules/%s.md", dir, rule) : NULL,
	};
	free(dir);
	char *page = NULL;
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		if (!page && candidates[i] && access(candidates[i], R_OK) == 0)
			page = fl_lsp_file_uri(candidates[i]);
		free(candidates[i]);
	}
	return page ? page : fl_xasprintf("%s/blob/main/docs/rules/%s.md", FL_INFORMATION_URI, rule);
}

static json_t *fl_lsp_location(const struct fl_loc *loc)
{
	char *uri = fl_lsp_file_uri(loc->file);
	json_t *location = json_pack("{s:s, s:o}", "uri", uri, "range", fl_lsp_range(loc, 0, 0));
	free(uri);
	return location;
}

/* Adds `diagnostic` (taken) to the list of `file` in `by_uri`. */
static void fl_lsp_add(json_t *by_uri, const char *file, json_t *diagnostic)
{
	char *uri = fl_lsp_file_uri(file);
	json_t *list = json_object_get(by_uri, uri);
	if (!list) {
		list = json_array();
		json_object_set_new(by_uri, uri, list);
	}
	json_array_append_new(list, diagnostic);
	free(uri);
}

static bool fl_lsp_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The end of the identifier at `loc` in an open document's text, as the
 * report stage finds it in the file (fingerprint.c). */
static void fl_lsp_buffer_end(const struct fl_lsp_documents *documents, const struct fl_loc *loc, unsigned *end_line,
			      unsigned *end_column)
{
	for (size_t i = 0; i < documents->count; i++) {
		const struct fl_lsp_document *document = &documents->items[i];
		if (strcmp(document->path, loc->file) != 0)
			continue;
		*end_line = *end_column = 0;
		const char *line = document->text;
		for (unsigned n = 1; n < loc->line && line; n++)
			line = (line = strchr(line, '\n')) ? line + 1 : NULL;
		if (!line || !loc->column)
			return;
		size_t length = strcspn(line, "\r\n"), end = loc->column - 1;
		if (end >= length || !fl_lsp_ident(line[end]))
			return;
		while (end < length && fl_lsp_ident(line[end]))
			end++;
		*end_line = loc->line;
		*end_column = (unsigned)end + 1;
		return;
	}
}

/* One finding.  `data` carries what a later request about this diagnostic
 * (textDocument/codeAction: a finding's fixes) needs to find the finding
 * again: its rule and fingerprint. */
static json_t *fl_lsp_finding(const struct fl_finding *finding, const struct fl_lsp_documents *documents)
{
	char *page = fl_lsp_rule_page(finding->rule);
	unsigned end_line = finding->end_line, end_column = finding->end_column;
	fl_lsp_buffer_end(documents, &finding->loc, &end_line, &end_column);
	json_t *diagnostic = json_pack("{s:o, s:i, s:s, s:{s:s}, s:s, s:s}", "range",
				       fl_lsp_range(&finding->loc, end_line, end_column), "severity",
				       (json_int_t)fl_lsp_severity(finding->severity), "code", finding->rule,
				       "codeDescription", "href", page, "source", "fltlint", "message", finding->message);
	free(page);
	json_object_set_new(diagnostic, "data",
			    json_pack("{s:s, s:s?}", "rule", finding->rule, "fingerprint", finding->fingerprint));
	if (strcmp(finding->rule, "unused-suppression") == 0)
		json_object_set_new(diagnostic, "tags", json_pack("[i]", (json_int_t)FL_LSP_TAG_UNNECESSARY));
	if (finding->related_count) {
		json_t *related = json_array();
		for (size_t i = 0; i < finding->related_count; i++) {
			const struct fl_related *item = &finding->related[i];
			if (!item->loc.file)
				continue;
			json_array_append_new(related, json_pack("{s:o, s:s}", "location", fl_lsp_location(&item->loc),
								 "message", item->message ? item->message : ""));
		}
		json_object_set_new(diagnostic, "relatedInformation", related);
	}
	return diagnostic;
}

static json_t *fl_lsp_error(const struct fl_loc *loc, const char *code, const char *message)
{
	return json_pack("{s:o, s:i, s:s, s:s, s:s}", "range", fl_lsp_range(loc, 0, 0), "severity",
			 (json_int_t)FL_LSP_ERROR, "code", code, "source", "fltlint", "message", message);
}

json_t *fl_lsp_diagnostics(const struct fl_engine_result *result, const struct fl_lsp_documents *documents)
{
	json_t *by_uri = json_object();
	for (size_t i = 0; i < result->findings.count; i++) {
		const struct fl_finding *finding = &result->findings.items[i];
		if (finding->loc.file)
			fl_lsp_add(by_uri, finding->loc.file, fl_lsp_finding(finding, documents));
	}
	/* A unit analyzed with errors: clang's own errors, each where it is. */
	const struct fl_program *program = result->program;
	for (size_t u = 0; program && u < program->unit_count; u++) {
		const struct fl_tu_facts *unit = &program->units[u];
		for (size_t i = 0; i < unit->diagnostic_count; i++) {
			const struct fl_diagnostic *diagnostic = &unit->diagnostics[i];
			if (diagnostic->is_error && diagnostic->loc.file)
				fl_lsp_add(by_uri, diagnostic->loc.file,
					   fl_lsp_error(&diagnostic->loc, "clang", diagnostic->message));
		}
	}
	/* A file that could not be analyzed at all: why, and no findings. */
	for (size_t i = 0; i < result->errors.count; i++) {
		const struct fl_input_error *error = &result->errors.items[i];
		if (error->kind != FL_INPUT_NOT_ANALYZED || !error->file)
			continue;
		struct fl_loc loc = { .file = error->file, .line = error->line, .column = 1 };
		fl_lsp_add(by_uri, error->file, fl_lsp_error(&loc, "not-analyzed", error->message));
	}
	return by_uri;
}

static json_t *fl_lsp_publish(const char *uri, json_t *list)
{
	return json_pack("{s:s, s:s, s:{s:s, s:o}}", "jsonrpc", "2.0", "method", "textDocument/publishDiagnostics",
			 "params", "uri", uri, "diagnostics", list);
}

json_t *fl_lsp_publish_changes(struct fl_lsp_published *published, json_t *current)
{
	json_t *notifications = json_array();
	/* Files that lost every diagnostic. */
	size_t kept = 0;
	for (size_t i = 0; i < published->uris.count; i++) {
		if (json_object_get(current, published->uris.items[i])) {
			published->uris.items[kept] = published->uris.items[i];
			published->lists.items[kept++] = published->lists.items[i];
			continue;
		}
		json_array_append_new(notifications, fl_lsp_publish(published->uris.items[i], json_array()));
		free(published->uris.items[i]);
		free(published->lists.items[i]);
	}
	published->uris.count = published->lists.count = kept;
	const char *uri;
	json_t *list;
	json_object_foreach(current, uri, list) {
		char *text = json_dumps(list, JSON_COMPACT | JSON_SORT_KEYS);
		size_t index = published->uris.count;
		for (size_t i = 0; i < published->uris.count; i++)
			if (strcmp(published->uris.items[i], uri) == 0)
				index = i;
		if (index < published->uris.count && strcmp(published->lists.items[index], text) == 0) {
			free(text);
			continue;
		}
		if (index < published->uris.count) {
			free(published->lists.items[index]);
			published->lists.items[index] = text;
		} else {
			fl_strv_push(&published->uris, uri);
			fl_strv_push_owned(&published->lists, text);
		}
		json_array_append_new(notifications, fl_lsp_publish(uri, json_incref(list)));
	}
	json_decref(current);
	return notifications;
}

void fl_lsp_published_free(struct fl_lsp_published *published)
{
	fl_strv_free(&published->uris);
	fl_strv_free(&published->lists);
}

static json_t *fl_lsp_code_action(const struct fl_fix *fix)
{
	json_t *changes = json_object();
	for (size_t e = 0; e < fix->edit_count; e++) {
		const struct fl_edit *edit = &fix->edits[e];
		char *uri = fl_lsp_file_uri(edit->start.file);
		json_t *edits = json_object_get(changes, uri);
		if (!edits) {
			edits = json_array();
			json_object_set_new(changes, uri, edits);
		}
		json_array_append_new(edits, json_pack("{s:{s:o, s:o}, s:s}", "range", "start",
						       fl_lsp_position(edit->start.line, edit->start.column), "end",
						       fl_lsp_position(edit->end_line, edit->end_column), "newText",
						       edit->text));
		free(uri);
	}
	return json_pack("{s:s, s:s, s:b, s:{s:o}}", "title", fix->description, "kind", "quickfix", "isPreferred",
			 fix->preferred, "edit", "changes", changes);
}

json_t *fl_lsp_code_actions(const struct fl_engine_result *result)
{
	json_t *by_fingerprint = json_object();
	for (size_t i = 0; i < result->findings.count; i++) {
		const struct fl_finding *finding = &result->findings.items[i];
		if (!finding->fingerprint || !finding->fix_count)
			continue;
		json_t *actions = json_array();
		for (size_t f = 0; f < finding->fix_count; f++)
			if (finding->fixes[f].edit_count)
				json_array_append_new(actions, fl_lsp_code_action(&finding->fixes[f]));
		json_object_set_new(by_fingerprint, finding->fingerprint, actions);
	}
	return by_fingerprint;
}
