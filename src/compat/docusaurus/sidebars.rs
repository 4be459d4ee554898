//! Docusaurus's `sidebars.js` (or `.ts`, `.mjs`, `.cjs`) in its common static form, read
//! into navigation entries. The rule is Docusaurus's (docusaurus.io/docs/sidebar/items,
//! `packages/docusaurus-plugin-content-docs/src/sidebars/normalization.ts`).
//!
//! More: docs/architecture.md, "Notes by module".

use crate::compat::docusaurus::js_literal::{Js, Located, exported_value, first_dynamic};
use crate::content::category::IndexLink;
use crate::content::nav_file::{NavEntry, NavLink};

/// A problem in a `sidebars.js`: line, column, message.
pub(crate) type Problem = (usize, usize, String);

/// The entries of a `sidebars.js`, or the problem that makes it unusable. Problems with
/// single items (an unknown type) come with the entries, each item left out. A value
/// that makes entries and only running the file gives (a function's items, a label of
/// code) makes it unusable: a sidebar without those entries would hide their pages,
/// which the folders' navigation shows.
pub(crate) fn parse_sidebars(text: &str) -> Result<(Vec<NavEntry>, Vec<Problem>), Problem> {
    let Some(value) = exported_value(text)? else {
        return Err((1, 1, "no `module.exports =` or `export default` with the sidebars".to_string()));
    };
    if let Js::Dynamic(what) = &value.value {
        return Err(unread(what, value.line, value.column));
    }
    let Js::Object(sidebars) = &value.value else {
        return Err((value.line, value.column, "the file exports no object of sidebars".to_string()));
    };
    let mut found = Found::default();
    let mut entries = Vec::new();
    for (_, sidebar) in sidebars {
        entries.extend(sidebar_items(sidebar, &mut found));
    }
    match found.code {
        Some(code) => Err(code),
        None => Ok((entries, found.problems)),
    }
}

/// The problems met while reading the entries: those of single items, and the first
/// value of code among the entries.
#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    code: Option<Problem>,
}

impl Found {
    fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    fn code(&mut self, what: &str, line: usize, column: usize) {
        self.code.get_or_insert_with(|| unread(what, line, column));
    }
}

/// The problem of a value at `line`:`column` that only running the file gives.
fn unread(what: &str, line: usize, column: usize) -> Problem {
    (
        line,
        column,
        format!("`{what}` needs the file to run, and opsbook only reads it: the navigation follows the folders"),
    )
}

/// The first value of `item`, an object with a `type`, that only running the file
/// gives, among the fields that make its entry (its `items` are read on their own: a
/// category whose items are code keeps its label and link).
fn unread_field(item: &Located) -> Option<(&str, usize, usize)> {
    let Js::Object(fields) = &item.value else { return None };
    item.get("type")?;
    fields.iter().find_map(|(key, value)| match key.as_str() {
        "type" | "id" | "label" | "href" | "dirName" | "link" | "" => first_dynamic(value),
        _ => None,
    })
}

/// The items of a sidebar or of a category's `items`: an array, or categories in
/// shorthand.
fn sidebar_items(value: &Located, problems: &mut Found) -> Vec<NavEntry> {
    match &value.value {
        Js::Array(items) => items.iter().flat_map(|item| item_entries(item, problems)).collect(),
        Js::Object(_) => shorthand(value, problems),
        Js::Dynamic(what) => {
            problems.code(what, value.line, value.column);
            Vec::new()
        }
        _ => {
            problems.push((
                value.line,
                value.column,
                "a sidebar is an array of items or an object of categories".into(),
            ));
            Vec::new()
        }
    }
}

