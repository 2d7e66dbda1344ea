//! Live standings: one watch channel per contest. A change is computed and
//! serialised once, then every viewer gets the same bytes; a slow viewer
//! skips straight to the newest version. With PostgreSQL, instances tell
//! each other through LISTEN/NOTIFY.

use crate::db::Db;
use crate::error::Result;
use kheo_domain::standings::Standings;
use sea_orm::EntityTrait;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// The PostgreSQL channel instances notify each other on.
pub const CHANNEL: &str = "kheo_standings";

/// One version of a contest's standings, serialised once.
#[derive(Debug)]
pub struct Snapshot {
    /// Standings version.
    pub version: i64,
    /// The standings.
    pub standings: Standings,
    /// Their JSON, shared by every viewer.
    pub json: Arc<str>,
    /// The whole server-sent event for this version, built once and sent
    /// as the same bytes to every viewer.
    pub frame: bytes::Bytes,
}

type Slot = watch::Sender<Option<Arc<Snapshot>>>;

/// How a contest's public standings are computed. The hub is handed it by
/// whoever makes it (`standings::hub`): the standings are read above the
/// journal that tells the hub of a change, and the hub stays below both.
pub type Compute = Arc<dyn Fn(Db, i32) -> Pin<Box<dyn Future<Output = Result<Standings>> + Send>> + Send + Sync>;

/// The live fan-out.
#[derive(Clone)]
pub struct Hub {
    db: Db,
    compute: Compute,
    slots: Arc<Mutex<HashMap<i32, Slot>>>,
    refreshers: Arc<Mutex<HashMap<i32, Arc<Notify>>>>,
    heard: Arc<Mutex<Heard>>,
}

/// The changes an instance has heard of: its own commits and other
/// instances' notifications, per contest, and how often it had to catch up
/// after its listener was lost (when notifications may have been missed).
#[derive(Default)]
struct Heard {
    per_contest: HashMap<i32, u64>,
    catch_ups: u64,
}

/// What this instance has heard of one contest's changes, to tell a kept
/// page still current without asking the database: equal epochs mean no
/// change committed here, or announced by another instance, in between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Epoch {
    changes: u64,
    catch_ups: u64,
}

impl Hub {
    /// A hub over this database, computing standings with `compute`.
    pub fn new(db: Db, compute: Compute) -> Self {
        Hub { db, compute, slots: Arc::default(), refreshers: Arc::default(), heard: Arc::default() }
    }

    /// The changes of a contest heard of so far (see [`Epoch`]).
    pub fn epoch(&self, contest_id: i32) -> Epoch {
        let heard = self.heard.lock().expect("hub lock");
        Epoch { changes: heard.per_contest.get(&contest_id).copied().unwrap_or(0), catch_ups: heard.catch_ups }
    }

    fn heard_of(&self, contest_id: i32) {
        *self.heard.lock().expect("hub lock").per_contest.entry(contest_id).or_insert(0) += 1;
    }

    /// Marks a contest changed. One background task per contest recomputes
    /// its standings; changes that arrive while it works are folded into
    /// its next round, so a burst of sheets costs a few recomputations,
    /// not one per sheet, and no request waits for them.
    pub fn changed(&self, contest_id: i32) {
        self.heard_of(contest_id);
        let mut map = self.refreshers.lock().expect("hub lock");
        let notify = map.entry(contest_id).or_insert_with(|| {
            let notify = Arc::new(Notify::new());
            let (hub, n) = (self.clone(), notify.clone());
            tokio::spawn(async move {
                loop {
                    n.notified().await;
                    hub.refresh(contest_id).await;
                }
            });
            notify
        });
        notify.notify_one();
    }

    fn slot(&self, contest_id: i32) -> Slot {
        self.slots.lock().expect("hub lock").entry(contest_id).or_insert_with(|| watch::channel(None).0).clone()
    }

    /// The standings as of the last committed change: the cached snapshot
    /// when it is current (one cheap version read), else recomputed. A
    /// client that just wrote reads its own write.
    pub async fn current(&self, contest_id: i32) -> Result<Arc<Snapshot>> {
        let cached = self.slot(contest_id).borrow().clone();
        if let Some(s) = cached {
            let version = crate::entity::contest::Entity::find_by_id(contest_id)
                .one(&self.db)
                .await?
                .map(|c| c.version)
                .ok_or_else(|| crate::Error::not_found("contest"))?;
            if s.version >= version {
                return Ok(s);
            }
        }
        self.recompute(contest_id).await
    }

