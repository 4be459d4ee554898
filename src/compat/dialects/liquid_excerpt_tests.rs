//! Jekyll's own excerpt tests, ported: jekyll/jekyll `test/test_excerpt.rb` at
//! 202df571314ba1d18e9fccd81d12aaad4a703c38, on its fixtures `test/source/_posts/*`
//! (their bodies below, front matter left out).

use super::*;

/// The HTML of a Markdown page's `text`.
fn markdown_html(text: &str) -> String {
    output(text, false)
}

/// The content of a post as Jekyll reads it: its body after the front matter.
fn post(body: &str) -> &str {
    document_content(body)
}

const EXCERPT_WITH_LAYOUT: &str = "\nFirst paragraph with [link ref][link].\n\nSecond paragraph\n\n---\n\nThird \
                                   paragraph\n\n[link]: https://jekyllrb.com/\n";

const INDENTED_LINK_REFERENCES: &str = "\nThis is the first paragraph. It [has][link_0] [lots][link_1] \
[of][link_2]\n[links][link_3].\n\nThis is the second paragraph. It has sample code that should not be \
extracted:\n\n    [fakelink]: www.invalid.com\n\nAnd here are the real links:\n\n[link_0]: www.example.com/0\n \
[link_1]: www.example.com/1\n  [link_2]: www.example.com/2\n   [link_3]: www.example.com/3\n";

const OPEN_BLOCK: &str = "\n{%\n  highlight\n  ruby\n%}\n{% assign foo = 'foobar' %}\n{% raw\n%}\ndef \
print_hi(name)\n  puts \"Hi, #{name}\"\nend\n\nprint_hi('Tom')\n#=> prints 'Hi, Tom' to STDOUT.\n{% endraw \
%}\n{% endhighlight %}\n\nSo let's talk business.\n";

const CLOSED_BLOCK: &str = "\n{%\n  highlight\n  ruby\n%}\n{% assign foo = 'foobar' %}\n{% raw\n%}\ndef \
print_hi(name)\n  puts \"Hi, #{name}\"\nend\nprint_hi('Tom')\n#=> prints 'Hi, Tom' to STDOUT.\n{%\n  \
endraw\n%}\n{%\n  endhighlight\n%}\n\nSo let's talk business.\n";

const OPEN_WHITESPACE_CONTROL: &str = "\n{%- for post in site.posts -%}\n    You are in a maze of twisty little \
passages, all alike.\n\n    There's lots more to say about this, but that's enough for now.\n{%- endfor -%}\n";

const CLOSED_WHITESPACE_CONTROL: &str = "\n{%- for post in site.posts -%}\n    You are in a maze of twisty \
little passages, all alike.\n    There's lots more to say about this, but that's enough for now.\n{%- endfor \
-%}\n";

const VARIABLE_WHITESPACE_CONTROL: &str = "\n{%- assign xyzzy = 'You are in a maze of twisty little passages, \
all alike.' %}\n{{- xyzzy -}}\n";

const LIQUID_BLOCK: &str = "\n{% assign company = \"Yoyodyne\" %}\n{% do_nothing_other %}\n{% do_nothing \
%}\n    {% unless false %}\n        {% for i in (1..10) %}\n            {% if true %}\n                {% raw \
%}\n                    EVIL! PURE AND SIMPLE FROM THE EIGHTH DIMENSION!\n                {% endraw %}\n      \
      {% elsif false %}\n                No matter where you go, there you are.\n                {% break %}\n  \
          {% else %}\n                {% case company %}\n                    {% when \"Yoyodyne\" %}\n         \
               Buckaroo Banzai\n                    {% else %}\n                        {% continue \
%}\n\n                {% endcase %}\n            {% endif %}\n        {% endfor %}\n    {% endunless %}\n{% \
enddo_nothing %}\n";

#[test]
fn an_extracted_excerpt_is_the_first_paragraph_with_its_link_references() {
    // "An extracted excerpt", "#content before render".
    let excerpt = extract(post(EXCERPT_WITH_LAYOUT), "\n\n");
    assert_eq!(excerpt, "First paragraph with [link ref][link].\n\n[link]: https://jekyllrb.com/");
    // "after render": kramdown writes `<p>…</p>\n\n`, pulldown-cmark one line break.
    assert_eq!(
        markdown_html(&excerpt),
        "<p>First paragraph with <a href=\"https://jekyllrb.com/\">link ref</a>.</p>\n"
    );
}

#[test]
fn indented_link_references_are_kept_and_indented_code_is_not() {
    // "with indented link references".
    let excerpt = extract(post(INDENTED_LINK_REFERENCES), "\n\n");
    for i in 0..4 {
        assert!(excerpt.contains(&format!("[link_{i}]: www.example.com/{i}")), "{excerpt}");
    }
    assert!(!excerpt.contains("[fakelink]:"), "{excerpt}");
    let output = markdown_html(&excerpt);
    for i in 0..4 {
        assert!(output.contains(&format!("<a href=\"www.example.com/{i}\">")), "{output}");
    }
}

