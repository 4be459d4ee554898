//! `page`: the page being rendered, with everything the theme shows about it: content
//! and table of contents, owners, tags, review badge, last change, repository links,
//! backlinks, its kind's fields, and the incident details of an RCA.

use serde::Serialize;
use serde_json::{Map, Value};

use super::LinkView;
use crate::config::{FieldType, Panel};
use crate::content::kinds::{ActionItem, Typed};
use crate::dates::{Date, Timestamp, format_duration};
use crate::markdown::TocEntry;
use crate::site::incidents::cited_alerts;
pub(crate) use crate::site::link_view::{NamedLink, ReviewView, owner_link};
use crate::site::repository::{PageText, RepositoryLinks, commit_link, page_links};
use crate::site::strings::word;
use crate::site::{GeneratedPage, PageId, Site};
use crate::slug::slugify;

/// `page`.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    /// The title.
    pub title: &'a str,
    /// The whole `<title>`, when the page names one apart from its title (an old tool's
    /// directive, [`crate::site::Page::document_title`]).
    pub document_title: Option<&'a str>,
    /// The description (front matter, else the first paragraph).
    pub description: &'a str,
    /// The link to the page, base path included.
    pub url: String,
    /// The absolute URL, when the base URL has a host.
    pub permalink: Option<String>,
    /// The path in the site, without the base path.
    pub path: &'a str,
    /// The kind.
    pub kind: &'a str,
    /// Owners (front matter, else CODEOWNERS), each linking to its entry on `/owners/`.
    pub owners: Vec<NamedLink>,
    /// Tags, each linking to its page.
    pub tags: Vec<NamedLink>,
    /// The fields opsbook does not read itself.
    pub extra: Map<String, Value>,
    /// The kind's fields present on the page, in the kind's order, as display text.
    pub fields: Vec<FieldView>,
    /// The body as HTML.
    pub content: &'a str,
    /// The table of contents.
    pub toc: &'a [TocEntry],
    /// Whether the body opens with a `#` title.
    pub title_in_body: bool,
    /// The HTML of that title heading (it is not part of `content`); empty otherwise.
    pub title_html: &'a str,
    /// Whether the body holds tabs: the page then loads the theme's `tabs.js`.
    pub has_tabs: bool,
    /// Words of text.
    pub word_count: usize,
    /// Minutes to read, at 200 words a minute, at least 1.
    pub reading_minutes: usize,
    /// Whether this is a section's page.
    pub is_section: bool,
    /// The source file relative to the root (`content/runbooks/db.md`); empty for pages
    /// without one (folder pages and generated pages).
    pub source: &'a str,
    /// The review state, when the page has a review date or period.
    pub review: Option<ReviewView>,
    /// The last change in git.
    pub updated: Option<UpdatedView>,
    /// Edit, source, history and new-issue links, when `repository` is set.
    pub repository: Option<RepositoryLinks>,
    /// The pages that link here.
    pub backlinks: Vec<LinkView<'a>>,
    /// For kinds with the runbook panel (runbooks): its fields.
    pub runbook: Option<RunbookView>,
    /// For kinds with the incident panel (incident reviews): its fields.
    pub rca: Option<RcaView>,
    /// Whether the page is internal (only an internal build has internal pages).
    pub internal: bool,
    /// For incidents and maintenances of the status page: their panel.
    pub status_incident: Option<crate::status::views::PanelView<'a>>,
    /// The status page's components the page relates to, with their states now.
    pub components: Vec<crate::status::views::BadgeView<'a>>,
    /// A post's or dated page's date and authors.
    pub dated: Option<crate::blog::views::DatedView>,
}

/// A kind field of a page.
#[derive(Debug, Serialize)]
pub(crate) struct FieldView {
    /// The front matter key.
    pub name: String,
    /// The key as a label: `last_tested` -> "Last tested".
    pub label: String,
    /// The value as display text.
    pub value: String,
    /// For list fields, the items.
    pub items: Vec<String>,
}

