//! The fused inventory (issue 13): activity data in the ledger workbook (refusals, round trip),
//! the inventory from stored activity worked by hand, monitoring beating the factor, scenarios
//! saved and scoped without touching the real data — on both databases; the CLI contract.

use lantian::auth::Scope;
use lantian::excel::columns::*;
use lantian::inventory::compute::{self, Line};
use lantian::inventory::factors::LIBRARY;
use lantian::inventory::scenario::{self, Action, Scenario, Step, Target};
use lantian::inventory::{Method, Pollutant, Source};
use lantian::ledger::model::*;
use lantian::storage::audit::Actor;
use lantian::storage::Db;

use crate::both_backends;
use crate::support::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * b.abs().max(1.0)
}

const COAL_1000_CO2: f64 = 1966.888041; // 1000 t × 20.908 × 0.02618 × 0.98 × 44/12

fn activity(year: i64, category: &str, item: &str, amount: f64, unit: &str, equipment: &str, outlet: &str) -> ActivityData {
    ActivityData { year, category: category.into(), item: item.into(), amount, unit: unit.into(), equipment: equipment.into(), outlet: outlet.into(), ..Default::default() }
}

/// One demo enterprise rebuilt by hand: a 4 t/h coal boiler on DA001 (SO2 limit 100, NOx 200),
/// yearly rows 2024 and 2025, activity: 2025 1,000 t raw coal (boiler, DA001), 2,000 MWh, 5,000 GJ
/// of heat; 2024 800 t of coal. Plus the rest of a small demo city (with its own activity).
fn fixture() -> (lantian::demo::DemoCity, String) {
    let mut city = lantian::demo::generate(12, 5);
    let b = &mut city.bundles[0];
    b.lines.clear();
    b.equipment = vec![Equipment {
        name: "1#燃煤锅炉".into(),
        kind: "coal_boiler".into(),
        capacity: Some(4.0),
        capacity_unit: "t/h".into(),
        fuel: "coal".into(),
        status: "operating".into(),
        ..Default::default()
    }];
    let p = |code: &str, limit: f64| OutletPollutant { pollutant_code: code.into(), pollutant_name: String::new(), limit_value: Some(limit), limit_unit: "mg/m3".into(), standard: "GB 13271-2014".into(), permitted_annual_t: None };
    b.outlets = vec![Outlet { code: "DA001".into(), name: "燃煤锅炉排气筒".into(), medium: "air".into(), reference_o2: None, pollutants: vec![p("a21026", 100.0), p("a21002", 200.0)] }];
    b.yearly = vec![
        YearlyFigures { year: 2024, energy_tce: Some(900.0), water_m3: None, value_added_10k_yuan: Some(500.0) },
        YearlyFigures { year: 2025, energy_tce: Some(1100.0), water_m3: None, value_added_10k_yuan: Some(600.0) },
    ];
    b.activity = vec![
        activity(2025, "fuel", "raw_coal", 1000.0, "t", "1#燃煤锅炉", "DA001"),
        activity(2025, "electricity", "electricity", 200.0, "万kWh", "", ""),
        activity(2025, "heat", "heat", 5000.0, "GJ", "", ""),
        activity(2024, "fuel", "raw_coal", 800.0, "吨", "1#燃煤锅炉", "DA001"),
    ];
    let code = b.enterprise.credit_code.clone();
    (city, code)
}

async fn load_fixture(db: &Db) -> (lantian::demo::DemoCity, String) {
    let (city, code) = fixture();
    load_demo_divisions(db, &city).await;
    let bytes = lantian::excel::export::workbook(&city.bundles).unwrap();
    let parsed = lantian::excel::parse_workbook(&bytes).unwrap();
    lantian::storage::ledger::import(db, parsed, &Actor::system(), lantian::storage::ledger::ImportMode::Insert, false, |_, _| {}).await.unwrap();
    (city, code)
}

fn jan(year: i32) -> i64 {
    lantian::tax::month_start(year, 1)
}

