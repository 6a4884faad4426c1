/* Gate (gate.h). */
#include "gate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "project.h"
#include "rule.h"
#include "suppress.h"
#include "wdk.h"

/* The files whose unused suppressions are worth reporting: every analyzed
 * unit, and the headers they read from inside the project (not the WDK's). */
static void fl_gate_files(const struct fl_gate *gate, const struct fl_engine_result *result, struct fl_strv *files)
{
	const struct fl_program *program = result->program;
	for (size_t i = 0; program && i < program->unit_count; i++) {
		const struct fl_tu_facts *unit = &program->units[i];
		if (!fl_config_excludes(gate->config, unit->path))
			fl_strv_push(files, unit->path);
		for (size_t j = 0; j < unit->include_count; j++) {
			const char *header = unit->includes[j];
			if (fl_project_inside(gate->root, header) && !fl_str_starts_with(header, fl_wdk_bundled_dir()) &&
			    !fl_config_excludes(gate->config, header))
				fl_strv_push(files, header);
		}
	}
}

int fl_gate_apply(const struct fl_gate *gate, struct fl_engine_result *result, struct fl_report_info *info,
		  char **error)
{
	memset(info, 0, sizeof(*info));
	info->root = gate->root;
	info->disabled = fl_config_apply(gate->config, &result->findings);

	struct fl_strv files = { 0 };
	if (gate->report_unused_suppressions)
		fl_gate_files(gate, result, &files);
	const struct fl_rule *unused = gate->report_unused_suppressions ? fl_rule_find("unused-suppression") : NULL;
	info->suppressed = fl_suppress_apply(&result->findings, &files, unused);
	fl_strv_free(&files);
	/* The unused-suppression findings obey the config like any other. */
	if (unused)
		info->disabled += fl_config_apply(gate->config, &result->findings);
	fl_findings_sort(&result->findings);
	fl_fingerprint_findings(&result->findings, gate->root);

	if (gate->write_baseline && fl_baseline_write(gate->write_baseline, &result->findings, gate->root) != 0) {
		*error = fl_xasprintf("cannot write the baseline %s: %s", gate->write_baseline, strerror(errno));
		return -1;
	}
	if (gate->baseline)
		info->baselined = fl_baseline_filter(gate->baseline, &result->findings, gate->root);
	return 0;
}
