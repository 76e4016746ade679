//! One campaign item's state machine: identification (criteria, confirm or exclude),
//! disposition, the disposition's checklist (each step with its evidence), completion,
//! two-level acceptance (county, then city = 销号), reopening (audited) and the
//! overdue upgrade that turns into a closure. No I/O: `storage::campaigns` persists it.

use std::collections::BTreeMap;

use time::Date;

use super::definition::{CampaignType, ValueKind, WorkflowKind};
use super::survey::{Status, Verdict};
use crate::i18n::catalogue::campaigns as C;
use crate::i18n::{Arg, Msg};

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ItemState {
    pub verdict: Option<Verdict>,
    pub criteria: Vec<String>,
    pub disposition: Option<String>,
    pub status: Option<Status>,
    pub deadline: Option<Date>,
    /// Steps done in the current round, with their recorded value.
    pub steps: BTreeMap<String, String>,
    /// Photos attached to each step in the current round.
    pub photos: BTreeMap<String, usize>,
    /// Incremented when a case is reopened or converted: earlier steps stay in the record.
    pub round: i64,
    /// Enterprise size class, for deadlines by size.
    pub size_class: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    CheckCriteria(Vec<String>),
    Confirm,
    Exclude { reason: String },
    Assign { disposition: String, deadline: Option<Date> },
    DoStep { step: String, value: String },
    Complete,
    AcceptCounty { opinion: String, inspectors: Vec<String> },
    AcceptCity { opinion: String, inspectors: Vec<String> },
    Reopen { reason: String },
    ConvertOverdue,
}

impl Action {
    pub fn code(&self) -> &'static str {
        match self {
            Action::CheckCriteria(_) => "check_criteria",
            Action::Confirm => "confirm",
            Action::Exclude { .. } => "exclude",
            Action::Assign { .. } => "assign",
            Action::DoStep { .. } => "do_step",
            Action::Complete => "complete",
            Action::AcceptCounty { .. } => "accept_county",
            Action::AcceptCity { .. } => "accept_city",
            Action::Reopen { .. } => "reopen",
            Action::ConvertOverdue => "convert_overdue",
        }
    }

    /// The label of an action code stored with an item's events (the actions above, and
    /// `import`, `patrol`, `field_check`); `None` for a code the catalogue does not know.
    pub fn label(code: &str) -> Option<Msg> {
        Msg::from_code(&format!("campaigns.action.{code}"), vec![])
    }
}

fn need(ok: bool, reason: Msg) -> Result<(), Msg> {
    if ok { Ok(()) } else { Err(reason) }
}

fn status_name(s: Option<Status>) -> Msg {
    s.map(Status::label).unwrap_or_else(C::no_status)
}

fn step_name(s: &super::definition::Step) -> Arg {
    Arg::both(&s.zh, &s.en)
}

/// The steps of a disposition not yet done, in both languages.
fn missing_steps(d: &super::definition::Disposition, c: &ItemState) -> Option<Arg> {
    let missing: Vec<&super::definition::Step> = d.step.iter().filter(|s| !c.steps.contains_key(&s.code)).collect();
    let zh: Vec<&str> = missing.iter().map(|s| s.zh.as_str()).collect();
    let en: Vec<&str> = missing.iter().map(|s| s.en.as_str()).collect();
    (!missing.is_empty()).then(|| Arg::both(zh.join("、"), en.join(", ")))
}

