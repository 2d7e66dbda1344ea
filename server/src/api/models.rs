//! The register of models: anyone reads it, organisers of a model's unit
//! (or a unit above) register and decide.

use super::extract::id;
use super::{ApiError, Authed, JsonBody};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kheo_domain::api::{ModelBody, ModelLine, ModelList, ModelPage, ModelStatusChange};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::models::ModelStatistics;
use kheo_service::models::{self, ModelFilter};
use serde::Deserialize;

/// Query parameters arrive as text, so that a bad one is named in a 422
/// rather than refused by the extractor with a bare 400.
#[derive(Deserialize)]
pub struct ModelQuery {
    year: Option<String>,
    unit_id: Option<String>,
    field: Option<String>,
    kind: Option<String>,
    status: Option<String>,
    q: Option<String>,
}

fn number<T: std::str::FromStr>(value: &Option<String>, field: &str, fault: FieldFault) -> Result<Option<T>, ApiError> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse::<T>().map(Some).map_err(|_| ApiError(Problem::InvalidField { field: field.into(), fault })),
    }
}

fn year(value: &Option<String>) -> Result<Option<i32>, ApiError> {
    let y = number::<i32>(value, "year", FieldFault::YearBetween { from: 1900, to: 2200 })?;
    match y {
        Some(y) if !(1900..=2200).contains(&y) => Err(ApiError(Problem::InvalidField {
            field: "year".into(),
            fault: FieldFault::YearBetween { from: 1900, to: 2200 },
        })),
        y => Ok(y),
    }
}

fn unit(value: &Option<String>) -> Result<Option<i64>, ApiError> {
    let name = value.clone().unwrap_or_default();
    number::<i64>(value, "unit_id", FieldFault::UnknownUnit { name })
}

pub async fn create(
    State(s): State<AppState>,
    Authed(actor): Authed,
    JsonBody(body): JsonBody<ModelBody>,
) -> Result<(StatusCode, Json<ModelLine>), ApiError> {
    Ok((StatusCode::CREATED, Json(models::create(&s.svc, &actor, &body).await?)))
}

pub async fn list(State(s): State<AppState>, Query(q): Query<ModelQuery>) -> Result<Json<ModelList>, ApiError> {
    let filter = ModelFilter {
        year: year(&q.year)?,
        unit_id: unit(&q.unit_id)?,
        field: q.field,
        kind: q.kind,
        status: q.status,
        recognised_only: false,
        q: q.q,
    };
    Ok(Json(models::list(&s.svc, &filter).await?))
}

pub async fn get(State(s): State<AppState>, Path(mid): Path<String>) -> Result<Json<ModelPage>, ApiError> {
    Ok(Json(models::get(&s.svc, id(&mid, "model")?).await?))
}

pub async fn set_status(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path(mid): Path<String>,
    JsonBody(body): JsonBody<ModelStatusChange>,
) -> Result<Json<ModelPage>, ApiError> {
    Ok(Json(models::set_status(&s.svc, &actor, id(&mid, "model")?, &body).await?))
}

pub async fn statistics(
    State(s): State<AppState>,
    Query(q): Query<ModelQuery>,
) -> Result<Json<ModelStatistics>, ApiError> {
    let this_year = chrono::Utc::now().format("%Y").to_string().parse().unwrap_or(2026);
    let year = year(&q.year)?.unwrap_or(this_year);
    Ok(Json(models::statistics(&s.svc, year, unit(&q.unit_id)?).await?))
}

/// `GET /statistics/models.xlsx`: the report beside the year before.
pub async fn statistics_xlsx(
    State(s): State<AppState>,
    Query(q): Query<ModelQuery>,
) -> Result<axum::response::Response, ApiError> {
    let unit_id = unit(&q.unit_id)?;
    let Json(now) = statistics(State(s.clone()), Query(q)).await?;
    let before = models::statistics(&s.svc, now.year - 1, unit_id).await?;
    let name = match unit_id {
        Some(u) => kheo_service::units::list(&s.svc).await?.units.into_iter().find(|x| x.id == u).map(|x| x.name),
        None => None,
    };
    let bytes = models::report::xlsx(&now, &before, name.as_deref());
    Ok(super::download(super::XLSX, &format!("mo-hinh-{}.xlsx", now.year), bytes))
}
