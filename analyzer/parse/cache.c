/* The facts cache: see cache.h for the design.  Layout of the folder:
 *
 *   DIR/v1/m/ab/<manifest key>.json   one per source (and run key)
 *   DIR/v1/r/cd/<result key>.json     one per set of inputs: the facts
 *   DIR/v1/files                      the hashes of files as last seen (fl_load_file_index)
 *
 * SHA-256 comes from OpenSSL's libcrypto (Debian: libssl-dev). */
#include "parse/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "facts/facts_json.h"
#include "parse/parse.h"
#include "sources/unit_args.h"
#include "parse/wdk.h"

/* What stat says of a file: when it is the same as when the file was
 * hashed, so are its contents (a write changes the change time, which no
 * one can set). */
struct fl_file_stamp {
	long long device, inode, size, modified, modified_ns, changed, changed_ns;
};

/* What a run has learned of one file: its hash, or that it cannot be read;
 * or, from the index of an earlier run, its hash when its stamp is still
 * `stamp`. */
struct fl_file_hash {
	char *path;
	bool checked;  /* `readable` and `hex` are of the file as this run found it */
	bool readable;
	bool indexed;  /* `hex` is the hash of the file while its stamp was `stamp` */
	struct fl_file_stamp stamp;
	char hex[65];
};

struct fl_cache {
	char *dir;      /* DIR/v1 */
	char run_key[65];
	struct timespec started; /* CLOCK_REALTIME_COARSE: the clock file times use */
	/* Open-addressing table path -> hash, so that a header shared by every
	 * unit is read and hashed once per run. */
	struct fl_file_hash *files;
	size_t file_capacity, file_count;
	bool index_changed; /* some file's hash or stamp is not in the index file */
	struct fl_cache_stats stats;
	/* Guards `files`, `index_changed` and `stats` while fl_cache_lookup_all's
	 * threads share them. */
	pthread_mutex_t lock;
};

static void fl_cache_count(struct fl_cache *cache, size_t *counter)
{
	pthread_mutex_lock(&cache->lock);
	(*counter)++;
	pthread_mutex_unlock(&cache->lock);
}

/* ---- hashing ---- */

struct fl_hasher {
	EVP_MD_CTX *context;
};

static void fl_hasher_init(struct fl_hasher *hasher)
{
	hasher->context = EVP_MD_CTX_new();
	if (!hasher->context || EVP_DigestInit_ex(hasher->context, EVP_sha256(), NULL) != 1) {
		fprintf(stderr, "fltlint: OpenSSL cannot hash with SHA-256\n");
		abort();
	}
}

static void fl_hasher_add(struct fl_hasher *hasher, const void *data, size_t length)
{
	EVP_DigestUpdate(hasher->context, data, length);
}

/* Adds a string with its terminating NUL, so that ("ab","c") != ("a","bc"). */
static void fl_hasher_add_str(struct fl_hasher *hasher, const char *text)
{
	fl_hasher_add(hasher, text ? text : "", strlen(text ? text : "") + 1);
}

static void fl_hasher_hex(struct fl_hasher *hasher, char out[65])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int length = 0;
	EVP_DigestFinal_ex(hasher->context, digest, &length);
	EVP_MD_CTX_free(hasher->context);
	hasher->context = NULL;
	for (unsigned i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
	out[64] = '\0';
}

void fl_sha256_hex(const void *data, size_t length, char out[65])
{
	struct fl_hasher hasher;
	fl_hasher_init(&hasher);
	fl_hasher_add(&hasher, data, length);
	fl_hasher_hex(&hasher, out);
}

/* Hashes a file's bytes; false when it cannot be read. */
static bool fl_hash_file(const char *path, char out[65])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct fl_hasher hasher;
	fl_hasher_init(&hasher);
	char buffer[65536];
	bool ok = true;
	for (;;) {
		ssize_t got = read(fd, buffer, sizeof(buffer));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			ok = false;
		if (got <= 0)
			break;
		fl_hasher_add(&hasher, buffer, (size_t)got);
	}
	close(fd);
	fl_hasher_hex(&hasher, out);
	return ok;
}

static bool fl_file_stamp_of(const char *path, struct fl_file_stamp *stamp)
{
	struct stat info;
	if (stat(path, &info) != 0)
		return false;
	*stamp = (struct fl_file_stamp){ (long long)info.st_dev, (long long)info.st_ino, (long long)info.st_size,
					 (long long)info.st_mtim.tv_sec, info.st_mtim.tv_nsec,
					 (long long)info.st_ctim.tv_sec, info.st_ctim.tv_nsec };
	return true;
}

