#!/usr/bin/env bash
# The fuzz job: builds the libFuzzer harnesses (fuzz/fuzz_*.c, clang with
# ASan and UBSan, -DFL_FUZZ=ON, into build-fuzz/), replays every input in
# fuzz/regressions/<harness>/ (crashes once found, kept as tests), then
# fuzzes each harness from seeds taken from the fixtures.  A crash, leak or
# timeout fails the job; its input is left in build-fuzz/crashes/<harness>/
# to be added to fuzz/regressions/.
#
# In CI (CI set) the fuzzing is reproducible: a fixed seed and a fixed number
# of runs (FL_FUZZ_RUNS, default 2000 per harness), so a run that passes here
# passes there, and a finding is a change's doing, not the machine's luck.
# Elsewhere it explores: FL_FUZZ_SECONDS (default 40) per harness, a random
# seed.  Either way FL_FUZZ_SECONDS caps each harness's time.
#
#   scripts/fuzz.sh                 replay, then fuzz every harness
#   scripts/fuzz.sh --replay        replay only
#   scripts/fuzz.sh inf expect      only these harnesses
set -euo pipefail
cd "$(dirname "$0")/.."

replay_only=false
if [ "${1:-}" = --replay ]; then
	replay_only=true
	shift
fi
seconds="${FL_FUZZ_SECONDS:-40}"
bounds=(-max_total_time="$seconds")
if [ -n "${CI:-}" ]; then
	bounds+=(-seed=1 -runs="${FL_FUZZ_RUNS:-2000}")
fi

scripts/install-deps.sh
build=build-fuzz
CC=clang-19 cmake -S . -B "$build" -DFL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
harnesses=("$@")
if [ "${#harnesses[@]}" -eq 0 ]; then
	for source in fuzz/fuzz_*.c; do
		name="${source#fuzz/fuzz_}"
		harnesses+=("${name%.c}")
	done
fi
targets=()
for name in "${harnesses[@]}"; do targets+=("fuzz_$name"); done
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

. scripts/sanitizer-env.sh
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:$fl_symbolize"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:$fl_symbolize"
# use_tls=0: libclang is loaded with dlopen (parse_setup.h), so its
# thread_local data is dynamic TLS, and LSan's stop-the-world tracer now and
# then crashed reading a bogus dynamic TLS block in a worker ("Tracer caught
# signal 11").  fltlint's own code keeps in TLS only the cache lookup's arena
# pointer, which points into its thread's stack.
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0:use_tls=0"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/fltlint-fuzz-run-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"

# Seeds: the fixtures each reader would meet.
seeds() {
	case "$1" in
	inf) find fixtures -iname '*.inf' -o -iname '*.inx' ;;
	expect | suppress) find fixtures -name '*.c' -o -name '*.h' -o -iname '*.inf' ;;
	analyze) find fixtures -name '*.c' -size -64k ;;
	*) find "fuzz/seeds/$1" -type f 2>/dev/null || true ;;
	esac
}

status=0
for name in "${harnesses[@]}"; do
	binary="$build/fuzz_$name"
	regressions="fuzz/regressions/$name"
	if [ -d "$regressions" ] && compgen -G "$regressions/*" >/dev/null; then
		echo "== fuzz: $name: replaying $(ls "$regressions" | wc -l) regression inputs"
		"$binary" -runs=0 "$regressions"/* >"$scratch/replay.log" 2>&1 || {
			echo "fuzz: $name: a regression input fails again" >&2
			tail -40 "$scratch/replay.log" >&2
			status=1
		}
	fi
	$replay_only && continue
	corpus="$build/corpus/$name"
	crashes="$build/crashes/$name"
	mkdir -p "$corpus" "$crashes"
	seeds "$name" | while read -r seed; do cp "$seed" "$corpus/seed-$(echo "$seed" | tr '/ ' '__')"; done
	echo "== fuzz: $name: ${seconds} s from $(ls "$corpus" | wc -l) inputs"
	# -timeout: one input may take this long (analyze parses C); a longer
	# one is a hang.  -rss_limit_mb: more is a memory bug.
	if ! "$binary" "${bounds[@]}" -timeout=25 -rss_limit_mb=3072 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" >"$scratch/$name.log" 2>&1; then
		echo "fuzz: $name: found a failure (input in $crashes/):" >&2
		grep -E "ERROR|runtime error|SUMMARY|Test unit written" "$scratch/$name.log" | head -20 >&2
		tail -60 "$scratch/$name.log" >&2
		status=1
	fi
	grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$scratch/$name.log" | tr '\n' ' ' || true
	echo
done
exit "$status"
