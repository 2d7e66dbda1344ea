//! A council that recognises models (hội đồng xét công nhận): a contest
//! with `purpose: recognition` whose teams are registered models. Its
//! definition names models by id; once every round is published, each
//! model whose total reaches the threshold is recognised by the contest's
//! unit, the contest named as the decision; a publication withdrawn takes
//! those recognitions back.

use super::{may_act, step};
use crate::accounts::Actor;
use crate::db::now_ms;
use crate::entity::{contest, model, model_event, team};
use crate::error::{Error, Result};
use crate::units;
use kheo_domain::api::ContestDefinition;
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::models::{self, ModelStatus};
use kheo_domain::points::Points;
use kheo_domain::results;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// The definition with each team that names a model filled from the
/// register: its name (unless the line gives one), unit, field and kind.
/// The organiser must reach the model's unit, as for any decision on it.
pub async fn fill_teams(
    db: &impl ConnectionTrait,
    actor: &Actor,
    def: &ContestDefinition,
) -> Result<ContestDefinition> {
    if def.teams.iter().all(|t| t.model_id.is_none()) {
        return Ok(def.clone());
    }
    let ids: Vec<i32> = def.teams.iter().filter_map(|t| t.model_id).filter_map(|m| i32::try_from(m).ok()).collect();
    let found = model::Entity::find().filter(model::Column::Id.is_in(ids)).all(db).await?;
    let all = units::all(db).await?;
    let nodes = units::nodes(&all);
    let mut out = def.clone();
    for (i, t) in out.teams.iter_mut().enumerate() {
        let Some(id) = t.model_id else { continue };
        let at = format!("teams[{i}].model_id");
        let m = found
            .iter()
            .find(|m| i64::from(m.id) == id)
            .filter(|m| m.status != ModelStatus::Withdrawn.as_str())
            .ok_or_else(|| Error::field(&at, FieldFault::NoSuchModel))?;
        if !may_act(actor, &nodes, i64::from(m.org_unit_id)) {
            return Err(Problem::Forbidden.into());
        }
        let unit = all.iter().find(|u| u.id == m.org_unit_id).map(|u| u.name.clone()).unwrap_or_default();
        if t.name.trim().is_empty() {
            t.name = m.name.clone();
        }
        if t.unit.trim().is_empty() {
            t.unit = unit;
        }
        t.unit_id = t.unit_id.or(Some(i64::from(m.org_unit_id)));
        t.model_name = Some(m.name.clone());
        t.model_field = Some(m.field.clone());
        t.model_kind = Some(m.kind.clone());
    }
    Ok(out)
}

/// A model id a unit's entry names, if that model exists and is not
/// withdrawn (an entry is a unit's word, not a check).
pub async fn registered(db: &impl ConnectionTrait, id: Option<i64>) -> Result<Option<i32>> {
    let Some(id) = id.and_then(|i| i32::try_from(i).ok()) else { return Ok(None) };
    Ok(model::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|m| m.status != ModelStatus::Withdrawn.as_str())
        .map(|m| m.id))
}

/// Once a council's every round is published: recognises each of its
/// models whose total reaches the threshold and that is still being
/// built (registered or implementing). The number recognised.
pub async fn recognise(txn: &impl ConnectionTrait, actor: &Actor, c: &contest::Model) -> Result<usize> {
    let (Some(threshold), Some(unit)) = (c.recognition_threshold, c.org_unit_id) else { return Ok(0) };
    let threshold = Points::from_hundredths(threshold);
    let l = crate::records::load(txn, c.id).await?;
    let (full, _) = crate::records::full(txn, &l).await?;
    if !results::is_final(&full) {
        return Ok(0);
    }
    let teams = team::Entity::find().filter(team::Column::ContestId.eq(c.id)).all(txn).await?;
    let mut recognised = 0;
    for row in &full.standings {
        let Some(model_id) = teams.iter().find(|t| i64::from(t.id) == row.team.id).and_then(|t| t.model_id) else {
            continue;
        };
        let total = Points::parse(&row.total).map_err(|_| Error::internal("a total that is not a number"))?;
        if !models::reaches(total, threshold) {
            continue;
        }
        let Some(m) = model::Entity::find_by_id(model_id).one(txn).await? else { continue };
        if !ModelStatus::parse(&m.status).is_some_and(ModelStatus::recognisable) {
            continue;
        }
        step(txn, m, ModelStatus::Recognised, unit, Some(actor), &c.unit, Some(c.name.clone()), Some(c.id)).await?;
        recognised += 1;
    }
    Ok(recognised)
}

/// A council's publication withdrawn (a round published → locked): each
/// model it recognised, and that nobody has moved on since, goes back to
/// the step it was at, the withdrawal written in its history. Publishing
/// again recognises it again. The number taken back.
pub async fn withdraw(txn: &impl ConnectionTrait, actor: &Actor, c: &contest::Model) -> Result<usize> {
    if c.recognition_threshold.is_none() {
        return Ok(0);
    }
    let teams = team::Entity::find().filter(team::Column::ContestId.eq(c.id)).all(txn).await?;
    let ids: Vec<i32> = teams.iter().filter_map(|t| t.model_id).collect();
    let events = model_event::Entity::find()
        .filter(model_event::Column::ModelId.is_in(ids.clone()))
        .order_by_asc(model_event::Column::Id)
        .all(txn)
        .await?;
    let mut taken_back = 0;
    for m in model::Entity::find().filter(model::Column::Id.is_in(ids)).all(txn).await? {
        let history: Vec<&model_event::Model> = events.iter().filter(|e| e.model_id == m.id).collect();
        let [.., before, last] = history.as_slice() else { continue };
        let by_this_council = last.contest_id == Some(c.id) && last.status == ModelStatus::Recognised.as_str();
        if !by_this_council || m.status != ModelStatus::Recognised.as_str() {
            continue;
        }
        let back = before.status.clone();
        let now = now_ms();
        let mut row: model::ActiveModel = m.clone().into();
        row.status = Set(back.clone());
        row.recognised_by = Set(None);
        row.updated_at = Set(now);
        row.update(txn).await?;
        model_event::ActiveModel {
            model_id: Set(m.id),
            status: Set(back),
            at: Set(now),
            by_user: Set(Some(actor.user_id)),
            by_name: Set(actor.display_name.clone()),
            decision: Set(Some(format!("Rút công bố kết quả: {}", c.name))),
            org_unit_id: Set(c.org_unit_id),
            contest_id: Set(Some(c.id)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        taken_back += 1;
    }
    Ok(taken_back)
}
