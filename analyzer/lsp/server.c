/* The server loop (lsp.h): messages in, analyses when an edit has settled,
 * diagnostics out. */
#include "lsp/lsp.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp/diagnostics.h"
#include "lsp/documents.h"
#include "lsp/protocol.h"

/* How long after the last keystroke a unit is parsed again: long enough
 * that typing does not queue a parse per key, short next to the parse. */
#define FL_LSP_DEBOUNCE_SECONDS 0.2

enum {
	FL_RPC_INVALID_REQUEST = -32600,
	FL_RPC_METHOD_NOT_FOUND = -32601,
	FL_RPC_NOT_INITIALIZED = -32002,
};

struct fl_lsp_server {
	const struct fl_lsp_host *host;
	int out;
	char *root;                  /* the workspace (driver tree), canonical */
	bool prepared;               /* engine options hold the host's preparation */
	struct fl_engine_options engine;
	struct fl_engine_session *session;
	struct fl_lsp_documents documents;
	struct fl_strv reverted;     /* closed documents: back to their files */
	struct fl_lsp_published published;
	json_t *actions;             /* the last check's quickfixes (fl_lsp_code_actions) */
	double debounce;             /* initializationOptions.debounceMs, else the default */
	double due;                  /* when to analyze; 0 = nothing waits */
	bool reload;                 /* config or files changed: a new session */
	bool shutdown;
};

static void fl_lsp_log(const char *format, const char *detail)
{
	fprintf(stderr, "fltlint lsp: ");
	fprintf(stderr, format, detail);
	fputc('\n', stderr);
}

static void fl_lsp_reply(struct fl_lsp_server *server, json_t *id, json_t *result)
{
	fl_lsp_send(server->out, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id, "result", result));
}

static void fl_lsp_reply_error(struct fl_lsp_server *server, json_t *id, int code, const char *message)
{
	fl_lsp_send(server->out, json_pack("{s:s, s:O, s:{s:i, s:s}}", "jsonrpc", "2.0", "id", id ? id : json_null(),
					   "error", "code", (json_int_t)code, "message", message));
}

static void fl_lsp_schedule(struct fl_lsp_server *server, double delay)
{
	double when = fl_monotonic_seconds() + delay;
	if (!server->due || when < server->due || delay > 0)
		server->due = when;
}

/* ---- the session ---- */

static void fl_lsp_close_session(struct fl_lsp_server *server)
{
	fl_engine_session_free(server->session);
	server->session = NULL;
	if (server->prepared)
		server->host->release(server->host->context, &server->engine);
	server->prepared = false;
}

/* The full run over the workspace, then every open buffer over its file. */
static void fl_lsp_open_session(struct fl_lsp_server *server)
{
	fl_lsp_close_session(server);
	server->engine = (struct fl_engine_options){ .timeout_seconds = FL_DEFAULT_TIMEOUT_SECONDS,
						     .max_memory_mb = FL_DEFAULT_MAX_MEMORY_MB };
	if (server->host->prepare(server->host->context, server->root, &server->engine) != 0) {
		fl_lsp_log("cannot read the workspace %s (see above)", server->root);
		return;
	}
	server->prepared = true;
	server->session = fl_engine_session_open(&server->engine);
	for (size_t i = 0; i < server->documents.count; i++)
		server->documents.items[i].dirty = true;
}

static void fl_lsp_analyze(struct fl_lsp_server *server)
{
	server->due = 0;
	if (server->reload || !server->session) {
		server->reload = false;
		fl_lsp_open_session(server);
	}
	if (!server->session)
		return;
	for (size_t i = 0; i < server->reverted.count; i++)
		fl_engine_session_update(server->session, server->reverted.items[i], NULL, 0);
	fl_strv_free(&server->reverted);
	for (size_t i = 0; i < server->documents.count; i++) {
		struct fl_lsp_document *document = &server->documents.items[i];
		if (document->dirty)
			fl_engine_session_update(server->session, document->path, document->text, document->length);
		document->dirty = false;
	}
	struct fl_engine_result result;
	fl_engine_session_check(server->session, &result);
	if (server->host->after_check(server->host->context, &result) == 0) {
		json_decref(server->actions);
		server->actions = fl_lsp_code_actions(&result);
		json_t *notifications = fl_lsp_publish_changes(&server->published, fl_lsp_diagnostics(&result, &server->documents));
		size_t i;
		json_t *notification;
		json_array_foreach(notifications, i, notification)
			fl_lsp_send(server->out, json_incref(notification));
		json_decref(notifications);
	}
	fl_engine_session_result_free(&result);
}

/* ---- messages ---- */

static const char *fl_json_string_at(const json_t *object, const char *key)
{
	return json_string_value(json_object_get(object, key));
}

