//! Stored averages from minute data sent by a logger (through the real ingestion server), late
//! data recomputing its hour, recompute idempotent, a marked period, and the CLI contract with
//! the real binary.

use std::collections::BTreeSet;
use std::time::Duration;

use lantian::auth::Scope;
use lantian::ingest::registry::{self, DeviceRecord};
use lantian::monitoring::clock::{self, Period};
use lantian::storage::audit::Actor;
use lantian::storage::averages::{self, Stored, COMPUTED};
use lantian::storage::Db;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::both_backends;
use crate::support::*;

const MN: &str = "ANLT20170000000000000001";

/// The demo city with one air outlet given a known limit and standard (coal boiler, 9 %), and a
/// logger bound to it. Returns (credit code, outlet code).
pub(crate) async fn setup(db: &Db) -> (String, String) {
    let mut city = lantian::demo::generate(20, 3);
    load_demo_divisions(db, &city).await;
    let b = city.bundles.iter().position(|b| b.outlets.iter().any(|o| o.medium == "air")).unwrap();
    let o = city.bundles[b].outlets.iter_mut().find(|o| o.medium == "air").unwrap();
    o.reference_o2 = None;
    o.pollutants = vec![lantian::ledger::model::OutletPollutant {
        pollutant_code: "a21026".into(),
        pollutant_name: "二氧化硫".into(),
        limit_value: Some(120.0),
        limit_unit: "mg/m3".into(),
        standard: "GB 13271-2014 表1 在用锅炉 燃煤".into(),
        permitted_annual_t: None,
    }];
    let outlet = o.code.clone();
    let credit = city.bundles[b].enterprise.credit_code.clone();
    let parsed = lantian::excel::ParsedLedger { rows: (2..city.bundles.len() + 2).collect(), bundles: city.bundles };
    lantian::storage::ledger::import(db, parsed, &Actor::system(), lantian::storage::ledger::ImportMode::Insert, false, |_, _| {}).await.unwrap();
    let dev = DeviceRecord {
        mn: MN.into(),
        password: Some("123456".into()),
        sm4_key: None,
        credit_code: credit.clone(),
        outlet_code: outlet.clone(),
        tolerance: String::new(),
        protocol: "2017".into(),
        enabled: true,
    };
    registry::upsert(db, &[dev], &Actor::cli()).await.unwrap();
    (credit, outlet)
}

/// DataTime of instant `t` (Beijing).
fn data_time(t: i64) -> String {
    let s = clock::format_minute(t);
    format!("{}{}{}{}{}00", &s[0..4], &s[5..7], &s[8..10], &s[11..13], &s[14..16])
}

pub(crate) fn packet(t: i64, so2: f64, flag: &str, o2: f64) -> Vec<u8> {
    let dt = data_time(t);
    let qn = format!("{dt}000");
    let cp = format!("DataTime={dt};a21026-Avg={so2},a21026-Flag={flag};a19001-Avg={o2},a19001-Flag=N;a00000-Avg=10,a00000-Flag=N");
    let h = hj212::Header { qn: Some(&qn), st: Some("31"), cn: "2051", pw: Some("123456"), mn: Some(MN), flag: Some(5), ..Default::default() };
    hj212::encode(&h, cp.as_bytes(), &hj212::EncodeOptions::default()).unwrap()
}

/// Send minute packets and wait for every acknowledgement.
pub(crate) async fn send(addr: std::net::SocketAddr, packets: &[Vec<u8>]) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    for p in packets {
        s.write_all(p).await.unwrap();
    }
    let mut buf = Vec::new();
    let mut acks = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while acks < packets.len() {
        let mut chunk = [0u8; 4096];
        match tokio::time::timeout_at(deadline, s.read(&mut chunk)).await {
            Ok(Ok(k)) if k > 0 => buf.extend_from_slice(&chunk[..k]),
            _ => panic!("only {acks} of {} acknowledged", packets.len()),
        }
        while let hj212::Status::Complete(_, used) = hj212::split_frame(&buf, 9999, false) {
            acks += 1;
            buf.drain(..used);
        }
    }
}

fn hour(rows: &[Stored], pollutant: &str, start: i64) -> Stored {
    rows.iter().find(|r| r.pollutant == pollutant && r.period_start == start).cloned().unwrap_or_else(|| panic!("no {pollutant} row at {start} in {rows:#?}"))
}

/// Two days ago, 10:00 Beijing time.
pub(crate) fn base_hour() -> i64 {
    clock::day_start(time::OffsetDateTime::now_utc().unix_timestamp()) - 2 * 86_400 + 10 * 3600
}

