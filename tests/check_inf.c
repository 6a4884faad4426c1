/* The INF reader (analyzer/inf/inf.h), its minifilter model, the --stack view
 * and the inf-* rules, on INF text built here and on fixtures/inf. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knowledge/inf_knowledge.h"
#include "inf/inf.h"
#include "rule.h"
#include "suites.h"
#include "util.h"

/* Parses `text` that must be well-formed. */
static struct fl_inf *fl_parse_ok(const char *text)
{
	struct fl_input_errors errors = {0};
	struct fl_inf *inf = fl_inf_parse("t.inf", text, strlen(text), &errors);
	ck_assert_msg(inf != NULL, "parse failed: %s", errors.count ? errors.items[0].message : "?");
	ck_assert_uint_eq(errors.count, 0);
	fl_input_errors_free(&errors);
	return inf;
}

/* Parses bytes that must be rejected; returns the error's line and checks
 * that its message holds `needle`. */
static unsigned fl_parse_bad(const char *data, size_t length, const char *needle)
{
	struct fl_input_errors errors = {0};
	struct fl_inf *inf = fl_inf_parse("bad.inf", data, length, &errors);
	ck_assert_ptr_null(inf);
	ck_assert_uint_eq(errors.count, 1);
	ck_assert_str_eq(errors.items[0].file, "bad.inf");
	ck_assert_msg(strstr(errors.items[0].message, needle), "message '%s' lacks '%s'",
		      errors.items[0].message, needle);
	unsigned line = errors.items[0].line;
	fl_input_errors_free(&errors);
	return line;
}

/* UTF-16LE bytes of ASCII/UTF-8 `text` with a BOM (code points < 0x10000). */
static char *fl_utf16le(const char *text, size_t *length)
{
	size_t n = strlen(text);
	unsigned char *out = fl_xmalloc(2 * n + 2);
	size_t used = 0;
	out[used++] = 0xff;
	out[used++] = 0xfe;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)text[i];
		unsigned code;
		if (c < 0x80) {
			code = c;
			i += 1;
		} else if (c < 0xe0) {
			code = (c & 0x1fu) << 6 | ((unsigned char)text[i + 1] & 0x3fu);
			i += 2;
		} else {
			code = (c & 0x0fu) << 12 | ((unsigned char)text[i + 1] & 0x3fu) << 6 |
			       ((unsigned char)text[i + 2] & 0x3fu);
			i += 3;
		}
		out[used++] = (unsigned char)(code & 0xff);
		out[used++] = (unsigned char)(code >> 8);
	}
	*length = used;
	return (char *)out;
}

static const char fl_minifilter[] =
	"[Version]\n"                                              /* 1 */
	"Signature = \"$WINDOWS NT$\"\n"                           /* 2 */
	"[DefaultInstall.NTamd64.Services]\n"                      /* 3 */
	"AddService = %ServiceName%,,Svc.Service\n"                /* 4 */
	"[DefaultInstall.NTarm64.Services]\n"                      /* 5 */
	"AddService = %ServiceName%,,Svc.Service\n"                /* 6 */
	"[Svc.Service]\n"                                          /* 7 */
	"ServiceType    = 2\n"                                     /* 8 */
	"StartType      = 3\n"                                     /* 9 */
	"LoadOrderGroup = \"FSFilter Activity Monitor\"\n"         /* 10 */
	"Dependencies   = FltMgr\n"                                /* 11 */
	"AddReg         = Svc.AddReg\n"                            /* 12 */
	"[Svc.AddReg]\n"                                           /* 13 */
	"HKR,\"Parameters\\Instances\",\"DefaultInstance\",0x00000000,%DefaultInstance%\n" /* 14 */
	"HKR,\"Parameters\\Instances\\\"%Inst.Name%,\"Altitude\",0x00000000,%Inst.Altitude%\n" /* 15 */
	"HKR,\"Parameters\\Instances\\\"%Inst.Name%,\"Flags\",0x00010001,%Inst.Flags%\n" /* 16 */
	"HKR,\"Instances\",\"DefaultInstance\",0x00000000,%DefaultInstance%\n" /* 17 */
	"HKR,\"Instances\\\"%Inst.Name%,\"Altitude\",0x00000000,%Inst.Altitude%\n" /* 18 */
	"HKR,\"Instances\\\"%Inst.Name%,\"Flags\",0x00010001,%Inst.Flags%\n" /* 19 */
	"[Strings]\n"                                              /* 20 */
	"ServiceName     = \"Svc\"\n"                              /* 21 */
	"DefaultInstance = \"Svc Instance\"\n"                     /* 22 */
	"Inst.Name       = \"Svc Instance\"\n"                     /* 23 */
	"Inst.Altitude   = \"@ALT@\"\n"                               /* 24 */
	"Inst.Flags      = 0x0\n";                                 /* 25 */

