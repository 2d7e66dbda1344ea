//! `POST /users`.

use super::{ApiError, Authed, JsonBody};
use crate::web::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kheo_domain::api::{NewUser, UserView};
use kheo_service::accounts::users;

pub async fn create(
    State(s): State<AppState>,
    Authed(actor): Authed,
    JsonBody(body): JsonBody<NewUser>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    Ok((StatusCode::CREATED, Json(users::create_user(&s.svc, Some(&actor), body).await?)))
}

/// `GET /backup.db`: a consistent copy of the whole SQLite database, for
/// an admin (it holds every contest and account).
pub async fn backup(State(s): State<AppState>, Authed(actor): Authed) -> Result<axum::response::Response, ApiError> {
    let (name, bytes) = kheo_service::backups::download(&s.svc, &actor).await?;
    Ok(super::download("application/vnd.sqlite3", &name, bytes))
}
