//! The MC's cue: a question shown with its countdown, its answer revealed,
//! or taken off the screen. Every screen follows through the standings.

use super::{options_of, quiz_view, revealed, row_or_new};
use crate::Services;
use crate::accounts::{Actor, access};
use crate::contests::load;
use crate::db::{self, now_ms};
use crate::entity::{play_answer, question, show};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::api::QuizCue;
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::show::{self as rules, MAX_SECONDS, QuizPhase, QuizShow};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// `PUT /contests/{cid}/rounds/{rid}/quiz`. A question is shown only while
/// its round is open; revealing it scores the audience's answers to it.
pub async fn cue(svc: &Services, actor: &Actor, cid: i32, round_id: i32, cue: &QuizCue) -> Result<QuizShow> {
    let txn = db::write(&svc.db).await?;
    let l = load(&txn, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    let round = l.round(round_id).ok_or_else(|| Error::not_found("round"))?;
    if round.kind != RoundKind::Quiz {
        return Err(Error::field("round", FieldFault::one_of(&[RoundKind::Quiz.as_str()])));
    }
    let q = i32::try_from(cue.question_id)
        .ok()
        .and_then(|id| l.questions.iter().find(|q| q.id == id && q.round_id == round_id))
        .ok_or_else(|| Error::not_found("question"))?
        .clone();
    let words: Vec<&str> = QuizPhase::ALL.iter().map(|p| p.as_str()).collect();
    let phase = QuizPhase::parse(&cue.phase).ok_or_else(|| Error::field("phase", FieldFault::one_of(&words)))?;
    match cue.seconds {
        Some(0) => return Err(Error::field("seconds", FieldFault::NotPositive)),
        Some(s) if s > MAX_SECONDS => return Err(Error::field("seconds", FieldFault::TooLarge)),
        _ => {}
    }
    if phase == QuizPhase::Shown && round.state != RoundState::Open {
        return Err(Problem::RoundNotOpen.into());
    }
    let current = row_or_new(&txn, cid).await?;
    let now = now_ms();
    let mut shown_ids = revealed(&current);
    let mut active: show::ActiveModel = current.clone().into();
    active.quiz_round_id = Set(Some(round_id));
    active.quiz_question_id = Set(Some(q.id));
    active.quiz_phase = Set(Some(phase));
    active.updated_at = Set(now);
    match phase {
        QuizPhase::Shown => active.quiz_ends_at = Set(cue.seconds.map(|s| now + i64::from(s) * 1000)),
        QuizPhase::Revealed => {
            if !shown_ids.contains(&q.id) {
                shown_ids.push(q.id);
                active.revealed = Set(serde_json::to_string(&shown_ids).unwrap_or_else(|_| "[]".into()));
            }
            score_answers(&txn, &q).await?;
        }
        QuizPhase::Closed => {}
    }
    let updated = active.update(&txn).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "quiz.cue",
            object_type: "question",
            object_id: Some(q.id),
            old: current.quiz_phase.map(|p| json!({"question_id": current.quiz_question_id, "phase": p.as_str()})),
            new: Some(json!({"question_id": q.id, "phase": phase.as_str(), "seconds": cue.seconds})),
        },
    )
    .await?;
    let view = quiz_view(&txn, &updated).await?.ok_or_else(|| Error::internal("the cued question vanished"))?;
    journal::commit_change(txn, &svc.hub, cid).await?;
    Ok(view)
}

/// Gives each audience answer to `q` its points, now that its answer is
/// out: the question's points if right, else nothing.
async fn score_answers(txn: &impl sea_orm::ConnectionTrait, q: &question::Model) -> Result<()> {
    let options = options_of(q);
    let answers = play_answer::Entity::find().filter(play_answer::Column::QuestionId.eq(q.id)).all(txn).await?;
    let (right, wrong): (Vec<_>, Vec<_>) =
        answers.into_iter().partition(|a| rules::is_right(&options, &q.answer, &a.choice));
    for (ids, points) in [(right, q.points), (wrong, 0)] {
        let ids: Vec<i32> = ids.into_iter().map(|a| a.id).collect();
        for chunk in ids.chunks(500) {
            play_answer::Entity::update_many()
                .col_expr(play_answer::Column::Points, sea_orm::sea_query::Expr::value(points))
                .filter(play_answer::Column::Id.is_in(chunk.to_vec()))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}
