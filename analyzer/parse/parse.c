#include "parse/parse.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parse/cache.h"
#include "sources/includes.h"
#include "parse/parse_setup.h"
#include "util.h"
#include "parse/wdk.h"

/* The headers nearly every minifilter starts with: precompiled once. */
static const char fl_prelude[] =
	"#include <fltKernel.h>\n"
	"#include <ntstrsafe.h>\n"
	"#include <dontuse.h>\n"
	"#include <suppress.h>\n";

/* Windows file names ignore case: `.C` is C there, not C++. */
enum fl_language fl_language_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && (fl_str_iequal(dot, ".cpp") || fl_str_iequal(dot, ".cc") || fl_str_iequal(dot, ".cxx")))
		return FL_LANGUAGE_CXX;
	return FL_LANGUAGE_C;
}

const char *const fl_language_flag[FL_LANGUAGE_COUNT] = { "c", "c++" };
const char *const fl_language_name[FL_LANGUAGE_COUNT] = { "C", "C++" };
const char *const fl_header_flag[FL_LANGUAGE_COUNT] = { "c-header", "c++-header" };

/* ---- the module (parse_setup.h) ---- */

char *fl_parse_module_path(void)
{
	char *dir = fl_executable_dir();
	char *beside = dir ? fl_xasprintf("%s/" FL_PARSE_MODULE_NAME, dir) : NULL;
	free(dir);
	if (beside && access(beside, R_OK) == 0)
		return beside;
	free(beside);
	return fl_xstrdup(FL_INSTALL_LIBDIR "/" FL_PARSE_MODULE_NAME);
}

/* Loaded once per process, on first use.  NULL when it is missing or from
 * another build, and *problem says so. */
