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
#include <stdint.h>

#include "facts/facts.h"

struct fl_inf;     /* inf.h */
struct fl_finding; /* findings.h */

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

	/* The link index (see "Functions" below; program.c). */
	struct fl_function_index *index;

	/* The units and INFs belong to another program (drivers.h). */
	bool borrowed;

	/* Analyses rules share (fl_program_shared); owned. */
	struct fl_shared_analyses *shared;
};

/* Takes ownership of `units` (an array of `unit_count` facts) and of `infs`,
 * and links them.  Never fails but for memory. */
struct fl_program *fl_program_new(struct fl_tu_facts *units, size_t unit_count,
				  struct fl_inf **infs, size_t inf_count);
void fl_program_free(struct fl_program *program);

/* An analysis several rules need (the IRQL map of irql-too-high and
 * paged-at-dispatch) is built by the first rule that asks and kept with
 * the program: `key` names it (the address of something of the analysis's
 * own), `build` makes it from the program, `release` frees it with the
 * program.  The program is the analysis's only input, so which rule asks
 * first does not matter. */
void *fl_program_shared(const struct fl_program *program, const void *key,
			void *(*build)(const struct fl_program *program), void (*release)(void *analysis));

/* ---- Functions: the link index ----
 *
 * Every function the driver defines, once, sorted by link key; where a key
 * is defined twice (a function in a header that two units include) the
 * earlier unit's definition is the one.  A function's place in the index
 * (its slot, 0 .. fl_program_function_count() - 1) is fixed for the
 * program's life: a query or rule keeps what it learns per function in an
 * array by slot, never in an index of its own.  Built once by
 * fl_program_new in O(n log n), with each direct call resolved to its
 * callee's slot and the callers of each function gathered. */

#define FL_NO_FUNCTION ((size_t)-1)

size_t fl_program_function_count(const struct fl_program *program);
/* The function in `slot`.  O(1). */
struct fl_function_ref fl_program_function_at(const struct fl_program *program, size_t slot);
/* The slot of the function with link key `key` (NULL: none), or
 * FL_NO_FUNCTION.  O(log n). */
size_t fl_program_function_slot(const struct fl_program *program, const char *key);
/* The definition of the function with link key `key`, or {NULL, NULL}.  O(log n). */
struct fl_function_ref fl_program_function(const struct fl_program *program, const char *key);
/* The function code in `unit` means by `name`: the unit's own static
 * function of that name first, then the one of external linkage; or
 * {NULL, NULL}.  O(log n). */
struct fl_function_ref fl_program_function_named(const struct fl_program *program, const struct fl_tu_facts *unit,
						 const char *name);
/* The slot of the function that call `call` (an index into `calls`) of the
 * function in `slot` calls directly, or FL_NO_FUNCTION (an API, a call
 * through a pointer, a function the driver does not define).  O(1). */
size_t fl_program_callee(const struct fl_program *program, size_t slot, size_t call);

/* A direct call of a driver function: call `index` of the function in `caller`. */
struct fl_call_site {
	size_t caller;
	size_t index;
	const struct fl_call *call;
};

/* The direct calls of the function in `slot` from the functions of the
 * index, in unit, definition and call order; `*count` gets their number.
 * O(1): gathered at link time. */
const struct fl_call_site *fl_program_callers(const struct fl_program *program, size_t slot, size_t *count);

/* Calls `visit` for every function, in unit then definition order (a
 * function defined in several units is visited in each). */
void fl_program_each_function(const struct fl_program *program,
			      void (*visit)(const struct fl_function_ref *ref, void *data), void *data);

/* The initializers of struct type `type` (e.g. "_FLT_CONTEXT_REGISTRATION"),
 * across all units, through `visit`. */
void fl_program_each_initializer(const struct fl_program *program, const char *type,
				 void (*visit)(const struct fl_tu_facts *unit,
					       const struct fl_initializer *initializer, void *data),
				 void *data);

/* ---- Reach: shortest call chains from a set of seeds ----
 *
 * A breadth-first walk over direct calls from seeds (functions where a
 * chain starts: registered entries, or whatever a rule chooses), in seed
 * order, so that each function keeps its shortest chain and ties go the
 * same way each run.  O(functions + calls) time, one record per function
 * of the index. */

/* Where a chain starts.  A seed may stand for a call the rule chose (irql:
 * a call made while a spin lock is held): then the chain's first link is
 * that call, from `caller`, whose own reach does not matter. */
struct fl_reach_seed {
	size_t function;              /* slot of the function the chain starts at */
	const struct fl_entry *entry; /* the entry that function is registered as, or NULL */
	size_t caller;                /* with `call`: the slot of the function making it */
	const struct fl_call *call;   /* the call that starts the chain, or NULL */
	const void *origin;           /* the rule's own note on the seed (irql: the raising call);
				       * the query only carries it */
};

/* How a function is reached: the seed its shortest chain starts at, and
 * the call that leads to it from the previous function on that chain. */
struct fl_reach {
	const struct fl_reach_seed *seed;
	const char *caller_key;       /* the previous function; NULL at the seed */
	const struct fl_call *call;   /* the call in that function */
	unsigned depth;               /* calls from the seed (1 at a seed with a call) */
};

struct fl_reach_map;

/* Whether the walk goes on from the function in `caller` through `call`
 * to the function in `callee` (e.g. not into functions a rule has already
 * placed). */
typedef bool (*fl_reach_follow)(const struct fl_program *program, size_t caller, const struct fl_call *call,
				size_t callee, void *data);

/* Reaches from `seeds` (copied; a function seeded twice keeps its first
 * seed), following every direct call `follow` accepts (NULL: all). */
