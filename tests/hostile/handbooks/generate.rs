//! The generator of the whole-handbook property test: one seed gives one sandbox, a
//! handbook (`hb/`) beside a folder outside it (`outside/`), made of random choices
//! among what the guide documents: `book.toml` values (base URL, output folder,
//! languages, audience, search, blog, status page, theme, mounted sources), pages,
//! sections and incidents marked internal, their translations (`x.de.md`, `de/x.md`),
//! internal blocks in pages, front matter and included files, includes of four tools,
//! Jekyll's Liquid, templates of the handbook's own constructs, images only internal
//! pages show, and symbolic links inside the handbook, out of it, into internal
//! sections, into output folders, to nothing and in loops.
//!
//! Every internal text holds a canary starting with [`INTERNAL`], every file outside
//! the handbook (and hidden in it) one starting with [`OUTSIDE`]: the runner looks for
//! those prefixes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::property::Random;

/// The prefix of every canary of internal text.
pub(crate) const INTERNAL: &str = "intcanary";
/// The prefix of every canary that no build may read: files outside the handbook,
/// hidden files, the environment.
pub(crate) const OUTSIDE: &str = "outcanary";

/// One generated sandbox.
pub(crate) struct Handbook {
    /// Files, by their path in the sandbox.
    pub files: BTreeMap<String, String>,
    /// Symbolic links (path in the sandbox, target as written).
    pub links: Vec<(String, String)>,
    /// Whether an opsbook site is built into `outside/site` before the runs.
    pub outside_site: bool,
    /// `--out` of the internal build, from the handbook's folder.
    pub internal_out: &'static str,
    /// The public build's own output folder (from the sandbox) when `book.toml` names one
    /// that may be written; `None` when the build must refuse it.
    pub public_out: Option<String>,
    /// The internal build's arguments after its `--out`.
    pub internal_args: Vec<&'static str>,
    /// The public build's arguments after `build`.
    pub public_args: Vec<&'static str>,
    /// Whether the handbook has a status page (then a status site is built too).
    pub status: bool,
    /// Internal canaries written, a few of which an internal build shows.
    pub canaries: usize,
}

/// What is being made: the random source and the handbook so far.
struct Maker {
    random: Random,
    /// Whether this handbook is one that should build: no choice that must fail it (half
    /// the seeds, so that public outputs exist to search for canaries).
    calm: bool,
    book: Handbook,
    /// The sandbox's absolute path, for links written absolute.
    root: String,
}

impl Maker {
    fn chance(&mut self, percent: usize) -> bool {
        self.random.below(100) < percent
    }

    /// A choice that must fail the build: never in a calm handbook.
    fn hostile(&mut self, percent: usize) -> bool {
        !self.calm && self.chance(percent)
    }

    /// A new internal canary: one search word, digits at its end so no stemmer cuts it.
    fn canary(&mut self) -> String {
        self.book.canaries += 1;
        format!("{INTERNAL}{:04}z{}", self.book.canaries, self.random.below(10))
    }

    fn file(&mut self, path: &str, text: impl Into<String>) {
        self.book.files.insert(path.to_string(), text.into());
    }

    fn link(&mut self, path: &str, target: &str) {
        self.book.links.push((path.to_string(), target.to_string()));
    }

    /// An absolute path into the sandbox.
    fn absolute(&self, path: &str) -> String {
        format!("{}/{path}", self.root)
    }
}

