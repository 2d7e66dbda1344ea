//! Pages for organisers (Ban tổ chức, thư ký): their contests, setting one
//! up, registration, running it (rounds, stage, judges' passes), the
//! secretary's board, the paper desk, corrections, teams from the contests below, results
//! and the award ceremony.

pub mod advance;
pub mod board;
pub mod ceremony;
pub mod checklist;
pub mod conflicts;
pub mod contest;
pub mod model_calls;
pub mod models;
pub mod paper_desk;
pub mod passes;
pub mod quiz;
pub mod registration;
pub mod results;
pub mod setup;
pub mod teams;
pub mod vote;
