#!/usr/bin/env python3
"""Builds public handbooks of other tools with opsbook, as the migration guide says, and
reports per corpus what a team moving to opsbook would meet (issue 31, item 10).

Each corpus of `corpora.toml` (beside this file) is a public repository at a pinned
commit, read from its mirror in /work/.mirror (which the `fetch` tool of the search
service fills; `--mirrors DIR` or OPSBOOK_MIRRORS for another folder). For each corpus
the script

1. checks the commit out of the mirror (`git archive | tar -x`) into
   `bench/.work/corpora/NAME/src/` (git-ignored, never committed), and sets it up as
   `content/guide/moving-a-handbook.md` says: the files the guide moves by hand (Jekyll
   and Eleventy pages under `content/`), then a `book.toml` beside the old tool's
   configuration (`[build] content-dir`, `[markdown] heading-ids`, `[check] links =
   "warn"`), or those lines added to an mdBook's own `book.toml`;
2. builds it with each binary given (`opsbook build --no-cache` into a new folder),
   with a time limit, measuring wall time and the child's peak RSS (`wait4`);
3. reads the build's diagnostics and the output, and prints one Markdown table row per
   corpus and binary. `--json FILE` writes the details: per corpus, the top examples of
   each problem (file, line, construct or link), the to-do list of the migration work.

    python3 bench/corpora/run.py --bin before=/work/corpus-bin/opsbook-before
    python3 bench/corpora/run.py --bin before=OLD --bin after=target/release/opsbook --json /tmp/r.json
    python3 bench/corpora/run.py --only gitlab-handbook --only scs-website --jobs 1

Not a test: it runs outside `cargo test`, by hand, and its figures depend on the
machine. Standard library only (Python 3.11+ for tomllib). bench/README.md says what
each column means.
"""

import argparse
import collections
import concurrent.futures
import fnmatch
import functools
import hashlib
import html
import importlib.util
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
REPO = BENCH.parent
WORK = BENCH / ".work" / "corpora"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The per-corpus report of the shared corpora: its diagnostic pattern, its `<main>`
# reader and its markers are the same here, so that the two reports count alike.
migration_report = _load("migration_report", BENCH / "migration-report.py")
DIAGNOSTIC = migration_report.DIAGNOSTIC
main_content = migration_report.main_content
# Whether a page hides its own content (a comment or element left open).
hiding = _load("hidden", HERE / "hidden.py").hiding
# Whose a dead link is: the repository's own or opsbook's (issue 59).
deadlinks = _load("deadlinks", HERE / "deadlinks.py")

# Markers of other tools that must not stand as text in a page's main content, outside
# code and outside opsbook's own `unsupported:` placeholders. Each is (name, pattern,
# block): a block marker counts only where a block or line starts ("Congrats!!!" is
# prose, not an MkDocs admonition). The first six are migration-report.py's MARKERS.
QUOTE = "\x02"
RAW_MARKERS = [
    ("{{<", r"\{\{<", False),
    ("{{%", r"\{\{%", False),
    ("{%", r"(?<!\{)\{%", False),
    (":::", r":::", True),
    # Python-Markdown's admonition line: `!!! type "title"` alone on its line.
    ("!!!", r'!!! ?[\w-]+(?: +[\w-]+)*(?: +"[^"\n]*")? *(?=\n|$)', True),
    ("{:", r"\{:", False),
    ("{{ ", r"\{\{ ", False),
    ("{{#", r"\{\{#", False),
    ("{#", r"\{#[^#}]*#\}", False),
    ("<%", r"<%", False),
    ("???", r"\?\?\?\+?\s+[a-z]", True),
    ('=== "', r'=== "', True),
    ("--8<--", r"--8<--", False),
    # GitHub's alert: the marker opens a blockquote (QUOTE marks where one starts).
    ("[!ALERT]", QUOTE + r"\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION|INFO|DANGER)\]", False),
    # Goldmark's and kramdown's attribute lists end a block (a heading, a paragraph, or
    # a line of their own); `{#id}` inside a sentence is text in every tool.
    ("{.class}", r"(?<!\{)\{\s*[.#][A-Za-z_][\w-]*(?:\s+[^{}\n]*)?\}(?!\})(?=[ \t]*(?:\n|$))", False),
    ("<Component", r"<[A-Z][A-Za-z0-9]+(?:\s+[\w-]+=|\s*/?>)", True),
]
assert [m for m, _, _ in RAW_MARKERS[:6]] == migration_report.MARKERS
RAW_PATTERNS = [(name, re.compile(("(?:^|(?<=\n))[ \t>]*" if block else "") + pattern)) for name, pattern, block in RAW_MARKERS]
# Markers a tool prints as text: Hugo reads no template in content, only shortcodes
# (its page lexer starts a construct at `{{<` and `{{%` alone), so a page's `{{ x }}`,
# `{% x %}` or `<% x %>` was text on the old site too.
TEXT_IN = {"hugo": {"{%", "{{ ", "{{#", "{#", "<%"}}
# Hugo's escaped shortcode (`{{</* x */>}}`) prints `{{< x >}}` as text by design: as many
# of a page's `{{<` and `{{%` as its source escapes outside fenced code are not raw.
ESCAPED_SHORTCODE = {"{{<": re.compile(r"\{\{<\s*/\*"), "{{%": re.compile(r"\{\{%\s*/\*")}
FENCED = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.M | re.S)


def escaped_shortcodes(root, source):
    """How many `{{<` and `{{%` a Hugo page's source escapes outside fenced code."""
    try:
        text = (Path(root) / source).read_text(encoding="utf-8", errors="replace")
    except (OSError, TypeError):
        return {}
    text = FENCED.sub("", text)
    return {name: len(pattern.findall(text)) for name, pattern in ESCAPED_SHORTCODE.items()}

LINK_RULES = {"broken-link", "broken-anchor", "missing-asset", "link-to-internal"}
DIAGRAM_LANGS = ("mermaid", "plantuml", "puml")
MARKDOWN = (".md", ".markdown", ".mdx")
# Files that a tool renders as pages but opsbook reads as plain files when they have
# front matter: Middleman's ERB, Jekyll's and Eleventy's HTML, Nunjucks and Liquid.
PAGE_LIKE = (".html.md.erb", ".md.erb", ".html.erb", ".erb", ".html", ".njk", ".liquid", ".haml", ".slim")
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "ftp:", "irc:", "news:", "sms:", "webcal:", "xmpp:")
ENV = {"OPSBOOK_TODAY": "2026-11-22", "SOURCE_DATE_EPOCH": "1795305600"}
TIME = "/usr/bin/time"
TOOLS = ["hugo", "docusaurus", "mkdocs", "jekyll", "eleventy", "middleman", "mdbook", "markdown"]


