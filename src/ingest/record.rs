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
}
