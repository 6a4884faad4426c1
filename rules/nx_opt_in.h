/* The run-time NX opt-in: ExInitializeDriverRuntime(DrvRtPoolNxOptIn)
 * reached from DriverEntry, or from a runtime's entry point that calls
 * DriverEntry (nx-pool, nx-opt-in-ineffective). */
#ifndef FL_NX_OPT_IN_H
#define FL_NX_OPT_IN_H

#include "rule.h"

struct fl_nx_opt_in {
	struct fl_reach_map *reach;  /* from fl_program_start_seeds; the caller frees it */
	const char *caller_key;      /* the function that makes the call, or NULL */
	const struct fl_call *call;  /* the call (its flags include DrvRtPoolNxOptIn or do not resolve) */
};

/* Finds the first such call, in unit then definition order. */
struct fl_nx_opt_in fl_nx_opt_in_find(const struct fl_program *program);

#endif
