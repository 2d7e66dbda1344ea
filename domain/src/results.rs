//! Results (kết quả): the standings with their prizes, and the award
//! ceremony that reveals them one at a time. Derived from the standings
//! and the contest's prize scheme; nothing here is stored or edited.

use crate::api::{AwardGroup, AwardTeam, Ceremony, Reveal};
use crate::awards::{self, CeremonyStep, PrizeDef, SidePrizeDef};
use crate::points::Points;
use crate::standings::{StandingRow, Standings};
use std::collections::HashMap;

/// Every prize of a contest, worked out from its standings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Awarded {
    /// Main prizes in order, each with its winners in rank order.
    pub main: Vec<AwardGroup>,
    /// Side prizes in order, each with its winners.
    pub side: Vec<AwardGroup>,
    /// The ceremony's steps, in the order the MC announces them.
    pub steps: Vec<Reveal>,
    /// Team id → the main prize it won.
    pub prize_of: HashMap<i64, String>,
}

fn award_team(row: &StandingRow) -> AwardTeam {
    AwardTeam {
        id: row.team.id,
        name: row.team.name.clone(),
        unit: row.team.unit.clone(),
        rank: row.rank,
        total: row.total.clone(),
        score: None,
        block: row.block.clone(),
    }
}

/// The round whose best a side prize rewards, as the standings key it.
fn round_key(standings: &Standings, prize: &SidePrizeDef) -> Option<String> {
    prize.round.and_then(|i| standings.rounds.get(i)).map(|r| r.id.to_string())
}

/// A side prize's winner: for a round's best, with the score that won it
/// (the contest total says nothing about that round).
fn side_team(row: &StandingRow, round: Option<&String>) -> AwardTeam {
    AwardTeam { score: round.and_then(|k| row.rounds.get(k).cloned().flatten()), ..award_team(row) }
}

/// The prizes of `standings` under the scheme `prizes` and the side prizes
/// `side`. A side prize with a round goes to the best score shown in that
/// round (ties share it); one without goes to the teams `manual` gives it
/// (`(side prize index, team id)`).
pub fn award(standings: &Standings, prizes: &[PrizeDef], side: &[SidePrizeDef], manual: &[(usize, i64)]) -> Awarded {
    let rows = &standings.standings;
    let ranks: Vec<u32> = rows.iter().map(|r| r.rank).collect();
    // Teams in blocks win their block's prizes: a rank within the block
    // reads against the same scheme, so each block has its own first.
    let blocks = blocks_of(rows);
    let prize_ranks: Vec<u32> = rows.iter().map(|r| r.block_rank.unwrap_or(r.rank)).collect();
    let won = awards::main_prizes(&prize_ranks, prizes);
    let won_ref = &won;
    let main: Vec<AwardGroup> = blocks
        .iter()
        .flat_map(|block| {
            prizes.iter().enumerate().map(move |(k, p)| AwardGroup {
                name: p.name.clone(),
                teams: rows
                    .iter()
                    .zip(won_ref)
                    .filter(|(r, w)| **w == Some(k) && r.block == *block)
                    .map(|(r, _)| award_team(r))
                    .collect(),
                block: block.clone(),
            })
        })
        .collect();
    let side_winners: Vec<Vec<usize>> = side
        .iter()
        .enumerate()
        .map(|(k, s)| match round_key(standings, s) {
            Some(key) => {
                let scores: Vec<Option<Points>> = rows
                    .iter()
                    .map(|r| r.rounds.get(&key).cloned().flatten().and_then(|v| Points::parse_signed(&v).ok()))
                    .collect();
                awards::best_of(&scores)
            }
            None => rows
                .iter()
                .enumerate()
                .filter(|(_, r)| manual.iter().any(|(p, t)| *p == k && *t == r.team.id))
                .map(|(i, _)| i)
                .collect(),
        })
        .collect();
    let side_groups: Vec<AwardGroup> = side
        .iter()
        .zip(&side_winners)
        .map(|(s, w)| {
            let key = round_key(standings, s);
            AwardGroup {
                name: s.name.clone(),
                teams: w.iter().map(|&i| side_team(&rows[i], key.as_ref())).collect(),
                block: None,
            }
        })
        .collect();
    let steps = awards::ceremony(&ranks, &won, &side_winners)
        .into_iter()
        .enumerate()
        .map(|(n, CeremonyStep { side: is_side, prize, winners })| Reveal {
            step: n + 1,
            side: is_side,
            prize: if is_side { side[prize].name.clone() } else { prizes[prize].name.clone() },
            teams: if is_side {
                let key = round_key(standings, &side[prize]);
                winners.iter().map(|&i| side_team(&rows[i], key.as_ref())).collect()
            } else {
                winners.iter().map(|&i| award_team(&rows[i])).collect()
            },
        })
        .collect();
    let prize_of = rows.iter().zip(&won).filter_map(|(r, w)| w.map(|k| (r.team.id, prizes[k].name.clone()))).collect();
    Awarded { main, side: side_groups, steps, prize_of }
}

