//! Registration by invitation (đăng ký dự thi). The organiser invites units
//! with a deadline; each unit gets a link whose token is its only key, and
//! fills in its entry on a phone, with no account; the organiser approves
//! an entry (it becomes one of the contest's teams) or returns it with a
//! reason. The rules of an entry are `kheo_domain::registration`; `export`
//! writes the member list and the printable form.

pub mod export;

use crate::accounts::{Actor, access};
use crate::contests::{self, ContestRows, TeamRow, store};
use crate::db::{self, now_ms, rfc3339};
use crate::entity::{contest, invitation, org_unit};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::api::{Decision, Entry, EntryContest, EntryView, InvitationList, InvitationRequest, InvitationView};
use kheo_domain::collate;
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::registration::{self, InvitationStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use std::collections::HashMap;

/// The path of a unit's link; the full address puts the site's public
/// address before it.
pub fn link_path(token: &str) -> String {
    format!("/dang-ky/{token}")
}

/// Parses an RFC 3339 time into Unix milliseconds.
pub fn parse_time(field: &str, text: &str) -> Result<i64> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| Error::field(field, FieldFault::DateTime))
}

fn status_of(i: &invitation::Model) -> InvitationStatus {
    i.status
}

fn entry_of(i: &invitation::Model) -> Option<Entry> {
    i.entry.as_deref().and_then(|e| serde_json::from_str(e).ok())
}

async fn managed(db: &impl ConnectionTrait, actor: &Actor, cid: i32) -> Result<ContestRows> {
    let l = contests::load(db, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    Ok(l)
}

fn view(i: &invitation::Model, unit: &str, base: &str) -> InvitationView {
    let entry = entry_of(i);
    let status = status_of(i);
    InvitationView {
        id: i64::from(i.id),
        unit_id: i64::from(i.unit_id),
        unit: unit.to_string(),
        token: i.token.clone(),
        url: format!("{base}{}", link_path(&i.token)),
        status,
        team_name: entry.as_ref().map(|e| e.team.name.clone()).filter(|n| !n.is_empty()),
        members: entry.as_ref().map_or(0, |e| e.team.members.len()),
        reason: i.reason.clone().filter(|_| status == InvitationStatus::Returned),
        updated_at: (status != InvitationStatus::Invited).then(|| rfc3339(i.updated_at)),
        team_id: i.team_id.map(i64::from),
    }
}

async fn unit_names(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>> {
    Ok(org_unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.name)).collect())
}

async fn invitations_of(db: &impl ConnectionTrait, cid: i32) -> Result<Vec<invitation::Model>> {
    Ok(invitation::Entity::find().filter(invitation::Column::ContestId.eq(cid)).all(db).await?)
}

