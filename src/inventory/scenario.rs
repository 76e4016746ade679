//! What-if scenarios: steps that pick enterprises or equipment and an action (close, retrofit to
//! a limit, switch fuel, low-NOx retrofit of gas boilers, cut output), applied to a copy of the
//! inventory's inputs — the real data are never touched. A monitored outlet total behind changed
//! rows changes in proportion to their factor-based amounts (the outlet keeps its measured level
//! relative to the factors). No I/O.

use std::collections::{HashMap, HashSet};

use super::compute::{self, Inputs, Line};
use super::factors::Library;
use super::{Category, Pollutant};
use crate::i18n::catalogue::inventory as msg;
use crate::i18n::Msg;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A whole enterprise.
    Enterprise { credit_code: String },
    /// One piece of equipment (its activity rows name it).
    Equipment { credit_code: String, equipment: String },
    /// Every operating coal boiler below the small-boiler threshold in a district.
    SmallCoalBoilers { county: String },
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    Close,
    /// Emissions of the pollutant brought down to this concentration limit (mg/m³), in proportion
    /// to the outlet's current ledger limit.
    Retrofit { pollutant: Pollutant, limit_mg_m3: f64 },
    /// Coal or oil replaced by natural gas or electricity for the same useful heat.
    SwitchFuel { to: String },
    /// Gas boilers retrofitted to deep low-NOx combustion (30 mg/m³, control `low_nox_30`).
    LowNox,
    /// Output (and with it every activity amount) cut by this percentage.
    CutOutput { percent: f64 },
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Step {
    pub target: Target,
    pub action: Action,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scenario {
    pub name: String,
    pub year: i32,
    pub steps: Vec<Step>,
}

/// The measure type of a step (synergy of measures, issue 13 item 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Closure,
    Upgrade,
    FuelSwitch,
    LowNoxRetrofit,
    VehicleReplacement,
    OutputCut,
}

impl Measure {
    pub const ALL: [Measure; 6] = [Measure::Closure, Measure::Upgrade, Measure::FuelSwitch, Measure::LowNoxRetrofit, Measure::VehicleReplacement, Measure::OutputCut];
    pub fn code(self) -> &'static str {
        match self {
            Measure::Closure => "closure",
            Measure::Upgrade => "upgrade",
            Measure::FuelSwitch => "fuel_switch",
            Measure::LowNoxRetrofit => "low_nox_retrofit",
            Measure::VehicleReplacement => "vehicle_replacement",
            Measure::OutputCut => "output_cut",
        }
    }
    pub fn label(self) -> Msg {
        match self {
            Measure::Closure => msg::measure_closure(),
            Measure::Upgrade => msg::measure_upgrade(),
            Measure::FuelSwitch => msg::measure_fuel_switch(),
            Measure::LowNoxRetrofit => msg::measure_low_nox(),
            Measure::VehicleReplacement => msg::measure_vehicle(),
            Measure::OutputCut => msg::measure_output_cut(),
        }
    }
}

const VEHICLE_FUELS: [&str; 2] = ["diesel", "gasoline"];

impl Step {
    pub fn measure(&self, inputs: &Inputs) -> Measure {
        match &self.action {
            Action::Close => Measure::Closure,
            Action::Retrofit { .. } => Measure::Upgrade,
            Action::LowNox => Measure::LowNoxRetrofit,
            Action::CutOutput { .. } => Measure::OutputCut,
            Action::SwitchFuel { .. } => {
                let vehicle = match &self.target {
                    Target::Equipment { credit_code, equipment } => inputs
                        .activity
                        .iter()
                        .filter(|a| &a.equipment == equipment && inputs.enterprises[a.enterprise].credit_code == *credit_code)
                        .any(|a| VEHICLE_FUELS.contains(&a.item.as_str())),
                    _ => false,
                };
                if vehicle { Measure::VehicleReplacement } else { Measure::FuelSwitch }
            }
        }
    }
}

