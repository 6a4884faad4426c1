/* The WDK headers a run parses driver code with, and the clang arguments
 * that go with them.
 *
 * By default fltlint parses against the headers it ships (analyzer/wdk/include,
 * written here from the documented API and standing on Debian's mingw-w64 DDK
 * headers).  With --wdk-include the user's real WDK headers are used instead.
 */
#ifndef FL_WDK_H
#define FL_WDK_H

#include "util.h"

/* The folder holding the bundled headers (fltKernel.h and friends). */
const char *fl_wdk_bundled_dir(void);

/* Appends to `args` the clang arguments for kernel-mode driver code: the MSVC
 * target and extensions, the defines the WDK build sets, and the include
 * folders: the user's `wdk_include` folders when any are given, else the
 * bundled headers. */
void fl_wdk_default_args(struct fl_strv *args, const struct fl_strv *wdk_include);

/* Appends to `args` what C++ units add to the shared arguments (after
 * `-x c++`, for the PCH too): the standard and what MSVC accepts in C++ that
 * clang rejects by default.  C units add nothing. */
void fl_wdk_cxx_args(struct fl_strv *args);

#endif
