//! `opsbook new KIND "Title"`: a new page of a kind, started from the kind's template.
//!
//! More: docs/architecture.md, "Notes by module".

use std::path::Path;

use anyhow::{Context, anyhow};

use crate::config::{Config, Overrides};
use crate::config::{FieldType, Kind};
use crate::content::confine::Confinement;
use crate::content::{Node, load_page, walk_content};
use crate::dates::{Date, Timestamp};
use crate::diagnostic::Failure;
use crate::slug::slugify;

/// What `opsbook new` created.
#[derive(Debug)]
pub(crate) struct NewPage {
    /// The file, relative to the root (`content/rca/dns-outage.md`).
    pub file: String,
    /// What was done to it, for people: `created`, `updated` or `unchanged`, and what
    /// an Alertmanager payload changed in an existing incident.
    pub done: (&'static str, Option<String>),
    /// What was read leniently (an Alertmanager payload's fields).
    pub warnings: Vec<String>,
}

/// Creates a page of `kind` titled `title` in the handbook at `root`, or an incident
/// from the Alertmanager payload at `alertmanager` (step 6), titled by it unless
/// `title` is given.
pub(crate) fn create_page(
    root: &Path,
    kind_name: &str,
    title: Option<&str>,
    alertmanager: Option<&Path>,
    now: Timestamp,
) -> Result<NewPage, Failure> {
    let config = Config::load(root, &Overrides::default())?;
    let kind = config.kinds.get(kind_name).ok_or_else(|| anyhow!("{}", config.kinds.unknown_message(kind_name)))?;
    let draft = match alertmanager {
        Some(_) if kind_name != "incident" => {
            return Err(anyhow!(
                "--from-alertmanager makes an incident: run opsbook new incident --from-alertmanager FILE"
            )
            .into());
        }
        Some(path) => {
            let status = config.status.as_ref();
            let label = status.and_then(|s| s.component_label.as_deref());
            let ids = status.map(crate::config::StatusConfig::ids).unwrap_or_default();
            Some(crate::status::alertmanager::read(path, label, &ids)?)
        }
        None => None,
    };
    if let Some(draft) = &draft
        && let Some(updated) = update_existing(&config, kind, draft, now)?
    {
        return Ok(updated);
    }
    let title = title.or(draft.as_ref().map(|d| d.title.as_str())).unwrap_or_default();
    if title.trim().is_empty() {
        return Err(anyhow!(
            "the title is empty: give the new page a title, e.g. opsbook new {kind_name} \"Disk full on a host\""
        )
        .into());
    }
    let content_dir = config.content_dir();
    let prefix = config.content_prefix();
    let template_path = kind.template.clone().unwrap_or_else(|| format!("templates/{kind_name}.md"));
    if !content_dir.join(&template_path).is_file() {
        return Err(anyhow!(
            "no template for kind `{kind_name}`: create {prefix}{template_path}, or name one with `[kinds.{kind_name}] template` in book.toml"
        )
        .into());
    }
    // A path from book.toml: confined like every path of the handbook.
    let confined = crate::content::confine::Confinement::new(&config.root)
        .map(|c| c.readable(&content_dir.join(&template_path)).map(drop));
    if let Some(Err(why)) = confined {
        return Err(anyhow!("the template {prefix}{template_path} of kind `{kind_name}` is not read: {why}").into());
    }
    let (template, problems) = load_page(&content_dir, &template_path, &prefix);
    let Some(template) = template.filter(|_| problems.iter().all(|d| !d.is_error())) else {
        return Err(Failure::Content(problems));
    };
    let (section, section_has_default) = section_for(&config, kind);
    let file_name = format!("{}.md", file_stem(title));
    let relative = if section.is_empty() { file_name } else { format!("{section}/{file_name}") };
    let path = content_dir.join(&relative);
    // Anything at the path, a link to nothing included, is never written through.
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(anyhow!("refusing to overwrite {prefix}{relative}: choose another title, or edit that page").into());
    }
    let front = front_matter(&config, kind, &template.front, title, section_has_default, now, draft.as_ref());
    let intro = draft.as_ref().map_or("", |d| d.body.as_str());
    let text = format!("---\n{front}---\n\n{intro}{}", template.body().trim_start_matches('\n'));
    write_confined(&config.root, &path, text.as_bytes())
        .with_context(|| format!("cannot create {prefix}{relative}"))?;
    let warnings = draft.map(|d| d.warnings).unwrap_or_default();
    Ok(NewPage { file: format!("{prefix}{relative}"), done: ("created", None), warnings })
}

