//! The tree of units (đơn vị): read by anyone, changed by an admin.

use super::extract::id;
use super::{ApiError, Authed, JsonBody};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kheo_domain::api::{NewUnit, UnitList, UnitView};
use kheo_service::units;

pub async fn list_units(State(s): State<AppState>) -> Result<Json<UnitList>, ApiError> {
    Ok(Json(units::list(&s.svc).await?))
}

pub async fn create_unit(
    State(s): State<AppState>,
    Authed(actor): Authed,
    JsonBody(body): JsonBody<NewUnit>,
) -> Result<(StatusCode, Json<UnitView>), ApiError> {
    Ok((StatusCode::CREATED, Json(units::create(&s.svc, &actor, &body).await?)))
}

pub async fn update_unit(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<NewUnit>,
) -> Result<Json<UnitView>, ApiError> {
    Ok(Json(units::update(&s.svc, &actor, id(&uid, "unit")?, &body).await?))
}
