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
 * A call through a non-type template parameter (`Deleter(m_data)`) calls
 * the function the class's instance names; a default naming a function
 * template (`= DefaultDelete`) calls that template's instance of the type
 * the parameter has there, which libclang shows no cursor of: its pattern
 * is walked with the parameters deduced from that type
 * (`DefaultDelete<Config>`), named as a call to it would name it.
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
	enum CXCursorKind kind; /* a type or a non-type parameter */
	int index; /* among the template's parameters, once found */
	bool found;
	CXCursor cursor; /* the parameter, once found */
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
	search->found = kind == search->kind && strcmp(spelling, search->name) == 0;
	free(spelling);
	if (search->found)
		search->cursor = cursor;
	return search->found ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* The position of `search->name` among the template parameters of member
 * function `definition` (a member defined outside its class names them
 * again) or of its class template `pattern`; false when it is neither's. */
static bool fl_cxx_parameter_position(CXCursor definition, CXCursor pattern, struct fl_cxx_parameter_search *search)
{
	search->index = -1;
	clang_visitChildren(definition, fl_cxx_find_parameter, search);
	if (!search->found) {
		search->index = -1;
		clang_visitChildren(pattern, fl_cxx_find_parameter, search);
	}
	return search->found;
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
	CXType type = fl_cxx_base_type(clang_getCursorType(fl_strip(children[0])));
	if (type.kind == CXType_Invalid) /* libclang fails on an invalid type */
		return NULL;
	type = clang_getUnqualifiedType(type);
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
	struct fl_cxx_parameter_search search = { .name = name, .kind = CXCursor_TemplateTypeParameter };
	bool found = fl_cxx_parameter_position(definition, pattern, &search);
	free(name);
	if (!found)
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
		clang_getCursorKind(clang_getCursorReferenced(cursor)) == CXCursor_NonTypeTemplateParameter ||
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

/* Queues `instance` to be walked (its name copied), unless one of its name
 * is already or the bound is reached. */
static void fl_cxx_queue_instance(struct fl_walk *walk, struct fl_cxx_instance instance)
{
	for (size_t i = 0; i < walk->instance_count; i++)
		if (strcmp(walk->instances[i].name, instance.name) == 0)
			return;
	if (walk->instance_count >= FL_CXX_MAX_INSTANCES)
		return;
	instance.name = fl_xstrdup(instance.name);
	FL_GROW(walk->instances, walk->instance_capacity, walk->instance_count + 1);
	walk->instances[walk->instance_count++] = instance;
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
	CXCursor canonical = clang_getCanonicalCursor(member);
	CXCursor definition = clang_getCursorDefinition(canonical);
	fl_cxx_queue_instance(walk, (struct fl_cxx_instance){
					    .member = clang_Cursor_isNull(definition) ? canonical : definition,
					    .pattern = pattern,
					    .type = instance,
					    .name = name,
				    });
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

/* Argument `index` of a free function template's instance, as libclang
 * lists it: a type or an integer; NULL for any other (a pack, a
 * declaration), whose instance is then not told apart. */
static char *fl_cxx_listed_argument(struct fl_walk *walk, CXCursor specialization, unsigned index)
{
	switch (clang_Cursor_getTemplateArgumentKind(specialization, index)) {
	case CXTemplateArgumentKind_Type:
		return fl_cxx_type_spelling(walk, clang_Cursor_getTemplateArgumentType(specialization, index));
	case CXTemplateArgumentKind_Integral:
		return fl_xasprintf("%lld", clang_Cursor_getTemplateArgumentValue(specialization, index));
	default:
		return NULL;
	}
}

static bool fl_cxx_is_reference(enum CXTypeKind kind)
{
	return kind == CXType_LValueReference || kind == CXType_RValueReference;
}

/* Binds the parameter of `function_template` that one of its parameters'
 * types names (`T *`, `T &`, `T &&`) to what `actual` has there (`Config
 * *`, `SpinLock &`: a reference of either kind stands for the type). */
static void fl_cxx_deduce(CXCursor function_template, CXType pattern, CXType actual, CXType *bound)
{
	if (pattern.kind == CXType_Invalid || actual.kind == CXType_Invalid) /* libclang fails on an invalid type */
		return;
	pattern = clang_getUnqualifiedType(pattern);
	actual = clang_getUnqualifiedType(actual);
	while (pattern.kind == CXType_Pointer || fl_cxx_is_reference(pattern.kind)) {
		enum CXTypeKind kind = clang_getCanonicalType(actual).kind;
		if (kind != pattern.kind && !(fl_cxx_is_reference(kind) && fl_cxx_is_reference(pattern.kind)))
			return;
		pattern = clang_getPointeeType(pattern);
		actual = clang_getPointeeType(clang_getCanonicalType(actual));
		if (pattern.kind == CXType_Invalid || actual.kind == CXType_Invalid)
			return;
		pattern = clang_getUnqualifiedType(pattern);
		actual = clang_getUnqualifiedType(actual);
	}
	if (pattern.kind != CXType_Unexposed || actual.kind == CXType_Unexposed)
		return;
	char *name = fl_cxstring(clang_getTypeSpelling(pattern));
	struct fl_cxx_parameter_search search = { .name = name, .kind = CXCursor_TemplateTypeParameter, .index = -1 };
	clang_visitChildren(function_template, fl_cxx_find_parameter, &search);
	free(name);
	if (search.found && search.index < FL_CXX_MAX_BOUND && bound[search.index].kind == CXType_Invalid)
		bound[search.index] = actual;
}

/* A function template's parameters: its template parameters, counted,
 * and its function parameters, each deduced from the target's. */
struct fl_cxx_template_parameters {
	CXCursor function_template;
	CXType target;  /* the function type the instance has */
	CXType *bound;
	unsigned param; /* the function parameters seen */
	int count;      /* the template parameters seen */
};

static enum CXChildVisitResult fl_cxx_visit_template_parameter(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cxx_template_parameters *parameters = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind == CXCursor_TemplateTypeParameter || kind == CXCursor_NonTypeTemplateParameter ||
	    kind == CXCursor_TemplateTemplateParameter)
		parameters->count++;
	else if (kind == CXCursor_ParmDecl && (int)parameters->param < clang_getNumArgTypes(parameters->target))
		fl_cxx_deduce(parameters->function_template, clang_getCursorType(cursor),
			      clang_getArgType(parameters->target, parameters->param++), parameters->bound);
	return CXChildVisit_Continue;
}

/* The name of the instance of function template `pattern` whose function
 * type is `target`: the pattern's name with the instance's arguments after
 * the function's own name (before an overload's parameters):
 * `Locked<SpinLock>`, `Alloc<Record>(POOL_TYPE)`.  libclang lists the
 * arguments of a free function's instance `specialization` only: any other
 * instance's (a member function's, one without a cursor) are deduced from
 * its parameters' types into `bound`.  NULL when an argument is not known
 * (a non-type one deduced). */
static char *fl_cxx_function_instance_name(struct fl_walk *walk, CXCursor pattern, CXCursor specialization,
					   CXType target, CXType bound[FL_CXX_MAX_BOUND])
{
	bool listed = clang_getCursorKind(specialization) == CXCursor_FunctionDecl;
	struct fl_cxx_template_parameters parameters = {
		.function_template = pattern, .target = clang_getCanonicalType(target), .bound = bound,
	};
	if (listed)
		parameters.count = clang_Cursor_getNumTemplateArguments(specialization);
	else
		clang_visitChildren(pattern, fl_cxx_visit_template_parameter, &parameters);
	if (parameters.count <= 0 || (!listed && parameters.count > FL_CXX_MAX_BOUND))
		return NULL;
	char *arguments = fl_xstrdup("");
	for (int i = 0; i < parameters.count && arguments; i++) {
		char *argument = listed ? fl_cxx_listed_argument(walk, specialization, (unsigned)i)
			: bound[i].kind == CXType_Invalid ? NULL
							  : fl_cxx_type_spelling(walk, bound[i]);
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

/* The instance of function template `pattern` of function type `target`,
 * named and queued to be walked from `member`: clang's instance
 * `specialization`, or (a null cursor) the pattern itself with the types
 * deduced; NULL when an argument is not known. */
static char *fl_cxx_queue_function_instance(struct fl_walk *walk, CXCursor member, CXCursor pattern,
					    CXCursor specialization, CXType target)
{
	struct fl_cxx_instance instance = { .member = member, .pattern = pattern, .type = { .kind = CXType_Invalid } };
	char *name = fl_cxx_function_instance_name(walk, pattern, specialization, target, instance.bound);
	if (name) {
		instance.name = name;
		fl_cxx_queue_instance(walk, instance);
	}
	return name;
}

char *fl_cxx_function_instance(struct fl_walk *walk, CXCursor specialization, CXCursor pattern)
{
	if (!fl_cxx_function_template_per_instance(walk, pattern))
		return NULL;
	CXCursor definition = clang_getCursorDefinition(specialization);
	return clang_Cursor_isNull(definition)
		? NULL
		: fl_cxx_queue_function_instance(walk, definition, pattern, specialization,
						 clang_getCursorType(specialization));
}

/* The instance of `function_template` of function type `target` (`void
 * (Config *)`: a default argument the class's instance gives a type),
 * walked from its pattern with its parameters deduced from its parameters'
 * types; NULL when one is left unknown. */
static char *fl_cxx_deduced_function_instance(struct fl_walk *walk, CXCursor function_template, CXType target)
{
	CXCursor definition = clang_getCursorDefinition(function_template);
	if (clang_Cursor_isNull(definition) || clang_getCanonicalType(target).kind != CXType_FunctionProto)
		return NULL;
	return fl_cxx_queue_function_instance(walk, definition, definition, clang_getNullCursor(), target);
}

CXType fl_cxx_instance_type(struct fl_walk *walk, CXType type)
{
	if (!walk->instance || type.kind == CXType_Invalid) /* libclang fails on an invalid type */
		return type;
	CXType unqualified = clang_getUnqualifiedType(type);
	if (unqualified.kind != CXType_Unexposed)
		return type;
	char *name = fl_cxstring(clang_getTypeSpelling(unqualified));
	struct fl_cxx_parameter_search search = { .name = name, .kind = CXCursor_TemplateTypeParameter };
	bool found = fl_cxx_parameter_position(walk->instance->member, walk->instance->pattern, &search);
	free(name);
	CXType argument = { .kind = CXType_Invalid };
	if (found && walk->instance->type.kind == CXType_Invalid && search.index < FL_CXX_MAX_BOUND)
		argument = walk->instance->bound[search.index];
	else if (found)
		argument = clang_Cursor_getTemplateArgumentType(
			clang_getTypeDeclaration(clang_getCanonicalType(walk->instance->type)), (unsigned)search.index);
	return argument.kind == CXType_Invalid ? type : argument;
}

char *fl_cxx_pattern_instance_name(struct fl_walk *walk, CXCursor decl)
{
	if (!walk->instance || clang_getCursorKind(walk->instance->member) != CXCursor_FunctionTemplate ||
	    clang_getCursorKind(decl) != CXCursor_FunctionTemplate || !fl_cxx_same_entity(decl, walk->instance->pattern))
		return NULL;
	return fl_xstrdup(walk->instance->name);
}

/* ---- calls through a non-type template parameter ---- */
/* Argument `position` as the instance's canonical type spells it
 * (`&FltUnregisterFilter` of `Holder<_FLT_FILTER, long (_FLT_FILTER *),
 * &FltUnregisterFilter>`), or NULL when the spelling leaves it out: clang
 * prints no argument that equals its parameter's default. */
static char *fl_cxx_argument_spelling(CXType instance, int position)
{
	char *type = fl_cxstring(clang_getTypeSpelling(clang_getCanonicalType(instance)));
	size_t length = strlen(type);
	char *result = NULL;
	if (length == 0 || type[length - 1] != '>') {
		free(type);
		return NULL;
	}
	/* The argument list is the last `<...>`: find its `<`. */
	size_t open = length - 1;
	for (int depth = 0; open-- > 0;) {
		if (type[open] == '>')
			depth++;
		else if (type[open] == '<' && depth-- == 0)
			break;
	}
	if (open == (size_t)-1) {
		free(type);
		return NULL;
	}
	int index = 0, depth = 0;
	size_t start = open + 1;
	for (size_t i = open + 1; i < length && !result; i++) {
		char c = type[i];
		if (c == '<' || c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == '>' || c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
		else if ((c == ',' && depth == 0) || i == length - 1) {
			if (index++ == position) {
				while (type[start] == ' ')
					start++;
				result = fl_xasprintf("%.*s", (int)(i - start), type + start);
			}
			start = i + 1;
		}
	}
	free(type);
	return result;
}

struct fl_cxx_function_search {
	const char *name; /* qualified */
	const char *last; /* its last component */
	CXCursor found;
	bool ambiguous;
};

static enum CXChildVisitResult fl_cxx_find_function(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_cxx_function_search *search = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind == CXCursor_Namespace || kind == CXCursor_LinkageSpec)
		return CXChildVisit_Recurse;
	if (kind != CXCursor_FunctionDecl)
		return CXChildVisit_Continue;
	char *spelling = fl_cxstring(clang_getCursorSpelling(cursor));
	bool candidate = strcmp(spelling, search->last) == 0;
	free(spelling);
	if (!candidate)
		return CXChildVisit_Continue;
	char *name = fl_cxx_qualified_name(cursor);
	bool match = strcmp(name, search->name) == 0;
	free(name);
	if (!match)
		return CXChildVisit_Continue;
	CXCursor canonical = clang_getCanonicalCursor(cursor);
	if (clang_Cursor_isNull(search->found)) {
		search->found = canonical;
	} else if (!clang_equalCursors(search->found, canonical)) {
		search->ambiguous = true; /* overloaded: which one the argument names is not spelled */
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* The name `&ns::f` or `f` spells (not a template's instance), or NULL. */
static const char *fl_cxx_spelled_function(const char *spelled)
{
	const char *name = spelled[0] == '&' ? spelled + 1 : spelled;
	return name[0] == '\0' || strpbrk(name, "<>()[] *") ? NULL : name;
}

/* The function of qualified name `name` the unit declares, when it declares
 * exactly one (a null cursor for none, an overloaded name, or one from the
 * precompiled WDK prelude, which libclang does not visit). */
static CXCursor fl_cxx_function_named(struct fl_walk *walk, const char *name)
{
	const char *last = name;
	for (const char *colon = strstr(name, "::"); colon; colon = strstr(colon + 2, "::"))
		last = colon + 2;
	struct fl_cxx_function_search search = { .name = name, .last = last, .found = clang_getNullCursor() };
	clang_visitChildren(clang_getTranslationUnitCursor(walk->tu), fl_cxx_find_function, &search);
	return search.ambiguous ? clang_getNullCursor() : search.found;
}

static enum CXChildVisitResult fl_cxx_find_reference(CXCursor cursor, CXCursor parent, CXClientData data)
{
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind != CXCursor_DeclRefExpr)
		return CXChildVisit_Recurse;
	*(CXCursor *)data = clang_getCursorReferenced(cursor);
	return CXChildVisit_Break;
}

/* What the default argument of non-type template parameter `parameter`
 * names (`DeleterType *Deleter = DefaultDelete`): a function, a function
 * template (the one of its name), or a null cursor. */
static CXCursor fl_cxx_default_argument(CXCursor parameter)
{
	CXCursor referenced = clang_getNullCursor();
	clang_visitChildren(parameter, fl_cxx_find_reference, &referenced);
	if (clang_getCursorKind(referenced) == CXCursor_OverloadedDeclRef)
		referenced = clang_getNumOverloadedDecls(referenced) == 1 ? clang_getOverloadedDecl(referenced, 0)
									 : clang_getNullCursor();
	enum CXCursorKind kind = clang_getCursorKind(referenced);
	return kind == CXCursor_FunctionDecl || kind == CXCursor_FunctionTemplate ? referenced : clang_getNullCursor();
}

bool fl_cxx_argument_callee(struct fl_walk *walk, CXCursor parameter, struct fl_call *record)
{
	/* A class template's instance: a function template's instance clang
	 * instantiated names the argument itself. */
	if (!walk->instance || walk->instance->type.kind == CXType_Invalid)
		return false;
	char *name = fl_cxstring(clang_getCursorSpelling(parameter));
	struct fl_cxx_parameter_search search = { .name = name, .kind = CXCursor_NonTypeTemplateParameter };
	struct fl_cxx_parameter_search in_class = { .name = name, .kind = CXCursor_NonTypeTemplateParameter };
	bool found = fl_cxx_parameter_position(walk->instance->member, walk->instance->pattern, &search);
	CXCursor record_decl = clang_getTypeDeclaration(clang_getCanonicalType(walk->instance->type));
	CXCursor function = clang_getNullCursor();
	const char *function_name = NULL;
	char *spelled = NULL;
	/* libclang tells an argument naming a declaration from the others and
	 * counts the defaults, but gives no way to the declaration: the
	 * instance's spelling names it, or the parameter's default does. */
	if (found && clang_Cursor_getTemplateArgumentKind(record_decl, (unsigned)search.index) ==
			     CXTemplateArgumentKind_Declaration) {
		spelled = fl_cxx_argument_spelling(walk->instance->type, search.index);
		function_name = spelled ? fl_cxx_spelled_function(spelled) : NULL;
		if (function_name)
			function = fl_cxx_function_named(walk, function_name);
		else if (!spelled && fl_cxx_parameter_position(walk->instance->pattern, walk->instance->pattern, &in_class))
			function = fl_cxx_default_argument(in_class.cursor); /* the default, on the class's parameter */
	}
	bool named = true;
	char *instance_name = NULL;
	if (clang_getCursorKind(function) == CXCursor_FunctionTemplate) {
		/* `= DefaultDelete`: the instance of the type the parameter has here. */
		CXType target = fl_cxx_instance_type(walk, clang_getPointeeType(clang_getCursorType(in_class.cursor)));
		instance_name = fl_cxx_deduced_function_instance(walk, function, target);
		named = instance_name != NULL;
		if (named) {
			record->callee = fl_facts_string(walk->facts, instance_name);
			record->callee_key = fl_cxx_internal(function)
				? fl_facts_take_string(walk->facts, fl_xasprintf("%s::%s", walk->path, instance_name))
				: record->callee;
		}
	} else if (!clang_Cursor_isNull(function)) {
		fl_call_names_callee(walk, record, function);
	} else if (function_name) { /* a kernel routine of the prelude: by its plain name, as a call names it */
		record->callee = record->callee_key = fl_facts_string(walk->facts, function_name);
	} else {
		named = false;
	}
	free(instance_name);
	free(spelled);
	free(name);
	return named;
}

/* ---- members of holders ---- */

/* A member of a class: `Owned<_FLT_FILTER, void (_FLT_FILTER *), &Release>::value_`. */
static char *fl_cxx_member_key(CXType class_type, CXCursor field)
{
	char *type = fl_cxstring(clang_getTypeSpelling(clang_getCanonicalType(class_type)));
	char *name = fl_cxstring(clang_getCursorSpelling(field));
	char *key = fl_xasprintf("%s::%s", type, name);
	free(type);
	free(name);
	return key;
}

/* The field `member` (a MemberRefExpr) names when it is a member of the
 * object itself (`m_data`, `this->m_data`) of a class `owner`. */
static CXCursor fl_cxx_own_field(CXCursor member, CXCursor owner)
{
	CXCursor field = clang_getCursorReferenced(member);
	CXCursor base[1];
	unsigned count = fl_children(member, base, 1);
	if (clang_getCursorKind(field) != CXCursor_FieldDecl ||
	    !fl_cxx_same_entity(clang_getCursorSemanticParent(field), owner) ||
	    (count == 1 && clang_getCursorKind(fl_strip(base[0])) != CXCursor_CXXThisExpr))
		return clang_getNullCursor();
	return field;
}

char *fl_cxx_this_member_key(struct fl_walk *walk, CXCursor member)
{
	if (!walk->instance || walk->instance->type.kind == CXType_Invalid)
		return NULL;
	CXCursor field = fl_cxx_own_field(member, walk->instance->pattern);
	return clang_Cursor_isNull(field) ? NULL : fl_cxx_member_key(walk->instance->type, field);
}

static enum CXChildVisitResult fl_cxx_find_body(CXCursor cursor, CXCursor parent, CXClientData data)
{
	if (clang_getCursorKind(cursor) != CXCursor_CompoundStmt)
		return CXChildVisit_Continue;
	*(CXCursor *)data = cursor;
	return CXChildVisit_Break;
}

char *fl_cxx_accessor_member_key(CXCursor call)
{
	CXCursor method = clang_getCursorReferenced(call);
	if (clang_getCursorKind(method) != CXCursor_CXXMethod ||
	    clang_getCursorResultType(method).kind != CXType_LValueReference)
		return NULL;
	CXCursor owner = clang_getCursorSemanticParent(method);
	CXCursor pattern = clang_getSpecializedCursorTemplate(method);
	CXCursor definition = clang_getCursorDefinition(clang_Cursor_isNull(pattern) ? method : pattern);
	CXCursor owner_pattern = clang_getSpecializedCursorTemplate(owner);
	/* Its body is `{ return member; }`. */
	CXCursor body = clang_getNullCursor(), statements[2], returned[2];
	if (!clang_Cursor_isNull(definition))
		clang_visitChildren(definition, fl_cxx_find_body, &body);
	if (clang_Cursor_isNull(body) || fl_children(body, statements, 2) != 1 ||
	    clang_getCursorKind(statements[0]) != CXCursor_ReturnStmt || fl_children(statements[0], returned, 2) != 1 ||
	    clang_getCursorKind(fl_strip(returned[0])) != CXCursor_MemberRefExpr)
		return NULL;
	CXCursor field = fl_cxx_own_field(fl_strip(returned[0]), clang_Cursor_isNull(owner_pattern) ? owner : owner_pattern);
	return clang_Cursor_isNull(field) ? NULL : fl_cxx_member_key(clang_getCursorType(owner), field);
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
