/* What a check found, as LSP diagnostics by file, and which files need
 * publishing: those whose diagnostics changed since last published (a
 * cross-file rule can move a finding into another file), and an empty list
 * for those that lost all. */
#ifndef FL_LSP_DIAGNOSTICS_H
#define FL_LSP_DIAGNOSTICS_H

#include <jansson.h>

#include "lsp/documents.h"
#include "results.h"
#include "util.h"

/* {uri: [Diagnostic]} for the findings, the errors of units that could not
 * be analyzed and the clang errors of units analyzed with errors.  A
 * finding in an open document ends where its token ends in the editor's
 * text (the report stage measures the file as saved). */
json_t *fl_lsp_diagnostics(const struct fl_engine_result *result, const struct fl_lsp_documents *documents);

/* {fingerprint: [CodeAction]}: the quickfixes of every finding that has a
 * fingerprint and fixes (findings.h), each a WorkspaceEdit; the server
 * answers textDocument/codeAction from it by the diagnostics' `data`. */
json_t *fl_lsp_code_actions(const struct fl_engine_result *result);

/* The last list published for each URI (as compact JSON), to publish only
 * what changed.  Bounded by the files that have diagnostics. */
struct fl_lsp_published {
	struct fl_strv uris;
	struct fl_strv lists;
};

/* The publishDiagnostics notifications `current` (taken) calls for, as a
 * JSON array; `published` is brought up to date. */
json_t *fl_lsp_publish_changes(struct fl_lsp_published *published, json_t *current);
void fl_lsp_published_free(struct fl_lsp_published *published);

#endif
