//! Deadlines per stage (`data/complaints/deadlines.toml`): calendar or working days from the
//! stage's start or from the acceptance; working days skip weekends and the holidays of
//! `data/complaints/holidays.toml` (and count its adjusted working weekends). Days are
//! Beijing dates: the day of the event is not counted, the deadline is the end of the due day.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use time::{Date, Duration, Weekday};

use super::Stage;

pub const DEADLINES_TOML: &str = include_str!("../../data/complaints/deadlines.toml");
pub const HOLIDAYS_TOML: &str = include_str!("../../data/complaints/holidays.toml");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Calendar,
    Working,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum From {
    Stage,
    Accepted,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Rule {
    pub days: i64,
    pub unit: Unit,
    pub from: From,
    pub source: String,
    pub checked: bool,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Extension {
    pub days: i64,
    pub source: String,
    pub checked: bool,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub rules: BTreeMap<&'static str, Rule>,
    pub extension: Extension,
    pub calendar: Calendar,
}

#[derive(Clone, Debug, Default)]
pub struct Calendar {
    pub holidays: BTreeSet<Date>,
    pub working_weekends: BTreeSet<Date>,
    pub checked: bool,
    pub source: String,
}

#[derive(Deserialize)]
struct HolidayFile {
    source: String,
    checked: bool,
    holidays: Vec<String>,
    working_weekends: Vec<String>,
}

pub fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s.trim(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}

pub fn format_date(d: Date) -> String {
    d.format(time::macros::format_description!("[year]-[month]-[day]")).unwrap_or_default()
}

impl Calendar {
    pub fn parse(text: &str) -> Result<Calendar, String> {
        let f: HolidayFile = toml::from_str(text).map_err(|e| format!("holidays.toml: {e}"))?;
        let dates = |list: &[String], what: &str| -> Result<BTreeSet<Date>, String> {
            list.iter().map(|s| parse_date(s).ok_or_else(|| format!("holidays.toml: {what} '{s}' is not a date (YYYY-MM-DD)"))).collect()
        };
        Ok(Calendar { holidays: dates(&f.holidays, "holiday")?, working_weekends: dates(&f.working_weekends, "working weekend")?, checked: f.checked, source: f.source })
    }

    pub fn is_working(&self, d: Date) -> bool {
        if self.working_weekends.contains(&d) {
            return true;
        }
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.holidays.contains(&d)
    }

    /// The day `n` working days after `d` (`d` itself not counted).
    pub fn add_working_days(&self, d: Date, n: i64) -> Date {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day = day.next_day().unwrap_or(day);
            if self.is_working(day) {
                left -= 1;
            }
        }
        day
    }
}

impl Settings {
    pub fn parse(deadlines: &str, holidays: &str) -> Result<Settings, String> {
        let doc: toml::Table = toml::from_str(deadlines).map_err(|e| format!("deadlines.toml: {e}"))?;
        let mut rules = BTreeMap::new();
        for stage in [Stage::Received, Stage::Accepted, Stage::Assigned, Stage::UnderInvestigation, Stage::Answered] {
            let v = doc.get(stage.code()).ok_or_else(|| format!("deadlines.toml: no [{}] section", stage.code()))?;
            let rule: Rule = v.clone().try_into().map_err(|e| format!("deadlines.toml [{}]: {e}", stage.code()))?;
            if !(1..=365).contains(&rule.days) {
                return Err(format!("deadlines.toml [{}]: days = {} must be 1–365", stage.code(), rule.days));
            }
            rules.insert(stage.code(), rule);
        }
        let extension: Extension =
            doc.get("extension").ok_or("deadlines.toml: no [extension] section")?.clone().try_into().map_err(|e| format!("deadlines.toml [extension]: {e}"))?;
        Ok(Settings { rules, extension, calendar: Calendar::parse(holidays)? })
    }

    /// The shipped settings.
    pub fn embedded() -> &'static Settings {
        static S: std::sync::LazyLock<Settings> =
            std::sync::LazyLock::new(|| Settings::parse(DEADLINES_TOML, HOLIDAYS_TOML).expect("data/complaints deadlines and holidays are valid (tested)"));
        &S
    }

    pub fn rule(&self, stage: Stage) -> Option<&Rule> {
        self.rules.get(stage.code())
    }

    /// The due day of a stage entered on `since` (accepted on `accepted`), or None for a
    /// final stage.
    pub fn due(&self, stage: Stage, since: Date, accepted: Option<Date>, extended: bool) -> Option<Date> {
        let rule = self.rule(stage)?;
        let start = match rule.from {
            From::Stage => since,
            From::Accepted => accepted.unwrap_or(since),
        };
        let mut due = match rule.unit {
            Unit::Calendar => start.checked_add(Duration::days(rule.days))?,
            Unit::Working => self.calendar.add_working_days(start, rule.days),
        };
        if extended && stage == Stage::UnderInvestigation {
            due = due.checked_add(Duration::days(self.extension.days))?;
        }
        Some(due)
    }
}

