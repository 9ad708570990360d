//! Turns a parsed query into a tantivy query, and remembers what to
//! highlight.
//!
//! Promises: every included clause must match (BM25 over stemmed English,
//! stemmed French and folded fields); prefixes run on the folded, unstemmed
//! fields (a stemmed field would miss `electio*`); typo-tolerant matching
//! (Levenshtein 1–2) runs on both the folded word and its stem, because a
//! typo'd word often stems closer to the right one (`apartide` → `apartid`
//! → `apartheid`). Prefix and fuzzy clauses score every hit alike, so each
//! is paired with exact-term clauses that keep ranking meaningful. Prefixes
//! of one or two letters complete titles only (they would match nearly
//! every body). A quoted single word (`"housing"`) matches that form as
//! written, like a phrase of one word; excluded clauses go through
//! `search::exclusion`.

use std::collections::HashSet;

use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use super::analysis;
use super::exclusion::ForwardOnly;
use super::query::{Clause, ClauseKind, ParsedQuery};
use super::schema::Fields;
use crate::vocab::Lang;

/// Titles count more than bodies.
const TITLE_BOOST: f32 = 2.0;
/// An exact word form counts a little more than a shared stem.
const FOLDED_BOOST: f32 = 1.2;
/// The constant score of a prefix or fuzzy match, below a typical exact one.
const LOOSE_BOOST: f32 = 0.5;

/// The analyzers a query needs, made once per search handle.
#[derive(Clone)]
pub struct Analyzers {
    pub en: TextAnalyzer,
    pub fr: TextAnalyzer,
    pub folded: TextAnalyzer,
}

impl Analyzers {
    pub fn new() -> Self {
        Analyzers {
            en: analysis::stemmed(Lang::En),
            fr: analysis::stemmed(Lang::Fr),
            folded: analysis::folded(),
        }
    }

    pub fn stem(&mut self, lang: Lang, word: &str) -> Option<String> {
        let a = match lang {
            Lang::En => &mut self.en,
            Lang::Fr => &mut self.fr,
        };
        analysis::terms(a, word).into_iter().next()
    }
}

impl Default for Analyzers {
    fn default() -> Self {
        Self::new()
    }
}

/// What a snippet highlights: folded word forms, stems per language and
/// prefixes.
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    pub words: HashSet<String>,
    pub stems_en: HashSet<String>,
    pub stems_fr: HashSet<String>,
    pub prefixes: Vec<String>,
    /// How many included clauses the query has: a snippet window holding
    /// this many distinct matches cannot be bettered.
    pub clauses: usize,
}

/// The typo distance allowed for a word of `len` characters: none for very
/// short words (too many neighbours), 1 for short, 2 for long.
pub fn typo_distance(len: usize) -> u8 {
    match len {
        0..=3 => 0,
        4..=5 => 1,
        _ => 2,
    }
}

/// A built query and what to highlight.
pub struct Built {
    pub query: Option<Box<dyn Query>>,
    pub highlight: Highlight,
}

/// Builds the query for `parsed`; with `fuzzy`, words also match within
/// [`typo_distance`], and `corrections` (typed word → word found in the
/// index) add the corrected word's exact clauses.
pub fn build(
    f: &Fields,
    a: &mut Analyzers,
    parsed: &ParsedQuery,
    fuzzy: bool,
    corrections: &[(String, String)],
) -> Built {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut highlight = Highlight::default();
    for clause in &parsed.clauses {
        let hl = if clause.excluded { None } else { Some(&mut highlight) };
        let Some(q) = clause_query(f, a, clause, fuzzy && !clause.excluded, corrections, hl) else {
            // A clause with no indexable token (e.g. only an apostrophe)
            // constrains nothing.
            continue;
        };
        if clause.excluded {
            clauses.push((Occur::MustNot, Box::new(ForwardOnly(q))));
        } else {
            clauses.push((Occur::Must, q));
        }
    }
    highlight.clauses = parsed.clauses.iter().filter(|c| !c.excluded).count();
    let query: Option<Box<dyn Query>> = if clauses.iter().any(|(o, _)| *o == Occur::Must) {
        Some(Box::new(BooleanQuery::new(clauses)))
    } else {
        None
    };
    Built { query, highlight }
}

