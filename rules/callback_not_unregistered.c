/* callback-not-unregistered: a callback, notify routine, filter or
 * communication port registered with the system that the driver does not
 * unregister: not from its unload routine, or not on a DriverEntry failure
 * path after the registration, or never (its cookie lives in a local).
 *
 * Why: the system keeps calling a registered routine until it is
 * unregistered.  Once the driver image is unloaded, a registry, process,
 * thread, image-load or object callback still registered calls into freed
 * code: a bugcheck on the next registry access or process start, far from
 * the cause (DDI wdm/nf-wdm-cmregistercallbackex and cmunregistercallback,
 * ntddk/nf-ntddk-pssetcreateprocessnotifyroutineex: "A driver must remove
 * any callbacks it registers before it unloads", wdm/nf-wdm-obregistercallbacks
 * and obunregistercallbacks, fltkernel/nf-fltkernel-fltregisterfilter:
 * "must call FltUnregisterFilter" in its unload callback, and
 * fltkernel/nf-fltkernel-fltcreatecommunicationport /
 * fltclosecommunicationport).  A DriverEntry that fails is unloaded at once
 * without its unload routine running, so what it registered before failing
 * must be undone before it returns the failure.
 *
 * How: the API table's registration column (knowledge/api.c) says which
 * call registers, which undoes it, and which argument names the
 * registration: the cookie or handle an out-pointer receives, the routine,
 * or a record.  That object is the argument's text (`&Globals.Cookie` and
 * `Globals.Cookie` are one object, across files), or the routine's link key.
 * What a function does with its callees (the link stage's reach over direct
 * calls) is its summary: the registrations it makes and the undoings.
 * Only registrations in code that can run are judged (the link stage's
 * fl_reach_live: left-over code nothing calls never registers anything),
 * when the driver has a DriverEntry to start from.
 * (1) When the driver has an unload routine (FLT_REGISTRATION's
 * FilterUnloadCallback, or a function stored in DriverObject->DriverUnload
 * or a registration's FilterUnloadCallback, directly or through a helper's
 * parameter),
 * every registration must be undone for the same object by a call reachable
 * from it; an undoing call given a local or a parameter is taken to match
 * any object.  A filter without an unload routine cannot unload, so (1) says
 * nothing about it.  A C++ member reached through `this` (this->m_Port,
 * server_port_) is an object of some instance the walker does not tell
 * apart, often undone in a destructor of that instance: such a registration
 * is not judged at unload (it is on DriverEntry's failure paths).  (3) A cookie the call stores in a
 * local of the registering function that is never copied anywhere (no
 * assignment from it, no return of it) can never be unregistered.  (2) In
 * DriverEntry, the path walker (fl_walk_paths) follows every path of its
 * flow summary: a registration is held once the code tests its status as a
 * success (or the status of the driver function that registers it); a path
 * that returns a failure status (a negative constant, or a status variable
 * the path knows failed) while a registration is held and not undone on the
 * way is reported at the return.
 *
 * C++ holders: the walker follows a holder's deleter (a non-type template
 * argument, walked per instance) from its destructor, at `delete` of a
 * structure of holders and at a local's scope end; what is kept in a
 * holder's member (value.key `Holder<args>::m_data`, on the undoing call's
 * `m_data` and on `&x->Filter.get()` that returns a reference to it) is
 * undone only by that holder type's deleter.
 *
 * Severity: a call fltlint cannot follow (through a function pointer, or a
 * template parameter it cannot resolve) may undo anything.  An
 * unload routine that makes one, or a failure path that makes one while a
 * registration is held, gives a warning naming that call, not an error: an
 * error is a path fltlint believes feasible.
 *
 * Limits: a cookie returned by the call (ExRegisterCallback) is matched by
 * the undoing routine's name only; registrations whose status is never
 * tested are not followed on failure paths; failure paths are looked for in
 * DriverEntry itself (registrations made in driver functions it calls count,
 * their own failure paths do not); a function whose summary is incomplete is
 * not explored; an object copied to another variable before it is
 * unregistered is matched only through a local (see above).
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"

#include "knowledge/api.h"
#include "util.h"

#define FL_REG_MAX_SITES 16 /* registrations DriverEntry's paths follow */
#define FL_REG_MAX_FACTS 8

/* A registration or its undoing: the API, and the object naming it. */
struct fl_reg_object {
	const struct fl_api *api; /* the registering API (for an undoing call: the undoing API) */
	const struct fl_call *call;
	const struct fl_function *function;
	char *object;  /* normalized argument text or routine key; NULL: any (a returned cookie, a local) */
	const char *shown; /* the object as messages name it (a routine's name, not its key) */
	const char *member; /* a holder's member it is kept in (`Owned<T, ..., &Release>::value_`), or NULL */
	bool of_this;  /* a C++ member reached through `this` */
};

