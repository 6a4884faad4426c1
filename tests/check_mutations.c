/* Mutations of the reference minifilter: each test copies fixtures/reference/
 * to a temporary folder, breaks it in one way a driver author does (a
 * PAGED_CODE() deleted, a name dropped from an alloc_text, a pool type
 * changed, the context array's terminator removed, OBJ_KERNEL_HANDLE
 * dropped, NX pool given up ...), runs the engine and
 * requires exactly one finding: the matching rule, in the edited file, at the
 * line the break concerns.  Lines are found in the edited text, never written
 * down, so the tests survive edits to the reference; a test whose anchor text
 * is no longer in the reference fails saying which anchor is missing.
 *
 * Together with the reference's own fixture case (clean), this shows each
 * rule firing alone, on real-looking code spread over many files.  Then
 * `fltlint --fix` must restore every mutant whose finding has a fix it
 * applies to a tree with no finding that parses cleanly; the mutants
 * without one are listed (fl_mutants_without_fix). */
#define _XOPEN_SOURCE 700 /* nftw */

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

#define FL_REFERENCE FL_SOURCE_DIR "/fixtures/reference"
#define FL_REFERENCE_CPP FL_SOURCE_DIR "/fixtures/reference_cpp"

/* ---- a source file as lines ---- */

struct fl_text {
	size_t count;
	size_t capacity;
	char **lines; /* without their '\n' (a '\r' stays) */
};

static void fl_text_read(struct fl_text *text, const char *path)
{
	size_t length;
	char *all = fl_read_file(path, &length);
	ck_assert_msg(all != NULL, "cannot read %s: %s", path, strerror(errno));
	memset(text, 0, sizeof(*text));
	char *start = all;
	for (;;) {
		char *newline = memchr(start, '\n', length - (size_t)(start - all));
		size_t size = newline ? (size_t)(newline - start) : length - (size_t)(start - all);
		if (!newline && size == 0)
			break;
		FL_GROW(text->lines, text->capacity, text->count + 1);
		text->lines[text->count++] = fl_xstrndup(start, size);
		if (!newline)
			break;
		start = newline + 1;
	}
	free(all);
}

static void fl_text_write(const struct fl_text *text, const char *path)
{
	FILE *file = fopen(path, "wb");
	ck_assert_msg(file != NULL, "cannot write %s: %s", path, strerror(errno));
	for (size_t i = 0; i < text->count; i++)
		fprintf(file, "%s\n", text->lines[i]);
	ck_assert_int_eq(fclose(file), 0);
}

static void fl_text_free(struct fl_text *text)
{
	for (size_t i = 0; i < text->count; i++)
		free(text->lines[i]);
	free(text->lines);
	memset(text, 0, sizeof(*text));
}

static void fl_text_insert(struct fl_text *text, size_t at, const char *line)
{
	FL_GROW(text->lines, text->capacity, text->count + 1);
	memmove(&text->lines[at + 1], &text->lines[at], (text->count - at) * sizeof(char *));
	text->lines[at] = fl_xstrdup(line);
	text->count++;
}

static void fl_text_delete(struct fl_text *text, size_t at)
{
	free(text->lines[at]);
	memmove(&text->lines[at], &text->lines[at + 1], (text->count - at - 1) * sizeof(char *));
	text->count--;
}

/* Replaces the first `from` in line `at` by `to`. */
static void fl_text_replace(struct fl_text *text, size_t at, const char *from, const char *to)
{
	char *line = text->lines[at];
	char *found = strstr(line, from);
	ck_assert_msg(found != NULL, "'%s' is not in line %zu", from, at + 1);
	char *edited = fl_xasprintf("%.*s%s%s", (int)(found - line), line, to, found + strlen(from));
	free(line);
	text->lines[at] = edited;
}

/* The first line at or after `from` that contains `needle`. */
static size_t fl_text_find(const struct fl_text *text, size_t from, const char *needle, const char *file)
{
	for (size_t i = from; i < text->count; i++)
		if (strstr(text->lines[i], needle))
			return i;
	ck_abort_msg("the reference changed: no '%s' in %s after line %zu", needle, file, from);
	return 0;
}

