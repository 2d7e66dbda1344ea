//! The append-only audit log read for people: who did what, when, from
//! which session. Its rows are written by `journal`, in each change's own
//! transaction.

use crate::entity::audit_entry;
use crate::error::Result;
use crate::records;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

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
    svc: &crate::Services,
    actor: &crate::Actor,
    contest_id: i32,
    round_id: Option<i64>,
    team_id: Option<i64>,
) -> Result<Vec<kheo_domain::api::AuditLine>> {
    let db = &svc.db;
    let l = records::load(db, contest_id).await?;
    if !crate::accounts::access::manages(actor, &l.contest) {
        return Err(kheo_domain::i18n::Problem::Forbidden.into());
    }
    let entries = for_contest(db, contest_id).await?;
    let usernames = crate::accounts::users::usernames(svc, entries.iter().filter_map(|e| e.user_id)).await?;
    let names = names_of(&l);
    Ok(entries
        .into_iter()
        .filter_map(|e| {
            let old = e.old_value.as_deref().and_then(|v| serde_json::from_str::<serde_json::Value>(v).ok());
            let new = e.new_value.as_deref().and_then(|v| serde_json::from_str::<serde_json::Value>(v).ok());
            let field = |key: &str| [&new, &old].into_iter().flatten().find_map(|v| v.get(key)?.as_i64());
            let object = |kind: &str| (e.object_type == kind).then_some(e.object_id.map(i64::from)).flatten();
            let round = field("round_id").or(object("round"));
            let team = field("team_id").or(object("team"));
            if round_id.is_some_and(|x| round != Some(x)) || team_id.is_some_and(|x| team != Some(x)) {
                return None;
            }
            let read =
                |v: &Option<serde_json::Value>| v.as_ref().and_then(|v| kheo_domain::audit::read(&e.action, v, &names));
            Some(kheo_domain::api::AuditLine {
                at: in_vietnam(e.at),
                who: e.user_id.and_then(|u| usernames.get(&u).cloned()),
                session_id: e.session_id.map(i64::from),
                before: read(&old),
                after: read(&new),
                action: e.action,
                round_id: round,
                team_id: team,
            })
        })
        .collect())
}

/// What the ids of a contest's log stand for.
fn names_of(l: &records::ContestRows) -> kheo_domain::audit::Names {
    let mut names = kheo_domain::audit::Names::default();
    for (at, c) in l.criteria.iter().enumerate() {
        names.criteria.insert(i64::from(c.id), (at, c.name.clone()));
    }
    for t in &l.teams {
        names.teams.insert(i64::from(t.id), t.name.clone());
    }
    for r in &l.rounds {
        for (n, q) in l.questions_of(r.id).enumerate() {
            names.questions.insert(i64::from(q.id), n + 1);
        }
    }
    names
}

/// A log time as the hall reads it.
fn in_vietnam(ms: i64) -> String {
    crate::db::in_vietnam(ms).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}
