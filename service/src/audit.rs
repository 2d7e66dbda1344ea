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

/// A contest's log as the organiser reads it, newest first, optionally only
/// what concerns one round and/or one team.
pub async fn read(
    db: &crate::Db,
    actor: &crate::Actor,
    contest_id: i32,
    round_id: Option<i64>,
    team_id: Option<i64>,
) -> Result<Vec<kheo_domain::api::AuditLine>> {
    use crate::entity::{contest, user};
    let c = contest::Entity::find_by_id(contest_id).one(db).await?.ok_or_else(|| crate::Error::not_found("contest"))?;
    if !crate::access::manages(actor, &c) {
        return Err(kheo_domain::i18n::Problem::Forbidden.into());
    }
    let entries = for_contest(db, contest_id).await?;
    let names: std::collections::HashMap<i32, String> =
        user::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.username)).collect();
    let field = |e: &audit_entry::Model, key: &str| -> Option<i64> {
        [&e.new_value, &e.old_value]
            .into_iter()
            .flatten()
            .find_map(|v| serde_json::from_str::<serde_json::Value>(v).ok()?.get(key)?.as_i64())
    };
    Ok(entries
        .into_iter()
        .map(|e| {
            let round = field(&e, "round_id").or((e.object_type == "round").then(|| e.object_id.map(i64::from)).flatten());
            let team = field(&e, "team_id").or((e.object_type == "team").then(|| e.object_id.map(i64::from)).flatten());
            (e, round, team)
        })
        .filter(|(_, r, t)| round_id.is_none_or(|x| *r == Some(x)) && team_id.is_none_or(|x| *t == Some(x)))
        .map(|(e, round_id, team_id)| kheo_domain::api::AuditLine {
            at: crate::db::rfc3339(e.at),
            who: e.user_id.and_then(|u| names.get(&u).cloned()),
            session_id: e.session_id.map(i64::from),
            action: e.action,
            round_id,
            team_id,
            old: e.old_value,
            new: e.new_value,
        })
        .collect())
}
