/* Facts: the plain data one walk of a translation unit produces.
 *
 * Everything a rule may know about the source is here, and nothing of libclang:
 * the walker (walk.c) fills these structures, they travel between processes and
 * runs as JSON (facts_json.c), the link step (program.c) joins the units of a
 * driver, and rules read the joined result.  Strings are NUL-terminated and
 * valid UTF-8 (the walker sanitizes what libclang hands back); each distinct
 * text is stored once in its unit's string table (fl_tu_facts.strings), which
 * every string of the facts points into, but `includes`.  Arrays are a pointer
 * plus a count; fl_tu_facts_free releases a unit with everything in it.
 */
#ifndef FL_FACTS_H
#define FL_FACTS_H

#include <stdbool.h>
#include <stddef.h>

/* A position in a source file: 1-based line and column.  `file` is the path
 * as the run names it (relative to the working directory when the user gave a
 * relative path); NULL, with line and column 0, for no position.  In facts it
 * points into the unit's strings; a finding owns its own copy (findings.h). */
struct fl_loc {
	const char *file;
	unsigned line;
	unsigned column;
};

/* Whether `a` comes before `b` in the same file (by line, then column). */
static inline bool fl_loc_before(const struct fl_loc *a, const struct fl_loc *b)
{
	return a->line < b->line || (a->line == b->line && a->column < b->column);
}

/* What an expression was resolved to, as far as the walker could take it. */
enum fl_value_kind {
	FL_VALUE_UNKNOWN,  /* not a constant the walker could resolve */
	FL_VALUE_INT,      /* an integer constant (macros, enums, const variables, sizeof) */
	FL_VALUE_FUNCTION, /* a function designator or its address: `name`, `key` */
	FL_VALUE_VARIABLE, /* a variable, or its address (`address_of`): `name` */
	FL_VALUE_STRING,   /* a string literal: `name` holds its text */
};

/* Where an expression is written, in the file of the location that goes
 * with it (an argument's, a field's): first character to one past the last.
 * All 0 when it is not one range of one file (a macro's body).  Fixes
 * (findings.h) replace or extend what is there. */
struct fl_extent {
	unsigned line, column;
	unsigned end_line, end_column;
};

struct fl_value { /* members in an order that packs: a unit holds hundreds */
	enum fl_value_kind kind;
	bool address_of;   /* written `&name` */
	bool via_variable; /* an INT that came through a local variable's assignments */
	bool local;        /* VARIABLE: a local of the function (not static, not a
			    * parameter, not a namespace's, not a reference): it dies when
			    * the function returns */
	bool of_this;      /* a C++ member reached through `this` (this->m_Port, m_Port):
			    * an object of the instance, which the walker does not tell apart */
	long long integer; /* FL_VALUE_INT */
	/* FL_VALUE_UNKNOWN of integer type: the bits known set and known clear
	 * whatever the parts not known are (`OBJ_KERNEL_HANDLE | (c ? X : 0)`
	 * has OBJ_KERNEL_HANDLE set); 0 where nothing is known.  For an INT,
	 * fl_value_bits gives the constant's bits. */
	unsigned long long known_set, known_clear;
	const char *name;  /* function, variable or string text */
	const char *key;   /* FL_VALUE_FUNCTION: link key (see fl_function.key); FL_VALUE_VARIABLE:
			    * a class's or namespace's variable by its qualified name; any other
			    * (C++): the holder's member it names, `Holder<args>::m_data`, written
			    * `m_data` in the instance's methods or `x.get()` returning a reference to it */
	const char *text;  /* the expression as spelled in the source, for messages */
	struct fl_extent extent;
};

/* One argument of a call. */
struct fl_arg {
	struct fl_value value;
	struct fl_loc loc; /* where the argument is written (macro expansion site) */
};

