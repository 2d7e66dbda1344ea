//! Khéo's services, a folder per area of the domain: `accounts` (sessions,
//! the sign-in throttle, access), `contests` (definitions and set-up),
//! `judging` (passes, the desk, sheets, the secretary's board),
//! `standings` (the inputs of the ranking and the live fan-out) and
//! `audit`. Every function takes the acting user and checks, on the server,
//! that he may act on that object. Handlers stay thin: they parse, call one
//! function here and map the error.

pub mod accounts;
pub mod audit;
pub mod backups;
pub mod checklist;
pub mod contests;
pub mod db;
pub mod demo;
pub mod entity;
pub mod error;
pub mod journal;
pub mod judging;
pub mod ledger;
pub mod models;
pub mod records;
pub mod registration;
pub mod restore;
pub mod results;
pub mod show;
pub mod spreadsheet;
pub mod standings;
pub mod statistics;
pub mod storage;
pub mod units;

pub use accounts::{Actor, Throttle};
pub use db::Db;
pub use error::{Error, Result};
pub use standings::live::Hub;

/// What the server shares between requests.
#[derive(Clone)]
pub struct Services {
    /// The database.
    pub db: Db,
    /// Live standings, one channel per contest.
    pub hub: Hub,
    /// Failed sign-in throttle.
    pub throttle: Throttle,
    /// The one writer of score sheets.
    pub sheet_writer: judging::SheetWriter,
    /// The audience's devices and the vote's pace per address.
    pub audience: show::Audience,
    /// Each contest's prizes for the season's statistics.
    pub prizes: statistics::KeptPrizes,
}

impl Services {
    /// Services over an open database.
    pub fn new(db: Db) -> Self {
        let hub = standings::hub(db.clone());
        Services {
            sheet_writer: judging::SheetWriter::new(db.clone(), hub.clone()),
            hub,
            db,
            throttle: Throttle::default(),
            audience: show::Audience::default(),
            prizes: statistics::KeptPrizes::default(),
        }
    }
}
