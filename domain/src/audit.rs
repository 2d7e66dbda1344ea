//! The audit log read by people: the logged JSON turned into names and
//! points ("Nội dung 17 · Hình thức 8.5 · Tổng điểm 25.5"), so the secretary can
//! answer a team's complaint without reading ids.

use crate::contest::RoundState;
use crate::i18n::Texts;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// A logged value, with names instead of ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuditValue {
    /// A judge's sheet: criteria by name with points, in rubric order, and the total.
    Sheet { scores: Vec<(String, String)>, total: String },
    /// A round's state.
    RoundState { state: RoundState },
    /// Seconds over the round's time limit.
    Overtime { seconds: i64 },
    /// The team called on stage; none when the stage was cleared.
    Stage { team: Option<String> },
    /// A quiz answer: the question's number (from 1) and its mark, none when cleared.
    Answer { question: usize, correct: Option<bool> },
}

/// What the log's ids stand for in one contest.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Criterion id → (position in the contest's rubrics, name).
    pub criteria: HashMap<i64, (usize, String)>,
    /// Team id → name.
    pub teams: HashMap<i64, String>,
    /// Question id → its number within its round (from 1).
    pub questions: HashMap<i64, usize>,
}

/// Reads a logged value of `action`; none for values not meant for the
/// board (a whole contest definition, a draw) or that cannot be read.
pub fn read(action: &str, logged: &Value, names: &Names) -> Option<AuditValue> {
    match action {
        "sheet.submit" | "sheet.amend" | "paper.type" | "paper.differ" => {
            let mut scores: Vec<(usize, String, String)> = logged
                .get("scores")?
                .as_object()?
                .iter()
                .map(|(id, points)| {
                    let (at, name) = id
                        .parse::<i64>()
                        .ok()
                        .and_then(|id| names.criteria.get(&id).cloned())
                        .unwrap_or((usize::MAX, format!("#{id}")));
                    (at, name, points.as_str().unwrap_or_default().to_string())
                })
                .collect();
            scores.sort();
            let total = logged.get("total")?.as_str()?.to_string();
            Some(AuditValue::Sheet { scores: scores.into_iter().map(|(_, n, p)| (n, p)).collect(), total })
        }
        "round.state" | "round.reopen" => {
            Some(AuditValue::RoundState { state: RoundState::parse(logged.get("state")?.as_str()?)? })
        }
        "team.overtime" => Some(AuditValue::Overtime { seconds: logged.get("seconds")?.as_i64()? }),
        "contest.stage" => Some(AuditValue::Stage {
            team: logged
                .get("team_id")
                .and_then(Value::as_i64)
                .map(|id| names.teams.get(&id).cloned().unwrap_or(format!("#{id}"))),
        }),
        "quiz.mark" => Some(AuditValue::Answer {
            question: *names.questions.get(&logged.get("question_id")?.as_i64()?)?,
            correct: logged.get("correct").and_then(Value::as_bool),
        }),
        _ => None,
    }
}

