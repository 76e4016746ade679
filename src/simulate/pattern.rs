//! Realistic values: a daily production cycle, per-pollutant levels from the outlet's limits,
//! noise, and the fault episodes (exceedance, flatline, dropout) that the simulator injects.
//! Everything is a pure function of (device seed, packet index), so a resent packet carries
//! exactly the values of the original.

use std::fmt::Write;

use super::faults::{Fault, Faults};

/// A pollutant an outlet reports, with its limit if the ledger has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Pollutant {
    pub code: String,
    pub limit: Option<f64>,
}

/// SplitMix64: a tiny, good mixer for deterministic per-packet randomness.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A uniform number in [0, 1) from a hash.
pub fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// Production load over the day (Beijing hour with fraction): about 0.55 at night, ramping up
/// from 06:00 to full load 08:00–18:00 with a lunch dip, down to night load by 23:00; Sundays
/// run at 80%.
pub fn production_factor(hour: f64, sunday: bool) -> f64 {
    let points = [(0.0, 0.55), (6.0, 0.55), (8.0, 1.0), (11.8, 1.0), (12.5, 0.85), (13.3, 1.0), (18.0, 1.0), (20.0, 0.75), (23.0, 0.55), (24.0, 0.55)];
    let h = hour.rem_euclid(24.0);
    let mut f = 0.55;
    for w in points.windows(2) {
        let ((h0, v0), (h1, v1)) = (w[0], w[1]);
        if h >= h0 && h <= h1 {
            f = v0 + (v1 - v0) * (h - h0) / (h1 - h0);
            break;
        }
    }
    if sunday { f * 0.8 } else { f }
}

/// Typical level of a pollutant at full load: a device-specific share (25–60%) of its limit,
/// or a usual concentration when the ledger records no limit.
pub fn typical_level(p: &Pollutant, device_seed: u64) -> f64 {
    let share = 0.25 + 0.35 * unit(mix(device_seed ^ hash_str(&p.code)));
    match p.limit {
        Some(l) if l > 0.0 => l * share,
        _ => match p.code.as_str() {
            "a34013" => 30.0 * share,
            "a24088" => 60.0 * share,
            "w01018" => 100.0 * share,
            "w21003" => 15.0 * share,
            _ => 50.0 * share,
        },
    }
}

pub fn hash_str(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Noise factor around 1 (±~10%, roughly normal: sum of three uniforms).
fn noise(h: u64) -> f64 {
    let s = unit(mix(h)) + unit(mix(h ^ 1)) + unit(mix(h ^ 2));
    1.0 + (s - 1.5) * 0.12
}

/// The DataTime (Beijing time, YYYYMMDDhhmmss) of a Unix time.
pub fn data_time_of_unix(unix: i64) -> i64 {
    let t = time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH).to_offset(time::macros::offset!(+8));
    t.year() as i64 * 10_000_000_000
        + t.month() as i64 * 100_000_000
        + t.day() as i64 * 1_000_000
        + t.hour() as i64 * 10_000
        + t.minute() as i64 * 100
        + t.second() as i64
}

/// Hour of day and Sunday flag of a DataTime YYYYMMDDhhmmss.
pub fn clock(dt: i64) -> (f64, bool) {
    let hh = (dt / 10_000) % 100;
    let mm = (dt / 100) % 100;
    let ss = dt % 100;
    let day = ((dt / 1_000_000) % 100) as u8;
    let month = ((dt / 100_000_000) % 100) as u8;
    let year = (dt / 10_000_000_000) as i32;
    let sunday = time::Month::try_from(month)
        .ok()
        .and_then(|m| time::Date::from_calendar_date(year, m, day).ok())
        .is_some_and(|d| d.weekday() == time::Weekday::Sunday);
    (hh as f64 + mm as f64 / 60.0 + ss as f64 / 3600.0, sunday)
}

/// DataTime of packet `k` for a device that started at `start` and reports every
/// `interval_s` seconds.
pub fn data_time(start: time::PrimitiveDateTime, interval_s: i64, k: u64) -> i64 {
    let t = start + time::Duration::seconds(interval_s * k as i64);
    t.year() as i64 * 10_000_000_000
        + t.month() as i64 * 100_000_000
        + t.day() as i64 * 1_000_000
        + t.hour() as i64 * 10_000
        + t.minute() as i64 * 100
        + t.second() as i64
}

