"""Whether a built page hides part of itself from the reader, for run.py.

A page hides content when something its body opens is never closed where a browser
would close it: an HTML comment, a raw-text element (`<script>`, `<style>`,
`<textarea>`, `<title>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`), or a closed
`<details>` or a `<template>` that the rest of the page ends up inside. The measure is
whether the theme's site footer, the last thing of every opsbook page, is reached as an
element outside all of them; when it is not, the construct that swallowed it is named
with its line in the output. Standard library only (`html.parser`).
"""

import html.parser

# Elements whose content a browser reads as text up to their end tag.
RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr"}
FOOTER_CLASS = "site-footer"


class _Walker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # open elements: (tag, line, hides) with hides for a closed details/template
        self.footer = None  # None until the site footer's start tag; then what hid it, or ""
        self.raw_open = None  # (tag, line) of the raw-text element being read

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if self.footer is None and tag == "footer" and FOOTER_CLASS in (dict(attrs).get("class") or "").split():
            hider = next((t for t in reversed(self.stack) if t[2]), None)
            self.footer = f"<{hider[0]}> line {hider[1]}" if hider else ""
        if tag in RAW_TEXT and tag not in self.CDATA_CONTENT_ELEMENTS:
            self.set_cdata_mode(tag)
        if tag in RAW_TEXT:
            self.raw_open = (tag, line)
            return
        if tag in VOID:
            return
        names = {k for k, _ in attrs}
        hides = (tag == "details" and "open" not in names) or tag == "template"
        self.stack.append((tag, line, hides))

    def handle_startendtag(self, tag, attrs):
        # A browser honours `/>` only in SVG and MathML: an HTML element written
        # `<iframe … />` or `<details/>` is opened, as by its start tag.
        foreign = any(t[0] in ("svg", "math") for t in self.stack)
        if not foreign:
            self.handle_starttag(tag, attrs)
        elif tag not in RAW_TEXT:
            self.handle_starttag(tag, attrs)
            if tag not in VOID and self.stack and self.stack[-1][0] == tag:
                self.stack.pop()

    def handle_endtag(self, tag):
        if tag in RAW_TEXT:
            self.raw_open = None
            return
        # As a browser's generic end tag does: close up to the innermost element of
        # that name, or ignore the tag when none is open.
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


def hiding(page):
    """None when the page's site footer is shown; else what hid it (`<!-- line N`,
    `<script> line N`, `<details> line N`). Pages without a site footer count as shown."""
    if FOOTER_CLASS not in page:
        return None
    walker = _Walker()
    walker.feed(page)
    if walker.footer is None:
        rest = walker.rawdata
        if walker.raw_open is not None:
            return f"<{walker.raw_open[0]}> line {walker.raw_open[1]}"
        if rest.lstrip().startswith("<!--"):
            return f"<!-- line {walker.getpos()[0]}"
        return "footer never reached"
    walker.close()
    return walker.footer or None


def _self_test():
    footer = '<footer class="site-footer">x</footer></body>'
    assert hiding("<body><p>a</p>" + footer) is None
    assert hiding("<body><p>a<!-- b\n" + footer) == "<!-- line 1"
    assert hiding("<body><textarea>\n" + footer) == "<textarea> line 1"
    assert hiding("<body>\n<script>x" + footer) == "<script> line 2"
    assert hiding("<body><div><details><summary>s</summary>\n" + footer) == "<details> line 1"
    assert hiding("<body><div><details><summary>s</summary></div>" + footer) is None
    assert hiding("<body><details open>" + footer) is None
    assert hiding("<body><textarea>a</textarea>" + footer) is None
    assert hiding("<body><center><iframe src=x />\n</center>" + footer) == "<iframe> line 1"
    assert hiding("<body><details/>" + footer) == "<details> line 1"
    assert hiding("<body><svg><title/><path d=x /></svg><br/>" + footer) is None


if __name__ == "__main__":
    _self_test()
    print("ok")
