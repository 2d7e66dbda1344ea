//! The register of "Dân vận khéo" models: registering a model for a unit,
//! its status chain decided by the organisers of its unit or a unit above,
//! the public register's search, and the province's count. Councils that
//! recognise models by judging them are in `council`.

pub mod calls;
pub mod council;
pub mod import;
pub mod photos;
pub mod report;

use crate::accounts::Actor;
use crate::db::{self, now_ms};
use crate::entity::{contest, model, model_event, org_unit, team};
use crate::error::{Error, Result};
use crate::units;
use kheo_domain::api::{ModelBody, ModelDetails, ModelLine, ModelList, ModelPage, ModelStatusChange, ModelStep};
use kheo_domain::api::{RecognisedBy, UnitView};
use kheo_domain::collate;
use kheo_domain::contest::{ModelField, ModelKind};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::models::{self, ModelFacts, ModelStatistics, ModelStatus};
use kheo_domain::units::UnitNode;
use kheo_domain::user::Role;
use sea_orm::sea_query::LikeExpr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

/// What `GET /models` and the register page filter by; every part optional.
#[derive(Clone, Debug, Default)]
pub struct ModelFilter {
    /// Year.
    pub year: Option<i32>,
    /// A unit, with the units under it.
    pub unit_id: Option<i64>,
    /// Field (wire name).
    pub field: Option<String>,
    /// Collective or individual (wire name).
    pub kind: Option<String>,
    /// Status (wire name); without it every status but withdrawn.
    pub status: Option<String>,
    /// Only recognised models and those gone further (the public register).
    pub recognised_only: bool,
    /// Words to find in name, owner, unit or summary, accents ignored.
    pub q: Option<String>,
}

/// The units under which `actor` may register and decide models: his own
/// unit and those under it; every unit for an admin; none for a judge or a
/// tablet's session.
pub(crate) fn reach(actor: &Actor, nodes: &[UnitNode]) -> Option<std::collections::BTreeSet<i64>> {
    if actor.contest_scope.is_some() {
        return Some(Default::default());
    }
    match (actor.role, actor.unit_id) {
        (Role::Admin, _) => None,
        (Role::Organiser, Some(u)) => Some(kheo_domain::units::with_descendants(nodes, i64::from(u))),
        _ => Some(Default::default()),
    }
}

pub(crate) fn may_act(actor: &Actor, nodes: &[UnitNode], unit_id: i64) -> bool {
    reach(actor, nodes).is_none_or(|r| r.contains(&unit_id))
}

/// The units an organiser may register models for, in tree order (the
/// form's choice).
pub async fn units_for(svc: &crate::Services, actor: &Actor) -> Result<Vec<UnitView>> {
    let nodes = units::nodes(&units::all(&svc.db).await?);
    let reach = reach(actor, &nodes);
    Ok(kheo_domain::units::tree_order(&nodes)
        .into_iter()
        .filter(|(_, n)| reach.as_ref().is_none_or(|r| r.contains(&n.id)))
        .map(|(_, n)| UnitView { id: n.id, name: n.name.clone(), kind: n.kind, parent_id: n.parent_id })
        .collect())
}

pub(crate) fn status_of(m: &model::Model) -> ModelStatus {
    ModelStatus::parse(&m.status).unwrap_or(ModelStatus::Registered)
}

/// What a list shows of a model: its row without the form's items and the
/// search text, which a register of thousands need not read.
#[derive(Clone, Debug, sea_orm::FromQueryResult)]
pub(crate) struct LineRow {
    id: i32,
    org_unit_id: i32,
    year: i32,
    name: String,
    field: String,
    kind: String,
    owner: String,
    summary: String,
    status: String,
    recognised_by: Option<i32>,
}

impl From<&model::Model> for LineRow {
    fn from(m: &model::Model) -> LineRow {
        LineRow {
            id: m.id,
            org_unit_id: m.org_unit_id,
            year: m.year,
            name: m.name.clone(),
            field: m.field.clone(),
            kind: m.kind.clone(),
            owner: m.owner.clone(),
            summary: m.summary.clone(),
            status: m.status.clone(),
            recognised_by: m.recognised_by,
        }
    }
}

pub(crate) fn line(m: &model::Model, units: &HashMap<i32, org_unit::Model>) -> ModelLine {
    line_of(LineRow::from(m), units)
}

