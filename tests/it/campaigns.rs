//! Remediation campaigns on both databases: the Guanzhong-shaped campaign reproduces the
//! seed's counts and shares; a workshop goes from survey to accepted closure with photos and
//! is found reopened by a patrol; bad input is refused with nothing half-saved; the
//! dossier archive holds every record; the CLI contract end to end.

use lantian::campaigns::patrol::Finding;
use lantian::campaigns::photo::sample_jpeg;
use lantian::campaigns::survey;
use lantian::campaigns::workflow::Action;
use lantian::storage::audit::{self, Actor, Verdict};
use lantian::storage::campaigns::{self as store, DevicePosition, NewCampaign};
use lantian::storage::cases::parse_day;

use crate::both_backends;
use crate::support::*;

const HEAD: &str = "区划代码,名称,地址,统一社会信用代码,核查结论,排除原因,整治方式,整治状态";

async fn create(db: &lantian::storage::Db, kind: &str, division: &str) -> i64 {
    let new = NewCampaign {
        name: "测试行动".into(),
        type_code: kind.into(),
        definition: None,
        division_code: division.into(),
        start: parse_day("2026-01-01").unwrap(),
        end: parse_day("2027-12-31").unwrap(),
        target: None,
    };
    store::create(db, &Actor::system(), &new).await.unwrap()
}

async fn import_csv(db: &lantian::storage::Db, scope: &Scope, id: i64, csv: &str) -> lantian::Result<store::ImportReport> {
    let c = store::get(db, scope, id).await?;
    let table = survey::read_csv(csv.as_bytes()).map_err(lantian::Error::rejected)?;
    let rows = survey::parse(&table, &c.kind, &c.division_code).map_err(lantian::Error::rejected)?;
    store::import(db, &Actor::system(), scope, id, &rows).await
}

/// The Guanzhong figures (seed 001): 35,671 surveyed, 8,525 excluded, 27,146 remediated =
/// 19,004 shut down + 7,798 upgraded + 344 relocated; Xi'an 12,791 of them with 9,427 shut down.
/// The split of the other cities is illustrative (the seed gives only the totals and Xi'an).
fn guanzhong_csv() -> String {
    // (county, shut down, upgraded, relocated, excluded)
    let cities = [
        ("610112", 9427, 3200, 164, 3000),
        ("610202", 1000, 500, 20, 500),
        ("610302", 3000, 1500, 60, 1800),
        ("610402", 3077, 1598, 60, 1725),
        ("610502", 2500, 1000, 40, 1500),
    ];
    let mut out = String::from(HEAD);
    out.push('\n');
    let mut n = 0;
    for (county, shut, up, moved, excluded) in cities {
        for (count, line) in [(shut, "确认,,关停取缔,已验收"), (up, "确认,,改造提升,已完成"), (moved, "确认,,整合搬迁,已验收"), (excluded, "排除,经核查手续齐全、达标排放,,")] {
            for _ in 0..count {
                n += 1;
                out.push_str(&format!("{county},作坊{n},第{n}号,,{line}\n"));
            }
        }
    }
    out
}

