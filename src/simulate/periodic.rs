//! Minute (CN 2051), hourly (2061) and daily (2031) data as a logger computes and sends them,
//! with the flue-gas auxiliaries a converted concentration needs (O2, temperature, flow) or the
//! waste-water flow and pH. The same functions feed the live simulator and the demo's month of
//! history, so the history and the live data continue each other.
//!
//! Everything is a pure function of (device, period start): a resent packet carries the same
//! values, and the history of a day is the same on every machine. Faults are episodes on the
//! minute clock (18–60 minutes in blocks of 96, see `faults`): a dropout leaves minutes out (an hour with
//! fewer than 45 is invalid), calibration flags minutes `C`, an exceedance lifts the first
//! pollutant above its limit, a flatline repeats one minute, dilution raises O2 and lowers the
//! measured concentrations in proportion.
//!
//! The logger's own hourly and daily values are plain means of what it measured, whatever the
//! flags — as many loggers do — so they differ from the platform's valid averages exactly where
//! the data is not valid; the outlet page shows both.

use std::fmt::Write;

use super::devices::SimDevice;
use super::faults::{Fault, Faults};
use super::pattern::{hash_str, mix, production_factor, typical_level, unit};
use crate::monitoring::codes::{FLUE_GAS_FLOW, FLUE_GAS_TEMPERATURE, OXYGEN, WATER_FLOW};

const PH: &str = "w01001";
/// Minutes per step of the fault clock: episodes of 18–60 minutes.
const EPISODE_UNIT: u64 = 3;

/// One value of a period: what the logger sends for one pollutant or parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub code: String,
    pub avg: f64,
    pub min: f64,
    pub max: f64,
    /// Cumulative amount in the period (water: pollutant kg, flow m³); None for flue gas.
    pub cou: Option<f64>,
    /// Mean converted to the outlet's reference O2 (ZsAvg); None where no conversion applies.
    pub converted: Option<f64>,
    pub flag: &'static str,
}

fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

/// Noise factor around 1 (±~6 %: sum of three uniforms).
fn noise(h: u64) -> f64 {
    let s = unit(mix(h)) + unit(mix(h ^ 1)) + unit(mix(h ^ 2));
    1.0 + (s - 1.5) * 0.07
}

/// The process's own variation (feed, fuel, load within the hour): a factor around 1 that
/// moves smoothly from one random level each hour to the next (±~24 %, standard deviation
/// ~8 %). Without it the minute noise averages out and hourly means would lie within a
/// fraction of a percent of each other for hours, as no real analyser's do (the flatline
/// detector would rightly flag every clean outlet).
fn drift(h: u64, minute: u64) -> f64 {
    let (hour, into) = (minute / 60, (minute % 60) as f64 / 60.0);
    let knot = |k: u64| {
        let s = unit(mix(h ^ k.wrapping_mul(0x9e37_79b9))) + unit(mix(h ^ k.wrapping_mul(0x85eb_ca6b) ^ 1)) + unit(mix(h ^ k.wrapping_mul(0xc2b2_ae35) ^ 2));
        1.0 + (s - 1.5) * 0.16
    };
    knot(hour) * (1.0 - into) + knot(hour + 1) * into
}

/// Beijing hour of day (with fraction) and whether it is a Sunday.
fn beijing_clock(unix: i64) -> (f64, bool) {
    let local = unix + 8 * 3600;
    let hour = local.rem_euclid(86_400) as f64 / 3600.0;
    // 1970-01-01 was a Thursday: day 3 of a week starting on Sunday is Wednesday + 1.
    let sunday = (local.div_euclid(86_400) + 4).rem_euclid(7) == 0;
    (hour, sunday)
}

/// Decimal places a logger sends for a code (flow of flue gas in m³/s, O2 and temperature with one).
fn decimals(code: &str) -> i32 {
    match code {
        OXYGEN | FLUE_GAS_TEMPERATURE => 1,
        _ => 2,
    }
}

fn value(code: &str, v: f64, spread: f64, cou: Option<f64>, converted: Option<f64>, flag: &'static str) -> Value {
    let d = decimals(code);
    Value {
        code: code.to_string(),
        avg: round(v, d),
        min: round(v * (1.0 - spread), d),
        max: round(v * (1.0 + spread), d),
        cou: cou.map(|c| round(c, 4)),
        converted: converted.map(|c| round(c, 2)),
        flag,
    }
}

/// Full-load flue-gas flow of a device in m³/s (dry, standard conditions): 3–15 m³/s.
fn full_flow_m3_s(seed: u64) -> f64 {
    3.0 + 12.0 * unit(mix(seed ^ 0xf10f))
}

