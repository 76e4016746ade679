//! The raw archive as evidence over time: at the end of each Beijing day the day's frames are
//! hashed one by one, the list of (receive time, MN, frame hash) is kept in `archive_days`,
//! and its SHA-256 is appended to the audit chain (`archive_digest`). `verify` recomputes every
//! digested day from the archive and names each frame that was changed, removed or added
//! since, by its receive time and MN; the audit chain vouches for the digests themselves.

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::OffsetDateTime;

use super::audit::{Actor, AuditWriter, NewEntry};
use super::Db;
use crate::error::Result;
use crate::monitoring::sample::BEIJING;

/// A day is digested once it ended this long ago (the last batches of the day have committed).
pub const DIGEST_AFTER_S: i64 = 600;
const HASH_BYTES: usize = 16;

/// One frame as listed in a day's digest.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Listed {
    received_at: String,
    hash: [u8; HASH_BYTES],
    mn: String,
}

/// The UTC bounds `[from, to)` of a Beijing day `YYYY-MM-DD`, as stored receive times.
fn day_bounds(day: time::Date) -> (String, String) {
    let start = time::PrimitiveDateTime::new(day, time::Time::MIDNIGHT).assume_offset(BEIJING).to_offset(time::UtcOffset::UTC);
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    (start.format(&f).unwrap_or_default(), (start + time::Duration::DAY).format(&f).unwrap_or_default())
}

fn beijing_day_of(received_at: &str) -> Option<time::Date> {
    let t = OffsetDateTime::parse(received_at, &time::format_description::well_known::Rfc3339).ok()?;
    Some(t.to_offset(BEIJING).date())
}

async fn frames_of_day(db: &Db, day: time::Date) -> Result<Vec<Listed>> {
    let (from, to) = day_bounds(day);
    let rows = sqlx::query(
        "SELECT received_at, device_id, mn, peer, cn, qn, verdict, reason, raw FROM raw_packets WHERE received_at >= $1 AND received_at < $2",
    )
    .bind(&from)
    .bind(&to)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let received_at: String = r.try_get(0)?;
        let device: Option<i64> = r.try_get(1)?;
        let mn: String = r.try_get(2)?;
        let canonical = json!([received_at, device, mn, r.try_get::<String, _>(3)?, r.try_get::<String, _>(4)?, r.try_get::<String, _>(5)?,
                               r.try_get::<String, _>(6)?, r.try_get::<String, _>(7)?, r.try_get::<String, _>(8)?])
        .to_string();
        let mut hash = [0u8; HASH_BYTES];
        hash.copy_from_slice(&Sha256::digest(canonical.as_bytes())[..HASH_BYTES]);
        out.push(Listed { received_at, hash, mn });
    }
    out.sort();
    Ok(out)
}

fn encode_list(list: &[Listed]) -> Vec<u8> {
    let mut out = Vec::with_capacity(list.len() * 64);
    for l in list {
        for s in [&l.received_at, &l.mn] {
            let b = &s.as_bytes()[..s.len().min(255)];
            out.push(b.len() as u8);
            out.extend_from_slice(b);
        }
        out.extend_from_slice(&l.hash);
    }
    out
}

fn decode_list(mut b: &[u8]) -> Option<Vec<Listed>> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let mut text = || -> Option<String> {
            let n = *b.first()? as usize;
            let s = std::str::from_utf8(b.get(1..1 + n)?).ok()?.to_string();
            b = &b[1 + n..];
            Some(s)
        };
        let (received_at, mn) = (text()?, text()?);
        let hash: [u8; HASH_BYTES] = b.get(..HASH_BYTES)?.try_into().ok()?;
        b = &b[HASH_BYTES..];
        out.push(Listed { received_at, hash, mn });
    }
    Some(out)
}

/// Digest every closed Beijing day with archived frames that has no digest yet (oldest
/// first); returns the days digested. Each day is one transaction with its audit entry.
pub async fn digest_closed_days(db: &Db, now: OffsetDateTime) -> Result<Vec<time::Date>> {
    let last_closed = (now - time::Duration::seconds(DIGEST_AFTER_S)).to_offset(BEIJING).date().previous_day();
    let Some(last_closed) = last_closed else { return Ok(Vec::new()) };
    let latest: Option<String> = sqlx::query("SELECT MAX(day) FROM archive_days").fetch_one(&db.pool).await?.try_get(0)?;
    let mut from = match latest.as_deref().and_then(|d| time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).ok()) {
        Some(d) => day_bounds(d.next_day().unwrap_or(d)).0,
        None => String::new(),
    };
    let mut done = Vec::new();
    loop {
        let next: Option<String> = sqlx::query("SELECT MIN(received_at) FROM raw_packets WHERE received_at >= $1").bind(&from).fetch_one(&db.pool).await?.try_get(0)?;
        let Some(day) = next.as_deref().and_then(beijing_day_of) else { break };
        if day > last_closed {
            break;
        }
        let list = frames_of_day(db, day).await?;
        let bytes = encode_list(&list);
        let digest = hex::encode(Sha256::digest(&bytes));
        let day_text = day.to_string();
        let mut tx = db.begin().await?;
        sqlx::query("INSERT INTO archive_days (day, frames, digest, list) VALUES ($1, $2, $3, $4)")
            .bind(&day_text)
            .bind(list.len() as i64)
            .bind(&digest)
            .bind(bytes)
            .execute(&mut *tx)
            .await?;
        let mut w = AuditWriter::start(db, &mut tx, &Actor::system()).await?;
        w.append(&mut tx, NewEntry {
            action: "archive_digest",
            entity: "raw_packets",
            entity_id: day_text.clone(),
            enterprise_id: None,
            before: None,
            after: Some(json!({"day": day_text, "frames": list.len(), "sha256": digest})),
        })
        .await?;
        w.finish(&mut tx).await?;
        tx.commit().await?;
        done.push(day);
        from = day_bounds(day.next_day().unwrap_or(day)).0;
        if day == time::Date::MAX {
            break;
        }
    }
    Ok(done)
}

