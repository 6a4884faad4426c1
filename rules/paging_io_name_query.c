/* paging-io-name-query: a file name query (FltGetFileNameInformation,
 * FltGetFileNameInformationUnsafe, FltGetDestinationFileNameInformation)
 * reachable from the pre- or post-operation callback of a read or write
 * that may be paging I/O, on a path no IRP_PAGING_IO test keeps it from.
 *
 * Why: a name query in the paging I/O path fails with
 * STATUS_FLT_INVALID_NAME_REQUEST, and one that reaches the file system
 * there can deadlock on the locks the memory manager or the cache manager
 * holds for the paging read or write (DDI fltkernel/nf-fltkernel-
 * fltgetfilenameinformation: FLT_FILE_NAME_QUERY_DEFAULT "does nothing"
 * when querying is not safe; the Unsafe variant has no such check).  Paging
 * I/O comes as IRP_MJ_READ and IRP_MJ_WRITE with IRP_PAGING_IO (or
 * IRP_SYNCHRONOUS_PAGING_IO) in the callback data's Iopb->IrpFlags; a filter
 * that does not want it sets FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO on
 * the operation's FLT_OPERATION_REGISTRATION entry, which the DDI documents
 * for read and write operations (ns-fltkernel-_flt_operation_registration).
 * The failure shows under memory pressure only, when pages are written out
 * or faulted in, so tests on a quiet machine pass.
 *
 * How: from the pre- and post-operation entries (the link step's fl_entry)
 * of IRP_MJ_READ and IRP_MJ_WRITE whose Flags lack SKIP_PAGING_IO, the link
 * stage's reach (fl_reach_from) follows the direct calls a paging I/O path
 * makes: in each function, the path walker (fl_walk_paths) takes every test
 * of IRP_PAGING_IO or IRP_SYNCHRONOUS_PAGING_IO on a parameter's IrpFlags
 * field (the walker's FL_FLOW_TEST_BITS on "...->IrpFlags": Data->Iopb->
 * IrpFlags, or Iopb->IrpFlags in a helper handed the Iopb) only the way
 * paging I/O goes, so `if (FlagOn(Data->Iopb->IrpFlags, IRP_PAGING_IO))
 * return ...;` guards what follows, and a query inside `if (!FlagOn(...))`
 * is guarded.  A name query on such a path whose NameOptions' query method
 * is FLT_FILE_NAME_QUERY_CACHE_ONLY or ALWAYS_ALLOW_CACHE_LOOKUP is not
 * reported (neither reaches the file system where that is unsafe), nor one
 * whose method fltlint cannot resolve (chosen at run time).  The finding names the registration entry and
 * the guard that would fix it, with the call chain.  FltIsOperationSynchronous
 * and other tests are not guards.
 *
 * Limits: a flag copied to a local first (`flags = Iopb->IrpFlags`, or an
 * Iopb held in a local) is not seen as a guard; nor is a helper that tests
 * the flag and returns a BOOLEAN (`if (IsPagingIo(Data)) return`); a
 * function whose flow summary is incomplete is taken as guarded when it
 * tests the flag anywhere; a query method that does not resolve is taken
 * to be a safe one; other operations than read and write are not
 * judged.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"

#include "knowledge/api.h"
#include "util.h"

/* wdm.h and fltKernel.h values. */
#define FL_IRP_MJ_READ 3
#define FL_IRP_MJ_WRITE 4
#define FL_IRP_PAGING_IO 0x00000002
#define FL_IRP_SYNCHRONOUS_PAGING_IO 0x00000040
#define FL_SKIP_PAGING_IO 0x00000001 /* FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO */
/* The query method: a value (not a flag) in NameOptions' second byte. */
#define FL_FLT_FILE_NAME_QUERY_METHOD_MASK 0xff00
#define FL_FLT_FILE_NAME_QUERY_CACHE_ONLY 0x0200
#define FL_FLT_FILE_NAME_QUERY_ALWAYS_ALLOW_CACHE_LOOKUP 0x0400

struct fl_paging_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	/* Per function slot: the calls a paging I/O path makes (by call
	 * index), computed when first asked; NULL until then. */
	bool **paging_calls;
};