/* Replaces the first `from` in `text` (which must hold it). */
static char *fl_replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	ck_assert_ptr_nonnull(at);
	return fl_xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

static struct fl_inf *fl_parse_minifilter(const char *altitude)
{
	char *text = fl_replace(fl_minifilter, "@ALT@", altitude);
	struct fl_inf *inf = fl_parse_ok(text);
	free(text);
	return inf;
}

/* ---- reader ------------------------------------------------------------ */

START_TEST(test_sections_entries_fields)
{
	struct fl_inf *inf = fl_parse_ok("; leading comment\n"
					 "[Version]\n"
					 "Signature = \"$WINDOWS NT$\" ; trailing\n"
					 "\n"
					 "[Files]\n"
					 "a.sys\n"
					 "[version]\n"
					 "Class = Test\n"
					 "[Reg]\n"
					 "HKR , \"Sub Key\" ,, 0x1 , \"x;y\" , \"say \"\"hi\"\"\" , 50%% \n");
	ck_assert_uint_eq(inf->section_count, 3); /* [version] merged into [Version] */
	const struct fl_inf_section *version = fl_inf_section(inf, "VERSION");
	ck_assert_ptr_nonnull(version);
	ck_assert_uint_eq(version->line, 2);
	ck_assert_uint_eq(version->line_count, 2);
	ck_assert_str_eq(fl_inf_entry(version, "signature")->fields[0].text, "$WINDOWS NT$");
	ck_assert_str_eq(fl_inf_entry(version, "CLASS")->fields[0].text, "Test");
	ck_assert_uint_eq(fl_inf_entry(version, "Class")->line, 8);
	const struct fl_inf_section *files = fl_inf_section(inf, "files");
	ck_assert_ptr_null(files->lines[0].key);
	ck_assert_str_eq(files->lines[0].fields[0].text, "a.sys");
	const struct fl_inf_line *reg = &fl_inf_section(inf, "Reg")->lines[0];
	ck_assert_ptr_null(reg->key);
	ck_assert_uint_eq(reg->field_count, 7);
	ck_assert_str_eq(reg->fields[0].text, "HKR");
	ck_assert_str_eq(reg->fields[1].text, "Sub Key");
	ck_assert_str_eq(reg->fields[2].text, "");
	ck_assert_str_eq(reg->fields[4].text, "x;y");
	ck_assert_str_eq(reg->fields[5].text, "say \"hi\"");
	ck_assert_str_eq(reg->fields[6].text, "50%");
	ck_assert_ptr_null(fl_inf_section(inf, "Strings"));
	fl_inf_free(inf);
}
END_TEST

START_TEST(test_continuation_and_line_numbers)
{
	struct fl_inf *inf = fl_parse_ok("[S]\r\n"
					 "Dependencies = FltMgr, \\\r\n"
					 "               Other ; comment\r\n"
					 "Path = \"C:\\Dir\\\"\\ ; a quoted path, then a continuation\r\n"
					 ",file\r\n"
					 "Last = 1\r\n");
	const struct fl_inf_section *s = fl_inf_section(inf, "S");
	ck_assert_uint_eq(s->line_count, 3);
	ck_assert_uint_eq(s->lines[0].line, 2);
	ck_assert_uint_eq(s->lines[0].last_line, 3);
	ck_assert_uint_eq(s->lines[0].field_count, 2);
	ck_assert_str_eq(s->lines[0].fields[1].text, "Other");
	ck_assert_str_eq(s->lines[1].fields[0].text, "C:\\Dir\\");
	ck_assert_str_eq(s->lines[1].fields[1].text, "file");
	ck_assert_uint_eq(s->lines[2].line, 6);
	fl_inf_free(inf);
}
END_TEST

