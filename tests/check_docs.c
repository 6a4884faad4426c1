/* The documentation stays true to the registrations: every rule has its
 * page, and the README's rules table is the one the registrations give (a
 * rule's summary is written once, in its registration).  On a mismatch the
 * test prints the table to paste.  Likewise for the options: --help, the
 * man page and the README's option table name every option of the CLI's
 * table (analyzer/cli/options.c), and no other. */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/options.h"
#include "rule.h"
#include "suites.h"
#include "util.h"

#define FL_README FL_SOURCE_DIR "/README.md"
#define FL_MAN_PAGE FL_SOURCE_DIR "/docs/fltlint.1"

static char *fl_rules_table(void)
{
	char *table = fl_xstrdup("| rule | default severity | MSVC | what it finds |\n|---|---|---|---|\n");
	for (size_t i = 0; fl_rules[i]; i++) {
		const struct fl_rule *rule = fl_rules[i];
		char msvc[16] = "";
		if (rule->msvc_warning)
			snprintf(msvc, sizeof(msvc), "C%d", rule->msvc_warning);
		char *row = fl_xasprintf("%s| [`%s`](docs/rules/%s.md) | %s | %s | %s |\n", table, rule->id, rule->id,
					 fl_severity_name(rule->severity), msvc, rule->summary);
		free(table);
		table = row;
	}
	return table;
}

START_TEST(test_every_rule_has_a_page)
{
	for (size_t i = 0; fl_rules[i]; i++) {
		char *page = fl_xasprintf("%s/docs/rules/%s.md", FL_SOURCE_DIR, fl_rules[i]->id);
		ck_assert_msg(access(page, R_OK) == 0, "rule %s has no page %s", fl_rules[i]->id, page);
		free(page);
	}
}
END_TEST

START_TEST(test_readme_rules_table)
{
	size_t length;
	char *readme = fl_read_file(FL_README, &length);
	ck_assert_ptr_nonnull(readme);
	const char *begin = strstr(readme, "<!-- rules:begin");
	const char *end = strstr(readme, "<!-- rules:end -->");
	ck_assert_msg(begin && end && end > begin, "README.md lacks the rules:begin/rules:end markers");
	begin = strchr(begin, '\n') + 1;
	char *written = fl_xstrndup(begin, (size_t)(end - begin));
	char *wanted = fl_rules_table();
	ck_assert_msg(strcmp(written, wanted) == 0, "README.md's rules table is stale; paste this:\n%s", wanted);
	free(written);
	free(wanted);
	free(readme);
}
END_TEST

/* ---- options ---- */

static bool fl_is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '-';
}

static bool fl_strv_has(const struct fl_strv *names, const char *name)
{
	for (size_t i = 0; i < names->count; i++)
		if (strcmp(names->items[i], name) == 0)
			return true;
	return false;
}

/* The options `text` names: every "--name" and "-x" that stands alone (not
 * inside a word, a longer option or a path). */
static void fl_named_options(const char *text, struct fl_strv *names)
{
	for (const char *at = text; (at = strchr(at, '-')); at++) {
		if (at > text && (fl_is_name_char(at[-1]) || at[-1] == '/'))
			continue;
		size_t length = 1;
		while (fl_is_name_char(at[length]))
			length++;
		bool is_long = at[1] == '-' && isalpha((unsigned char)at[2]);
		bool is_short = length == 2 && isalpha((unsigned char)at[1]);
		char *name = fl_xstrndup(at, length);
		if ((is_long || is_short) && !fl_strv_has(names, name))
			fl_strv_push_owned(names, name);
		else
			free(name);
		at += length - 1;
	}
}

/* The option a name ("--jobs", "-j") is, or NULL. */
static const struct fl_option *fl_option_named(const char *name)
{
	for (size_t i = 0; i < fl_options_count; i++) {
		const struct fl_option *option = &fl_options[i];
		if (name[1] == '-' ? option->name && strcmp(name + 2, option->name) == 0
				   : option->letter && name[1] == option->letter && !name[2])
			return option;
	}
	return NULL;
}

