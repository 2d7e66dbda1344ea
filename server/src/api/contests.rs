//! `POST/GET /contests`, `GET /contests/{cid}`, `PUT …/rounds/{rid}/state`.

use super::extract::{ContestWrite, Manage, MaybeAuthed, id};
use super::{ApiError, Authed, JsonBody, LateJson};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kheo_domain::api::{ConflictView, ContestDefinition, ContestList, ContestView, RoundView, StateChange};
use kheo_service::contests;
use serde::Deserialize;

pub async fn create(
    State(s): State<AppState>,
    Authed(actor): Authed,
    JsonBody(def): JsonBody<ContestDefinition>,
) -> Result<(StatusCode, Json<ContestView>), ApiError> {
    let view = contests::create(&s.svc, &actor, &def).await?;
    s.svc.hub.changed(view.id as i32);
    Ok((StatusCode::CREATED, Json(view)))
}

pub async fn list(State(s): State<AppState>) -> Result<Json<ContestList>, ApiError> {
    Ok(Json(contests::list(&s.svc).await?))
}

pub async fn get(
    State(s): State<AppState>,
    MaybeAuthed(viewer): MaybeAuthed,
    Path(cid): Path<String>,
) -> Result<Json<ContestView>, ApiError> {
    Ok(Json(contests::get(&s.svc, viewer.as_ref(), id(&cid, "contest")?).await?))
}

pub async fn set_state(
    State(s): State<AppState>,
    w: ContestWrite<Manage>,
    body: LateJson<StateChange>,
) -> Result<Json<RoundView>, ApiError> {
    let body = body.read()?;
    Ok(Json(contests::set_round_state(&s.svc, &w.actor, w.cid, w.id("rid")?, &body.state).await?))
}

#[derive(Deserialize)]
pub struct Overtime {
    seconds: u32,
}

pub async fn set_overtime(
    State(s): State<AppState>,
    w: ContestWrite<Manage>,
    body: LateJson<Overtime>,
) -> Result<StatusCode, ApiError> {
    let body = body.read()?;
    contests::set_overtime(&s.svc, &w.actor, w.cid, w.id("rid")?, w.id("tid")?, body.seconds).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /contests/{cid}/conflicts` body.
#[derive(Deserialize)]
pub struct Conflicts {
    conflicts: Vec<ConflictView>,
}

/// Replaces the contest's conflicts of interest.
pub async fn set_conflicts(
    State(s): State<AppState>,
    w: ContestWrite<Manage>,
    body: LateJson<Conflicts>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let body = body.read()?;
    let conflicts = contests::set_conflicts(&s.svc, &w.actor, w.cid, &body.conflicts).await?;
    Ok(Json(serde_json::json!({ "conflicts": conflicts })))
}
