/* fltlint --fix and --fix --diff (fix.h). */
#include "cli/fix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "link/program.h"
#include "util.h"

#define FL_DIFF_CONTEXT 3

/* A fix chosen for applying, and what became of it. */
struct fl_chosen {
	const struct fl_finding *finding;
	const struct fl_fix *fix;
	bool dropped; /* conflicts with another, or its file cannot be changed */
};

/* One edit as byte offsets into its file's text. */
struct fl_placed {
	size_t start, end;
	const char *text;
	size_t chosen; /* index into the chosen fixes */
};

/* A file the chosen fixes change. */
struct fl_fix_file {
	const char *path;
	char *text;
	size_t length;
	size_t count, capacity;
	struct fl_placed *edits;
};

struct fl_fix_run {
	size_t chosen_count;
	struct fl_chosen *chosen;
	size_t file_count, file_capacity;
	struct fl_fix_file *files;
	FILE *log;
	bool failed;
};

/* The fix --fix applies for a finding: the preferred one. */
static const struct fl_fix *fl_fix_to_apply(const struct fl_finding *finding)
{
	for (size_t i = 0; i < finding->fix_count; i++)
		if (finding->fixes[i].preferred && finding->fixes[i].edit_count)
			return &finding->fixes[i];
	return NULL;
}

static const char *fl_parsed_hash(const struct fl_engine_result *result, const char *path)
{
	const struct fl_program *program = result->program;
	for (size_t i = 0; program && i < program->unit_count; i++)
		if (program->units[i].path && strcmp(program->units[i].path, path) == 0)
			return program->units[i].source_hash;
	return NULL;
}

/* The byte offset of 1-based (line, column) in `text`, or SIZE_MAX when the
 * text has no such place. */
static size_t fl_offset_of(const char *text, size_t length, unsigned line, unsigned column)
{
	size_t at = 0;
	for (unsigned l = 1; l < line; l++) {
		const char *newline = memchr(text + at, '\n', length - at);
		if (!newline)
			return SIZE_MAX;
		at = (size_t)(newline - text) + 1;
	}
	if (column < 1 || at + column - 1 > length)
		return SIZE_MAX;
	return at + column - 1;
}

/* Reads the file and checks it is the text the run parsed; NULL (said on
 * the log) when not. */
static struct fl_fix_file *fl_open_file(struct fl_fix_run *run, const struct fl_engine_result *result,
					const char *path)
{
	for (size_t i = 0; i < run->file_count; i++)
		if (strcmp(run->files[i].path, path) == 0)
			return run->files[i].text ? &run->files[i] : NULL;
	FL_GROW(run->files, run->file_capacity, run->file_count + 1);
	struct fl_fix_file *file = &run->files[run->file_count++];
	memset(file, 0, sizeof(*file));
	file->path = path;
	const char *parsed = fl_parsed_hash(result, path);
	if (!parsed) {
		fprintf(run->log, "fltlint: %s: not fixed: not the source file of a unit this run parsed\n", path);
		return NULL;
	}
	file->text = fl_read_file(path, &file->length);
	char hash[17] = "";
	if (file->text)
		snprintf(hash, sizeof(hash), "%016llx",
			 (unsigned long long)fl_fnv1a_add(FL_FNV1A_BASIS, file->text, file->length));
	if (!file->text || strcmp(hash, parsed) != 0) {
		fprintf(run->log, "fltlint: %s: not fixed: %s\n", path,
			file->text ? "the file changed since it was parsed" : strerror(errno));
		free(file->text);
		file->text = NULL;
		run->failed = true;
		return NULL;
	}
	return file;
}

/* Places every edit of the chosen fixes in its file; a fix with an edit
 * that cannot be placed is dropped. */
static void fl_place_edits(struct fl_fix_run *run, const struct fl_engine_result *result)
{
	for (size_t c = 0; c < run->chosen_count; c++) {
		const struct fl_fix *fix = run->chosen[c].fix;
		for (size_t e = 0; e < fix->edit_count && !run->chosen[c].dropped; e++) {
			const struct fl_edit *edit = &fix->edits[e];
			struct fl_fix_file *file = fl_open_file(run, result, edit->start.file);
			size_t start = file ? fl_offset_of(file->text, file->length, edit->start.line, edit->start.column)
					    : SIZE_MAX;
			size_t end = file ? fl_offset_of(file->text, file->length, edit->end_line, edit->end_column)
					  : SIZE_MAX;
			if (start == SIZE_MAX || end == SIZE_MAX || end < start) {
				run->chosen[c].dropped = true;
				break;
			}
			FL_GROW(file->edits, file->capacity, file->count + 1);
			file->edits[file->count++] = (struct fl_placed){ start, end, edit->text, c };
		}
	}
}

