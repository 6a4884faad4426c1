/* The language server's host (lsp.h): the workspace is read by the same
 * code as `fltlint ROOT` (fl_ci_prepare, fl_ci_after_run), so the editor
 * shows what CI reports. */
#include "cli/lsp_host.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/ci.h"
#include "lsp/lsp.h"
#include "parse/cache.h"

struct fl_lsp_workspace {
	struct fl_ci ci;
	char *cache_dir;
};

/* A compile_commands.json at the root or in build/, as clangd finds it. */
static void fl_lsp_find_compdb(const char *root, struct fl_ci *ci)
{
	static const char *const places[] = { "compile_commands.json", "build/compile_commands.json" };
	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		char *path = fl_xasprintf("%s/%s", root, places[i]);
		if (access(path, R_OK) == 0) {
			fl_strv_push_owned(&ci->compile_commands, path);
			return;
		}
		free(path);
	}
}

static int fl_lsp_prepare(void *context, const char *root, struct fl_engine_options *engine)
{
	struct fl_lsp_workspace *workspace = context;
	workspace->ci = (struct fl_ci){ 0 };
	fl_lsp_find_compdb(root, &workspace->ci);
	if (!fl_ci_has_project(&workspace->ci))
		fl_strv_push(&engine->paths, root);
	engine->cache_dir = workspace->cache_dir;
	return fl_ci_prepare(&workspace->ci, engine);
}

static int fl_lsp_after_check(void *context, struct fl_engine_result *result)
{
	struct fl_lsp_workspace *workspace = context;
	struct fl_report_info info = { 0 };
	return fl_ci_after_run(&workspace->ci, result, &info);
}

static void fl_lsp_release(void *context, struct fl_engine_options *engine)
{
	struct fl_lsp_workspace *workspace = context;
	fl_engine_options_free(engine);
	fl_ci_free(&workspace->ci);
}

int fl_cli_lsp(int argc, char **argv)
{
	if (argc > 1) {
		fputs(strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
			      ? "usage: fltlint lsp\n  a Language Server Protocol server on stdin/stdout; the workspace "
				"folder is the driver's tree (docs/editors.md)\n"
			      : "fltlint: lsp takes no argument; try 'fltlint lsp --help'\n",
		      stderr);
		return strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ? 0 : 2;
	}
	struct fl_lsp_workspace workspace = { .cache_dir = fl_cache_default_dir() };
	const struct fl_lsp_host host = { .context = &workspace, .prepare = fl_lsp_prepare,
					  .after_check = fl_lsp_after_check, .release = fl_lsp_release };
	int status = fl_lsp_serve(&host, STDIN_FILENO, STDOUT_FILENO);
	free(workspace.cache_dir);
	return status;
}
