#!/usr/bin/env bash
# Browser and client tests of the default theme: installs what they need when missing
# (Debian's Chromium; playwright-core, axe-core and the Statuspage clients
# @statuspage/status-widget and statuspage.io from npm), builds the fixture handbook
# and the bundled handbook under base paths and the status fixture at a pinned time
# (once more with measured checks),
# and runs the tests with Node's test runner (the live-reload test starts
# `opsbook serve` on a copy of the fixture itself).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "browser tests: node is missing; install Node.js 20 or later" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "browser tests: installing Debian's chromium" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ] \
  || [ ! -d "$here/node_modules/@statuspage/status-widget" ] || [ ! -d "$here/node_modules/statuspage.io" ]; then
  (cd "$here" && npm install --no-audit --no-fund --silent)
fi

bin="${OPSBOOK_BIN:-}"
if [ -z "$bin" ]; then
  # The release build; `.ci/run` names the one `cargo test --release` built instead.
  (cd "$repo" && cargo build --release --quiet)
  bin="${CARGO_TARGET_DIR:-$repo/target}/release/opsbook"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/tests/fixtures/model" "$work/site"
OPSBOOK_TODAY=2026-11-15 "$bin" build --root "$work/site" --out "$work/public" --quiet
# The bundled handbook (the user guide) under /book/: every page type, real code blocks
# and tables, for the reader tests (accessibility, mobile, code, print).
OPSBOOK_TODAY=2026-11-15 "$bin" build --root "$repo" --out "$work/book" --base-url /book/ --quiet

# The status page's fixture at a pinned "now" (2026-11-15T12:00:00Z, as tests/integration/status.rs).
cp -r "$repo/tests/fixtures/status-basic" "$work/status-site"
SOURCE_DATE_EPOCH=1794744000 "$bin" build --root "$work/status-site" --out "$work/status-public" --quiet
# The same as a site of its own (issue 32: `build --status-site`), served from its root.
SOURCE_DATE_EPOCH=1794744000 "$bin" build --root "$work/status-site" --status-site --out "$work/status-only" --quiet
# The same with measured checks (issue 32), built --offline from a health.json that a
# build against a real Prometheus wrote (fixtures/health.json; tests/integration/health.rs tests
# the measuring itself): the first build makes the output folder, the second reads it.
cp -r "$repo/tests/fixtures/status-basic" "$work/measured-site"
cp "$here/fixtures/measured-book.toml" "$work/measured-site/book.toml"
SOURCE_DATE_EPOCH=1794744000 "$bin" build --root "$work/measured-site" --out "$work/measured-public" --offline --quiet
cp "$here/fixtures/health.json" "$work/measured-public/status/health.json"
SOURCE_DATE_EPOCH=1794744000 "$bin" build --root "$work/measured-site" --out "$work/measured-public" --offline --quiet

# A community of handbooks (community-book.toml): its peers are the measured status
# page and the model handbook above, read --offline from copies of what they published.
cp -r "$repo/tests/fixtures/basic" "$work/community-site"
cp "$here/fixtures/community-book.toml" "$work/community-site/book.toml"
python3 "$here/fixtures/peer-copies.py" "$work/measured-public" nimbus "$work/.community-public.opsbook-peers"
python3 "$here/fixtures/peer-copies.py" "$work/public" model "$work/.community-public.opsbook-peers"
SOURCE_DATE_EPOCH=1794744000 "$bin" build --root "$work/community-site" --out "$work/community-public" --offline --quiet

COMMUNITY_DIR="$work/community-public" SITE_DIR="$work/public" BOOK_DIR="$work/book" STATUS_SITE_DIR="$work/status-public" STATUS_ONLY_DIR="$work/status-only" MEASURED_SITE_DIR="$work/measured-public" OPSBOOK_BIN="$bin" FIXTURE_DIR="$repo/tests/fixtures/model" \
  node --test "$repo/tests/js/" "$here/"
