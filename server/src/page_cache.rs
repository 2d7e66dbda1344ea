//! Rendered audience pages, kept per standings version. When the hall
//! scans the projector's QR code, hundreds of phones ask for the same
//! leaderboard at once; every one of them without a session sees the same
//! HTML until the standings change, so it is rendered once per version.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use kheo_app::PageKind;
use kheo_app::ssr::cookie;
use kheo_service::Services;
use kheo_service::standings::live::Epoch;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Larger pages than this are served but not kept.
const MAX_PAGE: usize = 512 * 1024;

/// How long a kept page is trusted on this instance's word alone (nothing
/// committed here, nothing announced by another instance) before the
/// database's version is read again: it bounds how stale a page can be
/// when a change came by a way the instance does not hear of (the command
/// line writing to the same SQLite file, a notification lost with
/// PostgreSQL's connection).
const TRUSTED_FOR: Duration = Duration::from_secs(1);

#[derive(Clone, Hash, PartialEq, Eq)]
struct Key {
    host: String,
    path: String,
    lang: Option<String>,
}

struct Page {
    version: i64,
    epoch: Epoch,
    checked: Instant,
    content_type: HeaderValue,
    body: Bytes,
    /// The same page gzipped, once per version rather than per request.
    gzip: Bytes,
}

/// The cache, shared by every request of one instance.
#[derive(Clone, Default)]
pub struct PageCache(Arc<Mutex<HashMap<Key, Page>>>);

/// The contest id of an audience page's path, when the page can be kept.
fn contest_page(path: &str) -> Option<i32> {
    match PageKind::of(path) {
        PageKind::Board | PageKind::Projector | PageKind::Overlay | PageKind::Play => {
            path.split('/').nth(2)?.parse().ok()
        }
        _ => None,
    }
}

/// The contest and key of a request whose page can be kept: an audience
/// page, asked for without a session or a query string.
fn keepable(req: &Request) -> Option<(i32, Key)> {
    if req.method() != Method::GET || req.uri().query().is_some() {
        return None;
    }
    let cid = contest_page(req.uri().path())?;
    let headers = req.headers();
    if cookie(headers, kheo_app::ssr::SESSION_COOKIE).is_some() {
        return None;
    }
    let key = Key {
        host: headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default().to_string(),
        path: req.uri().path().to_string(),
        lang: cookie(headers, kheo_app::i18n::LANG_COOKIE),
    };
    Some((cid, key))
}

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|a| a.trim().split(';').next() == Some("gzip")))
}

/// The outermost layer: answers from a kept page that is still current
/// before any other layer runs. The hall's whole audience asks for the
/// same page, so this is most of its requests; the page's current version
/// is known from what the instance has heard (`Hub::epoch`), and the
/// database is asked at most once a second per page.
pub async fn hit(State((svc, cache)): State<(Services, PageCache)>, req: Request, next: Next) -> Response {
    let Some((cid, key)) = keepable(&req) else { return next.run(req).await };
    let gzip = accepts_gzip(req.headers());
    let epoch = svc.hub.epoch(cid);
    let trusted = |p: &Page| p.epoch == epoch && p.checked.elapsed() < TRUSTED_FOR;
    if let Some(resp) = cache.answer(&key, trusted, None, gzip) {
        return resp;
    }
    let Ok(version) = svc.hub.current(cid).await.map(|s| s.version) else { return next.run(req).await };
    if let Some(resp) = cache.answer(&key, |p| p.version == version, Some(epoch), gzip) {
        return resp;
    }
    next.run(req).await
}

impl PageCache {
    /// The kept page for `key` when `current` says it is; `checked`: the
    /// database has just confirmed it, as of that epoch.
    fn answer(
        &self,
        key: &Key,
        current: impl Fn(&Page) -> bool,
        checked: Option<Epoch>,
        gzip: bool,
    ) -> Option<Response> {
        let mut pages = self.0.lock().expect("page cache");
        let page = pages.get_mut(key).filter(|p| current(p))?;
        if let Some(epoch) = checked {
            page.epoch = epoch;
            page.checked = Instant::now();
        }
        let mut resp = Body::from(if gzip { page.gzip.clone() } else { page.body.clone() }).into_response();
        let h = resp.headers_mut();
        h.insert(header::CONTENT_TYPE, page.content_type.clone());
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if gzip {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        Some(resp)
    }
}

/// Inside the other layers: renders a page the cache may keep and keeps
/// it, with the version and epoch read before it was rendered (a change
/// meanwhile makes the next request render again). Other requests pass
/// straight through.
pub async fn serve(State((svc, cache)): State<(Services, PageCache)>, req: Request, next: Next) -> Response {
    let whole = req.method() == Method::GET && PageKind::of(req.uri().path()) != PageKind::App;
    let Some((cid, key)) = keepable(&req) else { return pass(req, next, whole).await };
    let epoch = svc.hub.epoch(cid);
    let Ok(version) = svc.hub.current(cid).await.map(|s| s.version) else { return pass(req, next, whole).await };
    let resp = next.run(req).await;
    if resp.status() != StatusCode::OK {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(body) = to_bytes(body, MAX_PAGE).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "page too large").into_response();
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .cloned()
        .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8"));
    let page = Page { version, epoch, checked: Instant::now(), content_type, body: body.clone(), gzip: gzipped(&body) };
    cache.0.lock().expect("page cache").insert(key, page);
    Response::from_parts(parts, Body::from(body))
}

fn gzipped(body: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), flate2::Compression::default());
    let _ = encoder.write_all(body);
    encoder.finish().unwrap_or_default().into()
}

/// A request the cache does not keep. An audience page or a field page (a
/// judge's, a unit's form, sign-in) is still handed on whole: it renders
/// completely before its first byte anyway (`SsrMode::Async`), and a whole
/// body can be gzipped for the phones and tablets.
async fn pass(req: Request, next: Next, whole: bool) -> Response {
    let resp = next.run(req).await;
    if !whole {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    match to_bytes(body, MAX_PAGE).await {
        Ok(body) => Response::from_parts(parts, Body::from(body)),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "page too large").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::contest_page;

    #[test]
    fn only_contest_audience_pages_are_kept() {
        assert_eq!(contest_page("/contests/7"), Some(7));
        assert_eq!(contest_page("/contests/7/projector"), Some(7));
        assert_eq!(contest_page("/contests/7/overlay"), Some(7));
        assert_eq!(contest_page("/"), None);
        assert_eq!(contest_page("/manage/7"), None);
        assert_eq!(contest_page("/contests/x"), None);
    }
}
