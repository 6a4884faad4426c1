#!/usr/bin/env python3
"""Edit-to-diagnostics latency of `fltlint lsp`, and its memory over many edits.

Generates a tree of N files (gen_tree.py), starts the server on it as an
editor would (initialize, initialized), waits for the first full analysis,
opens one unit, then makes EDITS edits to it, each a full-text didChange
that inserts a comment line at the top and so moves every finding of the
file down a line.  An edit's latency is the time from the didChange to the
publishDiagnostics of that file showing the move.  The server is told to
analyze at once (initializationOptions.debounceMs = 0), so the figures are
the server's own work; an editor adds the debounce (200 ms by default)
after the last keystroke.  The server's resident set (VmRSS of its
process, not of its parse workers) is sampled every 100 edits.

    lsp_latency.py FLTLINT [--files 100] [--edits 1000] [--keep DIR]

Not a timed test: the figures are printed for a person (docs/editors.md).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class Client:
    def __init__(self, fltlint, root):
        self.process = subprocess.Popen([fltlint, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        env=dict(os.environ, XDG_CACHE_HOME=os.path.join(root, ".cache")))
        self.next_id = 0

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def receive(self):
        headers = {}
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit("lsp_latency: the server closed its output")
            if line == b"\r\n":
                break
            name, value = line.decode().split(":", 1)
            headers[name.strip().lower()] = value.strip()
        return json.loads(self.process.stdout.read(int(headers["content-length"])))

    def diagnostics_for(self, uri, accept=lambda diagnostics: True):
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri \
                    and accept(message["params"]["diagnostics"]):
                return message["params"]["diagnostics"]

    def rss_kb(self):
        with open("/proc/%d/status" % self.process.pid) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("fltlint")
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--keep", help="generate the tree here and keep it")
    args = parser.parse_args()
    fltlint = os.path.abspath(args.fltlint)
    root = args.keep or tempfile.mkdtemp(prefix="fltlint-lsp-bench-")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_tree.py"), root, str(args.files)], check=True,
                       stdout=subprocess.DEVNULL)
        root = os.path.realpath(root)
        client = Client(fltlint, root)
        started = time.monotonic()
        client.request("initialize", {"rootUri": "file://" + root, "processId": os.getpid(),
                                      "initializationOptions": {"debounceMs": 0},
                                      "capabilities": {"general": {"positionEncodings": ["utf-8"]}}})
        client.send({"method": "initialized", "params": {}})
        # The unit to edit: the first source.  It is opened with a finding
        # added (an allocation of a size no registration has), which the
        # edits then move, so that every edit changes what the file shows;
        # its diagnostics come after the first full analysis.
        sources = sorted(os.path.join(folder, name) for folder, _, names in os.walk(root)
                         for name in names if name.endswith(".c"))
        path = sources[0]
        uri = "file://" + path
        text = open(path, encoding="utf-8").read()
        text += ("\nNTSTATUS FlBenchAllocate(PFLT_FILTER Filter)\n{\n    PFLT_CONTEXT context;\n"
                 "    NTSTATUS status = FltAllocateContext(Filter, FLT_SECTION_CONTEXT, 7, NonPagedPoolNx, &context);\n"
                 "    if (NT_SUCCESS(status))\n        FltReleaseContext(context);\n    return status;\n}\n")
        client.send({"method": "textDocument/didOpen",
                     "params": {"textDocument": {"uri": uri, "languageId": "c", "version": 0, "text": text}}})
        client.diagnostics_for(uri)
        cold = time.monotonic() - started
        probe = "/* fltlint-bench */\n"
        latencies, rss = [], [(0, client.rss_kb())]
        for edit in range(1, args.edits + 1):
            lines_above = edit % 50  # the buffer grows and shrinks: like typing
            body = probe * lines_above + text
            before = time.monotonic()
            client.send({"method": "textDocument/didChange",
                         "params": {"textDocument": {"uri": uri, "version": edit},
                                    "contentChanges": [{"text": body}]}})
            shown = client.diagnostics_for(uri)
            latencies.append(time.monotonic() - before)
            moved = [d for d in shown if d["code"] == "context-not-registered"
                     and d["range"]["start"]["line"] >= lines_above]
            if not moved or any(d["code"] in ("clang", "not-analyzed") for d in shown):
                sys.exit(f"lsp_latency: edit {edit} did not give the moved finding: {shown}")
            if edit % 100 == 0:
                rss.append((edit, client.rss_kb()))
        client.request("shutdown", None)
        client.send({"method": "exit"})
        client.process.wait(timeout=60)
        warm = latencies[10:] or latencies
        warm_sorted = sorted(warm)
        print(f"tree: {args.files} files ({len(sources)} sources); unit edited: {os.path.relpath(path, root)}")
        print(f"first full analysis (cold cache, PCH built): {cold:.2f} s")
        print(f"edit -> diagnostics over {len(latencies)} edits (warm: from edit 11): "
              f"median {statistics.median(warm) * 1000:.0f} ms, "
              f"p90 {warm_sorted[int(len(warm_sorted) * 0.9)] * 1000:.0f} ms, "
              f"max {max(warm) * 1000:.0f} ms, first {latencies[0] * 1000:.0f} ms")
        print("server RSS (kB) by edit: " + ", ".join(f"{n}: {kb}" for n, kb in rss))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
