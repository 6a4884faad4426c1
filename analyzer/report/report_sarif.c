/* The SARIF 2.1.0 report (report.h, docs/sarif.md), and the rules as JSON.
 *
 * Shaped for GitHub code scanning: every rule in tool.driver.rules with its
 * page as help, results pointing into the repository through %SRCROOT%,
 * fingerprints under our own key (GitHub keeps them as given), related
 * locations, and a code flow for a call chain.  Checked against the OASIS
 * schema and GitHub's documented limits by tests/check_ci.c. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "sources/project.h"
#include "report/report.h"
#include "rule.h"
#include "report/ruledoc.h"
#include "util.h"

/* GitHub's limits (docs.github.com, "SARIF results exceed limit"): past
 * these an upload is rejected, so a report never goes beyond them. */
#define FL_SARIF_MAX_RESULTS 25000
#define FL_SARIF_MAX_LOCATIONS 1000       /* per result, related included */
#define FL_SARIF_MAX_FLOW_LOCATIONS 10000 /* per result */

/* SARIF wants a string where JSON output has null. */
static json_t *fl_sarif_text(const char *text)
{
	return fl_json_text(text ? text : "");
}

static json_t *fl_sarif_message(const char *text)
{
	return json_pack("{s:o}", "text", fl_sarif_text(text && text[0] ? text : "(no message)"));
}

static const char *fl_sarif_level(enum fl_severity severity)
{
	return severity == FL_SEVERITY_ERROR ? "error" : severity == FL_SEVERITY_WARNING ? "warning" : "note";
}

/* RFC 3986 path: unreserved characters and '/' as they are, the rest
 * percent-encoded (spaces, '#', '%', non-ASCII bytes). */
static char *fl_uri_path(const char *path)
{
	char *out = fl_xmalloc(strlen(path) * 3 + 1);
	size_t n = 0;
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		    strchr("-._~/", *c)) {
			out[n++] = (char)*c;
		} else {
			static const char hex[] = "0123456789ABCDEF";
			out[n++] = '%';
			out[n++] = hex[*c >> 4];
			out[n++] = hex[*c & 15];
		}
	}
	out[n] = '\0';
	return out;
}

/* {"artifactLocation": {...}, "region": {...}}: relative to %SRCROOT% when
 * inside the root, else a file:// URI. */
static json_t *fl_sarif_physical(const char *root, const struct fl_loc *loc, unsigned end_line, unsigned end_column)
{
	char *relative = fl_project_relative(root, loc->file && loc->file[0] ? loc->file : ".");
	json_t *artifact;
	char *encoded = fl_uri_path(relative);
	if (relative[0] == '/') {
		char *uri = fl_xasprintf("file://%s", encoded);
		artifact = json_pack("{s:s}", "uri", uri);
		free(uri);
	} else {
		artifact = json_pack("{s:s, s:s}", "uri", encoded, "uriBaseId", "%SRCROOT%");
	}
	free(encoded);
	free(relative);
	json_t *region = json_pack("{s:i}", "startLine", loc->line ? (json_int_t)loc->line : 1);
	if (loc->column)
		json_object_set_new(region, "startColumn", json_integer(loc->column));
	if (end_line && end_line >= loc->line) {
		json_object_set_new(region, "endLine", json_integer(end_line));
		if (end_column && (end_line > loc->line || end_column > loc->column))
			json_object_set_new(region, "endColumn", json_integer(end_column));
	}
	return json_pack("{s:o, s:o}", "artifactLocation", artifact, "region", region);
}

static json_t *fl_sarif_rule(const struct fl_rule *rule)
{
	const char *page = fl_rule_doc(rule->id);
	char *why = fl_rule_doc_paragraph(rule->id, "Why it matters");
	char *what = fl_rule_doc_paragraph(rule->id, "What it finds");
	char *full = why ? fl_xstrdup(why) : what ? fl_xstrdup(what) : fl_xstrdup(rule->summary);
	char *help = page ? fl_xstrdup(page)
			  : fl_xasprintf("%s\n\nRun `fltlint --explain %s` for the rule's page.", rule->summary, rule->id);
	json_t *tags = json_pack("[s, s]", "correctness", "windows-driver");
	if (strncmp(rule->id, "inf-", 4) == 0)
		json_array_append_new(tags, json_string("inf"));
	json_t *properties = json_pack("{s:o, s:s, s:s}", "tags", tags, "precision", "high", "problem.severity",
				       rule->severity == FL_SEVERITY_NOTE ? "recommendation" : fl_sarif_level(rule->severity));
	if (rule->msvc_warning)
		json_object_set_new(properties, "msvcWarning", json_integer(rule->msvc_warning));
	char *help_uri = fl_xasprintf("%s/blob/main/docs/rules/%s.md", FL_INFORMATION_URI, rule->id);
	char *name = fl_rule_name(rule);
	json_t *object = json_pack("{s:s, s:s, s:o, s:o, s:{s:o, s:o}, s:s, s:{s:s}, s:o}", "id", rule->id, "name",
				   name, "shortDescription", fl_sarif_message(rule->summary), "fullDescription",
				   fl_sarif_message(full), "help", "text", fl_sarif_text(help), "markdown",
				   fl_sarif_text(help), "helpUri", help_uri, "defaultConfiguration", "level",
				   fl_sarif_level(rule->severity), "properties", properties);
	free(name);
	free(help_uri);
	free(help);
	free(full);
	free(why);
	free(what);
	return object;
}

