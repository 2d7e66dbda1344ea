//! The organiser's checklist: the steps of a season in the order an officer
//! takes them (units → accounts → contest → registration → set-up →
//! judges' passes → rounds → results → ceremony → record), each ticked from
//! what is already in the database, never from a box the officer ticks.
//! The rules here only decide; the service counts and the pages link.

use serde::{Deserialize, Serialize};

wire_enum! {
    /// One step of the season, in order.
    Step {
        /// The units of the tree (thôn, tổ dân phố, chi bộ…) exist.
        Units = "units",
        /// Judges have accounts.
        Accounts = "accounts",
        /// A contest exists.
        Contest = "contest",
        /// Teams are registered and no entry waits for a decision.
        Registration = "registration",
        /// Rounds complete, panel seated, enough teams.
        Setup = "setup",
        /// Every judge on the panel holds a pass.
        Passes = "passes",
        /// Every round scored and locked.
        Rounds = "rounds",
        /// Every round published.
        Results = "results",
        /// Every award announced.
        Ceremony = "ceremony",
        /// The record's signatories and place filled in, results final.
        Record = "record",
    }
}

/// What the installation holds, counted by the service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeasonFacts {
    /// Units in the tree.
    pub units: usize,
    /// Active judge accounts.
    pub judges: usize,
    /// Contests the organiser runs (the service counts no further than
    /// one: the step asks only whether there is any).
    pub contests: usize,
}

/// What one contest holds, counted by the service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestFacts {
    /// Teams still in the contest.
    pub teams: usize,
    /// Entries sent and waiting for the organiser's decision.
    pub awaiting: usize,
    /// Rounds.
    pub rounds: usize,
    /// Rounds that lack questions or criteria.
    pub incomplete_rounds: usize,
    /// Judges on the panel.
    pub panel: usize,
    /// Judges on the panel who were ever given a pass.
    pub judges_with_pass: usize,
    /// Rounds locked or published.
    pub closed_rounds: usize,
    /// Rounds published.
    pub published_rounds: usize,
    /// Announcements in the ceremony.
    pub announcements: usize,
    /// Announcements already read out.
    pub revealed: usize,
    /// Whether the record's paperwork has been saved.
    pub paperwork_saved: bool,
}

/// A contest needs at least two teams to be a contest.
pub const MIN_TEAMS: usize = 2;

/// Whether `step` is done, given the installation and (for the contest's
/// own steps) one contest.
pub fn is_done(step: Step, season: &SeasonFacts, contest: Option<&ContestFacts>) -> bool {
    let all = |n: usize, of: usize| of > 0 && n >= of;
    match (step, contest) {
        (Step::Units, _) => season.units > 0,
        (Step::Accounts, _) => season.judges > 0,
        (Step::Contest, c) => c.is_some() || season.contests > 0,
        (_, None) => false,
        (Step::Registration, Some(c)) => c.teams >= MIN_TEAMS && c.awaiting == 0,
        (Step::Setup, Some(c)) => c.teams >= MIN_TEAMS && c.rounds > 0 && c.incomplete_rounds == 0 && c.panel > 0,
        (Step::Passes, Some(c)) => all(c.judges_with_pass, c.panel),
        (Step::Rounds, Some(c)) => all(c.closed_rounds, c.rounds),
        (Step::Results, Some(c)) => all(c.published_rounds, c.rounds),
        (Step::Ceremony, Some(c)) => all(c.revealed, c.announcements),
        (Step::Record, Some(c)) => c.paperwork_saved && all(c.published_rounds, c.rounds),
    }
}

/// Every step with whether it is done, in order.
pub fn steps(season: &SeasonFacts, contest: Option<&ContestFacts>) -> Vec<(Step, bool)> {
    Step::ALL.iter().map(|&s| (s, is_done(s, season, contest))).collect()
}

