//! The show in the hall: the quiz the MC runs on the projector (`quiz`),
//! the audience playing along (`play`) and the audience's vote (`vote`).
//! None of it touches the judges' standings: the quiz on screen and the
//! vote's state ride along in the public standings, never an unrevealed
//! answer or a count before the vote closes.

pub mod device;
pub mod play;
pub mod quiz;
pub mod vote;

pub use device::Audience;

use crate::db::now_ms;
use crate::entity::{contest, question, show, vote as ballot};
use crate::error::Result;
use kheo_domain::show::{self as rules, QuizPhase, QuizShow, ShownQuestion, VoteShow, VoteState};
use sea_orm::QuerySelect;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

/// The contest, or 404.
pub(crate) async fn contest(db: &impl ConnectionTrait, contest_id: i32) -> Result<contest::Model> {
    contest::Entity::find_by_id(contest_id).one(db).await?.ok_or_else(|| crate::Error::not_found("contest"))
}

/// The contest's show row, if anything was ever shown or voted.
pub(crate) async fn row(db: &impl ConnectionTrait, contest_id: i32) -> Result<Option<show::Model>> {
    Ok(show::Entity::find().filter(show::Column::ContestId.eq(contest_id)).one(db).await?)
}

/// The contest's show row, made on first use (inside a write).
pub(crate) async fn row_or_new(db: &impl ConnectionTrait, contest_id: i32) -> Result<show::Model> {
    if let Some(r) = row(db, contest_id).await? {
        return Ok(r);
    }
    Ok(show::ActiveModel {
        contest_id: Set(contest_id),
        revealed: Set("[]".into()),
        vote_state: Set(VoteState::Off),
        updated_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The questions whose answers the MC has revealed.
pub(crate) fn revealed(r: &show::Model) -> Vec<i32> {
    serde_json::from_str(&r.revealed).unwrap_or_default()
}

/// A question's choices, as stored.
pub(crate) fn options_of(q: &question::Model) -> Vec<String> {
    serde_json::from_str(&q.options).unwrap_or_default()
}

/// A question's number within its round, from 1.
async fn number_of(db: &impl ConnectionTrait, q: &question::Model) -> Result<u32> {
    let before = question::Entity::find()
        .filter(question::Column::RoundId.eq(q.round_id))
        .filter(question::Column::Position.lt(q.position))
        .all(db)
        .await?;
    Ok(before.len() as u32 + 1)
}

/// The quiz on screen as the public sees it: the answer only once revealed.
pub(crate) async fn quiz_view(db: &impl ConnectionTrait, r: &show::Model) -> Result<Option<QuizShow>> {
    let (Some(round_id), Some(qid), Some(phase)) = (r.quiz_round_id, r.quiz_question_id, r.quiz_phase) else {
        return Ok(None);
    };
    let Some(q) = question::Entity::find_by_id(qid).one(db).await? else {
        return Ok(None);
    };
    Ok(Some(QuizShow {
        round_id: i64::from(round_id),
        question: ShownQuestion {
            id: i64::from(q.id),
            number: number_of(db, &q).await?,
            prompt: q.prompt.clone(),
            options: options_of(&q),
        },
        phase,
        ends_at: r.quiz_ends_at.map(crate::db::rfc3339),
        answer: (phase == QuizPhase::Revealed).then(|| q.answer.clone()),
    }))
}

/// What the public standings carry of the show: the quiz on screen and the
/// vote's state (once opened).
pub async fn public(db: &impl ConnectionTrait, contest_id: i32) -> Result<(Option<QuizShow>, Option<VoteShow>)> {
    let Some(r) = row(db, contest_id).await? else {
        return Ok((None, None));
    };
    let vote = (r.vote_state != VoteState::Off)
        .then(|| VoteShow { state: r.vote_state, prize_name: r.vote_prize_name.clone() });
    Ok((quiz_view(db, &r).await?, vote))
}

/// Counted votes per team id (voided ones are not).
pub(crate) async fn counts(db: &impl ConnectionTrait, cid: i32) -> Result<HashMap<i32, u64>> {
    let rows: Vec<(i32, i64)> = ballot::Entity::find()
        .select_only()
        .column(ballot::Column::TeamId)
        .column_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), "n")
        .filter(ballot::Column::ContestId.eq(cid))
        .filter(ballot::Column::Voided.is_null())
        .group_by(ballot::Column::TeamId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(t, n)| (t, n.max(0) as u64)).collect())
}

/// The side prize a closed vote gives: its name and the most voted
/// team(s). None while open, unnamed, or without a counted vote.
pub async fn vote_prize(db: &impl ConnectionTrait, cid: i32) -> Result<Option<(String, Vec<i64>)>> {
    let Some(r) = row(db, cid).await? else {
        return Ok(None);
    };
    let (VoteState::Closed, Some(name)) = (r.vote_state, r.vote_prize_name) else {
        return Ok(None);
    };
    let counts: Vec<(i64, u64)> = counts(db, cid).await?.into_iter().map(|(t, n)| (i64::from(t), n)).collect();
    let winners = rules::vote_winners(&counts);
    Ok((!winners.is_empty()).then_some((name, winners)))
}
