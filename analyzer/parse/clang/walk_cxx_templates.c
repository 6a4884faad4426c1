/* C++ templates walked once per instance the unit uses.
 *
 * Class templates whose member functions call members of a template
 * parameter (`m_lock.Acquire()` on a `T &m_lock`, `Policy::Release(p)`):
 * each member is walked under the instance's name
 * (`Locker<SpinLock>::Locker`), with each such call resolved to the
 * argument's member (`SpinLock::Acquire`).  libclang's C API visits a
 * template as written (the pattern, whose dependent calls name nothing)
 * and offers no way to an implicit instance's destructor, so the pattern's
 * body is walked again with the instance's template arguments.
 *
 * Function templates (free, or members of a class) with something only an
 * instance knows (a dependent call, `T::Pool`, a non-type parameter's
 * value): the call names the instance (`Locked<SpinLock,
 * CountVolume::lambda@63>`), whose body clang instantiated and libclang
 * shows resolved, and which is walked as it is; the pattern itself only
 * when the unit uses no instance.
 *
 * Every other template is named and walked as its pattern (walk_cxx.c):
 * one function in the facts, however many instances. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_internal.h"

/* A bound on the instances walked per unit (a template that names itself
 * with other arguments could otherwise add instances without end). */
#define FL_CXX_MAX_INSTANCES 256

