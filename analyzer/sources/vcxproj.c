/* Visual Studio projects and solutions (vcxproj.h).
 *
 * An MSBuild evaluator in miniature: properties in document order,
 * conditions of the forms Visual Studio writes ('$(Configuration)|$(Platform)'
 * == 'Release|x64', !=, and, or, Exists(...)), item definitions and items.
 * A condition it cannot read is taken as true (and noted). */
#include "sources/vcxproj.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sources/compdb.h"
#include "sources/discover.h"
#include "sources/project.h"

struct fl_props {
	struct fl_strv names, values;
};

static const char *fl_prop_get(const struct fl_props *props, const char *name, size_t length)
{
	for (size_t i = props->names.count; i-- > 0;)
		if (strlen(props->names.items[i]) == length && strncasecmp(props->names.items[i], name, length) == 0)
			return props->values.items[i];
	return NULL;
}

static void fl_prop_set(struct fl_props *props, const char *name, const char *value)
{
	fl_strv_push(&props->names, name);
	fl_strv_push(&props->values, value);
}

/* Expands $(Name); `previous` stands for %(...) (item metadata inherited).
 * Sets *unresolved when a $(...) is unknown. */
static char *fl_expand(const struct fl_props *props, const char *text, const char *previous, bool *unresolved)
{
	size_t capacity = strlen(text) + 1, n = 0;
	char *out = fl_xmalloc(capacity);
	for (const char *p = text; *p;) {
		if ((p[0] == '$' || p[0] == '%') && p[1] == '(') {
			const char *close = strchr(p, ')');
			if (close) {
				const char *value = p[0] == '%' ? previous
							       : fl_prop_get(props, p + 2, (size_t)(close - p - 2));
				if (!value && p[0] == '$' && unresolved)
					*unresolved = true;
				char *hole = NULL;
				if (!value && p[0] == '$') {
					/* \x01NAME\x02 marks the hole; the caller drops the entry. */
					hole = fl_xasprintf("\x01%.*s\x02", (int)(close - p - 2), p + 2);
					value = hole;
				}
				size_t length = value ? strlen(value) : 0;
				FL_GROW(out, capacity, n + length + 1);
				if (length)
					memcpy(out + n, value, length);
				n += length;
				free(hole);
				p = close + 1;
				continue;
			}
		}
		FL_GROW(out, capacity, n + 2);
		out[n++] = *p++;
	}
	out[n] = '\0';
	return out;
}

static char *fl_trim(char *text)
{
	while (isspace((unsigned char)*text))
		text++;
	size_t length = strlen(text);
	while (length && isspace((unsigned char)text[length - 1]))
		text[--length] = '\0';
	return text;
}

/* One comparison: 'a' == 'b', 'a' != 'b', Exists('p'), or true/false. */
static bool fl_condition_term(char *term, const char *base, bool *understood)
{
	term = fl_trim(term);
	while (term[0] == '(' && term[strlen(term) - 1] == ')') {
		term[strlen(term) - 1] = '\0';
		term = fl_trim(term + 1);
	}
	if (strncasecmp(term, "exists(", 7) == 0 || strncasecmp(term, "!exists(", 8) == 0) {
		bool negate = term[0] == '!';
		char *inside = fl_trim(term + (negate ? 8 : 7));
		size_t length = strlen(inside);
		if (length && inside[length - 1] == ')')
			inside[--length] = '\0';
		inside = fl_trim(inside);
		length = strlen(inside);
		if (length >= 2 && inside[0] == '\'' && inside[length - 1] == '\'') {
			inside[length - 1] = '\0';
			inside++;
		}
		char *path = fl_project_resolve(base, inside);
		struct stat info;
		bool exists = stat(path, &info) == 0;
		free(path);
		return negate ? !exists : exists;
	}
	char *op = strstr(term, "==");
	bool equal = true;
	if (!op) {
		op = strstr(term, "!=");
		equal = false;
	}
	if (!op) {
		if (strcasecmp(term, "true") == 0)
			return true;
		if (strcasecmp(term, "false") == 0)
			return false;
		*understood = false;
		return true;
	}
	*op = '\0';
	char *left = fl_trim(term), *right = fl_trim(op + 2);
	for (char **side = (char *[]){ left, right }, **end = side + 2; side < end; side++) {
		size_t length = strlen(*side);
		if (length >= 2 && (*side)[0] == '\'' && (*side)[length - 1] == '\'') {
			(*side)[length - 1] = '\0';
			memmove(*side, *side + 1, length - 1);
		}
	}
	return (strcasecmp(left, right) == 0) == equal;
}

