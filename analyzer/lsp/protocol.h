/* The LSP wire: JSON-RPC messages framed by Content-Length headers, and
 * file URIs. */
#ifndef FL_LSP_PROTOCOL_H
#define FL_LSP_PROTOCOL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Buffered reading of framed messages from a descriptor. */
struct fl_lsp_reader {
	int fd;
	char *buffer;
	size_t length, capacity;
	bool closed; /* end of file or a read error */
};

/* The next whole message in the buffer, parsed, or NULL when none is
 * complete yet.  A frame that is not JSON is skipped (*bad set). */
json_t *fl_lsp_take_message(struct fl_lsp_reader *reader, bool *bad);
/* Reads what the descriptor has (after poll said so); false at its end. */
bool fl_lsp_fill(struct fl_lsp_reader *reader);
void fl_lsp_reader_free(struct fl_lsp_reader *reader);

/* Writes `message` (taken) framed; false when the client is gone. */
bool fl_lsp_send(int fd, json_t *message);

/* file:///a%20b/c.c -> /a b/c.c; NULL for another scheme. */
char *fl_lsp_uri_to_path(const char *uri);
/* /a b/c.c -> file:///a%20b/c.c */
char *fl_lsp_path_to_uri(const char *path);

#endif
