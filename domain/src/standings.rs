//! Standings (bảng xếp hạng): derived from sheets, never edited by hand.
//!
//! The visibility rule keeps partial averages from leaking: a team's score
//! in a round shows once every judge on the panel has sent a sheet for it
//! (for a quiz: once every question is marked), or once the round is locked
//! or published, and then over what was submitted.

use crate::contest::{Level, RoundKind, RoundState};
use crate::points::Points;
use crate::scoring::{self, Aggregation, OvertimeRule, RankEntry};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One round, as the standings need it.
#[derive(Clone, Debug)]
pub struct RoundInput {
    /// Round id.
    pub id: i64,
    /// Round name.
    pub name: String,
    /// Judged or quiz.
    pub kind: RoundKind,
    /// Current state.
    pub state: RoundState,
    /// Over-time rule, if the round has a time limit with deductions.
    pub overtime: OvertimeRule,
    /// Number of questions a quiz round asks each team.
    pub question_count: usize,
}

/// One team, as the standings need it.
#[derive(Clone, Debug)]
pub struct TeamInput {
    /// Team id.
    pub id: i64,
    /// Team name.
    pub name: String,
    /// The unit it represents.
    pub unit: String,
    /// Running order.
    pub order: i32,
    /// Its block (khối), in a contest whose teams compete in blocks.
    pub block: Option<String>,
}

/// Everything the standings are computed from.
#[derive(Clone, Debug, Default)]
pub struct StandingsInput {
    /// How judges' totals are combined.
    pub aggregation: Aggregation,
    /// Indexes into `rounds` that break ties, in order.
    pub tie_break_rounds: Vec<usize>,
    /// Rounds in contest order.
    pub rounds: Vec<RoundInput>,
    /// Teams.
    pub teams: Vec<TeamInput>,
    /// Judges whose marks count.
    pub panel: Vec<i64>,
    /// `(judge, team)`: a judge who does not score that team (conflict of
    /// interest); the team's score waits only for the other judges.
    pub conflicts: Vec<(i64, i64)>,
    /// `(round, team, judge) → sheet total`.
    pub sheets: Vec<(i64, i64, i64, Points)>,
    /// `(round, team) → [(question points, answered right)]`.
    pub quiz_marks: HashMap<(i64, i64), Vec<(Points, bool)>>,
    /// `(round, team) → seconds over the time limit`.
    pub overtime: HashMap<(i64, i64), u32>,
    /// The round and team on stage, as the organiser set them.
    pub stage: Option<Stage>,
    /// Results kept for the award ceremony: no score shows yet.
    pub sealed: bool,
}

impl Standings {
    /// The standings of one block (khối), as its own projector shows them:
    /// only its teams, each ranked within the block. `None` keeps all.
    pub fn of_block(mut self, block: Option<&str>) -> Standings {
        if let Some(block) = block {
            self.standings.retain(|r| r.block.as_deref() == Some(block));
            for r in &mut self.standings {
                r.rank = r.block_rank.unwrap_or(r.rank);
            }
        }
        self
    }

    /// The blocks the teams compete in, in Vietnamese order (none for a
    /// contest without blocks).
    pub fn blocks(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.standings {
            if let Some(b) = &r.block
                && !out.contains(b)
            {
                out.push(b.clone());
            }
        }
        out.sort_by(|a, b| crate::collate::compare(a, b));
        out
    }
}

/// What is happening in the hall: the round under way and the team on stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Round id.
    pub round_id: i64,
    /// Team id, once a team is called up.
    pub team_id: Option<i64>,
}

/// The contest header of the standings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestHeader {
    /// Contest id.
    pub id: i64,
    /// Contest name.
    pub name: String,
    /// Organising unit.
    pub unit: String,
    /// Level.
    pub level: Level,
}

/// A round in the standings header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundHeader {
    /// Round id.
    pub id: i64,
    /// Round name.
    pub name: String,
    /// State.
    pub state: RoundState,
}

/// A team as the public sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamHeader {
    /// Team id.
    pub id: i64,
    /// Team name.
    pub name: String,
    /// The unit it represents.
    pub unit: String,
}