fn term(field: Field, text: &str) -> Term {
    Term::from_field_text(field, text)
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let q: Box<dyn Query> = Box::new(TermQuery::new(term(field, text), IndexRecordOption::WithFreqs));
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

/// Exact clauses for one folded word: its form in the folded fields and its
/// stem in each language's fields.
fn word_clauses(f: &Fields, a: &mut Analyzers, folded: &str, hl: &mut Option<&mut Highlight>) -> Vec<(Occur, Box<dyn Query>)> {
    // The folded body field would match the same documents as the stems
    // and double the postings read per word; the folded title keeps a
    // small bonus for the exact form where it matters most.
    let mut out: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Should, term_query(f.title_folded, folded, TITLE_BOOST * FOLDED_BOOST))];
    for lang in [Lang::En, Lang::Fr] {
        if let Some(stem) = a.stem(lang, folded) {
            let (title, body) = f.stemmed(lang);
            out.push((Occur::Should, term_query(title, &stem, TITLE_BOOST)));
            out.push((Occur::Should, term_query(body, &stem, 1.0)));
            if let Some(h) = hl.as_mut() {
                match lang {
                    Lang::En => h.stems_en.insert(stem),
                    Lang::Fr => h.stems_fr.insert(stem),
                };
            }
        }
    }
    if let Some(h) = hl.as_mut() {
        h.words.insert(folded.to_owned());
    }
    out
}

/// Clauses for one folded word in the folded fields only: no stem, no typo.
fn exact_form_clauses(f: &Fields, folded: &str, hl: &mut Option<&mut Highlight>) -> Vec<(Occur, Box<dyn Query>)> {
    if let Some(h) = hl.as_mut() {
        h.words.insert(folded.to_owned());
    }
    vec![
        (Occur::Should, term_query(f.title_folded, folded, TITLE_BOOST)),
        (Occur::Should, term_query(f.body_folded, folded, 1.0)),
    ]
}

fn fuzzy_clauses(f: &Fields, a: &mut Analyzers, folded: &str) -> Vec<(Occur, Box<dyn Query>)> {
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let d = typo_distance(folded.chars().count());
    if d == 0 {
        return out;
    }
    let mut add = |field: Field, text: &str, d: u8| {
        let q: Box<dyn Query> = Box::new(FuzzyTermQuery::new(term(field, text), d, true));
        out.push((Occur::Should, Box::new(BoostQuery::new(q, LOOSE_BOOST))));
    };
    add(f.body_folded, folded, d);
    add(f.title_folded, folded, d);
    for lang in [Lang::En, Lang::Fr] {
        if let Some(stem) = a.stem(lang, folded) {
            let sd = typo_distance(stem.chars().count()).max(1);
            let (title, body) = f.stemmed(lang);
            add(body, &stem, sd);
            add(title, &stem, sd);
        }
    }
    out
}

fn prefix_clauses(f: &Fields, folded: &str, hl: &mut Option<&mut Highlight>) -> Vec<(Occur, Box<dyn Query>)> {
    if let Some(h) = hl.as_mut() {
        h.prefixes.push(folded.to_owned());
    }
    // One or two letters match most bodies (`re*`: nine documents in ten);
    // such short prefixes complete titles only, as a search box would.
    let fields: &[(Field, f32)] = if folded.chars().count() <= 2 {
        &[(f.title_folded, TITLE_BOOST)]
    } else {
        &[(f.title_folded, TITLE_BOOST), (f.body_folded, 1.0)]
    };
    fields
        .iter()
        .copied()
        .map(|(field, boost)| {
            let q: Box<dyn Query> = Box::new(FuzzyTermQuery::new_prefix(term(field, folded), 0, false));
            (Occur::Should, Box::new(BoostQuery::new(q, LOOSE_BOOST * boost)) as Box<dyn Query>)
        })
        .collect()
}

