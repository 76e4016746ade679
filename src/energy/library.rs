//! The reference data of the energy domain, `data/energy/` (embedded at build time): the
//! national 工业重点领域能效标杆水平和基准水平 by product (`benchmarks.csv`), the GB/T 2589
//! coefficients that turn activity data into tonnes of standard coal (`conversion.csv`), the
//! settings (`settings.toml`) and the relocation area (`built-up-area.geojson`). Every value
//! names its source and status; every problem refuses the whole library with `file:line`.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

pub use crate::inventory::factors::Status;
use crate::inventory::units::{self, Dimension};

/// Units a specific energy consumption may be written in: (as written, canonical, factor).
/// Only conversions inside one quantity: kgce ↔ tce per tonne; kWh ↔ MWh per tonne.
const SPEC_UNITS: &[(&str, &str, f64)] = &[
    ("kgce/t", "kgce/t", 1.0),
    ("kgce/吨", "kgce/t", 1.0),
    ("千克标准煤/吨", "kgce/t", 1.0),
    ("tce/t", "kgce/t", 1000.0),
    ("吨标准煤/吨", "kgce/t", 1000.0),
    ("kWh/t", "kWh/t", 1.0),
    ("千瓦时/吨", "kWh/t", 1.0),
    ("MWh/t", "kWh/t", 1000.0),
    ("kgce/weight-box", "kgce/weight-box", 1.0),
    ("kgce/重量箱", "kgce/weight-box", 1.0),
    ("千克标准煤/重量箱", "kgce/weight-box", 1.0),
];

/// A specific-energy unit as written → (canonical unit, factor to it); `None`: not a unit of
/// specific energy the platform knows.
pub fn spec_unit(text: &str) -> Option<(&'static str, f64)> {
    let t = text.trim();
    SPEC_UNITS.iter().find(|(w, _, _)| w.eq_ignore_ascii_case(t)).map(|(_, c, f)| (*c, *f))
}

/// The units a specific energy may be written in (for messages and the template).
pub fn spec_units() -> Vec<&'static str> {
    SPEC_UNITS.iter().map(|(w, _, _)| *w).collect()
}

fn status_of(s: &str) -> Option<Status> {
    match s.trim() {
        "verified" => Some(Status::Verified),
        "secondary" => Some(Status::Secondary),
        "unverified" => Some(Status::Unverified),
        _ => None,
    }
}

/// One product line of the benchmark document.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Product {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// Equipment kinds (data/equipment-kinds.csv) it applies to, each with an optional process.
    pub kinds: Vec<(String, Option<String>)>,
    /// Capacity band of the equipment (in its kind's unit): above, up to and including.
    pub capacity_above: Option<f64>,
    pub capacity_up_to: Option<f64>,
    pub indicator_zh: String,
    pub indicator_en: String,
    /// Canonical specific-energy unit (kgce/t, kWh/t, kgce/weight-box).
    pub unit: String,
    /// 标杆水平: at or below it, the line reaches the benchmark (lower is better).
    pub benchmark: f64,
    /// 基准水平: above it, the line is below the baseline.
    pub baseline: f64,
    /// Renovate or exit by this day (YYYY-MM-DD).
    pub deadline: String,
    pub status: Status,
    pub source: String,
    pub line: usize,
}

impl Product {
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang { crate::i18n::Lang::Zh => &self.name_zh, crate::i18n::Lang::En => &self.name_en }
    }
    /// The product's name in both languages, as a message parameter.
    pub fn arg(&self) -> crate::i18n::Arg {
        crate::i18n::Arg::both(self.name_zh.clone(), self.name_en.clone())
    }
    pub fn origin(&self) -> String {
        format!("data/energy/benchmarks.csv:{}", self.line)
    }
    fn applies(&self, kind: &str, process: &str, capacity: Option<f64>) -> bool {
        let kind_ok = self.kinds.iter().any(|(k, p)| k == kind && p.as_deref().is_none_or(|p| p == process));
        let above_ok = self.capacity_above.is_none_or(|a| capacity.is_some_and(|c| c > a));
        let up_to_ok = self.capacity_up_to.is_none_or(|u| capacity.is_some_and(|c| c <= u));
        kind_ok && above_ok && up_to_ok
    }
}

