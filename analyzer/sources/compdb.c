/* compile_commands.json (compdb.h) and the small cl.exe-to-clang
 * translation it needs. */
#include "sources/compdb.h"

#include <ctype.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sources/discover.h"
#include "sources/project.h"

/* ---- unit_args.h ---- */

void fl_unit_args_add(struct fl_unit_args_list *list, const char *path, struct fl_strv *args)
{
	if (fl_unit_args_find(list, path)) {
		fl_strv_free(args);
		return;
	}
	FL_GROW(list->items, list->capacity, list->count + 1);
	list->items[list->count++] = (struct fl_unit_args){ fl_xstrdup(path), *args };
	memset(args, 0, sizeof(*args));
}

const struct fl_unit_args *fl_unit_args_find(const struct fl_unit_args_list *list, const char *path)
{
	if (!list)
		return NULL;
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].path, path) == 0)
			return &list->items[i];
	struct stat want;
	if (stat(path, &want) != 0)
		return NULL;
	for (size_t i = 0; i < list->count; i++) {
		struct stat have;
		if (stat(list->items[i].path, &have) == 0 && have.st_dev == want.st_dev && have.st_ino == want.st_ino)
			return &list->items[i];
	}
	return NULL;
}

void fl_unit_args_free(struct fl_unit_args_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].path);
		fl_strv_free(&list->items[i].args);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

char *fl_unit_display_path(const char *absolute)
{
	char *cwd = getcwd(NULL, 0);
	size_t length = cwd ? strlen(cwd) : 0;
	char *shown = cwd && strncmp(absolute, cwd, length) == 0 && absolute[length] == '/'
			      ? fl_xstrdup(absolute + length + 1)
			      : fl_xstrdup(absolute);
	free(cwd);
	return shown;
}

/* ---- splitting ---- */

void fl_compdb_split(const char *command, bool windows, struct fl_strv *out)
{
	const char *p = command;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		size_t capacity = strlen(p) + 1, n = 0;
		char *arg = fl_xmalloc(capacity);
		bool quoted = false;
		char quote = 0;
		while (*p) {
			if (windows) {
				/* CommandLineToArgvW: 2n backslashes + " -> n and a quote
				 * toggle; 2n+1 + " -> n and a literal quote; others literal. */
				if (*p == '\\') {
					size_t slashes = 0;
					while (p[slashes] == '\\')
						slashes++;
					if (p[slashes] == '"') {
						for (size_t i = 0; i < slashes / 2; i++)
							arg[n++] = '\\';
						p += slashes;
						if (slashes % 2) {
							arg[n++] = '"';
							p++;
						}
						continue;
					}
					for (size_t i = 0; i < slashes; i++)
						arg[n++] = '\\';
					p += slashes;
					continue;
				}
				if (*p == '"') {
					if (quoted && p[1] == '"') { /* "" inside quotes: a literal quote */
						arg[n++] = '"';
						p += 2;
						continue;
					}
					quoted = !quoted;
					p++;
					continue;
				}
				if (!quoted && (*p == ' ' || *p == '\t'))
					break;
				arg[n++] = *p++;
				continue;
			}
			/* POSIX shell words: '...' literal, "..." with \ before " \ $ `. */
			if (quote == '\'') {
				if (*p == '\'')
					quote = 0;
				else
					arg[n++] = *p;
				p++;
			} else if (quote == '"') {
				if (*p == '"') {
					quote = 0;
					p++;
				} else if (*p == '\\' && p[1] && strchr("\"\\$`", p[1])) {
					arg[n++] = p[1];
					p += 2;
				} else {
					arg[n++] = *p++;
				}
			} else if (*p == '\'' || *p == '"') {
				quote = *p++;
			} else if (*p == '\\' && p[1]) {
				arg[n++] = p[1];
				p += 2;
			} else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				break;
			} else {
				arg[n++] = *p++;
			}
		}
		arg[n] = '\0';
		fl_strv_push_owned(out, arg);
	}
}

/* ---- translating ---- */

