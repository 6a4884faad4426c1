/* The walk's helpers on cursors, tokens and locations, and the one way an
 * expression becomes a fact's value (fl_make_value: an integer constant, a
 * function, a variable, a string literal, with its source text).  Produces
 * no facts itself; every other part of the walk calls these.
 *
 * Locations are file locations: a token from a macro's body stands where the
 * macro is invoked, which is the line a finding about it must name. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk_internal.h"

char *fl_cxstring(CXString string)
{
	const char *text = clang_getCString(string);
	char *copy = text ? fl_utf8_repair(text, strlen(text)) : fl_xstrdup("");
	clang_disposeString(string);
	return copy;
}

/* A string libclang hands back, as the unit's own. */
const char *fl_unit_string(struct fl_walk *walk, CXString string)
{
	return fl_facts_take_string(walk->facts, fl_cxstring(string));
}

const char *fl_file_name(struct fl_walk *walk, CXFile file)
{
	if (!file)
		return fl_facts_string(walk->facts, "<unknown>");
	if (clang_File_isEqual(file, walk->main_file))
		return walk->facts->path;
	char *name = fl_cxstring(clang_getFileName(file));
	if (fl_str_starts_with(name, walk->cwd)) {
		char *relative = fl_xstrdup(name + strlen(walk->cwd));
		free(name);
		name = relative;
	}
	return fl_facts_take_string(walk->facts, name);
}

/* Where `location` lands in a file: a token from a macro's body lands where
 * the macro is invoked, a token written as a macro's argument where it is
 * written (`NT_SUCCESS(ZwOpenKey(...))` puts the call on its own line). */
void fl_expansion_point(CXSourceLocation location, CXFile *file, unsigned *line,
			       unsigned *column, unsigned *offset)
{
	clang_getFileLocation(location, file, line, column, offset);
}

struct fl_loc fl_make_loc(struct fl_walk *walk, CXSourceLocation location)
{
	CXFile file;
	unsigned line, column, offset;
	fl_expansion_point(location, &file, &line, &column, &offset);
	return (struct fl_loc){ .file = fl_file_name(walk, file), .line = line, .column = column };
}

unsigned fl_offset(CXSourceLocation location, CXFile *file)
{
	unsigned offset;
	fl_expansion_point(location, file, NULL, NULL, &offset);
	return offset;
}

/* The source text of `range`, white space folded, at most 200 bytes. */
static char *fl_range_text(struct fl_walk *walk, CXSourceRange range)
{
	CXFile begin_file, end_file;
	unsigned begin = fl_offset(clang_getRangeStart(range), &begin_file);
	unsigned end = fl_offset(clang_getRangeEnd(range), &end_file);
	size_t size = 0;
	const char *contents = begin_file && clang_File_isEqual(begin_file, end_file)
		? clang_getFileContents(walk->tu, begin_file, &size) : NULL;
	if (!contents || end < begin || end > size)
		return fl_xstrdup("");
	if (end - begin > 200)
		end = begin + 200;
	char *folded = fl_xmalloc(end - begin + 1);
	size_t used = 0;
	bool space = false;
	for (unsigned i = begin; i < end; i++) {
		char c = contents[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\\') {
			space = used > 0;
			continue;
		}
		if (space)
			folded[used++] = ' ';
		space = false;
		folded[used++] = c;
	}
	char *text = fl_utf8_repair(folded, used);
	free(folded);
	return text;
}

struct fl_extent fl_range_extent(CXSourceRange range)
{
	CXFile begin_file, end_file;
	struct fl_extent span;
	fl_expansion_point(clang_getRangeStart(range), &begin_file, &span.line, &span.column, NULL);
	fl_expansion_point(clang_getRangeEnd(range), &end_file, &span.end_line, &span.end_column, NULL);
	bool ordered = span.end_line > span.line || (span.end_line == span.line && span.end_column > span.column);
	if (!begin_file || !clang_File_isEqual(begin_file, end_file) || !ordered)
		return (struct fl_extent){ 0 };
	return span;
}

static enum CXChildVisitResult fl_collect_children(CXCursor cursor, CXCursor parent, CXClientData data)
{
	struct { CXCursor items[8]; unsigned count; } *children = data;
	if (children->count < 8)
		children->items[children->count] = cursor;
	children->count++;
	return CXChildVisit_Continue;
}

/* The first children of `cursor` (up to `max`, at most 8) and how many it
 * has: callers check the count to recognize a shape (`a = b` has two). */
