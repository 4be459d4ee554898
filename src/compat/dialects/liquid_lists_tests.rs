//! Jekyll's own cases of its lists of pages, from jekyll/jekyll at
//! 202df571314ba1d18e9fccd81d12aaad4a703c38 (file and context named in each test), run
//! through a page's Liquid as [`super::super::evaluate`] runs it.

use std::sync::Arc;

use super::*;
use crate::compat::dialects::liquid_order::KeyOrders;
use crate::content::site_data::Templating;

fn listed(path: &str, url: &str, front: serde_json::Value) -> ListedPage {
    let stem = file_name(path).split('.').next().unwrap_or("");
    let date = (without_date(stem) != stem).then(|| crate::dates::Date::parse(&stem[..10])).flatten();
    let fields = front.as_object().into_iter().flatten().map(|(key, value)| crate::content::front_fields::Field {
        key: key.clone(),
        line: 1,
        column: 1,
        value: crate::content::node::Located::new(crate::content::node::Node::from_json(value.clone(), 1, 1), 1, 1),
    });
    ListedPage { path: path.into(), url: url.into(), date, front: fields.collect::<Vec<_>>().into(), body: None }
}

/// [`listed`], with the body `body` in a build for the audience `public` says.
fn with_body(page: ListedPage, body: &str, public: bool) -> ListedPage {
    let made = crate::content::SourcePage::made(page.path.clone(), page.path.clone(), Default::default(), body.into());
    let source = crate::markdown::templating::BodySource::Kept(Arc::new(made));
    let html = page.path.ends_with(".html");
    let body = Some(crate::markdown::templating::ListedBody { source, body_start: 0, public, html });
    ListedPage { body, ..page }
}

/// The pages of a small Jekyll site: two pages, three documents of `methods`, one of
/// `roles`, two posts.
fn pages() -> Arc<[ListedPage]> {
    vec![
        listed(
            "_methods/configuration.md",
            "methods/configuration.html",
            serde_json::json!({"title": "Jekyll.configuration"}),
        ),
        listed(
            "_methods/yaml_with_dots.md",
            "methods/yaml_with_dots.html",
            serde_json::json!({"title": "YAML with Dots"}),
        ),
        listed("_methods/trailing-dots...md", "methods/trailing-dots.html", serde_json::json!({})),
        listed("_posts/2008-11-21-complex.md", "2008/11/21/complex.html", serde_json::json!({})),
        listed("_posts/2009-01-27-no-title.md", "2009/01/27/no-title.html", serde_json::json!({"tags": ["a"]})),
        listed("_roles/named.md", "roles/named.html", serde_json::json!({"name": "launcher"})),
        listed("about.md", "about/", serde_json::json!({"title": "About", "nav": 2})),
        listed("contacts/bar.md", "contacts/bar.html", serde_json::json!({})),
    ]
    .into()
}

/// `body` rendered as a page of the site above, whose `_config.yml` is `config`.
fn render(body: &str, config: serde_json::Value) -> String {
    render_with(body, config, pages())
}

