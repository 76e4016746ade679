//! Ledger queries: divisions, the enterprise list, the dossier, import and export.

use std::collections::{HashMap, HashSet};

use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::audit::{Actor, AuditWriter, NewEntry};
use super::batch::{self, Value};
use super::Db;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::excel::ParsedLedger;
use crate::ledger::codes::{GBT2260, INDUSTRIES};
use crate::ledger::model::*;
use crate::i18n::catalogue::ledger as ledger_msg;
use crate::ledger::{ListFilter, Problem};

/// Load the GB/T 2260 list into `divisions` the first time a database is opened.
pub async fn seed_reference(db: &Db) -> Result<()> {
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM divisions WHERE source = 'gbt2260'")
        .fetch_one(&db.pool)
        .await?
        .try_get(0)?;
    if n > 0 {
        return Ok(());
    }
    let rows: Vec<Division> = GBT2260
        .iter()
        .map(|d| Division {
            code: d.code.clone(),
            name: d.name_zh.clone(),
            level: d.level.clone(),
            parent: Some(d.parent.clone()).filter(|p| !p.is_empty()),
        })
        .collect();
    upsert_divisions(db, &rows, "gbt2260").await
}

pub async fn upsert_divisions(db: &Db, rows: &[Division], source: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    for d in rows {
        sqlx::query(
            "INSERT INTO divisions (code, name, level, parent, source) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent = excluded.parent",
        )
        .bind(&d.code)
        .bind(&d.name)
        .bind(&d.level)
        .bind(&d.parent)
        .bind(source)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn division_of(row: &AnyRow) -> Result<Division> {
    Ok(Division { code: row.try_get(0)?, name: row.try_get(1)?, level: row.try_get(2)?, parent: row.try_get(3)? })
}

/// Children of a division (or the top level when `parent` is None).
pub async fn divisions(db: &Db, parent: Option<&str>) -> Result<Vec<Division>> {
    let rows = match parent {
        Some(p) => {
            sqlx::query("SELECT code, name, level, parent FROM divisions WHERE parent = $1 ORDER BY code")
                .bind(p)
                .fetch_all(&db.pool)
                .await?
        }
        None => {
            sqlx::query("SELECT code, name, level, parent FROM divisions WHERE parent IS NULL ORDER BY code")
                .fetch_all(&db.pool)
                .await?
        }
    };
    rows.iter().map(division_of).collect()
}

/// Divisions that hold enterprises, down to county level, for filter menus.
///
/// The counties in use are found by a skip scan over the `enterprises_division` index: start
/// at the smallest division code, take its county (6 digits), seek to the first code past that
/// county, and so on — one index seek per county that holds enterprises. (The former query asked,
/// for each of the country's ~3,200 cities and counties, whether any enterprise code was LIKE its
/// prefix: a LIKE over a concatenation no index serves, i.e. a scan of the ledger per division,
/// 1.5–2.5 s on the demo city. Measured in BENCHMARKS.md.) Division codes are digits with no
/// leading zero (GB/T 2260), so "next county" is the county as a number plus one.
pub async fn divisions_in_use(db: &Db) -> Result<Vec<Division>> {
    let rows = sqlx::query(
        "WITH RECURSIVE used(code) AS (
            SELECT (SELECT MIN(division_code) FROM enterprises)
            UNION ALL
            SELECT (SELECT MIN(e.division_code) FROM enterprises e
                    WHERE e.division_code >= CAST(CAST(SUBSTR(used.code, 1, 6) AS BIGINT) + 1 AS TEXT))
            FROM used WHERE used.code IS NOT NULL AND LENGTH(used.code) >= 6
         )
         SELECT code, name, level, parent FROM divisions
         WHERE (level = 'county' AND code IN (SELECT SUBSTR(code, 1, 6) FROM used WHERE code IS NOT NULL))
            OR (level = 'city' AND code IN (SELECT SUBSTR(code, 1, 4) || '00' FROM used WHERE code IS NOT NULL))
         ORDER BY code",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(division_of).collect()
}

/// The prefixes of a division code that name its ancestors from the city down, and the code.
fn lineage(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    if code.len() >= 6 && code.is_char_boundary(6) {
        out.push(format!("{}00", &code[..4]));
        out.push(code[..6].to_string());
        for n in [9, 12] {
            if code.len() >= n && code.is_char_boundary(n) {
                out.push(code[..n].to_string());
            }
        }
    }
    if !out.contains(&code.to_string()) {
        out.push(code.to_string());
    }
    out.dedup();
    out
}

/// Full names of divisions from the city down ("青岚市·渭川区·…·第3网格"), in one query for
/// all the codes given. A code that is not in the table keeps its ancestors' names and shows
/// itself as the code; a code nothing is known of maps to itself.
pub async fn full_names<'a>(db: &Db, codes: impl IntoIterator<Item = &'a str>) -> Result<HashMap<String, String>> {
    let wanted: Vec<String> = codes.into_iter().map(str::to_string).collect::<HashSet<_>>().into_iter().collect();
    let mut all: Vec<String> = wanted.iter().flat_map(|c| lineage(c)).collect::<HashSet<_>>().into_iter().collect();
    all.sort();
    let mut names: HashMap<String, (String, String)> = HashMap::new();
    for chunk in all.chunks(500) {
        let marks = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("SELECT code, name, level FROM divisions WHERE code IN ({marks})");
        let mut q = sqlx::query(&sql);
        for c in chunk {
            q = q.bind(c);
        }
        for row in q.fetch_all(&db.pool).await? {
            names.insert(row.try_get(0)?, (row.try_get(1)?, row.try_get(2)?));
        }
    }
    Ok(wanted
        .into_iter()
        .map(|code| {
            let parts: Vec<String> = lineage(&code)
                .iter()
                .filter_map(|c| match names.get(c) {
                    Some((name, _)) => Some(name.clone()),
                    None if *c == code => Some(code.clone()),
                    None => None,
                })
                .collect();
            let joined = parts.join("·");
            (code, joined)
        })
        .collect())
}

/// Enterprise names by credit code (for lists that hold codes: leads, episodes); codes not in
/// the ledger are absent.
pub async fn enterprise_names<'a>(db: &Db, codes: impl IntoIterator<Item = &'a str>) -> Result<HashMap<String, String>> {
    let wanted: Vec<String> = codes.into_iter().map(str::to_string).collect::<HashSet<_>>().into_iter().collect();
    let mut names = HashMap::new();
    for chunk in wanted.chunks(500) {
        let marks = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("SELECT credit_code, name FROM enterprises WHERE credit_code IN ({marks})");
        let mut q = sqlx::query(&sql);
        for c in chunk {
            q = q.bind(c);
        }
        for row in q.fetch_all(&db.pool).await? {
            names.insert(row.try_get(0)?, row.try_get(1)?);
        }
    }
    Ok(names)
}

