/* A .vcxproj (MSBuild XML): read as data, never built. */
#include "fuzz.h"

#include "sources/vcxproj.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fl_fuzz_file("driver.vcxproj", data, size);
	struct fl_vs_options options = { 0 };
	struct fl_unit_args_list list = { 0 };
	struct fl_input_errors errors = { 0 };
	struct fl_strv notes = { 0 };
	char *error = NULL;
	fl_vs_load(path, &options, &list, &errors, &notes, &error);
	fl_unit_args_free(&list);
	fl_input_errors_free(&errors);
	fl_strv_free(&notes);
	free(error);
	return 0;
}
