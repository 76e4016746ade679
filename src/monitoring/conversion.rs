//! 折算浓度 and emission amounts (HJ 212-2017 Appendix D.1–D.2, formulas 28 and 33; D.1 loads).

/// Concentration converted to the reference oxygen: C × (21 − O2ref) / (21 − O2measured)
/// (HJ 212-2017 D.2 式(28); GB 13271-2014 式(1); GB 4915-2013 式(1); GB 18484-2020 式(6) with
/// air as combustion air). None when the measured oxygen is not below 21 % (no finite value).
pub fn to_reference_oxygen(concentration: f64, reference_o2: f64, measured_o2: f64) -> Option<f64> {
    let denominator = 21.0 - measured_o2;
    if !(denominator > 0.0) || !concentration.is_finite() || !reference_o2.is_finite() {
        return None;
    }
    Some(concentration * (21.0 - reference_o2) / denominator)
}

/// Hourly emission rate Gh (kg/h) = measured dry standard concentration (mg/m³) × dry standard
/// flow (m³/h) × 10⁻⁶ (HJ 212-2017 D.2 式(33): the measured, not the converted, concentration).
pub fn emission_rate_kg_per_h(measured_mg_m3: f64, dry_standard_flow_m3_h: f64) -> f64 {
    measured_mg_m3 * dry_standard_flow_m3_h * 1e-6
}

/// Water load of one time slice (kg) = volume (m³) × concentration (mg/L) × 10⁻³
/// (HJ 212-2017 D.1.2: G = D × C × 10⁻³), the volume from flow (L/s) × seconds × 10⁻³.
pub fn water_load_kg(concentration_mg_l: f64, flow_l_s: f64, seconds: f64) -> f64 {
    flow_l_s * seconds * 1e-3 * concentration_mg_l * 1e-3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn conversion_worked_by_hand() {
        // Coal boiler, reference 9 %: measured 100 mg/m³ at 12 % O2 (above the reference):
        // 100 × (21−9)/(21−12) = 100 × 12/9 = 133.333…
        assert!(close(to_reference_oxygen(100.0, 9.0, 12.0).unwrap(), 1200.0 / 9.0));
        // Same at 6 % O2 (below the reference): 100 × 12/15 = 80.
        assert!(close(to_reference_oxygen(100.0, 9.0, 6.0).unwrap(), 80.0));
        // At the reference itself nothing changes.
        assert!(close(to_reference_oxygen(100.0, 9.0, 9.0).unwrap(), 100.0));
        // Cement kiln 10 %: 50 at 13 % → 50 × 11/8 = 68.75.
        assert!(close(to_reference_oxygen(50.0, 10.0, 13.0).unwrap(), 68.75));
        assert_eq!(to_reference_oxygen(50.0, 10.0, 21.0), None);
        assert_eq!(to_reference_oxygen(50.0, 10.0, 25.0), None);
    }

    #[test]
    fn emission_rate_and_water_load_by_hand() {
        // 200 mg/m³ × 50 000 m³/h × 10⁻⁶ = 10 kg/h.
        assert!(close(emission_rate_kg_per_h(200.0, 50_000.0), 10.0));
        // 10 L/s for 60 s = 0.6 m³; at 50 mg/L that is 0.6 × 50 × 10⁻³ = 0.03 kg.
        assert!(close(water_load_kg(50.0, 10.0, 60.0), 0.03));
    }
}
