/* Discover: from the paths a user names to the files a run analyzes. */
#ifndef FL_DISCOVER_H
#define FL_DISCOVER_H

#include "findings.h"
#include "util.h"

struct fl_sources {
	struct fl_strv sources; /* C/C++ translation units (.c, .cpp, .cc, .cxx), sorted */
	struct fl_strv infs;    /* .inf and .inx files, sorted */
};

/* Walks `paths` (files, or folders searched recursively) into `out`.  A path
 * that cannot be read becomes an input error naming it, and the walk goes on.
 * Returns the number of input errors added. */
size_t fl_discover(const struct fl_strv *paths, struct fl_sources *out,
		   struct fl_input_errors *errors);
void fl_sources_free(struct fl_sources *sources);

#endif