START_TEST(test_strings_substitution)
{
	struct fl_inf *inf = fl_parse_ok("[S]\n"
					 "A = %Name%\n"
					 "B = %13%\\%Name%.sys, %%literal%%, 100%\n"
					 "C = \"%NAME%\"\"%Local%\"\n"
					 "[Strings.0407]\n"
					 "Name = \"Lokal\"\n"
					 "Local = \"only here\"\n"
					 "[Strings]\n"
					 "name = \"Drv; x\"   ; wins over the localized one\n");
	const struct fl_inf_section *s = fl_inf_section(inf, "S");
	ck_assert_str_eq(s->lines[0].fields[0].text, "Drv; x");
	ck_assert_uint_eq(s->lines[0].fields[0].origin_line, 9);
	ck_assert_str_eq(s->lines[1].fields[0].text, "%13%\\Drv; x.sys");
	ck_assert_uint_eq(s->lines[1].fields[0].origin_line, 0); /* not a lone token */
	ck_assert_str_eq(s->lines[1].fields[1].text, "%literal%");
	ck_assert_str_eq(s->lines[1].fields[2].text, "100%");
	ck_assert_str_eq(s->lines[2].fields[0].text, "Drv; x\"only here");
	ck_assert_uint_eq(inf->string_count, 2);
	fl_inf_free(inf);
}
END_TEST

START_TEST(test_encodings)
{
	const char *text = "[S]\nName = \"Caf\xc3\xa9 \xe2\x80\x93 Instance\"\n";
	size_t length;
	char *utf16 = fl_utf16le(text, &length);
	struct fl_input_errors errors = {0};
	struct fl_inf *inf = fl_inf_parse("u16.inf", utf16, length, &errors);
	ck_assert_ptr_nonnull(inf);
	ck_assert_int_eq(inf->encoding, FL_INF_UTF16LE);
	ck_assert_str_eq(fl_inf_section(inf, "S")->lines[0].fields[0].text, "Caf\xc3\xa9 \xe2\x80\x93 Instance");
	fl_inf_free(inf);
	/* Big-endian: swap every unit. */
	for (size_t i = 0; i < length; i += 2) {
		char t = utf16[i];
		utf16[i] = utf16[i + 1];
		utf16[i + 1] = t;
	}
	inf = fl_inf_parse("u16be.inf", utf16, length, &errors);
	ck_assert_ptr_nonnull(inf);
	ck_assert_int_eq(inf->encoding, FL_INF_UTF16BE);
	ck_assert_str_eq(fl_inf_section(inf, "S")->lines[0].fields[0].text, "Caf\xc3\xa9 \xe2\x80\x93 Instance");
	fl_inf_free(inf);
	free(utf16);
	/* UTF-8 with a BOM. */
	inf = fl_parse_ok("\xef\xbb\xbf[S]\nA = 1\n");
	ck_assert_ptr_nonnull(fl_inf_section(inf, "S"));
	fl_inf_free(inf);
	/* ANSI: 0xE9 is not UTF-8; it becomes U+FFFD and the text stays valid. */
	const char *ansi = "[S]\nA = \"Soci\xe9t\xe9\"\n";
	inf = fl_inf_parse("ansi.inf", ansi, strlen(ansi), &errors);
	ck_assert_ptr_nonnull(inf);
	ck_assert_int_eq(inf->encoding, FL_INF_ANSI);
	const char *value = fl_inf_section(inf, "S")->lines[0].fields[0].text;
	ck_assert(fl_utf8_valid(value, strlen(value)));
	ck_assert_str_eq(value, "Soci\xef\xbf\xbdt\xef\xbf\xbd");
	fl_inf_free(inf);
	ck_assert_uint_eq(errors.count, 0);
}
END_TEST

