//! The list filters as Jekyll runs them, around `liquid-lib`'s, for
//! [`super::liquid_runtime`]: `liquid-lib` stops a page where Ruby Liquid reads any
//! value as a list.
//!
//! - `join`, `reverse`, `uniq`, `compact`, `map`, `sort_natural` and `concat` read their
//!   input through Ruby Liquid's `InputIterator` (Shopify/liquid
//!   `lib/liquid/standardfilters.rb`): a list flattened, a map as a list of one, nil as
//!   an empty list, any other value as a list of one. So `{{ "Ada" | join: ", " }}` is
//!   `Ada`, where `liquid-lib` wants a list of texts.
//! - `sort` is Jekyll's (jekyll/jekyll `lib/jekyll/filters.rb`): nil is an error, as
//!   there ("Cannot sort a null object"); an empty list is an empty list, where
//!   `liquid-lib` wants a non-empty one; a map without a property is Ruby's `Hash#sort`,
//!   its `[key, value]` pairs in the order of their keys.

use liquid_core::parser::{FilterArguments, FilterReflection, ParseFilter};
use liquid_core::{Expression, Filter, Runtime, Value, ValueView};

/// How a wrapped filter reads its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Ruby Liquid's `InputIterator`.
    Items,
    /// Jekyll's `sort`.
    JekyllSort,
}

/// A filter of `liquid-lib` that reads its input as Jekyll does.
#[derive(Clone)]
pub(super) struct AsJekyll {
    inner: Box<dyn ParseFilter>,
    reading: Reading,
}

impl AsJekyll {
    /// `filter`, its input read through Ruby Liquid's `InputIterator`.
    pub(super) fn items(filter: impl ParseFilter + 'static) -> Self {
        AsJekyll { inner: Box::new(filter), reading: Reading::Items }
    }

    /// `filter` (a `sort`), its input read as Jekyll's `sort` reads it.
    pub(super) fn sort(filter: impl ParseFilter + 'static) -> Self {
        AsJekyll { inner: Box::new(filter), reading: Reading::JekyllSort }
    }
}

impl ParseFilter for AsJekyll {
    fn parse(&self, arguments: FilterArguments<'_>) -> liquid_core::Result<Box<dyn Filter>> {
        let positional: Vec<Expression> = arguments.positional.collect();
        let property = !positional.is_empty();
        let arguments = FilterArguments { positional: Box::new(positional.into_iter()), keyword: arguments.keyword };
        let inner = self.inner.parse(arguments)?;
        Ok(Box::new(AsJekyllFilter { inner, reading: self.reading, property }))
    }

    fn reflection(&self) -> &dyn FilterReflection {
        self.inner.reflection()
    }
}

#[derive(Debug)]
struct AsJekyllFilter {
    inner: Box<dyn Filter>,
    reading: Reading,
    /// Whether the filter was given a positional argument (`sort`'s property).
    property: bool,
}

impl std::fmt::Display for AsJekyllFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl Filter for AsJekyllFilter {
    fn evaluate(&self, input: &dyn ValueView, runtime: &dyn Runtime) -> liquid_core::Result<Value> {
        match self.reading {
            Reading::Items => self.inner.evaluate(&Value::array(input_items(input)), runtime),
            Reading::JekyllSort => {
                if let Some(array) = input.as_array()
                    && array.size() == 0
                {
                    return Ok(Value::array(Vec::<Value>::new()));
                }
                if let Some(object) = input.as_object()
                    && !self.property
                {
                    let mut pairs: Vec<(String, Value)> =
                        object.iter().map(|(key, value)| (key.to_string(), value.to_value())).collect();
                    pairs.sort_by(|a, b| a.0.cmp(&b.0));
                    let pairs = pairs.into_iter().map(|(key, value)| Value::array([Value::scalar(key), value]));
                    return Ok(Value::array(pairs));
                }
                self.inner.evaluate(input, runtime)
            }
        }
    }
}

/// `input` as Ruby Liquid's `InputIterator` reads it.
fn input_items(input: &dyn ValueView) -> Vec<Value> {
    if let Some(array) = input.as_array() {
        let mut items = Vec::new();
        for value in array.values() {
            match value.as_array() {
                Some(_) => items.extend(input_items(value)),
                None => items.push(value.to_value()),
            }
        }
        items
    } else if input.is_nil() {
        Vec::new()
    } else {
        vec![input.to_value()]
    }
}

#[cfg(test)]
mod tests {
    use liquid_core::{Language, ParseFilter, Value, call_filter, object, runtime::RuntimeBuilder};
    use liquid_lib::{jekyll, stdlib};

    use super::AsJekyll;

    fn rendered(template: &str, filters: Vec<(&str, Box<dyn ParseFilter>)>) -> liquid_core::Result<String> {
        let mut language = Language::empty();
        for (name, filter) in filters {
            language.filters.register(name.to_string(), filter);
        }
        let template = liquid_core::parser::parse(template, &language).map(liquid_core::runtime::Template::new)?;
        let globals = object!({ "name": "Ada", "none": Value::Nil, "map": { "b": 2, "a": 1 }, "nested": [["x", "y"], "z"], "nothing": [] });
        let runtime = RuntimeBuilder::new().set_globals(&globals).build();
        let mut out = Vec::new();
        liquid_core::Renderable::render_to(&template, &mut out, &runtime)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn list_filters_read_any_value_as_ruby_liquid_s_input_iterator_does() {
        let join = || vec![("join", Box::new(AsJekyll::items(stdlib::Join)) as Box<dyn ParseFilter>)];
        assert_eq!(rendered("{{ name | join: ', ' }}", join()).unwrap(), "Ada", "a text is a list of one");
        assert_eq!(rendered("[{{ none | join: ', ' }}]", join()).unwrap(), "[]", "nil is an empty list");
        assert_eq!(rendered("{{ nested | join: '-' }}", join()).unwrap(), "x-y-z", "a list is flattened");
        assert!(call_filter!(stdlib::Join, Value::scalar("Ada"), ", ").is_err(), "liquid-lib alone refuses a text");
    }

    #[test]
    fn sort_reads_its_input_as_jekyll_s_sort_does() {
        let sort = || vec![("sort", Box::new(AsJekyll::sort(jekyll::Sort)) as Box<dyn ParseFilter>)];
        let out =
            rendered("{{ map | sort | first | first }}{{ map | sort | last | last }}{{ nothing | sort | size }}", {
                let mut filters = sort();
                filters.push(("first", Box::new(stdlib::First)));
                filters.push(("last", Box::new(stdlib::Last)));
                filters.push(("size", Box::new(stdlib::Size)));
                filters
            });
        assert_eq!(out.unwrap(), "a20", "the pairs by key; an empty list sorted");
        assert!(call_filter!(jekyll::Sort, Value::array(Vec::<Value>::new())).is_err(), "liquid-lib alone refuses []");
        assert!(rendered("{{ none | sort }}", sort()).is_err(), "nil: Cannot sort a null object");
    }
}
