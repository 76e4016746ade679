//! How ledger records become screening facts — one definition, used for the database
//! (`storage::screening`) and for in-memory ledgers (the benchmark, the demo).

use evalexpr::Value;

use super::engine::{EquipmentFacts, Subject};
use crate::ledger::model::{EnterpriseBundle, Equipment, EnterpriseRecord};

/// The enterprise-level facts (data/rules/README.md). `energy_intensity` is absent
/// unless a year has both energy use and value added.
pub fn enterprise_facts(e: &EnterpriseRecord, has_outlets: bool, energy_intensity: Option<f64>) -> Vec<(String, Value)> {
    let mut facts = vec![
        ("industry".to_string(), Value::String(e.industry_code.clone())),
        ("has_outlets".to_string(), Value::Boolean(has_outlets)),
        ("above_scale".to_string(), Value::Boolean(e.above_scale)),
        ("env_grade".to_string(), Value::String(e.env_grade.clone())),
        ("has_eia".to_string(), Value::Boolean(!e.eia_approval.is_empty())),
        ("has_permit".to_string(), Value::Boolean(!e.discharge_permit_no.is_empty())),
        ("land_legal".to_string(), Value::Boolean(e.land_use_legal)),
    ];
    if let Some(x) = energy_intensity {
        facts.push(("energy_intensity".to_string(), Value::Float(x)));
    }
    facts
}

/// The equipment-level facts; empty texts and unknown numbers are absent, never defaulted.
pub fn equipment_facts(q: &Equipment, this_year: i64) -> Vec<(String, Value)> {
    let mut facts = vec![("kind".to_string(), Value::String(q.kind.clone()))];
    if let Some(c) = q.capacity {
        facts.push(("capacity".into(), Value::Float(c)));
    }
    for (name, v) in [("fuel", &q.fuel), ("process", &q.process)] {
        if !v.is_empty() {
            facts.push((name.into(), Value::String(v.clone())));
        }
    }
    if let Some(y) = q.year_commissioned {
        facts.push(("year".into(), Value::Int(y)));
        facts.push(("age".into(), Value::Int(this_year - y)));
    }
    if let Some(e) = q.specific_energy {
        facts.push(("specific_energy".into(), Value::Float(e)));
    }
    // The class against the national benchmark and baseline levels (data/energy/benchmarks.csv):
    // absent when the kind has no benchmark or the figure is missing or in the wrong unit.
    if let crate::energy::Outcome::Classified(a) = crate::energy::classify(&crate::energy::library::LIBRARY, &q.kind, &q.process, q.capacity, q.specific_energy, &q.specific_energy_unit) {
        facts.push(("energy_efficiency".into(), Value::String(a.class.code().into())));
    }
    facts
}

#[cfg(test)]
mod energy_fact_tests {
    use super::*;

    #[test]
    fn energy_efficiency_is_a_fact_when_classified() {
        let q = Equipment { kind: "cement_clinker_line".into(), process: "dry".into(), capacity: Some(2500.0), specific_energy: Some(120.0), specific_energy_unit: "kgce/t".into(), ..Default::default() };
        let facts = equipment_facts(&q, 2025);
        assert!(facts.iter().any(|(k, v)| k == "energy_efficiency" && *v == Value::String("below_baseline".into())));
        let wrong = Equipment { specific_energy_unit: "kWh/t".into(), ..q.clone() };
        assert!(!equipment_facts(&wrong, 2025).iter().any(|(k, _)| k == "energy_efficiency"), "wrong unit: absent, so a rule is undecided");
        let tree = evalexpr::build_operator_tree("energy_efficiency == \"below_baseline\"").unwrap();
        assert_eq!(crate::screening::facts::evaluate(&tree, &crate::screening::facts::Facts(facts)).unwrap(), crate::screening::facts::Verdict::Hit);
        assert!(matches!(
            crate::screening::facts::evaluate(&tree, &crate::screening::facts::Facts(equipment_facts(&wrong, 2025))).unwrap(),
            crate::screening::facts::Verdict::Missing(_)
        ));
    }
}

/// Subjects of an in-memory ledger (closed enterprises and equipment are left out, as
/// in the database reader). `enterprise_id` is the bundle's position, 1-based.
pub fn from_bundles(bundles: &[EnterpriseBundle], this_year: i64) -> Vec<Subject> {
    bundles
        .iter()
        .enumerate()
        .filter(|(_, b)| b.enterprise.status != "closed")
        .map(|(i, b)| {
            let e = &b.enterprise;
            let intensity = b
                .yearly
                .iter()
                .filter(|y| y.energy_tce.is_some() && y.value_added_10k_yuan.is_some_and(|v| v > 0.0))
                .max_by_key(|y| y.year)
                .map(|y| y.energy_tce.unwrap_or(0.0) / y.value_added_10k_yuan.unwrap_or(1.0));
            let facts = enterprise_facts(e, !b.outlets.is_empty(), intensity);
            Subject {
                index: super::engine::FactIndex::new(&facts, None),
                facts,
                enterprise_id: i as i64 + 1,
                credit_code: e.credit_code.clone(),
                name: e.name.clone(),
                division_code: e.division_code.clone(),
                industry: e.industry_code.clone(),
                equipment: b
                    .equipment
                    .iter()
                    .filter(|q| q.status != "closed")
                    .map(|q| EquipmentFacts::new(q.name.clone(), q.kind.clone(), equipment_facts(q, this_year)))
                    .collect(),
            }
        })
        .collect()
}