START_TEST(test_malformed)
{
	const char *quote = "[S]\nA = 1\nB = \"open ; not a comment\n";
	ck_assert_uint_eq(fl_parse_bad(quote, strlen(quote), "unterminated quoted string"), 3);
	const char *outside = "; comment first is fine\nA = 1\n[S]\n";
	ck_assert_uint_eq(fl_parse_bad(outside, strlen(outside), "before the first [section]"), 2);
	const char *undefined = "[S]\nA = %Known%\nB = %Unknown%\n[Strings]\nKnown = 1\n";
	ck_assert_uint_eq(fl_parse_bad(undefined, strlen(undefined), "%Unknown% is not defined"), 3);
	const char *header = "[S]\n[Broken\nA = 1\n";
	ck_assert_uint_eq(fl_parse_bad(header, strlen(header), "closing ']'"), 2);
	const char *after = "[S] junk\n";
	ck_assert_uint_eq(fl_parse_bad(after, strlen(after), "text after the section header"), 1);
	const char binary[] = "[S]\nA = 1\nB\0\x01\x02\n";
	ck_assert_uint_eq(fl_parse_bad(binary, sizeof(binary) - 1, "NUL byte"), 3);
	const char control[] = "[S]\nA = \x01\x02\n";
	ck_assert_uint_eq(fl_parse_bad(control, sizeof(control) - 1, "control character"), 2);
	/* UTF-16 with a lone high surrogate on line 2, and with an odd byte. */
	size_t length;
	char *utf16 = fl_utf16le("[S]\nA = XY\n", &length);
	utf16[length - 6] = '\x00'; /* 'X' becomes U+D800 */
	utf16[length - 5] = '\xd8';
	ck_assert_uint_eq(fl_parse_bad(utf16, length, "invalid UTF-16"), 2);
	free(utf16);
	utf16 = fl_utf16le("[S]\nA = 1\n", &length);
	ck_assert_uint_eq(fl_parse_bad(utf16, length - 1, "invalid UTF-16"), 2); /* the odd byte ends line 2 */
	free(utf16);
	/* A [Strings] entry without '=' is malformed too. */
	const char *strings = "[Strings]\nJustText\n";
	ck_assert_uint_eq(fl_parse_bad(strings, strlen(strings), "without '='"), 2);
}
END_TEST

START_TEST(test_read_files)
{
	struct fl_input_errors errors = {0};
	ck_assert_ptr_null(fl_inf_read("/nonexistent/fltlint/x.inf", &errors));
	ck_assert_uint_eq(errors.count, 1);
	ck_assert_uint_eq(errors.items[0].line, 0);
	/* A malformed file does not stop the next one. */
	struct fl_inf *bad = fl_inf_read(FL_SOURCE_DIR "/fixtures/inf/malformed_utf16.inf", &errors);
	struct fl_inf *good = fl_inf_read(FL_SOURCE_DIR "/fixtures/inf/good_utf16_both_layouts.inf", &errors);
	ck_assert_ptr_null(bad);
	ck_assert_ptr_nonnull(good);
	ck_assert_uint_eq(errors.count, 2);
	ck_assert_uint_eq(errors.items[1].line, 38);
	ck_assert_uint_eq(good->service_count, 1);
	const struct fl_inf_service *service = &good->services[0];
	ck_assert_uint_eq(service->instance_count, 2); /* one per layout */
	ck_assert_str_eq(service->instances[0].name, "Fixture Chiffrement \xe2\x80\x93 Instance");
	ck_assert_str_eq(service->load_order_group.text, "FSFilter Encryption"); /* continued line */
	ck_assert_uint_eq(service->dependencies.count, 2);
	ck_assert_str_eq(service->dependencies.items[1], "FixtureHelper");
	fl_inf_free(good);
	fl_input_errors_free(&errors);

	/* The harness's view: lines of a UTF-16 file as UTF-8, invalid ones too. */
	struct fl_strv lines = {0};
	ck_assert_int_eq(fl_inf_read_text(FL_SOURCE_DIR "/fixtures/inf/malformed_utf16.inf", &lines, &errors), 0);
	ck_assert_uint_ge(lines.count, 38);
	ck_assert_ptr_nonnull(strstr(lines.items[37], "; expect-error"));
	ck_assert_ptr_nonnull(strstr(lines.items[37], "\xef\xbf\xbd"));
	fl_strv_free(&lines);
	ck_assert_uint_eq(errors.count, 0);
}
END_TEST

START_TEST(test_decode_text)
{
	size_t length;
	char *text = fl_inf_decode_text("a\rb\r\nc\nd", 8, &length);
	ck_assert_str_eq(text, "a\nb\nc\nd\n");
	ck_assert_uint_eq(length, 8);
	free(text);
	char *utf16 = fl_utf16le("x ; expect: r\r\ny", &length);
	text = fl_inf_decode_text(utf16, length, NULL);
	ck_assert_str_eq(text, "x ; expect: r\ny\n");
	free(text);
	free(utf16);
}
END_TEST

