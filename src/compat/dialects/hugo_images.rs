//! Hugo's image processing as far as a page shows it: the options of `Resize`, `Fit`,
//! `Fill` and `Crop` (`"600x400 q80 TopLeft"`), the size of the image each makes, and a
//! page's resources as `.Resources.GetMatch` finds them (Hugo's order, the front
//! matter's `resources` metadata, its globs). opsbook writes no new image: its readers
//! (Docsy's `imgproc`) show the original file in the box this size gives. Lives in
//! `dialects/`, which `hugo/` uses.
//!
//! More: docs/architecture.md, "Notes by module".

use serde_json::Value;

use crate::markdown::PageFile;

/// The most entries of a page's `resources` read.
const MAX_ENTRIES: usize = 256;
/// The longest glob read, in bytes.
const MAX_GLOB: usize = 1024;

/// What an image is processed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    Resize,
    Fit,
    Fill,
    Crop,
}

/// The options of one processing, as Hugo decodes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ImageOptions {
    pub action: Action,
    /// The width and height asked for; 0 when not given.
    pub width: u32,
    pub height: u32,
    /// Where `Fill` and `Crop` keep the image: `(x, y)` in percent, the centre for Hugo's
    /// default `smart` (a crop by the image's content, which opsbook does not compute).
    pub anchor: (u8, u8),
}

/// Hugo's anchors by their lower-case names, as CSS positions in percent.
const ANCHORS: [(&str, (u8, u8)); 10] = [
    ("smart", (50, 50)),
    ("center", (50, 50)),
    ("topleft", (0, 0)),
    ("top", (50, 0)),
    ("topright", (100, 0)),
    ("left", (0, 50)),
    ("right", (100, 50)),
    ("bottomleft", (0, 100)),
    ("bottom", (50, 100)),
    ("bottomright", (100, 100)),
];

/// The options Hugo knows by name and that change no size here: resampling filters,
/// encoding hints, compression methods and target formats.
const NAMED: [&str; 34] = [
    "nearestneighbor",
    "box",
    "linear",
    "hermite",
    "mitchellnetravali",
    "catmullrom",
    "bspline",
    "gaussian",
    "lanczos",
    "hann",
    "hamming",
    "blackman",
    "bartlett",
    "welch",
    "cosine",
    "picture",
    "photo",
    "drawing",
    "icon",
    "text",
    "lossy",
    "lossless",
    "jpg",
    "jpeg",
    "jpe",
    "jif",
    "jfif",
    "png",
    "gif",
    "tif",
    "tiff",
    "bmp",
    "webp",
    "avif",
];

/// An action's name, without case.
fn action_named(name: &str) -> Option<Action> {
    match name.to_ascii_lowercase().as_str() {
        "resize" => Some(Action::Resize),
        "fit" => Some(Action::Fit),
        "fill" => Some(Action::Fill),
        "crop" => Some(Action::Crop),
        _ => None,
    }
}