/// tce per canonical activity unit of a fuel, electricity or heat (GB/T 2589).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Coefficient {
    pub item: String,
    pub name_zh: String,
    pub tce_per_unit: f64,
    pub unit: String,
    pub status: Status,
    pub source: String,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
pub struct KeyUsers {
    pub threshold_tce: f64,
    pub threshold_status: String,
    pub threshold_source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
pub struct Grading {
    pub exceeded_up_to: f64,
    pub completed_up_to: f64,
    pub basically_up_to: f64,
    pub status: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
pub struct Diagnosis {
    pub grades: Vec<String>,
    pub below_baseline: bool,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
pub struct Relocation {
    pub area_file: String,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub key_users: KeyUsers,
    pub grading: Grading,
    pub diagnosis: Diagnosis,
    pub relocation: Relocation,
}

#[derive(Clone, Debug)]
pub struct Library {
    pub products: Vec<Product>,
    pub coefficients: Vec<Coefficient>,
    pub settings: Settings,
    /// The relocation area (one or more polygons).
    pub area: Vec<crate::map::Boundary>,
    by_item: HashMap<String, usize>,
}

impl Library {
    pub fn product(&self, code: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.code == code)
    }
    /// The product whose benchmark applies to a piece of equipment, if any.
    pub fn product_for(&self, kind: &str, process: &str, capacity: Option<f64>) -> Option<&Product> {
        self.products.iter().find(|p| p.applies(kind, process, capacity))
    }
    /// Whether any product names this kind (the equipment should then carry a specific energy).
    pub fn covers_kind(&self, kind: &str) -> bool {
        self.products.iter().any(|p| p.kinds.iter().any(|(k, _)| k == kind))
    }
    pub fn coefficient(&self, item: &str) -> Option<&Coefficient> {
        self.by_item.get(item).map(|&i| &self.coefficients[i])
    }
    pub fn in_area(&self, lon: f64, lat: f64) -> bool {
        self.area.iter().any(|b| b.contains(lon, lat))
    }
}

pub struct Files<'a> {
    pub benchmarks: &'a str,
    pub conversion: &'a str,
    pub settings: &'a str,
    pub area: &'a str,
}

pub const SHIPPED: Files<'static> = Files {
    benchmarks: include_str!("../../data/energy/benchmarks.csv"),
    conversion: include_str!("../../data/energy/conversion.csv"),
    settings: include_str!("../../data/energy/settings.toml"),
    area: include_str!("../../data/energy/built-up-area.geojson"),
};

pub static LIBRARY: LazyLock<Library> = LazyLock::new(|| match load(&SHIPPED) {
    Ok(l) => l,
    Err(e) => panic!("data/energy is well-formed (tested): {}", e.join("; ")),
});

fn rows(file: &str, text: &str, errors: &mut Vec<String>) -> Vec<(usize, HashMap<String, String>)> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            errors.push(format!("data/energy/{file}:1: {e}"));
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
            Err(e) => errors.push(format!("data/energy/{file}:{}: {e}", e.position().map(|p| p.line()).unwrap_or(0))),
        }
    }
    out
}

struct Row<'a> {
    at: String,
    cells: &'a HashMap<String, String>,
    errors: &'a mut Vec<String>,
}

impl Row<'_> {
    fn bad(&mut self, reason: impl std::fmt::Display) {
        self.errors.push(format!("{}: {reason}", self.at));
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
    fn number(&mut self, column: &str) -> f64 {
        let v = self.text(column);
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() => n,
            _ if v.is_empty() => f64::NAN,
            _ => {
                self.bad(format!("{column} = {v:?}: must be a number"));
                f64::NAN
            }
        }
    }
    fn optional_number(&mut self, column: &str) -> Option<f64> {
        let v = self.cells.get(column).cloned().unwrap_or_default();
        if v.is_empty() {
            return None;
        }
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Some(n),
            _ => {
                self.bad(format!("{column} = {v:?}: must be a non-negative number or empty"));
                None
            }
        }
    }
    fn status(&mut self) -> Status {
        let s = self.text("status");
        status_of(&s).unwrap_or_else(|| {
            self.bad(format!("status {s:?}: must be verified, secondary or unverified"));
            Status::Unverified
        })
    }
}

