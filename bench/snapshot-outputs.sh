#!/usr/bin/env bash
# Builds the bundled handbook and every corpus in ../shared/corpora into one folder,
# the way tests/integration/corpora.rs builds them, so that a refactor can prove its output is
# byte-identical: run it before and after, then `diff -r BEFORE AFTER`.
#
#   bash bench/snapshot-outputs.sh /tmp/before   # on the old commit
#   bash bench/snapshot-outputs.sh /tmp/after    # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
#
# Each handbook is copied without its git history (last-updated dates would differ
# between commits) and built with a fixed OPSBOOK_TODAY by the release binary, or by
# the binary OPSBOOK_BIN names (a build of another commit kept aside):
#
#   OPSBOOK_BIN=/tmp/opsbook-main bash bench/snapshot-outputs.sh /tmp/before
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: snapshot-outputs.sh OUTPUT-FOLDER}
corpora=${OPSBOOK_CORPORA:-../shared/corpora}
bin=${OPSBOOK_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=$PWD/target/release/opsbook
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)

build() { # NAME SOURCE-CONTENT BOOK-TOML [ARGS...]
  local name=$1 content=$2 book=$3
  shift 3
  mkdir -p "$work/$name"
  cp -R "$content" "$work/$name/content"
  printf '%s' "$book" > "$work/$name/book.toml"
  (cd "$work/$name" && OPSBOOK_TODAY=2026-11-22 "$bin" build --out "$out/$name" "$@" > /dev/null 2>&1) ||
    echo "$name: the build failed (exit $?)" >&2
}

mkdir -p "$work/bundled"
cp -R content book.toml "$work/bundled/"
[ -d static ] && cp -R static "$work/bundled/"
(cd "$work/bundled" && OPSBOOK_TODAY=2026-11-22 "$bin" build --out "$out/bundled" > /dev/null)
for corpus in "$corpora"/*/; do
  name=$(basename "$corpus")
  content=$corpus
  [ -d "$corpus/content" ] && content=$corpus/content
  build "$name" "$content" "$(printf '[handbook]\ntitle = "%s"\n[check]\nlinks = "warn"\n' "$name")" \
    --base-url https://handbook.example.org/docs/
done
# Each build's manifest (beside its output) records inodes and times, which differ
# from run to run: not part of the output.
rm -f "$out"/.*.opsbook-manifest
echo "outputs in $out: $(find "$out" -type f | wc -l) files"
