//! Environmental protection tax and emissions against the permit from stored hourly averages
//! (issue 10 items 4–5), on both databases; the CLI contract with the real binary.
//!
//! The fixture: one air outlet of a demo enterprise in Shaanxi (1.2 元 per equivalent) with
//! ten stored hours on 2026-03-02 and nothing else in March, so the fill rule of
//! data/enforcement/emissions.toml (period_mean_of_valid_hours) fills the month's other hours
//! with the valid hours' mean rate — every figure below is worked by hand from that.

use lantian::auth::Scope;
use lantian::monitoring::clock;
use lantian::storage::audit::Actor;
use lantian::storage::Db;

use crate::both_backends;
use crate::support::*;

/// (credit code, outlet code) of the fixture outlet; its enterprise is in the demo city (Shaanxi).
async fn setup(db: &Db) -> (String, String) {
    let mut city = lantian::demo::generate(20, 3);
    load_demo_divisions(db, &city).await;
    let b = city.bundles.iter().position(|b| b.outlets.iter().any(|o| o.medium == "air")).unwrap();
    assert!(city.bundles[b].enterprise.division_code.starts_with("61"), "the demo city is in Shaanxi");
    let o = city.bundles[b].outlets.iter_mut().find(|o| o.medium == "air").unwrap();
    let p = |code: &str, name: &str, limit: Option<f64>, permit: Option<f64>| lantian::ledger::model::OutletPollutant {
        pollutant_code: code.into(),
        pollutant_name: name.into(),
        limit_value: limit,
        limit_unit: "mg/m3".into(),
        standard: "GB 13271-2014 表1 在用锅炉 燃煤".into(),
        permitted_annual_t: permit,
    };
    o.pollutants = vec![
        p("a21026", "二氧化硫", Some(100.0), Some(10.0)),
        p("a21002", "氮氧化物", Some(200.0), Some(1.0)),
        p("a34013", "烟尘", Some(30.0), None),
        p("a21005", "一氧化碳", None, None),
    ];
    let outlet = o.code.clone();
    // A water outlet beside it (GB 8978-style limits), used by the water test only.
    let w = |code: &str, name: &str, limit: f64| lantian::ledger::model::OutletPollutant {
        pollutant_code: code.into(),
        pollutant_name: name.into(),
        limit_value: Some(limit),
        limit_unit: "mg/L".into(),
        standard: "GB 8978-1996 表4 一级".into(),
        permitted_annual_t: None,
    };
    city.bundles[b].outlets.push(lantian::ledger::model::Outlet {
        code: "DW901".into(),
        name: "废水总排口".into(),
        medium: "water".into(),
        reference_o2: None,
        pollutants: vec![w("w01018", "化学需氧量", 100.0), w("w01017", "五日生化需氧量", 20.0), w("w21003", "氨氮", 15.0), w("w21001", "总氮", 15.0)],
    });
    let credit = city.bundles[b].enterprise.credit_code.clone();
    let parsed = lantian::excel::ParsedLedger { rows: (2..city.bundles.len() + 2).collect(), bundles: city.bundles };
    lantian::storage::ledger::import(db, parsed, &Actor::system(), lantian::storage::ledger::ImportMode::Insert, false, |_, _| {}).await.unwrap();
    (credit, outlet)
}

async fn hour_row(db: &Db, credit: &str, outlet: &str, pollutant: &str, start: i64, valid: bool, value: f64, kg: f64, limit: f64) {
    row(db, "hour", credit, outlet, pollutant, start, valid, value, kg, limit).await
}

/// A water row: measured mean only (no conversion), as the averages store water.
#[allow(clippy::too_many_arguments)]
async fn water_row(db: &Db, period: &str, credit: &str, outlet: &str, pollutant: &str, start: i64, mean: f64, kg: f64) {
    sqlx::query(
        "INSERT INTO monitoring_averages (credit_code, outlet_code, period, source, pollutant, period_start, valid, valid_count, total_count, mean, converted, o2, emission_kg, limit_value)
         VALUES ($1, $2, $3, 'computed', $4, $5, 1, 24, 24, $6, NULL, NULL, $7, NULL)",
    )
    .bind(credit)
    .bind(outlet)
    .bind(period)
    .bind(pollutant)
    .bind(start)
    .bind(mean)
    .bind(kg)
    .execute(&db.pool)
    .await
    .unwrap();
}

