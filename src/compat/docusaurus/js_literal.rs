//! A small, tolerant reader of the JavaScript (or TypeScript) object literals a
//! Docusaurus `sidebars.js` holds: objects, arrays, strings in `'`, `"` or `` ` ``,
//! numbers, `true`/`false`/`null`, unquoted and quoted keys, trailing commas, `//` and
//! `/* */` comments. Everything else, a function call, a spread, a variable, a template
//! with `${…}`, is [`Js::Dynamic`] at its place: the reader never runs code, and its
//! caller decides what a value it cannot know means. A function (`(x) => …`, `x => …`,
//! `function (x) {…}`, a method `key(x) {…}`, each maybe `async`) is [`FUNCTION`]: its
//! body is skipped by counting brackets, so its depth costs no recursion, and a body
//! that is not closed is an error at the function's start.
//!
//! It is bounded: nesting deeper than [`MAX_DEPTH`] is an error at the place, and the
//! work is linear in the text (which `crate::fs` has already limited in size).

/// How deep objects and arrays may nest.
pub(crate) const MAX_DEPTH: usize = 64;

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

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    /// A template literal with `${…}` in it.
    Template,
    /// A number, as written (an object's key may be one: `0.82: {…}`).
    Number(String),
    Punct(char),
    Spread,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
    column: usize,
}

/// A problem: line, column, message.
pub(crate) type Problem = (usize, usize, String);

/// Splits `text` into tokens, skipping white space and comments.
fn tokenize(text: &str) -> Result<Vec<Token>, Problem> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let (mut i, mut line, mut column) = (0, 1, 1);
    let advance = |i: &mut usize, line: &mut usize, column: &mut usize, c: char| {
        *i += 1;
        if c == '\n' {
            *line += 1;
            *column = 1;
        } else {
            *column += 1;
        }
    };
    while let Some(&c) = chars.get(i) {
        let (start_line, start_column) = (line, column);
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() || c == '\u{feff}' {
            advance(&mut i, &mut line, &mut column, c);
        } else if c == '/' && next == Some('/') {
            while let Some(&c) = chars.get(i).filter(|&&c| c != '\n') {
                advance(&mut i, &mut line, &mut column, c);
            }
        } else if c == '/' && next == Some('*') {
            advance(&mut i, &mut line, &mut column, '/');
            advance(&mut i, &mut line, &mut column, '*');
            loop {
                match chars.get(i) {
                    None => return Err((start_line, start_column, "a comment is not closed".to_string())),
                    Some('*') if chars.get(i + 1) == Some(&'/') => {
                        advance(&mut i, &mut line, &mut column, '*');
                        advance(&mut i, &mut line, &mut column, '/');
                        break;
                    }
                    Some(&c) => advance(&mut i, &mut line, &mut column, c),
                }
            }
        } else if matches!(c, '\'' | '"' | '`') {
            advance(&mut i, &mut line, &mut column, c);
            let mut value = String::new();
            let mut template = false;
            loop {
                let Some(&d) = chars.get(i) else {
                    return Err((start_line, start_column, "a string is not closed".to_string()));
                };
                advance(&mut i, &mut line, &mut column, d);
                if d == c {
                    break;
                }
                if d == '\n' && c != '`' {
                    return Err((start_line, start_column, "a string is not closed on its line".to_string()));
                }
                if c == '`' && d == '$' && chars.get(i) == Some(&'{') {
                    template = true;
                }
                if d == '\\' {
                    let Some(&e) = chars.get(i) else { continue };
                    advance(&mut i, &mut line, &mut column, e);
                    match e {
                        'n' => value.push('\n'),
                        't' => value.push('\t'),
                        '\n' => {}
                        other => value.push(other),
                    }
                } else {
                    value.push(d);
                }
            }
            let tok = if template { Tok::Template } else { Tok::Str(value) };
            tokens.push(Token { tok, line: start_line, column: start_column });
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let mut name = String::new();
            while let Some(&d) = chars.get(i).filter(|d| d.is_alphanumeric() || **d == '_' || **d == '$') {
                name.push(d);
                advance(&mut i, &mut line, &mut column, d);
            }
            tokens.push(Token { tok: Tok::Ident(name), line: start_line, column: start_column });
        } else if c.is_ascii_digit() || (c == '.' && next.is_some_and(|d| d.is_ascii_digit())) {
            let mut number = String::new();
            while let Some(&d) = chars.get(i).filter(|d| d.is_ascii_alphanumeric() || **d == '.' || **d == '_') {
                number.push(d);
                advance(&mut i, &mut line, &mut column, d);
            }
            tokens.push(Token { tok: Tok::Number(number), line: start_line, column: start_column });
        } else if c == '.' && next == Some('.') && chars.get(i + 2) == Some(&'.') {
            for _ in 0..3 {
                advance(&mut i, &mut line, &mut column, '.');
            }
            tokens.push(Token { tok: Tok::Spread, line: start_line, column: start_column });
        } else {
            advance(&mut i, &mut line, &mut column, c);
            tokens.push(Token { tok: Tok::Punct(c), line: start_line, column: start_column });
        }
    }
    Ok(tokens)
}

