/* Fingerprints: a finding's identity that survives unrelated edits.
 *
 * SHA-256 (OpenSSL's libcrypto, which the cache already uses) of the rule
 * id, the file's path relative to the project root, the reported line's
 * text with its whitespace trimmed and collapsed, and the function name;
 * the first 32 hex digits, then `:` and the occurrence index (1-based) among
 * the findings that hash alike, in report order.  No line number: a finding
 * that moves keeps its fingerprint; one whose line is edited gets a new one.
 * The part before `:` is the "base" a baseline counts. */
#ifndef FL_FINGERPRINT_H
#define FL_FINGERPRINT_H

#include "findings.h"

/* Fills each finding's `fingerprint`, `end_line` and `end_column` (the end
 * of the identifier the finding points at, when it points at one).  The
 * findings must be sorted. */
void fl_fingerprint_findings(struct fl_findings *findings, const char *root);

/* The base of one finding (32 hex digits) given its parts; `line_text` is
 * the raw line (trimmed here). */
void fl_fingerprint_base(const char *rule, const char *relative_path, const char *line_text,
			 const char *function, char out[33]);

#endif
