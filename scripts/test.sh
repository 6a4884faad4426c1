#!/usr/bin/env bash
# Builds fltlint and runs every test; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build
cmake --build build -j"$(nproc)"
# --no-tests=error: a build without Check must not pass by running nothing.
ctest --test-dir build --output-on-failure --no-tests=error
