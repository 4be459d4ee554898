//! The filters whose Jekyll behaviour differs from `liquid-lib`'s on values of another
//! type, for [`super::liquid_runtime`]: Jekyll runs Shopify's Ruby Liquid with lax
//! filters, where `liquid-lib` stops the page with an error.
//!
//! More: docs/architecture.md, "Notes by module".

use liquid_core::Expression;
use liquid_core::parser::{FilterArguments, FilterReflection, ParameterReflection, ParseFilter};
use liquid_core::{Filter, Runtime, Value, ValueView};

/// A number as Ruby Liquid's `to_number` gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Integer(i64),
    Decimal(f64),
}

impl Number {
    fn as_f64(self) -> f64 {
        match self {
            Number::Integer(i) => i as f64,
            Number::Decimal(d) => d,
        }
    }
}

/// `value` read as a number, by Ruby Liquid's rule.
fn to_number(value: &dyn ValueView) -> Number {
    let Some(scalar) = value.as_scalar() else { return Number::Integer(0) };
    if let Some(integer) = scalar.to_integer().filter(|_| !is_text(value)) {
        return Number::Integer(integer);
    }
    if !is_text(value) {
        return match scalar.to_float() {
            Some(float) => Number::Decimal(float),
            None => Number::Integer(0),
        };
    }
    text_to_number(scalar.into_cow_str().trim())
}

/// Whether `value` is a text (not a number that renders as one).
fn is_text(value: &dyn ValueView) -> bool {
    value.type_name() == "string"
}

/// A text as Ruby Liquid reads it: `-?\d+\.\d+` a decimal, else `String#to_i`.
fn text_to_number(text: &str) -> Number {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let decimal = digits.split_once('.').is_some_and(|(whole, fraction)| {
        !whole.is_empty()
            && !fraction.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
    });
    if decimal && let Ok(value) = text.parse::<f64>() {
        return Number::Decimal(value);
    }
    // `to_i`: an optional sign and the digits that follow it (underscores between
    // digits allowed), up to the first other character.
    let rest = text.trim_start();
    let (negative, rest) = match rest.as_bytes().first() {
        Some(b'-') => (true, &rest[1..]),
        Some(b'+') => (false, &rest[1..]),
        _ => (false, rest),
    };
    let mut value: i64 = 0;
    let mut previous_digit = false;
    for byte in rest.bytes() {
        match byte {
            b'0'..=b'9' => {
                value = value.saturating_mul(10).saturating_add(i64::from(byte - b'0'));
                previous_digit = true;
            }
            b'_' if previous_digit => previous_digit = false,
            _ => break,
        }
    }
    Number::Integer(if negative { -value } else { value })
}

/// The arithmetic filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operation {
    Plus,
    Minus,
    Times,
    DividedBy,
    Modulo,
}

impl Operation {
    fn name(self) -> &'static str {
        match self {
            Operation::Plus => "plus",
            Operation::Minus => "minus",
            Operation::Times => "times",
            Operation::DividedBy => "divided_by",
            Operation::Modulo => "modulo",
        }
    }

    /// `left` and `right` combined, or `None` for a division by zero.
    fn apply(self, left: Number, right: Number) -> Option<Value> {
        if let (Number::Integer(a), Number::Integer(b)) = (left, right) {
            let integer = match self {
                Operation::Plus => a.checked_add(b),
                Operation::Minus => a.checked_sub(b),
                Operation::Times => a.checked_mul(b),
                Operation::DividedBy if b == 0 => return None,
                Operation::DividedBy => {
                    a.checked_div(b).map(|q| if a % b != 0 && (a < 0) != (b < 0) { q - 1 } else { q })
                }
                Operation::Modulo if b == 0 => return None,
                Operation::Modulo => a.checked_rem(b).map(|r| if r != 0 && (r < 0) != (b < 0) { r + b } else { r }),
            };
            if let Some(integer) = integer {
                return Some(Value::scalar(integer));
            }
        }
        let (a, b) = (left.as_f64(), right.as_f64());
        let decimal = match self {
            Operation::Plus => a + b,
            Operation::Minus => a - b,
            Operation::Times => a * b,
            Operation::DividedBy if b == 0.0 => return None,
            Operation::DividedBy => a / b,
            Operation::Modulo if b == 0.0 => return None,
            Operation::Modulo => a - b * (a / b).floor(),
        };
        Some(Value::scalar(decimal))
    }
}

/// A lenient arithmetic filter, before it is parsed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Arithmetic(Operation);

impl Arithmetic {
    pub(super) const ALL: [Arithmetic; 5] = [
        Arithmetic(Operation::Plus),
        Arithmetic(Operation::Minus),
        Arithmetic(Operation::Times),
        Arithmetic(Operation::DividedBy),
        Arithmetic(Operation::Modulo),
    ];
}

const OPERAND: &[ParameterReflection] = &[ParameterReflection { name: "operand", description: "", is_optional: false }];

