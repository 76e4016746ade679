//! Reassembly of split messages (PNUM/PNO) as a pure state machine.
//!
//! The caller owns time: every call takes `now` (any monotonic unit, e.g. milliseconds), and
//! incomplete messages are dropped by [`Reassembler::evict`] once older than the timeout.
//! Parts are keyed by (MN, CN, QN) — or (MN, CN, DataTime) when QN is absent (2005 loggers).

use std::collections::HashMap;

use crate::packet::Packet;

/// Limits for a [`Reassembler`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReassemblyConfig {
    /// Drop an incomplete message this long (in the caller's time unit) after its first part.
    pub timeout: u64,
    /// Largest accepted PNUM.
    pub max_parts: u32,
    /// Most incomplete messages kept at once; the oldest is evicted beyond this.
    pub max_pending: usize,
}

impl Default for ReassemblyConfig {
    fn default() -> Self {
        ReassemblyConfig { timeout: 60_000, max_parts: 256, max_pending: 4096 }
    }
}

/// Identity of a split message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageKey {
    pub mn: String,
    pub cn: String,
    /// QN, or DataTime when there is no QN.
    pub id: String,
}

/// A reassembled message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assembled {
    pub key: MessageKey,
    pub st: Option<String>,
    pub flag: Option<u8>,
    pub pnum: u32,
    /// CP content of each part, in PNO order.
    pub parts: Vec<Vec<u8>>,
}

impl Assembled {
    /// The parts' CP joined by `;`, dropping a repeated leading `DataTime=...` group of parts
    /// 2..n when it equals part 1's. Iterate it with [`crate::CpItems::new`].
    pub fn joined_cp(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let first_dt = self.parts.first().and_then(|p| leading_datatime(p));
        for (i, p) in self.parts.iter().enumerate() {
            let mut body: &[u8] = p;
            if i > 0
                && let (Some(a), Some(b)) = (first_dt, leading_datatime(p))
                && a == b
            {
                body = &p[b.len()..];
                body = body.strip_prefix(b";").unwrap_or(body);
            }
            if body.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(b';');
            }
            out.extend_from_slice(body);
        }
        out
    }
}

fn leading_datatime(cp: &[u8]) -> Option<&[u8]> {
    if !cp.starts_with(b"DataTime=") {
        return None;
    }
    let end = memchr::memchr(b';', cp).unwrap_or(cp.len());
    Some(&cp[..end])
}

/// What [`Reassembler::push`] did with a packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Push {
    /// Not a split packet (no PNUM/PNO): use it as is.
    NotSplit,
    /// Stored; `received` of `pnum` parts so far.
    Stored { received: u32, pnum: u32 },
    /// Same PNO received again; ignored (first copy kept).
    Duplicate,
    /// PNUM/PNO inconsistent (PNO = 0 or > PNUM, PNUM = 0 or too large, PNUM changed).
    Rejected(&'static str),
    /// All parts are here.
    Complete(Assembled),
}

/// An incomplete message dropped by eviction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evicted {
    pub key: MessageKey,
    pub pnum: u32,
    pub received: u32,
    pub first_seen: u64,
}

#[derive(Debug, Clone)]
struct Pending {
    pnum: u32,
    parts: Vec<Option<Vec<u8>>>,
    received: u32,
    first_seen: u64,
    st: Option<String>,
    flag: Option<u8>,
}

/// The reassembly state machine.
#[derive(Debug, Clone, Default)]
pub struct Reassembler {
    cfg: ReassemblyConfig,
    pending: HashMap<MessageKey, Pending>,
}

impl Reassembler {
    pub fn new(cfg: ReassemblyConfig) -> Self {
        Reassembler { cfg, pending: HashMap::new() }
    }

