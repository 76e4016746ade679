//! The access matrix: every route the router exposes, for every role (and the
//! anonymous public), at a record inside and a record outside the account's
//! jurisdiction. The expected permissions are written out here independently of
//! `lantian::auth` (this test is the oracle), and a route without a row fails.

use std::collections::{BTreeSet, HashMap};

use lantian::auth::Permission::{self, *};
use lantian::auth::{Role, Scope};
use lantian::ledger::model::EnterpriseBundle;
use lantian::web::auth::Access;
use reqwest::StatusCode;

use crate::support::*;

/// How a route is exercised and what success looks like.
#[derive(Clone, Copy, Debug)]
enum Probe {
    /// No record involved. Statuses for the anonymous public and for a signed-in account allowed in.
    Plain { anonymous: u16, signed_in: u16 },
    /// `{id}` is an enterprise id: inside the scope `ok`, outside 404 (as if it did not exist).
    Record { ok: u16 },
    /// A listing filtered with `?q=<credit code>`: the record shows inside the scope only.
    Listing,
    /// Import the record as a one-row CSV (dry run, update): inside 200, outside 422.
    ImportApi,
    /// The same through the upload form (multipart, CSRF field).
    ImportPage,
    /// An administrator's form post, with its body; allowed → `ok`.
    AdminForm { ok: u16 },
    /// `{id}` is an exit case of the record's enterprise: inside `ok`, outside 404.
    Case { ok: u16 },
    /// `?code=` names the record: inside 200, outside 404.
    WhyCode,
    /// `{credit}/{outlet}` is the record's first outlet: inside `ok`, outside 404.
    Outlet { ok: u16 },
}

struct Row {
    method: &'static str,
    path: &'static str,
    access: Access,
    probe: Probe,
}

