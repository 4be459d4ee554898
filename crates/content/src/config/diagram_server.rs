//! The address of a PlantUML server (`[markdown] plantuml-server`, or the old tool's
//! setting read by the compatibility layer): the start of every diagram image's URL,
//! written raw into `src`, so only an `http://` or `https://` address with a host and
//! nothing that ends an attribute is taken.

/// `text` trimmed, when it is an address a diagram image may start with; else why not,
/// naming the setting `key`.
pub fn check_server_address(text: &str, key: &str) -> Result<String, String> {
    let text = text.trim();
    let shown = text.escape_debug().to_string();
    if let Some(c) = text.chars().find(|c| c.is_control() || c.is_whitespace() || "\"'<>\\^`{|}".contains(*c)) {
        return Err(format!(
            "`{key}` must be a URL without spaces, control characters or {{}}|\\^`<>\"', found {c:?} in \"{shown}\""
        ));
    }
    let rest = text.split_once("://").and_then(|(scheme, rest)| {
        (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")).then_some(rest)
    });
    let Some(rest) = rest else {
        return Err(format!(
            "`{key}` must be an http:// or https:// address (the reader's browser fetches each diagram from it), found \"{shown}\""
        ));
    };
    let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if host.is_empty() || !host.chars().all(|c| c.is_alphanumeric() || "-.:[]".contains(c)) {
        return Err(format!("`{key}` \"{shown}\" has no host name (no user or password before it)"));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_http_addresses_with_a_host() {
        for good in [
            "https://www.plantuml.com/plantuml/svg/",
            "http://localhost:8080/svg/",
            "HTTPS://kroki.example/plantuml/svg/",
            "http://[::1]:8080/plantuml/svg/",
            " https://x.example/svg/ ",
        ] {
            assert_eq!(check_server_address(good, "k").as_deref(), Ok(good.trim()), "{good:?}");
        }
    }

    #[test]
    fn refuses_other_schemes_no_host_and_what_breaks_an_attribute() {
        for bad in [
            "javascript:alert(1)//",
            "file:///etc/passwd",
            "data:text/html,x",
            "//www.plantuml.com/plantuml/svg/",
            "/plantuml/svg/",
            "https:///svg/",
            "https://",
            "https://user@evil.example/",
            "https://x.example/\"onerror=alert(1)",
            "https://x.example/a b/",
            "",
        ] {
            let message = check_server_address(bad, "plantuml-server").unwrap_err();
            assert!(message.starts_with("`plantuml-server`"), "{bad:?}: {message}");
        }
    }
}
