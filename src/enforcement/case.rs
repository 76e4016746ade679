//! Enforcement cases (执法案件) and the decision on a lead (线索), pure (no I/O).
//!
//! A case moves through fixed steps, each once and in order: opened (立案, with its legal basis)
//! → notice served (告知书送达) → the enterprise's statement (陈述申辩, or its waiver) → decision
//! (a rectification order 责令改正 with its deadline, or a penalty with its amount inside the
//! basis's fine range and the deadline to correct) → rectified (整改完成) → closed (结案).
//! A refused step lists every problem at once ([`Refusal`]) and changes nothing. Deadlines: the
//! statement period after the notice and the decision period after opening are settings
//! (`data/enforcement/cases.toml`, [UNVERIFIED]); the rectification deadline is the decision's.
//! Storage: `storage::enforcement_cases`.

use std::sync::LazyLock;

use serde::Deserialize;
use time::{Date, Duration};

use super::lead::LeadStatus;
use super::legal;
use crate::i18n::catalogue::enforcement_cases as C;
use crate::i18n::{Arg, Lang, Msg};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    Opened,
    NoticeServed,
    StatementHeard,
    Decided,
    Rectified,
    Closed,
}

impl State {
    pub const ALL: [State; 6] = [State::Opened, State::NoticeServed, State::StatementHeard, State::Decided, State::Rectified, State::Closed];

    pub fn code(self) -> &'static str {
        match self {
            State::Opened => "opened",
            State::NoticeServed => "notice_served",
            State::StatementHeard => "statement_heard",
            State::Decided => "decided",
            State::Rectified => "rectified",
            State::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label(self) -> Msg {
        match self {
            State::Opened => C::state_opened(),
            State::NoticeServed => C::state_notice_served(),
            State::StatementHeard => C::state_statement_heard(),
            State::Decided => C::state_decided(),
            State::Rectified => C::state_rectified(),
            State::Closed => C::state_closed(),
        }
    }

    /// The one step that moves a case on from this state (none once closed).
    pub fn next_step(self) -> Option<StepKind> {
        match self {
            State::Opened => Some(StepKind::ServeNotice),
            State::NoticeServed => Some(StepKind::RecordStatement),
            State::StatementHeard => Some(StepKind::Decide),
            State::Decided => Some(StepKind::ConfirmRectified),
            State::Rectified => Some(StepKind::Close),
            State::Closed => None,
        }
    }

    /// Before the decision: leads may still join the case.
    pub fn before_decision(self) -> bool {
        self < State::Decided
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionKind {
    /// 责令改正: an order to correct by a deadline, no fine.
    Rectify,
    /// 行政处罚: a fine within the basis's range, and the deadline to correct.
    Penalty,
}

impl DecisionKind {
    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Rectify => "rectify",
            DecisionKind::Penalty => "penalty",
        }
    }
    pub fn parse(s: &str) -> Option<DecisionKind> {
        [DecisionKind::Rectify, DecisionKind::Penalty].into_iter().find(|k| k.code() == s)
    }
    pub fn label(self) -> Msg {
        match self {
            DecisionKind::Rectify => C::decision_rectify(),
            DecisionKind::Penalty => C::decision_penalty(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub kind: DecisionKind,
    pub penalty_yuan: Option<f64>,
    pub rectify_by: Date,
    pub decided_on: Date,
}

/// What the state machine knows of a case.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseFacts {
    pub state: State,
    /// Legal basis code (`legal::find`).
    pub basis: String,
    pub opened_on: Date,
    pub notice_served_on: Option<Date>,
    pub statement_on: Option<Date>,
    pub statement: String,
    pub statement_waived: bool,
    pub decision: Option<Decision>,
    pub rectified_on: Option<Date>,
    pub closed_on: Option<Date>,
}

impl CaseFacts {
    /// The day of the latest step taken (a new step may not be dated before it).
    pub fn last_step_on(&self) -> Date {
        [self.closed_on, self.rectified_on, self.decision.as_ref().map(|d| d.decided_on), self.statement_on, self.notice_served_on]
            .into_iter()
            .flatten()
            .next()
            .unwrap_or(self.opened_on)
    }
}

/// The steps, without their input (what a page offers, what an event records).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    ServeNotice,
    RecordStatement,
    Decide,
    ConfirmRectified,
    Close,
}

impl StepKind {
    pub const ALL: [StepKind; 5] = [StepKind::ServeNotice, StepKind::RecordStatement, StepKind::Decide, StepKind::ConfirmRectified, StepKind::Close];

    pub fn code(self) -> &'static str {
        match self {
            StepKind::ServeNotice => "serve_notice",
            StepKind::RecordStatement => "record_statement",
            StepKind::Decide => "decide",
            StepKind::ConfirmRectified => "confirm_rectified",
            StepKind::Close => "close",
        }
    }
    pub fn parse(s: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.code() == s)
    }
    pub fn label(self) -> Msg {
        match self {
            StepKind::ServeNotice => C::step_serve_notice(),
            StepKind::RecordStatement => C::step_record_statement(),
            StepKind::Decide => C::step_decide(),
            StepKind::ConfirmRectified => C::step_confirm_rectified(),
            StepKind::Close => C::step_close(),
        }
    }
    /// The state a case must be in for this step.
    pub fn from_state(self) -> State {
        match self {
            StepKind::ServeNotice => State::Opened,
            StepKind::RecordStatement => State::NoticeServed,
            StepKind::Decide => State::StatementHeard,
            StepKind::ConfirmRectified => State::Decided,
            StepKind::Close => State::Rectified,
        }
    }
    pub fn to_state(self) -> State {
        match self {
            StepKind::ServeNotice => State::NoticeServed,
            StepKind::RecordStatement => State::StatementHeard,
            StepKind::Decide => State::Decided,
            StepKind::ConfirmRectified => State::Rectified,
            StepKind::Close => State::Closed,
        }
    }
}

