//! Teams sent on from one contest to the next, on the wire.

use serde::{Deserialize, Serialize};

/// Where a team came from, when another contest sent it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamOrigin {
    /// The contest it came from.
    pub contest_id: i64,
    /// Its team there; none for a team assembled from several.
    pub team_id: Option<i64>,
    /// The prize it won there.
    pub award: Option<String>,
    /// That contest's name (additive).
    #[serde(default)]
    pub contest_name: Option<String>,
}

/// A member picked for a team assembled from several teams.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickedMember {
    /// The team he comes from.
    pub team_id: i64,
    /// His name in that team.
    pub name: String,
}

/// A representative team assembled from members of several teams.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssembledTeam {
    /// Its name.
    pub name: String,
    /// The unit it represents.
    pub unit: String,
    /// Its members, with the team each comes from.
    pub members: Vec<PickedMember>,
}

/// `POST /contests/{cid}/advance` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvanceRequest {
    /// The finished contest the teams come from.
    pub from_contest_id: i64,
    /// Its teams sent on as they are.
    #[serde(default)]
    pub team_ids: Vec<i64>,
    /// A team assembled from members of several (additive).
    #[serde(default)]
    pub assembled: Option<AssembledTeam>,
}

/// What `POST /contests/{cid}/advance` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvanceOutcome {
    /// The teams added to the contest, with their origin.
    pub teams: Vec<crate::api::TeamView>,
}
