//! The backward-capacity exit workflow: one case per enterprise and screening run (with
//! all its findings), an explicit state machine. Invalid steps are refused with every
//! reason at once; deadlines follow the rules of the work plans (rectify within 6 months,
//! at most one extension of at most 3 months; an exit deadline is stated and not in the
//! past); acceptance is by other accounts than the on-site work (`check_actor`).
//! No I/O: `storage::cases` persists what this decides.

use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Identified,
    Notified,
    Rectifying,
    ExtensionRequested,
    Compliant,
    ExitOrdered,
    UtilitiesCut,
    DriveUnitsRemoved,
    Sealed,
    Dismantled,
    CountyAccepted,
    CityAccepted,
    Published,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Notify,
    StartRectification,
    RequestExtension,
    GrantExtension,
    RefuseExtension,
    VerifyCompliant,
    OrderExit,
    CutUtilities,
    RemoveDriveUnits,
    Seal,
    Dismantle,
    AcceptCounty,
    AcceptCity,
    Publish,
}

pub const RECTIFY_MONTHS: u8 = 6;
pub const MAX_EXTENSION_MONTHS: u8 = 3;

impl State {
    pub const ALL: [State; 13] = [
        State::Identified,
        State::Notified,
        State::Rectifying,
        State::ExtensionRequested,
        State::Compliant,
        State::ExitOrdered,
        State::UtilitiesCut,
        State::DriveUnitsRemoved,
        State::Sealed,
        State::Dismantled,
        State::CountyAccepted,
        State::CityAccepted,
        State::Published,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::Identified => "identified",
            State::Notified => "notified",
            State::Rectifying => "rectifying",
            State::ExtensionRequested => "extension_requested",
            State::Compliant => "compliant",
            State::ExitOrdered => "exit_ordered",
            State::UtilitiesCut => "utilities_cut",
            State::DriveUnitsRemoved => "drive_units_removed",
            State::Sealed => "sealed",
            State::Dismantled => "dismantled",
            State::CountyAccepted => "county_accepted",
            State::CityAccepted => "city_accepted",
            State::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            State::Identified => "已识别",
            State::Notified => "已告知",
            State::Rectifying => "限期整改中",
            State::ExtensionRequested => "申请延期",
            State::Compliant => "整改达标",
            State::ExitOrdered => "责令退出",
            State::UtilitiesCut => "已断水断电",
            State::DriveUnitsRemoved => "已拆除动力装置",
            State::Sealed => "主体设备已封存",
            State::Dismantled => "已拆除",
            State::CountyAccepted => "县级验收通过",
            State::CityAccepted => "市级验收通过",
            State::Published => "已公示",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Zh { self.label_zh() } else { self.label_en() }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            State::Identified => "identified",
            State::Notified => "notified",
            State::Rectifying => "rectifying",
            State::ExtensionRequested => "extension requested",
            State::Compliant => "compliant (verified)",
            State::ExitOrdered => "exit ordered",
            State::UtilitiesCut => "utilities cut",
            State::DriveUnitsRemoved => "drive units removed",
            State::Sealed => "main equipment sealed",
            State::Dismantled => "dismantled",
            State::CountyAccepted => "accepted by county",
            State::CityAccepted => "accepted by city",
            State::Published => "published",
        }
    }

    /// States in which a deadline runs (and can be overdue).
    pub fn has_deadline(self) -> bool {
        matches!(self, State::Rectifying | State::ExtensionRequested | State::ExitOrdered | State::UtilitiesCut | State::DriveUnitsRemoved)
    }

    /// The capacity has left production (counted in the exit statistics).
    pub fn exited(self) -> bool {
        matches!(self, State::Sealed | State::Dismantled | State::CountyAccepted | State::CityAccepted | State::Published)
    }
}

