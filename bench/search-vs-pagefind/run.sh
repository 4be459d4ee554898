#!/usr/bin/env bash
# opsbook's search against Pagefind on the same HTML: builds the bundled handbook, a real
# corpus (openshift-runbooks of ../shared/corpora), the synthetic corpus and MkDocs' user guide
# (docs/ of mkdocs/mkdocs at a pinned commit, from its mirror) with opsbook,
# runs Pagefind (its npm package, pinned in package.json) on each output, and measures
# both engines in headless Chromium with measure.mjs: index size and build time, bytes
# and time to the first five results on a gzip+Range host and on a plain host, MRR@5 on
# the relevance sets written down beside this script, and every phrase's pages.
#
#   bash bench/search-vs-pagefind/run.sh [--bin BIN] [--pages N] [--only NAME]
#
# Installs Pagefind and playwright-core into bench/.work/search-vs-pagefind/ with npm,
# and needs Debian's chromium (/usr/bin/chromium: tests/browser/run.sh installs it).
# Results: bench/.work/search-vs-pagefind/<site>.json, and a table on standard output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$repo/bench/.work/search-vs-pagefind"
bin="$repo/target/release/opsbook"
pages=10000
only=""
# The mirrors of GitHub repositories (the search service's `fetch` fills /work/.mirror).
mirrors="${OPSBOOK_MIRRORS:-/work/.mirror}"
mkdocs_commit=2862536793b3c67d9d83c33e0dd6d50a791928f8
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --pages) pages="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "usage: run.sh [--bin BIN] [--pages N] [--only NAME]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/chromium ] || { echo "needs /usr/bin/chromium (Debian's chromium)" >&2; exit 1; }
mkdir -p "$work"
if ! cmp -s "$here/package.json" "$work/package.json" || [ ! -x "$work/node_modules/.bin/pagefind" ]; then
  cp "$here/package.json" "$work/package.json"
  (cd "$work" && npm install --no-audit --no-fund --silent)
fi
pagefind="$work/node_modules/.bin/pagefind"

# timed LOG COMMAND...: runs COMMAND with its output in LOG, prints its wall time in seconds
timed() { local log="$1" start end; shift; start=$(date +%s.%N); "$@" > "$log" 2>&1; end=$(date +%s.%N); echo "$start $end" | awk '{printf "%.2f", $2 - $1}'; }

# prepare NAME: the handbook's folder for opsbook, built fresh
prepare() {
  local name="$1" dir="$work/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  case "$name" in
    bundled)
      cp -r "$repo/content" "$dir/content" && cp "$repo/book.toml" "$dir/book.toml" ;;
    openshift-runbooks)
      cp -r "$repo/../shared/corpora/openshift-runbooks" "$dir/content"
      printf '[handbook]\ntitle = "OpenShift runbooks"\n[check]\nlinks = "warn"\n' > "$dir/book.toml" ;;
    synthetic)
      python3 "$repo/../shared/bench/gen_corpus.py" --pages "$pages" --out "$dir" --seed 1 >/dev/null
      printf '[handbook]\ntitle = "Synthetic"\n[search]\npage = "find"\n[check]\nlinks = "warn"\n' > "$dir/book.toml" ;;
    mkdocs-docs)
      # A site the search was never tuned on: MkDocs' own user guide, from its mirror.
      git --git-dir="$mirrors/mkdocs+mkdocs/repo" archive "$mkdocs_commit" docs | tar -x -C "$dir"
      mv "$dir/docs" "$dir/content"
      printf '[handbook]\ntitle = "MkDocs"\n[check]\nlinks = "warn"\n' > "$dir/book.toml" ;;
  esac
}

relevance_of() {
  case "$1" in
    bundled) echo "$here/bundled.json" ;;
    openshift-runbooks) echo "$here/openshift-runbooks.json" ;;
    synthetic) echo "$here/synthetic-$pages.json" ;;
    mkdocs-docs) echo "$here/mkdocs-docs.json" ;;
  esac
}

