//! The indicator system a bureau configures (`data/synergy/indicators.toml` is the default):
//! dimensions (the subsystems of the coupling model) and indicators with their direction,
//! dimension, weight mode and the source of their values. Checked at load with file:line.
//!
//! **Hook for computed indicators.** [`COMPUTED`] lists every computation the platform offers;
//! `storage::synergy::compute` evaluates them. To add one (e.g. the fused inventory's
//! `inventory.co2_per_value_added`): add its entry here (code, what it is, whether it has a
//! history) and its arm in `storage::synergy::compute`; an indicator then names it as `source`.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::i18n::catalogue::synergy as msg;
use crate::i18n::{Lang, Msg};

use super::method::Direction;

pub const DEFAULT_FILE: &str = "data/synergy/indicators.toml";
pub const DEFAULT_TEXT: &str = include_str!("../../data/synergy/indicators.toml");

pub static DEFAULT: LazyLock<System> = LazyLock::new(|| System::parse(DEFAULT_FILE, DEFAULT_TEXT).expect("data/synergy/indicators.toml is valid (tested)"));

/// A computation of the platform an indicator can take its values from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Computation {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Whether the platform keeps the figure's history (by year); otherwise it is the ledger's
    /// state now and is computed for the current year only.
    pub by_year: bool,
}

impl Computation {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// Every computation on offer (the hook: see the module documentation).
pub const COMPUTED: &[Computation] = &[
    Computation { code: "ledger.energy_intensity", zh: "台账年度数据：综合能耗合计 ÷ 工业增加值合计（吨标准煤/万元）", en: "Ledger yearly figures: Σ energy ÷ Σ value added (tce per 10,000 yuan)", by_year: true },
    Computation { code: "ledger.value_added", zh: "台账年度数据：工业增加值合计（万元）", en: "Ledger yearly figures: Σ value added (10,000 yuan)", by_year: true },
    Computation { code: "cases.backward_exits", zh: "退出案件：当年退出生产（封存或拆除）的落后产能案件数", en: "Exit cases: backward capacity that left production (sealed or dismantled) in the year", by_year: true },
    Computation { code: "ledger.low_nox_boilers", zh: "台账：完成低氮燃烧改造的燃气锅炉台数（现状）", en: "Ledger: gas boilers retrofitted to low-NOx combustion (current state)", by_year: false },
    Computation { code: "ledger.ab_grade_share", zh: "台账：在产企业中环保绩效A级、B级企业占比（%，现状）", en: "Ledger: share of operating enterprises of performance grade A or B (%, current state)", by_year: false },
    Computation { code: "inventory.co2_per_value_added", zh: "融合排放清单：台账企业 CO2 排放（含外购电力、热力间接排放）÷ 工业增加值（吨/万元）", en: "Fused inventory: CO2 of ledger enterprises (incl. indirect from purchased electricity and heat) ÷ value added (t per 10,000 yuan)", by_year: true },
    Computation { code: "inventory.air_per_value_added", zh: "融合排放清单：SO2、NOx、颗粒物排放合计 ÷ 工业增加值（吨/亿元，监测优先、因子补充）", en: "Fused inventory: SO2 + NOx + particulate ÷ value added (t per 100 million yuan; monitoring first, factors otherwise)", by_year: true },
    Computation { code: "monitoring.air_intensity", zh: "在线监测：SO2、NOx、颗粒物年排放量合计 ÷ 工业增加值（吨/亿元）", en: "Online monitoring: SO2 + NOx + particulate emitted in the year ÷ value added (t per 100 million yuan)", by_year: true },
];

pub fn computation(code: &str) -> Option<&'static Computation> {
    COMPUTED.iter().find(|c| c.code == code)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub code: String,
    pub zh: String,
    pub en: String,
    /// Its α in T; all dimensions give one or none does (then equal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
}

impl Dimension {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// `weight = "entropy"` or `weight = 0.4` (a fixed share of its dimension).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Weight {
    Fixed(f64),
    Mode(String),
}

