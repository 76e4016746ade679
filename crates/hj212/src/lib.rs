//! # hj212 — HJ 212 protocol codec (no I/O)
//!
//! Codec for the Chinese pollution-source monitoring data-transmission standard:
//! HJ/T 212-2005, HJ 212-2017 and HJ 212-2025. The crate does no I/O and owns no clock;
//! it turns bytes into validated, borrowed packets and packets back into bytes.
//!
//! ## Layers
//!
//! 1. **Framing** ([`split_frame`]): `httparse`-style over `&[u8]`. Returns
//!    [`Status::Complete`]`(frame, consumed)`, [`Status::Partial`] or
//!    [`Status::Invalid`]`(error, skip)`. It copes with back-to-back frames, frames split across
//!    reads, missing CR LF (frame ends at the next `##`, a bare LF, or end of input), garbage
//!    between frames (resync at the next `##` or line end) and oversized declared lengths
//!    (`oversized`, limit [`Tolerance::max_data_len`], default 1024 from the standard).
//!    When the declared length does not lead to `CRC + CR LF`, the real end is found by scanning
//!    for the line end, so a corrupted length costs one frame, not the stream; this is also how
//!    HJ 212-2025 encrypted packets (length field = plaintext length) are framed.
//! 2. **Validation and parsing** ([`decode_frame`], [`decode`], [`decode_line`]): terminator,
//!    CRC text, SM4 decryption if the CP is `{0x..}`, length, CRC ([`crc16`], slicing-by-16
//!    table), header fields (QN, ST, CN, PW, MN, Flag, PNUM, PNO, RF), version
//!    ([`Version`] from `Flag >> 2`), command table, CP encoding and syntax. Header fields and
//!    CP are borrowed slices of the input; only an encrypted CP is decrypted into an owned buffer.
//! 3. **CP access**: [`Packet::items`] ([`CpItems`], zero-copy `key=value` items with their `;`
//!    group index, `code()`/`field()` split at `-`, `//text//` values kept whole) and
//!    [`Packet::measurements`] (items paired with the `-Flag` of their code in the same group).
//!    [`parse_number`] is an exact, allocation-free decimal parser.
//! 4. **Encoding** ([`encode()`], [`Header`], [`CpWriter`], [`frame_segment`]), replies
//!    ([`reply`], [`heartbeat_reply`]: 2025 heartbeat `9015` → `9013`).
//! 5. **Reassembly** of split messages ([`Reassembler`]): pure state machine, caller-supplied
//!    clock for eviction.
//! 6. **Code tables** ([`codes`]): `data/hj212/pollutant_codes.csv` (HJ 212-2017 Appendix B with
//!    the HJ/T 212-2005 codes) and `data/hj212/commands.csv`, embedded with `include_str!`.
//! 7. **JSON** (feature `json`, default): [`decode_line_json`], [`decode_stream_json`],
//!    [`StreamDecoder`], [`encode_json`], [`encode_json_line`].
//!
//! ## Errors and tolerances
//!
//! Errors are values ([`Error`] = [`Reason`] + static detail); nothing panics on any input
//! (fuzzed and property-tested). Reasons have stable snake_case names: `bad_header`,
//! `length_mismatch`, `crc_mismatch`, `bad_field_syntax`, `unknown_command`, `oversized`,
//! `bad_encoding`, plus `missing_field` (no CN / no CP) and `missing_key` (encrypted CP, no key).
//!
//! Decoding is strict by default. A per-device [`Tolerance`] (parsed from
//! `modbus_crc,lowercase_crc,missing_crlf,gbk,length_mismatch,nul_st,unknown_command,oversized`
//! or `all`/`none`) accepts known deviations; every accepted deviation is recorded in
//! [`Packet::deviations`] so the server can count them. Two HJ 212-2025 ambiguities are always
//! accepted and recorded: a length counted in characters for non-ASCII UTF-8 CP
//! (`char_length`), and an encrypted packet whose length field gives the transmitted length
//! (`transmitted_length`).
//!
//! ### NUL bytes in ST (decision)
//!
//! Six packets of the 2016 field captures carry `ST=\0\0` under a valid CRC: the logger
//! sent uninitialised memory for the system code. The CRC proves the bytes arrived as sent, and
//! the measurements are intact, but ST (which says whether the data is flue gas or waste water)
//! is missing and a silent guess would file data under the wrong medium. So strict decoding
//! rejects them as `bad_field_syntax`; the `nul_st` tolerance accepts them with `st = None`
//! and records the `nul_st` deviation, so an operator can enable it for the affected devices
//! and keep count. See `data/hj212/README.md`.
//!
//! ### Other decisions
//!
//! * Lower-case CRC hex is rejected as `crc_mismatch` unless `lowercase_crc` is tolerated.
//! * A CRC equal to CRC-16/MODBUS (either byte order) is accepted only with `modbus_crc`.
//! * A frame without CR LF is `bad_header` unless `missing_crlf` is tolerated (line mode
//!   ignores terminators: the line reader removed them).
//! * Unknown header keys are ignored; CP must be last and written `CP=&&...&&`.
//! * Non-ASCII header bytes are `bad_encoding`; CP may be UTF-8 (2025 reading), or GBK with `gbk`.
//!
//! ## HJ 212-2025
//!
//! Version from Flag bits (`Flag=8..11`), A/D bits, `RF=1` resend marker ([`Packet::rf`]),
//! heartbeat `9015` → `9013`, new commands in the command table, SM4-ECB "Nopadding" encryption
//! of CP for CN 2000–2999, 1014 and 3020 ([`crypto`]), written `{0xNN,...}` + plaintext tail,
//! CRC over the plaintext. The official Appendix A vectors decode and re-encode byte for byte
//! (see `tests/it`). Rules and their sources: `data/hj212/hj212-2025-rules.md`.

pub mod codes;
pub mod crc;
pub mod crypto;
pub mod encode;
pub mod error;
pub mod frame;
#[cfg(feature = "json")]
pub mod json;
pub mod num;
pub mod packet;
pub mod reassembly;
pub mod tolerance;

pub use crc::{crc16, crc16_modbus, crc_hex};
pub use crypto::{Key, decrypt_cp, encrypt_cp, is_encrypted_command};
pub use encode::{CpWriter, EncodeOptions, Header, LengthMode, data_segment, encode, frame_segment, heartbeat_reply, is_heartbeat, reply};
pub use error::{Error, Reason};
pub use frame::{RawFrame, Status, Terminator, split_frame};
#[cfg(feature = "json")]
pub use json::{
    StreamDecoder, decode_line_json, decode_line_json_with_key, decode_stream_json, encode_json, encode_json_line,
    error_json, packet_to_json, write_error_json, write_line_json, write_packet_json,
};
pub use num::{Number, parse_number};
pub use packet::{CpItem, CpItems, Measurement, Measurements, Packet, Version, decode, decode_frame, decode_line, validate_cp};
pub use reassembly::{Assembled, Evicted, MessageKey, Push, ReassemblyConfig, Reassembler};
pub use tolerance::{Deviation, Deviations, ParseToleranceError, Tolerance};
