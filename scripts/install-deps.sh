#!/usr/bin/env bash
# Installs what fltlint needs to build and test, on Debian 12, with apt-get.
# Idempotent: when everything is installed it changes nothing and does not
# touch the network (apt-get update runs once, only when something is missing).
set -euo pipefail

# libclang-19-dev: libclang's C API, the parser (LLVM 19: better MSVC
# compatibility and error recovery than 14, and operator kinds in the C API).
# clang-19 gives -print-resource-dir (libclang needs its headers) and the
# benchmark's baseline; mingw-w64-common the open DDK headers the bundled WDK
# headers stand on; libssl-dev OpenSSL's SHA-256 for the facts cache.
# libxml2-dev reads .vcxproj files; python3-jsonschema is the JSON Schema
# validator the tests hold the JSON report to (offline).
# libclang-rt-19-dev: the sanitizer and libFuzzer runtimes (libclang_rt.fuzzer-x86_64.a)
# for scripts/sanitize.sh and scripts/fuzz.sh. neovim: a real client of `fltlint lsp` (tests/lsp/neovim.lua).
packages=(cmake make gcc pkg-config clang-19 libclang-19-dev libclang-rt-19-dev libjansson-dev check mingw-w64-common libssl-dev libxml2-dev python3-jsonschema neovim)

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
	echo "install-deps: not a Debian system; install by hand: ${packages[*]}" >&2
	exit 1
fi

missing=()
for package in "${packages[@]}"; do
	installed "$package" || missing+=("$package")
done

# npm brings the SARIF Multitool below; a Node.js that ships its own npm
# (NodeSource's) must not get Debian's npm on top.
command -v npm >/dev/null || missing+=(npm)

if [ "$(id -u)" -eq 0 ]; then
	as_root=()
else
	as_root=(sudo)
fi
if [ "${#missing[@]}" -gt 0 ]; then
	echo "install-deps: installing ${missing[*]}" >&2
	"${as_root[@]}" apt-get update
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Microsoft's SARIF Multitool validates fltlint's SARIF in the tests
# (docs/sarif.md): a self-contained Linux build, from the npm registry.
multitool=@microsoft/sarif-multitool-linux@5.7.0
if ! command -v sarif-multitool-linux >/dev/null; then
	echo "install-deps: installing $multitool (npm, global)" >&2
	"${as_root[@]}" npm install --global --no-audit --no-fund "$multitool"
	# Its postinstall only marks the binary executable; newer npm may skip it.
	"${as_root[@]}" chmod a+x "$(npm root --global)/@microsoft/sarif-multitool-linux/Sarif.Multitool"
fi
