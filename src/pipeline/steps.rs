//! The steps that build and check share: from `book.toml` to a site model whose pages
//! are rendered to HTML bodies, arranged and dated.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::bodies::{front_matter_text, render_bodies};
use super::cache::Cache;
use super::report::Timer;
use crate::config::{Config, Overrides};
use crate::content::{ContentFiles, SourcePage, load_pages, walk_content};
use crate::diagnostic::{Diagnostic, Failure};
use crate::render::ThemeFiles;
use crate::search::SitePostings;
use crate::site::Site;
use crate::site::codeowners::CodeOwners;
use crate::site::git::{self, GitDates};
use crate::site::source_rules::Rules;
use crate::spent::SpentTime;

/// What the pipeline runs for: a build reads the git history and highlights code; a
/// check, which writes no HTML and shows no dates, needs neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A build that keeps every page's HTML body in the model: the dev server's.
    Build,
    /// `opsbook check`.
    Check,
    /// `opsbook build` into an output folder, which streams its pages: the model keeps
    /// what the Markdown step finds (titles, links, anchors, the table of contents, the
    /// search text), not the HTML, nor the page's text (`content::released`); each page's
    /// file is read again and its body rendered again, highlighted, just before its
    /// template, and dropped once the page is written.
    Stream,
}

/// What [`prepare`] gives: the model, the theme, the CODEOWNERS rules, the search
/// postings and the build cache.
pub(crate) type Prepared =
    (Site, ThemeFiles, Option<CodeOwners>, SitePostings, Option<Arc<Cache>>, Option<super::claim::Claim>);

