//! The demo city: a fictional prefecture-level city, 青岚市 (612000, 陕西省), with districts,
//! counties, townships and grid cells, and a ledger of enterprises across realistic
//! industries, generated deterministically from a seed. Some of it is backward capacity
//! and some are small unlicensed workshops, so every later feature has data to show.

pub mod accounts;
pub mod admission;
pub mod activity;
pub mod campaigns;
pub mod complaints;
pub mod energy;
pub mod history;
mod catalogue;
mod names;
pub mod publication;
pub mod plans;
pub mod synergy;

use std::collections::HashSet;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::ledger::credit_code;
use crate::ledger::model::*;
use catalogue::{Gear, Kit, KITS, OUTLET_LIMITS};

pub const CITY_CODE: &str = "612000";
pub const CITY_NAME: &str = "青岚市";
pub const DEFAULT_ENTERPRISES: usize = 5000;

pub struct DemoCity {
    pub divisions: Vec<Division>,
    pub bundles: Vec<EnterpriseBundle>,
}

struct Place {
    code: String,
    name: String,
    county: usize,
    lon: f64,
    lat: f64,
}

/// Counties of the demo city: (code, name, centre longitude, centre latitude, urban?)
const COUNTIES: &[(&str, &str, f64, f64, bool)] = &[
    ("612002", "青城区", 108.42, 34.12, true),
    ("612003", "岚山区", 108.55, 34.05, true),
    ("612004", "东川区", 108.68, 34.16, true),
    ("612021", "石门县", 108.20, 34.28, false),
    ("612022", "柳溪县", 108.85, 33.92, false),
    ("612023", "云台县", 108.30, 33.86, false),
];

pub fn generate(enterprises: usize, seed: u64) -> DemoCity {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut divisions = vec![Division {
        code: CITY_CODE.into(),
        name: CITY_NAME.into(),
        level: "city".into(),
        parent: Some("610000".into()),
    }];
    let mut grids: Vec<Place> = Vec::new();
    let mut township_names = names::TOWNSHIP_WORDS.to_vec();
    township_names.shuffle(&mut rng);
    let mut next_township = township_names.into_iter();
    for (ci, &(code, name, lon, lat, urban)) in COUNTIES.iter().enumerate() {
        divisions.push(Division { code: code.into(), name: name.into(), level: "county".into(), parent: Some(CITY_CODE.into()) });
        let townships = rng.gen_range(5..=8);
        for t in 1..=townships {
            let word = next_township.next().unwrap_or("新兴");
            let (tcode, tname) = if urban {
                (format!("{code}{t:03}"), format!("{word}街道"))
            } else if t <= townships - 2 {
                (format!("{code}{:03}", 100 + t), format!("{word}镇"))
            } else {
                (format!("{code}{:03}", 200 + t), format!("{word}乡"))
            };
            let (tlon, tlat) = inside(&mut rng, ci, (lon, lat), (0.09, 0.07), (lon, lat));
            divisions.push(Division { code: tcode.clone(), name: tname.clone(), level: "township".into(), parent: Some(code.into()) });
            for g in 1..=rng.gen_range(3..=6) {
                let gcode = format!("{tcode}{g:03}");
                let gname = if urban { format!("{tname}第{g}网格") } else { format!("{}村网格", names::VILLAGE_WORDS[rng.gen_range(0..names::VILLAGE_WORDS.len())]) };
                divisions.push(Division { code: gcode.clone(), name: gname.clone(), level: "grid".into(), parent: Some(tcode.clone()) });
                let (glon, glat) = inside(&mut rng, ci, (tlon, tlat), (0.02, 0.015), (tlon, tlat));
                grids.push(Place { code: gcode, name: gname, county: ci, lon: glon, lat: glat });
            }
        }
    }

    let total_weight: u32 = KITS.iter().map(|k| k.weight).sum();
    let mut used_codes = HashSet::new();
    let mut used_names = HashSet::new();
    let mut provisional_serial = [0u32; 6];
    let mut bundles = Vec::with_capacity(enterprises);
    for _ in 0..enterprises {
        let mut pick = rng.gen_range(0..total_weight);
        let kit = KITS.iter().find(|k| {
            if pick < k.weight { true } else { pick -= k.weight; false }
        }).expect("weights cover the range");
        let place = &grids[rng.gen_range(0..grids.len())];
        let unlicensed = rng.gen_bool(kit.unlicensed_share);
        bundles.push(enterprise(&mut rng, kit, place, unlicensed, &mut used_codes, &mut used_names, &mut provisional_serial));
    }
    plans::mark_low_nox(&mut bundles);
    DemoCity { divisions, bundles }
}

