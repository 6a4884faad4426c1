/* Fingerprints (fingerprint.h). */
#include "report/fingerprint.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/project.h"
#include "util.h"

/* The whitespace-normalized line: no leading or trailing blanks, inner runs
 * of blanks as one space (re-indenting is an unrelated edit). */
static char *fl_normalize_line(const char *text)
{
	char *out = fl_xmalloc(strlen(text) + 1);
	size_t n = 0;
	bool space = false;
	for (const char *c = text; *c; c++) {
		if (isspace((unsigned char)*c)) {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = *c;
	}
	out[n] = '\0';
	return out;
}

void fl_fingerprint_base(const char *rule, const char *relative_path, const char *line_text,
			 const char *function, char out[33])
{
	char *line = fl_normalize_line(line_text ? line_text : "");
	const char *parts[] = { "fltlint-fingerprint-v1", rule ? rule : "", relative_path ? relative_path : "",
				line, function ? function : "" };
	EVP_MD_CTX *context = EVP_MD_CTX_new();
	EVP_DigestInit_ex(context, EVP_sha256(), NULL);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		EVP_DigestUpdate(context, parts[i], strlen(parts[i]) + 1); /* with the NUL: unambiguous */
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int length = 0;
	EVP_DigestFinal_ex(context, digest, &length);
	EVP_MD_CTX_free(context);
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
	free(line);
}

/* One file's lines, read once. */
struct fl_lines {
	char *path;
	char *text;
	size_t count;
	char **starts; /* NUL-terminated lines inside text */
	char *relative;
};

static struct fl_lines *fl_lines_get(struct fl_lines **cache, size_t *count, const char *path, const char *root)
{
	for (size_t i = 0; i < *count; i++)
		if (strcmp((*cache)[i].path, path) == 0)
			return &(*cache)[i];
	*cache = fl_xrealloc(*cache, (*count + 1) * sizeof(**cache));
	struct fl_lines *lines = &(*cache)[(*count)++];
	memset(lines, 0, sizeof(*lines));
	lines->path = fl_xstrdup(path);
	lines->relative = fl_project_relative(root, path);
	size_t length = 0;
	lines->text = path[0] ? fl_read_file(path, &length) : NULL;
	if (!lines->text)
		return lines;
	size_t capacity = 0;
	char *p = lines->text;
	for (;;) {
		FL_GROW(lines->starts, capacity, lines->count + 1);
		lines->starts[lines->count++] = p;
		char *newline = memchr(p, '\n', (size_t)(lines->text + length - p));
		if (!newline)
			break;
		*newline = '\0';
		if (newline > p && newline[-1] == '\r')
			newline[-1] = '\0';
		p = newline + 1;
	}
	return lines;
}

static bool fl_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* qsort has no context argument: the array being sorted by, for one call. */
static char (*fl_sort_bases)[33];

static int fl_base_cmp(const void *left, const void *right)
{
	size_t a = *(const size_t *)left, b = *(const size_t *)right;
	int order = strcmp(fl_sort_bases[a], fl_sort_bases[b]);
	return order ? order : (a > b) - (a < b);
}

void fl_fingerprint_findings(struct fl_findings *findings, const char *root)
{
	struct fl_lines *cache = NULL;
	size_t cached = 0;
	char (*bases)[33] = fl_xcalloc(findings->count ? findings->count : 1, sizeof(*bases));
	for (size_t i = 0; i < findings->count; i++) {
		struct fl_finding *finding = &findings->items[i];
		struct fl_lines *lines = fl_lines_get(&cache, &cached, finding->loc.file, root);
		const char *line = finding->loc.line && finding->loc.line <= lines->count
					   ? lines->starts[finding->loc.line - 1]
					   : "";
		fl_fingerprint_base(finding->rule, lines->relative, line, finding->function, bases[i]);
		/* The end of the identifier the finding points at. */
		size_t column = finding->loc.column;
		if (column && column <= strlen(line) && fl_ident(line[column - 1])) {
			size_t end = column - 1;
			while (line[end] && fl_ident(line[end]))
				end++;
			finding->end_line = finding->loc.line;
			finding->end_column = (unsigned)end + 1;
		}
	}
	/* Occurrence indices: the findings ordered by base, then report order. */
	size_t *order = fl_xcalloc(findings->count ? findings->count : 1, sizeof(*order));
	for (size_t i = 0; i < findings->count; i++)
		order[i] = i;
	fl_sort_bases = bases;
	qsort(order, findings->count, sizeof(*order), fl_base_cmp);
	unsigned occurrence = 0;
	for (size_t k = 0; k < findings->count; k++) {
		size_t i = order[k];
		occurrence = k && strcmp(bases[order[k - 1]], bases[i]) == 0 ? occurrence + 1 : 1;
		free(findings->items[i].fingerprint);
		findings->items[i].fingerprint = fl_xasprintf("%s:%u", bases[i], occurrence);
	}
	free(order);
	for (size_t i = 0; i < cached; i++) {
		free(cache[i].path);
		free(cache[i].text);
		free(cache[i].starts);
		free(cache[i].relative);
	}
	free(cache);
	free(bases);
}
