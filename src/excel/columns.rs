//! The sheets and columns of the ledger workbook, defined once and used by the
//! template, the import and the export, so the three can never drift apart.

use crate::ledger::model::*;
use crate::ledger::{validate, Problem};
use crate::i18n::{catalogue::ledger as msg, Msg};

pub const SHEET_ENTERPRISES: &str = "企业";
pub const SHEET_LINES: &str = "生产线";
pub const SHEET_EQUIPMENT: &str = "主要设备";
pub const SHEET_OUTLETS: &str = "排放口";
pub const SHEET_YEARLY: &str = "年度数据";
pub const SHEET_ACTIVITY: &str = "活动水平";
pub const SHEET_NOTES: &str = "填表说明";

pub const KEY: &str = "统一社会信用代码";

pub struct Column {
    pub header: &'static str,
    pub required: bool,
    pub note: &'static str,
}

const fn col(header: &'static str, required: bool, note: &'static str) -> Column {
    Column { header, required, note }
}

pub const ENTERPRISE_COLUMNS: &[Column] = &[
    col(KEY, true, "18位统一社会信用代码(GB 32100-2015);无营业执照的作坊填临时台账编号 LS+区县代码6位+序号5位"),
    col("企业名称", true, "营业执照上的名称"),
    col("行政区划代码", true, "所在区县(6位)、乡镇街道(9位)或网格(12位)代码"),
    col("行业代码", true, "GB/T 4754-2017 国民经济行业分类 4位小类代码,如 3011"),
    col("详细地址", false, ""),
    col("经度", false, "WGS84 十进制度"),
    col("纬度", false, "WGS84 十进制度"),
    col("规上企业", false, "是/否(年主营业务收入2000万元及以上)"),
    col("企业规模", false, "大型/中型/小型/微型"),
    col("生产状态", true, "在产/停产/在建/关停"),
    col("营业执照", false, "有/无,默认有"),
    col("环评批复文号", false, "无环评批复则留空"),
    col("排污许可证编号", false, "无排污许可证则留空"),
    col("用地合法", false, "是/否,默认是"),
    col("环保绩效等级", false, "A/B/C/D,未评级留空"),
    col("法定代表人", false, ""),
    col("联系电话", false, ""),
];

pub const LINE_COLUMNS: &[Column] = &[
    col(KEY, true, "对应企业表中的代码"),
    col("生产线名称", true, "同一企业内唯一,如 1#熟料生产线"),
    col("主要产品", false, ""),
    col("设计产能", false, "数字"),
    col("产能单位", false, "如 t/d、万t/a"),
    col("状态", false, "在产/停产/在建/关停,默认在产"),
];

pub const EQUIPMENT_COLUMNS: &[Column] = &[
    col(KEY, true, "对应企业表中的代码"),
    col("所属生产线", false, "生产线表中的名称;独立设备(如锅炉)留空"),
    col("设备名称", true, "同一企业内唯一"),
    col("设备类型", true, "见设备类型表(data/equipment-kinds.csv),可填中文名称"),
    col("型号规格", false, ""),
    col("规模", false, "数字,单位见下一列"),
    col("规模单位", false, "默认取设备类型的计量单位"),
    col("燃料", false, "煤/焦炭/天然气/燃料油/电/生物质/无"),
    col("工艺", false, "如 dry(新型干法)、tunnel(隧道窑)"),
    col("投产年份", false, "四位年份"),
    col("单位产品能耗", false, "数字,单位按相应能耗限额标准"),
    col("单位产品能耗单位", false, "如 kgce/t、kWh/t、kgce/重量箱;须与能效标杆水平和基准水平的单位一致(data/energy/benchmarks.csv)"),
    col("状态", false, "在产/停产/在建/关停,默认在产"),
];

pub const OUTLET_COLUMNS: &[Column] = &[
    col(KEY, true, "对应企业表中的代码"),
    col("排放口编号", true, "排污许可证编号,如 DA001(废气)、DW001(废水)"),
    col("排放口名称", false, ""),
    col("排放类型", true, "废气/废水"),
    col("污染物代码", false, "HJ 212-2017 污染物代码,如 a21026;一个污染物一行"),
    col("污染物名称", false, ""),
    col("排放限值", false, "数字"),
    col("限值单位", false, "如 mg/m3"),
    col("执行标准", false, "如 GB 4915-2013"),
    col("许可年排放量(吨)", false, "数字"),
    col(REFERENCE_O2, false, "废气排放口的基准氧含量,0–21 之间的数字;留空则按执行标准取默认值(data/monitoring/reference-oxygen.csv,如 GB 13271-2014 燃煤锅炉 9);同一排放口各行须一致"),
];

/// The outlet's reference-oxygen column (issue 9 contract: exactly this header).
pub const REFERENCE_O2: &str = "基准氧含量(%)";

pub const YEARLY_COLUMNS: &[Column] = &[
    col(KEY, true, "对应企业表中的代码"),
    col("年份", true, "四位年份"),
    col("综合能耗(吨标准煤)", false, "数字"),
    col("用水量(立方米)", false, "数字"),
    col("工业增加值(万元)", false, "数字"),
];