/// Decodes the options of `action` (`resize`, `fit`, `fill`, `crop`, any case) as
/// gohugoio/hugo `resources/images/config.go` `DecodeImageConfig` does: the action
/// first, then the parts split at white space, without case, an action among them
/// taking its place; the messages are Hugo's. A rotation (`r90`) is refused: opsbook
/// shows the file as it is.
pub(super) fn image_options(action: &str, options: &str) -> Result<ImageOptions, String> {
    let Some(mut action) = action_named(action) else {
        return Err(format!("`{action}` is no image processing of Hugo's (Resize, Fit, Fill or Crop)"));
    };
    let mut decoded = ImageOptions { action, width: 0, height: 0, anchor: (50, 50) };
    for part in options.split_whitespace().map(str::to_lowercase) {
        if let Some(named) = action_named(&part) {
            action = named;
        } else if let Some((_, anchor)) = ANCHORS.iter().find(|(name, _)| *name == part) {
            decoded.anchor = *anchor;
        } else if NAMED.contains(&part.as_str()) {
        } else if let Some(colour) = part.strip_prefix('#') {
            let valid = matches!(colour.len(), 3 | 4 | 6 | 8) && colour.bytes().all(|b| b.is_ascii_hexdigit());
            if !valid {
                return Err(format!("invalid color `#{colour}`"));
            }
        } else if let Some(quality) = part.strip_prefix('q') {
            let quality: i64 = go_int(quality)?;
            if !(1..=100).contains(&quality) {
                return Err("quality ranges from 1 to 100 inclusive".into());
            }
        } else if let Some(angle) = part.strip_prefix('r') {
            if go_int(angle)? % 360 != 0 {
                return Err(format!("opsbook shows the image as it is: the rotation `{part}` is not made"));
            }
        } else if part.contains('x') {
            let sides: Vec<&str> = part.split('x').collect();
            if sides.len() > 2 {
                return Err("invalid image dimensions".into());
            }
            let side = |text: &str| if text.is_empty() { Ok(0) } else { go_int(text) };
            let (width, height) = (side(sides[0])?, side(sides[1])?);
            let fits = |n: i64| u32::try_from(n).map_err(|_| format!("invalid image dimensions `{part}`"));
            (decoded.width, decoded.height) = (fits(width)?, fits(height)?);
        }
    }
    decoded.action = action;
    match action {
        Action::Crop | Action::Fill | Action::Fit if decoded.width == 0 || decoded.height == 0 => {
            Err("must provide Width and Height".into())
        }
        Action::Resize if decoded.width == 0 && decoded.height == 0 => Err("must provide Width or Height".into()),
        _ => Ok(decoded),
    }
}

/// A whole number as Go's `strconv.Atoi` reads it (a sign, then digits).
fn go_int(text: &str) -> Result<i64, String> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.Atoi: parsing \"{text}\": invalid syntax"));
    }
    text.parse().map_err(|_| format!("strconv.Atoi: parsing \"{text}\": value out of range"))
}

/// The size of the image `options` make of an image of `source` size, as the filters
/// Hugo runs compute their bounds (disintegration/gift `resize.go` and `transform.go`
/// at 575e249f: `Resize`, `ResizeToFit`, `ResizeToFill`, `CropToSize`).
pub(super) fn processed_size(options: &ImageOptions, source: (u32, u32)) -> (u32, u32) {
    let (w, h) = (u64::from(options.width), u64::from(options.height));
    let (sw, sh) = (u64::from(source.0), u64::from(source.1));
    let empty = match options.action {
        Action::Resize => w == 0 && h == 0,
        Action::Fit | Action::Fill | Action::Crop => w == 0 || h == 0,
    };
    if empty || sw == 0 || sh == 0 {
        return (0, 0);
    }
    let rounded = |value: f64| value.floor().max(1.0) as u64;
    let (width, height) = match options.action {
        Action::Resize if w == 0 => (rounded((h * sw) as f64 / sh as f64 + 0.5), h),
        Action::Resize if h == 0 => (w, rounded((w * sh) as f64 / sw as f64 + 0.5)),
        Action::Resize | Action::Fill => (w, h),
        Action::Fit if sw <= w && sh <= h => (sw, sh),
        Action::Fit => {
            let (width_ratio, height_ratio) = (sw as f64 / w as f64, sh as f64 / h as f64);
            if width_ratio > height_ratio {
                (w, ((sh as f64 / width_ratio + 0.5) as u64).min(h))
            } else {
                (((sw as f64 / height_ratio + 0.5) as u64).min(w), h)
            }
        }
        Action::Crop => (w.min(sw), h.min(sh)),
    };
    (u32::try_from(width).unwrap_or(u32::MAX), u32::try_from(height).unwrap_or(u32::MAX))
}

/// One of a page's resources: its file, its name (renamed by the front matter's
/// `resources`) and its parameters.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Resource {
    pub file: PageFile,
    pub name: String,
    pub title: Option<String>,
    pub params: serde_json::Map<String, Value>,
}

