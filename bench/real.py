#!/usr/bin/env python3
"""fltlint against the parse floor on a real tree: clang with a PCH.

    bench/real.py build/fltlint /tmp/mixed            # 3 rounds
    bench/real.py build/fltlint TREE --rounds 5 --out real.json

Per round, on the same tree:
  * fltlint -j2 --no-cache (cold), wall and CPU (itself and its workers), with
    --stats=json (how each unit met the precompiled WDK headers);
  * the floor: clang-19 -fsyntax-only, one process per unit, two at a time,
    with exactly fltlint's arguments (from --verbose) and `-include-pch` of a
    PCH that clang-19 builds of fltlint's own prelude with fltlint's shared
    arguments (the command --verbose prints); a unit fltlint parses without
    its PCH (--verbose says which: a define before the WDK headers) is
    parsed without it here too, so the two do the same work;
  * warm: fltlint -j2 with a cache a cold run filled, over the unchanged tree
    (its wall and CPU time, and their shares of the cold run's).

Machine load inflates wall time; CPU time (user + system of every process)
does not, so both are reported, with the best and the median of the rounds.
Not a test: nothing in ctest depends on it.
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import run_clang, run_fltlint  # noqa: E402


def verbose_plan(fltlint, name, cwd, scratch):
    """The unit commands, which units go without the PCH, and the PCH
    commands, from fltlint --verbose (it keeps the overlay and prelude)."""
    result = subprocess.run([fltlint, "--verbose", "--no-cache", "-j2", name], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    units, unfit, pch = [], set(), {}
    for line in result.stderr.splitlines():
        if not line.startswith("fltlint: "):
            continue
        if ": clang -fsyntax-only " in line:
            units.append(shlex.split(line[line.index(": clang -fsyntax-only ") + 2:]))
        elif line.endswith(": parsed without the precompiled WDK headers"):
            unfit.add(line[len("fltlint: "):-len(": parsed without the precompiled WDK headers")])
        elif line.startswith("fltlint: the WDK headers precompile as "):
            language, command = line[len("fltlint: the WDK headers precompile as "):].split(": ", 1)
            pch[language] = shlex.split(command)
    clang = shutil.which("clang-19") or "clang"
    built = {}
    for language, command in pch.items():
        out = os.path.join(scratch, "floor-%s.pch" % ("c" if language == "C" else "cxx"))
        subprocess.run([clang] + command[1:] + ["-o", out], cwd=cwd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        built["c" if language == "C" else "c++"] = out
    floor = []
    for command in units:
        language = command[command.index("-x") + 1]
        if command[-1] not in unfit and language in built:
            command = command[:-1] + ["-include-pch", built[language], command[-1]]
        floor.append(command)
    return floor, len(unfit), sorted(built)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fltlint")
    parser.add_argument("tree")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", help="every figure, as JSON")
    args = parser.parse_args()
    fltlint = os.path.abspath(args.fltlint)
    tree = os.path.abspath(args.tree)
    cwd, name = os.path.dirname(tree), os.path.basename(tree)
    scratch = tempfile.mkdtemp(prefix="fltlint-real-")
    rounds = []
    try:
        floor, unfit, languages = verbose_plan(fltlint, name, cwd, scratch)
        for r in range(args.rounds):
            cold = run_fltlint(fltlint, name, 2, cwd)
            clang = run_clang([list(c) for c in floor], 2, cwd)
            cache = os.path.join(scratch, "cache-%d" % r)
            run_fltlint(fltlint, name, 2, cwd, cache)
            warm = run_fltlint(fltlint, name, 2, cwd, cache)
            shutil.rmtree(cache, ignore_errors=True)
            rounds.append({"cold": cold, "clang_pch": clang, "warm": warm})
            sys.stderr.write("round %d: fltlint %.2f s (cpu %.2f), clang+PCH %.2f s (cpu %.2f), warm %.2f s (cpu %.2f)\n"
                             % (r + 1, cold["wall"], cold["cpu"], clang["wall"], clang["cpu"], warm["wall"],
                                warm["cpu"]))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    def figures(key, field):
        values = [r[key][field] for r in rounds]
        return min(values), statistics.median(values)

    stats = rounds[-1]["cold"]["stats"] or {}
    summary = {
        "units": len(floor), "units_without_pch_in_both": unfit, "pch_languages": languages,
        "fltlint_wall": figures("cold", "wall"), "fltlint_cpu": figures("cold", "cpu"),
        "clang_pch_wall": figures("clang_pch", "wall"), "clang_pch_cpu": figures("clang_pch", "cpu"),
        "clang_failures": rounds[-1]["clang_pch"]["failures"],
        "warm_wall": figures("warm", "wall"), "warm_cpu": figures("warm", "cpu"),
        "pch_units": stats.get("pch_units"),
    }
    summary["ratio_wall"] = [summary["fltlint_wall"][i] / summary["clang_pch_wall"][i] for i in (0, 1)]
    summary["ratio_cpu"] = [summary["fltlint_cpu"][i] / summary["clang_pch_cpu"][i] for i in (0, 1)]
    summary["warm_over_cold"] = [summary["warm_wall"][i] / summary["fltlint_wall"][i] for i in (0, 1)]
    summary["warm_over_cold_cpu"] = [summary["warm_cpu"][i] / summary["fltlint_cpu"][i] for i in (0, 1)]
    print("%s: %d units (%d without the PCH in both), PCH for %s; %d rounds, best / median" % (
        name, len(floor), unfit, " and ".join(languages), len(rounds)))
    for label, key in (("fltlint -j2 cold wall", "fltlint_wall"), ("clang+PCH j2 wall", "clang_pch_wall"),
                       ("ratio (wall)", "ratio_wall"), ("fltlint -j2 cold CPU", "fltlint_cpu"),
                       ("clang+PCH j2 CPU", "clang_pch_cpu"), ("ratio (CPU)", "ratio_cpu"),
                       ("warm wall", "warm_wall"), ("warm / cold", "warm_over_cold"),
                       ("warm CPU", "warm_cpu"), ("warm / cold (CPU)", "warm_over_cold_cpu")):
        print("  %-22s %8.3f  %8.3f" % (label, summary[key][0], summary[key][1]))
    print("  units by how they met the PCH (fltlint --stats): %s" % json.dumps(summary["pch_units"]))
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"summary": summary, "rounds": rounds}, f, indent=1)


if __name__ == "__main__":
    main()