static char *fl_lsp_root_of(const json_t *params)
{
	const char *uri = fl_json_string_at(params, "rootUri");
	json_t *folders = json_object_get(params, "workspaceFolders");
	if (!uri && json_array_size(folders))
		uri = fl_json_string_at(json_array_get(folders, 0), "uri");
	char *path = uri ? fl_lsp_uri_to_path(uri) : NULL;
	if (!path && fl_json_string_at(params, "rootPath"))
		path = fl_xstrdup(fl_json_string_at(params, "rootPath"));
	char *root = path ? realpath(path, NULL) : NULL;
	free(path);
	return root;
}

/* UTF-8 positions when the client offers them (LSP 3.17); a client that
 * does not gets byte columns, right on ASCII lines. */
static bool fl_lsp_offers_utf8(const json_t *params)
{
	json_t *encodings = json_object_get(json_object_get(json_object_get(params, "capabilities"), "general"),
					    "positionEncodings");
	size_t i;
	json_t *encoding;
	json_array_foreach(encodings, i, encoding)
		if (json_is_string(encoding) && strcmp(json_string_value(encoding), "utf-8") == 0)
			return true;
	return false;
}

static void fl_lsp_initialize(struct fl_lsp_server *server, json_t *id, const json_t *params)
{
	free(server->root);
	server->root = fl_lsp_root_of(params);
	if (!server->root) {
		fl_lsp_reply_error(server, id, FL_RPC_INVALID_REQUEST,
				   "fltlint needs a workspace folder (rootUri): the driver's tree");
		return;
	}
	json_t *debounce = json_object_get(json_object_get(params, "initializationOptions"), "debounceMs");
	if (json_is_integer(debounce) && json_integer_value(debounce) >= 0)
		server->debounce = (double)json_integer_value(debounce) / 1000.0;
	json_t *capabilities = json_pack("{s:{s:b, s:i, s:{s:b}}, s:{s:[s]}}", "textDocumentSync", "openClose", 1,
					 "change", (json_int_t)1 /* full */, "save", "includeText", 0,
					 "codeActionProvider", "codeActionKinds", "quickfix");
	if (fl_lsp_offers_utf8(params))
		json_object_set_new(capabilities, "positionEncoding", json_string("utf-8"));
	fl_lsp_reply(server, id,
		     json_pack("{s:o, s:{s:s, s:s}}", "capabilities", capabilities, "serverInfo", "name", "fltlint",
			       "version", FL_VERSION));
	/* Watched files, where the client can be asked for them. */
	json_t *watch = json_object_get(json_object_get(json_object_get(params, "capabilities"), "workspace"),
					"didChangeWatchedFiles");
	if (json_is_true(json_object_get(watch, "dynamicRegistration")))
		fl_lsp_send(server->out,
			    json_pack("{s:s, s:s, s:s, s:{s:[{s:s, s:s, s:{s:[{s:s}, {s:s}, {s:s}]}}]}}", "jsonrpc",
				      "2.0", "id", "fltlint-watch", "method", "client/registerCapability", "params",
				      "registrations", "id", "fltlint-watch", "method",
				      "workspace/didChangeWatchedFiles", "registerOptions", "watchers", "globPattern",
				      "**/*.{c,cpp,cc,cxx,h,hpp,inf,inx,C,CPP,H,INF}", "globPattern", "**/.fltlint",
				      "globPattern", "**/compile_commands.json"));
}

static void fl_lsp_text_document(struct fl_lsp_server *server, const char *method, const json_t *params)
{
	const json_t *document = json_object_get(params, "textDocument");
	const char *uri = fl_json_string_at(document, "uri");
	if (!uri)
		return;
	if (strcmp(method, "textDocument/didOpen") == 0) {
		const char *text = fl_json_string_at(document, "text");
		if (text && fl_lsp_document_set(&server->documents, uri, text, json_string_length(json_object_get(document, "text"))))
			fl_lsp_schedule(server, 0);
	} else if (strcmp(method, "textDocument/didChange") == 0) {
		/* Full sync: the last change is the whole text. */
		json_t *changes = json_object_get(params, "contentChanges");
		json_t *last = json_object_get(json_array_get(changes, json_array_size(changes) - 1), "text");
		if (json_is_string(last) &&
		    fl_lsp_document_set(&server->documents, uri, json_string_value(last), json_string_length(last)))
			fl_lsp_schedule(server, server->debounce);
	} else if (strcmp(method, "textDocument/didSave") == 0) {
		struct fl_lsp_document *open = fl_lsp_document_find(&server->documents, uri);
		/* A saved header changes every unit that includes it: the session
		 * is made again (the cache answers the units it did not change). */
		if (open && server->session && !fl_engine_session_has(server->session, open->path))
			server->reload = true;
		if (open)
			open->dirty = true;
		fl_lsp_schedule(server, 0);
	} else if (strcmp(method, "textDocument/didClose") == 0) {
		struct fl_lsp_document *open = fl_lsp_document_find(&server->documents, uri);
		if (open)
			fl_strv_push(&server->reverted, open->path);
		fl_lsp_document_close(&server->documents, uri);
		fl_lsp_schedule(server, 0);
	}
}

