//! An item of Jekyll's lists of pages in Liquid ([`super::liquid_lists`]): a view of a
//! page's front matter, which it shares with the build's page rather than copies, under
//! what Jekyll adds to it (`url`, `path`, a document's `collection`...). A field becomes
//! a Liquid value the first time a template reads it, and is kept: a loop that reads a
//! few fields of every page makes those few only. An item a page pushes onto a list of
//! its own views the same page with values of its own, let go with the list; a
//! template that copies a whole item (`where`, `sort`) gets a value made for the copy.
//! Its `content` and `excerpt` ([`super::liquid_excerpt`]) are made the first time a
//! template reads them, once for every view and copy of the item.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use liquid_core::model::{DisplayCow, KString, KStringCow, State};
use liquid_core::{Object, ObjectView, Value, ValueView};

use super::liquid_excerpt;
use crate::content::front_fields::Fields;
use crate::content::node::Node;
use crate::markdown::templating::ListedBody;

/// One page of a list: its front matter and what Jekyll adds over it, and the values
/// of its fields read through it.
#[derive(Debug)]
pub(super) struct Item {
    page: Arc<Page>,
    /// Each front matter field's value in Liquid, by the field's index, once read (the
    /// slots made when the first is).
    values: OnceLock<Box<[OnceLock<Value>]>>,
}

/// What an item views: a page's front matter and what Jekyll adds over it.
#[derive(Debug)]
struct Page {
    front: Fields,
    /// What Jekyll adds or sets, which hides a front matter field of the same key.
    added: Object,
    /// The page's body, for `content` and `excerpt`.
    body: Option<Body>,
}

/// A listed page's body as its item gives it: `content`, which hides a front matter
/// field of that name, and the excerpt Jekyll makes of it, which such a field replaces.
#[derive(Debug)]
pub(super) struct Body {
    text: ListedBody,
    /// The excerpt's separator; `None`: Jekyll makes no excerpt.
    separator: Option<String>,
    /// Whether the page is a collection's document, whose item gives an empty excerpt
    /// when none is made (Jekyll's `DocumentDrop#excerpt` is `data["excerpt"].to_s`).
    document: bool,
    content: OnceLock<Value>,
    excerpt: OnceLock<Value>,
}

impl Body {
    /// The body `text`, with the excerpt made at `separator` (`None`: none) of a
    /// `document` or a page.
    pub(super) fn new(text: ListedBody, separator: Option<String>, document: bool) -> Body {
        Body { text, separator, document, content: OnceLock::new(), excerpt: OnceLock::new() }
    }

    /// `content`: the body's HTML, made when first read.
    fn content(&self) -> &Value {
        self.content.get_or_init(|| {
            let text = self.text.text().unwrap_or_default();
            Value::scalar(liquid_excerpt::output(liquid_excerpt::document_content(&text), self.text.html))
        })
    }

    /// `excerpt`, when Jekyll makes one: the HTML of the text cut from the body, made
    /// when first read.
    fn excerpt(&self) -> Option<&Value> {
        let Some(separator) = self.separator.as_deref() else {
            return self.document.then(|| self.excerpt.get_or_init(|| Value::scalar("")));
        };
        Some(self.excerpt.get_or_init(|| {
            let text = self.text.text().unwrap_or_default();
            let cut = liquid_excerpt::extract(liquid_excerpt::document_content(&text), separator);
            Value::scalar(liquid_excerpt::output(&cut, self.text.html))
        }))
    }
}

impl Item {
    /// The item of a page whose front matter is `front` (shared), with `added` over it,
    /// and its `body`.
    pub(super) fn new(front: &Fields, added: Object, body: Option<Body>) -> Item {
        Item::of(Arc::new(Page { front: front.clone(), added, body }))
    }

    fn of(page: Arc<Page>) -> Item {
        Item { page, values: OnceLock::new() }
    }

