/* The analyzer on arbitrary C text: the include checks (includes.c), the
 * parse and walk, the link and every rule, in process (the CLI does this in
 * a worker).  libclang is not instrumented; its crash recovery stays on, as
 * in a worker, so a libclang crash is the input error it is there. */
#include "fuzz.h"

#include <string.h>

#include "parse/parse.h"
#include "link/program.h"
#include "rule.h"

static struct fl_parse_setup *fl_setup;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fl_fuzz_file("unit.c", data, size);
	if (!fl_setup) {
		struct fl_parse_options options = { 0 };
		fl_strv_push(&options.paths, fl_fuzz_dir());
		struct fl_sources sources = { 0 };
		fl_strv_push(&sources.sources, path);
		FILE *null = fopen("/dev/null", "w");
		fl_setup = fl_parse_setup_new(&options, &sources, NULL, null);
		fclose(null);
		fl_sources_free(&sources);
		fl_strv_free(&options.paths);
		if (!fl_setup)
			abort();
	}
	char *error = NULL;
	unsigned line = 0;
	bool crashed;
	struct fl_tu_facts *facts = fl_parse_unit_at(fl_setup, path, &error, &line, &crashed);
	if (facts && facts->error_count == 0) {
		struct fl_program *program = fl_program_new(facts, 1, NULL, 0); /* takes the facts */
		struct fl_findings findings = { 0 };
		for (size_t i = 0; fl_rules[i]; i++)
			fl_rules[i]->check(fl_rules[i], program, &findings);
		fl_findings_sort(&findings);
		fl_findings_free(&findings);
		fl_program_free(program);
	} else {
		fl_tu_facts_free(facts);
	}
	free(error);
	return 0;
}
