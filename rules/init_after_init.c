/* init-after-init: a function in the INIT section reachable from anything
 * but DriverEntry's own call tree.
 *
 * Why: the loader discards the INIT section once DriverEntry returns.  A
 * registered callback, work item or unload routine that reaches INIT code
 * jumps into memory that is gone or reused: a bugcheck (0xD1, 0x50 or 0x7E)
 * the first time that path runs, which may be weeks after boot.
 *
 * How: every function placed in a section whose name begins with INIT (by
 * alloc_text, code_seg or declspec), looked up in the shortest call chains
 * from every entry the driver registers except DriverEntry (callbacks of
 * FLT_REGISTRATION and FLT_OPERATION_REGISTRATION, context callbacks, work
 * items, port callbacks, DPCs, completions, system threads), over direct
 * calls across files.  Reported at the function's name with the chain.
 *
 * Limits: calls through function pointers are not followed; a callback
 * registered by an API fltlint's table does not know is not an entry.
 */
#include <stdlib.h>

#include "sections.h"

struct fl_init_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
	struct fl_reach_map *map;
};

static bool fl_not_driver_entry(const struct fl_entry *entry, void *data)
{
	return entry->role != FL_ROLE_DRIVER_ENTRY;
}

static void fl_visit_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_init_run *run = data;
	const struct fl_function *function = ref->function;
	if (!fl_section_is_init(function->section) ||
	    fl_program_function(run->program, function->key).function != function ||
	    !fl_reach_get(run->map, function->key))
		return;
	char *chain = fl_reach_chain_text(run->map, function->key);
	struct fl_finding *finding = fl_report(
		run->out, run->rule, FL_SEVERITY_ERROR, &function->loc,
		"'%s' is in the %s section, discarded after DriverEntry returns, but is reached from %s",
		function->name, function->section, chain);
	free(chain);
	fl_finding_set_function(finding, function->name);
	fl_finding_add_related(finding, &function->section_loc, "placed in %s by %s here", function->section,
			       fl_section_source_phrase(function->section_source));
	fl_reach_add_related(run->map, function->key, finding);
}

static void fl_check_init_after_init(const struct fl_rule *rule, const struct fl_program *program,
				     struct fl_findings *out)
{
	struct fl_init_run run = { .rule = rule, .program = program, .out = out };
	run.map = fl_reach_new(program, fl_not_driver_entry, NULL);
	fl_program_each_function(program, fl_visit_function, &run);
	fl_reach_free(run.map);
}

const struct fl_rule fl_rule_init_after_init = {
	.id = "init-after-init",
	.severity = FL_SEVERITY_ERROR,
	.summary = "function in the INIT section reachable after DriverEntry returns (callbacks, work items, unload)",
	.msvc_warning = 0,
	.check = fl_check_init_after_init,
};
