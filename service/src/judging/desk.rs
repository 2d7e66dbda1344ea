//! A judge's side: his desk (the judged rounds, his own sheets, the team
//! on stage) and the contests on whose panel he sits.

use super::team_lines;
use crate::accounts::Actor;
use crate::accounts::access;
use crate::contests::{self, ContestRows};
use crate::db::Db;
use crate::entity::{sheet, sheet_score};
use crate::error::Result;
use kheo_domain::Points;
use kheo_domain::api::{ContestSummary, DeskRound, DivergentTeam, JudgeDesk};
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::i18n::Problem;
use kheo_domain::scoring;
use kheo_domain::standings::Stage;
use kheo_domain::user::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};

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
pub async fn desk(svc: &crate::Services, actor: &Actor, cid: i32) -> Result<JudgeDesk> {
    let db = &svc.db;
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
    let divergent = divergent_for_chair(db, actor, &l).await?;
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
        // A team he does not score (conflict of interest) is not his to see.
        teams: team_lines(&l)
            .into_iter()
            .filter(|t| !l.conflicts.iter().any(|c| c.judge_id == actor.user_id && i64::from(c.team_id) == t.id))
            .collect(),
        stage: l
            .contest
            .stage_round_id
            .map(|r| Stage { round_id: i64::from(r), team_id: l.contest.stage_team_id.map(i64::from) }),
        divergent,
    })
}

/// The chair's spread warnings: in each judged round still open, the teams
/// whose panel's totals spread by at least the contest's threshold. None
/// for the other judges, or when no threshold is set.
async fn divergent_for_chair(db: &Db, actor: &Actor, l: &ContestRows) -> Result<Vec<DivergentTeam>> {
    let chair = l.panel.iter().any(|(seat, u)| u.id == actor.user_id && seat.is_chair);
    let threshold = l.contest.divergence_points.map(Points::from_hundredths);
    let open: Vec<i32> =
        l.rounds.iter().filter(|r| r.kind == RoundKind::Judged && r.state == RoundState::Open).map(|r| r.id).collect();
    if !chair || threshold.is_none() || open.is_empty() {
        return Ok(Vec::new());
    }
    let sheets = sheet::Entity::find().filter(sheet::Column::RoundId.is_in(open.clone())).all(db).await?;
    let panel: Vec<i64> = l.panel.iter().filter(|(s, _)| s.counts).map(|(_, u)| i64::from(u.id)).collect();
    let teams: Vec<i64> = team_lines(l).iter().map(|t| t.id).collect();
    let mut out = Vec::new();
    for rid in open {
        let round: Vec<(i64, i64, Points)> = sheets
            .iter()
            .filter(|s| s.round_id == rid)
            .map(|s| (i64::from(s.team_id), i64::from(s.judge_id), Points::from_hundredths(s.total)))
            .collect();
        out.extend(scoring::divergent_teams(&teams, &round, &panel, threshold).into_iter().map(|(team, spread)| {
            DivergentTeam { round_id: i64::from(rid), team_id: team, spread: spread.to_string() }
        }));
    }
    Ok(out)
}

/// The contests on whose panel a judge sits, newest first.
pub async fn panels_of(svc: &crate::Services, actor: &Actor) -> Result<Vec<ContestSummary>> {
    let db = &svc.db;
    use crate::entity::panel_member;
    let seats = panel_member::Entity::find().filter(panel_member::Column::UserId.eq(actor.user_id)).all(db).await?;
    let ids: Vec<i32> = seats.iter().map(|s| s.contest_id).filter(|&c| access::in_scope(actor, c)).collect();
    let all = contests::list(svc).await?;
    Ok(all.contests.into_iter().filter(|c| ids.contains(&(c.id as i32))).collect())
}