/// A point drawn around `centre` (± `radius` degrees) that lies inside county `county`'s
/// boundary (data/demo/boundaries.geojson), so that the map's districts hold their
/// enterprises; the range narrows when draws fall outside, and `fallback` (already inside)
/// is used if none lands.
fn inside(rng: &mut ChaCha8Rng, county: usize, centre: (f64, f64), radius: (f64, f64), fallback: (f64, f64)) -> (f64, f64) {
    let boundary = &crate::map::DEMO[county];
    debug_assert_eq!(boundary.code, COUNTIES[county].0, "boundaries in COUNTIES order");
    let (mut rx, mut ry) = radius;
    for attempt in 0..40 {
        let p = (centre.0 + rng.gen_range(-rx..rx), centre.1 + rng.gen_range(-ry..ry));
        // Keep a little away from the line itself (rounding to 6 decimals must not cross it).
        if boundary.contains(p.0, p.1) && boundary.contains(p.0 + 0.0005, p.1) && boundary.contains(p.0 - 0.0005, p.1) {
            return p;
        }
        if attempt % 8 == 7 {
            (rx, ry) = (rx * 0.6, ry * 0.6);
        }
    }
    fallback
}

fn org_code_check(body: &[u8]) -> char {
    // GB 11714 organisation code check: weights 3 7 9 10 5 8 4 2 over digit/letter values.
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.iter().zip(W).map(|(&c, w)| (if c.is_ascii_digit() { c - b'0' } else { c - b'A' + 10 }) as u32 * w).sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).expect("digit"),
    }
}

fn new_credit_code(rng: &mut ChaCha8Rng, county: &str, used: &mut HashSet<String>) -> String {
    const BODY: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    loop {
        let mut org = b"MA".to_vec();
        org.extend((0..6).map(|_| BODY[rng.gen_range(0..BODY.len())]));
        let check = org_code_check(&org);
        let first17 = format!("91{county}{}{check}", String::from_utf8(org).expect("ascii"));
        let code = credit_code::complete(&first17).expect("alphabet");
        if used.insert(code.clone()) {
            return code;
        }
    }
}