#[allow(clippy::too_many_arguments)]
async fn row(db: &Db, period: &str, credit: &str, outlet: &str, pollutant: &str, start: i64, valid: bool, value: f64, kg: f64, limit: f64) {
    sqlx::query(
        "INSERT INTO monitoring_averages (credit_code, outlet_code, period, source, pollutant, period_start, valid, valid_count, total_count, mean, converted, o2, emission_kg, limit_value)
         VALUES ($1, $2, $11, 'computed', $3, $4, $5, 60, 60, $6, $7, $8, $9, $10)",
    )
    .bind(credit)
    .bind(outlet)
    .bind(pollutant)
    .bind(start)
    .bind(valid as i64)
    .bind(value * 0.8)
    .bind(value)
    .bind(9.0)
    .bind(kg)
    .bind(limit)
    .bind(period)
    .execute(&db.pool)
    .await
    .unwrap();
}

fn day(s: &str) -> i64 {
    clock::date_start(clock::parse_day(s).unwrap())
}

/// Ten valid hours from 2026-03-02 00:00, plus one invalid SO2 hour at 10:00 (value 500,
/// 100 kg: neither judged nor counted).
///
/// - SO2 0.95 kg/h, converted 30 for nine hours and 60 for one: mean 33 = 33 % of 100 → 50 %;
/// - NOx 1.9 kg/h, converted 120, one hour 210 > 200: the reduction is lost;
/// - 烟尘 0.218 kg/h, converted 20 of 30 = 66.7 % → 75 %;
/// - CO 0.167 kg/h, no standard.
async fn fixture(db: &Db) -> (String, String) {
    let (credit, outlet) = setup(db).await;
    let d = day("2026-03-02");
    for h in 0..10 {
        let t = d + h * 3600;
        hour_row(db, &credit, &outlet, "a21026", t, true, if h == 3 { 60.0 } else { 30.0 }, 0.95, 100.0).await;
        hour_row(db, &credit, &outlet, "a21002", t, true, if h == 7 { 210.0 } else { 120.0 }, 1.9, 200.0).await;
        hour_row(db, &credit, &outlet, "a34013", t, true, 20.0, 0.218, 30.0).await;
        hour_row(db, &credit, &outlet, "a21005", t, true, 50.0, 0.167, 0.0).await;
        hour_row(db, &credit, &outlet, "a19001", t, true, 9.0, 0.0, 0.0).await;
    }
    hour_row(db, &credit, &outlet, "a21026", d + 10 * 3600, false, 500.0, 100.0, 100.0).await;
    (credit, outlet)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

both_backends! {
    async fn a_month_of_tax_and_the_emissions_against_the_permit(t: &TestDb) {
        let db = &t.db;
        let (credit, outlet) = fixture(db).await;
        let now = day("2026-04-15");
        let tax = &*lantian::tax::SETTINGS;
        let em = &*lantian::enforcement::emissions::SETTINGS;
        assert_eq!(em.fill.rule.code(), "period_mean_of_valid_hours", "the figures below assume the shipped rule");
        let list = lantian::storage::tax::month(db, tax, em, &Scope::All, None, 2026, 3, now).await.unwrap();
        assert_eq!(list.len(), 1);
        let o = &list[0];
        assert_eq!(o.outlet.label(), format!("{credit}/{outlet}"));
        assert_eq!(o.rate.unwrap().province, "61");
        let codes: Vec<&str> = o.lines.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["a21002", "a21026", "a34013", "a21005"], "O2 is not a pollutant; most equivalents first");
        let line = |c: &str| o.lines.iter().find(|l| l.code == c).unwrap();
        // March has 744 hours; 10 valid SO2 hours at 0.95 kg/h, the other 734 (the invalid one
        // included) filled at that mean: 744 × 0.95 = 706.8 kg = 744 equivalents.
        let so2 = line("a21026");
        assert!(close(so2.emission.kg, 706.8), "{}", so2.emission.kg);
        assert_eq!((so2.emission.expected_hours, so2.emission.valid_hours, so2.emission.filled_hours), (744, 10, 734));
        assert!(close(so2.equivalents, 744.0));
        assert_eq!(so2.test.means, 10, "the invalid hour is not judged");
        assert!(close(so2.test.mean.unwrap(), 33.0));
        assert_eq!(so2.test.factor, 0.5);
        // 744 × 1.2 × 0.5 = 446.4 元.
        assert!(close(so2.tax_yuan, 446.4));
        // NOx: 744 × 1.9 = 1413.6 kg = 1488 eq; one hour at 210 > 200: no reduction; 1488 × 1.2 = 1785.6.
        let nox = line("a21002");
        assert!(close(nox.equivalents, 1488.0));
        assert!(matches!(nox.test.outcome, lantian::tax::compute::Outcome::Exceeded { count: 1, first_value, .. } if first_value == 210.0));
        assert!(close(nox.tax_yuan, 1785.6));
        // 烟尘: 744 × 0.218 = 162.192 kg = 74.4 eq; 20/30 < 70 %: 74.4 × 1.2 × 0.75 = 66.96.
        let dust = line("a34013");
        assert!(close(dust.equivalents, 74.4));
        assert_eq!(dust.test.factor, 0.75);
        assert!(close(dust.tax_yuan, 66.96));
        // CO: 7.44 eq, the fourth: not taxed.
        assert!(!line("a21005").taxed && line("a21005").tax_yuan == 0.0);
        assert!(close(o.tax_yuan(), 446.4 + 1785.6 + 66.96));

        // Scope: another enterprise's account sees nothing; a month without data is empty.
        assert!(lantian::storage::tax::month(db, tax, em, &Scope::Enterprise("91610000MA6TG2TX3P".into()), None, 2026, 3, now).await.unwrap().is_empty());
        assert!(lantian::storage::tax::month(db, tax, em, &Scope::All, None, 2026, 5, now).await.unwrap().is_empty());
        assert_eq!(lantian::storage::tax::month(db, tax, em, &Scope::Enterprise(credit.clone()), Some((&credit, &outlet)), 2026, 3, now).await.unwrap().len(), 1);

        // Emissions against the permit, as of 2026-04-15: March is the only month with data.
        let outlets = lantian::storage::emissions::outlets_with_data(db, &Scope::All, None, day("2026-01-01"), now).await.unwrap();
        let year = lantian::storage::emissions::outlet_year(db, em, &outlets[0], 2026, now).await.unwrap();
        let p = |c: &str| year.iter().find(|p| p.pollutant == c).unwrap();
        assert!(year.iter().all(|p| p.pollutant != "a19001"));
        let nox = &p("a21002").view;
        assert!(close(nox.year.kg, 1413.6) && close(nox.rolling.kg, 1413.6));
        // 1.4136 t of a permitted 1 t: 141 %, the 100 % warning.
        assert!(close(nox.share.unwrap(), 1.4136));
        assert_eq!(nox.warning, Some(1.0));
        // SO2 0.7068 t of 10 t: no warning; 烟尘 has no permitted amount.
        assert_eq!(p("a21026").view.warning, None);
        assert_eq!(p("a34013").view.share, None);
        // April to date (14 days) has no valid hour: nothing filled there.
        assert_eq!(nox.months.len(), 4);
        assert_eq!(nox.months[3].1.kg, 0.0);
    }
}

