//! Supervision (督办) escalates as the seeds do: a reminder (提醒) first, then a circular
//! notice (通报), then an interview or summons (约谈). Each further step is issued only
//! for the same unit and subject, and only after the previous notice's answer date passed
//! without the matter being resolved.

use time::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Reminder,
    Circular,
    Interview,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Reminder, Level::Circular, Level::Interview];
    pub fn code(self) -> &'static str {
        match self {
            Level::Reminder => "reminder",
            Level::Circular => "circular",
            Level::Interview => "interview",
        }
    }
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == s)
    }
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Level::Reminder, true) => "督办提醒",
            (Level::Reminder, false) => "Reminder",
            (Level::Circular, true) => "通报",
            (Level::Circular, false) => "Circular notice",
            (Level::Interview, true) => "约谈",
            (Level::Interview, false) => "Interview (summons)",
        }
    }
    /// Days the unit has to answer.
    pub fn answer_days(self) -> i64 {
        match self {
            Level::Reminder => 7,
            Level::Circular => 5,
            Level::Interview => 3,
        }
    }
}

/// A notice already issued for the same unit and subject.
#[derive(Clone, Debug)]
pub struct Issued {
    pub level: Level,
    pub answer_by: Date,
}

/// The next notice to issue for a matter still open today, or None when the last notice's
/// answer date has not passed yet or the top of the ladder is reached.
pub fn next_level(history: &[Issued], today: Date) -> Option<Level> {
    let Some(last) = history.iter().max_by_key(|i| (i.level, i.answer_by)) else { return Some(Level::Reminder) };
    if today <= last.answer_by {
        return None;
    }
    match last.level {
        Level::Reminder => Some(Level::Circular),
        Level::Circular => Some(Level::Interview),
        Level::Interview => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn escalates_reminder_circular_interview() {
        let today = date!(2026 - 05 - 01);
        assert_eq!(next_level(&[], today), Some(Level::Reminder));
        let r = Issued { level: Level::Reminder, answer_by: date!(2026 - 05 - 08) };
        assert_eq!(next_level(std::slice::from_ref(&r), date!(2026 - 05 - 08)), None, "not before the answer date passed");
        assert_eq!(next_level(std::slice::from_ref(&r), date!(2026 - 05 - 09)), Some(Level::Circular));
        let c = Issued { level: Level::Circular, answer_by: date!(2026 - 05 - 14) };
        assert_eq!(next_level(&[r.clone(), c.clone()], date!(2026 - 05 - 15)), Some(Level::Interview));
        let i = Issued { level: Level::Interview, answer_by: date!(2026 - 05 - 18) };
        assert_eq!(next_level(&[r, c, i], date!(2026 - 06 - 30)), None, "the ladder ends at the interview");
    }
}
