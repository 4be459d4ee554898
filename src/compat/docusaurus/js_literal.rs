//! A small, tolerant reader of the JavaScript (or TypeScript) object literals a
//! Docusaurus `sidebars.js` holds: objects, arrays, strings in `'`, `"` or `` ` ``,
//! numbers, `true`/`false`/`null`, unquoted and quoted keys, trailing commas, `//` and
//! `/* */` comments. Everything else, a function call, a spread, a variable, a template
//! with `${…}`, is [`Js::Dynamic`] at its place: the reader never runs code, and its
//! caller decides what a value it cannot know means.
//!
//! It is bounded: nesting deeper than [`MAX_DEPTH`] is an error at the place, and the
//! work is linear in the text (which `crate::fs` has already limited in size).

/// How deep objects and arrays may nest.
pub(crate) const MAX_DEPTH: usize = 64;

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
mod tests {
    use super::*;

    fn exported(text: &str) -> Located {
        exported_value(text).expect("parses").expect("exports a value")
    }

    #[test]
    fn reads_the_three_ways_of_exporting_and_literals() {
        let text = "// c\nmodule.exports = {\n  docs: ['a', \"b\", `c`, /* x */ {type: 'doc', id: 'd',},],\n};\n";
        let value = exported(text);
        let Js::Array(items) = &value.get("docs").expect("docs").value else { panic!("an array") };
        assert_eq!(items.len(), 4);
        assert_eq!(items[1].str(), Some("b"));
        assert_eq!((items[3].line, items[3].column), (3, 33));
        assert_eq!(items[3].get("id").and_then(Located::str), Some("d"));
        let ts = "import type {SidebarsConfig} from 'x';\nconst sidebars: SidebarsConfig = {s: ['a']};\nexport default sidebars;\n";
        assert!(exported(ts).get("s").is_some());
        assert!(exported("export default {s: ['a']} satisfies SidebarsConfig;").get("s").is_some());
        assert!(first_dynamic(&exported("export default {s: ['a']} satisfies SidebarsConfig;")).is_none());
    }

    #[test]
    fn marks_code_as_dynamic_at_its_place() {
        for (text, what) in [
            ("module.exports = {s: require('./x')};", "require"),
            ("module.exports = {s: [...other, 'a']};", "..."),
            ("module.exports = {...base};", "..."),
            ("module.exports = {s: ['a' + b]};", "an expression"),
            ("module.exports = {s: [`${x}`]};", "`${…}`"),
            ("module.exports = {s};", "s"),
        ] {
            let value = exported(text);
            assert_eq!(first_dynamic(&value).map(|d| d.0), Some(what), "{text}");
        }
    }

    /// A module's path given by `require.resolve('…')` is known without running it; a
    /// statement ended by its line, without `;`, is a statement.
    #[test]
    fn reads_a_resolved_path_and_a_statement_without_a_semicolon() {
        let value = exported("module.exports = {sidebarPath: require.resolve('./sidebars.js'), s: require('./x')};");
        assert_eq!(value.get("sidebarPath").and_then(Located::str), Some("./sidebars.js"));
        assert_eq!(first_dynamic(&value).map(|d| d.0), Some("require"));
        let text = "const sidebars = {\n  docs: ['a']\n}\n\nmodule.exports = sidebars\n";
        let value = exported(text);
        assert!(first_dynamic(&value).is_none(), "{value:?}");
        assert!(value.get("docs").is_some());
        let text = "const sidebars = {docs: ['a']} + other\nmodule.exports = sidebars\n";
        assert_eq!(first_dynamic(&exported(text)).map(|d| d.0), Some("an expression"));
    }

    #[test]
    fn refuses_deep_nesting_and_broken_text_with_a_place() {
        let deep = format!("module.exports = {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let (line, _, message) = exported_value(&deep).expect_err("too deep");
        assert_eq!(line, 1);
        assert!(message.contains("nested"), "{message}");
        assert_eq!(exported_value("module.exports = {a: 'x").expect_err("open").0, 1);
        assert_eq!(exported_value("module.exports = {\n a: 'x' 'y'}").map(|v| v.is_some()), Ok(true));
        assert_eq!(exported_value("const x = 1;"), Ok(None));
    }
}
