/* The config file (config.h). */
#include "sources/config.h"

#include <fnmatch.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sources/project.h"
#include "rule.h"

static bool fl_is_file(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

char *fl_config_find(const struct fl_strv *paths)
{
	static const char *const names[] = { ".fltlint", ".fltlint.json" };
	for (size_t i = 0; i < paths->count; i++) {
		char resolved[PATH_MAX];
		if (!realpath(paths->items[i], resolved))
			continue;
		struct stat info;
		if (stat(resolved, &info) == 0 && !S_ISDIR(info.st_mode)) {
			char *slash = strrchr(resolved, '/');
			if (slash)
				*(slash == resolved ? slash + 1 : slash) = '\0';
		}
		for (;;) {
			for (size_t n = 0; n < 2; n++) {
				char *candidate = fl_xasprintf("%s/%s", strcmp(resolved, "/") ? resolved : "", names[n]);
				if (fl_is_file(candidate))
					return candidate;
				free(candidate);
			}
			char *slash = strrchr(resolved, '/');
			if (!slash || strcmp(resolved, "/") == 0)
				break;
			*(slash == resolved ? slash + 1 : slash) = '\0';
		}
	}
	return NULL;
}

static int fl_config_strings(json_t *value, const char *key, struct fl_strv *out, const char *base, char **error)
{
	if (!value)
		return 0;
	if (!json_is_array(value)) {
		*error = fl_xasprintf("'%s' must be a list of strings", key);
		return -1;
	}
	size_t index;
	json_t *item;
	json_array_foreach(value, index, item) {
		if (!json_is_string(item) || !json_string_value(item)[0]) {
			*error = fl_xasprintf("'%s' must be a list of non-empty strings", key);
			return -1;
		}
		const char *text = json_string_value(item);
		if (base)
			fl_strv_push_owned(out, text[0] == '/' ? fl_xstrdup(text) : fl_project_resolve(base, text));
		else
			fl_strv_push(out, text);
	}
	return 0;
}

int fl_config_load(const char *path, struct fl_config *out, char **error)
{
	memset(out, 0, sizeof(*out));
	json_error_t json_error;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &json_error);
	if (!root) {
		*error = fl_xasprintf("%s:%d: %s", path, json_error.line, json_error.text);
		return -1;
	}
	char *problem = NULL;
	if (!json_is_object(root))
		problem = fl_xstrdup("the config must be a JSON object");
	const char *key;
	json_t *value;
	json_object_foreach(root, key, value) {
		if (problem)
			break;
		if (strcmp(key, "rules") != 0 && strcmp(key, "exclude") != 0 && strcmp(key, "include_dirs") != 0 &&
		    strcmp(key, "defines") != 0 && strcmp(key, "strict_parse") != 0 && strcmp(key, "$schema") != 0)
			problem = fl_xasprintf("unknown key '%s' (rules, exclude, include_dirs, defines, strict_parse)",
					       key);
	}
	out->path = fl_xstrdup(path);
	out->dir = fl_project_root(NULL, path);
	json_t *rules = json_object_get(root, "rules");
	if (!problem && rules && !json_is_object(rules))
		problem = fl_xstrdup("'rules' must be an object of rule id to \"off\", \"on\", \"note\", "
				     "\"warning\" or \"error\"");
	if (!problem && rules) {
		out->rules = fl_xcalloc(json_object_size(rules) + 1, sizeof(*out->rules));
		json_object_foreach(rules, key, value) {
			if (!fl_rule_find(key)) {
				problem = fl_xasprintf("'rules' names unknown rule '%s' (see fltlint --list-rules)", key);
				break;
			}
			const char *setting = json_string_value(value);
			struct fl_config_rule rule = { .id = fl_xstrdup(key) };
			if (setting && strcmp(setting, "off") == 0)
				rule.off = true;
			else if (setting && strcmp(setting, "on") == 0)
				;
			else if (setting && fl_severity_parse(setting, &rule.severity) == 0)
				rule.severity_set = true;
			else {
				free(rule.id);
				problem = fl_xasprintf("rule '%s': want \"off\", \"on\", \"note\", \"warning\" or "
						       "\"error\"", key);
				break;
			}
			out->rules[out->rule_count++] = rule;
		}
	}
	if (!problem)
		fl_config_strings(json_object_get(root, "exclude"), "exclude", &out->exclude, NULL, &problem);
	if (!problem)
		fl_config_strings(json_object_get(root, "include_dirs"), "include_dirs", &out->include_dirs, out->dir,
				  &problem);
	if (!problem)
		fl_config_strings(json_object_get(root, "defines"), "defines", &out->defines, NULL, &problem);
	json_t *strict_parse = json_object_get(root, "strict_parse");
	if (!problem && strict_parse && !json_is_boolean(strict_parse))
		problem = fl_xstrdup("'strict_parse' must be true or false");
	out->strict_parse = json_is_true(strict_parse);
	json_decref(root);
	if (problem) {
		*error = fl_xasprintf("%s: %s", path, problem);
		free(problem);
		fl_config_free(out);
		return -1;
	}
	return 0;
}

