#!/usr/bin/env python3
"""Builds one page of 1, 10 and 100 MB (or the sizes given) of each construct that an
interpreter or a scanner of opsbook reads, and records how long each build takes and
how it ends: built (exit 0) or refused with a located error (exit 1, its first line).

    python3 bench/budgets.py                                # 1, 10, 100 MB
    python3 bench/budgets.py --sizes 1,64Mi --bin /tmp/opsbook-main
    python3 bench/budgets.py --only braces,bash-arithmetic --timeout 120

Each construct is one long line or many lines of the same thing, the shapes that made
scanners quadratic or interpreters run without bound: `{{` braces, attribute lists,
link reference definitions, headings, emphasis, tables, nested lists and quotes, HTML,
footnotes, front matter, admonitions, tabs, math, code fences and highlighting, Liquid,
Hugo shortcodes, MDX, links and images, Mermaid (`--list` names them all). A size `NMi`
is N MiB less 4 KiB, a page just under the page limit of 64 MiB. A build that does not
end within `--timeout` seconds is killed and recorded as such. Each row gives the wall
time and the CPU time (user and system) of the build: on a machine shared with other
work, the wall time stretches with the load. The target: a page of 64 MiB of any
construct builds within 10 s or fails with a located error. Not a test: run by hand,
outside `cargo test`; bench/README.md records its figures. Standard library only.
"""

import argparse
import resource
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


def numbered(make, size):
    """`make(n)` for n = 0, 1, … until the text is `size` bytes."""
    parts, total, n = [], 0, 0
    while total < size:
        part = make(n)
        parts.append(part)
        total += len(part)
        n += 1
    return "".join(parts)


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


def table(size):
    return "| a | b | c |\n|---|:-:|--:|\n" + repeat_to("| x | *y* | `z` |\n", size)


def front_matter(size):
    """A page whose front matter is the whole of its bulk (the page's own `---` lines)."""
    return "---\ntitle: Page\n" + numbered(lambda n: f"key{n}: value {n}\n", size) + "---\nText.\n"


def mdx(size):
    return "import Tabs from '@theme/Tabs';\n\n" + repeat_to("<Note kind=\"x\">text {1 + 2}</Note> {/* c */}\n\n", size)


