//! `GET …/leaderboard` and its live stream.
//!
//! The stream is written by hand rather than through axum's `Sse`: each
//! version's event is formatted once (see `Snapshot::frame`) and the same
//! bytes go to every viewer, which is what lets one instance hold many
//! thousands of them.

use super::ApiError;
use super::extract::id;
use crate::web::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use kheo_service::standings::live::Snapshot;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Comment lines keep proxies and phones from dropping an idle stream: every
/// 15 s (the contract's bound), or `KHEO_SSE_HEARTBEAT_SECS`.
fn heartbeat() -> Duration {
    static EVERY: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *EVERY.get_or_init(|| {
        let secs = std::env::var("KHEO_SSE_HEARTBEAT_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(15u64);
        Duration::from_secs(secs.clamp(1, 15))
    })
}

pub async fn get(State(s): State<AppState>, Path(cid): Path<String>) -> Result<Response, ApiError> {
    let snap = s.svc.hub.current(id(&cid, "contest")?).await?;
    let mut resp = Body::from(snap.json.to_string()).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(resp)
}

/// One viewer of a contest's stream, whichever way its connection is held
/// (through the router here, or by `crate::stream` without hyper).
pub(crate) struct Viewer {
    rx: watch::Receiver<Option<Arc<Snapshot>>>,
    last_sent: Option<i64>,
    heartbeat: tokio::time::Interval,
    greeted: bool,
}

impl Viewer {
    /// A viewer of `rx` that last saw `last_sent` (a reconnecting
    /// browser's `Last-Event-ID`): it gets only newer news.
    pub(crate) fn new(rx: watch::Receiver<Option<Arc<Snapshot>>>, last_sent: Option<i64>) -> Self {
        let every = heartbeat();
        let mut heartbeat = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        Viewer { rx, last_sent, heartbeat, greeted: false }
    }

    /// The next bytes for this viewer: the newest version it has not seen,
    /// or a heartbeat when nothing changed for a while.
    pub(crate) async fn next(&mut self) -> Option<Bytes> {
        if !self.greeted {
            self.greeted = true;
            // The browser waits this long before reconnecting.
            let mut first = b"retry: 2000\n\n".to_vec();
            if let Some(frame) = self.unseen() {
                first.extend_from_slice(&frame);
            }
            return Some(first.into());
        }
        loop {
            tokio::select! {
                changed = self.rx.changed() => {
                    changed.ok()?;
                    if let Some(frame) = self.unseen() {
                        self.heartbeat.reset();
                        return Some(frame);
                    }
                }
                _ = self.heartbeat.tick() => return Some(Bytes::from_static(b": keep-alive\n\n")),
            }
        }
    }

    fn unseen(&mut self) -> Option<Bytes> {
        let snap = self.rx.borrow_and_update().clone()?;
        if self.last_sent.is_some_and(|v| v >= snap.version) {
            return None;
        }
        self.last_sent = Some(snap.version);
        Some(snap.frame.clone())
    }
}

pub async fn stream(
    State(s): State<AppState>,
    Path(cid): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let rx = s.svc.hub.subscribe(id(&cid, "contest")?).await?;
    let last_sent = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok());
    let viewer = Viewer::new(rx, last_sent);
    let body = futures::stream::unfold(viewer, |mut v| async move {
        let bytes = v.next().await?;
        Some((Ok::<_, Infallible>(bytes), v))
    });
    let mut resp = Body::from_stream(body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // Tells nginx not to buffer the stream.
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(resp)
}
