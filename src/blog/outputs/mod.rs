//! The files written from the blogs' model: the Atom feeds ([`feed`]), the site's
//! `feed.xml` and each blog's `<blog>/feed.xml`. Each is a row of the extra files
//! (`crate::site::extra_files`), which the pipeline's writer asks the feature for
//! ([`files`]).

pub(crate) mod feed;

use crate::site::Site;
use crate::site::extra_files::ExtraFile;

/// The files of the extra file `file` at `path`, each as `(site path, text)`, when it
/// is one the blogs make; `None` for the others.
pub(crate) fn files(site: &Site, file: ExtraFile, path: &str) -> Option<Vec<(String, String)>> {
    Some(match file {
        ExtraFile::Feed => feed::atom(site).map(|text| vec![(path.to_string(), text)]).unwrap_or_default(),
        ExtraFile::BlogFeeds => feed::blog_feeds(site),
        _ => return None,
    })
}