/// One line of the standings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandingRow {
    /// Rank, shared by teams still equal.
    pub rank: u32,
    /// The team.
    pub team: TeamHeader,
    /// Sum of the shown round scores, two decimals.
    pub total: String,
    /// Round id → score with two decimals, or null while not shown.
    pub rounds: BTreeMap<String, Option<String>>,
    /// The team's block, when the contest's teams have blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    /// Its rank within the block, by the same rule as `rank`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_rank: Option<u32>,
}

impl StandingRow {
    /// Whether any of its round scores shows. Before its first score (or
    /// while results are kept for the ceremony) a team has no rank to show:
    /// everyone "1st, 0" would say something false.
    pub fn is_scored(&self) -> bool {
        self.rounds.values().any(Option::is_some)
    }
}

/// The standings document of the contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standings {
    /// The contest.
    pub contest: ContestHeader,
    /// Rounds in order.
    pub rounds: Vec<RoundHeader>,
    /// Lines in rank order.
    pub standings: Vec<StandingRow>,
    /// Grows with every change that can alter the standings.
    pub version: i64,
    /// The round under way and the team on stage (additive to the contract).
    #[serde(default)]
    pub stage: Option<Stage>,
    /// The award ceremony, when results are kept for it (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceremony: Option<crate::api::Ceremony>,
    /// The score ledger's head hash once it has begun (additive): printed
    /// and projected, it ties what people saw to the ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger: Option<String>,
    /// The quiz on the projector (additive): the question on screen, its
    /// countdown, and its answer only once revealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiz: Option<crate::show::QuizShow>,
    /// The audience's vote once opened (additive): its state, never its
    /// counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<crate::show::VoteShow>,
}

/// How a team's round score is made: the aggregation of the judges' sheet
/// totals (or the quiz's right answers) before any deduction, and the
/// over-time deduction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Breakdown {
    /// Before deductions; `None` while the visibility rule hides it.
    pub raw: Option<Points>,
    /// Seconds over the round's time limit.
    pub over_seconds: u32,
    /// Points taken for them: the round's rule, but never more than the
    /// round gave (a round score is never below zero).
    pub deduction: Points,
}

impl Breakdown {
    /// The round score: the raw score less the deduction, never below zero.
    pub fn score(self) -> Option<Points> {
        self.raw.map(|r| r - self.deduction)
    }
}

/// The deduction a round's rule asks for, taken from what the round gave:
/// at most all of it, so that a team that ran far over ends the round at
/// zero, not below it (a deduction punishes the round, not the others).
pub fn capped_deduction(rule: Points, raw: Option<Points>) -> Points {
    match raw {
        Some(r) if rule > r => r.max(Points::ZERO),
        _ => rule,
    }
}

/// How a team's score in one round is made, if the visibility rule lets
/// it show.
pub fn breakdown(input: &StandingsInput, round: &RoundInput, team_id: i64) -> Breakdown {
    let over_seconds = input.overtime.get(&(round.id, team_id)).copied().unwrap_or(0);
    let deduction = round.overtime.deduction(over_seconds);
    let raw = if input.sealed {
        None
    } else {
        match round.kind {
            RoundKind::Judged => {
                let totals: Vec<Points> = input
                    .sheets
                    .iter()
                    .filter(|(r, t, j, _)| *r == round.id && *t == team_id && input.panel.contains(j))
                    .map(|(_, _, _, total)| *total)
                    .collect();
                let expected = input.panel.iter().filter(|j| !input.conflicts.contains(&(**j, team_id))).count();
                let complete = expected > 0 && totals.len() >= expected;
                if complete || round.state.is_closed() { scoring::aggregate(input.aggregation, &totals) } else { None }
            }
            RoundKind::Quiz => {
                let marks = input.quiz_marks.get(&(round.id, team_id));
                let marked = marks.map_or(0, Vec::len);
                let complete = round.question_count > 0 && marked >= round.question_count;
                (complete || round.state.is_closed()).then(|| scoring::quiz_score(marks.into_iter().flatten().copied()))
            }
        }
    };
    Breakdown { raw, over_seconds, deduction: capped_deduction(deduction, raw) }
}

/// A team's score in one round, if the visibility rule lets it show.
pub fn round_score(input: &StandingsInput, round: &RoundInput, team_id: i64) -> Option<Points> {
    breakdown(input, round, team_id).score()
}

