//! The typed reading of front matter: the common fields every page may carry, each
//! checked for its type. A wrong type is a diagnostic at the field's line. Every other
//! field is kept as it was written: kinds validate their own fields against their
//! schema ([`super::kinds`]), and templates see them as `page.extra`.

use serde_json::{Map, Value};

use super::front_matter::{Field, Fields};
use super::node::Located;
use super::node::Node;
use super::values::{Place, ValueReader};
use crate::dates::{Date, Period};
use crate::diagnostic::{Diagnostic, Rule};

/// The fields that every page may carry, whatever its kind.
pub const COMMON_FIELDS: &[&str] = &[
    "title",
    "description",
    "kind",
    "default_kind",
    "owners",
    "tags",
    "weight",
    "draft",
    "visibility",
    "aliases",
    "slug",
    "template",
    "last_reviewed",
    "review_every",
];

/// The front matter of a page, read.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `kind`: page, runbook, rca, manifesto, template or a kind declared in book.toml.
    pub kind: Option<Located<String>>,
    /// `default_kind`, on a section's page: the kind of every page beneath it.
    pub default_kind: Option<Located<String>>,
    /// `owners`: people or teams responsible.
    pub owners: Vec<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `weight`: ordering within a section (lower first). Any number: Middleman and
    /// Docusaurus (`sidebar_position`) order by fractions too (`weight: 40.5`).
    pub weight: Option<f64>,
    /// `draft`: left out unless `--drafts`.
    pub draft: bool,
    /// `visibility`: `internal` leaves the page (or, on a section's page, the section)
    /// out of public builds.
    pub visibility: Option<Located<Visibility>>,
    /// `aliases` (Hugo: relative to the folder of the page's URL unless it starts with
    /// `/`) and `redirect_from` (Jekyll: from the root, read with a leading `/`): old
    /// URLs that redirect here.
    pub aliases: Vec<Located<String>>,
    /// `slug`: replaces the file name in the page's URL.
    pub slug: Option<Located<String>>,
    /// `template`: the theme template that renders the page.
    pub template: Option<Located<String>>,
    /// `last_reviewed`: when an owner last checked the page was still right.
    pub last_reviewed: Option<Date>,
    /// `review_every`: how long a review keeps the page fresh.
    pub review_every: Option<Period>,
    /// `sidebar_label` (Docusaurus) or `linkTitle` (Hugo, Docsy): the page's name in the
    /// navigation; the page's own title stays `title`.
    pub nav_label: Option<String>,
    /// `toc_hide: true` (Docsy), `bookHidden: true` (Hugo Book),
    /// `hide_in_navigation: true` (the GOV.UK Tech Docs Template, Middleman) or
    /// `sidebar_class_name: hidden` (Docusaurus): the page is left out of the navigation
    /// but still built, linked and searchable.
    pub nav_hidden: bool,
    /// `section` as text: in a Middleman handbook, the group its folder's navigation
    /// lists the page under ([`crate::site::nav`]). Not checked for its type: sites use
    /// the key for their own ends (a flag, the menu entry to highlight).
    pub nav_group: Option<String>,
    /// Hugo's build options (<https://gohugo.io/content-management/build-options/>):
    /// `Some(false)` when `build.render` is `never` or the page is `headless`
    /// (it is included by other pages, never published), `Some(true)` for `always`.
    /// (`build.list: never` is [`FrontMatter::nav_hidden`].)
    pub render: Option<bool>,
    /// `render` of the `build` options a section's `cascade` gives the section and the
    /// pages below it, unless a page sets its own.
    pub cascade_render: Option<bool>,
    /// `permalink` (Jekyll, Eleventy): the page's whole site path, such as `/ops/db/`.
    pub permalink: Option<Located<String>>,
    /// `redirect_to` (Jekyll's redirect plugin, Eleventy): the page publishes only a
    /// redirect to this link (a page of the handbook, as links are written, or an
    /// address elsewhere).
    pub redirect_to: Option<Located<String>>,
    /// Every field as written, with its location.
    pub fields: Fields,
}

