/* The cache's JSON decoder (cache_json.h): one pass over the text, strings
 * without escapes taken where they lie. */
#include "parse/cache_json.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FL_JSON_MAX_DEPTH 2048 /* jansson's JSON_PARSER_MAX_DEPTH */

struct fl_json_text {
	const char *start, *at, *end;
	/* Strings with escapes, each unescaped at its own place in the text (it
	 * is never longer than there), so that an object's key is intact while
	 * its value is read. */
	char *unescaped;
	int depth;
};

static void fl_json_skip_space(struct fl_json_text *text)
{
	while (text->at < text->end &&
	       (*text->at == ' ' || *text->at == '\n' || *text->at == '\r' || *text->at == '\t'))
		text->at++;
}

/* True when the next non-space character is `c`, then passed. */
static bool fl_json_take(struct fl_json_text *text, char c)
{
	fl_json_skip_space(text);
	if (text->at >= text->end || *text->at != c)
		return false;
	text->at++;
	return true;
}

static int32_t fl_json_hex4(const char *digits)
{
	int32_t value = 0;
	for (int i = 0; i < 4; i++) {
		char c = digits[i];
		int digit = c >= '0' && c <= '9' ? c - '0'
			    : c >= 'a' && c <= 'f' ? c - 'a' + 10
			    : c >= 'A' && c <= 'F' ? c - 'A' + 10
						   : -1;
		if (digit < 0)
			return -1;
		value = value * 16 + digit;
	}
	return value;
}

static char *fl_json_put_utf8(char *out, int32_t code)
{
	if (code < 0x80) {
		*out++ = (char)code;
	} else if (code < 0x800) {
		*out++ = (char)(0xc0 | code >> 6);
		*out++ = (char)(0x80 | (code & 0x3f));
	} else if (code < 0x10000) {
		*out++ = (char)(0xe0 | code >> 12);
		*out++ = (char)(0x80 | (code >> 6 & 0x3f));
		*out++ = (char)(0x80 | (code & 0x3f));
	} else {
		*out++ = (char)(0xf0 | code >> 18);
		*out++ = (char)(0x80 | (code >> 12 & 0x3f));
		*out++ = (char)(0x80 | (code >> 6 & 0x3f));
		*out++ = (char)(0x80 | (code & 0x3f));
	}
	return out;
}

/* After an escape's backslash at *p: the character it stands for, written
 * at *out; false when it is not an escape JSON has (or a NUL). */
static bool fl_json_unescape(const char **p, const char *end, char **out)
{
	if (*p >= end)
		return false;
	char kind = *(*p)++;
	const char *simple = strchr("\"\\/bfnrt", kind);
	if (kind && simple) {
		*(*out)++ = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
		return true;
	}
	if (kind != 'u' || end - *p < 4)
		return false;
	int32_t code = fl_json_hex4(*p);
	*p += 4;
	if (code >= 0xdc00 && code <= 0xdfff)
		return false; /* a low surrogate alone */
	if (code >= 0xd800 && code <= 0xdbff) {
		int32_t low = end - *p >= 6 && (*p)[0] == '\\' && (*p)[1] == 'u' ? fl_json_hex4(*p + 2) : -1;
		if (low < 0xdc00 || low > 0xdfff)
			return false;
		*p += 6;
		code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
	}
	if (code <= 0)
		return false; /* not hexadecimal, or NUL (jansson refuses it without JSON_ALLOW_NUL) */
	*out = fl_json_put_utf8(*out, code);
	return true;
}

/* The string after an opening quote: its bytes (in the text itself when it
 * has no escape) and their length. */