both_backends! {
    async fn a_guanzhong_shaped_campaign_reproduces_the_seed(t: &TestDb) {
        let id = create(&t.db, "sanluanwu", "610000").await;
        let report = import_csv(&t.db, &Scope::All, id, &guanzhong_csv()).await.unwrap();
        assert_eq!((report.rows, report.inserted, report.provisional), (35671, 35671, 35671));
        let s = store::summary(&t.db, &Scope::All, id).await.unwrap();
        assert_eq!((s.surveyed, s.excluded, s.confirmed, s.completed), (35671, 8525, 27146, 27146));
        let shares: Vec<(&str, i64, f64)> = s.by_disposition.iter().map(|d| (d.disposition.as_str(), d.count, d.share)).collect();
        assert_eq!(shares, [("关停取缔", 19004, 70.01), ("改造提升", 7798, 28.73), ("整合搬迁", 344, 1.27)]);
        // One level below the province: the cities, by name.
        let xian = s.by_division.iter().find(|d| d.code == "610100").expect("Xi'an");
        assert_eq!((xian.name.as_str(), xian.completed, xian.surveyed), ("西安市", 12791, 15791));
        assert_eq!(s.by_division.len(), 5);
        let c = store::get(&t.db, &Scope::All, id).await.unwrap();
        let text = lantian::campaigns::progress::paragraph_zh(&c.kind, &s);
        assert!(text.starts_with("累计摸排“散乱污”工业企业35671户，经精准识别，累计剔除非“散乱污”企业8525户，完成整治27146户，其中关停取缔19004户，改造提升7798户，整合搬迁344户。"), "{text}");
        // JSON keys of the CLI contract.
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["by_disposition"][0]["share"], 70.01);
        assert!(json["by_division"][0]["code"].is_string() && json["by_division"][0]["confirmed"].is_i64());
        // Importing the same ledger again consolidates: every row updates, nothing new.
        let again = import_csv(&t.db, &Scope::All, id, &guanzhong_csv()).await.unwrap();
        assert_eq!((again.inserted, again.updated, again.matched), (0, 35671, 35671));
        assert_eq!(store::summary(&t.db, &Scope::All, id).await.unwrap().surveyed, 35671);
    }

    async fn a_workshop_goes_from_survey_to_accepted_closure_and_a_patrol_finds_it_reopened(t: &TestDb) {
        let city = load_demo_city(&t.db, 60, 3).await;
        let id = create(&t.db, "sanluanwu", "612000").await;
        let known = city.bundles.iter().find(|b| b.enterprise.division_code.starts_with("612002")).unwrap();
        let cell = city.divisions.iter().find(|d| d.level == "grid" && d.code.starts_with("612002")).unwrap().code.clone();
        let csv = format!(
            "{HEAD},经度,纬度\n{cell},王家铸造作坊,某村3组,,待核查,,,,108.9541,34.2658\n{},{},{},{},确认,,改造提升,未开始,,\n{cell},李家木器厂,某村5组,,排除,手续齐全,,,,\n",
            known.enterprise.division_code, known.enterprise.name, known.enterprise.address, known.enterprise.credit_code
        );
        let r = import_csv(&t.db, &Scope::All, id, &csv).await.unwrap();
        assert_eq!((r.inserted, r.matched, r.provisional), (3, 1, 2), "one matched by credit code, two new ledger entries");
        // The same workshop again, by name and address: matched, not duplicated.
        let r = import_csv(&t.db, &Scope::All, id, &format!("{HEAD}\n{cell},王家铸造作坊,某村3组,,待核查,,,\n")).await.unwrap();
        assert_eq!((r.updated, r.matched, r.provisional), (1, 1, 0));

        let items = store::items(&t.db, &Scope::All, id, &Default::default()).await.unwrap();
        let w = items.iter().find(|i| i.name == "王家铸造作坊").unwrap();
        assert!(w.credit_code.starts_with("LS612002"), "{}", w.credit_code);
        let county = Scope::Divisions(vec!["612002".into()]);
        let city_scope = Scope::Divisions(vec!["612000".into()]);
        let other = Scope::Divisions(vec!["612021".into()]);
        let act = |scope: &Scope, a: Action| {
            let (db, scope) = (t.db.clone(), scope.clone());
            let item = w.id;
            async move { store::apply(&db, &Actor::system(), &scope, item, a).await }
        };
        assert!(matches!(act(&other, Action::Confirm).await, Err(lantian::Error::NotFound(_))), "outside the scope: as if missing");
        let e = act(&county, Action::Confirm).await.unwrap_err().render(lantian::i18n::Lang::En);
        assert!(e.contains("at least one criterion"), "{e}");
        act(&county, Action::CheckCriteria(vec!["san_outside_park".into(), "wu_no_controls".into()])).await.unwrap();
        act(&county, Action::Confirm).await.unwrap();
        act(&county, Action::Assign { disposition: "shutdown".into(), deadline: None }).await.unwrap();
        let e = act(&county, Action::DoStep { step: "cut_water".into(), value: String::new() }).await.unwrap_err().render(lantian::i18n::Lang::En);
        assert!(e.contains("attach a photo"), "{e}");
        let e = act(&county, Action::AcceptCounty { opinion: "同意".into(), inspectors: vec!["王".into()] }).await.unwrap_err().render(lantian::i18n::Lang::Zh);
        assert!(e.contains("切断工业用水"), "accepting a closure whose water is not cut is refused: {e}");
        // Photos: not an image, too large, then real ones with EXIF time and position.
        let e = store::add_photo(&t.db, &Actor::system(), &county, w.id, "cut_water", "x.jpg", b"GIF89a....", DevicePosition::default()).await.unwrap_err();
        assert!(e.render(lantian::i18n::Lang::En).contains("not a JPEG or PNG"), "{e}");
        let mut big = vec![0xFF, 0xD8, 0xFF];
        big.resize(store::MAX_PHOTO_BYTES + 1, 0);
        assert!(matches!(store::add_photo(&t.db, &Actor::system(), &county, w.id, "cut_water", "big.jpg", &big, DevicePosition::default()).await, Err(lantian::Error::TooLarge(_))));
        let e = store::add_photo(&t.db, &Actor::system(), &county, w.id, "controls", "x.jpg", &sample_jpeg("2026-12-01 10:00:00", 34.2658, 108.9541), DevicePosition::default()).await.unwrap_err();
        assert!(e.render(lantian::i18n::Lang::En).contains("not part of this item's disposition"));
        for (i, step) in ["cut_water", "cut_power", "clear_materials", "clear_products", "clear_equipment"].iter().enumerate() {
            let jpeg = sample_jpeg(&format!("2026-12-01 10:0{i}:00"), 34.2660, 108.9541);
            store::add_photo(&t.db, &Actor::system(), &county, w.id, step, &format!("{step}.jpg"), &jpeg, DevicePosition::default()).await.unwrap();
            act(&county, Action::DoStep { step: step.to_string(), value: String::new() }).await.unwrap();
        }
        let photos = store::photos(&t.db, w.id).await.unwrap();
        assert_eq!(photos.len(), 5);
        assert_eq!(photos[0].taken_at.as_deref(), Some("2026-12-01 10:00:00"));
        assert_eq!(photos[0].position_source, "exif");
        let d = photos[0].distance_m.unwrap();
        assert!((20.0..25.0).contains(&d), "0.0002° of latitude ≈ 22 m from the site: {d}");
        act(&county, Action::Complete).await.unwrap();
        let e = act(&city_scope, Action::AcceptCounty { opinion: "同意".into(), inspectors: vec!["王".into()] }).await.unwrap_err().render(lantian::i18n::Lang::En);
        assert!(e.contains("county staff"), "{e}");
        act(&county, Action::AcceptCounty { opinion: "两断三清到位".into(), inspectors: vec!["王明".into(), "李华".into()] }).await.unwrap();
        let e = act(&county, Action::AcceptCity { opinion: "同意".into(), inspectors: vec!["赵".into()] }).await.unwrap_err().render(lantian::i18n::Lang::En);
        assert!(e.contains("city staff"), "{e}");
        let done = act(&city_scope, Action::AcceptCity { opinion: "同意销号".into(), inspectors: vec!["赵强".into()] }).await.unwrap();
        assert_eq!(done.status.as_deref(), Some("accepted"));
        assert!(done.accepted_on.is_some());

        // Patrols: the closed site comes due after the interval, in the grid inspector's scope.
        let grid = Scope::Divisions(vec![cell.clone()]);
        let today = store::today();
        assert!(store::patrols_due(&t.db, &grid, today, false).await.unwrap().is_empty(), "closed today: not due yet");
        let due = store::patrols_due(&t.db, &grid, today + time::Duration::days(7), false).await.unwrap();
        assert_eq!(due.len(), 1);
        assert!(store::patrols_due(&t.db, &other, today + time::Duration::days(7), false).await.unwrap().is_empty());
        let e = store::record_patrol(&t.db, &Actor::system(), &grid, w.id, Finding::Reopened, "", "p.jpg", &sample_jpeg("2026-12-09 09:00:00", 34.2658, 108.9541), DevicePosition::default())
            .await
            .unwrap_err();
        assert!(e.render(lantian::i18n::Lang::En).contains("describe"), "{e}");
        let e = store::record_patrol(&t.db, &Actor::system(), &grid, w.id, Finding::StillClosed, "", "p.txt", b"hello", DevicePosition::default()).await.unwrap_err();
        assert!(e.render(lantian::i18n::Lang::En).contains("not a JPEG or PNG"), "{e}");
        assert!(store::patrols_of(&t.db, w.id).await.unwrap().is_empty(), "refused patrols write nothing");
        store::record_patrol(&t.db, &Actor::system(), &grid, w.id, Finding::Reopened, "厂房内机器运转,有工人作业", "p.png", b"\x89PNG\r\n\x1a\npatrol", DevicePosition { latitude: Some(34.2659), longitude: Some(108.9541) })
            .await
            .unwrap();
        let reopened = store::item(&t.db, &Scope::All, w.id).await.unwrap();
        assert_eq!((reopened.status.as_deref(), reopened.round, reopened.reopened), (Some("in_progress"), 1, 1));
        let alerts = store::alerts(&t.db, &county, Some(id)).await.unwrap();
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].message, "厂房内机器运转,有工人作业");
        assert!(alerts[0].text().render(lantian::i18n::Lang::Zh).contains("恢复生产") && alerts[0].text().render(lantian::i18n::Lang::En).contains("production resumed"));
        assert!(store::alerts(&t.db, &other, Some(id)).await.unwrap().is_empty());
        let patrol_photo = store::photos(&t.db, w.id).await.unwrap().into_iter().last().unwrap();
        assert_eq!((patrol_photo.position_source.as_str(), patrol_photo.patrol_id.is_some()), ("device", true));
        // The reopened case needs its steps again before it can be completed.
        let e = act(&county, Action::Complete).await.unwrap_err().render(lantian::i18n::Lang::En);
        assert!(e.contains("only cases in progress") || e.contains("steps not done"), "{e}");

        // The dossier archive: every record, the acceptance form, every photo, listed in index.html.
        let zip = store::dossier_archive(&t.db, &county, &w.credit_code).await.unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        let names: Vec<String> = (0..z.len()).map(|i| z.by_index(i).unwrap().name().unwrap().to_string()).collect();
        assert_eq!(names[0], "index.html");
        assert!(names.iter().any(|n| n.ends_with("/record.json")));
        assert!(names.iter().any(|n| n.ends_with("/验收单.html")), "{names:?}");
        assert_eq!(names.iter().filter(|n| n.contains("/photos/")).count(), 6, "{names:?}");
        let mut index = String::new();
        std::io::Read::read_to_string(&mut z.by_name("index.html").unwrap(), &mut index).unwrap();
        for n in &names[1..] {
            assert!(index.contains(n.as_str()), "index lists {n}");
        }
        let mut record = String::new();
        std::io::Read::read_to_string(&mut z.by_name(names.iter().find(|n| n.ends_with("record.json") && n.starts_with("campaigns/")).unwrap()).unwrap(), &mut record).unwrap();
        assert!(record.contains("accept_city") && record.contains("reopen") && record.contains("厂房内机器运转"));
        assert!(matches!(store::dossier_archive(&t.db, &other, &w.credit_code).await, Err(lantian::Error::NotFound(_))));

        // Every change is in the audit log, photo hashes included, and the chain is intact.
        let photo_entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign_photo'").fetch_one(&t.db.pool).await.unwrap();
        assert_eq!(photo_entries, 6);
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Intact { .. }));
    }

    async fn a_grid_inspector_records_a_field_check(t: &TestDb) {
        let city = load_demo_city(&t.db, 30, 4).await;
        let id = create(&t.db, "sanluanwu", "612000").await;
        let cell = city.divisions.iter().find(|d| d.level == "grid" && d.code.starts_with("612002")).unwrap().code.clone();
        import_csv(&t.db, &Scope::All, id, &format!("{HEAD},经度,纬度\n{cell},赵家塑料,五组,,待核查,,,,108.90,34.20\n")).await.unwrap();
        let it = store::items(&t.db, &Scope::All, id, &Default::default()).await.unwrap().remove(0);
        let grid = Scope::Divisions(vec![cell.clone()]);
        let e = store::field_check(&t.db, &Actor::system(), &grid, it.id, "", &["nonsense".into()], "a.jpg", &sample_jpeg("2026-12-01 08:00:00", 34.2, 108.9), DevicePosition::default()).await.unwrap_err();
        assert!(e.render(lantian::i18n::Lang::En).contains("unknown criterion"));
        store::field_check(&t.db, &Actor::system(), &grid, it.id, "院内堆放废塑料,无治理设施", &["wu_no_controls".into()], "a.jpg", &sample_jpeg("2026-12-01 08:00:00", 34.2, 108.9), DevicePosition::default())
            .await
            .unwrap();
        let events = store::events(&t.db, it.id).await.unwrap();
        assert_eq!(events.last().unwrap().action, "field_check");
        assert_eq!(events.last().unwrap().detail["observed"][0], "wu_no_controls");
        let p = store::photos(&t.db, it.id).await.unwrap();
        assert_eq!((p.len(), p[0].distance_m), (1, Some(0.0)));
        // The same bytes again: one blob, two photos (content-addressed).
        store::field_check(&t.db, &Actor::system(), &grid, it.id, "复核", &[], "b.jpg", &sample_jpeg("2026-12-01 08:00:00", 34.2, 108.9), DevicePosition::default()).await.unwrap();
        let blobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM campaign_blobs").fetch_one(&t.db.pool).await.unwrap();
        assert_eq!((store::photos(&t.db, it.id).await.unwrap().len(), blobs), (2, 1));
        let other = Scope::Divisions(vec!["612021".into()]);
        assert!(matches!(store::field_check(&t.db, &Actor::system(), &other, it.id, "", &[], "a.jpg", b"\x89PNG\r\n\x1a\n", DevicePosition::default()).await, Err(lantian::Error::NotFound(_))));
    }

    async fn bad_surveys_are_refused_whole(t: &TestDb) {
        let city = load_demo_city(&t.db, 30, 4).await;
        let id = create(&t.db, "sanluanwu", "612002").await;
        let cell = city.divisions.iter().find(|d| d.level == "grid" && d.code.starts_with("612002")).unwrap().code.clone();
        let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises").fetch_one(&t.db.pool).await.unwrap();
        // A division outside the campaign and an unknown disposition: parse-time refusals, each named.
        let csv = format!("{HEAD}\n{cell},甲,,,确认,,关停取缔,未开始\n612021001,乙,,,确认,,关停取缔,未开始\n{cell},丙,,,确认,,拆除,未开始\n");
        let Err(lantian::Error::Rejected(p)) = import_csv(&t.db, &Scope::All, id, &csv).await else { panic!("refused") };
        assert_eq!(p.iter().map(|x| x.row).collect::<Vec<_>>(), [3, 4]);
        // A division unknown to the division table, and one outside the importer's scope.
        let csv = format!("{HEAD}\n{cell},甲,,,确认,,关停取缔,未开始\n612002999999,乙,,,待核查,,,\n");
        let Err(lantian::Error::Rejected(p)) = import_csv(&t.db, &Scope::All, id, &csv).await else { panic!("refused") };
        assert_eq!((p.len(), p[0].row), (1, 3));
        let township = Scope::Divisions(vec![cell[..9].to_string()]);
        let elsewhere = city.divisions.iter().find(|d| d.level == "grid" && d.code.starts_with("612002") && !d.code.starts_with(&cell[..9])).unwrap().code.clone();
        let csv = format!("{HEAD}\n{cell},甲,,,待核查,,,\n{elsewhere},乙,,,待核查,,,\n");
        let Err(lantian::Error::Rejected(p)) = import_csv(&t.db, &township, id, &csv).await else { panic!("refused") };
        assert_eq!(p[0].reason, lantian::i18n::catalogue::campaigns::row_outside_jurisdiction(), "{p:?}");
        let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises").fetch_one(&t.db.pool).await.unwrap();
        let items: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM campaign_items").fetch_one(&t.db.pool).await.unwrap();
        assert_eq!((after, items), (before, 0), "nothing half-saved");
        // Campaign creation: unknown division, end before start, custom without a definition.
        let mut new = NewCampaign { name: "x".into(), type_code: "sanluanwu".into(), definition: None, division_code: "999999".into(), start: parse_day("2026-01-01").unwrap(), end: parse_day("2026-12-31").unwrap(), target: None };
        assert!(store::create(&t.db, &Actor::system(), &new).await.unwrap_err().render(lantian::i18n::Lang::En).contains("unknown division"));
        new.division_code = "612002".into();
        new.end = parse_day("2025-01-01").unwrap();
        assert!(store::create(&t.db, &Actor::system(), &new).await.unwrap_err().render(lantian::i18n::Lang::En).contains("before the start"));
        new.end = parse_day("2026-12-31").unwrap();
        new.type_code = "custom".into();
        assert!(store::create(&t.db, &Actor::system(), &new).await.unwrap_err().render(lantian::i18n::Lang::En).contains("--definition"));
        new.definition = Some(include_str!("../../data/campaigns/custom/brick-kilns.toml").to_string());
        let custom = store::create(&t.db, &Actor::system(), &new).await.unwrap();
        assert_eq!(store::get(&t.db, &Scope::All, custom).await.unwrap().kind.labels(), ["拆除窑体"]);
    }

    async fn the_county_ranking_and_daily_report(t: &TestDb) {
        let city = load_demo_city(&t.db, 30, 4).await;
        let _ = city;
        let id = create(&t.db, "sanluanwu", "612000").await;
        // County 612002: 2 confirmed, both done; county 612003: 2 confirmed, 1 done, 1 upgrade overdue since 2026-01-31.
        let csv = format!("{HEAD}\n612002,甲,,,确认,,关停取缔,已完成\n612002,乙,,,确认,,关停取缔,已验收\n612003,丙,,,确认,,关停取缔,已完成\n612003,丁,,,确认,,改造提升,整治中\n612003,戊,,,排除,误报,,\n");
        import_csv(&t.db, &Scope::All, id, &csv).await.unwrap();
        sqlx::query("UPDATE campaign_items SET deadline = '2026-01-31' WHERE name = '丁'").execute(&t.db.pool).await.unwrap();
        let today = store::today();
        let rows = store::ranking(&t.db, &Scope::All, id, today.year(), today.month() as u8).await.unwrap();
        // 612002: completion 100, timeliness 100 → 100. 612003: completion 50, timeliness (2−0−1)/2 = 50 → 50.
        let got: Vec<(&str, Option<usize>, f64)> = rows.iter().map(|r| (r.code.as_str(), r.rank, r.score)).collect();
        assert_eq!(got, [("612002", Some(1), 100.0), ("612003", Some(2), 50.0)]);
        assert!(!rows[0].name.is_empty(), "counties by name");
        let daily = store::daily(&t.db, &Scope::All, id, today).await.unwrap();
        let c3 = daily.iter().find(|r| r.code == "612003").unwrap();
        assert_eq!((c3.surveyed, c3.excluded, c3.confirmed, c3.overdue, c3.new_today), (3, 1, 2, 1, 3));
        assert_eq!(c3.done_by_disposition[0], ("shutdown".to_string(), 1));
        let c2 = daily.iter().find(|r| r.code == "612002").unwrap();
        assert_eq!(c2.accepted, 1);
        // The overdue upgrade turns into a closure.
        assert_eq!(store::sweep_overdue(&t.db, &Actor::system(), &Scope::All, id).await.unwrap(), 1);
        let d = store::items(&t.db, &Scope::All, id, &store::ItemFilter { q: Some("丁".into()), ..Default::default() }).await.unwrap();
        assert_eq!((d[0].disposition.as_deref(), d[0].status.as_deref()), (Some("shutdown"), Some("not_started")));
    }
}

