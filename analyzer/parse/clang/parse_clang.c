/* The libclang side of parsing, loaded as the module fltlint-clang.so by
 * the processes that parse (parse_setup.h says why): the PCH build, and
 * parsing and walking one unit. */
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

#include "sources/includes.h"
#include "parse/parse_setup.h"
#include "walk.h"
#include "walk_unit_macros.h"

static size_t fl_error_count(CXTranslationUnit unit)
{
	size_t errors = 0;
	for (unsigned i = 0, n = clang_getNumDiagnostics(unit); i < n; i++) {
		CXDiagnostic diagnostic = clang_getDiagnostic(unit, i);
		if (clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error)
			errors++;
		clang_disposeDiagnostic(diagnostic);
	}
	return errors;
}

/* ---- the files a unit read, for the cache (cache.h) ---- */

static void fl_inclusion_visit(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
	if (depth == 0) /* the main file */
		return;
	CXString name = clang_getFileName(file);
	const char *text = clang_getCString(name);
	if (text && text[0])
		fl_strv_push_owned(data, fl_utf8_repair(text, strlen(text)));
	clang_disposeString(name);
}

static int fl_compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fills facts->includes: the files `unit` read besides its main file, and
 * `pch_includes` (what a PCH it was parsed with read), sorted, each once. */
static void fl_collect_includes(CXTranslationUnit unit, const struct fl_strv *pch_includes,
				struct fl_tu_facts *facts)
{
	struct fl_strv found = { 0 };
	clang_getInclusions(unit, fl_inclusion_visit, &found);
	for (size_t i = 0; pch_includes && i < pch_includes->count; i++)
		fl_strv_push(&found, pch_includes->items[i]);
	if (found.count)
		qsort(found.items, found.count, sizeof(char *), fl_compare_strings);
	facts->includes = fl_xcalloc(found.count, sizeof(char *));
	for (size_t i = 0; i < found.count; i++) {
		if (facts->include_count && strcmp(facts->includes[facts->include_count - 1], found.items[i]) == 0)
			free(found.items[i]);
		else
			facts->includes[facts->include_count++] = found.items[i];
	}
	free(found.items);
}

static void fl_build_pch(struct fl_parse_setup *setup, enum fl_language language, const char *prelude, FILE *log)
{
	struct fl_strv args = { 0 };
	for (size_t i = 0; i < setup->args.count; i++)
		fl_strv_push(&args, setup->args.items[i]);
	fl_language_args(language, true, &args);
	const char **argv = fl_xcalloc(args.count, sizeof(char *));
	for (size_t i = 0; i < args.count; i++)
		argv[i] = args.items[i];

	CXIndex index = clang_createIndex(0, 0);
	CXTranslationUnit unit = NULL;
	enum CXErrorCode code = clang_parseTranslationUnit2(
		index, prelude, argv, (int)args.count, NULL, 0,
		CXTranslationUnit_ForSerialization | CXTranslationUnit_DetailedPreprocessingRecord |
			CXTranslationUnit_Incomplete,
		&unit);
	char *pch = fl_xasprintf("%s/prelude-%s.pch", setup->work_dir, fl_language_flag[language]);
	if (code != CXError_Success || !unit || fl_error_count(unit) > 0) {
		/* A user's own WDK headers may not precompile this way: each unit
		 * of this language then parses the headers itself, slower but just
		 * as right.  The PCH is one per language, so the message names it:
		 * the WDK headers as C++ failing leaves the C units their PCH. */
		fprintf(log, "fltlint: the WDK headers did not precompile as %s (%s); %s units parse without a PCH\n",
			fl_language_name[language], code != CXError_Success ? "libclang failed" : "errors in the headers",
			fl_language_name[language]);
	} else if (clang_saveTranslationUnit(unit, pch, clang_defaultSaveOptions(unit)) != CXSaveError_None) {
		fprintf(log, "fltlint: cannot save %s; parsing without a PCH\n", pch);
	} else {
		setup->pch[language] = pch;
		pch = NULL;
		clang_getInclusions(unit, fl_inclusion_visit, &setup->pch_includes[language]);
	}
	free(pch);
	if (unit)
		clang_disposeTranslationUnit(unit);
	clang_disposeIndex(index);
	free(argv);
	fl_strv_free(&args);
}

struct fl_outside_visit {
	const struct fl_strv *roots;
	const char *absolute;
	char *found;
	unsigned line;
};

static void fl_outside_visit(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
	struct fl_outside_visit *visit = data;
	if (depth == 0 || visit->found)
		return;
	CXString name = clang_getFileName(file);
	const char *text = clang_getCString(name);
	if (text && text[0] && !fl_include_allowed(visit->roots, text)) {
		/* stack[0]: the #include that read it. */
		CXFile includer = NULL;
		unsigned line = 0;
		clang_getSpellingLocation(stack[0], &includer, &line, NULL, NULL);
		CXString includer_name = clang_getFileName(includer);
		const char *where = clang_getCString(includer_name);
		if (!where)
			where = "?";
		bool in_unit = strcmp(where, visit->absolute) == 0;
		visit->found = fl_include_outside_message(in_unit ? NULL : where, line, text);
		visit->line = in_unit ? line : 0;
		clang_disposeString(includer_name);
	}
	clang_disposeString(name);
}

/* After the parse, before the walk: did clang read a file outside the
 * roots (an include spelled through a macro, which no scan follows)?  The
 * message, or NULL. */