both_backends! {
    async fn averages_follow_the_data_late_data_recomputes_and_recompute_is_idempotent(t: &TestDb) {
        let db = &t.db;
        let (credit, outlet) = setup(db).await;
        let ingest = lantian::ingest::start(db, lantian::ingest::IngestConfig { listen: "127.0.0.1:0".into(), ..Default::default() }).await.unwrap();
        let h1 = base_hour();
        let h2 = h1 + 3600;
        // Hour 1: 45 minutes SO2 100 flagged N at O2 12 %, 15 minutes flagged D (fault) at 1000.
        // Hour 2: 44 minutes flagged N (one short).
        let mut packets: Vec<Vec<u8>> = (0..60).map(|m| if m < 45 { packet(h1 + m * 60, 100.0, "N", 12.0) } else { packet(h1 + m * 60, 1000.0, "D", 12.0) }).collect();
        packets.extend((0..44).map(|m| packet(h2 + m * 60, 100.0, "N", 12.0)));
        send(ingest.local_addr, &packets).await;
        assert!(averages::process_dirty(db, 10_000).await.unwrap() >= 2);
        let setup = averages::outlet_setup(db, &credit, &outlet).await.unwrap().unwrap();
        assert_eq!(setup.reference.percent(), Some(9.0), "default of GB 13271-2014 for a coal boiler");
        let rows = averages::read(db, &setup, Period::Hour, COMPUTED, h1, h2 + 3600).await.unwrap();
        // One pollutant read alone (the outlet page) is the full read filtered to it.
        let so2 = averages::read_pollutant(db, &setup, Period::Hour, COMPUTED, "a21026", h1, h2 + 3600).await.unwrap();
        assert_eq!(so2.len(), 2);
        assert_eq!(so2, rows.iter().filter(|r| r.pollutant == "a21026").cloned().collect::<Vec<_>>());
        let a = hour(&rows, "a21026", h1);
        assert!(a.average.valid);
        assert_eq!(a.average.valid_count, 45);
        assert_eq!(a.average.mean, Some(100.0));
        // 100 × (21 − 9)/(21 − 12) = 133.33 > limit 120: exceeded on the converted value.
        assert!((a.average.converted.unwrap() - 1200.0 / 9.0).abs() < 1e-9);
        assert_eq!(a.average.exceeded(setup.limit("a21026")), Some(true));
        // Emission rate: 100 mg/m³ × 10 m³/s × 3600 × 10⁻⁶ = 3.6 kg/h (measured, not converted).
        assert!((a.average.emission_kg.unwrap() - 3.6).abs() < 1e-9);
        let b = hour(&rows, "a21026", h2);
        assert!(!b.average.valid);
        assert_eq!(b.average.valid_count, 44);

        // A late minute for hour 2 arrives: the hour is recomputed and becomes valid.
        send(ingest.local_addr, &[packet(h2 + 59 * 60, 100.0, "N", 12.0)]).await;
        averages::process_dirty(db, 10_000).await.unwrap();
        let rows = averages::read(db, &setup, Period::Hour, COMPUTED, h1, h2 + 3600).await.unwrap();
        let b = hour(&rows, "a21026", h2);
        assert!(b.average.valid, "late data recomputed its hour");
        assert_eq!(b.average.valid_count, 45);
        let day = averages::read(db, &setup, Period::Day, COMPUTED, clock::day_start(h1), clock::day_start(h1) + 86_400).await.unwrap();
        let d = hour(&day, "a21026", clock::day_start(h1));
        assert_eq!(d.average.valid_count, 2);
        assert!(!d.average.valid, "2 valid hours of the 20 a day needs");

        // Recompute the same days from scratch, twice: the same rows every time.
        let snapshot = |rows: Vec<Stored>| rows.into_iter().map(|r| format!("{r:?}")).collect::<BTreeSet<_>>();
        let before = snapshot(averages::read(db, &setup, Period::Hour, COMPUTED, 0, i64::MAX / 2).await.unwrap());
        let from = clock::date_of(h1);
        for _ in 0..2 {
            averages::recompute_days(db, &setup, from, from).await.unwrap();
            assert_eq!(snapshot(averages::read(db, &setup, Period::Hour, COMPUTED, 0, i64::MAX / 2).await.unwrap()), before);
        }
        let months = averages::read(db, &setup, Period::Month, COMPUTED, clock::month_start(h1), clock::next_month_start(h1)).await.unwrap();
        assert!(months.iter().any(|m| m.pollutant == "a21026" && !m.average.valid));

        // A marked period keeps its data (shown, not deleted).
        let mark = lantian::monitoring::marks::NewMark { kind: "故障".into(), starts_at: h1 + 45 * 60, ends_at: h1 + 3600, reason: "分析仪故障".into(), proof: None };
        lantian::storage::marks::add(db, &Actor::system(), &Scope::All, &credit, &outlet, mark, time::OffsetDateTime::now_utc().unix_timestamp()).await.unwrap();
        averages::recompute_days(db, &setup, from, from).await.unwrap();
        assert_eq!(snapshot(averages::read(db, &setup, Period::Hour, COMPUTED, 0, i64::MAX / 2).await.unwrap()), before);
        let marked = lantian::storage::marks::list(db, &Scope::All, &credit, &outlet, h1, h1 + 3600).await.unwrap();
        assert_eq!(marked.len(), 1);
    }
}