#[test]
fn the_campaign_cli_contract() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).args(["--data-dir", data]).env("RUST_LOG", "warn").env("LANTIAN_LANG", "zh").output().unwrap();
    let text = |o: &std::process::Output| format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    let o = run(&["campaign", "create", "--name", "渭南散乱污整治", "--type", "sanluanwu", "--division", "610500", "--start", "2017-01-01", "--end", "2019-11-15"]);
    assert!(o.status.success(), "{}", text(&o));
    let id = String::from_utf8_lossy(&o.stdout).lines().last().unwrap().trim().to_string();
    assert_eq!(id, "1");
    let file = dir.path().join("survey.csv");
    std::fs::write(&file, format!("{HEAD}\n610502,甲作坊,一村,,确认,,关停取缔,已验收\n610502,乙作坊,二村,,确认,,改造提升,已完成\n610502,丙作坊,三村,,确认,,关停取缔,整治中\n610503,丁作坊,四村,,排除,手续齐全,,\n")).unwrap();
    let o = run(&["campaign", "import", &id, file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&["campaign", "summary", &id]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((json["surveyed"].as_i64(), json["excluded"].as_i64(), json["confirmed"].as_i64(), json["completed"].as_i64()), (Some(4), Some(1), Some(3), Some(2)));
    assert_eq!(json["by_disposition"][0], serde_json::json!({ "disposition": "关停取缔", "count": 1, "share": 50.0 }));
    assert_eq!(json["by_division"][0]["code"], "610502");
    assert_eq!(json["by_division"][0]["name"], "临渭区");
    let o = run(&["campaign", "summary", &id, "--format", "text"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("累计摸排“散乱污”工业企业4户，经精准识别，累计剔除非“散乱污”企业1户，完成整治2户，其中关停取缔1户，改造提升1户，整合搬迁0户。"), "{}", text(&o));
    // Bad rows: non-zero exit, every bad row named, nothing written.
    std::fs::write(&file, format!("{HEAD}\n610502,戊,,,确认,,推倒,未开始\n610101,己,,,待核查,,,\n")).unwrap();
    let o = run(&["campaign", "import", &id, file.to_str().unwrap()]);
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("第 2 行") && t.contains("第 3 行") && t.contains("整治方式"), "{t}");
    let o = run(&["campaign", "summary", &id]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["surveyed"], 4);
    // The dossier archive of a workshop (its provisional number).
    let o = run(&["campaign", "daily", &id]);
    assert!(o.status.success(), "{}", text(&o));
    let out = dir.path().join("d.zip");
    let o = run(&["dossier", "export", "LS61050200001", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(&std::fs::read(&out).unwrap()[..2], b"PK");
    let o = run(&["campaign", "create", "--name", "x", "--type", "nonsense", "--division", "610500", "--start", "2017-01-01", "--end", "2019-11-15"]);
    assert!(!o.status.success());
}