/// From the province down to `code` itself.
pub async fn division_path(db: &Db, code: &str) -> Result<Vec<Division>> {
    let mut candidates = Vec::new();
    if code.len() >= 6 {
        candidates.push(format!("{}0000", &code[..2]));
        candidates.push(format!("{}00", &code[..4]));
        candidates.push(code[..6].to_string());
    }
    if code.len() >= 9 {
        candidates.push(code[..9].to_string());
    }
    if code.len() >= 12 {
        candidates.push(code[..12].to_string());
    }
    candidates.dedup();
    let mut path = Vec::new();
    for c in candidates {
        if let Some(row) = sqlx::query("SELECT code, name, level, parent FROM divisions WHERE code = $1")
            .bind(&c)
            .fetch_optional(&db.pool)
            .await?
        {
            path.push(division_of(&row)?);
        }
    }
    Ok(path)
}

const SUMMARY_COLUMNS: &str = "e.id, e.credit_code, e.name, e.division_code, COALESCE(d.name, ''), e.industry_code, e.status, e.env_grade, e.above_scale";

fn summary_of(row: &AnyRow) -> Result<EnterpriseSummary> {
    let industry_code: String = row.try_get(5)?;
    Ok(EnterpriseSummary {
        id: row.try_get(0)?,
        credit_code: row.try_get(1)?,
        name: row.try_get(2)?,
        division_code: row.try_get(3)?,
        division_name: row.try_get(4)?,
        industry_name: INDUSTRIES.name(&industry_code).to_string(),
        industry_code,
        status: row.try_get(6)?,
        env_grade: row.try_get(7)?,
        above_scale: row.try_get::<i64, _>(8)? != 0,
    })
}

/// The filter's condition and the viewer's scope, over enterprise alias `e`.
fn scoped(scope: &Scope, filter: &ListFilter) -> (String, Vec<String>) {
    let (cond, mut binds) = filter.where_clause(1);
    let (within, more) = scope.where_clause(1 + binds.len());
    binds.extend(more);
    (format!("{cond} AND {within}"), binds)
}

pub async fn list(db: &Db, scope: &Scope, filter: &ListFilter) -> Result<Page<EnterpriseSummary>> {
    let (cond, binds) = scoped(scope, filter);
    let count_sql = format!("SELECT COUNT(*) FROM enterprises e WHERE {cond}");
    let cache_key = format!("{count_sql}\u{1}{}", binds.join("\u{1}"));
    let total = match db.counts.get(&cache_key) {
        Some(total) => total,
        None => {
            let generation = db.counts.generation();
            let mut q = sqlx::query(&count_sql);
            for b in &binds {
                q = q.bind(b);
            }
            let total: i64 = q.fetch_one(&db.pool).await?.try_get(0)?;
            db.counts.put(cache_key, total, generation);
            total
        }
    };
    let (page, per_page) = (filter.page(), filter.per_page());
    // Deferred join: page through ids alone (the primary key), then fetch and join only
    // the rows of this page; deep pages would otherwise join every skipped row.
    // LIMIT and OFFSET are written into the SQL (they are integers we computed): bound
    // LIMIT parameters keep SQLite from planning the page as a bounded rowid scan.
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM (SELECT e.id FROM enterprises e WHERE {cond} ORDER BY e.id LIMIT {} OFFSET {}) p
         JOIN enterprises e ON e.id = p.id LEFT JOIN divisions d ON d.code = e.division_code ORDER BY e.id",
        per_page,
        (page as u64 - 1) * per_page as u64
    );
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    let rows = q.fetch_all(&db.pool).await?;
    let items = rows.iter().map(summary_of).collect::<Result<_>>()?;
    Ok(Page { items, total, page, per_page })
}

