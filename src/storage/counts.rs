//! A short-lived cache of list totals. Counting a large filtered set costs more than
//! fetching its page, and under load the same filters repeat. Entries live for
//! `TTL`; writes through this node clear the cache at once, so only changes made by
//! *other* nodes can show up to `TTL` late in a total (the rows themselves are always fresh).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const TTL: Duration = Duration::from_secs(3);
const MAX_ENTRIES: usize = 4096;

#[derive(Default)]
pub struct CountCache {
    entries: Mutex<HashMap<String, (i64, Instant)>>,
    generation: AtomicU64,
}

impl CountCache {
    pub fn get(&self, key: &str) -> Option<i64> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|(_, at)| at.elapsed() < TTL).map(|(n, _)| *n)
    }

    /// The generation to pass back to `put`, read before counting: a count that raced
    /// with a write is then not stored.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub fn put(&self, key: String, total: i64, generation: u64) {
        if let Ok(mut entries) = self.entries.lock() {
            if self.generation.load(Ordering::Acquire) != generation {
                return;
            }
            if entries.len() >= MAX_ENTRIES {
                entries.retain(|_, (_, at)| at.elapsed() < TTL);
                if entries.len() >= MAX_ENTRIES {
                    entries.clear();
                }
            }
            entries.insert(key, (total, Instant::now()));
        }
    }

    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_clears_and_a_racing_count_is_not_stored() {
        let c = CountCache::default();
        let g = c.generation();
        c.put("k".into(), 5, g);
        assert_eq!(c.get("k"), Some(5));
        c.invalidate();
        assert_eq!(c.get("k"), None);
        c.put("k".into(), 5, g); // counted before the write
        assert_eq!(c.get("k"), None);
    }
}