    /// Another item of the same page, whose values are its own: what a page pushes
    /// onto a list of its own ([`super::liquid_pushed`]), let go with the list.
    pub(super) fn share(&self) -> Item {
        Item::of(self.page.clone())
    }

    /// The index of the front matter field `key` (the last, as a repeated key's value
    /// is its last).
    fn field(&self, key: &str) -> Option<usize> {
        self.page.front.0.iter().rposition(|field| field.key == key)
    }

    /// The value of the front matter field at `index`, made now if it was not.
    fn field_value(&self, index: usize) -> &Value {
        let values = self.values.get_or_init(|| self.page.front.0.iter().map(|_| OnceLock::new()).collect());
        values[index].get_or_init(|| value_of(&self.page.front.0[index].value.value))
    }

    /// The front matter's keys that `added` and `content` do not hide, each once.
    fn front_keys(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        let fields = self.page.front.0.iter().enumerate();
        fields
            .filter(|(at, field)| {
                let hidden = self.page.added.contains_key(field.key.as_str())
                    || (field.key == "content" && self.page.body.is_some())
                    || (field.key == "excerpt" && self.body_gives("excerpt"));
                !hidden && self.field(&field.key) == Some(*at)
            })
            .map(|(at, field)| (at, field.key.as_str()))
    }

    /// The body's values and their keys: `content`, and `excerpt` unless the front
    /// matter sets one.
    fn body_values(&self) -> impl Iterator<Item = (&'static str, &Value)> + '_ {
        let body = self.page.body.as_ref();
        let content = body.map(|body| ("content", body.content()));
        let excerpt = body.filter(|_| self.body_gives("excerpt")).and_then(Body::excerpt);
        content.into_iter().chain(excerpt.map(|excerpt| ("excerpt", excerpt)))
    }

    /// Whether the body gives `key`.
    fn body_gives(&self, key: &str) -> bool {
        let Some(body) = &self.page.body else { return false };
        key == "content" || (key == "excerpt" && (body.separator.is_some() || body.document) && !self.sets_excerpt())
    }

    /// Whether the front matter gives an `excerpt` that Jekyll keeps (`data["excerpt"]
    /// ||=`: not nil or false).
    fn sets_excerpt(&self) -> bool {
        self.field("excerpt").is_some_and(|at| is_given(&self.page.front.0[at].value.value))
    }
}

/// Whether a front matter value counts as given to Ruby's `||`: not nil or false.
fn is_given(node: &Node) -> bool {
    !matches!(node, Node::Null | Node::Bool(false))
}

/// Whether the front matter `front` sets `key`.
pub(super) fn sets(front: &Fields, key: &str) -> bool {
    front.get(key).is_some()
}

/// The text of the front matter field `key` of `front`, as Liquid shows it.
pub(super) fn text_of(front: &Fields, key: &str) -> Option<String> {
    let field = front.0.iter().rfind(|field| field.key == key)?;
    Some(value_of(&field.value.value).to_kstr().to_string())
}

/// [`text_of`], but `None` for nil or false, which Ruby's `||` passes over.
pub(super) fn given_text_of(front: &Fields, key: &str) -> Option<String> {
    let field = front.0.iter().rfind(|field| field.key == key)?;
    is_given(&field.value.value).then(|| text_of(front, key)).flatten()
}

/// A front matter value in Liquid: a list's mappings each with every key any of them
/// has (`nil` where it has none), as [`super::liquid_order::to_liquid`] reads JSON.
fn value_of(node: &Node) -> Value {
    value_in(node, &BTreeSet::new())
}

/// [`value_of`], a mapping given the keys `every` of the list it is in.
fn value_in(node: &Node, every: &BTreeSet<&str>) -> Value {
    match node {
        Node::Null => Value::Nil,
        Node::Bool(b) => Value::scalar(*b),
        Node::Number(n) => match n.as_i64() {
            Some(i) => Value::scalar(i),
            None => Value::scalar(n.as_f64().unwrap_or_default()),
        },
        Node::Text(text) => Value::scalar(text.clone()),
        Node::List(items) => {
            let maps = items.iter().filter_map(|item| match &item.value {
                Node::Map(entries) => Some(entries),
                _ => None,
            });
            let every: BTreeSet<&str> = maps.flatten().map(|(key, _)| key.value.as_str()).collect();
            Value::array(items.iter().map(|item| value_in(&item.value, &every)))
        }
        Node::Map(entries) => {
            let mut object: Object =
                entries.iter().map(|(key, value)| (KString::from_ref(&key.value), value_of(&value.value))).collect();
            for key in every {
                if !object.contains_key(*key) {
                    object.insert(KString::from_ref(key), Value::Nil);
                }
            }
            Value::Object(object)
        }
    }
}

impl ValueView for Item {
    fn as_debug(&self) -> &dyn std::fmt::Debug {
        self
    }
    fn render(&self) -> DisplayCow<'_> {
        DisplayCow::Owned(Box::new(self.to_value().render().to_string()))
    }
    fn source(&self) -> DisplayCow<'_> {
        DisplayCow::Owned(Box::new(self.to_value().source().to_string()))
    }
    fn type_name(&self) -> &'static str {
        "object"
    }
    fn query_state(&self, state: State) -> bool {
        match state {
            State::Truthy => true,
            State::DefaultValue | State::Empty | State::Blank => self.size() == 0,
        }
    }
    fn to_kstr(&self) -> KStringCow<'_> {
        KStringCow::from_string(self.render().to_string())
    }
    /// A copy, whose fields not read yet are made for it alone, not kept in the item.
    fn to_value(&self) -> Value {
        let mut object = self.page.added.clone();
        for (at, key) in self.front_keys() {
            let made = self.values.get().and_then(|values| values[at].get());
            let value = made.cloned().unwrap_or_else(|| value_of(&self.page.front.0[at].value.value));
            object.insert(KString::from_ref(key), value);
        }
        for (key, value) in self.body_values() {
            object.insert(KString::from_static(key), value.clone());
        }
        Value::Object(object)
    }
    fn as_object(&self) -> Option<&dyn ObjectView> {
        Some(self)
    }
}

