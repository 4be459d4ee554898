#!/usr/bin/env bash
# The long run of the whole-handbook property test (tests/hostile/handbooks.rs): random
# handbooks from a range of seeds, each built for the internal and the public audience
# (and as a status site when it has a status page), every run checked for writes
# outside its output, internal text in public files, panics and its time budget.
#
#   bench/handbooks.sh [FIRST-LAST]     (default 1-1000)
#   BUDGET=10 bench/handbooks.sh 1-200  (seconds a run may take; default 60)
#   KEEP=1 bench/handbooks.sh 17        (keep a failing seed's sandbox, and say where)
#
# A failing seed is printed with its files, links and broken properties; run it alone
# with `bench/handbooks.sh N` to reproduce it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
seeds="${1:-1-1000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export OPSBOOK_HANDBOOKS_SEEDS="$seeds"
export OPSBOOK_HANDBOOKS_BUDGET="${BUDGET:-60}"
export OPSBOOK_HANDBOOKS_VERBOSE=1
if [ -n "${KEEP:-}" ]; then export OPSBOOK_HANDBOOKS_KEEP=1; fi
cd "$repo"
start=$(date +%s)
status=0
cargo test --release --quiet --test hostile handbooks::random_handbooks -- --nocapture 2>&1 |
  grep -v '^running\|^$\|^failures:$\|^    handbooks::' || status=$?
echo "seeds $seeds in $(( $(date +%s) - start )) s"
exit "$status"
