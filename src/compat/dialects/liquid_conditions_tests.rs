//! Liquid's conditions, from Shopify/liquid's own tests at 7a5e45fc
//! (`test/unit/condition_unit_test.rb`, `test/integration/tags/if_else_tag_test.rb`)
//! and its documentation's order of `and` and `or`, run through the Liquid stage as a
//! Jekyll page.

use crate::compat::dialects::evaluate::tests::evaluated_page;

/// `body` evaluated with the site variables `site`: its text and its warnings.
fn run(body: &str, site: serde_json::Value) -> (String, Vec<(usize, String)>) {
    let (output, problems) = evaluated_page("", body, site);
    (output.text, problems)
}

/// Whether `condition` holds on a page with the site variables `site`.
fn holds(condition: &str, site: serde_json::Value) -> bool {
    let (text, problems) = run(&format!("{{% if {condition} %}}yes{{% else %}}no{{% endif %}}"), site);
    assert!(problems.is_empty(), "{condition}: {problems:?}");
    match text.as_str() {
        "yes" => true,
        "no" => false,
        other => panic!("{condition}: {other}"),
    }
}

#[test]
fn compares_as_the_condition_unit_tests_do() {
    let none = || serde_json::json!({});
    for condition in [
        "1 == 1",
        "1 != 2",
        "1 <> 2",
        "1 < 2",
        "2 > 1",
        "1 >= 1",
        "2 >= 1",
        "1 <= 2",
        "1 <= 1",
        "1 > -1",
        "-1 < 1",
        "1.0 > -1.0",
        "-1.0 < 1.0",
    ] {
        assert!(holds(condition, none()), "{condition}");
    }
    for condition in ["1 == 2", "1 != 1", "1 <> 1", "1 < 0", "2 > 4", "1 >= 3", "2 >= 4", "1 <= 0"] {
        assert!(!holds(condition, none()), "{condition}");
    }
}

#[test]
fn contains_as_the_condition_unit_tests_say() {
    let none = || serde_json::json!({});
    for right in ["'o'", "'b'", "'bo'", "'ob'", "'bob'"] {
        assert!(holds(&format!("'bob' contains {right}"), none()), "{right}");
    }
    for right in ["'bob2'", "'a'", "'---'"] {
        assert!(!holds(&format!("'bob' contains {right}"), none()), "{right}");
    }
    let array = || serde_json::json!({ "array": [1, 2, 3, 4, 5] });
    for n in 1..=5 {
        assert!(holds(&format!("site.array contains {n}"), array()), "{n}");
    }
    for right in ["0", "6", "'1'"] {
        assert!(!holds(&format!("site.array contains {right}"), array()), "{right}");
    }
    // test_contains_returns_false_for_nil_operands: `liquid-lib` failed on the first.
    assert!(!holds("not_assigned contains '0'", none()));
    assert!(!holds("0 contains not_assigned", none()));
    // test_contains_return_false_on_wrong_data_type: `liquid-lib` read 1 as "1".
    assert!(!holds("1 contains 0", none()));
    assert!(!holds("11 contains 1", none()));
    // test_contains_with_string_left_operand_coerces_right_operand_to_string
    assert!(holds("' 1 ' contains 1", none()));
    assert!(!holds("' 1 ' contains 2", none()));
    // test_hash_compare_backwards_compatibility: a hash holds its keys.
    assert!(holds("site.hash contains 'a'", serde_json::json!({ "hash": { "a": 2 } })));
    assert!(!holds("site.hash contains 'b'", serde_json::json!({ "hash": { "a": 2 } })));
}

