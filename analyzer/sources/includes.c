#include "sources/includes.h"

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

struct fl_resolver {
	const struct fl_strv *search_dirs;
	char *angled_dir;       /* where angled includes of project headers are mapped */
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

/* clang names a mapped header by its virtual path and looks up the header's
 * own quoted includes from that path's folder: the headers beside `real`
 * are mapped beside `virtual_path` too. */
static void fl_map_siblings(struct fl_resolver *resolver, const char *virtual_path, const char *real)
{
	char *real_dir = fl_dir_of(real);
	char *virtual_dir = fl_dir_of(virtual_path);
	for (size_t i = 0; i < resolver->project_headers->count; i++) {
		const char *header = resolver->project_headers->items[i];
		char *dir = fl_dir_of(header);
		if (strcmp(dir, real_dir) == 0) {
			char *beside = fl_xasprintf("%s/%s", virtual_dir, fl_base_of(header));
			fl_map(resolver, beside, header);
			free(beside);
		}
		free(dir);
	}
	free(virtual_dir);
	free(real_dir);
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
	if (!real) {
		/* The Visual Studio project's include folders, which we do not
		 * know, stand behind both spellings: a quoted include is mapped
		 * beside its includer, an angled one (<KTL\\KTL.Type.h>,
		 * <ProjectMain.h>) in the folder searched last, so that no system
		 * header is shadowed. */
		const char *near = fl_nearest_header(resolver->project_headers, includer_dir, relative);
		if (near) {
			real = fl_xstrdup(near);
			virtual_path = fl_xasprintf("%s/%s", quoted ? includer_dir : resolver->angled_dir, relative);
			if (!quoted)
				fl_map_siblings(resolver, virtual_path, near);
		}
	}
	if (real) {
		/* Canonical, whether mapped or found as spelled: clang names a
		 * mapped header by its target, and `a/../b` spellings of one file
		 * must be one name, or headers that include each other through
		 * `../` make ever longer names for the same files. */
		char *canonical = realpath(real, NULL);
		if (canonical) {
			free(real);
			real = canonical;
		}
	}
	if (real && virtual_path)
		fl_map(resolver, virtual_path, real);
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
	char *line = text + fl_bom_length(text, length);
	const char *end = text + length;
	while (line && line < end) {
		/* memchr, not strchr: the length is known (a 50 MB file is one
		 * pass, even under a sanitizer's strict string checks). */
		char *next = memchr(line, '\n', (size_t)(end - line));
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
			     const struct fl_strv *project_headers, const char *overlay_path, FILE *log)
{
	struct fl_strv headers = { 0 };
	for (size_t i = 0; i < project_headers->count; i++) {
		char *canonical = realpath(project_headers->items[i], NULL);
		fl_strv_push_owned(&headers, canonical ? canonical : fl_absolute_path(project_headers->items[i]));
	}
	char *overlay_dir = fl_dir_of(overlay_path);
	struct fl_resolver resolver = { .search_dirs = search_dirs, .project_headers = &headers,
					.roots = json_array(),
					.angled_dir = fl_xasprintf("%s/%s", overlay_dir, FL_INCLUDE_ANGLED_DIR) };
	free(overlay_dir);
	for (size_t i = 0; i < sources->count; i++) {
		char *canonical = realpath(sources->items[i], NULL);
		fl_strv_push_owned(&resolver.queue, canonical ? canonical : fl_absolute_path(sources->items[i]));
	}
	/* The queue grows as headers are found; each file is scanned once (its
	 * canonical name is queued once), and the scan is bounded besides. */
	size_t bound = sources->count + FL_INCLUDE_SCAN_MAX_HEADERS;
	for (size_t i = 0; i < resolver.queue.count; i++) {
		if (i == bound) {
			fprintf(log, "fltlint: the include scan stopped after %zu files; includes of the other %zu "
				"are looked up as spelled\n", bound, resolver.queue.count - bound);
			break;
		}
		fl_scan_file(&resolver, resolver.queue.items[i]);
	}

	int result = json_array_size(resolver.roots) ? 1 : 0;
	if (result) {
		json_t *overlay = json_pack("{s:i, s:b, s:O}", "version", 0, "use-external-names", 1,
					    "roots", resolver.roots);
		if (json_dump_file(overlay, overlay_path, JSON_INDENT(1)) != 0)
			result = -1;
		json_decref(overlay);
	}
	json_decref(resolver.roots);
	free(resolver.angled_dir);
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

/* ---- hostile input: includes that leave the analyzed tree ---- */

static bool fl_under(const char *root, const char *path)
{
	size_t length = strlen(root);
	if (length == 1 && root[0] == '/')
		return path[0] == '/';
	return strncmp(root, path, length) == 0 && (path[length] == '\0' || path[length] == '/');
}

static bool fl_under_any(const struct fl_strv *roots, const char *canonical)
{
	for (size_t i = 0; roots && i < roots->count; i++)
		if (fl_under(roots->items[i], canonical))
			return true;
	return false;
}

bool fl_include_allowed(const struct fl_strv *roots, const char *path)
{
	char *canonical = realpath(path, NULL);
	bool allowed = canonical && fl_under_any(roots, canonical);
	free(canonical);
	return allowed;
}

struct fl_outside_scan {
	const struct fl_strv *search_dirs, *trusted_dirs, *roots;
	const char *unit;
	struct fl_strv visited; /* canonical */
	struct fl_strv stack;   /* folders of the files being scanned, outermost first */
	char *found;            /* the message, once something is outside */
	unsigned line;
};

/* Anything clang would open: a device or a FIFO (/dev/zero, /dev/stdin)
 * is as much a hazard as a file. */
static bool fl_exists_nondir(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && !S_ISDIR(info.st_mode);
}

/* What clang would open for an include spelled `spelled` in a file of
 * folder `includer_dir`: the first match, exact or (as the overlay maps it)
 * without regard to case; NULL when nothing matches. */
static char *fl_outside_resolve(struct fl_outside_scan *scan, const char *includer_dir, const char *spelled,
				bool quoted)
{
	char *relative = fl_xstrdup(spelled);
	for (char *c = relative; *c; c++)
		if (*c == '\\')
			*c = '/';
	char *found = NULL;
	if (relative[0] == '/') {
		found = fl_xstrdup(relative);
		if (!fl_exists_nondir(found)) {
			free(found);
			found = fl_resolve_nocase("/", relative + 1);
		}
		free(relative);
		return found;
	}
	/* Quoted: the includer's folder, then (MSVC) the folders of the files
	 * that included it, innermost first; then the search folders. */
	struct fl_strv dirs = { 0 };
	if (quoted) {
		fl_strv_push(&dirs, includer_dir);
		for (size_t i = scan->stack.count; i-- > 0;)
			fl_strv_push(&dirs, scan->stack.items[i]);
	}
	for (size_t i = 0; i < scan->search_dirs->count; i++)
		fl_strv_push(&dirs, scan->search_dirs->items[i]);
	for (size_t i = 0; i < dirs.count && !found; i++) {
		char *exact = fl_xasprintf("%s/%s", dirs.items[i], relative);
		if (fl_exists_nondir(exact))
			found = exact;
		else {
			free(exact);
			found = fl_resolve_nocase(dirs.items[i], relative);
		}
	}
	fl_strv_free(&dirs);
	free(relative);
	return found;
}

static void fl_outside_scan_file(struct fl_outside_scan *scan, const char *path, unsigned depth);

char *fl_include_outside_message(const char *includer, unsigned line, const char *target)
{
	char *shown = fl_utf8_repair(target, strlen(target));
	char *where = includer ? fl_utf8_repair(includer, strlen(includer)) : NULL;
	char *message = where ? fl_xasprintf("%s:%u includes %s, outside the analyzed tree and the header "
					     "folders; not analyzed (--allow-include DIR allows a folder)",
					     where, line, shown)
			      : fl_xasprintf("includes %s, outside the analyzed tree and the header folders; "
					     "not analyzed (--allow-include DIR allows a folder)", shown);
	free(shown);
	free(where);
	return message;
}

/* One spelled include of `path` at `line`: outside the roots, it is the
 * finding; a project file inside them is scanned in turn. */
static void fl_outside_check(struct fl_outside_scan *scan, const char *path, unsigned line, const char *spelled,
			     bool quoted, unsigned depth)
{
	if (scan->found || !spelled[0])
		return;
	char *dir = fl_dir_of(path);
	char *target = fl_outside_resolve(scan, dir, spelled, quoted);
	char *canonical = target ? realpath(target, NULL) : NULL;
	if (target && (!canonical || !fl_under_any(scan->roots, canonical))) {
		bool in_unit = strcmp(path, scan->unit) == 0;
		scan->found = fl_include_outside_message(in_unit ? NULL : path, line, canonical ? canonical : target);
		scan->line = in_unit ? line : 0;
	} else if (canonical && !fl_under_any(scan->trusted_dirs, canonical)) {
		fl_strv_push(&scan->stack, dir);
		fl_outside_scan_file(scan, canonical, depth + 1);
		free(scan->stack.items[--scan->stack.count]);
	}
	free(canonical);
	free(target);
	free(dir);
}

/* Skips blanks and block comments. */
static const char *fl_skip_blanks(const char *c)
{
	for (;;) {
		while (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\f' || *c == '\v')
			c++;
		if (c[0] == '/' && c[1] == '*') {
			const char *end = strstr(c + 2, "*/");
			if (!end)
				return c + strlen(c);
			c = end + 2;
			continue;
		}
		return c;
	}
}

/* A header name at `c` ("x" or <x>), copied into *name; the end, or NULL. */
static const char *fl_header_name(const char *c, char **name, bool *quoted)
{
	c = fl_skip_blanks(c);
	char close = *c == '"' ? '"' : *c == '<' ? '>' : 0;
	const char *end = close ? strchr(c + 1, close) : NULL;
	if (!end)
		return NULL;
	*quoted = close == '"';
	*name = fl_xstrndup(c + 1, (size_t)(end - c - 1));
	return end + 1;
}

/* One logical line (continuations joined) starting at physical `line`. */
static void fl_outside_scan_line(struct fl_outside_scan *scan, const char *path, unsigned line, const char *text,
				 unsigned depth)
{
	char *name;
	bool quoted;
	/* __has_include tells whether a file exists: an oracle on the runner's
	 * files when it names one outside the roots. */
	for (const char *at = strstr(text, "__has_include"); at && !scan->found; at = strstr(at + 1, "__has_include")) {
		const char *c = at + strlen("__has_include");
		if (strncmp(c, "_next", 5) == 0)
			c += 5;
		c = fl_skip_blanks(c);
		if (*c == '(' && fl_header_name(c + 1, &name, &quoted)) {
			fl_outside_check(scan, path, line, name, quoted, depth);
			free(name);
		}
	}
	const char *c = fl_skip_blanks(text);
	if (c[0] == '#')
		c++;
	else if (c[0] == '%' && c[1] == ':')
		c += 2;
	else if (c[0] == '?' && c[1] == '?' && c[2] == '=')
		c += 3;
	else
		return;
	c = fl_skip_blanks(c);
	static const char *const directives[] = { "include_next", "include", "import" };
	for (size_t i = 0; i < sizeof(directives) / sizeof(directives[0]); i++) {
		size_t length = strlen(directives[i]);
		if (strncmp(c, directives[i], length) == 0 && (c[length] == '"' || c[length] == '<' ||
							       !(c[length] == '_' || (c[length] >= 'a' && c[length] <= 'z')))) {
			if (fl_header_name(c + length, &name, &quoted)) {
				fl_outside_check(scan, path, line, name, quoted, depth);
				free(name);
			}
			return;
		}
	}
	/* #pragma include_alias("spelled", "real") makes `real` what is read. */
	if (strncmp(c, "pragma", 6) == 0) {
		c = fl_skip_blanks(c + 6);
		if (strncmp(c, "include_alias", 13) != 0)
			return;
		c = fl_skip_blanks(c + 13);
		if (*c != '(')
			return;
		const char *after = fl_header_name(c + 1, &name, &quoted);
		if (!after)
			return;
		free(name);
		after = fl_skip_blanks(after);
		if (*after == ',' && fl_header_name(after + 1, &name, &quoted)) {
			fl_outside_check(scan, path, line, name, quoted, depth);
			free(name);
		}
	}
}

static void fl_outside_scan_file(struct fl_outside_scan *scan, const char *path, unsigned depth)
{
	/* Include depth as clang bounds it (200); each file once. */
	if (scan->found || depth > 200 || scan->visited.count > 100000)
		return;
	char *canonical = realpath(path, NULL);
	const char *key = canonical ? canonical : path;
	if (fl_strv_contains(&scan->visited, key)) {
		free(canonical);
		return;
	}
	fl_strv_push(&scan->visited, key);
	free(canonical);
	size_t length;
	char *text = fl_read_file(path, &length);
	if (!text)
		return;
	/* Logical lines: a backslash before the line end joins the next. */
	char *logical = fl_xmalloc(length + 1);
	unsigned line = 1;
	size_t i = 0;
	while (i < length && !scan->found) {
		unsigned first = line;
		size_t used = 0;
		while (i < length && text[i] != '\n') {
			if (text[i] == '\\' && (text[i + 1] == '\n' || (text[i + 1] == '\r' && text[i + 2] == '\n'))) {
				i += text[i + 1] == '\n' ? 2 : 3;
				line++;
				continue;
			}
			logical[used++] = text[i] ? text[i] : ' ';
			i++;
		}
		logical[used] = '\0';
		if (i < length) {
			i++;
			line++;
		}
		if (memchr(logical, '#', used) || memchr(logical, '%', used) || memchr(logical, '?', used) ||
		    strstr(logical, "__has_include"))
			fl_outside_scan_line(scan, path, first, logical, depth);
	}
	free(logical);
	free(text);
}

char *fl_include_find_outside(const char *path, const struct fl_strv *search_dirs,
			      const struct fl_strv *trusted_dirs, const struct fl_strv *roots, unsigned *line)
{
	struct fl_outside_scan scan = { .search_dirs = search_dirs, .trusted_dirs = trusted_dirs,
					.roots = roots, .unit = path };
	fl_outside_scan_file(&scan, path, 0);
	*line = scan.line;
	fl_strv_free(&scan.visited);
	fl_strv_free(&scan.stack);
	return scan.found;
}
