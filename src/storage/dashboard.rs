//! The leaders' dashboard (issue 14 item 4): the figures of the city — or of a county — per
//! district below it, in one query per table grouped by the district's code prefix, scoped
//! like every list (`Scope::where_clause` over alias `e`). Counted as the lists count, so each
//! figure's link shows the rows it counts: open and overdue exit cases as `/cases` (a deadline
//! running and passed), campaign items as the campaign's item list (confirmed, accepted = 销号,
//! overdue = deadline passed and not completed), exceedance episodes and open leads as their
//! lists, complaints as `/complaints` (overdue = due day passed, not closed, refused or merged).
//! Monitoring rates come from `ingest::device_statuses` and `storage::averages::overview`, the
//! figures of `/monitoring`.

use std::collections::BTreeMap;

use sqlx::Row;

use super::Db;
use crate::auth::Scope;
use crate::error::Result;

/// One district's figures (a county of the city, or a township of a county).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub enterprises: i64,
    /// Exit and rectification cases not closed (neither exited nor compliant nor published).
    pub cases_open: i64,
    /// Cases past their running deadline (rectification, exit).
    pub cases_overdue: i64,
    /// Cases whose capacity left production.
    pub cases_exited: i64,
    /// Campaign items confirmed for remediation, accepted (销号), overdue.
    pub campaign_confirmed: i64,
    pub campaign_accepted: i64,
    pub campaign_overdue: i64,
    /// Loggers registered and online (an authenticated packet within 10 minutes).
    pub devices: i64,
    pub devices_online: i64,
    /// Yesterday's hours (Beijing day): expected, received, valid, over all outlets with a logger.
    pub hours_expected: i64,
    pub hours_received: i64,
    pub hours_valid: i64,
    /// Exceedance episodes starting in the last `RECENT_DAYS` days; leads still open.
    pub episodes: i64,
    pub leads_open: i64,
    /// Complaints received in the last `RECENT_DAYS` days, overdue now, answered (answered or closed).
    pub complaints: i64,
    pub complaints_overdue: i64,
    pub complaints_answered: i64,
}

/// The window of "recent" figures (episodes, complaints received), in days.
pub const RECENT_DAYS: i64 = 30;

impl Figures {
    pub fn add(&mut self, o: &Figures) {
        self.enterprises += o.enterprises;
        self.cases_open += o.cases_open;
        self.cases_overdue += o.cases_overdue;
        self.cases_exited += o.cases_exited;
        self.campaign_confirmed += o.campaign_confirmed;
        self.campaign_accepted += o.campaign_accepted;
        self.campaign_overdue += o.campaign_overdue;
        self.devices += o.devices;
        self.devices_online += o.devices_online;
        self.hours_expected += o.hours_expected;
        self.hours_received += o.hours_received;
        self.hours_valid += o.hours_valid;
        self.episodes += o.episodes;
        self.leads_open += o.leads_open;
        self.complaints += o.complaints;
        self.complaints_overdue += o.complaints_overdue;
        self.complaints_answered += o.complaints_answered;
    }

    /// 在线率: loggers online ÷ registered.
    pub fn online_rate(&self) -> Option<f64> {
        (self.devices > 0).then(|| self.devices_online as f64 / self.devices as f64)
    }

    /// 有效传输率 of yesterday, as `monitoring::rates` defines it, over the district's outlets.
    pub fn effective_transmission(&self) -> Option<f64> {
        crate::monitoring::rates::Counts { expected: self.hours_expected as u32, received: self.hours_received as u32, valid: self.hours_valid as u32 }
            .effective_transmission()
    }

    /// Share of confirmed campaign items accepted (销号率).
    pub fn campaign_share(&self) -> Option<f64> {
        (self.campaign_confirmed > 0).then(|| self.campaign_accepted as f64 / self.campaign_confirmed as f64)
    }
}

