//! One outlet's month of environmental protection tax, as the law computes it:
//!
//! 1. 污染当量数 = 排放量 (kg) ÷ 污染当量值 (Law Art. 8; 附表二);
//! 2. per outlet (实施条例 Art. 8), air: the three pollutants with the most equivalents are taxed;
//!    water: 第一类水污染物 the first five, the others the first three (Law Art. 9; a province
//!    may raise the counts, `rates.csv`), only one of COD, BOD5 and TOC (附表二 备注);
//! 3. the reduction (Law Art. 13, 实施条例 Arts. 10–11), per pollutant: the month's mean of the
//!    valid hourly means (water: daily means) below 70 % of the standard → 75 %, below 50 % → 50 %,
//!    lost when any hourly (daily) mean of the month exceeded the standard;
//! 4. tax = 当量数 × the province's rate × the reduction (Art. 11).

use super::equivalents::{self, Class, Equivalent};
use super::rates::Rate;
use super::{Comparison, Settings};
use crate::enforcement::emissions::Total;
use crate::monitoring::rules::Medium;

/// One pollutant of the outlet for the month.
#[derive(Clone, Debug, PartialEq)]
pub struct PollutantMonth {
    pub code: String,
    pub name: String,
    /// The month's emission (`enforcement::emissions`, its fill rule named).
    pub emission: Total,
    /// The standard the concentration is judged against (the ledger's limit).
    pub standard: Option<f64>,
    /// The month's valid hourly (air) or daily (water) means on the basis of the settings
    /// (折算 or measured): (period start, value), in time order.
    pub means: Vec<(i64, f64)>,
}

/// The outcome of the reduction test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// The ledger gives no standard for the pollutant: nothing to compare with.
    NoStandard,
    /// No valid hourly (daily) mean in the month.
    NoValidMeans,
    /// Some hourly (daily) mean exceeded the standard: no reduction (实施条例 Art. 10 ¶2).
    Exceeded { count: usize, first_at: i64, first_value: f64, max_value: f64 },
    /// Below 50 % of the standard: 50 %.
    Below50,
    /// Below 70 % of the standard: 75 %.
    Below70,
    /// Not below 70 %: no reduction.
    NotBelow70,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReductionTest {
    pub mean: Option<f64>,
    pub standard: Option<f64>,
    /// mean ÷ standard.
    pub share: Option<f64>,
    pub means: usize,
    pub outcome: Outcome,
    /// 1, 0.75 or 0.5.
    pub factor: f64,
}

/// Why a pollutant is or is not taxed.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// Among the first `limit` of its class by equivalents (rank from 1).
    Within { rank: usize, limit: usize },
    /// Ranked after the first `limit`.
    Beyond { rank: usize, limit: usize },
    /// Of COD, BOD5 and TOC only one is taxed; `kept` (a code) has more equivalents.
    OneOf { kept: String },
    /// No emission in the month: nothing to tax.
    NoEmission,
}

/// One line of the table: an outlet's taxable pollutant.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub code: String,
    pub name: String,
    pub item: &'static Equivalent,
    pub emission: Total,
    pub equivalents: f64,
    pub taxed: bool,
    pub why: Why,
    pub test: ReductionTest,
    /// 元 per equivalent.
    pub rate: f64,
    /// Tax before the reduction (应纳税额 before 减免), 0 when not taxed.
    pub gross_yuan: f64,
    /// Tax due: gross × reduction.
    pub tax_yuan: f64,
}

/// mean/standard compared with a share, rounded to 12 decimals (so 0.7 × 100 is 70).
fn below(ratio: f64, share: f64, comparison: Comparison) -> bool {
    let r = (ratio * 1e12).round() / 1e12;
    match comparison {
        Comparison::Strict => r < share,
        Comparison::Inclusive => r <= share,
    }
}

/// The reduction test of one pollutant for the month.
pub fn reduction(settings: &Settings, standard: Option<f64>, means: &[(i64, f64)]) -> ReductionTest {
    let r = &settings.reduction;
    let n = means.len();
    let mean = (n > 0).then(|| means.iter().map(|m| m.1).sum::<f64>() / n as f64);
    let standard = standard.filter(|s| s.is_finite() && *s > 0.0);
    let share = match (mean, standard) {
        (Some(m), Some(s)) => Some(m / s),
        _ => None,
    };
    let outcome = match (standard, share) {
        (None, _) => Outcome::NoStandard,
        (Some(_), None) => Outcome::NoValidMeans,
        (Some(s), Some(share)) => {
            let over: Vec<&(i64, f64)> = means.iter().filter(|m| m.1 > s).collect();
            if let Some(first) = over.first() {
                Outcome::Exceeded { count: over.len(), first_at: first.0, first_value: first.1, max_value: over.iter().map(|m| m.1).fold(f64::MIN, f64::max) }
            } else if below(share, r.below_share_50, r.comparison) {
                Outcome::Below50
            } else if below(share, r.below_share_75, r.comparison) {
                Outcome::Below70
            } else {
                Outcome::NotBelow70
            }
        }
    };
    let factor = match outcome {
        Outcome::Below50 => 0.5,
        Outcome::Below70 => 0.75,
        _ => 1.0,
    };
    ReductionTest { mean, standard, share, means: n, outcome, factor }
}

