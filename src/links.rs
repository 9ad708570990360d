//! Which link targets Dossier lets a reader follow: the one scheme rule for
//! every place a link written by someone else could be clicked (a packet
//! PDF's link annotations, the web view's link clicks).
//!
//! Promises: a link is followed only when it is an absolute `http`,
//! `https` or `mailto` address. Everything else — `file:`, `smb:`,
//! `javascript:`, `data:`, a relative path, a scheme hidden behind white
//! space or control characters — is shown as plain text. The rule is an
//! allow-list on the scheme as a URL parser reads it, so a spelling no
//! parser agrees on (`java\tscript:`) is refused rather than guessed at.
//!
//! A leaf: imports nothing, so any layer may ask it.

/// The schemes a link may use, lower case.
pub const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Whether `url` may become something a reader clicks: an absolute address
/// whose scheme is one of [`SCHEMES`] (in any letter case).
pub fn allowed_link(url: &str) -> bool {
    scheme(url).is_some_and(|s| SCHEMES.iter().any(|allowed| s.eq_ignore_ascii_case(allowed)))
}

/// The scheme of an absolute URL as RFC 3986 spells it (a letter, then
/// letters, digits, `+`, `-` or `.`, then `:`), or `None` for a relative
/// reference or anything else. Nothing is trimmed: a browser strips leading
/// spaces and control characters, and refusing them keeps both readings out.
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_is_scheme = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_is_letter && rest_is_scheme).then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_mail_addresses_are_allowed_in_any_case() {
        for url in ["http://example.org", "https://example.org/a?b#c", "mailto:office@example.org", "HTTPS://EXAMPLE.ORG"] {
            assert!(allowed_link(url), "{url} is a link a reader may follow");
        }
    }

    #[test]
    fn other_schemes_relative_links_and_disguised_schemes_are_refused() {
        for url in [
            "file:///etc/passwd",
            "smb://attacker/share",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "java\tscript:alert(1)",
            " https://example.org",
            "\u{1}javascript:alert(1)",
            "../library.sqlite",
            "/etc/passwd",
            "#heading",
            "example.org",
            "https",
            "",
            "httpsx://example.org",
        ] {
            assert!(!allowed_link(url), "{url:?} must stay plain text");
        }
    }
}
