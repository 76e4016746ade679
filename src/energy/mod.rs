//! Energy (issue 18 items 1, 2, 4): key energy users and their dual-control evaluation
//! (能耗双控评价), lines and equipment against the national 能效标杆水平和基准水平, the dynamic
//! renovation list and relocation candidates. Pure: no I/O; the reference data is
//! `library` (`data/energy/`), queries are in `storage::energy`.
//!
//! - `classify`: one piece of equipment's specific energy against its product's benchmark and
//!   baseline (lower is better: at or below the benchmark → `Benchmark`; up to and including the
//!   baseline → `Between`; above → `BelowBaseline`, to renovate or exit by the deadline).
//! - `evaluate`: per enterprise and year, total energy use from the inventory's activity data
//!   (GB/T 2589 coefficients) or the reported figure, energy per unit of value added, both
//!   against the assigned targets, the grade, key energy user or not, and the reasons to
//!   recommend an energy diagnosis.
//! - `relocation`: inside the configured area, reaching neither the benchmark nor grade A.

pub mod library;

use crate::i18n::catalogue::energy as msg;
use crate::i18n::{Lang, Msg};
use library::{Library, Product};

/// Where a line or piece of equipment stands against its product's levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// At or better than the benchmark (标杆水平).
    Benchmark,
    /// Between the baseline and the benchmark.
    Between,
    /// Worse than the baseline (基准水平): renovate or exit by the deadline.
    BelowBaseline,
}

impl Class {
    pub const ALL: [Class; 3] = [Class::Benchmark, Class::Between, Class::BelowBaseline];
    /// The screening fact's value (`energy_efficiency` in data/rules/README.md).
    pub fn code(self) -> &'static str {
        match self {
            Class::Benchmark => "benchmark",
            Class::Between => "between",
            Class::BelowBaseline => "below_baseline",
        }
    }
    pub fn parse(s: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.code() == s.trim())
    }
    pub fn label(self) -> Msg {
        match self {
            Class::Benchmark => msg::class_benchmark(),
            Class::Between => msg::class_between(),
            Class::BelowBaseline => msg::class_below_baseline(),
        }
    }
}

/// A classified piece of equipment.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Assessment {
    pub product: String,
    /// In the product's unit.
    pub value: f64,
    pub unit: String,
    pub benchmark: f64,
    pub baseline: f64,
    pub class: Class,
    pub deadline: String,
}

/// What the classification of one piece of equipment gives.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// No product of the library names this kind and no figure was entered: not concerned.
    NotConcerned,
    Classified(Assessment),
    /// Not classified, with the reason (no benchmark entry, no figure, wrong or missing unit).
    Unclassified(Msg),
}

