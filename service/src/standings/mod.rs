//! Loading what the standings are computed from; the arithmetic itself is
//! `kheo_domain::standings`. `live` fans each new version out to viewers.

pub mod live;

use crate::contests::{self, Loaded, store};
use crate::entity::{quiz_mark, sheet, side_award, team_round_note};
use crate::error::Result;
use kheo_domain::Points;
use kheo_domain::contest::{Level, RoundKind, RoundState};
use kheo_domain::results::{self, Awarded};
use kheo_domain::scoring::{Aggregation, OvertimeRule};
use kheo_domain::standings::{self, ContestHeader, RoundInput, Stage, Standings, StandingsInput, TeamInput};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// What the standings of some contests are computed from, besides their
/// definitions: sheets, quiz marks, over-time notes.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    /// Sheets.
    pub sheets: Vec<sheet::Model>,
    /// Quiz marks.
    pub quiz: Vec<quiz_mark::Model>,
    /// Over-time notes.
    pub notes: Vec<team_round_note::Model>,
}

impl Marks {
    /// The marks of these contests, in three queries.
    pub async fn of(db: &impl ConnectionTrait, contests: &[&Loaded]) -> Result<Marks> {
        let ids: Vec<i32> = contests.iter().map(|l| l.contest.id).collect();
        let round_ids: Vec<i32> = contests.iter().flat_map(|l| l.rounds.iter().map(|r| r.id)).collect();
        Ok(Marks {
            sheets: sheet::Entity::find().filter(sheet::Column::ContestId.is_in(ids)).all(db).await?,
            quiz: quiz_mark::Entity::find().filter(quiz_mark::Column::RoundId.is_in(round_ids.clone())).all(db).await?,
            notes: team_round_note::Entity::find()
                .filter(team_round_note::Column::RoundId.is_in(round_ids))
                .all(db)
                .await?,
        })
    }
}

/// The inputs of a loaded contest's standings.
pub async fn input(db: &impl ConnectionTrait, l: &Loaded) -> Result<StandingsInput> {
    Ok(input_from(l, &Marks::of(db, &[l]).await?))
}

/// The inputs of a loaded contest's standings, from marks already read
/// (those of other contests among them are passed over).
pub fn input_from(l: &Loaded, marks: &Marks) -> StandingsInput {
    let cid = l.contest.id;
    let rounds: std::collections::HashSet<i32> = l.rounds.iter().map(|r| r.id).collect();
    let sheets = marks.sheets.iter().filter(|s| s.contest_id == cid);
    let notes = marks.notes.iter().filter(|n| rounds.contains(&n.round_id));
    let question_points: HashMap<i32, i64> = l.questions.iter().map(|q| (q.id, q.points)).collect();
    let mut quiz_marks: HashMap<(i64, i64), Vec<(Points, bool)>> = HashMap::new();
    for m in marks.quiz.iter().filter(|m| rounds.contains(&m.round_id)) {
        let points = Points::from_hundredths(question_points.get(&m.question_id).copied().unwrap_or(0));
        quiz_marks.entry((i64::from(m.round_id), i64::from(m.team_id))).or_default().push((points, m.correct));
    }
    StandingsInput {
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
        // A withdrawn team stays in the records, out of the standings.
        teams: l
            .teams
            .iter()
            .filter(|t| t.withdrawn_at.is_none())
            .map(|t| TeamInput {
                id: i64::from(t.id),
                name: t.name.clone(),
                unit: t.unit.clone(),
                order: t.running_order,
            })
            .collect(),
        panel: l.panel.iter().filter(|(s, _)| s.counts).map(|(_, u)| i64::from(u.id)).collect(),
        sheets: sheets
            .map(|s| {
                (i64::from(s.round_id), i64::from(s.team_id), i64::from(s.judge_id), Points::from_hundredths(s.total))
            })
            .collect(),
        quiz_marks,
        overtime: notes
            .map(|n| ((i64::from(n.round_id), i64::from(n.team_id)), n.overtime_seconds.max(0) as u32))
            .collect(),
        stage: l
            .contest
            .stage_round_id
            .map(|r| Stage { round_id: i64::from(r), team_id: l.contest.stage_team_id.map(i64::from) }),
        sealed: false,
    }
}

/// The standings of a loaded contest from its inputs, every score shown.
pub fn full_from(l: &Loaded, input: &StandingsInput) -> Standings {
    standings::compute(header(l), input, l.contest.version)
}

/// A loaded contest's full standings, as its organisers see them.
pub async fn full(db: &impl ConnectionTrait, l: &Loaded) -> Result<(Standings, StandingsInput)> {
    let input = input(db, l).await?;
    Ok((standings::compute(header(l), &input, l.contest.version), input))
}

fn header(l: &Loaded) -> ContestHeader {
    ContestHeader {
        id: i64::from(l.contest.id),
        name: l.contest.name.clone(),
        unit: l.contest.unit.clone(),
        level: Level::parse(&l.contest.level).unwrap_or(Level::Commune),
    }
}

/// The side prizes the organisers gave by hand: `(side prize, team id)`.
pub async fn manual_side_awards(db: &impl ConnectionTrait, contest_id: i32) -> Result<Vec<(usize, i64)>> {
    Ok(side_award::Entity::find()
        .filter(side_award::Column::ContestId.eq(contest_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.prize.max(0) as usize, i64::from(a.team_id)))
        .collect())
}

/// A loaded contest's prizes, from its full standings.
pub async fn awarded(db: &impl ConnectionTrait, l: &Loaded, full: &Standings) -> Result<Awarded> {
    let manual = manual_side_awards(db, l.contest.id).await?;
    Ok(results::award(full, &store::prizes_of(&l.contest), &store::side_prizes_of(&l.contest), &manual))
}

/// The contest's standings as the public sees them: in full, except while
/// results are kept for the award ceremony, when no score shows and only
/// the prizes revealed so far are named.
pub async fn compute(db: &impl ConnectionTrait, contest_id: i32) -> Result<Standings> {
    let l = contests::load(db, contest_id).await?;
    let (mut full, mut input) = full(db, &l).await?;
    let head = crate::ledger::head(db, contest_id).await?;
    full.ledger = (head != kheo_domain::ledger::GENESIS).then_some(head);
    if !l.contest.results_sealed {
        return Ok(full);
    }
    let awarded = awarded(db, &l, &full).await?;
    let ceremony = results::ceremony(&awarded, true, l.contest.revealed_steps.max(0) as usize);
    if ceremony.sealed {
        input.sealed = true;
        let ledger = full.ledger.take();
        full = standings::compute(header(&l), &input, l.contest.version);
        full.ledger = ledger;
    }
    full.ceremony = Some(ceremony);
    Ok(full)
}
