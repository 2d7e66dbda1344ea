//! The rows a contest is made of, read for everyone above: the contest with
//! its parts (`ContestRows`), the marks its standings are computed from, and a
//! stored sheet as the API shows it. Only reads; depends on the tables and
//! the domain, never on the areas that write or show them.

use crate::entity::{
    conflict, contest, criterion, member, panel_member, question, quiz_mark, round, sheet, sheet_score, team,
    team_round_note, user,
};
use crate::error::{Error, Result};
use kheo_domain::Points;
use kheo_domain::api::SheetView;
use kheo_domain::contest::RoundState;
use kheo_domain::scoring::OvertimeRule;
use kheo_domain::standings::{self, ContestHeader, RoundInput, Stage, Standings, StandingsInput, TeamInput};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A contest with everything that hangs off it, read in a few queries.
#[derive(Clone, Debug)]
pub struct ContestRows {
    /// The contest row.
    pub contest: contest::Model,
    /// Rounds in order.
    pub rounds: Vec<round::Model>,
    /// Criteria in order.
    pub criteria: Vec<criterion::Model>,
    /// Questions in order.
    pub questions: Vec<question::Model>,
    /// Teams in running order.
    pub teams: Vec<team::Model>,
    /// Members in order.
    pub members: Vec<member::Model>,
    /// Panel seats with their users.
    pub panel: Vec<(panel_member::Model, user::Model)>,
    /// Conflicts of interest: a judge who does not score a team.
    pub conflicts: Vec<conflict::Model>,
    /// The names of the contests its teams came from, by id.
    pub origin_names: HashMap<i32, String>,
}

impl ContestRows {
    /// Whether a round has opened: set-up, teams and panel are then fixed.
    pub fn has_begun(&self) -> bool {
        self.rounds.iter().any(|r| r.state != RoundState::Draft)
    }

    /// The round with this id, if it belongs to the contest.
    pub fn round(&self, id: i32) -> Option<&round::Model> {
        self.rounds.iter().find(|r| r.id == id)
    }

    /// The team with this id, if it belongs to the contest.
    pub fn team(&self, id: i32) -> Option<&team::Model> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// The criteria of a round, in order.
    pub fn criteria_of(&self, round_id: i32) -> impl Iterator<Item = &criterion::Model> {
        self.criteria.iter().filter(move |c| c.round_id == round_id)
    }

    /// The questions of a quiz round, in order.
    pub fn questions_of(&self, round_id: i32) -> impl Iterator<Item = &question::Model> {
        self.questions.iter().filter(move |q| q.round_id == round_id)
    }
}

/// Reads a contest and its parts; `not_found` when there is none.
pub async fn load(db: &impl ConnectionTrait, id: i32) -> Result<ContestRows> {
    let contest = contest::Entity::find_by_id(id).one(db).await?.ok_or_else(|| Error::not_found("contest"))?;
    Ok(load_many(db, vec![contest]).await?.pop().expect("one contest in, one out"))
}

