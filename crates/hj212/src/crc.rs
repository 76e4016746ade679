//! CRC16 as defined by HJ 212 Appendix A, plus CRC-16/MODBUS for the tolerated deviation.
//!
//! The HJ 212 algorithm is `reg=0xFFFF; per byte: reg=(reg>>8)^byte; 8×{lsb=reg&1; reg>>=1;
//! if lsb {reg^=0xA001}}`. It is *not* CRC-16/MODBUS (which does `reg^=byte`). Because the
//! byte is XORed into `reg>>8`, whose high byte is zero, the next register is
//! `T[(reg>>8) ^ byte]` where `T` is the usual reflected 0xA001 table: the running state is only
//! the high byte of the register. The map `s -> hi(T[s])` is GF(2)-linear, so the 8-bit state
//! can be advanced 16 bytes at a time with 16 byte tables (slicing-by-16):
//! `s' = H¹⁶(s^b0) ^ H¹⁵(b1) ^ … ^ H¹(b15)`.

const fn make_table() -> [u16; 256] {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let mut r = i as u16;
        let mut k = 0;
        while k < 8 {
            let lsb = r & 1;
            r >>= 1;
            if lsb != 0 {
                r ^= 0xA001;
            }
            k += 1;
        }
        t[i] = r;
        i += 1;
    }
    t
}

static T: [u16; 256] = make_table();

const SLICE: usize = 16;

const fn make_slices() -> [[u8; 256]; SLICE + 1] {
    let t = make_table();
    let mut h = [[0u8; 256]; SLICE + 1];
    let mut x = 0;
    while x < 256 {
        h[0][x] = x as u8;
        x += 1;
    }
    let mut k = 1;
    while k <= SLICE {
        let mut x = 0;
        while x < 256 {
            h[k][x] = (t[h[k - 1][x] as usize] >> 8) as u8;
            x += 1;
        }
        k += 1;
    }
    h
}

/// `H[k][x]` = the 8-bit state after k applications of `s -> hi(T[s])` starting from x.
static H: [[u8; 256]; SLICE + 1] = make_slices();

/// Straightforward bitwise reference implementation of the appendix algorithm.
pub fn crc16_reference(data: &[u8]) -> u16 {
    let mut reg: u16 = 0xFFFF;
    for &b in data {
        reg = (reg >> 8) ^ b as u16;
        for _ in 0..8 {
            let lsb = reg & 1;
            reg >>= 1;
            if lsb != 0 {
                reg ^= 0xA001;
            }
        }
    }
    reg
}

/// HJ 212 CRC16 of `data` (the data segment), table-driven, slicing-by-16.
#[inline]
pub fn crc16(data: &[u8]) -> u16 {
    let Some((&last, body)) = data.split_last() else {
        return 0xFFFF;
    };
    let mut s: u8 = 0xFF;
    let mut chunks = body.chunks_exact(SLICE);
    for c in &mut chunks {
        let c: &[u8; SLICE] = c.try_into().unwrap();
        s = H[16][(s ^ c[0]) as usize]
            ^ H[15][c[1] as usize]
            ^ H[14][c[2] as usize]
            ^ H[13][c[3] as usize]
            ^ H[12][c[4] as usize]
            ^ H[11][c[5] as usize]
            ^ H[10][c[6] as usize]
            ^ H[9][c[7] as usize]
            ^ H[8][c[8] as usize]
            ^ H[7][c[9] as usize]
            ^ H[6][c[10] as usize]
            ^ H[5][c[11] as usize]
            ^ H[4][c[12] as usize]
            ^ H[3][c[13] as usize]
            ^ H[2][c[14] as usize]
            ^ H[1][c[15] as usize];
    }
    for &b in chunks.remainder() {
        s = H[1][(s ^ b) as usize];
    }
    T[(s ^ last) as usize]
}

/// Standard CRC-16/MODBUS (init 0xFFFF, reflected poly 0xA001, no final XOR).
/// The numeric value; Modbus puts the low byte first on the wire, see [`crc_matches_modbus`].
pub fn crc16_modbus(data: &[u8]) -> u16 {
    let mut reg: u16 = 0xFFFF;
    for &b in data {
        reg = (reg >> 8) ^ T[((reg ^ b as u16) & 0xFF) as usize];
    }
    reg
}

/// True when `sent` equals CRC-16/MODBUS of `data` printed high byte first or low byte first.
pub fn crc_matches_modbus(data: &[u8], sent: u16) -> bool {
    let m = crc16_modbus(data);
    sent == m || sent == m.swap_bytes()
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// The CRC as 4 upper-case hex digits, high byte first.
pub fn crc_hex(crc: u16) -> [u8; 4] {
    [
        HEX_UPPER[(crc >> 12) as usize & 15],
        HEX_UPPER[(crc >> 8) as usize & 15],
        HEX_UPPER[(crc >> 4) as usize & 15],
        HEX_UPPER[crc as usize & 15],
    ]
}

#[inline]
pub(crate) fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

/// Parse 4 hex digits (either case). Returns `(value, had_lowercase)`.
#[inline]
pub fn parse_crc_hex(h: &[u8]) -> Option<(u16, bool)> {
    if h.len() != 4 {
        return None;
    }
    let mut v: u16 = 0;
    let mut lower = false;
    for &b in h {
        v = (v << 4) | hex_val(b)? as u16;
        lower |= b.is_ascii_lowercase();
    }
    Some((v, lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appendix_example() {
        let seg = b"QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";
        assert_eq!(crc16(seg), 0x1C80);
        assert_eq!(crc16_reference(seg), 0x1C80);
        assert_eq!(&crc_hex(crc16(seg)), b"1C80");
    }

    #[test]
    fn official_2025_a1() {
        let seg = b"QN=20240601085857223;ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&&&";
        assert_eq!(seg.len(), 87);
        assert_eq!(crc16(seg), 0x2200);
    }

    #[test]
    fn sliced_equals_reference() {
        let mut data = Vec::new();
        let mut x: u32 = 12345;
        for n in 0..600 {
            assert_eq!(crc16(&data), crc16_reference(&data), "len {n}");
            x = x.wrapping_mul(1103515245).wrapping_add(12345);
            data.push((x >> 16) as u8);
        }
        assert_eq!(crc16(b""), 0xFFFF);
    }

    #[test]
    fn modbus_check_value() {
        // CRC-16/MODBUS check value for "123456789" is 0x4B37.
        assert_eq!(crc16_modbus(b"123456789"), 0x4B37);
        assert!(crc_matches_modbus(b"123456789", 0x374B));
    }

    #[test]
    fn hex_parse() {
        assert_eq!(parse_crc_hex(b"1C80"), Some((0x1C80, false)));
        assert_eq!(parse_crc_hex(b"cc01"), Some((0xCC01, true)));
        assert_eq!(parse_crc_hex(b"1G80"), None);
    }
}
