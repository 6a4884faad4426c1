/* The facts cache: see cache.h for the design.  Layout of the folder:
 *
 *   DIR/v1/m/ab/<manifest key>.json   one per source (and run key)
 *   DIR/v1/r/cd/<result key>.json     one per set of inputs: the facts
 *
 * SHA-256 comes from OpenSSL's libcrypto (Debian: libssl-dev). */
#include "parse/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "facts/facts_json.h"
#include "parse/parse.h"
#include "sources/unit_args.h"
#include "parse/wdk.h"

/* What a run has learned of one file: its hash, or that it cannot be read. */
struct fl_file_hash {
	char *path;
	bool readable;
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
	struct fl_cache_stats stats;
};

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

/* The hash of `path`'s contents, read once per run, copied to `out` (the
 * table may move as it grows); NULL when unreadable, else `out`. */
static const char *fl_cache_file_hash(struct fl_cache *cache, const char *path, char out[65])
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
		entry->readable = fl_hash_file(path, entry->hex);
		cache->file_count++;
		cache->stats.files_hashed++;
	}
	if (!entry->readable)
		return NULL;
	memcpy(out, entry->hex, 65);
	return out;
}

/* ---- the run key ---- */

/* fltlint's own executable: a rebuilt fltlint may walk differently, even
 * under the same version number. */
static void fl_hash_self(struct fl_hasher *hasher)
{
	char hex[65];
	if (fl_hash_file("/proc/self/exe", hex))
		fl_hasher_add_str(hasher, hex);
	else
		fl_hasher_add_str(hasher, "unknown executable");
}

/* The parser module (the walker is in it) by its contents, and libclang
 * by its size and time: a package upgrade changes both, and hashing
 * libclang's 30 MB would cost every run more than a warm run's budget. */
static void fl_hash_parser(struct fl_hasher *hasher)
{
	char hex[65];
	char *module = fl_parse_module_path();
	fl_hasher_add_str(hasher, fl_hash_file(module, hex) ? hex : "no parser module");
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
	fl_hash_self(&hasher);
	fl_hash_parser(&hasher);
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

/* The entry at `path` when it is an object of this cache format carrying
 * `key`; NULL otherwise (`*seen` tells whether a file was there at all). */
static json_t *fl_read_entry(const char *path, const char *key, bool *seen)
{
	/* speed: read whole, then decode (json_load_file reads a byte at a time) */
	size_t length = 0;
	char *text = fl_read_file(path, &length);
	json_error_t error;
	json_t *json = text ? json_loadb(text, length, 0, &error) : NULL;
	free(text);
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
	clock_gettime(CLOCK_REALTIME_COARSE, &cache->started);
	fl_compute_run_key(cache, options, tree_headers);
	return cache;
}

void fl_cache_close(struct fl_cache *cache)
{
	if (!cache)
		return;
	for (size_t i = 0; i < cache->file_capacity; i++)
		free(cache->files[i].path);
	free(cache->files);
	free(cache->dir);
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
		cache->stats.rejected++;
	return facts;
}

struct fl_tu_facts *fl_cache_lookup(struct fl_cache *cache, const char *path)
{
	char manifest_key[65];
	fl_manifest_key(cache, path, manifest_key);
	char *file = fl_entry_path(cache, 'm', manifest_key);
	bool seen;
	json_t *manifest = fl_read_entry(file, manifest_key, &seen);
	free(file);
	if (!manifest && seen)
		cache->stats.rejected++;
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
	if (facts)
		cache->stats.hits++;
	else
		cache->stats.misses++;
	return facts;
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
