//! Several `lantian serve` nodes on one PostgreSQL database (issue 15): background passes run
//! one at a time across nodes; and, with two real binaries on the test database, a session
//! opened on one node works on the other, a write through one shows in the other's list total
//! at once, a logger that resends to the other node is stored once, and a closed day of the raw
//! archive enters the audit chain once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use lantian::storage::coordination::{self, Job};
use lantian::storage::{Backend, Db};
use sqlx::Row;

use crate::both_backends;
use crate::ingest::{connect, replies, P};
use crate::support::*;

both_backends! {
    async fn background_passes_run_one_at_a_time(t: &TestDb) {
        // Two "nodes": two pools on the same database.
        let other = Db::connect(&t.url, 4).await.unwrap();
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let pass = |db: Db, running: Arc<AtomicUsize>, most: Arc<AtomicUsize>| async move {
            coordination::exclusive(&db, Job::Averages, || async {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(400)).await;
                running.fetch_sub(1, Ordering::SeqCst);
                Ok(7)
            })
            .await
            .unwrap()
        };
        let first = tokio::spawn(pass(t.db.clone(), running.clone(), most.clone()));
        tokio::time::sleep(Duration::from_millis(100)).await;
        let second = pass(other.clone(), running.clone(), most.clone()).await;
        let first = first.await.unwrap();
        assert_eq!(first, Some(7));
        match t.db.backend {
            // The other node skips its pass while one runs; a different job is not held up.
            Backend::Postgres => {
                assert_eq!(second, None);
                assert_eq!(most.load(Ordering::SeqCst), 1);
                assert_eq!(coordination::exclusive(&other, Job::Judging, || async { Ok(1) }).await.unwrap(), Some(1));
            }
            // One process owns a SQLite file: nothing to coordinate.
            Backend::Sqlite => assert_eq!(second, Some(7)),
        }
        // Once the pass is over (its transaction ended), the next one runs — also after a pass that failed.
        assert!(coordination::exclusive(&other, Job::Averages, || async { Err::<(), _>(lantian::Error::other("boom")) }).await.is_err());
        assert_eq!(coordination::exclusive(&other, Job::Averages, || async { Ok(3) }).await.unwrap(), Some(3));
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Node {
    child: std::process::Child,
    base: String,
    hj212: std::net::SocketAddr,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn node(url: &str) -> Node {
    let (http, hj) = (free_port(), free_port());
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_lantian"))
        .args(["--database", url, "serve", "--listen", &format!("127.0.0.1:{http}"), "--hj212-listen", &format!("127.0.0.1:{hj}"), "--hj212-future-minutes", "100000", "--rate-limit", "0"])
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..600 {
        if tokio::net::TcpStream::connect(("127.0.0.1", http)).await.is_ok() && tokio::net::TcpStream::connect(("127.0.0.1", hj)).await.is_ok() {
            return Node { child, base: format!("http://127.0.0.1:{http}"), hj212: format!("127.0.0.1:{hj}").parse().unwrap() };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("node on {http} did not start");
}

async fn total(c: &reqwest::Client, base: &str) -> i64 {
    let r = c.get(format!("{base}/api/enterprises?per_page=1")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.json::<serde_json::Value>().await.unwrap()["total"].as_i64().unwrap()
}

async fn one(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql).fetch_one(&db.pool).await.unwrap().try_get::<i64, _>(0).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_serve_the_same_users_from_one_postgres() {
    let t = TestDb::postgres().await;
    load_demo_city(&t.db, 40, 3).await;
    lantian::simulate::devices::register_demo_devices_if_none(&t.db).await.unwrap();
    // Yesterday's archived frames (Beijing), as a closed day for the archive digest.
    let yesterday = lantian::storage::stored_time(time::OffsetDateTime::now_utc() - time::Duration::days(2));
    for i in 0..3 {
        sqlx::query("INSERT INTO raw_packets (received_at, device_id, mn, peer, cn, qn, verdict, reason, raw) VALUES ($1, CAST(NULL AS BIGINT), 'X', '127.0.0.1:1', '2011', $2, 'rejected', 'test', $3)")
            .bind(&yesterday)
            .bind(format!("q{i}"))
            .bind(format!("##frame {i}"))
            .execute(&t.db.pool)
            .await
            .unwrap();
    }
    let (a, b) = tokio::join!(node(&t.url), node(&t.url));

    // A session opened on node A works on node B (the session lives in the database).
    let s = login(&a.base, "city-industry").await;
    let before = total(&s.client, &b.base).await;
    assert_eq!(total(&s.client, &a.base).await, before);
    let anon = reqwest::Client::new();
    assert_eq!(anon.get(format!("{}/api/enterprises", b.base)).send().await.unwrap().status(), 401);

    // A write through A shows in B's list total at once, though B had just cached it.
    let bundle = lantian::demo::generate(1, 99).bundles.remove(0);
    let csv = lantian::excel::export::enterprises_csv(std::slice::from_ref(&bundle));
    let r = s.client.post(format!("{}/api/ledger/import?format=csv", a.base)).header("x-csrf-token", &s.csrf).body(csv).send().await.unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let mut seen = 0;
    for _ in 0..50 {
        seen = total(&s.client, &b.base).await;
        if seen == before + 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(seen, before + 1, "B's total follows A's write within a second (its cache lives three)");

    // A logger sends to A, loses the connection, reconnects to B and resends: stored once, acknowledged twice.
    let dev = lantian::simulate::devices::load(&t.db, 50).await.unwrap().into_iter().find(|d| d.key.is_none() && d.password.is_some()).expect("a demo logger without a key");
    let dt = lantian::monitoring::sample::data_time_of_instant(time::OffsetDateTime::now_utc() - time::Duration::minutes(5)).to_string();
    let packet = P { flag: 5, ..P::data(&dev.mn, dev.password.as_deref().unwrap(), &dt) }.bytes();
    for addr in [a.hj212, b.hj212] {
        let mut c = connect(addr).await;
        tokio::io::AsyncWriteExt::write_all(&mut c, &packet).await.unwrap();
        let got = replies(&mut c, 1, Duration::from_secs(10)).await;
        assert_eq!(got.len(), 1, "acknowledged by {addr}");
    }
    let stored = one(&t.db, &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM measurements m JOIN devices d ON d.id = m.device_id WHERE d.mn = '{}' AND m.data_time = {dt}", dev.mn)).await;
    assert_eq!(stored, 2, "two pollutants of one packet, once");

    // Both nodes started their compaction pass at once: the closed day has one digest.
    for _ in 0..100 {
        if one(&t.db, "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'archive_digest'").await > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(one(&t.db, "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'archive_digest'").await, 1);
    assert_eq!(one(&t.db, "SELECT CAST(COUNT(*) AS BIGINT) FROM archive_days").await, 1);
    assert!(matches!(lantian::storage::audit::verify(&t.db).await.unwrap(), lantian::storage::audit::Verdict::Intact { .. }));
    drop((a, b));
}