/// A step with its input as the officer gave it (missing fields are `None`/empty: the state
/// machine names them).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    ServeNotice,
    RecordStatement { text: String, waived: bool },
    Decide { kind: Option<DecisionKind>, penalty_yuan: Option<f64>, rectify_by: Option<Date> },
    ConfirmRectified,
    Close,
}

impl Action {
    pub fn kind(&self) -> StepKind {
        match self {
            Action::ServeNotice => StepKind::ServeNotice,
            Action::RecordStatement { .. } => StepKind::RecordStatement,
            Action::Decide { .. } => StepKind::Decide,
            Action::ConfirmRectified => StepKind::ConfirmRectified,
            Action::Close => StepKind::Close,
        }
    }
}

/// Why a step (or a lead decision) was refused: every problem found, none of it applied.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Refusal {
    pub problems: Vec<Msg>,
}

impl Refusal {
    pub fn push(&mut self, m: Msg) {
        self.problems.push(m);
    }
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }
    /// One message listing every problem, numbered, in the reader's language.
    pub fn msg(&self) -> Msg {
        let list = |lang: Lang| self.problems.iter().enumerate().map(|(i, p)| format!("({}) {}", i + 1, p.render(lang))).collect::<Vec<_>>();
        C::refused(self.problems.len(), Arg::both(list(Lang::Zh).join("；"), list(Lang::En).join("; ")))
    }
    fn into_result<T>(self, ok: T) -> Result<T, Refusal> {
        if self.problems.is_empty() { Ok(ok) } else { Err(self) }
    }
}

impl From<Refusal> for crate::Error {
    fn from(r: Refusal) -> crate::Error {
        crate::Error::Invalid(r.msg())
    }
}

/// The deadline settings (`data/enforcement/cases.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub statement_days: i64,
    pub decision_days: i64,
}

pub static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    let s: Settings = toml::from_str(include_str!("../../data/enforcement/cases.toml")).expect("data/enforcement/cases.toml is well-formed (tested)");
    assert!(s.statement_days > 0 && s.decision_days > 0, "data/enforcement/cases.toml: periods are positive");
    s
});

