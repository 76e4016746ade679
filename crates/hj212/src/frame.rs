//! Framing over `&[u8]`, in the style of `httparse`: locate one frame at the start of a buffer.
//!
//! A frame is `##` + 4 decimal digits (data-segment length) + data segment + 4 hex CRC + CR LF.
//! [`split_frame`] only finds the boundaries; [`crate::decode_frame`] checks length, CRC and
//! fields. Use [`crate::decode`] for both at once.

use crate::crc::parse_crc_hex;
use crate::error::{Error, Reason, err};

/// Outcome of looking for a frame at the start of a buffer.
#[derive(Debug, Clone, PartialEq)]
pub enum Status<T> {
    /// A frame (or packet) and the number of bytes it occupies (to be consumed).
    Complete(T, usize),
    /// The buffer holds the beginning of a frame; read more and call again with the
    /// buffer extended (bytes not consumed).
    Partial,
    /// The first bytes are not a valid frame; skip this many bytes (always ≥ 1) and call again.
    Invalid(Error, usize),
}

impl<T> Status<T> {
    pub fn is_partial(&self) -> bool {
        matches!(self, Status::Partial)
    }
}

/// How a frame ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminator {
    /// `\r\n`, as the standard requires.
    CrLf,
    /// `\n` only.
    Lf,
    /// Nothing: the next `##` followed immediately, or input ended.
    None,
}

/// Frame boundaries found by [`split_frame`]; nothing is validated beyond the shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawFrame<'a> {
    /// The whole frame, `##` through the CRC (terminator excluded).
    pub bytes: &'a [u8],
    /// The value of the 4-digit length field.
    pub declared_len: usize,
    /// The data segment as transmitted (between the length field and the CRC). Its length
    /// differs from `declared_len` for corrupted frames and for HJ 212-2025 encrypted packets
    /// (whose length field carries the plaintext length).
    pub data: &'a [u8],
    /// The 4 CRC characters as sent (hex, either case).
    pub crc: &'a [u8],
    pub terminator: Terminator,
}

#[inline]
fn is_hex4(b: &[u8]) -> bool {
    b.len() == 4 && b.iter().all(|c| c.is_ascii_hexdigit())
}

/// Where to resume after garbage starting at 0: just after the next `\n`, or at the next `##`,
/// whichever comes first (searching from `from`).
fn resync(buf: &[u8], from: usize) -> Option<usize> {
    let from = from.min(buf.len());
    let nl = memchr::memchr(b'\n', &buf[from..]).map(|p| from + p + 1);
    let hh = memchr::memmem::find(&buf[from..], b"##").map(|p| from + p);
    match (nl, hh) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Skip for an invalid prefix when no resync point is visible yet.
fn skip_all(buf: &[u8]) -> usize {
    // keep a trailing '#' that may start the next frame
    if buf.len() > 1 && buf[buf.len() - 1] == b'#' { buf.len() - 1 } else { buf.len().max(1) }
}

/// Scan window for the real end of a frame whose declared length does not fit:
/// encrypted CP text (`{0xNN,...}`) is up to 5× longer than the plaintext.
fn scan_window(max_data_len: usize) -> usize {
    6 + 5 * max_data_len + 64
}

/// Find one frame at the start of `buf`.
///
/// * `max_data_len`: largest accepted declared length (reject with `oversized` above).
/// * `at_eof`: no more bytes will come; a frame that ends with the buffer (no CR LF) is then
///   returned with [`Terminator::None`] instead of `Partial`.
///
/// Never allocates, never panics; `Invalid` always skips at least one byte, so a loop over
/// a buffer always makes progress.
pub fn split_frame(buf: &[u8], max_data_len: usize, at_eof: bool) -> Status<RawFrame<'_>> {
    let n = buf.len();
    if n == 0 {
        return Status::Partial;
    }
    // Garbage before a frame.
    if buf[0] != b'#' || (n >= 2 && buf[1] != b'#') {
        return match resync(buf, 1) {
            Some(p) => Status::Invalid(err(Reason::BadHeader, "no `##` frame start"), p),
            None if at_eof || n > scan_window(max_data_len) => {
                Status::Invalid(err(Reason::BadHeader, "no `##` frame start"), skip_all(buf))
            }
            None => Status::Partial,
        };
    }
    if n < 6 {
        if n < 2 {
            return if at_eof { Status::Invalid(err(Reason::BadHeader, "truncated header"), n) } else { Status::Partial };
        }
        if at_eof {
            return Status::Invalid(err(Reason::BadHeader, "truncated header"), n);
        }
        // A non-digit already visible in the length field is an error now.
        if buf[2..].iter().all(u8::is_ascii_digit) {
            return Status::Partial;
        }
    }
    let lf = &buf[2..n.min(6)];
    if lf.len() < 4 || !lf.iter().all(u8::is_ascii_digit) {
        let skip = resync(buf, 2).unwrap_or(skip_all(buf));
        return Status::Invalid(err(Reason::BadHeader, "length field is not 4 decimal digits"), skip);
    }
    let declared = (lf[0] - b'0') as usize * 1000
        + (lf[1] - b'0') as usize * 100
        + (lf[2] - b'0') as usize * 10
        + (lf[3] - b'0') as usize;
    if declared > max_data_len {
        // HJ 212-2025 encrypted packets may carry the transmitted (cipher text) length, up to
        // ~5× the plaintext: allow that only when the CP is visibly in `{0x..}` form.
        match encrypted_cp_visible(buf) {
            Some(true) if declared <= scan_window(max_data_len) - 6 => return split_at(buf, declared, max_data_len, at_eof),
            None if !at_eof => return Status::Partial,
            _ => {}
        }
        let skip = match resync(buf, 2) {
            Some(p) => p,
            None if at_eof => n,
            None => skip_all(buf),
        };
        return Status::Invalid(err(Reason::Oversized, "declared data segment longer than the maximum"), skip);
    }
    split_at(buf, declared, max_data_len, at_eof)
}

