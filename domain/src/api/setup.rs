//! What the organiser's set-up page edits, and a team sheet's import report.

use super::ContestDefinition;
use serde::{Deserialize, Serialize};

/// A judge's account that can be put on a panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgeAccount {
    /// User name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
}

/// What the organiser's set-up page edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupView {
    /// Contest id.
    pub id: i64,
    /// The whole definition, teams in running order.
    pub definition: ContestDefinition,
    /// A round has been opened: the definition can no longer change.
    pub started: bool,
    /// The teams' ids, in the order of `definition.teams`.
    pub team_ids: Vec<i64>,
    /// Judges' accounts that may sit on the panel.
    pub judge_accounts: Vec<JudgeAccount>,
    /// The contests this one may feed (its parent's choices).
    #[serde(default)]
    pub contests: Vec<super::ContestSummary>,
}

/// One bad cell of an imported team sheet, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFault {
    /// Line in the sheet (1 is the header).
    pub line: usize,
    /// The column's heading.
    pub column: String,
    /// What is wrong.
    pub message: String,
}

/// The outcome of importing a team sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Teams added (0 when any cell was bad).
    pub added: usize,
    /// Bad cells; empty when the import went through.
    pub faults: Vec<ImportFault>,
    /// The set-up with the new teams, when the import went through.
    pub setup: Option<SetupView>,
}