fn line_of(m: LineRow, units: &HashMap<i32, org_unit::Model>) -> ModelLine {
    let unit_name = |id: i32| units.get(&id).map(|u| u.name.clone()).unwrap_or_default();
    ModelLine {
        id: i64::from(m.id),
        unit_id: i64::from(m.org_unit_id),
        unit: unit_name(m.org_unit_id),
        year: m.year,
        field: ModelField::parse(&m.field).unwrap_or(ModelField::Economy),
        kind: ModelKind::parse(&m.kind).unwrap_or(ModelKind::Collective),
        status: ModelStatus::parse(&m.status).unwrap_or(ModelStatus::Registered),
        name: m.name,
        owner: m.owner,
        summary: m.summary,
        recognised_by: m.recognised_by.and_then(|id| units.get(&id)).map(|u| RecognisedBy {
            unit_id: i64::from(u.id),
            unit: u.name.clone(),
            kind: u.kind,
        }),
    }
}

pub(crate) async fn unit_map(db: &impl ConnectionTrait) -> Result<HashMap<i32, org_unit::Model>> {
    Ok(units::all(db).await?.into_iter().map(|u| (u.id, u)).collect())
}

pub fn this_year() -> i32 {
    chrono::Utc::now().format("%Y").to_string().parse().unwrap_or(2026)
}

/// `POST /models`: a model registered for a unit the actor reaches.
pub async fn create(svc: &crate::Services, actor: &Actor, body: &ModelBody) -> Result<ModelLine> {
    create_with_photos(svc, actor, body, Vec::new()).await
}

/// A model registered with its photos (the register's page): both are
/// stored together, or nothing when either is refused.
pub async fn create_with_photos(
    svc: &crate::Services,
    actor: &Actor,
    body: &ModelBody,
    pictures: Vec<Vec<u8>>,
) -> Result<ModelLine> {
    let v = models::validate(body, this_year())?;
    let resized = photos::resize_all(pictures).await?;
    let txn = db::write(&svc.db).await?;
    let all = units::all(&txn).await?;
    let unit = all
        .iter()
        .find(|u| i64::from(u.id) == v.unit_id)
        .ok_or_else(|| Error::field("unit_id", FieldFault::UnknownUnit { name: v.unit_id.to_string() }))?;
    if !may_act(actor, &units::nodes(&all), v.unit_id) {
        return Err(Problem::Forbidden.into());
    }
    let saved = insert(&txn, &v, &unit.name, Some(actor), None).await?;
    photos::store(&txn, saved.id, &resized).await?;
    txn.commit().await?;
    let units: HashMap<i32, org_unit::Model> = all.into_iter().map(|u| (u.id, u)).collect();
    Ok(line(&saved, &units))
}

