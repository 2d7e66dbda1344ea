//! Prizes (giải thưởng): who wins what, from the ranking alone.
//!
//! Prize k covers the rank positions after the counts of the prizes before
//! it; a team whose rank falls in those positions gets prize k. Tied teams
//! share a rank, so they share a prize (đồng giải) and push the next prizes
//! down: ranks 1,2,2,2,5,6,7 with counts 1/2/3/4 give Nhất to rank 1, Nhì
//! to the three at rank 2, Ba to ranks 5 and 6, Khuyến khích to rank 7.
//!
//! Nothing here knows teams' names or reads storage: it takes ranks and
//! scores and gives indexes.

use crate::points::Points;
use serde::{Deserialize, Serialize};

/// A main prize and how many rank positions it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrizeDef {
    /// Its name: "Giải Nhất".
    pub name: String,
    /// Positions covered; `None` covers every position left (the usual
    /// "Khuyến khích for the rest").
    #[serde(default)]
    pub count: Option<u32>,
}

/// A side prize (giải phụ): the best team of one round, or one the
/// organisers give (best costume, the audience's favourite).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SidePrizeDef {
    /// Its name: "Phần chào hỏi hay nhất".
    pub name: String,
    /// The round (0-based index) whose best score wins it; none for a prize
    /// the organisers assign by hand.
    #[serde(default)]
    pub round: Option<usize>,
}

/// The usual scheme: Nhất 1, Nhì 2, Ba 3, Khuyến khích for every team left.
pub fn usual_prizes() -> Vec<PrizeDef> {
    [("Giải Nhất", Some(1)), ("Giải Nhì", Some(2)), ("Giải Ba", Some(3)), ("Giải Khuyến khích", None)]
        .into_iter()
        .map(|(name, count)| PrizeDef { name: name.into(), count })
        .collect()
}

/// For each entry of `ranks` (shared ranks, from 1), the index of the main
/// prize it wins, if any.
pub fn main_prizes(ranks: &[u32], prizes: &[PrizeDef]) -> Vec<Option<usize>> {
    let mut bounds = Vec::with_capacity(prizes.len());
    let mut last: u64 = 0;
    for p in prizes {
        let upper = match p.count {
            Some(c) => last + u64::from(c),
            None => u64::MAX,
        };
        bounds.push((last, upper));
        last = upper;
    }
    ranks
        .iter()
        .map(|&r| {
            let r = u64::from(r);
            bounds.iter().position(|&(lower, upper)| r > lower && r <= upper)
        })
        .collect()
}

/// The entries whose score is the best among those shown; ties share it.
/// None when no score is shown.
pub fn best_of(scores: &[Option<Points>]) -> Vec<usize> {
    let Some(best) = scores.iter().flatten().max().copied() else { return Vec::new() };
    scores.iter().enumerate().filter(|(_, s)| **s == Some(best)).map(|(i, _)| i).collect()
}

/// One step of the award ceremony: a prize announced for one group of
/// teams (teams tied on a rank are announced together).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CeremonyStep {
    /// Side prize (announced first) or main prize.
    pub side: bool,
    /// The prize's index in its list.
    pub prize: usize,
    /// The winners, as indexes into the ranking.
    pub winners: Vec<usize>,
}