static const struct fl_parse_module *fl_parse_module(const char **problem)
{
	static const struct fl_parse_module *module;
	static char *why;
	if (!module && !why) {
		char *path = fl_parse_module_path();
		void *handle = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
		const struct fl_parse_module *entry = handle ? dlsym(handle, FL_PARSE_MODULE_SYMBOL) : NULL;
		if (!entry)
			why = fl_xasprintf("cannot load the parser %s: %s", path, dlerror());
		else if (entry->size_check != FL_PARSE_MODULE_SIZE_CHECK)
			why = fl_xasprintf("the parser %s comes from another build of fltlint", path);
		else
			module = entry;
		free(path);
	}
	*problem = why;
	return module;
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

/* A PCH builder under way: a child process, and the pipe it answers on. */
struct fl_pch_builder {
	pid_t pid; /* 0: none */
	int answer;
};

/* Starts building the PCH in a child process: the engine never loads
 * libclang (parse_setup.h), and libclang's ~100 MB for the prelude go back
 * to the system when the child exits.  The child hands back the headers the
 * PCH read, one per line; an empty answer means no PCH (the child said why
 * in `log`).  fl_pch_builder_finish takes the answer. */
static struct fl_pch_builder fl_pch_builder_start(struct fl_parse_setup *setup, enum fl_language language,
						  const char *prelude, FILE *log)
{
	int fds[2];
	fflush(NULL);
	pid_t pid = pipe(fds) == 0 ? fork() : -1;
	if (pid < 0) {
		fprintf(log, "fltlint: cannot start the PCH builder: %s; parsing without a PCH\n", strerror(errno));
		return (struct fl_pch_builder){ 0 };
	}
	if (pid == 0) {
		close(fds[0]);
		const char *problem;
		const struct fl_parse_module *module = fl_parse_module(&problem);
		if (module)
			module->build_pch(setup, language, prelude, log);
		else
			fprintf(log, "fltlint: %s; parsing without a PCH\n", problem);
		fflush(log);
		FILE *out = fdopen(fds[1], "w");
		if (out && setup->pch[language]) {
			fputs("pch\n", out);
			for (size_t i = 0; i < setup->pch_includes[language].count; i++)
				fprintf(out, "%s\n", setup->pch_includes[language].items[i]);
		}
		_exit(out && fclose(out) == 0 ? 0 : 1);
	}
	close(fds[1]);
	return (struct fl_pch_builder){ .pid = pid, .answer = fds[0] };
}

static void fl_pch_builder_finish(struct fl_parse_setup *setup, enum fl_language language,
				  struct fl_pch_builder builder, FILE *log)
{
	if (!builder.pid)
		return;
	pid_t pid = builder.pid;
	FILE *in = fdopen(builder.answer, "r");
	char *line = NULL;
	size_t capacity = 0;
	ssize_t length;
	bool built = false;
	while (in && (length = getline(&line, &capacity, in)) > 0) {
		line[length - 1] = '\0';
		if (!built)
			built = strcmp(line, "pch") == 0;
		else
			fl_strv_push(&setup->pch_includes[language], line);
	}
	free(line);
	if (in)
		fclose(in);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (built && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		setup->pch[language] = fl_xasprintf("%s/prelude-%s.pch", setup->work_dir, fl_language_flag[language]);
	} else {
		if (built)
			fprintf(log, "fltlint: the WDK headers did not precompile as %s (the builder failed); %s units "
				"parse without a PCH\n", fl_language_name[language], fl_language_name[language]);
		fl_strv_free(&setup->pch_includes[language]);
	}
}

static void fl_push_canonical(struct fl_strv *list, const char *path);
static void fl_append_quoted(char **line, const char *arg);

/* The prelude in the run's folder, for a run without a cache: written
 * once.  Each PCH records the prelude's time and size, and libclang refuses
 * a PCH whose inputs changed: rewriting the file for the second language
 * a second later made every unit of the first fail to read its PCH (and
 * parse again without it). */
static char *fl_write_prelude(const struct fl_parse_setup *setup, FILE *log)
{
	char *prelude = fl_xasprintf("%s/prelude.h", setup->work_dir);
	if (access(prelude, F_OK) == 0) /* the run's folder is its own (mkdtemp) */
		return prelude;
	FILE *file = fopen(prelude, "w");
	if (file && fputs(fl_prelude, file) != EOF && fclose(file) == 0)
		return prelude;
	fprintf(log, "fltlint: cannot write %s: %s; parsing without a PCH\n", prelude, strerror(errno));
	free(prelude);
	return NULL;
}

/* The PCH for `language`: kept from an earlier run when the cache has it
 * (the prelude's folder in the cache then becomes a root: units read it
 * through the PCH), else built, and kept for the next run.  In two steps,
 * so that the builders of two languages can run at once: this one takes
 * the PCH from the cache or starts its builder; fl_pch_finish waits for it.
 * Returns the prelude's path (NULL when there is none). */
static char *fl_pch_start(struct fl_parse_setup *setup, enum fl_language language, struct fl_cache *cache,
			  const char *overlay, struct fl_pch_builder *builder, FILE *log)
{
	const char *flag = fl_header_flag[language];
	char *prelude = cache ? fl_cache_prelude_file(cache, fl_prelude) : NULL;
	if (prelude) {
		char *folder = fl_xstrndup(prelude, (size_t)(strrchr(prelude, '/') - prelude));
		fl_push_canonical(&setup->roots, folder);
		free(folder);
		setup->pch[language] = fl_cache_pch_find(cache, flag, fl_prelude, overlay, &setup->pch_includes[language]);
	}
	if (!prelude)
		prelude = fl_write_prelude(setup, log);
	*builder = prelude && !setup->pch[language] ? fl_pch_builder_start(setup, language, prelude, log)
						    : (struct fl_pch_builder){ 0 };
	return prelude;
}

static void fl_pch_finish(struct fl_parse_setup *setup, enum fl_language language, struct fl_cache *cache,
			  const char *overlay, char *prelude, struct fl_pch_builder builder, bool verbose, FILE *log)
{
	if (builder.pid) {
		fl_pch_builder_finish(setup, language, builder, log);
		if (cache && setup->pch[language])
			fl_cache_pch_keep(cache, fl_header_flag[language], fl_prelude, overlay, prelude,
					  setup->pch[language], &setup->pch_includes[language]);
	}
	if (verbose && prelude && setup->pch[language]) {
		/* What a comparison with clang needs to build the same PCH. */
		char *line = fl_xstrdup("clang");
		struct fl_strv args = { 0 };
		for (size_t i = 0; i < setup->args.count; i++)
			fl_strv_push(&args, setup->args.items[i]);
		fl_language_args(language, true, &args);
		fl_strv_push(&args, prelude);
		for (size_t i = 0; i < args.count; i++)
			fl_append_quoted(&line, args.items[i]);
		fprintf(log, "fltlint: the WDK headers precompile as %s: %s\n", fl_language_name[language], line);
		free(line);
		fl_strv_free(&args);
	}
	free(prelude);
}

static void fl_parse_setup_roots(struct fl_parse_setup *setup, const struct fl_parse_options *options,
				 const struct fl_sources *sources);

/* ---- CI and editors: per-source arguments (compile_commands.json, .vcxproj) ----
 *
 * A unit's own arguments follow the shared ones.  The shared PCH fits a unit
 * whose own arguments only add include folders (-I, -isystem, -iquote) that
 * hold none of the prelude's headers, or repeat shared arguments: include
 * folders do not change what the prelude means.  A define, an undefine or a
 * forced include does, and such a unit is parsed without the PCH. */

static const char *const fl_prelude_headers[] = { "fltKernel.h", "fltkernel.h", "ntifs.h", "ntddk.h", "wdm.h",
						   "ntstrsafe.h", "dontuse.h", "suppress.h" };

static bool fl_dir_shadows_prelude(const char *dir)
{
	for (size_t i = 0; i < sizeof(fl_prelude_headers) / sizeof(fl_prelude_headers[0]); i++) {
		char *path = fl_xasprintf("%s/%s", dir, fl_prelude_headers[i]);
		bool found = access(path, F_OK) == 0;
		free(path);
		if (found)
			return true;
	}
	return false;
}

static bool fl_shared_has(const struct fl_parse_setup *setup, const char *arg)
{
	for (size_t i = 0; i < setup->args.count; i++)
		if (strcmp(setup->args.items[i], arg) == 0)
			return true;
	return false;
}

static bool fl_unit_fits_pch(const struct fl_parse_setup *setup, const char *path)
{
	const struct fl_unit_args *extra = fl_unit_args_find(setup->unit_args, path);
	for (size_t i = 0; extra && i < extra->args.count; i++) {
		const char *arg = extra->args.items[i];
		const char *dir = NULL;
		if (strncmp(arg, "-I", 2) == 0 && arg[2])
			dir = arg + 2;
		else if ((strcmp(arg, "-isystem") == 0 || strcmp(arg, "-iquote") == 0) && i + 1 < extra->args.count)
			dir = extra->args.items[++i];
		if (dir) {
			if (fl_dir_shadows_prelude(dir))
				return false;
		} else if (!fl_shared_has(setup, arg)) {
			return false;
		}
	}
	return true;
}

/* Every include folder the units' own arguments name. */
static void fl_unit_search_dirs(const struct fl_unit_args_list *list, struct fl_strv *dirs)
{
	for (size_t u = 0; list && u < list->count; u++) {
		const struct fl_strv *args = &list->items[u].args;
		for (size_t i = 0; i < args->count; i++) {
			if (strncmp(args->items[i], "-I", 2) == 0 && args->items[i][2])
				fl_strv_push(dirs, args->items[i] + 2);
			else if ((strcmp(args->items[i], "-isystem") == 0 || strcmp(args->items[i], "-iquote") == 0) &&
				 i + 1 < args->count)
				fl_strv_push(dirs, args->items[++i]);
		}
	}
}

/* The units' folders and forced includes are places a unit may read from,
 * as the shared -I folders are. */
static void fl_parse_setup_unit_args(struct fl_parse_setup *setup, const struct fl_parse_options *options)
{
	setup->unit_args = options->unit_args;
	struct fl_strv dirs = { 0 };
	fl_unit_search_dirs(options->unit_args, &dirs);
	for (size_t i = 0; i < dirs.count; i++) {
		char *canonical = realpath(dirs.items[i], NULL);
		if (canonical) {
			fl_strv_push(&setup->roots, canonical);
			fl_strv_push(&setup->search_dirs, canonical);
			free(canonical);
		}
	}
	fl_strv_free(&dirs);
	for (size_t u = 0; options->unit_args && u < options->unit_args->count; u++) {
		const struct fl_strv *args = &options->unit_args->items[u].args;
		for (size_t i = 0; i + 1 < args->count; i++)
			if (strcmp(args->items[i], "-include") == 0) {
				char *canonical = realpath(args->items[i + 1], NULL);
				char *slash = canonical ? strrchr(canonical, '/') : NULL;
				if (slash) {
					*slash = '\0';
					fl_strv_push(&setup->roots, canonical[0] ? canonical : "/");
				}
				free(canonical);
			}
	}
}

struct fl_parse_setup *fl_parse_setup_new(const struct fl_parse_options *options,
					  const struct fl_sources *sources, struct fl_cache *cache, FILE *log)
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
	fl_unit_search_dirs(options->unit_args, &dirs);
	char *overlay = fl_xasprintf("%s/includes.json", work_dir);
	int mapped = fl_include_overlay_write(&sources->sources, &dirs, &sources->headers, overlay, log);
	if (mapped > 0) {
		fl_strv_push(&setup->args, "-ivfsoverlay");
		fl_strv_push(&setup->args, overlay);
		fl_strv_push(&setup->args, "-idirafter");
		fl_strv_push_owned(&setup->args, fl_xasprintf("%s/%s", work_dir, FL_INCLUDE_ANGLED_DIR));
		if (options->verbose)
			fprintf(log, "fltlint: includes spelled the Windows way are mapped by %s (kept)\n", overlay);
	} else if (mapped < 0) {
		fprintf(log, "fltlint: cannot write %s; includes are looked up as spelled\n", overlay);
	}
	char *overlay_text = mapped > 0 ? fl_read_file(overlay, NULL) : NULL;
	free(overlay);
	fl_strv_free(&dirs);

	setup->keep_overlay = options->verbose;
	fl_parse_setup_roots(setup, options, sources);
	fl_parse_setup_unit_args(setup, options);
	/* A PCH only for a language some unit would parse with: a rerun that
	 * parses only units which define something before the WDK headers
	 * (and so go without it) builds none. */
	bool wanted[FL_LANGUAGE_COUNT] = { false };
	for (size_t i = 0; i < sources->sources.count; i++) {
		const char *path = sources->sources.items[i];
		if (!wanted[fl_language_of(path)] && !fl_include_defines_before_system(path) &&
		    fl_unit_fits_pch(setup, path))
			wanted[fl_language_of(path)] = true;
	}
	/* speed: with more than one job, the C and C++ builders run at once */
	char *prelude[FL_LANGUAGE_COUNT] = { NULL };
	struct fl_pch_builder builder[FL_LANGUAGE_COUNT] = { { 0 } };
	for (int language = 0; language < FL_LANGUAGE_COUNT; language++) {
		if (!wanted[language])
			continue;
		prelude[language] = fl_pch_start(setup, (enum fl_language)language, cache, overlay_text,
						 &builder[language], log);
		if (!options->parallel_pch) {
			fl_pch_finish(setup, (enum fl_language)language, cache, overlay_text, prelude[language],
				      builder[language], options->verbose, log);
			wanted[language] = false; /* finished */
		}
	}
	for (int language = 0; language < FL_LANGUAGE_COUNT; language++)
		if (wanted[language])
			fl_pch_finish(setup, (enum fl_language)language, cache, overlay_text, prelude[language],
				      builder[language], options->verbose, log);
	free(overlay_text);
	return setup;
}

