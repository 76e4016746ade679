//! The factor library (`data/factors/`): fuel net calorific values, carbon contents and
//! oxidation rates, grid emission factors by year and region, purchased-heat factor, process
//! items (products and process inputs) with their CO2 factors, and air-pollutant factors by item,
//! control technology and pollutant. Every factor carries its unit, source and status; a factor
//! whose unit does not fit its use is refused at load with file:line, and the library is only
//! used when every file loads.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::units::{self, Dimension};
use super::Pollutant;

/// How far a factor was checked (the legend of regulatory-facts.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    Verified,
    Secondary,
    Unverified,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Secondary => "secondary",
            Status::Unverified => "unverified",
        }
    }
    fn parse(s: &str) -> Option<Status> {
        match s.trim() {
            "verified" => Some(Status::Verified),
            "secondary" => Some(Status::Secondary),
            "unverified" => Some(Status::Unverified),
            _ => None,
        }
    }
}

/// Where a factor was read: the file and its line, shown beside every figure that uses it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Origin {
    pub file: &'static str,
    pub line: usize,
    pub status: Status,
    pub source: String,
}

impl Origin {
    /// `fuels.csv:4`, also the anchor of the factor on the library page.
    pub fn id(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
    pub fn anchor(&self) -> String {
        format!("f-{}-{}", self.file.trim_end_matches(".csv").trim_end_matches(".toml"), self.line)
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Fuel {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub dimension: Dimension,
    /// GJ per canonical activity unit (t or 10⁴ Nm³).
    pub ncv: f64,
    /// tC/GJ
    pub carbon: f64,
    /// share, (0, 1]
    pub oxidation: f64,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct GridFactor {
    pub year: i32,
    pub region: String,
    pub name_zh: String,
    /// tCO2/MWh (= kgCO2/kWh).
    pub t_per_mwh: f64,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HeatFactor {
    /// tCO2/GJ
    pub t_per_gj: f64,
    pub origin: Origin,
}

/// A product or process input with its process CO2 factor, if any.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Item {
    pub code: String,
    /// product | process_input
    pub category: String,
    pub name_zh: String,
    pub name_en: String,
    pub dimension: Dimension,
    /// tCO2 per canonical unit.
    pub co2: Option<f64>,
    pub origin: Origin,
}

/// What an air-pollutant factor multiplies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Basis {
    /// kg per canonical activity unit.
    Activity,
    /// kg per TJ of fuel energy (activity × NCV).
    Energy,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AirFactor {
    /// A fuel or item code.
    pub item: String,
    /// A control technology, or `any` (applies whatever the control).
    pub control: String,
    pub pollutant: Pollutant,
    /// kg per unit of `basis`.
    pub value: f64,
    pub unit: String,
    pub basis: Basis,
    pub origin: Origin,
}

#[derive(Clone, Debug, Deserialize, PartialEq, serde::Serialize)]
pub struct GridSettings {
    pub region: String,
    pub region_status: String,
    pub fallback: String,
    pub fallback_status: String,
}
#[derive(Clone, Debug, Deserialize, PartialEq, serde::Serialize)]
pub struct ControlSettings {
    pub default: String,
    pub default_status: String,
}
#[derive(Clone, Debug, Deserialize, PartialEq, serde::Serialize)]
pub struct MonitoringSettings {
    pub min_coverage: f64,
    pub min_coverage_status: String,
}
#[derive(Clone, Debug, Deserialize, PartialEq, serde::Serialize)]
pub struct ScenarioSettings {
    pub small_coal_boiler_below_t_h: f64,
    pub small_coal_boiler_status: String,
    pub efficiency_status: String,
    /// Fuel code (or `electricity`) → share of its energy put to use.
    pub efficiency: std::collections::BTreeMap<String, f64>,
}
#[derive(Clone, Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub grid: GridSettings,
    pub control: ControlSettings,
    pub monitoring: MonitoringSettings,
    pub scenarios: ScenarioSettings,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Library {
    pub fuels: Vec<Fuel>,
    pub grid: Vec<GridFactor>,
    pub heat: HeatFactor,
    pub items: Vec<Item>,
    pub air: Vec<AirFactor>,
    pub settings: Settings,
    #[serde(skip)]
    air_index: HashMap<String, Vec<usize>>,
}

/// A refused factor file: where and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for FactorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "data/factors/{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// The files of the library, by name.
pub struct Files<'a> {
    pub fuels: &'a str,
    pub grid: &'a str,
    pub heat: &'a str,
    pub process: &'a str,
    pub air: &'a str,
    pub settings: &'a str,
}

pub const SHIPPED: Files<'static> = Files {
    fuels: include_str!("../../data/factors/fuels.csv"),
    grid: include_str!("../../data/factors/grid.csv"),
    heat: include_str!("../../data/factors/heat.csv"),
    process: include_str!("../../data/factors/process.csv"),
    air: include_str!("../../data/factors/air.csv"),
    settings: include_str!("../../data/factors/settings.toml"),
};

pub static LIBRARY: LazyLock<Library> = LazyLock::new(|| match load(&SHIPPED) {
    Ok(l) => l,
    Err(e) => panic!("data/factors is well-formed (tested): {}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")),
});

/// Rows of one CSV file with their line numbers, each row a map header → cell.
fn rows(file: &'static str, text: &str, errors: &mut Vec<FactorError>) -> Vec<(usize, HashMap<String, String>)> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            errors.push(FactorError { file: file.into(), line: 1, reason: e.to_string() });
            return vec![];
        }
    };
    let mut out = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map(|p| p.line() as usize).unwrap_or(0);
                out.push((line, headers.iter().zip(r.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                errors.push(FactorError { file: file.into(), line, reason: e.to_string() });
            }
        }
    }
    out
}

