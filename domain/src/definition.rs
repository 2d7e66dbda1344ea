//! Checking a whole contest definition before anything is stored.
//!
//! [`validate`] turns the contract's loosely typed definition into values
//! that cannot be wrong, or names the first bad field with a path such as
//! `rounds[1].criteria[0].max_points`.

use crate::api::{ContestDefinition, MemberDef, MemberLine, OvertimeDef};
use crate::awards::{PrizeDef, SidePrizeDef, usual_prizes};
use crate::collate;
use crate::contest::{Level, MemberRole, ModelField, ModelKind, RoundKind};
use crate::i18n::{FieldFault, Problem};
use crate::points::{MaxPoints, Points, PointsError};
use crate::registration::{EARLIEST_BIRTH_YEAR, Gender, MAX_MEMBERS};
use crate::scoring::{Aggregation, OvertimeRule};

/// A criterion ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCriterion {
    /// Name.
    pub name: String,
    /// Maximum.
    pub max_points: MaxPoints,
    /// Allowed step; zero allows any hundredth.
    pub step: Points,
}

/// A quiz question ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidQuestion {
    /// The question.
    pub prompt: String,
    /// Choices.
    pub options: Vec<String>,
    /// The right answer.
    pub answer: String,
    /// Points for a right answer.
    pub points: Points,
}

/// A round ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidRound {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: RoundKind,
    /// Time limit.
    pub time_limit_seconds: Option<u32>,
    /// Over-time rule.
    pub overtime: OvertimeRule,
    /// Step for the round's criteria.
    pub step: Points,
    /// Rubric.
    pub criteria: Vec<ValidCriterion>,
    /// Questions.
    pub questions: Vec<ValidQuestion>,
}

/// A member ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidMember {
    /// The stored member this line edits: every detail is then the line's.
    pub id: Option<i64>,
    /// Full name.
    pub name: String,
    /// Role.
    pub role: MemberRole,
    /// Details, when the line gave any.
    pub details: MemberDetails,
}

/// What a definition may say of a member besides name and role.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberDetails {
    /// Year of birth.
    pub birth_year: Option<i32>,
    /// Gender.
    pub gender: Option<Gender>,
    /// Ethnicity.
    pub ethnicity: Option<String>,
    /// Position.
    pub position: Option<String>,
}

/// A team ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidTeam {
    /// Name.
    pub name: String,
    /// Unit represented.
    pub unit: String,
    /// Members in order.
    pub members: Vec<ValidMember>,
    /// Model presented.
    pub model_name: Option<String>,
    /// Its field.
    pub model_field: Option<ModelField>,
    /// Collective or individual.
    pub model_kind: Option<ModelKind>,
    /// The unit represented, in the tree.
    pub unit_id: Option<i64>,
    /// Its block (khối), if the contest's teams compete in blocks.
    pub block: Option<String>,
    /// The stored team this line edits.
    pub id: Option<i64>,
    /// The registered model it presents.
    pub model_id: Option<i64>,
}

/// A contest ready to store (judges still to be looked up by name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidContest {
    /// Name.
    pub name: String,
    /// Level.
    pub level: Level,
    /// Organising unit.
    pub unit: String,
    /// ISO date.
    pub date: Option<String>,
    /// Year, from the date when given.
    pub year: Option<i32>,
    /// Venue.
    pub venue: Option<String>,
    /// Aggregation.
    pub aggregation: Aggregation,
    /// Tie-break rounds.
    pub tie_break_rounds: Vec<usize>,
    /// Rounds.
    pub rounds: Vec<ValidRound>,
    /// Teams.
    pub teams: Vec<ValidTeam>,
    /// Judges' user names and chair flags, lower-cased.
    pub judges: Vec<(String, bool)>,
    /// Judges in training, lower-cased: on the panel, never counted.
    pub trainees: Vec<String>,
    /// The spread of a team's sheet totals that warns the chair.
    pub divergence_points: Option<Points>,
    /// A council's threshold: set only when the contest is held to
    /// recognise registered models.
    pub recognition_threshold: Option<Points>,
    /// Source contest.
    pub qualified_from: Option<i64>,
    /// The unit holding it, in the tree.
    pub unit_id: Option<i64>,
    /// The contest its winners go on to.
    pub parent_id: Option<i64>,
    /// Main prizes in order.
    pub awards: Vec<PrizeDef>,
    /// Side prizes.
    pub side_prizes: Vec<SidePrizeDef>,
}

