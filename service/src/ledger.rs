//! Showing and checking the score ledger; the rules and the replay are
//! `kheo_domain::ledger`.
//!
//! Entries are appended by `journal::record` (the chain is
//! `journal::chain`), so every change that is logged and can move the
//! standings lands in the ledger in the same transaction. A contest's first
//! entry, `contest.begin`, is written just before the first change once
//! set-up is frozen (a round has opened): it holds the contest's shape and,
//! for a contest already under way when Khéo learnt to keep ledgers, the
//! marks made so far.

use crate::accounts::{Actor, access};
use crate::entity::ledger_entry;
use crate::error::{Error, Result};
use crate::records::{self, Marks, scores_of};
use kheo_domain::Points;
use kheo_domain::i18n::Problem;
use kheo_domain::ledger::{self, Entry, GENESIS, LedgerView, StoredSheet};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;

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
                .map_err(|err| Error::internal_from(format!("ledger entry {}", e.seq), err))?;
            Ok(Entry { seq: e.seq, at: e.at, action: e.action, data, prev: e.prev, hash: e.hash })
        })
        .collect()
}

/// `GET /contests/{cid}/ledger`: its organisers at any time, anyone once
/// the results are final.
pub async fn view(svc: &crate::Services, actor: Option<&Actor>, cid: i32) -> Result<LedgerView> {
    let db = &svc.db;
    let l = records::load(db, cid).await?;
    let organiser = actor.is_some_and(|a| access::manages(a, &l.contest));
    if !organiser {
        let (full, _) = records::full(db, &l).await?;
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
pub async fn verify(svc: &crate::Services, cid: i32) -> Result<Verdict> {
    let db = &svc.db;
    let l = records::load(db, cid).await?;
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
    let stored_standings = records::full_from(&l, &records::input_from(&l, &marks));
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
