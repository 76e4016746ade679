//! Data-segment parsing: header fields, CP items, versions; frame validation.

use std::borrow::Cow;

use crate::codes::is_known_command;
use crate::crc::{crc16, crc_matches_modbus, parse_crc_hex};
use crate::crypto::{Key, decrypt_cp, is_encrypted_cp};
use crate::error::{Error, Reason, err};
use crate::frame::{RawFrame, Status, Terminator, split_frame};
use crate::num::{Number, parse_number};
use crate::tolerance::{Deviation, Deviations, STANDARD_MAX_DATA_LEN, Tolerance};

/// Protocol version, from the Flag version bits (V5..V0 = `flag >> 2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Version {
    /// HJ/T 212-2005: no Flag field, or version bits 000000.
    V2005,
    /// HJ 212-2017: version bits 000001 (Flag 4..7).
    V2017,
    /// HJ 212-2025: version bits 000010 (Flag 8..11).
    V2025,
}

impl Version {
    pub const fn as_str(self) -> &'static str {
        match self {
            Version::V2005 => "2005",
            Version::V2017 => "2017",
            Version::V2025 => "2025",
        }
    }
    /// Version from the Flag value; `None` for version bits ≥ 3 (not defined by any standard).
    pub const fn from_flag(flag: Option<u8>) -> Option<Version> {
        match flag {
            None => Some(Version::V2005),
            Some(f) => match f >> 2 {
                0 => Some(Version::V2005),
                1 => Some(Version::V2017),
                2 => Some(Version::V2025),
                _ => None,
            },
        }
    }
    /// The version bits shifted into place (`flag & !3`).
    pub const fn flag_bits(self) -> u8 {
        match self {
            Version::V2005 => 0,
            Version::V2017 => 4,
            Version::V2025 => 8,
        }
    }
}

/// A decoded, validated packet. Header fields and (unencrypted) CP borrow from the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Packet<'a> {
    /// The frame as received, `##` through the CRC (terminator excluded).
    pub raw: &'a [u8],
    /// The length field's value.
    pub declared_len: usize,
    /// The data segment as transmitted.
    pub data: &'a [u8],
    /// The CRC as sent.
    pub crc: u16,
    pub qn: Option<&'a str>,
    /// `None` when absent, or when it held NUL bytes and `nul_st` was tolerated.
    pub st: Option<&'a str>,
    /// CN as text (always 4 digits).
    pub cn: &'a str,
    /// CN as a number.
    pub cn_code: u16,
    pub pw: Option<&'a str>,
    pub mn: Option<&'a str>,
    pub flag: Option<u8>,
    pub pnum: Option<u32>,
    pub pno: Option<u32>,
    /// HJ 212-2025 resend marker (`RF=1`); absent on real-time packets.
    pub rf: Option<u8>,
    pub version: Version,
    /// The CP travelled SM4-encrypted (`{0x..}` form) and was decrypted.
    pub encrypted: bool,
    /// Deviations from the standard that were tolerated.
    pub deviations: Deviations,
    /// CP text is GBK (tolerated); use [`Packet::text`] to decode values.
    pub gbk: bool,
    cp: Cow<'a, [u8]>,
}

impl<'a> Packet<'a> {
    /// The plaintext CP content (between `CP=&&` and `&&`).
    pub fn cp(&self) -> &[u8] {
        &self.cp
    }
    /// Iterate the CP items in order.
    pub fn items(&self) -> CpItems<'_> {
        CpItems::new(&self.cp)
    }
    /// Iterate measurements (items grouped with their `-Flag`), see [`Measurements`].
    pub fn measurements(&self) -> Measurements<'_> {
        Measurements::new(&self.cp)
    }
    /// The first `DataTime=` value in CP.
    pub fn data_time(&self) -> Option<&[u8]> {
        self.items().find(|i| i.key == b"DataTime").map(|i| i.value)
    }
    /// Flag bit A: the packet is one part of a split message (PNUM/PNO).
    pub fn is_split(&self) -> bool {
        self.flag.is_some_and(|f| f & 2 != 0) || self.pnum.is_some()
    }
    /// Flag bit D: the sender expects an answer.
    pub fn needs_ack(&self) -> bool {
        self.flag.is_some_and(|f| f & 1 != 0)
    }
    /// Decode CP text (UTF-8, or GBK if the packet was accepted as GBK).
    pub fn text<'s>(&self, bytes: &'s [u8]) -> Cow<'s, str> {
        if self.gbk {
            encoding_rs::GBK.decode_without_bom_handling(bytes).0
        } else {
            String::from_utf8_lossy(bytes)
        }
    }
    /// Take ownership of the CP (for reassembly).
    pub fn into_cp(self) -> Cow<'a, [u8]> {
        self.cp
    }
}

