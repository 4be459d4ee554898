//! The budget of a Mermaid diagram, weighed from its source before anything draws it:
//! the renderer cannot be interrupted, and what a few bytes ask of it can be out of all
//! proportion (`a0 & … & a499 --> b0 & … & b499` is 250,000 edges; a task of
//! 9,999,999,999 days is a chart that many days wide). A diagram past its budget is
//! drawn by nobody, neither the build nor the reader's browser: it is shown as its
//! source, with a `budget` error at its fence. A page has a budget for all its
//! diagrams together too ([`MAX_PAGE_EDGES`], [`MAX_PAGE_BYTES`]): past it, the rest of
//! the page's diagrams are shown so.

use std::cell::Cell;

/// The most edges a flowchart may ask for, each `&` group counted as all its edges.
pub const MAX_EDGES: usize = 5_000;
/// The most days the tasks of a gantt chart may last, added up.
pub const MAX_DAYS: f64 = 100_000.0;

/// The most edges the flowcharts of one page may ask for together.
pub const MAX_PAGE_EDGES: usize = 20_000;
/// The most bytes of diagrams one page may have drawn.
pub const MAX_PAGE_BYTES: usize = 256 * 1024;

thread_local! {
    /// The edges and bytes of the diagrams drawn on the page this thread renders.
    static PAGE: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// Starts the diagrams' budget of the page this thread is about to render.
pub fn start_page() {
    PAGE.set((0, 0));
}

/// Why the diagram of `kind` (its first word) written as `source` is past its budget,
/// or the page's; within both, it is counted in the page's.
pub fn over_budget(kind: &str, source: &str) -> Option<String> {
    if let Some(why) = over_own_budget(kind, source) {
        return Some(why);
    }
    let flowchart = matches!(kind, "flowchart" | "graph" | "flowchart-elk");
    let (edges, bytes) = PAGE.get();
    let edges = edges.saturating_add(if flowchart { self::edges(source) } else { 0 });
    let bytes = bytes.saturating_add(source.len());
    if edges > MAX_PAGE_EDGES || bytes > MAX_PAGE_BYTES {
        return Some(format!(
            "the page's diagrams ask for more than {MAX_PAGE_EDGES} edges or {} KiB together, the budget of a page",
            MAX_PAGE_BYTES / 1024
        ));
    }
    PAGE.set((edges, bytes));
    None
}

/// Why the diagram is past the budget of one diagram.
fn over_own_budget(kind: &str, source: &str) -> Option<String> {
    match kind {
        "flowchart" | "graph" | "flowchart-elk" => {
            let edges = edges(source);
            (edges > MAX_EDGES)
                .then(|| format!("the diagram asks for {edges} edges, more than the {MAX_EDGES} a diagram may have"))
        }
        "gantt" => {
            let days = days(source);
            (days > MAX_DAYS).then(|| {
                format!("the tasks of the chart last {days:.0} days, more than the {MAX_DAYS:.0} a chart may span")
            })
        }
        _ => None,
    }
}

/// An upper bound on the edges of a flowchart: each statement is cut at its links
/// (`--`, `==`, `-.`, and so `-->`, `---`, `==>`, `-.->`, `-- text -->`), each piece
/// is a group of `&`-joined nodes, and a link joins every node of the group before it
/// to every node of the group after it.
fn edges(source: &str) -> usize {
    source
        .split(['\n', ';'])
        .map(|statement| {
            let cut = statement.replace("==", "--").replace("-.", "--");
            let groups: Vec<usize> = cut
                .split("--")
                .filter(|piece| piece.chars().any(|c| c.is_alphanumeric()))
                .map(|piece| piece.matches('&').count() + 1)
                .collect();
            groups.windows(2).map(|pair| pair[0].saturating_mul(pair[1])).fold(0usize, usize::saturating_add)
        })
        .fold(0usize, usize::saturating_add)
}

/// The days the durations of a gantt chart's tasks (`3d`, `2w`, `36h`) add up to.
fn days(source: &str) -> f64 {
    source
        .lines()
        .filter_map(|line| line.split_once(':').map(|(_, task)| task))
        .flat_map(|task| task.split(','))
        .filter_map(|part| duration_days(part.trim()))
        .sum()
}

/// The days of a Mermaid duration (`1.5d`, `2w`, `30m`), if `text` is one.
fn duration_days(text: &str) -> Option<f64> {
    let unit_at = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = text.split_at(unit_at);
    let number: f64 = number.parse().ok()?;
    let per_day = match unit {
        "ms" => 86_400_000.0,
        "s" => 86_400.0,
        "m" => 1_440.0,
        "h" => 24.0,
        "d" => 1.0,
        "w" => 1.0 / 7.0,
        "M" => 1.0 / 31.0,
        "y" => 1.0 / 366.0,
        _ => return None,
    };
    Some(number / per_day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_edges_of_and_groups() {
        let groups = |n: usize| {
            let side = |p: &str| (0..n).map(|i| format!("{p}{i}")).collect::<Vec<_>>().join(" & ");
            format!("flowchart LR\n{} --> {}\n", side("a"), side("b"))
        };
        assert!(over_budget("flowchart", &groups(60)).is_none(), "3,600 edges");
        let refused = over_budget("flowchart", &groups(500)).expect("250,000 edges");
        assert!(refused.contains("250000 edges"), "{refused}");
        assert!(over_budget("flowchart", "flowchart TD\nA[R&D] --> B\n").is_none());
        // A link's text counts as a group of one: a bound, not a count.
        assert_eq!(edges("flowchart TD\nA --> B & C -- text --> D;E-.->F==>G & H\n"), (2 + 2 + 1) + (1 + 2));
    }

    #[test]
    fn a_page_has_a_budget_for_its_diagrams_together() {
        start_page();
        let chart = "flowchart LR\na & b & c & d --> e & f & g & h & i\n";
        let fits = MAX_PAGE_EDGES / 20;
        for n in 0..fits {
            assert!(over_budget("flowchart", chart).is_none(), "diagram {n}");
        }
        let refused = over_budget("flowchart", chart).expect("past the page's budget");
        assert!(refused.contains("the page's diagrams"), "{refused}");
        assert!(over_budget("sequenceDiagram", "sequenceDiagram\nA->>B: hi\n").is_none(), "no edges");
        start_page();
        assert!(over_budget("flowchart", chart).is_none(), "the next page starts again");
    }

    #[test]
    fn adds_up_the_days_of_the_tasks() {
        let chart = |d: &str| format!("gantt\ndateFormat YYYY-MM-DD\nsection S\nTask :a1, 2024-01-01, {d}\n");
        assert!(over_budget("gantt", &chart("30d")).is_none());
        assert!(over_budget("gantt", &chart("52w")).is_none());
        assert!(over_budget("gantt", &chart("9999999999d")).is_some());
        assert!(over_budget("gantt", &chart("300y")).is_some());
        assert!(over_budget("gantt", &chart("2400000h")).is_none(), "100,000 days exactly");
    }
}