/// The minute starting at `start` (Unix seconds, a minute boundary), or None when the logger
/// recorded nothing (a dropout).
pub fn minute(dev: &SimDevice, faults: &Faults, start: i64) -> Option<Vec<Value>> {
    // Episodes on the minute clock (minute index since 1970) never share a block with the real-time
    // packets' episodes (packet index from 0), but share the device's fault proneness.
    let seed = hash_str(&dev.mn);
    let m = start.div_euclid(60) as u64;
    if faults.episode_in(Fault::Dropout, seed, m, EPISODE_UNIT).is_some() {
        return None;
    }
    let (hour, sunday) = beijing_clock(start);
    let (vm, load) = match faults.episode_in(Fault::Flatline, seed, m, EPISODE_UNIT) {
        Some(first) => (first, 0.75),
        None => (m, production_factor(hour, sunday)),
    };
    let exceed = faults.episode_in(Fault::Exceedance, seed, m, EPISODE_UNIT).is_some();
    let flag = if faults.episode_in(Fault::Calibration, seed, m, EPISODE_UNIT).is_some() { "C" } else { "N" };
    let spread = 0.03 + 0.04 * unit(mix(seed ^ m ^ 0x5b));
    let mut out = Vec::with_capacity(dev.pollutants.len() + 3);
    if dev.water {
        let flow_l_s = 12.0 * load * noise(seed ^ vm ^ 0x0f);
        for (i, p) in dev.pollutants.iter().enumerate() {
            let mut c = typical_level(p, seed) * (0.4 + 0.6 * load) * noise(seed ^ vm.wrapping_mul(1_000_003) ^ i as u64) * drift(seed ^ 0xd7 ^ i as u64, vm);
            if exceed && i == 0 {
                c = p.limit.map_or(c * 3.0, |l| l * (1.3 + 1.7 * unit(mix(seed ^ m))));
            }
            let kg = c * flow_l_s * 60.0 * 1e-6;
            out.push(value(&p.code, c, spread, Some(kg), None, flag));
        }
        out.push(value(WATER_FLOW, flow_l_s, 0.05, Some(flow_l_s * 60.0 * 1e-3), None, flag));
        let ph = 7.2 + 0.4 * (unit(mix(seed ^ vm ^ 0x11)) - 0.5);
        out.push(value(PH, ph, 0.005, None, None, flag));
        return Some(out);
    }
    let o2_process = ((13.5 - 5.0 * load) * noise(seed ^ vm.wrapping_mul(31) ^ 0x02)).clamp(3.0, 17.0);
    // Dilution: air in the duct raises O2 to 18–19.5 %; concentrations fall and flow rises in
    // proportion to (21 − O2), so the emitted mass and the converted concentration are unchanged.
    let o2 = match faults.episode_in(Fault::Dilution, seed, m, EPISODE_UNIT) {
        Some(_) => 18.0 + 1.5 * unit(mix(seed ^ m ^ 0xd1)),
        None => o2_process,
    };
    let dilution = (21.0 - o2) / (21.0 - o2_process);
    for (i, p) in dev.pollutants.iter().enumerate() {
        let mut c = typical_level(p, seed) * (0.4 + 0.6 * load) * noise(seed ^ vm.wrapping_mul(1_000_003) ^ i as u64) * drift(seed ^ 0xd7 ^ i as u64, vm);
        if exceed && i == 0 {
            c = p.limit.map_or(c * 3.0, |l| l * (1.3 + 1.7 * unit(mix(seed ^ m))));
        }
        // The level above is what the process emits at its own O2; convert it to the reference
        // (if any) the way the outlet's limit is expressed, then measure it diluted.
        let measured = c * dilution;
        let converted = dev.reference_o2.map(|r| measured * (21.0 - r) / (21.0 - o2));
        out.push(value(&p.code, measured, spread, None, converted, flag));
    }
    out.push(value(OXYGEN, o2, 0.02, None, None, flag));
    let temp = 60.0 + 60.0 * load * noise(seed ^ vm ^ 0x12);
    out.push(value(FLUE_GAS_TEMPERATURE, temp, 0.01, None, None, flag));
    let flow = full_flow_m3_s(seed) * (0.35 + 0.65 * load) * noise(seed ^ vm ^ 0x13) / dilution;
    out.push(value(FLUE_GAS_FLOW, flow, 0.03, None, None, flag));
    Some(out)
}

