//! The report as CSV that opens correctly in LibreOffice Calc and Excel.
//!
//! Promises: UTF-8 with a byte-order mark (without it Excel reads the file
//! as the system's legacy code page and mangles "Bérubé"), every field in
//! double quotes with inner quotes doubled (so commas, quotes and line
//! breaks in a subject stay in their cell), CRLF line ends (RFC 4180), and
//! a header row. The format is small and fixed, so it is written here
//! rather than through a CSV crate.
//!
//! Promises too that no field is read as a formula: a spreadsheet runs a
//! cell that starts with `=`, `+`, `-` or `@` (a tab or a carriage return
//! first is skipped by some), so a subject typed or imported as
//! `=HYPERLINK(…)` would run on the registrant's machine. Every such field
//! gets a leading apostrophe, which spreadsheets show as text. No column
//! needs a leading minus: dates are ISO, the engagement id is positive.

use super::LobbyingReport;

/// The header row, in column order.
pub const HEADER: [&str; 13] = [
    "Date",
    "Communication",
    "Last name",
    "First name",
    "Position title",
    "Branch or unit",
    "Institution",
    "Subject matters",
    "Subject",
    "Campaign",
    "Registrant",
    "Engagement",
    "Warnings",
];

const BOM: &str = "\u{feff}";

/// The characters that make a spreadsheet read a cell as a formula (OWASP's
/// list), with their full-width forms, which some East Asian versions of
/// Excel also accept.
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// The field as a spreadsheet must show it: unchanged, or with an apostrophe
/// in front when it would otherwise start a formula. A tab or carriage
/// return first is neutralised whatever follows (OWASP's advice: some
/// spreadsheets drop it and read on), and so is a formula character behind
/// leading white space, which some spreadsheets trim before reading the cell.
pub fn neutralised(field: &str) -> std::borrow::Cow<'_, str> {
    let risky = field.starts_with(['\t', '\r'])
        || field.trim_start().starts_with(FORMULA_STARTS);
    if risky {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

/// Appends one record: every field quoted, CRLF at the end.
fn record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(&neutralised(field).replace('"', "\"\""));
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
        let matters = LobbyingReport::subject_line(r, false);
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
                &matters,
                &r.subject,
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

    #[test]
    fn a_field_that_would_start_a_formula_gets_an_apostrophe_and_others_stay() {
        for attack in ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tplain", "\rplain", " =1+1", "\n@x", "＝1+1"] {
            assert_eq!(neutralised(attack), format!("'{attack}"), "{attack:?} must not start a formula");
        }
        for plain in ["", "2026-10-05", "42", "Trade = growth", "a-b", "  indented", "'quoted"] {
            assert_eq!(neutralised(plain), plain, "{plain:?} is text already");
        }
    }
}
