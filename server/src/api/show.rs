//! The show in the hall: `PUT …/rounds/{rid}/quiz` (the MC's cue),
//! `POST …/play` and `GET …/play/leaderboard` (the audience playing along),
//! `PUT …/vote`, `POST|GET …/votes`, `GET …/votes/addresses`,
//! `POST …/votes/void` (the audience's vote), and `GET /time`.

use super::extract::{ContestWrite, Manage, MaybeAuthed, id};
use super::{ApiError, Authed, JsonBody, LateJson};
use crate::web::AppState;
use axum::Json;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kheo_app::ssr::{cookie, is_https};
use kheo_domain::api::{
    Ballot, PlayAnswer, PlayBoard, QuizCue, QuizCueView, ServerTime, VoidAddress, Voided, VoteAddress, VoteStatus,
    VoteSwitch, VoteTally,
};
use kheo_service::show::{self, device};
use std::net::SocketAddr;

pub async fn cue(
    State(s): State<AppState>,
    w: ContestWrite<Manage>,
    body: LateJson<QuizCue>,
) -> Result<Json<QuizCueView>, ApiError> {
    let body = body.read()?;
    Ok(Json(QuizCueView { quiz: show::quiz::cue(&s.svc, &w.actor, w.cid, w.id("rid")?, &body).await? }))
}

/// The audience member's device, and the cookie to set when it is new.
async fn device_of(s: &AppState, headers: &HeaderMap) -> Result<show::device::Device, ApiError> {
    Ok(s.svc.audience.device(&s.svc.db, cookie(headers, device::COOKIE).as_deref()).await?)
}

/// A response with the device's cookie, when the device is new.
fn with_device(mut resp: Response, d: &show::device::Device, headers: &HeaderMap) -> Response {
    if let Some(c) = &d.new_cookie {
        let secure = if is_https(headers) { "; Secure" } else { "" };
        let set = format!("{}={c}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}", device::COOKIE);
        if let Ok(v) = HeaderValue::from_str(&set) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

/// Where a request came from: the peer, or, behind a proxy on this machine,
/// the address it forwards (the last one it appended; earlier ones are the
/// client's own say).
fn address(peer: SocketAddr, headers: &HeaderMap) -> String {
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty() && a.len() <= 64);
    match forwarded {
        Some(a) if peer.ip().is_loopback() => a,
        _ => peer.ip().to_string(),
    }
}

pub async fn play(
    State(s): State<AppState>,
    Path(cid): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<PlayAnswer>,
) -> Result<Response, ApiError> {
    let cid = id(&cid, "contest")?;
    let d = device_of(&s, &headers).await?;
    let taken = show::play::answer(&s.svc, cid, &d.id, &body).await?;
    Ok(with_device((StatusCode::ACCEPTED, Json(taken)).into_response(), &d, &headers))
}

pub async fn play_board(
    State(s): State<AppState>,
    Path(cid): Path<String>,
    headers: HeaderMap,
) -> Result<Json<PlayBoard>, ApiError> {
    let cid = id(&cid, "contest")?;
    // Only a device the server signed has a line of its own.
    let d = device_of(&s, &headers).await?;
    let me = d.new_cookie.is_none().then_some(d.id.as_str());
    Ok(Json(show::play::board(&s.svc, cid, me).await?))
}

pub async fn switch(
    State(s): State<AppState>,
    w: ContestWrite<Manage>,
    body: LateJson<VoteSwitch>,
) -> Result<Json<VoteStatus>, ApiError> {
    let body = body.read()?;
    Ok(Json(show::vote::switch(&s.svc, &w.actor, w.cid, &body).await?))
}

pub async fn cast(
    State(s): State<AppState>,
    Path(cid): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<Ballot>,
) -> Result<Response, ApiError> {
    let cid = id(&cid, "contest")?;
    let d = device_of(&s, &headers).await?;
    let taken = show::vote::cast(&s.svc, cid, &d.id, &address(peer, &headers), body.team_id).await?;
    Ok(with_device((StatusCode::ACCEPTED, Json(taken)).into_response(), &d, &headers))
}

pub async fn tally(
    State(s): State<AppState>,
    MaybeAuthed(viewer): MaybeAuthed,
    Path(cid): Path<String>,
) -> Result<Json<VoteTally>, ApiError> {
    Ok(Json(show::vote::tally(&s.svc, viewer.as_ref(), id(&cid, "contest")?).await?))
}

pub async fn addresses(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path(cid): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let list: Vec<VoteAddress> = show::vote::addresses(&s.svc, &actor, id(&cid, "contest")?).await?;
    Ok(Json(serde_json::json!({ "addresses": list })))
}

pub async fn void(
    State(s): State<AppState>,
    w: ContestWrite<Manage>,
    body: LateJson<VoidAddress>,
) -> Result<Json<Voided>, ApiError> {
    let body = body.read()?;
    Ok(Json(show::vote::void_address(&s.svc, &w.actor, w.cid, &body).await?))
}

pub async fn time() -> Json<ServerTime> {
    Json(ServerTime { now_ms: kheo_service::db::now_ms() })
}
