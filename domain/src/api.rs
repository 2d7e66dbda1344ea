//! The shapes of the public contract (`shared/api-v1.md`), shared by the
//! server, the pages and the tests. Points travel as decimal strings.

use crate::contest::{Level, MemberRole, ModelField, RoundKind, RoundState};
use crate::scoring::Aggregation;
use crate::user::Role;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A signed-in user as the API shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    /// User id.
    pub id: i64,
    /// User name.
    pub username: String,
    /// Name shown to people.
    pub display_name: String,
    /// Role.
    pub role: Role,
}

/// `POST /session` body.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SignIn {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// `POST /users` body.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct NewUser {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Name shown to people; the user name when absent.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Role.
    pub role: String,
    /// The unit an organiser works for (additive).
    #[serde(default)]
    pub unit: Option<String>,
}

/// A contest in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestSummary {
    /// Contest id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Level.
    pub level: Level,
    /// Organising unit.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// Date, ISO (additive).
    #[serde(default)]
    pub date: Option<String>,
}

/// `GET /contests`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestList {
    /// Newest first.
    pub contests: Vec<ContestSummary>,
}

/// An over-time rule as written in a definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OvertimeDef {
    /// Points per started minute over the limit.
    pub per_started_minute: String,
    /// Seconds over the limit that are forgiven.
    #[serde(default)]
    pub grace_seconds: u32,
}

/// A criterion as written in a definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionDef {
    /// Name.
    pub name: String,
    /// Maximum points, a decimal string.
    pub max_points: String,
    /// Allowed step (e.g. "0.25"); the round's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}

/// A quiz question as written in a definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDef {
    /// The question.
    pub prompt: String,
    /// Choices for a multiple-choice question; empty for a short answer.
    #[serde(default)]
    pub options: Vec<String>,
    /// The right answer (a letter or the expected text).
    pub answer: String,
    /// Points for a right answer.
    pub points: String,
}

/// A round as written in a definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDef {
    /// Name.
    pub name: String,
    /// `judged` (default) or `quiz`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Time limit in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_seconds: Option<u32>,
    /// Over-time deduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overtime: Option<OvertimeDef>,
    /// Allowed step for every criterion of the round (e.g. "0.5").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Rubric of a judged round.
    #[serde(default)]
    pub criteria: Vec<CriterionDef>,
    /// Questions of a quiz round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionDef>,
}

/// A member as written in a definition: a name, or a name with a role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MemberDef {
    /// Just the name; the role is `member`.
    Name(String),
    /// Name and role.
    WithRole {
        /// Full name.
        name: String,
        /// Role in the team.
        role: String,
    },
}

impl MemberDef {
    /// The member's name.
    pub fn name(&self) -> &str {
        match self {
            MemberDef::Name(n) | MemberDef::WithRole { name: n, .. } => n,
        }
    }
}

/// A team as written in a definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDef {
    /// Name.
    pub name: String,
    /// The unit it represents.
    pub unit: String,
    /// Members.
    #[serde(default)]
    pub members: Vec<MemberDef>,
    /// The "Dân vận khéo" model it presents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_name: Option<String>,
    /// That model's field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_field: Option<String>,
}

/// A judge as written in a definition: a user name, or one with options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum JudgeDef {
    /// A user name.
    Username(String),
    /// A user name with a chair flag.
    WithOptions {
        /// User name.
        username: String,
        /// Trưởng ban giám khảo.
        #[serde(default)]
        chair: bool,
    },
}

impl JudgeDef {
    /// The judge's user name.
    pub fn username(&self) -> &str {
        match self {
            JudgeDef::Username(u) | JudgeDef::WithOptions { username: u, .. } => u,
        }
    }

    /// Whether this judge chairs the panel.
    pub fn chair(&self) -> bool {
        matches!(self, JudgeDef::WithOptions { chair: true, .. })
    }
}

/// `POST /contests` body: a whole contest in one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestDefinition {
    /// Name.
    pub name: String,
    /// `commune`, `district` or `province`.
    pub level: String,
    /// Organising unit.
    pub unit: String,
    /// ISO date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Venue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// `mean` (default) or `trimmed_mean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<String>,
    /// 0-based indexes into `rounds`.
    #[serde(default)]
    pub tie_break_rounds: Vec<i64>,
    /// The contest whose winners go through to this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualified_from: Option<i64>,
    /// Rounds in order.
    pub rounds: Vec<RoundDef>,
    /// Teams.
    #[serde(default)]
    pub teams: Vec<TeamDef>,
    /// Panel: user names of judges.
    #[serde(default)]
    pub judges: Vec<JudgeDef>,
}