struct fl_reg_list {
	size_t count, capacity;
	struct fl_reg_object *items;
};

static void fl_reg_list_free(struct fl_reg_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i].object);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/* What the call does: REGISTERS, UNREGISTERS or NONE (a Remove argument that
 * does not resolve). */
static enum fl_registration_op fl_reg_effect(const struct fl_call *call, const struct fl_api **api_out)
{
	const struct fl_api *api = fl_api_find(call->callee);
	*api_out = api;
	if (!api || api->registration == FL_REGISTRATION_NONE)
		return FL_REGISTRATION_NONE;
	if (api->registration != FL_REGISTRATION_REMOVE_ARG)
		return api->registration;
	if ((size_t)api->remove_arg >= call->arg_count || call->args[api->remove_arg].value.kind != FL_VALUE_INT)
		return FL_REGISTRATION_NONE;
	return call->args[api->remove_arg].value.integer ? FL_REGISTRATION_UNREGISTERS : FL_REGISTRATION_REGISTERS;
}

static bool fl_is_param(const struct fl_function *function, const char *name)
{
	for (size_t i = 0; i < function->param_count; i++)
		if (strcmp(function->params[i], name) == 0)
			return true;
	return false;
}

static const struct fl_value *fl_reg_cookie(const struct fl_call *call, const struct fl_api *api)
{
	if (api->cookie_arg == FL_NO_ARG || (size_t)api->cookie_arg >= call->arg_count)
		return NULL;
	return &call->args[api->cookie_arg].value;
}

/* The object the call's cookie argument names: `&G.Cookie` and `G.Cookie`
 * alike; NULL for "any". */
static char *fl_reg_object_name(const struct fl_function *function, const struct fl_call *call, const struct fl_api *api,
				bool undoing)
{
	const struct fl_value *value = fl_reg_cookie(call, api);
	if (!value || value->of_this)
		return NULL;
	if ((value->kind == FL_VALUE_FUNCTION || value->kind == FL_VALUE_VARIABLE) && value->key)
		return fl_xstrdup(value->key);
	if (value->kind == FL_VALUE_VARIABLE && (value->local || (undoing && fl_is_param(function, value->name))))
		return NULL; /* a local copy, or one the undoing call is handed: not told apart */
	const char *text = value->text ? value->text : "";
	char *name = fl_xmalloc(strlen(text) + 1), *out = name;
	for (; *text; text++)
		if (*text != '&' && *text != ' ' && *text != '\t' && *text != '\n' && *text != '\r' && *text != '(' &&
		    *text != ')')
			*out++ = *text;
	*out = '\0';
	return name;
}

/* Whether the undoing call `undo` undoes the registration `reg`.  What is
 * kept in a holder's member is that holder's, whatever the text naming it:
 * the deleter of one holder's instance undoes nothing stored in another's. */
static bool fl_reg_undoes(const struct fl_reg_object *undo, const struct fl_reg_object *reg)
{
	bool pair = reg->api->registration == FL_REGISTRATION_REMOVE_ARG
		? strcmp(undo->api->name, reg->api->name) == 0
		: reg->api->unregistered_by && strcmp(undo->api->name, reg->api->unregistered_by) == 0;
	if (pair && undo->member && reg->member)
		return strcmp(undo->member, reg->member) == 0;
	return pair && (!undo->object || !reg->object || strcmp(undo->object, reg->object) == 0);
}

static bool fl_reg_list_undoes(const struct fl_reg_list *undos, const struct fl_reg_object *reg)
{
	for (size_t i = 0; i < undos->count; i++)
		if (fl_reg_undoes(&undos->items[i], reg))
			return true;
	return false;
}

static void fl_reg_add(struct fl_reg_list *list, const struct fl_function *function, const struct fl_call *call,
		       const struct fl_api *api, bool undoing)
{
	FL_GROW(list->items, list->capacity, list->count + 1);
	struct fl_reg_object *item = &list->items[list->count++];
	const struct fl_value *cookie = fl_reg_cookie(call, api);
	*item = (struct fl_reg_object){
		.api = api, .call = call, .function = function,
		.object = fl_reg_object_name(function, call, api, undoing),
		.member = cookie && cookie->kind != FL_VALUE_FUNCTION && cookie->kind != FL_VALUE_VARIABLE ? cookie->key : NULL,
		.of_this = cookie && cookie->of_this,
	};
	/* A routine by its name; any other object by its normalized text. */
	item->shown = item->object && cookie->kind == FL_VALUE_FUNCTION ? cookie->name
		: item->of_this ? cookie->text : item->object;
}

