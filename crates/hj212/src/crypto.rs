//! HJ 212-2025 SM4 encryption of the CP content (§6.4.2, Appendix A.2).
//!
//! SM4-ECB, 16-byte key, "Nopadding": every whole 16-byte block of the CP content (the text
//! between `CP=&&` and the closing `&&`) is encrypted, a shorter tail stays plaintext. The
//! cipher text is written as a C-style byte list `{0xE4,0x3E,...}` (upper-case hex) followed
//! directly by the plaintext tail. The CRC is computed over the *plaintext* data segment.

// `cipher` 0.4 re-exports generic-array 0.14, which marks itself deprecated; sm4 0.5 needs it.
#![allow(deprecated)]

use cipher::{BlockDecrypt, BlockEncrypt, KeyInit, generic_array::GenericArray};
use sm4::Sm4;

use crate::crc::hex_val;
use crate::error::{Error, Reason, err};

/// A 16-byte SM4 key for one device.
#[derive(Clone, PartialEq, Eq)]
pub struct Key(pub [u8; 16]);

impl core::fmt::Debug for Key {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Key(..)")
    }
}

impl Key {
    /// A key given as 16 ASCII characters (how `NewSK=` in CN=1014 carries it, and how the
    /// official test key "16 × 0x30" = `0000000000000000` reads).
    pub fn from_ascii(s: &str) -> Option<Key> {
        let b: [u8; 16] = s.as_bytes().try_into().ok()?;
        Some(Key(b))
    }
    /// A key given as 32 hex digits.
    pub fn from_hex(s: &str) -> Option<Key> {
        let s = s.as_bytes();
        if s.len() != 32 {
            return None;
        }
        let mut k = [0u8; 16];
        for i in 0..16 {
            k[i] = hex_val(s[2 * i])? << 4 | hex_val(s[2 * i + 1])?;
        }
        Some(Key(k))
    }
}

/// Commands whose CP is encrypted (HJ 212-2025 §6.4.4): 2000–2999, 1014 and 3020.
pub fn is_encrypted_command(cn: u16) -> bool {
    (2000..=2999).contains(&cn) || cn == 1014 || cn == 3020
}

/// Encrypt the whole blocks of `cp` and render `{0x..,...}` + plaintext tail.
/// A CP shorter than 16 bytes is returned unchanged (nothing to encrypt).
pub fn encrypt_cp(cp: &[u8], key: &Key) -> Vec<u8> {
    let whole = cp.len() / 16 * 16;
    if whole == 0 {
        return cp.to_vec();
    }
    let c = Sm4::new(GenericArray::from_slice(&key.0));
    let mut out = Vec::with_capacity(whole * 5 + 2 + cp.len() - whole);
    out.push(b'{');
    for (i, blk) in cp[..whole].chunks_exact(16).enumerate() {
        let mut b = GenericArray::clone_from_slice(blk);
        c.encrypt_block(&mut b);
        for (j, byte) in b.iter().enumerate() {
            if i + j > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"0x");
            out.extend_from_slice(&crate::crc::crc_hex(*byte as u16)[2..]);
        }
    }
    out.push(b'}');
    out.extend_from_slice(&cp[whole..]);
    out
}

/// Whether CP content is in the encrypted `{0x..}` form.
pub fn is_encrypted_cp(cp: &[u8]) -> bool {
    cp.starts_with(b"{0x") || cp.starts_with(b"{0X")
}

/// Parse `{0xNN,...}tail`, decrypt, return the plaintext CP content.
pub fn decrypt_cp(cp: &[u8], key: &Key) -> Result<Vec<u8>, Error> {
    const BAD: Error = err(Reason::BadEncoding, "malformed SM4 cipher text `{0x..}`");
    let close = memchr::memchr(b'}', cp).ok_or(BAD)?;
    let list = &cp[1..close];
    let tail = &cp[close + 1..];
    let mut bytes = Vec::with_capacity(list.len() / 5 + 1);
    for item in list.split(|&b| b == b',') {
        let item = item.trim_ascii();
        let h = match item {
            [b'0', b'x' | b'X', h @ ..] => h,
            _ => return Err(BAD),
        };
        match h {
            [a, b] => bytes.push(hex_val(*a).ok_or(BAD)? << 4 | hex_val(*b).ok_or(BAD)?),
            [a] => bytes.push(hex_val(*a).ok_or(BAD)?),
            _ => return Err(BAD),
        }
    }
    if bytes.is_empty() || bytes.len() % 16 != 0 {
        return Err(err(Reason::BadEncoding, "SM4 cipher text is not a whole number of 16-byte blocks"));
    }
    let c = Sm4::new(GenericArray::from_slice(&key.0));
    for blk in bytes.chunks_exact_mut(16) {
        c.decrypt_block(GenericArray::from_mut_slice(blk));
    }
    bytes.extend_from_slice(tail);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbt32907_vector() {
        // GB/T 32907-2016 Appendix A example 1.
        let key = Key::from_hex("0123456789ABCDEFFEDCBA9876543210").unwrap();
        let c = Sm4::new(GenericArray::from_slice(&key.0));
        let mut b = GenericArray::clone_from_slice(&key.0);
        c.encrypt_block(&mut b);
        assert_eq!(b.as_slice(), Key::from_hex("681EDF34D206965E86B3E94F536E4246").unwrap().0);
    }

    #[test]
    fn roundtrip() {
        let key = Key::from_ascii("0000000000000000").unwrap();
        let cp = b"DataTime=20240520210600;a01011-Min=1.35,a01011-Flag=N";
        let enc = encrypt_cp(cp, &key);
        assert!(is_encrypted_cp(&enc));
        assert!(enc.ends_with(&cp[48..]));
        assert_eq!(decrypt_cp(&enc, &key).unwrap(), cp);
        assert_eq!(encrypt_cp(b"short", &key), b"short");
        assert!(decrypt_cp(b"{0x01,0x02}", &key).is_err());
        assert!(decrypt_cp(b"{0x01", &key).is_err());
    }
}
