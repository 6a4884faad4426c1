/* Inline suppressions (suppress.h): a line scanner that knows comments,
 * string literals, line continuations, preprocessor lines and `#if 0`.
 *
 * It reads text, not the preprocessed unit: that is what keeps it usable on
 * any file a finding lands in (headers included) without a parse, and what
 * limits it (docs/suppressions.md): only `#if 0` is known to be inactive. */
#include "report/suppress.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rule.h"
#include "util.h"

static struct fl_suppression *fl_suppression_add(struct fl_suppressions *out, enum fl_suppression_kind kind,
						 unsigned line, unsigned first, unsigned last)
{
	FL_GROW(out->items, out->capacity, out->count + 1);
	struct fl_suppression *item = &out->items[out->count++];
	memset(item, 0, sizeof(*item));
	item->kind = kind;
	item->line = line;
	item->first = first;
	item->last = last;
	return item;
}

static void fl_problem_add(struct fl_suppressions *out, unsigned line, char *message)
{
	FL_GROW(out->problems, out->problem_capacity, out->problem_count + 1);
	out->problems[out->problem_count++] = (struct fl_suppress_problem){ line, message };
}

static const char *fl_skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v'))
		p++;
	return p;
}

static bool fl_is_id_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/* ---- `fltlint:` comments ---- */

/* Parses the text of one comment, [p, end).  `code_before`: the line has
 * code before the comment (the suppression then covers this line, else the
 * next one). */
static void fl_parse_comment(struct fl_suppressions *out, const char *p, const char *end, unsigned line,
			     bool code_before)
{
	/* `fltlint:` at the start of the comment (after spaces and the `*` of
	 * a block comment's continuation), as NOLINT and noqa are written. */
	while (p < end && (*p == ' ' || *p == '\t' || *p == '*' || *p == '/' || *p == '!'))
		p++;
	static const char tag[] = "fltlint:";
	if ((size_t)(end - p) < sizeof(tag) - 1 || strncmp(p, tag, sizeof(tag) - 1) != 0)
		return;
	p = fl_skip_space(p + sizeof(tag) - 1, end);
	const char *word = p;
	while (p < end && fl_is_id_char(*p))
		p++;
	size_t word_length = (size_t)(p - word);
	enum fl_suppression_kind kind;
	if (word_length == 6 && strncmp(word, "ignore", 6) == 0) {
		kind = FL_SUPPRESS_LINE;
	} else if (word_length == 11 && strncmp(word, "ignore-file", 11) == 0) {
		kind = FL_SUPPRESS_FILE;
	} else {
		fl_problem_add(out, line, fl_xasprintf("malformed suppression: 'fltlint:' must be followed by "
						       "'ignore[rule-id,...]' or 'ignore-file[rule-id,...]'"));
		return;
	}
	struct fl_strv rules = { 0 };
	bool all = true;
	if (p < end && *p == '[') {
		all = false;
		p++;
		for (;;) {
			p = fl_skip_space(p, end);
			const char *id = p;
			while (p < end && fl_is_id_char(*p))
				p++;
			if (p > id)
				fl_strv_push_owned(&rules, fl_xstrndup(id, (size_t)(p - id)));
			p = fl_skip_space(p, end);
			if (p < end && *p == ',' && p > id) {
				p++;
				continue;
			}
			if (p < end && *p == ']' && rules.count) {
				p++;
				break;
			}
			fl_problem_add(out, line, fl_xasprintf("malformed suppression: want "
							       "'[rule-id, ...]' with at least one rule id"));
			fl_strv_free(&rules);
			return;
		}
	}
	p = fl_skip_space(p, end);
	char *reason = NULL;
	if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
		p = fl_skip_space(p + 2, end);
		const char *reason_end = end;
		/* A block comment's text ends at its `*` `/`, already cut. */
		while (reason_end > p && isspace((unsigned char)reason_end[-1]))
			reason_end--;
		reason = fl_utf8_repair(p, (size_t)(reason_end - p));
	} else if (p < end) {
		fl_problem_add(out, line, fl_xasprintf("malformed suppression: unexpected text after the rule "
						       "list (a reason goes after '--')"));
		fl_strv_free(&rules);
		return;
	}
	for (size_t i = 0; i < rules.count; i++)
		if (!fl_rule_find(rules.items[i]))
			fl_problem_add(out, line, fl_xasprintf("suppression names unknown rule '%s' "
							       "(see fltlint --list-rules)", rules.items[i]));
	unsigned first = kind == FL_SUPPRESS_FILE ? 1 : code_before ? line : line + 1;
	unsigned last = kind == FL_SUPPRESS_FILE ? UINT_MAX : first;
	struct fl_suppression *item = fl_suppression_add(out, kind, line, first, last);
	item->all_rules = all;
	item->rules = rules;
	item->rule_used = fl_xcalloc(rules.count ? rules.count : 1, sizeof(bool));
	item->reason = reason;
}

