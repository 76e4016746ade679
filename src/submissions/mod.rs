//! Submissions: what an enterprise account sends in is a proposal, not a change. Each one
//! (a ledger update, an answer to an exit-case notice, …) waits for the responsible
//! bureau, which sees it field by field against the current record and accepts it (the
//! change is applied in one transaction) or returns it with a reason. No I/O here:
//! `storage::submissions` stores and applies what this decides.

pub mod diff;

use serde::{Deserialize, Serialize};

/// What a submission proposes; the target's meaning depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A replacement of the enterprise's ledger record (target: its credit code; payload:
    /// the whole `EnterpriseBundle`).
    LedgerUpdate,
    /// The enterprise's answer to a notice in its exit case (target: the case id; payload:
    /// `{ "text": … }`). Accepting it records it in the case.
    CaseAnswer,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::LedgerUpdate, Kind::CaseAnswer];

    pub fn code(self) -> &'static str {
        match self {
            Kind::LedgerUpdate => "ledger_update",
            Kind::CaseAnswer => "case_answer",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Kind::LedgerUpdate, true) => "台账信息变更",
            (Kind::LedgerUpdate, false) => "Ledger change",
            (Kind::CaseAnswer, true) => "对告知的答复",
            (Kind::CaseAnswer, false) => "Answer to a notice",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Pending,
    Accepted,
    Returned,
}

impl State {
    pub const ALL: [State; 3] = [State::Pending, State::Accepted, State::Returned];

    pub fn code(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Accepted => "accepted",
            State::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (State::Pending, true) => "待审核",
            (State::Pending, false) => "awaiting review",
            (State::Accepted, true) => "已采纳",
            (State::Accepted, false) => "accepted",
            (State::Returned, true) => "已退回",
            (State::Returned, false) => "returned",
        }
    }
}

/// One submission as stored: what was proposed, by whom, for which record, and what
/// became of it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Submission {
    pub id: i64,
    pub kind: Kind,
    /// The record it proposes to change: a credit code (ledger update) or a case id.
    pub target: String,
    pub credit_code: String,
    pub enterprise_name: String,
    /// The division of the record when it was submitted: whose jurisdiction reviews it.
    pub division_code: String,
    pub payload: serde_json::Value,
    /// The changes against the record as it was when submitted.
    pub changes: Vec<diff::FieldChange>,
    pub state: State,
    /// Why it was returned (shown to the enterprise).
    pub reason: String,
    pub submitted_by: String,
    pub submitted_at: String,
    pub decided_by: String,
    pub decided_at: Option<String>,
}

/// What a reviewer decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Accept,
    /// Return to the enterprise; the reason is required and shown to it.
    Return { reason: String },
}

/// Longest reason and answer text kept (characters).
pub const MAX_TEXT_CHARS: usize = 2000;

/// Why a decision is refused: a catalogue message (`submissions.*`).
pub type Refusal = crate::i18n::Msg;
use crate::i18n::{catalogue::submissions as msg, Arg};

/// The state a decision leads to, or why it cannot be taken: only a pending submission is
/// decided, once; a return needs a reason the enterprise can act on.
pub fn decide(current: State, decision: &Decision) -> Result<State, Refusal> {
    if let Decision::Return { reason } = decision {
        if reason.trim().is_empty() {
            return Err(msg::return_needs_reason());
        }
        if reason.chars().count() > MAX_TEXT_CHARS {
            return Err(msg::reason_too_long(MAX_TEXT_CHARS));
        }
    }
    if current != State::Pending {
        return Err(msg::already_decided(Arg::both(current.label(true), current.label(false))));
    }
    Ok(match decision {
        Decision::Accept => State::Accepted,
        Decision::Return { .. } => State::Returned,
    })
}

/// An answer to a notice: not empty, not over the limit.
pub fn check_answer(text: &str) -> Result<String, Refusal> {
    let t = text.trim();
    if t.is_empty() {
        return Err(msg::answer_empty());
    }
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(msg::answer_too_long(MAX_TEXT_CHARS));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pending_submissions_are_decided_and_returns_need_a_reason() {
        assert_eq!(decide(State::Pending, &Decision::Accept), Ok(State::Accepted));
        assert_eq!(decide(State::Pending, &Decision::Return { reason: "环评文号有误".into() }), Ok(State::Returned));
        assert!(decide(State::Pending, &Decision::Return { reason: "  ".into() }).unwrap_err().render(crate::i18n::Lang::Zh).contains("理由"));
        assert!(decide(State::Accepted, &Decision::Accept).unwrap_err().render(crate::i18n::Lang::En).contains("already been decided"));
        assert!(decide(State::Returned, &Decision::Return { reason: "x".into() }).is_err());
        let long = "字".repeat(MAX_TEXT_CHARS + 1);
        assert!(decide(State::Pending, &Decision::Return { reason: long }).is_err());
    }

    #[test]
    fn codes_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(k));
        }
        for s in State::ALL {
            assert_eq!(State::parse(s.code()), Some(s));
        }
        assert_eq!(check_answer("  已停产,设备拆除中 "), Ok("已停产,设备拆除中".into()));
        assert!(check_answer(" ").is_err());
    }
}
