//! The append-only audit log: who did what, when, from which session.

use crate::auth::Actor;
use crate::db::now_ms;
use crate::entity::audit_entry;
use crate::error::Result;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

/// One thing that happened, to be recorded in the same transaction as it.
pub struct Record<'a> {
    /// Who did it (none for the command line).
    pub actor: Option<&'a Actor>,
    /// The contest concerned.
    pub contest_id: Option<i32>,
    /// A dotted verb: `sheet.submit`, `round.state`, `contest.create`…
    pub action: &'a str,
    /// The kind of object.
    pub object_type: &'a str,
    /// Its id.
    pub object_id: Option<i32>,
    /// The value before, as JSON.
    pub old: Option<serde_json::Value>,
    /// The value after, as JSON.
    pub new: Option<serde_json::Value>,
}

/// Appends a record.
pub async fn record(db: &impl ConnectionTrait, r: Record<'_>) -> Result<()> {
    audit_entry::ActiveModel {
        at: Set(now_ms()),
        user_id: Set(r.actor.map(|a| a.user_id)),
        session_id: Set(r.actor.map(|a| a.session_id)),
        contest_id: Set(r.contest_id),
        action: Set(r.action.to_string()),
        object_type: Set(r.object_type.to_string()),
        object_id: Set(r.object_id),
        old_value: Set(r.old.map(|v| v.to_string())),
        new_value: Set(r.new.map(|v| v.to_string())),
        ip: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// JSON of a value for the log.
pub fn json(v: &impl Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(v).ok()
}

/// A contest's log, newest first.
pub async fn for_contest(db: &impl ConnectionTrait, contest_id: i32) -> Result<Vec<audit_entry::Model>> {
    Ok(audit_entry::Entity::find()
        .filter(audit_entry::Column::ContestId.eq(contest_id))
        .order_by_desc(audit_entry::Column::Id)
        .all(db)
        .await?)
}
