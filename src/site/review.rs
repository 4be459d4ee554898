//! Review freshness: a page reviewed on `last_reviewed` stays fresh for its review
//! period (`review_every`, else its kind's, else the handbook's `[review] every`).
//! Within `[review] due-soon` of the due date it is due soon; after it, overdue. A page
//! with a review period but no `last_reviewed` has never been reviewed.

use serde::Serialize;

use crate::dates::{Date, Period};

/// Where a page stands with its reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    /// Past its due date.
    Overdue,
    /// A review period applies, but the page was never reviewed.
    Never,
    /// Due within the due-soon window.
    DueSoon,
    /// Reviewed recently enough.
    Fresh,
}

impl ReviewStatus {
    /// The status in words, as the badge says it.
    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::Fresh => "Reviewed",
            ReviewStatus::DueSoon => "Review due soon",
            ReviewStatus::Overdue => "Review overdue",
            ReviewStatus::Never => "Never reviewed",
        }
    }
}

/// A page's review state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    /// When it was last reviewed.
    pub last_reviewed: Option<Date>,
    /// Its review period.
    pub every: Option<Period>,
    /// When the next review is due.
    pub due: Option<Date>,
    /// Its status, when a review period applies.
    pub status: Option<ReviewStatus>,
    /// Days until the due date (negative when overdue).
    pub days_left: Option<i64>,
}

/// A page's review state as `handbook.json` and `alerts.json` give it.
#[derive(Debug, Serialize)]
pub(crate) struct ReviewRecord {
    status: Option<ReviewStatus>,
    last_reviewed: Option<String>,
    every: Option<String>,
    due: Option<String>,
    days_left: Option<i64>,
}

impl Review {
    /// The state as the JSON files give it.
    pub(crate) fn record(self) -> ReviewRecord {
        ReviewRecord {
            status: self.status,
            last_reviewed: self.last_reviewed.map(|d| d.to_string()),
            every: self.every.map(|p| p.to_string()),
            due: self.due.map(|d| d.to_string()),
            days_left: self.days_left,
        }
    }
}

/// The review state of a page, or `None` when it has neither a review date nor a period.
pub(crate) fn review_of(
    last_reviewed: Option<Date>,
    every: Option<Period>,
    due_soon: Period,
    today: Date,
) -> Option<Review> {
    if last_reviewed.is_none() && every.is_none() {
        return None;
    }
    let Some(every) = every else {
        return Some(Review { last_reviewed, every: None, due: None, status: None, days_left: None });
    };
    let Some(reviewed) = last_reviewed else {
        return Some(Review {
            last_reviewed,
            every: Some(every),
            due: None,
            status: Some(ReviewStatus::Never),
            days_left: None,
        });
    };
    let due = every.after(reviewed);
    let days_left = today.days_until(due);
    let soon = today.days_until(due_soon.after(today));
    let status = if days_left < 0 {
        ReviewStatus::Overdue
    } else if days_left <= soon {
        ReviewStatus::DueSoon
    } else {
        ReviewStatus::Fresh
    };
    Some(Review { last_reviewed, every: Some(every), due: Some(due), status: Some(status), days_left: Some(days_left) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn tells_fresh_due_soon_overdue_and_never() {
        let today = date("2026-11-15");
        let every = Some(Period::Days(90));
        let soon = Period::Days(30);
        let status = |reviewed: Option<&str>| review_of(reviewed.map(date), every, soon, today).and_then(|r| r.status);
        assert_eq!(status(Some("2026-10-01")), Some(ReviewStatus::Fresh));
        assert_eq!(status(Some("2026-08-30")), Some(ReviewStatus::DueSoon));
        assert_eq!(status(Some("2025-12-01")), Some(ReviewStatus::Overdue));
        assert_eq!(status(None), Some(ReviewStatus::Never));
        let overdue = review_of(Some(date("2025-12-01")), every, soon, today).unwrap();
        assert_eq!(overdue.due, Some(date("2026-03-01")));
        assert_eq!(overdue.days_left, Some(-259));
        assert_eq!(review_of(None, None, soon, today), None);
        assert_eq!(review_of(Some(today), None, soon, today).unwrap().status, None);
    }
}