#[test]
fn a_missing_key_is_nil_to_contains_and_the_page_keeps_its_text() {
    // A variable without the key asked (an include's `post` that is a talk, not a post).
    let (text, problems) = run(
        "<image {% if site.post.path contains '/news/' %}mask=\"a\"{% else %}mask=\"b\"{% endif %}>",
        serde_json::json!({ "post": { "title": "A talk" } }),
    );
    assert_eq!(text, "<image mask=\"b\">");
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn joins_and_and_or_from_right_to_left() {
    let values = |a: bool, b: bool, c: bool| serde_json::json!({ "a": a, "b": b, "c": c });
    // test_multiple_conditions: `a or b and c`.
    let table = [
        ([true, true, true], true),
        ([true, true, false], true),
        ([true, false, true], true),
        ([true, false, false], true),
        ([false, true, true], true),
        ([false, true, false], false),
        ([false, false, true], false),
        ([false, false, false], false),
    ];
    for ([a, b, c], expected) in table {
        assert_eq!(holds("site.a or site.b and site.c", values(a, b, c)), expected, "{a} {b} {c}");
    }
    // `a and b or c` is `a and (b or c)`, not `(a and b) or c`: Liquid's documentation
    // ("operators are checked in order from right to left") and its example.
    assert!(!holds("site.a and site.b or site.c", values(false, true, true)));
    assert!(holds("true or false and false", serde_json::json!({})));
    assert!(!holds("true and false and false or true", serde_json::json!({})));
}

#[test]
fn reads_truth_elsif_and_unless_as_the_if_else_tests_do() {
    let none = || serde_json::json!({});
    assert_eq!(run(" {% if false %} x {% endif %} ", none()).0, "  ");
    assert_eq!(
        run("{% if false %} you suck {% endif %} {% if true %} you rock {% endif %}?", none()).0,
        "  you rock ?"
    );
    assert_eq!(run("{% if 0 == 0 %}0{% elsif 1 == 1%}1{% else %}2{% endif %}", none()).0, "0");
    assert_eq!(run("{% if 0 != 0 %}0{% elsif 1 == 1%}1{% else %}2{% endif %}", none()).0, "1");
    assert_eq!(run("{% if 0 != 0 %}0{% elsif 1 != 1%}1{% else %}2{% endif %}", none()).0, "2");
    assert_eq!(run("{% if false %}if{% elsif true %}elsif{% endif %}", none()).0, "elsif");
    let nested = "{% if false %}{% if true %} NO {% else %} NONO {% endif %}{% else %} YES {% endif %}";
    assert_eq!(run(nested, none()).0, " YES ");
    for null in ["null < 10", "null <= 10", "null >= 10", "null > 10", "10 < null", "10 <= null", "10 >= null"] {
        assert!(!holds(null, none()), "{null}");
    }
    let foo = |value: serde_json::Value| serde_json::json!({ "foo": value });
    for value in [serde_json::json!({}), serde_json::json!({ "bar": false }), serde_json::Value::Null] {
        assert!(!holds("site.foo.bar", foo(value.clone())), "{value}");
    }
    for value in [serde_json::json!("text"), serde_json::json!(1), serde_json::json!({}), serde_json::json!([])] {
        assert!(holds("site.foo.bar", foo(serde_json::json!({ "bar": value.clone() }))), "{value}");
    }
    assert_eq!(run("{% unless site.a %}no a{% else %}a{% endunless %}", serde_json::json!({ "a": false })).0, "no a");
    assert_eq!(run("{% unless x contains 'y' %}none{% endunless %}", none()).0, "none");
}

#[test]
fn a_word_between_atoms_that_joins_nothing_is_an_error_of_the_tag() {
    let language = &*crate::compat::dialects::liquid_runtime::LANGUAGE;
    let error = liquid_core::parser::parse("a {% if 1 xor 2 %}b{% endif %}", language).expect_err("an error");
    assert!(error.to_string().contains("\"and\" or \"or\" expected, found `xor`"), "{error}");
    assert!(liquid_core::parser::parse("{% if a == 1 or b %}{% endif %}", language).is_ok());
}

#[test]
fn a_chain_of_many_elsif_is_read_and_run_without_going_deeper() {
    let count = 20_000;
    let mut body = String::from("{% if site.n == 0 %}zero");
    for n in 1..count {
        body.push_str(&format!("{{% elsif site.n == {n} %}}n{n}"));
    }
    body.push_str("{% else %}none{% endif %}");
    assert_eq!(run(&body, serde_json::json!({ "n": count - 1 })).0, format!("n{}", count - 1));
    assert_eq!(run(&body, serde_json::json!({ "n": -1 })).0, "none");
}
