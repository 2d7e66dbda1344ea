//! Score sheets (phiếu chấm điểm): one per judge, team and round.
//!
//! A sheet is acknowledged only after its transaction commits; one writer
//! commits the sheets waiting at that moment together (`writer`). The same
//! body again changes nothing; a different body amends the sheet while the
//! round is open; a tablet's older version arriving late never overwrites a
//! newer one.

use crate::Services;
use crate::accounts::Actor;
use crate::accounts::access;
use crate::contests::{self, ContestRows};
use crate::db::{now_ms, rfc3339};
use crate::entity::{conflict, round, sheet, sheet_score, team};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
pub(crate) use crate::records::sheet_view;
use kheo_domain::Points;
use kheo_domain::api::{SheetListItem, SheetSubmission, SheetView};
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::paper::SheetSource;
use kheo_domain::scoring;
use kheo_domain::sheet::{self as rubric, RubricLine};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, QueryFilter, Set};
use std::collections::{BTreeMap, HashMap};

/// The rubric of a round, for checking sheets.
pub fn rubric_of(l: &ContestRows, round_id: i32, round_step: i64) -> Vec<RubricLine> {
    l.criteria_of(round_id)
        .map(|c| RubricLine {
            id: i64::from(c.id),
            name: c.name.clone(),
            max: Points::from_hundredths(c.max_points),
            step: Points::from_hundredths(if c.step > 0 { c.step } else { round_step }),
        })
        .collect()
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
    let pending = prepare(svc, actor, cid, rid, tid, body).await?;
    svc.sheet_writer.submit(pending).await
}

/// The checks a sheet's contest shape answers: the sheet for the writer.
pub(crate) async fn prepare(
    svc: &Services,
    actor: &Actor,
    cid: i32,
    rid: i32,
    tid: i32,
    body: &SheetSubmission,
) -> Result<Pending> {
    let l = svc.sheet_writer.shape(cid).await?;
    let round = l.round(rid).ok_or_else(|| Error::not_found("round"))?;
    l.team(tid).ok_or_else(|| Error::not_found("team"))?;
    if !access::judges_in(actor, cid, &l.panel) {
        return Err(Problem::NotOnPanel.into());
    }
    if round.kind != RoundKind::Judged {
        return Err(Error::field("round", FieldFault::QuizRound));
    }
    Ok(Pending {
        actor: actor.clone(),
        cid,
        rid,
        tid,
        rubric: rubric_of(&l, rid, round.step),
        scores: body.scores.clone(),
        client_version: body.client_version,
    })
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

/// A sheet written, and whether anything changed.
pub(crate) struct Written {
    pub view: SheetView,
    pub changed: bool,
}

/// One sheet's place: a judge's sheet for a team in a round.
pub(crate) type Key = (i32, i32, i32);

fn key_of(p: &Pending) -> Key {
    (p.rid, p.tid, p.actor.user_id)
}

/// A sheet as the batch leaves it: stored already, or to be stored.
pub(crate) struct Current {
    pub sheet: sheet::Model,
    pub scores: Vec<(i64, Points)>,
    /// Not stored yet: its id is learnt once it is.
    pub new: bool,
}

/// A change the batch makes, for the log and the ledger once ids are known.
struct Change<'a> {
    pending: &'a Pending,
    action: &'static str,
    old: Option<SheetView>,
    new: SheetView,
}

