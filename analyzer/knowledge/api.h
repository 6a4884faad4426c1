/* What fltlint knows of the kernel and Filter Manager API: one table that
 * every rule reads, so that no rule spells an API's argument positions or
 * IRQL limit itself.  Each entry names the documentation page it rests on
 * (Microsoft's DDI reference, learn.microsoft.com/windows-hardware/drivers/ddi/). */
#ifndef FL_API_H
#define FL_API_H

#include <stdbool.h>

#define FL_IRQL_PASSIVE 0
#define FL_IRQL_APC 1
#define FL_IRQL_DISPATCH 2
#define FL_IRQL_UNKNOWN (-1)
#define FL_IRQL_HIGH 15     /* "any IRQL" */
#define FL_IRQL_FROM_ARG (-2) /* raises_to: the level is an argument (KeRaiseIrql) */
#define FL_NO_ARG (-1)

/* OBJ_KERNEL_HANDLE, as the DDK defines it. */
#define FL_OBJ_KERNEL_HANDLE 0x00000200

/* FLT_CONTEXT_TYPE bits (fltKernel.h); FltAllocateContext takes one, but a
 * mask written with `|` is judged by every type in it. */
#define FL_FLT_VOLUME_CONTEXT 0x0001

/* POOL_TYPE values (wdm.h).  Volume contexts must come from nonpaged pool
 * (DDI fltkernel/nf-fltkernel-fltallocatecontext; WDD ifs/managing-contexts-
 * in-a-minifilter-driver), and FltAllocateContext documents only these three. */
#define FL_POOL_NON_PAGED 0
#define FL_POOL_PAGED 1
#define FL_POOL_NON_PAGED_NX 512

/* The bits that ask for non-executable memory where the argument is flags
 * rather than a POOL_TYPE. */
#define FL_POOL_NX_ALLOCATION 0x00000200   /* ExInitializeNPagedLookasideList Flags (wdm.h) */
#define FL_MDL_MAPPING_NO_EXECUTE 0x40000000 /* MM_PAGE_PRIORITY modifier (wdm.h) */

/* The POOL_TYPE enumerator named `value` ("PagedPool"), or NULL. */
const char *fl_pool_type_name(long long value);
/* Whether a POOL_TYPE value is a paged pool (PagedPool, PagedPoolCacheAligned,
 * PagedPoolSession ...: the low bit of the base type). */
bool fl_pool_type_is_paged(long long value);
/* Whether a POOL_TYPE value is executable nonpaged pool: nonpaged, without
 * the Nx modifier (NonPagedPool, NonPagedPoolCacheAligned, NonPagedPoolSession,
 * NonPagedPoolMustSucceed ..., with or without POOL_QUOTA_* bits). */
bool fl_pool_type_is_executable(long long value);

/* A flags argument in which one bit asks for non-executable memory: without
 * it the memory is executable (nx-pool). */
enum fl_nx_flag {
	FL_NX_FLAG_NONE,
	FL_NX_FLAG_POOL_NX_ALLOCATION, /* POOL_NX_ALLOCATION in lookaside Flags */
	FL_NX_FLAG_MDL_NO_EXECUTE,     /* MdlMappingNoExecute in an MM_PAGE_PRIORITY */
};

/* What a function registered through an argument is called as. */
enum fl_api_callback {
	FL_API_CALLBACK_NONE,
	FL_API_CALLBACK_WORK_ITEM,      /* system worker thread, PASSIVE */
	FL_API_CALLBACK_SYSTEM_THREAD,  /* PsCreateSystemThread start routine */
	FL_API_CALLBACK_DPC,            /* DISPATCH, arbitrary thread */
	FL_API_CALLBACK_ASYNC_IO,       /* I/O completion: up to DISPATCH, arbitrary thread */
	FL_API_CALLBACK_SAFE_POST,      /* FltDoCompletionProcessingWhenSafe: <= APC, arbitrary thread */
	FL_API_CALLBACK_PORT_CONNECT,   /* communication port: the connecting process */
	FL_API_CALLBACK_PORT_DISCONNECT,
	FL_API_CALLBACK_PORT_MESSAGE,
};

/* What a call does to the IRQL it returns at (spin locks, KeRaiseIrql):
 * everything between a RAISE and the next LOWER in the same function runs at
 * the raised level. */