/// `render` (`Some(false)` for `never`, `Some(true)` for `always`) and whether `list`
/// is `never`, of a Hugo `build` map.
fn build_options(node: &Node) -> (Option<bool>, bool) {
    let Node::Map(keys) = node else { return (None, false) };
    let text = |key: &str| {
        keys.iter().find(|(k, _)| k.value.eq_ignore_ascii_case(key)).and_then(|(_, v)| match &v.value {
            Node::Text(text) => Some(text.trim().to_ascii_lowercase()),
            // Before Hugo 0.76 `render` was a boolean.
            Node::Bool(true) => Some("always".to_string()),
            Node::Bool(false) => Some("never".to_string()),
            _ => None,
        })
    };
    // `link` (a URL but no page) is published as before: sites give it to pages their
    // host redirects (a redirects file their templates write), which opsbook cannot see.
    let render = match text("render").as_deref() {
        Some("never") => Some(false),
        Some("always") => Some(true),
        _ => None,
    };
    (render, text("list").as_deref() == Some("never"))
}

/// The `render` a Hugo `cascade` gives: from its `build` (or `_build`) map, the cascade
/// a map or a list of maps; one aimed at a `target` (`_target`), which opsbook does not
/// match, gives nothing.
fn cascaded_render(node: &Node) -> Option<bool> {
    let maps: Vec<&Node> = match node {
        Node::Map(_) => vec![node],
        Node::List(items) => items.iter().map(|item| &item.value).collect(),
        _ => Vec::new(),
    };
    maps.into_iter()
        .filter_map(|map| match map {
            Node::Map(keys) if !keys.iter().any(|(k, _)| k.value == "target" || k.value == "_target") => Some(keys),
            _ => None,
        })
        .flat_map(|keys| keys.iter().filter(|(k, _)| k.value == "build" || k.value == "_build"))
        .find_map(|(_, build)| build_options(&build.value).0)
}

/// Where a field read by [`FrontMatter::from_fields_with`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldOrigin {
    /// The page's file, read now: its problems are reported at its place.
    Page,
    /// The page's file, read before: its problems were reported then.
    PageAgain,
    /// Another file (the old tool's defaults), at its place there: its problems are
    /// reported there, and the page's values name the page as a whole (line 0).
    Elsewhere,
}

impl FrontMatter {
    /// Reads the common fields of `fields`; `path` names the file in diagnostics.
    pub fn from_fields(fields: Fields, path: &str) -> (FrontMatter, Vec<Diagnostic>) {
        Self::from_fields_with(fields, path, &|_| FieldOrigin::Page)
    }

