//! Markdown and plain-text files, and the title rule every format shares.
//!
//! Decoding ([`decode`], the one text decoder: documents, HTML and
//! Parliament's files all go through it): a byte-order mark says the
//! encoding — UTF-8, or UTF-16 little- or big-endian, as Windows Notepad
//! saves "Unicode" — and is dropped. Without one, bytes that are UTF-8 are
//! UTF-8; others are read as Windows-1252, the encoding older Windows
//! editors save in (it covers French), with a warning rather than a
//! refusal. Line ends become `\n`. UTF-16 without a mark is not guessed: its
//! NUL bytes make it binary.
//!
//! A `.md` or `.txt` file whose decoded text holds a NUL, or more than one
//! control character in a hundred (other than tab, line ends and form
//! feed), is refused as not text ([`looks_binary`]): those are the bytes of
//! an image, an archive or a program, never of something a person wrote.
//!
//! Titles: a Markdown file whose first line is a level-one heading gives its
//! title. A plain-text file's first line is its title ([`plain_title`]) when
//! it looks like one: at most [`MAX_TITLE_CHARS`] characters with a letter
//! in them, a blank line after it and text after that, and no period,
//! comma, colon or semicolon at its end (a sentence or a greeting goes on;
//! a title stops). Whatever gives the title, a heading of any level that
//! opens the body and says the same words is dropped, so the body never
//! repeats its title.

use std::path::Path;

use super::Extracted;
use crate::error::{Error, Result};
use crate::message::Message;

/// The longest first line of a plain-text file taken as its title.
pub(crate) const MAX_TITLE_CHARS: usize = 100;

/// Decodes text: by its byte-order mark (UTF-8, UTF-16 LE or BE), else
/// UTF-8 when it is, else Windows-1252 with a warning saying so.
pub(crate) fn decode(bytes: &[u8]) -> (String, Option<Message>) {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let (text, warning) = match utf16 {
        Some(encoding) => (encoding.decode_without_bom_handling(&bytes[2..]).0.into_owned(), None),
        None => decode_8bit(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)),
    };
    (text.replace("\r\n", "\n").replace('\r', "\n"), warning)
}

/// UTF-8 when it is, else Windows-1252 with a warning naming the first
/// byte that is not UTF-8 and its line.
fn decode_8bit(bytes: &[u8]) -> (String, Option<Message>) {
    match std::str::from_utf8(bytes) {
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
    }
}

/// True for decoded "text" that is binary bytes: a NUL anywhere, or more
/// than one control character in a hundred among the first 64 K characters
/// (tab, line ends and form feed are text).
pub(crate) fn looks_binary(text: &str) -> bool {
    if text.contains('\0') {
        return true;
    }
    let (mut chars, mut controls) = (0usize, 0usize);
    for c in text.chars().take(65_536) {
        chars += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    controls * 100 > chars
}

/// A Markdown file, kept as it is (its title is taken by [`take_title`]).
pub(super) fn read_markdown(bytes: &[u8], path: &Path) -> Result<Extracted> {
    let (text, warning) = decode(bytes);
    if looks_binary(&text) {
        let extension = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
        return Err(Error::invalid(Message::NotText { path: path.display().to_string(), extension }));
    }
    Ok(Extracted {
        meta_title: None,
        body: text.trim().to_owned() + "\n",
        warnings: warning.into_iter().collect(),
    })
}

/// A plain-text file: kept as it is, its first line taken as its title when
/// it looks like one ([`plain_title`]).
pub(super) fn read_plain(bytes: &[u8], path: &Path) -> Result<Extracted> {
    let mut extracted = read_markdown(bytes, path)?;
    if let Some((title, body)) = plain_title(&extracted.body) {
        extracted.meta_title = Some(title);
        extracted.body = body;
    }
    Ok(extracted)
}

/// The first line of plain text as a title, and the text after it, when
/// that line looks like a title (see the module's comment).
pub(crate) fn plain_title(text: &str) -> Option<(String, String)> {
    let text = text.trim_start_matches(['\n', ' ', '\t']);
    let (first, rest) = text.split_once('\n')?;
    let title = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let (blank, body) = rest.split_once('\n').unwrap_or((rest, ""));
    let looks_like_title = !title.is_empty()
        && title.chars().count() <= MAX_TITLE_CHARS
        && title.chars().any(char::is_alphabetic)
        && !title.ends_with(['.', ',', ':', ';'])
        && blank.trim().is_empty()
        && !body.trim().is_empty();
    looks_like_title.then(|| (title, body.trim_start_matches('\n').trim_end().to_owned() + "\n"))
}

/// The title of a document and its body without the heading that gave it.
///
/// A title from the file's metadata wins; a leading level-one heading
/// (`# Heading` or underlined with `===`) is the title otherwise. Then a
/// heading of any level opening the body that says the title's words goes
/// (a document often sets its title once as metadata and again on the page,
/// or once as a title and again as its first heading).
pub(super) fn take_title(meta_title: Option<String>, markdown: &str) -> (Option<String>, String) {
    let meta_title = meta_title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let whole = markdown.trim().to_owned() + "\n";
    let (title, body) = match (meta_title, leading_heading(markdown, 1)) {
        (Some(meta), _) => (Some(meta), whole),
        (None, Some((heading, rest))) => (Some(heading), rest),
        (None, None) => (None, whole),
    };
    match title {
        Some(title) => {
            let body = drop_repeated_heading(&title, body);
            (Some(title), body)
        }
        None => (None, body),
    }
}

/// `body` without its opening heading, of any level, when that heading says
/// the same words as `title`.
fn drop_repeated_heading(title: &str, body: String) -> String {
    match leading_heading(&body, 6) {
        Some((heading, rest)) if same_words(title, &heading) => rest,
        _ => body,
    }
}

/// The same words, whatever their case, spacing, punctuation or markup.
fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    norm(a) == norm(b)
}

