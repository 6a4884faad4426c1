/* Hostile and broken input (README "Security"): what fltlint promises when a
 * pull request, not a colleague, wrote the tree.  Each test builds its odd
 * input at run time in a temporary folder and runs the built CLI on it:
 * the file is named, the run exits 2 when it cannot be trusted, the other
 * files are still analyzed, and nothing hangs, crashes or leaks a file from
 * outside the tree into the output. */
#define _GNU_SOURCE

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "parse/parse.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

extern char **environ;

static double fl_clock(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* Runs fltlint -f json --no-cache ARGS... and parses its report. */
static json_t *fl_run_json(const char *const *args, struct fl_test_run *run)
{
	const char *argv[32] = { "-f", "json", "--no-cache" };
	size_t n = 3;
	for (size_t i = 0; args[i]; i++) {
		ck_assert_uint_lt(n, 31);
		argv[n++] = args[i];
	}
	argv[n] = NULL;
	*run = fl_test_run_cli(argv);
	json_error_t error;
	json_t *report = json_loads(run->out, 0, &error);
	ck_assert_msg(report != NULL, "not JSON (%s): %s\nstderr: %s", error.text, run->out, run->err);
	return report;
}

static size_t fl_summary(const json_t *report, const char *key)
{
	return (size_t)json_integer_value(json_object_get(json_object_get(report, "summary"), key));
}

/* The message of the input error on `file` (a suffix of its path), or NULL. */
static const char *fl_error_on(const json_t *report, const char *file)
{
	const json_t *errors = json_object_get(report, "errors");
	for (size_t i = 0; i < json_array_size(errors); i++) {
		const char *name = json_string_value(json_object_get(json_array_get(errors, i), "file"));
		if (name && fl_str_ends_with(name, file))
			return json_string_value(json_object_get(json_array_get(errors, i), "message"));
	}
	return NULL;
}

static unsigned fl_error_line(const json_t *report, const char *file)
{
	const json_t *errors = json_object_get(report, "errors");
	for (size_t i = 0; i < json_array_size(errors); i++) {
		const json_t *error = json_array_get(errors, i);
		const char *name = json_string_value(json_object_get(error, "file"));
		if (name && fl_str_ends_with(name, file))
			return (unsigned)json_integer_value(json_object_get(error, "line"));
	}
	return 0;
}

static void fl_write_bytes(const char *path, const void *data, size_t length)
{
	FILE *file = fopen(path, "wb");
	ck_assert_msg(file != NULL, "create %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(data, 1, length, file), length);
	ck_assert_int_eq(fclose(file), 0);
}

static const char fl_good_source[] = "#include <fltKernel.h>\nint Good;\n";

/* ---- unparseable, C++ in .c, binary, empty ---- */

START_TEST(test_broken_files_are_named_and_others_analyzed)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", fl_good_source));
	free(fl_test_write(dir, "empty.c", ""));
	free(fl_test_write(dir, "garbage.c", "}}} int = ; @@@ #endif\n"));
	free(fl_test_write(dir, "cxx.c", "class Filter { public: virtual ~Filter(); };\n"
					 "template <typename T> T Twice(T x) { return x + x; }\n"));
	char *binary = fl_xasprintf("%s/binary.c", dir);
	unsigned char bytes[4096];
	for (size_t i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)(i * 7919 % 251); /* NULs, controls, bytes above 0x7f */
	fl_write_bytes(binary, bytes, sizeof(bytes));
	const char *const args[] = { dir, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	/* Analyzed from what clang recovered, and said to be; never clean. */
	ck_assert_int_eq(run.status, 0);
	ck_assert_uint_eq(fl_summary(report, "files"), 5);
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 5);
	ck_assert_uint_eq(fl_summary(report, "analyzed_with_errors"), 3);
	const char *broken[] = { "/garbage.c", "/cxx.c", "/binary.c" };
	for (size_t i = 0; i < 3; i++) {
		const char *message = fl_error_on(report, broken[i]);
		ck_assert_msg(message && strstr(message, "analyzed with"), "%s: %s", broken[i], run.out);
	}
	json_decref(report);
	fl_test_run_free(&run);
	/* --strict-parse: such a unit fails the run. */
	const char *const strict[] = { "--strict-parse", dir, NULL };
	report = fl_run_json(strict, &run);
	ck_assert_int_eq(run.status, 2);
	json_decref(report);
	fl_test_run_free(&run);
	free(binary);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- big and deep input: bounded, never a hang ---- */

START_TEST(test_fifty_megabyte_file_is_bounded)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", fl_good_source));
	char *big = fl_xasprintf("%s/big.c", dir);
	FILE *file = fopen(big, "wb");
	ck_assert_ptr_nonnull(file);
	/* 50 MB of tentative definitions: valid C, heavy for the parser. */
	static const char line[] = "int Tentative;\n";
	for (size_t written = 0; written < 50u << 20; written += sizeof(line) - 1)
		fputs(line, file);
	ck_assert_int_eq(fclose(file), 0);
	const char *const args[] = { "--timeout", "20", dir, NULL };
	double started = fl_clock();
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	double took = fl_clock() - started;
	ck_assert_msg(took < 90, "took %.0f s", took);
	ck_assert_int_ge(fl_summary(report, "analyzed"), 1); /* good.c whatever becomes of big.c */
	const char *message = fl_error_on(report, "/big.c");
	if (message) {
		ck_assert_int_eq(run.status, 2);
		ck_assert_msg(strstr(message, "--timeout") || strstr(message, "memory"), "%s", message);
	} else {
		ck_assert_uint_eq(fl_summary(report, "analyzed"), 2);
	}
	json_decref(report);
	fl_test_run_free(&run);
	free(big);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_ten_thousand_nested_braces)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", fl_good_source));
	size_t depth = 10000;
	char *text = fl_xmalloc(depth * 2 + 64);
	char *out = text + sprintf(text, "void Deep(void)\n");
	for (size_t i = 0; i < depth; i++)
		*out++ = '{';
	for (size_t i = 0; i < depth; i++)
		*out++ = '}';
	strcpy(out, "\nint Parens = ");
	free(fl_test_write(dir, "braces.c", text));
	/* And as deep in parentheses and #if. */
	out = text;
	for (size_t i = 0; i < depth; i++)
		*out++ = '(';
	*out++ = '1';
	for (size_t i = 0; i < depth; i++)
		*out++ = ')';
	strcpy(out, ";\n");
	char *parens = fl_xasprintf("int Parens = %s", text);
	free(fl_test_write(dir, "parens.c", parens));
	free(parens);
	char *ifs = fl_xstrdup("");
	for (size_t i = 0; i < 2000; i++) {
		char *longer = fl_xasprintf("%s#if 1\n", ifs);
		free(ifs);
		ifs = longer;
	}
	free(fl_test_write(dir, "ifs.c", ifs));
	free(ifs);
	free(text);
	const char *const args[] = { "--timeout", "30", dir, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	ck_assert_int_eq(run.status, 0); /* analyzed with errors: bounded, and said */
	ck_assert_ptr_nonnull(fl_error_on(report, "/braces.c"));
	ck_assert_ptr_nonnull(fl_error_on(report, "/ifs.c"));
	ck_assert_int_ge(fl_summary(report, "analyzed"), 1);
	ck_assert_ptr_null(fl_error_on(report, "/good.c"));
	json_decref(report);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* Each level doubles: A40 is 2^40 tokens. */
static char *fl_exploding_macros(const char *leaf, unsigned levels, const char *use)
{
	char *text = fl_xasprintf("#define A0 %s\n", leaf);
	for (unsigned i = 1; i <= levels; i++) {
		char *longer = fl_xasprintf("%s#define A%u A%u A%u\n", text, i, i - 1, i - 1);
		free(text);
		text = longer;
	}
	char *whole = fl_xasprintf("%s%s\n", text, use);
	free(text);
	return whole;
}

START_TEST(test_macro_explosion_in_time_is_a_timeout)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", fl_good_source));
	/* Streams 2^40 tokens through the preprocessor in little memory. */
	char *text = fl_exploding_macros("+1", 40, "int Boom = 0 A40;");
	free(fl_test_write(dir, "boom.c", text));
	free(text);
	/* One worker: the one killed on boom.c is replaced for what follows. */
	free(fl_test_write(dir, "later.c", fl_good_source));
	const char *const args[] = { "-j", "1", "--timeout", "3", dir, NULL };
	double started = fl_clock();
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	ck_assert_msg(fl_clock() - started < 60, "a 3 s timeout took %.0f s", fl_clock() - started);
	ck_assert_int_eq(run.status, 2);
	const char *message = fl_error_on(report, "/boom.c");
	ck_assert_msg(message && (strstr(message, "--timeout") || strstr(message, "memory")), "%s", run.out);
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 2);
	json_decref(report);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_macro_explosion_in_memory_is_bounded)
{
#ifdef FL_SANITIZED
	/* A sanitizer build has no memory bound (engine.h): nothing to test. */
	return;
#endif
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", fl_good_source));
	/* An initializer of 2^32 elements: every one an AST node kept. */
	char *text = fl_exploding_macros("1,", 32, "int Boom[] = { A32 };");
	free(fl_test_write(dir, "boom.c", text));
	free(text);
	/* One worker: the one that ran out of memory on boom.c is replaced. */
	free(fl_test_write(dir, "later.c", fl_good_source));
	const char *const args[] = { "-j", "1", "--max-memory", "512", "--timeout", "100", dir, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	ck_assert_int_eq(run.status, 2);
	const char *message = fl_error_on(report, "/boom.c");
	ck_assert_msg(message && strstr(message, "exceeded the memory limit"), "%s\n%s", run.out, run.err);
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 2);
	json_decref(report);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* A crash libclang catches (here clang's own debugging pragma) leaves the
 * worker's heap suspect: the worker answers for its unit and exits, and a
 * fresh one parses the next unit.  One job, so the next unit would
 * otherwise go to the same process. */
START_TEST(test_caught_crash_ends_the_worker)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "a_crash.c", "#pragma clang __debug crash\nint Crashed;\n"));
	free(fl_test_write(dir, "b_later.c", fl_good_source));
	const char *const args[] = { "-j", "1", "--stats=json", dir, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	ck_assert_int_eq(run.status, 2);
	const char *message = fl_error_on(report, "/a_crash.c");
	ck_assert_msg(message && strstr(message, "crashed"), "%s", run.out);
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 1);
	ck_assert_ptr_null(fl_error_on(report, "/b_later.c"));
	ck_assert_msg(strstr(run.err, "\"workers_started\": 2"), "%s", run.err);
	json_decref(report);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- directory walks ---- */