/// `POST /contests/{cid}/invitations`: opens (or moves) the call's deadline
/// and invites units; a unit invited before keeps its invitation and link.
/// Answers the invitations of the units named, in their order.
pub async fn invite(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    req: &InvitationRequest,
    base: &str,
) -> Result<InvitationList> {
    let db = &svc.db;
    let deadline = parse_time("deadline", &req.deadline)?;
    if deadline <= now_ms() {
        return Err(Error::field("deadline", FieldFault::InThePast));
    }
    let txn = db::write(db).await?;
    let l = managed(&txn, actor, cid).await?;
    if l.has_begun() {
        return Err(Problem::ContestStarted.into());
    }
    let names = unit_names(&txn).await?;
    let mut ids = Vec::with_capacity(req.unit_ids.len());
    for (i, u) in req.unit_ids.iter().enumerate() {
        let id = i32::try_from(*u).ok().filter(|id| names.contains_key(id));
        let id =
            id.ok_or_else(|| Error::field(format!("unit_ids[{i}]"), FieldFault::UnknownUnit { name: u.to_string() }))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let old_deadline = l.contest.registration_deadline;
    let mut row: contest::ActiveModel = l.contest.clone().into();
    row.registration_deadline = Set(Some(deadline));
    row.update(&txn).await?;
    let existing = invitations_of(&txn, cid).await?;
    let now = now_ms();
    let mut out = Vec::with_capacity(ids.len());
    for unit_id in ids {
        let inv = match existing.iter().find(|i| i.unit_id == unit_id) {
            Some(i) => i.clone(),
            None => {
                let (token, _) = crate::accounts::auth::new_token();
                invitation::ActiveModel {
                    contest_id: Set(cid),
                    unit_id: Set(unit_id),
                    token: Set(token),
                    status: Set(InvitationStatus::Invited),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
            }
        };
        out.push(view(&inv, names.get(&unit_id).map_or("", String::as_str), base));
    }
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "registration.invite",
            object_type: "contest",
            object_id: Some(cid),
            old: old_deadline.map(|d| serde_json::json!({"deadline": rfc3339(d)})),
            new: Some(serde_json::json!({"deadline": rfc3339(deadline), "unit_ids": req.unit_ids})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(InvitationList { invitations: out, deadline: Some(rfc3339(deadline)) })
}

/// `GET /contests/{cid}/invitations`: every invited unit, in Vietnamese
/// order, with its status.
pub async fn list(svc: &crate::Services, actor: &Actor, cid: i32, base: &str) -> Result<InvitationList> {
    let db = &svc.db;
    let l = managed(db, actor, cid).await?;
    let names = unit_names(db).await?;
    let mut out: Vec<InvitationView> = invitations_of(db, cid)
        .await?
        .iter()
        .map(|i| view(i, names.get(&i.unit_id).map_or("", String::as_str), base))
        .collect();
    out.sort_by(|a, b| collate::compare(&a.unit, &b.unit));
    Ok(InvitationList { invitations: out, deadline: l.contest.registration_deadline.map(rfc3339) })
}

/// One invitation with its entry, for the organiser's desk.
pub async fn get(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    id: i32,
    base: &str,
) -> Result<(InvitationView, Option<Entry>)> {
    let db = &svc.db;
    managed(db, actor, cid).await?;
    let inv = invitation::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|i| i.contest_id == cid)
        .ok_or_else(|| Error::not_found("invitation"))?;
    let names = unit_names(db).await?;
    Ok((view(&inv, names.get(&inv.unit_id).map_or("", String::as_str), base), entry_of(&inv)))
}

/// The invitation behind a unit's link; an unknown token names nothing.
async fn by_token(db: &impl ConnectionTrait, token: &str) -> Result<invitation::Model> {
    // A token is 43 characters of base64url; anything else cannot match.
    if token.len() > 100 {
        return Err(Error::not_found("invitation"));
    }
    invitation::Entity::find()
        .filter(invitation::Column::Token.eq(token))
        .one(db)
        .await?
        .ok_or_else(|| Error::not_found("invitation"))
}

async fn entry_view(db: &impl ConnectionTrait, inv: &invitation::Model) -> Result<EntryView> {
    let c = contest::Entity::find_by_id(inv.contest_id).one(db).await?.ok_or_else(|| Error::not_found("contest"))?;
    let unit = org_unit::Entity::find_by_id(inv.unit_id).one(db).await?.map(|u| u.name).unwrap_or_default();
    let status = status_of(inv);
    let deadline = c.registration_deadline.unwrap_or(0);
    Ok(EntryView {
        contest: EntryContest { id: i64::from(c.id), name: c.name, level: c.level, year: c.year },
        unit,
        deadline: rfc3339(deadline),
        status,
        reason: inv.reason.clone().filter(|_| matches!(status, InvitationStatus::Returned | InvitationStatus::Draft)),
        entry: entry_of(inv),
        open: registration::may_edit(status, now_ms(), deadline).is_ok(),
        updated_at: (status != InvitationStatus::Invited).then(|| rfc3339(inv.updated_at)),
    })
}

/// `GET /entries/{token}`: what the unit's link shows.
pub async fn entry(svc: &crate::Services, token: &str) -> Result<EntryView> {
    let db = &svc.db;
    let inv = by_token(db, token).await?;
    entry_view(db, &inv).await
}

/// The models of the invited unit (and the units under it) a team may
/// present: every one in the register but the withdrawn, newest first.
pub async fn unit_models(svc: &crate::Services, token: &str) -> Result<Vec<kheo_domain::api::ModelLine>> {
    let inv = by_token(&svc.db, token).await?;
    let filter = crate::models::ModelFilter { unit_id: Some(i64::from(inv.unit_id)), ..Default::default() };
    Ok(crate::models::list(svc, &filter).await?.models)
}

async fn open_for_edit(db: &impl ConnectionTrait, token: &str) -> Result<(invitation::Model, contest::Model)> {
    let inv = by_token(db, token).await?;
    let c = contest::Entity::find_by_id(inv.contest_id).one(db).await?.ok_or_else(|| Error::not_found("contest"))?;
    registration::may_edit(status_of(&inv), now_ms(), c.registration_deadline.unwrap_or(0))?;
    Ok((inv, c))
}

/// `PUT /entries/{token}`: the unit saves its entry as a draft. Every field
/// present is checked; what is missing may wait until it submits.
pub async fn save(svc: &crate::Services, token: &str, body: &Value) -> Result<EntryView> {
    let db = &svc.db;
    let txn = db::write(db).await?;
    let (inv, c) = open_for_edit(&txn, token).await?;
    let entry = registration::parse_entry(body, c.year)?;
    let old = inv.entry.clone();
    let mut row: invitation::ActiveModel = inv.clone().into();
    row.entry = Set(Some(serde_json::to_string(&entry).expect("an entry serialises")));
    row.status = Set(registration::after_save(status_of(&inv)));
    row.updated_at = Set(now_ms());
    let saved = row.update(&txn).await?;
    journal::record(
        &txn,
        Record {
            actor: None,
            contest_id: Some(c.id),
            action: "registration.save",
            object_type: "invitation",
            object_id: Some(inv.id),
            old: old.and_then(|o| serde_json::from_str(&o).ok()),
            new: journal::json(&entry),
        },
    )
    .await?;
    let out = entry_view(&txn, &saved).await?;
    txn.commit().await?;
    Ok(out)
}

/// `POST /entries/{token}/submit`: the unit sends its entry to the
/// organiser; it must be complete.
pub async fn submit(svc: &crate::Services, token: &str) -> Result<EntryView> {
    let db = &svc.db;
    let txn = db::write(db).await?;
    let (inv, c) = open_for_edit(&txn, token).await?;
    let entry = entry_of(&inv).unwrap_or_default();
    registration::check_complete(&entry)?;
    let now = now_ms();
    let mut row: invitation::ActiveModel = inv.clone().into();
    row.status = Set(InvitationStatus::Submitted);
    row.submitted_at = Set(Some(now));
    row.updated_at = Set(now);
    let saved = row.update(&txn).await?;
    journal::record(
        &txn,
        Record {
            actor: None,
            contest_id: Some(c.id),
            action: "registration.submit",
            object_type: "invitation",
            object_id: Some(inv.id),
            old: None,
            new: None,
        },
    )
    .await?;
    let out = entry_view(&txn, &saved).await?;
    txn.commit().await?;
    Ok(out)
}

/// `POST /contests/{cid}/invitations/{id}/decision`: the organiser approves
/// a submitted entry (it becomes one of the contest's teams, with its
/// members and model) or returns it with a reason the unit will read.
pub async fn decide(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    id: i32,
    decision: &Decision,
    base: &str,
) -> Result<InvitationView> {
    let (db, hub) = (&svc.db, &svc.hub);
    let approve = match decision.decision.as_str() {
        "approve" => true,
        "return" => false,
        _ => return Err(Error::field("decision", FieldFault::one_of(&["approve", "return"]))),
    };
    let reason = decision.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
    if !approve && reason.is_none() {
        return Err(Error::field("reason", FieldFault::Empty));
    }
    if reason.as_ref().is_some_and(|r| r.chars().count() > 2000) {
        return Err(Error::field("reason", FieldFault::TooLong { max: 2000 }));
    }
    let txn = db::write(db).await?;
    let l = managed(&txn, actor, cid).await?;
    let inv = invitation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .filter(|i| i.contest_id == cid)
        .ok_or_else(|| Error::not_found("invitation"))?;
    if l.has_begun() {
        return Err(Problem::ContestStarted.into());
    }
    if status_of(&inv) != InvitationStatus::Submitted {
        return Err(Problem::EntryNotSubmitted.into());
    }
    let unit = org_unit::Entity::find_by_id(inv.unit_id).one(&txn).await?.map(|u| u.name).unwrap_or_default();
    let now = now_ms();
    let mut row: invitation::ActiveModel = inv.clone().into();
    row.decided_at = Set(Some(now));
    row.decided_by = Set(Some(actor.user_id));
    row.updated_at = Set(now);
    if approve {
        let entry = entry_of(&inv).unwrap_or_default();
        let model = entry.model.clone().unwrap_or_default();
        let order = l.teams.iter().map(|t| t.running_order).max().unwrap_or(0) + 1;
        let team = store::insert_team(
            &txn,
            cid,
            order,
            &TeamRow {
                name: entry.team.name.clone(),
                unit: unit.clone(),
                unit_id: Some(inv.unit_id),
                model_name: Some(model.name).filter(|n| !n.is_empty()),
                model_field: model.field,
                model_kind: model.kind,
                model_summary: Some(model.summary).filter(|s| !s.is_empty()),
                // The organiser puts a team in a block on the set-up page.
                block: None,
                origin: None,
                members: entry.team.members.clone(),
                model_id: crate::models::council::registered(&txn, model.model_id).await?,
            },
        )
        .await?;
        row.status = Set(InvitationStatus::Approved);
        row.team_id = Set(Some(team.id));
        row.reason = Set(None);
    } else {
        row.status = Set(InvitationStatus::Returned);
        row.reason = Set(reason.clone());
    }
    let saved = row.update(&txn).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: if approve { "registration.approve" } else { "registration.return" },
            object_type: "invitation",
            object_id: Some(id),
            old: None,
            new: Some(serde_json::json!({"unit": unit, "reason": reason, "team_id": saved.team_id})),
        },
    )
    .await?;
    let out = view(&saved, &unit, base);
    // A new team changes what the standings list.
    journal::commit_change(txn, hub, cid).await?;
    Ok(out)
}