/* Whether `line` names `identifier` as a whole word. */
static bool fl_has_word(const char *line, const char *identifier)
{
	size_t length = strlen(identifier);
	for (const char *at = strstr(line, identifier); at; at = strstr(at + 1, identifier)) {
		bool starts = at == line || !(at[-1] == '_' || (at[-1] >= '0' && at[-1] <= '9') ||
					      ((at[-1] | 0x20) >= 'a' && (at[-1] | 0x20) <= 'z'));
		char next = at[length];
		bool ends = !(next == '_' || (next >= '0' && next <= '9') ||
			      ((next | 0x20) >= 'a' && (next | 0x20) <= 'z'));
		if (starts && ends)
			return true;
	}
	return false;
}

/* The line of a function's name in its definition: the last line that
 * starts with the name followed by '(' (the WDK style the reference uses;
 * a prototype written the same way comes before the definition). */
static size_t fl_text_definition(const struct fl_text *text, const char *name, const char *file)
{
	size_t length = strlen(name), found = (size_t)-1;
	for (size_t i = 0; i < text->count; i++) {
		const char *line = text->lines[i];
		if (strncmp(line, name, length) != 0)
			continue;
		const char *rest = line + length;
		while (*rest == ' ' || *rest == '\t')
			rest++;
		if (*rest == '(')
			found = i;
	}
	ck_assert_msg(found != (size_t)-1, "the reference changed: no definition of %s in %s", name, file);
	return found;
}

/* ---- the mutated copy and the run ---- */

struct fl_mutant {
	char *test;         /* the test's name, for fl_mutants_without_fix */
	char *dir;          /* the copy */
	char *file;         /* the edited file's path in the copy */
	struct fl_text text; /* its lines, edited, then written back */
	bool repair;         /* its finding has a fix: --fix must restore it */
};

static int fl_copy_entry(const char *path, const struct stat *info, int type, struct FTW *walk);
static char *fl_copy_target;
static const char *fl_copy_source;

static int fl_copy_entry(const char *path, const struct stat *info, int type, struct FTW *walk)
{
	const char *relative = path + strlen(fl_copy_source);
	char *target = fl_xasprintf("%s%s", fl_copy_target, relative);
	int status = 0;
	if (type == FTW_D) {
		if (mkdir(target, 0755) != 0 && errno != EEXIST)
			status = -1;
	} else if (type == FTW_F) {
		size_t length;
		char *content = fl_read_file(path, &length);
		FILE *file = content ? fopen(target, "wb") : NULL;
		if (!file || fwrite(content, 1, length, file) != length)
			status = -1;
		if (file && fclose(file) != 0)
			status = -1;
		free(content);
	}
	free(target);
	return status;
}

/* Copies a reference driver and reads `file` (a name in it) for editing. */
static void fl_mutant_open_from(struct fl_mutant *mutant, const char *test, const char *reference, const char *file)
{
	/* START_TEST(name) defines name_fn. */
	size_t length = strlen(test);
	mutant->test = fl_xstrndup(test, fl_str_ends_with(test, "_fn") ? length - 3 : length);
	mutant->dir = fl_test_tempdir();
	fl_copy_target = mutant->dir;
	fl_copy_source = reference;
	ck_assert_msg(nftw(reference, fl_copy_entry, 16, FTW_PHYS) == 0,
		      "cannot copy %s to %s", reference, mutant->dir);
	mutant->file = fl_xasprintf("%s/%s", mutant->dir, file);
	fl_text_read(&mutant->text, mutant->file);
}

static void fl_mutant_open(struct fl_mutant *mutant, const char *test, const char *file)
{
	fl_mutant_open_from(mutant, test, FL_REFERENCE, file);
}

static void fl_mutant_repair(const struct fl_mutant *mutant);

/* Repairs the mutant when its finding has a fix, then removes it. */
static void fl_mutant_close(struct fl_mutant *mutant)
{
	if (mutant->repair)
		fl_mutant_repair(mutant);
	fl_text_free(&mutant->text);
	fl_test_rmtree(mutant->dir);
	free(mutant->test);
	free(mutant->dir);
	free(mutant->file);
	memset(mutant, 0, sizeof(*mutant));
}

/* ---- the repair ---- */

/* Mutants whose finding `fltlint --fix` does not repair: its rule has no
 * fix, or none it is sure of.  Every other mutant must be restored by
 * --fix; a fix added for a mutant listed here fails its test until the
 * mutant leaves the list. */