/// Writes a batch of sheets inside the writer's transaction: each gets its
/// view (`changed` false for a retry or a late older copy) or its refusal.
///
/// Every sheet is decided in memory first, in the order the sheets came,
/// against what is stored and what the batch's earlier sheets made; then
/// the batch is written in a few statements whatever its size. A refusal
/// therefore never leaves anything half-written, and the same sheet twice in
/// one batch reads as a submission and its amendment.
pub(crate) async fn write_all(
    txn: &impl ConnectionTrait,
    cursor: &mut journal::chain::Cursor,
    pending: &[&Pending],
) -> Result<Vec<Result<Written>>> {
    // Holding each contest first (in one order, so two PostgreSQL writers
    // cannot deadlock): a round locked meanwhile is seen below.
    for cid in distinct(pending.iter().map(|p| p.cid)) {
        journal::chain::hold(txn, cursor, cid).await?;
    }
    let open: HashMap<i32, bool> = round::Entity::find()
        .filter(round::Column::Id.is_in(distinct(pending.iter().map(|p| p.rid))))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| (r.id, r.state == RoundState::Open))
        .collect();
    let present: HashMap<i32, bool> = team::Entity::find()
        .filter(team::Column::Id.is_in(distinct(pending.iter().map(|p| p.tid))))
        .all(txn)
        .await?
        .into_iter()
        .map(|t| (t.id, t.withdrawn_at.is_none()))
        .collect();
    // Read here, not with the contest's shape: conflicts may be set while
    // the rounds run, and another instance may have set them.
    let conflicted: std::collections::HashSet<(i32, i32, i32)> = conflict::Entity::find()
        .filter(conflict::Column::ContestId.is_in(distinct(pending.iter().map(|p| p.cid))))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| (c.contest_id, c.judge_id, c.team_id))
        .collect();
    let mut current = stored(txn, pending.iter().map(|p| key_of(p))).await?;

    let now = now_ms();
    let mut results = Vec::with_capacity(pending.len());
    let mut changes = Vec::new();
    for p in pending {
        if !open.get(&p.rid).copied().unwrap_or(false) {
            results.push(Err(Problem::RoundNotOpen.into()));
            continue;
        }
        if !present.get(&p.tid).copied().unwrap_or(false) {
            results.push(Err(Problem::TeamWithdrawn.into()));
            continue;
        }
        if conflicted.contains(&(p.cid, p.actor.user_id, p.tid)) {
            results.push(Err(Problem::ConflictOfInterest.into()));
            continue;
        }
        let mut points = match rubric::check(&p.rubric, &p.scores) {
            Ok(points) => points,
            Err(problem) => {
                results.push(Err(problem.into()));
                continue;
            }
        };
        points.sort_by_key(|(c, _)| *c);
        let total = scoring::sheet_total(points.iter().map(|(_, p)| *p)).hundredths();
        let client_version = p.client_version.unwrap_or(0);
        let written = match current.get_mut(&key_of(p)) {
            Some(c) if c.scores == points => {
                // The same sheet again (a retry): nothing changes.
                Written { view: sheet_view(&c.sheet, &c.scores), changed: false }
            }
            Some(c) if p.client_version.is_some() && client_version <= c.sheet.client_version => {
                // A late copy of an older version: the newer one stands.
                Written { view: sheet_view(&c.sheet, &c.scores), changed: false }
            }
            Some(c) => {
                let old = sheet_view(&c.sheet, &c.scores);
                c.sheet.total = total;
                c.sheet.client_version = client_version;
                c.sheet.updated_at = now;
                // The judge's own tablet speaks for him, over a paper
                // sheet typed for him before.
                c.sheet.source = SheetSource::Tablet;
                c.sheet.entered_by = None;
                c.sheet.confirmed_by = None;
                c.scores = points;
                let view = sheet_view(&c.sheet, &c.scores);
                changes.push(Change { pending: p, action: "sheet.amend", old: Some(old), new: view.clone() });
                Written { view, changed: true }
            }
            None => {
                let sheet = sheet::Model {
                    id: 0,
                    contest_id: p.cid,
                    round_id: p.rid,
                    team_id: p.tid,
                    judge_id: p.actor.user_id,
                    total,
                    client_version,
                    created_at: now,
                    updated_at: now,
                    source: SheetSource::Tablet,
                    entered_by: None,
                    confirmed_by: None,
                };
                let view = sheet_view(&sheet, &points);
                current.insert(key_of(p), Current { sheet, scores: points, new: true });
                changes.push(Change { pending: p, action: "sheet.submit", old: None, new: view.clone() });
                Written { view, changed: true }
            }
        };
        results.push(Ok(written));
    }
    if changes.is_empty() {
        return Ok(results);
    }

    // The sheets to write, in the order they came: new ones get their ids
    // in that order, as one by one.
    let mut changed: Vec<Key> = Vec::with_capacity(changes.len());
    for c in &changes {
        if !changed.contains(&key_of(c.pending)) {
            changed.push(key_of(c.pending));
        }
    }
    store(txn, &mut current, &changed).await?;
    let records = changes
        .into_iter()
        .map(|c| Record {
            actor: Some(&c.pending.actor),
            contest_id: Some(c.pending.cid),
            action: c.action,
            object_type: "sheet",
            object_id: current.get(&key_of(c.pending)).map(|s| s.sheet.id),
            old: c.old.as_ref().and_then(journal::json),
            new: journal::json(&c.new),
        })
        .collect();
    journal::record_all(txn, cursor, records).await?;
    Ok(results)
}