/// Reads the cells of one row, noting every problem with the row's line.
struct Row<'a> {
    file: &'static str,
    line: usize,
    cells: &'a HashMap<String, String>,
    errors: &'a mut Vec<FactorError>,
    ok: bool,
}

impl Row<'_> {
    fn bad(&mut self, reason: impl Into<String>) {
        self.ok = false;
        self.errors.push(FactorError { file: self.file.into(), line: self.line, reason: reason.into() });
    }
    fn text(&mut self, column: &str) -> String {
        match self.cells.get(column) {
            Some(v) if !v.is_empty() => v.clone(),
            Some(_) => {
                self.bad(format!("{column} is empty"));
                String::new()
            }
            None => {
                self.bad(format!("column {column} is missing"));
                String::new()
            }
        }
    }
    fn optional(&self, column: &str) -> String {
        self.cells.get(column).cloned().unwrap_or_default()
    }
    fn positive(&mut self, column: &str) -> f64 {
        let v = self.text(column);
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && n > 0.0 => n,
            _ if v.is_empty() => 0.0,
            _ => {
                self.bad(format!("{column} = {v:?}: must be a positive number"));
                0.0
            }
        }
    }
    fn origin(&mut self) -> Origin {
        let status_text = self.text("status");
        let status = Status::parse(&status_text).unwrap_or_else(|| {
            self.bad(format!("status {status_text:?}: must be verified, secondary or unverified"));
            Status::Unverified
        });
        let source = self.text("source");
        Origin { file: self.file, line: self.line, status, source }
    }
    /// The unit must be exactly `expected` for this use.
    fn unit(&mut self, column: &str, expected: &[String], what: &str) -> String {
        let u = self.text(column);
        if !u.is_empty() && !expected.iter().any(|e| *e == u) {
            self.bad(format!("{column} {u:?} does not fit {what}: expected {}", expected.join(" or ")));
        }
        u
    }
}