for name in bundled openshift-runbooks synthetic mkdocs-docs; do
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  relevance="$(relevance_of "$name")"
  [ -f "$relevance" ] || { echo "no relevance set $relevance (synthetic-queries.py writes one)" >&2; exit 1; }
  prepare "$name"
  dir="$work/$name"
  opsbook_s=$(timed "$dir/timings.txt" "$bin" build --root "$dir" --out "$dir/public" --quiet --timings)
  search_s=$(awk '$1 == "search" {print $2 " " $3; exit}' "$dir/timings.txt")
  pagefind_s=$(timed "$dir/pagefind.log" "$pagefind" --site "$dir/public" --root-selector main)
  # The index: the data files a query reads (not the scripts, not Pagefind's UI files).
  opsbook_index=$(find "$dir/public/search" -name '*.json' -printf '%s\n' | awk '{s += $1} END {print s}')
  pagefind_index=$(find "$dir/public/pagefind" \( -path '*/index/*' -o -path '*/fragment/*' -o -path '*/filter/*' -o -name '*.pf_meta' \) -type f -printf '%s\n' | awk '{s += $1} END {print s}')
  NODE_MODULES_DIR="$work" node "$here/measure.mjs" "$dir/public" "$relevance" "$dir" > "$dir/measure.json"
  python3 - "$name" "$dir/measure.json" "$opsbook_s" "$pagefind_s" "$opsbook_index" "$pagefind_index" "$search_s" <<'PY' | tee "$work/$name.md"
import json, sys
name, measure, ob_s, pf_s, ob_idx, pf_idx, search_line = sys.argv[1:8]
m = json.load(open(measure))
print(f"## {name}: {m['site']}")
print(f"index: opsbook {int(ob_idx)/1e6:.2f} MB, Pagefind {int(pf_idx)/1e6:.2f} MB ({int(ob_idx)/int(pf_idx):.2f}x)")
print(f"build: opsbook's whole build {ob_s} s (its search step: {search_line.strip() or 'see timings.txt'}), Pagefind's index alone {pf_s} s")
print("| host | opsbook bytes (data) | Pagefind bytes (data) | ratio (data) | opsbook ms | Pagefind ms |")
print("|---|---|---|---|---|---|")
for host, h in m['hosts'].items():
    o, p = h['median']['opsbook'], h['median']['pagefind']
    print(f"| {host} | {o['bytes']/1e3:.1f} KB ({o['data']/1e3:.1f}) | {p['bytes']/1e3:.1f} KB ({p['data']/1e3:.1f}) | {o['bytes']/p['bytes']:.2f} ({o['data']/p['data']:.2f}) | {o['ms']:.0f} | {p['ms']:.0f} |")
r = m['relevance']
print(f"MRR@5 ({r['opsbook']['queries']} queries): opsbook {r['opsbook']['mrr5']:.2f}, Pagefind {r['pagefind']['mrr5']:.2f}")
print(f"  opsbook misses: {r['opsbook']['misses']}; Pagefind misses: {r['pagefind']['misses']}")
rows = m['hosts']['gzip+range']['rows']
marked = sum(x['opsbook']['excerptsWithMark'] for x in rows), sum(x['opsbook']['shown'] for x in rows)
pmarked = sum(x['pagefind']['excerptsWithMark'] for x in rows), sum(x['pagefind']['shown'] for x in rows)
print(f"excerpts with a highlighted word: opsbook {marked[0]}/{marked[1]}, Pagefind {pmarked[0]}/{pmarked[1]}")
for ph in m['phrases']:
    print(f"phrase {ph['phrase']}: {ph['pages']} pages hold it; opsbook finds {ph['opsbook']['found']} ({ph['opsbook']['results']} results), Pagefind {ph['pagefind']['found']} ({ph['pagefind']['results']} results)")
print()
PY
done