/// Phrase clauses over each analyzer's fields; with `prefix_last`, the last
/// word is a prefix (folded fields only).
fn phrase_clauses(f: &Fields, a: &mut Analyzers, text: &str, prefix_last: bool, hl: &mut Option<&mut Highlight>) -> Vec<(Occur, Box<dyn Query>)> {
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let folded = analysis::terms(&mut a.folded, text);
    if let Some(h) = hl.as_mut() {
        h.words.extend(folded.iter().cloned());
    }
    let mut add = |fields: [Field; 2], tokens: &[String], prefix: bool| {
        for (field, boost) in fields.into_iter().zip([TITLE_BOOST, 1.0]) {
            let terms: Vec<Term> = tokens.iter().map(|t| term(field, t)).collect();
            let q: Box<dyn Query> = if prefix {
                Box::new(PhrasePrefixQuery::new(terms))
            } else {
                Box::new(PhraseQuery::new(terms))
            };
            out.push((Occur::Should, Box::new(BoostQuery::new(q, boost)) as Box<dyn Query>));
        }
    };
    if folded.len() >= 2 {
        add([f.title_folded, f.body_folded], &folded, prefix_last);
    }
    // A quoted phrase asks for these words as written: the folded fields
    // answer it. Stemmed phrases serve only words split by punctuation
    // ("droits-de-l'homme"), where a form may differ.
    if !prefix_last && folded.len() < 2 {
        for lang in [Lang::En, Lang::Fr] {
            let analyzer = match lang {
                Lang::En => &mut a.en,
                Lang::Fr => &mut a.fr,
            };
            let stems = analysis::terms(analyzer, text);
            if stems.len() >= 2 {
                let (title, body) = f.stemmed(lang);
                add([title, body], &stems, false);
            }
        }
    }
    out
}

fn clause_query(
    f: &Fields,
    a: &mut Analyzers,
    clause: &Clause,
    fuzzy: bool,
    corrections: &[(String, String)],
    mut hl: Option<&mut Highlight>,
) -> Option<Box<dyn Query>> {
    let folded = analysis::terms(&mut a.folded, &clause.text);
    let single = folded.len() == 1;
    let parts = match (&clause.kind, single) {
        (_, _) if folded.is_empty() => return None,
        (ClauseKind::Word, true) => {
            let word = &folded[0];
            let mut parts = word_clauses(f, a, word, &mut hl);
            if fuzzy {
                // A correction found in the term dictionary (within the same
                // distance, on the folded word or its stem) is searched as an
                // exact word: BM25-ranked and far cheaper than automata over
                // every body. Without one, the automata cast the wider net.
                let mut fixed = corrections.iter().filter(|(typed, _)| typed == word).peekable();
                if fixed.peek().is_none() {
                    parts.extend(fuzzy_clauses(f, a, word));
                }
                for (_, fixed) in fixed {
                    parts.extend(word_clauses(f, a, fixed, &mut hl));
                }
            }
            parts
        }
        // `"housing"`: a phrase of one word, so the form as written.
        (ClauseKind::Phrase, true) => exact_form_clauses(f, &folded[0], &mut hl),
        (ClauseKind::Prefix, true) => {
            let word = &folded[0];
            // The exact word ranks full-word matches first while typing.
            let mut parts = word_clauses(f, a, word, &mut hl);
            parts.extend(prefix_clauses(f, word, &mut hl));
            parts
        }
        // "l'état", "co-operation" or a quoted phrase: words in order.
        (ClauseKind::Prefix, false) => phrase_clauses(f, a, &clause.text, true, &mut hl),
        _ => phrase_clauses(f, a, &clause.text, false, &mut hl),
    };
    if parts.is_empty() {
        return None;
    }
    Some(Box::new(BooleanQuery::new(parts)))
}

