//! Roles, departments and what each may do. The jurisdiction (which records) is
//! the [`Scope`](super::Scope); this is the verbs.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// System administrator: accounts, audit, everything in the ledger.
    Admin,
    /// Bureau staff at province, city or county level (the level is their division's).
    Bureau,
    /// Township (street office) staff: their township.
    Township,
    /// Grid inspector: their grid cells.
    Grid,
    /// An enterprise's own account: its dossier and its own data.
    Enterprise,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    /// 工业和信息化局
    Industry,
    /// 生态环境局
    Environment,
    /// 市场监督管理局
    Market,
    /// 应急管理局
    Emergency,
    /// 发展和改革委员会
    Development,
}

/// Verbs a route can require.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read the ledger (list, dossier, statistics) within the scope.
    ViewLedger,
    /// Import or update ledger records within the scope.
    EditLedger,
    /// Download the ledger as a workbook or CSV.
    ExportLedger,
    /// Online monitoring data and device status.
    ViewMonitoring,
    /// Accounts: add, disable, reset passwords.
    ManageUsers,
    /// Read and verify the audit log.
    ViewAudit,
    /// Screening results, exit cases and the catalogue in force.
    ViewScreening,
    /// Run the screening and take steps in exit cases.
    ManageCases,
    /// Change the rule catalogue (local rules, thresholds, retiring rules).
    EditCatalogue,
    /// Remediation campaigns: progress, items and dossiers within the scope.
    ViewCampaigns,
    /// Create campaigns, import surveys, identify, dispose, take workflow steps and accept.
    ManageCampaigns,
    /// Field work on the phone: patrols of closed sites and field checks with photos.
    Patrol,
    /// Work plans: tasks, targets, reports, supervision notices, dashboards.
    ViewPlans,
    /// File the monthly progress report of one's own unit and answer its notices.
    FilePlanReports,
    /// Create plans, import and edit tasks and targets, review reports, issue notices.
    ManagePlans,
    /// Enter and withdraw data marks (数据标记) on monitoring data of outlets in scope.
    MarkMonitoring,
    /// Propose changes to one's own records (enterprise accounts): they wait for review.
    SubmitChanges,
    /// Review what enterprises submit within the jurisdiction: accept (apply) or return.
    ReviewSubmissions,
    /// The platform's operating counters (`/metrics`): platform-wide, so bureau staff and
    /// the administrator only, never an enterprise, township or grid account.
    ViewPlatformMetrics,
    /// Leads (线索) and enforcement cases within the scope: read.
    ViewEnforcement,
    /// Decide leads (verify, dismiss) and take the steps of enforcement cases: the environment
    /// bureau's (monitoring data and its enforcement are theirs) and the administrator's.
    ManageEnforcement,
    /// The pollution–carbon synergy evaluation (减污降碳协同度): ranking, districts, export. Bureau
    /// staff of every department (the city's leaders read it through them) and the administrator.
    ViewSynergy,
    /// Configure the indicator system, enter values, run evaluations: the environment bureau
    /// (it leads the pilot's evaluation) and the administrator.
    ManageSynergy,
    /// Complaints from the public (举报) of the jurisdiction routed to one's bureau: list, detail,
    /// overdue flags, the inbox (bureau staff and the administrator).
    ViewComplaints,
    /// Take the stages of complaints routed to one's bureau; the identity of a complainant is
    /// shown only to the officer a complaint is assigned to.
    HandleComplaints,
    /// Project admission review (准入审核): the projects of the jurisdiction (an enterprise: its
    /// own), their findings, opinions and decisions.
    ViewAdmission,
    /// Submit a project for admission review: the enterprise for itself, bureau staff entering
    /// one (development and reform, industry, environment) and the administrator.
    SubmitAdmission,
    /// Check a project, give one's department's opinion, decide and publish: the departments
    /// involved (development and reform, industry, environment — seed 004 names the bureaus of
    /// industry, environment and development and reform as lead and partner units) and the administrator.
    ReviewAdmission,
    /// The leaders' dashboard of the jurisdiction (city or county overview, where it is behind):
    /// bureau staff of every department and the administrator — a city's or county's leaders
    /// read it through the bureaus' accounts of that city or county.
    ViewDashboard,
}

