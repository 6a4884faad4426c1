#include "parse/wdk.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Debian's mingw-w64-common: the open DDK headers the bundled ones stand on. */
#define FL_MINGW_INCLUDE "/usr/share/mingw-w64/include"

static bool fl_is_directory(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

const char *fl_wdk_bundled_dir(void)
{
	static char found[PATH_MAX];
	if (found[0])
		return found;
	/* An installed fltlint finds its headers beside its own binary; one run
	 * from the build tree finds them in the source tree. */
	char *dir = fl_executable_dir();
	char *candidate = dir ? fl_xasprintf("%s/../share/fltlint/wdk/include", dir) : NULL;
	free(dir);
	char resolved[PATH_MAX];
	bool installed = candidate && fl_is_directory(candidate) && realpath(candidate, resolved);
	free(candidate);
	if (installed) {
		strcpy(found, resolved);
		return found;
	}
	snprintf(found, sizeof(found), "%s", FL_SOURCE_DIR "/analyzer/wdk/include");
	return found;
}

/* Whether `args` (the user's, so far) define or undefine the macro a
 * default `-DNAME[=V]` sets: the user's -DNTDDI_VERSION must win, and of two
 * -D of one name clang keeps the last. */
static bool fl_user_sets_macro(const struct fl_strv *args, const char *option)
{
	if (strncmp(option, "-D", 2) != 0)
		return false;
	size_t length = strcspn(option + 2, "=");
	for (size_t i = 0; i < args->count; i++) {
		const char *arg = args->items[i];
		if ((strncmp(arg, "-D", 2) == 0 || strncmp(arg, "-U", 2) == 0) && strncmp(arg + 2, option + 2, length) == 0 &&
		    (arg[2 + length] == '\0' || arg[2 + length] == '='))
			return true;
	}
	return false;
}

void fl_wdk_default_args(struct fl_strv *args, const struct fl_strv *wdk_include)
{
	static const char *const common[] = {
		/* MSVC's dialect, as the WDK compiles drivers. */
		"--target=x86_64-pc-windows-msvc",
		"-fms-extensions",
		"-fms-compatibility",
		"-fms-compatibility-version=19.29",
		/* The defines the WDK's build sets for a kernel-mode x64 driver. */
		"-D_AMD64_",
		"-D_WIN64",
		"-D_KERNEL_MODE",
		"-DNTDDI_VERSION=0x0A000000",
		"-D_WIN32_WINNT=0x0A00",
		"-DWINVER=0x0A00",
		/* Nobody reads clang's warnings here: only errors decide whether a
		 * unit can be trusted, and warnings cost time. */
		"-w",
		/* What MSVC only warns about (C4013, C4047, C4028) and clang 16 and
		 * later reject by default in C. */
		"-Wno-error=implicit-function-declaration",
		"-Wno-error=int-conversion",
		"-Wno-error=incompatible-function-pointer-types",
		/* clang's <immintrin.h> includes every AVX-512 and AMX header in
		 * MSVC mode unless __SCE__ is set, when it includes those of the
		 * enabled target features only: half of a unit's header time, for
		 * declarations no driver rule reads (the WDK's own intrinsics are
		 * clang builtins and <intrin.h>, which stay). */
		"-D__SCE__",
	};
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (!fl_user_sets_macro(args, common[i]))
			fl_strv_push(args, common[i]);

	if (wdk_include && wdk_include->count) {
		for (size_t i = 0; i < wdk_include->count; i++) {
			fl_strv_push(args, "-isystem");
			fl_strv_push(args, wdk_include->items[i]);
		}
		return;
	}
	/* mingw's _mingw.h defines __attribute__ away unless __GNUC__ is set,
	 * which breaks clang's own intrinsics headers. */
	fl_strv_push(args, "-D__GNUC__=4");
	fl_strv_push(args, "-D__GNUC_MINOR__=9");
	fl_strv_push(args, "-isystem");
	fl_strv_push(args, fl_wdk_bundled_dir());
	fl_strv_push(args, "-isystem");
	fl_strv_push(args, FL_MINGW_INCLUDE "/ddk");
	fl_strv_push(args, "-isystem");
	fl_strv_push(args, FL_MINGW_INCLUDE);
}

void fl_wdk_cxx_args(struct fl_strv *args)
{
	/* Driver projects set /std:c++17 or /std:c++20 (the corpus: about 220
	 * and 60 project files); clang's MSVC default, C++14, rejects both
	 * (class template argument deduction: `Locker l(mutex)`; concepts,
	 * `operator<=>`).  C++20 accepts what C++17 code is written in as well,
	 * so one standard serves both kinds of project. */
	fl_strv_push(args, "-std=c++20");
	/* MSVC accepts a `case` whose value does not fit the switched type, as
	 * CTL_CODE gives for device types of 0x8000 and up switched on a
	 * ULONG; clang makes it a narrowing error in C++11 and later. */
	fl_strv_push(args, "-Wno-c++11-narrowing");
}
