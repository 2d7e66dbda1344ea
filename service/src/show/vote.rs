//! The audience's vote (bình chọn): the organisers open and close it and
//! name its prize; a device holds one vote and may move it; counts stay
//! hidden from the public until it closes, when the most voted team(s) win
//! its side prize. One address voting far faster than people do is slowed
//! (429), and the organisers may void an address's votes, with a reason.

use super::{contest, row, row_or_new};
use crate::Services;
use crate::accounts::{Actor, access};
use crate::db::{self, now_ms};
use crate::entity::{team, vote};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::api::{BallotTaken, TeamVotes, VoidAddress, Voided, VoteAddress, VoteStatus, VoteSwitch, VoteTally};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::show::{self as rules, VOTE_RATE, VoteState};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use std::collections::BTreeMap;

/// The longest prize name and voiding reason.
const MAX_TEXT: usize = 200;

fn status(state: VoteState, prize_name: Option<String>) -> VoteStatus {
    VoteStatus { open: state == VoteState::Open, prize_name, state }
}

/// `PUT /contests/{cid}/vote`: opens or closes the vote, names its prize.
/// Closing a vote never opened leaves it off.
pub async fn switch(svc: &Services, actor: &Actor, cid: i32, s: &VoteSwitch) -> Result<VoteStatus> {
    let txn = db::write(&svc.db).await?;
    let c = contest(&txn, cid).await?;
    if !access::manages(actor, &c) {
        return Err(Problem::Forbidden.into());
    }
    let prize = s.prize_name.as_deref().map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "));
    if prize.as_ref().is_some_and(|p| p.chars().count() > MAX_TEXT) {
        return Err(Error::field("prize_name", FieldFault::TooLong { max: MAX_TEXT }));
    }
    let current = row_or_new(&txn, cid).await?;
    let state = match (s.open, current.vote_state) {
        (true, _) => VoteState::Open,
        (false, VoteState::Off) => VoteState::Off,
        (false, _) => VoteState::Closed,
    };
    let prize = match prize {
        Some(p) if p.is_empty() => None,
        Some(p) => Some(p),
        None => current.vote_prize_name.clone(),
    };
    let mut active: crate::entity::show::ActiveModel = current.clone().into();
    active.vote_state = Set(state);
    active.vote_prize_name = Set(prize.clone());
    active.updated_at = Set(now_ms());
    active.update(&txn).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "vote.switch",
            object_type: "contest",
            object_id: Some(cid),
            old: Some(json!({"state": current.vote_state.as_str(), "prize_name": current.vote_prize_name})),
            new: Some(json!({"state": state.as_str(), "prize_name": prize})),
        },
    )
    .await?;
    // The standings carry the vote's state, and a closed vote's prize is in
    // the results: both are recomputed.
    journal::commit_change(txn, &svc.hub, cid).await?;
    Ok(status(state, prize))
}