/// An amount in yuan as people write it: thousands grouped, at most two decimals (200,000).
pub fn yuan(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let cents = (x.abs() * 100.0).round() as u128;
    let (whole, frac) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 0 {
        out.push_str(format!(".{frac:02}").trim_end_matches('0'));
    }
    if x < 0.0 { format!("-{out}") } else { out }
}

fn day(d: Date) -> String {
    crate::storage::cases::format_day(d)
}

fn check_date(c: Option<&CaseFacts>, on: Date, today: Date, r: &mut Refusal) {
    if on > today {
        r.push(C::date_in_future(day(on), day(today)));
    }
    if let Some(c) = c {
        let last = c.last_step_on();
        if on < last {
            r.push(C::date_before_last_step(day(on), day(last)));
        }
    }
}

/// Open a case (立案) on this legal basis, dated `on`.
pub fn open(basis: &str, on: Date, today: Date) -> Result<CaseFacts, Refusal> {
    let mut r = Refusal::default();
    check_basis(basis, &mut r);
    check_date(None, on, today, &mut r);
    r.into_result(CaseFacts {
        state: State::Opened,
        basis: basis.trim().to_string(),
        opened_on: on,
        notice_served_on: None,
        statement_on: None,
        statement: String::new(),
        statement_waived: false,
        decision: None,
        rectified_on: None,
        closed_on: None,
    })
}

fn check_basis(basis: &str, r: &mut Refusal) {
    if basis.trim().is_empty() {
        r.push(C::basis_required());
    } else if legal::find(basis.trim()).is_none() {
        r.push(C::basis_unknown(basis.trim(), legal::bases().iter().map(|b| b.code.as_str()).collect::<Vec<_>>().join(", ")));
    }
}

/// Take one step dated `on` (not after `today`, not before the previous step), or say every
/// reason it is refused. Nothing changes on refusal.
pub fn step(c: &CaseFacts, action: &Action, on: Date, today: Date) -> Result<CaseFacts, Refusal> {
    let mut r = Refusal::default();
    let kind = action.kind();
    if c.state != kind.from_state() {
        r.push(match c.state.next_step() {
            Some(next) => C::out_of_order(kind.label(), c.state.label(), next.label()),
            None => C::case_closed(kind.label()),
        });
    }
    check_date(Some(c), on, today, &mut r);
    let mut next = c.clone();
    next.state = kind.to_state();
    match action {
        Action::ServeNotice => next.notice_served_on = Some(on),
        Action::RecordStatement { text, waived } => {
            if !waived && text.trim().is_empty() {
                r.push(C::statement_required());
            }
            next.statement_on = Some(on);
            next.statement = text.trim().to_string();
            next.statement_waived = *waived;
        }
        Action::Decide { kind, penalty_yuan, rectify_by } => {
            let basis = legal::find(&c.basis);
            if basis.is_none() {
                check_basis(&c.basis, &mut r);
            }
            match kind {
                None => r.push(C::decision_kind_required()),
                Some(DecisionKind::Rectify) => {
                    if penalty_yuan.is_some() {
                        r.push(C::rectify_has_no_fine());
                    }
                }
                Some(DecisionKind::Penalty) => match (penalty_yuan, basis) {
                    (None, _) => r.push(C::penalty_amount_required()),
                    (Some(a), _) if !a.is_finite() || *a <= 0.0 => r.push(C::penalty_not_positive(yuan(*a))),
                    (Some(a), Some(b)) if !b.admits_fine(*a) => {
                        r.push(C::penalty_outside_range(yuan(*a), Arg::both(b.title_zh(), b.title_en()), yuan(b.fine_min_yuan), yuan(b.fine_max_yuan)))
                    }
                    _ => {}
                },
            }
            match rectify_by {
                None => r.push(C::rectify_by_required()),
                Some(d) if *d < on => r.push(C::rectify_by_before_decision(day(*d), day(on))),
                _ => {}
            }
            if let (Some(kind), Some(rectify_by)) = (kind, rectify_by) {
                next.decision = Some(Decision { kind: *kind, penalty_yuan: *penalty_yuan, rectify_by: *rectify_by, decided_on: on });
            }
        }
        Action::ConfirmRectified => next.rectified_on = Some(on),
        Action::Close => next.closed_on = Some(on),
    }
    r.into_result(next)
}