/// Damerau (optimal string alignment) distance, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// For each typed word absent from the index, the closest indexed word
/// (same first letter, within [`typo_distance`], most frequent on ties).
pub fn corrections(f: &Fields, a: &mut Analyzers, searcher: &Searcher, parsed: &ParsedQuery) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for clause in parsed.clauses.iter().filter(|c| !c.excluded && c.kind == ClauseKind::Word) {
        let folded = analysis::terms(&mut a.folded, &clause.text);
        let [word] = folded.as_slice() else { continue };
        let d = typo_distance(word.chars().count()) as usize;
        if d == 0 || known(f, a, searcher, word) {
            continue;
        }
        if let Some(best) = closest(searcher, f.body_folded, word, d) {
            out.push((word.clone(), best));
            continue;
        }
        // A typo often lands closer on the stem (`apartide` → `apartid`,
        // two edits from `apartheid`); show the commonest word with that stem.
        for lang in [Lang::En, Lang::Fr] {
            let Some(stem) = a.stem(lang, word) else { continue };
            let (_, body) = f.stemmed(lang);
            let sd = typo_distance(stem.chars().count()).max(1) as usize;
            if let Some(found) = closest(searcher, body, &stem, sd) {
                if let Some(shown) = commonest_with_prefix(searcher, f.body_folded, &found) {
                    out.push((word.clone(), shown));
                    break;
                }
            }
        }
    }
    out
}

fn commonest_with_prefix(searcher: &Searcher, field: Field, prefix: &str) -> Option<String> {
    let mut hi = prefix.as_bytes().to_vec();
    hi.push(0xff);
    let mut best: Option<(u32, String)> = None;
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else { continue };
        let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).lt(&hi).into_stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(word) = std::str::from_utf8(stream.key()) else { continue };
            let freq = stream.value().doc_freq;
            if best.as_ref().is_none_or(|(f, _)| freq > *f) {
                best = Some((freq, word.to_owned()));
            }
        }
    }
    best.map(|(_, w)| w)
}

/// True when the index holds `word` as written or by its stem in either
/// language: then it is not a typo.
fn known(f: &Fields, a: &mut Analyzers, searcher: &Searcher, word: &str) -> bool {
    if doc_freq(searcher, f.body_folded, word) + doc_freq(searcher, f.title_folded, word) > 0 {
        return true;
    }
    [Lang::En, Lang::Fr].into_iter().any(|lang| {
        let (title, body) = f.stemmed(lang);
        a.stem(lang, word)
            .is_some_and(|stem| doc_freq(searcher, body, &stem) + doc_freq(searcher, title, &stem) > 0)
    })
}

fn doc_freq(searcher: &Searcher, field: Field, word: &str) -> u64 {
    searcher.doc_freq(&term(field, word)).unwrap_or(0)
}

fn closest(searcher: &Searcher, field: Field, word: &str, max: usize) -> Option<String> {
    let first = word.chars().next()?;
    let lo = first.to_string();
    let hi = char::from_u32(first as u32 + 1)?.to_string();
    let len = word.chars().count();
    let mut best: Option<(usize, std::cmp::Reverse<u32>, String)> = None;
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else { continue };
        let Ok(mut stream) = inverted.terms().range().ge(lo.as_bytes()).lt(hi.as_bytes()).into_stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(candidate) = std::str::from_utf8(stream.key()) else { continue };
            if candidate.chars().count().abs_diff(len) > max {
                continue;
            }
            let d = edit_distance(word, candidate);
            if d == 0 || d > max {
                continue;
            }
            let key = (d, std::cmp::Reverse(stream.value().doc_freq), candidate.to_owned());
            if best.as_ref().is_none_or(|b| key < *b) {
                best = Some(key);
            }
        }
    }
    best.map(|(_, _, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("apartide", "apartheid"), 3, "too far as typed, which is why stems are tried too");
        assert_eq!(edit_distance("apartid", "apartheid"), 2, "the stem is two insertions away");
        assert_eq!(edit_distance("hosuing", "housing"), 1, "a swapped pair is one edit");
        assert_eq!(edit_distance("élection", "élection"), 0, "equal words");
    }

    #[test]
    fn short_words_get_no_typo_tolerance() {
        assert_eq!(typo_distance(3), 0, "three letters have too many neighbours");
        assert_eq!(typo_distance(5), 1, "short words allow one edit");
        assert_eq!(typo_distance(8), 2, "long words allow two");
    }
}
