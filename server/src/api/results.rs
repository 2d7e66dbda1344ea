//! Results: the ranking with prizes (JSON, .xlsx, .csv) and the season's
//! statistics.

use super::extract::{ContestWrite, Manage, MaybeAuthed, id};
use super::{ApiError, Authed, LateJson};
use crate::web::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kheo_domain::api::{CeremonyDesk, ResultsView, StatisticsView};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::ledger::LedgerView;
use kheo_service::results::{self, export, record};
use kheo_service::statistics;
use serde::Deserialize;

pub async fn get(
    State(s): State<AppState>,
    MaybeAuthed(actor): MaybeAuthed,
    Path(cid): Path<String>,
) -> Result<Json<ResultsView>, ApiError> {
    Ok(Json(results::get(&s.svc, actor.as_ref(), id(&cid, "contest")?).await?))
}

/// The contest's score ledger, for anyone to re-check.
pub async fn ledger(
    State(s): State<AppState>,
    MaybeAuthed(actor): MaybeAuthed,
    Path(cid): Path<String>,
) -> Result<Json<LedgerView>, ApiError> {
    Ok(Json(kheo_service::ledger::view(&s.svc, actor.as_ref(), id(&cid, "contest")?).await?))
}

pub async fn xlsx(
    State(s): State<AppState>,
    MaybeAuthed(actor): MaybeAuthed,
    Path(cid): Path<String>,
) -> Result<Response, ApiError> {
    let cid = id(&cid, "contest")?;
    let r = record::record(&s.svc, actor.as_ref(), cid).await?;
    Ok(super::download(super::XLSX, &format!("ket-qua-hoi-thi-{cid}.xlsx"), export::results_xlsx(&r)))
}

pub async fn csv(
    State(s): State<AppState>,
    MaybeAuthed(actor): MaybeAuthed,
    Path(cid): Path<String>,
) -> Result<Response, ApiError> {
    let cid = id(&cid, "contest")?;
    let r = record::record(&s.svc, actor.as_ref(), cid).await?;
    let body = export::ranking_csv(&r).into_bytes();
    Ok(super::download("text/csv; charset=utf-8", &format!("xep-hang-hoi-thi-{cid}.csv"), body))
}

pub async fn ceremony(
    State(s): State<AppState>,
    Authed(actor): Authed,
    Path(cid): Path<String>,
) -> Result<Json<CeremonyDesk>, ApiError> {
    Ok(Json(results::ceremony_desk(&s.svc, &actor, id(&cid, "contest")?).await?))
}

#[derive(Deserialize)]
pub struct Seal {
    sealed: bool,
}

/// Keeps results for the ceremony, or shows them.
pub async fn seal(
    State(s): State<AppState>,
    ContestWrite { actor, cid, .. }: ContestWrite<Manage>,
    body: LateJson<Seal>,
) -> Result<Json<CeremonyDesk>, ApiError> {
    let body = body.read()?;
    results::set_sealed(&s.svc, &actor, cid, body.sealed).await?;
    Ok(Json(results::ceremony_desk(&s.svc, &actor, cid).await?))
}

#[derive(Deserialize)]
pub struct Step {
    step: usize,
}

/// Reveals up to a step: the next one, or one back.
pub async fn reveal(
    State(s): State<AppState>,
    ContestWrite { actor, cid, .. }: ContestWrite<Manage>,
    body: LateJson<Step>,
) -> Result<Json<CeremonyDesk>, ApiError> {
    let body = body.read()?;
    results::reveal(&s.svc, &actor, cid, body.step).await?;
    Ok(Json(results::ceremony_desk(&s.svc, &actor, cid).await?))
}

#[derive(Deserialize)]
pub struct StatisticsQuery {
    year: Option<String>,
    unit_id: Option<String>,
}

pub async fn statistics(
    State(s): State<AppState>,
    Query(q): Query<StatisticsQuery>,
) -> Result<Json<StatisticsView>, ApiError> {
    let year =
        q.year.as_deref().and_then(|y| y.trim().parse::<i32>().ok()).filter(|y| (1900..=2200).contains(y)).ok_or(
            ApiError(Problem::InvalidField {
                field: "year".into(),
                fault: FieldFault::YearBetween { from: 1900, to: 2200 },
            }),
        )?;
    let unit_id = match q.unit_id.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        None => None,
        Some(u) => Some(u.parse::<i32>().map_err(|_| {
            ApiError(Problem::InvalidField {
                field: "unit_id".into(),
                fault: FieldFault::UnknownUnit { name: u.into() },
            })
        })?),
    };
    Ok(Json(statistics::statistics(&s.svc, year, unit_id).await?))
}

/// The figures of a year beside the year before, as .xlsx.
pub async fn statistics_xlsx(
    State(s): State<AppState>,
    q: Query<StatisticsQuery>,
) -> Result<axum::response::Response, ApiError> {
    let Json(now) =
        statistics(State(s.clone()), Query(StatisticsQuery { year: q.year.clone(), unit_id: q.unit_id.clone() }))
            .await?;
    let unit = now.unit_id.and_then(|u| i32::try_from(u).ok());
    let before = statistics::statistics(&s.svc, now.year - 1, unit).await?;
    let name = match unit {
        Some(u) => {
            kheo_service::units::list(&s.svc).await?.units.into_iter().find(|x| x.id == i64::from(u)).map(|x| x.name)
        }
        None => None,
    };
    let bytes = statistics::xlsx(&now, &before, name.as_deref());
    Ok(super::download(super::XLSX, &format!("thong-ke-{}.xlsx", now.year), bytes))
}