static bool fl_is_cl(const char *compiler)
{
	const char *slash = strrchr(compiler, '/');
	const char *backslash = strrchr(compiler, '\\');
	const char *base = slash > backslash ? slash + 1 : backslash ? backslash + 1 : compiler;
	return fl_str_iequal(base, "cl") || fl_str_iequal(base, "cl.exe") || fl_str_iequal(base, "clang-cl") ||
	       fl_str_iequal(base, "clang-cl.exe");
}

static char *fl_path_in(const char *directory, const char *path)
{
	return fl_project_resolve(directory, path);
}

/* The value of a flag written joined (`-Idir`) or separate (`-I dir`). */
static const char *fl_flag_value(const struct fl_strv *argv, size_t *i, size_t prefix)
{
	const char *arg = argv->items[*i];
	if (arg[prefix])
		return arg + prefix;
	if (*i + 1 < argv->count)
		return argv->items[++*i];
	return NULL;
}

static int fl_refuse(const char *arg, char **error)
{
	if (arg[0] == '@') {
		*error = fl_xasprintf("refused: response file '%s' (fltlint reads commands, it does not run them; "
				      "expand it into the database)", arg);
		return -1;
	}
	if (strcmp(arg, "-Xclang") == 0 || strcmp(arg, "-load") == 0 || fl_str_starts_with(arg, "-fplugin") ||
	    strcmp(arg, "/Xclang") == 0 || fl_str_starts_with(arg, "-Xclang=")) {
		*error = fl_xasprintf("refused: '%s' (it passes internal or plugin-loading options to clang)", arg);
		return -1;
	}
	return 0;
}

static void fl_push_define(struct fl_strv *out, const char *flag, const char *value, bool cl)
{
	char *copy = fl_xstrdup(value);
	if (cl) {
		/* cl: /DNAME#VALUE is NAME=VALUE. */
		char *hash = strchr(copy, '#');
		if (hash && !strchr(copy, '='))
			*hash = '=';
	}
	fl_strv_push_owned(out, fl_xasprintf("%s%s", flag, copy));
	free(copy);
}

int fl_compdb_translate(const struct fl_strv *argv, const char *directory, struct fl_strv *out, char **error)
{
	bool cl = argv->count && fl_is_cl(argv->items[0]);
	for (size_t i = 1; i < argv->count; i++)
		if (strcmp(argv->items[i], "--driver-mode=cl") == 0)
			cl = true;
	for (size_t i = 1; i < argv->count; i++) {
		const char *arg = argv->items[i];
		if (fl_refuse(arg, error) != 0)
			return -1;
		bool slash = cl && arg[0] == '/' && arg[1];
		bool dash = arg[0] == '-';
		if (!slash && !dash)
			continue; /* the source itself, or a value we skip */
		const char *name = arg + 1;
		const char *value;
		if (cl && strncmp(name, "clang:", 6) == 0) {
			if (fl_refuse(name + 6, error) != 0)
				return -1;
			continue;
		}
		if (name[0] == 'I' && (value = fl_flag_value(argv, &i, 2))) {
			char *dir = fl_path_in(directory, value);
			fl_strv_push_owned(out, fl_xasprintf("-I%s", dir));
			free(dir);
		} else if (name[0] == 'D' && (value = fl_flag_value(argv, &i, 2))) {
			fl_push_define(out, "-D", value, cl);
		} else if (name[0] == 'U' && (value = fl_flag_value(argv, &i, 2))) {
			fl_strv_push_owned(out, fl_xasprintf("-U%s", value));
		} else if ((strcmp(name, "isystem") == 0 || (cl && strcmp(name, "external:I") == 0) ||
			    strcmp(name, "iquote") == 0 || strcmp(name, "idirafter") == 0) && i + 1 < argv->count) {
			bool quote = strcmp(name, "iquote") == 0;
			fl_strv_push(out, quote ? "-iquote" : "-isystem");
			fl_strv_push_owned(out, fl_path_in(directory, argv->items[++i]));
		} else if (cl && strncmp(name, "external:I", 10) == 0 && name[10]) {
			fl_strv_push(out, "-isystem");
			fl_strv_push_owned(out, fl_path_in(directory, name + 10));
		} else if (!cl && strcmp(name, "include") == 0 && i + 1 < argv->count) {
			fl_strv_push(out, "-include");
			fl_strv_push_owned(out, fl_path_in(directory, argv->items[++i]));
		} else if (cl && strncmp(name, "FI", 2) == 0 && (value = fl_flag_value(argv, &i, 3))) {
			fl_strv_push(out, "-include");
			fl_strv_push_owned(out, fl_path_in(directory, value));
		} else if (!cl && (strcmp(name, "o") == 0 || strcmp(name, "MF") == 0 || strcmp(name, "MT") == 0 ||
				   strcmp(name, "MQ") == 0 || strcmp(name, "x") == 0 || strcmp(name, "target") == 0)) {
			i++; /* a flag whose separate value is not a source */
		}
		/* Everything else (optimization, warnings, code generation,
		 * output) does not change what the source means to the rules. */
	}
	return 0;
}

