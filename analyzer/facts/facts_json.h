/* Facts as JSON: how a unit's facts leave the process that parsed it, and
 * (later) how they are cached and shared between shards.  The format is
 * private to fltlint and versioned by FL_FACTS_FORMAT. */
#ifndef FL_FACTS_JSON_H
#define FL_FACTS_JSON_H

#include <jansson.h>

#include "facts/facts.h"

#define FL_FACTS_FORMAT 12 /* 2: "includes"; 3: flow summaries; 4: compact (facts_json.c); 5: "macros";
			   * 6: every call a flow node, tests on parameters and their fields, returned values;
			   * 7: a value's known set and clear bits; 8: C++ members;
			   * 9: what fixes need: value spans, element ends, first statements, the source hash;
			   * 10: tests through a local copy of a parameter's field;
			   * 11: value.local, value.of_this;
			   * 12: what section fixes need: function start, PAGED_CODE and pragma cuts,
			   *     alloc_text places */

json_t *fl_facts_to_json(const struct fl_tu_facts *facts);
/* NULL (and a message in *error, which the caller frees) when `json` is
 * not facts of this format: a foreign or corrupt input is never trusted. */
struct fl_tu_facts *fl_facts_from_json(const json_t *json, char **error);

#endif
