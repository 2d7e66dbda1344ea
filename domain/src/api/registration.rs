//! Registration by invitation on the wire: the call, the invitations, a
//! unit's entry, the organiser's decision.

use crate::contest::{Level, MemberRole, ModelField, ModelKind};
use crate::registration::{Gender, InvitationStatus};
use serde::{Deserialize, Serialize};

/// `POST /contests/{cid}/invitations` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRequest {
    /// When the links stop accepting changes, RFC 3339.
    pub deadline: String,
    /// The units invited.
    #[serde(default)]
    pub unit_ids: Vec<i64>,
}

/// One invited unit, as the organiser's desk lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    /// Invitation id.
    pub id: i64,
    /// The unit.
    pub unit_id: i64,
    /// Its name.
    pub unit: String,
    /// The link's secret.
    pub token: String,
    /// The link to give the unit.
    pub url: String,
    /// Where it stands.
    pub status: InvitationStatus,
    /// The team's name, once the unit has written one (additive).
    #[serde(default)]
    pub team_name: Option<String>,
    /// How many members the entry lists (additive).
    #[serde(default)]
    pub members: usize,
    /// Why it was returned, while returned (additive).
    #[serde(default)]
    pub reason: Option<String>,
    /// The last change by the unit or the organiser, RFC 3339 (additive).
    #[serde(default)]
    pub updated_at: Option<String>,
    /// The team it became, once approved (additive).
    #[serde(default)]
    pub team_id: Option<i64>,
}

/// `GET /contests/{cid}/invitations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationList {
    /// Invited units in Vietnamese order.
    pub invitations: Vec<InvitationView>,
    /// The call's deadline, RFC 3339, once a call is open (additive).
    #[serde(default)]
    pub deadline: Option<String>,
}

/// A member of an entry (one line of the "danh sách trích ngang").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryMember {
    /// Full name.
    pub name: String,
    /// Role.
    pub role: MemberRole,
    /// Year of birth.
    #[serde(default)]
    pub birth_year: Option<i32>,
    /// Gender.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Ethnicity (dân tộc).
    #[serde(default)]
    pub ethnicity: Option<String>,
    /// Position (chức vụ).
    #[serde(default)]
    pub position: Option<String>,
}

impl EntryMember {
    /// A member known only by name and role.
    pub fn named(name: &str, role: MemberRole) -> EntryMember {
        EntryMember {
            name: name.trim().to_string(),
            role,
            birth_year: None,
            gender: None,
            ethnicity: None,
            position: None,
        }
    }
}

/// The team of an entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryTeam {
    /// Team name; empty while drafting.
    #[serde(default)]
    pub name: String,
    /// Members in order.
    #[serde(default)]
    pub members: Vec<EntryMember>,
}

/// The "Dân vận khéo" model an entry presents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryModel {
    /// Its name (tên mô hình); empty while drafting.
    #[serde(default)]
    pub name: String,
    /// Its field.
    #[serde(default)]
    pub field: Option<ModelField>,
    /// Collective or individual.
    #[serde(default)]
    pub kind: Option<ModelKind>,
    /// A short summary (tóm tắt).
    #[serde(default)]
    pub summary: String,
    /// A model from the register the team presents (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_id: Option<i64>,
}

/// A unit's entry: its team and its model.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The team.
    #[serde(default)]
    pub team: EntryTeam,
    /// The model, once begun.
    #[serde(default)]
    pub model: Option<EntryModel>,
}

/// The contest an entry is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryContest {
    /// Contest id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Level.
    pub level: Level,
    /// Its year, which bounds members' birth years (additive).
    #[serde(default)]
    pub year: i32,
}

/// `GET /entries/{token}`: what the unit's link shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryView {
    /// The contest.
    pub contest: EntryContest,
    /// The unit's name.
    pub unit: String,
    /// RFC 3339.
    pub deadline: String,
    /// Where it stands.
    pub status: InvitationStatus,
    /// Why it was returned.
    pub reason: Option<String>,
    /// The entry, once saved.
    pub entry: Option<Entry>,
    /// Whether the link still accepts changes (additive).
    #[serde(default)]
    pub open: bool,
    /// When the unit last saved, RFC 3339 (additive).
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// `POST …/invitations/{id}/decision` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// `approve` or `return`.
    pub decision: String,
    /// Why it is returned.
    #[serde(default)]
    pub reason: Option<String>,
}
