//! The register of models on the wire (`/models`, `/statistics/models`).

use crate::contest::{ModelField, ModelKind};
use crate::models::ModelStatus;
use crate::units::UnitKind;
use serde::{Deserialize, Serialize};

/// The registration form's items, as a real call for models asks them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelDetails {
    /// Thực trạng, lý do xây dựng mô hình.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<String>,
    /// Mục tiêu, tiêu chí.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<String>,
    /// Nội dung, cách thức thực hiện.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Địa bàn, đối tượng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Lực lượng thực hiện.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forces: Option<String>,
    /// Nguồn lực.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<String>,
    /// Thời gian thực hiện.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<String>,
    /// Sản phẩm đầu ra.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs: Option<String>,
    /// Khả năng duy trì, nhân rộng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sustainability: Option<String>,
}

impl ModelDetails {
    /// The wire names of the items, in the form's order.
    pub const KEYS: [&'static str; 9] =
        ["situation", "goals", "content", "area", "forces", "resources", "timeline", "outputs", "sustainability"];

    /// Each item with its wire name, in the form's order.
    pub fn items(&self) -> [(&'static str, &Option<String>); 9] {
        let k = Self::KEYS;
        [
            (k[0], &self.situation),
            (k[1], &self.goals),
            (k[2], &self.content),
            (k[3], &self.area),
            (k[4], &self.forces),
            (k[5], &self.resources),
            (k[6], &self.timeline),
            (k[7], &self.outputs),
            (k[8], &self.sustainability),
        ]
    }

    /// Each item, to be changed in place.
    pub fn items_mut(&mut self) -> [(&'static str, &mut Option<String>); 9] {
        let k = Self::KEYS;
        [
            (k[0], &mut self.situation),
            (k[1], &mut self.goals),
            (k[2], &mut self.content),
            (k[3], &mut self.area),
            (k[4], &mut self.forces),
            (k[5], &mut self.resources),
            (k[6], &mut self.timeline),
            (k[7], &mut self.outputs),
            (k[8], &mut self.sustainability),
        ]
    }
}

/// `POST /models` body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelBody {
    /// The unit the model belongs to.
    pub unit_id: i64,
    /// The year it is registered for.
    pub year: i32,
    /// Tên mô hình.
    pub name: String,
    /// `economy`, `culture_society`, `defence_security` or `political_system`.
    pub field: String,
    /// `collective` or `individual`.
    pub kind: String,
    /// Chủ thể: the collective or person who carries it out.
    pub owner: String,
    /// A few lines on it.
    pub summary: String,
    /// The form's items.
    #[serde(default)]
    pub details: Option<ModelDetails>,
}

/// A model in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelLine {
    /// Model id.
    pub id: i64,
    /// Its unit.
    pub unit_id: i64,
    /// Its unit's name.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// Name.
    pub name: String,
    /// Field.
    pub field: ModelField,
    /// Collective or individual.
    pub kind: ModelKind,
    /// Chủ thể.
    pub owner: String,
    /// Summary.
    pub summary: String,
    /// Current status.
    pub status: ModelStatus,
    /// The unit that recognised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognised_by: Option<RecognisedBy>,
}

/// The unit that recognised a model, and its level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecognisedBy {
    /// Unit id.
    pub unit_id: i64,
    /// Its name.
    pub unit: String,
    /// Its kind (the level of recognition).
    pub kind: UnitKind,
}

/// `GET /models`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelList {
    /// The models found, newest year first, then by name in Vietnamese order.
    pub models: Vec<ModelLine>,
}

/// A step of a model's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelStep {
    /// The status it went to.
    pub status: ModelStatus,
    /// When, Unix milliseconds.
    pub at: i64,
    /// Who decided: the organiser's name, or the council's contest.
    pub by: String,
    /// The decision's number, or the contest that recognised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

/// `GET /models/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelPage {
    /// The model.
    #[serde(flatten)]
    pub model: ModelLine,
    /// The form's items.
    pub details: ModelDetails,
    /// Its steps, oldest first.
    pub history: Vec<ModelStep>,
    /// Contests in which a team presented it: `[contest id, contest name]`
    /// (additive).
    #[serde(default)]
    pub presented_in: Vec<(i64, String)>,
    /// Its photos, in the order they were added (additive).
    #[serde(default)]
    pub photos: Vec<ModelPhoto>,
}

/// A model's photo, resized on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelPhoto {
    /// Photo id.
    pub id: i64,
    /// The photo (JPEG, at most 1,600 pixels on its long side).
    pub url: String,
    /// Its thumbnail (at most 480 pixels).
    pub thumb_url: String,
    /// Width of the stored photo, pixels.
    pub width: i32,
    /// Height, pixels.
    pub height: i32,
}

/// A call for models (đợt đăng ký mô hình): a unit asks chosen units to
/// register their models through a link each, before a deadline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelCallRequest {
    /// The calling unit.
    pub unit_id: i64,
    /// The year models are registered for.
    pub year: i32,
    /// A title; a usual one when empty.
    #[serde(default)]
    pub title: String,
    /// RFC 3339.
    pub deadline: String,
    /// The units called: the calling unit or units under it.
    pub unit_ids: Vec<i64>,
}

/// A call with its links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelCallView {
    /// Call id.
    pub id: i64,
    /// The calling unit.
    pub unit_id: i64,
    /// Its name.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// Title.
    pub title: String,
    /// RFC 3339.
    pub deadline: String,
    /// Whether units may still send models.
    pub open: bool,
    /// One link a unit called.
    pub links: Vec<ModelCallLink>,
}

/// A unit's link of a call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelCallLink {
    /// The unit called.
    pub unit_id: i64,
    /// Its name.
    pub unit: String,
    /// The link's token, its only key.
    pub token: String,
    /// The full address.
    pub url: String,
    /// Models sent through it.
    pub models: usize,
}

/// What a unit sees at its link: the call and the models it sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelCallPage {
    /// Title.
    pub title: String,
    /// The calling unit.
    pub calling_unit: String,
    /// The unit this link is for.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// RFC 3339.
    pub deadline: String,
    /// Whether it still takes models.
    pub open: bool,
    /// Models sent through this link, with how many photos each has.
    pub sent: Vec<(ModelLine, usize)>,
}

/// The outcome of importing a model sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelImportReport {
    /// Models added (0 when any cell was bad).
    pub added: usize,
    /// Bad cells; empty when the import went through.
    pub faults: Vec<crate::api::ImportFault>,
}

/// `POST /models/{id}/status` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelStatusChange {
    /// The status to go to.
    pub status: String,
    /// The decision's number (e.g. "Quyết định số 12-QĐ/BDVHU").
    #[serde(default)]
    pub decision: Option<String>,
}
