//! Search: how many hits a face gets back, and readying search before
//! anyone types.
//!
//! The ceiling ([`MAX_LIMIT`]) and the query's size limits are the core's
//! own (`crate::search`), held by `Library::search` for every caller; this
//! is where a face's "not said" becomes a number.

use crate::error::Result;
use crate::library::Library;
use crate::search::{SearchRequest, SearchResults};

pub use crate::search::MAX_LIMIT;

/// Hits returned when a face does not say how many.
pub const DEFAULT_LIMIT: usize = 20;

/// The number of hits to return for `asked` (a face's `--limit` or page
/// size): the default when not said, else `asked` brought within 1 ..=
/// [`MAX_LIMIT`].
pub fn limit(asked: Option<usize>) -> usize {
    asked.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

/// Readies search on `lib`'s handle before anyone types: opens the index
/// (checking every file's checksum), brings it in step with the database
/// and runs one search as typed (one letter, so a full page of hits), so
/// the index files it reads are in memory and its statements prepared.
/// Without it the first search after the app starts pays for all of that:
/// on the large library, 25–50 ms of the first keystroke. A window calls it
/// once its first screen is drawn, and lays the page it returns out unseen
/// so that its first palette is ready too.
pub fn warm(lib: &mut Library) -> Result<SearchResults> {
    let request = SearchRequest { query: "e".into(), as_you_type: true, limit: DEFAULT_LIMIT, ..SearchRequest::default() };
    lib.search(&request)
}
