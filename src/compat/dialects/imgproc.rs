//! Docsy's `imgproc` shortcode (google/docsy `layouts/shortcodes/imgproc.html`):
//!
//! ```markdown
//! {{< imgproc spruce Fill "400x450" >}}A caption in *Markdown*{{< /imgproc >}}
//! ```
//!
//! finds the first of the page's resources whose name matches `**spruce*`, processes it
//! with Hugo's `Resize`, `Fit`, `Fill` or `Crop` and shows it in a figure as wide as the
//! image made, with the content as its caption and the resource's `byline` parameter
//! after it. opsbook makes no new image: the original file is shown in the box Hugo's
//! image would have ([`super::hugo_images`]), cut by CSS `object-fit` at the
//! option's anchor for `Fill` and `Crop`. What Hugo fails the build for (no such
//! resource, options it refuses, an image it cannot process) is a placeholder with a
//! warning saying why.

use std::cell::OnceCell;

use serde_json::Value;

use super::Page;
use super::hugo_images::{self as images, Action, ImageOptions, Resource};
use super::tokens::{Call, Render};
use crate::html::escape;

/// The page's resources, made once for all its calls.
#[derive(Debug, Default)]
pub(super) struct Memo(OnceCell<Result<Vec<Resource>, String>>);

impl Memo {
    /// The resources of `page`, or why Hugo reads none.
    fn resources(&self, page: Page<'_>) -> &Result<Vec<Resource>, String> {
        self.0.get_or_init(|| {
            let files = page.links.map(|links| links.0.page_files()).unwrap_or_default();
            let metadata = page.front.and_then(|front| front.get("resources")).map(|field| field.value.value.to_json());
            images::resources(files, metadata.as_ref())
        })
    }
}

/// How `imgproc` renders (`inner` is its content as written), or `None` for another
/// shortcode.
pub(super) fn render(call: &Call<'_>, inner: Option<&str>, page: Page<'_>, memo: &Memo) -> Option<Render> {
    if !call.name.eq_ignore_ascii_case("imgproc") {
        return None;
    }
    Some(match figure(call, page, memo) {
        Ok((open, close)) => match inner.map(str::trim).filter(|caption| !caption.is_empty()) {
            Some(_) => Render::Open(format!("{open}<figcaption>\n"), format!("{close}</figcaption>\n</figure>\n")),
            None => Render::Whole(Box::new(Render::Block(format!("{open}</figure>\n")))),
        },
        Err(message) => Render::NotFound(message),
    })
}

/// The figure's opening with its image, and what ends its caption (the byline); `Err`
/// says why there is no image.
fn figure(call: &Call<'_>, page: Page<'_>, memo: &Memo) -> Result<(String, String), String> {
    let written = format!("`{{{{< {} >}}}}`", super::shorten(&call_text(call)));
    let (Some(name), Some(command)) = (call.arg_or("name", 0), call.arg_or("command", 1)) else {
        return Err(format!("{written} names no image and processing; it is shown as a placeholder"));
    };
    // Docsy compares the command as written (`eq $command "Fit"`).
    if !matches!(command, "Fit" | "Resize" | "Fill" | "Crop") {
        return Err(format!(
            "{written}: invalid image processing command `{command}`: must be one of Fit, Fill, Crop or Resize"
        ));
    }
    let options = call.arg_or("options", 2).unwrap_or("");
    let options = images::image_options(command, options).map_err(|why| format!("{written}: {why}"))?;
    let resources = memo.resources(page).as_ref().map_err(|why| format!("{written}: {why}"))?;
    let found = images::get_match(resources, &format!("**{name}*")).map_err(|why| format!("{written}: {why}"))?;
    let Some(resource) = found else {
        return Err(format!(
            "{written} finds no file of the page's own matching `**{}*` (Hugo looks among the files beside a \
             folder's `index.md` or `_index.md`); it is shown as a placeholder",
            super::shorten(name)
        ));
    };
    let size = resource.file.size.filter(|_| images::processable(&resource.file.name));
    let Some(source) = size else {
        return Err(format!(
            "{written}: `{}` is no image Hugo processes (PNG, JPEG, GIF, TIFF, BMP and WebP images whose size can be \
             read); it is shown as a placeholder",
            super::shorten(&resource.file.name)
        ));
    };
    let (width, height) = images::processed_size(&options, source);
    if width == 0 || height == 0 {
        return Err(format!("{written} makes an empty image; it is shown as a placeholder"));
    }
    let src = escape(&crate::markdown::links::percent_encode_path(&resource.file.name));
    let cut = cut_style(&options, (width, height), source);
    let alt = resource.title.as_deref().map_or(String::new(), escape);
    let open = format!(
        "<figure class=\"processed-image\" style=\"max-width: {width}px\">\n<img src=\"{src}\" alt=\"{alt}\" \
         width=\"{width}\" height=\"{height}\"{cut}>\n"
    );
    // Go's `with` skips false, a zero and the empty text.
    let byline = match resource.params.get("byline") {
        Some(Value::String(text)) if !text.is_empty() => escape(text),
        Some(Value::Number(n)) if n.as_f64() != Some(0.0) => n.to_string(),
        Some(Value::Bool(true)) => "true".to_string(),
        _ => String::new(),
    };
    let byline = if byline.is_empty() { byline } else { format!("<p class=\"byline\"><small>{byline}</small></p>\n") };
    Ok((open, byline))
}

/// The style that shows the original in the processed image's box: its shape, and the
/// part kept by a `Fill` (scaled to cover the box) or a `Crop` (at its own size), at the
/// anchor. `Resize` with both sides stretches the image, as Hugo's does.
fn cut_style(options: &ImageOptions, (width, height): (u32, u32), source: (u32, u32)) -> String {
    let same_shape = u64::from(width) * u64::from(source.1) == u64::from(height) * u64::from(source.0);
    let (x, y) = options.anchor;
    match options.action {
        _ if same_shape && options.action != Action::Crop => String::new(),
        Action::Fit => String::new(),
        Action::Resize if options.width == 0 || options.height == 0 => String::new(),
        Action::Resize => format!(" style=\"aspect-ratio: {width} / {height}\""),
        Action::Fill => {
            format!(" style=\"aspect-ratio: {width} / {height}; object-fit: cover; object-position: {x}% {y}%\"")
        }
        Action::Crop if (width, height) == source => String::new(),
        Action::Crop => {
            format!(" style=\"aspect-ratio: {width} / {height}; object-fit: none; object-position: {x}% {y}%\"")
        }
    }
}

/// The call's arguments as written, for messages.
fn call_text(call: &Call<'_>) -> String {
    let args = call.args.iter().map(|(name, value)| match name {
        Some(name) => format!("{name}=\"{value}\""),
        None if value.contains(char::is_whitespace) || value.is_empty() => format!("\"{value}\""),
        None => value.clone(),
    });
    std::iter::once(call.name.to_string()).chain(args).collect::<Vec<_>>().join(" ")
}
