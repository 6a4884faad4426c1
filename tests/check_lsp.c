/* `fltlint lsp` over its pipes: the protocol as a client sees it.  The
 * server is spawned with Content-Length framing both ways; the tests
 * assert on what it publishes for tests/lsp/driver (copied to a temporary
 * folder): a finding at its range, moved by a line inserted above, gone
 * when fixed, and a cross-file finding published for the other file. */
#include <check.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lsp/protocol.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

struct fl_client {
	pid_t pid;
	int to_server;
	struct fl_lsp_reader from_server;
	char *root;
	int next_id;
};

static void fl_client_send(struct fl_client *client, json_t *message)
{
	ck_assert(fl_lsp_send(client->to_server, message));
}

static void fl_client_notify(struct fl_client *client, const char *method, json_t *params)
{
	fl_client_send(client, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

/* The next message from the server, within `seconds`; NULL on none. */
static json_t *fl_client_receive(struct fl_client *client, double seconds)
{
	double deadline = fl_monotonic_seconds() + seconds;
	for (;;) {
		bool bad;
		json_t *message = fl_lsp_take_message(&client->from_server, &bad);
		ck_assert(!bad);
		if (message)
			return message;
		double left = deadline - fl_monotonic_seconds();
		struct pollfd in = { .fd = client->from_server.fd, .events = POLLIN };
		if (left <= 0 || poll(&in, 1, (int)(left * 1000) + 1) <= 0 || !fl_lsp_fill(&client->from_server))
			return NULL;
	}
}

static char *fl_client_uri(const struct fl_client *client, const char *name)
{
	char *path = fl_xasprintf("%s/%s", client->root, name);
	char *uri = fl_lsp_path_to_uri(path);
	free(path);
	return uri;
}

/* The diagnostics next published for `name` (other files' skipped). */
static json_t *fl_client_diagnostics_for(struct fl_client *client, const char *name)
{
	char *uri = fl_client_uri(client, name);
	json_t *found = NULL;
	while (!found) {
		json_t *message = fl_client_receive(client, 60);
		ck_assert_msg(message, "no diagnostics for %s", name);
		const char *method = json_string_value(json_object_get(message, "method"));
		json_t *params = json_object_get(message, "params");
		if (method && strcmp(method, "textDocument/publishDiagnostics") == 0 &&
		    strcmp(json_string_value(json_object_get(params, "uri")), uri) == 0)
			found = json_incref(json_object_get(params, "diagnostics"));
		json_decref(message);
	}
	free(uri);
	return found;
}

static void fl_copy_fixture(const char *dir, const char *name)
{
	char *from = fl_xasprintf("tests/lsp/driver/%s", name);
	char *text = fl_read_file(from, NULL);
	ck_assert_msg(text, "cannot read %s", from);
	free(fl_test_write(dir, name, text));
	free(text);
	free(from);
}

static void fl_client_start(struct fl_client *client)
{
	memset(client, 0, sizeof(*client));
	client->root = fl_test_tempdir();
	fl_copy_fixture(client->root, "context.c");
	fl_copy_fixture(client->root, "registration.c");
	int to[2], from[2];
	ck_assert(pipe(to) == 0 && pipe(from) == 0);
	client->pid = fork();
	ck_assert(client->pid >= 0);
	if (client->pid == 0) {
		dup2(to[0], STDIN_FILENO);
		dup2(from[1], STDOUT_FILENO);
		close(to[1]);
		close(from[0]);
		execl(FL_BINARY_DIR "/fltlint", "fltlint", "lsp", (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	client->to_server = to[1];
	client->from_server.fd = from[0];
	char *root_uri = fl_lsp_path_to_uri(client->root);
	fl_client_send(client, json_pack("{s:s, s:i, s:s, s:{s:s, s:{s:i}, s:{s:{s:[s]}}}}", "jsonrpc", "2.0", "id", 1,
					 "method", "initialize", "params", "rootUri", root_uri, "initializationOptions",
					 "debounceMs", 20, "capabilities", "general", "positionEncodings", "utf-8"));
	free(root_uri);
	json_t *reply = fl_client_receive(client, 30);
	ck_assert_msg(reply && json_object_get(json_object_get(reply, "result"), "capabilities"),
		      "initialize has no answer");
	json_decref(reply);
	fl_client_notify(client, "initialized", json_object());
}

static void fl_client_stop(struct fl_client *client)
{
	fl_client_send(client, json_pack("{s:s, s:i, s:s}", "jsonrpc", "2.0", "id", 99, "method", "shutdown"));
	json_t *reply;
	while ((reply = fl_client_receive(client, 30)) && !json_is_integer(json_object_get(reply, "id")))
		json_decref(reply);
	ck_assert_msg(reply && json_integer_value(json_object_get(reply, "id")) == 99, "shutdown has no answer");
	json_decref(reply);
	fl_client_notify(client, "exit", json_null());
	int status;
	ck_assert(waitpid(client->pid, &status, 0) == client->pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the server exited with %d", status);
	close(client->to_server);
	fl_lsp_reader_free(&client->from_server);
	close(client->from_server.fd);
	fl_test_rmtree(client->root);
	free(client->root);
}

static void fl_client_open(struct fl_client *client, const char *name, const char *text)
{
	char *uri = fl_client_uri(client, name);
	fl_client_notify(client, "textDocument/didOpen",
			 json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", uri, "languageId", "c", "version",
				   1, "text", text));
	free(uri);
}

static void fl_client_change(struct fl_client *client, const char *name, const char *text)
{
	char *uri = fl_client_uri(client, name);
	fl_client_notify(client, "textDocument/didChange",
			 json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", uri, "version",
				   ++client->next_id + 1, "contentChanges", "text", text));
	free(uri);
}

static char *fl_replace(const char *text, const char *old, const char *new)
{
	const char *at = strstr(text, old);
	ck_assert_msg(at, "'%s' not in the fixture", old);
	return fl_xasprintf("%.*s%s%s", (int)(at - text), text, new, at + strlen(old));
}

/* The one diagnostic of `list`: its rule and start. */
static void fl_assert_one(json_t *list, const char *code, int line, int character)
{
	ck_assert_int_eq(json_array_size(list), 1);
	json_t *diagnostic = json_array_get(list, 0);
	ck_assert_str_eq(json_string_value(json_object_get(diagnostic, "code")), code);
	ck_assert_str_eq(json_string_value(json_object_get(diagnostic, "source")), "fltlint");
	json_t *start = json_object_get(json_object_get(diagnostic, "range"), "start");
	ck_assert_int_eq(json_integer_value(json_object_get(start, "line")), line);
	ck_assert_int_eq(json_integer_value(json_object_get(start, "character")), character);
}

START_TEST(test_finding_moves_and_goes)
{
	struct fl_client client;
	fl_client_start(&client);
	json_t *list = fl_client_diagnostics_for(&client, "context.c");
	/* Line 8, column 62: FLT_INSTANCE_CONTEXT, to its end. */
	fl_assert_one(list, "context-not-registered", 7, 61);
	json_t *diagnostic = json_array_get(list, 0);
	json_t *end = json_object_get(json_object_get(diagnostic, "range"), "end");
	ck_assert_int_eq(json_integer_value(json_object_get(end, "character")), 61 + (int)strlen("FLT_INSTANCE_CONTEXT"));
	ck_assert_int_eq(json_integer_value(json_object_get(diagnostic, "severity")), 1);
	ck_assert(strstr(json_string_value(json_object_get(json_object_get(diagnostic, "codeDescription"), "href")),
			 "context-not-registered.md"));
	json_decref(list);

	char *path = fl_xasprintf("%s/context.c", client.root);
	char *text = fl_read_file(path, NULL);
	fl_client_open(&client, "context.c", text);
	char *inserted = fl_xasprintf("/* a line above */\n%s", text);
	fl_client_change(&client, "context.c", inserted);
	list = fl_client_diagnostics_for(&client, "context.c");
	fl_assert_one(list, "context-not-registered", 8, 61);
	json_decref(list);

	char *fixed = fl_replace(inserted, "FLT_INSTANCE_CONTEXT, 32", "FLT_VOLUME_CONTEXT, sizeof(ULONG)");
	fl_client_change(&client, "context.c", fixed);
	list = fl_client_diagnostics_for(&client, "context.c");
	ck_assert_int_eq(json_array_size(list), 0);
	json_decref(list);
	free(fixed);
	free(inserted);
	free(text);
	free(path);
	fl_client_stop(&client);
}
END_TEST

START_TEST(test_cross_file)
{
	struct fl_client client;
	fl_client_start(&client);
	json_decref(fl_client_diagnostics_for(&client, "context.c"));
	/* Registering the instance context in registration.c clears the
	 * finding in context.c, which the editor does not have open. */
	char *path = fl_xasprintf("%s/registration.c", client.root);
	char *text = fl_read_file(path, NULL);
	fl_client_open(&client, "registration.c", text);
	char *registered = fl_replace(text, "    { FLT_CONTEXT_END }",
				      "    { FLT_INSTANCE_CONTEXT, 0, NULL, 32, 'iRsL' },\n    { FLT_CONTEXT_END }");
	fl_client_change(&client, "registration.c", registered);
	json_t *list = fl_client_diagnostics_for(&client, "context.c");
	ck_assert_int_eq(json_array_size(list), 0);
	json_decref(list);
	/* Closing the buffer unsaved: the file as saved is analyzed again. */
	char *uri = fl_client_uri(&client, "registration.c");
	fl_client_notify(&client, "textDocument/didClose", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
	list = fl_client_diagnostics_for(&client, "context.c");
	fl_assert_one(list, "context-not-registered", 7, 61);
	json_decref(list);
	free(uri);
	free(registered);
	free(text);
	free(path);
	fl_client_stop(&client);
}
END_TEST

START_TEST(test_parse_errors_not_stale)
{
	struct fl_client client;
	fl_client_start(&client);
	json_decref(fl_client_diagnostics_for(&client, "context.c"));
	char *path = fl_xasprintf("%s/context.c", client.root);
	char *text = fl_read_file(path, NULL);
	fl_client_open(&client, "context.c", text);
	/* A half-typed line: clang's error is published where it is. */
	char *broken = fl_replace(text, "    if (NT_SUCCESS(status))", "    if (NT_SUCCESS(status)) +");
	fl_client_change(&client, "context.c", broken);
	json_t *list = fl_client_diagnostics_for(&client, "context.c");
	bool clang_error = false;
	size_t i;
	json_t *diagnostic;
	json_array_foreach(list, i, diagnostic)
		if (strcmp(json_string_value(json_object_get(diagnostic, "code")), "clang") == 0)
			clang_error = true;
	ck_assert_msg(clang_error, "no clang error published");
	json_decref(list);
	free(broken);
	free(text);
	free(path);
	fl_client_stop(&client);
}
END_TEST

/* The server's answer to a codeAction request for the first diagnostic
 * of `list`, with all of them as its context. */
static json_t *fl_client_code_actions(struct fl_client *client, const char *uri, json_t *list)
{
	fl_client_send(client, json_pack("{s:s, s:i, s:s, s:{s:{s:s}, s:O, s:{s:O}}}", "jsonrpc", "2.0", "id", 8,
					 "method", "textDocument/codeAction", "params", "textDocument", "uri", uri,
					 "range", json_object_get(json_array_get(list, 0), "range"), "context",
					 "diagnostics", list));
	json_t *reply;
	while ((reply = fl_client_receive(client, 30)) && !json_is_integer(json_object_get(reply, "id")))
		json_decref(reply);
	ck_assert_msg(reply && json_integer_value(json_object_get(reply, "id")) == 8, "codeAction has no answer");
	return reply;
}

/* A finding with a fix: its diagnostic's code action is the quickfix that
 * writes the right Version where the wrong one is. */
START_TEST(test_code_action_quickfix)
{
	struct fl_client client;
	fl_client_start(&client);
	json_decref(fl_client_diagnostics_for(&client, "context.c"));
	char *path = fl_xasprintf("%s/registration.c", client.root);
	char *text = fl_read_file(path, NULL);
	char *broken = fl_replace(text, ".Version = FLT_REGISTRATION_VERSION", ".Version = 0x0100");
	fl_client_open(&client, "registration.c", broken);
	json_t *list = fl_client_diagnostics_for(&client, "registration.c");
	fl_assert_one(list, "registration-fields", 15, 15);
	char *uri = fl_client_uri(&client, "registration.c");
	json_t *reply = fl_client_code_actions(&client, uri, list);
	json_t *actions = json_object_get(reply, "result");
	ck_assert_int_eq(json_array_size(actions), 1);
	json_t *action = json_array_get(actions, 0);
	ck_assert_str_eq(json_string_value(json_object_get(action, "kind")), "quickfix");
	ck_assert(json_is_true(json_object_get(action, "isPreferred")));
	ck_assert_int_eq(json_array_size(json_object_get(action, "diagnostics")), 1);
	json_t *edits = json_object_get(json_object_get(json_object_get(action, "edit"), "changes"), uri);
	ck_assert_int_eq(json_array_size(edits), 1);
	json_t *change = json_array_get(edits, 0);
	ck_assert_str_eq(json_string_value(json_object_get(change, "newText")), "FLT_REGISTRATION_VERSION");
	json_t *range = json_object_get(change, "range");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(range, "start"), "line")), 15);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(range, "start"), "character")), 15);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(range, "end"), "character")),
			 15 + (int)strlen("0x0100"));
	json_decref(reply);
	json_decref(list);
	free(uri);
	free(broken);
	free(text);
	free(path);
	fl_client_stop(&client);
}
END_TEST

