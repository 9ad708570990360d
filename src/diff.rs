//! Word-level differences between two texts.
//!
//! A diff is a list of segments, each equal, inserted or deleted, that
//! together spell out both texts: the equal and deleted segments give the old
//! text, the equal and inserted ones the new text.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What a segment of a diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    Equal,
    Insert,
    Delete,
}

/// A run of text that is equal in both texts, only in the new one, or only
/// in the old one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Segment {
    pub kind: SegmentKind,
    pub text: String,
}

/// The word-level difference of two texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct WordDiff {
    pub segments: Vec<Segment>,
    /// Words only in the new text.
    pub words_inserted: usize,
    /// Words only in the old text.
    pub words_deleted: usize,
}

impl WordDiff {
    /// True when both texts are the same.
    pub fn is_unchanged(&self) -> bool {
        self.segments.iter().all(|s| s.kind == SegmentKind::Equal)
    }

    /// The text on one side of the diff: `old` when `new_side` is false.
    pub fn side(&self, new_side: bool) -> String {
        let skip = if new_side { SegmentKind::Delete } else { SegmentKind::Insert };
        self.segments
            .iter()
            .filter(|s| s.kind != skip)
            .map(|s| s.text.as_str())
            .collect()
    }
}

/// Splits text into words, runs of whitespace, and single punctuation
/// marks, so that `act.` → `act now.` changes one word, not two.
fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Mark,
    }
    let class = |c: char| {
        if c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Mark
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut last: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        if last.is_some_and(|l| l != k || k == Class::Mark) {
            out.push(&text[start..i]);
            start = i;
        }
        last = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Compares `old` and `new` word by word; neighbouring changes of one kind
/// are merged into one segment.
pub fn words(old: &str, new: &str) -> WordDiff {
    let (old_tokens, new_tokens) = (tokens(old), tokens(new));
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_secs(2))
        .diff_slices(&old_tokens, &new_tokens);
    let mut segments: Vec<Segment> = Vec::new();
    let (mut words_inserted, mut words_deleted) = (0, 0);
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => SegmentKind::Equal,
            ChangeTag::Insert => SegmentKind::Insert,
            ChangeTag::Delete => SegmentKind::Delete,
        };
        let text = change.value();
        let is_word = text.chars().any(char::is_alphanumeric);
        match kind {
            SegmentKind::Insert if is_word => words_inserted += 1,
            SegmentKind::Delete if is_word => words_deleted += 1,
            _ => {}
        }
        match segments.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => segments.push(Segment {
                kind,
                text: text.to_owned(),
            }),
        }
    }
    WordDiff {
        segments,
        words_inserted,
        words_deleted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_of_a_diff_spell_out_the_original_texts() {
        let old = "Canada should suspend the agreement.\n\nIt should also act.";
        let new = "Canada must suspend the free trade agreement.\n\nIt should act now.";
        let d = words(old, new);
        assert_eq!(d.side(false), old, "equal + deleted segments give the old text");
        assert_eq!(d.side(true), new, "equal + inserted segments give the new text");
        assert_eq!(d.words_deleted, 2, "`should` and `also` were removed");
        assert_eq!(d.words_inserted, 4, "`must`, `free`, `trade` and `now` were added");
    }

    #[test]
    fn punctuation_and_accents_do_not_glue_words_together() {
        assert_eq!(tokens("l'État, enfin."), ["l'État", ",", " ", "enfin", "."]);
        let d = words("Il faut agir.", "Il faut agir maintenant.");
        assert_eq!((d.words_inserted, d.words_deleted), (1, 0), "only `maintenant` is new");
    }

    #[test]
    fn identical_texts_have_no_changes() {
        assert!(words("même texte", "même texte").is_unchanged());
        assert!(!words("a", "b").is_unchanged());
    }
}