fn of<'a>(lines: &'a [Line], inputs: &compute::Inputs, code: &str, year: i32, p: Pollutant) -> Vec<&'a Line> {
    lines.iter().filter(|l| inputs.enterprises[l.enterprise].credit_code == code && l.year == year && l.pollutant == p).collect()
}

#[test]
fn activity_data_round_trips_through_the_workbook() {
    let (city, _) = fixture();
    assert!(city.bundles[1..].iter().any(|b| !b.activity.is_empty()), "the demo city has activity data");
    let bytes = lantian::excel::export::workbook(&city.bundles).unwrap();
    assert!(lantian::excel::import::workbook_sheets(&bytes).unwrap().iter().any(|s| s == SHEET_ACTIVITY));
    let parsed = lantian::excel::parse_workbook(&bytes).unwrap();
    assert_eq!(parsed.bundles, city.bundles);
}

/// A workbook written cell by cell (so that a row can name an enterprise that is not there).
fn workbook(sheets: &[(&str, &[Column], Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, columns, rows) in sheets {
        let s = book.add_worksheet();
        s.set_name(*name).unwrap();
        for (c, col) in columns.iter().enumerate() {
            s.write_string(0, c as u16, col.header).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        s.write_string(r as u32 + 1, c as u16, t).unwrap();
                    }
                    Cell::Number(n) => {
                        s.write_number(r as u32 + 1, c as u16, *n).unwrap();
                    }
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

struct Reason {
    en: String,
    zh: String,
}

#[test]
fn bad_activity_rows_are_refused_with_row_column_and_reason() {
    let (city, code) = fixture();
    let b = &city.bundles[0];
    let row = |key: &str, a: ActivityData| activity_row(key, &a);
    let bad = vec![
        row("91610000MA6TXXXX0X", activity(2025, "fuel", "raw_coal", 1.0, "t", "", "")),
        row(&code, activity(2019, "fuel", "raw_coal", 1.0, "t", "", "")),
        row(&code, activity(2025, "fuel", "泥煤", 1.0, "t", "", "")),
        row(&code, activity(2025, "fuel", "raw_coal", 1.0, "万kWh", "", "")),
        row(&code, activity(2025, "fuel", "raw_coal", 1.0, "t", "9#锅炉", "")),
        row(&code, activity(2025, "fuel", "raw_coal", 1.0, "t", "", "DA009")),
        row(&code, activity(2025, "fuel", "raw_coal", -5.0, "t", "", "")),
        row(&code, ActivityData { control: "magic".into(), ..activity(2025, "fuel", "natural_gas", 1.0, "万Nm3", "", "") }),
        row(&code, activity(2025, "water", "electricity", 1.0, "MWh", "", "")),
        row(&code, activity(2025, "electricity", "electricity", 5.0, "MWh", "", "")),
        row(&code, activity(2025, "electricity", "electricity", 6.0, "MWh", "", "")),
    ];
    let bytes = workbook(&[
        (SHEET_ENTERPRISES, ENTERPRISE_COLUMNS, vec![enterprise_row(&b.enterprise)]),
        (SHEET_EQUIPMENT, EQUIPMENT_COLUMNS, b.equipment.iter().map(|q| equipment_row(&code, q)).collect()),
        (SHEET_OUTLETS, OUTLET_COLUMNS, b.outlets.iter().flat_map(|o| outlet_rows(&code, o)).collect()),
        (SHEET_YEARLY, YEARLY_COLUMNS, b.yearly.iter().map(|y| yearly_row(&code, y)).collect()),
        (SHEET_ACTIVITY, ACTIVITY_COLUMNS, bad),
    ]);
    let problems = lantian::excel::parse_workbook(&bytes).unwrap_err();
    let list: Vec<_> = problems.iter().collect();
    let at = |row: usize, column: &str| {
        let p = list.iter().find(|p| p.sheet == SHEET_ACTIVITY && p.row == row && p.column == column).unwrap_or_else(|| panic!("no problem at row {row} {column}: {list:#?}"));
        Reason { en: p.reason.render(lantian::i18n::Lang::En), zh: p.reason.render(lantian::i18n::Lang::Zh) }
    };
    assert!(at(2, KEY).en.contains("91610000MA6TXXXX0X"));
    assert!(at(3, "年份").en.contains("2019") && at(3, "年份").en.contains("yearly figures sheet"));
    assert!(at(4, "品种").en.contains("泥煤") && at(4, "品种").en.contains("原煤"));
    assert!(at(5, "单位").en.contains("万kWh") && at(5, "单位").en.contains("万吨"), "{}", at(5, "单位").en);
    assert!(at(6, "设备名称").en.contains("9#锅炉"));
    assert!(at(7, "排放口编号").en.contains("DA009"));
    assert!(at(8, "数量").en.contains("-5"));
    assert!(at(9, "控制技术").en.contains("low_nox_30"));
    assert!(at(10, "类别").en.contains("water"));
    assert!(at(12, "品种").en.contains("row 11"), "{}", at(12, "品种").en);
    // Chinese too.
    assert!(at(3, "年份").zh.contains("年度数据"));
}

both_backends! {
    async fn the_inventory_from_stored_activity_worked_by_hand(t: &TestDb) {
        let (city, code) = load_fixture(&t.db).await;
        let loaded = lantian::storage::inventory::load(&t.db, &LIBRARY, &Scope::All, 2024, 2025, jan(2026), true).await.unwrap();
        assert!(loaded.ignored.is_empty(), "{:?}", loaded.ignored);
        let inputs = &loaded.inputs;
        let lines = compute::lines(&LIBRARY, inputs, None);
        let co2: f64 = of(&lines, inputs, &code, 2025, Pollutant::Co2).iter().map(|l| l.tonnes).sum();
        // coal 1,966.888041 + 200 万kWh = 2,000 MWh × 0.5857 (西北 2022) = 1,171.4 + 5,000 GJ × 0.11 = 550.
        assert!(close(co2, COAL_1000_CO2 + 1171.4 + 550.0), "{co2}");
        let co2_2024: f64 = of(&lines, inputs, &code, 2024, Pollutant::Co2).iter().map(|l| l.tonnes).sum();
        assert!(close(co2_2024, 0.8 * COAL_1000_CO2), "吨 converts like t");
        // Every figure names its activity row and factor, and the coal CO2 line links to DA001.
        let coal = of(&lines, inputs, &code, 2025, Pollutant::Co2).into_iter().find(|l| l.source == Source::Combustion).unwrap();
        assert_eq!(coal.outlet(inputs), "DA001");
        assert_eq!(inputs.activity[coal.activity.unwrap()].equipment, "1#燃煤锅炉");
        assert!(compute::formula(&LIBRARY, inputs, coal).starts_with("1000 t × 20.908 GJ/t"));
        // Year-on-year cells for the fixture's district and sector.
        let cells = compute::aggregate(&LIBRARY, inputs, Some(&|e| inputs.enterprises[e].credit_code == code));
        let yoy = compute::year_on_year(&cells, 2025);
        let (c, prev) = yoy.iter().find(|(c, _)| c.pollutant == Pollutant::Co2 && c.source == Source::Combustion).unwrap();
        assert!(close(c.tonnes, COAL_1000_CO2) && close(prev.unwrap(), 0.8 * COAL_1000_CO2));
        // The synergy evaluation's hook: CO2 per unit of value added of the fixture's district.
        let county = &city.bundles[0].enterprise.division_code[..6];
        let co2_county: f64 = lines.iter().filter(|l| l.year == 2025 && l.pollutant == Pollutant::Co2 && inputs.enterprises[l.enterprise].county == county).map(|l| l.tonnes).sum();
        let va: f64 = city.bundles.iter().filter(|b| b.enterprise.division_code.starts_with(county)).flat_map(|b| b.yearly.iter())
            .filter(|y| y.year == 2025 && y.energy_tce.is_some()).filter_map(|y| y.value_added_10k_yuan).sum();
        let c = lantian::synergy::system::computation("inventory.co2_per_value_added").unwrap();
        let (v, how) = lantian::storage::synergy::compute(&t.db, c, county, 2025, 2026).await.unwrap().unwrap();
        assert!(close(v, co2_county / va), "{v} vs {} ({how})", co2_county / va);
        let c = lantian::synergy::system::computation("inventory.air_per_value_added").unwrap();
        assert!(lantian::storage::synergy::compute(&t.db, c, county, 2025, 2026).await.unwrap().unwrap().0 > 0.0);
        assert!(lantian::storage::synergy::compute(&t.db, c, county, 2001, 2026).await.unwrap().is_none(), "no activity: no value");
        // Scoped: a county without the enterprise sees none of it.
        let other = Scope::Divisions(vec!["612099".into()]);
        let loaded = lantian::storage::inventory::load(&t.db, &LIBRARY, &other, 2024, 2025, jan(2026), true).await.unwrap();
        assert!(loaded.inputs.activity.is_empty() && loaded.inputs.enterprises.is_empty());
    }

    async fn a_monitored_total_wins_over_the_factor(t: &TestDb) {
        let (_, code) = load_fixture(&t.db).await;
        // One valid SO2 hour per month of 2025 at DA001, 0.1 kg/h: the fill rule
        // (period_mean_of_valid_hours) fills every other hour with 0.1 → 8,760 h × 0.1 kg = 0.876 t.
        for m in 1..=12u8 {
            sqlx::query(
                "INSERT INTO monitoring_averages (credit_code, outlet_code, period, source, pollutant, period_start, valid, valid_count, total_count, mean, converted, o2, emission_kg, limit_value)
                 VALUES ($1, 'DA001', 'hour', 'computed', 'a21026', $2, 1, 60, 60, 20, 25, 9, 0.1, 100)",
            )
            .bind(&code)
            .bind(lantian::tax::month_start(2025, m) + 3600)
            .execute(&t.db.pool)
            .await
            .unwrap();
        }
        let loaded = lantian::storage::inventory::load(&t.db, &LIBRARY, &Scope::All, 2025, 2025, jan(2026), true).await.unwrap();
        let inputs = &loaded.inputs;
        let m: Vec<_> = inputs.monitored.iter().filter(|m| inputs.enterprises[m.enterprise].credit_code == code).collect();
        assert_eq!(m.len(), 1);
        assert!(close(m[0].tonnes, 0.876) && close(m[0].coverage, 1.0), "{m:?}");
        let lines = compute::lines(&LIBRARY, inputs, None);
        let so2 = of(&lines, inputs, &code, 2025, Pollutant::So2);
        assert_eq!(so2.len(), 1);
        // Factor-based would be 1,000 t × 1.52 kg/t = 1.52 t; the monitored 0.876 t wins and says so.
        assert_eq!(so2[0].method, Method::Monitoring);
        assert!(close(so2[0].tonnes, 0.876) && close(so2[0].factor_t, 1.52));
        assert_eq!(so2[0].outlet(inputs), "DA001");
        // NOx is not monitored: the factor stays (1,000 t × 5.5 kg/t).
        let nox = of(&lines, inputs, &code, 2025, Pollutant::Nox);
        assert_eq!(nox[0].method, Method::Factor);
        assert!(close(nox[0].tonnes, 5.5));
        // As of 2025-02-01 the year to date is January, fully covered: monitoring still wins.
        let early = lantian::storage::inventory::load(&t.db, &LIBRARY, &Scope::All, 2025, 2025, lantian::tax::month_start(2025, 2), true).await.unwrap();
        assert!(close(early.inputs.monitored.iter().find(|m| early.inputs.enterprises[m.enterprise].credit_code == code).unwrap().coverage, 1.0), "January alone is fully covered");
    }

    async fn scenarios_are_saved_audited_scoped_and_never_touch_the_real_data(t: &TestDb) {
        let (city, code) = load_fixture(&t.db).await;
        let county = city.bundles[0].enterprise.division_code[..6].to_string();
        let before = lantian::storage::ledger::export(&t.db, &Scope::All, &Default::default()).await.unwrap();
        let loaded = lantian::storage::inventory::load(&t.db, &LIBRARY, &Scope::All, 2025, 2025, jan(2026), true).await.unwrap();
        let s = Scenario {
            name: "关停小型燃煤锅炉".into(),
            year: 2025,
            steps: vec![
                Step { target: Target::SmallCoalBoilers { county: county.clone() }, action: Action::Close },
                Step { target: Target::Enterprise { credit_code: code.clone() }, action: Action::CutOutput { percent: 10.0 } },
            ],
        };
        let o = scenario::run(&LIBRARY, &loaded.inputs, &s).unwrap();
        assert!(o.steps[0].reduced_co2() >= COAL_1000_CO2 - 1e-6, "at least the fixture's 4 t/h boiler closes");
        assert!(o.scenario.co2() < o.baseline.co2() && o.scenario.equivalents < o.baseline.equivalents);
        let scope = Scope::Divisions(vec![county.clone()]);
        let actor = Actor { name: "tester".into(), role: "bureau".into(), ip: String::new() };
        let id = lantian::storage::inventory::save(&t.db, &actor, &scope, &s).await.unwrap();
        let saved = lantian::storage::inventory::get(&t.db, &scope, id).await.unwrap();
        assert_eq!(saved.scenario, s);
        assert_eq!(lantian::storage::inventory::list(&t.db, &scope).await.unwrap().len(), 1);
        // Another county sees nothing and gets a not-found.
        let other = Scope::Divisions(vec!["612099".into()]);
        assert!(lantian::storage::inventory::list(&t.db, &other).await.unwrap().is_empty());
        assert!(matches!(lantian::storage::inventory::get(&t.db, &other, id).await, Err(lantian::error::Error::NotFound(_))));
        // Audited.
        let n: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'inventory_scenario_save' AND entity_id = $1")
            .bind(id.to_string())
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 1);
        // A scenario without a name or steps is refused and writes nothing.
        assert!(lantian::storage::inventory::save(&t.db, &actor, &scope, &Scenario { name: " ".into(), ..s.clone() }).await.is_err());
        assert!(lantian::storage::inventory::save(&t.db, &actor, &scope, &Scenario { steps: vec![], ..s.clone() }).await.is_err());
        assert_eq!(lantian::storage::inventory::list(&t.db, &Scope::All).await.unwrap().len(), 1);
        // The ledger and its activity data are exactly as before.
        let after = lantian::storage::ledger::export(&t.db, &Scope::All, &Default::default()).await.unwrap();
        assert_eq!(before, after);
        let again = lantian::storage::inventory::load(&t.db, &LIBRARY, &Scope::All, 2025, 2025, jan(2026), true).await.unwrap();
        assert_eq!(again.inputs, loaded.inputs);
    }
}

fn lantian_cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).env("RUST_LOG", "warn").env("LANTIAN_LANG", "en").output().unwrap()
}

#[test]
fn inventory_compute_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let o = lantian_cli(&["--data-dir", data, "demo", "--enterprises", "60", "--seed", "9"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lantian_cli(&["--data-dir", data, "inventory", "compute", "--year", "2025"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), "year,district,sector,source,pollutant,tonnes,monitoring_t,enterprises,previous_t,change_pct");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().any(|r| r[4] == "CO2" && r[3] == "combustion" && r[5].parse::<f64>().unwrap() > 0.0));
    assert!(rows.iter().any(|r| r[4] == "CO2" && r[3] == "electricity"));
    assert!(rows.iter().all(|r| r[0] == "2025" && r[1].len() == 6 && r[2].len() == 4));
    assert!(rows.iter().any(|r| !r[8].is_empty()), "2024 is there for the year-on-year column");
    let o = lantian_cli(&["--data-dir", data, "inventory", "compute", "--year", "2025", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), rows.len());
    let o = lantian_cli(&["--data-dir", data, "inventory", "compute", "--year", "25"]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("four digits"));
    let o = lantian_cli(&["--data-dir", data, "inventory", "compute", "--year", "2001"]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("no activity data"));
}