/// A criterion in the contest object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Maximum.
    pub max_points: String,
    /// Allowed step, if any.
    pub step: Option<String>,
}

/// A question in the contest object (answers only for organisers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    /// Id.
    pub id: i64,
    /// The question.
    pub prompt: String,
    /// Choices.
    pub options: Vec<String>,
    /// Points.
    pub points: String,
}

/// A round in the contest object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Judged or quiz.
    pub kind: RoundKind,
    /// State.
    pub state: RoundState,
    /// Time limit in seconds.
    pub time_limit_seconds: Option<u32>,
    /// Over-time deduction.
    pub overtime: Option<OvertimeDef>,
    /// Step for the round's criteria.
    pub step: Option<String>,
    /// Rubric.
    pub criteria: Vec<CriterionView>,
    /// Quiz questions.
    pub questions: Vec<QuestionView>,
}

impl RoundView {
    /// The round a staff page opens on: the one under way, else the first.
    pub fn under_way<'a>(rounds: impl IntoIterator<Item = &'a RoundView>) -> Option<i64> {
        let mut first = None;
        for r in rounds {
            if r.state == RoundState::Open {
                return Some(r.id);
            }
            first = first.or(Some(r.id));
        }
        first
    }
}

/// A team in the contest object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Unit represented.
    pub unit: String,
    /// Running order.
    pub order: i32,
    /// Members' names, captain first.
    pub members: Vec<String>,
    /// Members with roles (additive).
    pub member_roles: Vec<MemberView>,
    /// The model presented.
    pub model_name: Option<String>,
    /// Its field.
    pub model_field: Option<ModelField>,
}

/// A member with his role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// Full name.
    pub name: String,
    /// Role.
    pub role: MemberRole,
}

/// A judge in the contest object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgeView {
    /// User id.
    pub id: i64,
    /// User name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Chairs the panel.
    pub chair: bool,
}

/// The contest object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Level.
    pub level: Level,
    /// Organising unit.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// ISO date.
    pub date: Option<String>,
    /// Venue.
    pub venue: Option<String>,
    /// Aggregation rule.
    pub aggregation: Aggregation,
    /// Tie-break rounds, 0-based.
    pub tie_break_rounds: Vec<i64>,
    /// The contest its teams qualified from.
    pub qualified_from: Option<i64>,
    /// Rounds in order.
    pub rounds: Vec<RoundView>,
    /// Teams in running order.
    pub teams: Vec<TeamView>,
    /// Panel.
    pub judges: Vec<JudgeView>,
    /// The round under way and the team on stage, once the organiser calls one.
    #[serde(default)]
    pub stage: Option<crate::standings::Stage>,
}

/// `PUT …/state` body.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct StateChange {
    /// `open`, `locked` or `published`.
    pub state: String,
}

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

/// One line of the audit log, as the organiser reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    /// RFC 3339, in Vietnam's time (UTC+7): the hall's clock.
    pub at: String,
    /// Who (user name), or none for the command line.
    pub who: Option<String>,
    /// The session it came from.
    pub session_id: Option<i64>,
    /// What: `sheet.submit`, `sheet.amend`, `round.reopen`…
    pub action: String,
    /// The round concerned, when there is one.
    pub round_id: Option<i64>,
    /// The team concerned, when there is one.
    pub team_id: Option<i64>,
    /// The value before, read with names.
    pub before: Option<crate::audit::AuditValue>,
    /// The value after, read with names.
    pub after: Option<crate::audit::AuditValue>,
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn round(id: i64, state: RoundState) -> RoundView {
        RoundView {
            id,
            name: format!("Phần thi {id}"),
            kind: RoundKind::Judged,
            state,
            time_limit_seconds: None,
            overtime: None,
            step: None,
            criteria: vec![],
            questions: vec![],
        }
    }

    #[test]
    fn staff_pages_open_on_the_round_under_way_else_the_first() {
        use RoundState::*;
        assert_eq!(RoundView::under_way(&[round(1, Locked), round(2, Open), round(3, Draft)]), Some(2));
        assert_eq!(RoundView::under_way(&[round(1, Published), round(2, Draft)]), Some(1));
        assert_eq!(RoundView::under_way(&[]), None);
    }
}