void fl_config_free(struct fl_config *config)
{
	if (!config)
		return;
	for (size_t i = 0; i < config->rule_count; i++)
		free(config->rules[i].id);
	free(config->rules);
	free(config->path);
	free(config->dir);
	fl_strv_free(&config->exclude);
	fl_strv_free(&config->include_dirs);
	fl_strv_free(&config->defines);
	memset(config, 0, sizeof(*config));
}

/* A pattern matches the path relative to the config's folder, or one of its
 * leading folders (so "third_party" excludes what is under it); `*` crosses
 * `/`.  A pattern without `/` also matches any one component. */
static bool fl_pattern_matches(const char *pattern, const char *relative)
{
	if (fnmatch(pattern, relative, 0) == 0)
		return true;
	bool anywhere = !strchr(pattern, '/');
	char *copy = fl_xstrdup(relative);
	bool matched = false;
	for (char *slash = strchr(copy, '/'); slash && !matched; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		matched = fnmatch(pattern, copy, 0) == 0;
		*slash = '/';
	}
	if (!matched && anywhere) {
		for (char *part = copy, *next; part && !matched; part = next) {
			next = strchr(part, '/');
			if (next)
				*next++ = '\0';
			matched = fnmatch(pattern, part, 0) == 0;
		}
	}
	free(copy);
	return matched;
}

bool fl_config_excludes(const struct fl_config *config, const char *path)
{
	if (!config || !config->exclude.count || !path || !path[0])
		return false;
	char *relative = fl_project_relative(config->dir, path);
	bool excluded = false;
	for (size_t i = 0; i < config->exclude.count && !excluded; i++) {
		const char *pattern = config->exclude.items[i];
		while (pattern[0] == '.' && pattern[1] == '/')
			pattern += 2;
		excluded = fl_pattern_matches(pattern, relative);
	}
	free(relative);
	return excluded;
}

/* Drops what an excluded path or a rule turned off reports, and maps the
 * rest through the rule's setting (fl_severity_configured: the one place a
 * configured severity is decided). */
static bool fl_config_keep(struct fl_finding *finding, void *data)
{
	const struct fl_config *config = data;
	if (fl_config_excludes(config, finding->loc.file))
		return false;
	for (size_t r = 0; config && r < config->rule_count; r++) {
		if (strcmp(config->rules[r].id, finding->rule) != 0)
			continue;
		if (config->rules[r].off)
			return false;
		const struct fl_rule *rule = fl_rule_find(finding->rule);
		if (config->rules[r].severity_set && rule)
			finding->severity = fl_severity_configured(rule, finding->severity, config->rules[r].severity);
	}
	return true;
}

size_t fl_config_apply(const struct fl_config *config, struct fl_findings *findings)
{
	return fl_findings_keep(findings, fl_config_keep, (void *)config);
}