/// The incident of the kind's section that an earlier payload of `draft`'s group
/// opened, updated by `draft` (`crate::status::alertmanager::update`); `None` when there is
/// none.
fn update_existing(
    config: &Config,
    kind: &Kind,
    draft: &crate::status::alertmanager::Draft,
    now: Timestamp,
) -> Result<Option<NewPage>, Failure> {
    use crate::status::alertmanager::update::{GROUP_KEY, Outcome, apply};
    let Some(key) = &draft.group_key else { return Ok(None) };
    let (section, _) = section_for(config, kind);
    let content_dir = config.content_dir();
    let prefix = config.content_prefix();
    let mut ignored = Vec::new();
    let files = walk_content(&config.root, &config.content_folder, None, &mut ignored);
    let inside = |path: &&String| section.is_empty() || path.starts_with(&format!("{section}/"));
    let found = files.pages.iter().filter(inside).find(|path| {
        let (page, _) = load_page(&content_dir, path, &prefix);
        page.and_then(|p| p.front.field(GROUP_KEY).and_then(|f| f.value.value.as_text())).as_deref() == Some(key)
    });
    let Some(relative) = found else { return Ok(None) };
    let path = content_dir.join(relative);
    let shown = format!("{prefix}{relative}");
    let confine = Confinement::new(&config.root).ok_or_else(|| anyhow!("cannot resolve the handbook's folder"))?;
    let draft_file = confine.readable(&path).map_err(|why| anyhow!("refusing to read {shown}: {why}"))?;
    let text = crate::fs::read_text(&draft_file, crate::fs::FileKind::Page)
        .map_err(|e| anyhow!("cannot read {shown}, the incident of this alert group: {e}"))?;
    let warnings = draft.warnings.clone();
    match apply(&text, draft, now)
        .map_err(|why| anyhow!("cannot update {shown}, the incident of this alert group: {why}"))?
    {
        Outcome::Unchanged => Ok(Some(NewPage {
            file: shown,
            done: ("unchanged", Some("the payload repeats the last one".into())),
            warnings,
        })),
        Outcome::Updated(new_text, said) => {
            // Replaced whole through a new file beside it, never written through a link.
            let draft_file = confine.readable(&path).map_err(|why| anyhow!("refusing to write {shown}: {why}"))?;
            let temporary = draft_file.with_extension("md.opsbook-new");
            let _ = crate::fs::remove_file(&temporary);
            write_confined(&config.root, temporary.path(), new_text.as_bytes())
                .and_then(|()| crate::fs::rename(&temporary, &draft_file))
                .with_context(|| format!("cannot update {shown}"))?;
            Ok(Some(NewPage { file: shown, done: ("updated", Some(said)), warnings }))
        }
    }
}

/// The longest file name stem a new page gets, in bytes: a long title makes a name
/// every file system takes (255 bytes), cut at a word.
const MAX_STEM: usize = 80;

/// The stem of a new page's file name: the slug of `title`, cut after at most
/// [`MAX_STEM`] bytes at the last whole word.
fn file_stem(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= MAX_STEM {
        return slug;
    }
    let cut = crate::char_boundary::floor_char_boundary(&slug, MAX_STEM);
    let kept = &slug[..cut];
    let at_word = kept.rfind('-').filter(|&dash| dash > 0).map_or(kept, |dash| &kept[..dash]);
    at_word.to_string()
}

/// Writes a new file at `path`, under the handbook at `root`: its folder, made if need
/// be, must lie inside the root through every symbolic link ([`Confinement::writable`]),
/// and the file must not exist in any form (a link to nothing included): it is created,
/// never opened through a link.
fn write_confined(root: &Path, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write as _;
    let confine = Confinement::new(root).ok_or_else(|| anyhow!("cannot resolve the handbook's folder"))?;
    let folder = path.parent().ok_or_else(|| anyhow!("{} has no folder", path.display()))?;
    let refuse = |why: crate::fs::confine::Refused| anyhow!("refusing to write {}: {why}", path.display());
    if std::fs::symlink_metadata(folder).is_err() {
        crate::fs::create_dir_all(&confine.writable(folder).map_err(refuse)?)?;
    }
    let mut file = crate::fs::create_new(&confine.new_file(path).map_err(refuse)?)?;
    file.write_all(bytes)?;
    Ok(())
}

/// The section folder for a kind, and whether that folder's section page sets the kind
/// as its `default_kind`.
fn section_for(config: &Config, kind: &Kind) -> (String, bool) {
    let content_dir = config.content_dir();
    let prefix = config.content_prefix();
    let mut ignored = Vec::new();
    let files = walk_content(&config.root, &config.content_folder, None, &mut ignored);
    let defaulting: Vec<String> = files
        .pages
        .iter()
        .filter(|path| {
            let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
            name == "_index.md" || name == "index.md"
        })
        .filter_map(|path| {
            let (page, _) = load_page(&content_dir, path, &prefix);
            let page = page?;
            (page.front.default_kind.as_ref()?.value == kind.name).then(|| page.dir().to_string())
        })
        .collect();
    if let Some(section) = &kind.section {
        let defaults = defaulting.contains(section);
        return (section.clone(), defaults);
    }
    if let Some(first) = defaulting.into_iter().min_by_key(|dir| (dir.matches('/').count(), dir.clone())) {
        return (first, true);
    }
    (format!("{}s", kind.name), false)
}

