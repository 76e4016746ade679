//! Per-device tolerance settings and the record of accepted deviations.

use core::fmt;
use core::str::FromStr;

/// Maximum data-segment length from the standard (HJ 212-2017 Table 2 / HJ 212-2025 Table 2: `0..=1024`).
pub const STANDARD_MAX_DATA_LEN: usize = 1024;
/// Largest length a 4-digit length field can express.
pub const ABSOLUTE_MAX_DATA_LEN: usize = 9999;

/// Which deviations from the standard are accepted for a device. Strict by default.
///
/// Parse from the CLI syntax with [`Tolerance::parse`] / `str::parse`:
/// `modbus_crc,lowercase_crc,missing_crlf,gbk`, or `all`, or `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance {
    /// Accept a CRC that is CRC-16/MODBUS (either byte order) instead of the HJ 212 variant.
    pub modbus_crc: bool,
    /// Accept the CRC written in lower-case hex.
    pub lowercase_crc: bool,
    /// Accept a frame not terminated by CR LF (LF only, or the next `##` directly, or end of input).
    pub missing_crlf: bool,
    /// Accept CP text that is not UTF-8 but valid GBK (decoded to UTF-8 for JSON).
    pub gbk: bool,
    /// Accept a declared length that differs from the data segment (the CRC must still match).
    pub length_mismatch: bool,
    /// Accept NUL bytes (or other control characters) in ST; ST is then reported as absent.
    pub nul_st: bool,
    /// Accept a CN that is not in the command table.
    pub unknown_command: bool,
    /// Maximum accepted declared data-segment length. Default 1024 (the standard);
    /// the `oversized` flag raises it to 9999.
    pub max_data_len: usize,
}

impl Default for Tolerance {
    fn default() -> Self {
        Self::STRICT
    }
}

/// Error from [`Tolerance::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseToleranceError(pub String);

impl fmt::Display for ParseToleranceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown tolerance `{}` (expected a comma-separated list of {}, or `all` / `none`)",
            self.0,
            Tolerance::NAMES.join(", ")
        )
    }
}
impl std::error::Error for ParseToleranceError {}

impl Tolerance {
    /// Nothing tolerated, standard maximum length.
    pub const STRICT: Tolerance = Tolerance {
        modbus_crc: false,
        lowercase_crc: false,
        missing_crlf: false,
        gbk: false,
        length_mismatch: false,
        nul_st: false,
        unknown_command: false,
        max_data_len: STANDARD_MAX_DATA_LEN,
    };
    /// Everything tolerated.
    pub const ALL: Tolerance = Tolerance {
        modbus_crc: true,
        lowercase_crc: true,
        missing_crlf: true,
        gbk: true,
        length_mismatch: true,
        nul_st: true,
        unknown_command: true,
        max_data_len: ABSOLUTE_MAX_DATA_LEN,
    };
    /// Flag names accepted by [`Tolerance::parse`].
    pub const NAMES: [&'static str; 8] = [
        "modbus_crc",
        "lowercase_crc",
        "missing_crlf",
        "gbk",
        "length_mismatch",
        "nul_st",
        "unknown_command",
        "oversized",
    ];

    /// Parse `modbus_crc,lowercase_crc,...`, `all`, `none` (case-insensitive, spaces ignored,
    /// `-` accepted for `_`, empty string = strict).
    pub fn parse(s: &str) -> Result<Tolerance, ParseToleranceError> {
        let mut t = Tolerance::STRICT;
        for raw in s.split(',') {
            let name = raw.trim().to_ascii_lowercase().replace('-', "_");
            match name.as_str() {
                "" | "none" | "strict" => {}
                "all" => t = Tolerance::ALL,
                "modbus_crc" | "modbus" => t.modbus_crc = true,
                "lowercase_crc" | "lowercase" => t.lowercase_crc = true,
                "missing_crlf" => t.missing_crlf = true,
                "gbk" => t.gbk = true,
                "length_mismatch" => t.length_mismatch = true,
                "nul_st" => t.nul_st = true,
                "unknown_command" => t.unknown_command = true,
                "oversized" => t.max_data_len = ABSOLUTE_MAX_DATA_LEN,
                _ => return Err(ParseToleranceError(raw.trim().to_string())),
            }
        }
        Ok(t)
    }
}

