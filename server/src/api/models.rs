//! The register of models: anyone reads it, organisers of a model's unit
//! (or a unit above) register and decide.

use super::extract::id;
use super::{ApiError, Authed, JsonBody};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kheo_app::ssr::public_base;
use kheo_domain::api::{ModelBody, ModelCallPage, ModelCallRequest, ModelCallView, ModelLine, ModelList, ModelPage};
use kheo_domain::api::{ModelPhoto, ModelStatusChange};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::models::ModelStatistics;
use kheo_service::models::{self, ModelFilter, calls, photos};
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

/// A photo's bytes as sent; one over the limit is refused as soon as it
/// runs past it. A client that waits to be told to send (`Expect:
/// 100-continue`, as curl does with a large file) is refused from the
/// length it declares, before sending it; others are read to the limit, so
/// that they meet the answer and not a closed connection.
async fn photo_body(headers: &axum::http::HeaderMap, body: axum::body::Body) -> Result<Vec<u8>, ApiError> {
    use axum::http::header;
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    let waits = headers.get(header::EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    if waits && declared.is_some_and(|n| n > photos::MAX_BYTES) {
        return Err(photos::too_large().into());
    }
    axum::body::to_bytes(body, photos::MAX_BYTES).await.map(|b| b.to_vec()).map_err(|_| photos::too_large().into())
}

fn created_photo(p: ModelPhoto) -> (StatusCode, Json<ModelPhoto>) {
    (StatusCode::CREATED, Json(p))
}

/// `POST /models/{mid}/photos`: the photo itself as the body.
pub async fn add_photo(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path(mid): Path<String>,
    headers: axum::http::HeaderMap,
    body: axum::body::Body,
) -> Result<(StatusCode, Json<ModelPhoto>), ApiError> {
    let mid = id(&mid, "model")?;
    let bytes = photo_body(&headers, body).await?;
    Ok(created_photo(photos::add(&s.svc, &actor, mid, bytes).await?))
}

#[derive(Deserialize)]
pub struct PhotoQuery {
    size: Option<String>,
}

/// `GET /models/{mid}/photos/{pid}` (`?size=thumb` for the thumbnail).
pub async fn photo(
    State(s): State<AppState>,
    Path((mid, pid)): Path<(String, String)>,
    Query(q): Query<PhotoQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let thumb = q.size.as_deref() == Some("thumb");
    let bytes = photos::image(&s.svc, id(&mid, "model")?, id(&pid, "photo")?, thumb).await?;
    // A photo's bytes never change under its id.
    Ok(([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")], bytes)
        .into_response())
}

/// `DELETE /models/{mid}/photos/{pid}`.
pub async fn remove_photo(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path((mid, pid)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    photos::remove(&s.svc, &actor, id(&mid, "model")?, id(&pid, "photo")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /model-calls`.
pub async fn create_call(
    State(s): State<AppState>,
    Authed(actor): Authed,
    headers: axum::http::HeaderMap,
    JsonBody(body): JsonBody<ModelCallRequest>,
) -> Result<(StatusCode, Json<ModelCallView>), ApiError> {
    let view = calls::create(&s.svc, &actor, &body, &public_base(&headers)).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// `GET /model-calls`: the calls of the units the organiser reaches.
pub async fn calls(
    State(s): State<AppState>,
    Authed(actor): Authed,
    headers: axum::http::HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    let list = calls::list(&s.svc, &actor, &public_base(&headers)).await?;
    Ok(Json(serde_json::json!({ "calls": list })))
}

/// `GET /model-calls/links/{token}`: what the unit sees at its link.
pub async fn call_link(State(s): State<AppState>, Path(token): Path<String>) -> Result<Json<ModelCallPage>, ApiError> {
    Ok(Json(calls::page(&s.svc, &token).await?))
}

/// `POST /model-calls/links/{token}/models`: a model sent through a link;
/// its unit and year are the link's.
pub async fn submit_by_link(
    State(s): State<AppState>,
    Path(token): Path<String>,
    JsonBody(mut body): JsonBody<serde_json::Value>,
) -> Result<(StatusCode, Json<ModelLine>), ApiError> {
    if let Some(o) = body.as_object_mut() {
        o.entry("unit_id").or_insert(0.into());
        o.entry("year").or_insert(0.into());
    }
    let body: ModelBody =
        serde_json::from_value(body).map_err(|e| ApiError(Problem::MalformedBody { detail: e.to_string() }))?;
    Ok((StatusCode::CREATED, Json(calls::submit(&s.svc, &token, &body, Vec::new()).await?)))
}

/// `POST /model-calls/links/{token}/models/{mid}/photos`: a photo of a
/// model sent through that link, before the deadline.
pub async fn add_photo_by_link(
    State(s): State<AppState>,
    Path((token, mid)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    body: axum::body::Body,
) -> Result<(StatusCode, Json<ModelPhoto>), ApiError> {
    let mid = id(&mid, "model")?;
    let bytes = photo_body(&headers, body).await?;
    Ok(created_photo(calls::add_photo(&s.svc, &token, mid, bytes).await?))
}