/* paged-code-section in unsaved text: two code actions, placing the
 * function in PAGE (preferred: nothing runs it at DISPATCH_LEVEL) with an
 * alloc_text after its prototype, and removing the PAGED_CODE() line. */
START_TEST(test_code_actions_paged_code)
{
	struct fl_client client;
	fl_client_start(&client);
	json_decref(fl_client_diagnostics_for(&client, "context.c"));
	char *path = fl_xasprintf("%s/registration.c", client.root);
	char *text = fl_read_file(path, NULL);
	unsigned lines = 0;
	for (const char *c = text; *c; c++)
		lines += *c == '\n';
	char *edited = fl_xasprintf("%sVOID LsFlush(VOID);\n\nVOID LsFlush(VOID)\n{\n    PAGED_CODE();\n}\n", text);
	fl_client_open(&client, "registration.c", edited);
	json_t *list = fl_client_diagnostics_for(&client, "registration.c");
	fl_assert_one(list, "paged-code-section", (int)lines + 4, 4);
	char *uri = fl_client_uri(&client, "registration.c");
	json_t *reply = fl_client_code_actions(&client, uri, list);
	json_t *actions = json_object_get(reply, "result");
	ck_assert_int_eq(json_array_size(actions), 2);
	json_t *place = json_array_get(actions, 0), *remove = json_array_get(actions, 1);
	ck_assert(json_is_true(json_object_get(place, "isPreferred")));
	ck_assert(!json_is_true(json_object_get(remove, "isPreferred")));
	json_t *insert = json_array_get(json_object_get(json_object_get(json_object_get(place, "edit"), "changes"), uri), 0);
	ck_assert_msg(strstr(json_string_value(json_object_get(insert, "newText")), "#pragma alloc_text(PAGE, LsFlush)"),
		      "placed by: %s", json_string_value(json_object_get(insert, "newText")));
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(json_object_get(insert, "range"), "start"),
							     "line")), (int)lines + 1);
	json_t *cut = json_array_get(json_object_get(json_object_get(json_object_get(remove, "edit"), "changes"), uri), 0);
	ck_assert_str_eq(json_string_value(json_object_get(cut, "newText")), "");
	json_t *range = json_object_get(cut, "range");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(range, "start"), "line")), (int)lines + 4);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(range, "end"), "line")), (int)lines + 5);
	json_decref(reply);
	json_decref(list);
	free(uri);
	free(edited);
	free(text);
	free(path);
	fl_client_stop(&client);
}
END_TEST