/// Apply one action, or say why it is refused. Nothing changes on refusal.
pub fn step(kind: &CampaignType, c: &ItemState, action: &Action, today: Date) -> Result<ItemState, Msg> {
    let mut next = c.clone();
    let confirmed = c.verdict == Some(Verdict::Confirmed);
    let disposition = c.disposition.as_deref().and_then(|d| kind.disposition(d));
    match action {
        Action::CheckCriteria(list) => {
            need(c.verdict == Some(Verdict::Pending) || (confirmed && c.status == Some(Status::NotStarted)), C::criteria_phase())?;
            for code in list {
                need(kind.criterion(code).is_some(), C::unknown_criterion(code))?;
            }
            next.criteria = list.clone();
        }
        Action::Confirm => {
            need(c.verdict == Some(Verdict::Pending), C::confirm_only_pending())?;
            need(!c.criteria.is_empty(), C::confirm_needs_criterion())?;
            next.verdict = Some(Verdict::Confirmed);
            next.status = Some(Status::NotStarted);
        }
        Action::Exclude { reason } => {
            need(c.verdict == Some(Verdict::Pending) || (confirmed && c.status == Some(Status::NotStarted)), C::exclude_after_start())?;
            need(!reason.trim().is_empty(), C::exclude_needs_reason())?;
            next.verdict = Some(Verdict::Excluded);
            next.status = None;
            next.disposition = None;
            next.deadline = None;
        }
        Action::Assign { disposition: code, deadline } => {
            need(confirmed, C::assign_only_confirmed())?;
            need(c.status == Some(Status::NotStarted), C::assign_started())?;
            let d = kind.disposition(code).ok_or_else(|| C::unknown_disposition(code, kind.disposition.iter().map(|d| d.code.as_str()).collect::<Vec<_>>().join(", ")))?;
            let deadline = deadline.or_else(|| d.deadline_for(&c.size_class));
            if d.workflow == WorkflowKind::Upgrade {
                need(deadline.is_some(), C::upgrade_needs_deadline())?;
            }
            next.disposition = Some(d.code.clone());
            next.deadline = deadline;
        }
        Action::DoStep { step, value } => {
            need(confirmed, C::steps_only_confirmed())?;
            let d = disposition.ok_or_else(C::assign_first)?;
            need(matches!(c.status, Some(Status::NotStarted | Status::InProgress)), C::no_steps_in_state(status_name(c.status)))?;
            let s = d.step(step).ok_or_else(|| C::unknown_step(Arg::both(&d.label, &d.en), step))?;
            need(!c.steps.contains_key(step), C::step_done(step_name(s)))?;
            if s.photo {
                need(c.photos.get(step).copied().unwrap_or(0) > 0, C::step_needs_photo(step_name(s)))?;
            }
            match s.value {
                Some(ValueKind::Text) => need(!value.trim().is_empty(), C::step_needs_value(step_name(s)))?,
                Some(ValueKind::Date) => need(crate::storage::cases::parse_day(value).is_some(), C::step_needs_date(step_name(s)))?,
                None => {}
            }
            next.steps.insert(step.clone(), value.trim().to_string());
            next.status = Some(Status::InProgress);
        }
        Action::Complete => {
            need(c.status == Some(Status::InProgress), C::complete_only_in_progress(status_name(c.status)))?;
            let d = disposition.ok_or_else(C::assign_first)?;
            if let Some(missing) = missing_steps(d, c) {
                return Err(C::steps_not_done(missing));
            }
            next.status = Some(Status::Completed);
        }
        Action::AcceptCounty { opinion, inspectors } | Action::AcceptCity { opinion, inspectors } => {
            let county = matches!(action, Action::AcceptCounty { .. });
            let (from, to) = if county { (Status::Completed, Status::CountyAccepted) } else { (Status::CountyAccepted, Status::Accepted) };
            if c.status != Some(from) {
                // The most common mistake is named precisely: accepting a closure whose steps are not done.
                if let (Some(d), true) = (disposition, c.status < Some(Status::Completed)) {
                    if let Some(missing) = missing_steps(d, c) {
                        return Err(C::accept_steps_not_done(missing));
                    }
                }
                return Err(if county { C::county_follows_completion(status_name(c.status)) } else { C::city_follows_county(status_name(c.status)) });
            }
            need(!opinion.trim().is_empty(), C::opinion_required())?;
            need(!inspectors.is_empty(), C::inspectors_required())?;
            next.status = Some(to);
        }
        Action::Reopen { reason } => {
            need(c.status.is_some_and(Status::done), C::reopen_only_done())?;
            need(!reason.trim().is_empty(), C::reopen_needs_reason())?;
            next.status = Some(Status::InProgress);
            next.steps.clear();
            next.photos.clear();
            next.round += 1;
        }
        Action::ConvertOverdue => {
            let d = disposition.ok_or_else(C::no_disposition)?;
            let into = d.overdue_becomes.as_deref().ok_or_else(|| C::no_overdue_conversion(Arg::both(&d.label, &d.en)))?;
            need(overdue_days(c, today).is_some(), C::not_overdue())?;
            next.disposition = Some(into.to_string());
            next.status = Some(Status::NotStarted);
            next.deadline = None;
            next.steps.clear();
            next.photos.clear();
            next.round += 1;
        }
    }
    Ok(next)
}

