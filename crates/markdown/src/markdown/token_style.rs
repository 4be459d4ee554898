//! Each highlighted token's look in the light and the dark theme, resolved by syntect
//! from the token's scopes with the themes' own rules (TextMate's scoring of their
//! selectors), once per scope stack, and named by a class per theme.
//!
//! A theme's rules can give a token a colour, a font style, or both; the looks a theme
//! can give are therefore its rules' colours crossed with its rules' font styles, a few
//! dozen. They are numbered in a fixed order, and a token of look 4 in the light theme
//! and 9 in the dark one is written `<span class="hl-l4 hl-d9">`; a token whose look is
//! the default in a theme has no class for it, and one in the default look in both has
//! no `<span>`. Adjacent tokens of the same looks share one `<span>`
//! ([`super::line_cache`]), and [`css`] gives each class its colour and font style.
//!
//! This replaces a `<span>` for every scope a token is in, with every atom of the
//! scope as a class (`hl-meta hl-function-call hl-arguments hl-shell`), coloured by CSS
//! selectors made from the themes: those spans were half the bytes of a page with code.

use std::collections::BTreeSet;
use std::iter::once;
use std::rc::Rc;
use std::sync::LazyLock;

use syntect::highlighting::{Color, FontStyle, Highlighter, Theme};
use syntect::parsing::Scope;
use two_face::theme::{EmbeddedLazyThemeSet, EmbeddedThemeName};

use crate::hash::FastHashMap;

/// The embedded themes, loaded once.
static THEMES: LazyLock<EmbeddedLazyThemeSet> = LazyLock::new(two_face::theme::extra);

/// The light theme: GitHub's.
const LIGHT_THEME: EmbeddedThemeName = EmbeddedThemeName::InspiredGithub;
/// The dark theme: One Half Dark.
const DARK_THEME: EmbeddedThemeName = EmbeddedThemeName::OneHalfDark;

/// The light theme's looks.
static LIGHT: LazyLock<Looks> = LazyLock::new(|| Looks::of(THEMES.get(LIGHT_THEME)));
/// The dark theme's looks.
static DARK: LazyLock<Looks> = LazyLock::new(|| Looks::of(THEMES.get(DARK_THEME)));

/// What a theme's rules give a token: a colour and font style bits (syntect's
/// `FontStyle`), `None` and 0 where no rule says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Look {
    colour: Option<[u8; 3]>,
    font: u8,
}

/// The look of a token no rule styles: the page's code colour, upright.
const DEFAULT: Look = Look { colour: None, font: 0 };

/// A theme, with every look its rules can give, sorted: a look's class number is its
/// place in the list.
struct Looks {
    highlighter: Highlighter<'static>,
    looks: Vec<Look>,
}

impl Looks {
    fn of(theme: &'static Theme) -> Self {
        let rgb = |c: Color| [c.r, c.g, c.b];
        let colours: BTreeSet<Option<[u8; 3]>> =
            once(None).chain(theme.scopes.iter().filter_map(|item| item.style.foreground.map(rgb).map(Some))).collect();
        let fonts: BTreeSet<u8> =
            once(0).chain(theme.scopes.iter().filter_map(|item| item.style.font_style.map(|f| f.bits()))).collect();
        let looks = colours
            .iter()
            .flat_map(|&colour| fonts.iter().map(move |&font| Look { colour, font }))
            .filter(|&look| look != DEFAULT)
            .collect();
        Looks { highlighter: Highlighter::new(theme), looks }
    }

    /// The class number of the look of a token in the scopes `stack`, or `None` for the
    /// default look.
    fn number(&self, stack: &[Scope]) -> Option<usize> {
        let modifier = self.highlighter.style_mod_for_stack(stack);
        let look = Look {
            colour: modifier.foreground.map(|c| [c.r, c.g, c.b]),
            font: modifier.font_style.map_or(0, |f| f.bits()),
        };
        // Every look a stack can have is in the list: its colour and its font style each
        // come from one of the theme's rules.
        self.looks.binary_search(&look).ok()
    }

    /// The rules of this theme's classes, `.hl-{letter}{number}`: colour and font style.
    fn css(&self, letter: char) -> String {
        let mut css = String::new();
        for (number, look) in self.looks.iter().enumerate() {
            css.push_str(&format!(".hl-{letter}{number} {{"));
            if let Some([r, g, b]) = look.colour {
                css.push_str(&format!(" color: #{r:02x}{g:02x}{b:02x};"));
            }
            let font = FontStyle::from_bits_truncate(look.font);
            if font.contains(FontStyle::BOLD) {
                css.push_str(" font-weight: bold;");
            }
            if font.contains(FontStyle::ITALIC) {
                css.push_str(" font-style: italic;");
            }
            if font.contains(FontStyle::UNDERLINE) {
                css.push_str(" text-decoration: underline;");
            }
            css.push_str(" }\n");
        }
        css
    }

    /// Whether look `number` underlines its text (so even spaces show in it).
    fn underlines(&self, number: usize) -> bool {
        FontStyle::from_bits_truncate(self.looks[number].font).contains(FontStyle::UNDERLINE)
    }
}