fn bad(field: impl Into<String>, fault: FieldFault) -> Problem {
    Problem::InvalidField { field: field.into(), fault }
}

fn points_reason(e: PointsError) -> FieldFault {
    match e {
        PointsError::NotANumber => FieldFault::NotANumber,
        PointsError::TooManyDecimals => FieldFault::TooManyDecimals,
        PointsError::Negative => FieldFault::NotPositive,
        PointsError::TooLarge => FieldFault::TooLarge,
    }
}

/// A council's threshold: `purpose` is `contest` (or left out) or
/// `recognition`, and a council needs a threshold above zero; an ordinary
/// contest takes none.
fn recognition(def: &ContestDefinition) -> Result<Option<Points>, Problem> {
    let threshold = def.recognition_threshold.as_deref().map(str::trim).filter(|t| !t.is_empty());
    match def.purpose.as_deref().map(str::trim) {
        None | Some("") | Some("contest") if threshold.is_none() => Ok(None),
        None | Some("") | Some("contest") => Err(bad("purpose", FieldFault::one_of(&["recognition"]))),
        Some("recognition") => {
            let t = threshold.ok_or_else(|| bad("recognition_threshold", FieldFault::Empty))?;
            let p = Points::parse(t).map_err(|e| bad("recognition_threshold", points_reason(e)))?;
            if p <= Points::ZERO {
                return Err(bad("recognition_threshold", FieldFault::NotPositive));
            }
            Ok(Some(p))
        }
        Some(_) => Err(bad("purpose", FieldFault::one_of(&["contest", "recognition"]))),
    }
}

fn text(field: &str, value: &str, max: usize) -> Result<String, Problem> {
    let v = value.trim();
    if v.is_empty() {
        return Err(bad(field, FieldFault::Empty));
    }
    if v.chars().count() > max {
        return Err(bad(field, FieldFault::TooLong { max }));
    }
    Ok(v.to_string())
}

fn optional_text(field: &str, value: &Option<String>, max: usize) -> Result<Option<String>, Problem> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => text(field, v, max).map(Some),
    }
}

fn step(field: &str, value: &Option<String>) -> Result<Points, Problem> {
    match value {
        None => Ok(Points::ZERO),
        Some(s) => MaxPoints::parse(s).map(MaxPoints::points).map_err(|e| bad(field, points_reason(e))),
    }
}

fn overtime(field: &str, def: &Option<OvertimeDef>) -> Result<OvertimeRule, Problem> {
    let Some(d) = def else { return Ok(OvertimeRule::default()) };
    let per = Points::parse(&d.per_started_minute)
        .map_err(|e| bad(format!("{field}.per_started_minute"), points_reason(e)))?;
    Ok(OvertimeRule { per_started_minute: per, grace_seconds: d.grace_seconds })
}

/// Parses an ISO date `YYYY-MM-DD`, returning its year.
pub fn parse_date(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: i32 = s[..4].parse().ok()?;
    let month: u32 = s[5..7].parse().ok()?;
    let day: u32 = s[8..10].parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=days).contains(&day) && (1900..=2200).contains(&year)).then_some(year)
}

