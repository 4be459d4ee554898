//! Liquid as Jekyll and Eleventy run it, for [`super::evaluate`]: the language (the tags
//! and filters of Shopify Liquid from `liquid-lib`, and Jekyll's own filters), the values
//! a page reads, and a runtime as lenient as theirs.
//!
//! More: docs/architecture.md, "Notes by module".

use std::sync::{Arc, LazyLock};

use liquid_core::model::KStringCow;
use liquid_core::parser::{FilterArguments, FilterReflection, ParameterReflection, ParseFilter};
use liquid_core::{Filter, Language, Object, ObjectView, Runtime, Value, ValueView};

use super::liquid_dates::DateFilter;
use super::liquid_filters::{Arithmetic, Rounding, Where};
use super::liquid_items_filters::{AsJekyll, WhereExp};
use super::liquid_lenient::Lenient;
use super::liquid_lists::SiteView;
use super::liquid_order::{KeyOrders, Orders, to_json, to_liquid};
use super::liquid_pushed::Pushed;
use super::liquid_recover::{OUTPUT_TAG, OutputTag, RecoveringBlock, RecoveringTag};

/// The language of Liquid pages, made once.
pub(super) static LANGUAGE: LazyLock<Language> = LazyLock::new(language);

/// The tags Liquid runs on a page; any other is left to the later stages.
pub(super) const TAGS: &[&str] = &[
    "assign",
    "capture",
    "endcapture",
    "if",
    "elsif",
    "else",
    "endif",
    "unless",
    "endunless",
    "case",
    "when",
    "endcase",
    "for",
    "endfor",
    "break",
    "continue",
    "cycle",
    "increment",
    "decrement",
    "tablerow",
    "endtablerow",
    "ifchanged",
    "endifchanged",
];

/// The tags that open a block, each closed by `end` and its name.
pub(super) const BLOCKS: &[&str] = &["capture", "if", "unless", "case", "for", "tablerow", "ifchanged"];

