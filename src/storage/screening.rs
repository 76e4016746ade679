//! Reading the ledger as screening subjects: the facts of every enterprise and its
//! equipment that is not closed.

use std::collections::HashMap;

use sqlx::Row;

use super::Db;
use crate::error::Result;
use crate::ledger::model::{Equipment, EnterpriseRecord};
use crate::screening::engine::{EquipmentFacts, Subject};
use crate::screening::subjects::{enterprise_facts, equipment_facts};

pub async fn subjects(db: &Db) -> Result<Vec<Subject>> {
    let this_year = time::OffsetDateTime::now_utc().year() as i64;
    let mut intensity: HashMap<i64, f64> = HashMap::new();
    // The latest year with both figures gives the energy intensity (tce per 10,000 yuan).
    for r in sqlx::query(
        "SELECT enterprise_id, energy_tce, value_added_10k_yuan FROM yearly_figures
         WHERE energy_tce IS NOT NULL AND value_added_10k_yuan > 0 ORDER BY enterprise_id, year",
    )
    .fetch_all(&db.pool)
    .await?
    {
        let (id, e, v): (i64, f64, f64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
        intensity.insert(id, e / v);
    }
    let with_outlets: std::collections::HashSet<i64> = sqlx::query("SELECT DISTINCT enterprise_id FROM outlets")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    let mut subjects = Vec::new();
    let mut index = HashMap::new();
    for r in sqlx::query(
        "SELECT id, credit_code, name, division_code, industry_code, above_scale, env_grade, eia_approval,
                discharge_permit_no, land_use_legal
         FROM enterprises WHERE status <> 'closed' ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?
    {
        let id: i64 = r.try_get(0)?;
        let industry: String = r.try_get(4)?;
        let record = EnterpriseRecord {
            industry_code: industry.clone(),
            above_scale: r.try_get::<i64, _>(5)? != 0,
            env_grade: r.try_get(6)?,
            eia_approval: r.try_get(7)?,
            discharge_permit_no: r.try_get(8)?,
            land_use_legal: r.try_get::<i64, _>(9)? != 0,
            ..Default::default()
        };
        let facts = enterprise_facts(&record, with_outlets.contains(&id), intensity.get(&id).copied());
        index.insert(id, subjects.len());
        subjects.push(Subject {
            enterprise_id: id,
            credit_code: r.try_get(1)?,
            name: r.try_get(2)?,
            division_code: r.try_get(3)?,
            industry,
            index: crate::screening::engine::FactIndex::new(&facts, None),
            facts,
            equipment: vec![],
        });
    }
    for r in sqlx::query(
        "SELECT enterprise_id, name, kind, capacity, fuel, process, year_commissioned, specific_energy, specific_energy_unit
         FROM equipment WHERE status <> 'closed' ORDER BY enterprise_id, id",
    )
    .fetch_all(&db.pool)
    .await?
    {
        let Some(&at) = index.get(&r.try_get::<i64, _>(0)?) else { continue };
        let kind: String = r.try_get(2)?;
        let equipment = Equipment {
            kind: kind.clone(),
            capacity: r.try_get(3)?,
            fuel: r.try_get(4)?,
            process: r.try_get(5)?,
            year_commissioned: r.try_get(6)?,
            specific_energy: r.try_get(7)?,
            specific_energy_unit: r.try_get(8)?,
            ..Default::default()
        };
        let facts = equipment_facts(&equipment, this_year);
        subjects[at].equipment.push(EquipmentFacts::new(r.try_get(1)?, kind, facts));
    }
    Ok(subjects)
}