/// `Some(true)` if the frame's CP starts with `{0x`, `Some(false)` if it visibly does not,
/// `None` if not enough bytes are there yet to tell.
fn encrypted_cp_visible(buf: &[u8]) -> Option<bool> {
    const LOOK: usize = 6 + 320;
    let hay = &buf[6.min(buf.len())..buf.len().min(LOOK)];
    match memchr::memmem::find(hay, b"CP=&&") {
        Some(p) => {
            let rest = &hay[p + 5..];
            if rest.len() < 3 {
                if buf.len() >= LOOK { Some(false) } else { None }
            } else {
                Some(rest.starts_with(b"{0x") || rest.starts_with(b"{0X"))
            }
        }
        None if buf.len() >= LOOK || memchr::memchr(b'\n', hay).is_some() => Some(false),
        None => None,
    }
}

fn split_at(buf: &[u8], declared: usize, max_data_len: usize, at_eof: bool) -> Status<RawFrame<'_>> {
    let n = buf.len();
    let end = 6 + declared; // start of CRC by the declared length
    // A line feed inside the declared segment means the declared length is wrong.
    let lf_inside = memchr::memchr(b'\n', &buf[6..n.min(end)]).is_some();
    if !lf_inside && n >= end + 4 && is_hex4(&buf[end..end + 4]) {
        let frame = |t| RawFrame {
            bytes: &buf[..end + 4],
            declared_len: declared,
            data: &buf[6..end],
            crc: &buf[end..end + 4],
            terminator: t,
        };
        let rest = &buf[end + 4..];
        match rest {
            [b'\r', b'\n', ..] => return Status::Complete(frame(Terminator::CrLf), end + 6),
            [b'\n', ..] => return Status::Complete(frame(Terminator::Lf), end + 5),
            [b'#', b'#', ..] => return Status::Complete(frame(Terminator::None), end + 4),
            [] | [b'\r'] | [b'#'] if at_eof => return Status::Complete(frame(Terminator::None), end + 4),
            [] | [b'\r'] | [b'#'] => return Status::Partial,
            _ => {} // something else follows the CRC: the length is wrong, scan
        }
    } else if !lf_inside && n < end + 4 && !at_eof {
        return Status::Partial;
    }
    scan(buf, declared, max_data_len, at_eof)
}

