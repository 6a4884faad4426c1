#!/usr/bin/env python3
"""Scaffolds a new fltlint rule (docs/adding-a-rule.md), as clang-tidy's
add_new_check.py does: the rule's source from a template whose opening
comment has the What/Why/How/Limits sections, its documentation page, a
fixture folder with a bad and a good case, its line in rules/rule_list.h and
its row in the README's rules table.

    scripts/new-rule.py ID --severity warning --summary "One sentence." [--msvc N]

What it writes builds at once, and the docs and README checks pass; the
fixture suite fails on the bad case until the rule finds what it expects."""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

SOURCE = '''/* {id}: TODO what it finds, in one sentence{msvc_note}.
 *
 * Why: TODO what goes wrong in a driver that does this (a bug check, a
 * leak, a filter that does not load), and why the compiler does not see it.
 *
 * How: TODO which facts of the linked program the rule reads (functions,
 * calls, initializers, the callbacks the driver registers) and when it
 * reports; where the finding is, what its related locations are.  A finding
 * the rule is less sure of may be graded below the default (rule.h).
 *
 * Limits: TODO what it does not see (inactive #if branches, code reached
 * through function pointers, headers), so that a reader knows its misses.
 */
#include "rule.h"

struct fl_{name}_run {{
	const struct fl_rule *rule;
	struct fl_findings *out;
}};

static void fl_check_function(const struct fl_function_ref *ref, void *data)
{{
	struct fl_{name}_run *run = data;
	/* TODO: decide on ref->function and report through
	 * fl_report(run->out, run->rule, run->rule->severity, &loc, "..."). */
	(void)run;
	(void)ref;
}}

static void fl_check_{name}(const struct fl_rule *rule, const struct fl_program *program,
{indent}struct fl_findings *out)
{{
	struct fl_{name}_run run = {{ .rule = rule, .out = out }};
	fl_program_each_function(program, fl_check_function, &run);
}}

const struct fl_rule fl_rule_{name} = {{
	.id = "{id}",
	.severity = FL_SEVERITY_{severity_upper},
	.summary = "{summary_c}",
	.msvc_warning = {msvc},
	.check = fl_check_{name},
}};
'''

PAGE = '''# {id}

**Severity:** {severity}{msvc_page}

{summary}

## Why

TODO: what goes wrong in a driver that does this, and why it matters.

## How fltlint decides

TODO: what the rule looks at and when it reports.

## Example

```c
TODO: the smallest code that it reports   // {id}
```

Fixed: TODO.

## Limits

- TODO: what it does not see.

## Suppressing

`// fltlint: ignore[{id}] -- reason` (see [suppressions](../suppressions.md)).
'''

BAD = '''/* {id}: TODO the case the rule must report. */
#include <fltKernel.h>

VOID
TODO_Bad (VOID)
{{
    /* TODO: the line that is wrong ends with the expectation. */
    ;   // expect: {id}
}}
'''

GOOD = '''/* {id}: TODO the nearest correct code, which the rule must not report. */
#include <fltKernel.h>

VOID
TODO_Good (VOID)
{{
}}
'''


def fail(message):
    print(f"new-rule: {message}", file=sys.stderr)
    sys.exit(2)


def write_new(path, text):
    if path.exists():
        fail(f"{path.relative_to(ROOT)} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"new-rule: wrote {path.relative_to(ROOT)}")


def main():
    parser = argparse.ArgumentParser(description="Scaffold a new fltlint rule.")
    parser.add_argument("id", help="the rule id, lower-case words joined by '-' (e.g. context-leak)")
    parser.add_argument("--severity", required=True, choices=["note", "warning", "error"],
                        help="its default: the severity of a finding it is sure of")
    parser.add_argument("--summary", required=True, help="one sentence: --list-rules, the README table, SARIF")
    parser.add_argument("--msvc", type=int, default=0, help="the MSVC /analyze warning it matches, if any")
    args = parser.parse_args()

    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", args.id):
        fail(f"'{args.id}' is not lower-case words joined by '-'")
    if "|" in args.summary or "\n" in args.summary or not args.summary.strip():
        fail("the summary is one line of text without '|'")
    name = args.id.replace("-", "_")
    rule_list = ROOT / "rules" / "rule_list.h"
    if f"FL_RULE({name})" in rule_list.read_text(encoding="utf-8"):
        fail(f"rules/rule_list.h already lists {name}")
    readme = ROOT / "README.md"
    readme_text = readme.read_text(encoding="utf-8")
    end_marker = "<!-- rules:end -->"
    if end_marker not in readme_text:
        fail("README.md lacks the rules:end marker")

    summary_c = args.summary.replace("\\", "\\\\").replace('"', '\\"')
    write_new(ROOT / "rules" / f"{name}.c", SOURCE.format(
        id=args.id, name=name, severity_upper=args.severity.upper(), summary_c=summary_c, msvc=args.msvc,
        msvc_note=f" (MSVC C{args.msvc})" if args.msvc else "",
        indent=" " * len(f"static void fl_check_{name}(")))
    write_new(ROOT / "docs" / "rules" / f"{args.id}.md", PAGE.format(
        id=args.id, severity=args.severity, summary=args.summary,
        msvc_page=f" · **MSVC:** C{args.msvc}" if args.msvc else ""))
    write_new(ROOT / "fixtures" / args.id / "bad.c", BAD.format(id=args.id))
    write_new(ROOT / "fixtures" / args.id / "good.c", GOOD.format(id=args.id))

    # The registry and the README table both follow rule_list.h's order:
    # the new rule goes last in each (tests/check_docs.c checks the table).
    with rule_list.open("a", encoding="utf-8") as out:
        out.write(f"FL_RULE({name})\n")
    print("new-rule: added the rule to rules/rule_list.h")
    msvc_cell = f"C{args.msvc}" if args.msvc else ""
    row = f"| [`{args.id}`](docs/rules/{args.id}.md) | {args.severity} | {msvc_cell} | {args.summary} |\n"
    readme.write_text(readme_text.replace(end_marker, row + end_marker, 1), encoding="utf-8")
    print("new-rule: added its row to README.md's rules table")
    print("new-rule: now fill in every TODO; the fixture suite fails on "
          f"fixtures/{args.id}/bad.c until the rule reports what it expects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
