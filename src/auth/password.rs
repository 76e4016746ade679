//! Passwords: argon2id hashes (PHC strings) and the rules a new password must meet.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub const MIN_LENGTH: usize = 10;

/// The rules of a level-3 system (GB/T 22239-2019 identity checks): length, three of
/// four character classes, not the username.
pub fn check_rules(username: &str, password: &str) -> Result<(), crate::i18n::Msg> {
    use crate::i18n::catalogue::account as msg;
    let chars = password.chars().count();
    if chars < MIN_LENGTH {
        return Err(msg::password_short(MIN_LENGTH, chars));
    }
    let classes = [
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|c| **c).count() < 3 {
        return Err(msg::password_classes());
    }
    if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
        return Err(msg::password_has_username());
    }
    Ok(())
}

pub fn hash(password: &str) -> crate::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| crate::Error::other(format!("cannot hash the password: {e}")))
}

/// Constant-time check against a stored hash; a malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash of a random password, to spend the same time on unknown usernames as on
/// known ones (so timing does not tell which usernames exist).
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&random_token()).unwrap_or_default())
}

/// 32 random bytes as hex: session tokens, CSRF tokens, generated passwords.
pub fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A password that meets the rules, for new accounts created without one.
pub fn generate() -> String {
    let t = random_token();
    format!("Lt-{}-{}", &t[..8], t[8..14].to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(check_rules("alice", "short1A!").is_err());
        assert!(check_rules("alice", "alllowercaseletters").is_err());
        assert!(check_rules("alice", "xxAlice-2026yy").is_err());
        assert!(check_rules("alice", "Lantian-demo-2026").is_ok());
        assert!(check_rules("bob", &generate()).is_ok());
    }

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash("Lantian-demo-2026").unwrap();
        let b = hash("Lantian-demo-2026").unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify("Lantian-demo-2026", &a));
        assert!(!verify("Lantian-demo-2027", &a));
        assert!(!verify("anything", "not a hash"));
    }
}
