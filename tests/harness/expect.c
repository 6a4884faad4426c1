/* Inline expectations and the verifier (expect.h).
 *
 * The grammar is small on purpose (like clang's -verify and CodeQL's inline
 * expectations): a directive is a comment at the end of the line it
 * concerns.  What looks like a directive but does not parse is reported, not
 * skipped, so that a typo cannot turn a fixture into a test of nothing. */
#include "expect.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "util.h"

static const char *const fl_mismatch_names[FL_MISMATCH_KIND_COUNT] = {
	[FL_MISMATCH_UNEXPECTED] = "unexpected",
	[FL_MISMATCH_MISSING] = "missing",
	[FL_MISMATCH_PARSE_ERROR] = "parse-error",
	[FL_MISMATCH_MISSING_ERROR] = "missing-error",
	[FL_MISMATCH_KNOWN_MISS_FOUND] = "known-miss-found",
	[FL_MISMATCH_UNKNOWN_RULE] = "unknown-rule",
	[FL_MISMATCH_MALFORMED] = "malformed",
	[FL_MISMATCH_WRONG_SEVERITY] = "wrong-severity",
	[FL_MISMATCH_WRONG_MESSAGE] = "wrong-message",
};

const char *fl_mismatch_kind_name(enum fl_mismatch_kind kind)
{
	return (unsigned)kind < FL_MISMATCH_KIND_COUNT ? fl_mismatch_names[kind] : "unknown";
}

int fl_mismatch_kind_parse(const char *name, enum fl_mismatch_kind *out)
{
	for (int i = 0; i < FL_MISMATCH_KIND_COUNT; i++) {
		if (strcmp(name, fl_mismatch_names[i]) == 0) {
			*out = (enum fl_mismatch_kind)i;
			return 0;
		}
	}
	return -1;
}

static void fl_mismatch_add(struct fl_mismatches *out, enum fl_mismatch_kind kind, const char *file,
			    unsigned line, const char *format, ...) __attribute__((format(printf, 5, 6)));

static void fl_mismatch_add(struct fl_mismatches *out, enum fl_mismatch_kind kind, const char *file,
			    unsigned line, const char *format, ...)
{
	FL_GROW(out->items, out->capacity, out->count + 1);
	struct fl_mismatch *mismatch = &out->items[out->count++];
	mismatch->kind = kind;
	if (!file)
		file = "";
	mismatch->file = fl_utf8_repair(file, strlen(file));
	mismatch->line = line;
	va_list args;
	va_start(args, format);
	char *detail = fl_xvasprintf(format, args);
	va_end(args);
	char *text = line ? fl_xasprintf("%s:%u: %s", file, line, detail)
			  : fl_xasprintf("%s: %s", file, detail);
	/* Fixture text is bytes: a message must still print as UTF-8. */
	mismatch->text = fl_utf8_repair(text, strlen(text));
	free(text);
	free(detail);
}

void fl_mismatches_free(struct fl_mismatches *mismatches)
{
	if (!mismatches)
		return;
	for (size_t i = 0; i < mismatches->count; i++) {
		free(mismatches->items[i].file);
		free(mismatches->items[i].text);
	}
	free(mismatches->items);
	memset(mismatches, 0, sizeof(*mismatches));
}

enum fl_expect_syntax fl_expect_syntax_for(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && (fl_str_iequal(dot, ".inf") || fl_str_iequal(dot, ".inx")))
		return FL_EXPECT_SYNTAX_INF;
	return FL_EXPECT_SYNTAX_C;
}

/* One line of the fixture, not NUL-terminated: [at, end). */
struct fl_span {
	const char *at;
	const char *end;
};

static void fl_span_trim(struct fl_span *span)
{
	while (span->at < span->end && (*span->at == ' ' || *span->at == '\t'))
		span->at++;
	while (span->end > span->at &&
	       (span->end[-1] == ' ' || span->end[-1] == '\t' || span->end[-1] == '\r'))
		span->end--;
}

/* Consumes `word` at the start of `span`. */
static bool fl_span_take(struct fl_span *span, const char *word)
{
	size_t length = strlen(word);
	if ((size_t)(span->end - span->at) < length || memcmp(span->at, word, length) != 0)
		return false;
	span->at += length;
	return true;
}

