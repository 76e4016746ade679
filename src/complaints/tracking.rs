//! Tracking numbers: `JB` (举报) + the Beijing date of receipt + `-` + six random characters
//! and one check character, from an alphabet without 0/O, 1/I/L. Random so that the public
//! status page cannot be walked by counting; the check character catches a mistyped number
//! before any look-up.

use rand::Rng;
use time::Date;

const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

fn check_char(body: &[u8]) -> u8 {
    let n = ALPHABET.len();
    let sum: usize = body.iter().enumerate().map(|(i, c)| (i + 1) * ALPHABET.iter().position(|a| a == c).unwrap_or(0)).sum();
    ALPHABET[sum % n]
}

pub fn new(received: Date, rng: &mut impl Rng) -> String {
    let body: Vec<u8> = (0..6).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())]).collect();
    let check = check_char(&body);
    format!(
        "JB{:04}{:02}{:02}-{}{}",
        received.year(),
        u8::from(received.month()),
        received.day(),
        String::from_utf8_lossy(&body),
        check as char
    )
}

/// Whether a text is a well-formed tracking number (case-insensitive; the canonical form returned).
pub fn parse(text: &str) -> Option<String> {
    let t = text.trim().to_ascii_uppercase();
    let rest = t.strip_prefix("JB")?;
    let (date, code) = rest.split_once('-')?;
    if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) || code.len() != 7 {
        return None;
    }
    let bytes = code.as_bytes();
    if !bytes.iter().all(|b| ALPHABET.contains(b)) || check_char(&bytes[..6]) != bytes[6] {
        return None;
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn numbers_parse_back_and_typos_are_caught() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        for _ in 0..200 {
            let t = new(time::macros::date!(2026 - 12 - 04), &mut rng);
            assert!(t.starts_with("JB20261204-"));
            assert_eq!(parse(&t).as_deref(), Some(t.as_str()));
            assert_eq!(parse(&t.to_lowercase()).as_deref(), Some(t.as_str()));
            // Change one character of the random part: the check character refuses it.
            let mut b = t.clone().into_bytes();
            let i = 11;
            b[i] = if b[i] == b'A' { b'B' } else { b'A' };
            assert_eq!(parse(&String::from_utf8(b).unwrap()), None);
        }
        for bad in ["", "JB", "JB2026-ABCDEF", "XX20261204-ABCDEFG", "JB20261204-ABCDEF0", "../../etc"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
