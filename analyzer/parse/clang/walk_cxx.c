/* C++ in the walk: the names of functions (qualified as written,
 * `ns::Class::Method`, with a `(params)` suffix only where the name is
 * overloaded), lambdas (`Outer::lambda@line`), `new` as a call of the
 * `operator new` it chooses, `delete` as calls of the destructor and
 * `operator delete`, and which local objects have a destructor to run at
 * each exit of their scope (walk_flow.c synthesizes those calls, since
 * libclang shows no implicit destructor call).
 *
 * Overloads are told by a first pass over the unit's declarations (every
 * namespace, class and `extern "C"` block, headers included, no bodies):
 * how many distinct entities (by USR) share a qualified name. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_internal.h"

struct fl_cxx_name {
	char *name;  /* qualified, no suffix */
	char *usr;   /* the first entity of that name */
	bool overloaded;
};

static bool fl_cxx_is_class(enum CXCursorKind kind)
{
	return kind == CXCursor_StructDecl || kind == CXCursor_ClassDecl || kind == CXCursor_UnionDecl ||
	       kind == CXCursor_ClassTemplate || kind == CXCursor_ClassTemplatePartialSpecialization;
}

bool fl_cxx_is_lambda_class(CXCursor cursor)
{
	if (!fl_cxx_is_class(clang_getCursorKind(cursor)))
		return false;
	char *spelling = fl_cxstring(clang_getCursorSpelling(cursor));
	bool lambda = strncmp(spelling, "(lambda", 7) == 0;
	free(spelling);
	return lambda;
}

/* The scopes of `decl` as written, outermost first, each followed by "::"
 * (`extern "C"` blocks add nothing); "" at file scope. */
static char *fl_cxx_scope(CXCursor decl)
{
	CXCursor parent = clang_getCursorSemanticParent(decl);
	enum CXCursorKind kind = clang_getCursorKind(parent);
	if (clang_Cursor_isNull(parent) || kind == CXCursor_TranslationUnit || clang_isInvalid(kind))
		return fl_xstrdup("");
	char *outer = fl_cxx_scope(parent);
	if (kind == CXCursor_LinkageSpec)
		return outer;
	char *name = fl_cxstring(clang_getCursorSpelling(parent));
	char *scope = fl_xasprintf("%s%s::", outer, name[0] ? name : "(anonymous)");
	free(outer);
	free(name);
	return scope;
}

/* A class's or a namespace's variable by its qualified name
 * (`filter::Config::Filter`), so that `Filter` written inside the class and
 * `&filter::Config::Filter` outside name one object; NULL for any other. */
char *fl_cxx_variable_key(const struct fl_walk *walk, CXCursor decl)
{
	if (!walk->cxx || clang_Cursor_hasVarDeclGlobalStorage(decl) != 1)
		return NULL;
	char *scope = fl_cxx_scope(decl);
	char *name = fl_cxstring(clang_getCursorSpelling(decl));
	char *key = scope[0] ? fl_xasprintf("%s%s", scope, name) : NULL;
	free(scope);
	free(name);
	return key;
}

static struct fl_cxx_name *fl_cxx_find(struct fl_walk *walk, const char *name)
{
	for (size_t i = 0; i < walk->cxx_name_count; i++)
		if (strcmp(walk->cxx_names[i].name, name) == 0)
			return &walk->cxx_names[i];
	return NULL;
}

char *fl_cxx_qualified_name(CXCursor decl)
{
	char *scope = fl_cxx_scope(decl);
	char *spelling = fl_cxstring(clang_getCursorSpelling(decl));
	char *name = fl_xasprintf("%s%s", scope, spelling);
	free(scope);
	free(spelling);
	return name;
}

static void fl_cxx_note(struct fl_walk *walk, CXCursor decl)
{
	char *name = fl_cxx_qualified_name(decl);
	char *usr = fl_cxstring(clang_getCursorUSR(decl));
	struct fl_cxx_name *known = fl_cxx_find(walk, name);
	if (known) {
		known->overloaded = known->overloaded || strcmp(known->usr, usr) != 0;
		free(name);
		free(usr);
		return;
	}
	FL_GROW(walk->cxx_names, walk->cxx_name_capacity, walk->cxx_name_count + 1);
	walk->cxx_names[walk->cxx_name_count++] = (struct fl_cxx_name){ .name = name, .usr = usr };
}

