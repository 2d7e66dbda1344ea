//! Results on the wire: the standings with their prizes, and the award
//! ceremony's reveals.

use crate::standings::{ContestHeader, RoundHeader, StandingRow};
use serde::{Deserialize, Serialize};

/// A team named for a prize.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardTeam {
    /// Team id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// The unit it represents.
    pub unit: String,
    /// Its rank.
    pub rank: u32,
    /// Its total, two decimals.
    pub total: String,
    /// For a round's best: its score in that round, two decimals (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<String>,
    /// Its block (khối), when the teams compete in blocks: a prize step of
    /// the ceremony names each winner's block (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
}

/// A prize and its winners.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardGroup {
    /// The prize's name.
    pub name: String,
    /// Its winners, in rank order.
    pub teams: Vec<AwardTeam>,
    /// The block (khối) it is given in, when the contest's teams compete
    /// in blocks: each block has its own prizes (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
}

/// One announcement of the award ceremony.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reveal {
    /// Its number, from 1.
    pub step: usize,
    /// A side prize (announced first) or a main prize.
    pub side: bool,
    /// The prize's name.
    pub prize: String,
    /// The winners announced together (teams tied on a rank).
    pub teams: Vec<AwardTeam>,
}

/// The ceremony as the public follows it (in the standings, additive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ceremony {
    /// Results are kept for the ceremony: scores stay hidden until the last
    /// reveal.
    pub sealed: bool,
    /// How many announcements there are.
    pub steps: usize,
    /// The announcements made so far, in order.
    pub revealed: Vec<Reveal>,
}

/// `GET /contests/{cid}/results`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsView {
    /// Every round is published (and, for the public, the ceremony is over).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// The standings' lines, as the leaderboard gives them.
    pub standings: Vec<StandingRow>,
    /// Main prizes in order, with their winners.
    pub awards: Vec<AwardGroup>,
    /// Side prizes, with their winners.
    pub side_prizes: Vec<AwardGroup>,
    /// The contest (additive).
    pub contest: ContestHeader,
    /// Its rounds (additive).
    pub rounds: Vec<RoundHeader>,
    /// The ceremony's progress, when results are kept for it (additive).
    #[serde(default)]
    pub ceremony: Option<Ceremony>,
}

/// The paperwork's settings: who signs the record, and how certificates
/// read. Every field is the organiser's to change; empty ones are left
/// blank on paper to fill by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paperwork {
    /// Where the record is signed: "Nông Thượng" (… , ngày … tháng … năm …).
    #[serde(default)]
    pub place: String,
    /// Trưởng Ban giám khảo.
    #[serde(default)]
    pub jury_head: String,
    /// Thư ký.
    #[serde(default)]
    pub secretary: String,
    /// Trưởng Ban tổ chức.
    #[serde(default)]
    pub committee_head: String,
    /// The body issuing certificates: "BAN DÂN VẬN ĐẢNG ỦY XÃ NÔNG THƯỢNG".
    #[serde(default)]
    pub issuer: String,
    /// The decision awarding the prizes: "45-QĐ/BDV".
    #[serde(default)]
    pub decision_number: String,
    /// Its date, ISO.
    #[serde(default)]
    pub decision_date: String,
    /// The signer's title on certificates: "TRƯỞNG BAN".
    #[serde(default)]
    pub signer_title: String,
    /// The signer's name.
    #[serde(default)]
    pub signer_name: String,
    /// The certificate's wording, with `{doi}`, `{don_vi}`, `{giai}`,
    /// `{hoi_thi}`, `{tong_diem}`, `{ten}` (a member) filled in.
    #[serde(default)]
    pub certificate_text: String,
}

/// A criterion as the record heads its column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCriterion {
    /// Criterion id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Maximum.
    pub max_points: String,
}

/// One judge's sheet for one team, as the record prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSheet {
    /// The judge.
    pub judge_id: i64,
    /// Points per criterion, in the rubric's order; none where no sheet.
    pub scores: Vec<Option<String>>,
    /// The sheet's total; none where no sheet.
    pub total: Option<String>,
    /// A sheet typed from paper: who typed it and who confirmed it
    /// (usernames; additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<(String, String)>,
}