static int fl_placed_cmp(const void *left, const void *right)
{
	const struct fl_placed *a = left, *b = right;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return (a->chosen > b->chosen) - (a->chosen < b->chosen);
}

static bool fl_same_edit(const struct fl_placed *a, const struct fl_placed *b)
{
	return a->start == b->start && a->end == b->end && strcmp(a->text, b->text) == 0;
}

/* Whether two insertions at one place are both made, in the order of
 * their findings: when one rule made them, they add to one list (two names
 * appended to one alloc_text), and their order does not matter. */
static bool fl_insertions_accumulate(const struct fl_fix_run *run, const struct fl_placed *a,
				     const struct fl_placed *b)
{
	return a->start == a->end && b->start == b->end &&
	       strcmp(run->chosen[a->chosen].finding->rule, run->chosen[b->chosen].finding->rule) == 0;
}

/* Drops both fixes of every pair whose edits overlap (or insert at one
 * place, but for fl_insertions_accumulate: their order would be a guess);
 * the same edit made by two findings is made once. */
static void fl_drop_conflicts(struct fl_fix_run *run)
{
	for (size_t f = 0; f < run->file_count; f++) {
		struct fl_fix_file *file = &run->files[f];
		qsort(file->edits, file->count, sizeof(*file->edits), fl_placed_cmp);
		for (size_t i = 0; i + 1 < file->count; i++) {
			const struct fl_placed *a = &file->edits[i], *b = &file->edits[i + 1];
			if (a->chosen == b->chosen || fl_same_edit(a, b))
				continue;
			if (b->start < a->end || (b->start == a->start && !fl_insertions_accumulate(run, a, b))) {
				struct fl_chosen *one = &run->chosen[a->chosen], *other = &run->chosen[b->chosen];
				fprintf(run->log, "fltlint: %s:%u: not fixed: the fixes of %s and %s (line %u) overlap\n",
					file->path, one->finding->loc.line, one->finding->rule, other->finding->rule,
					other->finding->loc.line);
				one->dropped = other->dropped = true;
			}
		}
	}
}

/* The file's new text, from the edits of fixes not dropped. */
static char *fl_new_text(const struct fl_fix_run *run, const struct fl_fix_file *file, size_t *length)
{
	size_t size = file->length + 1, used = 0, at = 0;
	for (size_t i = 0; i < file->count; i++)
		size += strlen(file->edits[i].text);
	char *text = fl_xmalloc(size);
	for (size_t i = 0; i < file->count; i++) {
		const struct fl_placed *edit = &file->edits[i];
		if (run->chosen[edit->chosen].dropped || (i && fl_same_edit(edit, &file->edits[i - 1])))
			continue;
		memcpy(text + used, file->text + at, edit->start - at);
		used += edit->start - at;
		memcpy(text + used, edit->text, strlen(edit->text));
		used += strlen(edit->text);
		at = edit->end;
	}
	memcpy(text + used, file->text + at, file->length - at);
	used += file->length - at;
	text[used] = '\0';
	*length = used;
	return text;
}

/* Lines of `text`: the start of each, and one past the end. */
static size_t fl_split_lines(const char *text, size_t length, size_t **starts)
{
	size_t count = 0, capacity = 0;
	*starts = NULL;
	for (size_t at = 0; at < length;) {
		FL_GROW(*starts, capacity, count + 2);
		(*starts)[count++] = at;
		const char *newline = memchr(text + at, '\n', length - at);
		at = newline ? (size_t)(newline - text) + 1 : length;
	}
	FL_GROW(*starts, capacity, count + 1);
	(*starts)[count] = length;
	return count;
}

static bool fl_line_equal(const char *a, const size_t *a_starts, size_t i, const char *b, const size_t *b_starts,
			  size_t j)
{
	size_t a_length = a_starts[i + 1] - a_starts[i], b_length = b_starts[j + 1] - b_starts[j];
	return a_length == b_length && memcmp(a + a_starts[i], b + b_starts[j], a_length) == 0;
}

static void fl_diff_lines(FILE *out, char mark, const char *text, const size_t *starts, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		size_t length = starts[i + 1] - starts[i];
		fprintf(out, "%c%.*s", mark, (int)length, text + starts[i]);
		if (!length || text[starts[i] + length - 1] != '\n')
			fprintf(out, "\n\\ No newline at end of file\n");
	}
}