static enum CXChildVisitResult fl_cxx_visit_decl(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_walk *walk = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind == CXCursor_Namespace || kind == CXCursor_LinkageSpec || fl_cxx_is_class(kind))
		return CXChildVisit_Recurse;
	if ((fl_is_function(cursor) || kind == CXCursor_FunctionTemplate) && !fl_cxx_is_instantiation(cursor))
		fl_cxx_note(walk, cursor);
	return CXChildVisit_Continue;
}

/* A template's instantiation (libclang shows the implicit ones among the
 * declarations): named and walked as its pattern, as written. */
bool fl_cxx_is_instantiation(CXCursor cursor)
{
	return !clang_Cursor_isNull(clang_getSpecializedCursorTemplate(cursor));
}

void fl_cxx_index(struct fl_walk *walk)
{
	if (walk->cxx)
		clang_visitChildren(clang_getTranslationUnitCursor(walk->tu), fl_cxx_visit_decl, walk);
}

void fl_cxx_free(struct fl_walk *walk)
{
	for (size_t i = 0; i < walk->cxx_name_count; i++) {
		free(walk->cxx_names[i].name);
		free(walk->cxx_names[i].usr);
	}
	free(walk->cxx_names);
	free(walk->lambdas);
}

/* `Outer::lambda@line` for the call operator of a lambda's class. */
static char *fl_cxx_lambda_name(struct fl_walk *walk, CXCursor lambda_class)
{
	CXCursor outer = clang_getCursorSemanticParent(lambda_class);
	char *outer_name = fl_is_function(outer) || clang_getCursorKind(outer) == CXCursor_FunctionTemplate
		? fl_function_name(walk, outer) : fl_cxx_scope(lambda_class);
	unsigned line;
	clang_getFileLocation(clang_getCursorLocation(lambda_class), NULL, &line, NULL, NULL);
	size_t length = strlen(outer_name);
	bool scoped = length >= 2 && strcmp(outer_name + length - 2, "::") == 0;
	char *name = fl_xasprintf("%s%slambda@%u", outer_name, scoped || !length ? "" : "::", line);
	free(outer_name);
	return name;
}

char *fl_function_name(struct fl_walk *walk, CXCursor decl)
{
	if (!walk->cxx)
		return fl_cxstring(clang_getCursorSpelling(decl));
	char *pattern_instance = fl_cxx_pattern_instance_name(walk, decl);
	if (pattern_instance)
		return pattern_instance;
	CXCursor canonical = clang_getCanonicalCursor(decl);
	CXType instance = fl_cxx_member_instance(walk, canonical);
	/* A template's instantiation is named as its pattern, so that a call
	 * links to the body fltlint walked. */
	CXCursor pattern = clang_getSpecializedCursorTemplate(canonical);
	if (!clang_Cursor_isNull(pattern)) {
		/* ... unless the function template is walked per instance. */
		char *function_instance =
			instance.kind == CXType_Invalid ? fl_cxx_function_instance(walk, canonical, pattern) : NULL;
		if (function_instance)
			return function_instance;
		canonical = clang_getCanonicalCursor(pattern);
	}
	/* ... unless its class template is walked per instance. */
	char *instance_name = instance.kind == CXType_Invalid ? NULL : fl_cxx_instance_member(walk, canonical, instance);
	if (instance_name)
		return instance_name;
	char *spelling = fl_cxx_member_spelling(decl);
	/* A lambda's own class, not its pattern's: the lambda of a function
	 * template's instance is named in that instance. */
	CXCursor parent = clang_getCursorSemanticParent(clang_getCanonicalCursor(decl));
	if (fl_cxx_is_lambda_class(parent)) {
		free(spelling);
		return fl_cxx_lambda_name(walk, parent);
	}
	parent = clang_getCursorSemanticParent(canonical);
	if (!clang_Cursor_isNull(clang_getSpecializedCursorTemplate(parent))) {
		/* A member of a class template's instantiation: named as the
		 * pattern's member. */
		CXCursor class_pattern = clang_getSpecializedCursorTemplate(parent);
		char *outer = fl_cxx_scope(class_pattern);
		char *class_name = fl_cxstring(clang_getCursorSpelling(class_pattern));
		char *name = fl_xasprintf("%s%s::%s", outer, class_name, spelling);
		free(outer);
		free(class_name);
		free(spelling);
		return name;
	}
	char *scope = fl_cxx_scope(canonical);
	char *name = fl_xasprintf("%s%s", scope, spelling);
	free(scope);
	free(spelling);
	const struct fl_cxx_name *known = fl_cxx_find(walk, name);
	if (!known || !known->overloaded)
		return name;
	char *display = fl_cxstring(clang_getCursorDisplayName(canonical));
	const char *params = strchr(display, '(');
	char *overload = fl_xasprintf("%s%s", name, params ? params : "()");
	free(display);
	free(name);
	return overload;
}

