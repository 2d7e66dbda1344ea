//! The tree of units on the wire.

use crate::units::UnitKind;
use serde::{Deserialize, Serialize};

/// A unit (đơn vị).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitView {
    /// Unit id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
    /// The unit above it.
    pub parent_id: Option<i64>,
}

/// `GET /units`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitList {
    /// Every unit, parents before their children.
    pub units: Vec<UnitView>,
}

/// `POST /units` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUnit {
    /// Name.
    pub name: String,
    /// `province`, `district`, `commune`, `agency`, `village`,
    /// `residential_group`, `residential_area`, `party_cell` or `other`.
    pub kind: String,
    /// The unit above it.
    #[serde(default)]
    pub parent_id: Option<i64>,
}

/// The outcome of importing a unit sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitImportReport {
    /// Units added (0 when any cell was bad).
    pub added: usize,
    /// Bad cells; empty when the import went through.
    pub faults: Vec<crate::api::ImportFault>,
}
