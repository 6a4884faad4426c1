#include "includes.h"

#include <dirent.h>
#include <limits.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool fl_is_file(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

static char *fl_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? fl_xstrndup(path, (size_t)(slash - path)) : fl_xstrdup(".");
}

static const char *fl_base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* `dir`/`relative`, each component matched without regard to case where the
 * exact name is absent.  NULL when some component matches nothing. */
static char *fl_resolve_nocase(const char *dir, const char *relative)
{
	char *current = fl_xstrdup(dir);
	char *rest = fl_xstrdup(relative);
	char *save = NULL;
	for (char *part = strtok_r(rest, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
		char *exact = fl_xasprintf("%s/%s", current, part);
		struct stat info;
		if (strcmp(part, ".") == 0 || strcmp(part, "..") == 0 || stat(exact, &info) == 0) {
			free(current);
			current = exact;
			continue;
		}
		free(exact);
		DIR *folder = opendir(current);
		char *found = NULL;
		for (struct dirent *entry; folder && !found && (entry = readdir(folder));)
			if (fl_str_iequal(entry->d_name, part))
				found = fl_xasprintf("%s/%s", current, entry->d_name);
		if (folder)
			closedir(folder);
		free(current);
		current = found;
		if (!current)
			break;
	}
	free(rest);
	if (current && !fl_is_file(current)) {
		free(current);
		current = NULL;
	}
	return current;
}

/* Does `header` end with the components of `relative` (without regard to
 * case, `..` and `.` ignored)? */
static bool fl_suffix_matches(const char *header, const char *relative)
{
	const char *name = fl_base_of(relative);
	if (!fl_str_iequal(fl_base_of(header), name))
		return false;
	/* Compare the folder names that `relative` spells, right to left. */
	char *copy = fl_xstrdup(relative);
	char *dirs = fl_dir_of(copy);
	char *header_dir = fl_dir_of(header);
	bool ok = true;
	while (ok && strcmp(dirs, ".") != 0 && dirs[0]) {
		const char *last = fl_base_of(dirs);
		if (strcmp(last, "..") != 0 && strcmp(last, ".") != 0) {
			ok = fl_str_iequal(fl_base_of(header_dir), last);
			char *up = fl_dir_of(header_dir);
			free(header_dir);
			header_dir = up;
		}
		char *up = fl_dir_of(dirs);
		if (strcmp(up, dirs) == 0) {
			free(up);
			break;
		}
		free(dirs);
		dirs = up;
	}
	free(copy);
	free(dirs);
	free(header_dir);
	return ok;
}

static size_t fl_common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/* The project header a quoted include most likely means: the Visual Studio
 * project would have named its folder; the nearest match stands for it. */
static const char *fl_nearest_header(const struct fl_strv *headers, const char *includer_dir,
				     const char *relative)
{
	const char *best = NULL;
	size_t best_shared = 0;
	for (size_t i = 0; i < headers->count; i++) {
		if (!fl_suffix_matches(headers->items[i], relative))
			continue;
		size_t shared = fl_common_prefix(headers->items[i], includer_dir);
		if (!best || shared > best_shared) {
			best = headers->items[i];
			best_shared = shared;
		}
	}
	return best;
}

static bool fl_strv_contains(const struct fl_strv *vector, const char *text)
{
	for (size_t i = 0; i < vector->count; i++)
		if (strcmp(vector->items[i], text) == 0)
			return true;
	return false;
}

static char *fl_absolute(const char *path)
{
	if (path[0] == '/')
		return fl_xstrdup(path);
	char *cwd = getcwd(NULL, 0);
	char *absolute = fl_xasprintf("%s/%s", cwd ? cwd : ".", path);
	free(cwd);
	return absolute;
}

struct fl_resolver {
	const struct fl_strv *search_dirs;
	const struct fl_strv *project_headers; /* absolute */
	struct fl_strv queue;   /* files to scan, absolute */
	json_t *roots;          /* overlay entries */
	struct fl_strv mapped;  /* virtual paths already in the overlay */
};

/* Is `path` (however spelled) one of the analyzed tree's headers? */
static bool fl_is_project_header(const struct fl_resolver *resolver, const char *path)
{
	char *canonical = realpath(path, NULL);
	bool found = canonical && fl_strv_contains(resolver->project_headers, canonical);
	free(canonical);
	return found;
}

static void fl_map(struct fl_resolver *resolver, const char *virtual_path, const char *real)
{
	if (fl_strv_contains(&resolver->mapped, virtual_path))
		return;
	fl_strv_push(&resolver->mapped, virtual_path);
	json_array_append_new(resolver->roots, json_pack("{s:s, s:s, s:s}", "type", "file", "name",
							 virtual_path, "external-contents", real));
}

/* Resolves one include of `includer` the way clang will look it up, and maps
 * it when only a case-insensitive or nearby match exists; queues project
 * headers for scanning under the path clang will name them by, since their
 * own includes are looked up from that path's folder. */
static void fl_resolve_include(struct fl_resolver *resolver, const char *includer,
			       const char *spelled, bool quoted)
{
	/* In MSVC compatibility mode clang itself reads `\` as `/`. */
	char *relative = fl_xstrdup(spelled);
	for (char *c = relative; *c; c++)
		if (*c == '\\')
			*c = '/';
	char *includer_dir = fl_dir_of(includer);
	char *real = NULL;
	char *virtual_path = NULL;
	size_t dir_count = resolver->search_dirs->count + (quoted ? 1 : 0);
	for (size_t i = 0; i < dir_count && !real; i++) {
		const char *dir = quoted && i == 0 ? includer_dir
						   : resolver->search_dirs->items[i - (quoted ? 1 : 0)];
		char *exact = fl_xasprintf("%s/%s", dir, relative);
		if (fl_is_file(exact)) {
			real = exact;
			break;
		}
		real = fl_resolve_nocase(dir, relative);
		if (real)
			virtual_path = exact;
		else
			free(exact);
	}
	if (!real && quoted) {
		const char *near = fl_nearest_header(resolver->project_headers, includer_dir, relative);
		if (near) {
			real = fl_xstrdup(near);
			virtual_path = fl_xasprintf("%s/%s", includer_dir, relative);
		}
	}
	if (real && virtual_path) {
		/* Clang names a mapped header by its target: keep targets
		 * canonical so its folder is the one scanned here. */
		char *canonical = realpath(real, NULL);
		if (canonical) {
			free(real);
			real = canonical;
		}
		fl_map(resolver, virtual_path, real);
	}
	if (real && !fl_strv_contains(&resolver->queue, real) && fl_is_project_header(resolver, real))
		fl_strv_push(&resolver->queue, real);
	free(real);
	free(virtual_path);
	free(includer_dir);
	free(relative);
}

/* Finds `# include "x"` and `# include <x>` lines (a comment or a skipped
 * `#if` around one costs nothing: an unused mapping is harmless). */
static void fl_scan_file(struct fl_resolver *resolver, const char *path)
{
	size_t length;
	char *text = fl_read_file(path, &length);
	if (!text)
		return;
	char *line = text;
	while (line && *line) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *c = line;
		while (*c == ' ' || *c == '\t')
			c++;
		if (*c == '#') {
			c++;
			while (*c == ' ' || *c == '\t')
				c++;
			if (strncmp(c, "include", 7) == 0) {
				c += 7;
				while (*c == ' ' || *c == '\t')
					c++;
				char close = *c == '"' ? '"' : *c == '<' ? '>' : 0;
				char *end = close ? strchr(c + 1, close) : NULL;
				if (end && end > c + 1) {
					*end = '\0';
					fl_resolve_include(resolver, path, c + 1, close == '"');
				}
			}
		}
		line = next;
	}
	free(text);
}