/* Internal linkage: a `static` function outside a class, or any function
 * in an unnamed namespace. */
bool fl_cxx_internal(CXCursor decl)
{
	CXCursor canonical = clang_getCanonicalCursor(decl);
	if (clang_getCursorKind(canonical) == CXCursor_FunctionDecl &&
	    clang_Cursor_getStorageClass(canonical) == CX_SC_Static)
		return true;
	for (CXCursor scope = clang_getCursorSemanticParent(canonical);
	     !clang_Cursor_isNull(scope) && clang_getCursorKind(scope) != CXCursor_TranslationUnit &&
	     !clang_isInvalid(clang_getCursorKind(scope));
	     scope = clang_getCursorSemanticParent(scope))
		if (clang_getCursorKind(scope) == CXCursor_Namespace && clang_Cursor_isAnonymous(scope))
			return true;
	return false;
}

/* C++ language linkage: a function of a C++ unit not declared `extern "C"`
 * (MSVC decorates its name, so `#pragma alloc_text` cannot name it). */
bool fl_cxx_linkage(CXCursor decl)
{
	char *mangled = fl_cxstring(clang_Cursor_getMangling(decl));
	bool decorated = mangled[0] == '?';
	free(mangled);
	return decorated;
}

/* Whether an operand of type `type` (in the instance walked) leaves an
 * operator built in: no overload takes only pointers and arithmetic. */
static bool fl_cxx_builtin_operand(struct fl_walk *walk, CXType type)
{
	if (type.kind == CXType_Invalid)
		return false;
	CXType canonical = clang_getCanonicalType(fl_cxx_instance_type(walk, type));
	return canonical.kind == CXType_Pointer || canonical.kind == CXType_NullPtr ||
	       (canonical.kind >= CXType_FirstBuiltin && canonical.kind <= CXType_LastBuiltin);
}

/* An operator in a template that clang resolves only once instantiated
 * (`value_ != nullptr`, an overloaded `operator!=` being in scope) whose
 * operands are all pointers or arithmetic: the built-in one, no call. */
static bool fl_cxx_builtin_operator(struct fl_walk *walk, CXCursor call)
{
	if (!clang_Cursor_isNull(clang_getCursorReferenced(call)))
		return false;
	CXCursor children[3];
	unsigned count = fl_children(call, children, 3);
	if (count < 2 || count > 3)
		return false;
	bool named_operator = false;
	for (unsigned i = 0; i < count; i++) {
		CXCursor candidates = clang_getCursorReferenced(children[i]);
		if (clang_getCursorKind(children[i]) == CXCursor_DeclRefExpr &&
		    clang_getCursorKind(candidates) == CXCursor_OverloadedDeclRef) {
			char *name = fl_cxstring(clang_getCursorSpelling(candidates));
			named_operator = strncmp(name, "operator", 8) == 0;
			free(name);
		} else if (!fl_cxx_builtin_operand(walk, clang_getCursorType(children[i]))) {
			return false;
		}
	}
	return named_operator;
}

/* A call that runs nothing of the driver's and is not a routine: a
 * constructor the compiler supplies (copying a WDK struct), a lambda's
 * conversion to a function pointer, a built-in operator in a template. */
bool fl_cxx_ignored_call(struct fl_walk *walk, CXCursor call)
{
	CXCursor callee = clang_getCursorReferenced(call);
	enum CXCursorKind kind = clang_getCursorKind(callee);
	if (kind == CXCursor_Constructor || kind == CXCursor_Destructor)
		return fl_cxx_is_implicit_member(callee);
	if (walk->cxx && fl_cxx_builtin_operator(walk, call))
		return true;
	return kind == CXCursor_ConversionFunction && fl_cxx_is_lambda_class(clang_getCursorSemanticParent(callee));
}