/* What the functions `map` reaches do: their registrations (into `regs`,
 * when not NULL) and undoings; the first call among them that fltlint
 * cannot follow (through a pointer or a template parameter: a holder's
 * deleter) goes to `*opaque`, when not NULL, since it may undo anything. */
static void fl_reg_collect(const struct fl_program *program, const struct fl_reach_map *map, struct fl_reg_list *regs,
			   struct fl_reg_list *undos, const struct fl_call **opaque)
{
	size_t count = fl_program_function_count(program);
	for (size_t slot = 0; slot < count; slot++) {
		if (!fl_reach_at(map, slot))
			continue;
		const struct fl_function *function = fl_program_function_at(program, slot).function;
		for (size_t c = 0; c < function->call_count; c++) {
			const struct fl_call *call = &function->calls[c];
			const struct fl_api *api;
			if (!call->callee && opaque && !*opaque)
				*opaque = call;
			enum fl_registration_op effect = fl_reg_effect(call, &api);
			if (effect == FL_REGISTRATION_REGISTERS && regs)
				fl_reg_add(regs, function, call, api, false);
			else if (effect == FL_REGISTRATION_UNREGISTERS)
				fl_reg_add(undos, function, call, api, true);
		}
	}
}

/* What the functions reached from `seeds` do (see fl_reg_collect). */
static void fl_reg_summary(const struct fl_program *program, const struct fl_reach_seed *seeds, size_t seed_count,
			   struct fl_reg_list *regs, struct fl_reg_list *undos, const struct fl_call **opaque)
{
	struct fl_reach_map *map = fl_reach_from(program, seeds, seed_count, NULL, NULL);
	fl_reg_collect(program, map, regs, undos, opaque);
	fl_reach_free(map);
}

/* The summary of one function with its callees, computed once per slot. */
struct fl_reg_effects {
	bool done;
	struct fl_reg_list regs, undos;
	const struct fl_call *opaque; /* a call it makes that fltlint cannot follow, or NULL */
};

struct fl_reg_run {
	const struct fl_rule *rule;
	const struct fl_program *program;
	struct fl_findings *out;
	const char *unload_name; /* NULL: the driver cannot unload */
	struct fl_reg_list unload_undos;
	const struct fl_call *unload_opaque; /* a call the unload routine makes that fltlint cannot follow */
	struct fl_reg_effects *summaries; /* by slot */
};

static const struct fl_reg_effects *fl_reg_function_summary(struct fl_reg_run *run, size_t slot)
{
	struct fl_reg_effects *summary = &run->summaries[slot];
	if (!summary->done) {
		struct fl_reach_seed seed = { .function = slot };
		fl_reg_summary(run->program, &seed, 1, &summary->regs, &summary->undos, &summary->opaque);
		summary->done = true;
	}
	return summary;
}

/* ---- (2) DriverEntry's failure paths ---- */

enum fl_reg_state {
	FL_REG_NONE,
	FL_REG_PENDING,
	FL_REG_HELD,
	FL_REG_UNDONE,  /* held, then undone */
	FL_REG_CLOUDED, /* held, then a call fltlint cannot follow ran, which may have undone it */
};

/* What the path knows of a status variable (or of call `call`'s value). */
struct fl_reg_fact {
	const char *name;
	int call;
	bool success;
};

/* The path state (plain data: the walker copies it at branches). */
struct fl_reg_path {
	unsigned char state[FL_REG_MAX_SITES];
	const char *status[FL_REG_MAX_SITES]; /* the variable telling whether it worked, or NULL */
	int status_call[FL_REG_MAX_SITES];    /* or the call whose value is tested; -1 */
	size_t fact_count;
	struct fl_reg_fact facts[FL_REG_MAX_FACTS];
	int returned; /* -1 none, 0 success or unknown, 1 failure */
	unsigned exit_line, exit_column;
};

struct fl_reg_exit {
	unsigned line, column;
	unsigned held, undone, clouded; /* masks of sites (see fl_reg_note_exit) */
};

struct fl_reg_explore {
	struct fl_reg_run *run;
	const struct fl_function *function;
	size_t slot;
	struct fl_reg_list sites; /* registrations made at CALL nodes, index = site */
	int site_node[FL_REG_MAX_SITES];
	const struct fl_call *clouded_by[FL_REG_MAX_SITES]; /* the first call that clouded each site */
	size_t exit_count, exit_capacity;
	struct fl_reg_exit *exits; /* the failure returns reached */
};