START_TEST(test_altitude_numbers)
{
	const char *valid[] = { "0", "370000", "325000.3", "0007.50" };
	const char *invalid[] = { "", "-1", "+5", "370,000", "0x5a", "1.", ".5", "1.2.3", " 5", "5 ", "1e5" };
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		ck_assert_msg(fl_inf_altitude_valid(valid[i]), "%s", valid[i]);
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		ck_assert_msg(!fl_inf_altitude_valid(invalid[i]), "%s", invalid[i]);
	ck_assert_int_eq(fl_inf_altitude_compare("370000", "370000.000"), 0);
	ck_assert_int_eq(fl_inf_altitude_compare("0370000", "370000"), 0);
	ck_assert_int_lt(fl_inf_altitude_compare("99999", "100000"), 0);
	ck_assert_int_gt(fl_inf_altitude_compare("325000.7", "325000.3"), 0);
	ck_assert_int_lt(fl_inf_altitude_compare("325000.25", "325000.3"), 0);
	ck_assert_int_gt(fl_inf_altitude_compare("325000.30001", "325000.3"), 0);
	/* Beyond any double's precision: still ordered. */
	ck_assert_int_lt(fl_inf_altitude_compare("325000.10000000000000000001", "325000.10000000000000000002"), 0);
	unsigned long n;
	ck_assert(fl_inf_parse_number("0x00010001", &n) && n == 0x10001);
	ck_assert(fl_inf_parse_number("12", &n) && n == 12);
	ck_assert(!fl_inf_parse_number("0x", &n));
	ck_assert(!fl_inf_parse_number("1 2", &n));
	ck_assert(!fl_inf_parse_number("0x100000000", &n));
}
END_TEST

/* ---- model ------------------------------------------------------------- */

START_TEST(test_model_layouts)
{
	struct fl_inf *inf = fl_parse_minifilter("370000");
	ck_assert_uint_eq(inf->service_count, 1); /* two decorations, one service */
	const struct fl_inf_service *service = &inf->services[0];
	ck_assert(service->is_minifilter);
	ck_assert_str_eq(service->name, "Svc");
	ck_assert_uint_eq(service->section_line, 7);
	ck_assert_uint_eq(service->service_type.line, 8);
	ck_assert_str_eq(service->load_order_group.text, "FSFilter Activity Monitor");
	ck_assert_uint_eq(service->dependencies_line, 11);
	ck_assert_uint_eq(service->instance_count, 2);
	for (size_t i = 0; i < 2; i++) {
		const struct fl_inf_instance *instance = &service->instances[i];
		ck_assert_int_eq(instance->layout, i == 0 ? FL_INF_LAYOUT_PARAMETERS : FL_INF_LAYOUT_LEGACY);
		ck_assert_str_eq(instance->name, "Svc Instance");
		ck_assert_str_eq(instance->altitude.text, "370000");
		ck_assert_uint_eq(instance->altitude.line, 24);                  /* its [Strings] entry */
		ck_assert_uint_eq(instance->altitude.directive_line, i == 0 ? 15 : 18);
		ck_assert_uint_eq(instance->altitude.reg_type, FL_ADDREG_TYPE_SZ);
		ck_assert_uint_eq(instance->flags.reg_type, FL_ADDREG_TYPE_DWORD);
		ck_assert_str_eq(service->default_instance[instance->layout].text, "Svc Instance");
	}
	ck_assert_uint_eq(service->layout_section_line[FL_INF_LAYOUT_PARAMETERS], 13);
	fl_inf_free(inf);
}
END_TEST

START_TEST(test_model_not_minifilter)
{
	/* A Win32 helper service and a plain kernel driver are not minifilters;
	 * the simrep sample's %strkey%"\"%strkey% subkey is one string. */
	struct fl_inf *inf = fl_parse_ok("[Install.Services]\n"
					 "AddService = Helper,,Helper.Service\n"
					 "AddService = Drv,,Drv.Service\n"
					 "AddService = Sim,,Sim.Service\n"
					 "AddService = Gone,,Missing.Service\n"
					 "[Helper.Service]\nServiceType = 0x10\n"
					 "[Drv.Service]\nServiceType = 1\nLoadOrderGroup = \"Base\"\n"
					 "[Sim.Service]\nAddReg = Sim.Reg\n"
					 "[Sim.Reg]\n"
					 "HKR,%Key%\"\\\"%Name%,%Alt%,0x00000000,\"371100\"\n"
					 "HKR,%Key%\"\\\"%Name%,\"Altitude\",0x00000004\n"
					 "[Strings]\nKey = \"Instances\"\nName = \"SimRep\"\nAlt = \"Altitude\"\n");
	ck_assert_uint_eq(inf->service_count, 4);
	ck_assert(!inf->services[0].is_minifilter);
	ck_assert(!inf->services[1].is_minifilter);
	ck_assert(inf->services[2].is_minifilter);
	ck_assert_uint_eq(inf->services[2].instance_count, 1);
	ck_assert_str_eq(inf->services[2].instances[0].name, "SimRep");
	ck_assert_str_eq(inf->services[2].instances[0].altitude.text, "371100"); /* DELVAL line ignored */
	ck_assert_uint_eq(inf->services[3].section_line, 0);
	ck_assert(!inf->services[3].is_minifilter);
	fl_inf_free(inf);
}
END_TEST