/// The blocks the standings' teams compete in, in Vietnamese order; one
/// `None` for a contest without blocks (its prizes are the contest's).
fn blocks_of(rows: &[StandingRow]) -> Vec<Option<String>> {
    let mut blocks: Vec<Option<String>> = Vec::new();
    for r in rows {
        if !blocks.contains(&r.block) {
            blocks.push(r.block.clone());
        }
    }
    blocks.sort_by(|a, b| match (a, b) {
        (Some(a), Some(b)) => crate::collate::compare(a, b),
        (a, b) => b.is_none().cmp(&a.is_none()),
    });
    if blocks.is_empty() {
        blocks.push(None);
    }
    blocks
}

/// Whether the public may see the results: every round published.
pub fn is_final(standings: &Standings) -> bool {
    !standings.rounds.is_empty() && standings.rounds.iter().all(|r| r.state == crate::contest::RoundState::Published)
}

/// The ceremony as the public follows it: the steps revealed so far and
/// how many there are; `sealed` while some are still to come.
pub fn ceremony(awarded: &Awarded, sealed: bool, revealed: usize) -> Ceremony {
    let shown = revealed.min(awarded.steps.len());
    Ceremony {
        sealed: sealed && shown < awarded.steps.len(),
        steps: awarded.steps.len(),
        revealed: awarded.steps[..shown].to_vec(),
    }
}

