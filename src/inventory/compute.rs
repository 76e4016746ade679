//! The calculation of the fused inventory. Factor-based amounts per activity row:
//!
//! - fuel CO2 = activity × NCV × carbon content × oxidation × 44/12 (t);
//! - fuel CH4/N2O with energy-based factors = activity × NCV ÷ 1000 (TJ) × kg/TJ ÷ 1000 (t);
//! - other air pollutants = activity × kg per unit ÷ 1000 (t), by control technology;
//! - purchased electricity CO2 = MWh × the MEE grid factor of the year (tCO2/MWh);
//! - purchased heat CO2 = GJ × tCO2/GJ; process CO2 = product × tCO2/t.
//!
//! Then, per enterprise, year and air pollutant, an outlet's monitored total whose coverage
//! reaches `settings.monitoring.min_coverage` replaces the factor-based amounts of the activity
//! rows it covers (those linked to the outlet; when no row of the enterprise names an outlet, all
//! its rows), split over them in proportion to the factor-based amounts; a monitored total no
//! factor-based line can carry becomes a line of its own (source `outlet`). Every line names its
//! method, activity row, factor or monitored total.

use std::collections::HashMap;

use super::factors::{Basis, Library};
use super::{Category, Method, Pollutant, Source, CO2_PER_C};

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EnterpriseIn {
    pub id: i64,
    pub credit_code: String,
    pub name: String,
    /// The county (district) code: the first 6 digits of the division code.
    pub county: String,
    /// GB/T 4754-2017 class code.
    pub industry: String,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ActivityIn {
    /// Index into `Inputs::enterprises`.
    pub enterprise: usize,
    pub year: i32,
    pub category: Category,
    pub item: String,
    /// In the item's canonical unit (t, 10⁴ Nm³, MWh, GJ).
    pub amount: f64,
    /// As entered.
    pub entered_amount: f64,
    pub entered_unit: String,
    pub equipment: String,
    pub outlet: String,
    pub control: String,
    /// Multipliers on the factor-based air pollutants (SO2, NOx, PM, VOCs): 1 unless a scenario
    /// retrofits the row to a lower limit.
    pub air_scale: [f64; 4],
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MonitoredIn {
    pub enterprise: usize,
    pub outlet: String,
    pub year: i32,
    pub pollutant: Pollutant,
    pub tonnes: f64,
    /// Share of the year's hours (to date) with a valid or filled rate.
    pub coverage: f64,
    /// The fill rule named on the total.
    pub rule: String,
    /// 1 unless a scenario changes the outlet.
    pub scale: f64,
}

/// Equipment, for scenarios that pick it (and its activity rows by name).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EquipmentIn {
    pub enterprise: usize,
    pub name: String,
    pub kind: String,
    pub capacity: Option<f64>,
    pub capacity_unit: String,
    pub fuel: String,
    pub status: String,
}

/// An outlet's ledger limit for a pollutant (for "retrofit to a limit").
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LimitIn {
    pub enterprise: usize,
    pub outlet: String,
    pub pollutant: Pollutant,
    /// mg/m³
    pub limit: f64,
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Inputs {
    pub enterprises: Vec<EnterpriseIn>,
    pub activity: Vec<ActivityIn>,
    pub monitored: Vec<MonitoredIn>,
    pub equipment: Vec<EquipmentIn>,
    pub limits: Vec<LimitIn>,
}

/// The factor a factor-based line used.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum FactorRef {
    None,
    Fuel(usize),
    Grid(usize),
    Heat,
    Process(usize),
    Air(usize),
}

/// One figure of the inventory.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Line {
    pub enterprise: usize,
    pub year: i32,
    pub source: Source,
    pub pollutant: Pollutant,
    pub tonnes: f64,
    pub method: Method,
    /// The activity row (index into `Inputs::activity`).
    pub activity: Option<usize>,
    pub factor: FactorRef,
    /// The monitored total (index into `Inputs::monitored`) of a monitoring-based line.
    pub monitored: Option<usize>,
    /// What the factor gave for this line before a monitored total replaced it.
    pub factor_t: f64,
}

