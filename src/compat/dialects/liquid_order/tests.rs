//! The order of mappings in Liquid, through the page's evaluator as a build runs it.

use super::*;
use crate::compat::dialects::evaluate::tests::evaluated_page;
use crate::compat::dialects::liquid_runtime::{Globals, SiteGlobals};

/// Twelve keys, not in alphabetical order, and that order's loop output.
const TWELVE: &str = "zulu: 1\nalpha: 2\nmike: 3\ncharlie: 4\nyankee: 5\nbravo: 6\n\
                      xray: 7\ndelta: 8\nwhiskey: 9\necho: 10\nvictor: 11\nfoxtrot: 12\n";
const TWELVE_LOOPED: &str =
    "zulu=1,alpha=2,mike=3,charlie=4,yankee=5,bravo=6,xray=7,delta=8,whiskey=9,echo=10,victor=11,foxtrot=12,";

/// `body` rendered for a page whose front matter is `front`, on a site whose
/// `_config.yml` is the YAML `site` (read as the site's reader reads it).
fn rendered(front: &str, body: &str, site: &str) -> String {
    let site = serde_saphyr::from_str::<serde_json::Value>(site).expect("YAML");
    let (output, problems) = evaluated_page(front, body, site);
    assert!(problems.is_empty(), "{problems:?}");
    output.text
}

fn indented(yaml: &str, by: &str) -> String {
    yaml.lines().map(|line| format!("{by}{line}\n")).collect()
}

#[test]
fn a_loop_over_a_front_matter_mapping_takes_the_file_s_order() {
    let front = format!("m:\n{}", indented(TWELVE, "  "));
    let body = "{% for pair in page.m %}{{ pair[0] }}={{ pair[1] }},{% endfor %}";
    assert_eq!(rendered(&front, body, "title: T"), TWELVE_LOOPED);
    let reversed = "{% for pair in page.m reversed limit:2 %}{{ pair[0] }},{% endfor %}";
    assert_eq!(rendered(&front, reversed, "title: T"), "alpha,zulu,");
}

#[test]
fn a_loop_over_site_data_takes_the_file_s_order() {
    let site = format!("data:\n  x:\n{}", indented(TWELVE, "    "));
    let body = "{% for pair in site.data.x %}{{ pair[0] }}={{ pair[1] }},{% endfor %}";
    assert_eq!(rendered("", body, &site), TWELVE_LOOPED);
}

#[test]
fn nested_mappings_keep_their_order_through_loops_and_assigns() {
    let site = format!("data:\n  outer:\n    inner:\n{}    two:\n      b: 1\n      a: 2\n", indented(TWELVE, "      "));
    let looped = "{% for p in site.data.outer.inner %}{{ p[0] }}={{ p[1] }},{% endfor %}";
    assert_eq!(rendered("", looped, &site), TWELVE_LOOPED);
    // The value of a pair and an assigned mapping are copies liquid-core keeps in a
    // `HashMap`: their order is still the file's.
    let pairs =
        "{% for p in site.data.outer %}{{ p[0] }}:{% for q in p[1] %}{{ q[0] }}={{ q[1] }},{% endfor %};{% endfor %}";
    assert_eq!(rendered("", pairs, &site), format!("inner:{TWELVE_LOOPED};two:b=1,a=2,;"));
    let assigned = "{% assign m = site.data.outer.inner %}{% for p in m %}{{ p[0] }}={{ p[1] }},{% endfor %}";
    assert_eq!(rendered("", assigned, &site), TWELVE_LOOPED);
}

#[test]
fn the_maps_of_a_list_loop_in_the_file_s_order_then_the_keys_others_have() {
    // uswds-site's settings-table-flex.html: a loop over each row of a list of maps.
    let front = "rows:\n  - variant: v1\n    description: d1\n  - variant: v2\n    description: d2\n    zz: z\n";
    let body = "{% for row in page.rows %}{% for c in row %}{{ c[0] }},{% endfor %};{% endfor %}";
    assert_eq!(rendered(front, body, "title: T"), "variant,description,zz,;variant,description,zz,;");
}

#[test]
fn jsonify_where_and_output_take_the_file_s_order() {
    let front = "m:\n  zeta: 1\n  alpha: [2, 3]\n  mid: {b: 1, a: 2}\nteams:\n  ops: {lead: Zoe, on: true}\n  dev: {lead: Al, on: true}\n  qa: {lead: Bo, on: false}\n";
    assert_eq!(rendered(front, "{{ page.m | jsonify }}", ""), r#"{"zeta":1,"alpha":[2,3],"mid":{"b":1,"a":2}}"#);
    assert_eq!(rendered(front, "{{ page.m }}", ""), "zeta1alpha23midb1a2");
    let on = "{{ page.teams | where: 'on', true | map: 'lead' | join: ',' }}";
    assert_eq!(rendered(front, on, ""), "Zoe,Al");
    let on = "{{ page.teams | where_exp: 't', 't.on == true' | map: 'lead' | join: ',' }}";
    assert_eq!(rendered(front, on, ""), "Zoe,Al");
}

#[test]
fn ports_golden_liquid_s_simple_hash_loop() {
    // jg-rp/golden-liquid, tests/tags/for.json ("simple hash loop"), at
    // 0a1b4b512e92595997f5a23b29b36a509e570ad0.
    let front = "collection:\n  title: foo\n  description: bar\n";
    let body = "{% for c in page.collection %}{{ c[0] }} {{ c[1] }} {% endfor %}";
    assert_eq!(rendered(front, body, ""), "title foo description bar ");
}

#[test]
fn a_set_of_keys_takes_the_order_of_its_first_mapping_and_no_file_s_is_sorted() {
    let site = serde_json::json!({"site": {"first": {"b": 1, "a": 2}, "second": {"a": 3, "b": 4}}});
    let site = SiteGlobals::of(site.as_object().expect("a map"));
    let globals = Globals::new(&serde_json::json!({}), false, &site);
    let runtime = globals.runtime();
    let keys =
        |object: &dyn ObjectView| -> String { entries(object, &runtime).iter().map(|(k, _)| k.as_str()).collect() };
    let second = globals.shared.get("site").and_then(|s| s.as_object()?.get("second")).expect("second");
    assert_eq!(keys(second.as_object().expect("a map")), "ba", "the first map with these keys is site.first");
    let unknown: liquid_core::Object =
        [("y", 1), ("x", 2), ("z", 3)].into_iter().map(|(k, v)| (k.into(), Value::scalar(v))).collect();
    assert_eq!(keys(&unknown), "xyz");
}