/// `{'Label': [items], …}`: one category per key.
fn shorthand(value: &Located, problems: &mut Found) -> Vec<NavEntry> {
    let Js::Object(fields) = &value.value else { return Vec::new() };
    let mut entries = Vec::new();
    for (label, items) in fields {
        if let (Js::Dynamic(what), true) = (&items.value, label.is_empty()) {
            problems.code(what, items.line, items.column);
            continue;
        }
        entries.push(NavEntry {
            title: Some(label.clone()),
            link: NavLink::None,
            children: sidebar_items(items, problems),
            number: None,
            file: None,
            line: items.line,
            column: items.column,
        });
    }
    entries
}

fn item_entries(item: &Located, problems: &mut Found) -> Vec<NavEntry> {
    let entry = |title: Option<&str>, link: NavLink, children: Vec<NavEntry>| NavEntry {
        title: title.map(str::to_string),
        link,
        children,
        number: None,
        file: None,
        line: item.line,
        column: item.column,
    };
    let text = |key: &str| item.get(key).and_then(Located::str);
    if let Some(id) = item.str() {
        return vec![entry(None, NavLink::DocId(id.to_string()), Vec::new())];
    }
    if let Some((what, line, column)) = unread_field(item).or_else(|| match &item.value {
        Js::Dynamic(what) => Some((what, item.line, item.column)),
        _ => None,
    }) {
        problems.code(what, line, column);
        return Vec::new();
    }
    if !matches!(item.value, Js::Object(_)) {
        problems.push((item.line, item.column, "an item is a doc id or an object".into()));
        return Vec::new();
    }
    let Some(kind) = text("type") else { return shorthand(item, problems) };
    let label = text("label");
    match kind {
        "doc" | "ref" => match text("id") {
            Some(id) => vec![entry(label, NavLink::DocId(id.to_string()), Vec::new())],
            None => {
                problems.push((item.line, item.column, format!("an item of type `{kind}` without an `id`")));
                Vec::new()
            }
        },
        "category" => {
            let children = item.get("items").map(|items| sidebar_items(items, problems)).unwrap_or_default();
            vec![entry(label, category_link(item.get("link")), children)]
        }
        "link" => match text("href") {
            Some(href) => vec![entry(label, NavLink::External(href.to_string()), Vec::new())],
            None => Vec::new(),
        },
        "autogenerated" => {
            let dir = text("dirName").unwrap_or(".");
            vec![entry(None, NavLink::Autogenerated(dir.to_string()), Vec::new())]
        }
        "html" => Vec::new(),
        other => {
            problems.push((item.line, item.column, format!("an item of unknown type `{other}` is left out")));
            Vec::new()
        }
    }
}

