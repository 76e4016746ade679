//! Synergy evaluation benchmark (issue 13): 200 districts × 30 indicators × 10 years (2,000
//! district-years, 60,000 values, five dimensions of six indicators, entropy weights), timed as
//! (1) the evaluation alone (`synergy::evaluate`: normalisation, entropy weights, U, C, T, D,
//! levels), (2) storing it on SQLite as `storage::synergy::store` does (evaluate, the inputs as
//! JSON read back, the outcome, its digest, the row and its audit entry), and (3) a recompute from
//! the stored row (`storage::synergy::recompute`: read, parse, evaluate, compare). Median of RUNS.
//!
//!   cargo run --example synergy_bench -- [DISTRICTS] [INDICATORS] [YEARS] [RUNS]

use std::time::Instant;

use lantian::auth::Scope;
use lantian::storage::audit::Actor;
use lantian::storage::synergy as stored;
use lantian::synergy::evaluate::{self, District, Inputs, Origin, Value};
use lantian::synergy::levels;
use lantian::synergy::system::{Dimension, Indicator, System, Weight};
use lantian::synergy::Direction;
use rand::{Rng, SeedableRng};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn inputs(districts: usize, indicators: usize, years: usize) -> Inputs {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(13);
    let dims = ["environment", "carbon", "coupling", "structure", "governance"];
    let dimensions = dims.iter().map(|c| Dimension { code: c.to_string(), zh: c.to_string(), en: c.to_string(), alpha: None }).collect();
    let inds: Vec<Indicator> = (0..indicators)
        .map(|j| Indicator {
            code: format!("x{j}"),
            zh: format!("指标{j}"),
            en: format!("indicator {j}"),
            unit: String::new(),
            direction: if j % 3 == 0 { Direction::Negative } else { Direction::Positive },
            dimension: dims[j % dims.len()].to_string(),
            weight: Weight::Mode("entropy".into()),
            source: "entered".into(),
            note: String::new(),
        })
        .collect();
    let system = System { name: "bench".into(), source: String::new(), status: String::new(), shift: 0.01, dimensions, indicators: inds };
    let districts: Vec<District> = (0..districts).map(|i| District { code: format!("61{:04}", i), name: format!("区县{i}") }).collect();
    let years: Vec<i32> = (0..years as i32).map(|y| 2016 + y).collect();
    let mut values = Vec::with_capacity(districts.len() * years.len() * indicators);
    for y in &years {
        for d in &districts {
            for ind in &system.indicators {
                values.push(Value {
                    district: d.code.clone(),
                    year: *y,
                    indicator: ind.code.clone(),
                    value: rng.gen_range(0.0..100.0),
                    origin: Origin::Entered { by: "bench".into(), at: "2026-12-04T00:00:00Z".into(), note: String::new() },
                });
            }
        }
    }
    let alpha = system.alpha();
    Inputs { system, scale: levels::DEFAULT.clone(), alpha, districts, years, values }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n, m, y, runs) = (args.first().copied().unwrap_or(200), args.get(1).copied().unwrap_or(30), args.get(2).copied().unwrap_or(10), args.get(3).copied().unwrap_or(5));
    let inputs = inputs(n, m, y);
    println!("synergy_bench: {n} districts × {m} indicators × {y} years = {} units, {} values, runs {runs}", n * y, inputs.values.len());

    let mut t_eval = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let o = evaluate::evaluate(&inputs).expect("evaluates");
        t_eval.push(t.elapsed().as_secs_f64());
        assert_eq!(o.units.len(), n * y);
    }

    let dir = tempfile::tempdir().unwrap();
    let db = lantian::storage::Db::connect(&format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display()), 4).await.unwrap();
    let (mut t_store, mut t_recompute) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        let id = stored::store(&db, &Actor::cli(), "610000", inputs.clone()).await.unwrap();
        t_store.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let (same, _) = stored::recompute(&db, &Scope::All, id).await.unwrap();
        t_recompute.push(t.elapsed().as_secs_f64());
        assert!(same, "recompute identical");
    }
    println!("evaluate (pure)                       median {:.3} s  min {:.3} s", median(t_eval.clone()), t_eval.iter().cloned().fold(f64::MAX, f64::min));
    println!("store on SQLite (evaluate, JSON, row, audit) median {:.3} s  min {:.3} s", median(t_store.clone()), t_store.iter().cloned().fold(f64::MAX, f64::min));
    println!("recompute from the stored row         median {:.3} s  min {:.3} s", median(t_recompute.clone()), t_recompute.iter().cloned().fold(f64::MAX, f64::min));
    db.close().await;
}
