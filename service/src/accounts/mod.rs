//! Accounts and who may act on what: passwords and sessions, the sign-in
//! throttle, and authorisation as a function of (user, object).

pub mod access;
pub mod auth;
pub mod throttle;

pub use auth::Actor;
pub use throttle::Throttle;
