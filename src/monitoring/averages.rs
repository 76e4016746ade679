//! Valid hourly, daily and monthly means (HJ 212-2017 Appendix D; HJ 75/76-2017 as quoted in
//! shared/reference/monitoring-facts.md §1.2–§1.3, §3). Pure: the caller reads the minute values
//! and stores the results.
//!
//! Flue gas: the hourly mean is the arithmetic mean of the valid minute values, valid with at
//! least `hour_min_valid_minutes`; the converted (折算) hourly mean uses the hour's O2 mean, and
//! where a conversion applies the hour is valid only with a valid O2 mean too (the standards
//! judge compliance on the converted value: GB 4915-2013 §4.1.4). Daily: mean of the valid
//! hours, valid with `day_min_valid_hours`; monthly: mean of the valid days, valid with
//! `month_min_valid_days` (February its own number).
//! Wastewater: hourly and daily means weighted by flow (D.1: Ch = Gh/Dh × 10³); the monthly
//! mean is the mean of the daily means (环境保护税法实施条例 Art. 10: 「日平均值再平均」).

use super::codes::{self, FLUE_GAS_FLOW, OXYGEN, WATER_FLOW};
use super::conversion::{emission_rate_kg_per_h, to_reference_oxygen, water_load_kg};
use super::oxygen::plausible_o2;
use super::rules::{Medium, MediumRules, ValidityRules};

/// One minute value as the averages see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    /// Unix seconds.
    pub at: i64,
    pub value: Option<f64>,
    /// The flag is one of the valid flags and the value is a finite number.
    pub valid: bool,
}

impl Reading {
    pub fn new(rules: &ValidityRules, at: i64, value: Option<f64>, flag: &str) -> Reading {
        Reading { at, value, valid: rules.is_valid(flag, value) }
    }
}

/// One mean over a period.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Average {
    pub valid: bool,
    /// Valid values behind the mean (minutes for an hour, valid hours for a day, days for a month).
    pub valid_count: u32,
    /// Values received in the period, valid or not.
    pub total_count: u32,
    /// The measured mean (dry standard state as the logger sends it).
    pub mean: Option<f64>,
    /// Converted to reference oxygen; None where no conversion applies.
    pub converted: Option<f64>,
    /// The O2 mean the conversion used.
    pub o2: Option<f64>,
    /// Hour: kg/h; day and month: kg in the period (sum over the valid hours).
    pub emission_kg: Option<f64>,
    /// Water: the flow mean of the period (L/s) that weighs it in the daily mean.
    pub flow: Option<f64>,
}

impl Average {
    /// `exceeded`: None when the period is invalid or there is no limit; compared on the
    /// converted mean when present, else the measured mean.
    pub fn exceeded(&self, limit: Option<f64>) -> Option<bool> {
        let limit = limit?;
        if !self.valid {
            return None;
        }
        self.converted.or(self.mean).map(|v| v > limit)
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0u32);
    for v in values {
        sum += v;
        n += 1;
    }
    (n > 0).then(|| sum / n as f64)
}

/// The arithmetic mean of the valid minutes of one series, valid with `min_valid` of them.
pub fn arithmetic(readings: &[Reading], min_valid: u32) -> Average {
    let valid_count = readings.iter().filter(|r| r.valid).count() as u32;
    Average {
        valid: valid_count >= min_valid && valid_count > 0,
        valid_count,
        total_count: readings.len() as u32,
        mean: mean(readings.iter().filter(|r| r.valid).filter_map(|r| r.value)),
        ..Average::default()
    }
}

/// How an outlet's concentrations are treated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutletRules<'a> {
    pub medium: Medium,
    /// Reference oxygen (%) when a conversion applies.
    pub reference_o2: Option<f64>,
    pub rules: &'a ValidityRules,
}

/// One hour of one outlet: every series of the hour (pollutant code, its minute readings) in,
/// one average per series out, in the same order.
pub fn hour(outlet: &OutletRules, series: &[(&str, &[Reading])]) -> Vec<Average> {
    let rules = outlet.rules.for_medium(outlet.medium);
    match outlet.medium {
        Medium::Air => air_hour(outlet, rules, series),
        Medium::Water => water_hour(rules, series),
    }
}

