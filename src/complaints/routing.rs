//! Routing (FixMyStreet: "works out the correct authority using the problem location and
//! type"): the jurisdiction is the most specific district boundary holding the point, the
//! bureau comes from the routing table `data/complaints/routing.csv` (category → department).
//! A complaint of several categories goes to the bureau of its first category in the canonical
//! order (air, water, noise, solid waste, ecology, radiation).

use std::collections::BTreeMap;

use super::Category;
use crate::auth::Department;
use crate::map::Boundary;

pub const ROUTING_CSV: &str = include_str!("../../data/complaints/routing.csv");

#[derive(Clone, Debug)]
pub struct Table {
    pub bureau: BTreeMap<Category, Department>,
}

impl Table {
    /// Read the routing table; every category must have a row, every row a known category
    /// and department.
    pub fn parse(text: &str) -> Result<Table, String> {
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let mut bureau = BTreeMap::new();
        for (i, row) in r.records().enumerate() {
            let line = i + 2;
            let row = row.map_err(|e| format!("routing.csv line {line}: {e}"))?;
            let cat = row.get(0).unwrap_or("");
            let dep = row.get(1).unwrap_or("");
            let c = Category::parse(cat).ok_or_else(|| format!("routing.csv line {line}: unknown category '{cat}'"))?;
            let d = Department::parse(dep).ok_or_else(|| format!("routing.csv line {line}: unknown bureau '{dep}'"))?;
            if bureau.insert(c, d).is_some() {
                return Err(format!("routing.csv line {line}: category '{cat}' appears twice"));
            }
        }
        if let Some(c) = Category::ALL.iter().find(|c| !bureau.contains_key(c)) {
            return Err(format!("routing.csv: no row for category '{}'", c.code()));
        }
        Ok(Table { bureau })
    }

    pub fn embedded() -> &'static Table {
        static T: std::sync::LazyLock<Table> = std::sync::LazyLock::new(|| Table::parse(ROUTING_CSV).expect("data/complaints/routing.csv is valid (tested)"));
        &T
    }

    pub fn bureau(&self, categories: &[Category]) -> Option<Department> {
        let mut cats = categories.to_vec();
        cats.sort();
        cats.first().and_then(|c| self.bureau.get(c).copied())
    }
}

/// The district whose boundary holds the point: the most specific (longest code) of those
/// that do.
pub fn district_of<'a>(boundaries: &'a [Boundary], lon: f64, lat: f64) -> Option<&'a Boundary> {
    boundaries.iter().filter(|b| b.contains(lon, lat)).max_by_key(|b| b.code.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_goes_to_the_district_holding_it() {
        let b = &*crate::map::DEMO;
        // The county seats of the demo boundaries (data/demo/boundaries.geojson `seat`).
        assert_eq!(district_of(b, 108.42, 34.12).unwrap().code, "612002");
        assert_eq!(district_of(b, 108.55, 34.05).unwrap().code, "612003");
        assert_eq!(district_of(b, 108.85, 33.92).unwrap().code, "612022");
        assert!(district_of(b, 100.0, 20.0).is_none(), "outside the city");
    }

    #[test]
    fn the_bureau_comes_from_the_table() {
        let t = Table::embedded();
        assert_eq!(t.bureau(&[Category::Noise]), Some(Department::Environment));
        let custom = Table::parse(&ROUTING_CSV.replace("solid_waste,environment", "solid_waste,market")).unwrap();
        assert_eq!(custom.bureau(&[Category::SolidWaste]), Some(Department::Market));
        // Several categories: the first in canonical order decides.
        assert_eq!(custom.bureau(&[Category::SolidWaste, Category::Air]), Some(Department::Environment));
        assert_eq!(custom.bureau(&[]), None);
        assert!(Table::parse(&ROUTING_CSV.replace("radiation,environment", "radiation,police")).unwrap_err().contains("police"));
        assert!(Table::parse("category,bureau\nair,environment\n").unwrap_err().contains("water"));
    }
}