/// The figures per district: districts are the division codes' first `unit_len` digits (6:
/// counties of a city, 9: townships of a county), inside `scope` and below `within` (a division
/// the viewer narrowed to, or none). `today` is the Beijing date, `now` Unix seconds.
pub async fn figures(db: &Db, scope: &Scope, within: Option<&str>, unit_len: usize, today: time::Date, now: i64) -> Result<BTreeMap<String, Figures>> {
    let mut out: BTreeMap<String, Figures> = BTreeMap::new();
    if matches!(scope, Scope::Enterprise(_) | Scope::Nothing) {
        return Ok(out);
    }
    let today_s = crate::storage::cases::format_day(today);
    let since = now - RECENT_DAYS * 86_400;
    // Stored times are RFC 3339 UTC with three fraction digits, so text order is time order.
    let since_rfc = time::OffsetDateTime::from_unix_timestamp(since)
        .ok()
        .and_then(|t| t.format(time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].000Z")).ok())
        .unwrap_or_default();
    let unit = format!("SUBSTR(e.division_code, 1, {unit_len})");
    // The counted columns' own parameters come first ($1 …), the scope's and `within`'s after,
    // so that placeholders are numbered in the order they appear.
    let with_extra = |table: &str, columns: &str, extra: &[String]| -> (String, Vec<String>, Vec<String>) {
        let (within_sql, mut binds) = scope.where_clause(extra.len() + 1);
        let mut sql = format!("SELECT {unit}, {columns} FROM {table} e WHERE {within_sql}");
        if let Some(w) = within.filter(|w| !w.is_empty()) {
            let prefix = crate::ledger::codes::subtree_prefix(w).to_string();
            let upper = crate::ledger::filter::prefix_upper_bound(&prefix).unwrap_or_else(|| format!("{prefix}:"));
            binds.push(prefix);
            binds.push(upper);
            let n = extra.len() + binds.len();
            sql.push_str(&format!(" AND e.division_code >= ${} AND e.division_code < ${n}", n - 1));
        }
        sql.push_str(&format!(" GROUP BY {unit}"));
        for i in (1..=extra.len()).rev() {
            sql = sql.replace(&format!("?{i}"), &format!("${i}"));
        }
        (sql, extra.to_vec(), binds)
    };
    async fn run(db: &Db, sql: &str, first: &[String], then: &[String]) -> Result<Vec<(String, Vec<i64>)>> {
        let mut q = sqlx::query(sql);
        for b in first.iter().chain(then) {
            q = q.bind(b.clone());
        }
        let rows = q.fetch_all(&db.pool).await?;
        rows.iter()
            .map(|r| {
                let code: String = r.try_get(0)?;
                let n = r.columns().len();
                let v = (1..n).map(|i| r.try_get::<Option<i64>, _>(i).map(|x| x.unwrap_or(0))).collect::<std::result::Result<Vec<_>, _>>()?;
                Ok((code, v))
            })
            .collect()
    }

    let (sql, binds, extra) = with_extra("enterprises", "CAST(COUNT(*) AS BIGINT)", &[]);
    for (code, v) in run(db, &sql, &binds, &extra).await? {
        out.entry(code).or_default().enterprises = v[0];
    }
    let (sql, binds, extra) = with_extra(
        "cases",
        "CAST(SUM(CASE WHEN e.exited_on IS NULL AND e.state NOT IN ('compliant', 'published') THEN 1 ELSE 0 END) AS BIGINT),
         CAST(SUM(CASE WHEN e.deadline IS NOT NULL AND e.deadline < ?1
                  AND e.state IN ('rectifying', 'extension_requested', 'exit_ordered', 'utilities_cut', 'drive_units_removed') THEN 1 ELSE 0 END) AS BIGINT),
         CAST(SUM(CASE WHEN e.exited_on IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT)",
        &[today_s.clone()],
    );
    for (code, v) in run(db, &sql, &binds, &extra).await? {
        let f = out.entry(code).or_default();
        (f.cases_open, f.cases_overdue, f.cases_exited) = (v[0], v[1], v[2]);
    }
    let (sql, binds, extra) = with_extra(
        "campaign_items",
        "CAST(SUM(CASE WHEN e.verdict = 'confirmed' THEN 1 ELSE 0 END) AS BIGINT),
         CAST(SUM(CASE WHEN e.verdict = 'confirmed' AND e.status = 'accepted' THEN 1 ELSE 0 END) AS BIGINT),
         CAST(SUM(CASE WHEN e.verdict = 'confirmed' AND e.deadline < ?1 AND e.status IN ('not_started', 'in_progress') THEN 1 ELSE 0 END) AS BIGINT)",
        &[today_s.clone()],
    );
    for (code, v) in run(db, &sql, &binds, &extra).await? {
        let f = out.entry(code).or_default();
        (f.campaign_confirmed, f.campaign_accepted, f.campaign_overdue) = (v[0], v[1], v[2]);
    }
    let (sql, binds, extra) = with_extra("exceedance_episodes", &format!("CAST(SUM(CASE WHEN e.starts_at >= {since} THEN 1 ELSE 0 END) AS BIGINT)"), &[]);
    for (code, v) in run(db, &sql, &binds, &extra).await? {
        out.entry(code).or_default().episodes = v[0];
    }
    let (sql, binds, extra) = with_extra("leads", "CAST(SUM(CASE WHEN e.status = 'open' THEN 1 ELSE 0 END) AS BIGINT)", &[]);
    for (code, v) in run(db, &sql, &binds, &extra).await? {
        out.entry(code).or_default().leads_open = v[0];
    }
    let (sql, binds, extra) = with_extra(
        "complaints",
        "CAST(SUM(CASE WHEN e.received_at >= ?1 THEN 1 ELSE 0 END) AS BIGINT),
         CAST(SUM(CASE WHEN e.due_on < ?2 AND e.stage NOT IN ('closed', 'not_accepted', 'merged') THEN 1 ELSE 0 END) AS BIGINT),
         CAST(SUM(CASE WHEN e.stage IN ('answered', 'closed') THEN 1 ELSE 0 END) AS BIGINT)",
        &[since_rfc, today_s.clone()],
    );
    for (code, v) in run(db, &sql, &binds, &extra).await? {
        let f = out.entry(code).or_default();
        (f.complaints, f.complaints_overdue, f.complaints_answered) = (v[0], v[1], v[2]);
    }
    // Monitoring: the loggers' status now and yesterday's hours, as /monitoring shows them.
    let in_view = |division: &str, credit: &str| scope.admits(division, credit) && within.map(|w| division.starts_with(crate::ledger::codes::subtree_prefix(w))).unwrap_or(true);
    for d in crate::ingest::device_statuses(db, None).await? {
        let division = d.division_code.clone().unwrap_or_default();
        if division.len() < unit_len || !d.enabled || !in_view(&division, &d.credit_code) {
            continue;
        }
        let f = out.entry(division[..unit_len].to_string()).or_default();
        f.devices += 1;
        f.devices_online += i64::from(d.online);
    }
    let yesterday = crate::monitoring::clock::day_start(now) - 86_400;
    for r in crate::storage::averages::overview(db, yesterday).await? {
        if r.division_code.len() < unit_len || !in_view(&r.division_code, &r.credit_code) {
            continue;
        }
        let f = out.entry(r.division_code[..unit_len].to_string()).or_default();
        f.hours_expected += 24;
        f.hours_received += i64::from(r.received_hours);
        f.hours_valid += i64::from(r.valid_hours);
    }
    Ok(out)
}

/// The divisions' own names (青城区, not the full path), for the districts of the dashboard.
pub async fn division_names(db: &Db, codes: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for chunk in codes.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT code, name FROM divisions WHERE code IN ({})", marks.join(", "));
        let mut q = sqlx::query(&sql);
        for c in chunk {
            q = q.bind(c.clone());
        }
        for r in q.fetch_all(&db.pool).await? {
            out.insert(r.try_get(0)?, r.try_get(1)?);
        }
    }
    Ok(out)
}

/// A measure on which a district can be behind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    CasesOverdue,
    CampaignOverdue,
    CampaignShare,
    OnlineRate,
    EffectiveTransmission,
    Episodes,
    LeadsOpen,
    ComplaintsOverdue,
}

