#!/usr/bin/env bash
# The status page's APIs against their real consumers (issue 16): builds the fixture
# tests/fixtures/status-basic at a pinned time, validates every file of /status/scs/
# against the SCS status-page OpenAPI spec and every file of /status/api/v2/ against
# the Statuspage v2 schema (validate.py), then serves the build on 127.0.0.1 and points
# statuspage-prometheus-exporter, a Statuspage client from PyPI, at its summary.json
# (check_exporter.py); then the same for tests/fixtures/status-measured, whose measured
# components are unknown (built --offline without history), then one of them red.
# Installs its Python packages (requirements.txt) into a virtual
# environment under target/, so it needs only python3 with venv and pip.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

venv="$repo/target/spec-tests-venv"
if [ ! -x "$venv/bin/statuspage-prometheus-exporter" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  echo "spec tests: installing $(grep -c '==' "$here/requirements.txt") Python packages into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi

bin="${OPSBOOK_BIN:-}"
if [ -z "$bin" ]; then
  # The release build; `.ci/run` names the one `cargo test --release` built instead.
  (cd "$repo" && cargo build --release --quiet)
  bin="${CARGO_TARGET_DIR:-$repo/target}/release/opsbook"
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Serves the build $1 on 127.0.0.1 and has the exporter poll its summary.json (at the
# path $2 of the build) into $work/$3.prom.
export_metrics() {
  local public="$1" summary="$2" name="$3" port
  port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "$venv/bin/python" -m http.server --bind 127.0.0.1 --directory "$public" "$port" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do
    if "$venv/bin/python" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/$summary')" 2>/dev/null; then break; fi
    sleep 0.1
  done
  mkdir -p "$work/exporter-$name"
  cat >"$work/exporter-$name/services.json" <<JSON
{"nimbus": {"url": "http://127.0.0.1:$port/$summary", "name": "Nimbus"}}
JSON
  (cd "$work/exporter-$name" && RUN_MODE=once METRICS_TEXTFILE_PATH="$work/$name.prom" \
    SERVICES_JSON_PATH="$work/exporter-$name/services.json" "$venv/bin/statuspage-prometheus-exporter" >"$work/exporter-$name/log" 2>&1) || {
    cat "$work/exporter-$name/log" >&2
    exit 1
  }
  kill "$server" 2>/dev/null || true
  server=""
}

cp -r "$repo/tests/fixtures/status-basic" "$work/site"
# 2026-11-15T12:00:00Z, as tests/integration/status.rs.
SOURCE_DATE_EPOCH=1794744000 "$bin" build --root "$work/site" --out "$work/public" --quiet
"$venv/bin/python" "$here/validate.py" "$work/public"
export_metrics "$work/public" status/api/v2/summary.json basic
"$venv/bin/python" "$here/check_exporter.py" "$work/basic.prom"

# A page whose measured components nothing is known of (--offline without an earlier
# health.json), then with the CDN measured red: every file valid, and the SCS web
# client's reading and the exporter's never operational for them.
cp -r "$repo/tests/fixtures/status-measured" "$work/measured"
SOURCE_DATE_EPOCH=1794744000 "$bin" build --root "$work/measured" --out "$work/measured-public" --offline --quiet 2>/dev/null
"$venv/bin/python" "$here/validate.py" "$work/measured-public"
export_metrics "$work/measured-public" status/api/v2/summary.json unknown
"$venv/bin/python" "$here/check_exporter.py" "$work/unknown.prom" unknown
cp "$work/measured/red-health.json" "$work/measured-public/status/health.json"
SOURCE_DATE_EPOCH=1794744000 "$bin" build --root "$work/measured" --out "$work/measured-public" --offline --quiet 2>/dev/null
"$venv/bin/python" "$here/validate.py" "$work/measured-public"
