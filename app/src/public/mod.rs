//! Pages for everyone, no account needed: the contests, and each contest's
//! leaderboard on a phone, on the hall's projector and over the livestream.
//! Results, the score ledger, statistics and the archive too. They render completely on the
//! server and ship no WebAssembly.

pub mod archive;
pub mod home;
pub mod leaderboard;
pub mod ledger;
pub mod model_statistics;
pub mod models;
pub mod results;
pub mod show;
pub mod statistics;
