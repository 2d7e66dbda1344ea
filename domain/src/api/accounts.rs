//! Accounts on the wire: sign-in, new users, the signed-in user.

use crate::user::Role;
use serde::{Deserialize, Serialize};

/// A signed-in user as the API shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    /// User id.
    pub id: i64,
    /// User name.
    pub username: String,
    /// Name shown to people.
    pub display_name: String,
    /// Role.
    pub role: Role,
}

/// `POST /session` body.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SignIn {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// `POST /users` body.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct NewUser {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Name shown to people; the user name when absent.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Role.
    pub role: String,
    /// The unit an organiser works for, by name (additive, older).
    #[serde(default)]
    pub unit: Option<String>,
    /// The unit an organiser works for, in the tree.
    #[serde(default)]
    pub unit_id: Option<i64>,
}

/// An account as the accounts page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLine {
    /// The user.
    pub user: UserView,
    /// The unit, by name.
    pub unit: Option<String>,
    /// Whether it can sign in.
    pub active: bool,
    /// The unit in the tree (additive).
    #[serde(default)]
    pub unit_id: Option<i64>,
}

/// A change to an account (additive): what is given changes, the rest
/// stays.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct AccountEdit {
    /// Name shown to people.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Role (admins only).
    #[serde(default)]
    pub role: Option<String>,
    /// The unit an organiser works for; `Some(None)` takes it away.
    #[serde(default)]
    pub unit_id: Option<Option<i64>>,
    /// Whether it can sign in; a disabled account's sessions end.
    #[serde(default)]
    pub active: Option<bool>,
}
