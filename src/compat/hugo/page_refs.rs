//! Hugo's page lookup over the built site ([`super::lookup`]): what a `ref` or `relref`
//! names, and what a link render hook that calls `.GetPage` finds for a link's
//! destination: a page, else one of the page bundle's files (`.Resources.Get`).
//!
//! Whether a hook looks pages up is read once from the site ([`LinkHook::read`]): Hugo's
//! embedded hook when `markup.goldmark.renderHooks.link.useEmbedded` turns it on (`always`,
//! `fallback`, or `auto` on a multilingual site served from one host), a hook of the
//! site's own (`layouts/_markup/render-link.html`, `layouts/_default/_markup/`) when its
//! text, or a partial it calls by name, looks pages up (`GetPage`, `.Ref`, `.RelRef`,
//! `ref`, `relref`).

use serde_json::Value;

use super::lookup::{Contents, Found, HugoPaths, Lookup};
use super::site::key;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::site::{PageId, Site};

/// The site's own link render hooks, where Hugo looks them up.
const OWN_HOOKS: [&str; 2] = ["layouts/_markup/render-link.html", "layouts/_default/_markup/render-link.html"];

/// Whether a Hugo site's links go through a render hook that looks pages up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LinkHook {
    /// A link's destination is looked up as a page, then as a file of the page's bundle.
    pub looks_up_pages: bool,
}

