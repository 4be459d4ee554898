//! Where an include directive's file is looked up: the folders of its dialect, tried in
//! the old tool's order, each path confined to the handbook.

use super::*;

impl Expander<'_> {
    /// The folders `include`, written in `from_file`, is looked up in, in order (the
    /// module's table), and the path to join onto each.
    pub(super) fn bases<'i>(&self, include: &'i Include, from_file: &str) -> (Vec<String>, &'i str) {
        let here = parent(from_file);
        let written = include.path.as_str();
        let content = self.content.to_string();
        let assets = RESOURCES_FOLDER.to_string();
        if let Some(rest) = written.strip_prefix('/') {
            let bases = match include.lookup {
                Lookup::SiteFolders => vec![content, String::new(), assets],
                // markdown-include reads an absolute path as one of the machine's.
                Lookup::MarkdownInclude => Vec::new(),
                _ => vec![content, String::new()],
            };
            return (bases, rest);
        }
        let bases = match include.lookup {
            Lookup::Relative => vec![here.to_string()],
            Lookup::PageRelative => {
                let page = self.stack.first().map_or(from_file, |&source| self.out.sources[source].file.as_str());
                vec![parent(page).to_string()]
            }
            Lookup::SiteFolders => {
                let mut bases = vec![here.to_string()];
                // The `_includes/` folders of the including file's folder and of each
                // folder above it, up to the content folder.
                let in_content =
                    here == content || here.strip_prefix(content.as_str()).is_some_and(|r| r.starts_with('/'));
                if !written.starts_with('.') && in_content {
                    let mut dir = here;
                    loop {
                        bases.push(format!("{dir}/{INCLUDES_FOLDER}"));
                        if dir == content || dir.is_empty() {
                            break;
                        }
                        dir = parent(dir);
                    }
                }
                bases.extend([content, String::new(), assets]);
                bases
            }
            Lookup::Snippets => {
                let mut bases = vec![here.to_string(), content];
                bases.extend(self.roots.snippets());
                bases
            }
            Lookup::IncludesFolders => self.roots.includes_folders(self.content),
            Lookup::TemplateIncludes { .. } if written.starts_with("./") || written.starts_with("../") => {
                vec![here.to_string()]
            }
            Lookup::TemplateIncludes { .. } => {
                let template = self.roots.template_includes.as_ref();
                // A folder the configuration names outside the handbook reads nothing.
                let mut bases: Vec<String> =
                    template.and_then(|e| join(&content, &e.folder).ok()).into_iter().collect();
                bases.push(match template.map(|e| e.engine) {
                    Some(Engine::Liquid) => content,
                    _ => String::new(),
                });
                bases
            }
            Lookup::SiteRoot => vec![String::new()],
            Lookup::MarkdownInclude => self.roots.markdown_include.clone().unwrap_or_default(),
            Lookup::LanguageFolders => translations::file_bases(
                self.roots,
                self.content,
                self.out.sources.first().and_then(|s| s.link_dir.as_deref()),
            ),
        };
        // Each folder once, where it first comes (the page's folder may be `content/`).
        let mut seen = std::collections::HashSet::new();
        let bases = bases.into_iter().filter(|base| seen.insert(base.clone())).collect();
        (bases, written)
    }

    /// Finds and reads the file of `include` written at `at`: its root-relative path
    /// and its text.
    pub(super) fn find(&self, include: &Include, at: Place) -> Result<(String, String), Failure> {
        let written = include.path.as_str();
        if let Some(refusal) = include.lookup.refusal(written) {
            return Err(Failure::Missing(refusal));
        }
        let (bases, relative) = self.bases(include, &self.out.sources[at.source].file);
        let with_extname;
        let relative = match self.roots.template_includes.as_ref() {
            // LiquidJS's `extname`, which Eleventy sets to `.liquid`.
            Some(e)
                if e.engine == Engine::Liquid
                    && matches!(include.lookup, Lookup::TemplateIncludes { .. })
                    && !relative.rsplit('/').next().unwrap_or(relative).contains('.') =>
            {
                with_extname = format!("{relative}.liquid");
                with_extname.as_str()
            }
            _ => relative,
        };
        let missing = |why: String| Failure::Missing(format!("cannot include `{written}`: {why}"));
        let mut tried = Vec::new();
        // A relative include may read the tool's folder of reusable content.
        let open = self.roots.reusable_folder.as_deref().filter(|_| include.lookup == Lookup::Relative);
        for base in &bases {
            let path = join_within(base, relative, open).map_err(missing)?;
            // A file of an internal page or section stays out of a public build, as a
            // link to it would.
            if let Some(in_content) = self.in_content(&path)
                && let Resolution::Internal { .. } = self.links.resolve("", &percent_encode_path(in_content))
            {
                return Err(Failure::Problem(format!(
                    "cannot include `{written}` in a public build: `{path}` is internal"
                )));
            }
            match self.files.read(&path) {
                Ok(included) => {
                    // Where the file really is decides too: a link may lead out of
                    // where it is written into an internal section or source.
                    if let Some(real) = included.content_path.as_deref()
                        && self.in_content(&path) != Some(real)
                        && let Resolution::Internal { .. } = self.links.resolve("", &percent_encode_path(real))
                    {
                        return Err(Failure::Problem(format!(
                            "cannot include `{written}` in a public build: `{path}` leads to `{real}` of the \
                             content tree, which is internal"
                        )));
                    }
                    return Ok((path, included.text));
                }
                Err(IncludeError::NotFound) => tried.push(path),
                Err(IncludeError::Outside(why)) => return Err(missing(why)),
                Err(IncludeError::Refused(why)) => {
                    return Err(Failure::Problem(format!("cannot include `{written}`: {why}")));
                }
            }
        }
        Err(Failure::NoFile(format!("no file `{written}` to include (looked for {})", quote_all(&tried))))
    }
}
