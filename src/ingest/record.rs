//! What a connection hands to the writer: one archived frame (`Record`) with its parsed values,
//! and a completion channel for the acknowledgement.

use std::sync::Arc;
use std::time::Instant;

use tokio::sync::oneshot;

/// One pollutant's values in one packet (a row of `measurements`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Value {
    pub pollutant: String,
    pub rtd: Option<f64>,
    pub avg: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub cou: Option<f64>,
    pub zs_rtd: Option<f64>,
    pub zs_avg: Option<f64>,
    pub zs_min: Option<f64>,
    pub zs_max: Option<f64>,
    pub flag: Option<String>,
    /// Other fields of this pollutant, `Field=value,…` (e.g. EFlag, SampleTime, RawAvg).
    pub extra: Option<String>,
}

impl Value {
    /// The same measured values (every field but the pollutant code), as a resend carries them.
    pub fn same_as(&self, o: &Value) -> bool {
        let f = |v: &Value| [v.rtd, v.avg, v.min, v.max, v.cou, v.zs_rtd, v.zs_avg, v.zs_min, v.zs_max];
        // Bit equality: a stored f64 reads back exactly (REAL / DOUBLE PRECISION), NaN never stored.
        f(self).iter().zip(f(o).iter()).all(|(a, b)| a.map(f64::to_bits) == b.map(f64::to_bits)) && self.flag == o.flag && self.extra == o.extra
    }
}

/// What the writer made of an authenticated packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Something new was stored (or a packet without values was archived).
    Accepted,
    /// Every value was already stored, identical (a resend).
    Duplicate,
    /// A slot already held other values from the device: the stored ones stay, this packet is
    /// archived as a conflict and listed for review.
    Conflict,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Duplicate => "duplicate",
            Verdict::Conflict => "conflict",
        }
    }
}

/// An archived frame. `device_id` is set when the MN is registered (even if the packet was
/// then rejected, e.g. for a wrong password).
#[derive(Debug)]
pub struct Record {
    pub received_ms: i64,
    pub device_id: Option<i64>,
    pub mn: String,
    pub peer: Arc<str>,
    pub cn: String,
    pub qn: String,
    /// `None`: accepted (the writer decides accepted/duplicate); `Some`: rejected with this reason.
    pub reject: Option<&'static str>,
    /// Authenticated: counts as contact from the device (accepted packets, heartbeats).
    pub contact: bool,
    pub raw: String,
    /// DataTime as YYYYMMDDhhmmss.
    pub data_time: Option<i64>,
    pub cn_code: i64,
    pub values: Vec<Value>,
}

/// The writer's answer for one record, sent only after its transaction committed (or failed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Committed. `duplicate`: every value was already stored (a resend).
    Stored { duplicate: bool },
    /// The batch could not be committed; nothing of it is stored; no acknowledgement.
    Failed,
}

pub struct Job {
    pub record: Record,
    pub done: Option<oneshot::Sender<Outcome>>,
    pub arrived: Instant,
}

/// The frame as stored text: itself if it is UTF-8 without NUL (PostgreSQL TEXT cannot hold
/// NUL), else `hex:` + lower-case hex. Both are lossless.
pub fn raw_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.contains('\0') => s.to_string(),
        _ => format!("hex:{}", hex::encode(bytes)),
    }
}

/// A rejected frame as archived: whole if it has at most `max` bytes, else
/// `excerpt:<length>:<SHA-256 of the whole frame>:` followed by its first `max` bytes as
/// `raw_text` writes them. Rejected frames are unauthenticated, so the archive keeps bounded
/// evidence of them (what was sent, how much, and a digest that identifies the whole) rather
/// than whatever an attacker chooses to send.
pub fn evidence_text(bytes: &[u8], max: usize) -> String {
    if bytes.len() <= max {
        return raw_text(bytes);
    }
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    format!("excerpt:{}:{}:{}", bytes.len(), hex::encode(digest), raw_text(&bytes[..max]))
}

