/* The project (project.h): root, relative paths, user-mode sources and
 * Windows path spellings. */
#include "sources/project.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *fl_cwd(void)
{
	char *cwd = getcwd(NULL, 0);
	return cwd ? cwd : fl_xstrdup(".");
}

static char *fl_absolute(const char *path)
{
	char resolved[PATH_MAX];
	if (realpath(path, resolved))
		return fl_xstrdup(resolved);
	if (path[0] == '/')
		return fl_xstrdup(path);
	char *cwd = fl_cwd();
	char *joined = fl_xasprintf("%s/%s", cwd, path);
	free(cwd);
	return joined;
}

char *fl_project_root(const char *explicit_root, const char *config_path)
{
	if (explicit_root)
		return fl_absolute(explicit_root);
	if (config_path) {
		char *absolute = fl_absolute(config_path);
		char *slash = strrchr(absolute, '/');
		if (slash && slash != absolute)
			*slash = '\0';
		else if (slash)
			slash[1] = '\0';
		return absolute;
	}
	char *cwd = fl_absolute(".");
	char *dir = fl_xstrdup(cwd);
	for (;;) {
		char *git = fl_xasprintf("%s/.git", dir);
		struct stat info;
		bool found = stat(git, &info) == 0;
		free(git);
		if (found) {
			free(cwd);
			return dir;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	free(dir);
	return cwd;
}

bool fl_project_inside(const char *root, const char *path)
{
	char *absolute = fl_absolute(path);
	size_t length = strlen(root);
	bool inside = strncmp(absolute, root, length) == 0 && (absolute[length] == '/' || length == 1);
	free(absolute);
	return inside;
}

char *fl_project_relative(const char *root, const char *path)
{
	char *absolute = fl_absolute(path);
	size_t length = strlen(root);
	if (strcmp(root, "/") == 0 && absolute[0] == '/') {
		char *relative = fl_xstrdup(absolute + 1);
		free(absolute);
		return relative;
	}
	if (strncmp(absolute, root, length) == 0 && absolute[length] == '/') {
		char *relative = fl_xstrdup(absolute + length + 1);
		free(absolute);
		return relative;
	}
	return absolute;
}

/* The name inside `#include <...>` or "..." on a line as spelled, or ""
 * (*quoted says which form). */
static void fl_include_name(const char *line, const char *end, char *name, size_t size, bool *quoted)
{
	name[0] = '\0';
	const char *p = line;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p >= end || *p != '#')
		return;
	p++;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (end - p < 7 || strncmp(p, "include", 7) != 0)
		return;
	p += 7;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p >= end || (*p != '<' && *p != '"'))
		return;
	char close = *p == '<' ? '>' : '"';
	*quoted = close == '"';
	p++;
	size_t n = 0;
	while (p < end && *p != close && n + 1 < size)
		name[n++] = *p++;
	name[n] = '\0';
}

static bool fl_name_in(const char *name, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (fl_str_iequal(name, list[i]))
			return true;
	return false;
}

/* What the includes of a file and of the project headers it includes say. */
struct fl_mode_scan {
	bool user;   /* <windows.h> or the C++ library */
	bool kernel; /* a kernel header */
	struct fl_strv visited; /* canonical */
	const struct fl_strv *tree_headers; /* canonical: the only files followed */
};

/* Project headers nest a few deep (stdafx.h, pch.h, a shared header); the
 * bound only stops a pathological tree. */
#define FL_MODE_SCAN_MAX_FILES 64

static bool fl_strv_has(const struct fl_strv *list, const char *text)
{
	for (size_t i = 0; list && i < list->count; i++)
		if (strcmp(list->items[i], text) == 0)
			return true;
	return false;
}

