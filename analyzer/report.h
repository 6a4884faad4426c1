/* Report: findings and input errors as text (gcc style) or JSON. */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "engine.h"

/* `path:line:col: severity: message [rule-id]`, related locations as `note:`
 * lines, input errors as `path: error: message`.  Colour when `color`. */
int fl_report_text(FILE *out, const struct fl_engine_result *result, bool color);

/* {"version", "findings": [...], "errors": [...], "summary": {...}} */
int fl_report_json(FILE *out, const struct fl_engine_result *result);

#endif
