/* The project a run belongs to: its root (for repository-relative paths in
 * SARIF, fingerprints and baselines), and what discovery may leave out. */
#ifndef FL_PROJECT_H
#define FL_PROJECT_H

#include <stdbool.h>

#include "util.h"

/* The project root, absolute, without a trailing slash: `explicit_root`
 * when given, else the folder of the config file when there is one, else
 * the nearest folder at or above the current one that holds `.git`, else
 * the current folder. */
char *fl_project_root(const char *explicit_root, const char *config_path);

/* `path` relative to `root` ("drv/a.c"), when it is inside; else its
 * absolute form.  Symbolic links are resolved when the file exists. */
char *fl_project_relative(const char *root, const char *path);
bool fl_project_inside(const char *root, const char *path);

/* A user-mode program, as far as its text tells: it includes <windows.h>
 * or the C++ library (<iostream>, <sstream>, <string>...), in any case,
 * directly or through the project headers it includes (stdafx.h, pch.h),
 * and none of the kernel's headers (fltKernel.h, ntifs.h, ntddk.h, wdm.h)
 * is reached.  Only headers among `tree_headers` (canonical paths) are
 * followed: nothing outside the analyzed tree is read.  Walking folders
 * skips these (a driver's tree often holds its control app, service and
 * tests). */
bool fl_project_is_user_mode(const char *path, const struct fl_strv *tree_headers);

/* A Windows path (backslashes, any case) as it names an existing file or
 * folder here: `base`/`path` with separators turned and each component
 * matched case-insensitively when the exact spelling does not exist.
 * Returns the joined path (which may not exist when nothing matched). */
char *fl_project_resolve(const char *base, const char *windows_path);

#endif
