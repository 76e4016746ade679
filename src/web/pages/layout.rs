//! The frame every page shares: header with navigation and language switch.

use maud::{html, Markup, DOCTYPE};

use crate::auth::Permission;
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::i18n::catalogue as cat;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Enterprises,
    Import,
    Admin,
    Account,
    Login,
    Screening,
    Cases,
    Public,
    Monitoring,
    Campaigns,
    Patrol,
    Plans,
    /// An error page (no navigation entry is active).
    Error,
    Submissions,
    /// Emissions and the environmental protection tax.
    Tax,
    /// Leads (线索) and enforcement cases.
    Enforcement,
    /// The pollution–carbon synergy evaluation.
    Synergy,
    /// The fused emission inventory and scenarios (issue 13).
    Inventory,
    /// Complaints from the public (举报) and the inbox.
    Complaints,
    /// Project admission review (准入审核).
    Admission,
    /// What the public portal publishes (issue 14 item 1).
    Publication,
    /// The leaders' dashboard (issue 14 item 4).
    Dashboard,
    /// Energy: dual-control evaluation, efficiency levels, renovation and relocation (issue 18).
    Energy,
}

/// The CSRF field every form that changes something must carry.
pub fn csrf_field(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name="_csrf" value=(ctx.csrf); }
}

pub fn page(ctx: &Ctx, section: Section, title: &str, body: Markup) -> Markup {
    let lang = ctx.lang;
    let can = |p: Permission| ctx.viewer.as_ref().is_some_and(|v| v.can(p));
    let mut nav = Vec::new();
    if can(Permission::ViewLedger) {
        nav.push((Section::Home, "/", lang.label(cat::common::home())));
        nav.push((Section::Enterprises, "/enterprises", lang.label(cat::common::enterprise_ledger())));
    }
    if can(Permission::ViewDashboard) {
        nav.push((Section::Dashboard, "/dashboard", lang.label(crate::i18n::catalogue::dashboard::nav())));
    }
    if can(Permission::EditLedger) {
        nav.push((Section::Import, "/import", lang.label(cat::common::import_export())));
    }
    if can(Permission::ViewMonitoring) {
        nav.push((Section::Monitoring, "/monitoring", lang.label(cat::common::monitoring())));
    }
    if can(Permission::ViewEnforcement) {
        nav.push((Section::Enforcement, "/enforcement/leads", lang.label(cat::enforcement_cases::nav())));
    }
    // The tax: an enterprise's own estimate, the bureau's table of its jurisdiction.
    let tax_label = crate::i18n::find(crate::i18n::catalogue::tax::nav().code()).map(|e| e.text(lang)).unwrap_or("EP tax");
    if can(Permission::SubmitChanges) {
        nav.push((Section::Tax, "/my/tax", tax_label));
    } else if can(Permission::ViewMonitoring) {
        nav.push((Section::Tax, "/tax", tax_label));
    }
    if can(Permission::ViewLedger) {
        nav.push((Section::Inventory, "/inventory", lang.label(cat::inventory::nav())));
    }
    if can(Permission::ViewScreening) {
        nav.push((Section::Screening, "/screening", lang.label(cat::common::screening())));
        nav.push((Section::Cases, "/cases", lang.label(cat::common::exit_cases())));
    }
    if can(Permission::ViewCampaigns) {
        nav.push((Section::Campaigns, "/campaigns", lang.label(cat::common::campaigns())));
    }
    if can(Permission::Patrol) {
        nav.push((Section::Patrol, "/patrol", lang.label(cat::common::patrol())));
    }
    if can(Permission::ViewPlans) {
        nav.push((Section::Plans, "/plans", lang.label(cat::common::work_plans())));
    }
    if can(Permission::ViewSynergy) {
        nav.push((Section::Energy, "/energy", crate::i18n::find(crate::i18n::catalogue::energy::nav().code()).map(|e| e.text(lang)).unwrap_or("Energy")));
    }
    if can(Permission::ViewSynergy) {
        nav.push((Section::Synergy, "/synergy", crate::i18n::find(crate::i18n::catalogue::synergy::nav().code()).map(|e| e.text(lang)).unwrap_or("Synergy")));
    }
    // Submissions (firstday): reviewers see the queue, enterprises their own.
    if can(Permission::ReviewSubmissions) {
        nav.push((Section::Submissions, "/submissions", lang.label(cat::common::submissions())));
    }
    if can(Permission::SubmitChanges) {
        nav.push((Section::Submissions, "/my/submissions", lang.label(cat::common::my_submissions())));
    }
    if can(Permission::ViewComplaints) {
        nav.push((Section::Complaints, "/complaints", lang.label(cat::common::complaints())));
    }
    if can(Permission::ViewAdmission) {
        nav.push((Section::Admission, "/admission", lang.label(cat::admission::nav())));
    }
    if can(Permission::ManageCases) {
        nav.push((Section::Publication, "/publication", lang.label(crate::i18n::catalogue::publication::nav())));
    }
    nav.push((Section::Public, "/public", lang.label(cat::common::published_lists())));
    if can(Permission::ManageUsers) {
        nav.push((Section::Admin, "/admin/users", lang.label(cat::common::administration())));
    }
    html! {
        (DOCTYPE)
        html lang=(lang.html_lang()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (lang.label(cat::common::lantian())) }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                header.top { div.bar {
                    a.brand href="/" { (lang.label(cat::common::lantian_industrial_pollution_control())) }
                    nav {
                        @for (s, href, label) in nav {
                            a href=(href) class=[(s == section).then_some("active")] { (label) }
                        }
                    }
                    @if can(Permission::ViewComplaints) {
                        a.inbox href="/inbox" #inbox-link { (lang.label(cat::common::inbox())) " " img.inbox-count src="/inbox/count.svg" alt="" height="18"; }
                    }
                    span.lang {
                        @if lang == Lang::Zh { a href="?lang=en" { "English" } } @else { a href="?lang=zh" { "中文" } }
                    }
                    @if let Some(v) = &ctx.viewer {
                        span.user {
                            a href="/account" class=[(section == Section::Account).then_some("active")] #whoami data-v {
                                (if v.display_name.is_empty() { &v.username } else { &v.display_name })
                            }
                            form.inline method="post" action="/logout" {
                                (csrf_field(ctx))
                                button.link type="submit" #logout { (lang.label(cat::common::sign_out())) }
                            }
                        }
                    }
                } }
                main { h1 { (title) } (body) }
                footer {
                    // The published lists are for the public; their own notice names the issuing body.
                    @if section == Section::Public || ctx.viewer.is_none() { (lang.label(cat::common::lantian_open_source())) }
                    @else { (lang.label(cat::common::lantian_open_source_for_government_intranet())) }
                }
            }
        }
    }
}

/// Format an integer with thousands separators.
pub fn thousands(n: i64) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

pub fn opt_number(v: Option<f64>) -> String {
    v.map(crate::excel::columns::format_number).unwrap_or_default()
}
