/* The LSP wire (protocol.h). */
#include "lsp/protocol.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"

/* A client sends one message at a time; a frame beyond this is not one. */
#define FL_LSP_MAX_FRAME (256u << 20)

bool fl_lsp_fill(struct fl_lsp_reader *reader)
{
	FL_GROW(reader->buffer, reader->capacity, reader->length + 65536);
	ssize_t got = read(reader->fd, reader->buffer + reader->length, reader->capacity - reader->length);
	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (got <= 0) {
		reader->closed = true;
		return false;
	}
	reader->length += (size_t)got;
	return true;
}

/* The end of the header block at `text`, or NULL when not all here. */
static const char *fl_lsp_headers_end(const char *text, size_t length)
{
	for (size_t i = 0; i + 3 < length; i++)
		if (memcmp(text + i, "\r\n\r\n", 4) == 0)
			return text + i + 4;
	return NULL;
}

json_t *fl_lsp_take_message(struct fl_lsp_reader *reader, bool *bad)
{
	*bad = false;
	const char *body = fl_lsp_headers_end(reader->buffer, reader->length);
	if (!body)
		return NULL;
	size_t header_length = (size_t)(body - reader->buffer);
	unsigned long long content_length = 0;
	bool found = false;
	for (const char *line = reader->buffer; line < body;) {
		const char *end = memchr(line, '\n', (size_t)(body - line));
		if (!end)
			break;
		if (strncasecmp(line, "Content-Length:", 15) == 0) {
			content_length = strtoull(line + 15, NULL, 10);
			found = true;
		}
		line = end + 1;
	}
	if (!found || content_length > FL_LSP_MAX_FRAME) {
		/* Not a frame we can follow: drop the headers and resynchronize. */
		memmove(reader->buffer, body, reader->length - header_length);
		reader->length -= header_length;
		*bad = true;
		return NULL;
	}
	if (reader->length - header_length < content_length)
		return NULL;
	json_error_t error;
	json_t *message = json_loadb(body, (size_t)content_length, 0, &error);
	size_t used = header_length + (size_t)content_length;
	memmove(reader->buffer, reader->buffer + used, reader->length - used);
	reader->length -= used;
	if (!message)
		*bad = true;
	return message;
}

void fl_lsp_reader_free(struct fl_lsp_reader *reader)
{
	free(reader->buffer);
	reader->buffer = NULL;
	reader->length = reader->capacity = 0;
}

bool fl_lsp_send(int fd, json_t *message)
{
	char *text = json_dumps(message, JSON_COMPACT);
	json_decref(message);
	if (!text)
		return false;
	size_t length = strlen(text);
	char header[64];
	int header_length = snprintf(header, sizeof(header), "Content-Length: %zu\r\n\r\n", length);
	bool sent = fl_write_all(fd, header, (size_t)header_length) && fl_write_all(fd, text, length);
	free(text);
	return sent;
}

static int fl_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *fl_lsp_uri_to_path(const char *uri)
{
	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	const char *in = uri + 7;
	/* file://host/path: only the local host is ours. */
	if (strncmp(in, "localhost/", 10) == 0)
		in += 9;
	if (*in != '/')
		return NULL;
	char *path = fl_xmalloc(strlen(in) + 1), *out = path;
	for (; *in; in++) {
		int high, low;
		if (*in == '%' && (high = fl_hex_value(in[1])) >= 0 && (low = fl_hex_value(in[2])) >= 0) {
			*out++ = (char)(high * 16 + low);
			in += 2;
		} else {
			*out++ = *in;
		}
	}
	*out = '\0';
	return path;
}

char *fl_lsp_path_to_uri(const char *path)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/";
	char *uri = fl_xmalloc(7 + strlen(path) * 3 + 1), *out = uri;
	memcpy(out, "file://", 7);
	out += 7;
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if (*c && strchr(plain, *c))
			*out++ = (char)*c;
		else
			out += sprintf(out, "%%%02X", *c);
	}
	*out = '\0';
	return uri;
}
