//! Which link targets Dossier lets a reader follow: the one scheme rule for
//! every place a link written by someone else could be clicked (a packet
//! PDF's link annotations, the web view's link clicks).
//!
//! Promises: a link is followed only when it is an absolute `http`,
//! `https` or `mailto` address, and a `mailto` link only as rewritten to
//! its recipients, subject and body ([`allowed_link`] returns the link to
//! follow). Everything else — `file:`, `smb:`,
//! `javascript:`, `data:`, a relative path, a scheme hidden behind white
//! space or control characters — is shown as plain text. The rule is an
//! allow-list on the scheme as a URL parser reads it, so a spelling no
//! parser agrees on (`java\tscript:`) is refused rather than guessed at.
//!
//! A leaf: imports nothing, so any layer may ask it.

use std::borrow::Cow;

/// The schemes a link may use, lower case.
pub const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The fields of a `mailto:` link a mail program is let to fill in from
/// it, by their names as RFC 6068 spells them.
pub const MAIL_FIELDS: [&str; 2] = ["subject", "body"];

/// The link a reader may follow for `url`, or `None` when it must stay
/// plain text: an absolute address whose scheme is one of [`SCHEMES`] (in
/// any letter case). A `mailto:` link comes back rewritten to keep only
/// what a reader can see and judge before sending: its recipients, and its
/// subject and body (the first of each, [`MAIL_FIELDS`]). Every other field
/// is dropped, whatever its spelling (`attach`, `Attach`, `%61ttach`, `cc`,
/// `bcc`, `to`…), since a mail program may act on it unseen (attach
/// `/etc/passwd`, copy someone else); the kept ones are written again with
/// every byte but letters, digits and `-._~` percent-encoded, and a line
/// break in the subject becomes a space, so no mail program can read a
/// second field out of them. A fragment is dropped too.
pub fn allowed_link(url: &str) -> Option<Cow<'_, str>> {
    let scheme = scheme(url)?;
    if !SCHEMES.iter().any(|allowed| scheme.eq_ignore_ascii_case(allowed)) {
        return None;
    }
    if !scheme.eq_ignore_ascii_case("mailto") {
        return Some(Cow::Borrowed(url));
    }
    let cleaned = mail_link(&url[scheme.len() + 1..]);
    Some(if cleaned == url { Cow::Borrowed(url) } else { Cow::Owned(cleaned) })
}

