/* Report: findings and input errors as text (gcc style) or JSON. */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "findings.h"
#include "results.h"

/* `path:line:col: severity: message [rule-id]`, related locations as `note:`
 * lines, input errors as `path: error: message` (`path:line: error: ...` when
 * the error has a line), then one summary line (fl_report_summary).  Colour
 * (ANSI, as gcc) when `color`.  Returns 0, or -1 when writing failed. */
int fl_report_text(FILE *out, const struct fl_engine_result *result, bool color);

/* {"version", "findings": [...], "errors": [...], "summary": {...}}: see
 * README.md.  Every string valid UTF-8.  Returns 0, or -1 when writing failed. */
int fl_report_json(FILE *out, const struct fl_engine_result *result);

/* What the stages after the rules did (finding_filter.h), for the JSON summary and
 * the SARIF run. */
struct fl_report_info {
	const char *root;  /* the project root: SARIF URIs are relative to it */
	size_t suppressed; /* findings removed by inline suppressions */
	size_t baselined;  /* findings the baseline already knew */
	size_t disabled;   /* findings of rules the config turns off, or in excluded files */
};

/* fl_report_json with the summary's suppressed/baselined counts (docs/json-format.md). */
int fl_report_json_ex(FILE *out, const struct fl_engine_result *result, const struct fl_report_info *info);

/* SARIF 2.1.0 (docs/sarif.md): one run, every rule in tool.driver.rules,
 * URIs relative to info->root under %SRCROOT%, partialFingerprints, related
 * locations and code flows for call chains; input errors as tool execution
 * notifications.  Returns 0, or -1 when writing failed. */
int fl_report_sarif(FILE *out, const struct fl_engine_result *result, const struct fl_report_info *info);

/* --list-rules --format json: [{"id", "severity", "msvc_warning", "summary",
 * "documentation"}]. */
int fl_report_rules_json(FILE *out);

/* Input errors alone, in the text form above (for --stack, which has no
 * engine result).  Returns 0, or -1 when writing failed. */
int fl_report_input_errors(FILE *out, const struct fl_input_errors *errors, bool color);

/* The one-line summary, e.g. "fltlint: 3 files, 2 analyzed: 1 finding
 * (1 warning), 1 input error", with a newline. */
void fl_report_summary(FILE *out, const struct fl_engine_result *result);

/* A JSON string of `text`, repaired to valid UTF-8 (null for NULL): source
 * files and paths come in any encoding, and Jansson refuses invalid UTF-8. */
json_t *fl_json_text(const char *text);

#endif