/// A TOML basic string holding `text`.
fn toml(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => out.extend(['\\', c]),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The handbook of `seed`, for a sandbox at `root`.
pub(crate) fn handbook(seed: u64, root: &Path) -> Handbook {
    let book = Handbook {
        files: BTreeMap::new(),
        links: Vec::new(),
        outside_site: false,
        internal_out: "internal",
        public_out: Some("hb/public".into()),
        internal_args: Vec::new(),
        public_args: vec!["build"],
        status: false,
        canaries: 0,
    };
    let mut random = Random(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x0b5b_0c5e);
    let calm = random.below(2) == 0;
    let mut maker = Maker { random, calm, book, root: root.display().to_string() };
    outside(&mut maker);
    let config = config(&mut maker);
    maker.file("hb/book.toml", config.text.clone());
    pages(&mut maker, &config);
    links(&mut maker, &config);
    maker.book
}

/// The folder outside the handbook: files with canaries, and now and then an opsbook
/// site that links lead to.
fn outside(maker: &mut Maker) {
    maker.file("outside/secret.md", format!("---\ntitle: Outside\n---\n\n{OUTSIDE}1 page\n"));
    maker.file("outside/secret.svg", format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- {OUTSIDE}2 --></svg>\n"));
    maker.file("outside/dir/page.md", format!("# Outside dir\n\n{OUTSIDE}3 folder\n"));
    maker.file("hb/.git/config", format!("[core]\n# {OUTSIDE}4 hidden\n"));
    maker.file("hb/.env", format!("TOKEN={OUTSIDE}5\n"));
    maker.book.outside_site = maker.chance(30);
}

/// What `book.toml` chose, for the pages.
struct Config {
    text: String,
    languages: bool,
    jekyll: bool,
    templates: bool,
    status: bool,
    blog: bool,
    source: Option<bool>,
}

/// `book.toml`, and the files its choices need.
fn config(maker: &mut Maker) -> Config {
    let mut text = String::from("[handbook]\ntitle = \"Generated\"\n");
    let base = if !maker.hostile(30) {
        maker.random.pick(&["https://ops.example.org/hb/", "/", "/docs/", "http://localhost:8080"])
    } else {
        maker.random.pick(&[
            "//evil.example/",
            "https://user@evil.example/",
            "/a b/",
            "javascript:alert(1)",
            "/\u{1}x/",
        ])
    };
    text.push_str(&format!("base-url = {}\n", toml(base)));
    let languages = maker.chance(45);
    if languages {
        let list = if maker.hostile(10) { "[\"en\", \"..\"]" } else { "[\"en\", \"de\"]" };
        text.push_str(&format!("languages = {list}\n"));
    }
    text.push_str("\n[build]\n");
    output(maker, &mut text);
    if maker.chance(10) {
        text.push_str("audience = \"internal\"\n");
        maker.book.public_args.extend(["--audience", "public"]);
    } else if maker.chance(50) {
        maker.book.public_args.extend(["--audience", "public"]);
    }
    if maker.hostile(15) {
        // The internal build's cache as a content file a public build would publish.
        maker.book.internal_args.extend(["--cache-dir", maker.random.pick(&["content/cache", "static/cache"])]);
    }
    let theme = maker.chance(15);
    if theme {
        text.push_str("theme = \"house\"\n");
        maker.file("hb/themes/house/static/house.css", "body { color: black; }\n");
    }
    if maker.chance(50) {
        text.push_str("\n[check]\nlinks = \"warn\"\n");
    }
    if maker.chance(15) {
        text.push_str("\n[search]\nenabled = false\n");
    }
    let blog = maker.chance(25);
    if blog {
        let permalink = if maker.hostile(30) {
            "/../:title/"
        } else {
            maker.random.pick(&["/news/:year/:title/", "/:categories/:title/"])
        };
        let per_page = 1 + maker.random.below(3);
        text.push_str(&format!("\n[blog]\npermalink = {}\nper-page = {per_page}\n", toml(permalink)));
    }
    let status = maker.chance(30);
    if status {
        text.push_str(
            "\n[status]\ncomponents = [{ id = \"db\", name = \"Database\" }, { id = \"api\", name = \"API\" }]\n",
        );
        maker.book.status = true;
    }
    let source = maker.chance(25).then(|| maker.chance(50));
    if let Some(internal) = source {
        let path = match maker.random.below(10) {
            _ if maker.calm => "vendor/team",
            0..=1 => "vendor/out",
            2..=3 => "vendor/vault",
            _ => "vendor/team",
        };
        let visibility = if internal { "visibility = \"internal\"\n" } else { "" };
        text.push_str(&format!("\n[[sources]]\npath = \"{path}\"\nmount = \"team\"\n{visibility}"));
        if path == "vendor/out" {
            let target = maker.absolute("outside/dir");
            maker.link("hb/vendor/out", &target);
        } else if path == "vendor/vault" {
            maker.link("hb/vendor/vault", "../content/vault");
        }
    }
    let jekyll = maker.chance(25);
    if jekyll {
        maker.file("hb/_config.yml", "title: Generated\n");
    }
    let templates = maker.chance(30);
    if templates {
        maker.file("hb/templates/shortcodes/card.html", "<section class=\"card\">{{ inner }}</section>\n");
        maker.file("hb/templates/shortcodes/box.html", "<div class=\"box\">{{ body }}</div>\n");
        maker.file("hb/templates/shortcodes/note.md", "> {{ inner }}\n");
    }
    let languages = languages && !text.contains("\"..\"");
    Config { text, languages, jekyll, templates, status, blog, source }
}

/// `[build] output-dir`: a folder the build may write, or one it must refuse.
fn output(maker: &mut Maker, text: &mut String) {
    maker.book.internal_out = if maker.chance(50) { "internal" } else { "../internal-site" };
    let choice = maker.random.below(20);
    let (line, out) = match choice {
        11..=17 if maker.calm => (None, Some("hb/public")),
        0..=7 => (None, Some("hb/public")),
        8..=10 => (Some("site/out"), Some("hb/site/out")),
        11 => {
            let target = maker.absolute("outside");
            maker.link("hb/link", &target);
            (Some("link/site"), None)
        }
        12 | 13 => {
            maker.book.outside_site = true;
            let target = maker.absolute("outside/site");
            maker.link("hb/public", &target);
            (None, None)
        }
        14 => (Some("../escape"), None),
        15 => (Some("content/out"), None),
        16 => (Some(".hidden"), None),
        17 => (Some("o300"), None),
        // Into the internal build's folder: that build's files are replaced.
        _ if maker.book.internal_out == "internal" => (Some("internal"), Some("hb/internal")),
        _ => (None, Some("hb/public")),
    };
    match line {
        Some("o300") => text.push_str(&format!("output-dir = \"{}\"\n", "o".repeat(300))),
        Some(dir) => text.push_str(&format!("output-dir = {}\n", toml(dir))),
        None => {}
    }
    maker.book.public_out = out.map(str::to_string);
}

/// A page's front matter and body.
fn page(title: &str, front: &str, body: &str) -> String {
    format!("---\ntitle: {}\n{front}---\n\n{body}\n", toml(title))
}

/// The pages, sections, incidents, posts, translations and included files.
fn pages(maker: &mut Maker, config: &Config) {
    maker.file("hb/content/_index.md", page("Home", "", "The public home page.\n\nSee [the first page](pub0.md)."));
    let publics = 2 + maker.random.below(3);
    for n in 0..publics {
        let body = public_body(maker, config, n);
        let mut front = "tags: [ops]\n".to_string();
        if maker.chance(30) {
            let canary = maker.canary();
            front.push_str(&format!(
                "description: |\n  Public words.\n  <!-- internal -->\n  {canary}\n  <!-- /internal -->\n"
            ));
        }
        maker.file(&format!("hb/content/pub{n}.md"), page(&format!("Public {n}"), &front, &body));
    }
    maker.file("hb/content/img/shown.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n");
    for n in 0..1 + maker.random.below(3) {
        let (canary, image, tag) = (maker.canary(), maker.canary(), maker.canary());
        maker.file(&format!("hb/content/img/only-{image}.svg"), format!("<svg><!-- {image} --></svg>\n"));
        let front = format!("visibility: internal\ntags: [{tag}]\nowners: [\"@{tag}\"]\naliases: [\"/old-{tag}/\"]\n");
        let body = format!("{canary} internal page.\n\n![plan](img/only-{image}.svg)\n\n[home](pub0.md)\n");
        maker.file(&format!("hb/content/int{n}.md"), page(&format!("Internal {canary}"), &front, &body));
        if config.languages {
            let canary = maker.canary();
            let path =
                if maker.chance(50) { format!("hb/content/int{n}.de.md") } else { format!("hb/content/de/int{n}.md") };
            maker.file(&path, page(&format!("Intern {canary}"), "", &format!("{canary} Übersetzung.\n")));
        }
    }
    // An internal page and section named by canaries: their URLs are internal too.
    let (name, folder) = (maker.canary(), maker.canary());
    maker.file(&format!("hb/content/{name}.md"), page("Named", "visibility: internal\n", "Named internal page.\n"));
    maker.file(
        &format!("hb/content/{folder}/_index.md"),
        page("Folder", "visibility: internal\n", "Internal folder.\n"),
    );
    maker.file(&format!("hb/content/{folder}/page.md"), page("In the folder", "", "A page of it.\n"));
    maker.file(&format!("hb/content/{folder}/file.txt"), "A file of it.\n");
    if maker.chance(60) {
        let (section, keys, plan) = (maker.canary(), maker.canary(), maker.canary());
        maker.file(
            "hb/content/vault/_index.md",
            page("Vault", "visibility: internal\n", &format!("{section} section.\n")),
        );
        maker.file(
            "hb/content/vault/keys.md",
            page(&format!("Keys {keys}"), "", &format!("{keys}\n\n![plan](plan.svg)\n")),
        );
        maker.file("hb/content/vault/plan.svg", format!("<svg><!-- {plan} --></svg>\n"));
        let canary = maker.canary();
        maker.file("hb/content/vault/public.md", page("Public?", "visibility: public\n", &format!("{canary}\n")));
        if maker.chance(20) {
            let canary = maker.canary();
            maker.file("hb/content/vault/_category_.json", format!("{{\"label\": \"Label {canary}\"}}\n"));
        }
        if maker.chance(20) {
            let (one, two) = (maker.canary(), maker.canary());
            let summary = format!(
                "# Summary\n\n- [Home](_index.md)\n- [Public 0](pub0.md)\n- [Internal {one}](int0.md)\n- [Vault {two}](vault/_index.md)\n  - [Keys](vault/keys.md)\n"
            );
            maker.file("hb/content/SUMMARY.md", summary);
        }
        if config.languages {
            let canary = maker.canary();
            maker
                .file("hb/content/vault/keys.de.md", page("Schlüssel", "visibility: public\n", &format!("{canary}\n")));
            let canary = maker.canary();
            maker.file("hb/content/de/vault/extra.md", page("Extra", "", &format!("{canary}\n")));
        }
    }
    if config.languages {
        maker.file("hb/content/pub0.de.md", page("Öffentlich", "", "Öffentlicher Text.\n"));
    }
    if config.status {
        incidents(maker, config);
    }
    if config.blog || config.jekyll {
        let canary = maker.canary();
        let folder = if config.jekyll { "hb/content/_posts" } else { "hb/content/blog/_posts" };
        maker.file(&format!("{folder}/2024-01-05-public-post.md"), page("Public post", "", "A public post.\n"));
        let front = "visibility: internal\n";
        maker
            .file(&format!("{folder}/2024-01-06-internal-post.md"), page(&canary, front, &format!("{canary} post.\n")));
    }
    if let Some(internal) = config.source {
        let canary = maker.canary();
        let text = if internal { format!("{canary} mounted.\n") } else { "Mounted public text.\n".to_string() };
        maker.file("hb/vendor/team/guide.md", page("Team guide", "", &text));
        maker.file(
            "hb/vendor/team/internal.md",
            page("Team secret", "visibility: internal\n", &format!("{canary} x\n")),
        );
    }
    let canary = maker.canary();
    let snippet =
        format!("Shared public line.\n\n<!-- internal -->\n{canary} snippet\n<!-- /internal -->\n\nShared end.\n");
    maker.file("hb/snippets/shared.md", snippet.clone());
    maker.file("hb/content/_includes/shared.md", snippet);
    let canary = maker.canary();
    maker.file("hb/snippets/internal.md", page("Snippet", "visibility: internal\n", &format!("{canary}\n")));
}

/// A public page's body: public text, with internal blocks, includes and constructs.
fn public_body(maker: &mut Maker, config: &Config, n: usize) -> String {
    let mut parts = vec![format!("Public text of page {n}.")];
    let next = (n + 1) % 2;
    parts.push(format!("See [the next page](pub{next}.md) and ![a picture](img/shown.svg)."));
    for _ in 0..1 + maker.random.below(4) {
        let canary = maker.canary();
        let part = match maker.random.below(18) {
            0 => {
                format!("<!-- internal -->\n{canary} block\n\n[v]: https://vault.example/{canary}\n<!-- /internal -->")
            }
            1 => format!("> [!INTERNAL]\n> {canary} callout"),
            2 => format!("<!-- internal -->\n![only](img/block-{canary}.svg)\n<!-- /internal -->"),
            3 => "{{#include ../snippets/shared.md}}".to_string(),
            4 => "{{% include \"snippets/shared.md\" %}}".to_string(),
            5 => "--8<-- \"../snippets/shared.md\"".to_string(),
            6 if config.jekyll => format!(
                "<!-- internal -->\n{{% assign secret = \"{canary}\" %}}\n{{% capture kept %}}{canary}{{% endcapture %}}\n<!-- /internal -->\n\nValue: {{{{ secret }}}} {{{{ kept }}}} {{{{ page.title }}}}"
            ),
            7 if config.jekyll => "{% include shared.md %}\n\n{% for i in (1..3) %}{{ i }} {% endfor %}".to_string(),
            8 if config.templates => format!(
                "{{{{< card >}}}}\nCard text.\n\n<!-- internal -->\n{canary} card\n<!-- /internal -->\n{{{{< /card >}}}}"
            ),
            9 if config.templates => {
                format!("{{{{< box >}}}}\n<!-- internal -->\n{canary} box\n<!-- /internal -->\n{{{{< /box >}}}}")
            }
            10 if config.templates => {
                format!("{{{{% note %}}}}\n<!-- internal -->\n{canary} note\n<!-- /internal -->\n{{{{% /note %}}}}")
            }
            12 => format!("Public text[^f{n}].\n\n<!-- internal -->\n[^f{n}]: {canary} footnote\n<!-- /internal -->"),
            13 => format!(
                "<!-- internal -->\n## Heading {canary}\n\n```\n{canary} code\n```\n\n<div>{canary} html</div>\n\n<!-- /internal -->"
            ),
            14 => format!("- item\n\n  <!-- internal -->\n  {canary} in a list\n  <!-- /internal -->"),
            15 => format!(
                "<!-- internal -->\n{{{{#include ../snippets/internal.md}}}}\n\nSee [secret](int0.md), {canary}.\n<!-- /internal -->"
            ),
            16 if config.jekyll => {
                "{% for p in site.pages %}{{ p.title }} {% endfor %}{% for p in site.posts %}{{ p.title }} {% endfor %}"
                    .into()
            }
            // Now and then what a public page may not do: the build must fail.
            11 if maker.hostile(60) => {
                maker.random.pick(&["[secret](int0.md)", "{{#include ../snippets/internal.md}}"]).to_string()
            }
            _ => format!("A public paragraph, not {}.", &canary[INTERNAL.len()..]),
        };
        if part.contains("img/block-") {
            maker.file(&format!("hb/content/img/block-{canary}.svg"), format!("<svg><!-- {canary} --></svg>\n"));
        }
        parts.push(part);
    }
    parts.join("\n\n")
}

/// Incidents of the status page: internal ones, their translations, and public ones
/// whose updates hold internal blocks.
fn incidents(maker: &mut Maker, config: &Config) {
    let (title, update, block) = (maker.canary(), maker.canary(), maker.canary());
    let internal = format!(
        "visibility: internal\nkind: incident\nstatus: investigating\nstarted_at: 2026-11-10T08:00:00Z\ncomponents:\n  db: major_outage\nupdates:\n  - at: 2026-11-10T08:05:00Z\n    status: investigating\n    text: {update} update.\n"
    );
    maker.file("hb/content/status/secret.md", page(&format!("Outage {title}"), &internal, &format!("{title} body.\n")));
    if config.languages {
        let canary = maker.canary();
        let front = format!("updates:\n  - at: 2026-11-10T08:05:00Z\n    text: {canary} Update.\n");
        maker.file("hb/content/status/secret.de.md", page("Störung", &front, &format!("{canary}\n")));
    }
    let public = format!(
        "kind: incident\nstatus: resolved\nstarted_at: 2026-11-01T08:00:00Z\nresolved_at: 2026-11-01T09:00:00Z\ncomponents:\n  api: partial_outage\nupdates:\n  - at: 2026-11-01T08:30:00Z\n    status: identified\n    text: |\n      The API was slow.\n      <!-- internal -->\n      {block} customer\n      <!-- /internal -->\n"
    );
    maker.file("hb/content/status/slow.md", page("Slow API", &public, "The API was slow for an hour.\n"));
}

/// Symbolic links: inside the handbook, out of it, into internal places and output
/// folders, to nothing, and in loops.
fn links(maker: &mut Maker, config: &Config) {
    let outside = maker.absolute("outside");
    // (percent, whether the build must fail, link, target)
    let choices: Vec<(usize, bool, &str, String)> = vec![
        (12, true, "hb/content/linked-out.md", format!("{outside}/secret.md")),
        (8, true, "hb/content/linked-dir", format!("{outside}/dir")),
        (8, true, "hb/content/img/out.svg", format!("{outside}/secret.svg")),
        (30, false, "hb/content/pub-alias.md", "int0.md".into()),
        (30, false, "hb/content/open", "vault".into()),
        (30, false, "hb/static/leak.svg", "../content/vault/plan.svg".into()),
        (8, true, "hb/static/out.svg", format!("{outside}/secret.svg")),
        (8, true, "hb/static/env.txt", "/proc/self/environ".into()),
        (8, true, "hb/static/git.txt", "../.git/config".into()),
        (10, true, "hb/content/loop", ".".into()),
        (8, true, "hb/content/a.md", "b.md".into()),
        (8, true, "hb/content/b.md", "a.md".into()),
        (8, true, "hb/content/dangling.md", "nowhere.md".into()),
        (8, true, "hb/content/from-internal-build.md", "../internal/index.html".into()),
        (8, true, "hb/static/internal-build", "../internal".into()),
        (8, true, "hb/content/from-site.md", "../public/index.html".into()),
        (30, false, "hb/themes/house/static/leak.svg", "../../../content/vault/plan.svg".into()),
    ];
    for (percent, fails, path, target) in choices {
        let theme_missing = path.contains("themes/") && !config.text.contains("theme = ");
        let taken = maker.book.files.contains_key(path) || maker.book.links.iter().any(|(p, _)| p == path);
        let chosen = if fails { maker.hostile(percent) } else { maker.chance(percent) };
        if !theme_missing && !taken && chosen {
            maker.link(path, &target);
        }
    }
    if maker.hostile(20) {
        // An image that is a link to an internal one, shown by a public page: refused.
        maker.link("hb/content/img/also.svg", "../vault/plan.svg");
        let text = maker.book.files.get("hb/content/pub0.md").cloned().unwrap_or_default();
        maker.file("hb/content/pub0.md", format!("{text}\n![also](img/also.svg)\n"));
    }
}