const ENTERPRISE_COLUMNS: &str = "e.id, e.credit_code, e.name, e.division_code, e.industry_code, e.address, e.longitude, e.latitude, \
    e.above_scale, e.size_class, e.status, e.business_licence, e.eia_approval, e.discharge_permit_no, e.land_use_legal, \
    e.env_grade, e.legal_representative, e.contact_phone, e.created_at, e.updated_at";

fn enterprise_of(row: &AnyRow) -> Result<Enterprise> {
    let flag = |i: usize| -> Result<bool> { Ok(row.try_get::<i64, _>(i)? != 0) };
    Ok(Enterprise {
        id: row.try_get(0)?,
        record: EnterpriseRecord {
            credit_code: row.try_get(1)?,
            name: row.try_get(2)?,
            division_code: row.try_get(3)?,
            industry_code: row.try_get(4)?,
            address: row.try_get(5)?,
            longitude: row.try_get(6)?,
            latitude: row.try_get(7)?,
            above_scale: flag(8)?,
            size_class: row.try_get(9)?,
            status: row.try_get(10)?,
            business_licence: flag(11)?,
            eia_approval: row.try_get(12)?,
            discharge_permit_no: row.try_get(13)?,
            land_use_legal: flag(14)?,
            env_grade: row.try_get(15)?,
            legal_representative: row.try_get(16)?,
            contact_phone: row.try_get(17)?,
        },
        created_at: row.try_get(18)?,
        updated_at: row.try_get(19)?,
    })
}

/// Children of a set of enterprises, grouped by enterprise id. `scope` is a SQL
/// condition on `e` selecting the enterprises, with its binds.
struct Children {
    lines: HashMap<i64, Vec<ProductionLine>>,
    equipment: HashMap<i64, Vec<Equipment>>,
    outlets: HashMap<i64, Vec<Outlet>>,
    yearly: HashMap<i64, Vec<YearlyFigures>>,
    activity: HashMap<i64, Vec<ActivityData>>,
}

async fn fetch(db: &Db, sql: &str, binds: &[String]) -> Result<Vec<AnyRow>> {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(b);
    }
    Ok(q.fetch_all(&db.pool).await?)
}

async fn children(db: &Db, scope: &str, binds: &[String]) -> Result<Children> {
    let within = format!("enterprise_id IN (SELECT e.id FROM enterprises e WHERE {scope})");
    let mut c = Children { lines: HashMap::new(), equipment: HashMap::new(), outlets: HashMap::new(), yearly: HashMap::new(), activity: HashMap::new() };
    for row in fetch(db, &format!(
        "SELECT enterprise_id, name, product, capacity, capacity_unit, status FROM production_lines WHERE {within} ORDER BY enterprise_id, id"
    ), binds)
    .await?
    {
        c.lines.entry(row.try_get(0)?).or_default().push(ProductionLine {
            name: row.try_get(1)?,
            product: row.try_get(2)?,
            capacity: row.try_get(3)?,
            capacity_unit: row.try_get(4)?,
            status: row.try_get(5)?,
        });
    }
    for row in fetch(db, &format!(
        "SELECT enterprise_id, line_name, name, kind, model, capacity, capacity_unit, fuel, process, year_commissioned, specific_energy, status, specific_energy_unit
         FROM equipment WHERE {within} ORDER BY enterprise_id, id"
    ), binds)
    .await?
    {
        c.equipment.entry(row.try_get(0)?).or_default().push(Equipment {
            line_name: row.try_get(1)?,
            name: row.try_get(2)?,
            kind: row.try_get(3)?,
            model: row.try_get(4)?,
            capacity: row.try_get(5)?,
            capacity_unit: row.try_get(6)?,
            fuel: row.try_get(7)?,
            process: row.try_get(8)?,
            year_commissioned: row.try_get(9)?,
            specific_energy: row.try_get(10)?,
            status: row.try_get(11)?,
            specific_energy_unit: row.try_get(12)?,
        });
    }
    let mut outlet_slot: HashMap<i64, (i64, usize)> = HashMap::new();
    for row in fetch(db, &format!("SELECT enterprise_id, id, code, name, medium, reference_o2 FROM outlets WHERE {within} ORDER BY enterprise_id, id"), binds).await? {
        let enterprise_id: i64 = row.try_get(0)?;
        let list = c.outlets.entry(enterprise_id).or_default();
        outlet_slot.insert(row.try_get(1)?, (enterprise_id, list.len()));
        list.push(Outlet { code: row.try_get(2)?, name: row.try_get(3)?, medium: row.try_get(4)?, reference_o2: row.try_get(5)?, pollutants: vec![] });
    }
    for row in fetch(db, &format!(
        "SELECT p.outlet_id, p.pollutant_code, p.pollutant_name, p.limit_value, p.limit_unit, p.standard, p.permitted_annual_t
         FROM outlet_pollutants p WHERE p.outlet_id IN (SELECT id FROM outlets WHERE {within}) ORDER BY p.outlet_id, p.id"
    ), binds)
    .await?
    {
        if let Some(&(e, i)) = outlet_slot.get(&row.try_get::<i64, _>(0)?) {
            c.outlets.get_mut(&e).expect("outlet owner")[i].pollutants.push(OutletPollutant {
                pollutant_code: row.try_get(1)?,
                pollutant_name: row.try_get(2)?,
                limit_value: row.try_get(3)?,
                limit_unit: row.try_get(4)?,
                standard: row.try_get(5)?,
                permitted_annual_t: row.try_get(6)?,
            });
        }
    }
    for row in fetch(db, &format!(
        "SELECT enterprise_id, year, energy_tce, water_m3, value_added_10k_yuan FROM yearly_figures WHERE {within} ORDER BY enterprise_id, year"
    ), binds)
    .await?
    {
        c.yearly.entry(row.try_get(0)?).or_default().push(YearlyFigures {
            year: row.try_get(1)?,
            energy_tce: row.try_get(2)?,
            water_m3: row.try_get(3)?,
            value_added_10k_yuan: row.try_get(4)?,
        });
    }
    for row in fetch(db, &format!(
        "SELECT enterprise_id, year, category, item, amount, unit, equipment, outlet, control, source FROM activity_data WHERE {within} ORDER BY enterprise_id, id"
    ), binds)
    .await?
    {
        c.activity.entry(row.try_get(0)?).or_default().push(ActivityData {
            year: row.try_get(1)?,
            category: row.try_get(2)?,
            item: row.try_get(3)?,
            amount: row.try_get(4)?,
            unit: row.try_get(5)?,
            equipment: row.try_get(6)?,
            outlet: row.try_get(7)?,
            control: row.try_get(8)?,
            source: row.try_get(9)?,
        });
    }
    Ok(c)
}

