//! Storing and checking the score ledger; the chain and the replay are
//! `kheo_domain::ledger`.
//!
//! Entries are appended by `audit::record`, so every change that is logged
//! and can move the standings lands in the ledger in the same transaction.
//! A contest's first entry, `contest.begin`, is written just before the
//! first change once set-up is frozen (a round has opened): it holds the
//! contest's shape and, for a contest already under way when Khéo learnt to
//! keep ledgers, the marks made so far.

use crate::accounts::{Actor, access};
use crate::contests::{self, Loaded};
use crate::db::now_ms;
use crate::entity::{contest, ledger_entry, sheet, sheet_score};
use crate::error::{Error, Result};
use crate::standings::{self, Marks};
use crate::{Db, audit::Record};
use kheo_domain::Points;
use kheo_domain::i18n::Problem;
use kheo_domain::ledger::{self, Entry, GENESIS, LedgerView, StoredSheet};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// What an audit record puts in the ledger, and under which action, if it
/// is a change the ledger keeps: sheets, quiz marks, over-time deductions,
/// round states (a reopening and a withdrawn publication are state changes
/// too; a lock says how many sheets were missing), withdrawals and name
/// corrections.
pub(crate) fn data_of<'a>(r: &Record<'a>) -> Option<(&'a str, Value)> {
    let new = r.new.clone().unwrap_or(Value::Null);
    let object = r.object_id.map(i64::from);
    let with_team = |mut v: Value| {
        if let Value::Object(map) = &mut v {
            map.insert("team_id".into(), json!(object));
        }
        v
    };
    match r.action {
        "sheet.submit" | "sheet.amend" => Some((r.action, new)),
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
        let l = contests::load(txn, cid).await?;
        let marks = Marks::of(txn, &[&l]).await?;
        let scores = scores_of(txn, &marks.sheets).await?;
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

/// Each stored sheet's points by criterion, by sheet id.
async fn scores_of(db: &impl ConnectionTrait, sheets: &[sheet::Model]) -> Result<BTreeMap<i32, BTreeMap<i64, Points>>> {
    let ids: Vec<i32> = sheets.iter().map(|s| s.id).collect();
    let mut out: BTreeMap<i32, BTreeMap<i64, Points>> = BTreeMap::new();
    for chunk in ids.chunks(500) {
        let rows =
            sheet_score::Entity::find().filter(sheet_score::Column::SheetId.is_in(chunk.to_vec())).all(db).await?;
        for r in rows {
            out.entry(r.sheet_id).or_default().insert(i64::from(r.criterion_id), Points::from_hundredths(r.points));
        }
    }
    Ok(out)
}

/// A stored sheet as the ledger records it: the same object a judge's
/// `PUT` answers with, which `sheet.submit` entries also carry.
fn sheet_data(s: &sheet::Model, scores: &BTreeMap<i64, Points>) -> Value {
    let scores: Vec<(i64, Points)> = scores.iter().map(|(c, p)| (*c, *p)).collect();
    serde_json::to_value(crate::judging::sheets::sheet_view(s, &scores)).unwrap_or(Value::Null)
}

/// The contest's shape, and the marks it already has.
fn begin(l: &Loaded, marks: &Marks, scores: &BTreeMap<i32, BTreeMap<i64, Points>>) -> Value {
    let input = standings::input_from(l, marks);
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
        "teams": l.teams.iter().map(|t| json!({"id": t.id, "name": t.name, "unit": t.unit, "order": t.running_order})).collect::<Vec<_>>(),
        "withdrawn": l.teams.iter().filter(|t| t.withdrawn_at.is_some()).map(|t| t.id).collect::<Vec<_>>(),
        "panel": input.panel,
        "sheets": marks.sheets.iter().map(|s| sheet_data(s, scores.get(&s.id).unwrap_or(&empty))).collect::<Vec<_>>(),
        "quiz": marks.quiz.iter().map(|m| json!({"round_id": m.round_id, "team_id": m.team_id, "question_id": m.question_id, "correct": m.correct})).collect::<Vec<_>>(),
        "overtime": marks.notes.iter().map(|n| json!({"round_id": n.round_id, "team_id": n.team_id, "seconds": n.overtime_seconds})).collect::<Vec<_>>(),
    })
}

