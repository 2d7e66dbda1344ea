//! Loading what the standings are computed from; the arithmetic itself is
//! `kheo_domain::standings`. `live` fans each new version out to viewers.

pub mod live;

use crate::contests::{self, Loaded};
use crate::entity::{quiz_mark, sheet, team_round_note};
use crate::error::Result;
use kheo_domain::Points;
use kheo_domain::contest::{Level, RoundKind, RoundState};
use kheo_domain::scoring::{Aggregation, OvertimeRule};
use kheo_domain::standings::{self, ContestHeader, RoundInput, Stage, Standings, StandingsInput, TeamInput};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The inputs of a loaded contest's standings.
pub async fn input(db: &impl ConnectionTrait, l: &Loaded) -> Result<StandingsInput> {
    let cid = l.contest.id;
    let round_ids: Vec<i32> = l.rounds.iter().map(|r| r.id).collect();
    let sheets = sheet::Entity::find().filter(sheet::Column::ContestId.eq(cid)).all(db).await?;
    let marks = quiz_mark::Entity::find().filter(quiz_mark::Column::RoundId.is_in(round_ids.clone())).all(db).await?;
    let notes =
        team_round_note::Entity::find().filter(team_round_note::Column::RoundId.is_in(round_ids)).all(db).await?;
    let question_points: HashMap<i32, i64> = l.questions.iter().map(|q| (q.id, q.points)).collect();
    let mut quiz_marks: HashMap<(i64, i64), Vec<(Points, bool)>> = HashMap::new();
    for m in marks {
        let points = Points::from_hundredths(question_points.get(&m.question_id).copied().unwrap_or(0));
        quiz_marks.entry((i64::from(m.round_id), i64::from(m.team_id))).or_default().push((points, m.correct));
    }
    Ok(StandingsInput {
        aggregation: Aggregation::parse(&l.contest.aggregation).unwrap_or_default(),
        tie_break_rounds: serde_json::from_str(&l.contest.tie_break_rounds).unwrap_or_default(),
        rounds: l
            .rounds
            .iter()
            .map(|r| RoundInput {
                id: i64::from(r.id),
                name: r.name.clone(),
                kind: RoundKind::parse(&r.kind).unwrap_or(RoundKind::Judged),
                state: RoundState::parse(&r.state).unwrap_or(RoundState::Draft),
                overtime: OvertimeRule {
                    per_started_minute: Points::from_hundredths(r.overtime_per_minute),
                    grace_seconds: r.overtime_grace_seconds.max(0) as u32,
                },
                question_count: l.questions_of(r.id).count(),
            })
            .collect(),
        teams: l
            .teams
            .iter()
            .map(|t| TeamInput {
                id: i64::from(t.id),
                name: t.name.clone(),
                unit: t.unit.clone(),
                order: t.running_order,
            })
            .collect(),
        panel: l.panel.iter().filter(|(s, _)| s.counts).map(|(_, u)| i64::from(u.id)).collect(),
        sheets: sheets
            .into_iter()
            .map(|s| {
                (i64::from(s.round_id), i64::from(s.team_id), i64::from(s.judge_id), Points::from_hundredths(s.total))
            })
            .collect(),
        quiz_marks,
        overtime: notes
            .into_iter()
            .map(|n| ((i64::from(n.round_id), i64::from(n.team_id)), n.overtime_seconds.max(0) as u32))
            .collect(),
        stage: l
            .contest
            .stage_round_id
            .map(|r| Stage { round_id: i64::from(r), team_id: l.contest.stage_team_id.map(i64::from) }),
    })
}

/// The contest's standings as of now.
pub async fn compute(db: &impl ConnectionTrait, contest_id: i32) -> Result<Standings> {
    let l = contests::load(db, contest_id).await?;
    let input = input(db, &l).await?;
    let header = ContestHeader {
        id: i64::from(l.contest.id),
        name: l.contest.name.clone(),
        unit: l.contest.unit.clone(),
        level: Level::parse(&l.contest.level).unwrap_or(Level::Commune),
    };
    Ok(standings::compute(header, &input, l.contest.version))
}
