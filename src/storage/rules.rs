//! Versions of the rule catalogue. The built-in catalogue is version 1; a bureau's
//! edits (a local rule, a changed threshold, a retired rule) make new versions, each
//! checked in full before it is stored — a refused edit leaves the previous version in
//! force. Every version is kept.

use serde_json::json;
use sqlx::Row;

use super::audit::{self, Actor, NewEntry};
use super::Db;
use crate::error::{Error, Result};
use crate::screening::{catalogue, Catalogue, RuleError};

#[derive(Clone, Debug, serde::Serialize)]
pub struct VersionRow {
    pub id: i64,
    pub version: String,
    pub rules: i64,
    pub note: String,
    pub actor: String,
    pub created_at: String,
}

/// The catalogue in force: its row id, and the loaded catalogue with its files.
pub struct InForce {
    pub id: i64,
    pub catalogue: Catalogue,
    pub files: Vec<(String, String)>,
}

fn refused(errors: Vec<RuleError>) -> Error {
    Error::Invalid(crate::i18n::catalogue::cli::rules_refused(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")))
}

async fn latest_row(db: &Db) -> Result<Option<(i64, String)>> {
    Ok(sqlx::query("SELECT id, files_json FROM catalogue_versions ORDER BY id DESC LIMIT 1")
        .fetch_optional(&db.pool)
        .await?
        .map(|r| Ok::<_, Error>((r.try_get(0)?, r.try_get(1)?)))
        .transpose()?)
}

/// The catalogue in force; the built-in one is stored as the first version on first use.
pub async fn in_force(db: &Db) -> Result<InForce> {
    if latest_row(db).await?.is_none() {
        let files: Vec<(String, String)> = catalogue::EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        save(db, &Actor::system(), files, "built-in catalogue (data/rules)").await?;
    }
    let (id, files_json) = latest_row(db).await?.ok_or_else(|| Error::other("no catalogue version"))?;
    let files: Vec<(String, String)> = serde_json::from_str(&files_json).map_err(|e| Error::other(format!("stored catalogue: {e}")))?;
    let catalogue = catalogue::load(&files).map_err(refused)?;
    Ok(InForce { id, catalogue, files })
}

/// Check and store a new version (nothing is stored if any file is refused). Returns the
/// version row id; an unchanged catalogue returns the current id without a new version.
pub async fn save(db: &Db, actor: &Actor, files: Vec<(String, String)>, note: &str) -> Result<i64> {
    save_on(db, actor, files, note, None).await
}

/// As `save`, as an edit of version `base`: refused with `Error::Conflict` (nothing stored)
/// when another version was stored since, so that two edits made from one version never
/// lose one of them (compare and set under the audit head's lock, which serialises writers on
/// both databases).
pub async fn save_on(db: &Db, actor: &Actor, mut files: Vec<(String, String)>, note: &str, base: Option<i64>) -> Result<i64> {
    files.sort();
    for (name, _) in &files {
        let ok = name.ends_with(".toml")
            && name.len() <= 64
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
        if !ok {
            return Err(Error::Invalid(crate::i18n::catalogue::cli::rule_file_name(name)));
        }
    }
    let loaded = catalogue::load(&files).map_err(refused)?;
    if let Some((id, current)) = latest_row(db).await? {
        if serde_json::from_str::<Vec<(String, String)>>(&current).is_ok_and(|c| c == files) {
            return Ok(id);
        }
    }
    let files_json = serde_json::to_string(&files).map_err(|e| Error::other(e))?;
    let mut tx = db.begin().await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    if let Some(base) = base {
        let latest: Option<i64> = sqlx::query("SELECT MAX(id) FROM catalogue_versions").fetch_one(&mut *tx).await?.try_get(0)?;
        if latest != Some(base) {
            tx.rollback().await?;
            return Err(Error::Conflict(crate::i18n::catalogue::common::changed_meanwhile("catalogue".into())));
        }
    }
    let id: i64 = sqlx::query(
        "INSERT INTO catalogue_versions (version, files_json, rules, note, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&loaded.version)
    .bind(&files_json)
    .bind(loaded.rules.len() as i64)
    .bind(note)
    .bind(&actor.name)
    .bind(super::now())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    w.append(
        &mut tx,
        NewEntry {
            action: "catalogue_version",
            entity: "catalogue",
            entity_id: loaded.version.clone(),
            enterprise_id: None,
            before: None,
            after: Some(json!({ "id": id, "rules": loaded.rules.len(), "note": note })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

/// How often an edit is applied again to a newer version stored meanwhile.
const EDIT_ATTEMPTS: usize = 8;

/// Apply `edit` to the catalogue in force and store the result as an edit of that version;
/// when another version was stored meanwhile, apply it again to that one.
/// Every rule the edit touches must lie in `editor`'s jurisdiction (`screening::edits`).
async fn edit_in_force(
    db: &Db,
    actor: &Actor,
    editor: &crate::auth::Scope,
    note: &str,
    edit: impl Fn(Vec<(String, String)>) -> Result<Vec<(String, String)>>,
) -> Result<i64> {
    let mut attempt = 0;
    loop {
        let current = in_force(db).await?;
        let files = edit(current.files.clone())?;
        let refused = crate::screening::edits::outside(&current.files, &files, |j| crate::screening::edits::editor_admits(editor, j));
        if !refused.is_empty() {
            return Err(Error::Forbidden(crate::i18n::catalogue::rules::outside_jurisdiction(refused.join(", "))));
        }
        match save_on(db, actor, files, note, Some(current.id)).await {
            Err(Error::Conflict(_)) if attempt + 1 < EDIT_ATTEMPTS => attempt += 1,
            other => return other,
        }
    }
}

/// Replace or add one file of the catalogue in force.
pub async fn save_file(db: &Db, actor: &Actor, editor: &crate::auth::Scope, name: &str, text: &str, note: &str) -> Result<i64> {
    let text = text.replace("\r\n", "\n");
    edit_in_force(db, actor, editor, note, |files| {
        let mut files: Vec<(String, String)> = files.into_iter().filter(|(n, _)| n != name).collect();
        files.push((name.to_string(), text.clone()));
        Ok(files)
    })
    .await
}

/// Retire a rule: it stays in its file, marked `retired = "DATE"`, and no longer screens.
pub async fn retire(db: &Db, actor: &Actor, editor: &crate::auth::Scope, rule_id: &str, date: &str) -> Result<i64> {
    let needle = format!("\"{rule_id}\"");
    edit_in_force(db, actor, editor, &format!("retired {rule_id}"), |files| {
        let mut found = false;
        let files = files
            .into_iter()
            .map(|(name, text)| {
                let mut out = String::with_capacity(text.len() + 32);
                for line in text.lines() {
                    out.push_str(line);
                    out.push('\n');
                    let t = line.trim_start();
                    if t.starts_with("id") && t.contains(&needle) && !found {
                        out.push_str(&format!("retired = \"{date}\"\n"));
                        found = true;
                    }
                }
                (name, out)
            })
            .collect();
        if found { Ok(files) } else { Err(Error::NotFound(crate::i18n::catalogue::cli::rule_not_found(rule_id))) }
    })
    .await
}

pub async fn versions(db: &Db) -> Result<Vec<VersionRow>> {
    let rows = sqlx::query("SELECT id, version, rules, note, actor, created_at FROM catalogue_versions ORDER BY id DESC")
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(VersionRow {
                id: r.try_get(0)?,
                version: r.try_get(1)?,
                rules: r.try_get(2)?,
                note: r.try_get(3)?,
                actor: r.try_get(4)?,
                created_at: r.try_get(5)?,
            })
        })
        .collect()
}
