//! The arithmetic of a contest's rules (thể lệ), over plain values.
//!
//! These functions know nothing of teams' identities or of storage: they
//! take points and give points. Every rule is a setting of the contest;
//! nothing here assumes a national rulebook.

use crate::points::Points;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// How the judges' sheet totals become a team's round score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The mean of every judge's total.
    #[default]
    Mean,
    /// Drop one highest and one lowest total, then the mean.
    TrimmedMean,
}

impl Aggregation {
    /// The smallest panel for which the contest may choose this rule.
    pub fn min_panel(self) -> usize {
        match self {
            Aggregation::Mean => 1,
            Aggregation::TrimmedMean => 5,
        }
    }

    /// The wire name, as in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Mean => "mean",
            Aggregation::TrimmedMean => "trimmed_mean",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "mean" => Some(Aggregation::Mean),
            "trimmed_mean" => Some(Aggregation::TrimmedMean),
            _ => None,
        }
    }
}

/// A judge's sheet total: the sum of his points per criterion.
pub fn sheet_total(points: impl IntoIterator<Item = Points>) -> Points {
    points.into_iter().sum()
}

/// `numerator / denominator` hundredths, rounded half up (towards +∞ on a tie).
fn div_half_up(numerator: i64, denominator: i64) -> i64 {
    debug_assert!(denominator > 0);
    (2 * numerator + denominator).div_euclid(2 * denominator)
}

/// The mean of `values`, rounded half up to hundredths; `None` when empty.
pub fn mean(values: &[Points]) -> Option<Points> {
    if values.is_empty() {
        return None;
    }
    let sum: i64 = values.iter().map(|p| p.hundredths()).sum();
    Some(Points::from_hundredths(div_half_up(sum, values.len() as i64)))
}

/// Drops one highest and one lowest value, then the mean.
///
/// With fewer than three values nothing can be dropped and leave a value,
/// so the plain mean is used: that only happens when a locked round is
/// scored over fewer sheets than the panel has judges.
pub fn trimmed_mean(values: &[Points]) -> Option<Points> {
    if values.len() < 3 {
        return mean(values);
    }
    let mut sorted = values.to_vec();
    sorted.sort();
    mean(&sorted[1..sorted.len() - 1])
}

/// Applies the contest's aggregation to the judges' sheet totals.
pub fn aggregate(rule: Aggregation, totals: &[Points]) -> Option<Points> {
    match rule {
        Aggregation::Mean => mean(totals),
        Aggregation::TrimmedMean => trimmed_mean(totals),
    }
}

/// How far apart a team's sheet totals in a round are: the highest less
/// the lowest (zero for one sheet or none).
pub fn spread(totals: &[Points]) -> Points {
    match (totals.iter().max(), totals.iter().min()) {
        (Some(hi), Some(lo)) => *hi - *lo,
        _ => Points::ZERO,
    }
}

/// Whether the chair should look at a team's sheets again before the round
/// is locked: their totals spread by at least `threshold` (the contest's
/// `divergence_points`; the civil-service grading rule uses 20 on 100).
/// No threshold set, never.
pub fn diverges(totals: &[Points], threshold: Option<Points>) -> bool {
    threshold.is_some_and(|t| totals.len() > 1 && spread(totals) >= t)
}

/// The teams whose counted sheets diverge, with their spread, in the order
/// the teams are given: `sheets` are one round's `(team, judge, total)`,
/// and only the sheets of `panel` judges count (a trainee's never do).
pub fn divergent_teams(
    teams: &[i64],
    sheets: &[(i64, i64, Points)],
    panel: &[i64],
    threshold: Option<Points>,
) -> Vec<(i64, Points)> {
    teams
        .iter()
        .filter_map(|&team| {
            let totals: Vec<Points> =
                sheets.iter().filter(|(t, j, _)| *t == team && panel.contains(j)).map(|(_, _, p)| *p).collect();
            diverges(&totals, threshold).then(|| (team, spread(&totals)))
        })
        .collect()
}