impl Line {
    pub fn outlet<'a>(&self, inputs: &'a Inputs) -> &'a str {
        match (self.monitored, self.activity) {
            (Some(m), _) => &inputs.monitored[m].outlet,
            (None, Some(a)) => &inputs.activity[a].outlet,
            _ => "",
        }
    }
}

fn air_slot(p: Pollutant) -> Option<usize> {
    Pollutant::AIR.iter().position(|x| *x == p)
}

/// The factors an activity row's item, control and year resolve to: each line's tonnes are
/// the canonical amount × `per_unit` (× the row's air scale for air pollutants).
#[derive(Clone, Debug, Default)]
struct Resolved {
    lines: Vec<(Pollutant, FactorRef, f64)>,
}

fn resolve(lib: &Library, a: &ActivityIn) -> Resolved {
    let mut lines = Vec::new();
    let air = |lines: &mut Vec<(Pollutant, FactorRef, f64)>, ncv: Option<f64>| {
        for p in [Pollutant::So2, Pollutant::Nox, Pollutant::Pm, Pollutant::Vocs, Pollutant::Ch4, Pollutant::N2o] {
            let Some(fi) = lib.air_index_for(&a.item, &a.control, p) else { continue };
            let f = &lib.air[fi];
            let kg = match (f.basis, ncv) {
                (Basis::Activity, _) => f.value,
                (Basis::Energy, Some(ncv)) => ncv / 1000.0 * f.value,
                (Basis::Energy, None) => continue,
            };
            lines.push((p, FactorRef::Air(fi), kg / 1000.0));
        }
    };
    match a.category {
        Category::Fuel => {
            if let Some(fi) = lib.fuels.iter().position(|f| f.code == a.item) {
                let f = &lib.fuels[fi];
                lines.push((Pollutant::Co2, FactorRef::Fuel(fi), f.ncv * f.carbon * f.oxidation * CO2_PER_C));
                air(&mut lines, Some(f.ncv));
            }
        }
        Category::Electricity => {
            if let Some(g) = lib.grid_for(a.year) {
                let gi = lib.grid.iter().position(|x| std::ptr::eq(x, g)).expect("factor of the library");
                lines.push((Pollutant::Co2, FactorRef::Grid(gi), g.t_per_mwh));
            }
        }
        Category::Heat => lines.push((Pollutant::Co2, FactorRef::Heat, lib.heat.t_per_gj)),
        Category::Product | Category::ProcessInput => {
            if let Some(ii) = lib.items.iter().position(|i| i.code == a.item) {
                if let Some(co2) = lib.items[ii].co2 {
                    lines.push((Pollutant::Co2, FactorRef::Process(ii), co2));
                }
            }
            air(&mut lines, None);
        }
    }
    Resolved { lines }
}

fn emit(inputs: &Inputs, index: usize, r: &Resolved, out: &mut impl FnMut(&Line)) {
    let a = &inputs.activity[index];
    let source = Source::of(a.category);
    for &(pollutant, factor, per_unit) in &r.lines {
        let scale = match pollutant {
            Pollutant::So2 => a.air_scale[0],
            Pollutant::Nox => a.air_scale[1],
            Pollutant::Pm => a.air_scale[2],
            Pollutant::Vocs => a.air_scale[3],
            _ => 1.0,
        };
        let tonnes = a.amount * per_unit * scale;
        out(&Line { enterprise: a.enterprise, year: a.year, source, pollutant, tonnes, method: Method::Factor, activity: Some(index), factor, monitored: None, factor_t: tonnes });
    }
}

/// The factor-based lines of one activity row.
pub fn row_lines(lib: &Library, inputs: &Inputs, index: usize, out: &mut Vec<Line>) {
    emit(inputs, index, &resolve(lib, &inputs.activity[index]), &mut |l: &Line| out.push(*l));
}