static bool fl_same_stamp(const struct fl_file_stamp *a, const struct fl_file_stamp *b)
{
	return a->device == b->device && a->inode == b->inode && a->size == b->size && a->modified == b->modified &&
	       a->modified_ns == b->modified_ns && a->changed == b->changed && a->changed_ns == b->changed_ns;
}

/* The table's entry for `path`, made (unchecked, not indexed) if missing;
 * it may move as the table grows. */
static struct fl_file_hash *fl_file_entry(struct fl_cache *cache, const char *path)
{
	if (cache->file_count * 2 >= cache->file_capacity) {
		size_t capacity = cache->file_capacity ? cache->file_capacity * 2 : 16; /* grows in every test */
		struct fl_file_hash *files = fl_xcalloc(capacity, sizeof(*files));
		for (size_t i = 0; i < cache->file_capacity; i++) {
			if (!cache->files[i].path)
				continue;
			size_t slot = fl_fnv1a(cache->files[i].path) & (capacity - 1);
			while (files[slot].path)
				slot = (slot + 1) & (capacity - 1);
			files[slot] = cache->files[i];
		}
		free(cache->files);
		cache->files = files;
		cache->file_capacity = capacity;
	}
	size_t slot = fl_fnv1a(path) & (cache->file_capacity - 1);
	while (cache->files[slot].path && strcmp(cache->files[slot].path, path) != 0)
		slot = (slot + 1) & (cache->file_capacity - 1);
	struct fl_file_hash *entry = &cache->files[slot];
	if (!entry->path) {
		entry->path = fl_xstrdup(path);
		cache->file_count++;
	}
	return entry;
}

/* The hash of `path`'s contents, taken once per run, copied to `out`; NULL
 * when unreadable, else `out`.  speed: a file whose stamp is the one the
 * index holds is not read again. */
static const char *fl_cache_file_hash(struct fl_cache *cache, const char *path, char out[65])
{
	pthread_mutex_lock(&cache->lock);
	struct fl_file_hash *entry = fl_file_entry(cache, path);
	if (!entry->checked) {
		entry->checked = true;
		struct fl_file_stamp before, after;
		bool stamped = fl_file_stamp_of(path, &before);
		if (!stamped || !entry->indexed || !fl_same_stamp(&before, &entry->stamp)) {
			entry->readable = fl_hash_file(path, entry->hex);
			cache->stats.files_hashed++;
			/* Indexed only when settled (untouched for a second before
			 * the run: a write in the same clock tick as the hash would
			 * leave the stamp as it was) and unchanged while read. */
			long long settled = (long long)cache->started.tv_sec - 1;
			entry->indexed = stamped && entry->readable && before.modified < settled && before.changed < settled &&
					 fl_file_stamp_of(path, &after) && fl_same_stamp(&before, &after);
			entry->stamp = before;
			cache->index_changed = true;
		}
		entry->readable = entry->readable || entry->indexed;
	}
	bool readable = entry->readable;
	if (readable)
		memcpy(out, entry->hex, 65);
	pthread_mutex_unlock(&cache->lock);
	return readable ? out : NULL;
}

/* ---- the file index: hashes of files by stamp, between runs ----
 * One line per file: device, inode, size, modification and change times
 * (seconds, nanoseconds), hash, path.  Only a speed-up: a line that does
 * not read is ignored, a lost write (two runs at once) costs a hash. */

#define FL_FILE_INDEX_MAX 20000 /* lines written: the files of this run first */

static bool fl_write_atomic(const char *path, const void *data, size_t length);

static char *fl_file_index_path(const struct fl_cache *cache)
{
	return fl_xasprintf("%s/files", cache->dir);
}

static void fl_load_file_index(struct fl_cache *cache)
{
	char *index = fl_file_index_path(cache);
	char *text = fl_read_file(index, NULL);
	free(index);
	for (char *line = text, *end; line && *line; line = end + 1) {
		end = strchr(line, '\n');
		if (!end)
			break;
		*end = '\0';
		struct fl_file_stamp stamp;
		char hex[65];
		int path_at = 0;
		if (sscanf(line, "%lld %lld %lld %lld %lld %lld %lld %64[0-9a-f] %n", &stamp.device, &stamp.inode,
			   &stamp.size, &stamp.modified, &stamp.modified_ns, &stamp.changed, &stamp.changed_ns, hex,
			   &path_at) != 8 || path_at == 0 || line[path_at] != '/' || strlen(hex) != 64)
			continue;
		struct fl_file_hash *entry = fl_file_entry(cache, line + path_at);
		entry->indexed = true;
		entry->stamp = stamp;
		memcpy(entry->hex, hex, 65);
	}
	free(text);
}