/// A contest's entries in order.
pub async fn entries(db: &impl ConnectionTrait, cid: i32) -> Result<Vec<Entry>> {
    let rows = ledger_entry::Entity::find()
        .filter(ledger_entry::Column::ContestId.eq(cid))
        .order_by_asc(ledger_entry::Column::Seq)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|e| {
            let data = serde_json::from_str(&e.data)
                .map_err(|err| Error::Internal(format!("ledger entry {}: {err}", e.seq)))?;
            Ok(Entry { seq: e.seq, at: e.at, action: e.action, data, prev: e.prev, hash: e.hash })
        })
        .collect()
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

/// `GET /contests/{cid}/ledger`: its organisers at any time, anyone once
/// the results are final.
pub async fn view(db: &Db, actor: Option<&Actor>, cid: i32) -> Result<LedgerView> {
    let l = contests::load(db, cid).await?;
    let organiser = actor.is_some_and(|a| access::manages(a, &l.contest));
    if !organiser {
        let (full, _) = standings::full(db, &l).await?;
        if !kheo_domain::results::is_final(&full) {
            return Err(Problem::ResultsNotFinal.into());
        }
    }
    let entries = entries(db, cid).await?;
    let head = entries.last().map_or_else(|| GENESIS.to_string(), |e| e.hash.clone());
    Ok(LedgerView { entries, head })
}

/// What `kheo verify` finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Chain, sheets and standings agree; the head hash and the number of
    /// entries.
    Holds { head: String, entries: usize },
    /// The first thing that does not hold, in words.
    Fails(String),
}

/// Recomputes the chain and, from the ledger alone, every sheet and the
/// standings, and compares them with what is stored.
pub async fn verify(db: &Db, cid: i32) -> Result<Verdict> {
    let l = contests::load(db, cid).await?;
    let entries = entries(db, cid).await?;
    let head = match ledger::verify_chain(&entries) {
        Ok(head) => head,
        Err(fault) => return Ok(Verdict::Fails(fault.to_string())),
    };
    if entries.is_empty() {
        return Ok(if l.has_begun() {
            Verdict::Fails("the contest has begun but its ledger is empty".into())
        } else {
            Verdict::Holds { head, entries: 0 }
        });
    }
    let replay = match ledger::replay(&entries) {
        Ok(r) => r,
        Err(fault) => return Ok(Verdict::Fails(fault.to_string())),
    };
    let marks = Marks::of(db, &[&l]).await?;
    let scores = scores_of(db, &marks.sheets).await?;
    let empty = BTreeMap::new();
    let stored: BTreeMap<(i64, i64, i64), StoredSheet> = marks
        .sheets
        .iter()
        .map(|s| {
            let key = (i64::from(s.round_id), i64::from(s.team_id), i64::from(s.judge_id));
            (key, (scores.get(&s.id).unwrap_or(&empty).clone(), Points::from_hundredths(s.total)))
        })
        .collect();
    if let Some(m) = ledger::compare_sheets(&replay.sheets, &stored) {
        let (round, team, judge) = m.key;
        let at = m.seq.map_or_else(|| "no entry".to_string(), |seq| format!("entry {seq}"));
        return Ok(Verdict::Fails(format!(
            "{at}: the sheet of judge {judge} for team {team} in round {round} is {} in the ledger but {} in the database",
            m.ledger, m.stored
        )));
    }
    let stored_standings = standings::full_from(&l, &standings::input_from(&l, &marks));
    let Some(from_ledger) = replay.standings() else {
        return Ok(Verdict::Fails("the ledger has no contest.begin".into()));
    };
    if let Some(m) = ledger::compare(&from_ledger, &stored_standings) {
        return Ok(Verdict::Fails(format!(
            "team {} ({}): {} from the ledger but {} stored",
            m.team_id, m.team, m.ledger, m.stored
        )));
    }
    Ok(Verdict::Holds { head, entries: entries.len() })
}
