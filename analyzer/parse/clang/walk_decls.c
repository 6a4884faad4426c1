/* Declarations, and where each function is placed.
 * Facts: fl_declaration (first declaration, definition), fl_alloc_text, and
 * on fl_function: irql (SAL annotations), is_forceinline, section /
 * section_source / section_loc, paged_code.
 *
 * Mostly from tokens rather than the AST, because libclang 14 gives no
 * cursor for these: `#pragma alloc_text` is ignored by clang, `#pragma
 * code_seg` and `__declspec(code_seg)` are applied but not exposed, and
 * PAGED_CODE() is an empty macro in the real WDK (its expansions come from
 * the preprocessing record).  SAL IRQL annotations are `annotate` attributes,
 * on the function or on the typedef it is declared through. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_internal.h"

static int fl_irql_level(const char *text)
{
	static const struct { const char *name; int level; } levels[] = {
		{ "PASSIVE_LEVEL", 0 }, { "LOW_LEVEL", 0 }, { "APC_LEVEL", 1 },
		{ "DISPATCH_LEVEL", 2 }, { "CMCI_LEVEL", 5 }, { "CLOCK_LEVEL", 13 },
		{ "IPI_LEVEL", 14 }, { "POWER_LEVEL", 14 }, { "PROFILE_LEVEL", 15 },
		{ "HIGH_LEVEL", 15 },
	};
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(text, levels[i].name) == 0)
			return levels[i].level;
	char *end;
	long level = strtol(text, &end, 0);
	return end != text && *end == '\0' && level >= 0 && level <= 31 ? (int)level : -1;
}

enum CXChildVisitResult fl_visit_annotation(CXCursor cursor, CXCursor parent, CXClientData data)
{
	if (clang_getCursorKind(cursor) != CXCursor_AnnotateAttr)
		return CXChildVisit_Continue;
	static const struct { const char *prefix; size_t field; } kinds[] = {
		{ "fl_irql_requires_max(", offsetof(struct fl_irql_annotation, requires_max) },
		{ "fl_irql_requires_min(", offsetof(struct fl_irql_annotation, requires_min) },
		{ "fl_irql_requires(", offsetof(struct fl_irql_annotation, requires_exact) },
		{ "fl_irql_raises(", offsetof(struct fl_irql_annotation, raises_to) },
	};
	char *text = fl_cxstring(clang_getCursorSpelling(cursor));
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t length = strlen(kinds[i].prefix);
		if (strncmp(text, kinds[i].prefix, length) != 0 || !fl_str_ends_with(text, ")"))
			continue;
		text[strlen(text) - 1] = '\0';
		*(int *)((char *)data + kinds[i].field) = fl_irql_level(text + length);
		break;
	}
	free(text);
	return CXChildVisit_Continue;
}

/* A function declared through a typedef of its type (`DRIVER_DISPATCH
 * Dispatch;`, the WDK's style) carries its SAL annotations on the typedef,
 * or on a typedef that one names. */
void fl_typedef_annotations(struct fl_walk *walk, const char *name, struct fl_irql_annotation *irql)
{
	CXCursor *lists[] = { walk->decls, walk->header_decls };
	size_t counts[] = { walk->decl_count, walk->header_decl_count };
	for (size_t l = 0; l < 2; l++) {
		for (size_t d = 0; d < counts[l]; d++) {
			char *spelling = fl_cxstring(clang_getCursorSpelling(lists[l][d]));
			bool same = strcmp(spelling, name) == 0;
			free(spelling);
			CXType type = same ? clang_getCursorType(lists[l][d]) : (CXType){ .kind = CXType_Invalid };
			for (unsigned depth = 0; depth < 8; depth++) {
				if (type.kind == CXType_Elaborated)
					type = clang_Type_getNamedType(type);
				if (type.kind != CXType_Typedef)
					break;
				CXCursor typedef_decl = clang_getTypeDeclaration(type);
				clang_visitChildren(typedef_decl, fl_visit_annotation, irql);
				type = clang_getTypedefDeclUnderlyingType(typedef_decl);
			}
		}
	}
}

static bool fl_is_skipped(const struct fl_walk *walk, unsigned offset)
{
	for (size_t i = 0; i < walk->skipped_count; i++)
		if (offset >= walk->skipped[i][0] && offset < walk->skipped[i][1])
			return true;
	return false;
}

