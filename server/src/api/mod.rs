//! The public JSON API, `/api/v1` (see `shared/api-v1.md`). Handlers are
//! thin: extract, call one service function, map the error. Errors get
//! their JSON shape in one place, [`render_problems`].

mod contests;
mod extract;
mod leaderboard;
mod openapi;
mod results;
mod season;
mod session;
mod sheets;
mod users;

pub use extract::{Authed, JsonBody, LateJson};

use crate::web::AppState;
use axum::Json;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post, put};
use kheo_domain::i18n::{Lang, Problem};

/// The `/api/v1` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", writes_json(get(openapi::document)))
        .route("/session", writes_json(post(session::create).delete(session::delete)))
        .route("/users", writes_json(post(users::create)))
        .route("/backup.db", writes_json(get(users::backup)))
        .route("/contests", writes_json(post(contests::create).get(contests::list)))
        .route("/contests/{cid}", writes_json(get(contests::get)))
        .route("/contests/{cid}/rounds/{rid}/state", writes_json(put(contests::set_state)))
        .route("/contests/{cid}/rounds/{rid}/teams/{tid}/sheet", writes_json(put(sheets::submit)))
        .route("/contests/{cid}/rounds/{rid}/teams/{tid}/overtime", writes_json(put(contests::set_overtime)))
        .route("/contests/{cid}/rounds/{rid}/sheets", writes_json(get(sheets::list)))
        .route("/contests/{cid}/leaderboard", writes_json(get(leaderboard::get)))
        .route("/contests/{cid}/leaderboard/stream", writes_json(get(leaderboard::stream)))
        .route("/units", writes_json(get(season::list_units).post(season::create_unit)))
        .route("/units/{uid}", writes_json(put(season::update_unit)))
        .route("/contests/{cid}/invitations", writes_json(post(season::invite).get(season::invitations)))
        .route("/contests/{cid}/invitations/{iid}", writes_json(get(season::invitation)))
        .route("/contests/{cid}/invitations/{iid}/decision", writes_json(post(season::decide)))
        .route("/contests/{cid}/registrations.xlsx", writes_json(get(season::registrations_xlsx)))
        .route("/entries/{token}", writes_json(get(season::entry).put(season::save_entry)))
        .route("/entries/{token}/submit", writes_json(post(season::submit_entry)))
        .route("/contests/{cid}/advance", writes_json(post(season::advance)))
        .route("/contests/{cid}/results", writes_json(get(results::get)))
        .route("/contests/{cid}/results.xlsx", writes_json(get(results::xlsx)))
        .route("/contests/{cid}/results.csv", writes_json(get(results::csv)))
        .route("/contests/{cid}/ledger", writes_json(get(results::ledger)))
        .route("/contests/{cid}/ceremony", writes_json(get(results::ceremony).put(results::seal)))
        .route("/contests/{cid}/ceremony/reveal", writes_json(post(results::reveal)))
        .route("/statistics", writes_json(get(results::statistics)))
        .route("/statistics.xlsx", writes_json(get(results::statistics_xlsx)))
        .fallback(|| async { ApiError(Problem::NotFound { what: "page".into() }) })
        .layer(middleware::from_fn(render_problems))
}

/// A path's methods with the JSON check in front of each. Not a layer on
/// the whole router: that would wrap the 405 of a method the path does
/// not list too, and answer it 415.
fn writes_json(methods: MethodRouter<AppState>) -> MethodRouter<AppState> {
    methods.route_layer(middleware::from_fn(json_only_writes))
}

/// An API failure: a problem whose body is written by [`render_problems`].
#[derive(Debug)]
pub struct ApiError(pub Problem);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = status.into_response();
        resp.extensions_mut().insert(self.0);
        resp
    }
}

impl From<kheo_service::Error> for ApiError {
    fn from(e: kheo_service::Error) -> Self {
        ApiError(e.into_problem())
    }
}

impl From<Problem> for ApiError {
    fn from(p: Problem) -> Self {
        ApiError(p)
    }
}

/// The language a client asked for (`Accept-Language`), Vietnamese unless
/// it prefers English.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// The one place the error body is produced:
/// `{"error": {"code": "…", "message": "…"}}`.
pub fn problem_response(status: StatusCode, p: &Problem, lang: Lang) -> Response {
    let body = serde_json::json!({"error": {"code": p.code(), "message": p.message(lang)}});
    let mut resp = (status, Json(body)).into_response();
    if let Problem::TooManyAttempts { retry_after_secs } = p
        && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
    {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

async fn render_problems(req: Request, next: Next) -> Response {
    let lang = request_lang(req.headers());
    let mut resp = next.run(req).await;
    match resp.extensions_mut().remove::<Problem>() {
        Some(p) => problem_response(resp.status(), &p, lang),
        None if resp.status() == StatusCode::METHOD_NOT_ALLOWED => {
            let allowed = ["GET", "POST", "PUT", "DELETE"];
            let p = Problem::InvalidField {
                field: "method".into(),
                fault: kheo_domain::i18n::FieldFault::one_of(&allowed),
            };
            problem_response(StatusCode::METHOD_NOT_ALLOWED, &p, lang)
        }
        None if resp.status() == StatusCode::BAD_REQUEST => {
            // axum's own refusal of a query string it cannot read: the
            // contract's 422 with its error shape, not a plain-text 400.
            let detail = axum::body::to_bytes(resp.into_body(), 4096)
                .await
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            problem_response(StatusCode::UNPROCESSABLE_ENTITY, &Problem::MalformedBody { detail }, lang)
        }
        None => resp,
    }
}

/// The media type of an .xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file to download, named for the person's folder.
pub fn download(content_type: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    let mut resp = bytes.into_response();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// Writes must carry JSON: with SameSite cookies this keeps other sites'
/// plain HTML forms out. A body-less DELETE (sign-out) needs none.
async fn json_only_writes(req: Request, next: Next) -> Response {
    let needs_json = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH)
        || (*req.method() == Method::DELETE && req.headers().contains_key(header::CONTENT_TYPE));
    if needs_json && !extract::is_json(req.headers()) {
        return ApiError(Problem::UnsupportedMediaType).into_response();
    }
    next.run(req).await
}
