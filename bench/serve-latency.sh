#!/usr/bin/env bash
# The edit-latency benchmark of `opsbook serve` on the two handbooks the targets are
# set for: a 10,000-page synthetic handbook (../shared/bench/gen_corpus.py) and the
# sourcegraph company handbook (../shared/corpora). Both are copied into a temporary
# folder first (the benchmark edits them).
#
#   bench/serve-latency.sh [PAGES]      (default 10000; needs python3 and node)
#   EDITS=5 bench/serve-latency.sh      (edits of each kind; default 20)
#   POLL_GAP=0 bench/serve-latency.sh   (ms between the requests asking whether a save
#                                        is served; default 5, see serve-latency.mjs)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="$repo/../shared"
pages="${1:-10000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/opsbook-serve-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

(cd "$repo" && cargo build --release --quiet)
bin="$repo/target/release/opsbook"

python3 "$shared/bench/gen_corpus.py" --pages "$pages" --out "$work/generated" >/dev/null
# The generated handbook has a section called "search": the search page moves aside.
printf '[handbook]\ntitle = "Generated"\n[check]\nlinks = "warn"\n[search]\npage = "find"\n' >"$work/generated/book.toml"
cp -r "$shared/corpora/sourcegraph-handbook" "$work/company"
printf '[handbook]\ntitle = "Company"\n[check]\nlinks = "warn"\n' >"$work/company/book.toml"

kinds="body,title,field,section-title,section-weight,add,rename,delete"
edits="${EDITS:-20}"
gap="${POLL_GAP:-5}"
echo "== generated handbook ($pages pages), one edit at a time"
node "$repo/bench/serve-latency.mjs" "$work/generated" --bin "$bin" --edits "$edits" --poll-gap "$gap" --pause 1500 --kinds "$kinds"
echo "== generated handbook ($pages pages), saves 0.3 s apart"
node "$repo/bench/serve-latency.mjs" "$work/generated" --bin "$bin" --edits "$edits" --poll-gap "$gap" --spaced 300 --kinds "$kinds"
echo "== company handbook (sourcegraph)"
node "$repo/bench/serve-latency.mjs" "$work/company" --bin "$bin" --edits "$edits" --poll-gap "$gap" --kinds "$kinds"
