//! Home: the ledger's key figures, charts by industry and county, and a map.

use maud::html;

use super::layout::{self, thousands, Section};
use crate::ledger::model::{label, ENV_GRADES, STATUSES};
use crate::ledger::ListFilter;
use crate::web::charts;
use crate::auth::Viewer;
use crate::web::auth::Ctx;
use crate::web::State;

pub async fn page(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<maud::Markup> {
    let lang = ctx.lang;
    let s = crate::storage::ledger::stats(&state.db, &viewer.scope, &ListFilter::default()).await?;
    let card = |label: &str, value: i64, href: &str| {
        html! { a.card href=(href) { div.label { (label) } div.value { (thousands(value)) } } }
    };
    let industries: Vec<_> = s
        .by_industry
        .iter()
        .map(|(code, name, n)| (format!("{code} {name}"), *n, Some(format!("/enterprises?industry={code}"))))
        .collect();
    let counties: Vec<_> = s
        .by_county
        .iter()
        .map(|(code, name, n)| (if name.is_empty() { code.clone() } else { name.clone() }, *n, Some(format!("/enterprises?division={code}"))))
        .collect();
    let legend: Vec<(&str, &str, &str)> = STATUSES
        .iter()
        .map(|t| (t.code, lang.pick(t.zh, t.en), charts::status_color(t.code)))
        .collect();
    // Deadlines drive alerts: the first thing a bureau sees is what is overdue.
    let overdue = if viewer.can(crate::auth::Permission::ViewScreening) {
        let today = time::OffsetDateTime::now_utc().date();
        let f = crate::storage::cases::CaseFilter { overdue: Some(true), ..Default::default() };
        crate::storage::cases::list(&state.db, &viewer.scope, &f).await?.iter().filter(|c| c.overdue_days(today).is_some()).count()
    } else {
        0
    };
    let boundaries = crate::storage::map::boundaries(&state.db).await?;
    // New exceedance episodes alert the responsible bureau and the enterprise (issue 10 item 1).
    const ALERT_DAYS: i64 = 7;
    let (new_episodes, open_leads) = if viewer.can(crate::auth::Permission::ViewMonitoring) {
        let since = time::OffsetDateTime::now_utc().unix_timestamp() - ALERT_DAYS * 86_400;
        crate::storage::enforcement::alert_counts(&state.db, &viewer.scope, since).await?
    } else {
        (0, 0)
    };
    // Leads are for the staff who verify them (an enterprise sees its episodes, not suspicions).
    let show_leads = open_leads > 0 && viewer.can(crate::auth::Permission::ViewEnforcement);
    let body = html! {
        @if new_episodes > 0 || show_leads {
            div.panel #home-alerts {
                h3 { (lang.t(&crate::i18n::catalogue::enforcement::alert_title())) }
                @if new_episodes > 0 {
                    p.bad { a href="/enforcement/exceedances" { (lang.t(&crate::i18n::catalogue::enforcement::alert_new_episodes(new_episodes, ALERT_DAYS))) } }
                }
                @if show_leads {
                    p { a href="/enforcement/leads?status=open" { (lang.t(&crate::i18n::catalogue::enforcement::alert_open_leads(open_leads))) } }
                }
            }
        }
        @if overdue > 0 {
            p.bad #home-overdue { (lang.pick("逾期未完成的退出/整改案件:", "Exit or rectification cases past their deadline: ")) strong { (overdue) } " "
                a href="/cases?overdue=true" { (lang.pick("查看", "view")) } }
        }
        div.cards {
            (card(lang.pick("企业总数", "Enterprises"), s.enterprises, "/enterprises"))
            (card(lang.pick("规上企业", "Above-scale"), s.above_scale, "/enterprises"))
            (card(lang.pick("主要设备", "Main equipment"), s.equipment, "/enterprises"))
            (card(lang.pick("排放口", "Outlets"), s.outlets, "/enterprises"))
            (card(lang.pick("有排放口无排污许可证", "Outlets but no discharge permit"), s.without_permit, "/enterprises"))
            (card(lang.pick("无营业执照作坊", "Unlicensed workshops"), s.without_licence, "/enterprises"))
        }
        div.grid2.spaced {
            div.panel {
                h2 { (lang.pick("企业数量前列行业", "Largest industries")) }
                (charts::bars(&industries, lang.pick("按行业", "by industry")))
            }
            div.panel {
                h2 { (lang.pick("各区县企业数量", "Enterprises by county")) }
                (charts::bars(&counties, lang.pick("按区县", "by county")))
                h2 { (lang.pick("生产状态", "Status")) }
                table { tbody {
                    @for (status, n) in &s.by_status {
                        tr { td { a href=(format!("/enterprises?status={status}")) { (label(STATUSES, status, lang)) } } td.num { (thousands(*n)) } }
                    }
                } }
                h2 { (lang.pick("环保绩效等级", "Environmental performance grade")) }
                table { tbody {
                    @for (grade, n) in &s.by_grade {
                        tr {
                            td {
                                @if grade.is_empty() { (lang.pick("未评级", "not graded")) }
                                @else { a href=(format!("/enterprises?grade={grade}")) { (label(ENV_GRADES, grade, lang)) } }
                            }
                            td.num { (thousands(*n)) }
                        }
                    }
                } }
            }
        }
        div.panel {
            h2 { (lang.pick("企业分布", "Where the enterprises are")) }
            (charts::map(&s.points, &legend, &boundaries))
        }
    };
    Ok(layout::page(&ctx, Section::Home, lang.pick("台账概览", "Ledger overview"), body))
}

