//! One evaluation: the districts of a jurisdiction over one or more years, an indicator system,
//! a level scale and α, and every indicator value with where it came from. From these alone
//! (no I/O) [`evaluate`] computes the weights, the dimension scores U, C, T, D and the level of
//! each district and year, so a stored evaluation recomputes to the same figures.
//!
//! Every district-year is one unit: indicators are normalised and weighted over all units of the
//! evaluation (pooled over its years), so a district's D in one year compares with another
//! year's — the trend is a trend, not a re-ranking. An evaluation of one year is the per-year
//! case.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::i18n::catalogue::synergy as msg;
use crate::i18n::Msg;

use super::levels::Scale;
use super::method::{self, Coupled};
use super::system::System;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct District {
    pub code: String,
    pub name: String,
}

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// Entered per district and year (imported or typed in): by whom, when, from what.
    Entered { by: String, at: String, note: String },
    /// Computed by the platform: the computation's code and the figures it used, as a stored
    /// catalogue message (`Msg::to_stored`), rendered in the reader's language.
    Computed { source: String, detail_code: String, detail_args: String },
}

impl Origin {
    /// How a computed value was obtained, in `lang` (empty for an entered one).
    pub fn detail(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Origin::Computed { detail_code, detail_args, .. } => Msg::from_stored(detail_code, detail_args).map(|m| lang.t(&m)).unwrap_or_default(),
            Origin::Entered { .. } => String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Value {
    pub district: String,
    pub year: i32,
    pub indicator: String,
    pub value: f64,
    pub origin: Origin,
}

/// Everything an evaluation is computed from (stored as is).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    pub system: System,
    pub scale: Scale,
    pub alpha: Vec<f64>,
    pub districts: Vec<District>,
    pub years: Vec<i32>,
    pub values: Vec<Value>,
}

/// One indicator's weight: entropy (for entropy-weighted ones) and its share of its dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorWeight {
    pub indicator: String,
    pub dimension: String,
    pub entropy: Option<f64>,
    pub weight: f64,
}

/// One district in one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    pub district: String,
    pub year: i32,
    /// Normalised indicator values, in the order of the system's indicators.
    pub normalised: Vec<f64>,
    /// Dimension scores U, in the order of the system's dimensions.
    pub scores: Vec<f64>,
    pub coupled: Coupled,
    pub level: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub weights: Vec<IndicatorWeight>,
    pub units: Vec<UnitResult>,
}

