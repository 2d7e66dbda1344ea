//! Pages for every account: signing in and out, and who is signed in.

pub mod page;
pub mod session;
pub mod sign_in;