impl FilterReflection for Arithmetic {
    fn name(&self) -> &str {
        self.0.name()
    }
    fn description(&self) -> &str {
        ""
    }
    fn positional_parameters(&self) -> &'static [ParameterReflection] {
        OPERAND
    }
    fn keyword_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
}

impl ParseFilter for Arithmetic {
    fn parse(&self, mut arguments: FilterArguments<'_>) -> liquid_core::Result<Box<dyn Filter>> {
        let operand = arguments
            .positional
            .next()
            .ok_or_else(|| liquid_core::Error::with_msg(format!("`{}` needs an operand", self.0.name())))?;
        Ok(Box::new(ArithmeticFilter { operation: self.0, operand }))
    }
    fn reflection(&self) -> &dyn FilterReflection {
        self
    }
}

#[derive(Debug)]
struct ArithmeticFilter {
    operation: Operation,
    operand: Expression,
}

impl std::fmt::Display for ArithmeticFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.operation.name(), self.operand)
    }
}

impl Filter for ArithmeticFilter {
    fn evaluate(&self, input: &dyn ValueView, runtime: &dyn Runtime) -> liquid_core::Result<Value> {
        let operand = self.operand.evaluate(runtime)?;
        self.operation
            .apply(to_number(input), to_number(operand.as_view()))
            .ok_or_else(|| liquid_core::Error::with_msg("divided by 0"))
    }
}

/// The filters of one number: `abs`, `ceil`, `floor`, `round`, `at_least`, `at_most`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rounding(&'static str);

impl Rounding {
    pub(super) const ALL: [Rounding; 6] = [
        Rounding("abs"),
        Rounding("ceil"),
        Rounding("floor"),
        Rounding("round"),
        Rounding("at_least"),
        Rounding("at_most"),
    ];

    /// `input` through the filter, with its argument (`round`'s digits, the bound).
    fn apply(self, input: Number, argument: Option<Number>) -> Value {
        let integer = |value: f64| {
            if value.is_finite() && value.abs() < 9.0e18 { Value::scalar(value as i64) } else { Value::scalar(value) }
        };
        match (self.0, input) {
            ("abs", Number::Integer(i)) => Value::scalar(i.saturating_abs()),
            ("abs", Number::Decimal(d)) => Value::scalar(d.abs()),
            ("ceil", n) => integer(n.as_f64().ceil()),
            ("floor", n) => integer(n.as_f64().floor()),
            ("round", Number::Integer(i)) => Value::scalar(i),
            ("round", Number::Decimal(d)) => match argument.map(Number::as_f64).unwrap_or(0.0) {
                digits if digits < 1.0 => integer(d.round()),
                digits => {
                    let scale = 10f64.powi(digits.min(15.0) as i32);
                    Value::scalar((d * scale).round() / scale)
                }
            },
            (bound, n) => {
                let Some(limit) = argument else { return number_value(n) };
                let above = n.as_f64() > limit.as_f64();
                let keep_input = if bound == "at_least" { above } else { !above };
                number_value(if keep_input || n.as_f64() == limit.as_f64() { n } else { limit })
            }
        }
    }
}

fn number_value(number: Number) -> Value {
    match number {
        Number::Integer(i) => Value::scalar(i),
        Number::Decimal(d) => Value::scalar(d),
    }
}

const OPTIONAL: &[ParameterReflection] =
    &[ParameterReflection { name: "argument", description: "", is_optional: true }];

impl FilterReflection for Rounding {
    fn name(&self) -> &str {
        self.0
    }
    fn description(&self) -> &str {
        ""
    }
    fn positional_parameters(&self) -> &'static [ParameterReflection] {
        OPTIONAL
    }
    fn keyword_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
}

impl ParseFilter for Rounding {
    fn parse(&self, mut arguments: FilterArguments<'_>) -> liquid_core::Result<Box<dyn Filter>> {
        Ok(Box::new(RoundingFilter { rounding: *self, argument: arguments.positional.next() }))
    }
    fn reflection(&self) -> &dyn FilterReflection {
        self
    }
}

#[derive(Debug)]
struct RoundingFilter {
    rounding: Rounding,
    argument: Option<Expression>,
}

impl std::fmt::Display for RoundingFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.rounding.0)
    }
}

impl Filter for RoundingFilter {
    fn evaluate(&self, input: &dyn ValueView, runtime: &dyn Runtime) -> liquid_core::Result<Value> {
        let argument = match &self.argument {
            Some(argument) => Some(to_number(argument.evaluate(runtime)?.as_view())),
            None => None,
        };
        Ok(self.rounding.apply(to_number(input), argument))
    }
}

/// Jekyll's `where`, before it is parsed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Where;

const WHERE_PARAMETERS: &[ParameterReflection] = &[
    ParameterReflection { name: "property", description: "", is_optional: false },
    ParameterReflection { name: "value", description: "", is_optional: true },
];

