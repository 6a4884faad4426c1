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

/* A driver's C++ `operator new` (global or a class's; `new (...) T` calls
 * it with the size first and the placement arguments after) that hands one
 * of its parameters to an API call as that call's POOL_TYPE: the first such
 * call `accept` takes (NULL: any), *param the parameter's index; NULL when
 * `function` is no such operator new.  The pool rules judge the pool at
 * each `new`, where it is written, not inside. */
const struct fl_call *fl_operator_new_pool_call(const struct fl_function *function,
						bool (*accept)(const struct fl_call *call, const struct fl_api *api),
						int *param);

#endif
