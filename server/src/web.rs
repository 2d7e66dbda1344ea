//! The HTTP server: the JSON API, the pages, static files, and the
//! cross-site guard in front of everything that writes.

use crate::api;
use crate::page_cache::PageCache;
use axum::Router;
use axum::extract::{FromRef, Path, Query, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kheo_app::{App, shell};
use kheo_domain::i18n::{Lang, Problem};
use kheo_service::Services;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// Services.
    pub svc: Services,
    /// Leptos' settings.
    pub leptos: LeptosOptions,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos.clone()
    }
}

fn leptos_options(addr: SocketAddr) -> LeptosOptions {
    let env = std::env::var("LEPTOS_ENV").unwrap_or_default();
    LeptosOptions::builder()
        .output_name(std::env::var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|_| "kheo".into()))
        .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
        .site_pkg_dir(std::env::var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|_| "pkg".into()))
        .env(if env.eq_ignore_ascii_case("dev") { leptos_config::Env::DEV } else { leptos_config::Env::PROD })
        .site_addr(addr)
        .build()
}

/// The whole application router.
pub fn router(svc: Services, addr: SocketAddr) -> Router {
    let leptos = leptos_options(addr);
    let state = AppState { svc: svc.clone(), leptos: leptos.clone() };
    let routes = generate_route_list(App);
    let pages = PageCache::default();
    Router::new()
        .nest("/api/v1", api::router())
        .route("/lang/{lang}", get(set_lang))
        .route("/healthz", get(crate::site::healthz))
        .route("/judge/{cid}/pass", get(crate::site::judge_pass_again))
        .route("/setup", get(crate::site::setup_page).post(crate::site::setup_submit))
        .route("/templates/doi-thi.xlsx", get(team_template_xlsx))
        .route("/templates/doi-thi.csv", get(team_template_csv))
        .route("/templates/thanh-vien.xlsx", get(member_template_xlsx))
        .route("/templates/don-vi.xlsx", get(unit_template_xlsx))
        .route("/templates/mo-hinh.xlsx", get(model_template_xlsx))
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let svc = svc.clone();
                move || provide_context(svc.clone())
            },
            {
                let leptos = leptos.clone();
                move || shell(leptos.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state((svc.clone(), pages.clone()), crate::page_cache::serve))
        .layer(middleware::from_fn_with_state(state.clone(), crate::site::first_start))
        .layer(middleware::from_fn(crate::site::embedded_files))
        .layer(middleware::from_fn(same_site_writes))
        .layer(compression())
        .layer(middleware::from_fn_with_state((svc, pages), crate::page_cache::hit))
        .with_state(state)
}

/// Pages and JSON are gzipped on the way out: a phone on a commune hall's
/// Wi-Fi reads a leaderboard in a third of the bytes. The fastest level, as
/// the hall's whole audience asks at once. Static files come precompressed
/// from the release build (`--precompress`).
fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .quality(CompressionLevel::Fastest)
        .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("application/wasm")).and(WholeBodies))
}

/// Only bodies known in full: a gzip encoder holds what it has read until
/// its buffer fills, so a streamed page (staff pages render as their data
/// arrives) or the event stream would reach the browser late.
#[derive(Clone, Copy)]
struct WholeBodies;

impl Predicate for WholeBodies {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &axum::http::Response<B>) -> bool {
        response.body().size_hint().exact().is_some()
    }
}

/// Serves until interrupted: `kheo serve` (`hall` false) or Khéo started
/// with no arguments (`hall` true: every interface, the first free port
/// from 3000, the address printed with a QR code, the browser opened).
pub async fn serve(svc: Services, hall: bool) -> Result<(), String> {
    let listener = crate::hall::bind(hall).await?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // Listening on every interface: links and QR codes carry the hall's
    // address, not the laptop's 127.0.0.1.
    let lan = if addr.ip().is_unspecified() { crate::hall::lan_address() } else { None };
    if let Some(ip) = lan {
        kheo_app::ssr::set_lan_address(ip);
    }
    svc.hub.spawn_listener();
    spawn_session_sweeper(svc.clone());
    let url = kheo_service::db::url_from_env();
    crate::rolling::spawn(svc.clone(), &url);
    kheo_service::db::spawn_checkpointer(svc.db.clone());
    let hub = svc.hub.clone();
    let app = router(svc, addr);
    tracing::info!(embedded_site = crate::site::embedded(), "Khéo đang chạy tại http://{addr}");
    if hall {
        let data = kheo_service::backups::folder_for(&url).and_then(|b| b.parent().map(std::path::Path::to_path_buf));
        println!("{}", crate::hall::banner(addr.port(), lan, data.as_deref()));
        crate::hall::open_browser(&format!("http://localhost:{}", addr.port()));
    }
    crate::listen::serve(listener, app, hub, shutdown()).await;
    Ok(())
}

fn spawn_session_sweeper(svc: Services) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = kheo_service::accounts::auth::purge_expired_sessions(&svc).await {
                tracing::warn!(error = %e, "could not purge sessions");
            }
        }
    });
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

#[derive(serde::Deserialize)]
struct Next_ {
    next: Option<String>,
}

/// `/lang/{vi|en}?next=/path`: remembers the language for a year.
async fn set_lang(Path(lang): Path<String>, Query(q): Query<Next_>) -> Response {
    let lang = Lang::parse(&lang).unwrap_or_default();
    let next = kheo_app::ssr::safe_next(q.next, "/");
    let mut resp = Redirect::to(&next).into_response();
    let cookie = format!("{}={}; Path=/; SameSite=Lax; Max-Age=31536000", kheo_app::i18n::LANG_COOKIE, lang.code());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

/// The team sheet to fill in and import, as .xlsx.
async fn team_template_xlsx() -> Response {
    api::download(api::XLSX, "doi-thi.xlsx", kheo_service::contests::setup::team_template_xlsx())
}

/// The team sheet as CSV.
async fn team_template_csv() -> Response {
    let csv = kheo_service::contests::setup::team_template_csv().into_bytes();
    api::download("text/csv; charset=utf-8", "doi-thi.csv", csv)
}

/// The member list (danh sách trích ngang) a unit fills in and imports.
async fn member_template_xlsx() -> Response {
    api::download(api::XLSX, "thanh-vien.xlsx", kheo_service::registration::member_template_xlsx())
}

/// The unit sheet an admin fills in and imports.
async fn unit_template_xlsx() -> Response {
    api::download(api::XLSX, "don-vi.xlsx", kheo_service::units::template_xlsx())
}

async fn model_template_xlsx() -> Response {
    api::download(api::XLSX, "mo-hinh.xlsx", kheo_service::models::import::template_xlsx())
}

/// Refuses writes that another site's page sent. Server functions check
/// neither Origin nor a token by themselves; SameSite=Lax covers cookies,
/// and this covers browsers' own cross-site signals.
async fn same_site_writes(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let cross = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site");
    let origin_host = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null")
        .and_then(|o| o.split("://").nth(1).map(str::to_string));
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).map(str::to_string);
    let forwarded = headers.get("x-forwarded-host").and_then(|v| v.to_str().ok()).map(str::to_string);
    let mismatched = origin_host.is_some_and(|o| Some(&o) != host.as_ref() && Some(&o) != forwarded.as_ref());
    if cross || mismatched {
        let lang = api::request_lang(req.headers());
        let p = Problem::CrossSite;
        return api::problem_response(StatusCode::FORBIDDEN, &p, lang);
    }
    next.run(req).await
}
