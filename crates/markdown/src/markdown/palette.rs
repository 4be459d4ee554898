//! The colours of the highlighting stylesheets, made readable: syntect's themes are
//! written for their own backgrounds and several of their token colours fall below the
//! 4.5:1 contrast WCAG asks of text on the theme's code background (a light theme's grey
//! comments are 2.7:1). [`readable_css`] takes a theme's sheet (which sets colours and
//! font styles only, [`super::token_style`]: the page's code background shows
//! everywhere, as a token's own tint, an invalid token's or a diff line's, would need
//! contrast rules of its own) and moves every `color:` towards black (light) or white
//! (dark) until it reaches [`MIN_CONTRAST`] against each background it can sit on;
//! and [`scoped_css`] makes each sheet apply only in its scheme: when the reader's
//! system prefers it and the manual switch does not say the other, or the switch says
//! it; paper always gets the light sheet.

/// The contrast every token colour reaches, a little over WCAG AA's 4.5:1 so rounding
/// to whole hex digits cannot drop below it.
pub(super) const MIN_CONTRAST: f64 = 4.6;

/// The backgrounds code sits on in the light scheme: `--bg-code` and `--bg` of style.css.
pub(super) const LIGHT_BACKGROUNDS: [&str; 2] = ["#f6f8fa", "#ffffff"];
/// The backgrounds code sits on in the dark scheme.
pub(super) const DARK_BACKGROUNDS: [&str; 2] = ["#151b23", "#0d1117"];

/// An sRGB colour.
type Rgb = [u8; 3];

/// Parses `#rrggbb` or `#rgb`.
pub(super) fn parse_hex(text: &str) -> Option<Rgb> {
    let hex = text.strip_prefix('#')?;
    let digits: Vec<u8> = match hex.len() {
        6 => (0..3).map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok()).collect::<Option<_>>()?,
        3 => hex.chars().map(|c| c.to_digit(16).map(|d| (d * 17) as u8)).collect::<Option<_>>()?,
        _ => return None,
    };
    Some([digits[0], digits[1], digits[2]])
}

fn to_hex(rgb: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// Relative luminance (WCAG 2.1).
fn luminance(rgb: Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// The contrast ratio of two colours (1 to 21).
pub(super) fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `colour` moved towards `target` in small steps until it contrasts enough with every
/// background.
fn readable(colour: Rgb, backgrounds: &[Rgb], target: Rgb) -> Rgb {
    let enough = |c: Rgb| backgrounds.iter().all(|&b| contrast(c, b) >= MIN_CONTRAST);
    let mut current = colour;
    for step in 1..=20 {
        if enough(current) {
            break;
        }
        let t = f64::from(step) / 20.0;
        let mix = |i: usize| (f64::from(colour[i]) * (1.0 - t) + f64::from(target[i]) * t).round() as u8;
        current = [mix(0), mix(1), mix(2)];
    }
    current
}

/// A theme's CSS with readable token colours on `backgrounds` (see the module doc).
pub(super) fn readable_css(css: &str, backgrounds: &[&str], dark: bool) -> String {
    let backs: Vec<Rgb> = backgrounds.iter().filter_map(|b| parse_hex(b)).collect();
    let target = if dark { [255, 255, 255] } else { [0, 0, 0] };
    let mut out = String::with_capacity(css.len());
    for rule in rules(css) {
        let Rule { selector, body } = rule;
        let mut decls = Vec::new();
        for decl in body.split(';').map(str::trim).filter(|d| !d.is_empty()) {
            let Some((name, value)) = decl.split_once(':') else { continue };
            let (name, value) = (name.trim(), value.trim());
            decls.push((name.to_string(), value.to_string()));
        }
        out.push_str(selector.trim());
        out.push_str(" {");
        for (name, value) in decls {
            out.push_str(&format!(" {name}: {value};"));
        }
        out.push_str(" }\n");
    }
    // Second pass: the colours, now that every background is known.
    let mut fixed = String::with_capacity(out.len());
    for line in out.lines() {
        let mut line = line.to_string();
        if let Some(at) = line.find(" color: #") {
            let start = at + " color: ".len();
            let end = line[start..].find(';').map_or(line.len(), |e| start + e);
            if let Some(rgb) = parse_hex(&line[start..end]) {
                line.replace_range(start..end, &to_hex(readable(rgb, &backs, target)));
            }
        }
        fixed.push_str(&line);
        fixed.push('\n');
    }
    fixed
}

/// A sheet's rules scoped to one scheme: on screens when the system prefers that scheme
/// and the switch does not say the other, or when the switch says it; the light sheet
/// also on paper. So no rule of one sheet leaks into the other scheme.
pub(super) fn scoped_css(css: &str, dark: bool) -> String {
    let scope = |prefix: &str| {
        let mut out = String::new();
        for Rule { selector, body } in rules(css) {
            let selectors: Vec<String> =
                selector.split(',').map(|s| format!("{prefix}{}", s.trim())).map(|s| s.trim().to_string()).collect();
            out.push_str(&format!("  {} {{{}}}\n", selectors.join(", "), body));
        }
        out
    };
    let (scheme, other) = if dark { ("dark", "light") } else { ("light", "dark") };
    let mut out = format!(
        "@media screen and (prefers-color-scheme: {scheme}) {{\n{}}}\n@media screen {{\n{}}}\n",
        scope(&format!(":root:not([data-theme=\"{other}\"]) ")),
        scope(&format!(":root[data-theme=\"{scheme}\"] "))
    );
    if !dark {
        out.push_str(&format!("@media print {{\n{}}}\n", scope("")));
    }
    out
}

/// One CSS rule: its selector and the text between its braces.
struct Rule<'a> {
    selector: &'a str,
    body: &'a str,
}

/// The rules of a flat stylesheet (no at-rules), comments dropped.
fn rules(css: &str) -> Vec<Rule<'_>> {
    let mut found = Vec::new();
    let mut rest = css;
    loop {
        rest = skip_comments(rest);
        let Some(open) = rest.find('{') else { break };
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        found.push(Rule { selector: rest[..open].trim(), body: &rest[open + 1..close] });
        rest = &rest[close + 1..];
    }
    found
}