    /// Reads the common fields of `fields`, each as `origin` says where it comes from.
    pub fn from_fields_with(
        mut fields: Fields,
        path: &str,
        origin: &dyn Fn(&Field) -> FieldOrigin,
    ) -> (FrontMatter, Vec<Diagnostic>) {
        let mut reader = ValueReader::new(path);
        let mut fm = FrontMatter::default();
        let mut sidebar_position = None;
        let mut menu = MainMenu::default();
        let mut owner_slack = None;
        let origins: Vec<FieldOrigin> = fields.0.iter().map(origin).collect();
        for (field, &origin) in fields.0.iter().zip(&origins) {
            let name = format!("front matter field `{}`", field.key);
            let place = Place { name: &name, line: field.line, column: field.column };
            let node = &field.value.value;
            let (line, column) = match origin {
                FieldOrigin::Elsewhere => (0, 0),
                _ => (field.line, field.column),
            };
            let located = |value: String| Located::new(value, line, column);
            let reported = reader.diagnostics.len();
            match field.key.as_str() {
                "title" => fm.title = reader.text(place, node),
                "description" => fm.description = reader.text(place, node),
                "kind" => fm.kind = reader.text(place, node).map(located),
                "default_kind" => fm.default_kind = reader.text(place, node).map(located),
                "owners" => fm.owners = texts(reader.list(place, &field.value)),
                "tags" => fm.tags = texts(reader.list(place, &field.value)),
                "weight" => fm.weight = reader.number(place, node),
                "draft" => fm.draft = reader.boolean(place, node).unwrap_or(false),
                "visibility" => {
                    fm.visibility = visibility(&mut reader, field, place).map(|v| Located::new(v, line, column))
                }
                "aliases" => fm.aliases.extend(reader.list(place, &field.value).into_iter().map(|a| located(a.value))),
                // An empty `slug` is none, as Hugo and Docusaurus read it.
                "slug" => fm.slug = reader.text(place, node).filter(|s| !s.trim().is_empty()).map(located),
                "template" => fm.template = reader.text(place, node).map(located),
                "last_reviewed" => fm.last_reviewed = reader.date(place, node),
                "review_every" => fm.review_every = reader.period(place, node),
                // GOV.UK's tech-docs template (Middleman) dates a page's review with
                // `last_reviewed_on` and `review_in` (`6 months`) and names its owner with
                // `owner_slack`; opsbook's own keys win, and a value it cannot read is a
                // warning, as the old site built with it.
                "last_reviewed_on" | "review_in" => review_key(&mut reader, field, place, &mut fm, reported),
                "owner_slack" => owner_slack = reader.text(place, node).filter(|o| !o.trim().is_empty()),
                // Keys from other tools (Docusaurus, Hugo themes, Jekyll), read as they are.
                "sidebar_position" => sidebar_position = reader.number(place, node),
                // Just the Docs (Jekyll): a number orders the page; a text orders it among
                // texts there, which opsbook does not follow.
                "nav_order" => {
                    if let Node::Number(n) = node {
                        sidebar_position = sidebar_position.or(n.as_f64());
                    }
                }
                "sidebar_label" | "linkTitle" => fm.nav_label = reader.text(place, node),
                "toc_hide" | "bookHidden" | "hide_in_navigation" | "nav_exclude" => {
                    fm.nav_hidden |= reader.boolean(place, node).unwrap_or(false)
                }
                "section" => {
                    fm.nav_group = match node {
                        Node::Text(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
                        _ => None,
                    }
                }
                // Hugo's build options; `_build` is their name before Hugo 0.65.
                "build" | "_build" => {
                    let (render, list_never) = build_options(node);
                    fm.render = render.or(fm.render);
                    fm.nav_hidden |= list_never;
                }
                "headless" if reader.boolean(place, node) == Some(true) => {
                    fm.render = Some(false);
                    fm.nav_hidden = true;
                }
                "cascade" => fm.cascade_render = cascaded_render(node),
                "sidebar_class_name" => {
                    let classes = reader.text(place, node).unwrap_or_default();
                    fm.nav_hidden |= classes.split_whitespace().any(|class| class == "hidden");
                }
                // jekyll-redirect-from reads every path from the root (`ensure_leading_slash`);
                // `old_paths`: GOV.UK's tech-docs template (Middleman) redirects each one
                // here (alphagov/tech-docs-gem, `lib/govuk_tech_docs/redirects.rb`).
                "redirect_from" | "old_paths" => {
                    fm.aliases.extend(reader.list(place, &field.value).into_iter().map(|a| {
                        let from_root = a.value.trim_start();
                        located(if from_root.starts_with('/') { a.value } else { format!("/{from_root}") })
                    }))
                }
                "menu" => menu = MainMenu::of(node),
                "permalink" => fm.permalink = reader.text(place, node).map(located),
                // Jekyll allows a list; the first entry is where the page goes.
                "redirect_to" => {
                    fm.redirect_to = reader.list(place, &field.value).into_iter().next().map(|t| located(t.value))
                }
                _ => {}
            }
            if origin == FieldOrigin::PageAgain {
                reader.diagnostics.truncate(reported);
            }
        }
        for (field, origin) in std::sync::Arc::make_mut(&mut fields.0).iter_mut().zip(origins) {
            if origin == FieldOrigin::Elsewhere {
                (field.line, field.column) = (0, 0);
            }
        }
        // `weight` wins over Docusaurus's `sidebar_position` when a page has both, and
        // both over the weight of the page in Hugo's main menu.
        fm.weight = fm.weight.or(sidebar_position).or(menu.weight);
        fm.nav_label = fm.nav_label.or(menu.name);
        if fm.owners.is_empty() {
            fm.owners.extend(owner_slack.map(|o| o.trim().to_string()));
        }
        fm.fields = fields;
        (fm, reader.diagnostics)
    }

    /// The fields opsbook does not read itself, for templates.
    pub fn extra(&self) -> Map<String, Value> {
        self.fields
            .0
            .iter()
            .filter(|f| !COMMON_FIELDS.contains(&f.key.as_str()))
            .map(|f| (f.key.clone(), f.value.value.to_json()))
            .collect()
    }

    /// Every field as JSON, in the order written.
    pub fn all_fields(&self) -> Map<String, Value> {
        self.fields.0.iter().map(|f| (f.key.clone(), f.value.value.to_json())).collect()
    }

    /// The field named `key`, if present and not null.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.get(key).filter(|f| f.value.value != super::node::Node::Null)
    }
}