fn distinct(ids: impl Iterator<Item = i32>) -> Vec<i32> {
    let mut v: Vec<i32> = ids.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Sheets at these places.
fn at_places(keys: impl Iterator<Item = Key>) -> Condition {
    keys.fold(Condition::any(), |any, (rid, tid, jid)| {
        any.add(
            Condition::all()
                .add(sheet::Column::RoundId.eq(rid))
                .add(sheet::Column::TeamId.eq(tid))
                .add(sheet::Column::JudgeId.eq(jid)),
        )
    })
}

/// The sheets stored at these places, with their points.
pub(crate) async fn stored(
    txn: &impl ConnectionTrait,
    keys: impl Iterator<Item = Key>,
) -> Result<HashMap<Key, Current>> {
    let mut keys: Vec<Key> = keys.collect();
    keys.sort_unstable();
    keys.dedup();
    let sheets = sheet::Entity::find().filter(at_places(keys.into_iter())).all(txn).await?;
    let mut scores: HashMap<i32, Vec<(i64, Points)>> = HashMap::new();
    if !sheets.is_empty() {
        let rows = sheet_score::Entity::find()
            .filter(sheet_score::Column::SheetId.is_in(sheets.iter().map(|s| s.id)))
            .all(txn)
            .await?;
        for r in rows {
            scores.entry(r.sheet_id).or_default().push((i64::from(r.criterion_id), Points::from_hundredths(r.points)));
        }
    }
    Ok(sheets
        .into_iter()
        .map(|s| {
            let mut points = scores.remove(&s.id).unwrap_or_default();
            points.sort_by_key(|(c, _)| *c);
            ((s.round_id, s.team_id, s.judge_id), Current { sheet: s, scores: points, new: false })
        })
        .collect())
}

/// Writes the batch's new and amended sheets (`changed`, in order) and
/// their points, and learns the new sheets' ids.
pub(crate) async fn store(
    txn: &impl ConnectionTrait,
    current: &mut HashMap<Key, Current>,
    changed: &[Key],
) -> Result<()> {
    let amended: Vec<i32> = changed.iter().map(|k| &current[k]).filter(|c| !c.new).map(|c| c.sheet.id).collect();
    let rows: Vec<sheet::ActiveModel> = changed
        .iter()
        .map(|k| {
            let c = &current[k];
            let mut row: sheet::ActiveModel = c.sheet.clone().into();
            row.id = NotSet;
            row
        })
        .collect();
    // One statement for both: a new sheet is inserted; an amended one, its
    // place (round, team, judge) taken, has its total and version replaced.
    sheet::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([sheet::Column::RoundId, sheet::Column::TeamId, sheet::Column::JudgeId])
                .update_columns([
                    sheet::Column::Total,
                    sheet::Column::ClientVersion,
                    sheet::Column::UpdatedAt,
                    sheet::Column::Source,
                    sheet::Column::EnteredBy,
                    sheet::Column::ConfirmedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if changed.iter().any(|k| current[k].new) {
        let new = changed.iter().filter(|k| current[*k].new).copied();
        let ids = sheet::Entity::find().filter(at_places(new)).all(txn).await?;
        for s in ids {
            if let Some(c) = current.get_mut(&(s.round_id, s.team_id, s.judge_id)).filter(|c| c.new) {
                c.sheet.id = s.id;
            }
        }
    }
    if !amended.is_empty() {
        sheet_score::Entity::delete_many().filter(sheet_score::Column::SheetId.is_in(amended)).exec(txn).await?;
    }
    let points = changed.iter().map(|k| &current[k]).flat_map(|c| {
        c.scores.iter().map(|(criterion_id, p)| sheet_score::ActiveModel {
            sheet_id: Set(c.sheet.id),
            criterion_id: Set(*criterion_id as i32),
            points: Set(p.hundredths()),
            ..Default::default()
        })
    });
    let points: Vec<_> = points.collect();
    if !points.is_empty() {
        sheet_score::Entity::insert_many(points).exec_without_returning(txn).await?;
    }
    Ok(())
}

/// `GET /contests/{cid}/rounds/{rid}/sheets`: every sheet for the contest's
/// organisers; a judge sees only his own.
pub async fn list(svc: &crate::Services, actor: &Actor, cid: i32, rid: i32) -> Result<Vec<SheetListItem>> {
    let db = &svc.db;
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
    let mut people: Vec<i32> = sheets.iter().map(|s| s.judge_id).collect();
    people.extend(sheets.iter().filter_map(|s| s.entered_by));
    people.extend(sheets.iter().filter_map(|s| s.confirmed_by));
    let names = crate::accounts::users::usernames(svc, people).await?;
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    let order: HashMap<i32, i32> = l.teams.iter().map(|t| (t.id, t.running_order)).collect();
    let mut out: Vec<SheetListItem> = sheets
        .into_iter()
        .map(|s| SheetListItem {
            judge_id: i64::from(s.judge_id),
            judge_username: name(Some(s.judge_id)).unwrap_or_default(),
            team_id: i64::from(s.team_id),
            scores: scores.remove(&s.id).unwrap_or_default(),
            total: Points::from_hundredths(s.total).to_string(),
            updated_at: rfc3339(s.updated_at),
            source: s.source,
            entered_by: name(s.entered_by),
            confirmed_by: name(s.confirmed_by),
            trainee: l.panel.iter().any(|(seat, u)| u.id == s.judge_id && !seat.counts),
        })
        .collect();
    out.sort_by(|a, b| {
        let ta = order.get(&(a.team_id as i32));
        let tb = order.get(&(b.team_id as i32));
        ta.cmp(&tb).then(a.judge_username.cmp(&b.judge_username))
    });
    Ok(out)
}