/// The day the statement period ends (the notice's day + the setting), once the notice is served.
pub fn statement_due(c: &CaseFacts, s: &Settings) -> Option<Date> {
    c.notice_served_on.map(|d| d + Duration::days(s.statement_days))
}

/// Whether the statement period has run out without a statement (the page says so).
pub fn statement_period_over(c: &CaseFacts, s: &Settings, today: Date) -> bool {
    c.state == State::NoticeServed && statement_due(c, s).is_some_and(|d| today > d)
}

/// The day the decision is due (opening + the setting).
pub fn decision_due(c: &CaseFacts, s: &Settings) -> Date {
    c.opened_on + Duration::days(s.decision_days)
}

/// What a case is late with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overdue {
    /// Not decided by the decision period's end.
    Decision { due: Date, days: i64 },
    /// Decided but not rectified by the decision's deadline.
    Rectification { due: Date, days: i64 },
}

impl Overdue {
    pub fn days(self) -> i64 {
        match self {
            Overdue::Decision { days, .. } | Overdue::Rectification { days, .. } => days,
        }
    }
    pub fn msg(self) -> Msg {
        match self {
            Overdue::Decision { due, days } => C::overdue_decision(day(due), days),
            Overdue::Rectification { due, days } => C::overdue_rectification(day(due), days),
        }
    }
}

/// Whether (and how many days) the case is past a deadline on `today`.
pub fn overdue(c: &CaseFacts, s: &Settings, today: Date) -> Option<Overdue> {
    if c.state.before_decision() {
        let due = decision_due(c, s);
        return (today > due).then(|| Overdue::Decision { due, days: (today - due).whole_days() });
    }
    match (&c.decision, c.state) {
        (Some(d), State::Decided) if today > d.rectify_by => Some(Overdue::Rectification { due: d.rectify_by, days: (today - d.rectify_by).whole_days() }),
        _ => None,
    }
}

/// An officer's verdict on a lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Verify,
    Dismiss,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Verify => "verify",
            Verdict::Dismiss => "dismiss",
        }
    }
    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "verify" => Some(Verdict::Verify),
            "dismiss" => Some(Verdict::Dismiss),
            _ => None,
        }
    }
}

pub fn lead_status_label(s: LeadStatus) -> Msg {
    match s {
        LeadStatus::Open => C::lead_open(),
        LeadStatus::Verified => C::lead_verified(),
        LeadStatus::Dismissed => C::lead_dismissed(),
    }
}

