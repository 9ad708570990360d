//! The facet counts of a search: how many matching documents of each kind,
//! language, year and tag.
//!
//! Every document carries one number, its tally code ([`code`]): kind,
//! language, year and whether it has tags, packed into a single-valued fast
//! column. Counting a matching document reads that one value and bumps one
//! counter; only a document with tags (a paper version) reads the tag
//! column as well. A search matches thousands of documents for every
//! keystroke, so this is most of what a count costs: tantivy's facet
//! collector read four ordinals per document from a multi-valued column.
//!
//! Promises: the counts cover every matching document, not only the hits
//! shown; `total` is their number.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::vocab::{Lang, SearchKind};

/// The fast field holding each document's tally code.
pub const FIELD: &str = "tally";
/// The fast field holding a document's tags.
pub const TAG_FIELD: &str = "tag";

const KIND_BITS: u64 = 0b11;
const LANG_BIT: u64 = 0b100;
const TAGS_BIT: u64 = 0b1000;
const YEAR_SHIFT: u32 = 4;
/// Years are kept as their distance from this one, so that a document with
/// no date (0) and one of this century are a few thousand codes apart, not
/// thirty thousand: a segment counts into an array as long as its span.
const YEAR_BEFORE_FIRST: i64 = 1899;
const LAST_YEAR: i64 = 2999;

/// The tally code of a document: its kind, language, year and whether it
/// has tags. A year outside 1900–2999 (no date) counts as none.
pub fn code(kind: SearchKind, lang: Lang, year: i64, has_tags: bool) -> u64 {
    let kind = SearchKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u64;
    let lang = if lang == Lang::Fr { LANG_BIT } else { 0 };
    let tags = if has_tags { TAGS_BIT } else { 0 };
    let year = if (YEAR_BEFORE_FIRST + 1..=LAST_YEAR).contains(&year) { (year - YEAR_BEFORE_FIRST) as u64 } else { 0 };
    (year << YEAR_SHIFT) | tags | lang | kind
}

/// The year a code holds, if any.
fn year_of(code: u64) -> Option<i64> {
    let part = (code >> YEAR_SHIFT) as i64;
    (part > 0).then_some(part + YEAR_BEFORE_FIRST)
}

/// Counts per facet value over every matching document (not just the
/// shown hits). JSON: `{"kind": {"paper": 3, …}, "year": {"2009": 2, …},
/// "lang": {…}, "tag": {…}}`.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct Facets {
    pub kind: BTreeMap<String, u64>,
    pub year: BTreeMap<String, u64>,
    pub lang: BTreeMap<String, u64>,
    pub tag: BTreeMap<String, u64>,
}

/// The counts of one search.
#[derive(Debug, Default)]
pub struct Tallied {
    pub facets: Facets,
    pub total: usize,
}

/// Counts the matching documents by kind, language, year and tag.
pub struct Tally;

impl Collector for Tally {
    type Fruit = Tallied;
    type Child = SegmentTally;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let codes = reader.fast_fields().u64(FIELD)?;
        let tags = reader.fast_fields().str(TAG_FIELD)?;
        let (low, high) = (codes.min_value(), codes.max_value());
        // An empty segment's bounds can be reversed; it counts nothing.
        let span = if high >= low { (high - low) as usize + 1 } else { 0 };
        let tag_counts = vec![0; tags.as_ref().map_or(0, |t| t.dictionary().num_terms())];
        Ok(SegmentTally { codes, low, counts: vec![0; span], tags, tag_counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallied>) -> tantivy::Result<Tallied> {
        let mut all = Tallied::default();
        for fruit in fruits {
            all.total += fruit.total;
            for (mine, theirs) in [
                (&mut all.facets.kind, fruit.facets.kind),
                (&mut all.facets.lang, fruit.facets.lang),
                (&mut all.facets.year, fruit.facets.year),
                (&mut all.facets.tag, fruit.facets.tag),
            ] {
                for (value, n) in theirs {
                    *mine.entry(value).or_insert(0) += n;
                }
            }
        }
        Ok(all)
    }
}

/// One segment's counts: by code, offset from the segment's lowest code,
/// and by tag ordinal.
pub struct SegmentTally {
    codes: Column<u64>,
    low: u64,
    counts: Vec<u64>,
    tags: Option<StrColumn>,
    tag_counts: Vec<u64>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallied;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(code) = self.codes.first(doc) else { return };
        if let Some(n) = self.counts.get_mut(code.wrapping_sub(self.low) as usize) {
            *n += 1;
        }
        if code & TAGS_BIT != 0 {
            if let Some(tags) = &self.tags {
                for ord in tags.term_ords(doc) {
                    if let Some(n) = self.tag_counts.get_mut(ord as usize) {
                        *n += 1;
                    }
                }
            }
        }
    }

    fn harvest(self) -> Tallied {
        let mut out = Tallied::default();
        let add = |map: &mut BTreeMap<String, u64>, key: &str, n: u64| *map.entry(key.to_owned()).or_insert(0) += n;
        for (offset, &n) in self.counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            let code = self.low + offset as u64;
            out.total += n as usize;
            if let Some(kind) = SearchKind::ALL.get((code & KIND_BITS) as usize) {
                add(&mut out.facets.kind, kind.as_str(), n);
            }
            let lang = if code & LANG_BIT != 0 { Lang::Fr } else { Lang::En };
            add(&mut out.facets.lang, lang.as_str(), n);
            if let Some(year) = year_of(code) {
                add(&mut out.facets.year, &year.to_string(), n);
            }
        }
        if let Some(tags) = &self.tags {
            let mut name = String::new();
            for (ord, &n) in self.tag_counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                if tags.ord_to_str(ord as u64, &mut name).unwrap_or(false) {
                    add(&mut out.facets.tag, &name, n);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_keeps_kind_language_year_and_tags_apart() {
        for &kind in SearchKind::ALL {
            for lang in [Lang::En, Lang::Fr] {
                for has_tags in [false, true] {
                    let c = code(kind, lang, 2009, has_tags);
                    assert_eq!(SearchKind::ALL[(c & KIND_BITS) as usize], kind);
                    assert_eq!(c & LANG_BIT != 0, lang == Lang::Fr);
                    assert_eq!(c & TAGS_BIT != 0, has_tags);
                    assert_eq!(year_of(c), Some(2009));
                }
            }
        }
        for year in [0, -5, 1899, 3000] {
            assert_eq!(year_of(code(SearchKind::Paper, Lang::En, year, false)), None, "{year} is no year");
        }
        for year in [1900, 2004, 2999] {
            assert_eq!(year_of(code(SearchKind::Campaign, Lang::Fr, year, true)), Some(year));
        }
        let (undated, recent) = (code(SearchKind::Paper, Lang::En, 0, false), code(SearchKind::Paper, Lang::En, 2026, true));
        assert!(recent - undated < 4096, "an undated document keeps the span small: {}", recent - undated);
    }
}
