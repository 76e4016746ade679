//! Activity data (活动水平) of the demo city, derived from each enterprise's yearly energy
//! (`综合能耗`, itself drawn from data/demo/industry-figures.csv) and its equipment, so the
//! inventory is consistent with the ledger's sizes. The reasoning and ranges are in
//! data/demo/activity.md. A separate generator seeded by the credit code: the rest of the demo
//! city does not change.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::ledger::model::{ActivityData, EnterpriseBundle};

/// tce per canonical unit (GB/T 2589 reference coefficients, as used in energy statistics; a demo
/// assumption, not a factor of the inventory): raw coal 0.7143 tce/t, coke 0.9714 tce/t, fuel oil
/// 1.4286 tce/t, natural gas 12.143 tce/10⁴ Nm³ (1.2143 kgce/m³), electricity 0.1229 tce/MWh
/// (equivalent value).
const TCE: [(&str, f64, &str); 5] = [("raw_coal", 0.7143, "t"), ("coke", 0.9714, "t"), ("fuel_oil", 1.4286, "t"), ("natural_gas", 12.143, "万Nm3"), ("electricity", 0.1229, "MWh")];

fn tce_of(item: &str) -> (f64, &'static str) {
    TCE.iter().find(|(i, _, _)| *i == item).map(|(_, t, u)| (*t, *u)).expect("listed")
}

fn item_of(fuel: &str) -> Option<&'static str> {
    match fuel {
        "coal" => Some("raw_coal"),
        "coke" => Some("coke"),
        "gas" => Some("natural_gas"),
        "oil" => Some("fuel_oil"),
        "electricity" => Some("electricity"),
        _ => None,
    }
}