/// Bundles for every enterprise the filter selects (pagination ignored), in id order.
pub async fn export(db: &Db, scope: &Scope, filter: &ListFilter) -> Result<Vec<EnterpriseBundle>> {
    let (cond, binds) = scoped(scope, filter);
    let rows = fetch(db, &format!("SELECT {ENTERPRISE_COLUMNS} FROM enterprises e WHERE {cond} ORDER BY e.id"), &binds).await?;
    let mut c = children(db, &cond, &binds).await?;
    rows.iter()
        .map(|row| {
            let e = enterprise_of(row)?;
            Ok(EnterpriseBundle {
                lines: c.lines.remove(&e.id).unwrap_or_default(),
                equipment: c.equipment.remove(&e.id).unwrap_or_default(),
                outlets: c.outlets.remove(&e.id).unwrap_or_default(),
                yearly: c.yearly.remove(&e.id).unwrap_or_default(),
                activity: c.activity.remove(&e.id).unwrap_or_default(),
                enterprise: e.record,
            })
        })
        .collect()
}

pub async fn enterprise_id_by_code(db: &Db, credit_code: &str) -> Result<Option<i64>> {
    Ok(sqlx::query("SELECT id FROM enterprises WHERE credit_code = $1")
        .bind(credit_code)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?)
}

/// One enterprise's dossier. Outside the scope it is `NotFound`, exactly as if it did not exist.
pub async fn dossier(db: &Db, scope: &Scope, id: i64) -> Result<Dossier> {
    let (within, binds) = scope.where_clause(2);
    let sql = format!("SELECT {ENTERPRISE_COLUMNS} FROM enterprises e WHERE e.id = $1 AND {within}");
    let mut q = sqlx::query(&sql).bind(id);
    for b in &binds {
        q = q.bind(b);
    }
    let row = q.fetch_optional(&db.pool).await?.ok_or_else(|| Error::NotFound(crate::i18n::catalogue::cli::enterprise_not_found(id)))?;

    let enterprise = enterprise_of(&row)?;
    // The id is an integer we just read back, so it is safe to inline (text binds would not
    // compare with a BIGINT column on PostgreSQL).
    let mut c = children(db, &format!("e.id = {id}"), &[]).await?;
    let history = history(db, id).await?;
    Ok(Dossier {
        division_path: division_path(db, &enterprise.record.division_code).await?,
        industry_name: INDUSTRIES.name(&enterprise.record.industry_code).to_string(),
        lines: c.lines.remove(&id).unwrap_or_default(),
        equipment: c.equipment.remove(&id).unwrap_or_default(),
        outlets: c.outlets.remove(&id).unwrap_or_default(),
        yearly: c.yearly.remove(&id).unwrap_or_default(),
        activity: c.activity.remove(&id).unwrap_or_default(),
        enterprise,
        history,
    })
}