fn valid_date(s: &str) -> bool {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &f).is_ok()
}

pub fn load(files: &Files) -> Result<Library, Vec<String>> {
    let mut errors = Vec::new();
    let mut products: Vec<Product> = Vec::new();
    for (line, cells) in rows("benchmarks.csv", files.benchmarks, &mut errors) {
        let mut r = Row { at: format!("data/energy/benchmarks.csv:{line}"), cells: &cells, errors: &mut errors };
        let code = r.text("product");
        let kinds_text = r.text("kinds");
        let mut kinds = Vec::new();
        for k in kinds_text.split(';').map(str::trim).filter(|k| !k.is_empty()) {
            let (kind, process) = match k.split_once(':') {
                Some((a, b)) => (a.trim().to_string(), Some(b.trim().to_string())),
                None => (k.to_string(), None),
            };
            if crate::ledger::codes::EQUIPMENT_KINDS.find(&kind).map(|x| x.kind.as_str()) != Some(kind.as_str()) {
                r.bad(format!("kind {kind:?} is not in data/equipment-kinds.csv"));
            }
            kinds.push((kind, process));
        }
        let unit_text = r.text("unit");
        let unit = match spec_unit(&unit_text) {
            Some((c, f)) if f == 1.0 && c == unit_text => c.to_string(),
            _ => {
                if !unit_text.is_empty() {
                    r.bad(format!("unit {unit_text:?} is not a canonical specific-energy unit (kgce/t, kWh/t, kgce/weight-box)"));
                }
                String::new()
            }
        };
        let benchmark = r.number("benchmark");
        let baseline = r.number("baseline");
        if benchmark.is_finite() && baseline.is_finite() && benchmark >= baseline {
            r.bad(format!("benchmark {benchmark} must be below the baseline {baseline} (less energy per unit is better)"));
        }
        let deadline = r.text("deadline");
        if !deadline.is_empty() && !valid_date(&deadline) {
            r.bad(format!("deadline {deadline:?}: must be a date YYYY-MM-DD"));
        }
        let capacity_above = r.optional_number("capacity_above");
        let capacity_up_to = r.optional_number("capacity_up_to");
        if let (Some(a), Some(u)) = (capacity_above, capacity_up_to) {
            if a >= u {
                r.bad(format!("capacity_above {a} must be below capacity_up_to {u}"));
            }
        }
        let status = r.status();
        let p = Product {
            name_zh: r.text("name_zh"),
            name_en: r.text("name_en"),
            indicator_zh: r.text("indicator_zh"),
            indicator_en: r.text("indicator_en"),
            source: r.text("source"),
            code,
            kinds,
            capacity_above,
            capacity_up_to,
            unit,
            benchmark,
            baseline,
            deadline,
            status,
            line,
        };
        if products.iter().any(|q| q.code == p.code) {
            r.bad(format!("product {} appears twice", p.code));
        }
        // Two products must never claim the same equipment: same kind and process, overlapping bands.
        for q in &products {
            let shared = p.kinds.iter().any(|(k, pp)| q.kinds.iter().any(|(k2, qp)| k == k2 && (pp.is_none() || qp.is_none() || pp == qp)));
            let lo = p.capacity_above.unwrap_or(f64::NEG_INFINITY).max(q.capacity_above.unwrap_or(f64::NEG_INFINITY));
            let hi = p.capacity_up_to.unwrap_or(f64::INFINITY).min(q.capacity_up_to.unwrap_or(f64::INFINITY));
            if shared && lo < hi {
                r.bad(format!("product {} overlaps {} (line {}): the same equipment would get two benchmarks", p.code, q.code, q.line));
            }
        }
        products.push(p);
    }

    let factors = &*crate::inventory::factors::LIBRARY;
    let mut coefficients: Vec<Coefficient> = Vec::new();
    for (line, cells) in rows("conversion.csv", files.conversion, &mut errors) {
        let mut r = Row { at: format!("data/energy/conversion.csv:{line}"), cells: &cells, errors: &mut errors };
        let item = r.text("item");
        let dimension = match item.as_str() {
            "electricity" => Some(Dimension::Electricity),
            "heat" => Some(Dimension::Energy),
            other => factors.fuel(other).map(|f| f.dimension),
        };
        let unit = r.text("unit");
        match dimension {
            None if !item.is_empty() => r.bad(format!("item {item:?} is neither electricity, heat nor a fuel of data/factors/fuels.csv")),
            Some(d) => {
                let expected = format!("tce/{}", units::canonical(d));
                if !unit.is_empty() && unit != expected {
                    r.bad(format!("unit {unit:?} does not fit {item}: expected {expected}"));
                }
            }
            None => {}
        }
        let c = r.number("coefficient");
        if c.is_finite() && c <= 0.0 {
            r.bad(format!("coefficient {c}: must be positive"));
        }
        let status = r.status();
        let row = Coefficient { name_zh: r.text("name_zh"), source: r.text("source"), item, tce_per_unit: c, unit, status, line };
        if coefficients.iter().any(|x| x.item == row.item) {
            r.bad(format!("item {} appears twice", row.item));
        }
        coefficients.push(row);
    }
    for f in &factors.fuels {
        if !coefficients.iter().any(|c| c.item == f.code) {
            errors.push(format!("data/energy/conversion.csv: the fuel {} of data/factors/fuels.csv has no coefficient (energy use would be undercounted)", f.code));
        }
    }
    for needed in ["electricity", "heat"] {
        if !coefficients.iter().any(|c| c.item == needed) {
            errors.push(format!("data/energy/conversion.csv: no coefficient for {needed}"));
        }
    }

    let settings: Option<Settings> = match toml::from_str::<Settings>(files.settings) {
        Ok(s) => {
            let g = &s.grading;
            if !(g.exceeded_up_to > 0.0 && g.exceeded_up_to <= g.completed_up_to && g.completed_up_to <= g.basically_up_to) {
                errors.push("data/energy/settings.toml: [grading] needs 0 < exceeded_up_to ≤ completed_up_to ≤ basically_up_to".into());
            }
            if !(s.key_users.threshold_tce > 0.0) {
                errors.push("data/energy/settings.toml: [key_users] threshold_tce must be positive".into());
            }
            for grade in &s.diagnosis.grades {
                if super::Grade::parse(grade).is_none() {
                    errors.push(format!("data/energy/settings.toml: [diagnosis] grade {grade:?} is not exceeded, completed, basically or failed"));
                }
            }
            Some(s)
        }
        Err(e) => {
            let line = e.span().map(|s| files.settings[..s.start].lines().count().max(1)).unwrap_or(1);
            errors.push(format!("data/energy/settings.toml:{line}: {}", e.message()));
            None
        }
    };
    let area = match crate::map::parse(files.area) {
        Ok(a) => a,
        Err(e) => {
            errors.push(format!("data/energy/built-up-area.geojson: {e}"));
            vec![]
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let by_item = coefficients.iter().enumerate().map(|(i, c)| (c.item.clone(), i)).collect();
    Ok(Library { products, coefficients, settings: settings.expect("no errors"), area, by_item })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(benchmarks: &str, conversion: &str) -> Result<Library, Vec<String>> {
        load(&Files { benchmarks, conversion, settings: SHIPPED.settings, area: SHIPPED.area })
    }

    #[test]
    fn shipped_library_loads() {
        let lib = load(&SHIPPED).unwrap();
        assert!(lib.product("cement_clinker").is_some());
        assert_eq!(lib.product_for("cement_clinker_line", "dry", Some(2500.0)).unwrap().code, "cement_clinker");
        assert_eq!(lib.product_for("flat_glass_furnace", "float", Some(1000.0)).unwrap().code, "flat_glass_800");
        assert_eq!(lib.product_for("flat_glass_furnace", "float", Some(800.0)).unwrap().code, "flat_glass_500_800");
        assert!(lib.product_for("flat_glass_furnace", "float", Some(300.0)).is_none(), "no band for 300 t/d: said so, not guessed");
        assert_eq!(lib.product_for("coke_oven", "tamping", Some(5.5)).unwrap().code, "coke_tamping");
        assert!(lib.product_for("coke_oven", "heat_recovery", Some(5.5)).is_none());
        assert!(lib.product_for("lime_kiln", "", Some(100.0)).is_none());
        assert!((lib.coefficient("raw_coal").unwrap().tce_per_unit - 0.7143).abs() < 1e-12);
        assert!(lib.in_area(108.55, 34.11));
        assert!(!lib.in_area(108.20, 34.28), "石门县's seat lies outside the built-up area");
    }

    #[test]
    fn bad_rows_are_refused_with_file_and_line() {
        let head = SHIPPED.benchmarks.lines().next().unwrap();
        let bad = format!("{head}\nx,X,X,cement_clinker_line,,,i,i,kgce/t,120,117,2025-12-31,unverified,s\ny,Y,Y,no_such_kind,,,i,i,GJ/t,1,2,2025-13-01,maybe,s\n");
        let e = with(&bad, SHIPPED.conversion).unwrap_err();
        assert!(e.iter().any(|m| m.starts_with("data/energy/benchmarks.csv:2:") && m.contains("below the baseline")), "{e:?}");
        assert!(e.iter().any(|m| m.starts_with("data/energy/benchmarks.csv:3:") && m.contains("no_such_kind")), "{e:?}");
        assert!(e.iter().any(|m| m.starts_with("data/energy/benchmarks.csv:3:") && m.contains("GJ/t")), "{e:?}");
        assert!(e.iter().any(|m| m.starts_with("data/energy/benchmarks.csv:3:") && m.contains("deadline")), "{e:?}");
        assert!(e.iter().any(|m| m.starts_with("data/energy/benchmarks.csv:3:") && m.contains("status")), "{e:?}");
        let overlap = format!("{head}\na,A,A,cement_clinker_line,,,i,i,kgce/t,100,117,2025-12-31,unverified,s\nb,B,B,cement_clinker_line:dry,,,i,i,kgce/t,100,117,2025-12-31,unverified,s\n");
        let e = with(&overlap, SHIPPED.conversion).unwrap_err();
        assert!(e.iter().any(|m| m.starts_with("data/energy/benchmarks.csv:3:") && m.contains("overlaps")), "{e:?}");
        let conv_head = SHIPPED.conversion.lines().next().unwrap();
        let rest: Vec<&str> = SHIPPED.conversion.lines().skip(1).collect();
        let wrong_unit = format!("{conv_head}\n{}\n", rest.iter().map(|l| l.replacen("tce/MWh", "tce/kWh", 1)).collect::<Vec<_>>().join("\n"));
        let e = with(SHIPPED.benchmarks, &wrong_unit).unwrap_err();
        assert!(e.iter().any(|m| m.contains("conversion.csv:") && m.contains("tce/kWh") && m.contains("expected tce/MWh")), "{e:?}");
        let missing = format!("{conv_head}\n{}\n", rest.iter().filter(|l| !l.starts_with("diesel,")).copied().collect::<Vec<_>>().join("\n"));
        let e = with(SHIPPED.benchmarks, &missing).unwrap_err();
        assert!(e.iter().any(|m| m.contains("diesel") && m.contains("no coefficient")), "{e:?}");
    }

    #[test]
    fn specific_energy_units() {
        assert_eq!(spec_unit("tce/t"), Some(("kgce/t", 1000.0)));
        assert_eq!(spec_unit("kgce/重量箱"), Some(("kgce/weight-box", 1.0)));
        assert_eq!(spec_unit("GJ/t"), None);
    }
}
