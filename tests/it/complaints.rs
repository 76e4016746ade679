//! Complaints from the public (举报) and Open311 (issue 14): routing, stages, deadlines and
//! overdue notices, merging, the identity kept from every role but the handling officer, the
//! public form over HTTP (photos checked by their bytes, the challenge, the flood limit), the
//! Open311 API in JSON and XML with its error format, the e-mail gateway — on both databases.

use lantian::auth::{Department, Role, Scope, Viewer};
use lantian::complaints::deadlines::{self, Settings};
use lantian::complaints::{Action, Category, Draft, NotAcceptedReason};
use lantian::storage::audit::Actor;
use lantian::storage::complaints as store;
use lantian::storage::Db;

use crate::both_backends;
use crate::support::*;

const SECRET_NAME: &str = "张保密";
const SECRET_PHONE: &str = "13912345678";

async fn setup(db: &Db) {
    load_demo_city(db, 60, 7).await;
    lantian::storage::map::replace(db, &Actor::system(), &lantian::map::DEMO, "demo").await.unwrap();
}

async fn viewer(db: &Db, username: &str) -> Viewer {
    use sqlx::Row;
    let r = sqlx::query("SELECT id, role, department, divisions, enterprise_code FROM users WHERE username = $1").bind(username).fetch_one(&db.pool).await.unwrap();
    let role = Role::parse(&r.get::<String, _>(1)).unwrap();
    Viewer {
        user_id: r.get(0),
        username: username.into(),
        display_name: String::new(),
        role,
        department: Department::parse(&r.get::<String, _>(2)),
        scope: Scope::of_account(role, &r.get::<String, _>(3), &r.get::<String, _>(4)),
        ip: "127.0.0.1".into(),
    }
}

fn draft(lon: f64, lat: f64, cats: &[Category]) -> Draft {
    Draft {
        categories: cats.to_vec(),
        description: "工厂夜间排放刺鼻气味，持续两个小时以上".into(),
        address: "工业路 12 号".into(),
        lon: Some(lon),
        lat: Some(lat),
        name: SECRET_NAME.into(),
        phone: SECRET_PHONE.into(),
        real_name: true,
        ..Default::default()
    }
}

async fn file_at(db: &Db, lon: f64, lat: f64, cats: &[Category], nonce: Option<&str>) -> lantian::Result<store::Filed> {
    let d = draft(lon, lat, cats);
    let b = lantian::complaints::routing::district_of(&lantian::map::DEMO, lon, lat).unwrap();
    let bureau = lantian::complaints::routing::Table::embedded().bureau(&d.categories).unwrap().code().to_string();
    let new = store::NewComplaint {
        draft: d,
        division_code: b.code.clone(),
        district_name: b.name.clone(),
        bureau,
        channel: "web".into(),
        partner: String::new(),
        photos: vec![],
        nonce: nonce.map(str::to_string),
    };
    store::file(db, &Actor { name: "public:web".into(), role: "public".into(), ip: "10.0.0.1".into() }, new, Settings::embedded()).await
}

async fn audit_count(db: &Db) -> i64 {
    lantian::storage::audit::count(db).await.unwrap()
}

