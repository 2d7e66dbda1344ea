//! The single sheet writer. Judges' sheets queue here; one task takes every
//! sheet waiting (up to a batch), writes them in one transaction and
//! answers each judge only after that transaction commits.
//!
//! Why: with one transaction per sheet, concurrent judges contend for
//! SQLite's single write lock and fall into its busy-wait sleeps (the p99
//! of a 50-judge burst was hundreds of milliseconds), and each commit costs
//! an fsync. One writer never waits for the lock, and a batch of sheets
//! costs one fsync. Each statement is also a round trip to the database's
//! worker thread, so a batch is decided in memory and written in a few
//! statements whatever its size (`sheets::write_all`): at fifty judges, a
//! statement or two per sheet was most of the writer's time.

use super::sheets::{self, Pending};
use crate::contests::{self, ContestRows};
use crate::db::{self, Db};
use crate::error::{Error, Result};
use crate::journal;
use crate::standings::live::Hub;
use kheo_domain::api::SheetView;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::{mpsc, oneshot};

/// The most sheets one transaction takes.
const BATCH: usize = 64;

struct Job {
    pending: Pending,
    reply: oneshot::Sender<Result<SheetView>>,
}

/// The queue in front of the writer, and the shapes of contests under way.
#[derive(Clone)]
pub struct SheetWriter {
    db: Db,
    hub: Hub,
    queue: Arc<OnceLock<mpsc::Sender<Job>>>,
    shapes: Arc<Mutex<HashMap<i32, Arc<ContestRows>>>>,
    /// One load at a time: the first burst of a round finds the cache
    /// empty, and fifty judges must not load the same contest fifty times.
    loading: Arc<tokio::sync::Mutex<()>>,
}

impl SheetWriter {
    /// A writer over this database; its task starts with the first sheet.
    pub fn new(db: Db, hub: Hub) -> Self {
        SheetWriter { db, hub, queue: Arc::default(), shapes: Arc::default(), loading: Arc::default() }
    }

    /// The contest as sheets are checked against it. Once a round has
    /// opened, rounds, criteria, teams and panel are fixed (set-up refuses
    /// changes), so that shape is kept; what still moves (round states,
    /// withdrawals) the writer reads inside its transaction.
    pub async fn shape(&self, cid: i32) -> Result<Arc<ContestRows>> {
        let cached = || self.shapes.lock().expect("shapes lock").get(&cid).cloned();
        if let Some(l) = cached() {
            return Ok(l);
        }
        let _one_at_a_time = self.loading.lock().await;
        if let Some(l) = cached() {
            return Ok(l);
        }
        let l = Arc::new(contests::load(&self.db, cid).await?);
        if l.has_begun() {
            self.shapes.lock().expect("shapes lock").insert(cid, l.clone());
        }
        Ok(l)
    }

    /// Queues a sheet and waits for its commit (or its refusal).
    pub(crate) async fn submit(&self, pending: Pending) -> Result<SheetView> {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::channel(4 * BATCH);
            tokio::spawn(run(self.db.clone(), self.hub.clone(), rx));
            tx
        });
        let (reply, answer) = oneshot::channel();
        queue.send(Job { pending, reply }).await.map_err(|_| Error::internal("the sheet writer has stopped"))?;
        answer.await.map_err(|_| Error::internal("the sheet writer dropped a sheet"))?
    }
}

async fn run(db: Db, hub: Hub, mut rx: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut jobs, BATCH).await > 0 {
        let batch: Vec<Job> = std::mem::take(&mut jobs);
        let pending: Vec<&Pending> = batch.iter().map(|j| &j.pending).collect();
        match write_together(&db, &hub, &pending).await {
            Ok(results) => {
                crate::storage::wrote();
                for (job, result) in batch.into_iter().zip(results) {
                    let _ = job.reply.send(result);
                }
            }
            Err(e) => {
                // A failure of the database, not a refusal: nothing of the
                // batch was kept. Each sheet is tried again on its own, so
                // one bad sheet cannot take the others down with it.
                tracing::warn!(error = %e, sheets = batch.len(), "a batch of sheets failed; writing them one by one");
                for job in batch {
                    let result = match write_together(&db, &hub, &[&job.pending]).await {
                        Ok(mut one) => one.pop().unwrap_or_else(|| Err(Error::internal("no result"))),
                        Err(e) => Err(e),
                    };
                    let _ = job.reply.send(result);
                }
            }
        }
    }
}

