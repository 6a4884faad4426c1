#!/usr/bin/env python3
"""fltlint's benchmark: one command, a table on stdout, JSON in bench/results/.

    bench/run.py                         # synthetic trees of 10, 100, 500, 2000 files
    bench/run.py --sizes 10,100          # other sizes
    bench/run.py --tree ~/src/drivers    # also (or with --sizes '' only) real trees
    bench/run.py --out results.json      # where the JSON goes

For each tree, in one run, pair by pair:
  * fltlint at -j1 and -j2 without a cache (cold): wall time, CPU time (its own
    and its workers', from wait4), peak memory, and its time per stage
    (--stats=json: discover, cache lookup, prepare, parse, facts, cache store,
    link, rules, report);
  * `clang -fsyntax-only` over the same files with exactly the arguments
    fltlint used (read from `fltlint --verbose`), one process per file, one at
    a time and two at a time; the ratio fltlint/clang at each -j;
  * the cache: a cold run that fills a fresh cache folder, a rerun over the
    unchanged tree, and a rerun after one file changed (with the number of
    files it parsed again).

Memory: the peak of the sum of the resident sets of fltlint and all its
workers alive at once, sampled from /proc every few milliseconds ("tree RSS";
shared pages are counted in every process, so this is an upper bound), the
same for proportional set sizes ("tree PSS"), and the largest single process
(ru_maxrss from wait4; this is also what `/usr/bin/time -v` reports, which is
the max over the process and its children, not their sum).

Nothing here is a test: timings depend on the machine and on what else runs.
A Release fltlint is built in build-bench/ unless --fltlint names one.
"""
import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_tree  # noqa: E402