int fl_compdb_load(const char *path, struct fl_unit_args_list *out, struct fl_input_errors *errors, char **error)
{
	struct stat info;
	char *file = stat(path, &info) == 0 && S_ISDIR(info.st_mode)
			     ? fl_xasprintf("%s/compile_commands.json", path)
			     : fl_xstrdup(path);
	json_error_t json_error;
	json_t *root = json_load_file(file, 0, &json_error);
	if (!root || !json_is_array(root)) {
		*error = root ? fl_xasprintf("%s: not a compilation database (a JSON array)", file)
			      : fl_xasprintf("%s: %s", file, json_error.text);
		json_decref(root);
		free(file);
		return -1;
	}
	char *base = fl_project_root(NULL, file); /* the database's folder, absolute */
	size_t index;
	json_t *entry;
	json_array_foreach(root, index, entry) {
		const char *directory = NULL, *source = NULL, *command = NULL;
		json_t *arguments = NULL;
		if (json_unpack_ex(entry, &json_error, 0, "{s:s, s:s, s?s, s?o}", "directory", &directory, "file",
				   &source, "command", &command, "arguments", &arguments) != 0 ||
		    (!command && !json_is_array(arguments))) {
			fl_input_error_add(errors, file, "entry %zu: %s", index + 1,
					   command || arguments ? json_error.text
								: "has neither \"arguments\" nor \"command\"");
			continue;
		}
		char *dir = directory[0] == '/' ? fl_xstrdup(directory) : fl_project_resolve(base, directory);
		char *source_path = fl_project_resolve(dir, source);
		struct fl_strv argv = { 0 };
		if (json_is_array(arguments)) {
			size_t k;
			json_t *arg;
			json_array_foreach(arguments, k, arg)
				fl_strv_push(&argv, json_is_string(arg) ? json_string_value(arg) : "");
		} else {
			/* Split the POSIX way first only to see the compiler. */
			struct fl_strv first = { 0 };
			fl_compdb_split(command, false, &first);
			bool windows = first.count && fl_is_cl(first.items[0]);
			fl_strv_free(&first);
			if (!windows) {
				struct fl_strv windows_first = { 0 };
				fl_compdb_split(command, true, &windows_first);
				windows = windows_first.count && fl_is_cl(windows_first.items[0]);
				fl_strv_free(&windows_first);
			}
			fl_compdb_split(command, windows, &argv);
		}
		struct fl_strv args = { 0 };
		char *problem = NULL;
		char *shown = fl_unit_display_path(source_path);
		struct stat source_info;
		if (fl_file_kind(source_path) != FL_FILE_SOURCE) {
			/* Assembly, resources: not ours. */
		} else if (fl_compdb_translate(&argv, dir, &args, &problem) != 0) {
			fl_input_error_add(errors, shown, "%s (from %s)", problem, file);
		} else if (stat(source_path, &source_info) != 0) {
			fl_input_error_add(errors, shown, "cannot read: listed in %s but missing", file);
		} else {
			fl_unit_args_add(out, shown, &args);
		}
		free(problem);
		free(shown);
		fl_strv_free(&args);
		fl_strv_free(&argv);
		free(source_path);
		free(dir);
	}
	json_decref(root);
	free(base);
	free(file);
	return 0;
}
