//! Patrols of closed sites (防反弹): which sites are due on a day, and what a finding does.
//! A site is due `every_days` after its last patrol (or after it was closed). The cadence
//! is a campaign setting: 三河's grid rules patrol daily and cover every site weekly
//! (campaigns-complaints-facts §5, [V]); the default of 7 days follows that weekly cycle.

use time::Date;

pub const DEFAULT_EVERY_DAYS: i64 = 7;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    StillClosed,
    Reopened,
}

impl Finding {
    pub fn code(self) -> &'static str {
        match self {
            Finding::StillClosed => "still_closed",
            Finding::Reopened => "reopened",
        }
    }
    pub fn parse(s: &str) -> Option<Finding> {
        [Finding::StillClosed, Finding::Reopened].into_iter().find(|f| f.code() == s)
    }
    pub fn label(self) -> crate::i18n::Msg {
        use crate::i18n::catalogue::campaigns as C;
        match self {
            Finding::StillClosed => C::finding_still_closed(),
            Finding::Reopened => C::finding_reopened(),
        }
    }
}

/// The day a closed site is next due for a patrol.
pub fn due_on(closed_on: Date, last_patrol: Option<Date>, every_days: i64) -> Date {
    let from = last_patrol.map_or(closed_on, |p| p.max(closed_on));
    from + time::Duration::days(every_days.max(1))
}

/// Due today (or overdue) on `today`.
pub fn is_due(closed_on: Date, last_patrol: Option<Date>, every_days: i64, today: Date) -> bool {
    due_on(closed_on, last_patrol, every_days) <= today
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn sites_come_due_after_the_interval() {
        let closed = date!(2026 - 11 - 20);
        assert_eq!(due_on(closed, None, 7), date!(2026 - 11 - 27));
        assert!(is_due(closed, None, 7, date!(2026 - 12 - 02)));
        assert!(!is_due(closed, Some(date!(2026 - 11 - 30)), 7, date!(2026 - 12 - 02)));
        assert_eq!(due_on(closed, Some(date!(2026 - 11 - 30)), 0), date!(2026 - 12 - 01), "at least daily");
        assert_eq!(Finding::parse("reopened"), Some(Finding::Reopened));
    }
}
