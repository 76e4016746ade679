//! Home: the ledger's key figures, charts by industry and county, and a map.

use maud::html;

use super::layout::{self, thousands, Section};
use crate::ledger::model::{label, ENV_GRADES, STATUSES};
use crate::ledger::ListFilter;
use crate::web::charts;
use crate::auth::Viewer;
use crate::web::auth::Ctx;
use crate::web::State;
use crate::i18n::catalogue as cat;

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
            p.bad #home-overdue { (lang.label(cat::common::exit_or_rectification_cases_past_their())) strong { (overdue) } " "
                a href="/cases?overdue=true" { (lang.label(cat::common::view())) } }
        }
        div.cards {
            (card(lang.label(cat::common::enterprises()), s.enterprises, "/enterprises"))
            (card(lang.label(cat::common::above_scale()), s.above_scale, "/enterprises"))
            (card(lang.label(cat::common::main_equipment()), s.equipment, "/enterprises"))
            (card(lang.label(cat::common::outlets()), s.outlets, "/enterprises"))
            (card(lang.label(cat::common::outlets_but_no_discharge_permit()), s.without_permit, "/enterprises"))
            (card(lang.label(cat::common::unlicensed_workshops()), s.without_licence, "/enterprises"))
        }
        div.grid2.spaced {
            div.panel {
                h2 { (lang.label(cat::common::largest_industries())) }
                (charts::bars(&industries, lang.label(cat::common::by_industry())))
            }
            div.panel {
                h2 { (lang.label(cat::common::enterprises_by_county())) }
                (charts::bars(&counties, lang.label(cat::common::by_county())))
                h2 { (lang.label(cat::common::status())) }
                table { tbody {
                    @for (status, n) in &s.by_status {
                        tr { td { a href=(format!("/enterprises?status={status}")) { (label(STATUSES, status, lang)) } } td.num { (thousands(*n)) } }
                    }
                } }
                h2 { (lang.label(cat::common::environmental_performance_grade())) }
                table { tbody {
                    @for (grade, n) in &s.by_grade {
                        tr {
                            td {
                                @if grade.is_empty() { (lang.label(cat::common::not_graded())) }
                                @else { a href=(format!("/enterprises?grade={grade}")) { (label(ENV_GRADES, grade, lang)) } }
                            }
                            td.num { (thousands(*n)) }
                        }
                    }
                } }
            }
        }
        div.panel {
            h2 { (lang.label(cat::common::where_the_enterprises_are())) }
            (charts::map(&s.points, &legend, &boundaries))
        }
    };
    Ok(layout::page(&ctx, Section::Home, lang.label(cat::common::ledger_overview()), body))
}