static bool fl_json_string(struct fl_json_text *text, const char **bytes, size_t *length)
{
	const char *p = text->at;
	while (p < text->end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
		p++;
	if (p < text->end && *p == '"') {
		*bytes = text->at;
		*length = (size_t)(p - text->at);
		text->at = p + 1;
		return true;
	}
	if (!text->unescaped && !(text->unescaped = malloc((size_t)(text->end - text->start))))
		return false;
	char *unescaped = text->unescaped + (text->at - text->start);
	char *out = unescaped;
	memcpy(out, text->at, (size_t)(p - text->at));
	out += p - text->at;
	while (p < text->end && (unsigned char)*p >= 0x20) {
		if (*p == '"') {
			*bytes = unescaped;
			*length = (size_t)(out - unescaped);
			text->at = p + 1;
			return true;
		}
		if (*p != '\\') {
			*out++ = *p++;
			continue;
		}
		p++;
		if (!fl_json_unescape(&p, text->end, &out))
			return false;
	}
	return false; /* unterminated, or a control character */
}

static json_t *fl_json_integer(struct fl_json_text *text)
{
	const char *p = text->at;
	bool negative = p < text->end && *p == '-';
	p += negative;
	if (p >= text->end || *p < '0' || *p > '9' || (*p == '0' && p + 1 < text->end && p[1] >= '0' && p[1] <= '9'))
		return NULL;
	unsigned long long magnitude = 0;
	unsigned long long limit = negative ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
	for (; p < text->end && *p >= '0' && *p <= '9'; p++) {
		unsigned digit = (unsigned)(*p - '0');
		if (magnitude > (limit - digit) / 10)
			return NULL;
		magnitude = magnitude * 10 + digit;
	}
	if (p < text->end && (*p == '.' || *p == 'e' || *p == 'E'))
		return NULL; /* a real number: the cache writes none */
	text->at = p;
	return json_integer(negative ? (json_int_t)(0 - magnitude) : (json_int_t)magnitude);
}

static json_t *fl_json_value(struct fl_json_text *text);

/* An object or an array, after its opening bracket. */
static json_t *fl_json_container(struct fl_json_text *text, bool is_object)
{
	if (++text->depth > FL_JSON_MAX_DEPTH)
		return NULL;
	json_t *container = is_object ? json_object() : json_array();
	char close = is_object ? '}' : ']';
	bool ok = container != NULL;
	if (ok && fl_json_take(text, close)) {
		text->depth--;
		return container;
	}
	while (ok) {
		const char *key = NULL;
		size_t key_length = 0;
		if (is_object)
			ok = fl_json_take(text, '"') && fl_json_string(text, &key, &key_length) &&
			     !memchr(key, '\0', key_length) && fl_json_take(text, ':');
		json_t *member = ok ? fl_json_value(text) : NULL;
		ok = member && (is_object ? json_object_setn_new(container, key, key_length, member)
					  : json_array_append_new(container, member)) == 0;
		if (ok && fl_json_take(text, close)) {
			text->depth--;
			return container;
		}
		ok = ok && fl_json_take(text, ',');
	}
	json_decref(container);
	return NULL;
}

static json_t *fl_json_value(struct fl_json_text *text)
{
	fl_json_skip_space(text);
	if (text->at >= text->end)
		return NULL;
	static const struct {
		const char *word;
		size_t length;
	} words[] = { { "true", 4 }, { "false", 5 }, { "null", 4 } };
	switch (*text->at) {
	case '{':
	case '[':
		return fl_json_container(text, *text->at++ == '{');
	case '"': {
		const char *bytes;
		size_t length;
		text->at++;
		if (!fl_json_string(text, &bytes, &length) || memchr(bytes, '\0', length))
			return NULL;
		return json_stringn(bytes, length); /* NULL when not UTF-8 */
	}
	case 't':
	case 'f':
	case 'n':
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if ((size_t)(text->end - text->at) >= words[i].length &&
			    memcmp(text->at, words[i].word, words[i].length) == 0) {
				text->at += words[i].length;
				return i == 0 ? json_true() : i == 1 ? json_false() : json_null();
			}
		return NULL;
	default:
		return fl_json_integer(text);
	}
}

json_t *fl_cache_json_load(const char *text, size_t length)
{
	struct fl_json_text reading = { .start = text, .at = text, .end = text + length };
	fl_json_skip_space(&reading);
	json_t *json = reading.at < reading.end && (*reading.at == '{' || *reading.at == '[')
			       ? fl_json_value(&reading)
			       : NULL;
	fl_json_skip_space(&reading);
	free(reading.unescaped);
	if (json && reading.at != reading.end) {
		json_decref(json);
		return NULL;
	}
	return json;
}