/* A `code_seg("NAME")` in tokens[begin..count): the section name, or NULL. */
static char *fl_code_seg_in_tokens(CXTranslationUnit tu, CXToken *tokens, unsigned count)
{
	for (unsigned i = 0; i + 2 < count; i++) {
		char *word = fl_cxstring(clang_getTokenSpelling(tu, tokens[i]));
		bool is_code_seg = strcmp(word, "code_seg") == 0;
		free(word);
		if (!is_code_seg || clang_getTokenKind(tokens[i + 2]) != CXToken_Literal)
			continue;
		char *literal = fl_cxstring(clang_getTokenSpelling(tu, tokens[i + 2]));
		size_t length = strlen(literal);
		char *section = length >= 2 && literal[0] == '"'
			? fl_xstrndup(literal + 1, length - 2) : NULL;
		free(literal);
		if (section)
			return section;
	}
	return NULL;
}

/* The raw tokens of the file text between two locations, each taken as a
 * file location (a token from a macro stands at the macro's invocation):
 * clang_tokenize returns nothing for a range that starts inside a macro. */
static void fl_tokenize_between(struct fl_walk *walk, CXSourceLocation begin, CXSourceLocation end,
				CXToken **tokens, unsigned *count)
{
	CXFile begin_file, end_file;
	unsigned from = fl_offset(begin, &begin_file), to = fl_offset(end, &end_file);
	*tokens = NULL;
	*count = 0;
	if (!begin_file || !clang_File_isEqual(begin_file, end_file) || to <= from)
		return;
	clang_tokenize(walk->tu, clang_getRange(clang_getLocationForOffset(walk->tu, begin_file, from),
						 clang_getLocationForOffset(walk->tu, begin_file, to)),
		       tokens, count);
}

/* The section a `__declspec(code_seg("NAME"))` before the name of `decl`
 * puts it in, written directly or through a macro (the WDK's style). */
static char *fl_declspec_section(struct fl_walk *walk, CXCursor decl, struct fl_loc *where)
{
	CXSourceRange extent = clang_getCursorExtent(decl);
	CXFile file, name_file;
	unsigned begin = fl_offset(clang_getRangeStart(extent), &file);
	unsigned name = fl_offset(clang_getCursorLocation(decl), &name_file);
	if (!clang_File_isEqual(file, name_file) || name <= begin)
		return NULL;

	CXToken *tokens = NULL;
	unsigned count = 0;
	fl_tokenize_between(walk, clang_getRangeStart(extent), clang_getCursorLocation(decl), &tokens, &count);
	char *section = fl_code_seg_in_tokens(walk->tu, tokens, count);
	clang_disposeTokens(walk->tu, tokens, count);
	if (section) {
		*where = fl_make_loc(walk, clang_getRangeStart(extent));
		return section;
	}
	for (size_t i = 0; i < walk->expansion_count; i++) {
		struct fl_expansion *expansion = &walk->expansions[i];
		if (!clang_File_isEqual(expansion->file, file) || expansion->offset < begin ||
		    expansion->offset >= name)
			continue;
		CXCursor definition = clang_getCursorReferenced(expansion->cursor);
		if (clang_Cursor_isNull(definition))
			continue;
		clang_tokenize(walk->tu, clang_getCursorExtent(definition), &tokens, &count);
		section = fl_code_seg_in_tokens(walk->tu, tokens, count);
		clang_disposeTokens(walk->tu, tokens, count);
		if (section) {
			*where = fl_make_loc(walk, clang_getCursorLocation(expansion->cursor));
			return section;
		}
	}
	return NULL;
}

/* `__forceinline` or the WDK's FORCEINLINE, read from the tokens before the
 * name, where either is written. */
bool fl_is_forceinline(struct fl_walk *walk, CXCursor decl)
{
	CXToken *tokens = NULL;
	unsigned count = 0;
	fl_tokenize_between(walk, clang_getRangeStart(clang_getCursorExtent(decl)), clang_getCursorLocation(decl),
			    &tokens, &count);
	bool found = false;
	for (unsigned i = 0; i < count && !found; i++) {
		char *word = fl_cxstring(clang_getTokenSpelling(walk->tu, tokens[i]));
		found = strcmp(word, "__forceinline") == 0 || strcmp(word, "FORCEINLINE") == 0;
		free(word);
	}
	clang_disposeTokens(walk->tu, tokens, count);
	return found;
}

/* Where a function is first declared and where defined, once per name:
 * alloc_text must name a function declared before it and defined after. */
