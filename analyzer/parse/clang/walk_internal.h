/* What the parts of the walk share (walk.c says which part does what): the
 * state of one unit's walk, the state of one function body, and the
 * functions one part calls in another.  Private to analyzer/parse/clang/:
 * fl_walk_unit (walk.h) is the walk's one entry point. */
#ifndef FL_WALK_INTERNAL_H
#define FL_WALK_INTERNAL_H

#include <clang-c/Index.h>
#include <stdbool.h>

#include "facts/facts.h"

/* A `#pragma code_seg` that changes the section from `offset` on. */
struct fl_seg_change {
	unsigned offset;
	char *section; /* NULL: back to the default */
	struct fl_loc loc;
};

/* A macro expansion in the main file (or a project header). */
struct fl_expansion {
	CXCursor cursor;
	CXFile file;
	unsigned offset;
	char *name;
};

/* A local variable of the function being walked, for resolving arguments
 * that go through it: resolved only when every assignment stores the same
 * constant and its address is never taken. */
struct fl_local {
	CXCursor decl;
	bool has_value;
	bool conflicting;
	long long value;
	/* Every constant stored (for returns through the variable); `opaque`
	 * once something else is stored or its address is taken. */
	size_t value_count;
	long long values[8];
	bool opaque;
	unsigned store_count; /* stores of any kind, the initializer and `&` included */
};

/* A value that names a local variable, resolved once the body is walked:
 * a call's argument, or (call == FL_STORE_VALUE) a field store's value
 * (walk_calls.c resolves them). */
#define FL_STORE_VALUE ((size_t)-1)
struct fl_pending_arg {
	size_t call;
	size_t arg; /* the argument, or the field store's index */
	size_t local;
};

#define FL_CXX_MAX_BOUND 8 /* a function template's parameters deduced */

/* A member function of a class template's instance, walked from its
 * pattern, or a function template's instance, walked as clang
 * instantiated it or (one libclang shows no cursor of) from its pattern
 * with its parameters deduced (walk_cxx_templates.c). */
struct fl_cxx_instance {
	CXCursor member;  /* the pattern's member function; the function instance, or the function template */
	CXCursor pattern; /* its class template; the function template */
	CXType type;      /* the class instance: `Locker<SpinLock>`; invalid for a function */
	CXType bound[FL_CXX_MAX_BOUND]; /* a function's deduced parameters' types, by position */
	char *name;       /* `Locker<SpinLock>::Locker`, `Locked<SpinLock>`, `DefaultDelete<Config>` */
};

struct fl_walk {
	CXTranslationUnit tu;
	const char *path;
	char *cwd; /* with a trailing slash: header paths are shown relative to it */
	CXFile main_file;
	struct fl_tu_facts *facts;
	size_t function_capacity, alloc_text_capacity, declaration_capacity;
	size_t initializer_capacity, diagnostic_capacity;

	size_t skipped_count;
	unsigned (*skipped)[2]; /* inactive [begin, end) offsets in the main file */

	size_t seg_count, seg_capacity;
	struct fl_seg_change *segs;

	size_t expansion_count, expansion_capacity;
	struct fl_expansion *expansions;

	/* Every function declaration in the main file, definitions included, for
	 * placement once all macro expansions are known. */
	size_t decl_count, decl_capacity;
	CXCursor *decls;

	/* Where each #include of the main file ends (offsets), in order. */
	size_t include_end_count, include_end_capacity;
	unsigned *include_ends;

	/* Function declarations in the project's own headers. */
	size_t header_decl_count, header_decl_capacity;
	CXCursor *header_decls;

	/* C++ (walk_cxx.c): a C++ unit; the qualified names of its functions
	 * and whether each is overloaded; lambdas met in the body being walked,
	 * to be walked as functions of their own after it. */
	bool cxx;
	size_t cxx_name_count, cxx_name_capacity;
	struct fl_cxx_name *cxx_names;
	size_t lambda_count, lambda_capacity;
	CXCursor *lambdas;
	/* Templates known to be walked per instance or not;
	 * the instance members named so far (walked in order, from
	 * instance_walked on); the one being walked, or NULL. */
	size_t template_class_count, template_class_capacity;
	struct fl_cxx_template_class *template_classes;
	size_t instance_count, instance_capacity, instance_walked;
	struct fl_cxx_instance *instances;
	const struct fl_cxx_instance *instance;
	/* Function templates walked per instance: their patterns, walked only
	 * when the unit uses no instance. */
	size_t deferred_template_count, deferred_template_capacity;
	CXCursor *deferred_templates;

	/* walk_routines.c: routine pointers and names met so far; NULL until one is. */
	struct fl_routines *routines;
};

