/* alloc-text-after-definition: a `#pragma alloc_text` that names a function
 * already defined above it (MSVC error C2200, "function has already been
 * defined").
 *
 * Why: MSVC rejects the file; code emitted before the pragma cannot be moved
 * into its section.  The pragma belongs between the declaration and the
 * definition, which is why drivers put it right after the prototypes, under
 * `#ifdef ALLOC_PRAGMA`.  A pragma added at the bottom of a file "to make
 * the function pageable" would otherwise fail only on the Windows build.
 *
 * How: for each name of each alloc_text in active code, the unit's record of
 * the function: its definition (the name in it) comes before the pragma in
 * the same file.  Reported on the name in the pragma.
 *
 * Fix (C linkage, a pragma written as `#pragma`): the name leaves the
 * pragma (the whole pragma goes when it names only functions it comes too
 * late for, with an `#ifdef ALLOC_PRAGMA` around it that holds nothing
 * else), and a `#pragma alloc_text(SECTION, f)` under `#ifdef ALLOC_PRAGMA`
 * is inserted after the function's last declaration before its definition
 * (after the #includes when a header declares it) - unless another
 * alloc_text of the file already places it there, when the name just goes.
 *
 * Limits: pragmas in headers are not read; a definition in an inactive #if
 * branch is no definition, so a pragma naming it is alloc-text-not-defined.
 */
#include <stdlib.h>
#include <string.h>

#include "sections.h"

struct fl_alloc_text_after_definition_run {
	const struct fl_rule *rule;
	struct fl_findings *out;
};

/* Whether another alloc_text of the unit places name `n` of `pragma` in
 * the same section, where it should be. */
static bool fl_placed_elsewhere(const struct fl_tu_facts *unit, const struct fl_alloc_text *pragma, size_t n)
{
	for (size_t p = 0; p < unit->alloc_text_count; p++) {
		const struct fl_alloc_text *other = &unit->alloc_texts[p];
		if (other == pragma || strcmp(other->section, pragma->section) != 0)
			continue;
		for (size_t m = 0; m < other->name_count; m++) {
			const struct fl_declaration *declaration;
			if (strcmp(other->names[m], pragma->names[n]) == 0 &&
			    fl_alloc_text_problem(unit, other, m, &declaration) == FL_ALLOC_TEXT_OK)
				return true;
		}
	}
	return false;
}

/* Whether the pragma names only functions it comes too late for, all of
 * whose pragmas may go at one place: the pragma then moves whole, and each
 * of its findings makes the same edits (applied once). */
static bool fl_moves_whole(const struct fl_tu_facts *unit, const struct fl_alloc_text *pragma)
{
	const struct fl_loc *place = NULL;
	for (size_t n = 0; n < pragma->name_count; n++) {
		const struct fl_declaration *declaration;
		if (fl_alloc_text_problem(unit, pragma, n, &declaration) != FL_ALLOC_TEXT_AFTER_DEFINITION ||
		    fl_placed_elsewhere(unit, pragma, n))
			return false;
		if (place && (place->line != declaration->alloc_text_place.line))
			return false;
		place = &declaration->alloc_text_place;
	}
	return true;
}

/* The edit that takes name `n` out of the pragma, with the comma that
 * separates it from its neighbour. */
static void fl_fix_drop_name(struct fl_fix *fix, const struct fl_alloc_text *pragma, size_t n)
{
	const struct fl_loc *name = &pragma->name_locs[n];
	if (n > 0) {
		struct fl_loc start = pragma->name_locs[n - 1];
		start.column += (unsigned)strlen(pragma->names[n - 1]);
		fl_fix_replace(fix, &start, name->line, name->column + (unsigned)strlen(pragma->names[n]), "");
	} else {
		fl_fix_replace(fix, name, pragma->name_locs[1].line, pragma->name_locs[1].column, "");
	}
}

static void fl_add_fix(const struct fl_tu_facts *unit, const struct fl_alloc_text *pragma, size_t n,
		       const struct fl_declaration *declaration, struct fl_finding *finding)
{
	if (declaration->cxx_linkage || !pragma->cut.line)
		return;
	const char *name = pragma->names[n];
	if (fl_placed_elsewhere(unit, pragma, n)) {
		struct fl_fix *fix = fl_finding_add_fix(finding, true, "Remove '%s' from this pragma: an "
							"alloc_text above its definition places it", name);
		if (pragma->name_count > 1)
			fl_fix_drop_name(fix, pragma, n);
		else
			fl_fix_cut(fix, pragma->loc.file, &pragma->cut);
		return;
	}
	if (!declaration->alloc_text_place.line)
		return;
	if (fl_moves_whole(unit, pragma)) {
		char *names = fl_xstrdup(pragma->names[0]);
		for (size_t m = 1; m < pragma->name_count; m++) {
			char *longer = fl_xasprintf("%s, %s", names, pragma->names[m]);
			free(names);
			names = longer;
		}
		struct fl_fix *fix = fl_finding_add_fix(finding, true, "Move the pragma after the declaration "
							"of %s", names);
		fl_fix_cut(fix, pragma->loc.file, &pragma->cut);
		fl_fix_insert_alloc_text(fix, &declaration->alloc_text_place, pragma->section, names);
		free(names);
		return;
	}
	struct fl_fix *fix = fl_finding_add_fix(finding, true, "Move '%s' into an alloc_text after its declaration",
						name);
	fl_fix_drop_name(fix, pragma, n);
	fl_fix_insert_alloc_text(fix, &declaration->alloc_text_place, pragma->section, name);
}

static void fl_check_name(const struct fl_tu_facts *unit, const struct fl_alloc_text *pragma, size_t n,
			  void *data)
{
	struct fl_alloc_text_after_definition_run *run = data;
	const struct fl_declaration *declaration;
	if (fl_alloc_text_problem(unit, pragma, n, &declaration) != FL_ALLOC_TEXT_AFTER_DEFINITION)
		return;
	struct fl_finding *finding;
	if (declaration->cxx_linkage)
		finding = fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &pragma->name_locs[n],
				    "#pragma alloc_text(%s, ...) names '%s', which is already defined above it "
				    "and has C++ linkage: MSVC rejects both (C2200; alloc_text takes only extern "
				    "\"C\" functions); place it with __declspec(code_seg(\"%s\")) or "
				    "#pragma code_seg instead",
				    pragma->section, pragma->names[n], pragma->section);
	else
		finding = fl_report(run->out, run->rule, FL_SEVERITY_ERROR, &pragma->name_locs[n],
				    "#pragma alloc_text(%s, ...) names '%s', which is already defined above it: "
				    "MSVC rejects this (C2200); move the pragma between the declaration and "
				    "the definition",
				    pragma->section, pragma->names[n]);
	fl_finding_set_function(finding, pragma->names[n]);
	fl_finding_add_related(finding, &declaration->definition, "defined here");
	fl_add_fix(unit, pragma, n, declaration, finding);
}

static void fl_check_alloc_text_after_definition(const struct fl_rule *rule,
						 const struct fl_program *program, struct fl_findings *out)
{
	struct fl_alloc_text_after_definition_run run = { .rule = rule, .out = out };
	fl_each_alloc_text_name(program, fl_check_name, &run);
}

const struct fl_rule fl_rule_alloc_text_after_definition = {
	.id = "alloc-text-after-definition",
	.severity = FL_SEVERITY_ERROR,
	.summary = "#pragma alloc_text names a function already defined before it (MSVC error C2200)",
	.msvc_warning = 0, /* C2200 is a compiler error: no #pragma warning applies */
	.check = fl_check_alloc_text_after_definition,
};