/// A hasher for the integer and short keys of the hot loops (FxHash's multiply-rotate): the
/// default SipHash costs more than the arithmetic it guards.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(v as u64)
    }
    fn write_i32(&mut self, v: i32) {
        self.write_u64(v as u32 as u64)
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64)
    }
}

type Fast = std::hash::BuildHasherDefault<FastHasher>;

/// Every line of the inventory, enterprise by enterprise and year by year (each enterprise's
/// years in ascending order), handed to `sink`. `only` limits it to some enterprises.
pub fn each_line(lib: &Library, inputs: &Inputs, only: Option<&dyn Fn(usize) -> bool>, mut sink: impl FnMut(&Line)) {
    let mut order: Vec<usize> = (0..inputs.activity.len()).filter(|&i| only.is_none_or(|f| f(inputs.activity[i].enterprise))).collect();
    let key = |i: &usize| (inputs.activity[*i].enterprise, inputs.activity[*i].year);
    if !order.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        order.sort_by_key(key);
    }
    let min_coverage = lib.settings.monitoring.min_coverage;
    let mut monitored: HashMap<(usize, i32), Vec<usize>, Fast> = HashMap::default();
    for (i, m) in inputs.monitored.iter().enumerate() {
        if m.coverage >= min_coverage && only.is_none_or(|f| f(m.enterprise)) {
            monitored.entry((m.enterprise, m.year)).or_default().push(i);
        }
    }
    // Groups without activity that still have monitored totals.
    let mut groups_with_rows: std::collections::HashSet<(usize, i32), Fast> = std::collections::HashSet::default();
    // Each distinct (item, control, year) resolves its factors once.
    let mut cache: HashMap<(&str, &str, i32), usize, Fast> = HashMap::default();
    let mut table: Vec<Resolved> = Vec::new();
    let mut buf: Vec<Line> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let key = (inputs.activity[order[start]].enterprise, inputs.activity[order[start]].year);
        let mut end = start;
        while end < order.len() && (inputs.activity[order[end]].enterprise, inputs.activity[order[end]].year) == key {
            end += 1;
        }
        let monitored_here = monitored.get(&key);
        buf.clear();
        for &i in &order[start..end] {
            let a = &inputs.activity[i];
            let year = if a.category == Category::Electricity { a.year } else { 0 };
            let slot = *cache.entry((a.item.as_str(), a.control.as_str(), year)).or_insert_with(|| {
                table.push(resolve(lib, a));
                table.len() - 1
            });
            if monitored_here.is_some() {
                emit(inputs, i, &table[slot], &mut |l: &Line| buf.push(*l));
            } else {
                emit(inputs, i, &table[slot], &mut sink);
            }
        }
        if let Some(ms) = monitored_here {
            groups_with_rows.insert(key);
            apply_monitoring(inputs, &order[start..end], ms, &mut buf, &mut sink);
        }
        start = end;
    }
    // Monitored totals of enterprise-years without any activity row.
    let mut rest: Vec<(&(usize, i32), &Vec<usize>)> = monitored.iter().filter(|(k, _)| !groups_with_rows.contains(k)).collect();
    rest.sort();
    for (&(enterprise, year), ms) in rest {
        for &m in ms {
            sink(&outlet_line(inputs, m, enterprise, year));
        }
    }
}

fn outlet_line(inputs: &Inputs, m: usize, enterprise: usize, year: i32) -> Line {
    let mi = &inputs.monitored[m];
    Line {
        enterprise,
        year,
        source: Source::Outlet,
        pollutant: mi.pollutant,
        tonnes: mi.tonnes * mi.scale,
        method: Method::Monitoring,
        activity: None,
        factor: FactorRef::None,
        monitored: Some(m),
        factor_t: 0.0,
    }
}