both_backends! {
    async fn routing_stages_merging_identity_and_overdue(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let settings = Settings::embedded();
        // Routed by location: the seat of 岚山区 (612003) and of 柳溪县 (612022).
        let a = file_at(db, 108.55, 34.05, &[Category::Noise, Category::Air], None).await.unwrap();
        let b = file_at(db, 108.5502, 34.0501, &[Category::Air], None).await.unwrap();
        let far = file_at(db, 108.85, 33.92, &[Category::Water], None).await.unwrap();
        let ca = store::by_tracking(db, &a.tracking).await.unwrap().unwrap();
        assert_eq!(ca.division_code, "612003");
        assert_eq!(ca.bureau, "environment");
        assert_eq!(ca.categories, "air noise");
        assert_eq!(store::by_tracking(db, &far.tracking).await.unwrap().unwrap().division_code, "612022");
        let received = deadlines::parse_date(&ca.stage_on).unwrap();
        assert_eq!(ca.due_on.as_deref(), Some(deadlines::format_date(received + time::Duration::days(15)).as_str()), "15 days to decide");

        let env = viewer(db, "city-environment").await;
        let industry = viewer(db, "city-industry").await;
        let admin = viewer(db, "admin").await;
        let county = viewer(db, "county-market").await; // 612002: neither complaint is in its county
        let (rows, total) = store::list(db, &env, &Default::default(), 0, 50).await.unwrap();
        assert_eq!((rows.len(), total), (3, 3));
        assert_eq!(store::list(db, &county, &Default::default(), 0, 50).await.unwrap().1, 0, "outside the county's jurisdiction");
        assert!(store::get(db, &county, a.id).await.unwrap().is_none());

        // Another bureau sees it but may not act; a skipped stage is refused; nothing is written.
        let before = audit_count(db).await;
        let e = store::apply(db, &industry, a.id, &Action::Accept, settings).await.unwrap_err();
        assert_eq!(e.code(), "complaints.step.not_your_bureau");
        let e = store::apply(db, &env, a.id, &Action::Close, settings).await.unwrap_err();
        assert_eq!(e.code(), "complaints.step.skipped");
        let e = store::apply(db, &env, a.id, &Action::Answer { text: "已经处理完毕，谢谢监督".into() }, settings).await.unwrap_err();
        assert_eq!(e.code(), "complaints.step.skipped");
        assert_eq!(audit_count(db).await, before, "a refused step writes nothing");
        assert_eq!(store::by_tracking(db, &a.tracking).await.unwrap().unwrap().stage, "received");
        assert_eq!(store::events(db, a.id).await.unwrap().len(), 1);

        let c = store::apply(db, &env, a.id, &Action::Accept, settings).await.unwrap();
        assert_eq!(c.stage, "accepted");
        let accepted = deadlines::parse_date(c.accepted_on.as_deref().unwrap()).unwrap();
        assert_eq!(c.due_on.as_deref(), Some(deadlines::format_date(settings.calendar.add_working_days(accepted, 2)).as_str()), "2 working days to assign");
        // Only an officer of the handling bureau in the jurisdiction can be assigned.
        let e = store::apply(db, &env, a.id, &Action::Assign { handler: "city-industry".into() }, settings).await.unwrap_err();
        assert_eq!(e.code(), "complaints.step.handler_unknown");
        let e = store::apply(db, &env, a.id, &Action::Assign { handler: "nobody".into() }, settings).await.unwrap_err();
        assert_eq!(e.code(), "complaints.step.handler_unknown");
        // Before assignment nobody sees the identity.
        assert!(store::identity(db, &env, &c).await.unwrap().is_none());
        let c = store::apply(db, &env, a.id, &Action::Assign { handler: "city-environment".into() }, settings).await.unwrap();
        assert_eq!(c.handler, "city-environment");
        let id = store::identity(db, &env, &c).await.unwrap().unwrap();
        assert_eq!((id.name.as_str(), id.phone.as_str()), (SECRET_NAME, SECRET_PHONE));
        for other in [&industry, &admin, &county] {
            assert!(store::identity(db, other, &c).await.unwrap().is_none(), "{} must not see the identity", other.username);
        }
        assert!(c.reward_flag, "a real-name report is flagged for the reward procedure");

        // Merge the duplicate b into a.
        let e = store::apply(db, &env, b.id, &Action::Merge { into: b.tracking.clone() }, settings).await.unwrap_err();
        assert_eq!(e.code(), "complaints.step.merge_into_itself");
        let e = store::apply(db, &env, b.id, &Action::Merge { into: "JB20260101-XXXXXXX".into() }, settings).await.unwrap_err();
        assert_eq!(e.code(), "complaints.step.merge_target");
        let merged = store::apply(db, &env, b.id, &Action::Merge { into: a.tracking.to_lowercase() }, settings).await.unwrap();
        assert_eq!((merged.stage.as_str(), merged.merged_into.as_str()), ("merged", a.tracking.as_str()));
        assert_eq!(store::by_tracking(db, &a.tracking).await.unwrap().unwrap().supporters, 1);
        let e = store::apply(db, &env, b.id, &Action::Accept, settings).await.unwrap_err();
        assert_eq!(e.code(), "complaints.step.final");
        // Nothing can be merged into a merged complaint.
        let e = store::apply(db, &env, far.id, &Action::Merge { into: b.tracking.clone() }, settings).await.unwrap_err();
        assert_eq!(e.code(), "complaints.step.merge_target");

        // On to the answer, once extended; published on closing.
        store::apply(db, &env, a.id, &Action::Investigate, settings).await.unwrap();
        let c = store::apply(db, &env, a.id, &Action::Extend { reason: "需要等待监测报告".into() }, settings).await.unwrap();
        assert!(c.extended);
        assert_eq!(store::apply(db, &env, a.id, &Action::Extend { reason: "再次延期".into() }, settings).await.unwrap_err().code(), "complaints.step.already_extended");
        let c = store::apply(db, &env, a.id, &Action::Answer { text: "经现场核查，该企业已停产整改。".into() }, settings).await.unwrap();
        assert!(!c.published, "not published before closing");
        let c = store::apply(db, &env, a.id, &Action::Close, settings).await.unwrap();
        assert!(c.published && c.closed_at.is_some() && c.due_on.is_none());

        // Not accepted, with its reason.
        let c = store::apply(db, &env, far.id, &Action::NotAccept { reason: NotAcceptedReason::NotOurRemit, note: "请向住建部门反映".into() }, settings).await.unwrap();
        assert_eq!((c.stage.as_str(), c.not_accepted_reason.as_str()), ("not_accepted", "not_our_remit"));

        // Overdue: a stage past its due day gets one notice in the inbox of its bureau.
        let d = file_at(db, 108.42, 34.12, &[Category::SolidWaste], None).await.unwrap();
        sqlx::query("UPDATE complaints SET due_on = '2026-01-02' WHERE id = $1").bind(d.id).execute(&db.pool).await.unwrap();
        let today = deadlines::today_beijing();
        assert!(store::get(db, &env, d.id).await.unwrap().unwrap().overdue(today));
        let overdue = store::list(db, &env, &store::Filter { overdue_on: Some(deadlines::format_date(today)), ..Default::default() }, 0, 50).await.unwrap();
        assert_eq!(overdue.1, 1);
        assert_eq!(store::sweep_overdue(db, today).await.unwrap(), 1);
        assert_eq!(store::sweep_overdue(db, today).await.unwrap(), 0, "once per stage");
        let inbox = store::inbox(db, &env, 50).await.unwrap();
        assert_eq!(inbox.iter().filter(|n| n.kind == "complaint_new").count(), 4);
        assert_eq!(inbox.iter().filter(|n| n.kind == "complaint_overdue").count(), 1);
        assert!(inbox[0].message.render(lantian::i18n::Lang::En).contains(&d.tracking));
        assert_eq!(store::unread(db, &env).await.unwrap(), 5);
        store::mark_seen(db, &env, inbox[0].id).await.unwrap();
        assert_eq!(store::unread(db, &env).await.unwrap(), 0);
        assert_eq!(store::unread(db, &industry).await.unwrap(), 0, "another bureau's inbox stays empty");
        assert_eq!(store::unread(db, &county).await.unwrap(), 0);

        // One answered challenge files one complaint.
        file_at(db, 108.42, 34.12, &[Category::Air], Some("nonce-1")).await.unwrap();
        let n = audit_count(db).await;
        assert_eq!(file_at(db, 108.42, 34.12, &[Category::Air], Some("nonce-1")).await.unwrap_err().code(), "complaints.challenge.used");
        assert_eq!(audit_count(db).await, n);
        assert!(matches!(lantian::storage::audit::verify(db).await.unwrap(), lantian::storage::audit::Verdict::Intact { .. }));
    }

    async fn the_public_form_over_http(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let base = serve(db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let c = cookie_client();
        let (csrf, token, answer) = form_state(&c, &base, "").await;
        let png = b"\x89PNG\r\n\x1a\n-a-photo-".to_vec();
        let r = submit(&c, &base, &csrf, &token, &answer, &[("category", "air"), ("category", "noise")], Some(("smoke.png", png.clone()))).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let location = r.headers()["location"].to_str().unwrap().to_string();
        assert!(location.starts_with("/public/complaints/JB"), "{location}");
        let tracking = location.trim_start_matches("/public/complaints/").split('?').next().unwrap().to_string();
        let page = c.get(format!("{base}{location}")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(&tracking) && page.contains("已接收"), "status page");
        assert!(!page.contains(SECRET_NAME) && !page.contains(SECRET_PHONE), "no identity on the public page");
        let filed = store::by_tracking(db, &tracking).await.unwrap().unwrap();
        assert_eq!(store::photos(db, filed.id).await.unwrap().len(), 1);
        assert_eq!(filed.division_code, "612003");

        // Nearby open complaints are shown before filing; a duplicate joins.
        let (_, token2, answer2) = form_state(&c, &base, "?lon=108.5501&lat=34.0501").await;
        let nearby = c.get(format!("{base}/public/complaints/new?lon=108.5501&lat=34.0501")).send().await.unwrap().text().await.unwrap();
        assert!(nearby.contains(&format!("/public/complaints/{tracking}/join")), "the nearby complaint can be joined");
        let r = c.post(format!("{base}/public/complaints/{tracking}/join")).form(&[("_csrf", csrf.as_str()), ("challenge", &token2), ("answer", &answer2)]).send().await.unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(store::by_tracking(db, &tracking).await.unwrap().unwrap().supporters, 1);

        // Refusals: not an image, too large, no category and no location, wrong answer. Nothing written.
        let count = || async { store::public_list(db, 0, 1).await.unwrap().1 };
        let n = count().await;
        let (_, token, answer) = form_state(&c, &base, "").await;
        let r = submit(&c, &base, &csrf, &token, &answer, &[("category", "water")], Some(("evil.jpg", b"MZ\x90\x00this is a program".to_vec()))).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("“evil.jpg”不是 JPEG 或 PNG 图片"));
        let big = [b"\xFF\xD8\xFF\xE0".to_vec(), vec![0u8; lantian::complaints::limits().max_photo_bytes]].concat();
        let r = submit(&c, &base, &csrf, &token, &answer, &[("category", "water")], Some(("big.jpg", big))).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("超过 5 MB 上限"));
        let form = reqwest::multipart::Form::new().text("_csrf", csrf.clone()).text("description", "短").text("challenge", token.clone()).text("answer", answer.clone());
        let r = c.post(format!("{base}/public/complaints")).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), 422);
        let text = r.text().await.unwrap();
        assert!(text.contains("请至少选择一种污染类型") && text.contains("请在地图上选点") && text.contains("问题描述至少"), "every problem at once");
        let r = submit(&c, &base, &csrf, &token, "99", &[("category", "water")], None).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("验证题答案不正确"));
        // Outside the city.
        let form = reqwest::multipart::Form::new()
            .text("_csrf", csrf.clone()).text("category", "air").text("description", "远处的工厂排放黑烟很严重").text("lon", "100.0").text("lat", "20.0")
            .text("challenge", token.clone()).text("answer", answer.clone());
        let r = c.post(format!("{base}/public/complaints")).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("不在本平台服务的区县范围内"));
        assert_eq!(count().await, n, "refused forms write nothing");
        // (An answered challenge files one complaint: tested on the storage above; here the
        // address has used 4 of its 5 submissions an hour — see the flood test.)

        // A skipped stage over HTTP: refused with the message, 422.
        let s = login(&base, "city-environment").await;
        let r = s.client.post(format!("{base}/complaints/{}/step", filed.id)).form(&[("_csrf", s.csrf.as_str()), ("action", "close")]).send().await.unwrap();
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("不能跳过环节"));
        // The officer's photo route serves the stored bytes; the public has no route to them.
        let r = s.client.get(format!("{base}/complaints/{}/photos/{}", filed.id, store::photos(db, filed.id).await.unwrap()[0].id)).send().await.unwrap();
        assert_eq!(r.headers()["content-type"], "image/png");
        assert_eq!(r.bytes().await.unwrap().to_vec(), png);
        // The inbox count in the frame.
        let svg = s.client.get(format!("{base}/inbox/count.svg")).send().await.unwrap().text().await.unwrap();
        assert!(svg.contains(">1<"), "one new complaint: {svg}");
        let inbox = s.client.get(format!("{base}/inbox")).send().await.unwrap().text().await.unwrap();
        assert!(inbox.contains(&tracking));
        let svg = s.client.get(format!("{base}/inbox/count.svg")).send().await.unwrap().text().await.unwrap();
        assert!(svg.contains(">0<"), "seen: {svg}");
    }

    async fn a_flood_from_one_address_is_refused(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let base = serve(db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let c = cookie_client();
        let per_hour = lantian::complaints::limits().submissions_per_hour;
        for i in 0..per_hour {
            let (csrf, token, answer) = form_state(&c, &base, "").await;
            assert_eq!(submit(&c, &base, &csrf, &token, &answer, &[("category", "air")], None).await.status(), 303, "submission {i}");
        }
        let (csrf, token, answer) = form_state(&c, &base, "").await;
        let r = submit(&c, &base, &csrf, &token, &answer, &[("category", "air")], None).await;
        assert_eq!(r.status(), 429);
        assert!(r.text().await.unwrap().contains("本地址提交过于频繁"));
        assert_eq!(store::public_list(db, 0, 1).await.unwrap().1, per_hour as i64);
    }

    async fn open311_conformance(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let key = store::issue_key(db, &Actor::cli(), "12345 热线").await.unwrap();
        let stored: String = sqlx::query_scalar("SELECT key_hash FROM open311_keys").fetch_one(&db.pool).await.unwrap();
        assert_ne!(stored, key, "only the hash is stored");
        let base = serve(db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let c = reqwest::Client::new();
        let get_json = |path: String| { let c = c.clone(); let base = base.clone(); async move {
            let r = c.get(format!("{base}{path}")).send().await.unwrap();
            let status = r.status().as_u16();
            assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/json"), "{path}");
            (status, r.json::<serde_json::Value>().await.unwrap())
        } };
        let get_xml = |path: String| { let c = c.clone(); let base = base.clone(); async move {
            let r = c.get(format!("{base}{path}")).send().await.unwrap();
            let status = r.status().as_u16();
            assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/xml"), "{path}");
            (status, r.text().await.unwrap())
        } };
        // Discovery and services.
        let (s, d) = get_json("/open311/v2/discovery.json".into()).await;
        assert_eq!(s, 200);
        assert_eq!(d["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
        let (s, x) = get_xml("/open311/v2/discovery.xml".into()).await;
        assert!(s == 200 && x.contains("<discovery>") && x.contains("<format>text/xml</format>"));
        let (_, services) = get_json("/open311/v2/services.json".into()).await;
        let codes: Vec<&str> = services.as_array().unwrap().iter().map(|s| s["service_code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["air", "water", "noise", "solid_waste", "ecology", "radiation"]);
        let (_, x) = get_xml("/open311/v2/services.xml".into()).await;
        assert_eq!(x.matches("<service>").count(), 6);
        let (s, def) = get_json("/open311/v2/services/noise.json".into()).await;
        assert_eq!(s, 200);
        assert_eq!(def["attributes"][0]["code"], "other_categories");
        let (_, x) = get_xml("/open311/v2/services/noise.xml".into()).await;
        assert!(x.contains("<service_definition><attributes><attribute>"));
        let (s, e) = get_json("/open311/v2/services/bogus.json".into()).await;
        assert_eq!(s, 404);
        assert_eq!(e[0]["code"], 404);
        assert!(e[0]["description"].as_str().unwrap().contains("bogus"));
        let (s, x) = get_xml("/open311/v2/services/bogus.xml".into()).await;
        assert!(s == 404 && x.contains("<errors><error><code>404</code><description>"), "{x}");

        // Posting: without a key, a bad key, an unknown service code, no location: refused in the format.
        let n = store::public_list(db, 0, 1).await.unwrap().1;
        let post = |fmt: &'static str, form: Vec<(&'static str, String)>| { let c = c.clone(); let base = base.clone(); async move {
            let r = c.post(format!("{base}/open311/v2/requests.{fmt}")).form(&form).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        } };
        let good = |k: &str| vec![
            ("api_key", k.to_string()), ("service_code", "air".to_string()), ("lat", "34.05".to_string()), ("long", "108.55".to_string()),
            ("description", "化工厂夜间排放刺鼻废气".to_string()), ("attribute[other_categories][]", "noise".to_string()),
            ("first_name", "保密".to_string()), ("last_name", "张".to_string()), ("phone", SECRET_PHONE.to_string()), ("attribute[real_name]", "true".to_string()),
        ];
        let (s, body) = post("json", good("").into_iter().skip(1).collect()).await;
        assert_eq!(s, 403);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap()[0]["code"], 403);
        let (s, body) = post("xml", good("o311_wrong")).await;
        assert!(s == 403 && body.contains("<errors><error><code>403</code>"), "{body}");
        let mut unknown = good(&key);
        unknown[1].1 = "smell".into();
        let (s, body) = post("json", unknown).await;
        assert_eq!(s, 400);
        assert!(body.contains("smell"));
        let no_place: Vec<_> = good(&key).into_iter().filter(|(k, _)| *k != "lat" && *k != "long").collect();
        let (s, body) = post("json", no_place).await;
        assert_eq!(s, 400);
        assert!(body.contains("\"code\":400"));
        assert_eq!(store::public_list(db, 0, 1).await.unwrap().1, n, "refused requests write nothing");

        // A good request: 201 with the id and a token.
        let (s, body) = post("json", good(&key)).await;
        assert_eq!(s, 201, "{body}");
        let created: serde_json::Value = serde_json::from_str(&body).unwrap();
        let id = created[0]["service_request_id"].as_str().unwrap().to_string();
        let token = created[0]["token"].as_str().unwrap().to_string();
        let filed = store::by_tracking(db, &id).await.unwrap().unwrap();
        assert_eq!((filed.categories.as_str(), filed.channel.as_str(), filed.partner.as_str(), filed.division_code.as_str()), ("air noise", "open311", "12345 热线", "612003"));
        assert!(filed.real_name);
        let (s, body) = post("xml", good(&key)).await;
        assert!(s == 201 && body.contains("<service_requests><request>") && body.contains("<service_request_id>JB"), "{body}");

        // Reading back: one request, the token, the list with its filters, in both formats; never the identity.
        let (s, one) = get_json(format!("/open311/v2/requests/{id}.json")).await;
        assert_eq!(s, 200);
        assert_eq!(one[0]["service_request_id"], id.as_str());
        assert_eq!(one[0]["status"], "open");
        assert_eq!(one[0]["service_code"], "air");
        assert!(one[0]["requested_datetime"].as_str().unwrap().ends_with("+08:00"));
        assert!(one[0]["expected_datetime"].as_str().unwrap().ends_with("T23:59:59+08:00"));
        assert!(!one.to_string().contains(SECRET_PHONE) && !one.to_string().contains("保密"));
        let (_, x) = get_xml(format!("/open311/v2/requests/{id}.xml")).await;
        assert!(x.contains(&format!("<service_request_id>{id}</service_request_id>")) && x.contains("<status>open</status>"));
        let (s, e) = get_json("/open311/v2/requests/JB20260101-AAAAAAA.json".into()).await;
        assert!(s == 404 && e[0]["code"] == 404);
        let (s, tok) = get_json(format!("/open311/v2/tokens/{token}.json")).await;
        assert_eq!(s, 200);
        assert_eq!(tok[0]["service_request_id"], id.as_str());
        let (_, x) = get_xml(format!("/open311/v2/tokens/{token}.xml")).await;
        assert!(x.contains(&id));
        let (_, list) = get_json("/open311/v2/requests.json".into()).await;
        assert_eq!(list.as_array().unwrap().len(), 2);
        let (_, list) = get_json("/open311/v2/requests.json?service_code=water".into()).await;
        assert_eq!(list.as_array().unwrap().len(), 0);
        let (_, list) = get_json("/open311/v2/requests.json?status=closed".into()).await;
        assert_eq!(list.as_array().unwrap().len(), 0);
        let (_, list) = get_json(format!("/open311/v2/requests.json?service_request_id={id}&status=closed")).await;
        assert_eq!(list.as_array().unwrap().len(), 1, "ids override the other filters");
        let start = "2026-01-01T00:00:00%2B08:00";
        let (s, e) = get_json(format!("/open311/v2/requests.json?start_date={start}&end_date=2026-12-31T00:00:00%2B08:00")).await;
        assert!(s == 400 && e[0]["description"].as_str().unwrap().contains("90"));
        let (s, x) = get_xml("/open311/v2/requests.xml?start_date=yesterday".into()).await;
        assert!(s == 400 && x.contains("<errors>"));
        let (s, _) = get_json("/open311/v2/requests.json?status=pending".into()).await;
        assert_eq!(s, 400);
        let (s, x) = get_xml("/open311/v2/requests.xml?status=open&service_code=air".into()).await;
        assert!(s == 200 && x.matches("<request>").count() == 2);
        // Closed with a published answer: status closed, the answer in status_notes.
        let env = viewer(db, "city-environment").await;
        let settings = Settings::embedded();
        for a in [Action::Accept, Action::Assign { handler: "city-environment".into() }, Action::Investigate, Action::Answer { text: "经现场核查，已责令停产整改。".into() }, Action::Close] {
            store::apply(db, &env, filed.id, &a, settings).await.unwrap();
        }
        let (_, one) = get_json(format!("/open311/v2/requests/{id}.json")).await;
        assert_eq!(one[0]["status"], "closed");
        assert!(one[0]["status_notes"].as_str().unwrap().contains("已责令停产整改"));
        assert!(one[0]["expected_datetime"].is_null());
        // A revoked key no longer posts.
        store::revoke_key(db, &Actor::cli(), "12345 热线").await.unwrap();
        assert_eq!(post("json", good(&key)).await.0, 403);
    }

    async fn the_identity_is_shown_to_the_handling_officer_only(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let filed = file_at(db, 108.55, 34.05, &[Category::Air], None).await.unwrap();
        let env = viewer(db, "city-environment").await;
        let settings = Settings::embedded();
        store::apply(db, &env, filed.id, &Action::Accept, settings).await.unwrap();
        store::apply(db, &env, filed.id, &Action::Assign { handler: "city-environment".into() }, settings).await.unwrap();
        // A second complaint in the demo county (612002), so the county accounts have one in scope.
        let county = file_at(db, 108.42, 34.12, &[Category::Air], None).await.unwrap();
        let base = serve(db, lantian::web::WebConfig { rate_limit: 0, login_rate_limit: 1000, ..Default::default() }).await;
        let secret = |body: &[u8]| { let t = String::from_utf8_lossy(body); t.contains(SECRET_NAME) || t.contains(SECRET_PHONE) };
        let xlsx_has_secret = |bytes: &[u8]| {
            use calamine::Reader;
            let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
            let range = book.worksheet_range_at(0).unwrap().unwrap();
            range.rows().flatten().any(|c| { let s = c.to_string(); s.contains(SECRET_NAME) || s.contains(SECRET_PHONE) })
        };
        let public_paths = [
            format!("/public/complaints/{}", filed.tracking),
            "/public/complaints".to_string(),
            format!("/public/complaints/new?lon=108.55&lat=34.05"),
            format!("/open311/v2/requests/{}.json", filed.tracking),
            format!("/open311/v2/requests/{}.xml", filed.tracking),
            "/open311/v2/requests.json".to_string(),
        ];
        let anon = cookie_client();
        for p in &public_paths {
            let r = anon.get(format!("{base}{p}")).send().await.unwrap();
            assert_eq!(r.status(), 200, "{p}");
            assert!(!secret(&r.bytes().await.unwrap()), "identity leaked to the public at {p}");
        }
        let mut shown_to = Vec::new();
        for u in ["admin", "city-industry", "city-environment", "city-development", "county-market", "county-emergency", "township", "grid", "enterprise"] {
            let s = login(&base, u).await;
            let get = |p: String| { let c = s.client.clone(); let base = base.clone(); async move { let r = c.get(format!("{base}{p}")).send().await.unwrap(); (r.status().as_u16(), r.bytes().await.unwrap().to_vec()) } };
            let may_view = matches!(u, "admin" | "city-industry" | "city-environment" | "city-development" | "county-market" | "county-emergency");
            let (s_list, body) = get("/complaints".into()).await;
            assert_eq!(s_list, if may_view { 200 } else { 403 }, "{u} /complaints");
            assert!(!secret(&body), "identity in the list for {u}");
            let (s_x, body) = get("/complaints/export.xlsx".into()).await;
            assert_eq!(s_x, if may_view { 200 } else { 403 }, "{u} export");
            if s_x == 200 {
                assert!(!xlsx_has_secret(&body), "identity in the export for {u}");
            }
            let (s_i, body) = get("/inbox".into()).await;
            assert_eq!(s_i, if may_view { 200 } else { 403 });
            assert!(!secret(&body));
            for p in &public_paths {
                let (st, body) = get(p.clone()).await;
                assert_eq!(st, 200);
                assert!(!secret(&body), "identity on {p} for {u}");
            }
            for id in [filed.id, county.id] {
                let (st, body) = get(format!("/complaints/{id}")).await;
                let in_scope = matches!(u, "admin" | "city-industry" | "city-environment" | "city-development") || (id == county.id && may_view);
                assert_eq!(st, if !may_view { 403 } else if in_scope { 200 } else { 404 }, "{u} /complaints/{id}");
                if secret(&body) {
                    shown_to.push((u, id));
                }
            }
        }
        assert_eq!(shown_to, vec![("city-environment", filed.id)], "only the handling officer sees the identity");
        // Each viewing is audited; the audit log holds the identity of the filing.
        let viewed: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'complaint_identity_view' AND actor = 'city-environment'").fetch_one(&db.pool).await.unwrap();
        assert_eq!(viewed, 1);
        let filed_entry: String = sqlx::query_scalar("SELECT after_json FROM audit_log WHERE action = 'complaint_file' AND entity_id = $1").bind(&filed.tracking).fetch_one(&db.pool).await.unwrap();
        assert!(filed_entry.contains(SECRET_PHONE));
    }
}

/// The form's CSRF token, challenge token and the answer to its sum.
async fn form_state(c: &reqwest::Client, base: &str, query: &str) -> (String, String, String) {
    let page = c.get(format!("{base}/public/complaints/new{query}")).send().await.unwrap().text().await.unwrap();
    let value = |name: &str| page.split(&format!("name=\"{name}\" value=\"")).nth(1).unwrap().split('"').next().unwrap().to_string();
    let token = value("challenge");
    let parts: Vec<&str> = token.split('.').collect();
    let sum: u32 = parts[1].parse::<u32>().unwrap() + parts[2].parse::<u32>().unwrap();
    (value("_csrf"), token, sum.to_string())
}

async fn submit(c: &reqwest::Client, base: &str, csrf: &str, token: &str, answer: &str, extra: &[(&str, &str)], photo: Option<(&str, Vec<u8>)>) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new()
        .text("_csrf", csrf.to_string())
        .text("description", "夜间有刺鼻的化工气味，持续两个小时")
        .text("lon", "108.55")
        .text("lat", "34.05")
        .text("name", SECRET_NAME)
        .text("phone", SECRET_PHONE)
        .text("challenge", token.to_string())
        .text("answer", answer.to_string());
    for (k, v) in extra {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = photo {
        form = form.part("photo", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    }
    c.post(format!("{base}/public/complaints")).multipart(form).send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notices_go_out_through_the_email_gateway_when_it_is_set() {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let t = TestDb::sqlite().await;
    setup(&t.db).await;
    // Off by default: nothing is sent, nothing is marked.
    file_at(&t.db, 108.55, 34.05, &[Category::Air], None).await.unwrap();
    assert_eq!(lantian::web::mail::send_pending(&t.db).await.unwrap(), 0);
    // A local SMTP sink that records what it is sent.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let sink = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        let mut got = Vec::new();
        write.write_all(b"220 sink ready\r\n").await.unwrap();
        let mut in_data = false;
        while let Some(line) = lines.next_line().await.unwrap() {
            got.push(line.clone());
            if in_data {
                if line == "." {
                    in_data = false;
                    write.write_all(b"250 queued\r\n").await.unwrap();
                }
                continue;
            }
            let reply: &[u8] = if line.starts_with("EHLO") {
                b"250-sink\r\n250 8BITMIME\r\n"
            } else if line == "DATA" {
                in_data = true;
                b"354 go ahead\r\n"
            } else if line == "QUIT" {
                write.write_all(b"221 bye\r\n").await.unwrap();
                break;
            } else {
                b"250 ok\r\n"
            };
            write.write_all(reply).await.unwrap();
        }
        got
    });
    lantian::storage::settings::set(
        &t.db,
        &Actor::cli(),
        &[(lantian::web::mail::SMTP, addr.to_string()), (lantian::web::mail::FROM, "lantian@bureau.example".into()), (lantian::web::mail::TO, "officer@bureau.example".into())],
    )
    .await
    .unwrap();
    assert_eq!(lantian::web::mail::send_pending(&t.db).await.unwrap(), 1);
    let got = sink.await.unwrap();
    assert!(got.contains(&"MAIL FROM:<lantian@bureau.example>".to_string()));
    assert!(got.contains(&"RCPT TO:<officer@bureau.example>".to_string()));
    let subject = got.iter().find(|l| l.starts_with("Subject: =?UTF-8?B?")).unwrap();
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD.decode(subject.trim_start_matches("Subject: =?UTF-8?B?").trim_end_matches("?=")).unwrap();
    assert!(String::from_utf8(decoded).unwrap().starts_with("新举报 JB"));
    // Sent once.
    assert_eq!(lantian::web::mail::send_pending(&t.db).await.unwrap(), 0);
}

#[test]
fn the_openapi_description_has_every_open311_route() {
    let doc = serde_json::to_value(<lantian::web::api::ApiDoc as utoipa::OpenApi>::openapi()).unwrap();
    for r in lantian::web::routes::table().iter().filter(|r| r.path.starts_with("/open311/")) {
        let ops = &doc["paths"][r.path];
        assert!(ops[r.method.to_lowercase()].is_object(), "{} {} in /api/openapi.json", r.method, r.path);
    }
}

#[test]
fn partner_keys_and_the_mail_gateway_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).args(["--data-dir", data]).env("LANTIAN_LANG", "en").output().unwrap();
    let o = run(&["open311", "issue-key", "12345 热线"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let key = String::from_utf8(o.stdout).unwrap().trim().to_string();
    assert!(key.starts_with("o311_") && key.len() == 45, "{key}");
    let o = run(&["open311", "keys"]);
    let listed = String::from_utf8(o.stdout).unwrap();
    assert!(listed.contains("12345 热线") && !listed.contains(&key), "keys are listed, never shown again: {listed}");
    let o = run(&["open311", "issue-key", "  "]);
    assert!(!o.status.success(), "a key needs a partner name");
    assert!(run(&["complaints", "mail", "--smtp", "127.0.0.1:2525", "--from", "a@b.example", "--to", "c@d.example"]).status.success());
    let o = run(&["complaints", "sweep"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("overdue notices: 0; mailed: 0"));
    assert!(run(&["open311", "revoke-key", "12345 热线"]).status.success());
}
