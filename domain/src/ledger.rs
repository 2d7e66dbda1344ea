//! The score ledger (sổ điểm): every change that can move the standings —
//! the contest's shape when it begins, each sheet and amendment, quiz
//! mark, over-time deduction, round state change, withdrawal and name
//! correction — appended in order, each entry carrying the hash of the one
//! before. Anyone holding the entries can check the chain and recompute the
//! standings with the same rules the server uses, without its database.
//!
//! An entry's hash is SHA-256 over the previous entry's hash (64 hex
//! digits; zeros before the first) followed by the entry's canonical JSON:
//! `{"action","at","data","seq"}` with object keys sorted and no spaces.

use crate::contest::{Level, RoundKind, RoundState};
use crate::points::Points;
use crate::scoring::{Aggregation, OvertimeRule};
use crate::standings::{self, ContestHeader, RoundInput, StandingRow, Standings, StandingsInput, TeamInput};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of a contest's ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its place in the contest's ledger, from 1.
    pub seq: i64,
    /// When it was appended, RFC 3339.
    pub at: String,
    /// What happened: `contest.begin`, `sheet.submit`, `round.state`…
    pub action: String,
    /// Its data.
    pub data: Value,
    /// The previous entry's hash.
    pub prev: String,
    /// This entry's hash.
    pub hash: String,
}

/// `GET /contests/{cid}/ledger`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerView {
    /// Every entry, in order.
    pub entries: Vec<Entry>,
    /// The last entry's hash (the genesis hash while empty).
    pub head: String,
}

/// JSON with object keys sorted and no whitespace: the same bytes for the
/// same value, whoever writes it.
pub fn canonical(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let parts: Vec<String> =
                keys.into_iter().map(|k| format!("{}:{}", Value::String(k.clone()), canonical(&map[k]))).collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(canonical).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

/// The hash of an entry given the previous one's.
pub fn hash(prev: &str, seq: i64, at: &str, action: &str, data: &Value) -> String {
    let body = json!({"seq": seq, "at": at, "action": action, "data": data});
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(canonical(&body).as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a ledger does not hold up, naming the first entry at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// An entry out of order (a gap or a repeat).
    Sequence { seq: i64, expected: i64 },
    /// An entry whose `prev` is not the previous entry's hash.
    Link { seq: i64 },
    /// An entry whose hash does not match its content.
    Hash { seq: i64 },
    /// An entry that cannot be read, or that comes before the contest's shape.
    Unreadable { seq: i64, why: String },
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::Sequence { seq, expected } => write!(f, "entry {seq}: out of order (expected {expected})"),
            Fault::Link { seq } => write!(f, "entry {seq}: does not follow the entry before it (prev)"),
            Fault::Hash { seq } => write!(f, "entry {seq}: its content does not match its hash"),
            Fault::Unreadable { seq, why } => write!(f, "entry {seq}: {why}"),
        }
    }
}

/// Checks the chain: order, links and hashes. The head hash when it holds.
pub fn verify_chain(entries: &[Entry]) -> Result<String, Fault> {
    let mut prev = GENESIS.to_string();
    for (i, e) in entries.iter().enumerate() {
        let expected = i as i64 + 1;
        if e.seq != expected {
            return Err(Fault::Sequence { seq: e.seq, expected });
        }
        if e.prev != prev {
            return Err(Fault::Link { seq: e.seq });
        }
        if hash(&e.prev, e.seq, &e.at, &e.action, &e.data) != e.hash {
            return Err(Fault::Hash { seq: e.seq });
        }
        prev = e.hash.clone();
    }
    Ok(prev)
}

/// A judge's sheet as the ledger last recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerSheet {
    /// The entry that recorded it last.
    pub seq: i64,
    /// Criterion id → points.
    pub scores: BTreeMap<i64, Points>,
    /// Its total.
    pub total: Points,
}

/// What replaying a ledger gives: the standings' inputs and every sheet.
#[derive(Clone, Debug, Default)]
pub struct Replay {
    /// The contest's header, from its shape.
    pub header: Option<ContestHeader>,
    /// What the standings are computed from.
    pub input: StandingsInput,
    /// `(round, team, judge)` → the sheet as last recorded.
    pub sheets: BTreeMap<(i64, i64, i64), LedgerSheet>,
    /// Teams withdrawn (out of the standings).
    pub withdrawn: Vec<i64>,
    /// Every team, withdrawn or not, in running order.
    pub teams: Vec<TeamInput>,
    /// `(round, team)` → question → (its points, answered right).
    pub quiz: BTreeMap<(i64, i64), BTreeMap<i64, (Points, bool)>>,
}