/// One `key=value` item of CP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CpItem<'p> {
    /// Index of the `;`-separated group the item is in (0-based).
    pub group: u32,
    /// The key, e.g. `a21026-Rtd` or `DataTime`.
    pub key: &'p [u8],
    /// The value (a `-Info` value written `//text//` keeps its slashes).
    pub value: &'p [u8],
    /// False when the item had no `=` (syntax error; rejected by the decoder).
    pub has_eq: bool,
}

impl<'p> CpItem<'p> {
    /// Pollutant / parameter code: the part before `-` (`a21026` in `a21026-Rtd`).
    #[inline]
    pub fn code(&self) -> Option<&'p [u8]> {
        let d = memchr::memchr(b'-', self.key)?;
        (d > 0 && d + 1 < self.key.len()).then(|| &self.key[..d])
    }
    /// The field suffix (`Rtd`, `ZsAvg`, `Flag`, `SampleTime`, ...) or the whole key when there is no code.
    #[inline]
    pub fn field(&self) -> &'p [u8] {
        match self.code() {
            Some(c) => &self.key[c.len() + 1..],
            None => self.key,
        }
    }
    /// The value as a number, if it is one.
    #[inline]
    pub fn number(&self) -> Option<Number> {
        parse_number(self.value)
    }
}

/// Iterator over CP items (`;` separates groups, `,` items, `=` key and value).
#[derive(Debug, Clone)]
pub struct CpItems<'p> {
    s: &'p [u8],
    pos: usize,
    group: u32,
}

impl<'p> CpItems<'p> {
    pub fn new(cp: &'p [u8]) -> Self {
        CpItems { s: cp, pos: 0, group: 0 }
    }
}

impl<'p> Iterator for CpItems<'p> {
    type Item = CpItem<'p>;
    #[inline]
    fn next(&mut self) -> Option<CpItem<'p>> {
        let s = self.s;
        let n = s.len();
        let mut i = self.pos;
        loop {
            if i >= n {
                self.pos = n;
                return None;
            }
            match s[i] {
                b';' => {
                    self.group += 1;
                    i += 1;
                }
                b',' => i += 1,
                _ => break,
            }
        }
        let start = i;
        while i < n && !matches!(s[i], b'=' | b';' | b',') {
            i += 1;
        }
        if i >= n || s[i] != b'=' {
            self.pos = i;
            return Some(CpItem { group: self.group, key: &s[start..i], value: &[], has_eq: false });
        }
        let key = &s[start..i];
        let v = i + 1;
        let mut e = v;
        if s[v..].starts_with(b"//") {
            // `//free text//` (HJ 212-2017 -Info log text): may contain separators.
            e = match memchr::memmem::find(&s[v + 2..], b"//") {
                Some(p) => v + 2 + p + 2,
                None => n,
            };
        } else {
            while e < n && s[e] != b';' && s[e] != b',' {
                e += 1;
            }
        }
        self.pos = e;
        Some(CpItem { group: self.group, key, value: &s[v..e], has_eq: true })
    }
}

/// A measurement: a coded item (`a21026-Rtd=12.3`) with the `-Flag` of the same code found
/// in the same group, or an uncoded item (`QnRtn=1`, `AlarmType=1`, `DataTime=...`).
///
/// Rules: within a group the first `code-Flag` is the flag of all that code's other items;
/// a `code-Flag` item is itself yielded (field `Flag`) only when the code has no other item in
/// the group; further `code-Flag` items of a code that has other items are not yielded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measurement<'p> {
    pub group: u32,
    pub key: &'p [u8],
    pub code: Option<&'p [u8]>,
    pub field: &'p [u8],
    pub value: &'p [u8],
    pub flag: Option<&'p [u8]>,
}