/// Activity data (issue 13): one row per enterprise × year × category × item (× equipment × outlet).
pub const ACTIVITY_COLUMNS: &[Column] = &[
    col(KEY, true, "对应企业表中的代码"),
    col("年份", true, "四位年份;该企业在年度数据表中须有这一年"),
    col("类别", true, "燃料/外购电力/外购热力/产品产量/工艺原料"),
    col("品种", true, "燃料:原煤/无烟煤/烟煤/褐煤/焦炭/原油/燃料油/汽油/柴油/液化石油气/天然气/焦炉煤气;外购电力:电力;外购热力:热力;产品产量:水泥熟料;工艺原料:溶剂型涂料/水性涂料(见 data/factors/)"),
    col("数量", true, "非负数字"),
    col("单位", true, "t/吨/kg/万t;天然气等 万Nm3/Nm3;电力 MWh/万kWh/kWh;热力 GJ/MJ"),
    col("设备名称", false, "主要设备表中的名称(如 1#燃煤锅炉),可空"),
    col("排放口编号", false, "排放口表中的编号(如 DA001),可空;有自动监测的排放口以监测数据为准"),
    col("控制技术", false, "none/typical/low_nox/low_nox_30 等(见 data/factors/air.csv),空为默认 typical"),
    col("数据来源", false, "如 统计报表、能源计量、发票"),
];

pub const SHEETS: &[(&str, &[Column])] = &[
    (SHEET_ENTERPRISES, ENTERPRISE_COLUMNS),
    (SHEET_LINES, LINE_COLUMNS),
    (SHEET_EQUIPMENT, EQUIPMENT_COLUMNS),
    (SHEET_OUTLETS, OUTLET_COLUMNS),
    (SHEET_YEARLY, YEARLY_COLUMNS),
    (SHEET_ACTIVITY, ACTIVITY_COLUMNS),
];

/// One spreadsheet cell as the ledger sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

fn text(s: &str) -> Cell {
    if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }
}
fn number(v: Option<f64>) -> Cell {
    v.map(Cell::Number).unwrap_or(Cell::Empty)
}
fn yes_no(b: bool) -> Cell {
    Cell::Text(if b { "是" } else { "否" }.into())
}
fn zh(vocabulary: &[Term], code: &str) -> Cell {
    match vocabulary.iter().find(|t| t.code == code) {
        Some(t) => Cell::Text(t.zh.into()),
        None => text(code),
    }
}

pub fn enterprise_row(e: &EnterpriseRecord) -> Vec<Cell> {
    vec![
        text(&e.credit_code),
        text(&e.name),
        text(&e.division_code),
        text(&e.industry_code),
        text(&e.address),
        number(e.longitude),
        number(e.latitude),
        yes_no(e.above_scale),
        zh(SIZE_CLASSES, &e.size_class),
        zh(STATUSES, &e.status),
        Cell::Text(if e.business_licence { "有" } else { "无" }.into()),
        text(&e.eia_approval),
        text(&e.discharge_permit_no),
        yes_no(e.land_use_legal),
        text(&e.env_grade),
        text(&e.legal_representative),
        text(&e.contact_phone),
    ]
}

pub fn line_row(key: &str, l: &ProductionLine) -> Vec<Cell> {
    vec![text(key), text(&l.name), text(&l.product), number(l.capacity), text(&l.capacity_unit), zh(STATUSES, &l.status)]
}

pub fn equipment_row(key: &str, q: &Equipment) -> Vec<Cell> {
    let kind = crate::ledger::codes::EQUIPMENT_KINDS.name_zh(&q.kind).to_string();
    vec![
        text(key),
        text(&q.line_name),
        text(&q.name),
        text(&kind),
        text(&q.model),
        number(q.capacity),
        text(&q.capacity_unit),
        zh(FUELS, &q.fuel),
        text(&q.process),
        number(q.year_commissioned.map(|y| y as f64)),
        number(q.specific_energy),
        text(&q.specific_energy_unit),
        zh(STATUSES, &q.status),
    ]
}

/// One row per pollutant; an outlet without pollutants still gets one row.
pub fn outlet_rows(key: &str, o: &Outlet) -> Vec<Vec<Cell>> {
    let head = |p: Option<&OutletPollutant>| {
        let mut row = vec![text(key), text(&o.code), text(&o.name), zh(MEDIA, &o.medium)];
        match p {
            Some(p) => row.extend([
                text(&p.pollutant_code),
                text(&p.pollutant_name),
                number(p.limit_value),
                text(&p.limit_unit),
                text(&p.standard),
                number(p.permitted_annual_t),
            ]),
            None => row.extend(std::iter::repeat_n(Cell::Empty, 6)),
        }
        row.push(number(o.reference_o2));
        row
    };
    if o.pollutants.is_empty() { vec![head(None)] } else { o.pollutants.iter().map(|p| head(Some(p))).collect() }
}

pub fn yearly_row(key: &str, y: &YearlyFigures) -> Vec<Cell> {
    vec![text(key), Cell::Number(y.year as f64), number(y.energy_tce), number(y.water_m3), number(y.value_added_10k_yuan)]
}