/// The page's `files` as Hugo's `.Resources` lists them: by media type, then by name,
/// each given the name, title and parameters of the front matter's `resources`
/// entries whose `src` glob matches it (gohugoio/hugo `resources/resource_metadata.go`
/// `assignMetadata`: the first entry with a `name` or `title` sets it, `:counter`
/// counting per glob; parameters merged, a later entry's value winning, keys without
/// case). An entry without `src` or with a glob Hugo cannot read ends the entries
/// read, as Hugo's loop stops there and keeps what it set. `Err`: `resources` is no
/// list, or longer than [`MAX_ENTRIES`].
pub(super) fn resources(files: Vec<PageFile>, metadata: Option<&Value>) -> Result<Vec<Resource>, String> {
    let entries: Vec<&serde_json::Map<String, Value>> = match metadata {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_object).collect(),
        Some(_) => return Err("the front matter's `resources` must be a list of maps".into()),
    };
    if entries.len() > MAX_ENTRIES {
        return Err(format!("opsbook reads at most {MAX_ENTRIES} entries of the front matter's `resources`"));
    }
    let mut list: Vec<Resource> = files
        .into_iter()
        .map(|file| Resource { name: file.name.clone(), file, title: None, params: serde_json::Map::new() })
        .collect();
    sort(&mut list);
    if entries.is_empty() {
        return Ok(list);
    }
    let globs: Vec<regex::Regex> =
        entries.iter().map_while(|entry| glob(&scalar(entry.get("src")?).to_lowercase()).ok()).collect();
    let mut counters: std::collections::HashMap<(bool, String), usize> = std::collections::HashMap::new();
    for resource in &mut list {
        let key = resource.name.to_lowercase();
        let (mut name_set, mut title_set) = (false, false);
        for (entry, glob) in entries.iter().zip(&globs) {
            if !glob.is_match(&key) {
                continue;
            }
            let mut counted = |title: bool, text: &str| {
                if !text.contains(":counter") {
                    return text.to_string();
                }
                let src = entry.get("src").map(scalar).unwrap_or_default().to_lowercase();
                let counter = counters.entry((title, src)).or_default();
                *counter += 1;
                text.replace(":counter", &counter.to_string())
            };
            if let (false, Some(name)) = (name_set, entry.get("name")) {
                resource.name = counted(false, scalar(name).trim_start_matches('/'));
                name_set = true;
            }
            if let (false, Some(title)) = (title_set, entry.get("title")) {
                resource.title = Some(counted(true, &scalar(title)));
                title_set = true;
            }
            for (key, value) in entry.get("params").and_then(Value::as_object).into_iter().flatten() {
                resource.params.insert(key.to_lowercase(), lower_keys(value));
            }
        }
    }
    sort(&mut list);
    Ok(list)
}

/// Hugo's order of a page's resources: by media type's main type, then by name.
fn sort(list: &mut [Resource]) {
    list.sort_by(|a, b| (main_type(&a.file.name), &a.name).cmp(&(main_type(&b.file.name), &b.name)));
}

/// The main media type of a file by its extension, as Hugo's built-in media types
/// name them (gohugoio/hugo `media/builtin.go`); `""` for a suffix it does not know.
fn main_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match extension.as_str() {
        "png" | "jpg" | "jpeg" | "jpe" | "jif" | "jfif" | "gif" | "bmp" | "tif" | "tiff" | "webp" | "avif" | "svg"
        | "heic" | "heif" => "image",
        "avi" | "mpg" | "mpeg" | "mp4" | "ogv" | "webm" | "3gpp" | "3gp" => "video",
        "ics" | "css" | "scss" | "sass" | "csv" | "html" | "htm" | "js" | "jsm" | "mjs" | "ts" | "tsx" | "jsx"
        | "gotmpl" | "txt" | "md" | "mdown" | "markdown" | "adoc" | "asciidoc" | "ad" | "pandoc" | "pdc" | "rst"
        | "org" => "text",
        "json" | "webmanifest" | "xml" | "rss" | "toml" | "yaml" | "yml" | "map" | "pdf" | "wasm" => "application",
        "ttf" | "otf" | "woff" | "woff2" => "font",
        _ => "",
    }
}

/// Whether Hugo can process the image file `name` (`config.go`'s image formats; AVIF,
/// HEIF and HEIC it reads the size of only).
pub(super) fn processable(name: &str) -> bool {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    matches!(
        extension.as_str(),
        "jpg" | "jpeg" | "jpe" | "jif" | "jfif" | "png" | "gif" | "tif" | "tiff" | "bmp" | "webp"
    )
}