fn air_hour(outlet: &OutletRules, rules: &MediumRules, series: &[(&str, &[Reading])]) -> Vec<Average> {
    let raw: Vec<Average> = series.iter().map(|(_, r)| arithmetic(r, rules.hour_min_valid_minutes)).collect();
    let find = |code: &str| series.iter().position(|(c, _)| *c == code).map(|i| raw[i]);
    let o2 = find(OXYGEN).filter(|a| a.valid).and_then(|a| a.mean).filter(|p| plausible_o2(*p));
    let flow_m3_h = find(FLUE_GAS_FLOW).and_then(|a| a.mean).map(|m3_s| m3_s * 3600.0);
    series
        .iter()
        .zip(raw)
        .map(|((code, _), mut a)| {
            if codes::is_parameter(code) {
                return a;
            }
            if let Some(reference) = outlet.reference_o2 {
                a.o2 = o2;
                match (a.mean, o2) {
                    (Some(m), Some(o2)) => a.converted = to_reference_oxygen(m, reference, o2),
                    _ => a.converted = None,
                }
                // Without a valid O2 mean the compliance value cannot be computed.
                if a.converted.is_none() {
                    a.valid = false;
                }
            }
            a.emission_kg = match (a.mean, flow_m3_h) {
                (Some(m), Some(q)) => Some(emission_rate_kg_per_h(m, q)),
                _ => None,
            };
            a
        })
        .collect()
}

fn water_hour(rules: &MediumRules, series: &[(&str, &[Reading])]) -> Vec<Average> {
    let flow: Option<&[Reading]> = series.iter().find(|(c, _)| *c == WATER_FLOW).map(|(_, r)| *r);
    let flow_at = |at: i64| -> Option<f64> {
        let f = flow?;
        f.binary_search_by_key(&at, |r| r.at).ok().and_then(|i| f[i].value).filter(|q| q.is_finite() && *q >= 0.0)
    };
    let flow_mean = flow.and_then(|f| mean(f.iter().filter_map(|r| r.value).filter(|q| q.is_finite() && *q >= 0.0)));
    series
        .iter()
        .map(|(code, readings)| {
            let mut a = arithmetic(readings, rules.hour_min_valid_minutes);
            a.flow = flow_mean;
            if rules.any_invalid_minute_invalidates_hour && readings.iter().any(|r| r.value.is_some() && !r.valid) {
                a.valid = false;
            }
            if codes::is_parameter(code) {
                return a;
            }
            // Flow-weighted mean over the valid minutes that have a flow (D.1); the plain mean
            // (D.1 formulas 15–17) when the outlet sends no flow or discharged nothing.
            let (mut load, mut volume) = (0.0, 0.0);
            for r in readings.iter().filter(|r| r.valid) {
                if let (Some(c), Some(q)) = (r.value, flow_at(r.at)) {
                    load += water_load_kg(c, q, 60.0);
                    volume += q * 60.0 * 1e-3;
                }
            }
            if volume > 0.0 {
                a.mean = Some(load / volume * 1e3);
                a.emission_kg = Some(load);
            }
            a
        })
        .collect()
}

/// A daily mean from the day's hourly means of one series.
pub fn day(outlet: &OutletRules, hours: &[Average]) -> Average {
    let rules = outlet.rules.for_medium(outlet.medium);
    let valid: Vec<&Average> = hours.iter().filter(|h| h.valid).collect();
    let valid_count = valid.len() as u32;
    let mut a = Average {
        valid: valid_count >= rules.day_min_valid_hours && valid_count > 0,
        valid_count,
        total_count: hours.iter().filter(|h| h.total_count > 0).count() as u32,
        mean: mean(valid.iter().filter_map(|h| h.mean)),
        converted: if valid.iter().all(|h| h.converted.is_some()) { mean(valid.iter().filter_map(|h| h.converted)) } else { None },
        o2: mean(valid.iter().filter_map(|h| h.o2)),
        emission_kg: sum(valid.iter().filter_map(|h| h.emission_kg)),
        flow: mean(valid.iter().filter_map(|h| h.flow)),
    };
    if outlet.medium == Medium::Water {
        // Flow-weighted over the valid hours with a flow (Cd = Gd/Dd × 10³).
        let (mut weighted, mut weight) = (0.0, 0.0);
        for h in &valid {
            if let (Some(c), Some(q)) = (h.mean, h.flow) {
                weighted += c * q;
                weight += q;
            }
        }
        if weight > 0.0 {
            a.mean = Some(weighted / weight);
        }
    }
    a
}