impl Replay {
    /// The standings the ledger gives.
    pub fn standings(&self) -> Option<Standings> {
        let header = self.header.clone()?;
        let mut input = self.input.clone();
        input.teams = self.teams.iter().filter(|t| !self.withdrawn.contains(&t.id)).cloned().collect();
        input.quiz_marks = self.quiz.iter().map(|(k, marks)| (*k, marks.values().copied().collect())).collect();
        Some(standings::compute(header, &input, 0))
    }
}

fn int(v: &Value, key: &str) -> Result<i64, String> {
    v.get(key).and_then(Value::as_i64).ok_or_else(|| format!("no number “{key}”"))
}

fn text<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    v.get(key).and_then(Value::as_str).ok_or_else(|| format!("no text “{key}”"))
}

fn points(v: &Value, key: &str) -> Result<Points, String> {
    Points::parse_signed(text(v, key)?).map_err(|_| format!("“{key}” is not points"))
}

fn list<'a>(v: &'a Value, key: &str) -> Result<&'a Vec<Value>, String> {
    v.get(key).and_then(Value::as_array).ok_or_else(|| format!("no list “{key}”"))
}

/// Records a judge's sheet; the newest sheet of a judge for a team stands.
/// The conflicts of interest an entry lists, as `(judge, team)`; none when
/// it lists none (a ledger begun before conflicts existed).
fn conflicts(d: &Value) -> Vec<(i64, i64)> {
    d.get("conflicts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c.get("judge_id")?.as_i64()?, c.get("team_id")?.as_i64()?)))
        .collect()
}

fn put_sheet(r: &mut Replay, seq: i64, d: &Value) -> Result<(), String> {
    let key = (int(d, "round_id")?, int(d, "team_id")?, int(d, "judge_id")?);
    let scores: BTreeMap<i64, Points> = d
        .get("scores")
        .and_then(Value::as_object)
        .ok_or("no scores")?
        .iter()
        .map(|(k, v)| {
            let id = k.parse::<i64>().map_err(|_| "a criterion that is not an id".to_string())?;
            let p = v.as_str().and_then(|s| Points::parse(s).ok()).ok_or("points that are not points")?;
            Ok((id, p))
        })
        .collect::<Result<_, String>>()?;
    let total = points(d, "total")?;
    if scores.values().copied().sum::<Points>() != total {
        return Err("a total that is not the sum of its scores".into());
    }
    r.input.sheets.retain(|(ro, t, j, _)| (*ro, *t, *j) != key);
    r.input.sheets.push((key.0, key.1, key.2, total));
    r.sheets.insert(key, LedgerSheet { seq, scores, total });
    Ok(())
}

/// Records a quiz mark; the newest mark of a question stands, a cleared one
/// is gone.
fn put_quiz_mark(r: &mut Replay, question_points: &HashMap<i64, Points>, d: &Value) -> Result<(), String> {
    let key = (int(d, "round_id")?, int(d, "team_id")?);
    let question = int(d, "question_id")?;
    let p = *question_points.get(&question).ok_or("an unknown question")?;
    let marks = r.quiz.entry(key).or_default();
    match d.get("correct").and_then(Value::as_bool) {
        Some(c) => {
            marks.insert(question, (p, c));
        }
        None => {
            marks.remove(&question);
        }
    }
    Ok(())
}

/// Records the time a team ran over in a round.
fn put_overtime(r: &mut Replay, d: &Value) -> Result<(), String> {
    let key = (int(d, "round_id")?, int(d, "team_id")?);
    r.input.overtime.insert(key, int(d, "seconds")?.max(0) as u32);
    Ok(())
}

/// Applies one entry to the replay.
fn apply(r: &mut Replay, question_points: &mut HashMap<i64, Points>, e: &Entry) -> Result<(), String> {
    let d = &e.data;
    if e.action != "contest.begin" && r.header.is_none() {
        return Err("comes before the contest's shape (contest.begin)".into());
    }
    match e.action.as_str() {
        "contest.begin" => {
            let c = d.get("contest").ok_or("no contest")?;
            r.header = Some(ContestHeader {
                id: int(c, "id")?,
                name: text(c, "name")?.to_string(),
                unit: text(c, "unit")?.to_string(),
                level: Level::parse(text(c, "level")?).ok_or("an unknown level")?,
            });
            r.input.aggregation = Aggregation::parse(text(d, "aggregation")?).ok_or("an unknown aggregation")?;
            r.input.tie_break_rounds =
                list(d, "tie_break_rounds")?.iter().filter_map(Value::as_u64).map(|x| x as usize).collect();
            r.input.rounds = Vec::new();
            for round in list(d, "rounds")? {
                for q in list(round, "questions")? {
                    question_points.insert(int(q, "id")?, points(q, "points")?);
                }
                r.input.rounds.push(RoundInput {
                    id: int(round, "id")?,
                    name: text(round, "name")?.to_string(),
                    kind: RoundKind::parse(text(round, "kind")?).ok_or("an unknown round kind")?,
                    state: RoundState::parse(text(round, "state")?).ok_or("an unknown round state")?,
                    overtime: OvertimeRule {
                        per_started_minute: points(round, "overtime_per_minute")?,
                        grace_seconds: int(round, "overtime_grace_seconds")?.max(0) as u32,
                    },
                    question_count: list(round, "questions")?.len(),
                });
            }
            r.teams = list(d, "teams")?
                .iter()
                .map(|t| {
                    Ok(TeamInput {
                        id: int(t, "id")?,
                        name: text(t, "name")?.to_string(),
                        unit: text(t, "unit")?.to_string(),
                        order: int(t, "order")? as i32,
                        // Ledgers begun before blocks carry none.
                        block: t
                            .get("block")
                            .and_then(Value::as_str)
                            .filter(|b| !b.trim().is_empty())
                            .map(str::to_owned),
                    })
                })
                .collect::<Result<_, String>>()?;
            r.withdrawn = list(d, "withdrawn")?.iter().filter_map(Value::as_i64).collect();
            r.input.panel = list(d, "panel")?.iter().filter_map(Value::as_i64).collect();
            r.input.conflicts = conflicts(d);
            // A contest already under way when its ledger began carries the
            // marks made so far.
            for sheet in d.get("sheets").and_then(Value::as_array).into_iter().flatten() {
                put_sheet(r, e.seq, sheet)?;
            }
            for mark in d.get("quiz").and_then(Value::as_array).into_iter().flatten() {
                put_quiz_mark(r, question_points, mark)?;
            }
            for note in d.get("overtime").and_then(Value::as_array).into_iter().flatten() {
                put_overtime(r, note)?;
            }
        }
        "round.state" => {
            let id = int(d, "round_id")?;
            let state = RoundState::parse(text(d, "state")?).ok_or("an unknown round state")?;
            r.input.rounds.iter_mut().find(|x| x.id == id).ok_or("an unknown round")?.state = state;
        }
        "sheet.submit" | "sheet.amend" => put_sheet(r, e.seq, d)?,
        "contest.conflicts" => r.input.conflicts = conflicts(d),
        // A paper sheet's typings are kept for the record; only the sheet
        // two agreeing typings make counts, and it is a `sheet.submit`.
        "paper.type" | "paper.differ" => {}
        "quiz.mark" => put_quiz_mark(r, question_points, d)?,
        "team.overtime" => put_overtime(r, d)?,
        "team.withdraw" => {
            let team = int(d, "team_id")?;
            if !r.withdrawn.contains(&team) {
                r.withdrawn.push(team);
            }
        }
        "team.reinstate" => {
            let team = int(d, "team_id")?;
            r.withdrawn.retain(|t| *t != team);
        }
        "team.correct" => {
            let team = int(d, "team_id")?;
            let t = r.teams.iter_mut().find(|t| t.id == team).ok_or("an unknown team")?;
            t.name = text(d, "name")?.to_string();
            t.unit = text(d, "unit")?.to_string();
        }
        other => return Err(format!("an unknown action “{other}”")),
    }
    Ok(())
}

/// Replays a ledger whose chain holds into the standings' inputs.
pub fn replay(entries: &[Entry]) -> Result<Replay, Fault> {
    let mut r = Replay::default();
    let mut question_points = HashMap::new();
    for e in entries {
        apply(&mut r, &mut question_points, e).map_err(|why| Fault::Unreadable { seq: e.seq, why })?;
    }
    Ok(r)
}

/// A difference between the standings the ledger gives and those stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The team whose line differs.
    pub team_id: i64,
    /// Its name.
    pub team: String,
    /// What the ledger gives, and what is stored.
    pub ledger: String,
    /// What is stored.
    pub stored: String,
}

