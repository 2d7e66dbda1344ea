//! The season's figures, as a Ban Dân vận reports them upward: contests by
//! level, teams and contestants (by gender and ethnicity when known),
//! prizes by tier, and models by field and collective or individual.
//!
//! Teams and contestants are counted per contest they took part in, as the
//! reports count them level by level; a withdrawn team is not counted. A
//! model is counted once: a team sent on from another contest of the same
//! report brings the model already counted there.

use crate::api::{FieldCounts, GenderCounts, LevelCounts, StatisticsView};
use crate::contest::{Level, ModelField, ModelKind};
use crate::registration::Gender;
use std::collections::{BTreeMap, HashSet};

/// A contest as the figures need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatContest {
    /// Contest id.
    pub id: i64,
    /// Level.
    pub level: Level,
}

/// A team as the figures need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatTeam {
    /// Its contest.
    pub contest_id: i64,
    /// Withdrawn: not counted.
    pub withdrawn: bool,
    /// The contest it was sent on from, if any.
    pub origin_contest_id: Option<i64>,
    /// Whether it presents a model.
    pub has_model: bool,
    /// The model's field.
    pub model_field: Option<ModelField>,
    /// Collective or individual.
    pub model_kind: Option<ModelKind>,
    /// The main prize it won, once its contest's results are final.
    pub prize: Option<String>,
}

/// Members of a contest's teams, of one gender and ethnicity (as far as
/// known), counted together: a big city's season is tens of thousands of
/// members of a few kinds a contest, which the database counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatMembers {
    /// Their teams' contest.
    pub contest_id: i64,
    /// Whether their team withdrew: not counted.
    pub withdrawn: bool,
    /// Gender.
    pub gender: Option<Gender>,
    /// Ethnicity.
    pub ethnicity: Option<String>,
    /// How many.
    pub count: usize,
}

