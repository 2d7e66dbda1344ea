//! Accounts and who may act on what: sessions (`auth`), `password` hashes, the
//! sign-in `throttle`, making and listing accounts (`users`), and
//! authorisation as a function of (user, object) (`access`).

pub mod access;
pub mod auth;
pub mod password;
pub mod throttle;
pub mod users;

pub use auth::Actor;
pub use throttle::Throttle;