/* ---- rules ------------------------------------------------------------- */

/* Runs every inf-* rule on `inf`; returns the findings. */
static struct fl_findings fl_run_inf_rules(struct fl_inf *inf)
{
	struct fl_inf *infs[] = { inf };
	struct fl_program program = { .inf_count = 1, .infs = infs };
	struct fl_findings out = {0};
	for (size_t i = 0; fl_rules[i]; i++)
		if (fl_str_starts_with(fl_rules[i]->id, "inf-"))
			fl_rules[i]->check(fl_rules[i], &program, &out);
	fl_findings_sort(&out);
	return out;
}

/* Whether `findings` holds exactly one finding of `rule` and it is at `line`. */
static void fl_assert_one(const struct fl_findings *findings, const char *rule, unsigned line)
{
	size_t seen = 0;
	for (size_t i = 0; i < findings->count; i++) {
		if (strcmp(findings->items[i].rule, rule) != 0)
			continue;
		seen++;
		ck_assert_uint_eq(findings->items[i].loc.line, line);
		ck_assert_str_eq(findings->items[i].loc.file, "t.inf");
	}
	ck_assert_msg(seen == 1, "%s: %zu findings", rule, seen);
}

START_TEST(test_rules_clean)
{
	struct fl_inf *inf = fl_parse_minifilter("367123.5");
	struct fl_findings out = fl_run_inf_rules(inf);
	ck_assert_msg(out.count == 0, "unexpected: %s", out.count ? out.items[0].message : "");
	fl_findings_free(&out);
	fl_inf_free(inf);
}
END_TEST

START_TEST(test_rule_sample_altitude_once)
{
	struct fl_inf *inf = fl_parse_minifilter("370000");
	struct fl_findings out = fl_run_inf_rules(inf);
	ck_assert_uint_eq(out.count, 1); /* both layouts, one [Strings] line */
	fl_assert_one(&out, "inf-sample-altitude", 24);
	ck_assert_ptr_nonnull(strstr(out.items[0].message, "request your own"));
	ck_assert_int_eq(out.items[0].severity, FL_SEVERITY_WARNING);
	fl_findings_free(&out);
	fl_inf_free(inf);
}
END_TEST

START_TEST(test_rule_altitude_range_and_format)
{
	struct fl_inf *inf = fl_parse_minifilter("329999.9");
	struct fl_findings out = fl_run_inf_rules(inf);
	fl_assert_one(&out, "inf-altitude-range", 24);
	ck_assert_ptr_nonnull(strstr(out.items[0].message, "FSFilter Anti-Virus"));
	ck_assert_uint_eq(out.count, 1);
	fl_findings_free(&out);
	fl_inf_free(inf);

	inf = fl_parse_minifilter("36O000"); /* a letter O */
	out = fl_run_inf_rules(inf);
	fl_assert_one(&out, "inf-altitude-format", 24);
	ck_assert_uint_eq(out.count, 1); /* not also out of range */
	fl_findings_free(&out);
	fl_inf_free(inf);
}
END_TEST

START_TEST(test_rules_service_keys)
{
	char *base = fl_replace(fl_minifilter, "@ALT@", "367000");
	struct {
		const char *from, *to, *rule;
		unsigned line;
	} cases[] = {
		{ "ServiceType    = 2", "ServiceType    = 1", "inf-service-type", 8 },
		{ "ServiceType    = 2", "Unrelated = 2", "inf-service-type", 7 },
		{ "Dependencies   = FltMgr", "Dependencies   = FltLib", "inf-fltmgr-dependency", 11 },
		{ "Dependencies   = FltMgr", "Unrelated = 1", "inf-fltmgr-dependency", 7 },
		{ "\"FSFilter Activity Monitor\"", "\"Activity Monitor\"", "inf-load-order-group", 10 },
		{ "LoadOrderGroup", "LoadOrderGroupX", "inf-load-order-group", 7 },
		{ "DefaultInstance = \"Svc Instance\"", "DefaultInstance = \"Other\"", "inf-default-instance", 22 },
		{ "Inst.Flags      = 0x0", "Inst.Flags      = 0x10", "inf-instance-flags", 25 },
		{ "\"Altitude\",0x00000000,%Inst.Altitude%\nHKR,\"Instances",
		  "\"Altitude\",0x00010001,%Inst.Altitude%\nHKR,\"Instances", "inf-altitude-format", 18 },
		{ "HKR,\"Instances\\\"%Inst.Name%,\"Altitude\",0x00000000,%Inst.Altitude%\n", "",
		  "inf-altitude-missing", 18 }, /* the Flags line moves up */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = fl_replace(base, cases[i].from, cases[i].to);
		struct fl_inf *inf = fl_parse_ok(text);
		struct fl_findings out = fl_run_inf_rules(inf);
		fl_assert_one(&out, cases[i].rule, cases[i].line);
		ck_assert_msg(out.count == 1, "case %zu: %zu findings", i, out.count);
		fl_findings_free(&out);
		fl_inf_free(inf);
		free(text);
	}
	free(base);
}
END_TEST

