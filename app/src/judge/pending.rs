//! Sheets not yet acknowledged by the server, kept in the tablet's
//! localStorage so that neither a dropped connection nor a reload loses a
//! mark. Each entry carries the tablet's version (the time it was made): a
//! late copy of an older version never overwrites a newer one.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One unsent sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSheet {
    /// Contest.
    pub contest_id: i64,
    /// Round.
    pub round_id: i64,
    /// Team.
    pub team_id: i64,
    /// Criterion id → points.
    pub scores: BTreeMap<String, String>,
    /// The tablet's version of this sheet.
    pub client_version: i64,
}

impl PendingSheet {
    /// Whether two entries are the same sheet (possibly other versions).
    pub fn same_sheet(&self, other: &PendingSheet) -> bool {
        (self.contest_id, self.round_id, self.team_id) == (other.contest_id, other.round_id, other.team_id)
    }
}

/// Adds or replaces an entry: only the newest version of a sheet is kept.
pub fn upsert(queue: &mut Vec<PendingSheet>, entry: PendingSheet) {
    queue.retain(|e| !e.same_sheet(&entry) || e.client_version > entry.client_version);
    if !queue.iter().any(|e| e.same_sheet(&entry)) {
        queue.push(entry);
    }
}

fn key(judge_id: i64) -> String {
    format!("kheo.pending.{judge_id}")
}

/// The stored queue of a judge.
pub fn load(judge_id: i64) -> Vec<PendingSheet> {
    storage()
        .and_then(|s| s.get_item(&key(judge_id)).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Stores the queue; `false` when the browser refused (private mode, full).
pub fn save(judge_id: i64, queue: &[PendingSheet]) -> bool {
    let Some(s) = storage() else { return false };
    let text = serde_json::to_string(queue).unwrap_or_else(|_| "[]".into());
    s.set_item(&key(judge_id), &text).is_ok()
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(not(feature = "hydrate"))]
fn storage() -> Option<NoStorage> {
    None
}

#[cfg(not(feature = "hydrate"))]
struct NoStorage;

#[cfg(not(feature = "hydrate"))]
impl NoStorage {
    fn get_item(&self, _: &str) -> Result<Option<String>, ()> {
        Ok(None)
    }
    fn set_item(&self, _: &str, _: &str) -> Result<(), ()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(team: i64, version: i64) -> PendingSheet {
        PendingSheet { contest_id: 1, round_id: 2, team_id: team, scores: BTreeMap::new(), client_version: version }
    }

    #[test]
    fn only_the_newest_version_of_a_sheet_stays() {
        let mut q = vec![sheet(1, 10), sheet(2, 5)];
        upsert(&mut q, sheet(1, 12));
        assert_eq!(q, vec![sheet(2, 5), sheet(1, 12)]);
        upsert(&mut q, sheet(1, 11));
        assert_eq!(q, vec![sheet(2, 5), sheet(1, 12)], "an older version is ignored");
    }
}
