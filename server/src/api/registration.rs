//! Registration by invitation: the organiser's call and decisions, and a
//! unit's entry by its link.

use super::extract::{ContestWrite, Manage, id};
use super::{ApiError, Authed, JsonBody, LateJson};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kheo_app::ssr::public_base;
use kheo_domain::api::{Decision, EntryView, InvitationList, InvitationRequest, InvitationView};
use kheo_service::registration;
use serde_json::Value;

pub async fn invite(
    State(s): State<AppState>,
    headers: HeaderMap,
    ContestWrite { actor, cid, .. }: ContestWrite<Manage>,
    body: LateJson<InvitationRequest>,
) -> Result<(StatusCode, Json<InvitationList>), ApiError> {
    let body = body.read()?;
    let list = registration::invite(&s.svc, &actor, cid, &body, &public_base(&headers)).await?;
    Ok((StatusCode::CREATED, Json(list)))
}

pub async fn invitations(
    State(s): State<AppState>,
    Authed(actor): Authed,
    headers: HeaderMap,
    Path(cid): Path<String>,
) -> Result<Json<InvitationList>, ApiError> {
    Ok(Json(registration::list(&s.svc, &actor, id(&cid, "contest")?, &public_base(&headers)).await?))
}

pub async fn invitation(
    State(s): State<AppState>,
    Authed(actor): Authed,
    headers: HeaderMap,
    Path((cid, iid)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let (cid, iid) = (id(&cid, "contest")?, id(&iid, "invitation")?);
    let (view, entry) = registration::get(&s.svc, &actor, cid, iid, &public_base(&headers)).await?;
    Ok(Json(serde_json::json!({ "invitation": view, "entry": entry })))
}

pub async fn decide(
    State(s): State<AppState>,
    headers: HeaderMap,
    w: ContestWrite<Manage>,
    body: LateJson<Decision>,
) -> Result<Json<InvitationView>, ApiError> {
    let body = body.read()?;
    let base = public_base(&headers);
    Ok(Json(registration::decide(&s.svc, &w.actor, w.cid, w.id("iid")?, &body, &base).await?))
}

pub async fn registrations_xlsx(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path(cid): Path<String>,
) -> Result<Response, ApiError> {
    let cid = id(&cid, "contest")?;
    let bytes = registration::export::members_xlsx(&s.svc, &actor, cid).await?;
    Ok(super::download(super::XLSX, &format!("danh-sach-doi-thi-{cid}.xlsx"), bytes))
}

pub async fn entry(State(s): State<AppState>, Path(token): Path<String>) -> Result<Json<EntryView>, ApiError> {
    Ok(Json(registration::entry(&s.svc, &token).await?))
}

pub async fn save_entry(
    State(s): State<AppState>,
    Path(token): Path<String>,
    JsonBody(body): JsonBody<Value>,
) -> Result<Json<EntryView>, ApiError> {
    Ok(Json(registration::save(&s.svc, &token, &body).await?))
}

pub async fn submit_entry(State(s): State<AppState>, Path(token): Path<String>) -> Result<Json<EntryView>, ApiError> {
    Ok(Json(registration::submit(&s.svc, &token).await?))
}
