#!/usr/bin/env python3
"""Measures what "did you mean" costs: builds a handbook whose every page has broken
links (typos of page names in its folder and of anchors of a sibling page), with each
opsbook binary given, and prints the median wall time of `opsbook check` per binary.

    python3 bench/broken-links.py --bin before=/tmp/opsbook-old --bin after=target/release/opsbook
    python3 bench/broken-links.py --pages 4000 --per-folder 200 --runs 5 --bin a=... --bin b=...

Every broken link makes opsbook look for the closest existing name: among the files of
the same folder and the files of the same name elsewhere for a page, among all ids of the
target page for an anchor (crates/core/src/suggest.rs). The handbook is generated from a fixed seed
into bench/.work/broken-links-N/ and reused. Not a test: run by hand, outside
`cargo test`; bench/README.md records its figures. Standard library only.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

WORDS = (
    "restart database primary replica failover network storage volume certificate "
    "rotate expired queue backlog consumer lag disk pressure memory leak node drain "
    "cluster upgrade rollback deploy canary ingress gateway timeout latency dns "
    "resolver cache purge index rebuild snapshot restore backup quota limit tenant "
    "project keystone nova neutron cinder glance octavia ceph osd monitor alert"
).split()


def name(rng):
    return "-".join(rng.sample(WORDS, rng.randint(2, 5)))


def typo(rng, text):
    """One edit a hurried author makes: two neighbours swapped, a letter dropped or doubled."""
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def generate(root, pages, per_folder, seed=7):
    rng = random.Random(seed)
    content = root / "content"
    folders = max(1, pages // per_folder)
    root.mkdir(parents=True, exist_ok=True)
    (root / "book.toml").write_text('[handbook]\ntitle = "Broken links"\n\n[check]\nlinks = "warn"\n')
    for f in range(folders):
        folder = content / f"area-{f:03}"
        folder.mkdir(parents=True, exist_ok=True)
        names = []
        while len(names) < per_folder:
            n = name(rng)
            if n not in names:
                names.append(n)
        headings = [[name(rng) for _ in range(30)] for _ in names]
        for i, n in enumerate(names):
            sibling = rng.randrange(len(names))
            lines = [f"---\ntitle: {n.replace('-', ' ').capitalize()}\n---\n"]
            for h in headings[i]:
                lines.append(f"## {h.replace('-', ' ').capitalize()}\n\nText.\n")
            for _ in range(3):
                lines.append(f"See [a page]({typo(rng, names[rng.randrange(len(names))])}.md).\n")
            for _ in range(2):
                lines.append(f"See [a step]({names[sibling]}.md#{typo(rng, headings[sibling][rng.randrange(30)])}).\n")
            (folder / f"{n}.md").write_text("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", action="append", required=True, help="NAME=PATH of an opsbook binary")
    parser.add_argument("--pages", type=int, default=4000)
    parser.add_argument("--per-folder", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    here = Path(__file__).resolve().parent
    root = here / ".work" / f"broken-links-{args.pages}-{args.per_folder}"
    if not (root / "book.toml").exists():
        generate(root, args.pages, args.per_folder)
    bins = [b.split("=", 1) for b in args.bin]
    times = {n: [] for n, _ in bins}
    findings = {}
    env = dict(os.environ, OPSBOOK_TODAY="2026-11-15", NO_COLOR="1")
    for run in range(args.runs):
        order = bins[run % len(bins) :] + bins[: run % len(bins)]
        for n, path in order:
            start = time.perf_counter()
            done = subprocess.run(
                [path, "check", "--root", str(root), "--format", "json"], capture_output=True, text=True, env=env
            )
            times[n].append(time.perf_counter() - start)
            findings[n] = done.stdout.count("did you mean")
    print(f"{args.pages} pages, {args.per_folder} per folder, 5 broken links a page, {args.runs} runs")
    print("| binary | median check (s) | min | suggestions |")
    print("|---|---:|---:|---:|")
    for n, _ in bins:
        print(f"| {n} | {statistics.median(times[n]):.3f} | {min(times[n]):.3f} | {findings[n]} |")


if __name__ == "__main__":
    sys.exit(main())
