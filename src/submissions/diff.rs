//! A field-by-field comparison of a proposed ledger record with the current one, in the
//! terms of the official workbook (sheet, row, column header, cell as written), so the
//! reviewer reads it as the enterprise filled it in.

use std::collections::BTreeMap;

use crate::excel::columns::{self, Cell, Column};
use crate::ledger::model::EnterpriseBundle;

/// Columns whose values feed the screening (rule facts, the subject list, the local
/// jurisdiction of a rule): a change to any of them can open or close an exit case.
pub const SCREENING_COLUMNS: &[&str] = &[
    "企业名称", "行政区划代码", "行业代码", "规上企业", "生产状态", "营业执照", "环评批复文号", "排污许可证编号", "用地合法",
    "环保绩效等级", "设备名称", "设备类型", "规模", "规模单位", "燃料", "工艺", "投产年份", "单位产品能耗", "单位产品能耗单位", "状态", "设计产能",
    "排放口编号", "综合能耗(吨标准煤)", "工业增加值(万元)",
];

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldChange {
    /// The workbook sheet, e.g. 企业, 主要设备.
    pub sheet: String,
    /// The row within the sheet for the enterprise's children (line or equipment name,
    /// outlet code and pollutant, year); empty on the enterprise sheet.
    pub item: String,
    /// The column header.
    pub field: String,
    /// The cell as it is now and as proposed; empty means blank or the row does not exist.
    pub before: String,
    pub after: String,
    /// The column feeds the screening.
    pub screening: bool,
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => columns::format_number(*n),
    }
}

/// Rows of one sheet keyed by the columns that identify a row within the enterprise.
fn keyed(rows: Vec<Vec<Cell>>, key_columns: &[usize]) -> BTreeMap<String, Vec<String>> {
    rows.into_iter()
        .map(|r| {
            let cells: Vec<String> = r.iter().map(cell_text).collect();
            let key = key_columns.iter().map(|i| cells.get(*i).cloned().unwrap_or_default()).filter(|k| !k.is_empty()).collect::<Vec<_>>().join(" · ");
            (key, cells)
        })
        .collect()
}

fn sheet_rows(b: &EnterpriseBundle) -> Vec<(&'static str, &'static [Column], Vec<Vec<Cell>>, &'static [usize])> {
    let key = &b.enterprise.credit_code;
    vec![
        (columns::SHEET_ENTERPRISES, columns::ENTERPRISE_COLUMNS, vec![columns::enterprise_row(&b.enterprise)], &[][..]),
        (columns::SHEET_LINES, columns::LINE_COLUMNS, b.lines.iter().map(|l| columns::line_row(key, l)).collect(), &[1][..]),
        (columns::SHEET_EQUIPMENT, columns::EQUIPMENT_COLUMNS, b.equipment.iter().map(|q| columns::equipment_row(key, q)).collect(), &[2][..]),
        (columns::SHEET_OUTLETS, columns::OUTLET_COLUMNS, b.outlets.iter().flat_map(|o| columns::outlet_rows(key, o)).collect(), &[1, 4][..]),
        (columns::SHEET_YEARLY, columns::YEARLY_COLUMNS, b.yearly.iter().map(|y| columns::yearly_row(key, y)).collect(), &[1][..]),
        // Activity rows by year, category, item, equipment and outlet.
        (columns::SHEET_ACTIVITY, columns::ACTIVITY_COLUMNS, b.activity.iter().map(|a| columns::activity_row(key, a)).collect(), &[1, 2, 3, 6, 7][..]),
    ]
}

/// Every cell that differs, sheet by sheet, in column order. A row only in `current` is
/// shown with empty proposed cells (it would be removed), one only in `proposed` with
/// empty current cells (it would be added).
pub fn diff(current: &EnterpriseBundle, proposed: &EnterpriseBundle) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for ((sheet, cols, now_rows, key_columns), (_, _, new_rows, _)) in sheet_rows(current).into_iter().zip(sheet_rows(proposed)) {
        let now = keyed(now_rows, key_columns);
        let new = keyed(new_rows, key_columns);
        let mut items: Vec<&String> = now.keys().chain(new.keys()).collect();
        items.sort();
        items.dedup();
        for item in items {
            let empty = Vec::new();
            let (a, b) = (now.get(item).unwrap_or(&empty), new.get(item).unwrap_or(&empty));
            for (i, col) in cols.iter().enumerate() {
                // The credit code column of child sheets only repeats the enterprise's key.
                if i == 0 && sheet != columns::SHEET_ENTERPRISES {
                    continue;
                }
                let before = a.get(i).cloned().unwrap_or_default();
                let after = b.get(i).cloned().unwrap_or_default();
                if before != after {
                    out.push(FieldChange {
                        sheet: sheet.to_string(),
                        item: item.clone(),
                        field: col.header.to_string(),
                        before,
                        after,
                        screening: SCREENING_COLUMNS.contains(&col.header),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> EnterpriseBundle {
        crate::demo::generate(30, 3).bundles.into_iter().find(|b| !b.equipment.is_empty() && !b.outlets.is_empty()).unwrap()
    }

    #[test]
    fn the_same_record_has_no_changes() {
        let b = bundle();
        assert!(diff(&b, &b).is_empty());
    }

    #[test]
    fn changed_added_and_removed_cells_are_listed_with_their_screening_weight() {
        let now = bundle();
        let mut new = now.clone();
        new.enterprise.eia_approval = String::new();
        new.enterprise.contact_phone = "029-12345678".into();
        new.equipment[0].capacity = Some(1234.0);
        let removed = new.outlets.remove(0);
        let changes = diff(&now, &new);
        let eia = changes.iter().find(|c| c.field == "环评批复文号").expect("EIA change listed");
        assert_eq!((eia.before.as_str(), eia.after.as_str(), eia.screening), (now.enterprise.eia_approval.as_str(), "", true));
        let phone = changes.iter().find(|c| c.field == "联系电话").unwrap();
        assert!(!phone.screening, "contact data does not drive screening");
        let cap = changes.iter().find(|c| c.sheet == "主要设备" && c.field == "规模").unwrap();
        assert_eq!(cap.item, now.equipment[0].name);
        assert_eq!(cap.after, "1234");
        let gone: Vec<_> = changes.iter().filter(|c| c.sheet == "排放口" && c.item.starts_with(&removed.code)).collect();
        assert!(!gone.is_empty() && gone.iter().all(|c| c.after.is_empty()), "{gone:?}");
    }

    #[test]
    fn a_changed_activity_amount_is_listed() {
        let now = bundle();
        assert!(!now.activity.is_empty(), "demo enterprises have activity data");
        let mut new = now.clone();
        new.activity[0].amount += 1.0;
        let changes = diff(&now, &new);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!((changes[0].sheet.as_str(), changes[0].field.as_str()), ("活动水平", "数量"));
        assert!(changes[0].item.contains(&now.activity[0].year.to_string()), "{:?}", changes[0]);
    }
}
