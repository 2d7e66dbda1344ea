//! The disk under the database. A write the database refuses because the
//! disk is full is a wait, not a failure: the person hears 503
//! `storage_full`, a tablet keeps its sheet queued and sends it again, and
//! the organisers' pages and `/healthz` say so while it lasts.

use sea_orm::DbErr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};

/// When a write was last refused for want of space (Unix milliseconds).
static REFUSED_AT_MS: AtomicI64 = AtomicI64::new(0);

/// When a change was last committed.
static WROTE_AT_MS: AtomicI64 = AtomicI64::new(0);

/// How long a refusal counts as "the disk is full" without another one.
const FULL_FOR_MS: i64 = 30_000;

/// Free space at which a refusal is taken as over: the database needs a
/// few megabytes to grow its log, not one page.
const ROOM_BYTES: u64 = 32 << 20;

/// Whether a database error says the disk is full: SQLite's SQLITE_FULL
/// (13), PostgreSQL's `disk_full` (53100) or an operating system's ENOSPC
/// underneath either.
pub fn is_full(e: &DbErr) -> bool {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(&c.to_string());
        cause = c.source();
    }
    let text = text.to_ascii_lowercase();
    ["database or disk is full", "no space left on device", "53100", "(code: 13)", "disk full"]
        .iter()
        .any(|needle| text.contains(needle))
}

/// Notes a write refused for want of space.
pub fn refused_for_space() {
    REFUSED_AT_MS.store(crate::db::now_ms(), Ordering::Relaxed);
}

/// Notes a change committed: the disk took it, so it is not full now.
pub fn wrote() {
    WROTE_AT_MS.store(crate::db::now_ms(), Ordering::Relaxed);
}

/// The space left where `path` is (a file or a folder), when the system
/// says.
pub fn free_bytes(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        let dir = if path.is_dir() { path.to_path_buf() } else { path.parent()?.to_path_buf() };
        let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
        let st = rustix::fs::statvfs(&dir).ok()?;
        Some(st.f_bavail.saturating_mul(st.f_frsize))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The database's disk as the organisers and `/healthz` hear of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Storage {
    /// Writes are being refused for want of space.
    pub full: bool,
    /// Less than `KHEO_DISK_LOW_MB` is left: say so before it fills.
    pub low: bool,
    /// Bytes left on the database's disk (SQLite; PostgreSQL's disk is on
    /// its own server and not seen from here).
    pub free_bytes: Option<u64>,
}

/// `KHEO_DISK_LOW_MB` (500): below this much free space the organisers are
/// warned.
pub fn low_bytes() -> u64 {
    std::env::var("KHEO_DISK_LOW_MB").ok().and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(500) << 20
}

/// The disk now: full when a write was refused in the last half minute,
/// none has been committed since, and no room has been made.
pub fn status() -> Storage {
    let free = crate::db::sqlite_file(&crate::db::url_from_env()).and_then(|f| free_bytes(&f));
    let refused = REFUSED_AT_MS.load(Ordering::Relaxed);
    let refused = if WROTE_AT_MS.load(Ordering::Relaxed) > refused { 0 } else { refused };
    judge(free, refused, crate::db::now_ms(), low_bytes())
}

fn judge(free: Option<u64>, refused_at: i64, now: i64, low: u64) -> Storage {
    let recent = refused_at > 0 && now - refused_at < FULL_FOR_MS;
    let full = recent && free.is_none_or(|f| f < ROOM_BYTES);
    Storage { full, low: full || free.is_some_and(|f| f < low), free_bytes: free }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_while_refusals_are_recent_and_no_room_was_made() {
        let mb = 1 << 20;
        assert!(judge(Some(mb), 1_000, 2_000, 500 * mb).full);
        assert!(!judge(Some(mb), 1_000, 1_000 + FULL_FOR_MS, 500 * mb).full, "half a minute without a refusal");
        assert!(!judge(Some(100 * mb), 1_000, 2_000, 500 * mb).full, "room was made");
        assert!(judge(None, 1_000, 2_000, 500 * mb).full, "PostgreSQL: the refusal alone");
        assert!(!judge(Some(mb), 0, 2_000, 500 * mb).full, "never refused");
        assert!(judge(Some(mb), 0, 2_000, 500 * mb).low);
        assert!(!judge(Some(600 * mb), 0, 2_000, 500 * mb).low);
    }

    #[test]
    fn the_errors_of_a_full_disk_are_known() {
        let sqlite = DbErr::Custom("error returned from database: (code: 13) database or disk is full".into());
        assert!(is_full(&sqlite));
        let pg = DbErr::Custom("could not extend file \"base/1/2\": No space left on device".into());
        assert!(is_full(&pg));
        assert!(!is_full(&DbErr::Custom("UNIQUE constraint failed".into())));
    }

    #[test]
    fn a_full_disk_reaches_the_person_as_storage_full() {
        let e = crate::Error::Db(DbErr::Custom("(code: 13) database or disk is full".into()));
        assert_eq!(e.into_problem(), kheo_domain::i18n::Problem::StorageFull);
        assert!(status().full || free_bytes(Path::new(".")).is_some_and(|f| f >= ROOM_BYTES));
    }
}
