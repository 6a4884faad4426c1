#!/usr/bin/env bash
# Records what a given fltlint says about every fixture case, so that two
# builds (before and after a refactor) can be compared with `diff -r`:
#
#   scripts/compare-output.sh build/fltlint /tmp/before [EXTRA_CASE...]
#   ...change, rebuild...
#   scripts/compare-output.sh build/fltlint /tmp/after [EXTRA_CASE...]
#   diff -r /tmp/before /tmp/after
#
# A case is what tests/check_golden.py --cases lists (each reference driver as
# a whole, each file or folder under the other fixtures/<group>/), and each EXTRA_CASE (a file or folder anywhere, e.g. one
# sample of a public driver tree). For each case it writes the text, JSON and
# SARIF reports, each run's exit status and stderr, and the facts of a
# one-shard run (--facts-out), all with --no-cache and -j1 so that nothing but
# the build can change them. Run from anywhere; cases are named relative to
# the repository root, as the reports name them.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 FLTLINT OUTDIR [EXTRA_CASE...]" >&2
	exit 2
fi
fltlint=$(realpath "$1")
out=$(realpath -m "$2")
shift 2
cd "$(dirname "$0")/.."

mapfile -t cases < <(python3 tests/check_golden.py --cases)
cases+=("$@")

mkdir -p "$out"
for case in "${cases[@]}"; do
	# One flat name per case: fixtures/inf/bad.inf -> fixtures_inf_bad.inf
	name=$(printf '%s' "$case" | sed 's#^/##; s#/*$##; s#/#_#g')
	for format in text json sarif; do
		set +e
		"$fltlint" --no-cache -j1 -f "$format" "$case" >"$out/$name.$format" 2>"$out/$name.$format.stderr"
		echo $? >"$out/$name.$format.exit"
		set -e
	done
	facts=$(mktemp -d)
	set +e
	"$fltlint" --no-cache -j1 --facts-out "$facts" "$case" >/dev/null 2>"$out/$name.facts.stderr"
	echo $? >"$out/$name.facts.exit"
	set -e
	# The facts folder's name is in the message; drop it.
	sed -i "s#$facts#FACTS#g" "$out/$name.facts.stderr"
	for file in "$facts"/*; do
		[ -e "$file" ] && mv "$file" "$out/$name.facts.$(basename "$file")"
	done
	rmdir "$facts"
done
echo "$0: ${#cases[@]} cases written to $out" >&2
