#!/usr/bin/env bash
# The real Prometheus the status page's check tests (tests/integration/health.rs) run: Debian's
# `prometheus` package (the server and promtool, which backfills the tests' series),
# installed when missing, as tests/browser/run.sh installs Chromium. `.ci/run` runs it
# before `cargo test --release` and sets OPSBOOK_REQUIRE_PROMETHEUS, so the tests fail
# rather than skip when it is missing there. The package's own service is not started:
# each test starts a server of its own on 127.0.0.1.
set -euo pipefail

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  exit 0
fi
echo "health tests: installing Debian's prometheus" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null