/* A call made inside a function body. */
struct fl_call {
	/* The called function's name; NULL when called through a pointer, but for
	 * one that MmGetSystemRoutineAddress or FltGetRoutineAddress filled with a
	 * named routine (walk_routines.c): that routine, as if called directly. */
	const char *callee;
	const char *callee_key; /* link key of the called function, NULL when not a direct call */
	struct fl_loc loc;      /* the call's position (for a macro, where the macro is invoked) */
	/* C++: the local variable or parameter a constructor, destructor or
	 * member function is called on (`Holder h(ctx)`, `h.Get()`, `delete p`,
	 * and the destructor calls the walker adds at each exit of an object's
	 * scope, located at the exit); NULL otherwise. */
	const char *object;
	size_t arg_count;
	struct fl_arg *args;
};

/* How a function came to be placed in a named code section. */
enum fl_section_source {
	FL_SECTION_NONE,       /* default .text */
	FL_SECTION_ALLOC_TEXT, /* #pragma alloc_text(SECTION, f, ...) */
	FL_SECTION_CODE_SEG,   /* inside a #pragma code_seg("SECTION") region */
	FL_SECTION_DECLSPEC,   /* __declspec(code_seg("SECTION")) on the function */
};

/* How a store changes a field. */
enum fl_store_op {
	FL_STORE_ASSIGN, /* field = value */
	FL_STORE_OR,     /* field |= value (SetFlag) */
	FL_STORE_OTHER,  /* any other compound assignment */
	FL_STORE_AND,    /* field &= value (ClearFlag) */
};

/* A store into a struct field inside a function: `oa.Attributes = v`,
 * `Oa->Attributes |= v`, or what a macro such as InitializeObjectAttributes
 * expands to (located where the macro is invoked). */
struct fl_field_store {
	const char *type; /* tag of the struct, e.g. "_OBJECT_ATTRIBUTES" */
	const char *field;
	const char *base; /* the variable the struct is reached from (`oa` in `oa.X`,
			   * `(&oa)->X`, `Oa->X`); NULL when reached some other way */
	int base_param; /* that variable's position among the function's parameters, or -1 */
	enum fl_store_op op;
	struct fl_value value;
	struct fl_loc loc;
};

/* IRQL annotations a function carries (SAL _IRQL_requires_max_ etc.);
 * -1 where the annotation is absent. */
struct fl_irql_annotation {
	int requires_max;
	int requires_min;
	int requires_exact; /* _IRQL_requires_(level) */
	int raises_to;      /* _IRQL_raises_(level) */
};

/* The flow summary of a function body (walk.c, fl_flow_*): a small control
 * flow graph of the statements a reference-counting rule (context-leak) and
 * the IRQL rules' path pruning need, and nothing else.  Each node is one
 * event; `next` is where control goes after it (for a BRANCH: when the test
 * holds, `other` when it does not), or FL_FLOW_EXIT when control leaves the
 * function.  Short-circuit conditions are lowered to chains of BRANCH nodes
 * (a && b: test a, then b), loops are edges back to their head, `goto` an
 * edge to its label, switch cases unknown BRANCHes (EQUALS tests, one per
 * case, when the switch is on a parameter or a field of one), `return c ? a
 * : b` two RETURNs, a __finally block is copied onto each way out of its
 * __try.  Every call the walker records is a CALL node, so that a rule can
 * tell which calls a path makes; other statements that touch no variable of
 * interest leave no node.  Variables are named as written; "of interest"
 * means a variable whose address is passed to a call, a pointer variable
 * passed to a call, one a call's value is stored in, an integer local that
 * is returned, or a flag (an integer local only ever given constants, whose
 * address is never taken). */
#define FL_FLOW_EXIT (-1)
#define FL_FLOW_MAX_NODES 4000 /* per function; beyond it the summary is incomplete */

