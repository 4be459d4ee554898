//! Tests of the JavaScript literal reader.

use super::*;

fn exported(text: &str) -> Located {
    exported_value(text).expect("parses").expect("exports a value")
}

#[test]
fn reads_the_three_ways_of_exporting_and_literals() {
    let text = "// c\nmodule.exports = {\n  docs: ['a', \"b\", `c`, /* x */ {type: 'doc', id: 'd',},],\n};\n";
    let value = exported(text);
    let Js::Array(items) = &value.get("docs").expect("docs").value else { panic!("an array") };
    assert_eq!(items.len(), 4);
    assert_eq!(items[1].str(), Some("b"));
    assert_eq!((items[3].line, items[3].column), (3, 33));
    assert_eq!(items[3].get("id").and_then(Located::str), Some("d"));
    let ts = "import type {SidebarsConfig} from 'x';\nconst sidebars: SidebarsConfig = {s: ['a']};\nexport default sidebars;\n";
    assert!(exported(ts).get("s").is_some());
    assert!(exported("export default {s: ['a']} satisfies SidebarsConfig;").get("s").is_some());
    assert!(first_dynamic(&exported("export default {s: ['a']} satisfies SidebarsConfig;")).is_none());
}

#[test]
fn marks_code_as_dynamic_at_its_place() {
    for (text, what) in [
        ("module.exports = {s: require('./x')};", "require"),
        ("module.exports = {s: [...other, 'a']};", "..."),
        ("module.exports = {...base};", "..."),
        ("module.exports = {s: ['a' + b]};", "an expression"),
        ("module.exports = {s: [`${x}`]};", "`${…}`"),
        ("module.exports = {s};", "s"),
    ] {
        let value = exported(text);
        assert_eq!(first_dynamic(&value).map(|d| d.0), Some(what), "{text}");
    }
}

/// A module's path given by `require.resolve('…')` is known without running it; a
/// statement ended by its line, without `;`, is a statement.
#[test]
fn reads_a_resolved_path_and_a_statement_without_a_semicolon() {
    let value = exported("module.exports = {sidebarPath: require.resolve('./sidebars.js'), s: require('./x')};");
    assert_eq!(value.get("sidebarPath").and_then(Located::str), Some("./sidebars.js"));
    assert_eq!(first_dynamic(&value).map(|d| d.0), Some("require"));
    let text = "const sidebars = {\n  docs: ['a']\n}\n\nmodule.exports = sidebars\n";
    let value = exported(text);
    assert!(first_dynamic(&value).is_none(), "{value:?}");
    assert!(value.get("docs").is_some());
    let text = "const sidebars = {docs: ['a']} + other\nmodule.exports = sidebars\n";
    assert_eq!(first_dynamic(&exported(text)).map(|d| d.0), Some("an expression"));
}

#[test]
fn refuses_deep_nesting_and_broken_text_with_a_place() {
    let deep = format!("module.exports = {}{}", "[".repeat(10_000), "]".repeat(10_000));
    let (line, _, message) = exported_value(&deep).expect_err("too deep");
    assert_eq!(line, 1);
    assert!(message.contains("nested"), "{message}");
    assert_eq!(exported_value("module.exports = {a: 'x").expect_err("open").0, 1);
    assert_eq!(exported_value("module.exports = {\n a: 'x' 'y'}").map(|v| v.is_some()), Ok(true));
    assert_eq!(exported_value("const x = 1;"), Ok(None));
}

