//! Score sheets (phiếu chấm điểm): one per judge, team and round.
//!
//! A sheet is acknowledged only after its transaction commits; one writer
//! commits the sheets waiting at that moment together (`writer`). The same
//! body again changes nothing; a different body amends the sheet while the
//! round is open; a tablet's older version arriving late never overwrites a
//! newer one.

use crate::accounts::Actor;
use crate::accounts::access;
use crate::audit::{self, Record};
use crate::contests::{self, Loaded};
use crate::db::{Db, now_ms, rfc3339};
use crate::entity::{round, sheet, sheet_score, team};
use crate::error::{Error, Result};
use crate::{Services, ledger};
use kheo_domain::Points;
use kheo_domain::api::{SheetListItem, SheetSubmission, SheetView};
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::scoring;
use kheo_domain::sheet::{self as rubric, RubricLine};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeMap, HashMap};

/// The rubric of a round, for checking sheets.
pub fn rubric_of(l: &Loaded, round_id: i32, round_step: i64) -> Vec<RubricLine> {
    l.criteria_of(round_id)
        .map(|c| RubricLine {
            id: i64::from(c.id),
            name: c.name.clone(),
            max: Points::from_hundredths(c.max_points),
            step: Points::from_hundredths(if c.step > 0 { c.step } else { round_step }),
        })
        .collect()
}

pub(crate) fn sheet_view(s: &sheet::Model, scores: &[(i64, Points)]) -> SheetView {
    SheetView {
        judge_id: i64::from(s.judge_id),
        team_id: i64::from(s.team_id),
        round_id: i64::from(s.round_id),
        scores: scores.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect(),
        total: Points::from_hundredths(s.total).to_string(),
    }
}

async fn stored_scores(db: &impl ConnectionTrait, sheet_id: i32) -> Result<Vec<(i64, Points)>> {
    let mut rows = sheet_score::Entity::find().filter(sheet_score::Column::SheetId.eq(sheet_id)).all(db).await?;
    rows.sort_by_key(|r| r.criterion_id);
    Ok(rows.into_iter().map(|r| (i64::from(r.criterion_id), Points::from_hundredths(r.points))).collect())
}

/// `PUT /contests/{cid}/rounds/{rid}/teams/{tid}/sheet`.
///
/// What needs only the contest's shape is checked here, at once and in
/// parallel; the rest (the round still open, the team not withdrawn, the
/// points) in the single writer's transaction, which acknowledges the sheet
/// only after it commits.
pub async fn submit(
    svc: &Services,
    actor: &Actor,
    cid: i32,
    rid: i32,
    tid: i32,
    body: &SheetSubmission,
) -> Result<SheetView> {
    let l = svc.sheet_writer.shape(cid).await?;
    let round = l.round(rid).ok_or_else(|| Error::not_found("round"))?;
    l.team(tid).ok_or_else(|| Error::not_found("team"))?;
    if !access::judges_in(actor, cid, &l.panel) {
        return Err(Problem::NotOnPanel.into());
    }
    if RoundKind::parse(&round.kind) != Some(RoundKind::Judged) {
        return Err(Error::field("round", FieldFault::QuizRound));
    }
    let pending = Pending {
        actor: actor.clone(),
        cid,
        rid,
        tid,
        rubric: rubric_of(&l, rid, round.step),
        scores: body.scores.clone(),
        client_version: body.client_version,
    };
    svc.sheet_writer.submit(pending).await
}

/// A sheet whose shape checks passed, waiting for the writer.
pub(crate) struct Pending {
    pub actor: Actor,
    pub cid: i32,
    pub rid: i32,
    pub tid: i32,
    pub rubric: Vec<RubricLine>,
    pub scores: BTreeMap<String, serde_json::Value>,
    pub client_version: Option<i64>,
}

/// What one write transaction has read already: a batch of sheets reads
/// each round's state and each team's standing once.
#[derive(Default)]
pub(crate) struct Batch {
    pub cursor: ledger::Cursor,
    open: HashMap<i32, bool>,
    withdrawn: HashMap<i32, bool>,
}

/// A sheet written, and whether anything changed.
pub(crate) struct Written {
    pub view: SheetView,
    pub changed: bool,
}

