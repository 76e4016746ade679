//! Exceedance episodes and leads (issue 10): minute data through the real ingestion server,
//! averages, the judgment; a mark taking hours out of the judgment; a decided lead kept; the
//! CLI contract with the real binary.

use lantian::enforcement::lead::LeadStatus;
use lantian::monitoring::clock;
use lantian::storage::audit::Actor;
use lantian::storage::enforcement::{self, EpisodeFilter};
use lantian::storage::{averages, Db};

use crate::both_backends;
use crate::monitoring_averages::{base_hour, lantian_bin, packet, send, setup};
use crate::support::*;

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Five hours of minute data at O2 12 % (limit 120 on the value converted to 9 %: × 12/9):
/// h0 100 → 133.3 (exceeds), h1 110 → 146.7 (exceeds), h2 80 → 106.7, h3 100 → 133.3, h4 a
/// fault (flag D: invalid) at 300.
async fn send_five_hours(db: &Db, h0: i64) {
    let ingest = lantian::ingest::start(db, lantian::ingest::IngestConfig { listen: "127.0.0.1:0".into(), ..Default::default() }).await.unwrap();
    let mut packets = Vec::new();
    for (h, (so2, flag)) in [(100.0, "N"), (110.0, "N"), (80.0, "N"), (100.0, "N"), (300.0, "D")].into_iter().enumerate() {
        packets.extend((0..60).map(|m| packet(h0 + h as i64 * 3600 + m * 60, so2, flag, 12.0)));
    }
    send(ingest.local_addr, &packets).await;
    drop(ingest);
    averages::process_dirty(db, 10_000).await.unwrap();
}

async fn episodes(db: &Db, h0: i64) -> Vec<(i64, i64, i64, f64)> {
    let filter = EpisodeFilter { from: h0 - 86_400, to: h0 + 86_400, ..Default::default() };
    enforcement::episodes(db, &Scope::All, &filter).await.unwrap().iter().map(|e| (e.start, e.end, e.periods, (e.max_value * 100.0).round() / 100.0)).collect()
}

