//! A small, tolerant reader of the JavaScript (or TypeScript) object literals a
//! Docusaurus `sidebars.js` holds: objects, arrays, strings in `'`, `"` or `` ` ``,
//! numbers, `true`/`false`/`null`, unquoted and quoted keys, trailing commas, `//` and
//! `/* */` comments. What is constant folds as JavaScript folds it: strings added with
//! `+`, the names of top-level declarations before the export, and spreads of arrays and
//! objects so known. Everything else, a function call, another spread or name, a
//! template with `${…}`, is [`Js::Dynamic`] at its place: the reader never runs code, and
//! its caller decides what a value it cannot know means. A function (`(x) => …`, `x => …`,
//! `function (x) {…}`, a method `key(x) {…}`, each maybe `async`) is [`FUNCTION`]: its
//! body is skipped by counting brackets, so its depth costs no recursion, and a body
//! that is not closed is an error at the function's start.
//!
//! It is bounded: nesting deeper than [`MAX_DEPTH`] is an error at the place, and the
//! work is linear in the text (which `crate::fs` has already limited in size) and in
//! what names copy, which [`MAX_COPIED`] bounds.

/// How deep objects and arrays may nest.
pub(crate) const MAX_DEPTH: usize = 64;

use std::collections::HashMap;

pub(crate) use super::js_tokens::Problem;
use super::js_tokens::{Tok, Token, tokenize};

/// What a function value is, as [`Js::Dynamic`]: a value opsbook does not evaluate.
pub(crate) const FUNCTION: &str = "a function";

/// A value, with the 1-based line and column where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located {
    pub value: Js,
    pub line: usize,
    pub column: usize,
}

/// A JavaScript value as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Js {
    /// A string.
    Str(String),
    /// A number, `true`, `false`, `null` or `undefined`: their value does not matter here.
    Scalar,
    /// An array.
    Array(Vec<Located>),
    /// An object, keys in the order written.
    Object(Vec<(String, Located)>),
    /// Anything that needs code to run: what it starts with (`require`, `...`).
    Dynamic(String),
}