void fl_note_declaration(struct fl_walk *walk, CXCursor decl, bool is_definition)
{
	const char *name = fl_facts_take_string(walk->facts, fl_function_name(walk, decl));
	struct fl_tu_facts *facts = walk->facts;
	struct fl_declaration *record = NULL;
	for (size_t i = 0; i < facts->declaration_count && !record; i++)
		if (strcmp(facts->declarations[i].name, name) == 0)
			record = &facts->declarations[i];
	if (!record) {
		FL_GROW(facts->declarations, walk->declaration_capacity, facts->declaration_count + 1);
		record = &facts->declarations[facts->declaration_count++];
		memset(record, 0, sizeof(*record));
		record->name = name;
		record->cxx_linkage = walk->cxx && fl_cxx_linkage(decl);
		/* A declaration in a header came before anything in this file. */
		CXCursor first = clang_getCanonicalCursor(decl);
		if (!clang_Location_isFromMainFile(clang_getCursorLocation(first)))
			record->first_decl = fl_make_loc(walk, clang_getCursorLocation(first));
		else if (!is_definition)
			record->first_decl = fl_make_loc(walk, clang_getCursorLocation(decl));
	} else if (!record->first_decl.line && !is_definition) {
		record->first_decl = fl_make_loc(walk, clang_getCursorLocation(decl));
	}
	if (!is_definition && !record->definition.line && clang_Location_isFromMainFile(clang_getCursorLocation(decl))) {
		struct fl_loc place = fl_line_after_declaration(walk, decl);
		if (place.line)
			record->alloc_text_place = place;
	}
	if (is_definition && !record->definition.line)
		record->definition = fl_make_loc(walk, clang_getCursorLocation(decl));
}

/* The main file's inactive `#if` regions: clang_tokenize returns their
 * tokens too, and a pragma there must not count. */
void fl_collect_skipped(struct fl_walk *walk)
{
	CXSourceRangeList *ranges = clang_getSkippedRanges(walk->tu, walk->main_file);
	if (!ranges)
		return;
	walk->skipped = fl_xcalloc(ranges->count, sizeof(*walk->skipped));
	for (unsigned i = 0; i < ranges->count; i++) {
		CXFile file;
		walk->skipped[i][0] = fl_offset(clang_getRangeStart(ranges->ranges[i]), &file);
		walk->skipped[i][1] = fl_offset(clang_getRangeEnd(ranges->ranges[i]), &file);
	}
	walk->skipped_count = ranges->count;
	clang_disposeSourceRangeList(ranges);
}

/* A token of a pragma, as text, with where it counts. */
struct fl_word {
	char *text;
	CXTokenKind kind;
	struct fl_loc loc;
};

/* A pragma as written: `#pragma NAME(...)`, `__pragma(NAME(...))`, or a
 * macro whose definition holds `__pragma(NAME(...))` (the WDK's
 * PAGED_CODE_SEG_BEGIN), placed at the macro's invocation. */
struct fl_pragma {
	unsigned offset;
	unsigned end; /* a `#pragma`'s: one past its ')', for its cut; 0 otherwise */
	size_t order; /* ties at one offset keep their order in the text */
	size_t count;
	struct fl_word *words; /* words[0] is the pragma's name, then its argument list */
};

struct fl_pragma_list {
	size_t count, capacity;
	struct fl_pragma *items;
};

static char *fl_token_text(struct fl_walk *walk, CXToken token)
{
	return fl_cxstring(clang_getTokenSpelling(walk->tu, token));
}

/* An identifier, or a string literal's contents. */
static char *fl_word_name(const struct fl_word *word)
{
	size_t length = strlen(word->text);
	if (length >= 2 && word->text[0] == '"')
		return fl_xstrndup(word->text + 1, length - 2);
	return fl_xstrdup(word->text);
}

static bool fl_word_is(const struct fl_word *word, const char *text)
{
	return strcmp(word->text, text) == 0;
}

/* Finds the pragmas in `tokens`.  `at` (with `at_offset`) places them all
 * at a macro's invocation; NULL places each where it is written, and then
 * tokens in inactive regions are dropped. */