/* ---- #pragma warning / prefast ---- */

/* An open `disable` (per warning number), and the push stack. */
struct fl_pragma_state {
	size_t open_count, open_capacity;
	size_t *open;   /* indices of FL_SUPPRESS_MSVC_DISABLE items still open */
	size_t depth, depth_capacity;
	size_t *pushed; /* open_count at each push */
	size_t suppress_count, suppress_capacity;
	size_t *pending_suppress; /* suppress items waiting for their line */
};

static void fl_pragma_close(struct fl_suppressions *out, struct fl_pragma_state *state, size_t from,
			    int warning, unsigned line)
{
	size_t kept = from;
	for (size_t i = from; i < state->open_count; i++) {
		struct fl_suppression *item = &out->items[state->open[i]];
		if (warning == 0 || item->warning == warning)
			item->last = line;
		else
			state->open[kept++] = state->open[i];
	}
	state->open_count = kept;
}

/* The numbers after `suppress:` or `disable:`, to the next `;` or `)`.
 * prefast also allows `__WARNING_NAME` and a justification string: only
 * numbers can match a rule. */
static const char *fl_pragma_numbers(const char *p, const char *end, int *numbers, size_t *count,
				     size_t max, char **reason)
{
	*count = 0;
	while (p < end && *p != ';' && *p != ')') {
		if (isdigit((unsigned char)*p)) {
			long value = 0;
			while (p < end && isdigit((unsigned char)*p)) {
				if (value < 1000000)
					value = value * 10 + (*p - '0');
				p++;
			}
			if (*count < max && value > 0 && value < 1000000)
				numbers[(*count)++] = (int)value;
		} else if (*p == '"') {
			const char *start = ++p;
			while (p < end && *p != '"')
				p += (*p == '\\' && p + 1 < end) ? 2 : 1;
			if (reason && !*reason)
				*reason = fl_utf8_repair(start, (size_t)(p - start));
			if (p < end)
				p++;
		} else {
			p++;
		}
	}
	return p;
}

/* `warning(...)` or `prefast(...)`: [p, end) is what follows the pragma's
 * name and its `(`. */
