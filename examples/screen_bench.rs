//! Screening benchmark: the whole rule catalogue over a demo ledger with about
//! 1,000,000 equipment records, by the engine and — the peer — by the same rules
//! written as SQL queries over the same data in SQLite, in the same run. Both must
//! find exactly the same number of hits.
//!
//!   cargo run --release --example screen_bench -- [ENTERPRISES] [RUNS]
//!
//! ENTERPRISES defaults to 520,000 (about 1.0 M equipment records); RUNS to 3 (median).

use std::time::Instant;

use lantian::screening::compiled::{Compiled, Op};
use lantian::screening::engine::{screen, Subject};
use lantian::screening::facts::KNOWN_FACTS;
use lantian::screening::Rule;

const EQUIPMENT_FACTS: &[&str] = &["kind", "capacity", "fuel", "year", "age", "process", "specific_energy"];

fn column(slot: usize) -> String {
    let name = KNOWN_FACTS[slot];
    if EQUIPMENT_FACTS.contains(&name) { format!("q.{name}") } else { format!("e.{name}") }
}

/// The rule's condition as a SQL expression (booleans are stored as 0/1).
fn sql(c: &Compiled) -> String {
    match c {
        Compiled::Str(s) => format!("'{}'", s.replace('\'', "''")),
        Compiled::Float(f) => format!("{f:?}"),
        Compiled::Int(i) => i.to_string(),
        Compiled::Bool(b) => (*b as i32).to_string(),
        Compiled::Var(i) => column(*i),
        Compiled::Not(a) => format!("(NOT {})", sql(a)),
        Compiled::Neg(a) => format!("(-{})", sql(a)),
        Compiled::Bin(op, a, b) => {
            let o = match op {
                Op::Eq => "=",
                Op::Neq => "<>",
                Op::Lt => "<",
                Op::Leq => "<=",
                Op::Gt => ">",
                Op::Geq => ">=",
                Op::And => "AND",
                Op::Or => "OR",
                Op::Add => "+",
                Op::Sub => "-",
                Op::Mul => "*",
                Op::Div => "/",
            };
            format!("({} {o} {})", sql(a), sql(b))
        }
    }
}

fn list(items: &[String]) -> String {
    items.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
}

