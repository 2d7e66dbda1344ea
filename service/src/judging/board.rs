//! The secretary's board: who has sent which sheet, and a quiz round's
//! answers marked right or wrong.

use super::{managed, team_lines};
use crate::accounts::Actor;
use crate::contests;
use crate::db::{self, now_ms, rfc3339};
use crate::entity::{quiz_mark, sheet};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::Points;
use kheo_domain::api::{BoardCell, BoardView, QuizMark, QuizQuestion};
use kheo_domain::contest::RoundState;
use kheo_domain::i18n::Problem;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// The secretary's board: who has sent a sheet for which team in a round.
pub async fn board(svc: &crate::Services, actor: &Actor, cid: i32, round_id: i32) -> Result<BoardView> {
    let db = &svc.db;
    let l = contests::load(db, cid).await?;
    managed(&l, actor)?;
    let round = l.round(round_id).ok_or_else(|| Error::not_found("round"))?;
    let sheets = sheet::Entity::find().filter(sheet::Column::RoundId.eq(round_id)).all(db).await?;
    let marks = quiz_mark::Entity::find().filter(quiz_mark::Column::RoundId.eq(round_id)).all(db).await?;
    let view = contests::view(&l);
    let mut people: Vec<i32> = sheets.iter().filter_map(|s| s.entered_by).collect();
    people.extend(sheets.iter().filter_map(|s| s.confirmed_by));
    let names = crate::accounts::users::usernames(svc, people).await?;
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    let waiting = super::paper::waiting(svc, &l, round_id).await?;
    Ok(BoardView {
        waiting,
        trainees: view.trainees.clone(),
        conflicts: l.conflicts.iter().map(|c| (i64::from(c.judge_id), i64::from(c.team_id))).collect(),
        divergence_points: view.divergence_points.clone(),
        kind: round.kind,
        questions: l
            .questions_of(round_id)
            .map(|q| QuizQuestion {
                id: i64::from(q.id),
                prompt: q.prompt.clone(),
                options: contests::choices(q),
                answer: q.answer.clone(),
                points: Points::from_hundredths(q.points).to_string(),
            })
            .collect(),
        marks: marks
            .iter()
            .map(|m| QuizMark {
                team_id: i64::from(m.team_id),
                question_id: i64::from(m.question_id),
                correct: m.correct,
            })
            .collect(),
        contest_id: i64::from(cid),
        contest_name: l.contest.name.clone(),
        version: l.contest.version,
        rounds: view.rounds.iter().map(|r| (r.id, r.name.clone(), r.state)).collect(),
        round_id: i64::from(round.id),
        state: round.state,
        judges: view.judges,
        teams: team_lines(&l),
        cells: sheets
            .iter()
            .map(|s| BoardCell {
                team_id: i64::from(s.team_id),
                judge_id: i64::from(s.judge_id),
                total: Points::from_hundredths(s.total).to_string(),
                updated_at: rfc3339(s.updated_at),
                source: s.source,
                entered_by: name(s.entered_by),
                confirmed_by: name(s.confirmed_by),
            })
            .collect(),
    })
}

/// The secretary marks a team's answer to a quiz question right or wrong,
/// or clears the mark (`None`). Only while the round is open; audited.
#[allow(clippy::too_many_arguments)]
pub async fn mark_answer(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    round_id: i32,
    team_id: i32,
    question_id: i32,
    correct: Option<bool>,
) -> Result<()> {
    let (db, hub) = (&svc.db, &svc.hub);
    let txn = db::write(db).await?;
    let l = contests::load(&txn, cid).await?;
    managed(&l, actor)?;
    let round = l.round(round_id).ok_or_else(|| Error::not_found("round"))?;
    let question =
        l.questions_of(round_id).find(|q| q.id == question_id).ok_or_else(|| Error::not_found("question"))?;
    l.team(team_id).ok_or_else(|| Error::not_found("team"))?;
    if round.state != RoundState::Open {
        return Err(Problem::RoundNotOpen.into());
    }
    let before = quiz_mark::Entity::find()
        .filter(quiz_mark::Column::QuestionId.eq(question.id))
        .filter(quiz_mark::Column::TeamId.eq(team_id))
        .one(&txn)
        .await?;
    let old = before.as_ref().map(|m| m.correct);
    match (before, correct) {
        (Some(m), None) => {
            quiz_mark::Entity::delete_by_id(m.id).exec(&txn).await?;
        }
        (Some(m), Some(c)) => {
            let mut row: quiz_mark::ActiveModel = m.into();
            row.correct = Set(c);
            row.marked_by = Set(Some(actor.user_id));
            row.marked_at = Set(now_ms());
            row.update(&txn).await?;
        }
        (None, Some(c)) => {
            quiz_mark::ActiveModel {
                round_id: Set(round_id),
                team_id: Set(team_id),
                question_id: Set(question.id),
                correct: Set(c),
                marked_by: Set(Some(actor.user_id)),
                marked_at: Set(now_ms()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        (None, None) => {}
    }
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "quiz.mark",
            object_type: "team",
            object_id: Some(team_id),
            old: Some(serde_json::json!({"round_id": round_id, "question_id": question_id, "correct": old})),
            new: Some(serde_json::json!({"round_id": round_id, "question_id": question_id, "correct": correct})),
        },
    )
    .await?;
    journal::commit_change(txn, hub, cid).await
}
