#!/bin/sh
# Packages editors/vscode as build/fltlint.vsix with npm and @vscode/vsce,
# when npm is here (CI calls it; a machine without npm or the registry
# skips it with a message).  node_modules stays out of the repository.
set -eu
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
	echo "package-vscode: npm is not installed; no .vsix"
	exit 0
fi
mkdir -p build
work=$(mktemp -d "${TMPDIR:-/tmp}/fltlint-vsix-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp editors/vscode/package.json editors/vscode/extension.js editors/vscode/.vscodeignore "$work"
cp LICENSE* "$work" 2>/dev/null || true
( cd "$work" && npm install --no-audit --no-fund --omit=dev >/dev/null &&
  npx --yes @vscode/vsce@2 package --allow-missing-repository --skip-license -o fltlint.vsix >/dev/null ) ||
	{ echo "package-vscode: npm or vsce failed (no registry?); no .vsix"; exit 0; }
cp "$work/fltlint.vsix" build/fltlint.vsix
echo "package-vscode: build/fltlint.vsix"
