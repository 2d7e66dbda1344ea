//! `PUT …/teams/{tid}/sheet`, `PUT …/teams/{tid}/paper/{judge_id}`,
//! `GET …/rounds/{rid}/sheets`.

use super::extract::{ContestWrite, Manage, Panel, id};
use super::{ApiError, Authed, LateJson};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kheo_domain::api::SheetSubmission;
use kheo_service::judging::paper::{self, Typed};
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

/// A paper sheet typed at the secretary's desk: 202 while it waits for a
/// second person, 200 with the sheet once two typings agree.
pub async fn type_paper(
    State(s): State<AppState>,
    w: ContestWrite<Manage>,
    body: LateJson<SheetSubmission>,
) -> Result<Response, ApiError> {
    let body = body.read()?;
    let place = (w.cid, w.id("rid")?, w.id("tid")?);
    Ok(match paper::type_sheet(&s.svc, &w.actor, place, w.id("judge_id")?, &body).await? {
        Typed::Waiting { typing: paper, .. } => (StatusCode::ACCEPTED, Json(json!({ "paper": paper }))).into_response(),
        Typed::Counted(sheet) => Json(json!({ "sheet": sheet })).into_response(),
    })
}

pub async fn list(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path((cid, rid)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let (cid, rid) = (id(&cid, "contest")?, id(&rid, "round")?);
    Ok(Json(json!({ "sheets": sheets::list(&s.svc, &actor, cid, rid).await? })))
}
