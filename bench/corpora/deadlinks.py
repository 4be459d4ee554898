"""Whose is a dead link: the repository's own, or opsbook's (issue 59).

run.py counts the links of the written HTML whose target the output lacks. This module
sorts them by what the page's SOURCE says, by the old tool's own link rules:

1. the href as the page's source file wrote it: among the link destinations of the
   source (Markdown inline links and reference definitions, HTML `href`/`src`, Hugo's
   `ref`/`relref`, Jekyll's `link`), the one equal to the output's href, or else the
   one naming the same last path segment (`../b.md#x` written, `../../b/#x` output);
2. the files that destination names in the source tree, read as the old tools read it:
   from the source file's folder (GitHub, GitBook, Docusaurus, MkDocs, mdBook, and
   Hugo's and Jekyll's `.md` link hooks) and from the page's URL (the browser's reading
   of a relative link on a Hugo, Jekyll, Middleman or Eleventy page); an absolute path
   from the content folder, the site's static folders and the checkout's root; a path
   names a page through its Markdown or HTML file (`x/` is `x.md`, `x/index.md`,
   `x/_index.md`, `x/README.md`; `x.html` is `x.md`, Middleman's `x.html.md.erb`),
   a Jekyll post's `/YYYY/MM/DD/slug/`, a Docusaurus number prefix (`01-x.md` is `x`),
   or a URL a page's front matter declares (`permalink`, `url`, `slug`, `aliases`,
   `redirect_from`); Hugo's URLs are lower case, so a Hugo link matches any case.

Each dead link is then a suspect (the source names an existing file: the old tool had a
page or file there, opsbook's output has none), the repository's own (the source names
nothing that exists), or unknown (no page source, or the href is not written in it: a
template's, a theme's, a data file's). Standard library only.
"""

import collections
import functools
import html
import os
import posixpath
import re
import urllib.parse
from pathlib import Path

INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.M)
ATTR = re.compile(r"\b(?:href|src|link|url|path)\s*[=:]\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"',]+))", re.I)
SHORTCODE = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+(?:\"([^\"]*)\"|'([^']*)'|([^\s>%]+))")
LIQUID = re.compile(r"\{%-?\s*(?:link|post_url)\s+([^\s%]+)")
# A quoted path made a URL by a filter: Jekyll's `relative_url`/`absolute_url` add the
# leading `/` (`ensure_leading_slash`), Eleventy's `url` keeps a relative path relative.
LIQUID_URL = re.compile(r"\{\{-?\s*[\"']([^\"'{}]*)[\"']\s*\|\s*(relative_url|absolute_url|url)\s*-?\}\}")
AUTOLINK = re.compile(r"<(/[^\s<>]*|\.{1,2}/[^\s<>]*)>")
PAGE_EXT = (".md", ".markdown", ".mdx", ".html", ".htm", ".erb", ".haml", ".slim", ".njk", ".liquid")
INDEX_STEMS = ("index", "_index", "readme")
FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*$", re.S | re.M)
DECLARED = re.compile(r"^(permalink|url|slug|aliases|redirect_from|id)\s*:\s*(.*)$", re.M)
LIST_ITEM = re.compile(r"^\s+-\s*[\"']?([^\"'\s]+)", re.M)
LINK_HOOKS = ("layouts/_markup/render-link.html", "layouts/_default/_markup/render-link.html")
URL_RELATIVE = ("hugo", "jekyll", "middleman", "eleventy")
# The folders a tool publishes at the site's root beside the pages: Hugo's and
# Docusaurus's `static/`, Middleman's `source/`, a Docusaurus site's `website/static/`.
STATIC = ("static", "source", "website/static")


# A template expression that opens a link and writes the site's base path (Jekyll's
# `{{ site.baseurl }}`, Hugo's `{{ .Site.BaseURL }}`, Eleventy's `{{ base }}`).
BASE_EXPR = re.compile(r"^(?:\{\{-?[^{}]*\}\}|\{%-?[^%]*%\})+(?=/)")


@functools.lru_cache(maxsize=65536)
def _unq(s):
    return urllib.parse.unquote(html.unescape(BASE_EXPR.sub("", s.strip())))


def source_links(text):
    """Every link destination a source file writes, in order."""
    found = []
    for pattern in (INLINE, REF_DEF, ATTR, SHORTCODE, LIQUID, AUTOLINK):
        for m in pattern.finditer(text):
            value = next((g for g in m.groups() if g is not None), "")
            value = value.strip("<>") if pattern is INLINE else value
            if value:
                found.append(re.sub(r"\\(.)", r"\1", value))
    for m in LIQUID_URL.finditer(text):
        path = m.group(1)
        jekyll = m.group(2) != "url" and path and not path.startswith("/") and not re.match(r"^[a-z][a-z0-9+.-]*:", path)
        found.append("/" + path if jekyll else path)
    return found


@functools.lru_cache(maxsize=65536)
def _split(link):
    path, _, fragment = link.partition("#")
    return path.split("?")[0], fragment


@functools.lru_cache(maxsize=65536)
def _stem(path):
    """The name a link's path ends in, without a page extension or an index file."""
    segments = [s for s in _unq(path).lower().split("/") if s not in ("", ".")]
    while segments:
        last = segments[-1]
        for ext in (".html.md.erb", ".html.md", ".html.erb") + PAGE_EXT:
            if last.endswith(ext):
                last = last[: -len(ext)]
                break
        if last in INDEX_STEMS or last == "..":
            segments.pop()
            continue
        return re.sub(r"^\d+[-_]", "", last).replace(" ", "-")
    return ""


def written_link(href, written):
    """The destination of `written` that the output's `href` came from, or None."""
    want = _unq(href)
    for w in written:
        if _unq(w) == want:
            return w
    path, fragment = _split(want)
    stem = _stem(path)
    if not stem:
        return None
    best, score = None, 0
    for w in written:
        wpath, wfragment = _split(_unq(w))
        if wfragment.lower() != fragment.lower() or _stem(wpath) != stem or re.match(r"^[a-z][a-z0-9+.-]*:|//", wpath):
            continue
        s = 1 + len(os.path.commonprefix([wpath[::-1].lower(), path[::-1].lower()]))
        if s > score:
            best, score = w, s
    return best


class Tree:
    """The source tree of a corpus: its files (exact and lower case) and the URLs its
    pages' front matter declares."""

    def __init__(self, root, content_dir):
        self.root = Path(root)
        self.content = (content_dir or "").strip("/")
        self.files, self.lower = set(), set()
        self.declared = set()
        self.unpublished = set()
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = [d for d in dirs if d not in (".git", "node_modules")]
            rel = os.path.relpath(folder, self.root).replace(os.sep, "/")
            rel = "" if rel == "." else rel + "/"
            for name in names:
                path = rel + name
                self.files.add(path)
                self.lower.add(path.lower())
                if name.endswith(PAGE_EXT) or name.endswith(".md.erb"):
                    self._read_front(path)
        self.dirs = {posixpath.dirname(f) for f in self.files}
        self.in_dir = collections.defaultdict(list)  # folder (lower case) -> its files
        for f in self.files:
            self.in_dir[posixpath.dirname(f).lower()].append(f)
        self.posts = collections.defaultdict(list)  # `YYYY-MM-DD-slug` -> posts
        for f in self.files:
            m = re.match(r"^(\d{4}-\d\d-\d\d-[^.]+)\.", posixpath.basename(f))
            if m and "_posts/" in f:
                self.posts[m.group(1)].append(f)
        self.unmounted = self._unmounted()
        self.collections = self._collections()
        # A Hugo site's own link render hook: a destination it names as a literal
        # (`eq $u.String "g"`) is the template's, which opsbook does not run.
        self.hook = "".join((self.root / f).read_text(encoding="utf-8", errors="replace") for f in LINK_HOOKS
                            if f in self.files)
        self.roots = None

    def _collections(self):
        """A Jekyll site's collections that are published (`output: true`), as (URL
        prefix, folder): `/docs/x` is `_docs/x.md`, or `/x` with a permalink without
        `:collection` (`/:path/`)."""
        try:
            text = (self.root / "_config.yml").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        block = re.search(r"^collections:[ \t]*\n((?:[ \t]+.*\n|[ \t]*\n)*)", text + "\n", re.M)
        found = []
        for name, body in re.findall(r"^[ \t]{2}([\w-]+):[ \t]*\n((?:[ \t]{4,}.*\n)*)", block.group(1) if block else "", re.M):
            if re.search(r"^\s*output:\s*true", body, re.M):
                permalink = re.search(r"^\s*permalink:\s*[\"']?([^\"'\n]*)", body, re.M)
                by_path = permalink and ":collection" not in permalink.group(1)
                found.append(("" if by_path else name + "/", "_" + name + "/"))
        return found

    def _unmounted(self):
        """The URL folders of a Hugo site's content mounts (`module.mounts`) whose source
        the checkout lacks: what the old tool's build copied there (a submodule, a
        generated folder) is no file of the repository's."""
        found = []
        for f in self.files:
            if not re.match(r"^(?:config/.*|hugo|config|module)\.(?:ya?ml|toml)$", f):
                continue
            text = (self.root / f).read_text(encoding="utf-8", errors="replace")
            pairs = re.findall(r"source\s*[:=]\s*[\"']?([^\"'\s]+)[\"']?\s*\n\s*target\s*[:=]\s*[\"']?([^\"'\s]+)", text)
            for source, target in pairs:
                source = source.strip("/")
                if target.startswith("content/") and source not in self.dirs and source not in self.files \
                        and not any(d.startswith(source + "/") for d in self.dirs):
                    url = re.sub(r"(?:/_?index)?\.(?:md|markdown|html)$", "", target[len("content/"):].strip("/"))
                    found.append("/" + url.lower() + "/")
        return found

    def _read_front(self, path):
        try:
            with open(self.root / path, encoding="utf-8", errors="replace") as f:
                head = f.read(4000)
        except OSError:
            return
        m = FRONT.match(head)
        if not m:
            return
        front = m.group(1)
        # A page the tool does not publish: Hugo's `draft: true` and `build: render:
        # never`, Jekyll's `published: false`, Docusaurus's `draft: true`.
        if re.search(r"^(?:draft:\s*true|published:\s*false)\s*$", front, re.M | re.I) or \
                re.search(r"^_?build:\s*\n(?:[ \t]+.*\n)*?[ \t]+render:\s*[\"']?(?:never|false)", front + "\n", re.M | re.I):
            self.unpublished.add(path)
        for key, value in DECLARED.findall(front):
            value = value.strip().strip("\"'")
            values = [value] if value and not value.startswith("[") else re.findall(r"[\"']?([^,\[\]\"'\s]+)", value)
            if not value:  # a YAML list on the next lines
                block = front[front.find(key + ":"):].split("\n", 1)[-1]
                values = LIST_ITEM.findall(re.split(r"\n(?=\S)", block)[0])
            for v in values:
                if key in ("slug", "id") and not v.startswith("/"):
                    folder = posixpath.dirname(path)
                    if self.content and folder.startswith(self.content):
                        folder = folder[len(self.content):]
                    v = folder + "/" + v
                self.declared.add(v.strip("/").lower())

    def has(self, path, any_case):
        path = path.strip("/")
        return bool(path) and (path in self.files or (any_case and path.lower() in self.lower))

    def names(self, path, rules, url=False):
        """The file or page `path` (from the root, no leading slash) names: the file
        found, or a note of the rule that found it; None when the tree has none or only
        an unpublished page. `url`: `path` is a URL path, read by the tool's URL rules
        (`rules`: any case, `.html` page URLs) rather than as a file's path."""
        path = posixpath.normpath(path).lstrip("/") if path.strip("/") else ""
        if path.startswith(".."):
            return None
        found = next((c for c in self._candidates(path.rstrip("/"), rules, url) if self.has(c, rules.any_case)), None)
        found = found or self._by_rule(path.rstrip("/"), rules.any_case, url)
        return None if found in self.unpublished else found

    @staticmethod
    def _candidates(bare, rules, url):
        """The files a path names: itself; as a file's path, `x` is `x.md` and `x/` its
        index or README; as a URL, `x/` is `x.md` or the folder's index, and on a tool
        with `.html` page URLs `x.html` is `x.md` (Middleman's `x.html.md.erb`). A URL
        ending in a Markdown extension names the file only (no tool serves it as a page)."""
        if url and bare.lower().endswith((".md", ".markdown", ".mdx")):
            return []
        cands = [bare] if bare else []
        if not url or not rules.html_urls or not bare or bare.endswith("/") or "." not in posixpath.basename(bare):
            cands += [bare + ext for ext in (".md", ".markdown", ".mdx", ".html", ".htm", ".njk")]
        for index in ("index.md", "_index.md", "README.md", "readme.md", "index.mdx", "index.html",
                      "index.html.md", "index.html.md.erb", "index.html.erb", "index.njk", "index.markdown"):
            cands.append((bare + "/" if bare else "") + index)
        if bare.endswith((".html", ".htm")) and (rules.html_urls or not url):
            stem = bare.rsplit(".", 1)[0]
            cands += [stem + e for e in (".md", ".markdown", ".html.md", ".html.md.erb", ".html.erb", ".erb", ".njk")]
        return cands

    def _by_rule(self, bare, any_case, url):
        folder, name = posixpath.split(bare)
        # Docusaurus: a number prefix is not part of a doc's ID.
        numbered = re.compile(r"^\d+[-_.]" + re.escape(name) + r"(\.|$)", re.I if any_case else 0)
        for f in self.in_dir.get(folder.lower(), ()):
            if (any_case or posixpath.dirname(f) == folder) and numbered.match(posixpath.basename(f)):
                return f
        if url:
            post = re.match(r"^(?:(.*)/)?(\d{4})/(\d\d)/(\d\d)/([^/]+?)(?:\.html)?$", bare)
            if post:
                stem = f"{post.group(2)}-{post.group(3)}-{post.group(4)}-{post.group(5)}"
                if self.posts.get(stem):
                    return self.posts[stem][0]
            if bare.lower() in self.declared or bare.lower().removesuffix(".html") in self.declared:
                return "front matter: " + bare
        return None


class Rules:
    """A tool's URL rules the reading needs: Hugo's URLs are lower case; Jekyll's,
    Middleman's and mdBook's pages are `x.html` (a host may serve it for `/x`, the tool
    does not link it so)."""

    def __init__(self, tool):
        family = tool.split("-")[0]
        self.family = family
        self.any_case = family == "hugo"
        self.html_urls = family in ("jekyll", "middleman", "mdbook")


def _roots(tree):
    """The folders a path from the site's root is read from: the content folder, the
    static folders, the checkout's root."""
    if tree.roots is None:
        tops = {d.split("/")[0] for d in tree.dirs} | {"/".join(d.split("/")[:2]) for d in tree.dirs}
        roots = [tree.content] if tree.content else []
        roots += [r for r in STATIC if r in tops]
        tree.roots = roots + [""]
    return tree.roots


def target_exists(tree, tool, source, written, page, base_path="/"):
    """Where the source tree holds what `written` names, as (reading, file): the reading
    is "file" (from the source file's folder) or "url" (from the page's URL or the
    site's root); None when the tree holds nothing of that name."""
    path, _ = _split(_unq(written))
    if not path or re.match(r"^[a-z][a-z0-9+.-]*:", path.lower()) or path.startswith("//"):
        return None
    rules = Rules(tool)
    if base_path != "/" and (path + "/").startswith(base_path):
        path = "/" + path[len(base_path):]
    roots = _roots(tree)
    markdown = path.lower().endswith((".md", ".markdown", ".mdx"))
    # Docusaurus reads a Markdown link not starting with `./` or `../` from its content
    # folder (a version's own) and the site's folder too (`resolveMarkdownLinkPathname`).
    if rules.family == "docusaurus" and markdown and not path.startswith(("./", "../")):
        version = re.match(r"^(.*?versioned_docs/version-[^/]+)/", source)
        for root in [version.group(1) if version else tree.content, ""]:
            found = tree.names(posixpath.join(root, path.lstrip("/")), rules)
            if found:
                return "url", found
    if path.startswith("/"):
        rel = path.lstrip("/")
        rels = [rel]
        # `/de/x` on a site whose content folder is a language's (`content/en`): the
        # other language's folder beside it (`content/de/x`).
        lang = re.match(r"^([a-z]{2}(?:-[a-z]{2,4})?)/", rel, re.I)
        if lang and re.search(r"/[a-z]{2}(?:-[a-z]{2,4})?$", tree.content, re.I):
            rels.append("../" + rel)
        rels += _in_collections(tree, rels)
        return _first("url", (tree.names(posixpath.join(r, x), rules, True) for r in roots for x in rels))
    # MkDocs rewrites only links to Markdown files; any other is the browser's.
    found = (rules.family != "mkdocs" or markdown) and not path.startswith("/") and \
        tree.names(posixpath.join(posixpath.dirname(source), path), rules)
    if found:
        return "file", found
    # Hugo's ref/relref and page lookup also read a path from the content folder.
    if rules.family == "hugo":
        found = tree.names(posixpath.join(tree.content, path), rules)
        if found:
            return "url", found
    if rules.family in URL_RELATIVE or rules.family == "mkdocs":
        url = urllib.parse.urlsplit(urllib.parse.urljoin("http://x.invalid" + page, path)).path.lstrip("/")
        rels = [url] + _in_collections(tree, [url])
        return _first("url", (tree.names(posixpath.join(r, x), rules, True) for r in roots for x in rels))
    return None


def host_serves(tree, tool, written, page, base_path="/"):
    """Whether a link the tool's rules find nothing for is `/x` for a page the tool
    writes as `x.html`: a host that serves `x.html` for `/x` (GitHub Pages, Netlify)
    has the page there."""
    rules = Rules(tool)
    if not rules.html_urls:
        return False
    path = urllib.parse.urlsplit(urllib.parse.urljoin("http://x.invalid" + page, _split(_unq(written))[0])).path
    if base_path != "/" and (path + "/").startswith(base_path):
        path = "/" + path[len(base_path):]
    name = posixpath.basename(path)
    if not name or "." in name:
        return False
    return any(tree.has(posixpath.join(r, path.lstrip("/")) + ext, False) and
               posixpath.join(r, path.lstrip("/")) + ext not in tree.unpublished
               for r in _roots(tree) for ext in (".md", ".markdown", ".html.md", ".html.md.erb", ".html.erb", ".html"))


def _in_collections(tree, rels):
    """The paths of a Jekyll collection's documents the URL paths `rels` may be."""
    return [folder + x[len(prefix):] for x in rels for prefix, folder in tree.collections if x.startswith(prefix)]


def _first(reading, founds):
    found = next((f for f in founds if f), None)
    return (reading, found) if found else None


def classify(root, content_dir, tool, dead_links, base_path="/", examples=10):
    """Sorts `dead_links` ((page URL, source file or None, href) each) into suspects,
    the repository's own and unknown; returns the counts and the suspects' examples
    grouped by the target written in the source."""
    tree = Tree(root, content_dir)
    counts = collections.Counter()
    suspects = collections.defaultdict(list)
    cache = {}
    for page, source, href in dead_links:
        # A target under a content mount the checkout lacks is no file of the
        # repository's, whoever wrote the link (a page, a shortcode, the theme).
        target = urllib.parse.urlsplit(urllib.parse.urljoin("http://x.invalid" + page, href)).path.lower()
        if any(target.startswith(m) for m in tree.unmounted):
            counts["own"] += 1
            counts["own_unmounted"] += 1
            continue
        if not source:
            counts["unknown"] += 1
            continue
        if source not in cache:
            try:
                cache[source] = source_links((Path(root) / source).read_text(encoding="utf-8", errors="replace"))
            except OSError:
                cache[source] = []
        written = written_link(href, cache[source])
        if written is None:
            counts["unknown"] += 1
            continue
        if tree.hook and re.search(r"[\"'`]" + re.escape(_split(written)[0]) + r"[\"'`]", tree.hook):
            counts["unknown"] += 1
            counts["unknown_hook"] += 1
            continue
        found = target_exists(tree, tool, source, written, page, base_path)
        if found is None:
            counts["own"] += 1
            counts["own_host"] += host_serves(tree, tool, written, page, base_path)
            continue
        counts["suspect"] += 1
        key = (_split(written)[0], found[0])
        if len(suspects[key]) < 3:
            suspects[key].append({"page": page, "source": source, "written": written, "href": href,
                                  "names": found[1]})
        else:
            suspects[key].append(None)
    top = sorted(suspects.items(), key=lambda kv: -len(kv[1]))[:examples]
    return {
        "suspect": counts["suspect"], "own": counts["own"], "unknown": counts["unknown"],
        "own_unmounted": counts["own_unmounted"],
        "own_host": counts["own_host"], "unknown_hook": counts["unknown_hook"],
        "suspect_examples": [{"written": k[0], "read": k[1], "count": len(v), "on": [x for x in v if x]}
                             for k, v in top],
    }


def main():
    """Sorts the dead links of outputs a run kept (`run.py --keep`) again, without
    building: `python3 bench/corpora/deadlinks.py --label a [--only NAME] [--json F]`."""
    import argparse
    import importlib.util
    import json

    here = Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location("run", here / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--label", default="opsbook", help="the binary's label of the kept output (out-LABEL)")
    parser.add_argument("--only", action="append", metavar="NAME")
    parser.add_argument("--work", default=str(run.WORK), help="the work folder of the kept outputs")
    parser.add_argument("--examples", type=int, default=10)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    results = []
    for corpus in run.load_list(run.HERE / "corpora.toml"):
        folder = Path(args.work) / corpus["name"]
        out = folder / f"out-{args.label}"
        if (args.only and corpus["name"] not in args.only) or not out.is_dir():
            continue
        root = (folder / "src" / corpus.get("root", ".")).resolve()
        url_to_source, _, base_path = run.read_manifest(out)
        a = run.analyse_output(out, url_to_source, args.examples, base_path, corpus["tool"], root)
        lacking = run.mirror_lacks(folder)
        for key in [k for k in a["dead"] if posixpath.basename(k.split("?")[0]) in lacking]:
            a["dead"].pop(key)
        whose = run.classify_dead(corpus, root, a, base_path, args.examples)
        whose.update(corpus=corpus["name"], tool=corpus["tool"], dead=sum(a["dead"].values()))
        print(f"| {corpus['name']} | {corpus['tool']} | {whose['dead']} | {whose['suspect']} | {whose['own']} | "
              f"{whose['unknown']} |", flush=True)
        results.append(whose)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