impl Located {
    /// The value of key `key`, when this is an object that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Located> {
        match &self.value {
            Js::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, when this is one.
    pub(crate) fn str(&self) -> Option<&str> {
        match &self.value {
            Js::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The value a module exports by default: `module.exports = VALUE` or `export default
/// VALUE`, its names those of the module's top-level declarations before it
/// ([`bindings`]). `None` when the text exports nothing it can find.
pub(crate) fn exported_value(text: &str) -> Result<Option<Located>, Problem> {
    let tokens = tokenize(text)?;
    let ident = |i: usize, name: &str| matches!(tokens.get(i), Some(Token { tok: Tok::Ident(n), .. }) if n == name);
    let punct = |i: usize, p: char| matches!(tokens.get(i), Some(Token { tok: Tok::Punct(q), .. }) if *q == p);
    let mut start = None;
    for i in 0..tokens.len() {
        if ident(i, "module") && punct(i + 1, '.') && ident(i + 2, "exports") && punct(i + 3, '=') {
            start = Some((i, i + 4));
        } else if ident(i, "export") && ident(i + 1, "default") {
            start = Some((i, i + 2));
        }
        if start.is_some() {
            break;
        }
    }
    let Some((statement, at)) = start else { return Ok(None) };
    let mut budget = MAX_COPIED;
    let names = bindings(&tokens, statement, &mut budget);
    let mut parser = Parser { tokens: &tokens, at, names: &names, budget };
    parser.value(0).map(Some)
}

/// The module's top-level declarations before token `end` ([`bindings`]), and what is
/// left of the budget of copies.
pub(super) fn declared_before(tokens: &[Token], end: usize) -> (Vec<Binding>, usize) {
    let mut budget = MAX_COPIED;
    let names = bindings(tokens, end, &mut budget);
    (names, budget)
}

/// How much the names of a module may copy in all, in values and 64 bytes of string:
/// a name used many times in a value that is used many times grows as a power.
const MAX_COPIED: usize = 250_000;

/// A top-level `const`, `let` or `var NAME = VALUE`: the name, and its value or the
/// problem that makes it unreadable.
pub(super) type Binding = (String, Result<Located, Problem>);

/// The top-level declarations of `tokens` before token `end`, in the order written,
/// each read with the names declared before it (a TypeScript type after the name is
/// skipped). Later mutations (`x.push(…)`) are not seen: the file is not run.
fn bindings(tokens: &[Token], end: usize, budget: &mut usize) -> Vec<Binding> {
    let mut found: Vec<Binding> = Vec::new();
    let (mut i, mut depth) = (0, 0usize);
    while i < end {
        match &tokens[i].tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Tok::Ident(word) if depth == 0 && matches!(word.as_str(), "const" | "let" | "var") => {
                if let Some(Token { tok: Tok::Ident(name), .. }) = tokens.get(i + 1) {
                    let mut j = i + 2;
                    while j < end && !matches!(tokens[j].tok, Tok::Punct('=' | ';')) {
                        j += 1;
                    }
                    if j < end && tokens[j].tok == Tok::Punct('=') {
                        let mut parser = Parser { tokens, at: j + 1, names: &found, budget: *budget };
                        let value = parser.value(0);
                        (*budget, i) = (parser.budget, parser.at.max(j + 1));
                        found.push((name.clone(), value));
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// What copying `value` costs of [`MAX_COPIED`] (its values, and its strings by 64
/// bytes), and how deep its arrays and objects nest.
fn cost(value: &Located) -> (usize, usize) {
    let mut stack = vec![(value, 0)];
    let (mut total, mut deepest) = (0, 0);
    while let Some((v, depth)) = stack.pop() {
        total += 1;
        deepest = deepest.max(depth);
        match &v.value {
            Js::Str(s) | Js::Dynamic(s) => total += s.len() / 64,
            Js::Array(items) => stack.extend(items.iter().map(|v| (v, depth + 1))),
            Js::Object(fields) => stack.extend(fields.iter().map(|(_, v)| (v, depth + 1))),
            Js::Scalar => {}
        }
    }
    (total, deepest)
}

/// A reader of one value from a place in the tokens.
pub(super) struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    /// The names a value may use, the last of a name winning.
    names: &'a [Binding],
    /// What is left of [`MAX_COPIED`].
    budget: usize,
}

impl<'a> Parser<'a> {
    /// A reader of the value at token `at`, without names.
    pub(super) fn new(tokens: &'a [Token], at: usize) -> Self {
        Parser { tokens, at, names: &[], budget: 0 }
    }

    /// A parser at token `at` whose values may use `names` ([`declared_before`]).
    pub(super) fn with_names(tokens: &'a [Token], at: usize, (names, budget): &'a (Vec<Binding>, usize)) -> Self {
        Parser { tokens, at, names, budget: *budget }
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn is_punct(&self, p: char) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Punct(q), .. }) if *q == p)
    }

    fn place(&self) -> (usize, usize) {
        self.peek().or(self.tokens.last()).map_or((1, 1), |t| (t.line, t.column))
    }

    pub(super) fn value(&mut self, depth: usize) -> Result<Located, Problem> {
        let (line, column) = self.place();
        if depth > MAX_DEPTH {
            return Err((line, column, format!("objects and arrays are nested more than {MAX_DEPTH} deep")));
        }
        let located = |value| Located { value, line, column };
        let Some(token) = self.peek().cloned() else {
            return Err((line, column, "the file ends where a value was expected".to_string()));
        };
        if self.skip_function((line, column))? {
            return Ok(located(Js::Dynamic(FUNCTION.to_string())));
        }
        self.at += 1;
        let value = match token.tok {
            Tok::Str(s) => Js::Str(self.concatenated(s)?),
            Tok::Number(_) => Js::Scalar,
            Tok::Template => Js::Dynamic("`${…}`".to_string()),
            Tok::Ident(name) if matches!(name.as_str(), "true" | "false" | "null" | "undefined") => Js::Scalar,
            Tok::Punct('{') => self.object(depth)?,
            Tok::Punct('[') => self.array(depth)?,
            Tok::Spread => {
                self.skip_expression();
                Js::Dynamic("...".to_string())
            }
            Tok::Ident(name) if name == "require" && self.resolved_path().is_some() => {
                let path = self.resolved_path().unwrap_or_default();
                self.at += 5;
                Js::Str(path)
            }
            Tok::Ident(name) if self.bound(&name).is_some() => match self.copy(&name, depth, (line, column))? {
                Js::Str(s) => Js::Str(self.concatenated(s)?),
                value => value,
            },
            Tok::Ident(name) => {
                self.skip_expression();
                Js::Dynamic(name)
            }
            // `(…)`, whatever it holds: what follows it is read as after any value.
            Tok::Punct('(') => {
                self.at -= 1;
                self.skip_balanced((line, column))?;
                Js::Dynamic("(".to_string())
            }
            Tok::Punct(p) => {
                self.skip_expression();
                Js::Dynamic(p.to_string())
            }
        };
        // `'a' + b`, `x as const`: anything after a value but a separator makes it code,
        // but a name on a later line starts a statement of its own (a line without `;`).
        let next_statement = matches!(self.peek(), Some(Token { tok: Tok::Ident(_), line, .. })
            if self.at > 0 && *line > self.tokens[self.at - 1].line);
        if !(next_statement || self.peek().is_none() || [',', '}', ']', ';', ')'].iter().any(|&p| self.is_punct(p))) {
            let what = match &self.peek().map(|t| &t.tok) {
                Some(Tok::Ident(name)) if name == "as" || name == "satisfies" => None,
                _ => Some("an expression"),
            };
            self.skip_expression();
            if let Some(what) = what {
                return Ok(located(Js::Dynamic(what.to_string())));
            }
        }
        Ok(located(value))
    }

    /// The value of `name` when the module declared it: the last declaration's.
    fn bound(&self, name: &str) -> Option<&'a Result<Located, Problem>> {
        let names = self.names;
        names.iter().rev().find(|(n, _)| n == name).map(|(_, value)| value)
    }

    /// A copy of the value of the declared `name`, used at `place` at `depth`, its
    /// [`cost`] taken from the budget; the problem of a declaration that cannot be read.
    fn copy(&mut self, name: &str, depth: usize, (line, column): (usize, usize)) -> Result<Js, Problem> {
        let value = match self.bound(name) {
            Some(Ok(value)) => value,
            Some(Err(problem)) => return Err(problem.clone()),
            None => return Ok(Js::Dynamic(name.to_string())),
        };
        let (cost, deepest) = cost(value);
        if depth + deepest > MAX_DEPTH {
            return Err((line, column, format!("objects and arrays are nested more than {MAX_DEPTH} deep")));
        }
        if cost > self.budget {
            return Err((line, column, format!("the names used here copy more than {MAX_COPIED} values")));
        }
        self.budget -= cost;
        Ok(value.value.clone())
    }

    /// `first + 'b' + NAME`: `first` with the strings and declared strings added to it,
    /// as JavaScript folds them; a `+` of anything else is left for [`Self::value`], which
    /// makes the whole an expression.
    fn concatenated(&mut self, mut first: String) -> Result<String, Problem> {
        while self.is_punct('+') {
            let (line, column) = self.place();
            let next = match self.tokens.get(self.at + 1).map(|t| &t.tok) {
                Some(Tok::Str(s)) => s,
                Some(Tok::Ident(name)) => match self.bound(name) {
                    Some(Ok(Located { value: Js::Str(s), .. })) => s,
                    _ => break,
                },
                _ => break,
            };
            let cost = next.len() / 64 + 1;
            if cost > self.budget {
                return Err((line, column, format!("the names used here copy more than {MAX_COPIED} values")));
            }
            self.budget -= cost;
            first.push_str(next);
            self.at += 2;
        }
        Ok(first)
    }

    /// `...VALUE` here: VALUE when it is an array or an object, whose items or fields
    /// the one spread into takes; else [`Js::Dynamic`] `...` at the spread.
    fn spread(&mut self, depth: usize) -> Result<Located, Problem> {
        let (line, column) = self.place();
        self.at += 1;
        let value = self.value(depth + 1)?;
        Ok(match value.value {
            Js::Array(_) | Js::Object(_) => value,
            _ => Located { value: Js::Dynamic("...".to_string()), line, column },
        })
    }

    fn is_spread(&self) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Spread, .. }))
    }

