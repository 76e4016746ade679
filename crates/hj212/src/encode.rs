//! Building packets: data segment, length, CRC, optional SM4 encryption, replies.

use crate::crc::{crc16, crc_hex};
use crate::crypto::{Key, encrypt_cp, is_encrypted_command};
use crate::error::{Error, Reason, err};
use crate::packet::{Packet, Version};
use crate::tolerance::ABSOLUTE_MAX_DATA_LEN;

/// Header fields for encoding. `None` fields are omitted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Header<'a> {
    pub qn: Option<&'a str>,
    pub st: Option<&'a str>,
    pub cn: &'a str,
    pub pw: Option<&'a str>,
    pub mn: Option<&'a str>,
    pub flag: Option<u8>,
    pub pnum: Option<u32>,
    pub pno: Option<u32>,
    pub rf: Option<u8>,
}

impl<'a> Header<'a> {
    /// The header of a decoded packet (NUL-filled ST stays absent).
    pub fn of(p: &Packet<'a>) -> Header<'a> {
        Header { qn: p.qn, st: p.st, cn: p.cn, pw: p.pw, mn: p.mn, flag: p.flag, pnum: p.pnum, pno: p.pno, rf: p.rf }
    }
}

/// Which length an encrypted packet's length field carries (HJ 212-2025 ambiguity, see
/// `data/hj212/hj212-2025-rules.md`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LengthMode {
    /// The plaintext data-segment length, as the official Appendix A.2 examples print it.
    #[default]
    Plaintext,
    /// The transmitted (cipher text) length, as the cems-data-pipeline implementation writes it.
    Transmitted,
}

/// Encoding options.
#[derive(Debug, Clone, Default)]
pub struct EncodeOptions {
    /// Device key: when set, CP of CN 2000–2999, 1014 and 3020 is SM4-encrypted.
    pub key: Option<Key>,
    pub length: LengthMode,
}

/// Incremental CP writer: items joined by `,`, groups by `;`.
#[derive(Debug, Clone, Default)]
pub struct CpWriter {
    buf: Vec<u8>,
    pending_group: bool,
}

impl CpWriter {
    pub fn new() -> Self {
        Self::default()
    }
    /// Start a new `;` group (the next item is preceded by `;`).
    pub fn group(&mut self) -> &mut Self {
        if !self.buf.is_empty() {
            self.pending_group = true;
        }
        self
    }
    /// Add `key=value` to the current group.
    pub fn item(&mut self, key: &[u8], value: &[u8]) -> &mut Self {
        if !self.buf.is_empty() {
            self.buf.push(if self.pending_group { b';' } else { b',' });
        }
        self.pending_group = false;
        self.buf.extend_from_slice(key);
        self.buf.push(b'=');
        self.buf.extend_from_slice(value);
        self
    }
    /// Add `code-field=value`.
    pub fn coded(&mut self, code: &[u8], field: &[u8], value: &[u8]) -> &mut Self {
        let mut k = Vec::with_capacity(code.len() + 1 + field.len());
        k.extend_from_slice(code);
        k.push(b'-');
        k.extend_from_slice(field);
        self.item(&k, value)
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

fn check_value(v: &str, what: &'static str) -> Result<(), Error> {
    if v.bytes().any(|b| b == b';' || b == b'=' || b < 0x20 || b == 0x7F) || v.contains("&&") {
        return Err(err(Reason::BadFieldSyntax, what));
    }
    Ok(())
}

/// The plaintext data segment `QN=..;ST=..;CN=..;PW=..;MN=..;Flag=..;PNUM=..;PNO=..;RF=..;CP=&&cp&&`.
pub fn data_segment(h: &Header<'_>, cp: &[u8]) -> Result<Vec<u8>, Error> {
    if h.cn.len() != 4 || !h.cn.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(Reason::BadFieldSyntax, "CN is not 4 digits"));
    }
    if memchr::memmem::find(cp, b"&&").is_some() || cp.ends_with(b"&") {
        return Err(err(Reason::BadFieldSyntax, "CP content contains `&&`"));
    }
    let mut s = Vec::with_capacity(96 + cp.len());
    let mut field = |k: &str, v: &str| -> Result<(), Error> {
        check_value(v, "header value contains `;`, `=`, `&&` or control characters")?;
        s.extend_from_slice(k.as_bytes());
        s.push(b'=');
        s.extend_from_slice(v.as_bytes());
        s.push(b';');
        Ok(())
    };
    if let Some(v) = h.qn {
        field("QN", v)?;
    }
    if let Some(v) = h.st {
        field("ST", v)?;
    }
    field("CN", h.cn)?;
    if let Some(v) = h.pw {
        field("PW", v)?;
    }
    if let Some(v) = h.mn {
        field("MN", v)?;
    }
    if let Some(v) = h.flag {
        field("Flag", &v.to_string())?;
    }
    if let Some(v) = h.pnum {
        field("PNUM", &v.to_string())?;
    }
    if let Some(v) = h.pno {
        field("PNO", &v.to_string())?;
    }
    if let Some(v) = h.rf {
        field("RF", &v.to_string())?;
    }
    s.extend_from_slice(b"CP=&&");
    s.extend_from_slice(cp);
    s.extend_from_slice(b"&&");
    Ok(s)
}

/// Wrap a data segment: `##` + 4-digit length + segment + CRC + CR LF (length = `seg.len()`,
/// which must be ≤ 9999; longer segments get a wrong length field — use [`encode`] to check).
pub fn frame_segment(seg: &[u8]) -> Vec<u8> {
    frame_with(seg, seg.len(), crc16(seg))
}

