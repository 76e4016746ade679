//! Work plans (工作方案): the organisation tree of units, plans with numbered tasks and
//! quantitative targets, monthly progress reports, supervision notices (督办) and the
//! year-end responsibility report. Pure logic and records; queries live in
//! `storage::plans`, pages in `web::pages::plans*`.

pub mod annual;
pub mod due;
pub mod escalation;
pub mod import;
pub mod progress;

use serde::{Deserialize, Serialize};

/// A unit of the organisation (单位): a bureau, a district/county government, a
/// development-zone committee or a township, each in its division.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    /// government | bureau | zone | township
    pub kind: String,
    pub department: String,
    pub division_code: String,
    pub parent_id: Option<i64>,
}

pub const UNIT_KINDS: [(&str, &str, &str); 4] = [
    ("government", "人民政府", "Government"),
    ("bureau", "职能部门", "Bureau"),
    ("zone", "开发区管委会", "Development zone committee"),
    ("township", "乡镇(街道)", "Township / street office"),
];

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Plan {
    pub id: i64,
    pub title: String,
    pub issuer: String,
    pub doc_number: String,
    pub division_code: String,
    pub lead_unit_id: i64,
    pub start_date: String,
    pub end_date: String,
    /// Monthly reports are due by this day of the month (clamped to the month's last day).
    pub due_day: u32,
    /// Progress at or above this share of the milestone is "at risk", below it "behind".
    pub at_risk_ratio: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Task {
    pub id: i64,
    pub plan_id: i64,
    pub number: String,
    pub title: String,
    pub measures: String,
    pub due_date: String,
    pub lead_unit_id: i64,
    pub responsible: Vec<i64>,
    pub cooperating: Vec<i64>,
    /// not_started | in_progress | completed (follows accepted reports)
    pub state: String,
}

impl Task {
    /// Units that report on this task: the lead unit and the responsible units.
    pub fn reporting_units(&self) -> Vec<i64> {
        let mut v = vec![self.lead_unit_id];
        v.extend(self.responsible.iter().copied().filter(|u| *u != self.lead_unit_id));
        v
    }
    pub fn overdue(&self, today: time::Date) -> bool {
        self.state != "completed" && due::parse_day(&self.due_date).is_some_and(|d| d < today)
    }
    /// The state shown: completed, overdue, in progress or not started.
    pub fn shown_state(&self, today: time::Date) -> &'static str {
        if self.overdue(today) {
            return "overdue";
        }
        match self.state.as_str() {
            "completed" => "completed",
            "in_progress" => "in_progress",
            _ => "not_started",
        }
    }
}

pub fn task_state_label(s: &str, zh: bool) -> &'static str {
    match (s, zh) {
        ("completed", true) => "已完成",
        ("completed", false) => "Completed",
        ("in_progress", true) => "推进中",
        ("in_progress", false) => "In progress",
        ("overdue", true) => "逾期未完成",
        ("overdue", false) => "Overdue",
        (_, true) => "未启动",
        (_, false) => "Not started",
    }
}

/// Where a target's current value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Energy (tce) ÷ industrial value added over enterprises above designated size, change against the baseline year.
    LedgerEnergyIntensity,
    /// Water (m³) ÷ industrial value added (10,000 yuan), change against the baseline year.
    LedgerWaterIntensity,
    /// Enterprises of environmental performance grade A or B in the ledger.
    LedgerAbGrade,
    /// Gas boilers in the ledger whose process is low-NOx combustion (`low_nox`).
    LedgerLowNoxBoilers,
    /// Exit cases whose capacity has left production (sealed or dismantled).
    ExitCases,
    /// Key projects of the plan's reserve that are completed (count).
    ProjectCount,
    /// Investment of the reserve's projects under construction or completed (100 million yuan).
    ProjectInvestment,
    /// Reported by the responsible unit in its monthly reports.
    Reported,
}

