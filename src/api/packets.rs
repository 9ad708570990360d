//! Packets: which engagements a packet can be prepared for. The
//! organisation a packet prints is resolved by
//! [`crate::Library::organisation`] whatever face asks.

use crate::engagements::{Engagement, EngagementFilter};
use crate::{Library, Result};

/// The engagements with office holder `official` that a packet can be
/// prepared for: meetings and calls (oral communications), newest first.
pub fn meetings_with(lib: &Library, official: i64) -> Result<Vec<Engagement>> {
    let all = lib.engagements(&EngagementFilter { official_id: Some(official), ..EngagementFilter::default() })?;
    Ok(all.into_iter().filter(|e| e.kind.is_oral()).collect())
}