/* The quickfixes of the diagnostics the client names (by their `data`'s
 * fingerprint), each with its diagnostic. */
static json_t *fl_lsp_actions_for(const struct fl_lsp_server *server, const json_t *params)
{
	json_t *answer = json_array();
	size_t i;
	json_t *diagnostic;
	json_array_foreach(json_object_get(json_object_get(params, "context"), "diagnostics"), i, diagnostic) {
		const char *fingerprint = fl_json_string_at(json_object_get(diagnostic, "data"), "fingerprint");
		json_t *actions = fingerprint ? json_object_get(server->actions, fingerprint) : NULL;
		size_t a;
		json_t *action;
		json_array_foreach(actions, a, action) {
			json_t *copy = json_deep_copy(action);
			json_object_set_new(copy, "diagnostics", json_pack("[O]", diagnostic));
			json_array_append_new(answer, copy);
		}
	}
	return answer;
}

/* One message.  Requests (with an id) get an answer, whatever they ask. */
static void fl_lsp_dispatch(struct fl_lsp_server *server, json_t *message, bool *exit_now)
{
	const char *method = fl_json_string_at(message, "method");
	json_t *id = json_object_get(message, "id");
	const json_t *params = json_object_get(message, "params");
	if (!method)
		return; /* a response (to registerCapability) */
	if (strcmp(method, "exit") == 0) {
		*exit_now = true;
	} else if (strcmp(method, "initialize") == 0) {
		fl_lsp_initialize(server, id, params);
	} else if (!server->root) {
		if (id)
			fl_lsp_reply_error(server, id, FL_RPC_NOT_INITIALIZED, "not initialized");
	} else if (strcmp(method, "initialized") == 0) {
		fl_lsp_schedule(server, 0);
	} else if (strcmp(method, "shutdown") == 0) {
		server->shutdown = true;
		fl_lsp_reply(server, id, json_null());
	} else if (strncmp(method, "textDocument/did", 16) == 0) {
		fl_lsp_text_document(server, method, params);
	} else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0 ||
		   strcmp(method, "workspace/didChangeConfiguration") == 0) {
		/* The config, the project files or the tree's files changed: read
		 * it all again, as a new run would. */
		server->reload = true;
		fl_lsp_schedule(server, server->debounce);
	} else if (strcmp(method, "textDocument/codeAction") == 0 && id) {
		fl_lsp_reply(server, id, fl_lsp_actions_for(server, params));
	} else if (id) {
		fl_lsp_reply_error(server, id, FL_RPC_METHOD_NOT_FOUND, method);
	}
}

/* The descriptors the client talks on are kept apart from 0 and 1, which
 * become /dev/null: a worker (a fork) or a library that writes on stdout
 * must never break the protocol stream. */
static int fl_lsp_private_fd(int fd, int flags)
{
	int copy = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	int null = open("/dev/null", flags);
	if (copy >= 0 && null >= 0)
		dup2(null, fd);
	if (null >= 0)
		close(null);
	return copy >= 0 ? copy : fd;
}

int fl_lsp_serve(const struct fl_lsp_host *host, int in, int out)
{
	struct fl_lsp_server server = { .host = host, .debounce = FL_LSP_DEBOUNCE_SECONDS };
	struct fl_lsp_reader reader = { .fd = in == STDIN_FILENO ? fl_lsp_private_fd(in, O_RDONLY) : in };
	server.out = out == STDOUT_FILENO ? fl_lsp_private_fd(out, O_WRONLY) : out;
	bool exit_now = false;
	while (!exit_now) {
		bool bad;
		json_t *message = fl_lsp_take_message(&reader, &bad);
		if (bad)
			fl_lsp_reply_error(&server, NULL, -32700, "parse error: not a JSON-RPC frame");
		if (message) {
			fl_lsp_dispatch(&server, message, &exit_now);
			json_decref(message);
			continue;
		}
		if (bad)
			continue;
		if (reader.closed)
			break;
		int wait = -1;
		if (server.due) {
			double left = server.due - fl_monotonic_seconds();
			if (left <= 0) {
				fl_lsp_analyze(&server);
				continue;
			}
			wait = (int)(left * 1000) + 1;
		}
		struct pollfd poll_in = { .fd = reader.fd, .events = POLLIN };
		int ready = poll(&poll_in, 1, wait);
		if (ready < 0 && errno != EINTR)
			break;
		if (ready > 0)
			fl_lsp_fill(&reader);
	}
	fl_lsp_close_session(&server);
	fl_lsp_documents_free(&server.documents);
	fl_lsp_published_free(&server.published);
	json_decref(server.actions);
	fl_strv_free(&server.reverted);
	fl_lsp_reader_free(&reader);
	free(server.root);
	return server.shutdown ? 0 : 1;
}
