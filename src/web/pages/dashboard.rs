//! The leaders' dashboard (issue 14 item 4): the jurisdiction at a glance — ledger, exit cases,
//! campaigns, monitoring, complaints, plan targets — each figure a link to its list with the
//! filters that show what it counts; the districts compared on a map drawn from the stored
//! boundaries (else the demo's) and in charts; and "where are we behind": for each measure the
//! districts furthest behind, each a link to its list. A county's account sees its county and
//! its townships; a city's account can open any of its counties (`?division=`). Only the
//! measures whose lists the account may read are shown.

use std::collections::BTreeMap;

use axum::extract::Query;
use maud::{html, Markup};

use super::layout::{self, thousands, Section};
use crate::auth::{Permission, Viewer};
use crate::i18n::catalogue::dashboard as m;
use crate::i18n::Msg;
use crate::storage::dashboard::{self as store, Figures, Measure};
use crate::web::auth::Ctx;
use crate::web::charts;
use crate::web::State;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DashboardQuery {
    pub division: String,
    pub measure: String,
}

fn measure_label(x: Measure) -> Msg {
    match x {
        Measure::CasesOverdue => m::cases_overdue(),
        Measure::CampaignOverdue => m::campaign_overdue(),
        Measure::CampaignShare => m::campaign_share(),
        Measure::OnlineRate => m::online_rate(),
        Measure::EffectiveTransmission => m::effective_transmission(),
        Measure::Episodes => m::episodes(store::RECENT_DAYS),
        Measure::LeadsOpen => m::leads_open(),
        Measure::ComplaintsOverdue => m::complaints_overdue(),
    }
}

fn permission(x: Measure) -> Permission {
    match x {
        Measure::CasesOverdue => Permission::ViewScreening,
        Measure::CampaignOverdue | Measure::CampaignShare => Permission::ViewCampaigns,
        Measure::OnlineRate | Measure::EffectiveTransmission | Measure::Episodes => Permission::ViewMonitoring,
        Measure::LeadsOpen => Permission::ViewEnforcement,
        Measure::ComplaintsOverdue => Permission::ViewComplaints,
    }
}

fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{:.1}%", x * 100.0)).unwrap_or_else(|| "—".into())
}

fn value_text(x: Measure, v: Option<f64>) -> String {
    if x.is_rate() { pct(v) } else { v.map(|n| thousands(n as i64)).unwrap_or_else(|| "—".into()) }
}

/// Where a measure's rows are listed for one division (or the whole jurisdiction: "").
struct Links {
    campaign: Option<i64>,
    from: String,
    to: String,
}

impl Links {
    fn q(pairs: &[(&str, &str)]) -> String {
        serde_urlencoded::to_string(pairs.iter().filter(|(_, v)| !v.is_empty()).collect::<Vec<_>>()).unwrap_or_default()
    }
    fn measure(&self, x: Measure, d: &str) -> String {
        let campaign = |extra: &[(&str, &str)]| match self.campaign {
            Some(id) => format!("/campaigns/{id}/items?{}", Links::q(&[extra, &[("division", d)]].concat())),
            None => "/campaigns".to_string(),
        };
        match x {
            Measure::CasesOverdue => format!("/cases?{}", Links::q(&[("overdue", "true"), ("division", d)])),
            Measure::CampaignOverdue => campaign(&[("overdue", "true")]),
            Measure::CampaignShare => campaign(&[("verdict", "confirmed")]),
            Measure::OnlineRate => format!("/monitoring?{}", Links::q(&[("division", d), ("status", "offline")])),
            Measure::EffectiveTransmission => format!("/monitoring?{}", Links::q(&[("division", d), ("sort", "rate")])),
            Measure::Episodes => format!("/enforcement/exceedances?{}", Links::q(&[("from", &self.from), ("to", &self.to), ("division", d)])),
            Measure::LeadsOpen => format!("/enforcement/leads?{}", Links::q(&[("status", "open"), ("division", d)])),
            Measure::ComplaintsOverdue => format!("/complaints?{}", Links::q(&[("overdue", "1"), ("division", d)])),
        }
    }
}

