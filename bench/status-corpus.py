#!/usr/bin/env python3
"""Adds a status page to a generated benchmark corpus: 20 components in book.toml and
1,000 incident pages (plus 20 maintenances) in content/status/, to measure what the
status page costs a large build (issue 16).

    python3 ../shared/bench/gen_corpus.py --pages 10000 --out /tmp/corpus
    python3 bench/status-corpus.py /tmp/corpus            # adds [status] and the pages
    opsbook build --root /tmp/corpus --timings

Without --status, only writes the book.toml of bench/compare.py (the same corpus
without a status page, for the comparison). Standard library only; the pages are the
same for the same --seed. Incidents spread over the year before 2026-11-15, a few of
them unresolved; each has 1 to 4 updates and affects 1 to 3 components.
"""

import argparse
import datetime as dt
import random
from pathlib import Path

BOOK = """[handbook]
title = "Operations Handbook"
base-url = "https://handbook.example.org/"

# The generated corpus has a section named `search`; the search page moves aside.
[search]
page = "find"
"""

STATES = ["degraded_performance", "partial_outage", "major_outage"]
STATUSES = ["investigating", "identified", "monitoring"]
END = dt.datetime(2026, 11, 15, 12, tzinfo=dt.timezone.utc)


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def status_table(components):
    rows = ",\n".join(
        f'  {{ id = "c{i:02}", name = "Component {i}", group = "Region {i % 4}" }}' for i in range(components)
    )
    return f'\n[status]\ntitle = "Benchmark status"\ncomponents = [\n{rows},\n]\n'


def incident(rng, n, components):
    start = END - dt.timedelta(minutes=rng.randrange(2, 365 * 24 * 60))
    resolved = n % 97 != 0
    duration = dt.timedelta(minutes=rng.randrange(5, 600))
    affected = rng.sample(range(components), rng.randrange(1, 4))
    lines = [
        "---",
        f"title: Incident {n} on {', '.join(f'component {c}' for c in affected)}",
        "kind: incident",
        f"status: {'resolved' if resolved else rng.choice(STATUSES)}",
        f"started_at: {stamp(start)}",
    ]
    if resolved:
        lines.append(f"resolved_at: {stamp(min(start + duration, END))}")
    lines.append("components:")
    lines += [f"  c{c:02}: {rng.choice(STATES)}" for c in affected]
    lines.append("updates:")
    for u in range(rng.randrange(1, 5)):
        at = min(start + dt.timedelta(minutes=5 + 20 * u), END)
        lines += [f"  - at: {stamp(at)}", f"    status: {STATUSES[min(u, 2)]}", f"    text: Update {u} of incident {n}, we are on it."]
    lines += ["---", "", f"What customers saw during incident {n}.", ""]
    return "\n".join(lines)


def maintenance(rng, n, components):
    start = END + dt.timedelta(hours=rng.randrange(-24 * 200, 24 * 60))
    lines = [
        "---",
        f"title: Maintenance {n}",
        "kind: maintenance",
        f"scheduled_for: {stamp(start)}",
        f"scheduled_until: {stamp(start + dt.timedelta(hours=2))}",
        f"components: [c{rng.randrange(components):02}]",
        "---",
        "",
        f"Planned work {n}.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a corpus made by gen_corpus.py")
    parser.add_argument("--status", action=argparse.BooleanOptionalAction, default=True,
                        help="add the status page (default); --no-status writes book.toml only")
    parser.add_argument("--incidents", type=int, default=1000)
    parser.add_argument("--maintenances", type=int, default=20)
    parser.add_argument("--components", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    book = BOOK + (status_table(args.components) if args.status else "")
    (args.corpus / "book.toml").write_text(book)
    folder = args.corpus / "content" / "status"
    if not args.status:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(args.incidents):
        (folder / f"incident-{n:04}.md").write_text(incident(rng, n, args.components))
    for n in range(args.maintenances):
        (folder / f"maintenance-{n:02}.md").write_text(maintenance(rng, n, args.components))


if __name__ == "__main__":
    main()
