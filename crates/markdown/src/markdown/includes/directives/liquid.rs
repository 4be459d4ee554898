//! The include tags of Liquid, Nunjucks and LiquidJS: the tag's name, the quoted file
//! name and its parameters, and `translate` keys read as includes.

use super::*;

/// The name of the Liquid tag at `i` (`{% raw %}`, `{%- endraw -%}`) and where it ends.
pub(super) fn liquid_tag<'l>(line: &'l str, i: usize, close: &mut Finder<'_>) -> Option<(usize, &'l str)> {
    let closing = close.find_from(i + 2)?;
    let inner = line[i + 2..closing].trim_start_matches('-').trim_end_matches('-').trim();
    let name = inner.split_whitespace().next()?;
    Some((closing + 2, name))
}

/// Eleventy's include of a quoted name, `rest` the tag's inside after `include` (or
/// LiquidJS's `render`): `"name"` alone, Nunjucks' `"name" ignore missing`
/// (<https://mozilla.github.io/nunjucks/templating.html#include>), or LiquidJS's
/// parameters, `"name", key: value, other: "text"` (commas optional), which the
/// included file reads as variables (<https://liquidjs.com/tags/include.html>). A name
/// built from variables, and `with` or `for`, is left to the template stage, which
/// shows it as a placeholder.
pub(super) fn quoted_include(rest: &str) -> Option<Include> {
    let quote = rest.chars().next()?;
    let close = rest[1..].find(quote)? + 1;
    let path = &rest[1..close];
    let after = &rest[close + 1..];
    let words = after.split_whitespace().collect::<Vec<_>>();
    let (optional, params) = match words.as_slice() {
        [] => (false, Vec::new()),
        ["ignore", "missing"] => (true, Vec::new()),
        _ => (false, liquidjs_hash(after)?),
    };
    if path.is_empty() || path.contains(['{', '}', '\n']) {
        return None;
    }
    Some(Include {
        path: path.to_string(),
        lookup: Lookup::TemplateIncludes { optional },
        select: Select::All,
        form: Form::Raw,
        params,
    })
}

/// Reads each quoted include of `found` without parameters (`{% include "../a.md" %}`)
/// from the folder of the file it is written in, as a handbook whose tool writes its
/// reusable content so names it ([`crate::content::include_roots::IncludeRoots`]).
pub fn read_quoted_as_relative(found: &mut [Found]) {
    for directive in found {
        if let Action::Include(includes) = &mut directive.action {
            for include in includes.iter_mut() {
                if include.lookup == (Lookup::TemplateIncludes { optional: false }) && include.params.is_empty() {
                    include.lookup = Lookup::Relative;
                }
            }
        }
    }
}

/// LiquidJS's hash arguments, `key: value` separated by commas or white space: a quoted
/// value is text, any other a variable or literal (`travel-steps.steps`, `3`), as
/// [`Param`]s; `None` when `text` is anything else.
pub(super) fn liquidjs_hash(text: &str) -> Option<Vec<Param>> {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let mut params = Vec::new();
    let mut rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    while !rest.is_empty() {
        let key_len = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
        let name = &rest[..key_len];
        rest = rest[key_len..].trim_start().strip_prefix(':')?.trim_start();
        let (value, text, after) = match rest.chars().next()? {
            q @ ('"' | '\'') => {
                let end = rest[1..].find(q)? + 1;
                (&rest[1..end], true, &rest[end + 1..])
            }
            _ => {
                let len = rest.find(|c: char| c.is_whitespace() || c == ',').unwrap_or(rest.len());
                let value = &rest[..len];
                if !value.chars().all(|c| word(c) || c == '.') {
                    return None;
                }
                (value, false, &rest[len..])
            }
        };
        if name.is_empty() || value.is_empty() && !text {
            return None;
        }
        params.push(Param { name: name.to_string(), value: value.to_string(), text });
        rest = after.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    }
    Some(params)
}

/// jekyll-multiple-languages-plugin's `{% t key %}` / `{% translate key %}`: a dotted
/// key of literal names (`global.english`, `list.0`). A key the plugin would first read
/// as a Liquid variable (`page.title`, `{{ x }}`) is left to the Liquid pass; a quoted
/// key, which the plugin evaluates to its text, is that text.
pub(super) fn translate_key(rest: &str) -> Option<Action> {
    let key = rest.trim();
    // The plugin looks the key up as a Liquid expression first: quoted, it is its text.
    let key = ['"', '\''].iter().find_map(|q| key.strip_prefix(*q)?.strip_suffix(*q)).unwrap_or(key);
    let valid = |c: char| c.is_alphanumeric() || "_.-".contains(c);
    if key.is_empty() || !key.chars().all(valid) || key.starts_with("page.") || key.starts_with("site.") {
        return None;
    }
    Some(Action::Translate(key.to_string()))
}

/// A Liquid `{% include file.md %}` or `{% include_relative file.md %}` at `i`. Jekyll
/// file names are bare; its parameters are [`Param`]s. A quoted name is Eleventy's
/// include ([`quoted_include`]).
pub(super) fn liquid(line: &str, i: usize, close: &mut Finder<'_>) -> Option<(usize, Vec<Found>)> {
    let closing = close.find_from(i + 2)?;
    let end = closing + 2;
    let inner = line[i + 2..closing].trim_start_matches('-').trim_end_matches('-').trim();
    let len = inner.find(char::is_whitespace)?;
    let (tag, rest) = inner.split_at(len);
    let lookup = match tag {
        "include" | "render" => Lookup::IncludesFolders,
        "include_relative" => Lookup::PageRelative,
        "tf" | "translate_file" => Lookup::LanguageFolders,
        "t" | "translate" => return translate_key(rest).map(|key| (end, vec![Found { range: i..end, action: key }])),
        _ => return None,
    };
    let rest = rest.trim_start();
    if matches!(tag, "include" | "render") && rest.starts_with(['"', '\'']) {
        return quoted_include(rest)
            .map(|include| (end, vec![Found { range: i..end, action: Action::Include(vec![include]) }]));
    }
    if tag == "render" {
        // LiquidJS names its file in quotes; Jekyll has no `render`.
        return None;
    }
    let name_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let path = &rest[..name_len];
    let valid = |c: char| c.is_alphanumeric() || "_/.-()+~#@".contains(c);
    if path.is_empty() || !path.chars().all(valid) {
        return None;
    }
    let params = include_params(&rest[name_len..])?;
    let include = Include { path: path.to_string(), lookup, select: Select::All, form: Form::Raw, params };
    Some((end, vec![Found { range: i..end, action: Action::Include(vec![include]) }]))
}

/// The parameters of a Jekyll include written after its file name (`key="text"`,
/// `key=expression`), as [`Param`]s; `None` when they cannot be read.
pub fn include_params(text: &str) -> Option<Vec<Param>> {
    let expression = |value: &str| !value.is_empty() && value.chars().all(|c| c.is_alphanumeric() || "_.-".contains(c));
    let params = arguments(text)?
        .into_iter()
        .filter(|arg| arg.quoted || expression(&arg.value))
        .filter_map(|arg| Some(Param { name: arg.key?, value: arg.value, text: arg.quoted }))
        .collect();
    Some(params)
}
