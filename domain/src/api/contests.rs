//! Contests on the wire: the definition `POST /contests` takes, the contest
//! object, the list, and a round's state change.

use crate::contest::{Level, MemberRole, ModelField, ModelKind, RoundKind, RoundState};
use crate::scoring::Aggregation;
use serde::{Deserialize, Serialize};

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
    /// The unit holding it, in the tree (additive).
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// The contest its winners go on to (additive).
    #[serde(default)]
    pub parent_id: Option<i64>,
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

/// A member as written in a definition: a name, or a line with a role and
/// whatever else is known of the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MemberDef {
    /// Just the name; the role is `main`.
    Name(String),
    /// Name, role and details.
    Line(MemberLine),
}

impl MemberDef {
    /// The member's name.
    pub fn name(&self) -> &str {
        match self {
            MemberDef::Name(n) => n,
            MemberDef::Line(l) => &l.name,
        }
    }

    /// A member known by name and role only.
    pub fn with_role(name: impl Into<String>, role: MemberRole) -> MemberDef {
        MemberDef::Line(MemberLine { name: name.into(), role: role.as_str().into(), ..MemberLine::default() })
    }
}

fn main_role() -> String {
    MemberRole::Main.as_str().into()
}

/// One member of a team in a definition (additive): a line that carries
/// `id` is that stored member, and says everything about him, so a detail
/// left out is cleared; a line without `id` is a new member, or the stored
/// member of the same name, whose details stay where the line gives none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLine {
    /// The stored member this line edits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Full name.
    pub name: String,
    /// `captain` | `main` | `reserve` | `support`; `main` when left out.
    #[serde(default = "main_role")]
    pub role: String,
    /// Year of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    /// `female` | `male`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Ethnicity (dân tộc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    /// Position (chức vụ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
}

impl Default for MemberLine {
    fn default() -> MemberLine {
        MemberLine {
            id: None,
            name: String::new(),
            role: main_role(),
            birth_year: None,
            gender: None,
            ethnicity: None,
            position: None,
        }
    }
}

/// A team as written in a definition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDef {
    /// Name; may be left out when `model_id` names a registered model.
    #[serde(default)]
    pub name: String,
    /// The unit it represents; may be left out with `model_id`.
    #[serde(default)]
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
    /// Collective or individual (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_kind: Option<String>,
    /// The unit it represents, in the tree (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<i64>,
    /// Its block (khối), e.g. "Khối xã", in a contest whose teams compete
    /// in blocks (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    /// The stored team this line edits, when the set-up page saves it; a
    /// team keeps its id, and what only the database holds (members'
    /// details, origin), across saves (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// A registered model this team presents: its name, unit, field and
    /// kind fill what the line leaves out (the register of models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_id: Option<i64>,
}