/// The activity rows of `year` a target picks, and whether whole enterprises are meant.
fn pick(lib: &Library, inputs: &Inputs, year: i32, target: &Target) -> Result<(Vec<usize>, HashSet<usize>), Msg> {
    let by_code = |code: &str| inputs.enterprises.iter().position(|e| e.credit_code == code).ok_or_else(|| msg::scenario_unknown_enterprise(code));
    let in_year = |i: &usize| inputs.activity[*i].year == year;
    match target {
        Target::Enterprise { credit_code } => {
            let e = by_code(credit_code)?;
            let rows = (0..inputs.activity.len()).filter(in_year).filter(|&i| inputs.activity[i].enterprise == e).collect();
            Ok((rows, HashSet::from([e])))
        }
        Target::Equipment { credit_code, equipment } => {
            let e = by_code(credit_code)?;
            if !inputs.equipment.iter().any(|q| q.enterprise == e && &q.name == equipment) {
                return Err(msg::scenario_unknown_equipment(credit_code, equipment));
            }
            let rows = (0..inputs.activity.len()).filter(in_year).filter(|&i| inputs.activity[i].enterprise == e && &inputs.activity[i].equipment == equipment).collect();
            Ok((rows, HashSet::new()))
        }
        Target::SmallCoalBoilers { county } => {
            let below = lib.settings.scenarios.small_coal_boiler_below_t_h;
            let boilers: HashSet<(usize, &str)> = inputs
                .equipment
                .iter()
                .filter(|q| q.kind == "coal_boiler" && q.status != "closed" && q.capacity.is_some_and(|c| c < below) && inputs.enterprises[q.enterprise].county == *county)
                .map(|q| (q.enterprise, q.name.as_str()))
                .collect();
            let rows = (0..inputs.activity.len())
                .filter(in_year)
                .filter(|&i| boilers.contains(&(inputs.activity[i].enterprise, inputs.activity[i].equipment.as_str())))
                .collect();
            Ok((rows, HashSet::new()))
        }
    }
}

/// Factor-based amounts per (enterprise, outlet or "", pollutant) of one year, for rescaling
/// monitored totals.
fn factor_buckets(lib: &Library, inputs: &Inputs, year: i32, enterprises: &HashSet<usize>) -> HashMap<(usize, String, Pollutant), f64> {
    let plain = Inputs { monitored: vec![], ..inputs.clone() };
    let mut out: HashMap<(usize, String, Pollutant), f64> = HashMap::new();
    let linked: HashSet<usize> = inputs.activity.iter().filter(|a| a.year == year && !a.outlet.is_empty()).map(|a| a.enterprise).collect();
    compute::each_line(lib, &plain, Some(&|e| enterprises.contains(&e)), |l: &Line| {
        if l.year != year || !l.pollutant.is_air() {
            return;
        }
        let a = &inputs.activity[l.activity.expect("factor lines have rows")];
        let outlet = if linked.contains(&l.enterprise) { a.outlet.clone() } else { String::new() };
        *out.entry((l.enterprise, outlet, l.pollutant)).or_default() += l.tonnes;
    });
    out
}

