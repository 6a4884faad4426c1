/* What the section fixes need from the main file's text: what removing a
 * PAGED_CODE() statement or an alloc_text pragma deletes
 * (fl_function.paged_code_cuts, fl_alloc_text.cut), and where a new
 * alloc_text for a function may go (fl_declaration.alloc_text_place).
 *
 * From the text rather than the AST: the ';' of a statement, a trailing
 * comment and the lines around a pragma are not in any cursor's extent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_internal.h"

struct fl_source {
	const char *text;
	size_t size;
};

static struct fl_source fl_main_source(struct fl_walk *walk)
{
	size_t size = 0;
	const char *text = clang_getFileContents(walk->tu, walk->main_file, &size);
	return (struct fl_source){ text, text ? size : 0 };
}

static bool fl_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static size_t fl_line_start(const struct fl_source *source, size_t at)
{
	while (at > 0 && source->text[at - 1] != '\n')
		at--;
	return at;
}

/* The start of the next line (or the end of the text). */
static size_t fl_next_line(const struct fl_source *source, size_t at)
{
	while (at < source->size && source->text[at] != '\n')
		at++;
	return at < source->size ? at + 1 : at;
}

static bool fl_blank_between(const struct fl_source *source, size_t from, size_t to)
{
	for (; from < to; from++)
		if (!fl_is_blank(source->text[from]))
			return false;
	return true;
}

/* Whether only blanks, or a // comment, follow `at` on its line. */
static bool fl_rest_blank(const struct fl_source *source, size_t at)
{
	for (; at < source->size && source->text[at] != '\n'; at++) {
		if (source->text[at] == '/' && at + 1 < source->size && source->text[at + 1] == '/')
			return true;
		if (!fl_is_blank(source->text[at]))
			return false;
	}
	return true;
}

/* Whether the line starting at `at` is `directive`, blanks and a trailing
 * // comment aside. */
static bool fl_line_is(const struct fl_source *source, size_t at, const char *directive)
{
	while (at < source->size && fl_is_blank(source->text[at]))
		at++;
	size_t length = strlen(directive);
	return at + length <= source->size && memcmp(source->text + at, directive, length) == 0 &&
	       fl_rest_blank(source, at + length);
}

