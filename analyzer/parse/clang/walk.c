/* The one walk of a translation unit: libclang's AST and tokens -> facts.
 *
 * Three sources feed it, because libclang 14 exposes each fact in only one:
 * - the AST: function definitions, calls and their arguments (resolved to
 *   constants with clang_Cursor_Evaluate), initialized registration arrays,
 *   return values, SAL IRQL annotations (as `annotate` attributes);
 * - the preprocessing record: PAGED_CODE()/PAGED_CODE_LOCKED() expansions,
 *   which are empty macros in the real WDK and leave nothing in the AST;
 * - the main file's raw tokens: `#pragma alloc_text` (ignored by clang) and
 *   `#pragma code_seg` / `__declspec(code_seg)` (applied, but not exposed),
 *   with tokens in inactive `#if` regions dropped.
 *
 * This file is the entry point (fl_walk_unit: clang's errors, then the top
 * level, then placement) and the walk of each function definition (fl_function:
 * name, key, locations, parameters), which hands each body cursor to the
 * parts: walk_calls.c (calls, returns, locals), walk_stores.c (field stores,
 * initializers), walk_flow.c and walk_flow_expr.c (the flow summary),
 * walk_decls.c (declarations, sections, pragmas, PAGED_CODE, IRQL),
 * walk_routines.c (calls through MmGetSystemRoutineAddress pointers), all on
 * the helpers of walk_cursors.c.
 */
#include "walk.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse/parse_setup.h"
#include "util.h"
#include "walk_internal.h"

/* System headers (the WDK, the precompiled prelude) hold nothing the rules
 * check in this unit; the project's own headers do. */
static bool fl_in_project(CXCursor cursor)
{
	return !clang_Location_isInSystemHeader(clang_getCursorLocation(cursor));
}

/* The first pass over a body, every node in source order (the flow
 * summary's pass, later, needs the calls this one records). */
