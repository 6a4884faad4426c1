/* Discover (discover.h): the files a run analyzes, from the paths a user names.
 *
 * fts walks each path physically (FTS_PHYSICAL): a link inside a folder is
 * not followed, so a tree holding a link to `/` or to itself stays finite;
 * a link the user names is (FTS_COMFOLLOW).  Files are kept by identity
 * (device and inode) so that `dir` and `dir/a.c`, or `./a.c` and `a.c`,
 * name one unit once. */
#include "sources/discover.h"

#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fl_found {
	char *path;
	dev_t device;
	ino_t inode;
	enum fl_file_kind kind;
};

struct fl_walk {
	size_t count;
	size_t capacity;
	struct fl_found *items;
	struct fl_input_errors *errors;
	size_t error_count;
};

static const char *const fl_source_extensions[] = {".c", ".cpp", ".cc", ".cxx"};
static const char *const fl_header_extensions[] = {".h", ".hh", ".hpp", ".hxx", ".inl"};
static const char *const fl_inf_extensions[] = {".inf", ".inx"};

static bool fl_has_extension(const char *path, const char *const *extensions, size_t count)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	if (!dot || dot == (slash ? slash + 1 : path)) /* ".c" alone is a hidden file */
		return false;
	for (size_t i = 0; i < count; i++)
		if (fl_str_iequal(dot, extensions[i]))
			return true;
	return false;
}

#define FL_HAS_EXTENSION(path, list) \
	fl_has_extension((path), (list), sizeof(list) / sizeof((list)[0]))

enum fl_file_kind fl_file_kind(const char *path)
{
	if (FL_HAS_EXTENSION(path, fl_source_extensions))
		return FL_FILE_SOURCE;
	if (FL_HAS_EXTENSION(path, fl_header_extensions))
		return FL_FILE_HEADER;
	if (FL_HAS_EXTENSION(path, fl_inf_extensions))
		return FL_FILE_INF;
	return FL_FILE_OTHER;
}

bool fl_discover_skips_folder(const char *name)
{
	/* Folder names on Windows are case-insensitive: "Debug" and "debug" are
	 * the same build output. */
	static const char *const skipped[] = {
		".git", ".vs", ".svn", ".hg", "x64", "ARM64", "Debug", "Release", "obj", "out",
	};
	for (size_t i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++)
		if (fl_str_iequal(name, skipped[i]))
			return true;
	return fl_str_istarts_with(name, "build");
}

static void fl_walk_error(struct fl_walk *walk, const char *path, int error)
{
	fl_input_error_add(walk->errors, path, "cannot read: %s", strerror(error));
	walk->error_count++;
}

/* Keeps a file of a kind the run wants, once it has been opened: a file
 * that cannot be read is an input error now rather than a parse failure
 * with a worse message later. */
static void fl_walk_file(struct fl_walk *walk, const FTSENT *entry, bool named)
{
	enum fl_file_kind kind = fl_file_kind(entry->fts_path);
	if (kind == FL_FILE_OTHER || (kind == FL_FILE_HEADER && named)) {
		/* Inside a folder other files are simply not ours; a file the user
		 * names is, and analyzing nothing silently would look clean. */
		if (named) {
			fl_input_error_add(walk->errors, entry->fts_path,
					   kind == FL_FILE_HEADER
						   ? "a header is not a translation unit: name the sources that include it"
						   : "not a C/C++ source (.c .cpp .cc .cxx) or INF (.inf .inx) file");
			walk->error_count++;
		}
		return;
	}
	int fd = open(entry->fts_accpath, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		fl_walk_error(walk, entry->fts_path, errno);
		return;
	}
	close(fd);
	FL_GROW(walk->items, walk->capacity, walk->count + 1);
	struct fl_found *found = &walk->items[walk->count++];
	found->path = fl_xstrdup(entry->fts_path);
	found->device = entry->fts_statp->st_dev;
	found->inode = entry->fts_statp->st_ino;
	found->kind = kind;
}

static void fl_walk_path(struct fl_walk *walk, const char *path)
{
	char *roots[] = {(char *)path, NULL};
	FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, NULL);
	if (!fts) {
		fl_walk_error(walk, path, errno);
		return;
	}
	for (;;) {
		errno = 0;
		FTSENT *entry = fts_read(fts);
		if (!entry) {
			if (errno)
				fl_walk_error(walk, path, errno);
			break;
		}
		bool named = entry->fts_level == FTS_ROOTLEVEL;
		switch (entry->fts_info) {
		case FTS_D:
			if (!named && fl_discover_skips_folder(entry->fts_name))
				fts_set(fts, entry, FTS_SKIP);
			break;
		case FTS_F:
			fl_walk_file(walk, entry, named);
			break;
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			fl_walk_error(walk, entry->fts_path, entry->fts_errno);
			break;
		case FTS_SLNONE:
			/* Only a named link reaches here as an error: with
			 * FTS_COMFOLLOW fts could not follow it. */
			if (named)
				fl_walk_error(walk, entry->fts_path, ENOENT);
			break;
		case FTS_DEFAULT:
			if (named) {
				fl_input_error_add(walk->errors, entry->fts_path,
						   "cannot read: not a regular file or folder");
				walk->error_count++;
			}
			break;
		default: /* FTS_DP (leaving a folder), FTS_SL (a link inside one) */
			break;
		}
	}
	fts_close(fts);
}

static int fl_found_identity_cmp(const void *left, const void *right)
{
	const struct fl_found *a = left, *b = right;
	if (a->device != b->device)
		return a->device < b->device ? -1 : 1;
	if (a->inode != b->inode)
		return a->inode < b->inode ? -1 : 1;
	return strcmp(a->path, b->path);
}

static int fl_path_cmp(const void *left, const void *right)
{
	return strcmp(*(char *const *)left, *(char *const *)right);
}

size_t fl_discover(const struct fl_strv *paths, struct fl_sources *out,
		   struct fl_input_errors *errors)
{
	struct fl_walk walk = {.errors = errors};
	for (size_t i = 0; i < paths->count; i++)
		fl_walk_path(&walk, paths->items[i]);

	/* One file, one entry: of several spellings the bytewise first wins, so
	 * the result does not depend on the order paths were named in. */
	if (walk.count > 1)
		qsort(walk.items, walk.count, sizeof(*walk.items), fl_found_identity_cmp);
	for (size_t i = 0; i < walk.count; i++) {
		struct fl_found *found = &walk.items[i];
		if (i > 0 && found->device == walk.items[i - 1].device &&
		    found->inode == walk.items[i - 1].inode) {
			free(found->path);
			continue;
		}
		struct fl_strv *list = found->kind == FL_FILE_SOURCE ? &out->sources
				       : found->kind == FL_FILE_INF  ? &out->infs
								     : &out->headers;
		fl_strv_push_owned(list, found->path);
	}
	free(walk.items);

	struct fl_strv *lists[] = {&out->sources, &out->infs, &out->headers};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (lists[i]->count > 1)
			qsort(lists[i]->items, lists[i]->count, sizeof(char *), fl_path_cmp);
	return walk.error_count;
}

void fl_sources_free(struct fl_sources *sources)
{
	if (!sources)
		return;
	fl_strv_free(&sources->sources);
	fl_strv_free(&sources->infs);
	fl_strv_free(&sources->headers);
}
