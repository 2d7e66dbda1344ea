//! A call for models (đợt đăng ký mô hình): an organiser asks chosen units,
//! his own or under it, to register their models before a deadline. Each
//! unit gets a link whose token is its only key; on a phone, with no
//! account, it sends its models and their photos. A model sent so is an
//! ordinary registered model of that unit, decided on by the organisers
//! above it like any other.

use super::{line, photos, unit_map};
use crate::accounts::Actor;
use crate::db::{self, now_ms, rfc3339};
use crate::entity::{model, model_call, model_call_unit};
use crate::error::{Error, Result};
use crate::registration::parse_time;
use crate::units;
use kheo_domain::api::{
    ModelBody, ModelCallLink, ModelCallPage, ModelCallRequest, ModelCallView, ModelLine, ModelPhoto,
};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::models;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use sea_orm::{QuerySelect, Set};
use std::collections::HashMap;

/// Models one link may send: a unit's year is a few; the bound keeps a
/// leaked link from filling the register.
const MAX_PER_LINK: usize = 50;

/// The path of a unit's link.
pub fn link_path(token: &str) -> String {
    format!("/mo-hinh/dang-ky/{token}")
}

fn usual_title(year: i32) -> String {
    format!("Đăng ký mô hình “Dân vận khéo” năm {year}")
}

