#!/usr/bin/env python3
"""The build cache as CI keeps it (`opsbook build --cache-dir`): a merge request's build
after a one-page change, in a fresh clone (every file new, no earlier output) with only
the cache folder restored, against the same build without a cache.

Steps, on the synthetic handbook of ../shared/bench/gen_corpus.py (seed 1):
1. a cold build with an empty cache folder (it writes the cache);
2. the cache folder is saved; the handbook is removed and copied afresh to the same
   path (CI clones into the same folder every time; new mtimes everywhere), one page is
   edited, the saved cache is restored, and the build runs again with --timings;
3. the same fresh copy and edit, built with --no-cache, for comparison;
4. the same fresh copy and edit with the cache folder restored and the cold build's
   output folder and manifest restored too (`public/` and `.public.opsbook-manifest`,
   copied with their times: new inodes, so each file is compared by its bytes), as a CI
   that keeps the output in its cache has them.

Each build's wall time and user/system CPU (of the child) are printed; the work folder
is kept for inspection unless --clean.

Before each timed build the script waits --settle seconds (default 35) after removing
the last copy: ext4 without a journal looks at every inode freed in the last 30 s
before it hands out a new one, so a build that creates 58,000 files just after as many
were removed spends 10 to 20 s in the kernel; a CI runner's fresh clone has no such
past. --settle 0 measures that case. Usage:
  python3 bench/ci-cache.py --opsbook target/release/opsbook [--pages 10000] [--work DIR] [--settle S]
"""

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
GENERATOR = BENCH.parent.parent / "shared" / "bench" / "gen_corpus.py"

BOOK_TOML = """[handbook]
title = "Operations Handbook"
base-url = "https://handbook.example.org/"

# The generated corpus has a section named `search`; the search page moves aside.
[search]
page = "find"
"""


def timed(command, label):
    """Runs `command`; prints and returns (wall, user, system) seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    run = subprocess.run(command, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        sys.exit(f"{label} failed:\n{run.stderr}")
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    print(f"{label}: {wall:.2f} s wall, {user:.2f} s user, {system:.2f} s system", flush=True)
    if "--timings" in command:
        print(run.stderr, flush=True)
    return wall, user, system


def fresh_clone(pristine, handbook, cache_saved=None, cache=None, settle=0, output_saved=None):
    """A new copy of the handbook at `handbook` with one page edited; the saved cache
    restored to `cache`, and the saved output folder and manifest beside it when given;
    then `settle` seconds of waiting."""
    shutil.rmtree(handbook, ignore_errors=True)
    shutil.copytree(pristine, handbook)
    page = sorted(p for p in (handbook / "content").rglob("*.md") if p.name != "_index.md")[0]
    with page.open("a") as f:
        f.write("\nOne more line, written in the merge request.\n")
    if cache is not None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(cache_saved, cache)
    if output_saved is not None:
        shutil.copytree(output_saved / "public", handbook / "public")
        shutil.copy2(output_saved / ".public.opsbook-manifest", handbook)
    time.sleep(settle)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opsbook", required=True, help="the opsbook binary to measure")
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--work", help="the work folder (default: a new temporary one)")
    parser.add_argument("--clean", action="store_true", help="remove the work folder at the end")
    parser.add_argument("--settle", type=float, default=35,
                        help="seconds to wait after removing files, before a timed build (default 35)")
    args = parser.parse_args()
    binary = str(Path(args.opsbook).resolve())
    work = Path(args.work or tempfile.mkdtemp(prefix="opsbook-ci-cache-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    pristine, handbook = work / "pristine", work / "handbook"
    cache, cache_saved = work / "cache", work / "cache-saved"
    if not (pristine / "book.toml").exists():
        subprocess.run([sys.executable, str(GENERATOR), "--pages", str(args.pages), "--out", str(pristine)],
                       check=True, stdout=subprocess.DEVNULL)
        (pristine / "book.toml").write_text(BOOK_TOML)
    build = [binary, "build", "--root", str(handbook), "--out", str(handbook / "public"), "--quiet"]
    print(f"{args.pages} pages in {work}", flush=True)

    shutil.rmtree(handbook, ignore_errors=True)
    shutil.copytree(pristine, handbook)
    shutil.rmtree(cache, ignore_errors=True)
    time.sleep(args.settle)
    timed(build + ["--cache-dir", str(cache)], "cold build, empty cache folder")
    shutil.rmtree(cache_saved, ignore_errors=True)
    shutil.copytree(cache, cache_saved)
    size = sum(f.stat().st_size for f in cache_saved.iterdir())
    print(f"cache folder: {size / 1e6:.1f} MB", flush=True)
    output_saved = work / "output-saved"
    shutil.rmtree(output_saved, ignore_errors=True)
    output_saved.mkdir()
    shutil.copytree(handbook / "public", output_saved / "public")
    shutil.copy2(handbook / ".public.opsbook-manifest", output_saved)

    fresh_clone(pristine, handbook, cache_saved, cache, args.settle)
    timed(build + ["--cache-dir", str(cache), "--timings"], "MR build, fresh clone, cache restored")
    fresh_clone(pristine, handbook, settle=args.settle)
    timed(build + ["--no-cache", "--timings"], "MR build, fresh clone, no cache")
    fresh_clone(pristine, handbook, cache_saved, cache, args.settle, output_saved)
    timed(build + ["--cache-dir", str(cache), "--timings"], "MR build, fresh clone, cache and output restored")
    if args.clean:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
