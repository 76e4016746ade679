//! Ledger records as stored and as exchanged (JSON API, Excel, CSV).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A closed vocabulary: stored code, Chinese label (official tables), English label.
pub struct Term {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

macro_rules! vocabulary {
    ($name:ident: $($code:literal => $zh:literal / $en:literal),+ $(,)?) => {
        pub const $name: &[Term] = &[$(Term { code: $code, zh: $zh, en: $en }),+];
    };
}

vocabulary!(STATUSES:
    "operating" => "在产" / "operating",
    "suspended" => "停产" / "suspended",
    "under_construction" => "在建" / "under construction",
    "closed" => "关停" / "closed",
);
vocabulary!(SIZE_CLASSES:
    "large" => "大型" / "large",
    "medium" => "中型" / "medium",
    "small" => "小型" / "small",
    "micro" => "微型" / "micro",
);
vocabulary!(ENV_GRADES:
    "A" => "A级" / "grade A",
    "B" => "B级" / "grade B",
    "C" => "C级" / "grade C",
    "D" => "D级" / "grade D",
);
vocabulary!(MEDIA:
    "air" => "废气" / "air",
    "water" => "废水" / "water",
);
vocabulary!(FUELS:
    "coal" => "煤" / "coal",
    "coke" => "焦炭" / "coke",
    "gas" => "天然气" / "natural gas",
    "oil" => "燃料油" / "fuel oil",
    "electricity" => "电" / "electricity",
    "biomass" => "生物质" / "biomass",
    "none" => "无" / "none",
);

/// Find a term by its code or either label (people type the Chinese label in Excel).
pub fn term<'a>(vocabulary: &'a [Term], text: &str) -> Option<&'a Term> {
    let t = text.trim();
    vocabulary.iter().find(|v| v.code.eq_ignore_ascii_case(t) || v.zh == t || v.en.eq_ignore_ascii_case(t))
}

pub fn label(vocabulary: &[Term], code: &str, lang: crate::web::i18n::Lang) -> String {
    match vocabulary.iter().find(|v| v.code == code) {
        Some(v) => lang.pick(v.zh, v.en).to_string(),
        None => code.to_string(),
    }
}

