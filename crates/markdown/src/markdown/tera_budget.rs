//! The budget of one render of a Tera template (a page's, `render`, or a construct's,
//! [`super::templating`]): the items its `range` calls make, added up. Tera runs loops
//! without a bound of its own, and `range(end=100000)` inside another is 10^10 steps
//! that write nothing, so no bound on the output stops them. opsbook's `range` takes
//! the place of Tera's, with its arguments, and fails past [`MAX_ITEMS`] items in one
//! render: a `template` error naming the template and the call.

use std::cell::Cell;

/// The most items the `range` calls of one render make together.
pub const MAX_ITEMS: usize = 1_000_000;

thread_local! {
    /// The items made by the render running on this thread.
    static MADE: Cell<usize> = const { Cell::new(0) };
}

/// Starts the budget of a render on this thread: every call of `tera.render*` does.
pub fn start() {
    MADE.set(0);
}

/// Makes `range` in `tera` the budgeted one.
pub fn register(tera: &mut tera::Tera) {
    tera.register_function("range", range);
}

/// `range(end=N)`, `range(start=A, end=N)`, `range(start=A, end=N, step_by=S)`: the
/// numbers from `start` (0) up to `end` excluded, `step_by` (1) apart, or down to it
/// for a negative step.
fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or(0);
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message("`range` was called with `step_by` 0"));
    }
    if step > 0 && start > end {
        return Err(tera::Error::message("`range` was called with a `start` greater than its `end`"));
    }
    let span = if step > 0 { end.checked_sub(start) } else { start.checked_sub(end) };
    let steps = step.checked_abs().zip(span).map(|(step, span)| if span <= 0 { 0 } else { (span - 1) / step + 1 });
    let steps = steps.ok_or_else(|| tera::Error::message("`range` was called with numbers too large"))?;
    let made = MADE.get().saturating_add(usize::try_from(steps).unwrap_or(usize::MAX));
    if made > MAX_ITEMS {
        return Err(tera::Error::message(format!(
            "the template's `range` calls make more than {MAX_ITEMS} items in one render, the budget of a template"
        )));
    }
    MADE.set(made);
    Ok((0..steps).map(|i| start + i * step).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str) -> Result<String, String> {
        let mut tera = tera::Tera::new();
        register(&mut tera);
        tera.add_raw_template("t.html", template).expect("parses");
        start();
        tera.render("t.html", &tera::Context::new()).map_err(|e| format!("{e:?}"))
    }

    #[test]
    fn counts_like_teras_own_range() {
        assert_eq!(render("{% for i in range(end=3) %}{{ i }}{% endfor %}").as_deref(), Ok("012"));
        assert_eq!(render("{% for i in range(start=1, end=8, step_by=3) %}{{ i }}{% endfor %}").as_deref(), Ok("147"));
        assert_eq!(render("{% for i in range(start=5, end=1, step_by=-2) %}{{ i }}{% endfor %}").as_deref(), Ok("53"));
        assert_eq!(render("{% for i in range(start=2, end=2) %}{{ i }}{% endfor %}").as_deref(), Ok(""));
        assert!(render("{{ range(end=2, step_by=0) }}").is_err());
    }

    #[test]
    fn stops_nested_loops_past_the_budget() {
        let nested = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}";
        let error = render(nested).expect_err("past the budget");
        assert!(error.contains("more than 1000000 items"), "{error}");
        assert!(render("{% for a in range(end=1000) %}{% for b in range(end=999) %}{% endfor %}{% endfor %}").is_ok());
    }
}
