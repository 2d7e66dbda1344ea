//! `PUT …/teams/{tid}/sheet`, `GET …/rounds/{rid}/sheets`.

use super::extract::{ContestWrite, Panel, id};
use super::{ApiError, Authed, LateJson};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, State};
use kheo_domain::api::SheetSubmission;
use kheo_service::judging::sheets;
use serde_json::{Value, json};

pub async fn submit(
    State(s): State<AppState>,
    w: ContestWrite<Panel>,
    body: LateJson<SheetSubmission>,
) -> Result<Json<Value>, ApiError> {
    let body = body.read()?;
    let sheet = sheets::submit(&s.svc, &w.actor, w.cid, w.id("rid")?, w.id("tid")?, &body).await?;
    Ok(Json(json!({ "sheet": sheet })))
}

pub async fn list(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path((cid, rid)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let (cid, rid) = (id(&cid, "contest")?, id(&rid, "round")?);
    Ok(Json(json!({ "sheets": sheets::list(&s.svc, &actor, cid, rid).await? })))
}