both_backends! {
    async fn a_water_outlet_is_judged_on_daily_means_and_pays_one_of_cod_bod5(t: &TestDb) {
        let db = &t.db;
        let (credit, _) = setup(db).await;
        // 48 hours (2026-03-02 and 03) of hourly loads: COD 2 kg, BOD5 0.5 kg, NH3-N 0.16 kg, TN 1 kg;
        // filled over March's 744 hours less the 24 marked 停运: COD 1440 kg = 1440 eq, BOD5 360 kg =
        // 720 eq, NH3-N 115.2 kg = 144 eq.
        let d = day("2026-03-02");
        for h in 0..48 {
            for (code, kg) in [("w01018", 2.0), ("w01017", 0.5), ("w21003", 0.16), ("w21001", 1.0)] {
                // Hourly concentrations far above the limits: water is judged on daily means, not these.
                water_row(db, "hour", &credit, "DW901", code, d + h * 3600, 999.0, kg).await;
            }
        }
        // Daily means: COD 40, 60 → 50 % of 100, not strictly below 50 % → 75 %;
        // NH3-N 5, 8 → 43 % of 15 → 50 %; BOD5 10, 25 → 25 > 20 on day two: lost (but BOD5 is not taxed).
        for (i, (cod, bod, nh3)) in [(40.0, 10.0, 5.0), (60.0, 25.0, 8.0)].into_iter().enumerate() {
            let start = d + i as i64 * 86_400;
            water_row(db, "day", &credit, "DW901", "w01018", start, cod, 48.0).await;
            water_row(db, "day", &credit, "DW901", "w01017", start, bod, 12.0).await;
            water_row(db, "day", &credit, "DW901", "w21003", start, nh3, 3.84).await;
        }
        // 2026-03-10 marked 停运 (shut down) for a day: its 24 hours are not filled.
        sqlx::query(
            "INSERT INTO monitoring_marks (credit_code, outlet_code, kind, starts_at, ends_at, reason, entered_by, entered_role, entered_at)
             VALUES ($1, 'DW901', 'shutdown', $2, $3, '检修停产', 'test', 'enterprise', '2026-03-09T00:00:00Z')",
        )
        .bind(&credit)
        .bind(day("2026-03-10"))
        .bind(day("2026-03-11"))
        .execute(&db.pool)
        .await
        .unwrap();
        let (tax, em) = (&*lantian::tax::SETTINGS, &*lantian::enforcement::emissions::SETTINGS);
        assert_eq!(em.fill.not_filled_marks, ["shutdown"]);
        let list = lantian::storage::tax::month(db, tax, em, &Scope::All, Some((&credit, "DW901")), 2026, 3, day("2026-04-15")).await.unwrap();
        assert_eq!(list.len(), 1);
        let o = &list[0];
        assert_eq!(o.outlet.medium, lantian::monitoring::rules::Medium::Water);
        let codes: Vec<&str> = o.lines.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["w01018", "w01017", "w21003"], "总氮 is not taxable");
        let line = |c: &str| o.lines.iter().find(|l| l.code == c).unwrap();
        let cod = line("w01018");
        assert_eq!((cod.emission.valid_hours, cod.emission.stopped_hours, cod.emission.filled_hours), (48, 24, 672));
        assert!(close(cod.equivalents, 1440.0));
        // Water has no conversion: the measured daily mean is compared.
        assert!(close(cod.test.mean.unwrap(), 50.0));
        assert_eq!(cod.test.factor, 0.75);
        assert!(close(cod.tax_yuan, 1440.0 * 1.4 * 0.75));
        let bod = line("w01017");
        assert_eq!(bod.why, lantian::tax::compute::Why::OneOf { kept: "w01018".into() });
        assert!(!bod.taxed);
        assert!(matches!(bod.test.outcome, lantian::tax::compute::Outcome::Exceeded { count: 1, .. }));
        let nh3 = line("w21003");
        assert!(close(nh3.equivalents, 144.0));
        assert_eq!(nh3.test.factor, 0.5);
        assert!(close(nh3.tax_yuan, 144.0 * 1.4 * 0.5));
        assert!(close(o.tax_yuan(), 1512.0 + 100.8));
    }
}

