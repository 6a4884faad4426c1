#!/usr/bin/env python3
"""fltlint's corpus check: how much of real driver trees it analyzes, and at what cost.

    bench/corpus.py build/fltlint /work/corpus/*/             # a text table
    bench/corpus.py build/fltlint TREE... --markdown --warm    # Markdown, plus a warm rerun
    bench/corpus.py build/fltlint TREE... --json > out.json    # every figure, raw

For each tree, `fltlint -f json --no-cache -j2 TREE` once (killed after
--timeout seconds: the row says "hang"), and one row: files, analyzed,
analyzed with clang errors, not analyzed by cause, sources skipped as user
mode, findings by rule, wall time and peak memory. Below the table, the most
common first error of the units that failed, per tree.

A unit's fate is read from the report's errors: "kind" says "parse" (analyzed
despite clang errors) or "not-analyzed"; without "kind" (older engines), the
message says it. Causes of "not analyzed": crash, timeout, memory,
missing (missing or unreadable), parse (clang errors), other.

Memory: "tree RSS" is the peak of the summed resident sets of fltlint and its
live workers, sampled from /proc (shared pages count in each: an upper
bound); "max RSS" is the largest single process (wait4's ru_maxrss).

--warm adds a rerun with a filled cache (a fresh cache folder filled by one
run, then the measured rerun). Nothing here is a test.
"""
import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import TreeSampler  # noqa: E402

CAUSES = ("crash", "timeout", "memory", "missing", "parse", "other")


# ---- running fltlint on one tree ----

