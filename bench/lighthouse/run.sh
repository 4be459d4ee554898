#!/usr/bin/env bash
# Lighthouse mobile figures of opsbook's output (issue 33): installs what it needs when
# missing (Debian's Chromium, as tests/browser/run.sh does, and the pinned Lighthouse
# from npm into bench/lighthouse/node_modules), then runs run.mjs, which builds the
# bundled handbook and the scs-website corpus into a temporary folder, serves them on
# 127.0.0.1 and prints the Markdown report (the JSON reports stay in results/).
#
#   OPSBOOK_BIN=target/release/opsbook bench/lighthouse/run.sh
#   OPSBOOK_BIN=/tmp/opsbook LH_RUNS=5 LH_ONLY=home,status bench/lighthouse/run.sh
#
# The corpus pages need the mirror of SovereignCloudStack/website in /work/.mirror (or
# LH_MIRRORS); see bench/corpora/. run.mjs lists the other settings.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "lighthouse bench: node is missing; install Node.js 18.16 or later" >&2
  exit 1
fi
if [ ! -x "${CHROME_PATH:-/usr/bin/chromium}" ]; then
  echo "lighthouse bench: installing Debian's chromium" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
if [ ! -x "$here/node_modules/.bin/lighthouse" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
exec node "$here/run.mjs" "$@"
