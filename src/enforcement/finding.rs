//! What the exceedance judgment or a suspicious-data detector reports about an outlet: a
//! finding, which storage turns into a lead (线索) for the responsible environment bureau.

use crate::i18n::Msg;

/// One number a finding rests on, shown beside its explanation ("share 0.42", "hours 6").
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Stable key (`share`, `hours`, `o2_mean` …); its label is the catalogue entry
    /// `detectors.figure.<key>` (src/i18n/catalogue/detectors.rs).
    pub key: &'static str,
    pub value: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The detector's stable code (`exceedance`, `flatline`, `bunching`, …): a contract of the
    /// CLI (`lantian monitor leads`) and the JSON API.
    pub detector: &'static str,
    /// The pollutant concerned (HJ 212 code), or None when it concerns the outlet (offline, gap).
    pub pollutant: Option<String>,
    /// `[start, end)`, Unix seconds: the hours the finding rests on.
    pub start: i64,
    pub end: i64,
    /// What was seen, with the numbers, in plain words.
    pub explanation: Msg,
    pub figures: Vec<Figure>,
}