static void fl_find_pragmas(struct fl_walk *walk, CXToken *tokens, unsigned count, const struct fl_loc *at,
			    unsigned at_offset, struct fl_pragma_list *out)
{
	char **texts = fl_xcalloc(count, sizeof(char *));
	for (unsigned i = 0; i < count; i++)
		texts[i] = fl_token_text(walk, tokens[i]);
	for (unsigned i = 0; i + 3 < count; i++) {
		unsigned name;
		if (strcmp(texts[i], "#") == 0 && strcmp(texts[i + 1], "pragma") == 0 && !at)
			name = i + 2;
		else if (strcmp(texts[i], "__pragma") == 0 && strcmp(texts[i + 1], "(") == 0)
			name = i + 2;
		else
			continue;
		CXFile file;
		unsigned offset = at ? at_offset : fl_offset(clang_getTokenLocation(walk->tu, tokens[i]), &file);
		if (!at && fl_is_skipped(walk, offset))
			continue;
		/* The pragma runs to the ')' that closes its argument list. */
		unsigned end = name + 1, depth = 0;
		for (; end < count; end++) {
			if (strcmp(texts[end], "(") == 0)
				depth++;
			if (strcmp(texts[end], ")") == 0 && depth-- == 1)
				break;
		}
		if (end >= count)
			end = count - 1;
		FL_GROW(out->items, out->capacity, out->count + 1);
		struct fl_pragma *pragma = &out->items[out->count];
		pragma->offset = offset;
		pragma->end = !at && strcmp(texts[i], "#") == 0
			? fl_offset(clang_getRangeEnd(clang_getTokenExtent(walk->tu, tokens[end])), &file) : 0;
		pragma->order = out->count++;
		pragma->count = end - name + 1;
		pragma->words = fl_xcalloc(pragma->count, sizeof(struct fl_word));
		for (unsigned w = 0; w < pragma->count; w++) {
			struct fl_word *word = &pragma->words[w];
			word->text = fl_xstrdup(texts[name + w]);
			word->kind = clang_getTokenKind(tokens[name + w]);
			word->loc = at ? *at : fl_make_loc(walk, clang_getTokenLocation(walk->tu, tokens[name + w]));
		}
		i = end;
	}
	for (unsigned i = 0; i < count; i++)
		free(texts[i]);
	free(texts);
}

static void fl_pragma_alloc_text(struct fl_walk *walk, const struct fl_pragma *pragma)
{
	/* alloc_text ( SECTION , f , g ) */
	if (pragma->count < 4 || !fl_word_is(&pragma->words[1], "("))
		return;
	struct fl_tu_facts *facts = walk->facts;
	FL_GROW(facts->alloc_texts, walk->alloc_text_capacity, facts->alloc_text_count + 1);
	struct fl_alloc_text *record = &facts->alloc_texts[facts->alloc_text_count++];
	memset(record, 0, sizeof(*record));
	record->section = fl_facts_take_string(facts, fl_word_name(&pragma->words[2]));
	record->loc = pragma->words[0].loc;
	if (pragma->end)
		record->cut = fl_pragma_cut(walk, pragma->offset, pragma->end);
	for (size_t i = 3; i < pragma->count; i++) {
		const struct fl_word *word = &pragma->words[i];
		if (word->kind != CXToken_Identifier)
			continue;
		record->names = fl_xrealloc(record->names, (record->name_count + 1) * sizeof(char *));
		record->name_locs = fl_xrealloc(record->name_locs, (record->name_count + 1) * sizeof(struct fl_loc));
		record->names[record->name_count] = fl_facts_string(facts, word->text);
		record->name_locs[record->name_count] = word->loc;
		record->name_count++;
	}
}

/* code_seg() | code_seg("S" [, "class"]) | code_seg(push [, id] [, "S"]) |
 * code_seg(pop [, id]): the section in force after it, given a stack. */
static void fl_pragma_code_seg(struct fl_walk *walk, const struct fl_pragma *pragma,
			       struct fl_strv *stack, char **current)
{
	bool push = false, pop = false;
	char *section = NULL;
	for (size_t i = 2; i < pragma->count; i++) {
		const struct fl_word *word = &pragma->words[i];
		if (word->kind == CXToken_Identifier && fl_word_is(word, "push"))
			push = true;
		else if (word->kind == CXToken_Identifier && fl_word_is(word, "pop"))
			pop = true;
		else if (word->kind == CXToken_Literal && word->text[0] == '"' && !section)
			section = fl_word_name(word);
	}
	if (push)
		fl_strv_push_owned(stack, fl_xstrdup(*current));
	if (pop) {
		free(*current);
		*current = stack->count ? stack->items[--stack->count] : NULL;
	}
	if (section || (!push && !pop)) {
		free(*current);
		*current = section && section[0] ? fl_xstrdup(section) : NULL;
	}
	free(section);

