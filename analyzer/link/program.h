/* The linked program: every unit of one driver joined.
 *
 * A callback registered in one file and defined in another, a call from one
 * file into another, a static function of the same name in two files: the
 * link step (program.c) resolves these once, by function key, so that rules
 * ask questions of the whole driver rather than of a file.
 */
#ifndef FL_PROGRAM_H
#define FL_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>

#include "facts/facts.h"

struct fl_inf; /* inf.h */

/* What Filter Manager (or the kernel) calls a registered function as. */
enum fl_role {
	FL_ROLE_DRIVER_ENTRY,
	FL_ROLE_PREOP,          /* FLT_OPERATION_REGISTRATION.PreOperation */
	FL_ROLE_POSTOP,         /* FLT_OPERATION_REGISTRATION.PostOperation */
	FL_ROLE_FILTER_UNLOAD,
	FL_ROLE_INSTANCE_SETUP,
	FL_ROLE_INSTANCE_QUERY_TEARDOWN,
	FL_ROLE_INSTANCE_TEARDOWN_START,
	FL_ROLE_INSTANCE_TEARDOWN_COMPLETE,
	FL_ROLE_CONTEXT_CLEANUP, /* FLT_CONTEXT_REGISTRATION.ContextCleanupCallback */
	FL_ROLE_CONTEXT_ALLOCATE,
	FL_ROLE_CONTEXT_FREE,
	FL_ROLE_GENERATE_FILE_NAME,
	FL_ROLE_NORMALIZE_NAME_COMPONENT,
	FL_ROLE_NORMALIZE_CONTEXT_CLEANUP,
	FL_ROLE_TRANSACTION_NOTIFICATION,
	FL_ROLE_SECTION_NOTIFICATION,
	FL_ROLE_PORT_CONNECT,    /* FltCreateCommunicationPort ConnectNotify */
	FL_ROLE_PORT_DISCONNECT,
	FL_ROLE_PORT_MESSAGE,
	FL_ROLE_WORK_ITEM,       /* Flt/Io work item routines: system worker thread */
	FL_ROLE_SYSTEM_THREAD,   /* PsCreateSystemThread start routine */
	FL_ROLE_DPC,             /* KeInitializeDpc deferred routine */
	FL_ROLE_ASYNC_IO,        /* completion of FltPerformAsynchronousIo, FltReadFile... */
	FL_ROLE_SAFE_POST,       /* FltDoCompletionProcessingWhenSafe SafePostCallback */
	FL_ROLE_COUNT
};

const char *fl_role_name(enum fl_role role);
/* "IRP_MJ_WRITE" for a major function number, or NULL when it has no
 * well-known name (Filter Manager's own operations). */
const char *fl_major_function_name(int major);

/* A function the driver hands to the system, and how. */
struct fl_entry {
	enum fl_role role;
	char *key;                 /* link key of the function */
	struct fl_loc registered;  /* where it is named in the registration (its unit's string) */
	int major_function;        /* IRP_MJ_* for pre/post-operation entries, else -1 */
	long long operation_flags; /* FLT_OPERATION_REGISTRATION.Flags, or 0 */
};

/* A function as the program sees it: its facts and the unit it lives in. */
struct fl_function_ref {
	const struct fl_tu_facts *unit;
	const struct fl_function *function;
};

struct fl_program {
	size_t unit_count;
	struct fl_tu_facts *units; /* owned; units that failed to parse are not here */
	size_t inf_count;
	struct fl_inf **infs;      /* owned */

	size_t entry_count;
	size_t entry_capacity;
	struct fl_entry *entries;

	/* Private index of functions by key (see program.c). */
	struct fl_function_index *index;
};

/* Takes ownership of `units` (an array of `unit_count` facts) and of `infs`,
 * and links them.  Never fails but for memory. */
struct fl_program *fl_program_new(struct fl_tu_facts *units, size_t unit_count,
				  struct fl_inf **infs, size_t inf_count);
void fl_program_free(struct fl_program *program);

/* The definition of the function with link key `key`, or {NULL, NULL}. */
struct fl_function_ref fl_program_function(const struct fl_program *program, const char *key);

/* Calls `visit` for every function, in unit then definition order. */
void fl_program_each_function(const struct fl_program *program,
			      void (*visit)(const struct fl_function_ref *ref, void *data), void *data);

/* The initializers of struct type `type` (e.g. "_FLT_CONTEXT_REGISTRATION"),
 * across all units, through `visit`. */
void fl_program_each_initializer(const struct fl_program *program, const char *type,
				 void (*visit)(const struct fl_tu_facts *unit,
					       const struct fl_initializer *initializer, void *data),
				 void *data);

/* Shortest call chains from chosen entries, over direct calls.  For each
 * function reached: the entry its shortest chain starts at, and the call
 * that leads to it from the previous function on that chain. */
struct fl_reach {
	const struct fl_entry *entry; /* NULL when not reached */
	const char *caller_key;       /* the previous function; NULL at the entry */
	const struct fl_call *call;   /* the call in that function */
	unsigned depth;               /* calls from the entry */
};

struct fl_reach_map;

/* Reaches from every entry `accept` says yes to (in entry order, so that
 * ties go the same way each run). */
struct fl_reach_map *fl_reach_new(const struct fl_program *program,
				  bool (*accept)(const struct fl_entry *entry, void *data), void *data);
void fl_reach_free(struct fl_reach_map *map);
/* How `key` is reached, or NULL when it is not. */
const struct fl_reach *fl_reach_get(const struct fl_reach_map *map, const char *key);
/* "PreCreate (pre-operation callback, IRP_MJ_CREATE) -> LogOpen -> OpenFile":
 * the chain to `key`, which must be reached. */
char *fl_reach_chain_text(const struct fl_reach_map *map, const char *key);
struct fl_finding;

/* A call on a call chain: `caller_key` calls `callee_key` at `call`. */
struct fl_chain_link {
	const char *caller_key;
	const char *callee_key;
	const struct fl_call *call;
	bool starts; /* the chain begins at this link's caller, whatever reaches it */
};

/* Gives the link that reaches `key` on its chain; false at the chain's start. */
typedef bool (*fl_chain_back)(const void *map, const char *key, struct fl_chain_link *link);

/* The links of the chain that ends at `key`, first call first, walking back
 * through `back` at most `limit` times; the caller frees them. */
struct fl_chain_link *fl_chain_links(const void *map, fl_chain_back back, const char *key, size_t limit,
				     size_t *count);
/* " -> B -> C": the chain after its first function ("" for none). */
char *fl_chain_rest(const struct fl_program *program, const struct fl_chain_link *links, size_t count);
/* Adds each link to `finding` as a call-chain step ("B calls C"). */
void fl_chain_add_steps(const struct fl_program *program, const struct fl_chain_link *links, size_t count,
			struct fl_finding *finding);
/* The name of the function with link key `key`, or the key itself. */
const char *fl_program_function_name(const struct fl_program *program, const char *key);
/* Adds the chain to `finding` as related locations: where the entry is
 * registered, then each call on the way. */
void fl_reach_add_related(const struct fl_reach_map *map, const char *key, struct fl_finding *finding);

/* The value of the field named `name` of an element, or NULL. */
const struct fl_field *fl_element_field(const struct fl_element *element, const char *name);

#endif