/// What a logger computes for a longer period from its minutes (or hours): plain means of all
/// it measured, extremes of the extremes, sums of the cumulative amounts, and the most frequent
/// flag. None when nothing was measured in the period.
pub fn aggregate(parts: &[Vec<Value>]) -> Option<Vec<Value>> {
    let first = parts.first()?;
    let mut out = Vec::with_capacity(first.len());
    for (i, template) in first.iter().enumerate() {
        let same: Vec<&Value> = parts.iter().filter_map(|p| p.get(i)).filter(|v| v.code == template.code).collect();
        let n = same.len() as f64;
        let d = decimals(&template.code);
        let mean = |f: &dyn Fn(&Value) -> f64| same.iter().map(|v| f(v)).sum::<f64>() / n;
        let mut flags: Vec<&str> = same.iter().map(|v| v.flag).collect();
        flags.sort_unstable();
        let flag = flags.chunk_by(|a, b| a == b).max_by_key(|c| c.len()).map_or("N", |c| c[0]);
        out.push(Value {
            code: template.code.clone(),
            avg: round(mean(&|v| v.avg), d),
            min: same.iter().map(|v| v.min).fold(f64::INFINITY, f64::min),
            max: same.iter().map(|v| v.max).fold(f64::NEG_INFINITY, f64::max),
            cou: template.cou.map(|_| round(same.iter().filter_map(|v| v.cou).sum(), 4)),
            converted: template.converted.map(|_| round(same.iter().filter_map(|v| v.converted).sum::<f64>() / n, 2)),
            flag,
        });
    }
    Some(out)
}

/// The hour starting at `start`, as the logger sends it in a 2061 packet.
pub fn hour(dev: &SimDevice, faults: &Faults, start: i64) -> Option<Vec<Value>> {
    let minutes: Vec<Vec<Value>> = (0..60).filter_map(|i| minute(dev, faults, start + i * 60)).collect();
    aggregate(&minutes)
}

/// The Beijing day starting at `start`, as the logger sends it in a 2031 packet (from its hours).
pub fn day(dev: &SimDevice, faults: &Faults, start: i64) -> Option<Vec<Value>> {
    let hours: Vec<Vec<Value>> = (0..24).filter_map(|i| hour(dev, faults, start + i * 3600)).collect();
    aggregate(&hours)
}

/// Starts of the periods of `length` seconds (aligned at `offset` seconds east of UTC) that end
/// in `(t - interval, t]`: what a logger sending every `interval` seconds has just closed.
pub fn closed(t: i64, interval: i64, length: i64, offset: i64) -> impl Iterator<Item = i64> {
    let last_end = t - (t + offset).rem_euclid(length);
    let first_end = last_end - (interval - 1).div_euclid(length) * length;
    (0..).map(move |i| first_end + i * length).take_while(move |e| *e <= last_end).filter(move |e| *e > t - interval).map(move |e| e - length)
}

