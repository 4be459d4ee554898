#!/usr/bin/env bash
# Fetches the pinned Mermaid from the npm registry and writes what opsbook carries of it:
# mermaid.min.js.gz (its browser bundle, compressed with gzip -9 -n so the file is the
# same on every machine), LICENSE, and VERSION (version, registry integrity, sha256 of the
# bundle). Run it to change the version: set VERSION and INTEGRITY below (from
# `npm view mermaid@NEW dist.integrity`), run, read the diff, commit the three files.
# `cargo build` needs none of this: it embeds the committed files (src/render/vendor.rs).
set -euo pipefail
VERSION=12.3.0
INTEGRITY=sha512-4113TdXeLAsMruJ79OpFL5O8+LTFXhQqZ260rF3tgUmiNAtRm4Uume04I+65PRN6yZ69J4f8rVYWW8zRk65UYw==
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "mermaid@$VERSION" >/dev/null)
tarball="$work/mermaid-$VERSION.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$INTEGRITY" ]; then
  echo "update.sh: mermaid@$VERSION has integrity $actual, not the pinned $INTEGRITY" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/dist/mermaid.min.js package/LICENSE
gzip -9 -n -c "$work/package/dist/mermaid.min.js" > "$here/mermaid.min.js.gz"
cp "$work/package/LICENSE" "$here/LICENSE"
{
  echo "mermaid $VERSION"
  echo "integrity $INTEGRITY"
  echo "sha256 $(sha256sum "$work/package/dist/mermaid.min.js" | cut -d' ' -f1) dist/mermaid.min.js"
} > "$here/VERSION"
echo "wrote mermaid $VERSION to $here"