static bool fl_is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static bool fl_is_rule_id(struct fl_span item)
{
	if (item.at == item.end)
		return false;
	for (const char *c = item.at; c < item.end; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return false;
	return true;
}

static bool fl_known_rule(const char *id)
{
	return fl_rule_find(id) != NULL;
}

struct fl_parse {
	struct fl_expectations *out;
	unsigned line;
	bool (*known_rule)(const char *id);
};

static void fl_expect_add(struct fl_parse *parse, enum fl_expect_kind kind, char *rule,
			  int severity, char *fragment)
{
	struct fl_expectations *out = parse->out;
	FL_GROW(out->items, out->capacity, out->count + 1);
	out->items[out->count++] = (struct fl_expectation){kind, rule, parse->line, severity, fragment};
}

/* One item of a list: an id and, where the directive allows them (`expect:`),
 * a severity and a "message fragment". */
struct fl_item {
	const char *id;
	int severity;         /* enum fl_severity, or -1: any */
	const char *fragment; /* NULL: any message */
};

/* Reads `item` (trimmed) as `id [severity] ["fragment"]`; false when it is
 * not one, or has details `details` does not allow. */
static bool fl_item_read(struct fl_span item, bool details, char **id, int *severity, char **fragment)
{
	struct fl_span word = {item.at, item.at};
	while (word.end < item.end && ((*word.end >= 'a' && *word.end <= 'z') ||
				       (*word.end >= '0' && *word.end <= '9') || *word.end == '-'))
		word.end++;
	if (!fl_is_rule_id(word))
		return false;
	struct fl_span rest = {word.end, item.end};
	fl_span_trim(&rest);
	if (rest.at == rest.end) {
		*id = fl_xstrndup(word.at, (size_t)(word.end - word.at));
		return true;
	}
	if (!details || rest.at == word.end)
		return false;
	int level = -1;
	static const char *const names[] = {"note", "warning", "error"};
	for (int n = 0; n < 3; n++) {
		size_t length = strlen(names[n]);
		if ((size_t)(rest.end - rest.at) >= length && memcmp(rest.at, names[n], length) == 0 &&
		    (rest.at + length == rest.end || !fl_is_word_char(rest.at[length]))) {
			level = n;
			rest.at += length;
			fl_span_trim(&rest);
			break;
		}
	}
	const char *quote_end = NULL;
	if (rest.at < rest.end && *rest.at == '"') {
		quote_end = memchr(rest.at + 1, '"', (size_t)(rest.end - rest.at - 1));
		if (!quote_end || quote_end == rest.at + 1 || quote_end + 1 != rest.end)
			return false; /* unclosed, empty, or followed by more */
	} else if (rest.at != rest.end) {
		return false;
	}
	*id = fl_xstrndup(word.at, (size_t)(word.end - word.at));
	*severity = level;
	*fragment = quote_end ? fl_xstrndup(rest.at + 1, (size_t)(quote_end - rest.at - 1)) : NULL;
	return true;
}

/* Calls `each` on every comma-separated item of `list` (a comma inside a
 * "fragment" separates nothing); false (and a malformed problem) when the
 * list is empty or an item does not read (fl_item_read). */
static bool fl_each_item(struct fl_parse *parse, struct fl_span list, const char *directive, bool details,
			 void (*each)(struct fl_parse *parse, const struct fl_item *item))
{
	fl_span_trim(&list);
	if (list.at == list.end) {
		fl_mismatch_add(&parse->out->problems, FL_MISMATCH_MALFORMED, parse->out->file,
				parse->line, "malformed expectation: nothing after '%s:'", directive);
		return false;
	}
	while (list.at <= list.end) {
		const char *comma = list.at;
		for (bool quoted = false; comma < list.end && (quoted || *comma != ','); comma++)
			quoted ^= *comma == '"';
		struct fl_span span = {list.at, comma};
		fl_span_trim(&span);
		char *id = NULL, *fragment = NULL;
		int severity = -1;
		if (!fl_item_read(span, details, &id, &severity, &fragment)) {
			char *shown = fl_xstrndup(span.at, (size_t)(span.end - span.at));
			fl_mismatch_add(&parse->out->problems, FL_MISMATCH_MALFORMED, parse->out->file,
					parse->line, "malformed expectation: '%s' in '%s:' is not %s", shown,
					directive,
					details ? "a lower-case id, then optionally note, warning or error, "
						  "then optionally a \"message fragment\""
						: "a lower-case id");
			free(shown);
			return false;
		}
		struct fl_item item = {id, severity, fragment};
		each(parse, &item);
		free(id);
		free(fragment);
		if (comma == list.end)
			break;
		list.at = comma + 1;
	}
	return true;
}

static void fl_each_rule(struct fl_parse *parse, const struct fl_item *item, enum fl_expect_kind kind)
{
	if (!parse->known_rule(item->id)) {
		fl_mismatch_add(&parse->out->problems, FL_MISMATCH_UNKNOWN_RULE, parse->out->file,
				parse->line, "unknown rule '%s' in expectation", item->id);
		return;
	}
	fl_expect_add(parse, kind, fl_xstrdup(item->id), item->severity,
		      item->fragment ? fl_xstrdup(item->fragment) : NULL);
}

static void fl_each_finding(struct fl_parse *parse, const struct fl_item *item)
{
	fl_each_rule(parse, item, FL_EXPECT_FINDING);
}

static void fl_each_miss(struct fl_parse *parse, const struct fl_item *item)
{
	fl_each_rule(parse, item, FL_EXPECT_MISS);
}

static void fl_each_rejected(struct fl_parse *parse, const struct fl_item *item)
{
	const char *name = item->id;
	enum fl_mismatch_kind kind;
	if (fl_mismatch_kind_parse(name, &kind) == 0)
		parse->out->harness_rejects |= 1u << kind;
	else
		fl_mismatch_add(&parse->out->problems, FL_MISMATCH_MALFORMED, parse->out->file,
				parse->line, "malformed expectation: no mismatch kind '%s'", name);
}

static void fl_each_run_option(struct fl_parse *parse, const struct fl_item *item)
{
	if (strcmp(item->id, "report-unused-suppressions") == 0)
		parse->out->report_unused_suppressions = true;
	else
		fl_mismatch_add(&parse->out->problems, FL_MISMATCH_MALFORMED, parse->out->file,
				parse->line, "malformed expectation: no harness-run option '%s'", item->id);
}

/* Reads the directive that starts `rest` (the text after a comment marker
 * and its blanks).  Returns false when `rest` is no directive at all. */
static bool fl_directive(struct fl_parse *parse, struct fl_span rest)
{
	if (fl_span_take(&rest, "harness-rejects")) {
		fl_span_trim(&rest);
		if (!fl_span_take(&rest, ":")) {
			fl_mismatch_add(&parse->out->problems, FL_MISMATCH_MALFORMED,
					parse->out->file, parse->line,
					"malformed expectation: 'harness-rejects' needs ':'");
		} else if (parse->line != 1) {
			fl_mismatch_add(&parse->out->problems, FL_MISMATCH_MALFORMED,
					parse->out->file, parse->line,
					"malformed expectation: 'harness-rejects:' belongs on line 1");
		} else {
			fl_each_item(parse, rest, "harness-rejects", false, fl_each_rejected);
		}
		return true;
	}
	if (fl_span_take(&rest, "harness-run")) {
		fl_span_trim(&rest);
		if (fl_span_take(&rest, ":"))
			fl_each_item(parse, rest, "harness-run", false, fl_each_run_option);
		else
			fl_mismatch_add(&parse->out->problems, FL_MISMATCH_MALFORMED, parse->out->file,
					parse->line, "malformed expectation: 'harness-run' needs ':'");
		return true;
	}
	if (!fl_span_take(&rest, "expect"))
		return false;
	if (rest.at < rest.end && *rest.at == '-') {
		struct fl_span word = {rest.at, rest.at};
		while (word.end < rest.end && fl_is_word_char(*word.end))
			word.end++;
		size_t length = (size_t)(word.end - word.at);
		rest.at = word.end;
		if (length == 6 && memcmp(word.at, "-error", 6) == 0) {
			/* Anything after it (": expected ';'") is a note to readers. */
			fl_expect_add(parse, FL_EXPECT_ERROR, NULL, -1, NULL);
		} else if (length == 5 && memcmp(word.at, "-miss", 5) == 0) {
			fl_span_trim(&rest);
			if (fl_span_take(&rest, ":"))
				fl_each_item(parse, rest, "expect-miss", false, fl_each_miss);
			else
				fl_mismatch_add(&parse->out->problems, FL_MISMATCH_MALFORMED,
						parse->out->file, parse->line,
						"malformed expectation: 'expect-miss' needs ':'");
		} else {
			char *shown = fl_xstrndup(word.at, length);
			fl_mismatch_add(&parse->out->problems, FL_MISMATCH_MALFORMED,
					parse->out->file, parse->line,
					"malformed expectation: unknown directive 'expect%s'", shown);
			free(shown);
		}
		return true;
	}
	/* "expected", "expects": prose, not a directive. */
	if (rest.at < rest.end && fl_is_word_char(*rest.at))
		return false;
	fl_span_trim(&rest);
	if (!fl_span_take(&rest, ":"))
		return false; /* "// expect the worst" */
	fl_each_item(parse, rest, "expect", true, fl_each_finding);
	return true;
}

/* Finds the first comment on the line that holds a directive. */
static void fl_parse_line(struct fl_parse *parse, struct fl_span line, enum fl_expect_syntax syntax)
{
	const char *marker = syntax == FL_EXPECT_SYNTAX_INF ? ";" : "//";
	size_t marker_length = strlen(marker);
	for (const char *at = line.at; at + marker_length <= line.end; at++) {
		if (memcmp(at, marker, marker_length) != 0)
			continue;
		struct fl_span rest = {at + marker_length, line.end};
		while (rest.at < rest.end && (*rest.at == '/' || *rest.at == ' ' || *rest.at == '\t'))
			rest.at++; /* "/// expect:" and "//  expect:" alike */
		if (fl_directive(parse, rest))
			return;
	}
}

void fl_expect_parse(struct fl_expectations *out, const char *file, const char *text,
		     size_t length, enum fl_expect_syntax syntax,
		     bool (*known_rule)(const char *id))
{
	out->file = fl_xstrdup(file);
	struct fl_parse parse = {out, 1, known_rule ? known_rule : fl_known_rule};
	const char *end = text + length;
	for (const char *at = text; at < end; parse.line++) {
		const char *newline = memchr(at, '\n', (size_t)(end - at));
		struct fl_span line = {at, newline ? newline : end};
		fl_parse_line(&parse, line, syntax);
		if (!newline || parse.line == UINT_MAX)
			break;
		at = newline + 1;
	}
}

void fl_expectations_free(struct fl_expectations *expectations)
{
	if (!expectations)
		return;
	free(expectations->file);
	for (size_t i = 0; i < expectations->count; i++) {
		free(expectations->items[i].rule);
		free(expectations->items[i].fragment);
	}
	free(expectations->items);
	fl_mismatches_free(&expectations->problems);
	memset(expectations, 0, sizeof(*expectations));
}

/* The file a path names, spelled one way: findings name headers as clang
 * reached them ("dir/./x.h"), fixtures as the walk found them. */
static char *fl_canonical(const char *path)
{
	if (!path)
		path = "";
	char *resolved = realpath(path, NULL);
	const char *name = resolved ? resolved : path;
	char *clean = fl_utf8_repair(name, strlen(name));
	free(resolved);
	return clean;
}

static int fl_mismatch_cmp(const void *left, const void *right)
{
	const struct fl_mismatch *a = left, *b = right;
	int order = strcmp(a->file, b->file);
	if (!order)
		order = (a->line > b->line) - (a->line < b->line);
	if (!order)
		order = (a->kind > b->kind) - (a->kind < b->kind);
	if (!order)
		order = strcmp(a->text, b->text);
	return order;
}

/* Whether `finding` (of the expectation's rule, on its line) has the
 * severity and the message fragment the expectation states. */
static bool fl_expectation_fits(const struct fl_expectation *expectation, const struct fl_finding *finding)
{
	if (expectation->severity >= 0 && (int)finding->severity != expectation->severity)
		return false;
	return !expectation->fragment || strstr(finding->message, expectation->fragment);
}

void fl_expect_verify(const struct fl_expectations *files, size_t file_count,
		      const struct fl_findings *findings, const struct fl_input_errors *errors,
		      struct fl_mismatches *out)
{
	char **canonical = fl_xcalloc(file_count, sizeof(*canonical));
	bool **met = fl_xcalloc(file_count, sizeof(*met));
	for (size_t f = 0; f < file_count; f++) {
		canonical[f] = fl_canonical(files[f].file);
		met[f] = fl_xcalloc(files[f].count, sizeof(**met));
	}

	for (size_t i = 0; i < findings->count; i++) {
		const struct fl_finding *finding = &findings->items[i];
		char *file = fl_canonical(finding->loc.file);
		bool expected = false, known_miss = false;
		/* An expectation of this rule on this line that the finding does
		 * not satisfy: its severity or its fragment is wrong. */
		const struct fl_expectation *near = NULL;
		bool *near_met = NULL;
		for (size_t f = 0; f < file_count; f++) {
			if (strcmp(canonical[f], file) != 0)
				continue;
			for (size_t e = 0; e < files[f].count; e++) {
				const struct fl_expectation *expectation = &files[f].items[e];
				if (expectation->line != finding->loc.line || !expectation->rule ||
				    strcmp(expectation->rule, finding->rule) != 0)
					continue;
				if (expectation->kind == FL_EXPECT_FINDING && !fl_expectation_fits(expectation, finding)) {
					if (!near) {
						near = expectation;
						near_met = &met[f][e];
					}
				} else if (expectation->kind == FL_EXPECT_FINDING) {
					met[f][e] = true;
					expected = true;
				} else if (expectation->kind == FL_EXPECT_MISS) {
					known_miss = true;
				}
			}
		}
		free(file);
		if (expected)
			continue;
		if (near) {
			/* Reported once, as what is wrong, not also as missing. */
			*near_met = true;
			if (near->severity >= 0 && (int)finding->severity != near->severity)
				fl_mismatch_add(out, FL_MISMATCH_WRONG_SEVERITY, finding->loc.file,
						finding->loc.line, "%s is %s, expected %s: %s", finding->rule,
						fl_severity_name(finding->severity),
						fl_severity_name((enum fl_severity)near->severity), finding->message);
			else
				fl_mismatch_add(out, FL_MISMATCH_WRONG_MESSAGE, finding->loc.file,
						finding->loc.line, "%s lacks \"%s\": %s", finding->rule,
						near->fragment, finding->message);
		} else if (known_miss)
			fl_mismatch_add(out, FL_MISMATCH_KNOWN_MISS_FOUND, finding->loc.file,
					finding->loc.line,
					"known miss now found: remove expect-miss: %s", finding->rule);
		else
			fl_mismatch_add(out, FL_MISMATCH_UNEXPECTED, finding->loc.file,
					finding->loc.line, "unexpected %s: %s", finding->rule,
					finding->message);
	}

	for (size_t i = 0; i < errors->count; i++) {
		const struct fl_input_error *error = &errors->items[i];
		char *file = fl_canonical(error->file);
		bool expected = false;
		for (size_t f = 0; f < file_count; f++) {
			if (strcmp(canonical[f], file) != 0)
				continue;
			for (size_t e = 0; e < files[f].count; e++) {
				const struct fl_expectation *expectation = &files[f].items[e];
				if (expectation->kind == FL_EXPECT_ERROR &&
				    (!error->line || error->line == expectation->line)) {
					met[f][e] = true;
					expected = true;
				}
			}
		}
		free(file);
		if (!expected)
			fl_mismatch_add(out, FL_MISMATCH_PARSE_ERROR, error->file, error->line,
					"unexpected input error: %s", error->message);
	}

	for (size_t f = 0; f < file_count; f++) {
		for (size_t e = 0; e < files[f].count; e++) {
			const struct fl_expectation *expectation = &files[f].items[e];
			if (met[f][e])
				continue;
			if (expectation->kind == FL_EXPECT_FINDING)
				fl_mismatch_add(out, FL_MISMATCH_MISSING, files[f].file,
						expectation->line, "missing %s", expectation->rule);
			else if (expectation->kind == FL_EXPECT_ERROR)
				fl_mismatch_add(out, FL_MISMATCH_MISSING_ERROR, files[f].file,
						expectation->line, "missing input error (expect-error)");
		}
		const struct fl_mismatches *problems = &files[f].problems;
		for (size_t p = 0; p < problems->count; p++) {
			FL_GROW(out->items, out->capacity, out->count + 1);
			out->items[out->count++] = (struct fl_mismatch){
				problems->items[p].kind,
				fl_xstrdup(problems->items[p].file),
				problems->items[p].line,
				fl_xstrdup(problems->items[p].text),
			};
		}
		free(canonical[f]);
		free(met[f]);
	}
	free(canonical);
	free(met);
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), fl_mismatch_cmp);
}