static void fl_append_index_line(char **text, size_t *length, size_t *capacity, const struct fl_file_hash *entry)
{
	const struct fl_file_stamp *s = &entry->stamp;
	char *line = fl_xasprintf("%lld %lld %lld %lld %lld %lld %lld %s %s\n", s->device, s->inode, s->size,
				  s->modified, s->modified_ns, s->changed, s->changed_ns, entry->hex, entry->path);
	size_t added = strlen(line);
	FL_GROW(*text, *capacity, *length + added + 1);
	memcpy(*text + *length, line, added + 1);
	*length += added;
	free(line);
}

static void fl_save_file_index(struct fl_cache *cache)
{
	if (!cache->index_changed)
		return;
	char *text = NULL;
	size_t length = 0, capacity = 0, lines = 0;
	for (int pass = 0; pass < 2; pass++) /* this run's files, then earlier runs' */
		for (size_t i = 0; i < cache->file_capacity && lines < FL_FILE_INDEX_MAX; i++) {
			const struct fl_file_hash *entry = &cache->files[i];
			if (entry->path && entry->indexed && entry->checked == (pass == 0) && entry->path[0] == '/' &&
			    !strchr(entry->path, '\n')) {
				fl_append_index_line(&text, &length, &capacity, entry);
				lines++;
			}
		}
	char *index = fl_file_index_path(cache);
	fl_write_atomic(index, text ? text : "", length);
	free(index);
	free(text);
}

/* ---- the run key ---- */

/* fltlint's own executable: a rebuilt fltlint may walk differently, even
 * under the same version number. */
static void fl_hash_self(struct fl_cache *cache, struct fl_hasher *hasher)
{
	char hex[65];
	char *self = realpath("/proc/self/exe", NULL); /* the index keeps files by their own name */
	if (fl_cache_file_hash(cache, self ? self : "/proc/self/exe", hex))
		fl_hasher_add_str(hasher, hex);
	else
		fl_hasher_add_str(hasher, "unknown executable");
	free(self);
}

/* The parser module (the walker is in it) by its contents, and libclang
 * by its size and time: a package upgrade changes both, and hashing
 * libclang's 30 MB would cost every run more than a warm run's budget. */
static void fl_hash_parser(struct fl_cache *cache, struct fl_hasher *hasher)
{
	char hex[65];
	char *module = fl_parse_module_path();
	fl_hasher_add_str(hasher, fl_cache_file_hash(cache, module, hex) ? hex : "no parser module");
	free(module);
	struct stat libclang;
	char identity[96] = "no libclang";
	if (stat(FL_LIBCLANG_PATH, &libclang) == 0)
		snprintf(identity, sizeof(identity), "libclang %lld %lld.%09ld", (long long)libclang.st_size,
			 (long long)libclang.st_mtim.tv_sec, libclang.st_mtim.tv_nsec);
	fl_hasher_add_str(hasher, identity);
}

void fl_run_identity(const struct fl_parse_options *options, const struct fl_strv *tree_headers, char out[65])
{
	struct fl_hasher hasher;
	fl_hasher_init(&hasher);
	char format[64];
	snprintf(format, sizeof(format), "fltlint %s facts %d", FL_VERSION, FL_FACTS_FORMAT);
	fl_hasher_add_str(&hasher, format);
	fl_hasher_add_str(&hasher, FL_CLANG_RESOURCE_DIR);
	/* The arguments every unit shares, as parse.c builds them, less the
	 * run's temporary overlay and PCH (their inputs are hashed instead). */
	struct fl_strv args = { 0 };
	for (size_t i = 0; i < options->clang_args.count; i++)
		fl_strv_push(&args, options->clang_args.items[i]);
	fl_wdk_default_args(&args, &options->wdk_include);
	fl_wdk_cxx_args(&args);
	fl_hasher_add_str(&hasher, "args");
	for (size_t i = 0; i < args.count; i++)
		fl_hasher_add_str(&hasher, args.items[i]);
	fl_strv_free(&args);
	/* What a unit may include (parse.c refuses files outside these roots). */
	fl_hasher_add_str(&hasher, "paths");
	for (size_t i = 0; i < options->paths.count; i++)
		fl_hasher_add_str(&hasher, options->paths.items[i]);
	fl_hasher_add_str(&hasher, "--allow-include");
	for (size_t i = 0; i < options->allow_include.count; i++)
		fl_hasher_add_str(&hasher, options->allow_include.items[i]);
	/* Per-source arguments (compile_commands.json, .vcxproj): all of them,
	 * since every unit's include folders feed the shared include overlay. */
	fl_hasher_add_str(&hasher, "unit args");
	for (size_t u = 0; options->unit_args && u < options->unit_args->count; u++) {
		const struct fl_unit_args *unit = &options->unit_args->items[u];
		fl_hasher_add_str(&hasher, unit->path);
		for (size_t i = 0; i < unit->args.count; i++)
			fl_hasher_add_str(&hasher, unit->args.items[i]);
		fl_hasher_add_str(&hasher, "");
	}
	fl_hasher_add_str(&hasher, "tree headers");
	for (size_t i = 0; i < tree_headers->count; i++)
		fl_hasher_add_str(&hasher, tree_headers->items[i]);
	fl_hasher_hex(&hasher, out);
}

