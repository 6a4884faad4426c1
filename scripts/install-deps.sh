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
# validator the tests hold the SARIF and JSON reports to (offline).
# libclang-rt-19-dev: the sanitizer and libFuzzer runtimes (libclang_rt.fuzzer-x86_64.a)
# for scripts/sanitize.sh and scripts/fuzz.sh.
packages=(cmake make gcc pkg-config clang-19 libclang-19-dev libclang-rt-19-dev libjansson-dev check mingw-w64-common libssl-dev libxml2-dev python3-jsonschema)

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

if [ "${#missing[@]}" -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	as_root=()
else
	as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y --no-install-recommends "${missing[@]}"
