//! Renders the page of each alert, `alerts/<name>/index.html` and its lower-case form
//! (`alert.html`, with the view [`views::alert::AlertView`]), in place of a redirect to
//! the runbook: the engineer paged at 3 a.m. sees the first command on the first screen.

use tera::Context;

use super::nav::PageNav;
use super::views::alert::AlertView;
use super::{NavCache, PageContext, PageView, Renderer};
use crate::diagnostic::Diagnostic;
use crate::site::first_steps::RunbookSteps;
use crate::site::{PageId, Site};

/// The template of an alert's page.
pub(crate) const ALERT_TEMPLATE: &str = "alert.html";

impl Renderer {
    /// The navigation the alert pages of the language of home page `home` show: its
    /// top level, none current (as on the 404 page), made once for all of them.
    pub(crate) fn alert_nav(&self, site: &Site, home: PageId) -> PageNav {
        let items = crate::site::nav::nav_items(site, home);
        NavCache::empty().page_nav_with(site, &items, self.reads_nav)
    }

    /// Renders the page of alert `name`, which runbook `runbook` answers (`steps`, what
    /// its body gives: [`RunbookSteps`]), in the runbook's language; its canonical
    /// address is `alerts/<name>/` under that language's folder (the lower-case form
    /// shows the same page).
    pub(crate) fn render_alert(
        &self,
        site: &Site,
        name: &str,
        runbook: PageId,
        steps: &RunbookSteps,
        nav: &PageNav,
    ) -> Result<String, Diagnostic> {
        let path = match site.language_of(runbook) {
            Some(code) if site.config.languages.default_language() != Some(code) => format!("{code}/alerts/{name}/"),
            _ => format!("alerts/{name}/"),
        };
        let mut views = PageContext::of(site, site.language_home(runbook));
        views.page = PageView::special(site, name, &path);
        views.page.kind = "alert";
        views.page.description = site.pages[runbook].description();
        // The page is its own: not the home page's versions.
        views.lang = super::views::language::LanguageView::of_alert(site, runbook, &path);
        views.breadcrumbs.clear();
        views.prev = None;
        views.next = None;
        views.section = None;
        views.index = None;
        let mut context: Context = self.context(&views, nav, ALERT_TEMPLATE)?;
        context.insert("alert", &AlertView::of(site, name, runbook, steps));
        self.render(ALERT_TEMPLATE, &context)
    }
}

/// The alert whose page `path` (a redirect's site path, `alerts/<name>/`) is, with its
/// runbook: the alert of that name, or the one whose lower-case form it is.
/// Under another language's folder (`de/alerts/<name>/`), the same for the original of
/// the runbook in that language.
pub(crate) fn alert_of_path<'a>(site: &'a Site, path: &str, target: PageId) -> Option<&'a str> {
    let name = site.config.languages.strip(path).strip_prefix("alerts/")?.strip_suffix('/')?;
    let target = site.original_of(target);
    if let Some((alert, claim)) = site.alerts.get_key_value(name) {
        return (claim.page == target).then_some(alert.as_str());
    }
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    site.alerts
        .iter()
        .find(|(alert, claim)| claim.page == target && alert.to_ascii_lowercase() == name)
        .map(|(alert, _)| alert.as_str())
}

/// What runbook `id` gives its alerts' pages, read from its body `rendered` (the model's,
/// or the one a streaming build renders just before the page), when it answers an alert.
pub(crate) fn runbook_steps(site: &Site, id: PageId, rendered: &crate::markdown::Rendered) -> Option<RunbookSteps> {
    let original = site.original_of(id);
    site.alerts
        .values()
        .any(|claim| claim.page == original)
        .then(|| RunbookSteps::of(&rendered.html, &rendered.toc, site.pages[id].values.text("first_steps")))
}