static void fl_remove_tree(const char *dir, bool keep_overlay)
{
	static const char *const names[] = { "prelude-c.pch", "prelude-c++.pch", "includes.json", "prelude.h" };
	size_t count = sizeof(names) / sizeof(names[0]) - (keep_overlay ? 2 : 0);
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
	for (int i = 0; i < FL_LANGUAGE_COUNT; i++) {
		free(setup->pch[i]);
		fl_strv_free(&setup->pch_includes[i]);
	}
	fl_strv_free(&setup->args);
	fl_strv_free(&setup->roots);
	fl_strv_free(&setup->trusted_dirs);
	fl_strv_free(&setup->search_dirs);
	free(setup);
}

void fl_language_args(enum fl_language language, bool header, struct fl_strv *args)
{
	fl_strv_push(args, "-x");
	fl_strv_push(args, header ? fl_header_flag[language] : fl_language_flag[language]);
	if (language == FL_LANGUAGE_CXX)
		fl_wdk_cxx_args(args);
}

/* The arguments for one unit, with the PCH when `use_pch` and one exists. */
void fl_unit_args(const struct fl_parse_setup *setup, const char *path, bool use_pch,
			 struct fl_strv *args)
{
	enum fl_language language = fl_language_of(path);
	for (size_t i = 0; i < setup->args.count; i++)
		fl_strv_push(args, setup->args.items[i]);
	const struct fl_unit_args *extra = fl_unit_args_find(setup->unit_args, path);
	for (size_t i = 0; extra && i < extra->args.count; i++)
		fl_strv_push(args, extra->args.items[i]);
	fl_language_args(language, false, args);
	if (use_pch && setup->pch[language]) {
		fl_strv_push(args, "-include-pch");
		fl_strv_push(args, setup->pch[language]);
	}
}