both_backends! {
    async fn exceeding_hours_become_episodes_and_leads_and_marks_take_hours_out(t: &TestDb) {
        let db = &t.db;
        let (credit, outlet) = setup(db).await;
        let h0 = base_hour();
        send_five_hours(db, h0).await;
        // The averager recorded the day as dirty: one judgment of the outlet.
        assert_eq!(enforcement::process_dirty(db, now()).await.unwrap(), 1);
        assert_eq!(episodes(db, h0).await, vec![(h0, h0 + 3600, 2, 146.67), (h0 + 3 * 3600, h0 + 3 * 3600, 1, 133.33)]);
        let leads = enforcement::leads(db, &Scope::All, h0 - 86_400, h0 + 86_400).await.unwrap();
        let exceedance: Vec<_> = leads.iter().filter(|l| l.detector == "exceedance").collect();
        assert_eq!(exceedance.len(), 2);
        assert_eq!((exceedance[0].start, exceedance[0].end, exceedance[0].pollutant.as_str()), (h0, h0 + 7200, "a21026"));
        let text = exceedance[0].explanation.render(lantian::i18n::Lang::En);
        assert!(text.contains("2 consecutive valid hourly means") && text.contains("146.6667") && text.contains("1.22 times"), "{text}");
        assert!(exceedance[0].explanation.render(lantian::i18n::Lang::Zh).contains("连续 2 个有效小时均值"));
        let first_id = exceedance[0].id;
        // Alerts: both episodes are new.
        assert_eq!(enforcement::alert_counts(db, &Scope::All, now() - 3600).await.unwrap().0, 2);
        // Another jurisdiction sees nothing.
        let elsewhere = Scope::Divisions(vec!["110101".into()]);
        assert!(enforcement::episodes(db, &elsewhere, &EpisodeFilter { from: 0, to: i64::MAX / 2, ..Default::default() }).await.unwrap().is_empty());
        assert!(enforcement::leads(db, &elsewhere, 0, i64::MAX / 2).await.unwrap().is_empty());

        // Judging again changes nothing (same episodes, same lead ids, nothing new).
        let again = enforcement::judge(db, &averages::outlet_setup(db, &credit, &outlet).await.unwrap().unwrap(), (clock::day_start(h0), clock::day_start(h0) + 86_400), now()).await.unwrap();
        assert_eq!((again.episodes, again.new_episodes, again.new_leads), (2, 0, 0));
        assert_eq!(enforcement::leads(db, &Scope::All, h0 - 86_400, h0 + 86_400).await.unwrap().iter().find(|l| l.start == h0).unwrap().id, first_id);

        // A maintenance mark over h1: that hour is not judged; the first episode shrinks to h0 and keeps its lead.
        let mark = lantian::monitoring::marks::NewMark { kind: "维护".into(), starts_at: h0 + 3600, ends_at: h0 + 7200, reason: "更换采样管".into(), proof: None };
        lantian::storage::marks::add(db, &Actor::system(), &Scope::All, &credit, &outlet, mark, now()).await.unwrap();
        assert_eq!(enforcement::process_dirty(db, now()).await.unwrap(), 1, "a mark re-judges the days it covers");
        assert_eq!(episodes(db, h0).await, vec![(h0, h0, 1, 133.33), (h0 + 3 * 3600, h0 + 3 * 3600, 1, 133.33)]);
        let lead = enforcement::leads(db, &Scope::All, h0 - 86_400, h0 + 86_400).await.unwrap().into_iter().find(|l| l.start == h0).unwrap();
        assert_eq!((lead.id, lead.end), (first_id, h0 + 3600));

        // The h3 lead is dismissed by an officer; then h0 and h3 are marked too: the open h0 lead
        // goes with its episode, the decided h3 lead stays.
        sqlx::query("UPDATE leads SET status = 'dismissed', decision_reason = 'test' WHERE starts_at = $1").bind(h0 + 3 * 3600).execute(&db.pool).await.unwrap();
        for (from, to) in [(h0, h0 + 3600), (h0 + 3 * 3600, h0 + 4 * 3600)] {
            let mark = lantian::monitoring::marks::NewMark { kind: "停运".into(), starts_at: from, ends_at: to, reason: "停产检修".into(), proof: None };
            lantian::storage::marks::add(db, &Actor::system(), &Scope::All, &credit, &outlet, mark, now()).await.unwrap();
        }
        enforcement::process_dirty(db, now()).await.unwrap();
        assert!(episodes(db, h0).await.is_empty());
        let left: Vec<_> = enforcement::leads(db, &Scope::All, h0 - 86_400, h0 + 86_400).await.unwrap().into_iter().filter(|l| l.detector == "exceedance").collect();
        assert_eq!(left.len(), 1);
        assert_eq!((left[0].start, left[0].status), (h0 + 3 * 3600, LeadStatus::Dismissed));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_contract_for_exceedances_and_leads() {
    let t = TestDb::sqlite().await;
    let (credit, outlet) = setup(&t.db).await;
    let h0 = base_hour();
    send_five_hours(&t.db, h0).await;
    let lantian::storage::Location::SqliteDir(dir) = t.location() else { unreachable!() };
    let data = dir.to_str().unwrap();
    let day = clock::format_day(h0);
    let target = format!("{credit}/{outlet}");
    // The CLI judges what is pending before it lists.
    let o = lantian_bin(&["--data-dir", data, "monitor", "exceedances", "--from", &day, "--to", &day]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "outlet,pollutant,start,end,hours,max_value,limit,max_ratio,basis");
    assert_eq!(
        lines[1],
        format!("{target},a21026,{},{},2,146.6667,120,1.2222,hour", clock::format_minute(h0), clock::format_minute(h0 + 3600))
    );
    assert_eq!(lines.len(), 3, "{csv}");

    let o = lantian_bin(&["--data-dir", data, "monitor", "exceedances", "--from", &day, "--to", &day, "--format", "json", "--division", "61"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = &json[0];
    for key in ["outlet", "pollutant", "start", "end", "hours", "max_value", "limit", "max_ratio"] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert_eq!(first["hours"], 2);
    // Another division: nothing.
    let o = lantian_bin(&["--data-dir", data, "monitor", "exceedances", "--from", &day, "--to", &day, "--division", "110101"]);
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 1);

    let o = lantian_bin(&["--data-dir", data, "monitor", "leads", "--from", &day, "--to", &day]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with("outlet,detector,start,end,explanation"), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with(&format!("{target},exceedance,{},{}", clock::format_minute(h0), clock::format_minute(h0 + 7200)))), "{csv}");
    let o = lantian_bin(&["--data-dir", data, "monitor", "leads", "--from", &day, "--to", &day, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(json.as_array().unwrap().iter().any(|l| l["detector"] == "exceedance" && l["explanation"].as_str().unwrap().contains("146.6667")));

    // Bad input: named, non-zero, in the user's language.
    let bad = |args: &[&str], lang: &str, expect: &str| {
        let mut full = vec!["--data-dir", data, "monitor"];
        full.extend_from_slice(args);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_lantian")).args(&full).env("LANTIAN_LANG", lang).output().unwrap();
        assert!(!o.status.success(), "{args:?} should fail");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expect), "{args:?}: {err}");
    };
    bad(&["exceedances", "--from", "2026-13-01", "--to", &day], "en", "--from '2026-13-01' is not a date");
    bad(&["exceedances", "--from", &day, "--to", "2020-01-01"], "zh", "早于开始日期");
    bad(&["exceedances", "--from", &day, "--to", &day, "--format", "xml"], "en", "must be csv or json");
    bad(&["leads", "--from", &day, "--to", &day, "--division", "61x"], "en", "must be 2 to 12 digits");
    bad(&["leads", "--from", "2020-01-01", "--to", "2026-01-01"], "en", "more than the maximum of 400");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exceedance_page_lists_filters_exports_and_alerts_in_scope() {
    use lantian::auth::{Department, Role};
    use lantian::storage::accounts::{add_user, NewUser};
    let t = TestDb::sqlite().await;
    let db = &t.db;
    let (credit, outlet) = setup(db).await;
    let h0 = base_hour();
    send_five_hours(db, h0).await;
    enforcement::process_dirty(db, now()).await.unwrap();
    let user = |username: &str, role, department, divisions: Vec<String>, enterprise_code: &str| NewUser {
        username: username.into(),
        display_name: username.into(),
        role,
        department,
        divisions,
        enterprise_code: enterprise_code.into(),
        password: lantian::demo::accounts::DEMO_PASSWORD.into(),
    };
    for u in [
        user("env", Role::Bureau, Some(Department::Environment), vec![lantian::demo::CITY_CODE.into()], ""),
        user("elsewhere", Role::Bureau, Some(Department::Environment), vec!["110101".into()], ""),
        user("firm", Role::Enterprise, None, vec![], &credit),
    ] {
        add_user(db, &Actor::system(), &u).await.unwrap();
    }
    let base = serve(db, lantian::web::WebConfig::default()).await;
    let day = clock::format_day(h0);
    let target = format!("{credit}/{outlet}");
    let url = format!("{base}/enforcement/exceedances?from={day}&to={day}");
    for (who, rows) in [("env", 2), ("firm", 2), ("elsewhere", 0)] {
        let s = login(&base, who).await;
        let html = s.client.get(&url).send().await.unwrap().text().await.unwrap();
        assert_eq!(html.matches(&format!("data-outlet=\"{target}\"")).count(), rows, "{who}");
        if rows > 0 {
            assert!(html.contains("146.6667") && html.contains(&format!("view=day&amp;date={day}")), "{who}: {html}");
            // The home page alerts: two new episodes.
            let home = s.client.get(format!("{base}/")).send().await.unwrap().text().await.unwrap();
            assert!(home.contains("id=\"home-alerts\"") && home.contains("新发现 2 个超标时段"), "{who}");
            // Open leads are shown to the staff who verify them, not to the enterprise.
            assert_eq!(home.contains("条线索待核实"), who == "env", "{who}");
        }
    }
    let s = login(&base, "env").await;
    // The dossier shows the enterprise's episodes.
    let id = lantian::storage::ledger::enterprise_id_by_code(db, &credit).await.unwrap().unwrap();
    let html = s.client.get(format!("{base}/enterprises/{id}")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("id=\"dossier-exceedances\"") && html.contains("146.6667"), "{html}");
    // Filters: another pollutant, none; the English page.
    let html = s.client.get(format!("{url}&pollutant=a34013")).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("data-outlet=") && html.contains("所选范围内没有超标时段"));
    let html = s.client.get(format!("{url}&lang=en")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Exceedance episodes") && html.contains("2 exceedance episodes at 1 outlets"), "{html}");
    // Bad input is named.
    let r = s.client.get(format!("{base}/enforcement/exceedances?from=2026-02-30")).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("2026-02-30"));
    // The export holds the same rows and is audited.
    let r = s.client.get(format!("{base}/enforcement/exceedances/export.xlsx?from={day}&to={day}")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    use calamine::Reader;
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(sheet.height(), 3);
    assert_eq!(sheet.get_value((1, 1)).unwrap().to_string(), credit);
    let audited: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'export' AND entity = 'exceedance_episodes'").fetch_one(&db.pool).await.unwrap();
    assert_eq!(audited, 1);
}
