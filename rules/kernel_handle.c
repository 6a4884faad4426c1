/* kernel-handle: object attributes without OBJ_KERNEL_HANDLE for a handle
 * the driver creates for its own use.
 *
 * Why: a handle created without OBJ_KERNEL_HANDLE goes into the handle table
 * of whatever process is current.  Code that runs in a user's thread (pre-
 * and post-operation callbacks, communication port callbacks, completions)
 * thereby hands that process a handle to the driver's log file, registry
 * key or section: the process can use it with the driver's access, or close
 * it and let a new object take its value, which the driver then uses.  From
 * DriverEntry or a system worker thread the handle lands in the System
 * process, which is safer, yet Microsoft's rule for private handles still
 * asks for the flag.
 *
 * How: every call the API table says creates a handle from object
 * attributes (ZwCreateFile, FltCreateFile*, ZwOpenKey, ObOpenObjectByName,
 * FltCreateCommunicationPort...) or from a HandleAttributes word
 * (ObOpenObjectByPointer, ZwDuplicateObject).  Its attributes argument is
 * followed to where the Attributes field is set: InitializeObjectAttributes
 * or a hand store into the variable, an initializer, a helper function the
 * variable's address is passed to, and back through parameters to every
 * caller.  Of the stores before the handle is created, the last assignment
 * is judged: a constant lacking the flag is reported where it is made,
 * unless a `|=` after it adds the flag.  Severity comes from how the
 * function that owns the attributes can be reached from the entries the
 * driver registers: error from code that may run in a user process, warning
 * from DriverEntry, work items and system threads only (or from nowhere
 * fltlint can see).  The message names the entry and the call chain.
 *
 * Limits: ordered by position, not by paths (of assignments in both arms
 * of an if, the later one is judged); a store made in a helper is placed at
 * the helper's call; attributes reached through a struct member,
 * a global, or a pointer variable other than a parameter are not followed;
 * calls through function pointers are not followed.  A value that is not a
 * constant gives a note, not a finding.  FltCreateSectionForDataScan returns
 * a handle for user mode on purpose and is not checked.
 */
#include <stdlib.h>
#include <string.h>

#include "knowledge/api.h"
#include "rule.h"

#define FL_MAX_DEPTH 8

/* A place that sets the attributes of a handle being created.  `order` is
 * where it happens in the function that uses the variable: the store
 * itself, or the call to the helper that makes it. */
struct fl_attribute_store {
	const struct fl_value *value;
	enum fl_store_op op;
	const struct fl_loc *loc;
	const struct fl_loc *order;
};

struct fl_store_list {
	size_t count, capacity;
	struct fl_attribute_store *items;
};

enum fl_site_kind {
	FL_SITE_LACKS,   /* the flag is known clear */
	FL_SITE_UNKNOWN, /* the value is not known to hold the flag or lack it */
	FL_SITE_NULL,    /* no object attributes at all (NULL) */
};

/* One attributes store lacking the flag (or not known to have it), with
 * what it is for. */
struct fl_handle_site {
	struct fl_attribute_store store;
	struct fl_function_ref owner;       /* where the attributes variable lives */
	const struct fl_call *open;         /* the call creating the handle */
	const struct fl_function *opener;   /* the function making that call */
	enum fl_site_kind kind;
	bool flag_at_store_suffices; /* adding the flag to the store's value gives the handle the flag */
};

struct fl_kernel_handle_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
	struct fl_reach_map *outside_system; /* from entries that may run in a user process */
	struct fl_reach_map *system;         /* from DriverEntry, work items, system threads */
	size_t site_count, site_capacity;
	struct fl_handle_site *sites;
};

static bool fl_is_attributes_field(const char *type, const char *field)
{
	return strcmp(type, "_OBJECT_ATTRIBUTES") == 0 && strcmp(field, "Attributes") == 0;
}

