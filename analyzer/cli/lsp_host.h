/* `fltlint lsp`: the language server (analyzer/lsp/), reading the
 * workspace as the command line reads a tree (ci.h). */
#ifndef FL_LSP_HOST_H
#define FL_LSP_HOST_H

/* Runs the server on stdin/stdout; `argv` after "lsp" takes no option but
 * --help.  Returns the exit status. */
int fl_cli_lsp(int argc, char **argv);

#endif
