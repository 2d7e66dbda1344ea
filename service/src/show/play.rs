//! The audience plays along: each phone answers the question on screen
//! (its first answer counts), and the audience's own leaderboard ranks the
//! players by the questions revealed so far. Never the contest's standings.

use super::{options_of, revealed, row};
use crate::Services;
use crate::db::{self, now_ms};
use crate::entity::{play_answer, question, round};
use crate::error::{Error, Result};
use kheo_domain::Points;
use kheo_domain::api::{PlayAnswer, PlayBoard, PlayResult, PlayTaken};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::show::{self as rules, MAX_CHOICE, MAX_NICKNAME, PlayFault, PlayerLine, QuizPhase};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QuerySelect, Set,
};
use std::collections::HashMap;
use std::sync::Arc;

/// How many players the audience's leaderboard names.
pub const TOP: usize = 10;

fn fault(field: &str, f: PlayFault, max: usize) -> Error {
    Error::field(
        field,
        match f {
            PlayFault::Empty => FieldFault::Empty,
            PlayFault::TooLong => FieldFault::TooLong { max },
            PlayFault::NotAChoice => FieldFault::OneOf { allowed: Vec::new() },
        },
    )
}

/// Whether question `qid` belongs to contest `cid`.
async fn in_contest(db: &impl ConnectionTrait, cid: i32, qid: i32) -> Result<Option<question::Model>> {
    let Some(q) = question::Entity::find_by_id(qid).one(db).await? else {
        return Ok(None);
    };
    let r = round::Entity::find_by_id(q.round_id).one(db).await?;
    Ok(r.filter(|r| r.contest_id == cid).map(|_| q))
}

/// `POST /contests/{cid}/play`: the device's answer to the question on
/// screen, taken while it is shown and before its countdown ends; a second
/// answer from the same device changes nothing.
pub async fn answer(svc: &Services, cid: i32, device: &str, a: &PlayAnswer) -> Result<PlayTaken> {
    let now = now_ms();
    let qid = i32::try_from(a.question_id).map_err(|_| Error::not_found("question"))?;
    let show = row(&svc.db, cid).await?;
    let q = in_contest(&svc.db, cid, qid).await?;
    let Some(q) = q else {
        super::contest(&svc.db, cid).await?;
        return Err(Error::not_found("question"));
    };
    let open = show.as_ref().is_some_and(|s| {
        s.quiz_question_id == Some(qid)
            && s.quiz_phase == Some(QuizPhase::Shown)
            && s.quiz_ends_at.is_none_or(|end| now < end)
            && !revealed(s).contains(&qid)
    });
    if !open {
        return Err(Problem::PlayClosed.into());
    }
    let nickname = rules::check_nickname(&a.nickname).map_err(|f| fault("nickname", f, MAX_NICKNAME))?;
    let options = options_of(&q);
    let choice = rules::check_choice(&options, &a.choice).map_err(|f| match f {
        PlayFault::NotAChoice => {
            Error::field("choice", FieldFault::OneOf { allowed: (0..options.len()).map(rules::letter).collect() })
        }
        f => fault("choice", f, MAX_CHOICE),
    })?;
    let txn = db::write(&svc.db).await?;
    play_answer::Entity::insert(play_answer::ActiveModel {
        contest_id: Set(cid),
        question_id: Set(qid),
        device: Set(device.to_string()),
        nickname: Set(nickname),
        choice: Set(choice.clone()),
        at: Set(now),
        points: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([play_answer::Column::QuestionId, play_answer::Column::Device]).do_nothing().to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let kept = play_answer::Entity::find()
        .filter(play_answer::Column::QuestionId.eq(qid))
        .filter(play_answer::Column::Device.eq(device))
        .one(&txn)
        .await?
        .ok_or_else(|| Error::internal("an answer just stored is missing"))?;
    txn.commit().await?;
    Ok(PlayTaken { question_id: a.question_id, first: kept.at == now && kept.choice == choice, choice: kept.choice })
}

#[derive(FromQueryResult)]
struct Sum {
    device: String,
    nickname: String,
    points: i64,
}

/// The players ranked as of one cue of the MC: points change only when an
/// answer is revealed, so one ranking serves every phone until the next.
pub(crate) struct Ranked {
    lines: Vec<PlayerLine>,
    by_device: HashMap<String, usize>,
}

async fn ranked(db: &impl ConnectionTrait, cid: i32) -> Result<Ranked> {
    let sums = play_answer::Entity::find()
        .select_only()
        .column(play_answer::Column::Device)
        .column_as(Expr::cust("MAX(nickname)"), "nickname")
        .column_as(Expr::cust("CAST(COALESCE(SUM(points), 0) AS BIGINT)"), "points")
        .filter(play_answer::Column::ContestId.eq(cid))
        .filter(play_answer::Column::Points.is_not_null())
        .group_by(play_answer::Column::Device)
        .into_model::<Sum>()
        .all(db)
        .await?;
    let lines = rules::rank_players(
        sums.into_iter().map(|s| (s.device, s.nickname, Points::from_hundredths(s.points))).collect(),
    );
    let by_device = lines.iter().enumerate().map(|(i, (d, _))| (d.clone(), i)).collect();
    Ok(Ranked { lines: lines.into_iter().map(|(_, l)| l).collect(), by_device })
}

/// `GET /contests/{cid}/play/leaderboard`: the audience's top ten, the
/// answers received, and for a device that has played its own line and its
/// result on the last revealed question.
pub async fn board(svc: &Services, cid: i32, device: Option<&str>) -> Result<PlayBoard> {
    super::contest(&svc.db, cid).await?;
    let show = row(&svc.db, cid).await?;
    let answers = play_answer::Entity::find().filter(play_answer::Column::ContestId.eq(cid)).count(&svc.db).await?;
    let Some(show) = show else {
        return Ok(PlayBoard { players: Vec::new(), answers, me: None, last: None });
    };
    let ranking = svc.audience.ranking(cid, show.updated_at, || ranked(&svc.db, cid)).await?;
    let me = device.and_then(|d| ranking.by_device.get(d)).map(|&i| ranking.lines[i].clone());
    let last = match (device, revealed(&show).last()) {
        (Some(d), Some(&qid)) => play_answer::Entity::find()
            .filter(play_answer::Column::QuestionId.eq(qid))
            .filter(play_answer::Column::Device.eq(d))
            .one(&svc.db)
            .await?
            .and_then(|a| {
                a.points.map(|p| PlayResult {
                    question_id: i64::from(qid),
                    choice: a.choice,
                    correct: p > 0,
                    points: Points::from_hundredths(p).fixed2(),
                })
            }),
        _ => None,
    };
    Ok(PlayBoard { players: ranking.lines.iter().take(TOP).cloned().collect(), answers, me, last })
}

impl super::Audience {
    /// The ranking as of the show's last change, computed once per change.
    pub(crate) async fn ranking<F, Fut>(&self, cid: i32, stamp: i64, compute: F) -> Result<Arc<Ranked>>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Ranked>>,
    {
        if let Some((s, r)) = self.rankings.lock().expect("audience lock").get(&cid)
            && *s == stamp
        {
            return Ok(r.clone());
        }
        let fresh = Arc::new(compute().await?);
        self.rankings.lock().expect("audience lock").insert(cid, (stamp, fresh.clone()));
        Ok(fresh)
    }
}
