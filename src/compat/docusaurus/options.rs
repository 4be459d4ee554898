//! How opsbook reads a Docusaurus plugin's options: folders as the configuration writes
//! them, and the values only running the configuration would give.

use crate::compat::docusaurus::js_literal::{FUNCTION, Js, Located};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// A folder as a configuration writes it (`./blog/`), as sources name theirs (`blog`);
/// an absolute path keeps its leading `/`, so that it is never read as a relative one.
pub(crate) fn clean_folder(path: &str) -> String {
    let mut path = path.trim();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path.trim_end_matches('/').to_string()
}

/// A note at each of `keys` of the plugin `options` whose value only running the
/// configuration gives (a function, a variable): opsbook reads it as unset.
pub(crate) fn note_unevaluated(options: &Located, keys: &[&str], name: &str, diagnostics: &mut Vec<Diagnostic>) {
    for key in keys {
        let Some(Located { value: Js::Dynamic(what), line, column }) = options.get(key) else { continue };
        let what = unevaluated(&Js::Dynamic(what.clone()));
        let note = format!("`{key}` is {what}, which opsbook does not run: it is read as unset, Docusaurus's default");
        diagnostics.push(
            Diagnostic::error(Rule::ConfigField, name, *line, *column, note)
                .with_severity(Severity::Note)
                .with_help(format!("write `{key}` as a string for opsbook to follow it")),
        );
    }
}

/// What a value only running the configuration gives is, for a warning that opsbook does
/// not evaluate it: a function, code (a name or `...` quoted, an expression not), or no
/// list of strings.
pub(crate) fn unevaluated(value: &Js) -> String {
    match value {
        Js::Dynamic(what) if what == FUNCTION => what.clone(),
        Js::Dynamic(what) if what.contains(' ') => format!("code ({what})"),
        Js::Dynamic(what) => format!("code (`{what}`)"),
        _ => "no list of strings".to_string(),
    }
}