/* The run identity, and what this machine's build adds to it. */
static void fl_compute_run_key(struct fl_cache *cache, const struct fl_parse_options *options,
			       const struct fl_strv *tree_headers)
{
	struct fl_hasher hasher;
	fl_hasher_init(&hasher);
	char format[64];
	snprintf(format, sizeof(format), "fltlint-cache %d", FL_CACHE_FORMAT);
	fl_hasher_add_str(&hasher, format);
	char identity[65];
	fl_run_identity(options, tree_headers, identity);
	fl_hasher_add_str(&hasher, identity);
	fl_hash_self(cache, &hasher);
	fl_hash_parser(cache, &hasher);
	char *cwd = getcwd(NULL, 0);
	fl_hasher_add_str(&hasher, cwd ? cwd : "");
	free(cwd);
	fl_hasher_hex(&hasher, cache->run_key);
}

/* ---- files ---- */

static int fl_mkdirs(const char *path)
{
	char *copy = fl_xstrdup(path);
	for (char *slash = strchr(copy + 1, '/');; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			free(copy);
			return -1;
		}
		if (!slash)
			break;
		*slash = '/';
	}
	free(copy);
	return 0;
}

/* DIR/v1/<kind>/<first two digits>/<key>.json */
static char *fl_entry_path(const struct fl_cache *cache, char kind, const char *key)
{
	return fl_xasprintf("%s/%c/%.2s/%s.json", cache->dir, kind, key, key);
}

/* Writes `length` bytes to `path` through a temporary file and a rename,
 * so that a reader sees the whole file or none. */
static bool fl_write_atomic(const char *path, const void *data, size_t length)
{
	char *dir = fl_xstrndup(path, (size_t)(strrchr(path, '/') - path));
	char *temp = fl_xasprintf("%s/.tmp-XXXXXX", dir);
	bool ok = false;
	int fd = -1;
	if (fl_mkdirs(dir) == 0 && (fd = mkstemp(temp)) >= 0) {
		ok = fl_write_all(fd, data, length);
		ok = close(fd) == 0 && ok;
		ok = ok && rename(temp, path) == 0;
		if (!ok)
			unlink(temp);
	}
	free(temp);
	free(dir);
	return ok;
}

static bool fl_write_entry(const char *path, const json_t *json)
{
	char *text = json_dumps(json, JSON_COMPACT);
	bool ok = text && fl_write_atomic(path, text, strlen(text));
	free(text);
	return ok;
}

/* ---- reading entries ----
 * speed: a looked-up entry's text and JSON tree live only until its facts
 * are copied out, so a lookup takes them from its thread's arena, which is
 * emptied after each unit instead of freed node by node (malloc, free and
 * fresh pages were a third of decoding).  Jansson allocates through
 * fl_json_alloc, which is malloc outside a lookup. */

struct fl_arena_chunk {
	struct fl_arena_chunk *older;
	size_t used, capacity;
	max_align_t data[];
};

struct fl_arena {
	struct fl_arena_chunk *chunk; /* the newest, the one allocated from */
};

#define FL_ARENA_CHUNK ((size_t)1 << 20)

static _Thread_local struct fl_arena *fl_thread_arena;

static void *fl_json_alloc(size_t size)
{
	struct fl_arena *arena = fl_thread_arena;
	if (!arena)
		return malloc(size);
	size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	struct fl_arena_chunk *chunk = arena->chunk;
	if (!chunk || chunk->capacity - chunk->used < size) {
		size_t capacity = chunk && chunk->capacity * 2 > FL_ARENA_CHUNK ? chunk->capacity * 2 : FL_ARENA_CHUNK;
		if (capacity < size)
			capacity = size;
		chunk = malloc(sizeof(*chunk) + capacity);
		if (!chunk)
			return NULL; /* jansson fails the decode: a miss */
		*chunk = (struct fl_arena_chunk){ .older = arena->chunk, .capacity = capacity };
		arena->chunk = chunk;
	}
	void *memory = (char *)chunk->data + chunk->used;
	chunk->used += size;
	return memory;
}

static void fl_json_free(void *memory)
{
	if (!fl_thread_arena)
		free(memory);
}