/// `POST /contests/{cid}/votes`: the device's vote, new or moved.
pub async fn cast(svc: &Services, cid: i32, device: &str, address: &str, team_id: i64) -> Result<BallotTaken> {
    contest(&svc.db, cid).await?;
    if row(&svc.db, cid).await?.is_none_or(|r| r.vote_state != VoteState::Open) {
        return Err(Problem::VoteClosed.into());
    }
    let tid = i32::try_from(team_id).map_err(|_| Error::not_found("team"))?;
    let t = team::Entity::find_by_id(tid).one(&svc.db).await?;
    if t.is_none_or(|t| t.contest_id != cid || t.withdrawn_at.is_some()) {
        return Err(Error::not_found("team"));
    }
    let now = now_ms();
    svc.audience
        .pace(cid, address, VOTE_RATE, now)
        .map_err(|retry_after_secs| Error::from(Problem::TooManyVotes { retry_after_secs }))?;
    let txn = db::write(&svc.db).await?;
    let before = vote::Entity::find()
        .filter(vote::Column::ContestId.eq(cid))
        .filter(vote::Column::Device.eq(device))
        .one(&txn)
        .await?;
    match &before {
        // A voided vote stays voided wherever it moves.
        Some(v) => {
            vote::Entity::update_many()
                .col_expr(vote::Column::TeamId, Expr::value(tid))
                .col_expr(vote::Column::Address, Expr::value(address))
                .col_expr(vote::Column::At, Expr::value(now))
                .filter(vote::Column::Id.eq(v.id))
                .exec(&txn)
                .await?;
        }
        None => {
            vote::Entity::insert(vote::ActiveModel {
                contest_id: Set(cid),
                device: Set(device.to_string()),
                team_id: Set(tid),
                address: Set(address.to_string()),
                at: Set(now),
                voided: Set(None),
                ..Default::default()
            })
            .on_conflict(OnConflict::columns([vote::Column::ContestId, vote::Column::Device]).do_nothing().to_owned())
            .exec_without_returning(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(BallotTaken { team_id, moved: before.is_some_and(|v| v.team_id != tid) })
}

/// `GET /contests/{cid}/votes`: to its organisers at any time, to anyone
/// once the vote has closed.
pub async fn tally(svc: &Services, viewer: Option<&Actor>, cid: i32) -> Result<VoteTally> {
    let c = contest(&svc.db, cid).await?;
    let r = row(&svc.db, cid).await?;
    let state = r.as_ref().map_or(VoteState::Off, |r| r.vote_state);
    if state != VoteState::Closed && !viewer.is_some_and(|a| access::manages(a, &c)) {
        return Err(Problem::VotesHidden.into());
    }
    let counts = super::counts(&svc.db, cid).await?;
    let teams = team::Entity::find()
        .filter(team::Column::ContestId.eq(cid))
        .order_by_asc(team::Column::RunningOrder)
        .all(&svc.db)
        .await?;
    let mut lines: Vec<TeamVotes> = teams
        .into_iter()
        .filter(|t| t.withdrawn_at.is_none())
        .map(|t| TeamVotes { team_id: i64::from(t.id), votes: counts.get(&t.id).copied().unwrap_or(0), name: t.name })
        .collect();
    lines.sort_by_key(|l| std::cmp::Reverse(l.votes));
    Ok(VoteTally {
        open: state == VoteState::Open,
        total: lines.iter().map(|l| l.votes).sum(),
        teams: lines,
        prize_name: r.and_then(|r| r.vote_prize_name),
        state,
    })
}

/// The vote's state, for the organisers' card.
pub async fn state(svc: &Services, actor: &Actor, cid: i32) -> Result<VoteStatus> {
    let c = contest(&svc.db, cid).await?;
    if !access::manages(actor, &c) {
        return Err(Problem::Forbidden.into());
    }
    let r = row(&svc.db, cid).await?;
    Ok(r.map_or_else(|| status(VoteState::Off, None), |r| status(r.vote_state, r.vote_prize_name)))
}

/// `GET /contests/{cid}/votes/addresses`: where the votes came from, the
/// busiest first, for the organisers to spot a script.
pub async fn addresses(svc: &Services, actor: &Actor, cid: i32) -> Result<Vec<VoteAddress>> {
    let c = contest(&svc.db, cid).await?;
    if !access::manages(actor, &c) {
        return Err(Problem::Forbidden.into());
    }
    let votes = vote::Entity::find().filter(vote::Column::ContestId.eq(cid)).all(&svc.db).await?;
    let mut by: BTreeMap<String, Vec<vote::Model>> = BTreeMap::new();
    for v in votes {
        by.entry(v.address.clone()).or_default().push(v);
    }
    let mut out: Vec<VoteAddress> = by
        .into_iter()
        .map(|(address, vs)| {
            let times: Vec<i64> = vs.iter().map(|v| v.at).collect();
            VoteAddress {
                address,
                votes: vs.iter().filter(|v| v.voided.is_none()).count() as u64,
                voided: vs.iter().filter(|v| v.voided.is_some()).count() as u64,
                busiest_minute: rules::busiest_minute(&times) as u64,
                reason: vs.iter().find_map(|v| v.voided.clone()),
            }
        })
        .collect();
    out.sort_by(|a, b| b.busiest_minute.cmp(&a.busiest_minute).then(b.votes.cmp(&a.votes)));
    Ok(out)
}

/// `POST /contests/{cid}/votes/void`: voids every vote from an address,
/// with the reason in the change log.
pub async fn void_address(svc: &Services, actor: &Actor, cid: i32, v: &VoidAddress) -> Result<Voided> {
    let reason = v.reason.split_whitespace().collect::<Vec<_>>().join(" ");
    let address = v.address.trim().to_string();
    let txn = db::write(&svc.db).await?;
    let c = contest(&txn, cid).await?;
    if !access::manages(actor, &c) {
        return Err(Problem::Forbidden.into());
    }
    if reason.is_empty() {
        return Err(Error::field("reason", FieldFault::Empty));
    }
    if reason.chars().count() > MAX_TEXT {
        return Err(Error::field("reason", FieldFault::TooLong { max: MAX_TEXT }));
    }
    let hit = vote::Entity::update_many()
        .col_expr(vote::Column::Voided, Expr::value(reason.clone()))
        .filter(vote::Column::ContestId.eq(cid))
        .filter(vote::Column::Address.eq(address.clone()))
        .filter(vote::Column::Voided.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "vote.void",
            object_type: "contest",
            object_id: Some(cid),
            old: None,
            new: Some(json!({"address": address, "reason": reason, "voided": hit})),
        },
    )
    .await?;
    // A closed vote's prize may change hands.
    journal::commit_change(txn, &svc.hub, cid).await?;
    Ok(Voided { address, voided: hit })
}