/// What `verify` found: the days and frames checked, and every problem in words.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ArchiveCheck {
    pub days: usize,
    pub frames: usize,
    pub problems: Vec<String>,
}

/// Recompute every digested day and compare it frame by frame with its list.
pub async fn verify(db: &Db) -> Result<ArchiveCheck> {
    let mut check = ArchiveCheck::default();
    let entries = sqlx::query("SELECT entity_id, after_json FROM audit_log WHERE action = 'archive_digest' ORDER BY seq").fetch_all(&db.pool).await?;
    for e in entries {
        let day_text: String = e.try_get(0)?;
        let after: Option<String> = e.try_get(1)?;
        let vouched = after.as_deref().and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok()).and_then(|v| v["sha256"].as_str().map(str::to_string));
        let Ok(day) = time::Date::parse(&day_text, time::macros::format_description!("[year]-[month]-[day]")) else { continue };
        check.days += 1;
        let now = frames_of_day(db, day).await?;
        check.frames += now.len();
        let stored = sqlx::query("SELECT list FROM archive_days WHERE day = $1").bind(&day_text).fetch_optional(&db.pool).await?;
        let list = match stored {
            Some(r) => {
                let bytes: Vec<u8> = r.try_get(0)?;
                if Some(hex::encode(Sha256::digest(&bytes))) != vouched {
                    None
                } else {
                    decode_list(&bytes)
                }
            }
            None => None,
        };
        let Some(list) = list else {
            // The frame list was removed or altered: the day can still be checked as a whole.
            if Some(hex::encode(Sha256::digest(encode_list(&now)))) != vouched {
                check.problems.push(format!("raw archive of {day_text}: the frame list of its digest is missing or altered, and the day's frames no longer match the digest in the audit log"));
            }
            continue;
        };
        diff(&day_text, &list, &now, &mut check.problems);
    }
    Ok(check)
}

/// Name the frames of `was` that are not in `now` (changed or removed) and those added;
/// both lists are sorted.
fn diff(day: &str, was: &[Listed], now: &[Listed], problems: &mut Vec<String>) {
    let (mut i, mut j) = (0, 0);
    let (mut missing, mut added) = (Vec::new(), Vec::new());
    while i < was.len() || j < now.len() {
        match (was.get(i), now.get(j)) {
            (Some(w), Some(n)) if w == n => (i, j) = (i + 1, j + 1),
            (Some(w), n) if n.is_none_or(|n| w < n) => {
                missing.push(w);
                i += 1;
            }
            (_, Some(n)) => {
                added.push(Some(n));
                j += 1;
            }
            _ => break,
        }
    }
    for w in missing {
        let at = super::display_time(&w.received_at);
        match added.iter_mut().find(|n| n.is_some_and(|n| n.received_at == w.received_at && n.mn == w.mn)) {
            Some(slot) => {
                *slot = None;
                problems.push(format!("raw archive of {day}: the frame received {at} from MN {} was changed after its day was digested", w.mn));
            }
            None => problems.push(format!("raw archive of {day}: the frame received {at} from MN {} was removed after its day was digested", w.mn)),
        }
    }
    for n in added.into_iter().flatten() {
        let at = super::display_time(&n.received_at);
        problems.push(format!("raw archive of {day}: a frame received {at} from MN {} is not in the day's digest (added afterwards)", n.mn));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(at: &str, mn: &str, h: u8) -> Listed {
        Listed { received_at: at.into(), hash: [h; HASH_BYTES], mn: mn.into() }
    }

    #[test]
    fn lists_round_trip_and_differences_are_named() {
        let was = vec![l("2026-11-23T02:00:00.000Z", "A", 1), l("2026-11-23T02:00:00.000Z", "A", 1), l("2026-11-23T02:00:01.000Z", "B", 2), l("2026-11-23T02:00:02.000Z", "C", 3)];
        assert_eq!(decode_list(&encode_list(&was)).unwrap(), was);
        assert_eq!(decode_list(&[5, b'a']), None);
        let mut p = Vec::new();
        diff("2026-11-23", &was, &was, &mut p);
        assert!(p.is_empty());
        let now = vec![l("2026-11-23T02:00:00.000Z", "A", 1), l("2026-11-23T02:00:01.000Z", "B", 9), l("2026-11-23T02:00:05.000Z", "D", 4)];
        diff("2026-11-23", &was, &now, &mut p);
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[0].contains("10:00:00 from MN A was removed"), "{p:?}");
        assert!(p.iter().any(|x| x.contains("10:00:01 from MN B was changed")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("10:00:02 from MN C was removed")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("10:00:05 from MN D is not in the day's digest")), "{p:?}");
    }

    #[test]
    fn days_are_beijing_days() {
        let d = time::macros::date!(2026 - 11 - 23);
        assert_eq!(day_bounds(d), ("2026-11-22T16:00:00.000Z".into(), "2026-11-23T16:00:00.000Z".into()));
        assert_eq!(beijing_day_of("2026-11-22T16:00:00.000Z"), Some(d));
        assert_eq!(beijing_day_of("2026-11-22T15:59:59.999Z"), d.previous_day());
    }
}
