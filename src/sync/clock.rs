//! Hybrid logical clocks: timestamps that follow the wall clock where they
//! can and still order every change after the changes its device had seen.
//!
//! A clock is `(milliseconds, counter, device)`. Issuing a clock takes the
//! wall clock when it is ahead of the last clock seen, else the last one with
//! the counter raised; receiving a clock moves the last one seen past it.
//! Written as fixed-width text (`0001764412800000-0000-<device>`), clocks
//! compare as strings in the same order as the tuples, so SQL can sort them.

use std::fmt;

/// One timestamp of a hybrid logical clock.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock {
    /// Milliseconds since 1970 (physical time, or ahead of it after a
    /// clock from a device whose wall clock runs fast).
    pub millis: u64,
    /// Orders clocks issued within the same millisecond.
    pub counter: u32,
    /// The device that issued it: the tie-breaker.
    pub device: String,
}

/// The counter never grows past this within one millisecond; the
/// millisecond moves on instead, so the text form keeps its width.
const MAX_COUNTER: u32 = 9999;

/// The largest millisecond the text form holds (16 digits): clocks stop
/// there rather than grow a digit.
pub const MAX_MILLIS: u64 = 9_999_999_999_999_999;

/// How far ahead of the wall clock and of the newest clock seen a change
/// may be dated: a day. Later ones are refused (`sync_clock_ahead`).
pub const MAX_AHEAD_MILLIS: u64 = 24 * 60 * 60 * 1000;

impl Clock {
    /// The clock before every other: what a field that no change has
    /// touched since the team began is stamped with.
    pub fn zero() -> Clock {
        Clock { millis: 0, counter: 0, device: String::new() }
    }

    /// The next clock for `device`, after `last` (the newest clock this
    /// device has issued or seen) and not before `now_millis`.
    /// Saturates at the last clock the text form holds: never wider.
    pub fn next(last: &Clock, now_millis: u64, device: &str) -> Clock {
        let now_millis = now_millis.min(MAX_MILLIS);
        let last_millis = last.millis.min(MAX_MILLIS);
        if now_millis > last_millis {
            Clock { millis: now_millis, counter: 0, device: device.to_owned() }
        } else if last.counter < MAX_COUNTER {
            Clock { millis: last_millis, counter: last.counter + 1, device: device.to_owned() }
        } else if last_millis < MAX_MILLIS {
            Clock { millis: last_millis + 1, counter: 0, device: device.to_owned() }
        } else {
            Clock { millis: MAX_MILLIS, counter: MAX_COUNTER, device: device.to_owned() }
        }
    }

    /// Whether this clock is dated more than [`MAX_AHEAD_MILLIS`] after
    /// both the wall clock `now_millis` and `newest`, the newest clock this
    /// device has issued or seen.
    pub fn too_far_ahead(&self, newest: &Clock, now_millis: u64) -> bool {
        let base = newest.millis.max(now_millis);
        self.millis > base.saturating_add(MAX_AHEAD_MILLIS)
    }

    /// Reads the text form; `None` for anything else.
    pub fn parse(text: &str) -> Option<Clock> {
        let mut parts = text.splitn(3, '-');
        let millis = parts.next()?;
        let counter = parts.next()?;
        let device = parts.next().unwrap_or("");
        if millis.len() != 16 || counter.len() != 4 || !millis.bytes().chain(counter.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Clock {
            millis: millis.parse().ok()?,
            counter: counter.parse().ok()?,
            device: device.to_owned(),
        })
    }

    /// The wall-clock moment, for people: `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn moment(&self) -> String {
        chrono::DateTime::from_timestamp_millis(i64::try_from(self.millis).unwrap_or(i64::MAX))
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default()
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016}-{:04}-{}", self.millis, self.counter, self.device)
    }
}