/// The order the MC announces prizes: side prizes first, in their order;
/// then the main prizes from the last to the first, and within a prize
/// from the lowest rank to the highest, teams sharing a rank together.
/// `ranks` and `main` are per team (as [`main_prizes`] gives); `side` lists
/// each side prize's winners.
pub fn ceremony(ranks: &[u32], main: &[Option<usize>], side: &[Vec<usize>]) -> Vec<CeremonyStep> {
    let mut steps: Vec<CeremonyStep> = side
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.is_empty())
        .map(|(prize, winners)| CeremonyStep { side: true, prize, winners: winners.clone() })
        .collect();
    let mut winners: Vec<(usize, u32, usize)> =
        main.iter().enumerate().filter_map(|(i, p)| p.map(|p| (p, ranks[i], i))).collect();
    // Last prize first; within it, the lowest rank first; ties by list order.
    winners.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    for (prize, rank, i) in winners {
        match steps.last_mut() {
            Some(s) if !s.side && s.prize == prize && ranks[s.winners[0]] == rank => s.winners.push(i),
            _ => steps.push(CeremonyStep { side: false, prize, winners: vec![i] }),
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scheme(counts: &[u32]) -> Vec<PrizeDef> {
        counts.iter().enumerate().map(|(i, c)| PrizeDef { name: format!("P{i}"), count: Some(*c) }).collect()
    }

    #[test]
    fn the_contracts_example() {
        let ranks = [1, 2, 2, 2, 5, 6, 7];
        assert_eq!(
            main_prizes(&ranks, &scheme(&[1, 2, 3, 4])),
            vec![Some(0), Some(1), Some(1), Some(1), Some(2), Some(2), Some(3)]
        );
    }

    #[test]
    fn ties_at_every_boundary() {
        // Tie across the first boundary: both share Nhất, Nhì starts at 3.
        let p = scheme(&[1, 2, 3]);
        assert_eq!(
            main_prizes(&[1, 1, 3, 4, 5, 6, 7], &p),
            vec![Some(0), Some(0), Some(1), Some(2), Some(2), Some(2), None]
        );
        // Tie inside Nhì's range pushes its second place out of it.
        assert_eq!(
            main_prizes(&[1, 2, 3, 3, 5, 6, 7], &p),
            vec![Some(0), Some(1), Some(1), Some(1), Some(2), Some(2), None]
        );
        // Tie across the last prize's end: everyone at rank 6 shares Ba.
        assert_eq!(
            main_prizes(&[1, 2, 3, 4, 5, 6, 6, 6], &p),
            vec![Some(0), Some(1), Some(1), Some(2), Some(2), Some(2), Some(2), Some(2)]
        );
        // A tie that starts after the end wins nothing.
        assert_eq!(main_prizes(&[1, 2, 3, 4, 5, 6, 7, 7], &p)[6..], [None, None]);
        // Everyone tied: everyone gets the first prize.
        assert_eq!(main_prizes(&[1, 1, 1], &p), vec![Some(0); 3]);
    }

    #[test]
    fn the_rest_goes_to_the_open_prize() {
        let p = usual_prizes();
        let ranks: Vec<u32> = (1..=10).collect();
        let won = main_prizes(&ranks, &p);
        assert_eq!(won, vec![Some(0), Some(1), Some(1), Some(2), Some(2), Some(2), Some(3), Some(3), Some(3), Some(3)]);
        assert_eq!(main_prizes(&[1, 2], &[]), vec![None, None]);
    }

    #[test]
    fn best_in_a_round_shares_ties_and_skips_hidden_scores() {
        let p = |h: i64| Some(Points::from_hundredths(h));
        assert_eq!(best_of(&[p(1500), None, p(1750), p(1750)]), vec![2, 3]);
        assert_eq!(best_of(&[None, None]), Vec::<usize>::new());
    }

    #[test]
    fn the_ceremony_goes_from_the_last_prize_to_the_first() {
        let ranks = [1, 2, 2, 4, 5, 6];
        let main = main_prizes(&ranks, &scheme(&[1, 2, 3]));
        let steps = ceremony(&ranks, &main, &[vec![4], vec![]]);
        let read: Vec<(bool, usize, Vec<usize>)> = steps.into_iter().map(|s| (s.side, s.prize, s.winners)).collect();
        assert_eq!(
            read,
            vec![
                (true, 0, vec![4]),
                (false, 2, vec![5]),
                (false, 2, vec![4]),
                (false, 2, vec![3]),
                (false, 1, vec![1, 2]),
                (false, 0, vec![0]),
            ]
        );
    }

    fn ranks_of(totals: &[u8]) -> Vec<u32> {
        // Shared ranks of totals in descending order, as the ranking gives.
        let mut sorted = totals.to_vec();
        sorted.sort_by(|a, b| b.cmp(a));
        sorted.iter().map(|t| sorted.iter().position(|x| x == t).unwrap() as u32 + 1).collect()
    }

    proptest! {
        #[test]
        fn prizes_follow_rank_order_and_ties_share(
            totals in prop::collection::vec(0u8..8, 0..25),
            counts in prop::collection::vec(0u32..5, 0..5),
            open_last in any::<bool>(),
        ) {
            let ranks = ranks_of(&totals);
            let mut prizes = scheme(&counts);
            if open_last && !prizes.is_empty() {
                let last = prizes.len() - 1;
                prizes[last].count = None;
            }
            let won = main_prizes(&ranks, &prizes);
            prop_assert_eq!(won.len(), ranks.len());
            for i in 0..ranks.len() {
                for j in 0..ranks.len() {
                    // A better rank never gets a lesser prize (None is the least).
                    if ranks[i] < ranks[j] {
                        let (a, b) = (won[i].unwrap_or(usize::MAX), won[j].unwrap_or(usize::MAX));
                        prop_assert!(a <= b, "rank {} got {:?}, rank {} got {:?}", ranks[i], won[i], ranks[j], won[j]);
                    }
                    if ranks[i] == ranks[j] {
                        prop_assert_eq!(won[i], won[j]);
                    }
                }
            }
            // A prize with a count never covers more positions than that,
            // except by ties that start inside it.
            let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
            if !open_last {
                for (i, w) in won.iter().enumerate() {
                    if w.is_some() { prop_assert!(u64::from(ranks[i]) <= total); }
                }
            }
            // Every step of the ceremony names each winner once.
            let steps = ceremony(&ranks, &won, &[]);
            let mut named: Vec<usize> = steps.iter().flat_map(|s| s.winners.clone()).collect();
            named.sort();
            let expected: Vec<usize> = (0..won.len()).filter(|&i| won[i].is_some()).collect();
            prop_assert_eq!(named, expected);
        }
    }
}