/// The member list to fill in (danh sách trích ngang), as .xlsx: the
/// headings, an example line, and lists to pick roles and genders from.
pub fn member_template_xlsx() -> Vec<u8> {
    use kheo_domain::registration::MEMBER_COLUMNS;
    use rust_xlsxwriter::{DataValidation, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.set_name("Thành viên");
    let heading = Format::new().set_bold().set_background_color("FFD54F");
    for (col, name) in MEMBER_COLUMNS.iter().enumerate() {
        let _ = sheet.write_string_with_format(0, col as u16, *name, &heading);
        let _ = sheet.set_column_width(col as u16, if col == 0 || col == 5 { 28 } else { 13 });
    }
    let example = ["Ma Thị Hoa", "Đội trưởng", "1988", "Nữ", "Tày", "Bí thư chi bộ"];
    for (col, value) in example.iter().enumerate() {
        let _ = sheet.write_string(1, col as u16, *value);
    }
    if let Ok(list) = DataValidation::new().allow_list_strings(&["Đội trưởng", "Chính thức", "Dự bị", "Hỗ trợ"])
    {
        let _ = sheet.add_data_validation(1, 1, 200, 1, &list);
    }
    if let Ok(list) = DataValidation::new().allow_list_strings(&["Nữ", "Nam"]) {
        let _ = sheet.add_data_validation(1, 3, 200, 3, &list);
    }
    let _ = sheet.set_freeze_panes(1, 0);
    book.save_to_buffer().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_member_template_reads_back_as_its_example() {
        let rows = crate::contests::setup::read_rows("thanh-vien.xlsx", &member_template_xlsx()).unwrap();
        let members = registration::members_from_rows(&rows, 2026).unwrap();
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].name, "Ma Thị Hoa");
        assert_eq!(members[0].role, kheo_domain::contest::MemberRole::Captain);
        assert_eq!(members[0].birth_year, Some(1988));
    }
}
