//! Unified social credit code (统一社会信用代码), GB 32100-2015.
//!
//! 18 characters from a 31-character alphabet (digits and upper-case letters
//! without I, O, S, V, Z). The last is a check character: with weights
//! W_i = 3^i mod 31 over the first 17, C18 = 31 − (Σ C_i·W_i mod 31), where 31 maps to 0.
//! Unlicensed workshops have no such code; the ledger gives them a provisional
//! number `LS` + 6-digit county code + 5 digits, which can never be a valid code
//! (S is outside the alphabet).

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
pub fn validate(code: &str) -> Result<CodeKind, String> {
    let b = code.as_bytes();
    if b.starts_with(b"LS") {
        if b.len() == 13 && b[2..].iter().all(u8::is_ascii_digit) {
            return Ok(CodeKind::Provisional);
        }
        return Err("provisional ledger number must be LS + 11 digits (county code + serial)".into());
    }
    if b.len() != 18 {
        return Err(format!("credit code must have 18 characters, found {}", code.chars().count()));
    }
    if let Some(bad) = b.iter().find(|&&c| value_of(c).is_none()) {
        return Err(format!(
            "character {:?} is not allowed in a credit code (digits and capitals except I O S V Z)",
            *bad as char
        ));
    }
    let expected = check_char(&b[..17]).expect("alphabet checked above");
    if b[17] as char != expected {
        return Err(format!("check character is {:?} but should be {:?} (GB 32100-2015)", b[17] as char, expected));
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
        assert!(err.contains("should be '3'"), "{err}");
    }

    #[test]
    fn forbidden_letters_and_lengths() {
        assert!(validate("91350100M000100YI3").unwrap_err().contains("'I'"));
        assert!(validate("9135").unwrap_err().contains("18 characters"));
        assert_eq!(validate("LS61200100001"), Ok(CodeKind::Provisional));
        assert!(validate("LS6120010000").is_err());
    }

    #[test]
    fn complete_round_trips() {
        let c = complete("91612001MA0000012").unwrap();
        assert_eq!(validate(&c), Ok(CodeKind::CreditCode));
    }
}