/// Whether a stage due on `due` is overdue on `today` (both Beijing dates).
pub fn overdue(due: Option<Date>, today: Date) -> bool {
    due.is_some_and(|d| today > d)
}

/// Today in Beijing.
pub fn today_beijing() -> Date {
    time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date()
}

/// The Beijing date of a stored RFC 3339 time.
pub fn beijing_date(stored: &str) -> Option<Date> {
    time::OffsetDateTime::parse(stored, &time::format_description::well_known::Rfc3339).ok().map(|t| t.to_offset(time::macros::offset!(+8)).date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_shipped_settings_parse_and_cite_their_sources() {
        let s = Settings::embedded();
        assert_eq!(s.rule(Stage::Received).unwrap().days, 15);
        assert!(s.rule(Stage::Received).unwrap().source.contains("信访条例"));
        assert_eq!(s.rule(Stage::UnderInvestigation).unwrap().from, From::Accepted);
        assert_eq!(s.extension.days, 30);
        assert!(!s.calendar.checked, "no holiday notice was read: the calendar is marked unverified");
        assert!(s.rule(Stage::Closed).is_none());
    }

    #[test]
    fn working_days_skip_the_weekend() {
        let s = Settings::embedded();
        // 2026-12-04 is a Friday: 2 working days later is Tuesday 12-08 (not Sunday).
        assert_eq!(date!(2026 - 12 - 04).weekday(), Weekday::Friday);
        assert_eq!(s.due(Stage::Accepted, date!(2026 - 12 - 04), None, false), Some(date!(2026 - 12 - 08)));
        // Received on a Saturday: 2 working days = Tuesday.
        assert_eq!(s.due(Stage::Accepted, date!(2026 - 12 - 05), None, false), Some(date!(2026 - 12 - 08)));
        // Monday: Wednesday.
        assert_eq!(s.due(Stage::Accepted, date!(2026 - 12 - 07), None, false), Some(date!(2026 - 12 - 09)));
        // Calendar days ignore weekends: 15 days from Friday 12-04 is Saturday 12-19.
        assert_eq!(s.due(Stage::Received, date!(2026 - 12 - 04), None, false), Some(date!(2026 - 12 - 19)));
    }

    #[test]
    fn overdue_is_the_day_after_the_due_day() {
        let s = Settings::embedded();
        let due = s.due(Stage::Accepted, date!(2026 - 12 - 04), None, false);
        assert!(!overdue(due, date!(2026 - 12 - 05)), "Saturday: not yet");
        assert!(!overdue(due, date!(2026 - 12 - 07)), "Monday: not yet");
        assert!(!overdue(due, date!(2026 - 12 - 08)), "the due day itself");
        assert!(overdue(due, date!(2026 - 12 - 09)));
    }

    #[test]
    fn holidays_and_adjusted_working_weekends_count() {
        let holidays = r#"
source = "test"
checked = true
holidays = ["2026-12-07"]
working_weekends = ["2026-12-05"]
"#;
        let s = Settings::parse(DEADLINES_TOML, holidays).unwrap();
        // Friday 12-04 + 2 working days: Saturday 12-05 works, Monday 12-07 is off → Tuesday 12-08.
        assert_eq!(s.due(Stage::Accepted, date!(2026 - 12 - 04), None, false), Some(date!(2026 - 12 - 08)));
        // From Saturday 12-05: Monday off, Tuesday, Wednesday.
        assert_eq!(s.due(Stage::Accepted, date!(2026 - 12 - 05), None, false), Some(date!(2026 - 12 - 09)));
        assert!(Calendar::parse("source=''\nchecked=false\nholidays=['2026-13-01']\nworking_weekends=[]").unwrap_err().contains("2026-13-01"));
    }

    #[test]
    fn the_handling_period_counts_from_acceptance_and_extends_once() {
        let s = Settings::embedded();
        let accepted = date!(2026 - 01 - 05);
        let started = date!(2026 - 01 - 20);
        assert_eq!(s.due(Stage::UnderInvestigation, started, Some(accepted), false), Some(date!(2026 - 03 - 06)));
        assert_eq!(s.due(Stage::UnderInvestigation, started, Some(accepted), true), Some(date!(2026 - 04 - 05)));
    }

    #[test]
    fn bad_settings_are_refused_with_the_section() {
        let bad = DEADLINES_TOML.replace("days = 15", "days = 0");
        assert!(Settings::parse(&bad, HOLIDAYS_TOML).unwrap_err().contains("[received]"));
        let missing = DEADLINES_TOML.replace("[answered]", "[answered_x]");
        assert!(Settings::parse(&missing, HOLIDAYS_TOML).unwrap_err().contains("answered"));
    }
}