/// The functions of Docusaurus's own site configuration, website/docusaurus.config.ts
/// at facebook/docusaurus ea7cc7afa21f1339a629817387139a7628eec900 (abridged): the
/// community docs plugin's `editUrl` arrow, the redirects plugin's `createRedirects`
/// method, the preset's `onlyIncludeVersions` called arrow, the markdown options'
/// `async` arrow. Each is a function, and the keys after it are read.
#[test]
fn reads_the_keys_after_the_functions_of_docusaurus_own_configuration() {
    let text = "export default async function createConfigAsync() {\n  return {\n    markdown: {\n      parseFrontMatter: async (params) => {\n        const result = await params.defaultParseFrontMatter(params);\n        return {...result, frontMatter: dogfoodingTransformFrontMatter(result.frontMatter)};\n      },\n      preprocessor: ({filePath, fileContent}) => {\n        let result = fileContent;\n        return result;\n      },\n    },\n    plugins: [\n      [\n        'content-docs',\n        {\n          id: 'community',\n          path: 'community',\n          routeBasePath: 'community',\n          editUrl: ({locale, versionDocsDirPath, docPath}) => {\n            if (locale !== defaultLocale) {\n              return `https://crowdin.com/project/docusaurus-v2/${locale}`;\n            }\n            return `https://github.com/facebook/docusaurus/edit/main/website/${versionDocsDirPath}/${docPath}`;\n          },\n          remarkPlugins: [npm2yarn],\n          editCurrentVersion: true,\n          sidebarPath: './sidebarsCommunity.js',\n        } satisfies DocsOptions,\n      ],\n      [\n        'client-redirects',\n        {\n          fromExtensions: ['html'],\n          createRedirects(routePath) {\n            if (routePath === '/docs' || routePath === '/docs/') {\n              return [`${routePath}/introduction`];\n            }\n            return [];\n          },\n          redirects: [{from: ['/docs/support'], to: '/community/support'}],\n        } satisfies ClientRedirectsOptions,\n      ],\n    ],\n    presets: [\n      [\n        'classic',\n        {\n          docs: {\n            path: 'docs',\n            sidebarPath: 'sidebars.ts',\n            editUrl: ({locale, docPath}) => {\n              const nextVersionDocsDirPath = 'docs';\n              return `https://github.com/facebook/docusaurus/edit/main/website/${nextVersionDocsDirPath}/${docPath}`;\n            },\n            lastVersion:\n              isDev ||\n              isBuildFast\n                ? 'current'\n                : getLastStableVersion(),\n            onlyIncludeVersions: (() => {\n              if (isBuildFast) {\n                return ['current'];\n              }\n              return undefined;\n            })(),\n            versions: {\n              current: {\n                label: `${getNextVersionName()} 🚧`,\n              },\n            },\n          },\n        } satisfies Preset.Options,\n      ],\n    ],\n  } satisfies Config;\n}\n";
    let docs = crate::compat::docusaurus::js_options::plugin_options(text, "docs", "@docusaurus/plugin-content-docs")
        .expect("reads");
    assert_eq!(docs.len(), 2, "{docs:?}");
    let community = &docs[0];
    assert_eq!(community.get("editUrl").map(|v| (&v.value, v.line)), Some((&Js::Dynamic(FUNCTION.into()), 20)));
    assert_eq!(community.get("sidebarPath").and_then(Located::str), Some("./sidebarsCommunity.js"));
    let preset = &docs[1];
    assert_eq!(preset.get("path").and_then(Located::str), Some("docs"));
    assert!(preset.get("versions").and_then(|v| v.get("current")).is_some(), "{preset:?}");
    assert_eq!(preset.get("onlyIncludeVersions").map(|v| &v.value), Some(&Js::Dynamic("an expression".into())));
    let redirects =
        crate::compat::docusaurus::js_options::plugin_options(text, "\u{0}", "@docusaurus/plugin-client-redirects")
            .expect("reads");
    assert_eq!(redirects.len(), 1);
    assert_eq!(redirects[0].get("createRedirects").map(|v| &v.value), Some(&Js::Dynamic(FUNCTION.into())));
    assert!(redirects[0].get("redirects").is_some());
    let markdown =
        crate::compat::docusaurus::js_options::object_at_key(text, "markdown").expect("reads").expect("found");
    assert_eq!(markdown.get("preprocessor").map(|v| &v.value), Some(&Js::Dynamic(FUNCTION.into())));
}

/// The other forms a function value takes: options.test.ts's `function
/// customNumberPrefixParser() {}` and `() => {}` stub
/// (packages/docusaurus-plugin-content-docs/src/__tests__/options.test.ts at
/// facebook/docusaurus 00c24f4c80fc5d91258ba7c418b57f3032ff09bb, "should accept
/// numberPrefixParser function", "should accept correctly defined remark and rehype
/// plugin options"), a one-parameter arrow, an expression body (Netflix/dispatch
/// docs/docusaurus.config.js), a TypeScript return type, `async` and getter methods.
#[test]
fn reads_each_form_of_a_function_as_a_function() {
    for value in [
        "function customNumberPrefixParser() {}",
        "async function (x) { return {a: [x]}; }",
        "() => {}",
        "x => x.y",
        "async x => ({a: x})",
        "({ docPath }) =>\n  `https://github.com/netflix/dispatch/edit/main/docs/docs/${docPath}`",
        "(a: string): string => a + '/'",
        "(a, b) => (a ? [b] : {c: b})",
    ] {
        let text = format!("module.exports = {{f: {value}, after: 'x'}};");
        let exported = exported(&text);
        assert_eq!(exported.get("f").map(|v| &v.value), Some(&Js::Dynamic(FUNCTION.into())), "{value}");
        assert_eq!(exported.get("after").and_then(Located::str), Some("x"), "{value}");
    }
    for method in ["m(x) { return 1; }", "async m(x) {}", "get m() { return {}; }", "'m'(x): string { return ''; }"] {
        let exported = exported(&format!("module.exports = {{{method}, after: 'x'}};"));
        assert_eq!(exported.get("m").map(|v| &v.value), Some(&Js::Dynamic(FUNCTION.into())), "{method}");
        assert_eq!(exported.get("after").and_then(Located::str), Some("x"), "{method}");
    }
    // `async` and `(…)` that are no function stay what they were.
    assert_eq!(exported("module.exports = {async, b: 1};").get("async").map(|v| &v.value), None);
    assert_eq!(exported("module.exports = {a: (b), c: 'x'};").get("c").and_then(Located::str), Some("x"));
}

