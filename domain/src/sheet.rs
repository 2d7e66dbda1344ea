//! Checking a judge's sheet against the round's rubric.

use crate::i18n::{Problem, ScoreFault};
use crate::points::{Points, PointsError};
use std::collections::BTreeMap;

/// One line of the rubric as the check needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RubricLine {
    /// Criterion id.
    pub id: i64,
    /// Name, for the message.
    pub name: String,
    /// Maximum.
    pub max: Points,
    /// Allowed step; zero allows any hundredth.
    pub step: Points,
}

fn fault(e: PointsError) -> ScoreFault {
    match e {
        PointsError::NotANumber | PointsError::TooLarge => ScoreFault::NotANumber,
        PointsError::TooManyDecimals => ScoreFault::TooManyDecimals,
        PointsError::Negative => ScoreFault::Negative,
    }
}

fn refuse(line: Option<&RubricLine>, key: &str, fault: ScoreFault) -> Problem {
    Problem::InvalidScore {
        criterion: line.map_or_else(|| key.to_string(), |l| l.name.clone()),
        criterion_id: line.map(|l| l.id),
        fault,
    }
}

/// Checks every score of a sheet as the API receives it: each criterion
/// present once, none unknown, each a decimal string in the contract's
/// exact syntax (`Points::parse_wire`) within 0..max and in the step.
/// Returns the points in rubric order.
pub fn check(
    rubric: &[RubricLine],
    scores: &BTreeMap<String, serde_json::Value>,
) -> Result<Vec<(i64, Points)>, Problem> {
    check_with(rubric, scores, Points::parse_wire)
}

/// `check` for what a judge typed on the tablet: spaces around and a
/// decimal comma ("8,5") are read as he meant them.
pub fn check_typed(
    rubric: &[RubricLine],
    scores: &BTreeMap<String, serde_json::Value>,
) -> Result<Vec<(i64, Points)>, Problem> {
    check_with(rubric, scores, |text| Points::parse(text.trim()))
}

fn check_with(
    rubric: &[RubricLine],
    scores: &BTreeMap<String, serde_json::Value>,
    parse: impl Fn(&str) -> Result<Points, PointsError>,
) -> Result<Vec<(i64, Points)>, Problem> {
    for key in scores.keys() {
        if !rubric.iter().any(|l| l.id.to_string() == *key) {
            return Err(refuse(None, key, ScoreFault::Unknown));
        }
    }
    let mut out = Vec::with_capacity(rubric.len());
    for line in rubric {
        let Some(value) = scores.get(&line.id.to_string()) else {
            return Err(refuse(Some(line), "", ScoreFault::Missing));
        };
        let serde_json::Value::String(text) = value else {
            return Err(refuse(Some(line), "", ScoreFault::NotAString));
        };
        let points = parse(text).map_err(|e| refuse(Some(line), "", fault(e)))?;
        if points > line.max {
            return Err(refuse(Some(line), "", ScoreFault::AboveMax { max: line.max.hundredths() }));
        }
        if !points.is_multiple_of(line.step) {
            return Err(refuse(Some(line), "", ScoreFault::OffStep { step: line.step.hundredths() }));
        }
        out.push((line.id, points));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rubric() -> Vec<RubricLine> {
        vec![
            RubricLine { id: 1, name: "Nội dung".into(), max: Points::whole(15), step: Points::from_hundredths(25) },
            RubricLine { id: 2, name: "Hình thức".into(), max: Points::whole(5), step: Points::ZERO },
        ]
    }

    fn scores(v: serde_json::Value) -> BTreeMap<String, serde_json::Value> {
        serde_json::from_value(v).unwrap()
    }

    fn criterion_of(r: Result<Vec<(i64, Points)>, Problem>) -> String {
        match r {
            Err(Problem::InvalidScore { criterion, .. }) => criterion,
            other => panic!("expected invalid_score, got {other:?}"),
        }
    }

    #[test]
    fn accepts_a_good_sheet() {
        let ok = check(&rubric(), &scores(json!({"1": "14.75", "2": "4.33"}))).unwrap();
        assert_eq!(ok, vec![(1, Points::from_hundredths(1475)), (2, Points::from_hundredths(433))]);
    }

    #[test]
    fn refuses_each_kind_of_bad_value() {
        let r = rubric();
        assert_eq!(criterion_of(check(&r, &scores(json!({"1": "16", "2": "4"})))), "Nội dung");
        assert_eq!(criterion_of(check(&r, &scores(json!({"1": "-1", "2": "4"})))), "Nội dung");
        assert_eq!(criterion_of(check(&r, &scores(json!({"1": "8.5", "2": "4.125"})))), "Hình thức");
        assert_eq!(criterion_of(check(&r, &scores(json!({"1": "abc", "2": "4"})))), "Nội dung");
        assert_eq!(criterion_of(check(&r, &scores(json!({"1": 8.5, "2": "4"})))), "Nội dung");
        assert_eq!(criterion_of(check(&r, &scores(json!({"1": "8.1", "2": "4"})))), "Nội dung");
        assert_eq!(criterion_of(check(&r, &scores(json!({"1": "8"})))), "Hình thức");
        assert_eq!(criterion_of(check(&r, &scores(json!({"1": "8", "2": "4", "99": "1"})))), "99");
    }

    #[test]
    fn the_api_takes_only_the_contracts_syntax_and_the_tablet_reads_what_people_type() {
        let r = rubric();
        for bad in ["-0", "+8", " 8", "8 ", "8,5", "8.", ".5", "0x8", "８"] {
            let s = scores(json!({"1": bad, "2": "4"}));
            assert_eq!(criterion_of(check(&r, &s)), "Nội dung", "{bad:?}");
        }
        let typed = check_typed(&r, &scores(json!({"1": " 8,5 ", "2": "4"}))).unwrap();
        assert_eq!(typed[0].1, Points::from_hundredths(850));
        assert_eq!(check(&r, &scores(json!({"1": "8.5", "2": "4"}))).unwrap(), typed);
    }
}
