#!/usr/bin/env python3
"""Per-corpus migration report: how each real handbook in ../shared/corpora builds.

For each corpus (built the way tests/integration/corpora.rs and bench/snapshot-outputs.sh build
them: its files as content/, links as warnings) and for each binary given, prints one
Markdown table row: pages built, build time (median of --runs), the raw syntax left in
the pages' main content outside code (`{{<`, `{{%`, `{%`, `:::`, `!!!`, `{:`), the
unsupported-syntax placeholders, and the diagnostics by rule.

    python3 bench/migration-report.py --bin before=/tmp/opsbook-old --bin after=target/release/opsbook

Used for the before/after table of the migration work; not a test (the corpora tests
are in tests/integration/corpora.rs).
"""

import argparse
import collections
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time

MARKERS = ["{{<", "{{%", "{%", ":::", "!!!", "{:"]
BLOCK_MARKERS = {":::", "!!!"}
DIAGNOSTIC = re.compile(r"^(error|warning|note)\[([a-z0-9-]+)\]")


def strip_code(html):
    """`html` without its <pre> and <code> elements."""
    html = re.sub(r"<pre\b.*?</pre>", "", html, flags=re.S)
    return re.sub(r"<code\b.*?</code>", "", html, flags=re.S)


def main_content(html):
    start = html.find("<main")
    end = html.find("</main>")
    if start < 0 or end < 0:
        return None
    return html[start:end]


def raw_syntax(out):
    counts = collections.Counter()
    placeholders = 0
    for folder, _, files in os.walk(out):
        for name in files:
            # Print pages (/print/<section>/) copy other pages: counted once, where they are.
            if not name.endswith(".html") or os.path.relpath(folder, out).split(os.sep)[0] == "print":
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                main = main_content(f.read())
            if main is None:
                continue
            placeholders += len(re.findall(r'class="unsupported[ "]', main))
            prose = strip_code(main)
            for marker in MARKERS:
                if marker in BLOCK_MARKERS:
                    # `!!!` and `:::` are syntax where a block starts, not in "Congrats!!!".
                    counts[marker] += len(re.findall(r"(?:^|>)\s*" + re.escape(marker), prose, flags=re.M))
                else:
                    counts[marker] += prose.count(marker)
    return counts, placeholders


def build(binary, corpus, work, runs):
    site = os.path.join(work, "site")
    shutil.rmtree(site, ignore_errors=True)
    content = os.path.join(corpus, "content") if os.path.isdir(os.path.join(corpus, "content")) else corpus
    shutil.copytree(content, os.path.join(site, "content"), symlinks=True)
    name = os.path.basename(corpus.rstrip("/"))
    with open(os.path.join(site, "book.toml"), "w") as f:
        f.write(f'[handbook]\ntitle = "{name}"\n[check]\nlinks = "warn"\n')
    env = dict(os.environ, OPSBOOK_TODAY="2026-11-22", SOURCE_DATE_EPOCH="1795305600")
    times, output, code = [], "", 0
    for _ in range(runs):
        out = os.path.join(work, "out")
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        result = subprocess.run([binary, "build", "--out", out], cwd=site, env=env,
                                capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        output, code = result.stderr + result.stdout, result.returncode
    rules = collections.Counter()
    for line in output.splitlines():
        m = DIAGNOSTIC.match(line)
        if m:
            rules[f"{m.group(1)}:{m.group(2)}"] += 1
    built = re.search(r"built (\d+) pages", output)
    pages = int(built.group(1)) if built else 0
    raw, placeholders = raw_syntax(os.path.join(work, "out")) if code == 0 else ({}, 0)
    return {
        "pages": pages if code == 0 else f"failed (exit {code})",
        "time": statistics.median(times),
        "raw": sum(raw.values()) if code == 0 else "-",
        "raw_by": dict((k, v) for k, v in (raw.items() if code == 0 else []) if v),
        "placeholders": placeholders,
        "rules": dict(sorted(rules.items())),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", action="append", required=True, help="LABEL=PATH")
    parser.add_argument("--corpora", default=os.path.join(os.path.dirname(__file__), "../../shared/corpora"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    binaries = [b.split("=", 1) for b in args.bin]
    print("| corpus | binary | pages | build (s) | raw syntax left | placeholders | diagnostics by rule |")
    print("|---|---|---|---|---|---|---|")
    for corpus in sorted(os.listdir(args.corpora)):
        path = os.path.join(args.corpora, corpus)
        if not os.path.isdir(path):
            continue
        for label, binary in binaries:
            with tempfile.TemporaryDirectory() as work:
                r = build(os.path.abspath(binary), path, work, args.runs)
            raw = f"{r['raw']} {r['raw_by']}" if r["raw_by"] else str(r["raw"])
            rules = ", ".join(f"{k} {v}" for k, v in r["rules"].items()) or "none"
            print(f"| {corpus} | {label} | {r['pages']} | {r['time']:.2f} | {raw} | {r['placeholders']} | {rules} |",
                  flush=True)


if __name__ == "__main__":
    main()