/* The function a finding is in: a C++ member (`ns::Class::Method`, an
 * overload `Log(int)`) is named by its last part, with the whole as its
 * fully qualified name (SARIF 3.33). */
static json_t *fl_sarif_logical(const char *function)
{
	const char *name = function;
	int depth = 0;
	for (const char *c = function; *c; c++) {
		if (*c == '(')
			depth++;
		else if (*c == ')')
			depth--;
		else if (depth == 0 && c[0] == ':' && c[1] == ':')
			name = c + 2;
	}
	json_t *location = json_pack("{s:o, s:s}", "name", fl_sarif_text(name), "kind", "function");
	if (name != function)
		json_object_set_new(location, "fullyQualifiedName", fl_sarif_text(function));
	return json_pack("[o]", location);
}

/* A finding's fixes as SARIF `fixes`: per file an artifactChange whose
 * replacements delete a region (empty for an insertion: endColumn equal to
 * startColumn) and insert text. */
static json_t *fl_sarif_fixes(const struct fl_finding *finding, const char *root)
{
	json_t *fixes = json_array();
	for (size_t f = 0; f < finding->fix_count; f++) {
		const struct fl_fix *fix = &finding->fixes[f];
		json_t *changes = json_array();
		for (size_t e = 0; e < fix->edit_count; e++) {
			const struct fl_edit *edit = &fix->edits[e];
			bool seen = false; /* the file's change is made with its first edit */
			for (size_t before = 0; before < e; before++)
				seen |= strcmp(fix->edits[before].start.file, edit->start.file) == 0;
			if (seen)
				continue;
			json_t *physical = fl_sarif_physical(root, &edit->start, 0, 0);
			json_t *replacements = json_array();
			for (size_t same = e; same < fix->edit_count; same++) {
				const struct fl_edit *one = &fix->edits[same];
				if (strcmp(one->start.file, edit->start.file) != 0)
					continue;
				json_array_append_new(
					replacements,
					json_pack("{s:{s:i, s:i, s:i, s:i}, s:{s:o}}", "deletedRegion", "startLine",
						  (json_int_t)one->start.line, "startColumn", (json_int_t)one->start.column,
						  "endLine", (json_int_t)one->end_line, "endColumn",
						  (json_int_t)one->end_column, "insertedContent", "text",
						  fl_sarif_text(one->text)));
			}
			json_array_append_new(changes, json_pack("{s:O, s:o}", "artifactLocation",
								 json_object_get(physical, "artifactLocation"),
								 "replacements", replacements));
			json_decref(physical);
		}
		if (json_array_size(changes))
			json_array_append_new(fixes, json_pack("{s:o, s:o}", "description",
							       fl_sarif_message(fix->description), "artifactChanges",
							       changes));
		else
			json_decref(changes);
	}
	return fixes;
}

static json_t *fl_sarif_result(const struct fl_finding *finding, const char *root)
{
	const struct fl_rule *rule = fl_rule_find(finding->rule);
	size_t index = 0;
	for (size_t i = 0; rule && fl_rules[i]; i++)
		if (fl_rules[i] == rule)
			index = i;
	json_t *location = json_pack("{s:o}", "physicalLocation",
				     fl_sarif_physical(root, &finding->loc, finding->end_line, finding->end_column));
	if (finding->function)
		json_object_set_new(location, "logicalLocations", fl_sarif_logical(finding->function));
	json_t *result = json_pack("{s:s, s:o, s:o, s:[o]}", "ruleId", finding->rule, "level",
				   json_string(fl_sarif_level(finding->severity)), "message",
				   fl_sarif_message(finding->message), "locations", location);
	if (rule)
		json_object_set_new(result, "ruleIndex", json_integer((json_int_t)index));
	if (finding->fingerprint)
		json_object_set_new(result, "partialFingerprints",
				    json_pack("{s:s}", "fltlintFingerprint/v1", finding->fingerprint));
	if (finding->related_count) {
		json_t *related = json_array();
		for (size_t i = 0; i < finding->related_count && i + 1 < FL_SARIF_MAX_LOCATIONS; i++) {
			json_t *one = json_pack("{s:i, s:o, s:o}", "id", (json_int_t)i + 1, "physicalLocation",
						fl_sarif_physical(root, &finding->related[i].loc, 0, 0), "message",
						fl_sarif_message(finding->related[i].message));
			json_array_append_new(related, one);
		}
		json_object_set_new(result, "relatedLocations", related);
	}
	if (finding->fix_count)
		json_object_set_new(result, "fixes", fl_sarif_fixes(finding, root));
	/* A call chain: its steps in order, then the finding itself. */
	size_t steps = 0;
	for (size_t i = 0; i < finding->related_count; i++)
		steps += finding->related[i].step;
	if (steps) {
		json_t *flow_locations = json_array();
		for (size_t i = 0; i < finding->related_count && json_array_size(flow_locations) + 1 < FL_SARIF_MAX_FLOW_LOCATIONS; i++) {
			if (!finding->related[i].step)
				continue;
			json_array_append_new(flow_locations,
					      json_pack("{s:{s:o, s:o}}", "location", "physicalLocation",
							fl_sarif_physical(root, &finding->related[i].loc, 0, 0), "message",
							fl_sarif_message(finding->related[i].message)));
		}
		json_array_append_new(flow_locations,
				      json_pack("{s:{s:o, s:o}}", "location", "physicalLocation",
						fl_sarif_physical(root, &finding->loc, finding->end_line, finding->end_column),
						"message", fl_sarif_message(finding->message)));
		json_object_set_new(result, "codeFlows",
				    json_pack("[{s:[{s:o}]}]", "threadFlows", "locations", flow_locations));
	}
	return result;
}