/* Empties the arena, keeping its newest (largest) chunk for the next unit. */
static void fl_arena_reset(struct fl_arena *arena)
{
	if (!arena->chunk)
		return;
	for (struct fl_arena_chunk *older = arena->chunk->older, *next; older; older = next) {
		next = older->older;
		free(older);
	}
	arena->chunk->older = NULL;
	arena->chunk->used = 0;
}

static void fl_arena_free(struct fl_arena *arena)
{
	fl_arena_reset(arena);
	free(arena->chunk);
	arena->chunk = NULL;
}

/* A whole file in memory from fl_json_alloc; NULL when it cannot be read. */
static char *fl_read_entry_text(const char *path, size_t *length)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat info;
	if (fd < 0)
		return NULL;
	char *text = fstat(fd, &info) == 0 ? fl_json_alloc((size_t)info.st_size + 1) : NULL;
	size_t got = 0;
	while (text && got < (size_t)info.st_size) {
		ssize_t part = read(fd, text + got, (size_t)info.st_size - got);
		if (part < 0 && errno == EINTR)
			continue;
		if (part <= 0)
			break; /* shorter than it was: entries are renamed into place, so it fails to decode */
		got += (size_t)part;
	}
	close(fd);
	*length = got;
	return text;
}

/* The entry at `path` when it is an object of this cache format carrying
 * `key`; NULL otherwise (`*seen` tells whether a file was there at all). */
static json_t *fl_read_entry(const char *path, const char *key, bool *seen)
{
	/* speed: read whole, then decode (json_load_file reads a byte at a time) */
	size_t length = 0;
	char *text = fl_read_entry_text(path, &length);
	json_error_t error;
	json_t *json = text ? json_loadb(text, length, 0, &error) : NULL;
	fl_json_free(text);
	*seen = json != NULL || access(path, F_OK) == 0;
	if (!json)
		return NULL;
	const json_t *format = json_object_get(json, "cache");
	const json_t *version = json_object_get(json, "fltlint");
	const json_t *stored_key = json_object_get(json, "key");
	if (!json_is_integer(format) || json_integer_value(format) != FL_CACHE_FORMAT ||
	    !json_is_string(version) || strcmp(json_string_value(version), FL_VERSION) != 0 ||
	    !json_is_string(stored_key) || strcmp(json_string_value(stored_key), key) != 0) {
		json_decref(json);
		return NULL;
	}
	return json;
}

/* ---- keys of a unit ---- */

static void fl_manifest_key(const struct fl_cache *cache, const char *path, char out[65])
{
	struct fl_hasher hasher;
	fl_hasher_init(&hasher);
	fl_hasher_add_str(&hasher, "manifest");
	fl_hasher_add_str(&hasher, cache->run_key);
	fl_hasher_add_str(&hasher, path);
	fl_hasher_hex(&hasher, out);
}

/* The result key of a manifest entry: its source hash and [path, hash] pairs. */
static bool fl_result_key(const char *manifest_key, const char *source_hash, const json_t *headers,
			  char out[65])
{
	if (!json_is_array(headers))
		return false;
	struct fl_hasher hasher;
	fl_hasher_init(&hasher);
	fl_hasher_add_str(&hasher, "result");
	fl_hasher_add_str(&hasher, manifest_key);
	fl_hasher_add_str(&hasher, source_hash);
	bool ok = true;
	size_t i;
	const json_t *pair;
	json_array_foreach(headers, i, pair) {
		const json_t *path = json_array_get(pair, 0), *hash = json_array_get(pair, 1);
		if (!json_is_array(pair) || json_array_size(pair) != 2 || !json_is_string(path) ||
		    !json_is_string(hash)) {
			ok = false;
			break;
		}
		fl_hasher_add_str(&hasher, json_string_value(path));
		fl_hasher_add_str(&hasher, json_string_value(hash));
	}
	fl_hasher_hex(&hasher, out);
	return ok;
}

/* ---- the interface ---- */

char *fl_cache_default_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/')
		return fl_xasprintf("%s/fltlint", xdg);
	const char *home = getenv("HOME");
	if (home && home[0])
		return fl_xasprintf("%s/.cache/fltlint", home);
	return NULL;
}

struct fl_cache *fl_cache_open(const char *dir, const struct fl_parse_options *options,
			       const struct fl_strv *tree_headers, FILE *log)
{
	char *versioned = fl_xasprintf("%s/v%d", dir, FL_CACHE_FORMAT);
	if (fl_mkdirs(versioned) != 0 || access(versioned, W_OK | X_OK) != 0) {
		fprintf(log, "fltlint: cannot use the cache folder %s (%s); running without a cache\n",
			dir, strerror(errno));
		free(versioned);
		return NULL;
	}
	struct fl_cache *cache = fl_xcalloc(1, sizeof(*cache));
	cache->dir = versioned;
	pthread_mutex_init(&cache->lock, NULL);
#ifndef FL_SANITIZED /* there, each node stays an allocation of its own, for ASan to watch */
	json_set_alloc_funcs(fl_json_alloc, fl_json_free);
#endif
	clock_gettime(CLOCK_REALTIME_COARSE, &cache->started);
	fl_load_file_index(cache);
	fl_compute_run_key(cache, options, tree_headers);
	return cache;
}