/// The value a module exports by default: `module.exports = VALUE`, `export default
/// VALUE`, or `export default NAME` (or `module.exports = NAME`) after `const NAME =
/// VALUE` (a TypeScript type after `NAME` is skipped). `None` when the text exports
/// nothing it can find.
pub(crate) fn exported_value(text: &str) -> Result<Option<Located>, Problem> {
    let tokens = tokenize(text)?;
    let ident = |i: usize, name: &str| matches!(tokens.get(i), Some(Token { tok: Tok::Ident(n), .. }) if n == name);
    let punct = |i: usize, p: char| matches!(tokens.get(i), Some(Token { tok: Tok::Punct(q), .. }) if *q == p);
    let mut start = None;
    for i in 0..tokens.len() {
        if ident(i, "module") && punct(i + 1, '.') && ident(i + 2, "exports") && punct(i + 3, '=') {
            start = Some(i + 4);
        } else if ident(i, "export") && ident(i + 1, "default") {
            start = Some(i + 2);
        }
        if start.is_some() {
            break;
        }
    }
    let Some(mut at) = start else { return Ok(None) };
    // `export default NAME;`: the value given to `const NAME` (or `let`, `var`).
    if let Some(Token { tok: Tok::Ident(name), .. }) = tokens.get(at)
        && !matches!(name.as_str(), "true" | "false" | "null" | "undefined")
        && matches!(tokens.get(at + 1).map(|t| &t.tok), None | Some(Tok::Punct(';')) | Some(Tok::Ident(_)))
    {
        let declared = (0..tokens.len())
            .find(|&i| (ident(i, "const") || ident(i, "let") || ident(i, "var")) && ident(i + 1, name));
        if let Some(i) = declared {
            // Skip `: Type` up to `=`.
            let mut j = i + 2;
            while j < tokens.len() && !punct(j, '=') {
                j += 1;
            }
            at = j + 1;
        }
    }
    let mut parser = Parser { tokens: &tokens, at };
    parser.value(0).map(Some)
}

/// The options objects of a Docusaurus content plugin in the text of a configuration,
/// in the order written: the classic preset's `preset_key: {` (not `x.key`), and each
/// `'plugin', {` of the plugins list, the plugin named by its package or a shorthand.
pub(crate) fn plugin_options(text: &str, preset_key: &str, plugin: &str) -> Result<Vec<Located>, Problem> {
    let tokens = tokenize(text)?;
    let punct = |i: usize, p: char| matches!(tokens.get(i), Some(Token { tok: Tok::Punct(q), .. }) if *q == p);
    let names = |name: &str| super::plugins::names_plugin(name, plugin);
    let mut found = Vec::new();
    for i in 0..tokens.len() {
        let start = match &tokens[i].tok {
            Tok::Ident(name) | Tok::Str(name) if name == preset_key && punct(i + 1, ':') && punct(i + 2, '{') => {
                ((i == 0 || !punct(i - 1, '.')) && !in_keyed_object(&tokens, i)).then_some(i + 2)
            }
            Tok::Str(name) if names(name) && punct(i + 1, ',') && punct(i + 2, '{') => Some(i + 2),
            // `'plugin', ({ … })`, the options in parentheses (for a type comment).
            Tok::Str(name) if names(name) && punct(i + 1, ',') && punct(i + 2, '(') && punct(i + 3, '{') => Some(i + 3),
            _ => None,
        };
        let Some(start) = start else { continue };
        let mut parser = Parser { tokens: &tokens, at: start };
        found.push(parser.value(0)?);
    }
    Ok(found)
}

/// Whether token `i` stands in an object that is the value of a key (`themeConfig: {
/// blog: … }`), not in a preset's options (`['classic', { blog: … }]`).
fn in_keyed_object(tokens: &[Token], i: usize) -> bool {
    let mut depth = 0usize;
    for j in (0..i).rev() {
        match tokens[j].tok {
            Tok::Punct('}' | ']' | ')') => depth += 1,
            Tok::Punct('{' | '[' | '(') if depth > 0 => depth -= 1,
            Tok::Punct('{') => return j > 0 && matches!(tokens[j - 1].tok, Tok::Punct(':')),
            Tok::Punct('[' | '(') => return false,
            _ => {}
        }
    }
    false
}

/// The object of the first `key: {` of a configuration's text (not `x.key`): the
/// `i18n` object of a `docusaurus.config.js`. `None` when the text has none.
pub(crate) fn object_at_key(text: &str, key: &str) -> Result<Option<Located>, Problem> {
    let tokens = tokenize(text)?;
    let punct = |i: usize, p: char| matches!(tokens.get(i), Some(Token { tok: Tok::Punct(q), .. }) if *q == p);
    for i in 0..tokens.len() {
        let named = matches!(&tokens[i].tok, Tok::Ident(name) | Tok::Str(name) if name == key);
        if named && punct(i + 1, ':') && punct(i + 2, '{') && (i == 0 || !punct(i - 1, '.')) {
            let mut parser = Parser { tokens: &tokens, at: i + 2 };
            return parser.value(0).map(Some);
        }
    }
    Ok(None)
}

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn is_punct(&self, p: char) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Punct(q), .. }) if *q == p)
    }

    fn place(&self) -> (usize, usize) {
        self.peek().or(self.tokens.last()).map_or((1, 1), |t| (t.line, t.column))
    }

    fn value(&mut self, depth: usize) -> Result<Located, Problem> {
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
            Tok::Str(s) => Js::Str(s),
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
            items.push(self.value(depth + 1)?);
            if self.close(']')? {
                return Ok(Js::Array(items));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Js, Problem> {
        let mut fields = Vec::new();
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
            match key {
                Some(key) if matches!(self.tokens.get(self.at + 1), Some(Token { tok: Tok::Punct(':'), .. })) => {
                    self.at += 2;
                    fields.push((key, self.value(depth + 1)?));
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