/// Computes the standings document.
pub fn compute(contest: ContestHeader, input: &StandingsInput, version: i64) -> Standings {
    let scores: Vec<Vec<Option<Points>>> =
        input.teams.iter().map(|t| input.rounds.iter().map(|r| round_score(input, r, t.id)).collect()).collect();
    let entries: Vec<RankEntry> = input
        .teams
        .iter()
        .zip(&scores)
        .map(|(t, s)| RankEntry {
            total: s.iter().flatten().copied().sum(),
            tie_breaks: input.tie_break_rounds.iter().map(|&i| s.get(i).copied().flatten()).collect(),
            order: t.order,
        })
        .collect();
    // Blocks only when some team has one: a contest without blocks keeps
    // the lines the contract has always shown.
    let in_blocks = input.teams.iter().any(|t| t.block.is_some());
    let blocks: Vec<Option<&str>> = input.teams.iter().map(|t| t.block.as_deref()).collect();
    let block_ranks = in_blocks.then(|| scoring::rank_within_blocks(&entries, &blocks));
    let standings = scoring::rank(&entries)
        .into_iter()
        .map(|(rank, i)| {
            let t = &input.teams[i];
            StandingRow {
                block: in_blocks.then(|| t.block.clone().unwrap_or_default()),
                block_rank: block_ranks.as_ref().map(|r| r[i]),
                rank,
                team: TeamHeader { id: t.id, name: t.name.clone(), unit: t.unit.clone() },
                total: entries[i].total.fixed2(),
                rounds: input
                    .rounds
                    .iter()
                    .zip(&scores[i])
                    .map(|(r, s)| (r.id.to_string(), s.map(Points::fixed2)))
                    .collect(),
            }
        })
        .collect();
    Standings {
        contest,
        rounds: input.rounds.iter().map(|r| RoundHeader { id: r.id, name: r.name.clone(), state: r.state }).collect(),
        standings,
        version,
        stage: input.stage,
        ceremony: None,
        ledger: None,
        quiz: None,
        vote: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    fn round(id: i64, state: RoundState) -> RoundInput {
        RoundInput {
            id,
            name: format!("R{id}"),
            kind: RoundKind::Judged,
            state,
            overtime: OvertimeRule::default(),
            question_count: 0,
        }
    }

    fn team(id: i64, order: i32) -> TeamInput {
        TeamInput { id, name: format!("Đội {id}"), unit: "Thôn".into(), order, block: None }
    }

    fn header() -> ContestHeader {
        ContestHeader { id: 1, name: "Hội thi".into(), unit: "Xã".into(), level: Level::Commune }
    }

    #[test]
    fn a_deduction_takes_at_most_what_the_round_gave() {
        let mut r = round(10, RoundState::Locked);
        r.overtime = OvertimeRule { per_started_minute: p("5"), grace_seconds: 0 };
        let input = StandingsInput {
            rounds: vec![r.clone()],
            teams: vec![team(1, 1), team(2, 2)],
            panel: vec![100],
            sheets: vec![(10, 1, 100, p("12")), (10, 2, 100, p("30"))],
            // Team 1 ran 10 minutes over (50 points asked), team 2 one.
            overtime: HashMap::from([((10, 1), 600), ((10, 2), 60)]),
            ..Default::default()
        };
        let b = breakdown(&input, &r, 1);
        assert_eq!((b.deduction, b.score()), (p("12"), Some(Points::ZERO)), "12 taken, not 50");
        let b = breakdown(&input, &r, 2);
        assert_eq!((b.deduction, b.score()), (p("5"), Some(p("25"))));
        let s = compute(header(), &input, 1);
        assert!(s.standings.iter().all(|row| !row.total.starts_with('-')), "no total below zero");
    }

    proptest::proptest! {
        /// Whatever the rule asks, the round score is the raw score less
        /// the rule's deduction, floored at zero.
        #[test]
        fn round_scores_are_never_below_zero(raw in 0i64..100_000, rule in 0i64..1_000_000) {
            let (raw, rule) = (Points::from_hundredths(raw), Points::from_hundredths(rule));
            let b = Breakdown { raw: Some(raw), over_seconds: 1, deduction: capped_deduction(rule, Some(raw)) };
            let score = b.score().unwrap();
            proptest::prop_assert!(score >= Points::ZERO);
            proptest::prop_assert_eq!(score, if rule > raw { Points::ZERO } else { raw - rule });
        }
    }

    #[test]
    fn partial_rounds_stay_hidden_until_complete_or_locked() {
        let mut input = StandingsInput {
            rounds: vec![round(10, RoundState::Open)],
            teams: vec![team(1, 1)],
            panel: vec![100, 101, 102],
            sheets: vec![(10, 1, 100, p("9")), (10, 1, 101, p("8"))],
            ..Default::default()
        };
        let s = compute(header(), &input, 1);
        assert_eq!(s.standings[0].rounds["10"], None);
        assert_eq!(s.standings[0].total, "0.00");

        input.sheets.push((10, 1, 102, p("8")));
        let s = compute(header(), &input, 2);
        assert_eq!(s.standings[0].rounds["10"].as_deref(), Some("8.33"));

        input.sheets.pop();
        input.rounds[0].state = RoundState::Locked;
        let s = compute(header(), &input, 3);
        assert_eq!(s.standings[0].rounds["10"].as_deref(), Some("8.50"));
    }

    #[test]
    fn sheets_of_judges_off_the_panel_do_not_count() {
        let input = StandingsInput {
            rounds: vec![round(10, RoundState::Open)],
            teams: vec![team(1, 1)],
            panel: vec![100],
            sheets: vec![(10, 1, 100, p("9")), (10, 1, 999, p("1"))],
            ..Default::default()
        };
        assert_eq!(compute(header(), &input, 1).standings[0].total, "9.00");
    }

    #[test]
    fn a_team_waits_only_for_the_judges_not_in_conflict_with_it() {
        // Judge 102 comes from team 1's village: team 1's score shows once
        // 100 and 101 have scored it, over their two sheets and a trainee's
        // (103, off the panel) never; team 2 still waits for 102.
        let input = StandingsInput {
            rounds: vec![round(10, RoundState::Open)],
            teams: vec![team(1, 1), team(2, 2)],
            panel: vec![100, 101, 102],
            conflicts: vec![(102, 1)],
            sheets: vec![
                (10, 1, 100, p("8")),
                (10, 1, 101, p("9")),
                (10, 1, 103, p("1")),
                (10, 2, 100, p("7")),
                (10, 2, 101, p("7")),
            ],
            ..Default::default()
        };
        let s = compute(header(), &input, 1);
        let line = |team: i64| s.standings.iter().find(|l| l.team.id == team).unwrap();
        assert_eq!(line(1).rounds["10"].as_deref(), Some("8.50"));
        assert_eq!(line(2).rounds["10"], None);
    }

    #[test]
    fn overtime_and_quiz_and_ties() {
        let mut quiz = round(20, RoundState::Open);
        quiz.kind = RoundKind::Quiz;
        quiz.question_count = 2;
        let mut greet = round(10, RoundState::Locked);
        greet.overtime = OvertimeRule { per_started_minute: p("1"), grace_seconds: 0 };
        let input = StandingsInput {
            rounds: vec![greet, quiz],
            tie_break_rounds: vec![1],
            teams: vec![team(1, 1), team(2, 2), team(3, 3)],
            panel: vec![100],
            sheets: vec![(10, 1, 100, p("15")), (10, 2, 100, p("10")), (10, 3, 100, p("15"))],
            quiz_marks: HashMap::from([
                ((20, 1), vec![(p("5"), true), (p("5"), false)]),
                ((20, 2), vec![(p("5"), true), (p("5"), true)]),
                ((20, 3), vec![(p("5"), true)]),
            ]),
            overtime: HashMap::from([((10, 3), 70)]),
            ..Default::default()
        };
        let s = compute(header(), &input, 7);
        let lines: Vec<(u32, i64, &str)> = s.standings.iter().map(|r| (r.rank, r.team.id, r.total.as_str())).collect();
        // team 1: 15 + 5 = 20; team 2: 10 + 10 = 20, wins the tie on the quiz;
        // team 3: 15 − 2 (70 s over) = 13, quiz not yet fully marked.
        assert_eq!(lines, vec![(1, 2, "20.00"), (2, 1, "20.00"), (3, 3, "13.00")]);
        assert_eq!(s.standings[2].rounds["20"], None);
        assert_eq!(s.version, 7);
    }
}
