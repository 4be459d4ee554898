//! The `main` menu of a Hugo site's configuration, read as Hugo merges it: the
//! configuration's `menus` (`menu` replacing `menus` in one table, as Hugo renames the
//! older key), then the `config/_default/` menu files in name order, each that has a
//! `main` menu replacing the one before; each language's own (`languages.<code>.menus`,
//! `menus.<code>.toml`) replaces it for that language's pages.

use serde_json::{Map, Value};

use super::{Entry, MAIN};
use crate::compat::hugo::site::{CONFIG_FILES, LANGUAGE_FILES, key, parse};
use crate::compat::interface::read_beside;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The files of `config/_default/` that hold the `menus` table by themselves, in the
/// order Hugo reads them (by name).
pub(crate) const MENU_FILES: [&str; 6] = [
    "config/_default/menu.toml",
    "config/_default/menu.yaml",
    "config/_default/menu.yml",
    "config/_default/menus.toml",
    "config/_default/menus.yaml",
    "config/_default/menus.yml",
];

/// The `main` menu a Hugo site's configuration gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ConfiguredMenus {
    /// The entries of the site's `main` menu.
    pub main: Vec<Entry>,
    /// The languages with a `main` menu of their own, and its entries.
    pub by_language: Vec<(String, Vec<Entry>)>,
    /// Whether `sectionPagesMenu` is `main`: each top-level section is in it.
    pub section_pages: bool,
}

impl ConfiguredMenus {
    /// The entries of language `code`'s pages (`None`: the default language's).
    pub(crate) fn entries_of(&self, code: Option<&str>) -> &[Entry] {
        code.and_then(|code| self.by_language.iter().find(|(c, _)| c == code))
            .map_or(&self.main, |(_, entries)| entries)
    }

    /// Whether it gives the menu nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.main.is_empty() && self.by_language.is_empty() && !self.section_pages
    }
}

/// The `main` menu of the `menus` table of a configuration map, `menu` winning over
/// `menus` (Hugo renames `menu` to `menus`, replacing it).
pub(super) fn main_of(map: &Map<String, Value>) -> Option<&Value> {
    let menus = key(map, "menu").or_else(|| key(map, "menus"))?;
    key(menus.as_object()?, MAIN)
}

/// A menu file's `menus` table: the file itself, or its one key named as the file
/// (`menus:` in `menus.yaml`), which Hugo unwraps.
fn table_of<'a>(value: &'a Value, file: &str) -> Option<&'a Map<String, Value>> {
    let map = value.as_object()?;
    let base = file.rsplit('/').next().unwrap_or(file).split('.').next().unwrap_or("");
    match map.iter().next() {
        Some((only, inner)) if map.len() == 1 && only.eq_ignore_ascii_case(base) => inner.as_object(),
        _ => Some(map),
    }
}

/// The entries of `main`, read from `file`.
fn entries_in(main: &Value, file: &str) -> Vec<Entry> {
    let mut entries = Entry::all_of(main);
    for entry in &mut entries {
        entry.file = file.to_string();
    }
    entries
}

