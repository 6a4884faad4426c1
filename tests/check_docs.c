/* The documentation stays true to the registrations: every rule has its
 * page, and the README's rules table is the one the registrations give (a
 * rule's summary is written once, in its registration).  On a mismatch the
 * test prints the table to paste. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rule.h"
#include "suites.h"
#include "util.h"

#define FL_README FL_SOURCE_DIR "/README.md"

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

Suite *fl_docs_suite(void)
{
	Suite *suite = suite_create("docs");
	TCase *docs = tcase_create("docs");
	tcase_add_test(docs, test_every_rule_has_a_page);
	tcase_add_test(docs, test_readme_rules_table);
	suite_add_tcase(suite, docs);
	return suite;
}
