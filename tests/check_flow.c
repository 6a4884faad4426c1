/* The flow summary (facts.h, fl_flow_node): what the walker builds from a
 * body, its trip through JSON unchanged, and the reader refusing a summary
 * whose edges or call indices point nowhere. */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "facts_json.h"
#include "parse.h"
#include "suites.h"
#include "util.h"

/* A unit with one function whose summary holds every kind of node, test
 * and source. */
static struct fl_tu_facts *fl_flow_sample(void)
{
	struct fl_tu_facts *facts = fl_xcalloc(1, sizeof(*facts));
	facts->path = fl_xstrdup("sample.c");
	facts->function_count = 1;
	facts->functions = fl_xcalloc(1, sizeof(struct fl_function));
	struct fl_function *function = &facts->functions[0];
	function->name = fl_xstrdup("Sample");
	function->key = fl_xstrdup("Sample");
	function->loc = (struct fl_loc){ fl_xstrdup("sample.c"), 3, 10 };
	function->body_loc = (struct fl_loc){ fl_xstrdup("sample.c"), 4, 1 };
	function->end_loc = (struct fl_loc){ fl_xstrdup("sample.c"), 20, 1 };
	function->section_loc = (struct fl_loc){ fl_xstrdup("sample.c"), 0, 0 };
	function->irql = (struct fl_irql_annotation){ -1, -1, -1, -1 };
	function->call_count = 2;
	function->calls = fl_xcalloc(2, sizeof(struct fl_call));
	function->calls[0] = (struct fl_call){ .callee = fl_xstrdup("FltGetStreamContext"),
					       .callee_key = fl_xstrdup("FltGetStreamContext"),
					       .loc = { fl_xstrdup("sample.c"), 6, 14 } };
	function->calls[1] = (struct fl_call){ .callee = fl_xstrdup("FltReleaseContext"),
					       .callee_key = fl_xstrdup("FltReleaseContext"),
					       .loc = { fl_xstrdup("sample.c"), 9, 5 } };
	struct fl_flow_node nodes[] = {
		{ .kind = FL_FLOW_ASSIGN, .next = 1, .other = FL_FLOW_EXIT, .call = -1, .var = "ctx",
		  .source_kind = FL_FLOW_SOURCE_NULL, .line = 5, .column = 5 },
		{ .kind = FL_FLOW_CALL, .next = 2, .other = FL_FLOW_EXIT, .call = 0, .var = "status",
		  .system_callee = true, .line = 6, .column = 14 },
		{ .kind = FL_FLOW_BRANCH, .next = 3, .other = 8, .call = -1, .var = "status",
		  .test = FL_FLOW_TEST_SUCCESS, .line = 7, .column = 9 },
		{ .kind = FL_FLOW_USE, .next = 4, .other = FL_FLOW_EXIT, .call = -1, .var = "ctx", .line = 8, .column = 9 },
		{ .kind = FL_FLOW_BRANCH, .next = 5, .other = 5, .call = 0, .test = FL_FLOW_TEST_EQUALS,
		  .value = -1071906814LL, .line = 8, .column = 20 },
		{ .kind = FL_FLOW_ASSIGN, .next = 6, .other = FL_FLOW_EXIT, .call = -1, .var = NULL,
		  .source_kind = FL_FLOW_SOURCE_VARIABLE, .source = "ctx", .line = 9, .column = 5 },
		{ .kind = FL_FLOW_ASSIGN, .next = 7, .other = FL_FLOW_EXIT, .call = -1, .var = "found",
		  .source_kind = FL_FLOW_SOURCE_CONSTANT, .value = 1, .line = 10, .column = 5 },
		{ .kind = FL_FLOW_BRANCH, .next = 9, .other = 8, .call = -1, .var = "ctx",
		  .test = FL_FLOW_TEST_NONNULL, .line = 11, .column = 9 },
		{ .kind = FL_FLOW_NOP, .next = 10, .other = FL_FLOW_EXIT, .call = -1, .line = 12, .column = 1 },
		{ .kind = FL_FLOW_CALL, .next = 8, .other = FL_FLOW_EXIT, .call = 1, .line = 13, .column = 9 },
		{ .kind = FL_FLOW_BRANCH, .next = 11, .other = FL_FLOW_EXIT, .call = -1, .test = FL_FLOW_TEST_UNKNOWN,
		  .line = 14, .column = 5 },
		{ .kind = FL_FLOW_RETURN, .next = FL_FLOW_EXIT, .other = FL_FLOW_EXIT, .call = -1, .var = "ctx",
		  .line = 15, .column = 5 },
	};
	size_t count = sizeof(nodes) / sizeof(nodes[0]);
	function->flow = fl_xcalloc(count, sizeof(struct fl_flow_node));
	function->flow_count = count;
	for (size_t i = 0; i < count; i++) {
		function->flow[i] = nodes[i];
		function->flow[i].var = fl_xstrdup(nodes[i].var);
		function->flow[i].source = fl_xstrdup(nodes[i].source);
	}
	function->flow_entry = 0;
	function->flow_incomplete = true;
	return facts;
}

