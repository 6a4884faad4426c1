/* Baselines (baseline.h). */
#include "report/baseline.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sources/project.h"
#include "util.h"

struct fl_baseline_entry {
	char *rule, *path, *fingerprint;
	long long remaining;
};

struct fl_baseline {
	size_t count;
	struct fl_baseline_entry *items;
};

int fl_write_file_atomic(const char *path, const char *text, size_t length)
{
	const char *slash = strrchr(path, '/');
	char *temp = slash ? fl_xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
			   : fl_xasprintf(".%s.XXXXXX", path);
	int fd = mkstemp(temp);
	if (fd < 0) {
		free(temp);
		return -1;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	int error = 0;
	for (size_t done = 0; done < length && !error;) {
		ssize_t wrote = write(fd, text + done, length - done);
		if (wrote < 0 && errno != EINTR)
			error = errno;
		else if (wrote > 0)
			done += (size_t)wrote;
	}
	if (!error && fsync(fd) != 0)
		error = errno;
	if (close(fd) != 0 && !error)
		error = errno;
	if (!error && rename(temp, path) != 0)
		error = errno;
	if (error)
		unlink(temp);
	free(temp);
	errno = error;
	return error ? -1 : 0;
}

/* The base of a fingerprint: what precedes its ':'. */
static char *fl_base_of(const char *fingerprint)
{
	const char *colon = strchr(fingerprint ? fingerprint : "", ':');
	return colon ? fl_xstrndup(fingerprint, (size_t)(colon - fingerprint)) : fl_xstrdup(fingerprint ? fingerprint : "");
}

static int fl_entry_cmp(const void *left, const void *right)
{
	json_t *a = *(json_t *const *)left, *b = *(json_t *const *)right;
	static const char *const keys[] = { "path", "rule", "fingerprint" };
	for (size_t i = 0; i < 3; i++) {
		int order = strcmp(json_string_value(json_object_get(a, keys[i])),
				   json_string_value(json_object_get(b, keys[i])));
		if (order)
			return order;
	}
	return 0;
}

int fl_baseline_write(const char *path, const struct fl_findings *findings, const char *root)
{
	json_t **entries = fl_xcalloc(findings->count ? findings->count : 1, sizeof(*entries));
	size_t count = 0;
	for (size_t i = 0; i < findings->count; i++) {
		const struct fl_finding *finding = &findings->items[i];
		char *relative = fl_project_relative(root, finding->loc.file);
		char *base = fl_base_of(finding->fingerprint);
		json_t *found = NULL;
		for (size_t j = 0; j < count && !found; j++)
			if (strcmp(json_string_value(json_object_get(entries[j], "rule")), finding->rule) == 0 &&
			    strcmp(json_string_value(json_object_get(entries[j], "path")), relative) == 0 &&
			    strcmp(json_string_value(json_object_get(entries[j], "fingerprint")), base) == 0)
				found = entries[j];
		if (found) {
			json_t *n = json_object_get(found, "count");
			json_integer_set(n, json_integer_value(n) + 1);
		} else {
			entries[count++] = json_pack("{s:s, s:s, s:s, s:i, s:s}", "rule", finding->rule, "path",
						     relative, "fingerprint", base, "count", 1, "message",
						     finding->message ? finding->message : "");
		}
		free(relative);
		free(base);
	}
	qsort(entries, count, sizeof(*entries), fl_entry_cmp);
	json_t *list = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(list, entries[i]);
	free(entries);
	json_t *root_object = json_pack("{s:i, s:s, s:o}", "fltlint_baseline", 1, "version", FL_VERSION,
					"findings", list);
	char *text = json_dumps(root_object, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root_object);
	if (!text) {
		errno = ENOMEM;
		return -1;
	}
	char *with_newline = fl_xasprintf("%s\n", text);
	free(text);
	int status = fl_write_file_atomic(path, with_newline, strlen(with_newline));
	free(with_newline);
	return status;
}

struct fl_baseline *fl_baseline_read(const char *path, char **error)
{
	json_error_t json_error;
	json_t *root = json_load_file(path, 0, &json_error);
	if (!root) {
		*error = fl_xasprintf("cannot read the baseline %s: %s", path, json_error.text);
		return NULL;
	}
	json_t *list = NULL;
	int format = 0;
	if (json_unpack_ex(root, &json_error, 0, "{s:i, s:o}", "fltlint_baseline", &format, "findings", &list) != 0 ||
	    format != 1 || !json_is_array(list)) {
		*error = fl_xasprintf("%s is not an fltlint baseline (format 1): %s", path,
				      format > 1 ? "a newer format" : json_error.text);
		json_decref(root);
		return NULL;
	}
	struct fl_baseline *baseline = fl_xcalloc(1, sizeof(*baseline));
	baseline->items = fl_xcalloc(json_array_size(list) + 1, sizeof(*baseline->items));
	size_t index;
	json_t *entry;
	json_array_foreach(list, index, entry) {
		const char *rule, *file, *fingerprint;
		json_int_t count = 1;
		if (json_unpack_ex(entry, &json_error, 0, "{s:s, s:s, s:s, s?I}", "rule", &rule, "path", &file,
				   "fingerprint", &fingerprint, "count", &count) != 0 || count < 1) {
			*error = fl_xasprintf("%s: finding %zu: %s", path, index + 1,
					      count < 1 ? "count must be 1 or more" : json_error.text);
			fl_baseline_free(baseline);
			json_decref(root);
			return NULL;
		}
		baseline->items[baseline->count++] = (struct fl_baseline_entry){
			fl_xstrdup(rule), fl_xstrdup(file), fl_xstrdup(fingerprint), count };
	}
	json_decref(root);
	return baseline;
}

void fl_baseline_free(struct fl_baseline *baseline)
{
	if (!baseline)
		return;
	for (size_t i = 0; i < baseline->count; i++) {
		free(baseline->items[i].rule);
		free(baseline->items[i].path);
		free(baseline->items[i].fingerprint);
	}
	free(baseline->items);
	free(baseline);
}

struct fl_baseline_run {
	struct fl_baseline *baseline;
	const char *root;
};

/* A finding the baseline still has an unclaimed entry for is old: claim it. */
static bool fl_baseline_keep(struct fl_finding *finding, void *data)
{
	struct fl_baseline_run *run = data;
	char *relative = fl_project_relative(run->root, finding->loc.file);
	char *base = fl_base_of(finding->fingerprint);
	bool known = false;
	for (size_t j = 0; j < run->baseline->count && !known; j++) {
		struct fl_baseline_entry *entry = &run->baseline->items[j];
		if (entry->remaining > 0 && strcmp(entry->rule, finding->rule) == 0 &&
		    strcmp(entry->path, relative) == 0 && strcmp(entry->fingerprint, base) == 0) {
			entry->remaining--;
			known = true;
		}
	}
	free(relative);
	free(base);
	return !known;
}

size_t fl_baseline_filter(struct fl_baseline *baseline, struct fl_findings *findings, const char *root)
{
	struct fl_baseline_run run = { .baseline = baseline, .root = root };
	return fl_findings_keep(findings, fl_baseline_keep, &run);
}