/// Starts a call: its deadline, and a link for each unit named.
pub async fn create(svc: &crate::Services, actor: &Actor, req: &ModelCallRequest, base: &str) -> Result<ModelCallView> {
    let year_now = super::this_year();
    if !(models::FIRST_YEAR..=year_now + 1).contains(&req.year) {
        let fault = FieldFault::YearBetween { from: i64::from(models::FIRST_YEAR), to: i64::from(year_now + 1) };
        return Err(Error::field("year", fault));
    }
    let deadline = parse_time("deadline", &req.deadline)?;
    if deadline <= now_ms() {
        return Err(Error::field("deadline", FieldFault::InThePast));
    }
    let title = req.title.trim();
    if title.chars().count() > 300 {
        return Err(Error::field("title", FieldFault::TooLong { max: 300 }));
    }
    if req.unit_ids.is_empty() {
        return Err(Error::field("unit_ids", FieldFault::Empty));
    }
    let txn = db::write(&svc.db).await?;
    let all = units::all(&txn).await?;
    let nodes = units::nodes(&all);
    let caller = i32::try_from(req.unit_id).ok().and_then(|id| all.iter().find(|u| u.id == id));
    let caller =
        caller.ok_or_else(|| Error::field("unit_id", FieldFault::UnknownUnit { name: req.unit_id.to_string() }))?;
    if !super::may_act(actor, &nodes, req.unit_id) {
        return Err(Problem::Forbidden.into());
    }
    let under = units::ids_under(&all, req.unit_id);
    let mut called: Vec<i32> = Vec::with_capacity(req.unit_ids.len());
    for (i, u) in req.unit_ids.iter().enumerate() {
        let field = format!("unit_ids[{i}]");
        let unit = i32::try_from(*u).ok().and_then(|id| all.iter().find(|x| x.id == id));
        let unit = unit.ok_or_else(|| Error::field(&field, FieldFault::UnknownUnit { name: u.to_string() }))?;
        if !under.contains(&unit.id) {
            return Err(Error::field(field, FieldFault::OutsideYourUnits { name: unit.name.clone() }));
        }
        if !called.contains(&unit.id) {
            called.push(unit.id);
        }
    }
    let now = now_ms();
    let call = model_call::ActiveModel {
        org_unit_id: Set(caller.id),
        year: Set(req.year),
        title: Set(if title.is_empty() { usual_title(req.year) } else { title.to_string() }),
        deadline: Set(deadline),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for unit_id in called {
        let (token, _) = crate::accounts::auth::new_token();
        model_call_unit::ActiveModel {
            call_id: Set(call.id),
            org_unit_id: Set(unit_id),
            token: Set(token),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let out = views(&txn, vec![call], base).await?.pop().ok_or_else(|| Error::internal("a new call went missing"))?;
    txn.commit().await?;
    Ok(out)
}

/// The calls of the units an organiser reaches, newest first.
pub async fn list(svc: &crate::Services, actor: &Actor, base: &str) -> Result<Vec<ModelCallView>> {
    let db = &svc.db;
    let nodes = units::nodes(&units::all(db).await?);
    let calls: Vec<model_call::Model> = model_call::Entity::find()
        .order_by_desc(model_call::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|c| super::may_act(actor, &nodes, i64::from(c.org_unit_id)))
        .collect();
    views(db, calls, base).await
}

/// One call, for an organiser who reaches its unit (its QR cards).
pub async fn one(svc: &crate::Services, actor: &Actor, id: i32, base: &str) -> Result<ModelCallView> {
    let db = &svc.db;
    let call = model_call::Entity::find_by_id(id).one(db).await?.ok_or_else(|| Error::not_found("link"))?;
    if !super::may_act(actor, &units::nodes(&units::all(db).await?), i64::from(call.org_unit_id)) {
        return Err(Problem::Forbidden.into());
    }
    views(db, vec![call], base).await?.pop().ok_or_else(|| Error::not_found("link"))
}

async fn views(db: &impl ConnectionTrait, calls: Vec<model_call::Model>, base: &str) -> Result<Vec<ModelCallView>> {
    let units = unit_map(db).await?;
    let name = |id: i32| units.get(&id).map(|u| u.name.clone()).unwrap_or_default();
    let ids: Vec<i32> = calls.iter().map(|c| c.id).collect();
    let links = model_call_unit::Entity::find().filter(model_call_unit::Column::CallId.is_in(ids)).all(db).await?;
    let link_ids: Vec<i32> = links.iter().map(|l| l.id).collect();
    let sent: HashMap<i32, i64> = model::Entity::find()
        .select_only()
        .column(model::Column::CallUnitId)
        .column_as(model::Column::Id.count(), "n")
        .filter(model::Column::CallUnitId.is_in(link_ids))
        .group_by(model::Column::CallUnitId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let now = now_ms();
    Ok(calls
        .into_iter()
        .map(|c| {
            let mut own: Vec<ModelCallLink> = links
                .iter()
                .filter(|l| l.call_id == c.id)
                .map(|l| ModelCallLink {
                    unit_id: i64::from(l.org_unit_id),
                    unit: name(l.org_unit_id),
                    token: l.token.clone(),
                    url: format!("{base}{}", link_path(&l.token)),
                    models: sent.get(&l.id).copied().unwrap_or(0) as usize,
                })
                .collect();
            own.sort_by_cached_key(|l| kheo_domain::collate::sort_key(&l.unit));
            ModelCallView {
                id: i64::from(c.id),
                unit_id: i64::from(c.org_unit_id),
                unit: name(c.org_unit_id),
                year: c.year,
                title: c.title,
                deadline: rfc3339(c.deadline),
                open: c.deadline > now,
                links: own,
            }
        })
        .collect())
}

async fn link_of(db: &impl ConnectionTrait, token: &str) -> Result<(model_call_unit::Model, model_call::Model)> {
    let link = model_call_unit::Entity::find()
        .filter(model_call_unit::Column::Token.eq(token))
        .one(db)
        .await?
        .ok_or_else(|| Error::not_found("link"))?;
    let call = model_call::Entity::find_by_id(link.call_id).one(db).await?.ok_or_else(|| Error::not_found("link"))?;
    Ok((link, call))
}

/// What the unit sees at its link.
pub async fn page(svc: &crate::Services, token: &str) -> Result<ModelCallPage> {
    let db = &svc.db;
    let (link, call) = link_of(db, token).await?;
    let units = unit_map(db).await?;
    let name = |id: i32| units.get(&id).map(|u| u.name.clone()).unwrap_or_default();
    let rows = model::Entity::find()
        .filter(model::Column::CallUnitId.eq(link.id))
        .order_by_asc(model::Column::Id)
        .all(db)
        .await?;
    let counts: HashMap<i32, i64> =
        photos::counts(db, rows.iter().map(|m| m.id).collect()).await?.into_iter().collect();
    Ok(ModelCallPage {
        title: call.title,
        calling_unit: name(call.org_unit_id),
        unit: name(link.org_unit_id),
        year: call.year,
        deadline: rfc3339(call.deadline),
        open: call.deadline > now_ms(),
        sent: rows.iter().map(|m| (line(m, &units), counts.get(&m.id).copied().unwrap_or(0) as usize)).collect(),
    })
}

/// A model sent through a link, with its photos: for the link's unit and
/// the call's year, before the deadline. Nothing is stored unless the
/// model and every photo are good.
pub async fn submit(svc: &crate::Services, token: &str, body: &ModelBody, pictures: Vec<Vec<u8>>) -> Result<ModelLine> {
    let (link, call) = link_of(&svc.db, token).await?;
    if call.deadline <= now_ms() {
        return Err(Problem::CallClosed.into());
    }
    let body = ModelBody { unit_id: i64::from(link.org_unit_id), year: call.year, ..body.clone() };
    let v = models::validate(&body, super::this_year())?;
    let resized = photos::resize_all(pictures).await?;
    let txn = db::write(&svc.db).await?;
    let sent = model::Entity::find().filter(model::Column::CallUnitId.eq(link.id)).count(&txn).await?;
    if sent >= MAX_PER_LINK as u64 {
        return Err(Error::field("models", FieldFault::TooMany { max: MAX_PER_LINK }));
    }
    let units = unit_map(&txn).await?;
    let unit_name = units.get(&link.org_unit_id).map(|u| u.name.clone()).unwrap_or_default();
    let saved = super::insert(&txn, &v, &unit_name, None, Some(link.id)).await?;
    photos::store(&txn, saved.id, &resized).await?;
    txn.commit().await?;
    Ok(line(&saved, &units))
}

/// A photo added to a model sent through this link, before the deadline.
pub async fn add_photo(svc: &crate::Services, token: &str, model_id: i32, bytes: Vec<u8>) -> Result<ModelPhoto> {
    let (link, call) = link_of(&svc.db, token).await?;
    let m = model::Entity::find_by_id(model_id).one(&svc.db).await?;
    if m.is_none_or(|m| m.call_unit_id != Some(link.id)) {
        return Err(Error::not_found("model"));
    }
    if call.deadline <= now_ms() {
        return Err(Problem::CallClosed.into());
    }
    photos::add_checked(svc, model_id, bytes).await
}