fn front_matter(
    config: &Config,
    kind: &Kind,
    template: &crate::content::FrontMatter,
    title: &str,
    section_has_default: bool,
    now: Timestamp,
    draft: Option<&crate::status::alertmanager::Draft>,
) -> String {
    let today: Date = now.date();
    // An incident from alerts: started when the first alert did, its components named.
    let started = draft.and_then(|d| d.started_at).unwrap_or(now);
    let components = draft.filter(|d| !d.components.is_empty()).map(|d| {
        let entries: Vec<String> =
            d.components.iter().map(|(id, state)| format!("{}: {state}", yaml_scalar(id))).collect();
        format!("{{{}}}", entries.join(", "))
    });
    let mut lines = vec![format!("title: {}", yaml_scalar(title))];
    if !section_has_default {
        lines.push(format!("kind: {}", kind.name));
    }
    if !template.owners.is_empty() {
        lines.push(format!("owners: {}", yaml_list(&template.owners)));
    }
    let tags: Vec<String> = template.tags.iter().filter(|t| !t.eq_ignore_ascii_case("template")).cloned().collect();
    if !tags.is_empty() {
        lines.push(format!("tags: {}", yaml_list(&tags)));
    }
    for spec in &kind.fields {
        let required = kind.required.contains(&spec.name);
        let now = if spec.name == "started_at" { started } else { now };
        match template.field(&spec.name) {
            Some(_) if spec.name == "components" && components.is_some() => {
                lines.push(format!("components: {}", components.as_deref().unwrap_or("{}")))
            }
            Some(_) if spec.ty == FieldType::Date => lines.push(format!("{}: {today}", spec.name)),
            Some(_) if spec.ty == FieldType::Timestamp => lines.push(format!("{}: {}", spec.name, now.rfc3339())),
            Some(field) => lines.push(format!("{}: {}", spec.name, yaml_node(&field.value.value))),
            None if required && spec.ty == FieldType::Date => lines.push(format!("{}: {today}", spec.name)),
            None if required && spec.ty == FieldType::Timestamp => {
                lines.push(format!("{}: {}", spec.name, now.rfc3339()))
            }
            None if required => lines.push(format!("{}:  # required: fill this in", spec.name)),
            None => {}
        }
    }
    for required in &kind.required {
        if kind.field(required).is_none() && !matches!(required.as_str(), "title" | "owners" | "tags" | "kind") {
            lines.push(format!("{required}:  # required: fill this in"));
        }
    }
    let reviewed = template.last_reviewed.is_some() || kind.review_every.or(config.review.every).is_some();
    if reviewed {
        lines.push(format!("last_reviewed: {today}"));
    }
    if let Some(every) = template.field("review_every") {
        lines.push(format!("review_every: {}", yaml_node(&every.value.value)));
    }
    if let Some(draft) = draft {
        // Where a later payload of the group finds the page (`alertmanager::update`).
        if let Some(key) = &draft.group_key {
            lines.push(format!("{}: {}", crate::status::alertmanager::update::GROUP_KEY, yaml_scalar(key)));
            lines.push(format!("{}: {}", crate::status::alertmanager::update::DIGEST_KEY, draft.digest));
        }
        // An alert is not yet a public statement: a person publishes it.
        lines.push("draft: true".to_string());
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// A YAML scalar: plain when that is unambiguous, else double-quoted (JSON strings are
/// valid YAML).
fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/' | '(' | ')' | ','))
        && !text.starts_with(['-', ' ', '.'])
        && !text.ends_with(' ')
        && !matches!(text.to_ascii_lowercase().as_str(), "true" | "false" | "yes" | "no" | "null" | "on" | "off" | "~")
        && text.parse::<f64>().is_err();
    if plain { text.to_string() } else { serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into()) }
}

fn yaml_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|i| yaml_scalar(i)).collect::<Vec<_>>().join(", "))
}

/// A front matter value as flow-style YAML.
fn yaml_node(node: &Node) -> String {
    match node {
        Node::Null => String::new(),
        Node::Bool(b) => b.to_string(),
        Node::Number(n) => n.to_string(),
        Node::Text(t) => yaml_scalar(t),
        Node::List(items) => format!("[{}]", items.iter().map(|i| yaml_node(&i.value)).collect::<Vec<_>>().join(", ")),
        Node::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", yaml_scalar(&k.value), yaml_node(&v.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_long_title_at_a_word() {
        let stem = file_stem(&"Very long title ".repeat(30));
        assert!(stem.len() <= MAX_STEM && stem.ends_with("title"), "{stem}");
        assert_eq!(file_stem("DB failover"), "db-failover");
        let stem = file_stem(&"ä".repeat(200));
        assert!(stem.len() <= MAX_STEM && !stem.is_empty(), "{stem}");
    }

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(yaml_scalar("DNS outage in eu-west"), "DNS outage in eu-west");
        assert_eq!(yaml_scalar("2026-03-14: DNS"), "\"2026-03-14: DNS\"");
        assert_eq!(yaml_scalar("@dba-team"), "\"@dba-team\"");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("42"), "\"42\"");
        assert_eq!(yaml_scalar("say \"hi\""), "\"say \\\"hi\\\"\"");
    }
}