fn line(row: &StandingRow) -> String {
    let rounds: Vec<String> =
        row.rounds.iter().map(|(id, v)| format!("{id}={}", v.as_deref().unwrap_or("-"))).collect();
    format!("rank {} total {} [{}]", row.rank, row.total, rounds.join(" "))
}

/// Compares two standings line by line, by team: the first difference.
pub fn compare(ledger: &Standings, stored: &Standings) -> Option<Mismatch> {
    let by_team =
        |s: &Standings| -> BTreeMap<i64, StandingRow> { s.standings.iter().map(|r| (r.team.id, r.clone())).collect() };
    let (a, b) = (by_team(ledger), by_team(stored));
    let teams: std::collections::BTreeSet<i64> = a.keys().chain(b.keys()).copied().collect();
    for id in teams {
        let (x, y) = (a.get(&id), b.get(&id));
        let same =
            matches!((x, y), (Some(x), Some(y)) if x.rank == y.rank && x.total == y.total && x.rounds == y.rounds);
        if !same {
            return Some(Mismatch {
                team_id: id,
                team: x.or(y).map(|r| r.team.name.clone()).unwrap_or_default(),
                ledger: x.map(line).unwrap_or_else(|| "absent".into()),
                stored: y.map(line).unwrap_or_else(|| "absent".into()),
            });
        }
    }
    None
}

