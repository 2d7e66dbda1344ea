//! Judging on the wire: sheets, judges' passes, the judge's desk and the
//! secretary's board.

use super::{JudgeView, RoundView};
use crate::contest::{RoundKind, RoundState};
use crate::paper::SheetSource;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `PUT …/sheet` body.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SheetSubmission {
    /// Criterion id → points.
    pub scores: BTreeMap<String, serde_json::Value>,
    /// The tablet's own version counter for this sheet (additive): an older
    /// version arriving late never overwrites a newer one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_version: Option<i64>,
}

/// A stored sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetView {
    /// Judge.
    pub judge_id: i64,
    /// Team.
    pub team_id: i64,
    /// Round.
    pub round_id: i64,
    /// Criterion id → points.
    pub scores: BTreeMap<String, String>,
    /// Sheet total.
    pub total: String,
    /// Where the sheet came from (additive).
    #[serde(default)]
    pub source: SheetSource,
    /// A paper sheet's first typist (username).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered_by: Option<String>,
    /// A paper sheet's second typist, who confirmed it (username).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_by: Option<String>,
}

/// A paper sheet typed once, waiting for a second person's typing. Its
/// marks are not shown: the second person types blind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperTyping {
    /// Judge whose paper sheet it is.
    pub judge_id: i64,
    /// Team.
    pub team_id: i64,
    /// Round.
    pub round_id: i64,
    /// Always `awaiting_confirmation`.
    pub status: String,
    /// Who typed it (username).
    pub entered_by: String,
}

/// What one typing at the paper desk did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaperOutcome {
    /// It waits for a second person; `replaced` when it replaced the same
    /// person's earlier typing.
    Waiting { replaced: bool },
    /// A second person typed the same marks: the sheet counts.
    Counted { total: String },
    /// The two typings differ on these criteria: nothing counts.
    Differs { criteria: Vec<i64> },
}

/// A sheet in a round's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetListItem {
    /// Judge.
    pub judge_id: i64,
    /// Judge's user name.
    pub judge_username: String,
    /// Team.
    pub team_id: i64,
    /// Criterion id → points.
    pub scores: BTreeMap<String, String>,
    /// Sheet total.
    pub total: String,
    /// RFC 3339.
    pub updated_at: String,
    /// Where the sheet came from.
    #[serde(default)]
    pub source: SheetSource,
    /// A paper sheet's first typist (username).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered_by: Option<String>,
    /// A paper sheet's second typist (username).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_by: Option<String>,
    /// A judge in training's sheet: never counted.
    #[serde(default)]
    pub trainee: bool,
}

/// A freshly issued judge's pass: shown once, to print or to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewJudgePass {
    /// Judge.
    pub judge_id: i64,
    /// User name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// The one-time link, `/j/<token>`.
    pub link_path: String,
    /// The six-digit PIN.
    pub pin: String,
}

/// A judge's pass in the organiser's list (no secrets).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgePassView {
    /// Judge.
    pub judge_id: i64,
    /// User name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Chairs the panel.
    pub chair: bool,
    /// When the newest pass was issued.
    pub issued_at: Option<String>,
    /// Whether it can still be used.
    pub active: bool,
}

/// A team as pick lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamLine {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Unit represented.
    pub unit: String,
    /// Running order.
    pub order: i32,
}

/// A judged round on a judge's desk, with his own sheets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskRound {
    /// The round and its rubric.
    pub round: RoundView,
    /// Team id → criterion id → points, of this judge's sheets.
    pub sheets: BTreeMap<String, BTreeMap<String, String>>,
}

