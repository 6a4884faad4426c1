/* C++ class templates whose member functions call members of a template
 * parameter (`m_lock.Acquire()` on a `T &m_lock`): walked once per
 * instance the unit uses (`Locker<SpinLock>`), under the instance's name
 * (`Locker<SpinLock>::Locker`), with each such call resolved to the
 * argument's member (`SpinLock::Acquire`).
 *
 * libclang's C API visits a template as written (the pattern, whose
 * dependent calls name nothing) and offers no way to an implicit
 * instance's destructor, so the pattern's body is walked again with the
 * instance's template arguments.  Every other class template is named and
 * walked as its pattern (walk_cxx.c): one function in the facts, however
 * many instances. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_internal.h"

/* A bound on the instances walked per unit (a template that names itself
 * with other arguments could otherwise add instances without end). */
#define FL_CXX_MAX_INSTANCES 256

struct fl_cxx_template_class {
	char *usr;
	bool dependent; /* has a member call on a template parameter */
};

static bool fl_cxx_same_entity(CXCursor a, CXCursor b)
{
	char *usr_a = fl_cxstring(clang_getCursorUSR(a));
	char *usr_b = fl_cxstring(clang_getCursorUSR(b));
	bool same = usr_a[0] && strcmp(usr_a, usr_b) == 0;
	free(usr_a);
	free(usr_b);
	return same;
}

/* A type without its references and pointers: `T` of `T &` or `T *`. */
static CXType fl_cxx_base_type(CXType type)
{
	while (type.kind == CXType_LValueReference || type.kind == CXType_RValueReference ||
	       type.kind == CXType_Pointer)
		type = clang_getPointeeType(type);
	return type;
}

/* The last identifier spelled in `cursor`: the member's name of a
 * dependent member expression, which libclang leaves unnamed. */
static char *fl_cxx_last_identifier(struct fl_walk *walk, CXCursor cursor)
{
	CXToken *tokens = NULL;
	unsigned count = 0;
	clang_tokenize(walk->tu, clang_getCursorExtent(cursor), &tokens, &count);
	char *name = NULL;
	for (unsigned i = count; i-- > 0 && !name;)
		if (clang_getTokenKind(tokens[i]) == CXToken_Identifier)
			name = fl_cxstring(clang_getTokenSpelling(walk->tu, tokens[i]));
	clang_disposeTokens(walk->tu, tokens, count);
	return name;
}

struct fl_cxx_parameter_search {
	const char *name;
	int index; /* among the template's parameters, once found */
	bool found;
};

static enum CXChildVisitResult fl_cxx_find_parameter(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cxx_parameter_search *search = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind != CXCursor_TemplateTypeParameter && kind != CXCursor_NonTypeTemplateParameter &&
	    kind != CXCursor_TemplateTemplateParameter)
		return CXChildVisit_Continue;
	search->index++;
	char *spelling = fl_cxstring(clang_getCursorSpelling(cursor));
	search->found = kind == CXCursor_TemplateTypeParameter && strcmp(spelling, search->name) == 0;
	free(spelling);
	return search->found ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* `x.f(...)` or `x->f(...)` whose callee a parameter of class template
 * `pattern` decides (x's type is the parameter `T`, or a reference or
 * pointer to one), in member function `definition`: the parameter's
 * position, and f in *member (to free); -1 for any other call.  libclang
 * shows a parameter's type unexposed, without its declaration: it is known
 * by its name, as a member defined outside the class names it (`template
 * <typename U> Locker<U>::Locker(U &lock)`), else as the class does. */
