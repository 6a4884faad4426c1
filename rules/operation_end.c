/* operation-end: an FLT_OPERATION_REGISTRATION array that does not end in
 * { IRP_MJ_OPERATION_END }.
 *
 * Why: FltRegisterFilter walks the operation array until it meets
 * IRP_MJ_OPERATION_END (0x80).  Without it Filter Manager reads whatever
 * follows the array as more operations, registering garbage callbacks or
 * faulting in DriverEntry; an element after the terminator is silently
 * never registered.
 *
 * How: every initialized array of _FLT_OPERATION_REGISTRATION in active
 * code, its MajorFunction fields evaluated as constants.  No terminator is an
 * error on the array's name; each element after the first terminator is a
 * warning on its line.
 *
 * Limits: a MajorFunction that is not a constant does not count as a
 * terminator; an array filled at run time, or declared larger than its
 * initializer (the rest are zero: IRP_MJ_CREATE, not the terminator), is
 * judged by what the initializer lists.
 */
#include "terminated_array.h"

static const struct fl_terminated_array fl_spec = {
	.type = "_FLT_OPERATION_REGISTRATION",
	.field = "MajorFunction",
	.terminator = 0x80,
	.terminator_name = "IRP_MJ_OPERATION_END",
	.what = "operation registration",
};

static void fl_check_operation_end(const struct fl_rule *rule, const struct fl_program *program,
				   struct fl_findings *out)
{
	fl_check_terminated_arrays(rule, program, out, &fl_spec);
}

const struct fl_rule fl_rule_operation_end = {
	.id = "operation-end",
	.severity = FL_SEVERITY_ERROR,
	.summary = "FLT_OPERATION_REGISTRATION array not terminated by { IRP_MJ_OPERATION_END }",
	.msvc_warning = 0,
	.check = fl_check_operation_end,
};