/// The last change of a page.
#[derive(Debug, Serialize)]
pub(crate) struct UpdatedView {
    /// The date, `2026-03-14`.
    pub date: String,
    /// The moment, RFC 3339 in UTC.
    pub datetime: String,
    /// The commit's short hash.
    pub commit: String,
    /// A link to the commit, when the repository is known.
    pub commit_url: Option<String>,
}

/// The runbook panel.
#[derive(Debug, Serialize)]
pub(crate) struct RunbookView {
    /// The service the runbook is for.
    pub service: Option<String>,
    /// SEV1 to SEV4.
    pub severity: Option<String>,
    /// The alerts that link here.
    pub alerts: Vec<String>,
    /// Whom to escalate to.
    pub escalation: Option<String>,
    /// When the runbook was last tested.
    pub last_tested: Option<String>,
    /// The incident reviews that cite one of its alerts or its service, newest first.
    pub past_incidents: Vec<PastIncidentView>,
}

/// An incident review in a runbook's "Past incidents".
#[derive(Debug, Serialize)]
pub(crate) struct PastIncidentView {
    /// The review's title.
    pub title: String,
    /// The link to the review, base path included.
    pub url: String,
    /// The day of the incident.
    pub incident_date: Option<String>,
    /// SEV1 to SEV4.
    pub severity: Option<String>,
    /// Whether the review is internal (only in an internal build).
    pub internal: bool,
}

/// An alert an incident review cites, with its runbook.
#[derive(Debug, Serialize)]
pub(crate) struct CitedAlertView {
    /// The alert name.
    pub name: String,
    /// The link to its runbook, when the handbook has one.
    pub url: Option<String>,
    /// The runbook's title, when the handbook has one.
    pub runbook: Option<String>,
}

/// The incident panel of an RCA.
#[derive(Debug, Serialize)]
pub(crate) struct RcaView {
    /// The day of the incident.
    pub incident_date: Option<String>,
    /// When it was detected, `2026-03-14 09:12 UTC`.
    pub detected_at: Option<String>,
    /// When it was resolved.
    pub resolved_at: Option<String>,
    /// How long it lasted, `1h 35m`: `duration`, else resolved minus detected.
    pub duration: Option<String>,
    /// SEV1 to SEV4.
    pub severity: Option<String>,
    /// draft, preliminary, in-review or final (draft when not set).
    pub status: String,
    /// Whether the review is not final yet (the theme shows a banner).
    pub preliminary: bool,
    /// The services affected.
    pub services: Vec<String>,
    /// The alerts that fired, each with the link to its runbook when there is one.
    pub alerts: Vec<CitedAlertView>,
    /// The impact in one sentence.
    pub impact: Option<String>,
    /// The action items.
    pub action_items: Vec<ActionItemView>,
    /// How many are still open.
    pub open_items: usize,
}

/// One action item.
#[derive(Debug, Serialize)]
pub(crate) struct ActionItemView {
    /// What will be done.
    pub title: String,
    /// Who does it, with a link to their entry on `/owners/`.
    pub owner: Option<NamedLink>,
    /// By when.
    pub due: Option<String>,
    /// open, in-progress, done or wont-do.
    pub status: String,
    /// Whether it is still open.
    pub open: bool,
    /// Whether it is open and past its due date.
    pub overdue: bool,
}

impl ActionItemView {
    /// The view of an item, as page `reader` shows it.
    pub(crate) fn of(site: &Site, reader: PageId, item: &ActionItem) -> Self {
        ActionItemView {
            title: item.title.clone(),
            owner: item.owner.as_ref().map(|o| owner_link(site, reader, o)),
            due: item.due.map(|d| d.to_string()),
            status: item.status.clone(),
            open: item.is_open(),
            overdue: item.is_overdue(site.today),
        }
    }
}

/// The link from page `reader` to a tag's page of its language.
pub(super) fn tag_link(site: &Site, reader: PageId, tag: &str) -> NamedLink {
    let slug = slugify(tag);
    let page = site.indexes.tags.get(&slug).and_then(|_| site.generated_page_for(&GeneratedPage::Tag(slug), reader));
    let url = page.map(|page| site.href(page));
    NamedLink { name: tag.to_string(), url }
}

