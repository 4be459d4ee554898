//! `handbook.json`: every page's metadata, for bots and dashboards (review reminders,
//! status pages, action-item trackers). Pages are sorted by URL, and the output has no
//! timestamps of its own, so two builds of the same sources on the same day are
//! identical. The schemas are documented in the user guide ("handbook.json");
//! `alerts.json` is the alerts feature's (`crate::alerts::outputs`).

use std::collections::HashMap;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::output::Parts;
use crate::check::pages::{PageEntry, aliases_by_page, listed_pages, page_entry};
use crate::config::{Audience, Panel};
use crate::diagnostic::Diagnostic;
use crate::site::review::{Review, ReviewRecord};
use crate::site::{PageId, Site};

/// The format version of `handbook.json`; it changes when a field changes meaning.
pub(crate) const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Handbook<'a> {
    format: u32,
    generator: String,
    title: &'a str,
    description: &'a str,
    base_url: Option<String>,
    today: String,
    pages: Pages<'a>,
    /// The build's warnings and notes, for `check --baseline`.
    findings: Vec<&'a Diagnostic>,
}

#[derive(Serialize)]
struct PageRecord<'a> {
    url: String,
    permalink: Option<String>,
    source: Option<String>,
    title: String,
    kind: &'a str,
    description: &'a str,
    section: Option<String>,
    owners: &'a [String],
    tags: &'a [String],
    fields: Map<String, Value>,
    last_updated: Option<Updated>,
    review: Option<ReviewRecord>,
    action_items: Option<Vec<ActionItem<'a>>>,
    backlinks: Vec<String>,
    /// Every id of the page's body (headings, footnotes, ids of raw HTML), in order:
    /// what a link from another handbook may name after `#`.
    anchors: &'a [String],
    /// A post's or a dated page's date (`YYYY-MM-DD`, `crate::site::posts`), as the
    /// page shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// Its authors, in the order written: each name with the link to their page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<AuthorRecord<'a>>,
    /// Runbooks that answer alerts: their names.
    #[serde(skip_serializing_if = "Option::is_none")]
    alerts: Option<Vec<&'a str>>,
    /// Pages related to components of the status page: each with its state now.
    #[serde(skip_serializing_if = "Option::is_none")]
    components: Option<Vec<ComponentState<'a>>>,
    /// In a handbook of several languages: the language of the page's text, whether it
    /// is the original shown for want of a translation, and its versions in every
    /// language (`crate::site::languages`).
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    untranslated: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translations: Option<std::collections::BTreeMap<&'a str, String>>,
    #[serde(flatten)]
    fingerprints: Fingerprints,
}

#[derive(Serialize)]
struct AuthorRecord<'a> {
    name: &'a str,
    url: Option<String>,
}

#[derive(Serialize)]
struct ComponentState<'a> {
    id: &'a str,
    name: &'a str,
    status: &'static str,
}

#[derive(Serialize)]
struct Updated {
    date: String,
    commit: String,
}

#[derive(Serialize)]
struct ActionItem<'a> {
    title: &'a str,
    owner: Option<&'a str>,
    due: Option<String>,
    status: &'a str,
    overdue: bool,
}

/// What a baseline needs of a page beyond its `url`, `source` and `title`: the last
/// fields of its record.
#[derive(Serialize)]
struct Fingerprints {
    path: String,
    aliases: Vec<String>,
    fingerprint: String,
    similarity: String,
}

/// The JSON document; `findings` are the build's warnings and notes, sorted.
/// The pages of `handbook.json`, in its order: each page's record is made as it is
/// written and dropped at once, so the file's text is the one copy of every record the
/// build holds (at 100,000 pages, records made beforehand would weigh more than the
/// text).
struct Pages<'a> {
    site: &'a Site,
    ids: Vec<PageId>,
    aliases: Vec<Vec<String>>,
    alerts: HashMap<PageId, Vec<&'a str>>,
}

impl Serialize for Pages<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.ids.iter().map(|&id| {
            let entry = page_entry(self.site, id, self.aliases[id].clone());
            record(self.site, id, self.alerts.get(&id), entry)
        }))
    }
}

/// `handbook.json` in parts of some 64 KiB ([`Parts`]), made again each time the sink
/// reads them: at 100,000 pages the file is some 220 MB, which a build held whole
/// (and, while the string grew, up to three times over).
pub(crate) struct HandbookJson<'a> {
    site: &'a Site,
    findings: &'a [Diagnostic],
}

impl<'a> HandbookJson<'a> {
    /// `handbook.json` of `site`, with the build's `findings` (its warnings and notes).
    pub(crate) fn new(site: &'a Site, findings: &'a [Diagnostic]) -> Self {
        HandbookJson { site, findings }
    }
}

