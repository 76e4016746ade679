//! Bad input never panics and never half-writes: each problem names sheet, row, column, value, reason.

use lantian::excel::{self, columns::*};
use lantian::i18n::Lang;
use lantian::ledger::Problem;
use rust_xlsxwriter::Workbook;

fn sheet(rows: &[&[&str]]) -> Vec<u8> {
    sheets(&[(SHEET_ENTERPRISES, rows)])
}

fn sheets(spec: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in spec {
        let s = book.add_worksheet();
        s.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    s.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

const HEAD: &[&str] = &["统一社会信用代码", "企业名称", "行政区划代码", "行业代码", "详细地址", "经度", "纬度", "规上企业", "企业规模", "生产状态"];

fn problems(bytes: &[u8]) -> Vec<Problem> {
    excel::parse_workbook(bytes).expect_err("must be refused").into_listed()
}

#[test]
fn a_minimal_enterprise_sheet_is_valid() {
    let bytes = sheet(&[HEAD, &["91350100M000100Y43", "青岚某水泥有限公司", "612002001", "3011", "", "108.4", "34.1", "是", "中型", "在产"]]);
    let parsed = excel::parse_workbook(&bytes).unwrap();
    assert_eq!(parsed.bundles.len(), 1);
    let e = &parsed.bundles[0].enterprise;
    assert!(e.above_scale && e.business_licence && e.land_use_legal);
    assert_eq!((e.size_class.as_str(), e.status.as_str()), ("medium", "operating"));
}

#[test]
fn every_bad_row_is_reported_with_row_column_value_reason() {
    let bytes = sheet(&[
        HEAD,
        &["91350100M000100Y44", "校验位错", "612002001", "3011", "", "", "", "", "", "在产"],
        &["91350100M000100Y43", "", "612002001", "9999", "", "abc", "", "", "", "在产"],
        &["91350100M000100Y43", "重复", "612002001", "3011", "", "", "", "", "", "在产"],
        &["91110000802100433B", "规模错", "6120", "30", "", "", "", "maybe", "巨型", ""],
    ]);
    let p = problems(&bytes);
    let has = |row: usize, column: &str, value: &str, reason: &str| {
        assert!(
            p.iter().any(|x| x.row == row && x.column == column && x.value == value && x.reason.render(Lang::En).contains(reason)),
            "expected row {row} {column} {value:?} ~ {reason:?} in {p:#?}"
        );
    };
    has(2, KEY, "91350100M000100Y44", "check character");
    has(3, "企业名称", "", "missing required field");
    has(3, "行业代码", "9999", "unknown industry code");
    has(3, "经度", "abc", "not a number");
    has(4, KEY, "91350100M000100Y43", "duplicate enterprise");
    has(5, "行政区划代码", "6120", "6, 9 or 12 digits");
    has(5, "行业代码", "30", "4-digit class");
    has(5, "规上企业", "maybe", "yes or no");
    has(5, "企业规模", "巨型", "must be one of");
    has(5, "生产状态", "", "missing required field");
    // The same problems read in Chinese, each with its stable code for programs.
    for x in &p {
        let zh = x.reason.render(Lang::Zh);
        assert!(lantian::i18n::has_chinese(&zh) && !zh.contains("invalid") && !zh.contains("must"), "{zh}");
        assert!(x.reason.code().starts_with("ledger."), "{}", x.reason.code());
        assert_eq!(x.json(Lang::En)["reason_code"], x.reason.code());
        assert_eq!(x.json(Lang::Zh)["reason"], zh);
    }
}

#[test]
fn child_sheets_are_checked_against_the_enterprise_sheet() {
    let bytes = sheets(&[
        (SHEET_ENTERPRISES, &[HEAD, &["91350100M000100Y43", "甲", "612002001", "3011", "", "", "", "", "", "在产"]]),
        (SHEET_LINES, &[&["统一社会信用代码", "生产线名称", "主要产品", "设计产能"], &["91350100M000100Y43", "1#线", "熟料", "两千"]]),
        (SHEET_EQUIPMENT, &[
            &["统一社会信用代码", "所属生产线", "设备名称", "设备类型", "型号规格", "规模"],
            &["91110000802100433B", "", "窑", "cement_clinker_line", "", "1800"],
            &["91350100M000100Y43", "2#线", "回转窑", "飞船", "", "-5"],
        ]),
    ]);
    let p = problems(&bytes);
    let at = |sheet: &str, row: usize, column: &str| p.iter().find(|x| x.sheet == sheet && x.row == row && x.column == column).map(|x| x.reason.render(Lang::En));
    assert_eq!(at(SHEET_LINES, 2, "设计产能").as_deref(), Some("not a number"));
    assert!(at(SHEET_EQUIPMENT, 2, KEY).unwrap().contains("no enterprise"));
    assert!(at(SHEET_EQUIPMENT, 3, "设备类型").unwrap().contains("unknown equipment kind"));
    assert!(at(SHEET_EQUIPMENT, 3, "所属生产线").unwrap().contains("no such production line"));
    assert!(at(SHEET_EQUIPMENT, 3, "规模").unwrap().contains("≥ 0"));
}

#[test]
fn wrong_headers_and_wrong_files_get_a_clear_message() {
    let p = problems(&sheet(&[&["名称", "地址"], &["x", "y"]]));
    assert_eq!(p.len(), 1);
    assert!(p[0].reason.render(Lang::En).contains("required column(s) missing") && p[0].reason.render(Lang::En).contains("统一社会信用代码"), "{p:?}");

    let p = problems(b"this is a text file, not a workbook");
    assert!(p[0].reason.render(Lang::En).contains("not an .xlsx workbook"));

    let good = sheet(&[HEAD, &["91350100M000100Y43", "甲", "612002001", "3011", "", "", "", "", "", "在产"]]);
    for cut in [10, good.len() / 3, good.len() / 2, good.len() - 30] {
        let p = problems(&good[..cut]);
        assert!(p[0].reason.render(Lang::En).contains("cannot read") || p[0].reason.render(Lang::En).contains("not an .xlsx"), "cut {cut}: {p:?}");
    }
    let p = problems(&sheet(&[HEAD]));
    assert!(p[0].reason.render(Lang::En).contains("no data rows"));
}

#[test]
fn csv_enterprise_sheet_round_trips() {
    let city = lantian::demo::generate(50, 2);
    let csv = excel::export::enterprises_csv(&city.bundles);
    let parsed = excel::parse_csv(&csv).unwrap();
    let records: Vec<_> = parsed.bundles.iter().map(|b| b.enterprise.clone()).collect();
    let expected: Vec<_> = city.bundles.iter().map(|b| b.enterprise.clone()).collect();
    assert_eq!(records, expected);
    assert!(excel::parse_csv(b"\xff\xfe\x00garbage").is_err());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Arbitrary bytes (and mutated workbooks) never panic the parsers.
    #[test]
    fn parsers_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048), flip in 0usize..4000) {
        let _ = excel::parse_workbook(&bytes);
        let _ = excel::parse_csv(&bytes);
        let mut good = sheet(&[HEAD, &["91350100M000100Y43", "甲", "612002001", "3011", "", "", "", "", "", "在产"]]);
        let i = flip % good.len();
        good[i] ^= 0x5a;
        let _ = excel::parse_workbook(&good);
    }
}
