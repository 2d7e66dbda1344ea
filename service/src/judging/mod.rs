//! Judging: passes for the judges' tablets, the team on stage, a judge's
//! desk, score sheets, and the secretary's board with its quiz marks.

mod board;
mod desk;
pub mod paper;
mod passes;
pub mod sheets;
mod stage;
mod writer;

pub use board::{board, mark_answer};
pub use desk::{desk, panels_of};
pub use passes::{JUDGE_SESSION_TTL, PASS_TTL, issue_passes, list_passes, printable_passes, redeem, revoke_passes};
pub use stage::set_stage;
pub use writer::SheetWriter;

use crate::accounts::Actor;
use crate::accounts::access;
use crate::contests::ContestRows;
use crate::error::Result;
use kheo_domain::api::TeamLine;
use kheo_domain::i18n::Problem;

fn managed(l: &ContestRows, actor: &Actor) -> Result<()> {
    if access::manages(actor, &l.contest) { Ok(()) } else { Err(Problem::Forbidden.into()) }
}

/// The contest's teams in running order, as pick lists show them; a
/// withdrawn team is no longer scored, so it is not listed.
fn team_lines(l: &ContestRows) -> Vec<TeamLine> {
    l.teams
        .iter()
        .filter(|t| t.withdrawn_at.is_none())
        .map(|t| TeamLine { id: i64::from(t.id), name: t.name.clone(), unit: t.unit.clone(), order: t.running_order })
        .collect()
}
