#!/usr/bin/env python3
"""The modules' include graph has no circle and follows the layering.

A module is a folder of analyzer/ (parse/clang/ is part of parse), a file at
analyzer/'s top (engine, findings, results, util) or rules/.  The graph is
read from the sources' `#include "..."` lines; an include names the module of
the file it resolves to.  Every edge must be one ALLOWED lists, and the graph
must have no circle (the table itself has none; the search names a circle
found anyway).  Run by ctest from the source folder: check_layers.py [ROOT].
"""
import os
import re
import sys

# Who may include whom, top down (docs/architecture.md).  A module may always
# include its own headers.
ALLOWED = {
    "cli": {"lsp", "engine", "sources", "parse", "link", "report", "rules", "inf", "knowledge",
            "facts", "findings", "results", "util"},
    # the language server: an engine session, findings as diagnostics
    "lsp": {"engine", "link", "facts", "findings", "results", "util"},
    "engine": {"sources", "parse", "link", "report", "rules", "inf", "knowledge",
               "facts", "findings", "results", "util"},
    # the reports read results, the rules' registrations and the project's root
    "report": {"rules", "link", "sources", "facts", "findings", "results", "util"},
    "parse": {"sources", "facts", "findings", "util"},
    # a config names rules, to refuse unknown ids
    "sources": {"rules", "findings", "util"},
    "rules": {"link", "knowledge", "facts", "findings", "util"},
    "link": {"knowledge", "inf", "facts", "findings", "util"},
    "knowledge": {"inf", "facts", "findings", "util"},
    "inf": {"facts", "findings", "util"},
    "results": {"findings", "util"},
    "findings": {"facts", "util"},
    "facts": {"util"},
    "util": set(),
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def module_of(root, path):
    """The module of a file (a path relative to root), or None."""
    parts = path.split("/")
    if parts[0] == "rules":
        return "rules"
    if parts[0] != "analyzer" or parts[1] == "wdk":
        return None  # the bundled WDK headers are driver code, not fltlint
    if len(parts) == 2:
        return os.path.splitext(parts[1])[0]
    return parts[1]


def resolve(root, including, name):
    """The file an include names, as the build finds it (the including
    file's folder, then analyzer/, then rules/), or None."""
    for folder in (os.path.dirname(including), "analyzer", "rules"):
        candidate = os.path.normpath(os.path.join(folder, name))
        if os.path.isfile(os.path.join(root, candidate)):
            return candidate
    return None


def include_graph(root):
    edges = {}  # (from, to) -> the first "file: include" that makes it
    for top in ("analyzer", "rules"):
        for folder, _, files in os.walk(os.path.join(root, top)):
            for file in sorted(files):
                if not file.endswith((".c", ".h")):
                    continue
                path = os.path.relpath(os.path.join(folder, file), root)
                source = module_of(root, path)
                if source is None:
                    continue
                with open(os.path.join(root, path), encoding="utf-8", errors="replace") as text:
                    for name in INCLUDE.findall(text.read()):
                        target_path = resolve(root, path, name)
                        target = module_of(root, target_path) if target_path else None
                        if target and target != source:
                            edges.setdefault((source, target), f"{path}: #include \"{name}\"")
    return edges


def find_circle(modules, edges):
    """A circle as a list of modules, or None."""
    successors = {m: sorted(t for (f, t) in edges if f == m) for m in modules}
    state = {}  # 1 on the path, 2 done

    def visit(module, path):
        state[module] = 1
        path.append(module)
        for following in successors.get(module, []):
            if state.get(following) == 1:
                return path[path.index(following):] + [following]
            if following not in state:
                circle = visit(following, path)
                if circle:
                    return circle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(modules):
        if module not in state:
            circle = visit(module, [])
            if circle:
                return circle
    return None


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    edges = include_graph(root)
    modules = {m for edge in edges for m in edge}
    problems = []
    for module in sorted(modules - ALLOWED.keys()):
        problems.append(f"module {module} is not in the layering table (tests/check_layers.py)")
    for (source, target), where in sorted(edges.items()):
        if source in ALLOWED and target not in ALLOWED[source]:
            problems.append(f"{where}: {source} may not include {target}")
    circle = find_circle(modules, edges)
    if circle:
        steps = [f"{a} -> {b} ({edges[(a, b)]})" for a, b in zip(circle, circle[1:])]
        problems.append("include circle: " + "; ".join(steps))
    table_circle = find_circle(ALLOWED.keys(), {(f, t) for f in ALLOWED for t in ALLOWED[f]})
    if table_circle:
        problems.append("the layering table has a circle: " + " -> ".join(table_circle))
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{len(modules)} modules, {len(edges)} include edges, no circle")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
