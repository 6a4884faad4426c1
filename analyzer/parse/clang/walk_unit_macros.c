/* The build settings a unit was compiled with, read from its macro
 * definitions (struct fl_unit_macros in facts.h).
 *
 * A driver opts in to non-executable pool with POOL_NX_OPTIN or
 * POOL_NX_OPTIN_AUTO and chooses its target with NTDDI_VERSION, on the
 * command line (-D from the user, compile_commands.json or a .vcxproj) or
 * with a #define before the WDK headers.  libclang's preprocessing record
 * holds every definition, command-line ones included (they have no file);
 * the last one of a name is the one in force at the end of the unit.  A
 * unit parsed with the precompiled WDK prelude shows neither the command
 * line's definitions nor the PCH's, so the clang arguments are read first.
 * Values are read from the definition's tokens: an integer, or the name of
 * another macro defined the same way, in parentheses or not; anything else
 * counts as not resolved.
 * The NTDDI_WIN10_* names sdkddkver.h defines are also known here by value,
 * for the units whose headers are in the PCH. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "walk_unit_macros.h"
#include "util.h"

/* The macros whose last definition is kept: these, and every NTDDI_ name
 * (the values NTDDI_VERSION is written with). */
static const char *const fl_setting_names[] = { "POOL_NX_OPTIN", "POOL_NX_OPTIN_AUTO", "NTDDI_VERSION" };

/* sdkddkver.h's Windows 10 versions, for a unit whose headers are in the PCH. */
static const struct {
	const char *name;
	long long value;
} fl_ntddi_known[] = {
	{ "NTDDI_WIN10", 0x0A000000 },     { "NTDDI_WIN10_TH2", 0x0A000001 }, { "NTDDI_WIN10_RS1", 0x0A000002 },
	{ "NTDDI_WIN10_RS2", 0x0A000003 }, { "NTDDI_WIN10_RS3", 0x0A000004 }, { "NTDDI_WIN10_RS4", 0x0A000005 },
	{ "NTDDI_WIN10_RS5", 0x0A000006 }, { "NTDDI_WIN10_19H1", 0x0A000007 }, { "NTDDI_WIN10_VB", 0x0A000008 },
	{ "NTDDI_WIN10_MN", 0x0A000009 },  { "NTDDI_WIN10_FE", 0x0A00000A }, { "NTDDI_WIN10_CO", 0x0A00000B },
	{ "NTDDI_WIN10_NI", 0x0A00000C },  { "NTDDI_WIN10_CU", 0x0A00000D }, { "NTDDI_WIN10_ZN", 0x0A00000E },
	{ "NTDDI_WIN10_GA", 0x0A00000F },  { "NTDDI_WIN10_GE", 0x0A000010 },
};

struct fl_macro_definition {
	char *name;
	char **tokens; /* the value's tokens */
	unsigned token_count;
	CXCursor cursor;
};

struct fl_macro_scan {
	CXTranslationUnit unit;
	size_t count;
	size_t capacity;
	struct fl_macro_definition *definitions; /* the last of each name */
};

static bool fl_is_setting(const char *name)
{
	for (size_t i = 0; i < sizeof(fl_setting_names) / sizeof(fl_setting_names[0]); i++)
		if (strcmp(name, fl_setting_names[i]) == 0)
			return true;
	return fl_str_starts_with(name, "NTDDI_");
}

static struct fl_macro_definition *fl_macro_find(struct fl_macro_scan *scan, const char *name)
{
	for (size_t i = 0; i < scan->count; i++)
		if (strcmp(scan->definitions[i].name, name) == 0)
			return &scan->definitions[i];
	return NULL;
}

static void fl_macro_clear(struct fl_macro_definition *definition)
{
	for (unsigned i = 0; i < definition->token_count; i++)
		free(definition->tokens[i]);
	free(definition->tokens);
	definition->tokens = NULL;
	definition->token_count = 0;
}

/* The definition of `name`, emptied for a new value. */
static struct fl_macro_definition *fl_macro_redefine(struct fl_macro_scan *scan, const char *name)
{
	struct fl_macro_definition *definition = fl_macro_find(scan, name);
	if (!definition) {
		FL_GROW(scan->definitions, scan->capacity, scan->count + 1);
		definition = &scan->definitions[scan->count++];
		*definition = (struct fl_macro_definition){ .name = fl_xstrdup(name) };
	}
	fl_macro_clear(definition);
	definition->cursor = clang_getNullCursor();
	return definition;
}

/* -DNAME, -DNAME=VALUE, -D NAME=VALUE, -UNAME: what the unit starts with.  A
 * unit parsed with the PCH does not show these as definitions. */
static void fl_scan_arguments(struct fl_macro_scan *scan, const char *const *args, size_t arg_count)
{
	for (size_t i = 0; i < arg_count; i++) {
		const char *arg = args[i];
		bool undefine = strncmp(arg, "-U", 2) == 0;
		if (!undefine && strncmp(arg, "-D", 2) != 0)
			continue;
		const char *text = arg[2] ? arg + 2 : i + 1 < arg_count ? args[++i] : "";
		const char *equals = strchr(text, '=');
		char *name = equals ? fl_xstrndup(text, (size_t)(equals - text)) : fl_xstrdup(text);
		if (fl_is_setting(name)) {
			struct fl_macro_definition *definition = fl_macro_redefine(scan, name);
			if (!undefine) {
				definition->tokens = fl_xcalloc(1, sizeof(char *));
				definition->tokens[definition->token_count++] = fl_xstrdup(equals ? equals + 1 : "1");
			}
		}
		free(name);
	}
}

