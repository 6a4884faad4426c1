/* Helpers the suites share: temporary trees and running the built CLI. */
#ifndef FL_TESTUTIL_H
#define FL_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* A fresh folder under $TMPDIR (or /tmp); the caller frees the name and
 * removes the tree with fl_test_rmtree. */
char *fl_test_tempdir(void);
/* Writes `text` to `dir`/`name`, creating the folders on the way; returns
 * the full path (caller frees). */
char *fl_test_write(const char *dir, const char *name, const char *text);
void fl_test_rmtree(const char *dir);

/* What a run of the built fltlint produced. */
struct fl_test_run {
	int status; /* exit code, or 128 + signal */
	char *out;
	char *err;
};

/* Runs FL_BINARY_DIR/fltlint with `args` (NULL-terminated, without argv[0])
 * in the current folder, stdin from /dev/null. */
struct fl_test_run fl_test_run_cli(const char *const *args);
void fl_test_run_free(struct fl_test_run *run);

struct fl_tu_facts;
/* One source parsed and walked in this process (no worker, no cache): its
 * facts, which the caller frees with fl_tu_facts_free.  Fails the test when
 * the unit cannot be parsed. */
struct fl_tu_facts *fl_test_walk(const char *path);

#endif
