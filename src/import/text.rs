//! Markdown and plain-text files.
//!
//! Both must be UTF-8 (a byte-order mark is dropped, line ends become `\n`).
//! A Markdown file whose first line is a level-one heading gives its title.

use std::path::Path;

use crate::error::{Error, Result};

/// Decodes UTF-8 text, naming the line of the first bad byte when it is not.
pub(super) fn decode(bytes: &[u8], path: &Path) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.replace("\r\n", "\n").replace('\r', "\n")),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::invalid(format!(
                "{}: the file is not UTF-8 text (bad byte 0x{:02X} on line {line}); save it as UTF-8 and try again",
                path.display(),
                bytes[e.valid_up_to()],
            )))
        }
    }
}

/// A Markdown file: title from a leading `# Heading` (ATX) or a heading
/// underlined with `===` (setext), removed from the body.
pub(super) fn read_markdown(bytes: &[u8], path: &Path) -> Result<(Option<String>, String)> {
    let text = decode(bytes, path)?;
    let trimmed = text.trim_start_matches(['\n', ' ', '\t']);
    let mut lines = trimmed.splitn(3, '\n');
    let first = lines.next().unwrap_or("");
    let second = lines.next();
    if let Some(title) = first.strip_prefix("# ").map(|t| t.trim().trim_end_matches('#').trim()) {
        if !title.is_empty() {
            let rest = trimmed[first.len()..].trim_start_matches('\n');
            return Ok((Some(title.to_owned()), rest.trim_end().to_owned() + "\n"));
        }
    }
    if let Some(underline) = second {
        let u = underline.trim();
        if !first.trim().is_empty() && u.len() >= 3 && u.chars().all(|c| c == '=') {
            let rest = lines.next().unwrap_or("").trim_start_matches('\n');
            return Ok((Some(first.trim().to_owned()), rest.trim_end().to_owned() + "\n"));
        }
    }
    Ok((None, text.trim().to_owned() + "\n"))
}

/// A plain-text file: kept as it is; its title comes from elsewhere.
pub(super) fn read_plain(bytes: &[u8], path: &Path) -> Result<(Option<String>, String)> {
    let text = decode(bytes, path)?;
    Ok((None, text.trim().to_owned() + "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> (Option<String>, String) {
        read_markdown(text.as_bytes(), Path::new("x.md")).unwrap()
    }

    #[test]
    fn a_leading_heading_becomes_the_title_and_leaves_the_body() {
        let (title, body) = md("\n# Au-delà des deux États\n\nLe texte.\n");
        assert_eq!(title.as_deref(), Some("Au-delà des deux États"));
        assert_eq!(body, "Le texte.\n", "the heading is not repeated in the body");
    }

    #[test]
    fn a_setext_heading_becomes_the_title() {
        let (title, body) = md("Arms Trade Treaty\n=================\n\nFull text.");
        assert_eq!(title.as_deref(), Some("Arms Trade Treaty"));
        assert_eq!(body, "Full text.\n");
    }

    #[test]
    fn a_second_level_heading_is_not_a_title() {
        let (title, body) = md("## Background\n\nText.");
        assert_eq!(title, None, "only a level-one heading names the paper");
        assert!(body.starts_with("## Background"));
    }

    #[test]
    fn windows_line_ends_and_a_byte_order_mark_are_normalised() {
        let (title, body) = md("\u{feff}# Title\r\n\r\nLine one\r\nLine two\r\n");
        assert_eq!(title.as_deref(), Some("Title"));
        assert_eq!(body, "Line one\nLine two\n");
    }

    #[test]
    fn latin1_bytes_are_refused_with_the_line_number() {
        let err = decode(b"ok\nd\xe9put\xe9", Path::new("f.txt")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("not UTF-8") && msg.contains("line 2"), "{msg}");
    }
}