struct fl_reach_map *fl_reach_from(const struct fl_program *program, const struct fl_reach_seed *seeds,
				   size_t seed_count, fl_reach_follow follow, void *data);
/* Reaches from every entry `accept` says yes to, in entry order. */
struct fl_reach_map *fl_reach_new(const struct fl_program *program,
				  bool (*accept)(const struct fl_entry *entry, void *data), void *data);
void fl_reach_free(struct fl_reach_map *map);
/* Where the driver starts: each DriverEntry entry (with its entry), and,
 * before them, the functions that call DriverEntry, transitively (entry
 * NULL): a runtime's entry point that wraps it (the linker's /ENTRY: a C++
 * runtime that sets up its heap, then calls DriverEntry).  Seeds for
 * fl_reach_from, `*count` of them; the caller frees them. */
struct fl_reach_seed *fl_program_start_seeds(const struct fl_program *program, size_t *count);
/* Per slot (count + 1 items, the caller frees them): whether the function
 * is an entry or its address is handed on (a call's argument, a field
 * store, a struct initializer's field): it may be called from anywhere,
 * with anything. */
bool *fl_program_address_taken(const struct fl_program *program);
/* What can run at all: the reach from where the driver starts, from every
 * entry, from every function whose address the driver's code or data
 * hands on (an argument, a field store, a struct initializer: a routine
 * that the system or a table calls), and from every C++ member function
 * other than a static one (virtual calls are not linked).  A function not
 * in it is code nothing runs (left over, or built out). */
struct fl_reach_map *fl_reach_live(const struct fl_program *program);
/* How `key` is reached, or NULL when it is not.  O(log n). */
const struct fl_reach *fl_reach_get(const struct fl_reach_map *map, const char *key);
/* The same by slot.  O(1). */
const struct fl_reach *fl_reach_at(const struct fl_reach_map *map, size_t slot);

/* "PreCreate (pre-operation callback, IRP_MJ_CREATE) -> LogOpen -> OpenFile":
 * the chain to `key`, named from its start (an entry with its role); the
 * name of `key` alone when it is not reached. */
char *fl_reach_chain_text(const struct fl_reach_map *map, const char *key);
/* " -> B -> C": the chain to `key` after the function it starts at ("" for none). */
char *fl_reach_chain_rest(const struct fl_reach_map *map, const char *key);
/* The slot of the function the chain to `key` starts at (a seed with a
 * call starts at its caller); `key` must be reached. */
size_t fl_reach_chain_start(const struct fl_reach_map *map, const char *key);
/* Adds the chain to `finding` as related locations: where the entry is
 * registered (for an entry's chain), then each call on the way. */
void fl_reach_add_related(const struct fl_reach_map *map, const char *key, struct fl_finding *finding);
/* Adds each call on the chain to `key` to `finding` ("B calls C"). */
void fl_reach_add_steps(const struct fl_reach_map *map, const char *key, struct fl_finding *finding);

/* ---- Paths through a function's flow graph ----
 *
 * fl_walk_paths follows every path through a function's flow summary
 * (facts.h, fl_flow_node) from its entry, carrying the rule's state along
 * each: at a BRANCH the state is copied and each way the rule's `assume`
 * allows is taken; a state already followed from a node is not followed
 * again (by digest), so a loop runs until its state repeats.  The walk owns
 * the states and its bound: FL_PATHS_MAX_STEPS nodes per walk, and
 * FL_PATHS_MAX_NESTING branches open at once.  Cost: up to the bound in
 * steps, a state copy per branch and a table entry per step.  A visitor
 * may start another walk (of a callee) from inside its step. */

/* The findings on the 32 corpus trees (docs/corpus.md) are the same at
 * twice this; the walks that reach it (name changer's
 * NcDirNotifyTranslateBuffers) conclude nothing either way, and ran to
 * 200000 steps at a third of a warm run's rules time. */
#define FL_PATHS_MAX_STEPS 100000
#define FL_PATHS_MAX_NESTING 10000

/* What the rule does along a path; `rule` is the rule's own run. */
struct fl_path_visitor {
	size_t state_size; /* bytes of the path state: plain data, copied at branches */
	/* Node `index` (CALL, ASSIGN, USE or RETURN; NOPs are skipped) on a
	 * path; false gives the walk up (a cap of the rule's state). */
	bool (*step)(void *rule, void *state, int index);
	/* BRANCH `index` taken one way (`holds`: its test holds); false when
	 * the state rules that way out. */
	bool (*assume)(void *rule, void *state, int index, bool holds);
	/* Brings the state to its canonical form before it is compared, or NULL. */
	void (*canonical)(void *rule, void *state);
	/* A digest of the state, for telling states already followed. */
	uint64_t (*digest)(const void *state);
	/* The path leaves the function, in this state. */
	void (*exit)(void *rule, void *state);
};

/* Walks every path of `function` from its entry, starting in `start`
 * (copied).  False when nothing may be concluded: the summary is
 * incomplete (flow_incomplete), the walk reached its bound, or a step
 * gave up. */
bool fl_walk_paths(const struct fl_function *function, const struct fl_path_visitor *visitor, void *rule,
		   const void *start);

/* The name of the function with link key `key`, or the key itself. */
const char *fl_program_function_name(const struct fl_program *program, const char *key);

/* The value of the field named `name` of an element, or NULL. */
const struct fl_field *fl_element_field(const struct fl_element *element, const char *name);
/* Whether a field is left out or written as 0 / NULL (a null pointer
 * constant is not an integer expression, so it comes as text). */
bool fl_field_is_null(const struct fl_field *field);
/* Whether a value is written as 0 / NULL. */
bool fl_value_is_null(const struct fl_value *value);

#endif