/* The NameOptions argument's position, or -1 for an API that is no name query. */
static int fl_name_options_arg(const char *callee)
{
	if (!callee)
		return -1;
	if (strcmp(callee, "FltGetFileNameInformation") == 0)
		return 1;
	if (strcmp(callee, "FltGetFileNameInformationUnsafe") == 0)
		return 2;
	if (strcmp(callee, "FltGetDestinationFileNameInformation") == 0)
		return 5;
	return -1;
}

/* A test of IRP_PAGING_IO (or IRP_SYNCHRONOUS_PAGING_IO) on a parameter's IrpFlags. */
static bool fl_is_paging_guard(const struct fl_flow_node *node)
{
	static const char suffix[] = "->IrpFlags";
	size_t length = node->field ? strlen(node->field) : 0;
	return node->kind == FL_FLOW_BRANCH && node->test == FL_FLOW_TEST_BITS && length >= sizeof(suffix) - 1 &&
	       strcmp(node->field + length - (sizeof(suffix) - 1), suffix) == 0 &&
	       (node->value & (FL_IRP_PAGING_IO | FL_IRP_SYNCHRONOUS_PAGING_IO)) != 0;
}

/* The path walk: no state; a paging guard is taken the way paging I/O
 * goes, every other test both ways; CALL nodes mark their calls. */
struct fl_paging_walk {
	const struct fl_function *function;
	bool *calls;
};

static bool fl_paging_step(void *rule, void *state, int index)
{
	(void)state;
	struct fl_paging_walk *walk = rule;
	const struct fl_flow_node *node = &walk->function->flow[index];
	if (node->kind == FL_FLOW_CALL)
		walk->calls[node->call] = true;
	return true;
}

static bool fl_paging_assume(void *rule, void *state, int index, bool holds)
{
	(void)state;
	struct fl_paging_walk *walk = rule;
	return holds || !fl_is_paging_guard(&walk->function->flow[index]);
}

static uint64_t fl_paging_digest(const void *state)
{
	(void)state;
	return 0;
}

static void fl_paging_exit(void *rule, void *state)
{
	(void)rule, (void)state;
}

static const struct fl_path_visitor fl_paging_visitor = {
	.state_size = 1,
	.step = fl_paging_step,
	.assume = fl_paging_assume,
	.digest = fl_paging_digest,
	.exit = fl_paging_exit,
};

/* The calls of the function in `slot` that a paging I/O path makes. */
static const bool *fl_paging_calls(struct fl_paging_run *run, size_t slot)
{
	if (run->paging_calls[slot])
		return run->paging_calls[slot];
	const struct fl_function *function = fl_program_function_at(run->program, slot).function;
	bool *calls = fl_xcalloc(function->call_count + 1, sizeof(*calls));
	run->paging_calls[slot] = calls;
	bool guarded = false;
	for (size_t i = 0; i < function->flow_count; i++)
		guarded |= fl_is_paging_guard(&function->flow[i]);
	if (!guarded) {
		for (size_t i = 0; i < function->call_count; i++)
			calls[i] = true;
		return calls;
	}
	struct fl_paging_walk walk = { .function = function, .calls = calls };
	char start = 0;
	if (!fl_walk_paths(function, &fl_paging_visitor, &walk, &start))
		memset(calls, 0, function->call_count); /* tested somewhere, paths not known: taken as guarded */
	return calls;
}

static bool fl_follow_paging(const struct fl_program *program, size_t caller, const struct fl_call *call, size_t callee,
			     void *data)
{
	(void)callee;
	const struct fl_function *function = fl_program_function_at(program, caller).function;
	return fl_paging_calls(data, caller)[call - function->calls];
}

/* Whether the query may go to the file system: its method is known (a
 * constant, or an expression whose method byte is known whatever the rest:
 * `FLT_FILE_NAME_NORMALIZED | method` with `method` a variable is not) and
 * is neither CACHE_ONLY, which never reaches the file system, nor
 * ALWAYS_ALLOW_CACHE_LOOKUP, which looks in the cache and goes to the file
 * system only where that is safe, which paging I/O is not (the form the DDI
 * gives for such paths).  A method chosen at run time (a setting read from
 * the registry) is the driver's choice, which fltlint cannot see.
 * FILESYSTEM_ONLY (0x0300) shares CACHE_ONLY's bit: the method is a value. */
