/* INF files: the reader, and the minifilter model derived from what it reads.
 *
 * A minifilter's place in the stack is set by its INF (the instance altitudes
 * under the service key), not by its code, so fltlint reads the `.inf`/`.inx`
 * files beside the sources.  The reader follows the documented INF syntax
 * (WDD install/general-syntax-rules-for-inf-files, inf-strings-section):
 * case-insensitive [sections] (same-named ones merged), `;` comments outside
 * quotes and %strkey% tokens, `\` line continuation, comma-separated fields,
 * "quoted" text with "" for a quote, %% for a percent, %strkey% substituted
 * from [Strings] (then [Strings.<lang>]), %<number>% DIRIDs kept as written.
 * Files may be UTF-8 (with or without BOM), ANSI (bytes that are not UTF-8
 * become U+FFFD), or UTF-16LE/BE with a BOM.  Every string handed on is valid
 * UTF-8.
 *
 * The model (inf_model.c) is what the rules read: services installed by
 * AddService, their ServiceType / StartType / LoadOrderGroup / Dependencies,
 * and the instances their AddReg sections define under `Instances` (the
 * older layout) and `Parameters\Instances` (Windows 11 24H2 and later), each
 * value with the line it is written on.
 */
#ifndef FL_INF_H
#define FL_INF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "facts/facts.h"
#include "findings.h"
#include "util.h"

/* One value of an entry, unquoted and substituted. */
struct fl_inf_field {
	char *text;
	/* When the whole field is one %strkey% token: the line of its [Strings]
	 * entry (where a user edits the value).  0 otherwise. */
	unsigned origin_line;
};

/* One entry: `key = fields` or a bare field list (AddReg, CopyFiles lines). */
struct fl_inf_line {
	unsigned line;      /* physical line the entry starts on */
	unsigned last_line; /* last physical line, after `\` continuations */
	char *key;          /* NULL when the entry has no `=` */
	size_t field_count;
	struct fl_inf_field *fields;
};

struct fl_inf_section {
	char *name;    /* as written in its first header */
	unsigned line; /* its first header */
	size_t line_count;
	struct fl_inf_line *lines;
};

struct fl_inf_string {
	char *key;
	char *value;
	unsigned line;
};

/* Where FltMgr finds instance definitions under the service key. */
enum fl_inf_layout {
	FL_INF_LAYOUT_LEGACY,     /* HKR,"Instances\<name>",... */
	FL_INF_LAYOUT_PARAMETERS, /* HKR,"Parameters\Instances\<name>",... (24H2+) */
	FL_INF_LAYOUT_COUNT
};

const char *fl_inf_layout_name(enum fl_inf_layout layout);

/* AddReg value types (FLG_ADDREG_TYPE_*, the type bits of the flags field). */
#define FL_ADDREG_TYPE_MASK 0xffff0001UL
#define FL_ADDREG_TYPE_SZ 0x00000000UL
#define FL_ADDREG_TYPE_MULTI_SZ 0x00010000UL
#define FL_ADDREG_TYPE_EXPAND_SZ 0x00020000UL
#define FL_ADDREG_TYPE_BINARY 0x00000001UL
#define FL_ADDREG_TYPE_DWORD 0x00010001UL

/* A value the model took from the INF. */
struct fl_inf_value {
	char *text;              /* NULL when the INF does not set it */
	unsigned line;           /* where the text is written (see fl_inf_field.origin_line), else the directive */
	unsigned directive_line; /* the entry that sets it */
	unsigned long reg_type;  /* AddReg values: the FL_ADDREG_TYPE_* bits */
};

struct fl_inf_instance {
	char *name;
	enum fl_inf_layout layout;
	unsigned line; /* the first AddReg entry that names it */
	struct fl_inf_value altitude;
	struct fl_inf_value flags;
};

struct fl_inf_service {
	char *name;                /* AddService's first field */
	char *section;             /* its ServiceInstall section */
	unsigned add_service_line;
	unsigned section_line;     /* header of the ServiceInstall section; 0 when it is missing */
	struct fl_inf_value service_type;
	struct fl_inf_value start_type;
	struct fl_inf_value load_order_group;
	struct fl_strv dependencies; /* each service or +group named by Dependencies */
	unsigned dependencies_line;  /* 0 when there is no Dependencies entry */
	unsigned addreg_line;        /* the first AddReg entry of the service section; 0 when none */