fn sum(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut it = values.peekable();
    it.peek()?;
    Some(it.sum())
}

/// A monthly mean from the month's daily means of one series; `month` is 1–12.
pub fn month(outlet: &OutletRules, month: u8, days: &[Average]) -> Average {
    let rules = outlet.rules.for_medium(outlet.medium);
    let valid: Vec<&Average> = days.iter().filter(|d| d.valid).collect();
    let valid_count = valid.len() as u32;
    Average {
        valid: valid_count >= rules.month_min_days(month) && valid_count > 0,
        valid_count,
        total_count: days.iter().filter(|d| d.total_count > 0).count() as u32,
        mean: mean(valid.iter().filter_map(|d| d.mean)),
        converted: if valid.iter().all(|d| d.converted.is_some()) { mean(valid.iter().filter_map(|d| d.converted)) } else { None },
        o2: mean(valid.iter().filter_map(|d| d.o2)),
        emission_kg: sum(valid.iter().filter_map(|d| d.emission_kg)),
        flow: mean(valid.iter().filter_map(|d| d.flow)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::rules::VALIDITY;

    fn minutes(values: &[(f64, &str)]) -> Vec<Reading> {
        values.iter().enumerate().map(|(i, (v, f))| Reading::new(&VALIDITY, i as i64 * 60, Some(*v), f)).collect()
    }
    fn air(reference_o2: Option<f64>) -> OutletRules<'static> {
        OutletRules { medium: Medium::Air, reference_o2, rules: &VALIDITY }
    }
    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn forty_five_valid_minutes_make_a_valid_hour_forty_four_do_not() {
        // 45 minutes of 10 flagged N, 15 of 1000 flagged D (fault): valid, mean 10.
        let mut v: Vec<(f64, &str)> = vec![(10.0, "N"); 45];
        v.extend(vec![(1000.0, "D"); 15]);
        let a = hour(&air(None), &[("a21026", &minutes(&v))])[0];
        assert!(a.valid);
        assert_eq!((a.valid_count, a.total_count), (45, 60));
        assert!(close(a.mean, 10.0));
        // One more minute in calibration (C): 44 valid, the hour is invalid; the mean of the
        // valid minutes is still shown.
        v[0].1 = "C";
        let a = hour(&air(None), &[("a21026", &minutes(&v))])[0];
        assert!(!a.valid);
        assert_eq!(a.valid_count, 44);
        assert!(close(a.mean, 10.0));
        assert_eq!(a.exceeded(Some(5.0)), None, "an invalid hour is not judged");
    }

    #[test]
    fn twenty_valid_hours_make_a_valid_day_nineteen_do_not() {
        let valid = Average { valid: true, valid_count: 60, total_count: 60, mean: Some(30.0), ..Default::default() };
        let invalid = Average { valid: false, valid_count: 10, total_count: 60, mean: Some(900.0), ..Default::default() };
        let mut hours = vec![valid; 20];
        hours.extend(vec![invalid; 4]);
        let d = day(&air(None), &hours);
        assert!(d.valid);
        assert_eq!(d.valid_count, 20);
        assert!(close(d.mean, 30.0), "invalid hours do not enter the mean");
        hours[0] = invalid;
        let d = day(&air(None), &hours);
        assert!(!d.valid);
        assert_eq!(d.valid_count, 19);
    }

    #[test]
    fn months_need_twenty_five_valid_days_twenty_three_in_february() {
        let valid = Average { valid: true, valid_count: 24, total_count: 24, mean: Some(1.0), ..Default::default() };
        let invalid = Average { valid: false, total_count: 24, ..Default::default() };
        let days: Vec<Average> = (0..28).map(|i| if i < 23 { valid } else { invalid }).collect();
        assert!(month(&air(None), 2, &days).valid);
        assert!(!month(&air(None), 3, &days).valid);
        let mut days = days;
        days[0] = invalid;
        assert!(!month(&air(None), 2, &days).valid);
    }

    #[test]
    fn conversion_with_oxygen_above_and_below_the_reference() {
        // Coal boiler (9 %). SO2 100 mg/m³ every minute; O2 12 % → 100 × 12/9.
        let so2 = minutes(&[(100.0, "N"); 60]);
        let o2_high = minutes(&[(12.0, "N"); 60]);
        let a = hour(&air(Some(9.0)), &[("a21026", &so2), ("a19001", &o2_high)]);
        assert!(close(a[0].converted, 1200.0 / 9.0));
        assert!(close(a[0].o2, 12.0));
        assert_eq!(a[0].exceeded(Some(120.0)), Some(true), "converted 133.3 > 120 although measured 100 is not");
        assert_eq!(a[1].converted, None, "O2 itself is never converted");
        // O2 6 % → 100 × 12/15 = 80.
        let o2_low = minutes(&[(6.0, "N"); 60]);
        let a = hour(&air(Some(9.0)), &[("a21026", &so2), ("a19001", &o2_low)]);
        assert!(close(a[0].converted, 80.0));
        assert_eq!(a[0].exceeded(Some(90.0)), Some(false));
        // No valid O2 in the hour: the converted value cannot be computed, the hour is invalid.
        let o2_fault = minutes(&[(6.0, "D"); 60]);
        let a = hour(&air(Some(9.0)), &[("a21026", &so2), ("a19001", &o2_fault)]);
        assert!(!a[0].valid && a[0].converted.is_none());
    }

    #[test]
    fn a_standard_with_no_reference_oxygen_is_not_converted() {
        let pm = minutes(&[(25.0, "N"); 60]);
        let o2 = minutes(&[(17.0, "N"); 60]);
        let a = hour(&air(None), &[("a34013", &pm), ("a19001", &o2)])[0];
        assert!(a.valid);
        assert_eq!(a.converted, None);
        assert_eq!(a.exceeded(Some(20.0)), Some(true), "compared on the measured mean");
        assert_eq!(a.exceeded(None), None);
    }

    #[test]
    fn hourly_emission_uses_the_measured_concentration() {
        // 200 mg/m³ measured (converted would differ), flow 50 000/3600 m³/s → 10 kg/h.
        let nox = minutes(&[(200.0, "N"); 60]);
        let o2 = minutes(&[(15.0, "N"); 60]);
        let flow = minutes(&[(50_000.0 / 3600.0, "N"); 60]);
        let a = hour(&air(Some(9.0)), &[("a21002", &nox), ("a19001", &o2), ("a00000", &flow)])[0];
        assert!(close(a.emission_kg, 10.0));
        assert!(close(a.converted, 400.0));
    }

    #[test]
    fn wastewater_hour_is_flow_weighted() {
        // 30 minutes of COD 40 mg/L at 10 L/s, 30 minutes of COD 100 mg/L at 30 L/s.
        // Arithmetic mean would be 70; flow-weighted: (40×10 + 100×30)/(10+30) = 85.
        let mut cod = vec![(40.0, "N"); 30];
        cod.extend(vec![(100.0, "N"); 30]);
        let mut q = vec![(10.0, "N"); 30];
        q.extend(vec![(30.0, "N"); 30]);
        let water = OutletRules { medium: Medium::Water, reference_o2: None, rules: &VALIDITY };
        let a = hour(&water, &[("w01018", &minutes(&cod)), ("w00000", &minutes(&q))]);
        assert!(a[0].valid);
        assert!(close(a[0].mean, 85.0));
        // Load: Σ C × Q × 60 s × 10⁻⁶ = (40×10×30 + 100×30×30) × 60 × 10⁻⁶ = 6.12 kg.
        assert!(close(a[0].emission_kg, 6.12));
        assert!(close(a[1].mean, 20.0), "the flow itself is a plain mean");
        // One abnormal minute makes the water hour abnormal (HJ 212-2017 表C.17).
        cod[5].1 = "D";
        let a = hour(&water, &[("w01018", &minutes(&cod)), ("w00000", &minutes(&q))]);
        assert!(!a[0].valid);
        // Daily: hours weighted by their flow: (85×20 + 40×60)/(20+60) = 51.25.
        let h1 = Average { valid: true, valid_count: 60, total_count: 60, mean: Some(85.0), flow: Some(20.0), ..Default::default() };
        let h2 = Average { mean: Some(40.0), flow: Some(60.0), ..h1 };
        let d = day(&water, &[h1, h2]);
        assert!(d.valid, "one valid hour is enough for water (D.1)");
        assert!(close(d.mean, 51.25));
    }
}