/// What a bureau records about one enterprise (the 企业 sheet).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EnterpriseRecord {
    /// GB 32100-2015 unified social credit code, or a provisional `LS…` ledger number.
    pub credit_code: String,
    pub name: String,
    /// Finest division the enterprise sits in: county (6), township (9) or grid cell (12 digits).
    pub division_code: String,
    /// GB/T 4754-2017 class code, e.g. 3011.
    pub industry_code: String,
    pub address: String,
    pub longitude: Option<f64>,
    pub latitude: Option<f64>,
    /// 规上企业: annual revenue ≥ 20 million yuan.
    pub above_scale: bool,
    /// large | medium | small | micro
    pub size_class: String,
    /// operating | suspended | under_construction | closed
    pub status: String,
    pub business_licence: bool,
    /// EIA approval document number; empty when there is none.
    pub eia_approval: String,
    /// Pollutant discharge permit number; empty when there is none.
    pub discharge_permit_no: String,
    pub land_use_legal: bool,
    /// A | B | C | D, empty when not graded.
    pub env_grade: String,
    pub legal_representative: String,
    pub contact_phone: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Enterprise {
    pub id: i64,
    #[serde(flatten)]
    pub record: EnterpriseRecord,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProductionLine {
    pub name: String,
    pub product: String,
    pub capacity: Option<f64>,
    pub capacity_unit: String,
    pub status: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Equipment {
    /// Name of the production line it belongs to; empty for stand-alone equipment (boilers).
    pub line_name: String,
    pub name: String,
    /// Kind from data/equipment-kinds.csv, e.g. cement_clinker_line.
    pub kind: String,
    pub model: String,
    pub capacity: Option<f64>,
    pub capacity_unit: String,
    pub fuel: String,
    /// Process variant of the kind (e.g. tunnel / hoffmann kilns).
    pub process: String,
    pub year_commissioned: Option<i64>,
    /// Unit product energy consumption, when measured.
    pub specific_energy: Option<f64>,
    /// The unit the specific energy is written in (kgce/t, kWh/t, kgce/重量箱 …), checked against
    /// the benchmark product's unit when classified (`energy::classify`).
    #[serde(default)]
    pub specific_energy_unit: String,
    pub status: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OutletPollutant {
    /// HJ 212-2017 pollutant code, e.g. a21026 (SO2).
    pub pollutant_code: String,
    pub pollutant_name: String,
    pub limit_value: Option<f64>,
    pub limit_unit: String,
    /// The emission standard the limit comes from, e.g. GB 4915-2013.
    pub standard: String,
    /// Permitted annual amount (许可排放量), tonnes.
    pub permitted_annual_t: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Outlet {
    /// Permit outlet number, e.g. DA001 (air) or DW001 (water).
    pub code: String,
    pub name: String,
    /// air | water
    pub medium: String,
    /// 基准氧含量(%) for the conversion of concentrations (折算); None: the default of
    /// data/monitoring/reference-oxygen.csv for the outlet's standard (`monitoring::oxygen`).
    #[serde(default)]
    pub reference_o2: Option<f64>,
    pub pollutants: Vec<OutletPollutant>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct YearlyFigures {
    pub year: i64,
    /// Comprehensive energy consumption, tonnes of standard coal equivalent.
    pub energy_tce: Option<f64>,
    /// Water use, cubic metres.
    pub water_m3: Option<f64>,
    /// Industrial value added, 10,000 yuan.
    pub value_added_10k_yuan: Option<f64>,
}

/// One row of activity data (活动水平, issue 13): what an enterprise burnt, bought, produced or
/// used in a year, in the unit entered; checked against the factor library
/// (`inventory::activity`) when imported.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ActivityData {
    pub year: i64,
    /// fuel | electricity | heat | product | process_input (`inventory::Category`).
    pub category: String,
    /// The fuel or item code of `data/factors/` (raw_coal, natural_gas, electricity, cement_clinker …).
    pub item: String,
    pub amount: f64,
    /// As entered (t, 万Nm3, MWh, 万kWh, GJ …).
    pub unit: String,
    /// The equipment it belongs to (主要设备 name), if any.
    #[serde(default)]
    pub equipment: String,
    /// The outlet its emissions leave by (排放口编号), if any.
    #[serde(default)]
    pub outlet: String,
    /// Control technology code of `data/factors/air.csv` (empty: the default setting).
    #[serde(default)]
    pub control: String,
    /// Where the figure comes from (统计报表, 发票, 计量 …).
    #[serde(default)]
    pub source: String,
}

/// Everything the ledger holds about one enterprise, as imported and exported.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EnterpriseBundle {
    pub enterprise: EnterpriseRecord,
    pub lines: Vec<ProductionLine>,
    pub equipment: Vec<Equipment>,
    pub outlets: Vec<Outlet>,
    pub yearly: Vec<YearlyFigures>,
    #[serde(default)]
    pub activity: Vec<ActivityData>,
}

/// One row of the enterprise list.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct EnterpriseSummary {
    pub id: i64,
    pub credit_code: String,
    pub name: String,
    pub division_code: String,
    pub division_name: String,
    pub industry_code: String,
    pub industry_name: String,
    pub status: String,
    pub env_grade: String,
    pub above_scale: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Division {
    pub code: String,
    pub name: String,
    /// province | city | county | township | grid
    pub level: String,
    pub parent: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The enterprise dossier (一企一档).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Dossier {
    pub enterprise: Enterprise,
    /// From the province down to the enterprise's own division.
    pub division_path: Vec<Division>,
    pub industry_name: String,
    pub lines: Vec<ProductionLine>,
    pub equipment: Vec<Equipment>,
    pub outlets: Vec<Outlet>,
    pub yearly: Vec<YearlyFigures>,
    #[serde(default)]
    pub activity: Vec<ActivityData>,
    pub history: Vec<AuditEntry>,
}
