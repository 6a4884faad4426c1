/* A baseline file (--baseline). */
#include "fuzz.h"

#include "report/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fl_fuzz_file("baseline.json", data, size);
	char *error = NULL;
	struct fl_baseline *baseline = fl_baseline_read(path, &error);
	if (baseline) {
		struct fl_findings findings = { 0 };
		fl_baseline_filter(baseline, &findings, fl_fuzz_dir());
		fl_findings_free(&findings);
	}
	fl_baseline_free(baseline);
	free(error);
	return 0;
}
