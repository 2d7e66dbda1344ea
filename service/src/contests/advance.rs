//! Contests that feed each other (xã → huyện → tỉnh, cụm → chung kết): teams
//! of a finished contest sent on to the next one with their members and
//! model, marked with where they came from and what they won; a team
//! assembled from members of several; a final's clusters made in one step.

use super::store::{self, Origin, TeamRow, entry_member};
use super::{ContestRows, commit_change, load};
use crate::accounts::{Actor, access};
use crate::db::{self};
use crate::entity::{contest, team};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use crate::standings::{self};
use kheo_domain::api::{AdvanceOutcome, AdvanceRequest, ContestView, EntryMember};
use kheo_domain::contest::{ModelField, ModelKind};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::results;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A source team as the next contest stores it.
fn copy_of(from: &ContestRows, t: &team::Model, award: Option<String>) -> TeamRow {
    TeamRow {
        name: t.name.clone(),
        unit: t.unit.clone(),
        unit_id: t.unit_id,
        model_name: t.model_name.clone(),
        model_field: t.model_field.as_deref().and_then(ModelField::parse),
        model_kind: t.model_kind.as_deref().and_then(ModelKind::parse),
        model_summary: t.model_summary.clone(),
        // Blocks are each contest's own: the next level places the team.
        block: None,
        origin: Some(Origin { contest_id: from.contest.id, team_id: Some(t.id), award }),
        members: from.members.iter().filter(|m| m.team_id == t.id).map(entry_member).collect(),
        model_id: t.model_id,
    }
}