static bool fl_reg_fact_is(const struct fl_reg_fact *fact, const char *name, int call)
{
	return name ? fact->name && strcmp(fact->name, name) == 0 : !fact->name && fact->call == call;
}

static int fl_reg_fact(const struct fl_reg_path *path, const char *name, int call)
{
	for (size_t i = 0; i < path->fact_count; i++)
		if (fl_reg_fact_is(&path->facts[i], name, call))
			return path->facts[i].success;
	return -1;
}

static void fl_reg_forget(struct fl_reg_path *path, const char *name, int call)
{
	for (size_t i = 0; i < path->fact_count; i++)
		if (fl_reg_fact_is(&path->facts[i], name, call)) {
			path->facts[i] = path->facts[--path->fact_count];
			return;
		}
}

/* Learns that `name` (or call `call`) succeeded or failed; settles the
 * registrations it tells about. */
static void fl_reg_learn(struct fl_reg_path *path, const char *name, int call, bool success)
{
	fl_reg_forget(path, name, call);
	if (path->fact_count < FL_REG_MAX_FACTS)
		path->facts[path->fact_count++] = (struct fl_reg_fact){ .name = name, .call = call, .success = success };
	for (size_t s = 0; s < FL_REG_MAX_SITES; s++)
		if (path->state[s] == FL_REG_PENDING &&
		    (name ? path->status[s] && strcmp(path->status[s], name) == 0 : !path->status[s] && path->status_call[s] == call))
			path->state[s] = success ? FL_REG_HELD : FL_REG_NONE;
}

/* A digest of the state, its facts whatever their order. */
static uint64_t fl_reg_digest(const void *state)
{
	const struct fl_reg_path *path = state;
	uint64_t hash = FL_HASH_START;
	for (size_t s = 0; s < FL_REG_MAX_SITES; s++) {
		hash = fl_hash_int(hash, path->state[s]);
		hash = fl_hash_text(hash, path->status[s]);
		hash = fl_hash_int(hash, path->status_call[s]);
	}
	uint64_t facts = 0;
	for (size_t i = 0; i < path->fact_count; i++)
		facts += fl_hash_int(fl_hash_text(FL_HASH_START, path->facts[i].name),
				     path->facts[i].call * 2LL + path->facts[i].success);
	hash = fl_hash_int(hash, (long long)facts);
	hash = fl_hash_int(hash, path->returned);
	return fl_hash_int(hash, path->exit_line * 4096LL + path->exit_column);
}

/* A failure return: which registrations some path reaches it holding, and
 * which some other path reaches it having undone.  Only a registration no
 * path undoes before this return is reported: a test the summary cannot
 * follow (`if (Globals.Filter != NULL) FltUnregisterFilter(...)`) makes a
 * path that skips the undoing, which the code knows cannot happen. */
static void fl_reg_note_exit(struct fl_reg_explore *run, const struct fl_reg_path *path)
{
	struct fl_reg_exit *exit = NULL;
	for (size_t i = 0; i < run->exit_count && !exit; i++)
		if (run->exits[i].line == path->exit_line && run->exits[i].column == path->exit_column)
			exit = &run->exits[i];
	if (!exit) {
		FL_GROW(run->exits, run->exit_capacity, run->exit_count + 1);
		exit = &run->exits[run->exit_count++];
		*exit = (struct fl_reg_exit){ .line = path->exit_line, .column = path->exit_column };
	}
	for (size_t s = 0; s < run->sites.count; s++) {
		if (path->state[s] == FL_REG_HELD)
			exit->held |= 1u << s;
		else if (path->state[s] == FL_REG_UNDONE)
			exit->undone |= 1u << s;
		else if (path->state[s] == FL_REG_CLOUDED)
			exit->clouded |= 1u << s;
	}
}

/* One finding for the registrations `left` (a mask of sites) at a failure
 * return: an error, or, when `clouded`, a warning that names the call
 * fltlint cannot follow that might have undone them. */