	size_t instance_count;
	struct fl_inf_instance *instances;
	/* Per layout: the DefaultInstance value, and the header of the first
	 * AddReg section that writes under that layout (0: layout unused). */
	struct fl_inf_value default_instance[FL_INF_LAYOUT_COUNT];
	unsigned layout_section_line[FL_INF_LAYOUT_COUNT];

	/* Whether this looks like a minifilter service (it names FltMgr, an
	 * FSFilter group, instances, or is a file system driver): the INF rules
	 * check only these, so a helper Win32 service in the same INF stays quiet. */
	bool is_minifilter;
};

struct fl_inf {
	char *path; /* as the run names it */
	enum { FL_INF_UTF8, FL_INF_ANSI, FL_INF_UTF16LE, FL_INF_UTF16BE } encoding;
	size_t section_count;
	struct fl_inf_section *sections;
	size_t string_count;
	struct fl_inf_string *strings; /* sorted by key (case-insensitive), one per key */

	size_t service_count;
	struct fl_inf_service *services;
};

/* Reads and parses an INF and derives its model.  On an unreadable or
 * malformed file, returns NULL and adds one input error naming the file and
 * the first offending line. */
struct fl_inf *fl_inf_read(const char *path, struct fl_input_errors *errors);
/* The same from bytes in memory (`path` only names it in messages). */
struct fl_inf *fl_inf_parse(const char *path, const char *data, size_t length,
			    struct fl_input_errors *errors);
void fl_inf_free(struct fl_inf *inf);

/* A file's physical lines as UTF-8, decoded as fl_inf_read decodes them but
 * leniently (what cannot be decoded becomes U+FFFD), for the fixture harness
 * to find `; expect:` comments in UTF-16 files.  lines->items[i] is line i+1.
 * Returns 0, or -1 with an input error when the file cannot be read. */
int fl_inf_read_text(const char *path, struct fl_strv *lines, struct fl_input_errors *errors);

/* The same for bytes in memory, as one string whose lines end in '\n' only
 * (CRLF and lone CR, both line ends for INFs, become '\n'): line N of the
 * result is line N of fl_inf_read's messages.  For the fixture harness's
 * fl_expect_parse on .inf/.inx fixtures.  Caller frees. */
char *fl_inf_decode_text(const char *data, size_t length, size_t *out_length);

/* The section named `name` (case-insensitive), or NULL. */
const struct fl_inf_section *fl_inf_section(const struct fl_inf *inf, const char *name);
/* The first entry of `section` with key `key` (case-insensitive), or NULL. */
const struct fl_inf_line *fl_inf_entry(const struct fl_inf_section *section, const char *key);

/* A location in the INF for a finding (file points into `inf`; fl_report copies). */
struct fl_loc fl_inf_loc(const struct fl_inf *inf, unsigned line);

/* Altitudes are "infinite-precision" decimal strings (WDD ifs/load-order-
 * groups-and-altitudes-for-minifilter-drivers): digits, optionally a point
 * and more digits.  Compare them as decimals, never as doubles. */
bool fl_inf_altitude_valid(const char *text);
/* <0, 0, >0 as a is below, equal to, above b; both must be valid. */
int fl_inf_altitude_compare(const char *a, const char *b);
/* Parses an INF number (0x-prefixed hex or decimal, whole string). */
bool fl_inf_parse_number(const char *text, unsigned long *out);

/* Derives the minifilter model (services, instances) of a parsed INF.
 * Called by fl_inf_parse; exposed for tests. */
void fl_inf_build_model(struct fl_inf *inf);

/* The --stack view: every instance of every minifilter service of `infs`,
 * highest altitude first (the top of a Filter Manager frame first), with its
 * group, service, instance, flags and where it is defined; instances that
 * share an altitude are marked (Filter Manager refuses the second one).
 * Returns 0, or -1 when writing fails. */
int fl_inf_print_stack(FILE *out, struct fl_inf *const *infs, size_t count);

#endif
