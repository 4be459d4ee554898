//! What a Liquid `for` loop runs over, as Shopify's Ruby Liquid (which Jekyll and
//! Eleventy run) reads it: a text is one item (none when empty), a number or `true` is
//! no item, a map is its pairs and a list its items (`lib/liquid/utils.rb` of
//! Shopify/liquid, `slice_collection_using_each`: "return [collection] if
//! collection.is_a?(String)"; `return [] unless collection.respond_to?(:each)`).
//! `liquid-lib`'s `for` stops on anything but a list, a map or nil.
//!
//! The page's evaluator ([`super::evaluate`]) writes `{% for x in EXPR ... %}…{% endfor %}`
//! (EXPR not a range) as `{% opsbook_items EXPR %}{% for x in opsbook_items ... %}…{%
//! endfor %}{% endopsbook_items %}`: the block [`ItemsBlock`] binds `opsbook_items` to
//! what the loop runs over, as above, for the loop inside it. A list is bound as it is,
//! not copied; a list an `assign` made, which `liquid-core` copies at every read, is kept
//! between runs of the block (a loop inside another) until a tag sets its variable again,
//! when the block is `kept` (the evaluator says so of a variable no loop around it binds).

use std::io::Write;

use std::collections::HashMap;
use std::rc::Rc;

use liquid_core::model::{KStringRef, Value, ValueCow};
use liquid_core::parser::{BlockReflection, ParseBlock, TagBlock};
use liquid_core::runtime::{Expression, Registers, StackFrame};
use liquid_core::{Language, Renderable, Runtime, TagTokenIter, Template, ValueView};

/// The name of the block, and of the variable it binds.
pub(super) const ITEMS_TAG: &str = "opsbook_items";
/// The end of the block.
const END_TAG: &str = "endopsbook_items";
/// The word after the expression of a block whose list may be kept between its runs.
const KEPT: &str = "kept";

/// The `for` tag `inner` (its text inside `{%` `%}`, without trim dashes) written as the
/// opening of [`ItemsBlock`] and the loop, or `None` when its collection is a range or it
/// cannot be split; `kept` says whether a collection read from the variable it names may
/// be kept between runs.
pub(super) fn rewrite(inner: &str, trims: (bool, bool), kept: &dyn Fn(&str) -> bool) -> Option<String> {
    let (variable, rest) = loop_variable(inner)?;
    let rest = rest.trim_start().strip_prefix("in")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    if rest.is_empty() || rest.starts_with('(') {
        return None;
    }
    let end = expression_end(rest)?;
    let (expression, options) = rest.split_at(end);
    let root_len =
        expression.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(expression.len());
    let root = &expression[..root_len];
    let keep = !root.is_empty() && !root.starts_with(|c: char| c.is_ascii_digit() || c == '-') && kept(root);
    let kept_word = if keep { format!(" {KEPT}") } else { String::new() };
    let dash = |trim: bool| if trim { "-" } else { "" };
    Some(format!(
        "{{%{} {ITEMS_TAG} {expression}{kept_word} %}}{{% for {variable} in {ITEMS_TAG}{options} {}%}}",
        dash(trims.0),
        dash(trims.1)
    ))
}

/// The end of a loop [`rewrite`] wrote, `{% endfor %}` with its `trims`.
pub(super) fn rewrite_end(trims: (bool, bool)) -> String {
    let dash = |trim: bool| if trim { "-" } else { "" };
    format!("{{%{} endfor %}}{{% {END_TAG} {}%}}", dash(trims.0), dash(trims.1))
}

/// The variable a `for` or `tablerow` tag `inner` binds, and the rest of the tag.
pub(super) fn loop_variable(inner: &str) -> Option<(&str, &str)> {
    let rest = inner.strip_prefix("for").or_else(|| inner.strip_prefix("tablerow"))?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    let variable_len = rest.find(char::is_whitespace)?;
    Some(rest.split_at(variable_len))
}

