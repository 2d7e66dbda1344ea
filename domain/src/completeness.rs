//! Whether a round is complete: before it opens (a quiz needs its
//! questions, a judged round its criteria) and before it closes (which
//! judge has not yet scored which team, which answers are still unmarked).
//! The organiser is told and asked; the rules here only count.

use crate::contest::RoundKind;
use serde::{Deserialize, Serialize};

/// What a round still lacks before it can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundLack {
    /// A quiz round without questions: every team would get 0.
    NoQuestions,
    /// A judged round without criteria: judges would have nothing to score.
    NoCriteria,
}

impl RoundLack {
    /// The wire word (`questions`, `criteria`) of what is missing.
    pub fn what(self) -> &'static str {
        match self {
            RoundLack::NoQuestions => "questions",
            RoundLack::NoCriteria => "criteria",
        }
    }
}

/// What a round of `kind` with so many criteria and questions lacks, if
/// anything, to be opened.
pub fn lacks(kind: RoundKind, criteria: usize, questions: usize) -> Option<RoundLack> {
    match kind {
        RoundKind::Quiz if questions == 0 => Some(RoundLack::NoQuestions),
        RoundKind::Judged if criteria == 0 => Some(RoundLack::NoCriteria),
        _ => None,
    }
}

/// The (team, judge) pairs without a sheet: every judge who counts, for
/// every team still in the contest, in running order and then panel order.
pub fn missing_sheets(teams: &[i64], judges: &[i64], sent: &[(i64, i64)]) -> Vec<(i64, i64)> {
    teams.iter().flat_map(|&t| judges.iter().map(move |&j| (t, j))).filter(|&(t, j)| !sent.contains(&(t, j))).collect()
}

/// The (team, question) pairs not yet marked right or wrong, in running
/// order and then question order.
pub fn unmarked(teams: &[i64], questions: &[i64], marked: &[(i64, i64)]) -> Vec<(i64, i64)> {
    missing_sheets(teams, questions, marked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_round_needs_what_it_is_scored_by() {
        assert_eq!(lacks(RoundKind::Quiz, 0, 0), Some(RoundLack::NoQuestions));
        assert_eq!(lacks(RoundKind::Quiz, 0, 5), None);
        assert_eq!(lacks(RoundKind::Judged, 0, 3), Some(RoundLack::NoCriteria));
        assert_eq!(lacks(RoundKind::Judged, 2, 0), None);
    }

    #[test]
    fn missing_sheets_are_named_team_by_team() {
        let missing = missing_sheets(&[7, 5], &[1, 2, 3], &[(7, 1), (7, 3), (5, 1), (5, 2), (5, 3), (9, 1)]);
        assert_eq!(missing, vec![(7, 2)]);
        assert_eq!(unmarked(&[7], &[40, 41], &[]), vec![(7, 40), (7, 41)]);
    }

    proptest! {
        #[test]
        fn sent_and_missing_make_up_the_whole_grid(
            teams in proptest::collection::btree_set(0i64..20, 0..8),
            judges in proptest::collection::btree_set(100i64..110, 0..6),
            sent in proptest::collection::vec((0i64..20, 100i64..110), 0..60),
        ) {
            let teams: Vec<i64> = teams.into_iter().collect();
            let judges: Vec<i64> = judges.into_iter().collect();
            let missing = missing_sheets(&teams, &judges, &sent);
            let sent_in_grid = teams.iter().flat_map(|t| judges.iter().map(move |j| (*t, *j)))
                .filter(|p| sent.contains(p)).count();
            prop_assert_eq!(missing.len() + sent_in_grid, teams.len() * judges.len());
            prop_assert!(missing.iter().all(|p| !sent.contains(p)));
        }
    }
}
