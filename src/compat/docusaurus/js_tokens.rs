//! The tokens of the JavaScript (or TypeScript) that [`super::js_literal`] reads: names,
//! strings (a template literal without `${…}` is a string), numbers, punctuation and
//! `...`, each with its 1-based line and column; white space and comments are skipped.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
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
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) line: usize,
    pub(super) column: usize,
}

/// A problem: line, column, message.
pub(crate) type Problem = (usize, usize, String);

/// Splits `text` into tokens, skipping white space and comments.
pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, Problem> {
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