/* 1-based line and column of an offset (columns in bytes, as clang's). */
static void fl_line_column(const struct fl_source *source, size_t offset, unsigned *line, unsigned *column)
{
	*line = 1;
	size_t start = 0;
	for (size_t i = 0; i < offset && i < source->size; i++)
		if (source->text[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*column = (unsigned)(offset - start + 1);
}

static struct fl_extent fl_extent_of(const struct fl_source *source, size_t begin, size_t end)
{
	struct fl_extent extent;
	fl_line_column(source, begin, &extent.line, &extent.column);
	fl_line_column(source, end, &extent.end_line, &extent.end_column);
	return extent;
}

/* [begin, end) widened to its whole lines when nothing else is on them. */
static bool fl_whole_lines(const struct fl_source *source, size_t *begin, size_t *end)
{
	size_t line = fl_line_start(source, *begin);
	if (!fl_blank_between(source, line, *begin) || !fl_rest_blank(source, *end))
		return false;
	*begin = line;
	*end = fl_next_line(source, *end);
	return true;
}

struct fl_extent fl_pragma_cut(struct fl_walk *walk, unsigned begin, unsigned end)
{
	struct fl_source source = fl_main_source(walk);
	size_t from = begin, to = end;
	if (!source.text || to > source.size || from >= to)
		return (struct fl_extent){ 0 };
	if (fl_whole_lines(&source, &from, &to) && from > 0) {
		size_t above = fl_line_start(&source, from - 1);
		if (fl_line_is(&source, above, "#ifdef ALLOC_PRAGMA") && fl_line_is(&source, to, "#endif")) {
			from = above;
			to = fl_next_line(&source, to);
		}
	}
	return fl_extent_of(&source, from, to);
}

/* The last token of the body before `offset`: a statement of its own in a
 * block follows `{`, `;` or `}`. */
static bool fl_statement_of_block(struct fl_walk *walk, const struct fl_function *holder, unsigned offset)
{
	CXSourceLocation body = clang_getLocation(walk->tu, walk->main_file, holder->body_loc.line,
						  holder->body_loc.column);
	CXSourceLocation at = clang_getLocationForOffset(walk->tu, walk->main_file, offset);
	CXToken *tokens = NULL;
	unsigned count = 0;
	clang_tokenize(walk->tu, clang_getRange(body, at), &tokens, &count);
	char *last = NULL;
	for (unsigned i = 0; i < count; i++) {
		if (fl_offset(clang_getTokenLocation(walk->tu, tokens[i]), &(CXFile){ 0 }) >= offset)
			break;
		free(last);
		last = fl_cxstring(clang_getTokenSpelling(walk->tu, tokens[i]));
	}
	clang_disposeTokens(walk->tu, tokens, count);
	bool statement = last && (strcmp(last, "{") == 0 || strcmp(last, ";") == 0 || strcmp(last, "}") == 0);
	free(last);
	return statement;
}

/* Skips blanks and newlines, then expects `c`; returns one past it, or 0. */
static size_t fl_expect_char(const struct fl_source *source, size_t at, char c)
{
	while (at < source->size && (fl_is_blank(source->text[at]) || source->text[at] == '\n'))
		at++;
	return at < source->size && source->text[at] == c ? at + 1 : 0;
}

struct fl_extent fl_statement_cut(struct fl_walk *walk, const struct fl_function *holder, unsigned offset)
{
	struct fl_source source = fl_main_source(walk);
	if (!source.text || offset >= source.size || !fl_statement_of_block(walk, holder, offset))
		return (struct fl_extent){ 0 };
	/* NAME ( ) ; */
	size_t end = offset;
	while (end < source.size && (source.text[end] == '_' || (source.text[end] >= 'A' && source.text[end] <= 'Z')))
		end++;
	end = fl_expect_char(&source, end, '(');
	end = end ? fl_expect_char(&source, end, ')') : 0;
	end = end ? fl_expect_char(&source, end, ';') : 0;
	if (!end)
		return (struct fl_extent){ 0 };
	size_t begin = offset;
	if (fl_whole_lines(&source, &begin, &end)) {
		/* Between two blank lines, one of them goes too. */
		bool blank_above = begin > 0 && fl_blank_between(&source, fl_line_start(&source, begin - 1), begin - 1);
		size_t below = fl_next_line(&source, end);
		if (blank_above && below > end && source.text[below - 1] == '\n' &&
		    fl_blank_between(&source, end, below - 1))
			end = below;
	} else {
		while (end < source.size && fl_is_blank(source.text[end]))
			end++;
	}
	return fl_extent_of(&source, begin, end);
}

/* The start of the line after the ';' that ends `decl`. */
struct fl_loc fl_line_after_declaration(struct fl_walk *walk, CXCursor decl)
{
	struct fl_source source = fl_main_source(walk);
	CXFile file;
	size_t at = fl_offset(clang_getRangeEnd(clang_getCursorExtent(decl)), &file);
	if (!source.text || !clang_File_isEqual(file, walk->main_file))
		return (struct fl_loc){ 0 };
	while (at < source.size && source.text[at] != ';')
		at++;
	if (at >= source.size)
		return (struct fl_loc){ 0 };
	struct fl_loc place = { .file = fl_file_name(walk, walk->main_file), .column = 1 };
	unsigned column;
	fl_line_column(&source, fl_next_line(&source, at), &place.line, &column);
	return place;
}

void fl_note_include(struct fl_walk *walk, CXCursor directive)
{
	CXFile file;
	unsigned end = fl_offset(clang_getRangeEnd(clang_getCursorExtent(directive)), &file);
	if (!file || !clang_File_isEqual(file, walk->main_file))
		return;
	FL_GROW(walk->include_ends, walk->include_end_capacity, walk->include_end_count + 1);
	walk->include_ends[walk->include_end_count++] = end;
}

/* A function only a header declares gets its place after the last
 * #include before its definition. */
void fl_place_header_declared(struct fl_walk *walk)
{
	struct fl_source source = fl_main_source(walk);
	struct fl_tu_facts *facts = walk->facts;
	const char *main_file = fl_file_name(walk, walk->main_file);
	for (size_t d = 0; d < facts->declaration_count && source.text; d++) {
		struct fl_declaration *record = &facts->declarations[d];
		if (record->alloc_text_place.line || !record->first_decl.line || !record->definition.line ||
		    strcmp(record->first_decl.file, main_file) == 0)
			continue;
		unsigned definition = fl_offset(clang_getLocation(walk->tu, walk->main_file, record->definition.line,
								  record->definition.column),
						&(CXFile){ 0 });
		size_t last = SIZE_MAX;
		for (size_t i = 0; i < walk->include_end_count; i++)
			if (walk->include_ends[i] < definition)
				last = walk->include_ends[i];
		if (last == SIZE_MAX)
			continue;
		record->alloc_text_place = (struct fl_loc){ .file = main_file, .column = 1 };
		unsigned column;
		fl_line_column(&source, fl_next_line(&source, last), &record->alloc_text_place.line, &column);
	}
}
