//! A year of hourly means for one outlet, for `bench/outlet_page.sh`: gives an air outlet of
//! the ledger (one with SO2 and a limit) a logger and a year (2025) of minute data, computes its
//! averages the way `lantian monitor recompute` does, then times the page's hourly-means query.
//!
//!     target/release/examples/outlet_page_bench DATA_DIR [repeats=200]
//!
//! DATA_DIR holds a database loaded by `lantian demo`. Minute data (SO2, O2, temperature, flow;
//! Avg/Min/Max/Flag, 1 % of minutes flagged D, a daily cycle with noise, one 30-minute gap every
//! 50th hour so the chart has invalid hours) is written as series blocks
//! (`storage::series::store_blocks`), then `storage::averages::recompute_days` fills the
//! hourly, daily and monthly means for the year. Prints `outlet CREDIT/OUTLET` for the script,
//! then the median time of `storage::averages::read` for a year of hourly means (all
//! pollutants, as the page asks, and one pollutant) and for a year of daily means.

use std::time::Instant;

use lantian::ingest::registry::{self, DeviceRecord};
use lantian::monitoring::block::{Entry, FIELDS};
use lantian::monitoring::clock::{self, Period};
use lantian::storage::audit::Actor;
use lantian::storage::averages::{self, COMPUTED};
use lantian::storage::{Db, series};
use sqlx::Row;

const MN: &str = "BNCH20250000000000000001";
const PARAMS: [(&str, f64, i32); 4] = [("a21026", 60.0, 2), ("a19001", 9.0, 1), ("a01012", 95.0, 1), ("a00000", 12.0, 2)];

/// SplitMix64: the deterministic source of every "random" choice.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

fn round(v: f64, decimals: i32) -> f64 {
    let m = 10f64.powi(decimals);
    (v * m).round() / m
}

/// One day's entries of parameter `p`, minute `m` of the day at `day + 60 m`.
fn day_entries(day: i64, p: usize) -> Vec<Entry> {
    let mut out = Vec::with_capacity(1440);
    for m in 0..1440i64 {
        let t = day + 60 * m;
        let hour = t / 3600;
        if hour % 50 == 7 && m % 60 < 30 {
            continue;
        }
        let h = mix(t as u64 ^ (p as u64) << 56);
        let noise = 1.0 + (unit(mix(h)) + unit(mix(h ^ 1)) + unit(mix(h ^ 2)) - 1.5) * 0.12;
        let load = if (8..20).contains(&(m / 60)) { 1.0 } else { 0.55 };
        let cycle = if p == 1 { 1.0 } else { 0.4 + 0.6 * load };
        let v = PARAMS[p].1 * cycle * noise;
        let d = PARAMS[p].2;
        let mut fields = [None; FIELDS];
        (fields[1], fields[2], fields[3]) = (Some(round(v, d)), Some(round(v * 0.97, d)), Some(round(v * 1.03, d)));
        let flag = if unit(mix(h ^ 0xf1a9)) < 0.01 { "D" } else { "N" };
        out.push(Entry { time: t, fields, flag: Some(flag.into()), extra: None });
    }
    out
}

fn median_ms(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2] * 1000.0
}

#[tokio::main]
async fn main() {
    let dir = std::env::args().nth(1).expect("usage: outlet_page_bench DATA_DIR [repeats]");
    let repeats: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(200);
    let db = Db::connect(&format!("sqlite://{dir}/lantian.db?mode=rwc"), 4).await.expect("database");
    let row = sqlx::query(
        "SELECT e.credit_code, o.code FROM outlets o JOIN enterprises e ON e.id = o.enterprise_id
         JOIN outlet_pollutants p ON p.outlet_id = o.id
         WHERE o.medium = 'air' AND p.pollutant_code = 'a21026' AND p.limit_value IS NOT NULL ORDER BY e.credit_code, o.code LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .expect("an air outlet with an SO2 limit (load the ledger with `lantian demo` first)");
    let (credit, outlet): (String, String) = (row.get(0), row.get(1));
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
    registry::upsert(&db, &[dev], &Actor::cli()).await.expect("register the logger");
    let device: i64 = sqlx::query("SELECT id FROM devices WHERE mn = $1").bind(MN).fetch_one(&db.pool).await.expect("device").get(0);

    let (first, last) = (time::macros::date!(2025 - 01 - 01), time::macros::date!(2025 - 12 - 31));
    let (from, to) = (clock::date_start(first), clock::date_start(last) + 86_400);
    let t = Instant::now();
    for month in (0..12).map(|i| clock::date_start(time::Date::from_calendar_date(2025, time::Month::January.nth_next(i), 1).expect("a month"))) {
        let mut blocks = Vec::new();
        for day in (month..clock::next_month_start(month)).step_by(86_400) {
            for (p, (code, _, _)) in PARAMS.iter().enumerate() {
                blocks.push(((device, code.to_string(), day), (day + 86_400, day_entries(day, p))));
            }
        }
        series::store_blocks(&db, lantian::monitoring::sample::DataKind::Minute2051, blocks).await.expect("store blocks");
    }
    println!("wrote a year of minute data (4 parameters) as blocks in {:.1} s", t.elapsed().as_secs_f64());
    let setup = averages::outlet_setup(&db, &credit, &outlet).await.expect("setup").expect("the outlet");
    let t = Instant::now();
    averages::recompute_days(&db, &setup, first, last).await.expect("recompute");
    println!("recomputed the year's averages in {:.1} s", t.elapsed().as_secs_f64());
    let count = |period: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query("SELECT COUNT(*) FROM monitoring_averages WHERE period = $1 AND source = 'computed'").bind(period).fetch_one(&db.pool).await.expect("count").get::<i64, _>(0)
        }
    };
    println!("stored computed averages: {} hourly, {} daily, {} monthly", count("hour").await, count("day").await, count("month").await);
    db.close().await;

    // The page's queries, in-process, warm (what the server does per request, without HTTP).
    let db = Db::connect(&format!("sqlite://{dir}/lantian.db"), 4).await.expect("database");
    let mut times = (Vec::new(), Vec::new(), Vec::new());
    let mut sizes = (0, 0, 0);
    for _ in 0..repeats {
        let t = Instant::now();
        let all = averages::read(&db, &setup, Period::Hour, COMPUTED, from, to).await.expect("read");
        let one: Vec<_> = all.into_iter().filter(|s| s.pollutant == "a21026").collect();
        times.0.push(t.elapsed().as_secs_f64());
        sizes.0 = one.len();
        let t = Instant::now();
        let one = averages::read_pollutant(&db, &setup, Period::Hour, COMPUTED, "a21026", from, to).await.expect("read");
        times.1.push(t.elapsed().as_secs_f64());
        sizes.1 = one.len();
        let t = Instant::now();
        let days = averages::read(&db, &setup, Period::Day, COMPUTED, from, to).await.expect("read");
        times.2.push(t.elapsed().as_secs_f64());
        sizes.2 = days.len();
    }
    println!("outlet {credit}/{outlet}");
    println!("query: a year of hourly means, all pollutants then one kept ({} rows kept): median {:.2} ms", sizes.0, median_ms(times.0));
    println!("query: a year of hourly means of one pollutant ({} rows): median {:.2} ms", sizes.1, median_ms(times.1));
    println!("query: a year of daily means, all pollutants ({} rows): median {:.2} ms", sizes.2, median_ms(times.2));
    db.close().await;
}
