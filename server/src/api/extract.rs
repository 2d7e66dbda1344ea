//! Extractors that turn requests into domain values or API errors.

use super::ApiError;
use crate::web::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use kheo_app::ssr::{SESSION_COOKIE, cookie};
use kheo_domain::i18n::Problem;
use kheo_service::Actor;
use kheo_service::accounts::auth;
use kheo_service::contests::{self, Need};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// Whether the request says its body is JSON.
pub fn is_json(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next()).is_some_and(|m| {
        let m = m.trim().to_ascii_lowercase();
        m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
    })
}

/// Whether the request's body is of a kind a plain HTML form (or a
/// no-cors fetch) can send from another site; no type counts as one.
pub fn is_form(headers: &HeaderMap) -> bool {
    let m = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next());
    m.is_none_or(|m| {
        let m = m.trim().to_ascii_lowercase();
        m.is_empty() || m == "application/x-www-form-urlencoded" || m == "multipart/form-data" || m == "text/plain"
    })
}

/// A JSON body; a body of the wrong shape is a 422 that says what is wrong.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(req.headers()) {
            return Err(ApiError(Problem::UnsupportedMediaType));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError(Problem::PayloadTooLarge)
            } else {
                ApiError(Problem::MalformedBody { detail: e.body_text() })
            }
        })?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ApiError(Problem::MalformedBody { detail: e.to_string() }))
    }
}

/// A JSON body whose parse error waits: a write is authorised first, then
/// what it names is found, and only then is its body read, so that someone
/// refused learns nothing from how his body would have been parsed. A body
/// that is not JSON or too large is refused at once.
pub struct LateJson<T>(Result<T, ApiError>);

impl<T> LateJson<T> {
    /// The body, or why it could not be read.
    pub fn read(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for LateJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match JsonBody::<serde_json::Value>::from_request(req, state).await {
            Ok(JsonBody(value)) => Ok(LateJson(
                serde_json::from_value(value).map_err(|e| ApiError(Problem::MalformedBody { detail: e.to_string() })),
            )),
            Err(ApiError(p @ Problem::MalformedBody { .. })) => Ok(LateJson(Err(ApiError(p)))),
            Err(e) => Err(e),
        }
    }
}

/// The signed-in user; a request without a live session is a 401.
pub struct Authed(pub Actor);

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = cookie(&parts.headers, SESSION_COOKIE).ok_or(ApiError(Problem::NotSignedIn))?;
        match auth::authenticate(&state.svc, &token).await? {
            Some(actor) => Ok(Authed(actor)),
            None => Err(ApiError(Problem::NotSignedIn)),
        }
    }
}

/// Parses a path id; anything that is not an id names nothing: 404.
pub fn id(raw: &str, what: &str) -> Result<i32, ApiError> {
    raw.parse::<i32>().map_err(|_| ApiError(Problem::NotFound { what: what.into() }))
}

/// The signed-in user, if any: for what anyone may read and organisers see
/// more of.
pub struct MaybeAuthed(pub Option<Actor>);

impl FromRequestParts<AppState> for MaybeAuthed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match cookie(&parts.headers, SESSION_COOKIE) {
            Some(token) => Ok(MaybeAuthed(auth::authenticate(&state.svc, &token).await?)),
            None => Ok(MaybeAuthed(None)),
        }
    }
}

/// What a write to a contest needs of its author, as a type:
/// `ContestWrite<Manage>` or `ContestWrite<Panel>`.
pub trait Needs {
    /// The need.
    const NEED: Need;
}

/// A write by the contest's organisers (or an admin).
pub struct Manage;
impl Needs for Manage {
    const NEED: Need = Need::Manage;
}

/// A write by a judge on the contest's panel.
pub struct Panel;
impl Needs for Panel {
    const NEED: Need = Need::Panel;
}

/// The one way into a write to a contest: the signed-in user (401), the
/// path's ids (404 for one that is no id), the contest found and the user
/// allowed (404, 403), in that order and before the body is read (which
/// the handler does with `LateJson::read`, so that someone refused learns
/// nothing from how his body would have been parsed).
pub struct ContestWrite<N> {
    /// Who writes.
    pub actor: Actor,
    /// The contest.
    pub cid: i32,
    ids: Vec<(String, i32)>,
    need: PhantomData<N>,
}

impl<N> ContestWrite<N> {
    /// Another id of the path (`rid`, `tid`, `iid`), parsed already.
    pub fn id(&self, name: &str) -> Result<i32, ApiError> {
        self.ids
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
            .ok_or(ApiError(Problem::NotFound { what: name.into() }))
    }
}

/// What a path's id names, for its 404.
fn named(param: &str) -> &'static str {
    match param {
        "cid" => "contest",
        "rid" => "round",
        "tid" => "team",
        "iid" => "invitation",
        "judge_id" => "judge",
        _ => "object",
    }
}

impl<N: Needs + Send + Sync> FromRequestParts<AppState> for ContestWrite<N> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Authed(actor) = Authed::from_request_parts(parts, state).await?;
        let Path(params) = Path::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError(Problem::NotFound { what: "contest".into() }))?;
        let ids = params
            .iter()
            .map(|(name, raw)| Ok((name.clone(), id(raw, named(name))?)))
            .collect::<Result<Vec<_>, ApiError>>()?;
        let cid = ids
            .iter()
            .find(|(n, _)| n == "cid")
            .map(|(_, v)| *v)
            .ok_or(ApiError(Problem::NotFound { what: "contest".into() }))?;
        contests::authorise(&state.svc, &actor, cid, N::NEED).await?;
        Ok(ContestWrite { actor, cid, ids, need: PhantomData })
    }
}
