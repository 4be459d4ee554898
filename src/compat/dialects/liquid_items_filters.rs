//! The list filters as Jekyll runs them, around `liquid-lib`'s, for
//! [`super::liquid_runtime`]: `liquid-lib` stops a page where Ruby Liquid reads any
//! value as a list.
//!
//! More: docs/architecture.md, "Notes by module".

use std::sync::LazyLock;

use liquid_core::parser::{FilterArguments, FilterReflection, ParameterReflection, ParseFilter};
use liquid_core::runtime::StackFrame;
use liquid_core::{Expression, Filter, Language, Object, Runtime, Value, ValueView};

use super::liquid_lenient::Lenient;

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

/// Jekyll's `where_exp` (all the items whose condition holds) or `find_exp` (the first).
#[derive(Debug, Clone, Copy)]
pub(super) struct WhereExp {
    /// `find_exp`.
    pub(super) first: bool,
}

const WHERE_EXP_PARAMETERS: &[ParameterReflection] = &[
    ParameterReflection { name: "variable", description: "", is_optional: false },
    ParameterReflection { name: "expression", description: "", is_optional: false },
];

impl FilterReflection for WhereExp {
    fn name(&self) -> &str {
        if self.first { "find_exp" } else { "where_exp" }
    }
    fn description(&self) -> &str {
        ""
    }
    fn positional_parameters(&self) -> &'static [ParameterReflection] {
        WHERE_EXP_PARAMETERS
    }
    fn keyword_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
}

impl ParseFilter for WhereExp {
    fn parse(&self, mut arguments: FilterArguments<'_>) -> liquid_core::Result<Box<dyn Filter>> {
        let missing = || liquid_core::Error::with_msg(format!("`{}` needs a variable and a condition", self.name()));
        let variable = arguments.positional.next().ok_or_else(missing)?;
        let condition = arguments.positional.next().ok_or_else(missing)?;
        Ok(Box::new(WhereExpFilter { variable, condition, first: self.first }))
    }
    fn reflection(&self) -> &dyn FilterReflection {
        self
    }
}

#[derive(Debug)]
struct WhereExpFilter {
    variable: Expression,
    condition: Expression,
    first: bool,
}

impl std::fmt::Display for WhereExpFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = if self.first { "find_exp" } else { "where_exp" };
        write!(f, "{name}: {}, {}", self.variable, self.condition)
    }
}

/// The language of a condition alone: Liquid's `if` as Jekyll's `Liquid::Condition`
/// evaluates it (`nil contains x` is false), without the wrappers of a page's tags,
/// which number and record what fails ([`super::liquid_recover`]).
static CONDITIONS: LazyLock<Language> = LazyLock::new(|| {
    let mut language = Language::empty();
    language.blocks.register("if".to_string(), Box::new(super::liquid_conditions::IF));
    language
});

impl Filter for WhereExpFilter {
    fn evaluate(&self, input: &dyn ValueView, runtime: &dyn Runtime) -> liquid_core::Result<Value> {
        let variable = self.variable.evaluate(runtime)?.to_kstr().into_owned();
        let condition = self.condition.evaluate(runtime)?.to_kstr().into_owned();
        let items: Vec<&dyn ValueView> = if let Some(array) = input.as_array() {
            array.values().collect()
        } else if let Some(object) = input.as_object() {
            super::liquid_order::entries(object, runtime).into_iter().map(|(_, v)| v).collect()
        } else {
            return Ok(input.to_value());
        };
        let template = liquid_core::parser::parse(&format!("{{% if {condition} %}}1{{% endif %}}"), &CONDITIONS)
            .map(liquid_core::runtime::Template::new)?;
        let mut kept = Vec::new();
        for item in items {
            let mut bound = Object::new();
            bound.insert(variable.clone(), item.to_value());
            let frame = Lenient(StackFrame::new(runtime, bound));
            let mut out = Vec::new();
            liquid_core::Renderable::render_to(&template, &mut out, &frame)?;
            if out == b"1" {
                if self.first {
                    return Ok(item.to_value());
                }
                kept.push(item.to_value());
            }
        }
        Ok(if self.first { Value::Nil } else { Value::array(kept) })
    }
}

#[cfg(test)]
mod tests {
    use liquid_core::{Language, ParseFilter, Value, call_filter, object, runtime::RuntimeBuilder};
    use liquid_lib::{jekyll, stdlib};

    use super::AsJekyll;

    fn rendered(template: &str, filters: Vec<(&str, Box<dyn ParseFilter>)>) -> liquid_core::Result<String> {
        rendered_with(template, filters, false)
    }

    fn rendered_with(
        template: &str,
        filters: Vec<(&str, Box<dyn ParseFilter>)>,
        assign: bool,
    ) -> liquid_core::Result<String> {
        let mut language = Language::empty();
        if assign {
            language.tags.register("assign".to_string(), Box::new(stdlib::AssignTag));
        }
        for (name, filter) in filters {
            language.filters.register(name.to_string(), filter);
        }
        let template = liquid_core::parser::parse(template, &language).map(liquid_core::runtime::Template::new)?;
        let globals = object!({ "name": "Ada", "none": Value::Nil, "map": { "b": 2, "a": 1 }, "nested": [["x", "y"], "z"], "nothing": [],
            "team": [{ "name": "Ada", "year": 1815 }, { "name": "Grace", "year": 1906, "tags": ["x"] }, { "name": "Eve", "year": 2001 }, { "name": "Frances", "year": 1932 }] });
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
    fn where_exp_and_find_exp_keep_the_items_whose_condition_holds() {
        let filters = || {
            vec![
                ("where_exp", Box::new(super::WhereExp { first: false }) as Box<dyn ParseFilter>),
                ("find_exp", Box::new(super::WhereExp { first: true })),
                ("size", Box::new(stdlib::Size)),
            ]
        };
        let template = "{% assign old = team | where_exp: 'p', 'p.year < 1900 or p.name == \"Eve\"' %}{{ old | size }} \
                        {% assign found = team | find_exp: 'p', 'p.name contains \"ra\"' %}{{ found.name }} \
                        [{{ team | find_exp: 'p', 'p.year > 3000' }}] {{ name | where_exp: 'p', 'p' }}";
        let out = rendered_with(template, filters(), true).unwrap();
        assert_eq!(out, "2 Grace [] Ada", "Ada (1815) and Eve; Grace first of `ra`; none; a text as it is");
        // Jekyll's `where_exp` evaluates a `Liquid::Condition`, whose `contains` is false
        // when its left side is nil (Shopify/liquid `lib/liquid/condition.rb`): the items
        // without `tags` are left out, and nothing fails.
        let tagged = rendered_with("{{ team | where_exp: 'p', 'p.tags contains \"x\"' | size }}", filters(), false);
        assert_eq!(tagged.unwrap(), "1", "Grace alone has the tag");
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
