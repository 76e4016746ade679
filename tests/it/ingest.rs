//! HJ 212 ingestion on both backends: archive and time series, acknowledgements after the
//! commit, duplicates, rejections, 2025 encryption, isolation of a corrupt stream, partitions;
//! and the real binary killed with SIGKILL under load.

use std::net::SocketAddr;
use std::time::Duration;

use lantian::ingest::registry::{self, DeviceRecord};
use lantian::ingest::{IngestConfig, IngestHandle};
use lantian::storage::Db;
use lantian::storage::audit::Actor;
use sqlx::Row;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::both_backends;
use crate::support::TestDb;

const KEY_HEX: &str = "30303030303030303030303030303030"; // the standard's test key, 16 × '0'

/// A small demo ledger with its demo devices, plus two test loggers on its first outlet:
/// `TEST2017…` (PW 123456) and `TEST2025…` (PW 654321, SM4 key).
pub(crate) async fn setup(db: &Db) -> (String, String) {
    let city = lantian::demo::generate(60, 3);
    lantian::storage::ledger::upsert_divisions(db, &city.divisions, "demo").await.unwrap();
    let parsed = lantian::excel::ParsedLedger { rows: (2..city.bundles.len() + 2).collect(), bundles: city.bundles };
    lantian::storage::ledger::import(db, parsed, &Actor::system(), lantian::storage::ledger::ImportMode::Insert, false, |_, _| {})
        .await
        .unwrap();
    assert!(lantian::simulate::devices::register_demo_devices_if_none(db).await.unwrap() > 3);
    let first = &lantian::simulate::devices::demo_records(db).await.unwrap()[0];
    let dev = |mn: &str, pw: &str, key: Option<&str>, protocol: &str| DeviceRecord {
        mn: mn.into(),
        password: Some(pw.into()),
        sm4_key: key.map(str::to_string),
        credit_code: first.credit_code.clone(),
        outlet_code: first.outlet_code.clone(),
        tolerance: String::new(),
        protocol: protocol.into(),
        enabled: true,
    };
    registry::upsert(db, &[dev(MN17, "123456", None, "2017"), dev(MN25, "654321", Some(KEY_HEX), "2025")], &Actor::cli()).await.unwrap();
    (first.credit_code.clone(), first.outlet_code.clone())
}

pub(crate) const MN17: &str = "TEST20170000000000000001";
const MN25: &str = "TEST20250000000000000001";

pub(crate) async fn start(db: &Db) -> IngestHandle {
    let cfg = IngestConfig { listen: "127.0.0.1:0".into(), max_bad_frames: 20, ..Default::default() };
    lantian::ingest::start(db, cfg).await.unwrap()
}

/// For simulated loggers, whose data time runs faster than the clock (and for DataTimes of
/// next year): the future-DataTime refusal lifted.
async fn start_fast_clock(db: &Db) -> IngestHandle {
    let cfg = IngestConfig { listen: "127.0.0.1:0".into(), max_bad_frames: 20, max_future: Duration::from_secs(400 * 86_400), ..Default::default() };
    lantian::ingest::start(db, cfg).await.unwrap()
}

pub(crate) struct P<'a> {
    pub mn: &'a str,
    pub pw: &'a str,
    pub cn: &'a str,
    pub dt: &'a str,
    pub flag: u8,
    pub rf: Option<u8>,
    pub key: Option<&'a str>,
    pub cp: &'a str,
}

impl<'a> P<'a> {
    pub fn data(mn: &'a str, pw: &'a str, dt: &'a str) -> P<'a> {
        P { mn, pw, cn: "2011", dt, flag: 5, rf: None, key: None, cp: "a21026-Rtd=18.5,a21026-ZsRtd=20.1,a21026-Flag=N;a34013-Rtd=3.2,a34013-Flag=N" }
    }
    pub fn bytes(&self) -> Vec<u8> {
        let qn = format!("{}000", self.dt);
        let cp = if self.cn == "9015" { String::new() } else { format!("DataTime={};{}", self.dt, self.cp) };
        let h = hj212::Header {
            qn: Some(&qn),
            st: Some("31"),
            cn: self.cn,
            pw: Some(self.pw),
            mn: Some(self.mn),
            flag: Some(self.flag),
            rf: self.rf,
            ..Default::default()
        };
        let opts = hj212::EncodeOptions { key: self.key.and_then(hj212::Key::from_hex), ..Default::default() };
        hj212::encode(&h, cp.as_bytes(), &opts).unwrap()
    }
}

/// Replies read until `n` arrived or `wait` passed, as (CN, QN).
pub(crate) async fn replies(s: &mut TcpStream, n: usize, wait: Duration) -> Vec<(String, String)> {
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + wait;
    while out.len() < n {
        let mut chunk = [0u8; 4096];
        match tokio::time::timeout_at(deadline, s.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(k)) => buf.extend_from_slice(&chunk[..k]),
        }
        while let hj212::Status::Complete(f, used) = hj212::split_frame(&buf, 9999, false) {
            let p = hj212::decode_frame(&f, &hj212::Tolerance::STRICT, None).expect("server replies are valid HJ 212");
            out.push((p.cn.to_string(), p.qn.unwrap_or("").to_string()));
            buf.drain(..used);
        }
    }
    out
}

