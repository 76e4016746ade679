//! Text files as Excel and Chinese Windows write them: UTF-8 with or without BOM ("CSV UTF-8"),
//! UTF-16 with BOM ("Unicode text"), and GBK/GB18030 (plain "CSV" on a Chinese system, the
//! bureaus' default). The encoding is detected, never guessed: a file that reads as valid
//! Chinese text in two encodings is refused with the reason instead of being mis-decoded.
//!
//! Detection. A BOM decides. Without one, the bytes are decoded strictly as UTF-8 and as
//! GB18030 (GBK's superset); a decoding that fails is out. When both succeed (possible for
//! short texts), each is scored by the share of its non-ASCII characters that are common in
//! Chinese text — GB 2312 level-1 hanzi (the 3,755 most used characters) and CJK/full-width
//! punctuation. Mojibake scores low in either direction (UTF-8 read as GBK gives rare
//! characters such as 涓枃; GBK read as UTF-8 gives Latin/Cyrillic letters), so one decoding
//! wins clearly or the file is refused as ambiguous.

use std::borrow::Cow;

use crate::i18n::catalogue::excel as msg;
use crate::i18n::Msg;

/// The encoding a text file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GBK/GB18030",
        }
    }
}

/// Share of common characters above which a decoding is taken as meant.
const CLEAR: f64 = 0.6;
/// How many non-ASCII characters are looked at when scoring (enough for a verdict).
const SAMPLE: usize = 20_000;

/// Decode a text file, detecting its encoding. The error names the reason.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), Msg> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((Cow::Borrowed(s), Encoding::Utf8Bom)),
            Err(e) => Err(msg::bad_utf8_after_bom(line_of(rest, e.valid_up_to()))),
        };
    }
    for (bom, enc, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match enc.decode_without_bom_handling_and_without_replacement(rest) {
                Some(s) => Ok((Cow::Owned(s.into_owned()), encoding)),
                None => Err(msg::bad_utf16(encoding.name())),
            };
        }
    }
    let utf8 = std::str::from_utf8(bytes);
    if let Ok(s) = utf8 {
        if s.is_ascii() {
            return Ok((Cow::Borrowed(s), Encoding::Utf8));
        }
    }
    let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
    match (utf8, gb) {
        (Ok(s), None) => Ok((Cow::Borrowed(s), Encoding::Utf8)),
        (Err(_), Some(g)) => Ok((Cow::Owned(g.into_owned()), Encoding::Gb18030)),
        (Err(e), None) => Err(msg::unknown_encoding(line_of(bytes, e.valid_up_to()))),
        (Ok(s), Some(g)) => {
            let (as_utf8, as_gb) = (common_share(s), common_share(&g));
            if as_utf8 >= CLEAR && as_gb < CLEAR {
                Ok((Cow::Borrowed(s), Encoding::Utf8))
            } else if as_gb >= CLEAR && as_utf8 < CLEAR {
                Ok((Cow::Owned(g.into_owned()), Encoding::Gb18030))
            } else {
                Err(msg::ambiguous_encoding())
            }
        }
    }
}

/// 1-based line of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Share of the non-ASCII characters (up to [`SAMPLE`]) that are common in Chinese text.
fn common_share(s: &str) -> f64 {
    let (mut seen, mut common) = (0usize, 0usize);
    for c in s.chars().filter(|c| !c.is_ascii()).take(SAMPLE) {
        seen += 1;
        if is_common(c) {
            common += 1;
        }
    }
    if seen == 0 { 1.0 } else { common as f64 / seen as f64 }
}

fn is_common(c: char) -> bool {
    match c as u32 {
        // CJK punctuation, full-width forms, general punctuation (— “ ” …), middle dot, ×, ℃, №.
        0x3000..=0x303F | 0xFF01..=0xFF5E | 0x2010..=0x2027 | 0x00B7 | 0x00D7 | 0x2103 | 0x2116 => true,
        0x4E00..=0x9FFF => level_one(c),
        _ => false,
    }
}

/// Whether a hanzi is in GB 2312 level 1 (row bytes 0xB0–0xD7 in GBK).
fn level_one(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable && bytes.len() == 2 && (0xB0..=0xD7).contains(&bytes[0]) && bytes[1] >= 0xA1
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE_TEXT: &str = "统一社会信用代码,企业名称,所在区划\n91610000MA6XXXXXXD,西安市某某机械有限公司,610102\n";

    fn gbk(s: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(s).0.into_owned()
    }

    #[test]
    fn the_same_text_in_every_encoding_excel_writes() {
        let utf8 = SAMPLE_TEXT.as_bytes().to_vec();
        let bom = [b"\xEF\xBB\xBF".as_slice(), &utf8].concat();
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(SAMPLE_TEXT.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        for (bytes, enc) in [(utf8, Encoding::Utf8), (bom, Encoding::Utf8Bom), (gbk(SAMPLE_TEXT), Encoding::Gb18030), (utf16, Encoding::Utf16Le)] {
            let (text, found) = decode(&bytes).unwrap();
            assert_eq!(text, SAMPLE_TEXT);
            assert_eq!(found, enc);
        }
    }

    #[test]
    fn short_texts_valid_in_both_are_decided_by_what_reads_as_chinese() {
        // "中文" in UTF-8 is also valid GBK (as 涓枃); UTF-8 wins.
        assert_eq!(decode("中文".as_bytes()).unwrap(), (Cow::Borrowed("中文"), Encoding::Utf8));
        // A GBK name that happens to be valid UTF-8 would be read as GBK only if it reads as Chinese.
        for word in ["企业名称", "机械有限公司", "联通"] {
            let bytes = gbk(word);
            let (text, _) = decode(&bytes).unwrap();
            assert_eq!(text, word);
        }
    }

    #[test]
    fn undecidable_and_undecodable_files_are_refused_with_the_reason() {
        // Valid as UTF-8 (a Cyrillic letter) and as GBK (a rare hanzi): neither reads as Chinese.
        let e = decode("Ж".as_bytes()).unwrap_err();
        assert_eq!(e.code(), "excel.encoding.ambiguous");
        let e = decode(b"ok\nok\n\xFF\xFF\xFF").unwrap_err();
        assert_eq!(e.code(), "excel.encoding.unknown");
        assert!(e.render(crate::i18n::Lang::Zh).contains('3'));
        let e = decode(b"\xEF\xBB\xBFabc\n\xC0\x80").unwrap_err();
        assert_eq!(e.code(), "excel.encoding.bad_utf8_after_bom");
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len).map(|_| { x ^= x << 13; x ^= x >> 7; x ^= x << 17; x as u8 }).collect();
            let _ = decode(&bytes);
        }
    }
}