unsigned fl_children(CXCursor cursor, CXCursor *items, unsigned max)
{
	struct { CXCursor items[8]; unsigned count; } children = { .count = 0 };
	clang_visitChildren(cursor, fl_collect_children, &children);
	for (unsigned i = 0; i < children.count && i < max && i < 8; i++)
		items[i] = children.items[i];
	return children.count;
}

/* Parentheses, implicit conversions and casts add nothing to a value. */
CXCursor fl_strip(CXCursor cursor)
{
	for (;;) {
		enum CXCursorKind kind = clang_getCursorKind(cursor);
		if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr &&
		    kind != CXCursor_CStyleCastExpr)
			return cursor;
		CXCursor children[8];
		unsigned count = fl_children(cursor, children, 8);
		if (count == 0 || count > 8)
			return cursor;
		CXCursor last = children[count - 1];
		/* A cast's first child is the type it names. */
		if (!clang_isExpression(clang_getCursorKind(last)))
			return cursor;
		if (kind == CXCursor_UnexposedExpr && count != 1)
			return cursor;
		cursor = last;
	}
}

bool fl_is_integer_type(CXType type)
{
	type = clang_getCanonicalType(type);
	return (type.kind >= CXType_Bool && type.kind <= CXType_Int128) || type.kind == CXType_Enum;
}

/* Evaluates an integer constant expression (macros, enumerators, const
 * variables, sizeof, `|`).  Only integer-typed expressions are handed to
 * clang_Cursor_Evaluate, which is not safe on every node. */
bool fl_eval_int(CXCursor cursor, long long *out)
{
	if (!clang_isExpression(clang_getCursorKind(cursor)) ||
	    !fl_is_integer_type(clang_getCursorType(cursor)))
		return false;
	CXEvalResult result = clang_Cursor_Evaluate(cursor);
	if (!result)
		return false;
	bool ok = clang_EvalResult_getKind(result) == CXEval_Int;
	if (ok)
		*out = clang_EvalResult_isUnsignedInt(result)
			? (long long)clang_EvalResult_getAsUnsigned(result)
			: clang_EvalResult_getAsLongLong(result);
	clang_EvalResult_dispose(result);
	return ok;
}

/* An integer constant, or C++'s `nullptr` (0): clang_Cursor_Evaluate
 * does not evaluate the latter, which is not of integer type. */
bool fl_eval_constant(CXCursor expression, long long *out)
{
	if (clang_getCursorKind(fl_strip(expression)) == CXCursor_CXXNullPtrLiteralExpr) {
		*out = 0;
		return true;
	}
	return fl_eval_int(expression, out);
}

/* The operator of a unary expression ("&", "!", "*", "++"...), or "". */
char *fl_unary_operator(CXCursor expression)
{
	enum CXUnaryOperatorKind kind = clang_getCursorUnaryOperatorKind(expression);
	if (kind == CXUnaryOperator_Invalid)
		return fl_xstrdup("");
	return fl_cxstring(clang_getUnaryOperatorKindSpelling(kind));
}

/* A function's link-time name (fl_function_name: qualified in C++): a
 * function of internal linkage is keyed by its file too, since two files
 * may each define their own static of one name. */
char *fl_function_key(struct fl_walk *walk, CXCursor decl)
{
	char *name = fl_function_name(walk, decl);
	if (!fl_cxx_internal(decl))
		return name;
	char *key = fl_xasprintf("%s::%s", walk->path, name);
	free(name);
	return key;
}

bool fl_is_function(CXCursor cursor)
{
	enum CXCursorKind kind = clang_getCursorKind(cursor);
	return kind == CXCursor_FunctionDecl || kind == CXCursor_CXXMethod || kind == CXCursor_Constructor ||
	       kind == CXCursor_Destructor || kind == CXCursor_ConversionFunction;
}

#define FL_KNOWN_BITS_DEPTH 16

/* The bits of integer expression `expression` known set (*set) and known
 * clear (*clear) whatever its unknown parts hold: through `|`, `&`, `^`, `~`
 * and `?:`, which is also what SetFlag, ClearFlag and FlagOn expand to.
 * `OBJ_KERNEL_HANDLE | (c ? OBJ_CASE_INSENSITIVE : 0)` has OBJ_KERNEL_HANDLE
 * set and every bit but OBJ_CASE_INSENSITIVE's and the flag's clear. */
