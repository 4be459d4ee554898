use super::{reads_variable, template_reads_nav};

#[test]
fn a_template_that_dumps_the_context_reads_nav() {
    assert!(template_reads_nav("<pre>{{ __tera_context }}</pre>"));
    assert!(template_reads_nav("{% for item in nav %}{% endfor %}"));
    assert!(!template_reads_nav("{{ nav_html }}"));
}

#[test]
fn the_safe_filter_writes_what_teras_own_writes() {
    let mut own = tera::Tera::new();
    super::register_filters(&mut own);
    let builtin = tera::Tera::new();
    let long = "<p>a body longer than twenty-one bytes &amp; more</p>";
    let context = tera::context! {
        short => "<b>", long => long, number => &7, float => &1.5, yes => &true,
        list => &vec!["<a>", "b"], map => &std::collections::BTreeMap::from([("k", "<v>")]), nothing => &None::<String>,
    };
    for name in ["short", "long", "number", "float", "yes", "list", "map", "nothing"] {
        let template = format!("{{{{ {name} | safe }}}}|{{{{ {name} | safe | upper }}}}|{{{{ {name} }}}}");
        let mine = own.render_str(&template, &context, true).expect("renders");
        assert_eq!(mine, builtin.render_str(&template, &context, true).expect("renders"), "{name}");
    }
}

#[test]
fn a_template_reads_nav_only_when_a_tag_names_it() {
    for source in ["{{ nav_html }}", "{% include \"partials/nav.html\" %}", "<nav class=\"nav\">", "{{ page.nav }}"] {
        assert!(!reads_variable(source, "nav"), "{source}");
    }
    for source in ["{% for item in nav.items %}", "{{ nav }}", "{{ nav[0] }}", "{% if nav %}x{% endif %}"] {
        assert!(reads_variable(source, "nav"), "{source}");
    }
}
