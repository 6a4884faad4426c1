/* The documents the editor has open: their text as the editor holds it
 * (full sync), by URI.  Closed documents leave the store, so it holds no
 * more than the editor does. */
#ifndef FL_LSP_DOCUMENTS_H
#define FL_LSP_DOCUMENTS_H

#include <stdbool.h>
#include <stddef.h>

struct fl_lsp_document {
	char *uri;
	char *path;   /* the local file, canonical when it exists */
	char *text;
	size_t length;
	bool dirty;   /* changed since the server last analyzed it */
};

struct fl_lsp_documents {
	size_t count, capacity;
	struct fl_lsp_document *items;
};

struct fl_lsp_document *fl_lsp_document_find(struct fl_lsp_documents *documents, const char *uri);
/* Opens `uri` (or replaces its text) with `text` (copied); marks it dirty.
 * NULL when the URI is not a local file. */
struct fl_lsp_document *fl_lsp_document_set(struct fl_lsp_documents *documents, const char *uri, const char *text,
					    size_t length);
void fl_lsp_document_close(struct fl_lsp_documents *documents, const char *uri);
void fl_lsp_documents_free(struct fl_lsp_documents *documents);

#endif