static const char *const fl_mutants_without_fix[] = {
	"test_paged_code_repeated",                 /* paged-code-repeated: no fix */
	"test_volume_context_pool_through_variable", /* the pool type is a local's value */
	"test_nx_opt_in_without_runtime_call",      /* nx-opt-in-ineffective: no fix */
	"test_registry_callback_not_unregistered",  /* callback-not-unregistered: no fix */
	"test_write_entry_loses_skip_paging_io",    /* paging-io-name-query: no fix */
	"test_alloc_text_before_prototype",         /* alloc-text-undeclared: no fix */
	"test_alloc_text_names_function_of_other_file", /* alloc-text-not-defined: no fix */
	"test_cpp_destructor_release_removed",      /* context-leak: no fix */
	"test_cpp_guard_scope_widened",             /* irql-too-high: no fix */
};

static bool fl_mutant_listed_without_fix(const struct fl_mutant *mutant)
{
	for (size_t i = 0; i < sizeof(fl_mutants_without_fix) / sizeof(fl_mutants_without_fix[0]); i++)
		if (strcmp(fl_mutants_without_fix[i], mutant->test) == 0)
			return true;
	return false;
}

/* The mutant's one finding: listed without a fix, it has none --fix
 * applies; otherwise it has one, and the mutant is repaired when the test
 * is done with it (fl_mutant_close). */
static void fl_mutant_check_fixable(struct fl_mutant *mutant, const struct fl_finding *finding)
{
	bool fixable = false;
	for (size_t i = 0; i < finding->fix_count; i++)
		fixable = fixable || (finding->fixes[i].preferred && finding->fixes[i].edit_count);
	if (fl_mutant_listed_without_fix(mutant)) {
		ck_assert_msg(!fixable, "%s: its %s finding now has a fix --fix applies: take the mutant off "
			      "fl_mutants_without_fix", mutant->test, finding->rule);
		return;
	}
	ck_assert_msg(fixable, "%s: its %s finding has no fix --fix applies (list the mutant in "
		      "fl_mutants_without_fix if it cannot have one)", mutant->test, finding->rule);
	mutant->repair = true;
}

/* `fltlint --fix` over the copy leaves a tree with no finding that parses
 * cleanly (--strict-parse), and a second --fix changes nothing. */
static void fl_mutant_repair(const struct fl_mutant *mutant)
{
	char *cache = fl_test_tempdir();
	const char *fix[] = { "--cache", cache, "--fix", mutant->dir, NULL };
	struct fl_test_run run = fl_test_run_cli(fix);
	ck_assert_msg(strstr(run.out, "fixed ["), "%s: --fix changed nothing:\n%s%s", mutant->test, run.out, run.err);
	fl_test_run_free(&run);

	const char *check[] = { "--cache", cache, "--strict-parse", "-f", "json", mutant->dir, NULL };
	run = fl_test_run_cli(check);
	json_error_t error;
	json_t *report = json_loads(run.out, 0, &error);
	ck_assert_msg(report, "%s: no JSON report after --fix: %s", mutant->test, run.err);
	size_t findings = json_array_size(json_object_get(report, "findings"));
	size_t errors = json_array_size(json_object_get(report, "errors"));
	ck_assert_msg(run.status == 0 && findings == 0 && errors == 0,
		      "%s: after --fix, exit %d, %zu finding(s), %zu input error(s):\n%s", mutant->test, run.status,
		      findings, errors, run.out);
	json_decref(report);
	fl_test_run_free(&run);

	run = fl_test_run_cli(fix);
	ck_assert_msg(run.out[0] == '\0', "%s: a second --fix changed: %s", mutant->test, run.out);
	fl_test_run_free(&run);
	fl_test_rmtree(cache);
	free(cache);
}

/* Writes the edit back, runs the engine over the copy, and requires exactly
 * one finding: `rule` in the copy's file `file` (the edited one when NULL)
 * at `line` (0-based index). */
