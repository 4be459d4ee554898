//! Third-party files opsbook carries for the browser: Mermaid's script, which draws the
//! diagrams the build cannot ([`crate::markdown::diagram::browser_figure`]).
//!
//! The file is committed compressed (`themes/default/vendor/mermaid/`, fetched from the
//! npm registry by its `update.sh` at a pinned version and integrity) and embedded, so a
//! build needs neither Node nor the network; it is written uncompressed, once per build,
//! and only for a site with a page that needs it.

use std::io::Read as _;
use std::sync::OnceLock;

/// The output path of Mermaid's script; `theme.js` loads it from the site's root.
pub(crate) const MERMAID_SCRIPT: &str = "mermaid.min.js";

/// `dist/mermaid.min.js` of the pinned `mermaid` package, gzip-compressed.
static MERMAID_GZ: &[u8] = include_bytes!("../../themes/default/vendor/mermaid/mermaid.min.js.gz");

/// Mermaid's script, uncompressed once per process.
pub(crate) fn mermaid_script() -> std::io::Result<&'static [u8]> {
    static SCRIPT: OnceLock<Vec<u8>> = OnceLock::new();
    if let Some(script) = SCRIPT.get() {
        return Ok(script);
    }
    let mut script = Vec::with_capacity(6 << 20);
    flate2::read::GzDecoder::new(MERMAID_GZ).read_to_end(&mut script)?;
    Ok(SCRIPT.get_or_init(|| script))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carries_mermaid_for_the_browser() {
        let script = mermaid_script().expect("the embedded script unpacks");
        assert!(script.len() > 1 << 20, "{} bytes", script.len());
        assert!(
            script.ends_with(b"globalThis[\"mermaid\"] = globalThis.__esbuild_esm_mermaid_nm[\"mermaid\"].default;\n")
        );
    }
}
