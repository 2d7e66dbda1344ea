//! `POST /session`, `DELETE /session`.

use super::{ApiError, JsonBody};
use crate::web::AppState;
use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kheo_app::ssr::{SESSION_COOKIE, clear_session_cookie, cookie, device_of, is_https, session_cookie};
use kheo_domain::api::SignIn;
use kheo_service::accounts::auth;
use std::net::SocketAddr;

fn with_cookie(mut resp: Response, value: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

pub async fn create(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<SignIn>,
) -> Result<Response, ApiError> {
    let (device, new_device) = device_of(&headers);
    let origin = auth::Origin {
        ip: Some(peer.ip().to_string()),
        user_agent: headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string),
        device: Some(device),
    };
    let (token, user) = auth::sign_in(&s.svc, &body.username, &body.password, origin).await?;
    let resp = (StatusCode::OK, Json(serde_json::json!({ "user": user }))).into_response();
    let resp = with_cookie(resp, &session_cookie(&token, is_https(&headers)));
    Ok(match new_device {
        Some(set) => with_cookie(resp, &set),
        None => resp,
    })
}

pub async fn delete(State(s): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let token = cookie(&headers, SESSION_COOKIE).ok_or(ApiError(kheo_domain::i18n::Problem::NotSignedIn))?;
    if auth::authenticate(&s.svc, &token).await?.is_none() {
        return Err(ApiError(kheo_domain::i18n::Problem::NotSignedIn));
    }
    auth::sign_out(&s.svc, &token).await?;
    Ok(with_cookie(StatusCode::NO_CONTENT.into_response(), &clear_session_cookie()))
}
