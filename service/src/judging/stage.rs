//! What is happening in the hall: the round under way and the team on stage.

use super::managed;
use crate::accounts::Actor;
use crate::contests;
use crate::db::{self};
use crate::entity::contest;
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::standings::Stage;
use sea_orm::{ActiveModelTrait, Set};

/// Sets the round under way and the team on stage; judges' tablets and the
/// livestream follow.
pub async fn set_stage(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    round_id: i32,
    team_id: Option<i32>,
) -> Result<Stage> {
    let (db, hub) = (&svc.db, &svc.hub);
    let txn = db::write(db).await?;
    let l = contests::load(&txn, cid).await?;
    managed(&l, actor)?;
    l.round(round_id).ok_or_else(|| Error::not_found("round"))?;
    if let Some(t) = team_id {
        l.team(t).ok_or_else(|| Error::not_found("team"))?;
    }
    let old = l.contest.stage_round_id.map(|r| serde_json::json!({"round_id": r, "team_id": l.contest.stage_team_id}));
    let mut active: contest::ActiveModel = l.contest.clone().into();
    active.stage_round_id = Set(Some(round_id));
    active.stage_team_id = Set(team_id);
    active.update(&txn).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "contest.stage",
            object_type: "contest",
            object_id: Some(cid),
            old,
            new: Some(serde_json::json!({"round_id": round_id, "team_id": team_id})),
        },
    )
    .await?;
    journal::commit_change(txn, hub, cid).await?;
    Ok(Stage { round_id: i64::from(round_id), team_id: team_id.map(i64::from) })
}