fn lantian_bin(args: &[&str], lang: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).env("RUST_LOG", "warn").env("LANTIAN_LANG", lang).output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_contract_for_tax_compute_quarter_and_emissions() {
    let t = TestDb::sqlite().await;
    let (credit, outlet) = fixture(&t.db).await;
    let lantian::storage::Location::SqliteDir(dir) = t.location() else { unreachable!() };
    let data = dir.to_str().unwrap();
    let target = format!("{credit}/{outlet}");

    let o = lantian_bin(&["--data-dir", data, "tax", "compute", "--month", "2026-03"], "zh");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "outlet,pollutant,emission_kg,equivalents,taxed,reduction,rate,tax_yuan");
    assert_eq!(lines[1], format!("{target},a21002,1413.6,1488,true,1,1.2,1785.60"));
    assert_eq!(lines[2], format!("{target},a21026,706.8,744,true,0.5,1.2,446.40"));
    assert_eq!(lines[3], format!("{target},a34013,162.192,74.4,true,0.75,1.2,66.96"));
    assert_eq!(lines[4], format!("{target},a21005,124.248,7.44,false,1,1.2,0.00"));
    assert_eq!(lines.len(), 5);
    assert!(String::from_utf8_lossy(&o.stderr).contains("当月有效小时平均排放速率"), "the fill rule is named: {}", String::from_utf8_lossy(&o.stderr));

    let o = lantian_bin(&["--data-dir", data, "tax", "compute", "--month", "2026-03", "--outlet", &target, "--format", "json"], "en");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let keys: Vec<&str> = rows[0].as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec!["outlet", "pollutant", "emission_kg", "equivalents", "taxed", "reduction", "rate", "tax_yuan"];
    expected.sort();
    let mut keys = keys;
    keys.sort();
    assert_eq!(keys, expected);
    assert_eq!(rows[1]["pollutant"], "a21026");
    assert_eq!(rows[1]["taxed"], true);
    assert_eq!(rows[1]["reduction"], 0.5);
    assert_eq!(rows[1]["tax_yuan"], 446.4);

    // A month without data: a clear message in the user's language, non-zero exit.
    let o = lantian_bin(&["--data-dir", data, "tax", "compute", "--month", "2026-05"], "zh");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("2026-05 没有自动监测数据"), "{err}");
    assert!(o.stdout.is_empty(), "nothing printed on stdout");
    let o = lantian_bin(&["--data-dir", data, "tax", "compute", "--month", "2026-05"], "en");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no automatic monitoring data (hourly means) for 2026-05"), "{}", String::from_utf8_lossy(&o.stderr));
    // Bad input: named.
    let o = lantian_bin(&["--data-dir", data, "tax", "compute", "--month", "2026-13"], "en");
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("'2026-13' must be YYYY-MM"));
    let o = lantian_bin(&["--data-dir", data, "tax", "compute", "--month", "2026-03", "--outlet", &format!("{credit}/DA999")], "en");
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("DA999"));
    let o = lantian_bin(&["--data-dir", data, "tax", "compute", "--month", "2026-03", "--format", "xml"], "en");
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("csv or json"));

    // The quarter's filing table: one sheet per month, the taxed lines, the totals.
    let file = dir.join("q1.xlsx");
    let o = lantian_bin(&["--data-dir", data, "tax", "quarter", "--quarter", "2026-Q1", "--out", file.to_str().unwrap()], "zh");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&file).unwrap();
        assert_eq!(book.sheet_names(), ["2026-01", "2026-02", "2026-03"]);
        let march = book.worksheet_range("2026-03").unwrap();
        let rows: Vec<Vec<String>> = march.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        assert_eq!(rows[3][0], "所属月份");
        assert_eq!(rows[3][14], "本期应补（退）税额（元）");
        let so2 = rows.iter().find(|r| r.get(6).is_some_and(|c| c.contains("a21026"))).unwrap();
        assert_eq!((so2[11].as_str(), so2[12].as_str(), so2[13].as_str(), so2[14].as_str()), ("892.8", "0.5", "446.4", "446.4"));
        assert_eq!(rows.iter().filter(|r| r.get(6).is_some_and(|c| c.contains('('))).count(), 3, "the three taxed pollutants");
        let total = rows.iter().find(|r| r[0] == "合计").unwrap();
        assert_eq!(total[14], "2298.96");
    }
    let o = lantian_bin(&["--data-dir", data, "tax", "quarter", "--quarter", "2026-Q2", "--out", dir.join("q2.xlsx").to_str().unwrap()], "en");
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("no automatic monitoring data in 2026-Q2"));
    assert!(!dir.join("q2.xlsx").exists(), "nothing half-written");

    // Emissions against the permit for 2026 (year to date; the rolling window depends on today).
    let o = lantian_bin(&["--data-dir", data, "monitor", "emissions", "--year", "2026"], "zh");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with("outlet,pollutant,year_to_date_kg,rolling_12m_kg,permitted_t,share,warning,valid_hours,filled_hours,unfilled_hours,fill_rule\n"), "{csv}");
    let nox = csv.lines().find(|l| l.contains(",a21002,")).unwrap();
    assert!(nox.starts_with(&format!("{target},a21002,1413.6,")), "{nox}");
    assert!(nox.ends_with(",period_mean_of_valid_hours"), "{nox}");
    let o = lantian_bin(&["--data-dir", data, "monitor", "emissions", "--year", "1999"], "en");
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("no emission data in 1999"));
}