/// Stores a checked registration and its first step; `call_unit` is the
/// link of a call it was sent through.
pub(crate) async fn insert(
    txn: &impl ConnectionTrait,
    v: &models::ValidModel,
    unit_name: &str,
    by: Option<&Actor>,
    call_unit: Option<i32>,
) -> Result<model::Model> {
    let now = now_ms();
    let saved = model::ActiveModel {
        org_unit_id: Set(v.unit_id as i32),
        year: Set(v.year),
        name: Set(v.name.clone()),
        field: Set(v.field.as_str().into()),
        kind: Set(v.kind.as_str().into()),
        owner: Set(v.owner.clone()),
        summary: Set(v.summary.clone()),
        details: Set(serde_json::to_string(&v.details).expect("text serialises")),
        status: Set(ModelStatus::Registered.as_str().into()),
        recognised_by: Set(None),
        search_text: Set(models::search_text(&v.name, &v.owner, unit_name, &v.summary)),
        created_by: Set(by.map(|a| a.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        call_unit_id: Set(call_unit),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    model_event::ActiveModel {
        model_id: Set(saved.id),
        status: Set(ModelStatus::Registered.as_str().into()),
        at: Set(now),
        by_user: Set(by.map(|a| a.user_id)),
        by_name: Set(by.map_or_else(|| unit_name.to_string(), |a| a.display_name.clone())),
        decision: Set(None),
        org_unit_id: Set(Some(v.unit_id as i32)),
        contest_id: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(saved)
}

fn parsed<T>(field: &str, value: &Option<String>, parse: fn(&str) -> Option<T>, all: &[&str]) -> Result<Option<T>> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse(v).map(Some).ok_or_else(|| Error::field(field, FieldFault::one_of(all))),
    }
}

/// `GET /models`: newest year first, then by name in Vietnamese order.
pub async fn list(svc: &crate::Services, f: &ModelFilter) -> Result<ModelList> {
    let db = &svc.db;
    let wire = |all: &[&'static str]| all.to_vec();
    let fields: Vec<&str> = ModelField::ALL.iter().map(|x| x.as_str()).collect();
    let kinds: Vec<&str> = ModelKind::ALL.iter().map(|x| x.as_str()).collect();
    let statuses: Vec<&str> = ModelStatus::ALL.iter().map(|x| x.as_str()).collect();
    let field = parsed("field", &f.field, ModelField::parse, &wire(&fields))?;
    let kind = parsed("kind", &f.kind, ModelKind::parse, &wire(&kinds))?;
    let status = parsed("status", &f.status, ModelStatus::parse, &wire(&statuses))?;
    let units = unit_map(db).await?;
    let mut q = model::Entity::find();
    if let Some(y) = f.year {
        q = q.filter(model::Column::Year.eq(y));
    }
    if let Some(u) = f.unit_id {
        let stored: Vec<org_unit::Model> = units.values().cloned().collect();
        q = q.filter(model::Column::OrgUnitId.is_in(units::ids_under(&stored, u)));
    }
    if let Some(x) = field {
        q = q.filter(model::Column::Field.eq(x.as_str()));
    }
    if let Some(x) = kind {
        q = q.filter(model::Column::Kind.eq(x.as_str()));
    }
    q = match status {
        Some(s) => q.filter(model::Column::Status.eq(s.as_str())),
        None if f.recognised_only => q.filter(model::Column::Status.is_in([
            ModelStatus::Recognised.as_str(),
            ModelStatus::Exemplary.as_str(),
            ModelStatus::ProposedAward.as_str(),
        ])),
        None => q.filter(model::Column::Status.ne(ModelStatus::Withdrawn.as_str())),
    };
    // The folded text is stored beside each model, so the search is a
    // LIKE on both engines; `%`, `_` and `\` typed by a person are escaped.
    let words = f.q.as_deref().map(collate::fold).unwrap_or_default();
    for w in words.split_whitespace() {
        let escaped = w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        q = q.filter(model::Column::SearchText.like(LikeExpr::new(format!("%{escaped}%")).escape('\\')));
    }
    let rows: Vec<LineRow> = q
        .select_only()
        .columns([
            model::Column::Id,
            model::Column::OrgUnitId,
            model::Column::Year,
            model::Column::Name,
            model::Column::Field,
            model::Column::Kind,
            model::Column::Owner,
            model::Column::Summary,
            model::Column::Status,
            model::Column::RecognisedBy,
        ])
        .into_model()
        .all(db)
        .await?;
    let mut models: Vec<(collate::SortKey, ModelLine)> =
        rows.into_iter().map(|m| (collate::sort_key(&m.name), line_of(m, &units))).collect();
    models.sort_by(|a, b| b.1.year.cmp(&a.1.year).then_with(|| a.0.cmp(&b.0)).then(a.1.id.cmp(&b.1.id)));
    Ok(ModelList { models: models.into_iter().map(|(_, l)| l).collect() })
}

/// `GET /models/{id}`: the model, its form and its history.
pub async fn get(svc: &crate::Services, id: i32) -> Result<ModelPage> {
    let db = &svc.db;
    let m = model::Entity::find_by_id(id).one(db).await?.ok_or_else(|| Error::not_found("model"))?;
    page(db, &m).await
}

async fn page(db: &impl ConnectionTrait, m: &model::Model) -> Result<ModelPage> {
    let units = unit_map(db).await?;
    let history = model_event::Entity::find()
        .filter(model_event::Column::ModelId.eq(m.id))
        .order_by_asc(model_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| ModelStep {
            status: ModelStatus::parse(&e.status).unwrap_or(ModelStatus::Registered),
            at: e.at,
            by: e.by_name,
            decision: e.decision,
        })
        .collect();
    let teams = team::Entity::find().filter(team::Column::ModelId.eq(m.id)).all(db).await?;
    let contest_ids: Vec<i32> = teams.iter().map(|t| t.contest_id).collect();
    let mut presented_in: Vec<(i64, String)> = contest::Entity::find()
        .filter(contest::Column::Id.is_in(contest_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (i64::from(c.id), c.name))
        .collect();
    presented_in.sort();
    Ok(ModelPage {
        model: line(m, &units),
        details: serde_json::from_str::<ModelDetails>(&m.details).unwrap_or_default(),
        history,
        presented_in,
        photos: photos::of_model(db, m.id).await?,
    })
}

/// `POST /models/{id}/status`: one step along the chain, or withdrawn, by
/// an organiser of the model's unit or a unit above it; recognition
/// records the acting organiser's unit.
pub async fn set_status(
    svc: &crate::Services,
    actor: &Actor,
    id: i32,
    change: &ModelStatusChange,
) -> Result<ModelPage> {
    let statuses: Vec<&str> = ModelStatus::ALL[1..].iter().map(|x| x.as_str()).collect();
    let to = ModelStatus::parse(change.status.trim())
        .filter(|s| *s != ModelStatus::Registered)
        .ok_or_else(|| Error::field("status", FieldFault::one_of(&statuses)))?;
    let decision = change.decision.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(str::to_string);
    if decision.as_ref().is_some_and(|d| d.chars().count() > 300) {
        return Err(Error::field("decision", FieldFault::TooLong { max: 300 }));
    }
    let txn = db::write(&svc.db).await?;
    let m = model::Entity::find_by_id(id).one(&txn).await?.ok_or_else(|| Error::not_found("model"))?;
    let nodes = units::nodes(&units::all(&txn).await?);
    if !may_act(actor, &nodes, i64::from(m.org_unit_id)) {
        return Err(Problem::Forbidden.into());
    }
    let from = status_of(&m);
    if !from.may_become(to) {
        return Err(Problem::ModelTransition { from: from.as_str().into(), to: to.as_str().into() }.into());
    }
    // An admin without a unit recognises on behalf of the model's own unit.
    let acting_unit = actor.unit_id.unwrap_or(m.org_unit_id);
    let saved = step(&txn, m, to, acting_unit, Some(actor), &actor.display_name, decision, None).await?;
    let out = page(&txn, &saved).await?;
    txn.commit().await?;
    Ok(out)
}

/// Moves a model to `to` and writes the step into its history.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn step(
    txn: &impl ConnectionTrait,
    m: model::Model,
    to: ModelStatus,
    acting_unit: i32,
    actor: Option<&Actor>,
    by_name: &str,
    decision: Option<String>,
    contest_id: Option<i32>,
) -> Result<model::Model> {
    let now = now_ms();
    let model_id = m.id;
    let mut row: model::ActiveModel = m.into();
    row.status = Set(to.as_str().into());
    if to == ModelStatus::Recognised {
        row.recognised_by = Set(Some(acting_unit));
    }
    row.updated_at = Set(now);
    let saved = row.update(txn).await?;
    model_event::ActiveModel {
        model_id: Set(model_id),
        status: Set(to.as_str().into()),
        at: Set(now),
        by_user: Set(actor.map(|a| a.user_id)),
        by_name: Set(by_name.to_string()),
        decision: Set(decision),
        org_unit_id: Set(Some(acting_unit)),
        contest_id: Set(contest_id),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(saved)
}

/// `GET /statistics/models`: a year's models of a unit and the units under
/// it (every unit when none is named). The database groups them by what is
/// counted, so a province's year is read as a few dozen lines.
pub async fn statistics(svc: &crate::Services, year: i32, unit_id: Option<i64>) -> Result<ModelStatistics> {
    let db = &svc.db;
    let units = unit_map(db).await?;
    let mut q = model::Entity::find()
        .select_only()
        .columns([model::Column::Field, model::Column::Kind, model::Column::Status, model::Column::RecognisedBy])
        .column_as(model::Column::Id.count(), "n")
        .filter(model::Column::Year.eq(year))
        .filter(model::Column::Status.ne(ModelStatus::Withdrawn.as_str()));
    if let Some(u) = unit_id {
        let stored: Vec<org_unit::Model> = units.values().cloned().collect();
        q = q.filter(model::Column::OrgUnitId.is_in(units::ids_under(&stored, u)));
    }
    let rows: Vec<(String, String, String, Option<i32>, i64)> = q
        .group_by(model::Column::Field)
        .group_by(model::Column::Kind)
        .group_by(model::Column::Status)
        .group_by(model::Column::RecognisedBy)
        .into_tuple()
        .all(db)
        .await?;
    let groups: Vec<(ModelFacts, u32)> = rows
        .iter()
        .map(|(field, kind, status, by, n)| {
            let facts = ModelFacts {
                field: ModelField::parse(field).unwrap_or(ModelField::Economy),
                kind: ModelKind::parse(kind).unwrap_or(ModelKind::Collective),
                status: ModelStatus::parse(status).unwrap_or(ModelStatus::Registered),
                recognised_at: by.and_then(|u| units.get(&u)).map(|u| u.kind),
            };
            (facts, u32::try_from(*n).unwrap_or(u32::MAX))
        })
        .collect();
    Ok(models::count_groups(year, &groups))
}