/// A heading of level `max_level` or less on the first line (`#` to
/// `######`, or underlined: `===` level one, `---` level two), and the
/// text after it.
fn leading_heading(text: &str, max_level: usize) -> Option<(String, String)> {
    let trimmed = text.trim_start_matches(['\n', ' ', '\t']);
    let mut lines = trimmed.splitn(3, '\n');
    let first = lines.next().unwrap_or("");
    let second = lines.next();
    let hashes = first.chars().take_while(|&c| c == '#').count();
    if (1..=max_level).contains(&hashes) {
        if let Some(title) = first[hashes..].strip_prefix(' ').map(|t| t.trim().trim_end_matches('#').trim()) {
            if !title.is_empty() {
                let rest = trimmed[first.len()..].trim_start_matches('\n');
                return Some((title.to_owned(), rest.trim_end().to_owned() + "\n"));
            }
        }
    }
    if let Some(underline) = second {
        let u = underline.trim();
        let marks = if max_level >= 2 { &['=', '-'][..] } else { &['='][..] };
        let underlined = marks.iter().any(|&m| u.len() >= 3 && u.chars().all(|c| c == m));
        if !first.trim().is_empty() && underlined {
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
        let e = read_markdown(text.as_bytes(), Path::new("a.md")).unwrap();
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

    #[test]
    fn utf16_with_a_byte_order_mark_is_read_in_either_byte_order() {
        let text = "Café\r\n« oui »";
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le), ("Café\n« oui »".to_owned(), None), "little-endian, as Notepad saves Unicode");
        assert_eq!(decode(&be), ("Café\n« oui »".to_owned(), None), "big-endian");
    }

    #[test]
    fn binary_bytes_are_not_text_but_a_form_feed_or_a_stray_control_is() {
        assert!(looks_binary("\u{89}PNG\n\u{1a}\n\0\0\0\rIHDR"), "a NUL means binary");
        assert!(looks_binary(&"ab\u{1}\u{2}cd\u{3}\u{7}".repeat(20)), "many controls mean binary");
        assert!(!looks_binary("Page one\u{c}Page two\tcolumn\r\n"), "form feeds and tabs are text");
        assert!(!looks_binary(&format!("{}\u{1b}", "a long line of text ".repeat(10))), "one stray escape in 200 characters is text");
    }

    #[test]
    fn a_plain_first_line_is_a_title_only_when_it_looks_like_one() {
        let t = plain_title;
        assert_eq!(t("\nHousing  First\n\nThe text.\n"), Some(("Housing First".into(), "The text.\n".into())));
        assert_eq!(t("Why wait?\n\nThe text.\n").map(|p| p.0), Some("Why wait?".into()), "a question is a title");
        assert_eq!(t("This is a sentence.\n\nThe text.\n"), None, "a sentence ends with a period");
        assert_eq!(t("Dear Minister,\n\nThe text.\n"), None, "a greeting goes on");
        assert_eq!(t("Housing First\nThe text goes on here.\n"), None, "a title is followed by a blank line");
        assert_eq!(t("Housing First\n\n"), None, "a title needs text after it");
        assert_eq!(t(&format!("{}\n\nThe text.\n", "word ".repeat(30))), None, "a title is short");
        assert_eq!(t("2024\n\nThe text.\n"), None, "a title has letters");
    }

    #[test]
    fn a_heading_of_any_level_repeating_the_title_is_dropped() {
        let (title, body) = md("# Arms Trade\n\n## Arms trade\n\nText.\n\n## Arms trade\n");
        assert_eq!(title.as_deref(), Some("Arms Trade"));
        assert_eq!(body, "Text.\n\n## Arms trade\n", "only the heading opening the body goes");
        let (_, body) = take_title(Some("Arms Trade: the Treaty".into()), "Arms *Trade* -- the treaty\n---\n\nText.\n");
        assert_eq!(body, "Text.\n", "the same words whatever the punctuation and markup");
        let (_, body) = take_title(Some("Arms Trade".into()), "## Background\n\nText.\n");
        assert_eq!(body, "## Background\n\nText.\n", "another heading stays");
    }
}
