/* What the libFuzzer harnesses share (scripts/fuzz.sh builds and runs them).
 * A reader that takes a path gets the input written to a private file. */
#ifndef FL_FUZZ_H
#define FL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A folder of this process's own, made once; removed by scripts/fuzz.sh's
 * TMPDIR clean-up. */
static inline const char *fl_fuzz_dir(void)
{
	static char *dir;
	if (!dir) {
		const char *tmp = getenv("TMPDIR");
		dir = fl_xasprintf("%s/fltlint-fuzz-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
	}
	return dir;
}

/* Writes the input to `name` in that folder; returns the path (static). */
static inline const char *fl_fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	static char *path;
	free(path);
	path = fl_xasprintf("%s/%s", fl_fuzz_dir(), name);
	FILE *file = fopen(path, "wb");
	if (!file || fwrite(data, 1, size, file) != size || fclose(file) != 0)
		abort();
	return path;
}

#endif
