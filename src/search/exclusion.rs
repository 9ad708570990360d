//! Excluded clauses (`-word`, `-"a phrase"`) in a form tantivy's exclusion
//! reads safely.
//!
//! tantivy 0.27 asks an excluded clause "do you hold document N?" for every
//! candidate in turn (`Exclude` → `seek_danger(N)`), even when that clause
//! already stands past N. A phrase scorer asserts that it is never asked
//! about a document behind it, so `housing -"right of return"` panicked in
//! any build with debug assertions (the tests, `cargo tauri dev`, the fuzz
//! targets) whenever the first housing paper came before the first one
//! with the phrase. Release builds skip the assertion and answer correctly.
//!
//! Promises: [`ForwardOnly`] matches exactly the documents of the query it
//! wraps, and its scorer only ever moves forward: asked about a document
//! behind it, it answers from where it stands (no, unless it is there),
//! which is the answer tantivy's default `seek_danger` gives. Every excluded
//! clause goes through it, so the shape that trips the assertion is never
//! built, whatever kind of clause a query excludes.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// A query whose scorers are only ever sought forward.
#[derive(Debug)]
pub struct ForwardOnly(pub Box<dyn Query>);

impl Clone for ForwardOnly {
    fn clone(&self) -> Self {
        ForwardOnly(self.0.box_clone())
    }
}

impl Query for ForwardOnly {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ForwardOnlyWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ForwardOnlyWeight(Box<dyn Weight>);

impl Weight for ForwardOnlyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ForwardOnlyScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// Forwards everything but `seek_danger`, which keeps the trait's default:
/// seek only when the target lies ahead, else report where the scorer is.
struct ForwardOnlyScorer(Box<dyn Scorer>);

impl DocSet for ForwardOnlyScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.0.doc();
        if doc >= target {
            doc
        } else {
            self.0.seek(target)
        }
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for ForwardOnlyScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::DocSetCollector;
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter};

    use super::*;

    #[test]
    fn an_excluded_phrase_first_found_after_the_first_candidate_leaves_out_exactly_its_documents() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        // Document 0 is the first candidate; the phrase is first found in 1.
        for text in ["housing policy", "housing and the right of return", "housing for all", "the right of return"] {
            writer.add_document(doc!(body => text)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |w: &str| Term::from_field_text(body, w);
        let phrase = PhraseQuery::new(vec![term("right"), term("of"), term("return")]);
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(TermQuery::new(term("housing"), IndexRecordOption::Basic)) as Box<dyn Query>),
            (Occur::MustNot, Box::new(ForwardOnly(Box::new(phrase)))),
        ]);
        let mut found: Vec<u32> = searcher.search(&query, &DocSetCollector).unwrap().into_iter().map(|a| a.doc_id).collect();
        found.sort();
        assert_eq!(found, [0, 2], "the housing documents without the phrase, and no assertion tripped on the way");
    }
}
