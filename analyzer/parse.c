#include "parse.h"

#include <clang-c/Index.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "includes.h"
#include "util.h"
#include "walk.h"
#include "wdk.h"

enum fl_language { FL_LANGUAGE_C, FL_LANGUAGE_CXX, FL_LANGUAGE_COUNT };

struct fl_parse_setup {
	struct fl_strv args; /* shared by every unit */
	char *work_dir;      /* temporary: overlay, prelude and PCHs */
	char *pch[FL_LANGUAGE_COUNT];
	bool keep_overlay;   /* --verbose: command lines name it, so it outlives the run */
};

/* The headers nearly every minifilter starts with: precompiled once. */
static const char fl_prelude[] =
	"#include <fltKernel.h>\n"
	"#include <ntstrsafe.h>\n"
	"#include <dontuse.h>\n"
	"#include <suppress.h>\n";

/* Windows file names ignore case: `.C` is C there, not C++. */
static enum fl_language fl_language_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && (fl_str_iequal(dot, ".cpp") || fl_str_iequal(dot, ".cc") || fl_str_iequal(dot, ".cxx")))
		return FL_LANGUAGE_CXX;
	return FL_LANGUAGE_C;
}

static const char *const fl_language_flag[FL_LANGUAGE_COUNT] = { "c", "c++" };
static const char *const fl_header_flag[FL_LANGUAGE_COUNT] = { "c-header", "c++-header" };

static char *fl_absolute_path(const char *path)
{
	if (path[0] == '/')
		return fl_xstrdup(path);
	char *cwd = getcwd(NULL, 0);
	char *absolute = fl_xasprintf("%s/%s", cwd ? cwd : ".", path);
	free(cwd);
	return absolute;
}

/* The folders an include is looked up in, in clang's order: -I, then system. */
static void fl_search_dirs(const struct fl_strv *args, struct fl_strv *dirs)
{
	static const char *const kinds[] = { "-I", "-isystem" };
	for (size_t k = 0; k < 2; k++) {
		size_t length = strlen(kinds[k]);
		for (size_t i = 0; i < args->count; i++) {
			const char *arg = args->items[i];
			if (strcmp(arg, kinds[k]) == 0 && i + 1 < args->count)
				fl_strv_push(dirs, args->items[++i]);
			else if (strncmp(arg, kinds[k], length) == 0 && arg[length] && k == 0)
				fl_strv_push(dirs, arg + length);
		}
	}
}

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

static void fl_build_pch(struct fl_parse_setup *setup, enum fl_language language, FILE *log)
{
	char *prelude = fl_xasprintf("%s/prelude.h", setup->work_dir);
	FILE *file = fopen(prelude, "w");
	if (!file || fputs(fl_prelude, file) == EOF || fclose(file) != 0) {
		fprintf(log, "fltlint: cannot write %s: %s\n", prelude, strerror(errno));
		free(prelude);
		return;
	}
	const char **argv = fl_xcalloc(setup->args.count + 2, sizeof(char *));
	for (size_t i = 0; i < setup->args.count; i++)
		argv[i] = setup->args.items[i];
	argv[setup->args.count] = "-x";
	argv[setup->args.count + 1] = fl_header_flag[language];

	CXIndex index = clang_createIndex(0, 0);
	CXTranslationUnit unit = NULL;
	enum CXErrorCode code = clang_parseTranslationUnit2(
		index, prelude, argv, (int)setup->args.count + 2, NULL, 0,
		CXTranslationUnit_ForSerialization | CXTranslationUnit_DetailedPreprocessingRecord |
			CXTranslationUnit_Incomplete,
		&unit);
	char *pch = fl_xasprintf("%s/prelude-%s.pch", setup->work_dir, fl_language_flag[language]);
	if (code != CXError_Success || !unit || fl_error_count(unit) > 0) {
		/* A user's own WDK headers may not precompile this way: each unit
		 * then parses the headers itself, slower but just as right. */
		fprintf(log, "fltlint: the WDK headers did not precompile (%s); parsing without a PCH\n",
			code != CXError_Success ? "libclang failed" : "errors in the headers");
	} else if (clang_saveTranslationUnit(unit, pch, clang_defaultSaveOptions(unit)) != CXSaveError_None) {
		fprintf(log, "fltlint: cannot save %s; parsing without a PCH\n", pch);
	} else {
		setup->pch[language] = pch;
		pch = NULL;
	}
	free(pch);
	if (unit)
		clang_disposeTranslationUnit(unit);
	clang_disposeIndex(index);
	free(argv);
	free(prelude);
}

struct fl_parse_setup *fl_parse_setup_new(const struct fl_engine_options *options,
					  const struct fl_sources *sources, FILE *log)
{
	const char *tmp = getenv("TMPDIR");
	char *work_dir = fl_xasprintf("%s/fltlint-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(work_dir)) {
		fprintf(log, "fltlint: cannot make a temporary folder in %s: %s\n",
			tmp && tmp[0] ? tmp : "/tmp", strerror(errno));
		free(work_dir);
		return NULL;
	}
	struct fl_parse_setup *setup = fl_xcalloc(1, sizeof(*setup));
	setup->work_dir = work_dir;
	fl_strv_push(&setup->args, "-resource-dir");
	fl_strv_push(&setup->args, FL_CLANG_RESOURCE_DIR);
	/* The user's -I and -D come first, so that they win over the defaults. */
	for (size_t i = 0; i < options->clang_args.count; i++)
		fl_strv_push(&setup->args, options->clang_args.items[i]);
	fl_wdk_default_args(&setup->args, &options->wdk_include);

	struct fl_strv dirs = { 0 };
	fl_search_dirs(&setup->args, &dirs);
	char *overlay = fl_xasprintf("%s/includes.json", work_dir);
	int mapped = fl_include_overlay_write(&sources->sources, &dirs, &sources->headers, overlay);
	if (mapped > 0) {
		fl_strv_push(&setup->args, "-ivfsoverlay");
		fl_strv_push(&setup->args, overlay);
		setup->keep_overlay = options->verbose;
		if (options->verbose)
			fprintf(log, "fltlint: includes spelled the Windows way are mapped by %s (kept)\n", overlay);
	} else if (mapped < 0) {
		fprintf(log, "fltlint: cannot write %s; includes are looked up as spelled\n", overlay);
	}
	free(overlay);
	fl_strv_free(&dirs);

	bool wanted[FL_LANGUAGE_COUNT] = { false };
	for (size_t i = 0; i < sources->sources.count; i++)
		wanted[fl_language_of(sources->sources.items[i])] = true;
	for (int language = 0; language < FL_LANGUAGE_COUNT; language++)
		if (wanted[language])
			fl_build_pch(setup, (enum fl_language)language, log);
	return setup;
}