static void fl_reg_report_left(struct fl_reg_explore *run, const struct fl_reg_exit *exit, unsigned left, bool clouded)
{
	if (!left)
		return;
	size_t held = 0;
	char *what = fl_xstrdup(""), *undo = fl_xstrdup("");
	for (size_t s = 0; s < run->sites.count; s++) {
		if (!(left & (1u << s)))
			continue;
		held++;
		const struct fl_reg_object *site = &run->sites.items[s];
		const char *by = site->api->unregistered_by ? site->api->unregistered_by : site->api->name;
		const char *object = site->shown ? site->shown : "";
		bool remove = site->api->registration == FL_REGISTRATION_REMOVE_ARG;
		char *more = fl_xasprintf("%s%s%s%s%s (line %u)", what, what[0] ? ", " : "", site->api->name,
					  site->shown ? " of " : "", object, site->call->loc.line);
		free(what);
		what = more;
		more = fl_xasprintf("%s%s%s(%s)%s", undo, undo[0] ? ", " : "", by, object,
				    remove ? " with Remove TRUE" : "");
		free(undo);
		undo = more;
	}
	struct fl_loc where = { .file = run->function->body_loc.file, .line = exit->line, .column = exit->column };
	const struct fl_call *by = NULL;
	for (size_t s = 0; s < run->sites.count && clouded && !by; s++)
		if (left & (1u << s))
			by = run->clouded_by[s];
	char *unseen = by ? fl_xasprintf(" (unless the call at %s:%u, which fltlint cannot follow: through a pointer or "
					 "a template parameter it cannot resolve, undoes it)",
					 by->loc.file, by->loc.line)
			  : fl_xstrdup("");
	struct fl_finding *finding = fl_report(
		run->run->out, run->run->rule, clouded ? FL_SEVERITY_WARNING : run->run->rule->severity, &where,
		"%s returns a failure here while %s %s still registered%s: a driver whose DriverEntry fails is "
		"unloaded without its unload routine, and the system keeps calling into it; undo it before returning: %s",
		run->function->name, what, held > 1 ? "are" : "is", unseen, undo);
	free(unseen);
	fl_finding_set_function(finding, run->function->name);
	for (size_t s = 0; s < run->sites.count; s++)
		if (left & (1u << s))
			fl_finding_add_related(finding, &run->sites.items[s].call->loc, "%s registers here",
					       run->sites.items[s].api->name);
	free(what);
	free(undo);
}

/* One failure return: an error for what some path leaves certainly held, a
 * warning for what only paths through a call fltlint cannot follow leave. */
static void fl_reg_report_exit(struct fl_reg_explore *run, const struct fl_reg_exit *exit)
{
	fl_reg_report_left(run, exit, exit->held & ~exit->undone, false);
	fl_reg_report_left(run, exit, exit->clouded & ~exit->held & ~exit->undone, true);
}

/* A CALL node: registrations it makes, undoings it does. */
static void fl_reg_call(struct fl_reg_explore *run, struct fl_reg_path *path, int index)
{
	const struct fl_flow_node *node = &run->function->flow[index];
	if (node->var)
		fl_reg_forget(path, node->var, -1);
	else
		fl_reg_forget(path, NULL, node->call);
	for (size_t s = 0; s < FL_REG_MAX_SITES; s++)
		if (path->status[s] && node->var && strcmp(path->status[s], node->var) == 0)
			path->status[s] = NULL, path->status_call[s] = -2; /* can no longer be told */
	const struct fl_call *call = &run->function->calls[node->call];
	struct fl_reg_list own = { 0 };
	const struct fl_reg_list *undos = &own;
	const struct fl_call *opaque = call->callee ? NULL : call;
	const struct fl_api *api;
	enum fl_registration_op effect = fl_reg_effect(call, &api);
	size_t callee = fl_program_callee(run->run->program, run->slot, (size_t)node->call);
	if (effect == FL_REGISTRATION_UNREGISTERS) {
		fl_reg_add(&own, run->function, call, api, true);
	} else if (!api && callee != FL_NO_FUNCTION) {
		const struct fl_reg_effects *summary = fl_reg_function_summary(run->run, callee);
		undos = &summary->undos;
		opaque = summary->opaque;
	}
	for (size_t s = 0; s < run->sites.count; s++) {
		if (path->state[s] != FL_REG_NONE && fl_reg_list_undoes(undos, &run->sites.items[s]))
			path->state[s] = path->state[s] == FL_REG_HELD || path->state[s] == FL_REG_CLOUDED ? FL_REG_UNDONE
													 : FL_REG_NONE;
		else if (path->state[s] == FL_REG_HELD && opaque) {
			path->state[s] = FL_REG_CLOUDED;
			if (!run->clouded_by[s])
				run->clouded_by[s] = opaque;
		}
	}
	fl_reg_list_free(&own);
	for (size_t s = 0; s < run->sites.count; s++)
		if (run->site_node[s] == index) {
			path->state[s] = FL_REG_PENDING;
			path->status[s] = node->var;
			path->status_call[s] = node->var ? -1 : node->call;
		}
}

