/* Inline suppression comments (`// fltlint-suppress ...`, MSVC pragmas). */
#include "fuzz.h"

#include "report/suppress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fl_suppressions_free(fl_suppressions_parse((const char *)data, size));
	return 0;
}