/// Only what the ceremony has revealed of the prizes: main and side
/// prizes keep their names and order, with the winners revealed so far.
pub fn revealed_only(awarded: &Awarded, revealed: usize) -> (Vec<AwardGroup>, Vec<AwardGroup>) {
    let shown = &awarded.steps[..revealed.min(awarded.steps.len())];
    let keep = |groups: &[AwardGroup], side: bool| -> Vec<AwardGroup> {
        groups
            .iter()
            .map(|g| AwardGroup {
                name: g.name.clone(),
                // A step names its prize, not its block: a block's group
                // keeps the step's teams that are its own.
                teams: shown
                    .iter()
                    .filter(|s| s.side == side && s.prize == g.name)
                    .flat_map(|s| s.teams.iter().filter(|t| g.teams.iter().any(|x| x.id == t.id)).cloned())
                    .collect(),
                block: g.block.clone(),
            })
            .filter(|g| !g.teams.is_empty())
            .collect()
    };
    (keep(&awarded.main, false), keep(&awarded.side, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contest::{Level, RoundState};
    use crate::standings::{ContestHeader, RoundHeader, TeamHeader};
    use std::collections::BTreeMap;

    fn standings(rows: &[(u32, i64, &str, &str)]) -> Standings {
        Standings {
            contest: ContestHeader { id: 1, name: "Hội thi".into(), unit: "Xã".into(), level: Level::Commune },
            rounds: vec![RoundHeader { id: 10, name: "Chào hỏi".into(), state: RoundState::Published }],
            standings: rows
                .iter()
                .map(|(rank, id, total, greet)| StandingRow {
                    rank: *rank,
                    team: TeamHeader { id: *id, name: format!("Đội {id}"), unit: format!("Thôn {id}") },
                    total: total.to_string(),
                    rounds: BTreeMap::from([("10".to_string(), Some(greet.to_string()))]),
                    block: None,
                    block_rank: None,
                })
                .collect(),
            version: 3,
            stage: None,
            ceremony: None,
            ledger: None,
            quiz: None,
            vote: None,
        }
    }

    fn prizes(counts: &[(&str, Option<u32>)]) -> Vec<PrizeDef> {
        counts.iter().map(|(n, c)| PrizeDef { name: n.to_string(), count: *c }).collect()
    }

    #[test]
    fn each_block_has_its_own_prizes_and_the_ceremony_reveals_them_by_block() {
        // Điện Biên 2018: two blocks, a Giải Nhất in each.
        let mut s =
            standings(&[(1, 1, "95.00", "19"), (2, 2, "90.00", "18"), (3, 3, "85.00", "17"), (4, 4, "80.00", "16")]);
        for (row, (block, rank)) in
            s.standings.iter_mut().zip([("Khối xã", 1), ("Khối cơ quan", 1), ("Khối xã", 2), ("Khối cơ quan", 2)])
        {
            row.block = Some(block.into());
            row.block_rank = Some(rank);
        }
        let a = award(&s, &prizes(&[("Giải Nhất", Some(1)), ("Giải Nhì", Some(1))]), &[], &[]);
        let groups: Vec<(Option<&str>, &str, Vec<i64>)> = a
            .main
            .iter()
            .map(|g| (g.block.as_deref(), g.name.as_str(), g.teams.iter().map(|t| t.id).collect()))
            .collect();
        assert_eq!(
            groups,
            vec![
                (Some("Khối cơ quan"), "Giải Nhất", vec![2]),
                (Some("Khối cơ quan"), "Giải Nhì", vec![4]),
                (Some("Khối xã"), "Giải Nhất", vec![1]),
                (Some("Khối xã"), "Giải Nhì", vec![3]),
            ]
        );
        assert_eq!(a.prize_of[&2], "Giải Nhất");
        // Revealed in full, each block's group keeps only its own winners.
        let (main, _) = revealed_only(&a, a.steps.len());
        assert_eq!(main.iter().map(|g| g.teams.len()).collect::<Vec<_>>(), [1, 1, 1, 1]);
    }

    #[test]
    fn the_contracts_example_by_team() {
        let s = standings(&[
            (1, 7, "90.00", "18.00"),
            (2, 3, "85.00", "19.50"),
            (2, 4, "85.00", "17.00"),
            (2, 5, "85.00", "16.00"),
            (5, 1, "80.00", "19.50"),
            (6, 2, "70.00", "15.00"),
            (7, 6, "60.00", "14.00"),
        ]);
        let scheme = prizes(&[
            ("Giải Nhất", Some(1)),
            ("Giải Nhì", Some(2)),
            ("Giải Ba", Some(3)),
            ("Giải Khuyến khích", Some(4)),
        ]);
        let side = vec![
            SidePrizeDef { name: "Phần chào hỏi hay nhất".into(), round: Some(0) },
            SidePrizeDef { name: "Trang phục đẹp nhất".into(), round: None },
        ];
        let a = award(&s, &scheme, &side, &[(1, 6)]);
        let ids = |g: &AwardGroup| g.teams.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(a.main.iter().map(ids).collect::<Vec<_>>(), vec![vec![7], vec![3, 4, 5], vec![1, 2], vec![6]]);
        assert_eq!(ids(&a.side[0]), vec![3, 1], "a tie in the round shares the side prize");
        assert_eq!(ids(&a.side[1]), vec![6]);
        let scores = |g: &AwardGroup| g.teams.iter().map(|t| t.score.clone()).collect::<Vec<_>>();
        assert_eq!(
            scores(&a.side[0]),
            vec![Some("19.50".into()), Some("19.50".into())],
            "a round's best shows that round's score"
        );
        assert_eq!(scores(&a.side[1]), vec![None], "a prize given by hand has no score of its own");
        let announced: Vec<_> = a.steps[0].teams.iter().map(|t| t.score.clone()).collect();
        assert_eq!(announced, scores(&a.side[0]), "the MC reads the round's score too");
        assert_eq!(a.prize_of[&4], "Giải Nhì");
        let order: Vec<(String, Vec<i64>)> =
            a.steps.iter().map(|s| (s.prize.clone(), s.teams.iter().map(|t| t.id).collect())).collect();
        assert_eq!(
            order,
            vec![
                ("Phần chào hỏi hay nhất".to_string(), vec![3, 1]),
                ("Trang phục đẹp nhất".to_string(), vec![6]),
                ("Giải Khuyến khích".to_string(), vec![6]),
                ("Giải Ba".to_string(), vec![2]),
                ("Giải Ba".to_string(), vec![1]),
                ("Giải Nhì".to_string(), vec![3, 4, 5]),
                ("Giải Nhất".to_string(), vec![7]),
            ]
        );
        assert_eq!(a.steps.iter().map(|s| s.step).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn only_revealed_prizes_show() {
        let s = standings(&[(1, 1, "50.00", "10.00"), (2, 2, "40.00", "9.00"), (3, 3, "30.00", "8.00")]);
        let a = award(&s, &prizes(&[("Nhất", Some(1)), ("Nhì", Some(1)), ("Ba", Some(1))]), &[], &[]);
        let (main, side) = revealed_only(&a, 2);
        assert!(side.is_empty());
        assert_eq!(main.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["Nhì", "Ba"]);
        let c = ceremony(&a, true, 2);
        assert!(c.sealed);
        assert_eq!((c.steps, c.revealed.len()), (3, 2));
        assert!(!ceremony(&a, true, 3).sealed, "the last reveal ends the seal");
        assert!(!c.revealed.iter().any(|r| r.prize == "Nhất"));
    }

    #[test]
    fn final_once_every_round_is_published() {
        let mut s = standings(&[(1, 1, "1.00", "1.00")]);
        assert!(is_final(&s));
        s.rounds[0].state = RoundState::Locked;
        assert!(!is_final(&s));
        s.rounds.clear();
        assert!(!is_final(&s));
    }
}