impl Texts {
    /// The name of a logged action.
    pub fn audit_action(&self, action: &str) -> &'static str {
        match action {
            "sheet.submit" => self.audit_sheet_submit,
            "sheet.amend" => self.audit_sheet_amend,
            "paper.type" => self.audit_paper_type,
            "paper.differ" => self.audit_paper_differ,
            "round.state" => self.audit_round_state,
            "round.reopen" => self.audit_round_reopen,
            "team.overtime" => self.audit_overtime,
            "contest.stage" => self.audit_stage,
            "quiz.mark" => self.audit_quiz_mark,
            "judge_pass.issue" => self.audit_pass_issue,
            "judge_pass.revoke" => self.audit_pass_revoke,
            "teams.draw" => self.audit_draw,
            "contest.create" => self.audit_contest_create,
            "contest.update" => self.audit_contest_update,
            "registration.invite" => self.audit_registration_invite,
            "registration.save" => self.audit_registration_save,
            "registration.submit" => self.audit_registration_submit,
            "registration.approve" => self.audit_registration_approve,
            "registration.return" => self.audit_registration_return,
            "team.advance" => self.audit_team_advance,
            "team.correct" => self.audit_team_correct,
            "team.withdraw" => self.audit_team_withdraw,
            "team.reinstate" => self.audit_team_reinstate,
            "results.seal" => self.audit_results_seal,
            "results.reveal" => self.audit_results_reveal,
            "results.side_prize" => self.audit_results_side_prize,
            "results.paperwork" => self.audit_results_paperwork,
            _ => self.audit_other,
        }
    }

    /// A logged value in words.
    pub fn audit_value(&self, value: &AuditValue) -> String {
        match value {
            AuditValue::Sheet { scores, total } => {
                let n = |v: &str| v.replace('.', self.decimal_mark);
                let mut parts: Vec<String> =
                    scores.iter().map(|(name, points)| format!("{name} {}", n(points))).collect();
                parts.push(format!("{} {}", self.total, n(total)));
                parts.join(" · ")
            }
            AuditValue::RoundState { state } => self.round_state(*state).to_string(),
            AuditValue::Overtime { seconds } => format!("{seconds} {}", self.seconds_unit),
            AuditValue::Stage { team } => team.clone().unwrap_or_else(|| self.audit_stage_empty.to_string()),
            AuditValue::Answer { question, correct } => {
                let mark = match correct {
                    Some(true) => self.quiz_right,
                    Some(false) => self.quiz_wrong,
                    None => self.audit_unmarked,
                };
                format!("{} {question}: {mark}", self.question_short)
            }
        }
    }

    /// A round's state in words.
    pub fn round_state(&self, state: RoundState) -> &'static str {
        match state {
            RoundState::Draft => self.round_draft,
            RoundState::Open => self.round_open,
            RoundState::Locked => self.round_locked,
            RoundState::Published => self.round_published,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use serde_json::json;

    fn names() -> Names {
        Names {
            criteria: HashMap::from([(7, (0, "Nội dung".to_string())), (8, (1, "Hình thức".to_string()))]),
            teams: HashMap::from([(3, "Đội thôn Nà Vị".to_string())]),
            questions: HashMap::from([(40, 2)]),
        }
    }

    #[test]
    fn a_sheet_reads_in_rubric_order_with_its_total() {
        let logged =
            json!({"judge_id": 1, "team_id": 3, "round_id": 2, "scores": {"8": "8.5", "7": "17"}, "total": "25.5"});
        let v = read("sheet.amend", &logged, &names()).unwrap();
        assert_eq!(Lang::Vi.texts().audit_value(&v), "Nội dung 17 · Hình thức 8,5 · Tổng điểm 25,5");
        assert_eq!(Lang::En.texts().audit_value(&v), "Nội dung 17 · Hình thức 8.5 · Total 25.5");
    }

    #[test]
    fn unknown_criteria_keep_their_id_at_the_end() {
        let logged = json!({"scores": {"99": "1", "7": "2"}, "total": "3"});
        let v = read("sheet.submit", &logged, &names()).unwrap();
        assert_eq!(
            v,
            AuditValue::Sheet {
                scores: vec![("Nội dung".into(), "2".into()), ("#99".into(), "1".into())],
                total: "3".into()
            }
        );
    }

    #[test]
    fn states_stages_overtime_and_answers() {
        let t = Lang::Vi.texts();
        let n = names();
        let say = |action: &str, logged: Value| t.audit_value(&read(action, &logged, &n).unwrap());
        assert_eq!(say("round.reopen", json!({"state": "open"})), t.round_open);
        assert_eq!(say("team.overtime", json!({"round_id": 2, "seconds": 70})), "70 giây");
        assert_eq!(say("contest.stage", json!({"round_id": 2, "team_id": 3})), "Đội thôn Nà Vị");
        assert_eq!(say("contest.stage", json!({"round_id": 2, "team_id": null})), t.audit_stage_empty);
        assert_eq!(say("quiz.mark", json!({"question_id": 40, "correct": true})), "Câu 2: Đúng");
        assert_eq!(say("quiz.mark", json!({"question_id": 40, "correct": null})), "Câu 2: chưa chấm");
    }

    #[test]
    fn what_is_not_for_the_board_is_not_read() {
        assert_eq!(read("teams.draw", &json!({"order": ["A", "B"]}), &names()), None);
        assert_eq!(read("sheet.submit", &json!({"scores": "garbage"}), &names()), None);
        assert_eq!(read("quiz.mark", &json!({"question_id": 41, "correct": true}), &names()), None);
    }

    #[test]
    fn every_action_has_a_name_in_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            let t = lang.texts();
            for action in [
                "sheet.submit",
                "sheet.amend",
                "round.state",
                "round.reopen",
                "team.overtime",
                "contest.stage",
                "quiz.mark",
                "judge_pass.issue",
                "judge_pass.revoke",
                "teams.draw",
                "contest.create",
                "contest.update",
            ] {
                assert_ne!(t.audit_action(action), t.audit_other, "{action}");
            }
        }
    }
}
