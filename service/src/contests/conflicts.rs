//! Conflicts of interest (xung đột lợi ích): a judge who does not score a
//! team, a judge from the team's own village say. The organisers set them
//! any time before that judge has scored that team; the team's score then
//! waits only for the other judges and is aggregated over their sheets.

use crate::Services;
use crate::accounts::{Actor, access};
use crate::contests::{ContestRows, load};
use crate::db::{self, now_ms};
use crate::entity::{conflict, sheet};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::api::ConflictView;
use kheo_domain::i18n::{FieldFault, Problem};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// The contest's conflicts as its organisers see them.
pub fn views(l: &ContestRows) -> Vec<ConflictView> {
    l.conflicts
        .iter()
        .map(|c| ConflictView {
            judge_id: i64::from(c.judge_id),
            team_id: i64::from(c.team_id),
            reason: c.reason.clone(),
        })
        .collect()
}

/// `PUT /contests/{cid}/conflicts`: replaces the list. A judge must be on
/// the panel and the team in the contest; a pair the judge has already
/// scored is refused (409 `sheet_exists`), and nothing is changed.
pub async fn set_conflicts(
    svc: &Services,
    actor: &Actor,
    cid: i32,
    list: &[ConflictView],
) -> Result<Vec<ConflictView>> {
    let txn = db::write(&svc.db).await?;
    let mut cursor = journal::chain::Cursor::default();
    journal::chain::hold(&txn, &mut cursor, cid).await?;
    let l = load(&txn, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    let mut pairs: Vec<ConflictView> = Vec::with_capacity(list.len());
    for (i, c) in list.iter().enumerate() {
        let judge = i32::try_from(c.judge_id).ok().filter(|j| l.panel.iter().any(|(_, u)| u.id == *j));
        let judge = judge.ok_or_else(|| Error::not_found("judge"))?;
        let team = i32::try_from(c.team_id).ok().filter(|t| l.team(*t).is_some());
        let team = team.ok_or_else(|| Error::not_found("team"))?;
        let reason = c.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        if reason.is_some_and(|r| r.chars().count() > 200) {
            return Err(Error::field(format!("conflicts[{i}].reason"), FieldFault::TooLong { max: 200 }));
        }
        if pairs.iter().any(|p| p.judge_id == c.judge_id && p.team_id == c.team_id) {
            continue;
        }
        let scored = sheet::Entity::find()
            .filter(sheet::Column::ContestId.eq(cid))
            .filter(sheet::Column::JudgeId.eq(judge))
            .filter(sheet::Column::TeamId.eq(team))
            .one(&txn)
            .await?;
        // The conflict comes too late: the judge's sheet would stay counted
        // while the record said he did not score.
        if scored.is_some() {
            return Err(Problem::SheetExists.into());
        }
        pairs.push(ConflictView { judge_id: c.judge_id, team_id: c.team_id, reason: reason.map(str::to_string) });
    }
    let old = views(&l);
    conflict::Entity::delete_many().filter(conflict::Column::ContestId.eq(cid)).exec(&txn).await?;
    if !pairs.is_empty() {
        let now = now_ms();
        let rows = pairs.iter().map(|p| conflict::ActiveModel {
            contest_id: Set(cid),
            judge_id: Set(p.judge_id as i32),
            team_id: Set(p.team_id as i32),
            reason: Set(p.reason.clone()),
            created_at: Set(now),
            ..Default::default()
        });
        conflict::Entity::insert_many(rows).exec_without_returning(&txn).await?;
    }
    let record = Record {
        actor: Some(actor),
        contest_id: Some(cid),
        action: "contest.conflicts",
        object_type: "contest",
        object_id: Some(cid),
        old: Some(json!({ "conflicts": old })),
        new: Some(json!({ "conflicts": pairs })),
    };
    journal::record_in(&txn, &mut cursor, record).await?;
    journal::commit_change(txn, &svc.hub, cid).await?;
    Ok(pairs)
}