/// A sheet as stored: criterion id → points, and its total.
pub type StoredSheet = (BTreeMap<i64, Points>, Points);

/// A sheet whose stored points differ from the ledger's last record of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetMismatch {
    /// The entry that recorded the sheet last (none: never recorded).
    pub seq: Option<i64>,
    /// `(round, team, judge)`.
    pub key: (i64, i64, i64),
    /// The sheet as the ledger has it, and as stored, in words.
    pub ledger: String,
    /// The sheet as stored.
    pub stored: String,
}

fn sheet_words(scores: &BTreeMap<i64, Points>, total: Points) -> String {
    let parts: Vec<String> = scores.iter().map(|(c, p)| format!("{c}={p}")).collect();
    format!("[{}] total {total}", parts.join(" "))
}

/// Compares every stored sheet with the ledger's: the first that differs,
/// in (round, team, judge) order, including a sheet only one side has.
pub fn compare_sheets(
    ledger: &BTreeMap<(i64, i64, i64), LedgerSheet>,
    stored: &BTreeMap<(i64, i64, i64), StoredSheet>,
) -> Option<SheetMismatch> {
    let keys: std::collections::BTreeSet<(i64, i64, i64)> = ledger.keys().chain(stored.keys()).copied().collect();
    keys.into_iter().find_map(|key| {
        let (l, s) = (ledger.get(&key), stored.get(&key));
        let same = matches!((l, s), (Some(l), Some((scores, total))) if &l.scores == scores && l.total == *total);
        (!same).then(|| SheetMismatch {
            seq: l.map(|l| l.seq),
            key,
            ledger: l.map_or_else(|| "absent".into(), |l| sheet_words(&l.scores, l.total)),
            stored: s.map_or_else(|| "absent".into(), |(scores, total)| sheet_words(scores, *total)),
        })
    })
}

