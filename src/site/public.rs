//! What a public output may hold: [`Public`], which every output writer
//! (`pipeline::output::Sink`) requires of the bytes it writes and of the files it copies.
//! It is made only here, from what the audience filter let through:
//! - the site model ([`Site::public`]): a build's model is made after the filter
//!   (`super::audience`) left out what its audience may not see, so every page, feed,
//!   search entry, API file and translation rendered from it is the build's to publish;
//! - a content file or asset the model keeps and that no internal page alone uses
//!   ([`Site::public_asset`]), and a theme or `static/` file that is no link to a file
//!   the build withholds ([`Site::public_static`]);
//! - what the binary makes without the handbook's text ([`Public::from_binary`]): the
//!   built-in theme's scripts and styles, the highlighting stylesheets, Mermaid.
//!
//! Text made from the model goes through [`Public::map`]: its closure makes the text
//! from the site it is given, and nothing else.

use super::Site;
use crate::fs::Confined;

/// A value the audience filter let through (see the module): the only bytes or file an
/// output writer takes.
#[allow(unreachable_pub)]
#[derive(Debug, Clone, Copy)]
pub struct Public<T>(T);

impl<T> Public<T> {
    /// What is held, to read.
    pub(crate) fn get(&self) -> &T {
        &self.0
    }

    /// What is held, given up.
    pub(crate) fn into_inner(self) -> T {
        self.0
    }

    /// A value made from what is held: text rendered from the public model.
    pub(crate) fn map<U>(self, make: impl FnOnce(T) -> U) -> Public<U> {
        Public(make(self.0))
    }

    /// The same value, borrowed.
    pub(crate) fn as_ref(&self) -> Public<&T> {
        Public(&self.0)
    }
}

impl<T> Public<T> {
    /// What the binary makes from none of the handbook's text: a file of the built-in
    /// theme, the highlighting stylesheets, Mermaid's script.
    pub(crate) fn from_binary(value: T) -> Public<T> {
        Public(value)
    }

    /// Two public values as one.
    pub(crate) fn and<U>(self, other: Public<U>) -> Public<(T, U)> {
        Public((self.0, other.0))
    }
}

impl Site {
    /// The site model as the build's audience may see it: made after the audience
    /// filter, so what is rendered from it may be published.
    pub(crate) fn public(&self) -> Public<&Site> {
        Public(self)
    }
}

/// The files a build copies as they are, as the audience filter judges them: a content
/// file only internal pages use is left out, and so is a theme or `static/` file that
/// is a link to a file the build withholds.
pub(crate) struct PublicFiles<'s> {
    site: &'s Site,
    /// The URLs of the content files only internal pages use.
    internal_only: std::collections::HashSet<String>,
}

impl<'s> PublicFiles<'s> {
    /// The judge of the files of `site`.
    pub(crate) fn of(site: &'s Site) -> PublicFiles<'s> {
        PublicFiles { site, internal_only: super::audience::files_used_only_internally(site) }
    }

    /// The content file at `file`, published at `url`: `None` when only internal pages
    /// use it.
    pub(crate) fn asset(&self, url: &str, file: Confined) -> Option<Public<Confined>> {
        (!self.internal_only.contains(url)).then_some(Public(file))
    }

    /// The site these files are of.
    pub(crate) fn site(&self) -> &'s Site {
        self.site
    }

    /// A theme or `static/` file at `file`: `Err` with the content path of the file it
    /// leads to when that is a file the build withholds.
    pub(crate) fn theme_file(&self, file: &Confined) -> Result<Public<Confined>, String> {
        let site = self.site;
        let real = site.config.confinement().and_then(|c| c.content_path_of_file(file.path()));
        match real {
            Some(real)
                if site.withholds_content_file(&real)
                    || site.asset_by_source(&real).is_some_and(|asset| self.internal_only.contains(&asset.url)) =>
            {
                Err(real)
            }
            _ => Ok(Public(file.clone())),
        }
    }
}
