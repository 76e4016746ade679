//! The fused inventory for 100,000 enterprises with five years of activity data (issue 13):
//! `cargo run --example inventory_bench [-- ENTERPRISES YEARS]`.
//!
//! Inputs are generated in memory (no database): per enterprise and year a coal row linked to
//! a boiler and its outlet, a natural-gas row, purchased electricity and heat, and for one in
//! ten clinker output; one in twenty has monitored SO2 and NOx totals covering the year (so the
//! monitoring-beats-factor path runs). Timed: `compute::aggregate` (every line of every
//! enterprise and year, summed by district × sector × source × pollutant × year), and
//! `compute::lines` (all lines collected), best and median of 5 runs.

use std::time::Instant;

use lantian::inventory::compute::{self, ActivityIn, EnterpriseIn, Inputs, MonitoredIn};
use lantian::inventory::factors::LIBRARY;
use lantian::inventory::{Category, Pollutant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let years: i32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let t0 = Instant::now();
    let mut inputs = Inputs::default();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % 1_000_000) as f64 / 1_000_000.0
    };
    let sectors = ["3011", "4430", "2221", "3130", "1441", "2614", "3311", "2110"];
    for e in 0..n {
        inputs.enterprises.push(EnterpriseIn {
            id: e as i64 + 1,
            credit_code: format!("E{e:08}"),
            name: format!("企业{e}"),
            county: format!("6120{:02}", e % 24 + 1),
            industry: sectors[e % sectors.len()].to_string(),
        });
        for y in 0..years {
            let year = 2021 + y;
            let row = |category, item: &str, amount: f64, equipment: &str, outlet: &str| ActivityIn {
                enterprise: e,
                year,
                category,
                item: item.into(),
                amount,
                entered_amount: amount,
                entered_unit: "t".into(),
                equipment: equipment.into(),
                outlet: outlet.into(),
                control: String::new(),
                air_scale: [1.0; 4],
            };
            inputs.activity.push(row(Category::Fuel, "raw_coal", 500.0 + 5000.0 * rnd(), "1#燃煤锅炉", "DA001"));
            inputs.activity.push(row(Category::Fuel, "natural_gas", 10.0 + 50.0 * rnd(), "1#燃气锅炉", "DA002"));
            inputs.activity.push(row(Category::Electricity, "electricity", 1000.0 + 20_000.0 * rnd(), "", ""));
            inputs.activity.push(row(Category::Heat, "heat", 1000.0 * rnd(), "", ""));
            if e % 10 == 0 {
                inputs.activity.push(row(Category::Product, "cement_clinker", 100_000.0 * rnd(), "1#熟料线", "DA003"));
            }
            if e % 20 == 0 {
                for p in [Pollutant::So2, Pollutant::Nox] {
                    inputs.monitored.push(MonitoredIn { enterprise: e, outlet: "DA001".into(), year, pollutant: p, tonnes: 5.0 * rnd(), coverage: 0.95, rule: "period_mean_of_valid_hours".into(), scale: 1.0 });
                }
            }
        }
    }
    eprintln!(
        "generated {} enterprises, {} activity rows, {} monitored totals in {:.2} s",
        inputs.enterprises.len(),
        inputs.activity.len(),
        inputs.monitored.len(),
        t0.elapsed().as_secs_f64()
    );
    let _ = &*LIBRARY;
    let mut times = Vec::new();
    let mut cells = 0;
    for _ in 0..5 {
        let t = Instant::now();
        cells = compute::aggregate(&LIBRARY, &inputs, None).len();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!("aggregate: {cells} cells, best {:.3} s, median {:.3} s", times[0], times[2]);
    let mut times = Vec::new();
    let mut lines = 0;
    for _ in 0..5 {
        let t = Instant::now();
        lines = compute::lines(&LIBRARY, &inputs, None).len();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!("lines: {lines} lines, best {:.3} s, median {:.3} s", times[0], times[2]);
}
