/* The config file (.fltlint / .fltlint.json). */
#include "fuzz.h"

#include "sources/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fl_fuzz_file(".fltlint.json", data, size);
	struct fl_config config = { 0 };
	char *error = NULL;
	if (fl_config_load(path, &config, &error) == 0)
		fl_config_excludes(&config, "drv/a.c");
	fl_config_free(&config);
	free(error);
	return 0;
}
