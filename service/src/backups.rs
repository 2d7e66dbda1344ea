//! Copies of the SQLite database: the one an admin downloads from the
//! organiser's page, and the rolling copies `kheo serve` keeps in a folder
//! beside the database (every few minutes while something changes, and at
//! each round lock). PostgreSQL is backed up with its own tools.

use crate::accounts::Actor;
use crate::db::{self, Db};
use crate::entity::audit_entry;
use crate::error::{Error, Result};
use kheo_domain::i18n::Problem;
use kheo_domain::user::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder};
use std::path::{Path, PathBuf};

/// The folder of rolling copies for a database URL: `kheo-backups` beside
/// the SQLite file; none for PostgreSQL or a database in memory.
pub fn folder_for(url: &str) -> Option<PathBuf> {
    let file = db::sqlite_file(url)?;
    Some(file.parent().map(Path::to_path_buf).unwrap_or_default().join("kheo-backups"))
}

/// How often rolling copies are taken and how many are kept:
/// `KHEO_BACKUP_MINUTES` (10; 0 turns them off) and `KHEO_BACKUP_KEEP` (24).
pub fn settings() -> (u64, usize) {
    let read =
        |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default);
    (read("KHEO_BACKUP_MINUTES", 10), read("KHEO_BACKUP_KEEP", 24) as usize)
}

/// What an admin's page offers on SQLite: the rolling copies' folder
/// (none when they are turned off), minutes between them, copies kept.
/// Nothing for other people, nor on PostgreSQL.
pub fn offer(db: &Db, actor: &Actor) -> Option<(Option<PathBuf>, u64, usize)> {
    if actor.role != Role::Admin || db.get_database_backend() != DatabaseBackend::Sqlite {
        return None;
    }
    let (minutes, keep) = settings();
    let folder = folder_for(&db::url_from_env()).filter(|_| minutes > 0);
    Some((folder.map(|f| std::path::absolute(&f).unwrap_or(f)), minutes, keep))
}

/// A copy's file name, by the time it was taken (UTC+7, as the hall reads it).
pub fn file_name(now_ms: i64) -> String {
    format!("kheo-{}.db", db::in_vietnam(now_ms).format("%Y%m%d-%H%M%S"))
}

/// A consistent copy of the whole database, as bytes, for an admin (the
/// file holds every contest and account).
pub async fn download(svc: &crate::Services, actor: &Actor) -> Result<(String, Vec<u8>)> {
    let db = &svc.db;
    if actor.role != Role::Admin {
        return Err(Problem::Forbidden.into());
    }
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return Err(Problem::BackupElsewhere.into());
    }
    let name = file_name(db::now_ms());
    let unique = format!("kheo-download-{}-{}.db", std::process::id(), db::now_ms());
    let path = std::env::temp_dir().join(unique);
    let copied = db::backup(db, &path).await.map_err(Error::internal);
    let bytes = match copied {
        Ok(()) => tokio::fs::read(&path).await.map_err(|e| Error::internal_from("backup read", e)),
        Err(e) => Err(e),
    };
    let _ = tokio::fs::remove_file(&path).await;
    Ok((name, bytes?))
}

/// What a rolling copy follows: the newest logged change, and the newest
/// round lock (a lock is copied at once).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// The newest audit entry's id.
    pub change: i64,
    /// The newest audit entry that locked a round.
    pub lock: i64,
}

/// The marks as they are now.
pub async fn marks(db: &impl ConnectionTrait) -> Result<Marks> {
    let change = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id).one(db).await?.map_or(0, |e| e.id);
    let lock = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("round.state"))
        .filter(audit_entry::Column::NewValue.contains("\"locked\""))
        .order_by_desc(audit_entry::Column::Id)
        .one(db)
        .await?
        .map_or(0, |e| e.id);
    Ok(Marks { change, lock })
}

