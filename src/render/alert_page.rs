//! Renders the page of each alert, `alerts/<name>/index.html` and its lower-case form
//! (`alert.html`, with the alerts feature's view [`AlertView`]), in place of a redirect
//! to the runbook: the engineer paged at 3 a.m. sees the first command on the first
//! screen. Which redirect is an alert's page is the feature's
//! (`crate::alerts::outputs::pages`).

use tera::Context;

use super::nav::PageNav;
use super::{NavCache, PageContext, PageView, Renderer};
use crate::alerts::model::first_steps::RunbookSteps;
use crate::alerts::views::AlertView;
use crate::diagnostic::Diagnostic;
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
