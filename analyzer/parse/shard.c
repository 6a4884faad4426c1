/* Shard files: see shard.h. */
#include "parse/shard.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse/cache.h"
#include "facts/facts_json.h"

char *fl_shard_run_id(const struct fl_parse_options *options, const struct fl_strv *tree_headers,
		      const struct fl_strv *sources)
{
	/* A text of everything that must agree, hashed. */
	size_t length = 0;
	struct fl_strv parts = { 0 };
	char identity[65];
	fl_run_identity(options, tree_headers, identity);
	fl_strv_push(&parts, identity);
	fl_strv_push_owned(&parts, fl_xasprintf("shard %d", FL_SHARD_FORMAT));
	fl_strv_push(&parts, "sources");
	for (size_t i = 0; i < sources->count; i++)
		fl_strv_push(&parts, sources->items[i]);
	for (size_t i = 0; i < parts.count; i++)
		length += strlen(parts.items[i]) + 1;
	char *text = fl_xmalloc(length + 1), *end = text;
	for (size_t i = 0; i < parts.count; i++) {
		size_t part = strlen(parts.items[i]) + 1;
		memcpy(end, parts.items[i], part);
		end += part;
	}
	char hex[65];
	fl_sha256_hex(text, length, hex);
	free(text);
	fl_strv_free(&parts);
	return fl_xstrdup(hex);
}

/* mkdir -p */
static int fl_make_dirs(const char *path)
{
	char *copy = fl_xstrdup(path);
	int status = 0;
	for (char *slash = strchr(copy + 1, '/');; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST)
			status = -1;
		if (!slash)
			break;
		*slash = '/';
	}
	free(copy);
	return status;
}

static json_t *fl_str_or_null(const char *text)
{
	return text ? json_string(text) : json_null();
}

int fl_shard_write(const char *dir, const struct fl_shard *shard)
{
	json_t *units = json_array();
	for (size_t i = 0; i < shard->unit_count; i++)
		json_array_append_new(units, fl_facts_to_json(&shard->units[i]));
	json_t *errors = json_array();
	for (size_t i = 0; i < shard->errors.count; i++) {
		const struct fl_input_error *error = &shard->errors.items[i];
		char *file = fl_utf8_repair(error->file, strlen(error->file));
		char *message = fl_utf8_repair(error->message, strlen(error->message));
		json_array_append_new(errors, json_pack("[s, i, s, b]", file, (json_int_t)error->line, message,
							error->kind == FL_INPUT_PARSE));
		free(file);
		free(message);
	}
	json_t *infs = json_array();
	for (size_t i = 0; i < shard->infs.count; i++)
		json_array_append_new(infs, fl_str_or_null(shard->infs.items[i]));
	json_t *json = json_pack("{s:i, s:s, s:i, s:[i, i], s:s, s:I, s:o, s:o, s:o}", "fltlint-shard",
				 FL_SHARD_FORMAT, "fltlint", FL_VERSION, "facts_format", FL_FACTS_FORMAT,
				 "shard", shard->index, shard->count, "run", shard->run_id, "sources",
				 (json_int_t)shard->sources_seen, "infs", infs, "errors", errors, "units", units);
	int status = -1;
	char *path = fl_xasprintf("%s/fltlint-facts-%u-of-%u.json", dir, shard->index, shard->count);
	char *temp = fl_xasprintf("%s/.fltlint-facts-XXXXXX", dir);
	int fd = -1;
	if (!json) {
		fprintf(stderr, "fltlint: cannot encode the facts of shard %u/%u\n", shard->index, shard->count);
	} else if (fl_make_dirs(dir) != 0 || (fd = mkstemp(temp)) < 0) {
		fprintf(stderr, "fltlint: cannot write in %s: %s\n", dir, strerror(errno));
	} else {
		/* mkstemp makes the file private; facts are as readable as any file
		 * the user creates. */
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
		if (json_dumpfd(json, fd, JSON_COMPACT) != 0 || close(fd) != 0 || rename(temp, path) != 0) {
			fprintf(stderr, "fltlint: cannot write %s: %s\n", path, strerror(errno));
			unlink(temp);
		} else {
			status = 0;
		}
	}
	json_decref(json);
	free(path);
	free(temp);
	return status;
}

