//! The demo city's energy work (issue 18): targets assigned to its key energy users for the
//! latest year with figures (fictional, drawn from the credit code so the grades spread over the
//! scale), one diagnosis recorded, and the renovation list built from the ledger's specific
//! energy use. Loaded once: nothing happens when a target is already stored.

use crate::auth::Scope;
use crate::energy::library::LIBRARY;
use crate::error::Result;
use crate::storage::audit::Actor;
use crate::storage::energy::{self as stored, NewDiagnosis, Target};
use crate::storage::Db;

/// Actual ÷ target per enterprise, by its code: spread over the four grades.
const RATIOS: [f64; 7] = [0.90, 0.94, 0.97, 0.99, 1.02, 1.04, 1.09];

fn pick(code: &str) -> f64 {
    let h = code.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    RATIOS[(h % RATIOS.len() as u64) as usize]
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Returns the year evaluated, or `None` when the demo's energy data was already there.
pub async fn load_if_none(db: &Db) -> Result<Option<i32>> {
    let any: i64 = sqlx::query_scalar::<_, i64>("SELECT CAST(COUNT(*) AS BIGINT) FROM energy_targets").fetch_one(&db.pool).await?;
    if any > 0 {
        return Ok(None);
    }
    let Some(year) = stored::years(db, &Scope::All).await?.first().copied() else { return Ok(None) };
    let rows = stored::overview(db, &LIBRARY, &Scope::All, year).await?;
    let mut targets = Vec::new();
    for e in rows.iter().filter(|e| e.evaluation.key_user) {
        let v = &e.evaluation;
        let r = pick(&e.credit_code);
        let (Some(energy), Some(intensity)) = (v.energy_tce, v.intensity) else { continue };
        targets.push(Target {
            credit_code: e.credit_code.clone(),
            year,
            total_tce: Some(round4(energy / (r - 0.02)).max(1.0)),
            intensity: Some(round4(intensity / r).max(0.0001)),
            source: "示范数据（虚构）".into(),
        });
    }
    let actor = Actor::system();
    if !targets.is_empty() {
        stored::set_targets(db, &actor, &Scope::All, &targets).await?;
    }
    // One diagnosis recorded for the first enterprise recommended for one.
    let rows = stored::overview(db, &LIBRARY, &Scope::All, year).await?;
    if let Some(e) = rows.iter().find(|e| e.evaluation.key_user && !e.evaluation.diagnosis.is_empty()) {
        stored::record_diagnosis(
            db,
            &actor,
            &Scope::All,
            &NewDiagnosis {
                credit_code: e.credit_code.clone(),
                year,
                diagnosed_on: format!("{}-11-20", year),
                agency: "青岚市节能服务中心（虚构）".into(),
                findings: "窑炉系统热损失偏大，余热利用不足；电机系统部分设备能效低于准入水平。".into(),
                follow_up: "实施余热发电与高效电机替换，次年6月前复核。".into(),
            },
        )
        .await?;
    }
    stored::refresh(db, &LIBRARY, &actor, &Scope::All, year).await?;
    Ok(Some(year))
}