/// The latest DataTime accepted at `now_ms` (Unix milliseconds): Beijing time plus `ahead`,
/// as the integer YYYYMMDDhhmmss (whose order is time order).
pub fn latest_data_time(now_ms: i64, ahead: std::time::Duration) -> i64 {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos((now_ms as i128 + ahead.as_millis() as i128) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(time::macros::offset!(+8));
    t.year() as i64 * 10_000_000_000
        + t.month() as i64 * 100_000_000
        + t.day() as i64 * 1_000_000
        + t.hour() as i64 * 10_000
        + t.minute() as i64 * 100
        + t.second() as i64
}

/// DataTime `YYYYMMDDhhmmss` (exactly 14 digits) as an integer.
pub fn data_time(v: &[u8]) -> Option<i64> {
    if v.len() != 14 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(v).ok()?.parse().ok()
}

/// The DataTime and the per-pollutant values of a packet (empty if it carries no DataTime or no
/// coded items, e.g. commands and replies).
pub fn values_of(p: &hj212::Packet<'_>) -> (Option<i64>, Vec<Value>) {
    let Some(dt) = p.data_time().and_then(data_time) else { return (None, Vec::new()) };
    let mut out: Vec<Value> = Vec::new();
    for item in p.items() {
        let Some(code) = item.code() else { continue };
        if code.is_empty() {
            continue;
        }
        let code = p.text(code);
        let idx = match out.iter().rposition(|v| v.pollutant == code) {
            Some(i) => i,
            None => {
                out.push(Value { pollutant: code.into_owned(), ..Value::default() });
                out.len() - 1
            }
        };
        let v = &mut out[idx];
        let field = item.field();
        let num = || hj212::parse_number(item.value).map(|n| n.as_f64()).filter(|f| f.is_finite());
        let slot = match field {
            b"Rtd" => Some(&mut v.rtd),
            b"Avg" => Some(&mut v.avg),
            b"Min" => Some(&mut v.min),
            b"Max" => Some(&mut v.max),
            b"Cou" => Some(&mut v.cou),
            b"ZsRtd" => Some(&mut v.zs_rtd),
            b"ZsAvg" => Some(&mut v.zs_avg),
            b"ZsMin" => Some(&mut v.zs_min),
            b"ZsMax" => Some(&mut v.zs_max),
            _ => None,
        };
        match (slot, num()) {
            (Some(slot), Some(n)) => *slot = Some(n),
            _ if field == b"Flag" => v.flag = Some(p.text(item.value).into_owned()),
            _ => {
                let extra = v.extra.get_or_insert_with(String::new);
                if !extra.is_empty() {
                    extra.push(',');
                }
                extra.push_str(&p.text(field));
                extra.push('=');
                extra.push_str(&p.text(item.value));
            }
        }
    }
    (Some(dt), out)
}

/// The command a packet from a logger is answered with when its Flag asks for an answer
/// (D bit): data uploads (2xxx, and 3020 field information) get the data acknowledgement 9014,
/// other requests and notifications the notification answer 9013. Replies (9xxx) get none.
pub fn reply_command(cn: u16) -> Option<&'static str> {
    match cn {
        9000..=9999 => None,
        2000..=2999 | 3020 => Some("9014"),
        _ => Some("9013"),
    }
}

/// The value of a header field (`MN`, `PW`, …) in a data segment, before `CP=`.
pub fn header_field<'a>(data: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let header_end = memchr_cp(data);
    let header = &data[..header_end];
    for part in header.split(|&b| b == b';') {
        if part.len() > name.len() && part.starts_with(name) && part[name.len()] == b'=' {
            return Some(&part[name.len() + 1..]);
        }
    }
    None
}

fn memchr_cp(data: &[u8]) -> usize {
    data.windows(3).position(|w| w == b"CP=").unwrap_or(data.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_grouped_by_pollutant() {
        let seg = b"QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857;w01018-Rtd=50.1,w01018-Flag=N,w01018-EFlag=A1;a21026-Rtd=x,a21026-ZsRtd=12.5&&";
        let frame = hj212::frame_segment(seg);
        let p = hj212::decode_line(&frame, &hj212::Tolerance::STRICT, None).unwrap();
        let (dt, v) = values_of(&p);
        assert_eq!(dt, Some(20160801085857));
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].pollutant, "w01018");
        assert_eq!(v[0].rtd, Some(50.1));
        assert_eq!(v[0].flag.as_deref(), Some("N"));
        assert_eq!(v[0].extra.as_deref(), Some("EFlag=A1"));
        assert_eq!(v[1].rtd, None);
        assert_eq!(v[1].zs_rtd, Some(12.5));
        assert_eq!(v[1].extra.as_deref(), Some("Rtd=x"));
        assert_eq!(header_field(seg, b"MN"), Some(&b"010000A8900016F000169DC0"[..]));
        assert_eq!(header_field(seg, b"PW"), Some(&b"123456"[..]));
        assert_eq!(header_field(b"QN=1;CP=&&MN=x&&", b"MN"), None);
    }

    #[test]
    fn raw_text_is_lossless() {
        assert_eq!(raw_text(b"##0001a"), "##0001a");
        assert_eq!(raw_text(b"ST=\0\0"), "hex:53543d0000");
        assert_eq!(raw_text(&[0xff, 0x41]), "hex:ff41");
        assert_eq!(data_time(b"2016080108585"), None);
        assert_eq!(reply_command(2011), Some("9014"));
        assert_eq!(reply_command(9014), None);
        assert_eq!(reply_command(1001), Some("9013"));
    }

    #[test]
    fn rejected_frames_are_kept_as_bounded_excerpts() {
        assert_eq!(evidence_text(b"##0001a", 512), "##0001a", "a short frame is kept whole");
        let junk = vec![b'x'; 100_000];
        let e = evidence_text(&junk, 512);
        assert!(e.starts_with("excerpt:100000:"), "{}", &e[..40]);
        let digest = e.split(':').nth(2).unwrap();
        assert_eq!(digest.len(), 64);
        assert_eq!(e.len(), "excerpt:100000:".len() + 64 + 1 + 512);
        assert_ne!(evidence_text(&[b'y'; 100_000], 512).split(':').nth(2).unwrap(), digest);
    }

    #[test]
    fn latest_data_time_is_beijing_time_ahead() {
        // 2026-12-03 06:00:00 UTC = 14:00:00 Beijing.
        let ms = 1_796_277_600_000;
        assert_eq!(latest_data_time(ms, std::time::Duration::ZERO), 20261203140000);
        assert_eq!(latest_data_time(ms, std::time::Duration::from_secs(600)), 20261203141000);
        assert_eq!(latest_data_time(ms + 10 * 3_600_000, std::time::Duration::from_secs(600)), 20261204001000);
    }
}
