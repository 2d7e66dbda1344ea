//! Score sheets (phiếu chấm điểm): one per judge, team and round.
//!
//! A sheet is acknowledged only after its transaction commits. The same
//! body again changes nothing; a different body amends the sheet while the
//! round is open; a tablet's older version arriving late never overwrites a
//! newer one.

use crate::accounts::Actor;
use crate::accounts::access;
use crate::audit::{self, Record};
use crate::contests::{self, Loaded};
use crate::db::{self, Db, now_ms, rfc3339};
use crate::entity::{round, sheet, sheet_score};
use crate::error::{Error, Result};
use crate::standings::live::Hub;
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
pub async fn submit(
    db: &Db,
    hub: &Hub,
    actor: &Actor,
    cid: i32,
    rid: i32,
    tid: i32,
    body: &SheetSubmission,
) -> Result<SheetView> {
    // Everything that can be checked is checked before the write lock is
    // taken, so that refusals and slow reads do not hold up other judges.
    let l = contests::load(db, cid).await?;
    let round = l.round(rid).ok_or_else(|| Error::not_found("round"))?.clone();
    let team = l.team(tid).ok_or_else(|| Error::not_found("team"))?;
    if !access::judges_in(actor, cid, &l.panel) {
        return Err(Problem::NotOnPanel.into());
    }
    if RoundKind::parse(&round.kind) != Some(RoundKind::Judged) {
        return Err(Error::field("round", FieldFault::QuizRound));
    }
    if RoundState::parse(&round.state) != Some(RoundState::Open) {
        return Err(Problem::RoundNotOpen.into());
    }
    if team.withdrawn_at.is_some() {
        return Err(Problem::TeamWithdrawn.into());
    }
    let mut points = rubric::check(&rubric_of(&l, rid, round.step), &body.scores)?;
    points.sort_by_key(|(c, _)| *c);
    let total = scoring::sheet_total(points.iter().map(|(_, p)| *p));

    let txn = db::write(db).await?;
    // The round may have been locked meanwhile: the state inside the
    // transaction is the one that counts.
    let state = round::Entity::find_by_id(rid).one(&txn).await?.and_then(|r| RoundState::parse(&r.state));
    if state != Some(RoundState::Open) {
        return Err(Problem::RoundNotOpen.into());
    }
    let existing = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(rid))
        .filter(sheet::Column::TeamId.eq(tid))
        .filter(sheet::Column::JudgeId.eq(actor.user_id))
        .one(&txn)
        .await?;
    let now = now_ms();
    let client_version = body.client_version.unwrap_or(0);
    let saved = match existing {
        Some(s) => {
            let old = stored_scores(&txn, s.id).await?;
            if old == points {
                // The same sheet again (a retry): nothing changes.
                return Ok(sheet_view(&s, &old));
            }
            if body.client_version.is_some() && client_version <= s.client_version {
                // A late copy of an older version: the newer one stands.
                return Ok(sheet_view(&s, &old));
            }
            let old_view = sheet_view(&s, &old);
            let mut active: sheet::ActiveModel = s.into();
            active.total = Set(total.hundredths());
            active.client_version = Set(client_version);
            active.updated_at = Set(now);
            let s = active.update(&txn).await?;
            sheet_score::Entity::delete_many().filter(sheet_score::Column::SheetId.eq(s.id)).exec(&txn).await?;
            insert_scores(&txn, s.id, &points).await?;
            let new_view = sheet_view(&s, &points);
            audit::record(
                &txn,
                Record {
                    actor: Some(actor),
                    contest_id: Some(cid),
                    action: "sheet.amend",
                    object_type: "sheet",
                    object_id: Some(s.id),
                    old: audit::json(&old_view),
                    new: audit::json(&new_view),
                },
            )
            .await?;
            s
        }
        None => {
            let s = sheet::ActiveModel {
                contest_id: Set(cid),
                round_id: Set(rid),
                team_id: Set(tid),
                judge_id: Set(actor.user_id),
                total: Set(total.hundredths()),
                client_version: Set(client_version),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            insert_scores(&txn, s.id, &points).await?;
            audit::record(
                &txn,
                Record {
                    actor: Some(actor),
                    contest_id: Some(cid),
                    action: "sheet.submit",
                    object_type: "sheet",
                    object_id: Some(s.id),
                    old: None,
                    new: audit::json(&sheet_view(&s, &points)),
                },
            )
            .await?;
            s
        }
    };
    contests::commit_change(txn, hub, cid).await?;
    Ok(sheet_view(&saved, &points))
}

async fn insert_scores(txn: &impl ConnectionTrait, sheet_id: i32, points: &[(i64, Points)]) -> Result<()> {
    for (criterion_id, p) in points {
        sheet_score::ActiveModel {
            sheet_id: Set(sheet_id),
            criterion_id: Set(*criterion_id as i32),
            points: Set(p.hundredths()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
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
