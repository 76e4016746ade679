//! Campaign benchmark (issue 11): a 散乱污 campaign of 40,000 candidates with 100,000 photos'
//! metadata — the import of the 40,000 survey rows, then the county ranking, the summary and
//! the daily report (median of RUNS). The peer, in the same run, is the bare SQL floor: one
//! `GROUP BY` count over the same items with no decoding into records.
//!
//!   cargo run --release --example campaign_bench -- [sqlite|postgres://…] [CANDIDATES] [PHOTOS] [RUNS]
//!
//! Defaults: a fresh SQLite database in a temporary directory, 40,000, 100,000, 7.

use std::time::Instant;

use lantian::auth::Scope;
use lantian::storage::audit::Actor;
use lantian::storage::campaigns::{self as store, NewCampaign};
use lantian::storage::cases::parse_day;
use lantian::storage::Db;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn time<F, Fut, T>(runs: usize, mut f: F) -> f64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut v = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f().await);
        v.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    median(v)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let target = args.get(1).cloned().unwrap_or_else(|| "sqlite".into());
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(40_000);
    let photos: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(7);
    let dir = tempfile::tempdir().unwrap();
    let (db, label) = if target.starts_with("postgres") {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let name = format!("lantian_campaign_bench_{}", std::process::id());
        let mut admin = sqlx::AnyConnection::connect(&format!("{target}/postgres")).await.unwrap();
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
        (Db::connect(&format!("{target}/{name}"), 8).await.unwrap(), "PostgreSQL")
    } else {
        (Db::connect(&format!("sqlite://{}?mode=rwc", dir.path().join("lantian.db").display()), 8).await.unwrap(), "SQLite")
    };
    lantian::storage::ledger::seed_reference(&db).await.unwrap();
    // Shaanxi's Guanzhong counties (real GB/T 2260 codes) under the province.
    let counties: Vec<String> = sqlx::query_scalar("SELECT code FROM divisions WHERE level = 'county' AND code >= '6101' AND code < '6106' ORDER BY code")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let new = NewCampaign {
        name: "基准".into(),
        type_code: "sanluanwu".into(),
        definition: None,
        division_code: "610000".into(),
        start: parse_day("2017-01-01").unwrap(),
        end: parse_day("2019-11-15").unwrap(),
        target: None,
    };
    let id = store::create(&db, &Actor::system(), &new).await.unwrap();
    let mut csv = String::from("区划代码,名称,地址,统一社会信用代码,核查结论,排除原因,整治方式,整治状态,摸排日期,完成日期,验收日期,整治期限\n");
    let states = ["未开始", "整治中", "已完成", "已验收"];
    for i in 0..n {
        let county = &counties[i % counties.len()];
        let (verdict, reason, method, status, done, accepted, deadline) = match i % 20 {
            0..=4 => ("排除", "手续齐全", "", "", "", "", ""),
            5 => ("待核查", "", "", "", "", "", ""),
            k => {
                let method = ["关停取缔", "关停取缔", "关停取缔", "改造提升", "整合搬迁"][k % 5];
                let status = states[(i / 20) % 4];
                let done = if status == "已完成" || status == "已验收" { "2018-06-30" } else { "" };
                let acc = if status == "已验收" { "2018-07-15" } else { "" };
                (("确认"), "", method, status, done, acc, if method == "改造提升" { "2018-05-31" } else { "" })
            }
        };
        csv.push_str(&format!("{county},作坊{i},第{i}号,,{verdict},{reason},{method},{status},2017-0{}-15,{done},{accepted},{deadline}\n", 1 + i % 9));
    }
    let campaign = store::get(&db, &Scope::All, id).await.unwrap();
    let t = Instant::now();
    let table = lantian::campaigns::survey::read_csv(csv.as_bytes()).unwrap();
    let rows = lantian::campaigns::survey::parse(&table, &campaign.kind, &campaign.division_code).unwrap();
    let parse_ms = t.elapsed().as_secs_f64() * 1000.0;
    let report = store::import(&db, &Actor::system(), &Scope::All, id, &rows).await.unwrap();
    let import_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(report.inserted, n);
    // 100,000 photos' metadata over the confirmed items (one shared blob: the metadata is what is measured).
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM campaign_items WHERE verdict = 'confirmed' ORDER BY id").fetch_all(&db.pool).await.unwrap();
    sqlx::query("INSERT INTO campaign_blobs (sha256, content_type, size, data_b64) VALUES ('bench', 'image/jpeg', 3, '/9j/')").execute(&db.pool).await.unwrap();
    let t = Instant::now();
    let mut tx = db.pool.begin().await.unwrap();
    for chunk in (0..photos).collect::<Vec<_>>().chunks(500) {
        let values: Vec<String> = chunk
            .iter()
            .map(|p| format!("({}, 0, 'cut_water', 'bench', 'p{p}.jpg', '2018-06-01 10:00:00', 34.1, 108.9, 'exif', 12.5, 'bench', '2018-06-01T02:00:00Z')", ids[p % ids.len()]))
            .collect();
        sqlx::query(&format!(
            "INSERT INTO campaign_photos (item_id, round, step_code, sha256, file_name, taken_at, latitude, longitude, position_source, distance_m, actor, at) VALUES {}",
            values.join(", ")
        ))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let photos_ms = t.elapsed().as_secs_f64() * 1000.0;
    if db.backend == lantian::storage::Backend::Postgres {
        sqlx::query("ANALYZE").execute(&db.pool).await.unwrap();
    } else {
        sqlx::query("ANALYZE").execute(&db.pool).await.unwrap();
    }
    let scope = Scope::All;
    let city = Scope::Divisions(vec!["610100".into()]);
    let summary = time(runs, || store::summary(&db, &scope, id)).await;
    let ranking = time(runs, || store::ranking(&db, &scope, id, 2018, 6)).await;
    let daily = time(runs, || store::daily(&db, &scope, id, parse_day("2018-06-30").unwrap())).await;
    let summary_city = time(runs, || store::summary(&db, &city, id)).await;
    let peer = time(runs, || async {
        sqlx::query("SELECT SUBSTR(division_code, 1, 6), verdict, status, CAST(COUNT(*) AS BIGINT) FROM campaign_items WHERE campaign_id = $1 GROUP BY 1, 2, 3")
            .bind(id)
            .fetch_all(&db.pool)
            .await
            .unwrap()
    })
    .await;
    let s = store::summary(&db, &scope, id).await.unwrap();
    println!("{label}: {n} candidates ({} surveyed, {} confirmed, {} completed), {photos} photos' metadata", s.surveyed, s.confirmed, s.completed);
    println!("  import   parse {parse_ms:.0} ms, parse + write {import_ms:.0} ms ({:.0} rows/s); photo metadata {photos_ms:.0} ms", n as f64 / (import_ms / 1000.0));
    println!("  summary  {summary:.1} ms (one city's scope: {summary_city:.1} ms)");
    println!("  ranking  {ranking:.1} ms");
    println!("  daily    {daily:.1} ms");
    println!("  peer     bare GROUP BY count {peer:.1} ms");
    db.pool.close().await;
    if target.starts_with("postgres") {
        use sqlx::Connection;
        let mut admin = sqlx::AnyConnection::connect(&format!("{target}/postgres")).await.unwrap();
        sqlx::query(&format!("DROP DATABASE IF EXISTS lantian_campaign_bench_{} WITH (FORCE)", std::process::id())).execute(&mut admin).await.unwrap();
    }
}
