//! Which loggers exist: the demo city's devices (one per outlet of its larger polluters), and
//! the registered devices the simulator plays.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use sqlx::Row;

use super::pattern::Pollutant;
use crate::error::Result;
use crate::ingest::registry::{self, DeviceRecord};
use crate::storage::audit::Actor;
use crate::storage::Db;

/// A logger as the simulator plays it.
#[derive(Clone, Debug)]
pub struct SimDevice {
    pub mn: String,
    pub password: Option<String>,
    pub key: Option<hj212::Key>,
    pub protocol: hj212::Version,
    pub water: bool,
    pub pollutants: Vec<Pollutant>,
    /// The outlet's reference O2 (%) when its standard converts concentrations (flue gas).
    pub reference_o2: Option<f64>,
}

/// The demo device of an outlet: MN, password and SM4 key derived from the outlet's identity
/// (credit code / outlet code) with SHA-256, so they are the same on every machine and stay
/// the same when the ledger grows. Every fourth device speaks HJ 212-2025 with a key.
/// (Demo only: real loggers get their MN from the platform and random keys.)
pub fn demo_record(credit_code: &str, outlet_code: &str) -> DeviceRecord {
    let h = Sha256::digest(format!("lantian-demo-device:{credit_code}/{outlet_code}").as_bytes());
    let mn = hex::encode_upper(&h[..12]);
    let password = format!("{:06}", u32::from_be_bytes([h[12], h[13], h[14], h[15]]) % 1_000_000);
    let v2025 = h[16] % 4 == 0;
    let key = v2025.then(|| hex::encode_upper(&Sha256::digest(format!("lantian-demo-key:{mn}").as_bytes())[..16]));
    DeviceRecord {
        mn,
        password: Some(password),
        sm4_key: key,
        credit_code: credit_code.to_string(),
        outlet_code: outlet_code.to_string(),
        tolerance: String::new(),
        protocol: if v2025 { "2025" } else { "2017" }.into(),
        enabled: true,
    }
}

/// The demo devices of the ledger in the database: every outlet of the larger polluters
/// (operating enterprises above designated size, 规模以上).
pub async fn demo_records(db: &Db) -> Result<Vec<DeviceRecord>> {
    let rows = sqlx::query(
        "SELECT e.credit_code, o.code FROM outlets o JOIN enterprises e ON e.id = o.enterprise_id
         WHERE e.above_scale = 1 AND e.status = 'operating' ORDER BY e.credit_code, o.code",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (credit, code): (String, String) = (row.try_get(0)?, row.try_get(1)?);
        out.push(demo_record(&credit, &code));
    }
    Ok(out)
}

/// Register the demo devices if no device is registered yet. Returns how many were added.
pub async fn register_demo_devices_if_none(db: &Db) -> Result<usize> {
    let row = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM devices").fetch_one(&db.pool).await?;
    if row.try_get::<i64, _>(0)? > 0 {
        return Ok(0);
    }
    let records = demo_records(db).await?;
    let mut added = 0;
    for chunk in records.chunks(2000) {
        added += registry::upsert(db, chunk, &Actor::system()).await?.0;
    }
    Ok(added)
}

/// The first `n` enabled devices (by MN) with their outlet's medium and pollutants.
pub async fn load(db: &Db, n: usize) -> Result<Vec<SimDevice>> {
    let rows = sqlx::query(
        "SELECT d.mn, d.password, d.sm4_key, d.protocol, COALESCE(o.medium, 'air'), p.pollutant_code, p.limit_value,
                d.credit_code, d.outlet_code
         FROM devices d
         LEFT JOIN enterprises e ON e.credit_code = d.credit_code
         LEFT JOIN outlets o ON o.enterprise_id = e.id AND o.code = d.outlet_code
         LEFT JOIN outlet_pollutants p ON p.outlet_id = o.id
         WHERE d.enabled = 1
         ORDER BY d.mn, p.pollutant_code",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut by_mn: BTreeMap<String, SimDevice> = BTreeMap::new();
    let mut outlets: BTreeMap<String, (String, String)> = BTreeMap::new();
    for row in rows {
        let mn: String = row.try_get(0)?;
        if !by_mn.contains_key(&mn) && by_mn.len() >= n {
            continue;
        }
        let key: Option<String> = row.try_get(2)?;
        let protocol: String = row.try_get(3)?;
        let medium: String = row.try_get(4)?;
        let d = by_mn.entry(mn.clone()).or_insert_with(|| SimDevice {
            mn,
            password: row.try_get(1).ok().flatten(),
            key: key.as_deref().and_then(hj212::Key::from_hex),
            protocol: match protocol.as_str() {
                "2025" => hj212::Version::V2025,
                "2005" => hj212::Version::V2005,
                _ => hj212::Version::V2017,
            },
            water: medium == "water",
            pollutants: Vec::new(),
            reference_o2: None,
        });
        outlets.entry(d.mn.clone()).or_insert_with(|| (row.try_get(7).unwrap_or_default(), row.try_get(8).unwrap_or_default()));
        if let Some(code) = row.try_get::<Option<String>, _>(5)? {
            d.pollutants.push(Pollutant { code, limit: row.try_get(6)? });
        }
    }
    let mut out: Vec<SimDevice> = by_mn.into_values().collect();
    for d in &mut out {
        if d.pollutants.is_empty() {
            // An outlet with no pollutant rows still reports its main one.
            d.pollutants.push(Pollutant { code: if d.water { "w01018" } else { "a34013" }.into(), limit: None });
        }
        // The logger converts to the reference O2 of the outlet's standard, as the platform does.
        if !d.water {
            if let Some((credit, outlet)) = outlets.get(&d.mn) {
                d.reference_o2 = crate::storage::averages::outlet_setup(db, credit, outlet).await?.and_then(|s| s.reference.percent());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_records_are_deterministic_and_valid() {
        let a = super::demo_record("91612000MA00000001", "DA001");
        assert_eq!(a, super::demo_record("91612000MA00000001", "DA001"));
        assert_ne!(a.mn, super::demo_record("91612000MA00000001", "DA002").mn);
        assert_eq!(a.mn.len(), 24);
        crate::ingest::registry::validate(&a).unwrap();
        let n2025 = (0..400).filter(|i| super::demo_record("X", &format!("DA{i:03}")).protocol == "2025").count();
        assert!((60..140).contains(&n2025), "{n2025}");
    }
}