struct fl_cxx_template_class {
	char *usr;
	bool dependent; /* walked per instance (fl_cxx_per_instance) */
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

/* The template parameter a dependent callee names, by its spelling: the
 * type of x in `x.f(...)` or `x->f(...)` (x's type is the parameter `T`,
 * or a reference or pointer to one), or `T` of `T::f(...)`; NULL for any
 * other callee. */
static char *fl_cxx_callee_parameter(CXCursor callee)
{
	CXCursor children[1];
	enum CXCursorKind kind = clang_getCursorKind(callee);
	if ((kind != CXCursor_MemberRefExpr && kind != CXCursor_DeclRefExpr) ||
	    !clang_Cursor_isNull(clang_getCursorReferenced(callee)) || fl_children(callee, children, 1) != 1)
		return NULL;
	if (kind == CXCursor_DeclRefExpr) {
		CXCursor parameter = clang_getCursorReferenced(children[0]);
		return clang_getCursorKind(children[0]) == CXCursor_TypeRef &&
				       clang_getCursorKind(parameter) == CXCursor_TemplateTypeParameter
			       ? fl_cxstring(clang_getCursorSpelling(parameter))
			       : NULL;
	}
	CXType type = clang_getUnqualifiedType(fl_cxx_base_type(clang_getCursorType(fl_strip(children[0]))));
	return type.kind == CXType_Unexposed ? fl_cxstring(clang_getTypeSpelling(type)) : NULL;
}

/* `x.f(...)`, `x->f(...)` or `T::f(...)` whose callee a parameter of class
 * template `pattern` decides, in member function `definition`: the
 * parameter's position, and f in *member (to free); -1 for any other call.
 * libclang shows a parameter's type unexposed, without its declaration: it
 * is known by its name, as a member defined outside the class names it
 * (`template <typename U> Locker<U>::Locker(U &lock)`), else as the class
 * does. */
static int fl_cxx_dependent_member_call(struct fl_walk *walk, CXCursor call, CXCursor pattern, CXCursor definition,
					char **member)
{
	CXCursor callee[1];
	if (!clang_Cursor_isNull(clang_getCursorReferenced(call)) || fl_children(call, callee, 1) < 1)
		return -1;
	char *name = fl_cxx_callee_parameter(callee[0]);
	if (!name)
		return -1;
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

static CXCursor fl_cxx_single_candidate(CXCursor call);

/* What only an instance knows: a call whose type depends on the
 * template's parameters and whose name finds no single function (clang
 * resolves it in the instance), a name in a parameter's scope (`T::Pool`,
 * `t.Pool`), or the value of a non-type parameter. */
static enum CXChildVisitResult fl_cxx_find_instance_only(CXCursor cursor, CXCursor parent, CXClientData data)
{
	bool *found = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr) {
		char *parameter = fl_cxx_callee_parameter(cursor);
		*found = parameter ||
			 clang_getCursorKind(clang_getCursorReferenced(cursor)) == CXCursor_NonTypeTemplateParameter;
		free(parameter);
	} else if (kind == CXCursor_CallExpr && clang_getCursorType(cursor).kind == CXType_Dependent)
		*found = clang_Cursor_isNull(fl_cxx_single_candidate(cursor));
	return *found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Whether `pattern` is walked per instance (once per template and unit):
 * a class template with a member function calling a member of a template
 * parameter, a function template with a call it resolves only in an
 * instance. */
static bool fl_cxx_per_instance(struct fl_walk *walk, CXCursor pattern)
{
	char *usr = fl_cxstring(clang_getCursorUSR(pattern));
	for (size_t i = 0; i < walk->template_class_count; i++)
		if (strcmp(walk->template_classes[i].usr, usr) == 0) {
			free(usr);
			return walk->template_classes[i].dependent;
		}
	struct fl_cxx_dependence_search search = { .walk = walk, .pattern = pattern };
	if (clang_getCursorKind(pattern) == CXCursor_FunctionTemplate)
		clang_visitChildren(pattern, fl_cxx_find_instance_only, &search.found);
	else
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
	    !fl_cxx_per_instance(walk, pattern))
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
	if (!clang_Cursor_isNull(single) || !walk->instance || walk->instance->type.kind == CXType_Invalid)
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

/* ---- function templates ---- */

/* A type as an instance's name shows it: a lambda's by the lambda's name
 * (`Caller::lambda@12`, not clang's `(lambda at path:12:5)`). */
static char *fl_cxx_type_spelling(struct fl_walk *walk, CXType type)
{
	type = clang_getCanonicalType(type);
	CXCursor record = clang_getTypeDeclaration(type);
	if (fl_cxx_is_lambda_class(record)) {
		CXCursor call_operator = fl_cxx_call_operator(record);
		return clang_Cursor_isNull(call_operator) ? NULL : fl_function_name(walk, call_operator);
	}
	return fl_cxstring(clang_getTypeSpelling(type));
}

struct fl_cxx_deduction {
	const char *parameter; /* the template parameter's name */
	CXCursor specialization;
	unsigned index; /* of the function parameter visited */
	CXType deduced;
};

/* A function parameter of the pattern whose type is the template
 * parameter (or a reference or pointer to it): the instance's parameter in
 * the same place has the argument's type. */
static enum CXChildVisitResult fl_cxx_deduce(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cxx_deduction *deduction = data;
	if (clang_getCursorKind(cursor) != CXCursor_ParmDecl)
		return CXChildVisit_Continue;
	unsigned index = deduction->index++;
	char *spelling = fl_cxstring(
		clang_getTypeSpelling(clang_getUnqualifiedType(fl_cxx_base_type(clang_getCursorType(cursor)))));
	bool match = strcmp(spelling, deduction->parameter) == 0;
	free(spelling);
	if (!match || (int)index >= clang_Cursor_getNumArguments(deduction->specialization))
		return CXChildVisit_Continue;
	CXCursor argument = clang_Cursor_getArgument(deduction->specialization, index);
	deduction->deduced = clang_getUnqualifiedType(fl_cxx_base_type(clang_getCursorType(argument)));
	return CXChildVisit_Break;
}

struct fl_cxx_parameter_at {
	unsigned index, seen;
	CXCursor found;
};

static enum CXChildVisitResult fl_cxx_find_parameter_at(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cxx_parameter_at *search = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind != CXCursor_TemplateTypeParameter && kind != CXCursor_NonTypeTemplateParameter &&
	    kind != CXCursor_TemplateTemplateParameter)
		return CXChildVisit_Continue;
	if (search->seen++ != search->index)
		return CXChildVisit_Continue;
	search->found = cursor;
	return CXChildVisit_Break;
}

/* Argument `index` of a function template's instance as its name shows
 * it: a type or an integer; NULL for any other (a pack, a declaration),
 * whose instance is then not told apart.  libclang gives the arguments of
 * a free function's instance only: a member function's are deduced from
 * its parameters' types. */
static char *fl_cxx_argument_spelling(struct fl_walk *walk, CXCursor specialization, CXCursor pattern,
				      unsigned index)
{
	if (clang_getCursorKind(specialization) == CXCursor_FunctionDecl) {
		switch (clang_Cursor_getTemplateArgumentKind(specialization, index)) {
		case CXTemplateArgumentKind_Type:
			return fl_cxx_type_spelling(walk, clang_Cursor_getTemplateArgumentType(specialization, index));
		case CXTemplateArgumentKind_Integral:
			return fl_xasprintf("%lld", clang_Cursor_getTemplateArgumentValue(specialization, index));
		default:
			return NULL;
		}
	}
	struct fl_cxx_parameter_at at = { .index = index, .found = clang_getNullCursor() };
	clang_visitChildren(pattern, fl_cxx_find_parameter_at, &at);
	if (clang_getCursorKind(at.found) != CXCursor_TemplateTypeParameter)
		return NULL;
	char *name = fl_cxstring(clang_getCursorSpelling(at.found));
	struct fl_cxx_deduction deduction = {
		.parameter = name, .specialization = specialization, .deduced = { .kind = CXType_Invalid }
	};
	clang_visitChildren(pattern, fl_cxx_deduce, &deduction);
	free(name);
	return deduction.deduced.kind == CXType_Invalid ? NULL : fl_cxx_type_spelling(walk, deduction.deduced);
}

/* How many template parameters `pattern` has. */
static int fl_cxx_template_parameter_count(CXCursor pattern)
{
	struct fl_cxx_parameter_at at = { .index = (unsigned)-1, .found = clang_getNullCursor() };
	clang_visitChildren(pattern, fl_cxx_find_parameter_at, &at);
	return (int)at.seen;
}

/* The pattern's name with the instance's arguments after the function's
 * own name (before an overload's parameters): `Locked<SpinLock>`,
 * `Alloc<Record>(POOL_TYPE)`; NULL when an argument has no spelling. */
static char *fl_cxx_function_instance_name(struct fl_walk *walk, CXCursor specialization, CXCursor pattern)
{
	int count = clang_getCursorKind(specialization) == CXCursor_FunctionDecl
		? clang_Cursor_getNumTemplateArguments(specialization)
		: fl_cxx_template_parameter_count(pattern);
	if (count <= 0)
		return NULL;
	char *arguments = fl_xstrdup("");
	for (int i = 0; i < count && arguments; i++) {
		char *argument = fl_cxx_argument_spelling(walk, specialization, pattern, (unsigned)i);
		char *joined = argument ? fl_xasprintf("%s%s%s", arguments, i ? ", " : "", argument) : NULL;
		free(argument);
		free(arguments);
		arguments = joined;
	}
	if (!arguments)
		return NULL;
	char *base = fl_function_name(walk, pattern);
	char *spelling = fl_cxstring(clang_getCursorSpelling(pattern));
	size_t length = strlen(spelling), end = strlen(base);
	for (char *at = strstr(base, spelling); at; at = strstr(at + 1, spelling))
		if (at[length] == '\0' || at[length] == '(')
			end = (size_t)(at - base) + length;
	char *name = fl_xasprintf("%.*s<%s>%s", (int)end, base, arguments, base + end);
	free(base);
	free(spelling);
	free(arguments);
	return name;
}

/* A function template of the driver's (not of a system header, not a
 * member of a class template) whose instances the walk tells apart. */
static bool fl_cxx_function_template_per_instance(struct fl_walk *walk, CXCursor pattern)
{
	return clang_getCursorKind(pattern) == CXCursor_FunctionTemplate &&
	       !clang_Location_isInSystemHeader(clang_getCursorLocation(pattern)) &&
	       clang_Cursor_isNull(clang_getSpecializedCursorTemplate(clang_getCursorSemanticParent(pattern))) &&
	       clang_getCursorKind(clang_getCursorSemanticParent(pattern)) != CXCursor_ClassTemplate &&
	       fl_cxx_per_instance(walk, pattern);
}

bool fl_cxx_defer_function_template(struct fl_walk *walk, CXCursor pattern)
{
	if (!walk->cxx || !fl_cxx_function_template_per_instance(walk, pattern))
		return false;
	FL_GROW(walk->deferred_templates, walk->deferred_template_capacity, walk->deferred_template_count + 1);
	walk->deferred_templates[walk->deferred_template_count++] = pattern;
	return true;
}

bool fl_cxx_has_function_instance(struct fl_walk *walk, CXCursor pattern)
{
	for (size_t i = 0; i < walk->instance_count; i++)
		if (walk->instances[i].type.kind == CXType_Invalid && fl_cxx_same_entity(walk->instances[i].pattern, pattern))
			return true;
	return false;
}

char *fl_cxx_function_instance(struct fl_walk *walk, CXCursor specialization, CXCursor pattern)
{
	if (!fl_cxx_function_template_per_instance(walk, pattern))
		return NULL;
	CXCursor definition = clang_getCursorDefinition(specialization);
	if (clang_Cursor_isNull(definition))
		return NULL;
	char *name = fl_cxx_function_instance_name(walk, specialization, pattern);
	if (!name)
		return NULL;
	for (size_t i = 0; i < walk->instance_count; i++)
		if (strcmp(walk->instances[i].name, name) == 0)
			return name;
	if (walk->instance_count < FL_CXX_MAX_INSTANCES) {
		FL_GROW(walk->instances, walk->instance_capacity, walk->instance_count + 1);
		walk->instances[walk->instance_count++] = (struct fl_cxx_instance){
			.member = definition,
			.pattern = pattern,
			.type = { .kind = CXType_Invalid },
			.name = fl_xstrdup(name),
		};
	}
	return name;
}

void fl_cxx_instances_free(struct fl_walk *walk)
{
	for (size_t i = 0; i < walk->template_class_count; i++)
		free(walk->template_classes[i].usr);
	free(walk->template_classes);
	for (size_t i = 0; i < walk->instance_count; i++)
		free(walk->instances[i].name);
	free(walk->instances);
	free(walk->deferred_templates);
}
