/* Kernel routines reached through a pointer that MmGetSystemRoutineAddress or
 * FltGetRoutineAddress filled in:
 *
 *     RtlInitUnicodeString(&name, L"ZwQueryInformationProcess");
 *     pfn = (PFN)MmGetSystemRoutineAddress(&name);
 *     ...
 *     pfn(...);
 *
 * A call through such a pointer is a call of the named routine for every
 * rule, so its fl_call gets that routine as callee (and its flow node
 * system_callee), as a direct call would.  The pointer may be a local, a
 * global set once by an init function and called elsewhere in the unit, or a
 * struct field (`Globals.Routine`: every object's field is one slot, as
 * drivers keep one such table); the name a UNICODE_STRING set by
 * RtlInitUnicodeString or initialized with RTL_CONSTANT_STRING.  Whatever is
 * stored more than one way (two names, or a value of any other kind) stays
 * unresolved: a miss, never a wrong callee.  Within one unit only: a pointer
 * set in another unit is not followed. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_internal.h"

/* A variable or field: what it was seen to hold. */
struct fl_routine_slot {
	char *usr;       /* its canonical declaration */
	char *routine;   /* the routine name (a pointer's, or a name string's text) */
	char *name_usr;  /* a pointer given MmGetSystemRoutineAddress(&name): name's USR */
	bool conflicting; /* given two different things, or something not understood */
};

/* A call through a pointer variable or field, resolved at the unit's end. */
struct fl_pointer_call {
	size_t function;
	size_t call;
	char *usr;
};

struct fl_routines {
	size_t slot_count, slot_capacity;
	struct fl_routine_slot *slots;
	size_t call_count, call_capacity;
	struct fl_pointer_call *calls;
};

static char *fl_decl_usr(CXCursor decl)
{
	return fl_cxstring(clang_getCursorUSR(clang_getCanonicalCursor(decl)));
}

static struct fl_routines *fl_routines_of(struct fl_walk *walk)
{
	if (!walk->routines)
		walk->routines = fl_xcalloc(1, sizeof(*walk->routines));
	return walk->routines;
}

static struct fl_routine_slot *fl_routine_slot(struct fl_walk *walk, CXCursor decl)
{
	struct fl_routines *routines = fl_routines_of(walk);
	char *usr = fl_decl_usr(decl);
	for (size_t i = 0; i < routines->slot_count; i++)
		if (strcmp(routines->slots[i].usr, usr) == 0) {
			free(usr);
			return &routines->slots[i];
		}
	FL_GROW(routines->slots, routines->slot_capacity, routines->slot_count + 1);
	struct fl_routine_slot *slot = &routines->slots[routines->slot_count++];
	*slot = (struct fl_routine_slot){ .usr = usr };
	return slot;
}

static struct fl_routine_slot *fl_routine_find(struct fl_routines *routines, const char *usr)
{
	for (size_t i = 0; i < routines->slot_count; i++)
		if (strcmp(routines->slots[i].usr, usr) == 0)
			return &routines->slots[i];
	return NULL;
}

/* Records a store of `routine` (or of the name in the variable `name_usr`)
 * into the slot; both NULL: something else.  Takes both strings. */
static void fl_routine_store(struct fl_walk *walk, CXCursor decl, char *routine, char *name_usr)
{
	struct fl_routine_slot *slot = fl_routine_slot(walk, decl);
	if (!routine && !name_usr)
		slot->conflicting = true;
	else if (slot->routine || slot->name_usr)
		slot->conflicting |= !(routine && slot->routine && strcmp(routine, slot->routine) == 0) &&
				     !(name_usr && slot->name_usr && strcmp(name_usr, slot->name_usr) == 0);
	else if (!slot->conflicting) {
		slot->routine = routine;
		slot->name_usr = name_usr;
		return;
	}
	free(routine);
	free(name_usr);
}

/* Through parentheses, casts (C and C++) and `*` (`(*pfn)(...)`). */
static CXCursor fl_routine_strip(CXCursor cursor)
{
	for (;;) {
		cursor = fl_strip(cursor);
		enum CXCursorKind kind = clang_getCursorKind(cursor);
		bool unwrap = kind == CXCursor_CXXStaticCastExpr || kind == CXCursor_CXXReinterpretCastExpr ||
			      kind == CXCursor_CXXFunctionalCastExpr;
		if (kind == CXCursor_UnaryOperator) {
			char *op = fl_unary_operator(cursor);
			unwrap = strcmp(op, "*") == 0;
			free(op);
		}
		CXCursor children[2];
		unsigned count = fl_children(cursor, children, 2);
		if (!unwrap || count == 0 || count > 2 || !clang_isExpression(clang_getCursorKind(children[count - 1])))
			return cursor;
		cursor = children[count - 1];
	}
}

