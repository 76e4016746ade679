//! How much rejected traffic one address may leave in the raw archive: per address and clock
//! hour, a number of frames and a number of stored bytes (issue 17 item 4: junk sent without
//! authentication grew the database by 2.47 GB in 23 s). Beyond the quota a rejected frame is
//! still counted, but not stored. Only the reject path takes the lock; accepted packets never
//! touch it.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// Addresses tracked at once. When the table is full (an attacker with many addresses), stale
/// hours are swept; if it is still full, rejected frames from new addresses are dropped, so
/// neither the table nor the archive grows without bound.
const MAX_ADDRESSES: usize = 65_536;
const HOUR_MS: i64 = 3_600_000;

#[derive(Clone, Copy)]
struct Window {
    hour: i64,
    frames: u32,
    bytes: u64,
}

pub struct RejectQuota {
    frames_per_hour: u32,
    bytes_per_hour: u64,
    used: Mutex<HashMap<IpAddr, Window>>,
}

impl RejectQuota {
    pub fn new(frames_per_hour: u32, bytes_per_hour: u64) -> RejectQuota {
        RejectQuota { frames_per_hour, bytes_per_hour, used: Mutex::new(HashMap::new()) }
    }

    /// May a rejected frame of `bytes` stored bytes from `ip` be archived at `now_ms`? Counts it
    /// against the address's hour if so.
    pub fn admit(&self, ip: IpAddr, bytes: usize, now_ms: i64) -> bool {
        let hour = now_ms.div_euclid(HOUR_MS);
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if !used.contains_key(&ip) && used.len() >= MAX_ADDRESSES {
            used.retain(|_, w| w.hour == hour);
            if used.len() >= MAX_ADDRESSES {
                return false;
            }
        }
        let w = used.entry(ip).or_insert(Window { hour, frames: 0, bytes: 0 });
        if w.hour != hour {
            *w = Window { hour, frames: 0, bytes: 0 };
        }
        let bytes = bytes as u64;
        if w.frames >= self.frames_per_hour || w.bytes + bytes > self.bytes_per_hour {
            return false;
        }
        w.frames += 1;
        w.bytes += bytes;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_bytes_are_capped_per_address_and_hour() {
        let q = RejectQuota::new(3, 1000);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let t = 5 * HOUR_MS + 10;
        assert!(q.admit(a, 400, t));
        assert!(q.admit(a, 400, t));
        assert!(!q.admit(a, 400, t), "the bytes quota");
        assert!(q.admit(a, 100, t));
        assert!(!q.admit(a, 1, t), "the frames quota");
        assert!(q.admit(b, 400, t), "another address has its own quota");
        assert!(q.admit(a, 400, t + HOUR_MS), "a new hour starts afresh");
    }
}