static void fl_known_bits(CXCursor expression, unsigned depth, unsigned long long *set,
			  unsigned long long *clear)
{
	*set = *clear = 0;
	long long constant;
	if (fl_eval_int(expression, &constant)) {
		*set = (unsigned long long)constant;
		*clear = ~*set;
		return;
	}
	CXCursor inner = fl_strip(expression);
	if (depth >= FL_KNOWN_BITS_DEPTH || !fl_is_integer_type(clang_getCursorType(inner)))
		return;
	CXCursor children[3];
	unsigned count = fl_children(inner, children, 3);
	unsigned long long set0, clear0, set1, clear1;
	switch (clang_getCursorKind(inner)) {
	case CXCursor_BinaryOperator:
		if (count != 2)
			return;
		fl_known_bits(children[0], depth + 1, &set0, &clear0);
		fl_known_bits(children[1], depth + 1, &set1, &clear1);
		switch (clang_getCursorBinaryOperatorKind(inner)) {
		case CXBinaryOperator_Or:
			*set = set0 | set1;
			*clear = clear0 & clear1;
			break;
		case CXBinaryOperator_And:
			*set = set0 & set1;
			*clear = clear0 | clear1;
			break;
		case CXBinaryOperator_Xor:
			*set = (set0 & clear1) | (clear0 & set1);
			*clear = (set0 & set1) | (clear0 & clear1);
			break;
		default:
			break;
		}
		return;
	case CXCursor_UnaryOperator:
		if (count == 1 && clang_getCursorUnaryOperatorKind(inner) == CXUnaryOperator_Not) {
			fl_known_bits(children[0], depth + 1, clear, set);
		}
		return;
	case CXCursor_ConditionalOperator: /* either arm: what both have */
		if (count != 3)
			return;
		fl_known_bits(children[1], depth + 1, &set0, &clear0);
		fl_known_bits(children[2], depth + 1, &set1, &clear1);
		*set = set0 & set1;
		*clear = clear0 & clear1;
		return;
	default:
		return;
	}
}

/* Whether member access `member` starts at `this`: written `this->m_Port`,
 * or `m_Port` alone in a method (an implicit `this`, which libclang does not
 * show as a child). */
static bool fl_is_member_of_this(CXCursor member)
{
	CXCursor base[1];
	while (clang_getCursorKind(member) == CXCursor_MemberRefExpr) {
		if (fl_children(member, base, 1) != 1)
			return clang_getCursorKind(clang_getCursorReferenced(member)) == CXCursor_FieldDecl;
		member = fl_strip(base[0]);
	}
	return clang_getCursorKind(member) == CXCursor_CXXThisExpr;
}

/* Resolves an expression to a value; when it names a variable, *decl gets
 * the variable's declaration (else a null cursor). */
void fl_make_value(struct fl_walk *walk, CXCursor expression, struct fl_value *value,
			  CXCursor *decl)
{
	memset(value, 0, sizeof(*value));
	*decl = clang_getNullCursor();
	value->text = fl_facts_take_string(walk->facts, fl_range_text(walk, clang_getCursorExtent(expression)));
	value->extent = fl_range_extent(clang_getCursorExtent(expression));
	if (fl_eval_constant(expression, &value->integer)) {
		value->kind = FL_VALUE_INT;
		return;
	}
	CXCursor lambda = fl_cxx_lambda_target(expression);
	if (!clang_Cursor_isNull(lambda)) {
		value->kind = FL_VALUE_FUNCTION;
		value->name = fl_facts_take_string(walk->facts, fl_function_name(walk, lambda));
		value->key = fl_facts_take_string(walk->facts, fl_function_key(walk, lambda));
		return;
	}
	fl_known_bits(expression, 0, &value->known_set, &value->known_clear);
	CXCursor inner = fl_strip(expression);
	if (clang_getCursorKind(inner) == CXCursor_UnaryOperator) {
		char *op = fl_unary_operator(inner);
		bool address = strcmp(op, "&") == 0;
		free(op);
		CXCursor operand[1];
		if (!address || fl_children(inner, operand, 1) != 1)
			return;
		value->address_of = true;
		inner = fl_strip(operand[0]);
	}
	switch (clang_getCursorKind(inner)) {
	case CXCursor_DeclRefExpr: {
		CXCursor target = clang_getCursorReferenced(inner);
		if (fl_is_function(target)) {
			value->kind = FL_VALUE_FUNCTION;
			value->name = fl_facts_take_string(walk->facts, fl_function_name(walk, target));
			value->key = fl_facts_take_string(walk->facts, fl_function_key(walk, target));
		} else if (clang_getCursorKind(target) == CXCursor_VarDecl ||
			   clang_getCursorKind(target) == CXCursor_ParmDecl) {
			value->kind = FL_VALUE_VARIABLE;
			/* A local reference (`auto &f = g_ctx.filter;`) names what it binds. */
			enum CXTypeKind type = clang_getCursorType(target).kind;
			value->local = fl_is_local_variable(target) && type != CXType_LValueReference &&
				       type != CXType_RValueReference;
			value->name = fl_unit_string(walk, clang_getCursorSpelling(target));
			value->key = fl_facts_take_string(walk->facts, fl_cxx_variable_key(walk, target));
			*decl = target;
		}
		break;
	}
	case CXCursor_MemberRefExpr:
		value->of_this = fl_is_member_of_this(inner);
		if (value->of_this && walk->cxx)
			value->key = fl_facts_take_string(walk->facts, fl_cxx_this_member_key(walk, inner));
		break;
	case CXCursor_CallExpr:
		if (walk->cxx)
			value->key = fl_facts_take_string(walk->facts, fl_cxx_accessor_member_key(inner));
		break;
	case CXCursor_StringLiteral:
		value->kind = FL_VALUE_STRING;
		value->name = fl_unit_string(walk, clang_getCursorSpelling(inner));
		break;
	default:
		break;
	}
}