/* State while walking one function body. */
struct fl_body {
	struct fl_walk *walk;
	struct fl_function *function;
	CXCursor decl;
	size_t call_capacity, return_capacity, store_capacity;
	size_t local_count, local_capacity;
	struct fl_local *locals;
	size_t pending_count, pending_capacity;
	struct fl_pending_arg *pending;
	/* `return local;` statements, by index into locals, resolved at the end. */
	size_t return_local_count, return_local_capacity;
	size_t *return_locals;
	/* The cursor of each call recorded, by index (the flow summary names calls). */
	size_t call_cursor_count, call_cursor_capacity;
	CXCursor *call_cursors;
};

/* walk_cursors.c: strings, locations, children, constants, values. */
char *fl_cxstring(CXString string);
const char *fl_unit_string(struct fl_walk *walk, CXString string);
const char *fl_file_name(struct fl_walk *walk, CXFile file);
void fl_expansion_point(CXSourceLocation location, CXFile *file, unsigned *line, unsigned *column,
			unsigned *offset);
struct fl_loc fl_make_loc(struct fl_walk *walk, CXSourceLocation location);
/* The extent of `range` when it is one range of one file (fl_extent). */
struct fl_extent fl_range_extent(CXSourceRange range);
unsigned fl_offset(CXSourceLocation location, CXFile *file);
unsigned fl_children(CXCursor cursor, CXCursor *items, unsigned max);
CXCursor fl_strip(CXCursor cursor);
bool fl_is_integer_type(CXType type);
bool fl_eval_int(CXCursor cursor, long long *out);
bool fl_eval_constant(CXCursor expression, long long *out);
char *fl_unary_operator(CXCursor expression);
char *fl_function_key(struct fl_walk *walk, CXCursor decl);
bool fl_is_function(CXCursor cursor);
void fl_make_value(struct fl_walk *walk, CXCursor expression, struct fl_value *value, CXCursor *decl);
/* When `expression` is argument `index` of a call to function-like macro
 * `macro`, where its file span is the whole call, gives `value` the text
 * and span of that argument as written, for a fix to edit. */
void fl_value_at_macro_argument(struct fl_walk *walk, CXCursor expression, const char *macro, unsigned index,
				struct fl_value *value);
char *fl_binary_operator(CXCursor expression);
CXCursor fl_referenced_variable(CXCursor expression);

/* walk_calls.c: calls, returns, and what locals hold. */
bool fl_is_local_variable(CXCursor decl);
/* The walked body's record of local `decl`, or NULL when nothing is stored to it. */
const struct fl_local *fl_local_find(const struct fl_body *body, CXCursor decl);
void fl_local_store(struct fl_body *body, CXCursor decl, CXCursor source);
void fl_pend(struct fl_body *body, CXCursor decl, const struct fl_value *value, size_t call, size_t arg);
void fl_body_unary(struct fl_body *body, CXCursor expression);
void fl_body_call(struct fl_body *body, CXCursor call, CXCursor parent);
void fl_body_return(struct fl_body *body, CXCursor statement);
void fl_body_resolve_locals(struct fl_body *body);

/* walk_stores.c: field stores and brace initializers. */
void fl_body_assignment(struct fl_body *body, CXCursor expression);
void fl_walk_initializer(struct fl_walk *walk, CXCursor variable, const char *function_key);

/* walk_decls.c: declarations, IRQL annotations, sections, PAGED_CODE. */
enum CXChildVisitResult fl_visit_annotation(CXCursor cursor, CXCursor parent, CXClientData data);
void fl_typedef_annotations(struct fl_walk *walk, const char *name, struct fl_irql_annotation *irql);
bool fl_is_forceinline(struct fl_walk *walk, CXCursor decl);
void fl_note_declaration(struct fl_walk *walk, CXCursor decl, bool is_definition);
void fl_collect_skipped(struct fl_walk *walk);
void fl_collect_pragmas(struct fl_walk *walk);
void fl_note_header_declarations(struct fl_walk *walk);

/* walk_cuts.c: the text the section fixes remove, and where they insert. */
struct fl_extent fl_pragma_cut(struct fl_walk *walk, unsigned begin, unsigned end);
struct fl_extent fl_statement_cut(struct fl_walk *walk, const struct fl_function *holder, unsigned offset);
struct fl_loc fl_line_after_declaration(struct fl_walk *walk, CXCursor decl);
void fl_note_include(struct fl_walk *walk, CXCursor directive);
void fl_place_header_declared(struct fl_walk *walk);
void fl_place_functions(struct fl_walk *walk);
void fl_assign_paged_code(struct fl_walk *walk);

/* walk_flow.c: the flow summary, once the body's calls are recorded. */
void fl_flow_build(struct fl_body *body, CXCursor body_cursor);

/* walk_calls.c: the callee's name and key on a call record. */
void fl_call_names_callee(struct fl_walk *walk, struct fl_call *record, CXCursor callee);

/* walk_routines.c: calls through pointers that MmGetSystemRoutineAddress or
 * FltGetRoutineAddress filled, named after the routine once the unit is walked. */
