//! The demo city's running 散乱污 campaign, modelled on the Guanzhong proportions (seed 001:
//! about a quarter of the surveyed excluded; of the remediated 70% shut down, 28.73% upgraded,
//! 1.27% relocated). The figures are fictional, generated from a seed: township survey rows,
//! identification, dispositions in progress, accepted closures, and closed sites in the demo
//! grid inspector's cells due for a patrol. Loaded through the same import and workflow as real data.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::auth::Scope;
use crate::campaigns::photo::sample_jpeg;
use crate::campaigns::workflow::Action;
use crate::error::Result;
use crate::storage::audit::Actor;
use crate::storage::campaigns::{self as store, DevicePosition, NewCampaign};
use crate::storage::cases::{format_day, parse_day};
use crate::storage::Db;

pub const CAMPAIGN_NAME: &str = "青岚市2026年“散乱污”工业企业综合整治";


/// Create the demo campaign unless one exists; returns its id.
/// `inspector_cells` are the demo grid inspector's: closed sites and candidates are put there
/// too, so that the phone page has today's patrols and field checks to show.
pub async fn load(db: &Db, seed: u64, inspector_cells: &[String]) -> Result<Option<i64>> {
    if !store::list(db, &Scope::All).await?.is_empty() {
        return Ok(None);
    }
    let actor = Actor { name: "demo".into(), role: "system".into(), ip: String::new() };
    let today = store::today();
    let start = today - time::Duration::days(120);
    let new = NewCampaign {
        name: CAMPAIGN_NAME.into(),
        type_code: "sanluanwu".into(),
        definition: None,
        division_code: super::CITY_CODE.into(),
        start,
        end: today + time::Duration::days(120),
        target: Some(400),
    };
    let id = store::create(db, &actor, &new).await?;
    // The candidates are the demo ledger's small enterprises below designated size (the
    // survey matches them by credit code, so the ledger keeps its size): those in the demo grid
    // inspector's cells first, so that the phone page has patrols and field checks to show.
    let small: Vec<(String, String, String, String, Option<f64>, Option<f64>)> = sqlx::query_as(
        "SELECT credit_code, name, address, division_code, longitude, latitude FROM enterprises WHERE above_scale = 0 AND division_code LIKE '6120%' ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    let (mut near, far): (Vec<_>, Vec<_>) = small.into_iter().partition(|e| inspector_cells.iter().any(|c| e.3.starts_with(c.as_str())));
    let near_count = near.len().min(20);
    near.truncate(20);
    let candidates: Vec<_> = near.into_iter().chain(far).take(480).collect();
    if candidates.is_empty() {
        return Ok(Some(id));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5a1a);
    let mut csv = String::from("区划代码,名称,地址,统一社会信用代码,核查结论,排除原因,整治方式,整治状态,经度,纬度,摸排日期,完成日期,验收日期,整治期限\n");
    let reasons = ["经核查手续齐全、达标排放", "已办理环评及排污许可", "属于居民生活服务网点", "已停产多年，设备已拆除"];
    let day = |d: Option<time::Date>| d.map(format_day).unwrap_or_default();
    for (n, (code, name, address, cell, lon, lat)) in candidates.iter().enumerate() {
        let near = n < near_count;
        let clean = |s: &str| s.replace([',', '"', '\n'], " ");
        let (name, address) = (clean(name), clean(address));
        let (x, y) = (lon.map(|v| format!("{v:.6}")).unwrap_or_default(), lat.map(|v| format!("{v:.6}")).unwrap_or_default());
        let mut surveyed = start + time::Duration::days(rng.gen_range(0..60));
        // (核查结论, 排除原因, 整治方式, 整治状态, 完成日期, 验收日期, 整治期限)
        let (verdict, reason, method, status, done, accepted, deadline): (&str, &str, &str, &str, Option<time::Date>, Option<time::Date>, Option<time::Date>);
        let roll: f64 = rng.gen_range(0.0..1.0);
        if near && n < 14 {
            // Closed 8 to 40 days ago and accepted: due for a patrol on the weekly cycle.
            let d = today - time::Duration::days(rng.gen_range(8..40));
            surveyed = surveyed.min(d - time::Duration::days(5));
            (verdict, reason, method, status, done, accepted, deadline) = ("确认", "", "关停取缔", "已验收", Some(d), Some((d + time::Duration::days(3)).min(today)), None);
        } else if near || roll < 0.06 {
            (verdict, reason, method, status, done, accepted, deadline) = ("待核查", "", "", "", None, None, None);
        } else if roll < 0.29 {
            (verdict, reason, method, status, done, accepted, deadline) = ("排除", reasons[rng.gen_range(0..reasons.len())], "", "", None, None, None);
        } else {
            let d: f64 = rng.gen_range(0.0..1.0);
            let (m, limit) = if d < 0.70 {
                ("关停取缔", None)
            } else if d < 0.9873 {
                ("改造提升", Some(surveyed + time::Duration::days(rng.gen_range(60..150))))
            } else {
                ("整合搬迁", None)
            };
            let completed = (surveyed + time::Duration::days(rng.gen_range(5..50))).min(today - time::Duration::days(1));
            let acc = (completed + time::Duration::days(rng.gen_range(3..20))).min(today);
            let p: f64 = rng.gen_range(0.0..1.0);
            let (st, dn, ac) = if p < 0.12 {
                ("未开始", None, None)
            } else if p < 0.30 {
                ("整治中", None, None)
            } else if p < 0.55 {
                ("已完成", Some(completed), None)
            } else {
                ("已验收", Some(completed), Some(acc))
            };
            (verdict, reason, method, status, done, accepted, deadline) = ("确认", "", m, st, dn, ac, limit);
        }
        csv.push_str(&format!(
            "{cell},{name},{address},{code},{verdict},{reason},{method},{status},{x},{y},{},{},{},{}\n",
            format_day(surveyed),
            day(done),
            day(accepted),
            day(deadline)
        ));
    }
    let campaign = store::get(db, &Scope::All, id).await?;
    let table = crate::campaigns::survey::read_csv(csv.as_bytes()).map_err(crate::Error::rejected)?;
    let rows = crate::campaigns::survey::parse(&table, &campaign.kind, &campaign.division_code).map_err(crate::Error::rejected)?;
    store::import(db, &actor, &Scope::All, id, &rows).await?;
    // Field work in progress, through the workflow: one closure half-way through 两断三清 (with
    // photos), one candidate checked and confirmed with its disposition.
    let items = store::items(db, &Scope::All, id, &store::ItemFilter { limit: Some(1000), ..Default::default() }).await?;
    if let Some(it) = items.iter().find(|i| i.disposition.as_deref() == Some("shutdown") && i.status.as_deref() == Some("not_started")) {
        for step in ["cut_water", "cut_power"] {
            let jpeg = sample_jpeg(&format!("{} 09:30:00", format_day(today - time::Duration::days(2))), it.latitude.unwrap_or(34.0), it.longitude.unwrap_or(108.0));
            store::add_photo(db, &actor, &Scope::All, it.id, step, &format!("{step}.jpg"), &jpeg, DevicePosition::default()).await?;
            store::apply(db, &actor, &Scope::All, it.id, Action::DoStep { step: step.into(), value: String::new() }).await?;
        }
    }
    if let Some(it) = items.iter().find(|i| i.verdict == "pending") {
        store::apply(db, &actor, &Scope::All, it.id, Action::CheckCriteria(vec!["san_outside_park".into(), "wu_no_controls".into()])).await?;
        store::apply(db, &actor, &Scope::All, it.id, Action::Confirm).await?;
        store::apply(db, &actor, &Scope::All, it.id, Action::Assign { disposition: "upgrade".into(), deadline: parse_day(&format_day(today + time::Duration::days(90))) }).await?;
    }
    Ok(Some(id))
}