/* Where `tokens` are a call to function-like macro `macro`, the tokens of
 * its argument `index`: [*first, *last].  Arguments split at commas outside
 * inner parentheses, as the preprocessor splits them. */
static bool fl_macro_argument_tokens(const CXToken *tokens, unsigned count, CXTranslationUnit tu,
				     const char *macro, unsigned index, unsigned *first, unsigned *last)
{
	if (count < 3 || clang_getTokenKind(tokens[0]) != CXToken_Identifier)
		return false;
	char *name = fl_cxstring(clang_getTokenSpelling(tu, tokens[0]));
	bool named = strcmp(name, macro) == 0;
	free(name);
	if (!named)
		return false;
	unsigned argument = 0, depth = 0;
	bool found = false;
	for (unsigned i = 1; i < count; i++) {
		char *spelling = fl_cxstring(clang_getTokenSpelling(tu, tokens[i]));
		bool open = strcmp(spelling, "(") == 0, close = strcmp(spelling, ")") == 0;
		bool comma = strcmp(spelling, ",") == 0;
		free(spelling);
		if (i == 1) {
			if (!open)
				return false;
			depth = 1;
			continue;
		}
		if (close && depth == 1)
			return found;
		depth += open ? 1u : close ? -1u : 0u;
		if (comma && depth == 1) {
			argument++;
			continue;
		}
		if (argument == index) {
			*first = found ? *first : i;
			*last = i;
			found = true;
		}
	}
	return false;
}

void fl_value_at_macro_argument(struct fl_walk *walk, CXCursor expression, const char *macro, unsigned index,
				struct fl_value *value)
{
	CXSourceRange range = clang_getCursorExtent(expression);
	CXFile begin_file, end_file;
	unsigned from = fl_offset(clang_getRangeStart(range), &begin_file);
	unsigned to = fl_offset(clang_getRangeEnd(range), &end_file);
	if (!begin_file || !clang_File_isEqual(begin_file, end_file) || to <= from)
		return;
	CXToken *tokens = NULL;
	unsigned count = 0, first, last;
	clang_tokenize(walk->tu, clang_getRange(clang_getLocationForOffset(walk->tu, begin_file, from),
						 clang_getLocationForOffset(walk->tu, begin_file, to)),
		       &tokens, &count);
	if (fl_macro_argument_tokens(tokens, count, walk->tu, macro, index, &first, &last)) {
		CXSourceRange argument = clang_getRange(clang_getRangeStart(clang_getTokenExtent(walk->tu, tokens[first])),
							clang_getRangeEnd(clang_getTokenExtent(walk->tu, tokens[last])));
		value->text = fl_facts_take_string(walk->facts, fl_range_text(walk, argument));
		value->extent = fl_range_extent(argument);
	}
	clang_disposeTokens(walk->tu, tokens, count);
}

/* The operator of a binary or compound-assignment expression ("=", "|=",
 * "&&"...), also where it is written inside a macro; "" for another cursor. */
char *fl_binary_operator(CXCursor expression)
{
	enum CXBinaryOperatorKind kind = clang_getCursorBinaryOperatorKind(expression);
	if (kind == CXBinaryOperator_Invalid)
		return fl_xstrdup("");
	return fl_cxstring(clang_getBinaryOperatorKindSpelling(kind));
}

CXCursor fl_referenced_variable(CXCursor expression)
{
	CXCursor inner = fl_strip(expression);
	if (clang_getCursorKind(inner) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	CXCursor target = clang_getCursorReferenced(inner);
	return clang_getCursorKind(target) == CXCursor_VarDecl ? target : clang_getNullCursor();
}