/* The variable or field an expression names (`p`, `g.p`, `g->p`), or a null cursor. */
static CXCursor fl_routine_target(CXCursor expression)
{
	CXCursor inner = fl_routine_strip(expression);
	enum CXCursorKind kind = clang_getCursorKind(inner);
	if (kind != CXCursor_DeclRefExpr && kind != CXCursor_MemberRefExpr)
		return clang_getNullCursor();
	CXCursor target = clang_getCursorReferenced(inner);
	enum CXCursorKind target_kind = clang_getCursorKind(target);
	return target_kind == CXCursor_VarDecl || target_kind == CXCursor_FieldDecl ? target : clang_getNullCursor();
}

/* The text of a string literal that is a routine name (L"ZwClose", "FltClose"), or NULL. */
static char *fl_routine_literal(CXCursor expression)
{
	CXCursor inner = fl_routine_strip(expression);
	if (clang_getCursorKind(inner) != CXCursor_StringLiteral)
		return NULL;
	char *spelling = fl_cxstring(clang_getCursorSpelling(inner));
	char *open = strchr(spelling, '"');
	char *close = open ? strchr(open + 1, '"') : NULL;
	char *routine = NULL;
	if (close && close > open + 1 && close[1] == '\0') {
		*close = '\0';
		size_t length = strlen(open + 1);
		if (strspn(open + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == length)
			routine = fl_xstrdup(open + 1);
	}
	free(spelling);
	return routine;
}

static bool fl_is_unicode_string(CXType type)
{
	CXCursor declaration = clang_getTypeDeclaration(clang_getCanonicalType(type));
	char *name = fl_cxstring(clang_getCursorSpelling(declaration));
	bool is = strcmp(name, "_UNICODE_STRING") == 0;
	free(name);
	return is;
}

/* A pointer to a function, or a PVOID (what MmGetSystemRoutineAddress returns). */
static bool fl_is_routine_pointer(CXType type)
{
	type = clang_getCanonicalType(type);
	if (type.kind != CXType_Pointer)
		return false;
	enum CXTypeKind pointee = clang_getCanonicalType(clang_getPointeeType(type)).kind;
	return pointee == CXType_FunctionProto || pointee == CXType_FunctionNoProto || pointee == CXType_Void;
}

static bool fl_calls_routine(CXCursor call, const char *routine)
{
	CXCursor callee = clang_getCursorReferenced(call);
	if (!fl_is_function(callee))
		return false;
	char *name = fl_cxstring(clang_getCursorSpelling(callee));
	bool is = strcmp(name, routine) == 0;
	free(name);
	return is && clang_Cursor_getNumArguments(call) == 1;
}

/* `target = source` (or an initializer) where target is a pointer or a UNICODE_STRING. */
static void fl_routine_note_store(struct fl_walk *walk, CXCursor target, CXCursor source)
{
	CXType type = clang_getCursorType(target);
	if (fl_is_unicode_string(type)) {
		/* RTL_CONSTANT_STRING(L"X"): { sizeof - sizeof(WCHAR), sizeof, L"X" };
		 * a Length of 0 (`= {0}`) holds no name: RtlInitUnicodeString gives
		 * it one later. */
		CXCursor fields[3];
		CXCursor list = fl_routine_strip(source);
		unsigned count = clang_getCursorKind(list) == CXCursor_InitListExpr ? fl_children(list, fields, 3) : 0;
		char *routine = count == 3 ? fl_routine_literal(fields[2]) : NULL;
		long long length;
		if (routine || count == 0 || !fl_eval_constant(fields[0], &length) || length != 0)
			fl_routine_store(walk, target, routine, NULL);
		return;
	}
	if (!fl_is_routine_pointer(type))
		return;
	CXCursor call = fl_routine_strip(source);
	long long constant;
	if (clang_getCursorKind(call) == CXCursor_CXXNullPtrLiteralExpr ||
	    (fl_eval_constant(call, &constant) && constant == 0))
		return; /* NULL: no routine, and no other one either */
	if (clang_getCursorKind(call) == CXCursor_CallExpr) {
		CXCursor argument = clang_Cursor_getArgument(call, 0);
		if (fl_calls_routine(call, "FltGetRoutineAddress")) {
			fl_routine_store(walk, target, fl_routine_literal(argument), NULL);
			return;
		}
		if (fl_calls_routine(call, "MmGetSystemRoutineAddress")) {
			CXCursor address = fl_strip(argument);
			CXCursor operand[1];
			char *op = fl_unary_operator(address);
			bool address_of = strcmp(op, "&") == 0 && fl_children(address, operand, 1) == 1;
			free(op);
			CXCursor name = address_of ? fl_routine_target(operand[0]) : clang_getNullCursor();
			fl_routine_store(walk, target, NULL, clang_Cursor_isNull(name) ? NULL : fl_decl_usr(name));
			return;
		}
	}
	/* Only pointers already seen holding a routine, or to be: any other store conflicts. */
	fl_routine_store(walk, target, NULL, NULL);
}

void fl_routine_note_assignment(struct fl_walk *walk, CXCursor expression)
{
	CXCursor children[2];
	if (clang_getCursorKind(expression) != CXCursor_BinaryOperator || fl_children(expression, children, 2) != 2)
		return;
	char *op = fl_binary_operator(expression);
	bool assigns = strcmp(op, "=") == 0;
	free(op);
	CXCursor target = assigns ? fl_routine_target(children[0]) : clang_getNullCursor();
	if (!clang_Cursor_isNull(target))
		fl_routine_note_store(walk, target, children[1]);
}

void fl_routine_note_variable(struct fl_walk *walk, CXCursor variable)
{
	CXCursor children[8];
	unsigned count = fl_children(variable, children, 8);
	if (count && count <= 8 && clang_isExpression(clang_getCursorKind(children[count - 1])))
		fl_routine_note_store(walk, variable, children[count - 1]);
}

/* `&pfn`: the pointer may be stored through the address. */
void fl_routine_note_address(struct fl_walk *walk, CXCursor expression)
{
	CXCursor operand[1];
	char *op = fl_unary_operator(expression);
	bool address_of = strcmp(op, "&") == 0 && fl_children(expression, operand, 1) == 1;
	free(op);
	CXCursor target = address_of ? fl_routine_target(operand[0]) : clang_getNullCursor();
	if (!clang_Cursor_isNull(target) && fl_is_routine_pointer(clang_getCursorType(target)))
		fl_routine_store(walk, target, NULL, NULL);
}

void fl_routine_note_call(struct fl_body *body, CXCursor call, size_t index)
{
	struct fl_walk *walk = body->walk;
	CXCursor callee = clang_getCursorReferenced(call);
	if (fl_is_function(callee)) {
		/* RtlInitUnicodeString(&name, L"Routine") */
		char *name = fl_cxstring(clang_getCursorSpelling(callee));
		bool init = strcmp(name, "RtlInitUnicodeString") == 0 && clang_Cursor_getNumArguments(call) == 2;
		free(name);
		if (!init)
			return;
		CXCursor address = fl_strip(clang_Cursor_getArgument(call, 0));
		CXCursor operand[1];
		char *op = fl_unary_operator(address);
		bool address_of = strcmp(op, "&") == 0 && fl_children(address, operand, 1) == 1;
		free(op);
		CXCursor target = address_of ? fl_routine_target(operand[0]) : clang_getNullCursor();
		if (!clang_Cursor_isNull(target))
			fl_routine_store(walk, target, fl_routine_literal(clang_Cursor_getArgument(call, 1)), NULL);
		return;
	}
	CXCursor children[1]; /* the callee expression, then the arguments */
	if (fl_children(call, children, 1) < 1)
		return;
	CXCursor pointer = fl_routine_target(children[0]);
	if (clang_Cursor_isNull(pointer) || !fl_is_routine_pointer(clang_getCursorType(pointer)))
		return;
	struct fl_routines *routines = fl_routines_of(walk);
	FL_GROW(routines->calls, routines->call_capacity, routines->call_count + 1);
	routines->calls[routines->call_count++] = (struct fl_pointer_call){
		.function = (size_t)(body->function - walk->facts->functions), .call = index, .usr = fl_decl_usr(pointer)
	};
}

/* The routine a slot holds: its own, or its name variable's. */
static const char *fl_routine_held(struct fl_routines *routines, const char *usr)
{
	const struct fl_routine_slot *slot = fl_routine_find(routines, usr);
	if (!slot || slot->conflicting)
		return NULL;
	if (slot->routine)
		return slot->routine;
	const struct fl_routine_slot *name = slot->name_usr ? fl_routine_find(routines, slot->name_usr) : NULL;
	return name && !name->conflicting ? name->routine : NULL;
}

void fl_routines_resolve(struct fl_walk *walk)
{
	struct fl_routines *routines = walk->routines;
	if (!routines)
		return;
	for (size_t i = 0; i < routines->call_count; i++) {
		const struct fl_pointer_call *pointer_call = &routines->calls[i];
		const char *routine = fl_routine_held(routines, pointer_call->usr);
		if (!routine)
			continue;
		struct fl_function *function = &walk->facts->functions[pointer_call->function];
		struct fl_call *call = &function->calls[pointer_call->call];
		call->callee = fl_facts_take_string(walk->facts, fl_xstrdup(routine));
		call->callee_key = call->callee;
		for (size_t n = 0; n < function->flow_count; n++)
			if (function->flow[n].kind == FL_FLOW_CALL && function->flow[n].call == (int)pointer_call->call)
				function->flow[n].system_callee = true;
	}
}

void fl_routines_free(struct fl_walk *walk)
{
	struct fl_routines *routines = walk->routines;
	if (!routines)
		return;
	for (size_t i = 0; i < routines->slot_count; i++) {
		free(routines->slots[i].usr);
		free(routines->slots[i].routine);
		free(routines->slots[i].name_usr);
	}
	for (size_t i = 0; i < routines->call_count; i++)
		free(routines->calls[i].usr);
	free(routines->slots);
	free(routines->calls);
	free(routines);
	walk->routines = NULL;
}
