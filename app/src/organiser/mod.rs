//! Pages for organisers (Ban tổ chức, thư ký): their contests, setting one
//! up, running it (rounds, stage, judges' passes) and the secretary's board.

pub mod board;
pub mod contest;
pub mod passes;
pub mod setup;
