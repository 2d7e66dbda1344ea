//! The score ledger's chain: each entry hashed with the one before it,
//! appended inside the caller's transaction (the rules and the replay are
//! `kheo_domain::ledger`). A contest's first entry, `contest.begin`, holds
//! its shape and the marks it already has.

use crate::db::now_ms;
use crate::entity::{contest, ledger_entry, sheet};
use crate::error::Result;
use crate::records::{self, ContestRows, Marks};
use kheo_domain::Points;
use kheo_domain::ledger::{self, GENESIS};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Where each contest's ledger stands inside one write transaction: after
/// the first append, the next ones of the same transaction neither read the
/// head again nor touch the contest's row again.
#[derive(Default)]
pub struct Cursor {
    heads: HashMap<i32, (i64, String)>,
}

/// Holds the contest's row until commit, once per transaction: on
/// PostgreSQL two writers of one contest then append one after the other,
/// never both at the same place, and a change read after this (a round's
/// state) is the one the entry will follow. SQLite's write transactions are
/// serial already.
pub(crate) async fn hold(txn: &impl ConnectionTrait, cursor: &mut Cursor, cid: i32) -> Result<()> {
    if cursor.heads.contains_key(&cid) {
        return Ok(());
    }
    contest::Entity::update_many()
        .col_expr(contest::Column::UpdatedAt, Expr::col(contest::Column::UpdatedAt))
        .filter(contest::Column::Id.eq(cid))
        .exec(txn)
        .await?;
    let last = ledger_entry::Entity::find()
        .filter(ledger_entry::Column::ContestId.eq(cid))
        .order_by_desc(ledger_entry::Column::Seq)
        .one(txn)
        .await?;
    let head = match last {
        Some(e) => (e.seq, e.hash),
        None => (0, GENESIS.to_string()),
    };
    cursor.heads.insert(cid, head);
    Ok(())
}

/// Appends entries, in order, inside the caller's transaction, beginning
/// the ledger first if it has no entry yet. They are chained here and
/// written in one statement: a batch of sheets is one round trip, not one
/// per sheet.
pub(crate) async fn append_all(
    txn: &impl ConnectionTrait,
    cursor: &mut Cursor,
    cid: i32,
    entries: Vec<(&str, Value)>,
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    hold(txn, cursor, cid).await?;
    let (mut seq, mut prev) = cursor.heads.get(&cid).cloned().unwrap_or((0, GENESIS.to_string()));
    let beginning = if seq == 0 {
        let l = records::load(txn, cid).await?;
        let marks = Marks::of(txn, &[&l]).await?;
        let scores = records::scores_of(txn, &marks.sheets).await?;
        Some(begin(&l, &marks, &scores))
    } else {
        None
    };
    let mut rows = Vec::with_capacity(entries.len() + 1);
    let at = kheo_domain::time::utc(now_ms().div_euclid(1000));
    let mut chain = |action: &str, data: Value| {
        seq += 1;
        let hash = ledger::hash(&prev, seq, &at, action, &data);
        rows.push(ledger_entry::ActiveModel {
            contest_id: Set(cid),
            seq: Set(seq),
            at: Set(at.clone()),
            action: Set(action.to_string()),
            data: Set(ledger::canonical(&data)),
            prev: Set(std::mem::replace(&mut prev, hash.clone())),
            hash: Set(hash),
            ..Default::default()
        });
    };
    if let Some(data) = beginning {
        chain("contest.begin", data);
    }
    for (action, data) in entries {
        chain(action, data);
    }
    ledger_entry::Entity::insert_many(rows).exec_without_returning(txn).await?;
    cursor.heads.insert(cid, (seq, prev));
    Ok(())
}

/// A stored sheet as the ledger records it: the same object a judge's
/// `PUT` answers with, which `sheet.submit` entries also carry.
fn sheet_data(s: &sheet::Model, scores: &BTreeMap<i64, Points>) -> Value {
    let scores: Vec<(i64, Points)> = scores.iter().map(|(c, p)| (*c, *p)).collect();
    serde_json::to_value(records::sheet_view(s, &scores)).unwrap_or(Value::Null)
}

/// The contest's shape, and the marks it already has.
fn begin(l: &ContestRows, marks: &Marks, scores: &BTreeMap<i32, BTreeMap<i64, Points>>) -> Value {
    let input = records::input_from(l, marks);
    let c = &l.contest;
    let empty = BTreeMap::new();
    json!({
        "contest": {"id": c.id, "name": c.name, "unit": c.unit, "level": c.level},
        "aggregation": c.aggregation,
        "tie_break_rounds": input.tie_break_rounds,
        "rounds": l.rounds.iter().map(|r| json!({
            "id": r.id, "name": r.name, "kind": r.kind, "state": r.state,
            "overtime_per_minute": Points::from_hundredths(r.overtime_per_minute).to_string(),
            "overtime_grace_seconds": r.overtime_grace_seconds,
            "questions": l.questions_of(r.id).map(|q| json!({"id": q.id, "points": Points::from_hundredths(q.points).to_string()})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "teams": l.teams.iter().map(|t| json!({"id": t.id, "name": t.name, "unit": t.unit, "order": t.running_order, "block": t.block})).collect::<Vec<_>>(),
        "withdrawn": l.teams.iter().filter(|t| t.withdrawn_at.is_some()).map(|t| t.id).collect::<Vec<_>>(),
        "panel": input.panel,
        "conflicts": l.conflicts.iter().map(|c| json!({"judge_id": c.judge_id, "team_id": c.team_id})).collect::<Vec<_>>(),
        "sheets": marks.sheets.iter().map(|s| sheet_data(s, scores.get(&s.id).unwrap_or(&empty))).collect::<Vec<_>>(),
        "quiz": marks.quiz.iter().map(|m| json!({"round_id": m.round_id, "team_id": m.team_id, "question_id": m.question_id, "correct": m.correct})).collect::<Vec<_>>(),
        "overtime": marks.notes.iter().map(|n| json!({"round_id": n.round_id, "team_id": n.team_id, "seconds": n.overtime_seconds})).collect::<Vec<_>>(),
    })
}

/// The head hash of a contest's ledger (the genesis hash while empty).
pub async fn head(db: &impl ConnectionTrait, cid: i32) -> Result<String> {
    Ok(ledger_entry::Entity::find()
        .filter(ledger_entry::Column::ContestId.eq(cid))
        .order_by_desc(ledger_entry::Column::Seq)
        .one(db)
        .await?
        .map_or_else(|| GENESIS.to_string(), |e| e.hash))
}
