//! `{% assign list = list | push: item %}` in the Liquid stage ([`super::evaluate`]) as
//! a tag that pushes onto the list the variable holds ([`PushTag`]), not one that copies
//! it: Jekyll's `push` (`lib/jekyll/filters.rb`) makes a new array of the same
//! references, so a page that pushes many items costs little there, where `liquid-core`
//! copies every item of the list at each push. The runtime holds the list
//! ([`super::liquid_pushed`]), and an item of the site's lists in it as a reference.

use std::io::Write;

use liquid_core::model::ScalarCow;
use liquid_core::parser::TagReflection;
use liquid_core::runtime::Expression;
use liquid_core::{Language, ParseTag, Renderable, Runtime, TagTokenIter, Value, ValueView};

use super::liquid_pushed::{PUSH_ITEM, PUSH_VALUE};

/// The name of the tag.
pub(super) const PUSH_TAG: &str = "opsbook_push";

/// The tag `inner` (its text inside `{%` `%}`, without trim dashes) written for
/// [`PushTag`] when it is `assign NAME = NAME | push: ITEM` (ITEM one word), and `keeps`
/// says NAME is the page's variable (no loop's around the tag).
pub(super) fn rewrite(inner: &str, trims: (bool, bool), keeps: &dyn Fn(&str) -> bool) -> Option<String> {
    let rest = inner.strip_prefix("assign")?.trim_start();
    let (name, rest) = rest.split_once('=')?;
    let name = name.trim();
    let word =
        |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !word(name) || name.starts_with(|c: char| c.is_ascii_digit() || c == '-') || !keeps(name) {
        return None;
    }
    let (read, filter) = rest.split_once('|')?;
    let item = filter.trim().strip_prefix("push")?.trim_start().strip_prefix(':')?.trim();
    let plain = !item.is_empty() && !item.contains(['|', ',', '\'', '"']) && !item.contains(char::is_whitespace);
    if read.trim() != name || !plain {
        return None;
    }
    let dash = |trim: bool| if trim { "-" } else { "" };
    Some(format!("{{%{} {PUSH_TAG} {name} {item} {}%}}", dash(trims.0), dash(trims.1)))
}

#[derive(Clone, Copy, Debug)]
pub(super) struct PushTag;

impl TagReflection for PushTag {
    fn tag(&self) -> &str {
        PUSH_TAG
    }
    fn description(&self) -> &str {
        ""
    }
}

impl ParseTag for PushTag {
    fn parse(&self, mut arguments: TagTokenIter<'_>, _options: &Language) -> liquid_core::Result<Box<dyn Renderable>> {
        let name = arguments.expect_next("a variable")?.expect_identifier().into_result()?.to_string();
        let item = arguments.expect_next("an item")?.expect_value().into_result()?;
        arguments.expect_nothing()?;
        Ok(Box::new(Push { name, item }))
    }
    fn reflection(&self) -> &dyn TagReflection {
        self
    }
}

#[derive(Debug)]
struct Push {
    name: String,
    item: Expression,
}

impl Renderable for Push {
    fn render_to(&self, _writer: &mut dyn Write, runtime: &dyn Runtime) -> liquid_core::Result<()> {
        let item = self.item.evaluate(runtime)?;
        let held = runtime.try_get(&[ScalarCow::new(self.name.as_str())]);
        if held.is_none_or(|list| list.as_array().is_none()) {
            return Err(liquid_core::Error::with_msg("Array expected").context("filter", "push"));
        }
        // A list kept from the variable by a loop is read again.
        super::liquid_items::variable_set(runtime.registers(), &self.name);
        // An item of the site's lists by its address, which the runtime that holds the
        // lists ([`super::liquid_pushed`]) knows when it is one; else a copy.
        let address = item.as_object().map(|object| std::ptr::from_ref(object.as_value()).cast::<()>() as usize);
        let shared = address.and_then(|address| {
            let address = Value::scalar(i64::try_from(address).ok()?);
            runtime.set_global(format!("{PUSH_ITEM}{}", self.name).into(), address)
        });
        if shared.is_none() {
            runtime.set_global(format!("{PUSH_VALUE}{}", self.name).into(), item.to_value());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assign_that_pushes_onto_its_own_list_is_rewritten() {
        let all = |_: &str| true;
        assert_eq!(
            rewrite("assign api_pages = api_pages | push: page", (false, true), &all).as_deref(),
            Some("{% opsbook_push api_pages page -%}")
        );
        assert_eq!(rewrite("assign a = b | push: page", (false, false), &all), None);
        assert_eq!(rewrite("assign a = a | push: 'x y'", (false, false), &all), None);
        assert_eq!(rewrite("assign a = a | push: p | uniq", (false, false), &all), None);
        assert_eq!(rewrite("assign a = a | push: page", (false, false), &|_| false), None);
    }
}