use Permission::*;

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Bureau, Role::Township, Role::Grid, Role::Enterprise];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Bureau => "bureau",
            Role::Township => "township",
            Role::Grid => "grid",
            Role::Enterprise => "enterprise",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Role::Admin, true) => "系统管理员",
            (Role::Admin, false) => "Administrator",
            (Role::Bureau, true) => "局机关人员",
            (Role::Bureau, false) => "Bureau staff",
            (Role::Township, true) => "乡镇(街办)人员",
            (Role::Township, false) => "Township staff",
            (Role::Grid, true) => "网格员",
            (Role::Grid, false) => "Grid inspector",
            (Role::Enterprise, true) => "企业用户",
            (Role::Enterprise, false) => "Enterprise",
        }
    }

    /// What this role (with its department, for bureau staff) may do.
    ///
    /// Ledger edits sit with the bureaus that keep the ledger (industry, environment,
    /// market regulation), townships (they run the surveys) and enterprises (their own
    /// data; the scope limits them to it). Emergency management and development and
    /// reform read. Monitoring data belongs to the environment bureau. Every bureau
    /// screens and follows exit cases in its domain (the five dimensions span them);
    /// the catalogue is kept by industry (lead unit) and development and reform (the
    /// Guidance Catalogue is theirs); townships follow cases in their area.
    /// Campaigns (散乱污): industry leads with environment, natural resources, emergency
    /// management and market regulation as member units (seed 001), so those bureaus run
    /// them; development and reform reads; townships survey and do field work with the grid
    /// inspectors, who patrol closed sites ("依托三级网格化", seed 001). Work plans: every
    /// bureau and township reads them and files its unit's monthly report; the bureaus that
    /// lead plans in the seeds (industry, development and reform) manage them. What an enterprise
    /// edits is a proposal (`SubmitChanges`) that the bureaus keeping the ledger review
    /// (`ReviewSubmissions`) before it changes anything.
    pub fn permissions(self, department: Option<Department>) -> &'static [Permission] {
        match (self, department) {
            (Role::Admin, _) => &[
                ViewLedger, EditLedger, ExportLedger, ViewMonitoring, ManageUsers, ViewAudit, ViewScreening, ManageCases, EditCatalogue,
                ViewCampaigns, ManageCampaigns, Patrol, ViewPlans, ManagePlans, MarkMonitoring, ReviewSubmissions, ViewPlatformMetrics,
                ViewEnforcement, ManageEnforcement, ViewSynergy, ManageSynergy, ViewComplaints, HandleComplaints, ViewAdmission, SubmitAdmission, ReviewAdmission, ViewDashboard,
            ],
            (Role::Bureau, Some(Department::Environment)) => &[
                ViewLedger, EditLedger, ExportLedger, ViewMonitoring, ViewScreening, ManageCases, ViewCampaigns, ManageCampaigns, ViewPlans,
                FilePlanReports, MarkMonitoring, ReviewSubmissions, ViewPlatformMetrics, ViewEnforcement, ManageEnforcement, ViewSynergy, ManageSynergy, ViewComplaints, HandleComplaints,
                ViewAdmission, SubmitAdmission, ReviewAdmission, ViewDashboard,
            ],
            (Role::Bureau, Some(Department::Industry)) => &[
                ViewLedger, EditLedger, ExportLedger, ViewScreening, ManageCases, EditCatalogue, ViewCampaigns, ManageCampaigns, ViewPlans,
                FilePlanReports, ManagePlans, ReviewSubmissions, ViewPlatformMetrics, ViewEnforcement, ViewSynergy, ViewComplaints, HandleComplaints,
                ViewAdmission, SubmitAdmission, ReviewAdmission, ViewDashboard,
            ],
            (Role::Bureau, Some(Department::Market)) => {
                &[ViewLedger, EditLedger, ExportLedger, ViewScreening, ManageCases, ViewCampaigns, ManageCampaigns, ViewPlans, FilePlanReports, ReviewSubmissions, ViewPlatformMetrics, ViewEnforcement, ViewSynergy, ViewComplaints, HandleComplaints, ViewAdmission, ViewDashboard]
            }
            (Role::Bureau, Some(Department::Development)) => {
                &[ViewLedger, ExportLedger, ViewScreening, ManageCases, EditCatalogue, ViewCampaigns, ViewPlans, FilePlanReports, ManagePlans, ViewPlatformMetrics, ViewEnforcement, ViewSynergy, ViewComplaints, HandleComplaints, ViewAdmission, SubmitAdmission, ReviewAdmission, ViewDashboard]
            }
            (Role::Bureau, _) => &[ViewLedger, ExportLedger, ViewScreening, ManageCases, ViewCampaigns, ManageCampaigns, ViewPlans, FilePlanReports, ViewPlatformMetrics, ViewEnforcement, ViewSynergy, ViewComplaints, HandleComplaints, ViewAdmission, ViewDashboard],
            (Role::Township, _) => &[ViewLedger, EditLedger, ExportLedger, ViewScreening, ViewCampaigns, ManageCampaigns, Patrol, ViewPlans, FilePlanReports, ViewEnforcement],
            (Role::Grid, _) => &[ViewLedger, ViewCampaigns, Patrol],
            (Role::Enterprise, _) => &[ViewLedger, EditLedger, ViewMonitoring, MarkMonitoring, SubmitChanges, ViewAdmission, SubmitAdmission],
        }
    }
}