static void fl_parse_pragma_body(struct fl_suppressions *out, struct fl_pragma_state *state, const char *p,
				 const char *end, unsigned line)
{
	while (p < end && *p != ')') {
		p = fl_skip_space(p, end);
		const char *word = p;
		while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		size_t length = (size_t)(p - word);
		p = fl_skip_space(p, end);
		if (length == 4 && strncmp(word, "push", 4) == 0) {
			FL_GROW(state->pushed, state->depth_capacity, state->depth + 1);
			state->pushed[state->depth++] = state->open_count;
		} else if (length == 3 && strncmp(word, "pop", 3) == 0) {
			if (state->depth)
				fl_pragma_close(out, state, state->pushed[--state->depth], 0, line);
		} else if (p < end && *p == ':') {
			int numbers[64];
			size_t count;
			char *reason = NULL;
			p = fl_pragma_numbers(p + 1, end, numbers, &count, 64, &reason);
			bool suppress = length == 8 && strncmp(word, "suppress", 8) == 0;
			bool disable = length == 7 && strncmp(word, "disable", 7) == 0;
			bool reset = (length == 7 && strncmp(word, "default", 7) == 0) ||
				     (length == 5 && strncmp(word, "error", 5) == 0) ||
				     (length == 4 && strncmp(word, "once", 4) == 0) ||
				     (length == 1 && isdigit((unsigned char)word[0]));
			for (size_t i = 0; i < count; i++) {
				if (suppress) {
					struct fl_suppression *item = fl_suppression_add(
						out, FL_SUPPRESS_MSVC_SUPPRESS, line, 0, 0);
					item->warning = numbers[i];
					item->reason = i == 0 ? fl_xstrdup(reason) : NULL;
					FL_GROW(state->pending_suppress, state->suppress_capacity,
						state->suppress_count + 1);
					state->pending_suppress[state->suppress_count++] = out->count - 1;
				} else if (disable) {
					struct fl_suppression *item = fl_suppression_add(
						out, FL_SUPPRESS_MSVC_DISABLE, line, line + 1, UINT_MAX);
					item->warning = numbers[i];
					FL_GROW(state->open, state->open_capacity, state->open_count + 1);
					state->open[state->open_count++] = out->count - 1;
				} else if (reset) {
					fl_pragma_close(out, state, 0, numbers[i], line);
				}
			}
			free(reason);
		}
		/* To the next specifier, or past a `push, n` level. */
		while (p < end && *p != ';' && *p != ')')
			p++;
		if (p < end && *p == ';')
			p++;
	}
}

/* A preprocessor line without its `#`, comments already removed. */
static bool fl_directive_is(const char **p, const char *end, const char *name)
{
	size_t length = strlen(name);
	if ((size_t)(end - *p) < length || strncmp(*p, name, length) != 0)
		return false;
	if (*p + length < end && (isalnum((unsigned char)(*p)[length]) || (*p)[length] == '_'))
		return false;
	*p = fl_skip_space(*p + length, end);
	return true;
}

/* ---- the line scanner ---- */

/* One `#if` level: whether its current branch is known to be inactive
 * (`#if 0`), and whether the level it sits in is. */
struct fl_if_frame {
	bool dead;        /* this branch is `#if 0` */
	bool parent_dead;
	bool zero;        /* the level opened with `#if 0` */
};

struct fl_scan {
	struct fl_suppressions *out;
	struct fl_pragma_state pragmas;
	struct fl_if_frame *frames;
	size_t depth, capacity;
	bool in_block_comment;
};

static bool fl_scan_dead(const struct fl_scan *scan)
{
	return scan->depth && (scan->frames[scan->depth - 1].dead || scan->frames[scan->depth - 1].parent_dead);
}

/* A preprocessor line, comments stripped: [p, end) after the `#`. */
static void fl_scan_directive(struct fl_scan *scan, const char *p, const char *end, unsigned line)
{
	p = fl_skip_space(p, end);
	if (fl_directive_is(&p, end, "if") || fl_directive_is(&p, end, "ifdef") ||
	    fl_directive_is(&p, end, "ifndef")) {
		bool zero = end - p >= 1 && p[0] == '0' && (end - p == 1 || !isalnum((unsigned char)p[1]));
		/* `#ifdef 0` is not `#if 0`; both start a level. */
		FL_GROW(scan->frames, scan->capacity, scan->depth + 1);
		scan->frames[scan->depth] = (struct fl_if_frame){ zero, fl_scan_dead(scan), zero };
		scan->depth++;
	} else if (fl_directive_is(&p, end, "elif") || fl_directive_is(&p, end, "elifdef") ||
		   fl_directive_is(&p, end, "elifndef")) {
		if (scan->depth)
			scan->frames[scan->depth - 1].dead = false; /* unknown: taken as active */
	} else if (fl_directive_is(&p, end, "else")) {
		if (scan->depth)
			scan->frames[scan->depth - 1].dead = false;
	} else if (fl_directive_is(&p, end, "endif")) {
		if (scan->depth)
			scan->depth--;
	} else if (!fl_scan_dead(scan) && fl_directive_is(&p, end, "pragma")) {
		if (fl_directive_is(&p, end, "warning") || fl_directive_is(&p, end, "prefast")) {
			if (p < end && *p == '(')
				fl_parse_pragma_body(scan->out, &scan->pragmas, p + 1, end, line);
		}
	}
}

