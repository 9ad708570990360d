//! Where the words of justified text may be hyphenated, in English and
//! French, from Knuth–Liang patterns compiled into the program.
//!
//! [`soft_hyphens`] marks each place a word may break with U+00AD SOFT
//! HYPHEN; the line breaker (`layout.rs`) breaks there only when that
//! spares a line wide word spaces, draws a hyphen only where it breaks, and
//! never hyphenates more than [`MAX_HYPHENATED_LINES`] lines in a row.
//!
//! The patterns: US English as the `hyphenation` crate embeds it; French
//! from the same crate's dictionary of the TeX `hyph-fr` patterns
//! (`assets/hyphenation/fr.standard.bincode`, its format tied to the exact
//! version of the crate, which a test loads).
//!
//! Rules, as careful typesetters keep them: only words of at least
//! [`MIN_WORD`] letters (and at most [`MAX_WORD`]: a longer "word" is a
//! code or an address, cut only if it must be), of Latin letters, with no
//! capital after the first letter (an acronym or a product name is left
//! whole), not touching digits, a hyphen, a slash, `@` or `_`, nor a dot or
//! colon inside a run (an address); never fewer than [`MIN_BEFORE`] letters
//! before the break or [`MIN_AFTER`] after it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

use crate::vocab::Lang;

/// The mark placed where a word may break.
pub const SOFT_HYPHEN: char = '\u{ad}';
/// Words shorter than this are never hyphenated.
pub const MIN_WORD: usize = 6;
/// Longer runs of letters are not words to hyphenate.
pub const MAX_WORD: usize = 40;
/// Letters kept before a break ("in-" is ugly, "im-" tolerable at two).
pub const MIN_BEFORE: usize = 2;
/// Letters carried to the next line: never two alone.
pub const MIN_AFTER: usize = 3;
/// The most lines in a row that end with a hyphen.
pub const MAX_HYPHENATED_LINES: usize = 2;

/// The French dictionary, as the `hyphenation` crate builds it.
static FRENCH: &[u8] = include_bytes!("../../assets/hyphenation/fr.standard.bincode");

/// The dictionary of `lang`, loaded once; `None` if it cannot be read
/// (then text is simply not hyphenated).
fn dictionary(lang: Lang) -> Option<&'static Standard> {
    static ENGLISH_US: OnceLock<Option<Standard>> = OnceLock::new();
    static FRENCH_STANDARD: OnceLock<Option<Standard>> = OnceLock::new();
    match lang {
        Lang::En => ENGLISH_US.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok()).as_ref(),
        Lang::Fr => FRENCH_STANDARD
            .get_or_init(|| Standard::from_reader(Language::French, &mut &FRENCH[..]).ok())
            .as_ref(),
    }
}

/// `text` with a soft hyphen wherever a word of it may break.
pub fn soft_hyphens(text: &str, lang: Lang) -> String {
    let Some(dict) = dictionary(lang) else { return text.to_owned() };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut copied = 0;
    for (start, end) in letter_runs(text) {
        let word = &text[start..end];
        if !hyphenable(text, start, end) {
            continue;
        }
        let breaks = breaks_of(dict, lang, word);
        if breaks.is_empty() {
            continue;
        }
        out.push_str(&text[copied..start]);
        let mut from = 0;
        for b in breaks {
            out.push_str(&word[from..b]);
            out.push(SOFT_HYPHEN);
            from = b;
        }
        out.push_str(&word[from..]);
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}

thread_local! {
    /// The breaks of words already looked up: a paper says the same words
    /// again and again, and a lookup costs more than setting the word.
    static SEEN: RefCell<HashMap<(Lang, String), Vec<usize>>> = RefCell::new(HashMap::new());
}

/// Looked-up words kept at most; past this the memory starts again.
const MAX_SEEN: usize = 20_000;

/// The byte offsets in `word` where it may break, within the rules.
fn breaks_of(dict: &Standard, lang: Lang, word: &str) -> Vec<usize> {
    let key = (lang, word.to_owned());
    if let Some(known) = SEEN.with(|seen| seen.borrow().get(&key).cloned()) {
        return known;
    }
    let letters: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let breaks: Vec<usize> = dict
        .hyphenate(word)
        .breaks
        .into_iter()
        .filter(|&b| word.is_char_boundary(b))
        .filter(|b| {
            let before = letters.partition_point(|i| i < b);
            before >= MIN_BEFORE && letters.len() - before >= MIN_AFTER
        })
        .collect();
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if seen.len() >= MAX_SEEN {
            seen.clear();
        }
        seen.insert(key, breaks.clone());
    });
    breaks
}

/// Latin letters a word is made of.
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x0250
}

/// The byte ranges of the maximal runs of Latin letters.
fn letter_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_latin_letter(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, text.len()));
    }
    runs
}

/// Whether the run `text[start..end]` is a word to hyphenate (see the
/// module's rules).
fn hyphenable(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let n = word.chars().count();
    if !(MIN_WORD..=MAX_WORD).contains(&n) || word.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let (next, next_but_one) = (after.next(), after.next());
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '@' | '_' | '\\' | SOFT_HYPHEN));
    let inside_address = |c: Option<char>| c.is_some_and(|c| matches!(c, '.' | ':'));
    let word_goes_on = next_but_one.is_some_and(char::is_alphanumeric);
    !(joins(before) || joins(next) || inside_address(before) || (inside_address(next) && word_goes_on))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, lang: Lang) -> String {
        soft_hyphens(text, lang).replace(SOFT_HYPHEN, "-")
    }

    #[test]
    fn both_dictionaries_load() {
        assert!(dictionary(Lang::En).is_some(), "the embedded US English patterns");
        assert!(dictionary(Lang::Fr).is_some(), "the French dictionary matches this version of the crate");
    }

    #[test]
    fn long_words_get_breaks_in_each_language() {
        assert_eq!(shown("The government's anfractuous path.", Lang::En), "The gov-ern-ment's an-frac-tu-ous path.");
        let fr = shown("l’immigration des gouvernements", Lang::Fr);
        assert!(fr.starts_with("l’im-mi-gra-tion des gou-ver-ne-ments"), "{fr}");
    }

    #[test]
    fn short_words_ends_acronyms_numbers_and_addresses_are_left_whole() {
        for text in ["table water", "NATO OTTAWA", "iPhone", "covid19 abc123defgh", "Franco-Ontarian", "www.example.com/organisation", "user@organisation.ca"] {
            assert_eq!(soft_hyphens(text, Lang::En), text, "{text}");
        }
        for word in ["hyphenation", "organisations", "anfractuous", "understanding"] {
            let marked = soft_hyphens(word, Lang::En);
            let pieces: Vec<&str> = marked.split(SOFT_HYPHEN).collect();
            assert!(pieces[0].chars().count() >= MIN_BEFORE, "{marked}");
            assert!(pieces[pieces.len() - 1].chars().count() >= MIN_AFTER, "{marked}");
        }
    }
}
