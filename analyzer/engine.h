/* The engine: discover -> parse (per unit, in parallel) -> facts -> link ->
 * rules.  The CLI and the fixture harness both run a whole analysis through
 * fl_engine_run and then report what it returns. */
#ifndef FL_ENGINE_H
#define FL_ENGINE_H

#include <stdbool.h>
#include <stdio.h>

#include "findings.h"
#include "program.h"
#include "util.h"

struct fl_engine_options {
	struct fl_strv paths;        /* files and folders to analyze */
	struct fl_strv clang_args;   /* the user's extra -I, -D, -U, -include ... */
	struct fl_strv wdk_include;  /* --wdk-include: real WDK header folders */
	unsigned jobs;               /* parallel units; 0 = number of cores */
	double timeout_seconds;      /* per unit; 0 = none */
	bool verbose;                /* print each unit's clang arguments */
	FILE *log;                   /* where --verbose goes (stderr when NULL) */
};

struct fl_engine_result {
	struct fl_program *program;   /* the linked driver (units that parsed) */
	struct fl_findings findings;  /* sorted */
	struct fl_input_errors errors;/* sorted by file */
	size_t sources_seen;          /* translation units discovered */
	size_t sources_analyzed;      /* of those, parsed cleanly and checked */
};

void fl_engine_options_free(struct fl_engine_options *options);

/* Runs the analysis.  Returns 0, or -1 on an internal error (reported on
 * stderr); input problems are in result->errors, not a failure of the run. */
int fl_engine_run(const struct fl_engine_options *options, struct fl_engine_result *result);
void fl_engine_result_free(struct fl_engine_result *result);

#endif