void fl_routine_note_assignment(struct fl_walk *walk, CXCursor expression);
void fl_routine_note_variable(struct fl_walk *walk, CXCursor variable);
void fl_routine_note_address(struct fl_walk *walk, CXCursor expression);
void fl_routine_note_call(struct fl_body *body, CXCursor call, size_t index);
void fl_routines_resolve(struct fl_walk *walk);
void fl_routines_free(struct fl_walk *walk);

/* walk_cxx.c: C++ names, lambdas, new/delete, destructors. */
void fl_cxx_index(struct fl_walk *walk);
void fl_cxx_free(struct fl_walk *walk);
char *fl_function_name(struct fl_walk *walk, CXCursor decl);
/* `ns::Class::name` as written, without a template's arguments or an overload's parameters. */
char *fl_cxx_qualified_name(CXCursor decl);
bool fl_cxx_internal(CXCursor decl);
char *fl_cxx_variable_key(const struct fl_walk *walk, CXCursor decl);
bool fl_cxx_is_instantiation(CXCursor cursor);
bool fl_cxx_linkage(CXCursor decl);
enum fl_member_kind fl_cxx_member_kind(CXCursor decl);
bool fl_cxx_is_lambda_class(CXCursor cursor);
void fl_cxx_note_lambda(struct fl_walk *walk, CXCursor lambda);
CXCursor fl_cxx_call_operator(CXCursor lambda_class);
CXCursor fl_cxx_lambda_target(CXCursor expression);
bool fl_cxx_is_implicit_member(CXCursor decl);
bool fl_cxx_ignored_call(struct fl_walk *walk, CXCursor call);
const char *fl_cxx_call_object(struct fl_walk *walk, CXCursor call, CXCursor parent);
CXCursor fl_cxx_destructor(CXType type);
/* The destructors the driver wrote that destroying an object of `type`
 * runs, in order (its class's, or its members' and bases' when the
 * compiler makes it), each with its class in `types`; at most `max`. */
size_t fl_cxx_destructors(CXType type, CXCursor *found, CXType *types, size_t max);
void fl_cxx_new(struct fl_body *body, CXCursor expression);
void fl_cxx_delete(struct fl_body *body, CXCursor expression);
size_t fl_cxx_destructor_call(struct fl_body *body, CXCursor variable, CXCursor destructor, CXType type,
			      struct fl_loc where);

/* walk_cxx_templates.c: class and function templates walked per instance. */
char *fl_cxx_member_spelling(CXCursor decl);
/* The instance `decl` (a member function) is named in: its class's type
 * when that class instantiates a template, the instance being walked when
 * decl is its pattern's member; an invalid type otherwise. */
CXType fl_cxx_member_instance(struct fl_walk *walk, CXCursor decl);
/* `member` (the pattern's) named in `instance`, queued to be walked, when
 * its class template calls members of its parameters; NULL otherwise. */
char *fl_cxx_instance_member(struct fl_walk *walk, CXCursor member, CXType instance);
/* The callee of a call that names none until the template is
 * instantiated: the one function its name finds, or (walking an instance)
 * the argument's member called through a template parameter; a null
 * cursor otherwise. */
CXCursor fl_cxx_dependent_callee(struct fl_walk *walk, CXCursor call);
/* `specialization`, an instance of function template `pattern`, named
 * with its arguments and queued to be walked, when the template has calls
 * it resolves only in an instance; NULL otherwise. */
char *fl_cxx_function_instance(struct fl_walk *walk, CXCursor specialization, CXCursor pattern);
/* Whether function template definition `pattern` is walked per instance:
 * then noted, for fl_cxx_has_function_instance to tell at the unit's end
 * whether its pattern is to be walked after all. */
bool fl_cxx_defer_function_template(struct fl_walk *walk, CXCursor pattern);
bool fl_cxx_has_function_instance(struct fl_walk *walk, CXCursor pattern);
/* Walking an instance: names `record`'s callee after the function the
 * instance's argument for non-type template parameter `parameter` names
 * (`Deleter(m_data)` calls it); false when that is not known. */
bool fl_cxx_argument_callee(struct fl_walk *walk, CXCursor parameter, struct fl_call *record);
/* Walking an instance: the type a template type parameter stands for in
 * it (`T` of `delete (T *)p`), or `type` itself. */
CXType fl_cxx_instance_type(struct fl_walk *walk, CXType type);
/* Walking a function template's instance from its pattern: its name, when
 * `decl` is its template; NULL otherwise. */
char *fl_cxx_pattern_instance_name(struct fl_walk *walk, CXCursor decl);
/* A holder's member as one object wherever it is written: the key of
 * member `member` (a MemberRefExpr) of the object itself in the instance
 * walked, and of the member a method returns by reference (`T *&get() {
 * return m_data; }`) that `call` calls: `Class<args>::m_data`; NULL for
 * anything else. */
char *fl_cxx_this_member_key(struct fl_walk *walk, CXCursor member);
char *fl_cxx_accessor_member_key(CXCursor call);
void fl_cxx_instances_free(struct fl_walk *walk);

#endif
