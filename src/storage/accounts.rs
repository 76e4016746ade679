//! Accounts and sessions: creation with checked jurisdictions, login with lockout,
//! sessions stored by token hash. Every change and every login goes to the audit log.

use crate::i18n::{catalogue::account as msg, Arg, Lang};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::audit::{self, Actor, NewEntry};
use super::Db;
use crate::auth::{password, Department, Role, Scope, Viewer};
use crate::error::{Error, Result};

/// Consecutive failures that lock an account, and for how long.
pub const MAX_FAILED_LOGINS: i64 = 5;
pub const LOCKOUT_SECONDS: i64 = 15 * 60;
/// A run of failures is forgotten after this long without another one.
pub const FAILURES_FORGOTTEN_AFTER_SECONDS: i64 = 24 * 3600;
/// Unknown usernames are counted under at most this many characters.
const MAX_COUNTED_NAME_CHARS: usize = 64;
/// Sessions end after this much inactivity, and in any case after `SESSION_MAX_SECONDS`.
pub const SESSION_IDLE_SECONDS: i64 = 30 * 60;
pub const SESSION_MAX_SECONDS: i64 = 12 * 3600;

#[derive(Clone, Debug)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department: Option<Department>,
    /// Division codes (jurisdiction roots or grid cells), for bureau, township and grid accounts.
    pub divisions: Vec<String>,
    /// Credit code, for enterprise accounts.
    pub enterprise_code: String,
    pub password: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub department: String,
    pub divisions: String,
    pub enterprise_code: String,
    pub disabled: bool,
    pub locked: bool,
    /// Unix seconds until which the account is locked (when `locked`).
    pub locked_until: Option<i64>,
    pub created_at: String,
}

pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn role_arg(role: Role) -> Arg {
    Arg::both(role.label(true), role.label(false))
}

/// A division level as people name it (the `divisions.level` codes).
fn level_label(level: &str) -> crate::i18n::Msg {
    match level {
        "province" => msg::level_province(),
        "city" => msg::level_city(),
        "county" => msg::level_county(),
        "township" => msg::level_township(),
        _ => msg::level_grid(),
    }
}

fn check_username(u: &str) -> Result<()> {
    let ok = (3..=32).contains(&u.len()) && u.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if ok { Ok(()) } else { Err(Error::Invalid(msg::bad_username(u))) }
}

/// The jurisdiction each role is bound to must fit the role: bureau staff a province,
/// city or county; township staff a township; grid inspectors grid cells.
async fn check_binding(db: &Db, u: &NewUser) -> Result<()> {
    match u.role {
        Role::Admin => {}
        Role::Enterprise => {
            if super::ledger::enterprise_id_by_code(db, &u.enterprise_code).await?.is_none() {
                return Err(Error::Invalid(msg::enterprise_not_in_ledger(&u.enterprise_code)));
            }
        }
        Role::Bureau | Role::Township | Role::Grid => {
            if u.divisions.is_empty() {
                return Err(Error::Invalid(msg::needs_division(role_arg(u.role))));
            }
            let levels: &[&str] = match u.role {
                Role::Bureau => &["province", "city", "county"],
                Role::Township => &["township"],
                _ => &["grid"],
            };
            for code in &u.divisions {
                let level: Option<String> = sqlx::query("SELECT level FROM divisions WHERE code = $1")
                    .bind(code)
                    .fetch_optional(&db.pool)
                    .await?
                    .map(|r| r.try_get(0))
                    .transpose()?;
                match level {
                    None => return Err(Error::Invalid(msg::unknown_division(code))),
                    Some(l) if !levels.contains(&l.as_str()) => {
                        let allowed = levels.iter().map(|l| level_label(l)).collect::<Vec<_>>();
                        let (zh, en): (Vec<String>, Vec<String>) = allowed.iter().map(|m| (m.render(Lang::Zh), m.render(Lang::En))).unzip();
                        return Err(Error::Invalid(msg::wrong_level(
                            code,
                            Arg::Msg(level_label(&l)),
                            role_arg(u.role),
                            Arg::both(zh.join("、"), en.join(", ")),
                        )));
                    }
                    Some(_) => {}
                }
            }
        }
    }
    if u.role == Role::Bureau && u.department.is_none() {
        return Err(Error::Invalid(msg::needs_department()));
    }
    Ok(())
}