START_TEST(test_rule_reserved_group)
{
	char *base = fl_replace(fl_minifilter, "@ALT@", "25000");
	char *text = fl_replace(base, "FSFilter Activity Monitor", "FSFilter System");
	struct fl_inf *inf = fl_parse_ok(text);
	struct fl_findings out = fl_run_inf_rules(inf);
	fl_assert_one(&out, "inf-reserved-group", 10);
	ck_assert_uint_eq(out.count, 1);
	fl_findings_free(&out);
	fl_inf_free(inf);
	free(text);
	free(base);
}
END_TEST

START_TEST(test_knowledge)
{
	const struct fl_load_order_group *av = fl_load_order_group_find("fsfilter anti-virus");
	ck_assert_ptr_nonnull(av);
	ck_assert(fl_load_order_group_contains(av, "320000"));
	ck_assert(fl_load_order_group_contains(av, "329999.999"));
	ck_assert(!fl_load_order_group_contains(av, "330000"));
	ck_assert(!fl_load_order_group_contains(av, "319999.9"));
	ck_assert(!fl_load_order_group_contains(av, "3299990"));
	ck_assert_str_eq(fl_load_order_group_of("19999.5")->name, "FSFilter Infrastructure");
	ck_assert(fl_load_order_group_of("19999.5")->reserved);
	ck_assert_ptr_null(fl_load_order_group_of("395000"));
	ck_assert_str_eq(fl_load_order_group_of("175000")->name, "FSFilter Imaging");
	ck_assert_str_eq(fl_load_order_group_near("FSFilter AntiVirus")->name, "FSFilter Anti-Virus");
	ck_assert_str_eq(fl_load_order_group_near("Activity Monitor")->name, "FSFilter Activity Monitor");
	ck_assert_ptr_null(fl_load_order_group_near("Base"));
	ck_assert_ptr_nonnull(fl_sample_altitude_owner("265000.000"));
	ck_assert_ptr_null(fl_sample_altitude_owner("265000.5"));
	ck_assert_ptr_null(fl_sample_altitude_owner("365000")); /* the docs' example, allocated to Symantec */
}
END_TEST

/* ---- stack ------------------------------------------------------------- */

START_TEST(test_stack_order)
{
	struct fl_inf *a = fl_parse_minifilter("367000");
	struct fl_inf *b = fl_parse_minifilter("389000.5");
	char *low_text = fl_replace(fl_minifilter, "\"Svc\"", "\"Low\"");
	char *low_filled = fl_replace(low_text, "@ALT@", "367000");
	struct fl_inf *c = fl_parse_ok(low_filled);
	struct fl_inf *infs[] = { a, b, c };
	char *buffer = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buffer, &size);
	ck_assert_int_eq(fl_inf_print_stack(out, infs, 3), 0);
	fclose(out);
	const char *top = strstr(buffer, "389000.5");
	const char *low = strstr(buffer, "Low ");
	const char *mid = strstr(buffer, "367000");
	ck_assert_ptr_nonnull(top);
	ck_assert_ptr_nonnull(mid);
	ck_assert_ptr_nonnull(low);
	ck_assert(top < mid);
	/* Each instance once though written under both layouts: 3 rows. */
	ck_assert_ptr_nonnull(strstr(buffer, "3 instances of 3 minifilters from 3 INF files"));
	ck_assert_ptr_nonnull(strstr(buffer, "altitude collision"));
	/* The collision is marked on the 367000 rows, not on the top one. */
	const char *top_end = strchr(top, '\n');
	ck_assert_ptr_nonnull(strstr(top_end, "<- altitude collision"));
	ck_assert(strstr(top, "<- altitude collision") > top_end);
	ck_assert_ptr_null(strstr(buffer, "not placed"));
	free(buffer);
	fl_inf_free(a);
	fl_inf_free(b);
	fl_inf_free(c);
	free(low_text);
	free(low_filled);
}
END_TEST