impl Action {
    pub const ALL: [Action; 14] = [
        Action::Notify,
        Action::StartRectification,
        Action::RequestExtension,
        Action::GrantExtension,
        Action::RefuseExtension,
        Action::VerifyCompliant,
        Action::OrderExit,
        Action::CutUtilities,
        Action::RemoveDriveUnits,
        Action::Seal,
        Action::Dismantle,
        Action::AcceptCounty,
        Action::AcceptCity,
        Action::Publish,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Notify => "notify",
            Action::StartRectification => "start_rectification",
            Action::RequestExtension => "request_extension",
            Action::GrantExtension => "grant_extension",
            Action::RefuseExtension => "refuse_extension",
            Action::VerifyCompliant => "verify_compliant",
            Action::OrderExit => "order_exit",
            Action::CutUtilities => "cut_utilities",
            Action::RemoveDriveUnits => "remove_drive_units",
            Action::Seal => "seal",
            Action::Dismantle => "dismantle",
            Action::AcceptCounty => "accept_county",
            Action::AcceptCity => "accept_city",
            Action::Publish => "publish",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Action::Notify => "告知企业",
            Action::StartRectification => "下达限期整改(6个月)",
            Action::RequestExtension => "申请延期(≤3个月,限一次)",
            Action::GrantExtension => "批准延期",
            Action::RefuseExtension => "不予延期",
            Action::VerifyCompliant => "核实整改达标",
            Action::OrderExit => "责令退出",
            Action::CutUtilities => "断水断电",
            Action::RemoveDriveUnits => "拆除动力装置",
            Action::Seal => "封存主体设备(企业公开承诺)",
            Action::Dismantle => "拆除主体设备",
            Action::AcceptCounty => "县级现场验收",
            Action::AcceptCity => "市级现场验收",
            Action::Publish => "公示",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Action::Notify => "Notify the enterprise",
            Action::StartRectification => "Order rectification (6 months)",
            Action::RequestExtension => "Request an extension (≤ 3 months, once)",
            Action::GrantExtension => "Grant the extension",
            Action::RefuseExtension => "Refuse the extension",
            Action::VerifyCompliant => "Verify rectification as compliant",
            Action::OrderExit => "Order exit",
            Action::CutUtilities => "Cut water and power",
            Action::RemoveDriveUnits => "Remove drive units",
            Action::Seal => "Seal the main equipment (public pledge)",
            Action::Dismantle => "Dismantle the main equipment",
            Action::AcceptCounty => "County on-site acceptance",
            Action::AcceptCity => "City on-site acceptance",
            Action::Publish => "Publish",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Zh { self.label_zh() } else { self.label_en() }
    }
}

/// What a step carries; each action checks the fields it needs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct StepInput {
    /// The day the step takes effect (defaults to today; deadlines are checked against it).
    pub date: Option<Date>,
    /// Exit deadline (order_exit), e.g. from the rule's "eliminate by" date; required.
    pub deadline: Option<Date>,
    /// Extension length in months (request_extension).
    pub months: Option<u8>,
    pub note: String,
    /// Public pledge text (seal).
    pub pledge: String,
    /// Acceptance opinion (accept_county, accept_city).
    pub opinion: String,
    /// Inspector names (acceptance, verification).
    pub inspectors: Vec<String>,
    /// Photo counts by stage attached to the case: before, during, after.
    pub photos: [usize; 3],
}

/// The case as the machine sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseState {
    pub state: State,
    pub outcome: String,
    pub deadline: Option<Date>,
    pub extension_used: bool,
    pub requested_months: Option<u8>,
    /// The case went through dismantling (vs sealing).
    pub dismantled: bool,
}

/// What applying a step changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub next: CaseState,
}

fn add_months(d: Date, months: u8) -> Date {
    let total = d.month() as i32 - 1 + months as i32;
    let year = d.year() + total.div_euclid(12);
    let month = time::Month::try_from((total.rem_euclid(12) + 1) as u8).expect("1..=12");
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, d.day().min(last)).expect("valid day")
}

/// Why a step is refused: every problem with the input at once (not the first only), in
/// Chinese and English.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refusal {
    pub problems: Vec<Problem>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub zh: String,
    pub en: String,
}

impl Refusal {
    pub fn single(zh: impl Into<String>, en: impl Into<String>) -> Refusal {
        Refusal::one(zh, en)
    }

    fn one(zh: impl Into<String>, en: impl Into<String>) -> Refusal {
        Refusal { problems: vec![Problem { zh: zh.into(), en: en.into() }] }
    }

    fn need(&mut self, ok: bool, zh: impl Into<String>, en: impl Into<String>) {
        if !ok {
            self.problems.push(Problem { zh: zh.into(), en: en.into() });
        }
    }

    fn into_result(self) -> Result<(), Refusal> {
        if self.problems.is_empty() { Ok(()) } else { Err(self) }
    }

    pub fn extend(&mut self, other: Refusal) {
        self.problems.extend(other.problems);
    }

    /// Whether any problem mentions `text` (in either language).
    pub fn contains(&self, text: &str) -> bool {
        self.problems.iter().any(|p| p.zh.contains(text) || p.en.contains(text))
    }