/// `POST /contests/{cid}/advance`: copies teams of a finished contest into
/// contest `cid`, which has not begun, each with its origin and prize; or
/// a team assembled from members of several of its teams. Only the
/// organisers of `cid` send teams into it.
pub async fn advance(svc: &crate::Services, actor: &Actor, cid: i32, req: &AdvanceRequest) -> Result<AdvanceOutcome> {
    let (db, hub) = (&svc.db, &svc.hub);
    let txn = db::write(db).await?;
    let target = load(&txn, cid).await?;
    if !access::manages(actor, &target.contest) {
        return Err(Problem::Forbidden.into());
    }
    let from_id = i32::try_from(req.from_contest_id).unwrap_or(-1);
    if from_id == cid {
        return Err(Error::field("from_contest_id", FieldFault::UnknownContest));
    }
    let from = match load(&txn, from_id).await {
        Ok(l) => l,
        Err(Error::Problem(Problem::NotFound { .. })) => {
            return Err(Error::field("from_contest_id", FieldFault::UnknownContest));
        }
        Err(e) => return Err(e),
    };
    if target.has_begun() {
        return Err(Problem::ContestStarted.into());
    }
    let (full, _) = standings::full(&txn, &from).await?;
    if !results::is_final(&full) {
        return Err(Problem::ResultsNotFinal.into());
    }
    if req.team_ids.is_empty() && req.assembled.is_none() {
        return Err(Error::field("team_ids", FieldFault::Empty));
    }
    let awarded = standings::awarded(&txn, &from, &full).await?;
    let mut rows = Vec::new();
    for (i, tid) in req.team_ids.iter().enumerate() {
        let t = from
            .teams
            .iter()
            .find(|t| i64::from(t.id) == *tid && t.withdrawn_at.is_none())
            .ok_or_else(|| Error::field(format!("team_ids[{i}]"), FieldFault::NoSuchTeam))?;
        let sent_before = target.teams.iter().any(|x| x.origin_team_id == Some(t.id))
            || rows.iter().any(|r: &TeamRow| r.origin.as_ref().and_then(|o| o.team_id) == Some(t.id));
        if sent_before {
            return Err(Problem::AlreadyAdvanced.into());
        }
        rows.push(copy_of(&from, t, awarded.prize_of.get(&i64::from(t.id)).cloned()));
    }
    if let Some(a) = &req.assembled {
        let name = a.name.trim();
        if name.is_empty() {
            return Err(Error::field("assembled.name", FieldFault::Empty));
        }
        if a.members.is_empty() {
            return Err(Error::field("assembled.members", FieldFault::Empty));
        }
        let mut members: Vec<EntryMember> = Vec::with_capacity(a.members.len());
        for (i, p) in a.members.iter().enumerate() {
            let found = from
                .members
                .iter()
                .find(|m| i64::from(m.team_id) == p.team_id && m.name == p.name.trim())
                .ok_or_else(|| Error::field(format!("assembled.members[{i}]"), FieldFault::NoSuchMember))?;
            members.push(entry_member(found));
        }
        rows.push(TeamRow {
            name: name.to_string(),
            unit: Some(a.unit.trim()).filter(|u| !u.is_empty()).unwrap_or(&from.contest.unit).to_string(),
            unit_id: from.contest.org_unit_id,
            origin: Some(Origin { contest_id: from.contest.id, team_id: None, award: None }),
            members,
            ..Default::default()
        });
    }
    let mut order = target.teams.iter().map(|t| t.running_order).max().unwrap_or(0);
    let mut added = Vec::with_capacity(rows.len());
    for row in &rows {
        if target.teams.iter().any(|t| t.name.to_lowercase() == row.name.to_lowercase()) {
            return Err(Error::field("team_ids", FieldFault::DuplicateTeam { name: row.name.clone() }));
        }
        order += 1;
        added.push(store::insert_team(&txn, cid, order, row).await?.id);
    }
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "team.advance",
            object_type: "contest",
            object_id: Some(from.contest.id),
            old: None,
            new: Some(serde_json::json!({
                "from_contest_id": from.contest.id,
                "teams": rows.iter().map(|r| serde_json::json!({
                    "name": r.name,
                    "from_team_id": r.origin.as_ref().and_then(|o| o.team_id),
                    "award": r.origin.as_ref().and_then(|o| o.award.clone()),
                })).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await?;
    let view = super::view(&load(db, cid).await?);
    Ok(AdvanceOutcome { teams: view.teams.into_iter().filter(|t| added.contains(&(t.id as i32))).collect() })
}

/// The contests that feed `cid` (those naming it as their parent), newest
/// first, for the organiser's page.
pub async fn feeders(db: &impl ConnectionTrait, cid: i32) -> Result<Vec<contest::Model>> {
    let mut list = contest::Entity::find().filter(contest::Column::ParentId.eq(cid)).all(db).await?;
    list.sort_by_key(|c| std::cmp::Reverse(c.id));
    Ok(list)
}

/// A final's organiser makes its cluster contests (vòng cụm) in one step:
/// each with the final's rounds, prizes and panel, no teams yet, and the
/// final as its parent.
pub async fn make_clusters(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    names: &[String],
) -> Result<Vec<ContestView>> {
    let db = &svc.db;
    let l = load(db, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    if names.is_empty() {
        return Err(Error::field("names", FieldFault::Empty));
    }
    let mut out = Vec::with_capacity(names.len());
    let base = super::setup::definition_of(&l);
    let mut defs = Vec::with_capacity(names.len());
    for (i, n) in names.iter().enumerate() {
        let n = n.trim();
        if n.is_empty() {
            return Err(Error::field(format!("names[{i}]"), FieldFault::Empty));
        }
        let mut def = base.clone();
        def.name = format!("{} — {n}", l.contest.name);
        def.teams.clear();
        def.parent_id = Some(i64::from(cid));
        def.qualified_from = None;
        defs.push(def);
    }
    for def in &defs {
        out.push(super::create(svc, actor, def).await?);
    }
    Ok(out)
}

/// Takes the first `n` of each finished cluster of a final (teams whose
/// rank is `n` or better, so a tie on the last place goes through
/// together), skipping teams sent before. Answers the teams added.
pub async fn take_from_clusters(svc: &crate::Services, actor: &Actor, cid: i32, n: u32) -> Result<AdvanceOutcome> {
    let (db, _hub) = (&svc.db, &svc.hub);
    let target = load(db, cid).await?;
    if !access::manages(actor, &target.contest) {
        return Err(Problem::Forbidden.into());
    }
    let mut added = Vec::new();
    for c in feeders(db, cid).await? {
        let from = load(db, c.id).await?;
        let (full, _) = standings::full(db, &from).await?;
        if !results::is_final(&full) {
            continue;
        }
        let already: Vec<i32> = load(db, cid).await?.teams.iter().filter_map(|t| t.origin_team_id).collect();
        let team_ids: Vec<i64> = full
            .standings
            .iter()
            .filter(|r| r.rank <= n && !already.contains(&(r.team.id as i32)))
            .map(|r| r.team.id)
            .collect();
        if team_ids.is_empty() {
            continue;
        }
        let req = AdvanceRequest { from_contest_id: i64::from(c.id), team_ids, assembled: None };
        added.extend(advance(svc, actor, cid, &req).await?.teams);
    }
    Ok(AdvanceOutcome { teams: added })
}