fn frame_with(transmitted: &[u8], len_field: usize, crc: u16) -> Vec<u8> {
    let mut out = Vec::with_capacity(transmitted.len() + 12);
    out.extend_from_slice(b"##");
    out.extend_from_slice(format!("{:04}", len_field.min(9999)).as_bytes());
    out.extend_from_slice(transmitted);
    out.extend_from_slice(&crc_hex(crc));
    out.extend_from_slice(b"\r\n");
    out
}

/// Build a complete packet. With `opts.key` set and CN in 2000–2999/1014/3020 the CP is
/// SM4-encrypted (CRC over the plaintext, length per `opts.length`).
pub fn encode(h: &Header<'_>, cp: &[u8], opts: &EncodeOptions) -> Result<Vec<u8>, Error> {
    let seg = data_segment(h, cp)?;
    if seg.len() > ABSOLUTE_MAX_DATA_LEN {
        return Err(err(Reason::Oversized, "data segment longer than 9999 characters"));
    }
    let crc = crc16(&seg);
    let cn: u16 = h.cn.parse().unwrap_or(0);
    match &opts.key {
        Some(key) if is_encrypted_command(cn) && cp.len() >= 16 => {
            let cp_at = seg.len() - cp.len() - 2;
            let mut tx = Vec::with_capacity(seg.len() * 5);
            tx.extend_from_slice(&seg[..cp_at]);
            tx.extend_from_slice(&encrypt_cp(cp, key));
            tx.extend_from_slice(b"&&");
            let len = match opts.length {
                LengthMode::Plaintext => seg.len(),
                LengthMode::Transmitted => tx.len(),
            };
            if len > ABSOLUTE_MAX_DATA_LEN {
                return Err(err(Reason::Oversized, "data segment longer than 9999 characters"));
            }
            Ok(frame_with(&tx, len, crc))
        }
        _ => Ok(frame_with(&seg, seg.len(), crc)),
    }
}

/// Answer to a packet with a reply command (`CP=&&&&`): same QN, PW and MN, ST=91, Flag with
/// the packet's version bits and no ack request (D=0, A=0).
pub fn reply(p: &Packet<'_>, reply_cn: &str) -> Result<Vec<u8>, Error> {
    let flag = p.flag.map(|_| p.version.flag_bits());
    let h = Header { qn: p.qn, st: Some("91"), cn: reply_cn, pw: p.pw, mn: p.mn, flag, ..Header::default() };
    encode(&h, b"", &EncodeOptions::default())
}

/// HJ 212-2025 heartbeat: a `CN=9015` packet that asks for an answer (Flag D bit, e.g. Flag=9)
/// is answered with `CN=9013` (notification answer). `None` when no answer is due.
pub fn heartbeat_reply(p: &Packet<'_>) -> Option<Vec<u8>> {
    (p.cn_code == 9015 && p.needs_ack()).then(|| reply(p, "9013").ok()).flatten()
}

/// Whether the packet is an HJ 212-2025 heartbeat.
pub fn is_heartbeat(p: &Packet<'_>) -> bool {
    p.cn_code == 9015 && p.version == Version::V2025
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packet::decode_line;
    use crate::tolerance::Tolerance;

    #[test]
    fn encode_appendix() {
        let h = Header {
            qn: Some("20160801085857223"),
            st: Some("32"),
            cn: "1062",
            pw: Some("100000"),
            mn: Some("010000A8900016F000169DC0"),
            flag: Some(5),
            ..Header::default()
        };
        let p = encode(&h, b"RtdInterval=30", &EncodeOptions::default()).unwrap();
        assert_eq!(
            p,
            b"##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n"
        );
        assert!(encode(&Header { cn: "12", ..h }, b"", &EncodeOptions::default()).is_err());
        assert!(encode(&h, b"a=&&", &EncodeOptions::default()).is_err());
        assert!(encode(&Header { mn: Some("a;b"), ..h }, b"", &EncodeOptions::default()).is_err());
    }

    #[test]
    fn heartbeat() {
        let seg = b"QN=20240601085857223;ST=32;CN=9015;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&&&";
        let line = frame_segment(seg);
        let p = decode_line(&line, &Tolerance::STRICT, None).unwrap();
        assert!(is_heartbeat(&p));
        let r = heartbeat_reply(&p).unwrap();
        let rp = decode_line(&r, &Tolerance::STRICT, None).unwrap();
        assert_eq!(rp.cn, "9013");
        assert_eq!(rp.flag, Some(8));
        assert_eq!(rp.qn, p.qn);
        assert_eq!(rp.st, Some("91"));
        assert_eq!(rp.mn, p.mn);
        // Flag=8: no answer
        let line = frame_segment(&seg.replace_flag9());
        let p = decode_line(&line, &Tolerance::STRICT, None).unwrap();
        assert!(heartbeat_reply(&p).is_none());
    }

    trait ReplaceFlag {
        fn replace_flag9(&self) -> Vec<u8>;
    }
    impl ReplaceFlag for [u8] {
        fn replace_flag9(&self) -> Vec<u8> {
            String::from_utf8_lossy(self).replace("Flag=9", "Flag=8").into_bytes()
        }
    }

    #[test]
    fn cp_writer() {
        let mut w = CpWriter::new();
        w.item(b"DataTime", b"20240101000000").group().coded(b"a01", b"Rtd", b"1").coded(b"a01", b"Flag", b"N");
        w.group().coded(b"a02", b"Rtd", b"2");
        assert_eq!(w.as_bytes(), b"DataTime=20240101000000;a01-Rtd=1,a01-Flag=N;a02-Rtd=2");
    }
}