/// Builds the data of an entry from a map of values (keys in any order).
pub fn data(pairs: &[(&str, Value)]) -> Value {
    Value::Object(pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<Map<String, Value>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends entries as the server does.
    fn chain(events: &[(&str, Value)]) -> Vec<Entry> {
        let mut out: Vec<Entry> = Vec::new();
        for (i, (action, data)) in events.iter().enumerate() {
            let prev = out.last().map_or(GENESIS.to_string(), |e| e.hash.clone());
            let seq = i as i64 + 1;
            let at = format!("2026-10-15T08:00:{:02}Z", i % 60);
            let hash = hash(&prev, seq, &at, action, data);
            out.push(Entry { seq, at, action: action.to_string(), data: data.clone(), prev, hash });
        }
        out
    }

    fn begin() -> Value {
        json!({
            "contest": {"id": 1, "name": "Hội thi", "unit": "Xã A", "level": "commune"},
            "aggregation": "mean", "tie_break_rounds": [],
            "rounds": [
                {"id": 10, "name": "Chào hỏi", "kind": "judged", "state": "open", "overtime_per_minute": "1",
                 "overtime_grace_seconds": 0, "questions": []},
                {"id": 11, "name": "Kiến thức", "kind": "quiz", "state": "open", "overtime_per_minute": "0",
                 "overtime_grace_seconds": 0, "questions": [{"id": 5, "points": "10"}, {"id": 6, "points": "10"}]}
            ],
            "teams": [{"id": 100, "name": "Đội A", "unit": "Thôn A", "order": 1},
                      {"id": 101, "name": "Đội B", "unit": "Thôn B", "order": 2}],
            "withdrawn": [], "panel": [7, 8]
        })
    }

    fn sheet(team: i64, judge: i64, a: &str, b: &str, total: &str) -> (&'static str, Value) {
        (
            "sheet.submit",
            json!({"round_id": 10, "team_id": team, "judge_id": judge, "scores": {"1": a, "2": b}, "total": total}),
        )
    }

    #[test]
    fn canonical_json_sorts_keys_and_drops_spaces() {
        let v: Value = serde_json::from_str(r#"{ "b": 1, "a": {"d": [1, {"z": "ạ", "y": null}], "c": "x"} }"#).unwrap();
        assert_eq!(canonical(&v), r#"{"a":{"c":"x","d":[1,{"y":null,"z":"ạ"}]},"b":1}"#);
    }

    #[test]
    fn a_chain_holds_and_any_change_names_its_entry() {
        let entries =
            chain(&[("contest.begin", begin()), sheet(100, 7, "8", "9", "17"), sheet(100, 8, "7", "9", "16")]);
        let head = verify_chain(&entries).unwrap();
        assert_eq!(head, entries[2].hash);
        assert_eq!(head.len(), 64);

        let mut edited = entries.clone();
        edited[1].data["scores"]["1"] = json!("9");
        assert_eq!(verify_chain(&edited), Err(Fault::Hash { seq: 2 }));
        let mut relinked = entries.clone();
        relinked[2].prev = GENESIS.into();
        assert_eq!(verify_chain(&relinked), Err(Fault::Link { seq: 3 }));
        let mut dropped = entries.clone();
        dropped.remove(1);
        assert_eq!(verify_chain(&dropped), Err(Fault::Sequence { seq: 3, expected: 2 }));
    }

    #[test]
    fn replay_gives_the_standings_the_rules_give() {
        let entries = chain(&[
            ("contest.begin", begin()),
            sheet(100, 7, "8", "9", "17"),
            sheet(100, 8, "7", "9", "16"),
            (
                "sheet.amend",
                json!({"round_id": 10, "team_id": 100, "judge_id": 8, "scores": {"1": "8", "2": "9"}, "total": "17"}),
            ),
            sheet(101, 7, "5", "5", "10"),
            sheet(101, 8, "6", "5", "11"),
            ("team.overtime", json!({"round_id": 10, "team_id": 101, "seconds": 70})),
            ("quiz.mark", json!({"round_id": 11, "team_id": 101, "question_id": 5, "correct": true})),
            ("quiz.mark", json!({"round_id": 11, "team_id": 101, "question_id": 6, "correct": false})),
            ("quiz.mark", json!({"round_id": 11, "team_id": 101, "question_id": 6, "correct": true})),
            ("round.state", json!({"round_id": 11, "state": "locked"})),
            ("team.correct", json!({"team_id": 100, "name": "Đội A (sửa)", "unit": "Thôn A"})),
        ]);
        let r = replay(&entries).unwrap();
        let s = r.standings().unwrap();
        let lines: Vec<(i64, &str, &str)> =
            s.standings.iter().map(|x| (x.team.id, x.team.name.as_str(), x.total.as_str())).collect();
        // Đội B: (10 + 11) / 2 = 10.5, less 2 for 70 s over, + 20 in the quiz = 28.5.
        // Đội A: (17 + 17) / 2 = 17, and the quiz locked with no mark = 0.
        assert_eq!(lines, vec![(101, "Đội B", "28.50"), (100, "Đội A (sửa)", "17.00")]);
        assert_eq!(r.sheets[&(10, 100, 8)].seq, 4, "the last entry of a sheet is the one that stands");

        let mut more = entries.clone();
        let prev = more.last().unwrap().hash.clone();
        let data = json!({"team_id": 101, "reason": "rút"});
        let h = hash(&prev, 13, "2026-10-15T09:00:00Z", "team.withdraw", &data);
        more.push(Entry {
            seq: 13,
            at: "2026-10-15T09:00:00Z".into(),
            action: "team.withdraw".into(),
            data,
            prev,
            hash: h,
        });
        assert!(verify_chain(&more).is_ok());
        let s = replay(&more).unwrap().standings().unwrap();
        assert_eq!(s.standings.len(), 1, "a withdrawn team leaves the standings");
    }

    #[test]
    fn an_unreadable_entry_is_named() {
        let entries = chain(&[sheet(100, 7, "8", "9", "17")]);
        assert!(matches!(replay(&entries), Err(Fault::Unreadable { seq: 1, .. })));
        let entries = chain(&[("contest.begin", begin()), sheet(100, 7, "8", "9", "18")]);
        assert!(matches!(replay(&entries), Err(Fault::Unreadable { seq: 2, .. })), "a total must be its scores' sum");
    }

    #[test]
    fn a_ledger_begun_late_carries_the_marks_made_before() {
        let mut shape = begin();
        shape["sheets"] =
            json!([{"round_id": 10, "team_id": 100, "judge_id": 7, "scores": {"1": "8", "2": "9"}, "total": "17"}]);
        shape["quiz"] = json!([{"round_id": 11, "team_id": 101, "question_id": 5, "correct": true}]);
        shape["overtime"] = json!([{"round_id": 10, "team_id": 100, "seconds": 5}]);
        let entries = chain(&[("contest.begin", shape), sheet(100, 8, "7", "9", "16")]);
        let r = replay(&entries).unwrap();
        assert_eq!(r.sheets[&(10, 100, 7)].seq, 1);
        assert_eq!(r.sheets[&(10, 100, 8)].seq, 2);
        assert_eq!(r.input.overtime[&(10, 100)], 5);
        assert_eq!(r.quiz[&(11, 101)][&5], (Points::from_hundredths(1000), true));
    }

    #[test]
    fn a_sheet_changed_behind_the_ledger_is_named_by_its_entry() {
        let entries =
            chain(&[("contest.begin", begin()), sheet(100, 7, "8", "9", "17"), sheet(100, 8, "7", "9", "16")]);
        let r = replay(&entries).unwrap();
        let mut stored: BTreeMap<(i64, i64, i64), StoredSheet> =
            r.sheets.iter().map(|(k, s)| (*k, (s.scores.clone(), s.total))).collect();
        assert_eq!(compare_sheets(&r.sheets, &stored), None);
        stored.get_mut(&(10, 100, 8)).unwrap().0.insert(1, Points::from_hundredths(900));
        let m = compare_sheets(&r.sheets, &stored).unwrap();
        assert_eq!((m.seq, m.key), (Some(3), (10, 100, 8)));
        assert_eq!((m.ledger.as_str(), m.stored.as_str()), ("[1=7 2=9] total 16", "[1=9 2=9] total 16"));
        stored.remove(&(10, 100, 8));
        stored.insert((10, 101, 7), (BTreeMap::new(), Points::ZERO));
        assert_eq!(compare_sheets(&r.sheets, &stored).unwrap().stored, "absent");
    }

    #[test]
    fn standings_are_compared_line_by_line() {
        let entries =
            chain(&[("contest.begin", begin()), sheet(100, 7, "8", "9", "17"), sheet(100, 8, "7", "9", "16")]);
        let s = replay(&entries).unwrap().standings().unwrap();
        assert_eq!(compare(&s, &s), None);
        let mut stored = s.clone();
        stored.standings[0].total = "20.00".into();
        let m = compare(&s, &stored).unwrap();
        assert_eq!((m.team_id, m.team.as_str()), (100, "Đội A"));
    }
}