/* Settles the `suppress` pragmas waiting for a line: the first line after
 * them that is not itself a pragma. */
static void fl_scan_settle_suppress(struct fl_scan *scan, unsigned line)
{
	for (size_t i = 0; i < scan->pragmas.suppress_count; i++) {
		struct fl_suppression *item = &scan->out->items[scan->pragmas.pending_suppress[i]];
		item->first = item->last = line;
	}
	scan->pragmas.suppress_count = 0;
}

struct fl_suppressions *fl_suppressions_parse(const char *text, size_t length)
{
	struct fl_suppressions *out = fl_xcalloc(1, sizeof(*out));
	struct fl_scan scan = { .out = out };
	const char *p = text, *end = text + length;
	unsigned line = 1;
	/* The current logical preprocessor line, comments removed. */
	char *directive = NULL;
	size_t directive_length = 0, directive_capacity = 0;
	unsigned directive_line = 0;

	while (p < end) {
		const char *line_end = memchr(p, '\n', (size_t)(end - p));
		if (!line_end)
			line_end = end;
		const char *q = p;
		bool code_before = false;
		bool continuing = directive_line != 0;
		if (!continuing && !scan.in_block_comment) {
			const char *first = fl_skip_space(q, line_end);
			if (first < line_end && *first == '#') {
				directive_line = line;
				directive_length = 0;
				q = first + 1;
				continuing = true;
			}
		}
		while (q < line_end) {
			if (scan.in_block_comment) {
				const char *close = NULL;
				for (const char *c = q; c + 1 < line_end; c++)
					if (c[0] == '*' && c[1] == '/') {
						close = c;
						break;
					}
				const char *stop = close ? close : line_end;
				if (!continuing && !fl_scan_dead(&scan))
					fl_parse_comment(out, q, stop, line, code_before);
				if (!close) {
					q = line_end;
					break;
				}
				scan.in_block_comment = false;
				q = close + 2;
				continue;
			}
			char c = *q;
			if (c == '/' && q + 1 < line_end && q[1] == '/') {
				if (!continuing && !fl_scan_dead(&scan))
					fl_parse_comment(out, q + 2, line_end, line, code_before);
				q = line_end;
				break;
			}
			if (c == '/' && q + 1 < line_end && q[1] == '*') {
				scan.in_block_comment = true;
				q += 2;
				continue;
			}
			if (c == '"' || c == '\'') {
				const char *start = q++;
				while (q < line_end && *q != c)
					q += (*q == '\\' && q + 1 < line_end) ? 2 : 1;
				if (q < line_end)
					q++;
				if (continuing) {
					FL_GROW(directive, directive_capacity, directive_length + (size_t)(q - start) + 1);
					memcpy(directive + directive_length, start, (size_t)(q - start));
					directive_length += (size_t)(q - start);
				}
				code_before = true;
				continue;
			}
			if (!isspace((unsigned char)c))
				code_before = true;
			if (continuing) {
				FL_GROW(directive, directive_capacity, directive_length + 2);
				directive[directive_length++] = c;
			}
			q++;
		}
		/* A preprocessor line ends where no backslash continues it. */
		if (continuing) {
			size_t trimmed = directive_length;
			while (trimmed && isspace((unsigned char)directive[trimmed - 1]))
				trimmed--;
			if (trimmed && directive[trimmed - 1] == '\\') {
				directive_length = trimmed - 1;
				FL_GROW(directive, directive_capacity, directive_length + 2);
				directive[directive_length++] = ' ';
			} else {
				fl_scan_directive(&scan, directive ? directive : "", (directive ? directive : "") + directive_length,
						  directive_line);
				directive_line = 0;
			}
		} else if (code_before && !scan.in_block_comment) {
			fl_scan_settle_suppress(&scan, line);
		}
		p = line_end < end ? line_end + 1 : end;
		line++;
	}
	/* A `suppress` at the very end of a file covers nothing. */
	for (size_t i = 0; i < scan.pragmas.suppress_count; i++) {
		struct fl_suppression *item = &out->items[scan.pragmas.pending_suppress[i]];
		item->first = item->last = line;
	}
	free(directive);
	free(scan.frames);
	free(scan.pragmas.open);
	free(scan.pragmas.pushed);
	free(scan.pragmas.pending_suppress);
	return out;
}

