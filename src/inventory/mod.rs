//! The fused emission inventory of air pollutants and greenhouse gases (issue 13): the factor
//! library (`factors`, `data/factors/`), units (`units`), activity data checks (`activity`),
//! the calculation (`compute`: factor-based amounts, monitoring-based ones winning where an
//! outlet's monitored total covers the year), what-if scenarios (`scenario`) and the synergy of
//! measures (`measures`). Pure: no I/O; `storage::inventory` reads the inputs.

pub mod activity;
pub mod compute;
pub mod factors;
pub mod measures;
pub mod scenario;
pub mod units;

use crate::i18n::catalogue::inventory as msg;
use crate::i18n::Msg;

/// The pollutants of the fused inventory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Pollutant {
    #[serde(rename = "SO2")]
    So2,
    #[serde(rename = "NOx")]
    Nox,
    #[serde(rename = "PM")]
    Pm,
    #[serde(rename = "VOCs")]
    Vocs,
    #[serde(rename = "CO2")]
    Co2,
    #[serde(rename = "CH4")]
    Ch4,
    #[serde(rename = "N2O")]
    N2o,
}

impl Pollutant {
    pub const ALL: [Pollutant; 7] = [Pollutant::So2, Pollutant::Nox, Pollutant::Pm, Pollutant::Vocs, Pollutant::Co2, Pollutant::Ch4, Pollutant::N2o];
    pub const AIR: [Pollutant; 4] = [Pollutant::So2, Pollutant::Nox, Pollutant::Pm, Pollutant::Vocs];

    pub fn code(self) -> &'static str {
        match self {
            Pollutant::So2 => "SO2",
            Pollutant::Nox => "NOx",
            Pollutant::Pm => "PM",
            Pollutant::Vocs => "VOCs",
            Pollutant::Co2 => "CO2",
            Pollutant::Ch4 => "CH4",
            Pollutant::N2o => "N2O",
        }
    }
    pub fn parse(s: &str) -> Option<Pollutant> {
        Pollutant::ALL.into_iter().find(|p| p.code().eq_ignore_ascii_case(s.trim()))
    }
    pub fn is_air(self) -> bool {
        Pollutant::AIR.contains(&self)
    }
    pub fn index(self) -> usize {
        self as usize
    }
    /// The HJ 212-2017 code monitored outlets report it under.
    pub fn hj212(self) -> Option<&'static str> {
        match self {
            Pollutant::So2 => Some("a21026"),
            Pollutant::Nox => Some("a21002"),
            Pollutant::Pm => Some("a34013"),
            Pollutant::Vocs => Some("a24088"),
            _ => None,
        }
    }
    pub fn from_hj212(code: &str) -> Option<Pollutant> {
        Pollutant::AIR.into_iter().find(|p| p.hj212() == Some(code))
    }
    /// The pollution-equivalent value (kg) of 附表二 (`data/tax/equivalents.csv`): SO2 and NOx
    /// 0.95, PM as 烟尘 2.18; VOCs have no line (only named species do), greenhouse gases none.
    pub fn equivalent_kg(self) -> Option<f64> {
        let code = match self {
            Pollutant::So2 | Pollutant::Nox | Pollutant::Pm => self.hj212()?,
            _ => return None,
        };
        crate::tax::equivalents::for_code(crate::monitoring::rules::Medium::Air, code).map(|e| e.equivalent_kg)
    }
}

/// What an activity row records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Fuel,
    Electricity,
    Heat,
    Product,
    ProcessInput,
}

impl Category {
    pub const ALL: [Category; 5] = [Category::Fuel, Category::Electricity, Category::Heat, Category::Product, Category::ProcessInput];
    pub fn code(self) -> &'static str {
        match self {
            Category::Fuel => "fuel",
            Category::Electricity => "electricity",
            Category::Heat => "heat",
            Category::Product => "product",
            Category::ProcessInput => "process_input",
        }
    }
    /// The label in the workbook (Chinese, as clerks type it).
    pub fn zh(self) -> &'static str {
        match self {
            Category::Fuel => "燃料",
            Category::Electricity => "外购电力",
            Category::Heat => "外购热力",
            Category::Product => "产品产量",
            Category::ProcessInput => "工艺原料",
        }
    }
    pub fn parse(s: &str) -> Option<Category> {
        let t = s.trim();
        Category::ALL.into_iter().find(|c| c.code() == t || c.zh() == t)
    }
    pub fn label(self) -> Msg {
        match self {
            Category::Fuel => msg::category_fuel(),
            Category::Electricity => msg::category_electricity(),
            Category::Heat => msg::category_heat(),
            Category::Product => msg::category_product(),
            Category::ProcessInput => msg::category_process_input(),
        }
    }
}

/// The source category of the inventory (one classification for pollutants and greenhouse gases).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 化石燃料燃烧 (stationary combustion).
    Combustion,
    /// 工业过程 (process emissions of products).
    Process,
    /// 溶剂使用 (process inputs: paints and solvents).
    Solvent,
    /// 外购电力 (indirect).
    Electricity,
    /// 外购热力 (indirect).
    Heat,
    /// A monitored outlet's total that no activity row could carry.
    Outlet,
}

impl Source {
    pub const ALL: [Source; 6] = [Source::Combustion, Source::Process, Source::Solvent, Source::Electricity, Source::Heat, Source::Outlet];
    pub fn code(self) -> &'static str {
        match self {
            Source::Combustion => "combustion",
            Source::Process => "process",
            Source::Solvent => "solvent",
            Source::Electricity => "electricity",
            Source::Heat => "heat",
            Source::Outlet => "outlet",
        }
    }
    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|c| c.code() == s)
    }
    pub fn of(c: Category) -> Source {
        match c {
            Category::Fuel => Source::Combustion,
            Category::Electricity => Source::Electricity,
            Category::Heat => Source::Heat,
            Category::Product => Source::Process,
            Category::ProcessInput => Source::Solvent,
        }
    }
    pub fn label(self) -> Msg {
        match self {
            Source::Combustion => msg::source_combustion(),
            Source::Process => msg::source_process(),
            Source::Solvent => msg::source_solvent(),
            Source::Electricity => msg::source_electricity(),
            Source::Heat => msg::source_heat(),
            Source::Outlet => msg::source_outlet(),
        }
    }
}

/// How a figure was produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Activity × factor.
    Factor,
    /// The outlet's monitored total (hourly emission rates, `enforcement::emissions`).
    Monitoring,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::Factor => "factor",
            Method::Monitoring => "monitoring",
        }
    }
    pub fn label(self) -> Msg {
        match self {
            Method::Factor => msg::method_factor(),
            Method::Monitoring => msg::method_monitoring(),
        }
    }
}

/// 44/12: tonnes of CO2 per tonne of carbon.
pub const CO2_PER_C: f64 = 44.0 / 12.0;

/// A figure as the inventory prints it: up to 6 decimals, trailing zeros dropped.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// A year as the inventory's inputs name it: four digits.
pub fn parse_year(s: &str) -> Result<i32, Msg> {
    match s.trim().parse::<i32>() {
        Ok(y) if (1990..=2100).contains(&y) && s.trim().len() == 4 => Ok(y),
        _ => Err(msg::year_invalid(s)),
    }
}
