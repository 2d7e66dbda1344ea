//! Checking a judge's sheet against the round's rubric.

use crate::i18n::Problem;
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

/// Why one score is refused, in Vietnamese for the judge.
fn reason(e: PointsError) -> String {
    match e {
        PointsError::NotANumber => "không phải là số".into(),
        PointsError::TooManyDecimals => "tối đa hai chữ số thập phân".into(),
        PointsError::Negative => "không được âm".into(),
        PointsError::TooLarge => "quá lớn".into(),
    }
}

fn refuse(criterion: impl Into<String>, reason: impl Into<String>) -> Problem {
    Problem::InvalidScore { criterion: criterion.into(), reason: reason.into() }
}

/// Checks every score: each criterion present once, none unknown, each a
/// decimal string within 0..max with at most two decimals and in the step.
/// Returns the points in rubric order.
pub fn check(rubric: &[RubricLine], scores: &BTreeMap<String, serde_json::Value>) -> Result<Vec<(i64, Points)>, Problem> {
    for key in scores.keys() {
        if !rubric.iter().any(|l| l.id.to_string() == *key) {
            return Err(refuse(key.clone(), "không có tiêu chí này trong phần thi"));
        }
    }
    let mut out = Vec::with_capacity(rubric.len());
    for line in rubric {
        let Some(value) = scores.get(&line.id.to_string()) else {
            return Err(refuse(&line.name, "chưa nhập điểm"));
        };
        let serde_json::Value::String(text) = value else {
            return Err(refuse(&line.name, "điểm phải gửi dạng chuỗi số thập phân, ví dụ \"8.5\""));
        };
        let points = Points::parse(text.trim()).map_err(|e| refuse(&line.name, reason(e)))?;
        if points > line.max {
            return Err(refuse(&line.name, format!("vượt điểm tối đa {}", line.max)));
        }
        if !points.is_multiple_of(line.step) {
            return Err(refuse(&line.name, format!("phải theo bước {} điểm", line.step)));
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
}
