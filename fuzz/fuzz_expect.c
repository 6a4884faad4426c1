/* The fixture expectation parser (`// expect: ...`, `; expect: ...`). */
#include "fuzz.h"

#include <string.h>

#include "harness/expect.h"

static bool fl_any_rule(const char *id)
{
	return strcmp(id, "unknown") != 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int syntax = FL_EXPECT_SYNTAX_C; syntax <= FL_EXPECT_SYNTAX_INF; syntax++) {
		struct fl_expectations out = { 0 };
		fl_expect_parse(&out, "fuzz.c", (const char *)data, size, (enum fl_expect_syntax)syntax,
				syntax == FL_EXPECT_SYNTAX_C ? NULL : fl_any_rule);
		struct fl_findings findings = { 0 };
		struct fl_input_errors errors = { 0 };
		struct fl_mismatches mismatches = { 0 };
		fl_expect_verify(&out, 1, &findings, &errors, &mismatches);
		fl_mismatches_free(&mismatches);
		fl_expectations_free(&out);
	}
	return 0;
}
