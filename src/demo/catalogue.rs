//! What each demo industry looks like: its GB/T 4754-2017 class, how common it is in a
//! Guanzhong-type prefecture, its main equipment (kinds from data/equipment-kinds.csv,
//! with realistic sizes including the small end where backward capacity lives) and its
//! outlet profiles (limits from data/demo/outlet-limits.csv).

use std::sync::LazyLock;

pub struct Gear {
    pub kind: &'static str,
    pub count: (u32, u32),
    pub capacity: &'static [f64],
    pub fuel: &'static str,
    pub process: &'static [&'static str],
    /// Main process equipment gets its own production line; auxiliaries (boilers) do not.
    pub on_line: bool,
    /// Range of unit product energy consumption to draw, when the kind has a limit standard.
    pub specific_energy: Option<(f64, f64)>,
}

pub struct Kit {
    pub industry: &'static str,
    pub weight: u32,
    pub trade: &'static [&'static str],
    pub product: &'static str,
    pub gear: &'static [Gear],
    pub outlets: &'static [&'static str],
    pub unlicensed_share: f64,
    pub small_share: f64,
}

const fn g(kind: &'static str, count: (u32, u32), capacity: &'static [f64], fuel: &'static str, process: &'static [&'static str], on_line: bool) -> Gear {
    Gear { kind, count, capacity, fuel, process, on_line, specific_energy: None }
}

const COAL_BOILER: Gear = g("coal_boiler", (0, 1), &[1.0, 2.0, 4.0, 6.0, 10.0, 20.0, 35.0], "coal", &[], false);
const GAS_BOILER: Gear = g("gas_boiler", (1, 1), &[1.0, 2.0, 4.0, 6.0, 10.0], "gas", &[], false);

pub const KITS: &[Kit] = &[
    Kit { industry: "3011", weight: 12, trade: &["水泥", "建材"], product: "熟料",
        gear: &[Gear { specific_energy: Some((98.0, 132.0)), ..g("cement_clinker_line", (1, 2), &[1000.0, 1200.0, 1500.0, 2000.0, 2500.0, 3000.0, 4000.0, 5000.0], "coal", &["dry", "dry", "dry", "dry_hollow"], true) },
                g("cement_mill", (1, 2), &[2.2, 2.6, 3.0, 3.2, 3.8, 4.2], "electricity", &[], false)],
        outlets: &["cement_kiln", "process_dust"], unlicensed_share: 0.0, small_share: 0.2 },
    Kit { industry: "3012", weight: 10, trade: &["石灰", "钙业"], product: "石灰",
        gear: &[g("lime_kiln", (1, 2), &[50.0, 100.0, 150.0, 300.0, 500.0], "coal", &[], true)],
        outlets: &["process_dust"], unlicensed_share: 0.05, small_share: 0.5 },
    Kit { industry: "3021", weight: 60, trade: &["水泥制品", "商砼", "混凝土"], product: "混凝土制品",
        gear: &[g("generic_production_line", (1, 2), &[200.0, 500.0, 1000.0, 2000.0], "electricity", &[], true)],
        outlets: &["process_dust"], unlicensed_share: 0.02, small_share: 0.4 },
    Kit { industry: "3031", weight: 80, trade: &["砖瓦", "建材", "新型墙材"], product: "砖",
        gear: &[g("brick_kiln", (1, 2), &[1500.0, 3000.0, 4000.0, 6000.0, 8000.0, 12000.0], "coal", &["clamp", "hoffmann", "hoffmann", "tunnel", "tunnel", "tunnel"], true)],
        outlets: &["process_dust"], unlicensed_share: 0.08, small_share: 0.5 },
    Kit { industry: "3041", weight: 3, trade: &["玻璃"], product: "平板玻璃",
        gear: &[g("flat_glass_furnace", (1, 2), &[300.0, 500.0, 600.0, 800.0, 1000.0], "gas", &["float", "float", "float", "vertical_drawing"], true)],
        outlets: &["process_dust"], unlicensed_share: 0.0, small_share: 0.1 },
    Kit { industry: "3071", weight: 25, trade: &["陶瓷", "瓷业"], product: "陶瓷砖",
        gear: &[g("ceramic_kiln", (1, 3), &[30.0, 60.0, 100.0, 200.0], "gas", &[], true), GAS_BOILER],
        outlets: &["process_dust", "gas_boiler"], unlicensed_share: 0.02, small_share: 0.4 },
    Kit { industry: "3089", weight: 15, trade: &["耐火材料", "耐材"], product: "耐火砖",
        gear: &[g("refractory_kiln", (1, 3), &[20.0, 50.0, 100.0, 200.0], "coal", &[], true)],
        outlets: &["process_dust"], unlicensed_share: 0.03, small_share: 0.5 },
    Kit { industry: "3091", weight: 6, trade: &["碳素", "炭素"], product: "炭素制品",
        gear: &[g("carbon_baking_furnace", (1, 2), &[0.5, 1.0, 2.0, 5.0, 10.0], "gas", &[], true)],
        outlets: &["process_dust"], unlicensed_share: 0.0, small_share: 0.4 },
    Kit { industry: "3110", weight: 3, trade: &["钢铁", "冶金"], product: "生铁",
        gear: &[g("blast_furnace", (1, 2), &[380.0, 450.0, 580.0, 1080.0, 1250.0, 1780.0, 2500.0], "coke", &[], true),
                g("sintering_machine", (1, 2), &[60.0, 90.0, 132.0, 180.0, 265.0, 360.0], "coke", &[], true)],
        outlets: &["sinter_head", "process_dust", "wastewater"], unlicensed_share: 0.0, small_share: 0.1 },
    Kit { industry: "3120", weight: 3, trade: &["特钢", "钢铁"], product: "粗钢",
        gear: &[g("bof_converter", (0, 2), &[30.0, 50.0, 80.0, 120.0, 150.0], "none", &[], true),
                g("electric_arc_furnace", (1, 2), &[20.0, 30.0, 50.0, 70.0, 100.0], "electricity", &[], true)],
        outlets: &["process_dust", "wastewater"], unlicensed_share: 0.0, small_share: 0.1 },
    Kit { industry: "3130", weight: 10, trade: &["钢材", "金属材料"], product: "钢材",
        gear: &[g("rolling_mill", (1, 2), &[10.0, 30.0, 60.0, 100.0], "gas", &[], true), COAL_BOILER],
        outlets: &["process_dust", "coal_boiler"], unlicensed_share: 0.0, small_share: 0.3 },
    Kit { industry: "3140", weight: 5, trade: &["铁合金", "硅业"], product: "铁合金",
        gear: &[g("submerged_arc_furnace", (1, 3), &[6300.0, 12500.0, 16500.0, 25500.0, 33000.0], "electricity", &[], true)],
        outlets: &["process_dust"], unlicensed_share: 0.0, small_share: 0.3 },
    Kit { industry: "3216", weight: 2, trade: &["铝业"], product: "电解铝",
        // AC power use per t of aluminium liquid around the tiered-tariff line (13,650 kWh/t,
        // data/rules/aluminium.toml) so that some smelters land on the differential-pricing list.
        gear: &[Gear { specific_energy: Some((13350.0, 13950.0)), ..g("aluminium_electrolysis_cell", (1, 2), &[160.0, 200.0, 300.0, 400.0, 500.0], "electricity", &["prebaked"], true) }],
        outlets: &["process_dust"], unlicensed_share: 0.0, small_share: 0.0 },
    Kit { industry: "2521", weight: 4, trade: &["焦化", "煤化工"], product: "焦炭",
        gear: &[g("coke_oven", (1, 2), &[3.2, 4.3, 5.5, 6.0, 6.78], "coal", &["top_charging", "top_charging", "tamping"], true), COAL_BOILER],
        outlets: &["process_dust", "coal_boiler", "wastewater"], unlicensed_share: 0.0, small_share: 0.2 },
    Kit { industry: "2619", weight: 4, trade: &["化工", "电石"], product: "电石",
        gear: &[g("calcium_carbide_furnace", (1, 3), &[12500.0, 16500.0, 25500.0, 40500.0], "electricity", &["open", "closed", "closed"], true)],
        outlets: &["process_dust"], unlicensed_share: 0.0, small_share: 0.2 },
    Kit { industry: "2621", weight: 3, trade: &["化肥", "化工"], product: "合成氨",
        gear: &[g("synthetic_ammonia_unit", (1, 1), &[6.0, 8.0, 10.0, 18.0, 30.0], "coal", &[], true), COAL_BOILER],
        outlets: &["coal_boiler", "wastewater"], unlicensed_share: 0.0, small_share: 0.1 },
    Kit { industry: "2614", weight: 20, trade: &["化工", "精细化工"], product: "有机化学品",
        gear: &[g("chemical_reactor", (2, 6), &[2.0, 5.0, 10.0, 20.0, 50.0], "none", &[], true), GAS_BOILER],
        outlets: &["voc", "gas_boiler", "wastewater"], unlicensed_share: 0.0, small_share: 0.3 },
    Kit { industry: "2641", weight: 20, trade: &["涂料", "化工"], product: "涂料",
        gear: &[g("chemical_reactor", (1, 4), &[2.0, 5.0, 10.0], "none", &[], true)],
        outlets: &["voc", "wastewater"], unlicensed_share: 0.02, small_share: 0.4 },
    Kit { industry: "2710", weight: 12, trade: &["制药", "药业"], product: "原料药",
        gear: &[g("chemical_reactor", (2, 6), &[2.0, 5.0, 10.0, 20.0], "none", &[], true), GAS_BOILER],
        outlets: &["voc", "gas_boiler", "wastewater"], unlicensed_share: 0.0, small_share: 0.2 },
    Kit { industry: "3391", weight: 90, trade: &["铸造", "铸业", "机械铸造"], product: "铸件",
        gear: &[g("cupola", (0, 1), &[1.5, 3.0, 5.0, 7.0, 10.0, 15.0], "coke", &[], true),
                g("induction_furnace", (1, 2), &[0.5, 1.0, 2.0, 3.0, 5.0, 10.0], "electricity", &[], true)],
        outlets: &["process_dust"], unlicensed_share: 0.06, small_share: 0.6 },
    Kit { industry: "3360", weight: 40, trade: &["表面处理", "电镀", "热处理"], product: "表面处理",
        gear: &[g("electroplating_line", (1, 3), &[5.0, 10.0, 20.0, 40.0], "electricity", &[], true), GAS_BOILER],
        outlets: &["gas_boiler", "wastewater"], unlicensed_share: 0.04, small_share: 0.5 },
    Kit { industry: "3311", weight: 120, trade: &["钢结构", "金属结构"], product: "钢结构件",
        gear: &[g("coating_line", (1, 2), &[50.0, 100.0, 300.0, 800.0], "gas", &[], true)],
        outlets: &["voc"], unlicensed_share: 0.03, small_share: 0.6 },
    Kit { industry: "3670", weight: 110, trade: &["汽车零部件", "汽配"], product: "汽车零部件",
        gear: &[g("coating_line", (1, 2), &[50.0, 100.0, 300.0], "gas", &[], true), g("injection_molding_machine", (2, 8), &[80.0, 160.0, 260.0, 450.0], "electricity", &[], false)],
        outlets: &["voc"], unlicensed_share: 0.0, small_share: 0.4 },
    Kit { industry: "3484", weight: 260, trade: &["机械", "精密机械", "机械加工"], product: "机械零部件",
        gear: &[g("generic_production_line", (1, 2), &[1.0, 5.0, 10.0, 30.0], "electricity", &[], true)],
        outlets: &[], unlicensed_share: 0.03, small_share: 0.6 },
    Kit { industry: "2110", weight: 120, trade: &["家具", "木业"], product: "木质家具",
        gear: &[g("coating_line", (1, 2), &[20.0, 50.0, 100.0, 300.0], "none", &[], true)],
        outlets: &["voc"], unlicensed_share: 0.07, small_share: 0.7 },
    Kit { industry: "2319", weight: 100, trade: &["印刷", "包装印务"], product: "包装印刷品",
        gear: &[g("printing_press", (1, 4), &[20.0, 50.0, 100.0, 300.0], "electricity", &[], true)],
        outlets: &["voc"], unlicensed_share: 0.03, small_share: 0.6 },
    Kit { industry: "2922", weight: 110, trade: &["塑业", "塑料制品", "管业"], product: "塑料管材",
        gear: &[g("injection_molding_machine", (2, 10), &[80.0, 160.0, 260.0, 450.0, 800.0], "electricity", &[], false)],
        outlets: &["voc"], unlicensed_share: 0.06, small_share: 0.6 },
    Kit { industry: "1713", weight: 40, trade: &["印染", "纺织"], product: "印染布",
        gear: &[g("generic_production_line", (1, 3), &[5.0, 10.0, 30.0], "none", &[], true), COAL_BOILER],
        outlets: &["coal_boiler", "wastewater"], unlicensed_share: 0.02, small_share: 0.4 },
    Kit { industry: "2221", weight: 30, trade: &["纸业", "造纸"], product: "瓦楞原纸",
        gear: &[g("generic_production_line", (1, 2), &[50.0, 100.0, 300.0], "none", &[], true), COAL_BOILER],
        outlets: &["coal_boiler", "wastewater"], unlicensed_share: 0.02, small_share: 0.4 },
    Kit { industry: "1312", weight: 80, trade: &["面粉", "粮油", "食品"], product: "面粉",
        gear: &[g("food_processing_line", (1, 2), &[50.0, 100.0, 200.0, 500.0], "electricity", &[], true)],
        outlets: &["process_dust"], unlicensed_share: 0.02, small_share: 0.6 },
    Kit { industry: "1331", weight: 50, trade: &["油脂", "粮油"], product: "食用植物油",
        gear: &[g("food_processing_line", (1, 2), &[20.0, 50.0, 100.0, 300.0], "none", &[], true), GAS_BOILER],
        outlets: &["gas_boiler", "wastewater"], unlicensed_share: 0.02, small_share: 0.5 },
    Kit { industry: "1351", weight: 40, trade: &["肉类", "食品"], product: "冷鲜肉",
        gear: &[g("food_processing_line", (1, 2), &[10.0, 30.0, 60.0, 100.0], "none", &[], true), GAS_BOILER],
        outlets: &["gas_boiler", "wastewater"], unlicensed_share: 0.02, small_share: 0.5 },
    Kit { industry: "1371", weight: 70, trade: &["果蔬", "食品", "农产品"], product: "脱水蔬菜",
        gear: &[g("food_processing_line", (1, 2), &[5.0, 10.0, 30.0, 60.0], "none", &[], true), g("spray_dryer", (0, 1), &[0.5, 1.0, 2.0], "gas", &[], false)],
        outlets: &["wastewater"], unlicensed_share: 0.02, small_share: 0.6 },
    Kit { industry: "1411", weight: 70, trade: &["食品", "烘焙"], product: "糕点",
        gear: &[g("food_processing_line", (1, 2), &[1.0, 3.0, 10.0, 30.0], "gas", &[], true)],
        outlets: &[], unlicensed_share: 0.03, small_share: 0.7 },
    Kit { industry: "1441", weight: 15, trade: &["乳业", "乳品"], product: "液体乳",
        gear: &[g("food_processing_line", (1, 2), &[50.0, 100.0, 300.0], "none", &[], true), GAS_BOILER, g("spray_dryer", (0, 1), &[1.0, 2.0, 5.0], "gas", &[], false)],
        outlets: &["gas_boiler", "wastewater"], unlicensed_share: 0.0, small_share: 0.2 },
    Kit { industry: "1512", weight: 30, trade: &["酒业", "酿酒"], product: "白酒",
        gear: &[g("brewing_fermentation_tank", (2, 10), &[10.0, 30.0, 50.0, 100.0], "none", &[], false), COAL_BOILER],
        outlets: &["coal_boiler", "wastewater"], unlicensed_share: 0.03, small_share: 0.5 },
    Kit { industry: "3982", weight: 70, trade: &["电子", "电路科技", "光电"], product: "印制电路板",
        gear: &[g("smt_line", (1, 4), &[100.0, 500.0, 1000.0, 5000.0], "electricity", &[], true), GAS_BOILER],
        outlets: &["voc", "wastewater"], unlicensed_share: 0.0, small_share: 0.4 },
    Kit { industry: "3981", weight: 50, trade: &["电子元件", "电子"], product: "电子元件",
        gear: &[g("smt_line", (1, 3), &[100.0, 500.0, 1000.0], "electricity", &[], true)],
        outlets: &[], unlicensed_share: 0.0, small_share: 0.5 },
    Kit { industry: "4430", weight: 15, trade: &["热力", "供热"], product: "蒸汽",
        gear: &[g("coal_boiler", (1, 3), &[10.0, 20.0, 35.0, 65.0], "coal", &[], false), GAS_BOILER],
        outlets: &["coal_boiler", "gas_boiler"], unlicensed_share: 0.0, small_share: 0.1 },
    Kit { industry: "4411", weight: 2, trade: &["热电", "发电"], product: "电力",
        gear: &[g("coal_power_unit", (1, 2), &[50.0, 135.0, 300.0, 600.0], "coal", &[], true)],
        outlets: &["coal_boiler", "wastewater"], unlicensed_share: 0.0, small_share: 0.0 },
];

pub struct LimitRow {
    pub profile: String,
    pub medium: String,
    pub pollutant_code: String,
    pub pollutant_name: String,
    pub limit_value: Option<f64>,
    pub limit_unit: String,
    pub standard: String,
}

pub static OUTLET_LIMITS: LazyLock<Vec<LimitRow>> = LazyLock::new(|| {
    let text = include_str!("../../data/demo/outlet-limits.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("data/demo/outlet-limits.csv is well-formed");
            LimitRow {
                profile: r[0].into(),
                medium: r[1].into(),
                pollutant_code: r[2].into(),
                pollutant_name: r[3].into(),
                limit_value: r[4].parse().ok(),
                limit_unit: r[5].into(),
                standard: r[6].into(),
            }
        })
        .collect()
});

