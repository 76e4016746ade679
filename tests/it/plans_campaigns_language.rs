//! Plans, campaigns and patrol pages speak the viewer's language: the main pages, a refusal of
//! the campaign state machine and an error page in Chinese and in English, and the JSON API's
//! refusals carry their stable code with the message in the request's language.

use lantian::i18n::Lang;
use lantian::storage::campaigns::{self as store, ItemFilter};

use crate::both_backends;
use crate::support::*;

async fn page(s: &Session, base: &str, path: &str, lang: Lang) -> (u16, String) {
    let sep = if path.contains('?') { '&' } else { '?' };
    let r = s.client.get(format!("{base}{path}{sep}lang={}", lang.code())).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// `present` appears and `absent` does not (the same text in the other language).
fn speaks(html: &str, present: &[&str], absent: &[&str], what: &str) {
    for p in present {
        assert!(html.contains(p), "{what}: expected {p:?}");
    }
    for a in absent {
        assert!(!html.contains(a), "{what}: did not expect {a:?}");
    }
}

both_backends! {
    async fn plans_and_campaigns_in_both_languages(t: &TestDb) {
        let city = load_demo_city(&t.db, 120, 7).await;
        let plan_id = lantian::demo::plans::load(&t.db, lantian::plans::due::today_beijing()).await.unwrap();
        let cells = lantian::demo::accounts::accounts(&city).into_iter().find(|u| u.username == "grid").map(|u| u.divisions).unwrap_or_default();
        let campaign = lantian::demo::campaigns::load(&t.db, 7, &cells).await.unwrap().expect("the demo campaign");
        let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let s = login(&base, "city-industry").await;

        // The plan list and a plan's dashboard and targets.
        let (status, zh) = page(&s, &base, "/plans", Lang::Zh).await;
        assert_eq!(status, 200);
        speaks(&zh, &["牵头单位", "新建工作方案"], &["Lead unit", "New work plan"], "/plans zh");
        let (_, en) = page(&s, &base, "/plans", Lang::En).await;
        speaks(&en, &["Lead unit", "New work plan"], &["牵头单位", "新建工作方案"], "/plans en");
        let (_, en) = page(&s, &base, &format!("/plans/{plan_id}/targets"), Lang::En).await;
        speaks(&en, &["Indicator", "Milestone"], &["进度正常", "数据来源"], "targets en");

        // The campaign page and its items.
        let (status, zh) = page(&s, &base, &format!("/campaigns/{campaign}"), Lang::Zh).await;
        assert_eq!(status, 200);
        speaks(&zh, &["进度日报", "月度量化考核排名"], &["Daily progress report", "Monthly assessment ranking"], "campaign zh");
        let (_, en) = page(&s, &base, &format!("/campaigns/{campaign}"), Lang::En).await;
        speaks(&en, &["Daily progress report", "Monthly assessment ranking"], &["进度日报", "月度量化考核排名"], "campaign en");
        let (_, en) = page(&s, &base, &format!("/campaigns/{campaign}/items"), Lang::En).await;
        speaks(&en, &["Verdict", "Disposition"], &["核查结论", "整治方式"], "items en");

        // A refusal of the state machine, on the item page, in the viewer's language.
        let pending = store::items(&t.db, &Scope::All, campaign, &ItemFilter { verdict: Some("pending".into()), ..Default::default() }).await.unwrap();
        let item = pending.iter().find(|i| i.criteria.is_empty()).expect("a candidate with no criterion checked");
        for (lang, refusal, other) in [
            (Lang::Zh, "至少符合一项认定标准才能确认", "confirming needs at least one criterion met"),
            (Lang::En, "confirming needs at least one criterion met", "至少符合一项认定标准才能确认"),
        ] {
            let r = s.client
                .post(format!("{base}/campaign-items/{}/step?lang={}", item.id, lang.code()))
                .header("X-CSRF-Token", &s.csrf)
                .form(&[("_csrf", s.csrf.as_str()), ("action", "confirm")])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 422);
            let html = r.text().await.unwrap();
            speaks(&html, &[refusal], &[other], "step refusal");
        }
        assert_eq!(store::item(&t.db, &Scope::All, item.id).await.unwrap().verdict, "pending", "a refused step changes nothing");

        // The grid inspector's patrol page.
        let grid = login(&base, "grid").await;
        let (status, zh) = page(&grid, &base, "/patrol", Lang::Zh).await;
        assert_eq!(status, 200);
        speaks(&zh, &["今日巡查点位"], &["Sites to patrol today"], "patrol zh");
        let (_, en) = page(&grid, &base, "/patrol", Lang::En).await;
        speaks(&en, &["Sites to patrol today"], &["今日巡查点位"], "patrol en");

        // An error page: a plan that does not exist.
        let (status, zh) = page(&s, &base, "/plans/999999", Lang::Zh).await;
        assert_eq!(status, 404);
        assert!(zh.contains("工作方案 999999"), "{zh}");
        let (_, en) = page(&s, &base, "/plans/999999", Lang::En).await;
        assert!(en.contains("plan 999999") && !en.contains("工作方案 999999"), "{en}");

        // The API: the stable code, the message in the request's language.
        for (lang, message) in [(Lang::Zh, "未找到整治行动 999999"), (Lang::En, "not found: campaign 999999")] {
            let r = s.client.get(format!("{base}/api/campaigns/999999/summary?lang={}", lang.code())).send().await.unwrap();
            assert_eq!(r.status(), 404);
            let body: serde_json::Value = r.json().await.unwrap();
            assert_eq!(body["code"], "campaigns.not_found.campaign", "{body}");
            assert_eq!(body["message"], message, "{body}");
        }
        let r = s.client.get(format!("{base}/api/plans/{plan_id}/reports?month=2026-13&lang=en")).send().await.unwrap();
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["code"], "plans.report.month_invalid", "{body}");
        assert_eq!(body["message"], "the month must be YYYY-MM: 2026-13", "{body}");
    }
}