/// The text of the configuration file `name` parsed, if it is there; a file that
/// cannot be read is a note in `diagnostics`.
fn read_file(config: &Config, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Value> {
    if !config.root.join(name).is_file() {
        return None;
    }
    let text = read_beside(config, name, diagnostics)?;
    parse(name, &text)
        .map_err(|message| {
            let note = format!("cannot read the menus ({message}): the file's menus are left out");
            diagnostics.push(Diagnostic::error(Rule::ConfigSyntax, name, 0, 0, note).with_severity(Severity::Note));
        })
        .ok()
}

/// The `main` menus of the configuration of the Hugo site `config` describes, for the
/// languages `codes` (the default first; none for a site of one language). Notes about
/// the configuration files themselves are given where they are first read.
pub(crate) fn read(config: &Config, codes: &[String], diagnostics: &mut Vec<Diagnostic>) -> ConfiguredMenus {
    let root_name = CONFIG_FILES.iter().find(|name| config.root.join(name).is_file()).copied();
    let root = root_name.and_then(|name| read_file(config, name, &mut Vec::new()));
    let top = root.as_ref().and_then(Value::as_object);
    let mut main: Option<Vec<Entry>> = top.and_then(main_of).zip(root_name).map(|(m, name)| entries_in(m, name));
    for name in MENU_FILES {
        let Some(value) = read_file(config, name, diagnostics) else { continue };
        if let Some(menu) = table_of(&value, name).and_then(|table| key(table, MAIN)) {
            main = Some(entries_in(menu, name));
        }
    }
    let language_file = LANGUAGE_FILES.iter().find(|name| config.root.join(name).is_file()).copied();
    let languages = language_file.and_then(|name| read_file(config, name, &mut Vec::new()));
    let mut by_language = Vec::new();
    for code in codes {
        let own_of = |table: Option<&Value>, name: &str| {
            let settings = table?.as_object().and_then(|t| key(t, code))?.as_object()?;
            main_of(settings).map(|menu| entries_in(menu, name))
        };
        let mut own = match (&languages, language_file) {
            (Some(table), Some(name)) => own_of(Some(table), name),
            _ => None,
        };
        if own.is_none() {
            own = own_of(top.and_then(|t| key(t, "languages")), root_name.unwrap_or_default());
        }
        for stem in ["menu", "menus"] {
            for ext in ["toml", "yaml", "yml"] {
                let name = format!("config/_default/{stem}.{code}.{ext}");
                let Some(value) = read_file(config, &name, diagnostics) else { continue };
                if let Some(menu) = table_of(&value, &name).and_then(|table| key(table, MAIN)) {
                    own = Some(entries_in(menu, &name));
                }
            }
        }
        if let Some(entries) = own {
            by_language.push((code.clone(), entries));
        }
    }
    let section_pages = top
        .and_then(|t| key(t, "sectionPagesMenu"))
        .and_then(Value::as_str)
        .is_some_and(|menu| menu.trim().eq_ignore_ascii_case(MAIN));
    ConfiguredMenus { main: main.unwrap_or_default(), by_language, section_pages }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn main_names(toml: &str) -> Vec<String> {
        let value = parse("hugo.toml", toml).expect("a configuration");
        let menu = value.as_object().and_then(main_of).expect("a main menu");
        Entry::all_of(menu).into_iter().map(|e| e.name).collect()
    }

    /// Hugo's `config/configLoader.go` (gohugoio/hugo at
    /// 7b5199fdeff7d7682e9f979f468d55bc7b67b934) renames `menu` to `menus`, replacing a
    /// `menus` of the same table: the entries are read once, from `menu`.
    #[test]
    fn reads_menu_over_menus_in_one_table() {
        assert_eq!(main_names("[[menus.main]]\nname = 'A'\n[[menu.main]]\nname = 'B'\n"), ["B"]);
        assert_eq!(main_names("[[menus.main]]\nname = 'A'\n"), ["A"]);
        assert_eq!(main_names("[menu.main]\nname = 'One'\n"), ["One"]);
    }

    #[test]
    fn unwraps_a_menu_files_key_named_as_the_file() {
        let file = parse("menus.yaml", "menus:\n  main:\n    - name: A\n").expect("yaml");
        assert!(table_of(&file, "config/_default/menus.yaml").and_then(|t| key(t, MAIN)).is_some());
        let plain = parse("menus.toml", "[[main]]\nname = 'A'\n").expect("toml");
        assert!(table_of(&plain, "config/_default/menus.toml").and_then(|t| key(t, MAIN)).is_some());
    }

    #[test]
    fn a_language_without_a_menu_of_its_own_has_the_sites() {
        let menus = ConfiguredMenus {
            main: vec![Entry { name: "Site".into(), ..Entry::default() }],
            by_language: vec![("de".into(), vec![Entry { name: "De".into(), ..Entry::default() }])],
            section_pages: false,
        };
        assert_eq!(menus.entries_of(Some("de"))[0].name, "De");
        assert_eq!(menus.entries_of(Some("fr"))[0].name, "Site");
        assert_eq!(menus.entries_of(None)[0].name, "Site");
    }
}
