//! Period arithmetic in Beijing time (UTC+8, no daylight saving). Instants are Unix seconds;
//! an hour, day or month is named by the Unix time of its Beijing-time start.

use time::{Date, Month, OffsetDateTime, UtcOffset};

pub const BEIJING: UtcOffset = time::macros::offset!(+8);
const OFFSET: i64 = 8 * 3600;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Hour,
    Day,
    Month,
}

impl Period {
    pub fn code(self) -> &'static str {
        match self {
            Period::Hour => "hour",
            Period::Day => "day",
            Period::Month => "month",
        }
    }
    pub fn parse(s: &str) -> Option<Period> {
        match s {
            "hour" => Some(Period::Hour),
            "day" => Some(Period::Day),
            "month" => Some(Period::Month),
            _ => None,
        }
    }
    /// The start of the period holding instant `t`.
    pub fn start_of(self, t: i64) -> i64 {
        match self {
            Period::Hour => t.div_euclid(3600) * 3600,
            Period::Day => day_start(t),
            Period::Month => month_start(t),
        }
    }
    /// The start of the next period after the one starting at `start`.
    pub fn next(self, start: i64) -> i64 {
        match self {
            Period::Hour => start + 3600,
            Period::Day => start + 86_400,
            Period::Month => next_month_start(start),
        }
    }
}

pub fn day_start(t: i64) -> i64 {
    (t + OFFSET).div_euclid(86_400) * 86_400 - OFFSET
}

fn beijing(t: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(t).unwrap_or(OffsetDateTime::UNIX_EPOCH).to_offset(BEIJING)
}

/// The Beijing calendar date holding instant `t`.
pub fn date_of(t: i64) -> Date {
    beijing(t).date()
}

/// The instant 00:00 Beijing time of `date`.
pub fn date_start(date: Date) -> i64 {
    date.midnight().assume_offset(BEIJING).unix_timestamp()
}

pub fn month_start(t: i64) -> i64 {
    let d = date_of(t);
    date_start(Date::from_calendar_date(d.year(), d.month(), 1).expect("day 1 exists"))
}

pub fn next_month_start(t: i64) -> i64 {
    let d = date_of(t);
    let (y, m) = if d.month() == Month::December { (d.year() + 1, Month::January) } else { (d.year(), d.month().next()) };
    date_start(Date::from_calendar_date(y, m, 1).expect("day 1 exists"))
}

/// Beijing month number (1–12) of instant `t`.
pub fn month_of(t: i64) -> u8 {
    date_of(t).month() as u8
}

/// `YYYY-MM-DD HH:MM`, Beijing time.
pub fn format_minute(t: i64) -> String {
    let d = beijing(t);
    format!("{:04}-{:02}-{:02} {:02}:{:02}", d.year(), d.month() as u8, d.day(), d.hour(), d.minute())
}

/// `YYYY-MM-DD`, Beijing time.
pub fn format_day(t: i64) -> String {
    let d = date_of(t);
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

/// Parses `YYYY-MM-DD`; None when it is not a real date in that form.
pub fn parse_day(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[0..4].parse().ok()?;
    let m: u8 = s[5..7].parse().ok()?;
    let d: u8 = s[8..10].parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// The instant given as `YYYYMMDDhhmmss` Beijing time (HJ 212 DataTime).
pub fn from_data_time(v: i64) -> Option<i64> {
    let (date, rest) = (v / 1_000_000, v % 1_000_000);
    let d = Date::from_calendar_date((date / 10_000) as i32, Month::try_from(((date / 100) % 100) as u8).ok()?, (date % 100) as u8).ok()?;
    let (h, mi, s) = (rest / 10_000, (rest / 100) % 100, rest % 100);
    if h > 23 || mi > 59 || s > 59 {
        return None;
    }
    Some(date_start(d) + h * 3600 + mi * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_days_and_months() {
        // 2026-03-01 00:00 Beijing = 2026-02-28 16:00 UTC.
        let t = date_start(parse_day("2026-03-01").unwrap());
        assert_eq!(format_minute(t), "2026-03-01 00:00");
        assert_eq!(Period::Day.start_of(t + 86_399), t);
        assert_eq!(Period::Month.start_of(t - 1), date_start(parse_day("2026-02-01").unwrap()));
        assert_eq!(Period::Month.next(t - 1), t);
        assert_eq!(month_of(t - 1), 2);
        assert_eq!(Period::Month.next(date_start(parse_day("2026-12-05").unwrap())), date_start(parse_day("2027-01-01").unwrap()));
        assert_eq!(from_data_time(20260301000000), Some(t));
        assert_eq!(from_data_time(20260230000000), None);
        assert_eq!(parse_day("2026-02-30"), None);
        assert_eq!(parse_day("2026-2-3"), None);
    }
}