impl Source {
    pub const ALL: [Source; 8] = [
        Source::LedgerEnergyIntensity,
        Source::LedgerWaterIntensity,
        Source::LedgerAbGrade,
        Source::LedgerLowNoxBoilers,
        Source::ExitCases,
        Source::ProjectCount,
        Source::ProjectInvestment,
        Source::Reported,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Source::LedgerEnergyIntensity => "ledger_energy_intensity",
            Source::LedgerWaterIntensity => "ledger_water_intensity",
            Source::LedgerAbGrade => "ledger_ab_grade",
            Source::LedgerLowNoxBoilers => "ledger_low_nox_boilers",
            Source::ExitCases => "exit_cases",
            Source::ProjectCount => "project_count",
            Source::ProjectInvestment => "project_investment",
            Source::Reported => "reported",
        }
    }
    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|x| x.code() == s)
    }
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Source::LedgerEnergyIntensity, true) => "台账年度数据:规上工业企业综合能耗÷工业增加值",
            (Source::LedgerEnergyIntensity, false) => "Ledger yearly figures: energy ÷ value added, enterprises above designated size",
            (Source::LedgerWaterIntensity, true) => "台账年度数据:规上工业企业用水量÷工业增加值(立方米/万元)",
            (Source::LedgerWaterIntensity, false) => "Ledger yearly figures: water ÷ value added (m³ per 10,000 yuan)",
            (Source::LedgerAbGrade, true) => "台账:环保绩效A级、B级企业数",
            (Source::LedgerAbGrade, false) => "Ledger: enterprises of performance grade A or B",
            (Source::LedgerLowNoxBoilers, true) => "台账:完成低氮燃烧改造的燃气锅炉台数",
            (Source::LedgerLowNoxBoilers, false) => "Ledger: gas boilers retrofitted to low-NOx combustion",
            (Source::ExitCases, true) => "退出案件:已封存或拆除的落后产能",
            (Source::ExitCases, false) => "Exit cases: capacity sealed or dismantled",
            (Source::ProjectCount, true) => "重点项目库:已建成项目个数",
            (Source::ProjectCount, false) => "Key project reserve: projects completed",
            (Source::ProjectInvestment, true) => "重点项目库:已开工(在建及建成)项目总投资(亿元)",
            (Source::ProjectInvestment, false) => "Key project reserve: investment of projects started (100 million yuan)",
            (Source::Reported, true) => "责任单位月报",
            (Source::Reported, false) => "Reported by the responsible unit",
        }
    }
    /// Intensity sources give a change in % against the baseline year.
    pub fn is_change(self) -> bool {
        matches!(self, Source::LedgerEnergyIntensity | Source::LedgerWaterIntensity)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Target {
    pub id: i64,
    pub plan_id: i64,
    pub code: String,
    pub indicator: String,
    pub measure_unit: String,
    /// change_pct | level
    pub kind: String,
    /// decrease | increase
    pub direction: String,
    pub baseline_year: i32,
    pub baseline_value: f64,
    pub target_year: i32,
    pub target_value: f64,
    /// Year → value to have reached by the end of that year.
    pub milestones: std::collections::BTreeMap<i32, f64>,
    pub source: Source,
    pub unit_id: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Project {
    pub id: i64,
    pub plan_id: i64,
    pub name: String,
    pub domain: String,
    pub investment_10k: f64,
    pub year: i32,
    pub status: String,
    pub expected_reduction: String,
    pub unit_id: i64,
    /// The saved what-if scenario that models the project's effect (`/inventory/scenarios/{id}`),
    /// whose reductions the reserve shows beside the stated expectation.
    pub scenario_id: Option<i64>,
}

pub const PROJECT_DOMAINS: [(&str, &str, &str); 4] = [
    ("energy", "能源", "Energy"),
    ("transport", "交通", "Transport"),
    ("industry", "工业", "Industry"),
    ("environment", "环境治理", "Environmental governance"),
];

pub fn project_domain_label(code: &str, zh: bool) -> &str {
    PROJECT_DOMAINS.iter().find(|d| d.0 == code).map(|d| if zh { d.1 } else { d.2 }).unwrap_or(code)
}

pub fn project_status_label(code: &str, zh: bool) -> &str {
    match (code, zh) {
        ("planned", true) => "谋划储备",
        ("planned", false) => "Planned",
        ("under_construction", true) => "在建",
        ("under_construction", false) => "Under construction",
        ("completed", true) => "已建成",
        ("completed", false) => "Completed",
        (c, _) => c,
    }
}

pub fn unit_kind_label(code: &str, zh: bool) -> &str {
    UNIT_KINDS.iter().find(|d| d.0 == code).map(|d| if zh { d.1 } else { d.2 }).unwrap_or(code)
}
