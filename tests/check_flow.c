/* The flow summary (facts.h, fl_flow_node): what the walker builds from a
 * body, its trip through JSON unchanged, and the reader refusing a summary
 * whose edges or call indices point nowhere. */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "facts/facts_json.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

/* A unit with one function whose summary holds every kind of node, test
 * and source; its second call is written in a header (a macro's body). */
static struct fl_tu_facts *fl_flow_sample(void)
{
	struct fl_tu_facts *facts = fl_xcalloc(1, sizeof(*facts));
	const char *path = facts->path = fl_facts_string(facts, "sample.c");
	facts->function_count = 1;
	facts->functions = fl_xcalloc(1, sizeof(struct fl_function));
	struct fl_function *function = &facts->functions[0];
	function->name = function->key = fl_facts_string(facts, "Sample");
	function->loc = (struct fl_loc){ path, 3, 10 };
	function->body_loc = (struct fl_loc){ path, 4, 1 };
	function->end_loc = (struct fl_loc){ path, 20, 1 };
	function->section_loc = (struct fl_loc){ path, 0, 0 };
	function->irql = (struct fl_irql_annotation){ -1, -1, -1, -1 };
	function->call_count = 2;
	function->calls = fl_xcalloc(2, sizeof(struct fl_call));
	const char *get = fl_facts_string(facts, "FltGetStreamContext");
	const char *release = fl_facts_string(facts, "FltReleaseContext");
	function->calls[0] = (struct fl_call){ .callee = get, .callee_key = get, .loc = { path, 6, 14 } };
	function->calls[0].arg_count = 1;
	function->calls[0].args = fl_xcalloc(1, sizeof(struct fl_arg));
	function->calls[0].args[0] = (struct fl_arg){
		.value = { .kind = FL_VALUE_VARIABLE, .name = fl_facts_string(facts, "ctx"),
			   .text = fl_facts_string(facts, "&ctx"), .address_of = true },
		.loc = { path, 6, 40 },
	};
	function->calls[1] = (struct fl_call){ .callee = release,
					       .callee_key = release,
					       .loc = { fl_facts_string(facts, "sample.h"), 2, 5 } };
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
		function->flow[i].var = fl_facts_string(facts, nodes[i].var);
		function->flow[i].source = fl_facts_string(facts, nodes[i].source);
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
	ck_assert_uint_eq(a->call_count, b->call_count);
	for (size_t i = 0; i < a->call_count; i++) {
		ck_assert_str_eq(a->calls[i].callee, b->calls[i].callee);
		ck_assert_str_eq(a->calls[i].loc.file, b->calls[i].loc.file);
		ck_assert_uint_eq(a->calls[i].loc.line, b->calls[i].loc.line);
		ck_assert_uint_eq(a->calls[i].loc.column, b->calls[i].loc.column);
		ck_assert_uint_eq(a->calls[i].arg_count, b->calls[i].arg_count);
	}
	const struct fl_value *x = &a->calls[0].args[0].value, *y = &b->calls[0].args[0].value;
	ck_assert_int_eq(x->kind, y->kind);
	ck_assert_str_eq(x->name, y->name);
	ck_assert_str_eq(x->text, y->text);
	ck_assert(y->address_of && !y->via_variable && !y->key);
	ck_assert_uint_eq(b->calls[0].args[0].loc.column, 40);
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

/* Expects the reader to refuse `json` with a message that holds `problem`. */
static void fl_expect_problem(const json_t *json, const char *problem)
{
	char *error = NULL;
	struct fl_tu_facts *back = fl_facts_from_json(json, &error);
	ck_assert_msg(back == NULL, "accepted facts that should fail with \"%s\"", problem);
	ck_assert_msg(error && strstr(error, problem), "\"%s\" does not say \"%s\"", error ? error : "", problem);
	free(error);
}

/* The sample as JSON, and its one function. */
static json_t *fl_sample_json(json_t **function)
{
	struct fl_tu_facts *facts = fl_flow_sample();
	json_t *json = fl_facts_to_json(facts);
	fl_tu_facts_free(facts);
	*function = json_array_get(json_object_get(json, "functions"), 0);
	return json;
}

/* Sets item `position` of flow node `node` to `value` in the sample's JSON
 * and expects the reader to refuse it, saying `problem`. */
static void fl_expect_node_refused(size_t node, size_t position, json_t *value, const char *problem)
{
	json_t *function;
	json_t *json = fl_sample_json(&function);
	json_t *record = json_array_get(json_object_get(function, "flow"), node);
	ck_assert_uint_lt(position, json_array_size(record));
	json_array_set_new(record, position, value);
	fl_expect_problem(json, problem);
	json_decref(json);
}

/* Sets the function's member `key` to `value` and expects `problem`. */
static void fl_expect_member_refused(const char *key, json_t *value, const char *problem)
{
	json_t *function;
	json_t *json = fl_sample_json(&function);
	json_object_set_new(function, key, value);
	fl_expect_problem(json, problem);
	json_decref(json);
}

START_TEST(test_reader_refuses_broken_flow)
{
	/* A node is [kind, next, line, column, other, call, system_callee, var,
	 * source_kind, source, test, value]. */
	fl_expect_node_refused(0, 1, json_integer(12), "functions[0].flow[0]: an edge leads past the last node");
	fl_expect_node_refused(2, 4, json_integer(-2), "functions[0].flow[2][4]: -2 is out of range");
	fl_expect_node_refused(1, 5, json_integer(2), "flow[1]: it names a call the function does not make");
	fl_expect_node_refused(1, 5, json_integer(-1), "flow[1]: a call node names no call");
	fl_expect_node_refused(0, 0, json_integer(FL_FLOW_RETURN + 1), "flow[0][0]: 6 is out of range");
	fl_expect_node_refused(2, 10, json_integer(FL_FLOW_TEST_AT_MOST + 1), "flow[2][10]: 6 is out of range");
	fl_expect_node_refused(0, 8, json_integer(FL_FLOW_SOURCE_CONSTANT + 1), "flow[0][8]: 4 is out of range");
	fl_expect_node_refused(5, 9, json_null(), "flow[5]: an assignment's source variable and source kind disagree");
	fl_expect_node_refused(3, 7, json_null(), "flow[3]: a use of no variable");
	fl_expect_node_refused(0, 2, json_string("5"), "flow[0][2]: expected an integer, found a string");
	fl_expect_node_refused(0, 6, json_integer(1), "flow[0][6]: expected a boolean, found an integer");
	fl_expect_member_refused("flow_entry", json_integer(12), "functions[0].flow_entry: no node 12");
	fl_expect_member_refused("flow_incomplete", json_integer(1), "flow_incomplete: expected a boolean");
	fl_expect_member_refused("flow", json_string("none"), "functions[0].flow: expected an array, found a string");
}
END_TEST

/* Compact records are checked as strictly as any: a location's file index
 * must name one of the unit's files, and a positional record must have the
 * shape and types of its kind. */
START_TEST(test_reader_refuses_broken_compact_records)
{
	json_t *function;
	json_t *json = fl_sample_json(&function);
	json_t *files = json_object_get(json, "files");
	ck_assert_uint_eq(json_array_size(files), 1);
	ck_assert_str_eq(json_string_value(json_array_get(files, 0)), "sample.h");
	json_t *calls = json_object_get(function, "calls");
	json_t *in_header = json_object_get(json_array_get(calls, 1), "l");
	json_t *header_form = json_pack("[i, i, i]", 0, 2, 5), *own_form = json_pack("[i, i]", 6, 14);
	ck_assert(json_equal(in_header, header_form));
	ck_assert(json_equal(json_object_get(json_array_get(calls, 0), "l"), own_form));
	json_decref(header_form);
	json_decref(own_form);

	json_array_set_new(in_header, 0, json_integer(1));
	fl_expect_problem(json, "functions[0].calls[1].l[0]: file 1 is not in the unit's list of 1 other files");
	json_array_set_new(in_header, 0, json_integer(-1));
	fl_expect_problem(json, "functions[0].calls[1].l[0]: -1 is out of range");
	json_array_set_new(in_header, 0, json_string("sample.h"));
	fl_expect_problem(json, "functions[0].calls[1].l[0]: expected an integer, found a string");
	json_array_set_new(in_header, 0, json_integer(0));
	json_array_append_new(in_header, json_integer(1));
	fl_expect_problem(json, "functions[0].calls[1].l: expected 2 to 3 items, found 4");
	json_array_remove(in_header, 3);

	/* An argument is [value, location]; a value [kind, text, integer, name, ...]. */
	json_t *value = json_array_get(json_array_get(json_object_get(json_array_get(calls, 0), "args"), 0), 0);
	json_t *expected = json_pack("[i, s, i, s, n, b]", FL_VALUE_VARIABLE, "&ctx", 0, "ctx", true);
	ck_assert(json_equal(value, expected));
	json_decref(expected);
	json_array_set_new(value, 0, json_string("variable"));
	fl_expect_problem(json, "functions[0].calls[0].args[0][0][0]: expected an integer, found a string");
	json_array_set_new(value, 0, json_integer(FL_VALUE_VARIABLE));
	json_array_set_new(value, 3, json_integer(7));
	fl_expect_problem(json, "functions[0].calls[0].args[0][0][3]: expected a string, found an integer");
	json_array_set_new(value, 3, json_string("ctx"));

	json_t *flow = json_object_get(function, "flow");
	json_t *node = json_deep_copy(json_array_get(flow, 0));
	json_array_set_new(flow, 0, json_pack("{s:i}", "k", FL_FLOW_ASSIGN));
	fl_expect_problem(json, "functions[0].flow[0]: expected an array, found an object");
	json_array_set_new(flow, 0, json_pack("[i, i, i]", FL_FLOW_ASSIGN, 1, 5));
	fl_expect_problem(json, "functions[0].flow[0]: expected 4 to 14 items, found 3");
	json_array_set(flow, 0, node);
	json_decref(node);

	char *error = NULL;
	struct fl_tu_facts *back = fl_facts_from_json(json, &error);
	ck_assert_msg(back != NULL, "%s", error ? error : "");
	ck_assert_str_eq(back->functions[0].calls[1].loc.file, "sample.h");
	ck_assert_ptr_eq(back->functions[0].calls[0].loc.file, back->path);
	fl_tu_facts_free(back);
	json_decref(json);
}
END_TEST

/* The walker on a fixture: gotos to one cleanup label, NULL tests written
 * both ways, statuses named, and facts that survive JSON. */
START_TEST(test_walker_summary)
{
	const char *path = "fixtures/context-leak/good_goto_cleanup.c";
	struct fl_tu_facts *facts = fl_test_walk(path);
	char *error = NULL;
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
}
END_TEST

/* Loops whose condition (or do-while body) is built after the loop's head
 * node and grows the node array: the head must lead into it, in the array
 * as it is after the growth (walk.c, fl_flow_node_new). */
START_TEST(test_walker_loop_head_after_growth)
{
	const char *path = "fixtures/parse/long_loop_conditions/drain.c";
	struct fl_tu_facts *facts = fl_test_walk(path);
	ck_assert_uint_eq(facts->function_count, 3);
	for (size_t f = 0; f < facts->function_count; f++) {
		const struct fl_function *function = &facts->functions[f];
		ck_assert_msg(function->flow_count > 16, "%s: %zu nodes", function->name, function->flow_count);
		size_t heads = 0;
		for (size_t i = 0; i < function->flow_count; i++) {
			const struct fl_flow_node *head = &function->flow[i];
			if (head->kind != FL_FLOW_NOP)
				continue;
			heads++;
			ck_assert_msg(head->next >= 0 && function->flow[head->next].kind == FL_FLOW_BRANCH,
				      "%s: the loop head (node %zu) leads to %d, not into its test", function->name, i,
				      head->next);
		}
		ck_assert_uint_eq(heads, 1);
	}
	fl_tu_facts_free(facts);
}
END_TEST

Suite *fl_flow_suite(void)
{
	Suite *suite = suite_create("flow");
	TCase *json = tcase_create("json");
	tcase_add_test(json, test_round_trip_every_field);
	tcase_add_test(json, test_reader_refuses_broken_flow);
	tcase_add_test(json, test_reader_refuses_broken_compact_records);
	suite_add_tcase(suite, json);
	TCase *walker = tcase_create("walker");
	tcase_set_timeout(walker, 120);
	tcase_add_test(walker, test_walker_summary);
	tcase_add_test(walker, test_walker_loop_head_after_growth);
	suite_add_tcase(suite, walker);
	return suite;
}
