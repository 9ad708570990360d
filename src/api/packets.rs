//! Packets: which engagements a packet can be prepared for, and how an
//! export is asked for. The organisation printed is resolved by
//! [`crate::Library::organisation`] whatever face asks.

use std::path::PathBuf;

use crate::engagements::{Engagement, EngagementFilter};
use crate::export::ExportOptions;
use crate::vocab::{Lang, PaperSize};
use crate::{Library, Result};

/// The engagements with office holder `official` that a packet can be
/// prepared for: meetings and calls (oral communications), newest first.
pub fn meetings_with(lib: &Library, official: i64) -> Result<Vec<Engagement>> {
    let all = lib.engagements(&EngagementFilter { official_id: Some(official), ..EngagementFilter::default() })?;
    Ok(all.into_iter().filter(|e| e.kind.is_oral()).collect())
}

/// An export as a face asks for it: everything but the file may be left out.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ExportRequest {
    #[serde(default)]
    pub paper: Option<PaperSize>,
    #[serde(default)]
    pub lang: Option<Lang>,
    /// The organisation to print instead of the library's setting.
    #[serde(default)]
    pub organisation: Option<String>,
}

impl ExportRequest {
    /// The options for writing to `out`: letter paper and English labels
    /// unless asked otherwise; the organisation is resolved at export.
    pub fn options(&self, out: PathBuf) -> ExportOptions {
        ExportOptions {
            out,
            paper: self.paper.unwrap_or_default(),
            lang: self.lang.unwrap_or_default(),
            organisation: self.organisation.clone(),
            at: None,
        }
    }
}
