//! Rendering every page through the templates, and writing the output: pages, static
//! files, assets, and the extra files (404, sitemap, feed, handbook.json, redirects,
//! the status page's API).

mod pages;

use rayon::prelude::*;

pub(crate) use pages::{RenderedPages, render_few, render_or_redirect, render_pages, report_once, write_page};

use super::output::Sink;
use super::page::RenderedPage;
use super::{api, extras};
use crate::diagnostic::{Diagnostic, Failure};
use crate::render::{Renderer, SEARCH_LATER, SEARCH_PARTS, ThemeFiles};
use crate::site::extra_files::{EXTRA_FILES, ExtraFile};
use crate::site::{Public, PublicFiles, Site};

/// The warning of a theme or `static/` file left out because it is a symbolic link to a
/// content file that this build withholds (`real`, as messages name it).
fn withheld_static(shown: &str, real: &str) -> Diagnostic {
    Diagnostic::error(
        crate::diagnostic::Rule::LinkToInternal,
        shown,
        0,
        0,
        format!("this file is not published: it is a symbolic link to {real}, which this build leaves out"),
    )
    .with_severity(crate::diagnostic::Severity::Warning)
    .with_help("publish the file from the content tree, or keep the link out of the theme")
}

/// Static files (site > theme > built-in), the highlighting stylesheets and the assets
/// of `content/`. A source file that cannot be read is an `unreadable-file` error at the
/// file, added to `diagnostics`; only a failure to write stops the build at once.
/// `tabs.js` is written when `tabs` (a page has tabs and loads it).
pub(crate) fn write_files(
    site: &Site,
    theme: &ThemeFiles,
    output: &dyn Sink,
    tabs: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Failure> {
    let files = PublicFiles::of(site);
    for (path, origin) in &theme.statics {
        let public_file = match origin {
            crate::render::Origin::File { path: from, shown } => match public_theme_file(&files, from, shown) {
                Ok(file) => Some(file),
                Err(d) => {
                    diagnostics.push(d);
                    continue;
                }
            },
            crate::render::Origin::Builtin(_) => None,
        };
        if (path == "search.js" || path == "search-analysis.js") && !site.config.search
            || path == "status.css" && site.config.status.is_none() && site.peers.is_none()
            || path == "status-days.js" && site.config.status.is_none()
            || path == "search-community.js" && !ExtraFile::CommunitySearch.exists(&site.config, false, false)
            || path == "tabs.js" && !tabs
            || SEARCH_PARTS.contains(&path.as_str())
        {
            continue;
        }
        if path == ExtraFile::Headers.spec().path && ExtraFile::Headers.exists(&site.config, false, false) {
            // Merged with the status page's headers by `write_extras`.
            continue;
        }
        match (origin, public_file) {
            (crate::render::Origin::Builtin(bytes), _) if path == "search-analysis.js" => {
                // The built-in analysis script, with the languages of the public model.
                let languages = site.public().map(crate::search::index_languages);
                let codes = languages.map(|languages| languages.into_iter().map(|l| l.code).collect::<Vec<_>>());
                let script = Public::from_binary(*bytes)
                    .and(codes)
                    .map(|(bytes, codes)| crate::search::browser_stemmer::analysis_script(bytes, &codes));
                let minified = script.map(|script| crate::render::minify::script(&script).into_owned());
                output.write(path, minified.as_ref().map(|bytes| &bytes[..]))?;
            }
            (crate::render::Origin::Builtin(bytes), _) => output.write(
                path,
                Public::from_binary(crate::render::minify::static_file(path, bytes)).as_ref().map(|bytes| &bytes[..]),
            )?,
            (crate::render::Origin::File { shown, .. }, Some(file)) => {
                diagnostics.extend(copy_source(output, file.as_ref(), shown, path)?);
            }
            (crate::render::Origin::File { .. }, None) => {}
        }
    }
    if site.config.search && !theme.statics.contains_key("search.js") {
        match search_client(theme, &files) {
            Ok(client) => output.write("search.js", client.as_ref().map(String::as_bytes))?,
            Err(d) => diagnostics.push(d),
        }
        for part in SEARCH_LATER {
            match static_text(theme, part, &files) {
                Ok(Some(text)) => output.write(part, text.as_ref().map(String::as_bytes))?,
                Ok(None) => {}
                Err(d) => diagnostics.push(d),
            }
        }
    }
    write_mermaid(site, theme, output)?;
    let (light, dark) = crate::markdown::highlight::theme_css();
    for (file, css) in [(ExtraFile::HighlightLight, light), (ExtraFile::HighlightDark, dark)] {
        let name = file.spec().path;
        if !theme.statics.contains_key(name) {
            output.write(name, Public::from_binary(css.as_bytes()))?;
        }
    }
    let problems: Vec<Option<Diagnostic>> = site
        .assets
        .par_iter()
        .map(|asset| {
            let (disk, shown) = site.config.locate_confined(&asset.source);
            let disk = match disk {
                Ok(disk) => disk,
                Err(why) => {
                    let message = format!("the file is not copied: {why}");
                    return Ok(Some(Diagnostic::error(crate::diagnostic::Rule::UnreadableFile, shown, 0, 0, message)));
                }
            };
            // Left out when only internal pages use it.
            let Some(disk) = files.asset(&asset.url, disk) else { return Ok(None) };
            match site.template_files.get(&asset.source) {
                Some(file) => write_template_file(site, file, &asset.url, disk, &shown, output),
                None => copy_source(output, disk.as_ref(), &shown, &asset.url),
            }
        })
        .collect::<anyhow::Result<_>>()?;
    diagnostics.extend(problems.into_iter().flatten());
    Ok(())
}

/// Writes a file the old tool processes through its templates
/// ([`crate::content::walk::TemplateFile`]) at `site_path`; a file that cannot be read
/// or rendered is not written, with a warning at it that says why.
fn write_template_file(
    site: &Site,
    file: &crate::content::walk::TemplateFile,
    site_path: &str,
    disk: Public<crate::fs::Confined>,
    shown: &str,
    output: &dyn Sink,
) -> anyhow::Result<Option<Diagnostic>> {
    let text = match crate::fs::read_text(disk.get(), crate::fs::FileKind::Page) {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(e) => {
            let message = format!("cannot read `{shown}`: {e}");
            return Ok(Some(Diagnostic::error(crate::diagnostic::Rule::UnreadableFile, shown, 0, 0, message)));
        }
    };
    let Some(templating) = site.templating.as_deref() else { return Ok(None) };
    let asset = |path: &str| {
        let found =
            crate::site_path::check(path).is_ok() && matches!(site.target_of(path), Some(crate::site::Target::File));
        found.then(|| site.config.base_url.href(path))
    };
    match site.old_tool.render_template_file(file, &text, (site_path, shown), templating, &asset) {
        Ok(rendered) => {
            output.write(site_path, disk.map(|_| rendered.as_bytes()))?;
            Ok(None)
        }
        Err(warning) => Ok(Some(warning)),
    }
}

/// The theme's `tabs.js` when a page of the model has tabs: for a rebuild, whose pages
/// keep their HTML in the model (a whole build writes it with [`write_files`]).
pub(crate) fn write_tabs_script(site: &Site, theme: &ThemeFiles, output: &dyn Sink) -> anyhow::Result<()> {
    if !site.pages.iter().any(|page| page.rendered.tabs) {
        return Ok(());
    }
    match theme.statics.get("tabs.js") {
        Some(crate::render::Origin::Builtin(bytes)) => output.write(
            "tabs.js",
            Public::from_binary(crate::render::minify::script(bytes)).as_ref().map(|bytes| &bytes[..]),
        ),
        Some(crate::render::Origin::File { path, shown }) => {
            match public_theme_file(&PublicFiles::of(site), path, shown) {
                Ok(file) => copy_source(output, file.as_ref(), shown, "tabs.js").map(drop),
                Err(_) => Ok(()),
            }
        }
        None => Ok(()),
    }
}

/// Mermaid's script, when a page has a diagram the reader's browser draws, unless the
/// site or its theme has a `static/mermaid.min.js` of its own (written as any static
/// file).
pub(crate) fn write_mermaid(site: &Site, theme: &ThemeFiles, output: &dyn Sink) -> anyhow::Result<()> {
    let path = crate::render::vendor::MERMAID_SCRIPT;
    if theme.statics.contains_key(path) || !site.pages.iter().any(|page| page.rendered.browser_diagrams) {
        return Ok(());
    }
    output.write(path, Public::from_binary(crate::render::vendor::mermaid_script()?))
}

/// A theme or `static/` file as the audience filter judges it: a link to a file the
/// build withholds is a `link-to-internal` warning at the file.
fn public_theme_file(
    files: &PublicFiles<'_>,
    from: &crate::fs::Confined,
    shown: &str,
) -> Result<Public<crate::fs::Confined>, Diagnostic> {
    files.theme_file(from).map_err(|real| withheld_static(shown, &files.site().config.locate(&real).1))
}

/// Copies a source file (`shown` as diagnostics name it) to `site_path`. When the copy
/// fails because the source cannot be read, says so as a diagnostic at the file.
fn copy_source(
    output: &dyn Sink,
    from: Public<&crate::fs::Confined>,
    shown: &str,
    site_path: &str,
) -> anyhow::Result<Option<Diagnostic>> {
    let Err(error) = output.copy(from, site_path) else { return Ok(None) };
    let from = from.into_inner();
    // Opened as the copy opens it (never waiting on it), and read a byte.
    let opened = crate::fs::open_regular(from, crate::fs::FileKind::Asset);
    let read = opened.and_then(|(mut file, _)| Ok(std::io::Read::read(&mut file, &mut [0; 1])?));
    match read {
        Err(cause) => Ok(Some(Diagnostic::error(
            crate::diagnostic::Rule::UnreadableFile,
            shown,
            0,
            0,
            format!("cannot read `{shown}`: {cause}"),
        ))),
        Ok(_) => Err(error),
    }
}

/// Writes the extra files that depend on the pages ([`EXTRA_FILES`]: 404, sitemap,
/// `handbook.json`, robots, redirects, and those a feature makes from its model,
/// `alerts.json` and the feeds, asked of `Features::files`) and the redirect pages of
/// aliases, and the pages of alerts, which show what `records` kept of their runbooks
/// (without records, as in a rebuild, the model's bodies); the status page's files are
/// `write_status_files`'.
pub(crate) fn write_extras(
    site: &Site,
    renderer: &Renderer,
    records: Option<&[RenderedPage]>,
    output: &dyn Sink,
    findings: &[Diagnostic],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Failure> {
    let has_aliases = !site.aliases.is_empty() || !site.mapped_redirects.is_empty();
    let has_alerts = site.has_alerts();
    let rows = EXTRA_FILES.iter().filter(|spec| !spec.file.is_feature_file() && !site.yielded.file(spec.file));
    for spec in rows.filter(|spec| spec.file.exists(&site.config, has_aliases, has_alerts)) {
        let public = site.public();
        let text = match spec.file {
            ExtraFile::NotFound => match renderer.render_not_found(site) {
                Ok(html) => Some(html),
                Err(d) => {
                    diagnostics.push(d);
                    None
                }
            },
            ExtraFile::Sitemap => extras::sitemap(site),
            ExtraFile::HandbookJson => {
                // Written in parts as it is made, never held whole.
                let json = public.map(|site| api::HandbookJson::new(site, findings));
                output.write_parts(spec.path, json.as_ref().map(|json| json as &dyn super::output::Parts))?;
                None
            }
            ExtraFile::CommunityFeed => site.peers.as_deref().map(|peers| {
                let view = crate::peers::views::CommunityView::of_handbook(peers, &site.config, site.now);
                let self_url = site.config.base_url.absolute(spec.path);
                crate::peers::views::feed(&view, &site.config.title, self_url.as_deref())
            }),
            ExtraFile::CommunitySearch => {
                // Compressed as the rest of the index is.
                let index = |site: &Site| site.peers.as_deref().map(crate::peers::search::community_index);
                let packed = public.map(|site| index(site).map(|json| crate::search_index::packed::gzip(&json)));
                if packed.get().is_some() {
                    output.write(spec.path, packed.as_ref().map(|bytes| bytes.as_deref().unwrap_or_default()))?;
                }
                None
            }
            ExtraFile::Robots => Some(extras::robots(site)),
            ExtraFile::Redirects => Some(extras::redirects(site)),
            ExtraFile::NavBranches => {
                for id in crate::site::nav::branches(site) {
                    let path = crate::site::nav::branch_path(&site.pages[id].site_path);
                    let json = public.map(|site| crate::render::branch_json(site, id));
                    output.write(&path, json.as_ref().map(String::as_bytes))?;
                }
                None
            }
            // Written by `write_status_files`.
            ExtraFile::StatusApiStatus
            | ExtraFile::StatusApiSummary
            | ExtraFile::StatusApiComponents
            | ExtraFile::StatusApiIncidents
            | ExtraFile::StatusApiUnresolved
            | ExtraFile::StatusApiMaintenances
            | ExtraFile::StatusApiUpcoming
            | ExtraFile::StatusApiActive
            | ExtraFile::StatusScs
            | ExtraFile::StatusFeeds
            | ExtraFile::StatusBadges
            | ExtraFile::StatusHealth
            | ExtraFile::Headers => None,
            // Written with the static files, and by `write_search_index`.
            ExtraFile::HighlightLight | ExtraFile::HighlightDark | ExtraFile::SearchIndex => None,
            // A feature's file, made from its model (`alerts.json`, the feeds).
            file => {
                for (path, text) in site.features.files(site, file, spec.path) {
                    output.write(&path, public.map(|_| text.as_bytes()))?;
                }
                None
            }
        };
        if let Some(text) = text {
            output.write(spec.path, public.map(|_| text.as_bytes()))?;
        }
    }
    // An alert's address shows the alert's page (`crate::alerts`), not a redirect.
    // Each language's alert pages show its navigation, made once.
    let mut alert_navs = crate::hash::FastHashMap::default();
    for (alias, target) in &site.aliases {
        let alert = crate::alerts::outputs::pages::alert_of_path(site, alias, *target);
        let rendered = match alert {
            Some(name) => {
                let home = site.language_home(*target);
                let nav = alert_navs.entry(home).or_insert_with(|| renderer.alert_nav(site, home));
                let kept = records.and_then(|records| records.get(*target)).and_then(|r| r.runbook_steps.as_deref());
                let made = kept.is_none().then(|| {
                    crate::alerts::outputs::pages::runbook_steps(site, *target, &site.pages[*target].rendered)
                });
                let steps = kept.or(made.as_ref().and_then(Option::as_ref)).cloned().unwrap_or_default();
                renderer.render_alert(site, name, *target, &steps, nav)
            }
            None => renderer.render_redirect(site, *target, site.mapped_redirects.hrefs.get(alias).map(String::as_str)),
        };
        match rendered {
            Ok(html) => output.write(&crate::site_path::alias_file(alias), site.public().map(|_| html.as_bytes()))?,
            Err(d) => {
                diagnostics.push(d);
                break;
            }
        }
    }
    for (from, url) in &site.mapped_redirects.to_urls {
        match renderer.render_redirect_to_url(url) {
            Ok(html) => output.write(&crate::site_path::alias_file(from), site.public().map(|_| html.as_bytes()))?,
            Err(d) => {
                diagnostics.push(d);
                break;
            }
        }
    }
    Ok(())
}

/// Writes the files made from the status model, when the site has a status page (the
/// rows of [`EXTRA_FILES`] a feature makes, `ExtraFile::is_feature_file`): each
/// family from the feature that makes it (`Features::files`: the Statuspage API, the
/// SCS export, the feeds, the badges, `health.json`) in parallel, and `_headers`.
pub(crate) fn write_status_files(
    site: &Site,
    theme: &ThemeFiles,
    output: &dyn Sink,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Failure> {
    if site.status().is_none() {
        return Ok(());
    }
    let rows = EXTRA_FILES.iter().filter(|spec| spec.file.is_feature_file());
    for spec in rows.filter(|spec| spec.file.exists(&site.config, false, false)) {
        let files = match spec.file {
            ExtraFile::Headers => match static_text(theme, spec.path, &PublicFiles::of(site)) {
                Ok(theirs) => {
                    let theirs = theirs.map(Public::into_inner);
                    vec![(spec.path.to_string(), extras::headers(site, theirs.as_deref()))]
                }
                Err(d) => {
                    diagnostics.push(d);
                    Vec::new()
                }
            },
            file => site.features.files(site, file, spec.path),
        };
        let public = site.public();
        files.par_iter().try_for_each(|(path, text)| output.write(path, public.map(|_| text.as_bytes())))?;
    }
    Ok(())
}

/// The search client, `search.js`: its [`SEARCH_PARTS`] one after the other (each from
/// the site, the theme or the built-in theme), but for those loaded later
/// ([`SEARCH_LATER`]); a part that cannot be read is an `unreadable-file` error at it.
fn search_client(theme: &ThemeFiles, files: &PublicFiles<'_>) -> Result<Public<String>, Diagnostic> {
    let mut client = Public::from_binary(String::new());
    for part in SEARCH_PARTS.iter().filter(|part| !SEARCH_LATER.contains(part)) {
        let Some(text) = static_text(theme, part, files)? else { continue };
        client = client.and(text).map(|(mut client, text)| {
            client.push_str(&text);
            if !client.ends_with('\n') {
                client.push('\n');
            }
            client
        });
    }
    Ok(client)
}

/// The text of the static file `path` of the site, the theme or the built-in theme, if
/// there is one; a file that cannot be read, or is not UTF-8, is an `unreadable-file`
/// error at it.
pub(crate) fn static_text(
    theme: &ThemeFiles,
    path: &str,
    files: &PublicFiles<'_>,
) -> Result<Option<Public<String>>, Diagnostic> {
    let unreadable = |shown: &str, cause: String| {
        Diagnostic::error(
            crate::diagnostic::Rule::UnreadableFile,
            shown,
            0,
            0,
            format!("cannot read `{shown}`: {cause}"),
        )
    };
    match theme.statics.get(path) {
        None => Ok(None),
        // The built-in theme's scripts and style sheets minified (`render::minify`).
        Some(crate::render::Origin::Builtin(bytes)) => Ok(Some(Public::from_binary(
            String::from_utf8_lossy(&crate::render::minify::static_file(path, bytes)).into_owned(),
        ))),
        Some(crate::render::Origin::File { path: from, shown }) => {
            let file = public_theme_file(files, from, shown)?;
            match crate::fs::read_bytes(file.get(), crate::fs::FileKind::Template) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => Ok(Some(file.map(|_| text))),
                    Err(e) => Err(unreadable(shown, e.to_string())),
                },
                Err(e) => Err(unreadable(shown, e.to_string())),
            }
        }
    }
}

/// Writes the search index under `search/` (and each other language's under its
/// folder, `de/search/`) from the pages' `postings`; `pages` holds the
/// record of each page, by page id; `cache`, what the last index was made of (left
/// holding what this one is made of); `kept`, the build cache, which has the
/// compressed bytes of the files whose text the previous build had too.
pub(crate) fn write_search_index(
    site: &Site,
    postings: &crate::search::SitePostings,
    output: &dyn Sink,
    cache: &mut crate::search::IndexCache,
    kept: Option<&dyn crate::search_index::KeptIndex>,
) -> Result<(), Failure> {
    let index = crate::search::build_index(site, postings, cache, kept);
    let edits = cache.is_for_edits();
    let kept = kept.map(|kept| kept as &dyn crate::search_index::packed::Kept);
    let files = crate::search_index::packed::pack(&index.files, &mut cache.packed, edits, kept);
    crate::spent::phase(Some("index: compress"));
    let public = site.public();
    files.par_iter().try_for_each(|(path, bytes)| output.write(path, public.map(|_| bytes.as_ref())))?;
    crate::spent::phase(Some("index: write"));
    Ok(())
}

/// Renders `404.html` and one redirect page when nothing is written, to report their
/// template errors with the content's.
pub(crate) fn render_special(site: &Site, renderer: &Renderer, diagnostics: &mut Vec<Diagnostic>) {
    if let Some((_, target)) = site.aliases.first()
        && let Err(d) = renderer.render_redirect(site, *target, None)
    {
        diagnostics.push(d);
    }
    if let Err(d) = renderer.render_not_found(site) {
        diagnostics.push(d);
    }
}

#[cfg(test)]
mod tests;
