/* Gate (finding_filter.h). */
#include "report/finding_filter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/fingerprint.h"
#include "sources/project.h"
#include "rule.h"
#include "report/suppress.h"
#include "link/program.h"

/* The files whose unused suppressions are worth reporting: every analyzed
 * unit, and the headers they read from inside the project (not the WDK's). */
static void fl_finding_filter_files(const struct fl_finding_filter *filter, const struct fl_engine_result *result, struct fl_strv *files)
{
	const struct fl_program *program = result->program;
	for (size_t i = 0; program && i < program->unit_count; i++) {
		const struct fl_tu_facts *unit = &program->units[i];
		if (!fl_config_excludes(filter->config, unit->path))
			fl_strv_push(files, unit->path);
		for (size_t j = 0; j < unit->include_count; j++) {
			const char *header = unit->includes[j];
			if (fl_project_inside(filter->root, header) && !(filter->wdk_dir && fl_str_starts_with(header, filter->wdk_dir)) &&
			    !fl_config_excludes(filter->config, header))
				fl_strv_push(files, header);
		}
	}
}

int fl_finding_filter_apply(const struct fl_finding_filter *filter, struct fl_engine_result *result, struct fl_report_info *info,
		  char **error)
{
	memset(info, 0, sizeof(*info));
	info->root = filter->root;
	info->disabled = fl_config_apply(filter->config, &result->findings);

	struct fl_strv files = { 0 };
	if (filter->report_unused_suppressions)
		fl_finding_filter_files(filter, result, &files);
	const struct fl_rule *unused = filter->report_unused_suppressions ? fl_rule_find("unused-suppression") : NULL;
	info->suppressed = fl_suppress_apply(&result->findings, &files, unused);
	fl_strv_free(&files);
	/* The unused-suppression findings obey the config like any other. */
	if (unused)
		info->disabled += fl_config_apply(filter->config, &result->findings);
	fl_findings_sort(&result->findings);
	fl_fingerprint_findings(&result->findings, filter->root);

	if (filter->write_baseline && fl_baseline_write(filter->write_baseline, &result->findings, filter->root) != 0) {
		*error = fl_xasprintf("cannot write the baseline %s: %s", filter->write_baseline, strerror(errno));
		return -1;
	}
	if (filter->baseline)
		info->baselined = fl_baseline_filter(filter->baseline, &result->findings, filter->root);
	return 0;
}
