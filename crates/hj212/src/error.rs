//! Rejection reasons and the error type.

use core::fmt;

/// Why a packet (or a run of bytes) was rejected.
///
/// Every variant has a stable snake_case name ([`Reason::as_str`]) that the
/// server uses as a metric label and the CLI prints in `"error"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// No `##`, unreadable 4-digit length, missing CRLF (not tolerated), or garbage between frames.
    BadHeader,
    /// The declared length does not match the data segment.
    LengthMismatch,
    /// The CRC does not match (or is written in a form that is not tolerated, e.g. lower-case hex).
    CrcMismatch,
    /// A field is syntactically wrong (CN not 4 digits, Flag not a number, CP item without `=` ...).
    BadFieldSyntax,
    /// CN is not a command known to HJ/T 212-2005, HJ 212-2017 or HJ 212-2025.
    UnknownCommand,
    /// The declared data segment is longer than the configured maximum.
    Oversized,
    /// Text is not valid UTF-8 (and GBK is not tolerated / not valid GBK), or a cipher text is malformed.
    BadEncoding,
    /// A required field (CN, CP) is absent, or a JSON object lacks a required key.
    MissingField,
    /// The packet is SM4-encrypted (HJ 212-2025) and no key was supplied for the device.
    MissingKey,
}

impl Reason {
    /// All reasons, in a stable order.
    pub const ALL: [Reason; 9] = [
        Reason::BadHeader,
        Reason::LengthMismatch,
        Reason::CrcMismatch,
        Reason::BadFieldSyntax,
        Reason::UnknownCommand,
        Reason::Oversized,
        Reason::BadEncoding,
        Reason::MissingField,
        Reason::MissingKey,
    ];

    /// Stable snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::BadHeader => "bad_header",
            Reason::LengthMismatch => "length_mismatch",
            Reason::CrcMismatch => "crc_mismatch",
            Reason::BadFieldSyntax => "bad_field_syntax",
            Reason::UnknownCommand => "unknown_command",
            Reason::Oversized => "oversized",
            Reason::BadEncoding => "bad_encoding",
            Reason::MissingField => "missing_field",
            Reason::MissingKey => "missing_key",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejection: a [`Reason`] plus a static human-readable detail (no allocation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    pub reason: Reason,
    pub detail: &'static str,
}

impl Error {
    pub const fn new(reason: Reason, detail: &'static str) -> Self {
        Error { reason, detail }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason.as_str(), self.detail)
    }
}

impl std::error::Error for Error {}

pub(crate) const fn err(reason: Reason, detail: &'static str) -> Error {
    Error::new(reason, detail)
}
