#!/usr/bin/env python3
"""Writes the relevance set of the synthetic corpus (known-item queries): 24 pages taken
at a fixed stride through the pages in path order; each query is its page's title
without dates, lower-cased, as a reader who remembers the title types it; the relevant
pages are every page whose title reads the same without dates. Run once on the corpus of
../shared/bench/gen_corpus.py (--pages 10000 --seed 1), before either engine runs; the
output is committed as synthetic-10000.json.

    python3 bench/search-vs-pagefind/synthetic-queries.py CONTENT_DIR > synthetic-10000.json
"""
import json
import os
import re
import sys

DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def title_of(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("title:"):
                return json.loads(line[len("title:"):].strip())
    return None


def key(title):
    return " ".join(DATE.sub(" ", title).lower().split())


def main():
    content = sys.argv[1]
    pages = []
    for folder, _, files in os.walk(content):
        for name in files:
            if name.endswith(".md") and name != "_index.md":
                path = os.path.join(folder, name)
                pages.append((os.path.relpath(path, content), title_of(path)))
    pages.sort()
    by_key = {}
    for path, title in pages:
        by_key.setdefault(key(title), []).append(path)
    stride = len(pages) // 24
    queries = []
    for i in range(24):
        path, title = pages[i * stride + stride // 2]
        queries.append({"q": key(title), "relevant": by_key[key(title)]})
    json.dump({
        "site": "synthetic corpus, 10,000 pages (gen_corpus.py --pages 10000 --seed 1)",
        "note": "Known-item queries: 24 pages at a fixed stride, each query its page's title without dates; relevant: every page so titled.",
        "queries": queries,
        "phrases": ["\"split brain\"", "\"replication lag\"", "\"thundering herd\""],
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


main()