	FL_GROW(walk->segs, walk->seg_capacity, walk->seg_count + 1);
	walk->segs[walk->seg_count++] = (struct fl_seg_change){
		.offset = pragma->offset,
		.section = fl_xstrdup(*current),
		.loc = pragma->words[0].loc,
	};
}

static int fl_compare_pragmas(const void *a, const void *b)
{
	const struct fl_pragma *x = a, *y = b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Pragmas that macros of the main file expand to.  Each macro's definition
 * is read once, however often it is used. */
static void fl_find_macro_pragmas(struct fl_walk *walk, struct fl_pragma_list *out)
{
	struct fl_strv plain = { 0 }; /* macros seen to hold no __pragma */
	for (size_t e = 0; e < walk->expansion_count; e++) {
		const struct fl_expansion *expansion = &walk->expansions[e];
		if (!clang_File_isEqual(expansion->file, walk->main_file))
			continue;
		bool known_plain = false;
		for (size_t i = 0; i < plain.count && !known_plain; i++)
			known_plain = strcmp(plain.items[i], expansion->name) == 0;
		CXCursor definition = clang_getCursorReferenced(expansion->cursor);
		if (known_plain || clang_Cursor_isNull(definition))
			continue;
		CXToken *tokens = NULL;
		unsigned count = 0;
		clang_tokenize(walk->tu, clang_getCursorExtent(definition), &tokens, &count);
		size_t before = out->count;
		struct fl_loc at = fl_make_loc(walk, clang_getCursorLocation(expansion->cursor));
		fl_find_pragmas(walk, tokens, count, &at, expansion->offset, out);
		clang_disposeTokens(walk->tu, tokens, count);
		if (out->count == before)
			fl_strv_push(&plain, expansion->name);
	}
	fl_strv_free(&plain);
}

/* Reads the main file's active alloc_text and code_seg pragmas, in order. */
void fl_collect_pragmas(struct fl_walk *walk)
{
	size_t size = 0;
	if (!clang_getFileContents(walk->tu, walk->main_file, &size))
		return;
	CXSourceRange whole = clang_getRange(clang_getLocationForOffset(walk->tu, walk->main_file, 0),
					     clang_getLocationForOffset(walk->tu, walk->main_file, (unsigned)size));
	CXToken *tokens = NULL;
	unsigned count = 0;
	clang_tokenize(walk->tu, whole, &tokens, &count);
	struct fl_pragma_list pragmas = { 0 };
	fl_find_pragmas(walk, tokens, count, NULL, 0, &pragmas);
	clang_disposeTokens(walk->tu, tokens, count);
	fl_find_macro_pragmas(walk, &pragmas);
	if (pragmas.count > 1) /* qsort(NULL, 0) is undefined (UBSan) */
		qsort(pragmas.items, pragmas.count, sizeof(*pragmas.items), fl_compare_pragmas);

	struct fl_strv stack = { 0 };
	char *current = NULL;
	for (size_t p = 0; p < pragmas.count; p++) {
		struct fl_pragma *pragma = &pragmas.items[p];
		if (fl_word_is(&pragma->words[0], "alloc_text"))
			fl_pragma_alloc_text(walk, pragma);
		else if (fl_word_is(&pragma->words[0], "code_seg"))
			fl_pragma_code_seg(walk, pragma, &stack, &current);
		for (size_t w = 0; w < pragma->count; w++)
			free(pragma->words[w].text);
		free(pragma->words);
	}
	free(pragmas.items);
	free(current);
	fl_strv_free(&stack);
}

/* An alloc_text may name a function that the main file never declares but
 * a project header does (MSVC accepts it; nothing is placed): record that
 * declaration so the rules can tell it from an undeclared name. */
void fl_note_header_declarations(struct fl_walk *walk)
{
	struct fl_tu_facts *facts = walk->facts;
	for (size_t p = 0; p < facts->alloc_text_count; p++) {
		const struct fl_alloc_text *pragma = &facts->alloc_texts[p];
		for (size_t n = 0; n < pragma->name_count; n++) {
			bool known = false;
			for (size_t d = 0; d < facts->declaration_count && !known; d++)
				known = strcmp(facts->declarations[d].name, pragma->names[n]) == 0;
			for (size_t h = 0; h < walk->header_decl_count && !known; h++) {
				char *name = fl_cxstring(clang_getCursorSpelling(walk->header_decls[h]));
				if (strcmp(name, pragma->names[n]) == 0) {
					fl_note_declaration(walk, walk->header_decls[h], false);
					known = true;
				}
				free(name);
			}
		}
	}
}

/* A declspec on any declaration of the function places it. */
static void fl_place_by_declspec(struct fl_walk *walk, struct fl_function *function)
{
	for (size_t d = 0; d < walk->decl_count && !function->section; d++) {
		char *name = fl_function_name(walk, walk->decls[d]);
		if (strcmp(name, function->name) == 0) {
			char *section = fl_declspec_section(walk, walk->decls[d], &function->section_loc);
			function->section = fl_facts_take_string(walk->facts, section);
		}
		free(name);
	}
	if (function->section)
		function->section_source = FL_SECTION_DECLSPEC;
}

/* Places functions: alloc_text wins (MSVC lets it override), then a
 * declspec, then the code_seg region the definition falls in. */
void fl_place_functions(struct fl_walk *walk)
{
	struct fl_tu_facts *facts = walk->facts;
	for (size_t f = 0; f < facts->function_count; f++) {
		struct fl_function *function = &facts->functions[f];
		if (strcmp(function->loc.file, walk->path) != 0)
			continue;
		fl_place_by_declspec(walk, function);
		for (size_t p = 0; p < facts->alloc_text_count; p++) {
			const struct fl_alloc_text *pragma = &facts->alloc_texts[p];
			for (size_t n = 0; n < pragma->name_count; n++) {
				if (strcmp(pragma->names[n], function->name) != 0)
					continue;
				function->section = pragma->section;
				function->section_source = FL_SECTION_ALLOC_TEXT;
				function->section_loc = pragma->loc;
			}
		}
		if (function->section_source != FL_SECTION_NONE)
			continue;
		/* The line of the name stands for the definition's place. */
		unsigned offset = fl_offset(clang_getLocation(walk->tu, walk->main_file,
							      function->loc.line, function->loc.column),
					    &(CXFile){ 0 });
		const struct fl_seg_change *in_force = NULL;
		for (size_t s = 0; s < walk->seg_count; s++)
			if (walk->segs[s].offset < offset)
				in_force = &walk->segs[s];
		if (in_force && in_force->section) {
			function->section = fl_facts_string(facts, in_force->section);
			function->section_source = FL_SECTION_CODE_SEG;
			function->section_loc = in_force->loc;
		}
	}
}

/* Gives each function the PAGED_CODE() expansions inside its body. */
void fl_assign_paged_code(struct fl_walk *walk)
{
	struct fl_tu_facts *facts = walk->facts;
	for (size_t e = 0; e < walk->expansion_count; e++) {
		const struct fl_expansion *expansion = &walk->expansions[e];
		if (strcmp(expansion->name, "PAGED_CODE") != 0 &&
		    strcmp(expansion->name, "PAGED_CODE_LOCKED") != 0)
			continue;
		const char *file = fl_file_name(walk, expansion->file);
		CXSourceLocation location = clang_getCursorLocation(expansion->cursor);
		unsigned line, column;
		clang_getExpansionLocation(location, NULL, &line, &column, NULL);
		/* The innermost body holding it: a C++ lambda's is inside its
		 * enclosing function's, and is walked after it. */
		struct fl_function *holder = NULL;
		for (size_t f = 0; f < facts->function_count; f++) {
			struct fl_function *function = &facts->functions[f];
			const struct fl_loc *begin = &function->body_loc, *end = &function->end_loc;
			if (strcmp(begin->file, file) != 0)
				continue;
			if (line < begin->line || (line == begin->line && column < begin->column) ||
			    line > end->line || (line == end->line && column > end->column))
				continue;
			if (!holder || begin->line > holder->body_loc.line ||
			    (begin->line == holder->body_loc.line && begin->column > holder->body_loc.column))
				holder = function;
		}
		if (holder) {
			size_t count = holder->paged_code_count + 1;
			holder->paged_code = fl_xrealloc(holder->paged_code, count * sizeof(struct fl_loc));
			holder->paged_code_cuts = fl_xrealloc(holder->paged_code_cuts, count * sizeof(struct fl_extent));
			holder->paged_code[holder->paged_code_count] =
				(struct fl_loc){ .file = file, .line = line, .column = column };
			holder->paged_code_cuts[holder->paged_code_count++] =
				clang_File_isEqual(expansion->file, walk->main_file)
					? fl_statement_cut(walk, holder, expansion->offset) : (struct fl_extent){ 0 };
		}
	}
}
