//! Hostile inputs: secrets. The Prometheus server's URL may carry credentials (it is
//! documented as a CI secret, `OPSBOOK_PROMETHEUS_URL`): no message of `build` or `check`
//! and no file of the output may hold them, whether the server is unreachable or the URL
//! is refused; nor may the human format quote a line of a rule file it cannot parse.

use crate::util::{Site, inflated};

const TOKEN: &str = "s3cretTok3n";

fn book(url: &str) -> String {
    format!(
        "[handbook]\ntitle = \"T\"\n[status]\nprometheus = \"{url}\"\nprometheus-timeout = \"1s\"\n\
         components = [{{ id = \"db\", name = \"DB\", checks = [{{ name = \"up\", query = \"up\", green = \">= 1\" }}] }}]\n"
    )
}

/// Runs `opsbook VERB` on `site` with `OPSBOOK_PROMETHEUS_URL` set to `url`.
fn run_with_url(site: &Site, verb: &str, url: &str) -> (String, String) {
    let output = crate::util::opsbook()
        .current_dir(&site.root)
        .args([verb])
        .env("OPSBOOK_PROMETHEUS_URL", url)
        .output()
        .expect("run opsbook");
    (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_prometheus_url_with_credentials_is_never_printed_nor_published() {
    let site = Site::with_files("hostile-secrets", &[("content/_index.md", "---\ntitle: Home\n---\nHome.\n")]);
    let http = format!("http://admin:{TOKEN}@127.0.0.1:1");
    site.write("book.toml", book(&http));
    // Unreachable, from book.toml: a warning naming the server.
    for verb in ["build", "check"] {
        let run = site.run(&[verb]);
        assert!(run.stderr.contains("http://***@127.0.0.1:1"), "{verb}: the server is named\n{}", run.stderr);
        assert!(!run.stderr.contains(TOKEN) && !run.stdout.contains(TOKEN), "{verb}:\n{}", run.stderr);
    }
    for file in site.files_under("public") {
        let bytes = site.read_bytes(&format!("public/{file}"));
        let text = inflated(bytes.clone()).unwrap_or(bytes);
        assert!(!text.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()), "{file} holds the credentials");
    }
    // From the CI secret, unreachable or refused (`https://`), in every format.
    site.write("book.toml", book("http://127.0.0.1:1"));
    for url in [http.clone(), format!("https://admin:{TOKEN}@127.0.0.1:1")] {
        for verb in ["build", "check"] {
            let (stdout, stderr) = run_with_url(&site, verb, &url);
            assert!(stderr.contains("://***@127.0.0.1:1"), "{verb} {url}: the server is named\n{stderr}");
            assert!(!stderr.contains(TOKEN) && !stdout.contains(TOKEN), "{verb} {url}:\n{stderr}");
        }
    }
}

#[test]
fn a_rule_file_that_cannot_be_parsed_prints_nothing_of_its_text() {
    let site = Site::with_files(
        "hostile-secrets-rules",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
            (
                "rules/a.yml",
                "groups:\n- name: x\n  rules:\n  - alert: A\n    expr: up\n    labels: {a: s3cretLabel, a: s3cretDup}\n",
            ),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n");
    let run = site.run(&["check", "--rules", "rules"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[rules-syntax]"), "{}", run.stderr);
    assert!(run.stderr.contains("--> rules/a.yml:6:"), "the file and line are named: {}", run.stderr);
    assert!(!run.stderr.contains("s3cret"), "{}", run.stderr);
}