/// The canonical activity unit of a factor row: must be one of the library's canonical units.
fn activity_dimension(r: &mut Row, allowed: &[Dimension]) -> Dimension {
    let u = r.text("activity_unit");
    match units::parse(&u) {
        Some((d, f)) if f == 1.0 && units::canonical(d) == u && allowed.contains(&d) => d,
        _ => {
            let names: Vec<&str> = allowed.iter().map(|d| units::canonical(*d)).collect();
            if !u.is_empty() {
                r.bad(format!("activity_unit {u:?} does not fit this use: expected {}", names.join(" or ")));
            }
            allowed[0]
        }
    }
}

pub fn load(files: &Files) -> Result<Library, Vec<FactorError>> {
    let mut errors = Vec::new();

    let mut fuels = Vec::new();
    for (line, cells) in rows("fuels.csv", files.fuels, &mut errors) {
        let mut r = Row { file: "fuels.csv", line, cells: &cells, errors: &mut errors, ok: true };
        let code = r.text("fuel");
        let dimension = activity_dimension(&mut r, &[Dimension::Mass, Dimension::GasVolume]);
        let ncv = r.positive("ncv");
        r.unit("ncv_unit", &[format!("GJ/{}", units::canonical(dimension))], "a net calorific value per activity unit");
        let carbon = r.positive("carbon_content");
        r.unit("carbon_unit", &["tC/GJ".to_string()], "a carbon content per unit of heat");
        let oxidation = r.positive("oxidation");
        r.unit("oxidation_unit", &["fraction".to_string()], "an oxidation rate");
        if oxidation > 1.0 {
            r.bad(format!("oxidation {oxidation}: a fraction must not exceed 1 (write 0.98, not 98)"));
        }
        if carbon > 0.1 {
            r.bad(format!("carbon_content {carbon} tC/GJ is not plausible (coal is ≈0.026): wrong unit?"));
        }
        let origin = r.origin();
        let (name_zh, name_en) = (r.text("name_zh"), r.text("name_en"));
        if fuels.iter().any(|f: &Fuel| f.code == code) {
            r.bad(format!("fuel {code} is defined twice"));
        }
        if r.ok {
            fuels.push(Fuel { code, name_zh, name_en, dimension, ncv, carbon, oxidation, origin });
        }
    }

    let mut grid = Vec::new();
    for (line, cells) in rows("grid.csv", files.grid, &mut errors) {
        let mut r = Row { file: "grid.csv", line, cells: &cells, errors: &mut errors, ok: true };
        let year_text = r.text("year");
        let year = year_text.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
        if year.is_none() && !year_text.is_empty() {
            r.bad(format!("year {year_text:?} is not a year"));
        }
        let value = r.positive("value");
        r.unit("unit", &["kgCO2/kWh".to_string(), "tCO2/MWh".to_string()], "a grid emission factor");
        if value > 2.0 {
            r.bad(format!("value {value} is not plausible for a grid factor in tCO2/MWh (gCO2/kWh given?)"));
        }
        let origin = r.origin();
        let (region, name_zh) = (r.text("region"), r.text("name_zh"));
        if r.ok {
            grid.push(GridFactor { year: year.unwrap_or(0), region, name_zh, t_per_mwh: value, origin });
        }
    }

    let mut heat = None;
    for (line, cells) in rows("heat.csv", files.heat, &mut errors) {
        let mut r = Row { file: "heat.csv", line, cells: &cells, errors: &mut errors, ok: true };
        let value = r.positive("value");
        r.unit("unit", &["tCO2/GJ".to_string()], "a purchased-heat factor");
        let origin = r.origin();
        if r.text("item") != "heat" {
            r.bad("item must be heat");
        }
        if r.ok {
            heat = Some(HeatFactor { t_per_gj: value, origin });
        }
    }

    let mut items = Vec::new();
    for (line, cells) in rows("process.csv", files.process, &mut errors) {
        let mut r = Row { file: "process.csv", line, cells: &cells, errors: &mut errors, ok: true };
        let code = r.text("item");
        let category = r.text("category");
        if !matches!(category.as_str(), "product" | "process_input" | "") {
            r.bad(format!("category {category:?}: must be product or process_input"));
        }
        let dimension = activity_dimension(&mut r, &[Dimension::Mass, Dimension::GasVolume]);
        let co2 = if r.optional("co2").is_empty() {
            None
        } else {
            let v = r.positive("co2");
            r.unit("co2_unit", &[format!("tCO2/{}", units::canonical(dimension))], "a process CO2 factor per activity unit");
            Some(v)
        };
        let origin = r.origin();
        let (name_zh, name_en) = (r.text("name_zh"), r.text("name_en"));
        if fuels.iter().any(|f| f.code == code) || items.iter().any(|i: &Item| i.code == code) {
            r.bad(format!("item {code} is defined twice"));
        }
        if r.ok {
            items.push(Item { code, category, name_zh, name_en, dimension, co2, origin });
        }
    }

    let mut air = Vec::new();
    for (line, cells) in rows("air.csv", files.air, &mut errors) {
        let mut r = Row { file: "air.csv", line, cells: &cells, errors: &mut errors, ok: true };
        let item = r.text("item");
        let control = r.text("control");
        let pollutant_text = r.text("pollutant");
        let pollutant = Pollutant::parse(&pollutant_text);
        match pollutant {
            Some(Pollutant::Co2) => r.bad("CO2 comes from fuels.csv and process.csv, not from air.csv"),
            None if !pollutant_text.is_empty() => {
                r.bad(format!("pollutant {pollutant_text:?}: must be one of {}", Pollutant::ALL.map(|p| p.code()).join(", ")))
            }
            _ => {}
        }
        let value = r.positive("value");
        let fuel = fuels.iter().find(|f| f.code == item);
        let thing = items.iter().find(|i| i.code == item);
        let dimension = match (fuel, thing) {
            (Some(f), _) => Some(f.dimension),
            (None, Some(i)) => Some(i.dimension),
            (None, None) => {
                if !item.is_empty() {
                    r.bad(format!("item {item:?} is neither a fuel of fuels.csv nor an item of process.csv"));
                }
                None
            }
        };
        let mut expected = Vec::new();
        if let Some(d) = dimension {
            expected.push(format!("kg/{}", units::canonical(d)));
        }
        if fuel.is_some() {
            expected.push("kg/TJ".to_string());
        }
        let unit = if expected.is_empty() { r.text("unit") } else { r.unit("unit", &expected, &format!("an emission factor of {item}")) };
        let basis = if unit == "kg/TJ" { Basis::Energy } else { Basis::Activity };
        let origin = r.origin();
        if let Some(p) = pollutant {
            if air.iter().any(|a: &AirFactor| a.item == item && a.control == control && a.pollutant == p) {
                r.bad(format!("{item} / {control} / {} is defined twice", p.code()));
            }
            if r.ok {
                air.push(AirFactor { item, control, pollutant: p, value, unit, basis, origin });
            }
        }
    }

    let settings = match toml::from_str::<Settings>(files.settings) {
        Ok(s) => {
            if !grid.iter().any(|g| g.region == s.grid.region) {
                errors.push(FactorError { file: "settings.toml".into(), line: line_of(files.settings, "region ="), reason: format!("grid.region {:?} has no factor in grid.csv", s.grid.region) });
            }
            if s.grid.fallback != "latest_earlier_year" {
                errors.push(FactorError { file: "settings.toml".into(), line: line_of(files.settings, "fallback ="), reason: "grid.fallback must be latest_earlier_year".into() });
            }
            if !(0.0..=1.0).contains(&s.monitoring.min_coverage) {
                errors.push(FactorError { file: "settings.toml".into(), line: line_of(files.settings, "min_coverage ="), reason: "monitoring.min_coverage must be a share between 0 and 1".into() });
            }
            Some(s)
        }
        Err(e) => {
            let line = e.span().map(|s| files.settings[..s.start].lines().count().max(1)).unwrap_or(1);
            errors.push(FactorError { file: "settings.toml".into(), line, reason: e.message().to_string() });
            None
        }
    };
    if heat.is_none() && !errors.iter().any(|e| e.file == "heat.csv") {
        errors.push(FactorError { file: "heat.csv".into(), line: 1, reason: "no heat factor".into() });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut air_index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, a) in air.iter().enumerate() {
        air_index.entry(a.item.clone()).or_default().push(i);
    }
    Ok(Library { fuels, grid, heat: heat.expect("checked"), items, air, settings: settings.expect("checked"), air_index })
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.trim_start().starts_with(needle)).map(|i| i + 1).unwrap_or(1)
}