void fl_cache_close(struct fl_cache *cache)
{
	if (!cache)
		return;
	fl_save_file_index(cache);
	for (size_t i = 0; i < cache->file_capacity; i++)
		free(cache->files[i].path);
	free(cache->files);
	free(cache->dir);
	pthread_mutex_destroy(&cache->lock);
	free(cache);
}

const struct fl_cache_stats *fl_cache_stats(const struct fl_cache *cache)
{
	return &cache->stats;
}

/* The result file `key` names, read and checked: facts of `path`, or NULL. */
static struct fl_tu_facts *fl_load_result(struct fl_cache *cache, const char *key, const char *path)
{
	char *file = fl_entry_path(cache, 'r', key);
	bool seen;
	json_t *json = fl_read_entry(file, key, &seen);
	free(file);
	struct fl_tu_facts *facts = NULL;
	if (json) {
		char *problem = NULL;
		facts = fl_facts_from_json(json_object_get(json, "facts"), &problem);
		free(problem);
		if (facts && (!facts->path || strcmp(facts->path, path) != 0)) {
			fl_tu_facts_free(facts);
			facts = NULL;
		}
		json_decref(json);
	}
	if (!facts && seen)
		fl_cache_count(cache, &cache->stats.rejected);
	return facts;
}

static struct fl_tu_facts *fl_cache_lookup(struct fl_cache *cache, const char *path)
{
	char manifest_key[65];
	fl_manifest_key(cache, path, manifest_key);
	char *file = fl_entry_path(cache, 'm', manifest_key);
	bool seen;
	json_t *manifest = fl_read_entry(file, manifest_key, &seen);
	free(file);
	if (!manifest && seen)
		fl_cache_count(cache, &cache->stats.rejected);
	char source_buffer[65], header_buffer[65];
	const char *source_hash = manifest ? fl_cache_file_hash(cache, path, source_buffer) : NULL;
	const json_t *entries = json_object_get(manifest, "entries");
	struct fl_tu_facts *facts = NULL;
	size_t i;
	const json_t *entry;
	json_array_foreach(entries, i, entry) {
		if (!source_hash || facts)
			break;
		const json_t *source = json_object_get(entry, "source");
		const json_t *headers = json_object_get(entry, "headers");
		if (!json_is_string(source) || strcmp(json_string_value(source), source_hash) != 0 ||
		    !json_is_array(headers))
			continue;
		bool match = true;
		size_t h;
		const json_t *pair;
		json_array_foreach(headers, h, pair) {
			const json_t *header = json_array_get(pair, 0), *hash = json_array_get(pair, 1);
			const char *now = json_is_string(header)
						  ? fl_cache_file_hash(cache, json_string_value(header), header_buffer)
						  : NULL;
			if (!now || !json_is_string(hash) || strcmp(now, json_string_value(hash)) != 0) {
				match = false;
				break;
			}
		}
		char result_key[65];
		if (match && fl_result_key(manifest_key, source_hash, headers, result_key))
			facts = fl_load_result(cache, result_key, path);
	}
	json_decref(manifest);
	fl_cache_count(cache, facts ? &cache->stats.hits : &cache->stats.misses);
	return facts;
}

/* fl_cache_lookup_all's threads take the next source to look up. */
struct fl_lookup_queue {
	struct fl_cache *cache;
	const struct fl_strv *sources;
	struct fl_tu_facts **found;
	size_t next; /* under cache->lock */
};

static void *fl_lookup_thread(void *context)
{
	struct fl_lookup_queue *queue = context;
	struct fl_arena arena = { 0 };
	fl_thread_arena = &arena;
	for (;;) {
		pthread_mutex_lock(&queue->cache->lock);
		size_t i = queue->next++;
		pthread_mutex_unlock(&queue->cache->lock);
		if (i >= queue->sources->count)
			break;
		queue->found[i] = fl_cache_lookup(queue->cache, queue->sources->items[i]);
		fl_arena_reset(&arena);
	}
	fl_thread_arena = NULL;
	fl_arena_free(&arena);
	return NULL;
}