fn language() -> Language {
    use liquid_lib::{jekyll, stdlib};
    let mut language = Language::empty();
    let tags: Vec<Box<dyn liquid_core::ParseTag>> = vec![
        Box::new(stdlib::AssignTag),
        Box::new(stdlib::BreakTag),
        Box::new(stdlib::ContinueTag),
        Box::new(stdlib::CycleTag),
        Box::new(stdlib::IncrementTag),
        Box::new(stdlib::DecrementTag),
        Box::new(super::liquid_avatar::AvatarTag),
        Box::new(super::liquid_push::PushTag),
    ];
    for tag in tags {
        language.tags.register(tag.reflection().tag().to_string(), Box::new(RecoveringTag(tag)));
    }
    language.tags.register(OUTPUT_TAG.to_string(), Box::new(OutputTag));
    let blocks: Vec<Box<dyn liquid_core::ParseBlock>> = vec![
        Box::new(super::liquid_conditions::IF),
        Box::new(super::liquid_conditions::UNLESS),
        Box::new(stdlib::IfChangedBlock),
        Box::new(stdlib::ForBlock),
        Box::new(stdlib::TableRowBlock),
        Box::new(stdlib::CommentBlock),
        Box::new(stdlib::CaptureBlock),
        Box::new(stdlib::CaseBlock),
        Box::new(super::liquid_items::ItemsBlock),
    ];
    for block in blocks {
        language.blocks.register(block.reflection().start_tag().to_string(), Box::new(RecoveringBlock(block)));
    }
    // Jekyll's includes named by variables ([`super::liquid_include`]).
    let include = Box::new(super::liquid_include::IncludeBlock);
    language.blocks.register(super::liquid_template::BLOCK.to_string(), Box::new(RecoveringBlock(include)));
    let filters: Vec<Box<dyn ParseFilter>> = vec![
        Box::new(stdlib::Append),
        Box::new(stdlib::Capitalize),
        Box::new(AsJekyll::items(stdlib::Compact)),
        Box::new(AsJekyll::items(stdlib::Concat)),
        Box::new(stdlib::Date),
        Box::new(stdlib::Default),
        Box::new(stdlib::Downcase),
        Box::new(stdlib::Escape),
        Box::new(stdlib::EscapeOnce),
        Box::new(stdlib::First),
        Box::new(AsJekyll::items(stdlib::Join)),
        Box::new(stdlib::Last),
        Box::new(stdlib::Lstrip),
        Box::new(AsJekyll::items(stdlib::Map)),
        Box::new(stdlib::NewlineToBr),
        Box::new(stdlib::Prepend),
        Box::new(stdlib::Remove),
        Box::new(stdlib::RemoveFirst),
        Box::new(stdlib::Replace),
        Box::new(stdlib::ReplaceFirst),
        Box::new(AsJekyll::items(stdlib::Reverse)),
        Box::new(stdlib::Rstrip),
        Box::new(stdlib::Size),
        Box::new(stdlib::Slice),
        Box::new(AsJekyll::items(stdlib::SortNatural)),
        Box::new(stdlib::Split),
        Box::new(stdlib::Strip),
        Box::new(stdlib::StripHtml),
        Box::new(stdlib::StripNewlines),
        Box::new(stdlib::Truncate),
        Box::new(stdlib::TruncateWords),
        Box::new(AsJekyll::items(stdlib::Uniq)),
        Box::new(stdlib::Upcase),
        Box::new(stdlib::UrlDecode),
        Box::new(stdlib::UrlEncode),
        Box::new(jekyll::Slugify),
        Box::new(jekyll::Pop),
        Box::new(jekyll::Push),
        Box::new(jekyll::Shift),
        Box::new(jekyll::Unshift),
        Box::new(jekyll::ArrayToSentenceString),
        Box::new(AsJekyll::sort(jekyll::Sort)),
        Box::new(Text::new("relative_url", with_leading_slash)),
        Box::new(Text::new("absolute_url", with_leading_slash)),
        Box::new(Text::new("url", |s| s.to_string())),
        Box::new(Text::new("markdownify", |s| s.to_string())),
        Box::new(Text::new("smartify", |s| s.to_string())),
        Box::new(Text::new("slug", crate::slug::slugify)),
        Box::new(Text::new("xml_escape", crate::html::escape)),
        Box::new(Text::new("cgi_escape", |s| {
            static CGI: percent_encoding::AsciiSet = crate::percent::keeping(b"*-._ ");
            crate::percent::percent_encode(s, &CGI).replace(' ', "+")
        })),
        Box::new(Text::new("uri_escape", |s| {
            static URI: percent_encoding::AsciiSet = crate::percent::keeping(b"-_.!~*'();/?:@&=+$,#[]%");
            crate::percent::percent_encode(s, &URI)
        })),
        Box::new(Text::new("number_of_words", |s| s.split_whitespace().count().to_string())),
        Box::new(Text::new("normalize_whitespace", |s| s.split_whitespace().collect::<Vec<_>>().join(" "))),
        Box::new(Json),
        Box::new(WhereExp { first: false }),
        Box::new(WhereExp { first: true }),
    ];
    let lenient = Arithmetic::ALL.into_iter().map(|f| Box::new(f) as Box<dyn ParseFilter>);
    let lenient = lenient.chain(Rounding::ALL.into_iter().map(|f| Box::new(f) as Box<dyn ParseFilter>));
    let lenient = lenient.chain(DateFilter::ALL.into_iter().map(|f| Box::new(f) as Box<dyn ParseFilter>));
    for filter in filters.into_iter().chain(lenient).chain([Box::new(Where) as Box<dyn ParseFilter>]) {
        language.filters.register(filter.reflection().name().to_string(), filter);
    }
    language
}

/// A filter of text to text that takes no arguments.
#[derive(Clone)]
struct Text {
    name: &'static str,
    apply: fn(&str) -> String,
}

impl Text {
    fn new(name: &'static str, apply: fn(&str) -> String) -> Text {
        Text { name, apply }
    }
}

impl FilterReflection for Text {
    fn name(&self) -> &str {
        self.name
    }
    fn description(&self) -> &str {
        ""
    }
    fn positional_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
    fn keyword_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
}

