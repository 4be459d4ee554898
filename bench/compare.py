#!/usr/bin/env python3
"""Side-by-side build benchmark: opsbook against Hugo, Zola and mdBook.

One run generates the corpora (../shared/bench/gen_corpus.py --all, the same pages
for every tool), installs the peers it is missing, builds every corpus with every
tool in alternating order several times, and prints the medians of wall time, CPU
time and peak RSS, the output and search index sizes, and the ratios peer/opsbook.
It also measures the floor: bench/floor parses the same Markdown with pulldown-cmark
alone and writes as many bytes as opsbook's build.

    python3 bench/compare.py                       # 1,000 and 10,000 pages, 3 runs
    python3 bench/compare.py --pages 1000 --runs 5
    python3 bench/compare.py --pages 1000,10000,100000 --peers-up-to 10000
    python3 bench/compare.py --pages 10000 --tools hugo --same-folder   # rebuilds
    ZOLA=/path/to/zola python3 bench/compare.py    # Zola is measured only when given

Standard library only. Results go to stdout (Markdown tables) and to
bench/.work/results.json. Never run by `cargo test` or CI: it takes minutes.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
CORPORA = ROOT.parent / "shared" / "corpora"
TOOLS_DIR = BENCH / ".tools"

BOOK_TOML = """[handbook]
title = "Operations Handbook"
base-url = "https://handbook.example.org/"

# The generated corpus has a section named `search`; the search page moves aside.
[search]
page = "find"
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def run_quiet(command, **kwargs):
    """Runs a setup command, showing its output only when it fails."""
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        log(done.stdout + done.stderr)
        sys.exit(f"failed: {' '.join(map(str, command))}")
    return done.stdout


def settle():
    """Writes back what earlier builds left in the page cache, so that no build pays for
    the disk writes of the one before it."""
    os.sync()


# ext4 skips inodes freed in the last 60 seconds when it creates files, and for six
# minutes when their inode table block is being written, as it is all through a build.
# A build that starts within minutes of a large removal is slowed down by it (its file
# creation by up to four times, seen here), whichever tool it is.
SETTLE_SECONDS = 390


def remove_outputs(folder, wait=True):
    """Removes build outputs; with `wait`, then waits until the file system no longer
    remembers the removal."""
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
        os.sync()
        if wait:
            log(f"  waiting {SETTLE_SECONDS} s for the file system to forget the removed outputs")
            time.sleep(SETTLE_SECONDS)


def measure(command, cwd=None):
    """Runs `command` once; returns wall seconds, CPU seconds and peak RSS in MiB."""
    settle()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        log(stderr.decode(errors="replace")[-3000:])
        sys.exit(f"failed with exit code {process.returncode}: {' '.join(map(str, command))}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
            "user": usage.ru_utime, "sys": usage.ru_stime}


def tree_size(path, match=None):
    """Total bytes of the files under `path` (whose names start with `match`, if given)."""
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            if match is None or name.startswith(match):
                total += os.path.getsize(os.path.join(folder, name))
    return total


# --- Tools -----------------------------------------------------------------------


class Tool:
    """A static site generator: how to build a corpus with it and what it wrote."""

    def __init__(self, name, binary, version):
        self.name, self.binary, self.version = name, binary, version

    def index_size(self, out):
        return None


class Opsbook(Tool):
    def command(self, corpus, out):
        return [self.binary, "build", "--quiet", "--root", corpus, "--out", out]

    def index_size(self, out):
        # The index's own files: the generated corpus also has a section called `search`,
        # whose pages live in the same folder.
        folder = out / "search"
        return sum(os.path.getsize(folder / name) for name in os.listdir(folder)
                   if name.endswith(".json") and (name == "manifest.json" or name[:2] in ("t-", "r-", "p-", "f-")))


class Hugo(Tool):
    def command(self, corpus, out):
        return [self.binary, "--quiet", "--source", corpus / "hugo", "--destination", out]


class Zola(Tool):
    def command(self, corpus, out):
        return [self.binary, "--root", corpus / "zola", "build", "--output-dir", out, "--force"]

    def index_size(self, out):
        return tree_size(out, "search_index")