impl FromStr for Tolerance {
    type Err = ParseToleranceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tolerance::parse(s)
    }
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let flags = [
            self.modbus_crc,
            self.lowercase_crc,
            self.missing_crlf,
            self.gbk,
            self.length_mismatch,
            self.nul_st,
            self.unknown_command,
            self.max_data_len > STANDARD_MAX_DATA_LEN,
        ];
        let v: Vec<&str> = Self::NAMES
            .iter()
            .zip(flags)
            .filter(|(_, on)| *on)
            .map(|(n, _)| *n)
            .collect();
        if v.is_empty() { f.write_str("none") } else { f.write_str(&v.join(",")) }
    }
}

/// A deviation that was accepted while decoding one packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u16)]
pub enum Deviation {
    /// CRC matched CRC-16/MODBUS (tolerance `modbus_crc`).
    ModbusCrc = 1 << 0,
    /// CRC written in lower-case hex (tolerance `lowercase_crc`).
    LowercaseCrc = 1 << 1,
    /// No CR LF terminator (tolerance `missing_crlf`).
    MissingCrlf = 1 << 2,
    /// CP text decoded as GBK (tolerance `gbk`).
    Gbk = 1 << 3,
    /// Declared length differs, CRC fine (tolerance `length_mismatch`).
    LengthMismatch = 1 << 4,
    /// Control characters (NUL) in ST, ST dropped (tolerance `nul_st`).
    NulSt = 1 << 5,
    /// CN not in the command table (tolerance `unknown_command`).
    UnknownCommand = 1 << 6,
    /// Declared length above 1024 (tolerance `oversized`).
    Oversized = 1 << 7,
    /// Always accepted (HJ 212-2025 ambiguity): non-ASCII UTF-8 CP whose length field counts
    /// characters instead of bytes.
    CharLength = 1 << 8,
    /// Always accepted (HJ 212-2025 ambiguity): encrypted packet whose length field gives the
    /// transmitted (cipher text) length instead of the plaintext length.
    TransmittedLength = 1 << 9,
}

impl Deviation {
    pub const ALL: [Deviation; 10] = [
        Deviation::ModbusCrc,
        Deviation::LowercaseCrc,
        Deviation::MissingCrlf,
        Deviation::Gbk,
        Deviation::LengthMismatch,
        Deviation::NulSt,
        Deviation::UnknownCommand,
        Deviation::Oversized,
        Deviation::CharLength,
        Deviation::TransmittedLength,
    ];
    /// Stable snake_case name (same as the tolerance flag where there is one).
    pub const fn as_str(self) -> &'static str {
        match self {
            Deviation::ModbusCrc => "modbus_crc",
            Deviation::LowercaseCrc => "lowercase_crc",
            Deviation::MissingCrlf => "missing_crlf",
            Deviation::Gbk => "gbk",
            Deviation::LengthMismatch => "length_mismatch",
            Deviation::NulSt => "nul_st",
            Deviation::UnknownCommand => "unknown_command",
            Deviation::Oversized => "oversized",
            Deviation::CharLength => "char_length",
            Deviation::TransmittedLength => "transmitted_length",
        }
    }
}

/// Set of [`Deviation`]s (a bit set, `Copy`, no allocation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Deviations(pub u16);

impl Deviations {
    pub const NONE: Deviations = Deviations(0);
    pub fn insert(&mut self, d: Deviation) {
        self.0 |= d as u16;
    }
    pub fn contains(self, d: Deviation) -> bool {
        self.0 & d as u16 != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Iterate the deviations in a stable order.
    pub fn iter(self) -> impl Iterator<Item = Deviation> {
        Deviation::ALL.into_iter().filter(move |d| self.contains(*d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_lists() {
        let t: Tolerance = "modbus_crc, lowercase_crc,missing_crlf,gbk".parse().unwrap();
        assert!(t.modbus_crc && t.lowercase_crc && t.missing_crlf && t.gbk);
        assert!(!t.length_mismatch);
        assert_eq!(Tolerance::parse("all").unwrap(), Tolerance::ALL);
        assert_eq!(Tolerance::parse("none").unwrap(), Tolerance::STRICT);
        assert_eq!(Tolerance::parse("").unwrap(), Tolerance::STRICT);
        assert!(Tolerance::parse("bogus").is_err());
        assert_eq!(Tolerance::parse("oversized").unwrap().max_data_len, 9999);
        let s = Tolerance::ALL.to_string();
        assert_eq!(Tolerance::parse(&s).unwrap(), Tolerance::ALL);
        assert_eq!(Tolerance::STRICT.to_string(), "none");
    }

    #[test]
    fn deviations_set() {
        let mut d = Deviations::NONE;
        d.insert(Deviation::Gbk);
        d.insert(Deviation::ModbusCrc);
        let v: Vec<_> = d.iter().map(|x| x.as_str()).collect();
        assert_eq!(v, ["modbus_crc", "gbk"]);
    }
}
