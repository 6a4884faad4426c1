/* The INF reader (inf.h): bytes -> UTF-8 lines -> sections of entries.
 *
 * Three passes, because [Strings] usually comes last but is used everywhere:
 * decode and split into logical lines (comments dropped, continuations
 * joined, structure checked), collect the string table, then split every
 * other entry into fields with %strkey% substituted.  The first malformed
 * line stops the read: a half-read INF would only produce wrong findings.
 */
#include "inf/inf.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- decoding ---------------------------------------------------------- */

static size_t fl_put_utf8(char *out, uint32_t code)
{
	if (code < 0x80) {
		out[0] = (char)code;
		return 1;
	}
	if (code < 0x800) {
		out[0] = (char)(0xc0 | (code >> 6));
		out[1] = (char)(0x80 | (code & 0x3f));
		return 2;
	}
	if (code < 0x10000) {
		out[0] = (char)(0xe0 | (code >> 12));
		out[1] = (char)(0x80 | ((code >> 6) & 0x3f));
		out[2] = (char)(0x80 | (code & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (code >> 18));
	out[1] = (char)(0x80 | ((code >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((code >> 6) & 0x3f));
	out[3] = (char)(0x80 | (code & 0x3f));
	return 4;
}

/* UTF-16 to UTF-8.  Unpaired surrogates and a dangling odd byte become
 * U+FFFD; *bad_line gets the line of the first one (0 when none). */
static char *fl_utf16_decode(const unsigned char *bytes, size_t length, bool big_endian,
			     size_t *out_length, unsigned *bad_line)
{
	char *out = fl_xmalloc(length / 2 * 3 + 8);
	size_t used = 0;
	unsigned line = 1;
	*bad_line = 0;
	size_t i = 0;
	for (; i + 1 < length; i += 2) {
		uint32_t unit = big_endian ? (uint32_t)(bytes[i] << 8 | bytes[i + 1])
					   : (uint32_t)(bytes[i] | bytes[i + 1] << 8);
		uint32_t code = unit;
		if (unit >= 0xd800 && unit <= 0xdbff && i + 3 < length) {
			uint32_t next = big_endian ? (uint32_t)(bytes[i + 2] << 8 | bytes[i + 3])
						   : (uint32_t)(bytes[i + 2] | bytes[i + 3] << 8);
			if (next >= 0xdc00 && next <= 0xdfff) {
				code = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
				i += 2;
			} else {
				code = 0xfffd;
			}
		} else if (unit >= 0xd800 && unit <= 0xdfff) {
			code = 0xfffd;
		}
		if (code == 0xfffd && unit != 0xfffd && !*bad_line)
			*bad_line = line;
		if (code == '\n')
			line++;
		used += fl_put_utf8(out + used, code);
	}
	if (i < length) { /* an odd byte out */
		if (!*bad_line)
			*bad_line = line;
		used += fl_put_utf8(out + used, 0xfffd);
	}
	out[used] = '\0';
	*out_length = used;
	return out;
}

/* Decoded text of a whole file.  `strict` reports what lenient decoding
 * replaces: invalid UTF-16, NUL bytes and other control characters (a
 * binary file, or UTF-16 without a byte-order mark). */
struct fl_decoded {
	char *text;
	size_t length;
	int encoding;
	unsigned error_line;
	const char *error;
};

static void fl_decode(const char *data, size_t length, struct fl_decoded *out)
{
	const unsigned char *bytes = (const unsigned char *)data;
	memset(out, 0, sizeof(*out));
	if (length >= 2 && ((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff))) {
		bool big = bytes[0] == 0xfe;
		out->encoding = big ? FL_INF_UTF16BE : FL_INF_UTF16LE;
		out->text = fl_utf16_decode(bytes + 2, length - 2, big, &out->length, &out->error_line);
		if (out->error_line)
			out->error = "invalid UTF-16 (an unpaired surrogate or an odd byte)";
	} else {
		size_t skip = length >= 3 && bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf ? 3 : 0;
		if (fl_utf8_valid(data + skip, length - skip) || memchr(data + skip, 0, length - skip)) {
			out->encoding = FL_INF_UTF8;
		} else {
			out->encoding = FL_INF_ANSI;
		}
		/* fl_utf8_repair turns NUL and invalid bytes into U+FFFD; NUL is
		 * found below from the original bytes. */
		out->text = fl_utf8_repair(data + skip, length - skip);
		out->length = strlen(out->text);
		unsigned line = 1;
		for (size_t i = skip; i < length; i++) {
			if (bytes[i] == '\n')
				line++;
			else if (bytes[i] == 0) {
				out->error_line = line;
				out->error = "NUL byte: a binary file, or UTF-16 without a byte-order mark";
				break;
			}
		}
	}
	/* Control characters other than tab, CR, LF, FF: binary data.  A ^Z
	 * (old DOS end-of-file mark) ends the text. */
	unsigned line = 1;
	for (size_t i = 0; i < out->length; i++) {
		unsigned char c = (unsigned char)out->text[i];
		if (c == '\n') {
			line++;
		} else if (c == 0x1a) {
			out->text[i] = '\0';
			out->length = i;
			break;
		} else if (c < 0x20 && c != '\t' && c != '\r' && c != '\f') {
			if (!out->error || line < out->error_line) {
				out->error_line = line;
				out->error = "control character: not a text file";
			}
			out->text[i] = ' ';
		}
	}
}

/* Splits decoded text into physical lines (LF, CRLF or lone CR). */
static void fl_split_lines(char *text, size_t length, struct fl_strv *lines)
{
	size_t start = 0;
	for (size_t i = 0; i <= length; i++) {
		if (i == length || text[i] == '\n' || text[i] == '\r') {
			if (i == length && start == length && lines->count > 0)
				break; /* no empty line after a final newline */
			fl_strv_push_owned(lines, fl_xstrndup(text + start, i - start));
			if (i < length && text[i] == '\r' && i + 1 < length && text[i + 1] == '\n')
				i++;
			start = i + 1;
		}
	}
}

int fl_inf_read_text(const char *path, struct fl_strv *lines, struct fl_input_errors *errors)
{
	size_t length = 0;
	char *data = fl_read_file(path, &length);
	if (!data) {
		fl_input_error_add(errors, path, "cannot read: %s", strerror(errno));
		return -1;
	}
	struct fl_decoded decoded;
	fl_decode(data, length, &decoded);
	free(data);
	fl_split_lines(decoded.text, decoded.length, lines);
	free(decoded.text);
	return 0;
}

char *fl_inf_decode_text(const char *data, size_t length, size_t *out_length)
{
	struct fl_decoded decoded;
	fl_decode(data, length, &decoded);
	struct fl_strv lines = { 0 };
	fl_split_lines(decoded.text, decoded.length, &lines);
	free(decoded.text);
	size_t total = 0;
	for (size_t i = 0; i < lines.count; i++)
		total += strlen(lines.items[i]) + 1;
	char *text = fl_xmalloc(total + 1);
	size_t used = 0;
	for (size_t i = 0; i < lines.count; i++) {
		size_t line_length = strlen(lines.items[i]);
		memcpy(text + used, lines.items[i], line_length);
		used += line_length;
		text[used++] = '\n';
	}
	text[used] = '\0';
	fl_strv_free(&lines);
	if (out_length)
		*out_length = used;
	return text;
}

/* ---- lexing ------------------------------------------------------------ */

/* The length of a %strkey% token at text[0] == '%' (including both '%'), or
 * 0 when this '%' does not open one: tokens hold no blank, quote, comma or
 * '=' (so a lone "100%" stays text). */
static size_t fl_token_length(const char *text)
{
	for (size_t i = 1; text[i]; i++) {
		char c = text[i];
		if (c == '%')
			return i > 1 ? i + 1 : 0;
		if (c == ' ' || c == '\t' || c == '"' || c == ',' || c == '=')
			return 0;
	}
	return 0;
}

/* Steps the INF lexer over text[*i]: inside a quoted string (a quote written
 * `""`) or a %strkey% token nothing is syntax, so *i skips the rest of a
 * token and *quoted follows the quotes.  True when text[*i] is syntax. */
static bool fl_inf_syntax_at(const char *text, size_t *i, bool *quoted)
{
	char c = text[*i];
	if (*quoted) {
		if (c == '"') {
			if (text[*i + 1] == '"')
				(*i)++;
			else
				*quoted = false;
		}
		return false;
	}
	if (c == '"') {
		*quoted = true;
		return false;
	}
	if (c == '%') {
		size_t token = fl_token_length(text + *i);
		if (token)
			*i += token - 1;
		return false;
	}
	return true;
}

/* One physical line without its comment.  Returns false on an unterminated
 * quoted string.  *continues is set when the line ends with a `\` outside
 * quotes (dropped from `out`). */
static bool fl_strip_line(const char *line, char **out, bool *continues)
{
	size_t length = strlen(line);
	size_t end = length;
	bool quoted = false;
	for (size_t i = 0; i < length; i++) {
		if (fl_inf_syntax_at(line, &i, &quoted) && line[i] == ';') {
			end = i;
			break;
		}
	}
	if (quoted)
		return false;
	while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\f'))
		end--;
	*continues = end > 0 && line[end - 1] == '\\';
	if (*continues)
		end--;
	*out = fl_xstrndup(line, end);
	return true;
}

static char *fl_trim(char *text)
{
	while (*text == ' ' || *text == '\t' || *text == '\f')
		text++;
	size_t length = strlen(text);
	while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t' || text[length - 1] == '\f'))
		text[--length] = '\0';
	return text;
}

/* A logical line before fields are split. */
struct fl_raw_line {
	unsigned line, last_line;
	size_t section; /* index into the sections array */
	char *text;
};

/* ---- parsing ----------------------------------------------------------- */

struct fl_parser {
	struct fl_inf *inf;
	struct fl_input_errors *errors;
	bool failed;
	struct fl_raw_line *raw;
	size_t raw_count, raw_capacity;
	size_t section_capacity;
};

static void fl_parse_error(struct fl_parser *parser, unsigned line, const char *format, const char *detail)
{
	if (parser->failed)
		return;
	parser->failed = true;
	char *message = fl_xasprintf(format, detail ? detail : "");
	fl_input_error_add_at(parser->errors, parser->inf->path, line, "malformed INF: %s", message);
	free(message);
}

static size_t fl_section_index(struct fl_parser *parser, const char *name, unsigned line)
{
	struct fl_inf *inf = parser->inf;
	for (size_t i = 0; i < inf->section_count; i++)
		if (fl_str_iequal(inf->sections[i].name, name))
			return i; /* same-named sections merge (general syntax rules) */
	FL_GROW(inf->sections, parser->section_capacity, inf->section_count + 1);
	struct fl_inf_section *section = &inf->sections[inf->section_count];
	memset(section, 0, sizeof(*section));
	section->name = fl_xstrdup(name);
	section->line = line;
	return inf->section_count++;
}

/* Pass 1: logical lines, section headers, structure errors. */
static void fl_collect_lines(struct fl_parser *parser, const struct fl_strv *lines)
{
	size_t current = SIZE_MAX;
	for (size_t i = 0; i < lines->count && !parser->failed; i++) {
		unsigned first = (unsigned)i + 1;
		char *joined = NULL;
		bool continues = true;
		size_t j = i;
		for (; j < lines->count && continues; j++) {
			char *part;
			if (!fl_strip_line(lines->items[j], &part, &continues)) {
				fl_parse_error(parser, (unsigned)j + 1, "unterminated quoted string%s", NULL);
				free(joined);
				return;
			}
			if (joined) {
				char *both = fl_xasprintf("%s%s", joined, part);
				free(joined);
				free(part);
				joined = both;
			} else {
				joined = part;
			}
		}
		i = j - 1;
		char *text = fl_trim(joined);
		if (!*text) {
			free(joined);
			continue;
		}
		if (text[0] == '[') {
			char *close = strchr(text, ']');
			if (!close) {
				fl_parse_error(parser, first, "section header without a closing ']'%s", NULL);
			} else if (*fl_trim(close + 1)) {
				fl_parse_error(parser, first, "text after the section header: '%s'", fl_trim(close + 1));
			} else {
				*close = '\0';
				char *name = fl_trim(text + 1);
				if (!*name)
					fl_parse_error(parser, first, "empty section name%s", NULL);
				else
					current = fl_section_index(parser, name, first);
			}
			free(joined);
			continue;
		}
		if (current == SIZE_MAX) {
			fl_parse_error(parser, first, "an entry before the first [section] header%s", NULL);
			free(joined);
			return;
		}
		FL_GROW(parser->raw, parser->raw_capacity, parser->raw_count + 1);
		struct fl_raw_line *raw = &parser->raw[parser->raw_count++];
		raw->line = first;
		raw->last_line = (unsigned)i + 1;
		raw->section = current;
		raw->text = fl_xstrdup(text);
		free(joined);
	}
}

static bool fl_is_strings_section(const char *name)
{
	return fl_str_iequal(name, "Strings") || fl_str_istarts_with(name, "Strings.");
}

/* Unquotes a [Strings] value: "" inside quotes is a quote, the rest is
 * literal (values are not substituted again). */
static char *fl_string_value(const char *text)
{
	size_t length = strlen(text);
	char *out = fl_xmalloc(length + 1);
	size_t used = 0;
	bool quoted = false;
	for (size_t i = 0; i < length; i++) {
		if (text[i] == '"') {
			if (quoted && text[i + 1] == '"') {
				out[used++] = '"';
				i++;
			} else {
				quoted = !quoted;
			}
		} else {
			out[used++] = text[i];
		}
	}
	out[used] = '\0';
	return out;
}

/* A [Strings] entry while the table is built: `rank` orders the
 * definitions of one key, [Strings] before [Strings.<lang>], then by line. */
struct fl_string_entry {
	struct fl_inf_string string;
	unsigned long rank;
};

static int fl_string_entry_cmp(const void *left, const void *right)
{
	const struct fl_string_entry *a = left, *b = right;
	int order = strcasecmp(a->string.key, b->string.key);
	if (order)
		return order;
	return (a->rank > b->rank) - (a->rank < b->rank);
}

/* Pass 2: the string table, sorted by key for lookups (a localized INF has
 * thousands of strings and as many references); the first definition of a
 * key wins, [Strings] before the localized sections. */
static void fl_collect_strings(struct fl_parser *parser)
{
	struct fl_inf *inf = parser->inf;
	struct fl_string_entry *entries = NULL;
	size_t count = 0, capacity = 0;
	for (size_t r = 0; r < parser->raw_count && !parser->failed; r++) {
		const char *section = inf->sections[parser->raw[r].section].name;
		if (!fl_is_strings_section(section))
			continue;
		char *text = parser->raw[r].text;
		char *equal = strchr(text, '=');
		if (!equal) {
			fl_parse_error(parser, parser->raw[r].line, "a [%s] entry without '='", section);
			break;
		}
		char *key_text = fl_xstrndup(text, (size_t)(equal - text));
		FL_GROW(entries, capacity, count + 1);
		struct fl_string_entry *entry = &entries[count++];
		entry->string.key = fl_string_value(fl_trim(key_text));
		entry->string.value = fl_string_value(fl_trim(equal + 1));
		entry->string.line = parser->raw[r].line;
		entry->rank = (fl_str_iequal(section, "Strings") ? 0UL : 1UL << 31) | parser->raw[r].line;
		free(key_text);
	}
	if (count > 1)
		qsort(entries, count, sizeof(*entries), fl_string_entry_cmp);
	inf->strings = fl_xcalloc(count, sizeof(*inf->strings));
	for (size_t i = 0; i < count; i++) {
		if (inf->string_count && strcasecmp(inf->strings[inf->string_count - 1].key, entries[i].string.key) == 0) {
			free(entries[i].string.key);
			free(entries[i].string.value);
			continue;
		}
		inf->strings[inf->string_count++] = entries[i].string;
	}
	free(entries);
}

static int fl_string_key_cmp(const void *key, const void *element)
{
	return strcasecmp(key, ((const struct fl_inf_string *)element)->key);
}

static const struct fl_inf_string *fl_inf_string(const struct fl_inf *inf, const char *key, size_t length)
{
	char small[256];
	char *name = length < sizeof(small) ? small : fl_xmalloc(length + 1);
	memcpy(name, key, length);
	name[length] = '\0';
	const struct fl_inf_string *found =
		inf->string_count ? bsearch(name, inf->strings, inf->string_count, sizeof(*inf->strings), fl_string_key_cmp)
				  : NULL;
	if (name != small)
		free(name);
	return found;
}

/* Splits `text` at `separator` outside quotes and %strkey% tokens; returns
 * the offsets of the separators in *at (count in *count). */
static size_t fl_find_separators(const char *text, char separator, size_t first_only, size_t **at)
{
	size_t count = 0, capacity = 0;
	bool quoted = false;
	for (size_t i = 0; text[i]; i++) {
		if (fl_inf_syntax_at(text, &i, &quoted) && text[i] == separator) {
			FL_GROW(*at, capacity, count + 1);
			(*at)[count++] = i;
			if (first_only)
				break;
		}
	}
	return count;
}

/* One field: trims blanks outside quotes, unquotes, substitutes. */
static bool fl_parse_field(struct fl_parser *parser, unsigned line, const char *text, size_t length,
			   struct fl_inf_field *field)
{
	struct fl_inf *inf = parser->inf;
	while (length > 0 && (*text == ' ' || *text == '\t' || *text == '\f')) {
		text++;
		length--;
	}
	while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t' || text[length - 1] == '\f'))
		length--;
	size_t capacity = length + 1;
	char *out = fl_xmalloc(capacity);
	size_t used = 0;
	bool quoted = false;
	field->origin_line = 0;
	for (size_t i = 0; i < length; i++) {
		char c = text[i];
		if (c == '"') {
			if (quoted && i + 1 < length && text[i + 1] == '"') {
				out[used++] = '"';
				i++;
			} else {
				quoted = !quoted;
			}
			continue;
		}
		if (c == '%' && i + 1 < length && text[i + 1] == '%') {
			out[used++] = '%';
			i++;
			continue;
		}
		if (c == '%') {
			size_t token = fl_token_length(text + i);
			if (token && i + token <= length) {
				const char *key = text + i + 1;
				size_t key_length = token - 2;
				bool dirid = strspn(key, "0123456789") >= key_length;
				const struct fl_inf_string *string = dirid ? NULL : fl_inf_string(inf, key, key_length);
				if (!dirid && !string) {
					char *name = fl_xstrndup(text + i, token);
					fl_parse_error(parser, line, "%s is not defined in [Strings]", name);
					free(name);
					free(out);
					return false;
				}
				const char *value = string ? string->value : text + i;
				size_t value_length = string ? strlen(value) : token;
				capacity += value_length;
				out = fl_xrealloc(out, capacity);
				memcpy(out + used, value, value_length);
				used += value_length;
				if (string && i == 0 && token == length)
					field->origin_line = string->line;
				i += token - 1;
				continue;
			}
		}
		out[used++] = c;
	}
	out[used] = '\0';
	field->text = out;
	return true;
}

/* Pass 3: entries of every section but [Strings]. */
static void fl_parse_entries(struct fl_parser *parser)
{
	struct fl_inf *inf = parser->inf;
	size_t *capacities = fl_xcalloc(inf->section_count, sizeof(*capacities));
	for (size_t r = 0; r < parser->raw_count && !parser->failed; r++) {
		struct fl_raw_line *raw = &parser->raw[r];
		struct fl_inf_section *section = &inf->sections[raw->section];
		if (fl_is_strings_section(section->name))
			continue;
		FL_GROW(section->lines, capacities[raw->section], section->line_count + 1);
		struct fl_inf_line *entry = &section->lines[section->line_count++];
		memset(entry, 0, sizeof(*entry));
		entry->line = raw->line;
		entry->last_line = raw->last_line;
		const char *values = raw->text;
		size_t *at = NULL;
		if (fl_find_separators(raw->text, '=', 1, &at)) {
			struct fl_inf_field key;
			if (!fl_parse_field(parser, raw->line, raw->text, at[0], &key)) {
				free(at);
				break;
			}
			entry->key = key.text;
			values = raw->text + at[0] + 1;
		}
		free(at);
		at = NULL;
		size_t separators = fl_find_separators(values, ',', 0, &at);
		entry->fields = fl_xcalloc(separators + 1, sizeof(*entry->fields));
		size_t start = 0;
		for (size_t f = 0; f <= separators; f++) {
			size_t end = f < separators ? at[f] : strlen(values);
			if (!fl_parse_field(parser, raw->line, values + start, end - start, &entry->fields[f]))
				break;
			entry->field_count++;
			start = end + 1;
		}
		free(at);
	}
	free(capacities);
}

struct fl_inf *fl_inf_parse(const char *path, const char *data, size_t length,
			    struct fl_input_errors *errors)
{
	struct fl_inf *inf = fl_xcalloc(1, sizeof(*inf));
	inf->path = fl_xstrdup(path);
	struct fl_decoded decoded;
	fl_decode(data, length, &decoded);
	inf->encoding = decoded.encoding;
	struct fl_parser parser = { .inf = inf, .errors = errors };
	if (decoded.error)
		fl_parse_error(&parser, decoded.error_line, "%s", decoded.error);
	struct fl_strv lines = { 0 };
	fl_split_lines(decoded.text, decoded.length, &lines);
	free(decoded.text);
	if (!parser.failed)
		fl_collect_lines(&parser, &lines);
	fl_strv_free(&lines);
	if (!parser.failed)
		fl_collect_strings(&parser);
	if (!parser.failed)
		fl_parse_entries(&parser);
	for (size_t r = 0; r < parser.raw_count; r++)
		free(parser.raw[r].text);
	free(parser.raw);
	if (parser.failed) {
		fl_inf_free(inf);
		return NULL;
	}
	fl_inf_build_model(inf);
	return inf;
}

struct fl_inf *fl_inf_read(const char *path, struct fl_input_errors *errors)
{
	size_t length = 0;
	char *data = fl_read_file(path, &length);
	if (!data) {
		fl_input_error_add(errors, path, "cannot read: %s", strerror(errno));
		return NULL;
	}
	struct fl_inf *inf = fl_inf_parse(path, data, length, errors);
	free(data);
	return inf;
}

static void fl_inf_value_free(struct fl_inf_value *value)
{
	free(value->text);
}

void fl_inf_free(struct fl_inf *inf)
{
	if (!inf)
		return;
	for (size_t s = 0; s < inf->section_count; s++) {
		struct fl_inf_section *section = &inf->sections[s];
		for (size_t l = 0; l < section->line_count; l++) {
			struct fl_inf_line *line = &section->lines[l];
			free(line->key);
			for (size_t f = 0; f < line->field_count; f++)
				free(line->fields[f].text);
			free(line->fields);
		}
		free(section->lines);
		free(section->name);
	}
	free(inf->sections);
	for (size_t i = 0; i < inf->string_count; i++) {
		free(inf->strings[i].key);
		free(inf->strings[i].value);
	}
	free(inf->strings);
	for (size_t i = 0; i < inf->service_count; i++) {
		struct fl_inf_service *service = &inf->services[i];
		free(service->name);
		free(service->section);
		fl_inf_value_free(&service->service_type);
		fl_inf_value_free(&service->start_type);
		fl_inf_value_free(&service->load_order_group);
		fl_strv_free(&service->dependencies);
		for (size_t k = 0; k < service->instance_count; k++) {
			free(service->instances[k].name);
			fl_inf_value_free(&service->instances[k].altitude);
			fl_inf_value_free(&service->instances[k].flags);
		}
		free(service->instances);
		for (int layout = 0; layout < FL_INF_LAYOUT_COUNT; layout++)
			fl_inf_value_free(&service->default_instance[layout]);
	}
	free(inf->services);
	free(inf->path);
	free(inf);
}

const struct fl_inf_section *fl_inf_section(const struct fl_inf *inf, const char *name)
{
	for (size_t i = 0; i < inf->section_count; i++)
		if (fl_str_iequal(inf->sections[i].name, name))
			return &inf->sections[i];
	return NULL;
}

const struct fl_inf_line *fl_inf_entry(const struct fl_inf_section *section, const char *key)
{
	for (size_t i = 0; section && i < section->line_count; i++)
		if (section->lines[i].key && fl_str_iequal(section->lines[i].key, key))
			return &section->lines[i];
	return NULL;
}

struct fl_loc fl_inf_loc(const struct fl_inf *inf, unsigned line)
{
	struct fl_loc loc = { .file = inf->path, .line = line, .column = 1 };
	return loc;
}