impl Weight {
    pub fn fixed(&self) -> Option<f64> {
        match self {
            Weight::Fixed(w) => Some(*w),
            Weight::Mode(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub zh: String,
    pub en: String,
    pub unit: String,
    pub direction: Direction,
    pub dimension: String,
    pub weight: Weight,
    /// "entered" or the code of a computation in [`COMPUTED`].
    pub source: String,
    #[serde(default)]
    pub note: String,
}

impl Indicator {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }

    pub fn computation(&self) -> Option<&'static Computation> {
        computation(&self.source)
    }

    pub fn entered(&self) -> bool {
        self.source == "entered"
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct System {
    pub name: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub status: String,
    /// Normalised values are moved into [shift, 1]: y' = shift + (1 − shift)·y (0: plain min–max).
    /// A district at the minimum of every indicator of one dimension otherwise scores U = 0 there,
    /// which makes C and D 0 whatever its other dimensions are.
    #[serde(default)]
    pub shift: f64,
    #[serde(rename = "dimension")]
    pub dimensions: Vec<Dimension>,
    #[serde(rename = "indicator")]
    pub indicators: Vec<Indicator>,
}

/// A problem of a system file, at its line.
#[derive(Clone, Debug, PartialEq)]
pub struct SystemError {
    pub file: String,
    pub line: usize,
    pub reason: Msg,
}

impl std::fmt::Display for SystemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line where `code = "<code>"` is written (for errors about one entry).
fn line_of_code(text: &str, code: &str) -> usize {
    let needle = format!("\"{code}\"");
    text.lines().position(|l| l.trim_start().starts_with("code") && l.contains(&needle)).map(|i| i + 1).unwrap_or(1)
}

impl System {
    pub fn parse(file: &str, text: &str) -> Result<System, Vec<SystemError>> {
        let system: System = toml::from_str(text).map_err(|e| {
            vec![SystemError { file: file.into(), line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1), reason: msg::system_syntax(e.message().to_string()) }]
        })?;
        let problems = system.problems();
        if problems.is_empty() {
            Ok(system)
        } else {
            Err(problems.into_iter().map(|(code, reason)| SystemError { file: file.into(), line: code.map(|c| line_of_code(text, &c)).unwrap_or(1), reason }).collect())
        }
    }

    /// Every problem, with the code of the entry at fault where there is one.
    pub fn problems(&self) -> Vec<(Option<String>, Msg)> {
        let mut out = Vec::new();
        if !(0.0..1.0).contains(&self.shift) {
            out.push((None, msg::system_shift(self.shift)));
        }
        let mut seen = std::collections::HashSet::new();
        for d in &self.dimensions {
            if !seen.insert(d.code.clone()) {
                out.push((Some(d.code.clone()), msg::system_duplicate(&d.code)));
            }
            if let Some(a) = d.alpha {
                if !(0.0..=1.0).contains(&a) {
                    out.push((Some(d.code.clone()), msg::system_alpha_range(&d.code, a)));
                }
            }
        }
        let with_alpha = self.dimensions.iter().filter(|d| d.alpha.is_some()).count();
        if with_alpha != 0 && with_alpha != self.dimensions.len() {
            out.push((None, msg::system_alpha_some()));
        } else if with_alpha > 0 {
            let sum: f64 = self.dimensions.iter().filter_map(|d| d.alpha).sum();
            if (sum - 1.0).abs() > 1e-6 {
                out.push((None, msg::alpha_sum(sum)));
            }
        }
        for i in &self.indicators {
            if !seen.insert(i.code.clone()) {
                out.push((Some(i.code.clone()), msg::system_duplicate(&i.code)));
            }
            if i.code.is_empty() || !i.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.push((Some(i.code.clone()), msg::system_code(&i.code)));
            }
            if !self.dimensions.iter().any(|d| d.code == i.dimension) {
                out.push((Some(i.code.clone()), msg::system_dimension(&i.code, &i.dimension)));
            }
            match &i.weight {
                Weight::Fixed(w) if !(*w > 0.0 && *w <= 1.0) => out.push((Some(i.code.clone()), msg::system_weight(&i.code, &w.to_string()))),
                Weight::Mode(m) if m != "entropy" => out.push((Some(i.code.clone()), msg::system_weight(&i.code, m))),
                _ => {}
            }
            if !i.entered() && i.computation().is_none() {
                out.push((Some(i.code.clone()), msg::system_source(&i.code, &i.source)));
            }
        }
        for d in &self.dimensions {
            let members: Vec<&Indicator> = self.indicators.iter().filter(|i| i.dimension == d.code).collect();
            if members.is_empty() {
                out.push((Some(d.code.clone()), msg::system_empty_dimension(&d.code)));
                continue;
            }
            let fixed: f64 = members.iter().filter_map(|i| i.weight.fixed()).sum();
            let all_fixed = members.iter().all(|i| i.weight.fixed().is_some());
            if (all_fixed && (fixed - 1.0).abs() > 1e-6) || (!all_fixed && fixed >= 1.0 - 1e-9) {
                out.push((Some(d.code.clone()), msg::system_fixed_sum(&d.code, fixed)));
            }
        }
        if self.dimensions.len() < 2 {
            out.push((None, msg::too_few_subsystems(self.dimensions.len())));
        }
        out
    }

    /// α of each dimension in T, in the order of the dimensions.
    pub fn alpha(&self) -> Vec<f64> {
        if self.dimensions.iter().all(|d| d.alpha.is_some()) && !self.dimensions.is_empty() {
            self.dimensions.iter().map(|d| d.alpha.unwrap_or(0.0)).collect()
        } else {
            super::method::equal_alpha(self.dimensions.len())
        }
    }

    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }

