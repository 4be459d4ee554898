//! The budget of one page's Liquid ([`super::evaluate`]): how deep its blocks nest,
//! how long it runs and how large the values it makes grow. `liquid-core` parses and
//! renders blocks by recursion and runs loops and filters without bounds of its own, so:
//!
//! 1. before the page is parsed, its blocks' nesting is counted ([`too_deep`]): a page
//!    nesting more than [`MAX_DEPTH`] blocks is not evaluated;
//! 2. while it renders, every wrapped tag ([`super::liquid_recover`]) looks at the clock
//!    ([`over`]), and every value assigned is weighed ([`weigh`]); past [`MAX_TIME`] or
//!    [`MAX_VALUE`] the render stops at that tag, and the page's tags are shown as
//!    placeholders with a `budget` error at it.

use std::time::{Duration, Instant};

use liquid_core::Value;
use liquid_core::runtime::Registers;

/// The most a page's Liquid writes, in bytes.
pub(super) const MAX_OUTPUT: usize = 16 << 20;
/// The longest literal range a `for` loop runs over.
pub(super) const MAX_RANGE: i64 = 10_000;

/// The deepest Liquid blocks nest on a page (Ruby Liquid's own bound).
pub(super) const MAX_DEPTH: usize = 100;
/// The longest one page's Liquid runs, all its renders together.
pub(super) const MAX_TIME: Duration = Duration::from_secs(4);
/// The largest value a page's Liquid assigns, in bytes of text (and 16 per value).
pub(super) const MAX_VALUE: usize = 16 << 20;

/// What is left of the budget of the page being rendered, in the runtime's registers.
#[derive(Debug, Default)]
pub(super) struct Budget {
    /// When the page's time is up; `None`: no bound (a runtime not made by the page).
    deadline: Option<Instant>,
    /// Why the budget is spent, once it is.
    pub(super) spent: Option<String>,
    /// The number of the wrapped tag that spent it, once known.
    pub(super) at: Option<usize>,
    /// Whether an assigned value is being weighed: the runtimes wrapped around it pass
    /// it on unweighed.
    weighing: bool,
}

/// Starts the page's clock in `registers`, from `started`.
pub(super) fn start(registers: &Registers, started: Instant) {
    *registers.get_mut::<Budget>() = Budget { deadline: Some(started + MAX_TIME), ..Budget::default() };
}

/// Why the tag numbered `number` may not run: the budget is spent, now or before.
pub(super) fn over(registers: &Registers, number: usize) -> Option<String> {
    let mut budget = registers.get_mut::<Budget>();
    if budget.spent.is_none() && budget.deadline.is_some_and(|deadline| Instant::now() > deadline) {
        budget.spent = Some(format!("it runs longer than {} s", MAX_TIME.as_secs()));
    }
    let why = budget.spent.clone()?;
    budget.at.get_or_insert(number);
    Some(why)
}

/// Whether the budget is spent; the tag numbered `number` takes the blame when no tag
/// inside it did.
pub(super) fn spent(registers: &Registers, number: usize) -> bool {
    let mut budget = registers.get_mut::<Budget>();
    if budget.spent.is_some() {
        budget.at.get_or_insert(number);
    }
    budget.spent.is_some()
}

/// `value` if it is within [`MAX_VALUE`]; nil (and the budget spent) when it is not.
/// Runs `set` with the value to store; a runtime wrapped in one already weighing passes
/// it on as it is.
pub(super) fn weighed<T>(registers: &Registers, value: Value, set: impl FnOnce(Value) -> T) -> T {
    if registers.get_mut::<Budget>().weighing {
        return set(value);
    }
    let heavy = weigh(&value, MAX_VALUE) > MAX_VALUE;
    let value = if heavy {
        too_heavy(registers);
        Value::Nil
    } else {
        value
    };
    registers.get_mut::<Budget>().weighing = true;
    let result = set(value);
    registers.get_mut::<Budget>().weighing = false;
    result
}

/// Spends the budget on a value larger than [`MAX_VALUE`].
pub(super) fn too_heavy(registers: &Registers) {
    let mut budget = registers.get_mut::<Budget>();
    budget.spent.get_or_insert_with(|| format!("it makes a value larger than {} MiB", MAX_VALUE >> 20));
}

/// The size of `value`: its text's bytes and 16 for each value in it, counted until it
/// passes `limit`, so that weighing costs at most the limit.
pub(super) fn weigh(value: &Value, limit: usize) -> usize {
    let mut total = 0usize;
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        total = total.saturating_add(16);
        match value {
            Value::Scalar(scalar) => total = total.saturating_add(liquid_core::ValueView::to_kstr(scalar).len()),
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(object) => {
                for (key, item) in object.iter() {
                    total = total.saturating_add(key.len());
                    stack.push(item);
                }
            }
            _ => {}
        }
        if total > limit {
            break;
        }
    }
    total
}

/// The first block past [`MAX_DEPTH`] in `names`, the tags of a page in order (each
/// with its place): a block's name opens one, `end` and its name closes it.
pub(super) fn too_deep<'a>(names: impl Iterator<Item = (&'a str, usize)>, blocks: &[&str]) -> Option<usize> {
    let mut depth = 0usize;
    for (name, at) in names {
        if blocks.contains(&name) {
            depth += 1;
            if depth > MAX_DEPTH {
                return Some(at);
            }
        } else if name.strip_prefix("end").is_some_and(|block| blocks.contains(&block)) {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

/// The names of the tags of a Liquid `template` and where each starts, in order: for
/// [`too_deep`] on a text whose tags were not found before (an included file's).
pub(super) fn tag_names(template: &str) -> impl Iterator<Item = (&str, usize)> {
    template.match_indices("{%").map(move |(at, _)| {
        let rest = template[at + 2..].trim_start_matches('-').trim_start();
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        (&rest[..end], at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_block_past_the_depth() {
        let open = std::iter::repeat_n(("if", 1), MAX_DEPTH);
        let names: Vec<(&str, usize)> = open.chain([("endif", 2), ("for", 3), ("for", 4)]).collect();
        assert_eq!(too_deep(names.into_iter(), &["if", "for"]), Some(4));
        let flat = std::iter::repeat_n([("if", 1), ("endif", 2)], 10 * MAX_DEPTH).flatten();
        assert_eq!(too_deep(flat, &["if"]), None);
        let template =
            format!("{}x{}", "{%- for i in (1..2) %}".repeat(MAX_DEPTH + 1), "{% endfor %}".repeat(MAX_DEPTH + 1));
        assert_eq!(too_deep(tag_names(&template), &["for"]), Some(MAX_DEPTH * "{%- for i in (1..2) %}".len()));
    }

    #[test]
    fn weighs_text_and_values_until_the_limit() {
        let text = Value::scalar("x".repeat(1000));
        assert_eq!(weigh(&text, MAX_VALUE), 1016);
        let list = Value::Array(vec![text.clone(), text.clone()]);
        assert_eq!(weigh(&list, MAX_VALUE), 16 + 2 * 1016);
        assert!(weigh(&list, 100) < 2 * 1016, "stops past the limit");
    }
}