static int fl_cxx_dependent_member_call(struct fl_walk *walk, CXCursor call, CXCursor pattern, CXCursor definition,
					char **member)
{
	CXCursor callee[1], base[1];
	if (!clang_Cursor_isNull(clang_getCursorReferenced(call)) || fl_children(call, callee, 1) < 1 ||
	    clang_getCursorKind(callee[0]) != CXCursor_MemberRefExpr ||
	    !clang_Cursor_isNull(clang_getCursorReferenced(callee[0])) || fl_children(callee[0], base, 1) != 1)
		return -1;
	CXType type = clang_getUnqualifiedType(fl_cxx_base_type(clang_getCursorType(fl_strip(base[0]))));
	if (type.kind != CXType_Unexposed)
		return -1;
	char *name = fl_cxstring(clang_getTypeSpelling(type));
	struct fl_cxx_parameter_search search = { .name = name, .index = -1 };
	clang_visitChildren(definition, fl_cxx_find_parameter, &search);
	if (!search.found) {
		search.index = -1;
		clang_visitChildren(pattern, fl_cxx_find_parameter, &search);
	}
	free(name);
	if (!search.found)
		return -1;
	*member = fl_cxx_last_identifier(walk, callee[0]);
	return *member ? search.index : -1;
}

struct fl_cxx_dependence_search {
	struct fl_walk *walk;
	CXCursor pattern;
	CXCursor definition; /* the member function searched */
	bool found;
};

