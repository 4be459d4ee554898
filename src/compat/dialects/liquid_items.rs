//! What a Liquid `for` loop runs over, as Shopify's Ruby Liquid (which Jekyll and
//! Eleventy run) reads it: a text is one item (none when empty), a number or `true` is
//! no item, a map is its pairs and a list its items (`lib/liquid/utils.rb` of
//! Shopify/liquid, `slice_collection_using_each`: "return [collection] if
//! collection.is_a?(String)"; `return [] unless collection.respond_to?(:each)`).
//! `liquid-lib`'s `for` stops on anything but a list, a map or nil.
//!
//! The page's evaluator ([`super::evaluate`]) writes `{% for x in EXPR ... %}` (EXPR
//! not a range) as `{% opsbook_items EXPR %}{% for x in opsbook_items ... %}`: the tag
//! [`ItemsTag`] sets the variable `opsbook_items` to what the loop runs over, as above,
//! just before the loop reads it (a loop reads its collection once, before its first
//! item, so a loop inside it may set the variable again).

use std::io::Write;

use liquid_core::model::Value;
use liquid_core::parser::TagReflection;
use liquid_core::runtime::Expression;
use liquid_core::{Language, ParseTag, Renderable, Runtime, TagTokenIter, ValueView};

/// The name of the tag, and of the variable it sets.
pub(super) const ITEMS_TAG: &str = "opsbook_items";

/// The `for` tag `inner` (its text inside `{%` `%}`, without trim dashes) written for
/// [`ItemsTag`], or `None` when its collection is a range or it cannot be split.
pub(super) fn rewrite(inner: &str, trims: (bool, bool)) -> Option<String> {
    let rest = inner.strip_prefix("for")?.trim_start();
    let variable_len = rest.find(char::is_whitespace)?;
    let (variable, rest) = rest.split_at(variable_len);
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
    let dash = |trim: bool| if trim { "-" } else { "" };
    Some(format!(
        "{{%{} {ITEMS_TAG} {expression} %}}{{% for {variable} in {ITEMS_TAG}{options} {}%}}",
        dash(trims.0),
        dash(trims.1)
    ))
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
pub(super) struct ItemsTag;

impl TagReflection for ItemsTag {
    fn tag(&self) -> &str {
        ITEMS_TAG
    }
    fn description(&self) -> &str {
        ""
    }
}

impl ParseTag for ItemsTag {
    fn parse(&self, mut arguments: TagTokenIter<'_>, _options: &Language) -> liquid_core::Result<Box<dyn Renderable>> {
        let expression = arguments.expect_next("a collection")?.expect_value().into_result()?;
        arguments.expect_nothing()?;
        Ok(Box::new(Items { expression }))
    }

    fn reflection(&self) -> &dyn TagReflection {
        self
    }
}

#[derive(Debug)]
struct Items {
    expression: Expression,
}

impl Renderable for Items {
    fn render_to(&self, _writer: &mut dyn Write, runtime: &dyn Runtime) -> liquid_core::Result<()> {
        // Never fails: a loop over what cannot be read runs over nothing.
        let items = match self.expression.evaluate(runtime) {
            Ok(value) => items(&value, runtime),
            Err(_) => Value::Nil,
        };
        runtime.set_global(ITEMS_TAG.into(), items);
        Ok(())
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
        assert_eq!(
            rewrite("for t in site.data[\"a b\"] limit:2", (true, false)).as_deref(),
            Some("{%- opsbook_items site.data[\"a b\"] %}{% for t in opsbook_items limit:2 %}")
        );
        assert_eq!(
            rewrite("for c in \"x y\"", (false, true)).as_deref(),
            Some("{% opsbook_items \"x y\" %}{% for c in opsbook_items -%}")
        );
        assert_eq!(rewrite("for i in (1..3)", (false, false)), None);
        assert_eq!(rewrite("for i in", (false, false)), None);
        assert_eq!(rewrite("for i in \"open", (false, false)), None);
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
