//! Due dates of monthly reports: the report for month M is due by day D of month M
//! (default the 25th, clamped to the month's last day, so 30 means 28 or 29 in February).
//! A report filed on the due day is on time; the next day it is late.

use time::{Date, Month};

const DAY: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[year]-[month]-[day]");

pub fn parse_day(s: &str) -> Option<Date> {
    Date::parse(s.trim(), DAY).ok()
}

pub fn format_day(d: Date) -> String {
    d.format(DAY).unwrap_or_default()
}

/// A month written YYYY-MM.
pub fn parse_month(s: &str) -> Option<(i32, Month)> {
    let (y, m) = s.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Some((y.parse().ok()?, month))
}

pub fn format_month(year: i32, month: Month) -> String {
    format!("{year:04}-{:02}", month as u8)
}

pub fn month_of(d: Date) -> String {
    format_month(d.year(), d.month())
}

/// The due date of the report for a month.
pub fn due_date(year: i32, month: Month, due_day: u32) -> Option<Date> {
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, (due_day.clamp(1, 31) as u8).min(last)).ok()
}

/// When a report is, or is not yet, filed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeliness {
    OnTime,
    Late,
    /// Not filed and the due day has passed.
    Missing,
    /// Not filed, not due yet.
    Pending,
}

impl Timeliness {
    pub fn code(self) -> &'static str {
        match self {
            Timeliness::OnTime => "on_time",
            Timeliness::Late => "late",
            Timeliness::Missing => "missing",
            Timeliness::Pending => "pending",
        }
    }
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Timeliness::OnTime, true) => "按时报送",
            (Timeliness::OnTime, false) => "On time",
            (Timeliness::Late, true) => "逾期报送",
            (Timeliness::Late, false) => "Late",
            (Timeliness::Missing, true) => "逾期未报",
            (Timeliness::Missing, false) => "Missing",
            (Timeliness::Pending, true) => "未到期",
            (Timeliness::Pending, false) => "Not due yet",
        }
    }
}

pub fn timeliness(due: Date, submitted: Option<Date>, today: Date) -> Timeliness {
    match submitted {
        Some(d) if d <= due => Timeliness::OnTime,
        Some(_) => Timeliness::Late,
        None if today > due => Timeliness::Missing,
        None => Timeliness::Pending,
    }
}

/// Today's date in Beijing (reports are filed and due by the Beijing calendar).
pub fn today_beijing() -> Date {
    time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_25th_is_on_time_the_26th_late() {
        let due = due_date(2026, Month::March, 25).unwrap();
        assert_eq!(due, date!(2026 - 03 - 25));
        assert_eq!(timeliness(due, Some(date!(2026 - 03 - 25)), date!(2026 - 04 - 01)), Timeliness::OnTime);
        assert_eq!(timeliness(due, Some(date!(2026 - 03 - 26)), date!(2026 - 04 - 01)), Timeliness::Late);
        assert_eq!(timeliness(due, None, date!(2026 - 03 - 25)), Timeliness::Pending);
        assert_eq!(timeliness(due, None, date!(2026 - 03 - 26)), Timeliness::Missing);
        assert_eq!(timeliness(due, Some(date!(2026 - 03 - 01)), date!(2026 - 03 - 02)), Timeliness::OnTime);
    }

    #[test]
    fn month_ends_and_february() {
        assert_eq!(due_date(2026, Month::February, 30), Some(date!(2026 - 02 - 28)));
        assert_eq!(due_date(2028, Month::February, 30), Some(date!(2028 - 02 - 29)));
        assert_eq!(due_date(2026, Month::April, 31), Some(date!(2026 - 04 - 30)));
        assert_eq!(due_date(2026, Month::February, 25), Some(date!(2026 - 02 - 25)));
        let feb = due_date(2026, Month::February, 31).unwrap();
        assert_eq!(timeliness(feb, Some(date!(2026 - 02 - 28)), date!(2026 - 03 - 10)), Timeliness::OnTime);
        assert_eq!(timeliness(feb, Some(date!(2026 - 03 - 01)), date!(2026 - 03 - 10)), Timeliness::Late);
    }

    #[test]
    fn months_parse_strictly() {
        assert_eq!(parse_month("2026-02"), Some((2026, Month::February)));
        for bad in ["2026-13", "2026-2", "26-02", "2026/02", "", "2026-00"] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
        assert_eq!(format_month(2026, Month::November), "2026-11");
    }
}