/// Rounded to a millionth so that a converted figure (0.117 tce/t × 1000) compares as written.
fn tidy(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The class of a value against a product's levels.
pub fn class_of(p: &Product, value: f64) -> Class {
    if value <= p.benchmark {
        Class::Benchmark
    } else if value <= p.baseline {
        Class::Between
    } else {
        Class::BelowBaseline
    }
}

/// One piece of equipment: kind, process and capacity find the product; the specific energy in
/// the unit it was entered in is converted to the product's unit or refused.
pub fn classify(lib: &Library, kind: &str, process: &str, capacity: Option<f64>, value: Option<f64>, unit: &str) -> Outcome {
    let kinds = &*crate::ledger::codes::EQUIPMENT_KINDS;
    let kind_name = || crate::i18n::Arg::both(kinds.name(kind, Lang::Zh), kinds.name(kind, Lang::En));
    let Some(product) = lib.product_for(kind, process, capacity) else {
        if lib.covers_kind(kind) {
            return Outcome::Unclassified(msg::no_band(kind_name(), process, capacity.map(crate::inventory::num).unwrap_or_default().as_str()));
        }
        return match value {
            Some(_) => Outcome::Unclassified(msg::no_benchmark(kind_name())),
            None => Outcome::NotConcerned,
        };
    };
    let Some(v) = value else {
        return Outcome::Unclassified(msg::no_value(product.arg(), product.unit.as_str()));
    };
    if unit.trim().is_empty() {
        return Outcome::Unclassified(msg::unit_missing(product.arg(), product.unit.as_str()));
    }
    let Some((canonical, factor)) = library::spec_unit(unit) else {
        return Outcome::Unclassified(msg::unit_unknown(unit, library::spec_units().join(", ").as_str()));
    };
    if canonical != product.unit {
        return Outcome::Unclassified(msg::unit_wrong(unit, product.arg(), product.unit.as_str()));
    }
    let value = tidy(v * factor);
    Outcome::Classified(Assessment {
        product: product.code.clone(),
        value,
        unit: product.unit.clone(),
        benchmark: product.benchmark,
        baseline: product.baseline,
        class: class_of(product, value),
        deadline: product.deadline.clone(),
    })
}

/// The dual-control evaluation grade (the scale is `[grading]` of settings.toml).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Exceeded,
    Completed,
    Basically,
    Failed,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Exceeded, Grade::Completed, Grade::Basically, Grade::Failed];
    pub fn code(self) -> &'static str {
        match self {
            Grade::Exceeded => "exceeded",
            Grade::Completed => "completed",
            Grade::Basically => "basically",
            Grade::Failed => "failed",
        }
    }
    pub fn parse(s: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.code() == s.trim())
    }
    pub fn label(self) -> Msg {
        match self {
            Grade::Exceeded => msg::grade_exceeded(),
            Grade::Completed => msg::grade_completed(),
            Grade::Basically => msg::grade_basically(),
            Grade::Failed => msg::grade_failed(),
        }
    }
    /// The grade of a ratio actual ÷ target (lower is better).
    pub fn of_ratio(lib: &Library, ratio: f64) -> Grade {
        let g = &lib.settings.grading;
        let r = tidy(ratio);
        if r <= g.exceeded_up_to {
            Grade::Exceeded
        } else if r <= g.completed_up_to {
            Grade::Completed
        } else if r <= g.basically_up_to {
            Grade::Basically
        } else {
            Grade::Failed
        }
    }
}

/// An activity row as the evaluation reads it: category code, item, amount in the item's
/// canonical unit (t, 10⁴ Nm³, MWh, GJ).
#[derive(Clone, Debug, PartialEq)]
pub struct EnergyRow {
    pub category: crate::inventory::Category,
    pub item: String,
    pub amount: f64,
}

/// Total energy use (tce) of activity rows: fuels, purchased electricity and heat, each by its
/// GB/T 2589 coefficient; products and process inputs are not energy. Items without a
/// coefficient are returned by name (the library refuses to load without one for every fuel,
/// so this is a stored item the library no longer knows).
pub fn energy_tce(lib: &Library, rows: &[EnergyRow]) -> (f64, Vec<String>) {
    use crate::inventory::Category::*;
    let mut total = 0.0;
    let mut unknown = Vec::new();
    for r in rows {
        let item = match r.category {
            Fuel => r.item.as_str(),
            Electricity => "electricity",
            Heat => "heat",
            Product | ProcessInput => continue,
        };
        match lib.coefficient(item) {
            Some(c) => total += r.amount * c.tce_per_unit,
            None => unknown.push(r.item.clone()),
        }
    }
    (tidy(total), unknown)
}

/// Where an enterprise-year's energy use comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnergySource {
    /// Fuel, electricity and heat of the 活动水平 sheet × GB/T 2589 coefficients.
    Activity,
    /// 综合能源消费量 of the 年度数据 sheet, as reported.
    Reported,
}

impl EnergySource {
    pub fn code(self) -> &'static str {
        match self {
            EnergySource::Activity => "activity",
            EnergySource::Reported => "reported",
        }
    }
    pub fn label(self) -> Msg {
        match self {
            EnergySource::Activity => msg::source_activity(),
            EnergySource::Reported => msg::source_reported(),
        }
    }
}

