//! Transmission, validity and effective-transmission rates (传输率, 有效率, 有效传输率).
//!
//! Definitions (shared/reference/monitoring-facts.md §2.2 and campaigns-complaints-facts.md):
//! 有效传输率 = 传输率 × 有效率 [V-2nd, MEE 污染源监控中心 training deck: 「定义为数据传输率和数据有效率的乘积」];
//! the component formulas 传输率 = 实报 / 应收 and 有效率 = 有效 / 实报 are [UNVERIFIED] (the national
//! platform reports 应收/实报/有效组数 with each rate, which fits them). Here the unit counted
//! is the hour: 应收 = hours of the period so far, 实报 = hours with data, 有效 = valid hours.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// 应收: hours that should have data.
    pub expected: u32,
    /// 实报: hours with at least one value.
    pub received: u32,
    /// 有效: valid hours.
    pub valid: u32,
}

impl Counts {
    /// 传输率, 0–1; None when nothing was expected.
    pub fn transmission(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.received.min(self.expected) as f64 / self.expected as f64)
    }
    /// 有效率, 0–1; None when nothing was received.
    pub fn validity(&self) -> Option<f64> {
        (self.received > 0).then(|| self.valid.min(self.received) as f64 / self.received as f64)
    }
    /// 有效传输率 = 传输率 × 有效率 (0 when nothing was received).
    pub fn effective_transmission(&self) -> Option<f64> {
        let t = self.transmission()?;
        Some(t * self.validity().unwrap_or(0.0))
    }
}

/// The definitions shown next to the rates: (name zh, name en, definition zh, definition en).
pub const DEFINITIONS: &[(&str, &str, &str, &str)] = &[
    ("传输率", "Transmission rate", "实报小时数 ÷ 应收小时数(统计时段内已过去的小时);公式未经官方文本核实", "hours with data ÷ hours expected (elapsed hours of the period); formula not checked against the official text"),
    ("有效率", "Validity rate", "有效小时数 ÷ 实报小时数;有效小时按 HJ 212-2017 附录D(≥45个有效分钟值)判定;公式未经官方文本核实", "valid hours ÷ hours with data; an hour is valid with ≥ 45 valid minute values (HJ 212-2017 App. D); formula not checked against the official text"),
    ("有效传输率", "Effective transmission rate", "传输率 × 有效率(生态环境部污染源监控中心培训材料,二手来源)", "transmission rate × validity rate (MEE monitoring centre training material, secondary source)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_worked_by_hand() {
        // 24 hours expected, 18 received, 12 valid: 75 %, 66.7 %, 50 %.
        let c = Counts { expected: 24, received: 18, valid: 12 };
        assert_eq!(c.transmission(), Some(0.75));
        assert!((c.validity().unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.effective_transmission().unwrap() - 0.5).abs() < 1e-12);
        let none = Counts { expected: 24, received: 0, valid: 0 };
        assert_eq!((none.transmission(), none.validity(), none.effective_transmission()), (Some(0.0), None, Some(0.0)));
        assert_eq!(Counts::default().transmission(), None);
    }
}