/// What a judge's tablet shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgeDesk {
    /// Contest id.
    pub contest_id: i64,
    /// Contest name.
    pub contest_name: String,
    /// The judge's user id.
    pub judge_id: i64,
    /// The judge's name.
    pub judge_name: String,
    /// Standings version this was read at.
    pub version: i64,
    /// Judged rounds in order.
    pub rounds: Vec<DeskRound>,
    /// Teams in running order.
    pub teams: Vec<TeamLine>,
    /// What is on stage.
    pub stage: Option<crate::standings::Stage>,
    /// For the chair only: the teams whose judges' totals spread by at
    /// least the contest's `divergence_points`, in the rounds still open.
    #[serde(default)]
    pub divergent: Vec<DivergentTeam>,
}

/// A team whose judges' totals in a round spread by at least the contest's
/// `divergence_points`: the chair looks again before the round is locked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DivergentTeam {
    /// Round.
    pub round_id: i64,
    /// Team.
    pub team_id: i64,
    /// Highest total less the lowest.
    pub spread: String,
}

/// One submitted sheet on the secretary's board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardCell {
    /// Team.
    pub team_id: i64,
    /// Judge.
    pub judge_id: i64,
    /// Sheet total.
    pub total: String,
    /// RFC 3339.
    pub updated_at: String,
    /// Where the sheet came from.
    #[serde(default)]
    pub source: SheetSource,
    /// A paper sheet's first typist (username).
    #[serde(default)]
    pub entered_by: Option<String>,
    /// A paper sheet's second typist (username).
    #[serde(default)]
    pub confirmed_by: Option<String>,
}

/// The secretary's board for one round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardView {
    /// Contest id.
    pub contest_id: i64,
    /// Contest name.
    pub contest_name: String,
    /// Standings version this was read at.
    pub version: i64,
    /// Every round: id, name, state.
    pub rounds: Vec<(i64, String, RoundState)>,
    /// The round shown.
    pub round_id: i64,
    /// Its state.
    pub state: RoundState,
    /// The panel.
    pub judges: Vec<JudgeView>,
    /// Teams in running order.
    pub teams: Vec<TeamLine>,
    /// Sheets in.
    pub cells: Vec<BoardCell>,
    /// Judged or quiz.
    #[serde(default = "judged")]
    pub kind: RoundKind,
    /// A quiz round's questions, with their answers (organisers only).
    #[serde(default)]
    pub questions: Vec<QuizQuestion>,
    /// A quiz round's marks so far.
    #[serde(default)]
    pub marks: Vec<QuizMark>,
    /// Paper sheets typed once, waiting for a second person (no marks).
    #[serde(default)]
    pub waiting: Vec<PaperTyping>,
    /// Judges in training, shown apart: their sheets never count.
    #[serde(default)]
    pub trainees: Vec<JudgeView>,
    /// `(judge, team)`: a judge who does not score that team.
    #[serde(default)]
    pub conflicts: Vec<(i64, i64)>,
    /// The spread of a team's totals that warns the chair, when set.
    #[serde(default)]
    pub divergence_points: Option<String>,
}

impl BoardView {
    /// The sheet a judge has sent for a team, if any.
    pub fn cell(&self, judge: i64, team: i64) -> Option<&BoardCell> {
        self.cells.iter().find(|c| c.judge_id == judge && c.team_id == team)
    }

    /// The paper typing of that sheet waiting for a second person, if any.
    pub fn waiting_for(&self, judge: i64, team: i64) -> Option<&PaperTyping> {
        self.waiting.iter().find(|w| w.judge_id == judge && w.team_id == team)
    }
}

fn judged() -> RoundKind {
    RoundKind::Judged
}

/// A quiz question on the secretary's board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizQuestion {
    /// Id.
    pub id: i64,
    /// The question.
    pub prompt: String,
    /// Choices; empty for a short answer.
    pub options: Vec<String>,
    /// The right answer.
    pub answer: String,
    /// Points for a right answer.
    pub points: String,
}

/// A team's answer to a question, marked right or wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizMark {
    /// Team.
    pub team_id: i64,
    /// Question.
    pub question_id: i64,
    /// Answered right.
    pub correct: bool,
}
