//! Calendar dates and moments as the library stores and accepts them.
//!
//! Calendar dates are `YYYY-MM-DD`; moments are UTC, stored as
//! `YYYY-MM-DDTHH:MM:SSZ` so that text order is time order.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Utc};

use crate::error::{Error, Result};
use crate::message::Message;

/// The current moment, to the second.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
}

/// Today's date (UTC).
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Today's date where the user is: deadlines are counted in local days.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Parses a `YYYY-MM-DD` date given by a user; `what` names the field.
pub fn parse_date(text: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(Message::BadDate { what: what.to_owned(), text: text.to_owned() })
    })
}

/// Parses an `HH:MM` time of day given by a user.
pub fn parse_time(text: &str, what: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        Error::invalid(Message::BadTime { what: what.to_owned(), text: text.to_owned() })
    })
}

/// Parses a moment: RFC 3339, or `YYYY-MM-DDTHH:MM:SS` taken as UTC, or a
/// bare date taken as noon UTC.
pub fn parse_moment(text: &str, what: &str) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(m) = DateTime::parse_from_rfc3339(text) {
        return Ok(m.with_timezone(&Utc));
    }
    if let Ok(m) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
        return Ok(m.and_utc());
    }
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(d.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()).and_utc());
    }
    Err(Error::invalid(Message::BadMoment { what: what.to_owned(), text: text.to_owned() }))
}

/// The stored form of a moment.
pub fn format_moment(moment: DateTime<Utc>) -> String {
    moment.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The stored form of a date.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The last stored moment of a date, for "on or before this date" queries.
pub(crate) fn end_of_day(date: NaiveDate) -> String {
    format!("{}T23:59:59Z", format_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_the_wrong_order_is_refused_with_an_example() {
        let err = parse_date("01/06/2011", "--as-of").unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "the message shows the expected form: {err}");
    }

    #[test]
    fn stored_moments_sort_as_text_in_time_order() {
        let a = format_moment(parse_moment("2011-06-01T09:00:00", "t").unwrap());
        let b = format_moment(parse_moment("2011-06-01T10:00:00Z", "t").unwrap());
        assert!(a < b, "{a} sorts before {b}");
        assert!(end_of_day(parse_date("2011-06-01", "d").unwrap()) > b, "end of day is after any moment of it");
    }
}
