#!/bin/sh
# ctest's `neovim` test: Neovim's LSP client against `fltlint lsp` on a copy
# of tests/lsp/driver.  Exit 77 (skipped) when nvim is not installed.
# Usage: tests/lsp/neovim.sh FLTLINT (from the source folder)
set -eu
if ! command -v nvim >/dev/null 2>&1; then
	echo "neovim: nvim is not installed (scripts/install-deps.sh installs it); skipped"
	exit 77
fi
FLTLINT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FLTLINT_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/fltlint-nvim-XXXXXX")
trap 'rm -rf "$FLTLINT_ROOT"' EXIT
cp tests/lsp/driver/*.c "$FLTLINT_ROOT"
export FLTLINT FLTLINT_ROOT
# Neovim keeps its state (logs, shada) under XDG folders: a fresh one.
export XDG_STATE_HOME="$FLTLINT_ROOT/.state" XDG_DATA_HOME="$FLTLINT_ROOT/.data" XDG_CACHE_HOME="$FLTLINT_ROOT/.cache"
timeout 300 nvim --headless --clean -c 'luafile tests/lsp/neovim.lua' </dev/null
