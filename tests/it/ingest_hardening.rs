//! Issue 17, the HJ 212 attacks that got through, each kept as a regression test:
//! item 3 (descriptor exhaustion took HTTP down; idle connections kept 40 minutes), item 4
//! (unauthenticated junk filled the disk through the raw archive), item 9 (forged packets for
//! future slots pre-empted the real logger's, silently) and part of item 15 (a device whose
//! outlet was deleted kept being accepted).

use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

use lantian::ingest::IngestConfig;
use lantian::ingest::metrics::RejectReason;
use lantian::storage::Db;
use lantian::storage::audit::Actor;
use sqlx::Row;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::both_backends;
use crate::ingest::{MN17, P, connect, replies, setup};
use crate::support::TestDb;

async fn one(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql).fetch_one(&db.pool).await.unwrap().try_get::<i64, _>(0).unwrap()
}

fn config() -> IngestConfig {
    IngestConfig { listen: "127.0.0.1:0".into(), max_bad_frames: 20, ..Default::default() }
}

/// Whether the server closed `s` within `wait` (EOF or reset).
async fn closed_within(s: &mut TcpStream, wait: Duration) -> bool {
    let mut b = [0u8; 512];
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, s.read(&mut b)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
        }
    }
}

/// Beijing time `minutes` from now as a DataTime.
fn beijing_in(minutes: i64) -> String {
    let t = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)) + time::Duration::minutes(minutes);
    format!("{:04}{:02}{:02}{:02}{:02}{:02}", t.year(), t.month() as u8, t.day(), t.hour(), t.minute(), t.second())
}

