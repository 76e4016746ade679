//! What the published lists must say about themselves: who issues them, the publication
//! period and how to object. Kept as operator settings (`lantian publication set`); the demo
//! city gets fictional values. No I/O.

use std::collections::BTreeMap;

use time::Date;

pub const ISSUER: &str = "publication.issuer";
pub const FROM: &str = "publication.from";
pub const TO: &str = "publication.to";
pub const OBJECTION: &str = "publication.objection";

/// Longest text accepted for the issuer or the objection channel.
pub const MAX_TEXT: usize = 500;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Publication {
    /// 发布机关, e.g. 青岚市工业和信息化局.
    pub issuer: String,
    /// 公示期 (first and last day).
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// 异议渠道: where and how to object within the period (office, address, phone, e-mail).
    pub objection: String,
}

fn day(s: &str) -> Option<Date> {
    Date::parse(s.trim(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}

pub fn format_day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

impl Publication {
    pub fn from_settings(s: &BTreeMap<String, String>) -> Publication {
        let get = |k: &str| s.get(k).cloned().unwrap_or_default();
        Publication { issuer: get(ISSUER), from: day(&get(FROM)), to: day(&get(TO)), objection: get(OBJECTION) }
    }

    /// Check texts given by an operator (dates as YYYY-MM-DD; empty leaves a field unset).
    /// Every problem is reported at once, in Chinese and English.
    pub fn parse(issuer: &str, from: &str, to: &str, objection: &str) -> Result<Publication, Vec<String>> {
        let mut problems = Vec::new();
        let date = |label: &str, v: &str, problems: &mut Vec<String>| {
            if v.trim().is_empty() {
                return None;
            }
            let d = day(v);
            if d.is_none() {
                problems.push(format!("{label} {v:?} 不是日期(应为 YYYY-MM-DD) / is not a date (YYYY-MM-DD)"));
            }
            d
        };
        let from_d = date("公示开始日期 / first day", from, &mut problems);
        let to_d = date("公示结束日期 / last day", to, &mut problems);
        if let (Some(a), Some(b)) = (from_d, to_d) {
            if b < a {
                problems.push(format!("公示结束日期 {} 早于开始日期 {} / the last day is before the first", format_day(b), format_day(a)));
            }
        }
        for (label, v) in [("发布机关 / issuer", issuer), ("异议渠道 / objection channel", objection)] {
            if v.chars().count() > MAX_TEXT {
                problems.push(format!("{label}: 超过 {MAX_TEXT} 字 / longer than {MAX_TEXT} characters"));
            }
        }
        if problems.is_empty() {
            Ok(Publication { issuer: issuer.trim().into(), from: from_d, to: to_d, objection: objection.trim().into() })
        } else {
            Err(problems)
        }
    }

    /// The settings this publication is stored as.
    pub fn settings(&self) -> Vec<(&'static str, String)> {
        vec![
            (ISSUER, self.issuer.clone()),
            (FROM, self.from.map(format_day).unwrap_or_default()),
            (TO, self.to.map(format_day).unwrap_or_default()),
            (OBJECTION, self.objection.clone()),
        ]
    }

    /// Whether `today` is inside the publication period (None when no period is set).
    pub fn open_on(&self, today: Date) -> Option<bool> {
        match (self.from, self.to) {
            (Some(a), Some(b)) => Some(a <= today && today <= b),
            (Some(a), None) => Some(a <= today),
            (None, Some(b)) => Some(today <= b),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn all_problems_at_once() {
        let e = Publication::parse(&"局".repeat(501), "2026-13-01", "yesterday", "").unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
        let e = Publication::parse("", "2026-12-10", "2026-12-01", "").unwrap_err();
        assert!(e[0].contains("早于"), "{e:?}");
    }

    #[test]
    fn round_trip_and_period() {
        let p = Publication::parse("青岚市工业和信息化局", "2026-12-01", "2026-12-10", "电话 0000").unwrap();
        let settings: BTreeMap<String, String> = p.settings().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(Publication::from_settings(&settings), p);
        assert_eq!(p.open_on(date!(2026 - 12 - 05)), Some(true));
        assert_eq!(p.open_on(date!(2026 - 12 - 11)), Some(false));
        assert_eq!(Publication::default().open_on(date!(2026 - 12 - 11)), None);
    }
}