/// One query per rule returning the matching records with the facts the condition read
/// (what a finding carries): its scope (kinds, industries, jurisdiction), every fact it
/// reads present (the engine's "data missing" is not a hit), and its condition.
fn rule_query(r: &Rule) -> String {
    let facts: Vec<String> = r.slots.iter().map(|s| column(*s)).collect();
    let c = r.compiled.as_ref().expect("every built-in condition compiles");
    let mut conds = vec![sql(c)];
    for s in &r.slots {
        conds.push(format!("{} IS NOT NULL", column(*s)));
    }
    if !r.industries.is_empty() {
        conds.push(format!("e.industry IN ({})", list(&r.industries)));
    }
    if let Some(j) = &r.jurisdiction {
        conds.push(format!("e.division LIKE '{}%'", lantian::ledger::codes::subtree_prefix(j)));
    }
    if r.equipment_kinds.is_empty() {
        format!("SELECT e.id, {} FROM ent e WHERE {}", facts.join(", "), conds.join(" AND "))
    } else {
        conds.push(format!("q.kind IN ({})", list(&r.equipment_kinds)));
        format!("SELECT e.id, q.id, {} FROM eq q JOIN ent e ON e.id = q.ent WHERE {}", facts.join(", "), conds.join(" AND "))
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let enterprises: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(520_000);
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    eprintln!("machine: {cores} core(s)");

    let t = Instant::now();
    let city = lantian::demo::generate(enterprises, 1);
    let year = 2026;
    let subjects: Vec<Subject> = lantian::screening::subjects::from_bundles(&city.bundles, year);
    drop(city);
    let equipment: usize = subjects.iter().map(|s| s.equipment.len()).sum();
    eprintln!("ledger: {} enterprises, {equipment} equipment records (generated in {:.1} s)", subjects.len(), t.elapsed().as_secs_f64());
    let catalogue = lantian::screening::load_embedded().expect("catalogue");
    eprintln!("catalogue {}: {} rules", catalogue.version, catalogue.rules.len());

    // The engine.
    // First pass (every verdict; hits and undecided marked) and the whole screening
    // (findings with facts, explanation and citation), timed separately.
    let (mut mark_times, mut engine_times) = (Vec::new(), Vec::new());
    let mut hits = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let marks = lantian::screening::engine::mark(&catalogue, &subjects);
        mark_times.push(t.elapsed().as_secs_f64());
        std::hint::black_box(&marks);
        let t = Instant::now();
        let result = screen(&catalogue, &subjects);
        engine_times.push(t.elapsed().as_secs_f64());
        hits = result.findings.len();
    }
    let (marking, engine) = (median(mark_times.clone()), median(engine_times.clone()));
    let show = |v: &[f64]| v.iter().map(|x| format!("{x:.3}")).collect::<Vec<_>>();
    println!("engine, first pass (all verdicts): {marking:.3} s median of {runs} ({:?})", show(&mark_times));
    println!("engine, whole screening: {hits} findings with facts, explanations, citations; {engine:.3} s median of {runs} ({:?})", show(&engine_times));

    if std::env::var_os("SKIP_SQL").is_some() {
        return;
    }
    // The SQL peer: the same facts in SQLite (WAL, indexed), one query per rule.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("screen.db");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        use sqlx::{Connection, Executor};
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.expect("sqlite");
        conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;").await.unwrap();
        conn.execute(
            "CREATE TABLE ent (id INTEGER PRIMARY KEY, division TEXT, industry TEXT, has_outlets INTEGER, above_scale INTEGER, env_grade TEXT,
                 has_eia INTEGER, has_permit INTEGER, land_legal INTEGER, in_built_up_area INTEGER, energy_intensity REAL);
             CREATE TABLE eq (id INTEGER PRIMARY KEY, ent INTEGER, kind TEXT, capacity REAL, fuel TEXT, year INTEGER, age INTEGER,
                 process TEXT, specific_energy REAL);",
        )
        .await
        .unwrap();
        let t = Instant::now();
        let mut tx = conn.begin().await.unwrap();
        for s in &subjects {
            let get = |facts: &[(String, evalexpr::Value)], k: &str| facts.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            let text = |v: Option<evalexpr::Value>| v.and_then(|v| v.as_string().ok());
            let float = |v: Option<evalexpr::Value>| v.and_then(|v| v.as_number().ok());
            let int = |v: Option<evalexpr::Value>| v.and_then(|v| v.as_int().ok());
            let boolean = |v: Option<evalexpr::Value>| v.and_then(|v| v.as_boolean().ok()).map(|b| b as i64);
            sqlx::query("INSERT INTO ent VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)")
                .bind(s.enterprise_id)
                .bind(&s.division_code)
                .bind(text(get(&s.facts, "industry")))
                .bind(boolean(get(&s.facts, "has_outlets")))
                .bind(boolean(get(&s.facts, "above_scale")))
                .bind(text(get(&s.facts, "env_grade")))
                .bind(boolean(get(&s.facts, "has_eia")))
                .bind(boolean(get(&s.facts, "has_permit")))
                .bind(boolean(get(&s.facts, "land_legal")))
                .bind(float(get(&s.facts, "energy_intensity")))
                .execute(&mut *tx)
                .await
                .unwrap();
            for q in &s.equipment {
                sqlx::query("INSERT INTO eq (ent, kind, capacity, fuel, year, age, process, specific_energy) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(s.enterprise_id)
                    .bind(&q.kind)
                    .bind(float(get(&q.facts, "capacity")))
                    .bind(text(get(&q.facts, "fuel")))
                    .bind(int(get(&q.facts, "year")))
                    .bind(int(get(&q.facts, "age")))
                    .bind(text(get(&q.facts, "process")))
                    .bind(float(get(&q.facts, "specific_energy")))
                    .execute(&mut *tx)
                    .await
                    .unwrap();
            }
        }
        tx.commit().await.unwrap();
        conn.execute("CREATE INDEX eq_kind ON eq(kind); CREATE INDEX ent_industry ON ent(industry); ANALYZE;").await.unwrap();
        eprintln!("SQL peer: data loaded into SQLite in {:.1} s", t.elapsed().as_secs_f64());
        let queries: Vec<String> = catalogue.rules.iter().map(rule_query).collect();
        let mut sql_times = Vec::new();
        let mut sql_hits = 0i64;
        for run in 0..=runs {
            let t = Instant::now();
            let mut total = 0i64;
            for q in &queries {
                let rows = sqlx::query(q).fetch_all(&mut conn).await.unwrap_or_else(|e| panic!("{q}: {e}"));
                total += rows.len() as i64;
            }
            // The first pass warms the page cache and is not counted.
            if run > 0 {
                sql_times.push(t.elapsed().as_secs_f64());
            }
            sql_hits = total;
        }
        let peer = median(sql_times.clone());
        println!(
            "SQL peer (SQLite, {} queries returning the matching rows): {sql_hits} hits; {:.3} s median of {runs} ({:?})",
            queries.len(),
            peer,
            sql_times.iter().map(|x| format!("{x:.3}")).collect::<Vec<_>>()
        );
        println!(
            "whole screening is {:.1}x the SQL peer, first pass {:.1}x; same hits: {}",
            peer / engine,
            peer / marking,
            sql_hits as usize == hits
        );
        assert_eq!(sql_hits as usize, hits, "the engine and the SQL peer must find the same hits");
    });
}
