#!/usr/bin/env bash
# check-jsonschema (PyPI), which tests/integration/ci_templates.rs runs to validate the GitHub
# Action (action.yml) and the GitLab CI template (opsbook.gitlab-ci.yml) against the
# schemas GitHub's and GitLab's editors use (its built-in vendor.github-actions and
# vendor.gitlab-ci). Installs the pinned requirements.txt into a virtual environment
# under target/ (python3 with venv and pip is all it needs), as tests/specs/run.sh
# does; does nothing when that environment is already there. `.ci/run` runs it before
# `cargo test --release` and sets OPSBOOK_REQUIRE_CHECK_JSONSCHEMA, so the test fails
# rather than skips when the tool is missing there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

venv="${CARGO_TARGET_DIR:-$repo/target}/ci-schema-venv"
if [ -x "$venv/bin/check-jsonschema" ] && cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  exit 0
fi
echo "CI template tests: installing check-jsonschema into $venv" >&2
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
cp "$here/requirements.txt" "$venv/requirements.txt"