static enum CXChildVisitResult fl_visit_definition(CXCursor cursor, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct fl_macro_scan *scan = data;
	if (clang_getCursorKind(cursor) != CXCursor_MacroDefinition || clang_Cursor_isMacroFunctionLike(cursor))
		return CXChildVisit_Continue;
	CXString spelling = clang_getCursorSpelling(cursor);
	const char *name = clang_getCString(spelling);
	if (name && fl_is_setting(name)) {
		struct fl_macro_definition *definition = fl_macro_redefine(scan, name);
		definition->cursor = cursor;
		CXToken *tokens;
		unsigned count;
		clang_tokenize(scan->unit, clang_getCursorExtent(cursor), &tokens, &count);
		/* The first token is the macro's name. */
		if (count > 1) {
			definition->tokens = fl_xcalloc(count - 1, sizeof(char *));
			for (unsigned i = 1; i < count; i++) {
				CXString token = clang_getTokenSpelling(scan->unit, tokens[i]);
				definition->tokens[definition->token_count++] = fl_xstrdup(clang_getCString(token));
				clang_disposeString(token);
			}
		}
		clang_disposeTokens(scan->unit, tokens, count);
	}
	clang_disposeString(spelling);
	return CXChildVisit_Continue;
}

/* An integer literal (0x0A000008, 1, 1u), or false. */
static bool fl_integer_literal(const char *text, long long *value)
{
	while (*text == '(')
		text++; /* -DNTDDI_VERSION=(0x0A000008): one token as the argument is kept */
	char *end;
	*value = strtoll(text, &end, 0);
	if (end == text)
		return false;
	while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
		end++;
	while (*end == ')')
		end++;
	return *end == '\0';
}

static bool fl_macro_value(struct fl_macro_scan *scan, const char *name, unsigned depth, long long *value);

/* The value of the tokens `tokens[first..last)`: one integer or one macro
 * name, inside any number of parentheses. */
static bool fl_tokens_value(struct fl_macro_scan *scan, char **tokens, unsigned first, unsigned last,
			    unsigned depth, long long *value)
{
	while (last - first >= 3 && strcmp(tokens[first], "(") == 0 && strcmp(tokens[last - 1], ")") == 0) {
		first++;
		last--;
	}
	if (last - first != 1)
		return false;
	return fl_integer_literal(tokens[first], value) || fl_macro_value(scan, tokens[first], depth + 1, value);
}

static bool fl_macro_value(struct fl_macro_scan *scan, const char *name, unsigned depth, long long *value)
{
	if (depth > 8)
		return false;
	struct fl_macro_definition *definition = fl_macro_find(scan, name);
	if (definition)
		return fl_tokens_value(scan, definition->tokens, 0, definition->token_count, depth, value);
	for (size_t i = 0; i < sizeof(fl_ntddi_known) / sizeof(fl_ntddi_known[0]); i++)
		if (strcmp(fl_ntddi_known[i].name, name) == 0) {
			*value = fl_ntddi_known[i].value;
			return true;
		}
	return false;
}

/* Where a definition is written, as the facts name files; file NULL for
 * the command line. */
static struct fl_loc fl_definition_loc(struct fl_tu_facts *facts, CXFile main_file, CXCursor cursor)
{
	CXFile file;
	unsigned line, column;
	clang_getSpellingLocation(clang_getCursorLocation(cursor), &file, &line, &column, NULL);
	if (!file)
		return (struct fl_loc){ 0 };
	if (clang_File_isEqual(file, main_file))
		return (struct fl_loc){ .file = facts->path, .line = line, .column = column };
	/* A project header: relative to the working directory, as the walk names headers. */
	CXString spelling = clang_getFileName(file);
	const char *name = clang_getCString(spelling);
	char *cwd = getcwd(NULL, 0);
	size_t cwd_length = cwd ? strlen(cwd) : 0;
	if (cwd && strncmp(name, cwd, cwd_length) == 0 && name[cwd_length] == '/')
		name += cwd_length + 1;
	struct fl_loc loc = { .file = fl_facts_take_string(facts, fl_utf8_repair(name, strlen(name))),
			      .line = line, .column = column };
	free(cwd);
	clang_disposeString(spelling);
	return loc;
}

void fl_walk_unit_macros(CXTranslationUnit unit, CXFile main_file, const char *const *args, size_t arg_count,
			 struct fl_tu_facts *facts)
{
	struct fl_macro_scan scan = { .unit = unit };
	fl_scan_arguments(&scan, args, arg_count);
	clang_visitChildren(clang_getTranslationUnitCursor(unit), fl_visit_definition, &scan);
	struct fl_unit_macros *macros = &facts->macros;
	long long value;
	if (fl_macro_value(&scan, "POOL_NX_OPTIN", 0, &value) && value != 0) {
		macros->pool_nx_optin = value;
		CXCursor cursor = fl_macro_find(&scan, "POOL_NX_OPTIN")->cursor;
		if (!clang_Cursor_isNull(cursor))
			macros->pool_nx_optin_loc = fl_definition_loc(facts, main_file, cursor);
	}
	if (fl_macro_value(&scan, "POOL_NX_OPTIN_AUTO", 0, &value))
		macros->pool_nx_optin_auto = value;
	if (fl_macro_value(&scan, "NTDDI_VERSION", 0, &value))
		macros->ntddi_version = value;
	for (size_t i = 0; i < scan.count; i++) {
		fl_macro_clear(&scan.definitions[i]);
		free(scan.definitions[i].name);
	}
	free(scan.definitions);
}
