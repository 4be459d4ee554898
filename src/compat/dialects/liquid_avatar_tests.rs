//! jekyll/jekyll-avatar `spec/jekyll/avatar_spec.rb` at
//! 4e12e7b55f24fc3e0c20ae494d0ef35d33745353 (the context of each case named in its
//! test), run through a page's Liquid as [`super::super::evaluate`] runs it.

use super::*;
use crate::content::site_data::Templating;

/// `body` rendered as a page of a Jekyll site whose `_config.yml` lists `plugins`, with
/// the front matter `front` (YAML).
fn render_with(body: &str, plugins: serde_json::Value, front: &str) -> String {
    let config = serde_json::json!({"title": "T", "plugins": plugins});
    let data = crate::content::site_data::SiteData {
        templating: Templating::Liquid,
        globals: serde_json::Map::from_iter([("site".to_string(), config.clone())]),
        site: config,
        ..Default::default()
    };
    let (context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
    let text = format!("---\n{front}---\n");
    let split = crate::content::front_matter::split_front_matter(&text).expect("front matter");
    let fields = crate::content::front_matter::parse_fields(&split.front.expect("a block")).expect("fields");
    let templating = crate::markdown::templating::PageTemplating::new(&context, vec![&fields]);
    let page = super::super::evaluate::tests::liquid_page(&templating);
    let mut collected = super::super::Collected::default();
    // A page whose only tag is left to the later stages is not evaluated.
    let output = super::super::evaluate::evaluate(body, page, &mut collected).map_or(body.to_string(), |o| o.text);
    assert!(collected.problems.is_empty(), "{:?}", collected.problems);
    output
}

fn render(body: &str) -> String {
    render_with(body, serde_json::json!(["jekyll-avatar"]), "title: T\n")
}

/// The `src` and `srcset` the spec builds of `username` at `width` on server `server`.
fn src_and_srcset(server: u32, username: &str, width: u64) -> (String, String) {
    let url =
        |scale: u64| format!("https://avatars{server}.githubusercontent.com/{username}?v=3&amp;s={}", width * scale);
    let srcset = (1..=4).map(|scale| format!("{} {scale}x", url(scale))).collect::<Vec<_>>().join(", ");
    (url(1), srcset)
}

/// "outputs the HTML", "determines the server number" (3), "builds the path", "defaults
/// to the default size", "builds the URL", "builds the params", "includes
/// data-proofer-ignore", "retina" (the srcset), "with a size < 48".
#[test]
fn writes_the_img_of_a_user() {
    let (src, srcset) = src_and_srcset(3, "hubot", 40);
    assert_eq!(
        render("{% avatar hubot %}"),
        format!(
            "<img class=\"avatar avatar-small\" alt=\"hubot\" width=\"40\" height=\"40\" data-proofer-ignore=\"true\" src=\"{src}\" srcset=\"{srcset}\" />"
        )
    );
    assert_eq!(crc32(b"hubot?v=3&s=40") % 4, 3);
    // "when passed @hubot as a username".
    assert_eq!(render("{% avatar @hubot %}"), render("{% avatar hubot %}"));
}

/// "with a size is passed" (45), "with a size > 48" (no `avatar-small`).
#[test]
fn reads_the_size() {
    assert!(render("{% avatar hubot size=45 %}").contains("width=\"45\" height=\"45\""));
    let large = render("{% avatar hubot size=80 %}");
    assert!(large.contains("class=\"avatar\"") && large.contains("s=160 2x"), "{large}");
    assert_eq!(size_of("hubot"), "40");
    assert_eq!(size_of("hubot SIZE=12"), "12");
    assert_eq!(size_of("hubot fontsize=12"), "40");
}

/// "when passed the username as a rendered variable", "... as a variable-argument", "...
/// as a sub-variable-argument" (`page.author`), each on server 0.
#[test]
fn reads_the_user_from_a_variable() {
    let (src, _) = src_and_srcset(0, "hubot2", 40);
    let src = format!("src=\"{src}\"");
    assert!(render("{% assign user='hubot2' %}{% avatar {{ user }} %}").contains(&src));
    assert!(render("{% assign user='hubot2' %}{% avatar user=user %}").contains(&src));
    let page = render_with("{% avatar user=page.author %}", serde_json::json!(["jekyll-avatar"]), "author: hubot2\n");
    assert!(page.contains(&src), "{page}");
    // `lookup_variable`: a variable not set is its own name.
    assert!(render("{% avatar user=nobody %}").contains("alt=\"nobody\""));
}

/// "loops": each avatar of a loop has its user.
#[test]
fn renders_each_avatar_of_a_loop() {
    let out =
        render("{% assign users = \"a|b\" | split:\"|\" %}{% for user in users %}{% avatar user=user %}{% endfor %}");
    assert!(out.contains("alt=\"a\"") && out.contains("alt=\"b\""), "{out}");
}

/// "lazy loading": the URL in `data-src`, an empty `src`, no `srcset`.
#[test]
fn loads_lazily() {
    let (src, srcset) = src_and_srcset(3, "hubot", 40);
    let out = render("{% avatar hubot lazy=true %}");
    assert!(out.contains(&format!("src=\"\" data-src=\"{src}\" data-srcset=\"{srcset}\"")), "{out}");
    assert!(!out.contains(" srcset="), "{out}");
}

/// A site that does not list the plugin keeps the tag for the later stages, as any tag
/// of a plugin opsbook does not run.
#[test]
fn is_read_only_when_the_site_lists_the_plugin() {
    let out = render_with("{% avatar hubot %}", serde_json::json!(["jekyll-feed"]), "title: T\n");
    assert!(!out.contains("<img"), "{out}");
}
