//! Teams sent on from one contest to the next.

use super::extract::id;
use super::{ApiError, Authed, LateJson};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kheo_domain::api::{AdvanceOutcome, AdvanceRequest};
use kheo_service::contests::advance;

pub async fn advance(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path(cid): Path<String>,
    body: LateJson<AdvanceRequest>,
) -> Result<(StatusCode, Json<AdvanceOutcome>), ApiError> {
    let cid = id(&cid, "contest")?;
    kheo_service::contests::authorise(&s.svc, &actor, cid, kheo_service::contests::Need::Manage).await?;
    let body = body.read()?;
    let out = advance::advance(&s.svc.db, &s.svc.hub, &actor, cid, &body).await?;
    Ok((StatusCode::CREATED, Json(out)))
}