impl Library {
    pub fn fuel(&self, code: &str) -> Option<&Fuel> {
        self.fuels.iter().find(|f| f.code == code)
    }
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.code == code)
    }
    /// A fuel or item by code, Chinese or English name.
    pub fn find_fuel(&self, text: &str) -> Option<&Fuel> {
        let t = text.trim();
        self.fuels.iter().find(|f| f.code == t || f.name_zh == t || f.name_en.eq_ignore_ascii_case(t))
    }
    pub fn find_item(&self, text: &str, category: &str) -> Option<&Item> {
        let t = text.trim();
        self.items.iter().find(|i| i.category == category && (i.code == t || i.name_zh == t || i.name_en.eq_ignore_ascii_case(t)))
    }
    /// The grid factor for an inventory year: that year's for the configured region, else the
    /// latest earlier year's (the fallback setting).
    pub fn grid_for(&self, year: i32) -> Option<&GridFactor> {
        let region = &self.settings.grid.region;
        self.grid.iter().filter(|g| &g.region == region && g.year <= year).max_by_key(|g| g.year)
    }
    /// The air factor of an item for a control technology: the control's own row, else the
    /// `any` row.
    pub fn air_for(&self, item: &str, control: &str, pollutant: Pollutant) -> Option<&AirFactor> {
        self.air_index_for(item, control, pollutant).map(|i| &self.air[i])
    }
    /// The index in `air` of `air_for`'s factor.
    pub fn air_index_for(&self, item: &str, control: &str, pollutant: Pollutant) -> Option<usize> {
        let list = self.air_index.get(item)?;
        let control = if control.is_empty() { self.settings.control.default.as_str() } else { control };
        let of = |c: &str| list.iter().copied().find(|&i| self.air[i].pollutant == pollutant && self.air[i].control == c);
        of(control).or_else(|| of("any"))
    }
    /// The control technologies named for an item.
    pub fn controls(&self, item: &str) -> Vec<&str> {
        let mut out: Vec<&str> = self.air.iter().filter(|a| a.item == item && a.control != "any").map(|a| a.control.as_str()).collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_library_loads_with_units_sources_and_status() {
        let l = &*LIBRARY;
        assert!(l.fuels.len() >= 10);
        let gas = l.fuel("natural_gas").unwrap();
        assert_eq!((gas.ncv, gas.carbon, gas.oxidation, gas.dimension), (389.31, 0.01532, 0.99, Dimension::GasVolume));
        assert_eq!(gas.origin.status, Status::Secondary);
        assert_eq!(l.grid_for(2022).unwrap().t_per_mwh, 0.5857);
        assert_eq!(l.grid_for(2025).unwrap().year, 2022, "no later factor published: the latest earlier one");
        assert!(l.grid_for(2019).is_none());
        assert_eq!(l.item("cement_clinker").unwrap().co2, Some(0.52));
        assert_eq!(l.air_for("natural_gas", "low_nox_30", Pollutant::Nox).unwrap().value, 3.2);
        assert_eq!(l.air_for("natural_gas", "", Pollutant::Nox).unwrap().control, "typical");
        assert_eq!(l.air_for("natural_gas", "low_nox", Pollutant::So2).unwrap().control, "any");
        for f in &l.fuels {
            assert!(!f.origin.source.is_empty());
        }
        // Every factor's line holds its own row.
        for a in &l.air {
            let line = SHIPPED.air.lines().nth(a.origin.line - 1).unwrap();
            assert!(line.starts_with(&format!("{},{},{}", a.item, a.control, a.pollutant.code())), "{line}");
        }
    }

    fn with(file: &str, from: &str, to: &str) -> Result<Library, Vec<FactorError>> {
        let mut texts = [SHIPPED.fuels, SHIPPED.grid, SHIPPED.heat, SHIPPED.process, SHIPPED.air, SHIPPED.settings].map(String::from);
        let i = ["fuels.csv", "grid.csv", "heat.csv", "process.csv", "air.csv", "settings.toml"].iter().position(|f| *f == file).unwrap();
        assert!(texts[i].contains(from), "{from}");
        texts[i] = texts[i].replacen(from, to, 1);
        load(&Files { fuels: &texts[0], grid: &texts[1], heat: &texts[2], process: &texts[3], air: &texts[4], settings: &texts[5] })
    }

    #[test]
    fn a_factor_whose_unit_does_not_fit_its_use_is_refused_with_file_and_line() {
        let line_of_gas = SHIPPED.fuels.lines().position(|l| l.starts_with("natural_gas,")).unwrap() + 1;
        let e = with("fuels.csv", "389.31,GJ/10^4Nm3", "389.31,GJ/t").unwrap_err();
        assert_eq!((e[0].file.as_str(), e[0].line), ("fuels.csv", line_of_gas), "{e:?}");
        assert!(e[0].reason.contains("GJ/10^4Nm3"), "{}", e[0]);
        assert!(e[0].to_string().starts_with(&format!("data/factors/fuels.csv:{line_of_gas}: ")));

        let e = with("fuels.csv", "0.99,fraction,secondary", "99,fraction,secondary").unwrap_err();
        assert!(e[0].reason.contains("must not exceed 1"), "{e:?}");
        let e = with("grid.csv", "0.5857,kgCO2/kWh", "585.7,gCO2/kWh").unwrap_err();
        assert!(e[0].reason.contains("gCO2/kWh") && e[0].line == 4, "{e:?}");
        let e = with("process.csv", "0.52,tCO2/t", "0.52,tCO2/GJ").unwrap_err();
        assert_eq!((e[0].file.as_str(), e[0].line), ("process.csv", 2));
        let e = with("air.csv", "natural_gas,low_nox_30,NOx,3.2,kg/10^4Nm3", "natural_gas,low_nox_30,NOx,3.2,kg/t").unwrap_err();
        let line = SHIPPED.air.lines().position(|l| l.starts_with("natural_gas,low_nox_30")).unwrap() + 1;
        assert_eq!((e[0].file.as_str(), e[0].line), ("air.csv", line), "{e:?}");
        assert!(e[0].reason.contains("kg/10^4Nm3 or kg/TJ"), "{}", e[0].reason);
        let e = with("air.csv", "raw_coal,any,CH4,10,kg/TJ", "raw_coal,any,CH4,10,kg/GJ").unwrap_err();
        assert!(e[0].reason.contains("kg/GJ"));
        let e = with("heat.csv", "0.11,tCO2/GJ", "0.11,tCO2/MWh").unwrap_err();
        assert_eq!((e[0].file.as_str(), e[0].line), ("heat.csv", 2));
        let e = with("air.csv", "raw_coal,any,CH4", "coal_dust,any,CH4").unwrap_err();
        assert!(e[0].reason.contains("coal_dust"));
        let e = with("settings.toml", "region = \"northwest\"", "region = \"mars\"").unwrap_err();
        assert_eq!(e[0].file, "settings.toml");
        assert!(e[0].line > 1);
        let e = with("air.csv", "unverified,\"AP-42 §1.1 spreader stoker 11", "checked,\"AP-42 §1.1 spreader stoker 11").unwrap_err();
        assert!(e[0].reason.contains("status"));
    }
}