/// Iterator over [`Measurement`]s; no allocation.
#[derive(Debug, Clone)]
pub struct Measurements<'p> {
    items: CpItems<'p>,
    group_start: CpItems<'p>,
    cur_group: u32,
}

impl<'p> Measurements<'p> {
    pub fn new(cp: &'p [u8]) -> Self {
        Measurements { items: CpItems::new(cp), group_start: CpItems::new(cp), cur_group: 0 }
    }
}

impl<'p> Iterator for Measurements<'p> {
    type Item = Measurement<'p>;
    fn next(&mut self) -> Option<Measurement<'p>> {
        loop {
            let before = self.items.clone();
            let it = self.items.next()?;
            if it.group != self.cur_group {
                self.cur_group = it.group;
                self.group_start = before;
            }
            let Some(code) = it.code() else {
                return Some(Measurement {
                    group: it.group,
                    key: it.key,
                    code: None,
                    field: it.key,
                    value: it.value,
                    flag: None,
                });
            };
            let field = it.field();
            // scan this group for the code's flag and other items
            let mut flag = None;
            let mut others = false;
            for o in self.group_start.clone().take_while(|o| o.group == it.group) {
                if o.code() != Some(code) {
                    continue;
                }
                if o.field() == b"Flag" {
                    if flag.is_none() {
                        flag = Some(o.value);
                    }
                } else {
                    others = true;
                }
            }
            if field == b"Flag" {
                if others {
                    continue;
                }
                return Some(Measurement { group: it.group, key: it.key, code: Some(code), field, value: it.value, flag: None });
            }
            return Some(Measurement { group: it.group, key: it.key, code: Some(code), field, value: it.value, flag });
        }
    }
}

/// Check CP syntax: every item has `=` and a non-empty key.
pub fn validate_cp(cp: &[u8]) -> Result<(), Error> {
    for it in CpItems::new(cp) {
        if !it.has_eq || it.key.is_empty() {
            return Err(err(Reason::BadFieldSyntax, "CP item without `key=value`"));
        }
    }
    Ok(())
}

#[inline]
fn ascii_str(v: &[u8]) -> &str {
    core::str::from_utf8(v).unwrap_or("")
}

#[inline]
fn parse_u32(v: &[u8]) -> Option<u32> {
    if v.is_empty() || v.len() > 9 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(v.iter().fold(0u32, |a, &b| a * 10 + (b - b'0') as u32))
}

fn is_printable(v: &[u8]) -> bool {
    v.iter().all(|&b| (0x20..0x7F).contains(&b))
}

/// Header fields of a data segment (before `CP=&&`), all borrowed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RawHeader<'a> {
    pub qn: Option<&'a [u8]>,
    pub st: Option<&'a [u8]>,
    pub cn: Option<&'a [u8]>,
    pub pw: Option<&'a [u8]>,
    pub mn: Option<&'a [u8]>,
    pub flag: Option<&'a [u8]>,
    pub pnum: Option<&'a [u8]>,
    pub pno: Option<&'a [u8]>,
    pub rf: Option<&'a [u8]>,
    /// Offset of `&&` after `CP=`.
    pub cp_at: usize,
}

/// Split the header fields; returns them and the offset where CP content starts.
pub(crate) fn split_header(data: &[u8]) -> Result<RawHeader<'_>, Error> {
    let mut h = RawHeader::default();
    let n = data.len();
    let mut i = 0;
    loop {
        if i >= n {
            return Err(err(Reason::MissingField, "no CP field"));
        }
        let mut eq = i;
        while eq < n && data[eq] != b'=' && data[eq] != b';' {
            eq += 1;
        }
        if eq >= n {
            return Err(err(Reason::MissingField, "no CP field"));
        }
        if data[eq] == b';' {
            return Err(err(Reason::BadFieldSyntax, "header field without `=`"));
        }
        let key = &data[i..eq];
        if key == b"CP" {
            h.cp_at = eq + 1;
            return Ok(h);
        }
        let v = eq + 1;
        let Some(semi) = memchr::memchr(b';', &data[v..]) else {
            return Err(err(Reason::MissingField, "no CP field"));
        };
        let val = &data[v..v + semi];
        let slot = match key {
            b"QN" => &mut h.qn,
            b"ST" => &mut h.st,
            b"CN" => &mut h.cn,
            b"PW" => &mut h.pw,
            b"MN" => &mut h.mn,
            b"Flag" => &mut h.flag,
            b"PNUM" => &mut h.pnum,
            b"PNO" => &mut h.pno,
            b"RF" => &mut h.rf,
            _ => {
                if key.is_empty() {
                    return Err(err(Reason::BadFieldSyntax, "empty header field name"));
                }
                i = v + semi + 1;
                continue;
            }
        };
        if slot.is_none() {
            *slot = Some(val);
        }
        i = v + semi + 1;
    }
}