/// The inputs of one enterprise-year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearIn {
    pub activity: Vec<EnergyRow>,
    pub reported_tce: Option<f64>,
    pub value_added_10k_yuan: Option<f64>,
    pub target_total_tce: Option<f64>,
    /// tce per 10⁴ yuan of value added.
    pub target_intensity: Option<f64>,
    /// Classified equipment below the baseline: (equipment name, product code).
    pub below_baseline: Vec<(String, String)>,
}

/// One enterprise-year evaluated.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Evaluation {
    pub energy_tce: Option<f64>,
    pub source: Option<EnergySource>,
    pub reported_tce: Option<f64>,
    pub value_added_10k_yuan: Option<f64>,
    pub intensity: Option<f64>,
    pub target_total_tce: Option<f64>,
    pub target_intensity: Option<f64>,
    pub total_ratio: Option<f64>,
    pub intensity_ratio: Option<f64>,
    pub grade: Option<Grade>,
    pub key_user: bool,
    #[serde(skip)]
    pub diagnosis: Vec<Msg>,
    #[serde(skip)]
    pub notes: Vec<Msg>,
}

pub fn evaluate(lib: &Library, y: &YearIn) -> Evaluation {
    let mut notes = Vec::new();
    let (computed, unknown) = energy_tce(lib, &y.activity);
    for item in unknown {
        notes.push(msg::no_coefficient(&item));
    }
    let has_energy_rows = y.activity.iter().any(|r| !matches!(r.category, crate::inventory::Category::Product | crate::inventory::Category::ProcessInput));
    let (energy, source) = if has_energy_rows {
        (Some(computed), Some(EnergySource::Activity))
    } else if let Some(r) = y.reported_tce {
        (Some(r), Some(EnergySource::Reported))
    } else {
        notes.push(msg::no_energy());
        (None, None)
    };
    let va = y.value_added_10k_yuan.filter(|v| *v > 0.0);
    let intensity = energy.zip(va).map(|(e, v)| tidy(e / v));
    if energy.is_some() && va.is_none() {
        notes.push(msg::no_value_added());
    }
    let total_ratio = energy.zip(y.target_total_tce.filter(|t| *t > 0.0)).map(|(e, t)| e / t);
    let intensity_ratio = intensity.zip(y.target_intensity.filter(|t| *t > 0.0)).map(|(i, t)| i / t);
    let worst = match (total_ratio, intensity_ratio) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    if y.target_total_tce.is_none() && y.target_intensity.is_none() {
        notes.push(msg::no_target());
    }
    let grade = worst.map(|r| Grade::of_ratio(lib, r));
    let key_user = energy.is_some_and(|e| e >= lib.settings.key_users.threshold_tce);
    let mut diagnosis = Vec::new();
    if let Some(g) = grade {
        if lib.settings.diagnosis.grades.iter().any(|c| c == g.code()) {
            let pct = |r: Option<f64>| r.map(|r| ((r * 1000.0).round() / 10.0).to_string()).unwrap_or_else(|| "—".into());
            diagnosis.push(msg::diagnose_grade(g.label(), pct(intensity_ratio).as_str(), pct(total_ratio).as_str()));
        }
    }
    if lib.settings.diagnosis.below_baseline {
        for (name, product) in &y.below_baseline {
            let product = lib.product(product).map(|p| p.arg()).unwrap_or_else(|| crate::i18n::Arg::from(product.as_str()));
            diagnosis.push(msg::diagnose_below_baseline(name.as_str(), product));
        }
    }
    Evaluation {
        energy_tce: energy,
        source,
        reported_tce: y.reported_tce,
        value_added_10k_yuan: y.value_added_10k_yuan,
        intensity,
        target_total_tce: y.target_total_tce,
        target_intensity: y.target_intensity,
        total_ratio: total_ratio.map(tidy),
        intensity_ratio: intensity_ratio.map(tidy),
        grade,
        key_user,
        diagnosis,
        notes,
    }
}