void fl_suppressions_free(struct fl_suppressions *suppressions)
{
	if (!suppressions)
		return;
	for (size_t i = 0; i < suppressions->count; i++) {
		fl_strv_free(&suppressions->items[i].rules);
		free(suppressions->items[i].rule_used);
		free(suppressions->items[i].reason);
	}
	for (size_t i = 0; i < suppressions->problem_count; i++)
		free(suppressions->problems[i].message);
	free(suppressions->items);
	free(suppressions->problems);
	free(suppressions);
}

bool fl_suppressions_match(struct fl_suppressions *suppressions, const char *rule_id, int msvc_warning,
			   unsigned line)
{
	bool matched = false;
	for (size_t i = 0; i < suppressions->count; i++) {
		struct fl_suppression *item = &suppressions->items[i];
		if (line < item->first || line > item->last)
			continue;
		if (item->warning) {
			if (msvc_warning && item->warning == msvc_warning) {
				item->used = true;
				matched = true;
			}
			continue;
		}
		if (item->all_rules) {
			item->used = item->rule_used[0] = true;
			matched = true;
			continue;
		}
		for (size_t r = 0; r < item->rules.count; r++) {
			if (strcmp(item->rules.items[r], rule_id) == 0) {
				item->used = item->rule_used[r] = true;
				matched = true;
			}
		}
	}
	return matched;
}

/* ---- applying them to a run's findings ---- */

struct fl_suppress_file {
	char *path;        /* as the findings name it */
	dev_t device;
	ino_t inode;
	struct fl_suppressions *suppressions; /* NULL when unreadable */
};

struct fl_suppress_files {
	size_t count, capacity;
	struct fl_suppress_file *items;
};

static bool fl_is_inf(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (fl_str_iequal(dot, ".inf") || fl_str_iequal(dot, ".inx"));
}

/* An INF's `;` comments as `//` ones, lines kept, so that
 * `; fltlint: ignore[inf-sample-altitude]` reads like the C form.  Text in
 * double quotes is not a comment.  (UTF-16 INFs are not read.) */
static char *fl_inf_comments_as_c(char *text, size_t *length)
{
	char *out = fl_xmalloc(*length * 2 + 1);
	size_t n = 0;
	bool quoted = false, comment = false;
	for (size_t i = 0; i < *length; i++) {
		char c = text[i];
		if (c == '\n') {
			quoted = comment = false;
		} else if (!comment && c == '"') {
			quoted = !quoted;
		} else if (!comment && !quoted && c == ';') {
			comment = true;
			out[n++] = '/';
			c = '/';
		}
		out[n++] = c;
	}
	out[n] = '\0';
	free(text);
	*length = n;
	return out;
}

