#include "nx_opt_in.h"

#include <stdlib.h>
#include <string.h>

#define FL_DRV_RT_POOL_NX_OPT_IN 0x1 /* DRIVER_RUNTIME_INIT_FLAGS (wdm.h) */

static void fl_find_runtime_call(const struct fl_function_ref *ref, void *data)
{
	struct fl_nx_opt_in *found = data;
	if (found->call || !fl_reach_get(found->reach, ref->function->key))
		return;
	for (size_t c = 0; c < ref->function->call_count; c++) {
		const struct fl_call *call = &ref->function->calls[c];
		if (!call->callee || strcmp(call->callee, "ExInitializeDriverRuntime") != 0)
			continue;
		const struct fl_value *flags = call->arg_count ? &call->args[0].value : NULL;
		if (!flags || flags->kind != FL_VALUE_INT || (flags->integer & FL_DRV_RT_POOL_NX_OPT_IN)) {
			found->caller_key = ref->function->key;
			found->call = call;
			return;
		}
	}
}

struct fl_nx_opt_in fl_nx_opt_in_find(const struct fl_program *program)
{
	size_t count;
	struct fl_reach_seed *seeds = fl_program_start_seeds(program, &count);
	struct fl_nx_opt_in found = { .reach = fl_reach_from(program, seeds, count, NULL, NULL) };
	free(seeds);
	fl_program_each_function(program, fl_find_runtime_call, &found);
	return found;
}