pub(crate) fn lantian_bin(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).env("RUST_LOG", "warn").env("LANTIAN_LANG", "zh").output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_contract_for_averages_and_recompute() {
    let t = TestDb::sqlite().await;
    let (credit, outlet) = setup(&t.db).await;
    let ingest = lantian::ingest::start(&t.db, lantian::ingest::IngestConfig { listen: "127.0.0.1:0".into(), ..Default::default() }).await.unwrap();
    let h1 = base_hour();
    let packets: Vec<Vec<u8>> = (0..60).map(|m| packet(h1 + m * 60, if m < 50 { 90.0 } else { 100.0 }, "N", 9.0)).collect();
    send(ingest.local_addr, &packets).await;
    drop(ingest);
    let dir = t.location();
    let lantian::storage::Location::SqliteDir(dir) = dir else { unreachable!() };
    let data = dir.to_str().unwrap();
    let day = clock::format_day(h1);
    let target = format!("{credit}/{outlet}");
    let o = lantian_bin(&["--data-dir", data, "monitor", "recompute", "--from", &day, "--to", &day]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lantian_bin(&["--data-dir", data, "monitor", "averages", "--outlet", &target, "--period", "hour", "--from", &day, "--to", &day]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("outlet,pollutant,period_start,valid,valid_count,mean,converted,limit,exceeded"));
    let so2: Vec<&str> = lines.clone().filter(|l| l.contains(",a21026,")).collect();
    assert_eq!(so2.len(), 1, "{csv}");
    // Mean (50 × 90 + 10 × 100)/60 = 91.6667; O2 at the reference 9 %: converted = mean; limit 120.
    assert_eq!(so2[0], format!("{target},a21026,{},true,60,91.6667,91.6667,120,false", clock::format_minute(h1)));
    // O2 itself: no conversion, no limit → both empty.
    assert!(lines.any(|l| l.starts_with(&format!("{target},a19001,{},true,60,9,,,", clock::format_minute(h1)))), "{csv}");

    let o = lantian_bin(&["--data-dir", data, "monitor", "averages", "--outlet", &target, "--period", "day", "--from", &day, "--to", &day, "--format", "json"]);
    assert!(o.status.success());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let row = json.as_array().unwrap().iter().find(|r| r["pollutant"] == "a21026").unwrap();
    assert_eq!(row["valid"], false, "1 valid hour is not a valid day");
    assert_eq!(row["valid_count"], 1);
    assert_eq!(row["exceeded"], serde_json::Value::Null);
    assert_eq!(row["period_start"], format!("{day} 00:00"));
    let keys: BTreeSet<&str> = row.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["outlet", "pollutant", "period_start", "valid", "valid_count", "mean", "converted", "limit", "exceeded"].into_iter().collect());

    // Bad input: a clear message and a non-zero exit.
    let o = lantian_bin(&["--data-dir", data, "monitor", "averages", "--outlet", &format!("{credit}/DA999"), "--period", "hour", "--from", &day, "--to", &day]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("DA999"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lantian_bin(&["--data-dir", data, "monitor", "averages", "--outlet", &target, "--period", "week", "--from", &day, "--to", &day]);
    assert!(!o.status.success());
    let o = lantian_bin(&["--data-dir", data, "monitor", "recompute", "--from", "2099-01-01", "--to", "2099-01-02"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("在未来"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lantian_bin(&["--data-dir", data, "monitor", "recompute", "--from", &day, "--to", "2020-01-01"]);
    assert!(!o.status.success());

    // Marks on the command line: add, list, withdraw.
    let from = clock::format_minute(h1);
    let to = clock::format_minute(h1 + 1800);
    let o = lantian_bin(&["--data-dir", data, "monitor", "marks", "add", "--outlet", &target, "--kind", "校准", "--from", &from, "--to", &to, "--reason", "季度校准"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let id = String::from_utf8(o.stdout).unwrap().trim().to_string();
    let o = lantian_bin(&["--data-dir", data, "monitor", "marks", "add", "--outlet", &target, "--kind", "校准", "--from", &to, "--to", &from, "--reason", "x"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("结束时间必须晚于开始时间"));
    let o = lantian_bin(&["--data-dir", data, "monitor", "marks", "withdraw", &id, "--reason", "录错"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lantian_bin(&["--data-dir", data, "monitor", "marks", "list", "--outlet", &target]);
    let list = String::from_utf8(o.stdout).unwrap();
    assert!(list.contains("校准") && list.contains("季度校准"), "{list}");
}