pub async fn history(db: &Db, enterprise_id: i64) -> Result<Vec<AuditEntry>> {
    let rows = sqlx::query(
        "SELECT seq, at, actor, role, action, entity, entity_id, before_json, after_json
         FROM audit_log WHERE enterprise_id = $1 ORDER BY seq DESC LIMIT 200",
    )
    .bind(enterprise_id)
    .fetch_all(&db.pool)
    .await?;
    let json = |s: Option<String>| s.and_then(|t| serde_json::from_str(&t).ok());
    rows.iter()
        .map(|r| {
            Ok(AuditEntry {
                seq: r.try_get(0)?,
                at: r.try_get(1)?,
                actor: r.try_get(2)?,
                role: r.try_get(3)?,
                action: r.try_get(4)?,
                entity: r.try_get(5)?,
                entity_id: r.try_get(6)?,
                before: json(r.try_get(7)?),
                after: json(r.try_get(8)?),
            })
        })
        .collect()
}

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub dry_run: bool,
    pub enterprises: usize,
    pub lines: usize,
    pub equipment: usize,
    pub outlets: usize,
    pub yearly: usize,
    /// Activity data rows (活动水平).
    #[serde(default)]
    pub activity: usize,
    /// Enterprises replaced (update mode only).
    pub updated: usize,
    /// Enterprise accounts: the submissions created, waiting for review (the ledger is unchanged).
    #[serde(default)]
    pub submitted: Vec<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Refuse enterprises already in the ledger.
    Insert,
    /// Replace enterprises already in the ledger (with their lines, equipment, outlets, figures).
    Update,
}

/// Check what needs the database, then write everything in one transaction, or nothing.
pub async fn import(
    db: &Db,
    parsed: ParsedLedger,
    actor: &Actor,
    mode: ImportMode,
    dry_run: bool,
    progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    import_scoped(db, parsed, actor, mode, dry_run, &Scope::All, progress).await
}