fn seed(code: &str) -> u64 {
    code.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// The activity rows of one demo enterprise for each of its yearly rows.
pub fn generate(b: &EnterpriseBundle) -> Vec<ActivityData> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed(&b.enterprise.credit_code));
    // Equipment that burns or draws energy, with a weight: capacity (t/h of boilers count × 10,
    // boilers run most of the year), at least 1.
    let burners: Vec<(&crate::ledger::model::Equipment, &'static str, f64)> = b
        .equipment
        .iter()
        .filter_map(|q| item_of(&q.fuel).map(|i| (q, i, q.capacity.unwrap_or(1.0).max(1.0) * if q.kind.ends_with("_boiler") { 10.0 } else { 1.0 })))
        .collect();
    let fuel_weight: f64 = burners.iter().filter(|(_, i, _)| *i != "electricity").map(|(_, _, w)| w).sum();
    // Share of energy bought as electricity: 10–30 % next to fuel-burning equipment, all of it otherwise.
    let electricity_share = if fuel_weight > 0.0 { rng.gen_range(0.10..0.30) } else { 1.0 };
    let outlet_for = |kind: &str| -> String {
        let name = match kind {
            "coal_boiler" => "燃煤锅炉",
            "gas_boiler" => "燃气锅炉",
            "cement_clinker_line" => "窑尾",
            _ => return String::new(),
        };
        b.outlets.iter().find(|o| o.name.starts_with(name)).map(|o| o.code.clone()).unwrap_or_default()
    };
    let solvent_share = rng.gen_range(0.3..0.9);
    let utilisation = rng.gen_range(0.55..0.95);
    let low_nox = rng.gen_bool(0.3);
    let mut out = Vec::new();
    for y in &b.yearly {
        let Some(tce) = y.energy_tce.filter(|t| *t > 0.0) else { continue };
        let drift = 1.0 + (y.year - 2023) as f64 * 0.01;
        if fuel_weight > 0.0 {
            for (q, item, w) in burners.iter().filter(|(_, i, _)| *i != "electricity") {
                let (per_unit, unit) = tce_of(item);
                let amount = tce * (1.0 - electricity_share) * w / fuel_weight / per_unit;
                let control = if *item == "natural_gas" && q.kind == "gas_boiler" && low_nox { "low_nox" } else { "" };
                out.push(ActivityData {
                    year: y.year,
                    category: "fuel".into(),
                    item: item.to_string(),
                    amount: round(amount, if unit == "t" { 1 } else { 3 }),
                    unit: unit.into(),
                    equipment: q.name.clone(),
                    outlet: outlet_for(&q.kind),
                    control: control.into(),
                    source: "能源统计报表(演示)".into(),
                });
            }
        }
        let (per_mwh, _) = tce_of("electricity");
        out.push(ActivityData {
            year: y.year,
            category: "electricity".into(),
            item: "electricity".into(),
            amount: round(tce * electricity_share / per_mwh, 1),
            unit: "MWh".into(),
            source: "电费结算单(演示)".into(),
            ..Default::default()
        });
        for q in &b.equipment {
            match q.kind.as_str() {
                // Clinker: design t/d × 310 days × utilisation (industry-figures.csv reasoning).
                "cement_clinker_line" => out.push(ActivityData {
                    year: y.year,
                    category: "product".into(),
                    item: "cement_clinker".into(),
                    amount: round(q.capacity.unwrap_or(0.0) * 310.0 * utilisation * drift, 0),
                    unit: "t".into(),
                    equipment: q.name.clone(),
                    outlet: outlet_for(&q.kind),
                    source: "生产统计报表(演示)".into(),
                    ..Default::default()
                }),
                // Paint: the coating line's capacity is t/a of paint used.
                "coating_line" => {
                    let paint = q.capacity.unwrap_or(0.0) * utilisation * drift;
                    for (item, share) in [("solventborne_paint", solvent_share), ("waterborne_paint", 1.0 - solvent_share)] {
                        out.push(ActivityData {
                            year: y.year,
                            category: "process_input".into(),
                            item: item.into(),
                            amount: round(paint * share, 2),
                            unit: "t".into(),
                            equipment: q.name.clone(),
                            source: "原辅材料台账(演示)".into(),
                            ..Default::default()
                        });
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The demo's saved scenario "close district X's small coal boilers" (issue 13), for the district
/// with the most coal used by small coal boilers in the latest year; once, when no scenario is
/// saved yet.
pub async fn ensure_scenario(db: &crate::storage::Db) -> crate::Result<Option<i64>> {
    use crate::inventory::factors::LIBRARY;
    use crate::inventory::scenario::{Action, Scenario, Step, Target};
    let scope = crate::auth::Scope::All;
    if !crate::storage::inventory::list(db, &scope).await?.is_empty() {
        return Ok(None);
    }
    let loaded = crate::storage::inventory::load(db, &LIBRARY, &scope, 2023, 2025, i64::MAX, false).await?;
    let inputs = &loaded.inputs;
    let Some(year) = inputs.activity.iter().map(|a| a.year).max() else { return Ok(None) };
    let below = LIBRARY.settings.scenarios.small_coal_boiler_below_t_h;
    let small: std::collections::HashSet<(usize, &str)> = inputs
        .equipment
        .iter()
        .filter(|q| q.kind == "coal_boiler" && q.status != "closed" && q.capacity.is_some_and(|c| c < below))
        .map(|q| (q.enterprise, q.name.as_str()))
        .collect();
    let mut coal: std::collections::BTreeMap<&str, f64> = std::collections::BTreeMap::new();
    for a in inputs.activity.iter().filter(|a| a.year == year && small.contains(&(a.enterprise, a.equipment.as_str()))) {
        *coal.entry(inputs.enterprises[a.enterprise].county.as_str()).or_default() += a.amount;
    }
    let Some((county, _)) = coal.iter().max_by(|a, b| a.1.total_cmp(b.1)) else { return Ok(None) };
    let names = crate::storage::ledger::full_names(db, [*county]).await?;
    let name = names.get(*county).map(|f| f.rsplit('·').next().unwrap_or(f).to_string()).unwrap_or_else(|| county.to_string());
    let scenario = Scenario {
        name: format!("关停{name}小型燃煤锅炉"),
        year,
        steps: vec![Step { target: Target::SmallCoalBoilers { county: county.to_string() }, action: Action::Close }],
    };
    // Saved for the city (its accounts see it; a county account sees the scenarios saved in its county).
    let city = crate::auth::Scope::Divisions(vec![format!("{}00", &county[..4])]);
    Ok(Some(crate::storage::inventory::save(db, &crate::storage::audit::Actor::system(), &city, &scenario).await?))
}