impl ParseFilter for Text {
    fn parse(&self, _arguments: FilterArguments<'_>) -> liquid_core::Result<Box<dyn Filter>> {
        Ok(Box::new(TextFilter { name: self.name, apply: self.apply }))
    }
    fn reflection(&self) -> &dyn FilterReflection {
        self
    }
}

/// [`Text`], parsed.
#[derive(Debug)]
struct TextFilter {
    name: &'static str,
    apply: fn(&str) -> String,
}

impl std::fmt::Display for TextFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Filter for TextFilter {
    fn evaluate(&self, input: &dyn ValueView, _runtime: &dyn Runtime) -> liquid_core::Result<Value> {
        Ok(Value::scalar((self.apply)(&input.to_kstr())))
    }
}

/// Jekyll's `jsonify` (and `inspect`): the value as JSON.
#[derive(Clone, Debug)]
struct Json;

impl FilterReflection for Json {
    fn name(&self) -> &str {
        "jsonify"
    }
    fn description(&self) -> &str {
        ""
    }
    fn positional_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
    fn keyword_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
}

impl ParseFilter for Json {
    fn parse(&self, _arguments: FilterArguments<'_>) -> liquid_core::Result<Box<dyn Filter>> {
        Ok(Box::new(Json))
    }
    fn reflection(&self) -> &dyn FilterReflection {
        self
    }
}

impl std::fmt::Display for Json {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("jsonify")
    }
}

impl Filter for Json {
    fn evaluate(&self, input: &dyn ValueView, runtime: &dyn Runtime) -> liquid_core::Result<Value> {
        Ok(Value::scalar(serde_json::to_string(&to_json(input, runtime)).unwrap_or_default()))
    }
}

/// The site's variables as Liquid values, and the order of their maps' keys.
#[derive(Debug)]
pub(crate) struct SiteGlobals {
    object: Object,
    orders: Arc<KeyOrders>,
    /// A Jekyll site's `site`, with its lists of pages ([`SiteView`]), taken out of
    /// `object`.
    site: Option<SiteView>,
}

impl SiteGlobals {
    /// The site's variables `globals` as Liquid values.
    pub(super) fn of(globals: &serde_json::Map<String, serde_json::Value>) -> SiteGlobals {
        let mut orders = KeyOrders::default();
        let object = match to_liquid(&serde_json::Value::Object(globals.clone()), &mut orders) {
            Value::Object(object) => object,
            _ => Object::new(),
        };
        SiteGlobals { object, orders: Arc::new(orders), site: None }
    }

    /// [`SiteGlobals::of`], with the lists of `pages` in `site` ([`SiteView`]).
    pub(super) fn with_pages(
        globals: &serde_json::Map<String, serde_json::Value>,
        pages: &Arc<[crate::markdown::templating::ListedPage]>,
        read: Arc<std::sync::atomic::AtomicBool>,
    ) -> SiteGlobals {
        let mut made = SiteGlobals::of(globals);
        if !pages.is_empty()
            && matches!(made.object.get("site"), Some(Value::Object(_)))
            && let Some(Value::Object(base)) = made.object.remove("site")
        {
            made.site = Some(SiteView::new(base, pages.clone(), read));
        }
        made
    }

    /// The URL of the page at the content path `path`, when the site lists its pages.
    pub(super) fn url_of(&self, path: &str) -> Option<&str> {
        self.site.as_ref()?.url_of(path)
    }

    /// Whether `_config.yml`'s `plugins:` (or the older `gems:`) lists the plugin `name`.
    pub(super) fn lists_plugin(&self, name: &str) -> bool {
        let config = match &self.site {
            Some(view) => Some(view.config()),
            None => self.object.get("site").and_then(|site| site.as_object()),
        };
        let Some(config) = config else { return false };
        ["plugins", "gems"]
            .into_iter()
            .filter_map(|key| config.get(key)?.as_array())
            .any(|list| list.values().any(|plugin| plugin.to_kstr() == name))
    }
}