static bool fl_reg_step(void *rule, void *state, int index)
{
	struct fl_reg_explore *run = rule;
	struct fl_reg_path *path = state;
	const struct fl_flow_node *node = &run->function->flow[index];
	switch (node->kind) {
	case FL_FLOW_CALL:
		fl_reg_call(run, path, index);
		break;
	case FL_FLOW_ASSIGN:
		if (node->var) {
			fl_reg_forget(path, node->var, -1);
			if (node->source_kind == FL_FLOW_SOURCE_CONSTANT)
				fl_reg_learn(path, node->var, -1, (int)node->value >= 0);
		}
		break;
	case FL_FLOW_RETURN:
		path->exit_line = node->line;
		path->exit_column = node->column;
		path->returned = 0;
		if (node->source_kind == FL_FLOW_SOURCE_CONSTANT)
			path->returned = (int)node->value < 0;
		else if (node->source_kind == FL_FLOW_SOURCE_VARIABLE)
			path->returned = fl_reg_fact(path, node->source, -1) == 0;
		break;
	default:
		break;
	}
	return true;
}

/* Takes BRANCH `index` one way; false when the path knows it cannot.  Only
 * status tests of a variable or a call's value tell anything here. */
static bool fl_reg_assume(void *rule, void *state, int index, bool holds)
{
	const struct fl_reg_explore *run = rule;
	struct fl_reg_path *path = state;
	const struct fl_flow_node *node = &run->function->flow[index];
	if ((node->test != FL_FLOW_TEST_SUCCESS && node->test != FL_FLOW_TEST_EQUALS) || node->param >= 0 ||
	    (node->call < 0 && !node->var))
		return true;
	const char *name = node->call >= 0 ? NULL : node->var;
	bool success;
	if (node->test == FL_FLOW_TEST_SUCCESS)
		success = holds;
	else if (holds)
		success = (int)node->value >= 0;
	else
		return true; /* != a status: another success or failure code */
	int known = fl_reg_fact(path, name, node->call);
	if (known >= 0 && known != success)
		return false;
	fl_reg_learn(path, name, node->call, success);
	return true;
}

static void fl_reg_exit(void *rule, void *state)
{
	const struct fl_reg_path *path = state;
	if (path->returned == 1)
		fl_reg_note_exit(rule, path);
}

static const struct fl_path_visitor fl_reg_visitor = {
	.state_size = sizeof(struct fl_reg_path),
	.step = fl_reg_step,
	.assume = fl_reg_assume,
	.digest = fl_reg_digest,
	.exit = fl_reg_exit,
};

static void fl_check_driver_entry(struct fl_reg_run *rule_run, size_t slot)
{
	const struct fl_function *function = fl_program_function_at(rule_run->program, slot).function;
	if (function->flow_entry == FL_FLOW_EXIT)
		return;
	struct fl_reg_explore run = { .run = rule_run, .function = function, .slot = slot };
	for (size_t i = 0; i < function->flow_count; i++) {
		const struct fl_flow_node *node = &function->flow[i];
		if (node->kind != FL_FLOW_CALL)
			continue;
		const struct fl_call *call = &function->calls[node->call];
		const struct fl_api *api;
		size_t before = run.sites.count;
		size_t callee = fl_program_callee(rule_run->program, slot, (size_t)node->call);
		if (fl_reg_effect(call, &api) == FL_REGISTRATION_REGISTERS) {
			fl_reg_add(&run.sites, function, call, api, false);
		} else if (!api && callee != FL_NO_FUNCTION) {
			const struct fl_reg_list *regs = &fl_reg_function_summary(rule_run, callee)->regs;
			for (size_t r = 0; r < regs->count; r++)
				fl_reg_add(&run.sites, regs->items[r].function, regs->items[r].call, regs->items[r].api, false);
		}
		for (size_t s = before; s < run.sites.count && s < FL_REG_MAX_SITES; s++)
			run.site_node[s] = (int)i;
	}
	if (run.sites.count > 0 && run.sites.count <= FL_REG_MAX_SITES) {
		struct fl_reg_path start = { .returned = -1 };
		if (fl_walk_paths(function, &fl_reg_visitor, &run, &start))
			for (size_t i = 0; i < run.exit_count; i++)
				fl_reg_report_exit(&run, &run.exits[i]);
	}
	fl_reg_list_free(&run.sites);
	free(run.exits);
}

/* ---- (1) unload and (3) locals ---- */