/// A judge who does not score a team (xung đột lợi ích): a judge from the
/// team's own village, say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictView {
    /// Judge.
    pub judge_id: i64,
    /// Team.
    pub team_id: i64,
    /// Why, for the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
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
    /// Organising unit; may be left out when `unit_id` names it.
    #[serde(default)]
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
    /// The unit holding the contest; its name becomes `unit` (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<i64>,
    /// The contest this one's winners go on to: the next level's, or the
    /// final of its clusters (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
    /// Prizes in order with their counts; the usual scheme when absent
    /// (season addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awards: Option<Vec<crate::awards::PrizeDef>>,
    /// Side prizes: the best of a round, or given by the organisers
    /// (additive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub side_prizes: Vec<crate::awards::SidePrizeDef>,
    /// Rounds in order.
    pub rounds: Vec<RoundDef>,
    /// Teams.
    #[serde(default)]
    pub teams: Vec<TeamDef>,
    /// Panel: user names of judges.
    #[serde(default)]
    pub judges: Vec<JudgeDef>,
    /// Judges in training (giám khảo học việc): user names of judges who
    /// score for practice; their sheets never count (additive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainees: Vec<String>,
    /// The spread of one team's sheet totals in a round at which the chair
    /// is warned before the round is locked (e.g. "20"; additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divergence_points: Option<String>,
    /// `contest` (the default) or `recognition`: a council judging
    /// registered models (the register of models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// The total at or above which a council recognises a model, e.g. "70".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognition_threshold: Option<String>,
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
    /// The model: name, field, kind (season addition).
    #[serde(default)]
    pub model: Option<crate::api::TeamModel>,
    /// Where it came from, when another contest sent it on (season addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::api::TeamOrigin>,
    /// The unit it represents, in the tree (additive).
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// Withdrawn from the contest: kept in the records, out of the
    /// standings (additive).
    #[serde(default)]
    pub withdrawn: bool,
    /// Its block (khối), when the contest's teams compete in blocks
    /// (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    /// Every member with his id and details (year of birth, gender,
    /// ethnicity, position), for the contest's organisers only: the public
    /// object carries no private data (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_details: Option<Vec<MemberLine>>,
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
    /// Judges in training: they score beside the panel, never counted
    /// (additive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainees: Vec<JudgeView>,
    /// Conflicts of interest: a judge who does not score a team (its
    /// organisers only; additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<Vec<ConflictView>>,
    /// The spread warning's threshold, when set (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divergence_points: Option<String>,
    /// The unit holding it, in the tree (additive).
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// The contest its winners go on to (additive).
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Prizes in order with their counts (additive).
    #[serde(default)]
    pub awards: Vec<crate::awards::PrizeDef>,
    /// Side prizes (additive).
    #[serde(default)]
    pub side_prizes: Vec<crate::awards::SidePrizeDef>,
    /// The round under way and the team on stage, once the organiser calls one.
    #[serde(default)]
    pub stage: Option<crate::standings::Stage>,
    /// `recognition` for a council judging registered models (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// A council's threshold (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognition_threshold: Option<String>,
}

/// `PUT …/state` body.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct StateChange {
    /// `open`, `locked` or `published`.
    pub state: String,
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

/// What stands between a round and its closing, for the organiser who is
/// about to lock it: each judge's sheet not sent, or each quiz answer not
/// marked, for the teams still in the contest (additive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundGaps {
    /// The round.
    pub round_id: i64,
    /// Its name.
    pub round: String,
    /// What it lacks to be opened at all.
    #[serde(default)]
    pub lack: Option<crate::completeness::RoundLack>,
    /// The sheets or marks still missing.
    pub missing: Vec<Gap>,
}

/// One missing sheet (a judge, a team) or one unmarked answer (a question,
/// a team).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// The team.
    pub team_id: i64,
    /// Its name.
    pub team: String,
    /// The judge who has not scored it, by name.
    #[serde(default)]
    pub judge: Option<String>,
    /// The question not marked, numbered from 1.
    #[serde(default)]
    pub question: Option<u32>,
}

/// The organiser's checklist (page data, not part of the public API): each
/// step of the season in order, ticked from what is stored, for one
/// contest (the one asked for, or the newest the organiser runs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    /// The contest its later steps are about, if there is one.
    pub contest_id: Option<i64>,
    /// Its name.
    pub contest_name: Option<String>,
    /// Each step and whether it is done.
    pub steps: Vec<(crate::checklist::Step, bool)>,
    /// Whether the reader is an admin (who alone edits the units).
    pub admin: bool,
}

/// A model as the contest object shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamModel {
    /// Name.
    pub name: String,
    /// Field.
    pub field: Option<ModelField>,
    /// Collective or individual.
    pub kind: Option<ModelKind>,
    /// The registered model, when the team presents one (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
}

/// A correction to a team once its contest has begun: names, the unit, and
/// members' names and roles (a reserve swapped in). Ids stay as they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCorrection {
    /// The team's name.
    pub name: String,
    /// The unit it represents.
    pub unit: String,
    /// Members in order: name and role.
    pub members: Vec<crate::api::MemberView>,
}
