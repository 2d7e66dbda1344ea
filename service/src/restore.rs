//! `kheo restore FILE`: a SQLite backup put back in place of the database,
//! but only once it is known to be a whole Khéo database whose ledgers
//! hold. The current database is kept aside under a new name, never
//! deleted: a restore chosen wrongly is undone by the same command.

use crate::db::{self, Db};
use crate::entity::contest;
use kheo_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, Statement};
use std::path::{Path, PathBuf};

/// What a backup holds, as the command prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// Contests in it.
    pub contests: usize,
    /// The contest changed last and when (Unix milliseconds).
    pub last_change: Option<(String, i64)>,
    /// Ledger entries checked across its contests.
    pub entries: usize,
}

/// The file opened read-only, as it is: no journal mode set, nothing
/// written (a checkpoint would change the backup being judged).
async fn read_only(file: &Path) -> Result<Db, String> {
    use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    let options = SqliteConnectOptions::new().filename(file).read_only(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.map_err(|e| e.to_string())?;
    Ok(sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

async fn one_text(db: &Db, sql: &str) -> Result<Vec<String>, String> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql.to_string()))
        .await
        .map_err(|e| e.to_string())?;
    Ok(rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect())
}

/// Checks `file` without changing it: a SQLite file SQLite finds whole, of
/// Khéo's schema and no newer than this program, whose every contest's
/// ledger holds. The check runs on a copy brought to this program's schema.
pub async fn check(file: &Path) -> Result<Holding, String> {
    let not_ours =
        |why: String| format!("{} không phải cơ sở dữ liệu Khéo / is not a Khéo database ({why})", file.display());
    if !file.is_file() {
        return Err(format!("Không thấy tệp {} / no such file", file.display()));
    }
    let ro = read_only(file).await.map_err(not_ours)?;
    let damaged = |why: String| {
        format!("{} bị hỏng, SQLite báo / is damaged, SQLite says (integrity_check): {why}", file.display())
    };
    let integrity = one_text(&ro, "PRAGMA integrity_check")
        .await
        .map_err(|e| if e.contains("malformed") { damaged(e) } else { not_ours(e) })?;
    if integrity != ["ok"] {
        return Err(damaged(integrity.into_iter().take(3).collect::<Vec<_>>().join("; ")));
    }
    let applied = one_text(&ro, "SELECT version FROM seaql_migrations ORDER BY version")
        .await
        .map_err(|_| not_ours("no seaql_migrations".into()))?;
    let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_string()).collect();
    if applied.is_empty() || !known.iter().any(|k| applied.contains(k)) {
        return Err(not_ours("none of Khéo's migrations".into()));
    }
    if let Some(newer) = applied.iter().find(|a| !known.contains(a)) {
        return Err(format!(
            "{} có lược đồ mới hơn chương trình này ({newer}): hãy dùng bản Khéo mới hơn / has a newer schema than this program",
            file.display()
        ));
    }
    ro.close().await.map_err(|e| e.to_string())?;

    // Older backups are brought to this schema, on a copy, before the
    // ledgers are replayed by this program's rules.
    let scratch = std::env::temp_dir().join(format!("kheo-restore-{}-{}.db", std::process::id(), db::now_ms()));
    std::fs::copy(file, &scratch).map_err(|e| format!("Không chép được {}: {e}", file.display()))?;
    let outcome = check_copy(&scratch).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    outcome
}

async fn check_copy(scratch: &Path) -> Result<Holding, String> {
    let db = db::connect(&format!("sqlite://{}?mode=rw", scratch.display())).await?;
    db::migrate(&db).await?;
    let svc = crate::Services::new(db.clone());
    let contests =
        contest::Entity::find().order_by_asc(contest::Column::Id).all(&db).await.map_err(|e| e.to_string())?;
    let mut entries = 0;
    for c in &contests {
        match crate::ledger::verify(&svc, c.id).await.map_err(|e| format!("{e}"))? {
            crate::ledger::Verdict::Holds { entries: n, .. } => entries += n,
            crate::ledger::Verdict::Fails(why) => {
                return Err(format!(
                    "Sổ điểm hội thi #{} “{}” trong bản sao lưu không khớp / its ledger does not hold: {why}",
                    c.id, c.name
                ));
            }
        }
    }
    let last_change = contests.iter().max_by_key(|c| c.updated_at).map(|c| (c.name.clone(), c.updated_at));
    db.close().await.map_err(|e| e.to_string())?;
    Ok(Holding { contests: contests.len(), last_change, entries })
}

/// Puts the checked `file` in place of the database at `current`, keeping
/// the current one (and its WAL) aside; returns where it was kept.
pub fn replace(file: &Path, current: &Path, now_ms: i64) -> Result<Option<PathBuf>, String> {
    let stamp = db::in_vietnam(now_ms).format("%Y%m%d-%H%M%S");
    let aside = PathBuf::from(format!("{}.truoc-khoi-phuc-{stamp}", current.display()));
    let kept = if current.exists() {
        for suffix in ["", "-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{suffix}", current.display()));
            if from.exists() {
                let to = PathBuf::from(format!("{}{suffix}", aside.display()));
                std::fs::rename(&from, &to).map_err(|e| format!("Không cất được {}: {e}", from.display()))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    // Copied to a new name, synced, then renamed: a power cut mid-way
    // leaves either no database or the whole backup, never half of one.
    let partial = PathBuf::from(format!("{}.dang-khoi-phuc", current.display()));
    std::fs::copy(file, &partial).map_err(|e| format!("Không chép được {}: {e}", file.display()))?;
    std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| e.to_string())?;
    std::fs::rename(&partial, current).map_err(|e| format!("Không đặt được {}: {e}", current.display()))?;
    if let Some(dir) = current.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(kept)
}