/* The local variable or parameter a constructor (`T v(...)`: `parent` is
 * v) or a member function (`v.f()`, `v->f()`) is called on, or NULL. */
const char *fl_cxx_call_object(struct fl_walk *walk, CXCursor call, CXCursor parent)
{
	CXCursor callee = clang_getCursorReferenced(call);
	enum CXCursorKind kind = clang_getCursorKind(callee);
	if (kind == CXCursor_Constructor) {
		if (clang_getCursorKind(parent) != CXCursor_VarDecl)
			return NULL;
		return fl_unit_string(walk, clang_getCursorSpelling(parent));
	}
	if (kind != CXCursor_CXXMethod && kind != CXCursor_Destructor)
		return NULL;
	CXCursor children[1];
	if (fl_children(call, children, 1) < 1 || clang_getCursorKind(children[0]) != CXCursor_MemberRefExpr)
		return NULL;
	CXCursor base[1];
	if (fl_children(children[0], base, 1) != 1)
		return NULL;
	CXCursor inner = fl_strip(base[0]);
	if (clang_getCursorKind(inner) != CXCursor_DeclRefExpr)
		return NULL;
	CXCursor target = clang_getCursorReferenced(inner);
	if (clang_getCursorKind(target) != CXCursor_VarDecl && clang_getCursorKind(target) != CXCursor_ParmDecl)
		return NULL;
	return fl_unit_string(walk, clang_getCursorSpelling(target));
}

enum fl_member_kind fl_cxx_member_kind(CXCursor decl)
{
	switch (clang_getCursorKind(decl)) {
	case CXCursor_Constructor:
		return FL_MEMBER_CONSTRUCTOR;
	case CXCursor_Destructor:
		return FL_MEMBER_DESTRUCTOR;
	case CXCursor_CXXMethod:
	case CXCursor_ConversionFunction:
		return clang_CXXMethod_isStatic(decl) ? FL_MEMBER_STATIC : FL_MEMBER_METHOD;
	default:
		return FL_MEMBER_NONE;
	}
}

/* ---- lambdas ---- */

static enum CXChildVisitResult fl_cxx_find_call_operator(CXCursor cursor, CXCursor parent, CXClientData data)
{
	if (clang_getCursorKind(cursor) != CXCursor_CXXMethod)
		return CXChildVisit_Continue;
	char *spelling = fl_cxstring(clang_getCursorSpelling(cursor));
	bool call_operator = strcmp(spelling, "operator()") == 0;
	free(spelling);
	if (!call_operator)
		return CXChildVisit_Continue;
	*(CXCursor *)data = cursor;
	return CXChildVisit_Break;
}

CXCursor fl_cxx_call_operator(CXCursor lambda_class)
{
	CXCursor method = clang_getNullCursor();
	clang_visitChildren(lambda_class, fl_cxx_find_call_operator, &method);
	return method;
}

/* A lambda met in a body: its call operator is walked as a function of its
 * own once the enclosing one is done (walk.c). */
void fl_cxx_note_lambda(struct fl_walk *walk, CXCursor lambda)
{
	CXCursor lambda_class = clang_getTypeDeclaration(clang_getCursorType(lambda));
	CXCursor method = fl_cxx_call_operator(lambda_class);
	if (clang_Cursor_isNull(method))
		return;
	FL_GROW(walk->lambdas, walk->lambda_capacity, walk->lambda_count + 1);
	walk->lambdas[walk->lambda_count++] = method;
}

/* `[](...) {...}` where a function pointer is expected: libclang shows the
 * call of the lambda's conversion operator.  The lambda's call operator,
 * or a null cursor. */
CXCursor fl_cxx_lambda_target(CXCursor expression)
{
	CXCursor inner = fl_strip(expression);
	if (clang_getCursorKind(inner) != CXCursor_CallExpr)
		return clang_getNullCursor();
	CXCursor conversion = clang_getCursorReferenced(inner);
	if (clang_getCursorKind(conversion) != CXCursor_ConversionFunction)
		return clang_getNullCursor();
	CXCursor lambda_class = clang_getCursorSemanticParent(conversion);
	return fl_cxx_is_lambda_class(lambda_class) ? fl_cxx_call_operator(lambda_class) : clang_getNullCursor();
}

