//! An outlet's monitoring data as judging reads it: per pollutant, the stored hourly and daily
//! averages (computed from minute data, and the logger's own), the marks over them, and the
//! window being judged. Hours before `window.0` are the outlet's own history, which several
//! detectors compare the window with.

use crate::monitoring::rules::Medium;

/// One stored average (an hour or a day) of one pollutant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Point {
    /// Unix seconds: the Beijing-time start of the hour or day.
    pub start: i64,
    pub valid: bool,
    pub valid_count: u32,
    pub total_count: u32,
    /// Measured mean (dry standard state).
    pub mean: Option<f64>,
    /// Converted to reference oxygen; None where no conversion applies.
    pub converted: Option<f64>,
    /// The O2 mean the conversion used.
    pub o2: Option<f64>,
    /// Hour: kg/h; day: kg.
    pub emission_kg: Option<f64>,
}

impl Point {
    /// The value compared with the limit: converted where the standard converts, else measured.
    pub fn compliance_value(&self) -> Option<f64> {
        self.converted.or(self.mean)
    }
}

/// One pollutant (or parameter: O2, flow, temperature) of an outlet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PollutantSeries {
    /// HJ 212-2017 code (a21026, w01018, a19001 …).
    pub code: String,
    /// The name the ledger gives it (二氧化硫); empty for parameters the ledger does not list.
    pub name: String,
    /// The outlet's hourly limit (air) or daily limit (water) as the ledger carries it.
    pub limit: Option<f64>,
    /// A second, daily limit where the standard sets one besides the hourly (GB 18484-2020 表3).
    pub daily_limit: Option<f64>,
    /// Computed hourly averages in time order (hours with a stored row only).
    pub hours: Vec<Point>,
    /// The logger's own hourly averages (2061) in time order.
    pub logger_hours: Vec<Point>,
    /// Computed daily averages in time order.
    pub days: Vec<Point>,
}

/// A data mark (数据标记) over the outlet's data.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkSpan {
    /// A code of `data/monitoring/marks.toml` (shutdown, maintenance, …).
    pub kind: String,
    /// Unix seconds, `[starts_at, ends_at)`.
    pub starts_at: i64,
    pub ends_at: i64,
    /// When it was entered (Unix seconds).
    pub entered_at: i64,
}

/// Everything judging knows about one outlet.
#[derive(Clone, Debug, PartialEq)]
pub struct OutletSeries {
    pub credit_code: String,
    pub outlet_code: String,
    pub enterprise_name: String,
    pub outlet_name: String,
    pub division_code: String,
    pub industry_code: String,
    pub medium: Medium,
    /// The reference O2 (%) the outlet's averages are converted to; None: no conversion.
    pub reference_o2: Option<f64>,
    /// The emission standard the ledger names for the outlet (执行标准), first non-empty one.
    pub standard: String,
    pub pollutants: Vec<PollutantSeries>,
    /// Active (not withdrawn) marks overlapping the data read.
    pub marks: Vec<MarkSpan>,
    /// `[from, to)`, Unix seconds: the period judged. Data before `from` is history.
    pub window: (i64, i64),
    /// The last authenticated packet of the outlet's logger(s), Unix seconds.
    pub last_contact: Option<i64>,
    /// Data times (Unix seconds) of packets refused because they lay in the future, in the window.
    pub future_frames: Vec<i64>,
    /// Data times (Unix seconds) of packets whose slot already held other values from the
    /// device (archived as `conflict`, `ingest_conflicts`), in the window.
    pub conflicts: Vec<i64>,
    /// "Now" for the judgment (Unix seconds): offline and gap detectors measure up to it.
    pub now: i64,
}

impl OutletSeries {
    /// `CREDITCODE/OUTLETCODE`.
    pub fn label(&self) -> String {
        format!("{}/{}", self.credit_code, self.outlet_code)
    }

    pub fn pollutant(&self, code: &str) -> Option<&PollutantSeries> {
        self.pollutants.iter().find(|p| p.code == code)
    }

    /// The active mark covering the instant `t`, if any.
    pub fn mark_at(&self, t: i64) -> Option<&MarkSpan> {
        self.marks.iter().find(|m| m.starts_at <= t && t < m.ends_at)
    }

    /// Whether a mark covers any part of `[start, end)`.
    pub fn marked(&self, start: i64, end: i64) -> bool {
        self.marks.iter().any(|m| m.starts_at < end && start < m.ends_at)
    }

    pub fn in_window(&self, t: i64) -> bool {
        self.window.0 <= t && t < self.window.1
    }
}