impl Parts for HandbookJson<'_> {
    fn each(&self, part: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
        let site = self.site;
        let alerts = crate::alerts::model::registry::by_page(site.alerts());
        let pages = Pages { site, ids: listed_pages(site), aliases: aliases_by_page(site), alerts };
        let handbook = Handbook {
            format: FORMAT_VERSION,
            generator: format!("opsbook {}", env!("CARGO_PKG_VERSION")),
            title: &site.config.title,
            description: &site.config.description,
            base_url: site.config.base_url.absolute(""),
            today: site.today.to_string(),
            pages,
            findings: published_findings(site, self.findings),
        };
        let mut chunks = Chunks { buffer: Vec::with_capacity(CHUNK_BYTES + 4096), part };
        serde_json::to_writer_pretty(&mut chunks, &handbook)?;
        chunks.buffer.push(b'\n');
        chunks.pass_on()
    }
}

/// How many bytes [`Chunks`] gathers before it passes them on.
const CHUNK_BYTES: usize = 64 * 1024;

/// A writer that passes what it is given on to `part` in chunks of [`CHUNK_BYTES`].
struct Chunks<'p> {
    buffer: Vec<u8>,
    part: &'p mut dyn FnMut(&[u8]) -> std::io::Result<()>,
}

impl Chunks<'_> {
    /// Passes on what the buffer holds.
    fn pass_on(&mut self) -> std::io::Result<()> {
        if !self.buffer.is_empty() {
            (self.part)(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }
}

impl std::io::Write for Chunks<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK_BYTES {
            self.pass_on()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The findings a build may publish: in a public build, none about a file of the
/// content folder that is not a published page (an internal page, an included file),
/// whose path or message would tell what the build left out.
fn published_findings<'a>(site: &Site, findings: &'a [Diagnostic]) -> Vec<&'a Diagnostic> {
    if site.config.audience == Audience::Internal {
        return findings.iter().collect();
    }
    let content = site.config.content_prefix();
    let published: std::collections::HashSet<&str> =
        site.pages.iter().filter(|p| p.origin.has_file()).map(|p| p.source.file.as_str()).collect();
    findings.iter().filter(|d| !d.path.starts_with(&content) || published.contains(d.path.as_str())).collect()
}

fn record<'a>(site: &'a Site, id: PageId, alerts: Option<&Vec<&'a str>>, entry: PageEntry) -> PageRecord<'a> {
    let page = &site.pages[id];
    let PageEntry { url, path, source, title, aliases, fingerprint, similarity } = entry;
    let front = &page.source.front;
    let has_action_items = site.config.kinds.get(&page.kind).is_some_and(|kind| kind.panel == Panel::Incident);
    PageRecord {
        url,
        source,
        title,
        permalink: site.config.base_url.absolute(&page.site_path),
        kind: &page.kind,
        description: page.description(),
        section: page.parent.map(|p| site.href(p)),
        owners: &page.owners,
        tags: &front.tags,
        fields: front.all_fields(),
        last_updated: page.change.as_ref().map(|c| Updated { date: c.date.rfc3339(), commit: c.commit.clone() }),
        review: page.review.map(Review::record),
        action_items: has_action_items.then(|| {
            page.values
                .action_items()
                .iter()
                .map(|item| ActionItem {
                    title: &item.title,
                    owner: item.owner.as_deref(),
                    due: item.due.map(|d| d.to_string()),
                    status: &item.status,
                    overdue: item.is_overdue(site.today),
                })
                .collect()
        }),
        backlinks: page.backlinks.iter().map(|&b| site.href(b)).collect(),
        anchors: &page.rendered.anchors,
        date: site.page_date(id).map(|date| date.to_string()),
        authors: site
            .authors_of(id)
            .into_iter()
            .map(|(author, url)| AuthorRecord { name: &author.name, url })
            .collect(),
        lang: site.language_of(id).map(|code| {
            if site.is_fallback(id) { site.config.languages.default_language().unwrap_or(code) } else { code }
        }),
        untranslated: site.language_of(id).map(|_| site.is_fallback(id)),
        translations: site.language_of(id).map(|_| {
            site.alternates(id).into_iter().filter(|a| a.page != id).map(|a| (a.code, site.href(a.page))).collect()
        }),
        alerts: alerts.cloned(),
        components: site.status().and_then(|status| {
            let states: Vec<ComponentState<'a>> = status
                .components_of(id)
                .map(|c| ComponentState { id: &c.id, name: &c.name, status: c.status.name() })
                .collect();
            (!states.is_empty()).then_some(states)
        }),
        fingerprints: Fingerprints { path, aliases, fingerprint, similarity },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn passes_on_what_it_is_given_in_chunks_and_all_of_it() {
        let text: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let mut parts: Vec<Vec<u8>> = Vec::new();
        let mut part = |bytes: &[u8]| {
            parts.push(bytes.to_vec());
            Ok(())
        };
        let mut chunks = Chunks { buffer: Vec::new(), part: &mut part };
        for piece in text.chunks(1000) {
            chunks.write_all(piece).unwrap();
        }
        chunks.pass_on().unwrap();
        let lengths: Vec<usize> = parts.iter().map(Vec::len).collect();
        assert_eq!(lengths.len(), 4, "three full chunks and the rest: {lengths:?}");
        assert!(lengths[..3].iter().all(|&len| (CHUNK_BYTES..CHUNK_BYTES + 1000).contains(&len)), "{lengths:?}");
        assert_eq!(parts.concat(), text);
    }
}