# ---------------------------------------------------------------------------------
# The list and the set-up
# ---------------------------------------------------------------------------------


def load_list(path):
    with open(path, "rb") as f:
        data = tomllib.load(f)
    corpora = data.get("corpus", [])
    names = set()
    for c in corpora:
        for key in ("name", "repo", "commit", "tool", "kind", "licence"):
            if key not in c:
                raise SystemExit(f"{path}: corpus {c.get('name', '?')} has no `{key}`")
        if c["name"] in names:
            raise SystemExit(f"{path}: two corpora are named {c['name']}")
        if c["tool"].split("-")[0] not in TOOLS:
            raise SystemExit(f"{path}: {c['name']}: tool {c['tool']} is none of {TOOLS}")
        names.add(c["name"])
    return corpora


def git_dir(mirrors, repo):
    base = Path(mirrors) / repo.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def setup_lines(corpus):
    """The book.toml lines the guide has a team write for this corpus."""
    lines = []
    if corpus["tool"] != "mdbook":
        lines += ["[handbook]", f'title = "{corpus["name"]}"']
        if corpus.get("repository", True):
            lines.append(f'repository = "https://github.com/{corpus["repo"]}"')
        lines.append("")
    build = []
    if corpus.get("content-dir") and corpus["tool"] != "mdbook":
        build.append(f'content-dir = "{corpus["content-dir"]}"')
    if build:
        lines += ["[build]", *build, ""]
    markdown = []
    if corpus.get("heading-ids"):
        markdown.append(f'heading-ids = "{corpus["heading-ids"]}"')
    if "md-as-mdx" in corpus:
        markdown.append(f'md-as-mdx = {str(corpus["md-as-mdx"]).lower()}')
    if markdown:
        lines += ["[markdown]", *markdown, ""]
    lines += ["[check]", 'links = "warn"', ""]
    extra = corpus.get("book", "").strip()
    if extra:
        lines += [extra, ""]
    return "\n".join(lines)


def setup_stamp(corpus):
    text = json.dumps(corpus, sort_keys=True) + setup_lines(corpus)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def move(root, spec):
    """Moves files of the checkout as `git mv` would: `{from = GLOB, to = DIR}`, with
    `keep` the names (globs) at the from-folder that stay."""
    source = root / spec.get("from", ".")
    target = root / spec["to"]
    keep = spec.get("keep", [])
    pattern = spec.get("glob", "*")
    moved = 0
    names = sorted(os.listdir(source))
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = source / name
        if path.resolve() == target.resolve() or target.resolve().is_relative_to(path.resolve()):
            continue
        if not fnmatch.fnmatch(name, pattern) or any(fnmatch.fnmatch(name, k) for k in keep):
            continue
        # Git's own files stay; GitBook's folder (`.gitbook/assets/`, which pages link
        # to) and configuration move with the pages, as the guide says.
        if name == "book.toml" or (name.startswith(".git") and not name.startswith(".gitbook")):
            continue
        dest = target / name
        if dest.exists():
            raise SystemExit(f"{root}: cannot move {name} to {spec['to']}: it exists there")
        shutil.move(str(path), str(dest))
        moved += 1
    return moved


def copy_link(src, link):
    """Replaces the symbolic link `link` by a copy of what it leads to, as a user does
    (`rm link && cp -r target link`) for a link that leads out of the handbook's folder,
    which opsbook does not follow. The target must lie inside the checkout `src`."""
    if not link.is_symlink():
        raise SystemExit(f"{link}: copy-links names no symbolic link")
    target = link.resolve()
    if not target.is_relative_to(src.resolve()) or not target.exists():
        raise SystemExit(f"{link}: leads to {target}, outside the checkout or nowhere")
    link.unlink()
    if target.is_dir():
        shutil.copytree(target, link, symlinks=True)
    else:
        shutil.copy2(target, link)


