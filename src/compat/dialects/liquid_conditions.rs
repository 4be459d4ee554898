//! `if` and `unless` as Shopify Liquid (Jekyll's) and LiquidJS (Eleventy's) evaluate
//! them, for [`super::liquid_runtime`]: `and` and `or` are checked from right to left
//! with no precedence between them (`a and b or c` is `a and (b or c)`), an operand that
//! is not there is `nil`, and `contains` is false unless its left side is a string, an
//! array or a hash and both sides are there. `liquid-lib`'s blocks bind `and` first and
//! fail on `nil contains x`, which left a page's tag as a placeholder.
//!
//! More: docs/architecture.md, "Notes by module".

use std::fmt;
use std::io::Write;

use liquid_core::error::ResultLiquidExt;
use liquid_core::model::{ValueView, ValueViewCmp};
use liquid_core::parser::{BlockElement, TagToken};
use liquid_core::{BlockReflection, Expression, Language, ParseBlock, Renderable, Result, Runtime, TagBlock};
use liquid_core::{TagTokenIter, Template};

/// `{% if %}` (with `elsif` and `else`) or `{% unless %}` (with `else`).
#[derive(Copy, Clone, Debug)]
pub(super) struct ConditionBlock {
    /// `true` for `if`, `false` for `unless`.
    mode: bool,
}

/// `{% if %}`.
pub(super) const IF: ConditionBlock = ConditionBlock { mode: true };
/// `{% unless %}`.
pub(super) const UNLESS: ConditionBlock = ConditionBlock { mode: false };

impl BlockReflection for ConditionBlock {
    fn start_tag(&self) -> &str {
        if self.mode { "if" } else { "unless" }
    }
    fn end_tag(&self) -> &str {
        if self.mode { "endif" } else { "endunless" }
    }
    fn description(&self) -> &str {
        ""
    }
}

impl ParseBlock for ConditionBlock {
    fn parse(
        &self,
        arguments: TagTokenIter<'_>,
        mut tokens: TagBlock<'_, '_>,
        options: &Language,
    ) -> Result<Box<dyn Renderable>> {
        let conditional = parse_branches(arguments, &mut tokens, options, self.mode)?;
        tokens.assert_empty();
        Ok(Box::new(conditional))
    }
    fn reflection(&self) -> &dyn BlockReflection {
        self
    }
}

/// A block's conditions and branches up to its end; `elsif` is read only in an `if`. The
/// `elsif` branches are a list, not blocks inside each other, so that a chain of any
/// length is read and rendered without going deeper.
fn parse_branches(
    arguments: TagTokenIter<'_>,
    tokens: &mut TagBlock<'_, '_>,
    options: &Language,
    mode: bool,
) -> Result<Conditional> {
    let mut branches = Vec::new();
    let mut condition = Condition::parse(arguments)?;
    let mut body = Vec::new();
    let mut otherwise = None;
    while let Some(element) = tokens.next()? {
        match element {
            BlockElement::Tag(tag) => match tag.name() {
                "else" => {
                    otherwise = Some(Template::new(tokens.parse_all(options)?));
                    break;
                }
                "elsif" if mode => {
                    let next = Condition::parse(tag.into_tokens())?;
                    let done = std::mem::replace(&mut condition, next);
                    branches.push((done, Template::new(std::mem::take(&mut body))));
                }
                _ => body.push(tag.parse(tokens, options)?),
            },
            element => body.push(element.parse(tokens, options)?),
        }
    }
    branches.push((condition, Template::new(body)));
    Ok(Conditional { mode, branches, otherwise })
}

#[derive(Debug)]
struct Conditional {
    /// `true` for `if`, `false` for `unless`.
    mode: bool,
    /// The condition and body of the block's tag, then of each `elsif`.
    branches: Vec<(Condition, Template)>,
    otherwise: Option<Template>,
}

impl Renderable for Conditional {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> Result<()> {
        for (index, (condition, body)) in self.branches.iter().enumerate() {
            let name = match (self.mode, index) {
                (false, _) => "unless",
                (true, 0) => "if",
                (true, _) => "elsif",
            };
            let trace = || format!("{{% {name} {condition} %}}");
            // `unless` runs its body when its condition does not hold.
            if condition.holds(runtime).trace_with(|| trace().into())? == (self.mode || index > 0) {
                return body.render_to(writer, runtime).trace_with(|| trace().into());
            }
        }
        match &self.otherwise {
            Some(template) => template.render_to(writer, runtime).trace("{% else %}"),
            None => Ok(()),
        }
    }
}

/// The comparisons of Liquid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operator {
    Equals,
    NotEquals,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Contains,
}

impl Operator {
    fn read(text: &str) -> Option<Self> {
        Some(match text {
            "==" => Self::Equals,
            "!=" | "<>" => Self::NotEquals,
            "<" => Self::Less,
            ">" => Self::Greater,
            "<=" => Self::LessOrEqual,
            ">=" => Self::GreaterOrEqual,
            "contains" => Self::Contains,
            _ => return None,
        })
    }

