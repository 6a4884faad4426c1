/* The open documents (documents.h). */
#include "lsp/documents.h"

#include <stdlib.h>
#include <string.h>

#include "lsp/protocol.h"
#include "util.h"

struct fl_lsp_document *fl_lsp_document_find(struct fl_lsp_documents *documents, const char *uri)
{
	for (size_t i = 0; i < documents->count; i++)
		if (strcmp(documents->items[i].uri, uri) == 0)
			return &documents->items[i];
	return NULL;
}

struct fl_lsp_document *fl_lsp_document_set(struct fl_lsp_documents *documents, const char *uri, const char *text,
					    size_t length)
{
	struct fl_lsp_document *document = fl_lsp_document_find(documents, uri);
	if (!document) {
		char *path = fl_lsp_uri_to_path(uri);
		if (!path)
			return NULL;
		/* Discovery names files by their canonical path under the root. */
		char *canonical = realpath(path, NULL);
		FL_GROW(documents->items, documents->capacity, documents->count + 1);
		document = &documents->items[documents->count++];
		*document = (struct fl_lsp_document){ .uri = fl_xstrdup(uri), .path = canonical ? canonical : path };
		if (canonical)
			free(path);
	}
	free(document->text);
	document->text = fl_xmalloc(length + 1);
	memcpy(document->text, text, length);
	document->text[length] = '\0';
	document->length = length;
	document->dirty = true;
	return document;
}

static void fl_lsp_document_free(struct fl_lsp_document *document)
{
	free(document->uri);
	free(document->path);
	free(document->text);
}

void fl_lsp_document_close(struct fl_lsp_documents *documents, const char *uri)
{
	struct fl_lsp_document *document = fl_lsp_document_find(documents, uri);
	if (!document)
		return;
	fl_lsp_document_free(document);
	*document = documents->items[--documents->count];
}

void fl_lsp_documents_free(struct fl_lsp_documents *documents)
{
	for (size_t i = 0; i < documents->count; i++)
		fl_lsp_document_free(&documents->items[i]);
	free(documents->items);
	*documents = (struct fl_lsp_documents){ 0 };
}
