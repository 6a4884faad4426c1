# Sourced by sanitize.sh and fuzz.sh: where the sanitizers find llvm-symbolizer.
# clang 19's runtime does not find it by itself here, and warns ("invalid path
# to external symbolizer") at every leak check, which sanitize.sh would count
# as a report; without any symbolizer, reports carry addresses only.
symbolizer=$(command -v llvm-symbolizer-19 || command -v /usr/lib/llvm-19/bin/llvm-symbolizer ||
	command -v llvm-symbolizer || true)
if [ -n "$symbolizer" ]; then
	fl_symbolize="external_symbolizer_path=$symbolizer"
else
	fl_symbolize="symbolize=0"
fi
