//! The seeded property test of the Markdown scanners: thousands of
//! pages of hostile text ([`crate::test_support::hostile_text`]: every construct the
//! dialects, includes, internal blocks, reference definitions, links and headings
//! recognise, with private-use characters, combining marks, characters of four bytes,
//! CR, NUL and right-to-left marks around and inside them) rendered by
//! [`render_markdown`] itself, with included files from memory, public and internal,
//! as `.md` and `.mdx`, in every style of heading ids. For every page:
//!
//! 1. rendering does not panic: no slice inside a character or past the end, no
//!    arithmetic overflow (the tests run with overflow checks and debug assertions on,
//!    `[profile.release.package.opsbook]` in `Cargo.toml`);
//! 2. every diagnostic at the page's own file stands on one of its lines.
//!
//! `OPSBOOK_PROPERTY_SEED` and `OPSBOOK_PROPERTY_PAGES` choose another seed or a longer
//! run; a failure prints the seed, the page's number and text, and the panic.

use std::collections::HashMap;

use super::*;
use crate::content::include_files::MemoryFiles;
use crate::slug::HeadingIdStyle;
use crate::test_support::hostile_text::{INCLUDED, Random, included_file, page, seed_and_count};

/// Pages of a default run (each rendered twice: public and internal).
const PAGES: u64 = 3000;

/// The included files of one page: each path an include of the constructs may name.
fn included_files(random: &mut Random) -> MemoryFiles {
    MemoryFiles(INCLUDED.iter().map(|path| (path.to_string(), included_file(random))).collect::<HashMap<_, _>>())
}

/// Renders page `number` of the run with `seed` every way; returns what went wrong.
fn render_every_way(seed: u64, number: u64) -> Option<String> {
    let mut random = Random(seed ^ number.wrapping_mul(0x2545_f491_4f6c_dd1d));
    let text = page(&mut random, 10);
    let files = included_files(&mut random);
    let style = [
        HeadingIdStyle::Opsbook,
        HeadingIdStyle::Github,
        HeadingIdStyle::TextWithAlt,
        HeadingIdStyle::SourceLine,
        HeadingIdStyle::TechDocs,
        HeadingIdStyle::Kramdown,
        HeadingIdStyle::KramdownStripped,
        HeadingIdStyle::KramdownGfm,
        HeadingIdStyle::None,
    ][random.below(9)];
    let file = if random.one_in(3) { "content/runbooks/page.mdx" } else { "content/runbooks/page.md" };
    let highlight = random.one_in(8).then_some(crate::markdown::highlight::Highlighter::PLAIN);
    let write_html = !random.one_in(4);
    for internal_blocks in [internal::Mode::Drop, internal::Mode::Mark] {
        let input = MarkdownInput {
            file,
            highlight,
            write_html,
            internal_blocks,
            heading_ids: style,
            heading_id_prefix: if random.one_in(4) { "id-" } else { "" },
            includes: Some(&files),
            diagrams: false,
            browser_diagrams: true,
            templating: None,
            front: None,
            definition_lists: match random.one_in(2) {
                true => crate::compat::interface::DefinitionLists::On { term_ids: random.one_in(2) },
                false => crate::compat::interface::DefinitionLists::Off,
            },
            emoji: {
                use crate::compat::dialects::emoji::Shortcodes;
                [Shortcodes::Off, Shortcodes::ResumeAtColon, Shortcodes::ResumeAfterName][random.below(3)]
            },
            autolinks: [crate::markdown::autolinks::Literals::OFF, crate::markdown::autolinks::Literals::GFM]
                [random.below(2)],
            ..test_input(&text)
        };
        // Caught as a build catches a page's panic: recorded, not printed.
        let rendered = match crate::panics::catch(|| render_markdown(&input)) {
            Ok(rendered) => rendered,
            Err(caught) => {
                let at = caught.location.unwrap_or_default();
                return Some(format!(
                    "page {number} (seed {seed:#x}, {internal_blocks:?}, {file}, {style:?}) panicked at {at}: {}\n{text:?}\nincluded: {:?}",
                    caught.message, files.0
                ));
            }
        };
        let last_line = input.body_line + text.bytes().filter(|&b| b == b'\n').count();
        if let Some(d) =
            rendered.diagnostics.iter().find(|d| d.path == file && !(input.body_line..=last_line).contains(&d.line))
        {
            return Some(format!("page {number} (seed {seed:#x}): a diagnostic off the page: {d:?}\n{text:?}"));
        }
    }
    None
}

#[test]
fn hostile_unicode_around_every_construct_never_panics_a_scanner() {
    let (seed, pages) = seed_and_count(0x0b5b_00c5, "OPSBOOK_PROPERTY_PAGES", PAGES);
    let problems: Vec<String> = (0..pages).filter_map(|number| render_every_way(seed, number)).collect();
    // Where they broke, then the first few in full.
    let mut places: Vec<&str> =
        problems.iter().filter_map(|p| p.lines().next()?.split(" at ").nth(1)?.split(": ").next()).collect();
    places.sort_unstable();
    places.dedup();
    let first: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
    assert!(
        problems.is_empty(),
        "{} of {pages} pages broke the property, at {places:?}; the first:\n{}",
        problems.len(),
        first.join("\n\n")
    );
}

#[test]
fn the_hostile_pages_are_reproducible_and_varied() {
    let pages = |seed: u64| -> Vec<String> { (0..50u64).map(|n| page(&mut Random(seed + n), 10)).collect() };
    assert_eq!(pages(7), pages(7));
    let distinct: std::collections::HashSet<String> = pages(7).into_iter().chain(pages(1000)).collect();
    assert!(distinct.len() > 90, "only {} distinct pages", distinct.len());
}