/* The --stack view of one INF installing one filter with one instance,
 * `service_count` service sections and `instance_count` instance keys in
 * the first: it says one instance of one minifilter, and no collision of
 * the filter with itself.  The caller frees it. */
static char *fl_one_filter_stack(const char *path, size_t service_count, size_t instance_count)
{
	struct fl_input_errors errors = {0};
	struct fl_inf *inf = fl_inf_read(path, &errors);
	ck_assert_ptr_nonnull(inf);
	ck_assert_uint_eq(inf->service_count, service_count);
	ck_assert_uint_eq(inf->services[0].instance_count, instance_count);
	char *buffer = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buffer, &size);
	struct fl_inf *infs[] = { inf };
	ck_assert_int_eq(fl_inf_print_stack(out, infs, 1), 0);
	fclose(out);
	ck_assert_ptr_nonnull(strstr(buffer, "1 instance of 1 minifilter from 1 INF file"));
	ck_assert_ptr_null(strstr(buffer, "collision"));
	fl_inf_free(inf);
	fl_input_errors_free(&errors);
	return buffer;
}

/* One service name installed by two sections, one per layout (Microsoft's
 * current samples). */
START_TEST(test_stack_split_layout_sections)
{
	char *buffer = fl_one_filter_stack(FL_SOURCE_DIR "/fixtures/inf/good_split_layout_sections.inf", 2, 1);
	ck_assert_ptr_null(strstr(buffer, " only)"));
	free(buffer);
}
END_TEST

/* One service writing its instance under both layouts (Parameters\Instances
 * for Windows 11 24H2 and later, Instances downlevel, as Microsoft's
 * passThrough INF does). */
START_TEST(test_stack_both_layouts_one_service)
{
	free(fl_one_filter_stack(FL_SOURCE_DIR "/fixtures/inf/good_utf16_both_layouts.inf", 1, 2));
}
END_TEST

START_TEST(test_stack_unplaced_and_empty)
{
	struct fl_inf *bad = fl_parse_minifilter("high");
	char *buffer = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buffer, &size);
	struct fl_inf *infs[] = { bad };
	ck_assert_int_eq(fl_inf_print_stack(out, infs, 1), 0);
	ck_assert_int_eq(fl_inf_print_stack(out, NULL, 0), 0);
	fclose(out);
	ck_assert_ptr_nonnull(strstr(buffer, "not placed (no valid altitude)"));
	ck_assert_ptr_nonnull(strstr(buffer, "(no minifilter instances found)"));
	free(buffer);
	fl_inf_free(bad);
}
END_TEST

Suite *fl_inf_suite(void)
{
	Suite *suite = suite_create("inf");
	TCase *reader = tcase_create("reader");
	tcase_add_test(reader, test_sections_entries_fields);
	tcase_add_test(reader, test_continuation_and_line_numbers);
	tcase_add_test(reader, test_strings_substitution);
	tcase_add_test(reader, test_encodings);
	tcase_add_test(reader, test_malformed);
	tcase_add_test(reader, test_read_files);
	tcase_add_test(reader, test_decode_text);
	tcase_add_test(reader, test_altitude_numbers);
	suite_add_tcase(suite, reader);
	TCase *model = tcase_create("model");
	tcase_add_test(model, test_model_layouts);
	tcase_add_test(model, test_model_not_minifilter);
	suite_add_tcase(suite, model);
	TCase *rules = tcase_create("rules");
	tcase_add_test(rules, test_rules_clean);
	tcase_add_test(rules, test_rule_sample_altitude_once);
	tcase_add_test(rules, test_rule_altitude_range_and_format);
	tcase_add_test(rules, test_rules_service_keys);
	tcase_add_test(rules, test_rule_reserved_group);
	tcase_add_test(rules, test_knowledge);
	suite_add_tcase(suite, rules);
	TCase *stack = tcase_create("stack");
	tcase_add_test(stack, test_stack_order);
	tcase_add_test(stack, test_stack_unplaced_and_empty);
	tcase_add_test(stack, test_stack_split_layout_sections);
	tcase_add_test(stack, test_stack_both_layouts_one_service);
	suite_add_tcase(suite, stack);
	return suite;
}
