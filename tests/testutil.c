/* nftw and its flags are XSI. */
#define _XOPEN_SOURCE 700

#include "testutil.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "facts/facts.h"
#include "parse/parse.h"
#include "sources/discover.h"
#include "util.h"

extern char **environ;

char *fl_test_tempdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = fl_xasprintf("%s/fltlint-test-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp %s: %s", dir, strerror(errno));
	return dir;
}

char *fl_test_write(const char *dir, const char *name, const char *text)
{
	char *path = fl_xasprintf("%s/%s", dir, name);
	/* Create each folder of `name` in turn. */
	for (char *slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		ck_assert_msg(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s: %s", path,
			      strerror(errno));
		*slash = '/';
	}
	FILE *file = fopen(path, "wb");
	ck_assert_msg(file != NULL, "create %s: %s", path, strerror(errno));
	fputs(text, file);
	ck_assert_int_eq(fclose(file), 0);
	return path;
}

static int fl_test_remove(const char *path, const struct stat *info, int type, struct FTW *walk)
{
	/* A folder the test made unreadable must be opened again to be removed. */
	if (type == FTW_DNR)
		chmod(path, 0755);
	remove(path);
	return 0;
}

void fl_test_rmtree(const char *dir)
{
	if (dir)
		nftw(dir, fl_test_remove, 16, FTW_DEPTH | FTW_PHYS);
}

/* A temporary file's whole text. */
static char *fl_test_slurp(int fd)
{
	lseek(fd, 0, SEEK_SET);
	size_t used = 0, capacity = 4096;
	char *text = fl_xmalloc(capacity);
	for (;;) {
		ssize_t got = read(fd, text + used, capacity - used - 1);
		if (got <= 0)
			break;
		used += (size_t)got;
		if (capacity - used < 2)
			text = fl_xrealloc(text, capacity *= 2);
	}
	text[used] = '\0';
	close(fd);
	return text;
}

static int fl_test_tempfile(void)
{
	const char *base = getenv("TMPDIR");
	char *name = fl_xasprintf("%s/fltlint-out-XXXXXX", base && *base ? base : "/tmp");
	int fd = mkstemp(name);
	ck_assert_msg(fd >= 0, "mkstemp: %s", strerror(errno));
	unlink(name);
	free(name);
	return fd;
}

struct fl_test_run fl_test_run_cli(const char *const *args)
{
	size_t count = 0;
	while (args[count])
		count++;
	char **argv = fl_xcalloc(count + 2, sizeof(*argv));
	argv[0] = (char *)FL_BINARY_DIR "/fltlint";
	for (size_t i = 0; i < count; i++)
		argv[i + 1] = (char *)args[i];

	int out = fl_test_tempfile(), err = fl_test_tempfile();
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
	pid_t pid;
	int spawned = posix_spawn(&pid, argv[0], &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	free(argv);
	ck_assert_msg(spawned == 0, "cannot run %s: %s", FL_BINARY_DIR "/fltlint", strerror(spawned));

	int wstatus;
	while (waitpid(pid, &wstatus, 0) < 0)
		ck_assert_int_eq(errno, EINTR);
	struct fl_test_run run = {
		.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus),
		.out = fl_test_slurp(out),
		.err = fl_test_slurp(err),
	};
	return run;
}

void fl_test_run_free(struct fl_test_run *run)
{
	free(run->out);
	free(run->err);
	run->out = run->err = NULL;
}

struct fl_tu_facts *fl_test_walk(const char *path)
{
	struct fl_parse_options options = { 0 };
	struct fl_sources sources = { 0 };
	fl_strv_push(&sources.sources, path);
	struct fl_parse_setup *setup = fl_parse_setup_new(&options, &sources, NULL, stderr);
	ck_assert_ptr_nonnull(setup);
	char *error = NULL;
	struct fl_tu_facts *facts = fl_parse_unit(setup, path, &error);
	ck_assert_msg(facts != NULL, "%s: %s", path, error ? error : "");
	fl_parse_setup_free(setup);
	fl_sources_free(&sources);
	return facts;
}