/// The inputs with one step applied (the year's rows only).
pub fn apply_step(lib: &Library, inputs: &Inputs, year: i32, step: &Step) -> Result<Inputs, Msg> {
    let (rows, whole) = pick(lib, inputs, year, &step.target)?;
    let touched: HashSet<usize> = rows.iter().map(|&i| inputs.activity[i].enterprise).chain(whole.iter().copied()).collect();
    let before = factor_buckets(lib, inputs, year, &touched);
    let mut out = inputs.clone();
    let selected: HashSet<usize> = rows.iter().copied().collect();
    match &step.action {
        Action::Close => {
            let mut i = 0;
            out.activity.retain(|_| {
                let keep = !selected.contains(&i);
                i += 1;
                keep
            });
        }
        Action::CutOutput { percent } => {
            if !(0.0..=100.0).contains(percent) {
                return Err(msg::scenario_bad_percent(*percent));
            }
            for &i in &rows {
                out.activity[i].amount *= 1.0 - percent / 100.0;
                out.activity[i].entered_amount *= 1.0 - percent / 100.0;
            }
        }
        Action::LowNox => {
            for &i in &rows {
                if out.activity[i].item == "natural_gas" {
                    out.activity[i].control = "low_nox_30".into();
                }
            }
        }
        Action::Retrofit { pollutant, limit_mg_m3 } => {
            let slot = Pollutant::AIR.iter().position(|p| p == pollutant).ok_or_else(|| msg::scenario_not_air(pollutant.code()))?;
            if !(limit_mg_m3.is_finite() && *limit_mg_m3 >= 0.0) {
                return Err(msg::scenario_bad_limit(*limit_mg_m3));
            }
            for &i in &rows {
                let a = &inputs.activity[i];
                let current = inputs
                    .limits
                    .iter()
                    .filter(|l| l.enterprise == a.enterprise && l.pollutant == *pollutant && (a.outlet.is_empty() || l.outlet == a.outlet))
                    .map(|l| l.limit)
                    .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
                let Some(current) = current.filter(|c| *c > 0.0) else {
                    return Err(msg::scenario_no_limit(&inputs.enterprises[a.enterprise].credit_code, pollutant.code()));
                };
                out.activity[i].air_scale[slot] *= (limit_mg_m3 / current).min(1.0);
            }
        }
        Action::SwitchFuel { to } => {
            let eff = &lib.settings.scenarios.efficiency;
            let to_gas = to == "natural_gas";
            if !to_gas && to != "electricity" {
                return Err(msg::scenario_bad_switch(to));
            }
            let gas = lib.fuel("natural_gas").expect("natural gas is in the library (tested)");
            for &i in &rows {
                let a = &inputs.activity[i];
                if a.category != Category::Fuel || a.item == *to {
                    continue;
                }
                let (Some(f), Some(e_from), Some(e_to)) = (lib.fuel(&a.item), eff.get(&a.item), eff.get(to.as_str())) else {
                    return Err(msg::scenario_no_efficiency(&a.item));
                };
                let useful_gj = a.amount * f.ncv * e_from;
                let r = &mut out.activity[i];
                if to_gas {
                    r.item = "natural_gas".into();
                    r.amount = useful_gj / e_to / gas.ncv;
                    r.entered_unit = "10^4Nm3".into();
                } else {
                    r.category = Category::Electricity;
                    r.item = "electricity".into();
                    r.amount = useful_gj / e_to / 3.6;
                    r.entered_unit = "MWh".into();
                }
                r.entered_amount = r.amount;
                r.control = String::new();
            }
        }
    }
    // Monitored totals follow the factor-based change of the rows behind them.
    let after = factor_buckets(lib, &out, year, &touched);
    let linked: HashSet<usize> = inputs.activity.iter().filter(|a| a.year == year && !a.outlet.is_empty()).map(|a| a.enterprise).collect();
    for m in out.monitored.iter_mut().filter(|m| m.year == year && touched.contains(&m.enterprise)) {
        let outlet = if linked.contains(&m.enterprise) { m.outlet.clone() } else { String::new() };
        let key = (m.enterprise, outlet, m.pollutant);
        match before.get(&key) {
            Some(b) if *b > 0.0 => m.scale *= after.get(&key).copied().unwrap_or(0.0) / b,
            _ if whole.contains(&m.enterprise) && matches!(step.action, Action::Close) => m.scale = 0.0,
            _ if whole.contains(&m.enterprise) => {
                if let Action::CutOutput { percent } = step.action {
                    m.scale *= 1.0 - percent / 100.0;
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Totals of one year: per pollutant (t) and pollution equivalents.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Totals {
    pub tonnes: [f64; 7],
    pub equivalents: f64,
}

impl Totals {
    pub fn of(lines: &[Line], year: i32, only: impl Fn(&Line) -> bool) -> Totals {
        let t = compute::totals(lines.iter().filter(|l| l.year == year && only(l)));
        Totals { equivalents: compute::equivalents(&t), tonnes: t }
    }
    pub fn co2(&self) -> f64 {
        self.tonnes[Pollutant::Co2.index()]
    }
}

/// The effect of one step on its own (applied to the baseline).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StepEffect {
    pub step: usize,
    pub measure: Measure,
    /// Reductions (baseline − with the step), t per pollutant.
    pub reduced_t: [f64; 7],
    pub reduced_equivalents: f64,
    pub error: Option<String>,
}

impl StepEffect {
    pub fn reduced_co2(&self) -> f64 {
        self.reduced_t[Pollutant::Co2.index()]
    }
}

/// A scenario compared with the baseline.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Outcome {
    pub year: i32,
    pub baseline: Totals,
    pub scenario: Totals,
    /// Per district: (county, baseline, scenario).
    pub by_county: Vec<(String, Totals, Totals)>,
    pub steps: Vec<StepEffect>,
    /// The scenario's inputs (for its own drill-down).
    #[serde(skip)]
    pub inputs: Inputs,
    #[serde(skip)]
    pub lines: Vec<Line>,
}

/// Applies every step in order to a copy of `inputs` and compares the year with the baseline.
/// A step that cannot apply is refused with its number.
pub fn run(lib: &Library, inputs: &Inputs, scenario: &Scenario) -> Result<Outcome, Msg> {
    let year = scenario.year;
    let base_lines = compute::lines(lib, inputs, None);
    let mut current = inputs.clone();
    let mut steps = Vec::new();
    for (n, step) in scenario.steps.iter().enumerate() {
        current = apply_step(lib, &current, year, step).map_err(|m| msg::scenario_step_refused(n as u32 + 1, m))?;
        let alone = apply_step(lib, inputs, year, step).map_err(|m| msg::scenario_step_refused(n as u32 + 1, m))?;
        let alone_lines = compute::lines(lib, &alone, None);
        let b = Totals::of(&base_lines, year, |_| true);
        let a = Totals::of(&alone_lines, year, |_| true);
        let mut reduced_t = [0.0; 7];
        for (i, r) in reduced_t.iter_mut().enumerate() {
            *r = b.tonnes[i] - a.tonnes[i];
        }
        steps.push(StepEffect { step: n + 1, measure: step.measure(inputs), reduced_t, reduced_equivalents: b.equivalents - a.equivalents, error: None });
    }
    let lines = compute::lines(lib, &current, None);
    let mut counties: Vec<String> = inputs.enterprises.iter().map(|e| e.county.clone()).collect();
    counties.sort();
    counties.dedup();
    let by_county = counties
        .into_iter()
        .map(|c| {
            let b = Totals::of(&base_lines, year, |l| inputs.enterprises[l.enterprise].county == c);
            let s = Totals::of(&lines, year, |l| current.enterprises[l.enterprise].county == c);
            (c, b, s)
        })
        .filter(|(_, b, s)| b.tonnes.iter().chain(s.tonnes.iter()).any(|v| *v != 0.0))
        .collect();
    Ok(Outcome { year, baseline: Totals::of(&base_lines, year, |_| true), scenario: Totals::of(&lines, year, |_| true), by_county, steps, inputs: current, lines })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::compute::{ActivityIn, EnterpriseIn, EquipmentIn, LimitIn, MonitoredIn};
    use crate::inventory::factors::LIBRARY;

    fn row(enterprise: usize, item: &str, category: Category, amount: f64, equipment: &str, outlet: &str) -> ActivityIn {
        ActivityIn {
            enterprise,
            year: 2025,
            category,
            item: item.into(),
            amount,
            entered_amount: amount,
            entered_unit: "t".into(),
            equipment: equipment.into(),
            outlet: outlet.into(),
            control: String::new(),
            air_scale: [1.0; 4],
        }
    }

    fn city() -> Inputs {
        let e = |id: i64, code: &str, county: &str| EnterpriseIn { id, credit_code: code.into(), name: code.into(), county: county.into(), industry: "4430".into() };
        let q = |enterprise: usize, name: &str, kind: &str, cap: f64| EquipmentIn {
            enterprise,
            name: name.into(),
            kind: kind.into(),
            capacity: Some(cap),
            capacity_unit: "t/h".into(),
            fuel: "coal".into(),
            status: "operating".into(),
        };
        Inputs {
            enterprises: vec![e(1, "A", "612002"), e(2, "B", "612002"), e(3, "C", "612003")],
            activity: vec![
                row(0, "raw_coal", Category::Fuel, 1000.0, "1#燃煤锅炉", "DA001"),
                row(0, "electricity", Category::Electricity, 100.0, "", ""),
                row(1, "raw_coal", Category::Fuel, 5000.0, "1#燃煤锅炉", ""),
                row(2, "raw_coal", Category::Fuel, 1000.0, "1#燃煤锅炉", ""),
                row(1, "natural_gas", Category::Fuel, 50.0, "2#燃气锅炉", ""),
            ],
            monitored: vec![MonitoredIn { enterprise: 0, outlet: "DA001".into(), year: 2025, pollutant: Pollutant::So2, tonnes: 0.8, coverage: 1.0, rule: "r".into(), scale: 1.0 }],
            equipment: vec![q(0, "1#燃煤锅炉", "coal_boiler", 4.0), q(1, "1#燃煤锅炉", "coal_boiler", 65.0), q(2, "1#燃煤锅炉", "coal_boiler", 10.0), q(1, "2#燃气锅炉", "gas_boiler", 6.0)],
            limits: vec![LimitIn { enterprise: 1, outlet: "DA001".into(), pollutant: Pollutant::Nox, limit: 200.0 }],
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * b.abs().max(1.0)
    }

    #[test]
    fn closing_a_districts_small_coal_boilers_removes_their_coal_and_the_monitored_outlet() {
        let inputs = city();
        let s = Scenario { name: "close".into(), year: 2025, steps: vec![Step { target: Target::SmallCoalBoilers { county: "612002".into() }, action: Action::Close }] };
        let o = run(&LIBRARY, &inputs, &s).unwrap();
        // Only A's 4 t/h boiler is small in 612002 (B's is 65 t/h; C is in another district).
        let coal_co2 = 1966.888041;
        assert!(close(o.baseline.co2() - o.scenario.co2(), coal_co2), "{}", o.baseline.co2() - o.scenario.co2());
        // A's monitored SO2 (0.8 t) goes with the boiler.
        let so2 = Pollutant::So2.index();
        let base_a: f64 = compute::lines(&LIBRARY, &inputs, Some(&|e| e == 0)).iter().filter(|l| l.pollutant == Pollutant::So2).map(|l| l.tonnes).sum();
        assert!(close(base_a, 0.8));
        assert!(close(o.baseline.tonnes[so2] - o.scenario.tonnes[so2], 0.8));
        assert_eq!(o.steps[0].measure, Measure::Closure);
        assert!(o.steps[0].reduced_equivalents > 0.0);
        // The district table shows the change where it happened, only there.
        let (_, b3, s3) = o.by_county.iter().find(|(c, _, _)| c == "612003").unwrap();
        assert_eq!(b3, s3);
        // The baseline inputs are untouched.
        assert_eq!(inputs, city());
    }

    #[test]
    fn fuel_switch_low_nox_retrofit_and_cut_work_by_hand() {
        let inputs = city();
        let step = |target, action| Scenario { name: "s".into(), year: 2025, steps: vec![Step { target, action }] };
        // Coal → gas for C: 1000 t × 20.908 GJ/t × 0.75 ÷ 0.90 ÷ 389.31 GJ/10⁴Nm³ = 44.7536 × 10⁴ Nm³.
        let o = run(&LIBRARY, &inputs, &step(Target::Enterprise { credit_code: "C".into() }, Action::SwitchFuel { to: "natural_gas".into() })).unwrap();
        let gas_amount = 1000.0 * 20.908 * 0.75 / 0.90 / 389.31;
        let gas_co2 = gas_amount * 389.31 * 0.01532 * 0.99 * 44.0 / 12.0;
        assert!(close(o.baseline.co2() - o.scenario.co2(), 1966.888041 - gas_co2));
        assert_eq!(o.steps[0].measure, Measure::FuelSwitch);
        // Low-NOx on B's gas boiler: NOx 50 × (16.0 − 3.2) kg = 640 kg.
        let o = run(&LIBRARY, &inputs, &step(Target::Equipment { credit_code: "B".into(), equipment: "2#燃气锅炉".into() }, Action::LowNox)).unwrap();
        assert!(close(o.steps[0].reduced_t[Pollutant::Nox.index()], 0.64));
        assert_eq!(o.steps[0].reduced_co2(), 0.0);
        // Retrofit B to NOx 50 mg/m³ from 200: its NOx × 1/4.
        let o = run(&LIBRARY, &inputs, &step(Target::Enterprise { credit_code: "B".into() }, Action::Retrofit { pollutant: Pollutant::Nox, limit_mg_m3: 50.0 })).unwrap();
        let b_nox = 5000.0 * 5.5 / 1000.0 + 50.0 * 16.0 / 1000.0;
        assert!(close(o.steps[0].reduced_t[Pollutant::Nox.index()], b_nox * 0.75));
        // No limit known for A's NOx: refused, naming the step.
        let e = run(&LIBRARY, &inputs, &step(Target::Enterprise { credit_code: "A".into() }, Action::Retrofit { pollutant: Pollutant::Nox, limit_mg_m3: 50.0 })).unwrap_err();
        assert!(e.render(crate::i18n::Lang::En).contains("step 1"), "{}", e.render(crate::i18n::Lang::En));
        // Cut A by 50 %: half its CO2 (coal and electricity), half its monitored SO2.
        let o = run(&LIBRARY, &inputs, &step(Target::Enterprise { credit_code: "A".into() }, Action::CutOutput { percent: 50.0 })).unwrap();
        assert!(close(o.steps[0].reduced_t[Pollutant::So2.index()], 0.4));
        assert!(close(o.steps[0].reduced_co2(), (1966.888041 + 100.0 * 0.5857) / 2.0));
        assert!(run(&LIBRARY, &inputs, &step(Target::Enterprise { credit_code: "Z".into() }, Action::Close)).is_err());
    }

    #[test]
    fn replacing_a_diesel_truck_by_an_electric_one_is_a_vehicle_replacement() {
        let mut inputs = city();
        inputs.activity.push(row(2, "diesel", Category::Fuel, 10.0, "1#渣土车", ""));
        inputs.equipment.push(EquipmentIn { enterprise: 2, name: "1#渣土车".into(), kind: "vehicle".into(), capacity: None, capacity_unit: String::new(), fuel: "oil".into(), status: "operating".into() });
        let s = Scenario { name: "v".into(), year: 2025, steps: vec![Step { target: Target::Equipment { credit_code: "C".into(), equipment: "1#渣土车".into() }, action: Action::SwitchFuel { to: "electricity".into() } }] };
        let o = run(&LIBRARY, &inputs, &s).unwrap();
        assert_eq!(o.steps[0].measure, Measure::VehicleReplacement);
        // 10 t diesel: 426.52 GJ × 0.02020 × 0.98 × 44/12 = 30.958 t CO2; electric: 426.52 × 0.30 ÷ 0.90 ÷ 3.6 = 39.493 MWh × 0.5857 = 23.131 t.
        let diesel = 10.0 * 42.652 * 0.02020 * 0.98 * 44.0 / 12.0;
        let electric = 10.0 * 42.652 * 0.30 / 0.90 / 3.6 * 0.5857;
        assert!(close(o.steps[0].reduced_co2(), diesel - electric), "{}", o.steps[0].reduced_co2());
    }
}