def build_fltlint():
    build = os.path.join(ROOT, "build-bench")
    subprocess.run(["cmake", "-S", ROOT, "-B", build, "-DCMAKE_BUILD_TYPE=Release"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build, "-j2", "--target", "fltlint"], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(build, "fltlint")


# ---- measuring a process tree ----

def _children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _tree(pid):
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        stack.extend(_children(p))
    return pids


def _rss_pss_kb(pid):
    rss = pss = 0
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and its descendants."""

    def __init__(self, pid, interval=0.003):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = self.peak_processes = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            pids = _tree(self.pid)
            rss = pss = 0
            for p in pids:
                r, s = _rss_pss_kb(p)
                rss, pss = rss + r, pss + s
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, len(pids))
            self.stop.wait(self.interval)


def run_measured(argv, sample=True, cwd=None):
    """Runs argv; returns wall, cpu (self + reaped children), max_rss_kb,
    the sampled tree peaks, and stderr."""
    err = tempfile.TemporaryFile()
    started = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd)
    sampler = TreeSampler(proc.pid) if sample else None
    if sampler:
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if sampler:
        sampler.stop.set()
        sampler.join()
    err.seek(0)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "max_rss_kb": usage.ru_maxrss,
        "tree_rss_kb": sampler.peak_rss if sampler else None,
        "tree_pss_kb": sampler.peak_pss if sampler else None,
        "status": proc.returncode,
        "stderr": err.read().decode("utf-8", "replace"),
    }


def stats_of(stderr):
    for line in stderr.splitlines():
        if line.startswith('{"fltlint_stats"'):
            return json.loads(line)
    return None


# ---- the two contenders ----

def clang_commands(fltlint, tree, cwd):
    """The clang command line fltlint used for each unit (from --verbose)."""
    result = subprocess.run([fltlint, "--verbose", "--no-cache", "-j2", tree], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    commands = []
    for line in result.stderr.splitlines():
        marker = ": clang -fsyntax-only "
        if line.startswith("fltlint: ") and marker in line:
            commands.append(shlex.split(line[line.index(marker) + 2:]))
    return commands


def run_clang(commands, jobs, cwd):
    """One clang process per file, `jobs` at a time; wall and CPU."""
    started = time.monotonic()
    cpu = 0.0
    failures = 0
    pending = list(commands)
    running = {}
    while pending or running:
        while pending and len(running) < jobs:
            command = pending.pop(0)
            command[0] = shutil.which("clang-19") or shutil.which("clang") or command[0]
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
            running[proc.pid] = proc
        pid, status, usage = os.wait4(-1, 0)
        if pid in running:
            del running[pid]
            cpu += usage.ru_utime + usage.ru_stime
            failures += os.waitstatus_to_exitcode(status) != 0
    return {"wall": time.monotonic() - started, "cpu": cpu, "files": len(commands), "failures": failures}


# fltlint's WDK prelude (analyzer/parse/parse.c, fl_prelude): what its PCH holds.
PRELUDE = "#include <fltKernel.h>\n#include <ntstrsafe.h>\n#include <dontuse.h>\n#include <suppress.h>\n"


def with_pch(commands, scratch, cwd):
    """The same commands, each with a PCH of fltlint's prelude built by clang
    from that language's arguments: the parse floor fltlint is held to.  The
    PCH build is timed with the first command that uses it."""
    prelude = os.path.join(scratch, "prelude.h")
    with open(prelude, "w") as f:
        f.write(PRELUDE)
    built, out = {}, []
    clang = shutil.which("clang-19") or shutil.which("clang")
    for command in commands:
        at = command.index("-x")
        language = command[at + 1]
        args = command[1:at] + command[at + 2:-1]  # all but `-x LANGUAGE` and the file
        build_args = [arg for arg in args if arg != "-fsyntax-only"]
        if language not in built:
            pch = os.path.join(scratch, "prelude-%s.pch" % language)
            subprocess.run([clang] + build_args + ["-x", language + "-header", prelude, "-o", pch], cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            built[language] = pch if os.path.exists(pch) else None
            if built[language]:  # the build's own time counts once
                out.append([clang] + build_args + ["-x", language + "-header", prelude, "-o", pch + ".timed"])
        pch = built[language]
        out.append(command[:at] + (["-include-pch", pch] if pch else []) + command[at:])
    return out


def run_fltlint(fltlint, tree, jobs, cwd, cache=None):
    argv = [fltlint, "-j%d" % jobs, "--stats=json", "--fail-on", "error"]
    argv += ["--cache", cache] if cache else ["--no-cache"]
    measured = run_measured(argv + [tree], cwd=cwd)
    measured["stats"] = stats_of(measured["stderr"])
    if measured["status"] not in (0, 1):
        sys.stderr.write(measured["stderr"])
        raise SystemExit("fltlint failed on %s (exit %d)" % (tree, measured["status"]))
    del measured["stderr"]
    return measured


def touch_one_file(tree):
    """Changes one source (a comment appended); returns its path."""
    for folder, _, files in sorted(os.walk(tree)):
        for name in sorted(files):
            if name.lower().endswith(".c") and name != "registration.c":
                path = os.path.join(folder, name)
                with open(path, "a") as f:
                    f.write("\n/* changed by the benchmark */\n")
                return path
    return None


def bench_tree(fltlint, label, tree, files_hint, scratch):
    cwd = os.path.dirname(tree)
    name = os.path.basename(tree)
    row = {"tree": label, "path": tree}
    commands = clang_commands(fltlint, name, cwd)
    row["files"] = len(commands)
    for jobs in (1, 2):
        row["fltlint_j%d" % jobs] = run_fltlint(fltlint, name, jobs, cwd)
        row["clang_j%d" % jobs] = run_clang([list(c) for c in commands], jobs, cwd)
        row["ratio_j%d" % jobs] = row["fltlint_j%d" % jobs]["wall"] / row["clang_j%d" % jobs]["wall"]
        # CPU seconds are what a busy machine cannot inflate: the same ratio
        # on an idle machine lies near this one.
        row["cpu_ratio_j%d" % jobs] = row["fltlint_j%d" % jobs]["cpu"] / row["clang_j%d" % jobs]["cpu"]
    row["clang_pch_j2"] = run_clang(with_pch([list(c) for c in commands], scratch, cwd), 2, cwd)
    row["ratio_pch_j2"] = row["fltlint_j2"]["wall"] / row["clang_pch_j2"]["wall"]
    row["cpu_ratio_pch_j2"] = row["fltlint_j2"]["cpu"] / row["clang_pch_j2"]["cpu"]
    # The cache: fill, rerun unchanged, rerun after one change.  The tree is
    # copied so that the change does not leak into other measurements.
    copy = os.path.join(scratch, "cache-" + name)
    shutil.copytree(tree, copy)
    cache = os.path.join(scratch, "cache-dir-" + name)
    time.sleep(0.05)  # files written just now are stored only once older than the run
    row["cache_cold_j2"] = run_fltlint(fltlint, os.path.basename(copy), 2, scratch, cache)
    # Every unit's facts dropped, the precompiled headers kept: what a run
    # costs when all files changed but the WDK headers did not (a branch
    # switch, a new checkout with the CI cache restored).
    for kind in ("m", "r"):
        shutil.rmtree(os.path.join(cache, "v1", kind), ignore_errors=True)
    row["cache_pch_kept_j2"] = run_fltlint(fltlint, os.path.basename(copy), 2, scratch, cache)
    row["ratio_pch_kept_j2"] = row["cache_pch_kept_j2"]["wall"] / row["clang_j2"]["wall"]
    row["cache_warm_j2"] = run_fltlint(fltlint, os.path.basename(copy), 2, scratch, cache)
    touch_one_file(copy)
    time.sleep(0.05)
    row["cache_one_changed_j2"] = run_fltlint(fltlint, os.path.basename(copy), 2, scratch, cache)
    row["warm_over_cold"] = row["cache_warm_j2"]["wall"] / row["cache_cold_j2"]["wall"]
    shutil.rmtree(copy, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return row


def mb(kb):
    return "%.0f" % (kb / 1024.0) if kb is not None else "-"


def print_table(rows, out):
    w = out.write
    w("\nfltlint benchmark (wall seconds; ratio = fltlint / clang -fsyntax-only on the same files and arguments)\n\n")
    header = ("tree", "files", "flt j1", "clang j1", "ratio", "flt j2", "clang j2", "ratio",
              "ms/file j2", "PCH kept", "ratio", "warm", "warm/cold", "1 changed", "parsed",
              "treeRSS MB", "treePSS MB", "maxRSS MB")
    w("%-14s %6s %7s %8s %6s %7s %8s %6s %10s %8s %6s %6s %9s %9s %6s %10s %10s %9s\n" % header)
    for r in rows:
        f2 = r["fltlint_j2"]
        w("%-14s %6d %7.2f %8.2f %6.3f %7.2f %8.2f %6.3f %10.1f %8.2f %6.3f %6.2f %9.3f %9.2f %6s %10s %10s %9s\n" % (
            r["tree"][:14], r["files"], r["fltlint_j1"]["wall"], r["clang_j1"]["wall"], r["ratio_j1"],
            f2["wall"], r["clang_j2"]["wall"], r["ratio_j2"], 1000.0 * f2["wall"] / max(r["files"], 1),
            r["cache_pch_kept_j2"]["wall"], r["ratio_pch_kept_j2"],
            r["cache_warm_j2"]["wall"], r["warm_over_cold"], r["cache_one_changed_j2"]["wall"],
            (r["cache_one_changed_j2"]["stats"] or {}).get("parsed", "-"),
            mb(max(r["fltlint_j1"]["tree_rss_kb"], f2["tree_rss_kb"])),
            mb(max(r["fltlint_j1"]["tree_pss_kb"], f2["tree_pss_kb"])),
            mb(max(r["fltlint_j1"]["max_rss_kb"], f2["max_rss_kb"]))))
    w("\nCPU seconds (fltlint: itself, its PCH builder and workers; clang: all its processes)\n\n")
    w("%-14s %6s %8s %9s %9s %9s %10s %10s\n" % ("tree", "files", "flt j1", "clang j1", "ratio", "flt j2",
                                                "clang j2", "ratio"))
    for r in rows:
        w("%-14s %6d %8.2f %9.2f %9.3f %9.2f %10.2f %10.3f\n" % (
            r["tree"][:14], r["files"], r["fltlint_j1"]["cpu"], r["clang_j1"]["cpu"], r["cpu_ratio_j1"],
            r["fltlint_j2"]["cpu"], r["clang_j2"]["cpu"], r["cpu_ratio_j2"]))
    w("\nAgainst the parse floor: clang -fsyntax-only two at a time with a PCH of fltlint's WDK prelude\n\n")
    w("%-14s %6s %8s %12s %8s %10s\n" % ("tree", "files", "flt j2", "clang+PCH j2", "ratio", "CPU ratio"))
    for r in rows:
        w("%-14s %6d %8.2f %12.2f %8.3f %10.3f\n" % (r["tree"][:14], r["files"], r["fltlint_j2"]["wall"],
                                                   r["clang_pch_j2"]["wall"], r["ratio_pch_j2"],
                                                   r["cpu_ratio_pch_j2"]))
    w("\nfltlint -j2 time per stage (seconds; facts decoding is inside parse)\n\n")
    stages = ("discover", "cache_lookup", "prepare", "parse", "facts", "cache_store", "link", "rules", "report")
    w("%-14s " % "tree" + " ".join("%9s" % s[:9] for s in stages) + "   cpu main  cpu workers\n")
    for r in rows:
        s = r["fltlint_j2"]["stats"] or {"seconds": {}, "cpu_seconds": {}}
        w("%-14s " % r["tree"][:14] + " ".join("%9.3f" % s["seconds"].get(k, 0) for k in stages) +
          "   %8.2f  %11.2f\n" % (s["cpu_seconds"].get("main", 0), s["cpu_seconds"].get("workers", 0)))
    w("\n")


def main():
    parser = argparse.ArgumentParser(description="fltlint benchmark")
    parser.add_argument("--sizes", default="10,100,500,2000",
                        help="synthetic tree sizes, comma-separated ('' for none)")
    parser.add_argument("--tree", action="append", default=[], help="also measure this folder")
    parser.add_argument("--fltlint", help="the fltlint to measure (default: build a Release one)")
    parser.add_argument("--out", help="JSON results (default bench/results/<time>.json)")
    parser.add_argument("--keep", action="store_true", help="keep the generated trees")
    args = parser.parse_args()

    fltlint = os.path.abspath(args.fltlint) if args.fltlint else build_fltlint()
    scratch = tempfile.mkdtemp(prefix="fltlint-bench-")
    rows = []
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        for size in sizes:
            tree = os.path.join(scratch, "synth%d" % size)
            gen_tree.generate(tree, size)
            sys.stderr.write("bench: synthetic tree of %d files...\n" % size)
            rows.append(bench_tree(fltlint, "synth-%d" % size, tree, size, scratch))
            print_table(rows[-1:], sys.stderr)
        for given in args.tree:
            path = os.path.abspath(given)
            sys.stderr.write("bench: %s...\n" % path)
            rows.append(bench_tree(fltlint, os.path.basename(path), path, None, scratch))
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            sys.stderr.write("bench: trees kept in %s\n" % scratch)

    print_table(rows, sys.stdout)
    by_size = {r["files"]: r for r in rows if r["tree"].startswith("synth-")}
    summary = {}
    if by_size:
        small = by_size.get(min(by_size, key=lambda n: abs(n - 100)))
        large = by_size[max(by_size)]
        per_small = small["fltlint_j2"]["wall"] / small["files"]
        per_large = large["fltlint_j2"]["wall"] / large["files"]
        summary = {
            "ratio_j2_max": max(r["ratio_j2"] for r in rows),
            "cpu_ratio_j2_max": max(r["cpu_ratio_j2"] for r in rows),
            "per_file_scaling": {"small_files": small["files"], "large_files": large["files"],
                                 "ms_per_file_small": 1000 * per_small, "ms_per_file_large": 1000 * per_large,
                                 "large_over_small": per_large / per_small},
            "tree_rss_mb_max": max(max(r["fltlint_j1"]["tree_rss_kb"], r["fltlint_j2"]["tree_rss_kb"])
                                   for r in rows) / 1024.0,
            "tree_pss_mb_max": max(max(r["fltlint_j1"]["tree_pss_kb"], r["fltlint_j2"]["tree_pss_kb"])
                                   for r in rows) / 1024.0,
            "warm_over_cold_max": max(r["warm_over_cold"] for r in rows),
        }
        print("targets: fltlint -j2 / clang -j2 <= 0.2: worst %.3f wall, %.3f CPU" % (
            summary["ratio_j2_max"], summary["cpu_ratio_j2_max"]))
        print("         time per file at %d vs %d files <= 1.2x: %.2fx (%.1f vs %.1f ms)" % (
            large["files"], small["files"], summary["per_file_scaling"]["large_over_small"],
            1000 * per_large, 1000 * per_small))
        print("         peak memory at any size <= 150 MB: tree RSS %.0f MB, tree PSS %.0f MB" % (
            summary["tree_rss_mb_max"], summary["tree_pss_mb_max"]))
        print("         warm rerun <= 10%% of cold: worst %.1f%%" % (100 * summary["warm_over_cold_max"]))
    result = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "fltlint": fltlint,
        "rows": rows,
        "summary": summary,
    }
    out = args.out or os.path.join(HERE, "results",
                                   datetime.datetime.now().strftime("bench-%Y%m%d-%H%M%S.json"))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    print("results: %s" % out)


if __name__ == "__main__":
    main()