/// Runs the pipeline up to a complete site model: configuration, theme, walk, parse,
/// model, Markdown, navigation and (for a build) git dates. Diagnostics are collected;
/// only problems that stop everything (no book.toml, a broken config) return early.
/// Returns the CODEOWNERS rules too, for the dev server's rebuilds of single pages, the
/// pages' search postings, made in the Markdown step, and (for a streaming build without
/// `--no-cache`) the build cache beside the output, which the Markdown step used.
pub(crate) fn prepare(
    root: &Path,
    (overrides, context): (&Overrides, &super::Context),
    purpose: Purpose,
    timer: &mut Timer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Prepared, Failure> {
    let mut config = Config::load(root, overrides)?;
    diagnostics.append(&mut config.notes);
    // The folders the old tool's layout published (Hugo's module mounts, Docusaurus's
    // versioned docs and locales), mounted where the old site published them.
    mount_layout(&mut config, diagnostics);
    let now = crate::dates::now()?;
    let mut theme = find_theme(&config)?;
    diagnostics.append(&mut theme.notes);
    timer.lap("config");
    // A streaming build claims its output folder first: checked, locked, and refused if
    // it holds what no earlier build wrote; nothing beside it is read before.
    let claim = match purpose {
        Purpose::Stream => Some(super::claim::claim(&config, overrides.force)?),
        Purpose::Build | Purpose::Check => None,
    };
    if let (Some(claim), Some(dir)) = (&claim, &overrides.cache_dir) {
        super::claim::check_cache_dir(&config, dir, claim.dir.path())?;
    }
    let cache = claim.as_ref().and_then(|claim| open_cache(claim, overrides));
    if cache.is_some() {
        timer.lap("cache");
    }
    // The status page's checks, measured (or read back, offline) within their budget:
    // the step `health` of `--timings` is the network time.
    let health = measure_health(&config, now, overrides, purpose == Purpose::Check, diagnostics);
    if health.is_some() {
        timer.lap("health");
    }
    // The other handbooks of the community, read within their budget before the
    // Markdown step checks links to them.
    let peers = read_peers(&config, now, overrides, diagnostics);
    if peers.is_some() {
        timer.lap("peers");
    }
    let repository = git::locate(&config.root);
    let mounted = git::locate_sources(&config.root, &config.sources.folders(), repository.as_ref());
    let in_repository = repository.is_some() || mounted.iter().any(Option::is_some);
    let reading = read_history_in_background(&config, &mounted, purpose != Purpose::Check && in_repository);
    timer.begin("reading files", 0);
    let (mut files, rules) = walk(&config, diagnostics)?;
    diagnostics.extend(theme.add_resources(&config.root, rules.resource_folders()));
    config.sources.files = std::mem::take(&mut files.mounted);
    config.languages = crate::content::languages::arrange(&config, &mut files, diagnostics);
    diagnostics.extend(theme.yield_to_content(&files.assets, |name| config.locate(name).1));
    timer.lap("walk");
    let read_ahead = std::mem::take(&mut files.read_ahead);
    let mut pages = parse_pages(&config, &files, read_ahead, &*rules, diagnostics);
    let generated = rules.navigation_pages(&mut files, &pages, diagnostics);
    pages.extend(generated.into_iter().map(Arc::new));
    timer.lap("parse");
    // The dev server assembles the site again from these when a page comes or goes.
    let loaded = (purpose == Purpose::Build && config.sources.list.is_empty()).then(|| pages.clone());
    let mut site = assemble_site(config, &files, rules, pages, &theme, diagnostics);
    site.walked = loaded.map(|loaded| Arc::new(crate::site::Walked { files, loaded }));
    site.now = now;
    site.today = now.date();
    site.plantuml = Arc::clone(&context.plantuml);
    crate::status::register(&mut site, health);
    site.peers = peers;
    let codeowners = build_model(&mut site, repository.as_ref(), &mounted, diagnostics);
    timer.lap("model");
    let highlighting = SpentTime::new();
    let progress = timer.progress();
    let (markdown_time, search) =
        render_bodies(&mut site, (purpose, &highlighting), (cache.as_deref(), &progress), diagnostics);
    timer.lap("markdown");
    if purpose == Purpose::Build {
        timer.split_last("highlighting", highlighting.take(), markdown_time);
    }
    timer.begin("arranging the navigation", 0);
    site.arrange();
    timer.lap("navigation");
    let shallow = repository.iter().chain(mounted.iter().flatten()).any(|r| r.shallow);
    timer.begin("reading the git history", 0);
    apply_history(&mut site, reading, shallow, diagnostics);
    timer.lap("git");
    Ok((site, theme, codeowners, search, cache, claim))
}

/// The measured health of the status page's components ([`crate::status::health::measure`]),
/// when some have checks: from the server, or, `--offline`, from the `status/health.json`
/// of the last build in the output folder.
fn measure_health(
    config: &Config,
    now: crate::dates::Timestamp,
    overrides: &Overrides,
    checking: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Arc<crate::status::health::Health>> {
    let status = config.status.as_ref().filter(|s| s.is_measured())?;
    // The status site (`build --status-site`) has it at its root.
    let site_path = crate::status::health::file::SITE_PATH;
    let site_path = match config.status_site_beside {
        Some(_) => site_path.strip_prefix(crate::config::STATUS_FOLDER).unwrap_or(site_path),
        None => site_path,
    };
    let path = config.output_dir.join(site_path);
    let shown = path.strip_prefix(&config.root).map_or_else(|_| path.display().to_string(), crate::fs::slash_path);
    // The previous output's record, read from the folder the build will claim (one
    // that leads out of the handbook through a link is refused there: no history).
    let previous = match output_folder(config).and_then(|output| output.file(site_path)) {
        Some(file) => crate::status::health::file::read(&file, now),
        None => Ok(None),
    };
    let mode =
        if overrides.offline { crate::status::health::Mode::Offline } else { crate::status::health::Mode::Measure };
    let measured = crate::status::health::measure(status, now, mode, previous, &shown, checking)?;
    diagnostics.extend(measured.diagnostics);
    Some(Arc::new(measured.health))
}

/// The output folder the build will claim, as an own folder (`None` when it leads out
/// of the handbook through a link: refused there).
fn output_folder(config: &Config) -> Option<crate::fs::OwnFolder> {
    match config.output_choice {
        crate::config::OutputChoice::CommandLine => {
            Some(crate::fs::OwnFolder::named_on_command_line(&config.output_dir))
        }
        _ => config.confinement().and_then(|c| c.own_folder(&config.output_dir).ok()),
    }
}

/// Reads the peers of `[[peers]]`, when there are any, keeping their copies in the
/// build cache's folder of peers: `opsbook-peers` in `--cache-dir`, else beside the
/// output folder (`.public.opsbook-peers`); `--no-cache` keeps none.
fn read_peers(
    config: &Config,
    now: crate::dates::Timestamp,
    overrides: &Overrides,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Arc<crate::peers::Peers>> {
    if config.peers.list.is_empty() {
        return None;
    }
    let folder = match (&overrides.cache_dir, overrides.no_cache) {
        (_, true) => None,
        (Some(dir), false) => crate::fs::OwnFolder::named_on_command_line(dir).folder(crate::peers::FOLDER),
        (None, false) => output_folder(config).and_then(|output| {
            let name = output.path().file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
            output.sibling(&format!(".{name}.{}", crate::peers::FOLDER))
        }),
    };
    let peers = crate::peers::gather(&config.peers, folder.as_ref(), overrides.offline, now, diagnostics);
    Some(Arc::new(peers))
}

/// The build cache in the folder `--cache-dir` names, or else beside the claimed output
/// folder, unless the build says `--no-cache`.
fn open_cache(claim: &super::claim::Claim, overrides: &Overrides) -> Option<Arc<Cache>> {
    if overrides.no_cache {
        return None;
    }
    match &overrides.cache_dir {
        Some(dir) => Cache::open_in(&crate::fs::OwnFolder::named_on_command_line(dir)).map(Arc::new),
        None => Cache::open(&claim.dir).map(Arc::new),
    }
}

fn find_theme(config: &Config) -> Result<ThemeFiles, Failure> {
    ThemeFiles::discover(&config.root, &config.theme).map_err(Failure::Content)
}

/// Walks the content folder and reads the rules of the tool the handbook was written for.
fn walk(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Result<(ContentFiles, Rules), Failure> {
    if config.community_site {
        // `build --community`: none of the handbook's own pages.
        return Ok((ContentFiles::default(), Arc::new(crate::compat::OldTool::default())));
    }
    let content_dir = config.content_dir();
    if !content_dir.is_dir() {
        let content = &config.content_folder;
        return Err(if content == crate::config::DEFAULT_CONTENT_DIR {
            anyhow::anyhow!("no content/ folder in {}: the pages of a handbook live in content/", config.root.display())
        } else {
            anyhow::anyhow!(
                "no {content}/ folder in {}: book.toml names it as the folder of the pages",
                config.root.display()
            )
        }
        .into());
    }
    let mut files = walk_content(&config.root, &config.content_folder, Some(&config.output_dir), diagnostics);
    crate::content::mounts::walk_mounts(config, Some(&config.output_dir), &mut files, diagnostics);
    files.nav_file = crate::compat::nav_file::find_nav_file(config, &mut files, diagnostics);
    let old_tool = crate::compat::old_tool::read_after_walk(config, &mut files, diagnostics);
    if old_tool.rules().publishes_front_matter_files() {
        files.template_files = crate::compat::find_template_files(config, &mut files.assets, diagnostics);
    }
    let mut roots = crate::compat::include_roots::find(config);
    if old_tool.rules().reads_translation_tags() {
        roots.languages = crate::content::languages::listed(config, &files);
    }
    files.include_roots = Arc::new(roots);
    files.prefixed_names = crate::compat::reads_number_prefixes(config, &files);
    Ok((files, Arc::new(old_tool)))
}

/// Mounts the folders the old tool's layout publishes, before the content is walked (the
/// build and the watcher of `serve` both ask, so that they know the same folders).
pub(crate) fn mount_layout(config: &mut Config, diagnostics: &mut Vec<Diagnostic>) {
    crate::compat::mount_layout(config, diagnostics);
}

/// The pages of `files` (from `read_ahead` where read already), read, with the defaults the old tool's configuration gives them.
fn parse_pages(
    config: &Config,
    files: &ContentFiles,
    read_ahead: crate::content::walk::ReadAhead,
    rules: &dyn crate::site::source_rules::SourceRules,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Arc<SourcePage>> {
    let (mut pages, problems) = load_pages(config, &files.pages, read_ahead, &front_matter_text(config));
    diagnostics.extend(problems);
    for page in &mut pages {
        if let Some(page) = Arc::get_mut(page) {
            rules.apply_front_defaults(page, diagnostics);
        }
    }
    pages
}

/// The site paths of the files the theme and `static/` folders add (the search client's
/// parts as one `search.js`, and those loaded later), and of the extra files every build writes, so links to
/// them resolve.
fn static_and_extra_files(config: &Config, theme: &ThemeFiles) -> HashSet<String> {
    let mut files: HashSet<String> =
        theme.statics.keys().filter(|path| !crate::render::SEARCH_PARTS.contains(&path.as_str())).cloned().collect();
    if config.search {
        files.insert("search.js".to_string());
        files.extend(crate::render::SEARCH_LATER.iter().map(|part| part.to_string()));
    }
    files.extend(crate::site::extra_files::paths_known_from_config(config));
    files.extend(crate::status::paths_known_from_config(config));
    files
}

pub(super) fn assemble_site(
    config: Config,
    files: &ContentFiles,
    rules: Rules,
    pages: Vec<Arc<SourcePage>>,
    theme: &ThemeFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let other_files = static_and_extra_files(&config, theme);
    let mut site = Site::assemble(config, files, rules, pages, other_files, diagnostics);
    site.old_tool.site_warnings(&site, diagnostics);
    // The features, registered before the model asks them for theirs, in the order
    // their models are made; `prepare` gives the status page the health it measured.
    crate::alerts::register(&mut site);
    crate::status::register(&mut site, None);
    crate::blog::register(&mut site);
    let text_rules = site.old_tool.text();
    let own = site.old_tool.own_templates().clone();
    let mut templating = load_templating(&site.config, theme, (text_rules, own), diagnostics);
    if templating.data.templating == crate::content::site_data::Templating::Liquid {
        templating.pages = site.listed_pages().into();
    }
    site.templating = Some(Arc::new(templating));
    let sources = theme.statics.iter().filter_map(|(path, origin)| match origin {
        crate::render::Origin::File { shown, .. } => Some((path.clone(), shown.clone())),
        crate::render::Origin::Builtin(_) => None,
    });
    site.name_file_sources(sources.collect());
    site.read_redirects(diagnostics);
    site
}

/// Loads the templates the handbook gives its own constructs (`templates/shortcodes/`,
/// read as theme files are) and the old tool's site variables, with what the old tool
/// printed as written and the templates its site gives constructs itself.
fn load_templating(
    config: &Config,
    theme: &ThemeFiles,
    (text, own_templates): (crate::content::site_data::TextRules, crate::content::site_data::OwnTemplates),
    diagnostics: &mut Vec<Diagnostic>,
) -> crate::markdown::templating::SiteContext {
    use crate::markdown::templating::{SiteContext, TemplateSource};
    let mut sources = Vec::new();
    for (name, origin) in &theme.shortcodes {
        let shown = origin.shown(&format!("{}{name}", crate::render::theme::SHORTCODES));
        match origin.read().map(|bytes| String::from_utf8(bytes.into_owned())) {
            Ok(Ok(text)) => sources.push(TemplateSource { name: name.clone(), shown, text }),
            Ok(Err(_)) => diagnostics.push(Diagnostic::error(
                crate::diagnostic::Rule::InvalidUtf8,
                shown,
                0,
                0,
                "the template is not valid UTF-8",
            )),
            Err(e) => diagnostics.push(Diagnostic::error(
                crate::diagnostic::Rule::UnreadableFile,
                shown,
                0,
                0,
                format!("{e:#}"),
            )),
        }
    }
    let data = crate::content::site_data::SiteData {
        text,
        own_templates,
        ..crate::compat::site_data::load(config, !sources.is_empty(), diagnostics)
    };
    let (context, problems) = SiteContext::new(sources, data);
    diagnostics.extend(problems);
    context
}

/// Reads the git history on another thread while the pages are parsed and rendered:
/// the handbook's repository's, then that of each mounted folder in a repository of its
/// own (`mounted`, from [`git::locate_sources`]).
fn read_history_in_background(
    config: &Config,
    mounted: &[Option<git::Location>],
    in_repository: bool,
) -> Option<std::thread::JoinHandle<GitDates>> {
    let root = config.root.clone();
    let folders: Vec<String> = config
        .sources
        .list
        .iter()
        .zip(mounted)
        .filter(|(_, location)| location.is_some())
        .map(|(source, _)| source.folder.clone())
        .collect();
    in_repository.then(|| {
        std::thread::spawn(move || {
            let mut dates = git::read_git_dates(&root);
            for folder in &folders {
                dates.changes.extend(git::read_source_dates(&root, folder).changes);
            }
            dates
        })
    })
}

fn build_model(
    site: &mut Site,
    repository: Option<&git::Location>,
    mounted: &[Option<git::Location>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CodeOwners> {
    site.repository = repository.cloned();
    let mut roots = vec![site.config.root.as_path()];
    if let Some(repository) = repository {
        roots.push(repository.toplevel.as_path());
    }
    let codeowners = CodeOwners::load(&roots, diagnostics);
    site.mounted_owners = crate::site::MountedOwners(
        site.config
            .sources
            .list
            .iter()
            .zip(mounted)
            .map(|(source, location)| {
                let root = mounted_repository_root(&site.config.root, source, location.as_ref())?;
                CodeOwners::load(&[root.as_path()], diagnostics)
            })
            .collect(),
    );
    site.model(codeowners.as_ref(), diagnostics);
    codeowners
}

/// The root of the repository a mounted folder comes from, where its CODEOWNERS is: the
/// top of its own repository (a submodule, a nested clone), else the folder with its
/// `subdir` taken off its end (`vendor/x/docs` with `subdir = "docs"`: `vendor/x`);
/// `None` when neither says (the handbook's CODEOWNERS then applies).
fn mounted_repository_root(
    root: &Path,
    source: &crate::config::Source,
    location: Option<&git::Location>,
) -> Option<std::path::PathBuf> {
    if let Some(location) = location {
        return Some(location.toplevel.clone());
    }
    let subdir = source.subdir.trim_end_matches('/');
    if subdir.is_empty() {
        return None;
    }
    let top = source.folder.strip_suffix(subdir)?.strip_suffix('/')?;
    Some(root.join(top))
}

fn apply_history(
    site: &mut Site,
    history: Option<std::thread::JoinHandle<GitDates>>,
    shallow: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(dates) = history.and_then(|h| h.join().ok()) else { return };
    site.apply_git(&dates);
    if shallow {
        diagnostics.push(
            Diagnostic::error(
                crate::diagnostic::Rule::ShallowClone,
                ".",
                0,
                0,
                "the repository is a shallow clone: last-updated dates come from the commits it has and may be too recent",
            )
            .with_severity(crate::diagnostic::Severity::Warning)
            .with_help("fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in CI)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::pages::similarity_hash;
    use crate::pipeline::bodies::fingerprints;

    #[test]
    fn a_streaming_build_lets_each_text_go_with_the_fingerprints_of_what_it_read() {
        let root = crate::test_support::fixture_copy("model", "steps-release");
        let texts: Vec<(String, String)> = walk_content(&root, "content", None, &mut Vec::new())
            .pages
            .iter()
            .map(|path| {
                let (page, _) = crate::content::load_page(&root.join("content"), path, "content/");
                let page = page.expect("a page");
                (page.file.clone(), page.text.clone())
            })
            .collect();
        let mut diagnostics = Vec::new();
        let context = crate::pipeline::Context::default();
        let (site, ..) = prepare(
            &root,
            (&Overrides::default(), &context),
            Purpose::Stream,
            &mut Timer::new(&context),
            &mut diagnostics,
        )
        .expect("model");
        let mut released = 0;
        for page in site.pages.iter().filter(|page| page.origin.has_file()) {
            let (_, text) = texts.iter().find(|(file, _)| *file == page.source.file).expect("read before");
            let kept = page.source.released.expect("the text is let go");
            assert!(page.source.text.is_empty(), "{}", page.source.file);
            let body = &text[page.source.body_start..];
            assert_eq!(kept.len, text.len());
            assert_eq!(kept.fingerprints, fingerprints(text, page.source.body_start));
            assert_eq!(kept.fingerprints.similarity, similarity_hash(body));
            released += 1;
        }
        assert!(released > 3, "the fixture's pages were built: {released}");
    }

    /// Runs the steps of a streaming build with its cache, and keeps the cache: the model,
    /// how many pages' Markdown results the cache gave, and how many pages' postings of
    /// how many made.
    fn prepare_cached(root: &Path) -> (Site, usize, (usize, usize)) {
        let context = crate::pipeline::Context::default();
        let (site, _, _, postings, cache, _claim) = prepare(
            root,
            (&Overrides::default(), &context),
            Purpose::Stream,
            &mut Timer::new(&context),
            &mut Vec::new(),
        )
        .expect("model");
        let cache = Arc::into_inner(cache.expect("a cache")).expect("the one cache");
        let recalled = (cache.results_recalled(), (cache.terms_recalled(), postings.pages_with_postings()));
        cache.commit();
        (site, recalled.0, recalled.1)
    }

    #[test]
    fn the_markdown_step_renders_again_only_the_pages_whose_results_changed() {
        let root = crate::test_support::fixture_copy("model", "steps-cache");
        let (first, recalled, (terms, searchable)) = prepare_cached(&root);
        assert_eq!((recalled, terms), (0, 0), "nothing to recall in a first build");
        assert!(searchable > 5, "pages with postings: {searchable}");
        let (again, recalled, terms) = prepare_cached(&root);
        assert_eq!(recalled, again.pages.len(), "every page's result recalled");
        assert_eq!(terms, (searchable, searchable), "every page's postings recalled");
        for (page, before) in again.pages.iter().zip(&first.pages) {
            assert_eq!(format!("{:?}", page.rendered), format!("{:?}", before.rendered), "{}", page.source.file);
        }
        let edited = first.pages.iter().find(|page| page.origin.has_file()).expect("a page with a file");
        let path = root.join(&edited.source.file);
        let text = std::fs::read_to_string(&path).expect("the page");
        std::fs::write(&path, format!("{text}\nOne more line.\n")).expect("edit the page");
        let (_, recalled, terms) = prepare_cached(&root);
        assert_eq!(recalled, again.pages.len() - 1, "all but the edited page");
        assert_eq!(terms, (searchable - 1, searchable), "all postings but the edited page's");
        // Tags are not Markdown, but are indexed: the page's result is recalled, its
        // postings are made again.
        let tagged = root.join("content/runbooks/cache.md");
        let text = std::fs::read_to_string(&tagged).expect("the page");
        assert!(text.contains("tags: [cache]\n"), "the fixture's tags");
        std::fs::write(&tagged, text.replace("tags: [cache]\n", "tags: [cache, eviction]\n")).expect("edit");
        let (_, recalled, terms) = prepare_cached(&root);
        assert_eq!(recalled, again.pages.len(), "no Markdown changed");
        assert_eq!(terms, (searchable - 1, searchable), "all postings but the retagged page's");
    }
}