both_backends! {
    async fn the_pages_show_the_table_the_explanation_and_the_emissions(t: &TestDb) {
        let db = &t.db;
        let (credit, outlet) = fixture(db).await;
        let user = |username: &str, role: lantian::auth::Role, divisions: Vec<String>, enterprise_code: &str| lantian::storage::accounts::NewUser {
            username: username.into(),
            display_name: String::new(),
            role,
            department: Some(lantian::auth::Department::Environment).filter(|_| role == lantian::auth::Role::Bureau),
            divisions,
            enterprise_code: enterprise_code.into(),
            password: lantian::demo::accounts::DEMO_PASSWORD.into(),
        };
        lantian::storage::accounts::add_user(db, &Actor::system(), &user("env", lantian::auth::Role::Bureau, vec!["612000".into()], "")).await.unwrap();
        lantian::storage::accounts::add_user(db, &Actor::system(), &user("far", lantian::auth::Role::Bureau, vec!["410100".into()], "")).await.unwrap();
        lantian::storage::accounts::add_user(db, &Actor::system(), &user("firm", lantian::auth::Role::Enterprise, vec![], &credit)).await.unwrap();
        let base = serve(db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let env = login(&base, "env").await;
        let get = |s: &Session, path: String| {
            let c = s.client.clone();
            let base = base.clone();
            async move {
                let r = c.get(format!("{base}{path}")).header("accept-language", "zh-CN").send().await.unwrap();
                (r.status().as_u16(), r.text().await.unwrap())
            }
        };
        let (status, html) = get(&env, "/tax?month=2026-03".into()).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains(&format!("data-outlet=\"{credit}/{outlet}\"")), "{html}");
        assert!(html.contains("1785.60") && html.contains("2298.96"), "the NOx line and the total");
        assert!(html.contains("/tax/quarter.xlsx?quarter=2026-Q1"));
        assert!(!html.contains("style="), "no inline style (CSP)");
        // The explanation: the fill rule, the annex line, why taxed, the reduction test, the rate's source.
        let (status, html) = get(&env, format!("/tax/outlets/{credit}/{outlet}?month=2026-03")).await;
        assert_eq!(status, 200);
        assert!(html.contains("744 小时中 10 小时有有效排放速率，734 小时补遗"), "{html}");
        assert!(html.contains("附表文本第 376 行"), "SO2's annex line");
        assert!(html.contains("按污染当量数排第 4 位，不在前 3 项之内"), "CO is fourth");
        assert!(html.contains("当月有 1 个小时均值超过标准 200（首次 2026-03-02 07:00：210"), "NOx's exceeding hour");
        assert!(html.contains("低于 50% 且无超标：减按 50% 征收"));
        assert!(html.contains("单位税额 1.2 元/污染当量（陕西省"));
        // Another province's bureau sees no data; the enterprise sees its own estimate.
        let far = login(&base, "far").await;
        let (_, html) = get(&far, "/tax?month=2026-03".into()).await;
        assert!(!html.contains(&credit) && html.contains("没有自动监测数据"));
        assert_eq!(get(&far, format!("/tax/outlets/{credit}/{outlet}?month=2026-03")).await.0, 404);
        let firm = login(&base, "firm").await;
        let (status, html) = get(&firm, "/my/tax?month=2026-03".into()).await;
        assert_eq!(status, 200);
        assert!(html.contains("2298.96") && html.contains("仅供参考"), "{html}");
        assert!(html.contains("href=\"/my/tax\""), "the navigation leads the enterprise to its estimate");
        // Emissions against the permit (the year of the fixture).
        let (status, html) = get(&env, "/tax/emissions?year=2026".into()).await;
        assert_eq!(status, 200);
        assert!(html.contains("data-pollutant=\"a21002\"") && html.contains("1.4136"), "{html}");
        // The quarter's workbook, audited.
        let r = env.client.get(format!("{base}/tax/quarter.xlsx?quarter=2026-Q1")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"PK"));
        let audited: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'export' AND entity = 'tax'").fetch_one(&db.pool).await.unwrap();
        assert_eq!(audited, 1);
        // Bad input: a clear refusal.
        assert_eq!(get(&env, "/tax?month=2026-13".into()).await.0, 422);
        // The dossier shows the last closed month's tax and the year's emissions against the permit.
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let previous = clock::month_start(clock::month_start(now) - 1);
        hour_row(db, &credit, &outlet, "a21026", previous + 3600, true, 30.0, 0.95, 100.0).await;
        let id = lantian::storage::ledger::enterprise_id_by_code(db, &credit).await.unwrap().unwrap();
        let (status, html) = get(&env, format!("/enterprises/{id}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"dossier-tax\"") && html.contains(&format!("/tax/outlets/{credit}/{outlet}?month=")), "{html}");
        assert!(html.contains("id=\"dossier-emissions\""));
        let (_, html) = get(&firm, format!("/enterprises/{id}")).await;
        assert!(html.contains("id=\"dossier-tax\""), "the enterprise's own dossier too");
    }
}