/// Where the expression at the start of `text` ends: the first white space outside
/// quotes and brackets.
fn expression_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth = depth.checked_sub(1)?,
            (None, c) if c.is_whitespace() && depth == 0 => return Some(i),
            _ => {}
        }
    }
    (quote.is_none() && depth == 0).then_some(text.len())
}

#[derive(Clone, Copy, Debug)]
pub(super) struct ItemsBlock;

impl BlockReflection for ItemsBlock {
    fn start_tag(&self) -> &str {
        ITEMS_TAG
    }
    fn end_tag(&self) -> &str {
        END_TAG
    }
    fn description(&self) -> &str {
        ""
    }
}

impl ParseBlock for ItemsBlock {
    fn parse(
        &self,
        mut arguments: TagTokenIter<'_>,
        mut block: TagBlock<'_, '_>,
        options: &Language,
    ) -> liquid_core::Result<Box<dyn Renderable>> {
        let token = arguments.expect_next("a collection")?;
        let written = token.as_str().to_string();
        let expression = token.expect_value().into_result()?;
        let kept = match arguments.next() {
            Some(word) if word.as_str() == KEPT => Some(written),
            Some(word) => return Err(word.raise_error()),
            None => None,
        };
        arguments.expect_nothing()?;
        let body = Template::new(block.parse_all(options)?);
        block.assert_empty();
        Ok(Box::new(Items { expression, kept, body }))
    }

    fn reflection(&self) -> &dyn BlockReflection {
        self
    }
}

#[derive(Debug)]
struct Items {
    expression: Expression,
    /// The expression as written, when its list may be kept between runs.
    kept: Option<String>,
    /// The loop.
    body: Template,
}

/// The lists kept between runs of [`Items`] blocks, by expression, with the setting of
/// their variable they were read after; and the latest setting of each variable.
#[derive(Debug, Default)]
pub(super) struct KeptItems {
    lists: HashMap<String, (Option<u64>, Rc<Value>)>,
    settings: HashMap<String, u64>,
    next: u64,
}

/// Records in `registers` that a tag set the variable `name`: a list kept from it is
/// read again.
pub(super) fn variable_set(registers: &Registers, name: &str) {
    let mut kept = registers.get_mut::<KeptItems>();
    kept.next += 1;
    let next = kept.next;
    kept.settings.insert(name.to_string(), next);
}

/// The root variable of an expression (`a` of `a.b[0]`).
fn root_of(expression: &str) -> &str {
    let end = expression.find(['.', '[']).unwrap_or(expression.len());
    &expression[..end]
}

impl Renderable for Items {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> liquid_core::Result<()> {
        let setting = |kept: &KeptItems, written: &str| kept.settings.get(root_of(written)).copied();
        let cached = self.kept.as_deref().and_then(|written| {
            let kept = runtime.registers().get_mut::<KeptItems>();
            let (read_after, list) = kept.lists.get(written)?;
            (*read_after == setting(&kept, written)).then(|| list.clone())
        });
        let nil = Value::Nil;
        let evaluated;
        let made: Rc<Value>;
        let value: &dyn ValueView = match &cached {
            Some(list) => &**list,
            None => {
                // Never fails: a loop over what cannot be read runs over nothing.
                evaluated = self.expression.evaluate(runtime).ok();
                match evaluated {
                    None => &nil,
                    Some(ValueCow::Borrowed(value)) if value.is_array() || value.is_nil() => value,
                    Some(value) => {
                        made = Rc::new(owned_items(value, runtime));
                        if let Some(written) = &self.kept {
                            let mut kept = runtime.registers().get_mut::<KeptItems>();
                            let read_after = setting(&kept, written);
                            kept.lists.insert(written.clone(), (read_after, made.clone()));
                        }
                        &*made
                    }
                }
            }
        };
        let mut bound = HashMap::<KStringRef<'_>, &dyn ValueView>::new();
        bound.insert(ITEMS_TAG.into(), value);
        let frame = StackFrame::new(runtime, bound);
        self.body.render_to(writer, &frame)
    }
}