void fl_cache_lookup_all(struct fl_cache *cache, const struct fl_strv *sources, unsigned jobs,
			 struct fl_tu_facts **found)
{
	struct fl_lookup_queue queue = { .cache = cache, .sources = sources, .found = found };
	size_t threads = fl_jobs(jobs);
	if (threads > sources->count)
		threads = sources->count;
	pthread_t *started = fl_xcalloc(threads ? threads : 1, sizeof(*started));
	size_t running = 0;
	/* The calling thread is one of them; a thread that cannot start only
	 * leaves more to the others. */
	while (running + 1 < threads && pthread_create(&started[running], NULL, fl_lookup_thread, &queue) == 0)
		running++;
	fl_lookup_thread(&queue);
	for (size_t t = 0; t < running; t++)
		pthread_join(started[t], NULL);
	free(started);
}

/* True when `path` has not changed since the run began, so that the hash
 * the run took of it is of the bytes the parse read. */
static bool fl_unchanged_since_start(const struct fl_cache *cache, const char *path)
{
	struct stat info;
	if (stat(path, &info) != 0)
		return false;
	if (info.st_mtim.tv_sec != cache->started.tv_sec)
		return info.st_mtim.tv_sec < cache->started.tv_sec;
	return info.st_mtim.tv_nsec < cache->started.tv_nsec;
}

bool fl_cache_store(struct fl_cache *cache, const char *path, const struct fl_tu_facts *facts)
{
	if (!fl_unchanged_since_start(cache, path))
		return false;
	char source_buffer[65], header_buffer[65];
	const char *source_hash = fl_cache_file_hash(cache, path, source_buffer);
	if (!source_hash)
		return false;
	json_t *headers = json_array();
	for (size_t i = 0; i < facts->include_count; i++) {
		const char *header = facts->includes[i];
		const char *hash = fl_unchanged_since_start(cache, header)
					   ? fl_cache_file_hash(cache, header, header_buffer)
					   : NULL;
		if (!hash) {
			json_decref(headers);
			return false;
		}
		json_array_append_new(headers, json_pack("[s, s]", header, hash));
	}
	char manifest_key[65], result_key[65];
	fl_manifest_key(cache, path, manifest_key);
	fl_result_key(manifest_key, source_hash, headers, result_key);

	json_t *result = json_pack("{s:i, s:s, s:s, s:o}", "cache", FL_CACHE_FORMAT, "fltlint", FL_VERSION,
				   "key", result_key, "facts", fl_facts_to_json(facts));
	char *result_file = fl_entry_path(cache, 'r', result_key);
	bool ok = fl_write_entry(result_file, result);
	free(result_file);
	json_decref(result);
	if (!ok) {
		json_decref(headers);
		return false;
	}

	/* The manifest: this entry first, then the others it held (another
	 * branch's version of the file, say), at most FL_CACHE_MANIFEST_ENTRIES. */
	char *manifest_file = fl_entry_path(cache, 'm', manifest_key);
	bool seen;
	json_t *old = fl_read_entry(manifest_file, manifest_key, &seen);
	json_t *entries = json_array();
	json_array_append_new(entries, json_pack("{s:s, s:o, s:s}", "source", source_hash, "headers", headers,
						 "result", result_key));
	size_t i;
	const json_t *entry;
	json_array_foreach(json_object_get(old, "entries"), i, entry) {
		const json_t *other = json_object_get(entry, "result");
		if (json_array_size(entries) >= FL_CACHE_MANIFEST_ENTRIES)
			break;
		if (json_is_object(entry) && json_is_string(other) && strcmp(json_string_value(other), result_key) != 0)
			json_array_append(entries, (json_t *)entry);
	}
	json_decref(old);
	json_t *manifest = json_pack("{s:i, s:s, s:s, s:o}", "cache", FL_CACHE_FORMAT, "fltlint", FL_VERSION,
				     "key", manifest_key, "entries", entries);
	ok = fl_write_entry(manifest_file, manifest);
	json_decref(manifest);
	free(manifest_file);
	if (ok)
		cache->stats.stored++;
	return ok;
}

/* ---- the precompiled prelude, kept between runs ----
 *
 * DIR/v1/p/ab/<key>.pch, with <key>.json beside it: every file the PCH read
 * (the prelude included) with its hash, size and time, and the PCH's own
 * hash.  clang refuses a PCH one of whose files has another time than when
 * it was built (every unit would then be parsed the long way), so a header
 * touched but unchanged is a miss too.  The prelude lives in the cache,
 * written once and never again: a PCH names its main file and checks it. */

static void fl_pch_key(const struct fl_cache *cache, const char *language, const char *prelude,
		       const char *overlay, char out[65])
{
	struct fl_hasher hasher;
	fl_hasher_init(&hasher);
	fl_hasher_add_str(&hasher, "pch");
	fl_hasher_add_str(&hasher, cache->run_key);
	fl_hasher_add_str(&hasher, language);
	fl_hasher_add_str(&hasher, prelude);
	fl_hasher_add_str(&hasher, overlay ? overlay : "no overlay");
	fl_hasher_hex(&hasher, out);
}

