//! Moving rounds through their states, and the secretary's over-time record.

use super::{commit_change, load, view};
use crate::accounts::Actor;
use crate::accounts::access;
use crate::db::{self};
use crate::entity::{conflict, contest, criterion, panel_member, question, quiz_mark, round, sheet, team};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::definition::{self};
use kheo_domain::i18n::{FieldFault, Problem};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use kheo_domain::api::{Gap, RoundGaps, RoundView};
use kheo_domain::completeness;

/// `PUT /contests/{cid}/rounds/{rid}/state`. Reopening is audited like
/// every other move.
pub async fn set_round_state(svc: &crate::Services, actor: &Actor, cid: i32, rid: i32, to: &str) -> Result<RoundView> {
    let (db, hub) = (&svc.db, &svc.hub);
    let to_state = RoundState::parse(to)
        .filter(|s| *s != RoundState::Draft)
        .ok_or_else(|| Error::field("state", FieldFault::one_of(&["open", "locked", "published"])))?;
    let txn = db::write(db).await?;
    let c = contest::Entity::find_by_id(cid).one(&txn).await?.ok_or_else(|| Error::not_found("contest"))?;
    if !access::manages(actor, &c) {
        return Err(Problem::Forbidden.into());
    }
    let r = round::Entity::find_by_id(rid)
        .one(&txn)
        .await?
        .filter(|r| r.contest_id == cid)
        .ok_or_else(|| Error::not_found("round"))?;
    let from = r.state;
    if !from.can_become(to_state) {
        return Err(Problem::InvalidTransition { from: from.as_str().into(), to: to_state.as_str().into() }.into());
    }
    let kind = r.kind;
    if to_state == RoundState::Open {
        let criteria = criterion::Entity::find().filter(criterion::Column::RoundId.eq(rid)).count(&txn).await?;
        let questions = question::Entity::find().filter(question::Column::RoundId.eq(rid)).count(&txn).await?;
        if let Some(lack) = completeness::lacks(kind, criteria as usize, questions as usize) {
            return Err(Problem::RoundIncomplete { round: r.name.clone(), lack }.into());
        }
    }
    if to_state == RoundState::Open && kind == RoundKind::Judged {
        let seats = panel_member::Entity::find()
            .filter(panel_member::Column::ContestId.eq(cid))
            .filter(panel_member::Column::Counts.eq(true))
            .count(&txn)
            .await?;
        definition::panel_ready(c.aggregation, seats as usize)?;
    }
    // Locking short of sheets is allowed (scripts do it); the ledger keeps
    // how many were missing, so the record can say so.
    let missing = if to_state == RoundState::Locked && from == RoundState::Open {
        Some(missing_in(&txn, cid, &r).await?.len())
    } else {
        None
    };
    let round_name = r.name.clone();
    let mut active: round::ActiveModel = r.into();
    active.state = Set(to_state);
    active.update(&txn).await?;
    if to_state == RoundState::Published {
        crate::models::council::recognise(&txn, actor, &c).await?;
    }
    if from == RoundState::Published {
        crate::models::council::withdraw(&txn, actor, &c).await?;
    }
    let action = match (from, to_state) {
        (RoundState::Locked, RoundState::Open) => "round.reopen",
        (RoundState::Published, RoundState::Locked) => "round.unpublish",
        _ => "round.state",
    };
    let mut new = serde_json::json!({"state": to_state.as_str(), "round": round_name});
    if let Some(n) = missing {
        new["missing"] = serde_json::json!(n);
    }
    if from == RoundState::Published {
        new["publication_withdrawn"] = serde_json::json!(true);
    }
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action,
            object_type: "round",
            object_id: Some(rid),
            old: Some(serde_json::json!({"state": from.as_str()})),
            new: Some(new),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await?;
    let loaded = load(db, cid).await?;
    Ok(view(&loaded).rounds.into_iter().find(|r| r.id == i64::from(rid)).expect("the round was just updated"))
}