fn timestamp_text(t: Timestamp) -> String {
    let text = t.rfc3339();
    format!("{} {} UTC", &text[..10], &text[11..16])
}

fn label(name: &str) -> String {
    crate::slug::title_from_name(name)
}

fn typed_text(typed: &Typed) -> (String, Vec<String>) {
    match typed {
        Typed::Text(t) => (t.clone(), Vec::new()),
        Typed::List(items) => (items.join(", "), items.clone()),
        Typed::Date(d) => (d.to_string(), Vec::new()),
        Typed::Timestamp(t) => (timestamp_text(*t), Vec::new()),
        Typed::Duration(s) => (format_duration(*s), Vec::new()),
        Typed::Number(n) => (n.to_string(), Vec::new()),
        Typed::Bool(b) => (if *b { "yes" } else { "no" }.to_string(), Vec::new()),
        Typed::Period(p) => (p.to_string(), Vec::new()),
        Typed::ActionItems(items) => (format!("{} action items", items.len()), Vec::new()),
        Typed::Mapping(entries) => {
            let items: Vec<String> = entries.iter().map(|(name, value)| format!("{name}: {value}")).collect();
            (items.join(", "), items)
        }
        Typed::Records(records) => (format!("{} entries", records.len()), Vec::new()),
    }
}

/// Minutes to read `words` words, at 200 a minute: at least one.
fn reading_minutes(words: usize) -> usize {
    words.div_ceil(200).max(1)
}

impl<'a> PageView<'a> {
    /// Shows `body`, the page's Markdown rendered again, in place of the model's.
    pub(crate) fn use_body(&mut self, body: &'a crate::markdown::Rendered) {
        self.content = &body.html;
        self.toc = &body.toc;
        self.title_in_body = body.title_heading.is_some();
        self.title_html = &body.title_html;
        self.has_tabs = body.tabs;
        self.word_count = body.word_count;
        self.reading_minutes = reading_minutes(body.word_count);
    }