pub fn activity_row(key: &str, a: &ActivityData) -> Vec<Cell> {
    let category = crate::inventory::Category::parse(&a.category);
    let item = match category {
        Some(crate::inventory::Category::Fuel) => crate::inventory::factors::LIBRARY.fuel(&a.item).map(|f| f.name_zh.clone()),
        Some(crate::inventory::Category::Electricity) => Some("电力".to_string()),
        Some(crate::inventory::Category::Heat) => Some("热力".to_string()),
        Some(_) => crate::inventory::factors::LIBRARY.item(&a.item).map(|i| i.name_zh.clone()),
        None => None,
    };
    vec![
        text(key),
        Cell::Number(a.year as f64),
        text(category.map(|c| c.zh()).unwrap_or(&a.category)),
        text(item.as_deref().unwrap_or(&a.item)),
        Cell::Number(a.amount),
        text(&a.unit),
        text(&a.equipment),
        text(&a.outlet),
        text(&a.control),
        text(&a.source),
    ]
}

/// Reads one data row, collecting every problem instead of stopping at the first.
pub struct RowReader<'a> {
    pub sheet: &'a str,
    pub row: usize,
    pub headers: &'a [Option<usize>],
    pub columns: &'a [Column],
    pub cells: &'a [Cell],
    pub problems: &'a mut crate::ledger::Problems,
}

impl RowReader<'_> {
    fn cell(&self, header: &str) -> &Cell {
        let i = self.columns.iter().position(|c| c.header == header).expect("column defined");
        match self.headers[i] {
            Some(ix) => self.cells.get(ix).unwrap_or(&Cell::Empty),
            None => &Cell::Empty,
        }
    }

    pub fn problem(&mut self, header: &str, value: &str, reason: Msg) {
        self.problems.push(Problem {
            sheet: self.sheet.to_string(),
            row: self.row,
            column: header.to_string(),
            value: value.to_string(),
            reason,
        });
    }

    fn raw(&self, header: &str) -> String {
        match self.cell(header) {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) => format_number(*n),
        }
    }

    pub fn text(&mut self, header: &str) -> String {
        let v = self.raw(header);
        let required = self.columns.iter().any(|c| c.header == header && c.required);
        if required && v.is_empty() {
            self.problem(header, "", msg::missing_required());
        }
        v
    }

    pub fn number(&mut self, header: &str) -> Option<f64> {
        match self.cell(header).clone() {
            Cell::Empty => None,
            Cell::Number(n) => Some(n),
            Cell::Text(s) if s.trim().is_empty() => None,
            Cell::Text(s) => match s.trim().replace(',', "").parse::<f64>() {
                Ok(n) if n.is_finite() => Some(n),
                _ => {
                    self.problem(header, &s, msg::not_a_number());
                    None
                }
            },
        }
    }

    pub fn non_negative(&mut self, header: &str) -> Option<f64> {
        let v = self.number(header)?;
        if let Err(reason) = validate::non_negative(v) {
            self.problem(header, &format_number(v), reason);
        }
        Some(v)
    }

    pub fn integer(&mut self, header: &str) -> Option<i64> {
        let v = self.number(header)?;
        if v.fract() != 0.0 || v.abs() > 1e15 {
            self.problem(header, &format_number(v), msg::not_whole_number());
            return None;
        }
        Some(v as i64)
    }

    pub fn flag(&mut self, header: &str, default: bool) -> bool {
        let v = self.raw(header);
        match v.as_str() {
            "" => default,
            "是" | "有" | "Y" | "y" | "yes" | "true" | "1" => true,
            "否" | "无" | "N" | "n" | "no" | "false" | "0" => false,
            _ => {
                self.problem(header, &v, msg::not_yes_no());
                default
            }
        }
    }

    pub fn term(&mut self, header: &str, vocabulary: &[Term], default: &str) -> String {
        let v = self.text(header);
        if v.is_empty() {
            return default.to_string();
        }
        match term(vocabulary, &v) {
            Some(t) => t.code.to_string(),
            None => {
                let allowed: Vec<&str> = vocabulary.iter().map(|t| t.zh).collect();
                self.problem(header, &v, msg::not_in_vocabulary(allowed.join("/")));
                v
            }
        }
    }
}

/// Numbers print without a trailing ".0" so codes typed as numbers survive.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Where each defined column sits in the header row, and which required headers are missing.
pub fn locate_headers(columns: &[Column], header_row: &[Cell]) -> (Vec<Option<usize>>, Vec<&'static str>) {
    let names: Vec<String> = header_row
        .iter()
        .map(|c| match c {
            Cell::Text(s) => s.trim().trim_end_matches('*').trim().to_string(),
            Cell::Number(n) => format_number(*n),
            Cell::Empty => String::new(),
        })
        .collect();
    let mut missing = Vec::new();
    let positions = columns
        .iter()
        .map(|c| {
            let at = names.iter().position(|n| n == c.header);
            if at.is_none() && c.required {
                missing.push(c.header);
            }
            at
        })
        .collect();
    (positions, missing)
}