/// [`items`] of a value of the block's own: a list or nil as it is, not copied.
fn owned_items(value: ValueCow<'_>, runtime: &dyn Runtime) -> Value {
    match value {
        ValueCow::Owned(value @ (Value::Array(_) | Value::Nil)) => value,
        value => items(value.as_view(), runtime),
    }
}

/// What a loop over `value` runs over, as Ruby Liquid reads it: a mapping's pairs in
/// its file's order ([`super::liquid_order`]).
fn items(value: &dyn ValueView, runtime: &dyn Runtime) -> Value {
    match value.as_scalar() {
        Some(_) if value.type_name() == "string" => {
            let text = value.to_kstr();
            if text.is_empty() { Value::Array(Vec::new()) } else { Value::Array(vec![Value::scalar(text.to_string())]) }
        }
        Some(_) => Value::Array(Vec::new()),
        None => match value.as_object() {
            Some(object) => super::liquid_order::pairs(object, runtime),
            None => value.to_value(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_not_over_a_range_reads_its_items_first() {
        let never = |_: &str| false;
        assert_eq!(
            rewrite("for t in site.data[\"a b\"] limit:2", (true, false), &never).as_deref(),
            Some("{%- opsbook_items site.data[\"a b\"] %}{% for t in opsbook_items limit:2 %}")
        );
        assert_eq!(
            rewrite("for c in \"x y\"", (false, true), &|_| true).as_deref(),
            Some("{% opsbook_items \"x y\" %}{% for c in opsbook_items -%}")
        );
        assert_eq!(
            rewrite("for p in api_pages reversed", (false, false), &|root| root == "api_pages").as_deref(),
            Some("{% opsbook_items api_pages kept %}{% for p in opsbook_items reversed %}")
        );
        assert_eq!(rewrite_end((true, false)), "{%- endfor %}{% endopsbook_items %}");
        assert_eq!(rewrite("for i in (1..3)", (false, false), &never), None);
        assert_eq!(rewrite("for i in", (false, false), &never), None);
        assert_eq!(rewrite("for i in \"open", (false, false), &never), None);
    }

    /// A list an `assign` made is read once for the loops inside another, and again
    /// once a tag sets its variable.
    #[test]
    fn a_kept_list_is_read_again_once_its_variable_is_set() {
        let template = "{% assign l = 'a,b' | split: ',' %}{% for i in (1..2) %}{% for x in l %}{{ x }}{% endfor %}\
                        {% assign l = l | push: i %}{% endfor %}|{% for x in l %}{{ x }}{% endfor %}";
        let source = super::super::liquid_pieces::find_pieces(template, false);
        let made = super::super::liquid_template::template_of(template, &source, 0);
        assert!(made.text.contains("opsbook_items l kept"), "{}", made.text);
        let parsed = liquid_core::parser::parse(&made.text, &super::super::liquid_runtime::LANGUAGE).expect("parses");
        let site = super::super::liquid_runtime::SiteGlobals::of(&serde_json::Map::new());
        let globals = super::super::liquid_runtime::Globals::new(&serde_json::json!({}), false, &site);
        let runtime = globals.runtime();
        let mut out = Vec::new();
        liquid_core::Renderable::render_to(&Template::new(parsed), &mut out, &runtime).expect("renders");
        let rendered = super::super::liquid_template::output_of(
            template,
            &String::from_utf8(out).expect("text"),
            &made.runs,
            &made.kept,
            &made.numbered,
        );
        assert_eq!(rendered.text, "abab1|ab12");
    }

    #[test]
    fn a_text_is_one_item_and_a_number_none() {
        let runtime = liquid_core::runtime::RuntimeBuilder::new().build();
        let items = |value: &Value| items(value, &runtime);
        assert_eq!(items(&Value::scalar("abc")), Value::Array(vec![Value::scalar("abc")]));
        assert_eq!(items(&Value::scalar("")), Value::Array(Vec::new()));
        assert_eq!(items(&Value::scalar(3)), Value::Array(Vec::new()));
        let list = Value::Array(vec![Value::scalar(1)]);
        assert_eq!(items(&list), list);
    }
}