/* ---- objects with destructors ---- */

/* Whether a constructor or destructor is one the compiler supplies (or
 * `= default`): it runs nothing of the driver's. */
bool fl_cxx_is_implicit_member(CXCursor decl)
{
	return clang_CXXMethod_isDefaulted(decl);
}

static enum CXChildVisitResult fl_cxx_find_destructor(CXCursor cursor, CXCursor parent, CXClientData data)
{
	if (clang_getCursorKind(cursor) != CXCursor_Destructor)
		return CXChildVisit_Continue;
	*(CXCursor *)data = cursor;
	return CXChildVisit_Break;
}

/* The user-written destructor of a variable's class type, or a null cursor. */
CXCursor fl_cxx_destructor(CXType type)
{
	CXCursor record = clang_getTypeDeclaration(clang_getCanonicalType(type));
	if (clang_Cursor_isNull(record) || !fl_cxx_is_class(clang_getCursorKind(record)))
		return clang_getNullCursor();
	CXCursor destructor = clang_getNullCursor();
	clang_visitChildren(record, fl_cxx_find_destructor, &destructor);
	if (clang_Cursor_isNull(destructor)) {
		/* An instantiation: its pattern's destructor names it. */
		CXCursor pattern = clang_getSpecializedCursorTemplate(record);
		if (!clang_Cursor_isNull(pattern))
			clang_visitChildren(pattern, fl_cxx_find_destructor, &destructor);
	}
	if (clang_Cursor_isNull(destructor) || fl_cxx_is_implicit_member(destructor))
		return clang_getNullCursor();
	return destructor;
}

#define FL_CXX_MEMBER_DEPTH 4 /* classes within classes looked into */

struct fl_cxx_destructors {
	CXCursor *found;
	CXType *types; /* the class of each destructor found */
	size_t count, max;
	unsigned depth;
};

static void fl_cxx_add_destructors(CXType type, struct fl_cxx_destructors *out);

static enum CXChildVisitResult fl_cxx_visit_member(CXCursor cursor, CXCursor parent, CXClientData data)
{
	(void)parent;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind == CXCursor_FieldDecl || kind == CXCursor_CXXBaseSpecifier)
		fl_cxx_add_destructors(clang_getCursorType(cursor), data);
	return CXChildVisit_Continue;
}

/* The destructor of `type`'s class when the driver wrote one; otherwise
 * the destructors the compiler's one runs: those of its members, then of
 * its bases, each in the reverse of their declaration's order, looked into
 * the same way. */
static void fl_cxx_add_destructors(CXType type, struct fl_cxx_destructors *out)
{
	CXCursor destructor = fl_cxx_destructor(type);
	if (!clang_Cursor_isNull(destructor)) {
		if (out->count < out->max) {
			out->types[out->count] = type;
			out->found[out->count++] = destructor;
		}
		return;
	}
	CXCursor record = clang_getTypeDeclaration(clang_getCanonicalType(type));
	if (clang_Cursor_isNull(record) || !fl_cxx_is_class(clang_getCursorKind(record)) ||
	    out->depth >= FL_CXX_MEMBER_DEPTH)
		return;
	size_t first = out->count;
	out->depth++;
	clang_visitChildren(record, fl_cxx_visit_member, out); /* bases, then members */
	out->depth--;
	for (size_t low = first, high = out->count; low + 1 < high; low++, high--) {
		CXCursor cursor = out->found[low];
		CXType member = out->types[low];
		out->found[low] = out->found[high - 1], out->types[low] = out->types[high - 1];
		out->found[high - 1] = cursor, out->types[high - 1] = member;
	}
}

size_t fl_cxx_destructors(CXType type, CXCursor *found, CXType *types, size_t max)
{
	struct fl_cxx_destructors destructors = { .found = found, .types = types, .max = max };
	fl_cxx_add_destructors(type, &destructors);
	return destructors.count;
}

/* ---- new and delete ---- */

struct fl_cxx_operator_search {
	const char *name;
	int params; /* -1: any */
	bool members; /* a class's operators, not the global ones */
	CXCursor found;
};