impl LinkHook {
    /// The hook of the site `config` describes, by its configuration `hugo`, and whether
    /// it serves several languages from one host (`multilingual`).
    pub(crate) fn read(
        config: &Config,
        hugo: Option<&Value>,
        multilingual: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> LinkHook {
        let markup = hugo.and_then(Value::as_object).and_then(|h| key(h, "markup"));
        let goldmark = markup.and_then(|m| key(m.as_object()?, "goldmark"));
        let link = goldmark
            .and_then(|g| key(g.as_object()?, "renderHooks"))
            .and_then(|h| key(h.as_object()?, "link"))
            .and_then(Value::as_object);
        let use_embedded = match link.and_then(|l| key(l, "useEmbedded")).and_then(Value::as_str) {
            Some(mode) => mode.to_ascii_lowercase(),
            None => match link.and_then(|l| key(l, "enableDefault")).and_then(Value::as_bool) {
                Some(true) => "fallback".to_string(),
                Some(false) => "never".to_string(),
                None => "auto".to_string(),
            },
        };
        let duplicates = goldmark
            .and_then(|g| key(g.as_object()?, "duplicateResourceFiles"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let embedded = match use_embedded.as_str() {
            "always" => return LinkHook { looks_up_pages: true },
            "fallback" => true,
            "auto" => multilingual && !duplicates,
            _ => false,
        };
        let own = OWN_HOOKS.iter().find(|name| config.root.join(name).is_file());
        let looks_up_pages = match own {
            Some(name) => hook_looks_up(config, name, diagnostics),
            None => embedded,
        };
        LinkHook { looks_up_pages }
    }
}

/// Where Hugo finds the partial templates a template calls: `layouts/_partials/` (since
/// 0.146), `layouts/partials/` (before).
const PARTIAL_DIRS: [&str; 2] = ["layouts/_partials", "layouts/partials"];

/// How many partial templates of a hook are read, at most.
const MAX_PARTIALS: usize = 16;

/// Whether the hook `name`, or a partial it calls (and so on), looks pages up.
fn hook_looks_up(config: &Config, name: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let mut queue = vec![name.to_string()];
    let mut read = 0;
    while let Some(file) = queue.pop() {
        read += 1;
        let Some(text) = crate::compat::interface::read_beside(config, &file, diagnostics) else { continue };
        if looks_up(&text) {
            return true;
        }
        for partial in partials_called(&text) {
            let found =
                PARTIAL_DIRS.iter().map(|dir| format!("{dir}/{partial}")).find(|p| config.root.join(p).is_file());
            if let Some(found) = found.filter(|_| read + queue.len() < MAX_PARTIALS) {
                queue.push(found);
            }
        }
    }
    false
}

/// Whether a template's text looks a page up as `ref` does: `.GetPage`, a page's `.Ref`
/// and `.RelRef` methods, or the `ref` and `relref` functions.
fn looks_up(text: &str) -> bool {
    let word = |at: usize, len: usize| {
        let before = text[..at].chars().next_back();
        let after = text[at + len..].chars().next();
        let is_ident = |c: char| c.is_alphanumeric() || c == '_';
        (before.is_none_or(|c| !is_ident(c)), after.is_none_or(|c| !is_ident(c)), before)
    };
    for name in ["GetPage", "Ref", "RelRef", "ref", "relref"] {
        for (at, _) in text.match_indices(name) {
            let (starts, ends, before) = word(at, name.len());
            let method = before == Some('.');
            let found = match name {
                "GetPage" => starts && ends,
                "Ref" | "RelRef" => method && ends,
                _ => {
                    starts && !method && before != Some('$') && ends && text[at + name.len()..].starts_with([' ', '\t'])
                }
            };
            if found {
                return true;
            }
        }
    }
    false
}

/// The partial templates `text` calls by a written name (`partial "link" .`,
/// `partialCached "x.html" .`), as file names.
fn partials_called(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("partial") {
        let rest = text[at + "partial".len()..].strip_prefix("Cached").unwrap_or(&text[at + "partial".len()..]);
        let Some(quoted) = rest.trim_start().strip_prefix('"') else { continue };
        let Some((name, _)) = quoted.split_once('"') else { continue };
        let safe = !name.is_empty() && !name.contains("..") && !name.starts_with('/') && !name.contains('\\');
        if safe {
            names.push(if name.ends_with(".html") { name.to_string() } else { format!("{name}.html") });
        }
    }
    names
}

/// Whether the site's configuration `hugo` names several languages served from one host: not each with
/// a `baseURL` of its own (Hugo's multihost).
pub(crate) fn serves_languages_from_one_host(hugo: &Value) -> bool {
    let table = hugo.as_object().and_then(|h| key(h, "languages")).and_then(Value::as_object);
    table
        .is_some_and(|l| l.len() > 1 && !l.values().all(|v| v.as_object().is_some_and(|v| key(v, "baseURL").is_some())))
}

/// The site's pages, as the lookup reads them, with the index of their Hugo paths.
struct SitePages<'a>(&'a Site, &'a HugoPaths);

impl Contents for SitePages<'_> {
    fn is_page(&self, path: &str) -> bool {
        self.0.page_by_path(path).is_some()
    }
    fn page_paths(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.0.page_paths())
    }
    fn is_folder_page(&self, folder: &str) -> bool {
        self.0.page_by_dir(folder).is_some()
    }
    fn page_of_key(&self, key: &str, _: &[String]) -> Option<String> {
        self.1.page_of_key(key)
    }
    fn page_named(&self, name: &str, _: &[String]) -> Found {
        self.1.page_named(name)
    }
}

/// The content path of what `reference`, written on page `from`, names: for a `ref`
/// (`is_ref`) a page; for a link through the hook a page, else a file of the page's
/// bundle. A folder's section page ends in `/`.
pub(crate) fn look_up(
    site: &Site,
    languages: &[String],
    from: Option<PageId>,
    reference: &str,
    is_ref: bool,
) -> Option<String> {
    let page = from.map(|id| &site.pages[id]);
    let from_path = page.map(|p| p.source.path.as_str()).filter(|p| site.page_by_path(p).is_some());
    let language = from.and_then(|id| site.language_of(id));
    let lookup = Lookup { from: from_path, is_ref, languages, language };
    let reference = if is_ref { reference } else { reference.strip_prefix("./").unwrap_or(reference) };
    // One index a model: the site's languages are the same for every lookup of a build.
    let index = site.lookup_index(|| HugoPaths::of(site.page_paths(), languages));
    let made;
    let index = match index {
        Some(index) => index,
        None => {
            made = HugoPaths::of(site.page_paths(), languages);
            &made
        }
    };
    if let Found::Page(found) = lookup.find(&SitePages(site, index), reference) {
        return Some(found);
    }
    // A file of the page's bundle: a page named `index` or `_index` owns its folder's files.
    let from_path = from_path.filter(|_| !is_ref && !reference.starts_with('/'))?;
    let (folder, name) = from_path.rsplit_once('/').unwrap_or(("", from_path));
    let stem = name.split('.').next().unwrap_or(name);
    if stem != "index" && stem != "_index" {
        return None;
    }
    let joined = crate::site_path::join_relative(folder, reference)?;
    site.asset_by_source(&joined).map(|_| joined)
}

#[cfg(test)]
mod tests {
    use super::{looks_up, partials_called};

    #[test]
    fn a_template_looks_pages_up_by_get_page_ref_and_relref() {
        for text in [
            "{{ with .PageInner.GetPage .Destination }}",
            "{{ .Page.Ref (dict \"path\" $url) }}",
            "{{ $.Page.RelRef (dict \"path\" .Destination) }}",
            "{{ ref . .Destination }}",
            "{{ relref\t$.Page $url }}",
        ] {
            assert!(looks_up(text), "{text}");
        }
        for text in
            ["{{ .Destination | relURL }}", "{{ $ref := 1 }}", "{{ .Page.Reference }}", "{{ .Refs }}", "preference"]
        {
            assert!(!looks_up(text), "{text}");
        }
    }

    #[test]
    fn reads_the_partials_a_template_names() {
        let text = "{{ partial \"link\" . }}{{ partialCached \"icons/x.html\" . }}{{ partial $name . }}{{ partial \"../up\" }}";
        assert_eq!(partials_called(text), ["link.html", "icons/x.html"]);
    }
}