/// The classes of a token, as written in its `<span>`'s `class` attribute.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Classes {
    pub(super) attribute: Box<str>,
    /// Whether either look underlines: spaces then belong to their own token.
    pub(super) underlined: bool,
}

/// The classes of a token in the scopes `stack`, or `None` when both themes give it the
/// default look.
fn classes(stack: &[Scope]) -> Option<Classes> {
    let (light, dark) = (LIGHT.number(stack), DARK.number(stack));
    let attribute = match (light, dark) {
        (None, None) => return None,
        (Some(l), None) => format!("hl-l{l}"),
        (None, Some(d)) => format!("hl-d{d}"),
        (Some(l), Some(d)) => format!("hl-l{l} hl-d{d}"),
    };
    let underlined = light.is_some_and(|l| LIGHT.underlines(l)) || dark.is_some_and(|d| DARK.underlines(d));
    Some(Classes { attribute: attribute.into(), underlined })
}

/// A thread's classes of the scope stacks it met: resolving a stack walks every rule of
/// both themes, and a code block meets the same few stacks again and again.
#[derive(Default)]
pub(super) struct Known {
    stacks: FastHashMap<Box<[Scope]>, Option<Rc<Classes>>>,
}

impl Known {
    /// The classes of a token in `stack`, resolved once per stack.
    pub(super) fn of(&mut self, stack: &[Scope]) -> Option<Rc<Classes>> {
        if let Some(known) = self.stacks.get(stack) {
            return known.clone();
        }
        let found = classes(stack).map(Rc::new);
        self.stacks.insert(stack.into(), found.clone());
        found
    }
}

/// The themes' sheets of the classes, unscoped and with the themes' colours: `(light,
/// dark)`.
pub(super) fn css() -> (String, String) {
    (LIGHT.css('l'), DARK.css('d'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::highlighting::StyleModifier;
    use syntect::parsing::ScopeStack;

    fn stack(text: &str) -> Vec<Scope> {
        text.parse::<ScopeStack>().unwrap().as_slice().to_vec()
    }

    #[test]
    fn every_look_of_a_rule_has_a_class_and_the_default_has_none() {
        for (looks, theme) in [(&*LIGHT, LIGHT_THEME), (&*DARK, DARK_THEME)] {
            assert!(looks.looks.windows(2).all(|w| w[0] < w[1]));
            assert!(!looks.looks.contains(&DEFAULT));
            for item in &THEMES.get(theme).scopes {
                let StyleModifier { foreground, font_style, .. } = item.style;
                if foreground.is_none() && font_style.is_none_or(|f| f.is_empty()) {
                    continue;
                }
                let look =
                    Look { colour: foreground.map(|c| [c.r, c.g, c.b]), font: font_style.map_or(0, |f| f.bits()) };
                assert!(looks.looks.binary_search(&look).is_ok(), "{look:?}");
            }
        }
        assert_eq!(classes(&stack("source.unknown-language")), None);
    }

    #[test]
    fn a_token_gets_the_look_its_theme_gives_its_scopes() {
        // A comment: grey and italic in the light theme, grey in the dark one.
        let comment = stack("source.shell comment.line.number-sign.shell");
        let classes = classes(&comment).unwrap();
        let light = LIGHT.looks[LIGHT.number(&comment).unwrap()];
        let style = LIGHT.highlighter.style_for_stack(&comment);
        assert_eq!(light.colour, Some([style.foreground.r, style.foreground.g, style.foreground.b]));
        assert_eq!(light.font, style.font_style.bits());
        assert!(FontStyle::from_bits_truncate(light.font).contains(FontStyle::ITALIC));
        assert!(classes.attribute.starts_with("hl-l") && classes.attribute.contains(" hl-d"), "{classes:?}");
        assert!(!classes.underlined);
        // A keyword and a string differ in both themes.
        let keyword = LIGHT.number(&stack("source.shell keyword.control.shell"));
        let string = LIGHT.number(&stack("source.shell string.quoted.double.shell"));
        assert!(keyword.is_some() && string.is_some() && keyword != string);
    }

    #[test]
    fn each_class_has_a_rule_in_its_sheet() {
        let (light, dark) = css();
        for (looks, sheet, letter) in [(&*LIGHT, &light, 'l'), (&*DARK, &dark, 'd')] {
            for number in 0..looks.looks.len() {
                assert!(sheet.contains(&format!(".hl-{letter}{number} {{")), "{letter}{number}");
            }
            assert_eq!(sheet.lines().count(), looks.looks.len());
        }
    }

    #[test]
    fn known_stacks_are_resolved_once_and_alike() {
        let mut known = Known::default();
        let comment = stack("source.shell comment.line.number-sign.shell");
        let first = known.of(&comment).unwrap();
        let again = known.of(&comment).unwrap();
        assert!(Rc::ptr_eq(&first, &again));
        assert_eq!(*first, classes(&comment).unwrap());
        assert_eq!(known.of(&stack("source.unknown-language")), None);
    }
}