impl FilterReflection for Where {
    fn name(&self) -> &str {
        "where"
    }
    fn description(&self) -> &str {
        ""
    }
    fn positional_parameters(&self) -> &'static [ParameterReflection] {
        WHERE_PARAMETERS
    }
    fn keyword_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
}

impl ParseFilter for Where {
    fn parse(&self, mut arguments: FilterArguments<'_>) -> liquid_core::Result<Box<dyn Filter>> {
        let property =
            arguments.positional.next().ok_or_else(|| liquid_core::Error::with_msg("`where` needs a property"))?;
        let value = arguments.positional.next();
        Ok(Box::new(WhereFilter { property, value }))
    }
    fn reflection(&self) -> &dyn FilterReflection {
        self
    }
}

#[derive(Debug)]
struct WhereFilter {
    property: Expression,
    value: Option<Expression>,
}

impl std::fmt::Display for WhereFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "where: {}", self.property)
    }
}

impl Filter for WhereFilter {
    fn evaluate(&self, input: &dyn ValueView, runtime: &dyn Runtime) -> liquid_core::Result<Value> {
        let property = self.property.evaluate(runtime)?;
        let value = match &self.value {
            Some(value) => Some(value.evaluate(runtime)?.to_value()),
            None => None,
        };
        let target = value.unwrap_or(Value::Nil);
        if property.is_nil() || target.as_array().is_some() || target.as_object().is_some() {
            return Ok(input.to_value());
        }
        let items: Vec<&dyn ValueView> = if let Some(array) = input.as_array() {
            array.values().collect()
        } else if let Some(object) = input.as_object() {
            super::liquid_order::entries(object, runtime).into_iter().map(|(_, v)| v).collect()
        } else {
            return Ok(input.to_value());
        };
        let property = property.to_kstr();
        let matching = items
            .into_iter()
            .filter(|item| matches(item.as_object().and_then(|o| o.get(property.as_str())), &target))
            .map(ValueView::to_value);
        Ok(Value::array(matching))
    }
}

/// Jekyll's `compare_property_vs_target`.
fn matches(property: Option<&dyn ValueView>, target: &Value) -> bool {
    let property = property.filter(|p| !p.is_nil());
    if target.is_nil() {
        return property.is_none();
    }
    let target = target.to_kstr();
    let Some(property) = property else { return false };
    match property.as_array() {
        Some(list) => list.values().any(|v| v.to_kstr() == target),
        None => property.to_kstr() == target,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_as_ruby_liquid_does() {
        assert_eq!(text_to_number("12px"), Number::Integer(12));
        assert_eq!(text_to_number("abc"), Number::Integer(0));
        assert_eq!(text_to_number("-3"), Number::Integer(-3));
        assert_eq!(text_to_number("1_000"), Number::Integer(1000));
        assert_eq!(text_to_number("2.5"), Number::Decimal(2.5));
        assert_eq!(text_to_number("2.5em"), Number::Integer(2));
        assert_eq!(to_number(&Value::Nil), Number::Integer(0));
        assert_eq!(to_number(&Value::scalar("7")), Number::Integer(7));
        assert_eq!(to_number(&Value::scalar(1.5)), Number::Decimal(1.5));
    }

    #[test]
    fn rounds_text_as_ruby_liquid_does() {
        let apply = |name, input: &str, argument| {
            let rounding = Rounding::ALL.into_iter().find(|r| r.0 == name).expect("a filter");
            rounding.apply(text_to_number(input), argument).to_kstr().to_string()
        };
        assert_eq!(apply("round", "2.6", None), "3");
        assert_eq!(apply("round", "2.567", Some(Number::Integer(2))), "2.57");
        assert_eq!(apply("round", "abc", None), "0");
        assert_eq!(apply("ceil", "1.2", None), "2");
        assert_eq!(apply("floor", "-1.2", None), "-2");
        assert_eq!(apply("abs", "-3", None), "3");
        assert_eq!(apply("at_least", "3", Some(Number::Integer(5))), "5");
        assert_eq!(apply("at_most", "3", Some(Number::Integer(5))), "3");
    }

    #[test]
    fn divides_as_ruby_does() {
        let div = |a, b| Operation::DividedBy.apply(Number::Integer(a), Number::Integer(b));
        let rem = |a, b| Operation::Modulo.apply(Number::Integer(a), Number::Integer(b));
        assert_eq!(div(7, 2), Some(Value::scalar(3)));
        assert_eq!(div(-7, 2), Some(Value::scalar(-4)));
        assert_eq!(div(7, -2), Some(Value::scalar(-4)));
        assert_eq!(div(-7, -2), Some(Value::scalar(3)));
        assert_eq!(rem(-7, 2), Some(Value::scalar(1)));
        assert_eq!(rem(7, -2), Some(Value::scalar(-1)));
        assert_eq!(div(1, 0), None);
        assert_eq!(Operation::Plus.apply(Number::Integer(1), Number::Decimal(0.5)), Some(Value::scalar(1.5)));
    }
}