static void fl_mutant_expect_in(struct fl_mutant *mutant, const char *rule, const char *file, size_t line)
{
	char *where = file ? fl_xasprintf("%s/%s", mutant->dir, file) : fl_xstrdup(mutant->file);
	fl_text_write(&mutant->text, mutant->file);
	struct fl_engine_options options = { .jobs = 1 };
	fl_strv_push(&options.paths, mutant->dir);
	struct fl_engine_result result = { 0 };
	ck_assert_msg(fl_engine_run(&options, &result) == 0, "the engine failed on %s", mutant->dir);

	char *all = fl_xstrdup("");
	for (size_t i = 0; i < result.errors.count; i++) {
		char *next = fl_xasprintf("%s\n  input error: %s:%u: %s", all, result.errors.items[i].file,
					  result.errors.items[i].line, result.errors.items[i].message);
		free(all);
		all = next;
	}
	for (size_t i = 0; i < result.findings.count; i++) {
		const struct fl_finding *finding = &result.findings.items[i];
		char *next = fl_xasprintf("%s\n  %s:%u: %s [%s]", all, finding->loc.file, finding->loc.line,
					  finding->message, finding->rule);
		free(all);
		all = next;
	}
	bool one = result.errors.count == 0 && result.findings.count == 1;
	const struct fl_finding *finding = one ? &result.findings.items[0] : NULL;
	bool matches = one && strcmp(finding->rule, rule) == 0 &&
		       strcmp(finding->loc.file, where) == 0 && finding->loc.line == line + 1;
	ck_assert_msg(matches, "wanted exactly one %s at %s:%zu; got %zu finding(s), %zu input error(s):%s",
		      rule, where, line + 1, result.findings.count, result.errors.count, all);
	free(all);
	fl_mutant_check_fixable(mutant, finding);
	free(where);
	fl_engine_result_free(&result);
	fl_engine_options_free(&options);
}

static void fl_mutant_expect(struct fl_mutant *mutant, const char *rule, size_t line)
{
	fl_mutant_expect_in(mutant, rule, NULL, line);
}

/* ---- the mutations ---- */

/* Deletes the PAGED_CODE() of `function` in `file`: page-section-assert on
 * the function's name. */
static void fl_delete_paged_code(const char *test, const char *file, const char *function)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, test, file);
	size_t name = fl_text_definition(&mutant.text, function, file);
	size_t assert_line = fl_text_find(&mutant.text, name, "PAGED_CODE();", file);
	fl_text_delete(&mutant.text, assert_line);
	fl_mutant_expect(&mutant, "page-section-assert", name);
	fl_mutant_close(&mutant);
}

START_TEST(test_alloc_text_function_loses_paged_code)
{
	/* Placed by a multi-name alloc_text; registered in the same file. */
	fl_delete_paged_code(__func__, "driver.c", "LgrInstanceQueryTeardown");
}
END_TEST

START_TEST(test_callback_in_other_file_loses_paged_code)
{
	/* Registered in registration.c, defined and placed in create.c. */
	fl_delete_paged_code(__func__, "create.c", "LgrPreCreate");
}
END_TEST

START_TEST(test_declspec_function_loses_paged_code)
{
	/* Placed by __declspec(code_seg("PAGE")). */
	fl_delete_paged_code(__func__, "context.c", "LgrTransactionNotification");
}
END_TEST

START_TEST(test_code_seg_function_loses_paged_code)
{
	/* Placed by the #pragma code_seg("PAGE") region of port.c. */
	fl_delete_paged_code(__func__, "port.c", "LgrPortDisconnect");
}
END_TEST

START_TEST(test_name_removed_from_alloc_text)
{
	/* The function keeps its PAGED_CODE() but is no longer placed:
	 * paged-code-section on that PAGED_CODE() line. */
	const char *function = "LgrInstanceQueryTeardown";
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "driver.c");
	size_t pragma = (size_t)-1;
	for (size_t i = 0; i < mutant.text.count && pragma == (size_t)-1; i++)
		if (strstr(mutant.text.lines[i], "#pragma alloc_text") &&
		    fl_has_word(mutant.text.lines[i], function))
			pragma = i;
	ck_assert_msg(pragma != (size_t)-1, "the reference changed: no alloc_text names %s", function);
	char *with_comma = fl_xasprintf(", %s", function);
	if (strstr(mutant.text.lines[pragma], with_comma))
		fl_text_replace(&mutant.text, pragma, with_comma, "");
	else {
		char *comma_after = fl_xasprintf("%s, ", function);
		fl_text_replace(&mutant.text, pragma, comma_after, "");
		free(comma_after);
	}
	free(with_comma);
	size_t name = fl_text_definition(&mutant.text, function, "driver.c");
	size_t assert_line = fl_text_find(&mutant.text, name, "PAGED_CODE();", "driver.c");
	fl_mutant_expect(&mutant, "paged-code-section", assert_line);
	fl_mutant_close(&mutant);
}
END_TEST

START_TEST(test_paged_code_repeated)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "driver.c");
	size_t name = fl_text_definition(&mutant.text, "LgrUnload", "driver.c");
	size_t assert_line = fl_text_find(&mutant.text, name, "PAGED_CODE();", "driver.c");
	fl_text_insert(&mutant.text, assert_line + 1, "    PAGED_CODE();");
	fl_mutant_expect(&mutant, "paged-code-repeated", assert_line + 1);
	fl_mutant_close(&mutant);
}
END_TEST