/// One team in one round of the record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordLine {
    /// Team id.
    pub team_id: i64,
    /// Team name.
    pub team: String,
    /// Its unit.
    pub unit: String,
    /// Running order.
    pub order: i32,
    /// Withdrawn from the contest.
    pub withdrawn: bool,
    /// Every judge's sheet, in the panel's order (judged rounds).
    pub sheets: Vec<RecordSheet>,
    /// Answers right out of questions asked (quiz rounds).
    pub quiz: Option<(usize, usize)>,
    /// The aggregation before deductions.
    pub raw: Option<String>,
    /// Seconds over the time limit.
    pub over_seconds: u32,
    /// Points deducted for them.
    pub deduction: String,
    /// The round score.
    pub score: Option<String>,
    /// The sheets of the judges in training, who never count (additive).
    #[serde(default)]
    pub trainee_sheets: Vec<RecordSheet>,
}

/// One round of the record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRound {
    /// Round id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Judged or quiz.
    pub kind: crate::contest::RoundKind,
    /// State.
    pub state: crate::contest::RoundState,
    /// The rubric.
    pub criteria: Vec<RecordCriterion>,
    /// Teams in running order.
    pub lines: Vec<RecordLine>,
}

/// The signed record of a contest (biên bản tổng hợp điểm).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordView {
    /// The contest.
    pub contest: crate::api::ContestView,
    /// Every round with every judge's sheet.
    pub rounds: Vec<RecordRound>,
    /// The standings.
    pub standings: Vec<StandingRow>,
    /// Main prizes.
    pub awards: Vec<AwardGroup>,
    /// Side prizes.
    pub side_prizes: Vec<AwardGroup>,
    /// Who signs, and the certificate's wording.
    pub paperwork: Paperwork,
    /// Every round is published.
    pub is_final: bool,
    /// The score ledger's head hash, to match paper to ledger (when kept).
    #[serde(default)]
    pub ledger_head: Option<String>,
}

/// Contests by level.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelCounts {
    /// Commune contests.
    pub commune: usize,
    /// District contests.
    pub district: usize,
    /// Province contests.
    pub province: usize,
}

/// Models by field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldCounts {
    /// Kinh tế.
    pub economy: usize,
    /// Văn hóa - xã hội.
    pub culture_society: usize,
    /// Quốc phòng - an ninh.
    pub defence_security: usize,
    /// Xây dựng hệ thống chính trị.
    pub political_system: usize,
}

/// Contestants by gender.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenderCounts {
    /// Nữ.
    pub female: usize,
    /// Nam.
    pub male: usize,
    /// Not given.
    pub unknown: usize,
}

/// `GET /statistics?year=YYYY[&unit_id=N]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatisticsView {
    /// The year.
    pub year: i32,
    /// The unit (and the units under it), when one was asked for (additive).
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// Contests by level.
    pub contests: LevelCounts,
    /// Teams taking part.
    pub teams: usize,
    /// Their members.
    pub members: usize,
    /// Models by field.
    pub models: FieldCounts,
    /// Collective models.
    pub collective: usize,
    /// Individual models.
    pub individual: usize,
    /// Main prizes given, by name.
    pub prizes: std::collections::BTreeMap<String, usize>,
    /// Contestants by gender (additive).
    #[serde(default)]
    pub genders: GenderCounts,
    /// Contestants by ethnicity, where known (additive).
    #[serde(default)]
    pub ethnicities: std::collections::BTreeMap<String, usize>,
}

/// The MC's view of the ceremony (organisers only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CeremonyDesk {
    /// The contest's name.
    pub contest_name: String,
    /// Results are kept for the ceremony.
    pub sealed: bool,
    /// Every round is published.
    pub is_final: bool,
    /// Announcements made so far.
    pub revealed: usize,
    /// Every announcement, in order.
    pub steps: Vec<Reveal>,
}
