//! The journal of every change, written in the change's own transaction:
//! the audit log's row (who did what, when, from which session), the score
//! ledger's entry for what moves the standings (the chain is `chain`, which
//! takes an action and its data and never sees a `Record`), and the
//! contest's version, bumped so that viewers recompute. Reading the log for
//! people is `audit`; showing and checking the ledger is `ledger`.

pub mod chain;

use crate::accounts::Actor;
use crate::db::now_ms;
use crate::entity::{audit_entry, contest};
use crate::error::{Error, Result};
use crate::standings::live::Hub;
use chain::Cursor;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, Set};
use serde::Serialize;
use serde_json::{Value, json};

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

/// Appends a record, and to the contest's score ledger what it keeps.
pub async fn record(db: &impl ConnectionTrait, r: Record<'_>) -> Result<()> {
    record_in(db, &mut Cursor::default(), r).await
}

/// `record` for a transaction that appends several records: the cursor
/// remembers where each contest's ledger stands.
pub async fn record_in(db: &impl ConnectionTrait, cursor: &mut Cursor, r: Record<'_>) -> Result<()> {
    record_all(db, cursor, vec![r]).await
}

/// Appends records in order: each contest's ledger entries in one
/// statement, and the log's rows in another.
pub async fn record_all(db: &impl ConnectionTrait, cursor: &mut Cursor, records: Vec<Record<'_>>) -> Result<()> {
    let mut contests: Vec<i32> = records.iter().filter_map(|r| r.contest_id).collect();
    contests.sort_unstable();
    contests.dedup();
    for cid in contests {
        let entries = records.iter().filter(|r| r.contest_id == Some(cid)).filter_map(data_of).collect();
        chain::append_all(db, cursor, cid, entries).await?;
    }
    if records.is_empty() {
        return Ok(());
    }
    let at = now_ms();
    let rows = records.into_iter().map(|r| audit_entry::ActiveModel {
        at: Set(at),
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
    });
    audit_entry::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// JSON of a value for the log.
pub fn json(v: &impl Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(v).ok()
}

/// What an audit record puts in the ledger, and under which action, if it
/// is a change the ledger keeps: sheets and the typings of paper sheets,
/// conflicts of interest (they decide when a team's score shows),
/// quiz marks, over-time deductions,
/// round states (a reopening and a withdrawn publication are state changes
/// too; a lock says how many sheets were missing), withdrawals and name
/// corrections.
fn data_of<'a>(r: &Record<'a>) -> Option<(&'a str, Value)> {
    let new = r.new.clone().unwrap_or(Value::Null);
    let object = r.object_id.map(i64::from);
    let with_team = |mut v: Value| {
        if let Value::Object(map) = &mut v {
            map.insert("team_id".into(), json!(object));
        }
        v
    };
    match r.action {
        "sheet.submit" | "sheet.amend" | "paper.type" | "paper.differ" | "contest.conflicts" => Some((r.action, new)),
        "round.state" | "round.reopen" | "round.unpublish" => {
            let mut data = json!({"round_id": object, "state": new.get("state")});
            for extra in ["missing", "publication_withdrawn"] {
                if let Some(v) = new.get(extra) {
                    data[extra] = v.clone();
                }
            }
            Some(("round.state", data))
        }
        "quiz.mark" | "team.overtime" | "team.correct" => Some((r.action, with_team(new))),
        "team.withdraw" | "team.reinstate" => {
            Some((r.action, json!({"team_id": object, "reason": new.get("withdrawn")})))
        }
        _ => None,
    }
}

/// Commits a write that can alter the standings: bumps the contest's
/// version and tells the other instances inside the transaction, commits,
/// then has the standings recomputed.
pub async fn commit_change(txn: DatabaseTransaction, hub: &Hub, contest_id: i32) -> Result<()> {
    let version = bump_version(&txn, contest_id).await?;
    hub.notify_in(&txn, contest_id, version).await?;
    txn.commit().await?;
    crate::storage::wrote();
    hub.changed(contest_id);
    Ok(())
}

/// Bumps the contest's version inside the caller's transaction.
pub(crate) async fn bump_version(txn: &impl ConnectionTrait, contest_id: i32) -> Result<i64> {
    let c = contest::Entity::find_by_id(contest_id).one(txn).await?.ok_or_else(|| Error::not_found("contest"))?;
    let next = c.version + 1;
    let mut active: contest::ActiveModel = c.into();
    active.version = Set(next);
    active.updated_at = Set(now_ms());
    active.update(txn).await?;
    Ok(next)
}