static char *fl_pch_file(const struct fl_cache *cache, const char *key)
{
	return fl_xasprintf("%s/p/%.2s/%s.pch", cache->dir, key, key);
}

/* [path, hash, size, seconds, nanoseconds] of a file as it is now and has
 * been since the run began (the prelude, which the run may have written
 * itself, by its hash alone); NULL otherwise. */
static json_t *fl_pch_input(struct fl_cache *cache, const char *path, bool is_prelude)
{
	char buffer[65];
	struct stat info;
	const char *hash = is_prelude || fl_unchanged_since_start(cache, path) ? fl_cache_file_hash(cache, path, buffer)
									       : NULL;
	if (!hash || stat(path, &info) != 0)
		return NULL;
	return json_pack("[s, s, I, I, I]", path, hash, (json_int_t)info.st_size, (json_int_t)info.st_mtim.tv_sec,
			 (json_int_t)info.st_mtim.tv_nsec);
}

char *fl_cache_prelude_file(struct fl_cache *cache, const char *prelude)
{
	char hash[65];
	fl_sha256_hex(prelude, strlen(prelude), hash);
	char *path = fl_xasprintf("%s/p/prelude-%.16s.h", cache->dir, hash);
	char buffer[65];
	const char *stored = access(path, F_OK) == 0 ? fl_cache_file_hash(cache, path, buffer) : NULL;
	if (stored && strcmp(stored, hash) == 0)
		return path;
	if (!stored && fl_write_atomic(path, prelude, strlen(prelude)))
		return path;
	free(path); /* unreadable, or not the prelude: build from the run's own copy */
	return NULL;
}

char *fl_cache_pch_find(struct fl_cache *cache, const char *language, const char *prelude, const char *overlay,
			struct fl_strv *includes)
{
	char key[65];
	fl_pch_key(cache, language, prelude, overlay, key);
	char *manifest_file = fl_entry_path(cache, 'p', key);
	bool seen;
	json_t *manifest = fl_read_entry(manifest_file, key, &seen);
	free(manifest_file);
	char *pch = fl_pch_file(cache, key);
	char pch_hash[65];
	const json_t *inputs = json_object_get(manifest, "inputs");
	bool valid = json_is_array(inputs) && json_is_string(json_object_get(manifest, "pch")) &&
		     fl_hash_file(pch, pch_hash) &&
		     strcmp(pch_hash, json_string_value(json_object_get(manifest, "pch"))) == 0;
	struct fl_strv read = { 0 };
	size_t i;
	const json_t *stored;
	json_array_foreach(inputs, i, stored) {
		if (!valid)
			break;
		const char *path = json_string_value(json_array_get(stored, 0));
		json_t *now = path ? fl_pch_input(cache, path, i == 0) : NULL;
		valid = now && json_equal(now, stored);
		json_decref(now);
		if (valid && i > 0) /* inputs[0] is the prelude */
			fl_strv_push(&read, path);
	}
	json_decref(manifest);
	if (!valid) {
		if (seen)
			cache->stats.rejected++;
		fl_strv_free(&read);
		free(pch);
		return NULL;
	}
	cache->stats.pch_hits++;
	*includes = read;
	return pch;
}

void fl_cache_pch_keep(struct fl_cache *cache, const char *language, const char *prelude, const char *overlay,
		       const char *prelude_file, const char *built, const struct fl_strv *includes)
{
	char key[65], pch_hash[65];
	fl_pch_key(cache, language, prelude, overlay, key);
	json_t *inputs = json_array();
	bool complete = true;
	for (size_t i = 0; complete && i <= includes->count; i++) {
		json_t *input = fl_pch_input(cache, i == 0 ? prelude_file : includes->items[i - 1], i == 0);
		complete = input != NULL;
		json_array_append_new(inputs, input ? input : json_null());
	}
	size_t length = 0;
	char *bytes = complete ? fl_read_file(built, &length) : NULL;
	char *pch = fl_pch_file(cache, key);
	if (bytes && fl_write_atomic(pch, bytes, length)) {
		fl_sha256_hex(bytes, length, pch_hash);
		json_t *manifest = json_pack("{s:i, s:s, s:s, s:s, s:o}", "cache", FL_CACHE_FORMAT, "fltlint",
					     FL_VERSION, "key", key, "pch", pch_hash, "inputs", inputs);
		inputs = NULL;
		char *manifest_file = fl_entry_path(cache, 'p', key);
		if (fl_write_entry(manifest_file, manifest))
			cache->stats.pch_stored++;
		free(manifest_file);
		json_decref(manifest);
	}
	json_decref(inputs);
	free(pch);
	free(bytes);
}
