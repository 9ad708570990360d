//! Snippets: a short passage of a hit's text with the matched words marked.
//!
//! Promises: a snippet is made only for a hit that is shown, from the text
//! SQLite holds (the index stores no bodies); it is the window of about
//! [`WINDOW_WORDS`] words holding the most distinct matched words, or the
//! start of the text when nothing in it matched (e.g. a title-only match).
//! Stemming, the costly step, runs only on words that could share a stem
//! with a query word, which keeps long papers cheap.

use serde::Serialize;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::matching::{Analyzers, Highlight};
use crate::vocab::Lang;

/// How many words a snippet shows.
pub const WINDOW_WORDS: usize = 28;

/// A run of snippet text, marked when it matched the query.
///
/// JSON: `{"text": "...", "hit": true}`. Concatenating the `text` of every
/// part gives the plain snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// Renders parts as one string, wrapping hits in `open` and `close`.
pub fn render(parts: &[SnippetPart], open: &str, close: &str) -> String {
    let mut out = String::new();
    for p in parts {
        if p.hit {
            out.push_str(open);
            out.push_str(&p.text);
            out.push_str(close);
        } else {
            out.push_str(&p.text);
        }
    }
    out
}

struct Word {
    from: usize,
    to: usize,
    /// Which query word it matched (index into a distinct list), if any.
    matched: Option<usize>,
}

fn stem_gate(stem: &str) -> &str {
    // Snowball stems mostly keep the word's first letters; a word not
    // starting like a stem cannot stem to it, so it is not stemmed at all.
    let end = stem.char_indices().nth(3).map_or(stem.len(), |(i, _)| i);
    &stem[..end]
}

/// The snippet of `text` (written in `lang`) for `hl`.
pub fn snippet(text: &str, lang: Lang, hl: &Highlight, analyzers: &mut Analyzers) -> Vec<SnippetPart> {
    let stems = match lang {
        Lang::En => &hl.stems_en,
        Lang::Fr => &hl.stems_fr,
    };
    let gates: Vec<&str> = stems.iter().map(|s| stem_gate(s)).collect();
    let mut keys: Vec<String> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut folded: TextAnalyzer = analyzers.folded.clone();
    let mut stream = folded.token_stream(text);
    let mut complete_at: Option<usize> = None;
    let mut stopped_early = false;
    while stream.advance() {
        let token = stream.token();
        let f = token.text.as_str();
        let mut key: Option<String> = None;
        if hl.words.contains(f) || hl.prefixes.iter().any(|p| f.starts_with(p.as_str())) {
            key = Some(f.to_owned());
        } else if gates.iter().any(|g| f.starts_with(g)) {
            if let Some(stem) = analyzers.stem(lang, f) {
                if stems.contains(&stem) {
                    key = Some(stem);
                }
            }
        }
        let matched = key.map(|k| match keys.iter().position(|x| *x == k) {
            Some(i) => i,
            None => {
                keys.push(k);
                keys.len() - 1
            }
        });
        words.push(Word { from: token.offset_from, to: token.offset_to, matched });
        // Once every query word has matched, a window around them is as good
        // as any later one: stop reading (long papers are the costly part).
        if hl.clauses > 0 && keys.len() >= hl.clauses {
            let complete = *complete_at.get_or_insert(words.len());
            if words.len() >= complete + WINDOW_WORDS {
                stopped_early = true;
                break;
            }
        }
    }
    drop(stream);
    if words.is_empty() {
        return vec![SnippetPart { text: clean(text.get(..text.len().min(200)).unwrap_or("")), hit: false }];
    }
    let start = best_window(&words);
    let end = (start + WINDOW_WORDS).min(words.len());
    let mut parts = Vec::new();
    let mut cursor = if start == 0 { 0 } else { words[start].from };
    if start > 0 {
        parts.push(SnippetPart { text: "…".into(), hit: false });
    }
    for w in &words[start..end] {
        if w.matched.is_some() {
            push(&mut parts, &text[cursor..w.from], false);
            push(&mut parts, &text[w.from..w.to], true);
            cursor = w.to;
        }
    }
    let whole = end == words.len() && !stopped_early;
    let tail_end = if whole { text.len() } else { words[end - 1].to };
    push(&mut parts, text[cursor..tail_end].trim_end(), false);
    if !whole {
        push(&mut parts, " …", false);
    }
    parts
}

/// Start of the window holding the most distinct matched words (earliest
/// on ties, so snippets favour the opening of a text).
fn best_window(words: &[Word]) -> usize {
    let mut best = (0usize, 0usize);
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut distinct = 0usize;
    for (i, w) in words.iter().enumerate() {
        if let Some(k) = w.matched {
            let c = counts.entry(k).or_insert(0);
            if *c == 0 {
                distinct += 1;
            }
            *c += 1;
        }
        if i >= WINDOW_WORDS {
            if let Some(k) = words[i - WINDOW_WORDS].matched {
                if let Some(c) = counts.get_mut(&k) {
                    *c -= 1;
                    if *c == 0 {
                        distinct -= 1;
                    }
                }
            }
        }
        let start = (i + 1).saturating_sub(WINDOW_WORDS);
        if distinct > best.0 {
            // Start a few words before the first match, for context.
            let first = words[start..=i].iter().position(|w| w.matched.is_some()).unwrap_or(0) + start;
            best = (distinct, first.saturating_sub(4).max(start));
        }
    }
    best.1
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends text, collapsing whitespace and Markdown markers so a snippet
/// reads as one line.
fn push(parts: &mut Vec<SnippetPart>, text: &str, hit: bool) {
    if text.is_empty() {
        return;
    }
    let mut t: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !matches!(c, '#' | '*' | '_' | '>' | '`'))
        .collect();
    while t.contains("  ") {
        t = t.replace("  ", " ");
    }
    match parts.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(&t),
        _ => parts.push(SnippetPart { text: t, hit }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(words: &[&str], stems_fr: &[&str]) -> Highlight {
        Highlight {
            words: words.iter().map(|w| w.to_string()).collect(),
            stems_fr: stems_fr.iter().map(|w| w.to_string()).collect(),
            ..Highlight::default()
        }
    }

    #[test]
    fn marks_folded_and_stemmed_matches() {
        let mut a = Analyzers::new();
        let stem = a.stem(Lang::Fr, "elections").unwrap_or_default();
        let parts = snippet("Les **élections** de 2009 et l'élection suivante.", Lang::Fr, &hl(&["elections"], &[&stem]), &mut a);
        let marked = render(&parts, "[", "]");
        assert_eq!(marked, "Les [élections] de 2009 et l'[élection] suivante.", "accented and singular forms are marked, Markdown dropped");
    }

    #[test]
    fn long_text_shows_the_window_with_matches() {
        let mut a = Analyzers::new();
        let text = format!("{} apartheid wall {}", "filler ".repeat(100), "more ".repeat(100));
        let parts = snippet(&text, Lang::En, &hl(&["apartheid"], &[]), &mut a);
        assert!(parts[0].text.starts_with('…'), "a window from the middle starts with an ellipsis");
        assert!(parts.iter().any(|p| p.hit && p.text == "apartheid"), "the match is in the window");
    }
}
