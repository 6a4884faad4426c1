/* Finding filter: what happens to the rules' findings before they are reported.
 *
 *   config (rules off, severities, excluded paths) -> inline suppressions
 *   (unused ones reported when asked) -> fingerprints and end positions ->
 *   --write-baseline -> --baseline (known findings dropped)
 *
 * The CLI runs it between fl_engine_run and the report; the fixture
 * harness does not (it holds the rules' raw findings to the fixtures). */
#ifndef FL_FINDING_FILTER_H
#define FL_FINDING_FILTER_H

#include <stdbool.h>

#include "report/baseline.h"
#include "report/report.h"
#include "results.h"
#include "sources/config.h"

struct fl_finding_filter {
	const struct fl_config *config;  /* NULL: none */
	const char *root;                /* the project root (project.h) */
	const char *wdk_dir;             /* the bundled WDK headers (not the project's), or NULL */
	bool report_unused_suppressions;
	struct fl_baseline *baseline;    /* --baseline, or NULL */
	const char *write_baseline;      /* --write-baseline FILE, or NULL */
};

/* Returns 0, or -1 with *error (caller frees) when the baseline cannot be
 * written.  Fills `info` for the reports. */
int fl_finding_filter_apply(const struct fl_finding_filter *gate, struct fl_engine_result *result, struct fl_report_info *info,
		  char **error);

#endif
