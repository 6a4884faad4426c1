/* Windows include habits on a case-sensitive file system.
 *
 * `#include "MiniSpy.h"` for minispy.h, `<fltkernel.h>` for fltKernel.h,
 * `"..\inc\shared.h"`, and a header that lives in the driver's `inc` folder
 * which only the Visual Studio project names: each include spelled in the
 * driver's files that does not resolve as written is resolved here, and a
 * clang VFS overlay maps the spelling to the real file.  Nothing is copied
 * and no file is touched. */
#ifndef FL_INCLUDES_H
#define FL_INCLUDES_H

#include <stdio.h>

#include "util.h"

/* Scans `sources` and the project headers they include, each file once by
 * its canonical name, at most FL_INCLUDE_SCAN_MAX_HEADERS headers (past that
 * it says so in `log`).  `search_dirs` are the -I and system folders in
 * order; `project_headers` every header in the analyzed tree.  Writes the
 * overlay to `overlay_path` and returns 1 when some include needed mapping,
 * 0 when none did, -1 when it could not be written. */
/* Angled includes of the tree's own headers (`#include <Project.h>`, which
 * MSVC finds through the project's include folders) are mapped under this
 * folder beside the overlay; the parse searches it last (-idirafter). */
#define FL_INCLUDE_ANGLED_DIR "project-includes"

int fl_include_overlay_write(const struct fl_strv *sources, const struct fl_strv *search_dirs,
			     const struct fl_strv *project_headers, const char *overlay_path, FILE *log);

/* Far more headers than any driver has: a bound, not a limit met in use. */
#define FL_INCLUDE_SCAN_MAX_HEADERS 50000

/* Does `path`, or a project header it includes first, #define or #undef a
 * macro, or include a system header other than the prelude's, before its
 * first WDK header?  Such a unit sees other WDK headers than a precompiled
 * prelude holds (RTL_USE_AVL_TABLES, <initguid.h>, NTSTRSAFE_LIB,
 * POOL_NX_OPTIN...), so it is parsed without one.  Include guards do not
 * count. */
bool fl_include_defines_before_system(const char *path);

/* ---- hostile input: includes that leave the analyzed tree ----
 *
 * A unit may read only files inside `roots`: the analyzed tree, the header
 * folders (bundled or --wdk-include WDK, mingw, clang's resource folder, -I)
 * and --allow-include folders.  A pull request that includes /etc/passwd or
 * /proc/self/environ, directly, through `..`, an absolute path, a symbolic
 * link in the tree, `#pragma include_alias` or `__has_include`, is refused
 * before clang reads anything.  Entries of `roots` are canonical (realpath)
 * folders or files. */

/* Is `path` (resolved through symbolic links) inside one of `roots`?  A path
 * that cannot be resolved is not. */
bool fl_include_allowed(const struct fl_strv *roots, const char *path);

/* The input error for a unit that reads `target`, outside the roots, through
 * the include at `includer`:`line`; `includer` NULL when the unit itself
 * names it.  Both paths are repaired to UTF-8. */
char *fl_include_outside_message(const char *includer, unsigned line, const char *target);

/* Scans `path` and, transitively, the files it includes that are not under
 * `trusted_dirs` (system header folders, not scanned), for an include that
 * resolves (as clang would look it up in `search_dirs`, without regard to
 * case as the overlay does) outside `roots`.  Returns NULL when there is
 * none, else a message naming the including file, its line and the file,
 * with *line set when the including file is `path` itself (else 0).
 * Includes spelled through a macro are left to the check after parsing. */
char *fl_include_find_outside(const char *path, const struct fl_strv *search_dirs,
			      const struct fl_strv *trusted_dirs, const struct fl_strv *roots, unsigned *line);

#endif