async fn wait_until<F: Fn() -> bool>(f: F) {
    for _ in 0..200 {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

// ---- Item 3: idle connections and the descriptor budget. ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_without_authenticated_frames_are_closed_when_idle() {
    let t = TestDb::sqlite().await;
    setup(&t.db).await;
    let h = lantian::ingest::start(&t.db, IngestConfig { idle_timeout: Duration::from_millis(1200), ..config() }).await.unwrap();
    let addr = h.local_addr;
    let mut silent = connect(addr).await;
    // Slowloris: a byte every 200 ms never makes a frame, and must not keep the connection.
    let mut trickle = connect(addr).await;
    let trickler = tokio::spawn(async move {
        // The start of a frame declaring 100 bytes, then one byte at a time: always partial.
        if trickle.write_all(b"##0100QN=").await.is_err() {
            return true;
        }
        for _ in 0..40 {
            if trickle.write_all(b"1").await.is_err() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        closed_within(&mut trickle, Duration::from_millis(10)).await
    });
    // A logger sending real data every 400 ms stays connected past the idle time-out.
    let mut logger = connect(addr).await;
    for i in 0..8 {
        logger.write_all(&P::data(MN17, "123456", &format!("202611231000{:02}", i * 2)).bytes()).await.unwrap();
        assert_eq!(replies(&mut logger, 1, Duration::from_secs(5)).await.len(), 1, "packet {i} acknowledged");
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    assert!(closed_within(&mut silent, Duration::from_secs(2)).await, "a connection that sends nothing is closed");
    assert!(trickler.await.unwrap(), "bytes that make no frame do not keep a connection open");
    assert!(h.metrics.connections_idle_closed.load(Relaxed) >= 2, "{}", h.metrics.render_prometheus());
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The attack with a scaled-down descriptor limit: the real binary runs with 1,400 open files
/// (soft = hard); 1,500 idle HJ 212 connections used to take every descriptor, so that HTTP
/// could not accept `/healthz`. Now HJ 212 is limited to what the budget leaves, the extra
/// connections are closed at once, and HTTP answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_hj212_connections_cannot_take_the_descriptors_http_needs() {
    use std::os::unix::process::CommandExt;
    const NOFILE: u64 = 1400;
    const CONNECTIONS: usize = 1500;
    lantian::ingest::raise_nofile_limit();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let (http, hj) = (free_port(), free_port());
    let log = std::fs::File::create(dir.path().join("serve.log")).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lantian"));
    cmd.args(["--data-dir", data.to_str().unwrap(), "serve", "--listen", &format!("127.0.0.1:{http}"), "--hj212-listen", &format!("127.0.0.1:{hj}")])
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::null())
        .stderr(log);
    // SAFETY: setrlimit only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let r = libc::rlimit { rlim_cur: NOFILE as libc::rlim_t, rlim_max: NOFILE as libc::rlim_t };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &r) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut server = cmd.spawn().unwrap();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(3)).build().unwrap();
    let health = format!("http://127.0.0.1:{http}/healthz");
    let mut up = false;
    for _ in 0..600 {
        if client.get(&health).send().await.is_ok_and(|r| r.status() == 200) {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(up, "the server did not start");
    let mut conns = Vec::with_capacity(CONNECTIONS);
    for _ in 0..CONNECTIONS {
        conns.push(TcpStream::connect(("127.0.0.1", hj)).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let answered = client.get(&health).send().await.map(|r| r.status().as_u16());
    // Connections beyond the limit were closed at once.
    let mut closed = 0;
    for s in &mut conns {
        if closed_within(s, Duration::from_millis(5)).await {
            closed += 1;
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    let log = std::fs::read_to_string(dir.path().join("serve.log")).unwrap();
    assert_eq!(answered.ok(), Some(200), "HTTP answers with {CONNECTIONS} idle HJ 212 connections open; log:\n{}", log.lines().rev().take(20).collect::<Vec<_>>().join("\n"));
    let limit_line = log.lines().find(|l| l.contains("HJ 212 descriptor budget")).unwrap_or_else(|| panic!("the budget is logged: {log}"));
    assert!(limit_line.contains(&format!("nofile_soft={NOFILE}")), "{limit_line}");
    let limit: usize = limit_line.split("hj212_connection_limit=").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(limit < NOFILE as usize / 2, "the limit leaves room for HTTP and the database: {limit_line}");
    assert!(closed >= CONNECTIONS - limit, "{closed} of {CONNECTIONS} closed, limit {limit}");
    assert!(!log.contains("Too many open files"), "{log}");
}

// ---- Item 4: bounded evidence of rejected frames. ----

both_backends! {
    async fn junk_from_one_address_leaves_bounded_evidence(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        const QUOTA_BYTES: u64 = 16 * 1024;
        let cfg = IngestConfig { rejected_frames_per_hour: 200, rejected_bytes_per_hour: QUOTA_BYTES, max_bad_frames: 100, ..config() };
        let h = lantian::ingest::start(db, cfg).await.unwrap();
        // 16 MB of junk (no `##` frame start), reconnecting whenever the server closes the
        // connection for too many bad frames, as the attacker did.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut chunk = vec![0u8; 64 * 1024];
        let mut sent = 0usize;
        let mut s = connect(h.local_addr).await;
        while sent < 16 * 1024 * 1024 {
            for b in chunk.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *b = if x as u8 == b'#' { b'x' } else { x as u8 };
            }
            if s.write_all(&chunk).await.is_err() {
                s = connect(h.local_addr).await;
                continue;
            }
            sent += chunk.len();
        }
        drop(s);
        let m = &h.metrics;
        wait_until(|| m.rejected_dropped.load(Relaxed) > 0).await;
        // Frames still in flight keep counting after the first drop (a small frame may fit the
        // byte quota a large one did not): read the figures once they have settled.
        let settled = || m.rejected_stored.load(Relaxed) + m.rejected_dropped.load(Relaxed);
        let mut last = settled();
        for _ in 0..100 {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let now = settled();
            if now == last {
                break;
            }
            last = now;
        }
        let stored = m.rejected_stored.load(Relaxed) as i64;
        for _ in 0..200 {
            if one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM raw_packets").await >= stored { break }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let rows = one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM raw_packets").await;
        let bytes = one(db, "SELECT CAST(COALESCE(SUM(LENGTH(raw)), 0) AS BIGINT) FROM raw_packets").await;
        assert!(stored > 0 && rows == stored, "rows {rows}, stored {stored}");
        assert!(bytes as u64 <= QUOTA_BYTES, "the archive grew {bytes} bytes for 16 MB of junk");
        assert!(m.rejected_dropped.load(Relaxed) > 0);
        let longest = one(db, "SELECT CAST(MAX(LENGTH(raw)) AS BIGINT) FROM raw_packets").await;
        assert!(longest <= 2 * 512 + 100, "an excerpt, not the frame: {longest}");
        // Frames longer than the excerpt are kept as excerpt + length + SHA-256 of the whole.
        let excerpts = one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM raw_packets WHERE raw LIKE 'excerpt:%'").await;
        assert!(excerpts > 0, "{rows} rows, none an excerpt");
        let text = m.render_prometheus();
        assert!(text.contains(&format!("lantian_hj212_rejected_frames_total{{fate=\"archived\"}} {stored}\n")), "{text}");
        assert!(text.contains(&format!("lantian_hj212_rejected_frames_total{{fate=\"dropped\"}} {}\n", m.rejected_dropped.load(Relaxed))), "{text}");
        // A real logger from another connection is not disturbed.
        let mut logger = connect(h.local_addr).await;
        logger.write_all(&P::data(MN17, "123456", "20261123100000").bytes()).await.unwrap();
        assert_eq!(replies(&mut logger, 1, Duration::from_secs(10)).await.len(), 1);
    }
}

// ---- Item 9: future slots refused, conflicting values raised. ----

async fn verdicts_at(db: &Db, dt: &str) -> Vec<(String, String)> {
    sqlx::query("SELECT verdict, reason FROM raw_packets WHERE mn = $1 AND qn = $2 ORDER BY received_at")
        .bind(MN17)
        .bind(format!("{dt}000"))
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get(0).unwrap(), r.try_get(1).unwrap()))
        .collect()
}

async fn monitoring_page(db: &Db, user: &str) -> String {
    let city = lantian::demo::generate(60, 3);
    for u in lantian::demo::accounts::accounts(&city) {
        let _ = lantian::storage::accounts::add_user(db, &Actor::system(), &u).await;
    }
    let base = crate::support::serve(db, lantian::web::WebConfig::default()).await;
    let s = crate::support::login(&base, user).await;
    let r = s.client.get(format!("{base}/monitoring")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

both_backends! {
    async fn future_slots_are_refused_and_conflicting_values_are_raised(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let h = lantian::ingest::start(db, config()).await.unwrap();
        let m = &h.metrics;
        let mut s = connect(h.local_addr).await;
        // A forged packet for a slot 30 minutes ahead: refused, counted, archived, not answered.
        let ahead = beijing_in(30);
        s.write_all(&P::data(MN17, "123456", &ahead).bytes()).await.unwrap();
        assert!(replies(&mut s, 1, Duration::from_millis(800)).await.is_empty(), "refused data gets no acknowledgement");
        assert_eq!(m.rejected(RejectReason::FutureTime), 1);
        wait_until(|| m.rejected_stored.load(Relaxed) == 1).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(verdicts_at(db, &ahead).await, vec![("rejected".into(), "future_time".into())]);
        assert_eq!(one(db, &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM measurements WHERE data_time = {ahead}")).await, 0);
        assert!(m.render_prometheus().contains("lantian_hj212_packets_rejected_total{reason=\"future_time\"} 1\n"));
        // Within the tolerance (a logger clock a few minutes fast) is accepted.
        s.write_all(&P::data(MN17, "123456", &beijing_in(5)).bytes()).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);

        // A slot that already holds other values: the stored ones stay, the packet is archived
        // as a conflict, listed, counted and acknowledged.
        let dt = "20261123100000";
        let first = P::data(MN17, "123456", dt).bytes();
        s.write_all(&first).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
        let mut other = P::data(MN17, "123456", dt);
        other.cp = "a21026-Rtd=99.5,a21026-ZsRtd=20.1,a21026-Flag=N;a34013-Rtd=3.2,a34013-Flag=N";
        s.write_all(&other.bytes()).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1, "a conflict is archived, so acknowledged");
        // An identical resend stays an exactly-once duplicate.
        s.write_all(&first).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
        let v: Vec<String> = verdicts_at(db, dt).await.into_iter().map(|v| v.0).collect();
        assert_eq!(v, vec!["accepted", "conflict", "duplicate"]);
        let rtd: f64 = sqlx::query("SELECT rtd FROM measurements WHERE data_time = 20261123100000 AND pollutant = 'a21026'")
            .fetch_one(&db.pool).await.unwrap().try_get(0).unwrap();
        assert_eq!(rtd, 18.5, "the first values stay");
        let row = sqlx::query("SELECT mn, data_time, pollutants, cn FROM ingest_conflicts").fetch_all(&db.pool).await.unwrap();
        assert_eq!(row.len(), 1);
        assert_eq!(row[0].try_get::<String, _>(0).unwrap(), MN17);
        assert_eq!(row[0].try_get::<i64, _>(1).unwrap(), 20261123100000);
        assert_eq!(row[0].try_get::<String, _>(2).unwrap(), "a21026", "only the differing pollutant");
        assert_eq!(m.conflicts.load(Relaxed), 1);
        assert!(m.render_prometheus().contains("lantian_hj212_packets_conflict_total 1\n"));
        for sql in ["UPDATE ingest_conflicts SET pollutants = ''", "DELETE FROM ingest_conflicts"] {
            let e = sqlx::query(sql).execute(&db.pool).await.unwrap_err().to_string();
            assert!(e.contains("append-only"), "{e}");
        }
        // Judged, the conflict is a lead of the outlet's bureau (issue 10's `conflict` detector).
        let r = sqlx::query("SELECT credit_code, outlet_code FROM devices WHERE mn = $1").bind(MN17).fetch_one(&db.pool).await.unwrap();
        let (credit, outlet): (String, String) = (r.try_get(0).unwrap(), r.try_get(1).unwrap());
        let outlet_setup = lantian::storage::averages::outlet_setup(db, &credit, &outlet).await.unwrap().expect("the device's outlet is in the ledger");
        let day = lantian::monitoring::clock::from_data_time(20261123000000).unwrap();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        lantian::storage::enforcement::judge(db, &outlet_setup, (day, day + 86_400), now).await.unwrap();
        let leads = lantian::storage::enforcement::leads(db, &lantian::auth::Scope::All, day, day + 86_400).await.unwrap();
        let lead = leads.iter().find(|l| l.detector == "conflict").unwrap_or_else(|| panic!("no conflict lead in {leads:?}"));
        assert_eq!(lead.start, lantian::monitoring::clock::from_data_time(20261123100000).unwrap());
        assert!(lead.explanation.render(lantian::i18n::Lang::En).contains("1 packets carried other values"));
        // Bureau staff see it on /monitoring.
        let page = monitoring_page(db, "city-environment").await;
        assert!(page.contains("id=\"conflicts\""), "the conflicts table is shown");
        let table = &page[page.find("id=\"conflicts\"").unwrap()..];
        assert!(table.contains(MN17) && table.contains("2026-11-23 10:00:00") && table.contains("a21026"));
    }
}

// ---- Item 15 (part): a device whose outlet was deleted is refused. ----

both_backends! {
    async fn a_device_whose_outlet_was_deleted_is_refused(t: &TestDb) {
        let db = &t.db;
        let (credit, outlet) = setup(db).await;
        let h = lantian::ingest::start(db, config()).await.unwrap();
        let mut s = connect(h.local_addr).await;
        s.write_all(&P::data(MN17, "123456", "20261123100000").bytes()).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1, "bound: accepted");
        // The enterprise is re-imported without that outlet (the ledger replaces its rows).
        let city = lantian::demo::generate(60, 3);
        let mut bundle = city.bundles.into_iter().find(|b| b.enterprise.credit_code == credit).unwrap();
        bundle.outlets.retain(|o| o.code != outlet);
        let parsed = lantian::excel::ParsedLedger { rows: vec![2], bundles: vec![bundle] };
        lantian::storage::ledger::import(db, parsed, &Actor::system(), lantian::storage::ledger::ImportMode::Update, false, |_, _| {}).await.unwrap();
        assert!(h.registry.refresh().await.unwrap(), "deleting an outlet changes the registry");
        s.write_all(&P::data(MN17, "123456", "20261123100030").bytes()).await.unwrap();
        assert!(replies(&mut s, 1, Duration::from_millis(800)).await.is_empty(), "refused: no acknowledgement");
        let m = &h.metrics;
        assert_eq!(m.rejected(RejectReason::OutletDeleted), 1);
        assert!(m.render_prometheus().contains("lantian_hj212_packets_rejected_total{reason=\"outlet_deleted\"} 1\n"));
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(verdicts_at(db, "20261123100030").await, vec![("rejected".into(), "outlet_deleted".into())]);
        assert_eq!(one(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements WHERE data_time = 20261123100030").await, 0);
        let st = lantian::ingest::device_statuses(db, None).await.unwrap().into_iter().find(|d| d.mn == MN17).unwrap();
        assert!(st.outlet_missing && st.rejected_today == 1, "{st:?}");
        // Visible on /monitoring: the logger's row says its data is refused.
        let page = monitoring_page(db, "city-environment").await;
        let row = &page[page.find(&format!("data-mn=\"{MN17}\"")).expect("the logger is listed")..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains("排放口已从台账删除"), "{row}");
    }
}