pub fn profile_name(profile: &str) -> &'static str {
    match profile {
        "cement_kiln" => "窑尾",
        "coal_boiler" => "燃煤锅炉",
        "gas_boiler" => "燃气锅炉",
        "sinter_head" => "烧结机头",
        "process_dust" => "工艺废气",
        "voc" => "有机废气",
        _ => "废气",
    }
}

/// How an industry's main equipment turns into money, energy, water and jobs
/// (data/demo/industry-figures.csv: ranges with their reasoning).
pub struct FigureRow {
    pub industry: String,
    pub kind: String,
    pub revenue_per_capacity: (f64, f64),
    pub value_added_rate: (f64, f64),
    pub tce_per_revenue: (f64, f64),
    pub water_per_revenue: (f64, f64),
    pub revenue_per_employee: (f64, f64),
}

pub static FIGURES: LazyLock<Vec<FigureRow>> = LazyLock::new(|| {
    let text = include_str!("../../data/demo/industry-figures.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("data/demo/industry-figures.csv is well-formed (tested)");
            let n = |i: usize| -> f64 { r[i].parse().expect("a number in data/demo/industry-figures.csv (tested)") };
            FigureRow {
                industry: r[0].into(),
                kind: r[1].into(),
                revenue_per_capacity: (n(3), n(4)),
                value_added_rate: (n(5), n(6)),
                tce_per_revenue: (n(7), n(8)),
                water_per_revenue: (n(9), n(10)),
                revenue_per_employee: (n(11), n(12)),
            }
        })
        .collect()
});

pub fn figures(industry: &str, kind: &str) -> Option<&'static FigureRow> {
    FIGURES.iter().find(|f| f.industry == industry && f.kind == kind)
}

/// Size class of an industrial enterprise by 统计上大中小微型企业划分办法(2017)
/// (国统字〔2017〕213号), industry (工业): large ≥ 1,000 employees and ≥ 400 million yuan
/// revenue; medium ≥ 300 and ≥ 20 million; small ≥ 20 and ≥ 3 million; micro below.
/// A class needs both of its lower bounds. Revenue in 10,000 yuan.
/// Thresholds recalled from the NBS table, not checked against its text (data/demo/README.md).
pub fn size_class(employees: u32, revenue_10k: f64) -> &'static str {
    if employees >= 1000 && revenue_10k >= 40000.0 {
        "large"
    } else if employees >= 300 && revenue_10k >= 2000.0 {
        "medium"
    } else if employees >= 20 && revenue_10k >= 300.0 {
        "small"
    } else {
        "micro"
    }
}

/// 规模以上工业企业: annual revenue from the main business of 20 million yuan or more (NBS, since 2011).
pub const ABOVE_SCALE_REVENUE_10K: f64 = 2000.0;