def run_fltlint(fltlint, tree, jobs, timeout, cache=None):
    """Runs fltlint in a session of its own (so a hang is ended with all its
    workers); returns the report (or None), the exit status, wall, memory."""
    argv = [fltlint, "-f", "json", "-j%d" % jobs]
    argv += ["--cache", cache] if cache else ["--no-cache"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(argv + [tree], stdout=out, stderr=err, start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        hung = threading.Event()

        def end_hang():
            hung.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, end_hang)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        wall = time.monotonic() - started
        sampler.stop.set()
        sampler.join()
        if not hung.is_set():
            # Workers outliving a crashed fltlint must not outlive the run.
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        out.seek(0)
        err.seek(0)
        text, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    try:
        report = json.loads(text) if not hung.is_set() else None
    except ValueError:
        report = None
    return {
        "status": os.waitstatus_to_exitcode(status),
        "hang": hung.is_set(),
        "report": report,
        "stderr_tail": stderr.strip().splitlines()[-3:],
        "wall": wall,
        "tree_rss_kb": sampler.peak_rss,
        "max_rss_kb": usage.ru_maxrss,
    }


# ---- reading the report ----

def cause_of(message):
    """The cause of a failed unit, from its error message."""
    m = message.lower()
    if "crashed" in m:
        return "crash"
    if "timed out" in m or "gave up after" in m or "--timeout" in m:
        return "timeout"
    if "memory limit" in m or "--max-memory" in m:
        return "memory"
    if m.startswith("cannot read") or "missing" in m or "unreadable" in m:
        return "missing"
    if "does not parse" in m:
        return "parse"
    return "other"


def first_error(message):
    """What a failed unit's first error says: the first clang diagnostic
    (without its place) when the message lists them, else its first line."""
    lines = message.splitlines()
    for line in lines[1:]:
        match = re.match(r"\s+.*?:\d+: (.*)", line)
        if match:
            return match.group(1)
    return lines[0] if lines else ""


def read_report(report):
    summary = report.get("summary", {})
    not_analyzed = collections.Counter()
    with_errors = 0
    failures = collections.Counter()
    for error in report.get("errors", []):
        message = error.get("message", "")
        if error.get("kind") == "parse":
            with_errors += 1
            failures[first_error(message)] += 1
            continue
        not_analyzed[cause_of(message)] += 1
        failures[first_error(message)] += 1
    rules = collections.Counter(f["rule"] for f in report.get("findings", []))
    return {
        "files": summary.get("files"),
        "analyzed": summary.get("analyzed"),
        "analyzed_with_errors": summary.get("analyzed_with_errors", with_errors),
        "not_analyzed": {c: not_analyzed[c] for c in CAUSES},
        "skipped_user_mode": summary.get("skipped_user_mode"),
        "findings": summary.get("findings", sum(rules.values())),
        "rules": dict(rules.most_common()),
        "first_errors": failures.most_common(),
    }


def check_tree(fltlint, tree, jobs, timeout, warm):
    run = run_fltlint(fltlint, tree, jobs, timeout)
    row = {"tree": os.path.basename(os.path.normpath(tree)), "path": tree}
    if run["hang"]:
        row["state"] = "hang"
    elif run["report"] is None:
        row["state"] = ("signal %d" % -run["status"]) if run["status"] < 0 else "exit %d, no report" % run["status"]
    else:
        row["state"] = "ok"
        row.update(read_report(run.pop("report")))
    run.pop("report", None)
    row.update(run)
    if warm and row["state"] == "ok":
        with tempfile.TemporaryDirectory() as cache:
            run_fltlint(fltlint, tree, jobs, timeout, cache)
            row["warm_wall"] = run_fltlint(fltlint, tree, jobs, timeout, cache)["wall"]
    return row


def total_of(rows):
    done = [r for r in rows if r["state"] == "ok"]
    total = {"tree": "total (%d trees, %d ok)" % (len(rows), len(done)), "state": ""}
    for key in ("files", "analyzed", "analyzed_with_errors", "findings"):
        total[key] = sum(r[key] or 0 for r in done)
    user_mode = [r["skipped_user_mode"] for r in done if r["skipped_user_mode"] is not None]
    total["skipped_user_mode"] = sum(user_mode) if user_mode else None
    total["not_analyzed"] = {c: sum(r["not_analyzed"][c] for r in done) for c in CAUSES}
    rules = collections.Counter()
    for r in done:
        rules.update(r["rules"])
    total["rules"] = dict(rules.most_common())
    total["wall"] = sum(r["wall"] for r in rows)
    total["tree_rss_kb"] = max(r["tree_rss_kb"] for r in rows)
    total["max_rss_kb"] = max(r["max_rss_kb"] for r in rows)
    if any("warm_wall" in r for r in rows):
        total["warm_wall"] = sum(r.get("warm_wall", 0) for r in rows)
    return total


# ---- printing ----

HEADER = ["tree", "state", "files", "analyzed", "with errors", "not analyzed", "user mode",
          "findings", "wall s", "warm s", "tree RSS MB", "max RSS MB", "findings by rule"]


def cells(row):
    def text(value):
        return "-" if value is None else str(value)

    if row["state"] not in ("ok", ""):
        fate = ["-"] * 6
    else:
        causes = row["not_analyzed"]
        count = sum(causes.values())
        detail = " ".join("%s %d" % (c, causes[c]) for c in CAUSES if causes[c])
        fate = [text(row["files"]), text(row["analyzed"]), text(row["analyzed_with_errors"]),
                "%d (%s)" % (count, detail) if count else "0",
                text(row["skipped_user_mode"]), text(row["findings"])]
    rules = ", ".join("%s %d" % item for item in row.get("rules", {}).items())
    warm = "%.1f" % row["warm_wall"] if "warm_wall" in row else "-"
    return [row["tree"], row["state"]] + fate + [
        "%.1f" % row["wall"], warm, "%.0f" % (row["tree_rss_kb"] / 1024),
        "%.0f" % (row["max_rss_kb"] / 1024), rules or "-"]


def print_markdown(rows, total, out):
    out.write("| %s |\n|%s\n" % (" | ".join(HEADER), "---|" * len(HEADER)))
    for row in rows + [total]:
        out.write("| %s |\n" % " | ".join(c.replace("|", "\\|") for c in cells(row)))
    out.write("\nMost common first errors of the units that failed:\n\n")
    for row in rows:
        for message, count in row.get("first_errors", [])[:3]:
            out.write("- %s: %d × `%s`\n" % (row["tree"], count, message))


def print_text(rows, total, out):
    table = [HEADER] + [cells(r) for r in rows + [total]]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER) - 1)]
    for line in table:
        out.write("  ".join(c.ljust(w) for c, w in zip(line, widths)) + "  " + line[-1] + "\n")
    out.write("\nmost common first errors of the units that failed:\n")
    for row in rows:
        for message, count in row.get("first_errors", [])[:3]:
            out.write("  %s: %d x %s\n" % (row["tree"], count, message))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("fltlint", help="the fltlint binary")
    parser.add_argument("trees", nargs="+", help="tree folders")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is a hang")
    parser.add_argument("--warm", action="store_true", help="also time a rerun with a filled cache")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help="a Markdown table")
    form.add_argument("--json", action="store_true", help="every figure as JSON")
    args = parser.parse_args()
    fltlint = os.path.abspath(args.fltlint)
    rows = []
    for tree in args.trees:
        if not os.path.isdir(tree):
            parser.error("%s: not a folder" % tree)
    for tree in args.trees:
        sys.stderr.write("corpus: %s\n" % tree)
        rows.append(check_tree(fltlint, tree, args.jobs, args.timeout, args.warm))
    total = total_of(rows)
    if args.json:
        json.dump({"fltlint": fltlint, "jobs": args.jobs, "timeout": args.timeout,
                   "trees": rows, "total": total}, sys.stdout, indent=1)
        sys.stdout.write("\n")
    elif args.markdown:
        print_markdown(rows, total, sys.stdout)
    else:
        print_text(rows, total, sys.stdout)


if __name__ == "__main__":
    main()