static void fl_add_store(struct fl_store_list *list, const struct fl_value *value, enum fl_store_op op,
			 const struct fl_loc *loc, const struct fl_loc *order)
{
	FL_GROW(list->items, list->capacity, list->count + 1);
	list->items[list->count++] =
		(struct fl_attribute_store){ .value = value, .op = op, .loc = loc, .order = order ? order : loc };
}

/* Stores into the OBJECT_ATTRIBUTES that parameter `param` of `function`
 * points to, in it and in the helpers it passes the pointer on to. */
static void fl_param_stores(const struct fl_program *program, const struct fl_function *function,
			    int param, unsigned depth, const struct fl_loc *order, struct fl_store_list *out)
{
	if (depth > FL_MAX_DEPTH || param < 0 || (size_t)param >= function->param_count)
		return;
	for (size_t i = 0; i < function->field_store_count; i++) {
		const struct fl_field_store *store = &function->field_stores[i];
		if (store->base_param == param && fl_is_attributes_field(store->type, store->field))
			fl_add_store(out, &store->value, store->op, &store->loc, order);
	}
	const char *name = function->params[param];
	for (size_t c = 0; c < function->call_count; c++) {
		const struct fl_call *call = &function->calls[c];
		struct fl_function_ref callee = fl_program_function(program, call->callee_key);
		for (size_t a = 0; callee.function && a < call->arg_count; a++) {
			const struct fl_value *value = &call->args[a].value;
			if (value->kind == FL_VALUE_VARIABLE && !value->address_of && strcmp(value->name, name) == 0)
				fl_param_stores(program, callee.function, (int)a, depth + 1, order ? order : &call->loc, out);
		}
	}
}

/* Stores into the local or global variable `name` made by `ref`'s function:
 * directly, by its initializer, or by helpers given its address. */
static void fl_variable_stores(const struct fl_program *program, const struct fl_function_ref *ref,
			       const char *name, struct fl_store_list *out)
{
	const struct fl_function *function = ref->function;
	for (size_t i = 0; i < function->field_store_count; i++) {
		const struct fl_field_store *store = &function->field_stores[i];
		if (store->base && store->base_param < 0 && strcmp(store->base, name) == 0 &&
		    fl_is_attributes_field(store->type, store->field))
			fl_add_store(out, &store->value, store->op, &store->loc, NULL);
	}
	for (size_t i = 0; i < ref->unit->initializer_count; i++) {
		const struct fl_initializer *init = &ref->unit->initializers[i];
		if (init->is_array || !init->function || strcmp(init->function, function->key) != 0 ||
		    strcmp(init->variable, name) != 0 || strcmp(init->type, "_OBJECT_ATTRIBUTES") != 0)
			continue;
		/* `= { 0 }` leaves Attributes to a later InitializeObjectAttributes;
		 * only an initializer that writes the field sets it. */
		const struct fl_field *field = fl_element_field(&init->elements[0], "Attributes");
		if (field)
			fl_add_store(out, &field->value, FL_STORE_ASSIGN, &field->loc, &init->loc);
	}
	for (size_t c = 0; c < function->call_count; c++) {
		const struct fl_call *call = &function->calls[c];
		struct fl_function_ref callee = fl_program_function(program, call->callee_key);
		for (size_t a = 0; callee.function && a < call->arg_count; a++) {
			const struct fl_value *value = &call->args[a].value;
			if (value->kind == FL_VALUE_VARIABLE && value->address_of && strcmp(value->name, name) == 0)
				fl_param_stores(program, callee.function, (int)a, 1, &call->loc, out);
		}
	}
}

static void fl_add_site(struct fl_kernel_handle_run *run, const struct fl_attribute_store *store,
			const struct fl_function_ref *owner, const struct fl_call *open,
			const struct fl_function *opener, enum fl_site_kind kind, bool flag_at_store_suffices)
{
	for (size_t i = 0; i < run->site_count; i++) {
		const struct fl_loc *seen = run->sites[i].store.loc;
		if (seen->line == store->loc->line && seen->column == store->loc->column &&
		    strcmp(seen->file, store->loc->file) == 0)
			return;
	}
	FL_GROW(run->sites, run->site_capacity, run->site_count + 1);
	run->sites[run->site_count++] = (struct fl_handle_site){
		.store = *store, .owner = *owner, .open = open, .opener = opener, .kind = kind,
		.flag_at_store_suffices = flag_at_store_suffices,
	};
}