/// Reads the parts of several contests in as many queries as for one, in
/// the order given.
pub async fn load_many(db: &impl ConnectionTrait, contests: Vec<contest::Model>) -> Result<Vec<ContestRows>> {
    let ids: Vec<i32> = contests.iter().map(|c| c.id).collect();
    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.is_in(ids.clone()))
        .order_by_asc(round::Column::Position)
        .all(db)
        .await?;
    let round_ids: Vec<i32> = rounds.iter().map(|r| r.id).collect();
    let criteria = criterion::Entity::find()
        .filter(criterion::Column::RoundId.is_in(round_ids.clone()))
        .order_by_asc(criterion::Column::Position)
        .all(db)
        .await?;
    let questions = question::Entity::find()
        .filter(question::Column::RoundId.is_in(round_ids))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    let teams = team::Entity::find()
        .filter(team::Column::ContestId.is_in(ids.clone()))
        .order_by_asc(team::Column::RunningOrder)
        .order_by_asc(team::Column::Id)
        .all(db)
        .await?;
    let members = member::Entity::find()
        .filter(member::Column::TeamId.is_in(teams.iter().map(|t| t.id).collect::<Vec<_>>()))
        .order_by_asc(member::Column::Position)
        .all(db)
        .await?;
    let conflicts = conflict::Entity::find()
        .filter(conflict::Column::ContestId.is_in(ids.clone()))
        .order_by_asc(conflict::Column::Id)
        .all(db)
        .await?;
    let seats = panel_member::Entity::find()
        .filter(panel_member::Column::ContestId.is_in(ids))
        .order_by_asc(panel_member::Column::Id)
        .all(db)
        .await?;
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(seats.iter().map(|s| s.user_id).collect::<BTreeSet<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let sources: BTreeSet<i32> = teams.iter().filter_map(|t| t.origin_contest_id).collect();
    let origin_names: HashMap<i32, String> = if sources.is_empty() {
        HashMap::new()
    } else {
        contest::Entity::find()
            .filter(contest::Column::Id.is_in(sources))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect()
    };
    let round_of: HashMap<i32, i32> = rounds.iter().map(|r| (r.id, r.contest_id)).collect();
    let team_of: HashMap<i32, i32> = teams.iter().map(|t| (t.id, t.contest_id)).collect();
    Ok(contests
        .into_iter()
        .map(|contest| {
            let id = contest.id;
            let in_rounds = |r: &i32| round_of.get(r) == Some(&id);
            let teams: Vec<team::Model> = teams.iter().filter(|t| t.contest_id == id).cloned().collect();
            ContestRows {
                rounds: rounds.iter().filter(|r| r.contest_id == id).cloned().collect(),
                criteria: criteria.iter().filter(|c| in_rounds(&c.round_id)).cloned().collect(),
                questions: questions.iter().filter(|q| in_rounds(&q.round_id)).cloned().collect(),
                members: members.iter().filter(|m| team_of.get(&m.team_id) == Some(&id)).cloned().collect(),
                panel: seats
                    .iter()
                    .filter(|s| s.contest_id == id)
                    .filter_map(|s| users.get(&s.user_id).cloned().map(|u| (s.clone(), u)))
                    .collect(),
                conflicts: conflicts.iter().filter(|c| c.contest_id == id).cloned().collect(),
                origin_names: teams
                    .iter()
                    .filter_map(|t| t.origin_contest_id)
                    .filter_map(|c| origin_names.get(&c).map(|n| (c, n.clone())))
                    .collect(),
                teams,
                contest,
            }
        })
        .collect())
}

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
    pub async fn of(db: &impl ConnectionTrait, contests: &[&ContestRows]) -> Result<Marks> {
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

impl Marks {
    /// The marks split by contest, in one pass: reading a season's
    /// standings by filtering every mark for each contest grew with the
    /// contests times the marks.
    pub fn by_contest(self, contests: &[ContestRows]) -> HashMap<i32, Marks> {
        let contest_of: HashMap<i32, i32> =
            contests.iter().flat_map(|l| l.rounds.iter().map(move |r| (r.id, l.contest.id))).collect();
        let mut out: HashMap<i32, Marks> = contests.iter().map(|l| (l.contest.id, Marks::default())).collect();
        for s in self.sheets {
            if let Some(m) = out.get_mut(&s.contest_id) {
                m.sheets.push(s);
            }
        }
        for q in self.quiz {
            if let Some(m) = contest_of.get(&q.round_id).and_then(|c| out.get_mut(c)) {
                m.quiz.push(q);
            }
        }
        for n in self.notes {
            if let Some(m) = contest_of.get(&n.round_id).and_then(|c| out.get_mut(c)) {
                m.notes.push(n);
            }
        }
        out
    }
}

/// The inputs of a loaded contest's standings.
pub async fn input(db: &impl ConnectionTrait, l: &ContestRows) -> Result<StandingsInput> {
    Ok(input_from(l, &Marks::of(db, &[l]).await?))
}

/// The inputs of a loaded contest's standings, from marks already read
/// (those of other contests among them are passed over).
pub fn input_from(l: &ContestRows, marks: &Marks) -> StandingsInput {
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
        aggregation: l.contest.aggregation,
        tie_break_rounds: serde_json::from_str(&l.contest.tie_break_rounds).unwrap_or_default(),
        rounds: l
            .rounds
            .iter()
            .map(|r| RoundInput {
                id: i64::from(r.id),
                name: r.name.clone(),
                kind: r.kind,
                state: r.state,
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
                block: t.block.clone().filter(|b| !b.trim().is_empty()),
            })
            .collect(),
        panel: l.panel.iter().filter(|(s, _)| s.counts).map(|(_, u)| i64::from(u.id)).collect(),
        conflicts: l.conflicts.iter().map(|c| (i64::from(c.judge_id), i64::from(c.team_id))).collect(),
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
pub fn full_from(l: &ContestRows, input: &StandingsInput) -> Standings {
    standings::compute(header(l), input, l.contest.version)
}

/// A loaded contest's full standings, as its organisers see them.
pub async fn full(db: &impl ConnectionTrait, l: &ContestRows) -> Result<(Standings, StandingsInput)> {
    let input = input(db, l).await?;
    Ok((standings::compute(header(l), &input, l.contest.version), input))
}

/// What the standings say of the contest itself.
pub(crate) fn header(l: &ContestRows) -> ContestHeader {
    ContestHeader {
        id: i64::from(l.contest.id),
        name: l.contest.name.clone(),
        unit: l.contest.unit.clone(),
        level: l.contest.level,
    }
}

/// A stored sheet as the API shows it.
pub fn sheet_view(s: &sheet::Model, scores: &[(i64, Points)]) -> SheetView {
    SheetView {
        judge_id: i64::from(s.judge_id),
        team_id: i64::from(s.team_id),
        round_id: i64::from(s.round_id),
        scores: scores.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect(),
        total: Points::from_hundredths(s.total).to_string(),
        source: s.source,
        // Usernames: the paper desk, which knows them, fills them in.
        entered_by: None,
        confirmed_by: None,
    }
}

/// Each stored sheet's points by criterion, by sheet id.
pub async fn scores_of(
    db: &impl ConnectionTrait,
    sheets: &[sheet::Model],
) -> Result<BTreeMap<i32, BTreeMap<i64, Points>>> {
    let ids: Vec<i32> = sheets.iter().map(|s| s.id).collect();
    let mut out: BTreeMap<i32, BTreeMap<i64, Points>> = BTreeMap::new();
    for chunk in ids.chunks(500) {
        let rows =
            sheet_score::Entity::find().filter(sheet_score::Column::SheetId.is_in(chunk.to_vec())).all(db).await?;
        for r in rows {
            out.entry(r.sheet_id).or_default().insert(i64::from(r.criterion_id), Points::from_hundredths(r.points));
        }
    }
    Ok(out)
}