int fl_include_overlay_write(const struct fl_strv *sources, const struct fl_strv *search_dirs,
			     const struct fl_strv *project_headers, const char *overlay_path)
{
	struct fl_strv headers = { 0 };
	for (size_t i = 0; i < project_headers->count; i++) {
		char *canonical = realpath(project_headers->items[i], NULL);
		fl_strv_push_owned(&headers, canonical ? canonical : fl_absolute(project_headers->items[i]));
	}
	struct fl_resolver resolver = { .search_dirs = search_dirs, .project_headers = &headers,
					.roots = json_array() };
	for (size_t i = 0; i < sources->count; i++)
		fl_strv_push_owned(&resolver.queue, fl_absolute(sources->items[i]));
	/* The queue grows as headers are found; each file is scanned once. */
	for (size_t i = 0; i < resolver.queue.count; i++)
		fl_scan_file(&resolver, resolver.queue.items[i]);

	int result = json_array_size(resolver.roots) ? 1 : 0;
	if (result) {
		json_t *overlay = json_pack("{s:i, s:b, s:O}", "version", 0, "use-external-names", 1,
					    "roots", resolver.roots);
		if (json_dump_file(overlay, overlay_path, JSON_INDENT(1)) != 0)
			result = -1;
		json_decref(overlay);
	}
	json_decref(resolver.roots);
	fl_strv_free(&resolver.queue);
	fl_strv_free(&resolver.mapped);
	fl_strv_free(&headers);
	return result;
}