/// [`import`] by an account with a jurisdiction: an enterprise registered outside it is
/// answered as if it were not in the ledger (no "already there", not counted as replaced), so
/// a dry run tells nothing about other jurisdictions; a real import has been refused by
/// [`check_import_scope`] before it gets here.
pub async fn import_scoped(
    db: &Db,
    parsed: ParsedLedger,
    actor: &Actor,
    mode: ImportMode,
    dry_run: bool,
    scope: &Scope,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    let known_divisions: HashSet<String> = sqlx::query("SELECT code FROM divisions")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    let mut existing: HashMap<String, i64> = HashMap::new();
    let mut visible: HashSet<String> = HashSet::new();
    for r in sqlx::query("SELECT credit_code, id, division_code FROM enterprises").fetch_all(&db.pool).await? {
        let (code, id, division): (String, i64, String) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
        if scope.admits(&division, &code) {
            visible.insert(code.clone());
        }
        existing.insert(code, id);
    }
    let mut problems = crate::ledger::Problems::new();
    for (b, &row) in parsed.bundles.iter().zip(&parsed.rows) {
        let e = &b.enterprise;
        let problem = |column: &str, value: &str, reason: crate::i18n::Msg| Problem {
            sheet: crate::excel::columns::SHEET_ENTERPRISES.into(),
            row,
            column: column.into(),
            value: value.into(),
            reason,
        };
        if !known_divisions.contains(&e.division_code) {
            problems.push(problem("行政区划代码", &e.division_code, ledger_msg::unknown_division()));
        }
        if mode == ImportMode::Insert && visible.contains(&e.credit_code) {
            problems.push(problem(
                crate::excel::columns::KEY,
                &e.credit_code,
                ledger_msg::already_in_ledger(),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    let mut report = ImportReport { dry_run, ..Default::default() };
    for b in &parsed.bundles {
        report.enterprises += 1;
        report.lines += b.lines.len();
        report.equipment += b.equipment.len();
        report.outlets += b.outlets.len();
        report.yearly += b.yearly.len();
        report.activity += b.activity.len();
        report.updated += visible.contains(&b.enterprise.credit_code) as usize;
    }
    if dry_run {
        return Ok(report);
    }
    let mut tx = db.begin().await?;
    let mut audit = AuditWriter::start(db, &mut tx, actor).await?;
    let total = parsed.bundles.len();
    let mut done = 0;
    for chunk in parsed.bundles.chunks(batch::ROWS_PER_STATEMENT) {
        // Replaced enterprises keep their id (their history hangs off it); their old rows go first.
        let mut befores = HashMap::new();
        for b in chunk {
            if let Some(&old_id) = existing.get(&b.enterprise.credit_code) {
                let before = bundle_in_tx(&mut tx, old_id).await?;
                sqlx::query("DELETE FROM enterprises WHERE id = $1").bind(old_id).execute(&mut *tx).await?;
                befores.insert(b.enterprise.credit_code.clone(), before);
            }
        }
        let ids = insert_enterprises(&mut tx, chunk, &existing).await?;
        insert_children(&mut tx, chunk, &ids).await?;
        let entries = chunk.iter().map(|b| {
            let before = befores.remove(&b.enterprise.credit_code);
            NewEntry {
                action: if before.is_some() { "update" } else { "create" },
                entity: "enterprise",
                entity_id: b.enterprise.credit_code.clone(),
                enterprise_id: ids.get(&b.enterprise.credit_code).copied(),
                before,
                after: Some(json!(b)),
            }
        });
        audit.append_many(&mut tx, entries.collect()).await?;
        done += chunk.len();
        if done % 1000 < chunk.len() || done == total {
            progress(done, total);
        }
    }
    audit.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(report)
}

/// Replace one enterprise already in the ledger (it keeps its id, so its history and
/// accounts stay attached) inside the caller's transaction, with the audit entry. Used
/// when a bureau accepts an enterprise's submission; `via` says which one.
pub(crate) async fn replace_in_tx(
    tx: &mut Transaction<'static, Any>,
    audit: &mut AuditWriter,
    bundle: &EnterpriseBundle,
    id: i64,
    via: serde_json::Value,
) -> Result<()> {
    let before = bundle_in_tx(tx, id).await?;
    sqlx::query("DELETE FROM enterprises WHERE id = $1").bind(id).execute(&mut **tx).await?;
    let existing = HashMap::from([(bundle.enterprise.credit_code.clone(), id)]);
    let chunk = std::slice::from_ref(bundle);
    let ids = insert_enterprises(tx, chunk, &existing).await?;
    insert_children(tx, chunk, &ids).await?;
    let mut after = json!(bundle);
    after["via"] = via;
    audit
        .append(
            tx,
            NewEntry {
                action: "update",
                entity: "enterprise",
                entity_id: bundle.enterprise.credit_code.clone(),
                enterprise_id: Some(id),
                before: Some(before),
                after: Some(after),
            },
        )
        .await?;
    Ok(())
}

const ENTERPRISE_INSERT_COLUMNS: [&str; 19] = [
    "credit_code", "name", "division_code", "industry_code", "address", "longitude", "latitude", "above_scale", "size_class",
    "status", "business_licence", "eia_approval", "discharge_permit_no", "land_use_legal", "env_grade",
    "legal_representative", "contact_phone", "created_at", "updated_at",
];

/// Insert the enterprises of one chunk; returns credit code → id.
async fn insert_enterprises(
    tx: &mut Transaction<'static, Any>,
    chunk: &[EnterpriseBundle],
    existing: &HashMap<String, i64>,
) -> Result<HashMap<String, i64>> {
    let now = super::now();
    let row = |e: &EnterpriseRecord| -> Vec<Value> {
        vec![
            (&e.credit_code).into(), (&e.name).into(), (&e.division_code).into(), (&e.industry_code).into(), (&e.address).into(),
            e.longitude.into(), e.latitude.into(), e.above_scale.into(), (&e.size_class).into(), (&e.status).into(),
            e.business_licence.into(), (&e.eia_approval).into(), (&e.discharge_permit_no).into(), e.land_use_legal.into(),
            (&e.env_grade).into(), (&e.legal_representative).into(), (&e.contact_phone).into(), (&now).into(), (&now).into(),
        ]
    };
    let (kept, new): (Vec<_>, Vec<_>) = chunk.iter().partition(|b| existing.contains_key(&b.enterprise.credit_code));
    let mut ids = HashMap::new();
    let fresh: Vec<_> = new.iter().map(|b| row(&b.enterprise)).collect();
    for r in batch::insert_rows(tx, "enterprises", &ENTERPRISE_INSERT_COLUMNS, &fresh, Some("id, credit_code")).await? {
        ids.insert(r.try_get(1)?, r.try_get(0)?);
    }
    if !kept.is_empty() {
        let mut columns = vec!["id"];
        columns.extend(ENTERPRISE_INSERT_COLUMNS);
        let rows: Vec<_> = kept
            .iter()
            .map(|b| {
                let id = existing[&b.enterprise.credit_code];
                ids.insert(b.enterprise.credit_code.clone(), id);
                let mut r = vec![Value::from(id)];
                r.extend(row(&b.enterprise));
                r
            })
            .collect();
        batch::insert_rows(tx, "enterprises", &columns, &rows, None).await?;
    }
    Ok(ids)
}

async fn insert_children(tx: &mut Transaction<'static, Any>, chunk: &[EnterpriseBundle], ids: &HashMap<String, i64>) -> Result<()> {
    let id_of = |b: &EnterpriseBundle| ids[&b.enterprise.credit_code];
    let lines: Vec<Vec<Value>> = chunk
        .iter()
        .flat_map(|b| b.lines.iter().map(move |l| vec![id_of(b).into(), (&l.name).into(), (&l.product).into(), l.capacity.into(), (&l.capacity_unit).into(), (&l.status).into()]))
        .collect();
    batch::insert_rows(tx, "production_lines", &["enterprise_id", "name", "product", "capacity", "capacity_unit", "status"], &lines, None).await?;
    let equipment: Vec<Vec<Value>> = chunk
        .iter()
        .flat_map(|b| {
            b.equipment.iter().map(move |q| {
                vec![
                    id_of(b).into(), (&q.line_name).into(), (&q.name).into(), (&q.kind).into(), (&q.model).into(), q.capacity.into(),
                    (&q.capacity_unit).into(), (&q.fuel).into(), (&q.process).into(), q.year_commissioned.into(), q.specific_energy.into(),
                    (&q.status).into(), (&q.specific_energy_unit).into(),
                ]
            })
        })
        .collect();
    batch::insert_rows(
        tx,
        "equipment",
        &["enterprise_id", "line_name", "name", "kind", "model", "capacity", "capacity_unit", "fuel", "process", "year_commissioned", "specific_energy", "status", "specific_energy_unit"],
        &equipment,
        None,
    )
    .await?;
    let outlets: Vec<Vec<Value>> = chunk
        .iter()
        .flat_map(|b| b.outlets.iter().map(move |o| vec![id_of(b).into(), (&o.code).into(), (&o.name).into(), (&o.medium).into(), o.reference_o2.into()]))
        .collect();
    let mut outlet_ids = HashMap::new();
    for r in batch::insert_rows(tx, "outlets", &["enterprise_id", "code", "name", "medium", "reference_o2"], &outlets, Some("id, enterprise_id, code")).await? {
        outlet_ids.insert((r.try_get::<i64, _>(1)?, r.try_get::<String, _>(2)?), r.try_get::<i64, _>(0)?);
    }
    let mut pollutants = Vec::new();
    for b in chunk {
        for o in &b.outlets {
            let outlet_id = outlet_ids[&(id_of(b), o.code.clone())];
            for p in &o.pollutants {
                pollutants.push(vec![
                    outlet_id.into(), (&p.pollutant_code).into(), (&p.pollutant_name).into(), p.limit_value.into(),
                    (&p.limit_unit).into(), (&p.standard).into(), p.permitted_annual_t.into(),
                ]);
            }
        }
    }
    batch::insert_rows(
        tx,
        "outlet_pollutants",
        &["outlet_id", "pollutant_code", "pollutant_name", "limit_value", "limit_unit", "standard", "permitted_annual_t"],
        &pollutants,
        None,
    )
    .await?;
    let yearly: Vec<Vec<Value>> = chunk
        .iter()
        .flat_map(|b| b.yearly.iter().map(move |y| vec![id_of(b).into(), y.year.into(), y.energy_tce.into(), y.water_m3.into(), y.value_added_10k_yuan.into()]))
        .collect();
    batch::insert_rows(tx, "yearly_figures", &["enterprise_id", "year", "energy_tce", "water_m3", "value_added_10k_yuan"], &yearly, None).await?;
    let activity: Vec<Vec<Value>> = chunk
        .iter()
        .flat_map(|b| {
            b.activity.iter().map(move |a| {
                vec![
                    id_of(b).into(), a.year.into(), (&a.category).into(), (&a.item).into(), Some(a.amount).into(), (&a.unit).into(),
                    (&a.equipment).into(), (&a.outlet).into(), (&a.control).into(), (&a.source).into(),
                ]
            })
        })
        .collect();
    batch::insert_rows(
        tx,
        "activity_data",
        &["enterprise_id", "year", "category", "item", "amount", "unit", "equipment", "outlet", "control", "source"],
        &activity,
        None,
    )
    .await?;
    Ok(())
}

/// The stored bundle of one enterprise as JSON, read inside the writing transaction.
async fn bundle_in_tx(tx: &mut Transaction<'static, Any>, id: i64) -> Result<serde_json::Value> {
    let row = sqlx::query(&format!("SELECT {ENTERPRISE_COLUMNS} FROM enterprises e WHERE e.id = $1"))
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(json!({ "enterprise": enterprise_of(&row)?.record }))
}

/// Key figures of the ledger for the home page.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct LedgerStats {
    pub enterprises: i64,
    pub above_scale: i64,
    pub equipment: i64,
    pub outlets: i64,
    /// Enterprises with outlets but no discharge permit number.
    pub without_permit: i64,
    pub without_licence: i64,
    /// (status, count)
    pub by_status: Vec<(String, i64)>,
    /// (grade, count); "" = not graded
    pub by_grade: Vec<(String, i64)>,
    /// (industry class code, name, count), largest first, top 12
    pub by_industry: Vec<(String, String, i64)>,
    /// (county code, name, count)
    pub by_county: Vec<(String, String, i64)>,
    /// (longitude, latitude, status) of every located enterprise, for the map
    pub points: Vec<(f64, f64, String)>,
}

pub async fn stats(db: &Db, scope: &Scope, filter: &ListFilter) -> Result<LedgerStats> {
    let (cond, binds) = scoped(scope, filter);
    let binds_ref = &binds;
    let one = |sql: String| async move {
        let rows = fetch(db, &sql, binds_ref).await?;
        Ok::<i64, Error>(rows.first().map(|r| r.try_get(0)).transpose()?.unwrap_or(0))
    };
    let mut s = LedgerStats {
        enterprises: one(format!("SELECT COUNT(*) FROM enterprises e WHERE {cond}")).await?,
        above_scale: one(format!("SELECT COUNT(*) FROM enterprises e WHERE {cond} AND e.above_scale = 1")).await?,
        without_permit: one(format!(
            "SELECT COUNT(*) FROM enterprises e WHERE {cond} AND e.discharge_permit_no = ''
             AND EXISTS (SELECT 1 FROM outlets o WHERE o.enterprise_id = e.id)"
        ))
        .await?,
        without_licence: one(format!("SELECT COUNT(*) FROM enterprises e WHERE {cond} AND e.business_licence = 0")).await?,
        equipment: one(format!("SELECT COUNT(*) FROM equipment q JOIN enterprises e ON e.id = q.enterprise_id WHERE {cond}")).await?,
        outlets: one(format!("SELECT COUNT(*) FROM outlets o JOIN enterprises e ON e.id = o.enterprise_id WHERE {cond}")).await?,
        ..Default::default()
    };
    for r in fetch(db, &format!("SELECT e.status, COUNT(*) FROM enterprises e WHERE {cond} GROUP BY e.status ORDER BY 2 DESC"), &binds).await? {
        s.by_status.push((r.try_get(0)?, r.try_get(1)?));
    }
    for r in fetch(db, &format!("SELECT e.env_grade, COUNT(*) FROM enterprises e WHERE {cond} GROUP BY e.env_grade ORDER BY 1"), &binds).await? {
        s.by_grade.push((r.try_get(0)?, r.try_get(1)?));
    }
    for r in fetch(
        db,
        &format!("SELECT e.industry_code, COUNT(*) FROM enterprises e WHERE {cond} GROUP BY e.industry_code ORDER BY 2 DESC, 1 LIMIT 12"),
        &binds,
    )
    .await?
    {
        let code: String = r.try_get(0)?;
        s.by_industry.push((code.clone(), INDUSTRIES.name(&code).to_string(), r.try_get(1)?));
    }
    for r in fetch(
        db,
        &format!(
            "SELECT SUBSTR(e.division_code, 1, 6) AS county, COALESCE(MAX(d.name), ''), COUNT(*) FROM enterprises e
             LEFT JOIN divisions d ON d.code = SUBSTR(e.division_code, 1, 6) WHERE {cond} GROUP BY county ORDER BY county"
        ),
        &binds,
    )
    .await?
    {
        s.by_county.push((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?));
    }
    for r in fetch(
        db,
        &format!("SELECT e.longitude, e.latitude, e.status FROM enterprises e WHERE {cond} AND e.longitude IS NOT NULL AND e.latitude IS NOT NULL ORDER BY e.id LIMIT 20000"),
        &binds,
    )
    .await?
    {
        s.points.push((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?));
    }
    Ok(s)
}

/// Refuse an import that reaches outside the viewer's scope: every enterprise in the
/// file must lie inside it, and an enterprise being replaced must lie inside it now
/// (so nobody moves another county's enterprise into their own).
pub async fn check_import_scope(db: &Db, scope: &Scope, parsed: &ParsedLedger, dry_run: bool) -> Result<()> {
    use crate::excel::columns::{KEY, SHEET_ENTERPRISES};
    if *scope == Scope::All {
        return Ok(());
    }
    let mut problems = crate::ledger::Problems::new();
    for (b, row) in parsed.bundles.iter().zip(&parsed.rows) {
        let e = &b.enterprise;
        let refuse = |column: &str, value: &str, reason: crate::i18n::Msg| Problem {
            sheet: SHEET_ENTERPRISES.into(),
            row: *row,
            column: column.into(),
            value: value.into(),
            reason,
        };
        if !scope.admits(&e.division_code, &e.credit_code) {
            problems.push(match scope {
                Scope::Enterprise(_) => refuse(KEY, &e.credit_code, ledger_msg::only_own_enterprise()),
                _ => refuse("行政区划代码", &e.division_code, ledger_msg::outside_jurisdiction()),
            });
            continue;
        }
        if dry_run && !matches!(scope, Scope::Enterprise(_)) {
            // A dry run must not tell whether a credit code is registered in another
            // jurisdiction (issue 17 item 11): it answers as for a code nobody holds. Writing
            // is refused below, with the same words as a row outside the jurisdiction.
            continue;
        }
        let current: Option<String> = sqlx::query("SELECT division_code FROM enterprises WHERE credit_code = $1")
            .bind(&e.credit_code)
            .fetch_optional(&db.pool)
            .await?
            .map(|r| r.try_get(0))
            .transpose()?;
        if let Some(current) = current {
            if !scope.admits(&current, &e.credit_code) {
                problems.push(refuse(KEY, &e.credit_code, ledger_msg::outside_jurisdiction()));
            }
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Error::rejected(problems)) }
}

/// Whether an enterprise id exists at all (for recording refused access; never shown).
pub async fn enterprise_exists(db: &Db, id: i64) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM enterprises WHERE id = $1").bind(id).fetch_optional(&db.pool).await?.is_some())
}