fn enterprise(
    rng: &mut ChaCha8Rng,
    kit: &Kit,
    place: &Place,
    unlicensed: bool,
    used_codes: &mut HashSet<String>,
    used_names: &mut HashSet<String>,
    provisional_serial: &mut [u32; 6],
) -> EnterpriseBundle {
    let county = COUNTIES[place.county].0;
    let trade = kit.trade[rng.gen_range(0..kit.trade.len())];
    let (credit_code, name) = if unlicensed {
        provisional_serial[place.county] += 1;
        let code = format!("LS{county}{:05}", provisional_serial[place.county]);
        // "X村网格" → "X村"; urban "X街道第3网格" → "X街道".
        let village = place.name.split('第').next().unwrap_or(&place.name).trim_end_matches("网格");
        let mut attempt = 0;
        let name = loop {
            let owner = names::SURNAMES[rng.gen_range(0..names::SURNAMES.len())];
            let candidate = if attempt < 8 {
                format!("{village}{owner}记{trade}作坊")
            } else {
                format!("{village}{owner}记{trade}{}号作坊", used_names.len())
            };
            attempt += 1;
            if used_names.insert(candidate.clone()) {
                break candidate;
            }
        };
        (code, name)
    } else {
        let code = new_credit_code(rng, county, used_codes);
        let mut attempt = 0;
        let name = loop {
            let brand = names::BRANDS[rng.gen_range(0..names::BRANDS.len())];
            let prefix = if rng.gen_bool(0.5) { CITY_NAME.trim_end_matches('市') } else { COUNTIES[place.county].1.trim_end_matches(['区', '县']) };
            let suffix = ["有限公司", "有限责任公司", "股份有限公司"][rng.gen_range(0..3)];
            // Common names run out in a large city; widen the pool the way registries see it
            // (a second brand word, a business qualifier), and as a last resort number the name.
            let candidate = if attempt < 4 {
                format!("{prefix}{brand}{trade}{suffix}")
            } else if attempt < 64 {
                let second = names::BRANDS[rng.gen_range(0..names::BRANDS.len())];
                let qualifier = names::QUALIFIERS[rng.gen_range(0..names::QUALIFIERS.len())];
                format!("{prefix}{brand}{second}{qualifier}{trade}{suffix}")
            } else {
                format!("{prefix}{brand}{trade}{}号{suffix}", used_names.len())
            };
            attempt += 1;
            if used_names.insert(candidate.clone()) {
                break candidate;
            }
        };
        (code, name)
    };
    let small = unlicensed || rng.gen_bool(kit.small_share);
    // Size class and 规上 follow from the equipment (below); set once the gear is drawn.
    let (above_scale, size_class) = (false, "micro");
    let status = match rng.gen_range(0..100) {
        0..=87 => "operating",
        88..=93 => "suspended",
        94..=96 => "under_construction",
        _ => "closed",
    };
    let heavy = !kit.outlets.is_empty() && kit.outlets.iter().any(|o| *o != "wastewater");
    let env_grade = if unlicensed || !heavy || rng.gen_bool(0.3) {
        String::new()
    } else {
        ["A", "B", "B", "C", "C", "C", "D", "D"][rng.gen_range(0..8)].to_string()
    };
    let year_founded = rng.gen_range(1992..=2022);
    let abbreviation = COUNTIES[place.county].1.chars().next().expect("name");
    let (lon, lat) = inside(rng, place.county, (place.lon, place.lat), (0.012, 0.01), (place.lon, place.lat));
    let record = EnterpriseRecord {
        credit_code: credit_code.clone(),
        name,
        division_code: place.code.clone(),
        industry_code: kit.industry.to_string(),
        address: format!("{}{}{}号", COUNTIES[place.county].1, place.name.trim_end_matches("网格"), rng.gen_range(1..300)),
        longitude: Some(round6(lon)),
        latitude: Some(round6(lat)),
        above_scale,
        size_class: size_class.into(),
        status: status.into(),
        business_licence: !unlicensed,
        eia_approval: if unlicensed || rng.gen_bool(0.04) {
            String::new()
        } else {
            format!("{abbreviation}环批〔{}〕{}号", year_founded.max(2003), rng.gen_range(1..200))
        },
        discharge_permit_no: if unlicensed || kit.outlets.is_empty() || rng.gen_bool(0.06) { String::new() } else { format!("{credit_code}001P") },
        land_use_legal: !(unlicensed && rng.gen_bool(0.6)),
        env_grade,
        legal_representative: names::person(rng),
        contact_phone: String::new(),
    };
    let mut bundle = EnterpriseBundle { enterprise: record, ..Default::default() };
    gear_up(rng, kit, &mut bundle, small, year_founded);
    let economics = economics(rng, kit, &bundle, unlicensed);
    bundle.enterprise.size_class = catalogue::size_class(economics.employees, economics.revenue_10k).into();
    bundle.enterprise.above_scale = !unlicensed && economics.revenue_10k >= catalogue::ABOVE_SCALE_REVENUE_10K;
    for year in 2023..=2025 {
        let drift = 1.0 + (year - 2023) as f64 * rng.gen_range(-0.06..0.05);
        let revenue = economics.revenue_10k * drift;
        bundle.yearly.push(YearlyFigures {
            year,
            energy_tce: Some(round1(revenue * economics.tce_per_revenue)),
            water_m3: Some(round1(revenue * economics.water_per_revenue)),
            value_added_10k_yuan: Some(round1(revenue * economics.value_added_rate)),
        });
    }
    bundle.activity = activity::generate(&bundle);
    bundle
}