/// An over-time rule (điểm trừ quá giờ): points taken per started minute
/// beyond the time limit, after an optional grace period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OvertimeRule {
    /// Points deducted for each started minute over the limit.
    pub per_started_minute: Points,
    /// Seconds over the limit that are forgiven entirely.
    pub grace_seconds: u32,
}

impl OvertimeRule {
    /// The deduction for a team that ran `over_seconds` past the limit.
    pub fn deduction(self, over_seconds: u32) -> Points {
        if over_seconds == 0 || over_seconds <= self.grace_seconds {
            return Points::ZERO;
        }
        let started_minutes = over_seconds.div_ceil(60);
        self.per_started_minute.times(i64::from(started_minutes))
    }
}

/// A knowledge-quiz round's score: the points of the questions answered right.
pub fn quiz_score(answers: impl IntoIterator<Item = (Points, bool)>) -> Points {
    answers.into_iter().filter(|(_, right)| *right).map(|(p, _)| p).sum()
}

/// What the ranking needs of one team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankEntry {
    /// The team's total.
    pub total: Points,
    /// Its scores in the tie-break rounds, in the configured order; `None`
    /// when not (yet) shown, which ranks below any shown score.
    pub tie_breaks: Vec<Option<Points>>,
    /// Running order (thứ tự thi), used only to list teams still equal.
    pub order: i32,
}

