//! The demo city's project admission review (准入审核): a new electrolytic aluminium line that
//! only adds capacity, refused with the cited rule (seed 004 line 45, which the fictional city
//! follows by adoption: `data/admission/demo.toml`), and an auto-parts plant that meets every
//! rule, admitted; both through the whole review (check, the departments' opinions, decision,
//! publication), audited like any other.

use sqlx::Row;

use crate::admission::project;
use crate::admission::workflow::{Stance, Step};
use crate::auth::{Role, Scope, Viewer};
use crate::storage::Db;
use crate::Result;

fn operator() -> Viewer {
    Viewer { user_id: 0, username: "demo".into(), display_name: String::new(), role: Role::Admin, department: None, scope: Scope::All, ip: "127.0.0.1".into() }
}

/// Load the two demo projects unless there are projects already. Returns whether it did.
pub async fn load_if_none(db: &Db) -> Result<bool> {
    let n: i64 = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM admission_projects").fetch_one(&db.pool).await?.try_get(0)?;
    if n > 0 {
        return Ok(false);
    }
    // A township of the demo county that the ledger uses (so the division is known).
    let county = super::accounts::DEMO_COUNTY;
    let row = sqlx::query("SELECT division_code FROM enterprises WHERE division_code >= $1 AND division_code < $2 AND LENGTH(division_code) >= 9 ORDER BY division_code LIMIT 1")
        .bind(county)
        .bind(format!("{county}~"))
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else { return Ok(false) };
    let division: String = row.try_get(0)?;
    let township = division[..9].to_string();
    let units = &crate::admission::catalogue::embedded().capacity_units;
    let parse = |v: serde_json::Value| project::from_value(&v, units).map_err(|e| crate::Error::other(e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")));
    let prohibited = parse(serde_json::json!({
        "name": "年产20万吨电解铝新建项目",
        "kind": "new",
        "company": { "name": "青岚新材料铝业有限公司(拟设立)" },
        "industry": "3216",
        "division": township,
        "in_park": true,
        "park": "青岚经济技术开发区",
        "products": [{ "name": "电解铝", "unit": "t/a", "added": 200000 }],
        "energy_tce": 260000,
        "coal_t": 0,
        "fuels": ["electricity"],
        "emissions": [{ "pollutant": "NOx", "t": 40, "offset_t": 40 }, { "pollutant": "SO2", "t": 120, "offset_t": 120 }]
    }))?;
    let compliant = parse(serde_json::json!({
        "name": "新能源汽车零部件智能制造项目",
        "kind": "new",
        "company": { "name": "青岚智造汽车零部件有限公司" },
        "industry": "3670",
        "division": township,
        "in_park": true,
        "park": "青岚经济技术开发区",
        "products": [{ "name": "汽车零部件", "unit": "万件/a", "added": 120 }],
        "energy_tce": 850,
        "coal_t": 0,
        "fuels": ["electricity", "natural_gas"],
        "emissions": [{ "pollutant": "VOCs", "t": 3.2, "offset_t": 3.2 }]
    }))?;
    let op = operator();
    let a = crate::storage::admission::submit(db, &op, prohibited).await?;
    let rec = crate::storage::admission::step(db, &op, a, Step::Check).await?;
    for d in rec.departments.clone() {
        let text = "属禁止新建、扩建单纯新增产能的电解铝项目,不同意".to_string();
        crate::storage::admission::step(db, &op, a, Step::Opinion { department: d, stance: Stance::Disagree, text }).await?;
    }
    let reasons = "依据《郑州市推进工业结构调整打赢污染防治攻坚战工作方案》二、(一)2.(3)(本市参照执行):原则上禁止新建、扩建单纯新增产能的电解铝项目;本项目净新增产能 200000 t/a,不予准入。".to_string();
    crate::storage::admission::step(db, &op, a, Step::Decide { approve: false, reasons }).await?;
    crate::storage::admission::step(db, &op, a, Step::Publish).await?;

    let b = crate::storage::admission::submit(db, &op, compliant).await?;
    let rec = crate::storage::admission::step(db, &op, b, Step::Check).await?;
    for d in rec.departments.clone() {
        crate::storage::admission::step(db, &op, b, Step::Opinion { department: d, stance: Stance::Agree, text: "符合准入要求".into() }).await?;
    }
    let reasons = "对照准入目录逐条审核均符合:不属禁止新增产能行业,不使用煤炭,能耗低于双控审查参数,VOCs 总量来源已落实;同意准入。".to_string();
    crate::storage::admission::step(db, &op, b, Step::Decide { approve: true, reasons }).await?;
    crate::storage::admission::step(db, &op, b, Step::Publish).await?;
    Ok(true)
}