/// A `mailto:` link from what follows its scheme: the recipients, then the
/// kept fields.
fn mail_link(rest: &str) -> String {
    let rest = rest.split('#').next().unwrap_or_default();
    let (to, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut out = String::from("mailto:");
    // Recipients are written again too, commas kept between them.
    for (i, address) in to.split(',').enumerate() {
        if i > 0 {
            out.push(',');
        }
        encode(&mut out, &decode(address), b"@!$'*+;:");
    }
    let mut kept: Vec<&str> = Vec::new();
    for field in query.split('&') {
        let (name, value) = field.split_once('=').unwrap_or((field, ""));
        let name = decode(name).to_ascii_lowercase();
        let Some(&name) = MAIL_FIELDS.iter().find(|f| f.as_bytes() == name.as_slice()) else { continue };
        if kept.contains(&name) {
            continue;
        }
        kept.push(name);
        let mut value = decode(value);
        if name == "subject" {
            // A subject is one line: a break in it could start a header.
            for b in &mut value {
                if b.is_ascii_control() {
                    *b = b' ';
                }
            }
        }
        out.push(if kept.len() == 1 { '?' } else { '&' });
        out.push_str(name);
        out.push('=');
        encode(&mut out, &value, b"");
    }
    out
}

/// `text` with its `%XX` escapes undone (a `%` not followed by two
/// hexadecimal digits is kept as it is).
fn decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Appends `bytes` with every byte but letters, digits, `-._~` and `also`
/// percent-encoded.
fn encode(out: &mut String, bytes: &[u8], also: &[u8]) {
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || also.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
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
            assert_eq!(allowed_link(url).as_deref(), Some(url), "{url} is a link a reader may follow, as it is");
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
            assert_eq!(allowed_link(url), None, "{url:?} must stay plain text");
        }
    }

    #[test]
    fn a_mail_link_keeps_its_recipients_subject_and_body() {
        for url in [
            "mailto:office@example.org,clerk@example.org",
            "mailto:office@example.org?subject=Bill%20C-11&body=Dear%20Member%2C%0D%0A%0D%0AThank%20you.",
            "mailto:?subject=Hi",
        ] {
            assert_eq!(allowed_link(url).as_deref(), Some(url), "nothing to drop from {url}");
        }
        let cleaned = |url: &str| allowed_link(url).expect("a mail link is followed").into_owned();
        assert_eq!(cleaned("MAILTO:office@example.org?Subject=Hi"), "mailto:office@example.org?subject=Hi");
        assert_eq!(cleaned("mailto:office@example.org?%73ubject=Hi"), "mailto:office@example.org?subject=Hi");
        assert_eq!(cleaned("mailto:office@example.org?subject=a+b&BODY=c d"), "mailto:office@example.org?subject=a%2Bb&body=c%20d");
        assert_eq!(cleaned("mailto:office@example.org?subject=First&subject=Second"), "mailto:office@example.org?subject=First");
    }

    #[test]
    fn attack_a_mail_link_loses_every_field_a_mail_program_could_act_on_unseen() {
        let cleaned = |url: &str| allowed_link(url).expect("a mail link is followed").into_owned();
        for url in [
            "mailto:?attach=/etc/passwd",
            "mailto:?Attach=/etc/passwd",
            "mailto:?ATTACH=/etc/passwd",
            "mailto:?%61ttach=/etc/passwd",
            "mailto:?%41TTACH=%2Fetc%2Fpasswd",
            "mailto:?attachment=file:///etc/passwd",
            "mailto:?attach",
            "mailto:?&&attach=/etc/passwd&",
            "mailto:? attach=/etc/passwd",
            "mailto:?subject%26attach=/etc/passwd",
        ] {
            assert_eq!(cleaned(url), "mailto:", "{url}");
        }
        let to = "mailto:office@example.org";
        for field in ["cc=someone@attacker.example", "bcc=someone@attacker.example", "to=someone@attacker.example", "in-reply-to=x", "x-mailer=y"] {
            assert_eq!(cleaned(&format!("{to}?{field}&subject=Hi")), format!("{to}?subject=Hi"), "{field}");
            assert_eq!(cleaned(&format!("{to}?subject=Hi&{field}")), format!("{to}?subject=Hi"), "{field}");
        }
        // What looks like a field inside a kept one stays inside it, as
        // text no mail program reads as a second field.
        assert_eq!(
            cleaned("mailto:office@example.org?subject=Hi%26attach%3D%2Fetc%2Fpasswd"),
            "mailto:office@example.org?subject=Hi%26attach%3D%2Fetc%2Fpasswd"
        );
        assert_eq!(cleaned("mailto:office@example.org?subject=Hi;attach=/etc/passwd"), "mailto:office@example.org?subject=Hi%3Battach%3D%2Fetc%2Fpasswd");
        // A line break in the subject could start a header of its own.
        assert_eq!(
            cleaned("mailto:office@example.org?subject=Hi%0D%0ABcc:%20x@attacker.example"),
            "mailto:office@example.org?subject=Hi%20%20Bcc%3A%20x%40attacker.example"
        );
        // A recipient that hides a field, or a fragment after the link.
        assert_eq!(cleaned("mailto:office@example.org%3Fattach%3D%2Fetc%2Fpasswd"), "mailto:office@example.org%3Fattach%3D%2Fetc%2Fpasswd");
        assert_eq!(cleaned("mailto:office@example.org#attach=/etc/passwd"), "mailto:office@example.org");
    }
}