/// Issues this device's next clock inside the writing transaction and
/// remembers it, so a clock is never issued twice.
pub fn issue(conn: &rusqlite::Connection) -> crate::error::Result<Clock> {
    let (device, last): (String, String) =
        conn.query_row("SELECT device, clock FROM sync_device WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let last = Clock::parse(&last).unwrap_or_else(Clock::zero);
    let next = Clock::next(&last, now_millis(), &device);
    conn.execute("UPDATE sync_device SET clock = ?1 WHERE id = 1", [next.to_string()])?;
    Ok(next)
}

/// Moves this device's clock past `seen`, a clock from another device.
pub fn witness(conn: &rusqlite::Connection, seen: &Clock) -> crate::error::Result<()> {
    let last: String = conn.query_row("SELECT clock FROM sync_device WHERE id = 1", [], |r| r.get(0))?;
    let last = Clock::parse(&last).unwrap_or_else(Clock::zero);
    if *seen > last {
        let moved = Clock { device: last.device.clone(), ..seen.clone() };
        conn.execute("UPDATE sync_device SET clock = ?1 WHERE id = 1", [moved.to_string()])?;
    }
    Ok(())
}

/// This device's clock: the newest it has issued or seen.
pub fn newest(conn: &rusqlite::Connection) -> crate::error::Result<Clock> {
    let last: String = conn.query_row("SELECT clock FROM sync_device WHERE id = 1", [], |r| r.get(0))?;
    Ok(Clock::parse(&last).unwrap_or_else(Clock::zero))
}

/// The wall clock now, in milliseconds since 1970.
pub fn now_millis() -> u64 {
    chrono::Utc::now().timestamp_millis().max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(millis: u64, counter: u32, device: &str) -> Clock {
        Clock { millis, counter, device: device.into() }
    }

    #[test]
    fn follows_the_wall_clock_when_it_is_ahead() {
        assert_eq!(Clock::next(&at(100, 7, "b"), 250, "a"), at(250, 0, "a"));
    }

    #[test]
    fn a_wall_clock_behind_the_last_clock_seen_still_moves_forward() {
        // A device whose clock runs slow, after seeing a change from the future.
        let seen = at(5_000, 3, "fast");
        let next = Clock::next(&seen, 1_000, "slow");
        assert_eq!(next, at(5_000, 4, "slow"));
        assert!(next > seen);
        let full = at(5_000, MAX_COUNTER, "fast");
        assert_eq!(Clock::next(&full, 1_000, "slow"), at(5_001, 0, "slow"));
    }

    #[test]
    fn the_last_clock_the_text_holds_is_never_passed() {
        // A forged clock seen once: the next ones stay 16 digits wide and
        // read back, so no change is ever dropped for its clock.
        let forged = at(MAX_MILLIS, MAX_COUNTER, "evil");
        let next = Clock::next(&forged, 1_000, "mine");
        assert_eq!(next, at(MAX_MILLIS, MAX_COUNTER, "mine"));
        assert_eq!(Clock::parse(&next.to_string()), Some(next.clone()));
        assert_eq!(Clock::next(&at(MAX_MILLIS, 5, "x"), u64::MAX, "mine"), at(MAX_MILLIS, 6, "mine"));
        assert_eq!(Clock::next(&at(MAX_MILLIS - 1, MAX_COUNTER, "x"), 0, "mine"), at(MAX_MILLIS, 0, "mine"));
        assert_eq!(Clock::parse("9999999999999999-9999-evil"), Some(forged.clone()));
        assert_eq!(Clock::parse("+999999999999999-0001-x"), None, "digits only");
        let _ = forged.moment(); // a date past chrono's range is no panic
    }

    #[test]
    fn a_clock_more_than_a_day_ahead_of_the_wall_and_the_newest_seen_is_too_far() {
        let now = 1_800_000_000_000;
        let day = MAX_AHEAD_MILLIS;
        assert!(!at(now + day, 0, "a").too_far_ahead(&Clock::zero(), now));
        assert!(at(now + day + 1, 0, "a").too_far_ahead(&Clock::zero(), now));
        // A device whose wall clock is slow still takes the team's changes.
        assert!(!at(now + day, 0, "a").too_far_ahead(&at(now, 0, "b"), 0));
        assert!(at(MAX_MILLIS, MAX_COUNTER, "evil").too_far_ahead(&at(now, 0, "b"), now));
        assert!(!at(MAX_MILLIS, 0, "x").too_far_ahead(&at(MAX_MILLIS, 0, "b"), u64::MAX), "no overflow");
    }

    #[test]
    fn text_sorts_like_the_clocks_and_reads_back() {
        let mut clocks = vec![
            at(1_764_412_800_000, 0, "b"),
            at(999, 12, "a"),
            at(1_764_412_800_000, 0, "a"),
            at(1_764_412_800_000, 2, "a"),
            Clock::zero(),
        ];
        let mut texts: Vec<String> = clocks.iter().map(Clock::to_string).collect();
        clocks.sort();
        texts.sort();
        assert_eq!(texts, clocks.iter().map(Clock::to_string).collect::<Vec<_>>());
        for c in &clocks {
            assert_eq!(Clock::parse(&c.to_string()).as_ref(), Some(c));
        }
        assert_eq!(Clock::parse("12-1-a"), None);
        assert_eq!(Clock::parse("garbage"), None);
    }
}