/// Compute an evaluation, or every reason it cannot be computed.
pub fn evaluate(inputs: &Inputs) -> Result<Outcome, Vec<Msg>> {
    let system = &inputs.system;
    let mut problems: Vec<Msg> = system.problems().into_iter().map(|(_, m)| m).collect();
    problems.extend(inputs.scale.problems().into_iter().map(|(_, m)| m));
    if inputs.alpha.len() != system.dimensions.len() {
        problems.push(msg::alpha_count(inputs.alpha.len(), system.dimensions.len()));
    } else if (inputs.alpha.iter().sum::<f64>() - 1.0).abs() > 1e-6 || inputs.alpha.iter().any(|a| !(0.0..=1.0).contains(a)) {
        problems.push(msg::alpha_sum(inputs.alpha.iter().sum()));
    }
    let units: Vec<(&District, i32)> = inputs.years.iter().flat_map(|&y| inputs.districts.iter().map(move |d| (d, y))).collect();
    if units.len() < 2 {
        problems.push(msg::too_few_units(units.len()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let index: HashMap<(&str, i32, &str), f64> = inputs.values.iter().map(|v| ((v.district.as_str(), v.year, v.indicator.as_str()), v.value)).collect();
    // One column of raw values per indicator over the units.
    let mut columns: Vec<Vec<f64>> = Vec::with_capacity(system.indicators.len());
    for ind in &system.indicators {
        let mut col = Vec::with_capacity(units.len());
        for (d, y) in &units {
            match index.get(&(d.code.as_str(), *y, ind.code.as_str())) {
                Some(v) if v.is_finite() => col.push(*v),
                _ => problems.push(msg::missing_value(&d.name, *y, crate::i18n::Arg::both(&ind.zh, &ind.en))),
            }
        }
        columns.push(col);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut normalised = Vec::with_capacity(columns.len());
    let mut entropies = Vec::with_capacity(columns.len());
    for (ind, col) in system.indicators.iter().zip(&columns) {
        match method::normalise(col, ind.direction).map(|y| y.into_iter().map(|v| system.shift + (1.0 - system.shift) * v).collect::<Vec<f64>>()) {
            Some(y) => {
                entropies.push(method::entropy(&y).unwrap_or(1.0));
                normalised.push(y);
            }
            None => problems.push(msg::constant_column(&ind.code, col[0])),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Weights within each dimension: fixed shares as given, the rest shared by the entropy
    // indicators in proportion to 1 − e.
    let mut weights = vec![0.0; system.indicators.len()];
    for d in &system.dimensions {
        let members: Vec<usize> = (0..system.indicators.len()).filter(|&j| system.indicators[j].dimension == d.code).collect();
        let fixed: f64 = members.iter().filter_map(|&j| system.indicators[j].weight.fixed()).sum();
        let entropy_total: f64 = members.iter().filter(|&&j| system.indicators[j].weight.fixed().is_none()).map(|&j| 1.0 - entropies[j]).sum();
        for &j in &members {
            weights[j] = match system.indicators[j].weight.fixed() {
                Some(w) => w,
                None if entropy_total > 0.0 => (1.0 - fixed) * (1.0 - entropies[j]) / entropy_total,
                None => 0.0,
            };
        }
    }
    let dim_of: Vec<usize> = system.indicators.iter().map(|i| system.dimension_index(&i.dimension).unwrap_or(0)).collect();
    let mut results = Vec::with_capacity(units.len());
    for (u, (d, y)) in units.iter().enumerate() {
        let mut scores = vec![0.0; system.dimensions.len()];
        for j in 0..system.indicators.len() {
            scores[dim_of[j]] += weights[j] * normalised[j][u];
        }
        for s in &mut scores {
            *s = s.clamp(0.0, 1.0);
        }
        let coupled = method::couple(&scores, &inputs.alpha);
        let level = inputs.scale.classify(coupled.d).code;
        results.push(UnitResult { district: d.code.clone(), year: *y, normalised: normalised.iter().map(|c| c[u]).collect(), scores, coupled, level });
    }
    let weights = system
        .indicators
        .iter()
        .enumerate()
        .map(|(j, i)| IndicatorWeight { indicator: i.code.clone(), dimension: i.dimension.clone(), entropy: i.weight.fixed().is_none().then_some(entropies[j]), weight: weights[j] })
        .collect();
    Ok(Outcome { weights, units: results })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synergy::{levels, system};

    pub(crate) fn two_dimension_system() -> System {
        System::parse(
            "t.toml",
            r#"
name = "test"
[[dimension]]
code = "env"
zh = "环境"
en = "Environment"
[[dimension]]
code = "carbon"
zh = "碳"
en = "Carbon"
[[indicator]]
code = "x1"
zh = "x1"
en = "x1"
unit = ""
direction = "positive"
dimension = "env"
weight = "entropy"
source = "entered"
[[indicator]]
code = "x2"
zh = "x2"
en = "x2"
unit = ""
direction = "negative"
dimension = "env"
weight = "entropy"
source = "entered"
[[indicator]]
code = "x3"
zh = "x3"
en = "x3"
unit = ""
direction = "positive"
dimension = "carbon"
weight = "entropy"
source = "entered"
"#,
        )
        .unwrap()
    }

    fn entered(district: &str, year: i32, indicator: &str, value: f64) -> Value {
        Value { district: district.into(), year, indicator: indicator.into(), value, origin: Origin::Entered { by: "t".into(), at: "2026-01-01".into(), note: String::new() } }
    }

    fn inputs() -> Inputs {
        let districts = ["A", "B", "C"].map(|c| District { code: c.into(), name: c.into() }).to_vec();
        // The hand-worked matrix of synergy::method for x1 and x2, and x3 = 0, 5, 10.
        let mut values = Vec::new();
        for (d, x1, x2, x3) in [("A", 1.0, 10.0, 0.0), ("B", 2.0, 10.0, 5.0), ("C", 3.0, 40.0, 10.0)] {
            values.extend([entered(d, 2025, "x1", x1), entered(d, 2025, "x2", x2), entered(d, 2025, "x3", x3)]);
        }
        Inputs { system: two_dimension_system(), scale: levels::DEFAULT.clone(), alpha: vec![0.5, 0.5], districts, years: vec![2025], values }
    }

    /// By hand (weights from synergy::method's worked example: x1 0.532639, x2 0.467361; x3 alone
    /// in its dimension: weight 1). A: y = (0, 1, 0) → U = (0.467361, 0); C = 0, D = 0.
    /// B: y = (0.5, 1, 0.5) → U_env = 0.266320 + 0.467361 = 0.733681, U_carbon = 0.5;
    /// C = 2√(0.366840)/1.233681 = 2 × 0.605673 / 1.233681 = 0.981895; T = 0.616840;
    /// D = √(0.981895 × 0.616840) = √0.605672 = 0.778249 (中级协调, code 8).
    /// C: y = (1, 0, 1) → U = (0.532639, 1); C = 2√0.532639/1.532639 = 2 × 0.729821/1.532639 =
    /// 0.952372; T = 0.766320; D = √(0.952372 × 0.766320) = √0.729822 = 0.854296 (良好协调, 9).
    #[test]
    fn an_evaluation_worked_by_hand() {
        let o = evaluate(&inputs()).unwrap();
        let w: Vec<f64> = o.weights.iter().map(|w| w.weight).collect();
        assert!((w[0] - 0.532639).abs() < 1e-5 && (w[1] - 0.467361).abs() < 1e-5 && (w[2] - 1.0).abs() < 1e-12, "{w:?}");
        let b = &o.units[1];
        assert!((b.scores[0] - 0.733681).abs() < 1e-5 && (b.scores[1] - 0.5).abs() < 1e-12, "{b:?}");
        assert!((b.coupled.c - 0.981895).abs() < 1e-5 && (b.coupled.t - 0.616840).abs() < 1e-5 && (b.coupled.d - 0.778249).abs() < 1e-5, "{b:?}");
        assert_eq!(b.level, 8);
        let c = &o.units[2];
        assert!((c.coupled.d - 0.854296).abs() < 1e-5, "{c:?}");
        assert_eq!(c.level, 9);
        assert_eq!(o.units[0].coupled.d, 0.0);
        assert_eq!(evaluate(&inputs()).unwrap(), o, "recomputing gives the same figures");
    }

    #[test]
    fn a_shift_keeps_a_minimum_from_zeroing_d() {
        let mut i = inputs();
        assert_eq!(evaluate(&i).unwrap().units[0].coupled.d, 0.0, "A is at the minimum of x3: U = 0");
        i.system.shift = 0.01;
        let o = evaluate(&i).unwrap();
        assert!(o.units[0].coupled.d > 0.0);
        assert!(o.units[0].normalised.iter().all(|y| *y >= 0.01));
        i.system.shift = 1.0;
        assert_eq!(evaluate(&i).unwrap_err()[0].code(), "synergy.system.shift");
    }

    #[test]
    fn a_fixed_weight_takes_its_share() {
        let mut i = inputs();
        i.system.indicators[0].weight = system::Weight::Fixed(0.25);
        let o = evaluate(&i).unwrap();
        assert_eq!(o.weights[0].weight, 0.25);
        assert!((o.weights[1].weight - 0.75).abs() < 1e-12);
        assert_eq!(o.weights[0].entropy, None);
    }

    #[test]
    fn missing_and_constant_values_are_refused_with_district_year_and_indicator() {
        let mut i = inputs();
        i.values.retain(|v| !(v.district == "B" && v.indicator == "x3"));
        let e = evaluate(&i).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code(), "synergy.evaluate.missing_value");
        assert!(e[0].render(crate::i18n::Lang::En).contains("B") && e[0].render(crate::i18n::Lang::En).contains("2025"));
        let mut i = inputs();
        for v in &mut i.values {
            if v.indicator == "x3" {
                v.value = 7.0;
            }
        }
        let e = evaluate(&i).unwrap_err();
        assert_eq!(e[0].code(), "synergy.input.constant_column");
        let mut i = inputs();
        i.alpha = vec![0.5, 0.6];
        assert_eq!(evaluate(&i).unwrap_err()[0].code(), "synergy.input.alpha_sum");
    }
}