static enum CXChildVisitResult fl_visit_body(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_body *body = data;
	switch (clang_getCursorKind(cursor)) {
	case CXCursor_CallExpr:
		if (!fl_cxx_ignored_call(body->walk, cursor)) {
			fl_body_call(body, cursor, parent);
			fl_routine_note_call(body, cursor, body->function->call_count - 1);
		}
		break;
	case CXCursor_LambdaExpr:
		/* Its body is a function of its own (walk_cxx.c). */
		fl_cxx_note_lambda(body->walk, cursor);
		return CXChildVisit_Continue;
	case CXCursor_CXXNewExpr:
		fl_cxx_new(body, cursor);
		break;
	case CXCursor_CXXDeleteExpr:
		fl_cxx_delete(body, cursor);
		break;
	case CXCursor_ReturnStmt:
		fl_body_return(body, cursor);
		break;
	case CXCursor_VarDecl: {
		CXCursor children[8];
		unsigned count = fl_children(cursor, children, 8);
		if (count && clang_isExpression(clang_getCursorKind(children[count - 1])))
			fl_local_store(body, cursor, children[count - 1]);
		fl_walk_initializer(body->walk, cursor, body->function->key);
		fl_routine_note_variable(body->walk, cursor);
		break;
	}
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		fl_body_assignment(body, cursor);
		fl_routine_note_assignment(body->walk, cursor);
		break;
	case CXCursor_UnaryOperator:
		fl_body_unary(body, cursor);
		fl_routine_note_address(body->walk, cursor);
		break;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult fl_find_body(CXCursor cursor, CXCursor parent, CXClientData data)
{
	if (clang_getCursorKind(cursor) == CXCursor_CompoundStmt) {
		*(CXCursor *)data = cursor;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* The body's first statement that is not a declaration. */
static enum CXChildVisitResult fl_find_first_statement(CXCursor cursor, CXCursor parent, CXClientData data)
{
	if (clang_getCursorKind(cursor) == CXCursor_DeclStmt)
		return CXChildVisit_Continue;
	*(CXCursor *)data = cursor;
	return CXChildVisit_Break;
}

static void fl_walk_function(struct fl_walk *walk, CXCursor decl)
{
	CXCursor body_cursor = clang_getNullCursor();
	clang_visitChildren(decl, fl_find_body, &body_cursor);
	if (clang_Cursor_isNull(body_cursor))
		return;

	struct fl_tu_facts *facts = walk->facts;
	FL_GROW(facts->functions, walk->function_capacity, facts->function_count + 1);
	struct fl_function *function = &facts->functions[facts->function_count++];
	memset(function, 0, sizeof(*function));
	function->name = fl_facts_take_string(facts, fl_function_name(walk, decl));
	function->key = fl_facts_take_string(facts, fl_function_key(walk, decl));
	function->is_static = fl_cxx_internal(decl);
	function->member = fl_cxx_member_kind(decl);
	function->is_forceinline = fl_is_forceinline(walk, decl);
	function->loc = fl_make_loc(walk, clang_getCursorLocation(decl));
	if (clang_getCursorKind(decl) != CXCursor_FunctionTemplate &&
	    !fl_cxx_is_lambda_class(clang_getCursorSemanticParent(decl)))
		function->start = fl_make_loc(walk, clang_getRangeStart(clang_getCursorExtent(decl)));
	CXSourceRange body_extent = clang_getCursorExtent(body_cursor);
	function->body_loc = fl_make_loc(walk, clang_getRangeStart(body_extent));
	function->end_loc = fl_make_loc(walk, clang_getRangeEnd(body_extent));
	if (function->end_loc.column > 1)
		function->end_loc.column--; /* the range ends past the brace */
	CXCursor first = clang_getNullCursor();
	clang_visitChildren(body_cursor, fl_find_first_statement, &first);
	if (!clang_Cursor_isNull(first))
		function->first_statement = fl_make_loc(walk, clang_getRangeStart(clang_getCursorExtent(first)));
	function->irql = (struct fl_irql_annotation){ -1, -1, -1, -1 };
	const char *spelling = fl_unit_string(walk, clang_getCursorSpelling(decl));
	fl_typedef_annotations(walk, spelling, &function->irql);
	clang_visitChildren(decl, fl_visit_annotation, &function->irql);

	int param_count = clang_Cursor_getNumArguments(decl);
	if (param_count > 0) {
		function->params = fl_xcalloc((size_t)param_count, sizeof(char *));
		function->param_count = (size_t)param_count;
		for (int i = 0; i < param_count; i++) {
			CXCursor param = clang_Cursor_getArgument(decl, (unsigned)i);
			function->params[i] = fl_unit_string(walk, clang_getCursorSpelling(param));
		}
	}

	struct fl_body body = { .walk = walk, .function = function, .decl = decl };
	clang_visitChildren(body_cursor, fl_visit_body, &body);
	fl_body_resolve_locals(&body);
	fl_flow_build(&body, body_cursor);
	free(body.call_cursors);
	free(body.return_locals);
	free(body.locals);
	free(body.pending);
}

/* The lambdas met in the function just walked, each a function of its own. */
static void fl_walk_lambdas(struct fl_walk *walk)
{
	while (walk->lambda_count)
		fl_walk_function(walk, walk->lambdas[--walk->lambda_count]);
}

/* Instances named so far, each walked from its pattern with the
 * instance's arguments, or as clang instantiated it (walk_cxx_templates.c). */
static void fl_walk_instances(struct fl_walk *walk)
{
	while (walk->instance_walked < walk->instance_count) {
		struct fl_cxx_instance instance = walk->instances[walk->instance_walked++];
		walk->instance = &instance;
		fl_walk_function(walk, instance.member);
		fl_walk_lambdas(walk);
		walk->instance = NULL;
	}
}

/* Function templates walked per instance that the unit never
 * instantiates: walked as written, once the whole unit is. */
static void fl_walk_uninstantiated(struct fl_walk *walk)
{
	for (size_t i = 0; i < walk->deferred_template_count; i++) {
		if (fl_cxx_has_function_instance(walk, walk->deferred_templates[i]))
			continue;
		fl_walk_function(walk, walk->deferred_templates[i]);
		fl_walk_lambdas(walk);
		fl_walk_instances(walk);
	}
}

/* ---- the top level ---- */

static enum CXChildVisitResult fl_visit_top(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct fl_walk *walk = data;
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	if (kind == CXCursor_InclusionDirective)
		fl_note_include(walk, cursor);
	if (kind == CXCursor_MacroDefinition || kind == CXCursor_InclusionDirective)
		return CXChildVisit_Continue;
	if (!fl_in_project(cursor) || fl_cxx_is_instantiation(cursor))
		return CXChildVisit_Continue;
	if (kind == CXCursor_MacroExpansion) {
		FL_GROW(walk->expansions, walk->expansion_capacity, walk->expansion_count + 1);
		struct fl_expansion *expansion = &walk->expansions[walk->expansion_count++];
		expansion->cursor = cursor;
		expansion->offset = fl_offset(clang_getCursorLocation(cursor), &expansion->file);
		expansion->name = fl_cxstring(clang_getCursorSpelling(cursor));
		return CXChildVisit_Continue;
	}
	/* C++ sources: `extern "C" { ... }`, namespaces and classes hold
	 * functions too; a template's body is walked as written (its pattern). */
	if (kind == CXCursor_LinkageSpec || kind == CXCursor_Namespace || kind == CXCursor_StructDecl ||
	    kind == CXCursor_ClassDecl || kind == CXCursor_UnionDecl || kind == CXCursor_ClassTemplate)
		return CXChildVisit_Recurse;
	if (fl_is_function(cursor) || kind == CXCursor_FunctionTemplate) {
		bool definition = clang_isCursorDefinition(cursor);
		if (clang_Location_isFromMainFile(clang_getCursorLocation(cursor))) {
			fl_note_declaration(walk, cursor, definition);
			FL_GROW(walk->decls, walk->decl_capacity, walk->decl_count + 1);
			walk->decls[walk->decl_count++] = cursor;
		} else {
			FL_GROW(walk->header_decls, walk->header_decl_capacity, walk->header_decl_count + 1);
			walk->header_decls[walk->header_decl_count++] = cursor;
		}
		if (definition && !fl_cxx_defer_function_template(walk, cursor))
			fl_walk_function(walk, cursor);
		fl_walk_lambdas(walk);
		fl_walk_instances(walk);
	} else if (kind == CXCursor_VarDecl) {
		fl_walk_initializer(walk, cursor, NULL);
		fl_routine_note_variable(walk, cursor);
	}
	return CXChildVisit_Continue;
}

/* Is `loc` on the line of a `#pragma alloc_text` of the unit?  clang 17
 * and later apply the pragma and reject one that names an undeclared or
 * C++-linkage function; MSVC rejects those too (C2157, C2178), and the
 * alloc-text-* rules report them with their reason, so they do not count
 * as errors of the parse. */
static bool fl_on_alloc_text_line(const struct fl_tu_facts *facts, const struct fl_loc *loc)
{
	for (size_t i = 0; i < facts->alloc_text_count; i++) {
		const struct fl_loc *pragma = &facts->alloc_texts[i].loc;
		if (pragma->line == loc->line && strcmp(pragma->file, loc->file) == 0)
			return true;
	}
	return false;
}

/* clang's errors, so that a unit that did not parse cleanly is reported as
 * such (and not cached), with the first few messages.  Runs after the
 * pragmas are read. */
static void fl_collect_diagnostics(struct fl_walk *walk)
{
	struct fl_tu_facts *facts = walk->facts;
	unsigned count = clang_getNumDiagnostics(walk->tu);
	for (unsigned i = 0; i < count; i++) {
		CXDiagnostic diagnostic = clang_getDiagnostic(walk->tu, i);
		enum CXDiagnosticSeverity severity = clang_getDiagnosticSeverity(diagnostic);
		CXFile file;
		unsigned line, column;
		clang_getSpellingLocation(clang_getDiagnosticLocation(diagnostic), &file, &line, &column, NULL);
		struct fl_loc loc = { .file = fl_file_name(walk, file), .line = line, .column = column };
		if (severity >= CXDiagnostic_Error && !fl_on_alloc_text_line(facts, &loc)) {
			facts->error_count++;
			/* The first errors say enough; a broken header can add thousands. */
			if (facts->diagnostic_count < 20) {
				FL_GROW(facts->diagnostics, walk->diagnostic_capacity, facts->diagnostic_count + 1);
				struct fl_diagnostic *record = &facts->diagnostics[facts->diagnostic_count++];
				record->loc = loc;
				record->is_error = true;
				record->message = fl_unit_string(walk, clang_getDiagnosticSpelling(diagnostic));
			}
		}
		clang_disposeDiagnostic(diagnostic);
	}
}

struct fl_tu_facts *fl_walk_unit(CXTranslationUnit unit, const char *clang_path, const char *path)
{
	struct fl_walk walk = { .tu = unit, .path = path };
	walk.facts = fl_xcalloc(1, sizeof(*walk.facts));
	walk.facts->path = fl_facts_take_string(walk.facts, fl_utf8_repair(path, strlen(path)));
	walk.main_file = clang_getFile(unit, clang_path);
	char *cwd = getcwd(NULL, 0);
	walk.cwd = fl_xasprintf("%s/", cwd ? cwd : "");
	free(cwd);

	walk.cxx = fl_language_of(path) == FL_LANGUAGE_CXX;
	if (walk.main_file) {
		fl_cxx_index(&walk);
		size_t size = 0;
		const char *contents = clang_getFileContents(unit, walk.main_file, &size);
		if (contents)
			walk.facts->source_hash = fl_facts_take_string(
				walk.facts, fl_xasprintf("%016llx", (unsigned long long)fl_fnv1a_add(FL_FNV1A_BASIS, contents, size)));
		fl_collect_skipped(&walk);
		clang_visitChildren(clang_getTranslationUnitCursor(unit), fl_visit_top, &walk);
		fl_walk_uninstantiated(&walk);
		fl_collect_pragmas(&walk);
		fl_note_header_declarations(&walk);
		fl_place_header_declared(&walk);
		fl_place_functions(&walk);
		fl_assign_paged_code(&walk);
		fl_routines_resolve(&walk);
	}
	fl_collect_diagnostics(&walk);

	for (size_t i = 0; i < walk.expansion_count; i++)
		free(walk.expansions[i].name);
	free(walk.expansions);
	for (size_t i = 0; i < walk.seg_count; i++)
		free(walk.segs[i].section);
	free(walk.segs);
	free(walk.skipped);
	free(walk.decls);
	free(walk.header_decls);
	free(walk.include_ends);
	fl_cxx_free(&walk);
	fl_cxx_instances_free(&walk);
	fl_routines_free(&walk);
	free(walk.cwd);
	return walk.facts;
}