/// What an enterprise's main equipment earns and needs in its first year (2023), drawn from the
/// ranges of data/demo/industry-figures.csv: revenue = Σ capacity × revenue per unit of capacity ×
/// utilisation; value added, energy and water in proportion to revenue; employees from revenue
/// per employee (unlicensed workshops: fewer than 20).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Economics {
    pub revenue_10k: f64,
    pub employees: u32,
    pub value_added_rate: f64,
    pub tce_per_revenue: f64,
    pub water_per_revenue: f64,
}

fn draw(rng: &mut ChaCha8Rng, (lo, hi): (f64, f64)) -> f64 {
    if hi > lo { rng.gen_range(lo..hi) } else { lo }
}

/// Share of design capacity actually used in a year.
pub(crate) const UTILISATION: (f64, f64) = (0.55, 0.95);

fn economics(rng: &mut ChaCha8Rng, kit: &Kit, b: &EnterpriseBundle, unlicensed: bool) -> Economics {
    let mut revenue = 0.0;
    let mut row = None;
    for q in &b.equipment {
        if let (Some(f), Some(cap)) = (catalogue::figures(kit.industry, &q.kind), q.capacity) {
            revenue += cap * draw(rng, f.revenue_per_capacity) * draw(rng, UTILISATION);
            row.get_or_insert(f);
        }
    }
    let f = row.expect("every demo industry's main equipment has a row in data/demo/industry-figures.csv (tested)");
    let per_employee = draw(rng, f.revenue_per_employee);
    let mut employees = ((revenue / per_employee).round() as u32).max(2);
    if unlicensed {
        employees = employees.min(rng.gen_range(3..20));
    }
    Economics {
        revenue_10k: revenue,
        employees,
        value_added_rate: draw(rng, f.value_added_rate),
        tce_per_revenue: draw(rng, f.tce_per_revenue),
        water_per_revenue: draw(rng, f.water_per_revenue),
    }
}

fn gear_up(rng: &mut ChaCha8Rng, kit: &Kit, b: &mut EnterpriseBundle, small: bool, founded: i64) {
    let mut line_count = 0;
    for gear in kit.gear {
        let count = if small { gear.count.0.max(1).min(gear.count.1) } else { rng.gen_range(gear.count.0..=gear.count.1) };
        for n in 1..=count {
            add_gear(rng, gear, b, small, founded, n, &mut line_count, kit);
        }
    }
    let mut air = 0;
    let mut water = 0;
    for profile in kit.outlets {
        let rows: Vec<_> = OUTLET_LIMITS.iter().filter(|r| r.profile == *profile).collect();
        let Some(first) = rows.first() else { continue };
        let (code, name) = if first.medium == "water" {
            water += 1;
            (format!("DW{water:03}"), format!("废水总排口{water}"))
        } else {
            air += 1;
            (format!("DA{air:03}"), format!("{}排气筒", catalogue::profile_name(profile)))
        };
        let flow_m3_per_h = if small { rng.gen_range(2_000.0..20_000.0) } else { rng.gen_range(20_000.0..400_000.0) };
        let pollutants = rows
            .iter()
            .map(|r| OutletPollutant {
                pollutant_code: r.pollutant_code.clone(),
                pollutant_name: r.pollutant_name.clone(),
                limit_value: r.limit_value,
                limit_unit: r.limit_unit.clone(),
                standard: r.standard.clone(),
                // permitted amount = limit × flow × 7,200 operating hours (mg → t)
                permitted_annual_t: if b.enterprise.discharge_permit_no.is_empty() {
                    None
                } else {
                    r.limit_value.map(|l| round3(l * flow_m3_per_h * 7200.0 / 1e9 * if r.medium == "water" { 0.01 } else { 1.0 }))
                },
            })
            .collect();
        b.outlets.push(Outlet { code, name, medium: first.medium.clone(), reference_o2: None, pollutants });
    }
}

