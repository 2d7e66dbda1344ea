//! Accounts: roles, user names and the password policy.

use serde::{Deserialize, Serialize};

/// What an account may do. Audiences need no account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the site: every contest, every account.
    Admin,
    /// Ban tổ chức / thư ký: sets up and runs the contests of a unit.
    Organiser,
    /// Giám khảo: scores the contests on whose panel he sits.
    Judge,
}

impl Role {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organiser => "organiser",
            Role::Judge => "judge",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "organiser" => Some(Role::Organiser),
            "judge" => Some(Role::Judge),
            _ => None,
        }
    }

    /// Whether a user of this role may create accounts of role `other`.
    pub fn may_create(self, other: Role) -> bool {
        match self {
            Role::Admin => true,
            Role::Organiser => other == Role::Judge,
            Role::Judge => false,
        }
    }
}

/// Minimum password length: NIST SP 800-63B's floor for chosen passwords.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Passwords longer than this are refused: argon2 would still hash them,
/// but nobody types them and they make cheap denial-of-service requests.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Why a password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordError {
    /// Shorter than [`MIN_PASSWORD_CHARS`].
    TooShort,
    /// Longer than [`MAX_PASSWORD_CHARS`].
    TooLong,
    /// Equal to the user name, or one of a few that are always guessed.
    TooCommon,
}

const COMMON: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "password",
    "matkhau1",
    "11111111",
    "00000000",
    "qwertyui",
    "abcd1234",
    "admin123",
    "88888888",
    "66666666",
];

/// Checks a new password against the policy.
pub fn check_password(password: &str, username: &str) -> Result<(), PasswordError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    if lower == username.to_lowercase() || COMMON.contains(&lower.as_str()) {
        return Err(PasswordError::TooCommon);
    }
    Ok(())
}

/// A user name: 3 to 32 of `a-z 0-9 . _ -`, starting with a letter or digit.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    /// Parses a user name; upper case is folded so "GK1" and "gk1" are one account.
    pub fn parse(raw: &str) -> Option<Username> {
        let s = raw.trim().to_ascii_lowercase();
        let ok_len = (3..=32).contains(&s.len());
        let ok_chars = s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        let ok_start = s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric());
        (ok_len && ok_chars && ok_start).then_some(Username(s))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(Username::parse(" GK1 ").unwrap().as_str(), "gk1");
        assert!(Username::parse("btc.nongthuong").is_some());
        for bad in ["", "ab", "-abc", "có dấu", "a b c", &"x".repeat(33)] {
            assert!(Username::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn passwords() {
        assert_eq!(check_password("short", "gk1"), Err(PasswordError::TooShort));
        assert_eq!(check_password("12345678", "gk1"), Err(PasswordError::TooCommon));
        assert_eq!(check_password("thuky2026", "thuky2026"), Err(PasswordError::TooCommon));
        assert_eq!(check_password(&"a".repeat(129), "gk1"), Err(PasswordError::TooLong));
        // length counts characters, not bytes
        assert_eq!(check_password("Đảng ủy", "gk1"), Err(PasswordError::TooShort));
        assert_eq!(check_password("Dân vận khéo", "gk1"), Ok(()));
    }

    #[test]
    fn who_creates_whom() {
        assert!(Role::Admin.may_create(Role::Organiser));
        assert!(Role::Organiser.may_create(Role::Judge));
        assert!(!Role::Organiser.may_create(Role::Organiser));
        assert!(!Role::Judge.may_create(Role::Judge));
    }
}