/// The CP of a minute, hourly or daily packet: `DataTime=…;code-Avg=…,code-Min=…,…`.
pub fn cp(values: &[Value], data_time: i64) -> String {
    let mut s = String::with_capacity(64 + 96 * values.len());
    let _ = write!(s, "DataTime={data_time}");
    for v in values {
        let c = &v.code;
        let _ = write!(s, ";");
        if let Some(cou) = v.cou {
            let _ = write!(s, "{c}-Cou={cou},");
        }
        let _ = write!(s, "{c}-Avg={},{c}-Min={},{c}-Max={}", v.avg, v.min, v.max);
        if let Some(z) = v.converted {
            let _ = write!(s, ",{c}-ZsAvg={z}");
        }
        let _ = write!(s, ",{c}-Flag={}", v.flag);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::pattern::Pollutant;

    fn air(reference_o2: Option<f64>) -> SimDevice {
        SimDevice {
            mn: "SIMAIR0000000000000001".into(),
            password: None,
            key: None,
            protocol: hj212::Version::V2017,
            water: false,
            pollutants: vec![Pollutant { code: "a21026".into(), limit: Some(100.0) }, Pollutant { code: "a21002".into(), limit: Some(200.0) }],
            reference_o2,
        }
    }

    fn get<'a>(v: &'a [Value], code: &str) -> &'a Value {
        v.iter().find(|x| x.code == code).unwrap()
    }

    #[test]
    fn a_clean_minute_has_every_field_and_the_conversion() {
        let d = air(Some(9.0));
        let start = 1_764_727_200; // 2025-12-03 10:00 Beijing
        let m = minute(&d, &Faults::none(), start).unwrap();
        let so2 = get(&m, "a21026");
        let o2 = get(&m, OXYGEN).avg;
        assert!(so2.min <= so2.avg && so2.avg <= so2.max && so2.avg < 100.0);
        let expected = so2.avg * 12.0 / (21.0 - o2);
        assert!((so2.converted.unwrap() - expected).abs() < 0.05 * expected, "{so2:?} o2 {o2}");
        let flow = get(&m, FLUE_GAS_FLOW).avg;
        assert!((1.0..20.0).contains(&flow), "flue-gas flow is in m³/s: {flow}");
        assert_eq!(minute(&d, &Faults::none(), start), Some(m.clone()), "deterministic");
        assert!(get(&minute(&air(None), &Faults::none(), start).unwrap(), "a21026").converted.is_none());
        let text = cp(&m, 20251203100000);
        assert!(text.starts_with("DataTime=20251203100000;a21026-Avg="), "{text}");
        assert!(text.contains("a21026-ZsAvg=") && text.contains("a19001-Flag=N"), "{text}");
    }

    #[test]
    fn faults_show_as_missing_minutes_flags_dilution_and_high_values() {
        let d = air(Some(9.0));
        let all = Faults::parse("dropout,calibration,dilution,exceedance", 0.5).unwrap();
        let start = 1_764_604_800; // 2025-12-02 00:00 Beijing
        let minutes: Vec<Option<Vec<Value>>> = (0..1440).map(|i| minute(&d, &all, start + i * 60)).collect();
        assert!(minutes.iter().any(|m| m.is_none()), "dropouts leave minutes out");
        let present: Vec<&Vec<Value>> = minutes.iter().flatten().collect();
        assert!(present.iter().any(|m| m[0].flag == "C"), "calibration minutes are flagged C");
        assert!(present.iter().any(|m| get(m, OXYGEN).avg >= 18.0), "dilution raises O2");
        assert!(present.iter().any(|m| get(m, "a21026").converted.unwrap() > 100.0), "exceedances above the limit");
        // Diluted minutes: the measured value is low but the converted one is not.
        let diluted: Vec<&&Vec<Value>> = present.iter().filter(|m| get(m, OXYGEN).avg >= 18.0).collect();
        assert!(diluted.iter().any(|m| get(m, "a21026").converted.unwrap() > 2.0 * get(m, "a21026").avg));
        // Some hour ends up with fewer than 45 minutes.
        assert!((0..24).any(|h| (0..60).filter(|i| minutes[h * 60 + i].is_some()).count() < 45));
    }

    #[test]
    fn the_loggers_hour_is_the_plain_mean_of_its_minutes() {
        let d = air(Some(9.0));
        let start = 1_764_727_200;
        let minutes: Vec<Vec<Value>> = (0..60).map(|i| minute(&d, &Faults::none(), start + i * 60).unwrap()).collect();
        let h = hour(&d, &Faults::none(), start).unwrap();
        let mean = minutes.iter().map(|m| m[0].avg).sum::<f64>() / 60.0;
        assert!((h[0].avg - mean).abs() < 0.006);
        assert_eq!(h[0].max, minutes.iter().map(|m| m[0].max).fold(f64::MIN, f64::max));
        assert_eq!(h[0].flag, "N");
    }

    #[test]
    fn periods_closed_by_a_packet() {
        let t = 1_764_727_200; // a whole hour
        assert_eq!(closed(t, 30, 60, 0).collect::<Vec<_>>(), vec![t - 60]);
        assert_eq!(closed(t + 30, 30, 60, 0).count(), 0);
        assert_eq!(closed(t, 30, 3600, 0).collect::<Vec<_>>(), vec![t - 3600]);
        assert_eq!(closed(t, 300, 60, 0).collect::<Vec<_>>(), vec![t - 300, t - 240, t - 180, t - 120, t - 60]);
        assert_eq!(closed(t + 20, 30, 60, 0).collect::<Vec<_>>(), vec![t - 60]);
        // Beijing midnight 2025-12-03 00:00 is 2025-12-02 16:00 UTC.
        let midnight = 1_764_691_200;
        assert_eq!(closed(midnight, 30, 86_400, 8 * 3600).collect::<Vec<_>>(), vec![midnight - 86_400]);
        assert_eq!(closed(midnight + 3600, 30, 86_400, 8 * 3600).count(), 0);
    }

    #[test]
    fn water_minutes_carry_loads_and_flow_volume() {
        let d = SimDevice { water: true, pollutants: vec![Pollutant { code: "w01018".into(), limit: Some(100.0) }], reference_o2: None, ..air(None) };
        let m = minute(&d, &Faults::none(), 1_764_727_200).unwrap();
        let cod = get(&m, "w01018");
        let flow = get(&m, WATER_FLOW);
        assert!(cod.converted.is_none());
        assert!((cod.cou.unwrap() - cod.avg * flow.avg * 60.0 * 1e-6).abs() < 1e-3, "{cod:?} {flow:?}");
        assert!(get(&m, PH).avg > 6.0);
    }
}