START_TEST(test_symlink_loops_end)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "src/good.c", fl_good_source));
	char *self = fl_xasprintf("%s/src/self", dir), *a = fl_xasprintf("%s/src/a", dir),
	     *b = fl_xasprintf("%s/src/b", dir), *up = fl_xasprintf("%s/src/deeper/up", dir),
	     *deeper = fl_xasprintf("%s/src/deeper", dir), *src = fl_xasprintf("%s/src", dir);
	ck_assert_int_eq(symlink(".", self), 0);
	ck_assert_int_eq(symlink("b", a), 0);
	ck_assert_int_eq(symlink("a", b), 0);
	ck_assert_int_eq(mkdir(deeper, 0755), 0);
	ck_assert_int_eq(symlink("..", up), 0);
	const char *const args[] = { src, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	ck_assert_msg(run.status == 0, "%d: %s %s", run.status, run.out, run.err);
	ck_assert_uint_eq(fl_summary(report, "files"), 1);
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 1);
	json_decref(report);
	fl_test_run_free(&run);
	/* A loop named on the command line is an input error, not a hang. */
	const char *const named[] = { a, src, NULL };
	report = fl_run_json(named, &run);
	ck_assert_int_eq(run.status, 2);
	ck_assert_ptr_nonnull(fl_error_on(report, "/src/a"));
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 1);
	json_decref(report);
	fl_test_run_free(&run);
	free(self), free(a), free(b), free(up), free(deeper), free(src);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_links_outside_the_tree_not_followed)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "tree/good.c", fl_good_source));
	char *secret = fl_test_write(dir, "outside/secret.c", "int SecretTokenOutside = ;\n");
	char *outside = fl_xasprintf("%s/outside", dir);
	char *file_link = fl_xasprintf("%s/tree/linked.c", dir), *dir_link = fl_xasprintf("%s/tree/linked", dir);
	char *tree = fl_xasprintf("%s/tree", dir);
	ck_assert_int_eq(symlink(secret, file_link), 0);
	ck_assert_int_eq(symlink(outside, dir_link), 0);
	const char *const args[] = { tree, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	ck_assert_msg(run.status == 0, "%d: %s", run.status, run.out);
	ck_assert_uint_eq(fl_summary(report, "files"), 1);
	ck_assert_ptr_null(strstr(run.out, "Secret"));
	ck_assert_ptr_null(strstr(run.err, "Secret"));
	json_decref(report);
	fl_test_run_free(&run);
	free(secret), free(outside), free(file_link), free(dir_link), free(tree);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* root reads everything: the test runs as nobody when started as root
 * (Check runs each test in a child of its own). */
static bool fl_drop_root(void)
{
	if (geteuid() != 0)
		return true;
	struct passwd *nobody = getpwnam("nobody");
	if (!nobody || setgid(nobody->pw_gid) != 0 || setuid(nobody->pw_uid) != 0)
		return false;
	prctl(PR_SET_DUMPABLE, 1); /* LeakSanitizer reads /proc/self */
	return true;
}

START_TEST(test_unreadable_files_and_folders)
{
	if (!fl_drop_root())
		return;
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", fl_good_source));
	char *file = fl_test_write(dir, "locked.c", "int Locked;\n");
	char *folder = fl_xasprintf("%s/sealed", dir);
	free(fl_test_write(dir, "sealed/inner.c", "int Inner;\n"));
	char *header = fl_test_write(dir, "locked.h", "int FromHeader;\n");
	free(fl_test_write(dir, "includer.c", "#include \"locked.h\"\n"));
	ck_assert_int_eq(chmod(file, 0), 0);
	ck_assert_int_eq(chmod(folder, 0), 0);
	ck_assert_int_eq(chmod(header, 0), 0);
	const char *const args[] = { dir, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	ck_assert_int_eq(run.status, 2);
	ck_assert_ptr_nonnull(fl_error_on(report, "/locked.c"));
	ck_assert_ptr_nonnull(fl_error_on(report, "/sealed"));
	ck_assert_ptr_nonnull(fl_error_on(report, "/includer.c"));
	ck_assert_ptr_null(fl_error_on(report, "/good.c"));
	/* includer.c is analyzed without the header it cannot read, and says so. */
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 2);
	ck_assert_uint_eq(fl_summary(report, "analyzed_with_errors"), 1);
	json_decref(report);
	fl_test_run_free(&run);
	chmod(folder, 0755);
	free(file), free(folder), free(header);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_odd_names)
{
	char *dir = fl_test_tempdir();
	/* A space, UTF-8, and bytes that are not UTF-8 (Latin-1 é, a lone 0xff). */
	const char *const names[] = { "with space.c", "caf\xc3\xa9.c", "caf\xe9.c", "\xff\xfe.c", "in dir \xe9/x y.c" };
	for (size_t i = 0; i < 5; i++) {
		char *text = fl_xasprintf("#include \"h %zu.h\"\nint Broken%zu = ;\n", i, i);
		free(fl_test_write(dir, names[i], text));
		free(text);
		char *header_name = fl_xasprintf("%s", names[i]);
		char *slash = strrchr(header_name, '/');
		char *header = fl_xasprintf("%.*sh %zu.h", slash ? (int)(slash - header_name + 1) : 0, header_name, i);
		free(fl_test_write(dir, header, "int FromHeader;\n"));
		free(header);
		free(header_name);
	}
	free(fl_test_write(dir, "clean \xe9.c", fl_good_source));
	const char *const args[] = { dir, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run); /* valid JSON: every string UTF-8 */
	ck_assert_int_eq(run.status, 0);
	ck_assert_uint_eq(fl_summary(report, "files"), 6);
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 6);
	ck_assert_uint_eq(fl_summary(report, "analyzed_with_errors"), 5);
	ck_assert_uint_eq(json_array_size(json_object_get(report, "errors")), 5);
	ck_assert_ptr_nonnull(fl_error_on(report, "/with space.c"));
	ck_assert_ptr_nonnull(fl_error_on(report, "/caf\xc3\xa9.c"));
	ck_assert_ptr_nonnull(fl_error_on(report, "/caf\xef\xbf\xbd.c")); /* U+FFFD */
	json_decref(report);
	fl_test_run_free(&run);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- output ---- */

START_TEST(test_output_unwritable)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", fl_good_source));
	const char *const targets[] = { "/nonexistent-fltlint-folder/report.json", "/proc/fltlint-report.json" };
	for (size_t i = 0; i < 2; i++) {
		const char *const args[] = { "--no-cache", "-o", targets[i], dir, NULL };
		struct fl_test_run run = fl_test_run_cli(args);
		ck_assert_int_eq(run.status, 2);
		ck_assert_msg(strstr(run.err, targets[i]) != NULL, "%s", run.err);
		fl_test_run_free(&run);
	}
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

static bool fl_leftovers(const char *dir, const char *except)
{
	char *command = fl_xasprintf("ls -A '%s' | grep -v -x -e '%s' -e good.c -e 'bad.*' -q", dir, except);
	int status = system(command);
	free(command);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

START_TEST(test_output_full_disk)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", fl_good_source));
	for (int i = 0; i < 40; i++) {
		char *name = fl_xasprintf("bad%02d_with_a_long_name_to_make_the_report_big.c", i);
		free(fl_test_write(dir, name, "int Broken = ;\n"));
		free(name);
	}
	char *report = fl_test_write(dir, "report.txt", "the previous report\n");
	/* A full disk, without root: a file size limit (SIGXFSZ ignored, so
	 * write fails with EFBIG) that the report outgrows but stderr does not. */
	char *err_path = fl_xasprintf("%s.err", dir);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit limit = { .rlim_cur = 2048, .rlim_max = RLIM_INFINITY };
		int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int null = open("/dev/null", O_RDWR);
		if (setrlimit(RLIMIT_FSIZE, &limit) != 0 || err < 0 || null < 0)
			_exit(127);
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(err, STDERR_FILENO);
		char *argv[] = { (char *)FL_BINARY_DIR "/fltlint", "--no-cache", "-o", report, dir, NULL };
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 2, "status %d", status);
	char *err = fl_read_file(err_path, NULL);
	ck_assert_msg(err && strstr(err, "cannot write"), "%s", err ? err : "no stderr");
	free(err);
	unlink(err_path);
	free(err_path);
	size_t length;
	char *kept = fl_read_file(report, &length);
	ck_assert_str_eq(kept, "the previous report\n"); /* old report kept, partial removed */
	free(kept);
	ck_assert_msg(!fl_leftovers(dir, "report.txt"), "a temporary report was left behind");
	/* Standard output on a full device. */
	const char *const to_stdout[] = { "--no-cache", dir, NULL };
	int saved = dup(STDOUT_FILENO);
	int full = open("/dev/full", O_WRONLY);
	if (full >= 0) {
		posix_spawn_file_actions_t actions;
		posix_spawn_file_actions_init(&actions);
		posix_spawn_file_actions_adddup2(&actions, full, STDOUT_FILENO);
		posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
		char *argv[] = { (char *)FL_BINARY_DIR "/fltlint", (char *)to_stdout[0], (char *)to_stdout[1], NULL };
		ck_assert_int_eq(posix_spawn(&pid, argv[0], &actions, NULL, argv, environ), 0);
		posix_spawn_file_actions_destroy(&actions);
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 2, "status %d", status);
		close(full);
	}
	close(saved);
	free(report);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_output_two_runs_same_file)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "good.c", fl_good_source));
	free(fl_test_write(dir, "bad.c", "int Broken = ;\n"));
	char *report = fl_xasprintf("%s/out/report.json", dir);
	char *out = fl_xasprintf("%s/out", dir);
	ck_assert_int_eq(mkdir(out, 0755), 0);
	pid_t pids[4];
	for (int i = 0; i < 4; i++) {
		posix_spawn_file_actions_t actions;
		posix_spawn_file_actions_init(&actions);
		posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
		char *argv[] = { (char *)FL_BINARY_DIR "/fltlint", "--no-cache", "--strict-parse", "-f", "json", "-o", report, dir,
				 NULL };
		ck_assert_int_eq(posix_spawn(&pids[i], argv[0], &actions, NULL, argv, environ), 0);
		posix_spawn_file_actions_destroy(&actions);
	}
	for (int i = 0; i < 4; i++) {
		int status;
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 2, "run %d: status %d", i, status);
	}
	json_error_t error;
	json_t *whole = json_load_file(report, 0, &error);
	ck_assert_msg(whole != NULL, "the report is not whole JSON: %s", error.text);
	ck_assert_uint_eq(fl_summary(whole, "files"), 2);
	json_decref(whole);
	char *command = fl_xasprintf("test \"$(ls -A '%s')\" = report.json", out);
	ck_assert_msg(system(command) == 0, "temporary reports left in %s", out);
	free(command);
	free(report), free(out);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- secrets: nothing outside the tree and the header folders ---- */

