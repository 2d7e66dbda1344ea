//! Corrections once a contest has begun: a team's or a member's name fixed,
//! a reserve swapped in, a team withdrawn (kept in the records, out of the
//! standings) or brought back. Each is audited; scores and ids stay.

use super::store::{entry_member, replace_members};
use super::{commit_change, load};
use crate::accounts::{Actor, access};
use crate::db::{self, now_ms};
use crate::entity::team;
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::api::{EntryMember, TeamCorrection};
use kheo_domain::contest::MemberRole;
use kheo_domain::i18n::{FieldFault, Problem};
use sea_orm::{ActiveModelTrait, Set};

fn text(field: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::field(field, FieldFault::Empty));
    }
    if v.chars().count() > max {
        return Err(Error::field(field, FieldFault::TooLong { max }));
    }
    Ok(v.to_string())
}

/// Corrects a team's name, unit and members (names and roles, in order);
/// each member keeps the details his line had at the same place.
pub async fn correct_team(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    tid: i32,
    fix: &TeamCorrection,
) -> Result<()> {
    let (db, hub) = (&svc.db, &svc.hub);
    let name = text("name", &fix.name, 200)?;
    let unit = text("unit", &fix.unit, 200)?;
    let mut names = Vec::with_capacity(fix.members.len());
    for (i, m) in fix.members.iter().enumerate() {
        names.push(text(&format!("members[{i}].name"), &m.name, 120)?);
    }
    if fix.members.iter().filter(|m| m.role == MemberRole::Captain).count() > 1 {
        return Err(Error::field("members", FieldFault::OneCaptain));
    }
    let txn = db::write(db).await?;
    let l = load(&txn, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    let t = l.team(tid).cloned().ok_or_else(|| Error::not_found("team"))?;
    if l.teams.iter().any(|o| o.id != tid && o.name.to_lowercase() == name.to_lowercase()) {
        return Err(Error::field("name", FieldFault::DuplicateTeam { name }));
    }
    let old: Vec<EntryMember> = l.members.iter().filter(|m| m.team_id == tid).map(entry_member).collect();
    let members: Vec<EntryMember> = fix
        .members
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (m, name))| {
            let mut line = old.get(i).cloned().unwrap_or_else(|| EntryMember::named(&name, m.role));
            line.name = name;
            line.role = m.role;
            line
        })
        .collect();
    let before = serde_json::json!({"name": t.name, "unit": t.unit, "members": old.iter().map(|m| (&m.name, m.role)).collect::<Vec<_>>()});
    let mut row: team::ActiveModel = t.into();
    row.name = Set(name.clone());
    row.unit = Set(unit.clone());
    row.update(&txn).await?;
    replace_members(&txn, tid, &members).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "team.correct",
            object_type: "team",
            object_id: Some(tid),
            old: Some(before),
            new: Some(serde_json::json!({"name": name, "unit": unit, "members": members.iter().map(|m| (&m.name, m.role)).collect::<Vec<_>>()})),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await
}

/// Withdraws a team (with the reason) or brings it back (`reason` none).
pub async fn set_withdrawn(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    tid: i32,
    reason: Option<&str>,
) -> Result<()> {
    let (db, hub) = (&svc.db, &svc.hub);
    let reason = match reason.map(str::trim) {
        Some("") => return Err(Error::field("reason", FieldFault::Empty)),
        Some(r) if r.chars().count() > 1000 => return Err(Error::field("reason", FieldFault::TooLong { max: 1000 })),
        other => other.map(str::to_string),
    };
    let txn = db::write(db).await?;
    let l = load(&txn, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    let t = l.team(tid).cloned().ok_or_else(|| Error::not_found("team"))?;
    let was = t.withdrawn_reason.clone().filter(|_| t.withdrawn_at.is_some());
    let mut row: team::ActiveModel = t.into();
    row.withdrawn_at = Set(reason.as_ref().map(|_| now_ms()));
    row.withdrawn_reason = Set(reason.clone());
    row.update(&txn).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: if reason.is_some() { "team.withdraw" } else { "team.reinstate" },
            object_type: "team",
            object_id: Some(tid),
            old: Some(serde_json::json!({"withdrawn": was})),
            new: Some(serde_json::json!({"withdrawn": reason})),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await
}