impl Measure {
    pub const ALL: [Measure; 8] = [
        Measure::CasesOverdue,
        Measure::CampaignOverdue,
        Measure::CampaignShare,
        Measure::OnlineRate,
        Measure::EffectiveTransmission,
        Measure::Episodes,
        Measure::LeadsOpen,
        Measure::ComplaintsOverdue,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Measure::CasesOverdue => "cases_overdue",
            Measure::CampaignOverdue => "campaign_overdue",
            Measure::CampaignShare => "campaign_share",
            Measure::OnlineRate => "online_rate",
            Measure::EffectiveTransmission => "effective_transmission",
            Measure::Episodes => "episodes",
            Measure::LeadsOpen => "leads_open",
            Measure::ComplaintsOverdue => "complaints_overdue",
        }
    }

    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == s)
    }

    /// A rate (0–1, lower is worse) rather than a count (higher is worse).
    pub fn is_rate(self) -> bool {
        matches!(self, Measure::CampaignShare | Measure::OnlineRate | Measure::EffectiveTransmission)
    }

    /// The district's value; `None` where it has nothing to measure (no loggers, no campaign items).
    pub fn value(self, f: &Figures) -> Option<f64> {
        match self {
            Measure::CasesOverdue => Some(f.cases_overdue as f64),
            Measure::CampaignOverdue => Some(f.campaign_overdue as f64),
            Measure::CampaignShare => f.campaign_share(),
            Measure::OnlineRate => f.online_rate(),
            Measure::EffectiveTransmission => f.effective_transmission(),
            Measure::Episodes => Some(f.episodes as f64),
            Measure::LeadsOpen => Some(f.leads_open as f64),
            Measure::ComplaintsOverdue => Some(f.complaints_overdue as f64),
        }
    }

    /// How far behind a value is, 0 (not at all) – 1 (the worst of these districts), for colours.
    pub fn severity(self, value: Option<f64>, worst: f64) -> f64 {
        match value {
            None => 0.0,
            Some(v) if self.is_rate() => (1.0 - v).clamp(0.0, 1.0) / (1.0 - worst).max(1e-9),
            Some(v) => v / worst.max(1.0),
        }
        .clamp(0.0, 1.0)
    }
}