static int fl_compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int fl_compare_units(const void *a, const void *b)
{
	return strcmp(((const struct fl_tu_facts *)a)->path, ((const struct fl_tu_facts *)b)->path);
}

/* Reads one shard file into `out`; -1 after a message when it is not one. */
static int fl_shard_read(const char *path, struct fl_shard *out)
{
	json_error_t json_error;
	json_t *json = json_load_file(path, 0, &json_error);
	const json_t *format = json_object_get(json, "fltlint-shard");
	const json_t *version = json_object_get(json, "fltlint");
	const json_t *facts_format = json_object_get(json, "facts_format");
	const json_t *shard = json_object_get(json, "shard");
	const json_t *run = json_object_get(json, "run");
	const json_t *sources = json_object_get(json, "sources");
	const json_t *infs = json_object_get(json, "infs");
	const json_t *errors = json_object_get(json, "errors");
	const json_t *units = json_object_get(json, "units");
	if (!json) {
		fprintf(stderr, "fltlint: %s: not readable facts: %s\n", path, json_error.text);
		return -1;
	}
	int status = -1;
	if (!json_is_integer(format) || json_integer_value(format) != FL_SHARD_FORMAT ||
	    !json_is_string(version) || strcmp(json_string_value(version), FL_VERSION) != 0 ||
	    !json_is_integer(facts_format) || json_integer_value(facts_format) != FL_FACTS_FORMAT) {
		fprintf(stderr, "fltlint: %s: facts from another version of fltlint (this is %s); "
				"run every shard and the link with one fltlint\n", path, FL_VERSION);
		goto done;
	}
	json_int_t index = json_integer_value(json_array_get(shard, 0));
	json_int_t count = json_integer_value(json_array_get(shard, 1));
	if (json_array_size(shard) != 2 || count < 1 || count > 100000 || index < 1 || index > count ||
	    !json_is_string(run) || !json_is_integer(sources) || json_integer_value(sources) < 0 ||
	    !json_is_array(infs) || !json_is_array(errors) || !json_is_array(units)) {
		fprintf(stderr, "fltlint: %s: malformed facts\n", path);
		goto done;
	}
	out->index = (unsigned)index;
	out->count = (unsigned)count;
	out->run_id = fl_xstrdup(json_string_value(run));
	out->sources_seen = (size_t)json_integer_value(sources);
	size_t i;
	const json_t *item;
	json_array_foreach(infs, i, item) {
		if (!json_is_string(item)) {
			fprintf(stderr, "fltlint: %s: malformed facts\n", path);
			goto done;
		}
		fl_strv_push(&out->infs, json_string_value(item));
	}
	json_array_foreach(errors, i, item) {
		const json_t *file = json_array_get(item, 0), *line = json_array_get(item, 1);
		const json_t *message = json_array_get(item, 2), *parse = json_array_get(item, 3);
		if (!json_is_string(file) || !json_is_integer(line) || json_integer_value(line) < 0 ||
		    json_integer_value(line) > 0xffffffffLL || !json_is_string(message) || !json_is_boolean(parse)) {
			fprintf(stderr, "fltlint: %s: malformed facts\n", path);
			goto done;
		}
		struct fl_input_error error = { (char *)json_string_value(file), (unsigned)json_integer_value(line),
						(char *)json_string_value(message),
						json_is_true(parse) ? FL_INPUT_PARSE : FL_INPUT_NOT_ANALYZED };
		fl_input_error_copy(&out->errors, &error);
	}
	out->units = fl_xcalloc(json_array_size(units), sizeof(*out->units));
	json_array_foreach(units, i, item) {
		char *problem = NULL;
		struct fl_tu_facts *facts = fl_facts_from_json(item, &problem);
		if (!facts) {
			fprintf(stderr, "fltlint: %s: unit %zu: %s\n", path, i + 1, problem);
			free(problem);
			goto done;
		}
		out->units[out->unit_count++] = *facts;
		free(facts);
	}
	status = 0;
done:
	json_decref(json);
	return status;
}