    /// The problems in one language, one per line.
    pub fn text(&self, zh: bool) -> String {
        self.problems.iter().map(|p| if zh { p.zh.as_str() } else { p.en.as_str() }).collect::<Vec<_>>().join("\n")
    }
}

impl Refusal {
    /// Every problem, in both languages, for a message parameter (`Arg::Both`).
    pub fn both(&self) -> crate::i18n::Arg {
        let join = |f: fn(&Problem) -> &str| self.problems.iter().map(f).collect::<Vec<_>>().join("; ");
        crate::i18n::Arg::both(join(|p| p.zh.as_str()), join(|p| p.en.as_str()))
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problems.iter().map(|p| format!("{} ({})", p.en, p.zh)).collect::<Vec<_>>().join("; "))
    }
}

/// The actions open from a state, given complete input (the buttons on the case page).
pub fn available(c: &CaseState) -> Vec<Action> {
    Action::ALL.into_iter().filter(|a| step(c, *a, &probe_input()).is_ok()).collect()
}

/// Input that satisfies every field check, so only the state decides.
fn probe_input() -> StepInput {
    StepInput {
        deadline: Some(time::OffsetDateTime::now_utc().date()),
        months: Some(1),
        inspectors: vec!["a".into(), "b".into()],
        opinion: "x".into(),
        pledge: "x".into(),
        photos: [1, 1, 1],
        ..Default::default()
    }
}

/// Steps done on site to take the capacity out of production.
pub const EXECUTION: [Action; 4] = [Action::CutUtilities, Action::RemoveDriveUnits, Action::Seal, Action::Dismantle];

/// Separation of duties the work plans imply ("市县两级现场验收"): whoever recorded the
/// dismantling or sealing does not accept it, and the city's acceptance is signed by a
/// different account than the county's. `history` is (action, account) of the steps taken.
pub fn check_actor(action: Action, actor: &str, history: &[(Action, String)]) -> Result<(), Refusal> {
    let did = |a: &[Action]| history.iter().any(|(h, who)| a.contains(h) && who == actor);
    let mut r = Refusal::default();
    match action {
        Action::AcceptCounty => r.need(
            !did(&EXECUTION),
            "断电、拆除或封存由您办理,县级验收须由其他人员签署",
            "you recorded the on-site exit (utilities, drive units, sealing or dismantling); the county acceptance must be signed by another account",
        ),
        Action::AcceptCity => {
            r.need(!did(&[Action::AcceptCounty]), "县级验收由您签署,市级验收须由其他人员签署", "you signed the county acceptance; the city acceptance must be signed by a different account");
            r.need(
                !did(&EXECUTION),
                "断电、拆除或封存由您办理,市级验收须由其他人员签署",
                "you recorded the on-site exit; the city acceptance must be signed by another account",
            );
        }
        _ => {}
    }
    r.into_result()
}

