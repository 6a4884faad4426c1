/* compile_commands.json: data only, nothing in it is run; and the command
 * line splitter on its own. */
#include "fuzz.h"

#include "sources/compdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fl_fuzz_file("compile_commands.json", data, size);
	struct fl_unit_args_list list = { 0 };
	struct fl_input_errors errors = { 0 };
	char *error = NULL;
	fl_compdb_load(path, &list, &errors, &error);
	fl_unit_args_free(&list);
	fl_input_errors_free(&errors);
	free(error);
	char *text = fl_xstrndup((const char *)data, size);
	for (int windows = 0; windows < 2; windows++) {
		struct fl_strv argv = { 0 };
		fl_compdb_split(text, windows, &argv);
		fl_strv_free(&argv);
	}
	free(text);
	return 0;
}