fn apply_monitoring(inputs: &Inputs, rows: &[usize], ms: &[usize], buf: &mut [Line], sink: &mut impl FnMut(&Line)) {
    let any_linked = rows.iter().any(|&i| !inputs.activity[i].outlet.is_empty());
    let mut replaced = vec![false; buf.len()];
    let mut extra: Vec<Line> = Vec::new();
    for &m in ms {
        let mi = &inputs.monitored[m];
        let covered = |l: &Line| {
            l.pollutant == mi.pollutant
                && l.activity.is_some_and(|a| !any_linked || inputs.activity[a].outlet == mi.outlet)
        };
        let factor_sum: f64 = buf.iter().filter(|l| covered(l)).map(|l| l.tonnes).sum();
        if factor_sum > 0.0 {
            for (i, l) in buf.iter().enumerate() {
                if covered(l) {
                    replaced[i] = true;
                    extra.push(Line { tonnes: l.tonnes / factor_sum * mi.tonnes * mi.scale, method: Method::Monitoring, monitored: Some(m), factor_t: l.tonnes, ..*l });
                }
            }
        } else {
            extra.push(outlet_line(inputs, m, mi.enterprise, mi.year));
        }
    }
    for (i, l) in buf.iter().enumerate() {
        if !replaced[i] {
            sink(l);
        }
    }
    extra.iter().for_each(sink);
}

/// The lines of some enterprises, collected.
pub fn lines(lib: &Library, inputs: &Inputs, only: Option<&dyn Fn(usize) -> bool>) -> Vec<Line> {
    let mut out = Vec::new();
    each_line(lib, inputs, only, |l| out.push(*l));
    out
}

/// One cell of the inventory: district × sector × source × pollutant × year.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Cell {
    pub year: i32,
    pub county: String,
    pub industry: String,
    pub source: Source,
    pub pollutant: Pollutant,
    pub tonnes: f64,
    /// The part of `tonnes` from monitored totals.
    pub monitoring_t: f64,
    pub enterprises: u32,
}

/// The inventory summed by district × sector × source × pollutant × year, sorted.
pub fn aggregate(lib: &Library, inputs: &Inputs, only: Option<&dyn Fn(usize) -> bool>) -> Vec<Cell> {
    // Intern (county, industry) per enterprise so the hot loop hashes integers only.
    let mut groups: HashMap<(&str, &str), u32> = HashMap::new();
    let mut names: Vec<(&str, &str)> = Vec::new();
    let group_of: Vec<u32> = inputs
        .enterprises
        .iter()
        .map(|e| {
            *groups.entry((e.county.as_str(), e.industry.as_str())).or_insert_with(|| {
                names.push((e.county.as_str(), e.industry.as_str()));
                names.len() as u32 - 1
            })
        })
        .collect();
    #[derive(Clone, Copy)]
    struct Acc {
        tonnes: f64,
        monitoring: f64,
        enterprises: u32,
        last: usize,
    }
    const EMPTY: Acc = Acc { tonnes: 0.0, monitoring: 0.0, enterprises: 0, last: usize::MAX };
    const CELLS: usize = Source::ALL.len() * Pollutant::ALL.len();
    // Lines come enterprise-year by enterprise-year: one look-up per group and year finds the
    // block of its source × pollutant cells, the lines only index into it.
    let mut blocks: HashMap<(u32, i32), usize, Fast> = HashMap::default();
    let mut cells: Vec<(u32, i32, [Acc; CELLS])> = Vec::new();
    let mut current: (usize, i32, usize) = (usize::MAX, 0, 0);
    each_line(lib, inputs, only, |l| {
        if (l.enterprise, l.year) != (current.0, current.1) {
            let g = group_of[l.enterprise];
            let slot = *blocks.entry((g, l.year)).or_insert_with(|| {
                cells.push((g, l.year, [EMPTY; CELLS]));
                cells.len() - 1
            });
            current = (l.enterprise, l.year, slot);
        }
        let acc = &mut cells[current.2].2[l.source as usize * Pollutant::ALL.len() + l.pollutant as usize];
        acc.tonnes += l.tonnes;
        if l.method == Method::Monitoring {
            acc.monitoring += l.tonnes;
        }
        if acc.last != l.enterprise {
            acc.last = l.enterprise;
            acc.enterprises += 1;
        }
    });
    let mut out: Vec<Cell> = Vec::new();
    for (g, year, block) in &cells {
        let (county, industry) = names[*g as usize];
        for (i, acc) in block.iter().enumerate() {
            if acc.enterprises == 0 {
                continue;
            }
            out.push(Cell {
                year: *year,
                county: county.to_string(),
                industry: industry.to_string(),
                source: Source::ALL[i / Pollutant::ALL.len()],
                pollutant: Pollutant::ALL[i % Pollutant::ALL.len()],
                tonnes: acc.tonnes,
                monitoring_t: acc.monitoring,
                enterprises: acc.enterprises,
            });
        }
    }
    out.sort_by(|a, b| (a.year, &a.county, &a.industry, a.source, a.pollutant).cmp(&(b.year, &b.county, &b.industry, b.source, b.pollutant)));
    out
}