enum fl_irql_effect {
	FL_IRQL_EFFECT_NONE,
	FL_IRQL_EFFECT_RAISE, /* to `raises_to`, or to argument `raise_level_arg` */
	FL_IRQL_EFFECT_LOWER,
};

/* What a call does to a Filter Manager context reference. */
enum fl_context_op {
	FL_CONTEXT_OP_NONE,
	FL_CONTEXT_OP_ALLOCATE,  /* FltAllocateContext: new reference out through `context_arg` */
	FL_CONTEXT_OP_GET,       /* FltGet*Context: reference out through `context_arg` */
	FL_CONTEXT_OP_REFERENCE, /* FltReferenceContext: one more reference on `context_arg` */
	FL_CONTEXT_OP_SET,       /* FltSet*Context: the old context, referenced, out through `context_arg` */
	FL_CONTEXT_OP_RELEASE,   /* FltReleaseContext: drops the reference `context_arg` */
};

/* What a call does to a registration with the system: a callback, a
 * notify routine, a filter, a port (callback-not-unregistered).  The
 * registration is named by an object, the "cookie": the cookie or handle
 * an out-pointer receives (CmRegisterCallbackEx's Cookie), the routine
 * itself (PsSetLoadImageNotifyRoutine), or a record or device object the
 * caller owns (KeRegisterBugCheckCallback); the undoing call names the same
 * object. */
enum fl_registration_op {
	FL_REGISTRATION_NONE,
	FL_REGISTRATION_REGISTERS,   /* `unregistered_by` undoes it */
	FL_REGISTRATION_UNREGISTERS,
	/* Registers, or unregisters when argument `remove_arg` is TRUE
	 * (PsSetCreateProcessNotifyRoutine's Remove). */
	FL_REGISTRATION_REMOVE_ARG,
};

struct fl_api_callback_arg {
	int arg;
	enum fl_api_callback kind;
};

struct fl_api {
	const char *name;
	int max_irql;             /* documented maximum IRQL, or FL_IRQL_UNKNOWN */
	int attributes_arg;       /* POBJECT_ATTRIBUTES of the handle it creates, or FL_NO_ARG */
	int handle_flags_arg;     /* ULONG HandleAttributes of the handle it creates, or FL_NO_ARG */
	bool user_handle_by_design; /* returns a handle meant for user mode (no finding) */
	int context_type_arg;     /* FLT_CONTEXT_TYPE, or FL_NO_ARG */
	int pool_arg;             /* POOL_TYPE, or FL_NO_ARG */
	struct fl_api_callback_arg callbacks[3]; /* functions it registers; kind NONE ends */
	const char *doc;          /* DDI page, relative to .../drivers/ddi/ */

	/* IRQL and context columns (irql-too-high, paged-at-dispatch, context-*). */
	bool apc_if_paged;        /* max_irql applies to nonpaged memory only; APC_LEVEL when
				   * the pool (pool_arg) or the context involved is paged */
	enum fl_irql_effect irql_effect;
	int raises_to;            /* RAISE: the level, or FL_IRQL_FROM_ARG */
	int raise_level_arg;      /* RAISE with FL_IRQL_FROM_ARG: the KIRQL argument */
	enum fl_context_op context_op;
	int context_arg;          /* the context (RELEASE, REFERENCE) or its out-pointer */
	int context_type;         /* FLT_*_CONTEXT the call is for (FltGetStreamContext ...), or 0 */

	/* Pool columns (nx-pool, deprecated-pool-api); pool_arg above is the POOL_TYPE. */
	enum fl_nx_flag nx_flag;  /* a flags argument with a bit for NX memory, or NONE */
	int nx_flag_arg;          /* that argument (with nx_flag) */
	const char *replaced_by;  /* deprecated since Windows 10 2004: the routine that replaces it */
	/* Registration columns (callback-not-unregistered): "registers /
	 * unregisters, cookie argument". */
	enum fl_registration_op registration;
	int cookie_arg;           /* the object naming the registration; FL_NO_ARG: the value returned */
	bool cookie_out;          /* cookie_arg points to where the call stores the cookie or handle */
	int remove_arg;           /* REMOVE_ARG: the BOOLEAN Remove argument */
	const char *unregistered_by; /* REGISTERS: the routine that undoes it */
};

/* The entry for `name`, or NULL when fltlint knows nothing of it. */
const struct fl_api *fl_api_find(const char *name);

/* Every entry, for listing and tests; *count gets their number. */
const struct fl_api *fl_api_all(unsigned *count);

#endif
