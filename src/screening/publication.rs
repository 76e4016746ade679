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

// ---------------------------------------------------------------- the published lists

/// The lists of the public portal (issue 14 item 1). What appears on one is decided by bureau
/// staff: per list (open or closed to the public, a setting) and per item (published or
/// withdrawn, `publication_items`, audited). An item is shown only while its list is open, the
/// item is still what the list is about (a case still under its rectification order, an
/// accepted campaign closure, a stored episode) and its decision says published. Closed
/// capacity is the exception of the seeds' own procedure: the case's 公示 step is the decision
/// to publish it (taken in the case's workflow, audited there); it can still be withdrawn here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PublicList {
    /// 限期整改企业名单: exit cases under a rectification order (rectifying, extension asked).
    Rectification,
    /// 落后产能退出公示名单: exit cases published after acceptance.
    Closed,
    /// 专项整治销号名单: campaign items accepted by the city (销号).
    Campaign,
    /// 超标排放情况: exceedance episodes of online monitoring.
    Exceedance,
}

impl PublicList {
    pub const ALL: [PublicList; 4] = [PublicList::Rectification, PublicList::Closed, PublicList::Campaign, PublicList::Exceedance];

    pub fn code(self) -> &'static str {
        match self {
            PublicList::Rectification => "rectification",
            PublicList::Closed => "closed",
            PublicList::Campaign => "campaign",
            PublicList::Exceedance => "exceedance",
        }
    }

    pub fn parse(s: &str) -> Option<PublicList> {
        PublicList::ALL.into_iter().find(|l| l.code() == s.trim())
    }

    /// The setting that closes the list to the public ("off"); absent or anything else: open.
    pub fn setting_key(self) -> String {
        format!("publication.list.{}", self.code())
    }

    /// Whether the list is open to the public under these settings.
    pub fn is_open(self, settings: &BTreeMap<String, String>) -> bool {
        settings.get(&self.setting_key()).map(|v| v.trim() != "off").unwrap_or(true)
    }

    /// Whether an item needs a decision to publish it (closed capacity: the case's own 公示 step is it).
    pub fn needs_decision(self) -> bool {
        !matches!(self, PublicList::Closed)
    }

    /// The file name of the list's CSV export.
    pub fn csv_name(self) -> &'static str {
        match self {
            PublicList::Rectification => "rectification.csv",
            PublicList::Closed => "closed.csv",
            PublicList::Campaign => "campaigns.csv",
            PublicList::Exceedance => "exceedances.csv",
        }
    }
}

/// The key of an exceedance episode in `publication_items`: its natural key, which survives
/// recomputation (episodes are replaced when judged again; their ids are not stable).
pub fn episode_key(credit_code: &str, outlet_code: &str, pollutant: &str, basis: &str, starts_at: i64) -> String {
    format!("{credit_code}|{outlet_code}|{pollutant}|{basis}|{starts_at}")
}

/// Check an item key given by a form for its list: a case or campaign item id is a positive
/// integer; an episode key has five parts, the last a time. `None`: not a key of this list.
pub fn check_item_key(list: PublicList, key: &str) -> Option<String> {
    let key = key.trim();
    match list {
        PublicList::Rectification | PublicList::Closed | PublicList::Campaign => key.parse::<i64>().ok().filter(|n| *n > 0).map(|n| n.to_string()),
        PublicList::Exceedance => {
            let parts: Vec<&str> = key.split('|').collect();
            (parts.len() == 5 && parts[..4].iter().all(|p| !p.is_empty() && p.len() <= 64) && parts[4].parse::<i64>().is_ok()).then(|| key.to_string())
        }
    }
}

#[cfg(test)]
mod list_tests {
    use super::*;

    #[test]
    fn lists_parse_open_and_check_their_keys() {
        for l in PublicList::ALL {
            assert_eq!(PublicList::parse(l.code()), Some(l));
        }
        assert_eq!(PublicList::parse("nothing"), None);
        let mut s = BTreeMap::new();
        assert!(PublicList::Campaign.is_open(&s));
        s.insert(PublicList::Campaign.setting_key(), "off".to_string());
        assert!(!PublicList::Campaign.is_open(&s));
        assert!(PublicList::Closed.is_open(&s));
        assert!(!PublicList::Closed.needs_decision() && PublicList::Rectification.needs_decision());
        assert_eq!(check_item_key(PublicList::Rectification, " 42 "), Some("42".into()));
        assert_eq!(check_item_key(PublicList::Campaign, "-1"), None);
        assert_eq!(check_item_key(PublicList::Closed, "x"), None);
        let k = episode_key("91610100MA6U000001", "DA001", "a21026", "hour", 1_780_000_000);
        assert_eq!(check_item_key(PublicList::Exceedance, &k), Some(k.clone()));
        assert_eq!(check_item_key(PublicList::Exceedance, "a|b|c"), None);
        assert_eq!(check_item_key(PublicList::Exceedance, "a|b|c|d|e"), None);
    }
}