/// Totals per pollutant of some lines.
pub fn totals<'a>(lines: impl IntoIterator<Item = &'a Line>) -> [f64; 7] {
    let mut t = [0.0; 7];
    for l in lines {
        t[l.pollutant.index()] += l.tonnes;
    }
    t
}

/// Pollution equivalents (附表二 weights) of per-pollutant tonnes: Σ kg ÷ equivalent value over
/// SO2, NOx and PM (VOCs have no equivalent value).
pub fn equivalents(t: &[f64; 7]) -> f64 {
    Pollutant::ALL.iter().filter_map(|p| p.equivalent_kg().map(|kg| t[p.index()] * 1000.0 / kg)).sum()
}

/// The formula of a line with its numbers, e.g. `1000 t × 20.908 GJ/t × 0.02618 tC/GJ × 0.98 × 44/12 = 1966.9 t`.
pub fn formula(lib: &Library, inputs: &Inputs, l: &Line) -> String {
    let n = super::num;
    let t = n(l.tonnes);
    if let Some(m) = l.monitored {
        let mi = &inputs.monitored[m];
        let share = if l.activity.is_some() { format!(" × {} ÷ {}", n(l.factor_t), n(total_factor_for(lib, inputs, l))) } else { String::new() };
        let scale = if mi.scale != 1.0 { format!(" × {}", n(mi.scale)) } else { String::new() };
        return format!("{} t ({} {}, {} {}%){share}{scale} = {t} t", n(mi.tonnes), mi.outlet, mi.rule, "coverage", n((mi.coverage * 1000.0).round() / 10.0));
    }
    let Some(ai) = l.activity else { return format!("{t} t") };
    let a = &inputs.activity[ai];
    let amount = format!("{} {}", n(a.amount), canonical_unit(a));
    match l.factor {
        FactorRef::Fuel(f) => {
            let f = &lib.fuels[f];
            format!("{amount} × {} GJ/{} × {} tC/GJ × {} × 44/12 = {t} t", n(f.ncv), canonical_unit(a), n(f.carbon), n(f.oxidation))
        }
        FactorRef::Grid(g) => {
            let g = &lib.grid[g];
            format!("{amount} × {} tCO2/MWh ({} {}) = {t} t", n(g.t_per_mwh), g.year, g.name_zh)
        }
        FactorRef::Heat => format!("{amount} × {} tCO2/GJ = {t} t", n(lib.heat.t_per_gj)),
        FactorRef::Process(i) => format!("{amount} × {} tCO2/{} = {t} t", n(lib.items[i].co2.unwrap_or(0.0)), canonical_unit(a)),
        FactorRef::Air(f) => {
            let f = &lib.air[f];
            let scale = air_slot(l.pollutant).map(|i| a.air_scale[i]).filter(|s| *s != 1.0).map(|s| format!(" × {}", n(s))).unwrap_or_default();
            match f.basis {
                Basis::Activity => format!("{amount} × {} {} ÷ 1000{scale} = {t} t", n(f.value), f.unit),
                Basis::Energy => {
                    let ncv = lib.fuel(&a.item).map(|x| x.ncv).unwrap_or(0.0);
                    format!("{amount} × {} GJ/{} ÷ 1000 × {} kg/TJ ÷ 1000{scale} = {t} t", n(ncv), canonical_unit(a), n(f.value))
                }
            }
        }
        FactorRef::None => format!("{t} t"),
    }
}

