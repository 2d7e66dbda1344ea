//! The judges' side: sign-in passes (link or QR code plus a short PIN), the
//! team on stage, a judge's desk, and the secretary's board.

use crate::access;
use crate::audit::{self, Record};
use crate::auth::{self, Actor, Origin, Throttle};
use crate::contests::{self, Loaded};
use crate::db::{self, Db, now_ms, rfc3339};
use crate::entity::{contest, judge_pass, quiz_mark, session, sheet, sheet_score};
use crate::error::{Error, Result};
use crate::live::Hub;
use kheo_domain::Points;
use kheo_domain::api::{
    BoardCell, BoardView, DeskRound, JudgeDesk, JudgePassView, NewJudgePass, QuizMark, QuizQuestion, TeamLine,
};
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::i18n::Problem;
use kheo_domain::standings::Stage;
use kheo_domain::user::Role;
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// How long a printed pass can be redeemed.
pub const PASS_TTL: Duration = Duration::from_secs(3 * 24 * 3600);
/// How long a judge's tablet stays signed in: the contest day.
pub const JUDGE_SESSION_TTL: Duration = Duration::from_secs(16 * 3600);

fn managed(l: &Loaded, actor: &Actor) -> Result<()> {
    if access::manages(actor, &l.contest) { Ok(()) } else { Err(Problem::Forbidden.into()) }
}

/// Issues a new pass for every judge on the panel (or only `judge_id`),
/// revoking older ones. The link token and the PIN are shown once, here:
/// only their hashes are kept.
pub async fn issue_passes(db: &Db, actor: &Actor, cid: i32, judge_id: Option<i32>) -> Result<Vec<NewJudgePass>> {
    let l = contests::load(db, cid).await?;
    managed(&l, actor)?;
    let judges: Vec<_> = l.panel.iter().filter(|(_, u)| judge_id.is_none_or(|j| j == u.id)).collect();
    if judges.is_empty() {
        return Err(Error::not_found("judge"));
    }
    // Hash the PINs before taking the write lock: argon2 takes a while.
    let mut issued = Vec::with_capacity(judges.len());
    for (_, u) in &judges {
        let (token, token_hash) = auth::new_token();
        let pin = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
        let pin_hash = auth::hash_password(pin.clone()).await?;
        issued.push((u.clone(), token, token_hash, pin, pin_hash));
    }
    let now = now_ms();
    let txn = db::write(db).await?;
    let mut out = Vec::with_capacity(issued.len());
    for (u, token, token_hash, pin, pin_hash) in issued {
        revoke_in(&txn, cid, u.id, now).await?;
        judge_pass::ActiveModel {
            contest_id: Set(cid),
            user_id: Set(u.id),
            token_hash: Set(token_hash),
            pin_hash: Set(pin_hash),
            created_by: Set(Some(actor.user_id)),
            created_at: Set(now),
            expires_at: Set(now + PASS_TTL.as_millis() as i64),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            Record {
                actor: Some(actor),
                contest_id: Some(cid),
                action: "judge_pass.issue",
                object_type: "user",
                object_id: Some(u.id),
                old: None,
                new: None,
            },
        )
        .await?;
        out.push(NewJudgePass {
            judge_id: i64::from(u.id),
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            link_path: format!("/j/{token}"),
            pin,
        });
    }
    txn.commit().await?;
    Ok(out)
}

/// Revokes a judge's passes for a contest and ends the tablet sessions
/// they opened.
async fn revoke_in(txn: &impl sea_orm::ConnectionTrait, cid: i32, user_id: i32, now: i64) -> Result<()> {
    let live = judge_pass::Entity::find()
        .filter(judge_pass::Column::ContestId.eq(cid))
        .filter(judge_pass::Column::UserId.eq(user_id))
        .filter(judge_pass::Column::RevokedAt.is_null())
        .all(txn)
        .await?;
    for p in live {
        let mut a: judge_pass::ActiveModel = p.into();
        a.revoked_at = Set(Some(now));
        a.update(txn).await?;
    }
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ContestId.eq(cid))
        .filter(session::Column::Kind.eq("judge_pass"))
        .exec(txn)
        .await?;
    Ok(())
}