/// [`render`] with the site's pages `pages`.
fn render_with(body: &str, config: serde_json::Value, pages: Arc<[ListedPage]>) -> String {
    let data = crate::content::site_data::SiteData {
        templating: Templating::Liquid,
        globals: serde_json::Map::from_iter([("site".to_string(), config.clone())]),
        site: config,
        ..Default::default()
    };
    let (mut context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
    context.pages = pages;
    let templating = crate::markdown::templating::PageTemplating::new(&context, Vec::new());
    let page = super::super::evaluate::tests::liquid_page(&templating);
    let mut collected = super::super::Collected::default();
    let output = super::super::evaluate::evaluate(body, page, &mut collected).expect("evaluated");
    assert!(collected.problems.is_empty(), "{:?}", collected.problems);
    output.text
}

fn methods_and_roles() -> serde_json::Value {
    serde_json::json!({"title": "T", "collections": {"methods": {"output": true, "foo": "bar"}, "roles": {}}})
}

/// `test/test_site_drop.rb`, "a site drop": "find a key if it's in the collection of the
/// drop" (`collections: ["thanksgiving"]`, a list of labels).
#[test]
fn a_collection_label_is_a_key_of_the_site() {
    let config = serde_json::json!({"collections": ["thanksgiving"]});
    assert_eq!(render("{% if site.thanksgiving %}yes{% endif %}|{{ site.thanksgiving | size }}", config), "yes|0");
}

/// `test/test_document.rb`: "output the collection name in the #to_liquid method",
/// "output its relative path as path in Liquid", "... respect the front matter
/// definition" (`name`), the title of `_methods/yaml_with_dots.md` ("YAML with Dots"),
/// "trailing dots" (`/methods/trailing-dots.html`); `lib/jekyll/document.rb`'s `id`.
#[test]
fn a_document_has_jekyll_attributes() {
    let body = "{% for m in site.methods %}{{ m.collection }} {{ m.path }} {{ m.title }} {{ m.url }} {{ m.id }} {{ m.name }};{% endfor %}";
    assert_eq!(
        render(body, methods_and_roles()),
        "methods _methods/configuration.md Jekyll.configuration /methods/configuration.html /methods/configuration configuration.md;\
         methods _methods/trailing-dots...md Trailing Dots /methods/trailing-dots.html /methods/trailing-dots trailing-dots...md;\
         methods _methods/yaml_with_dots.md YAML with Dots /methods/yaml_with_dots.html /methods/yaml_with_dots yaml_with_dots.md;"
    );
    assert_eq!(
        render("{{ site.roles[0].name }} {{ site.roles[0].relative_path }}", methods_and_roles()),
        "launcher _roles/named.md"
    );
}

/// `test/test_collections.rb`, "a simple collection ... when turned into Liquid": "have a
/// label attribute", "a docs attribute", "a files attribute", "a relative_directory
/// attribute", "a output attribute"; the collection's own settings too
/// (`CollectionDrop`'s `metadata`); `site_drop.rb`: sorted by label, posts among them.
#[test]
fn a_collection_has_its_label_docs_and_settings() {
    let body = "{% for c in site.collections %}{{ c.label }} {{ c.relative_directory }} {{ c.output }} {{ c.docs | size }} {{ c.files | size }} {{ c.foo }};{% endfor %}";
    assert_eq!(
        render(body, methods_and_roles()),
        "methods _methods true 3 0 bar;posts _posts true 2 0 ;roles _roles false 1 0 ;"
    );
}

/// `site_drop.rb`: `posts` newest first, `documents` every collection's, `pages` and
/// `html_pages` the pages no collection holds (`Page#to_liquid`'s `url`, `dir`, `name`,
/// `path`); `document.rb`'s `populate_title` (a post's title from its slug) and `date`
/// (from its file name).
#[test]
fn the_site_lists_its_posts_documents_and_pages() {
    let config = methods_and_roles();
    let posts = "{% for p in site.posts %}{{ p.title }} {{ p.slug }} {{ p.date | date: '%Y-%m-%d' }} {{ p.tags | size }};{% endfor %}";
    assert_eq!(render(posts, config.clone()), "No Title no-title 2009-01-27 1;Complex complex 2008-11-21 0;");
    assert_eq!(
        render(
            "{{ site.documents | size }} {{ site.documents | map: 'collection' | uniq | join: ',' }}",
            config.clone()
        ),
        "6 posts,methods,roles"
    );
    let pages = "{% for p in site.pages %}{{ p.url }} {{ p.dir }} {{ p.name }} {{ p.path }} {{ p.title }};{% endfor %}|{{ site.html_pages | size }}";
    assert_eq!(
        render(pages, config),
        "/about/ /about/ about.md about.md About;/contacts/bar.html /contacts/ bar.md contacts/bar.md ;|2"
    );
}

/// What machinetranslate's API list does: the pages whose path holds a folder pushed
/// into a list, then read in nested loops, with `where` and `sort` over the items.
#[test]
fn items_are_values_that_filters_and_push_take() {
    let body = "{% assign found = '' | split: '' %}{% for p in site.pages %}{% if p.path contains 'contacts/' %}{% assign found = found | push: p %}{% endif %}{% endfor %}\
                {% for i in (1..2) %}{% for p in found %}{{ p.url }}{% endfor %}{% endfor %}|{{ site.pages | where: 'nav', 2 | map: 'title' | join }}|{{ site.methods | sort: 'title' | map: 'name' | first }}";
    assert_eq!(render(body, methods_and_roles()), "/contacts/bar.html/contacts/bar.html|About|configuration.md");
}

/// Jekyll's `push` (`lib/jekyll/filters.rb`, `push`: `new_ary = array.dup; new_ary.push`)
/// makes a new array of the same items: a pushed item of `site.pages` reads as the
/// page's item does, a loop over the list runs over the list it was given while the
/// loop pushes onto the variable, and an `assign` replaces the list.
#[test]
fn a_pushed_item_is_the_page_item() {
    let body = "{% assign l = '' | split: '' %}{% for p in site.pages %}{% assign l = l | push: p %}{% for q in l %}{{ q.name }},{% endfor %};{% endfor %}\
                |{{ l | where: 'name', 'bar.md' | map: 'url' | join }}|{% assign l = l | push: 'x' %}{{ l.size }} {{ l.first.title }} {{ l[-2].url }} {{ l.last }}\
                |{% for q in l reversed %}{{ q.name }}{% endfor %}|{% assign l = 'a,b' | split: ',' %}{{ l | join }}\
                |{% assign a = '' | split: '' %}{% assign a = a | push: 1 %}{% for i in a %}{% assign a = a | push: i %}{% endfor %}{{ a | join: ',' }}";
    assert_eq!(
        render(body, methods_and_roles()),
        "about.md,;about.md,bar.md,;|/contacts/bar.html|3 About /contacts/bar.html x|bar.mdabout.md|a b|1,1"
    );
}

/// The lists are made when first read: a page that reads none makes none.
#[test]
fn a_list_is_made_when_first_read() {
    let config = crate::compat::dialects::liquid_order::to_liquid(&methods_and_roles(), &mut KeyOrders::default());
    let Value::Object(config) = config else { panic!("a map") };
    let read = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let site = SiteView::new(config, pages(), read.clone());
    assert!(site.lists.values().all(|cell| cell.get().is_none()));
    assert!(site.get("title").is_some() && !read.load(std::sync::atomic::Ordering::Relaxed), "no list read yet");
    assert_eq!(site.get("pages").and_then(|p| p.as_array()).map(|a| a.size()), Some(2));
    assert!(site.lists["pages"].get().is_some() && site.lists["posts"].get().is_none());
    assert!(read.load(std::sync::atomic::Ordering::Relaxed), "a list read is known");
}

/// An item shares its page's front matter, not a copy of it, and makes a field's
/// value only when it is read; a whole item (`jsonify`) is every field, its list of maps
/// each with every key of the list, as a page's own front matter reads.
#[test]
fn an_item_views_its_page_front_matter() {
    let config = crate::compat::dialects::liquid_order::to_liquid(&methods_and_roles(), &mut KeyOrders::default());
    let Value::Object(config) = config else { panic!("a map") };
    let mut listed = pages().to_vec();
    listed[6] = listed_at(6, serde_json::json!({"title": "About", "nav": 2, "links": [{"a": 1}, {"b": "x"}]}));
    let shared = listed[6].front.0.clone();
    let site = SiteView::new(config, listed.into(), Default::default());
    let about = site.get("pages").and_then(|p| p.as_array()).and_then(|a| a.get(0)).expect("an item");
    let about = about.as_object().expect("a map");
    assert_eq!(std::sync::Arc::strong_count(&shared), 3, "this test's, the site's pages' and the item's");
    assert_eq!(about.get("title").map(|t| t.to_kstr().to_string()).as_deref(), Some("About"));
    assert_eq!(about.get("url").map(|t| t.to_kstr().to_string()).as_deref(), Some("/about/"));
    assert!(about.contains_key("links") && !about.contains_key("content"));
    let Value::Object(whole) = about.to_value() else { panic!("a map") };
    let links = serde_json::json!([{"a": 1, "b": null}, {"a": null, "b": "x"}]);
    let links = crate::compat::dialects::liquid_order::to_liquid(&links, &mut KeyOrders::default());
    assert_eq!(whole.get("links"), Some(&links));
    assert_eq!(whole.get("nav"), Some(&Value::scalar(2i64)));
    assert_eq!(about.size(), 7, "title, nav, links, dir, name, path, url");
}

/// [`pages`]' page at `index` with the front matter `front`.
fn listed_at(index: usize, front: serde_json::Value) -> ListedPage {
    let page = &pages()[index];
    listed(&page.path, &page.url, front)
}

/// `docs/_docs/collections.md` ("collections_dir: my_collections": the collections'
/// folders, `_posts` and `_drafts` move into it) and `lib/jekyll/document.rb`'s
/// `relative_path` ("relative from the collections_dir"), `site.rb`'s
/// `collections_path`: a document's `path` is from that folder, a `_methods` or
/// `_posts` folder outside it is no collection's, and `{% link %}` names a document by
/// that path (`link.rb` compares `relative_path`) or by its path in the content folder.
#[test]
fn documents_are_read_inside_collections_dir() {
    let pages: Arc<[ListedPage]> = vec![
        listed("_methods/b.md", "_methods/b.html", serde_json::json!({})),
        listed("gathering/_methods/a.md", "methods/a.html", serde_json::json!({})),
        listed("gathering/_posts/2020-01-02-p.md", "2020/01/02/p.html", serde_json::json!({})),
        listed("gathering/index.md", "gathering/", serde_json::json!({})),
    ]
    .into();
    let mut config = methods_and_roles();
    config["collections_dir"] = serde_json::json!("/gathering/");
    let Value::Object(config) = super::super::liquid_order::to_liquid(&config, &mut KeyOrders::default()) else {
        panic!("a map")
    };
    let site = SiteView::new(config, pages, Default::default());
    let field = |list: &str, key: &str| -> Vec<String> {
        let items = site.get(list).and_then(|l| l.as_array()).expect("a list");
        items
            .values()
            .map(|item| item.as_object().and_then(|o| o.get(key)).map(|v| v.to_kstr().to_string()).unwrap_or_default())
            .collect()
    };
    assert_eq!(field("methods", "path"), ["_methods/a.md"]);
    assert_eq!(field("methods", "relative_path"), ["_methods/a.md"]);
    assert_eq!(field("posts", "path"), ["_posts/2020-01-02-p.md"]);
    assert_eq!(field("pages", "path"), ["_methods/b.md", "gathering/index.md"]);
    assert_eq!(site.url_of("_methods/a.md"), Some("/methods/a.html"));
    assert_eq!(site.url_of("gathering/_methods/a.md"), Some("/methods/a.html"));
    assert_eq!(site.url_of("_posts/2020-01-02-p.md"), Some("/2020/01/02/p.html"));
}

/// `test/test_utils.rb`, "The `Utils.titleize_slug` method".
#[test]
fn titleizes_a_slug_as_jekyll() {
    assert_eq!(
        titleize("This-is-a-Long-title-with-Mixed-capitalization"),
        "This Is A Long Title With Mixed Capitalization"
    );
    assert_eq!(titleize("this-is-a-title-with-no-capitalization"), "This Is A Title With No Capitalization");
}

/// `lib/jekyll/document.rb`'s `generate_excerpt` (`data["excerpt"] ||=`, only with a
/// separator), `drops/document_drop.rb` (`content` delegated to the document, over a
/// front matter field), `page.rb` (`page_excerpts`), `configuration.rb`'s default
/// separator `"\n\n"`; `test/test_excerpt.rb`, "With extraction disabled"
/// (`excerpt_separator: ""`): a document's `content` is its body's HTML, its `excerpt`
/// the HTML of its first paragraph, or the front matter's, or empty; a page's `excerpt`
/// only with `page_excerpts`; copies (`where`) keep both.
#[test]
fn items_give_their_content_and_the_excerpt_jekyll_makes() {
    let post = listed("_posts/2024-01-02-launch.md", "2024/01/02/launch.html", serde_json::json!({"content": "x"}));
    let own = listed("_methods/a.md", "methods/a.html", serde_json::json!({"excerpt": "Given", "title": "A"}));
    let cut = listed("_methods/b.md", "methods/b.html", serde_json::json!({"excerpt_separator": "<!--more-->"}));
    let page = listed("about.md", "about/", serde_json::json!({}));
    let pages: Arc<[ListedPage]> = vec![
        with_body(own, "Own *text*.\n\nMore.\n", true),
        with_body(cut, "One.\n\nTwo.\n<!--more-->\nThree.\n", true),
        with_body(post, "\n\nFirst *para*.\n\nSecond {{ page.x }}.\n", true),
        with_body(page, "About.\n\nUs.\n", true),
    ]
    .into();
    let body = "{% for p in site.posts %}{{ p.excerpt }}|{{ p.content }}{% endfor %}|{% for m in site.methods %}{{ \
                m.excerpt }};{% endfor %}|{{ site.pages[0].excerpt }}|{{ site.pages[0].content }}";
    assert_eq!(
        render_with(body, methods_and_roles(), pages.clone()),
        "<p>First <em>para</em>.</p>\n|<p>First <em>para</em>.</p>\n<p>Second .</p>\n|Given;<p>One.</p>\n<p>Two.</p>\n;||\
         <p>About.</p>\n<p>Us.</p>\n"
    );
    let mut config = methods_and_roles();
    config["excerpt_separator"] = serde_json::json!("");
    config["page_excerpts"] = serde_json::json!(true);
    let body = "[{{ site.posts[0].excerpt }}][{{ site.methods[1].excerpt }}][{{ site.pages[0].excerpt }}]";
    assert_eq!(render_with(body, config.clone(), pages.clone()), "[][<p>One.</p>\n<p>Two.</p>\n][]");
    // A document without an excerpt gives an empty one (`DocumentDrop#excerpt`'s
    // `to_s`), which Liquid takes as true; a page gives none.
    let body = "{% if site.posts[0].excerpt == '' %}E{% endif %}{% if site.pages[0].excerpt %}P{% endif %}";
    assert_eq!(render_with(body, config, pages.clone()), "E");
    let mut config = methods_and_roles();
    config["page_excerpts"] = serde_json::json!(true);
    let body = "{% assign found = site.methods | where: 'title', 'A' %}{{ found[0].content }}|{{ site.pages[0].excerpt \
                }}|{% assign j = site.posts | jsonify %}{% if j contains 'First <em>para' %}J{% endif %}{% if \
                site.posts[0].content contains 'x' %}x{% endif %}";
    assert_eq!(render_with(body, config, pages), "<p>Own <em>text</em>.</p>\n<p>More.</p>\n|<p>About.</p>\n|J");
    // Nil in front matter is no value (`||`); a page written in HTML is not converted.
    let role = listed("_roles/r.html", "roles/r.html", serde_json::json!({"excerpt": null, "excerpt_separator": null}));
    let pages = vec![with_body(role, "<div>\n\n    <p>Indented</p>\n</div>\n", true)].into();
    let body = "{{ site.roles[0].content }}|{{ site.roles[0].excerpt }}|{% for pair in site.roles[0] %}{% if pair[0] \
                == 'excerpt' %}E{% endif %}{% endfor %}";
    assert_eq!(render_with(body, methods_and_roles(), pages), "<div>\n\n    <p>Indented</p>\n</div>\n|<div>|E");
}

/// A listed page's internal blocks reach its item's `content` and `excerpt` in an
/// internal build only.
#[test]
fn a_public_build_leaves_internal_blocks_out_of_content_and_excerpt() {
    let text = "<!-- internal -->\n\nThe vault code.\n\n<!-- /internal -->\n\nPublic words.\n";
    let page = || listed("_posts/2024-01-02-p.md", "2024/01/02/p.html", serde_json::json!({}));
    let body = "{{ site.posts[0].excerpt }}|{{ site.posts[0].content }}";
    let public = render_with(body, methods_and_roles(), vec![with_body(page(), text, true)].into());
    assert!(!public.contains("vault") && public.contains("Public words."), "{public}");
    let internal = render_with(body, methods_and_roles(), vec![with_body(page(), text, false)].into());
    assert!(internal.contains("The vault code.") && !internal.contains("<!--"), "no marker: {internal}");
    // Markers that do not pair: the page is refused, and its body gives nothing.
    let unpaired = vec![with_body(page(), "<!-- internal -->\nThe vault code.\n", true)].into();
    assert_eq!(render_with(body, methods_and_roles(), unpaired), "|");
}