fn total_factor_for(lib: &Library, inputs: &Inputs, l: &Line) -> f64 {
    // The factor-based sum the monitored total was split over (same enterprise, year, pollutant, total).
    let Some(m) = l.monitored else { return l.factor_t };
    let mut sum = 0.0;
    each_line(lib, &without_monitoring(inputs), Some(&|e| e == l.enterprise), |x| {
        if x.year == l.year && x.pollutant == l.pollutant {
            let a = x.activity.map(|a| &inputs.activity[a]);
            let any_linked = inputs.activity.iter().any(|r| r.enterprise == l.enterprise && r.year == l.year && !r.outlet.is_empty());
            if a.is_some_and(|a| !any_linked || a.outlet == inputs.monitored[m].outlet) {
                sum += x.tonnes;
            }
        }
    });
    sum
}

fn without_monitoring(inputs: &Inputs) -> Inputs {
    Inputs { monitored: vec![], ..inputs.clone() }
}

/// The canonical unit of a row's item.
pub fn canonical_unit(a: &ActivityIn) -> &'static str {
    match a.category {
        Category::Electricity => "MWh",
        Category::Heat => "GJ",
        _ => match super::factors::LIBRARY.fuel(&a.item).map(|f| f.dimension).or_else(|| super::factors::LIBRARY.item(&a.item).map(|i| i.dimension)) {
            Some(d) => super::units::canonical(d),
            None => "t",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::factors::LIBRARY;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * b.abs().max(1.0)
    }

    pub(crate) fn row(enterprise: usize, year: i32, category: Category, item: &str, amount: f64) -> ActivityIn {
        ActivityIn {
            enterprise,
            year,
            category,
            item: item.into(),
            amount,
            entered_amount: amount,
            entered_unit: String::new(),
            equipment: String::new(),
            outlet: String::new(),
            control: String::new(),
            air_scale: [1.0; 4],
        }
    }

    fn one(activity: Vec<ActivityIn>) -> Inputs {
        Inputs {
            enterprises: vec![EnterpriseIn { id: 1, credit_code: "X".into(), name: "甲".into(), county: "612002".into(), industry: "3011".into() }],
            activity,
            ..Default::default()
        }
    }

    fn co2(lines: &[Line]) -> f64 {
        lines.iter().filter(|l| l.pollutant == Pollutant::Co2).map(|l| l.tonnes).sum()
    }

    #[test]
    fn fuel_co2_worked_by_hand() {
        // 1,000 t of raw coal: 1000 × 20.908 GJ/t = 20,908 GJ; × 0.02618 tC/GJ = 547.37144 tC;
        // × 0.98 oxidised = 536.4240112 tC; × 44/12 = 1,966.888041 t CO2.
        let inputs = one(vec![row(0, 2024, Category::Fuel, "raw_coal", 1000.0)]);
        let l = lines(&LIBRARY, &inputs, None);
        assert!(close(co2(&l), 1966.888041), "{}", co2(&l));
        let f = formula(&LIBRARY, &inputs, l.iter().find(|l| l.pollutant == Pollutant::Co2).unwrap());
        assert_eq!(f, "1000 t × 20.908 GJ/t × 0.02618 tC/GJ × 0.98 × 44/12 = 1966.888041 t");
        // CH4: 20,908 GJ = 20.908 TJ × 10 kg/TJ = 209.08 kg = 0.20908 t.
        let ch4: f64 = l.iter().filter(|l| l.pollutant == Pollutant::Ch4).map(|l| l.tonnes).sum();
        assert!(close(ch4, 0.20908));
        // 10 × 10⁴ Nm³ of natural gas: 3,893.1 GJ × 0.01532 tC/GJ = 59.642292 tC; × 0.99 × 44/12 = 216.50152 t.
        let gas = lines(&LIBRARY, &one(vec![row(0, 2024, Category::Fuel, "natural_gas", 10.0)]), None);
        assert!(close(co2(&gas), 3893.1 * 0.01532 * 0.99 * 44.0 / 12.0));
        assert!(close(co2(&gas), 216.50152), "{}", co2(&gas));
    }

    #[test]
    fn electricity_and_heat_indirect_co2_worked_by_hand() {
        // 2,000 MWh in 2022 × 0.5857 tCO2/MWh (西北 2022) = 1,171.4 t; in 2024 the 2022 factor still applies.
        let l = lines(&LIBRARY, &one(vec![row(0, 2022, Category::Electricity, "electricity", 2000.0)]), None);
        assert!(close(co2(&l), 1171.4));
        assert_eq!(l[0].source, Source::Electricity);
        let l = lines(&LIBRARY, &one(vec![row(0, 2024, Category::Electricity, "electricity", 2000.0)]), None);
        assert!(close(co2(&l), 1171.4));
        // 5,000 GJ of heat × 0.11 = 550 t.
        let l = lines(&LIBRARY, &one(vec![row(0, 2024, Category::Heat, "heat", 5000.0)]), None);
        assert!(close(co2(&l), 550.0));
        // Before the first published factor: no line rather than an invented one.
        assert!(lines(&LIBRARY, &one(vec![row(0, 2019, Category::Electricity, "electricity", 1.0)]), None).is_empty());
    }

    #[test]
    fn clinker_process_co2_worked_by_hand() {
        // 100,000 t clinker × 0.52 = 52,000 t CO2 (process), NOx 100,000 × 2.4 kg/t = 240 t.
        let l = lines(&LIBRARY, &one(vec![row(0, 2024, Category::Product, "cement_clinker", 100_000.0)]), None);
        assert!(close(co2(&l), 52_000.0));
        assert!(l.iter().all(|l| l.source == Source::Process));
        assert!(close(l.iter().find(|l| l.pollutant == Pollutant::Nox).unwrap().tonnes, 240.0));
    }

    fn monitored(outlet: &str, pollutant: Pollutant, tonnes: f64, coverage: f64) -> MonitoredIn {
        MonitoredIn { enterprise: 0, outlet: outlet.into(), year: 2024, pollutant, tonnes, coverage, rule: "period_mean_of_valid_hours".into(), scale: 1.0 }
    }

    #[test]
    fn a_monitored_total_beats_the_factor_and_says_so() {
        let mut coal = row(0, 2024, Category::Fuel, "raw_coal", 1000.0);
        coal.outlet = "DA001".into();
        let mut gas = row(0, 2024, Category::Fuel, "natural_gas", 10.0);
        gas.outlet = "DA002".into();
        let mut inputs = one(vec![coal, gas]);
        // Factor-based SO2 of the coal: 1000 t × 1.52 kg/t = 1.52 t. Monitored DA001: 0.9 t.
        inputs.monitored.push(monitored("DA001", Pollutant::So2, 0.9, 0.95));
        let l = lines(&LIBRARY, &inputs, None);
        let so2: Vec<&Line> = l.iter().filter(|l| l.pollutant == Pollutant::So2).collect();
        let coal_so2 = so2.iter().find(|l| l.activity == Some(0)).unwrap();
        assert_eq!(coal_so2.method, Method::Monitoring);
        assert!(close(coal_so2.tonnes, 0.9) && close(coal_so2.factor_t, 1.52));
        assert_eq!(coal_so2.outlet(&inputs), "DA001");
        // The gas row (another outlet, not monitored) keeps its factor: 10 × 0.096 kg = 0.00096 t.
        let gas_so2 = so2.iter().find(|l| l.activity == Some(1)).unwrap();
        assert_eq!(gas_so2.method, Method::Factor);
        assert!(close(gas_so2.tonnes, 0.00096));
        // CO2 is never replaced by an air-pollutant total.
        assert!(l.iter().filter(|l| l.pollutant == Pollutant::Co2).all(|l| l.method == Method::Factor));
        // Below the coverage setting the factor stays.
        inputs.monitored[0].coverage = 0.5;
        let l = lines(&LIBRARY, &inputs, None);
        assert!(l.iter().filter(|l| l.pollutant == Pollutant::So2).all(|l| l.method == Method::Factor));
    }

    #[test]
    fn unlinked_rows_share_the_monitored_total_and_an_unmatched_total_stands_alone() {
        let mut inputs = one(vec![row(0, 2024, Category::Fuel, "raw_coal", 1000.0), row(0, 2024, Category::Fuel, "raw_coal", 3000.0)]);
        inputs.monitored.push(monitored("DA001", Pollutant::Nox, 8.0, 1.0));
        inputs.monitored.push(monitored("DA003", Pollutant::Vocs, 0.5, 1.0));
        let l = lines(&LIBRARY, &inputs, None);
        let nox: Vec<&Line> = l.iter().filter(|l| l.pollutant == Pollutant::Nox).collect();
        assert_eq!(nox.len(), 2);
        // 5.5 t and 16.5 t factor-based → 2 t and 6 t of the monitored 8 t.
        assert!(close(nox[0].tonnes, 2.0) && close(nox[1].tonnes, 6.0), "{nox:?}");
        assert!(nox.iter().all(|l| l.method == Method::Monitoring));
        // No factor gives coal VOCs: the outlet's total is its own line.
        let vocs: Vec<&Line> = l.iter().filter(|l| l.pollutant == Pollutant::Vocs).collect();
        assert_eq!(vocs.len(), 1);
        assert_eq!((vocs[0].source, vocs[0].activity, vocs[0].tonnes), (Source::Outlet, None, 0.5));
    }

    #[test]
    fn aggregate_sums_by_district_sector_source_and_pollutant() {
        let mut inputs = one(vec![row(0, 2024, Category::Fuel, "raw_coal", 1000.0), row(1, 2024, Category::Fuel, "raw_coal", 1000.0), row(0, 2023, Category::Electricity, "electricity", 10.0)]);
        inputs.enterprises.push(EnterpriseIn { id: 2, credit_code: "Y".into(), name: "乙".into(), county: "612002".into(), industry: "3011".into() });
        let cells = aggregate(&LIBRARY, &inputs, None);
        let c = cells.iter().find(|c| c.year == 2024 && c.pollutant == Pollutant::Co2).unwrap();
        assert!(close(c.tonnes, 2.0 * 1966.888041));
        assert_eq!((c.enterprises, c.source, c.county.as_str()), (2, Source::Combustion, "612002"));
        assert!(cells.iter().any(|c| c.year == 2023 && c.source == Source::Electricity));
        // Equivalents: SO2 1.52 t → 1520/0.95 = 1600; NOx 5.5 t → 5789.47; PM 0.33 t → 151.38.
        let l = lines(&LIBRARY, &one(vec![row(0, 2024, Category::Fuel, "raw_coal", 1000.0)]), None);
        assert!(close(equivalents(&totals(&l)), 1600.0 + 5500.0 / 0.95 + 330.0 / 2.18));
    }
}

/// The cells of `year` with the same cell's tonnes in the year before (year-on-year), when the
/// previous year has it.
pub fn year_on_year(cells: &[Cell], year: i32) -> Vec<(&Cell, Option<f64>)> {
    let previous: HashMap<(&str, &str, Source, Pollutant), f64> =
        cells.iter().filter(|c| c.year == year - 1).map(|c| ((c.county.as_str(), c.industry.as_str(), c.source, c.pollutant), c.tonnes)).collect();
    cells.iter().filter(|c| c.year == year).map(|c| (c, previous.get(&(c.county.as_str(), c.industry.as_str(), c.source, c.pollutant)).copied())).collect()
}