int fl_report_sarif(FILE *out, const struct fl_engine_result *result, const struct fl_report_info *info)
{
	char *cwd_root = NULL;
	const char *root = info && info->root ? info->root : (cwd_root = fl_project_root(NULL, NULL));
	json_t *rules = json_array();
	for (size_t i = 0; fl_rules[i]; i++)
		json_array_append_new(rules, fl_sarif_rule(fl_rules[i]));
	json_t *driver = json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", "fltlint", "version", FL_VERSION,
				   "semanticVersion", FL_VERSION, "informationUri", FL_INFORMATION_URI, "rules", rules);

	json_t *results = json_array();
	for (size_t i = 0; i < result->findings.count && i < FL_SARIF_MAX_RESULTS; i++)
		json_array_append_new(results, fl_sarif_result(&result->findings.items[i], root));

	/* Input errors: the run did not see everything, and says so. */
	json_t *notifications = json_array();
	for (size_t i = 0; i < result->errors.count; i++) {
		const struct fl_input_error *error = &result->errors.items[i];
		struct fl_loc loc = { error->file, error->line, 0 };
		json_array_append_new(notifications,
				      json_pack("{s:s, s:o, s:[{s:o}]}", "level",
						error->kind == FL_INPUT_PARSE ? "warning" : "error", "message",
						fl_sarif_message(error->message), "locations", "physicalLocation",
						fl_sarif_physical(root, &loc, 0, 0)));
	}
	bool complete = fl_input_errors_count(&result->errors, FL_INPUT_NOT_ANALYZED) == 0;
	json_t *invocation = json_pack("{s:b, s:o}", "executionSuccessful", complete,
				       "toolExecutionNotifications", notifications);
	if (info)
		json_object_set_new(invocation, "properties",
				    json_pack("{s:i, s:i}", "suppressed", (json_int_t)info->suppressed, "baselined",
					      (json_int_t)info->baselined));
	char *encoded = fl_uri_path(root);
	char *root_uri = fl_xasprintf("file://%s%s", encoded, strcmp(root, "/") ? "/" : "");
	free(encoded);
	json_t *run = json_pack("{s:{s:o}, s:{s:{s:s}}, s:o, s:[o]}", "tool", "driver", driver,
				"originalUriBaseIds", "%SRCROOT%", "uri", root_uri, "results", results, "invocations",
				invocation);
	free(root_uri);
	json_t *sarif = json_pack("{s:s, s:s, s:[o]}", "$schema",
				  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
				  "version", "2.1.0", "runs", run);
	free(cwd_root);
	int failed = json_dumpf(sarif, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(sarif);
	if (failed)
		return -1;
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}

int fl_report_rules_json(FILE *out)
{
	json_t *list = json_array();
	for (size_t i = 0; fl_rules[i]; i++) {
		const struct fl_rule *rule = fl_rules[i];
		json_t *object = json_pack("{s:s, s:s, s:s}", "id", rule->id, "severity", fl_severity_name(rule->severity),
					   "summary", rule->summary);
		if (rule->msvc_warning)
			json_object_set_new(object, "msvc_warning", json_integer(rule->msvc_warning));
		else
			json_object_set_new(object, "msvc_warning", json_null());
		char *doc = fl_xasprintf("docs/rules/%s.md", rule->id);
		json_object_set_new(object, "documentation", json_string(doc));
		free(doc);
		json_array_append_new(list, object);
	}
	int failed = json_dumpf(list, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(list);
	if (failed)
		return -1;
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}
