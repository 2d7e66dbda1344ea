//! Moving rounds through their states, and the secretary's over-time record.

use super::{commit_change, load, view};
use crate::accounts::Actor;
use crate::accounts::access;
use crate::audit::{self, Record};
use crate::db::{self, Db};
use crate::entity::{contest, panel_member, round};
use crate::error::{Error, Result};
use crate::standings::live::Hub;
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::definition::{self};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::scoring::Aggregation;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use kheo_domain::api::RoundView;

/// `PUT /contests/{cid}/rounds/{rid}/state`. Reopening is audited like
/// every other move.
pub async fn set_round_state(db: &Db, hub: &Hub, actor: &Actor, cid: i32, rid: i32, to: &str) -> Result<RoundView> {
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
    let from = RoundState::parse(&r.state).unwrap_or(RoundState::Draft);
    if !from.can_become(to_state) {
        return Err(Problem::InvalidTransition { from: from.as_str().into(), to: to_state.as_str().into() }.into());
    }
    if to_state == RoundState::Open && r.kind == RoundKind::Judged.as_str() {
        let seats = panel_member::Entity::find()
            .filter(panel_member::Column::ContestId.eq(cid))
            .filter(panel_member::Column::Counts.eq(true))
            .count(&txn)
            .await?;
        let aggregation = Aggregation::parse(&c.aggregation).unwrap_or(Aggregation::Mean);
        definition::panel_ready(aggregation, seats as usize)?;
    }
    let mut active: round::ActiveModel = r.into();
    active.state = Set(to_state.as_str().into());
    active.update(&txn).await?;
    let action =
        if from == RoundState::Locked && to_state == RoundState::Open { "round.reopen" } else { "round.state" };
    audit::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action,
            object_type: "round",
            object_id: Some(rid),
            old: Some(serde_json::json!({"state": from.as_str()})),
            new: Some(serde_json::json!({"state": to_state.as_str()})),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await?;
    let loaded = load(db, cid).await?;
    Ok(view(&loaded).rounds.into_iter().find(|r| r.id == i64::from(rid)).expect("the round was just updated"))
}

/// Records how long a team ran over a round's time limit (the secretary's
/// stopwatch); the deduction follows from the round's rule.
pub async fn set_overtime(db: &Db, hub: &Hub, actor: &Actor, cid: i32, rid: i32, tid: i32, seconds: u32) -> Result<()> {
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
    audit::record(
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
