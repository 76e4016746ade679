//! The demo's monitoring history: the last month of minute, hourly and daily data of the demo
//! outlets, generated from the simulator's own functions (`simulate::periodic`) — faults
//! included — and written straight into the time-series store's blocks, then averaged by the
//! same code that averages received data. `serve --demo` therefore shows charts, calendars and
//! rates on first start, and the live simulator continues the same series from now on.
//!
//! History is generated, not received: it has no frames in the raw archive (the archive holds
//! only what loggers sent), and it is written only for outlets with no minute blocks yet.

use std::collections::BTreeMap;

use sqlx::Row;

use crate::error::Result;
use crate::monitoring::block::{self, Entry, FIELDS};
use crate::monitoring::clock;
use crate::monitoring::sample::DataKind;
use crate::simulate::faults::Faults;
use crate::simulate::pattern::data_time_of_unix;
use crate::simulate::periodic::{self, Value};
use crate::simulate::SimDevice;
use crate::storage::Db;

/// Faults of the demo city, live and in its history: every kind of data fault, spread unevenly
/// so that most outlets are clean and a few are the ones an officer should look at.
pub fn demo_faults() -> Faults {
    let mut f = Faults::parse("exceedance,flatline,dropout,calibration,dilution", 0.03).expect("known fault names");
    f.uneven = true;
    f
}

/// Block fields (`block::FIELD_NAMES`): Avg, Min, Max, Cou, ZsAvg.
const AVG: usize = 1;
const MIN: usize = 2;
const MAX: usize = 3;
const COU: usize = 4;
const ZS_AVG: usize = 6;

fn entry(time: i64, v: &Value) -> Entry {
    let mut fields = [None; FIELDS];
    fields[AVG] = Some(v.avg);
    fields[MIN] = Some(v.min);
    fields[MAX] = Some(v.max);
    fields[COU] = v.cou;
    fields[ZS_AVG] = v.converted;
    Entry { time, fields, flag: Some(v.flag.to_string()), extra: None }
}

/// Blocks of one kind for one device: (pollutant, block start) → (block end, entries).
pub type Blocks = BTreeMap<(String, i64), (i64, Vec<Entry>)>;

fn push(blocks: &mut Blocks, kind: DataKind, time: i64, values: &[Value]) {
    let Some((start, end)) = block::period(kind, data_time_of_unix(time)) else { return };
    for v in values {
        blocks.entry((v.code.clone(), start)).or_insert_with(|| (end, Vec::new())).1.push(entry(time, v));
    }
}

/// One device's history over the minutes `[from, to)` (`from` a Beijing midnight): its minute
/// data, and the hourly and daily data of the hours and days that end by `to`, each hour and
/// day computed from the minutes as the logger computes them.
pub fn device_history(dev: &SimDevice, faults: &Faults, from: i64, to: i64) -> [(DataKind, Blocks); 3] {
    let (mut minutes, mut hours, mut days) = (Blocks::new(), Blocks::new(), Blocks::new());
    let mut day_hours: Vec<Vec<Value>> = Vec::new();
    let mut hour = from;
    while hour + 3600 <= to {
        let hour_minutes: Vec<Vec<Value>> = (0..60)
            .filter_map(|i| {
                let t = hour + i * 60;
                let v = periodic::minute(dev, faults, t)?;
                push(&mut minutes, DataKind::Minute2051, t, &v);
                Some(v)
            })
            .collect();
        if let Some(h) = periodic::aggregate(&hour_minutes) {
            push(&mut hours, DataKind::Hourly2061, hour, &h);
            day_hours.push(h);
        }
        hour += 3600;
        if clock::day_start(hour) == hour {
            if let Some(d) = periodic::aggregate(&day_hours) {
                push(&mut days, DataKind::Daily2031, hour - 86_400, &d);
            }
            day_hours.clear();
        }
    }
    // The open hour: its minutes so far.
    let mut t = hour;
    while t + 60 <= to {
        if let Some(v) = periodic::minute(dev, faults, t) {
            push(&mut minutes, DataKind::Minute2051, t, &v);
        }
        t += 60;
    }
    [(DataKind::Minute2051, minutes), (DataKind::Hourly2061, hours), (DataKind::Daily2031, days)]
}