/* The directive on `line` ("define", "include"...), its argument in *rest. */
static const char *fl_directive(char *line, char **rest)
{
	char *c = line;
	while (*c == ' ' || *c == '\t')
		c++;
	if (*c != '#')
		return NULL;
	c++;
	while (*c == ' ' || *c == '\t')
		c++;
	char *word = c;
	while (*c >= 'a' && *c <= 'z')
		c++;
	if (*c)
		*c++ = '\0';
	while (*c == ' ' || *c == '\t')
		c++;
	*rest = c;
	return word;
}

/* The headers the precompiled prelude holds, directly or through others. */
static bool fl_in_prelude(const char *header)
{
	static const char *const names[] = { "fltkernel.h", "ntifs.h", "ntddk.h", "wdm.h", "ntdef.h",
					     "ntstrsafe.h", "dontuse.h", "suppress.h" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (fl_str_iequal(header, names[i]))
			return true;
	return false;
}

/* 1: something that can change the prelude's meaning comes first (a define,
 * or another system header such as <initguid.h>); 0: a header of the
 * prelude comes first; -1: neither. */
static int fl_scan_leading(const char *path, unsigned depth)
{
	size_t length;
	char *text = depth < 8 ? fl_read_file(path, &length) : NULL;
	if (!text)
		return -1;
	int result = -1;
	char guard[256] = "";
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line && result < 0; line = strtok_r(NULL, "\n", &save)) {
		char *rest;
		const char *word = fl_directive(line, &rest);
		if (!word)
			continue;
		size_t name = strcspn(rest, " \t\r(");
		if (strcmp(word, "ifndef") == 0 && name < sizeof(guard)) {
			memcpy(guard, rest, name);
			guard[name] = '\0';
		} else if (strcmp(word, "define") == 0 || strcmp(word, "undef") == 0) {
			bool is_guard = guard[0] && strlen(guard) == name && strncmp(rest, guard, name) == 0;
			if (!is_guard)
				result = 1;
			guard[0] = '\0';
		} else if (strcmp(word, "include") == 0 && *rest == '<') {
			char *end = strchr(rest + 1, '>');
			if (end)
				*end = '\0';
			result = fl_in_prelude(rest + 1) ? 0 : 1;
		} else if (strcmp(word, "include") == 0 && *rest == '"') {
			char *end = strchr(rest + 1, '"');
			if (!end)
				continue;
			*end = '\0';
			for (char *c = rest + 1; *c; c++)
				if (*c == '\\')
					*c = '/';
			char *dir = fl_dir_of(path);
			char *header = fl_resolve_nocase(dir, rest + 1);
			if (header)
				result = fl_scan_leading(header, depth + 1);
			free(header);
			free(dir);
		}
	}
	free(text);
	return result;
}

bool fl_include_defines_before_system(const char *path)
{
	return fl_scan_leading(path, 0) == 1;
}