class Mdbook(Tool):
    def command(self, corpus, out):
        return [self.binary, "build", corpus / "mdbook", "--dest-dir", out]

    def index_size(self, out):
        return tree_size(out, "searchindex")


class Floor(Tool):
    """Parses the pages with pulldown-cmark and writes as many bytes as opsbook's last
    build; opsbook runs first, so the count is known."""

    bytes = 0

    def command(self, corpus, out):
        return [self.binary, corpus / "content", out, str(self.bytes)]


def version_of(binary, *args):
    return run_quiet([binary, *args]).strip().splitlines()[0]


def setup_opsbook(binary=None):
    """opsbook built from this clone, or the binary given (another commit's build, to
    compare before and after a change on the same corpora)."""
    if binary is None:
        log("building opsbook (release)")
        run_quiet(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
        binary = ROOT / "target" / "release" / "opsbook"
    return Opsbook("opsbook", binary.resolve(), version_of(binary, "--version"))


def setup_floor():
    log("building the floor (bench/floor, release)")
    run_quiet(["cargo", "build", "--release", "--quiet", "--manifest-path", BENCH / "floor" / "Cargo.toml",
               "--target-dir", ROOT / "target" / "bench-floor"])
    return Floor("floor", ROOT / "target" / "bench-floor" / "release" / "opsbook-floor", "pulldown-cmark + write")


def setup_hugo():
    binary = shutil.which("hugo")
    if binary is None:
        log("installing Hugo (Debian's package)")
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run_quiet([*sudo, "apt-get", "install", "-y", "hugo"], env=env)
        binary = shutil.which("hugo")
    return Hugo("hugo", binary, version_of(binary, "version"))


def setup_mdbook():
    binary = shutil.which("mdbook") or (TOOLS_DIR / "bin" / "mdbook")
    if not Path(binary).exists():
        log("installing mdBook (cargo install mdbook, into bench/.tools; a few minutes)")
        run_quiet(["cargo", "install", "mdbook", "--locked", "--quiet", "--root", TOOLS_DIR])
    return Mdbook("mdbook", binary, version_of(binary, "--version"))


def setup_zola():
    binary = os.environ.get("ZOLA")
    if not binary:
        log("Zola not measured: give its binary in ZOLA=/path/to/zola")
        return None
    if not Path(binary).exists():
        sys.exit(f"ZOLA={binary} does not exist")
    return Zola("zola", binary, version_of(binary, "--version"))


# --- Corpora and runs ----------------------------------------------------------------


REAL_BOOK_TOML = """[handbook]
title = "Real handbooks"
base-url = "https://handbook.example.org/docs/"

# Links the corpora's own tools resolve differently are reported, not fatal.
[check]
links = "warn"
"""


def real_corpus(work, corpora):
    """Every handbook of `corpora` as one handbook: each a section of its own (a copy
    under content/ of its content/ folder when it has one, else of the whole), as
    bench/snapshot-outputs.sh builds them one by one. Copies, not symbolic links: opsbook
    does not follow links that leave the handbook. Real pages, unlike the generated
    ones, repeat little of their code, prose or structure."""
    corpus = work / "real"
    content = corpus / "content"
    shutil.rmtree(content, ignore_errors=True)
    content.mkdir(parents=True)
    for source in sorted(path for path in corpora.iterdir() if path.is_dir()):
        inner = source / "content"
        shutil.copytree(inner if inner.is_dir() else source, content / source.name, symlinks=True)
    (corpus / "book.toml").write_text(REAL_BOOK_TOML)
    return corpus


def corpus_for(pages, work, peers):
    """The corpus of `pages` pages, generated unless an earlier run left it (with the
    peers' copies when they are measured on it)."""
    corpus = work / f"corpus-{pages}"
    missing = not (corpus / "corpus.json").exists() or (peers and not (corpus / "hugo").exists())
    if missing:
        log(f"generating {pages:,} pages into {corpus}")
        run_quiet([sys.executable, GENERATOR, "--pages", str(pages), *(["--all"] if peers else []), "--out", corpus])
    (corpus / "book.toml").write_text(BOOK_TOML)
    return corpus


def bench_corpus(corpus, pages, tools, floor, runs, slow_runs, keep):
    """Builds `corpus` with every tool and the floor, in rotating order, `runs` times;
    returns the rows. Each build writes into a folder of its own: removing a large
    output right before the next build makes the file system slow to create files
    (ext4 avoids reusing inodes deleted in the last minute), which would count against
    whichever tool runs next. With `keep`, outputs stay until the whole benchmark is
    done; without, each is removed after its build and the next build waits."""
    tools = tools + [floor]
    remove_outputs(corpus / "out")
    samples = {tool.name: [] for tool in tools}
    sizes = {}
    for number in range(runs):
        order = tools[number % len(tools):] + tools[:number % len(tools)]
        for tool in order:
            if tool.name == "mdbook" and pages > 1000 and number >= slow_runs:
                continue
            out = corpus / "out" / f"{tool.name}-{number + 1}"
            shutil.rmtree(out, ignore_errors=True)
            sample = measure(tool.command(corpus, out))
            samples[tool.name].append(sample)
            sizes[tool.name] = (tree_size(out), tool.index_size(out))
            if tool.name == "opsbook":
                floor.bytes = sizes["opsbook"][0]
            if not keep:
                remove_outputs(out)
            label = f"{pages:>7,} pages" if pages else "real handbooks"
            log(f"  {label}  {tool.name:<8} run {number + 1}: {sample['wall']:.2f} s, "
                f"{sample['cpu']:.2f} s CPU, {sample['rss']:.0f} MiB")
    rows = [summarise(tool.name, tool.version, samples[tool.name], *sizes[tool.name]) for tool in tools]
    timings_out = corpus / "out" / "opsbook-timings"
    settle()
    timings = subprocess.run([tools[0].binary, "build", "--timings", "--root", corpus, "--out", timings_out],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    # The summary line and the table, without the warnings of a real handbook.
    timings = "\n".join(line for line in timings.splitlines() if line.startswith(("built ", "  ")) and "|" not in line)
    if pages is None:
        summary = next((line for line in timings.splitlines() if line.startswith("built ")), "built 0 pages")
        pages = int(summary.split()[1].replace(",", ""))
    return {"pages": pages, "rows": rows, "timings": timings}


def bench_same_folder(corpus, pages, tools, runs):
    """Rebuilds: builds `corpus` with every tool into one folder per tool, again and
    again (after a first build that is not counted), in rotating order, `runs` times;
    then builds it with opsbook into `runs` new folders, for the system CPU of a fresh
    build beside a rebuild's. Returns the rows, each with its mode."""
    remove_outputs(corpus / "out")
    for tool in tools:
        measure(tool.command(corpus, corpus / "out" / f"{tool.name}-same"))
    samples = {tool.name: [] for tool in tools}
    for number in range(runs):
        for tool in tools[number % len(tools):] + tools[:number % len(tools)]:
            sample = measure(tool.command(corpus, corpus / "out" / f"{tool.name}-same"))
            samples[tool.name].append(sample)
            log(f"  {pages:>7,} pages  {tool.name:<8} same folder, run {number + 1}: {sample['wall']:.2f} s, "
                f"{sample['user']:.2f} s user, {sample['sys']:.2f} s system")
    fresh = []
    for number in range(runs):
        fresh.append(measure(tools[0].command(corpus, corpus / "out" / f"opsbook-fresh-{number + 1}")))
        log(f"  {pages:>7,} pages  opsbook  new folder, run {number + 1}: {fresh[-1]['wall']:.2f} s, "
            f"{fresh[-1]['user']:.2f} s user, {fresh[-1]['sys']:.2f} s system")
    rows = [dict(summarise(tool.name, tool.version, samples[tool.name], None, None), mode="same folder",
                 user=statistics.median(s["user"] for s in samples[tool.name]),
                 sys=statistics.median(s["sys"] for s in samples[tool.name])) for tool in tools]
    rows.append(dict(summarise("opsbook", tools[0].version, fresh, None, None), mode="new folder",
                     user=statistics.median(s["user"] for s in fresh), sys=statistics.median(s["sys"] for s in fresh)))
    remove_outputs(corpus / "out", wait=False)
    return {"pages": pages, "same_folder": rows}


def report_same_folder(results):
    lines = []
    for result in results:
        rows = result["same_folder"]
        ours = rows[0]
        lines.append(f"\n### {result['pages']:,} pages, rebuilt into the same folder\n")
        lines.append("| tool | into | runs | wall | user CPU | system CPU | peak RSS | wall / opsbook rebuild |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for row in rows:
            lines.append(f"| {row['tool']} | {row['mode']} | {row['runs']} | {row['wall']:.2f} s | {row['user']:.2f} s "
                         f"| {row['sys']:.2f} s | {row['rss']:,.0f} MiB | {row['wall'] / ours['wall']:.2f}x |")
        fresh = rows[-1]
        lines.append("")
        lines.append(f"- opsbook rebuild wall / new-folder wall: {ours['wall'] / fresh['wall']:.2f} (target <= 1)")
        lines.append(f"- opsbook rebuild system CPU / new-folder system CPU: {ours['sys'] / max(fresh['sys'], 1e-9):.2f} "
                     "(target <= 1)")
        hugo = next((row for row in rows if row["tool"] == "hugo"), None)
        if hugo:
            lines.append(f"- Hugo rebuild wall / opsbook rebuild wall: {hugo['wall'] / ours['wall']:.2f} (target >= 8, the fresh-folder target)")
    return "\n".join(lines)


def summarise(name, version, samples, output, index):
    return {
        "tool": name,
        "version": version,
        "runs": len(samples),
        "wall": statistics.median(s["wall"] for s in samples),
        "cpu": statistics.median(s["cpu"] for s in samples),
        "rss": statistics.median(s["rss"] for s in samples),
        "output": output,
        "index": index,
    }


# --- Report ---------------------------------------------------------------------------


def mib(size):
    return "-" if size is None else f"{size / 1048576:,.1f} MiB"


def report(results, real=None):
    lines = []
    for result in results + ([real] if real else []):
        rows = {row["tool"]: row for row in result["rows"]}
        ours = rows["opsbook"]
        if result is real:
            lines.append(f"\n### Real handbooks: {result['pages']:,} pages ({result['corpora']})\n")
        else:
            lines.append(f"\n### {result['pages']:,} pages\n")
        lines.append("| tool | runs | wall | CPU | peak RSS | output | search index | wall / opsbook | RSS / opsbook |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        for row in result["rows"]:
            lines.append(
                f"| {row['tool']} | {row['runs']} | {row['wall']:.2f} s | {row['cpu']:.2f} s | {row['rss']:,.0f} MiB "
                f"| {mib(row['output'])} | {mib(row['index'])} | {row['wall'] / ours['wall']:.2f}x "
                f"| {row['rss'] / ours['rss']:.2f}x |")
        if result is real:
            per = 1000 / max(result["pages"], 1)
            lines.append(f"\nopsbook per 1,000 real pages: {ours['wall'] * per:.3f} s wall, {ours['cpu'] * per:.3f} s CPU, "
                         f"{ours['rss'] * per:.1f} MiB peak RSS")
            synthetic = [r for r in results if r["pages"] >= 1000]
            if synthetic:
                base = next(row for row in synthetic[0]["rows"] if row["tool"] == "opsbook")
                lines.append(f"(generated corpus of {synthetic[0]['pages']:,} pages: "
                             f"{base['wall'] * 1000 / synthetic[0]['pages']:.3f} s wall, "
                             f"{base['cpu'] * 1000 / synthetic[0]['pages']:.3f} s CPU per 1,000 pages)")
        elif result["pages"] >= 10000:
            lines.append("\nTargets (set at 10,000 pages):\n")
            lines.extend(targets(rows))
        lines.append("\n`opsbook build --timings`:\n\n```text\n" + result["timings"].strip() + "\n```")
    if len(results) > 1:
        lines.append("\n### Growth of opsbook\n")
        lines.append("| pages | wall | per 1,000 pages | peak RSS | RSS per 1,000 pages |")
        lines.append("|---|---|---|---|---|")
        for result in results:
            ours = next(row for row in result["rows"] if row["tool"] == "opsbook")
            per = 1000 / result["pages"]
            lines.append(f"| {result['pages']:,} | {ours['wall']:.2f} s | {ours['wall'] * per:.3f} s "
                         f"| {ours['rss']:,.0f} MiB | {ours['rss'] * per:.1f} MiB |")
    versions = {row["tool"]: row["version"] for result in results for row in result["rows"]}
    lines.append("\nVersions: " + "; ".join(f"{tool}: {version}" for tool, version in versions.items()))
    return "\n".join(lines)


def targets(rows):
    """The targets of the performance issue, as met or missed."""
    ours = rows["opsbook"]
    checks = [("opsbook within 2x of the floor", ours["wall"] / rows["floor"]["wall"], "<=", 2)]
    if "hugo" in rows:
        checks.append(("Hugo wall / opsbook wall", rows["hugo"]["wall"] / ours["wall"], ">=", 5))
        checks.append(("Hugo peak RSS / opsbook peak RSS", rows["hugo"]["rss"] / ours["rss"], ">=", 2))
    if "zola" in rows:
        checks.append(("Zola wall / opsbook wall", rows["zola"]["wall"] / ours["wall"], ">=", 5))
    lines = []
    for label, value, relation, bound in checks:
        met = value <= bound if relation == "<=" else value >= bound
        lines.append(f"- {label}: {value:.2f} (target {relation} {bound}): {'met' if met else 'MISSED'}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="1000,10000", help="corpus sizes, comma-separated (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per tool and corpus (default 3)")
    parser.add_argument("--slow-runs", type=int, default=1,
                        help="builds of mdBook above 1,000 pages, which takes minutes each (default 1)")
    parser.add_argument("--peers-up-to", type=int, default=10000,
                        help="build larger corpora with opsbook and the floor only (default 10000)")
    parser.add_argument("--large-runs", type=int, default=1,
                        help="builds of corpora above --peers-up-to, whose outputs are large (default 1)")
    parser.add_argument("--tools", default="hugo,zola,mdbook", help="peers to measure (default hugo,zola,mdbook)")
    parser.add_argument("--work", type=Path, default=BENCH / ".work", help="where corpora and outputs go")
    parser.add_argument("--real", type=Path, default=CORPORA,
                        help="a folder of real handbooks, built together as one (default ../shared/corpora)")
    parser.add_argument("--no-real", action="store_true", help="skip the real handbooks")
    parser.add_argument("--opsbook", "--binary", dest="opsbook", type=Path, help="measure this opsbook binary instead of building one")
    parser.add_argument("--same-folder", action="store_true",
                        help="rebuilds: every tool builds each corpus again and again into the same folder")
    args = parser.parse_args()

    sizes = [int(size.replace("_", "")) for size in args.pages.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    opsbook = setup_opsbook(args.opsbook)
    setups = {"hugo": setup_hugo, "zola": setup_zola, "mdbook": setup_mdbook}
    peers = [tool for name in args.tools.split(",") if name if (tool := setups[name]())]
    if args.same_folder:
        results = []
        for pages in sizes:
            corpus = corpus_for(pages, args.work, bool(peers))
            results.append(bench_same_folder(corpus, pages, [opsbook] + peers, args.runs))
            (args.work / "results-same-folder.json").write_text(json.dumps(results, indent=2))
        print(f"## opsbook rebuild benchmark ({os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')})")
        print(report_same_folder(results))
        return
    floor = setup_floor()

    results = []
    for pages in sizes:
        tools = [opsbook] + (peers if pages <= args.peers_up_to else [])
        corpus = corpus_for(pages, args.work, len(tools) > 1)
        keep = pages <= args.peers_up_to
        results.append(bench_corpus(corpus, pages, tools, floor, args.runs if keep else args.large_runs,
                                    args.slow_runs, keep))
        (args.work / "results.json").write_text(json.dumps(results, indent=2))
    real = None
    if not args.no_real and args.real.is_dir():
        corpus = real_corpus(args.work, args.real)
        log(f"building the real handbooks of {args.real} as one")
        real = bench_corpus(corpus, None, [opsbook], floor, args.runs, args.slow_runs, True)
        real["corpora"] = ", ".join(sorted(path.name for path in args.real.iterdir() if path.is_dir()))
        (args.work / "results.json").write_text(json.dumps({"generated": results, "real": real}, indent=2))
        remove_outputs(corpus / "out", wait=False)
    for pages in sizes:
        remove_outputs(args.work / f"corpus-{pages}" / "out", wait=False)

    print(f"## opsbook build benchmark ({os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')})")
    print(report(results, real))


if __name__ == "__main__":
    main()