/// Apply one step, or say everything that is wrong with it.
pub fn step(c: &CaseState, action: Action, input: &StepInput) -> Result<Applied, Refusal> {
    use Action as A;
    use State as S;
    let today = input.date.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    let mut next = c.clone();
    let mut r = Refusal::default();
    let wrong_state = || {
        Err(Refusal::one(
            format!("当前状态“{}”下不能办理“{}”", c.state.label_zh(), action.label_zh()),
            format!("{} is not possible in state {} ({})", action.code(), c.state.code(), c.state.label_en()),
        ))
    };
    match (c.state, action) {
        (S::Identified, A::Notify) => next.state = S::Notified,
        (S::Notified, A::StartRectification) => {
            r.need(
                c.outcome == "rectify",
                "只有处置方式为限期整改的问题才能下达整改期限,请改为责令退出",
                "only findings whose outcome is rectification get a rectification deadline; order exit instead",
            );
            next.state = S::Rectifying;
            next.deadline = Some(add_months(today, RECTIFY_MONTHS));
        }
        (S::Rectifying, A::RequestExtension) => {
            r.need(!c.extension_used, "延期只能申请一次,已用过", "the one extension has already been used");
            match input.months {
                None => r.need(false, "请填写延期月数", "give the extension in months"),
                Some(m) => r.need((1..=MAX_EXTENSION_MONTHS).contains(&m), "延期为 1 至 3 个月", "an extension is 1 to 3 months"),
            }
            next.state = S::ExtensionRequested;
            next.requested_months = input.months;
        }
        (S::ExtensionRequested, A::GrantExtension) => {
            let months = c.requested_months.ok_or_else(|| Refusal::one("没有延期申请", "no extension was requested"))?;
            next.state = S::Rectifying;
            next.extension_used = true;
            next.deadline = c.deadline.map(|d| add_months(d, months));
            next.requested_months = None;
        }
        (S::ExtensionRequested, A::RefuseExtension) => {
            next.state = S::Rectifying;
            next.extension_used = true;
            next.requested_months = None;
        }
        (S::Rectifying, A::VerifyCompliant) => {
            r.need(!input.inspectors.is_empty(), "请填写核实整改情况的人员", "name the inspector(s) who verified the rectification");
            next.state = S::Compliant;
            next.deadline = None;
        }
        (S::Notified | S::Rectifying | S::ExtensionRequested, A::OrderExit) => {
            // The deadline is always stated, never a silent "today", and never in the past.
            match input.deadline {
                None => r.need(false, "请填写退出期限", "give the exit deadline"),
                Some(d) => r.need(
                    d >= today,
                    format!("退出期限 {d} 早于今天({today}),请填写今天或以后的日期"),
                    format!("the exit deadline {d} is before today ({today}); give today or a later day"),
                ),
            }
            next.state = S::ExitOrdered;
            next.deadline = input.deadline;
            next.requested_months = None;
        }
        (S::ExitOrdered, A::CutUtilities) => next.state = S::UtilitiesCut,
        (S::UtilitiesCut, A::RemoveDriveUnits) => next.state = S::DriveUnitsRemoved,
        (S::DriveUnitsRemoved, A::Seal) => {
            r.need(!input.pledge.trim().is_empty(), "封存须有企业不再恢复生产的公开承诺", "sealing needs the enterprise's public pledge not to restart");
            next.state = S::Sealed;
            next.deadline = None;
        }
        (S::ExitOrdered | S::UtilitiesCut | S::DriveUnitsRemoved | S::Sealed, A::Dismantle) => {
            next.state = S::Dismantled;
            next.dismantled = true;
            next.deadline = None;
        }
        (S::Sealed | S::Dismantled, A::AcceptCounty) | (S::CountyAccepted, A::AcceptCity) => {
            r.need(input.inspectors.len() >= 2, "现场验收至少需要两名验收人员", "on-site acceptance needs at least two inspectors");
            r.need(!input.opinion.trim().is_empty(), "请填写验收意见", "write the acceptance opinion (验收意见)");
            if action == A::AcceptCounty {
                if c.dismantled {
                    r.need(input.photos.iter().all(|n| *n > 0), "请先上传拆除前、中、后的现场照片", "attach photos before, during and after dismantling first");
                } else {
                    r.need(input.photos[0] > 0, "请先上传封存设备的现场照片", "attach photos of the sealed equipment first");
                }
                next.state = S::CountyAccepted;
            } else {
                next.state = S::CityAccepted;
            }
        }
        (S::CityAccepted | S::Compliant, A::Publish) => next.state = S::Published,
        _ => return wrong_state(),
    }
    r.into_result()?;
    Ok(Applied { next })
}