/// The site's variables of `site` as Liquid values, made once (the site's template
/// language is one: Liquid's values are the only ones its context keeps).
pub(super) fn site_globals(site: &crate::markdown::templating::SiteContext) -> &SiteGlobals {
    site.engine_globals(|| SiteGlobals::with_pages(&site.data.globals, &site.pages, site.lists_read_flag()))
        .expect("the site context keeps Liquid's values only")
}

/// The variables of one page: its own (`page`, an Eleventy page's front matter), over
/// the build's (`site`, Eleventy's global data), which are shared, not copied; and the
/// order of their maps' keys.
#[derive(Debug)]
pub(super) struct Globals<'a> {
    pub own: Object,
    pub shared: &'a Object,
    /// The shared `site` with its lists, when the site has them.
    site: Option<&'a SiteView>,
    pub orders: Orders,
}

impl<'a> Globals<'a> {
    /// The variables of a page whose own are `page` (in `own` at `page`, and at the top
    /// too when `at_top`), over the site's `site`.
    pub(super) fn new(page: &serde_json::Value, at_top: bool, site: &'a SiteGlobals) -> Globals<'a> {
        let mut orders = KeyOrders::default();
        let page = to_liquid(page, &mut orders);
        let mut own = Object::new();
        if at_top && let Value::Object(front) = &page {
            for (key, value) in front.iter() {
                own.insert(key.clone(), value.clone());
            }
        }
        own.insert("page".into(), page);
        let orders = Orders(vec![Arc::new(orders), site.orders.clone()]);
        Globals { own, shared: &site.object, site: site.site.as_ref(), orders }
    }

    /// A runtime over these variables, lenient ([`Lenient`]), that reads their order
    /// and holds the lists the page pushes onto ([`Pushed`]).
    pub(super) fn runtime(&self) -> Lenient<impl Runtime + '_> {
        let runtime = liquid_core::runtime::RuntimeBuilder::new().set_globals(self).build();
        self.orders.install(runtime.registers());
        Lenient(Pushed::new(runtime, self.site))
    }

    /// The shared `site` with its lists, unless the page's own variables hide it.
    fn site_view(&self) -> Option<&'a SiteView> {
        self.site.filter(|_| !self.own.contains_key("site"))
    }
}

impl ValueView for Globals<'_> {
    fn as_debug(&self) -> &dyn std::fmt::Debug {
        self
    }
    fn render(&self) -> liquid_core::model::DisplayCow<'_> {
        liquid_core::model::DisplayCow::Borrowed(&"")
    }
    fn source(&self) -> liquid_core::model::DisplayCow<'_> {
        liquid_core::model::DisplayCow::Borrowed(&"")
    }
    fn type_name(&self) -> &'static str {
        "object"
    }
    fn query_state(&self, state: liquid_core::model::State) -> bool {
        matches!(state, liquid_core::model::State::Truthy)
    }
    fn to_kstr(&self) -> KStringCow<'_> {
        KStringCow::from_static("")
    }
    fn to_value(&self) -> Value {
        let mut all = self.shared.clone();
        if let Some(site) = self.site_view() {
            all.insert("site".into(), site.to_value());
        }
        for (key, value) in self.own.iter() {
            all.insert(key.clone(), value.clone());
        }
        Value::Object(all)
    }
    fn as_object(&self) -> Option<&dyn ObjectView> {
        Some(self)
    }
}

