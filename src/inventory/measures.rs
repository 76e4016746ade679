//! Synergy of measures (减污降碳协同): per measure type, the air-pollutant equivalents reduced
//! (附表二 equivalent values as weights, `data/tax/equivalents.csv`: SO2 and NOx 0.95 kg, PM as
//! 烟尘 2.18 kg; VOCs have no equivalent value and are not weighted) against the CO2 reduced,
//! per project (scenario step) and in total. No I/O.

use super::scenario::{Measure, StepEffect};

/// How a measure's two effects combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Both pollution equivalents and CO2 go down.
    Synergy,
    /// Only pollution goes down (CO2 unchanged).
    PollutionOnly,
    /// Only CO2 goes down.
    CarbonOnly,
    /// One goes down, the other up.
    TradeOff,
    /// Neither changes.
    None,
}

pub fn kind(equivalents: f64, co2: f64) -> Kind {
    const EPS: f64 = 1e-9;
    match (equivalents > EPS, equivalents < -EPS, co2 > EPS, co2 < -EPS) {
        (true, _, true, _) => Kind::Synergy,
        (true, _, _, true) | (_, true, true, _) => Kind::TradeOff,
        (true, _, false, false) => Kind::PollutionOnly,
        (false, false, true, _) => Kind::CarbonOnly,
        _ => Kind::None,
    }
}

/// One measure type summed over its projects.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MeasureTotal {
    pub measure: Measure,
    pub projects: u32,
    pub reduced_equivalents: f64,
    pub reduced_co2_t: f64,
    /// Equivalents reduced per tonne of CO2 reduced (None without a CO2 reduction).
    pub equivalents_per_t_co2: Option<f64>,
    pub kind: Kind,
}

pub fn by_measure(steps: &[StepEffect]) -> Vec<MeasureTotal> {
    Measure::ALL
        .iter()
        .filter_map(|&m| {
            let of: Vec<&StepEffect> = steps.iter().filter(|s| s.measure == m).collect();
            if of.is_empty() {
                return None;
            }
            let eq: f64 = of.iter().map(|s| s.reduced_equivalents).sum();
            let co2: f64 = of.iter().map(|s| s.reduced_co2()).sum();
            Some(MeasureTotal {
                measure: m,
                projects: of.len() as u32,
                reduced_equivalents: eq,
                reduced_co2_t: co2,
                equivalents_per_t_co2: (co2 > 1e-9).then(|| eq / co2),
                kind: kind(eq, co2),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effect(measure: Measure, eq: f64, co2: f64) -> StepEffect {
        let mut t = [0.0; 7];
        t[crate::inventory::Pollutant::Co2.index()] = co2;
        StepEffect { step: 1, measure, reduced_t: t, reduced_equivalents: eq, error: None }
    }

    #[test]
    fn measures_are_summed_per_type_and_classified() {
        let totals = by_measure(&[effect(Measure::Closure, 100.0, 50.0), effect(Measure::Closure, 20.0, 10.0), effect(Measure::LowNoxRetrofit, 30.0, 0.0)]);
        assert_eq!(totals.len(), 2);
        assert_eq!((totals[0].projects, totals[0].reduced_equivalents, totals[0].reduced_co2_t), (2, 120.0, 60.0));
        assert_eq!(totals[0].equivalents_per_t_co2, Some(2.0));
        assert_eq!(totals[0].kind, Kind::Synergy);
        assert_eq!((totals[1].kind, totals[1].equivalents_per_t_co2), (Kind::PollutionOnly, None));
        assert_eq!(kind(10.0, -5.0), Kind::TradeOff);
        assert_eq!(kind(0.0, 5.0), Kind::CarbonOnly);
    }
}
