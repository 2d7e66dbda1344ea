//! Teams sent on from one contest to the next.

use super::extract::{ContestWrite, Manage};
use super::{ApiError, LateJson};
use crate::web::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kheo_domain::api::{AdvanceOutcome, AdvanceRequest};
use kheo_service::contests::advance;

pub async fn advance(
    State(s): State<AppState>,
    ContestWrite { actor, cid, .. }: ContestWrite<Manage>,
    body: LateJson<AdvanceRequest>,
) -> Result<(StatusCode, Json<AdvanceOutcome>), ApiError> {
    let body = body.read()?;
    let out = advance::advance(&s.svc, &actor, cid, &body).await?;
    Ok((StatusCode::CREATED, Json(out)))
}