#[allow(clippy::too_many_arguments)]
fn add_gear(rng: &mut ChaCha8Rng, gear: &Gear, b: &mut EnterpriseBundle, small: bool, founded: i64, n: u32, line_count: &mut u32, kit: &Kit) {
    let kinds = &crate::ledger::codes::EQUIPMENT_KINDS;
    let kind = kinds.find(gear.kind).expect("demo kinds exist in data/equipment-kinds.csv");
    let pick = |rng: &mut ChaCha8Rng, xs: &[f64]| {
        // Small firms get the small end of the range, where backward capacity lives.
        let i = if small { rng.gen_range(0..xs.len().div_ceil(2)) } else { rng.gen_range(0..xs.len()) };
        xs[i]
    };
    let capacity = pick(rng, gear.capacity);
    let process = if gear.process.is_empty() { String::new() } else { gear.process[rng.gen_range(0..gear.process.len())].to_string() };
    let year = (founded + rng.gen_range(0..8)).min(2025);
    let line_name = if gear.on_line {
        *line_count += 1;
        let name = format!("{}#{}生产线", line_count, kit.product);
        b.lines.push(ProductionLine {
            name: name.clone(),
            product: kit.product.into(),
            capacity: Some(capacity),
            capacity_unit: kind.capacity_unit.clone(),
            status: b.enterprise.status.clone(),
        });
        name
    } else {
        String::new()
    };
    let short = kind.name_zh.split(['(', '（']).next().unwrap_or(&kind.name_zh).to_string();
    b.equipment.push(Equipment {
        line_name,
        name: format!("{n}#{short}"),
        kind: kind.kind.clone(),
        model: String::new(),
        capacity: Some(capacity),
        capacity_unit: kind.capacity_unit.clone(),
        fuel: gear.fuel.into(),
        process,
        year_commissioned: Some(year),
        specific_energy: gear.specific_energy.map(|(lo, hi)| round1(rng.gen_range(lo..hi))),
        // The unit of the benchmark list's product (data/energy/benchmarks.csv); drawn from no RNG.
        specific_energy_unit: match gear.specific_energy {
            Some(_) => crate::energy::library::LIBRARY.product_for(&kind.kind, "", None).or_else(|| crate::energy::library::LIBRARY.products.iter().find(|p| p.kinds.iter().any(|(k, _)| *k == kind.kind))).map(|p| p.unit.clone()).unwrap_or_default(),
            None => String::new(),
        },
        status: b.enterprise.status.clone(),
    });
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{codes, validate};

    #[test]
    fn every_place_lies_inside_its_county_boundary() {
        let city = generate(3000, 3);
        for d in city.divisions.iter().filter(|d| d.level == "county") {
            assert!(crate::map::DEMO.iter().any(|b| b.code == d.code), "boundary for {}", d.code);
        }
        for (i, &(code, _, lon, lat, _)) in COUNTIES.iter().enumerate() {
            assert_eq!(crate::map::DEMO[i].code, code);
            assert!(crate::map::DEMO[i].contains(lon, lat), "the seat of {code} is inside it");
        }
        for b in &city.bundles {
            let e = &b.enterprise;
            let (lon, lat) = (e.longitude.unwrap(), e.latitude.unwrap());
            let county = crate::map::DEMO.iter().find(|c| e.division_code.starts_with(&c.code)).unwrap();
            assert!(county.contains(lon, lat), "{} ({lon}, {lat}) lies outside {}", e.name, county.name);
        }
    }

    /// A micro enterprise with more revenue than 3 million yuan must be one with fewer than
    /// 20 employees: a workshop, or a plant whose revenue per employee puts it under 20.
    fn true_micro(b: &EnterpriseBundle) -> bool {
        let f = b.equipment.iter().find_map(|q| catalogue::figures(&b.enterprise.industry_code, &q.kind)).unwrap();
        let revenue_lo = b.yearly[0].value_added_10k_yuan.unwrap() / f.value_added_rate.1;
        !b.enterprise.business_licence || revenue_lo / f.revenue_per_employee.1 < 20.5
    }

    #[test]
    fn figures_follow_the_equipment_and_the_size_class() {
        use catalogue::{figures, size_class, FIGURES};
        for kit in KITS {
            assert!(kit.gear.iter().any(|g| figures(kit.industry, g.kind).is_some()), "{} has a row in industry-figures.csv", kit.industry);
        }
        let kinds = &crate::ledger::codes::EQUIPMENT_KINDS;
        for f in FIGURES.iter() {
            assert!(kinds.find(&f.kind).is_some(), "{}", f.kind);
            for (lo, hi) in [f.revenue_per_capacity, f.value_added_rate, f.tce_per_revenue, f.water_per_revenue, f.revenue_per_employee] {
                assert!(lo > 0.0 && lo <= hi, "{} {}: {lo}..{hi}", f.industry, f.kind);
            }
            assert!(f.value_added_rate.1 < 0.6);
        }
        assert_eq!(size_class(1000, 40000.0), "large");
        assert_eq!(size_class(999, 90000.0), "medium");
        assert_eq!(size_class(300, 1999.0), "small");
        assert_eq!(size_class(19, 5000.0), "micro");
        assert_eq!(size_class(25, 299.0), "micro");

        let city = generate(4000, 1);
        for b in &city.bundles {
            let e = &b.enterprise;
            let kit = KITS.iter().find(|k| k.industry == e.industry_code).unwrap();
            // Value added of the first year lies within what the equipment can earn.
            let (mut lo, mut hi, mut row) = (0.0, 0.0, None);
            for q in &b.equipment {
                if let (Some(f), Some(cap)) = (figures(kit.industry, &q.kind), q.capacity) {
                    lo += cap * f.revenue_per_capacity.0 * UTILISATION.0;
                    hi += cap * f.revenue_per_capacity.1 * UTILISATION.1;
                    row.get_or_insert(f);
                }
            }
            let f = row.unwrap();
            let va = b.yearly[0].value_added_10k_yuan.unwrap();
            assert!(va >= lo * f.value_added_rate.0 - 0.1 && va <= hi * f.value_added_rate.1 + 0.1, "{} {}: value added {va} outside {lo}..{hi} × rate", e.name, e.industry_code);
            // The size class allows that revenue (revenue = value added ÷ rate).
            let revenue_hi = va / f.value_added_rate.0;
            let revenue_lo = va / f.value_added_rate.1;
            match e.size_class.as_str() {
                "large" => assert!(revenue_hi >= 40000.0 - 1.0, "{}: large with revenue ≤ {revenue_hi}", e.name),
                "medium" => assert!(revenue_hi >= 2000.0 - 1.0, "{}: medium with revenue ≤ {revenue_hi}", e.name),
                "small" => assert!(revenue_hi >= 300.0 - 1.0, "{}: small with revenue ≤ {revenue_hi}", e.name),
                _ => assert!(revenue_lo < 300.0 + 1.0 || b.yearly.is_empty() || true_micro(b), "{}: micro with revenue ≥ {revenue_lo}", e.name),
            }
            if e.above_scale {
                assert!(revenue_hi >= 2000.0 - 1.0, "{}: above scale with revenue ≤ {revenue_hi}", e.name);
            }
            if !e.business_licence {
                assert_eq!(e.size_class, "micro", "{}: an unlicensed workshop", e.name);
                assert!(!e.above_scale);
            }
        }
        // The two cases the walk-through found: no tiny vegetable line with a fortune of value
        // added, no micro enterprise with a large clinker line.
        for b in &city.bundles {
            let e = &b.enterprise;
            let main: f64 = b.equipment.iter().filter(|q| q.kind == "cement_clinker_line").filter_map(|q| q.capacity).sum();
            assert!(!(e.size_class == "micro" && main >= 1000.0), "{}: micro with a {main} t/d clinker line", e.name);
            if e.industry_code == "1371" {
                let line: f64 = b.equipment.iter().filter(|q| q.kind == "food_processing_line").filter_map(|q| q.capacity).sum();
                let va = b.yearly[0].value_added_10k_yuan.unwrap();
                assert!(va <= line * 90.0 * 0.95 * 0.30 + 0.1, "{}: {line} t/d and {va} 10k yuan of value added", e.name);
            }
        }
        let classes: std::collections::BTreeSet<&str> = city.bundles.iter().map(|b| b.enterprise.size_class.as_str()).collect();
        assert_eq!(classes.len(), 4, "all four size classes occur: {classes:?}");
        let above = city.bundles.iter().filter(|b| b.enterprise.above_scale).count();
        assert!(above > 200 && above < 3000, "{above} above-scale enterprises of 4000");
    }

    #[test]
    fn deterministic_for_a_seed() {
        let a = generate(200, 7);
        let b = generate(200, 7);
        assert_eq!(a.bundles, b.bundles);
        assert_ne!(a.bundles, generate(200, 8).bundles);
    }

    #[test]
    fn large_cities_get_unique_names_quickly() {
        let city = generate(40_000, 1);
        let names: HashSet<_> = city.bundles.iter().map(|b| b.enterprise.name.as_str()).collect();
        assert_eq!(names.len(), 40_000);
    }

    #[test]
    fn every_generated_fact_is_valid() {
        let city = generate(3000, 1);
        let divisions: HashSet<_> = city.divisions.iter().map(|d| d.code.clone()).collect();
        for d in &city.divisions {
            if let Some(p) = &d.parent {
                assert!(divisions.contains(p) || p == "610000", "{p}");
            }
        }
        assert!(!codes::GBT2260.iter().any(|d| d.code.starts_with("6120")), "demo city code must be unassigned");
        let mut codes_seen = HashSet::new();
        for b in &city.bundles {
            let e = &b.enterprise;
            assert!(codes_seen.insert(e.credit_code.clone()), "unique credit codes");
            let kind = credit_code::validate(&e.credit_code).unwrap();
            assert_eq!(kind == credit_code::CodeKind::Provisional, !e.business_licence);
            validate::industry_code(&e.industry_code).unwrap_or_else(|r| panic!("{}: {r}", e.industry_code));
            assert!(divisions.contains(&e.division_code));
            for q in &b.equipment {
                validate::equipment_kind(&q.kind).unwrap();
            }
        }
        let unlicensed = city.bundles.iter().filter(|b| !b.enterprise.business_licence).count();
        assert!(unlicensed > 30 && unlicensed < 300, "some small unlicensed workshops: {unlicensed}");
        for kind in ["cement_clinker_line", "blast_furnace", "brick_kiln", "cupola", "coal_boiler", "coke_oven"] {
            assert!(city.bundles.iter().any(|b| b.equipment.iter().any(|q| q.kind == kind)), "{kind}");
        }
    }
}
