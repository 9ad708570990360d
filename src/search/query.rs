//! The query language volunteers type: words (all must match), `"phrases"`
//! (one quoted word is that word as written), `prefix*`, `-excluded` words
//! or phrases.
//!
//! Promises: parsing never fails. An unbalanced quote closes at the end of the
//! input, a lone `-` or `*` is ignored, punctuation-only input parses to no
//! clauses (and an empty result). With `as_you_type`, the last word becomes a
//! prefix unless the input ends in a space (the volunteer finished the word).

/// What one clause asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClauseKind {
    /// A word, matched by stem (and by exact form, for ranking).
    Word,
    /// Words that must appear together, in order; a single quoted word
    /// must appear in that form.
    Phrase,
    /// The start of a word.
    Prefix,
}

/// One part of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub kind: ClauseKind,
    /// The text as typed, without quotes, `-` or `*`.
    pub text: String,
    /// True for `-word`: documents matching it are left out.
    pub excluded: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub clauses: Vec<Clause>,
}

impl ParsedQuery {
    /// True when nothing would be searched for: no clause that is included
    /// and has a letter or digit.
    pub fn is_empty(&self) -> bool {
        !self.clauses.iter().any(|c| !c.excluded)
    }
}

/// Parses `input`; with `as_you_type` the last bare word becomes a prefix.
pub fn parse(input: &str, as_you_type: bool) -> ParsedQuery {
    let mut clauses = Vec::new();
    let mut chars = input.chars().peekable();
    let mut last_word_open = false;
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            last_word_open = false;
            continue;
        }
        let mut excluded = false;
        if c == '-' {
            excluded = true;
            chars.next();
        }
        let (kind, text) = if chars.peek() == Some(&'"') {
            chars.next();
            let mut text = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                text.push(c);
            }
            last_word_open = false;
            (ClauseKind::Phrase, text)
        } else {
            let mut text = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                text.push(c);
                chars.next();
            }
            last_word_open = true;
            if let Some(stem) = text.strip_suffix('*') {
                let stem = stem.trim_end_matches('*').to_owned();
                last_word_open = false;
                (ClauseKind::Prefix, stem)
            } else {
                (ClauseKind::Word, text)
            }
        };
        // Punctuation-only parts ("-", "*", "…") search for nothing.
        if text.chars().any(char::is_alphanumeric) {
            clauses.push(Clause { kind, text, excluded });
        } else {
            last_word_open = false;
        }
    }
    if as_you_type && last_word_open {
        if let Some(last) = clauses.last_mut() {
            if last.kind == ClauseKind::Word && !last.excluded {
                last.kind = ClauseKind::Prefix;
            }
        }
    }
    ParsedQuery { clauses }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> Clause {
        Clause { kind: ClauseKind::Word, text: t.into(), excluded: false }
    }

    #[test]
    fn words_phrases_prefixes_and_exclusions() {
        let q = parse(r#"housing "right of return" refug* -draft -"old text""#, false);
        assert_eq!(
            q.clauses,
            vec![
                word("housing"),
                Clause { kind: ClauseKind::Phrase, text: "right of return".into(), excluded: false },
                Clause { kind: ClauseKind::Prefix, text: "refug".into(), excluded: false },
                Clause { kind: ClauseKind::Word, text: "draft".into(), excluded: true },
                Clause { kind: ClauseKind::Phrase, text: "old text".into(), excluded: true },
            ],
            "each syntax element maps to its clause"
        );
    }

    #[test]
    fn malformed_input_never_fails() {
        assert!(parse("", false).is_empty(), "empty input searches nothing");
        assert!(parse("  -  ", false).is_empty(), "a lone dash searches nothing");
        assert!(parse("?!… ***", false).is_empty(), "punctuation searches nothing");
        assert_eq!(
            parse(r#""unbalanced quote"#, false).clauses,
            vec![Clause { kind: ClauseKind::Phrase, text: "unbalanced quote".into(), excluded: false }],
            "an unbalanced quote closes at the end"
        );
        assert!(parse("-housing", false).is_empty(), "only exclusions search nothing");
    }

    #[test]
    fn as_you_type_makes_the_last_word_a_prefix() {
        let q = parse("refugee hous", true);
        assert_eq!(q.clauses[1].kind, ClauseKind::Prefix, "the word being typed is a prefix");
        assert_eq!(q.clauses[0].kind, ClauseKind::Word, "earlier words stay words");
        let q = parse("refugee hous ", true);
        assert_eq!(q.clauses[1].kind, ClauseKind::Word, "a trailing space means the word is finished");
        let q = parse("refugee hous", false);
        assert_eq!(q.clauses[1].kind, ClauseKind::Word, "without as-you-type nothing is a prefix");
        let q = parse(r#"hous "a b""#, true);
        assert_eq!(q.clauses[0].kind, ClauseKind::Word, "only the very last part can be a prefix");
    }
}
