//! Progress figures: the campaign summary (counts and shares by disposition and division,
//! and the paragraph in the seeds' wording), the daily report per county and the monthly
//! assessment ranking (completion and timeliness, weighted by the campaign's settings).
//! Pure arithmetic over counts the storage layer gathers.

use serde::Serialize;

use super::definition::CampaignType;

#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DispositionShare {
    /// The disposition's label (关停取缔 …).
    pub disposition: String,
    pub count: i64,
    /// Percentage of all completed, two decimals.
    pub share: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DivisionCounts {
    pub code: String,
    pub name: String,
    pub surveyed: i64,
    pub excluded: i64,
    pub confirmed: i64,
    pub completed: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Summary {
    pub surveyed: i64,
    pub excluded: i64,
    pub confirmed: i64,
    /// 已完成 and 已验收 (county acceptance included).
    pub completed: i64,
    pub by_disposition: Vec<DispositionShare>,
    pub by_division: Vec<DivisionCounts>,
}

/// Percentage with two decimals (half away from zero), 0 when the whole is 0.
pub fn percent(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 * 10000.0 / whole as f64).round() / 100.0
}

/// Shares of completed by disposition, in the type's order; `completed_by` gives (disposition code, count).
pub fn shares(kind: &CampaignType, completed: i64, completed_by: &[(String, i64)]) -> Vec<DispositionShare> {
    kind.disposition
        .iter()
        .map(|d| {
            let count = completed_by.iter().filter(|(c, _)| c == &d.code).map(|(_, n)| *n).sum();
            DispositionShare { disposition: d.label.clone(), count, share: percent(count, completed) }
        })
        .collect()
}

fn share_text(s: f64) -> String {
    let t = format!("{s:.2}");
    let t = t.trim_end_matches('0').trim_end_matches('.');
    t.to_string()
}

/// The summary paragraph in the seeds' wording ("累计摸排…户，经精准识别，累计剔除…户，完成整治…户，其中关停取缔…户…").
pub fn paragraph_zh(kind: &CampaignType, s: &Summary) -> String {
    let parts: Vec<String> = s.by_disposition.iter().map(|d| format!("{}{}户", d.disposition, d.count)).collect();
    let first = kind
        .summary_zh
        .replace("{subject}", &kind.subject_zh)
        .replace("{excluded_subject}", &kind.excluded_zh)
        .replace("{surveyed}", &s.surveyed.to_string())
        .replace("{excluded}", &s.excluded.to_string())
        .replace("{completed}", &s.completed.to_string())
        .replace("{by_disposition}", &parts.join("，"));
    if s.completed == 0 {
        return first;
    }
    let shares: Vec<String> = s.by_disposition.iter().map(|d| format!("{}占{}%", d.disposition, share_text(d.share))).collect();
    let second = kind.summary_shares_zh.replace("{completed}", &s.completed.to_string()).replace("{shares}", &shares.join("，"));
    format!("{first}{second}")
}

pub fn paragraph_en(kind: &CampaignType, s: &Summary) -> String {
    let parts: Vec<String> = s
        .by_disposition
        .iter()
        .map(|d| {
            let en = kind.disposition_by_label(&d.disposition).map(|x| x.en.as_str()).unwrap_or(&d.disposition);
            format!("{} {} ({}%)", en.to_lowercase(), d.count, share_text(d.share))
        })
        .collect();
    kind.summary_en
        .replace("{subject}", &kind.subject_en)
        .replace("{surveyed}", &s.surveyed.to_string())
        .replace("{excluded}", &s.excluded.to_string())
        .replace("{completed}", &s.completed.to_string())
        .replace("{by_disposition}", &parts.join(", "))
}

/// "YYYY-MM" → (year, month).
pub fn parse_month(s: &str) -> Result<(i32, u8), crate::i18n::Msg> {
    let bad = || crate::i18n::catalogue::campaigns::not_a_month(s);
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    let y: i32 = y.parse().map_err(|_| bad())?;
    let m: u8 = m.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&m) || !(2000..=2100).contains(&y) {
        return Err(bad());
    }
    Ok((y, m))
}

/// One county's line of the daily progress report (as of a day).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DailyRow {
    pub code: String,
    pub name: String,
    pub surveyed: i64,
    pub excluded: i64,
    pub confirmed: i64,
    /// Completed (已完成 or accepted) by disposition code, in the type's order.
    pub done_by_disposition: Vec<(String, i64)>,
    pub accepted: i64,
    pub overdue: i64,
    /// Surveyed on that very day.
    pub new_today: i64,
    pub completed_today: i64,
}