static void fl_shard_take(struct fl_shard *into, struct fl_shard *from)
{
	into->sources_seen += from->sources_seen;
	into->units = fl_xrealloc(into->units, (into->unit_count + from->unit_count + 1) * sizeof(*into->units));
	memcpy(into->units + into->unit_count, from->units, from->unit_count * sizeof(*from->units));
	into->unit_count += from->unit_count;
	from->unit_count = 0;
	for (size_t i = 0; i < from->errors.count; i++)
		fl_input_error_copy(&into->errors, &from->errors.items[i]);
	if (from->index == 1) {
		fl_strv_free(&into->infs);
		into->infs = from->infs;
		memset(&from->infs, 0, sizeof(from->infs));
	}
}

int fl_shard_read_all(const struct fl_strv *dirs, struct fl_shard *out)
{
	memset(out, 0, sizeof(*out));
	struct fl_strv files = { 0 };
	for (size_t d = 0; d < dirs->count; d++) {
		DIR *folder = opendir(dirs->items[d]);
		if (!folder) {
			fprintf(stderr, "fltlint: cannot read %s: %s\n", dirs->items[d], strerror(errno));
			fl_strv_free(&files);
			return -1;
		}
		size_t before = files.count;
		for (struct dirent *entry; (entry = readdir(folder));)
			if (fl_str_starts_with(entry->d_name, "fltlint-facts-") && fl_str_ends_with(entry->d_name, ".json"))
				fl_strv_push_owned(&files, fl_xasprintf("%s/%s", dirs->items[d], entry->d_name));
		closedir(folder);
		if (files.count == before) {
			fprintf(stderr, "fltlint: %s holds no facts (fltlint-facts-*.json from --facts-out)\n",
				dirs->items[d]);
			fl_strv_free(&files);
			return -1;
		}
	}
	if (files.count)
		qsort(files.items, files.count, sizeof(char *), fl_compare_names);
	int status = 0;
	bool *seen = NULL;
	for (size_t i = 0; i < files.count && status == 0; i++) {
		struct fl_shard shard = { 0 };
		if (fl_shard_read(files.items[i], &shard) != 0) {
			status = -1;
		} else if (i == 0) {
			out->count = shard.count;
			out->run_id = fl_xstrdup(shard.run_id);
			seen = fl_xcalloc(shard.count + 1, sizeof(bool));
		} else if (shard.count != out->count || strcmp(shard.run_id, out->run_id) != 0) {
			fprintf(stderr, "fltlint: %s is from another run (other sources, arguments or shard count) "
					"than %s\n", files.items[i], files.items[0]);
			status = -1;
		}
		if (status == 0 && seen[shard.index]) {
			fprintf(stderr, "fltlint: shard %u/%u is there twice (%s)\n", shard.index, shard.count,
				files.items[i]);
			status = -1;
		}
		if (status == 0) {
			seen[shard.index] = true;
			fl_shard_take(out, &shard);
		}
		fl_shard_clear(&shard);
	}
	for (unsigned k = 1; status == 0 && k <= out->count; k++) {
		if (!seen[k]) {
			fprintf(stderr, "fltlint: shard %u/%u is missing; link every shard's facts at once\n", k,
				out->count);
			status = -1;
		}
	}
	free(seen);
	fl_strv_free(&files);
	if (status == 0 && out->unit_count)
		qsort(out->units, out->unit_count, sizeof(*out->units), fl_compare_units);
	if (status != 0)
		fl_shard_clear(out);
	return status;
}

void fl_shard_clear(struct fl_shard *shard)
{
	free(shard->run_id);
	fl_strv_free(&shard->infs);
	fl_input_errors_free(&shard->errors);
	for (size_t i = 0; i < shard->unit_count; i++)
		fl_tu_facts_clear(&shard->units[i]);
	free(shard->units);
	memset(shard, 0, sizeof(*shard));
}
