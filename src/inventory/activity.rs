//! Checks of one activity row (the 活动水平 sheet) against the factor library: a known category,
//! a known fuel or item of that category, a unit that measures what the item is counted in, a
//! control technology the library names for the item. No I/O.

use super::factors::Library;
use super::units::{self, Dimension};
use super::Category;
use crate::i18n::catalogue::inventory as msg;
use crate::i18n::Msg;

/// The item a row names, resolved: its code and the dimension it is counted in.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub item: String,
    pub dimension: Dimension,
}

pub const ELECTRICITY: &str = "electricity";
pub const HEAT: &str = "heat";

/// The item of a row of `category` named `text` (code, Chinese or English name).
pub fn resolve(lib: &Library, category: Category, text: &str) -> Result<Resolved, Msg> {
    let t = text.trim();
    let found = match category {
        Category::Fuel => lib.find_fuel(t).map(|f| (f.code.clone(), f.dimension)),
        Category::Electricity => matches!(t, "electricity" | "电力" | "电" | "外购电力").then(|| (ELECTRICITY.to_string(), Dimension::Electricity)),
        Category::Heat => matches!(t, "heat" | "热力" | "蒸汽" | "外购热力").then(|| (HEAT.to_string(), Dimension::Energy)),
        Category::Product | Category::ProcessInput => lib.find_item(t, category.code()).map(|i| (i.code.clone(), i.dimension)),
    };
    match found {
        Some((item, dimension)) => Ok(Resolved { item, dimension }),
        None => {
            let known: Vec<String> = match category {
                Category::Fuel => lib.fuels.iter().map(|f| f.name_zh.clone()).collect(),
                Category::Electricity => vec!["电力".into()],
                Category::Heat => vec!["热力".into()],
                _ => lib.items.iter().filter(|i| i.category == category.code()).map(|i| i.name_zh.clone()).collect(),
            };
            Err(msg::unknown_item(t, category.zh(), &known.join("/")))
        }
    }
}

/// The amount in the item's canonical unit, or why the unit does not fit.
pub fn canonical_amount(resolved: &Resolved, amount: f64, unit: &str) -> Result<f64, Msg> {
    units::to_canonical(amount, unit, resolved.dimension)
        .ok_or_else(|| msg::wrong_unit(unit.trim(), &resolved.item, &units::accepted(resolved.dimension).join("/")))
}

/// An empty control is the library's default; otherwise the library must name it for the item
/// (or the item has no control-specific factor at all, when only `none`/`typical` are meaningful).
pub fn check_control(lib: &Library, item: &str, control: &str) -> Result<(), Msg> {
    if control.is_empty() {
        return Ok(());
    }
    let named = lib.controls(item);
    if named.contains(&control) || (named.is_empty() && matches!(control, "none" | "typical")) {
        Ok(())
    } else {
        Err(msg::unknown_control(control, item, &if named.is_empty() { "none/typical".to_string() } else { named.join("/") }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::inventory::factors::LIBRARY;

    #[test]
    fn rows_resolve_by_code_or_name_and_refuse_unknown_items_and_units() {
        let l = &*LIBRARY;
        let coal = resolve(l, Category::Fuel, "原煤").unwrap();
        assert_eq!(coal.item, "raw_coal");
        assert_eq!(canonical_amount(&coal, 2.0, "万吨").unwrap(), 20_000.0);
        let e = canonical_amount(&coal, 2.0, "万kWh").unwrap_err();
        assert!(e.render(Lang::En).contains("万kWh"), "{}", e.render(Lang::En));
        assert!(resolve(l, Category::Fuel, "泥煤").unwrap_err().render(Lang::Zh).contains("泥煤"));
        assert_eq!(resolve(l, Category::Electricity, "电力").unwrap().dimension, Dimension::Electricity);
        assert_eq!(resolve(l, Category::Product, "水泥熟料").unwrap().item, "cement_clinker");
        assert!(resolve(l, Category::ProcessInput, "水泥熟料").is_err(), "an item of another category");
        assert!(check_control(l, "natural_gas", "low_nox_30").is_ok());
        assert!(check_control(l, "natural_gas", "magic").is_err());
        assert!(check_control(l, "natural_gas", "").is_ok());
    }
}