static bool fl_is_driver_entry(const struct fl_program *program, const struct fl_function *function)
{
	for (size_t i = 0; i < program->entry_count; i++)
		if (program->entries[i].role == FL_ROLE_DRIVER_ENTRY && strcmp(program->entries[i].key, function->key) == 0)
			return true;
	return false;
}

/* Whether the local `name` is copied anywhere or returned. */
static bool fl_local_escapes(const struct fl_function *function, const char *name)
{
	for (size_t i = 0; i < function->flow_count; i++) {
		const struct fl_flow_node *node = &function->flow[i];
		if ((node->kind == FL_FLOW_ASSIGN || node->kind == FL_FLOW_RETURN) &&
		    node->source_kind == FL_FLOW_SOURCE_VARIABLE && node->source && strcmp(node->source, name) == 0)
			return true;
	}
	for (size_t i = 0; i < function->field_store_count; i++) {
		const struct fl_value *value = &function->field_stores[i].value;
		if (value->kind == FL_VALUE_VARIABLE && value->name && strcmp(value->name, name) == 0)
			return true;
	}
	return false;
}

static void fl_check_registration(struct fl_reg_run *run, size_t slot, const struct fl_call *call,
				  const struct fl_api *api)
{
	const struct fl_function *function = fl_program_function_at(run->program, slot).function;
	const struct fl_value *cookie = fl_reg_cookie(call, api);
	const char *undo = api->unregistered_by ? api->unregistered_by : api->name;
	const char *remove = api->registration == FL_REGISTRATION_REMOVE_ARG ? " with Remove TRUE" : "";
	if (cookie && api->cookie_out && cookie->kind == FL_VALUE_VARIABLE && cookie->local && cookie->address_of &&
	    !fl_local_escapes(function, cookie->name)) {
		struct fl_finding *finding = fl_report(
			run->out, run->rule, run->rule->severity, &call->loc,
			"%s stores its %s in '%s', a local of %s that is never copied anywhere: once %s returns, nothing "
			"can pass it to %s, and the registration outlives the driver; keep it in a global (or the "
			"driver's global structure) and undo it at unload",
			api->name, strcmp(api->name, "FltRegisterFilter") == 0 ? "filter" : "cookie or handle", cookie->name,
			function->name, function->name, undo);
		fl_finding_set_function(finding, function->name);
		return;
	}
	if (!run->unload_name)
		return;
	struct fl_reg_list regs = { 0 };
	fl_reg_add(&regs, function, call, api, false);
	const struct fl_reg_object *reg = &regs.items[0];
	/* A member of `this` belongs to an instance the walker does not tell
	 * apart, undone perhaps in a destructor that `delete` runs: not judged. */
	bool undone = reg->of_this || fl_reg_list_undoes(&run->unload_undos, reg);
	/* A registration its own (non-DriverEntry) function undoes is scoped to
	 * it (a test that registers, works and unregisters), not left for unload. */
	if (!undone && !fl_is_driver_entry(run->program, function))
		undone = fl_reg_list_undoes(&fl_reg_function_summary(run, slot)->undos, reg);
	if (!undone) {
		const char *shown = reg->shown;
		const struct fl_call *by = run->unload_opaque;
		char *unseen = by ? fl_xasprintf(" (it makes a call fltlint cannot follow, at %s:%u: through a pointer or "
						 "a template parameter it cannot resolve, which may undo it)",
						 by->loc.file, by->loc.line)
				  : fl_xstrdup("");
		struct fl_finding *finding = fl_report(
			run->out, run->rule, by ? FL_SEVERITY_WARNING : run->rule->severity, &call->loc,
			"%s registers%s%s, but no %s%s%s%s%s is reachable from the unload routine %s%s: after unload the "
			"system calls into the unloaded driver",
			api->name, shown ? " " : "", shown ? shown : "", undo, shown ? "(" : "", shown ? shown : "",
			shown ? ")" : "", remove, run->unload_name, unseen);
		free(unseen);
		fl_finding_set_function(finding, function->name);
	}
	fl_reg_list_free(&regs);
}

struct fl_unload_roots {
	size_t count, capacity;
	struct fl_reach_seed *seeds;
};

static void fl_add_root(const struct fl_program *program, struct fl_unload_roots *roots, const char *key)
{
	size_t slot = fl_program_function_slot(program, key);
	if (slot == FL_NO_FUNCTION)
		return;
	FL_GROW(roots->seeds, roots->capacity, roots->count + 1);
	roots->seeds[roots->count++] = (struct fl_reach_seed){ .function = slot };
}

