//! The index schema: which fields a document has and how each is analyzed.
//!
//! Promises: [`SCHEMA_VERSION`] changes whenever fields or analyzers change,
//! so an index written by an older Dossier is rebuilt rather than misread.
//! Bodies are indexed but not stored: snippets fetch text from SQLite, which
//! keeps the index small and SQLite the only copy of the text.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

use super::{analysis, tally};
use crate::vocab::Lang;

/// Bump when the fields or their analysis change: older indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 4;

/// The fields, by handle.
#[derive(Clone)]
pub struct Fields {
    pub schema: Schema,
    /// `paper:ID:N`, `campaign:ID`, `engagement:ID`: one document.
    pub key: Field,
    /// `paper:ID`, `campaign:ID`, `engagement:ID`: what the outbox names, so
    /// one delete removes every document of an entity.
    pub entity: Field,
    /// What a paper version's document depends on besides its immutable
    /// text (language, status, tags, latest or not): an edit re-indexes only
    /// the versions whose state changed.
    pub state: Field,
    pub kind: Field,
    pub lang: Field,
    pub status: Field,
    pub tag: Field,
    pub official: Field,
    /// `current` on the latest version of each paper and on every campaign
    /// and engagement: the default search scope.
    pub scope: Field,
    pub year: Field,
    /// The date as a number, YYYYMMDD.
    pub day: Field,
    /// Kind, language, year and whether there are tags, as one number:
    /// what the facet counts read ([`super::tally`]).
    pub tally: Field,
    pub title_en: Field,
    pub body_en: Field,
    pub title_fr: Field,
    pub body_fr: Field,
    pub title_folded: Field,
    pub body_folded: Field,
}

fn text(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

impl Fields {
    /// Builds the schema of [`SCHEMA_VERSION`].
    pub fn new() -> Self {
        let mut b = Schema::builder();
        let key = b.add_text_field("key", STRING | STORED);
        let entity = b.add_text_field("entity", STRING);
        let state = b.add_text_field("state", STORED);
        let kind = b.add_text_field("kind", STRING);
        let lang = b.add_text_field("lang", STRING);
        let status = b.add_text_field("status", STRING);
        let tag = b.add_text_field(tally::TAG_FIELD, STRING | FAST);
        let official = b.add_u64_field("official", INDEXED);
        let scope = b.add_text_field("scope", STRING);
        let year = b.add_i64_field("year", INDEXED | FAST | STORED);
        let day = b.add_i64_field("day", INDEXED | FAST);
        let tally = b.add_u64_field(tally::FIELD, FAST);
        let title_en = b.add_text_field("title_en", text(analysis::EN));
        let body_en = b.add_text_field("body_en", text(analysis::EN));
        let title_fr = b.add_text_field("title_fr", text(analysis::FR));
        let body_fr = b.add_text_field("body_fr", text(analysis::FR));
        let title_folded = b.add_text_field("title_folded", text(analysis::FOLDED));
        let body_folded = b.add_text_field("body_folded", text(analysis::FOLDED));
        Fields {
            schema: b.build(),
            key,
            entity,
            state,
            kind,
            lang,
            status,
            tag,
            official,
            scope,
            year,
            day,
            tally,
            title_en,
            body_en,
            title_fr,
            body_fr,
            title_folded,
            body_folded,
        }
    }

    /// The stemmed (title, body) fields of `lang`.
    pub fn stemmed(&self, lang: Lang) -> (Field, Field) {
        match lang {
            Lang::En => (self.title_en, self.body_en),
            Lang::Fr => (self.title_fr, self.body_fr),
        }
    }
}

impl Default for Fields {
    fn default() -> Self {
        Self::new()
    }
}
