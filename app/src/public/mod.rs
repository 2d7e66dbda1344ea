//! Pages for everyone, no account needed: the contests, and each contest's
//! leaderboard on a phone, on the hall's projector and over the livestream.
//! They render completely on the server and ship no WebAssembly.

pub mod home;
pub mod leaderboard;
