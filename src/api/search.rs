//! Search: how many hits a face gets back.

/// Hits returned when a face does not say how many.
pub const DEFAULT_LIMIT: usize = 20;

/// The most hits one search returns, whoever asks: a script may want every
/// hit of a big library, but a snippet is made for each, so there is a
/// bound.
pub const MAX_LIMIT: usize = 10_000;

/// The number of hits to return for `asked` (a face's `--limit` or page size).
pub fn limit(asked: Option<usize>) -> usize {
    asked.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}