    /// Number of incomplete messages held.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Feed one decoded packet received at `now`.
    pub fn push(&mut self, p: &Packet<'_>, now: u64) -> Push {
        let (pnum, pno) = match (p.pnum, p.pno) {
            (None, None) => return Push::NotSplit,
            (Some(a), Some(b)) => (a, b),
            _ => return Push::Rejected("PNUM without PNO or PNO without PNUM"),
        };
        if pnum == 0 || pnum > self.cfg.max_parts {
            return Push::Rejected("PNUM out of range");
        }
        if pno == 0 || pno > pnum {
            return Push::Rejected("PNO out of range");
        }
        let id = match p.qn {
            Some(q) => q.to_string(),
            None => p.data_time().map(|d| String::from_utf8_lossy(d).into_owned()).unwrap_or_default(),
        };
        let key = MessageKey { mn: p.mn.unwrap_or("").to_string(), cn: p.cn.to_string(), id };
        if pnum == 1 {
            return Push::Complete(Assembled { key, st: p.st.map(str::to_string), flag: p.flag, pnum, parts: vec![p.cp().to_vec()] });
        }
        if !self.pending.contains_key(&key) && self.pending.len() >= self.cfg.max_pending {
            // make room: drop the oldest
            if let Some(k) = self.pending.iter().min_by_key(|(_, v)| v.first_seen).map(|(k, _)| k.clone()) {
                self.pending.remove(&k);
            }
        }
        let e = self.pending.entry(key.clone()).or_insert_with(|| Pending {
            pnum,
            parts: vec![None; pnum as usize],
            received: 0,
            first_seen: now,
            st: p.st.map(str::to_string),
            flag: p.flag,
        });
        if e.pnum != pnum {
            return Push::Rejected("PNUM differs from earlier parts");
        }
        let slot = &mut e.parts[pno as usize - 1];
        if slot.is_some() {
            return Push::Duplicate;
        }
        *slot = Some(p.cp().to_vec());
        e.received += 1;
        if e.received < pnum {
            return Push::Stored { received: e.received, pnum };
        }
        let e = self.pending.remove(&key).expect("present");
        Push::Complete(Assembled {
            key,
            st: e.st,
            flag: e.flag,
            pnum,
            parts: e.parts.into_iter().map(Option::unwrap_or_default).collect(),
        })
    }

    /// Drop incomplete messages whose first part arrived more than `timeout` before `now`.
    pub fn evict(&mut self, now: u64) -> Vec<Evicted> {
        let timeout = self.cfg.timeout;
        let mut out = Vec::new();
        self.pending.retain(|k, v| {
            let keep = now.saturating_sub(v.first_seen) <= timeout;
            if !keep {
                out.push(Evicted { key: k.clone(), pnum: v.pnum, received: v.received, first_seen: v.first_seen });
            }
            keep
        });
        out.sort_by_key(|e| e.first_seen);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::{EncodeOptions, Header, encode};
    use crate::packet::decode_line;
    use crate::tolerance::Tolerance;

    fn part(pno: u32, pnum: u32, cp: &str) -> Vec<u8> {
        let h = Header {
            qn: Some("20201029122005355"),
            st: Some("31"),
            cn: "2051",
            pw: Some("123456"),
            mn: Some("M1"),
            flag: Some(7),
            pnum: Some(pnum),
            pno: Some(pno),
            ..Header::default()
        };
        encode(&h, cp.as_bytes(), &EncodeOptions::default()).unwrap()
    }

    #[test]
    fn out_of_order_and_eviction() {
        let mut r = Reassembler::new(ReassemblyConfig { timeout: 100, ..Default::default() });
        let t = Tolerance::STRICT;
        let p2 = part(2, 3, "DataTime=20201029121000;b-Avg=2");
        let p1 = part(1, 3, "DataTime=20201029121000;a-Avg=1");
        let p3 = part(3, 3, "DataTime=20201029121000;c-Avg=3");
        let d = |b: &Vec<u8>| decode_line(b, &t, None).unwrap().cp().to_vec();
        let _ = d;
        assert_eq!(r.push(&decode_line(&p2, &t, None).unwrap(), 0), Push::Stored { received: 1, pnum: 3 });
        assert_eq!(r.push(&decode_line(&p2, &t, None).unwrap(), 1), Push::Duplicate);
        assert_eq!(r.push(&decode_line(&p1, &t, None).unwrap(), 2), Push::Stored { received: 2, pnum: 3 });
        match r.push(&decode_line(&p3, &t, None).unwrap(), 3) {
            Push::Complete(a) => {
                assert_eq!(a.parts.len(), 3);
                assert_eq!(a.joined_cp(), b"DataTime=20201029121000;a-Avg=1;b-Avg=2;c-Avg=3");
            }
            o => panic!("{o:?}"),
        }
        assert_eq!(r.pending(), 0);
        // incomplete message evicted by the caller's clock
        assert!(matches!(r.push(&decode_line(&p1, &t, None).unwrap(), 1000), Push::Stored { .. }));
        assert!(r.evict(1100).is_empty());
        let ev = r.evict(1101);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].received, 1);
        assert_eq!(r.pending(), 0);
        // inconsistent numbering
        assert!(matches!(r.push(&decode_line(&part(4, 3, "a=1"), &t, None).unwrap(), 0), Push::Rejected(_)));
        assert!(matches!(r.push(&decode_line(&part(0, 3, "a=1"), &t, None).unwrap(), 0), Push::Rejected(_)));
        let single = part(1, 1, "a-Rtd=1");
        assert!(matches!(r.push(&decode_line(&single, &t, None).unwrap(), 0), Push::Complete(_)));
    }
}