static const char fl_secret_text[] = "SecretToken4242 leaked = 1;\n";

static void fl_assert_no_secret(const struct fl_test_run *run)
{
	ck_assert_msg(strstr(run->out, "SecretToken4242") == NULL, "secret in the report: %s", run->out);
	ck_assert_msg(strstr(run->err, "SecretToken4242") == NULL, "secret on stderr: %s", run->err);
}

START_TEST(test_includes_outside_the_tree_refused)
{
	char *dir = fl_test_tempdir();
	char *secret = fl_test_write(dir, "outside/secret.h", fl_secret_text);
	char *tree = fl_xasprintf("%s/tree", dir);
	free(fl_test_write(dir, "tree/good.c", fl_good_source));
	char *link = fl_xasprintf("%s/tree/inc", dir);
	char *outside = fl_xasprintf("%s/outside", dir);
	ck_assert_int_eq(symlink(outside, link), 0);
	/* Each spelling, in a unit of its own, with the include on line 2. */
	const char *const spellings[] = {
		"#include \"/etc/passwd\"",
		"#include </proc/self/environ>",
		"#include \"../outside/secret.h\"",
		"#include \"..\\\\outside\\\\SECRET.H\"",        /* Windows separators and case */
		"#include \"inc/secret.h\"",                    /* a link in the tree */
		"#  /* c */ include \\\n \"../outside/secret.h\"", /* comment and continuation */
		"%:include \"../outside/secret.h\"",            /* digraph */
		"#include_next \"../outside/secret.h\"",
		"#pragma include_alias(\"alias.h\", \"../outside/secret.h\")\n#include \"alias.h\"",
		"#if __has_include(\"../outside/secret.h\")\n#endif",
		"#include \"/dev/zero\"",
		"#include \"/dev/stdin\"",
	};
	size_t count = sizeof(spellings) / sizeof(spellings[0]);
	for (size_t i = 0; i < count; i++) {
		char *name = fl_xasprintf("tree/unit%02zu.c", i);
		char *text = fl_xasprintf("int Before;\n%s\nint After;\n", spellings[i]);
		free(fl_test_write(dir, name, text));
		free(text);
		free(name);
	}
	/* A header of the tree that includes outside: the unit is refused,
	 * the message names the header and its line. */
	free(fl_test_write(dir, "tree/sub/relay.h", "\n\n#include \"../../outside/secret.h\"\n"));
	free(fl_test_write(dir, "tree/relayed.c", "#include \"sub/relay.h\"\n"));
	const char *const args[] = { "--timeout", "30", tree, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	fl_assert_no_secret(&run);
	ck_assert_int_eq(run.status, 2);
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 1); /* good.c */
	for (size_t i = 0; i < count; i++) {
		char *name = fl_xasprintf("/unit%02zu.c", i);
		const char *message = fl_error_on(report, name);
		ck_assert_msg(message && strstr(message, "outside the analyzed tree"), "%s (%s): %s", name,
			      spellings[i], message ? message : "no error");
		ck_assert_msg(fl_error_line(report, name) == 2, "%s: line %u", name, fl_error_line(report, name));
		free(name);
	}
	const char *relayed = fl_error_on(report, "/relayed.c");
	ck_assert_msg(relayed && strstr(relayed, "relay.h:3 includes"), "%s", relayed ? relayed : run.out);
	json_decref(report);
	fl_test_run_free(&run);
	free(secret), free(tree), free(link), free(outside);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_include_through_a_macro_refused_after_parse)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "outside/secret.h", fl_secret_text));
	char *tree = fl_xasprintf("%s/tree", dir);
	free(fl_test_write(dir, "tree/good.c", fl_good_source));
	free(fl_test_write(dir, "tree/macro.c", "#define STR(x) #x\n#define PATH(x) STR(x)\n"
						"#define SECRET PATH(../outside/secret.h)\n#include SECRET\n"));
	const char *const args[] = { tree, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(args, &run);
	fl_assert_no_secret(&run);
	ck_assert_int_eq(run.status, 2);
	const char *message = fl_error_on(report, "/macro.c");
	ck_assert_msg(message && strstr(message, "outside the analyzed tree"), "%s", run.out);
	ck_assert_uint_eq(fl_error_line(report, "/macro.c"), 4);
	ck_assert_uint_eq(fl_summary(report, "analyzed"), 1);
	json_decref(report);
	fl_test_run_free(&run);
	free(tree);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_allow_include_and_header_folders)
{
	char *dir = fl_test_tempdir();
	free(fl_test_write(dir, "shared/common.h", "typedef int SHARED_INT;\n"));
	free(fl_test_write(dir, "tree/uses.c", "#include <fltKernel.h>\n#include \"../shared/common.h\"\n"
					       "SHARED_INT Value;\n"));
	char *tree = fl_xasprintf("%s/tree", dir), *shared = fl_xasprintf("%s/shared", dir);
	const char *const refused[] = { tree, NULL };
	struct fl_test_run run;
	json_t *report = fl_run_json(refused, &run);
	ck_assert_int_eq(run.status, 2);
	json_decref(report);
	fl_test_run_free(&run);
	const char *const allowed[] = { "--allow-include", shared, tree, NULL };
	report = fl_run_json(allowed, &run);
	ck_assert_msg(run.status == 0, "%s %s", run.out, run.err);
	json_decref(report);
	fl_test_run_free(&run);
	const char *const by_dash_i[] = { "-I", shared, tree, NULL };
	report = fl_run_json(by_dash_i, &run);
	ck_assert_msg(run.status == 0, "%s %s", run.out, run.err);
	json_decref(report);
	fl_test_run_free(&run);
	free(tree), free(shared);
	fl_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_clang_arguments_that_run_code_refused)
{
	const char *const refused[] = { "@args.rsp", "-Xclang", "-load", "-fplugin=evil.so", "-fpass-plugin=x.so",
					"-mllvm", "--config=x.cfg", "-ivfsoverlay" };
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		ck_assert_msg(fl_clang_arg_refused(refused[i]), "%s", refused[i]);
	const char *const fine[] = { "-DX=1", "-Iinc", "-include", "-fms-extensions", "-w", "-loader" };
	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
		ck_assert_msg(!fl_clang_arg_refused(fine[i]), "%s", fine[i]);
}
END_TEST