/// Writes one sheet inside the writer's transaction. Every refusal comes
/// before the first write of the sheet, so a refused sheet leaves the
/// transaction as it found it for the others of the batch.
pub(crate) async fn write(txn: &impl ConnectionTrait, batch: &mut Batch, p: &Pending) -> Result<Written> {
    // Holding the contest first: a round locked meanwhile is seen below.
    ledger::hold(txn, &mut batch.cursor, p.cid).await?;
    let open = match batch.open.get(&p.rid) {
        Some(open) => *open,
        None => {
            let state = round::Entity::find_by_id(p.rid).one(txn).await?.and_then(|r| RoundState::parse(&r.state));
            let open = state == Some(RoundState::Open);
            batch.open.insert(p.rid, open);
            open
        }
    };
    if !open {
        return Err(Problem::RoundNotOpen.into());
    }
    let withdrawn = match batch.withdrawn.get(&p.tid) {
        Some(w) => *w,
        None => {
            let w = team::Entity::find_by_id(p.tid).one(txn).await?.is_none_or(|t| t.withdrawn_at.is_some());
            batch.withdrawn.insert(p.tid, w);
            w
        }
    };
    if withdrawn {
        return Err(Problem::TeamWithdrawn.into());
    }
    let mut points = rubric::check(&p.rubric, &p.scores)?;
    points.sort_by_key(|(c, _)| *c);
    let total = scoring::sheet_total(points.iter().map(|(_, p)| *p));

    let existing = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(p.rid))
        .filter(sheet::Column::TeamId.eq(p.tid))
        .filter(sheet::Column::JudgeId.eq(p.actor.user_id))
        .one(txn)
        .await?;
    let now = now_ms();
    let client_version = p.client_version.unwrap_or(0);
    let (saved, action, old) = match existing {
        Some(s) => {
            let old = stored_scores(txn, s.id).await?;
            if old == points {
                // The same sheet again (a retry): nothing changes.
                return Ok(Written { view: sheet_view(&s, &old), changed: false });
            }
            if p.client_version.is_some() && client_version <= s.client_version {
                // A late copy of an older version: the newer one stands.
                return Ok(Written { view: sheet_view(&s, &old), changed: false });
            }
            let old_view = sheet_view(&s, &old);
            let mut active: sheet::ActiveModel = s.into();
            active.total = Set(total.hundredths());
            active.client_version = Set(client_version);
            active.updated_at = Set(now);
            let s = active.update(txn).await?;
            sheet_score::Entity::delete_many().filter(sheet_score::Column::SheetId.eq(s.id)).exec(txn).await?;
            (s, "sheet.amend", audit::json(&old_view))
        }
        None => {
            let s = sheet::ActiveModel {
                contest_id: Set(p.cid),
                round_id: Set(p.rid),
                team_id: Set(p.tid),
                judge_id: Set(p.actor.user_id),
                total: Set(total.hundredths()),
                client_version: Set(client_version),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            (s, "sheet.submit", None)
        }
    };
    insert_scores(txn, saved.id, &points).await?;
    let view = sheet_view(&saved, &points);
    let record = Record {
        actor: Some(&p.actor),
        contest_id: Some(p.cid),
        action,
        object_type: "sheet",
        object_id: Some(saved.id),
        old,
        new: audit::json(&view),
    };
    audit::record_in(txn, &mut batch.cursor, record).await?;
    Ok(Written { view, changed: true })
}

async fn insert_scores(txn: &impl ConnectionTrait, sheet_id: i32, points: &[(i64, Points)]) -> Result<()> {
    if points.is_empty() {
        return Ok(());
    }
    let rows = points.iter().map(|(criterion_id, p)| sheet_score::ActiveModel {
        sheet_id: Set(sheet_id),
        criterion_id: Set(*criterion_id as i32),
        points: Set(p.hundredths()),
        ..Default::default()
    });
    sheet_score::Entity::insert_many(rows).exec(txn).await?;
    Ok(())
}

/// `GET /contests/{cid}/rounds/{rid}/sheets`: every sheet for the contest's
/// organisers; a judge sees only his own.
pub async fn list(db: &Db, actor: &Actor, cid: i32, rid: i32) -> Result<Vec<SheetListItem>> {
    let l = contests::load(db, cid).await?;
    l.round(rid).ok_or_else(|| Error::not_found("round"))?;
    let own_only = if access::manages(actor, &l.contest) {
        false
    } else if access::seat(db, actor, cid).await?.is_some() {
        true
    } else {
        return Err(Problem::Forbidden.into());
    };
    let mut q = sheet::Entity::find().filter(sheet::Column::RoundId.eq(rid));
    if own_only {
        q = q.filter(sheet::Column::JudgeId.eq(actor.user_id));
    }
    let sheets = q.all(db).await?;
    let ids: Vec<i32> = sheets.iter().map(|s| s.id).collect();
    let mut scores: HashMap<i32, BTreeMap<String, String>> = HashMap::new();
    for row in sheet_score::Entity::find().filter(sheet_score::Column::SheetId.is_in(ids)).all(db).await? {
        scores
            .entry(row.sheet_id)
            .or_default()
            .insert(row.criterion_id.to_string(), Points::from_hundredths(row.points).to_string());
    }
    let names = crate::accounts::users::usernames(db, sheets.iter().map(|s| s.judge_id)).await?;
    let order: HashMap<i32, i32> = l.teams.iter().map(|t| (t.id, t.running_order)).collect();
    let mut out: Vec<SheetListItem> = sheets
        .into_iter()
        .map(|s| SheetListItem {
            judge_id: i64::from(s.judge_id),
            judge_username: names.get(&s.judge_id).cloned().unwrap_or_default(),
            team_id: i64::from(s.team_id),
            scores: scores.remove(&s.id).unwrap_or_default(),
            total: Points::from_hundredths(s.total).to_string(),
            updated_at: rfc3339(s.updated_at),
        })
        .collect();
    out.sort_by(|a, b| {
        let ta = order.get(&(a.team_id as i32));
        let tb = order.get(&(b.team_id as i32));
        ta.cmp(&tb).then(a.judge_username.cmp(&b.judge_username))
    });
    Ok(out)
}
