#!/usr/bin/env python3
"""Builds one page of 1, 10 and 100 MB (or the sizes given) of each construct that an
interpreter or a scanner of opsbook reads, and records how long each build takes and
how it ends: built (exit 0) or refused with a located error (exit 1, its first line).

    python3 bench/budgets.py                                # 1, 10, 100 MB
    python3 bench/budgets.py --sizes 1,64 --bin /tmp/opsbook-main
    python3 bench/budgets.py --only braces,bash-arithmetic --timeout 120

Each construct is one long line or many lines of the same thing, the shapes that made
scanners quadratic or interpreters run without bound: `{{` braces, attribute lists,
link reference definitions with internal blocks, headings, bash `$((` highlighting,
nested Liquid blocks, Liquid loops, Mermaid fences. A build that does not end within
`--timeout` seconds is killed and recorded as such. The target: a page of 64 MiB of any
construct builds within 10 s or fails with a located error. Not a test: run by hand,
outside `cargo test`; bench/README.md records its figures. Standard library only.
"""

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work" / "budgets"


def repeat_to(unit, size):
    """`unit` repeated until the text is `size` bytes (whole units)."""
    return unit * max(1, size // len(unit))


def liquid_nesting(size):
    half = size // 2
    return repeat_to("{% if true %}", half) + "x" + repeat_to("{% endif %}", half)


def liquid_loops(size):
    loop = "{% for i in (1..1000) %}{{ i }}{% endfor %}\n"
    return repeat_to(loop, size)


def mermaid(size):
    fence = "```mermaid\nflowchart LR\n" + " & ".join(f"a{i}" for i in range(40)) + " --> b\n```\n\n"
    return repeat_to(fence, size)


def definitions(size):
    unit = "<!-- internal -->\n[i]: https://ops.example.com/hidden\n<!-- /internal -->\n\n[d]: https://ops.example.com/x\n\n"
    return repeat_to(unit, size) + "[link][d]\n"


# name -> (page text of about `size` bytes, whether the page is a Jekyll page)
CONSTRUCTS = {
    "braces": (lambda size: repeat_to("{{ ", size), False),
    "braces-lines": (lambda size: repeat_to("{{ x }} text {{\n", size), False),
    "attribute-lists": (lambda size: repeat_to("a{: .c} ", size), False),
    "headings": (lambda size: repeat_to("## Same\n\n", size), False),
    "definitions": (definitions, False),
    "bash-arithmetic": (lambda size: "```bash\n" + repeat_to("$((", size) + "\n```\n", False),
    "bash-lines": (lambda size: "```bash\n" + repeat_to("echo $((1 + 2)) ${x:-y}\n", size) + "```\n", False),
    "mermaid": (mermaid, False),
    "liquid-braces": (lambda size: repeat_to("{{ ", size), True),
    "liquid-nesting": (liquid_nesting, True),
    "liquid-loops": (liquid_loops, True),
}


def build(binary, name, text, jekyll, timeout):
    """Builds a handbook of one page holding `text`: (seconds, outcome)."""
    site = WORK / name
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    (site / "book.toml").write_text('[handbook]\ntitle = "Budgets"\n')
    if jekyll:
        (site / "_config.yml").write_text("title: Budgets\n")
    (site / "content" / "page.md").write_text(f"---\ntitle: Page\n---\n{text}\n")
    started = time.monotonic()
    try:
        run = subprocess.run(
            [binary, "build"], cwd=site, capture_output=True, text=True, timeout=timeout, errors="replace"
        )
    except subprocess.TimeoutExpired:
        return timeout, f"killed after {timeout} s"
    spent = time.monotonic() - started
    if run.returncode == 0:
        outcome = "built"
    else:
        first = next((l for l in run.stderr.splitlines() if l.startswith(("error", "thread"))), "")
        where = next((l.strip() for l in run.stderr.splitlines() if l.strip().startswith("-->")), "")
        outcome = f"exit {run.returncode}: {first[:100]} {where}"
    shutil.rmtree(site, ignore_errors=True)
    return spent, outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "opsbook"))
    parser.add_argument("--sizes", default="1,10,100", help="page sizes in MB (10^6 bytes)")
    parser.add_argument("--only", default="", help="comma-separated constructs")
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()
    sizes = [int(float(s) * 1_000_000) for s in args.sizes.split(",")]
    names = [n for n in args.only.split(",") if n] or list(CONSTRUCTS)
    print(f"{'construct':<18} {'size':>7} {'seconds':>8}  outcome")
    for name in names:
        make, jekyll = CONSTRUCTS[name]
        for size in sizes:
            text = make(size)
            spent, outcome = build(args.bin, name, text, jekyll, args.timeout)
            print(f"{name:<18} {len(text) / 1e6:>5.0f}MB {spent:>8.2f}  {outcome}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