fn public_view(u: &NewUser) -> serde_json::Value {
    json!({
        "username": u.username, "display_name": u.display_name, "role": u.role.code(),
        "department": u.department.map(|d| d.code()), "divisions": u.divisions, "enterprise_code": u.enterprise_code,
    })
}

pub async fn add_user(db: &Db, actor: &Actor, u: &NewUser) -> Result<i64> {
    check_username(&u.username)?;
    password::check_rules(&u.username, &u.password).map_err(Error::Invalid)?;
    check_binding(db, u).await?;
    let hash = password::hash(&u.password)?;
    let mut tx = db.begin().await?;
    let exists = sqlx::query("SELECT 1 FROM users WHERE username = $1").bind(&u.username).fetch_optional(&mut *tx).await?;
    if exists.is_some() {
        return Err(Error::Conflict(msg::exists(&u.username)));
    }
    let now = super::now();
    let id: i64 = sqlx::query(
        "INSERT INTO users (username, display_name, role, department, divisions, enterprise_code, password_hash, password_changed_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(&u.username)
    .bind(&u.display_name)
    .bind(u.role.code())
    .bind(u.department.map(|d| d.code()).unwrap_or(""))
    .bind(u.divisions.join(" "))
    .bind(&u.enterprise_code)
    .bind(&hash)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    w.append(&mut tx, NewEntry { action: "user_add", entity: "user", entity_id: u.username.clone(), enterprise_id: None, before: None, after: Some(public_view(u)) })
        .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn list_users(db: &Db) -> Result<Vec<UserRow>> {
    let now = unix_now();
    let rows = sqlx::query(
        "SELECT id, username, display_name, role, department, divisions, enterprise_code, disabled, COALESCE(locked_until, 0), created_at
         FROM users ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(UserRow {
                id: r.try_get(0)?,
                username: r.try_get(1)?,
                display_name: r.try_get(2)?,
                role: r.try_get(3)?,
                department: r.try_get(4)?,
                divisions: r.try_get(5)?,
                enterprise_code: r.try_get(6)?,
                disabled: r.try_get::<i64, _>(7)? != 0,
                locked: r.try_get::<i64, _>(8)? > now,
                locked_until: Some(r.try_get::<i64, _>(8)?).filter(|t| *t > now),
                created_at: r.try_get(9)?,
            })
        })
        .collect()
}

/// Disable (or re-enable) an account; disabling ends its sessions at once.
pub async fn set_disabled(db: &Db, actor: &Actor, username: &str, disabled: bool) -> Result<()> {
    let mut tx = db.begin().await?;
    let row = sqlx::query("SELECT id, disabled FROM users WHERE username = $1").bind(username).fetch_optional(&mut *tx).await?;
    let Some(row) = row else { return Err(Error::NotFound(msg::not_found(username))) };
    let (id, was): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
    sqlx::query("UPDATE users SET disabled = $1, failed_logins = 0, locked_until = NULL WHERE id = $2")
        .bind(disabled as i64)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if disabled {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
    }
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: if disabled { "user_disable" } else { "user_enable" },
            entity: "user",
            entity_id: username.into(),
            enterprise_id: None,
            before: Some(json!({ "disabled": was != 0 })),
            after: Some(json!({ "disabled": disabled })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Set a new password (rules checked); every session of the account ends except `keep_session`.
pub async fn set_password(db: &Db, actor: &Actor, username: &str, new_password: &str, keep_session: Option<&str>) -> Result<()> {
    password::check_rules(username, new_password).map_err(Error::Invalid)?;
    let hash = password::hash(new_password)?;
    let mut tx = db.begin().await?;
    let row = sqlx::query("SELECT id FROM users WHERE username = $1").bind(username).fetch_optional(&mut *tx).await?;
    let Some(row) = row else { return Err(Error::NotFound(msg::not_found(username))) };
    let id: i64 = row.try_get(0)?;
    sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2, failed_logins = 0, locked_until = NULL WHERE id = $3")
        .bind(&hash)
        .bind(super::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(id)
        .bind(keep_session.map(token_hash).unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    w.append(&mut tx, NewEntry { action: "password_change", entity: "user", entity_id: username.into(), enterprise_id: None, before: None, after: None })
        .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// What became of a signed-in person's request to change their own password.
#[derive(Debug, PartialEq, Eq)]
pub enum PasswordChange {
    Changed,
    /// The current password given was wrong (counted like a failed sign-in).
    WrongCurrent,
    /// Too many wrong passwords in a row (here or at sign-in): refused until then (unix seconds).
    Locked { until: i64 },
}

/// A signed-in person changes their own password. The current password is checked as a
/// sign-in is: a wrong one counts towards the same lockout (a stolen session must not be a
/// way to guess the password without limit), a locked account costs the same argon2 work
/// and is refused, and every attempt's outcome goes to the audit log (never a password).
/// A new password that breaks the rules is `Error::Invalid`, audited as well.
pub async fn change_own_password(db: &Db, actor: &Actor, username: &str, current: &str, new: &str, keep_session: Option<&str>) -> Result<PasswordChange> {
    let row = sqlx::query("SELECT id, password_hash, COALESCE(locked_until, 0) FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else { return Err(Error::NotFound(msg::not_found(username))) };
    let (id, hash, locked_until): (i64, String, i64) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    let now = unix_now();
    let refused = |detail: serde_json::Value| audit_password_change(db, actor, username, "password_change_failed", detail);
    if locked_until > now {
        password::verify(current, password::decoy_hash());
        refused(json!({ "reason": "locked" })).await?;
        return Ok(PasswordChange::Locked { until: locked_until });
    }
    if !password::verify(current, &hash) {
        let (failed, lock) = count_failure(db, id, now).await?;
        let reason = if lock.is_some() { "wrong current password; account locked" } else { "wrong current password" };
        refused(json!({ "reason": reason, "failed_logins": failed })).await?;
        return Ok(match lock {
            Some(until) => PasswordChange::Locked { until },
            None => PasswordChange::WrongCurrent,
        });
    }
    match set_password(db, actor, username, new, keep_session).await {
        Ok(()) => Ok(PasswordChange::Changed),
        Err(e @ Error::Invalid(_)) => {
            refused(json!({ "reason": "new password refused by the rules" })).await?;
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// One more failure of an account, counted in one statement (parallel attempts each count),
/// and the lock it earns: returns the run's length and the lock's end, if any.
async fn count_failure(db: &Db, id: i64, now: i64) -> Result<(i64, Option<i64>)> {
    let failed: i64 = sqlx::query(
        "UPDATE users SET failed_logins = CASE WHEN COALESCE(last_failed_at, 0) < $1 THEN 1 ELSE failed_logins + 1 END, last_failed_at = $2
         WHERE id = $3 RETURNING failed_logins",
    )
    .bind(now - FAILURES_FORGOTTEN_AFTER_SECONDS)
    .bind(now)
    .bind(id)
    .fetch_one(&db.pool)
    .await?
    .try_get(0)?;
    if failed < MAX_FAILED_LOGINS {
        return Ok((failed, None));
    }
    let until = now + LOCKOUT_SECONDS;
    sqlx::query("UPDATE users SET failed_logins = 0, locked_until = $1 WHERE id = $2 AND failed_logins >= $3")
        .bind(until)
        .bind(id)
        .bind(MAX_FAILED_LOGINS)
        .execute(&db.pool)
        .await?;
    Ok((failed, Some(until)))
}

async fn audit_password_change(db: &Db, actor: &Actor, username: &str, action: &str, detail: serde_json::Value) -> Result<()> {
    audit::record(db, actor, NewEntry { action, entity: "user", entity_id: username.into(), enterprise_id: None, before: None, after: Some(detail) }).await?;
    Ok(())
}

#[derive(Debug)]
pub enum LoginOutcome {
    /// A new session: the cookie token and its CSRF token.
    Success { token: String, csrf: String },
    /// Wrong username or password, disabled account: one answer for all, so the
    /// login form does not reveal which usernames exist.
    Refused,
    /// Too many failures; refused until the lock expires (unix seconds). Unknown
    /// usernames are locked the same way, so this does not reveal that a name exists.
    Locked { until: i64 },
}

/// Check a login and open a session. On success `previous` (a token the browser already
/// had) is ended: a session id is never carried across a login (session fixation).
pub async fn login(db: &Db, username: &str, candidate: &str, ip: &str, previous: Option<&str>) -> Result<LoginOutcome> {
    let anonymous = Actor { name: username.chars().take(64).collect(), role: "anonymous".into(), ip: ip.into() };
    let row = sqlx::query("SELECT id, password_hash, disabled, failed_logins, COALESCE(locked_until, 0), role, department, COALESCE(last_failed_at, 0)
         FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(&db.pool)
        .await?;
    let now = unix_now();
    let Some(row) = row else {
        password::verify(candidate, password::decoy_hash());
        return unknown_name_failed(db, &anonymous, username, now).await;
    };
    let (id, hash, disabled, failed, locked_until): (i64, String, i64, i64, i64) =
        (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, row.try_get(3)?, row.try_get(4)?);
    let role: String = row.try_get(5)?;
    let department: String = row.try_get(6)?;
    let actor = Actor {
        name: username.into(),
        role: if department.is_empty() { role } else { format!("{role}:{department}") },
        ip: ip.into(),
    };
    if locked_until > now {
        // The same argon2 work as every other answer: a locked account that answered at
        // once would tell an attacker (by timing) that the name exists and is locked.
        password::verify(candidate, password::decoy_hash());
        audit_login(db, &actor, "login_failed", json!({ "reason": "locked" })).await?;
        return Ok(LoginOutcome::Locked { until: locked_until });
    }
    let matches = password::verify(candidate, &hash);
    if !matches || disabled != 0 {
        // Counted in one statement (`count_failure`): parallel wrong passwords each count.
        let (failed, lock) = if matches { (failed, None) } else { count_failure(db, id, now).await? };
        let reason = if disabled != 0 { "disabled" } else if lock.is_some() { "wrong password; account locked" } else { "wrong password" };
        audit_login(db, &actor, "login_failed", json!({ "reason": reason, "failed_logins": failed })).await?;
        return Ok(match lock {
            Some(until) => LoginOutcome::Locked { until },
            None => LoginOutcome::Refused,
        });
    }
    if let Some(old) = previous {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(old)).execute(&db.pool).await?;
    }
    let token = password::random_token();
    let csrf = password::random_token();
    sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL, last_failed_at = NULL WHERE id = $1").bind(id).execute(&db.pool).await?;
    sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf_token, ip, created_at, last_seen, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(token_hash(&token))
        .bind(id)
        .bind(&csrf)
        .bind(ip)
        .bind(super::now())
        .bind(now)
        .bind(now + SESSION_MAX_SECONDS)
        .execute(&db.pool)
        .await?;
    audit_login(db, &actor, "login", json!({})).await?;
    Ok(LoginOutcome::Success { token, csrf })
}

/// A failed sign-in under a name with no account: counted and locked exactly as an account
/// would be, so that the answers for existing and unknown names cannot be told apart.
async fn unknown_name_failed(db: &Db, actor: &Actor, username: &str, now: i64) -> Result<LoginOutcome> {
    let name: String = username.chars().take(MAX_COUNTED_NAME_CHARS).collect();
    let row = sqlx::query("SELECT COALESCE(locked_until, 0) FROM login_failures WHERE username = $1")
        .bind(&name)
        .fetch_optional(&db.pool)
        .await?;
    let locked_until: i64 = match &row {
        Some(r) => r.try_get(0)?,
        None => 0,
    };
    if locked_until > now {
        audit_login(db, actor, "login_failed", json!({ "reason": "unknown user; locked" })).await?;
        return Ok(LoginOutcome::Locked { until: locked_until });
    }
    // One statement counts the failure (parallel attempts each count), a second locks once the
    // run is long enough: the same two steps as `count_failure` for an account.
    let failed: i64 = sqlx::query(
        "INSERT INTO login_failures (username, failed, locked_until, last_failed) VALUES ($1, 1, NULL, $2)
         ON CONFLICT (username) DO UPDATE SET
           failed = CASE WHEN login_failures.last_failed < $3 THEN 1 ELSE login_failures.failed + 1 END, last_failed = excluded.last_failed
         RETURNING failed",
    )
    .bind(&name)
    .bind(now)
    .bind(now - FAILURES_FORGOTTEN_AFTER_SECONDS)
    .fetch_one(&db.pool)
    .await?
    .try_get(0)?;
    let lock = (failed >= MAX_FAILED_LOGINS).then_some(now + LOCKOUT_SECONDS);
    if let Some(until) = lock {
        sqlx::query("UPDATE login_failures SET failed = 0, locked_until = $1 WHERE username = $2 AND failed >= $3")
            .bind(until)
            .bind(&name)
            .bind(MAX_FAILED_LOGINS)
            .execute(&db.pool)
            .await?;
    }
    audit_login(db, actor, "login_failed", json!({ "reason": "unknown user", "failed_logins": failed })).await?;
    Ok(match lock {
        Some(until) => LoginOutcome::Locked { until },
        None => LoginOutcome::Refused,
    })
}

/// An administrator lifts a lock (and forgets the failures) before it expires. A name
/// without an account that was locked by failed sign-ins can be unlocked too.
pub async fn unlock(db: &Db, actor: &Actor, username: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let row = sqlx::query("SELECT id, failed_logins, COALESCE(locked_until, 0) FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(&mut *tx)
        .await?;
    let before = match &row {
        Some(r) => {
            let (id, failed, until): (i64, i64, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL, last_failed_at = NULL WHERE id = $1").bind(id).execute(&mut *tx).await?;
            json!({ "failed_logins": failed, "locked_until": (until > 0).then_some(until) })
        }
        None => {
            let gone = sqlx::query("DELETE FROM login_failures WHERE username = $1").bind(username).execute(&mut *tx).await?;
            if gone.rows_affected() == 0 {
                return Err(Error::NotFound(msg::not_found(username)));
            }
            json!({ "account": false })
        }
    };
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry { action: "user_unlock", entity: "user", entity_id: username.into(), enterprise_id: None, before: Some(before), after: Some(json!({ "locked": false })) },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

async fn audit_login(db: &Db, actor: &Actor, action: &str, detail: serde_json::Value) -> Result<()> {
    audit::record(db, actor, NewEntry { action, entity: "session", entity_id: actor.name.clone(), enterprise_id: None, before: None, after: Some(detail) })
        .await?;
    Ok(())
}

/// A live session: the viewer it belongs to and its CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    pub viewer: Viewer,
    pub csrf: String,
}

/// The session behind a cookie token, if it is live (not expired, not idle too long,
/// account enabled). Activity is recorded at most once a minute.
pub async fn session(db: &Db, token: &str, ip: &str) -> Result<Option<Session>> {
    let now = unix_now();
    let hash = token_hash(token);
    let row = sqlx::query(
        "SELECT u.id, u.username, u.display_name, u.role, u.department, u.divisions, u.enterprise_code, s.csrf_token, s.last_seen
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen > $3 AND u.disabled = 0",
    )
    .bind(&hash)
    .bind(now)
    .bind(now - SESSION_IDLE_SECONDS)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let role_code: String = r.try_get(3)?;
    let Some(role) = Role::parse(&role_code) else { return Ok(None) };
    let department = Department::parse(&r.try_get::<String, _>(4)?);
    let divisions: String = r.try_get(5)?;
    let enterprise_code: String = r.try_get(6)?;
    let last_seen: i64 = r.try_get(8)?;
    if now - last_seen >= 60 {
        sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2").bind(now).bind(&hash).execute(&db.pool).await?;
    }
    Ok(Some(Session {
        viewer: Viewer {
            user_id: r.try_get(0)?,
            username: r.try_get(1)?,
            display_name: r.try_get(2)?,
            role,
            department,
            scope: Scope::of_account(role, &divisions, &enterprise_code),
            ip: ip.into(),
        },
        csrf: r.try_get(7)?,
    }))
}

pub async fn logout(db: &Db, token: &str, actor: &Actor) -> Result<()> {
    let gone = sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(token)).execute(&db.pool).await?;
    if gone.rows_affected() > 0 {
        audit_login(db, actor, "logout", json!({})).await?;
    }
    Ok(())
}

/// Drop expired sessions (called now and then by the server).
pub async fn sweep_sessions(db: &Db) -> Result<u64> {
    let now = unix_now();
    sqlx::query("DELETE FROM login_failures WHERE last_failed <= $1 AND COALESCE(locked_until, 0) <= $2")
        .bind(now - FAILURES_FORGOTTEN_AFTER_SECONDS)
        .bind(now)
        .execute(&db.pool)
        .await?;
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen <= $2")
        .bind(now)
        .bind(now - SESSION_IDLE_SECONDS)
        .execute(&db.pool)
        .await?
        .rows_affected())
}
