//! Units of activity data and factors. An activity amount is entered in any unit of its
//! dimension listed here and converted to the item's canonical unit; a factor's unit must be
//! exactly the one its use needs (checked at load, `factors`).

/// What an amount measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Dimension {
    /// tonnes
    Mass,
    /// 10⁴ Nm³ (standard cubic metres of gas)
    GasVolume,
    /// MWh of electricity
    Electricity,
    /// GJ of heat
    Energy,
}

/// (unit as written, dimension, factor to the canonical unit of the dimension).
const UNITS: &[(&str, Dimension, f64)] = &[
    ("t", Dimension::Mass, 1.0),
    ("吨", Dimension::Mass, 1.0),
    ("kg", Dimension::Mass, 0.001),
    ("万t", Dimension::Mass, 10_000.0),
    ("万吨", Dimension::Mass, 10_000.0),
    ("10^4Nm3", Dimension::GasVolume, 1.0),
    ("万Nm3", Dimension::GasVolume, 1.0),
    ("万立方米", Dimension::GasVolume, 1.0),
    ("Nm3", Dimension::GasVolume, 0.0001),
    ("MWh", Dimension::Electricity, 1.0),
    ("万kWh", Dimension::Electricity, 10.0),
    ("万千瓦时", Dimension::Electricity, 10.0),
    ("kWh", Dimension::Electricity, 0.001),
    ("GJ", Dimension::Energy, 1.0),
    ("MJ", Dimension::Energy, 0.001),
    ("TJ", Dimension::Energy, 1000.0),
];

/// The canonical unit of each dimension (the one factors are written against).
pub fn canonical(d: Dimension) -> &'static str {
    match d {
        Dimension::Mass => "t",
        Dimension::GasVolume => "10^4Nm3",
        Dimension::Electricity => "MWh",
        Dimension::Energy => "GJ",
    }
}

fn normalise(s: &str) -> String {
    s.trim().replace(['³'], "3").replace("⁴", "^4").replace("10^4 ", "10^4").replace("Nm³", "Nm3")
}

/// The dimension of a unit as written and its factor to the canonical unit.
pub fn parse(unit: &str) -> Option<(Dimension, f64)> {
    let u = normalise(unit);
    UNITS.iter().find(|(w, _, _)| *w == u).map(|(_, d, f)| (*d, *f))
}

/// The units an amount of `d` may be entered in.
pub fn accepted(d: Dimension) -> Vec<&'static str> {
    UNITS.iter().filter(|(_, x, _)| *x == d).map(|(w, _, _)| *w).collect()
}

/// `amount` in `unit`, converted to the canonical unit of `d`; `None` when the unit does not
/// measure `d`.
pub fn to_canonical(amount: f64, unit: &str, d: Dimension) -> Option<f64> {
    match parse(unit) {
        Some((x, f)) if x == d => Some(amount * f),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_within_their_dimension_only() {
        assert_eq!(to_canonical(2.0, "万kWh", Dimension::Electricity), Some(20.0));
        assert_eq!(to_canonical(1500.0, "kWh", Dimension::Electricity), Some(1.5));
        assert_eq!(to_canonical(3.0, "万Nm³", Dimension::GasVolume), Some(3.0));
        assert_eq!(to_canonical(500.0, "kg", Dimension::Mass), Some(0.5));
        assert_eq!(to_canonical(1.0, "t", Dimension::Electricity), None);
        assert_eq!(to_canonical(1.0, "m3", Dimension::GasVolume), None, "m3 without N is ambiguous: refused");
        assert_eq!(canonical(Dimension::GasVolume), "10^4Nm3");
        assert!(accepted(Dimension::Mass).contains(&"万吨"));
    }
}
