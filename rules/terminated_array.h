/* Registration arrays that Filter Manager walks until a terminator element:
 * FLT_CONTEXT_REGISTRATION (FLT_CONTEXT_END) and FLT_OPERATION_REGISTRATION
 * (IRP_MJ_OPERATION_END).  One check serves both rules. */
#ifndef FL_TERMINATED_ARRAY_H
#define FL_TERMINATED_ARRAY_H

#include "rule.h"

struct fl_terminated_array {
	const char *type;       /* struct tag of the elements */
	const char *field;      /* the field the terminator is told by */
	long long terminator;   /* its value there */
	const char *terminator_name;
	const char *what;       /* "context registration", for messages */
};

/* Reports every initialized array of `spec->type` with no terminator (an
 * error on the array's name) and each element after its first terminator
 * (a warning on the element). */
void fl_check_terminated_arrays(const struct fl_rule *rule, const struct fl_program *program,
				struct fl_findings *out, const struct fl_terminated_array *spec);

#endif
