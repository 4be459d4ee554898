//! PlantUML diagrams drawn by a PlantUML server: with a server set (`[markdown]
//! plantuml-server`, or the old tool's setting), each ```` ```plantuml ```` fence becomes
//! an image whose address is the server's followed by the fence's text in PlantUML's
//! text encoding, which the reader's browser fetches, as the old site's script made it.
//!
//! The encoding (<https://plantuml.com/text-encoding>):
//! 1. the text as UTF-8, as written in the fence;
//! 2. compressed with raw Deflate (no zlib header), at the best level;
//! 3. each 3 bytes written as 4 characters of PlantUML's alphabet `0-9A-Za-z-_`, the last
//!    group padded with zero bits (no `=`).
//!
//! More: docs/architecture.md, "Notes by module".

use std::io::Write as _;

use crate::html::escape;
use crate::markdown::words::MarkdownWords;

/// PlantUML's characters for the values 0 to 63.
const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The longest image address written. A PlantUML server (Jetty, in the project's own
/// image) refuses a request whose line and headers pass 8 KiB; this leaves 1 KiB for
/// the browser's headers. A longer diagram stays code.
pub const MAX_URL_BYTES: usize = 7 * 1024;

/// `text` in PlantUML's text encoding.
pub fn encode(text: &str) -> String {
    let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into memory cannot fail.
    let compressed = deflate.write_all(text.as_bytes()).and_then(|()| deflate.finish()).unwrap_or_default();
    encode64(&compressed)
}

/// `bytes` in PlantUML's base64: its alphabet, zero bits padding the last group.
fn encode64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [group[0], group.get(1).copied().unwrap_or(0), group.get(2).copied().unwrap_or(0)];
        let values = [b[0] >> 2, ((b[0] & 0x3) << 4) | (b[1] >> 4), ((b[1] & 0xF) << 2) | (b[2] >> 6), b[2] & 0x3F];
        out.extend(values.iter().map(|&v| char::from(ALPHABET[usize::from(v)])));
    }
    out
}

/// The address of the image of `source` at `server` (an address checked by the
/// configuration), or why the diagram stays code: it is over a diagram's size, or its
/// address over [`MAX_URL_BYTES`].
pub fn image_url(server: &str, source: &str) -> Result<String, String> {
    if source.len() > super::MAX_SOURCE_BYTES {
        return Err(format!(
            "this PlantUML diagram is larger than {} KiB, too large for a server's image address",
            super::MAX_SOURCE_BYTES / 1024
        ));
    }
    let url = format!("{server}{}", encode(source));
    if url.len() > MAX_URL_BYTES {
        return Err(format!(
            "this PlantUML diagram's image address would be {} characters, over the {MAX_URL_BYTES} a PlantUML server takes",
            url.len()
        ));
    }
    Ok(url)
}

/// The figure of the server's image at `url` of the diagram `source`: its text is the
/// diagram's name in `words` and its `title`, if it has one.
pub fn server_figure(url: &str, source: &str, words: &MarkdownWords) -> String {
    let name = words.diagram_name("plantuml");
    let alt = match title_of(source) {
        Some(title) => format!("{name}: {title}"),
        None => name.to_string(),
    };
    format!(
        "<figure class=\"diagram diagram-plantuml\">\n<img class=\"diagram-image\" src=\"{}\" alt=\"{}\">\n</figure>\n",
        escape(url),
        escape(&alt)
    )
}

/// The diagram's one-line `title` (`title Failover`), quotes and spaces around it gone.
fn title_of(source: &str) -> Option<&str> {
    source.lines().find_map(|line| {
        let line = line.trim();
        let keyword = line.get(..6)?;
        let title = keyword.eq_ignore_ascii_case("title ").then(|| line[6..].trim().trim_matches('"').trim())?;
        (!title.is_empty()).then_some(title)
    })
}

#[cfg(test)]
mod tests;
