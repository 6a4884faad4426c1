/* The config file (docs/config.md): `.fltlint` or `.fltlint.json`, JSON,
 * found by walking up from the analyzed paths, or named by --config.
 *
 *   { "rules": { "kernel-handle": "error", "inf-sample-altitude": "off" },
 *     "exclude": ["third_party", "*_test.c"],
 *     "include_dirs": ["inc"], "defines": ["POOL_NX_OPTIN=1"], "strict_parse": true }
 *
 * Unknown keys and rule ids are errors: a typo must not switch a check off
 * silently. */
#ifndef FL_CONFIG_H
#define FL_CONFIG_H

#include <stdbool.h>

#include "findings.h"
#include "util.h"

struct fl_config_rule {
	char *id;
	bool off;
	bool severity_set;
	enum fl_severity severity; /* the setting: see fl_severity_configured() */
};

struct fl_config {
	char *path;                 /* the file read; NULL when none */
	char *dir;                  /* its folder, absolute: the base of relative entries */
	size_t rule_count;
	struct fl_config_rule *rules;
	struct fl_strv exclude;     /* patterns, relative to `dir` */
	struct fl_strv include_dirs;/* absolute */
	struct fl_strv defines;     /* NAME or NAME=VALUE */
	bool strict_parse;          /* a unit analyzed with clang errors makes the exit code 2 */
};

/* The config file for `paths`: the first `.fltlint` or `.fltlint.json` met
 * walking up from the first path that has one.  NULL when none. */
char *fl_config_find(const struct fl_strv *paths);

/* Reads `path` into `out`.  Returns 0, or -1 with a message in *error. */
int fl_config_load(const char *path, struct fl_config *out, char **error);
void fl_config_free(struct fl_config *config);

/* Whether the config excludes `path` (a source, or a finding's file). */
bool fl_config_excludes(const struct fl_config *config, const char *path);

/* Drops the findings of disabled rules and of excluded files, and maps the
 * others through their rule's setting (fl_severity_configured).  Returns how
 * many were dropped. */
size_t fl_config_apply(const struct fl_config *config, struct fl_findings *findings);

#endif
