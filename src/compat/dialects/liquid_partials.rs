//! The files that includes named by variables name ([`super::liquid_include`]), read
//! between the passes of the Liquid stage ([`super::evaluate`]) and made ready to render
//! with the page's Liquid: a file whose Liquid cannot be read is included as written.
//!
//! More: docs/architecture.md, "Notes by module" (`liquid_include.rs`).

use std::sync::Arc;

use super::Problem;
use super::liquid_include::{Key, Partial, Read};
use super::liquid_pieces::find_pieces;
use super::liquid_template::{MARKERS, Tag, Template, tags_of, template_of};
use crate::markdown::includes::{Late, LateFailure};

/// Reads the file `key` names, for a page whose includes `late` reads, in a handbook
/// whose templates `has_template` knows.
/// The file's includes with variable names are numbered as the template `table`.
pub(super) fn read(
    late: &Late<'_>,
    key: &Key,
    has_template: impl Fn(&str) -> bool,
    table: usize,
) -> Result<Arc<Read>, LateFailure> {
    let (relative, name, params_text) = key;
    if !relative && has_template(&format!("include/{name}")) {
        let text = match params_text.is_empty() {
            true => format!("{{% include {name} %}}"),
            false => format!("{{% include {name} {params_text} %}}"),
        };
        let read = Read {
            partial: Partial::Text(text),
            file: name.clone(),
            files: Vec::new(),
            problems: Vec::new(),
            dropped: Vec::new(),
            tags: Vec::new(),
        };
        return Ok(Arc::new(read));
    }
    let params = crate::markdown::includes::directives::include_params(params_text).unwrap_or_default();
    // Jekyll joins the name onto its folder: a leading `/` names the same file.
    let read = late.read(*relative, name.trim_start_matches('/'), &params)?;
    let file = read.file;
    let mut problems: Vec<(Problem, String)> = read
        .problems
        .into_iter()
        .map(|failure| match failure {
            LateFailure::Missing(m) | LateFailure::NoFile(m) => (Problem::MissingInclude, m),
            LateFailure::Problem(m) => (Problem::Include, m),
            LateFailure::InternalBlock(m) => (Problem::InternalBlock, m),
        })
        .collect();
    let (partial, tags) = prepare(read.text, table).unwrap_or_else(|(text, why)| {
        problems.push((
            Problem::Unsupported,
            format!("the Liquid of `{file}` cannot be read ({why}); it is included as written"),
        ));
        (Partial::Text(text), Vec::new())
    });
    Ok(Arc::new(Read { partial, file, files: read.files, problems, dropped: read.dropped, tags }))
}

/// The Liquid of an included file's `text`, ready to render, with its includes named by
/// variables (the template `table`); or the text and why not.
fn prepare(text: String, table: usize) -> Result<(Partial, Vec<Tag>), (String, String)> {
    let text = if text.contains(MARKERS) { text.replace(MARKERS, "\u{FFFD}") } else { text };
    let (Template { text: template, runs, kept, numbered, .. }, tags) = template_of_file(&text, table);
    if super::liquid_budget::too_deep(super::liquid_budget::tag_names(&template), super::liquid_runtime::BLOCKS)
        .is_some()
    {
        let reason = format!("its blocks nest more than {} deep", super::liquid_budget::MAX_DEPTH);
        return Err((text, reason));
    }
    super::liquid_recover::start_parse();
    let elements = match liquid_core::parser::parse(&template, &super::liquid_runtime::LANGUAGE) {
        Ok(elements) => elements,
        // Its reason, as a page's Liquid that cannot be read says it.
        Err(error) => {
            let (reason, _) = super::liquid_unreadable::locate(&error.to_string(), &template, &[]);
            return Err((text, super::shorten(&reason)));
        }
    };
    if super::liquid_recover::parsed() != numbered.len() {
        return Err((text, "its tags cannot be told apart".to_string()));
    }
    let template = liquid_core::Template::new(elements);
    Ok((Partial::Liquid { text, template, runs, kept, numbered }, tags))
}

/// The template of an included file's `text`, its includes named by variables read too
/// (their table numbered `table`), and those includes.
pub(super) fn template_of_file(text: &str, table: usize) -> (Template, Vec<Tag>) {
    let pieces = find_pieces(text, true);
    (template_of(text, &pieces, table), tags_of(&pieces))
}
