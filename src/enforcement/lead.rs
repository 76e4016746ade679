//! Leads (线索): a finding assigned to the environment bureau responsible for the enterprise's
//! division, verified or dismissed by an officer with a reason; a verified lead joins an
//! enforcement case.

use crate::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeadStatus {
    Open,
    Verified,
    Dismissed,
}

impl LeadStatus {
    pub fn code(self) -> &'static str {
        match self {
            LeadStatus::Open => "open",
            LeadStatus::Verified => "verified",
            LeadStatus::Dismissed => "dismissed",
        }
    }
    pub fn parse(s: &str) -> Option<LeadStatus> {
        match s {
            "open" => Some(LeadStatus::Open),
            "verified" => Some(LeadStatus::Verified),
            "dismissed" => Some(LeadStatus::Dismissed),
            _ => None,
        }
    }
}

/// A stored lead (table `leads`, migration 0016).
#[derive(Clone, Debug, PartialEq)]
pub struct Lead {
    pub id: i64,
    pub credit_code: String,
    pub outlet_code: String,
    /// The finding's detector code (`exceedance`, `flatline`, …).
    pub detector: String,
    /// HJ 212 code, or empty when the finding concerns the whole outlet.
    pub pollutant: String,
    /// `[start, end)`, Unix seconds.
    pub start: i64,
    pub end: i64,
    pub explanation: Msg,
    /// key → value, as the finding gave them.
    pub figures: Vec<(String, f64)>,
    pub division_code: String,
    pub industry_code: String,
    pub status: LeadStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub decision_reason: Option<String>,
    pub case_id: Option<i64>,
    pub detected_at: i64,
    pub updated_at: i64,
}

impl Lead {
    /// `CREDITCODE/OUTLETCODE`.
    pub fn outlet_label(&self) -> String {
        format!("{}/{}", self.credit_code, self.outlet_code)
    }
}