    pub fn dimension_index(&self, code: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_system_has_the_five_dimensions_of_the_xian_plan() {
        let s = &*DEFAULT;
        let names: Vec<&str> = s.dimensions.iter().map(|d| d.zh.as_str()).collect();
        assert_eq!(names, ["环境质量", "碳排放水平", "协同耦合度", "结构调整措施协同度", "治理路径协同度"]);
        assert!(s.indicators.iter().any(|i| i.computation().is_some()) && s.indicators.iter().any(|i| i.entered()));
        assert_eq!(s.alpha(), vec![0.2; 5]);
    }

    #[test]
    fn bad_systems_are_refused_at_their_line() {
        let text = DEFAULT_TEXT.replace("source = \"ledger.low_nox_boilers\"", "source = \"ledger.nothing\"");
        let e = System::parse("x.toml", &text).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].reason.code(), "synergy.system.source");
        assert_eq!(e[0].line, text.lines().position(|l| l == "code = \"low_nox_boilers\"").unwrap() + 1);
        let text = DEFAULT_TEXT.replace("dimension = \"governance\"", "dimension = \"nowhere\"");
        let codes: Vec<&str> = System::parse("x.toml", &text).unwrap_err().iter().map(|e| e.reason.code()).collect();
        assert!(codes.contains(&"synergy.system.dimension") && codes.contains(&"synergy.system.empty_dimension"), "{codes:?}");
        let text = DEFAULT_TEXT.replace("code = \"pm25\"\nzh = \"PM2.5年均浓度\"\nen = \"PM2.5 annual mean concentration\"\nunit = \"μg/m³\"\ndirection = \"negative\"\ndimension = \"environment\"\nweight = \"entropy\"", "code = \"pm25\"\nzh = \"PM2.5年均浓度\"\nen = \"PM2.5 annual mean concentration\"\nunit = \"μg/m³\"\ndirection = \"negative\"\ndimension = \"environment\"\nweight = 1.0");
        let codes: Vec<String> = System::parse("x.toml", &text).unwrap_err().iter().map(|e| e.reason.code().to_string()).collect();
        assert_eq!(codes, ["synergy.system.fixed_sum"]);
        assert_eq!(System::parse("x.toml", "name = ").unwrap_err()[0].reason.code(), "synergy.system.syntax");
    }
}