enum fl_flow_kind {
	FL_FLOW_NOP,    /* a join, label or loop head */
	FL_FLOW_CALL,   /* calls[call]; `var`: the variable its value is stored in, or NULL */
	FL_FLOW_ASSIGN, /* `var` = ...: a local or parameter; NULL when the target is
			 * anything else (a field, *p, a global, an array element) */
	FL_FLOW_USE,    /* `var` dereferenced: var->f, *var, var[i] */
	FL_FLOW_BRANCH, /* `test` on `var` (or on calls[call]'s value, or on `param`/`field`) */
	FL_FLOW_RETURN, /* return [var]; `next` leads to the exit (through __finally copies);
			 * what is returned: `source_kind` CONSTANT (`value`) or VARIABLE
			 * (`source`, any local or parameter), or calls[call]'s value */
};

/* What an ASSIGN stores. */
enum fl_flow_source {
	FL_FLOW_SOURCE_OTHER,    /* anything else (an unknown value) */
	FL_FLOW_SOURCE_NULL,     /* the constant 0 / NULL */
	FL_FLOW_SOURCE_VARIABLE, /* the variable `source` */
	FL_FLOW_SOURCE_CONSTANT, /* the integer constant `value` (a status, a flag) */
};

/* What a BRANCH tests; it goes to `next` when the test holds. */
enum fl_flow_test {
	FL_FLOW_TEST_UNKNOWN, /* anything else: both ways are possible */
	FL_FLOW_TEST_SUCCESS, /* NT_SUCCESS(var) (or var >= 0) */
	FL_FLOW_TEST_EQUALS,  /* var == value (an integer variable) */
	FL_FLOW_TEST_NONNULL, /* var != NULL, or a pointer `var` alone */
	FL_FLOW_TEST_BITS,    /* (operand & value) != 0 (FlagOn) */
	FL_FLOW_TEST_AT_MOST, /* operand <= value (x < K is x <= K-1; x > K the negation) */
};

struct fl_flow_node { /* members in an order that packs: a unit holds hundreds */
	enum fl_flow_kind kind;
	int next;  /* node index, or FL_FLOW_EXIT */
	int other; /* BRANCH: when the test fails; else FL_FLOW_EXIT (unused) */
	int call;  /* CALL: index into calls; BRANCH: the call whose value is tested, else -1 */
	const char *var;                 /* see fl_flow_kind; NULL when none */
	const char *source;              /* ASSIGN from a variable: its name */
	enum fl_flow_source source_kind; /* ASSIGN */
	enum fl_flow_test test;          /* BRANCH */
	long long value;                 /* BRANCH EQUALS, ASSIGN CONSTANT: the constant */
	/* CALL: the callee is declared in a system header only (a kernel or
	 * C library routine: it keeps no reference it is handed). */
	bool system_callee;
	/* BRANCH: the tested operand when it is a parameter (its position) or
	 * a field reached from one (`field`: "->Iopb->MajorFunction", members
	 * joined as written, a member of a union written "|" and the path then
	 * ending in "@" and the field's bit offset, so that two names of one
	 * union field, Parameters.QueryFileInformation.FileInformationClass and
	 * Parameters.SetFileInformation.FileInformationClass, are one field);
	 * -1 and NULL otherwise.  Filter Manager's callbacks are told apart by
	 * such tests on their callback data (Data->Iopb->MajorFunction). */
	int param;
	const char *field;
	unsigned line, column; /* in the file of the function's body */
};

/* What kind of C++ member a function is. */
enum fl_member_kind {
	FL_MEMBER_NONE,        /* a free function (C, or C++ at file or namespace scope) */
	FL_MEMBER_METHOD,      /* a non-static member function */
	FL_MEMBER_STATIC,      /* a static member function */
	FL_MEMBER_CONSTRUCTOR,
	FL_MEMBER_DESTRUCTOR,
};

/* A function defined in the unit (declarations alone are not recorded here;
 * see fl_declaration). */
