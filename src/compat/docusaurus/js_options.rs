//! The option objects of a Docusaurus configuration, found by their keys in its tokens
//! and read by [`super::js_literal`]: a content plugin's options, wherever the preset or
//! the plugins list gives them, and the object of a key such as `i18n`.

use super::js_literal::{Located, Parser, Problem};
use super::js_tokens::{Tok, Token, tokenize};

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
        // A name the file declares before the options reads as its value.
        let names = super::js_literal::declared_before(&tokens, start);
        let mut parser = Parser::with_names(&tokens, start, &names);
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
            let mut parser = Parser::new(&tokens, i + 2);
            return parser.value(0).map(Some);
        }
    }
    Ok(None)
}