def extract(gd, commit, into):
    """Writes the tree of `commit` into `into`, as `git archive | tar -x` would, but
    going on past blobs the mirror lacks (files of 4 MiB and more, LFS content): returns
    their paths. Submodules are left out, as an archive leaves them."""
    listing = subprocess.run(["git", "--git-dir", str(gd), "ls-tree", "-r", "-z", "--full-tree", commit],
                             capture_output=True, check=True).stdout.split(b"\0")
    entries = []
    for item in listing:
        if not item:
            continue
        meta, path = item.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob":
            entries.append((mode, sha, os.fsdecode(path)))
    cat = subprocess.Popen(["git", "--git-dir", str(gd), "cat-file", "--batch"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE)
    missing = []
    into = Path(into)
    for mode, sha, path in entries:
        cat.stdin.write(sha + b"\n")
        cat.stdin.flush()
        header = cat.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            missing.append(path)
            continue
        data = cat.stdout.read(int(header[2]))
        cat.stdout.read(1)
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == b"120000":
            os.symlink(os.fsdecode(data), target)
            continue
        target.write_bytes(data)
        if mode == b"100755":
            target.chmod(0o755)
    cat.stdin.close()
    cat.wait()
    return missing


def checkout(corpus, mirrors, log):
    """The corpus checked out and set up in its work folder; returns (root, note)."""
    folder = WORK / corpus["name"]
    src = folder / "src"
    stamp = folder / "setup.stamp"
    want = setup_stamp(corpus)
    root = src / corpus.get("root", ".")
    if stamp.is_file() and stamp.read_text() == want and root.is_dir():
        return root.resolve(), None
    gd = git_dir(mirrors, corpus["repo"])
    if not gd.is_dir():
        return None, f"no mirror at {gd}: fetch {corpus['repo']} (the search tool's fetch) or set --mirrors"
    ok = subprocess.run(["git", "--git-dir", str(gd), "cat-file", "-e", corpus["commit"] + "^{commit}"],
                        capture_output=True)
    if ok.returncode != 0:
        return None, f"the mirror of {corpus['repo']} has no commit {corpus['commit']}"
    shutil.rmtree(folder, ignore_errors=True)
    src.mkdir(parents=True)
    log(f"{corpus['name']}: checking out {corpus['repo']} {corpus['commit'][:12]}")
    missing = extract(gd, corpus["commit"], src)
    (folder / "missing-files.txt").write_text("".join(f"{m}\n" for m in missing))
    root = src / corpus.get("root", ".")
    for spec in corpus.get("move", []):
        move(root, spec)
    for link in corpus.get("copy-links", []):
        copy_link(src, root / link)
    for remove in corpus.get("remove", []):
        for path in root.glob(remove):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    book = root / "book.toml"
    lines = setup_lines(corpus)
    if corpus["tool"] == "mdbook":
        if not book.is_file():
            return None, "an mdBook corpus without its book.toml"
        with open(book, "a") as f:
            f.write("\n# Added for the opsbook corpus harness, as the migration guide says.\n" + lines)
    else:
        if book.exists():
            return None, "the repository has a book.toml of its own"
        book.write_text("# Written by the opsbook corpus harness, as the migration guide says.\n" + lines)
    stamp.write_text(want)
    return root.resolve(), None


# ---------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------


@functools.cache
def knows_no_summary(binary):
    """Whether `binary build` takes --no-summary (a binary older than it does not)."""
    try:
        done = subprocess.run([binary, "build", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return "--no-summary" in done.stdout


def run_build(binary, root, out, stderr_path, timeout):
    """Runs one build; returns exit code (None on a time-out), wall seconds, peak RSS MiB."""
    env = dict(os.environ, **ENV)
    # The checkout is no repository: no git history of bench/.work's own clone.
    env["GIT_CEILING_DIRECTORIES"] = str(WORK)
    env.pop("RUST_BACKTRACE", None)
    command = [binary, "build", "--root", str(root), "--out", str(out), "--no-cache"]
    # Every diagnostic in full, for parse_diagnostics: past 200 warnings a build now
    # prints a summary by rule instead (a binary older than --no-summary prints all).
    if knows_no_summary(binary):
        command.append("--no-summary")
    # Peak RSS: a child forked from this (large) Python process inherits its high-water
    # mark in `wait4`'s figure; /usr/bin/time's child starts small.
    rss_file = Path(str(stderr_path) + ".rss")
    rss_file.unlink(missing_ok=True)
    if TIME and os.access(TIME, os.X_OK):
        command = [TIME, "-f", "%M", "-o", str(rss_file), *command]
    with open(stderr_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, stdout=err, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)
        deadline = start + timeout
        status = usage = None
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = 0
                return None, time.perf_counter() - start, usage.ru_maxrss / 1024
            time.sleep(0.02)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss / 1024
    try:
        rss = int(rss_file.read_text().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    code = process.returncode
    if TIME and command[0] == TIME:
        # time(1) exits with its child's code, 128 + N for a signal, which its file names
        text = rss_file.read_text() if rss_file.exists() else ""
        m = re.search(r"terminated by signal (\d+)", text)
        code = -int(m.group(1)) if m else code
    return code, wall, rss


def parse_diagnostics(text):
    """The human-format diagnostics of a build: severity, rule, message, file, line,
    column, the source line shown and the help."""
    found = []
    current = None
    for line in text.splitlines():
        m = DIAGNOSTIC.match(line)
        if m:
            message = re.sub(r"^\w+\[[a-z-]+\](?: \([a-z]+\))?: ?", "", line)
            current = {"severity": m.group(1), "rule": m.group(2), "message": message, "file": None,
                       "line": 0, "column": 0, "help": None, "new": "(new)" in line[:40]}
            found.append(current)
            continue
        if current is None:
            continue
        at = re.match(r"^\s*--> (.*?)(?::(\d+):(\d+))?$", line)
        if at and current["file"] is None:
            current["file"] = at.group(1)
            current["line"] = int(at.group(2) or 0)
            current["column"] = int(at.group(3) or 0)
        elif line.lstrip().startswith("= help:"):
            current["help"] = line.split("= help:", 1)[1].strip()
        elif line.lstrip().startswith("= note:") or line.lstrip().startswith("= included"):
            current.setdefault("notes", []).append(line.strip()[2:].strip())
    return found


def panic_text(text):
    m = re.search(r"thread '[^']*'(?: \(\d+\))? panicked at ([^\n]*)\n([^\n]*)", text)
    return f"panicked at {m.group(1)} {m.group(2)}".strip() if m else None


# ---------------------------------------------------------------------------------
# Reading the output
# ---------------------------------------------------------------------------------


class Output:
    """An output folder: which files exist, resolved as a browser on a static server."""

    def __init__(self, out, base_path="/"):
        self.out = Path(out)
        # A base URL with a path (mdBook's `site-url = "/mdBook/"`): links under it are
        # to this output's root.
        self.base_path = base_path if base_path.endswith("/") else base_path + "/"
        self.files = set()
        for folder, dirs, names in os.walk(out):
            rel = os.path.relpath(folder, out)
            rel = "" if rel == "." else rel.replace(os.sep, "/") + "/"
            for name in names:
                self.files.add(rel + name)
        self._ids = {}

    def page_url(self, rel):
        """The URL of an output file: `a/index.html` is `/a/`."""
        if rel == "index.html":
            return "/"
        if rel.endswith("/index.html"):
            return "/" + rel[: -len("index.html")]
        return "/" + rel

    def resolve(self, page_url, href):
        """The output file `href` on the page at `page_url` leads to, as (internal,
        file or None, fragment). External links and other schemes are not internal."""
        href = href.strip()
        if not href or href.startswith("#"):
            return False, None, None
        lower = href.lower()
        if lower.startswith(SKIP_SCHEMES) or href.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*:", lower):
            return False, None, None
        joined = urllib.parse.urljoin("http://site.invalid" + page_url, href)
        parts = urllib.parse.urlsplit(joined)
        if parts.netloc != "site.invalid":
            return False, None, None
        path = urllib.parse.unquote(parts.path)
        if self.base_path != "/" and (path + "/").startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        fragment = urllib.parse.unquote(parts.fragment) if parts.fragment else None
        rel = path.lstrip("/")
        candidates = [rel + "index.html"] if (rel == "" or rel.endswith("/")) else [rel, rel + "/index.html"]
        for c in candidates:
            if c in self.files:
                return True, c, fragment
        return True, None, fragment

    def has_id(self, rel, fragment):
        if rel not in self._ids:
            try:
                text = (self.out / rel).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            ids = set(re.findall(r'\s(?:id|name)="([^"]*)"', text))
            self._ids[rel] = {html.unescape(i) for i in ids}
        return fragment in self._ids[rel] or fragment in ("", "top")

    def pages(self):
        """The HTML pages, print pages left out (they repeat other pages)."""
        return sorted(f for f in self.files if f.endswith(".html") and not f.startswith("print/"))


class TextOutside:
    """The text of an HTML fragment outside `<pre>`, `<code>`, `<script>`, `<style>` and
    opsbook's placeholders, entities decoded, a line break at each block boundary."""

    SKIP = {"pre", "code", "script", "style", "svg", "textarea"}
    BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
             "blockquote", "section", "details", "summary", "br", "dd", "dt", "figure", "figcaption", "hr",
             "aside", "nav", "header", "footer", "article"}
    TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<!--.*?-->", re.S)

    @classmethod
    def text(cls, fragment):
        out = []
        skip = []  # a stack of the tags being skipped
        placeholder_depth = 0
        stack = []  # open span/div/p tags, with whether each opened a placeholder
        pos = 0
        for m in cls.TAG.finditer(fragment):
            if not skip and not placeholder_depth:
                out.append(fragment[pos:m.start()])
            pos = m.end()
            if m.group(0).startswith("<!--"):
                continue
            closing, tag, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3)
            if tag in cls.SKIP:
                if closing:
                    if skip and skip[-1] == tag:
                        skip.pop()
                elif not attrs.rstrip().endswith("/"):
                    skip.append(tag)
                continue
            if tag in ("span", "div", "p"):
                if closing:
                    if stack and stack.pop():
                        placeholder_depth -= 1
                elif not attrs.rstrip().endswith("/"):
                    opens = 'class="unsupported' in attrs
                    stack.append(opens)
                    placeholder_depth += opens
            if tag in cls.BLOCK and not skip and not placeholder_depth:
                out.append("\n")
                if tag == "blockquote" and not closing:
                    out.append(QUOTE)
        if not skip and not placeholder_depth:
            out.append(fragment[pos:])
        return html.unescape("".join(out))


PLACEHOLDER = re.compile(r'class="unsupported(?:-title)?">unsupported: <code>(.*?)</code>', re.S)
PRE = re.compile(r'<pre\b[^>]*\bdata-lang="([^"]*)"[^>]*>(.*?)</pre>', re.S)
COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
RAW_TEXT = re.compile(r"(<(script|style|textarea|title|iframe|xmp|noembed|noframes)\b[^>]*>).*?(</\2\s*>|$)", re.S | re.I)


def markup_only(page):
    """`page` without its comments and the text of its raw-text elements (a script's
    strings, an iframe's fallback), which hold no link a browser follows."""
    return RAW_TEXT.sub(lambda m: m.group(1) + m.group(3), COMMENT.sub("", page))


HREF = re.compile(r'\s(?:href|src)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')', re.I)
MERMAID_DIV = re.compile(r'<(?:div|pre)\b[^>]*class="[^"]*\bmermaid\b[^"]*"[^>]*>(.*?)</(?:div|pre)>', re.S)


def construct_name(text):
    """The construct a placeholder or warning shows, by name: `hugo {{< param >}}`,
    `liquid {% if %}`, `variable {{ site.* }}`, `mdx <Tabs>`."""
    t = text.strip()
    m = re.match(r"\{\{([<%])\s*/?\s*([\w./-]+)", t)
    if m:
        return "{{" + m.group(1) + " " + m.group(2) + " " + ("%" if m.group(1) == "%" else ">") + "}}"
    m = re.match(r"\{%-?\s*([\w./-]+)", t)
    if m:
        return "{% " + m.group(1) + " %}"
    m = re.match(r"\{\{#\s*([\w-]+)", t)
    if m:
        return "{{#" + m.group(1) + "}}"
    m = re.match(r"\{\{-?\s*([A-Za-z_][\w]*)", t)
    if m:
        return "{{ " + m.group(1) + (".* }}" if re.match(r"\{\{-?\s*[A-Za-z_]\w*\.", t) else " }}")
    m = re.match(r"\{\{", t)
    if m:
        return "{{ … }}"
    m = re.match(r"</?([A-Za-z][\w.]*)", t)
    if m:
        return "<" + m.group(1) + ">"
    return t[:24]


def excerpt(text, at, width=50):
    start = max(0, at - width)
    end = min(len(text), at + width)
    return re.sub(r"\s+", " ", text[start:end].replace(QUOTE, "")).strip()


def analyse_output(out_dir, url_to_source, examples, base_path="/", tool="", root=None):
    """Raw constructs, placeholders, diagrams left as code and dead links of an output;
    `tool` (corpora.toml's, `hugo-docsy` is Hugo's) leaves out the markers it prints as text,
    and `root` (the sources' folder) the shortcodes a Hugo page escapes."""
    as_text = TEXT_IN.get(tool.split("-")[0], set())
    hugo = tool.split("-")[0] == "hugo"
    output = Output(out_dir, base_path)
    raw = collections.Counter()
    raw_examples = collections.defaultdict(list)
    placeholders = collections.Counter()
    placeholder_pages = collections.defaultdict(list)
    diagrams = []
    dead = collections.Counter()
    dead_pages = collections.defaultdict(list)
    dead_links = []
    links_total = 0
    hrefs_by_page = {}
    hidden = []
    for rel in output.pages():
        try:
            page = (output.out / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        url = output.page_url(rel)
        source = url_to_source.get(url)
        where = source or rel
        # Dead links: every href and src of the page, navigation and theme included, as
        # the browser reads them: none in a comment or in a script's or style's text.
        hrefs = set()
        for m in HREF.finditer(markup_only(page)):
            href = html.unescape(m.group(1) if m.group(1) is not None else m.group(2))
            hrefs.add(href)
            internal, target, _ = output.resolve(url, href)
            if not internal:
                continue
            links_total += 1
            if target is None:
                key = urllib.parse.urljoin("http://site.invalid" + url, href.split("#")[0]).replace(
                    "http://site.invalid", "")
                dead[key] += 1
                dead_links.append((url, source, href, key))
                if len(dead_pages[key]) < 3:
                    dead_pages[key].append({"page": url, "source": source, "href": href})
        hrefs_by_page[url] = hrefs
        hider = hiding(page)
        if hider:
            hidden.append({"file": where, "page": rel, "by": hider})
        main = main_content(page)
        if main is None:
            continue
        for m in PLACEHOLDER.finditer(main):
            text = html.unescape(m.group(1))
            name = construct_name(text)
            placeholders[name] += 1
            if len(placeholder_pages[name]) < examples:
                placeholder_pages[name].append({"file": where, "text": text})
        for m in PRE.finditer(main):
            lang = m.group(1).lower()
            if lang not in DIAGRAM_LANGS:
                continue
            before = main[max(0, m.start() - 80):m.start()]
            if re.search(r'<details class="diagram-source"[^>]*><summary>[^<]*</summary>$', before):
                continue  # drawn: the source kept under the drawing (its summary in the page's language)
            body = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip()
            first = next((l.strip() for l in body.splitlines() if l.strip() and not l.strip().startswith("%%")), "")
            diagrams.append({"file": where, "lang": lang, "first-line": first[:60]})
        for m in MERMAID_DIV.finditer(main):
            body = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()
            diagrams.append({"file": where, "lang": "mermaid (HTML div)", "first-line": body.split("\n")[0][:60]})
        prose = TextOutside.text(main)
        escaped = escaped_shortcodes(root, source) if hugo and root and source else {}
        for name, pattern in RAW_PATTERNS:
            if name in as_text:
                continue
            for m in list(pattern.finditer(prose))[escaped.get(name, 0):]:
                raw[name] += 1
                if len(raw_examples[name]) < examples:
                    raw_examples[name].append({"file": where, "text": excerpt(prose, m.start())})
    return {
        "output": output,
        "hrefs_by_page": hrefs_by_page,
        "raw": raw,
        "raw_examples": raw_examples,
        "placeholders": placeholders,
        "placeholder_pages": placeholder_pages,
        "diagrams": diagrams,
        "hidden": hidden,
        "dead": dead,
        "dead_pages": dead_pages,
        "dead_links": dead_links,
        "internal_links": links_total,
    }


# ---------------------------------------------------------------------------------
# Link findings
# ---------------------------------------------------------------------------------

INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\]\(\s*(<[^>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)")
REF_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\](?:\[((?:[^\[\]\\]|\\.)*)\])?")
ATTR = re.compile(r"<(?:a|img|link|source|iframe|script|video|audio)\b[^>]*?\s(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I | re.S)
SHORTCODE_REF = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+(?:\"([^\"]*)\"|'([^']*)'|([^\s>%]+))")
LIQUID_LINK = re.compile(r"\{%-?\s*(?:link|post_url)\s+([^\s%]+)")
AUTOLINK = re.compile(r"<([^\s<>]+)>")
FIELD = re.compile(r"^\s*-?\s*[\w-]*:?\s*[\"']?([^\"'\s#][^\"'\s]*)")


def read_lines(root, file, cache):
    if file not in cache:
        try:
            cache[file] = (Path(root) / file).read_text(encoding="utf-8", errors="replace").split("\n")
        except OSError:
            cache[file] = None
    return cache[file]


def link_at(root, file, line, column, cache):
    """The link destination written at `file:line:column`, as it stands in the source."""
    lines = read_lines(root, file, cache)
    if not lines or line < 1 or line > len(lines):
        return None
    text = lines[line - 1]
    # Columns count characters from 1; a few tools count bytes: try both.
    starts = [column - 1]
    b = text.encode()[: max(column - 1, 0)].decode(errors="ignore")
    if len(b) != column - 1:
        starts.append(len(b))
    rest_lines = "\n".join(lines[line - 1:line + 3])
    for start in starts:
        if start < 0 or start > len(text):
            continue
        # A column at the value of an HTML attribute (`src="` then the column), as
        # opsbook points at a raw HTML link.
        quoted = re.search(r"\b(?:href|src)\s*=\s*([\"'])$", text[:start], re.I)
        if quoted:
            end = text.find(quoted.group(1), start)
            if end >= 0:
                return text[start:end]
        tail = text[start:] + "\n" + "\n".join(lines[line:line + 3])
        for pattern in (INLINE_LINK, ATTR, SHORTCODE_REF, LIQUID_LINK):
            m = pattern.match(tail)
            if m:
                value = next(g for g in m.groups() if g is not None)
                return value.strip("<>") if pattern is INLINE_LINK else value
        m = REF_LINK.match(tail)
        if m:
            label = (m.group(2) or m.group(1) or "").strip().lower()
            label = re.sub(r"\s+", " ", label)
            for other in lines:
                d = re.match(r"^\s{0,3}\[([^\]]+)\]:\s*<?([^\s>]+)", other)
                if d and re.sub(r"\s+", " ", d.group(1).strip().lower()) == label:
                    return d.group(2)
        m = re.match(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", tail)
        if m:
            return m.group(1)
        m = AUTOLINK.match(tail)
        if m:
            return m.group(1)
    # A link further on the line (the column of a construct around it), or a field.
    m = INLINE_LINK.search(text) or ATTR.search(text)
    if m:
        return next(g for g in m.groups() if g is not None).strip("<>")
    m = FIELD.match(rest_lines)
    return m.group(1) if m else None


# The tools whose relative links are read from the file's folder, not the page's URL
# (`content/old_tool.rs`): on GitHub, GitLab, GitBook and Docusaurus `./#x` in `a/b.md`
# leads to the folder `a/`.
FILE_RELATIVE = ("markdown", "docusaurus")
INDEX_NAMES = ("readme.md", "index.md", "_index.md", "index.mdx")


def reading_folder(tool, source, page, url):
    """The URL a relative `url` of the page at `page` (from file `source`) is read from:
    the page's URL, or for a file-relative tool the URL of the file's folder."""
    if tool.split("-")[0] not in FILE_RELATIVE or url.startswith(("/", "#")) or not page.endswith("/"):
        return page
    if posixpath.basename(source).lower() in INDEX_NAMES:
        return page
    return posixpath.dirname(page.rstrip("/")).rstrip("/") + "/"


LANGUAGE_FOLDER = re.compile(r"^/([a-z]{2,3}(?:-[A-Za-z]{2,4})?)/")


def in_page_language(output, page, url):
    """A link from the root (`/x/`) on a page of a language's folder (`/de/...`), read
    as the old tools read it there: the page's language's version (`/de/x/`) when the
    output has one. Hugo resolves a page's links (`ref`, the embedded link hook, a site's
    hook on `.Page.Ref`) in the page's language, jekyll-multiple-languages-plugin makes
    `site.baseurl` the language's folder, and a Docusaurus locale's base URL is its
    folder."""
    found = LANGUAGE_FOLDER.match(page)
    if not found or not url.startswith("/") or url.startswith("//"):
        return url
    prefix = "/" + found.group(1)
    if url == prefix or url.startswith(prefix + "/") or (prefix.lstrip("/") + "/index.html") not in output.files:
        return url
    internal, target, _ = output.resolve(page, prefix + url)
    return prefix + url if internal and target is not None else url


def judge_findings(diagnostics, root, analysis, source_to_url, examples, set_aside=(), tool=""):
    """Each link finding with its URL, the page it stands on and whether the output has
    the file it names (a false finding)."""
    output = analysis["output"]
    hrefs_by_page = analysis["hrefs_by_page"]
    cache = {}
    findings = []
    for d in diagnostics:
        if d["rule"] not in LINK_RULES or not d["file"]:
            continue
        url = link_at(root, d["file"], d["line"], d["column"], cache)
        f = {"rule": d["rule"], "file": d["file"], "line": d["line"], "message": d["message"], "url": url,
             "page": None, "resolves-to": None, "false": None}
        pages = [source_to_url[d["file"]]] if d["file"] in source_to_url else []
        including = re.search(r"\(included from ([^:()]+)(?::\d+)?\)", d["message"])
        if not pages and including and including.group(1) in source_to_url:
            # An included file's link, on the page that included it.
            pages = [source_to_url[including.group(1)]]
        if not pages and url is not None:
            # An included file: the pages that show the link.
            pages = [p for p, hrefs in hrefs_by_page.items() if url in hrefs][:20]
        if d["file"] in set_aside:
            pages = []  # not in the output that was read
        if url is not None and pages:
            for page in pages:
                read = in_page_language(output, page, url)
                internal, target, fragment = output.resolve(reading_folder(tool, d["file"], page, read), read)
                if url.startswith("#"):
                    internal, fragment = True, urllib.parse.unquote(url[1:])
                    target = page.lstrip("/") + "index.html" if page.endswith("/") else page.lstrip("/")
                    target = target if target in output.files else None
                if not internal:
                    f.update(page=page, false=None)
                    break
                f["page"] = page
                if target is None:
                    f["false"] = False
                    continue
                if d["rule"] == "broken-anchor" and fragment and not output.has_id(target, fragment):
                    f.update(false=False, **{"resolves-to": target})
                    continue
                f.update(false=True, **{"resolves-to": target})
                break
        findings.append(f)
    return findings


# ---------------------------------------------------------------------------------
# One corpus
# ---------------------------------------------------------------------------------


def count_sources(root, content_dir):
    """Markdown files under the content folder, and files with front matter of the old
    tool's other page formats (which opsbook copies as files, not pages)."""
    base = Path(root) / (content_dir or "content")
    markdown, page_like = 0, []
    for folder, dirs, names in os.walk(base):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("node_modules", "_includes")]
        for name in names:
            lower = name.lower()
            if lower.endswith(MARKDOWN):
                markdown += 1
            elif lower.endswith(PAGE_LIKE):
                path = Path(folder) / name
                try:
                    with open(path, "rb") as f:
                        head = f.read(4)
                except OSError:
                    continue
                if head.startswith(b"---") or lower.endswith((".erb", ".njk", ".liquid", ".haml", ".slim")):
                    page_like.append(str(path.relative_to(root)))
    return markdown, sorted(page_like)


def mirror_lacks(folder):
    """The file names of the blobs the mirror lacked at checkout (4 MiB and more): links
    to them are no finding of opsbook's."""
    try:
        lines = (folder / "missing-files.txt").read_text().splitlines()
    except OSError:
        return set()
    return {posixpath.basename(line) for line in lines if line}


def top(counter, n):
    return [{"key": k, "count": v} for k, v in counter.most_common(n)]


def aside_for(d):
    """What to set aside for an error: the page that included the file it is in, the
    whole `templates/` or `themes/` folder for a template of the repository's own (which
    opsbook reads as its own), else its file."""
    m = re.search(r"\(included from ([^:()]+):\d+", d["message"] + " " + " ".join(d.get("notes", [])))
    if m:
        return m.group(1)
    top = d["file"].split("/")[0]
    if top in ("templates", "themes") and "/" in d["file"]:
        return top
    return d["file"]


def salvage_build(binary, root, out, folder, label, diagnostics, timeout):
    """After a build that failed with errors: builds again with the files that hold the
    errors set aside (up to five rounds, as setting some aside can show others), so that
    the rest of the corpus can be read. The files go back in place afterwards."""
    aside = folder / "set-aside"
    shutil.rmtree(aside, ignore_errors=True)
    moved = []
    code, text = 1, ""
    try:
        current = diagnostics
        for _ in range(5):
            files = sorted({aside_for(d) for d in current if d["severity"] == "error" and d["file"]
                            and d["file"] != "book.toml" and (root / aside_for(d)).exists()} - set(moved))
            if not files:
                break
            for f in files:
                if not (root / f).exists():
                    continue
                (aside / f).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(root / f), str(aside / f))
                moved.append(f)
            shutil.rmtree(out, ignore_errors=True)
            log_path = folder / f"build-{label}-salvage.log"
            code, _, _ = run_build(binary, root, out, log_path, timeout)
            text = log_path.read_text(encoding="utf-8", errors="replace")
            current = parse_diagnostics(text)
            if code != 1:
                break
    finally:
        for f in moved:
            shutil.move(str(aside / f), str(root / f))
    built = re.search(r"built ([\d,]+) pages", text)
    remaining = [d for d in parse_diagnostics(text) if d["severity"] == "error"] if code else []
    return {"set_aside": moved, "exit": code, "panic": panic_text(text),
            "pages": int(built.group(1).replace(",", "")) if built else None,
            "errors_left": [{k: d[k] for k in ("file", "line", "message")} for d in remaining[:10]]}


def mdbook_src(root):
    """The chapters' folder of an mdBook: its book.toml's `[book] src`, `src` by default."""
    try:
        text = (root / "book.toml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "src"
    book = re.search(r"^\[book\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    found = book and re.search(r'^src\s*=\s*"([^"]+)"', book.group(1), re.M)
    return found.group(1) if found else "src"


def read_manifest(out):
    """The output's page URL to source file, source to URL, and base path (handbook.json)."""
    url_to_source, source_to_url = {}, {}
    base_path = "/"
    try:
        manifest = json.loads((out / "handbook.json").read_text())
        base_path = urllib.parse.urlsplit(manifest.get("base_url") or "/").path or "/"
        if base_path == "/":
            # No base URL in the manifest; the theme's stylesheet link shows the path (on
            # the 404 page when the home page is a redirect, as an mdBook's may be).
            m = None
            for name in ("index.html", "404.html"):
                page = out / name
                text = page.read_text(encoding="utf-8", errors="replace") if page.is_file() else ""
                m = m or re.search(r'href="(/[^"]*?)style\.css"', text)
            base_path = m.group(1) if m else "/"
        for p in manifest.get("pages", []):
            if p.get("source"):
                url_to_source[p["url"]] = p["source"]
                source_to_url[p["source"]] = p["url"]
    except (OSError, ValueError):
        pass
    return url_to_source, source_to_url, base_path


def classify_dead(corpus, root, a, base_path, examples):
    """The dead links of an analysis (those to files the mirror lacks left out) sorted
    by whose they are: `deadlinks.classify`'s counts and suspects."""
    links = [(u, s, h) for u, s, h, key in a["dead_links"] if key in a["dead"]]
    content = corpus.get("content-dir") or (mdbook_src(root) if corpus["tool"] == "mdbook" else "content")
    return deadlinks.classify(root, content, corpus["tool"], links, base_path, examples)


def corpus_run(corpus, label, binary, mirrors, timeout, examples, log, salvage=True):
    root, problem = checkout(corpus, mirrors, log)
    result = {"corpus": corpus["name"], "binary": label, "tool": corpus["tool"], "kind": corpus["kind"],
              "repo": corpus["repo"], "commit": corpus["commit"]}
    if root is None:
        result.update(status="not built", error=problem)
        return result
    folder = WORK / corpus["name"]
    out = folder / f"out-{label}"
    shutil.rmtree(out, ignore_errors=True)
    for stale in folder.glob(f".out-{label}.*"):
        shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink()
    log_path = folder / f"build-{label}.log"
    log(f"{corpus['name']}: building with {label}")
    code, wall, rss = run_build(binary, root, out, log_path, timeout)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    diagnostics = parse_diagnostics(text)
    panic = panic_text(text)
    built = re.search(r"built ([\d,]+) pages", text)
    markdown, page_like = 0, []
    for folder_ in [corpus.get("content-dir") or (mdbook_src(root) if corpus["tool"] == "mdbook" else None)] + re.findall(
            r'^path\s*=\s*"([^"]+)"', corpus.get("book", ""), re.M):
        m_, p_ = count_sources(root, folder_)
        markdown, page_like = markdown + m_, page_like + p_
    rules = collections.Counter(f"{d['severity']}:{d['rule']}" for d in diagnostics)
    status = "ok" if code == 0 else "hang" if code is None else "panic" if panic else f"exit {code}"
    result.update(
        status=status, exit=code, wall=round(wall, 2), rss=round(rss, 1),
        pages=int(built.group(1).replace(",", "")) if built else None, markdown=markdown,
        page_like=len(page_like), page_like_examples=page_like[:examples],
        rules=dict(sorted(rules.items())), panic=panic,
        tail=None if code == 0 else text[-2000:],
    )
    errors = [d for d in diagnostics if d["severity"] == "error"]
    by_rule = collections.defaultdict(list)
    for d in errors:
        by_rule[d["rule"]].append({k: d[k] for k in ("file", "line", "message", "help")})
    result["errors"] = {rule: {"count": len(ds), "examples": ds[:examples]} for rule, ds in by_rule.items()}
    unsupported = collections.defaultdict(list)
    for d in diagnostics:
        if d["rule"] == "unsupported-syntax":
            m = re.search(r"`(.*)` (?:is|are) not supported|`(.*?)`", d["message"])
            text_ = (m.group(1) or m.group(2)) if m else d["message"]
            unsupported[construct_name(text_)].append({"file": d["file"], "line": d["line"], "text": text_})
    result["unsupported_warnings"] = {
        k: {"count": len(v), "examples": v[:examples]}
        for k, v in sorted(unsupported.items(), key=lambda kv: -len(kv[1]))}
    other = collections.defaultdict(list)
    for d in diagnostics:
        if d["severity"] == "warning" and d["rule"] not in LINK_RULES and d["rule"] != "unsupported-syntax":
            other[d["rule"]].append({k: d[k] for k in ("file", "line", "message")})
    result["other_warnings"] = {r: {"count": len(v), "examples": v[:examples]} for r, v in other.items()}
    if code == 1 and not panic and salvage:
        result["salvage"] = salvage_build(binary, root, out, folder, label, diagnostics, timeout)
    if not out.is_dir() or (code != 0 and not (result.get("salvage") or {}).get("exit") == 0):
        link_findings = [d for d in diagnostics if d["rule"] in LINK_RULES]
        result.update(raw=None, placeholders=None, findings=len(link_findings), false_findings=None,
                      dead=None, diagrams=None, hiding=None)
        return result
    if result.get("salvage"):
        result["pages"] = result["salvage"]["pages"]
    url_to_source, source_to_url, base_path = read_manifest(out)
    log(f"{corpus['name']}: reading the output of {label}")
    a = analyse_output(out, url_to_source, examples, base_path, corpus["tool"], root)
    findings = judge_findings(diagnostics, root, a, source_to_url, examples,
                              set((result.get("salvage") or {}).get("set_aside", [])), corpus["tool"])
    lacking = mirror_lacks(folder)
    for f in findings:
        if f["url"] and posixpath.basename(urllib.parse.unquote(f["url"].split("#")[0].split("?")[0])) in lacking:
            f["false"], f["mirror-lacks"] = None, True
    for key in [k for k in a["dead"] if posixpath.basename(k.split("?")[0]) in lacking]:
        a["mirror_dead"] = a.get("mirror_dead", 0) + a["dead"].pop(key)
    whose = classify_dead(corpus, root, a, base_path, examples)
    false = [f for f in findings if f["false"]]
    true = [f for f in findings if f["false"] is False]
    unknown = [f for f in findings if f["false"] is None]
    by_kind = collections.Counter(f"{f['rule']} {'false' if f['false'] else 'true' if f['false'] is False else 'unjudged'}"
                                  for f in findings)
    result.update(
        raw=sum(a["raw"].values()), raw_by=dict(a["raw"].most_common()),
        raw_examples={k: v for k, v in a["raw_examples"].items()},
        placeholders=sum(a["placeholders"].values()), placeholders_by=dict(a["placeholders"].most_common()),
        placeholder_examples=dict(a["placeholder_pages"]),
        findings=len(findings), false_findings=len(false), findings_by=dict(sorted(by_kind.items())),
        false_examples=false[:examples], true_examples=true[:examples], unjudged_examples=unknown[:examples],
        dead=sum(a["dead"].values()), dead_unique=len(a["dead"]), internal_links=a["internal_links"],
        dead_to_files_the_mirror_lacks=a.get("mirror_dead", 0),
        dead_suspects=whose["suspect"], dead_own=whose["own"], dead_unknown=whose["unknown"],
        dead_suspect_examples=whose["suspect_examples"],
        dead_examples=[{"target": k, "count": v, "on": a["dead_pages"][k]} for k, v in a["dead"].most_common(examples)],
        diagrams=len(a["diagrams"]), diagram_examples=a["diagrams"][:examples],
        hiding=len(a["hidden"]), hiding_examples=a["hidden"][:examples],
    )
    return result


# ---------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------

def log(message):
    print(f"# {message}", file=sys.stderr, flush=True)


def one(corpus, settings):
    """Every binary's run of one corpus, in order."""
    binaries, mirrors, timeout, examples, keep = settings
    results = []
    for label, path in binaries:
        try:
            r = corpus_run(corpus, label, os.path.abspath(path), mirrors, timeout, examples, log)
        except Exception as e:  # a bug of this script: reported, and the other corpora go on
            import traceback
            r = {"corpus": corpus["name"], "binary": label, "status": "not built",
                 "error": f"the harness failed: {e!r}", "trace": traceback.format_exc()}
        if not keep:
            shutil.rmtree(WORK / corpus["name"] / f"out-{label}", ignore_errors=True)
        results.append(r)
    return results


HEADER = ("| corpus | tool | binary | exit | pages (Markdown; other page files) | raw constructs as text | "
          "placeholders | link findings (false) | dead links (targets; suspects/own/unknown) | hiding pages | diagrams as code | wall s | "
          "peak MiB |")


def short_counts(counts, n=3):
    if not counts:
        return ""
    items = sorted(counts.items(), key=lambda kv: -kv[1])[:n]
    return " (" + ", ".join(f"`{k.strip()}` {v}" for k, v in items) + (", …" if len(counts) > n else "") + ")"


def row(r):
    if r.get("status") == "not built":
        return f"| {r['corpus']} | | {r['binary']} | not built: {r['error']} | | | | | | | | | |"
    exit_ = r["status"]
    errors = sum(v for k, v in r["rules"].items() if k.startswith("error:"))
    if errors:
        exit_ += f", {errors} errors"
    if r.get("panic"):
        exit_ = "panic"
    sv = r.get("salvage")
    if sv:
        exit_ += (f"; the rest read from a build without {len(sv['set_aside'])} files" if sv["exit"] == 0
                  else f"; still {sv['exit']} without {len(sv['set_aside'])} files")
    pages = f"{r['pages'] if r['pages'] is not None else '-'} ({r['markdown']}; {r['page_like']})"

    def opt(key, fmt):
        return "-" if r.get(key) is None else fmt()

    raw = opt("raw", lambda: f"{r['raw']}{short_counts(r['raw_by'])}")
    ph = opt("placeholders", lambda: f"{r['placeholders']}{short_counts(r['placeholders_by'], 2)}")
    links = f"{r['findings']} ({r['false_findings'] if r.get('false_findings') is not None else '-'})"
    dead = opt("dead", lambda: f"{r['dead']} ({r['dead_unique']})" + (
        f"; {r['dead_suspects']}/{r['dead_own']}/{r['dead_unknown']}" if "dead_suspects" in r else ""))
    diagrams = opt("diagrams", lambda: str(r["diagrams"]))
    hidden = opt("hiding", lambda: str(r["hiding"]))
    return (f"| {r['corpus']} | {r['tool']} | {r['binary']} | {exit_} | {pages} | {raw} | {ph} | {links} | {dead} | "
            f"{hidden} | {diagrams} | {r['wall']:.1f} | {r['rss']:.0f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--bin", action="append", metavar="NAME=PATH",
                        help="a binary to build with (repeat to compare); default: opsbook=target/release/opsbook")
    parser.add_argument("--only", action="append", metavar="NAME", help="only this corpus (repeatable)")
    parser.add_argument("--list", default=str(HERE / "corpora.toml"), help="the corpora list")
    parser.add_argument("--mirrors", default=os.environ.get("OPSBOOK_MIRRORS", "/work/.mirror"))
    parser.add_argument("--jobs", type=int, default=1, help="corpora built at once (1 for comparable times)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a build counts as hung")
    parser.add_argument("--examples", type=int, default=10, help="examples of each problem kept in --json")
    parser.add_argument("--json", metavar="FILE", help="write the details there")
    parser.add_argument("--keep", action="store_true", help="keep the output folders (default: removed after reading)")
    parser.add_argument("--setup-only", action="store_true", help="check out and set up the corpora, build nothing")
    args = parser.parse_args()
    binaries = [b.split("=", 1) for b in (args.bin or [f"opsbook={REPO / 'target/release/opsbook'}"])]
    for label, path in binaries if not args.setup_only else []:
        if not os.access(path, os.X_OK):
            raise SystemExit(f"--bin {label}: {path} is no executable")
    corpora = load_list(args.list)
    if args.only:
        unknown = set(args.only) - {c["name"] for c in corpora}
        if unknown:
            raise SystemExit(f"no corpus named {', '.join(sorted(unknown))} in {args.list}")
        corpora = [c for c in corpora if c["name"] in args.only]

    WORK.mkdir(parents=True, exist_ok=True)
    if args.setup_only:
        for c in corpora:
            root, problem = checkout(c, args.mirrors, log)
            print(f"{c['name']}: {root or problem}")
        return

    results = []
    print(HEADER)
    print("|" + "---|" * (HEADER.count("|") - 1), flush=True)
    settings = (binaries, args.mirrors, args.timeout, args.examples, args.keep)
    if args.jobs > 1:
        with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
            for rs in pool.map(one, corpora, [settings] * len(corpora)):
                for r in rs:
                    print(row(r), flush=True)
                results.extend(rs)
    else:
        for corpus in corpora:
            for r in one(corpus, settings):
                print(row(r), flush=True)
                results.append(r)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"binaries": dict(binaries), "results": results}, f, indent=1, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