/// The CP of real-time data packet `k` (CN 2011): `DataTime=…;code-Rtd=…,code-ZsRtd=…,code-Flag=N;…`
/// plus the flue-gas (O2, temperature, flow) or waste-water (flow, pH) auxiliaries.
pub fn cp(pollutants: &[Pollutant], water: bool, device_seed: u64, k: u64, dt: i64, faults: &Faults, reference_o2: Option<f64>) -> String {
    let (hour, sunday) = clock(dt);
    // Flatline: the analyser is stuck; every value repeats the one at the episode's start.
    let (vk, load) = match faults.episode(Fault::Flatline, device_seed, k) {
        Some(start) => (start, 0.75),
        None => (k, production_factor(hour, sunday)),
    };
    let exceed = faults.episode(Fault::Exceedance, device_seed, k).is_some();
    let mut s = String::with_capacity(256);
    let _ = write!(s, "DataTime={dt}");
    let o2 = if water { 0.0 } else { (13.5 - 5.0 * load) * noise(device_seed ^ vk.wrapping_mul(31) ^ 0x02) };
    for (i, p) in pollutants.iter().enumerate() {
        let mut v = typical_level(p, device_seed) * (0.4 + 0.6 * load) * noise(device_seed ^ vk.wrapping_mul(1_000_003) ^ i as u64);
        if exceed && i == 0 {
            // An exceedance of the first pollutant: 1.3–3× its limit (or 3× its usual level).
            let f = 1.3 + 1.7 * unit(mix(device_seed ^ k));
            v = p.limit.map_or(v * 3.0, |l| l * f);
        }
        if water {
            let _ = write!(s, ";{c}-Rtd={v:.2},{c}-Flag=N", c = p.code);
        } else if let Some(reference) = reference_o2 {
            // Converted to the outlet's reference O2, as its standard requires.
            let zs = v * (21.0 - reference) / (21.0 - o2.clamp(1.0, 20.0));
            let _ = write!(s, ";{c}-Rtd={v:.2},{c}-ZsRtd={zs:.2},{c}-Flag=N", c = p.code);
        } else {
            let _ = write!(s, ";{c}-Rtd={v:.2},{c}-Flag=N", c = p.code);
        }
    }
    if water {
        let flow = 12.0 * load * noise(device_seed ^ vk ^ 0x0f);
        let ph = 7.2 + 0.4 * (unit(mix(device_seed ^ vk ^ 0x11)) - 0.5);
        let _ = write!(s, ";w00000-Rtd={flow:.2},w00000-Flag=N;w01001-Rtd={ph:.2},w01001-Flag=N");
    } else {
        let temp = 60.0 + 60.0 * load * noise(device_seed ^ vk ^ 0x12);
        // Flue-gas flow in m³/s (HJ 212-2017 Table B.2: a00000 立方米/秒).
        let flow = 8.0 * load * noise(device_seed ^ vk ^ 0x13);
        let _ = write!(s, ";a19001-Rtd={o2:.1},a19001-Flag=N;a01012-Rtd={temp:.1},a01012-Flag=N;a00000-Rtd={flow:.2},a00000-Flag=N");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_cycle_has_night_and_day() {
        assert!((production_factor(3.0, false) - 0.55).abs() < 1e-9);
        assert!((production_factor(10.0, false) - 1.0).abs() < 1e-9);
        assert!(production_factor(12.5, false) < 0.9);
        assert!(production_factor(7.0, false) > 0.55 && production_factor(7.0, false) < 1.0);
        assert!(production_factor(10.0, true) < production_factor(10.0, false));
        assert_eq!(clock(20261122103000), (10.5, true)); // 2026-11-22 is a Sunday
    }

    #[test]
    fn values_follow_the_day_and_stay_below_the_limit_without_faults() {
        let p = vec![Pollutant { code: "a21026".into(), limit: Some(200.0) }];
        let none = Faults::none();
        let value = |dt: i64, k: u64| -> f64 {
            let s = cp(&p, false, 7, k, dt, &none, Some(9.0));
            let v = s.split("a21026-Rtd=").nth(1).unwrap().split(',').next().unwrap();
            v.parse().unwrap()
        };
        let night: f64 = (0..50).map(|k| value(20261123030000, k)).sum::<f64>() / 50.0;
        let day: f64 = (0..50).map(|k| value(20261123100000, k)).sum::<f64>() / 50.0;
        assert!(day > night * 1.3, "day {day} night {night}");
        assert!((0..500).all(|k| value(20261123100000, k) < 200.0));
        // Deterministic: the same packet index gives the same text.
        assert_eq!(cp(&p, false, 7, 5, 20261123100000, &none, Some(9.0)), cp(&p, false, 7, 5, 20261123100000, &none, Some(9.0)));
    }

    #[test]
    fn faults_show_in_the_values() {
        let p = vec![Pollutant { code: "w01018".into(), limit: Some(100.0) }];
        let all = Faults::parse("exceedance,flatline", 0.5).unwrap();
        let values: Vec<String> = (0..400).map(|k| cp(&p, true, 3, k, 20261123100000 + k as i64, &all, None)).collect();
        let cod = |s: &str| -> f64 { s.split("w01018-Rtd=").nth(1).unwrap().split(',').next().unwrap().parse().unwrap() };
        assert!(values.iter().any(|s| cod(s) > 100.0), "an exceedance above the limit");
        // A flatline repeats the same value in consecutive packets.
        assert!(values.windows(2).any(|w| cod(&w[0]) == cod(&w[1])));
        let none = Faults::none();
        let clean: Vec<f64> = (0..400).map(|k| cod(&cp(&p, true, 3, k, 20261123100000, &none, None))).collect();
        assert!(clean.iter().all(|v| *v < 100.0));
    }
}