/// The districts behind on a measure, the furthest behind first: counts above zero, rates
/// below 100 %; ties by district code. Districts with nothing to measure are left out.
pub fn behind(units: &BTreeMap<String, Figures>, m: Measure) -> Vec<(String, f64)> {
    let mut v: Vec<(String, f64)> = units
        .iter()
        .filter_map(|(code, f)| m.value(f).map(|x| (code.clone(), x)))
        .filter(|(_, x)| if m.is_rate() { *x < 1.0 } else { *x > 0.0 })
        .collect();
    v.sort_by(|a, b| {
        let order = if m.is_rate() { a.1.total_cmp(&b.1) } else { b.1.total_cmp(&a.1) };
        order.then(a.0.cmp(&b.0))
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_behind_are_ranked_worst_first() {
        let mut units = BTreeMap::new();
        units.insert("612001".to_string(), Figures { cases_overdue: 2, devices: 10, devices_online: 9, ..Default::default() });
        units.insert("612002".to_string(), Figures { cases_overdue: 5, devices: 4, devices_online: 4, ..Default::default() });
        units.insert("612003".to_string(), Figures { cases_overdue: 0, devices: 0, ..Default::default() });
        let b = behind(&units, Measure::CasesOverdue);
        assert_eq!(b, vec![("612002".to_string(), 5.0), ("612001".to_string(), 2.0)]);
        // A rate: below 100 % is behind; no loggers is nothing to measure.
        assert_eq!(behind(&units, Measure::OnlineRate), vec![("612001".to_string(), 0.9)]);
        assert!(behind(&units, Measure::CampaignShare).is_empty());
        assert_eq!(Measure::CasesOverdue.severity(Some(5.0), 5.0), 1.0);
        assert_eq!(Measure::OnlineRate.severity(Some(1.0), 0.9), 0.0);
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.code()), Some(m));
        }
    }
}