struct fl_function {
	/* As written in C; in C++ qualified with its namespaces and classes
	 * (`ns::Class::Method`), with its parameter types after it where the
	 * name is overloaded (`Log(int)`), `Outer::lambda@LINE` for a lambda. */
	const char *name;
	/* The link key: the name for functions with external linkage,
	 * "<unit path>::<name>" for static ones (and those in an unnamed
	 * namespace), so that two static functions of the same name in
	 * different files stay apart. */
	const char *key;
	bool is_static;
	enum fl_member_kind member;
	bool is_forceinline;
	struct fl_loc loc;      /* the function's name in its definition */
	/* Where the definition's text begins (its return type, or a macro
	 * before it), where a __declspec for it goes; line 0 for a lambda or a
	 * template, where none can go. */
	struct fl_loc start;
	struct fl_loc body_loc; /* the opening brace of its body */
	struct fl_loc end_loc;  /* the closing brace of its body */
	/* The body's first statement that is not a declaration (where a
	 * PAGED_CODE() goes in a C89-style body); line 0 when it has none. */
	struct fl_loc first_statement;

	const char *section; /* NULL for the default section */
	enum fl_section_source section_source;
	struct fl_loc section_loc; /* the pragma or declspec that placed it */

	/* PAGED_CODE() / PAGED_CODE_LOCKED() assertions in the body, in order,
	 * and (paged_code_cuts[i]) what removing each deletes: the statement
	 * through its ';', with its line when nothing else is on it; all 0
	 * when it is not a statement of its own in a block. */
	size_t paged_code_count;
	struct fl_loc *paged_code;
	struct fl_extent *paged_code_cuts;

	size_t call_count;
	struct fl_call *calls;

	size_t field_store_count;
	struct fl_field_store *field_stores;

	/* Parameter names in order (unnamed ones are ""). */
	size_t param_count;
	const char **params;

	/* Integer constants the function returns (`return FLT_PREOP_SUCCESS_NO_CALLBACK;`);
	 * `returns_unknown` is set when some return value could not be resolved. */
	size_t return_count;
	long long *returns;
	bool returns_unknown;

	struct fl_irql_annotation irql;

	/* The flow summary (see fl_flow_node); `flow_entry` is the first node,
	 * FL_FLOW_EXIT when the body has none.  `flow_incomplete` is set when the
	 * walker left something out (a size cap, a construct it does not model):
	 * a rule must then say nothing from the summary. */
	size_t flow_count;
	struct fl_flow_node *flow;
	int flow_entry;
	bool flow_incomplete;
};

/* A `#pragma alloc_text(SECTION, f, g, ...)` as written (active code only). */
struct fl_alloc_text {
	const char *section;
	struct fl_loc loc; /* the pragma */
	/* What removing the pragma deletes: its line when nothing else is on
	 * it (with an `#ifdef ALLOC_PRAGMA` ... `#endif` around it that holds
	 * nothing else), else its own text; all 0 when it is not written as a
	 * `#pragma` (a macro's, a __pragma). */
	struct fl_extent cut;
	size_t name_count;
	const char **names;
	struct fl_loc *name_locs;
};

/* The first declaration and the definition of a function named in the unit's
 * main file, for ordering checks against pragmas. */
struct fl_declaration {
	const char *name;
	bool cxx_linkage; /* C++ language linkage (not `extern "C"`): alloc_text cannot name it */
	struct fl_loc first_decl; /* line 0 when only defined */
	struct fl_loc definition; /* line 0 when not defined in the main file */
	/* Where a new `#pragma alloc_text` naming the function may go, at the
	 * start of a line: after its last declaration in the main file before
	 * the definition, or, when only a header declares it, after the last
	 * #include before the definition; line 0 when nothing declares it
	 * before the definition. */
	struct fl_loc alloc_text_place;
};

/* One field of a struct initializer, by field name. */
struct fl_field {
	const char *name;
	struct fl_value value;
	struct fl_loc loc;
};

/* One struct value in an initializer (an array element, or the whole value). */
struct fl_element {
	struct fl_loc loc;
	struct fl_loc end; /* one past its closing brace (where a next element is appended) */
	size_t field_count; /* the fields written in the source; the rest are zero */
	struct fl_field *fields;
};

