//! Text analysis: how words become index terms, for English, French and the
//! language-neutral "folded" form.
//!
//! Promises: diacritics are folded *before* stemming, so that `réfugiés` and
//! `refugies` reach the same stem (stemming first would leave the accented
//! form's stem different from the unaccented one's); English text is stemmed
//! as English and French as French; the folded analyzer never stems, so it
//! serves prefixes, typos and exact-form matches. tantivy does not store
//! analyzers in the index, so [`register`] must run at every open.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TokenStream,
};
use tantivy::Index;

use crate::vocab::Lang;

/// Analyzer name: English, folded then stemmed.
pub const EN: &str = "dossier_en";
/// Analyzer name: French, folded then stemmed.
pub const FR: &str = "dossier_fr";
/// Analyzer name: folded and lower-cased, unstemmed.
pub const FOLDED: &str = "dossier_folded";

/// Tokens longer than this are noise (URLs, base64) and are dropped.
const MAX_TOKEN_BYTES: usize = 40;

/// The analyzer for `lang`.
pub fn stemmed(lang: Lang) -> TextAnalyzer {
    let language = match lang {
        Lang::En => Language::English,
        Lang::Fr => Language::French,
    };
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(language))
        .build()
}

/// The unstemmed, folded analyzer.
pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers the analyzers on `index`; needed at every open.
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    manager.register(EN, stemmed(Lang::En));
    manager.register(FR, stemmed(Lang::Fr));
    manager.register(FOLDED, folded());
}

/// The terms `analyzer` makes of `text`, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Common short words that tell French from English text.
const FRENCH_MARKERS: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "pour", "dans", "sur", "que",
    "qui", "au", "aux", "par", "avec", "nous", "sont", "ne", "pas",
];
const ENGLISH_MARKERS: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "for", "on", "that", "with", "by", "we", "are", "our",
    "be", "this", "not", "as", "from", "at",
];

/// Guesses the language of a record that does not say (campaigns and
/// engagements have no language column) from its function words; English
/// wins ties because most of the organisation's records are English.
pub fn detect(text: &str) -> Lang {
    let (mut en, mut fr) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(400)
    {
        let word = word.to_lowercase();
        if FRENCH_MARKERS.contains(&word.as_str()) {
            fr += 1;
        } else if ENGLISH_MARKERS.contains(&word.as_str()) {
            en += 1;
        }
    }
    if fr > en {
        Lang::Fr
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(lang: Lang, word: &str) -> Vec<String> {
        terms(&mut stemmed(lang), word)
    }

    #[test]
    fn folding_before_stemming_matches_accented_and_plain_forms() {
        for (a, b) in [("réfugiés", "refugies"), ("négociation", "négociations"), ("élections", "elections")] {
            assert_eq!(stem(Lang::Fr, a), stem(Lang::Fr, b), "{a} and {b} must share a French stem");
        }
    }

    #[test]
    fn stemming_before_folding_would_lose_refugies() {
        // The order this module avoids: stem the accented word, then fold.
        let mut stem_then_fold = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::French))
            .filter(AsciiFoldingFilter)
            .build();
        let wrong_a = terms(&mut stem_then_fold, "réfugiés");
        let wrong_b = terms(&mut stem_then_fold, "refugies");
        assert_ne!(wrong_a, wrong_b, "stem-then-fold splits réfugiés from refugies, which is why we fold first");
    }

    #[test]
    fn english_stems_plurals() {
        assert_eq!(stem(Lang::En, "settlements"), stem(Lang::En, "settlement"), "plural and singular share a stem");
        assert_eq!(stem(Lang::Fr, "colonies"), stem(Lang::Fr, "colonie"), "French plural and singular share a stem");
    }

    #[test]
    fn folded_analyzer_keeps_the_word_whole() {
        assert_eq!(terms(&mut folded(), "Élections"), vec!["elections"], "folded field lower-cases and folds only");
    }

    #[test]
    fn detects_french_and_english() {
        assert_eq!(detect("Les négociations sur la paix et les colonies"), Lang::Fr, "French function words");
        assert_eq!(detect("The negotiations on the settlements"), Lang::En, "English function words");
    }
}