/// Days past the deadline (a confirmed case not yet completed).
pub fn overdue_days(c: &ItemState, today: Date) -> Option<i64> {
    let d = c.deadline?;
    let open = c.verdict == Some(Verdict::Confirmed) && c.status.is_some_and(|s| !s.done());
    (open && today > d).then(|| (today - d).whole_days())
}

/// The actions a page offers in this state (those that could succeed with complete input).
pub fn offered(kind: &CampaignType, c: &ItemState, today: Date) -> Vec<&'static str> {
    let mut out = Vec::new();
    match (c.verdict, c.status) {
        (Some(Verdict::Pending), _) => out.extend(["check_criteria", "confirm", "exclude"]),
        (Some(Verdict::Confirmed), Some(Status::NotStarted)) => {
            out.extend(["check_criteria", "exclude", "assign"]);
            if c.disposition.is_some() {
                out.push("do_step");
            }
        }
        (Some(Verdict::Confirmed), Some(Status::InProgress)) => out.extend(["do_step", "complete"]),
        (Some(Verdict::Confirmed), Some(Status::Completed)) => out.extend(["accept_county", "reopen"]),
        (Some(Verdict::Confirmed), Some(Status::CountyAccepted)) => out.extend(["accept_city", "reopen"]),
        (Some(Verdict::Confirmed), Some(Status::Accepted)) => out.push("reopen"),
        _ => {}
    }
    if step(kind, c, &Action::ConvertOverdue, today).is_ok() {
        out.push("convert_overdue");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaigns::definition::builtin;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 02);

    fn pending() -> ItemState {
        ItemState { verdict: Some(Verdict::Pending), ..Default::default() }
    }

    fn go(kind: &CampaignType, c: &ItemState, a: Action) -> ItemState {
        step(kind, c, &a, TODAY).unwrap_or_else(|e| panic!("{a:?}: {e}"))
    }

    fn refused(kind: &CampaignType, c: &ItemState, a: Action, why: &str) {
        let e = step(kind, c, &a, TODAY).expect_err(&format!("{a:?} should be refused"));
        let (zh, en) = (e.render(crate::i18n::Lang::Zh), e.render(crate::i18n::Lang::En));
        assert!(en.contains(why) || zh.contains(why), "{a:?}: {en} / {zh}");
        assert!(!crate::i18n::has_chinese(&en), "{a:?}: the English refusal has no Chinese: {en}");
    }

    #[test]
    fn a_closure_walks_to_acceptance_and_refuses_every_shortcut() {
        let k = builtin("sanluanwu").unwrap();
        let c = pending();
        refused(&k, &c, Action::Confirm, "at least one criterion");
        refused(&k, &c, Action::CheckCriteria(vec!["nonsense".into()]), "unknown criterion");
        refused(&k, &c, Action::Exclude { reason: " ".into() }, "reason");
        refused(&k, &c, Action::Assign { disposition: "shutdown".into(), deadline: None }, "only confirmed");
        let c = go(&k, &c, Action::CheckCriteria(vec!["wu_no_controls".into(), "luan_procedures".into()]));
        let c = go(&k, &c, Action::Confirm);
        refused(&k, &c, Action::Confirm, "only candidates to be checked");
        refused(&k, &c, Action::Assign { disposition: "demolish".into(), deadline: None }, "unknown disposition");
        refused(&k, &c, Action::DoStep { step: "cut_water".into(), value: String::new() }, "assign a disposition first");
        let c = go(&k, &c, Action::Assign { disposition: "shutdown".into(), deadline: None });
        refused(&k, &c, Action::DoStep { step: "cut_water".into(), value: String::new() }, "attach a photo");
        refused(&k, &c, Action::DoStep { step: "controls".into(), value: String::new() }, "unknown step");
        refused(&k, &c, Action::AcceptCounty { opinion: "同意".into(), inspectors: vec!["王".into()] }, "cannot accept: steps not done");
        let mut c = c;
        for s in ["cut_water", "cut_power", "clear_materials", "clear_products"] {
            c.photos.insert(s.into(), 1);
            c = go(&k, &c, Action::DoStep { step: s.into(), value: String::new() });
        }
        assert_eq!(c.status, Some(Status::InProgress));
        refused(&k, &c, Action::DoStep { step: "cut_water".into(), value: String::new() }, "already done");
        refused(&k, &c, Action::Complete, "清除生产设备");
        refused(&k, &c, Action::Exclude { reason: "误报".into() }, "cannot exclude");
        refused(&k, &c, Action::Assign { disposition: "upgrade".into(), deadline: Some(TODAY) }, "has started");
        c.photos.insert("clear_equipment".into(), 2);
        let c = go(&k, &c, Action::DoStep { step: "clear_equipment".into(), value: String::new() });
        refused(&k, &c, Action::AcceptCity { opinion: "同意".into(), inspectors: vec!["王".into()] }, "follows");
        let c = go(&k, &c, Action::Complete);
        refused(&k, &c, Action::AcceptCity { opinion: "同意".into(), inspectors: vec!["王".into()] }, "city acceptance follows county");
        refused(&k, &c, Action::AcceptCounty { opinion: "".into(), inspectors: vec!["王".into()] }, "opinion");
        refused(&k, &c, Action::AcceptCounty { opinion: "同意".into(), inspectors: vec![] }, "inspectors");
        let c = go(&k, &c, Action::AcceptCounty { opinion: "两断三清到位".into(), inspectors: vec!["王".into(), "李".into()] });
        let c = go(&k, &c, Action::AcceptCity { opinion: "同意销号".into(), inspectors: vec!["赵".into()] });
        assert_eq!(c.status, Some(Status::Accepted));
        assert_eq!(offered(&k, &c, TODAY), ["reopen"]);
        refused(&k, &c, Action::Reopen { reason: "".into() }, "reason");
        let c = go(&k, &c, Action::Reopen { reason: "巡查发现恢复生产".into() });
        assert_eq!((c.status, c.round, c.steps.len()), (Some(Status::InProgress), 1, 0), "a reopened case redoes its steps");
    }

    #[test]
    fn overdue_upgrades_turn_into_closures() {
        let k = builtin("sanluanwu").unwrap();
        let mut c = pending();
        c.criteria = vec!["wu_incomplete_controls".into()];
        let c = go(&k, &c, Action::Confirm);
        refused(&k, &c, Action::Assign { disposition: "upgrade".into(), deadline: None }, "needs its deadline");
        let c = go(&k, &c, Action::Assign { disposition: "upgrade".into(), deadline: Some(date!(2026 - 11 - 30)) });
        refused(&k, &c, Action::DoStep { step: "procedures".into(), value: " ".into() }, "fill in the value");
        let c = go(&k, &c, Action::DoStep { step: "procedures".into(), value: "环评批复 X环批〔2026〕1号".into() });
        assert_eq!(overdue_days(&c, TODAY), Some(2));
        assert!(offered(&k, &c, TODAY).contains(&"convert_overdue"));
        let c = step(&k, &c, &Action::ConvertOverdue, TODAY).unwrap();
        assert_eq!((c.disposition.as_deref(), c.status, c.round), (Some("shutdown"), Some(Status::NotStarted), 1));
        assert!(c.steps.is_empty());
        let early = ItemState { deadline: Some(date!(2027 - 01 - 01)), ..c.clone() };
        assert_eq!(overdue_days(&early, TODAY), None);
        let upgrade_in_time = ItemState { disposition: Some("upgrade".into()), status: Some(Status::InProgress), ..early };
        refused(&k, &upgrade_in_time, Action::ConvertOverdue, "not overdue");
    }

    #[test]
    fn relocation_deadlines_follow_size_and_dates_are_checked() {
        let k = builtin("relocation").unwrap();
        let mut c = ItemState { verdict: Some(Verdict::Confirmed), status: Some(Status::NotStarted), size_class: "large".into(), ..Default::default() };
        c = go(&k, &c, Action::Assign { disposition: "to_park".into(), deadline: None });
        assert_eq!(c.deadline, Some(date!(2025 - 12 - 31)));
        refused(&k, &c, Action::DoStep { step: "move_date".into(), value: "next spring".into() }, "a date");
        let c = go(&k, &c, Action::DoStep { step: "move_date".into(), value: "2025-06-30".into() });
        assert_eq!(c.steps["move_date"], "2025-06-30");
    }
}