static bool fl_queries_file_system(const struct fl_call *call, int options_arg)
{
	if ((size_t)options_arg >= call->arg_count)
		return false;
	unsigned long long set, clear;
	fl_value_bits(&call->args[options_arg].value, &set, &clear);
	if (((set | clear) & FL_FLT_FILE_NAME_QUERY_METHOD_MASK) != FL_FLT_FILE_NAME_QUERY_METHOD_MASK)
		return false;
	unsigned long long method = set & FL_FLT_FILE_NAME_QUERY_METHOD_MASK;
	return method != FL_FLT_FILE_NAME_QUERY_CACHE_ONLY && method != FL_FLT_FILE_NAME_QUERY_ALWAYS_ALLOW_CACHE_LOOKUP;
}

static void fl_report_query(const struct fl_rule *rule, const struct fl_program *program,
			    const struct fl_reach_map *reach, const struct fl_entry *entry,
			    const struct fl_function *function, const struct fl_call *call, struct fl_findings *out)
{
	const char *callback = fl_program_function_name(program, entry->key);
	const char *major = fl_major_function_name(entry->major_function);
	struct fl_finding *finding = fl_report(
		out, rule, rule->severity, &call->loc,
		"%s can run in the paging I/O path: %s is the %s callback of the %s entry registered at %s:%u without "
		"FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO, and no test of IRP_PAGING_IO on Data->Iopb->IrpFlags "
		"guards the call; name queries fail or deadlock there. Set SKIP_PAGING_IO on the entry, or return "
		"early when FlagOn(Data->Iopb->IrpFlags, IRP_PAGING_IO)",
		call->callee, callback, entry->role == FL_ROLE_PREOP ? "pre-operation" : "post-operation", major,
		entry->registered.file, entry->registered.line);
	fl_finding_set_function(finding, function->name);
	fl_finding_add_related(finding, &entry->registered, "the %s registration entry, without SKIP_PAGING_IO", major);
	fl_reach_add_steps(reach, function->key, finding);
}

static void fl_check_paging_io_name_query(const struct fl_rule *rule, const struct fl_program *program,
					  struct fl_findings *out)
{
	size_t count = fl_program_function_count(program);
	struct fl_paging_run run = { .rule = rule, .program = program,
				     .paging_calls = fl_xcalloc(count + 1, sizeof(bool *)) };
	size_t seed_count = 0, seed_capacity = 0;
	struct fl_reach_seed *seeds = NULL;
	for (size_t i = 0; i < program->entry_count; i++) {
		const struct fl_entry *entry = &program->entries[i];
		size_t slot = fl_program_function_slot(program, entry->key);
		if ((entry->role != FL_ROLE_PREOP && entry->role != FL_ROLE_POSTOP) ||
		    (entry->major_function != FL_IRP_MJ_READ && entry->major_function != FL_IRP_MJ_WRITE) ||
		    (entry->operation_flags & FL_SKIP_PAGING_IO) || slot == FL_NO_FUNCTION)
			continue;
		FL_GROW(seeds, seed_capacity, seed_count + 1);
		seeds[seed_count++] = (struct fl_reach_seed){ .function = slot, .entry = entry };
	}
	struct fl_reach_map *reach = seed_count ? fl_reach_from(program, seeds, seed_count, fl_follow_paging, &run) : NULL;
	for (size_t slot = 0; reach && slot < count; slot++) {
		const struct fl_reach *how = fl_reach_at(reach, slot);
		if (!how)
			continue;
		const struct fl_function *function = fl_program_function_at(program, slot).function;
		const bool *on_paging_path = fl_paging_calls(&run, slot);
		for (size_t c = 0; c < function->call_count; c++) {
			const struct fl_call *call = &function->calls[c];
			int options = fl_name_options_arg(call->callee);
			if (on_paging_path[c] && options >= 0 && fl_queries_file_system(call, options))
				fl_report_query(rule, program, reach, how->seed->entry, function, call, out);
		}
	}
	fl_reach_free(reach);
	for (size_t slot = 0; slot < count; slot++)
		free(run.paging_calls[slot]);
	free(run.paging_calls);
	free(seeds);
}

const struct fl_rule fl_rule_paging_io_name_query = {
	.id = "paging-io-name-query",
	.severity = FL_SEVERITY_WARNING,
	.summary = "File name query (FltGetFileNameInformation...) reachable from a read or write callback that can see paging I/O, with no IRP_PAGING_IO guard",
	.msvc_warning = 0,
	.check = fl_check_paging_io_name_query,
};