/// Revokes a judge's passes and signs his tablets out of the contest.
pub async fn revoke_passes(db: &Db, actor: &Actor, cid: i32, judge_id: i32) -> Result<()> {
    let l = contests::load(db, cid).await?;
    managed(&l, actor)?;
    let txn = db::write(db).await?;
    revoke_in(&txn, cid, judge_id, now_ms()).await?;
    audit::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "judge_pass.revoke",
            object_type: "user",
            object_id: Some(judge_id),
            old: None,
            new: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The passes of a contest, for the organiser's list.
pub async fn list_passes(db: &Db, actor: &Actor, cid: i32) -> Result<Vec<JudgePassView>> {
    let l = contests::load(db, cid).await?;
    managed(&l, actor)?;
    let passes = judge_pass::Entity::find().filter(judge_pass::Column::ContestId.eq(cid)).all(db).await?;
    let now = now_ms();
    Ok(l.panel
        .iter()
        .map(|(seat, u)| {
            let newest = passes.iter().filter(|p| p.user_id == u.id).max_by_key(|p| p.created_at);
            JudgePassView {
                judge_id: i64::from(u.id),
                username: u.username.clone(),
                display_name: u.display_name.clone(),
                chair: seat.is_chair,
                issued_at: newest.map(|p| rfc3339(p.created_at)),
                active: newest.is_some_and(|p| p.revoked_at.is_none() && p.expires_at > now),
            }
        })
        .collect())
}

/// Redeems a pass: the PIN opens a tablet session for that contest only.
/// Returns the session token and the contest id.
pub async fn redeem(db: &Db, throttle: &Throttle, token: &str, pin: &str, origin: Origin) -> Result<(String, i32)> {
    let hash = auth::token_hash(token);
    let ip = origin.ip.clone().unwrap_or_default();
    let key = format!("pass:{}", &hash[..16]);
    throttle.check(&key, &ip)?;
    let now = now_ms();
    let pass = judge_pass::Entity::find()
        .filter(judge_pass::Column::TokenHash.eq(&hash))
        .one(db)
        .await?
        .filter(|p| p.revoked_at.is_none() && p.expires_at > now);
    let ok = auth::verify_password(pin.trim().to_string(), pass.as_ref().map(|p| p.pin_hash.clone())).await;
    let Some(pass) = pass.filter(|_| ok) else {
        throttle.fail(&key, &ip);
        return Err(Problem::InvalidCredentials.into());
    };
    throttle.succeed(&key);
    let ttl = JUDGE_SESSION_TTL.min(Duration::from_millis((pass.expires_at - now).max(0) as u64));
    let session = auth::open_session(db, pass.user_id, "judge_pass", Some(pass.contest_id), ttl, origin).await?;
    Ok((session, pass.contest_id))
}

/// Sets the round under way and the team on stage; judges' tablets and the
/// livestream follow.
pub async fn set_stage(
    db: &Db,
    hub: &Hub,
    actor: &Actor,
    cid: i32,
    round_id: i32,
    team_id: Option<i32>,
) -> Result<Stage> {
    let txn = db::write(db).await?;
    let l = contests::load(&txn, cid).await?;
    managed(&l, actor)?;
    l.round(round_id).ok_or_else(|| Error::not_found("round"))?;
    if let Some(t) = team_id {
        l.team(t).ok_or_else(|| Error::not_found("team"))?;
    }
    let old = l.contest.stage_round_id.map(|r| serde_json::json!({"round_id": r, "team_id": l.contest.stage_team_id}));
    let mut active: contest::ActiveModel = l.contest.clone().into();
    active.stage_round_id = Set(Some(round_id));
    active.stage_team_id = Set(team_id);
    active.update(&txn).await?;
    audit::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "contest.stage",
            object_type: "contest",
            object_id: Some(cid),
            old,
            new: Some(serde_json::json!({"round_id": round_id, "team_id": team_id})),
        },
    )
    .await?;
    contests::commit_change(txn, hub, cid).await?;
    Ok(Stage { round_id: i64::from(round_id), team_id: team_id.map(i64::from) })
}

fn team_lines(l: &Loaded) -> Vec<TeamLine> {
    l.teams
        .iter()
        .map(|t| TeamLine { id: i64::from(t.id), name: t.name.clone(), unit: t.unit.clone(), order: t.running_order })
        .collect()
}

/// Scores per sheet id, as `criterion id → points` text.
async fn scores_of(db: &Db, sheet_ids: Vec<i32>) -> Result<HashMap<i32, BTreeMap<String, String>>> {
    let mut out: HashMap<i32, BTreeMap<String, String>> = HashMap::new();
    for s in sheet_score::Entity::find().filter(sheet_score::Column::SheetId.is_in(sheet_ids)).all(db).await? {
        out.entry(s.sheet_id)
            .or_default()
            .insert(s.criterion_id.to_string(), Points::from_hundredths(s.points).to_string());
    }
    Ok(out)
}