fn compare_merit(a: &RankEntry, b: &RankEntry) -> Ordering {
    b.total.cmp(&a.total).then_with(|| {
        // Option's order puts None below Some, as wanted; descending.
        let n = a.tie_breaks.len().max(b.tie_breaks.len());
        (0..n)
            .map(|i| {
                let x = a.tie_breaks.get(i).copied().flatten();
                let y = b.tie_breaks.get(i).copied().flatten();
                y.cmp(&x)
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    })
}

/// Orders entries: total descending, then the tie-break rounds; entries
/// still equal share a rank (1, 2, 2, 4) and are listed by running order.
/// Returns `(rank, index into entries)` in display order.
pub fn rank(entries: &[RankEntry]) -> Vec<(u32, usize)> {
    let mut idx: Vec<usize> = (0..entries.len()).collect();
    idx.sort_by(|&a, &b| {
        compare_merit(&entries[a], &entries[b]).then_with(|| entries[a].order.cmp(&entries[b].order)).then(a.cmp(&b))
    });
    let mut out = Vec::with_capacity(idx.len());
    for (pos, &i) in idx.iter().enumerate() {
        let rank = match out.last() {
            Some(&(r, prev)) if compare_merit(&entries[prev], &entries[i]).is_eq() => r,
            _ => pos as u32 + 1,
        };
        out.push((rank, i));
    }
    out
}

/// Each entry's rank within its block (khối), by the same rule as `rank`:
/// teams of a province contest split into blocks compete within them (a
/// team with no block is ranked among the others with none). Returns one
/// rank per entry, in the entries' order.
pub fn rank_within_blocks<B: Eq>(entries: &[RankEntry], blocks: &[B]) -> Vec<u32> {
    let mut ranks = vec![0; entries.len()];
    let mut done = vec![false; entries.len()];
    for first in 0..entries.len() {
        if done[first] {
            continue;
        }
        let members: Vec<usize> = (first..entries.len()).filter(|&i| blocks[i] == blocks[first]).collect();
        let group: Vec<RankEntry> = members.iter().map(|&i| entries[i].clone()).collect();
        for (r, k) in rank(&group) {
            ranks[members[k]] = r;
            done[members[k]] = true;
        }
    }
    ranks
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_panels_sheets_make_a_team_diverge() {
        let p = |s: &str| Points::parse(s).unwrap();
        // Team 1: 90 and 68 on the panel (22 apart); the trainee's 40 is not
        // the panel's. Team 2: 80 and 75.
        let sheets = [(1, 10, p("90")), (1, 11, p("68")), (1, 99, p("40")), (2, 10, p("80")), (2, 11, p("75"))];
        assert_eq!(divergent_teams(&[1, 2], &sheets, &[10, 11], Some(p("20"))), vec![(1, p("22"))]);
        assert_eq!(divergent_teams(&[1, 2], &sheets, &[10, 11], None), vec![]);
        assert_eq!(divergent_teams(&[1, 2], &sheets, &[10, 11, 99], Some(p("20"))), vec![(1, p("50"))]);
    }

    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Points {
        Points::parse_signed(s).unwrap()
    }

    #[test]
    fn mean_rounds_half_up() {
        // 27 + 27 + 28 = 82 / 3 = 27.333…
        assert_eq!(mean(&[p("27"), p("27"), p("28")]), Some(p("27.33")));
        // 8.5 + 8.75 = 17.25 / 2 = 8.625 → 8.63
        assert_eq!(mean(&[p("8.5"), p("8.75")]), Some(p("8.63")));
        // 1 + 1 + 1 + 0.01 … 3.01 / 3 = 1.00333 → 1.00
        assert_eq!(mean(&[p("1"), p("1"), p("1.01")]), Some(p("1")));
        // 0.01 + 0.02 = 0.015 → 0.02
        assert_eq!(mean(&[p("0.01"), p("0.02")]), Some(p("0.02")));
        // 2/3 = 0.666… → 0.67
        assert_eq!(mean(&[p("0.01"), p("0.01"), p("0")]), Some(p("0.01")));
        assert_eq!(mean(&[]), None);
        // A tie on negative values rounds towards +∞ too: -0.015 → -0.01.
        assert_eq!(mean(&[p("-0.01"), p("-0.02")]), Some(p("-0.01")));
    }

    #[test]
    fn trimmed_mean_drops_one_each_end() {
        let totals = [p("18"), p("17"), p("19.5"), p("12"), p("17.5")];
        // drop 12 and 19.5: (18 + 17 + 17.5) / 3 = 17.5
        assert_eq!(trimmed_mean(&totals), Some(p("17.5")));
        // equal extremes: only one of each is dropped
        assert_eq!(trimmed_mean(&[p("10"), p("10"), p("10"), p("4"), p("4")]), Some(p("8")));
        assert_eq!(trimmed_mean(&[p("10"), p("4")]), Some(p("7")));
        assert_eq!(aggregate(Aggregation::TrimmedMean, &[]), None);
    }

    #[test]
    fn overtime_counts_started_minutes() {
        let rule = OvertimeRule { per_started_minute: p("1"), grace_seconds: 0 };
        assert_eq!(rule.deduction(0), Points::ZERO);
        assert_eq!(rule.deduction(1), p("1"));
        assert_eq!(rule.deduction(60), p("1"));
        assert_eq!(rule.deduction(61), p("2"));
        let lenient = OvertimeRule { per_started_minute: p("0.5"), grace_seconds: 30 };
        assert_eq!(lenient.deduction(30), Points::ZERO);
        assert_eq!(lenient.deduction(31), p("0.5"));
        assert_eq!(lenient.deduction(125), p("1.5"));
    }

    #[test]
    fn quiz_counts_right_answers() {
        assert_eq!(quiz_score([(p("10"), true), (p("10"), false), (p("5"), true)]), p("15"));
    }

    fn e(total: &str, tb: &[Option<&str>], order: i32) -> RankEntry {
        RankEntry { total: p(total), tie_breaks: tb.iter().map(|x| x.map(p)).collect(), order }
    }

    #[test]
    fn ranks_share_and_skip() {
        let entries = [e("80", &[], 1), e("90", &[], 2), e("80", &[], 3), e("70", &[], 4)];
        assert_eq!(rank(&entries), vec![(1, 1), (2, 0), (2, 2), (4, 3)]);
    }

    #[test]
    fn tie_break_rounds_in_order() {
        let entries = [
            e("80", &[Some("20"), Some("5")], 1),
            e("80", &[Some("25"), Some("1")], 2),
            e("80", &[Some("20"), Some("6")], 3),
            e("80", &[None, Some("9")], 4),
        ];
        assert_eq!(rank(&entries), vec![(1, 1), (2, 2), (3, 0), (4, 3)]);
    }

    #[test]
    fn still_equal_listed_by_running_order() {
        let entries = [e("50", &[Some("5")], 3), e("50", &[Some("5")], 1)];
        assert_eq!(rank(&entries), vec![(1, 1), (1, 0)]);
    }

    fn points() -> impl Strategy<Value = Points> {
        (0i64..=10_000).prop_map(Points::from_hundredths)
    }

    #[test]
    fn each_block_has_its_own_first() {
        let e = |total: &str, order: i32| RankEntry { total: p(total), tie_breaks: vec![], order };
        // Điện Biên 2018: 21 teams in two blocks, a Giải Nhất in each.
        let entries = [e("90", 1), e("88", 2), e("85", 3), e("85", 4), e("70", 5)];
        let blocks = ["Khối xã", "Khối cơ quan", "Khối xã", "Khối cơ quan", "Khối xã"];
        assert_eq!(rank_within_blocks(&entries, &blocks), vec![1, 1, 2, 2, 3]);
        // Equal totals in one block share the rank, as overall.
        let tied = [e("80", 1), e("80", 2), e("60", 3)];
        assert_eq!(rank_within_blocks(&tied, &[None::<&str>, None, None]), vec![1, 1, 3]);
    }

    #[test]
    fn the_chair_is_warned_of_sheets_far_apart() {
        let twenty = Some(p("20"));
        // 85, 64.5 and 80 on 100: 20.5 apart.
        assert!(diverges(&[p("85"), p("64.5"), p("80")], twenty));
        assert_eq!(spread(&[p("85"), p("64.5"), p("80")]), p("20.5"));
        // Exactly the threshold is enough; just under is not.
        assert!(diverges(&[p("80"), p("60")], twenty));
        assert!(!diverges(&[p("80"), p("60.01")], twenty));
        // One sheet, or no threshold: nothing to compare.
        assert!(!diverges(&[p("80")], Some(p("0"))));
        assert!(!diverges(&[p("100"), p("0")], None));
        assert_eq!(spread(&[]), Points::ZERO);
    }

    proptest! {
        #[test]
        fn one_block_ranks_as_the_whole_contest(
            totals in prop::collection::vec((0i64..=300, 0i64..=3), 0..9)
        ) {
            let entries: Vec<RankEntry> = totals.iter().enumerate()
                .map(|(i, (t, b))| RankEntry { total: Points::from_hundredths(*t), tie_breaks: vec![Some(Points::from_hundredths(*b))], order: i as i32 })
                .collect();
            let overall: Vec<u32> = {
                let mut r = vec![0; entries.len()];
                for (rank, i) in rank(&entries) { r[i] = rank; }
                r
            };
            prop_assert_eq!(rank_within_blocks(&entries, &vec![(); entries.len()]), overall);
        }

        #[test]
        fn a_block_ranks_as_if_it_were_alone(
            teams in prop::collection::vec((0i64..=300, 0u8..3), 0..12)
        ) {
            let entries: Vec<RankEntry> = teams.iter().enumerate()
                .map(|(i, (t, _))| RankEntry { total: Points::from_hundredths(*t), tie_breaks: vec![], order: i as i32 })
                .collect();
            let blocks: Vec<u8> = teams.iter().map(|(_, b)| *b).collect();
            let ranks = rank_within_blocks(&entries, &blocks);
            for block in 0u8..3 {
                let members: Vec<usize> = (0..entries.len()).filter(|&i| blocks[i] == block).collect();
                let alone: Vec<RankEntry> = members.iter().map(|&i| entries[i].clone()).collect();
                for (r, k) in rank(&alone) {
                    prop_assert_eq!(ranks[members[k]], r);
                }
            }
        }

        #[test]
        fn the_spread_is_the_same_in_any_order_and_never_negative(
            mut totals in prop::collection::vec(0i64..=10_000, 0..7)
        ) {
            let before = spread(&totals.iter().map(|h| Points::from_hundredths(*h)).collect::<Vec<_>>());
            totals.reverse();
            let after = spread(&totals.iter().map(|h| Points::from_hundredths(*h)).collect::<Vec<_>>());
            prop_assert_eq!(before, after);
            prop_assert!(before >= Points::ZERO);
        }

        #[test]
        fn a_lower_threshold_warns_whenever_a_higher_one_does(
            totals in prop::collection::vec(0i64..=10_000, 0..7), lo in 0i64..=10_000, extra in 0i64..=10_000
        ) {
            let totals: Vec<Points> = totals.into_iter().map(Points::from_hundredths).collect();
            let (lo, hi) = (Points::from_hundredths(lo), Points::from_hundredths(lo + extra));
            prop_assert!(!diverges(&totals, Some(hi)) || diverges(&totals, Some(lo)));
        }

        #[test]
        fn sheet_total_never_exceeds_sum_of_maxima(
            rubric in prop::collection::vec((1i64..=5_000, 0u32..=100), 1..8)
        ) {
            let maxima: Vec<Points> = rubric.iter().map(|(m, _)| Points::from_hundredths(*m)).collect();
            let given: Vec<Points> = rubric.iter().map(|(m, pct)| Points::from_hundredths(m * i64::from(*pct) / 100)).collect();
            prop_assert!(sheet_total(given) <= sheet_total(maxima));
        }

        #[test]
        fn permuting_judges_changes_nothing(mut totals in prop::collection::vec(points(), 1..12), seed in any::<u64>()) {
            let before_mean = mean(&totals);
            let before_trim = trimmed_mean(&totals);
            // a cheap deterministic shuffle
            let n = totals.len();
            for i in (1..n).rev() {
                let j = (seed.wrapping_mul(i as u64 + 7) % (i as u64 + 1)) as usize;
                totals.swap(i, j);
            }
            prop_assert_eq!(mean(&totals), before_mean);
            prop_assert_eq!(trimmed_mean(&totals), before_trim);
        }

        #[test]
        fn means_lie_between_min_and_max(totals in prop::collection::vec(points(), 1..12)) {
            let lo = *totals.iter().min().unwrap();
            let hi = *totals.iter().max().unwrap();
            for m in [mean(&totals).unwrap(), trimmed_mean(&totals).unwrap()] {
                prop_assert!(lo <= m && m <= hi);
            }
        }

        #[test]
        fn mean_is_within_half_a_hundredth(totals in prop::collection::vec(points(), 1..12)) {
            let sum: i64 = totals.iter().map(|p| p.hundredths()).sum();
            let n = totals.len() as i64;
            let m = mean(&totals).unwrap().hundredths();
            // |m - sum/n| <= 1/2  ⇔  |2·m·n - 2·sum| <= n
            prop_assert!((2 * m * n - 2 * sum).abs() <= n);
        }

        #[test]
        fn ranking_is_a_permutation_and_monotone(
            raw in prop::collection::vec((0i64..50, 0i64..5), 0..20)
        ) {
            let entries: Vec<RankEntry> = raw.iter().enumerate().map(|(i, (t, b))| RankEntry {
                total: Points::whole(*t), tie_breaks: vec![Some(Points::whole(*b))], order: i as i32,
            }).collect();
            let ranked = rank(&entries);
            let mut seen: Vec<usize> = ranked.iter().map(|(_, i)| *i).collect();
            seen.sort();
            prop_assert_eq!(seen, (0..entries.len()).collect::<Vec<_>>());
            for w in ranked.windows(2) {
                let (ra, a) = w[0];
                let (rb, b) = w[1];
                prop_assert!(entries[a].total >= entries[b].total);
                prop_assert!(ra <= rb);
                if ra == rb {
                    prop_assert_eq!(&entries[a].total, &entries[b].total);
                }
            }
            if let Some((first, _)) = ranked.first() { prop_assert_eq!(*first, 1); }
        }
    }
}