impl ObjectView for Item {
    fn as_value(&self) -> &dyn ValueView {
        self
    }
    fn size(&self) -> i64 {
        i64::try_from(self.keys().count()).unwrap_or(i64::MAX)
    }
    fn keys<'k>(&'k self) -> Box<dyn Iterator<Item = KStringCow<'k>> + 'k> {
        let front = self.front_keys().map(|(_, key)| KStringCow::from_ref(key));
        let added = self.page.added.keys().map(|key| KStringCow::from_ref(key.as_str()));
        let body = ["content", "excerpt"].into_iter().filter(|key| self.body_gives(key)).map(KStringCow::from_static);
        Box::new(front.chain(added).chain(body))
    }
    fn values<'k>(&'k self) -> Box<dyn Iterator<Item = &'k dyn ValueView> + 'k> {
        Box::new(self.iter().map(|(_, value)| value))
    }
    fn iter<'k>(&'k self) -> Box<dyn Iterator<Item = (KStringCow<'k>, &'k dyn ValueView)> + 'k> {
        Box::new(self.keys().filter_map(|key| {
            let value = self.get(key.as_str())?;
            Some((key, value))
        }))
    }
    fn contains_key(&self, index: &str) -> bool {
        self.page.added.contains_key(index) || self.field(index).is_some() || self.body_gives(index)
    }
    fn get<'s>(&'s self, index: &str) -> Option<&'s dyn ValueView> {
        if let Some(value) = self.page.added.get(index) {
            return Some(value as &dyn ValueView);
        }
        match (index, &self.page.body) {
            ("content", Some(body)) => Some(body.content() as &dyn ValueView),
            ("excerpt", Some(body)) if self.body_gives("excerpt") => body.excerpt().map(|v| v as &dyn ValueView),
            _ => self.field(index).map(|at| self.field_value(at) as &dyn ValueView),
        }
    }
}