    /// The path of `require.resolve('path')` when the tokens after `require` are that: a
    /// module's path, which Docusaurus's configurations give their sidebar files with.
    fn resolved_path(&self) -> Option<String> {
        let tok = |n: usize| self.tokens.get(self.at + n).map(|t| &t.tok);
        match (tok(0), tok(1), tok(2), tok(3), tok(4)) {
            (
                Some(Tok::Punct('.')),
                Some(Tok::Ident(resolve)),
                Some(Tok::Punct('(')),
                Some(Tok::Str(path)),
                Some(Tok::Punct(')')),
            ) if resolve == "resolve" => Some(path.clone()),
            _ => None,
        }
    }

    fn is_ident(&self, n: usize, name: &str) -> bool {
        matches!(self.tokens.get(self.at + n), Some(Token { tok: Tok::Ident(i), .. }) if i == name)
    }

    fn is_punct_at(&self, n: usize, p: char) -> bool {
        matches!(self.tokens.get(self.at + n), Some(Token { tok: Tok::Punct(q), .. }) if *q == p)
    }

    /// Skips a function starting here and says whether there was one: `async`, then
    /// `function name(…) {…}`, `(…) => BODY` or `name => BODY`, BODY a block or an
    /// expression. `start` places a function that is not closed.
    fn skip_function(&mut self, start: (usize, usize)) -> Result<bool, Problem> {
        let from = self.at;
        if self.is_ident(0, "async") && !self.is_punct_at(1, ',') && !self.is_punct_at(1, '}') {
            self.at += 1;
        }
        let arrow = |p: &Self, n: usize| p.is_punct_at(n, '=') && p.is_punct_at(n + 1, '>');
        if self.is_ident(0, "function") {
            self.at += 1;
            self.at += usize::from(self.is_punct_at(0, '*'));
            self.at += usize::from(matches!(self.peek(), Some(Token { tok: Tok::Ident(_), .. })));
            self.skip_balanced(start)?;
            self.skip_block(start)?;
            return Ok(true);
        }
        if matches!(self.peek(), Some(Token { tok: Tok::Ident(_), .. })) && arrow(self, 1) {
            self.at += 3;
        } else if self.is_punct('(') {
            self.skip_balanced(start)?;
            // `(a): Type => …` in TypeScript: the type up to `=>` is skipped.
            if self.is_punct(':') {
                while self.peek().is_some() && !arrow(self, 0) && !self.is_punct(',') && !self.is_punct('}') {
                    self.at += 1;
                }
            }
            if !arrow(self, 0) {
                self.at = from;
                return Ok(false);
            }
            self.at += 2;
        } else {
            self.at = from;
            return Ok(false);
        }
        if self.is_punct('{') {
            self.skip_balanced(start)?;
        } else {
            self.skip_expression();
        }
        Ok(true)
    }