impl Department {
    pub const ALL: [Department; 5] =
        [Department::Industry, Department::Environment, Department::Market, Department::Emergency, Department::Development];

    pub fn code(self) -> &'static str {
        match self {
            Department::Industry => "industry",
            Department::Environment => "environment",
            Department::Market => "market",
            Department::Emergency => "emergency",
            Department::Development => "development",
        }
    }

    pub fn parse(s: &str) -> Option<Department> {
        Department::ALL.into_iter().find(|d| d.code() == s)
    }

    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Department::Industry, true) => "工业和信息化局",
            (Department::Industry, false) => "Industry and IT bureau",
            (Department::Environment, true) => "生态环境局",
            (Department::Environment, false) => "Ecology and environment bureau",
            (Department::Market, true) => "市场监督管理局",
            (Department::Market, false) => "Market regulation bureau",
            (Department::Emergency, true) => "应急管理局",
            (Department::Emergency, false) => "Emergency management bureau",
            (Department::Development, true) => "发展和改革委员会",
            (Department::Development, false) => "Development and reform commission",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        for d in Department::ALL {
            assert_eq!(Department::parse(d.code()), Some(d));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_admin_manages_accounts_and_reads_the_audit_log() {
        for r in Role::ALL {
            for d in Department::ALL.map(Some).into_iter().chain([None]) {
                let p = r.permissions(d);
                assert_eq!(p.contains(&ManageUsers), r == Role::Admin, "{r:?} {d:?}");
                assert_eq!(p.contains(&ViewAudit), r == Role::Admin);
                assert!(p.contains(&ViewLedger), "every signed-in role reads its own part of the ledger");
            }
        }
        assert!(!Role::Grid.permissions(None).contains(&EditLedger));
        assert!(!Role::Bureau.permissions(Some(Department::Emergency)).contains(&EditLedger));
        assert!(!Role::Enterprise.permissions(None).contains(&ExportLedger));
    }

    #[test]
    fn only_the_environment_bureau_and_the_administrator_decide_leads_and_run_enforcement_cases() {
        for r in Role::ALL {
            for d in Department::ALL.map(Some).into_iter().chain([None]) {
                let p = r.permissions(d);
                let manage = r == Role::Admin || (r == Role::Bureau && d == Some(Department::Environment));
                assert_eq!(p.contains(&ManageEnforcement), manage, "{r:?} {d:?}");
                assert_eq!(p.contains(&ViewEnforcement), matches!(r, Role::Admin | Role::Bureau | Role::Township), "{r:?} {d:?}");
            }
        }
    }

    #[test]
    fn bureau_staff_read_the_synergy_evaluation_and_the_environment_bureau_runs_it() {
        for r in Role::ALL {
            for d in Department::ALL.map(Some).into_iter().chain([None]) {
                let p = r.permissions(d);
                assert_eq!(p.contains(&ViewSynergy), matches!(r, Role::Admin | Role::Bureau), "{r:?} {d:?}");
                assert_eq!(p.contains(&ManageSynergy), r == Role::Admin || (r == Role::Bureau && d == Some(Department::Environment)), "{r:?} {d:?}");
            }
        }
    }

    #[test]
    fn platform_metrics_are_for_bureau_staff_and_the_administrator_only() {
        for r in Role::ALL {
            for d in Department::ALL.map(Some).into_iter().chain([None]) {
                assert_eq!(r.permissions(d).contains(&ViewPlatformMetrics), matches!(r, Role::Admin | Role::Bureau), "{r:?} {d:?}");
            }
        }
    }
}