/// The sheets (or quiz marks) a round is still waiting for: every judge who
/// counts, for every team not withdrawn; for a quiz, every question for
/// every such team.
async fn missing_in(db: &impl ConnectionTrait, cid: i32, r: &round::Model) -> Result<Vec<(i64, i64)>> {
    let teams: Vec<i64> = team::Entity::find()
        .filter(team::Column::ContestId.eq(cid))
        .filter(team::Column::WithdrawnAt.is_null())
        .order_by_asc(team::Column::RunningOrder)
        .all(db)
        .await?
        .iter()
        .map(|t| i64::from(t.id))
        .collect();
    if r.kind == RoundKind::Quiz {
        let questions: Vec<i64> = question::Entity::find()
            .filter(question::Column::RoundId.eq(r.id))
            .order_by_asc(question::Column::Position)
            .all(db)
            .await?
            .iter()
            .map(|q| i64::from(q.id))
            .collect();
        let marked: Vec<(i64, i64)> = quiz_mark::Entity::find()
            .filter(quiz_mark::Column::RoundId.eq(r.id))
            .all(db)
            .await?
            .iter()
            .map(|m| (i64::from(m.team_id), i64::from(m.question_id)))
            .collect();
        return Ok(completeness::unmarked(&teams, &questions, &marked));
    }
    let judges: Vec<i64> = panel_member::Entity::find()
        .filter(panel_member::Column::ContestId.eq(cid))
        .filter(panel_member::Column::Counts.eq(true))
        .order_by_asc(panel_member::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|p| i64::from(p.user_id))
        .collect();
    let sent: Vec<(i64, i64)> = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(r.id))
        .all(db)
        .await?
        .iter()
        .map(|s| (i64::from(s.team_id), i64::from(s.judge_id)))
        .collect();
    // A sheet a judge in conflict will never send is not missing.
    let excused: Vec<(i64, i64)> = conflict::Entity::find()
        .filter(conflict::Column::ContestId.eq(cid))
        .all(db)
        .await?
        .iter()
        .map(|c| (i64::from(c.team_id), i64::from(c.judge_id)))
        .collect();
    let mut missing = completeness::missing_sheets(&teams, &judges, &sent);
    missing.retain(|pair| !excused.contains(pair));
    Ok(missing)
}

/// What a round still lacks, for its organiser: what it needs to open, and
/// the sheets or marks not yet in, each named (judge or question, team).
pub async fn round_gaps(svc: &crate::Services, actor: &Actor, cid: i32, rid: i32) -> Result<RoundGaps> {
    let db = &svc.db;
    let l = load(db, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    let r = l.round(rid).ok_or_else(|| Error::not_found("round"))?.clone();
    let kind = r.kind;
    let lack = completeness::lacks(kind, l.criteria_of(rid).count(), l.questions_of(rid).count());
    let team_name =
        |id: i64| l.teams.iter().find(|t| i64::from(t.id) == id).map(|t| t.name.clone()).unwrap_or_default();
    let missing = missing_in(db, cid, &r)
        .await?
        .into_iter()
        .map(|(team, other)| Gap {
            team_id: team,
            team: team_name(team),
            judge: (kind == RoundKind::Judged).then(|| {
                l.panel
                    .iter()
                    .find(|(_, u)| i64::from(u.id) == other)
                    .map(|(_, u)| u.display_name.clone())
                    .unwrap_or_default()
            }),
            question: (kind == RoundKind::Quiz)
                .then(|| l.questions_of(rid).position(|q| i64::from(q.id) == other).map(|p| p as u32 + 1))
                .flatten(),
        })
        .collect();
    Ok(RoundGaps { round_id: i64::from(rid), round: r.name.clone(), lack, missing })
}

/// Records how long a team ran over a round's time limit (the secretary's
/// stopwatch); the deduction follows from the round's rule.
pub async fn set_overtime(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    rid: i32,
    tid: i32,
    seconds: u32,
) -> Result<()> {
    let (db, hub) = (&svc.db, &svc.hub);
    use crate::entity::team_round_note;
    let txn = db::write(db).await?;
    let l = load(&txn, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    l.round(rid).ok_or_else(|| Error::not_found("round"))?;
    l.team(tid).ok_or_else(|| Error::not_found("team"))?;
    if seconds > 24 * 3600 {
        return Err(Error::field("seconds", FieldFault::TooLarge));
    }
    let existing = team_round_note::Entity::find()
        .filter(team_round_note::Column::RoundId.eq(rid))
        .filter(team_round_note::Column::TeamId.eq(tid))
        .one(&txn)
        .await?;
    let old = existing.as_ref().map(|n| n.overtime_seconds);
    match existing {
        Some(n) => {
            let mut active: team_round_note::ActiveModel = n.into();
            active.overtime_seconds = Set(seconds as i32);
            active.update(&txn).await?;
        }
        None => {
            team_round_note::ActiveModel {
                round_id: Set(rid),
                team_id: Set(tid),
                overtime_seconds: Set(seconds as i32),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "team.overtime",
            object_type: "team",
            object_id: Some(tid),
            old: old.map(|s| serde_json::json!({"round_id": rid, "seconds": s})),
            new: Some(serde_json::json!({"round_id": rid, "seconds": seconds})),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await?;
    Ok(())
}