    /// A method's name and where its parameters start, when the tokens here are a
    /// method: `name(`, or `async`, `get`, `set` or `*` before it.
    fn method_name(&self) -> Option<(String, usize)> {
        let mut n = 0;
        while n < 2
            && (self.is_ident(n, "async")
                || self.is_ident(n, "get")
                || self.is_ident(n, "set")
                || self.is_punct_at(n, '*'))
        {
            if self.is_punct_at(n + 1, '(') {
                break;
            }
            n += 1;
        }
        match self.tokens.get(self.at + n).map(|t| &t.tok) {
            Some(Tok::Ident(name) | Tok::Str(name)) if self.is_punct_at(n + 1, '(') => {
                Some((name.clone(), self.at + n + 1))
            }
            _ => None,
        }
    }

    /// Skips a `{…}` here, a function's body (a TypeScript return type before it too).
    fn skip_block(&mut self, start: (usize, usize)) -> Result<(), Problem> {
        while self.peek().is_some() && !self.is_punct('{') && !self.is_punct(',') && !self.is_punct('}') {
            self.at += 1;
        }
        if !self.is_punct('{') {
            let (line, column) = start;
            return Err((line, column, "a function without a body `{…}`".to_string()));
        }
        self.skip_balanced(start)
    }

    /// Skips the bracket here and all up to the one that closes it; a file that ends
    /// first is an error at `start`.
    fn skip_balanced(&mut self, start: (usize, usize)) -> Result<(), Problem> {
        let (mut depth, tokens) = (0usize, self.tokens);
        while let Some(token) = tokens.get(self.at) {
            self.at += 1;
            match token.tok {
                Tok::Punct('(' | '[' | '{') => depth += 1,
                Tok::Punct(')' | ']' | '}') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
            if depth == 0 {
                // Not a bracket: nothing to skip beyond it.
                self.at -= 1;
                return Ok(());
            }
        }
        let (line, column) = start;
        Err((line, column, "a bracket is not closed before the file ends".to_string()))
    }

    /// Skips tokens up to the next `,`, `;` or closing bracket outside brackets.
    fn skip_expression(&mut self) {
        let mut depth = 0usize;
        while let Some(token) = self.peek() {
            match token.tok {
                Tok::Punct('(' | '[' | '{') => depth += 1,
                Tok::Punct(')' | ']' | '}') if depth == 0 => return,
                Tok::Punct(')' | ']' | '}') => depth -= 1,
                Tok::Punct(',' | ';') if depth == 0 => return,
                _ => {}
            }
            self.at += 1;
        }
    }

    fn close(&mut self, closer: char) -> Result<bool, Problem> {
        if self.is_punct(closer) {
            self.at += 1;
            return Ok(true);
        }
        if self.is_punct(',') {
            self.at += 1;
            if self.is_punct(closer) {
                self.at += 1;
                return Ok(true);
            }
            return Ok(false);
        }
        let (line, column) = self.place();
        Err((line, column, format!("`,` or `{closer}` expected")))
    }

    fn array(&mut self, depth: usize) -> Result<Js, Problem> {
        let mut items = Vec::new();
        if self.is_punct(']') {
            self.at += 1;
            return Ok(Js::Array(items));
        }
        loop {
            if !self.is_spread() {
                items.push(self.value(depth + 1)?);
            } else {
                match self.spread(depth)? {
                    Located { value: Js::Array(spread), .. } => items.extend(spread),
                    Located { line, column, .. } => {
                        items.push(Located { value: Js::Dynamic("...".to_string()), line, column })
                    }
                }
            }
            if self.close(']')? {
                return Ok(Js::Array(items));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Js, Problem> {
        let (mut fields, mut places) = (Vec::new(), HashMap::new());
        if self.is_punct('}') {
            self.at += 1;
            return Ok(Js::Object(fields));
        }
        loop {
            let (line, column) = self.place();
            let key = match self.peek().map(|t| t.tok.clone()) {
                Some(Tok::Ident(name)) => Some(name),
                Some(Tok::Str(s)) => Some(s),
                Some(Tok::Number(number)) => Some(number),
                _ => None,
            };
            if self.is_spread() {
                match self.spread(depth)? {
                    Located { value: Js::Object(spread), .. } => {
                        spread.into_iter().for_each(|(k, v)| set(&mut fields, &mut places, k, v))
                    }
                    Located { line, column, .. } => {
                        fields.push((String::new(), Located { value: Js::Dynamic("...".to_string()), line, column }))
                    }
                }
                if self.close('}')? {
                    return Ok(Js::Object(fields));
                }
                continue;
            }
            match key {
                Some(key) if matches!(self.tokens.get(self.at + 1), Some(Token { tok: Tok::Punct(':'), .. })) => {
                    self.at += 2;
                    let value = self.value(depth + 1)?;
                    set(&mut fields, &mut places, key, value);
                }
                _ if self.method_name().is_some() => {
                    let (name, params) = self.method_name().unwrap_or_default();
                    self.at = params;
                    self.skip_balanced((line, column))?;
                    self.skip_block((line, column))?;
                    fields.push((name, Located { value: Js::Dynamic(FUNCTION.to_string()), line, column }));
                }
                // A spread, a computed key, a shorthand property or a method.
                _ => {
                    let what = match self.peek().map(|t| &t.tok) {
                        Some(Tok::Spread) => "...".to_string(),
                        Some(Tok::Ident(name)) => name.clone(),
                        _ => "[…]".to_string(),
                    };
                    self.skip_expression();
                    let value = Located { value: Js::Dynamic(what), line, column };
                    fields.push((String::new(), value));
                }
            }
            if self.close('}')? {
                return Ok(Js::Object(fields));
            }
        }
    }
}

/// Sets `key` of an object to `value` as JavaScript does: a key written again keeps
/// its place and takes the later value. A field without a key (a spread) is added.
/// `places` holds where each key is.
fn set(fields: &mut Vec<(String, Located)>, places: &mut HashMap<String, usize>, key: String, value: Located) {
    match places.get(&key) {
        Some(&at) => fields[at].1 = value,
        None => {
            if !key.is_empty() {
                places.insert(key.clone(), fields.len());
            }
            fields.push((key, value));
        }
    }
}

/// The first [`Js::Dynamic`] in `value`, depth first: what it is, line and column.
pub(crate) fn first_dynamic(value: &Located) -> Option<(&str, usize, usize)> {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match &v.value {
            Js::Dynamic(what) => return Some((what, v.line, v.column)),
            Js::Array(items) => stack.extend(items.iter().rev()),
            Js::Object(fields) => stack.extend(fields.iter().rev().map(|(_, v)| v)),
            Js::Str(_) | Js::Scalar => {}
        }
    }
    None
}

#[cfg(test)]
#[path = "js_literal_tests.rs"]
mod tests;
