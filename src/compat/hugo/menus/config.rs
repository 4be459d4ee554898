//! The `main` menu of a Hugo site's configuration, as Hugo merges it
//! ([`crate::compat::hugo::config_files`]): the merged `menus` (`menu` replacing `menus`
//! in one table, as Hugo renames the older key), each file that has a `main` menu
//! replacing the one before; each language's own (`languages.<code>.menus`,
//! `menus.<code>.toml`) replaces it for that language's pages.

use serde_json::{Map, Value};

use super::{Entry, MAIN};
use crate::compat::hugo::config_files::HugoConfig;
use crate::compat::hugo::site::key;

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

/// The entries of `main`, read from `file`.
fn entries_in(main: &Value, file: &str) -> Vec<Entry> {
    let mut entries = Entry::all_of(main);
    for entry in &mut entries {
        entry.file = file.to_string();
    }
    entries
}

/// The `main` menus of the Hugo site's configuration `hugo`, for the languages `codes`
/// (the default first; none for a site of one language).
pub(crate) fn read(hugo: &HugoConfig, codes: &[String]) -> ConfiguredMenus {
    let top = hugo.merged.as_ref().and_then(Value::as_object);
    // The file that set a menu last: the one its entries come from (lists are replaced).
    let file_of = |path: &[&str]| hugo.file_of(path).map_or("", |file| file.name.as_str());
    let main = top.and_then(main_of).map(|menu| entries_in(menu, file_of(&["menus", MAIN])));
    let languages = top.and_then(|t| key(t, "languages")).and_then(Value::as_object);
    let mut by_language = Vec::new();
    for code in codes {
        let settings = languages.and_then(|l| key(l, code)).and_then(Value::as_object);
        if let Some(menu) = settings.and_then(main_of) {
            let file = file_of(&["languages", code, "menus", MAIN]);
            by_language.push((code.clone(), entries_in(menu, file)));
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
    use crate::compat::hugo::site::parse;

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
