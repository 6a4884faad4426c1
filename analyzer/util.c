#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <unistd.h>

static void fl_out_of_memory(void)
{
	fputs("fltlint: out of memory\n", stderr);
	abort();
}

void *fl_xmalloc(size_t size)
{
	void *pointer = malloc(size ? size : 1);
	if (!pointer)
		fl_out_of_memory();
	return pointer;
}

void *fl_xcalloc(size_t count, size_t size)
{
	void *pointer = calloc(count ? count : 1, size ? size : 1);
	if (!pointer)
		fl_out_of_memory();
	return pointer;
}

void *fl_xrealloc(void *pointer, size_t size)
{
	pointer = realloc(pointer, size ? size : 1);
	if (!pointer)
		fl_out_of_memory();
	return pointer;
}

char *fl_xstrdup(const char *text)
{
	return text ? fl_xstrndup(text, strlen(text)) : NULL;
}

char *fl_xstrndup(const char *text, size_t length)
{
	char *copy = fl_xmalloc(length + 1);
	memcpy(copy, text, length);
	copy[length] = '\0';
	return copy;
}

char *fl_xvasprintf(const char *format, va_list args)
{
	va_list again;
	va_copy(again, args);
	int length = vsnprintf(NULL, 0, format, args);
	if (length < 0)
		fl_out_of_memory();
	char *text = fl_xmalloc((size_t)length + 1);
	vsnprintf(text, (size_t)length + 1, format, again);
	va_end(again);
	return text;
}

char *fl_xasprintf(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	char *text = fl_xvasprintf(format, args);
	va_end(args);
	return text;
}

void fl_grow(void **items, size_t *capacity, size_t needed, size_t size)
{
	if (needed <= *capacity)
		return;
	size_t grown = *capacity ? *capacity * 2 : 8;
	while (grown < needed)
		grown *= 2;
	*items = fl_xrealloc(*items, grown * size);
	*capacity = grown;
}

void fl_strv_push_owned(struct fl_strv *vector, char *text)
{
	FL_GROW(vector->items, vector->capacity, vector->count + 1);
	vector->items[vector->count++] = text;
}

void fl_strv_push(struct fl_strv *vector, const char *text)
{
	fl_strv_push_owned(vector, fl_xstrdup(text));
}

void fl_strv_free(struct fl_strv *vector)
{
	for (size_t i = 0; i < vector->count; i++)
		free(vector->items[i]);
	free(vector->items);
	vector->items = NULL;
	vector->count = vector->capacity = 0;
}

/* Length of the valid UTF-8 sequence at `text` (at most `left` bytes), or 0. */
static size_t fl_utf8_sequence(const unsigned char *text, size_t left)
{
	unsigned char lead = text[0];
	size_t length;
	unsigned min;
	unsigned code;
	if (lead < 0x80)
		return 1;
	if (lead >= 0xc2 && lead <= 0xdf) {
		length = 2;
		min = 0x80;
		code = lead & 0x1f;
	} else if (lead >= 0xe0 && lead <= 0xef) {
		length = 3;
		min = 0x800;
		code = lead & 0x0f;
	} else if (lead >= 0xf0 && lead <= 0xf4) {
		length = 4;
		min = 0x10000;
		code = lead & 0x07;
	} else {
		return 0;
	}
	if (length > left)
		return 0;
	for (size_t i = 1; i < length; i++) {
		if ((text[i] & 0xc0) != 0x80)
			return 0;
		code = (code << 6) | (text[i] & 0x3f);
	}
	if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
		return 0;
	return length;
}

bool fl_utf8_valid(const char *text, size_t length)
{
	const unsigned char *bytes = (const unsigned char *)text;
	for (size_t i = 0; i < length;) {
		size_t step = fl_utf8_sequence(bytes + i, length - i);
		if (!step || bytes[i] == 0)
			return false;
		i += step;
	}
	return true;
}

char *fl_utf8_repair(const char *text, size_t length)
{
	const unsigned char *bytes = (const unsigned char *)text;
	char *out = fl_xmalloc(length * 3 + 1);
	size_t used = 0;
	for (size_t i = 0; i < length;) {
		size_t step = fl_utf8_sequence(bytes + i, length - i);
		if (step && bytes[i] != 0) {
			memcpy(out + used, bytes + i, step);
			used += step;
			i += step;
		} else {
			memcpy(out + used, "\xef\xbf\xbd", 3);
			used += 3;
			i++;
		}
	}
	out[used] = '\0';
	return out;
}

uint64_t fl_fnv1a_add(uint64_t hash, const void *bytes, size_t size)
{
	for (const unsigned char *c = bytes; size--; c++)
		hash = (hash ^ *c) * 1099511628211ULL;
	return hash;
}

uint64_t fl_hash_text(uint64_t hash, const char *text)
{
	if (!text)
		return fl_hash_int(hash, -1);
	size_t length = strlen(text), at = 0;
	for (; at + 8 <= length; at += 8) {
		uint64_t word;
		memcpy(&word, text + at, 8);
		hash = fl_hash_int(hash, (long long)word);
	}
	uint64_t tail = 0;
	memcpy(&tail, text + at, length - at);
	return fl_hash_int(fl_hash_int(hash, (long long)tail), (long long)length);
}

uint64_t fl_fnv1a(const char *text)
{
	return fl_fnv1a_add(1469598103934665603ULL, text, strlen(text));
}

bool fl_str_starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

bool fl_str_ends_with(const char *text, const char *suffix)
{
	size_t a = strlen(text), b = strlen(suffix);
	return a >= b && strcmp(text + a - b, suffix) == 0;
}

bool fl_str_iequal(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

bool fl_str_istarts_with(const char *text, const char *prefix)
{
	return strncasecmp(text, prefix, strlen(prefix)) == 0;
}

char *fl_absolute_path(const char *path)
{
	if (path[0] == '/')
		return fl_xstrdup(path);
	char *cwd = getcwd(NULL, 0);
	char *absolute = fl_xasprintf("%s/%s", cwd ? cwd : ".", path);
	free(cwd);
	return absolute;
}

size_t fl_bom_length(const char *text, size_t length)
{
	return length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

char *fl_read_file(const char *path, size_t *length)
{
	FILE *file = fopen(path, "rb");
	if (!file)
		return NULL;
	size_t capacity = 0, used = 0;
	char *data = NULL;
	for (;;) {
		FL_GROW(data, capacity, used + 65536);
		size_t got = fread(data + used, 1, capacity - used - 1, file);
		used += got;
		if (got == 0)
			break;
	}
	int failed = ferror(file);
	int saved = errno;
	fclose(file);
	if (failed) {
		free(data);
		errno = saved ? saved : EIO;
		return NULL;
	}
	data[used] = '\0';
	if (length)
		*length = used;
	return data;
}

unsigned fl_jobs(unsigned requested)
{
	if (requested)
		return requested;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores > 0 ? (unsigned)cores : 1;
}

double fl_monotonic_seconds(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

char *fl_executable_dir(void)
{
	char self[PATH_MAX];
	ssize_t length = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (length <= 0)
		return NULL;
	self[length] = '\0';
	char *slash = strrchr(self, '/');
	return slash ? fl_xstrndup(self, (size_t)(slash - self)) : NULL;
}

bool fl_write_all(int fd, const void *data, size_t length)
{
	size_t done = 0;
	while (done < length) {
		ssize_t wrote = write(fd, (const char *)data + done, length - done);
		if (wrote < 0 && errno == EINTR)
			continue;
		if (wrote <= 0)
			return false;
		done += (size_t)wrote;
	}
	return true;
}
