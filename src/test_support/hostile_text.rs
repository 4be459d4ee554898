//! Hostile text for the property tests of the scanners: pages made
//! of every construct a scanner of opsbook recognises (the dialects, includes, internal
//! blocks, reference definitions, links, headings, code, HTML comments), with random
//! Unicode of the kinds that break byte-offset arithmetic put before, inside and after
//! each: private-use characters (the dialects' placeholders are some), combining marks,
//! characters of four bytes, CR, NUL and other controls, right-to-left marks.
//!
//! One file, no `crate::` path: the unit test (`src/markdown/tests/property.rs`) and the
//! end-to-end one (`tests/hostile/unicode.rs`, through `#[path]`) build the same pages
//! from the same seed. A run is reproducible: [`seed_and_count`] reads
//! `OPSBOOK_PROPERTY_SEED` and a count variable.

/// A small, reproducible generator (splitmix64).
pub(crate) struct Random(pub(crate) u64);

impl Random {
    /// The next number.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (which must not be 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True once in `n` times.
    pub(crate) fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One of `items`.
    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Private-use characters: the dialects' inline placeholders are U+E000 and U+E001;
/// planes 15 and 16 take four bytes.
const PRIVATE_USE: &[&str] =
    &["\u{E000}", "\u{E001}", "\u{E000}7\u{E001}", "\u{E002}", "\u{F8FF}", "\u{F0000}", "\u{10FFFD}"];
/// Combining marks, alone (on whatever comes before) and on letters.
const COMBINING: &[&str] = &["\u{301}", "\u{308}", "\u{20DD}", "e\u{301}", "\u{34F}", "a\u{300}\u{316}\u{35C}"];
/// Characters of four bytes in UTF-8, and sequences of them.
const FOUR_BYTE: &[&str] = &["😀", "𝄞", "𠀀", "🏳\u{FE0F}\u{200D}🌈", "\u{1F1FA}\u{1F1F8}", "𝔸"];
/// CR, NUL and other controls, the byte-order mark and the line separator.
const CONTROL: &[&str] = &["\r", "\r\n", "\0", "\u{1}", "\u{B}", "\u{1B}", "\u{7F}", "\u{FEFF}", "\u{2028}"];
/// Right-to-left marks and overrides, and right-to-left text.
const RIGHT_TO_LEFT: &[&str] =
    &["\u{200F}", "\u{202E}", "\u{2067}", "\u{61C}", "\u{5E9}\u{5DC}\u{5D5}\u{5DD}", "\u{645}\u{631}"];
/// Characters of two and three bytes.
const OTHER: &[&str] = &["é", "ß", "€", "日本", "\u{FFFD}", "\u{A0}", "\u{3000}"];

/// The classes of characters put around and inside constructs.
const CLASSES: &[&[&str]] = &[PRIVATE_USE, COMBINING, FOUR_BYTE, CONTROL, RIGHT_TO_LEFT, OTHER];

/// The place of random Unicode in a construct.
const HOLE: char = '§';

/// Every construct a scanner recognises, `§` where random Unicode goes. Some are cut
/// short or left unclosed on purpose.
pub(crate) const CONSTRUCTS: &[&str] = &[
    // Hugo shortcodes, their comments and escapes.
    "{{<§ alert§ title=\"§\" color=\"warning\" §>}}\n§\n{{<§ /alert §>}}",
    "{{%§ notice warning §%}}§text§{{% /notice %}}",
    "{{% details summary=\"§\" open=\"true\" %}}§{{% /details %}}",
    "{{< ref \"§runbooks/db.md#§\" >}}",
    "[§]({{< relref \"§db.md\" >}}§)",
    "{{</*§ include \"§\" §*/>}}",
    "{{</*/>}}",
    "{{%/*§*/%}}",
    "{{/*§ a comment §*/}}",
    "{{< tabpane >}}§{{< tab header=\"§\" lang=\"bash\" >}}\n§echo\n{{< /tab >}}§{{< /tabpane >}}",
    "{{< tab §>}}§{{< /tab >}}",
    "{{< figure src=\"§x.png\" title=\"§\" caption=\"§\" link=\"§\" >}}",
    "{{< youtube §id >}}",
    "{{< unknown§ §>}}§{{< /unknown >}}",
    "{{<§",
    "§>}}",
    // Liquid tags and variables.
    "{% raw %}§{{ §x }}§{% endraw %}",
    "{% raw %}§",
    "{% comment %}§{% endcomment %}",
    "{%- highlight §ruby -%}\n§puts 1\n{%- endhighlight -%}",
    "[§]({% link §runbooks/db.md %})",
    "{% post_url §2026-01-02-outage %}",
    "{{ §page.title§ }}",
    "{{§site.§x}}",
    "{{ include.§team }}",
    "{% if § %}§{% endif %}",
    "{%§",
    "style={{ §width: 1 }}",
    // kramdown and Goldmark attribute lists.
    "{:§ .c§ #i§d target=\"§\" onclick=\"x\"}",
    "[§](§db.md){:§target=\"_blank\"§}",
    "![§alt](§diagram.png){.§c #§i}",
    "§text\n{: .note§ }",
    "## §Heading§ {: #§i§}",
    "{#§id}",
    // MkDocs admonitions, tabs and snippets.
    "!!! note \"§\"\n    §body\n\n    §more\n",
    "!!!§tip\n    §",
    "???+ §info \"§\"\n    §\n",
    "??? §",
    "=== \"§\"\n\n    §tab\n\n=== \"§b\"\n    §\n",
    "===! \"§\"\n\t§\n",
    "--8<-- \"§snip.md§\"\n",
    "--8<-- \"§lines.sh:§2:3\"\n",
    "--8<-- \"§lines.sh:sec§\"\n",
    "--8<--\n§snip.md\n§\n--8<--\n",
    ";--8<-- \"§\"\n",
    "    --8<-- \"snip.md\"\n",
    "--8<-- \"https://§example.org/x\"\n",
    // Docusaurus admonitions and MDX.
    ":::note[§]\n§\n:::\n",
    "::::warning §title\n:::tip\n§\n:::\n::::\n",
    ":::§\n",
    ":::danger{title=\"§\"}\n§",
    "<Tabs>§<TabItem label=\"§\" value=\"§\">\n\n§\n\n</TabItem>§</Tabs>",
    "<Admonition type=\"§\" title=\"§\">§</Admonition>",
    "{/*§ comment §*/}",
    "<Widget §prop={§} />",
    "<Widget§",
    "import X from '§x';\n",
    "export const §y = 1;\n",
    // Includes of each tool.
    "{{#include §snip.md§}}",
    "\\{{#include snip.md}}",
    "{{#include lines.sh:§1:2}}",
    "{{#include lines.sh:§anchor}}",
    "{{#rustdoc_include §lines.sh::1}}",
    "{{% include \"§snip.md\" %}}",
    "{{< readfile file=\"§snip.md\" code=\"true\" lang=\"§\" >}}",
    "{% include §snip.md team=\"§\" %}",
    "{% include_relative §snip.md %}",
    "{% include §",
    // Internal blocks.
    "<!-- internal -->\n§\n<!-- /internal -->\n",
    "<!-- internal -->\n§",
    "<!--§internal§-->",
    "<!-- §/internal -->",
    "§<!-- internal -->§",
    "> [!INTERNAL]\n> §\n",
    "> [!§internal]§\n> [w]: https://w.example/§\n",
    // Reference definitions, links and autolinks.
    "[§v]: §https://x.example/§ \"§\"\n",
    "[§v]",
    "[§][v]",
    "[§v][]",
    "[w]",
    "[§](§db.md#§)",
    "[§](§../runbooks/§)",
    "![§](§diagram.png \"§\")",
    "<https://§example.org/§>",
    "<§ops@example.org>",
    "https://§example.org/§",
    "<a href=\"§db.md\" id=\"§\" name='§'>§</a>",
    "<img src = \"§x.png\">",
    // Headings.
    "## §Heading§ {#§id§}\n",
    "## §Same\n",
    "### §Run `§kubectl` ###\n",
    "§Setext§\n---\n",
    "# §Title\n",
    "####### §",
    // Code.
    "```§bash\n§\n```\n",
    "~~~§\n§{{< x >}}\n~~~\n",
    "```\n§",
    "`§code§`",
    "``§{{% x %}}§``",
    "    §indented code\n",
    // HTML comments and forged placeholders.
    "<!-- §{{ site.x }}§ -->",
    "<!-- a §-->§<!-- internal -->",
    "<!-- {{ site.x }}§--><!-- internal -->",
    "<!--§",
    "<!--opsbook-dialect:§0-->",
    "\u{E000}§0\u{E001}",
    // Footnotes, tables, lists, quotes.
    "[^§1]",
    "[^§1]: §note\n",
    "| § | a |\n|---|---|\n| § | b |\n",
    "- [x] §\n- §\n",
    "> §quote\n>\n> > §\n",
    "> [!NOTE]\n> §\n",
];

/// What an include names, with the text it finds there.
pub(crate) const INCLUDED: &[&str] = &[
    "content/runbooks/snip.md",
    "content/snip.md",
    "snip.md",
    "content/_includes/snip.md",
    "_includes/snip.md",
    "content/runbooks/lines.sh",
    "content/lines.sh",
];

/// Random Unicode: none (often), or one to three pieces of random classes.
pub(crate) fn unicode(random: &mut Random) -> String {
    if random.one_in(3) {
        return String::new();
    }
    let mut text = String::new();
    for _ in 0..=random.below(3) {
        let class = CLASSES[random.below(CLASSES.len())];
        text.push_str(random.pick(class));
    }
    text
}

/// A construct with its holes filled, and random Unicode before and after it.
fn construct(random: &mut Random) -> String {
    let template = random.pick(CONSTRUCTS);
    let mut text = unicode(random);
    for (i, part) in template.split(HOLE).enumerate() {
        if i > 0 {
            text.push_str(&unicode(random));
        }
        text.push_str(part);
    }
    text.push_str(&unicode(random));
    text
}

/// A char boundary of `text` at or below `at`.
fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A page body of one to `most` constructs, separated by nothing, spaces, line breaks or
/// random Unicode, then now and then cut, doubled or given other line endings.
pub(crate) fn page(random: &mut Random, most: usize) -> String {
    const SEPARATORS: &[&str] = &["", " ", "\n", "\n\n", "\n\n\n", "\t", "    "];
    let mut text = String::new();
    for _ in 0..=random.below(most) {
        text.push_str(&construct(random));
        if random.one_in(4) {
            text.push_str(&unicode(random));
        } else {
            text.push_str(random.pick(SEPARATORS));
        }
    }
    if random.one_in(5) {
        let at = boundary(&text, random.below(text.len() + 1));
        let end = boundary(&text, at + random.below(40));
        text.replace_range(at..end, "");
    }
    if random.one_in(8) {
        let at = boundary(&text, random.below(text.len() + 1));
        let end = boundary(&text, at + random.below(60));
        let piece = text[at..end].to_string();
        text.insert_str(end, &piece);
    }
    match random.below(8) {
        0 => text = text.replace('\n', "\r\n"),
        1 => text = text.replace('\n', "\r"),
        _ => {}
    }
    text
}

/// The text of an included file: a short page with mdBook anchors and snippet sections.
pub(crate) fn included_file(random: &mut Random) -> String {
    let mut text = page(random, 3);
    let markers = [
        "# ANCHOR: anchor\n",
        "# ANCHOR_END: anchor\n",
        "--8<-- [start:sec]\n",
        "--8<-- [end:sec]\n",
        "ANCHOR:",
        "--8<-- [start:",
    ];
    for _ in 0..random.below(4) {
        let at = boundary(&text, random.below(text.len() + 1));
        let marker = format!("{}{}", unicode(random), random.pick(&markers));
        text.insert_str(at, &marker);
    }
    text
}

/// The seed (`OPSBOOK_PROPERTY_SEED`, else `default_seed`) and the count (the variable
/// `count_variable`, else `default_count`) of a run.
pub(crate) fn seed_and_count(default_seed: u64, count_variable: &str, default_count: u64) -> (u64, u64) {
    let read = |name: &str| std::env::var(name).ok().and_then(|s| s.trim().parse::<u64>().ok());
    (read("OPSBOOK_PROPERTY_SEED").unwrap_or(default_seed), read(count_variable).unwrap_or(default_count))
}