/* Fails naming every option of the table that `names` lacks and every name
 * that is no option. */
static void fl_check_option_names(const char *where, const struct fl_strv *names)
{
	char *problems = fl_xstrdup("");
	for (size_t i = 0; i < fl_options_count; i++) {
		const struct fl_option *option = &fl_options[i];
		char *long_name = option->name ? fl_xasprintf("--%s", option->name) : NULL;
		char short_name[3] = {'-', option->letter, 0};
		const char *missing[2] = {
			long_name && !fl_strv_has(names, long_name) ? long_name : NULL,
			option->letter && !fl_strv_has(names, short_name) ? short_name : NULL,
		};
		for (size_t k = 0; k < 2; k++) {
			if (!missing[k])
				continue;
			char *more = fl_xasprintf("%s  %s is missing\n", problems, missing[k]);
			free(problems);
			problems = more;
		}
		free(long_name);
	}
	for (size_t i = 0; i < names->count; i++) {
		if (fl_option_named(names->items[i]))
			continue;
		char *more = fl_xasprintf("%s  %s is no option\n", problems, names->items[i]);
		free(problems);
		problems = more;
	}
	ck_assert_msg(!problems[0], "%s:\n%s", where, problems);
	free(problems);
}

/* The man page's text with its font changes (\fB...) dropped and its
 * hyphens (\-) plain. */
static char *fl_man_plain(const char *page)
{
	char *plain = fl_xstrdup(page);
	char *out = plain;
	for (const char *in = page; *in;) {
		if (in[0] == '\\' && in[1] == 'f' && in[2]) {
			in += 3;
		} else if (in[0] == '\\' && in[1] == '-') {
			*out++ = '-';
			in += 2;
		} else {
			*out++ = *in++;
		}
	}
	*out = 0;
	return plain;
}

/* --help is made from the table, but each row's left column is written by
 * hand. */
START_TEST(test_help_options)
{
	char *help = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&help, &length);
	ck_assert_ptr_nonnull(out);
	fl_options_print_help(out);
	fclose(out);
	struct fl_strv names = {0};
	fl_named_options(help, &names);
	fl_check_option_names("fltlint --help", &names);
	fl_strv_free(&names);
	free(help);
}
END_TEST

START_TEST(test_man_page_options)
{
	size_t length;
	char *page = fl_read_file(FL_MAN_PAGE, &length);
	ck_assert_ptr_nonnull(page);
	char *plain = fl_man_plain(page);
	struct fl_strv names = {0};
	fl_named_options(plain, &names);
	fl_check_option_names("docs/fltlint.1", &names);
	fl_strv_free(&names);
	free(plain);
	free(page);
}
END_TEST

START_TEST(test_readme_options_table)
{
	size_t length;
	char *readme = fl_read_file(FL_README, &length);
	ck_assert_ptr_nonnull(readme);
	const char *begin = strstr(readme, "\n| option | |\n");
	ck_assert_msg(begin, "README.md lacks its option table (a \"| option | |\" header)");
	const char *end = strstr(begin + 1, "\n\n");
	char *table = fl_xstrndup(begin, end ? (size_t)(end - begin) : strlen(begin));
	struct fl_strv names = {0};
	fl_named_options(table, &names);
	fl_check_option_names("README.md's option table", &names);
	fl_strv_free(&names);
	free(table);
	free(readme);
}
END_TEST

Suite *fl_docs_suite(void)
{
	Suite *suite = suite_create("docs");
	TCase *docs = tcase_create("docs");
	tcase_add_test(docs, test_every_rule_has_a_page);
	tcase_add_test(docs, test_readme_rules_table);
	tcase_add_test(docs, test_help_options);
	tcase_add_test(docs, test_man_page_options);
	tcase_add_test(docs, test_readme_options_table);
	suite_add_tcase(suite, docs);
	return suite;
}