/// Writes the sheets in one transaction: each gets its view or its refusal.
/// An error of the database fails the whole transaction.
async fn write_together(db: &Db, hub: &Hub, pending: &[&Pending]) -> Result<Vec<Result<SheetView>>> {
    let txn = db::write(db).await?;
    let mut cursor = journal::chain::Cursor::default();
    let written = sheets::write_all(&txn, &mut cursor, pending).await?;
    let mut changed = BTreeSet::new();
    let mut results = Vec::with_capacity(written.len());
    for (p, w) in pending.iter().zip(written) {
        results.push(w.map(|w| {
            if w.changed {
                changed.insert(p.cid);
            }
            w.view
        }));
    }
    for cid in &changed {
        let version = journal::bump_version(&txn, *cid).await?;
        hub.notify_in(&txn, *cid, version).await?;
    }
    txn.commit().await?;
    for cid in changed {
        hub.changed(cid);
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Actor;
    use crate::entity::{audit_entry, sheet, sheet_score, user};
    use crate::{Services, contests, ledger};
    use kheo_domain::api::{ContestDefinition, ContestView, SheetSubmission};
    use kheo_domain::i18n::Problem;
    use kheo_domain::user::Role;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
    use serde_json::json;

    async fn person(db: &Db, username: &str, role: Role) -> Actor {
        let u = user::ActiveModel {
            username: Set(username.into()),
            display_name: Set(username.into()),
            role: Set(role),
            unit: Set(None),
            password_hash: Set(String::new()),
            unit_id: Set(None),
            active: Set(true),
            created_at: Set(0),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        Actor {
            user_id: u.id,
            username: u.username,
            display_name: u.display_name,
            role,
            unit: None,
            unit_id: None,
            session_id: 0,
            contest_scope: None,
        }
    }

    /// A contest of one open round (two criteria of 10 points), two teams
    /// and two judges, on a fresh SQLite file.
    async fn world() -> (Services, Actor, [Actor; 2], ContestView) {
        let path = std::env::temp_dir().join(format!("kheo-writer-{}-{}.db", std::process::id(), crate::db::now_ms()));
        let db = crate::db::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
        crate::db::migrate(&db).await.unwrap();
        let svc = Services::new(db);
        let organiser = person(&svc.db, "btc", Role::Organiser).await;
        let judges = [person(&svc.db, "gk1", Role::Judge).await, person(&svc.db, "gk2", Role::Judge).await];
        let def: ContestDefinition = serde_json::from_value(json!({
            "name": "Hội thi Dân vận khéo xã Mỹ Hội", "level": "commune", "unit": "Xã Mỹ Hội",
            "rounds": [{"name": "Trình bày mô hình", "criteria": [
                {"name": "Nội dung", "max_points": "10"}, {"name": "Hình thức", "max_points": "10"}]}],
            "teams": [{"name": "Đội Ấp 1", "unit": "Ấp 1"}, {"name": "Đội Ấp 2", "unit": "Ấp 2"}],
            "judges": ["gk1", "gk2"],
        }))
        .unwrap();
        let view = contests::create(&svc, &organiser, &def).await.unwrap();
        let (cid, rid) = (view.id as i32, view.rounds[0].id as i32);
        contests::set_round_state(&svc, &organiser, cid, rid, "open").await.unwrap();
        (svc, organiser, judges, view)
    }

    async fn prepared(
        svc: &Services,
        judge: &Actor,
        view: &ContestView,
        team: usize,
        points: [&str; 2],
        version: Option<i64>,
    ) -> Pending {
        let criteria = &view.rounds[0].criteria;
        let body = SheetSubmission {
            scores: criteria.iter().zip(points).map(|(c, p)| (c.id.to_string(), json!(p))).collect(),
            client_version: version,
        };
        let (cid, rid, tid) = (view.id as i32, view.rounds[0].id as i32, view.teams[team].id as i32);
        sheets::prepare(svc, judge, cid, rid, tid, &body).await.unwrap()
    }

    fn total(r: &Result<SheetView>) -> String {
        r.as_ref().expect("acknowledged").total.clone()
    }

    #[tokio::test]
    async fn one_batch_reads_as_the_sheets_one_after_another() {
        let (svc, organiser, [gk1, gk2], view) = world().await;
        let cid = view.id as i32;
        let batch = [
            prepared(&svc, &gk1, &view, 0, ["5", "5"], None).await,
            prepared(&svc, &gk1, &view, 0, ["6", "5"], None).await, // amends the sheet just sent
            prepared(&svc, &gk1, &view, 0, ["6", "5"], None).await, // a retry: nothing changes
            prepared(&svc, &gk2, &view, 0, ["11", "5"], None).await, // above the maximum
            prepared(&svc, &gk2, &view, 1, ["7", "7"], Some(3)).await,
        ];
        let results = write_together(&svc.db, &svc.hub, &batch.iter().collect::<Vec<_>>()).await.unwrap();
        assert_eq!(results.iter().take(3).map(total).collect::<Vec<_>>(), ["10", "11", "11"]);
        assert!(matches!(&results[3], Err(Error::Problem(Problem::InvalidScore { .. }))), "{:?}", results[3]);
        assert_eq!(total(&results[4]), "14");

        // Stored: two sheets, each with its two criteria, as last sent.
        let stored = sheet::Entity::find().filter(sheet::Column::ContestId.eq(cid)).all(&svc.db).await.unwrap();
        assert_eq!(stored.iter().map(|s| s.total).collect::<Vec<_>>(), [1100, 1400]);
        assert_eq!(sheet_score::Entity::find().count(&svc.db).await.unwrap(), 4);
        let logged =
            audit_entry::Entity::find().filter(audit_entry::Column::ObjectType.eq("sheet")).all(&svc.db).await.unwrap();
        assert_eq!(
            logged.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
            ["sheet.submit", "sheet.amend", "sheet.submit"]
        );
        assert_eq!(logged[0].object_id, Some(stored[0].id), "the log names the sheet stored in the same batch");
        assert!(matches!(ledger::verify(&svc, cid).await.unwrap(), ledger::Verdict::Holds { .. }));

        // A late older copy loses to the newer one; a newer one amends.
        let batch = [
            prepared(&svc, &gk2, &view, 1, ["8", "8"], Some(2)).await,
            prepared(&svc, &gk2, &view, 1, ["9", "8"], Some(4)).await,
        ];
        let results = write_together(&svc.db, &svc.hub, &batch.iter().collect::<Vec<_>>()).await.unwrap();
        assert_eq!(results.iter().map(total).collect::<Vec<_>>(), ["14", "17"]);
        assert!(matches!(ledger::verify(&svc, cid).await.unwrap(), ledger::Verdict::Holds { .. }));

        // Once the round is locked, the writer refuses what was checked
        // before the lock, and stores nothing.
        let late = prepared(&svc, &gk1, &view, 1, ["1", "1"], None).await;
        contests::set_round_state(&svc, &organiser, cid, view.rounds[0].id as i32, "locked").await.unwrap();
        let results = write_together(&svc.db, &svc.hub, &[&late]).await.unwrap();
        assert!(matches!(&results[0], Err(Error::Problem(Problem::RoundNotOpen))), "{:?}", results[0]);
        assert_eq!(sheet::Entity::find().count(&svc.db).await.unwrap(), 2);
    }
}