/// `visibility`: `public` or `internal`; another value is an error.
fn visibility(reader: &mut ValueReader<'_>, field: &Field, place: Place<'_>) -> Option<Visibility> {
    match reader.text(place, &field.value.value)?.as_str() {
        "public" => Some(Visibility::Public),
        "internal" => Some(Visibility::Internal),
        other => {
            let message = format!("front matter field `visibility` is `public` or `internal`, not `{other}`");
            let file = reader.file;
            reader.diagnostics.push(Diagnostic::error(Rule::FrontMatterField, file, field.line, field.column, message));
            None
        }
    }
}

/// The Tech Docs Template's `review_in` or `last_reviewed_on` (`field`), read into `fm`
/// unless opsbook's own key set it; what it cannot read is a warning.
fn review_key(reader: &mut ValueReader<'_>, field: &Field, place: Place<'_>, fm: &mut FrontMatter, reported: usize) {
    let node = &field.value.value;
    if field.key == "review_in" {
        let period = reader.period(place, node);
        fm.review_every = fm.review_every.or(period);
    } else {
        let date = reader.date(place, node);
        fm.last_reviewed = fm.last_reviewed.or(date);
    }
    as_warnings(&mut reader.diagnostics[reported..]);
}

/// Makes `diagnostics` warnings: what an old tool's key holds that opsbook cannot read
/// leaves the page as it was, and the build goes on.
fn as_warnings(diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics {
        diagnostic.severity = crate::diagnostic::Severity::Warning;
    }
}

/// The page's entry in Hugo's main menu (`menu: main`, `menu: [main]` or
/// `menu: {main: {weight: 20, name: Docs}}`: gohugoio/hugo `docs/content/en/content-management/menus.md`,
/// "Define in front matter"). Docsy draws that menu as the bar across the top of every
/// page, the top of the old site's navigation: its weight orders the page and its name
/// names it, when the page has no `weight` or `linkTitle` of its own. Its `parent`,
/// and the other menus (`footer`, a theme's `before`/`after`), are not read: opsbook's
/// navigation follows the folders.
#[derive(Debug, Default)]
struct MainMenu {
    weight: Option<f64>,
    name: Option<String>,
}

impl MainMenu {
    fn of(node: &super::Node) -> MainMenu {
        use super::Node;
        let Node::Map(menus) = node else { return MainMenu::default() };
        let Some((_, entry)) = menus.iter().find(|(name, _)| name.value == "main") else { return MainMenu::default() };
        let Node::Map(keys) = &entry.value else { return MainMenu::default() };
        let get = |key: &str| keys.iter().find(|(k, _)| k.value == key).map(|(_, v)| &v.value);
        MainMenu {
            weight: match get("weight") {
                Some(Node::Number(n)) => n.as_f64(),
                _ => None,
            },
            name: match get("name") {
                Some(Node::Text(name)) if !name.trim().is_empty() => Some(name.clone()),
                _ => None,
            },
        }
    }
}

/// Who may read a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Anyone: the default.
    Public,
    /// Only the internal build has it.
    Internal,
}