static void fl_remove_tree(const char *dir, bool keep_overlay)
{
	static const char *const names[] = { "prelude.h", "prelude-c.pch", "prelude-c++.pch", "includes.json" };
	size_t count = sizeof(names) / sizeof(names[0]) - (keep_overlay ? 1 : 0);
	for (size_t i = 0; i < count; i++) {
		char *path = fl_xasprintf("%s/%s", dir, names[i]);
		unlink(path);
		free(path);
	}
	rmdir(dir);
}

void fl_parse_setup_free(struct fl_parse_setup *setup)
{
	if (!setup)
		return;
	fl_remove_tree(setup->work_dir, setup->keep_overlay);
	free(setup->work_dir);
	for (int i = 0; i < FL_LANGUAGE_COUNT; i++)
		free(setup->pch[i]);
	fl_strv_free(&setup->args);
	free(setup);
}

/* The arguments for one unit, with the PCH when `use_pch` and one exists. */
static void fl_unit_args(const struct fl_parse_setup *setup, const char *path, bool use_pch,
			 struct fl_strv *args)
{
	enum fl_language language = fl_language_of(path);
	for (size_t i = 0; i < setup->args.count; i++)
		fl_strv_push(args, setup->args.items[i]);
	fl_strv_push(args, "-x");
	fl_strv_push(args, fl_language_flag[language]);
	if (use_pch && setup->pch[language]) {
		fl_strv_push(args, "-include-pch");
		fl_strv_push(args, setup->pch[language]);
	}
}

static void fl_append_quoted(char **line, const char *arg)
{
	bool plain = arg[0] != '\0';
	for (const char *c = arg; *c && plain; c++)
		plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./:+,@%", *c) != NULL;
	char *quoted;
	if (plain) {
		quoted = fl_xstrdup(arg);
	} else {
		/* Single quotes, each ' written as '\'' */
		size_t length = strlen(arg);
		quoted = fl_xmalloc(length * 4 + 3);
		char *out = quoted;
		*out++ = '\'';
		for (const char *c = arg; *c; c++) {
			if (*c == '\'') {
				memcpy(out, "'\\''", 4);
				out += 4;
			} else {
				*out++ = *c;
			}
		}
		*out++ = '\'';
		*out = '\0';
	}
	char *joined = fl_xasprintf("%s %s", *line, quoted);
	free(*line);
	free(quoted);
	*line = joined;
}

char *fl_parse_command_line(const struct fl_parse_setup *setup, const char *path)
{
	/* Without the PCH, which is deleted with the run and changes nothing:
	 * a unit it would not fit is parsed without it anyway. */
	struct fl_strv args = { 0 };
	fl_unit_args(setup, path, false, &args);
	char *line = fl_xstrdup("clang -fsyntax-only");
	for (size_t i = 0; i < args.count; i++)
		fl_append_quoted(&line, args.items[i]);
	fl_append_quoted(&line, path);
	fl_strv_free(&args);
	return line;
}

static struct fl_tu_facts *fl_parse_with(const struct fl_parse_setup *setup, const char *path,
					 bool use_pch, char **error)
{
	struct fl_strv args = { 0 };
	fl_unit_args(setup, path, use_pch, &args);
	char *absolute = fl_absolute_path(path);
	CXIndex index = clang_createIndex(0, 0);
	CXTranslationUnit unit = NULL;
	enum CXErrorCode code = clang_parseTranslationUnit2(
		index, absolute, (const char *const *)args.items, (int)args.count, NULL, 0,
		CXTranslationUnit_DetailedPreprocessingRecord, &unit);
	struct fl_tu_facts *facts = NULL;
	if (code == CXError_Success && unit) {
		facts = fl_walk_unit(unit, absolute, path);
	} else {
		*error = fl_xstrdup(code == CXError_Crashed ? "libclang crashed while parsing this file"
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

struct fl_tu_facts *fl_parse_unit(const struct fl_parse_setup *setup, const char *path, char **error)
{
	*error = NULL;
	bool use_pch = setup->pch[fl_language_of(path)] && !fl_include_defines_before_system(path);
	struct fl_tu_facts *facts = fl_parse_with(setup, path, use_pch, error);
	if (use_pch && (!facts || facts->error_count > 0)) {
		/* A file that defines what the headers depend on before including
		 * them (RTL_USE_AVL_TABLES, say) sees other headers than the PCH
		 * holds: parse it again the long way, and believe that. */
		fl_tu_facts_free(facts);
		free(*error);
		*error = NULL;
		facts = fl_parse_with(setup, path, false, error);
	}
	return facts;
}