pub(crate) async fn connect(addr: SocketAddr) -> TcpStream {
    TcpStream::connect(addr).await.unwrap()
}

async fn one(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql).fetch_one(&db.pool).await.unwrap().try_get::<i64, _>(0).unwrap()
}

async fn verdicts(db: &Db, mn: &str) -> Vec<(String, String)> {
    sqlx::query("SELECT verdict, reason FROM raw_packets WHERE mn = $1 ORDER BY received_at, verdict")
        .bind(mn)
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get(0).unwrap(), r.try_get(1).unwrap()))
        .collect()
}

both_backends! {
    async fn packets_are_archived_measured_and_acknowledged(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let h = start(db).await;
        let mut s = connect(h.local_addr).await;
        let p = P::data(MN17, "123456", "20261123100000").bytes();
        s.write_all(&p).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await, vec![("9014".into(), "20261123100000000".into())]);
        // Flag=4: no answer wanted; stored all the same.
        let mut q = P::data(MN17, "123456", "20261123100030");
        q.flag = 4;
        s.write_all(&q.bytes()).await.unwrap();
        assert!(replies(&mut s, 1, Duration::from_millis(500)).await.is_empty());
        let m = &h.metrics;
        for _ in 0..50 {
            if m.accepted.load(std::sync::atomic::Ordering::Relaxed) == 2 { break }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(verdicts(db, MN17).await, vec![("accepted".into(), String::new()), ("accepted".into(), String::new())]);
        assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements").await, 4);
        let row = sqlx::query("SELECT m.rtd, m.zs_rtd, m.flag, m.data_time FROM measurements m JOIN devices d ON d.id = m.device_id
                               WHERE d.mn = $1 AND m.pollutant = 'a21026' AND m.data_time = 20261123100000")
            .bind(MN17).fetch_one(&db.pool).await.unwrap();
        assert_eq!((row.try_get::<f64, _>(0).unwrap(), row.try_get::<f64, _>(1).unwrap()), (18.5, 20.1));
        assert_eq!(row.try_get::<String, _>(2).unwrap(), "N");
        let raw: String = sqlx::query("SELECT raw FROM raw_packets WHERE mn = $1 ORDER BY received_at LIMIT 1").bind(MN17).fetch_one(&db.pool).await.unwrap().try_get(0).unwrap();
        assert_eq!(raw.as_bytes(), &p[..p.len() - 2], "the archive holds the frame as received");
        let statuses = lantian::ingest::device_statuses(db, None).await.unwrap();
        let st = statuses.iter().find(|s| s.mn == MN17).unwrap();
        assert!(st.online && st.packets_today == 2 && st.enterprise_name.is_some(), "{st:?}");
        assert!(statuses.iter().any(|s| !s.online), "devices never heard from are offline");
        let county = st.division_code.clone().unwrap()[..6].to_string();
        assert!(lantian::ingest::device_statuses(db, Some(&county)).await.unwrap().iter().all(|s| s.division_code.as_deref().unwrap().starts_with(&county)));
        assert!(lantian::ingest::device_statuses(db, Some("x'")).await.is_err());
        let text = m.render_prometheus();
        assert!(text.contains("lantian_hj212_packets_accepted_total 2\n"), "{text}");
        assert!(text.contains("lantian_hj212_acks_sent_total 1\n"), "{text}");
    }

    async fn resends_are_archived_but_not_counted_twice(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let h = start(db).await;
        let mut s = connect(h.local_addr).await;
        let p = P::data(MN17, "123456", "20261123100000").bytes();
        // The same packet twice in one write (a logger that resent too early), then again later.
        s.write_all(&[p.clone(), p.clone()].concat()).await.unwrap();
        assert_eq!(replies(&mut s, 2, Duration::from_secs(10)).await.len(), 2, "a resend is acknowledged too");
        s.write_all(&p).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
        // HJ 212-2025: the resend carries RF=1 (and is encrypted with the device key).
        let mut e = P::data(MN25, "654321", "20261123100000");
        e.flag = 9;
        e.key = Some(KEY_HEX);
        s.write_all(&e.bytes()).await.unwrap();
        e.rf = Some(1);
        s.write_all(&e.bytes()).await.unwrap();
        assert_eq!(replies(&mut s, 2, Duration::from_secs(10)).await.len(), 2);
        let v = verdicts(db, MN17).await;
        assert_eq!(v.iter().filter(|x| x.0 == "accepted").count(), 1, "{v:?}");
        assert_eq!(v.iter().filter(|x| x.0 == "duplicate").count(), 2, "{v:?}");
        let mut v: Vec<String> = verdicts(db, MN25).await.into_iter().map(|x| x.0).collect();
        v.sort();
        assert_eq!(v, vec!["accepted", "duplicate"]);
        assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements").await, 4);
        assert_eq!(h.metrics.duplicates.load(std::sync::atomic::Ordering::Relaxed), 3);
        let daily = one(db, "SELECT CAST(SUM(duplicates) AS BIGINT) FROM device_daily").await;
        assert_eq!(daily, 3);
    }

    async fn unknown_devices_and_wrong_passwords_are_rejected(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let h = start(db).await;
        let mut s = connect(h.local_addr).await;
        s.write_all(&P::data("NOSUCHDEVICE000000000001", "123456", "20261123100000").bytes()).await.unwrap();
        s.write_all(&P::data(MN17, "999999", "20261123100000").bytes()).await.unwrap();
        let mut no_mn = P::data("", "123456", "20261123100000").bytes();
        no_mn = String::from_utf8(no_mn).unwrap().replace(";MN=", ";XX=").into_bytes();
        let no_mn = hj212::frame_segment(&no_mn[6..no_mn.len() - 6]);
        s.write_all(&no_mn).await.unwrap();
        assert!(replies(&mut s, 1, Duration::from_millis(800)).await.is_empty(), "rejected packets are not acknowledged");
        let m = &h.metrics;
        use lantian::ingest::metrics::RejectReason;
        for _ in 0..50 {
            if m.rejected_total() == 3 { break }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(m.rejected(RejectReason::UnknownDevice), 1);
        assert_eq!(m.rejected(RejectReason::WrongPassword), 1);
        assert_eq!(m.rejected(RejectReason::MissingMn), 1);
        for _ in 0..50 {
            if one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM raw_packets").await == 3 { break }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(verdicts(db, "NOSUCHDEVICE000000000001").await, vec![("rejected".into(), "unknown_device".into())]);
        assert_eq!(verdicts(db, MN17).await, vec![("rejected".into(), "wrong_password".into())]);
        assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements").await, 0);
        assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM device_status").await, 0, "a wrong password is no contact");
        assert!(m.render_prometheus().contains("lantian_hj212_packets_rejected_total{reason=\"wrong_password\"} 1"));
        // The archive is append-only evidence.
        for sql in ["UPDATE raw_packets SET reason = ''", "DELETE FROM raw_packets"] {
            let e = sqlx::query(sql).execute(&db.pool).await.unwrap_err().to_string();
            assert!(e.contains("append-only"), "{e}");
        }
        assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM raw_packets").await, 3);
        // A device registered while the server runs is accepted without a restart.
        let outlet = lantian::simulate::devices::demo_records(db).await.unwrap()[1].clone();
        let mut late = outlet.clone();
        late.mn = "LATE00000000000000000001".into();
        registry::upsert(db, &[late], &Actor::cli()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(1100)).await;
        s.write_all(&P::data("LATE00000000000000000001", outlet.password.as_deref().unwrap(), "20261123100000").bytes()).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
    }

    async fn encrypted_2025_packets_are_decoded_with_the_device_key(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let h = start(db).await;
        let mut s = connect(h.local_addr).await;
        let mut e = P::data(MN25, "654321", "20261123100000");
        e.flag = 9;
        e.key = Some(KEY_HEX);
        let bytes = e.bytes();
        assert!(bytes.windows(3).any(|w| w == b"{0x"));
        s.write_all(&bytes).await.unwrap();
        // Heartbeat (CN 9015, Flag=9) is answered with 9013.
        let mut hb = P::data(MN25, "654321", "20261123100001");
        hb.cn = "9015";
        hb.flag = 9;
        s.write_all(&hb.bytes()).await.unwrap();
        let r = replies(&mut s, 2, Duration::from_secs(10)).await;
        assert_eq!(r.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), vec!["9014", "9013"]);
        let v: f64 = sqlx::query("SELECT m.rtd FROM measurements m JOIN devices d ON d.id = m.device_id WHERE d.mn = $1 AND m.pollutant = 'a21026'")
            .bind(MN25).fetch_one(&db.pool).await.unwrap().try_get(0).unwrap();
        assert_eq!(v, 18.5);
        let raw: String = sqlx::query("SELECT raw FROM raw_packets WHERE mn = $1 AND cn = '2011'").bind(MN25).fetch_one(&db.pool).await.unwrap().try_get(0).unwrap();
        assert!(raw.contains("CP=&&{0x"), "the archive keeps the cipher text as received");
        // The same packet with no key registered would be refused: a logger of a device without key.
        let mut nokey = P::data(MN17, "123456", "20261123100000");
        nokey.key = Some(KEY_HEX);
        s.write_all(&nokey.bytes()).await.unwrap();
        assert!(replies(&mut s, 1, Duration::from_millis(500)).await.is_empty());
        assert_eq!(h.metrics.rejected(lantian::ingest::metrics::RejectReason::Codec(hj212::Reason::MissingKey)), 1);
    }

    async fn acknowledgement_waits_for_the_commit(t: &TestDb) {
        use sqlx::Connection;
        let db = &t.db;
        setup(db).await;
        let h = start(db).await;
        // Warm up (partitions, statements), then block the writer's transaction.
        let mut s = connect(h.local_addr).await;
        s.write_all(&P::data(MN17, "123456", "20261123095930").bytes()).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
        let mut blocker = sqlx::AnyConnection::connect(&t.url).await.unwrap();
        if db.backend == lantian::storage::Backend::Sqlite {
            sqlx::query("BEGIN IMMEDIATE").execute(&mut blocker).await.unwrap();
        } else {
            sqlx::query("BEGIN").execute(&mut blocker).await.unwrap();
            sqlx::query("LOCK TABLE device_status IN ACCESS EXCLUSIVE MODE").execute(&mut blocker).await.unwrap();
        }
        s.write_all(&P::data(MN17, "123456", "20261123100000").bytes()).await.unwrap();
        assert!(replies(&mut s, 1, Duration::from_millis(1000)).await.is_empty(), "no acknowledgement before the commit");
        assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements WHERE data_time = 20261123100000").await, 0);
        sqlx::query("ROLLBACK").execute(&mut blocker).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1, "acknowledged once committed");
        assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements WHERE data_time = 20261123100000").await, 2);
    }

    async fn a_corrupt_stream_does_not_disturb_other_connections(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let h = start(db).await;
        let addr = h.local_addr;
        let bad = tokio::spawn(async move {
            let mut s = connect(addr).await;
            let good = P::data(MN25, "654321", "20261123100000").bytes();
            let mut n = 0;
            // Garbage, corrupted frames, an oversized declared length, a frame cut short: until
            // the server closes the connection for too many bad frames.
            for i in 0..200u32 {
                let mut c = good.clone();
                c[20 + (i as usize % 40)] ^= 0x01;
                let junk: &[u8] = match i % 4 {
                    0 => b"\x00\xff garbage \r\n",
                    1 => &c,
                    2 => b"##9999QN=1;CN=2011;CP=&&&&FFFF\r\n",
                    _ => b"##0100QN=20261123;ST=31\r\n",
                };
                if s.write_all(junk).await.is_err() { break }
                n += 1;
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            n
        });
        let mut s = connect(addr).await;
        let mut acked = 0;
        for i in 0..40 {
            let dt = format!("2026112310{:02}00", i);
            s.write_all(&P::data(MN17, "123456", &dt).bytes()).await.unwrap();
            acked += replies(&mut s, 1, Duration::from_secs(10)).await.len();
        }
        bad.await.unwrap();
        assert_eq!(acked, 40);
        assert_eq!(one(db, "SELECT CAST(COUNT(DISTINCT data_time) AS BIGINT) FROM measurements").await, 40);
        let m = &h.metrics;
        assert!(m.rejected_total() >= 20, "{}", m.render_prometheus());
        assert_eq!(m.connections_abuse_closed.load(std::sync::atomic::Ordering::Relaxed), 1);
    }

    async fn simulated_loggers_with_faults_are_stored_exactly_once(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let h = start_fast_clock(db).await;
        let devices = lantian::simulate::devices::load(db, 8).await.unwrap();
        assert_eq!(devices.len(), 8);
        let mut cfg = lantian::simulate::SimConfig::new(&h.local_addr.to_string());
        cfg.protocol = None; // as registered: 2017 and 2025 loggers
        cfg.duration = Duration::from_millis(1500);
        cfg.window = 4;
        cfg.faults = lantian::simulate::Faults::parse("all", 0.05).unwrap();
        cfg.record_acks = true;
        let summary = lantian::simulate::run(cfg, devices).await;
        assert!(summary.sent > 100, "{summary:?}");
        assert_eq!(summary.unacknowledged, 0, "{summary:?}");
        assert_eq!(summary.acknowledged, summary.sent);
        assert!(summary.reconnects > 0 && summary.resent > 0 && summary.corrupt_sent > 0, "{summary:?}");
        let c = lantian::simulate::check(db, &summary.acked_keys).await.unwrap();
        assert_eq!((c.missing, c.accepted_twice, c.stored_unacknowledged), (0, 0, 0), "{c:?}");
        assert_eq!(c.stored as u64, summary.acknowledged);
        assert!(h.metrics.duplicates.load(std::sync::atomic::Ordering::Relaxed) > 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_month_partitions_are_created_on_demand() {
    let t = TestDb::postgres().await;
    let db = &t.db;
    setup(db).await;
    let h = start_fast_clock(db).await;
    let mut s = connect(h.local_addr).await;
    for dt in ["20261130235930", "20270101000000", "19990101000000"] {
        s.write_all(&P::data(MN17, "123456", dt).bytes()).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
    }
    let parts: Vec<String> = sqlx::query(
        "SELECT CAST(c.relname AS TEXT) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
         WHERE p.relname = 'measurements' ORDER BY 1",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get(0).unwrap())
    .collect();
    assert_eq!(parts, vec!["measurements_default", "measurements_p202611", "measurements_p202701"]);
    assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements_p202611").await, 2);
    assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements_p202701").await, 2);
    assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements_default").await, 2, "a broken clock lands in the default partition");
    let month = time::OffsetDateTime::now_utc();
    let raw_part = format!("raw_packets_p{:04}{:02}", month.year(), month.month() as u8);
    assert_eq!(one(db, &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {raw_part}")).await, 3);
}

// ---- The real binary, killed with SIGKILL in the middle of a load. ----

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn serve(db_args: &[String], port: u16) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_lantian"))
        .args(db_args)
        .args(["serve", "--listen", "127.0.0.1:0", "--hj212-listen", &format!("127.0.0.1:{port}"), "--hj212-future-minutes", "100000"])
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

async fn wait_listening(port: u16) {
    for _ in 0..600 {
        if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not listen on {port}");
}

async fn kill_mid_load(db_args: Vec<String>, db: Db) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lantian"))
        .args(&db_args)
        .args(["demo", "--enterprises", "120", "--seed", "5"])
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let port = free_port();
    let mut server = serve(&db_args, port);
    wait_listening(port).await;
    let devices = lantian::simulate::devices::load(&db, 20).await.unwrap();
    assert_eq!(devices.len(), 20);
    let mut cfg = lantian::simulate::SimConfig::new(&format!("127.0.0.1:{port}"));
    cfg.protocol = None;
    cfg.duration = Duration::from_secs(4);
    cfg.drain = Duration::from_secs(30);
    cfg.window = 8;
    cfg.ack_timeout = Duration::from_secs(2);
    cfg.record_acks = true;
    let sim = tokio::spawn(lantian::simulate::run(cfg, devices));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut server = serve(&db_args, port);
    let summary = sim.await.unwrap();
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(summary.reconnects >= 20 && summary.resent > 0, "every logger lost its connection: {summary:?}");
    assert_eq!(summary.unacknowledged, 0, "{summary:?}");
    assert_eq!(summary.acknowledged, summary.sent);
    let c = lantian::simulate::check(&db, &summary.acked_keys).await.unwrap();
    assert_eq!((c.missing, c.accepted_twice), (0, 0), "{c:?}");
    assert_eq!(c.stored as u64, summary.acknowledged, "{c:?}");
    // Stored exactly once: one accepted archive row per stored (device, DataTime).
    let accepted = one(&db, "SELECT CAST(COUNT(*) AS BIGINT) FROM raw_packets WHERE verdict = 'accepted' AND cn = '2011'").await;
    assert_eq!(accepted, c.stored, "{c:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_load_loses_and_duplicates_nothing_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let args = vec!["--data-dir".to_string(), data.to_str().unwrap().to_string()];
    std::fs::create_dir_all(&data).unwrap();
    let db = Db::connect(&format!("sqlite://{}?mode=rwc", data.join("lantian.db").display()), 2).await.unwrap();
    kill_mid_load(args, db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_load_loses_and_duplicates_nothing_postgres() {
    let t = TestDb::postgres().await;
    kill_mid_load(vec!["--database".to_string(), t.url.clone()], t.db.clone()).await;
}

#[test]
fn device_registry_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).args(["--data-dir", data]).env("RUST_LOG", "warn").env("LANTIAN_LANG", "en").output().unwrap();
        (o.status.success(), format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
    };
    let (ok, out) = run(&["demo", "--enterprises", "40", "--seed", "2"]);
    assert!(ok, "{out}");
    assert!(out.contains("demo HJ 212 devices"), "{out}");
    let (ok, list) = run(&["device", "list", "--json"]);
    assert!(ok);
    let first: serde_json::Value = serde_json::from_str(list.lines().next().unwrap()).unwrap();
    let outlet = format!("{}/{}", first["credit_code"].as_str().unwrap(), first["outlet_code"].as_str().unwrap());
    assert!(!list.contains("\"password\""), "secrets are not listed");

    let (ok, out) = run(&["device", "add", "--mn", "CLI000000000000000000001", "--outlet", &outlet, "--password", "123456", "--key", "0011"]);
    assert!(!ok && out.contains("32 hex digits"), "{out}");
    let (ok, out) = run(&["device", "add", "--mn", "CLI000000000000000000001", "--outlet", "NOSUCH/DA001"]);
    assert!(!ok && out.contains("not in the ledger"), "{out}");
    let (ok, out) = run(&["device", "add", "--mn", "CLI000000000000000000001", "--outlet", &outlet, "--password", "123456", "--tolerate", "gbk", "--protocol", "2025", "--key", KEY_HEX]);
    assert!(ok, "{out}");

    // Import: one bad row refuses the whole file.
    let csv = dir.path().join("devices.csv");
    std::fs::write(&csv, format!("mn,outlet,password,key,tolerate,protocol\nCLI000000000000000000002,{outlet},111111,,,2017\nCLI000000000000000000003,{outlet},,,bogus,2017\n")).unwrap();
    let (ok, out) = run(&["device", "import", csv.to_str().unwrap()]);
    assert!(!ok && out.contains("line 3") && out.contains("bogus"), "{out}");
    std::fs::write(&csv, format!("mn,outlet,password,key,tolerate,protocol\nCLI000000000000000000002,{outlet},111111,,,2017\nCLI000000000000000000003,{outlet},,,nul_st,2017\n")).unwrap();
    let (ok, out) = run(&["device", "import", csv.to_str().unwrap()]);
    assert!(ok && out.contains("registered 2 devices"), "{out}");
    let (_, list) = run(&["device", "list"]);
    assert!(list.contains("CLI000000000000000000001") && list.contains("CLI000000000000000000003"), "{list}");
    let (ok, out) = run(&["device", "status", "--json"]);
    assert!(ok && out.contains("\"online\":false"), "{out}");
    let (ok, out) = run(&["audit", "verify"]);
    assert!(ok && out.contains("intact"), "{out}");
    let (ok, out) = run(&["simulate", "--devices", "100000", "--duration", "1"]);
    assert!(!ok && out.contains("devices are registered"), "{out}");
}
