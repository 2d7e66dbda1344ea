//! Rolling copies of the SQLite database while `kheo serve` runs: one every
//! `KHEO_BACKUP_MINUTES` (10; 0 turns them off) while something changed,
//! and one as soon as a round is locked; the newest `KHEO_BACKUP_KEEP` (24)
//! kept in `kheo-backups` beside the database.

use kheo_service::{Services, backups};
use std::time::{Duration, Instant};

/// Starts the rolling copies for the database at `url`, if it is a SQLite file.
pub fn spawn(svc: Services, url: &str) {
    let (minutes, keep) = backups::settings();
    let Some(folder) = backups::folder_for(url) else { return };
    if minutes == 0 {
        return;
    }
    let every = Duration::from_secs(minutes * 60);
    tracing::info!(folder = %folder.display(), minutes, keep, "rolling backups");
    tokio::spawn(async move {
        // A start is a moment worth a copy: what came before it is kept
        // even if this run goes wrong.
        let mut copied: Option<backups::Marks> = None;
        let mut last = Instant::now();
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            let now = match backups::marks(&svc.db).await {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(error = %e, "rolling backup: cannot read the log");
                    continue;
                }
            };
            let due = match copied {
                None => true,
                Some(before) => now.lock != before.lock || (now.change != before.change && last.elapsed() >= every),
            };
            if !due {
                continue;
            }
            match backups::roll(&svc, &folder, keep).await {
                Ok(Some(path)) => {
                    tracing::info!(path = %path.display(), "rolling backup taken");
                    copied = Some(now);
                    last = Instant::now();
                }
                // No room: tried again at the next tick, once room is made.
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "rolling backup failed"),
            }
        }
    });
}