impl ObjectView for Globals<'_> {
    fn as_value(&self) -> &dyn ValueView {
        self
    }
    fn size(&self) -> i64 {
        i64::try_from(self.keys().count()).unwrap_or(i64::MAX)
    }
    fn keys<'k>(&'k self) -> Box<dyn Iterator<Item = KStringCow<'k>> + 'k> {
        let shared = self.shared.keys().filter(|k| !self.own.contains_key(k.as_str()));
        let site = self.site_view().map(|_| KStringCow::from_static("site"));
        Box::new(self.own.keys().chain(shared).map(|k| KStringCow::from_ref(k.as_str())).chain(site))
    }
    fn values<'k>(&'k self) -> Box<dyn Iterator<Item = &'k dyn ValueView> + 'k> {
        Box::new(self.iter().map(|(_, v)| v))
    }
    fn iter<'k>(&'k self) -> Box<dyn Iterator<Item = (KStringCow<'k>, &'k dyn ValueView)> + 'k> {
        let shared = self.shared.iter().filter(|(k, _)| !self.own.contains_key(k.as_str()));
        let site = self.site_view().map(|site| (KStringCow::from_static("site"), site as &dyn ValueView));
        let own_and_shared = self.own.iter().chain(shared);
        Box::new(own_and_shared.map(|(k, v)| (KStringCow::from_ref(k.as_str()), v as &dyn ValueView)).chain(site))
    }
    fn contains_key(&self, index: &str) -> bool {
        self.own.contains_key(index) || self.shared.contains_key(index) || (index == "site" && self.site.is_some())
    }
    fn get<'s>(&'s self, index: &str) -> Option<&'s dyn ValueView> {
        if index == "site"
            && let Some(site) = self.site_view()
        {
            return Some(site);
        }
        self.own.get(index).or_else(|| self.shared.get(index)).map(|v| v as &dyn ValueView)
    }
}

/// A path as Jekyll's `relative_url` and `absolute_url` make it a URL of the site: with a
/// leading `/` (`ensure_leading_slash`), unless it is empty or an absolute URI (one with
/// a scheme); Eleventy's `url` leaves a relative path relative.
pub(super) fn with_leading_slash(path: &str) -> String {
    if path.is_empty() || path.starts_with('/') || crate::markdown::links::is_external(path) {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, site: &serde_json::Value) -> String {
        let elements = liquid_core::parser::parse(template, &LANGUAGE).expect("parses");
        let template = liquid_core::runtime::Template::new(elements);
        let site = SiteGlobals::of(site.as_object().expect("a map"));
        let globals = Globals::new(&serde_json::json!({}), false, &site);
        let runtime = globals.runtime();
        let mut out = Vec::new();
        liquid_core::Renderable::render_to(&template, &mut out, &runtime).expect("renders");
        String::from_utf8(out).expect("text")
    }

    #[test]
    fn variables_nobody_set_are_nil_as_in_jekyll() {
        let globals = serde_json::json!({"site": {"title": "T", "list": [{"a": 1}, {"a": 2, "b": "x"}]}});
        assert_eq!(render("[{{ nothing }}|{{ site.none }}|{{ site.title }}]", &globals), "[||T]");
        assert_eq!(
            render("{% for i in site.list %}{{ i.b }}{% if i.b == 'x' %}!{% endif %};{% endfor %}", &globals),
            ";x!;"
        );
        assert_eq!(render("{% if page.x == 'y' %}no{% else %}nil{% endif %}", &globals), "nil");
    }

    #[test]
    fn jekyll_filters_work() {
        let globals = serde_json::json!({});
        assert_eq!(render("{{ '/docs/a/' | relative_url }}", &globals), "/docs/a/");
        // jekyll/jekyll `test/test_filters.rb` at 98c14c0f ("ensure the leading slash
        // between baseurl and input", "not prepend a forward slash if input is empty",
        // "not modify an absolute url with scheme"); opsbook adds the base URL itself.
        assert_eq!(render("{{ 'about/my_favorite_page/' | relative_url }}", &globals), "/about/my_favorite_page/");
        assert_eq!(render("{{ 'css/main.css' | absolute_url }}", &globals), "/css/main.css");
        assert_eq!(render("{{ '' | relative_url }}", &globals), "");
        assert_eq!(render("{{ 'https://example.com/' | relative_url }}", &globals), "https://example.com/");
        assert_eq!(render("{{ 'a b&c' | cgi_escape }}|{{ '<a>' | xml_escape }}", &globals), "a+b%26c|&lt;a&gt;");
        assert_eq!(
            render("{{ 'Hello World' | slugify }}|{{ 'one two' | number_of_words }}", &globals),
            "hello-world|2"
        );
    }
}
