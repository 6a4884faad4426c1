#!/usr/bin/env python3
"""What fltlint reports on every fixture case, held to the reports committed
in tests/golden/: a refactoring must leave them byte-identical, and a change
of behaviour shows in the diff of the golden files it rewrites.

  check_golden.py FLTLINT            compare (ctest runs this)
  check_golden.py FLTLINT --update   rewrite tests/golden/ from FLTLINT
  check_golden.py --cases            list the cases (scripts/compare-output.sh)

A case is fixtures/reference (and fixtures/reference_cpp) as a whole, and each
file or folder under the other fixtures/<group>/ but harness/.  Per case: the
text report with its exit status and stderr (golden/fixtures.txt), the JSON
report (golden/fixtures.json, one object by case); the SARIF report of each
reference driver (golden/<name>.sarif), its project root URI made neutral.
Runs share one fresh cache, which changes no report (tests/check_speed.c).
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden")
REFERENCES = ["fixtures/reference", "fixtures/reference_cpp"]


def cases():
    found = [path for path in REFERENCES if os.path.isdir(os.path.join(ROOT, path))]
    for group in sorted(os.listdir(os.path.join(ROOT, "fixtures"))):
        folder = os.path.join("fixtures", group)
        if folder in REFERENCES or group == "harness" or not os.path.isdir(os.path.join(ROOT, folder)):
            continue
        found += [os.path.join(folder, entry) for entry in sorted(os.listdir(os.path.join(ROOT, folder)))]
    return found


def run(fltlint, cache, case, fmt):
    done = subprocess.run([fltlint, "--cache", cache, "-j1", "-f", fmt, case], cwd=ROOT,
                          capture_output=True, text=True, errors="replace")
    return done.returncode, done.stdout, done.stderr


def reports(fltlint):
    text, reports_json, sarifs = [], {}, {}
    with tempfile.TemporaryDirectory(prefix="fltlint-golden-") as cache:
        for case in cases():
            status, out, err = run(fltlint, cache, case, "text")
            text.append(f"### {case} (exit {status})\n{out}{err}")
            status, out, _ = run(fltlint, cache, case, "json")
            reports_json[case] = json.loads(out) if out.strip() else {"exit": status}
            if case in REFERENCES:
                _, out, _ = run(fltlint, cache, case, "sarif")
                out = out.replace("file://" + ROOT + "/", "file:///PROJECT/")
                sarifs[os.path.basename(case) + ".sarif"] = out
    files = {"fixtures.txt": "".join(text),
             "fixtures.json": json.dumps(reports_json, indent=1, sort_keys=True, ensure_ascii=False) + "\n"}
    files.update(sarifs)
    return files


def main():
    if sys.argv[1:] == ["--cases"]:
        print("\n".join(cases()))
        return 0
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    fltlint = os.path.abspath(sys.argv[1])
    files = reports(fltlint)
    if "--update" in sys.argv[2:]:
        os.makedirs(GOLDEN, exist_ok=True)
        for name, content in files.items():
            with open(os.path.join(GOLDEN, name), "w", encoding="utf-8") as out:
                out.write(content)
        print(f"check_golden: {len(files)} files written to tests/golden/")
        return 0
    failed = 0
    for name, content in files.items():
        path = os.path.join(GOLDEN, name)
        try:
            with open(path, encoding="utf-8") as golden:
                expected = golden.read()
        except OSError:
            print(f"check_golden: tests/golden/{name} is missing (check_golden.py FLTLINT --update)")
            failed += 1
            continue
        if expected != content:
            failed += 1
            with tempfile.NamedTemporaryFile("w", suffix="-" + name, delete=False, encoding="utf-8") as now:
                now.write(content)
            print(f"check_golden: {name} differs from tests/golden/{name}; now: {now.name}\n"
                  f"  diff -u tests/golden/{name} {now.name}")
    print(f"check_golden: {len(files) - failed} of {len(files)} golden files match")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
