//! A category's generated index page, where Docusaurus's docs plugin publishes it
//! (`normalizeCategoryLink` in `packages/docusaurus-plugin-content-docs/src/sidebars/postProcessor.ts`):
//! the link's `slug`, else `/category/` and the category's label made a slug by
//! github-slugger, read from the root of the docs the category's folder is in (a
//! version's, or a mounted instance's). opsbook keeps the folder's section page and
//! publishes it at that URL too, as a redirect, so links to it lead to the page.

use crate::content::Category;
use crate::content::prefix::strip_number_prefix;

/// The site path (ending in `/`) of `category`'s generated index, when its file links
/// one; `roots` the mounted docs folders. `Err` says why the slug cannot be a URL.
pub(crate) fn index_path(category: &Category, roots: &[String]) -> Option<Result<String, String>> {
    let link = category.generated_index.as_ref()?;
    let slug = match &link.slug {
        Some(slug) => slug.clone(),
        None => {
            let name = category.dir.rsplit('/').next().unwrap_or(&category.dir);
            let label = category.label.as_deref().unwrap_or_else(|| strip_number_prefix(name, true));
            format!("/category/{}", crate::slug::github_heading_id(label))
        }
    };
    if slug.split('/').any(|segment| segment == "..") {
        return Some(Err(format!("the slug `{slug}` climbs out of the docs' folder")));
    }
    let root = super::slugs::docs_root(&category.dir, roots);
    Some(
        crate::site_path::normalise_alias(&slug)
            .map(|path| {
                let path = if root.is_empty() { path } else { format!("{root}/{path}") };
                if path.is_empty() || path.ends_with('/') { path } else { format!("{path}/") }
            })
            .map_err(|problem| format!("the slug `{slug}` cannot be a URL: {problem}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::category::IndexLink;

    fn category(dir: &str, label: Option<&str>, slug: Option<&str>) -> Category {
        let link = IndexLink { slug: slug.map(str::to_string), ..IndexLink::default() };
        Category {
            dir: dir.to_string(),
            label: label.map(str::to_string),
            generated_index: Some(link),
            ..Category::default()
        }
    }

    /// `postProcessor.test.ts` (facebook/docusaurus at 023e970054c1ad7723d98139cf355f2160c4af44),
    /// "transforms category without subitems": `slug: 'generated/permalink'` in version
    /// `version` is `version/generated/permalink`.
    #[test]
    fn places_a_slug_under_its_version_as_the_post_processor_tests_do() {
        let roots = ["version".to_string()];
        let found = index_path(&category("version/cat", Some("Category"), Some("generated/permalink")), &roots);
        assert_eq!(found, Some(Ok("version/generated/permalink/".to_string())));
    }

    #[test]
    fn makes_the_default_slug_from_the_label_or_the_folder() {
        let roots = ["v1".to_string()];
        let at = |c: Category| index_path(&c, &roots).and_then(Result::ok);
        assert_eq!(
            at(category("guides", Some("Getting Started!"), None)).as_deref(),
            Some("category/getting-started/")
        );
        assert_eq!(at(category("v1/02-Ops Tools", None, None)).as_deref(), Some("v1/category/ops-tools/"));
        assert_eq!(at(category("a", None, Some("/custom/page"))).as_deref(), Some("custom/page/"));
        let plain = Category { dir: "a".into(), ..Category::default() };
        assert_eq!(index_path(&plain, &roots), None);
    }

    #[test]
    fn refuses_a_slug_that_climbs_out_or_is_no_url() {
        for slug in ["../../etc", "/category/../../x", "a b", "https://example.org/x"] {
            let found = index_path(&category("ops", None, Some(slug)), &[]);
            assert!(matches!(found, Some(Err(_))), "{slug}: {found:?}");
        }
    }
}