static char *fl_parse_outside_read(const struct fl_parse_setup *setup, CXTranslationUnit unit,
				   const char *absolute, unsigned *line)
{
	struct fl_outside_visit visit = { .roots = &setup->roots, .absolute = absolute };
	clang_getInclusions(unit, fl_outside_visit, &visit);
	*line = visit.line;
	return visit.found;
}

static bool fl_location_in(CXSourceLocation location, const struct fl_strv *files)
{
	CXFile spelled = NULL, expanded = NULL;
	clang_getSpellingLocation(location, &spelled, NULL, NULL, NULL);
	clang_getExpansionLocation(location, &expanded, NULL, NULL, NULL);
	CXFile both[] = { spelled, expanded };
	bool found = false;
	for (int k = 0; k < 2 && !found; k++) {
		if (!both[k])
			continue;
		CXString name = clang_getFileName(both[k]);
		const char *text = clang_getCString(name);
		for (size_t i = 0; text && i < files->count && !found; i++)
			found = strcmp(files->items[i], text) == 0;
		clang_disposeString(name);
	}
	return found;
}

static bool fl_diagnostic_touches(CXDiagnostic diagnostic, const struct fl_strv *files)
{
	if (fl_location_in(clang_getDiagnosticLocation(diagnostic), files))
		return true;
	CXDiagnosticSet notes = clang_getChildDiagnostics(diagnostic);
	bool found = false;
	for (unsigned i = 0, n = clang_getNumDiagnosticsInSet(notes); i < n && !found; i++) {
		CXDiagnostic note = clang_getDiagnosticInSet(notes, i);
		found = fl_diagnostic_touches(note, files);
		clang_disposeDiagnostic(note);
	}
	return found;
}

/* Does an error of `unit` lie, or point, in one of `files` (what the PCH
 * read)?  Then the PCH may be its cause: the prelude holds headers the
 * unit does not include (a macro such as stdio.h's EOF meets a variable of
 * that name), or declarations the unit's own ones conflict with. */
static bool fl_errors_touch(CXTranslationUnit unit, const struct fl_strv *files)
{
	bool found = false;
	for (unsigned i = 0, n = clang_getNumDiagnostics(unit); i < n && !found; i++) {
		CXDiagnostic diagnostic = clang_getDiagnostic(unit, i);
		found = clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error &&
			fl_diagnostic_touches(diagnostic, files);
		clang_disposeDiagnostic(diagnostic);
	}
	return found;
}

static struct fl_tu_facts *fl_parse_with(const struct fl_parse_setup *setup, const char *path, const char *text,
					 size_t text_length, bool use_pch, char **error, unsigned *error_line,
					 bool *refused, bool *errors_touch_pch)
{
	struct fl_strv args = { 0 };
	fl_unit_args(setup, path, use_pch, &args);
	char *absolute = fl_absolute_path(path);
	/* excludeDeclarationsFromPCH: the walk's top-level visit then sees only
	 * the unit's own declarations and preprocessing entities, not the ~32k
	 * the PCH holds (deserializing those was ~85% of a unit's time).
	 * KeepGoing: past a fatal error (a project header missing here) clang
	 * goes on and recovers, and the unit is analyzed from that AST. */
	CXIndex index = clang_createIndex(1, 0);
	CXTranslationUnit unit = NULL;
	struct CXUnsavedFile unsaved = { .Filename = absolute, .Contents = text, .Length = (unsigned long)text_length };
	enum CXErrorCode code = clang_parseTranslationUnit2(
		index, absolute, (const char *const *)args.items, (int)args.count, text ? &unsaved : NULL, text ? 1 : 0,
		CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing, &unit);
	struct fl_tu_facts *facts = NULL;
	*refused = false;
	*errors_touch_pch = false;
	if (code == CXError_Success && unit && (*error = fl_parse_outside_read(setup, unit, absolute, error_line))) {
		*refused = true;
		/* Read outside the roots (an include spelled through a macro):
		 * nothing of the unit is walked, and clang's diagnostics, which may
		 * quote that file, are dropped with it. */
	} else if (code == CXError_Success && unit) {
		facts = fl_walk_unit(unit, absolute, path);
		fl_walk_unit_macros(unit, clang_getFile(unit, absolute), (const char *const *)args.items, args.count,
				    facts);
		enum fl_language language = fl_language_of(path);
		bool with_pch = use_pch && setup->pch[language];
		fl_collect_includes(unit, with_pch ? &setup->pch_includes[language] : NULL, facts);
		*errors_touch_pch = with_pch && facts->error_count > 0 &&
				    fl_errors_touch(unit, &setup->pch_includes[language]);
	} else {
		*error = fl_xstrdup(code == CXError_Crashed ? FL_PARSE_CRASHED
				    : code == CXError_ASTReadError ? "libclang could not read the precompiled WDK headers"
								   : "libclang could not parse this file");
	}
	if (unit)
		clang_disposeTranslationUnit(unit);
	clang_disposeIndex(index);
	free(absolute);
	fl_strv_free(&args);
	return facts;
}

__attribute__((visibility("default"))) const struct fl_parse_module fl_parse_module_entry = {
	.size_check = FL_PARSE_MODULE_SIZE_CHECK,
	.build_pch = fl_build_pch,
	.parse = fl_parse_with,
};