START_TEST(test_unknown_request_answered)
{
	struct fl_client client;
	fl_client_start(&client);
	json_decref(fl_client_diagnostics_for(&client, "context.c"));
	fl_client_send(&client, json_pack("{s:s, s:i, s:s, s:{}}", "jsonrpc", "2.0", "id", 7, "method",
					  "textDocument/hover", "params"));
	json_t *reply = fl_client_receive(&client, 30);
	ck_assert(reply);
	ck_assert_int_eq(json_integer_value(json_object_get(reply, "id")), 7);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(reply, "error"), "code")), -32601);
	json_decref(reply);
	fl_client_stop(&client);
}
END_TEST

Suite *fl_lsp_suite(void)
{
	Suite *suite = suite_create("lsp");
	TCase *protocol = tcase_create("protocol");
	tcase_set_timeout(protocol, 300);
	tcase_add_test(protocol, test_finding_moves_and_goes);
	tcase_add_test(protocol, test_cross_file);
	tcase_add_test(protocol, test_parse_errors_not_stale);
	tcase_add_test(protocol, test_unknown_request_answered);
	tcase_add_test(protocol, test_code_action_quickfix);
	tcase_add_test(protocol, test_code_actions_paged_code);
	suite_add_tcase(suite, protocol);
	return suite;
}
