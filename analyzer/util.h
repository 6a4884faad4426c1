/* Small helpers every stage uses: memory that does not fail silently, string
 * vectors, formatting, UTF-8 repair. */
#ifndef FL_UTIL_H
#define FL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation that aborts with a message on exhaustion: there is no useful
 * way for an analyzer to go on without memory. */
void *fl_xmalloc(size_t size);
void *fl_xcalloc(size_t count, size_t size);
void *fl_xrealloc(void *pointer, size_t size);
char *fl_xstrdup(const char *text); /* NULL stays NULL */
char *fl_xstrndup(const char *text, size_t length);
char *fl_xasprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));
char *fl_xvasprintf(const char *format, va_list args);

/* Grows *items (of *capacity elements of `size` bytes) to hold `needed`. */
void fl_grow(void **items, size_t *capacity, size_t needed, size_t size);
#define FL_GROW(items, capacity, needed) \
	fl_grow((void **)&(items), &(capacity), (needed), sizeof(*(items)))

/* A growable vector of owned strings. */
struct fl_strv {
	size_t count;
	size_t capacity;
	char **items;
};
void fl_strv_push(struct fl_strv *vector, const char *text); /* copies */
void fl_strv_push_owned(struct fl_strv *vector, char *text);  /* takes */
void fl_strv_free(struct fl_strv *vector);

/* A copy of `length` bytes of `text` that is valid UTF-8: each byte of an
 * invalid sequence becomes U+FFFD.  Source files come in GBK and Latin-1. */
char *fl_utf8_repair(const char *text, size_t length);
bool fl_utf8_valid(const char *text, size_t length);

/* FNV-1a 64 of a string, for hash tables keyed by strings.  Its starting
 * value is not FNV's offset basis (a digit short); shard assignment
 * (--shard) depends on it, so it stays. */
uint64_t fl_fnv1a(const char *text);
/* FNV's offset basis, to start a hash with fl_fnv1a_add. */
#define FL_FNV1A_BASIS 0xcbf29ce484222325ULL
/* `hash` continued over `size` more bytes by FNV-1a 64. */
uint64_t fl_fnv1a_add(uint64_t hash, const void *bytes, size_t size);

/* Digest steps, for telling states apart in memory (path walks): `hash`
 * continued by a value, or by a string's text (NULL apart from "").  A
 * word at a time, not FNV (a byte at a time is what path walks spent their
 * time on); the values may change between versions, so never store them. */
#define FL_HASH_START 0x9e3779b97f4a7c15ULL
static inline uint64_t fl_hash_int(uint64_t hash, long long value)
{
	/* Bijective in each argument; the shifts carry high bits down, since
	 * tables index by the low bits. */
	hash = (hash ^ (uint64_t)value) * 0xbf58476d1ce4e5b9ULL;
	hash ^= hash >> 31;
	hash *= 0x94d049bb133111ebULL;
	return hash ^ (hash >> 29);
}
uint64_t fl_hash_text(uint64_t hash, const char *text);

bool fl_str_starts_with(const char *text, const char *prefix);
bool fl_str_ends_with(const char *text, const char *suffix);
bool fl_str_iequal(const char *a, const char *b);
bool fl_str_istarts_with(const char *text, const char *prefix);

/* `path` made absolute against the working folder, without resolving links
 * (clang names files by the path it was given). */
char *fl_absolute_path(const char *path);

/* The folder of the running executable (installed files are found from
 * it); NULL when /proc does not say.  The caller frees it. */
char *fl_executable_dir(void);

/* A monotonic clock in seconds, for timings and timeouts. */
double fl_monotonic_seconds(void);

/* How many things run at once for -j `requested`: it, or the number of
 * cores for 0. */
unsigned fl_jobs(unsigned requested);

/* Reads a whole file; returns NULL and sets errno on failure. */
char *fl_read_file(const char *path, size_t *length);
/* The bytes of a UTF-8 byte order mark at the start of `text` (3), or 0:
 * Visual Studio saves sources with one, and a scan for `#include` lines
 * must not take the first line's mark for text before the `#`. */
size_t fl_bom_length(const char *text, size_t length);

/* Writes all `length` bytes to `fd`, through short writes and EINTR. */
bool fl_write_all(int fd, const void *data, size_t length);

#endif