static void fl_assert_same_text(const char *a, const char *b)
{
	ck_assert((a == NULL) == (b == NULL));
	if (a)
		ck_assert_str_eq(a, b);
}

START_TEST(test_round_trip_every_field)
{
	struct fl_tu_facts *facts = fl_flow_sample();
	json_t *json = fl_facts_to_json(facts);
	char *error = NULL;
	struct fl_tu_facts *back = fl_facts_from_json(json, &error);
	ck_assert_msg(back != NULL, "%s", error ? error : "");
	const struct fl_function *a = &facts->functions[0], *b = &back->functions[0];
	ck_assert_uint_eq(a->flow_count, b->flow_count);
	ck_assert_int_eq(a->flow_entry, b->flow_entry);
	ck_assert(b->flow_incomplete);
	for (size_t i = 0; i < a->flow_count; i++) {
		const struct fl_flow_node *x = &a->flow[i], *y = &b->flow[i];
		ck_assert_int_eq(x->kind, y->kind);
		ck_assert_int_eq(x->next, y->next);
		ck_assert_int_eq(x->other, y->other);
		ck_assert_int_eq(x->call, y->call);
		fl_assert_same_text(x->var, y->var);
		ck_assert_int_eq(x->source_kind, y->source_kind);
		fl_assert_same_text(x->source, y->source);
		ck_assert_int_eq(x->test, y->test);
		ck_assert(x->value == y->value);
		ck_assert(x->system_callee == y->system_callee);
		ck_assert_uint_eq(x->line, y->line);
		ck_assert_uint_eq(x->column, y->column);
	}
	json_t *again = fl_facts_to_json(back);
	ck_assert(json_equal(json, again));
	json_decref(again);
	json_decref(json);
	fl_tu_facts_free(back);
	fl_tu_facts_free(facts);
}
END_TEST

/* Sets `key` of flow node `node` (or of the function when node < 0) to
 * `value` in a copy of the sample, and expects the reader to refuse it. */
static void fl_expect_refused(int node, const char *key, json_t *value)
{
	struct fl_tu_facts *facts = fl_flow_sample();
	json_t *json = fl_facts_to_json(facts);
	json_t *function = json_array_get(json_object_get(json, "functions"), 0);
	json_t *target = node < 0 ? function : json_array_get(json_object_get(function, "flow"), (size_t)node);
	if (value)
		json_object_set_new(target, key, value);
	else
		json_object_del(target, key);
	char *error = NULL;
	struct fl_tu_facts *back = fl_facts_from_json(json, &error);
	ck_assert_msg(back == NULL, "accepted a flow with %s changed (node %d)", key, node);
	free(error);
	json_decref(json);
	fl_tu_facts_free(facts);
}

START_TEST(test_reader_refuses_broken_flow)
{
	fl_expect_refused(0, "n", json_integer(12));        /* an edge past the last node */
	fl_expect_refused(2, "o", json_integer(-2));        /* below the exit */
	fl_expect_refused(1, "c", json_integer(2));         /* no such call */
	fl_expect_refused(1, "c", json_integer(-1));        /* a CALL naming no call */
	fl_expect_refused(0, "k", json_integer(FL_FLOW_RETURN + 1));
	fl_expect_refused(0, "t", json_integer(FL_FLOW_TEST_NONNULL + 1));
	fl_expect_refused(0, "sk", json_integer(FL_FLOW_SOURCE_CONSTANT + 1));
	fl_expect_refused(5, "s", json_null());             /* a variable source without its name */
	fl_expect_refused(3, "v", json_null());             /* a use of nothing */
	fl_expect_refused(0, "p", json_pack("[i]", 5));
	fl_expect_refused(0, "sys", json_integer(1));
	fl_expect_refused(-1, "flow_entry", json_integer(12));
	fl_expect_refused(-1, "flow_incomplete", NULL);
	fl_expect_refused(-1, "flow", json_string("none"));
}
END_TEST