    /// The view of page `id`.
    pub(crate) fn of(site: &'a Site, id: PageId) -> Self {
        let page = &site.pages[id];
        let front = &page.source.front;
        let kind = site.config.kinds.get(&page.kind);
        let panel = kind.map_or(Panel::Fields, |kind| kind.panel);
        let fields = kind
            .map(|kind| {
                kind.fields
                    .iter()
                    .filter(|spec| spec.ty != FieldType::ActionItems)
                    .filter_map(|spec| {
                        let (value, items) = typed_text(page.values.0.get(&spec.name)?);
                        Some(FieldView { name: spec.name.clone(), label: label(&spec.name), value, items })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let permalink = site.config.base_url.absolute(&page.site_path);
        let repository = site.repository_of(id).filter(|_| page.origin.has_file());
        PageView {
            title: &page.title,
            document_title: page.document_title.as_deref(),
            description: page.description(),
            url: site.href(id),
            permalink: permalink.clone(),
            path: &page.site_path,
            kind: &page.kind,
            owners: page.owners.iter().map(|o| owner_link(site, id, o)).collect(),
            tags: front.tags.iter().map(|t| tag_link(site, id, t)).collect(),
            extra: front.extra(),
            fields,
            content: &page.rendered.html,
            toc: &page.rendered.toc,
            title_in_body: page.rendered.title_heading.is_some(),
            title_html: &page.rendered.title_html,
            has_tabs: page.rendered.tabs,
            word_count: page.rendered.word_count,
            reading_minutes: reading_minutes(page.rendered.word_count),
            is_section: page.origin.is_section(),
            source: if page.origin.has_file() { &page.source.file } else { "" },
            review: page.review.as_ref().map(|r| ReviewView::of(site.words_for(id), r)),
            updated: page.change.as_ref().map(|change| UpdatedView {
                date: change.date.date().to_string(),
                datetime: change.date.rfc3339(),
                commit: change.commit.chars().take(8).collect(),
                commit_url: site.repository_of(id).and_then(|(r, _)| commit_link(r, &change.commit)),
            }),
            repository: repository
                .map(|(r, path)| {
                    let issue_title = word(site.words_for(id), "issue_title").replace("{title}", &page.title);
                    let url = permalink.clone().unwrap_or_else(|| site.href(id));
                    page_links(r, &path, PageText { title: &page.title, issue_title: &issue_title, url: &url })
                })
                .filter(|links| {
                    links.edit.is_some() || links.source.is_some() || links.history.is_some() || links.issue.is_some()
                }),
            backlinks: page.backlinks.iter().map(|&b| LinkView::of(site, b)).collect(),
            runbook: (panel == Panel::Runbook).then(|| RunbookView {
                service: page.values.text("service").map(str::to_string),
                severity: page.values.text("severity").map(str::to_string),
                alerts: page.values.list("alerts").to_vec(),
                escalation: page.values.text("escalation").map(str::to_string),
                last_tested: page.values.date("last_tested").map(|d| d.to_string()),
                past_incidents: past_incidents(site, id),
            }),
            rca: (panel == Panel::Incident).then(|| rca_view(site, id)),
            internal: page.internal,
            status_incident: crate::status::views::panel(site, id),
            components: crate::status::views::badges(site, id),
            dated: crate::blog::views::DatedView::of(site, id),
        }
    }

    /// A page that has no Markdown source, such as 404.html.
    pub(crate) fn special(site: &'a Site, title: &'a str, path: &'a str) -> Self {
        PageView {
            title,
            document_title: None,
            description: &site.config.description,
            url: site.config.base_url.href(path),
            permalink: site.config.base_url.absolute(path),
            path,
            kind: "page",
            owners: Vec::new(),
            tags: Vec::new(),
            extra: Map::new(),
            fields: Vec::new(),
            content: "",
            toc: &[],
            title_in_body: false,
            title_html: "",
            has_tabs: false,
            word_count: 0,
            reading_minutes: 1,
            is_section: false,
            source: "",
            review: None,
            updated: None,
            repository: None,
            backlinks: Vec::new(),
            runbook: None,
            rca: None,
            internal: false,
            status_incident: None,
            components: Vec::new(),
            dated: None,
        }
    }
}

fn rca_view(site: &Site, id: PageId) -> RcaView {
    let values = &site.pages[id].values;
    let status = values.text("status").unwrap_or("draft").to_string();
    let action_items: Vec<ActionItemView> =
        values.action_items().iter().map(|i| ActionItemView::of(site, id, i)).collect();
    RcaView {
        incident_date: values.date("incident_date").map(|d: Date| d.to_string()),
        detected_at: values.timestamp("detected_at").map(timestamp_text),
        resolved_at: values.timestamp("resolved_at").map(timestamp_text),
        duration: values.duration().map(format_duration),
        severity: values.text("severity").map(str::to_string),
        preliminary: crate::config::rca_state(&status) != Some("final"),
        status,
        services: values.list("services").to_vec(),
        alerts: cited_alerts(site, id)
            .into_iter()
            .map(|alert| CitedAlertView {
                name: alert.name.to_string(),
                url: alert.runbook.map(|r| site.href(r)),
                runbook: alert.runbook.map(|r| site.pages[r].title.clone()),
            })
            .collect(),
        impact: values.text("impact").map(str::to_string),
        open_items: action_items.iter().filter(|i| i.open).count(),
        action_items,
    }
}

/// The reviews that cite runbook `id`'s alerts or service: its original's, each in the
/// runbook's language.
fn past_incidents(site: &Site, id: PageId) -> Vec<PastIncidentView> {
    let reviews = site.past_incidents.get(&site.original_of(id)).map_or(&[][..], Vec::as_slice);
    site.in_language_of(id, reviews)
        .into_iter()
        .map(|review| {
            let page = &site.pages[review];
            PastIncidentView {
                title: page.title.clone(),
                url: site.href(review),
                incident_date: page.values.date("incident_date").map(|d| d.to_string()),
                severity: page.values.text("severity").map(str::to_string),
                internal: page.internal,
            }
        })
        .collect()
}
