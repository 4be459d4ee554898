//! Values that must never be printed or published: a URL whose user information holds
//! credentials (`http://user:token@prometheus:9090`, documented as a CI secret). The type
//! shows itself with the user information masked (`http://***@prometheus:9090`) in every
//! message, and has no `Serialize`, so no output file can hold it; [`SecretUrl::expose`]
//! gives the value to the one client that sends it.

use std::fmt;

/// A URL that may carry credentials in its user information.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretUrl(String);

impl SecretUrl {
    /// Wraps `url`.
    pub fn new(url: impl Into<String>) -> SecretUrl {
        SecretUrl(url.into())
    }

    /// The URL with its credentials, for the HTTP client only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL as messages show it: the user information before `@` replaced by `***`.
    pub fn masked(&self) -> String {
        match self.user_information() {
            Some(user) => self.0.replacen(user, "***", 1),
            None => self.0.clone(),
        }
    }

    /// `text` (a message of a library that may quote the URL) with the user
    /// information masked wherever it appears.
    pub fn scrub(&self, text: &str) -> String {
        match self.user_information() {
            Some(user) => text.replace(user, "***"),
            None => text.to_string(),
        }
    }

    /// The user information of the URL (`user:token`), when it has some.
    fn user_information(&self) -> Option<&str> {
        let rest = self.0.split_once("://").map_or(self.0.as_str(), |(_, rest)| rest);
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        authority.rfind('@').map(|at| &authority[..at]).filter(|user| !user.is_empty())
    }
}

impl fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretUrl({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_user_information_wherever_it_is_shown() {
        let url = SecretUrl::new("http://admin:s3cret@prometheus:9090/prometheus");
        assert_eq!(url.to_string(), "http://***@prometheus:9090/prometheus");
        assert_eq!(format!("{url:?}"), "SecretUrl(http://***@prometheus:9090/prometheus)");
        assert_eq!(url.expose(), "http://admin:s3cret@prometheus:9090/prometheus");
        assert_eq!(SecretUrl::new("http://prometheus:9090/a@b").to_string(), "http://prometheus:9090/a@b");
        assert_eq!(SecretUrl::new("http://a:b@c@host").to_string(), "http://***@host");
        assert_eq!(
            url.scrub("cannot reach http://admin:s3cret@prometheus:9090/x"),
            "cannot reach http://***@prometheus:9090/x"
        );
    }
}