fn texts(items: Vec<Located<String>>) -> Vec<String> {
    items.into_iter().map(|i| i.value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse_fields, split_front_matter};

    fn read(text: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let split = split_front_matter(text).unwrap();
        FrontMatter::from_fields(parse_fields(&split.front.unwrap()).unwrap(), "content/a.md")
    }

    /// Hugo's build options in their forms: `build` and the older `_build`, `render` as
    /// text or (before Hugo 0.76) a boolean, `headless`, a cascade as a map or a list,
    /// and a cascade aimed at a `target`, which gives nothing.
    #[test]
    fn reads_hugos_build_options() {
        let front = |text: &str| read(&format!("---\n{text}---\n")).0;
        let fm = front("build:\n  render: never\n  list: never\n");
        assert_eq!((fm.render, fm.nav_hidden), (Some(false), true));
        assert_eq!(front("build: {render: link}\n").render, None, "a URL the host redirects is published");
        assert_eq!(front("_build:\n  render: false\n").render, Some(false));
        assert_eq!(front("build:\n  render: Always\n  list: local\n").render, Some(true));
        let fm = front("headless: true\n");
        assert_eq!((fm.render, fm.nav_hidden), (Some(false), true));
        assert_eq!(front("headless: false\n").render, None);
        assert_eq!(front("cascade:\n  build:\n    render: never\n").cascade_render, Some(false));
        assert_eq!(front("cascade:\n  - params: {a: 1}\n  - _build: {render: always}\n").cascade_render, Some(true));
        assert_eq!(front("cascade:\n  - target: {path: /x/**}\n    build: {render: never}\n").cascade_render, None);
    }

    /// `section` is read as text and anything else is left alone without a word: sites
    /// give the key their own meanings.
    #[test]
    fn reads_section_as_a_group_name_and_ignores_other_types() {
        let front = |text: &str| read(&format!("---\n{text}---\n"));
        let (fm, diagnostics) = front("section: \" A/B testing \"\n");
        assert_eq!(fm.nav_group.as_deref(), Some("A/B testing"));
        assert!(diagnostics.is_empty());
        for other in ["section: true\n", "section: 3\n", "section: [a, b]\n", "section: \"  \"\n", "section:\n"] {
            let (fm, diagnostics) = front(other);
            assert_eq!((fm.nav_group, diagnostics.len()), (None, 0), "{other}");
        }
        assert!(front("hide_in_navigation: true\n").0.nav_hidden);
    }

    /// Just the Docs's `nav_order` (a number orders the page, a text is passed over without
    /// a word) and `nav_exclude`.
    #[test]
    fn reads_just_the_docs_order_and_exclusion() {
        let front = |text: &str| read(&format!("---\n{text}---\n"));
        assert_eq!(front("nav_order: 2.5\n").0.weight, Some(2.5));
        assert_eq!(front("nav_order: 2\nweight: 7\n").0.weight, Some(7.0), "weight wins");
        let (fm, diagnostics) = front("nav_order: \"B\"\n");
        assert_eq!((fm.weight, diagnostics.len()), (None, 0));
        assert!(front("nav_exclude: true\n").0.nav_hidden);
        assert!(!front("nav_exclude: false\n").0.nav_hidden);
    }

    #[test]
    fn reads_common_fields() {
        let (fm, diagnostics) = read(
            "---\ntitle: 2024\ntags: oncall\nowners: [\"@a\", \"@b\"]\nweight: -3\ndraft: true\nservice: db\n---\n",
        );
        assert!(diagnostics.is_empty());
        assert_eq!(fm.title.as_deref(), Some("2024"));
        assert_eq!(fm.tags, ["oncall"]);
        assert_eq!(fm.owners, ["@a", "@b"]);
        assert_eq!(fm.weight, Some(-3.0));
        assert!(fm.draft);
        assert_eq!(fm.extra().get("service"), Some(&Value::String("db".into())));
        assert!(fm.extra().get("title").is_none());
    }

    #[test]
    fn reads_the_main_menu_of_hugo() {
        let (fm, _) = read("---\nmenu:\n  main:\n    weight: 20\n    name: Docs\n    parent: x\n---\n");
        assert_eq!((fm.weight, fm.nav_label.as_deref()), (Some(20.0), Some("Docs")));
        let (fm, _) = read("---\nweight: 3\nlinkTitle: Guide\nmenu: { main: { weight: 50, name: Other } }\n---\n");
        assert_eq!((fm.weight, fm.nav_label.as_deref()), (Some(3.0), Some("Guide")), "the page's own win");
        for other in ["menu: main", "menu: [main, footer]", "menu: {after: {weight: -100}}", "menu: 7"] {
            let (fm, diagnostics) = read(&format!("---\n{other}\n---\n"));
            assert_eq!((fm.weight, fm.nav_label), (None, None), "{other}");
            assert!(diagnostics.is_empty(), "{other}");
        }
    }

    #[test]
    fn reads_old_paths_as_aliases() {
        let (fm, _) = read("---\nold_paths:\n  - /manual/old.html\n---\n");
        assert_eq!(fm.aliases.iter().map(|a| a.value.as_str()).collect::<Vec<_>>(), ["/manual/old.html"]);
    }

    /// GOV.UK's tech-docs template: the review keys as `PageReview` reads them
    /// (alphagov/tech-docs-gem `spec/govuk_tech_docs/page_review_spec.rb` "#review_by",
    /// commit 8d9a4d17: reviewed 2016-01-01, `review_in: 6 months`, due 2016-07-01).
    #[test]
    fn reads_the_tech_docs_review_keys() {
        let (fm, diagnostics) =
            read("---\nowner_slack: \"#ops\"\nlast_reviewed_on: 2016-01-01\nreview_in: 6 months\n---\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let reviewed = fm.last_reviewed.expect("a review date");
        assert_eq!(reviewed.to_string(), "2016-01-01");
        assert_eq!(fm.review_every.expect("a period").after(reviewed).to_string(), "2016-07-01");
        assert_eq!(fm.owners, ["#ops"]);
        // opsbook's own keys win, wherever they are written.
        let (fm, _) = read(
            "---\nlast_reviewed: 2020-02-02\nlast_reviewed_on: 2016-01-01\nreview_in: 1 year\nreview_every: 90d\n\
             owners: [team]\nowner_slack: \"@someone\"\n---\n",
        );
        assert_eq!(fm.last_reviewed.map(|d| d.to_string()).as_deref(), Some("2020-02-02"));
        assert_eq!(fm.review_every, Some(Period::Days(90)));
        assert_eq!(fm.owners, ["team"]);
        // A value it cannot read is a warning at its field, and the page keeps none.
        let (fm, diagnostics) = read("---\ntitle: A\nlast_reviewed_on: soon\nreview_in: a while\n---\n");
        assert_eq!((fm.last_reviewed, fm.review_every), (None, None));
        assert_eq!(diagnostics.len(), 2);
        assert!(diagnostics.iter().all(|d| d.severity == crate::diagnostic::Severity::Warning), "{diagnostics:?}");
        assert_eq!((diagnostics[0].line, diagnostics[1].line), (3, 4));
    }

    #[test]
    fn rejects_wrong_types_at_the_field() {
        let (_, diagnostics) =
            read("---\ntitle: A\nweight: high\ntags: {a: 1}\nlast_reviewed: last week\nreview_every: often\n---\n");
        assert_eq!(diagnostics.len(), 4);
        assert_eq!(
            diagnostics[2].message,
            "front matter field `last_reviewed` must be a date (YYYY-MM-DD), found text \"last week\""
        );
        assert_eq!(
            diagnostics[3].message,
            "front matter field `review_every` must be a period such as 90d, 6w, 6m or 1y, found text \"often\""
        );
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (3, 1));
        assert_eq!(diagnostics[0].message, "front matter field `weight` must be a number, found text \"high\"");
        assert_eq!(diagnostics[1].line, 4);
        assert_eq!(diagnostics[1].rule, crate::diagnostic::Rule::FrontMatterField);
    }
}