/// A function whose body is deeply nested costs no recursion; one never closed is an
/// error at the function's start.
#[test]
fn bounds_a_deep_or_unclosed_function_body_and_places_it() {
    let deep = format!("module.exports = {{f: () => {}{}, a: 'x'}};", "{".repeat(100_000), "}".repeat(100_000));
    assert_eq!(exported(&deep).get("a").and_then(Located::str), Some("x"));
    for (text, at) in [
        ("module.exports = {\n  f: () => {\n  return [1;\n};", (2, 6)),
        ("module.exports = {\n  f: function (a {", (2, 6)),
        ("module.exports = {\n  m(x) {", (2, 3)),
        ("module.exports = {\n  m: (((", (2, 6)),
    ] {
        let (line, column, message) = exported_value(text).expect_err("not closed");
        assert_eq!((line, column), at, "{text}: {message}");
        assert!(message.contains("not closed") || message.contains("body"), "{message}");
    }
}

/// What JavaScript folds without running anything: strings added with `+` (also on
/// the next line, as karmada-io/website's sidebars.js writes a long description), a
/// template without `${…}`, names declared before the export, spreads of known arrays
/// and objects (a key written again takes the later value, in its first place).
#[test]
fn folds_constant_strings_names_and_spreads() {
    let text = "const base = 'guides/';\nconst more = [`${base}x`];\nconst common = {type: 'doc', id: 'a'};\n\
                module.exports = {\n  s: ['a' +\n    \"b\" + `c`, base + 'setup', ...['d', 'e'], {...common, id: 'b', label: 'L'}, ...more],\n};\n";
    let value = exported(text);
    let Js::Array(items) = &value.get("s").expect("s").value else { panic!("an array") };
    let strings: Vec<Option<&str>> = items.iter().map(Located::str).collect();
    assert_eq!(strings[..4], [Some("abc"), Some("guides/setup"), Some("d"), Some("e")]);
    let Js::Object(fields) = &items[4].value else { panic!("{:?}", items[4]) };
    let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["type", "id", "label"]);
    assert_eq!(items[4].get("id").and_then(Located::str), Some("b"));
    // The template with `${…}` stays code, at its place in the declaration.
    assert_eq!(first_dynamic(&value), Some(("`${…}`", 2, 15)));
    // Still code: a number added, a name declared after the export, a call on the sum.
    for text in [
        "module.exports = {s: ['a' + 1]};",
        "module.exports = {s: [later]};\nconst later = 'x';",
        "module.exports = {s: ['a' + 'b'.toUpperCase()]};",
        "const f = () => 'x';\nmodule.exports = {s: ['a' + f]};",
    ] {
        assert!(first_dynamic(&exported(text)).is_some(), "{text}");
    }
}

/// Names that copy each other many times, or nest deeper through each other than a
/// value may, are an error at the use, not an exhausted memory or stack.
#[test]
fn bounds_what_names_copy() {
    let mut text = String::from("const n0 = ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'];\n");
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!("const n{i} = [n{p}, n{p}, n{p}, n{p}, n{p}, n{p}, n{p}, n{p}];\n"));
    }
    text.push_str("module.exports = {s: n11};\n");
    let (line, _, message) = exported_value(&text).expect_err("too much");
    assert!(message.contains("copy more than"), "{line}: {message}");
    let mut text = String::from("const d0 = 'x';\n");
    for i in 1..40 {
        text.push_str(&format!("const d{i} = [[d{}]];\n", i - 1));
    }
    text.push_str("module.exports = {s: d39};\n");
    let (_, _, message) = exported_value(&text).expect_err("too deep");
    assert!(message.contains("nested more than"), "{message}");
    let mut text =
        String::from("const s0 = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\n");
    for i in 1..40 {
        let p = i - 1;
        text.push_str(&format!("const s{i} = s{p} + s{p};\n"));
    }
    text.push_str("module.exports = {s: s39};\n");
    assert!(exported_value(&text).is_err());
}
