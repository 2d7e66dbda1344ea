//! The paper desk (bàn nhập phiếu giấy): a judge who scores on paper hands
//! the sheet to the secretary's desk, two different people type it, and it
//! counts only when both typings agree (`kheo_domain::paper`).
//!
//! A typing is written in its own transaction, not through the tablets'
//! batching writer: typists are a few people at one desk, and a typing
//! reads and replaces the typing before it, which the writer's batches do
//! not know. Every typing bumps the contest's version: the other laptops
//! and the board show a sheet waiting as soon as it waits, and the ledger's
//! head that viewers see moves with each entry.

use super::sheets::{self, Current};
use crate::Services;
use crate::accounts::{Actor, access};
use crate::contests::{self, ContestRows};
use crate::db::{self, now_ms};
use crate::entity::{conflict, paper_typing, round, sheet, team};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::Points;
use kheo_domain::api::{PaperTyping, SheetSubmission, SheetView};
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::paper::{SecondTyping, SheetSource, second_typing};
use kheo_domain::scoring;
use kheo_domain::sheet as rubric;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use std::collections::BTreeMap;

/// What a typing did.
#[derive(Debug)]
pub enum Typed {
    /// The first typing, or the same person's again (`replaced`): it
    /// waits for a second person.
    Waiting { typing: PaperTyping, replaced: bool },
    /// A second person typed the same marks: the judge's sheet counts.
    Counted(SheetView),
}

