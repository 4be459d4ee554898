use super::*;

#[test]
fn reports_a_source_it_cannot_read_as_a_diagnostic_at_the_file() {
    let dir = crate::test_support::temp_dir("copy-source");
    let output = super::super::output::Output::create(&dir.join("public"), &dir.join("hb")).unwrap();
    let missing = dir.join("hb/content/gone.png");
    let problem = copy_source(
        &output,
        crate::site::Public::from_binary(&crate::fs::Confined::test(&missing)),
        "content/gone.png",
        "gone.png",
    )
    .unwrap()
    .unwrap();
    assert_eq!(problem.rule, crate::diagnostic::Rule::UnreadableFile);
    assert_eq!((problem.path.as_str(), problem.line), ("content/gone.png", 0));
    assert!(problem.message.starts_with("cannot read `content/gone.png`: "), "{}", problem.message);
    drop(output);
}
