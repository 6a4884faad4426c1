/* Discover: from the paths a user names to the files a run analyzes. */
#ifndef FL_DISCOVER_H
#define FL_DISCOVER_H

#include "findings.h"
#include "util.h"

struct fl_sources {
	struct fl_strv sources; /* C/C++ translation units (.c, .cpp, .cc, .cxx), sorted */
	struct fl_strv infs;    /* .inf and .inx files, sorted */
	/* .h .hh .hpp .hxx .inl found in folders: not units, but the fixture
	 * harness reads the expectations written in them. */
	struct fl_strv headers;
};

/* What a file name is, by its extension (case-insensitive: Windows trees
 * have `.C` and `.INF`). */
enum fl_file_kind {
	FL_FILE_OTHER,
	FL_FILE_SOURCE,
	FL_FILE_HEADER,
	FL_FILE_INF,
};
enum fl_file_kind fl_file_kind(const char *path);

/* Whether a folder of this name, met inside a walked folder, is skipped:
 * version control, IDE state and build output (.git, .vs, build*, x64, ARM64,
 * Debug, Release, obj, out).  A folder the user names is never skipped. */
bool fl_discover_skips_folder(const char *name);

/* Walks `paths` (files, or folders searched recursively) into `out`.  A path
 * that cannot be read becomes an input error naming it, and the walk goes on.
 * Symbolic links named in `paths` are followed; links met inside folders are
 * not.  Each list comes out sorted (bytewise) with no file twice, even when
 * named twice or by two spellings.  Returns the number of input errors added. */
size_t fl_discover(const struct fl_strv *paths, struct fl_sources *out,
		   struct fl_input_errors *errors);
void fl_sources_free(struct fl_sources *sources);

#endif
