//! Target progress: the value required by a year (its milestone, or the straight line from
//! the baseline to the target), how much of it is achieved, and the state it gives:
//! on track (≥ 100 % of the milestone), at risk (≥ the plan's `at_risk_ratio`), behind.
//!
//! Intensity targets are computed the way the seeds state them: "单位增加值能耗下降12.7%" is
//! the change of (Σ energy ÷ Σ industrial value added) between the baseline year and the
//! year assessed, over the enterprises above designated size with both figures that year.

use serde::Serialize;

use super::Target;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetState {
    OnTrack,
    AtRisk,
    Behind,
    /// No current value (nothing in the ledger, nothing reported).
    NoData,
}

impl TargetState {
    pub fn code(self) -> &'static str {
        match self {
            TargetState::OnTrack => "on_track",
            TargetState::AtRisk => "at_risk",
            TargetState::Behind => "behind",
            TargetState::NoData => "no_data",
        }
    }
    /// The state as people read it (the CLI); pages use [`TargetState::label`].
    pub fn msg(self) -> crate::i18n::Msg {
        use crate::i18n::catalogue::plans as C;
        match self {
            TargetState::OnTrack => C::target_state_on_track(),
            TargetState::AtRisk => C::target_state_at_risk(),
            TargetState::Behind => C::target_state_behind(),
            TargetState::NoData => C::target_state_no_data(),
        }
    }
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (TargetState::OnTrack, true) => "进度正常",
            (TargetState::OnTrack, false) => "On track",
            (TargetState::AtRisk, true) => "存在风险",
            (TargetState::AtRisk, false) => "At risk",
            (TargetState::Behind, true) => "进度滞后",
            (TargetState::Behind, false) => "Behind",
            (TargetState::NoData, true) => "暂无数据",
            (TargetState::NoData, false) => "No data",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub year: i32,
    /// The value reached: a level, or for change targets the change in % (signed: −12.7 is a fall).
    pub current: Option<f64>,
    /// The value required by the end of `year` (for change targets: the required change, unsigned).
    pub required: f64,
    /// Share of the required progress achieved (1.0 = exactly the milestone).
    pub share: Option<f64>,
    pub state: TargetState,
}

/// The value required by the end of a year: the milestone if the plan names one, the target
/// from the target year on, else the straight line from the baseline (a change of 0 for change targets).
pub fn required_by(t: &Target, year: i32) -> f64 {
    if let Some(v) = t.milestones.get(&year) {
        return *v;
    }
    if year >= t.target_year {
        return t.target_value;
    }
    let start = if t.kind == "change_pct" { 0.0 } else { t.baseline_value };
    if year <= t.baseline_year || t.target_year <= t.baseline_year {
        return start;
    }
    // Between milestones: the straight line from the last named point before the year.
    let (y0, v0) = t.milestones.range(..year).next_back().map(|(y, v)| (*y, *v)).unwrap_or((t.baseline_year, start));
    let (y1, v1) = t.milestones.range(year..).next().map(|(y, v)| (*y, *v)).unwrap_or((t.target_year, t.target_value));
    if y1 <= y0 { v1 } else { v0 + (v1 - v0) * f64::from(year - y0) / f64::from(y1 - y0) }
}

pub fn assess(t: &Target, year: i32, current: Option<f64>, at_risk_ratio: f64) -> Assessment {
    let required = required_by(t, year);
    let decrease = t.direction == "decrease";
    let share = current.and_then(|c| {
        let (achieved, needed) = if t.kind == "change_pct" {
            // The change is signed; a decrease target of 12.7 is met by a change of −12.7 or less.
            (if decrease { -c } else { c }, required)
        } else if decrease {
            (t.baseline_value - c, t.baseline_value - required)
        } else {
            (c - t.baseline_value, required - t.baseline_value)
        };
        if needed.abs() < 1e-12 { Some(if achieved >= -1e-12 { 1.0 } else { 0.0 }) } else { Some(achieved / needed) }
    });
    let state = match share {
        None => TargetState::NoData,
        Some(s) if s >= 1.0 - 1e-9 => TargetState::OnTrack,
        Some(s) if s >= at_risk_ratio => TargetState::AtRisk,
        Some(_) => TargetState::Behind,
    };
    Assessment { year, current, required, share, state }
}

