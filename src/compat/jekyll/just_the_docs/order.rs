//! The order of sibling pages: from v0.4.0.rc3 numeric `nav_order`s, then text ones,
//! then by numeric titles, then by text titles (`nav.html`; `sorted_pages.html` from
//! v0.6, `components/nav/sorted.html` from v0.10); v0.3.2 to v0.4.0.rc2's `nav.html`
//! numeric `nav_order`s, then the rest by `nav_order` or `title` as text; before,
//! every `nav_order` together, then the rest by `title`. Each group is sorted by
//! Jekyll's `sort` filter or, with `nav_sort: case_insensitive`, Liquid's
//! `sort_natural`.

use std::cmp::Ordering;

use super::page::{NavPage, Rules, Value, Version};

/// The pages in the order Jekyll reads them: the site's pages by file name
/// (`Reader#sort_files!`), a collection's documents by path.
pub(super) fn jekyll_order(members: &mut [usize], pages: &[NavPage]) {
    let key = |id: &usize| {
        let page = &pages[*id];
        let name = if page.document { "" } else { page.path.rsplit('/').next().unwrap_or(&page.path) };
        (name, page.path.as_str())
    };
    members.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// `ids` in the theme's order of siblings.
pub(super) fn sorted(ids: Vec<usize>, pages: &[NavPage], rules: &Rules) -> Vec<usize> {
    let text_cmp = |a: &Value, b: &Value| match rules.case_insensitive {
        true => natural_cmp(a, b),
        false => jekyll_cmp(a, b, rules.numeric_strings),
    };
    let number_cmp = |a: &Value, b: &Value| jekyll_cmp(a, b, rules.numeric_strings);
    let nav_order = |id: &usize| pages[*id].nav_order.as_ref();
    let title = |id: &usize| pages[*id].title.as_ref();
    // The first character of `jsonify` is `"` only for text.
    let is_text = |value: Option<&Value>| matches!(value, Some(Value::Text(_)) | None);
    let (with_order, by_title): (Vec<usize>, Vec<usize>) = ids.into_iter().partition(|id| nav_order(id).is_some());
    if rules.version == Version::V02 {
        // `sort: "nav_order"` over every page with one, then `sort: "title"`.
        let mut out = merge_sort(with_order, &|a: &usize, b: &usize| option_cmp(nav_order(a), nav_order(b), &text_cmp));
        out.extend(merge_sort(by_title, &|a: &usize, b: &usize| option_cmp(title(a), title(b), &text_cmp)));
        return out;
    }
    let (order_texts, order_numbers): (Vec<usize>, Vec<usize>) =
        with_order.into_iter().partition(|id| is_text(nav_order(id)));
    let mut out =
        merge_sort(order_numbers, &|a: &usize, b: &usize| option_cmp(nav_order(a), nav_order(b), &number_cmp));
    if rules.version.texts_with_titles() {
        // The rest by `nav_order | default: title | append: ''`, as text.
        let mut rest: Vec<(usize, Value)> = order_texts
            .into_iter()
            .chain(by_title)
            .map(|id| (id, Value::Text(nav_order(&id).or(title(&id)).map_or("", Value::text).to_string())))
            .collect();
        rest = merge_sort(rest, &|a: &(usize, Value), b: &(usize, Value)| text_cmp(&a.1, &b.1));
        out.extend(rest.into_iter().map(|(id, _)| id));
        return out;
    }
    out.extend(merge_sort(order_texts, &|a: &usize, b: &usize| option_cmp(nav_order(a), nav_order(b), &text_cmp)));
    let (title_texts, title_numbers): (Vec<usize>, Vec<usize>) =
        by_title.into_iter().partition(|id| is_text(title(id)));
    out.extend(merge_sort(title_numbers, &|a: &usize, b: &usize| option_cmp(title(a), title(b), &number_cmp)));
    out.extend(merge_sort(title_texts, &|a: &usize, b: &usize| option_cmp(title(a), title(b), &text_cmp)));
    out
}

/// Missing values last.
fn option_cmp(a: Option<&Value>, b: Option<&Value>, cmp: &dyn Fn(&Value, &Value) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => cmp(a, b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Jekyll's `sort` (`Filters#sort_input`): `a <=> b`, else their texts compared; with
/// Jekyll 4, text that reads as a number is that number (`parse_sort_input`).
pub(super) fn jekyll_cmp(a: &Value, b: &Value, numeric_strings: bool) -> Ordering {
    let number = |value: &Value| match value {
        Value::Num(n, _) => Some(*n),
        Value::Text(text) if numeric_strings => number_like(text),
        _ => None,
    };
    match (a, b, number(a), number(b)) {
        (_, _, Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (_, _, Some(_), None) | (_, _, None, Some(_)) => a.text().cmp(b.text()),
        (Value::Bool(x), Value::Bool(y), _, _) if x == y => Ordering::Equal,
        _ => a.text().cmp(b.text()),
    }
}

/// Liquid's `sort_natural`: the texts compared ignoring ASCII case (`casecmp`).
pub(super) fn natural_cmp(a: &Value, b: &Value) -> Ordering {
    let lower = |value: &Value| value.text().bytes().map(|b| b.to_ascii_lowercase()).collect::<Vec<u8>>();
    lower(a).cmp(&lower(b))
}

/// The number a text reads as for Jekyll's `INTEGER_LIKE` and `FLOAT_LIKE`
/// (`-12`, `2.5`, `3.`, `.5`, spaces around).
fn number_like(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    let digits = trimmed.strip_prefix('-').unwrap_or(trimmed);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let shaped = all_digits(whole) && all_digits(fraction) && (!whole.is_empty() || !fraction.is_empty());
    if !shaped {
        return None;
    }
    trimmed.trim_end_matches('.').parse().ok().or_else(|| format!("{trimmed}0").parse().ok())
}

/// A stable merge sort that never fails, whatever `cmp` says (Jekyll's comparisons of
/// mixed values are no total order).
fn merge_sort<T: Clone>(items: Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
    if items.len() < 2 {
        return items;
    }
    let mut items = items;
    let right = items.split_off(items.len() / 2);
    let (left, right) = (merge_sort(items, cmp), merge_sort(right, cmp));
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
        if cmp(b, a) == Ordering::Less {
            out.extend(r.next());
        } else {
            out.extend(l.next());
        }
    }
    out.extend(l);
    out.extend(r);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_as_jekyll_4_does() {
        for (text, number) in [("10", Some(10.0)), (" -2 ", Some(-2.0)), ("2.5", Some(2.5)), ("3.", Some(3.0))] {
            assert_eq!(number_like(text), number, "{text}");
        }
        assert_eq!(number_like(".5"), Some(0.5));
        for text in ["", "-", ".", "1e3", "A", "1.2.3"] {
            assert_eq!(number_like(text), None, "{text}");
        }
    }

    #[test]
    fn a_sort_of_mixed_values_is_stable_and_whole() {
        let values: Vec<Value> = ["2", "10", "1a", "A"].iter().map(|t| Value::Text(t.to_string())).collect();
        let sorted = merge_sort(values.clone(), &|a: &Value, b: &Value| jekyll_cmp(a, b, true));
        assert_eq!(sorted.len(), 4);
        let texts: Vec<&str> = sorted.iter().map(Value::text).collect();
        assert_eq!(texts, ["1a", "2", "10", "A"]);
    }
}
