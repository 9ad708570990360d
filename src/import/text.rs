//! Markdown and plain-text files, and the title rule every format shares.
//!
//! Text should be UTF-8 (a byte-order mark is dropped, line ends become
//! `\n`). Bytes that are not UTF-8 are read as Windows-1252, the encoding
//! older Windows editors save in (it covers French), with a warning rather
//! than a refusal. A Markdown file whose first line is a level-one heading
//! gives its title.

use super::Extracted;
use crate::error::Result;
use crate::message::Message;

/// Decodes text: UTF-8 when it is, else Windows-1252 with a warning saying so.
pub(crate) fn decode(bytes: &[u8]) -> (String, Option<Message>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, warning) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            // Windows-1252 maps every byte to a character, so this cannot fail.
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            let warning = Message::NotUtf8 {
                byte: format!("0x{:02X}", bytes[e.valid_up_to()]),
                line: line as i64,
            };
            (text.into_owned(), Some(warning))
        }
    };
    (text.replace("\r\n", "\n").replace('\r', "\n"), warning)
}

/// A Markdown file, kept as it is (its title is taken by [`take_title`]).
pub(super) fn read_markdown(bytes: &[u8]) -> Result<Extracted> {
    let (text, warning) = decode(bytes);
    Ok(Extracted {
        meta_title: None,
        body: text.trim().to_owned() + "\n",
        warnings: warning.into_iter().collect(),
    })
}

/// A plain-text file: kept as it is; its title comes from elsewhere.
pub(super) fn read_plain(bytes: &[u8]) -> Result<Extracted> {
    read_markdown(bytes)
}

/// The title of a document and its body without the heading that gave it.
///
/// A title from the file's metadata wins; a leading level-one heading
/// (`# Heading` or underlined with `===`) is the title otherwise, and is
/// removed from the body either way when it says the same as the metadata.
pub(super) fn take_title(meta_title: Option<String>, markdown: &str) -> (Option<String>, String) {
    let meta_title = meta_title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let (heading, rest) = match leading_heading(markdown) {
        Some((heading, rest)) => (Some(heading), rest),
        None => (None, markdown.trim().to_owned() + "\n"),
    };
    match (meta_title, heading) {
        (Some(meta), Some(heading)) if same_words(&meta, &heading) => (Some(meta), rest),
        (Some(meta), _) => (Some(meta), markdown.trim().to_owned() + "\n"),
        (None, Some(heading)) => (Some(heading), rest),
        (None, None) => (None, rest),
    }
}

fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// A level-one heading on the first line, and the text after it.
fn leading_heading(text: &str) -> Option<(String, String)> {
    let trimmed = text.trim_start_matches(['\n', ' ', '\t']);
    let mut lines = trimmed.splitn(3, '\n');
    let first = lines.next().unwrap_or("");
    let second = lines.next();
    if let Some(title) = first.strip_prefix("# ").map(|t| t.trim().trim_end_matches('#').trim()) {
        if !title.is_empty() {
            let rest = trimmed[first.len()..].trim_start_matches('\n');
            return Some((title.to_owned(), rest.trim_end().to_owned() + "\n"));
        }
    }
    if let Some(underline) = second {
        let u = underline.trim();
        if !first.trim().is_empty() && u.len() >= 3 && u.chars().all(|c| c == '=') {
            let rest = lines.next().unwrap_or("").trim_start_matches('\n');
            return Some((first.trim().to_owned(), rest.trim_end().to_owned() + "\n"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> (Option<String>, String) {
        let e = read_markdown(text.as_bytes()).unwrap();
        take_title(None, &e.body)
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
    fn windows_1252_bytes_are_decoded_with_a_warning_naming_the_line() {
        // "déjà « vu » — “quoted” café" in Windows-1252.
        let (text, warning) = decode(b"ok\nd\xe9j\xe0 \xab vu \xbb \x97 \x93quoted\x94 caf\xe9");
        assert_eq!(text, "ok\ndéjà « vu » — “quoted” café");
        let warning = warning.expect("a non-UTF-8 file is worth a warning").to_string();
        assert!(warning.contains("not UTF-8") && warning.contains("line 2") && warning.contains("Windows-1252"), "{warning}");
    }

    #[test]
    fn a_metadata_title_wins_and_drops_the_same_heading() {
        let (title, body) = take_title(Some("Arms  Trade".into()), "# arms trade\n\nText.\n");
        assert_eq!((title.as_deref(), body.as_str()), (Some("Arms Trade"), "Text.\n"));
        let (title, body) = take_title(Some("Cover".into()), "# Another\n\nText.\n");
        assert_eq!((title.as_deref(), body.as_str()), (Some("Cover"), "# Another\n\nText.\n"));
    }
}