    /// A receiver that always holds the newest standings.
    pub async fn subscribe(&self, contest_id: i32) -> Result<watch::Receiver<Option<Arc<Snapshot>>>> {
        // Subscribed first: a change committed from here on is refreshed
        // (see `refresh`) and reaches this receiver.
        let rx = self.slot(contest_id).subscribe();
        self.current(contest_id).await?;
        Ok(rx)
    }

    async fn recompute(&self, contest_id: i32) -> Result<Arc<Snapshot>> {
        let standings = (self.compute)(self.db.clone(), contest_id).await?;
        let json: Arc<str> = serde_json::to_string(&standings).expect("standings serialise").into();
        let frame = format!("event: leaderboard\nid: {}\ndata: {}\n\n", standings.version, json).into();
        let fresh = Arc::new(Snapshot { version: standings.version, standings, json, frame });
        let slot = self.slot(contest_id);
        // Two refreshes may race: never replace a newer version by an older.
        slot.send_if_modified(|cur| match cur {
            Some(c) if c.version >= fresh.version => false,
            _ => {
                *cur = Some(fresh.clone());
                true
            }
        });
        Ok(slot.borrow().clone().unwrap_or(fresh))
    }

    /// Recomputes after a committed change; failures are logged, since the
    /// change itself is already safe.
    pub async fn refresh(&self, contest_id: i32) {
        // Nobody watching: the next reader recomputes (`current` compares
        // versions), so a burst of sheets in a hall without a projector
        // costs no standings at all.
        let watched = self.slots.lock().expect("hub lock").get(&contest_id).is_some_and(|s| s.receiver_count() > 0);
        if !watched {
            return;
        }
        if let Err(e) = self.recompute(contest_id).await {
            tracing::warn!(contest_id, error = %e, "could not refresh standings");
        }
    }

    /// Inside a write transaction: tells other instances, at commit, that the
    /// contest reached `version`. Nothing to do on SQLite (one instance).
    pub async fn notify_in(&self, txn: &impl ConnectionTrait, contest_id: i32, version: i64) -> Result<()> {
        if txn.get_database_backend() == DbBackend::Postgres {
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), format!("{contest_id}:{version}").into()],
            ))
            .await?;
        }
        Ok(())
    }

    fn known_version(&self, contest_id: i32) -> Option<i64> {
        let slots = self.slots.lock().expect("hub lock");
        slots.get(&contest_id).and_then(|s| s.borrow().as_ref().map(|x| x.version))
    }

    /// On PostgreSQL, listens for other instances' changes for as long as
    /// the server runs. After a lost connection every watched contest is
    /// reloaded, since notifications sent meanwhile are gone.
    pub fn spawn_listener(&self) {
        if self.db.get_database_backend() != DbBackend::Postgres {
            return;
        }
        let hub = self.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = hub.listen().await {
                    tracing::warn!(error = %e, "standings listener lost; reconnecting");
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }

    async fn listen(&self) -> std::result::Result<(), sea_orm::sqlx::Error> {
        use sea_orm::sqlx::postgres::PgListener;
        let pool = self.db.get_postgres_connection_pool().clone();
        let mut listener = PgListener::connect_with(&pool).await?;
        listener.listen(CHANNEL).await?;
        self.resync().await;
        loop {
            match listener.try_recv().await? {
                Some(n) => {
                    let Some((cid, version)) = parse_payload(n.payload()) else { continue };
                    self.heard_of(cid);
                    if self.known_version(cid).is_none_or(|v| v < version) && self.is_watched(cid) {
                        self.changed(cid);
                    }
                }
                // The connection dropped and was re-established: catch up.
                None => self.resync().await,
            }
        }
    }

    fn is_watched(&self, contest_id: i32) -> bool {
        self.slots.lock().expect("hub lock").contains_key(&contest_id)
    }

    async fn resync(&self) {
        self.heard.lock().expect("hub lock").catch_ups += 1;
        let ids: Vec<i32> = self.slots.lock().expect("hub lock").keys().copied().collect();
        for id in ids {
            self.refresh(id).await;
        }
    }
}

fn parse_payload(p: &str) -> Option<(i32, i64)> {
    let (c, v) = p.split_once(':')?;
    Some((c.parse().ok()?, v.parse().ok()?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn payloads() {
        assert_eq!(super::parse_payload("12:345"), Some((12, 345)));
        assert_eq!(super::parse_payload("x"), None);
    }
}