/* The walker on a fixture: gotos to one cleanup label, NULL tests written
 * both ways, statuses named, and facts that survive JSON. */
START_TEST(test_walker_summary)
{
	const char *path = "fixtures/context-leak/good_goto_cleanup.c";
	struct fl_engine_options options = { 0 };
	struct fl_sources sources = { 0 };
	fl_strv_push(&sources.sources, path);
	struct fl_parse_setup *setup = fl_parse_setup_new(&options, &sources, NULL, stderr);
	ck_assert_ptr_nonnull(setup);
	char *error = NULL;
	struct fl_tu_facts *facts = fl_parse_unit(setup, path, &error);
	ck_assert_msg(facts != NULL, "%s", error ? error : "");
	const struct fl_function *function = NULL;
	for (size_t i = 0; i < facts->function_count; i++)
		if (strcmp(facts->functions[i].name, "ClDescribe") == 0)
			function = &facts->functions[i];
	ck_assert_ptr_nonnull(function);
	ck_assert(!function->flow_incomplete);
	ck_assert_int_ge(function->flow_entry, 0);
	size_t gets = 0, releases = 0, nonnull = 0, success = 0, returns = 0;
	for (size_t i = 0; i < function->flow_count; i++) {
		const struct fl_flow_node *node = &function->flow[i];
		ck_assert_int_ge(node->next, FL_FLOW_EXIT);
		ck_assert_int_lt(node->next, (int)function->flow_count);
		if (node->kind == FL_FLOW_CALL) {
			const char *callee = function->calls[node->call].callee;
			if (strncmp(callee, "FltGet", 6) == 0) {
				gets++;
				ck_assert_str_eq(node->var, "status");
				ck_assert(node->system_callee);
			}
			releases += strcmp(callee, "FltReleaseContext") == 0;
		}
		if (node->kind == FL_FLOW_BRANCH && node->test == FL_FLOW_TEST_NONNULL) {
			nonnull++;
			ck_assert(strcmp(node->var, "instance") == 0 || strcmp(node->var, "volume") == 0);
		}
		if (node->kind == FL_FLOW_BRANCH && node->test == FL_FLOW_TEST_SUCCESS) {
			success++;
			ck_assert_str_eq(node->var, "status");
		}
		returns += node->kind == FL_FLOW_RETURN;
	}
	ck_assert_uint_eq(gets, 2);
	ck_assert_uint_eq(releases, 2);   /* the cleanup block, built once: every goto lands there */
	ck_assert_uint_eq(nonnull, 2);    /* `instance != NULL` and `volume` alone */
	ck_assert_uint_eq(success, 2);
	ck_assert_uint_eq(returns, 1);

	json_t *json = fl_facts_to_json(facts);
	struct fl_tu_facts *back = fl_facts_from_json(json, &error);
	ck_assert_msg(back != NULL, "%s", error ? error : "");
	json_t *again = fl_facts_to_json(back);
	ck_assert(json_equal(json, again));
	json_decref(json);
	json_decref(again);
	fl_tu_facts_free(back);
	fl_tu_facts_free(facts);
	fl_parse_setup_free(setup);
	fl_sources_free(&sources);
}
END_TEST

Suite *fl_flow_suite(void)
{
	Suite *suite = suite_create("flow");
	TCase *json = tcase_create("json");
	tcase_add_test(json, test_round_trip_every_field);
	tcase_add_test(json, test_reader_refuses_broken_flow);
	suite_add_tcase(suite, json);
	TCase *walker = tcase_create("walker");
	tcase_set_timeout(walker, 120);
	tcase_add_test(walker, test_walker_summary);
	suite_add_tcase(suite, walker);
	return suite;
}