START_TEST(test_bound_options)
{
	const char *const bad[][3] = { { "--max-memory", "12", NULL }, { "--max-memory", "-1", NULL },
				       { "--allow-include", "/nonexistent-fltlint", NULL } };
	for (size_t i = 0; i < 3; i++) {
		const char *const args[] = { bad[i][0], bad[i][1], "fixtures/reference", NULL };
		struct fl_test_run run = fl_test_run_cli(args);
		ck_assert_int_eq(run.status, 2);
		ck_assert_ptr_nonnull(strstr(run.err, bad[i][0]));
		fl_test_run_free(&run);
	}
}
END_TEST

Suite *fl_hostile_suite(void)
{
	Suite *suite = suite_create("hostile");
	TCase *inputs = tcase_create("inputs");
	tcase_set_timeout(inputs, 300);
	tcase_add_test(inputs, test_broken_files_are_named_and_others_analyzed);
	tcase_add_test(inputs, test_fifty_megabyte_file_is_bounded);
	tcase_add_test(inputs, test_ten_thousand_nested_braces);
	tcase_add_test(inputs, test_macro_explosion_in_time_is_a_timeout);
	tcase_add_test(inputs, test_macro_explosion_in_memory_is_bounded);
	tcase_add_test(inputs, test_caught_crash_ends_the_worker);
	suite_add_tcase(suite, inputs);
	TCase *walks = tcase_create("walks");
	tcase_set_timeout(walks, 120);
	tcase_add_test(walks, test_symlink_loops_end);
	tcase_add_test(walks, test_links_outside_the_tree_not_followed);
	tcase_add_test(walks, test_unreadable_files_and_folders);
	tcase_add_test(walks, test_odd_names);
	suite_add_tcase(suite, walks);
	TCase *output = tcase_create("output");
	tcase_set_timeout(output, 120);
	tcase_add_test(output, test_output_unwritable);
	tcase_add_test(output, test_output_full_disk);
	tcase_add_test(output, test_output_two_runs_same_file);
	suite_add_tcase(suite, output);
	TCase *secrets = tcase_create("secrets");
	tcase_set_timeout(secrets, 120);
	tcase_add_test(secrets, test_includes_outside_the_tree_refused);
	tcase_add_test(secrets, test_include_through_a_macro_refused_after_parse);
	tcase_add_test(secrets, test_allow_include_and_header_folders);
	tcase_add_test(secrets, test_clang_arguments_that_run_code_refused);
	tcase_add_test(secrets, test_bound_options);
	suite_add_tcase(suite, secrets);
	return suite;
}