/// Takes a rolling copy into `folder` and keeps the newest `keep` copies.
/// The copy is written under a temporary name and renamed, so the folder
/// never holds half a copy. A copy never takes the room the database needs
/// to go on writing: when it would leave less than the reserve free, the
/// oldest copies go first (never the newest), and if that is not enough the
/// copy is skipped (`Ok(None)`) until room is made.
pub async fn roll(svc: &crate::Services, folder: &Path, keep: usize) -> Result<Option<PathBuf>> {
    let db = &svc.db;
    tokio::fs::create_dir_all(folder).await.map_err(|e| Error::internal_from(folder.display().to_string(), e))?;
    let copies = copies(folder).await;
    if let Some(free) = crate::storage::free_bytes(folder) {
        let need = db::sqlite_file(&db::url_from_env()).and_then(|f| std::fs::metadata(f).ok()).map_or(0, |m| m.len());
        match make_room(free, need, reserve_bytes(), &copies) {
            Some(old) => {
                for name in old {
                    tracing::warn!(copy = %name, free, "rolling backup: the disk is nearly full, the oldest copy goes");
                    let _ = tokio::fs::remove_file(folder.join(name)).await;
                }
            }
            None => {
                if !PAUSED.swap(true, std::sync::atomic::Ordering::Relaxed) {
                    tracing::warn!(free, need, "rolling backups paused: no room for a copy without filling the disk");
                }
                return Ok(None);
            }
        }
    }
    let name = file_name(db::now_ms());
    let part = folder.join(format!("{name}.part"));
    let _ = tokio::fs::remove_file(&part).await;
    if let Err(e) = db::backup(db, &part).await {
        // Half a copy is only in the way of the database.
        let _ = tokio::fs::remove_file(&part).await;
        return Err(Error::internal(e));
    }
    let path = folder.join(&name);
    tokio::fs::rename(&part, &path).await.map_err(|e| Error::internal_from(path.display().to_string(), e))?;
    PAUSED.store(false, std::sync::atomic::Ordering::Relaxed);
    prune(folder, keep).await;
    Ok(Some(path))
}

/// Set while rolling copies are skipped for want of room.
static PAUSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether the last rolling copy was skipped for want of room.
pub fn paused() -> bool {
    PAUSED.load(std::sync::atomic::Ordering::Relaxed)
}

/// `KHEO_BACKUP_RESERVE_MB` (100): the free space a rolling copy leaves
/// the database at the least.
pub fn reserve_bytes() -> u64 {
    std::env::var("KHEO_BACKUP_RESERVE_MB").ok().and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(100) << 20
}

/// Which copies to delete, oldest first, so that a copy of `need` bytes
/// leaves at least `reserve` (and no less than `need` again) free; `None`
/// when even deleting every copy but the newest would not do.
pub fn make_room(free: u64, need: u64, reserve: u64, copies: &[(String, u64)]) -> Option<Vec<String>> {
    let wanted = need.saturating_add(reserve.max(need));
    let mut free = free;
    let mut gone = Vec::new();
    let spare = copies.len().saturating_sub(1);
    for (name, size) in &copies[..spare] {
        if free >= wanted {
            break;
        }
        free = free.saturating_add(*size);
        gone.push(name.clone());
    }
    (free >= wanted).then_some(gone)
}

/// The rolling copies in `folder`, oldest first, with their sizes.
async fn copies(folder: &Path) -> Vec<(String, u64)> {
    let Ok(mut dir) = tokio::fs::read_dir(folder).await else { return Vec::new() };
    let mut copies = Vec::new();
    while let Ok(Some(e)) = dir.next_entry().await {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("kheo-") && name.ends_with(".db") {
            let size = e.metadata().await.map_or(0, |m| m.len());
            copies.push((name, size));
        }
    }
    // The names sort by time.
    copies.sort();
    copies
}

async fn prune(folder: &Path, keep: usize) {
    let copies = copies(folder).await;
    let extra = copies.len().saturating_sub(keep.max(1));
    for (name, _) in &copies[..extra] {
        let _ = tokio::fs::remove_file(folder.join(name)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_leaves_the_reserve_and_the_oldest_go_first() {
        let c = |n: &str, size| (n.to_string(), size);
        let copies = [c("kheo-1.db", 10), c("kheo-2.db", 10), c("kheo-3.db", 10)];
        assert_eq!(make_room(100, 10, 20, &copies), Some(vec![]), "room enough");
        assert_eq!(make_room(25, 10, 20, &copies), Some(vec!["kheo-1.db".to_string()]));
        assert_eq!(make_room(15, 10, 20, &copies), Some(vec!["kheo-1.db".to_string(), "kheo-2.db".to_string()]));
        assert_eq!(make_room(5, 10, 20, &copies), None, "the newest copy is never deleted for a new one");
        assert_eq!(make_room(39, 30, 5, &[]), None, "the reserve is at least the database's size again");
        assert_eq!(make_room(60, 30, 5, &[]), Some(vec![]));
    }

    #[test]
    fn the_folder_sits_beside_the_database() {
        assert_eq!(folder_for("sqlite://kheo.db?mode=rwc"), Some(PathBuf::from("kheo-backups")));
        assert_eq!(folder_for("sqlite:///srv/kheo/data.db"), Some(PathBuf::from("/srv/kheo/kheo-backups")));
        assert_eq!(folder_for("sqlite::memory:"), None);
        assert_eq!(folder_for("postgres://kheo@localhost/kheo"), None);
    }

    #[test]
    fn names_sort_by_the_halls_time() {
        // 2026-11-29 17:05:09 UTC is 2026-11-30 00:05:09 in Vietnam.
        assert_eq!(file_name(1_795_971_909_000), "kheo-20261130-000509.db");
        assert!(file_name(1_795_971_909_000) < file_name(1_795_971_910_000));
    }
}
