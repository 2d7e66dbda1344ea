//! The public JSON API, `/api/v1` (see `shared/api-v1.md`). Handlers are
//! thin: extract, call one service function, map the error. Errors get
//! their JSON shape in one place, [`render_problems`].

mod advance;
mod contests;
mod extract;
pub(crate) mod leaderboard;
mod models;
mod openapi;
mod registration;
mod results;
mod session;
mod sheets;
mod show;
mod units;
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

/// Declares the `/api/v1` routes once: the router and the list of paths
/// (`kheo routes`, which the authorisation matrix test checks against its
/// table) come from the same lines, so neither can miss a path.
macro_rules! routes {
    ($($path:literal => $methods:expr),* $(,)?) => {
        /// Every `/api/v1` path, as the router matches it.
        pub const PATHS: &[&str] = &[$($path),*];

        /// The `/api/v1` routes.
        pub fn router() -> Router<AppState> {
            Router::new()
                $(.route($path, writes_json($methods)))*
                .fallback(|| async { ApiError(Problem::NotFound { what: "page".into() }) })
                .layer(middleware::from_fn(render_problems))
        }
    };
}

routes! {
    "/openapi.json" => get(openapi::document),
    "/session" => post(session::create).delete(session::delete),
    "/users" => post(users::create),
    "/backup.db" => get(users::backup),
    "/contests" => post(contests::create).get(contests::list),
    "/contests/{cid}" => get(contests::get),
    "/contests/{cid}/rounds/{rid}/state" => put(contests::set_state),
    "/contests/{cid}/conflicts" => put(contests::set_conflicts),
    "/contests/{cid}/rounds/{rid}/teams/{tid}/sheet" => put(sheets::submit),
    "/contests/{cid}/rounds/{rid}/teams/{tid}/paper/{judge_id}" => put(sheets::type_paper),
    "/contests/{cid}/rounds/{rid}/teams/{tid}/overtime" => put(contests::set_overtime),
    "/contests/{cid}/rounds/{rid}/sheets" => get(sheets::list),
    "/contests/{cid}/rounds/{rid}/quiz" => put(show::cue),
    "/contests/{cid}/play" => post(show::play),
    "/contests/{cid}/play/leaderboard" => get(show::play_board),
    "/contests/{cid}/vote" => put(show::switch),
    "/contests/{cid}/votes" => post(show::cast).get(show::tally),
    "/contests/{cid}/votes/addresses" => get(show::addresses),
    "/contests/{cid}/votes/void" => post(show::void),
    "/time" => get(show::time),
    "/contests/{cid}/leaderboard" => get(leaderboard::get),
    "/contests/{cid}/leaderboard/stream" => get(leaderboard::stream),
    "/units" => get(units::list_units).post(units::create_unit),
    "/units/{uid}" => put(units::update_unit),
    "/contests/{cid}/invitations" => post(registration::invite).get(registration::invitations),
    "/contests/{cid}/invitations/{iid}" => get(registration::invitation),
    "/contests/{cid}/invitations/{iid}/decision" => post(registration::decide),
    "/contests/{cid}/registrations.xlsx" => get(registration::registrations_xlsx),
    "/entries/{token}" => get(registration::entry).put(registration::save_entry),
    "/entries/{token}/submit" => post(registration::submit_entry),
    "/contests/{cid}/advance" => post(advance::advance),
    "/contests/{cid}/results" => get(results::get),
    "/contests/{cid}/results.xlsx" => get(results::xlsx),
    "/contests/{cid}/results.csv" => get(results::csv),
    "/contests/{cid}/ledger" => get(results::ledger),
    "/contests/{cid}/ceremony" => get(results::ceremony).put(results::seal),
    "/contests/{cid}/ceremony/reveal" => post(results::reveal),
    "/statistics" => get(results::statistics),
    "/statistics.xlsx" => get(results::statistics_xlsx),
    "/models" => post(models::create).get(models::list),
    "/models/{mid}" => get(models::get),
    "/models/{mid}/status" => post(models::set_status),
    "/statistics/models" => get(models::statistics),
    "/statistics/models.xlsx" => get(models::statistics_xlsx),
    "/models/{mid}/photos" => post(models::add_photo),
    "/models/{mid}/photos/{pid}" => get(models::photo).delete(models::remove_photo),
    "/model-calls" => post(models::create_call).get(models::calls),
    "/model-calls/links/{token}" => get(models::call_link),
    "/model-calls/links/{token}/models" => post(models::submit_by_link),
    "/model-calls/links/{token}/models/{mid}/photos" => post(models::add_photo_by_link),
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
/// `{"error": {"code": "…", "message": "…"}}`, with `field` (the path of
/// the field a refusal names, `teams[1].name`) for a program to point at,
/// since the message names it in words.
pub fn problem_response(status: StatusCode, p: &Problem, lang: Lang) -> Response {
    let mut error = serde_json::json!({"code": p.code(), "message": p.message(lang)});
    if let Some(field) = p.field() {
        error["field"] = serde_json::json!(field);
    }
    let mut body = serde_json::json!({ "error": error });
    if let Problem::EntriesDiffer { criteria, .. } = p {
        // Beside the error as well as in it: the contract says only "with
        // criteria", and a client may read either.
        body["error"]["criteria"] = serde_json::json!(criteria);
        body["criteria"] = serde_json::json!(criteria);
    }
    let mut resp = (status, Json(body)).into_response();
    if let Problem::TooManyAttempts { retry_after_secs } | Problem::TooManyVotes { retry_after_secs } = p
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
/// plain HTML forms out. A body-less DELETE (sign-out) needs none. A photo
/// is sent as itself; any type a plain form cannot send (so any a browser
/// would ask the server about first) is read, and refused if no picture.
async fn json_only_writes(req: Request, next: Next) -> Response {
    let needs_json = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH)
        || (*req.method() == Method::DELETE && req.headers().contains_key(header::CONTENT_TYPE));
    let photo = req.uri().path().ends_with("/photos") && !extract::is_form(req.headers());
    if needs_json && !photo && !extract::is_json(req.headers()) {
        return ApiError(Problem::UnsupportedMediaType).into_response();
    }
    next.run(req).await
}