/// Which devices get history: the enterprise demo account's outlets first (so its own page has
/// data), then an even spread over the rest, at most `max` in all.
pub fn choose(devices: Vec<SimDevice>, first: &[String], max: usize) -> Vec<SimDevice> {
    let (mut chosen, rest): (Vec<SimDevice>, Vec<SimDevice>) = devices.into_iter().partition(|d| first.contains(&d.mn));
    chosen.truncate(max);
    let room = max - chosen.len();
    if room > 0 && !rest.is_empty() {
        let step = (rest.len() as f64 / room as f64).max(1.0);
        let mut next = 0.0;
        for (i, d) in rest.into_iter().enumerate() {
            if chosen.len() >= max {
                break;
            }
            if i as f64 >= next {
                chosen.push(d);
                next += step;
            }
        }
    }
    chosen
}

/// Write `days` days of history (up to the current minute) for at most `max_outlets` demo
/// outlets that have no minute blocks yet, and compute their averages. Returns the number of
/// outlets written. Safe to run again after an interruption: outlets done are skipped, and the
/// time between the runs stays a gap, as an offline logger leaves one. Progress goes to stderr.
pub async fn load_missing(db: &Db, days: i64, max_outlets: usize, now: i64) -> Result<usize> {
    if days <= 0 || max_outlets == 0 {
        return Ok(0);
    }
    let enterprise_outlets: Vec<String> = sqlx::query(
        "SELECT d.mn FROM devices d JOIN users u ON u.enterprise_code = d.credit_code WHERE u.role = 'enterprise' ORDER BY d.mn",
    )
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| r.try_get(0))
    .collect::<std::result::Result<_, _>>()?;
    let with_blocks: std::collections::BTreeSet<String> =
        sqlx::query("SELECT DISTINCT d.mn FROM devices d JOIN series_blocks b ON b.device_id = d.id WHERE b.cn = 2051")
            .fetch_all(&db.pool)
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<std::result::Result<_, _>>()?;
    let devices = choose(crate::simulate::devices::load(db, usize::MAX).await?, &enterprise_outlets, max_outlets);
    let devices: Vec<SimDevice> = devices.into_iter().filter(|d| !with_blocks.contains(&d.mn)).collect();
    if devices.is_empty() {
        return Ok(0);
    }
    let ids: BTreeMap<String, (i64, String, String)> = sqlx::query("SELECT mn, id, credit_code, outlet_code FROM devices")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?, r.try_get(3)?))))
        .collect::<std::result::Result<_, sqlx::Error>>()?;
    let to = now - now.rem_euclid(60);
    let from = clock::day_start(to) - days * 86_400;
    let faults = demo_faults();
    eprintln!("demo: writing {days} days of monitoring history for {} outlets", devices.len());
    let started = std::time::Instant::now();
    let (mut generating, mut storing, mut averaging) = (0.0, 0.0, 0.0);
    for (n, dev) in devices.iter().enumerate() {
        let Some((id, credit_code, outlet_code)) = ids.get(&dev.mn) else { continue };
        let t = std::time::Instant::now();
        let history = device_history(dev, &faults, from, to);
        generating += t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        for (kind, blocks) in history {
            let blocks = blocks.into_iter().map(|((pollutant, start), value)| ((*id, pollutant, start), value)).collect();
            crate::storage::series::store_blocks(db, kind, blocks).await?;
        }
        storing += t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        if let Some(setup) = crate::storage::averages::outlet_setup(db, credit_code, outlet_code).await? {
            crate::storage::averages::recompute_days(db, &setup, clock::date_of(from), clock::date_of(to)).await?;
        }
        averaging += t.elapsed().as_secs_f64();
        if (n + 1) % 10 == 0 || n + 1 == devices.len() || n == 0 {
            eprintln!(
                "demo: history {}/{} outlets ({:.0} s: generating {generating:.1} s, storing {storing:.1} s, averaging {averaging:.1} s)",
                n + 1,
                devices.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(devices.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::pattern::Pollutant;

    fn device(mn: &str) -> SimDevice {
        SimDevice {
            mn: mn.into(),
            password: None,
            key: None,
            protocol: hj212::Version::V2017,
            water: false,
            pollutants: vec![Pollutant { code: "a21026".into(), limit: Some(100.0) }],
            reference_o2: Some(9.0),
        }
    }

    #[test]
    fn a_day_of_history_is_a_day_block_per_code_with_its_hours_and_the_day() {
        let from = 1_764_604_800; // 2025-12-02 00:00 Beijing
        let [(_, minutes), (_, hours), (_, days)] = device_history(&device("A"), &Faults::none(), from, from + 86_400 + 90 * 60);
        // a21026, O2, temperature, flow: two day blocks each (the second day is open).
        assert_eq!(minutes.len(), 8);
        let so2 = &minutes[&("a21026".to_string(), from)];
        assert_eq!(so2.0, from + 86_400);
        assert_eq!(so2.1.len(), 1440);
        assert_eq!(minutes[&("a21026".to_string(), from + 86_400)].1.len(), 90);
        // 25 whole hours, in one month block per code; one whole day.
        assert_eq!(hours.values().map(|b| b.1.len()).max(), Some(25));
        assert_eq!(days.values().map(|b| b.1.len()).collect::<Vec<_>>(), vec![1; 4]);
        assert!(so2.1.iter().all(|e| e.fields[ZS_AVG].is_some() && e.flag.as_deref() == Some("N")));
        // The encoded block decodes to the same entries (what the store will keep).
        assert_eq!(block::decode(&block::encode(&so2.1)).unwrap(), so2.1);
    }

    /// Over a city's worth of outlet-days, the demo's faults show as the officer should see
    /// them: invalid hours (dropouts, calibration), exceeding hours, and diluted hours whose
    /// measured mean is far below the converted one — and most hours are clean.
    #[test]
    fn demo_faults_make_invalid_exceeding_and_diluted_hours() {
        use crate::monitoring::averages::{self as avg, OutletRules, Reading};
        use crate::monitoring::rules::{Medium, VALIDITY};
        let faults = demo_faults();
        let rules = OutletRules { medium: Medium::Air, reference_o2: Some(9.0), rules: &VALIDITY };
        let (mut total, mut invalid, mut exceeded, mut diluted) = (0, 0, 0, 0);
        for d in 0..12 {
            let dev = device(&format!("DEMO{d:04}"));
            for h in 0..20 * 24 {
                let start = 1_764_604_800 + h * 3600;
                let minutes: Vec<(i64, Vec<Value>)> = (0..60).filter_map(|i| periodic::minute(&dev, &faults, start + i * 60).map(|v| (start + i * 60, v))).collect();
                let series = |code: &str| -> Vec<Reading> {
                    minutes.iter().map(|(t, v)| { let x = v.iter().find(|x| x.code == code).unwrap(); Reading::new(&VALIDITY, *t, Some(x.avg), x.flag) }).collect()
                };
                let (so2, o2) = (series("a21026"), series("a19001"));
                let hour = avg::hour(&rules, &[("a21026", &so2), ("a19001", &o2)]);
                total += 1;
                let a = &hour[0];
                if !a.valid {
                    invalid += 1;
                } else {
                    if a.exceeded(Some(100.0)) == Some(true) {
                        exceeded += 1;
                    }
                    if a.mean.zip(a.converted).is_some_and(|(m, c)| c > 1.5 * m) && hour[1].mean.is_some_and(|o| o > 14.0) {
                        diluted += 1;
                    }
                }
            }
        }
        assert!(invalid > 0 && exceeded > 0 && diluted > 0, "invalid {invalid} exceeded {exceeded} diluted {diluted} of {total}");
        assert!(invalid + exceeded < total / 10, "most hours are clean: invalid {invalid} exceeded {exceeded} of {total}");
    }

    #[test]
    fn the_enterprise_outlets_come_first_and_the_rest_is_spread() {
        let devices: Vec<SimDevice> = (0..100).map(|i| device(&format!("D{i:03}"))).collect();
        let chosen = choose(devices, &["D050".into(), "D099".into()], 10);
        assert_eq!(chosen.len(), 10);
        assert_eq!(chosen[0].mn, "D050");
        assert_eq!(chosen[1].mn, "D099");
        assert!(chosen.iter().any(|d| d.mn == "D000") && chosen.iter().any(|d| d.mn.as_str() > "D080"));
    }
}
