/* context-end: a FLT_CONTEXT_REGISTRATION array that does not end in
 * { FLT_CONTEXT_END }.
 *
 * Why: FltRegisterFilter walks the array until it meets a ContextType of
 * FLT_CONTEXT_END (0xffff).  Without it, Filter Manager reads past the array
 * into whatever follows, registering garbage or faulting in DriverEntry; an
 * element after the terminator is never registered, so allocating that
 * context type fails at run time.
 *
 * How: every initialized array of _FLT_CONTEXT_REGISTRATION in active code,
 * its ContextType fields evaluated as constants (macros, enum values,
 * const variables).  An array with no terminator is an error on the array's
 * name; each element after the first terminator is a warning on its line.
 *
 * Limits: an element whose ContextType is not a constant does not count as
 * a terminator; an array filled at run time, or declared with more elements
 * than its initializer lists (the rest are zero, not FLT_CONTEXT_END), is
 * judged by what its initializer lists.
 */
#include "terminated_array.h"

static const struct fl_terminated_array fl_spec = {
	.type = "_FLT_CONTEXT_REGISTRATION",
	.field = "ContextType",
	.terminator = 0xffff,
	.terminator_name = "FLT_CONTEXT_END",
	.what = "context registration",
};

static void fl_check_context_end(const struct fl_rule *rule, const struct fl_program *program,
				 struct fl_findings *out)
{
	fl_check_terminated_arrays(rule, program, out, &fl_spec);
}

const struct fl_rule fl_rule_context_end = {
	.id = "context-end",
	.severity = FL_SEVERITY_ERROR,
	.summary = "FLT_CONTEXT_REGISTRATION array not terminated by { FLT_CONTEXT_END }",
	.msvc_warning = 0,
	.check = fl_check_context_end,
};
