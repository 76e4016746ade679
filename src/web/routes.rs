//! Every route the platform exposes, with what it requires. The router is built from
//! this table only, so a route cannot exist without an access rule, and the access
//! matrix test (tests/it/access.rs) walks the same table.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, MethodRouter};

use super::auth::Access;
use super::{api, pages, AppState};
use crate::auth::Permission::*;

pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<Arc<AppState>>,
}

fn r(method: &'static str, path: &'static str, access: Access, handler: MethodRouter<Arc<AppState>>) -> Route {
    Route { method, path, access, handler }
}

pub fn table() -> Vec<Route> {
    use Access::*;
    let upload_limit = || DefaultBodyLimit::max(super::MAX_UPLOAD_BYTES);
    vec![
        // Open to everyone.
        r("GET", "/login", Public, get(pages::login::form)),
        r("POST", "/login", Public, post(pages::login::submit)),
        r("GET", "/healthz", Public, get(|| async { "ok" })),
        r("GET", "/static/app.css", Public, get(super::stylesheet)),
        r("GET", "/static/offline.js", Public, get(super::offline_script)),
        r("GET", "/api/openapi.json", Public, get(api::openapi)),
        r("POST", "/api/login", Public, post(api::login)),
        // Any signed-in account.
        r("POST", "/logout", SignedIn, post(pages::login::logout)),
        r("POST", "/api/logout", SignedIn, post(api::logout)),
        r("GET", "/account", SignedIn, get(pages::account::page)),
        r("POST", "/account/password", SignedIn, post(pages::account::change_password)),
        r("GET", "/api/me", SignedIn, get(api::me)),
        r("GET", "/api/divisions", SignedIn, get(api::divisions)),
        r("GET", "/api/industries", SignedIn, get(api::industries)),
        r("GET", "/api/ledger/template.xlsx", SignedIn, get(api::template)),
        // The ledger, within the account's scope.
        r("GET", "/", Need(ViewLedger), get(pages::home::page)),
        r("GET", "/enterprises", Need(ViewLedger), get(pages::list::page)),
        r("GET", "/enterprises/{id}", Need(ViewLedger), get(pages::dossier::page)),
        r("GET", "/api/enterprises", Need(ViewLedger), get(api::list)),
        r("GET", "/api/enterprises/{id}", Need(ViewLedger), get(api::dossier)),
        r("GET", "/api/stats", Need(ViewLedger), get(api::stats)),
        r("GET", "/import", Need(EditLedger), get(pages::import::form_page)),
        r("POST", "/import", Need(EditLedger), post(pages::import::upload).layer(upload_limit())),
        r("POST", "/api/ledger/import", Need(EditLedger), post(api::import).layer(upload_limit())),
        r("GET", "/api/ledger/export.xlsx", Need(ExportLedger), get(api::export_xlsx)),
        r("GET", "/api/ledger/export.csv", Need(ExportLedger), get(api::export_csv)),
        // Screening, the rule catalogue and exit cases.
        r("GET", "/screening", Need(ViewScreening), get(pages::screening::page)),
        r("POST", "/screening/run", Need(ManageCases), post(pages::screening::run)),
        r("GET", "/screening/why", Need(ViewScreening), get(pages::screening::why)),
        r("GET", "/screening/findings.xlsx", Need(ViewScreening), get(pages::screening::findings_xlsx)),
        r("GET", "/screening/pricing", Need(ViewScreening), get(pages::screening::pricing)),
        r("GET", "/screening/pricing.xlsx", Need(ViewScreening), get(pages::screening::pricing_xlsx)),
        r("GET", "/rules", Need(ViewScreening), get(pages::rules::page)),
        r("GET", "/rules/files/{name}", Need(EditCatalogue), get(pages::rules::edit)),
        r("POST", "/rules/files", Need(EditCatalogue), post(pages::rules::save)),
        r("POST", "/rules/{id}/retire", Need(EditCatalogue), post(pages::rules::retire)),
        r("GET", "/cases", Need(ViewScreening), get(pages::cases::list)),
        r("GET", "/cases/{id}", Need(ViewScreening), get(pages::cases::page)),
        r("POST", "/cases/{id}/step", Need(ManageCases), post(pages::cases::step)),
        r("POST", "/cases/{id}/photos", Need(ManageCases), post(pages::cases::upload_photo).layer(upload_limit())),
        r("GET", "/cases/{id}/photos/{photo}", Need(ViewScreening), get(pages::cases::photo)),
        r("GET", "/cases/statistics.xlsx", Need(ViewScreening), get(pages::cases::statistics)),
        r("GET", "/cases/overdue.csv", Need(ViewScreening), get(pages::cases::overdue_csv)),
        r("GET", "/cases/overdue.json", Need(ViewScreening), get(pages::cases::overdue_json)),
        // Remediation campaigns (散乱污, relocation, custom) and the grid inspectors' patrols.
        r("GET", "/campaigns", Need(ViewCampaigns), get(pages::campaigns::list)),
        r("POST", "/campaigns", Need(ManageCampaigns), post(pages::campaigns::create)),
        r("GET", "/campaigns/{campaign}", Need(ViewCampaigns), get(pages::campaigns::page)),
        r("GET", "/campaigns/{campaign}/items", Need(ViewCampaigns), get(pages::campaigns::items)),
        r("POST", "/campaigns/{campaign}/items", Need(ManageCampaigns), post(pages::campaigns::add_item)),
        r("POST", "/campaigns/{campaign}/import", Need(ManageCampaigns), post(pages::campaigns::import).layer(upload_limit())),
        r("GET", "/campaigns/{campaign}/report.xlsx", Need(ViewCampaigns), get(pages::campaigns::report_xlsx)),
        r("POST", "/campaigns/{campaign}/sweep", Need(ManageCampaigns), post(pages::campaigns::sweep)),
        r("POST", "/campaigns/{campaign}/settings", Need(ManageCampaigns), post(pages::campaigns::settings)),
        r("GET", "/campaign-items/{id}", Need(ViewCampaigns), get(pages::campaign_items::page)),
        r("POST", "/campaign-items/{id}/step", Need(ManageCampaigns), post(pages::campaign_items::step)),
        r("POST", "/campaign-items/{id}/photos", Need(ManageCampaigns), post(pages::campaign_items::upload_photo).layer(upload_limit())),
        r("GET", "/campaign-items/{id}/photos/{photo}", Need(ViewCampaigns), get(pages::campaign_items::photo)),
        r("GET", "/campaign-items/{id}/dossier.zip", Need(ViewCampaigns), get(pages::campaign_items::dossier)),
        r("POST", "/campaign-items/{id}/field-check", Need(Patrol), post(pages::campaign_items::field_check).layer(upload_limit())),
        r("POST", "/campaign-items/{id}/patrol", Need(Patrol), post(pages::campaign_items::patrol).layer(upload_limit())),
        r("GET", "/patrol", Need(Patrol), get(pages::patrol::page)),
        r("GET", "/api/campaigns/{campaign}/summary", Need(ViewCampaigns), get(pages::campaigns::summary_json)),
        r("GET", "/api/campaigns/{campaign}/ranking", Need(ViewCampaigns), get(pages::campaigns::ranking_json)),
        // Enterprise submissions and their review (firstday).
        r("GET", "/submissions", Need(ReviewSubmissions), get(pages::submissions::queue)),
        r("GET", "/submissions/{id}", Need(ReviewSubmissions), get(pages::submissions::page)),
        r("POST", "/submissions/{id}/accept", Need(ReviewSubmissions), post(pages::submissions::accept)),
        r("POST", "/submissions/{id}/return", Need(ReviewSubmissions), post(pages::submissions::return_to_enterprise)),
        r("GET", "/my/submissions", Need(SubmitChanges), get(pages::submissions::mine)),
        r("GET", "/my/cases/{id}", Need(SubmitChanges), get(pages::my_cases::page)),
        r("POST", "/my/cases/{id}/answer", Need(SubmitChanges), post(pages::my_cases::answer)),
        // Online monitoring.
        r("GET", "/monitoring", Need(ViewMonitoring), get(pages::monitoring::page)),
        r("GET", "/metrics", Scrape(ViewPlatformMetrics), get(pages::monitoring::metrics)),
        // Work plans: units, plans and tasks, targets, monthly reports, supervision, the year-end report.
        r("GET", "/plans", Need(ViewPlans), get(pages::plans::list)),
        r("POST", "/plans", Need(ManagePlans), post(pages::plans::create)),
        r("GET", "/plans/units", Need(ViewPlans), get(pages::plans::units_page)),
        r("GET", "/plans/template.xlsx", Need(ViewPlans), get(pages::plans::template)),
        r("GET", "/plans/annual", Need(ViewPlans), get(pages::plans_annual::page)),
        r("GET", "/plans/annual.docx", Need(ViewPlans), get(pages::plans_annual::docx)),
        r("POST", "/plans/annual/texts", Need(ManagePlans), post(pages::plans_annual::save_text)),
        r("GET", "/plans/{plan}", Need(ViewPlans), get(pages::plans::dashboard)),
        r("POST", "/plans/{plan}/import", Need(ManagePlans), post(pages::plans::import).layer(upload_limit())),
        r("GET", "/plans/{plan}/tasks", Need(ViewPlans), get(pages::plans::tasks)),
        r("GET", "/plans/{plan}/tasks/{task}", Need(ManagePlans), get(pages::plans::task_form)),
        r("POST", "/plans/{plan}/tasks/{task}", Need(ManagePlans), post(pages::plans::save_task)),
        r("GET", "/plans/{plan}/targets", Need(ViewPlans), get(pages::plans::targets)),
        r("GET", "/plans/{plan}/projects", Need(ViewPlans), get(pages::plans::projects)),
        r("GET", "/plans/{plan}/reports", Need(ViewPlans), get(pages::plans_reports::list)),
        r("GET", "/plans/{plan}/report", Need(FilePlanReports), get(pages::plans_reports::form)),
        r("POST", "/plans/{plan}/report", Need(FilePlanReports), post(pages::plans_reports::submit).layer(upload_limit())),
        r("GET", "/plans/{plan}/reports/{report}", Need(ViewPlans), get(pages::plans_reports::view)),
        r("POST", "/plans/{plan}/reports/{report}/review", Need(ManagePlans), post(pages::plans_reports::review)),
        r("GET", "/plans/{plan}/reports/{report}/files/{file}", Need(ViewPlans), get(pages::plans_reports::file)),
        r("GET", "/plans/{plan}/consolidated", Need(ViewPlans), get(pages::plans_reports::consolidated)),
        r("GET", "/plans/{plan}/consolidated.xlsx", Need(ViewPlans), get(pages::plans_reports::consolidated_xlsx)),
        r("GET", "/plans/{plan}/notices", Need(ViewPlans), get(pages::plans_reports::notices)),
        r("POST", "/plans/{plan}/notices/issue", Need(ManagePlans), post(pages::plans_reports::issue)),
        r("POST", "/plans/{plan}/notices/{notice}/answer", Need(FilePlanReports), post(pages::plans_reports::answer)),
        r("GET", "/api/plans", Need(ViewPlans), get(super::plans_api::plans)),
        r("GET", "/api/plans/{plan}/tasks", Need(ViewPlans), get(super::plans_api::tasks)),
        r("GET", "/api/plans/{plan}/targets", Need(ViewPlans), get(super::plans_api::targets)),
        r("GET", "/api/plans/{plan}/reports", Need(ViewPlans), get(super::plans_api::reports)),
        // Monitoring analytics (issue 9): the outlet page, its export, data marks.
        r("GET", "/enforcement/exceedances", Need(ViewMonitoring), get(pages::exceedances::page)),
        r("GET", "/enforcement/exceedances/export.xlsx", Need(ViewMonitoring), get(pages::exceedances::export)),
        // Leads (线索) and enforcement cases (issue 10 item 3).
        r("GET", "/enforcement/leads", Need(ViewEnforcement), get(pages::leads::list)),
        r("GET", "/enforcement/leads/export.xlsx", Need(ViewEnforcement), get(pages::leads::export)),
        r("GET", "/enforcement/leads/{id}", Need(ViewEnforcement), get(pages::leads::page)),
        r("POST", "/enforcement/leads/{id}/decide", Need(ManageEnforcement), post(pages::leads::decide)),
        r("GET", "/enforcement/cases", Need(ViewEnforcement), get(pages::enforcement_cases::list)),
        r("GET", "/enforcement/cases/export.xlsx", Need(ViewEnforcement), get(pages::enforcement_cases::export)),
        r("GET", "/enforcement/cases/{id}", Need(ViewEnforcement), get(pages::enforcement_cases::page)),
        r("POST", "/enforcement/cases/{id}/step", Need(ManageEnforcement), post(pages::enforcement_cases::step)),
        r("POST", "/enforcement/cases/{id}/documents", Need(ManageEnforcement), post(pages::enforcement_cases::upload).layer(upload_limit())),
        r("GET", "/enforcement/cases/{id}/documents/{document}", Need(ViewEnforcement), get(pages::enforcement_cases::document)),
        r("GET", "/monitoring/outlets/{credit}/{outlet}", Need(ViewMonitoring), get(pages::outlet::page)),
        r("GET", "/monitoring/outlets/{credit}/{outlet}/export.xlsx", Need(ViewMonitoring), get(pages::outlet::export)),
        r("POST", "/monitoring/outlets/{credit}/{outlet}/marks", Need(MarkMonitoring), post(pages::outlet::add_mark).layer(upload_limit())),
        r("POST", "/monitoring/marks/{id}/withdraw", Need(MarkMonitoring), post(pages::outlet::withdraw_mark)),
        r("GET", "/monitoring/marks/{id}/proof", Need(ViewMonitoring), get(pages::outlet::proof)),
        // The fused emission inventory, its factors and what-if scenarios (issue 13).
        r("GET", "/inventory", Need(ViewLedger), get(pages::inventory::page)),
        r("GET", "/inventory/export.xlsx", Need(ExportLedger), get(pages::inventory::export)),
        r("GET", "/inventory/factors", Need(ViewLedger), get(pages::inventory::factors)),
        r("GET", "/inventory/enterprises/{id}", Need(ViewLedger), get(pages::inventory::enterprise)),
        r("GET", "/inventory/scenarios", Need(ViewPlans), get(pages::inventory::scenarios)),
        r("POST", "/inventory/scenarios", Need(ViewPlans), post(pages::inventory::create)),
        r("GET", "/inventory/scenarios/{id}", Need(ViewPlans), get(pages::inventory::scenario_page)),
        r("GET", "/inventory/scenarios/{id}/export.xlsx", Need(ViewPlans), get(pages::inventory::scenario_export)),
        // Emissions against the permit and the environmental protection tax (issue 10 items 4–5).
        r("GET", "/tax", Need(ViewMonitoring), get(pages::tax::page)),
        r("GET", "/tax/quarter.xlsx", Need(ViewMonitoring), get(pages::tax::quarter_xlsx)),
        r("GET", "/tax/emissions", Need(ViewMonitoring), get(pages::tax::emissions)),
        r("GET", "/tax/outlets/{credit}/{outlet}", Need(ViewMonitoring), get(pages::tax::outlet)),
        r("GET", "/my/tax", Need(SubmitChanges), get(pages::tax::mine)),
        // The pollution–carbon synergy evaluation (issue 13 item 4).
        r("GET", "/synergy", Need(ViewSynergy), get(pages::synergy::page)),
        r("GET", "/synergy/district", Need(ViewSynergy), get(pages::synergy::district)),
        r("GET", "/synergy/export.xlsx", Need(ViewSynergy), get(pages::synergy::export_xlsx)),
        r("GET", "/synergy/values", Need(ManageSynergy), get(pages::synergy::values)),
        r("POST", "/synergy/values", Need(ManageSynergy), post(pages::synergy::enter)),
        r("POST", "/synergy/import", Need(ManageSynergy), post(pages::synergy::import).layer(upload_limit())),
        r("GET", "/synergy/values/template.csv", Need(ManageSynergy), get(pages::synergy::template)),
        r("POST", "/synergy/evaluate", Need(ManageSynergy), post(pages::synergy::evaluate)),
        r("GET", "/synergy/system", Need(ManageSynergy), get(pages::synergy::system_page)),
        r("POST", "/synergy/system", Need(ManageSynergy), post(pages::synergy::save_system)),
        // Published lists, open to the public.
        r("GET", "/public", Public, get(pages::public::page)),
        r("GET", "/public/rectification.csv", Public, get(pages::public::rectification_csv)),
        r("GET", "/public/closed.csv", Public, get(pages::public::closed_csv)),
        // Administration.
        r("GET", "/admin/users", Need(ManageUsers), get(pages::admin::users)),
        r("POST", "/admin/users", Need(ManageUsers), post(pages::admin::add_user)),
        r("POST", "/admin/users/{username}/disable", Need(ManageUsers), post(pages::admin::disable)),
        r("POST", "/admin/users/{username}/enable", Need(ManageUsers), post(pages::admin::enable)),
        r("POST", "/admin/users/{username}/password", Need(ManageUsers), post(pages::admin::reset_password)),
        // Sign-in lockouts (firstday).
        r("POST", "/admin/users/{username}/unlock", Need(ManageUsers), post(pages::admin::unlock)),
        r("GET", "/api/users", Need(ManageUsers), get(api::users)),
        r("GET", "/admin/audit", Need(ViewAudit), get(pages::admin::audit)),
        r("GET", "/api/audit/verify", Need(ViewAudit), get(api::audit_verify)),
        // ledgerux (issue 16): local rules from a form.
        r("GET", "/rules/new", Need(EditCatalogue), get(pages::rule_form::form)),
        r("POST", "/rules/new", Need(EditCatalogue), post(pages::rule_form::submit)),
    ]
}