fn check_length(seg: &[u8], declared: usize, tol: &Tolerance, dev: &mut Deviations) -> Result<(), Error> {
    if seg.len() == declared {
        return Ok(());
    }
    if !seg.is_ascii()
        && let Ok(s) = core::str::from_utf8(seg)
        && s.chars().count() == declared
    {
        dev.insert(Deviation::CharLength);
        return Ok(());
    }
    if tol.length_mismatch {
        dev.insert(Deviation::LengthMismatch);
        Ok(())
    } else {
        Err(err(Reason::LengthMismatch, "declared length does not match the data segment"))
    }
}

fn check_crc(seg: &[u8], sent: u16, tol: &Tolerance, dev: &mut Deviations) -> Result<(), Error> {
    if crc16(seg) == sent {
        return Ok(());
    }
    if tol.modbus_crc && crc_matches_modbus(seg, sent) {
        dev.insert(Deviation::ModbusCrc);
        return Ok(());
    }
    Err(err(Reason::CrcMismatch, "CRC does not match the data segment"))
}

/// Validate and parse a frame found by [`split_frame`].
///
/// Order of checks: terminator, CRC text, (decryption), length, CRC value, header syntax,
/// version, command, CP encoding and syntax. `key` is needed only for encrypted packets.
pub fn decode_frame<'a>(f: &RawFrame<'a>, tol: &Tolerance, key: Option<&Key>) -> Result<Packet<'a>, Error> {
    let mut dev = Deviations::NONE;
    if f.terminator != Terminator::CrLf {
        if tol.missing_crlf {
            dev.insert(Deviation::MissingCrlf);
        } else {
            return Err(err(Reason::BadHeader, "frame not terminated by CR LF"));
        }
    }
    let (sent, lower) = parse_crc_hex(f.crc).ok_or(err(Reason::BadHeader, "CRC field is not 4 hex digits"))?;
    let data = f.data;
    let hdr = split_header(data);
    // CP content (if the shape is right); checked for encryption first.
    let cp_raw = match &hdr {
        Ok(h) => {
            let rest = &data[h.cp_at..];
            (rest.starts_with(b"&&") && rest.len() >= 4 && rest.ends_with(b"&&")).then(|| &data[h.cp_at + 2..data.len() - 2])
        }
        Err(_) => None,
    };
    let check_size = |len: usize, dev: &mut Deviations| -> Result<(), Error> {
        if len > tol.max_data_len {
            return Err(err(Reason::Oversized, "data segment longer than the maximum"));
        }
        if len > STANDARD_MAX_DATA_LEN {
            dev.insert(Deviation::Oversized);
        }
        Ok(())
    };
    let check_lower = |dev: &mut Deviations| -> Result<(), Error> {
        if lower {
            if tol.lowercase_crc {
                dev.insert(Deviation::LowercaseCrc);
            } else {
                return Err(err(Reason::CrcMismatch, "CRC written in lower-case hex"));
            }
        }
        Ok(())
    };

    // Length and CRC come first: a frame damaged in transit reports length/CRC, not syntax.
    let (cp, encrypted) = match (&hdr, cp_raw) {
        (Ok(h), Some(cp_raw)) if is_encrypted_cp(cp_raw) => {
            let key = key.ok_or(err(Reason::MissingKey, "encrypted CP and no SM4 key for the device"))?;
            let plain = decrypt_cp(cp_raw, key)?;
            let mut seg = Vec::with_capacity(h.cp_at + plain.len() + 4);
            seg.extend_from_slice(&data[..h.cp_at + 2]);
            seg.extend_from_slice(&plain);
            seg.extend_from_slice(b"&&");
            check_size(seg.len(), &mut dev)?;
            if seg.len() != f.declared_len && data.len() == f.declared_len {
                dev.insert(Deviation::TransmittedLength);
            } else {
                check_length(&seg, f.declared_len, tol, &mut dev)?;
            }
            check_lower(&mut dev)?;
            check_crc(&seg, sent, tol, &mut dev)?;
            (Cow::Owned(plain), true)
        }
        _ => {
            check_size(f.declared_len, &mut dev)?;
            check_length(data, f.declared_len, tol, &mut dev)?;
            check_lower(&mut dev)?;
            check_crc(data, sent, tol, &mut dev)?;
            hdr?;
            let cp_raw = cp_raw.ok_or(err(Reason::BadFieldSyntax, "CP is not written `CP=&&...&&`"))?;
            (Cow::Borrowed(cp_raw), false)
        }
    };
    let h = hdr?;

    // Header syntax.
    let header = &data[..h.cp_at];
    let mut st = h.st;
    if !is_printable(header) {
        if !header.is_ascii() {
            return Err(err(Reason::BadEncoding, "non-ASCII bytes in the header fields"));
        }
        // Control characters: tolerated only in ST (NUL-filled ST seen in real 2005 loggers).
        let st_bad = st.is_some_and(|v| !is_printable(v));
        let others_bad = [h.qn, h.cn, h.pw, h.mn, h.flag, h.pnum, h.pno, h.rf]
            .iter()
            .any(|v| v.is_some_and(|v| !is_printable(v)));
        if others_bad || !st_bad {
            return Err(err(Reason::BadFieldSyntax, "control characters in a header field"));
        }
        if tol.nul_st {
            dev.insert(Deviation::NulSt);
            st = None;
        } else {
            return Err(err(Reason::BadFieldSyntax, "ST contains NUL/control bytes"));
        }
    }
    if let Some(v) = st
        && (v.is_empty() || v.len() > 3 || !v.iter().all(u8::is_ascii_digit))
    {
        return Err(err(Reason::BadFieldSyntax, "ST is not 1-3 digits"));
    }
    let cn = h.cn.ok_or(err(Reason::MissingField, "no CN field"))?;
    if cn.len() != 4 || !cn.iter().all(u8::is_ascii_digit) {
        return Err(err(Reason::BadFieldSyntax, "CN is not 4 digits"));
    }
    let cn_code = parse_u32(cn).unwrap_or(0) as u16;
    let flag = match h.flag {
        None => None,
        Some(v) => match parse_u32(v) {
            Some(x) if x <= 255 => Some(x as u8),
            _ => return Err(err(Reason::BadFieldSyntax, "Flag is not an integer 0-255")),
        },
    };
    let version = Version::from_flag(flag).ok_or(err(Reason::BadFieldSyntax, "Flag version bits are not 2005/2017/2025"))?;
    let num = |v: Option<&[u8]>, what: &'static str| -> Result<Option<u32>, Error> {
        match v {
            None => Ok(None),
            Some(v) => parse_u32(v).map(Some).ok_or(err(Reason::BadFieldSyntax, what)),
        }
    };
    let pnum = num(h.pnum, "PNUM is not a number")?;
    let pno = num(h.pno, "PNO is not a number")?;
    let rf = num(h.rf, "RF is not a number")?.map(|x| x.min(255) as u8);
    if !is_known_command(cn_code) {
        if tol.unknown_command {
            dev.insert(Deviation::UnknownCommand);
        } else {
            return Err(err(Reason::UnknownCommand, "CN not in the command table"));
        }
    }

    // CP encoding and syntax.
    let mut gbk = false;
    if !cp.is_ascii() && core::str::from_utf8(&cp).is_err() {
        if tol.gbk && encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&cp).is_some() {
            dev.insert(Deviation::Gbk);
            gbk = true;
        } else {
            return Err(err(Reason::BadEncoding, "CP is neither UTF-8 nor (tolerated) GBK"));
        }
    }
    validate_cp(&cp)?;

    Ok(Packet {
        raw: f.bytes,
        declared_len: f.declared_len,
        data,
        crc: sent,
        qn: h.qn.map(ascii_str),
        st: st.map(ascii_str),
        cn: ascii_str(cn),
        cn_code,
        pw: h.pw.map(ascii_str),
        mn: h.mn.map(ascii_str),
        flag,
        pnum,
        pno,
        rf,
        version,
        encrypted,
        deviations: dev,
        gbk,
        cp,
    })
}

