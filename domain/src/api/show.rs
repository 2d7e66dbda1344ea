//! The show in the hall on the wire: the MC's cue for the quiz on the
//! projector, the audience's answers and their leaderboard, the audience's
//! vote and what its organisers see of it.

use crate::show::{PlayerLine, QuizShow, VoteState};
use serde::{Deserialize, Serialize};

/// `PUT /contests/{cid}/rounds/{rid}/quiz`: the MC shows a question,
/// reveals its answer, or takes it off the screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizCue {
    /// The question.
    pub question_id: i64,
    /// `shown`, `revealed` or `closed`.
    pub phase: String,
    /// The countdown, when shown (none: untimed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u32>,
}

/// What the cue put on the projector.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizCueView {
    /// As the standings now carry it.
    pub quiz: QuizShow,
}

/// `POST /contests/{cid}/play`: an audience member's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayAnswer {
    /// The question on screen.
    pub question_id: i64,
    /// A letter (A, B, …) or a short answer.
    pub choice: String,
    /// The name the audience's leaderboard shows.
    pub nickname: String,
}

/// The answer taken: the device's first answer to that question, which is
/// the one that counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayTaken {
    /// The question.
    pub question_id: i64,
    /// The choice that counts (the first one sent from this device).
    pub choice: String,
    /// Whether this request's choice is that first one.
    pub first: bool,
}

/// `GET /contests/{cid}/play/leaderboard`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayBoard {
    /// The audience's best (the top ten), ranked.
    pub players: Vec<PlayerLine>,
    /// Answers received in all.
    pub answers: u64,
    /// The asking device's own line, once it has played (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub me: Option<PlayerLine>,
    /// The asking device's result on the last revealed question: right or
    /// wrong, and the points it won (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<PlayResult>,
}

/// A device's result on one revealed question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayResult {
    /// The question.
    pub question_id: i64,
    /// The choice that counted.
    pub choice: String,
    /// Right.
    pub correct: bool,
    /// Points won, two decimals.
    pub points: String,
}

/// `PUT /contests/{cid}/vote`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteSwitch {
    /// Open or close it.
    pub open: bool,
    /// The side prize it gives ("Đội được khán giả yêu thích nhất").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prize_name: Option<String>,
}

/// The vote's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteStatus {
    /// Phones may vote.
    pub open: bool,
    /// The side prize it gives.
    pub prize_name: Option<String>,
    /// `off` (never opened), `open` or `closed` (additive).
    pub state: VoteState,
}

/// `POST /contests/{cid}/votes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// The team voted for.
    pub team_id: i64,
}

/// The vote the device now holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotTaken {
    /// The team.
    pub team_id: i64,
    /// Whether it moved this device's earlier vote.
    pub moved: bool,
}

/// One team's votes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamVotes {
    /// Team id.
    pub team_id: i64,
    /// Votes counted (voided ones are not).
    pub votes: u64,
    /// Its name (additive).
    pub name: String,
}

/// `GET /contests/{cid}/votes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteTally {
    /// Phones may still vote.
    pub open: bool,
    /// Votes counted.
    pub total: u64,
    /// Every team, most voted first.
    pub teams: Vec<TeamVotes>,
    /// The side prize, when named (additive).
    pub prize_name: Option<String>,
    /// `off`, `open` or `closed` (additive).
    pub state: VoteState,
}

/// One network address the votes came from, as the organisers watch for
/// bursts (`GET /contests/{cid}/votes/addresses`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteAddress {
    /// The address.
    pub address: String,
    /// Votes from it still counted.
    pub votes: u64,
    /// Its votes voided.
    pub voided: u64,
    /// The most votes it cast within any minute.
    pub busiest_minute: u64,
    /// Why its votes were voided, when they were.
    pub reason: Option<String>,
}

/// `POST /contests/{cid}/votes/void`: voids every vote from an address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidAddress {
    /// The address.
    pub address: String,
    /// Why (kept in the change log).
    pub reason: String,
}

/// What voiding did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voided {
    /// The address.
    pub address: String,
    /// Votes voided.
    pub voided: u64,
}

/// `GET /time`: the server's clock, for every screen to end a countdown at
/// the same moment whatever its own clock says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerTime {
    /// Milliseconds since the Unix epoch.
    pub now_ms: i64,
}
