//! The single sheet writer. Judges' sheets queue here; one task takes every
//! sheet waiting (up to a batch), writes them in one transaction and
//! answers each judge only after that transaction commits.
//!
//! Why: with one transaction per sheet, concurrent judges contend for
//! SQLite's single write lock and fall into its busy-wait sleeps (the p99
//! of a 50-judge burst was hundreds of milliseconds), and each commit costs
//! an fsync. One writer never waits for the lock, and a batch of sheets
//! costs one fsync.

use super::sheets::{self, Batch, Pending};
use crate::contests::{self, Loaded};
use crate::db::{self, Db};
use crate::error::{Error, Result};
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
    shapes: Arc<Mutex<HashMap<i32, Arc<Loaded>>>>,
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
    pub async fn shape(&self, cid: i32) -> Result<Arc<Loaded>> {
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
        queue.send(Job { pending, reply }).await.map_err(|_| Error::Internal("the sheet writer has stopped".into()))?;
        answer.await.map_err(|_| Error::Internal("the sheet writer dropped a sheet".into()))?
    }
}

async fn run(db: Db, hub: Hub, mut rx: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut jobs, BATCH).await > 0 {
        let batch: Vec<Job> = std::mem::take(&mut jobs);
        let pending: Vec<&Pending> = batch.iter().map(|j| &j.pending).collect();
        match write_together(&db, &hub, &pending).await {
            Ok(results) => {
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
                        Ok(mut one) => one.pop().unwrap_or_else(|| Err(Error::Internal("no result".into()))),
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
    let mut batch = Batch::default();
    let mut changed = BTreeSet::new();
    let mut results = Vec::with_capacity(pending.len());
    for p in pending {
        match sheets::write(&txn, &mut batch, p).await {
            Ok(w) => {
                if w.changed {
                    changed.insert(p.cid);
                }
                results.push(Ok(w.view));
            }
            Err(Error::Problem(problem)) => results.push(Err(problem.into())),
            Err(e) => return Err(e),
        }
    }
    for cid in &changed {
        let version = contests::bump_version(&txn, *cid).await?;
        hub.notify_in(&txn, *cid, version).await?;
    }
    txn.commit().await?;
    for cid in changed {
        hub.changed(cid);
    }
    Ok(results)
}
