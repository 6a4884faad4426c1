/* The INF reader and the minifilter model on any bytes (UTF-8, ANSI, UTF-16). */
#include "fuzz.h"

#include "inf/inf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fl_input_errors errors = { 0 };
	struct fl_inf *inf = fl_inf_parse("fuzz.inf", (const char *)data, size, &errors);
	if (inf) {
		struct fl_inf *one[] = { inf };
		FILE *null = fopen("/dev/null", "w");
		fl_inf_print_stack(null, one, 1);
		fclose(null);
	}
	fl_inf_free(inf);
	fl_input_errors_free(&errors);
	size_t length;
	free(fl_inf_decode_text((const char *)data, size, &length));
	return 0;
}