START_TEST(test_resident_function_moved_into_code_seg)
{
	/* A post-operation-reachable notification wrapped in a code_seg("PAGE")
	 * region: page-section-assert on its name. */
	const char *function = "LgrSectionConflictNotification";
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "context.c");
	size_t name = fl_text_definition(&mutant.text, function, "context.c");
	/* The return type is on the line above the name. */
	fl_text_insert(&mutant.text, name - 1, "#pragma code_seg(\"PAGE\")");
	name++;
	size_t end = fl_text_find(&mutant.text, name, "}", "context.c");
	while (end < mutant.text.count && strcmp(mutant.text.lines[end], "}") != 0)
		end = fl_text_find(&mutant.text, end + 1, "}", "context.c");
	fl_text_insert(&mutant.text, end + 1, "#pragma code_seg()");
	fl_mutant_expect(&mutant, "page-section-assert", name);
	fl_mutant_close(&mutant);
}
END_TEST

/* The line of the pool argument of the active FLT_VOLUME_CONTEXT allocation
 * in context.c (the first one: the paged one at the end is inactive). */
static size_t fl_volume_pool_line(const struct fl_text *text)
{
	size_t call = fl_text_find(text, 0, "FltAllocateContext(", "context.c");
	while (!strstr(text->lines[call + 1], "FLT_VOLUME_CONTEXT"))
		call = fl_text_find(text, call + 1, "FltAllocateContext(", "context.c");
	return fl_text_find(text, call, "NonPagedPoolNx", "context.c");
}

START_TEST(test_volume_context_from_paged_pool)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "context.c");
	size_t pool = fl_volume_pool_line(&mutant.text);
	fl_text_replace(&mutant.text, pool, "NonPagedPoolNx", "PagedPool");
	fl_mutant_expect(&mutant, "volume-context-pool", pool);
	fl_mutant_close(&mutant);
}
END_TEST

START_TEST(test_volume_context_pool_through_variable)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "context.c");
	size_t pool = fl_volume_pool_line(&mutant.text);
	fl_text_replace(&mutant.text, pool, "NonPagedPoolNx", "volumePool");
	/* Declared with the function's other locals. */
	size_t name = fl_text_definition(&mutant.text, "LgrSetupVolumeContext", "context.c");
	size_t locals = fl_text_find(&mutant.text, name, "NTSTATUS status;", "context.c");
	fl_text_insert(&mutant.text, locals + 1, "    POOL_TYPE volumePool = PagedPool;");
	fl_mutant_expect(&mutant, "volume-context-pool", pool + 1);
	fl_mutant_close(&mutant);
}
END_TEST

/* A driver that does not opt in to NX pool at run time (the reference's
 * DriverEntry does: nx-pool then takes it to be built with POOL_NX_OPTIN). */
static void fl_drop_runtime_opt_in(const struct fl_mutant *mutant)
{
	char *path = fl_xasprintf("%s/driver.c", mutant->dir);
	struct fl_text driver;
	fl_text_read(&driver, path);
	fl_text_delete(&driver, fl_text_find(&driver, 0, "ExInitializeDriverRuntime(DrvRtPoolNxOptIn);", "driver.c"));
	fl_text_write(&driver, path);
	fl_text_free(&driver);
	free(path);
}

START_TEST(test_pool_switched_to_executable)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "cleanup.c");
	fl_drop_runtime_opt_in(&mutant);
	size_t pool = fl_text_find(&mutant.text, 0, "ExAllocatePoolWithTag(NonPagedPoolNx", "cleanup.c");
	fl_text_replace(&mutant.text, pool, "NonPagedPoolNx", "NonPagedPool");
	fl_mutant_expect(&mutant, "nx-pool", pool);
	fl_mutant_close(&mutant);
}
END_TEST

/* POOL_NX_OPTIN defined before the headers, the run-time opt-in dropped. */
START_TEST(test_nx_opt_in_without_runtime_call)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "driver.c");
	size_t call = fl_text_find(&mutant.text, 0, "ExInitializeDriverRuntime(DrvRtPoolNxOptIn);", "driver.c");
	fl_text_delete(&mutant.text, call);
	size_t include = fl_text_find(&mutant.text, 0, "#include \"ledger.h\"", "driver.c");
	fl_text_insert(&mutant.text, include, "#define POOL_NX_OPTIN 1");
	fl_mutant_expect(&mutant, "nx-opt-in-ineffective", include);
	fl_mutant_close(&mutant);
}
END_TEST