static enum CXChildVisitResult fl_cxx_find_dependent_call(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cxx_dependence_search *search = data;
	if (clang_getCursorKind(cursor) != CXCursor_CallExpr)
		return CXChildVisit_Recurse;
	char *member = NULL;
	search->found =
		fl_cxx_dependent_member_call(search->walk, cursor, search->pattern, search->definition, &member) >= 0;
	free(member);
	return search->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Each member function of a class template, searched where it is defined
 * (in the class or after it). */
static enum CXChildVisitResult fl_cxx_find_member_definition(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cxx_dependence_search *search = data;
	if (!fl_is_function(cursor))
		return CXChildVisit_Continue;
	CXCursor definition = clang_getCursorDefinition(cursor);
	if (clang_Cursor_isNull(definition))
		return CXChildVisit_Continue;
	search->definition = definition;
	clang_visitChildren(definition, fl_cxx_find_dependent_call, search);
	return search->found ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Whether class template `pattern` has a member function calling a member
 * of a template parameter (once per template and unit). */
static bool fl_cxx_dependent_class(struct fl_walk *walk, CXCursor pattern)
{
	char *usr = fl_cxstring(clang_getCursorUSR(pattern));
	for (size_t i = 0; i < walk->template_class_count; i++)
		if (strcmp(walk->template_classes[i].usr, usr) == 0) {
			free(usr);
			return walk->template_classes[i].dependent;
		}
	struct fl_cxx_dependence_search search = { .walk = walk, .pattern = pattern };
	clang_visitChildren(pattern, fl_cxx_find_member_definition, &search);
	FL_GROW(walk->template_classes, walk->template_class_capacity, walk->template_class_count + 1);
	walk->template_classes[walk->template_class_count++] =
		(struct fl_cxx_template_class){ .usr = usr, .dependent = search.found };
	return search.found;
}

/* A constructor's or destructor's name without the template's parameters
 * (`Locker<T>` as written in the pattern: `Locker`). */
char *fl_cxx_member_spelling(CXCursor decl)
{
	char *spelling = fl_cxstring(clang_getCursorSpelling(decl));
	enum CXCursorKind kind = clang_getCursorKind(decl);
	if (kind == CXCursor_Constructor || kind == CXCursor_Destructor) {
		char *angle = strchr(spelling, '<');
		if (angle)
			*angle = '\0';
	}
	return spelling;
}

/* The class template a class type instantiates, or a null cursor. */
static CXCursor fl_cxx_template_of(CXType type)
{
	CXCursor record = clang_getTypeDeclaration(clang_getCanonicalType(type));
	return clang_Cursor_isNull(record) ? record : clang_getSpecializedCursorTemplate(record);
}

struct fl_cxx_method_search {
	const char *name;
	CXCursor found;
};

/* A member function of a class by name (the first declared: a call
 * through a template parameter has no overload to tell). */
static enum CXChildVisitResult fl_cxx_find_method(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cxx_method_search *search = data;
	if (clang_getCursorKind(cursor) != CXCursor_CXXMethod)
		return CXChildVisit_Continue;
	char *spelling = fl_cxstring(clang_getCursorSpelling(cursor));
	bool match = strcmp(spelling, search->name) == 0;
	free(spelling);
	if (!match)
		return CXChildVisit_Continue;
	search->found = cursor;
	return CXChildVisit_Break;
}

char *fl_cxx_instance_member(struct fl_walk *walk, CXCursor member, CXType instance)
{
	CXCursor pattern = fl_cxx_template_of(instance);
	if (clang_Cursor_isNull(pattern) || clang_getCursorKind(pattern) != CXCursor_ClassTemplate ||
	    !fl_cxx_dependent_class(walk, pattern))
		return NULL;
	char *type = fl_cxstring(clang_getTypeSpelling(clang_getCanonicalType(instance)));
	char *spelling = fl_cxx_member_spelling(member);
	char *name = fl_xasprintf("%s::%s", type, spelling);
	free(type);
	free(spelling);
	for (size_t i = 0; i < walk->instance_count; i++)
		if (strcmp(walk->instances[i].name, name) == 0)
			return name;
	if (walk->instance_count < FL_CXX_MAX_INSTANCES) {
		CXCursor canonical = clang_getCanonicalCursor(member);
		CXCursor definition = clang_getCursorDefinition(canonical);
		FL_GROW(walk->instances, walk->instance_capacity, walk->instance_count + 1);
		walk->instances[walk->instance_count++] = (struct fl_cxx_instance){
			.member = clang_Cursor_isNull(definition) ? canonical : definition,
			.pattern = pattern,
			.type = instance,
			.name = fl_xstrdup(name),
		};
	}
	return name;
}

CXType fl_cxx_member_instance(struct fl_walk *walk, CXCursor decl)
{
	CXCursor parent = clang_getCursorSemanticParent(clang_getCanonicalCursor(decl));
	if (!clang_Cursor_isNull(clang_getSpecializedCursorTemplate(parent)))
		return clang_getCursorType(parent);
	if (walk->instance && fl_cxx_same_entity(parent, walk->instance->pattern))
		return walk->instance->type;
	return (CXType){ .kind = CXType_Invalid };
}

/* `f(x)` with x of a type a template parameter decides: clang looks f up
 * only when the template is instantiated, but the one function ordinary
 * lookup finds (a kernel routine, the driver's own) is the callee. */
static CXCursor fl_cxx_single_candidate(CXCursor call)
{
	CXCursor callee[1];
	if (fl_children(call, callee, 1) < 1)
		return clang_getNullCursor();
	CXCursor candidates = clang_getCursorReferenced(fl_strip(callee[0]));
	if (clang_getCursorKind(candidates) != CXCursor_OverloadedDeclRef || clang_getNumOverloadedDecls(candidates) != 1)
		return clang_getNullCursor();
	CXCursor function = clang_getOverloadedDecl(candidates, 0);
	return fl_is_function(function) ? function : clang_getNullCursor();
}

CXCursor fl_cxx_dependent_callee(struct fl_walk *walk, CXCursor call)
{
	CXCursor single = fl_cxx_single_candidate(call);
	if (!clang_Cursor_isNull(single) || !walk->instance)
		return single;
	char *member = NULL;
	int position = fl_cxx_dependent_member_call(walk, call, walk->instance->pattern, walk->instance->member, &member);
	if (position < 0)
		return clang_getNullCursor();
	struct fl_cxx_method_search method = { .name = member, .found = clang_getNullCursor() };
	CXType argument = clang_Type_getTemplateArgumentAsType(walk->instance->type, (unsigned)position);
	CXCursor record = clang_getTypeDeclaration(clang_getCanonicalType(argument));
	if (!clang_Cursor_isNull(record))
		clang_visitChildren(record, fl_cxx_find_method, &method);
	free(member);
	return method.found;
}

void fl_cxx_instances_free(struct fl_walk *walk)
{
	for (size_t i = 0; i < walk->template_class_count; i++)
		free(walk->template_classes[i].usr);
	free(walk->template_classes);
	for (size_t i = 0; i < walk->instance_count; i++)
		free(walk->instances[i].name);
	free(walk->instances);
}