/* The unload routine a store puts in place (`DriverObject->DriverUnload =
 * Unload`, `Registration->FilterUnloadCallback = Unload`): the function it
 * names, or, when it stores a parameter of the function in `slot` (a
 * helper that fills the registration with the routine it is handed), each
 * function its callers pass there. */
static void fl_add_stored_roots(const struct fl_program *program, struct fl_unload_roots *roots, size_t slot,
				const struct fl_value *value)
{
	if (value->kind == FL_VALUE_FUNCTION && value->key) {
		fl_add_root(program, roots, value->key);
		return;
	}
	const struct fl_function *function = fl_program_function_at(program, slot).function;
	if (value->kind != FL_VALUE_VARIABLE || !value->name)
		return;
	for (size_t p = 0; p < function->param_count; p++) {
		if (strcmp(function->params[p], value->name) != 0)
			continue;
		size_t caller_count;
		const struct fl_call_site *sites = fl_program_callers(program, slot, &caller_count);
		for (size_t c = 0; c < caller_count; c++)
			if (p < sites[c].call->arg_count && sites[c].call->args[p].value.kind == FL_VALUE_FUNCTION &&
			    sites[c].call->args[p].value.key)
				fl_add_root(program, roots, sites[c].call->args[p].value.key);
		return;
	}
}

static void fl_check_callback_not_unregistered(const struct fl_rule *rule, const struct fl_program *program,
					       struct fl_findings *out)
{
	size_t count = fl_program_function_count(program);
	struct fl_reg_run run = { .rule = rule, .program = program, .out = out,
				  .summaries = fl_xcalloc(count + 1, sizeof(struct fl_reg_effects)) };
	struct fl_unload_roots roots = { 0 };
	for (size_t i = 0; i < program->entry_count; i++)
		if (program->entries[i].role == FL_ROLE_FILTER_UNLOAD)
			fl_add_root(program, &roots, program->entries[i].key);
	for (size_t slot = 0; slot < count; slot++) {
		const struct fl_function *function = fl_program_function_at(program, slot).function;
		for (size_t i = 0; i < function->field_store_count; i++) {
			const struct fl_field_store *store = &function->field_stores[i];
			if (strcmp(store->field, "DriverUnload") == 0 || strcmp(store->field, "FilterUnloadCallback") == 0)
				fl_add_stored_roots(program, &roots, slot, &store->value);
		}
	}
	if (roots.count > 0) {
		run.unload_name = fl_program_function_name(program, fl_program_function_at(program, roots.seeds[0].function).function->key);
		fl_reg_summary(program, roots.seeds, roots.count, NULL, &run.unload_undos, &run.unload_opaque);
	}
	free(roots.seeds);
	/* A registration in code nothing runs (left over from an older design,
	 * not built) never happens.  Without a DriverEntry (a library, a part
	 * of a driver), what runs is not known: everything counts. */
	bool has_start = false;
	for (size_t i = 0; i < program->entry_count; i++)
		has_start = has_start || program->entries[i].role == FL_ROLE_DRIVER_ENTRY;
	struct fl_reach_map *live = has_start ? fl_reach_live(program) : NULL;
	for (size_t slot = 0; slot < count; slot++) {
		const struct fl_function *function = fl_program_function_at(program, slot).function;
		if (live && !fl_reach_at(live, slot))
			continue;
		for (size_t c = 0; c < function->call_count; c++) {
			const struct fl_api *api;
			if (fl_reg_effect(&function->calls[c], &api) == FL_REGISTRATION_REGISTERS)
				fl_check_registration(&run, slot, &function->calls[c], api);
		}
	}
	for (size_t i = 0; i < program->entry_count; i++)
		if (program->entries[i].role == FL_ROLE_DRIVER_ENTRY) {
			size_t slot = fl_program_function_slot(program, program->entries[i].key);
			if (slot != FL_NO_FUNCTION)
				fl_check_driver_entry(&run, slot);
		}
	fl_reach_free(live);
	for (size_t slot = 0; slot < count; slot++) {
		fl_reg_list_free(&run.summaries[slot].regs);
		fl_reg_list_free(&run.summaries[slot].undos);
	}
	free(run.summaries);
	fl_reg_list_free(&run.unload_undos);
}

const struct fl_rule fl_rule_callback_not_unregistered = {
	.id = "callback-not-unregistered",
	.severity = FL_SEVERITY_ERROR,
	.summary = "Callback, notify routine, filter or port registered with the system and not unregistered at unload or on a DriverEntry failure path",
	.msvc_warning = 0,
	.check = fl_check_callback_not_unregistered,
};