/* The unload path no longer removes the registry callback. */
START_TEST(test_registry_callback_not_unregistered)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "notify.c");
	size_t undo = fl_text_find(&mutant.text, fl_text_definition(&mutant.text, "LgrUnregisterNotifications", "notify.c"),
				   "CmUnRegisterCallback(LgrGlobals.RegistryCookie);", "notify.c");
	fl_text_delete(&mutant.text, undo);
	size_t registration = fl_text_find(&mutant.text, 0, "CmRegisterCallbackEx(", "notify.c");
	fl_mutant_expect(&mutant, "callback-not-unregistered", registration);
	fl_mutant_close(&mutant);
}
END_TEST

/* The write entry no longer skips paging I/O; its pre-operation queries the name. */
START_TEST(test_write_entry_loses_skip_paging_io)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "registration.c");
	size_t entry = fl_text_find(&mutant.text, 0, "{ IRP_MJ_WRITE,", "registration.c");
	size_t flags = fl_text_find(&mutant.text, entry, "FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO", "registration.c");
	fl_text_replace(&mutant.text, flags, "FLTFL_OPERATION_REGISTRATION_SKIP_PAGING_IO", "0");
	struct fl_text readwrite;
	char *path = fl_xasprintf("%s/readwrite.c", mutant.dir);
	fl_text_read(&readwrite, path);
	size_t query = fl_text_find(&readwrite, fl_text_definition(&readwrite, "LgrPreWrite", "readwrite.c"),
				    "FltGetFileNameInformation(", "readwrite.c");
	fl_text_free(&readwrite);
	free(path);
	fl_mutant_expect_in(&mutant, "paging-io-name-query", "readwrite.c", query);
	fl_mutant_close(&mutant);
}
END_TEST

START_TEST(test_alloc_text_after_definition)
{
	/* A pragma added at the bottom for a function defined above it (one that
	 * is already in PAGE and asserts, so nothing else changes). */
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "context.c");
	fl_text_definition(&mutant.text, "LgrTransactionNotification", "context.c");
	fl_text_insert(&mutant.text, mutant.text.count, "#pragma alloc_text(PAGE, LgrTransactionNotification)");
	fl_mutant_expect(&mutant, "alloc-text-after-definition", mutant.text.count - 1);
	fl_mutant_close(&mutant);
}
END_TEST

START_TEST(test_alloc_text_before_prototype)
{
	/* config.c's INIT alloc_text moved above the static helper's prototype. */
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "config.c");
	size_t pragma = fl_text_find(&mutant.text, 0, "#pragma alloc_text(INIT", "config.c");
	ck_assert_msg(fl_has_word(mutant.text.lines[pragma], "LgrQueryDwordValue"),
		      "the reference changed: config.c's INIT alloc_text does not name LgrQueryDwordValue");
	char *line = fl_xstrdup(mutant.text.lines[pragma]);
	fl_text_delete(&mutant.text, pragma);
	size_t include = fl_text_find(&mutant.text, 0, "#include \"ledger.h\"", "config.c");
	fl_text_insert(&mutant.text, include + 1, line);
	free(line);
	fl_mutant_expect(&mutant, "alloc-text-undeclared", include + 1);
	fl_mutant_close(&mutant);
}
END_TEST

START_TEST(test_alloc_text_names_function_of_other_file)
{
	/* LgrCountEvent is declared in ledger.h and defined in driver.c. */
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "context.c");
	size_t pragma = fl_text_find(&mutant.text, 0, "#pragma alloc_text(PAGE", "context.c");
	fl_text_replace(&mutant.text, pragma, ")", ", LgrCountEvent)");
	fl_mutant_expect(&mutant, "alloc-text-not-defined", pragma);
	fl_mutant_close(&mutant);
}
END_TEST