/// A member's line: name, role and the details it gives.
fn member_line(at: &str, l: &MemberLine, contest_year: Option<i32>) -> Result<ValidMember, Problem> {
    let role = MemberRole::read(&l.role)
        .ok_or_else(|| bad(format!("{at}.role"), FieldFault::one_of(&["captain", "main", "reserve", "support"])))?;
    let latest = i64::from(contest_year.unwrap_or(2200));
    let birth_year = match l.birth_year {
        None => None,
        Some(y) if (EARLIEST_BIRTH_YEAR..=latest).contains(&i64::from(y)) => Some(y),
        Some(_) => {
            return Err(bad(
                format!("{at}.birth_year"),
                FieldFault::YearBetween { from: EARLIEST_BIRTH_YEAR, to: latest },
            ));
        }
    };
    let gender = match l.gender.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(g) => {
            Some(Gender::read(g).ok_or_else(|| bad(format!("{at}.gender"), FieldFault::one_of(&["female", "male"])))?)
        }
    };
    Ok(ValidMember {
        id: l.id,
        name: text(&format!("{at}.name"), &l.name, 120)?,
        role,
        details: MemberDetails {
            birth_year,
            gender,
            ethnicity: optional_text(&format!("{at}.ethnicity"), &l.ethnicity, 50)?,
            position: optional_text(&format!("{at}.position"), &l.position, 200)?,
        },
    })
}