    fn text(self) -> &'static str {
        match self {
            Self::Equals => "==",
            Self::NotEquals => "!=",
            Self::Less => "<",
            Self::Greater => ">",
            Self::LessOrEqual => "<=",
            Self::GreaterOrEqual => ">=",
            Self::Contains => "contains",
        }
    }
}

/// One comparison, or one value whose truth is asked.
#[derive(Debug)]
struct Atom {
    left: Expression,
    compared: Option<(Operator, Expression)>,
}

/// How an atom is joined to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    And,
    Or,
}

/// A condition: its atoms in order, each but the last followed by its join.
#[derive(Debug)]
struct Condition {
    atoms: Vec<(Atom, Option<Join>)>,
}

impl Condition {
    fn parse(arguments: TagTokenIter<'_>) -> Result<Self> {
        let mut tokens = arguments.peekable();
        let mut atoms = Vec::new();
        loop {
            let left = value(tokens.next())?;
            let operator = tokens.peek().map(TagToken::as_str).and_then(Operator::read);
            let compared = match operator {
                Some(operator) => {
                    tokens.next();
                    Some((operator, value(tokens.next())?))
                }
                None => None,
            };
            let join = match tokens.next() {
                None => None,
                Some(token) => match token.as_str() {
                    "and" => Some(Join::And),
                    "or" => Some(Join::Or),
                    other => {
                        return Err(liquid_core::Error::with_msg(format!(
                            "\"and\" or \"or\" expected, found `{other}`"
                        )));
                    }
                },
            };
            atoms.push((Atom { left, compared }, join));
            if join.is_none() {
                return Ok(Self { atoms });
            }
        }
    }

    /// Whether the condition holds: each atom in turn, stopping at the first true one
    /// before an `or` and the first false one before an `and`, which reads the joins from
    /// right to left as Liquid does.
    fn holds(&self, runtime: &dyn Runtime) -> Result<bool> {
        let mut result = false;
        for (atom, join) in &self.atoms {
            result = atom.holds(runtime)?;
            match join {
                Some(Join::Or) if result => break,
                Some(Join::And) if !result => break,
                _ => {}
            }
        }
        Ok(result)
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (atom, join) in &self.atoms {
            write!(f, "{}", atom.left)?;
            if let Some((operator, right)) = &atom.compared {
                write!(f, " {} {right}", operator.text())?;
            }
            match join {
                Some(Join::And) => write!(f, " and ")?,
                Some(Join::Or) => write!(f, " or ")?,
                None => {}
            }
        }
        Ok(())
    }
}

/// The value a token holds, or Liquid's error.
fn value(token: Option<TagToken<'_>>) -> Result<Expression> {
    token.ok_or_else(|| liquid_core::Error::with_msg("Value expected."))?.expect_value().into_result()
}

impl Atom {
    fn holds(&self, runtime: &dyn Runtime) -> Result<bool> {
        let nil = liquid_core::Value::Nil;
        let left = self.left.try_evaluate(runtime);
        let left = left.as_ref().map_or(&nil as &dyn ValueView, |v| v.as_view());
        let Some((operator, right)) = &self.compared else {
            return Ok(left.query_state(liquid_core::model::State::Truthy));
        };
        let right = right.try_evaluate(runtime);
        let right = right.as_ref().map_or(&nil as &dyn ValueView, |v| v.as_view());
        let (a, b) = (ValueViewCmp::new(left), ValueViewCmp::new(right));
        Ok(match operator {
            Operator::Equals => a == b,
            Operator::NotEquals => a != b,
            Operator::Less => a < b,
            Operator::Greater => a > b,
            Operator::LessOrEqual => a <= b,
            Operator::GreaterOrEqual => a >= b,
            Operator::Contains => contains(left, right),
        })
    }
}

/// Liquid's `contains`: a string holds the right side as text, an array holds an equal
/// item, a hash holds the key; anything else, and a side that is `nil` or `false`, is
/// false.
fn contains(left: &dyn ValueView, right: &dyn ValueView) -> bool {
    let truthy = |v: &dyn ValueView| v.query_state(liquid_core::model::State::Truthy);
    if !truthy(left) || !truthy(right) {
        return false;
    }
    if let Some(array) = left.as_array() {
        return array.values().any(|item| ValueViewCmp::new(item) == ValueViewCmp::new(right));
    }
    if let Some(object) = left.as_object() {
        return right.type_name() == "string" && object.contains_key(right.to_kstr().as_str());
    }
    left.type_name() == "string" && left.to_kstr().contains(right.to_kstr().as_str())
}

#[cfg(test)]
#[path = "liquid_conditions_tests.rs"]
mod tests;