START_TEST(test_context_end_removed)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, __func__, "registration.c");
	size_t end = fl_text_find(&mutant.text, 0, "FLT_CONTEXT_END", "registration.c");
	size_t array = (size_t)-1;
	for (size_t i = 0; i < end; i++)
		if (strstr(mutant.text.lines[i], "FLT_CONTEXT_REGISTRATION") && strstr(mutant.text.lines[i], "[]"))
			array = i;
	ck_assert_msg(array != (size_t)-1, "the reference changed: no context array before FLT_CONTEXT_END");
	fl_text_delete(&mutant.text, end);
	fl_mutant_expect(&mutant, "context-end", array);

	/* The same through the command line, as a user sees it: gcc-style text
	 * and JSON name the line, and the exit code is 1. */
	char *where = fl_xasprintf("%s:%zu:", mutant.file, array + 1);
	const char *const text_args[] = { "-j", "2", mutant.dir, NULL };
	struct fl_test_run text = fl_test_run_cli(text_args);
	ck_assert_int_eq(text.status, 1);
	ck_assert_msg(strstr(text.out, where) && strstr(text.out, ": error: ") && strstr(text.out, "[context-end]"),
		      "text output lacks %s ... error ... [context-end]:\n%s", where, text.out);
	const char *const json_args[] = { "--format", "json", mutant.dir, NULL };
	struct fl_test_run json = fl_test_run_cli(json_args);
	ck_assert_int_eq(json.status, 1);
	json_error_t error;
	json_t *report = json_loads(json.out, 0, &error);
	ck_assert_msg(report != NULL, "not JSON: %s", error.text);
	json_t *finding = json_array_get(json_object_get(report, "findings"), 0);
	ck_assert_uint_eq(json_array_size(json_object_get(report, "findings")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(finding, "rule")), "context-end");
	ck_assert_str_eq(json_string_value(json_object_get(finding, "severity")), "error");
	ck_assert_str_eq(json_string_value(json_object_get(finding, "file")), mutant.file);
	ck_assert_int_eq(json_integer_value(json_object_get(finding, "line")), (json_int_t)array + 1);
	json_decref(report);
	fl_test_run_free(&text);
	fl_test_run_free(&json);
	free(where);
	fl_mutant_close(&mutant);
}
END_TEST

/* Drops OBJ_KERNEL_HANDLE from the InitializeObjectAttributes call that
 * starts with `anchor` in `file`: kernel-handle on that call's first line,
 * wherever the handle is then created. */
static void fl_drop_kernel_handle(const char *test, const char *file, const char *anchor)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open(&mutant, test, file);
	size_t call = fl_text_find(&mutant.text, 0, anchor, file);
	size_t flags = fl_text_find(&mutant.text, call, "OBJ_KERNEL_HANDLE | ", file);
	fl_text_replace(&mutant.text, flags, "OBJ_KERNEL_HANDLE | ", "");
	fl_mutant_expect(&mutant, "kernel-handle", call);
	fl_mutant_close(&mutant);
}

START_TEST(test_port_attributes_lose_kernel_handle)
{
	fl_drop_kernel_handle(__func__, "port.c", "InitializeObjectAttributes(&portAttributes");
}
END_TEST

START_TEST(test_registry_attributes_lose_kernel_handle)
{
	fl_drop_kernel_handle(__func__, "config.c", "InitializeObjectAttributes(&serviceAttributes");
}
END_TEST

/* The attributes are set in a helper of names.c and used by opens in
 * config.c and workitem.c. */
START_TEST(test_helper_attributes_lose_kernel_handle)
{
	fl_drop_kernel_handle(__func__, "names.c", "InitializeObjectAttributes(Attributes");
}
END_TEST

/* ---- the C++ reference (fixtures/reference_cpp) ---- */

/* The holder's destructor no longer releases: the reference PostCreate
 * gets and hands to a ContextRef leaks, reported on the get. */
START_TEST(test_cpp_destructor_release_removed)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open_from(&mutant, __func__, FL_REFERENCE_CPP, "memory.cpp");
	size_t destructor = fl_text_find(&mutant.text, 0, "ContextRef::~ContextRef()", "memory.cpp");
	fl_text_delete(&mutant.text, fl_text_find(&mutant.text, destructor, "FltReleaseContext(m_context);", "memory.cpp"));
	fl_text_write(&mutant.text, mutant.file);
	fl_text_free(&mutant.text);
	free(mutant.file);
	mutant.file = fl_xasprintf("%s/%s", mutant.dir, "callbacks.cpp");
	fl_text_read(&mutant.text, mutant.file);
	size_t post = fl_text_find(&mutant.text, 0, "Filter::PostCreate(", "callbacks.cpp");
	fl_mutant_expect(&mutant, "context-leak", fl_text_find(&mutant.text, post, "FltGetVolumeContext(", "callbacks.cpp"));
	fl_mutant_close(&mutant);
}
END_TEST