fn skip_comments(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        match text.strip_prefix("/*").and_then(|t| t.find("*/").map(|end| &t[end + 2..])) {
            Some(after) => text = after,
            None => return text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `color:` of a sheet with the backgrounds it may sit on (the page's and the
    /// sheet's own tints).
    fn colours_and_backgrounds(css: &str, page: &[&str]) -> (Vec<Rgb>, Vec<Rgb>) {
        let mut colours = Vec::new();
        let mut backs: Vec<Rgb> = page.iter().filter_map(|b| parse_hex(b)).collect();
        for rule in rules(css) {
            for decl in rule.body.split(';') {
                if let Some((name, value)) = decl.split_once(':') {
                    let rgb = parse_hex(value.trim());
                    match (name.trim(), rgb) {
                        ("color", Some(rgb)) => colours.push(rgb),
                        ("background-color", Some(rgb)) => backs.push(rgb),
                        _ => {}
                    }
                }
            }
        }
        (colours, backs)
    }

    #[test]
    fn measures_contrast_as_wcag_does() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        // The audit's light comments: #969896 on #f6f8fa.
        let ratio = contrast(parse_hex("#969896").unwrap(), parse_hex("#f6f8fa").unwrap());
        assert!((ratio - 2.72).abs() < 0.05, "{ratio}");
    }

    #[test]
    fn every_token_colour_meets_aa_in_both_schemes() {
        let (light, dark) = crate::markdown::highlight::readable_themes();
        for (css, page) in [(&light, &LIGHT_BACKGROUNDS), (&dark, &DARK_BACKGROUNDS)] {
            let (colours, backs) = colours_and_backgrounds(css, page);
            // Each theme colours its tokens in more than a handful of colours.
            assert!(colours.len() > 5, "{css}");
            for colour in colours {
                for &back in &backs {
                    let ratio = contrast(colour, back);
                    assert!(ratio >= 4.5, "{} on {}: {ratio:.2}", to_hex(colour), to_hex(back));
                }
            }
        }
    }

    #[test]
    fn the_code_background_is_the_page_s() {
        let (light, dark) = crate::markdown::highlight::readable_themes();
        for css in [light, dark] {
            assert!(!rules(&css).is_empty());
            for rule in rules(&css) {
                assert!(!rule.body.contains("background"), "{}", rule.body);
            }
        }
    }

    #[test]
    fn each_sheet_follows_the_switch_and_the_system() {
        let css = scoped_css(".hl-a, .hl-b { color: #ffffff; }\n", true);
        assert!(
            css.contains(":root:not([data-theme=\"light\"]) .hl-a, :root:not([data-theme=\"light\"]) .hl-b"),
            "{css}"
        );
        assert!(css.contains(":root[data-theme=\"dark\"] .hl-b"), "{css}");
        assert!(css.contains("@media screen and (prefers-color-scheme: dark)"), "{css}");
        assert!(!css.contains("@media print"), "{css}");
        let css = scoped_css(".hl-a { color: #000000; }\n", false);
        assert!(css.contains(":root:not([data-theme=\"dark\"]) .hl-a"), "{css}");
        assert!(css.contains("@media print {\n  .hl-a {"), "{css}");
    }
}
