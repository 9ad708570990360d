//! The report as CSV that opens correctly in LibreOffice Calc and Excel.
//!
//! Promises: UTF-8 with a byte-order mark (without it Excel reads the file
//! as the system's legacy code page and mangles "Bérubé"), every field in
//! double quotes with inner quotes doubled (so commas, quotes and line
//! breaks in a subject stay in their cell), CRLF line ends (RFC 4180), and
//! a header row. The format is small and fixed, so it is written here
//! rather than through a CSV crate.

use super::LobbyingReport;

/// The header row, in column order.
pub const HEADER: [&str; 12] = [
    "Date",
    "Communication",
    "Last name",
    "First name",
    "Position title",
    "Branch or unit",
    "Institution",
    "Subject matters",
    "Campaign",
    "Registrant",
    "Engagement",
    "Warnings",
];

const BOM: &str = "\u{feff}";

/// Appends one record: every field quoted, CRLF at the end.
fn record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    }
    out.push_str("\r\n");
}

/// The report's rows as CSV bytes.
pub fn to_csv(report: &LobbyingReport) -> Vec<u8> {
    let mut out = String::from(BOM);
    record(&mut out, HEADER);
    for r in &report.rows {
        let engagement = r.engagement_id.to_string();
        let warnings = crate::message::join(&r.warnings, "; ");
        record(
            &mut out,
            [
                r.date.as_str(),
                r.kind.as_str(),
                &r.last_name,
                &r.first_name,
                &r.position_title,
                &r.branch,
                &r.institution,
                &r.subject_matters,
                r.campaign.as_deref().unwrap_or(""),
                &r.registrant,
                &engagement,
                &warnings,
            ],
        );
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_with_inner_quotes_doubled_and_records_end_in_crlf() {
        let mut out = String::new();
        record(&mut out, ["a", "say \"hi\", then go", "deux\nlignes", ""]);
        assert_eq!(out, "\"a\",\"say \"\"hi\"\", then go\",\"deux\nlignes\",\"\"\r\n");
    }
}
