/* Gate: what happens to the rules' findings before they are reported.
 *
 *   config (rules off, severities, excluded paths) -> inline suppressions
 *   (unused ones reported when asked) -> fingerprints and end positions ->
 *   --write-baseline -> --baseline (known findings dropped)
 *
 * The CLI runs it between fl_engine_run and the report; the fixture
 * harness does not (it holds the rules' raw findings to the fixtures). */
#ifndef FL_GATE_H
#define FL_GATE_H

#include <stdbool.h>

#include "baseline.h"
#include "config.h"
#include "engine.h"
#include "report.h"

struct fl_gate {
	const struct fl_config *config;  /* NULL: none */
	const char *root;                /* the project root (project.h) */
	bool report_unused_suppressions;
	struct fl_baseline *baseline;    /* --baseline, or NULL */
	const char *write_baseline;      /* --write-baseline FILE, or NULL */
};

/* Returns 0, or -1 with *error (caller frees) when the baseline cannot be
 * written.  Fills `info` for the reports. */
int fl_gate_apply(const struct fl_gate *gate, struct fl_engine_result *result, struct fl_report_info *info,
		  char **error);

#endif