/// Find, validate and parse one packet at the start of `buf` (stream use).
///
/// `Complete(packet, consumed)`; `Partial` (read more); `Invalid(error, skip)`: skip that many
/// bytes (a rejected frame is skipped whole, garbage up to the next `##` or line end).
pub fn decode<'a>(buf: &'a [u8], tol: &Tolerance, key: Option<&Key>, at_eof: bool) -> Status<Packet<'a>> {
    match split_frame(buf, tol.max_data_len, at_eof) {
        Status::Complete(f, used) => match decode_frame(&f, tol, key) {
            Ok(p) => Status::Complete(p, used),
            Err(e) => Status::Invalid(e, used),
        },
        Status::Partial => Status::Partial,
        Status::Invalid(e, skip) => Status::Invalid(e, skip),
    }
}

/// Decode one line (a single frame whose CR LF / LF terminator may already be stripped).
///
/// The line must hold exactly one frame: bytes after it give `length_mismatch`; a line
/// without `##` gives `bad_header`. The terminator is not judged (the line reader removed it).
pub fn decode_line<'a>(line: &'a [u8], tol: &Tolerance, key: Option<&Key>) -> Result<Packet<'a>, Error> {
    let mut l = line;
    if let Some(x) = l.strip_suffix(b"\n") {
        l = x;
    }
    if let Some(x) = l.strip_suffix(b"\r") {
        l = x;
    }
    if l.is_empty() {
        return Err(err(Reason::BadHeader, "empty line"));
    }
    match split_frame(l, tol.max_data_len, true) {
        Status::Complete(mut f, used) => {
            if used != l.len() {
                return Err(err(Reason::LengthMismatch, "bytes after the end of the frame"));
            }
            f.terminator = Terminator::CrLf;
            decode_frame(&f, tol, key)
        }
        Status::Invalid(e, _) => Err(e),
        Status::Partial => Err(err(Reason::BadHeader, "incomplete frame")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &[u8] = b"##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    #[test]
    fn decode_appendix() {
        let p = decode_line(P, &Tolerance::STRICT, None).unwrap();
        assert_eq!(p.qn, Some("20160801085857223"));
        assert_eq!(p.st, Some("32"));
        assert_eq!(p.cn, "1062");
        assert_eq!(p.flag, Some(5));
        assert_eq!(p.version, Version::V2017);
        assert!(p.needs_ack());
        let items: Vec<_> = p.items().collect();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].key, b"RtdInterval");
        assert_eq!(items[0].number(), Some(Number::Int(30)));
        match decode(P, &Tolerance::STRICT, None, false) {
            Status::Complete(p2, used) => {
                assert_eq!(used, P.len());
                assert_eq!(p2, p);
            }
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn cp_items_and_measurements() {
        let cp = b"DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;l01001-Flag=N,l01001-Rtd=119.9;x-Flag=D;i11001-Info=//a;b,c=d//,i11001-Flag=N";
        let items: Vec<_> = CpItems::new(cp).collect();
        assert_eq!(items.len(), 9);
        assert_eq!(items[7].value, b"//a;b,c=d//");
        assert_eq!(items[7].code(), Some(&b"i11001"[..]));
        assert_eq!(items[7].field(), b"Info");
        let m: Vec<_> = Measurements::new(cp).collect();
        type Row<'a> = (Option<&'a [u8]>, &'a [u8], &'a [u8], Option<&'a [u8]>);
        let flat: Vec<Row> =
            m.iter().map(|m| (m.code, m.field, m.value, m.flag)).collect();
        assert_eq!(
            flat,
            vec![
                (None, &b"DataTime"[..], &b"20160824003817000"[..], None),
                (Some(&b"B01"[..]), &b"Rtd"[..], &b"36.91"[..], None),
                (Some(&b"011"[..]), &b"Rtd"[..], &b"231.0"[..], Some(&b"N"[..])),
                (Some(&b"l01001"[..]), &b"Rtd"[..], &b"119.9"[..], Some(&b"N"[..])),
                (Some(&b"x"[..]), &b"Flag"[..], &b"D"[..], None),
                (Some(&b"i11001"[..]), &b"Info"[..], &b"//a;b,c=d//"[..], Some(&b"N"[..])),
            ]
        );
        assert!(validate_cp(b"a=1;;b=2,").is_ok());
        assert!(validate_cp(b"a=1;b").is_err());
        assert!(validate_cp(b"=1").is_err());
    }

    #[test]
    fn version_from_flag() {
        assert_eq!(Version::from_flag(None), Some(Version::V2005));
        assert_eq!(Version::from_flag(Some(0)), Some(Version::V2005));
        assert_eq!(Version::from_flag(Some(1)), Some(Version::V2005));
        assert_eq!(Version::from_flag(Some(5)), Some(Version::V2017));
        assert_eq!(Version::from_flag(Some(9)), Some(Version::V2025));
        assert_eq!(Version::from_flag(Some(11)), Some(Version::V2025));
        assert_eq!(Version::from_flag(Some(12)), None);
    }

    #[test]
    fn strict_rejections() {
        let t = Tolerance::STRICT;
        let r = |l: &[u8]| decode_line(l, &t, None).unwrap_err().reason;
        assert_eq!(r(b"##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C81"), Reason::CrcMismatch);
        assert_eq!(r(b"2BC0"), Reason::BadHeader);
        assert_eq!(r(b""), Reason::BadHeader);
        // unknown command, valid CRC
        let seg = b"ST=32;CN=1234;PW=1;MN=1;CP=&&&&";
        let line = crate::encode::frame_segment(seg);
        assert_eq!(r(&line), Reason::UnknownCommand);
        let ok = decode_line(&line, &Tolerance { unknown_command: true, ..t }, None).unwrap();
        assert!(ok.deviations.contains(Deviation::UnknownCommand));
        // no CP
        assert_eq!(r(&crate::encode::frame_segment(b"ST=32;CN=2011;PW=1;MN=1")), Reason::MissingField);
        // no CN
        assert_eq!(r(&crate::encode::frame_segment(b"ST=32;PW=1;MN=1;CP=&&&&")), Reason::MissingField);
        // bad flag
        assert_eq!(r(&crate::encode::frame_segment(b"CN=2011;Flag=x;CP=&&&&")), Reason::BadFieldSyntax);
        assert_eq!(r(&crate::encode::frame_segment(b"CN=2011;Flag=12;CP=&&&&")), Reason::BadFieldSyntax);
        assert_eq!(r(&crate::encode::frame_segment(b"CN=2011;CP=&&a=1;b&&")), Reason::BadFieldSyntax);
        assert_eq!(r(&crate::encode::frame_segment(b"CN=2011;CP=&&a=1")), Reason::BadFieldSyntax);
        // GBK text
        let (g, _, _) = encoding_rs::GBK.encode("CN=3020;CP=&&i11001-Info=//设备故障//&&");
        let line = crate::encode::frame_segment(&g);
        assert_eq!(r(&line), Reason::BadEncoding);
        let p = decode_line(&line, &Tolerance { gbk: true, ..t }, None).unwrap();
        assert!(p.deviations.contains(Deviation::Gbk));
        assert_eq!(p.text(p.items().next().unwrap().value), "//设备故障//");
        // UTF-8, length counted in characters
        let seg = "CN=3020;CP=&&i11001-Info=//设备故障//&&";
        let mut line = crate::encode::frame_segment(seg.as_bytes());
        let chars = seg.chars().count();
        line[2..6].copy_from_slice(format!("{chars:04}").as_bytes());
        let p = decode_line(&line, &t, None).unwrap();
        assert!(p.deviations.contains(Deviation::CharLength));
    }
}