/// Checks a whole definition; the first bad field is named.
pub fn validate(def: &ContestDefinition) -> Result<ValidContest, Problem> {
    let name = text("name", &def.name, 300)?;
    let level = Level::parse(&def.level)
        .ok_or_else(|| bad("level", FieldFault::one_of(&["commune", "district", "province"])))?;
    // With `unit_id` the unit's own name is the contest's unit (the service
    // reads it); a name given as well is still checked.
    let unit =
        if def.unit_id.is_some() && def.unit.trim().is_empty() { String::new() } else { text("unit", &def.unit, 200)? };
    let (date, year) = match def.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => (None, None),
        Some(d) => {
            let y = parse_date(d).ok_or_else(|| bad("date", FieldFault::Date))?;
            (Some(d.to_string()), Some(y))
        }
    };
    let venue = optional_text("venue", &def.venue, 300)?;
    let aggregation = match def.aggregation.as_deref() {
        None => Aggregation::Mean,
        Some(a) => {
            Aggregation::parse(a).ok_or_else(|| bad("aggregation", FieldFault::one_of(&["mean", "trimmed_mean"])))?
        }
    };

    if def.rounds.is_empty() {
        return Err(bad("rounds", FieldFault::NoRounds));
    }
    let mut rounds = Vec::with_capacity(def.rounds.len());
    for (i, r) in def.rounds.iter().enumerate() {
        let at = format!("rounds[{i}]");
        let kind = match r.kind.as_deref() {
            None => RoundKind::Judged,
            Some(k) => {
                RoundKind::parse(k).ok_or_else(|| bad(format!("{at}.kind"), FieldFault::one_of(&["judged", "quiz"])))?
            }
        };
        let round_step = step(&format!("{at}.step"), &r.step)?;
        let mut criteria = Vec::with_capacity(r.criteria.len());
        for (j, c) in r.criteria.iter().enumerate() {
            let cat = format!("{at}.criteria[{j}]");
            let max_points =
                MaxPoints::parse(&c.max_points).map_err(|e| bad(format!("{cat}.max_points"), points_reason(e)))?;
            let cstep = match &c.step {
                None => round_step,
                some => step(&format!("{cat}.step"), some)?,
            };
            if !max_points.points().is_multiple_of(cstep) {
                return Err(bad(format!("{cat}.step"), FieldFault::MaxNotOnStep));
            }
            criteria.push(ValidCriterion {
                name: text(&format!("{cat}.name"), &c.name, 200)?,
                max_points,
                step: cstep,
            });
        }
        if kind == RoundKind::Judged && criteria.is_empty() {
            return Err(bad(format!("{at}.criteria"), FieldFault::NoCriteria));
        }
        let mut questions = Vec::with_capacity(r.questions.len());
        for (j, q) in r.questions.iter().enumerate() {
            let qat = format!("{at}.questions[{j}]");
            questions.push(ValidQuestion {
                prompt: text(&format!("{qat}.prompt"), &q.prompt, 2000)?,
                options: q.options.iter().map(|o| o.trim().to_string()).collect(),
                answer: text(&format!("{qat}.answer"), &q.answer, 500)?,
                points: MaxPoints::parse(&q.points)
                    .map_err(|e| bad(format!("{qat}.points"), points_reason(e)))?
                    .points(),
            });
        }
        rounds.push(ValidRound {
            name: text(&format!("{at}.name"), &r.name, 200)?,
            kind,
            time_limit_seconds: r.time_limit_seconds,
            overtime: overtime(&format!("{at}.overtime"), &r.overtime)?,
            step: round_step,
            criteria,
            questions,
        });
    }

    let mut tie_break_rounds = Vec::new();
    for (i, &t) in def.tie_break_rounds.iter().enumerate() {
        let idx = usize::try_from(t)
            .ok()
            .filter(|&x| x < rounds.len())
            .ok_or_else(|| bad(format!("tie_break_rounds[{i}]"), FieldFault::NoSuchRound))?;
        if tie_break_rounds.contains(&idx) {
            return Err(bad(format!("tie_break_rounds[{i}]"), FieldFault::RepeatedRound));
        }
        tie_break_rounds.push(idx);
    }

    let mut teams: Vec<ValidTeam> = Vec::with_capacity(def.teams.len());
    for (i, t) in def.teams.iter().enumerate() {
        let at = format!("teams[{i}]");
        let name = text(&format!("{at}.name"), &t.name, 200)?;
        if teams.iter().any(|o| collate::compare(&o.name.to_lowercase(), &name.to_lowercase()).is_eq()) {
            return Err(bad(format!("{at}.name"), FieldFault::DuplicateTeam { name: name.clone() }));
        }
        if t.members.len() > MAX_MEMBERS {
            return Err(bad(format!("{at}.members"), FieldFault::TooMany { max: MAX_MEMBERS }));
        }
        let mut members: Vec<ValidMember> = Vec::with_capacity(t.members.len());
        for (j, m) in t.members.iter().enumerate() {
            let mat = format!("{at}.members[{j}]");
            let member = match m {
                MemberDef::Name(n) => ValidMember {
                    id: None,
                    name: text(&mat, n, 120)?,
                    role: MemberRole::Main,
                    details: MemberDetails::default(),
                },
                MemberDef::Line(l) => member_line(&mat, l, year)?,
            };
            if member.id.is_some() && teams.iter().flat_map(|o| &o.members).chain(&members).any(|o| o.id == member.id) {
                return Err(bad(format!("{mat}.id"), FieldFault::RepeatedMember));
            }
            members.push(member);
        }
        if members.iter().filter(|m| m.role == MemberRole::Captain).count() > 1 {
            return Err(bad(format!("{at}.members"), FieldFault::OneCaptain));
        }
        let model_field = match t.model_field.as_deref() {
            None | Some("") => None,
            Some(f) => Some(ModelField::parse(f).ok_or_else(|| {
                bad(
                    format!("{at}.model_field"),
                    FieldFault::one_of(&["economy", "culture_society", "defence_security", "political_system"]),
                )
            })?),
        };
        let model_kind =
            match t.model_kind.as_deref() {
                None | Some("") => None,
                Some(k) => Some(ModelKind::parse(k).ok_or_else(|| {
                    bad(format!("{at}.model_kind"), FieldFault::one_of(&["collective", "individual"]))
                })?),
            };
        if t.id.is_some() && teams.iter().any(|o| o.id == t.id) {
            return Err(bad(format!("{at}.id"), FieldFault::DuplicateTeam { name }));
        }
        teams.push(ValidTeam {
            name,
            unit: text(&format!("{at}.unit"), &t.unit, 200)?,
            members,
            model_name: optional_text(&format!("{at}.model_name"), &t.model_name, 300)?,
            model_field,
            model_kind,
            unit_id: t.unit_id,
            block: optional_text(&format!("{at}.block"), &t.block, 100)?,
            id: t.id,
            model_id: t.model_id,
        });
    }

    let mut judges: Vec<(String, bool)> = Vec::with_capacity(def.judges.len());
    for (i, j) in def.judges.iter().enumerate() {
        let u = j.username().trim().to_ascii_lowercase();
        if u.is_empty() {
            return Err(bad(format!("judges[{i}]"), FieldFault::Empty));
        }
        if judges.iter().any(|(o, _)| *o == u) {
            return Err(bad(format!("judges[{i}]"), FieldFault::DuplicateJudge { name: u.clone() }));
        }
        judges.push((u, j.chair()));
    }
    if judges.iter().filter(|(_, c)| *c).count() > 1 {
        return Err(bad("judges", FieldFault::OneChair));
    }
    let mut trainees: Vec<String> = Vec::with_capacity(def.trainees.len());
    for (i, name) in def.trainees.iter().enumerate() {
        let u = name.trim().to_ascii_lowercase();
        if u.is_empty() {
            return Err(bad(format!("trainees[{i}]"), FieldFault::Empty));
        }
        // One seat each: a judge either counts or trains.
        if trainees.contains(&u) || judges.iter().any(|(o, _)| *o == u) {
            return Err(bad(format!("trainees[{i}]"), FieldFault::DuplicateJudge { name: u }));
        }
        trainees.push(u);
    }
    // A contest may be created before its panel is chosen; opening a round
    // needs the panel (see `panel_ready`).
    if !judges.is_empty() && judges.len() < aggregation.min_panel() {
        return Err(bad("aggregation", FieldFault::TooFewJudges { need: aggregation.min_panel(), have: judges.len() }));
    }

    let divergence_points = match def.divergence_points.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => {
            let p = Points::parse(d).map_err(|e| bad("divergence_points", points_reason(e)))?;
            if p <= Points::ZERO {
                return Err(bad("divergence_points", FieldFault::NotPositive));
            }
            if p > Points::whole(10_000) {
                return Err(bad("divergence_points", FieldFault::TooLarge));
            }
            Some(p)
        }
    };
    let recognition_threshold = recognition(def)?;
    let awards = match &def.awards {
        None => usual_prizes(),
        Some(list) => {
            let mut out: Vec<PrizeDef> = Vec::with_capacity(list.len());
            for (i, p) in list.iter().enumerate() {
                let name = text(&format!("awards[{i}].name"), &p.name, 100)?;
                if out.iter().any(|o| o.name.to_lowercase() == name.to_lowercase()) {
                    return Err(bad(format!("awards[{i}].name"), FieldFault::RepeatedPrize { name }));
                }
                if p.count.is_some_and(|c| c > 10_000) {
                    return Err(bad(format!("awards[{i}].count"), FieldFault::TooLarge));
                }
                if p.count.is_none() && i + 1 != list.len() {
                    // Only the last prize can cover "the rest".
                    return Err(bad(format!("awards[{i}].count"), FieldFault::Empty));
                }
                out.push(PrizeDef { name, count: p.count });
            }
            out
        }
    };
    let mut side_prizes: Vec<SidePrizeDef> = Vec::with_capacity(def.side_prizes.len());
    for (i, p) in def.side_prizes.iter().enumerate() {
        let name = text(&format!("side_prizes[{i}].name"), &p.name, 200)?;
        if p.round.is_some_and(|r| r >= rounds.len()) {
            return Err(bad(format!("side_prizes[{i}].round"), FieldFault::NoSuchRound));
        }
        if side_prizes.iter().any(|o| o.name.to_lowercase() == name.to_lowercase())
            || awards.iter().any(|o| o.name.to_lowercase() == name.to_lowercase())
        {
            return Err(bad(format!("side_prizes[{i}].name"), FieldFault::RepeatedPrize { name }));
        }
        side_prizes.push(SidePrizeDef { name, round: p.round });
    }

    Ok(ValidContest {
        name,
        level,
        unit,
        date,
        year,
        venue,
        aggregation,
        tie_break_rounds,
        rounds,
        teams,
        judges,
        trainees,
        divergence_points,
        recognition_threshold,
        qualified_from: def.qualified_from,
        unit_id: def.unit_id,
        parent_id: def.parent_id,
        awards,
        side_prizes,
    })
}

