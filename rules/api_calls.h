/* Every call, with the API table's entry for its callee (analyzer/knowledge),
 * once per function definition: for rules that judge a call by its arguments
 * alone (volume-context-pool, nx-pool, deprecated-pool-api). */
#ifndef FL_API_CALLS_H
#define FL_API_CALLS_H

#include "rule.h"

#include "knowledge/api.h"

/* Calls `visit` for each call, with its callee's table entry or NULL, in unit
 * then definition order.  A function defined in a header comes once per unit
 * that includes it: only the first unit's copy is visited. */
void fl_each_call(const struct fl_program *program,
		      void (*visit)(const struct fl_function_ref *ref, const struct fl_call *call,
				    const struct fl_api *api, void *data),
		      void *data);

#endif
