//! Passwords (and judges' PINs): Argon2id hashes, made and checked off the
//! async threads, in the same time whether or not the account exists.

use crate::error::{Error, Result};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::OnceLock;

/// Hashes a password with Argon2id at the OWASP parameters (m=19 MiB,
/// t=2, p=1), off the async threads: it takes tens of milliseconds.
pub async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|e| Error::internal_from("password hashing task", e))?
    .map_err(|e| Error::internal_from("password hashing", e))
}

/// A hash to verify against when the user does not exist, so that the
/// answer takes as long as for a real user and names cannot be probed.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::encode_b64(b"kheo-dummy-salt!").expect("a valid salt");
        Argon2::default().hash_password(b"not a password", &salt).expect("hashing works").to_string()
    })
}

/// Checks a password against a stored hash, off the async threads.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let real = hash.is_some();
        let hash = hash.unwrap_or_else(|| dummy_hash().to_string());
        let ok = PasswordHash::new(&hash)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        ok && real
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_hash_and_verify() {
        let h = hash_password("Dân vận khéo".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("Dân vận khéo".into(), Some(h.clone())).await);
        assert!(!verify_password("dan van kheo".into(), Some(h)).await);
        assert!(!verify_password("not a password".into(), None).await, "the dummy hash never lets anyone in");
    }
}