/// Σ numerator ÷ Σ denominator over the rows that have both (and a positive denominator).
pub fn intensity(rows: &[(Option<f64>, Option<f64>)]) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for (n, d) in rows {
        if let (Some(n), Some(d)) = (n, d) {
            if *d > 0.0 {
                num += n;
                den += d;
            }
        }
    }
    (den > 0.0).then(|| num / den)
}

/// The change in % from the baseline intensity to the current one (negative: a fall).
pub fn change_pct(baseline: f64, current: f64) -> Option<f64> {
    (baseline > 0.0).then(|| (current / baseline - 1.0) * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::Source;

    fn target(kind: &str, direction: &str, baseline: (i32, f64), target: (i32, f64), milestones: &[(i32, f64)]) -> Target {
        Target {
            id: 1,
            plan_id: 1,
            code: "t".into(),
            indicator: "t".into(),
            measure_unit: "".into(),
            kind: kind.into(),
            direction: direction.into(),
            baseline_year: baseline.0,
            baseline_value: baseline.1,
            target_year: target.0,
            target_value: target.1,
            milestones: milestones.iter().copied().collect(),
            source: Source::Reported,
            unit_id: 1,
        }
    }

    #[test]
    fn energy_intensity_from_two_years_of_figures() {
        // 2025: 1,000 tce over 10,000 (10k yuan) = 0.1; 2026: 960 over 11,000 = 0.0872727…
        // The enterprise without value added is left out of both sums.
        let y2025 = intensity(&[(Some(600.0), Some(6000.0)), (Some(400.0), Some(4000.0)), (Some(50.0), None)]).unwrap();
        let y2026 = intensity(&[(Some(560.0), Some(6500.0)), (Some(400.0), Some(4500.0))]).unwrap();
        assert!((y2025 - 0.1).abs() < 1e-12);
        let change = change_pct(y2025, y2026).unwrap();
        assert!((change - -12.727272727).abs() < 1e-6, "{change}");
        let t = target("change_pct", "decrease", (2025, 0.1), (2026, 12.7), &[]);
        let a = assess(&t, 2026, Some(change), 0.9);
        assert_eq!(a.state, TargetState::OnTrack);
        assert!((a.share.unwrap() - 12.727272727 / 12.7).abs() < 1e-6);
        // A fall of 12.0 % is 94.5 % of the way: at risk; 10 % is behind; a rise is behind.
        assert_eq!(assess(&t, 2026, Some(-12.0), 0.9).state, TargetState::AtRisk);
        assert_eq!(assess(&t, 2026, Some(-10.0), 0.9).state, TargetState::Behind);
        assert_eq!(assess(&t, 2026, Some(3.0), 0.9).state, TargetState::Behind);
        assert_eq!(assess(&t, 2026, None, 0.9).state, TargetState::NoData);
        assert_eq!(intensity(&[(Some(1.0), Some(0.0)), (None, Some(3.0))]), None);
    }

    #[test]
    fn count_targets_against_milestones() {
        // 238 boilers by 2024, 1,298 by 2026 (from 0 in 2023): 2025 is interpolated, 768.
        let t = target("level", "increase", (2023, 0.0), (2026, 1298.0), &[(2024, 238.0)]);
        assert_eq!(required_by(&t, 2024), 238.0);
        assert_eq!(required_by(&t, 2025), 768.0);
        assert_eq!(required_by(&t, 2026), 1298.0);
        assert_eq!(required_by(&t, 2030), 1298.0);
        assert_eq!(assess(&t, 2024, Some(238.0), 0.9).state, TargetState::OnTrack);
        assert_eq!(assess(&t, 2024, Some(215.0), 0.9).state, TargetState::AtRisk);
        assert_eq!(assess(&t, 2024, Some(200.0), 0.9).state, TargetState::Behind);
        // Without milestones the line runs from the baseline: 20 exits by 2026 from 0 in 2024.
        let exits = target("level", "increase", (2024, 0.0), (2026, 20.0), &[]);
        assert_eq!(required_by(&exits, 2025), 10.0);
        assert_eq!(assess(&exits, 2025, Some(10.0), 0.9).state, TargetState::OnTrack);
        // A decrease level target: 100 → 60.
        let d = target("level", "decrease", (2024, 100.0), (2026, 60.0), &[]);
        assert_eq!(assess(&d, 2025, Some(80.0), 0.9).state, TargetState::OnTrack);
        assert_eq!(assess(&d, 2025, Some(90.0), 0.9).state, TargetState::Behind);
    }
}