static enum CXChildVisitResult fl_cxx_find_operator(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cxx_operator_search *search = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind == CXCursor_LinkageSpec)
		return CXChildVisit_Recurse;
	if (kind != CXCursor_FunctionDecl && (kind != CXCursor_CXXMethod || !search->members))
		return CXChildVisit_Continue;
	char *spelling = fl_cxstring(clang_getCursorSpelling(cursor));
	bool match = strcmp(spelling, search->name) == 0 &&
		     (search->params < 0 || clang_Cursor_getNumArguments(cursor) == search->params);
	free(spelling);
	if (!match)
		return CXChildVisit_Continue;
	/* A definition beats a declaration; the last declaration seen otherwise. */
	search->found = cursor;
	return clang_isCursorDefinition(cursor) ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* The `operator new`/`operator delete` a class declares, else a global one
 * of the driver's (in the project, not the WDK), taking `params`. */
static CXCursor fl_cxx_operator(struct fl_walk *walk, CXType allocated, const char *name, int params)
{
	struct fl_cxx_operator_search search = {
		.name = name, .params = params, .members = true, .found = clang_getNullCursor()
	};
	CXCursor record = clang_getTypeDeclaration(clang_getCanonicalType(allocated));
	if (!clang_Cursor_isNull(record))
		clang_visitChildren(record, fl_cxx_find_operator, &search);
	if (!clang_Cursor_isNull(search.found))
		return search.found;
	search.members = false;
	for (size_t i = 0; i < walk->decl_count + walk->header_decl_count; i++) {
		CXCursor decl = i < walk->decl_count ? walk->decls[i] : walk->header_decls[i - walk->decl_count];
		fl_cxx_find_operator(decl, clang_getNullCursor(), &search);
		if (!clang_Cursor_isNull(search.found) && clang_isCursorDefinition(search.found))
			break;
	}
	return search.found;
}

/* The offsets of the parentheses after `new`, when the expression has
 * placement arguments; false otherwise. */
static bool fl_cxx_placement_range(struct fl_walk *walk, CXCursor expression, unsigned *open, unsigned *close)
{
	CXToken *tokens = NULL;
	unsigned count = 0;
	clang_tokenize(walk->tu, clang_getCursorExtent(expression), &tokens, &count);
	bool found = false, after_new = false;
	unsigned depth = 0;
	for (unsigned i = 0; i < count; i++) {
		char *text = fl_cxstring(clang_getTokenSpelling(walk->tu, tokens[i]));
		unsigned offset = fl_offset(clang_getTokenLocation(walk->tu, tokens[i]), &(CXFile){ 0 });
		bool is_open = strcmp(text, "(") == 0, is_close = strcmp(text, ")") == 0;
		bool is_new = strcmp(text, "new") == 0;
		free(text);
		if (!after_new) {
			after_new = is_new; /* `new` or `::new` */
			continue;
		}
		if (depth == 0 && !is_open)
			break;
		if (is_open && depth++ == 0)
			*open = offset;
		if (is_close && --depth == 0) {
			*close = offset;
			found = true;
			break;
		}
	}
	clang_disposeTokens(walk->tu, tokens, count);
	return found;
}

/* A new call record of `body`, callee `decl` (may be null; a member of
 * `object`'s class), at `where`. */
static struct fl_call *fl_cxx_add_call(struct fl_body *body, CXCursor decl, CXType object, CXCursor where,
				       size_t arg_count)
{
	struct fl_function *function = body->function;
	FL_GROW(function->calls, body->call_capacity, function->call_count + 1);
	FL_GROW(body->call_cursors, body->call_cursor_capacity, body->call_cursor_count + 1);
	body->call_cursors[body->call_cursor_count++] = where;
	struct fl_call *record = &function->calls[function->call_count++];
	memset(record, 0, sizeof(*record));
	record->loc = fl_make_loc(body->walk, clang_getCursorLocation(where));
	/* A destructor or operator found in the class template's pattern is
	 * named in the object's instance when it has one. */
	char *instance_name = clang_Cursor_isNull(decl) ? NULL : fl_cxx_instance_member(body->walk, decl, object);
	if (instance_name) {
		record->callee = fl_facts_take_string(body->walk->facts, instance_name);
		record->callee_key = record->callee;
	} else if (!clang_Cursor_isNull(decl))
		fl_call_names_callee(body->walk, record, decl);
	else
		record->callee = fl_facts_string(body->walk->facts, "operator new");
	if (arg_count) {
		record->args = fl_xcalloc(arg_count, sizeof(*record->args));
		record->arg_count = arg_count;
	}
	return record;
}