#[test]
fn a_post_without_a_separator_is_its_own_excerpt() {
    // "A whole-post excerpt": the excerpt's content matches the post's.
    let content = post("\nThis should be published.\n");
    assert_eq!(content, "This should be published.\n");
    assert_eq!(extract(content, "\n\n"), content);
}

#[test]
fn open_liquid_blocks_are_closed_and_closed_ones_are_not_closed_again() {
    // "An excerpt with non-closed but valid Liquid block tag".
    let head = post(OPEN_BLOCK).split("\n\n").next().unwrap_or_default();
    assert!(!head.contains("{% endraw %}") && !head.contains("{% endhighlight %}"));
    let excerpt = extract(post(OPEN_BLOCK), "\n\n");
    assert!(excerpt.contains("{% endraw %}") && excerpt.contains("{% endhighlight %}"), "{excerpt}");
    // "An excerpt with valid closed Liquid block tag".
    let excerpt = extract(post(CLOSED_BLOCK), "\n\n");
    assert!(excerpt.contains("{%\n  endraw\n%}") && excerpt.contains("{%\n  endhighlight\n%}"), "{excerpt}");
    assert!(!excerpt.contains("{%\n  endraw\n%}\n\n{% endraw %}"), "{excerpt}");
    assert!(!excerpt.contains("{%\n  endhighlight\n%}\n\n{% endhighlight %}"), "{excerpt}");
}

#[test]
fn whitespace_control_is_read_in_tags_and_variables() {
    // "An excerpt with non-closed but valid Liquid block tag with whitespace control".
    let excerpt = extract(post(OPEN_WHITESPACE_CONTROL), "\n\n");
    assert!(excerpt.contains("{% endfor %}") && !excerpt.contains("{% endfor %}\n\n{% endfor %}"), "{excerpt}");
    // "… valid closed Liquid block tag with whitespace control".
    let excerpt = extract(post(CLOSED_WHITESPACE_CONTROL), "\n\n");
    assert!(excerpt.contains("{%- endfor -%}") && !excerpt.contains("{% endfor %}"), "{excerpt}");
    // "An excerpt with valid Liquid variable with whitespace control".
    assert!(extract(post(VARIABLE_WHITESPACE_CONTROL), "\n\n").contains("{{- xyzzy -}}"));
}

#[test]
fn every_open_block_of_liquid_is_closed_and_other_tags_are_not() {
    // "An excerpt with Liquid tags". Jekyll's test registers `do_nothing` as a block of
    // its own; opsbook knows Liquid's and Jekyll's blocks only, and runs no plugin tag.
    let excerpt = extract(post(LIQUID_BLOCK), "\n\n");
    for end in ["{% endcase %}", "{% endif %}", "{% endfor %}", "{% endunless %}"] {
        assert!(excerpt.contains(end), "{end} in {excerpt}");
    }
    assert!(!excerpt.contains("{% enddo_nothing_other %}"), "{excerpt}");
}

#[test]
fn a_separator_of_its_own_cuts_there() {
    let content = "Intro.\n\nMore intro.\n<!--more-->\nThe rest.\n";
    assert_eq!(extract(content, "<!--more-->"), "Intro.\n\nMore intro.\n");
    assert_eq!(extract(content, "<!--none-->"), content);
    // `partition` with nothing after the separator: the text before it.
    assert_eq!(extract("All of it.\n<!--more-->", "<!--more-->"), "All of it.\n");
}

#[test]
fn an_html_page_is_given_as_written_and_a_capture_writes_nothing() {
    let text = "<section>\n\n    <p>Indented {{ x }}</p>{% capture hidden %}Secret{% endcapture %}\n</section>\n";
    assert_eq!(output(text, true), "<section>\n\n    <p>Indented </p>\n</section>\n");
    assert!(!markdown_html(text).contains("Secret"));
}

/// Many tags, and tags that never close: one pass, and the text is kept once.
#[test]
fn long_runs_of_tags_are_read_in_one_pass() {
    let many = "{{x}}".repeat(200_000) + "{{ never closed";
    assert_eq!(output(&many, true), "{{ never closed");
    let blocks = "{% if a %}".repeat(50_000);
    let excerpt = extract(&format!("{blocks}\n\nrest"), "\n\n");
    assert!(excerpt.ends_with("\n{% endif %}") && excerpt.matches("endif").count() == 1);
}

#[test]
fn the_html_leaves_liquid_out_keeps_raw_text_and_fences_highlighted_code() {
    let text = "Hi {{ page.name }}.{% comment %} note {% endcomment %}\n\n{% raw %}{{ kept }}{% endraw \
                %}\n\n{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n\n{% if x %}Shown{% endif %}\n";
    let output = markdown_html(text);
    assert_eq!(
        output,
        "<p>Hi .</p>\n<p>{{ kept }}</p>\n<pre><code class=\"language-ruby\">puts 1\n</code></pre>\n<p>Shown</p>\n"
    );
    // A tag that never closes is text.
    assert_eq!(markdown_html("a {% if"), "<p>a {% if</p>\n");
}
