#!/usr/bin/env bash
# The sanitizer job: builds fltlint with AddressSanitizer, UndefinedBehavior-
# Sanitizer and LeakSanitizer (clang, -DFL_SANITIZE=ON, into build-asan/),
# runs the whole test suite, then fltlint over every fixture case.  Any
# sanitizer report, from the main process or a worker, fails the job.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
build=build-asan
CC=clang-19 cmake -S . -B "$build" -DFL_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"

logs="$PWD/$build/sanitizer-logs"
rm -rf "$logs"
mkdir -p "$logs"
# Reports go to files as well as stderr, so that one from a forked worker
# (whose stderr a test may swallow) is still seen.  libclang is not
# instrumented: leaks inside it are its own (scripts/lsan.supp).
. scripts/sanitizer-env.sh
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_path=$logs/asan:detect_stack_use_after_return=1:$fl_symbolize"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan:$fl_symbolize"
# use_tls=0: libclang is loaded with dlopen (parse_setup.h), so its
# thread_local data is dynamic TLS, and LSan's stop-the-world tracer now and
# then crashed reading a bogus dynamic TLS block in a worker ("Tracer caught
# signal 11").  fltlint's own code keeps in TLS only the cache lookup's arena
# pointer, which points into its thread's stack.
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0:use_tls=0"

status=0
echo "== sanitizer: test suite"
ctest --test-dir "$build" --output-on-failure --no-tests=error || status=1

echo "== sanitizer: fltlint over every fixture case"
cases=(fixtures/reference)
for group in fixtures/*/; do
	[ "$group" = fixtures/reference/ ] && continue
	for item in "$group"*; do
		case "$item" in *.c|*.cpp|*.inf|*.inx) cases+=("$item") ;; *) [ -d "$item" ] && cases+=("$item") ;; esac
	done
done
for item in "${cases[@]}"; do
	for format in text json; do
		code=0
		"$build/fltlint" --no-cache -f "$format" "$item" >/dev/null 2>"$logs/last-stderr" || code=$?
		# 0, 1 and 2 are answers; anything else is a crash or a sanitizer exit.
		if [ "$code" -gt 2 ]; then
			echo "sanitize: fltlint -f $format $item exited $code" >&2
			cat "$logs/last-stderr" >&2
			status=1
		fi
	done
done
rm -f "$logs/last-stderr"

if compgen -G "$logs/*" >/dev/null; then
	echo "sanitize: sanitizer reports:" >&2
	for report in "$logs"/*; do
		echo "---- $report" >&2
		head -60 "$report" >&2
	done
	status=1
fi
[ "$status" -eq 0 ] && echo "== sanitizer: clean (${#cases[@]} fixture cases)"
exit "$status"