/// Days past the deadline on `today` (None when no deadline runs or it has not passed).
pub fn overdue_days(c: &CaseState, today: Date) -> Option<i64> {
    let d = c.deadline?;
    (c.state.has_deadline() && today > d).then(|| (today - d).whole_days())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn case(outcome: &str) -> CaseState {
        CaseState { state: State::Identified, outcome: outcome.into(), deadline: None, extension_used: false, requested_months: None, dismantled: false }
    }

    fn on(d: Date) -> StepInput {
        StepInput { date: Some(d), ..Default::default() }
    }

    #[test]
    fn rectification_gets_six_months_and_one_extension_of_at_most_three() {
        let c = case("rectify");
        let c = step(&c, Action::Notify, &on(date!(2026 - 08 - 31))).unwrap().next;
        let c = step(&c, Action::StartRectification, &on(date!(2026 - 08 - 31))).unwrap().next;
        assert_eq!(c.deadline, Some(date!(2027 - 02 - 28)), "end of month is clamped");
        let too_long = StepInput { months: Some(4), ..Default::default() };
        assert!(step(&c, Action::RequestExtension, &too_long).unwrap_err().contains("1 to 3 months"));
        let c = step(&c, Action::RequestExtension, &StepInput { months: Some(3), ..Default::default() }).unwrap().next;
        let c = step(&c, Action::GrantExtension, &StepInput::default()).unwrap().next;
        assert_eq!(c.deadline, Some(date!(2027 - 05 - 28)));
        assert_eq!(c.state, State::Rectifying);
        let again = step(&c, Action::RequestExtension, &StepInput { months: Some(1), ..Default::default() });
        assert!(again.unwrap_err().contains("already been used"));
        assert_eq!(overdue_days(&c, date!(2027 - 06 - 07)), Some(10));
        assert_eq!(overdue_days(&c, date!(2027 - 05 - 28)), None);
    }

    #[test]
    fn exit_walks_to_publication_and_refuses_shortcuts() {
        let c = case("eliminate_now");
        assert!(step(&c, Action::Publish, &StepInput::default()).unwrap_err().contains("not possible in state identified"));
        let c = step(&c, Action::Notify, &StepInput::default()).unwrap().next;
        assert!(step(&c, Action::StartRectification, &StepInput::default()).is_err(), "eliminate-now findings are not rectified");
        let missing = step(&c, Action::OrderExit, &on(date!(2026 - 11 - 23))).unwrap_err();
        assert!(missing.contains("give the exit deadline") && missing.contains("退出期限"), "no silent today");
        let past = StepInput { date: Some(date!(2026 - 11 - 23)), deadline: Some(date!(2001 - 01 - 01)), ..Default::default() };
        assert!(step(&c, Action::OrderExit, &past).unwrap_err().contains("before today"));
        let due = StepInput { date: Some(date!(2026 - 11 - 23)), deadline: Some(date!(2026 - 11 - 23)), ..Default::default() };
        let c = step(&c, Action::OrderExit, &due).unwrap().next;
        assert_eq!(c.deadline, Some(date!(2026 - 11 - 23)));
        assert!(step(&c, Action::AcceptCounty, &probe_input()).is_err(), "no acceptance before the equipment is out");
        let c = step(&c, Action::CutUtilities, &StepInput::default()).unwrap().next;
        let c = step(&c, Action::RemoveDriveUnits, &StepInput::default()).unwrap().next;
        assert!(step(&c, Action::Seal, &StepInput::default()).unwrap_err().contains("pledge"));
        let c = step(&c, Action::Dismantle, &StepInput::default()).unwrap().next;
        let missing_photos = StepInput { inspectors: vec!["王".into(), "李".into()], opinion: "同意".into(), photos: [2, 0, 1], ..Default::default() };
        assert!(step(&c, Action::AcceptCounty, &missing_photos).unwrap_err().contains("photos"));
        let one_inspector = StepInput { inspectors: vec!["王".into()], opinion: "同意".into(), photos: [1, 1, 1], ..Default::default() };
        assert!(step(&c, Action::AcceptCounty, &one_inspector).unwrap_err().contains("two inspectors"));
        let everything_wrong = step(&c, Action::AcceptCounty, &StepInput::default()).unwrap_err();
        assert_eq!(everything_wrong.problems.len(), 3, "all form errors at once: {everything_wrong}");
        let c = step(&c, Action::AcceptCounty, &probe_input()).unwrap().next;
        assert!(step(&c, Action::Publish, &StepInput::default()).is_err(), "the city accepts before publication");
        let c = step(&c, Action::AcceptCity, &probe_input()).unwrap().next;
        let c = step(&c, Action::Publish, &StepInput::default()).unwrap().next;
        assert_eq!(c.state, State::Published);
        assert!(c.state.exited());
        assert!(available(&c).is_empty());
    }

    #[test]
    fn acceptance_is_signed_by_other_accounts_than_the_site_work() {
        let history = vec![(Action::Notify, "county-a".to_string()), (Action::Dismantle, "inspector".to_string())];
        assert!(check_actor(Action::AcceptCounty, "inspector", &history).unwrap_err().contains("county acceptance must be signed by another account"));
        assert!(check_actor(Action::AcceptCounty, "county-a", &history).is_ok(), "notifying is not site work");
        let history = [history, vec![(Action::AcceptCounty, "county-a".to_string())]].concat();
        assert!(check_actor(Action::AcceptCity, "county-a", &history).unwrap_err().contains("different account"));
        assert!(check_actor(Action::AcceptCity, "inspector", &history).is_err());
        assert!(check_actor(Action::AcceptCity, "city-b", &history).is_ok());
        assert!(check_actor(Action::Publish, "county-a", &history).is_ok());
    }

    #[test]
    fn codes_round_trip() {
        for s in State::ALL {
            assert_eq!(State::parse(s.code()), Some(s));
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.code()), Some(a));
        }
    }
}