/* A unified diff of the file: one hunk from the first changed line to the
 * last, with context. */
static void fl_print_diff(FILE *out, const char *path, const char *old, size_t old_length, const char *new,
			  size_t new_length)
{
	size_t *a_starts, *b_starts;
	size_t a_count = fl_split_lines(old, old_length, &a_starts);
	size_t b_count = fl_split_lines(new, new_length, &b_starts);
	size_t prefix = 0, suffix = 0;
	while (prefix < a_count && prefix < b_count && fl_line_equal(old, a_starts, prefix, new, b_starts, prefix))
		prefix++;
	while (suffix < a_count - prefix && suffix < b_count - prefix &&
	       fl_line_equal(old, a_starts, a_count - 1 - suffix, new, b_starts, b_count - 1 - suffix))
		suffix++;
	size_t head = prefix > FL_DIFF_CONTEXT ? prefix - FL_DIFF_CONTEXT : 0;
	size_t tail = suffix > FL_DIFF_CONTEXT ? FL_DIFF_CONTEXT : suffix;
	size_t a_end = a_count - suffix + tail, b_end = b_count - suffix + tail;
	fprintf(out, "--- %s\n+++ %s\n", path, path);
	fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", a_end > head ? head + 1 : head, a_end - head,
		b_end > head ? head + 1 : head, b_end - head);
	fl_diff_lines(out, ' ', old, a_starts, head, prefix);
	fl_diff_lines(out, '-', old, a_starts, prefix, a_count - suffix);
	fl_diff_lines(out, '+', new, b_starts, prefix, b_count - suffix);
	fl_diff_lines(out, ' ', old, a_starts, a_count - suffix, a_end);
	free(a_starts);
	free(b_starts);
}

/* Writes `text` beside `path` and renames it over, keeping the file's mode. */
static int fl_replace_file(const char *path, const char *text, size_t length)
{
	struct stat info;
	if (stat(path, &info) != 0)
		return -1;
	char *temporary = fl_xasprintf("%s.fltlint-fix.XXXXXX", path);
	int fd = mkstemp(temporary);
	bool ok = fd >= 0 && fl_write_all(fd, text, length) && fchmod(fd, info.st_mode & 07777) == 0 &&
		  fsync(fd) == 0;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok && rename(temporary, path) != 0)
		ok = false;
	if (!ok && fd >= 0)
		unlink(temporary);
	free(temporary);
	return ok ? 0 : -1;
}

static void fl_finish_file(struct fl_fix_run *run, struct fl_fix_file *file, bool diff, FILE *out)
{
	size_t length;
	char *text = fl_new_text(run, file, &length);
	if (length == file->length && memcmp(text, file->text, length) == 0) {
		free(text);
		return;
	}
	if (diff) {
		fl_print_diff(out, file->path, file->text, file->length, text, length);
	} else if (fl_replace_file(file->path, text, length) != 0) {
		fprintf(run->log, "fltlint: %s: not fixed: cannot write it: %s\n", file->path, strerror(errno));
		run->failed = true;
	} else {
		for (size_t c = 0; c < run->chosen_count; c++) {
			const struct fl_chosen *chosen = &run->chosen[c];
			if (!chosen->dropped && strcmp(chosen->fix->edits[0].start.file, file->path) == 0)
				fprintf(out, "%s:%u: fixed [%s]: %s\n", file->path, chosen->finding->loc.line,
					chosen->finding->rule, chosen->fix->description);
		}
	}
	free(text);
}

int fl_fix_apply(const struct fl_engine_result *result, bool diff, FILE *out, FILE *log)
{
	struct fl_fix_run run = { .log = log };
	run.chosen = fl_xcalloc(result->findings.count + 1, sizeof(*run.chosen));
	for (size_t i = 0; i < result->findings.count; i++) {
		const struct fl_fix *fix = fl_fix_to_apply(&result->findings.items[i]);
		if (fix)
			run.chosen[run.chosen_count++] = (struct fl_chosen){ &result->findings.items[i], fix, false };
	}
	fl_place_edits(&run, result);
	fl_drop_conflicts(&run);
	for (size_t f = 0; f < run.file_count; f++)
		if (run.files[f].text)
			fl_finish_file(&run, &run.files[f], diff, out);
	for (size_t f = 0; f < run.file_count; f++) {
		free(run.files[f].text);
		free(run.files[f].edits);
	}
	free(run.files);
	free(run.chosen);
	return run.failed ? -1 : 0;
}