/// Decide a lead: only an open one, verified or dismissed, always with a reason. Returns its new
/// status, or every problem (the caller adds those of the case the lead goes to).
pub fn decide(status: LeadStatus, verdict: Option<Verdict>, reason: &str) -> Result<LeadStatus, Refusal> {
    let mut r = Refusal::default();
    if status != LeadStatus::Open {
        r.push(C::lead_not_open(lead_status_label(status)));
    }
    if verdict.is_none() {
        r.push(C::verdict_required());
    }
    if reason.trim().is_empty() {
        r.push(C::reason_required());
    }
    let to = match verdict {
        Some(Verdict::Dismiss) => LeadStatus::Dismissed,
        _ => LeadStatus::Verified,
    };
    r.into_result(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 06 - 30);

    fn opened() -> CaseFacts {
        open("air_99", date!(2026 - 06 - 01), TODAY).unwrap()
    }

    fn decide_penalty(yuan: f64) -> Action {
        Action::Decide { kind: Some(DecisionKind::Penalty), penalty_yuan: Some(yuan), rectify_by: Some(date!(2026 - 07 - 31)) }
    }

    fn statement() -> Action {
        Action::RecordStatement { text: "设备故障，已维修".into(), waived: false }
    }

    /// The case through every step, each on its day.
    fn through(until: State) -> CaseFacts {
        let steps = [
            (Action::ServeNotice, date!(2026 - 06 - 02)),
            (statement(), date!(2026 - 06 - 05)),
            (decide_penalty(150_000.0), date!(2026 - 06 - 10)),
            (Action::ConfirmRectified, date!(2026 - 06 - 20)),
            (Action::Close, date!(2026 - 06 - 21)),
        ];
        let mut c = opened();
        for (a, on) in steps {
            if c.state == until {
                break;
            }
            c = step(&c, &a, on, TODAY).unwrap_or_else(|r| panic!("{:?}: {}", a, r.msg().render(Lang::En)));
        }
        c
    }

    fn codes(r: &Refusal) -> Vec<&'static str> {
        r.problems.iter().map(|m| m.code()).collect()
    }

    #[test]
    fn a_case_goes_through_every_step_to_closed() {
        let c = through(State::Closed);
        assert_eq!(c.state, State::Closed);
        assert_eq!(c.notice_served_on, Some(date!(2026 - 06 - 02)));
        assert_eq!(c.statement, "设备故障，已维修");
        let d = c.decision.clone().unwrap();
        assert_eq!((d.kind, d.penalty_yuan, d.rectify_by), (DecisionKind::Penalty, Some(150_000.0), date!(2026 - 07 - 31)));
        assert_eq!(c.rectified_on, Some(date!(2026 - 06 - 20)));
        assert_eq!(c.closed_on, Some(date!(2026 - 06 - 21)));
        assert_eq!(c.last_step_on(), date!(2026 - 06 - 21));
        assert_eq!(c.state.next_step(), None);
    }

    /// Every step from every state: only the one next step is taken, all others refused naming the next.
    #[test]
    fn every_step_out_of_order_is_refused_and_names_the_next_one() {
        for (i, state) in State::ALL.into_iter().enumerate() {
            let c = through(state);
            assert_eq!(c.state, state);
            for kind in StepKind::ALL {
                let action = match kind {
                    StepKind::ServeNotice => Action::ServeNotice,
                    StepKind::RecordStatement => statement(),
                    StepKind::Decide => decide_penalty(150_000.0),
                    StepKind::ConfirmRectified => Action::ConfirmRectified,
                    StepKind::Close => Action::Close,
                };
                let got = step(&c, &action, TODAY, TODAY);
                if kind.from_state() == state {
                    assert_eq!(got.unwrap().state, State::ALL[i + 1], "{kind:?} from {state:?}");
                } else {
                    let r = got.unwrap_err();
                    let expected = if state == State::Closed { "enforcement_cases.step.case_closed" } else { "enforcement_cases.step.out_of_order" };
                    assert_eq!(codes(&r), [expected], "{kind:?} from {state:?}");
                    if let Some(next) = state.next_step() {
                        assert!(r.msg().render(Lang::En).contains(&next.label().render(Lang::En)), "{kind:?} from {state:?} names the next step");
                    }
                }
            }
        }
    }

    #[test]
    fn a_penalty_must_lie_in_the_range_of_its_basis() {
        // (basis, lowest, highest) from data/enforcement/legal-basis.toml.
        for (basis, min, max) in [("permit_34", 200_000.0, 1_000_000.0), ("permit_36", 20_000.0, 200_000.0), ("air_99", 100_000.0, 1_000_000.0), ("air_100", 20_000.0, 200_000.0), ("water_83", 100_000.0, 1_000_000.0)] {
            let mut c = through(State::StatementHeard);
            c.basis = basis.into();
            for ok in [min, max, (min + max) / 2.0] {
                assert!(step(&c, &decide_penalty(ok), TODAY, TODAY).is_ok(), "{basis} {ok}");
            }
            for bad in [min - 1.0, max + 1.0] {
                let r = step(&c, &decide_penalty(bad), TODAY, TODAY).unwrap_err();
                assert_eq!(codes(&r), ["enforcement_cases.decision.penalty_outside_range"], "{basis} {bad}");
                let text = r.msg().render(Lang::Zh);
                assert!(text.contains(&yuan(min)) && text.contains(&yuan(max)) && text.contains(&yuan(bad)), "{text}");
            }
        }
        let c = through(State::StatementHeard);
        assert_eq!(codes(&step(&c, &decide_penalty(0.0), TODAY, TODAY).unwrap_err()), ["enforcement_cases.decision.penalty_not_positive"]);
        assert_eq!(codes(&step(&c, &decide_penalty(f64::NAN), TODAY, TODAY).unwrap_err()), ["enforcement_cases.decision.penalty_not_positive"]);
    }

    #[test]
    fn a_decision_missing_its_fields_lists_every_problem() {
        let c = through(State::StatementHeard);
        let r = step(&c, &Action::Decide { kind: None, penalty_yuan: None, rectify_by: None }, TODAY, TODAY).unwrap_err();
        assert_eq!(codes(&r), ["enforcement_cases.decision.kind_required", "enforcement_cases.decision.rectify_by_required"]);
        let r = step(&c, &Action::Decide { kind: Some(DecisionKind::Penalty), penalty_yuan: None, rectify_by: Some(date!(2026 - 06 - 01)) }, TODAY, TODAY).unwrap_err();
        assert_eq!(codes(&r), ["enforcement_cases.decision.penalty_amount_required", "enforcement_cases.decision.rectify_by_before_decision"]);
        let r = step(&c, &Action::Decide { kind: Some(DecisionKind::Rectify), penalty_yuan: Some(5.0), rectify_by: Some(TODAY) }, TODAY, TODAY).unwrap_err();
        assert_eq!(codes(&r), ["enforcement_cases.decision.rectify_has_no_fine"]);
        let ok = step(&c, &Action::Decide { kind: Some(DecisionKind::Rectify), penalty_yuan: None, rectify_by: Some(TODAY) }, TODAY, TODAY).unwrap();
        assert_eq!(ok.decision.unwrap().kind, DecisionKind::Rectify);
        // Out of order and missing fields at once: every problem.
        let r = step(&opened(), &Action::Decide { kind: None, penalty_yuan: None, rectify_by: None }, date!(2026 - 07 - 05), TODAY).unwrap_err();
        assert_eq!(
            codes(&r),
            ["enforcement_cases.step.out_of_order", "enforcement_cases.step.date_in_future", "enforcement_cases.decision.kind_required", "enforcement_cases.decision.rectify_by_required"]
        );
        assert!(r.msg().render(Lang::En).starts_with("refused (4 problem"), "{}", r.msg().render(Lang::En));
    }

    #[test]
    fn a_statement_needs_its_text_unless_waived() {
        let c = through(State::NoticeServed);
        let r = step(&c, &Action::RecordStatement { text: "  ".into(), waived: false }, TODAY, TODAY).unwrap_err();
        assert_eq!(codes(&r), ["enforcement_cases.statement.required"]);
        let waived = step(&c, &Action::RecordStatement { text: String::new(), waived: true }, TODAY, TODAY).unwrap();
        assert!(waived.statement_waived && waived.state == State::StatementHeard);
    }

    #[test]
    fn step_dates_are_not_in_the_future_nor_before_the_previous_step() {
        let c = through(State::NoticeServed);
        let r = step(&c, &statement(), date!(2026 - 06 - 01), TODAY).unwrap_err();
        assert_eq!(codes(&r), ["enforcement_cases.step.date_before_last_step"]);
        assert!(step(&c, &statement(), date!(2026 - 06 - 02), TODAY).is_ok(), "the same day as the notice");
        let r = step(&c, &statement(), date!(2026 - 07 - 01), TODAY).unwrap_err();
        assert_eq!(codes(&r), ["enforcement_cases.step.date_in_future"]);
        assert_eq!(codes(&open("air_99", date!(2026 - 07 - 01), TODAY).unwrap_err()), ["enforcement_cases.step.date_in_future"]);
    }

    #[test]
    fn opening_needs_a_known_basis() {
        assert_eq!(codes(&open("", TODAY, TODAY).unwrap_err()), ["enforcement_cases.basis.required"]);
        let r = open("air_999", TODAY, TODAY).unwrap_err();
        assert_eq!(codes(&r), ["enforcement_cases.basis.unknown"]);
        assert!(r.msg().render(Lang::En).contains("permit_34"), "the known codes are listed");
        assert_eq!(open(" water_83 ", TODAY, TODAY).unwrap().basis, "water_83");
    }

    #[test]
    fn deadlines_and_overdue_flags() {
        let s = Settings { statement_days: 3, decision_days: 90 };
        let c = opened(); // 2026-06-01
        assert_eq!(decision_due(&c, &s), date!(2026 - 08 - 30));
        assert_eq!(overdue(&c, &s, date!(2026 - 08 - 30)), None, "due day itself is not late");
        assert_eq!(overdue(&c, &s, date!(2026 - 09 - 01)), Some(Overdue::Decision { due: date!(2026 - 08 - 30), days: 2 }));
        let served = step(&c, &Action::ServeNotice, date!(2026 - 06 - 02), TODAY).unwrap();
        assert_eq!(statement_due(&served, &s), Some(date!(2026 - 06 - 05)));
        assert!(!statement_period_over(&served, &s, date!(2026 - 06 - 05)));
        assert!(statement_period_over(&served, &s, date!(2026 - 06 - 06)));
        let decided = through(State::Decided); // rectify by 2026-07-31
        assert_eq!(overdue(&decided, &s, date!(2026 - 07 - 31)), None);
        assert_eq!(overdue(&decided, &s, date!(2026 - 09 - 01)), Some(Overdue::Rectification { due: date!(2026 - 07 - 31), days: 32 }));
        assert_eq!(overdue(&decided, &s, date!(2026 - 09 - 01)).unwrap().days(), 32);
        // Rectified or closed: nothing is late any more, however long ago the deadline was.
        assert_eq!(overdue(&through(State::Rectified), &s, date!(2027 - 06 - 01)), None);
        assert_eq!(overdue(&through(State::Closed), &s, date!(2027 - 06 - 01)), None);
        // The embedded settings parse.
        assert!(SETTINGS.statement_days > 0 && SETTINGS.decision_days > 0);
    }

    #[test]
    fn a_lead_is_decided_once_with_a_reason() {
        assert_eq!(decide(LeadStatus::Open, Some(Verdict::Verify), "核实属实"), Ok(LeadStatus::Verified));
        assert_eq!(decide(LeadStatus::Open, Some(Verdict::Dismiss), "停产期间"), Ok(LeadStatus::Dismissed));
        assert_eq!(codes(&decide(LeadStatus::Open, Some(Verdict::Verify), "  ").unwrap_err()), ["enforcement_cases.lead.reason_required"]);
        assert_eq!(codes(&decide(LeadStatus::Open, None, "x").unwrap_err()), ["enforcement_cases.lead.verdict_required"]);
        for s in [LeadStatus::Verified, LeadStatus::Dismissed] {
            let r = decide(s, Some(Verdict::Dismiss), "").unwrap_err();
            assert_eq!(codes(&r), ["enforcement_cases.lead.not_open", "enforcement_cases.lead.reason_required"]);
        }
        assert_eq!(Verdict::parse("verify"), Some(Verdict::Verify));
        assert_eq!(Verdict::parse("nope"), None);
    }

    #[test]
    fn amounts_in_yuan() {
        assert_eq!(yuan(200_000.0), "200,000");
        assert_eq!(yuan(1_000_000.0), "1,000,000");
        assert_eq!(yuan(999.5), "999.5");
        assert_eq!(yuan(-1234.25), "-1,234.25");
        assert_eq!(yuan(0.0), "0");
    }

    #[test]
    fn codes_round_trip() {
        for s in State::ALL {
            assert_eq!(State::parse(s.code()), Some(s));
        }
        for k in StepKind::ALL {
            assert_eq!(StepKind::parse(k.code()), Some(k));
            assert_eq!(k.from_state().next_step(), Some(k));
        }
        for k in [DecisionKind::Rectify, DecisionKind::Penalty] {
            assert_eq!(DecisionKind::parse(k.code()), Some(k));
        }
    }
}