/* A condition, after expansion: terms joined by `or` or by `and` (one kind
 * per condition, as Visual Studio writes them). */
static bool fl_condition(const struct fl_props *props, const char *condition, const char *base, struct fl_strv *notes)
{
	if (!condition || !condition[0])
		return true;
	char *text = fl_expand(props, condition, "", NULL);
	bool understood = true;
	bool any_or = false, result;
	char *lower = fl_xstrdup(text);
	for (char *c = lower; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	const char *joiner = strstr(lower, " or ") ? " or " : " and ";
	any_or = strcmp(joiner, " or ") == 0;
	result = !any_or;
	char *rest = text;
	for (;;) {
		char *at = NULL;
		for (char *c = rest; *c; c++)
			if (strncasecmp(c, joiner, strlen(joiner)) == 0) {
				at = c;
				break;
			}
		if (at)
			*at = '\0';
		bool value = fl_condition_term(rest, base, &understood);
		result = any_or ? (result || value) : (result && value);
		if (!at)
			break;
		rest = at + strlen(joiner);
	}
	if (!understood && notes)
		fl_strv_push_owned(notes, fl_xasprintf("condition taken as true: %s", condition));
	free(lower);
	free(text);
	return understood ? result : true;
}

static const char *fl_local_name(const xmlNode *node)
{
	return (const char *)node->name;
}

static char *fl_node_text(const xmlNode *node)
{
	xmlChar *content = xmlNodeGetContent(node);
	char *text = fl_xstrdup(content ? (const char *)content : "");
	xmlFree(content);
	return text;
}

static char *fl_attribute(const xmlNode *node, const char *name)
{
	xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
	char *text = value ? fl_xstrdup((const char *)value) : NULL;
	xmlFree(value);
	return text;
}

static bool fl_node_condition(const struct fl_props *props, const xmlNode *node, const char *base,
			      struct fl_strv *notes)
{
	char *condition = fl_attribute(node, "Condition");
	bool result = fl_condition(props, condition, base, notes);
	free(condition);
	return result;
}

/* The ClCompile metadata fltlint reads. */
struct fl_cl_meta {
	char *include_dirs, *defines, *forced, *excluded;
};

static void fl_meta_free(struct fl_cl_meta *meta)
{
	free(meta->include_dirs);
	free(meta->defines);
	free(meta->forced);
	free(meta->excluded);
}

static void fl_meta_copy(struct fl_cl_meta *to, const struct fl_cl_meta *from)
{
	to->include_dirs = fl_xstrdup(from->include_dirs);
	to->defines = fl_xstrdup(from->defines);
	to->forced = fl_xstrdup(from->forced);
	to->excluded = fl_xstrdup(from->excluded);
}

/* Reads the metadata children of a ClCompile element into `meta`. */
static void fl_read_meta(const struct fl_props *props, const xmlNode *element, struct fl_cl_meta *meta,
			 const char *base, struct fl_strv *notes)
{
	for (const xmlNode *child = element->children; child; child = child->next) {
		if (child->type != XML_ELEMENT_NODE || !fl_node_condition(props, child, base, notes))
			continue;
		char **slot = NULL;
		if (strcmp(fl_local_name(child), "AdditionalIncludeDirectories") == 0)
			slot = &meta->include_dirs;
		else if (strcmp(fl_local_name(child), "PreprocessorDefinitions") == 0)
			slot = &meta->defines;
		else if (strcmp(fl_local_name(child), "ForcedIncludeFiles") == 0)
			slot = &meta->forced;
		else if (strcmp(fl_local_name(child), "ExcludedFromBuild") == 0)
			slot = &meta->excluded;
		if (!slot)
			continue;
		char *text = fl_node_text(child);
		char *expanded = fl_expand(props, text, *slot ? *slot : "", NULL);
		free(text);
		free(*slot);
		*slot = expanded;
	}
}

/* Adds `note` to `notes` unless it is there already (takes it). */
static void fl_note_once(struct fl_strv *notes, char *note)
{
	for (size_t i = 0; notes && i < notes->count; i++)
		if (strcmp(notes->items[i], note) == 0) {
			free(note);
			return;
		}
	if (notes)
		fl_strv_push_owned(notes, note);
	else
		free(note);
}

/* Splits an MSBuild list (;-separated) and adds each entry as clang
 * arguments; entries with an unresolved macro are noted and left out. */
static void fl_meta_args(const struct fl_cl_meta *meta, const char *base, struct fl_strv *args, struct fl_strv *notes)
{
	const char *lists[] = { meta->include_dirs, meta->defines, meta->forced };
	for (int kind = 0; kind < 3; kind++) {
		if (!lists[kind])
			continue;
		char *copy = fl_xstrdup(lists[kind]);
		char *save = NULL;
		for (char *entry = strtok_r(copy, ";", &save); entry; entry = strtok_r(NULL, ";", &save)) {
			entry = fl_trim(entry);
			if (!entry[0])
				continue;
			if (strchr(entry, '\x01')) {
				char *shown = fl_xmalloc(strlen(entry) * 2 + 1), *to = shown;
				for (const char *c = entry; *c; c++) {
					if (*c == '\x01') {
						*to++ = '$';
						*to++ = '(';
					} else {
						*to++ = *c == '\x02' ? ')' : *c;
					}
				}
				*to = '\0';
				fl_note_once(notes, fl_xasprintf("left out (a macro only MSBuild's imports define): %s",
								 shown));
				free(shown);
				continue;
			}
			if (kind == 1) {
				fl_strv_push_owned(args, fl_xasprintf("-D%s", entry));
			} else {
				char *path = fl_project_resolve(base, entry);
				if (kind == 0) {
					fl_strv_push_owned(args, fl_xasprintf("-I%s", path));
				} else {
					fl_strv_push(args, "-include");
					fl_strv_push(args, path);
				}
				free(path);
			}
		}
		free(copy);
	}
}

void fl_vs_implicit_defines(const char *configuration, const char *platform, struct fl_strv *out)
{
	/* The x64 kernel-mode defines (_AMD64_, _WIN64, _KERNEL_MODE,
	 * NTDDI_VERSION) are every unit's already (wdk.c). */
	if (platform && (fl_str_iequal(platform, "Win32") || fl_str_iequal(platform, "x86"))) {
		fl_strv_push(out, "-U_AMD64_");
		fl_strv_push(out, "-U_WIN64");
		fl_strv_push(out, "-D_X86_=1");
		fl_strv_push(out, "-Di386=1");
	} else if (platform && fl_str_iequal(platform, "ARM64")) {
		fl_strv_push(out, "-U_AMD64_");
		fl_strv_push(out, "-D_ARM64_");
		fl_strv_push(out, "-D_ARM64");
	}
	if (configuration && fl_str_istarts_with(configuration, "Debug"))
		fl_strv_push(out, "-DDBG=1");
}

/* An <Inf Include="..."/> item: the INF rules read it with the sources. */
static void fl_vs_add_inf(const struct fl_props *props, const xmlNode *item, const char *base,
			  struct fl_unit_args_list *out)
{
	char *include = fl_attribute(item, "Include");
	bool unresolved = false;
	char *expanded = include ? fl_expand(props, include, "", &unresolved) : NULL;
	if (expanded && !unresolved) {
		char *path = fl_project_resolve(base, expanded);
		struct stat info;
		if (stat(path, &info) == 0 && fl_file_kind(path) == FL_FILE_INF) {
			char *shown = fl_unit_display_path(path);
			struct fl_strv none = { 0 };
			fl_unit_args_add(out, shown, &none);
			free(shown);
		}
		free(path);
	}
	free(expanded);
	free(include);
}

static int fl_vcxproj_load(const char *path, const char *solution_dir, const struct fl_vs_options *options,
			   struct fl_unit_args_list *out, struct fl_input_errors *errors, struct fl_strv *notes,
			   char **error)
{
	xmlDoc *document = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNode *root = document ? xmlDocGetRootElement(document) : NULL;
	if (!root || strcmp(fl_local_name(root), "Project") != 0) {
		const xmlError *problem = xmlGetLastError();
		*error = fl_xasprintf("%s: not a Visual Studio project%s%s", path, problem ? ": " : "",
				      problem && problem->message ? fl_trim(problem->message) : "");
		xmlFreeDoc(document);
		return -1;
	}
	const char *configuration = options->configuration ? options->configuration : "Release";
	const char *platform = options->platform ? options->platform : "x64";
	char *base = fl_project_root(NULL, path);
	struct fl_props props = { 0 };
	char *dir_slash = fl_xasprintf("%s/", base);
	char *name = fl_xstrdup(strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
	if (strrchr(name, '.'))
		*strrchr(name, '.') = '\0';
	char *solution_slash = solution_dir ? fl_xasprintf("%s/", solution_dir) : fl_xstrdup(dir_slash);
	fl_prop_set(&props, "Configuration", configuration);
	fl_prop_set(&props, "Platform", platform);
	fl_prop_set(&props, "ProjectDir", dir_slash);
	fl_prop_set(&props, "MSBuildProjectDirectory", base);
	fl_prop_set(&props, "MSBuildThisFileDirectory", dir_slash);
	fl_prop_set(&props, "ProjectName", name);
	fl_prop_set(&props, "MSBuildProjectName", name);
	fl_prop_set(&props, "TargetName", name);
	fl_prop_set(&props, "SolutionDir", solution_slash);

	struct fl_cl_meta defaults = { 0 };
	/* Two passes: properties and item definitions first (MSBuild evaluates
	 * properties, then item definitions, then items), then the items. */
	for (int pass = 0; pass < 2; pass++) {
		for (xmlNode *group = root->children; group; group = group->next) {
			if (group->type != XML_ELEMENT_NODE || !fl_node_condition(&props, group, base, notes))
				continue;
			const char *kind = fl_local_name(group);
			if (pass == 0 && strcmp(kind, "PropertyGroup") == 0) {
				for (xmlNode *property = group->children; property; property = property->next) {
					if (property->type != XML_ELEMENT_NODE ||
					    !fl_node_condition(&props, property, base, notes))
						continue;
					char *text = fl_node_text(property);
					char *value = fl_expand(&props, fl_trim(text), "", NULL);
					fl_prop_set(&props, fl_local_name(property), value);
					free(value);
					free(text);
				}
			} else if (pass == 0 && strcmp(kind, "ItemDefinitionGroup") == 0) {
				for (xmlNode *definition = group->children; definition; definition = definition->next)
					if (definition->type == XML_ELEMENT_NODE &&
					    strcmp(fl_local_name(definition), "ClCompile") == 0 &&
					    fl_node_condition(&props, definition, base, notes))
						fl_read_meta(&props, definition, &defaults, base, notes);
			} else if (pass == 1 && strcmp(kind, "ItemGroup") == 0) {
				for (xmlNode *item = group->children; item; item = item->next) {
					if (item->type == XML_ELEMENT_NODE && strcmp(fl_local_name(item), "Inf") == 0 &&
					    fl_node_condition(&props, item, base, notes))
						fl_vs_add_inf(&props, item, base, out);
					if (item->type != XML_ELEMENT_NODE || strcmp(fl_local_name(item), "ClCompile") != 0 ||
					    !fl_node_condition(&props, item, base, notes))
						continue;
					char *include = fl_attribute(item, "Include");
					struct fl_cl_meta meta = { 0 };
					fl_meta_copy(&meta, &defaults);
					fl_read_meta(&props, item, &meta, base, notes);
					bool excluded = meta.excluded && fl_str_iequal(fl_trim(meta.excluded), "true");
					char *save = NULL;
					for (char *entry = include ? strtok_r(include, ";", &save) : NULL; entry && !excluded;
					     entry = strtok_r(NULL, ";", &save)) {
						bool unresolved = false;
						char *expanded = fl_expand(&props, fl_trim(entry), "", &unresolved);
						char *source = fl_project_resolve(base, expanded);
						char *shown = fl_unit_display_path(source);
						struct stat info;
						if (unresolved) {
							fl_strv_push_owned(notes, fl_xasprintf("%s: left out (unresolved macro)",
											       entry));
						} else if (fl_file_kind(source) != FL_FILE_SOURCE) {
						} else if (stat(source, &info) != 0) {
							fl_input_error_add(errors, shown, "cannot read: listed in %s but missing",
									   path);
						} else {
							struct fl_strv args = { 0 };
							fl_meta_args(&meta, base, &args, notes);
							fl_vs_implicit_defines(configuration, platform, &args);
							fl_unit_args_add(out, shown, &args);
						}
						free(shown);
						free(source);
						free(expanded);
					}
					fl_meta_free(&meta);
					free(include);
				}
			}
		}
	}
	fl_meta_free(&defaults);
	fl_strv_free(&props.names);
	fl_strv_free(&props.values);
	free(dir_slash);
	free(solution_slash);
	free(name);
	free(base);
	xmlFreeDoc(document);
	return 0;
}

/* A .sln: `Project("{type}") = "Name", "path\to\x.vcxproj", "{guid}"`. */
static int fl_sln_load(const char *path, const struct fl_vs_options *options, struct fl_unit_args_list *out,
		       struct fl_input_errors *errors, struct fl_strv *notes, char **error)
{
	size_t length = 0;
	char *text = fl_read_file(path, &length);
	if (!text) {
		*error = fl_xasprintf("%s: cannot read the solution", path);
		return -1;
	}
	char *base = fl_project_root(NULL, path);
	size_t projects = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line = fl_trim(line);
		if (strncmp(line, "Project(", 8) != 0)
			continue;
		/* The second quoted string after '=' is the path. */
		char *equals = strchr(line, '=');
		char *first = equals ? strchr(equals, '"') : NULL;
		char *first_end = first ? strchr(first + 1, '"') : NULL;
		char *second = first_end ? strchr(first_end + 1, '"') : NULL;
		char *second_end = second ? strchr(second + 1, '"') : NULL;
		if (!second_end)
			continue;
		*second_end = '\0';
		const char *relative = second + 1;
		if (!fl_str_ends_with(relative, ".vcxproj") && !fl_str_ends_with(relative, ".VCXPROJ"))
			continue;
		char *project = fl_project_resolve(base, relative);
		char *problem = NULL;
		if (fl_vcxproj_load(project, base, options, out, errors, notes, &problem) != 0) {
			fl_input_error_add(errors, path, "%s", problem);
			free(problem);
		}
		projects++;
		free(project);
	}
	free(base);
	free(text);
	if (!projects) {
		*error = fl_xasprintf("%s: the solution lists no .vcxproj", path);
		return -1;
	}
	return 0;
}

int fl_vs_load(const char *path, const struct fl_vs_options *options, struct fl_unit_args_list *out,
	       struct fl_input_errors *errors, struct fl_strv *notes, char **error)
{
	const char *dot = strrchr(path, '.');
	if (dot && fl_str_iequal(dot, ".sln"))
		return fl_sln_load(path, options, out, errors, notes, error);
	return fl_vcxproj_load(path, NULL, options, out, errors, notes, error);
}