/// `value` with the keys of its maps in lower case, as Hugo's `PrepareParams` makes them.
fn lower_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.to_lowercase(), lower_keys(v))).collect()),
        other => other.clone(),
    }
}

/// A front matter value as Go's `cast.ToString` writes it.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The first of `resources` whose name matches the glob `pattern`, as
/// `.Resources.GetMatch` finds it (a leading `/` on both, without case), else the first
/// whose file's own path does (Hugo's second pass, over the names before `resources`
/// renamed them). `Err` is a glob that cannot be read.
pub(super) fn get_match<'r>(resources: &'r [Resource], pattern: &str) -> Result<Option<&'r Resource>, String> {
    let glob = glob(&format!("/{}", pattern.trim_start_matches('/').to_lowercase()))?;
    let matches = |name: &str| glob.is_match(&format!("/{}", name.trim_start_matches('/').to_lowercase()));
    Ok(resources.iter().find(|r| matches(&r.name)).or_else(|| resources.iter().find(|r| matches(&r.file.name))))
}

/// A glob as Hugo compiles it (gobwas/glob with `/` as separator): `**` any text, `*`
/// any text without `/`, `?` one character but `/`, `[a-z]` and `[!a-z]` a set, `{a,b}`
/// either, `\` the next character as it is. Made a regular expression, so a match
/// costs time linear in the name.
pub(super) fn glob(pattern: &str) -> Result<regex::Regex, String> {
    let chars: Vec<char> = pattern.chars().collect();
    if pattern.len() > MAX_GLOB {
        return Err(format!("the glob `{}` is longer than opsbook reads ({MAX_GLOB} bytes)", shown(pattern)));
    }
    let mut expression = String::from("(?s)^");
    let mut at = 0;
    let mut braces = 0usize;
    while at < chars.len() {
        match chars[at] {
            '*' if chars.get(at + 1) == Some(&'*') => {
                expression.push_str(".*");
                at += 1;
            }
            '*' => expression.push_str("[^/]*"),
            '?' => expression.push_str("[^/]"),
            '{' => {
                expression.push_str("(?:");
                braces += 1;
            }
            ',' if braces > 0 => expression.push('|'),
            '}' if braces > 0 => {
                expression.push(')');
                braces -= 1;
            }
            '\\' => {
                at += 1;
                let Some(next) = chars.get(at) else {
                    return Err(format!("a glob that ends in `\\`: `{}`", shown(pattern)));
                };
                expression.push_str(&regex::escape(&next.to_string()));
            }
            '[' => {
                let close = chars[at + 1..].iter().position(|&c| c == ']').map(|p| at + 1 + p);
                let Some(close) = close else {
                    return Err(format!("a `[` the glob `{}` does not close", shown(pattern)));
                };
                let mut set: &[char] = &chars[at + 1..close];
                expression.push('[');
                if let Some(rest) = set.strip_prefix(&['!']) {
                    expression.push('^');
                    set = rest;
                }
                for (i, c) in set.iter().enumerate() {
                    let range = *c == '-' && i > 0 && i + 1 < set.len();
                    expression.push_str(&if range { "-".to_string() } else { regex::escape(&c.to_string()) });
                }
                expression.push(']');
                at = close;
            }
            other => expression.push_str(&regex::escape(&other.to_string())),
        }
        at += 1;
    }
    if braces > 0 {
        return Err(format!("a `{{` the glob `{}` does not close", shown(pattern)));
    }
    expression.push('$');
    regex::RegexBuilder::new(&expression)
        .size_limit(1 << 20)
        .build()
        .map_err(|error| format!("the glob `{}` cannot be read: {error}", shown(pattern)))
}

/// A glob as a message shows it: its first 60 characters.
fn shown(pattern: &str) -> String {
    match pattern.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &pattern[..end]),
        None => pattern.to_string(),
    }
}

#[cfg(test)]
#[path = "hugo_images_tests.rs"]
mod tests;