/* The spin-lock guard's block is closed after the PASSIVE-only call: the
 * call runs at DISPATCH_LEVEL until the guard's destructor. */
START_TEST(test_cpp_guard_scope_widened)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open_from(&mutant, __func__, FL_REFERENCE_CPP, "callbacks.cpp");
	size_t count = fl_text_find(&mutant.text, 0, "Filter::CountVolume(", "callbacks.cpp");
	size_t counted = fl_text_find(&mutant.text, count, "Volumes++;", "callbacks.cpp");
	fl_text_delete(&mutant.text, counted + 1); /* the guard's closing brace */
	size_t call = fl_text_find(&mutant.text, counted, "FltIsVolumeWritable(", "callbacks.cpp");
	fl_text_insert(&mutant.text, call + 2, "\t}");
	fl_mutant_expect(&mutant, "irql-too-high", call);
	fl_mutant_close(&mutant);
}
END_TEST

/* `new (filter, PagedPool) VolumeContext`: the class's operator new hands
 * its pool parameter to FltAllocateContext. */
START_TEST(test_cpp_new_volume_context_paged)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open_from(&mutant, __func__, FL_REFERENCE_CPP, "callbacks.cpp");
	size_t line = fl_text_find(&mutant.text, 0, "NonPagedPoolNx) VolumeContext", "callbacks.cpp");
	fl_text_replace(&mutant.text, line, "NonPagedPoolNx) VolumeContext", "PagedPool) VolumeContext");
	fl_mutant_expect(&mutant, "volume-context-pool", line);
	fl_mutant_close(&mutant);
}
END_TEST

/* A member function asserting PAGED_CODE loses its code_seg declspec. */
START_TEST(test_cpp_member_paged_code_outside_page)
{
	struct fl_mutant mutant = { 0 };
	fl_mutant_open_from(&mutant, __func__, FL_REFERENCE_CPP, "callbacks.cpp");
	size_t declspec = fl_text_find(&mutant.text, 0, "__declspec(code_seg(\"PAGE\"))", "callbacks.cpp");
	fl_text_delete(&mutant.text, declspec);
	size_t assertion = fl_text_find(&mutant.text, declspec, "PAGED_CODE();", "callbacks.cpp");
	fl_mutant_expect(&mutant, "paged-code-section", assertion);
	fl_mutant_close(&mutant);
}
END_TEST

Suite *fl_mutation_suite(void)
{
	Suite *suite = suite_create("mutations");
	TCase *cases = tcase_create("reference");
	tcase_set_timeout(cases, 300); /* each runs the whole reference through libclang */
	tcase_add_test(cases, test_alloc_text_function_loses_paged_code);
	tcase_add_test(cases, test_callback_in_other_file_loses_paged_code);
	tcase_add_test(cases, test_declspec_function_loses_paged_code);
	tcase_add_test(cases, test_code_seg_function_loses_paged_code);
	tcase_add_test(cases, test_name_removed_from_alloc_text);
	tcase_add_test(cases, test_paged_code_repeated);
	tcase_add_test(cases, test_resident_function_moved_into_code_seg);
	tcase_add_test(cases, test_volume_context_from_paged_pool);
	tcase_add_test(cases, test_volume_context_pool_through_variable);
	tcase_add_test(cases, test_pool_switched_to_executable);
	tcase_add_test(cases, test_nx_opt_in_without_runtime_call);
	tcase_add_test(cases, test_registry_callback_not_unregistered);
	tcase_add_test(cases, test_write_entry_loses_skip_paging_io);
	tcase_add_test(cases, test_alloc_text_after_definition);
	tcase_add_test(cases, test_alloc_text_before_prototype);
	tcase_add_test(cases, test_alloc_text_names_function_of_other_file);
	tcase_add_test(cases, test_context_end_removed);
	tcase_add_test(cases, test_port_attributes_lose_kernel_handle);
	tcase_add_test(cases, test_registry_attributes_lose_kernel_handle);
	tcase_add_test(cases, test_helper_attributes_lose_kernel_handle);
	tcase_add_test(cases, test_cpp_destructor_release_removed);
	tcase_add_test(cases, test_cpp_guard_scope_widened);
	tcase_add_test(cases, test_cpp_new_volume_context_paged);
	tcase_add_test(cases, test_cpp_member_paged_code_outside_page);
	suite_add_tcase(suite, cases);
	return suite;
}