/// The step to take now: the first one not done, if any.
pub fn next(steps: &[(Step, bool)]) -> Option<Step> {
    steps.iter().find(|(_, done)| !done).map(|(s, _)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn season() -> SeasonFacts {
        SeasonFacts { units: 4, judges: 3, contests: 1 }
    }

    fn finished() -> ContestFacts {
        ContestFacts {
            teams: 4,
            awaiting: 0,
            rounds: 3,
            incomplete_rounds: 0,
            panel: 3,
            judges_with_pass: 3,
            closed_rounds: 3,
            published_rounds: 3,
            announcements: 6,
            revealed: 6,
            paperwork_saved: true,
        }
    }

    #[test]
    fn a_fresh_installation_starts_with_units() {
        let s = steps(&SeasonFacts::default(), None);
        assert_eq!(s.len(), 10);
        assert!(s.iter().all(|(_, done)| !done));
        assert_eq!(next(&s), Some(Step::Units));
    }

    #[test]
    fn a_finished_season_is_all_ticked() {
        let s = steps(&season(), Some(&finished()));
        assert!(s.iter().all(|(_, done)| *done), "{s:?}");
        assert_eq!(next(&s), None);
    }

    #[test]
    fn an_entry_waiting_keeps_registration_open() {
        let c = ContestFacts { awaiting: 1, ..finished() };
        assert!(!is_done(Step::Registration, &season(), Some(&c)));
        let c = ContestFacts { teams: 1, ..finished() };
        assert!(!is_done(Step::Registration, &season(), Some(&c)));
    }

    #[test]
    fn a_quiz_without_questions_keeps_set_up_open() {
        let c = ContestFacts { incomplete_rounds: 1, ..finished() };
        assert!(!is_done(Step::Setup, &season(), Some(&c)));
        let c = ContestFacts { panel: 0, judges_with_pass: 0, ..finished() };
        assert!(!is_done(Step::Setup, &season(), Some(&c)));
        assert!(!is_done(Step::Passes, &season(), Some(&c)), "no panel, no passes to give");
    }

    #[test]
    fn nothing_to_count_is_not_done() {
        let c = ContestFacts { rounds: 0, closed_rounds: 0, published_rounds: 0, ..finished() };
        assert!(!is_done(Step::Rounds, &season(), Some(&c)));
        assert!(!is_done(Step::Results, &season(), Some(&c)));
        assert!(!is_done(Step::Record, &season(), Some(&c)));
        let c = ContestFacts { announcements: 0, revealed: 0, ..finished() };
        assert!(!is_done(Step::Ceremony, &season(), Some(&c)));
    }

    #[test]
    fn the_record_waits_for_every_round_published() {
        let c = ContestFacts { published_rounds: 2, ..finished() };
        assert!(!is_done(Step::Record, &season(), Some(&c)));
        let c = ContestFacts { paperwork_saved: false, ..finished() };
        assert!(!is_done(Step::Record, &season(), Some(&c)));
    }

    proptest! {
        /// Later steps never stand ticked on what an earlier one lacks:
        /// published rounds are locked ones, so results imply rounds, the
        /// record implies results, and no contest step is done without one.
        #[test]
        fn later_steps_imply_earlier_ones(
            units in 0usize..3, judges in 0usize..3, teams in 0usize..5, awaiting in 0usize..2,
            rounds in 0usize..4, closed in 0usize..4, published in 0usize..4, panel in 0usize..4,
            passes in 0usize..4, saved in any::<bool>(), with_contest in any::<bool>(),
        ) {
            let season = SeasonFacts { units, judges, contests: usize::from(with_contest) };
            let closed = closed.min(rounds);
            let c = ContestFacts {
                teams, awaiting, rounds, panel, judges_with_pass: passes.min(panel),
                closed_rounds: closed, published_rounds: published.min(closed),
                paperwork_saved: saved, ..ContestFacts::default()
            };
            let contest = with_contest.then_some(&c);
            let done = |s| is_done(s, &season, contest);
            prop_assert!(!done(Step::Results) || done(Step::Rounds));
            prop_assert!(!done(Step::Record) || done(Step::Results));
            prop_assert!(!done(Step::Passes) || c.panel > 0);
            if contest.is_none() {
                prop_assert!(Step::ALL[3..].iter().all(|&s| !done(s)));
            }
            let s = steps(&season, contest);
            if let Some(n) = next(&s) {
                let at = s.iter().position(|(step, _)| *step == n).unwrap();
                prop_assert!(s[..at].iter().all(|(_, d)| *d) && !s[at].1);
            }
        }
    }
}