# name -> (page text of about `size` bytes, options): "jekyll" makes a Jekyll site,
# "file" names the page's file, "raw" means the text brings its own front matter.
CONSTRUCTS = {
    "text": (lambda size: repeat_to("Words of a paragraph, and a sentence.\n\n", size), {}),
    "braces": (lambda size: repeat_to("{{ ", size), {}),
    "braces-lines": (lambda size: repeat_to("{{ x }} text {{\n", size), {}),
    "attribute-lists": (lambda size: repeat_to("a{: .c} ", size), {}),
    "headings": (lambda size: repeat_to("## Same\n\n", size), {}),
    "headings-distinct": (lambda size: numbered(lambda n: f"## Step {n}\n\nDo {n}.\n\n", size), {}),
    "emphasis": (lambda size: repeat_to("*a **b _c ", size), {}),
    "emphasis-closed": (lambda size: repeat_to("**bold** *it* ~~s~~ ", size), {}),
    "table": (table, {}),
    "list-nesting": (lambda size: repeat_to("- ", size) + "x\n", {}),
    "list-lines": (lambda size: repeat_to("- a\n  - b\n    1. c\n", size), {}),
    "quote-nesting": (lambda size: repeat_to("> ", size) + "x\n", {}),
    "html-blocks": (lambda size: repeat_to("<div class=\"x\">\n\n*text*\n\n</div>\n\n", size), {}),
    "html-inline": (lambda size: repeat_to("<span><a href=\"#x\">y</a> ", size), {}),
    "footnotes": (lambda size: numbered(lambda n: f"Text[^{n}].\n\n[^{n}]: Note {n}.\n\n", size), {}),
    "footnote-refs": (lambda size: "[^a]: The note.\n\n" + repeat_to("x[^a] ", size), {}),
    "front-matter": (front_matter, {"raw": True}),
    "admonitions": (lambda size: repeat_to(":::note\nText.\n:::\n\n!!! warning\n    Text.\n\n", size), {}),
    "admonition-nesting": (lambda size: repeat_to("::::note\n", size // 2) + repeat_to("::::\n", size // 2), {}),
    "tabs": (lambda size: repeat_to('=== "A"\n    Text.\n\n=== "B"\n    More.\n\n', size), {}),
    "tabs-jsx": (lambda size: repeat_to('<Tabs><TabItem value="a" label="A">x</TabItem></Tabs>\n\n', size), {}),
    "math": (lambda size: repeat_to("$x^2$ and $$\\sum_i x_i$$ \\(y\\) ", size), {}),
    "code-fences": (lambda size: repeat_to("```rust\nfn main() { let x = 1; }\n```\n\n", size), {}),
    "code-one-fence": (lambda size: "```python\n" + repeat_to("def f(x): return x * 2  # c\n", size) + "```\n", {}),
    "code-long-line": (lambda size: "```rust\n" + repeat_to("let x = f(1, \"s\"); ", size) + "\n```\n", {}),
    "definitions": (definitions, {}),
    "bash-arithmetic": (lambda size: "```bash\n" + repeat_to("$((", size) + "\n```\n", {}),
    "bash-lines": (lambda size: "```bash\n" + repeat_to("echo $((1 + 2)) ${x:-y}\n", size) + "```\n", {}),
    "mermaid": (mermaid, {}),
    "liquid-braces": (lambda size: repeat_to("{{ ", size), {"jekyll": True}),
    "liquid-tags": (lambda size: repeat_to("{% assign x = 1 %}{{ x }} {% if x %}y{% endif %}\n", size), {"jekyll": True}),
    "liquid-nesting": (liquid_nesting, {"jekyll": True}),
    "liquid-loops": (liquid_loops, {"jekyll": True}),
    "liquid-unknown": (lambda size: repeat_to("{% nosuchtag %} ", size), {"jekyll": True}),
    "shortcodes": (lambda size: repeat_to("{{< alert >}}x{{< /alert >}} {{% note %}}y{{% /note %}}\n", size), {}),
    "shortcodes-unknown": (lambda size: repeat_to("{{< nosuch >}} ", size), {}),
    "mdx": (mdx, {"file": "page.mdx"}),
    "links": (lambda size: repeat_to("[a](https://example.com/x) [b](#top) ", size), {}),
    "links-broken": (lambda size: repeat_to("[a](gone.md) ", size), {}),
    "images": (lambda size: repeat_to("![a](https://example.com/i.png) ", size), {}),
    "images-missing": (lambda size: repeat_to("![a](gone.png) ", size), {}),
}


def build(binary, name, text, options, timeout):
    """Builds a handbook of one page holding `text`: (seconds, CPU seconds, outcome)."""
    site = WORK / name
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    (site / "book.toml").write_text('[handbook]\ntitle = "Budgets"\n')
    if options.get("jekyll"):
        (site / "_config.yml").write_text("title: Budgets\n")
    page = text if options.get("raw") else f"---\ntitle: Page\n---\n{text}\n"
    (site / "content" / options.get("file", "page.md")).write_text(page)
    started = time.monotonic()
    cpu = cpu_seconds()
    try:
        run = subprocess.run(
            [binary, "build"], cwd=site, capture_output=True, text=True, timeout=timeout, errors="replace"
        )
    except subprocess.TimeoutExpired:
        return timeout, cpu_seconds() - cpu, f"killed after {timeout} s"
    spent = time.monotonic() - started
    cpu = cpu_seconds() - cpu
    if run.returncode == 0:
        outcome = "built"
    else:
        first = next((l for l in run.stderr.splitlines() if l.startswith(("error", "thread"))), "")
        where = next((l.strip() for l in run.stderr.splitlines() if l.strip().startswith("-->")), "")
        outcome = f"exit {run.returncode}: {first[:100]} {where}"
    lines = run.stderr.count("\n")
    if lines > 1000:
        outcome += f" ({lines:,} lines of diagnostics)"
    shutil.rmtree(site, ignore_errors=True)
    return spent, cpu, outcome


def cpu_seconds():
    """User and system CPU time of the finished builds so far: on a shared machine the
    wall time stretches with the load, the CPU time far less."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def parse_size(text):
    """`10` is 10 MB; `64Mi` is 64 MiB less 4 KiB, a page just under the page limit."""
    if text.endswith("Mi"):
        return int(float(text[:-2]) * 2**20) - 4096
    return int(float(text) * 1_000_000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "opsbook"))
    parser.add_argument("--sizes", default="1,10,100", help="page sizes in MB (10^6 bytes), or NMi")
    parser.add_argument("--list", action="store_true", help="print the constructs and stop")
    parser.add_argument("--only", default="", help="comma-separated constructs")
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()
    if args.list:
        print("\n".join(CONSTRUCTS))
        return 0
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    names = [n for n in args.only.split(",") if n] or list(CONSTRUCTS)
    unknown = [n for n in names if n not in CONSTRUCTS]
    if unknown:
        parser.error(f"unknown constructs: {', '.join(unknown)} (--list names them)")
    print(f"{'construct':<20} {'size':>7} {'seconds':>8} {'CPU s':>7}  outcome")
    for name in names:
        make, options = CONSTRUCTS[name]
        for size in sizes:
            text = make(size)
            spent, cpu, outcome = build(args.bin, name, text, options, args.timeout)
            print(f"{name:<20} {len(text) / 1e6:>5.1f}MB {spent:>8.2f} {cpu:>7.2f}  {outcome}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