static int fl_compare_order(const void *a, const void *b)
{
	const struct fl_attribute_store *const *x = a, *const *y = b;
	return fl_loc_before((*x)->order, (*y)->order) ? -1 : fl_loc_before((*y)->order, (*x)->order) ? 1 : 0;
}

/* The bits known set and clear after the `|=`, `&=` and other stores
 * `later`, in order, from those of the assignment before them. */
static void fl_apply_later_stores(const struct fl_attribute_store *const *later, size_t count,
				  unsigned long long *set, unsigned long long *clear)
{
	unsigned long long op_set, op_clear;
	for (size_t i = 0; i < count; i++) {
		fl_value_bits(later[i]->value, &op_set, &op_clear);
		if (later[i]->op == FL_STORE_OR) {
			*set |= op_set;
			*clear &= op_clear;
		} else if (later[i]->op == FL_STORE_AND) {
			*set &= op_set;
			*clear |= op_clear;
		} else {
			*set = *clear = 0;
		}
	}
}

static enum fl_flag_state fl_kernel_handle_state(unsigned long long set, unsigned long long clear)
{
	struct fl_value judged = { .kind = FL_VALUE_UNKNOWN, .known_set = set, .known_clear = clear };
	return fl_value_flag(&judged, FL_OBJ_KERNEL_HANDLE);
}

/* Judges the stores that set the attributes of one handle used at `use`:
 * the last assignment before the use, then each `|=` (SetFlag) and `&=`
 * (ClearFlag) after it in order, by the bits known set and clear.  Stores
 * after the use are for another handle.  Branches are not told apart: of
 * two assignments on either side of an if, the later one is judged (a miss
 * is possible, a false alarm is not). */
static void fl_judge_stores(struct fl_kernel_handle_run *run, const struct fl_store_list *stores,
			    const struct fl_loc *use, const struct fl_function_ref *owner,
			    const struct fl_call *open, const struct fl_function *opener)
{
	const struct fl_attribute_store *last = NULL;
	for (size_t i = 0; i < stores->count; i++) {
		const struct fl_attribute_store *store = &stores->items[i];
		if (store->op == FL_STORE_ASSIGN && fl_loc_before(store->order, use) &&
		    (!last || !fl_loc_before(store->order, last->order)))
			last = store;
	}
	if (!last)
		return;
	const struct fl_attribute_store **later = fl_xcalloc(stores->count, sizeof(*later));
	size_t later_count = 0;
	for (size_t i = 0; i < stores->count; i++) {
		const struct fl_attribute_store *store = &stores->items[i];
		if (store->op != FL_STORE_ASSIGN && !fl_loc_before(store->order, last->order) &&
		    fl_loc_before(store->order, use))
			later[later_count++] = store;
	}
	qsort(later, later_count, sizeof(*later), fl_compare_order);
	unsigned long long set, clear;
	fl_value_bits(last->value, &set, &clear);
	/* The same stores had the assignment held the flag: a ClearFlag after
	 * it would still take the flag away, so the fix would not help. */
	unsigned long long fixed_set = set | FL_OBJ_KERNEL_HANDLE, fixed_clear = clear & ~FL_OBJ_KERNEL_HANDLE;
	fl_apply_later_stores(later, later_count, &set, &clear);
	fl_apply_later_stores(later, later_count, &fixed_set, &fixed_clear);
	free(later);
	enum fl_flag_state state = fl_kernel_handle_state(set, clear);
	if (state != FL_FLAG_SET)
		fl_add_site(run, last, owner, open, opener,
			    state == FL_FLAG_UNKNOWN ? FL_SITE_UNKNOWN : FL_SITE_LACKS,
			    fl_kernel_handle_state(fixed_set, fixed_clear) == FL_FLAG_SET);
}