/// `PUT /contests/{cid}/rounds/{rid}/teams/{tid}/paper/{judge_id}`.
pub async fn type_sheet(
    svc: &Services,
    actor: &Actor,
    (cid, rid, tid): (i32, i32, i32),
    judge_id: i32,
    body: &SheetSubmission,
) -> Result<Typed> {
    let l = contests::load(&svc.db, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    let round = l.round(rid).ok_or_else(|| Error::not_found("round"))?;
    l.team(tid).ok_or_else(|| Error::not_found("team"))?;
    if !l.panel.iter().any(|(_, u)| u.id == judge_id) {
        return Err(Error::not_found("judge"));
    }
    if round.kind != RoundKind::Judged {
        return Err(Error::field("round", FieldFault::QuizRound));
    }
    let rubric = sheets::rubric_of(&l, rid, round.step);
    let mut points = rubric::check(&rubric, &body.scores)?;
    points.sort_by_key(|(c, _)| *c);

    let txn = db::write(&svc.db).await?;
    let mut cursor = journal::chain::Cursor::default();
    journal::chain::hold(&txn, &mut cursor, cid).await?;
    let open = round::Entity::find_by_id(rid).one(&txn).await?.is_some_and(|r| r.state == RoundState::Open);
    if !open {
        return Err(Problem::RoundNotOpen.into());
    }
    if team::Entity::find_by_id(tid).one(&txn).await?.is_none_or(|t| t.withdrawn_at.is_some()) {
        return Err(Problem::TeamWithdrawn.into());
    }
    let conflicted = conflict::Entity::find()
        .filter(conflict::Column::ContestId.eq(cid))
        .filter(conflict::Column::JudgeId.eq(judge_id))
        .filter(conflict::Column::TeamId.eq(tid))
        .one(&txn)
        .await?;
    if conflicted.is_some() {
        return Err(Problem::ConflictOfInterest.into());
    }
    let key = (rid, tid, judge_id);
    let mut current = sheets::stored(&txn, std::iter::once(key)).await?;
    if current.get(&key).is_some_and(|c| c.sheet.source == SheetSource::Tablet) {
        return Err(Problem::SheetExists.into());
    }
    let waiting = paper_typing::Entity::find()
        .filter(paper_typing::Column::RoundId.eq(rid))
        .filter(paper_typing::Column::TeamId.eq(tid))
        .filter(paper_typing::Column::JudgeId.eq(judge_id))
        .one(&txn)
        .await?;
    let total = scoring::sheet_total(points.iter().map(|(_, p)| *p));
    let typed = |entered_by: &str| {
        json!({
            "round_id": rid, "team_id": tid, "judge_id": judge_id,
            "scores": points.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect::<BTreeMap<_, _>>(),
            "total": total.to_string(),
            "entered_by": entered_by,
        })
    };
    let record = |action: &'static str, new: serde_json::Value, object_id: Option<i32>| Record {
        actor: Some(actor),
        contest_id: Some(cid),
        action,
        object_type: if action.starts_with("paper.") { "paper_typing" } else { "sheet" },
        object_id,
        old: None,
        new: Some(new),
    };

    let Some(first) = waiting else {
        let row = paper_typing::ActiveModel {
            contest_id: Set(cid),
            round_id: Set(rid),
            team_id: Set(tid),
            judge_id: Set(judge_id),
            entered_by: Set(actor.user_id),
            scores: Set(stored_marks(&points)),
            total: Set(total.hundredths()),
            created_at: Set(now_ms()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        journal::record_in(&txn, &mut cursor, record("paper.type", typed(&actor.username), Some(row.id))).await?;
        journal::commit_change(txn, &svc.hub, cid).await?;
        return Ok(Typed::Waiting { typing: waiting_view(key, &actor.username), replaced: false });
    };

    match second_typing(i64::from(first.entered_by), &read_marks(&first.scores)?, i64::from(actor.user_id), &points) {
        SecondTyping::ReplacesOwn => {
            let id = first.id;
            let mut row: paper_typing::ActiveModel = first.into();
            row.scores = Set(stored_marks(&points));
            row.total = Set(total.hundredths());
            row.created_at = Set(now_ms());
            row.update(&txn).await?;
            journal::record_in(&txn, &mut cursor, record("paper.type", typed(&actor.username), Some(id))).await?;
            journal::commit_change(txn, &svc.hub, cid).await?;
            Ok(Typed::Waiting { typing: waiting_view(key, &actor.username), replaced: true })
        }
        SecondTyping::Differs(criteria) => {
            // The slip is kept in the log and the ledger: a disputed result
            // can be traced to the paper. The first typing stays.
            let mut new = typed(&actor.username);
            new["criteria"] = json!(criteria);
            journal::record_in(&txn, &mut cursor, record("paper.differ", new, Some(first.id))).await?;
            journal::commit_change(txn, &svc.hub, cid).await?;
            let names =
                criteria.iter().filter_map(|id| rubric.iter().find(|c| c.id == *id)).map(|c| c.name.clone()).collect();
            Err(Problem::EntriesDiffer { criteria, names }.into())
        }
        SecondTyping::Confirms => {
            let entered_by = first.entered_by;
            paper_typing::Entity::delete_by_id(first.id).exec(&txn).await?;
            // A paper sheet confirmed before is amended by this new pair.
            let old = current.get(&key).map(|c| sheets::sheet_view(&c.sheet, &c.scores));
            let view = put_sheet(&txn, &mut current, key, cid, (entered_by, actor.user_id), points).await?;
            let names = crate::accounts::users::usernames(svc, [entered_by]).await?;
            let view = SheetView {
                entered_by: names.get(&entered_by).cloned(),
                confirmed_by: Some(actor.username.clone()),
                ..view
            };
            let action = if old.is_some() { "sheet.amend" } else { "sheet.submit" };
            let sheet_id = current.get(&key).map(|c| c.sheet.id);
            let entry = Record { old: old.as_ref().and_then(journal::json), ..record(action, json!(view), sheet_id) };
            journal::record_in(&txn, &mut cursor, entry).await?;
            journal::commit_change(txn, &svc.hub, cid).await?;
            Ok(Typed::Counted(view))
        }
    }
}

/// Stores the confirmed paper sheet as the judge's, new or amending the
/// paper sheet typed for him before.
async fn put_sheet(
    txn: &impl ConnectionTrait,
    current: &mut std::collections::HashMap<sheets::Key, Current>,
    key: sheets::Key,
    cid: i32,
    (entered_by, confirmed_by): (i32, i32),
    points: Vec<(i64, Points)>,
) -> Result<SheetView> {
    let now = now_ms();
    let total = scoring::sheet_total(points.iter().map(|(_, p)| *p)).hundredths();
    let (rid, tid, judge_id) = key;
    let entry = current.entry(key).or_insert_with(|| Current {
        sheet: sheet::Model {
            id: 0,
            contest_id: cid,
            round_id: rid,
            team_id: tid,
            judge_id,
            total,
            client_version: 0,
            created_at: now,
            updated_at: now,
            source: SheetSource::Paper,
            entered_by: None,
            confirmed_by: None,
        },
        scores: Vec::new(),
        new: true,
    });
    entry.sheet.total = total;
    entry.sheet.updated_at = now;
    entry.sheet.source = SheetSource::Paper;
    entry.sheet.entered_by = Some(entered_by);
    entry.sheet.confirmed_by = Some(confirmed_by);
    entry.scores = points;
    sheets::store(txn, current, &[key]).await?;
    let c = &current[&key];
    Ok(sheets::sheet_view(&c.sheet, &c.scores))
}

fn waiting_view((rid, tid, judge_id): sheets::Key, entered_by: &str) -> PaperTyping {
    PaperTyping {
        judge_id: i64::from(judge_id),
        team_id: i64::from(tid),
        round_id: i64::from(rid),
        status: "awaiting_confirmation".into(),
        entered_by: entered_by.into(),
    }
}

/// A typing's marks as stored: criterion id → hundredths.
fn stored_marks(points: &[(i64, Points)]) -> String {
    let map: BTreeMap<String, i64> = points.iter().map(|(c, p)| (c.to_string(), p.hundredths())).collect();
    serde_json::to_string(&map).unwrap_or_default()
}

fn read_marks(stored: &str) -> Result<Vec<(i64, Points)>> {
    let map: BTreeMap<String, i64> = serde_json::from_str(stored)
        .map_err(|e| Error::internal(format!("a paper typing whose marks cannot be read: {e}")))?;
    let mut marks = map
        .into_iter()
        .map(|(c, h)| c.parse::<i64>().map(|c| (c, Points::from_hundredths(h))))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::internal(format!("a paper typing with a criterion that is not an id: {e}")))?;
    marks.sort_by_key(|(c, _)| *c);
    Ok(marks)
}

/// The typings waiting for a second person in a contest's round, without
/// their marks (the second person types blind).
pub async fn waiting(svc: &Services, l: &ContestRows, rid: i32) -> Result<Vec<PaperTyping>> {
    let rows = paper_typing::Entity::find()
        .filter(paper_typing::Column::ContestId.eq(l.contest.id))
        .filter(paper_typing::Column::RoundId.eq(rid))
        .all(&svc.db)
        .await?;
    let names = crate::accounts::users::usernames(svc, rows.iter().map(|r| r.entered_by)).await?;
    Ok(rows
        .iter()
        .map(|r| waiting_view((r.round_id, r.team_id, r.judge_id), names.get(&r.entered_by).map_or("", String::as_str)))
        .collect())
}