/* The file's suppressions, read once per file (by identity: a finding may
 * name a header by another spelling than a unit's include list). */
static struct fl_suppress_file *fl_suppress_file_get(struct fl_suppress_files *files, const char *path)
{
	struct stat info;
	bool known = path && path[0] && stat(path, &info) == 0 && S_ISREG(info.st_mode);
	for (size_t i = 0; i < files->count; i++) {
		struct fl_suppress_file *file = &files->items[i];
		if (strcmp(file->path, path ? path : "") == 0 ||
		    (known && file->device == info.st_dev && file->inode == info.st_ino))
			return file;
	}
	FL_GROW(files->items, files->capacity, files->count + 1);
	struct fl_suppress_file *file = &files->items[files->count++];
	memset(file, 0, sizeof(*file));
	file->path = fl_xstrdup(path ? path : "");
	if (known) {
		file->device = info.st_dev;
		file->inode = info.st_ino;
		size_t length = 0;
		char *text = fl_read_file(path, &length);
		if (text && fl_is_inf(path))
			text = fl_inf_comments_as_c(text, &length);
		if (text)
			file->suppressions = fl_suppressions_parse(text, length);
		free(text);
	}
	return file;
}

static void fl_report_unused(struct fl_findings *findings, const struct fl_rule *rule,
			     const struct fl_suppress_file *file)
{
	const struct fl_suppressions *s = file->suppressions;
	if (!s)
		return;
	for (size_t i = 0; i < s->problem_count; i++) {
		struct fl_loc loc = { file->path, s->problems[i].line, 1 };
		fl_report(findings, rule, rule->severity, &loc, "%s", s->problems[i].message);
	}
	for (size_t i = 0; i < s->count; i++) {
		const struct fl_suppression *item = &s->items[i];
		if (item->kind != FL_SUPPRESS_LINE && item->kind != FL_SUPPRESS_FILE)
			continue;
		struct fl_loc loc = { file->path, item->line, 1 };
		const char *form = item->kind == FL_SUPPRESS_FILE ? "ignore-file" : "ignore";
		if (item->all_rules && !item->rule_used[0]) {
			fl_report(findings, rule, rule->severity, &loc, "unused suppression: '%s' suppresses nothing",
				  form);
			continue;
		}
		for (size_t r = 0; r < item->rules.count; r++)
			if (!item->rule_used[r] && fl_rule_find(item->rules.items[r]))
				fl_report(findings, rule, rule->severity, &loc,
					  "unused suppression: no '%s' finding here to suppress", item->rules.items[r]);
	}
}

/* Keeps a finding no suppression in its file covers. */
static bool fl_suppress_keep(struct fl_finding *finding, void *data)
{
	struct fl_suppress_file *file = fl_suppress_file_get(data, finding->loc.file);
	const struct fl_rule *rule = fl_rule_find(finding->rule);
	return !(file->suppressions && finding->loc.line &&
		 fl_suppressions_match(file->suppressions, finding->rule, rule ? rule->msvc_warning : 0,
				       finding->loc.line));
}

size_t fl_suppress_apply(struct fl_findings *findings, const struct fl_strv *more_files,
			 const struct fl_rule *unused_rule)
{
	struct fl_suppress_files files = { 0 };
	size_t removed = fl_findings_keep(findings, fl_suppress_keep, &files);
	if (unused_rule) {
		for (size_t i = 0; more_files && i < more_files->count; i++)
			fl_suppress_file_get(&files, more_files->items[i]);
		for (size_t i = 0; i < files.count; i++)
			fl_report_unused(findings, unused_rule, &files.items[i]);
		fl_findings_sort(findings);
	}
	for (size_t i = 0; i < files.count; i++) {
		free(files.items[i].path);
		fl_suppressions_free(files.items[i].suppressions);
	}
	free(files.items);
	return removed;
}