/* Follows the attributes argument `value`, used at `use` in `ref`'s
 * function, to its stores, through parameters back to every caller. */
static void fl_follow_attributes(struct fl_kernel_handle_run *run, const struct fl_function_ref *ref,
				 const struct fl_value *value, const struct fl_loc *use,
				 const struct fl_call *open, const struct fl_function *opener, unsigned depth)
{
	if (depth > FL_MAX_DEPTH)
		return;
	if (fl_value_is_null(value)) {
		/* No attributes: the handle is an ordinary one of the current process. */
		struct fl_attribute_store none = { value, FL_STORE_ASSIGN, use, use };
		fl_add_site(run, &none, ref, open, opener, FL_SITE_NULL, false);
		return;
	}
	if (value->kind != FL_VALUE_VARIABLE)
		return;
	const struct fl_function *function = ref->function;
	int param = -1;
	for (size_t p = 0; p < function->param_count && !value->address_of; p++)
		if (strcmp(function->params[p], value->name) == 0)
			param = (int)p;
	struct fl_store_list stores = { 0 };
	if (param < 0)
		fl_variable_stores(run->program, ref, value->name, &stores);
	else
		fl_param_stores(run->program, function, param, 0, NULL, &stores);
	size_t before = run->site_count;
	fl_judge_stores(run, &stores, use, ref, open, opener);
	bool set_here = stores.count > 0;
	free(stores.items);
	if (param < 0 || set_here || run->site_count != before)
		return;
	/* A pointer the caller passed in and this function does not set: judge
	 * what each caller stored before the call. */
	size_t slot = fl_program_function_slot(run->program, function->key), count = 0;
	const struct fl_call_site *callers =
		slot == FL_NO_FUNCTION ? NULL : fl_program_callers(run->program, slot, &count);
	for (size_t i = 0; i < count; i++) {
		const struct fl_call *call = callers[i].call;
		if ((size_t)param >= call->arg_count)
			continue;
		struct fl_function_ref caller = fl_program_function_at(run->program, callers[i].caller);
		fl_follow_attributes(run, &caller, &call->args[param].value, &call->loc, open, opener, depth + 1);
	}
}

static void fl_visit_function(const struct fl_function_ref *ref, void *data)
{
	struct fl_kernel_handle_run *run = data;
	for (size_t c = 0; c < ref->function->call_count; c++) {
		const struct fl_call *call = &ref->function->calls[c];
		const struct fl_api *api = fl_api_find(call->callee);
		if (!api || api->user_handle_by_design)
			continue;
		if (api->handle_flags_arg >= 0 && (size_t)api->handle_flags_arg < call->arg_count) {
			const struct fl_arg *arg = &call->args[api->handle_flags_arg];
			enum fl_flag_state state = fl_value_flag(&arg->value, FL_OBJ_KERNEL_HANDLE);
			if (state != FL_FLAG_SET) {
				struct fl_attribute_store store = { &arg->value, FL_STORE_ASSIGN, &arg->loc, &arg->loc };
				fl_add_site(run, &store, ref, call, ref->function,
					    state == FL_FLAG_UNKNOWN ? FL_SITE_UNKNOWN : FL_SITE_LACKS, true);
			}
		}
		if (api->attributes_arg >= 0 && (size_t)api->attributes_arg < call->arg_count)
			fl_follow_attributes(run, ref, &call->args[api->attributes_arg].value,
					     &call->args[api->attributes_arg].loc, call, ref->function, 0);
	}
}

static bool fl_runs_outside_system(const struct fl_entry *entry, void *data)
{
	switch (entry->role) {
	case FL_ROLE_DRIVER_ENTRY:
	case FL_ROLE_WORK_ITEM:
	case FL_ROLE_SYSTEM_THREAD:
		return false;
	default:
		return true;
	}
}

static bool fl_runs_in_system(const struct fl_entry *entry, void *data)
{
	return !fl_runs_outside_system(entry, data);
}