/* A variable of struct type, or array of structs, initialized where it is
 * defined: registration tables live here, and so do OBJECT_ATTRIBUTES set up
 * by hand. */
struct fl_initializer {
	const char *variable;
	const char *type; /* the struct's tag as declared, e.g. "_FLT_CONTEXT_REGISTRATION" */
	const char *function; /* key of the function it is local to; NULL at file scope */
	bool is_array;
	bool is_static;
	struct fl_loc loc; /* the variable's name in its definition */
	size_t element_count;
	struct fl_element *elements;
};

/* A problem clang reported while parsing. */
struct fl_diagnostic {
	struct fl_loc loc;
	bool is_error; /* error or fatal; warnings are kept out unless asked for */
	const char *message;
};

/* Build settings the unit was compiled with, from the last definition of
 * each macro (the command line, the project, or a #define in its files):
 * walk_unit_macros.c.  A macro whose value does not resolve to an integer
 * counts as undefined. */
struct fl_unit_macros {
	long long pool_nx_optin;      /* POOL_NX_OPTIN, 0 when undefined */
	long long pool_nx_optin_auto; /* POOL_NX_OPTIN_AUTO, 0 when undefined */
	struct fl_loc pool_nx_optin_loc; /* its #define; file NULL on the command line */
	long long ntddi_version;      /* NTDDI_VERSION, 0 when it does not resolve */
};

/* The strings of one unit's facts, each text stored once: a unit names its
 * own file in every location, and the same callees and variables over and
 * over.  A set of owned copies, open addressing by hash. */
struct fl_strings {
	size_t count;
	size_t capacity; /* slots: a power of two, or 0 */
	char **slots;    /* NULL where empty */
};

/* Everything one translation unit yields. */
struct fl_tu_facts {
	struct fl_strings strings;
	const char *path; /* the source file as the run names it */
	/* FNV-1a 64 of the source as parsed (the editor's text in the language
	 * server), 16 hex digits: --fix leaves a file alone whose text changed. */
	const char *source_hash;
	size_t function_count;
	struct fl_function *functions;
	size_t alloc_text_count;
	struct fl_alloc_text *alloc_texts;
	size_t declaration_count;
	struct fl_declaration *declarations;
	size_t initializer_count;
	struct fl_initializer *initializers;
	size_t diagnostic_count;
	struct fl_diagnostic *diagnostics;
	size_t error_count; /* clang errors in the unit; >0 means the unit is not trusted */
	struct fl_unit_macros macros;
	/* Every file the unit read besides its main file (the precompiled
	 * prelude's headers included), as libclang names them, sorted, each
	 * once: what a cache entry depends on.  Owned one by one (not in
	 * `strings`): the engine drops them once the cache has them. */
	size_t include_count;
	char **includes;
};

/* Whether `flag` (one bit or several) is set in a value. */
enum fl_flag_state {
	FL_FLAG_UNKNOWN,
	FL_FLAG_SET,   /* every bit of `flag` is set */
	FL_FLAG_CLEAR, /* some bit of `flag` is known clear */
};
/* The bits of `value` known set and known clear: a constant's own, an
 * UNKNOWN's known_set/known_clear, nothing for anything else. */
void fl_value_bits(const struct fl_value *value, unsigned long long *set, unsigned long long *clear);
enum fl_flag_state fl_value_flag(const struct fl_value *value, unsigned long long flag);

/* The unit's copy of `text`, made on first use; NULL for NULL. */
const char *fl_facts_string(struct fl_tu_facts *facts, const char *text);
/* The same for a string the caller allocated: the unit takes it over (and
 * frees it at once when it holds the text already). */
const char *fl_facts_take_string(struct fl_tu_facts *facts, char *text);

void fl_tu_facts_free(struct fl_tu_facts *facts);  /* the facts and the struct */
void fl_tu_facts_clear(struct fl_tu_facts *facts); /* what the struct holds */

#endif