/// Everything a judge's tablet shows: the judged rounds, his own sheets,
/// the teams and what is on stage. Only for a judge on the panel.
pub async fn desk(db: &Db, actor: &Actor, cid: i32) -> Result<JudgeDesk> {
    let l = contests::load(db, cid).await?;
    if actor.role != Role::Judge || !access::judges_in(actor, cid, &l.panel) {
        return Err(Problem::NotOnPanel.into());
    }
    let mine = sheet::Entity::find()
        .filter(sheet::Column::ContestId.eq(cid))
        .filter(sheet::Column::JudgeId.eq(actor.user_id))
        .all(db)
        .await?;
    let mut scores = scores_of(db, mine.iter().map(|s| s.id).collect()).await?;
    let view = contests::view(&l);
    let rounds = view
        .rounds
        .into_iter()
        .filter(|r| r.kind == RoundKind::Judged)
        .map(|r| {
            let sheets = mine
                .iter()
                .filter(|s| i64::from(s.round_id) == r.id)
                .map(|s| (s.team_id.to_string(), scores.remove(&s.id).unwrap_or_default()))
                .collect();
            DeskRound { round: r, sheets }
        })
        .collect();
    Ok(JudgeDesk {
        contest_id: i64::from(cid),
        contest_name: l.contest.name.clone(),
        judge_id: i64::from(actor.user_id),
        judge_name: actor.display_name.clone(),
        version: l.contest.version,
        rounds,
        teams: team_lines(&l),
        stage: l
            .contest
            .stage_round_id
            .map(|r| Stage { round_id: i64::from(r), team_id: l.contest.stage_team_id.map(i64::from) }),
    })
}

/// The secretary's board: who has sent a sheet for which team in a round.
pub async fn board(db: &Db, actor: &Actor, cid: i32, round_id: i32) -> Result<BoardView> {
    let l = contests::load(db, cid).await?;
    managed(&l, actor)?;
    let round = l.round(round_id).ok_or_else(|| Error::not_found("round"))?;
    let sheets = sheet::Entity::find().filter(sheet::Column::RoundId.eq(round_id)).all(db).await?;
    let marks = quiz_mark::Entity::find().filter(quiz_mark::Column::RoundId.eq(round_id)).all(db).await?;
    let view = contests::view(&l);
    Ok(BoardView {
        kind: RoundKind::parse(&round.kind).unwrap_or(RoundKind::Judged),
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
        state: RoundState::parse(&round.state).unwrap_or(RoundState::Draft),
        judges: view.judges,
        teams: team_lines(&l),
        cells: sheets
            .iter()
            .map(|s| BoardCell {
                team_id: i64::from(s.team_id),
                judge_id: i64::from(s.judge_id),
                total: Points::from_hundredths(s.total).to_string(),
                updated_at: rfc3339(s.updated_at),
            })
            .collect(),
    })
}

/// The contests on whose panel a judge sits, newest first.
pub async fn panels_of(db: &Db, actor: &Actor) -> Result<Vec<kheo_domain::api::ContestSummary>> {
    use crate::entity::panel_member;
    let seats = panel_member::Entity::find().filter(panel_member::Column::UserId.eq(actor.user_id)).all(db).await?;
    let ids: Vec<i32> = seats.iter().map(|s| s.contest_id).filter(|&c| access::in_scope(actor, c)).collect();
    let all = contests::list(db).await?;
    Ok(all.contests.into_iter().filter(|c| ids.contains(&(c.id as i32))).collect())
}

/// The secretary marks a team's answer to a quiz question right or wrong,
/// or clears the mark (`None`). Only while the round is open; audited.
#[allow(clippy::too_many_arguments)]
pub async fn mark_answer(
    db: &Db,
    hub: &Hub,
    actor: &Actor,
    cid: i32,
    round_id: i32,
    team_id: i32,
    question_id: i32,
    correct: Option<bool>,
) -> Result<()> {
    let txn = db::write(db).await?;
    let l = contests::load(&txn, cid).await?;
    managed(&l, actor)?;
    let round = l.round(round_id).ok_or_else(|| Error::not_found("round"))?;
    let question =
        l.questions_of(round_id).find(|q| q.id == question_id).ok_or_else(|| Error::not_found("question"))?;
    l.team(team_id).ok_or_else(|| Error::not_found("team"))?;
    if round.state != RoundState::Open.as_str() {
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
    audit::record(
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
    contests::commit_change(txn, hub, cid).await
}