static void fl_report_site(struct fl_kernel_handle_run *run, const struct fl_handle_site *site)
{
	const char *api = site->open->callee;
	const char *owner = site->owner.function->key;
	if (site->kind == FL_SITE_UNKNOWN) {
		struct fl_finding *finding = fl_report(
			run->out, run->rule, FL_SEVERITY_NOTE, site->store.loc,
			"cannot tell whether the attributes '%s' include OBJ_KERNEL_HANDLE (not a constant); "
			"the handle is created by %s in %s",
			site->store.value->text ? site->store.value->text : "?", api, site->opener->name);
		fl_finding_set_function(finding, site->owner.function->name);
		fl_finding_add_related(finding, &site->open->loc, "%s creates the handle here", api);
		return;
	}
	const struct fl_reach_map *map = NULL;
	enum fl_severity severity = FL_SEVERITY_WARNING;
	char *why;
	if (fl_reach_get(run->outside_system, owner)) {
		map = run->outside_system;
		severity = FL_SEVERITY_ERROR;
		char *chain = fl_reach_chain_text(map, owner);
		why = fl_xasprintf("it runs in whatever process is current, reached from %s, so the handle "
				   "lands in that process, which can use or close it", chain);
		free(chain);
	} else if (fl_reach_get(run->system, owner)) {
		map = run->system;
		char *chain = fl_reach_chain_text(map, owner);
		why = fl_xasprintf("reached only from %s, in the System process; a handle for the driver's "
				   "own use must still be a kernel handle", chain);
		free(chain);
	} else {
		why = fl_xstrdup("not reached from any entry the driver registers; a handle for the driver's "
				 "own use must be a kernel handle");
	}
	struct fl_finding *finding =
		fl_report(run->out, run->rule, severity, site->store.loc,
			  site->kind == FL_SITE_NULL
				  ? "no object attributes (NULL), so no OBJ_KERNEL_HANDLE, for the handle %s creates in %s: %s"
				  : "object attributes lack OBJ_KERNEL_HANDLE for the handle %s creates in %s: %s",
			  api, site->opener->name, why);
	free(why);
	fl_finding_set_function(finding, site->owner.function->name);
	/* A constant that is not a conditional takes `| OBJ_KERNEL_HANDLE` as it
	 * stands, unless a later ClearFlag would take the flag away again. */
	const struct fl_value *attributes = site->store.value;
	if (attributes->kind == FL_VALUE_INT && site->flag_at_store_suffices && site->store.op != FL_STORE_OTHER &&
	    attributes->text &&
	    !strpbrk(attributes->text, "?,="))
		fl_fix_value_append(finding, site->store.loc, attributes, " | OBJ_KERNEL_HANDLE",
				    "Add OBJ_KERNEL_HANDLE to the attributes");
	if (map)
		fl_reach_add_related(map, owner, finding);
	fl_finding_add_related(finding, &site->open->loc, "%s creates the handle here", api);
}

static void fl_check_kernel_handle(const struct fl_rule *rule, const struct fl_program *program,
				   struct fl_findings *out)
{
	struct fl_kernel_handle_run run = { .rule = rule, .program = program, .out = out };
	fl_program_each_function(program, fl_visit_function, &run);
	if (run.site_count) {
		run.outside_system = fl_reach_new(program, fl_runs_outside_system, NULL);
		run.system = fl_reach_new(program, fl_runs_in_system, NULL);
		for (size_t i = 0; i < run.site_count; i++)
			fl_report_site(&run, &run.sites[i]);
		fl_reach_free(run.outside_system);
		fl_reach_free(run.system);
	}
	free(run.sites);
}

const struct fl_rule fl_rule_kernel_handle = {
	.id = "kernel-handle",
	.severity = FL_SEVERITY_ERROR,
	.summary = "Handle created without OBJ_KERNEL_HANDLE, so it lands in the current process",
	.msvc_warning = 0,
	.check = fl_check_kernel_handle,
};
