//! The public form's challenge, without any third-party service: a small sum written in
//! Chinese numerals, signed by the server (HMAC-SHA256 with a key kept in the database) with
//! its expiry and a nonce. Nothing is stored when a form is shown; the nonce of an answered
//! challenge is stored with the complaint (unique), so one answer files one complaint. It is a
//! speed bump for scripts, not a wall: the rate limit per address is the real control.

use rand::Rng;
use sha2::{Digest, Sha256};

use crate::i18n::catalogue::complaints as m;
use crate::i18n::Msg;

pub fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Challenge {
    pub a: u8,
    pub b: u8,
    pub token: String,
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

impl Challenge {
    /// The question in Chinese numerals and in digits (for the English page).
    pub fn question(&self, zh: bool) -> String {
        if zh { format!("{} 加 {} 等于几？(请填写阿拉伯数字)", DIGITS[self.a as usize], DIGITS[self.b as usize]) } else { format!("What is {} plus {}?", self.a, self.b) }
    }
}

fn mac(key: &[u8], body: &str) -> String {
    hex::encode(&hmac(key, body.as_bytes())[..16])
}

/// A new challenge valid until `expires` (Unix seconds).
pub fn issue(key: &[u8], expires: i64, rng: &mut impl Rng) -> Challenge {
    let a = rng.gen_range(1..10u8);
    let b = rng.gen_range(1..10u8);
    let nonce: String = (0..16).map(|_| format!("{:02x}", rng.r#gen::<u8>())).collect();
    let body = format!("{expires}.{a}.{b}.{nonce}");
    let token = format!("{body}.{}", mac(key, &body));
    Challenge { a, b, token }
}

/// Check an answer; returns the nonce to store (so the token cannot be used twice).
pub fn verify(key: &[u8], token: &str, answer: &str, now: i64) -> Result<String, Msg> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    let [expires, a, b, nonce, sig] = parts[..] else { return Err(m::challenge_missing()) };
    let body = format!("{expires}.{a}.{b}.{nonce}");
    let expected = mac(key, &body);
    if expected.len() != sig.len() || expected.bytes().zip(sig.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) != 0 {
        return Err(m::challenge_missing());
    }
    let expires: i64 = expires.parse().map_err(|_| m::challenge_missing())?;
    if now > expires {
        return Err(m::challenge_expired());
    }
    let sum = a.parse::<u32>().unwrap_or(0) + b.parse::<u32>().unwrap_or(0);
    if answer.trim().parse::<u32>().ok() != Some(sum) {
        return Err(m::challenge_wrong());
    }
    Ok(nonce.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        assert_eq!(hex::encode(hmac(b"Jefe", b"what do ya want for nothing?")), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn a_right_answer_passes_once_signed_and_in_time() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let c = issue(b"key", 1000, &mut rng);
        let answer = (c.a + c.b).to_string();
        assert!(verify(b"key", &c.token, &answer, 999).is_ok());
        assert_eq!(verify(b"key", &c.token, "99", 999).unwrap_err().code(), "complaints.challenge.wrong");
        assert_eq!(verify(b"key", &c.token, &answer, 1001).unwrap_err().code(), "complaints.challenge.expired");
        assert_eq!(verify(b"other", &c.token, &answer, 999).unwrap_err().code(), "complaints.challenge.missing");
        // A forged token: the sum changed, the signature no longer fits.
        let forged = c.token.replacen(&format!(".{}.", c.a), ".0.", 1);
        assert!(verify(b"key", &forged, "0", 999).is_err());
        assert!(verify(b"key", "", "1", 0).is_err());
        assert!(c.question(true).contains('加'));
    }
}
