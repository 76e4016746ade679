//! Unified social credit code (统一社会信用代码), GB 32100-2015.
//!
//! 18 characters from a 31-character alphabet (digits and upper-case letters
//! without I, O, S, V, Z). The last is a check character: with weights
//! W_i = 3^i mod 31 over the first 17, C18 = 31 − (Σ C_i·W_i mod 31), where 31 maps to 0.
//! Unlicensed workshops have no such code; the ledger gives them a provisional
//! number `LS` + 6-digit county code + 5 digits, which can never be a valid code
//! (S is outside the alphabet).

use crate::i18n::{catalogue::ledger as msg, Msg};

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters, or None if one is outside the alphabet.
pub fn check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (i, &c) in first17.iter().enumerate() {
        sum += value_of(c)? * WEIGHTS[i];
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize] as char)
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum CodeKind {
    CreditCode,
    Provisional,
}

/// Validate a ledger key: a GB 32100 code or a provisional `LS` number.
/// The error names what is wrong, for the import report.
pub fn validate(code: &str) -> Result<CodeKind, Msg> {
    let b = code.as_bytes();
    if b.starts_with(b"LS") {
        if b.len() == 13 && b[2..].iter().all(u8::is_ascii_digit) {
            return Ok(CodeKind::Provisional);
        }
        return Err(msg::provisional_format());
    }
    // Counted in characters: a code with a Chinese character in it is the right length and
    // wrong for that character, which is what the clerk must be told.
    let length = code.chars().count();
    if length != 18 {
        return Err(msg::credit_code_length(length));
    }
    if let Some(bad) = code.chars().find(|c| !c.is_ascii() || value_of(*c as u8).is_none()) {
        return Err(msg::credit_code_char(bad.to_string()));
    }
    let expected = check_char(&b[..17]).expect("alphabet checked above");
    if b[17] as char != expected {
        return Err(msg::credit_code_check((b[17] as char).to_string(), expected.to_string()));
    }
    Ok(CodeKind::CreditCode)
}

/// Build a valid credit code from a 17-character body (used by the demo generator).
pub fn complete(first17: &str) -> Option<String> {
    check_char(first17.as_bytes()).map(|c| format!("{first17}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_validate() {
        // Codes printed on public business licences.
        for code in ["91350100M000100Y43", "91110000802100433B", "9144030071526726XG"] {
            assert_eq!(validate(code), Ok(CodeKind::CreditCode), "{code}");
        }
    }

    #[test]
    fn wrong_check_character_is_named() {
        let err = validate("91350100M000100Y44").unwrap_err();
        let en = err.render(crate::i18n::Lang::En);
        assert!(en.contains("should be '3'"), "{en}");
        assert!(err.render(crate::i18n::Lang::Zh).contains("应为“3”"));
    }

    #[test]
    fn forbidden_letters_and_lengths() {
        let en = |code: &str| validate(code).unwrap_err().render(crate::i18n::Lang::En);
        assert!(en("91350100M000100YI3").contains("'I'"));
        assert!(en("91350100M000100Y水3").contains("'水'"), "a Chinese character is named whole");
        assert!(en("9135").contains("18 characters"));
        assert_eq!(validate("LS61200100001"), Ok(CodeKind::Provisional));
        assert!(validate("LS6120010000").is_err());
    }

    #[test]
    fn complete_round_trips() {
        let c = complete("91612001MA0000012").unwrap();
        assert_eq!(validate(&c), Ok(CodeKind::CreditCode));
    }
}