static void fl_mode_scan_file(struct fl_mode_scan *scan, const char *path, bool is_source)
{
	static const char *const kernel[] = { "fltkernel.h", "ntifs.h", "ntddk.h", "wdm.h", "ntosp.h" };
	/* The C++ library a control app or test uses; no kernel-mode code has them. */
	static const char *const user[] = { "windows.h", "iostream", "sstream", "fstream", "string", "vector",
					    "map", "thread", "mutex", "memory", "iomanip", "regex", "filesystem",
					    "atlbase.h", "tchar.h" };
	char *canonical = realpath(path, NULL);
	if (!canonical || scan->visited.count >= FL_MODE_SCAN_MAX_FILES || fl_strv_has(&scan->visited, canonical) ||
	    (!is_source && !fl_strv_has(scan->tree_headers, canonical))) {
		free(canonical);
		return;
	}
	fl_strv_push_owned(&scan->visited, canonical);
	size_t length = 0;
	char *text = fl_read_file(path, &length);
	if (!text)
		return;
	char *dir = fl_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	for (const char *line = text + fl_bom_length(text, length); line < text + length && !scan->kernel;) {
		const char *end = memchr(line, '\n', (size_t)(text + length - line));
		if (!end)
			end = text + length;
		char name[256];
		bool quoted = false;
		fl_include_name(line, end, name, sizeof(name), &quoted);
		/* The base name: "..\inc\windows.h" is still windows.h. */
		const char *base = name;
		for (const char *c = name; *c; c++)
			if (*c == '/' || *c == '\\')
				base = c + 1;
		if (fl_name_in(base, kernel, sizeof(kernel) / sizeof(kernel[0])))
			scan->kernel = true;
		else if (fl_name_in(base, user, sizeof(user) / sizeof(user[0])))
			scan->user = true;
		else if (quoted && name[0]) {
			/* A project header (stdafx.h, pch.h, the app's own): as MSVC
			 * finds it beside the includer, in any case. */
			char *header = fl_project_resolve(slash ? dir : ".", name);
			fl_mode_scan_file(scan, header, false);
			free(header);
		}
		line = end + 1;
	}
	free(dir);
	free(text);
}

bool fl_project_is_user_mode(const char *path, const struct fl_strv *tree_headers)
{
	struct fl_mode_scan scan = { .tree_headers = tree_headers };
	fl_mode_scan_file(&scan, path, true);
	fl_strv_free(&scan.visited);
	return scan.user && !scan.kernel;
}

/* The entry of `dir` named `name` regardless of case, or NULL. */
static char *fl_find_icase(const char *dir, const char *name)
{
	DIR *handle = opendir(dir[0] ? dir : "/");
	if (!handle)
		return NULL;
	char *found = NULL;
	struct dirent *entry;
	while ((entry = readdir(handle)))
		if (fl_str_iequal(entry->d_name, name)) {
			found = fl_xstrdup(entry->d_name);
			break;
		}
	closedir(handle);
	return found;
}

char *fl_project_resolve(const char *base, const char *windows_path)
{
	char *path = fl_xstrdup(windows_path);
	for (char *c = path; *c; c++)
		if (*c == '\\')
			*c = '/';
	/* "C:/..." cannot exist here: keep it as written (the caller says so). */
	char *joined = path[0] == '/' || (isalpha((unsigned char)path[0]) && path[1] == ':')
			       ? fl_xstrdup(path)
			       : fl_xasprintf("%s/%s", base, path);
	free(path);
	struct stat info;
	if (stat(joined, &info) == 0) {
		/* "a/../b" as "b": paths show as the file system names them. */
		char *canonical = realpath(joined, NULL);
		if (canonical) {
			free(joined);
			return canonical;
		}
		return joined;
	}
	/* Component by component, matching case where the spelling fails. */
	char *result = fl_xstrdup(joined[0] == '/' ? "" : ".");
	char *copy = fl_xstrdup(joined);
	char *save = NULL;
	bool lost = false;
	for (char *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
		char *next = fl_xasprintf("%s/%s", result, part);
		if (!lost && stat(next, &info) != 0 && strcmp(part, ".") != 0 && strcmp(part, "..") != 0) {
			char *match = fl_find_icase(result, part);
			if (match) {
				free(next);
				next = fl_xasprintf("%s/%s", result, match);
				free(match);
			} else {
				lost = true;
			}
		}
		free(result);
		result = next;
	}
	free(copy);
	if (lost) {
		free(result);
		return joined;
	}
	free(joined);
	char *canonical = realpath(result, NULL);
	if (canonical) {
		free(result);
		return canonical;
	}
	if (strncmp(result, "./", 2) == 0) {
		char *trimmed = fl_xstrdup(result + 2);
		free(result);
		return trimmed;
	}
	return result;
}
