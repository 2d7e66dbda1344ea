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

/// What came back for a sheet the outbox sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stored: acknowledged by the server.
    Saved,
    /// The tablet's session is gone: nothing more can be sent until the
    /// judge opens his pass again.
    SignedOut,
    /// Refused. `retry` when the refusal may pass later (a busy server);
    /// otherwise for good (a locked round, a score out of range).
    Refused {
        /// Whether sending it again later may succeed.
        retry: bool,
    },
    /// The request did not get through (the hall's Wi-Fi).
    Unreachable,
}

/// What the outbox does after an outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Next {
    /// Whether the server answered.
    pub online: bool,
    /// Whether to send the next sheet now.
    pub go_on: bool,
}

/// Settles the outbox after sending `sent`: an acknowledged sheet leaves
/// it (unless a newer version was made meanwhile, which stays to be sent);
/// a refusal for good leaves it too, with the versions made before it;
/// anything else keeps it, and sending stops until the next try.
pub fn settle(queue: &mut Vec<PendingSheet>, sent: &PendingSheet, outcome: Outcome) -> Next {
    let answered = |go_on| Next { online: true, go_on };
    match outcome {
        Outcome::Saved | Outcome::Refused { retry: false } => {
            queue.retain(|e| !(e.same_sheet(sent) && e.client_version <= sent.client_version));
            answered(true)
        }
        Outcome::SignedOut | Outcome::Refused { retry: true } => answered(false),
        Outcome::Unreachable => Next { online: false, go_on: false },
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
    fn a_network_error_keeps_the_sheet_to_retry() {
        let mut q = vec![sheet(1, 10), sheet(2, 11)];
        let next = settle(&mut q, &sheet(1, 10), Outcome::Unreachable);
        assert_eq!(next, Next { online: false, go_on: false });
        assert_eq!(q, vec![sheet(1, 10), sheet(2, 11)], "kept, in order");
        // The next try gets through.
        assert_eq!(settle(&mut q, &sheet(1, 10), Outcome::Saved), Next { online: true, go_on: true });
        assert_eq!(q, vec![sheet(2, 11)]);
    }

    #[test]
    fn a_locked_round_drops_the_sheet_and_sends_the_next() {
        let mut q = vec![sheet(1, 10), sheet(2, 11)];
        let next = settle(&mut q, &sheet(1, 10), Outcome::Refused { retry: false });
        assert_eq!(next, Next { online: true, go_on: true });
        assert_eq!(q, vec![sheet(2, 11)]);
        // A refusal that may pass later keeps it and waits.
        let next = settle(&mut q, &sheet(2, 11), Outcome::Refused { retry: true });
        assert_eq!((next, q.len()), (Next { online: true, go_on: false }, 1));
        let next = settle(&mut q, &sheet(2, 11), Outcome::SignedOut);
        assert_eq!((next, q.len()), (Next { online: true, go_on: false }, 1));
    }

    #[test]
    fn a_newer_copy_made_while_the_older_was_in_flight_stays() {
        let mut q = vec![sheet(1, 10)];
        let in_flight = q[0].clone();
        upsert(&mut q, sheet(1, 12));
        assert_eq!(settle(&mut q, &in_flight, Outcome::Saved), Next { online: true, go_on: true });
        assert_eq!(q, vec![sheet(1, 12)], "the newer version is still to be sent");
        settle(&mut q, &sheet(1, 12), Outcome::Saved);
        assert!(q.is_empty());
    }

    #[test]
    fn a_full_queue_survives_a_reload_in_order() {
        // What `save` writes and `load` reads back after a reload.
        let q: Vec<PendingSheet> = (1..=30).map(|t| sheet(t, 100 + t)).collect();
        let text = serde_json::to_string(&q).unwrap();
        let mut back: Vec<PendingSheet> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, q);
        // Sent again from the first, one after another, until empty.
        while let Some(first) = back.first().cloned() {
            assert!(settle(&mut back, &first, Outcome::Saved).go_on);
        }
        assert!(back.is_empty());
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
