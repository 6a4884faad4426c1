/* `fltlint lsp`: a Language Server Protocol (3.17) server on stdin/stdout.
 *
 * The workspace root is the driver tree, analyzed as the CLI analyzes it
 * (the host prepares the engine's options: config, compile_commands.json).
 * After one full run the server keeps every unit's facts (an engine
 * session); an edit re-parses only its unit from the editor's buffer,
 * re-links, runs the rules and publishes the diagnostics of every file
 * whose findings changed (docs/editors.md). */
#ifndef FL_LSP_H
#define FL_LSP_H

#include "engine.h"

/* What the server takes from the command line's side, so that the
 * workspace is read exactly as `fltlint ROOT` reads it. */
struct fl_lsp_host {
	void *context;
	/* Fills `engine` for the tree at `root` (canonical): paths, config,
	 * project files, cache.  -1 after an error said on stderr. */
	int (*prepare)(void *context, const char *root, struct fl_engine_options *engine);
	/* After each check, before publishing: the config's severities and
	 * excludes, suppressions, end positions (finding_filter.h). */
	int (*after_check)(void *context, struct fl_engine_result *result);
	/* Frees what `prepare` made (before a configuration is read again). */
	void (*release)(void *context, struct fl_engine_options *engine);
};

/* Serves one client on `in`/`out` until `exit`.  Returns the exit status
 * LSP asks for: 0 after shutdown, 1 otherwise. */
int fl_lsp_serve(const struct fl_lsp_host *host, int in, int out);

#endif
