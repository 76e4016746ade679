//! Data marks (数据标记): the checks a mark must pass before it is stored. Pure; the storage
//! (`storage::marks`) writes it and its audit entry in one transaction.

use super::rules::MarkRules;

/// A mark as entered.
#[derive(Clone, Debug, PartialEq)]
pub struct NewMark {
    pub kind: String,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub reason: String,
    pub proof: Option<Proof>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Proof {
    pub name: String,
    pub content: Vec<u8>,
}

/// Why a mark is refused; `zh` and `en` give the message.
#[derive(Clone, Debug, PartialEq)]
pub enum MarkProblem {
    UnknownKind(String),
    EndNotAfterStart,
    TooFarBack { max_hours: i64 },
    MissingReason,
    ReasonTooLong { max_chars: usize },
    ProofType(String),
    ProofTooLarge { max_bytes: usize },
    EmptyProof,
}

impl MarkProblem {
    pub fn zh(&self) -> String {
        match self {
            MarkProblem::UnknownKind(k) => format!("标记类型「{k}」不在标记类型表中(data/monitoring/marks.toml)"),
            MarkProblem::EndNotAfterStart => "结束时间必须晚于开始时间".into(),
            MarkProblem::TooFarBack { max_hours } => format!("开始时间不得早于录入时间前 {max_hours} 小时"),
            MarkProblem::MissingReason => "必须填写标记原因".into(),
            MarkProblem::ReasonTooLong { max_chars } => format!("标记原因不得超过 {max_chars} 个字"),
            MarkProblem::ProofType(name) => format!("证明材料「{name}」不是 PDF、JPEG 或 PNG 文件"),
            MarkProblem::ProofTooLarge { max_bytes } => format!("证明材料超过 {} MB", max_bytes / 1_048_576),
            MarkProblem::EmptyProof => "证明材料是空文件".into(),
        }
    }
    pub fn en(&self) -> String {
        match self {
            MarkProblem::UnknownKind(k) => format!("mark type \"{k}\" is not in the list of mark types (data/monitoring/marks.toml)"),
            MarkProblem::EndNotAfterStart => "the end must be after the start".into(),
            MarkProblem::TooFarBack { max_hours } => format!("the start may not be more than {max_hours} hours before the mark is entered"),
            MarkProblem::MissingReason => "a reason is required".into(),
            MarkProblem::ReasonTooLong { max_chars } => format!("the reason may not be longer than {max_chars} characters"),
            MarkProblem::ProofType(name) => format!("proof file \"{name}\" is not a PDF, JPEG or PNG file"),
            MarkProblem::ProofTooLarge { max_bytes } => format!("the proof file is larger than {} MB", max_bytes / 1_048_576),
            MarkProblem::EmptyProof => "the proof file is empty".into(),
        }
    }
}

pub const MAX_REASON_CHARS: usize = 500;

/// The media type of a proof file by its content (magic bytes), or None if it is none of
/// PDF, JPEG, PNG.
pub fn sniff_proof(content: &[u8]) -> Option<&'static str> {
    if content.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if content.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// Every problem of a mark entered at `now` (Unix seconds); empty when it may be stored.
/// Returns the mark's canonical kind code on success.
pub fn check(rules: &MarkRules, mark: &NewMark, now: i64) -> Result<String, Vec<MarkProblem>> {
    let mut problems = Vec::new();
    let kind = rules.find(&mark.kind).map(|t| t.code.clone());
    if kind.is_none() {
        problems.push(MarkProblem::UnknownKind(mark.kind.clone()));
    }
    if mark.ends_at <= mark.starts_at {
        problems.push(MarkProblem::EndNotAfterStart);
    }
    if mark.starts_at < now - rules.max_backdate_hours * 3600 {
        problems.push(MarkProblem::TooFarBack { max_hours: rules.max_backdate_hours });
    }
    let reason = mark.reason.trim();
    if reason.is_empty() {
        problems.push(MarkProblem::MissingReason);
    } else if reason.chars().count() > MAX_REASON_CHARS {
        problems.push(MarkProblem::ReasonTooLong { max_chars: MAX_REASON_CHARS });
    }
    if let Some(p) = &mark.proof {
        if p.content.is_empty() {
            problems.push(MarkProblem::EmptyProof);
        } else if p.content.len() > rules.proof_max_bytes {
            problems.push(MarkProblem::ProofTooLarge { max_bytes: rules.proof_max_bytes });
        } else if sniff_proof(&p.content).is_none() {
            problems.push(MarkProblem::ProofType(p.name.clone()));
        }
    }
    match kind {
        Some(k) if problems.is_empty() => Ok(k),
        _ => Err(problems),
    }
}

/// Whether the period [start, end) overlaps a mark [starts_at, ends_at).
pub fn overlaps(start: i64, end: i64, starts_at: i64, ends_at: i64) -> bool {
    starts_at < end && start < ends_at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::rules::MARKS;

    fn mark(kind: &str, starts_at: i64, ends_at: i64) -> NewMark {
        NewMark { kind: kind.into(), starts_at, ends_at, reason: "年度检修".into(), proof: None }
    }

    #[test]
    fn a_good_mark_passes_by_code_or_chinese_label() {
        let now = 1_000_000;
        assert_eq!(check(&MARKS, &mark("维护", now - 3600, now), now), Ok("maintenance".into()));
        assert_eq!(check(&MARKS, &mark("calibration", now - 3600, now + 3600), now), Ok("calibration".into()));
    }

    #[test]
    fn refusals_name_every_problem() {
        let now = 10_000_000;
        let far = now - MARKS.max_backdate_hours * 3600 - 1;
        let mut m = mark("修约", far, far);
        m.reason = " ".into();
        m.proof = Some(Proof { name: "a.docx".into(), content: b"PK\x03\x04".to_vec() });
        let problems = check(&MARKS, &m, now).unwrap_err();
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems[0].zh().contains("修约"));
        assert!(problems.contains(&MarkProblem::EndNotAfterStart));
        assert!(problems.contains(&MarkProblem::ProofType("a.docx".into())));
        let mut m = mark("故障", now - 60, now);
        m.proof = Some(Proof { name: "big.pdf".into(), content: [b"%PDF-".as_slice(), &vec![0; MARKS.proof_max_bytes]].concat() });
        assert_eq!(check(&MARKS, &m, now).unwrap_err(), vec![MarkProblem::ProofTooLarge { max_bytes: MARKS.proof_max_bytes }]);
        // Exactly at the window's edge is allowed.
        assert!(check(&MARKS, &mark("故障", now - MARKS.max_backdate_hours * 3600, now), now).is_ok());
    }

    #[test]
    fn proof_types_by_content() {
        assert_eq!(sniff_proof(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff_proof(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff_proof(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff_proof(b"GIF89a"), None);
    }

    #[test]
    fn overlap_is_half_open() {
        assert!(overlaps(0, 3600, 3599, 4000));
        assert!(!overlaps(0, 3600, 3600, 4000));
        assert!(!overlaps(3600, 7200, 0, 3600));
    }
}