bool fl_unit_uses_pch(const struct fl_parse_setup *setup, const char *path)
{
	return setup->pch[fl_language_of(path)] && !fl_include_defines_before_system(path) &&
	       fl_unit_fits_pch(setup, path);
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

struct fl_tu_facts *fl_parse_unit(const struct fl_parse_setup *setup, const char *path, char **error)
{
	unsigned line;
	bool crashed;
	return fl_parse_unit_at(setup, path, error, &line, &crashed);
}

struct fl_tu_facts *fl_parse_unit_at(const struct fl_parse_setup *setup, const char *path, char **error,
				     unsigned *error_line, bool *crashed)
{
	enum fl_pch_use pch_use;
	return fl_parse_unit_text(setup, path, NULL, 0, error, error_line, crashed, &pch_use);
}

struct fl_tu_facts *fl_parse_unit_text(const struct fl_parse_setup *setup, const char *path, const char *text,
				       size_t text_length, char **error, unsigned *error_line, bool *crashed,
				       enum fl_pch_use *pch_use)
{
	*error = NULL;
	*error_line = 0;
	*crashed = false;
	*pch_use = FL_PCH_ABSENT;
	/* Refused before clang opens anything: an include that leaves the
	 * analyzed tree and the header folders. */
	if ((*error = fl_include_find_outside(path, &setup->search_dirs, &setup->trusted_dirs, &setup->roots,
					      error_line)))
		return NULL;
	bool have_pch = setup->pch[fl_language_of(path)] != NULL;
	bool use_pch = fl_unit_uses_pch(setup, path);
	const char *problem;
	const struct fl_parse_module *module = fl_parse_module(&problem);
	if (!module) {
		*error = fl_xasprintf("%s; not analyzed", problem);
		return NULL;
	}
	*pch_use = use_pch ? FL_PCH_USED : have_pch ? FL_PCH_UNFIT : FL_PCH_ABSENT;
	bool refused, errors_touch_pch;
	struct fl_tu_facts *facts =
		module->parse(setup, path, text, text_length, use_pch, error, error_line, &refused, &errors_touch_pch);
	if (refused)
		return NULL; /* the long way would read the same files */
	*crashed = !facts && *error && strcmp(*error, FL_PARSE_CRASHED) == 0;
	if (use_pch && !*crashed && (!facts || errors_touch_pch)) {
		/* The prelude holds headers the unit may not include, and a file
		 * may define what the headers depend on in a way the scan before
		 * the parse does not see: errors that lie or point in a header of
		 * the PCH may be its doing, so parse again the long way and
		 * believe that.  Errors wholly in the unit's own files (MSVC's C,
		 * a prototype that differs from its definition) are the same
		 * without the PCH: no second parse. */
		fl_tu_facts_free(facts);
		free(*error);
		*error = NULL;
		facts = module->parse(setup, path, text, text_length, false, error, error_line, &refused,
				      &errors_touch_pch);
		*pch_use = FL_PCH_RETRIED;
	}
	return facts;
}

/* ---- hostile input: where a unit may read from (includes.h) ---- */

static void fl_push_canonical(struct fl_strv *list, const char *path)
{
	char *canonical = realpath(path, NULL);
	if (canonical)
		fl_strv_push_owned(list, canonical);
}

/* The roots: each analyzed path (a named file with its folder), every
 * folder and file the clang arguments name (-I, -isystem, -iquote,
 * -idirafter, -include, -imacros: the user's and the WDK's), clang's
 * resource folder, the run's own folder (prelude, PCH, overlay) and
 * --allow-include folders.  System folders are trusted: not scanned. */
static void fl_parse_setup_roots(struct fl_parse_setup *setup, const struct fl_parse_options *options,
				 const struct fl_sources *sources)
{
	/* The units themselves count as named (a caller without paths names
	 * them only here). */
	size_t named = options->paths.count + sources->sources.count;
	for (size_t i = 0; i < named; i++) {
		const char *path = i < options->paths.count ? options->paths.items[i]
							     : sources->sources.items[i - options->paths.count];
		fl_push_canonical(&setup->roots, path);
		char *canonical = realpath(path, NULL);
		char *slash = canonical ? strrchr(canonical, '/') : NULL;
		struct stat info;
		if (slash && stat(canonical, &info) == 0 && !S_ISDIR(info.st_mode)) {
			*slash = '\0';
			fl_strv_push(&setup->roots, canonical[0] ? canonical : "/");
		}
		free(canonical);
	}
	static const char *const takes_path[] = { "-I", "-isystem", "-iquote", "-idirafter", "-include", "-imacros" };
	for (size_t i = 0; i < setup->args.count; i++) {
		const char *arg = setup->args.items[i];
		for (size_t k = 0; k < sizeof(takes_path) / sizeof(takes_path[0]); k++) {
			size_t length = strlen(takes_path[k]);
			if (strncmp(arg, takes_path[k], length) != 0)
				continue;
			const char *value = arg[length] ? arg + length
					    : i + 1 < setup->args.count ? setup->args.items[i + 1] : NULL;
			if (!value)
				break;
			fl_push_canonical(&setup->roots, value);
			if (strcmp(takes_path[k], "-isystem") == 0 || strcmp(takes_path[k], "-idirafter") == 0)
				fl_push_canonical(&setup->trusted_dirs, value);
			break;
		}
	}
	fl_push_canonical(&setup->roots, FL_CLANG_RESOURCE_DIR);
	fl_push_canonical(&setup->trusted_dirs, FL_CLANG_RESOURCE_DIR);
	fl_push_canonical(&setup->roots, setup->work_dir);
	for (size_t i = 0; i < options->allow_include.count; i++)
		fl_push_canonical(&setup->roots, options->allow_include.items[i]);
	fl_search_dirs(&setup->args, &setup->search_dirs);
}

bool fl_clang_arg_refused(const char *arg)
{
	/* Response files read arguments from anywhere; plugins and -mllvm load
	 * or reconfigure code; --config reads another file of arguments. */
	static const char *const refused[] = { "-Xclang", "-load", "-fplugin", "-fpass-plugin", "-mllvm",
					       "--config", "-Xanalyzer", "-ivfsoverlay", "-fmodule-file" };
	if (arg[0] == '@')
		return true;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		size_t length = strlen(refused[i]);
		if (strncmp(arg, refused[i], length) == 0 &&
		    (arg[length] == '\0' || arg[length] == '=' || strcmp(refused[i], "-fplugin") == 0 ||
		     strcmp(refused[i], "-fpass-plugin") == 0))
			return true;
	}
	return false;
}