/// A category's `link`: `{type: 'doc', id}` links the doc, `{type: 'generated-index',
/// slug?, title?, description?}` the page Docusaurus generates for it
/// (`SidebarItemCategoryLinkGeneratedIndexConfig` in `sidebars/types.ts`).
fn category_link(link: Option<&Located>) -> NavLink {
    let Some(link) = link else { return NavLink::None };
    let text = |key: &str| link.get(key).and_then(Located::str).map(str::to_string);
    match link.get("type").and_then(Located::str) {
        Some("doc") => text("id").map_or(NavLink::None, NavLink::DocId),
        Some("generated-index") => NavLink::GeneratedIndex(Box::new(IndexLink {
            slug: text("slug").map(|slug| slug.trim().to_string()),
            title: text("title"),
            description: text("description"),
            file: String::new(),
            line: link.line,
            column: link.column,
        })),
        _ => NavLink::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(entries: &[NavEntry]) -> Vec<String> {
        let mut lines = Vec::new();
        let mut stack: Vec<(&NavEntry, usize)> = entries.iter().rev().map(|e| (e, 0)).collect();
        while let Some((entry, depth)) = stack.pop() {
            let link = match &entry.link {
                NavLink::None | NavLink::Heading | NavLink::Separator | NavLink::Draft => "-".to_string(),
                NavLink::Page(p) | NavLink::External(p) => p.clone(),
                NavLink::DocId(id) => format!("doc:{id}"),
                NavLink::Autogenerated(dir) => format!("auto:{dir}"),
                NavLink::GeneratedIndex(link) => format!("index:{}", link.slug.as_deref().unwrap_or("")),
            };
            lines.push(format!("{}{} {link}", "  ".repeat(depth), entry.title.as_deref().unwrap_or("")));
            stack.extend(entry.children.iter().rev().map(|e| (e, depth + 1)));
        }
        lines
    }

    #[test]
    fn reads_every_kind_of_item() {
        let text = r#"
/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */
const sidebars = {
  main: [
    'intro',
    {type: 'doc', id: 'guides/setup', label: 'Set up'},
    {
      type: 'category',
      label: 'Guides',
      collapsed: false,
      link: {type: 'doc', id: 'guides/index'},
      items: ['guides/run', {type: 'autogenerated', dirName: 'guides/more'}],
    },
    {type: 'category', label: 'Generated', link: {type: 'generated-index', slug: '/all'}, items: []},
    {type: 'link', label: 'Status', href: 'https://status.example.org'},
    {type: 'html', value: '<hr>'},
    {'Short': ['a', 'b'], Other: ['c']},
  ],
  second: {'Reference': ['ref/api']},
};
export default sidebars;
"#;
        let (entries, problems) = parse_sidebars(text).expect("reads");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            outline(&entries),
            [
                " doc:intro",
                "Set up doc:guides/setup",
                "Guides doc:guides/index",
                "   doc:guides/run",
                "   auto:guides/more",
                "Generated index:/all",
                "Status https://status.example.org",
                "Short -",
                "   doc:a",
                "   doc:b",
                "Other -",
                "   doc:c",
                "Reference -",
                "   doc:ref/api",
            ]
        );
        assert_eq!((entries[1].line, entries[1].column), (6, 5));
    }

    #[test]
    fn code_is_a_located_problem() {
        let text = "module.exports = {\n  main: [\n    'a',\n    ...require('./more'),\n  ],\n};\n";
        let (line, column, message) = parse_sidebars(text).expect_err("code");
        assert_eq!((line, column), (4, 5));
        assert!(message.contains("`...`") && message.contains("folders"), "{message}");
        let (line, column, message) = parse_sidebars("module.exports = make();").expect_err("code");
        assert_eq!((line, column), (1, 18));
        assert!(message.contains("`make`") && message.contains("folders"), "{message}");
        let (_, problems) = parse_sidebars("module.exports = {m: [{type: 'doc'}, {type: 'thing'}]};").expect("reads");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    /// facebook/docusaurus 0bbabb7ec75861be244e50e02310ebbac229cbb8,
    /// packages/docusaurus-plugin-content-docs/src/sidebars/__tests__/index.test.ts,
    /// "sidebars shorthand and longhand lead to exact same sidebar": its fixtures
    /// sidebars-category.js and sidebars-category-shorthand.js (comments left out).
    #[test]
    fn shorthand_and_longhand_categories_are_the_same_sidebar() {
        let longhand = "module.exports = {docs: [{type: 'category', label: 'level 1', items: ['a', {type: 'category', \
            label: 'level 2', items: [{type: 'category', label: 'level 3', items: ['c', {type: 'category', \
            label: 'level 4', items: ['d', {type: 'category', label: 'deeper more more', items: ['e']}]}]}, 'f']}]}]};";
        let shorthand = "module.exports = {docs: [{'level 1': ['a', {'level 2': [{'level 3': ['c', {'level 4': ['d', \
            {'deeper more more': ['e']}]}]}, 'f']}]}]};";
        let (long, problems) = parse_sidebars(longhand).expect("reads");
        assert!(problems.is_empty(), "{problems:?}");
        let (short, _) = parse_sidebars(shorthand).expect("reads");
        assert_eq!(outline(&long), outline(&short));
        assert_eq!(outline(&long)[..3], ["level 1 -", "   doc:a", "  level 2 -"]);
    }

    /// facebook/docusaurus 032721c7d6aee9285e4d357a66181e1a208308e3,
    /// website/_dogfooding/docs-tests-sidebars.js (abridged): `const sidebars` exported by
    /// name after it, a spread of a literal array, a spread of a function's result, an
    /// `html` item whose value is a template without `${…}`. The function's items need
    /// the file to run (the folders' navigation, at the spread); the rest is read.
    #[test]
    fn reads_docusaurus_own_test_sidebars_but_the_generated_items() {
        let text = "/** @type {SidebarsConfig} */\nconst sidebars = {\n  sidebar: [\n    \
            {type: 'doc', id: 'index', className: 'red', label: 'Index'},\n    'test-draft',\n    {\n      \
            type: 'category',\n      label: 'Huge sidebar category',\n      items: [\n        \
            ...[{type: 'link', href: '/', label: 'Test'}],\n        ...generateHugeSidebarItems(),\n      ],\n    },\n    \
            {type: 'html', defaultStyle: true, value: `\n    <span>Powered by</span>\n  `},\n  ],\n  \
            anotherSidebar: ['dummy'],\n};\nmodule.exports = sidebars;\n\nfunction generateHugeSidebarItems() {\n  \
            const linksCount = 8;\n  return [...Array(linksCount)].map((index) => ({type: 'link', href: '/', \
            label: `Link ${index}`}));\n}\n";
        let (line, column, message) = parse_sidebars(text).expect_err("code");
        assert_eq!((line, column), (11, 9));
        assert!(message.contains("`...`") && message.contains("folders"), "{message}");
        let text = text.replace("        ...generateHugeSidebarItems(),\n", "");
        let (entries, problems) = parse_sidebars(&text).expect("reads");
        assert_eq!(
            outline(&entries),
            ["Index doc:index", " doc:test-draft", "Huge sidebar category -", "  Test /", " doc:dummy"]
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    /// A category's text written as strings added together (as karmada-io/website's
    /// sidebars.js writes a generated index's description) is the string they make.
    #[test]
    fn a_description_of_added_strings_is_read() {
        let text = "module.exports = {s: [{type: 'category', label: 'API', link: {type: 'generated-index',\n  \
            description:\n    \"The API serves \" +\n    \"the functions.\", keywords: ['API']}, items: ['a']}]};";
        let (entries, problems) = parse_sidebars(text).expect("reads");
        assert!(problems.is_empty(), "{problems:?}");
        let NavLink::GeneratedIndex(link) = &entries[0].link else { panic!("{:?}", entries[0].link) };
        assert_eq!(link.description.as_deref(), Some("The API serves the functions."));
    }

    /// A value of code in a field that makes an entry (an id, a label, a category's
    /// items) needs the file to run, the first one named; in one the navigation does not
    /// read (`customProps`, `className`) it does not.
    #[test]
    fn code_in_a_read_field_needs_the_file_to_run() {
        let text = "module.exports = {s: [{type: 'doc', id: 'b', customProps: f(), className: c}, \
            {type: 'category', label: 'D', items: ['a']}]};";
        let (entries, problems) = parse_sidebars(text).expect("reads");
        assert_eq!(outline(&entries), [" doc:b", "D -", "   doc:a"]);
        assert!(problems.is_empty(), "{problems:?}");
        let items = [
            ("{type: 'doc', id: docId()}", "`docId`"),
            ("{type: 'category', label: `${x}`, items: ['c']}", "${…}"),
            ("{type: 'category', label: 'D', items: more()}", "`more`"),
        ];
        for (item, what) in items {
            let text = format!("module.exports = {{s: ['a', {item}]}};");
            let (_, _, message) = parse_sidebars(&text).expect_err(item);
            assert!(message.contains(what) && message.contains("folders"), "{item}: {message}");
        }
    }
}