/// Whether a panel of `judges` can mark under `aggregation`; the fault
/// names the field to fix when it cannot.
pub fn panel_ready(aggregation: Aggregation, judges: usize) -> Result<(), Problem> {
    if judges < aggregation.min_panel() {
        return Err(bad("judges", FieldFault::TooFewJudges { need: aggregation.min_panel(), have: judges }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::{NewContest, usual_format};

    #[test]
    fn the_usual_format_is_a_valid_definition_at_every_level() {
        for level in Level::ALL {
            let new = NewContest {
                level: *level,
                name: "Hội thi".into(),
                unit: "Xã A".into(),
                date: None,
                venue: None,
                unit_id: None,
                parent_id: None,
                purpose: None,
            };
            let v = validate(&usual_format(&new)).expect("valid");
            assert_eq!(v.rounds.len(), 4);
            assert_eq!(v.tie_break_rounds, vec![2]);
        }
    }

    fn sample() -> ContestDefinition {
        serde_json::from_value(serde_json::json!({
            "name": "Hội thi Dân vận khéo xã Nông Thượng năm 2026",
            "level": "commune",
            "unit": "Xã Nông Thượng",
            "date": "2026-10-15",
            "aggregation": "mean",
            "tie_break_rounds": [0],
            "rounds": [{"name": "Chào hỏi", "criteria": [
                {"name": "Nội dung", "max_points": "15"},
                {"name": "Hình thức thể hiện", "max_points": "5"}]}],
            "teams": [{"name": "Đội thôn Tân Thành", "unit": "Chi bộ thôn Tân Thành",
                       "members": ["Hoàng Thị Mai", {"name": "Triệu Văn Sơn", "role": "captain"}]}],
            "judges": ["gk1", "GK2", {"username": "gk3", "chair": true}]
        }))
        .unwrap()
    }

    fn field_of(def: &ContestDefinition) -> String {
        match validate(def) {
            Err(Problem::InvalidField { field, .. }) => field,
            other => panic!("expected a bad field, got {other:?}"),
        }
    }

    #[test]
    fn accepts_the_contract_example() {
        let v = validate(&sample()).unwrap();
        assert_eq!(v.year, Some(2026));
        assert_eq!(v.rounds[0].criteria[1].max_points.points(), Points::whole(5));
        assert_eq!(v.teams[0].members[1].name, "Triệu Văn Sơn");
        assert_eq!(v.teams[0].members[1].role, MemberRole::Captain);
        assert_eq!(v.judges, vec![("gk1".into(), false), ("gk2".into(), false), ("gk3".into(), true)]);
    }

    #[test]
    fn names_each_bad_field() {
        let mut d = sample();
        d.level = "hamlet".into();
        assert_eq!(field_of(&d), "level");

        let mut d = sample();
        d.rounds[0].criteria[1].max_points = "-5".into();
        assert_eq!(field_of(&d), "rounds[0].criteria[1].max_points");

        let mut d = sample();
        d.rounds[0].criteria[0].max_points = "mười".into();
        assert_eq!(field_of(&d), "rounds[0].criteria[0].max_points");

        let mut d = sample();
        d.teams.push(d.teams[0].clone());
        assert_eq!(field_of(&d), "teams[1].name");

        let mut d = sample();
        d.aggregation = Some("trimmed_mean".into());
        d.judges.push(crate::api::JudgeDef::Username("gk4".into()));
        assert_eq!(field_of(&d), "aggregation");

        let mut d = sample();
        d.tie_break_rounds = vec![3];
        assert_eq!(field_of(&d), "tie_break_rounds[0]");

        let mut d = sample();
        d.date = Some("2026-02-30".into());
        assert_eq!(field_of(&d), "date");

        let mut d = sample();
        d.rounds.clear();
        assert_eq!(field_of(&d), "rounds");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-02-29"), Some(2024));
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("15/10/2026"), None);
    }
}