/// What the monthly assessment counts for one county, as of the month's last day.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AssessmentInput {
    pub code: String,
    pub name: String,
    pub confirmed: i64,
    pub completed: i64,
    /// Completed no later than their deadline (or with no deadline).
    pub completed_on_time: i64,
    /// Still open past their deadline.
    pub overdue_open: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Weights {
    pub completion: f64,
    pub timeliness: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RankRow {
    /// 1-based; None for counties with nothing to remediate (listed last).
    pub rank: Option<usize>,
    pub code: String,
    pub name: String,
    pub confirmed: i64,
    pub completed: i64,
    /// completed / confirmed, percent.
    pub completion: f64,
    /// (confirmed − late completions − open overdue) / confirmed, percent.
    pub timeliness: f64,
    pub score: f64,
}

/// The monthly ranking: score = completion × w_c + timeliness × w_t (weights normalised to
/// sum 1), highest first; equal scores share a rank (1, 2, 2, 4) and are listed by code.
pub fn rank(inputs: &[AssessmentInput], w: &Weights) -> Vec<RankRow> {
    let total = w.completion + w.timeliness;
    let (wc, wt) = if total > 0.0 { (w.completion / total, w.timeliness / total) } else { (0.5, 0.5) };
    let mut rows: Vec<RankRow> = inputs
        .iter()
        .map(|i| {
            let late = i.completed - i.completed_on_time;
            let completion = percent(i.completed, i.confirmed);
            let timeliness = percent(i.confirmed - late - i.overdue_open, i.confirmed);
            let score = if i.confirmed == 0 { 0.0 } else { ((completion * wc + timeliness * wt) * 100.0).round() / 100.0 };
            RankRow { rank: None, code: i.code.clone(), name: i.name.clone(), confirmed: i.confirmed, completed: i.completed, completion, timeliness, score }
        })
        .collect();
    rows.sort_by(|a, b| (b.confirmed > 0).cmp(&(a.confirmed > 0)).then(b.score.total_cmp(&a.score)).then(a.code.cmp(&b.code)));
    let mut previous: Option<f64> = None;
    let mut rank = 0;
    for (n, r) in rows.iter_mut().enumerate() {
        if r.confirmed == 0 {
            continue;
        }
        if previous != Some(r.score) {
            rank = n + 1;
            previous = Some(r.score);
        }
        r.rank = Some(rank);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaigns::definition::builtin;

    #[test]
    fn the_guanzhong_figures_give_the_seeds_shares_and_wording() {
        let k = builtin("sanluanwu").unwrap();
        let by = vec![("shutdown".to_string(), 19004), ("upgrade".to_string(), 7798), ("relocate".to_string(), 344)];
        let s = Summary { surveyed: 35671, excluded: 8525, confirmed: 27146, completed: 27146, by_disposition: shares(&k, 27146, &by), by_division: vec![] };
        assert_eq!(s.by_disposition.iter().map(|d| d.share).collect::<Vec<_>>(), [70.01, 28.73, 1.27]);
        let p = paragraph_zh(&k, &s);
        assert!(
            p.starts_with("累计摸排“散乱污”工业企业35671户，经精准识别，累计剔除非“散乱污”企业8525户，完成整治27146户，其中关停取缔19004户，改造提升7798户，整合搬迁344户。"),
            "{p}"
        );
        assert!(p.ends_with("关停取缔占70.01%，改造提升占28.73%，整合搬迁占1.27%。"), "{p}");
        assert!(paragraph_en(&k, &s).contains("shut down 19004 (70.01%)"));
        assert_eq!(percent(1, 0), 0.0);
    }

    /// Worked by hand: weights 0.6 / 0.4.
    /// A: 10 confirmed, 8 done (7 on time), 1 open overdue → completion 80, timeliness (10−1−1)/10 = 80, score 80.
    /// B: 4 confirmed, 4 done on time → 100, 100, score 100.
    /// C: 5 confirmed, 2 done on time, 3 open overdue → 40, 40, score 40.
    /// D: 20 confirmed, 16 done on time, 0 overdue → 80, 100, score 88.
    /// E: nothing to remediate → unranked, last.
    #[test]
    fn the_ranking_matches_a_hand_worked_example() {
        let i = |code: &str, confirmed, completed, on_time, overdue| AssessmentInput {
            code: code.into(),
            name: code.into(),
            confirmed,
            completed,
            completed_on_time: on_time,
            overdue_open: overdue,
        };
        let rows = rank(&[i("A", 10, 8, 7, 1), i("B", 4, 4, 4, 0), i("C", 5, 2, 2, 3), i("D", 20, 16, 16, 0), i("E", 0, 0, 0, 0)], &Weights { completion: 0.6, timeliness: 0.4 });
        let got: Vec<(&str, Option<usize>, f64)> = rows.iter().map(|r| (r.code.as_str(), r.rank, r.score)).collect();
        assert_eq!(got, [("B", Some(1), 100.0), ("D", Some(2), 88.0), ("A", Some(3), 80.0), ("C", Some(4), 40.0), ("E", None, 0.0)]);
        let tie = rank(&[i("X", 2, 1, 1, 0), i("Y", 2, 1, 1, 0), i("Z", 1, 0, 0, 1)], &Weights { completion: 1.0, timeliness: 1.0 });
        assert_eq!(tie.iter().map(|r| r.rank).collect::<Vec<_>>(), [Some(1), Some(1), Some(3)]);
    }
}
