//! The review of one project as a state machine (no I/O): submitted → checked (the catalogue
//! check, findings stored) → the opinions of the departments involved (one each, while
//! checked) → decision (approve or refuse, always with reasons) → published. A step the
//! machine refuses changes nothing; the refusal says why.

use serde::{Deserialize, Serialize};

use super::check::Verdict;
use crate::i18n::catalogue::admission as A;
use crate::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Submitted,
    Checked,
    Decided,
    Published,
}

impl State {
    pub const ALL: [State; 4] = [State::Submitted, State::Checked, State::Decided, State::Published];
    pub fn code(self) -> &'static str {
        match self {
            State::Submitted => "submitted",
            State::Checked => "checked",
            State::Decided => "decided",
            State::Published => "published",
        }
    }
    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.code() == s)
    }
    pub fn label(self) -> Msg {
        match self {
            State::Submitted => A::state_submitted(),
            State::Checked => A::state_checked(),
            State::Decided => A::state_decided(),
            State::Published => A::state_published(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Agree,
    Conditions,
    Disagree,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Agree, Stance::Conditions, Stance::Disagree];
    pub fn code(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Conditions => "conditions",
            Stance::Disagree => "disagree",
        }
    }
    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|x| x.code() == s)
    }
    pub fn label(self) -> Msg {
        match self {
            Stance::Agree => A::stance_agree(),
            Stance::Conditions => A::stance_conditions(),
            Stance::Disagree => A::stance_disagree(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opinion {
    pub department: String,
    pub stance: Stance,
    pub text: String,
    pub by: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Check,
    Opinion { department: String, stance: Stance, text: String },
    Decide { approve: bool, reasons: String },
    Publish,
}

impl Step {
    pub fn code(&self) -> &'static str {
        match self {
            Step::Check => "check",
            Step::Opinion { .. } => "opinion",
            Step::Decide { .. } => "decide",
            Step::Publish => "publish",
        }
    }
}

/// A department's name in both languages (its code when unknown).
pub fn department_arg(code: &str) -> crate::i18n::Arg {
    match crate::auth::Department::parse(code) {
        Some(d) => crate::i18n::Arg::both(d.label(true), d.label(false)),
        None => crate::i18n::Arg::from(code),
    }
}

pub const MIN_REASONS: usize = 4;
pub const MAX_TEXT: usize = 2000;

/// What the machine needs to know of the project.
pub struct Current<'a> {
    pub state: State,
    pub verdict: Option<Verdict>,
    pub required: &'a [String],
    pub opinions: &'a [Opinion],
}

/// The state after `step`, or why it is refused.
pub fn next(cur: &Current, step: &Step) -> Result<State, Msg> {
    match (cur.state, step) {
        (State::Submitted, Step::Check) => Ok(State::Checked),
        (State::Checked, Step::Check) => Ok(State::Checked),
        (State::Checked, Step::Opinion { department, text, stance }) => {
            if !cur.required.iter().any(|d| d == department) {
                return Err(A::step_department_not_involved(department_arg(department)));
            }
            if cur.opinions.iter().any(|o| &o.department == department) {
                return Err(A::step_opinion_given());
            }
            if *stance != Stance::Agree && text.trim().chars().count() < MIN_REASONS {
                return Err(A::step_reasons_required(MIN_REASONS));
            }
            if text.chars().count() > MAX_TEXT {
                return Err(A::step_text_too_long(MAX_TEXT));
            }
            Ok(State::Checked)
        }
        (State::Checked, Step::Decide { approve, reasons }) => {
            let missing: Vec<&String> = cur.required.iter().filter(|d| !cur.opinions.iter().any(|o| &o.department == *d)).collect();
            if !missing.is_empty() {
                return Err(A::step_opinions_missing(missing.len()));
            }
            if reasons.trim().chars().count() < MIN_REASONS {
                return Err(A::step_reasons_required(MIN_REASONS));
            }
            if reasons.chars().count() > MAX_TEXT {
                return Err(A::step_text_too_long(MAX_TEXT));
            }
            if *approve {
                match cur.verdict {
                    Some(Verdict::Refused) => return Err(A::step_cannot_approve_refused()),
                    Some(Verdict::Undecided) | None => return Err(A::step_cannot_approve_undecided()),
                    _ => {}
                }
                if cur.opinions.iter().any(|o| o.stance == Stance::Disagree) {
                    return Err(A::step_cannot_approve_disagreed());
                }
            }
            Ok(State::Decided)
        }
        (State::Decided, Step::Publish) => Ok(State::Published),
        (State::Published, _) => Err(A::step_published()),
        (state, step) => Err(A::step_out_of_order(step.code(), state.label())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(d: &str, stance: Stance) -> Opinion {
        Opinion { department: d.into(), stance, text: "意见理由充分".into(), by: "u".into(), at: "t".into() }
    }

    #[test]
    fn review_goes_in_order() {
        let req = vec!["environment".to_string(), "industry".to_string()];
        let mut ops = vec![];
        let cur = |state, ops: &[Opinion]| next(&Current { state, verdict: Some(Verdict::Admissible), required: &req, opinions: ops }, &Step::Decide { approve: true, reasons: "符合准入要求".into() });
        assert!(next(&Current { state: State::Submitted, verdict: None, required: &req, opinions: &ops }, &Step::Publish).is_err());
        assert!(cur(State::Submitted, &ops).is_err(), "not checked yet");
        assert!(cur(State::Checked, &ops).is_err(), "opinions missing");
        ops.push(op("environment", Stance::Agree));
        let again = next(&Current { state: State::Checked, verdict: None, required: &req, opinions: &ops }, &Step::Opinion { department: "environment".into(), stance: Stance::Agree, text: "".into() });
        assert!(again.is_err(), "one opinion per department");
        let outsider = next(&Current { state: State::Checked, verdict: None, required: &req, opinions: &ops }, &Step::Opinion { department: "market".into(), stance: Stance::Agree, text: "".into() });
        assert!(outsider.is_err());
        ops.push(op("industry", Stance::Agree));
        assert_eq!(cur(State::Checked, &ops), Ok(State::Decided));
        let refused = next(&Current { state: State::Checked, verdict: Some(Verdict::Refused), required: &req, opinions: &ops }, &Step::Decide { approve: true, reasons: "理由理由".into() });
        assert!(refused.is_err(), "a prohibited project is never approved");
        let no_reason = next(&Current { state: State::Checked, verdict: Some(Verdict::Refused), required: &req, opinions: &ops }, &Step::Decide { approve: false, reasons: " ".into() });
        assert!(no_reason.is_err());
        assert_eq!(next(&Current { state: State::Decided, verdict: None, required: &req, opinions: &ops }, &Step::Publish), Ok(State::Published));
        assert!(next(&Current { state: State::Published, verdict: None, required: &req, opinions: &ops }, &Step::Publish).is_err());
    }
}
