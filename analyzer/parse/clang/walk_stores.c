/* Stores into struct fields and brace initializers.
 * Facts: fl_field_store (from a BinaryOperator or CompoundAssignOperator whose
 * left side is a MemberRefExpr, or an element of one: `oa.Attributes =
 * OBJ_KERNEL_HANDLE`, `DriverObject->MajorFunction[i] = Dispatch`, and what
 * InitializeObjectAttributes expands to) and fl_initializer (from a VarDecl
 * of a struct, or array of structs, with an InitListExpr: the registration
 * arrays, FLT_REGISTRATION), field by field, designated or positional.
 * An assignment to a plain local goes to walk_calls.c's bookkeeping instead. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_internal.h"

/* The variable a struct is reached from in `base.field` / `base->field`:
 * through parentheses, `&` and `*`, since `(&oa)->X` and `(*Oa).X` name
 * the same object as `oa.X` and `Oa->X`. */
static CXCursor fl_store_base(CXCursor member)
{
	CXCursor children[1];
	if (fl_children(member, children, 1) != 1)
		return clang_getNullCursor();
	CXCursor base = fl_strip(children[0]);
	while (clang_getCursorKind(base) == CXCursor_UnaryOperator && fl_children(base, children, 1) == 1)
		base = fl_strip(children[0]);
	if (clang_getCursorKind(base) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	CXCursor target = clang_getCursorReferenced(base);
	enum CXCursorKind kind = clang_getCursorKind(target);
	return kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl ? target : clang_getNullCursor();
}

static void fl_body_field_store(struct fl_body *body, CXCursor member, CXCursor source, enum fl_store_op op)
{
	struct fl_walk *walk = body->walk;
	CXCursor field = clang_getCursorReferenced(member);
	if (clang_getCursorKind(field) != CXCursor_FieldDecl)
		return;
	char *type = fl_cxstring(clang_getCursorSpelling(clang_getCursorSemanticParent(field)));
	if (!type[0]) {
		free(type);
		return;
	}
	struct fl_function *function = body->function;
	FL_GROW(function->field_stores, body->store_capacity, function->field_store_count + 1);
	struct fl_field_store *store = &function->field_stores[function->field_store_count++];
	memset(store, 0, sizeof(*store));
	store->type = fl_facts_take_string(walk->facts, type);
	store->field = fl_unit_string(walk, clang_getCursorSpelling(field));
	store->op = op;
	store->base_param = -1;
	CXCursor base = fl_store_base(member);
	if (!clang_Cursor_isNull(base)) {
		store->base = fl_unit_string(walk, clang_getCursorSpelling(base));
		int count = clang_Cursor_getNumArguments(body->decl);
		for (int i = 0; i < count; i++)
			if (clang_equalCursors(clang_Cursor_getArgument(body->decl, (unsigned)i), base))
				store->base_param = i;
	}
	CXCursor decl;
	fl_make_value(walk, source, &store->value, &decl);
	/* InitializeObjectAttributes(p, n, a, r, s) sets Attributes from `a`. */
	if (strcmp(store->type, "_OBJECT_ATTRIBUTES") == 0 && strcmp(store->field, "Attributes") == 0)
		fl_value_at_macro_argument(walk, source, "InitializeObjectAttributes", 2, &store->value);
	store->loc = fl_make_loc(walk, clang_getCursorLocation(member));
	fl_pend(body, decl, &store->value, FL_STORE_VALUE, function->field_store_count - 1);
}

/* `x = v` and `s.f = v` (also `|=` and friends): what flows into locals and
 * struct fields. */
void fl_body_assignment(struct fl_body *body, CXCursor expression)
{
	CXCursor children[2];
	if (fl_children(expression, children, 2) != 2)
		return;
	CXCursor lhs = fl_strip(children[0]);
	CXCursor target = fl_referenced_variable(children[0]);
	/* An element of an array field (`DriverObject->MajorFunction[i] =
	 * Dispatch`) is a store into that field. */
	CXCursor array[2];
	if (clang_getCursorKind(lhs) == CXCursor_ArraySubscriptExpr && fl_children(lhs, array, 2) == 2 &&
	    clang_getCursorKind(fl_strip(array[0])) == CXCursor_MemberRefExpr) {
		lhs = fl_strip(array[0]);
		target = clang_getNullCursor();
	}
	bool is_member = clang_getCursorKind(lhs) == CXCursor_MemberRefExpr;
	if (clang_Cursor_isNull(target) && !is_member)
		return;
	bool compound = clang_getCursorKind(expression) == CXCursor_CompoundAssignOperator;
	char *op = fl_binary_operator(expression);
	bool assigns = strcmp(op, "=") == 0;
	if (compound || assigns) {
		if (!clang_Cursor_isNull(target))
			fl_local_store(body, target, compound ? clang_getNullCursor() : children[1]);
		else
			fl_body_field_store(body, lhs, children[1],
					    !compound ? FL_STORE_ASSIGN
					    : strcmp(op, "|=") == 0 ? FL_STORE_OR
					    : strcmp(op, "&=") == 0 ? FL_STORE_AND : FL_STORE_OTHER);
	}
	free(op);
}

struct fl_field_names {
	size_t count, capacity;
	char **names;
};

static enum CXVisitorResult fl_collect_field(CXCursor field, CXClientData data)
{
	struct fl_field_names *fields = data;
	FL_GROW(fields->names, fields->capacity, fields->count + 1);
	fields->names[fields->count++] = fl_cxstring(clang_getCursorSpelling(field));
	return CXVisit_Continue;
}

struct fl_element_build {
	struct fl_walk *walk;
	const struct fl_field_names *fields;
	struct fl_element *element;
	size_t capacity;
	size_t position;
};

static enum CXChildVisitResult fl_visit_element_value(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_element_build *build = data;
	CXCursor value = cursor;
	const char *name = NULL;
	char *designated = NULL;
	/* `.Field = value` comes as an unexposed expression holding a MemberRef. */
	CXCursor children[2];
	if (clang_getCursorKind(cursor) == CXCursor_UnexposedExpr &&
	    fl_children(cursor, children, 2) == 2 &&
	    clang_getCursorKind(children[0]) == CXCursor_MemberRef) {
		designated = fl_cxstring(clang_getCursorSpelling(children[0]));
		value = children[1];
		for (size_t i = 0; i < build->fields->count; i++)
			if (strcmp(build->fields->names[i], designated) == 0)
				build->position = i;
	}
	if (designated)
		name = designated;
	else if (build->position < build->fields->count)
		name = build->fields->names[build->position];
	build->position++;
	if (!name)
		return CXChildVisit_Continue;

	struct fl_element *element = build->element;
	FL_GROW(element->fields, build->capacity, element->field_count + 1);
	struct fl_field *field = &element->fields[element->field_count++];
	field->name = fl_facts_string(build->walk->facts, name);
	CXCursor decl;
	fl_make_value(build->walk, value, &field->value, &decl);
	field->loc = fl_make_loc(build->walk, clang_getCursorLocation(value));
	free(designated);
	return CXChildVisit_Continue;
}

static void fl_build_element(struct fl_walk *walk, CXCursor list,
			     const struct fl_field_names *fields, struct fl_element *element)
{
	memset(element, 0, sizeof(*element));
	element->loc = fl_make_loc(walk, clang_getCursorLocation(list));
	element->end = fl_make_loc(walk, clang_getRangeEnd(clang_getCursorExtent(list)));
	struct fl_element_build build = { .walk = walk, .fields = fields, .element = element };
	clang_visitChildren(list, fl_visit_element_value, &build);
}

struct fl_array_build {
	struct fl_walk *walk;
	const struct fl_field_names *fields;
	struct fl_initializer *initializer;
	size_t capacity;
};

static enum CXChildVisitResult fl_visit_array_element(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_array_build *build = data;
	if (clang_getCursorKind(cursor) != CXCursor_InitListExpr)
		return CXChildVisit_Continue;
	struct fl_initializer *init = build->initializer;
	FL_GROW(init->elements, build->capacity, init->element_count + 1);
	fl_build_element(build->walk, cursor, build->fields, &init->elements[init->element_count++]);
	return CXChildVisit_Continue;
}

static enum CXChildVisitResult fl_find_init_list(CXCursor cursor, CXCursor parent, CXClientData data)
{
	if (clang_getCursorKind(cursor) == CXCursor_InitListExpr) {
		*(CXCursor *)data = cursor;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* Records `variable` if it is a struct, or array of structs, initialized
 * with a brace list. */
void fl_walk_initializer(struct fl_walk *walk, CXCursor variable, const char *function_key)
{
	CXCursor list = clang_getNullCursor();
	clang_visitChildren(variable, fl_find_init_list, &list);
	if (clang_Cursor_isNull(list))
		return;
	CXType type = clang_getCanonicalType(clang_getCursorType(variable));
	bool is_array = type.kind == CXType_ConstantArray || type.kind == CXType_IncompleteArray;
	CXType element = is_array ? clang_getCanonicalType(clang_getArrayElementType(type)) : type;
	if (element.kind != CXType_Record)
		return;
	char *tag = fl_cxstring(clang_getCursorSpelling(clang_getTypeDeclaration(element)));
	if (!tag[0]) {
		free(tag);
		return;
	}
	struct fl_field_names fields = { 0 };
	clang_Type_visitFields(element, fl_collect_field, &fields);

	struct fl_tu_facts *facts = walk->facts;
	FL_GROW(facts->initializers, walk->initializer_capacity, facts->initializer_count + 1);
	struct fl_initializer *init = &facts->initializers[facts->initializer_count++];
	memset(init, 0, sizeof(*init));
	init->variable = fl_unit_string(walk, clang_getCursorSpelling(variable));
	init->type = fl_facts_take_string(facts, tag);
	init->function = fl_facts_string(facts, function_key);
	init->is_array = is_array;
	init->is_static = clang_Cursor_getStorageClass(variable) == CX_SC_Static;
	init->loc = fl_make_loc(walk, clang_getCursorLocation(variable));
	if (is_array) {
		struct fl_array_build build = { .walk = walk, .fields = &fields, .initializer = init };
		clang_visitChildren(list, fl_visit_array_element, &build);
	} else {
		init->elements = fl_xcalloc(1, sizeof(*init->elements));
		init->element_count = 1;
		fl_build_element(walk, list, &fields, &init->elements[0]);
	}
	for (size_t i = 0; i < fields.count; i++)
		free(fields.names[i]);
	free(fields.names);
}