/// Every taxable pollutant of one outlet for one month, in the order: class, then equivalents
/// (most first). Pollutants 附表二 does not list (非甲烷总烃, 总氮, O2 …) are left out.
pub fn outlet_month(settings: &Settings, medium: Medium, rate: &Rate, pollutants: &[PollutantMonth]) -> Vec<Line> {
    let unit_rate = match medium {
        Medium::Air => rate.air_yuan,
        Medium::Water => rate.water_yuan,
    };
    let mut lines: Vec<Line> = pollutants
        .iter()
        .filter_map(|p| {
            let item = equivalents::for_code(medium, &p.code)?;
            let equivalents = p.emission.kg.max(0.0) / item.equivalent_kg;
            Some(Line {
                code: p.code.clone(),
                name: if p.name.is_empty() { item.name.clone() } else { p.name.clone() },
                item,
                emission: p.emission,
                equivalents,
                taxed: false,
                why: Why::NoEmission,
                test: reduction(settings, p.standard, &p.means),
                rate: unit_rate,
                gross_yuan: 0.0,
                tax_yuan: 0.0,
            })
        })
        .collect();
    // Most equivalents first within each class; ties by code, so the order is stable.
    lines.sort_by(|a, b| a.item.class.cmp(&b.item.class).then(b.equivalents.total_cmp(&a.equivalents)).then(a.code.cmp(&b.code)));
    // COD, BOD5, TOC: only the first of them (most equivalents) stays in the ranking.
    let kept = lines.iter().find(|l| settings.water.one_of.contains(&l.code) && l.equivalents > 0.0).map(|l| l.code.clone());
    for class in [Class::Air, Class::WaterFirst, Class::WaterOther] {
        let limit = match class {
            Class::Air => rate.air_items,
            Class::WaterFirst => rate.water_first_items,
            Class::WaterOther => rate.water_other_items,
        };
        let mut rank = 0;
        for l in lines.iter_mut().filter(|l| l.item.class == class) {
            if l.equivalents <= 0.0 {
                l.why = Why::NoEmission;
                continue;
            }
            if settings.water.one_of.contains(&l.code) && kept.as_deref() != Some(l.code.as_str()) {
                l.why = Why::OneOf { kept: kept.clone().unwrap_or_default() };
                continue;
            }
            rank += 1;
            l.taxed = rank <= limit;
            l.why = if l.taxed { Why::Within { rank, limit } } else { Why::Beyond { rank, limit } };
        }
    }
    for l in &mut lines {
        if l.taxed {
            l.gross_yuan = l.equivalents * l.rate;
            l.tax_yuan = l.gross_yuan * l.test.factor;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enforcement::emissions::FillRule;
    use crate::tax::rates::RATES;
    use crate::tax::SETTINGS;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }
    fn kg(v: f64) -> Total {
        Total { kg: v, expected_hours: 720, valid_hours: 720, filled_hours: 0, filled_kg: 0.0, stopped_hours: 0, rule: FillRule::ValidHoursOnly }
    }
    fn p(code: &str, emission: f64, standard: Option<f64>, means: &[f64]) -> PollutantMonth {
        PollutantMonth { code: code.into(), name: String::new(), emission: kg(emission), standard, means: means.iter().enumerate().map(|(i, v)| (i as i64 * 3600, *v)).collect() }
    }
    fn shaanxi() -> &'static Rate {
        RATES.iter().find(|r| r.province == "61").unwrap()
    }
    fn line<'a>(lines: &'a [Line], code: &str) -> &'a Line {
        lines.iter().find(|l| l.code == code).unwrap()
    }

    #[test]
    fn an_air_outlet_pays_on_its_top_three_by_equivalents() {
        // SO2 95 kg → 100 eq; NOx 190 kg → 200 eq; 烟尘 21.8 kg → 10 eq; CO 334 kg → 20 eq;
        // HCl 10.75 kg → 1 eq. Top three: NOx, SO2, CO; 烟尘 fourth.
        let lines = outlet_month(&SETTINGS, Medium::Air, shaanxi(), &[
            p("a21026", 95.0, None, &[]),
            p("a21002", 190.0, None, &[]),
            p("a34013", 21.8, None, &[]),
            p("a21005", 334.0, None, &[]),
            p("a21024", 10.75, None, &[]),
            p("a24088", 500.0, None, &[]), // 非甲烷总烃: not in 附表二
        ]);
        assert_eq!(lines.len(), 5, "非甲烷总烃 is not taxable");
        assert!(close(line(&lines, "a21026").equivalents, 100.0));
        assert!(close(line(&lines, "a21002").equivalents, 200.0));
        assert!(close(line(&lines, "a34013").equivalents, 10.0));
        let taxed: Vec<&str> = lines.iter().filter(|l| l.taxed).map(|l| l.code.as_str()).collect();
        assert_eq!(taxed, ["a21002", "a21026", "a21005"]);
        assert_eq!(line(&lines, "a34013").why, Why::Beyond { rank: 4, limit: 3 });
        assert_eq!(line(&lines, "a21002").why, Why::Within { rank: 1, limit: 3 });
        // No standard given: no reduction; Shaanxi 1.2 元: 200 × 1.2 = 240, 100 × 1.2 = 120, 20 × 1.2 = 24.
        assert!(close(line(&lines, "a21002").tax_yuan, 240.0));
        assert!(close(line(&lines, "a21026").tax_yuan, 120.0));
        assert!(close(line(&lines, "a21005").tax_yuan, 24.0));
        assert_eq!(line(&lines, "a34013").tax_yuan, 0.0, "the fourth is not taxed");
        assert_eq!(line(&lines, "a21002").test.outcome, Outcome::NoStandard);
        // Henan's rate: 4.8 元 → 200 × 4.8 = 960.
        let henan = RATES.iter().find(|r| r.province == "41").unwrap();
        let lines = outlet_month(&SETTINGS, Medium::Air, henan, &[p("a21002", 190.0, None, &[])]);
        assert!(close(lines[0].tax_yuan, 960.0));
    }

    #[test]
    fn both_reductions_and_a_reduction_lost_by_one_exceeding_hour() {
        // Standard 100. Hourly means 40, 60 → mean 50: not below 50 % (strict), below 70 % → 0.75.
        let t = reduction(&SETTINGS, Some(100.0), &[(0, 40.0), (3600, 60.0)]);
        assert_eq!((t.outcome, t.factor), (Outcome::Below70, 0.75));
        assert!(close(t.mean.unwrap(), 50.0) && close(t.share.unwrap(), 0.5));
        // 30, 60 → 45 < 50: 0.5.
        let t = reduction(&SETTINGS, Some(100.0), &[(0, 30.0), (3600, 60.0)]);
        assert_eq!((t.outcome, t.factor), (Outcome::Below50, 0.5));
        // 69, 71 → exactly 70 %: not below 70 (strict) → 1.
        let t = reduction(&SETTINGS, Some(100.0), &[(0, 69.0), (3600, 71.0)]);
        assert_eq!((t.outcome, t.factor), (Outcome::NotBelow70, 1.0));
        // The same month with one hour at 100.5 of 720: the mean is far below 50 %, but the
        // exceeding hour cancels the reduction.
        let mut means: Vec<(i64, f64)> = (0..719).map(|i| (i * 3600, 20.0)).collect();
        means.push((719 * 3600, 100.5));
        let t = reduction(&SETTINGS, Some(100.0), &means);
        assert!(t.share.unwrap() < 0.5);
        assert_eq!(t.outcome, Outcome::Exceeded { count: 1, first_at: 719 * 3600, first_value: 100.5, max_value: 100.5 });
        assert_eq!(t.factor, 1.0);
        // An hour exactly at the standard does not exceed it.
        means[719].1 = 100.0;
        assert_eq!(reduction(&SETTINGS, Some(100.0), &means).factor, 0.5);
        // No valid hour: nothing to test.
        assert_eq!(reduction(&SETTINGS, Some(100.0), &[]).outcome, Outcome::NoValidMeans);
        // Inclusive reading (a setting): exactly 50 % and 70 % qualify.
        let mut inclusive = SETTINGS.clone();
        inclusive.reduction.comparison = Comparison::Inclusive;
        assert_eq!(reduction(&inclusive, Some(100.0), &[(0, 40.0), (3600, 60.0)]).factor, 0.5);
        assert_eq!(reduction(&inclusive, Some(100.0), &[(0, 69.0), (3600, 71.0)]).factor, 0.75);

        // Into the tax: SO2 95 kg = 100 eq × 1.2 = 120 元, × 0.75 = 90 元.
        let lines = outlet_month(&SETTINGS, Medium::Air, shaanxi(), &[p("a21026", 95.0, Some(100.0), &[40.0, 60.0])]);
        assert!(close(lines[0].gross_yuan, 120.0) && close(lines[0].tax_yuan, 90.0));
        let lines = outlet_month(&SETTINGS, Medium::Air, shaanxi(), &[p("a21026", 95.0, Some(100.0), &[30.0, 60.0])]);
        assert!(close(lines[0].tax_yuan, 60.0));
        let lines = outlet_month(&SETTINGS, Medium::Air, shaanxi(), &[p("a21026", 95.0, Some(100.0), &[30.0, 60.0, 101.0])]);
        assert!(close(lines[0].tax_yuan, 120.0), "one exceeding hour: the full 120 元");
    }

    #[test]
    fn a_water_outlet_pays_on_five_first_class_three_others_and_one_of_cod_bod_toc() {
        // Water (Shaanxi 1.4 元). Other class: COD 1000 kg → 1000 eq, BOD5 600 kg → 1200 eq,
        // TOC 49 kg → 100 eq: only BOD5 (most) is taxed of the three. NH3-N 400 kg → 500 eq,
        // SS 400 kg → 100 eq, 总磷 10 kg → 40 eq, 石油类 1 kg → 10 eq.
        // Others ranked without COD and TOC: BOD5 1200, NH3-N 500, SS 100 | 总磷 40, 石油类 10.
        // First class: 总汞 0.005 kg → 10 eq, 总镉 0.05 → 10, 总铬 0.8 → 20, 六价铬 0.2 → 10,
        // 总砷 0.1 → 5, 总铅 0.025 → 1: five of six taxed, 总铅 (1 eq) not.
        let lines = outlet_month(&SETTINGS, Medium::Water, shaanxi(), &[
            p("w01018", 1000.0, None, &[]),
            p("w01017", 600.0, None, &[]),
            p("w01020", 49.0, None, &[]),
            p("w21003", 400.0, None, &[]),
            p("w01012", 400.0, None, &[]),
            p("w21011", 10.0, None, &[]),
            p("w22001", 1.0, None, &[]),
            p("w20111", 0.005, None, &[]),
            p("w20115", 0.05, None, &[]),
            p("w20116", 0.8, None, &[]),
            p("w20117", 0.2, None, &[]),
            p("w20119", 0.1, None, &[]),
            p("w20120", 0.025, None, &[]),
            p("w21001", 300.0, None, &[]), // 总氮: not in 附表二
        ]);
        assert_eq!(lines.len(), 13);
        let taxed = |class: Class| lines.iter().filter(|l| l.taxed && l.item.class == class).map(|l| l.code.as_str()).collect::<Vec<_>>();
        assert_eq!(taxed(Class::WaterOther), ["w01017", "w21003", "w01012"]);
        let mut first = taxed(Class::WaterFirst);
        first.sort();
        assert_eq!(first, ["w20111", "w20115", "w20116", "w20117", "w20119"], "总铅 (1 eq) is the sixth");
        assert_eq!(line(&lines, "w01018").why, Why::OneOf { kept: "w01017".into() });
        assert_eq!(line(&lines, "w01020").why, Why::OneOf { kept: "w01017".into() });
        assert_eq!(line(&lines, "w21011").why, Why::Beyond { rank: 4, limit: 3 });
        assert_eq!(line(&lines, "w20120").why, Why::Beyond { rank: 6, limit: 5 });
        // BOD5: 1200 eq × 1.4 = 1680 元.
        assert!(close(line(&lines, "w01017").tax_yuan, 1680.0));
        // The water reduction is judged on daily means: 10 days at 40 of a standard 100 → 0.5.
        let lines = outlet_month(&SETTINGS, Medium::Water, shaanxi(), &[p("w01018", 1000.0, Some(100.0), &[40.0; 10])]);
        assert!(close(lines[0].tax_yuan, 1000.0 * 1.4 * 0.5));
        // A pollutant with no emission is not taxed.
        let lines = outlet_month(&SETTINGS, Medium::Water, shaanxi(), &[p("w01018", 0.0, None, &[])]);
        assert_eq!((lines[0].taxed, &lines[0].why), (false, &Why::NoEmission));
    }
}