/// Relocation: what is known of an enterprise.
#[derive(Clone, Debug, PartialEq)]
pub struct RelocationIn {
    pub longitude: Option<f64>,
    pub latitude: Option<f64>,
    pub env_grade: String,
    /// Classes of its classified equipment.
    pub classes: Vec<Class>,
    /// Equipment of a benchmarked kind that could not be classified.
    pub unclassified: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relocation {
    /// Outside the area, grade A, or reaching the benchmark: not a candidate.
    No,
    /// Inside, not grade A, and some classified line misses the benchmark.
    Candidate,
    /// Inside, not grade A, with benchmarked equipment that could not be classified.
    Undecided,
}

/// Seed 002: 绕城高速内…达不到能效标杆和环保绩效A级（含绩效引领）的企业 — inside the area, not grade A,
/// and not every classified line at the benchmark. An enterprise whose kinds have no benchmark
/// is not concerned by the benchmark; one without coordinates is not placed (No).
pub fn relocation(lib: &Library, e: &RelocationIn) -> Relocation {
    let (Some(lon), Some(lat)) = (e.longitude, e.latitude) else { return Relocation::No };
    if !lib.in_area(lon, lat) || e.env_grade.trim().eq_ignore_ascii_case("A") {
        return Relocation::No;
    }
    if e.classes.iter().any(|c| *c != Class::Benchmark) {
        Relocation::Candidate
    } else if e.unclassified > 0 {
        Relocation::Undecided
    } else {
        Relocation::No
    }
}

/// A figure for tables: up to 4 decimals.
pub fn fmt(v: f64) -> String {
    crate::inventory::num((v * 1e4).round() / 1e4)
}

pub fn fmt_opt(v: Option<f64>) -> String {
    v.map(fmt).unwrap_or_default()
}

/// A ratio as a percentage with one decimal.
pub fn pct(v: Option<f64>) -> String {
    v.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_default()
}

pub fn class_text(lang: Lang, c: Class) -> String {
    lang.t(&c.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Category;
    use library::LIBRARY;

    fn class(kind: &str, process: &str, capacity: f64, v: f64, unit: &str) -> Class {
        match classify(&LIBRARY, kind, process, Some(capacity), Some(v), unit) {
            Outcome::Classified(a) => a.class,
            other => panic!("{kind} {v} {unit}: {other:?}"),
        }
    }

    /// Hand-worked: cement clinker benchmark 100, baseline 117 kgce/t (benchmarks.csv).
    #[test]
    fn cement_at_just_above_and_just_below_each_level() {
        let k = "cement_clinker_line";
        assert_eq!(class(k, "dry", 2500.0, 99.9, "kgce/t"), Class::Benchmark, "just below the benchmark");
        assert_eq!(class(k, "dry", 2500.0, 100.0, "kgce/t"), Class::Benchmark, "at the benchmark");
        assert_eq!(class(k, "dry", 2500.0, 100.1, "kgce/t"), Class::Between, "just above the benchmark");
        assert_eq!(class(k, "dry", 2500.0, 116.9, "kgce/t"), Class::Between, "just below the baseline");
        assert_eq!(class(k, "dry", 2500.0, 117.0, "kgce/t"), Class::Between, "at the baseline");
        assert_eq!(class(k, "dry", 2500.0, 117.1, "kgce/t"), Class::BelowBaseline, "just above the baseline");
        // The same in tce/t: 0.117 × 1000 is 117.00000000000001 in floating point, still at the baseline.
        assert_eq!(class(k, "dry", 2500.0, 0.117, "tce/t"), Class::Between);
        assert_eq!(class(k, "dry", 2500.0, 0.1, "tce/t"), Class::Benchmark);
        assert_eq!(class(k, "dry", 2500.0, 0.1171, "tce/t"), Class::BelowBaseline);
    }

    /// Electrolytic aluminium 13 000 / 13 350 kWh/t; flat glass by capacity band.
    #[test]
    fn aluminium_and_glass_levels() {
        let k = "aluminium_electrolysis_cell";
        assert_eq!(class(k, "prebaked", 400.0, 12999.9, "kWh/t"), Class::Benchmark);
        assert_eq!(class(k, "prebaked", 400.0, 13000.0, "kWh/t"), Class::Benchmark);
        assert_eq!(class(k, "prebaked", 400.0, 13000.1, "kWh/t"), Class::Between);
        assert_eq!(class(k, "prebaked", 400.0, 13350.0, "kWh/t"), Class::Between);
        assert_eq!(class(k, "prebaked", 400.0, 13350.1, "kWh/t"), Class::BelowBaseline);
        assert_eq!(class(k, "prebaked", 400.0, 13.3501, "MWh/t"), Class::BelowBaseline);
        let g = "flat_glass_furnace";
        assert_eq!(class(g, "float", 1000.0, 8.5, "kgce/重量箱"), Class::Benchmark);
        assert_eq!(class(g, "float", 1000.0, 12.0, "kgce/weight-box"), Class::Between);
        assert_eq!(class(g, "float", 1000.0, 12.01, "kgce/weight-box"), Class::BelowBaseline);
        // 700 t/d falls in the 500–800 band: 13.5 is still its baseline.
        assert_eq!(class(g, "float", 700.0, 13.5, "kgce/weight-box"), Class::Between);
        assert_eq!(class(g, "float", 700.0, 9.5, "kgce/weight-box"), Class::Benchmark);
        assert_eq!(class(g, "float", 700.0, 9.51, "kgce/weight-box"), Class::Between);
    }

    #[test]
    fn bad_input_is_said_not_guessed() {
        let lib = &*LIBRARY;
        let reason = |o: Outcome| match o {
            Outcome::Unclassified(m) => (m.code(), m.render(Lang::En)),
            other => panic!("{other:?}"),
        };
        let (code, text) = reason(classify(lib, "cement_clinker_line", "dry", Some(2500.0), Some(13500.0), "kWh/t"));
        assert_eq!(code, "energy.classify.unit_wrong");
        assert!(text.contains("kWh/t") && text.contains("kgce/t"), "{text}");
        let (code, _) = reason(classify(lib, "cement_clinker_line", "dry", Some(2500.0), Some(105.0), "GJ/t"));
        assert_eq!(code, "energy.classify.unit_unknown");
        let (code, _) = reason(classify(lib, "cement_clinker_line", "dry", Some(2500.0), Some(105.0), ""));
        assert_eq!(code, "energy.classify.unit_missing");
        let (code, _) = reason(classify(lib, "cement_clinker_line", "dry", Some(2500.0), None, ""));
        assert_eq!(code, "energy.classify.no_value");
        let (code, text) = reason(classify(lib, "lime_kiln", "", Some(300.0), Some(120.0), "kgce/t"));
        assert_eq!(code, "energy.classify.no_benchmark");
        assert!(text.contains("lime kiln"), "{text}");
        let (code, _) = reason(classify(lib, "flat_glass_furnace", "float", Some(300.0), Some(12.0), "kgce/weight-box"));
        assert_eq!(code, "energy.classify.no_band");
        assert_eq!(classify(lib, "lime_kiln", "", Some(300.0), None, ""), Outcome::NotConcerned);
    }

    /// Fixture enterprise, worked by hand (coefficients of conversion.csv):
    /// 10 000 t raw coal × 0.7143 = 7 143 tce; 2 000 × 10⁴ Nm³ gas × 13.2836 = 26 567.2 tce;
    /// 50 000 MWh × 0.1229 = 6 145 tce; 10 000 GJ heat × 0.03412 = 341.2 tce. Total 40 196.4 tce.
    /// Value added 80 000 × 10⁴ yuan → 0.502455 tce/10⁴ yuan. Targets 42 000 tce and 0.5:
    /// ratios 0.957057 and 1.00491 → the worse 1.00491 ≤ 1.05 → 基本完成, recommended.
    #[test]
    fn dual_control_evaluation_of_a_fixture_enterprise() {
        let y = YearIn {
            activity: vec![
                EnergyRow { category: Category::Fuel, item: "raw_coal".into(), amount: 10_000.0 },
                EnergyRow { category: Category::Fuel, item: "natural_gas".into(), amount: 2_000.0 },
                EnergyRow { category: Category::Electricity, item: "electricity".into(), amount: 50_000.0 },
                EnergyRow { category: Category::Heat, item: "heat".into(), amount: 10_000.0 },
                EnergyRow { category: Category::Product, item: "cement_clinker".into(), amount: 1_000_000.0 },
            ],
            reported_tce: Some(39_000.0),
            value_added_10k_yuan: Some(80_000.0),
            target_total_tce: Some(42_000.0),
            target_intensity: Some(0.5),
            below_baseline: vec![],
        };
        let e = evaluate(&LIBRARY, &y);
        assert_eq!(e.energy_tce, Some(40_196.4));
        assert_eq!(e.source, Some(EnergySource::Activity));
        assert_eq!(e.intensity, Some(0.502455));
        assert_eq!(e.total_ratio, Some(0.957057));
        assert_eq!(e.intensity_ratio, Some(1.00491));
        assert_eq!(e.grade, Some(Grade::Basically));
        assert!(e.key_user, "40 196 tce ≥ 10 000");
        assert_eq!(e.diagnosis.len(), 1);
        assert_eq!(e.diagnosis[0].code(), "energy.diagnosis.grade");

        // Without activity rows the reported figure is used and named.
        let reported = evaluate(&LIBRARY, &YearIn { activity: vec![], reported_tce: Some(9_999.0), value_added_10k_yuan: Some(20_000.0), target_intensity: Some(0.55), ..Default::default() });
        assert_eq!(reported.source, Some(EnergySource::Reported));
        assert!(!reported.key_user, "9 999 tce < 10 000");
        assert_eq!(reported.intensity, Some(0.49995));
        assert_eq!(reported.grade, Some(Grade::Exceeded), "0.49995 / 0.55 = 0.909");
        // No target: not graded, said so.
        let none = evaluate(&LIBRARY, &YearIn { reported_tce: Some(12_000.0), value_added_10k_yuan: Some(1.0), below_baseline: vec![("1号窑".into(), "cement_clinker".into())], ..Default::default() });
        assert_eq!(none.grade, None);
        assert!(none.notes.iter().any(|m| m.code() == "energy.evaluate.no_target"));
        assert!(none.diagnosis.iter().any(|m| m.code() == "energy.diagnosis.below_baseline"));
    }

    #[test]
    fn grade_boundaries() {
        let lib = &*LIBRARY;
        assert_eq!(Grade::of_ratio(lib, 0.95), Grade::Exceeded);
        assert_eq!(Grade::of_ratio(lib, 0.9501), Grade::Completed);
        assert_eq!(Grade::of_ratio(lib, 1.0), Grade::Completed);
        assert_eq!(Grade::of_ratio(lib, 1.0001), Grade::Basically);
        assert_eq!(Grade::of_ratio(lib, 1.05), Grade::Basically);
        assert_eq!(Grade::of_ratio(lib, 1.0501), Grade::Failed);
    }

    #[test]
    fn relocation_candidates() {
        let lib = &*LIBRARY;
        let inside = RelocationIn { longitude: Some(108.55), latitude: Some(34.11), env_grade: "B".into(), classes: vec![Class::Between], unclassified: 0 };
        assert_eq!(relocation(lib, &inside), Relocation::Candidate);
        assert_eq!(relocation(lib, &RelocationIn { env_grade: "A".into(), ..inside.clone() }), Relocation::No);
        assert_eq!(relocation(lib, &RelocationIn { classes: vec![Class::Benchmark], ..inside.clone() }), Relocation::No);
        assert_eq!(relocation(lib, &RelocationIn { longitude: Some(108.20), latitude: Some(34.28), ..inside.clone() }), Relocation::No);
        assert_eq!(relocation(lib, &RelocationIn { classes: vec![], unclassified: 1, ..inside.clone() }), Relocation::Undecided);
        assert_eq!(relocation(lib, &RelocationIn { longitude: None, ..inside }), Relocation::No);
    }
}