fn rows() -> Vec<Row> {
    use Access::*;
    use Probe::*;
    let row = |method, path, access, probe| Row { method, path, access, probe };
    vec![
        row("GET", "/login", Public, Plain { anonymous: 200, signed_in: 303 }),
        row("POST", "/login", Public, Plain { anonymous: 401, signed_in: 401 }),
        row("GET", "/healthz", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/static/app.css", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/static/offline.js", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/api/openapi.json", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("POST", "/api/login", Public, Plain { anonymous: 401, signed_in: 401 }),
        row("POST", "/logout", SignedIn, Plain { anonymous: 401, signed_in: 303 }),
        row("POST", "/api/logout", SignedIn, Plain { anonymous: 401, signed_in: 204 }),
        row("GET", "/account", SignedIn, Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/account/password", SignedIn, Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/api/me", SignedIn, Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/api/divisions", SignedIn, Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/api/industries", SignedIn, Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/api/ledger/template.xlsx", SignedIn, Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/", Need(ViewLedger), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/enterprises", Need(ViewLedger), Listing),
        row("GET", "/enterprises/{id}", Need(ViewLedger), Record { ok: 200 }),
        row("GET", "/api/enterprises", Need(ViewLedger), Listing),
        row("GET", "/api/enterprises/{id}", Need(ViewLedger), Record { ok: 200 }),
        row("GET", "/api/stats", Need(ViewLedger), Listing),
        row("GET", "/import", Need(EditLedger), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/import", Need(EditLedger), ImportPage),
        row("POST", "/api/ledger/import", Need(EditLedger), ImportApi),
        row("GET", "/api/ledger/export.xlsx", Need(ExportLedger), Listing),
        row("GET", "/api/ledger/export.csv", Need(ExportLedger), Listing),
        row("GET", "/screening", Need(ViewScreening), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/screening/run", Need(ManageCases), Plain { anonymous: 401, signed_in: 303 }),
        row("GET", "/screening/why", Need(ViewScreening), WhyCode),
        row("GET", "/screening/findings.xlsx", Need(ViewScreening), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/screening/pricing", Need(ViewScreening), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/screening/pricing.xlsx", Need(ViewScreening), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/rules", Need(ViewScreening), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/rules/files/{name}", Need(EditCatalogue), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/rules/files", Need(EditCatalogue), Plain { anonymous: 401, signed_in: 422 }),
        row("POST", "/rules/{id}/retire", Need(EditCatalogue), Plain { anonymous: 401, signed_in: 404 }),
        row("GET", "/cases", Need(ViewScreening), Listing),
        row("GET", "/cases/{id}", Need(ViewScreening), Case { ok: 200 }),
        row("POST", "/cases/{id}/step", Need(ManageCases), Case { ok: 422 }),
        row("POST", "/cases/{id}/photos", Need(ManageCases), Case { ok: 422 }),
        row("GET", "/cases/{id}/photos/{photo}", Need(ViewScreening), Case { ok: 200 }),
        row("GET", "/cases/statistics.xlsx", Need(ViewScreening), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/cases/overdue.csv", Need(ViewScreening), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/cases/overdue.json", Need(ViewScreening), Plain { anonymous: 303, signed_in: 200 }),
        // Campaigns: campaign 1 covers the demo city; items (and their photos) are numbered as their enterprise.
        row("GET", "/campaigns", Need(ViewCampaigns), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/campaigns", Need(ManageCampaigns), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/campaigns/{campaign}", Need(ViewCampaigns), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/campaigns/{campaign}/items", Need(ViewCampaigns), Listing),
        row("POST", "/campaigns/{campaign}/items", Need(ManageCampaigns), Plain { anonymous: 401, signed_in: 422 }),
        row("POST", "/campaigns/{campaign}/import", Need(ManageCampaigns), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/campaigns/{campaign}/report.xlsx", Need(ViewCampaigns), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/campaigns/{campaign}/sweep", Need(ManageCampaigns), Plain { anonymous: 401, signed_in: 303 }),
        row("POST", "/campaigns/{campaign}/settings", Need(ManageCampaigns), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/campaign-items/{id}", Need(ViewCampaigns), Case { ok: 200 }),
        row("POST", "/campaign-items/{id}/step", Need(ManageCampaigns), Case { ok: 422 }),
        row("POST", "/campaign-items/{id}/photos", Need(ManageCampaigns), Case { ok: 422 }),
        row("GET", "/campaign-items/{id}/photos/{photo}", Need(ViewCampaigns), Case { ok: 200 }),
        row("GET", "/campaign-items/{id}/dossier.zip", Need(ViewCampaigns), Case { ok: 200 }),
        row("POST", "/campaign-items/{id}/field-check", Need(Patrol), Case { ok: 422 }),
        row("POST", "/campaign-items/{id}/patrol", Need(Patrol), Case { ok: 422 }),
        row("GET", "/patrol", Need(Patrol), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/api/campaigns/{campaign}/summary", Need(ViewCampaigns), Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/api/campaigns/{campaign}/ranking", Need(ViewCampaigns), Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/monitoring", Need(ViewMonitoring), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/metrics", Scrape(ViewPlatformMetrics), Plain { anonymous: 401, signed_in: 200 }),
        // Work plans (the demo pilot plan is plan 1; its first task, report and notice are 1).
        row("GET", "/plans", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/plans", Need(ManagePlans), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/plans/units", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/plans/template.xlsx", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/plans/annual", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/plans/annual.docx", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/plans/annual/texts", Need(ManagePlans), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/plans/{plan}", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/plans/{plan}/import", Need(ManagePlans), Plain { anonymous: 401, signed_in: 400 }),
        row("GET", "/plans/{plan}/tasks", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/plans/{plan}/tasks/{task}", Need(ManagePlans), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/plans/{plan}/tasks/{task}", Need(ManagePlans), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/plans/{plan}/targets", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/plans/{plan}/projects", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/plans/{plan}/projects/{project}/scenario", Need(ManagePlans), Plain { anonymous: 401, signed_in: 303 }),
        row("GET", "/plans/{plan}/reports", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/plans/{plan}/report", Need(FilePlanReports), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/plans/{plan}/report", Need(FilePlanReports), Plain { anonymous: 401, signed_in: 400 }),
        row("GET", "/plans/{plan}/reports/{report}", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/plans/{plan}/reports/{report}/review", Need(ManagePlans), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/plans/{plan}/reports/{report}/files/{file}", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/plans/{plan}/consolidated", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/plans/{plan}/consolidated.xlsx", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/plans/{plan}/notices", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/plans/{plan}/notices/issue", Need(ManagePlans), Plain { anonymous: 401, signed_in: 303 }),
        row("POST", "/plans/{plan}/notices/{notice}/answer", Need(FilePlanReports), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/api/plans", Need(ViewPlans), Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/api/plans/{plan}/tasks", Need(ViewPlans), Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/api/plans/{plan}/targets", Need(ViewPlans), Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/api/plans/{plan}/reports", Need(ViewPlans), Plain { anonymous: 401, signed_in: 200 }),
        row("GET", "/enforcement/exceedances", Need(ViewMonitoring), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/enforcement/exceedances/export.xlsx", Need(ViewMonitoring), Plain { anonymous: 303, signed_in: 200 }),
        // Leads and enforcement cases: fixtures numbered as their enterprise (lead = case = document id).
        row("GET", "/enforcement/leads", Need(ViewEnforcement), Listing),
        row("GET", "/enforcement/leads/export.xlsx", Need(ViewEnforcement), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/enforcement/leads/{id}", Need(ViewEnforcement), Case { ok: 200 }),
        row("POST", "/enforcement/leads/{id}/decide", Need(ManageEnforcement), Case { ok: 422 }),
        row("GET", "/enforcement/cases", Need(ViewEnforcement), Listing),
        row("GET", "/enforcement/cases/export.xlsx", Need(ViewEnforcement), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/enforcement/cases/{id}", Need(ViewEnforcement), Case { ok: 200 }),
        row("POST", "/enforcement/cases/{id}/step", Need(ManageEnforcement), Case { ok: 422 }),
        row("POST", "/enforcement/cases/{id}/documents", Need(ManageEnforcement), Case { ok: 422 }),
        row("GET", "/enforcement/cases/{id}/documents/{document}", Need(ViewEnforcement), Case { ok: 200 }),
        row("GET", "/monitoring/outlets/{credit}/{outlet}", Need(ViewMonitoring), Outlet { ok: 200 }),
        row("GET", "/monitoring/outlets/{credit}/{outlet}/export.xlsx", Need(ViewMonitoring), Outlet { ok: 200 }),
        row("POST", "/monitoring/outlets/{credit}/{outlet}/marks", Need(MarkMonitoring), Outlet { ok: 422 }),
        row("POST", "/monitoring/marks/{id}/withdraw", Need(MarkMonitoring), Plain { anonymous: 401, signed_in: 404 }),
        row("GET", "/monitoring/marks/{id}/proof", Need(ViewMonitoring), Plain { anonymous: 303, signed_in: 404 }),
        // The fused inventory (issue 13): scenario fixtures are numbered as their enterprise, in its division.
        row("GET", "/inventory", Need(ViewLedger), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/inventory/export.xlsx", Need(ExportLedger), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/inventory/factors", Need(ViewLedger), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/inventory/enterprises/{id}", Need(ViewLedger), Record { ok: 200 }),
        row("GET", "/inventory/scenarios", Need(ViewPlans), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/inventory/scenarios", Need(ViewPlans), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/inventory/scenarios/{id}", Need(ViewPlans), Case { ok: 200 }),
        row("GET", "/inventory/scenarios/{id}/export.xlsx", Need(ViewPlans), Case { ok: 200 }),
        row("GET", "/tax", Need(ViewMonitoring), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/tax/quarter.xlsx", Need(ViewMonitoring), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/tax/emissions", Need(ViewMonitoring), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/tax/outlets/{credit}/{outlet}", Need(ViewMonitoring), Outlet { ok: 200 }),
        row("GET", "/my/tax", Need(SubmitChanges), Plain { anonymous: 303, signed_in: 200 }),
        // Energy (issue 18): renovation items are numbered as their enterprise.
        row("GET", "/energy", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/energy/evaluation", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/energy/evaluation.xlsx", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/energy/enterprises/{id}", Need(ViewSynergy), Record { ok: 200 }),
        row("POST", "/energy/targets", Need(ManagePlans), Plain { anonymous: 401, signed_in: 422 }),
        row("POST", "/energy/diagnoses", Need(ManagePlans), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/energy/renovation", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/energy/renovation.xlsx", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/energy/renovation/refresh", Need(ManagePlans), Plain { anonymous: 401, signed_in: 303 }),
        row("GET", "/energy/renovation/{id}", Need(ViewSynergy), Case { ok: 200 }),
        row("POST", "/energy/renovation/{id}/progress", Need(ManagePlans), Case { ok: 422 }),
        row("GET", "/energy/relocation", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/energy/relocation.xlsx", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 200 }),
        // The synergy evaluation: no evaluation stored in this fixture (pages say so; the export is 404).
        row("GET", "/synergy", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/synergy/district", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 404 }),
        row("GET", "/synergy/export.xlsx", Need(ViewSynergy), Plain { anonymous: 303, signed_in: 404 }),
        row("GET", "/synergy/values", Need(ManageSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/synergy/values", Need(ManageSynergy), Plain { anonymous: 401, signed_in: 422 }),
        row("POST", "/synergy/import", Need(ManageSynergy), Plain { anonymous: 401, signed_in: 400 }),
        row("GET", "/synergy/values/template.csv", Need(ManageSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/synergy/evaluate", Need(ManageSynergy), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/synergy/system", Need(ManageSynergy), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/synergy/system", Need(ManageSynergy), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/public", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/public/rectification.csv", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/public/closed.csv", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/public/campaigns.csv", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/public/exceedances.csv", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/public/map", Public, Plain { anonymous: 200, signed_in: 200 }),
        // Nothing of the fixture's enterprises is published (accepted campaign items, cases
        // identified): their public page is 404; `the_public_sees_published_items_only` has both.
        row("GET", "/public/enterprises/{credit}", Public, Plain { anonymous: 404, signed_in: 404 }),
        row("GET", "/publication", Need(ManageCases), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/publication/items", Need(ManageCases), Plain { anonymous: 401, signed_in: 422 }),
        row("POST", "/publication/lists", Need(ManageCases), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/dashboard", Need(ViewDashboard), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/admin/users", Need(ManageUsers), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/admin/users", Need(ManageUsers), AdminForm { ok: 200 }),
        row("POST", "/admin/users/{username}/disable", Need(ManageUsers), AdminForm { ok: 303 }),
        row("POST", "/admin/users/{username}/enable", Need(ManageUsers), AdminForm { ok: 303 }),
        row("POST", "/admin/users/{username}/password", Need(ManageUsers), AdminForm { ok: 200 }),
        row("POST", "/admin/users/{username}/unlock", Need(ManageUsers), AdminForm { ok: 200 }),
        row("GET", "/api/users", Need(ManageUsers), Plain { anonymous: 401, signed_in: 200 }),
        // Submissions: fixtures numbered as their enterprise, already returned (so deciding again is 409).
        row("GET", "/submissions", Need(ReviewSubmissions), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/submissions/{id}", Need(ReviewSubmissions), Case { ok: 200 }),
        row("POST", "/submissions/{id}/accept", Need(ReviewSubmissions), Case { ok: 409 }),
        row("POST", "/submissions/{id}/return", Need(ReviewSubmissions), Case { ok: 409 }),
        row("GET", "/my/submissions", Need(SubmitChanges), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/my/cases/{id}", Need(SubmitChanges), Case { ok: 200 }),
        row("POST", "/my/cases/{id}/answer", Need(SubmitChanges), Case { ok: 422 }),
        row("GET", "/admin/audit", Need(ViewAudit), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/api/audit/verify", Need(ViewAudit), Plain { anonymous: 401, signed_in: 200 }),
        // Complaints (举报) and Open311 (issue 14): complaint fixtures (and one photo each) numbered as their enterprise.
        row("GET", "/static/complaints.js", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/public/complaints", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/public/complaints/new", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("POST", "/public/complaints", Public, Plain { anonymous: 400, signed_in: 400 }),
        row("GET", "/public/complaints/{tracking}", Public, Plain { anonymous: 404, signed_in: 404 }),
        row("POST", "/public/complaints/{tracking}/join", Public, Plain { anonymous: 404, signed_in: 404 }),
        row("GET", "/complaints", Need(ViewComplaints), Listing),
        row("GET", "/complaints/export.xlsx", Need(ViewComplaints), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/complaints/{id}", Need(ViewComplaints), Case { ok: 200 }),
        row("POST", "/complaints/{id}/step", Need(HandleComplaints), Case { ok: 422 }),
        row("GET", "/complaints/{id}/photos/{photo}", Need(ViewComplaints), Case { ok: 200 }),
        row("GET", "/inbox", Need(ViewComplaints), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/inbox/count.svg", Need(ViewComplaints), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/admin/open311", Need(ManageUsers), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/admin/open311/keys", Need(ManageUsers), AdminForm { ok: 422 }),
        row("GET", "/open311/v2/discovery.json", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/open311/v2/discovery.xml", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/open311/v2/services.json", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/open311/v2/services.xml", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/open311/v2/services/{file}", Public, Plain { anonymous: 400, signed_in: 400 }),
        row("GET", "/open311/v2/requests.json", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("GET", "/open311/v2/requests.xml", Public, Plain { anonymous: 200, signed_in: 200 }),
        row("POST", "/open311/v2/requests.json", Public, Plain { anonymous: 403, signed_in: 403 }),
        row("POST", "/open311/v2/requests.xml", Public, Plain { anonymous: 403, signed_in: 403 }),
        row("GET", "/open311/v2/requests/{file}", Public, Plain { anonymous: 400, signed_in: 400 }),
        row("GET", "/open311/v2/tokens/{file}", Public, Plain { anonymous: 400, signed_in: 400 }),
        // ledgerux (issue 16)
        row("GET", "/rules/new", Need(EditCatalogue), Plain { anonymous: 303, signed_in: 200 }),
        row("POST", "/rules/new", Need(EditCatalogue), Plain { anonymous: 401, signed_in: 422 }),
        // Project admission review (issue 18 item 3): one fixture project per enterprise, numbered as it.
        row("GET", "/admission", Need(ViewAdmission), Listing),
        row("POST", "/admission", Need(SubmitAdmission), Plain { anonymous: 401, signed_in: 422 }),
        row("GET", "/admission/new", Need(SubmitAdmission), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/admission/export.xlsx", Need(ViewAdmission), Plain { anonymous: 303, signed_in: 200 }),
        row("GET", "/admission/{id}", Need(ViewAdmission), Case { ok: 200 }),
        row("POST", "/admission/{id}/check", Need(ReviewAdmission), Case { ok: 303 }),
        row("POST", "/admission/{id}/opinion", Need(ReviewAdmission), Case { ok: 422 }),
        row("POST", "/admission/{id}/decide", Need(ReviewAdmission), Case { ok: 422 }),
        row("POST", "/admission/{id}/publish", Need(ReviewAdmission), Case { ok: 422 }),
    ]
}

/// What each demo account may do: the policy as the test expects it.
fn expected_permissions(username: &str) -> &'static [Permission] {
    match username {
        "admin" => &[
            ViewLedger, EditLedger, ExportLedger, ViewMonitoring, ManageUsers, ViewAudit, ViewScreening, ManageCases, EditCatalogue, ViewCampaigns,
            ManageCampaigns, Patrol, ViewPlans, ManagePlans, MarkMonitoring, ReviewSubmissions, ViewPlatformMetrics, ViewEnforcement, ManageEnforcement,
            ViewSynergy, ManageSynergy, ViewComplaints, HandleComplaints, ViewAdmission, SubmitAdmission, ReviewAdmission, ViewDashboard,
        ],
        "city-industry" => &[
            ViewLedger, EditLedger, ExportLedger, ViewScreening, ManageCases, EditCatalogue, ViewCampaigns, ManageCampaigns, ViewPlans, FilePlanReports,
            ManagePlans, ReviewSubmissions, ViewPlatformMetrics, ViewEnforcement, ViewSynergy, ViewComplaints, HandleComplaints, ViewAdmission, SubmitAdmission,
            ReviewAdmission, ViewDashboard,
        ],
        "county-market" => &[
            ViewLedger, EditLedger, ExportLedger, ViewScreening, ManageCases, ViewCampaigns, ManageCampaigns, ViewPlans, FilePlanReports, ReviewSubmissions, ViewPlatformMetrics,
            ViewEnforcement, ViewSynergy, ViewComplaints, HandleComplaints, ViewAdmission, ViewDashboard,
        ],
        "township" => &[ViewLedger, EditLedger, ExportLedger, ViewScreening, ViewCampaigns, ManageCampaigns, Patrol, ViewPlans, FilePlanReports, ViewEnforcement],
        "city-environment" => &[
            ViewLedger, EditLedger, ExportLedger, ViewMonitoring, ViewScreening, ManageCases, ViewCampaigns, ManageCampaigns, ViewPlans, FilePlanReports,
            MarkMonitoring, ReviewSubmissions, ViewPlatformMetrics, ViewEnforcement, ManageEnforcement, ViewSynergy, ManageSynergy, ViewComplaints, HandleComplaints,
            ViewAdmission, SubmitAdmission, ReviewAdmission, ViewDashboard,
        ],
        "city-development" => &[
            ViewLedger, ExportLedger, ViewScreening, ManageCases, EditCatalogue, ViewCampaigns, ViewPlans, FilePlanReports, ManagePlans, ViewPlatformMetrics, ViewEnforcement,
            ViewSynergy, ViewComplaints, HandleComplaints, ViewAdmission, SubmitAdmission, ReviewAdmission, ViewDashboard,
        ],
        "county-emergency" => &[
            ViewLedger, ExportLedger, ViewScreening, ManageCases, ViewCampaigns, ManageCampaigns, ViewPlans, FilePlanReports, ViewPlatformMetrics, ViewEnforcement, ViewSynergy,
            ViewComplaints, HandleComplaints, ViewAdmission, ViewDashboard,
        ],
        "grid" => &[ViewLedger, ViewCampaigns, Patrol],
        "enterprise" => &[ViewLedger, EditLedger, ViewMonitoring, MarkMonitoring, SubmitChanges, ViewAdmission, SubmitAdmission],
        other => panic!("no expectations for {other}"),
    }
}

#[test]
fn every_route_has_a_row_and_every_row_a_route() {
    let table: BTreeSet<(String, String, String)> = lantian::web::routes::table()
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string(), format!("{:?}", r.access)))
        .collect();
    let expected: BTreeSet<(String, String, String)> =
        rows().iter().map(|r| (r.method.to_string(), r.path.to_string(), format!("{:?}", r.access))).collect();
    let missing: Vec<_> = table.difference(&expected).collect();
    let stale: Vec<_> = expected.difference(&table).collect();
    assert!(missing.is_empty(), "routes without a row in the access matrix (or with a different access rule): {missing:?}");
    assert!(stale.is_empty(), "rows for routes the router does not expose: {stale:?}");
}

struct Who {
    username: Option<&'static str>,
    client: reqwest::Client,
    csrf: String,
    inside: Option<EnterpriseBundle>,
    outside: Option<EnterpriseBundle>,
}

async fn anonymous(base: &str) -> Who {
    let client = cookie_client();
    let page = client.get(format!("{base}/login")).send().await.unwrap().text().await.unwrap();
    let csrf = page.split("name=\"_csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    Who { username: None, client, csrf, inside: None, outside: None }
}

async fn signed_in(base: &str, username: &'static str, city: &lantian::demo::DemoCity, ids: &HashMap<String, i64>) -> Who {
    let s = login(base, username).await;
    let me: serde_json::Value = s.client.get(format!("{base}/api/me")).send().await.unwrap().json().await.unwrap();
    let role = Role::parse(me["role"].as_str().unwrap()).unwrap();
    let account = lantian::demo::accounts::accounts(city).into_iter().find(|u| u.username == username).unwrap();
    let scope = Scope::of_account(role, &account.divisions.join(" "), &account.enterprise_code);
    let admitted = |b: &&EnterpriseBundle| scope.admits(&b.enterprise.division_code, &b.enterprise.credit_code);
    // A record with an outlet where there is one (the outlet pages need it).
    let inside = city.bundles.iter().filter(admitted).find(|b| !b.outlets.is_empty()).or_else(|| city.bundles.iter().find(admitted)).cloned();
    let outside = city.bundles.iter().find(|b| !admitted(b)).cloned();
    assert!(inside.is_some(), "{username} has an enterprise in scope");
    assert!(scope == Scope::All || outside.is_some(), "{username} has an enterprise outside scope");
    for b in inside.iter().chain(outside.iter()) {
        assert!(ids.contains_key(&b.enterprise.credit_code));
    }
    Who { username: Some(username), client: s.client, csrf: s.csrf, inside, outside }
}

fn csv_of(b: &EnterpriseBundle) -> Vec<u8> {
    lantian::excel::export::enterprises_csv(std::slice::from_ref(b))
}

/// Send the probe's request for one record (or none) and return status and body.
async fn send(base: &str, who: &Who, row: &Row, record: Option<&EnterpriseBundle>, ids: &HashMap<String, i64>, n: usize) -> (StatusCode, Vec<u8>) {
    let code = record.map(|b| b.enterprise.credit_code.clone()).unwrap_or_default();
    // Fixture cases and photos are numbered after their enterprise: case id = photo id = enterprise id.
    let id = record.map(|b| ids[&b.enterprise.credit_code]).unwrap_or(999_999);
    let path = row
        .path
        .replace("{id}", &id.to_string())
        .replace("{photo}", &id.to_string())
        .replace("{document}", &id.to_string())
        .replace("{username}", "victim")
        .replace("{name}", "cement.toml")
        .replace("{campaign}", "1")
        .replace("{plan}", "1")
        .replace("{task}", "1")
        .replace("{project}", "1")
        .replace("{report}", "1")
        .replace("{file}", "1")
        .replace("{notice}", "1")
        .replace("{credit}", &code)
        .replace("{outlet}", &record.and_then(|b| b.outlets.first()).map(|o| o.code.clone()).unwrap_or_else(|| "DA001".into()));
    let path = if path.ends_with("/retire") { "/rules/no-such-rule/retire".to_string() } else { path };
    let c = &who.client;
    let request = match (row.method, row.probe) {
        ("GET", Probe::Listing) => c.get(format!("{base}{path}?q={code}")),
        ("GET", Probe::WhyCode) => c.get(format!("{base}{path}?code={code}")),
        ("POST", _) if path.starts_with("/campaigns/") && path.ends_with("/import") => {
            let form = reqwest::multipart::Form::new().text("_csrf", who.csrf.clone()).part("file", reqwest::multipart::Part::bytes(Vec::new()).file_name("empty.csv"));
            c.post(format!("{base}{path}")).multipart(form)
        }
        ("POST", Probe::Case { .. }) if path.ends_with("/photos") || path.ends_with("/patrol") || path.ends_with("/field-check") || path.ends_with("/documents") => {
            let form = reqwest::multipart::Form::new()
                .text("_csrf", who.csrf.clone())
                .text("stage", "before")
                .part("photo", reqwest::multipart::Part::bytes(b"not an image".to_vec()).file_name("x.jpg"));
            c.post(format!("{base}{path}")).multipart(form)
        }
        ("POST", Probe::Outlet { .. }) => {
            let form = reqwest::multipart::Form::new().text("_csrf", who.csrf.clone()).text("kind", "维护");
            c.post(format!("{base}{path}")).multipart(form)
        }
        ("GET", _) => c.get(format!("{base}{path}")),
        ("POST", Probe::ImportApi) => c
            .post(format!("{base}{path}?format=csv&dry_run=true&update=true"))
            .header("x-csrf-token", &who.csrf)
            .body(record.map(csv_of).unwrap_or_default()),
        ("POST", Probe::ImportPage) => {
            let form = reqwest::multipart::Form::new()
                .text("_csrf", who.csrf.clone())
                .text("dry_run", "1")
                .text("update", "1")
                .part("file", reqwest::multipart::Part::bytes(record.map(csv_of).unwrap_or_default()).file_name("one.csv"));
            c.post(format!("{base}{path}")).multipart(form)
        }
        ("POST", _) if path == "/api/login" => {
            c.post(format!("{base}{path}")).json(&serde_json::json!({ "username": "admin", "password": "wrong-Password-1" }))
        }
        ("POST", _) if path.starts_with("/api/") => c.post(format!("{base}{path}")).header("x-csrf-token", &who.csrf),
        ("POST", _) => {
            let mut form = vec![("_csrf".to_string(), who.csrf.clone())];
            let extra: Vec<(&str, String)> = match path.as_str() {
                "/login" => vec![("username", "admin".into()), ("password", "wrong-Password-1".into())],
                // The right current password and a new one breaking the rules (422): a wrong
                // current password would count towards the lockout, which other rows' sign-ins
                // with wrong passwords bring close for the administrator (see password_change.rs).
                "/account/password" => vec![("current", lantian::demo::accounts::DEMO_PASSWORD.into()), ("new", "short".into())],
                "/rules/files" => vec![("name", "zz-probe.toml".into()), ("text", "[[rule]]\nid = ".into())],
                p if p.ends_with("/step") => vec![("action", "publish".into())],
                // A dissent without its reasons: refused for every department (422), nothing stored.
                p if p.starts_with("/admission/") && p.ends_with("/opinion") => vec![("stance", "disagree".into())],
                "/admin/users" => vec![
                    ("username", format!("probe{n}")),
                    ("role", "grid".into()),
                    ("divisions", ids_cell(record)),
                    ("password", "Probe-Pass-2026".into()),
                ],
                p if p.ends_with("/password") => vec![("password", "Target-Pass-2027".into())],
                _ => vec![],
            };
            form.extend(extra.into_iter().map(|(k, v)| (k.to_string(), v)));
            c.post(format!("{base}{path}")).form(&form)
        }
        (m, _) => panic!("method {m}"),
    };
    let r = request.send().await.unwrap();
    let status = r.status();
    (status, r.bytes().await.unwrap().to_vec())
}

fn ids_cell(record: Option<&EnterpriseBundle>) -> String {
    record.map(|b| b.enterprise.division_code.clone()).filter(|c| c.len() == 12).unwrap_or_else(|| "612002001001".into())
}

fn shows(body: &[u8], path: &str, code: &str, id: i64) -> bool {
    match path {
        // The page repeats the search term in its search box: look for the row's link.
        "/enterprises" => String::from_utf8_lossy(body).contains(&format!("href=\"/enterprises/{id}\"")),
        "/campaigns/{campaign}/items" => String::from_utf8_lossy(body).contains(&format!("href=\"/campaign-items/{id}\"")),
        // The case list repeats the search term too: look for the code in a row of the table.
        "/cases" => String::from_utf8_lossy(body).contains(&format!("<code class=\"small\">{code}</code>")),
        // Lead and case lists repeat the search term in their filter form: look for the row.
        "/enforcement/leads" | "/enforcement/cases" => String::from_utf8_lossy(body).contains(&format!("data-credit=\"{code}\"")),
        // The complaint list repeats the search term too: look for the fixture's row.
        "/complaints" => String::from_utf8_lossy(body).contains(&format!("data-tracking=\"FX{code}\"")),
        "/api/stats" => serde_json::from_slice::<serde_json::Value>(body).unwrap()["enterprises"] == 1,
        "/api/ledger/export.xlsx" => lantian::excel::parse_workbook(body).map(|p| p.bundles.len() == 1).unwrap_or(false),
        _ => String::from_utf8_lossy(body).contains(code),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_at_every_route_inside_and_outside_its_scope() {
    let t = TestDb::sqlite().await;
    let mut city = load_demo_city(&t.db, 400, 5).await;
    // The demo organisation and pilot plan (plan 1), with a report file for report 1.
    lantian::demo::plans::load(&t.db, lantian::plans::due::today_beijing()).await.unwrap();
    sqlx::query("INSERT INTO plan_report_files (id, report_id, file_name, content_type, sha256, data_b64) VALUES (1, 1, 'a.pdf', 'application/pdf', '', 'JVBERi0=')")
        .execute(&t.db.pool)
        .await
        .unwrap();
    // One enterprise in another city (Xi'an, 未央区), outside every demo account but the administrator's.
    let taken: std::collections::HashSet<String> = city.bundles.iter().map(|b| b.enterprise.credit_code.clone()).collect();
    let mut elsewhere = lantian::demo::generate(50, 999).bundles.into_iter().find(|b| !taken.contains(&b.enterprise.credit_code)).unwrap();
    elsewhere.enterprise.division_code = "610112".into();
    let parsed = lantian::excel::ParsedLedger { bundles: vec![elsewhere.clone()], rows: vec![2] };
    lantian::storage::ledger::import(&t.db, parsed, &lantian::storage::audit::Actor::system(), lantian::storage::ledger::ImportMode::Insert, false, |_, _| {})
        .await
        .unwrap();
    city.bundles.push(elsewhere);
    let mut ids = HashMap::new();
    for b in &city.bundles {
        let id = lantian::storage::ledger::enterprise_id_by_code(&t.db, &b.enterprise.credit_code).await.unwrap().unwrap();
        ids.insert(b.enterprise.credit_code.clone(), id);
    }
    // One exit case (with one photo) per enterprise, numbered as the enterprise, so that
    // every role has cases inside and outside its scope.
    let png = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(b"\x89PNG\r\n\x1a\nfixture")
    };
    for b in &city.bundles {
        let id = ids[&b.enterprise.credit_code];
        let e = &b.enterprise;
        sqlx::query(
            "INSERT INTO cases (id, finding_key, credit_code, enterprise_name, division_code, industry_code, rule_id, title, dimension, outcome,
                explanation, state, opened_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'fixture', '测试', 'technology', 'eliminate_now', '测试', 'identified', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .bind(id)
        .bind(format!("{}||fixture", e.credit_code))
        .bind(&e.credit_code)
        .bind(&e.name)
        .bind(&e.division_code)
        .bind(&e.industry_code)
        .execute(&t.db.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO submissions (id, kind, target, credit_code, enterprise_name, division_code, payload_json, changes_json, state, reason,
                submitted_by, submitted_at, decided_by, decided_at)
             VALUES ($1, 'ledger_update', $2, $2, $3, $4, '{}', '[]', 'returned', '测试', 'enterprise', '2026-01-01T00:00:00Z', 'fixture', '2026-01-02T00:00:00Z')",
        )
        .bind(id)
        .bind(&e.credit_code)
        .bind(&e.name)
        .bind(&e.division_code)
        .execute(&t.db.pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO inventory_scenarios (id, name, year, steps_json, jurisdiction, created_by, created_at) VALUES ($1, 'fixture', 2025, '[]', $2, 'fixture', '2026-01-01T00:00:00Z')")
            .bind(id)
            .bind(&e.division_code)
            .execute(&t.db.pool)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO energy_renovation (id, credit_code, equipment, product, class, value, unit, deadline, entered_at, updated_at)
             VALUES ($1, $2, 'fixture', 'cement_clinker', 'below_baseline', 120, 'kgce/t', '2025-12-31', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .bind(id)
        .bind(&e.credit_code)
        .execute(&t.db.pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO case_photos (id, case_id, stage, file_name, content_type, sha256, data_b64, actor, at) VALUES ($1, $1, 'before', 'f.png', 'image/png', '', $2, 'test', '')")
            .bind(id)
            .bind(&png)
            .execute(&t.db.pool)
            .await
            .unwrap();
    }
    // One admission project per enterprise, at its division and credit code, checked and asking no
    // department (so an opinion, a decision without reasons and a publication are refused: 422).
    for b in &city.bundles {
        let id = ids[&b.enterprise.credit_code];
        let e = &b.enterprise;
        let industry = if lantian::ledger::codes::INDUSTRIES.is_class(&e.industry_code) { e.industry_code.clone() } else { "3670".into() };
        let project = serde_json::json!({
            "name": "测试项目", "kind": "new", "enterprise": { "credit_code": e.credit_code }, "company": { "name": e.name }, "industry": industry,
            "division": e.division_code, "in_park": false, "products": [{ "name": "零件", "unit": "t/a", "added": 1 }]
        });
        sqlx::query(
            "INSERT INTO admission_projects (id, name, kind, credit_code, company, industry_code, division_code, project_json, state, submitted_by, submitted_role, submitted_at, updated_at)
             VALUES ($1, '测试项目', 'new', $2, $3, $4, $5, $6, 'checked', 'fixture', 'admin', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        )
        .bind(id)
        .bind(&e.credit_code)
        .bind(&e.name)
        .bind(&industry)
        .bind(&e.division_code)
        .bind(project.to_string())
        .execute(&t.db.pool)
        .await
        .unwrap();
    }
    // One lead, one enforcement case (with the lead) and one document per enterprise, numbered as the enterprise.
    sqlx::query("INSERT INTO enforcement_blobs (sha256, content_type, size, data_b64) VALUES ('fixture', 'application/pdf', 5, 'JVBERi0=')").execute(&t.db.pool).await.unwrap();
    for b in &city.bundles {
        let id = ids[&b.enterprise.credit_code];
        let e = &b.enterprise;
        sqlx::query(
            "INSERT INTO leads (id, credit_code, outlet_code, detector, pollutant, starts_at, ends_at, explanation_code, explanation_args, division_code, industry_code,
                status, detected_at, updated_at)
             VALUES ($1, $2, 'DA001', 'exceedance', 'a21026', 1780000000, 1780003600, 'enforcement.detector.exceedance', '{}', $3, $4, 'open', 1780000000, 1780000000)",
        )
        .bind(id)
        .bind(&e.credit_code)
        .bind(&e.division_code)
        .bind(&e.industry_code)
        .execute(&t.db.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO enforcement_cases (id, credit_code, enterprise_name, division_code, industry_code, basis, state, opened_on, opened_by, opened_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'air_99', 'opened', '2026-01-05', 'fixture', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z')",
        )
        .bind(id)
        .bind(&e.credit_code)
        .bind(&e.name)
        .bind(&e.division_code)
        .bind(&e.industry_code)
        .execute(&t.db.pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO enforcement_documents (id, case_id, kind, file_name, sha256, actor, at) VALUES ($1, $1, 'notice', 'n.pdf', 'fixture', 'test', '')")
            .bind(id)
            .execute(&t.db.pool)
            .await
            .unwrap();
    }
    // One campaign over the demo city, one accepted closure per enterprise (item id = photo id = enterprise id).
    sqlx::query(
        "INSERT INTO campaigns (id, name, type_code, definition, division_code, start_date, end_date, created_by, created_at)
         VALUES (1, '测试', 'sanluanwu', $1, '612000', '2026-01-01', '2026-12-31', 'test', '2026-01-01T00:00:00Z')",
    )
    .bind(lantian::campaigns::definition::EMBEDDED[0].1)
    .execute(&t.db.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO campaign_blobs (sha256, content_type, size, data_b64) VALUES ('fixture', 'image/png', 8, $1)").bind(&png).execute(&t.db.pool).await.unwrap();
    for b in &city.bundles {
        let id = ids[&b.enterprise.credit_code];
        sqlx::query(
            "INSERT INTO campaign_items (id, campaign_id, division_code, name, credit_code, enterprise_id, verdict, disposition, status, surveyed_on, completed_on, updated_at)
             VALUES ($1, 1, $2, $3, $4, $1, 'confirmed', 'shutdown', 'accepted', '2026-01-01', '2026-01-02', '2026-01-02T00:00:00Z')",
        )
        .bind(id)
        .bind(&b.enterprise.division_code)
        .bind(&b.enterprise.name)
        .bind(&b.enterprise.credit_code)
        .execute(&t.db.pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO campaign_photos (id, item_id, round, step_code, sha256, file_name, actor, at) VALUES ($1, $1, 0, 'cut_water', 'fixture', 'f.png', 'test', '')")
            .bind(id)
            .execute(&t.db.pool)
            .await
            .unwrap();
    }
    // One complaint (with one photo) per enterprise, at its division, numbered as the enterprise;
    // the credit code in its description for the list's search.
    for b in &city.bundles {
        let id = ids[&b.enterprise.credit_code];
        sqlx::query(
            "INSERT INTO complaints (id, tracking, token, channel, categories, service_code, description, division_code, bureau, stage, received_at, stage_on, updated_at)
             VALUES ($1, $2, $3, 'web', 'air', 'air', $4, $5, 'environment', 'received', '2026-01-01T00:00:00.000Z', '2026-01-01', '2026-01-01T00:00:00.000Z')",
        )
        .bind(id)
        .bind(format!("FX{}", b.enterprise.credit_code))
        .bind(format!("token{id}"))
        .bind(format!("异味 {}", b.enterprise.credit_code))
        .bind(&b.enterprise.division_code)
        .execute(&t.db.pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO complaint_photos (id, complaint_id, file_name, content_type, size, sha256, data_b64) VALUES ($1, $1, 'f.png', 'image/png', 8, '', $2)")
            .bind(id)
            .bind(&png)
            .execute(&t.db.pool)
            .await
            .unwrap();
    }
    let victim = lantian::storage::accounts::NewUser {
        username: "victim".into(),
        display_name: String::new(),
        role: Role::Grid,
        department: None,
        divisions: vec![ids_cell(city.bundles.iter().find(|b| b.enterprise.division_code.len() == 12))],
        enterprise_code: String::new(),
        password: "Target-Pass-2026".into(),
    };
    lantian::storage::accounts::add_user(&t.db, &lantian::storage::audit::Actor::system(), &victim).await.unwrap();
    let config = lantian::web::WebConfig { rate_limit: 0, login_rate_limit: 1000, ..Default::default() };
    let base = serve(&t.db, config).await;
    let usernames = ["admin", "city-industry", "city-environment", "city-development", "county-market", "county-emergency", "township", "grid", "enterprise"];
    let mut failures = Vec::new();
    let mut checked = 0;
    // Logout rows end the session, so they go last.
    let mut ordered = rows();
    ordered.sort_by_key(|r| r.path.ends_with("logout"));

    let mut people = vec![anonymous(&base).await];
    for u in usernames {
        people.push(signed_in(&base, u, &city, &ids).await);
    }
    for who in &people {
        let allowed = |row: &Row| match (row.access, who.username) {
            (Access::Public, _) => true,
            (_, None) => false,
            (Access::SignedIn, Some(_)) => true,
            (Access::Need(p) | Access::Scrape(p), Some(u)) => expected_permissions(u).contains(&p),
        };
        for (n, row) in ordered.iter().enumerate() {
            let name = who.username.unwrap_or("anonymous");
            // Signing out ends the session, so each sign-out row gets a session of its own.
            let fresh;
            let who = match who.username {
                Some(u) if row.path.ends_with("logout") => {
                    fresh = signed_in(&base, u, &city, &ids).await;
                    &fresh
                }
                _ => who,
            };
            let mut check = |record: Option<&EnterpriseBundle>, inside: bool, got: StatusCode, body: &[u8]| {
                let expected: u16 = if !allowed(row) {
                    match (who.username, row.method, row.path.starts_with("/api/") || row.path == "/metrics") {
                        (None, "GET", false) => 303,
                        (None, _, _) => 401,
                        (Some(_), _, _) => 403,
                    }
                } else {
                    match (row.probe, who.username) {
                        (Probe::Plain { anonymous, .. }, None) => anonymous,
                        (Probe::Plain { signed_in, .. }, Some(_)) => signed_in,
                        (Probe::Record { ok }, _) => if inside { ok } else { 404 },
                        (Probe::Listing, _) => 200,
                        (Probe::ImportApi | Probe::ImportPage, _) => if inside { 200 } else { 422 },
                        (Probe::AdminForm { ok }, _) => ok,
                        (Probe::Case { ok }, _) => if inside { ok } else { 404 },
                        (Probe::WhyCode, _) => if inside { 200 } else { 404 },
                        (Probe::Outlet { ok }, _) => if inside { ok } else { 404 },
                    }
                };
                checked += 1;
                if got.as_u16() != expected {
                    let said: String = String::from_utf8_lossy(body).chars().take(300).collect();
                    failures.push(format!("{name} {} {} ({}): expected {expected}, got {got}: {said}", row.method, row.path, if inside { "inside" } else { "outside" }));
                } else if allowed(row) && matches!(row.probe, Probe::Listing) {
                    let code = &record.unwrap().enterprise.credit_code;
                    if shows(body, row.path, code, ids[code]) != inside {
                        failures.push(format!("{name} {} {}: record {code} {} ", row.method, row.path, if inside { "missing inside scope" } else { "LEAKED outside scope" }));
                    }
                }
            };
            let needs_record =
                matches!(row.probe, Probe::Record { .. } | Probe::Listing | Probe::ImportApi | Probe::ImportPage | Probe::Case { .. } | Probe::WhyCode | Probe::Outlet { .. });
            if needs_record && who.username.is_some() {
                let (status, body) = send(&base, who, row, who.inside.as_ref(), &ids, n).await;
                check(who.inside.as_ref(), true, status, &body);
                if let Some(out) = &who.outside {
                    let (status, body) = send(&base, who, row, Some(out), &ids, n).await;
                    check(Some(out), false, status, &body);
                }
            } else {
                let record = city.bundles.first();
                let (status, body) = send(&base, who, row, record, &ids, n).await;
                check(record, true, status, &body);
            }
        }
    }
    eprintln!("access matrix: {checked} checks over {} routes", ordered.len());
    assert!(failures.is_empty(), "{} of {checked} checks failed:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 400, "only {checked} checks ran");

    // Refusals are in the audit log, and the chain is intact.
    let denied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'access_denied'").fetch_one(&t.db.pool).await.unwrap();
    assert!(denied > 20, "refused requests are audited ({denied})");
    assert!(matches!(lantian::storage::audit::verify(&t.db).await.unwrap(), lantian::storage::audit::Verdict::Intact { .. }));
}


/// Every public route of the portal with a published and an unpublished record: the published
/// enterprise is in every list, export, search and on the map, and has its page; the other,
/// with an item eligible for every list (its closed case withdrawn), is in none of them and its
/// page is 404 — like an unknown code. Closing a list takes its items off at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_sees_published_items_only() {
    let t = TestDb::sqlite().await;
    let city = load_demo_city(&t.db, 60, 5).await;
    let (p, u) = (city.bundles[0].clone(), city.bundles[1].clone());
    let (pc, uc) = (p.enterprise.credit_code.clone(), u.enterprise.credit_code.clone());
    let p_ep = crate::publication::items_for(&t.db, &p, 10).await;
    crate::publication::items_for(&t.db, &u, 20).await;
    crate::publication::decide_fixture(&t.db, 10, &p_ep, 20).await;
    let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
    let anonymous = cookie_client();
    let get = |path: String| {
        let c = anonymous.clone();
        async move {
            let r = c.get(&path).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let link = |code: &str| format!("href=\"/public/enterprises/{code}\"");
    let mut covered = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    // The lists, unfiltered and searched for each enterprise.
    for q in ["".to_string(), format!("?q={pc}"), format!("?q={uc}")] {
        let (status, html) = get(format!("{base}/public{q}")).await;
        assert_eq!(status, 200);
        if !q.contains(&uc) && !html.contains(&link(&pc)) {
            failures.push(format!("/public{q}: the published enterprise is missing"));
        }
        if html.contains(&link(&uc)) {
            failures.push(format!("/public{q}: LEAKED the unpublished enterprise"));
        }
    }
    covered.insert("/public");
    for (route, file) in [
        ("/public/rectification.csv", "rectification.csv"),
        ("/public/closed.csv", "closed.csv"),
        ("/public/campaigns.csv", "campaigns.csv"),
        ("/public/exceedances.csv", "exceedances.csv"),
    ] {
        for q in ["".to_string(), format!("?q={uc}")] {
            let (status, csv) = get(format!("{base}/public/{file}{q}")).await;
            assert_eq!(status, 200, "{route}");
            if q.is_empty() && !csv.contains(&pc) {
                failures.push(format!("{route}: the published enterprise is missing"));
            }
            if csv.contains(&uc) {
                failures.push(format!("{route}{q}: LEAKED the unpublished enterprise"));
            }
        }
        covered.insert(route);
    }
    let (status, html) = get(format!("{base}/public/map")).await;
    assert_eq!(status, 200);
    if !html.contains(&link(&pc)) || html.contains(&link(&uc)) {
        failures.push("/public/map: published missing or unpublished shown".into());
    }
    covered.insert("/public/map");
    let (status, html) = get(format!("{base}/public/enterprises/{pc}")).await;
    if status != 200 || !html.contains(&p.enterprise.name) || !html.contains("public-campaign") || !html.contains("pe-exceedances") {
        failures.push(format!("/public/enterprises/{{published}}: {status}"));
    }
    let (status, html) = get(format!("{base}/public/enterprises/{uc}")).await;
    if status != 404 || html.contains(&u.enterprise.name) {
        failures.push(format!("/public/enterprises/{{unpublished}}: {status}, should be 404 without its name"));
    }
    let (status, _) = get(format!("{base}/public/enterprises/NOSUCHCODE")).await;
    assert_eq!(status, 404);
    covered.insert("/public/enterprises/{credit}");
    // Closing the campaign list takes its items off every public route at once.
    lantian::storage::publication::set_list_open(&t.db, &lantian::storage::audit::Actor::system(), lantian::screening::publication::PublicList::Campaign, false).await.unwrap();
    let (_, csv) = get(format!("{base}/public/campaigns.csv")).await;
    if csv.contains(&pc) {
        failures.push("/public/campaigns.csv: a closed list still published".into());
    }
    let (_, html) = get(format!("{base}/public/enterprises/{pc}")).await;
    if html.contains("public-campaign") {
        failures.push("/public/enterprises/{published}: a closed list's item shown".into());
    }
    // Every public route of the portal was exercised (complaints and Open311 have their own tests).
    let portal: std::collections::BTreeSet<&str> = lantian::web::routes::table()
        .iter()
        .filter(|r| r.method == "GET" && (r.path == "/public" || r.path.starts_with("/public/")) && !r.path.starts_with("/public/complaints"))
        .map(|r| r.path)
        .collect();
    let missed: Vec<_> = portal.difference(&covered).collect();
    assert!(missed.is_empty(), "portal routes without a published/unpublished check: {missed:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
