//! Search: how many hits a face gets back.
//!
//! The ceiling ([`MAX_LIMIT`]) and the query's size limits are the core's
//! own (`crate::search`), held by `Library::search` for every caller; this
//! is where a face's "not said" becomes a number.

pub use crate::search::MAX_LIMIT;

/// Hits returned when a face does not say how many.
pub const DEFAULT_LIMIT: usize = 20;

/// The number of hits to return for `asked` (a face's `--limit` or page
/// size): the default when not said, else `asked` brought within 1 ..=
/// [`MAX_LIMIT`].
pub fn limit(asked: Option<usize>) -> usize {
    asked.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}