fn card(label: &str, value: String, href: &str, id: &str) -> Markup {
    html! { a.card href=(href) id=(id) { div.label { (label) } div.value data-v { (value) } } }
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<DashboardQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let asked = q.division.trim().to_string();
    let root: Option<String> = if asked.is_empty() {
        viewer.scope.home_division().map(str::to_string)
    } else {
        if !asked.bytes().all(|b| b.is_ascii_digit()) || !(2..=12).contains(&asked.len()) || !viewer.scope.admits_division(&asked) {
            return Err(crate::Error::NotFound(m::division_not_found(asked.chars().take(20).collect::<String>())));
        }
        Some(asked.clone())
    };
    let root_code = root.clone().unwrap_or_default();
    // A city is 612000 (its subtree 6120…): its districts are counties; a county's, townships.
    let unit_len = match crate::ledger::codes::subtree_prefix(&root_code).len() {
        0..=4 => 6,
        5..=6 => 9,
        _ => 12,
    };
    let today = crate::complaints::deadlines::today_beijing();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let units: BTreeMap<String, Figures> = store::figures(&state.db, &viewer.scope, root.as_deref(), unit_len, today, now).await?;
    let mut total = Figures::default();
    for f in units.values() {
        total.add(f);
    }
    let codes: Vec<String> = units.keys().cloned().chain(root.clone()).collect();
    let names = store::division_names(&state.db, &codes).await?;
    let name = |c: &str| names.get(c).cloned().unwrap_or_else(|| c.to_string());
    let campaigns = if viewer.can(Permission::ViewCampaigns) { crate::storage::campaigns::list(&state.db, &viewer.scope).await? } else { Vec::new() };
    let day = |d: time::Date| crate::storage::cases::format_day(d);
    let links = Links {
        campaign: (campaigns.len() == 1).then(|| campaigns[0].id),
        from: day(today - time::Duration::days(store::RECENT_DAYS)),
        to: day(today),
    };
    let measures: Vec<Measure> = Measure::ALL.into_iter().filter(|x| viewer.can(permission(*x))).collect();
    // Compared on the map: the measure asked for, else the first on which some district is behind.
    let chosen = Measure::parse(q.measure.trim())
        .filter(|x| measures.contains(x))
        .or_else(|| measures.iter().copied().find(|x| !store::behind(&units, *x).is_empty()))
        .or(measures.first().copied());
    // Plan targets of the plans the account sees, as /plans/{id}/targets assesses them.
    let mut plans = Vec::new();
    if viewer.can(Permission::ViewPlans) {
        for p in crate::storage::plans::plans(&state.db, &viewer.scope).await? {
            let statuses = crate::storage::plans::target_statuses(&state.db, &p, today.year()).await?;
            if statuses.is_empty() {
                continue;
            }
            use crate::plans::progress::TargetState as T;
            let count = |s: T| statuses.iter().filter(|x| x.assessment.state == s).count();
            let behind: Vec<String> = statuses.iter().filter(|x| x.assessment.state == T::Behind).map(|x| x.target.indicator.clone()).collect();
            plans.push((p, statuses.len(), count(T::Behind), count(T::AtRisk), behind));
        }
    }
    let r = root_code.as_str();
    let title = match &root {
        Some(c) => lang.t(&m::title_of(name(c))),
        None => lang.label(m::title_all()).to_string(),
    };
    let boundaries = {
        let b = crate::storage::map::boundaries(&state.db).await?;
        if b.is_empty() { crate::map::DEMO.clone() } else { b }
    };
    let behind_of: Vec<(Measure, Vec<(String, f64)>)> = measures.iter().map(|x| (*x, store::behind(&units, *x))).collect();
    let body = html! {
        @if !asked.is_empty() && viewer.scope.home_division() != Some(asked.as_str()) {
            p { a href="/dashboard" #dashboard-up { (lang.label(m::back_to_all())) } }
        }
        div.panel #dashboard-behind {
            h2 { (lang.label(m::behind_title())) }
            p.muted { (lang.label(m::behind_hint())) }
            div.table-wrap { table {
                thead { tr { th { (lang.label(m::col_measure())) } th { (lang.label(m::col_first())) } th { (lang.label(m::col_second())) } th { (lang.label(m::col_third())) } } }
                tbody { @for (x, list) in &behind_of {
                    tr data-measure=(x.code()) {
                        td { a href=(format!("/dashboard?{}", Links::q(&[("division", &asked), ("measure", x.code())]))) { (lang.t(&measure_label(*x))) } }
                        @for i in 0..3 {
                            td { @if let Some((code, v)) = list.get(i) {
                                a href=(links.measure(*x, code)) data-unit=(code) { span.v { (name(code)) } " " span.v { (value_text(*x, Some(*v))) } }
                            } @else if i == 0 { span.muted { (lang.label(m::none_behind())) } } }
                        }
                    }
                } }
            } }
        }
        @if viewer.can(Permission::ViewLedger) || viewer.can(Permission::ViewScreening) {
            h2 { (lang.label(m::sec_ledger())) }
            div.cards {
                (card(lang.label(m::enterprises()), thousands(total.enterprises), &format!("/enterprises?{}", Links::q(&[("division", r)])), "dash-enterprises"))
                @if viewer.can(Permission::ViewScreening) {
                    (card(lang.label(m::cases_open()), thousands(total.cases_open), &format!("/cases?{}", Links::q(&[("division", r)])), "dash-cases-open"))
                    (card(lang.label(m::cases_overdue()), thousands(total.cases_overdue), &links.measure(Measure::CasesOverdue, r), "dash-cases-overdue"))
                    (card(lang.label(m::cases_exited()), thousands(total.cases_exited), &format!("/cases?{}", Links::q(&[("division", r)])), "dash-cases-exited"))
                }
            }
        }
        @if viewer.can(Permission::ViewCampaigns) {
            h2 { (lang.label(m::sec_campaigns())) }
            div.cards {
                (card(lang.label(m::campaign_confirmed()), thousands(total.campaign_confirmed), &links.measure(Measure::CampaignShare, r), "dash-campaign-confirmed"))
                (card(lang.label(m::campaign_share()), pct(total.campaign_share()), &links.measure(Measure::CampaignShare, r), "dash-campaign-share"))
                (card(lang.label(m::campaign_overdue()), thousands(total.campaign_overdue), &links.measure(Measure::CampaignOverdue, r), "dash-campaign-overdue"))
            }
        }
        @if viewer.can(Permission::ViewMonitoring) {
            h2 { (lang.label(m::sec_monitoring())) }
            div.cards {
                (card(lang.label(m::online_rate()), pct(total.online_rate()), &links.measure(Measure::OnlineRate, r), "dash-online"))
                (card(lang.label(m::effective_transmission()), pct(total.effective_transmission()), &links.measure(Measure::EffectiveTransmission, r), "dash-transmission"))
                (card(&lang.t(&m::episodes(store::RECENT_DAYS)), thousands(total.episodes), &links.measure(Measure::Episodes, r), "dash-episodes"))
                @if viewer.can(Permission::ViewEnforcement) {
                    (card(lang.label(m::leads_open()), thousands(total.leads_open), &links.measure(Measure::LeadsOpen, r), "dash-leads"))
                }
            }
        }
        @if viewer.can(Permission::ViewComplaints) {
            h2 { (lang.label(m::sec_complaints())) }
            div.cards {
                (card(&lang.t(&m::complaints(store::RECENT_DAYS)), thousands(total.complaints), &format!("/complaints?{}", Links::q(&[("division", r)])), "dash-complaints"))
                (card(lang.label(m::complaints_overdue()), thousands(total.complaints_overdue), &links.measure(Measure::ComplaintsOverdue, r), "dash-complaints-overdue"))
                (card(lang.label(m::complaints_answered()), thousands(total.complaints_answered), &format!("/complaints?{}", Links::q(&[("stage", "answered"), ("division", r)])), "dash-complaints-answered"))
            }
        }
        @if viewer.can(Permission::ViewPlans) {
            h2 { (lang.label(m::sec_plans())) }
            @if plans.is_empty() { p.muted { (lang.label(m::no_targets())) } }
            div.cards { @for (p, n, behind, at_risk, _) in &plans {
                a.card href=(format!("/plans/{}/targets", p.id)) data-plan=(p.id) { div.label data-v { (p.title) } div.value { (m::targets_state(*behind, *at_risk, *n).markup(lang)) } }
            } }
            @for (p, _, _, _, behind) in &plans { @if !behind.is_empty() {
                p.small { a href=(format!("/plans/{}/targets", p.id)) { (lang.label(m::targets_behind())) } " " span.v { (behind.join(" · ")) } }
            } }
        }
        @if let Some(x) = chosen {
            div.panel #dashboard-compare {
                h2 { (lang.label(m::compare_title())) }
                p.links #dashboard-measures { (lang.label(m::compare_by())) " "
                    @for y in &measures {
                        a href=(format!("/dashboard?{}", Links::q(&[("division", &asked), ("measure", y.code())]))) class=(if *y == x { "active" } else { "" }) data-measure=(y.code()) { (lang.t(&measure_label(*y))) } " "
                    }
                }
                @let values: Vec<(String, Option<f64>)> = units.iter().map(|(c, f)| (c.clone(), x.value(f))).collect();
                @let worst = if x.is_rate() { values.iter().filter_map(|v| v.1).fold(1.0_f64, f64::min) } else { values.iter().filter_map(|v| v.1).fold(0.0_f64, f64::max) };
                @let mut areas: Vec<charts::Area> = values.iter().map(|(c, v)| charts::Area {
                    code: c.clone(),
                    fill: charts::behind_fill(x.severity(*v, worst)),
                    href: if unit_len == 6 { format!("/dashboard?{}", Links::q(&[("division", c), ("measure", x.code())])) } else { links.measure(x, c) },
                    title: format!("{}: {}", name(c), value_text(x, *v)),
                    label: value_text(x, *v),
                }).collect();
                // No boundaries of the townships: the county itself, with its total.
                @if !areas.iter().any(|a| boundaries.iter().any(|b| b.code == a.code)) && boundaries.iter().any(|b| b.code == root_code) {
                    @let v = x.value(&total);
                    @let _ = { areas = vec![charts::Area {
                        code: root_code.clone(),
                        fill: charts::behind_fill(x.severity(v, if x.is_rate() { v.unwrap_or(1.0) } else { v.unwrap_or(0.0) })),
                        href: links.measure(x, &root_code),
                        title: format!("{}: {}", name(&root_code), value_text(x, v)),
                        label: value_text(x, v),
                    }]; };
                }
                div.grid2 {
                    div {
                        (charts::district_map(&boundaries, &areas, "dashboard-map", &lang.t(&measure_label(x))))
                        p.muted.small { (lang.label(if unit_len == 6 { m::map_hint_counties() } else { m::map_hint_lists() })) }
                    }
                    div {
                        @let bars: Vec<(String, i64, Option<String>)> = values.iter().map(|(c, v)| (
                            name(c),
                            if x.is_rate() { v.map(|r| (r * 100.0).round() as i64).unwrap_or(0) } else { v.unwrap_or(0.0) as i64 },
                            Some(links.measure(x, c)),
                        )).collect();
                        (charts::bars(&bars, &lang.t(&measure_label(x))))
                        @if x.is_rate() { p.muted.small { (lang.label(m::bars_percent())) } }
                    }
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Dashboard, &title, body))
}