/* `new (a, b) T(...)`: a call of the chosen `operator new` with the size
 * first (unknown) and the placement arguments after it, as its parameters
 * take them.  The constructor's call is recorded by the walk of the
 * expression's children. */
void fl_cxx_new(struct fl_body *body, CXCursor expression)
{
	struct fl_walk *walk = body->walk;
	unsigned open = 0, close = 0;
	bool placement = fl_cxx_placement_range(walk, expression, &open, &close);
	CXCursor children[8];
	unsigned count = fl_children(expression, children, 8);
	size_t placement_count = 0;
	CXCursor placements[8];
	for (unsigned i = 0; placement && i < count && i < 8; i++) {
		if (!clang_isExpression(clang_getCursorKind(children[i])))
			continue;
		unsigned offset = fl_offset(clang_getRangeStart(clang_getCursorExtent(children[i])), &(CXFile){ 0 });
		if (offset > open && offset < close)
			placements[placement_count++] = children[i];
	}
	CXType allocated = clang_getPointeeType(clang_getCursorType(expression));
	CXCursor chosen = fl_cxx_operator(walk, allocated, "operator new", (int)placement_count + 1);
	size_t index = body->function->call_count;
	struct fl_call *record = fl_cxx_add_call(body, chosen, allocated, expression, placement_count + 1);
	char *type = fl_cxstring(clang_getTypeSpelling(allocated));
	record->args[0].value.text = fl_facts_take_string(walk->facts, fl_xasprintf("sizeof(%s)", type));
	free(type);
	record->args[0].loc = record->loc;
	for (size_t i = 0; i < placement_count; i++) {
		struct fl_arg *arg = &body->function->calls[index].args[i + 1];
		CXCursor decl;
		fl_make_value(walk, placements[i], &arg->value, &decl);
		arg->loc = fl_make_loc(walk, clang_getRangeStart(clang_getCursorExtent(placements[i])));
		fl_pend(body, decl, &arg->value, index, i + 1);
	}
}

#define FL_CXX_MAX_DESTRUCTORS 16

/* `delete p`: the destructor of *p's class (when the driver wrote one; else
 * those of its members that have one: a holder whose destructor releases
 * what it holds, named in the member's class), then the `operator delete`
 * it chooses, each given p. */
void fl_cxx_delete(struct fl_body *body, CXCursor expression)
{
	struct fl_walk *walk = body->walk;
	CXCursor operand[1];
	if (fl_children(expression, operand, 1) != 1)
		return;
	CXType pointee = fl_cxx_instance_type(walk, clang_getPointeeType(clang_getCursorType(fl_strip(operand[0]))));
	CXCursor callees[FL_CXX_MAX_DESTRUCTORS + 1];
	CXType classes[FL_CXX_MAX_DESTRUCTORS + 1];
	size_t count = fl_cxx_destructors(pointee, callees, classes, FL_CXX_MAX_DESTRUCTORS);
	classes[count] = pointee;
	callees[count++] = fl_cxx_operator(walk, pointee, "operator delete", -1);
	for (size_t c = 0; c < count; c++) {
		if (clang_Cursor_isNull(callees[c]))
			continue;
		size_t index = body->function->call_count;
		fl_cxx_add_call(body, callees[c], classes[c], expression, 1);
		struct fl_arg *arg = &body->function->calls[index].args[0];
		CXCursor decl;
		fl_make_value(walk, operand[0], &arg->value, &decl);
		arg->loc = fl_make_loc(walk, clang_getRangeStart(clang_getCursorExtent(operand[0])));
		if (arg->value.kind == FL_VALUE_VARIABLE)
			body->function->calls[index].object = arg->value.name;
	}
}

/* The call of `destructor` (of class `type`: the variable's, or a member's)
 * destroying `variable` at `where` (a scope's end, a return, a break), for
 * the flow summary: its index among the function's calls. */
size_t fl_cxx_destructor_call(struct fl_body *body, CXCursor variable, CXCursor destructor, CXType type,
			      struct fl_loc where)
{
	size_t index = body->function->call_count;
	struct fl_call *record = fl_cxx_add_call(body, destructor, type, clang_getNullCursor(), 0);
	record->loc = where;
	record->object = fl_unit_string(body->walk, clang_getCursorSpelling(variable));
	return index;
}