/// Counts the figures of `contests`, their `teams` and their teams'
/// `members` for `year`.
pub fn count(
    year: i32,
    unit_id: Option<i64>,
    contests: &[StatContest],
    teams: &[StatTeam],
    members: &[StatMembers],
) -> StatisticsView {
    let ids: HashSet<i64> = contests.iter().map(|c| c.id).collect();
    let mut out = StatisticsView {
        year,
        unit_id,
        contests: LevelCounts::default(),
        teams: 0,
        members: 0,
        models: FieldCounts::default(),
        collective: 0,
        individual: 0,
        prizes: BTreeMap::new(),
        genders: GenderCounts::default(),
        ethnicities: BTreeMap::new(),
    };
    for c in contests {
        match c.level {
            Level::Commune => out.contests.commune += 1,
            Level::District => out.contests.district += 1,
            Level::Province => out.contests.province += 1,
        }
    }
    for t in teams.iter().filter(|t| ids.contains(&t.contest_id) && !t.withdrawn) {
        out.teams += 1;
        if let Some(p) = &t.prize {
            *out.prizes.entry(p.clone()).or_default() += 1;
        }
        let counted_before = t.origin_contest_id.is_some_and(|o| ids.contains(&o));
        if t.has_model && !counted_before {
            match t.model_field {
                Some(ModelField::Economy) => out.models.economy += 1,
                Some(ModelField::CultureSociety) => out.models.culture_society += 1,
                Some(ModelField::DefenceSecurity) => out.models.defence_security += 1,
                Some(ModelField::PoliticalSystem) => out.models.political_system += 1,
                None => {}
            }
            match t.model_kind {
                Some(ModelKind::Collective) => out.collective += 1,
                Some(ModelKind::Individual) => out.individual += 1,
                None => {}
            }
        }
    }
    for m in members.iter().filter(|m| ids.contains(&m.contest_id) && !m.withdrawn) {
        out.members += m.count;
        match m.gender {
            Some(Gender::Female) => out.genders.female += m.count,
            Some(Gender::Male) => out.genders.male += m.count,
            None => out.genders.unknown += m.count,
        }
        if let Some(e) = m.ethnicity.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            *out.ethnicities.entry(e.to_string()).or_default() += m.count;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn team(contest_id: i64, field: Option<ModelField>, kind: Option<ModelKind>, prize: Option<&str>) -> StatTeam {
        StatTeam {
            contest_id,
            withdrawn: false,
            origin_contest_id: None,
            has_model: field.is_some() || kind.is_some(),
            model_field: field,
            model_kind: kind,
            prize: prize.map(str::to_string),
        }
    }

    /// A team's three members, one a kind, as the database groups them.
    fn members_of(t: &StatTeam) -> Vec<StatMembers> {
        [(Some(Gender::Female), Some("Tày")), (Some(Gender::Male), None), (None, Some("Kinh"))]
            .into_iter()
            .map(|(gender, ethnicity)| StatMembers {
                contest_id: t.contest_id,
                withdrawn: t.withdrawn,
                gender,
                ethnicity: ethnicity.map(str::to_string),
                count: 1,
            })
            .collect()
    }

    #[test]
    fn counts_by_level_field_kind_prize_gender_and_ethnicity() {
        use ModelField::*;
        use ModelKind::*;
        let contests = vec![
            StatContest { id: 1, level: Level::Commune },
            StatContest { id: 2, level: Level::Commune },
            StatContest { id: 3, level: Level::District },
        ];
        let mut sent = team(3, Some(Economy), Some(Collective), Some("Giải Nhất"));
        sent.origin_contest_id = Some(1);
        let mut gone = team(2, Some(Economy), None, None);
        gone.withdrawn = true;
        let teams = vec![
            team(1, Some(Economy), Some(Collective), Some("Giải Nhất")),
            team(1, Some(CultureSociety), Some(Individual), Some("Giải Nhì")),
            team(2, Some(DefenceSecurity), Some(Collective), Some("Giải Nhất")),
            team(2, None, None, None),
            gone,
            sent,
            // A contest outside the report.
            team(9, Some(PoliticalSystem), Some(Collective), Some("Giải Nhất")),
        ];
        let members: Vec<StatMembers> = teams.iter().flat_map(members_of).collect();
        let s = count(2026, None, &contests, &teams, &members);
        assert_eq!((s.contests.commune, s.contests.district, s.contests.province), (2, 1, 0));
        assert_eq!(s.teams, 5, "withdrawn and outside teams are left out");
        assert_eq!(s.members, 15);
        // The team sent on brings a model already counted.
        assert_eq!((s.models.economy, s.models.culture_society, s.models.defence_security), (1, 1, 1));
        assert_eq!((s.collective, s.individual), (2, 1));
        assert_eq!(s.prizes["Giải Nhất"], 3);
        assert_eq!(s.prizes["Giải Nhì"], 1);
        assert_eq!((s.genders.female, s.genders.male, s.genders.unknown), (5, 5, 5));
        assert_eq!((s.ethnicities["Tày"], s.ethnicities["Kinh"]), (5, 5));
    }

    fn member() -> impl Strategy<Value = (i64, bool, Option<Gender>, Option<String>)> {
        let gender = prop_oneof![Just(None), Just(Some(Gender::Female)), Just(Some(Gender::Male))];
        let ethnicity = prop_oneof![
            Just(None),
            Just(Some("Kinh".to_string())),
            Just(Some("Tày".to_string())),
            Just(Some(" Tày ".to_string())),
            Just(Some(String::new())),
        ];
        (1i64..4, any::<bool>(), gender, ethnicity)
    }

    proptest! {
        /// Members grouped however the database groups them count as the
        /// same members one by one; those of withdrawn teams and of
        /// contests outside the report never count.
        #[test]
        fn members_count_the_same_grouped_or_one_by_one(people in proptest::collection::vec(member(), 0..40)) {
            let contests = [StatContest { id: 1, level: Level::Commune }, StatContest { id: 2, level: Level::District }];
            let one = |(contest_id, withdrawn, gender, ethnicity): &(i64, bool, Option<Gender>, Option<String>)| StatMembers {
                contest_id: *contest_id, withdrawn: *withdrawn, gender: *gender, ethnicity: ethnicity.clone(), count: 1,
            };
            let one_by_one: Vec<StatMembers> = people.iter().map(one).collect();
            let mut groups: Vec<StatMembers> = Vec::new();
            for p in &people {
                let m = one(p);
                match groups.iter_mut().find(|g| StatMembers { count: 1, ..(*g).clone() } == m) {
                    Some(g) => g.count += 1,
                    None => groups.push(m),
                }
            }
            let a = count(2026, None, &contests, &[], &one_by_one);
            prop_assert_eq!(&a, &count(2026, None, &contests, &[], &groups));
            let counted = people.iter().filter(|(c, w, _, _)| *c != 3 && !*w).count();
            prop_assert_eq!(a.members, counted);
            prop_assert_eq!(a.genders.female + a.genders.male + a.genders.unknown, counted);
        }
    }

    #[test]
    fn an_empty_year_counts_nothing() {
        let s = count(2030, Some(4), &[], &[], &[]);
        assert_eq!((s.teams, s.members, s.prizes.len()), (0, 0, 0));
        assert_eq!(s.unit_id, Some(4));
    }
}