/// The declared length does not lead to a CRC + terminator: find the real end (the first
/// `\n`, or the next `##`), and return the frame with its actual data segment so the decoder
/// can report `length_mismatch` (or accept an HJ 212-2025 encrypted packet).
#[cold]
fn scan(buf: &[u8], declared: usize, max_data_len: usize, at_eof: bool) -> Status<RawFrame<'_>> {
    let n = buf.len();
    let window = scan_window(max_data_len).min(n);
    let hay = &buf[6..window];
    let nl = memchr::memchr(b'\n', hay).map(|p| p + 6);
    let hh = memchr::memmem::find(hay, b"##").map(|p| p + 6);
    let (content_end, consumed, term) = match (nl, hh) {
        (Some(a), Some(b)) if b < a => (b, b, Terminator::None),
        (Some(a), _) => {
            if a > 6 && buf[a - 1] == b'\r' {
                (a - 1, a + 1, Terminator::CrLf)
            } else {
                (a, a + 1, Terminator::Lf)
            }
        }
        (None, Some(b)) => (b, b, Terminator::None),
        (None, None) => {
            if at_eof {
                (n, n, Terminator::None)
            } else if n < scan_window(max_data_len) {
                return Status::Partial;
            } else {
                return Status::Invalid(err(Reason::Oversized, "no frame end within the maximum frame size"), window);
            }
        }
    };
    if content_end < 10 || !is_hex4(&buf[content_end - 4..content_end]) {
        return Status::Invalid(
            err(Reason::LengthMismatch, "declared length does not match and no CRC found at the frame end"),
            consumed.max(1),
        );
    }
    Status::Complete(
        RawFrame {
            bytes: &buf[..content_end],
            declared_len: declared,
            data: &buf[6..content_end - 4],
            crc: &buf[content_end - 4..content_end],
            terminator: term,
        },
        consumed,
    )
}

/// Parse the CRC field of a frame: `(value, written_in_lowercase)`.
pub fn frame_crc(f: &RawFrame<'_>) -> Option<(u16, bool)> {
    parse_crc_hex(f.crc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &[u8] = b"##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    #[test]
    fn complete_and_partial() {
        match split_frame(P, 1024, false) {
            Status::Complete(f, used) => {
                assert_eq!(used, P.len());
                assert_eq!(f.declared_len, 101);
                assert_eq!(f.data.len(), 101);
                assert_eq!(f.crc, b"1C80");
                assert_eq!(f.terminator, Terminator::CrLf);
            }
            other => panic!("{other:?}"),
        }
        for cut in 0..P.len() {
            assert!(split_frame(&P[..cut], 1024, false).is_partial(), "cut {cut}");
        }
    }

    #[test]
    fn back_to_back_and_garbage() {
        let mut buf = b"xx garbage\r\n".to_vec();
        buf.extend_from_slice(P);
        buf.extend_from_slice(&P[..P.len() - 2]); // no CRLF
        buf.extend_from_slice(P);
        let mut off = 0;
        let mut out = vec![];
        while off < buf.len() {
            match split_frame(&buf[off..], 1024, true) {
                Status::Complete(f, used) => {
                    out.push(format!("ok {:?}", f.terminator));
                    off += used;
                }
                Status::Invalid(e, skip) => {
                    out.push(e.reason.as_str().to_string());
                    off += skip;
                }
                Status::Partial => panic!("partial at eof"),
            }
        }
        assert_eq!(out, ["bad_header", "ok CrLf", "ok None", "ok CrLf"]);
    }

    #[test]
    fn oversized_and_bad_len() {
        let big = b"##2000QN=1\r\n##0101";
        match split_frame(big, 1024, false) {
            Status::Invalid(e, skip) => {
                assert_eq!(e.reason, Reason::Oversized);
                assert_eq!(skip, 12);
            }
            o => panic!("{o:?}"),
        }
        match split_frame(b"##9ST=31;CN=2011\r\n", 1024, false) {
            Status::Invalid(e, skip) => {
                assert_eq!(e.reason, Reason::BadHeader);
                assert_eq!(skip, 18);
            }
            o => panic!("{o:?}"),
        }
        assert!(split_frame(b"##01", 1024, false).is_partial());
        assert!(matches!(split_frame(b"##0x", 1024, false), Status::Invalid(..)));
    }

    #[test]
    fn wrong_length_found_by_scan() {
        let p = b"##0078ST=91;CN=9012;PW=123456;MN=LD130100000452;CP=&&QN=2016082400501001;ExeRtn=1&&7200\r\n##0101";
        match split_frame(p, 1024, false) {
            Status::Complete(f, used) => {
                assert_eq!(f.declared_len, 78);
                assert_eq!(f.data.len(), 77);
                assert_eq!(used, 6 + 77 + 4 + 2);
            }
            o => panic!("{o:?}"),
        }
    }
}
